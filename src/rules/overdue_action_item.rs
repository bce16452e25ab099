use super::times::due_date;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct OverdueActionItem;

static DOC: RuleDoc = RuleDoc {
    name: "overdue-action-item",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "an open or in-progress action item is past its due date",
    why: "Postmortems that don't track completion are the on-ramp to ritualization. An item past \
its due date and still open is either late, or already abandoned without anyone saying so. \
\"Today\" is `--as-of` when given, so that runs are reproducible, and the current date \
otherwise. An item that links a ticket is left to its tracker, which holds its status and \
date (`[trackers] holds`): the document's may be out of date.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2020-01-15 | prevent | open |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2020-01-15 | prevent | done |
",
};

impl Rule for OverdueActionItem {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in &actions.items {
            let (Some(status), Some(due)) = (&item.status, &item.due) else {
                continue;
            };
            // The tracker holds its status or its date: what the document says may be old.
            if actions.tracker_holds(item, crate::document::Column::Status)
                || actions.tracker_holds(item, crate::document::Column::Due)
            {
                continue;
            }
            let Some((status_kind, _)) = item.status_and_rest() else {
                continue;
            };
            let Some(date) = due_date(cx.doc, due, cx.as_of) else {
                continue;
            };
            if !status_kind.is_open() || date >= cx.as_of {
                continue;
            }
            let days = cx.as_of.days() - date.days();
            out.push(
                Finding::new(due.range.clone(), format!("action item was due {date} and is still {}", status.text.trim().to_lowercase()))
                    .label(format!("{days} {} overdue", if days == 1 { "day" } else { "days" }))
                    .help("finish it, move the date and say why, or close it with a reason (`deprioritized: …`)"),
            );
        }
    }
}
