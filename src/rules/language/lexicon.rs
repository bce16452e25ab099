//! The lexicon of `rules/language/words/lexicon.toml`, each entry stemmed once.

use super::triggers::{Entry, Side, Triggers};
use crate::document::sentences;
use serde::Deserialize;
use std::sync::LazyLock;

/// The lexicon as written.
#[derive(Debug, Deserialize)]
struct LexiconFile {
    people: People,
    fault: Fault,
    human_error: PhraseFile,
    careful: Careful,
    feelings: Feelings,
    vague: Vague,
}

#[derive(Debug, Deserialize)]
struct People {
    roles: Vec<String>,
    not_people: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Fault {
    verbs: Vec<String>,
    duties: Vec<String>,
    adverbs: Vec<String>,
    without: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct PhraseFile {
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Careful {
    adjectives: Vec<String>,
    phrases: Vec<String>,
    counterfactual: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Feelings {
    verbs: Vec<String>,
    adjectives: Vec<String>,
    adverbs: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Vague {
    verbs: Vec<String>,
    nouns: Vec<String>,
    people: Vec<String>,
    comparatives: Vec<String>,
    unfinishable: Vec<String>,
    commitments: Vec<String>,
    generic: Vec<String>,
    trailing: Vec<String>,
}

/// A phrase as the stems of its words.
pub type Phrase = Vec<String>;

/// The lexicon, each entry stemmed.
#[derive(Debug)]
pub struct Lexicon {
    pub roles: rustc_hash::FxHashSet<String>,
    pub not_people: rustc_hash::FxHashSet<String>,
    pub fault_verbs: Phrases,
    pub duties: Phrases,
    pub fault_adverbs: rustc_hash::FxHashSet<String>,
    pub without: Phrases,
    pub human_error: Phrases,
    pub careful_adjectives: rustc_hash::FxHashSet<String>,
    pub careful: Phrases,
    pub counterfactual: Phrases,
    pub feeling_verbs: rustc_hash::FxHashSet<String>,
    pub feeling_adjectives: rustc_hash::FxHashSet<String>,
    pub feeling_adverbs: Phrases,
    pub vague_verbs: Phrases,
    pub vague_nouns: Phrases,
    pub people_remedies: Phrases,
    pub comparatives: Phrases,
    pub unfinishable: Phrases,
    /// Compared by their lowercase words, not stems: "needed to" is no commitment.
    pub commitments: Vec<Vec<String>>,
    pub generic: rustc_hash::FxHashSet<String>,
    pub trailing: Phrases,
    /// For each word (a stem or a lowercase form) that opens a phrase: the bits of the lists.
    pub starts: rustc_hash::FxHashMap<String, u32>,
    /// Words one of which every finding holds, with the word beside each when it is one of
    /// a phrase: a sentence without any is not read word by word.
    pub triggers: super::triggers::Triggers,
}

pub const LEXICON_FILE: &str = include_str!("../../../rules/language/words/lexicon.toml");

fn phrase(text: &str) -> Phrase {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .map(sentences::stem)
        .collect()
}

fn phrases(list: &[String]) -> Phrases {
    let mut out: Vec<Phrase> = list.iter().map(|p| phrase(p)).collect();
    // Longest first: "look into" is tried before "look".
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let bit = NEXT_BIT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    Phrases {
        bit: 1u32.checked_shl(bit).unwrap_or(0),
        list: out,
    }
}

/// Each phrase list's bit in [`Word::starts`](crate::document::sentences::Word).
static NEXT_BIT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// A list of phrases, longest first, and its bit: a word whose `starts` lacks the bit opens
/// none of them, which is answered without comparing a string.
#[derive(Debug)]
pub struct Phrases {
    pub bit: u32,
    pub list: Vec<Phrase>,
}

fn set(list: &[String]) -> rustc_hash::FxHashSet<String> {
    list.iter().map(|w| sentences::stem(w)).collect()
}

/// Forms that do not start with their stem, and the words of faults that need no lexicon
/// phrase to open them ("did not check", "Sofia's fault", "chose the wrong option").
const IRREGULAR_TRIGGERS: [&str; 35] = [
    "forgot",
    "thought",
    "felt",
    "made",
    "broke",
    "mistook",
    "misunderstood",
    "didn't",
    "didn’t",
    "did not",
    "wasn't",
    "wasn’t",
    "was not",
    "weren't",
    "weren’t",
    "were not",
    "hadn't",
    "hadn’t",
    "had not",
    "doesn't",
    "doesn’t",
    "does not",
    "never",
    "fault",
    "wrong",
    "had been",
    "have been",
    // A follow-up written as an open question: "Can we search the audit logs without an admin?"
    "can we",
    "could we",
    "should we",
    "should've",
    "should’ve",
    // "Consulting Sam before implementing would have saved time" (be-more-careful).
    "would have",
    "would've",
    "would’ve",
];

/// Words too common to start reading a sentence from (stems, as phrases are stored).
const COMMON: [&str; 40] = [
    "with",
    "that",
    "thi",
    "this",
    "even",
    "through",
    "how",
    "about",
    "to",
    "the",
    "a",
    "an",
    "on",
    "of",
    "in",
    "for",
    "it",
    "up",
    "out",
    "all",
    "if",
    "whether",
    "way",
    "what",
    "we",
    "is",
    "are",
    "be",
    "been",
    "have",
    "had",
    "has",
    "at",
    "as",
    "and",
    "path",
    "error",
    "on",
    "opportunit",
    "area",
];

/// The word of `phrase` a sentence must hold for the phrase to be written in it: its longest
/// word that is not common (the first of equals), or its longest word when all are common;
/// and the word beside it, which must be written beside it too.
fn trigger_of(phrase: &[String]) -> Option<Entry> {
    let longest = |common: bool| {
        phrase
            .iter()
            .enumerate()
            .filter(|(_, w)| common || !COMMON.contains(&w.as_str()))
            .fold(None, |best: Option<(usize, &String)>, (i, w)| match best {
                Some((_, b)) if b.len() >= w.len() => best,
                _ => Some((i, w)),
            })
    };
    let (i, word) = longest(false).or_else(|| longest(true))?;
    let partner = match (phrase.get(i + 1), i.checked_sub(1)) {
        (Some(next), _) => Some((Side::Next, next.clone())),
        (None, Some(before)) => Some((Side::Prev, phrase[before].clone())),
        (None, None) => None,
    };
    Some(Entry {
        word: word.clone(),
        partner,
    })
}

/// A trigger that is a word alone.
fn alone(word: &str) -> Entry {
    Entry {
        word: word.to_owned(),
        partner: None,
    }
}

/// A trigger written as two words: the first, with the second after it.
fn pair(text: &str) -> Entry {
    let (word, next) = text.split_once(' ').unwrap_or((text, ""));
    Entry {
        word: word.to_owned(),
        partner: (!next.is_empty()).then(|| (Side::Next, next.to_owned())),
    }
}

/// The built-in lexicon (a test checks it parses).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        let file: LexiconFile =
            toml::from_str(LEXICON_FILE).expect("the built-in lexicon is valid (a test checks)");
        let mut lex = Lexicon {
            roles: set(&file.people.roles),
            not_people: set(&file.people.not_people),
            fault_verbs: phrases(&file.fault.verbs),
            duties: phrases(&file.fault.duties),
            fault_adverbs: set(&file.fault.adverbs),
            without: phrases(&file.fault.without),
            human_error: phrases(&file.human_error.phrases),
            careful_adjectives: file.careful.adjectives.iter().cloned().collect(),
            careful: phrases(&file.careful.phrases),
            counterfactual: phrases(&file.careful.counterfactual),
            feeling_verbs: set(&file.feelings.verbs),
            feeling_adjectives: file.feelings.adjectives.iter().cloned().collect(),
            feeling_adverbs: phrases(&file.feelings.adverbs),
            vague_verbs: phrases(&file.vague.verbs),
            vague_nouns: phrases(&file.vague.nouns),
            people_remedies: phrases(&file.vague.people),
            comparatives: phrases(&file.vague.comparatives),
            unfinishable: phrases(&file.vague.unfinishable),
            commitments: {
                let mut c: Vec<Vec<String>> = file
                    .vague
                    .commitments
                    .iter()
                    .map(|p| p.split(' ').map(str::to_owned).collect())
                    .collect();
                c.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
                c
            },
            generic: set(&file.vague.generic),
            trailing: phrases(&file.vague.trailing),
            starts: rustc_hash::FxHashMap::default(),
            triggers: Triggers::build(&[]),
        };
        let lists = [
            &lex.fault_verbs,
            &lex.duties,
            &lex.without,
            &lex.human_error,
            &lex.careful,
            &lex.counterfactual,
            &lex.feeling_adverbs,
            &lex.vague_verbs,
            &lex.vague_nouns,
            &lex.people_remedies,
            &lex.comparatives,
            &lex.unfinishable,
            &lex.trailing,
        ];
        let mut starts: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        for list in lists {
            for p in &list.list {
                *starts.entry(p[0].clone()).or_default() |= list.bit;
            }
        }
        let entries: Vec<Entry> = lists
            .iter()
            // "without <duty>ing" starts from "without"; a duty alone starts nothing.
            .filter(|l| l.bit != lex.duties.bit && l.bit != lex.without.bit)
            // A phrase's rarest word, as far as a list of common words tells, beside the
            // phrase's word next to it: "blame" of "to blame", "human" before "error", "fail"
            // before "to". A trigger that is a common word would have most sentences read
            // word by word.
            .flat_map(|l| l.list.iter().filter_map(|p| trigger_of(p)))
            .chain([alone("without")])
            // "Test webhooks in staging before putting them in production" (be-more-careful
            // reads it when a lesson opens with the check).
            .chain([alone("before")])
            .chain(lex.fault_adverbs.iter().map(|a| alone(a)))
            .chain(lex.careful_adjectives.iter().flat_map(|a| {
                // "alert" is mostly a noun here: only "be (more) alert" and the like.
                if a == "alert" {
                    ["be", "more", "extra", "very", "stay", "remain", "been"]
                        .iter()
                        .map(|before| Entry {
                            word: a.clone(),
                            partner: Some((Side::Prev, (*before).to_owned())),
                        })
                        .collect()
                } else {
                    vec![alone(a)]
                }
            }))
            .chain(lex.feeling_verbs.iter().map(|v| alone(v)))
            .chain(lex.feeling_adjectives.iter().map(|a| alone(a)))
            .chain(IRREGULAR_TRIGGERS.iter().map(|w| pair(w)))
            // Instructions to watch (be-more-careful reads them at a sentence's start only).
            .chain(["watch for", "watch out", "keep an"].map(pair))
            // Remedies left unnamed: "implement measures to prevent …", "take the necessary
            // steps" (vague-action); "will be analyzed for …" in the passive.
            .chain(
                [
                    "measure",
                    "measures",
                    "precautions",
                    "safeguards",
                    "mechanisms",
                    "analyzed",
                    "analysed",
                ]
                .map(alone),
            )
            .chain(
                [
                    "take steps",
                    "necessary steps",
                    "additional steps",
                    "further steps",
                    "preventive steps",
                    "appropriate steps",
                ]
                .map(pair),
            )
            // A quality of more made in the passive (vague-action): "Regular monitoring
            // should be implemented".
            .chain(
                [
                    "implemented",
                    "established",
                    "introduced",
                    "adopted",
                    "instituted",
                    "added",
                ]
                .map(|made| Entry {
                    word: made.to_owned(),
                    partner: Some((Side::Prev, "be".to_owned())),
                }),
            )
            // Care promised (be-more-careful's adverbs of care): "will work diligently".
            .chain(
                [
                    "diligently",
                    "carefully",
                    "vigilantly",
                    "attentively",
                    "meticulously",
                    "closely",
                ]
                .map(alone),
            )
            // A decision scorned as an error: "Removing it was a dumb idea" (human-error).
            .chain(
                [
                    "dumb idea",
                    "stupid idea",
                    "silly idea",
                    "foolish idea",
                    "dumb move",
                    "dumb decision",
                ]
                .map(pair),
            )
            .collect();
        lex.starts = starts;
        lex.triggers = Triggers::build(&entries);
        lex
    });
    &LEXICON
}
