//! The real pre-commit framework, with this repository's `.pre-commit-hooks.yaml`: a commit of
//! a bad postmortem is refused with the diagnostics shown, a good one goes through. CI installs
//! pre-commit (`.ci/run`); elsewhere the test says that it skips when pre-commit is missing.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::root;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `program` in `dir`, a folder inside the test's temporary folder. pre-commit keeps its
/// environments beside `dir` (PRE_COMMIT_HOME), not in `~/.cache/pre-commit`: the hook builds
/// the whole crate into a new environment for every commit it is pointed at, some 400 MB each,
/// and a shared cache grows by that much on every run of this test until the disk is full.
fn sh(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PRE_COMMIT_HOME", pre_commit_home(dir))
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .unwrap()
}

fn pre_commit_home(dir: &Path) -> std::path::PathBuf {
    dir.parent().unwrap_or(dir).join("pre-commit-home")
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
        common::cannot_run("pre-commit is not installed (pip install pre-commit)");
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
    let p = &dir.path().join("project");
    fs::create_dir_all(p).unwrap();
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

/// The pre-commit mirror (scripts/pre-commit-mirror.py) installs the prebuilt wheel: no Rust
/// toolchain, a first run in seconds. The wheel comes from a local folder (pip's find-links),
/// which `.ci/run` fills with the wheel it builds (`POSTMORTEM_LINT_WHEELHOUSE`).
#[test]
fn the_mirror_hook_installs_the_prebuilt_wheel() {
    let pre_commit = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let wheelhouse = std::env::var_os("POSTMORTEM_LINT_WHEELHOUSE");
    let Some(wheelhouse) = wheelhouse.filter(|_| pre_commit) else {
        common::cannot_run(
            "needs pre-commit and POSTMORTEM_LINT_WHEELHOUSE (a folder with the wheel: maturin build -o DIR)",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mirror = dir.path().join("mirror");
    let made = Command::new("python3")
        .arg(root().join("scripts/pre-commit-mirror.py"))
        .args(["--version", env!("CARGO_PKG_VERSION"), "--out"])
        .arg(&mirror)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    sh(&mirror, "git", &["init", "-q"]);
    sh(&mirror, "git", &["add", "."]);
    sh(&mirror, "git", &["commit", "-q", "-m", "mirror"]);
    let rev = text(&sh(&mirror, "git", &["rev-parse", "HEAD"]))
        .trim()
        .to_owned();

    let p = dir.path().join("project");
    fs::create_dir_all(p.join("docs/postmortems")).unwrap();
    sh(&p, "git", &["init", "-q"]);
    fs::write(
        p.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: postmortem-lint\n        args: [--as-of, \"2026-11-27\"]\n",
            mirror.display()
        ),
    )
    .unwrap();
    let good = fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md"))
        .unwrap();
    let bad = good.replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    fs::write(p.join("docs/postmortems/2026-09-18-bad.md"), &bad).unwrap();
    sh(&p, "git", &["add", "."]);
    let run = |p: &Path| {
        Command::new("pre-commit")
            .args(["run", "--all-files"])
            .current_dir(p)
            .env("PRE_COMMIT_HOME", pre_commit_home(p))
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheelhouse)
            .env_remove("PATH_TO_CARGO")
            .output()
            .unwrap()
    };
    let started = std::time::Instant::now();
    let first = run(&p);
    eprintln!(
        "pre-commit mirror hook, first run (environment installed from the wheel): {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        !first.status.success(),
        "a bad postmortem fails:\n{}",
        text(&first)
    );
    assert!(text(&first).contains("human-error"), "{}", text(&first));
    fs::write(p.join("docs/postmortems/2026-09-18-bad.md"), &good).unwrap();
    sh(&p, "git", &["add", "."]);
    let second = run(&p);
    assert!(
        second.status.success(),
        "a good one passes:\n{}",
        text(&second)
    );
}
