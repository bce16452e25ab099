//! The grammar behind the language rules, one construction at a time: each sentence is put in
//! a section of a small postmortem and must be reported by the named rule, or by no language
//! rule at all. The sentences are ours, written for the construction they test.
#![allow(clippy::unwrap_used)]

mod common;

use common::language_findings;

/// (section heading, sentence as written under it, the rule that must fire or `None`).
const CASES: &[(&str, &str, Option<&str>)] = &[
    // An instruction to watch asks people for vigilance; watching in the chronology is what
    // someone did.
    (
        "Lessons learned",
        "- Watch for unusual traffic to the export endpoint after each release.",
        Some("be-more-careful"),
    ),
    (
        "Timeline",
        "- 14:05 @ravi keeps an eye on the queue while the rollback runs",
        None,
    ),
    // A passive "assumed to be" records a belief, however many words stand between it and
    // its "was"; an assumption in the design ("the value is assumed to be UTC") is no event.
    (
        "Timeline",
        "- 10:29 the runtime swapped back to what was at the time assumed to be the default",
        Some("feelings-in-timeline"),
    ),
    (
        "Timeline",
        "- 10:31 the parser reads timestamps, which are assumed to be UTC, from the log",
        None,
    ),
    // A relative clause's subject is the noun it follows; a clause after "notices that" has
    // its own subject; "our <thing>" is not people.
    (
        "Timeline",
        "- 09:12 @lena notices that two DNS records that should have been removed are still served",
        None,
    ),
    (
        "Lessons learned",
        "- Our retry budget should have been lower than the upstream timeout.",
        None,
    ),
    (
        "Lessons learned",
        "- Our SRE should have been more careful with the failover.",
        Some("be-more-careful"),
    ),
    // A question is not a lesson.
    (
        "Lessons learned",
        "- Should we have spotted the disk trend earlier? We are not sure.",
        None,
    ),
    // A counterfactual asking for vigilance, whoever its subject.
    (
        "Lessons learned",
        "- The expired token should have been caught before the release.",
        Some("be-more-careful"),
    ),
    // A commitment needs a committer that opens its clause.
    (
        "Summary",
        "Our dashboards should not depend on the cluster we are trying to repair.",
        None,
    ),
    (
        "Summary",
        "Partners who call the API often should consider a client-side cache.",
        None,
    ),
    (
        "Action items",
        "- [ ] We need a better way to rotate the signing key",
        Some("vague-action"),
    ),
    (
        "Lessons learned",
        "- We need better dashboards in general; the action items list the specific panels.",
        None,
    ),
    // Tracking links do not bound a follow-up; a threshold does.
    (
        "Action items",
        "- [ ] Improve alerting on the job queue (https://github.com/acme/infra/issues/412)",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Improve p99 checkout latency to under 300 ms",
        None,
    ),
    // People remedies as the object of a light verb, not a model's training.
    (
        "Action items",
        "- [ ] Provide database failover training to the support rotation",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Send a reminder to every team before the maintenance window",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Provide more training data for the fraud model from the last quarter",
        None,
    ),
    // Comparatives: past an object with "make", as an adverb, on a quality noun.
    (
        "Action items",
        "- [ ] Make the ingest worker more resilient",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Rotate the credentials more often",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Improve search freshness",
        Some("vague-action"),
    ),
    (
        "Action items",
        "- [ ] Follow up with the vendor to get a credit note for March",
        None,
    ),
    // Feelings: a pronoun right before the verb, the past progressive, a condition, an
    // intention of the author's, "thought up".
    (
        "Timeline",
        "- 10:41 Frankly, at that moment we panicked.",
        Some("feelings-in-timeline"),
    ),
    (
        "Timeline",
        "- 10:44 Omar was thinking it was the CDN and opened a vendor ticket.",
        Some("feelings-in-timeline"),
    ),
    (
        "Response",
        "Once we were confident the queue had drained, the workers were scaled back down.",
        None,
    ),
    (
        "Response",
        "Since the fix was small, I thought I would explain the code path in detail here.",
        None,
    ),
    (
        "Timeline",
        "- 10:50 Omar thought up a workaround and rerouted the traffic.",
        None,
    ),
];

#[test]
fn each_construction_is_read_as_its_grammar_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    for (section, sentence, want) in CASES {
        let doc = format!("# Queue outage\n\n## {section}\n\n{sentence}\n");
        let fired = language_findings(dir.path(), &doc);
        let ok = match want {
            Some(rule) => fired.iter().any(|r| r == rule),
            None => fired.is_empty(),
        };
        if !ok {
            wrong.push(format!(
                "{section}: {sentence:?}: want {want:?}, got {fired:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
