//! What the binary says about itself, read as a user reads it: `--help` at the top and for
//! each verb, and the shell completion run in a real bash.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run, stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::Command;

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

/// What bash offers for `line` with the cursor at its end (a trailing space starts a new
/// word): the generated script sourced in a real bash and the function it registered with
/// `complete -F` called as bash calls it, with COMP_WORDS and COMP_CWORD set; COMPREPLY read.
fn bash_offers(script: &Path, line: &str) -> Vec<String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if line.ends_with(' ') {
        words.push("");
    }
    let program = r#"
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( $# - 1 ))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
spec=$(complete -p postmortem-lint) || exit 3
function=${spec#*-F }
function=${function%% *}
"$function" postmortem-lint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"#;
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .arg("bash")
        .arg(script)
        .args(&words)
        .output()
        .unwrap();
    assert!(out.status.success(), "{line}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The bash script completes a verb's own flags and values, not only the verbs: clap_complete
/// spelt a verb's state two ways for a binary whose name has a hyphen, and nothing completed
/// after `postmortem-lint check`.
#[test]
fn bash_completes_after_a_verb() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("postmortem-lint.bash");
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    fs::write(&script, stdout(&out)).unwrap();

    assert_eq!(bash_offers(&script, "postmortem-lint che"), ["check"]);
    assert_eq!(
        bash_offers(&script, "postmortem-lint check --sel"),
        ["--select"]
    );
    let report = bash_offers(&script, "postmortem-lint report --");
    for flag in ["--as-of", "--since", "--format", "--link-base", "--help"] {
        assert!(report.contains(&flag.to_owned()), "{flag}: {report:?}");
    }
    assert!(
        !report.contains(&"--diff-base".to_owned()),
        "report offered check's flags: {report:?}"
    );
    let formats = bash_offers(&script, "postmortem-lint check --format ");
    for format in ["human", "concise", "json", "sarif"] {
        assert!(formats.contains(&format.to_owned()), "{formats:?}");
    }
    let report_formats = bash_offers(&script, "postmortem-lint report --format ");
    assert_eq!(report_formats, ["markdown", "json", "html"]);
    let shells = bash_offers(&script, "postmortem-lint completions ");
    assert!(shells.contains(&"zsh".to_owned()), "{shells:?}");
}
