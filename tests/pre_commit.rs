//! The real pre-commit framework, with this repository's `.pre-commit-hooks.yaml`: a commit of
//! a bad postmortem is refused with the diagnostics shown, a good one goes through. CI installs
//! pre-commit (`.ci/run`); elsewhere the test says that it skips when pre-commit is missing.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::root;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn sh(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn pre_commit_refuses_a_bad_postmortem_and_accepts_a_good_one() {
    let available = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install pre-commit (pip install pre-commit)"
        );
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    }
    // The hook definition at this repository's HEAD.
    let head = git2::Repository::open(root())
        .unwrap()
        .head()
        .unwrap()
        .target()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git2::Repository::init(p).unwrap();
    fs::write(
        p.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: postmortem-lint\n        args: [--as-of, \"2026-11-27\"]\n",
            root().display()
        ),
    )
    .unwrap();
    assert!(sh(p, "pre-commit", &["install"]).status.success());
    let good = fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md"))
        .unwrap();
    let bad = good.replace("## Trigger\n", "## Trigger\n\nWe should be more careful.\n");
    fs::create_dir_all(p.join("docs/postmortems")).unwrap();

    fs::write(p.join("docs/postmortems/2026-09-18-checkout.md"), &bad).unwrap();
    sh(p, "git", &["add", "."]);
    let refused = sh(p, "git", &["commit", "-m", "bad postmortem"]);
    let output = text(&refused);
    assert!(
        !refused.status.success(),
        "the bad commit went through:\n{output}"
    );
    assert!(output.contains("error[be-more-careful]"), "{output}");
    assert!(
        output.contains("docs/postmortems/2026-09-18-checkout.md"),
        "{output}"
    );

    fs::write(p.join("docs/postmortems/2026-09-18-checkout.md"), &good).unwrap();
    sh(p, "git", &["add", "."]);
    let accepted = sh(p, "git", &["commit", "-m", "good postmortem"]);
    assert!(
        accepted.status.success(),
        "the good commit was refused:\n{}",
        text(&accepted)
    );
}
