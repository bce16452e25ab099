//! `vague-action`: a follow-up that is not actionable, specific and bounded, in whatever
//! shape it is written (table cell, bullet, checkbox, numbered list, a paragraph of future
//! work, "we will …" in the lessons).

use super::language::{self, any_at, bounded, quote, quoted, span};
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::sentences::{Kind, Role, Word};

mod done;
mod readers;
mod shape;
use done::{item_done, under_done_heading, unnamed_remedy};
use readers::{READERS, TELLING, to_readers};
use shape::{asks, commitment, followup_label, head, imperative, quality_made};

pub struct VagueAction;

static DOC: RuleDoc = RuleDoc {
    name: "vague-action",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "a follow-up commits to nothing one can finish: investigate, improve, more training",
    why: "The SRE workbook (ch. 10, \"Postmortem Practices\") asks every action item to be \
actionable, specific and bounded; its own bad example is \"Investigate monitoring for this \
scenario\". A follow-up that opens with a non-committal verb (investigate, look into, consider, \
discuss), asks for an unbounded comparative (better alerting, improve monitoring, reduce \
latency, with no number, threshold, date or named artefact), or prescribes a people remedy \
(more training, raise awareness, remind everyone) cannot be finished or checked, so it is the \
first to be abandoned. Such verbs inside a timeline entry record what was done and are not \
reported.",
    bad: "## Action items
- [ ] Look into better alerting for the queue.
- [ ] Investigate monitoring for this scenario.
",
    good: "## Action items
- [ ] Alert when queue depth exceeds 10,000 for 5 minutes.
- [ ] Reduce p99 checkout latency below 300 ms.
",
};

/// Verbs that, after a non-committal head, commit to an outcome: "investigate and fix".
const FINISHING: [&str; 16] = [
    "fix", "implement", "add", "remove", "deploy", "document", "writ", "creat", "enabl", "disabl",
    "set", "updat", "migrat", "automat", "build", "resolv",
];

/// Head verbs that are vague with a comparative object: "add more tests", "have better alerts".
const LIGHT_VERBS: [&str; 18] = [
    "add", "hav", "get", "do", "us", "need", "provid", "introduc", "creat", "build", "develop",
    "establish", "writ", "mak", "implement", "set", "setup", "put",
];

enum Vague {
    NonCommittal,
    People,
    Unbounded,
    Unfinishable,
}

impl Vague {
    fn message(&self, words: &str) -> String {
        match self {
            Vague::NonCommittal => format!("\"{words}\" commits to looking, not to an outcome one can finish"),
            Vague::People => format!("\"{words}\" is a people remedy: it changes nothing in the system"),
            Vague::Unbounded => format!("\"{words}\" has no target: nobody can tell when it is done"),
            Vague::Unfinishable => format!("\"{words}\" names nothing one could finish"),
        }
    }

    fn help(&self) -> &'static str {
        match self {
            Vague::NonCommittal => "state the outcome: what exists when this is done? e.g. \"Alert when queue depth exceeds 10,000 for 5 minutes\"",
            Vague::People => "name the system change that makes the right action the easy one: a check, a default, a guard, e.g. \"CI rejects load balancer configs that fail validation\"",
            Vague::Unbounded => "give it a target: a number, a threshold, a date or a named artefact, e.g. \"Reduce p99 checkout latency below 300 ms\"",
            Vague::Unfinishable => "name the thing to change and the change, e.g. \"Raise the pool's max_connections from 50 to 200\"",
        }
    }
}

/// Participles that report a change as made: "Better logging implemented".
const DONE: [&str; 12] = [
    "implemented", "added", "introduced", "deployed", "enabled", "created", "shipped", "merged",
    "released", "completed", "installed", "configured",
];

/// Verbs of more or less that leave a follow-up unbounded when nothing says how much (stems).
const UNBOUNDED_HEADS: [&str; 11] = [
    "reduc", "increas", "improv", "minimiz", "minimis", "maximiz", "maximis", "optimiz", "optimis",
    "enhanc", "bolster",
];

/// Resources whose size a follow-up changes (stems): "increase the pool size".
const RESOURCES: [&str; 16] = [
    "siz", "number", "count", "limit", "quota", "replica", "pod", "node", "instanc", "ttl",
    "timeout", "retention", "pool", "disk", "cpu", "capacity",
];

/// Words after a verb of more or less that say how, or to what: "reduce the TTL by moving …",
/// "improve the check so that …", "increase the limit to match the peak".
const MEANS: [&str; 12] = [
    "by", "so", "with", "using", "via", "through", "instead", "from", "to", "until", "when", "if",
];

/// Verbs after "to" that give a purpose, not a target: "improve documentation to help onboard
/// maintainers" has none ("reduce the TTL to 60 s", "increase the limit to match" do).
const PURPOSES: [&str; 15] = [
    "help", "ensur", "mak", "avoid", "prevent", "allow", "enabl", "keep", "support", "catch",
    "detect", "giv", "let", "stop", "hav",
];

/// Whether a word after a verb of more or less says how, or to what (not "to" of a purpose).
fn means(w: &[Word], k: usize) -> bool {
    MEANS.contains(&w[k].lower.as_str())
        && !(w[k].lower == "to" && w.get(k + 1).is_some_and(|x| PURPOSES.contains(&x.stem.as_str())))
}

/// What the follow-up whose head is word `h` asks for: not a reference written before it
/// ("[#27258](…) - The process should be improved"), nor the purpose after it ("improving
/// documentation to help onboard `homebrew/cask` maintainers").
fn asked(w: &[Word], h: usize, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let end = (h + 1..w.len())
        .find(|&k| w[k].lower == "to" && w.get(k + 1).is_some_and(|x| PURPOSES.contains(&x.stem.as_str())))
        .map_or(range.end, |k| w[k].range.start);
    w[h].range.start.max(range.start)..end.max(w[h].range.start)
}

/// Verbs that hand out a people remedy named after them: "provide training", "send a
/// reminder", "hold a knowledge sharing session" (stems).
const PROVIDING: [&str; 12] = [
    "provid", "conduct", "do", "hold", "organis", "organiz", "send", "giv", "offer", "distribut", "shar", "circulat",
];

/// Words after "training" that make it a model's: "training data", "training job" (stems).
const MACHINE_TRAINING: [&str; 9] = ["data", "job", "set", "pipelin", "run", "model", "step", "cluster", "loop"];

/// People remedies named as nouns (stems): "training", "reminder", "awareness".
const REMEDY_NOUNS: [&str; 6] = ["training", "train", "reminder", "awareness", "education", "workshop"];

/// People remedies that are one even in a sentence of prose: telling people again (stems).
const INSISTING: [&str; 8] = ["reiterat", "re-iterat", "remind", "emphasis", "emphasiz", "reaffirm", "re-affirm", "rais"];

/// What is vague about the follow-up whose head is word `h`, and how many words say it.
fn judge(doc: &crate::document::Document<'_>, range: std::ops::Range<usize>, w: &[Word], h: usize, participle: bool) -> Option<(Vague, usize)> {
    let lex = language::lexicon();
    if h >= w.len() {
        return None;
    }
    let rest = w.len() - h;
    if let Some(n) = any_at(w, h, &lex.unfinishable)
        && rest <= n + 1
    {
        return Some((Vague::Unfinishable, n));
    }
    // "Follow up with the platform team": someone to talk to, nothing to finish.
    if w[h].stem == "follow"
        && w.get(h + 1).is_some_and(|x| x.lower == "up")
        && w.get(h + 2).is_some_and(|x| x.lower == "with")
        && rest <= 7
        && !w[h + 3..].iter().any(|x| matches!(x.lower.as_str(), "to" | "about" | "regarding" | "so"))
    {
        return Some((Vague::Unfinishable, 3));
    }
    if let Some(n) = any_at(w, h, &lex.people_remedies)
        // "We would like to remind everyone that we run a bounty": said to the readers
        // ("Remind everyone that force unwrapping is dangerous" is still one).
        && !(h >= 2 && w[h - 1].lower == "to" && w[h - 2].lower == "like" && w.get(h + n).is_some_and(|x| READERS.contains(&x.lower.as_str())))
    {
        return Some((Vague::People, n));
    }
    // "Provide Terraform training to all engineers", "Send a reminder", "More trainings for
    // data scientists": a people remedy as the object of a light verb or a comparative.
    // "Create a learning path for Kubernetes", "Set up knowledge sharing": a people remedy
    // named as a thing to make.
    if LIGHT_VERBS.contains(&w[h].stem.as_str())
        && let Some(k) = (h + 1..w.len().min(h + 4)).find(|&k| {
            w.get(k + 1).is_some_and(|next| {
                matches!(
                    (w[k].lower.as_str(), next.lower.as_str()),
                    ("learning", "path" | "paths") | ("knowledge", "sharing") | ("training", "session" | "sessions" | "plan" | "programme" | "program")
                )
            })
        })
    {
        return Some((Vague::People, k + 2 - h));
    }
    if (PROVIDING.contains(&w[h].stem.as_str()) || any_at(w, h, &lex.comparatives).is_some())
        && let Some((k, n)) = (h + 1..w.len().min(h + 5))
            .find_map(|k| REMEDY_NOUNS.contains(&w[k].stem.as_str()).then_some((k, 1)))
        // "More training data", "run the training job": training of a model.
        && !w.get(k + 1).is_some_and(|x| MACHINE_TRAINING.contains(&x.stem.as_str()))
    {
        return Some((Vague::People, k + n - h));
    }
    // "Engaged third-party analysts", "Looked into the logs": a record of what was done.
    let past = w[h].lower.ends_with("ed") && w[h].lower != w[h].stem;
    if let Some(n) = any_at(w, h, &lex.vague_verbs).or_else(|| any_at(w, h, &lex.vague_nouns))
        && !past
        && !to_readers(doc, &range, w, h + n)
    {
        let finishes = w[h + n..]
            .iter()
            .take(6)
            .zip(w[h + n..].iter().skip(1))
            .any(|(a, b)| a.lower == "and" && FINISHING.contains(&b.stem.as_str()));
        return (!finishes).then_some((Vague::NonCommittal, n));
    }
    // "Document and think about overcommit ratios", "review and determine if …".
    if w.get(h + 1).is_some_and(|x| x.lower == "and")
        && let Some(n) = any_at(w, h + 2, &lex.vague_verbs)
    {
        return Some((Vague::NonCommittal, n + 2));
    }
    // "Documenting and communicating SDK release changes to the team".
    if w.get(h + 1).is_some_and(|x| x.lower == "and")
        && let Some(n) = any_at(w, h + 2, &lex.people_remedies)
        && INSISTING.iter().chain(["communicat", "train", "educat"].iter()).any(|r| *r == w[h + 2].stem)
    {
        return Some((Vague::People, n + 2));
    }
    if let Some(n) = unnamed_remedy(doc.text(), w, h) {
        return Some((Vague::Unfinishable, n));
    }
    let mut ask = asked(w, h, &range);
    // "Improve the `fasta_quickcheck` process": a name right after a verb of more or less is
    // what is improved, not the target.
    if UNBOUNDED_HEADS.contains(&w[h].stem.as_str()) {
        let after = doc.slice(w[h].range.end..ask.end.max(w[h].range.end));
        if let Some(open) = after.find('`').filter(|&at| after[..at].split_whitespace().count() <= 2)
            && let Some(close) = after[open + 1..].find('`')
        {
            ask = (w[h].range.end + open + close + 2).min(ask.end)..ask.end;
        }
    }
    if bounded(doc, ask) {
        return None;
    }
    // "Additional observability was introduced for the p2p network": what was done.
    // "Better logging implemented for future debugging": the same, with no auxiliary.
    if (h + 1..w.len().min(h + 7)).any(|k| {
        matches!(w[k].lower.as_str(), "was" | "were" | "been")
            && w.get(k + 1).is_some_and(|x| x.lower.ends_with("ed") && x.lower != x.stem)
            || DONE.contains(&w[k].lower.as_str()) && !matches!(w[k - 1].lower.as_str(), "be" | "to" | "get" | "being")
    }) {
        return None;
    }
    // "improve monitoring", "add more thorough testing", "better communication".
    // "Improved runbooks for …" names a thing to write; "Improve runbooks" asks for a quality.
    let at = if any_at(w, h, &lex.comparatives).is_some() && !w[h].lower.ends_with("ed") {
        Some(h)
    } else if participle && UNBOUNDED_HEADS.contains(&w[h].stem.as_str()) && w.get(h + 1).is_some_and(|x| !matches!(x.lower.as_str(), "the" | "a" | "an" | "our" | "this")) {
        // An action item "Increased issue monitoring after a release": the quality asked for,
        // named by the participle ("Increased the scrutiny …" records what was done).
        Some(h)
    } else if !LIGHT_VERBS.contains(&w[h].stem.as_str())
        // "will be adopting better backup strategies": the verb of a future in progress.
        && (imperative(&w[h]) || w[h].lower.ends_with("ing") && h > 0 && w[h - 1].lower == "be")
        && w.get(h + 1).is_some_and(|x| matches!(x.lower.as_str(), "more" | "better" | "additional" | "greater"))
        // "verify more carefully" is read below, as a manner.
        && !w.get(h + 2).is_some_and(|x| x.lower.ends_with("ly"))
    {
        // "Gain additional visibility into the network": any verb whose object opens with a
        // comparative (and, below, names a quality).
        Some(h + 1)
    } else if LIGHT_VERBS.contains(&w[h].stem.as_str()) {
        // "Make our Vault setup more robust": "make" reaches further, past its object.
        let reach = if w[h].stem == "mak" { 6 } else { 3 };
        (h + 1..(h + reach).min(w.len())).find(|&k| {
            any_at(w, k, &lex.comparatives).is_some()
                // "Add improved log rotation in the AMI": a participle names the thing made.
                && !(w[k].lower.ends_with("ed") && w[k].lower != w[k].stem)
                // "Add an additional Traefik test for /api": one more thing, named.
                && !(w[k].lower == "additional" && matches!(w[k - 1].lower.as_str(), "a" | "an"))
        })
    } else {
        None
    };
    if let Some(k) = at {
        let n = any_at(w, k, &lex.comparatives).unwrap_or(1);
        // "Make kubespawner more robust", "Get faster at spotting growth": the comparative
        // is the whole request.
        let made = w[h].stem == "mak" && k > h + 1 || w[h].stem == "get" && k == h + 1;
        // "Reduce memory usage of the session store", "Improve origin capacity": a verb of
        // more or less at the head, with no target and no means ("by …", "so that …").
        // "Increase size of edge proxy VMs", "increase the number of placeholder pods": more
        // or less of a resource is a change one makes, whose amount is its detail.
        let resource = matches!(w[h].stem.as_str(), "increas" | "reduc")
            && w[k + n..].iter().take(3).any(|x| RESOURCES.contains(&x.stem.as_str()));
        // "further optimize scope resolution": the verb after an adverb of more.
        let verb = if matches!(w[h].lower.as_str(), "further" | "even") && w.get(h + 1).is_some_and(|x| UNBOUNDED_HEADS.contains(&x.stem.as_str())) {
            h + 1
        } else {
            h
        };
        let bare = k == h
            && UNBOUNDED_HEADS.contains(&w[verb].stem.as_str())
            && !resource
            && !(verb + 1..w.len()).any(|k| means(w, k));
        if bare && verb > h {
            return Some((Vague::Unbounded, verb + 1 - h));
        }
        // A quality the comparative is about: a generic word, or a noun of quality
        // ("freshness", "availability").
        let about = w[k + n..].iter().take(5).any(|x| {
            lex.generic.contains(x.stem.as_str())
                || x.lower.len() > 7 && (x.lower.ends_with("ness") || x.lower.ends_with("ility"))
        });
        // A participle asks for a quality only when it names one.
        let bare = bare && !(participle && w[h].lower.ends_with("ed"));
        // "strengthen the monitoring system by establishing a watch on partner blocks": the
        // verb of more at the head, and how it is done named after "by".
        let by_doing = k == h
            && (h + 1..w.len().saturating_sub(1))
                .any(|j| w[j].lower == "by" && w[j + 1].lower.len() > 5 && w[j + 1].lower.ends_with("ing"));
        if (about || made || bare) && !by_doing {
            return Some((Vague::Unbounded, k + n - h));
        }
    }
    // "Start incidents earlier", "Communicate better": a short follow-up ending in one.
    if rest <= 6 {
        for k in h + 1..w.len() {
            if let Some(n) = any_at(w, k, &lex.trailing)
                && k + n == w.len()
            {
                return Some((Vague::Unbounded, k + n - h));
            }
        }
    }
    // "Handle errors more gracefully", "Do deployments more often": how, with no measure.
    if let Some(k) = (h + 1..w.len().min(h + 10)).find(|&k| {
        w[k].lower == "more"
            && w.get(k + 1).is_some_and(|x| {
                x.lower.len() > 4 && x.lower.ends_with("ly") && x.lower != "only" || matches!(x.lower.as_str(), "often" | "frequently" | "regularly")
            })
    }) {
        return Some((Vague::Unbounded, k + 2 - h));
    }
    let anywhere = language::find_all(&w[..w.len().min(h + 16)], &lex.comparatives)
        .into_iter()
        .find(|&(k, n)| k >= h && n >= 4);
    // "create as near an identical environment for testing as possible": "as … as possible"
    // around the object.
    let possible = || {
        // Not a state of people: "to ensure we are as prepared as possible".
        (h..w.len().min(h + 16))
            .filter(|&k| w[k].lower == "as" && !(k > 0 && matches!(w[k - 1].lower.as_str(), "are" | "be" | "is" | "am" | "being" | "stay" | "remain")))
            .find_map(|k| {
            (k + 2..w.len().min(k + 12))
                .find(|&j| w[j].lower == "as" && w.get(j + 1).is_some_and(|x| x.lower == "possible"))
                .map(|j| (k, j + 2 - k))
        })
    };
    anywhere.or_else(possible).map(|(k, n)| (Vague::Unbounded, k + n - h))
}

impl Rule for VagueAction {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let mut quotes = language::Quoted::new(doc);
        let text = doc.text();
        for read in language::read(cx) {
            let s = &read.sentence;
            let w = language::action_words(doc, s, &read.words);
            if w.is_empty() || s.kind == Kind::TimelineEntry || s.role == Role::Timeline {
                continue;
            }
            // "If you are affected, your account team will reach out as soon as possible":
            // prose addressed to the readers is no follow-up of the team's.
            if s.kind != Kind::ActionItem && w.iter().any(|x| matches!(x.lower.as_str(), "you" | "your")) {
                continue;
            }
            // "Better monitoring and visibility" under "Immediate actions (completed)" says what
            // the response gave, not what is still to do.
            if s.kind == Kind::ActionItem && under_done_heading(doc, s.range.start) {
                continue;
            }
            // "| Investigate reasons for failure | mitigate | luk | DONE |": the item is done,
            // so whether one could tell when it is done no longer matters.
            if s.kind == Kind::ActionItem && item_done(doc, s.range.start) {
                continue;
            }
            let h = head(text, w);
            let range = s.range.clone();
            let mut found = None;
            // "Action point: improve the resiliency of the monitor" in a paragraph.
            let labelled = s.opens_block && followup_label(text, w);
            if (s.kind == Kind::ActionItem || labelled) && s.opens_block {
                // "Investigate whether we want to implement …": a non-committal head stays the
                // head, whatever commitment its object holds.
                found = judge(doc, range.clone(), w, h, false)
                    .filter(|(v, _)| matches!(v, Vague::NonCommittal | Vague::People))
                    .map(|v| (h, v));
                let h = (h..w.len().min(h + 4)).find_map(|k| commitment(text, w, k)).unwrap_or(h);
                if found.is_none() {
                    found = judge(doc, range.clone(), w, h, s.kind == Kind::ActionItem).map(|v| (h, v));
                }
                // "Can we search the audit logs without an admin?": a question, not an action.
                if found.is_none() && s.item && asks(doc, &range, w, h) {
                    found = Some((h, (Vague::NonCommittal, 1)));
                }
            } else if s.role == Role::Lessons && s.opens_block && w.get(h).is_some_and(imperative) {
                // A lesson written as an instruction: "Add more thorough testing".
                found = judge(doc, range.clone(), w, h, false).map(|v| (h, v));
            } else if s.item && s.opens_block && w.get(h).is_some_and(imperative) {
                // An imperative list item anywhere but the timeline is a follow-up.
                found = judge(doc, range.clone(), w, h, false)
                    .filter(|(v, _)| matches!(v, Vague::NonCommittal | Vague::People))
                    .map(|v| (h, v));
            }
            // "We will look into …", "we need better alerting": a follow-up in prose.
            let question = doc.slice(range.clone()).trim_end().ends_with('?');
            if found.is_none() && s.item && s.opens_block && asks(doc, &range, w, h) {
                found = Some((h, (Vague::NonCommittal, 2)));
            }
            if found.is_none() && !question {
                // The first few commitments of a sentence: each costs a read of the sentence.
                // "We need better monitoring" is a wish outside an action item, and a
                // follow-up among the lessons (not "we need a better way to switch accounts").
                let bare_need = |k: usize| {
                    matches!(w[k].lower.as_str(), "need" | "needs")
                        && w.get(k + 1).is_some_and(|x| x.lower != "to")
                        && !(s.role == Role::Lessons
                            // A lesson that says only that: "…; the action items name the alerts"
                            // points at where the target is.
                            && w.len() <= 12
                            && !doc.slice(range.clone()).contains(';')
                            && any_at(w, k + 1, &language::lexicon().comparatives).is_some())
                };
                found = (1..w.len()).filter(|&k| !bare_need(k) && commitment(text, w, k).is_some()).take(4).find_map(|k| {
                    let h = commitment(text, w, k)?;
                    // "will be discussed", "are planned": a passive says what, not who; only
                    // "as much as possible" still leaves it unbounded.
                    let passive = w.get(h).is_none_or(|x| x.lower.ends_with("ed"));
                    // "The releasing process should be improved to help detect regressions": a
                    // passive verb of more or less, with no target and no means, is unbounded.
                    if passive
                        && h > 0
                        && w[h - 1].lower == "be"
                        && w.get(h).is_some_and(|x| UNBOUNDED_HEADS.contains(&x.stem.as_str()))
                        && !(h + 1..w.len()).any(|k| means(w, k))
                        && !bounded(doc, asked(w, h, &range))
                    {
                        return Some((h, (Vague::Unbounded, 1)));
                    }
                    // "the event loop will be analyzed for further causes": a non-committal
                    // verb in the passive is still a promise to look, not to finish; not the
                    // post's own plan ("will be discussed in the next section").
                    if passive
                        && h > 0
                        && h < w.len()
                        && w[h - 1].lower == "be"
                        && (any_at(w, h, &language::lexicon().vague_verbs).is_some() || w[h].lower.starts_with("analy"))
                        && !to_readers(doc, &range, w, h + 1)
                        && !["section", "below", "later in", "this post", "this article"].iter().any(|p| doc.slice(range.clone()).contains(p))
                    {
                        return Some((h, (Vague::NonCommittal, 1)));
                    }
                    // "Regular monitoring of the relayer should be implemented": a quality of
                    // more, made in the passive, with no target.
                    if passive && let Some(at) = quality_made(doc, &range, w, h) {
                        return Some((at, (Vague::Unbounded, 1)));
                    }
                    // "We'd like to share the plan in as much detail as possible": what the
                    // post tells its readers, not a follow-up.
                    if w.get(h).is_some_and(|x| TELLING.contains(&x.stem.as_str())) {
                        return None;
                    }
                    judge(doc, range.clone(), w, h, false)
                        // "We will communicate with the customer" is an action; "Cloud
                        // Platform will re-iterate the need for …" is a people remedy.
                        .filter(|(v, _)| !matches!(v, Vague::People) || w.get(h).is_some_and(|x| INSISTING.contains(&x.stem.as_str())) && w.get(h + 1).is_some_and(|x| x.lower != "that"))
                        .filter(|(v, _)| !passive || matches!(v, Vague::Unbounded))
                        .map(|v| (h, v))
                });
            }
            let Some((h, (vague, n))) = found else { continue };
            if quoted(&mut quotes, w, h) || language::negated(w, h) {
                continue;
            }
            // "Reminders to snapshot systems", an entry of the checklist the text introduces.
            if matches!(vague, Vague::People) && s.item && language::in_checklist(text, s.range.start) {
                continue;
            }
            let range = span(w, h, h + n - 1);
            out.push(
                Finding::new(range.clone(), vague.message(&quote(doc, range)))
                    .label("not actionable, specific and bounded")
                    .help(vague.help()),
            );
        }
    }
}
