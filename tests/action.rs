//! The GitHub Action's behaviour, run locally: a repository with a base branch and a pull
//! request, the environment a runner sets (GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_OUTPUT,
//! GITHUB_STEP_SUMMARY, INPUT_*), and the same script the action's check step runs.
#![allow(clippy::unwrap_used)]

mod common;

use common::root;
use git2::{Repository, Signature, Time};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const TEAM_RULE: &str = r#"name = "percent-claims"
severity = "error"
summary = "a sentence claims a percentage of certainty"
why = "Certainty claims invite blame when they turn out wrong."
bad = "We were 100% sure."
good = "We expected it to hold."
message = "100% of the time: a, b\nsecond line"
help = "say what was known"
patterns = ['100% sure']
"#;

/// Commits `files` on HEAD, `day` days into a ten-day history that ends today: the action
/// runs with today's date, and items written long ago would (rightly) be reported as stale.
fn commit(repo: &Repository, files: &[(&str, &str)], day: i64) -> git2::Oid {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let me = Signature::new(
        "CI",
        "ci@example.com",
        &Time::new(now - (10 - day) * 86_400, 0),
    )
    .unwrap();
    common::commit(repo, files, &me, "change")
}

struct Run {
    output: Output,
    /// The workflow commands on stdout, outside the block that quotes the tool's stderr.
    annotations: String,
    /// The tool's stderr as the step printed it, between `::stop-commands::TOKEN` and
    /// `::TOKEN::`, with the token.
    quoted: Vec<(String, String)>,
    github_output: String,
    summary: String,
}

fn run_action(repo: &Path, inputs: &[(&str, &str)]) -> Run {
    let outputs = repo.join("../github_output");
    let summary = repo.join("../step_summary");
    let _ = fs::remove_file(&outputs);
    let _ = fs::remove_file(&summary);
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("bash");
    command
        .arg(root().join("action/check.sh"))
        .current_dir(repo)
        .env("PATH", path)
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_EVENT_NAME", "pull_request")
        .env("GITHUB_BASE_REF", "main")
        .env("GITHUB_OUTPUT", &outputs)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "acme/handbook")
        .env("GITHUB_SHA", "0123abc");
    for (name, value) in inputs {
        command.env(
            format!("INPUT_{}", name.to_uppercase().replace('-', "_")),
            value,
        );
    }
    let output = command.output().unwrap();
    let (annotations, quoted) = split_quoted(&String::from_utf8_lossy(&output.stdout));
    Run {
        annotations,
        quoted,
        github_output: fs::read_to_string(&outputs).unwrap_or_default(),
        summary: fs::read_to_string(&summary).unwrap_or_default(),
        output,
    }
}

/// The step's stdout split into the workflow commands and the blocks it quoted between
/// `::stop-commands::TOKEN` and `::TOKEN::` (each with its token), where the runner runs no
/// command.
fn split_quoted(stdout: &str) -> (String, Vec<(String, String)>) {
    let mut commands = String::new();
    let mut quoted = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in stdout.lines() {
        match &mut open {
            Some((token, text)) => {
                if line == format!("::{token}::") {
                    quoted.extend(open.take());
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            None => match line.strip_prefix("::stop-commands::") {
                Some(token) => open = Some((token.to_owned(), String::new())),
                None => {
                    commands.push_str(line);
                    commands.push('\n');
                }
            },
        }
    }
    assert!(open.is_none(), "a quoted block never ends: {stdout}");
    (commands, quoted)
}

fn pull_request() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo_dir = dir.path().join("repo");
    fs::create_dir(&repo_dir).unwrap();
    let repo = Repository::init(&repo_dir).unwrap();
    let good = fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md"))
        .unwrap();
    let old_bad = good.replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    let base = commit(
        &repo,
        &[
            ("docs/postmortems/old.md", &old_bad),
            ("docs/postmortems/edited.md", &good),
            (
                ".postmortem-lint.toml",
                "rule-files = [\"lint/percent.toml\"]\n",
            ),
            ("lint/percent.toml", TEAM_RULE),
        ],
        0,
    );
    repo.reference("refs/remotes/origin/main", base, true, "the PR's base")
        .unwrap();
    // Twelve findings in the changed file: more than GitHub shows as annotations.
    let mut edited = good.replace("## Trigger\n", "## Trigger\n\nWe were 100% sure.\n");
    for i in 0..11 {
        edited.push_str(&format!("\nTBD item {i}\n"));
    }
    commit(&repo, &[("docs/postmortems/edited.md", &edited)], 1);
    dir
}

#[test]
fn a_pull_request_gets_escaped_annotations_a_full_summary_and_outputs() {
    let dir = pull_request();
    let repo = dir.path().join("repo");
    let run = run_action(
        &repo,
        &[
            ("paths", "docs"),
            ("fail-on", "error"),
            ("sarif-file", "results.sarif"),
        ],
    );
    let stderr = String::from_utf8_lossy(&run.output.stderr);
    assert_eq!(
        run.output.status.code(),
        Some(1),
        "fail-on=error with errors: {stderr}"
    );

    // Only the changed postmortem, never old.md.
    let lines: Vec<&str> = run.annotations.lines().collect();
    assert_eq!(lines.len(), 12, "{}", run.annotations);
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error file=docs/postmortems/edited.md,line=")),
        "{}",
        run.annotations
    );
    // A message with %, `,`, `:` and a newline is escaped and round-trips.
    let team = lines
        .iter()
        .find(|l| l.contains("title=postmortem-lint percent-claims"))
        .unwrap();
    let message = team.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert_eq!(
        message,
        "100%25 of the time: a, b%0Asecond line%0Ahelp: say what was known"
    );
    let decoded = message
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%");
    assert_eq!(
        decoded,
        "100% of the time: a, b\nsecond line\nhelp: say what was known"
    );

    // The job summary lists all twelve, linked to their lines.
    assert!(
        run.summary
            .contains("12 errors, 0 warnings in 1 postmortem."),
        "{}",
        run.summary
    );
    let listed = run
        .summary
        .lines()
        .filter(|l| l.starts_with("- [line "))
        .count();
    assert_eq!(listed, 12, "{}", run.summary);
    assert!(
        run.summary.contains(
            "(https://github.com/acme/handbook/blob/0123abc/docs/postmortems/edited.md#L"
        )
    );

    assert_eq!(
        run.github_output,
        "errors=12\nwarnings=0\nsarif-file=results.sarif\n"
    );
    assert!(repo.join("results.sarif").is_file());
}

#[test]
fn fail_on_decides_the_exit_status() {
    let dir = pull_request();
    let repo = dir.path().join("repo");
    assert_eq!(
        run_action(&repo, &[("paths", "docs"), ("fail-on", "never")])
            .output
            .status
            .code(),
        Some(0)
    );
    let bad_input = run_action(&repo, &[("paths", "docs"), ("fail-on", "sometimes")]);
    assert_eq!(bad_input.output.status.code(), Some(2));
    assert!(
        bad_input
            .annotations
            .contains("fail-on must be error, warning or never")
    );
    // Outside a pull request, only-changed=auto checks everything, old.md included.
    let all = run_action(
        &repo,
        &[
            ("paths", "docs"),
            ("only-changed", "false"),
            ("fail-on", "never"),
        ],
    );
    assert!(all.annotations.contains("file=docs/postmortems/old.md"));
}

#[test]
fn fail_on_warning_fails_on_warnings_alone() {
    let dir = tempfile::tempdir().unwrap();
    let repo_dir = dir.path().join("repo");
    fs::create_dir(&repo_dir).unwrap();
    let repo = Repository::init(&repo_dir).unwrap();
    let good = fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md"))
        .unwrap();
    let base = commit(&repo, &[("pm/a.md", &good)], 0);
    repo.reference("refs/remotes/origin/main", base, true, "base")
        .unwrap();
    commit(
        &repo,
        &[("pm/a.md", &good.replace("## Timeline (UTC)", "## Timeline"))],
        1,
    );
    let warn = run_action(&repo_dir, &[("paths", "pm"), ("fail-on", "warning")]);
    assert!(
        warn.annotations.starts_with("::warning "),
        "{}",
        warn.annotations
    );
    assert_eq!(warn.output.status.code(), Some(1));
    assert_eq!(
        run_action(&repo_dir, &[("paths", "pm"), ("fail-on", "error")])
            .output
            .status
            .code(),
        Some(0)
    );
    assert!(
        run_action(&repo_dir, &[("paths", "pm")])
            .github_output
            .starts_with("errors=0\nwarnings=1\n")
    );
}

/// What the tool says on stderr quotes the pull request (paths, config values): the step
/// prints it between `::stop-commands::` and a resume marker whose token is random, so no line
/// of it can be a workflow command; the tool's own annotations stay outside.
#[test]
fn the_tools_stderr_is_quoted_where_the_runner_runs_no_command() {
    let dir = pull_request();
    let repo = dir.path().join("repo");
    // A warning on stderr: an include glob of the pull request that matches no file.
    fs::write(
        repo.join(".postmortem-lint.toml"),
        "rule-files = [\"lint/percent.toml\"]\ninclude = [\"**/*.md\", \"x\\n::error file=README.md::INJECTED\"]\n",
    )
    .unwrap();
    let first = run_action(&repo, &[("paths", "docs"), ("only-changed", "false")]);
    let second = run_action(&repo, &[("paths", "docs"), ("only-changed", "false")]);
    for run in [&first, &second] {
        assert!(
            run.annotations
                .lines()
                .all(|l| l.starts_with("::error file=docs/postmortems/")),
            "{}",
            run.annotations
        );
        assert!(run.annotations.lines().count() >= 12, "{}", run.annotations);
        assert_eq!(run.quoted.len(), 1, "{:?}", run.quoted);
        let (token, text) = &run.quoted[0];
        assert_eq!(token.len(), 32, "{token}");
        assert!(token.chars().all(|c| c.is_ascii_hexdigit()), "{token}");
        assert!(text.contains("INJECTED"), "{text}");
        assert!(String::from_utf8_lossy(&run.output.stderr).is_empty());
    }
    assert_ne!(first.quoted[0].0, second.quoted[0].0, "the token is random");
}

/// A pull request that weakens its own check: it neuters the team's rule file and excludes the
/// postmortem it edits. The action says so (an annotation on the config, the job summary),
/// and with `config-from: base` checks with the base's config and rule file, and fails.
#[test]
fn a_pull_request_that_edits_its_config_is_named_and_config_from_base_ignores_it() {
    let dir = pull_request();
    let repo_dir = dir.path().join("repo");
    let repo = Repository::open(&repo_dir).unwrap();
    commit(
        &repo,
        &[
            (
                ".postmortem-lint.toml",
                "rule-files = [\"lint/percent.toml\"]\nexclude = [\"docs/postmortems/edited.md\"]\n",
            ),
            (
                "lint/percent.toml",
                &TEAM_RULE.replace("100% sure", "never matches this"),
            ),
        ],
        2,
    );
    let head = run_action(&repo_dir, &[("paths", "docs")]);
    assert_eq!(head.output.status.code(), Some(0), "{}", head.annotations);
    let warning = head
        .annotations
        .lines()
        .find(|l| {
            l.starts_with(
                "::warning file=.postmortem-lint.toml,title=postmortem-lint config changed::",
            )
        })
        .unwrap_or_else(|| panic!("{}", head.annotations));
    assert!(
        warning.contains("excludes `docs/postmortems/edited.md`")
            && warning.contains("names `lint/percent.toml`, which changed"),
        "{warning}"
    );
    assert!(
        head.summary.contains("### Config changed by this diff"),
        "{}",
        head.summary
    );
    assert!(
        head.quoted
            .iter()
            .any(|(_, text)| text.contains("this config changed since origin/main")),
        "{:?}",
        head.quoted
    );

    let base = run_action(&repo_dir, &[("paths", "docs"), ("config-from", "base")]);
    assert_eq!(base.output.status.code(), Some(1), "{}", base.annotations);
    assert!(
        base.annotations
            .lines()
            .any(|l| l.contains("file=docs/postmortems/edited.md") && l.contains("percent-claims")),
        "the base's rule file is used: {}",
        base.annotations
    );
    let bad = run_action(&repo_dir, &[("paths", "docs"), ("config-from", "tip")]);
    assert_eq!(bad.output.status.code(), Some(2));
    assert!(bad.annotations.contains("config-from must be head or base"));
}
