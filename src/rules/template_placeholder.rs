use super::placeholder::placeholders_in_parts;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use std::ops::Range;

pub struct TemplatePlaceholder;

static DOC: RuleDoc = RuleDoc {
    name: "template-placeholder",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "prose still holds a template placeholder such as `<incident name>`, `TBD` or `MM/DD`",
    why: "A placeholder left in a published postmortem means a question of the template was \
never answered, and it teaches readers that the document is a form to get through. Cells of \
the action-item table are judged by the action-item rules instead.",
    bad: "# Postmortem: <incident name>
## Impact
TBD, waiting for the billing numbers.
",
    good: "# Postmortem: checkout latency on 2026-09-18
## Impact
12% of checkouts failed; about 3,400 orders were retried by customers.
",
};

impl Rule for TemplatePlaceholder {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        // Action items belong to the action-item rules, which name the field at fault.
        let skip: Vec<Range<usize>> = doc
            .action_items
            .iter()
            .flat_map(|a| a.items.iter().map(|i| i.range.clone()))
            .collect();
        let parts = doc.prose_ranges(0..doc.text().len());
        for range in placeholders_in_parts(doc.text(), parts) {
            if skip
                .iter()
                .any(|s| s.start <= range.start && range.end <= s.end)
            {
                continue;
            }
            out.push(
                Finding::new(
                    range.clone(),
                    format!(
                        "template placeholder `{}` left in the text",
                        doc.slice(range)
                    ),
                )
                .label("placeholder")
                .help("replace it with what happened, or remove the line"),
            );
        }
    }
}
