use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct UntrackedActionItem;

static DOC: RuleDoc = RuleDoc {
    name: "untracked-action-item",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item states no owner, due date, type or status",
    why: "A plain bullet under Action items is a wish, not a commitment: with no owner, no due \
date, no prevent/mitigate/detect type and no status, nobody can tell whether it was ever done, \
and it is the first to be silently abandoned. One finding says so, instead of one per missing \
field; an item that states some fields but not all gets the field rules' findings.",
    bad: "## Action items
- Add an alert on connection-pool saturation
",
    good: "## Action items
- Add an alert on connection-pool saturation — owner: @db-oncall, due: 2026-12-15, type: detect, status: open
",
};

impl Rule for UntrackedActionItem {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in actions.items.iter().filter(|i| actions.is_untracked(i)) {
            out.push(
                Finding::new(
                    item.anchor.clone(),
                    "action item is untracked: no owner, due date, type or status",
                )
                .label("who does this, by when?")
                .help("add `owner:`, `due:`, `type:` (prevent, mitigate or detect) and `status:`, or make it a row of the action-items table"),
            );
        }
    }
}
