use super::shared::is_placeholder_value;
use super::{Context, Finding, Rule, RuleDoc, Severity};
use crate::document::Column;

pub struct ActionItemWithoutOwner;

static DOC: RuleDoc = RuleDoc {
    name: "action-item-without-owner",
    severity: Severity::Error,
    document_level: false,
    summary: "an action item names no owner",
    why: "An action item that belongs to everyone belongs to no one: it is the first to be \
silently abandoned. Name one person or team. `-`, `?`, `TBD`, `n/a`, `none` and `@yyy` are \
placeholders, not owners. In a list item, an `owner:` field or an @handle names the owner.",
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

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in actions
            .items
            .iter()
            .filter(|i| actions.judges(i, Column::Owner))
        {
            let (range, message) = match &item.owner {
                None => (item.anchor.clone(), "action item has no owner".to_owned()),
                Some(f) if f.text.trim().is_empty() => {
                    (f.range.clone(), "action item has no owner".to_owned())
                }
                Some(f) if is_placeholder_value(&f.text) => (
                    f.range.clone(),
                    format!("action item owner `{}` is a placeholder", f.text),
                ),
                Some(_) => continue,
            };
            out.push(
                Finding::new(range, message)
                    .label("who will do this?")
                    .help("name one person or team, e.g. `@db-oncall`"),
            );
        }
    }
}
