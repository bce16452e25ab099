//! Who the subject of a clause is, as the language rules care: one person, people, or a
//! thing (see [`subject`]).

use super::{Word, clause_start, is_preamble, lexicon};
use std::collections::HashSet;

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
            return (judge_head(doc_text, noun, noun, people), p - 1);
        }
        if p > start && COMPLEMENT_VERBS.contains(&words[p - 1].stem.as_str()) {
            start = p + 1;
        }
    }
    // "Despite careful planning for each phase, @astonm overlooked …": a fronted adverbial
    // set off by a comma is not the subject.
    if start < verb
        && FRONTED.contains(&words[start].lower.as_str())
        && let Some(k) = (start + 1..verb).rev().find(|&k| {
            crate::rules::language::gap(doc_text, &words[k - 1], &words[k]).contains(',')
        })
    {
        start = k;
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
        // "Our on-call engineer that week, Lucía": the role words after "our" name one.
        let roles = span[1..]
            .iter()
            .take_while(|n| {
                lex.roles.contains(n.stem.as_str()) || lex.roles.contains(n.lower.as_str())
            })
            .count();
        let one = roles > 0
            && !span[roles].lower.ends_with('s')
            && span
                .get(roles + 1)
                .is_none_or(|n| !GROUPS.contains(&n.lower.as_str()));
        return if !people_noun {
            (Subject::Other, start)
        } else if one
            || span.len() == 2
                && !span[1].lower.ends_with('s')
                && span[1].lower != "team"
                && span[1].lower != "staff"
        {
            (Subject::Person, start)
        } else {
            (Subject::People, start)
        };
    }
    // "one of the engineers thinks …": one person of a role.
    if first.lower == "one"
        && span.get(1).is_some_and(|x| x.lower == "of")
        && span[2..].iter().any(|n| {
            lex.roles.contains(n.stem.as_str()) || lex.roles.contains(n.lower.trim_end_matches('s'))
        })
    {
        return (Subject::Person, start);
    }
    // "He ran the purge script against prod and ignored the prompt": the verb after "and"
    // shares the clause's first subject, when that opens with a person.
    if words[verb - 1].lower == "and" && span.len() > 2 {
        let lead = &span[..span.len().min(3)];
        let person = matches!(first.lower.as_str(), "he" | "she")
            || first.lower.starts_with('@') && first.lower.len() > 1
            || matches!(first.lower.as_str(), "the" | "our")
                && lead[1..]
                    .iter()
                    .any(|w| lex.roles.contains(w.lower.as_str()) && !w.lower.ends_with('s'));
        if person {
            return (Subject::Person, start);
        }
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
                "that"
                    | "which"
                    | "who"
                    | "whose"
                    | "whom"
                    | "of"
                    | "on"
                    | "in"
                    | "for"
                    | "with"
                    | "from"
            )
        })
        .unwrap_or(span.len());
    let head = &span[..head_end.max(1)];
    (judge_head(doc_text, span, head, people), start)
}

/// Words that open an adverbial put before a clause's subject.
const FRONTED: [&str; 22] = [
    "despite",
    "after",
    "before",
    "during",
    "while",
    "when",
    "once",
    "following",
    "since",
    "although",
    "though",
    "because",
    "given",
    "upon",
    "unfortunately",
    "however",
    "then",
    "later",
    "earlier",
    "afterwards",
    "in",
    "on",
];

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
fn judge_head(text: &str, span: &[Word], head: &[Word], people: &HashSet<String>) -> Subject {
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
        // An owner written as an acronym ("ICL to build 22.0.3") is a team.
        .any(|w| w.capital && people.contains(w.lower.as_str()) && !all_caps(text, w))
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
pub fn bare_name(text: &str, words: &[Word], start: usize, verb: usize) -> bool {
    // "Tomasz from the network team forgot": the name before a preposition.
    let span = &words[start..verb];
    let span = &span[..span
        .iter()
        .position(|w| matches!(w.lower.as_str(), "from" | "of" | "at" | "on" | "in"))
        .unwrap_or(span.len())];
    (1..=2).contains(&span.len())
        && span.iter().all(|w| {
            w.capital
                && w.lower.chars().all(char::is_alphabetic)
                && w.lower.len() >= 2
                // "ICL didn't catch …": an acronym names an organisation or a system.
                && !all_caps(text, w)
                // "Sysadmins were not aware": a role named in the plural is people.
                && !GROUPS.contains(&w.lower.as_str())
                && !(w.lower.ends_with('s') && lexicon().roles.contains(w.lower.trim_end_matches('s')))
                && !COMMON_OPENERS.contains(&w.lower.as_str())
        })
}

/// The word is written in capitals throughout ("ICL", "AWS").
/// Nouns that, after a name, make it a system's: "the Prow deployment", "Vault cluster".
const THINGS: [&str; 22] = [
    "deployment",
    "outage",
    "service",
    "services",
    "cluster",
    "server",
    "servers",
    "job",
    "jobs",
    "bot",
    "pipeline",
    "instance",
    "instances",
    "api",
    "database",
    "config",
    "controller",
    "handler",
    "node",
    "nodes",
    "pod",
    "pods",
];

/// The capitalised words of `text` written as a thing's name: before a noun of a system
/// ("Prow deployment") or after "the" ("the Prow").
pub fn thing_names(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut prev: Option<&str> = None;
    let mut prev_capital: Option<&str> = None;
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-') {
        if word.is_empty() {
            continue;
        }
        let capital = word.starts_with(char::is_uppercase);
        if let Some(name) = prev_capital
            && THINGS.iter().any(|t| t.eq_ignore_ascii_case(word))
        {
            out.insert(name.to_owned());
        }
        if capital && prev.is_some_and(|p| p.eq_ignore_ascii_case("the")) {
            out.insert(word.to_owned());
        }
        prev_capital = capital.then_some(word);
        prev = Some(word);
    }
    out
}

/// The words `text` writes in lower case as words of prose, capitalised: such a word opening a
/// sentence is a common noun ("Migration never ran" beside "the migration"), not one person's
/// name. A handle, a path or an address ("@alex", "github.com/alex") is no word of prose.
pub fn common_words(text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for token in text.split_whitespace() {
        let word = token
            .trim_start_matches(['(', '"', '\'', '*', '_'])
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '*', '_']);
        if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            let mut name = word.to_owned();
            name[..1].make_ascii_uppercase();
            out.insert(name);
        }
    }
    out
}

/// Two capitals are a person's initials ("SN believed …"), not an acronym.
fn all_caps(text: &str, w: &Word) -> bool {
    let written = text.get(w.range.clone()).unwrap_or("");
    written.chars().count() >= 3 && !written.chars().any(char::is_lowercase)
}

/// Capitalised words that open sentences and are not names.
const COMMON_OPENERS: [&str; 24] = [
    "the", "a", "an", "this", "that", "it", "there", "he", "she", "they", "we", "i", "our",
    "their", "his", "her", "its", "nobody", "everyone", "someone", "no", "one", "each", "every",
];
