//! `be-more-careful`: a remedy that asks people to try harder instead of changing the system,
//! and counterfactual lessons ("we should have tested it first").

use super::language::{self, Subject, any_at, bare_name, negated, quote, quoted, span, subject};
use super::people::known_people;
use crate::document::sentences::{Kind, Role};
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct BeMoreCareful;

static DOC: RuleDoc = RuleDoc {
    name: "be-more-careful",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "a remedy asks people to try harder, or a lesson says what they should have done",
    why: "\"Be more careful\", \"pay more attention\", \"double-check\", \"remember to\" change \
nothing in the system: the same person in the same conditions would do the same again \
(Allspaw, \"Blameless PostMortems and a Just Culture\", 2012; Google SRE book ch. 15). A \
counterfactual lesson (\"we should have waited for the canary\") judges with hindsight what \
could not be seen at the time (Dekker). Write what the system will do instead.",
    bad: "## Lessons learned
Everyone needs to be more mindful when editing the load balancer config.
We should have waited for the canary before rolling out.
",
    good: "## Lessons learned
The deploy tool now waits for the canary before rolling out, and the load balancer config is \
validated in CI.
",
};

const HELP: &str = "write a structural lesson: what made the slip easy, and which check, default or guard will catch it next time";

/// Endings of adjectives of conduct ("transparent", "explicit", "responsive", "careful").
const MANNER_SUFFIXES: [&str; 8] = ["ent", "ant", "ive", "ful", "ous", "cit", "ic", "ible"];

/// Adverbs of taking care ("diligently", "carefully"): promised by people, a remedy of effort.
const CARE_ADVERBS: [&str; 6] = ["diligently", "carefully", "vigilantly", "attentively", "meticulously", "closely"];

/// Words allowed between "be" and its adjective: "be a lot more careful".
const INTENSIFIERS: [&str; 16] = [
    "more", "extra", "very", "a", "lot", "much", "even", "really", "particularly", "especially",
    "bit", "little", "always", "super", "fully", "all",
];

/// Past participles that follow "should have" in a counterfactual, besides `-ed` words.
const PARTICIPLES: [&str; 29] = [
    "been", "done", "known", "seen", "made", "set", "put", "run", "caught", "thought", "told",
    "kept", "left", "built", "sent", "had", "got", "taken", "written", "gone", "read", "given",
    "found", "understood", "held", "brought", "chosen", "shown", "spoken",
];

/// Nouns a check word is the first half of: "test results", "review meeting" (stems).
const CHECK_NOUNS: [&str; 16] = [
    "result", "suit", "run", "coverag", "plan", "process", "comment", "meeting", "step", "data",
    "environment", "case", "failur", "output", "period", "phas",
];

/// Verbs that call the readers to something: "be sure to join our Discord".
const CALLS: [&str; 6] = ["join", "follow", "subscribe", "visit", "contact", "star"];

/// Words that put a check in a machine's hands (stems).
const MACHINES: [&str; 12] = ["ci", "pipelin", "automat", "automatic", "job", "script", "hook", "bot", "workflow", "gate", "cron", "lint"];

/// Instructions to check before acting, when a lesson opens with one (base forms).
const CHECK_FIRST: [&str; 7] = ["test", "check", "verify", "validate", "review", "confirm", "plan"];

/// Participles of noticing: "should have been caught" asks someone to have been watching.
const VIGILANCE: [&str; 18] = [
    "caught", "noticed", "spotted", "detected", "checked", "verified", "reviewed", "flagged",
    "seen", "double-checked", "validated", "tested", "escalated", "raised", "found", "identified",
    "discovered", "investigated",
];

impl Rule for BeMoreCareful {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let mut quotes = language::Quoted::new(doc);
        let text = doc.text();
        let lex = language::lexicon();
        let mut people = None;
        for read in language::read(cx) {
            let w = &read.words;
            let question = doc.slice(read.sentence.range.clone()).trim_end().ends_with('?');
            let mut i = 0;
            while i < w.len() {
                let mut hit: Option<(usize, usize)> = None;
                // "be (a lot) more careful", "had been more careful", "stay aware of DST".
                if matches!(w[i].lower.as_str(), "be" | "been" | "stay" | "remain") {
                    let mut j = i + 1;
                    while j < w.len() && INTENSIFIERS.contains(&w[j].lower.as_str()) {
                        j += 1;
                    }
                    let counterfactual_been = w[i].lower == "been"
                        && i > 0
                        && matches!(w[i - 1].lower.as_str(), "had" | "have");
                    if j < w.len()
                        && lex.careful_adjectives.contains(w[j].lower.as_str())
                        && (w[i].lower != "been" || counterfactual_been)
                        && (j > i + 1 || w[i].lower != "been")
                    {
                        hit = Some((i, j));
                    } else if j < w.len()
                        && w[i].lower == "be"
                        && w[i + 1..j].iter().any(|x| x.lower == "more")
                        && i > 0
                        && (matches!(w[i - 1].lower.as_str(), "will" | "must" | "should" | "shall" | "'ll")
                            // "we intend to be …", not "changed the alerting to be more sensitive".
                            || w[i - 1].lower == "to"
                                && i > 1
                                && matches!(w[i - 2].lower.as_str(), "intend" | "want" | "need" | "have" | "going" | "plan" | "try" | "aim" | "hope" | "strive" | "commit" | "promise"))
                        && MANNER_SUFFIXES.iter().any(|s| w[j].lower.len() > s.len() + 3 && w[j].lower.ends_with(s))
                    {
                        // "In the future we intend to be much more transparent": any quality
                        // the people promise to show more of, when people are the subject.
                        let people = *people.get_or_insert_with(|| known_people(doc, cx));
                        let verb = if w[i - 1].lower == "to" { i - 2 } else { i - 1 };
                        let (who, _) = subject(text, w, verb, people);
                        if matches!(who, Subject::Person | Subject::People) {
                            hit = Some((i, j));
                        }
                    }
                }
                if hit.is_none()
                    && let Some(n) = any_at(w, i, &lex.careful)
                    // "double-checked the config at 14:05" records what was done; "a
                    // double-check step" is a thing the system gains.
                    && !(w[i].lower.ends_with("ed") && w[i].lower != w[i].stem)
                    && !(w[i].lower.starts_with("double")
                        && i > 0
                        && matches!(w[i - 1].lower.as_str(), "a" | "an" | "the" | "this" | "that"))
                    // "I know all the queues", "he pays attention": a description, not a remedy.
                    && !(i > 0 && matches!(w[i - 1].lower.as_str(), "i" | "he" | "she" | "it"))
                    // "We are keeping a close eye on it while …": a status told, not a remedy.
                    && !(w[i].lower.ends_with("ing") && i > 0 && matches!(w[i - 1].lower.as_str(), "are" | "is" | "am" | "'re"))
                    // "We've taken remediations to ensure this can never happen again": in
                    // prose, a promise after the changes; as a follow-up, nothing to finish.
                    && !(w[i + n - 1].lower == "again" && read.sentence.kind != Kind::ActionItem && !read.sentence.item)
                {
                    hit = Some((i, i + n - 1));
                }
                // "The team will be working diligently to ensure …", "we will review every
                // change carefully": people promising to take more care, not a change.
                if hit.is_none()
                    && CARE_ADVERBS.contains(&w[i].lower.as_str())
                    && let Some(m) = (i.saturating_sub(5)..i).rev().find(|&k| matches!(w[k].lower.as_str(), "will" | "shall" | "must" | "should" | "'ll"))
                    && m > 0
                    && !w[m..i].iter().any(|x| x.lower == "not")
                {
                    let people = *people.get_or_insert_with(|| known_people(doc, cx));
                    let (who, _) = subject(text, w, m, people);
                    if matches!(who, Subject::Person | Subject::People) || matches!(w[m - 1].lower.as_str(), "team" | "teams") {
                        hit = Some((m + 1, i));
                    }
                }
                // "Watch for unusual data movement.", "Keep an eye on the queue": an
                // instruction to watch, opening a sentence outside the chronology.
                if hit.is_none()
                    && i == 0
                    && read.sentence.kind != Kind::TimelineEntry
                    && read.sentence.role != Role::Timeline
                {
                    let said = |words: &[&str]| {
                        words.len() <= w.len() && words.iter().zip(w).all(|(a, b)| *a == b.lower)
                    };
                    let n = [&["watch", "for"][..], &["watch", "out", "for"], &["keep", "an", "eye"]]
                        .iter()
                        .find(|p| said(p))
                        .map(|p| p.len());
                    if let Some(n) = n {
                        hit = Some((0, n - 1));
                    }
                }
                // A lesson that tells people to check first: "Test webhooks in staging before
                // putting them in production", "Before a migration, plan ahead and review it".
                // Not when a machine is told to do it: "… on the plugins CI", "in the pipeline".
                if hit.is_none()
                    && read.sentence.role != Role::Timeline
                    && read.sentence.kind != Kind::TimelineEntry
                    && read.sentence.opens_block
                    && !w.iter().any(|x| MACHINES.contains(&x.stem.as_str()))
                    // "**Review actions**: …" is a label, not an instruction.
                    && !(1..w.len().min(4)).any(|k| language::gap(text, &w[k - 1], &w[k]).contains(':'))
                {
                    // "Manually test important features before promoting": the same check.
                    let opens = i == 0
                        || i == 1 && w[0].lower == "manually"
                        || w[0].lower == "before" && i > 0 && language::gap(text, &w[i - 1], &w[i]).contains(',');
                    if opens
                        && CHECK_FIRST.contains(&w[i].lower.as_str())
                        // "Test results from before the switch …": a noun, not an instruction.
                        && !w.get(i + 1).is_some_and(|x| CHECK_NOUNS.contains(&x.stem.as_str()))
                        && (i > 0 || w.iter().any(|x| x.lower == "before"))
                    {
                        hit = Some((if w[0].lower == "manually" { 0 } else { i }, i));
                    }
                }
                // "Consulting Sam on the fix before implementing would have saved time": a
                // counterfactual whose subject is a duty someone did not do.
                if hit.is_none()
                    && !question
                    && w[i].lower == "would"
                    && w.get(i + 1).is_some_and(|x| x.lower == "have")
                    && w.get(i + 2).is_some_and(|x| x.lower.ends_with("ed") || PARTICIPLES.contains(&x.lower.as_str()))
                {
                    let people = *people.get_or_insert_with(|| known_people(doc, cx));
                    let (_, start) = subject(text, w, i, people);
                    let duty = w.get(start).is_some_and(|x| {
                        x.lower.ends_with("ing")
                            && start < i
                            && (any_at(w, start, &lex.without).is_some() || any_at(w, start, &lex.duties).is_some())
                    });
                    if duty {
                        hit = Some((start, i + 2));
                    }
                }
                // "We could have detected the issue before it went out", "we could have had
                // more testing": what people could have noticed, as a lesson.
                if hit.is_none()
                    && !question
                    && w[i].lower == "could"
                    && w.get(i + 1).is_some_and(|x| x.lower == "have")
                    && w.get(i + 2).is_some_and(|x| {
                        VIGILANCE.contains(&x.lower.as_str())
                            || x.lower == "had" && w.get(i + 3).is_some_and(|y| matches!(y.lower.as_str(), "more" | "better"))
                    })
                {
                    let people = *people.get_or_insert_with(|| known_people(doc, cx));
                    let (who, start) = subject(text, w, i, people);
                    // Only as the sentence's own claim: "Had we load tested, we could have caught
                    // …" and "without paging we could've noticed it later" argue for a system.
                    if start == 0 && (matches!(who, Subject::Person | Subject::People) || (bare_name(text, w, start, i) && !super::people::names_a_thing(doc, cx, w, start, i))) {
                        hit = Some((start.min(i), i + 2));
                    }
                }
                // "I think we should have seen these, but I am not sure?": a question, not a lesson.
                if hit.is_none()
                    && !question
                    && let Some(n) = any_at(w, i, &lex.counterfactual)
                {
                    let next = w.get(i + n);
                    // "could have been avoided had we …"; not "… avoided by deploying X".
                    let avoided = n >= 4
                        && !next.is_some_and(|x| matches!(x.lower.as_str(), "by" | "with" | "through" | "using"));
                    // "We should have first communicated …": an adverb before the participle.
                    let next = if next.is_some_and(|x| matches!(x.lower.as_str(), "first" | "also" | "just" | "really" | "properly" | "probably" | "definitely")) {
                        w.get(i + n + 1)
                    } else {
                        next
                    };
                    let participle = next.is_some_and(|x| {
                        x.lower.ends_with("ed") || PARTICIPLES.contains(&x.lower.as_str())
                    });
                    if avoided || participle {
                        let people = *people.get_or_insert_with(|| known_people(doc, cx));
                        let (who, start) = subject(text, w, i, people);
                        let by_people = matches!(who, Subject::Person | Subject::People)
                            || (bare_name(text, w, start, i) && !super::people::names_a_thing(doc, cx, w, start, i));
                        // "This should have been caught in review": a lesson that asks for
                        // vigilance, whoever the subject is.
                        let vigilance = w.get(i + n).is_some_and(|x| x.lower == "been")
                            && w.get(i + n + 1).is_some_and(|x| VIGILANCE.contains(&x.lower.as_str()));
                        // "a postmortem that detailed how it could have been prevented": an
                        // embedded question, told of, not claimed.
                        let embedded = start > 0 && matches!(w[start - 1].lower.as_str(), "how" | "whether" | "why" | "what" | "if")
                            || (i.saturating_sub(2)..i).any(|k| matches!(w[k].lower.as_str(), "how" | "whether" | "why"));
                        if (avoided || by_people || vigilance) && !embedded {
                            // "…, should have tested against the live set": a subject far back
                            // (or left out) is not quoted; the counterfactual is.
                            let from = if avoided || i > start + 3 { i } else { start.min(i) };
                            hit = Some((from, i + n));
                        }
                    }
                }
                // "How does the team stay aware of advisories? - a security list": asked, and
                // answered with a mechanism, not a remedy.
                let asked = |from: usize| {
                    let start = read.sentence.range.start;
                    doc.slice(read.sentence.range.clone())
                        .find('?')
                        .is_some_and(|q| w[from].range.start < start + q)
                };
                // "Be sure to join our Discord", "Keep an eye on our [X.com]", "Note: remember
                // to chmod +x it": a call to the readers or a how-to note, not a remedy.
                if let Some((_, to)) = hit
                    && (w.get(to + 1).is_some_and(|x| CALLS.contains(&x.lower.as_str()))
                        || w[to + 1..w.len().min(to + 4)].iter().any(|x| x.lower == "our")
                            && doc.slice(read.sentence.range.clone()).contains("](")
                        || w.first().is_some_and(|x| matches!(x.lower.as_str(), "note" | "tip" | "nb"))
                            && language::gap(text, &w[0], &w[1.min(w.len() - 1)]).contains(':'))
                {
                    hit = None;
                }
                match hit {
                    // "we were not monitoring closely enough": the negation is the lesson.
                    Some((from, to))
                        if !(quoted(&mut quotes, w, from)
                            || asked(from)
                            || negated(w, from) && w[to].lower != "enough"
                            // "Remembering to page the comms lead", an entry of a checklist.
                            || read.sentence.item && language::in_checklist(text, read.sentence.range.start)) =>
                    {
                        let range = span(w, from, to);
                        out.push(
                            Finding::new(
                                range.clone(),
                                format!(
                                    "\"{}\" asks people to try harder; it changes nothing in the system",
                                    quote(doc, range)
                                ),
                            )
                            .label("a remedy for people, not the system")
                            .help(HELP),
                        );
                        i = to + 1;
                    }
                    _ => i += 1,
                }
            }
        }
    }
}
