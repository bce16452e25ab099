//! The words a sentence must hold for some language rule to find something in it, and the
//! search for them: a document's prose is searched once, and only the sentences holding a hit
//! are split into words (most sentences of most documents hold none).
//!
//! A trigger is one word of a phrase, stemmed (its rarest: "human" of "human error"), and,
//! when the phrase has more words, the word written next to it ("error"): "human" alone, in
//! "human-readable logs", reads nothing. The words either side are found as
//! [`crate::document::sentences::words`] finds them, so a trigger holds wherever the phrase
//! can be matched, across a line break too.

use crate::document::sentences::{stem_compact, word_end};
use compact_str::CompactString;
use rustc_hash::{FxHashMap, FxHashSet};

/// Which word of the text a trigger's partner is: the one after it or the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Next,
    Prev,
}

/// One trigger: a word (a stem or a lowercase form), and the word that must stand beside it,
/// if any.
#[derive(Debug, Clone)]
pub struct Entry {
    pub word: String,
    pub partner: Option<(Side, String)>,
}

/// The built triggers.
#[derive(Debug)]
pub struct Triggers {
    /// Words that are a trigger alone.
    alone: FxHashSet<CompactString>,
    /// Words that are a trigger beside one of their partners.
    partnered: FxHashMap<CompactString, Vec<(Side, CompactString)>>,
    /// Every trigger word and the irregular forms of each, as a search finds them (a prefix
    /// of the words it finds: stems find their inflections).
    search: aho_corasick::AhoCorasick,
    /// The same as a DFA: about 1.6 times as fast a search but about 3 ms to build, so it is
    /// built once a run has read [`DFA_AFTER`] documents (a check of one file never pays).
    search_dfa: std::sync::OnceLock<aho_corasick::AhoCorasick>,
    patterns: Vec<String>,
}

/// Documents read before the search is built as a DFA.
const DFA_AFTER: usize = 16;

fn automaton(
    words: &[String],
    kind: aho_corasick::AhoCorasickKind,
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // The longest word starting leftmost: with the standard semantics a shorter trigger
        // inside a word ("sure" in "measures") was reported first, and the search went on
        // after it, past the word's own match.
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(words)
}

/// A word as the rules compare it: lowercase, with a typographic apostrophe made plain.
fn lowered(word: &str) -> CompactString {
    if word.is_ascii() {
        let mut l = CompactString::from(word);
        l.make_ascii_lowercase();
        l
    } else {
        word.to_lowercase().replace('’', "'").into()
    }
}

/// Whether a word can start at byte `at` (as the words of a sentence start).
fn starts_word(c: char) -> bool {
    c.is_alphanumeric() || c == '@' || c == '#'
}

impl Triggers {
    pub fn build(entries: &[Entry]) -> Triggers {
        let mut alone = FxHashSet::default();
        let mut partnered: FxHashMap<CompactString, Vec<(Side, CompactString)>> =
            FxHashMap::default();
        for e in entries {
            let word = CompactString::from(e.word.as_str());
            match &e.partner {
                None => {
                    alone.insert(word);
                }
                Some((side, partner)) => {
                    let list = partnered.entry(word).or_default();
                    let partner = (*side, CompactString::from(partner.as_str()));
                    if !list.contains(&partner) {
                        list.push(partner);
                    }
                }
            }
        }
        let mut patterns: Vec<String> = alone
            .iter()
            .chain(partnered.keys())
            .flat_map(|w| {
                let w = w.to_string();
                let curly = w.contains('\'').then(|| w.replace('\'', "’"));
                let irregular = crate::document::sentences::irregular_forms(&w)
                    .map(str::to_owned)
                    .collect::<Vec<_>>();
                std::iter::once(w).chain(curly).chain(irregular)
            })
            .collect();
        patterns.sort();
        patterns.dedup();
        let search = automaton(&patterns, aho_corasick::AhoCorasickKind::NoncontiguousNFA)
            .expect("the lexicon's words make an automaton");
        Triggers {
            alone,
            partnered,
            search,
            search_dfa: std::sync::OnceLock::new(),
            patterns,
        }
    }

    /// The search, the faster one once a run has read enough documents to pay for it. Both
    /// find the same matches.
    fn search(&self) -> &aho_corasick::AhoCorasick {
        static READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        if READ.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < DFA_AFTER {
            return &self.search;
        }
        self.search_dfa.get_or_init(|| {
            automaton(&self.patterns, aho_corasick::AhoCorasickKind::DFA)
                // The words built the first automaton: they build this one.
                .unwrap_or_else(|_| self.search.clone())
        })
    }

    /// Where in `prose` a word that is a trigger starts, in order.
    pub fn hits(&self, prose: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .search()
            .find_iter(prose)
            .map(|m| m.start())
            .filter(|&at| {
                prose[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && self.holds(prose, at)
            })
            .collect();
        out.dedup();
        out
    }

    /// Whether the word starting at `at` is a trigger where it is written.
    fn holds(&self, prose: &str, at: usize) -> bool {
        let end = word_end(prose, at);
        let lower = lowered(&prose[at..end]);
        // "didn't", "should've": its parts are words of their own; any known part reads it.
        if lower.contains('\'') {
            return lower
                .split('\'')
                .chain(std::iter::once(lower.as_str()))
                .any(|p| self.known(p) || self.known(&stem_compact(p)));
        }
        if self.alone.contains(&lower) {
            return true;
        }
        let stem = stem_compact(&lower);
        if self.alone.contains(&stem) {
            return true;
        }
        let mut next = None;
        let mut prev = None;
        for key in [&stem, &lower] {
            let Some(partners) = self.partnered.get(key) else {
                continue;
            };
            for (side, partner) in partners {
                let beside = match side {
                    Side::Next => next.get_or_insert_with(|| next_word(prose, end)),
                    Side::Prev => prev.get_or_insert_with(|| prev_word(prose, at)),
                };
                let Some(range) = beside.clone() else {
                    continue;
                };
                let word = lowered(&prose[range]);
                // A contraction beside it is read as a match: its parts are not split here.
                if word.contains('\'') || word == *partner || stem_compact(&word) == *partner {
                    return true;
                }
            }
        }
        false
    }

    fn known(&self, word: &str) -> bool {
        self.alone.contains(word) || self.partnered.contains_key(word)
    }
}

/// Marks that a word may hold between two letters ("on-call", "didn't", "and/or").
fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '_' | '.' | '/')
}

/// The word after the one that ends at `end`.
fn next_word(prose: &str, end: usize) -> Option<std::ops::Range<usize>> {
    let (i, _) = prose[end..].char_indices().find(|&(_, c)| starts_word(c))?;
    let start = end + i;
    Some(start..word_end(prose, start))
}

/// The word before the one that starts at `start`.
fn prev_word(prose: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let before = &prose[..start];
    let (i, c) = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric())?;
    let end = i + c.len_utf8();
    let mut from = i;
    let mut chars = before[..i].char_indices().rev().peekable();
    while let Some((j, d)) = chars.next() {
        if d.is_alphanumeric()
            || is_inner(d) && chars.peek().is_some_and(|&(_, e)| e.is_alphanumeric())
        {
            from = j;
        } else {
            if d == '@' || d == '#' {
                from = j;
            }
            break;
        }
    }
    Some(from..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triggers() -> Triggers {
        Triggers::build(&[
            Entry {
                word: "human".into(),
                partner: Some((Side::Next, "error".into())),
            },
            Entry {
                word: "prevent".into(),
                partner: Some((Side::Prev, "been".into())),
            },
            Entry {
                word: "forget".into(),
                partner: None,
            },
            Entry {
                word: "didn't".into(),
                partner: None,
            },
        ])
    }

    #[test]
    fn a_trigger_holds_beside_its_partner_and_in_any_inflection() {
        let t = triggers();
        assert_eq!(t.hits("It was human\n  error."), vec![7]);
        assert_eq!(t.hits("Human errors happen."), vec![0]);
        assert!(t.hits("Keep logs human-readable and human.").is_empty());
        assert_eq!(t.hits("It could have been\nprevented."), vec![19]);
        assert!(t.hits("This prevented it.").is_empty());
        assert_eq!(t.hits("We forgot, and forgetting is human."), vec![3, 15]);
        assert!(t.hits("Unforgettable forgetfulness.").is_empty());
        assert_eq!(t.hits("She didn’t check."), vec![4]);
    }
}
