//! What the language rules share: the word lists of `rules/language/words/lexicon.toml`
//! (stemmed once), a sentence's words read once per document, and the small pieces of
//! grammar several rules ask about (who the subject is, whether something is negated, whether
//! a follow-up states a target). Each rule's own grammar lives in its file.

use super::Context;
use crate::document::sentences::{self, Kind, Role, Sentence, Word};
use std::collections::HashSet;

mod bounds;
mod lexicon;
pub(crate) use super::phrase::Quoted;
pub use bounds::bounded;
pub use lexicon::{Phrases, lexicon};

/// A sentence with its words, as the language rules read it.
#[derive(Debug)]
pub struct Read {
    pub sentence: Sentence,
    pub words: Vec<Word>,
}

/// The prose sentences of the document that hold a word some language rule starts from, with
/// their words (read once, shared by the rules).
pub fn read<'c>(cx: &'c Context<'_>) -> &'c [Read] {
    cx.memo.sentences.get_or_init(|| {
        let doc = cx.doc;
        let lex = lexicon();
        sentences::sentences_with(doc, lex.triggers())
            .into_iter()
            .map(|s| {
                // Only sentences holding a word some language rule starts from are read.
                let mut words = sentences::words(doc, s.range.clone());
                for w in &mut words {
                    w.starts = lex.starts.get(w.stem.as_str()).copied().unwrap_or(0)
                        | lex.starts.get(w.lower.as_str()).copied().unwrap_or(0);
                }
                Read { sentence: s, words }
            })
            .collect()
    })
}

/// Whether `phrase` is written at word `i`.
pub fn at(words: &[Word], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && i + phrase.len() <= words.len()
        && phrase
            .iter()
            .zip(&words[i..])
            .all(|(p, w)| *p == w.stem || *p == w.lower)
}

/// The first of `phrases` written at word `i` word for word (lowercase, not stems).
pub fn exact_at(words: &[Word], i: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .find(|p| {
            i + p.len() <= words.len() && p.iter().zip(&words[i..]).all(|(a, w)| *a == w.lower)
        })
        .map(Vec::len)
}

/// The first of `phrases` written at word `i`, by its length in words.
pub fn any_at(words: &[Word], i: usize, phrases: &Phrases) -> Option<usize> {
    if words.get(i).is_none_or(|w| w.starts & phrases.bit == 0) {
        return None;
    }
    phrases.list.iter().find(|p| at(words, i, p)).map(Vec::len)
}

/// Each place one of `phrases` is written: (first word, length).
pub fn find_all(words: &[Word], phrases: &Phrases) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match any_at(words, i, phrases) {
            Some(n) => {
                out.push((i, n));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

const NEGATIONS: [&str; 9] = [
    "not",
    "no",
    "never",
    "nobody",
    "instead",
    "rather",
    "nothing",
    "neither",
    "blameless",
];

/// A negation among the few words before word `i` in its clause: "nobody is to blame",
/// "rather than be more careful", "not human error".
pub fn negated(words: &[Word], i: usize) -> bool {
    let from = i.saturating_sub(4);
    words[from..i]
        .iter()
        .any(|w| NEGATIONS.contains(&w.lower.as_str()))
}

/// The text between two words (empty for the two halves of a contraction).
pub fn gap<'t>(text: &'t str, a: &Word, b: &Word) -> &'t str {
    text.get(a.range.end..b.range.start).unwrap_or("")
}

/// Words that end a clause, so that a subject is looked for after the last of them.
const CLAUSE_BREAKS: [&str; 12] = [
    "and", "but", "so", "because", "while", "although", "though", "when", "after", "since",
    "whereas", "then",
];

/// Where the clause holding word `i` starts: after the last clause break before it, or a
/// `;`, `:` or dash between words.
pub fn clause_start(doc_text: &str, words: &[Word], i: usize) -> usize {
    // A clause is looked for at most 32 words back: a line of a million words costs each
    // match a bounded read, not the line's length.
    let floor = i.saturating_sub(32);
    let mut k = i;
    while k > floor {
        let prev = &words[k - 1];
        let between = gap(doc_text, prev, &words[k]);
        if between.contains([';', ':', '—', '–', '(', ')']) || between.contains(" - ") {
            return k;
        }
        if CLAUSE_BREAKS.contains(&prev.lower.as_str()) {
            let before_gap = k >= 2 && gap(doc_text, &words[k - 2], prev).contains(',');
            // ", and the reviewer missed it": a new clause. "X and Y forgot": one subject.
            if before_gap || prev.lower != "and" {
                return k;
            }
        }
        k -= 1;
    }
    floor
}

/// Whether word `i` opens its clause (only time stamps, adverbs and numbering before it).
pub fn opens_clause(doc_text: &str, words: &[Word], i: usize) -> bool {
    let mut start = clause_start(doc_text, words, i);
    while start < i && is_preamble(&words[start]) {
        start += 1;
    }
    // ", however, we are …", "and we are …": a comma or a conjunction before a pronoun.
    let mut k = i;
    while k > start && is_preamble(&words[k - 1]) {
        k -= 1;
    }
    start == i
        || k > 0 && gap(doc_text, &words[k - 1], &words[k]).contains(',')
        || k > 0
            && matches!(words[i].lower.as_str(), "we" | "i")
            && matches!(
                words[k - 1].lower.as_str(),
                "and" | "but" | "so" | "or" | "that"
            )
}

/// Words that open a clause before its subject: time stamps, adverbs, list numbering.
fn is_preamble(w: &Word) -> bool {
    w.lower
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '.' || c == '-' || c == '/')
        || matches!(
            w.lower.as_str(),
            "then"
                | "also"
                | "unfortunately"
                | "however"
                | "later"
                | "finally"
                | "first"
                | "initially"
                | "meanwhile"
                | "again"
                | "at"
                | "around"
                | "about"
                | "by"
                | "on"
                | "utc"
                | "am"
                | "pm"
                | "honestly"
                | "sadly"
                | "in"
                | "hindsight"
                | "retrospect"
                | "ultimately"
                | "eventually"
                | "soon"
                | "shortly"
                | "mon"
                | "tue"
                | "wed"
                | "thu"
                | "fri"
                | "sat"
                | "sun"
                | "yesterday"
                | "today"
                | "this"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
        )
        || w.lower.ends_with("utc")
}

/// Who a subject is, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// One person: a handle, a name, a role noun, he or she.
    Person,
    /// We, I, the team, everyone: people, not one person.
    People,
    Other,
}

/// The subject of the clause whose verb is word `verb`: the words from the clause's start
/// (after any preamble) to the verb, judged by what they hold.
pub fn subject(
    doc_text: &str,
    words: &[Word],
    verb: usize,
    people: &HashSet<String>,
) -> (Subject, usize) {
    let lex = lexicon();
    let mut start = clause_start(doc_text, words, verb);
    while start < verb && is_preamble(&words[start]) {
        start += 1;
    }
    // "@K notices that the statuses should have been removed": the clause after a verb of
    // saying or seeing has a subject of its own. "The statuses that should have been removed":
    // a relative clause's subject is the noun it follows.
    if let Some(p) = (start..verb)
        .rev()
        .find(|&k| matches!(words[k].lower.as_str(), "that" | "which" | "who"))
    {
        if p + 1 == verb && p > start {
            let noun = &words[p - 1..p];
            return (judge_head(noun, noun, people), p - 1);
        }
        if p > start && COMPLEMENT_VERBS.contains(&words[p - 1].stem.as_str()) {
            start = p + 1;
        }
    }
    if start >= verb {
        return (Subject::Other, start);
    }
    let span = &words[start..verb];
    // "Honestly, at this point we panicked": a pronoun right before the verb is its subject.
    match words[verb - 1].lower.as_str() {
        "we" | "i" => return (Subject::People, verb - 1),
        "he" | "she" => return (Subject::Person, verb - 1),
        _ => {}
    }
    let first = &span[0];
    if matches!(
        first.lower.as_str(),
        "we" | "i" | "everyone" | "everybody" | "you" | "people" | "all" | "whoever" | "anyone"
    ) {
        return (Subject::People, start);
    }
    // "our SRE", "our engineers": people; "our overcommit", "our config": a thing.
    if first.lower == "our" {
        let people_noun = span.get(1).is_some_and(|n| {
            lex.roles.contains(n.stem.as_str())
                || lex.roles.contains(n.lower.as_str())
                || matches!(
                    n.lower.as_str(),
                    "team"
                        | "teams"
                        | "staff"
                        | "people"
                        | "engineers"
                        | "developers"
                        | "responders"
                )
        });
        return if !people_noun {
            (Subject::Other, start)
        } else if span.len() == 2
            && !span[1].lower.ends_with('s')
            && span[1].lower != "team"
            && span[1].lower != "staff"
        {
            (Subject::Person, start)
        } else {
            (Subject::People, start)
        };
    }
    if span.len() > 7 {
        return (Subject::Other, start);
    }
    // "The cache that the engineer set up": the head noun comes before "that"/"which".
    let head_end = span
        .iter()
        .position(|w| {
            matches!(
                w.lower.as_str(),
                "that" | "which" | "who" | "whose" | "whom" | "of" | "on" | "in" | "for" | "with"
            )
        })
        .unwrap_or(span.len());
    let head = &span[..head_end.max(1)];
    (judge_head(span, head, people), start)
}

/// Verbs of saying, seeing and knowing after which "that" opens a clause with a subject of
/// its own (stems).
const COMPLEMENT_VERBS: [&str; 24] = [
    "notic", "realiz", "realis", "not", "found", "find", "said", "say", "thought", "think",
    "assum", "believ", "saw", "see", "learn", "learnt", "discover", "confirm", "decid", "know",
    "knew", "show", "mean", "ensur",
];

/// Nouns that name a group of people when they end a subject.
const GROUPS: [&str; 12] = [
    "team",
    "teams",
    "staff",
    "responders",
    "engineers",
    "developers",
    "operators",
    "folks",
    "crew",
    "everyone",
    "admins",
    "sres",
];

/// Who the words of a subject are: `span` is all of it, `head` the words before any
/// relative clause or preposition.
fn judge_head(span: &[Word], head: &[Word], people: &HashSet<String>) -> Subject {
    let lex = lexicon();
    let Some(first) = span.first() else {
        return Subject::Other;
    };
    // "Kenji-san": a name with an honorific.
    let honorific = |w: &Word| {
        ["-san", "-kun", "-sama", "-chan"]
            .iter()
            .any(|h| w.lower.ends_with(h))
    };
    if head
        .iter()
        .any(|w| w.lower.starts_with('@') && w.lower.len() > 1 || honorific(w))
    {
        return Subject::Person;
    }
    // "The team was confused", "the responders assumed": a group of people, named by the
    // noun that ends the subject's head ("the team dashboard" is a thing).
    if head
        .last()
        .is_some_and(|w| GROUPS.contains(&w.lower.as_str()))
    {
        return Subject::People;
    }
    if head
        .iter()
        .any(|w| lex.not_people.contains(w.stem.as_str()))
    {
        return Subject::Other;
    }
    // One person: "the engineer", not "engineers".
    if head.iter().any(|w| {
        lex.roles.contains(w.lower.as_str())
            || lex.roles.contains(w.stem.as_str()) && !w.lower.ends_with('s')
    }) {
        return Subject::Person;
    }
    if head
        .iter()
        .any(|w| w.capital && people.contains(w.lower.as_str()))
    {
        return Subject::Person;
    }
    if matches!(first.lower.as_str(), "they" | "qa" | "team") {
        return Subject::People;
    }
    Subject::Other
}

/// A name written as a subject: one or two capitalised words at the clause's start, not
/// words that open a sentence anyway. Used only with verbs only people do (forget, assume).
pub fn bare_name(words: &[Word], start: usize, verb: usize) -> bool {
    let span = &words[start..verb];
    (1..=2).contains(&span.len())
        && span.iter().all(|w| {
            w.capital
                && w.lower.chars().all(char::is_alphabetic)
                && w.lower.len() >= 2
                && !COMMON_OPENERS.contains(&w.lower.as_str())
        })
}

/// Capitalised words that open sentences and are not names.
const COMMON_OPENERS: [&str; 24] = [
    "the", "a", "an", "this", "that", "it", "there", "he", "she", "they", "we", "i", "our",
    "their", "his", "her", "its", "nobody", "everyone", "someone", "no", "one", "each", "every",
];

/// The words of a sentence that belong to an action item's own text: an item's owner, due
/// date and status fields are not what it commits to.
pub fn action_words<'w>(
    doc: &crate::document::Document<'_>,
    s: &Sentence,
    words: &'w [Word],
) -> &'w [Word] {
    let end = doc.action_items.as_ref().and_then(|a| {
        a.items
            .iter()
            .filter_map(|i| i.action.as_ref())
            .find(|f| f.range.start <= s.range.start && s.range.start < f.range.end)
            .map(|f| f.range.end)
    });
    match end {
        Some(end) => &words[..words.partition_point(|w| w.range.start < end)],
        None => words,
    }
}

/// The sentence is part of the chronology: a timeline entry, or narrative that tells what
/// happened when (not the analysis, lessons or follow-ups).
pub fn chronology(s: &Sentence) -> bool {
    s.kind == Kind::TimelineEntry
        || s.kind == Kind::Narrative
            && matches!(s.role, Role::Summary | Role::Other | Role::Timeline)
}

/// The range to report: from word `from` to word `to` (inclusive).
pub fn span(words: &[Word], from: usize, to: usize) -> std::ops::Range<usize> {
    words[from].range.start..words[to.min(words.len() - 1)].range.end
}

/// The words of `range` in the document, whitespace folded, for a message.
pub fn quote(doc: &crate::document::Document<'_>, range: std::ops::Range<usize>) -> String {
    doc.slice(range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether word `i` is someone else's words: the phrase rules' [`Quoted`], which reads a
/// line's quotation marks once however many words on it are asked about.
pub fn quoted(quotes: &mut Quoted<'_>, words: &[Word], i: usize) -> bool {
    quotes.is_quoted(&words[i].range)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_parses() {
        let lex = lexicon();
        assert!(lex.roles.contains(&sentences::stem("engineer")));
        assert!(lex.vague_verbs.list.iter().any(|p| p.len() == 2));
    }
}
