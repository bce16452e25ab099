//! What the language rules share: the word lists of `rules/language/words/lexicon.toml`
//! (stemmed once), a sentence's words read once per document, and the small pieces of
//! grammar several rules ask about (who the subject is, whether something is negated, whether
//! a follow-up states a target). Each rule's own grammar lives in its file.

use super::Context;
use crate::document::sentences::{self, Kind, Role, Sentence, Word};

mod bounds;
mod lexicon;
mod subject;
mod triggers;
pub(crate) use super::phrase::Quoted;
pub use bounds::bounded;
pub use lexicon::{Phrases, lexicon};
pub use subject::{Subject, bare_name, common_words, subject, thing_names};

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
        sentences::sentences_with(doc, &|prose| lex.triggers.hits(prose))
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

/// The words of a sentence that belong to an action item's own text: an item's owner, due
/// date and status fields are not what it commits to.
pub fn action_words<'w>(
    doc: &crate::document::Document<'_>,
    s: &Sentence,
    words: &'w [Word],
) -> &'w [Word] {
    let text = doc.text();
    let end = doc.action_items.as_ref().and_then(|a| {
        a.items
            .iter()
            .filter_map(|i| i.action.as_ref())
            .find(|f| f.range.start <= s.range.start && s.range.start < f.range.end)
            .map(|f| f.range.end)
            // An action that wraps onto the next line ("- [#27258](…) - The\n  plugins
            // releasing process should be improved") goes on to the sentence's end, when
            // that line is more of it (not a field of its own, "Owner: @lee", nor the
            // paragraph under a bold title).
            .filter(|&end| !wraps(text, end, s.range.end))
    });
    match end {
        Some(end) => &words[..words.partition_point(|w| w.range.start < end)],
        None => words,
    }
}

/// Whether the action field ending at `end` goes on, on the next line, before `limit`.
fn wraps(text: &str, end: usize, limit: usize) -> bool {
    let Some(after) = text.get(end..limit) else {
        return false;
    };
    let Some(rest) = after
        .strip_prefix('\n')
        .or_else(|| after.strip_prefix("\r\n"))
    else {
        return false;
    };
    let before = text[..end].trim_end();
    let line = rest.trim_start();
    !before.ends_with("**")
        && !before.ends_with(['.', ':', ';', '!', '?'])
        && line.starts_with(|c: char| c.is_lowercase() || c == '`')
        && !line
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'))
}

/// The sentence is part of the chronology: a timeline entry, or narrative that tells what
/// happened when (not the analysis, lessons or follow-ups).
pub fn chronology(s: &Sentence) -> bool {
    s.kind == Kind::TimelineEntry
        || s.kind == Kind::Narrative
            && matches!(s.role, Role::Summary | Role::Other | Role::Timeline)
}

/// The range to report: from word `from` to word `to` (inclusive).
/// Whether the list item at byte `at` is an entry of a checklist, runbook or playbook the
/// text introduces ("The stuff which will go on our checklist includes:" over "Remembering to
/// appoint an incident manager"): a line of an artefact the team keeps, which is the system
/// change, not a request to people. Reads back at most 40 lines, only when a rule is about to
/// report the item.
pub fn in_checklist(text: &str, at: usize) -> bool {
    let start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let indent = |line: &str| line.len() - line.trim_start().len();
    let own = indent(&text[start..]);
    let names = |line: &str| {
        let l = line.to_lowercase();
        ["checklist", "check list", "runbook", "playbook"]
            .iter()
            .any(|w| l.contains(w))
    };
    for line in text[..start].lines().rev().take(40) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let item = trimmed.starts_with(['-', '*', '+'])
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if indent(line) < own || !item && indent(line) == 0 {
            // The item's parent, or the paragraph the list follows.
            return names(line) && (indent(line) < own || line.trim_end().ends_with(':'));
        }
    }
    false
}

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
