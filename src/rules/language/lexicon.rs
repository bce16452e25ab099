//! The lexicon of `rules/language/words/lexicon.toml`, each entry stemmed once.

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
    /// Words one of which every finding holds: a sentence without any is not read word by
    /// word (matched anywhere, ignoring case, so stems find their inflections).
    triggers: aho_corasick::AhoCorasick,
    /// The same words as a DFA: it reads prose about 1.6 times as fast as the automaton
    /// above but takes about 3 ms to build, so it is built once a run has read
    /// [`DFA_AFTER`] documents (a check of one file never pays for it).
    triggers_dfa: std::sync::OnceLock<aho_corasick::AhoCorasick>,
    trigger_words: Vec<String>,
}

/// Documents read before the trigger words are built as a DFA.
const DFA_AFTER: usize = 16;

impl Lexicon {
    /// The automaton of the trigger words, the faster one once a run has read enough
    /// documents to pay for it. Both find the same matches.
    pub fn triggers(&self) -> &aho_corasick::AhoCorasick {
        static READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        if READ.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < DFA_AFTER {
            return &self.triggers;
        }
        self.triggers_dfa.get_or_init(|| {
            automaton(&self.trigger_words, aho_corasick::AhoCorasickKind::DFA)
                // The words built the first automaton: they build this one.
                .unwrap_or_else(|_| self.triggers.clone())
        })
    }
}

fn automaton(
    words: &[String],
    kind: aho_corasick::AhoCorasickKind,
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(words)
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
const IRREGULAR_TRIGGERS: [&str; 32] = [
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
/// word that is not common (the first of equals), or its longest word when all are common.
fn trigger_of(phrase: &[String]) -> Option<String> {
    fn longest<'p>(words: impl Iterator<Item = &'p String>) -> Option<&'p String> {
        words.fold(None, |best: Option<&String>, w| match best {
            Some(b) if b.len() >= w.len() => Some(b),
            _ => Some(w),
        })
    }
    longest(phrase.iter().filter(|w| !COMMON.contains(&w.as_str())))
        .or_else(|| longest(phrase.iter()))
        .cloned()
}

/// Small words that, after a verb, make a phrase whose verb alone is common: "fail to",
/// "check if", "fix it" (stems, as phrases are stored).
const SMALL: [&str; 22] = [
    "to", "if", "whether", "how", "out", "for", "a", "an", "it", "thi", "this", "that", "all",
    "up", "hav", "have", "been", "be", "on", "with", "about", "into",
];

/// The words a sentence must hold for `phrase` to be written in it (any one of them).
fn triggers_of(phrase: &[String]) -> Vec<String> {
    let Some((verb, rest)) = phrase.split_first() else {
        return Vec::new();
    };
    if rest.is_empty() || !rest.iter().all(|w| SMALL.contains(&w.as_str())) {
        return trigger_of(phrase).into_iter().collect();
    }
    // The verb in each inflection its stem may take, regular and irregular: "fail to",
    // "failed to", "failing to", "planned for", "thought about".
    let tail = rest.join(" ");
    let mut forms: Vec<String> = ["", "e", "s", "es", "ed", "ing"]
        .iter()
        .map(|suffix| format!("{verb}{suffix}"))
        .collect();
    // "planned for", "stopping to": short verbs double their last consonant.
    if let Some(last) = verb.chars().last()
        && verb.len() <= 4
        && !"aeiouy".contains(last)
    {
        forms.push(format!("{verb}{last}ed"));
        forms.push(format!("{verb}{last}ing"));
    }
    if let Some(base) = verb.strip_suffix('y') {
        forms.push(format!("{base}ied"));
        forms.push(format!("{base}ies"));
    }
    forms.extend(sentences::irregular_forms(verb).map(str::to_owned));
    forms.into_iter().map(|f| format!("{f} {tail}")).collect()
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
            triggers: aho_corasick::AhoCorasick::new([""]).expect("an empty automaton"),
            triggers_dfa: std::sync::OnceLock::new(),
            trigger_words: Vec::new(),
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
        let mut words: Vec<String> = lists
            .iter()
            // "without <duty>ing" starts from "without"; a duty alone starts nothing.
            .filter(|l| l.bit != lex.duties.bit && l.bit != lex.without.bit)
            // A phrase's rarest word, as far as a list of common words tells: "blame" of "to
            // blame", "speak" of "speak with", "human" of "human error"; or, for a verb and
            // small words ("fail to", "check if"), the phrase itself in each inflection. A
            // trigger that is a common word would have most sentences read word by word.
            .flat_map(|l| l.list.iter().flat_map(|p| triggers_of(p)))
            .chain(["without".to_owned()])
            .chain(lex.fault_adverbs.iter().cloned())
            .chain(lex.careful_adjectives.iter().flat_map(|a| {
                // "alert" is mostly a noun here: only "be (more) alert" and the like.
                if a == "alert" {
                    [
                        "be alert",
                        "more alert",
                        "extra alert",
                        "very alert",
                        "stay alert",
                        "remain alert",
                        "been alert",
                    ]
                    .iter()
                    .map(|t| (*t).to_owned())
                    .collect()
                } else {
                    vec![a.clone()]
                }
            }))
            .chain(lex.feeling_verbs.iter().cloned())
            .chain(lex.feeling_adjectives.iter().cloned())
            .chain(IRREGULAR_TRIGGERS.iter().map(|w| (*w).to_owned()))
            // Instructions to watch (be-more-careful reads them at a sentence's start only).
            .chain(["watch for", "watch out for", "keep an eye"].map(str::to_owned))
            .collect();
        words.sort();
        words.dedup();
        lex.starts = starts;
        lex.triggers = automaton(&words, aho_corasick::AhoCorasickKind::ContiguousNFA)
            .expect("the lexicon's words make an automaton");
        lex.trigger_words = words;
        lex
    });
    &LEXICON
}
