//! `human-error`: the cause named as a person's error rather than a condition of the system.

use super::language::{self, find_all, negated, quote, quoted, span};
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct HumanError;

static DOC: RuleDoc = RuleDoc {
    name: "human-error",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "the cause is named as a person's error instead of a condition of the system",
    why: "\"Human error\" is a label, not an explanation (Dekker, The Field Guide to \
Understanding 'Human Error'): it ends the analysis where it should begin. Etsy's blameless \
postmortems (Allspaw, 2012) ask what made the action make sense at the time and what in the \
system allowed it. Written anywhere in the document (\"operator error\", \"a mistake was made\", \
\"careless\", \"negligence\", \"X's fault\", \"to blame\"), it tells readers the lesson is a person.",
    bad: "## Root cause
Operator error during the failover.
",
    good: "## Root cause
The failover form accepted an empty region, so the failover targeted every region.
",
};

const HELP: &str = "name the condition of the system that made the error possible, e.g. \"the form accepted an empty region, so the failover targeted every region\"";

impl Rule for HumanError {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let mut quotes = language::Quoted::new(doc);
        let lex = language::lexicon();
        for read in language::read(cx) {
            let w = &read.words;
            let mut found: Vec<(usize, usize)> = find_all(w, &lex.human_error);
            for i in 0..w.len() {
                // "Sofia's fault", "the fault of the operator".
                let possessive = w[i].lower == "'s" && w.get(i + 1).is_some_and(|n| n.stem == "fault");
                let fault_of = w[i].stem == "fault" && w.get(i + 1).is_some_and(|n| n.lower == "of");
                // "That was a mistake.": the decision named an error.
                let was_a = i > 0 && matches!(w[i].lower.as_str(), "was" | "were") && w.get(i + 1).is_some_and(|n| n.lower == "a");
                let named = was_a && matches!(w[i - 1].lower.as_str(), "that" | "this" | "it");
                // "Removing it was a dumb idea.": a decision scorned, whatever the subject.
                let scorned = was_a
                    && w.get(i + 2).is_some_and(|n| matches!(n.lower.as_str(), "dumb" | "stupid" | "silly" | "foolish"))
                    && w.get(i + 3).is_some_and(|n| matches!(n.lower.as_str(), "idea" | "mistake" | "move" | "decision"));
                if scorned {
                    found.push((i, 4));
                } else if named
                    // "That was a mistake.", "This was a massive, massive mistake."
                    && let Some(k) = (i + 2..w.len().min(i + 6)).find(|&k| w[k].lower == "mistake")
                    && w[i + 2..k].iter().all(|n| !matches!(n.lower.as_str(), "not" | "of" | "to" | "that" | "which"))
                    // "It was a careless mistake": once, as the phrase found already.
                    && !found.iter().any(|&(at, n)| at <= k && at + n >= i)
                {
                    found.push((i - 1, k + 2 - i));
                }
                if possessive || fault_of {
                    found.push((i.saturating_sub(usize::from(possessive)), 2));
                }
                // "by mistake we were passing the wrong properties", "it was run on the
                // production cluster by mistake": an error with no system condition named. A
                // thing's "mistake" ("the script matched `/*` by mistake") is a defect, and a
                // named person's is blamed-person's.
                // "a wrong server was restarted by mistake": a passive leaves out who erred.
                if w[i].lower == "by"
                    && w.get(i + 1).is_some_and(|n| n.lower == "mistake")
                    && (w[i.saturating_sub(8)..w.len().min(i + 6)]
                        .iter()
                        .any(|x| matches!(x.lower.as_str(), "we" | "i" | "it" | "someone" | "somebody" | "us"))
                        || i >= 2 && w[i - 1].lower.ends_with("ed") && matches!(w[i - 2].lower.as_str(), "was" | "were" | "been"))
                {
                    found.push((i, 2));
                }
            }
            for (i, n) in found {
                // "she says it looked like operator error": someone's words, reported.
                // "I wrote it in a haste" is no one's words: writing reports only a clause.
                let from = i.saturating_sub(8);
                let reported = w[from..i].iter().enumerate().any(|(k, x)| {
                    matches!(x.stem.as_str(), "say" | "said" | "ask" | "post" | "mention" | "suggest" | "told" | "tell")
                        || matches!(x.stem.as_str(), "writ" | "wrote") && w.get(from + k + 1).is_some_and(|n| n.lower == "that")
                });
                // "While it can be attributed to human error, it is incorrect to focus on the
                // individual": conceded in order to be set aside.
                let conceded = w[i.saturating_sub(8)..i].iter().any(|x| matches!(x.lower.as_str(), "while" | "although" | "though"))
                    && w[i..].iter().any(|x| matches!(x.lower.as_str(), "incorrect" | "instead" | "wrong"));
                // "X is to blame", not "it's tempting to blame the wine": only a be-verb makes
                // the blame the sentence's claim.
                let tempted = w[i].lower == "to"
                    && w.get(i + 1).is_some_and(|n| n.lower == "blame")
                    && !(i > 0 && matches!(w[i - 1].lower.as_str(), "is" | "are" | "was" | "were" | "be" | "been" | "'s" | "not"));
                // "They're already aware of their mistake", "learn from my mistakes": the mistake
                // as the object of knowing or learning, not the cause told.
                let object = i > 0
                    && matches!(w[i - 1].lower.as_str(), "of" | "from" | "about")
                    && matches!(w[i].lower.as_str(), "my" | "his" | "her" | "their" | "our" | "your");
                if negated(w, i) || quoted(&mut quotes, w, i) || reported || conceded || tempted || object {
                    continue;
                }
                let range = span(w, i, i + n - 1);
                out.push(
                    Finding::new(
                        range.clone(),
                        format!("\"{}\" names a person's error as the cause", quote(doc, range)),
                    )
                    .label("human error as the cause")
                    .help(HELP),
                );
            }
        }
    }
}
