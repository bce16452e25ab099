//! What the binary says about itself, read as a user reads it: `--help` at the top and for
//! each verb.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run, stdout};

/// The verbs the top-level `--help` lists, in its order (`help` included).
fn listed_verbs() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    help.split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|line| line.starts_with("  "))
        .map(|line| line.split_whitespace().next().unwrap().to_owned())
        .collect()
}

/// A word written twice in a row ("date date", "The the"); words are letters only, so `1 1`
/// does not count, nor a verb in the listing followed by its summary ("report  Report ...").
fn doubled_words(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|pair| {
            let (first, second) = (pair[0], pair[1]);
            first.chars().all(char::is_alphabetic)
                && (first == second
                    || first.starts_with(char::is_uppercase) && first.to_lowercase() == second)
        })
        .map(|pair| format!("{} {}", pair[0], pair[1]))
        .collect()
}

#[test]
fn no_help_text_says_a_word_twice() {
    let verbs = listed_verbs();
    assert!(verbs.len() > 5, "{verbs:?}");
    let mut pages = vec![stdout(&run(&["--help"]))];
    for verb in verbs.iter().filter(|v| *v != "help") {
        let out = run(&[verb, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{verb} --help");
        pages.push(stdout(&out));
    }
    let doubled: Vec<String> = pages.iter().flat_map(|p| doubled_words(p)).collect();
    assert!(doubled.is_empty(), "doubled words in --help: {doubled:?}");
    assert_eq!(
        doubled_words("The the date date rules\n  report  Report"),
        ["The the", "date date"]
    );
}

/// The top-level `--help` as a new user reads it: the verbs in the order they need them, each
/// summed up on one line that fits a terminal of 100 columns.
#[test]
fn top_level_help_lists_check_first_on_short_lines() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag]);
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        for line in help.lines() {
            assert!(
                line.chars().count() <= 100,
                "{flag}: a line of {} columns:\n{line}",
                line.chars().count()
            );
        }
    }
    assert_eq!(
        listed_verbs(),
        [
            "check",
            "report",
            "init",
            "explain",
            "rules",
            "config",
            "baseline",
            "new",
            "server",
            "completions",
            "man",
            "help"
        ]
    );
}
