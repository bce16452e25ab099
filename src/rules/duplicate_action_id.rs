use super::{Context, Finding, Rule, RuleDoc, Scope, Severity};
use std::collections::HashMap;

pub struct DuplicateActionId;

static DOC: RuleDoc = RuleDoc {
    name: "duplicate-action-id",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "two action items share an ID",
    why: "Action items are referred to by ID in tickets, in review meetings and in the \
completion history that `report` reads from git. Two items with one ID make every such \
reference ambiguous, and one of them will be tracked as the other.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | open |
| 1 | Page on pool saturation above 80% | @lee | 2026-12-01 | detect | open |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | open |
| 2 | Page on pool saturation above 80% | @lee | 2026-12-01 | detect | open |
",
};

impl Rule for DuplicateActionId {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Some(actions) = &doc.action_items else {
            return;
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for id in actions.items.iter().filter_map(|i| i.id.as_ref()) {
            let key = id.text.trim().trim_start_matches('#').trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(&key) {
                let (line, _) = doc.source().line_col(*first);
                out.push(
                    Finding::new(id.range.clone(), format!("action item ID `{}` is already used on line {line}", id.text))
                        .label("duplicate ID")
                        .help("give every action item its own ID; IDs are how tickets and reviews refer to items"),
                );
            } else {
                seen.insert(key, id.range.start);
            }
        }
    }
}
