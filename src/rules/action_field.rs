//! The skeleton the four action-item field rules share (owner, due date, type, status): which
//! items are judged, "action item has no …" for a field not written, and the rule's own
//! validator for one that is. Each rule keeps only its validator and its wording.

use super::{Context, Finding, Findings};
use crate::document::{ActionItem, Column, Field};

pub(super) struct FieldRule {
    pub column: Column,
    /// "owner", "due date", "type", "status".
    pub noun: &'static str,
    pub label: &'static str,
    pub help: &'static str,
}

impl FieldRule {
    /// Reports each judged item (see `ActionItems::judges`) for which `applies` holds: an
    /// absent or empty field, or what `invalid` says is wrong with a written one.
    pub fn check(
        &self,
        cx: &Context<'_>,
        out: &mut Findings<'_>,
        applies: &dyn Fn(&ActionItem) -> bool,
        invalid: &dyn Fn(&Field) -> Option<String>,
        correct: &dyn Fn(&Field) -> Option<String>,
    ) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        let absent = || format!("action item has no {}", self.noun);
        for item in actions
            .items
            .iter()
            .filter(|i| actions.judges(i, self.column) && applies(i))
        {
            let (range, message, fix) = match item.field(self.column) {
                None => (item.anchor.clone(), absent(), None),
                Some(f) if f.text.trim().is_empty() => (f.range.clone(), absent(), None),
                Some(f) => match invalid(f) {
                    Some(message) => {
                        let fix = correct(f)
                            .and_then(|word| super::edits::correct_value(cx.doc, f, &word));
                        (f.range.clone(), message, fix)
                    }
                    None => continue,
                },
            };
            let mut finding = Finding::new(range, message)
                .label(self.label)
                .help(self.help);
            finding.fixes.extend(fix);
            out.push(finding);
        }
    }
}
