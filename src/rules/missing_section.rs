use super::wording::join_and;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::MetaKey;

pub struct MissingSection;

static DOC: RuleDoc = RuleDoc {
    name: "missing-section",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "a required section of the template is absent",
    why: "The template's sections are the questions a postmortem exists to answer: what the \
impact was, how the incident was detected, how people responded, what contributed, what went \
well, what was learned and what will change. A missing section is a question nobody asked, and \
the gap is invisible to readers who skim. The trigger has its own rule, `missing-trigger`.",
    bad: "# Postmortem: checkout latency
## Summary
Checkout p99 latency rose to 9 s for 48 minutes.
## Timeline (UTC)
- 14:02 alert fired
",
    good: "# Postmortem: checkout latency
## Status
Owner: @dana · Reviewers: @lee · Status: review
## Summary
Checkout p99 latency rose to 9 s for 48 minutes.
## Impact
12% of checkouts failed.
## Timeline (UTC)
- 14:02 alert fired
## Detection
The latency SLO alert paged the on-call engineer.
## Response
The on-call engineer rolled back the release.
## Contributing factors
The connection-pool limit was not load tested.
## What went well
The rollback took four minutes.
## Lessons learned
Pool limits need a load test before release.
## Action items
- [ ] Load test pool limits in CI — owner: @dana, due: 2026-12-15, type: prevent
## Trigger
The release raised traffic per pod past the pool limit.
",
};

impl Rule for MissingSection {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        // Status may be given as front matter or `Key: value` lines before the first section.
        let has_metadata = doc
            .metadata
            .fields
            .iter()
            .any(|f| MetaKey::REQUIRED.contains(&f.key));
        let missing: Vec<&str> = doc
            .template()
            .sections
            .iter()
            .filter(|s| s.required && s.id != "trigger")
            .filter(|s| !(s.id == "status" && has_metadata))
            .filter(|s| doc.section(&s.id).is_none())
            .map(|s| s.name.as_str())
            .collect();
        let Some(first) = missing.first() else {
            return;
        };
        let message = if missing.len() == 1 {
            format!("no {first} section")
        } else {
            format!("missing sections: {}", join_and(&missing))
        };
        out.push(
            Finding::new(doc.anchor(), message)
                .label(if missing.len() == 1 { "this postmortem lacks it" } else { "this postmortem lacks them" })
                .help(format!(
                    "add a heading for each, e.g. `## {first}`; `postmortem-lint explain missing-section` lists the headings accepted"
                )),
        );
    }
}
