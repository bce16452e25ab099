use super::action_field::FieldRule;
use super::placeholder::is_placeholder_value;
use super::times::due_date;
use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Column;

static FIELD: FieldRule = FieldRule {
    column: Column::Due,
    noun: "due date",
    label: "by when?",
    help: "write a date such as `2026-12-15`",
};

pub struct ActionItemWithoutDueDate;

static DOC: RuleDoc = RuleDoc {
    name: "action-item-without-due-date",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item has no due date, or its due date is not a date",
    why: "Without a due date nobody can tell an item in progress from one that was forgotten, \
and completion at 30, 60 and 90 days cannot be measured. Accepted forms: `2026-12-15`, \
`2026/12/15`, `12/15` (the year of the incident), `12/15/2026`, `Dec 15, 2026`, `15 Dec 2026`, `15-Dec-2026`, and a quarter (`Q4 2026`, `Q4`: its last day). \
An item already done or closed is not asked for one, nor one that links a ticket: its \
tracker holds the date (`[trackers] holds`).",
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

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        // A due date matters while an item is open: one done or closed has its answer.
        let open = |i: &crate::document::ActionItem| i.status().is_none_or(|s| s.is_open());
        FIELD.check(cx, out, &open, &|f| {
            if is_placeholder_value(&f.text) {
                Some(format!("due date `{}` is a placeholder", f.text))
            } else if due_date(cx.doc, f, cx.as_of).is_none() {
                Some(format!("due date `{}` is not a date", f.text))
            } else {
                None
            }
        }, &|_| None);
    }
}
