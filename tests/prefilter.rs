//! The phrase rules' literal prefilter (used from 32 files on) never changes what is found: on
//! text made of the words the built-in patterns are written with, in any case, split by any
//! whitespace, inline code, comments, quotes and headings, every check with the prefilter
//! reports exactly what the check without it reports.
#![allow(clippy::unwrap_used)]

use postmortem_lint::Source;
use postmortem_lint::check::{RunFacts, check_source, check_source_with};
use postmortem_lint::config::Settings;
use postmortem_lint::document::Date;
use postmortem_lint::rules::phrase::Prefilter;
use proptest::prelude::*;
use std::sync::{LazyLock, OnceLock};

static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| Settings::defaults(Date::parse_iso("2026-11-27").unwrap()));

/// Built on first use from the settings' rules, as a run builds it.
static PREFILTER: OnceLock<Prefilter> = OnceLock::new();

fn word() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "human",
        "error",
        "operator",
        "should",
        "have",
        "’ve",
        "'ve",
        "known",
        "better",
        "be",
        "more",
        "extra",
        "careful",
        "cautious",
        "double",
        "check",
        "double-check",
        "next",
        "time",
        "fire",
        "fired",
        "the",
        "engineer",
        "was",
        "were",
        "let",
        "go",
        "held",
        "accountable",
        "I",
        "thought",
        "we",
        "felt",
        "in",
        "my",
        "view",
        "review",
        "opinion",
        "PIP",
        "pip",
        "fault",
        "default",
        "his",
        "Dana's",
        "Dana’s",
        "is",
        "to",
        "blame",
        "careless",
        "sloppy",
        "negligent",
        "performance",
        "reviews",
        "pay",
        "closer",
        "attention",
        "won't",
        "happen",
        "again",
        "not",
        "nobody",
        "x",
        // blamed-person: a person, a fault verb.
        "@dana",
        "she",
        "Tanaka-san",
        "forgot",
        "forgotten",
        "failed",
        "missed",
        "skipped",
        "broke",
        "accidentally",
        "had",
        "just",
        "made",
        "a",
        "mistake",
    ]);
    (words, 0..3u8).prop_map(|(w, case)| match case {
        0 => w.to_owned(),
        1 => w.to_uppercase(),
        _ => {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    })
}

fn between() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\t",
        " \n ",
        "\n\n",
        "`x`",
        " `code` ",
        "<!-- c -->",
        " <!-- c --> ",
        "\"",
        " “",
        "” ",
        "\n> ",
        "\n- ",
        "\n## Lessons learned\n",
        "\n## Timeline\n",
        "\n## Contributing factors\n",
        "\n## Trigger\n",
        "\n## Summary\n",
        " [l](http://x/human-error) ",
        "**",
        "_",
        ", ",
        ". ",
        "é",
        "",
    ])
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), between()), 1..60).prop_map(|parts| {
        let mut text = String::from("# Postmortem: x\n\n## Lessons learned\n\n");
        for (w, b) in parts {
            text.push_str(&w);
            text.push_str(b);
        }
        text
    })
}

fn findings(text: &str, prefilter: bool) -> Vec<String> {
    let source = Source::new("p.md", text);
    let report = match prefilter {
        true => check_source_with(
            source,
            &SETTINGS,
            RunFacts {
                prefilter: Some(&PREFILTER),
                ..RunFacts::default()
            },
        ),
        false => check_source(source, &SETTINGS),
    };
    report
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule, d.range, d.message))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn the_prefilter_never_changes_a_finding(text in text()) {
        prop_assert_eq!(findings(&text, true), findings(&text, false));
    }
}

/// Each text has a finding of `rule`, and the same findings with the prefilter as without.
fn found_alike(rule: &str, texts: &[&str]) {
    for text in texts {
        let with = findings(text, true);
        assert!(
            with.iter().any(|f| f.starts_with(rule)),
            "{text:?}: {with:?}"
        );
        assert_eq!(with, findings(text, false), "{text:?}");
    }
}

/// A code rule that declares the words it needs (blamed-person) is passed over only where
/// they are absent.
#[test]
fn a_person_blamed_across_hidden_text_is_found_with_the_prefilter() {
    found_alike(
        "blamed-person",
        &[
            "## Trigger\n\n@dana FORGOT\nto run the check.\n",
            "## Trigger\n\n@dana `x` forgot to run the check.\n",
            "## Contributing factors\n\nShe Made A Mistake.\n",
        ],
    );
}

/// The generator reaches what the prefilter has to get right: phrases found across line
/// breaks, inline code and comments, in capitals (so that the property is not vacuous).
#[test]
fn phrases_split_by_whitespace_and_hidden_text_are_found_with_the_prefilter() {
    found_alike(
        "human-error",
        &[
            "## Lessons learned\n\nIt was HUMAN\n   error.\n",
            "## Lessons learned\n\nIt was human `x` error.\n",
            "## Lessons learned\n\nIt was human<!-- c -->error.\n",
            "## Contributing factors\n\nIt was Dana’s fault.\n",
        ],
    );
    // A counterfactual lesson is a remedy that asks people to try harder (LANGUAGE.md).
    found_alike(
        "be-more-careful",
        &["## Lessons learned\n\nWe should have\nknown better.\n"],
    );
}
