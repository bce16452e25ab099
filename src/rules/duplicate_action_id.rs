use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// An action item ID, ASCII as written or else lowercased: equal when their lowercase forms
/// are (a lowercased ID has no ASCII capitals left, so ignoring ASCII case is enough).
struct IdKey<'s>(Cow<'s, str>);

impl PartialEq for IdKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for IdKey<'_> {}

impl Hash for IdKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

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

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(actions) = &doc.action_items else {
            return;
        };
        let mut seen: HashMap<IdKey<'_>, usize> = HashMap::with_capacity(actions.items.len());
        for id in actions.items.iter().filter_map(|i| i.id.as_ref()) {
            let key = id.text.trim().trim_start_matches('#').trim();
            if key.is_empty() {
                continue;
            }
            // IDs compare as their lowercase forms do; an ASCII one is compared as it is.
            let key = IdKey(if key.is_ascii() {
                Cow::Borrowed(key)
            } else {
                Cow::Owned(key.to_lowercase())
            });
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
