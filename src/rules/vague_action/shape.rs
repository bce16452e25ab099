//! The shape of a follow-up: where its head is (after an ID, a label, an owner, a
//! commitment such as "we will"), and whether it is written as an instruction or a question.

use super::language;
use crate::document::sentences::Word;

/// Where the follow-up's head is: after an ID, a bold label ("**Action item:**"), an owner in
/// brackets, and a subject with a commitment ("we will", "the team should").
pub(super) fn head(text: &str, w: &[Word]) -> usize {
    let mut h = 0;
    // A label ending in a colon within the first words: "Action item: …", "P1: …".
    for k in 1..w.len().min(5) {
        if language::gap(text, &w[k - 1], &w[k]).contains(':') {
            h = k;
        }
    }
    // An owner in parentheses or brackets before the action: "(tc team) identify …".
    if h < w.len() && text[..w[h].range.start].trim_end().ends_with(['(', '['])
        && let Some(k) = (h..w.len()).find(|&k| text[w[k].range.end..].starts_with([')', ']']))
        // "[Investigate point in time recovery (#1097)](https://…)": a link's text is the action.
        && !text[w[k].range.end..].starts_with("](")
        && !text[w[k].range.end..].starts_with(")](")
    {
        h = k + 1;
    }
    // An owner written in capitals before the verb: "ICL check how to optimize …".
    if w.get(h).is_some_and(|x| x.lower.len() >= 2 && text[x.range.clone()].bytes().all(|b| b.is_ascii_uppercase())) && w.get(h + 1).is_some_and(|x| !x.capital) {
        h += 1;
    }
    while h < w.len()
        && (w[h].lower.chars().any(|c| c.is_ascii_digit())
            || matches!(w[h].lower.as_str(), "todo" | "action" | "item" | "ai" | "and" | "also" | "then" | "finally")
            // "A better process for flagging fires": the follow-up is the noun phrase.
            || h + 1 < w.len() && matches!(w[h].lower.as_str(), "a" | "an") && matches!(w[h + 1].lower.as_str(), "better" | "more"))
    {
        h += 1;
    }
    // "Continue to attempt a resolution": what is to be continued is the follow-up.
    if w.get(h).is_some_and(|x| x.stem == "continu") && w.get(h + 1).is_some_and(|x| x.lower == "to") && h + 2 < w.len() {
        h += 2;
    }
    h
}

/// A sentence that opens with a label naming it a follow-up: "Action point:", "Next steps:",
/// "TODO:", "Follow-up:".
pub(super) fn followup_label(text: &str, w: &[Word]) -> bool {
    let Some(k) = (1..w.len().min(4)).find(|&k| language::gap(text, &w[k - 1], &w[k]).contains(':')) else {
        return false;
    };
    let label: Vec<&str> = w[..k].iter().map(|x| x.lower.as_str()).collect();
    matches!(
        label.as_slice(),
        ["action" | "next", "point" | "item" | "step" | "steps" | "items" | "points"] | ["todo"] | ["follow", "up"] | ["follow-up"] | ["followup"]
    )
}

/// A follow-up written as an open question: "Can we search the audit logs without an admin?"
pub(super) fn asks(doc: &crate::document::Document<'_>, range: &std::ops::Range<usize>, w: &[Word], h: usize) -> bool {
    doc.slice(range.clone()).trim_end().ends_with('?')
        && w.get(h).is_some_and(|x| matches!(x.lower.as_str(), "can" | "could" | "should" | "how" | "what" | "is" | "are"))
        && w.get(h + 1).is_some_and(|x| x.lower == "we")
        // "Should we have spotted it earlier?": a counterfactual, not a proposal.
        && w.get(h + 2).is_none_or(|x| x.lower != "have")
}

/// Adverbs between a subject and its commitment, or after it: "we also need to".
pub(super) const ADVERBS: [&str; 9] = ["also", "still", "then", "really", "definitely", "probably", "now", "further", "therefore"];

/// The words a commitment of the lexicon can open with (a quick test before the list).
pub(super) const COMMITMENT_STARTS: [&str; 17] = [
    "will", "shall", "should", "need", "needs", "must", "plan", "intend", "are", "is", "want",
    "would", "hope", "aim", "may", "might", "have",
];

/// Where the follow-up's head is after a commitment written at word `at` ("we will …",
/// "the team needs to …", "Cloud Platform will …"): the words the commitment is written with
/// are compared as written, so that "we needed to" (a past) is none.
pub(super) fn commitment(text: &str, w: &[Word], at: usize) -> Option<usize> {
    let lex = language::lexicon();
    if !COMMITMENT_STARTS.contains(&w.get(at)?.lower.as_str()) {
        return None;
    }
    // "We need a better way to …": "need" is the head, a light verb.
    let bare_need = matches!(w[at].lower.as_str(), "need" | "needs")
        && w.get(at + 1).is_some_and(|x| x.lower != "to");
    let n = if bare_need { 0 } else { language::exact_at(w, at, &lex.commitments)? };
    let mut subject = at.checked_sub(1)?;
    while subject > 0 && ADVERBS.contains(&w[subject].lower.as_str()) {
        subject -= 1;
    }
    // Whoever commits is the team: "we", "the team", "SRE", "Cloud Platform", a role; not
    // "instructors should consider", not a modal ("we might need to"). A thing commits only
    // in the passive: "the smoke test should be automated".
    let s = &w[subject];
    let committer = matches!(s.lower.as_str(), "we" | "i" | "team" | "teams" | "us" | "group" | "squad" | "org" | "department")
        || lex.roles.contains(s.stem.as_str())
        || s.capital && !matches!(s.lower.as_str(), "it" | "this" | "that" | "there" | "what" | "they" | "he" | "she" | "you");
    let passive = w.get(at + n).is_some_and(|x| x.lower == "be");
    let thing = !matches!(s.lower.as_str(), "it" | "this" | "that" | "which" | "there" | "what" | "who" | "to" | "and" | "or" | "not")
        && !ADVERBS.contains(&s.lower.as_str())
        && !COMMITMENT_STARTS.contains(&s.lower.as_str());
    if !(committer || passive && thing) {
        return None;
    }
    // "We are" commits only where it opens a clause: "the bugs we are trying to debug" is
    // a description.
    // "the bare minimum we need to investigate abuse": "we need to" after a noun is a
    // relative clause about that noun, not a commitment.
    let relative = matches!(w[at].lower.as_str(), "need" | "needs")
        && subject > 0
        && s.lower == "we"
        && w[subject - 1].lower.len() > 3
        && !language::gap(text, &w[subject - 1], s).contains([',', ';', ':'])
        && !language::opens_clause(text, w, subject)
        && !language::lexicon().roles.contains(w[subject - 1].stem.as_str());
    if relative || (bare_need || matches!(w[at].lower.as_str(), "are" | "is" | "have")) && !language::opens_clause(text, w, subject) {
        return None;
    }
    let mut end = at + n;
    // "should have" is a counterfactual, not a commitment; "should have a talk with" is one.
    if w.get(end).is_some_and(|x| x.lower == "have")
        && w[at].lower == "should"
        && !w.get(end + 1).is_some_and(|x| matches!(x.lower.as_str(), "a" | "an" | "the" | "some" | "more" | "better" | "regular"))
    {
        return None;
    }
    while end < w.len() && (ADVERBS.contains(&w[end].lower.as_str()) || matches!(w[end].lower.as_str(), "be" | "to" | "start" | "continue" | "begin" | "been" | "able")) {
        end += 1;
    }
    Some(end)
}

/// The word is a verb's base form, as an imperative opens a follow-up ("Investigate", not
/// "Investigated" or "Investigation").
fn base_form(w: &Word) -> bool {
    let l = w.lower.as_str();
    !(l.ends_with("ed") || l.ends_with("ing") || l.ends_with("ion") || l.ends_with('s') && !l.ends_with("ss"))
}

/// The word can open an instruction: a verb's base form that is not an auxiliary ("have been
/// noticed earlier" is no instruction).
pub(super) fn imperative(w: &Word) -> bool {
    base_form(w)
        && !matches!(
            w.lower.as_str(),
            "have" | "be" | "been" | "could" | "would" | "should" | "might" | "may" | "can" | "will" | "must" | "do" | "the" | "a" | "an" | "this" | "it" | "we" | "i" | "our"
        )
}

/// Participles of making, as a passive follow-up says them: "should be implemented".
const MADE: [&str; 6] = ["implemented", "established", "introduced", "adopted", "instituted", "added"];

/// Where the subject of a passive follow-up whose participle is word `h` opens with a quality
/// of more: "Regular monitoring of the relayer should be implemented", "Better coordination
/// between the teams should be established" (no number, threshold or name bounds it).
pub(super) fn quality_made(doc: &crate::document::Document<'_>, range: &std::ops::Range<usize>, w: &[Word], h: usize) -> Option<usize> {
    if !(h > 1 && h < w.len() && w[h - 1].lower == "be" && MADE.contains(&w[h].lower.as_str())) {
        return None;
    }
    let at = (0..h).rev().find(|&k| k == 0 || language::gap(doc.text(), &w[k - 1], &w[k]).contains(','))?;
    let more = matches!(
        w[at].lower.as_str(),
        "regular" | "better" | "more" | "improved" | "additional" | "stronger" | "closer" | "increased" | "enhanced" | "continuous" | "frequent" | "periodic"
    );
    (more && !language::bounded(doc, range.clone())).then_some(at)
}
