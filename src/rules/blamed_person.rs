use crate::re::is_word;
use super::people::known_people;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use std::collections::HashSet;

pub struct BlamedPerson;

static DOC: RuleDoc = RuleDoc {
    name: "blamed-person",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "a person is the subject of a fault verb in the trigger, contributing factors or lessons",
    why: "Writing the trigger takes courage because it can read as an accusation. The blameless \
answer (Allspaw, \"Blameless PostMortems and a Just Culture\", 2012) is grammar: make a process or situation the subject, not a person. Not \"X-san made a \
mistake\" but \"the procedure for Y allowed the verification step to be skipped\". A person here \
is an @handle, a name in the document's Owner, Reviewers or action-item owners, a name from the \
configured `people` list, a name with an honorific (-san, -kun, -sama, -chan), or he/she. The \
same names in the timeline are facts (who observed what, who did what) and are not reported.",
    bad: "## Trigger
@dana forgot to run the migration check before the deploy.
",
    good: "## Trigger
The deploy procedure allowed the migration check to be skipped: it was a manual step with no \
gate in the pipeline.
",
};

/// Words that may stand before a fault verb ("had", "then", "simply"), each followed by
/// whitespace.
const BEFORE_FAULT: [&str; 7] = ["had", "has", "have", "then", "also", "just", "simply"];

/// [`FAULT_VERBS`] and "made a mistake" as one regex, for the shared prefilter: a section
/// without a match of it has no finding.
static FAULT_WORDS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let verbs: Vec<String> = FAULT_VERBS.iter().map(|v| v.replace(' ', r"\s+")).collect();
    format!(r"{}|made\s+(?:a|an|the)\s+(?:mistake|error)", verbs.join("|"))
});

/// Fault verbs and phrases, tried in this order, each ending a word.
const FAULT_VERBS: [&str; 12] = [
    "forgot",
    "forgotten",
    "failed to",
    "neglected",
    "missed",
    "overlooked",
    "ignored",
    "skipped",
    "mistakenly",
    "accidentally",
    "carelessly",
    "broke",
];

/// The first two letters (lower case) of the words a fault can start with: a fault verb, a
/// word allowed before one, or "made". Most words start otherwise and are passed over at once.
static PAIRS: [[bool; 26]; 26] = {
    const fn mark(mut pairs: [[bool; 26]; 26], word: &str) -> [[bool; 26]; 26] {
        let b = word.as_bytes();
        pairs[(b[0] - b'a') as usize][(b[1] - b'a') as usize] = true;
        pairs
    }
    let mut pairs = mark([[false; 26]; 26], "made");
    let mut i = 0;
    while i < FAULT_VERBS.len() {
        pairs = mark(pairs, FAULT_VERBS[i]);
        i += 1;
    }
    let mut i = 0;
    while i < BEFORE_FAULT.len() {
        pairs = mark(pairs, BEFORE_FAULT[i]);
        i += 1;
    }
    pairs
};

/// Whether the word starting at `at` starts with one of the [`PAIRS`].
fn may_start_fault(b: &[u8], at: usize) -> bool {
    let letter = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_alphabetic())
            .map(|c| usize::from(c.to_ascii_lowercase() - b'a'))
    };
    match (letter(at), letter(at + 1)) {
        (Some(x), Some(y)) => PAIRS[x][y],
        _ => false,
    }
}

fn word_at(b: &[u8], at: usize, word: &str) -> bool {
    b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// The end of a fault verb or phrase at `at`, if one is there and ends a word.
/// `len`: the length of the word at `at`; a verb's first word is as long ("failed to":
/// "failed").
fn fault_verb(b: &[u8], at: usize, len: usize) -> Option<usize> {
    let ends = |end: usize| b.get(end).is_none_or(|&c| !is_word(c));
    let simple = FAULT_VERBS
        .iter()
        .filter(|v| v.len() == len || v.as_bytes().get(len) == Some(&b' '))
        .find(|v| word_at(b, at, v) && ends(at + v.len()))
        .map(|v| at + v.len());
    // "made a mistake", "made an error", "made the mistake".
    let made = || {
        if len != 4 || !word_at(b, at, "made ") {
            return None;
        }
        ["a ", "an ", "the "].iter().find_map(|article| {
            let noun = at + 5 + article.len();
            (word_at(b, at + 5, article))
                .then(|| {
                    ["mistake", "error"]
                        .iter()
                        .find(|n| word_at(b, noun, n) && ends(noun + n.len()))
                        .map(|n| noun + n.len())
                })
                .flatten()
        })
    };
    // The phrase comes between "ignored" and "mistakenly" in the order tried; no two of them
    // can match at one place, so the order only decides between "forgot" and "forgotten",
    // which the word end decides.
    simple.or_else(made)
}

/// A fault verb with the words that stand before it ("then simply forgot", "had missed",
/// "made an error"), as whole words, left to right, case aside.
fn faults(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Word by word: only a word that starts like a fault verb, "made" or a word that may stand
    // before a verb can begin a match, and a word is compared only with those of its length.
    let mut at = 0;
    while at < b.len() {
        if !is_word(b[at]) {
            at += 1;
            continue;
        }
        let len = word_len(b, at);
        if !may_start_fault(b, at) {
            at += len;
            continue;
        }
        // As many "had "/"then " as stand here, then the verb.
        let mut verb_at = at;
        let mut verb_len = len;
        while let Some(word) = BEFORE_FAULT
            .iter()
            .find(|w| verb_len == w.len() && word_at(b, verb_at, w))
        {
            let after = verb_at + word.len();
            let spaces = text[after..]
                .char_indices()
                .find(|(_, c)| !c.is_whitespace())
                .map_or(text.len() - after, |(i, _)| i);
            if spaces == 0 {
                break;
            }
            verb_at = after + spaces;
            verb_len = word_len(b, verb_at);
        }
        match fault_verb(b, verb_at, verb_len) {
            Some(end) => {
                out.push(at..end);
                at = end;
            }
            None => at += len,
        }
    }
    out
}

/// The length of the word (ASCII letters, digits, `_`) at `at`.
fn word_len(b: &[u8], at: usize) -> usize {
    b[at.min(b.len())..].iter().take_while(|&&c| is_word(c)).count()
}

/// A name with a Japanese honorific: "Tanaka-san", "Kenji-kun".
fn is_honorific(phrase: &str) -> bool {
    phrase.split_once('-').is_some_and(|(name, suffix)| {
        name.len() >= 2
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.bytes().all(|b| b.is_ascii_alphabetic())
            && ["san", "kun", "sama", "chan"].contains(&suffix)
    })
}

const SECTIONS: [&str; 3] = ["trigger", "contributing-factors", "lessons-learned"];

impl Rule for BlamedPerson {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    /// Every finding holds a fault verb (see [`faults`]).
    fn needed_words(&self) -> Option<&'static str> {
        Some(FAULT_WORDS.as_str())
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let mut people: Option<HashSet<String>> = None;
        let hits = cx.phrase_hits.map(|hits| hits.rule(DOC.name));
        for section in &doc.sections {
            if !section
                .scope
                .is_some_and(|s| SECTIONS.contains(&s))
            {
                continue;
            }
            let region = section.direct_body.clone();
            if hits.as_ref().is_some_and(|hits| !hits.may_match(&region)) {
                continue;
            }
            let text = doc.prose_text(region.clone());
            for m in faults(&text) {
                let people = people.get_or_insert_with(|| known_people(doc, cx));
                let Some(subject) = subject_before(&text[..m.start], people) else {
                    continue;
                };
                let start = region.start + subject;
                let range = start..region.start + m.end;
                out.push(
                    Finding::new(range.clone(), format!("\"{}\" makes a person the subject of a fault", squash(doc.slice(range))))
                        .label("a person as the subject")
                        .help("rewrite with the process or situation as the subject, e.g. \"the deploy procedure allowed the check to be skipped\""),
                );
            }
        }
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// If the words right before a fault verb name a person, the offset where that name starts.
fn subject_before(before: &str, people: &HashSet<String>) -> Option<usize> {
    // Only the current clause: stop at sentence or clause punctuation.
    let clause_start = before
        .rfind(['.', ';', ':', '!', '?', '\n', '('])
        .map_or(0, |i| i + 1);
    let clause = &before[clause_start..];
    let words: Vec<(usize, &str)> = clause
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - clause.as_ptr() as usize, w))
        .collect();
    // Try the last three words, the last two, then the last one, as the subject.
    for take in (1..=3.min(words.len())).rev() {
        let tail = &words[words.len() - take..];
        // A person of two or three words starts with `@` or a capital (see [`is_person`]):
        // most clauses' last words do not, and are passed over without building the phrase.
        let first = clean(tail[0].1);
        if take > 1 && !first.starts_with(|c: char| c == '@' || c.is_uppercase()) {
            continue;
        }
        let phrase = tail
            .iter()
            .map(|(_, w)| clean(w))
            .collect::<Vec<_>>()
            .join(" ");
        if is_person(&phrase, people) {
            return Some(clause_start + tail[0].0 + leading_trim(tail[0].1));
        }
    }
    None
}

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '-' || c == '_'))
}

fn leading_trim(word: &str) -> usize {
    word.len()
        - word
            .trim_start_matches(|c: char| !(c.is_alphanumeric() || c == '@'))
            .len()
}

fn is_person(phrase: &str, people: &HashSet<String>) -> bool {
    if phrase.starts_with('@') && phrase.len() > 1 && !phrase.contains(' ') {
        return true;
    }
    if is_honorific(phrase) {
        return true;
    }
    let lower = phrase.to_lowercase();
    matches!(lower.as_str(), "he" | "she")
        || (phrase.chars().next().is_some_and(char::is_uppercase) && people.contains(&lower))
        || people.contains(lower.trim_start_matches('@')) && phrase.starts_with('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilter_words_hold_every_fault_verb() {
        let words = Regex::new(&format!("^(?i:{})$", FAULT_WORDS.as_str())).unwrap();
        for verb in FAULT_VERBS
            .iter()
            .chain(&["made a mistake", "made an error", "made the mistake"])
        {
            assert!(words.is_match(verb), "{verb}");
            assert!(words.is_match(&verb.to_uppercase()), "{verb}");
        }
    }

    use regex::Regex;
    use std::sync::LazyLock;

    #[test]
    fn honorifics() {
        for (phrase, is) in [
            ("Tanaka-san", true),
            ("Kenji-kun", true),
            ("Ai-chan", true),
            ("Tanaka-sama", true),
            ("tanaka-san", false),
            ("T-san", false),
            ("Tanaka-san-san", false),
            ("Tanaka-SAN", false),
            ("Tan4ka-san", false),
            ("Tanaka san", false),
        ] {
            assert_eq!(is_honorific(phrase), is, "{phrase}");
        }
    }

    /// The regex the fault scanner replaced: the oracle it is compared with.
    fn oracle(text: &str) -> Vec<std::ops::Range<usize>> {
        static FAULT: LazyLock<Regex> = LazyLock::new(|| {
            crate::re::compile(
                r"(?i)\b(?:(?:had|has|have|then|also|just|simply)\s+)*(?:forgot|forgotten|failed to|neglected|missed|overlooked|ignored|skipped|made (?:a|an|the) (?:mistake|error)|mistakenly|accidentally|carelessly|broke)\b",
            )
        });
        FAULT.find_iter(text).map(|m| m.range()).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn the_fault_scanner_finds_what_the_regex_found(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "had", "Has", "have", "then", "also", "just", "simply", "forgot", "forgotten",
                "Failed to", "failed  to", "neglected", "missed", "overlooked", "ignored",
                "skipped", "made", "made a", "made an", "made the", "mistake", "error",
                "mistakenly", "accidentally", "carelessly", "broke", "broken", " ", "  ", "\n",
                "\u{a0}", "x", "_", "-", ".", "é", "Dana", "2",
            ]),
            0..8,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(faults(&text), oracle(&text), "{:?}", text);
        }
    }

    fn people(names: &[&str]) -> HashSet<String> {
        names.iter().map(|n| n.to_lowercase()).collect()
    }

    #[test]
    fn subjects() {
        let p = people(&["dana", "bob", "kenji tanaka", "kenji"]);
        assert_eq!(subject_before("Then @dana ", &p), Some(5));
        assert_eq!(subject_before("Kenji-san ", &p), Some(0));
        assert_eq!(subject_before("In the end Bob ", &p), Some(11));
        assert_eq!(subject_before("Kenji Tanaka ", &p), Some(0));
        assert_eq!(subject_before("the deploy script ", &p), None);
        assert_eq!(
            subject_before("the bob ", &p),
            None,
            "a lowercase common word is no name"
        );
        assert_eq!(subject_before("Dana said. The job ", &p), None);
    }
}
