use super::wording::join_and;
use super::{Applicability, Context, Edit, Finding, Findings, Fix, Rule, RuleDoc, Scope, Severity};
use crate::document::{Document, MetaKey};

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
        let template = doc.template();
        // Status may be given as front matter or `Key: value` lines before the first section.
        let has_metadata = doc
            .metadata
            .fields
            .iter()
            .any(|f| MetaKey::REQUIRED.contains(&f.key));
        let missing: Vec<usize> = (0..template.sections.len())
            .filter(|&i| {
                let s = &template.sections[i];
                s.required
                    && s.id != "trigger"
                    && !(s.id == "status" && has_metadata)
                    && doc.section(&s.id).is_none()
            })
            .collect();
        let names: Vec<&str> = missing
            .iter()
            .map(|&i| template.sections[i].name.as_str())
            .collect();
        let Some(first) = names.first() else {
            return;
        };
        let message = if names.len() == 1 {
            format!("no {first} section")
        } else {
            format!("missing sections: {}", join_and(&names))
        };
        out.push(
            Finding::new(doc.anchor(), message)
                .label(if names.len() == 1 { "this postmortem lacks it" } else { "this postmortem lacks them" })
                .help(format!(
                    "add a heading for each, e.g. `## {first}`; `postmortem-lint explain missing-section` lists the headings accepted"
                ))
                .fix(insert_sections(doc, &missing, &names)),
        );
    }
}

/// The missing sections as empty headings in template order: each before the next section of
/// the template that the document has, else at the end. Offered in an editor only: an empty
/// section is a finding of its own until someone writes it.
fn insert_sections(doc: &Document<'_>, missing: &[usize], names: &[&str]) -> Fix {
    let template = doc.template();
    let level = doc.sections.first().map_or(2, |s| s.heading.level.max(2));
    let marks = "#".repeat(level as usize);
    let end = doc.text().len();
    let mut edits: Vec<Edit> = Vec::new();
    for &i in missing {
        let before = template.sections[i + 1..]
            .iter()
            .find_map(|later| doc.section(&later.id).map(|s| s.heading.range.start));
        let at = before.unwrap_or(end);
        let heading = format!("{marks} {}\n\n", template.sections[i].name);
        match edits.iter_mut().find(|e| e.range.start == at) {
            Some(edit) => edit.text.push_str(&heading),
            None => edits.push(Edit::insert(at, heading)),
        }
    }
    for edit in &mut edits {
        if edit.range.start == end {
            let lead = if doc.text().ends_with("\n\n") || doc.text().is_empty() {
                ""
            } else if doc.text().ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            edit.text = format!("{lead}{}", edit.text.trim_end_matches('\n')) + "\n";
        }
    }
    Fix::new(
        format!("Insert the missing sections: {}", names.join(", ")),
        Applicability::DisplayOnly,
        edits,
    )
}
