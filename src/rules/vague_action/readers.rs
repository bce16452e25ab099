//! Follow-ups that are told to the readers, not committed by the team: the post's own plan
//! ("we will discuss what steps were taken"), a message to those affected ("we are reaching
//! out to those who …"), what the post shares ("we'd like to share the plan").

use crate::document::sentences::Word;

/// Verbs of telling the readers (stems): "we'd like to share", "we want to explain".
pub(super) const TELLING: [&str; 6] = ["shar", "explain", "describ", "tell", "outlin", "walk"];

/// Who a sentence addressed to the readers names: "reach out to those affected", "remind
/// everyone that …".
pub(super) const READERS: [&str; 8] = ["everyone", "you", "your", "users", "customers", "those", "affected", "readers"];

/// Whether the words after a non-committal verb (from word `k`) tell the readers something,
/// not commit the team: the post's own plan ("we will discuss what steps were taken", "we
/// will look at how the registry works" in a post-mortem's introduction) or a message to
/// those affected ("we are reaching out directly to those who …").
pub(super) fn to_readers(doc: &crate::document::Document<'_>, range: &std::ops::Range<usize>, w: &[Word], k: usize) -> bool {
    let Some(next) = w.get(k) else {
        return false;
    };
    let wh = matches!(next.lower.as_str(), "what" | "how" | "why");
    // The sentence, lowercased once for both tests below.
    let text = doc.slice(range.clone()).to_lowercase();
    // "We will also discuss the steps taken to prevent it": what was done, told; "This is a
    // page where I will discuss any downtime": what the page is for.
    let taken = w[k..w.len().min(k + 4)].iter().any(|x| x.lower == "taken")
        || [
            "this page", "this post", "this report", "this document", "this write-up", "this postmortem", "this post-mortem", "this article",
            "page where", "post where", "report where", "postmortem where", "post-mortem where",
        ]
        .iter()
        .any(|p| text.contains(p));
    let told = taken
        || wh
            && (w[k + 1..w.len().min(k + 6)]
                .iter()
                .any(|x| matches!(x.lower.as_str(), "was" | "were" | "happened"))
                || text.contains("post")
                || text.contains("this report")
                || text.contains("below"));
    let affected = matches!(next.lower.as_str(), "to" | "directly" | "with")
        && w[k + 1..w.len().min(k + 4)]
            .iter()
            .any(|x| matches!(x.lower.as_str(), "those" | "affected" | "customers" | "users" | "you"));
    let reach_you = w[..k].iter().any(|x| x.lower == "your");
    told || affected || reach_you
}
