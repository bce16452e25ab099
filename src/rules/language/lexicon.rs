//! The lexicon of `rules/language/words/lexicon.toml`, each entry stemmed once.

use crate::document::sentences;
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// The lexicon as written.
#[derive(Debug, Deserialize)]
struct LexiconFile {
    people: People,
    fault: Fault,
    human_error: Phrases,
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
struct Phrases {
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
    pub roles: HashSet<String>,
    pub not_people: HashSet<String>,
    pub fault_verbs: Vec<Phrase>,
    pub duties: Vec<Phrase>,
    pub fault_adverbs: HashSet<String>,
    pub without: Vec<Phrase>,
    pub human_error: Vec<Phrase>,
    pub careful_adjectives: HashSet<String>,
    pub careful: Vec<Phrase>,
    pub counterfactual: Vec<Phrase>,
    pub feeling_verbs: HashSet<String>,
    pub feeling_adjectives: HashSet<String>,
    pub feeling_adverbs: Vec<Phrase>,
    pub vague_verbs: Vec<Phrase>,
    pub vague_nouns: Vec<Phrase>,
    pub people_remedies: Vec<Phrase>,
    pub comparatives: Vec<Phrase>,
    pub unfinishable: Vec<Phrase>,
    /// Compared by their lowercase words, not stems: "needed to" is no commitment.
    pub commitments: Vec<Vec<String>>,
    pub generic: HashSet<String>,
    pub trailing: Vec<Phrase>,
}

pub const LEXICON_FILE: &str = include_str!("../../../rules/language/words/lexicon.toml");

fn phrase(text: &str) -> Phrase {
    text.split(' ')
        .filter(|w| !w.is_empty())
        .map(sentences::stem)
        .collect()
}

fn phrases(list: &[String]) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = list.iter().map(|p| phrase(p)).collect();
    // Longest first: "look into" is tried before "look".
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter().map(|w| sentences::stem(w)).collect()
}

/// The built-in lexicon (a test checks it parses).
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
        let file: LexiconFile =
            toml::from_str(LEXICON_FILE).expect("the built-in lexicon is valid (a test checks)");
        Lexicon {
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
        }
    });
    &LEXICON
}
