use super::{Context, Finding, Rule, RuleDoc, Severity};
use crate::document::Column;
use crate::document::parse_status;

pub struct InvalidActionStatus;

static DOC: RuleDoc = RuleDoc {
    name: "invalid-action-status",
    severity: Severity::Error,
    document_level: false,
    summary: "an action item's status is empty or not a known status",
    why: "Completion can only be tracked when every item says where it stands. The statuses \
are open, in progress, done, and the closed forms (closed, deprioritized, won't do, wontfix), \
which need a stated reason. In a list, a checkbox is a status: `[ ]` open, `[x]` done.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | soon |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | in progress |
",
};

impl Rule for InvalidActionStatus {
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
            .filter(|i| actions.judges(i, Column::Status))
        {
            let (range, message) = match &item.status {
                None => (item.anchor.clone(), "action item has no status".to_owned()),
                Some(f) if f.text.trim().is_empty() => {
                    (f.range.clone(), "action item has no status".to_owned())
                }
                Some(f) if parse_status(&f.text).is_none() => (
                    f.range.clone(),
                    format!("status `{}` is not a known status", f.text),
                ),
                Some(_) => continue,
            };
            out.push(
                Finding::new(range, message)
                    .label("where does this item stand?")
                    .help("use open, in progress, done, or a closed form with its reason (`deprioritized: …`); in a list, `- [ ]` or `- [x]`"),
            );
        }
    }
}
