use super::action_field::FieldRule;
use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::{Column, parse_status};

static FIELD: FieldRule = FieldRule {
    column: Column::Status,
    noun: "status",
    label: "where does this item stand?",
    help: "use open, in progress, done, or a closed form with its reason (`deprioritized: …`); in a list, `- [ ]` or `- [x]`",
};

pub struct InvalidActionStatus;

static DOC: RuleDoc = RuleDoc {
    name: "invalid-action-status",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item's status is empty or not a known status",
    why: "Completion can only be tracked when every item says where it stands. The statuses \
are open, in progress, done, and the closed forms (closed, deprioritized, won't do, wontfix), \
which need a stated reason. In a list, a checkbox is a status: `[ ]` open, `[x]` done. An item that links a ticket is not asked: its tracker holds the \
status (`[trackers] holds`).",
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

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        FIELD.check(cx, out, &|_| true, &|f| {
            parse_status(&f.text)
                .is_none()
                .then(|| format!("status `{}` is not a known status", f.text))
        }, &|f| crate::document::misspelt_status(&f.text));
    }
}
