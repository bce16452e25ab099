use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Status;

pub struct ClosedWithoutReason;

static DOC: RuleDoc = RuleDoc {
    name: "closed-without-reason",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item is closed, deprioritized or won't-do without a stated reason",
    why: "Closing an item that will not be done is healthy when the reason is written down: \
\"If the abandonment reason is 'deprioritized,' explicitly close it (with a stated reason). If \
it's 'we forgot,' the tracking process is broken.\" A reason after the status \
(`deprioritized: superseded by the queue rewrite`) or in a Reason or Notes column counts.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 3 | Shard the session store | @lee | 2026-11-01 | prevent | deprioritized |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 3 | Shard the session store | @lee | 2026-11-01 | prevent | deprioritized: superseded by the queue rewrite |
",
};

impl Rule for ClosedWithoutReason {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in &actions.items {
            let Some(status) = &item.status else { continue };
            let Some((Status::Closed, rest)) = item.status_and_rest() else {
                continue;
            };
            let has_reason = !rest.is_empty()
                || item
                    .reason
                    .as_ref()
                    .is_some_and(|r| !r.text.trim().is_empty());
            if has_reason {
                continue;
            }
            out.push(
                Finding::new(
                    status.range.clone(),
                    format!("action item closed as `{}` without a reason", status.text),
                )
                .label("why will this not be done?")
                .help("write the reason after the status, e.g. `deprioritized: superseded by the queue rewrite`"),
            );
        }
    }
}
