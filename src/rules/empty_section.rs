use super::shared::placeholders;
use super::{Context, Finding, Rule, RuleDoc, Severity};

pub struct EmptySection;

static DOC: RuleDoc = RuleDoc {
    name: "empty-section",
    severity: Severity::Error,
    summary: "a template section has a heading but no content",
    why: "An empty section looks answered to a reader who skims the headings, yet nothing was \
written. A heading left with only a template hint, an HTML comment or `TBD` under it is the \
first sign of a postmortem filled in as ritual.",
    bad: "## What went well
<!-- detection / collaboration / recovery steps that worked -->

## Lessons learned
TBD
",
    good: "## What went well
The rollback runbook worked as written and took four minutes.

## Lessons learned
Pool limits change behaviour under load and need a load test before release.
",
};

impl Rule for EmptySection {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for section in doc.sections.iter().filter(|s| s.kind.is_some()) {
            let text = doc.prose_text(section.body.clone());
            let mut rest = text.clone();
            for r in placeholders(&text).collect::<Vec<_>>().into_iter().rev() {
                rest.replace_range(r, "");
            }
            let has_content = rest.chars().any(char::is_alphanumeric);
            // A code block (a log excerpt, a query) is content even though rules skip it.
            let raw = doc.slice(section.body.clone());
            let has_code = raw.contains("```") || raw.contains("~~~");
            if has_content || has_code {
                continue;
            }
            out.push(
                Finding::new(
                    section.heading.text_range.clone(),
                    format!("the {} section is empty", section.heading.text),
                )
                .label("nothing is written under this heading")
                .help("write what happened, or say why it does not apply; a template hint or TBD is not content"),
            );
        }
    }
}
