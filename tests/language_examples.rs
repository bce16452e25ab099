//! Every example of ../shared/LANGUAGE.md behaves as labelled there: each "flag" sentence is
//! reported by its kind's rule, each "not" sentence by no language rule. Each sentence is put
//! where a postmortem would hold it (a lesson in the lessons, a follow-up in the action items,
//! a timeline entry in the timeline).
#![allow(clippy::unwrap_used)]

mod common;

use common::{cannot_run, language_findings, root};
use std::fs;

/// The kind's rule and the section a sentence of that kind is written in.
fn placed(kind: &str, sentence: &str) -> Option<(&'static str, String)> {
    let entry = sentence.starts_with(|c: char| c.is_ascii_digit());
    let (rule, doc) = match kind {
        // "Investigate" inside a timeline entry ("14:05 investigated the logs").
        "vague-action" if entry => ("vague-action", format!("## Timeline\n\n- {sentence}\n")),
        "be-more-careful" => (
            "be-more-careful",
            format!("## Lessons learned\n\n{sentence}\n"),
        ),
        "human-error" => (
            "human-error",
            format!("## Contributing factors\n\n{sentence}\n"),
        ),
        "blamed-person" => ("blamed-person", format!("## Trigger\n\n{sentence}\n")),
        "vague-action" => (
            "vague-action",
            format!("## Action items\n\n- [ ] {sentence}\n"),
        ),
        "feelings" => (
            "feelings-in-timeline",
            format!("## Timeline\n\n- {sentence}\n"),
        ),
        _ => return None,
    };
    Some((rule, format!("# Checkout outage\n\n{doc}")))
}

/// (kind, flag?, sentence) for every example: a `- flag:` or `- not:` item under a `**kind**`
/// paragraph, its quoted sentences (an item may run onto the next line).
fn examples(guide: &str) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    let mut kind = String::new();
    let mut item: Option<(bool, String)> = None;
    let flush = |kind: &str, item: &mut Option<(bool, String)>, out: &mut Vec<_>| {
        if let Some((flag, text)) = item.take() {
            for (i, part) in text.split('"').enumerate() {
                // A quoted word ("Investigate") names a word; a sentence has several.
                if i % 2 == 1 && part.split_whitespace().count() > 1 {
                    out.push((kind.to_owned(), flag, part.to_owned()));
                }
            }
        }
    };
    for line in guide.lines() {
        if let Some(rest) = line.strip_prefix("**")
            && let Some((name, _)) = rest.split_once("**")
        {
            flush(&kind, &mut item, &mut out);
            kind = name.to_owned();
        } else if let Some(text) = line.strip_prefix("- flag: ") {
            flush(&kind, &mut item, &mut out);
            item = Some((true, text.to_owned()));
        } else if let Some(text) = line.strip_prefix("- not: ") {
            flush(&kind, &mut item, &mut out);
            item = Some((false, text.to_owned()));
        } else if let (Some((_, text)), true) = (&mut item, line.starts_with("  ")) {
            text.push(' ');
            text.push_str(line.trim());
        } else {
            flush(&kind, &mut item, &mut out);
        }
    }
    flush(&kind, &mut item, &mut out);
    out
}

#[test]
fn every_example_of_the_guide_behaves_as_labelled() {
    let guide = root().join("../shared/LANGUAGE.md");
    let Ok(guide) = fs::read_to_string(&guide) else {
        cannot_run("../shared/LANGUAGE.md is not beside this clone");
        return;
    };
    let examples = examples(&guide);
    assert!(examples.len() >= 15, "{examples:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = Vec::new();
    for (kind, flag, sentence) in &examples {
        let (rule, doc) = placed(kind, sentence).unwrap();
        let fired = language_findings(dir.path(), &doc);
        let ok = if *flag {
            fired.iter().any(|r| r == rule)
        } else {
            fired.is_empty()
        };
        if !ok {
            wrong.push(format!(
                "{kind} {} {sentence:?}: {fired:?}",
                if *flag { "flag" } else { "not" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
