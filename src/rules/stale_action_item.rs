use super::times::due_date;
use super::{Context, Finding, Findings, Rule, RuleDoc, RuleOption, Scope, Severity};
use crate::document::Status;

pub struct StaleActionItem;

/// `[rules.stale-action-item] after-days`.
const AFTER_DAYS: RuleOption = RuleOption {
    name: "after-days",
    default: 90,
    summary: "days after it was written that an open item counts as stale",
};

static DOC: RuleDoc = RuleDoc {
    name: "stale-action-item",
    severity: Severity::Warning,
    scope: Scope::History,
    options: &[AFTER_DAYS],
    summary: "an action item is still open long after it was written (from git history)",
    why: "Postmortems that don't track completion are the on-ramp to ritualization, and in \
organisations where over half the items are abandoned the postmortem itself is ritualizing. Git \
already recorded when every item was written: an item still open or in progress more than 90 \
days later (`after-days` under `[rules.stale-action-item]`) is either late or quietly abandoned. Finish it, or \
close it with a stated reason. An item past its due date is reported once, by \
`overdue-action-item`, not again here. The rule needs the repository's history, so it says nothing \
outside a repository, in a shallow clone, or with `--no-history`. An item that links a ticket is left to its tracker, which \
holds its status (`[trackers] holds`).",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Shard the session store | @lee | 2026-03-01 | prevent | open |
(written in January, still open in November)
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Shard the session store | @lee | 2026-03-01 | prevent | deprioritized: superseded by the queue rewrite |
",
};

impl Rule for StaleActionItem {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let (Some(written), Some(actions)) = (cx.written, &cx.doc.action_items) else {
            return;
        };
        for item in &actions.items {
            let Some(status) = &item.status else { continue };
            // The tracker holds its status: the document's "open" may be old.
            if actions.tracker_holds(item, crate::document::Column::Status) {
                continue;
            }
            if !matches!(
                item.status_and_rest(),
                Some((Status::Open | Status::InProgress, _))
            ) {
                continue;
            }
            let still = match item.status_and_rest() {
                Some((Status::InProgress, _)) => "in progress",
                _ => "open",
            };
            let Some(since) = written.get(&item.key()) else {
                continue;
            };
            // Past its due date, it is `overdue-action-item`'s finding: one finding per item.
            if item
                .due
                .as_ref()
                .and_then(|due| due_date(cx.doc, due, cx.as_of))
                .is_some_and(|date| date < cx.as_of)
            {
                continue;
            }
            let days = cx.as_of.days() - since.days();
            if days <= cx.option(&DOC, &AFTER_DAYS) {
                continue;
            }
            out.push(
                Finding::new(status.range.clone(), format!("action item has been {still} for {days} days, since {since}"))
                    .label("written long ago, still open")
                    .help("finish it, or close it with the reason it will not be done (`deprioritized: …`)"),
            );
        }
    }
}
