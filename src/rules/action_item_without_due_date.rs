use super::shared::{due_date, is_placeholder_value};
use super::{Context, Finding, Rule, RuleDoc, Severity};
use crate::document::Column;

pub struct ActionItemWithoutDueDate;

static DOC: RuleDoc = RuleDoc {
    name: "action-item-without-due-date",
    severity: Severity::Error,
    document_level: false,
    summary: "an action item has no due date, or its due date is not a date",
    why: "Without a due date nobody can tell an item in progress from one that was forgotten, \
and completion at 30, 60 and 90 days cannot be measured. Accepted forms: `2026-12-15`, \
`2026/12/15`, `12/15` (the year of the incident), `12/15/2026`, `Dec 15, 2026`, `15 Dec 2026`. \
An item already done or closed is not asked for one.",
    bad: "## Action items
- [ ] Load test pool limits in CI — owner: @dana, due: next sprint, type: prevent
",
    good: "## Action items
- [ ] Load test pool limits in CI — owner: @dana, due: 2026-12-15, type: prevent
",
};

impl Rule for ActionItemWithoutDueDate {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in actions
            .items
            .iter()
            .filter(|i| actions.judges(i, Column::Due))
            // A due date matters while an item is open: one done or closed has its answer.
            .filter(|i| i.status().is_none_or(|s| s.is_open()))
        {
            let (range, message) = match &item.due {
                None => (
                    item.anchor.clone(),
                    "action item has no due date".to_owned(),
                ),
                Some(f) if f.text.trim().is_empty() => {
                    (f.range.clone(), "action item has no due date".to_owned())
                }
                Some(f) if is_placeholder_value(&f.text) => (
                    f.range.clone(),
                    format!("due date `{}` is a placeholder", f.text),
                ),
                Some(f) if due_date(cx.doc, f, cx.as_of).is_none() => (
                    f.range.clone(),
                    format!("due date `{}` is not a date", f.text),
                ),
                Some(_) => continue,
            };
            out.push(
                Finding::new(range, message)
                    .label("by when?")
                    .help("write a date such as `2026-12-15`"),
            );
        }
    }
}
