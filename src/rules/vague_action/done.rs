//! Follow-ups that name no remedy ("implement measures to prevent …") and follow-ups already
//! done (a done status, a heading that says the actions under it are completed).

use super::LIGHT_VERBS;
use crate::document::sentences::Word;

/// Nouns of unnamed remedies (stems): "implement measures to prevent similar incidents".
const UNNAMED: [&str; 6] = ["measur", "step", "action", "precaution", "safeguard", "mechanism"];

/// Whether the follow-up whose head is word `h` makes or takes remedies it does not name:
/// "implement measures to prevent similar incidents", "take the necessary steps to ensure …"
/// (not "… measures such as rate limiting", "steps: …").
pub(super) fn unnamed_remedy(text: &str, w: &[Word], h: usize) -> Option<usize> {
    // "we are implementing safeguards": work told as under way, not a promise.
    if w[h].lower.ends_with("ing") || !(LIGHT_VERBS.contains(&w[h].stem.as_str()) || matches!(w[h].stem.as_str(), "tak" | "put" | "adopt")) {
        return None;
    }
    let mut k = h + 1;
    while k < w.len().min(h + 4)
        && matches!(
            w[k].lower.as_str(),
            "the" | "some" | "additional" | "further" | "necessary" | "appropriate" | "preventive" | "preventative" | "new" | "more" | "all" | "relevant" | "corrective" | "proper"
        )
    {
        k += 1;
    }
    let noun = w.get(k).filter(|x| UNNAMED.iter().any(|u| x.lower.starts_with(u)) && x.lower.ends_with('s'))?;
    let named = text.get(noun.range.end..).is_some_and(|after| after.trim_start().starts_with(':'))
        || w.get(k + 1).is_some_and(|x| matches!(x.lower.as_str(), "such" | "including" | "like" | "for"));
    let purpose = w.get(k + 1).is_some_and(|x| matches!(x.lower.as_str(), "to" | "that" | "in" | "so"));
    (!named && (purpose || k + 1 == w.len())).then_some(k + 1 - h)
}

/// Whether `at` lies under a heading that says what is under it is done ("Immediate actions
/// (completed)"): a record of the response, not follow-ups.
pub(super) fn under_done_heading(doc: &crate::document::Document<'_>, at: usize) -> bool {
    doc.sections
        .iter()
        .rev()
        .find(|s| s.heading.range.end <= at)
        .is_some_and(|s| crate::document::status::heading_says_done(&s.heading.text))
}

/// Whether the action item holding byte `at` says it is done (its status field, checkbox or
/// done mark).
pub(super) fn item_done(doc: &crate::document::Document<'_>, at: usize) -> bool {
    doc.action_items.as_ref().is_some_and(|actions| {
        actions
            .items
            .iter()
            .any(|item| item.range.contains(&at) && item.status() == Some(crate::document::Status::Done))
    })
}
