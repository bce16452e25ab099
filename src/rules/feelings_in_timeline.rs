//! `feelings-in-timeline`: emotion, belief or assumption recorded as part of the chronology.

use super::language::{self, Subject, bare_name, chronology, find_all, quote, quoted, span, subject};
use super::people::known_people;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::sentences::{Kind, Role};

pub struct FeelingsInTimeline;

static DOC: RuleDoc = RuleDoc {
    name: "feelings-in-timeline",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "the chronology records beliefs or feelings instead of observations and actions",
    why: "A timeline is the shared record of what was observed and done, and when. \"We \
assumed the cache would warm up\", \"we panicked\", \"Dana thought it was the deploy\" put \
beliefs and emotions into that record, where a later reader takes them for facts or for a \
verdict on the people (Google SRE workbook ch. 10). Record the observation that led to the \
belief; discuss beliefs and how they formed in the analysis. Hedged readings of evidence \
(\"the graph suggests\") are observations and are not reported.",
    bad: "## Timeline
- 14:20 We assumed the cache would warm up on its own.
",
    good: "## Timeline
- 14:20 The cache hit rate was 3% and still falling.
",
};

const HELP: &str = "record what was observed and done, e.g. \"14:20 cache hit rate 3% and falling\"; move beliefs and how they formed to the analysis";

/// Forms of "be" (and "feel", "get") before an adjective of feeling: "we were confused".
const LINKING: [&str; 14] = ["was", "were", "felt", "got", "became", "grew", "remained", "stayed", "am", "are", "is", "gets", "becomes", "feels"];

/// Words allowed between the linking verb and the adjective.
const DEGREE: [&str; 17] = [
    "still", "all", "pretty", "very", "a", "bit", "quite", "really", "so", "initially",
    "completely", "totally", "increasingly", "rather", "just", "no", "longer",
];

/// What one assumes when one takes it on, not believes it (stems): "assumed responsibility".
const TAKEN_ON: [&str; 9] = ["responsibility", "control", "ownership", "role", "command", "leadership", "duty", "dutie", "charg"];

/// Words before "thought" that make it a noun: "more thought", "a thought".
const DETERMINERS: [&str; 8] = ["a", "the", "more", "some", "any", "no", "much", "little"];

impl Rule for FeelingsInTimeline {
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
            let s = &read.sentence;
            if !chronology(s) {
                continue;
            }
            let w = &read.words;
            let mut hits: Vec<(usize, usize)> = Vec::new();
            for i in 0..w.len() {
                let word = &w[i];
                if lex.feeling_verbs.contains(word.stem.as_str())
                    && !(i > 0 && DETERMINERS.contains(&w[i - 1].lower.as_str()))
                    // "trying to figure out", "a subset which we believed": not the chronology.
                    && !(i > 0 && w[i - 1].lower == "to")
                    // "figure out", "thought up a lie": to find or invent, not to believe.
                    && w.get(i + 1).is_none_or(|n| n.lower != "out" && n.lower != "up")
                    // "I thought I would take a moment to explain": an intention of the author's
                    // ("we thought we'd rotated the key" is "we had": a belief).
                    && !(w.get(i + 1).is_some_and(|n| i > 0 && n.lower == w[i - 1].lower)
                        && w.get(i + 2).is_some_and(|n| n.lower == "would")
                        && !w.get(i + 3).is_some_and(|n| n.lower.ends_with("ed")))
                    && !(i >= 2 && matches!(w[i - 2].lower.as_str(), "which" | "that"))
                    // "the 8GB limit we thought we had imposed": a clause about a thing.
                    && !(i >= 2 && relative(text, w, i))
                    // "assumed responsibility for the stack": took on, not believed.
                    && !(word.stem == "assum" && w.get(i + 1).is_some_and(|n| TAKEN_ON.contains(&n.stem.as_str()) || w.get(i + 2).is_some_and(|m| TAKEN_ON.contains(&m.stem.as_str()) && matches!(n.lower.as_str(), "the" | "a" | "full" | "formal" | "overall" | "their" | "our" | "his" | "her"))))
                {
                    let past = word.lower.ends_with("ed") || matches!(word.lower.as_str(), "thought" | "felt");
                    let present = !past && !word.lower.ends_with("ing");
                    // Present tense is the author's reading now, unless it is in the timeline
                    // or tells of someone else ("Tech Lead believes that …, and re-deploys").
                    let third_person = present && word.lower.ends_with('s');
                    if present && !s.entry && s.role != Role::Timeline && !third_person {
                        continue;
                    }
                    // "…, believing the fix to be ineffective, the decision was made": a
                    // participle set off by a comma tells what was believed then, whoever the
                    // subject ("assuming" only before a clause: not "assuming 2x growth").
                    if word.lower.ends_with("ing")
                        && i > 0
                        && language::gap(text, &w[i - 1], word).contains(',')
                        && (word.stem != "assum"
                            || w[i + 1..w.len().min(i + 7)].iter().any(|x| {
                                matches!(x.lower.as_str(), "would" | "was" | "were" | "had" | "is" | "will" | "could")
                            }))
                    {
                        hits.push((i, i));
                        continue;
                    }
                    // "Still assuming the cache will recover": an entry that opens with it.
                    if word.lower.ends_with("ing")
                        && !(i == 0
                            || is_stamp(&w[i - 1].lower)
                            // "Deepa was thinking it is the release": what she thought then.
                            || matches!(w[i - 1].lower.as_str(), "was" | "were")
                            || i <= 2 && w[..i].iter().all(|x| matches!(x.lower.as_str(), "still" | "now" | "and" | "initially" | "then")))
                    {
                        continue;
                    }
                    // "was assumed to be", "was at the time assumed to be": from the "was".
                    let passive = (i.saturating_sub(4)..i)
                        .find(|&k| matches!(w[k].lower.as_str(), "was" | "were" | "be" | "been"))
                        .filter(|_| {
                            w.get(i + 1).is_some_and(|n| n.lower == "to")
                                && (word.stem == "assum" || matches!(word.lower.as_str(), "thought" | "believed" | "presumed"))
                        });
                    let people = *people.get_or_insert_with(|| known_people(doc, cx));
                    // "Omar was thinking …": the subject is the auxiliary's.
                    let verb = if word.lower.ends_with("ing") && i > 0 && matches!(w[i - 1].lower.as_str(), "was" | "were") {
                        i - 1
                    } else {
                        i
                    };
                    let (who, start) = subject(text, w, verb, people);
                    let opens = start == i; // "Assumed this was the upgrade."
                    if third_person && !s.entry && s.role != Role::Timeline && who != Subject::Person {
                        continue;
                    }
                    // "Thinking that this might be a fluke, I rebooted the server": what the
                    // person after the comma believed as they acted.
                    let thinking = opens && i == 0 && word.lower.ends_with("ing") && acts_after_comma(text, w, i);
                    if let Some(was) = passive {
                        hits.push((was, i));
                    } else if matches!(who, Subject::Person | Subject::People)
                        || (bare_name(text, w, start, verb) && !super::people::names_a_thing(doc, cx, w, start, verb))
                        || opens && !present && s.kind == Kind::TimelineEntry
                        // "And hoped that they will answer fast.": the subject of the sentence
                        // before, left out after a conjunction.
                        || i == 1 && !present && matches!(w[0].lower.as_str(), "and" | "then" | "but" | "so")
                        || thinking
                    {
                        hits.push((start.min(i), i));
                    }
                }
                // "so it was considered to be something strange": what was believed then.
                if word.lower == "considered"
                    && i > 0
                    && matches!(w[i - 1].lower.as_str(), "was" | "were")
                    && w.get(i + 1).is_some_and(|n| n.lower == "to")
                    && w.get(i + 2).is_some_and(|n| n.lower == "be")
                {
                    hits.push((i - 1, i + 2));
                }
                if LINKING.contains(&word.lower.as_str()) {
                    let mut j = i + 1;
                    while j < w.len() && DEGREE.contains(&w[j].lower.as_str()) {
                        j += 1;
                    }
                    if j < w.len()
                        && lex.feeling_adjectives.contains(w[j].lower.as_str())
                        // "sure that the fix" is belief; "make sure" is not reached here.
                        // Present tense only in the timeline's own narration ("@lee gets anxious").
                        && (!matches!(word.lower.as_str(), "am" | "are" | "is" | "gets" | "becomes" | "feels") || s.entry || s.kind == Kind::TimelineEntry)
                    {
                        let people = *people.get_or_insert_with(|| known_people(doc, cx));
                        let (who, start) = subject(text, w, i, people);
                        // "Once we were confident it was resolved, …": a condition of what
                        // was done next, not a feeling recorded.
                        let condition = start > 0
                            && matches!(w[start - 1].lower.as_str(), "once" | "when" | "after" | "until" | "before" | "if" | "unless");
                        if !condition && (matches!(who, Subject::Person | Subject::People) || (bare_name(text, w, start, i) && !super::people::names_a_thing(doc, cx, w, start, i))) {
                            hits.push((start.min(i), j));
                        }
                    }
                }
            }
            // "My first thought was maybe a hosting problem": the belief, named as a noun.
            for i in 2..w.len() {
                if w[i].lower == "thought"
                    && w[i - 1].lower == "first"
                    && matches!(w[i - 2].lower.as_str(), "my" | "our")
                    && w.get(i + 1).is_some_and(|n| n.lower == "was")
                {
                    hits.push((i - 2, i));
                }
            }
            // "frustratingly", "in the hope that": only in the timeline itself, where they tell
            // what was felt then (elsewhere they are the author's voice now).
            // In a narrative paragraph, only the adverbs of feeling: "we had to take
            // frustratingly manual measures" (not "we followed a template in the hopes that
            // it makes the write-up better", the author's purpose).
            let entry = s.kind == Kind::TimelineEntry || s.role == Role::Timeline;
            hits.extend(
                find_all(w, &lex.feeling_adverbs)
                    .into_iter()
                    .filter(|&(i, _)| entry || w[i].lower.ends_with("ingly"))
                    .map(|(i, n)| (i, i + n - 1)),
            );
            hits.sort_unstable();
            hits.dedup_by_key(|h| h.0);
            for (from, to) in hits {
                if quoted(&mut quotes, w, to) {
                    continue;
                }
                let range = span(w, from, to);
                out.push(
                    Finding::new(
                        range.clone(),
                        format!("\"{}\" records a belief or feeling in the chronology", quote(doc, range)),
                    )
                    .label("a belief, not an observation")
                    .help(HELP),
                );
            }
        }
    }
}

/// Whether the verb at `i` is in a relative clause with no "that": "the limit we thought we
/// had set" (a noun, then "we", no punctuation between).
fn relative(text: &str, w: &[crate::document::sentences::Word], i: usize) -> bool {
    let noun = &w[i - 2];
    matches!(w[i - 1].lower.as_str(), "we" | "i" | "they")
        && !language::gap(text, noun, &w[i - 1]).chars().any(|c| c.is_ascii_punctuation())
        && !noun.lower.starts_with(|c: char| c.is_ascii_digit())
        && !noun.lower.ends_with("ly")
        && !noun.lower.ends_with("ed")
        && !matches!(
            noun.lower.as_str(),
            "and" | "but" | "so" | "then" | "because" | "as" | "since" | "when" | "while" | "if" | "until"
                | "now" | "first" | "also" | "still" | "where" | "what" | "why" | "how" | "once" | "after"
                | "before" | "though" | "although" | "or" | "yet"
        )
        // A noun phrase ("the 8GB limit"), not a time ("By Friday afternoon we felt …").
        && {
            let before = &w[(i - 2).saturating_sub(3)..i - 2];
            before.iter().any(|x| matches!(x.lower.as_str(), "the" | "a" | "an" | "our" | "their" | "its" | "these" | "those"))
                && !before.iter().any(|x| matches!(x.lower.as_str(), "by" | "on" | "at" | "in" | "during" | "after" | "before" | "until" | "since" | "that" | "this" | "next"))
        }
}

/// Whether, after a comma following word `i`, a person is the subject of what comes next:
/// "Thinking …, I rebooted", "…, @lee restarted".
fn acts_after_comma(text: &str, w: &[crate::document::sentences::Word], i: usize) -> bool {
    (i + 1..w.len().min(i + 16))
        .find(|&k| language::gap(text, &w[k - 1], &w[k]).contains(','))
        .is_some_and(|k| matches!(w[k].lower.as_str(), "i" | "we" | "he" | "she") || w[k].lower.starts_with('@'))
}

/// A word of a time stamp: "14" and "05" of "14:05".
fn is_stamp(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}
