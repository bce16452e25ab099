use super::action_field::FieldRule;
use super::placeholder::is_placeholder_value;
use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Column;

static FIELD: FieldRule = FieldRule {
    column: Column::Owner,
    noun: "owner",
    label: "who will do this?",
    help: "name one person or team, e.g. `@db-oncall`",
};

pub struct ActionItemWithoutOwner;

static DOC: RuleDoc = RuleDoc {
    name: "action-item-without-owner",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item names no owner",
    why: "An action item that belongs to everyone belongs to no one: it is the first to be \
silently abandoned. Name one person or team. `-`, `?`, `TBD`, `n/a`, `none` and `@yyy` are \
placeholders, not owners. In a list item, an `owner:` field or an @handle names the owner. An item that links a ticket is not asked: its tracker holds the \
owner (`[trackers] holds`).",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | TBD | 2026-12-15 | prevent | open |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @payments-oncall | 2026-12-15 | prevent | open |
",
};

impl Rule for ActionItemWithoutOwner {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        FIELD.check(cx, out, &|_| true, &|f| {
            is_placeholder_value(&f.text)
                .then(|| format!("action item owner `{}` is a placeholder", f.text))
        }, &|_| None);
    }
}
