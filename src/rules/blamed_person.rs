//! `blamed-person`: a person is the grammatical subject of a fault.

use super::language::{self, Subject, any_at, bare_name, quote, quoted, span, subject};
use super::people::known_people;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct BlamedPerson;

static DOC: RuleDoc = RuleDoc {
    name: "blamed-person",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "a person is the subject of a fault: forgot, failed to, missed, did not check",
    why: "Writing the trigger takes courage because it can read as an accusation. The blameless \
answer (Allspaw, \"Blameless PostMortems and a Just Culture\", 2012) is grammar: make a process \
or situation the subject, not a person. Not \"X made a mistake\" but \"the procedure for Y \
allowed the verification step to be skipped\". A person is an @handle, a name (the document's \
owners and reviewers, the configured `people`, the repository's commit authors, or a \
capitalised name before a verb only people do, such as forgot), a role noun standing for one \
person (the engineer, the on-call, our SRE, the reviewer), or he/she. A fault is a verb such as \
forgot, failed to, neglected, missed, overlooked, ignored, made a mistake, did not check or \
update, or an action done carelessly, mistakenly or without checking. A neutral record of what \
someone did (\"Dana paged the database team\") is not reported, in the timeline or anywhere.",
    bad: "## Trigger
@dana forgot to run the migration check before the deploy.
",
    good: "## Trigger
The deploy procedure allowed the migration check to be skipped: it was a manual step with no \
gate in the pipeline.
",
};

const HELP: &str = "rewrite with the process or situation as the subject, e.g. \"the deploy procedure allowed the check to be skipped\"";

/// Auxiliaries before "not": "did not", "was not", "had never".
const AUXILIARIES: [&str; 8] = ["did", "do", "does", "was", "were", "had", "has", "have"];

/// Words allowed between "not" and the duty: "did not even check".
const BETWEEN: [&str; 8] = ["even", "fully", "properly", "always", "first", "actually", "really", "then"];

/// What a fault found at a word is: how far it reaches, where its verb phrase starts, and
/// whether only a person could do it (so that a bare capitalised word before it is a name).
struct Fault {
    verb: usize,
    end: usize,
    only_people: bool,
}

fn fault(words: &[crate::document::sentences::Word], i: usize) -> Option<Fault> {
    let lex = language::lexicon();
    let word = &words[i];
    // "made a mistake", "make an error".
    if word.stem == "mak"
        && let Some(k) = (i + 1..(i + 3).min(words.len())).find(|&k| matches!(words[k].stem.as_str(), "mistak" | "error"))
        && words[i + 1..k].iter().all(|x| matches!(x.lower.as_str(), "a" | "an" | "the" | "big" | "small" | "simple"))
    {
        return Some(Fault { verb: i, end: k, only_people: true });
    }
    if let Some(n) = any_at(words, i, &lex.fault_verbs) {
        let cognitive = !matches!(word.stem.as_str(), "break" | "skip" | "miss" | "fail" | "omit");
        // A past form: "forgot", "missed", not "forget to" in a lesson's imperative.
        let past = word.lower.ends_with("ed")
            || word.lower != word.stem && !word.lower.ends_with("ing") && !word.lower.ends_with('s');
        // "Why did the developer forget to check": the past is in "did".
        let asked = word.lower == word.stem && words[i.saturating_sub(8)..i].iter().any(|x| x.lower == "did");
        // "uncovered misconfigured infrastructure": a participle after another verb's past
        // describes the thing, it is not the clause's verb.
        let adjective = i > 0 && words[i - 1].lower.ends_with("ed") && word.lower.ends_with("ed");
        if (past || asked) && !adjective {
            return Some(Fault { verb: i, end: i + n - 1, only_people: cognitive });
        }
    }
    // "did not check", "never set up", "wasn't fully aware".
    if matches!(word.lower.as_str(), "not" | "never") {
        let mut j = i + 1;
        while j < words.len() && BETWEEN.contains(&words[j].lower.as_str()) {
            j += 1;
        }
        if let Some(n) = any_at(words, j, &lex.duties) {
            let verb = if i > 0 && AUXILIARIES.contains(&words[i - 1].lower.as_str()) { i - 1 } else { i };
            if word.lower == "never" || verb < i {
                return Some(Fault { verb, end: j + n - 1, only_people: true });
            }
        }
    }
    // "carelessly deleted", "mistakenly ran".
    // Not in the passive: "the employee was accidentally scheduled for removal" names whom
    // it happened to, not who did it.
    if lex.fault_adverbs.contains(word.stem.as_str())
        && words.get(i + 1).is_some_and(|n| n.lower.ends_with("ed") || n.lower != n.stem)
        && !(i > 0 && matches!(words[i - 1].lower.as_str(), "was" | "were" | "been" | "be" | "being" | "is" | "are" | "got"))
    {
        return Some(Fault { verb: i, end: i + 1, only_people: false });
    }
    None
}

impl Rule for BlamedPerson {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    /// Commit authors' names are people's names: "Dana forgot" is about a person.
    fn facts(&self) -> &'static [super::Fact] {
        &[super::Fact::Authors]
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let mut quotes = language::Quoted::new(doc);
        let text = doc.text();
        let lex = language::lexicon();
        let mut people = None;
        for read in language::read(cx) {
            // The timeline records who did what; its entries are not judged here.
            if read.sentence.kind == crate::document::sentences::Kind::TimelineEntry {
                continue;
            }
            let w = &read.words;
            let mut i = 0;
            while i < w.len() {
                let mut found = fault(w, i);
                // "merged the change without checking the quota": the clause's verb is the
                // first past-tense word after its subject.
                if found.is_none()
                    && w[i].lower == "without"
                    && let Some(n) = any_at(w, i + 1, &lex.without)
                {
                    let from = language::clause_start(text, w, i);
                    if let Some(verb) = (from + 1..i).find(|&k| w[k].lower.ends_with("ed") || w[k].lower == "chose") {
                        found = Some(Fault { verb, end: i + n, only_people: false });
                    }
                }
                // "purged `/*` by mistake", "deleted it by accident": only a person errs so.
                if found.is_none()
                    && w[i].lower == "by"
                    && w.get(i + 1).is_some_and(|x| matches!(x.lower.as_str(), "mistake" | "accident"))
                {
                    let from = language::clause_start(text, w, i);
                    if let Some(verb) = (from + 1..i).find(|&k| w[k].lower.ends_with("ed") || w[k].lower != w[k].stem) {
                        found = Some(Fault { verb, end: i + 1, only_people: true });
                    }
                }
                // "chose the wrong option".
                if found.is_none()
                    && i + 2 < w.len()
                    && w[i + 1].lower == "the"
                    && w[i + 2].lower == "wrong"
                    && (w[i].lower.ends_with("ed") || w[i].lower != w[i].stem)
                {
                    found = Some(Fault { verb: i, end: i + 3.min(w.len() - i - 1), only_people: false });
                }
                let Some(f) = found else {
                    i += 1;
                    continue;
                };
                let people = *people.get_or_insert_with(|| known_people(doc, cx));
                let (who, start) = subject(text, w, f.verb, people);
                // "I didn't notice it until our client told us": the author is one person.
                // Not what the author did not know ("I didn't know the job held a lock"):
                // knowing is no act one can fail at.
                // Nor the author's present ("I don't think I need to explain why"): a fault is
                // something done, in the past.
                let author = who == Subject::People
                    && w[start].lower == "i"
                    && f.verb <= start + 2
                    && !w.get(start + 1..f.verb).unwrap_or_default().iter().any(|x| matches!(x.lower.as_str(), "do" | "does" | "don't"))
                    && !w[f.verb..=f.end.min(w.len() - 1)].iter().any(|x| {
                        matches!(x.stem.as_str(), "know" | "knew" | "awar" | "aware" | "understand" | "understood" | "think" | "thought" | "need" | "want" | "mean" | "meant" | "expect" | "see" | "saw" | "feel" | "felt" | "believ" | "care" | "mind" | "realiz" | "realis" | "like")
                    });
                let person = who == Subject::Person || author || f.only_people && who == Subject::Other && (bare_name(text, w, start, f.verb)
                        && !super::people::names_a_thing(doc, cx, w, start, f.verb)
                        && !super::people::common_noun(doc, cx, &w[start..f.verb]));
                // "**Type Safety Ignored**: …": a capitalised verb ending a bold label or one
                // before a colon is a title's, not a sentence's.
                let title = w[f.verb].capital
                    && text
                        .get(w[f.end.min(w.len() - 1)].range.end..)
                        .is_some_and(|after| after.starts_with("**") || after.starts_with("__") || after.starts_with(':'));
                if person && start < f.verb && !title && !quoted(&mut quotes, w, start) {
                    let range = span(w, start, f.end);
                    out.push(
                        Finding::new(
                            range.clone(),
                            format!("\"{}\" makes a person the subject of a fault", quote(doc, range)),
                        )
                        .label("a person as the subject")
                        .help(HELP),
                    );
                }
                i = f.end + 1;
            }
        }
    }
}
