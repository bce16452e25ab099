//! What the binary says about itself, read as a user reads it: `--help` at the top and for
//! each verb, the shell completion run in a real bash, and the man pages.
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
    let pages = bash_offers(&script, "postmortem-lint man ");
    for verb in ["check", "report", "--out-dir"] {
        assert!(pages.contains(&verb.to_owned()), "{pages:?}");
    }
}

/// The long flags (`--as-of`) a `--help` page defines: the first of each option line.
fn long_flags(help: &str) -> Vec<String> {
    help.lines()
        .filter(|line| line.trim_start().starts_with('-'))
        .filter_map(|line| {
            line.split([' ', ','])
                .find(|token| token.starts_with("--"))
                .map(str::to_owned)
        })
        .collect()
}

/// `man` prints the tool's page, which names a page per verb (`postmortem-lint-check(1)`);
/// each of them is generated by `man VERB`, documents that verb's flags, and `man --out-dir`
/// writes all of them.
#[test]
fn every_man_page_the_tool_names_can_be_generated() {
    let top = stdout(&run(&["man"]));
    assert!(top.contains(".TH postmortem-lint 1 "), "{top}");
    let named: Vec<String> = top
        .lines()
        .filter_map(|line| {
            line.strip_prefix(r"postmortem\-lint\-")?
                .strip_suffix("(1)")
        })
        .map(|verb| verb.replace(r"\-", "-"))
        .collect();
    let mut verbs = listed_verbs();
    verbs.retain(|v| v != "help");
    assert_eq!(named, verbs, "the top page names a page per verb");

    for verb in &named {
        let out = run(&["man", verb]);
        assert_eq!(out.status.code(), Some(0), "man {verb}: {}", stderr(&out));
        let page = stdout(&out);
        assert!(
            page.contains(&format!(".TH postmortem-lint-{verb} 1 ")),
            "{verb}: {page}"
        );
        assert!(
            page.contains(&format!(r"\fBpostmortem\-lint {verb}\fR")),
            "{verb}'s synopsis: {page}"
        );
        let flags = long_flags(&stdout(&run(&[verb, "--help"])));
        assert!(flags.contains(&"--help".to_owned()), "{verb}: {flags:?}");
        for flag in flags {
            assert!(
                page.contains(&format!(r"\fB{}\fR", flag.replace('-', r"\-"))),
                "postmortem-lint-{verb}(1) does not document {flag}"
            );
        }
    }
    assert!(stdout(&run(&["man", "check"])).contains(r"\fB\-\-select\fR"));

    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("man1");
    let out = run(&["man", "--out-dir", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut written: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = named
        .iter()
        .map(|verb| format!("postmortem-lint-{verb}.1"))
        .chain(["postmortem-lint.1".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    assert_eq!(
        stdout(&out).lines().count(),
        expected.len(),
        "one path a page"
    );
    assert_eq!(
        fs::read_to_string(out_dir.join("postmortem-lint-check.1")).unwrap(),
        stdout(&run(&["man", "check"]))
    );
    assert_eq!(
        fs::read_to_string(out_dir.join("postmortem-lint.1")).unwrap(),
        top
    );

    let wrong = run(&["man", "chekc"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("check, report"),
        "{}",
        stderr(&wrong)
    );
}
