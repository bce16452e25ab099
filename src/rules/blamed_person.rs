use super::people::known_people;
use super::{Context, Finding, Rule, RuleDoc, Scope, Severity};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

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

/// A fault verb, with the adverbs and auxiliaries that may stand before it.
static FAULT: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:(?:had|has|have|then|also|just|simply)\s+)*(?:forgot|forgotten|failed to|neglected|missed|overlooked|ignored|skipped|made (?:a|an|the) (?:mistake|error)|mistakenly|accidentally|carelessly|broke)\b",
    )
});

static HONORIFIC: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^[A-Z][A-Za-z]+-(?:san|kun|sama|chan)$"));

const SECTIONS: [&str; 3] = ["trigger", "contributing-factors", "lessons-learned"];

impl Rule for BlamedPerson {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut people: Option<HashSet<String>> = None;
        for section in &doc.sections {
            if !section
                .scope
                .as_deref()
                .is_some_and(|s| SECTIONS.contains(&s))
            {
                continue;
            }
            let region = section.direct_body.clone();
            let text = doc.prose_text(region.clone());
            for m in FAULT.find_iter(&text) {
                let people = people.get_or_insert_with(|| known_people(doc, cx));
                let Some(subject) = subject_before(&text[..m.start()], people) else {
                    continue;
                };
                let start = region.start + subject;
                let range = start..region.start + m.end();
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

fn clean(word: &str) -> String {
    word.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@' || c == '-' || c == '_'))
        .to_owned()
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
    if HONORIFIC.is_match(phrase) {
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
