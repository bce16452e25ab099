use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::ActionType;

pub struct UnbalancedActionTypes;

static DOC: RuleDoc = RuleDoc {
    name: "unbalanced-action-types",
    severity: Severity::Warning,
    scope: Scope::Document,
    options: &[],
    summary: "three or more action items are all of one type",
    why: "Per postmortem, watch the balance among prevent, mitigate and detect. All-prevent is \
operationally hard to implement, so it ritualizes; all-detect leaves root causes alone; \
all-mitigate accepts that the incident will happen again. A mix says the incident was looked at \
from more than one side.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | open |
| 2 | Review every pool setting | @lee | 2026-12-15 | prevent | open |
| 3 | Add a pool-size lint | @sam | 2026-12-15 | prevent | open |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | open |
| 2 | Shed load when the pool is saturated | @lee | 2026-12-15 | mitigate | open |
| 3 | Page on pool saturation above 80% | @sam | 2026-12-15 | detect | open |
",
};

impl Rule for UnbalancedActionTypes {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(actions) = &doc.action_items else {
            return;
        };
        let types: Vec<&str> = actions
            .items
            .iter()
            .filter_map(|i| {
                i.kind
                    .as_ref()
                    .and_then(|k| ActionType::parse(&k.text).map(ActionType::name))
            })
            .collect();
        let Some(first) = types.first() else { return };
        if types.len() < 3 || types.iter().any(|t| t != first) {
            return;
        }
        let anchor = actions.tables.first().map_or_else(
            || doc.sections[actions.section].heading.text_range.clone(),
            |t| t.header.clone(),
        );
        let help = match *first {
            "prevent" => {
                "all-prevent ritualizes: add a mitigate or detect item for the next time it happens"
            }
            "detect" => "all-detect leaves the causes alone: add a prevent item",
            _ => "all-mitigate accepts a repeat: add a prevent or detect item",
        };
        out.push(
            Finding::new(
                anchor,
                format!("all {} action items are of type {first}", types.len()),
            )
            .label("one type only")
            .help(help),
        );
    }
}
