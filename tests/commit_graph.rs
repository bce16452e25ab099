//! History read from git's commit-graph file (written by `git gc` and `git commit-graph
//! write`) must be the history read from the commit objects: the same report and the same
//! findings, with committer offsets (which the graph does not keep) still deciding the day.
//! The graph is written by the real `git` (the format's owner); the repository is built
//! with git2.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run_in, stderr, stdout};
use git2::{Repository, Signature, Time};
use postmortem_lint::document::Date;
use std::fs;
use std::path::Path;
use std::process::Command;

fn seconds(on: &str, hour: i64, minute: i64, offset: i32) -> i64 {
    Date::parse_iso(on).unwrap().days() * 86_400 + hour * 3600 + minute * 60
        - i64::from(offset) * 60
}

/// Writes (`Some`) or deletes (`None`) files and commits at local `hour:minute` on `on` with
/// the committer's `offset` (minutes).
fn commit(
    repo: &Repository,
    on: &str,
    (hour, minute): (i64, i64),
    offset: i32,
    files: &[(&str, Option<&str>)],
) {
    let when = Time::new(seconds(on, hour, minute, offset), offset);
    let me = Signature::new("Dana", "dana@example.com", &when).unwrap();
    common::commit_with(repo, &me, "change", &|dir, index| {
        common::change_files(dir, index, files);
    });
}

fn pm(title: &str, status: &str) -> String {
    format!(
        "# {title}\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n| 1 | Alert when the queue holds 10,000 jobs for 5 minutes | @dana | 2026-03-01 | detect | {status} |\n"
    )
}

/// Everything the tool says from history, in JSON: reports as of several days (one of them
/// the day a commit made shortly after local midnight belongs to) and a check of one file.
fn outputs(dir: &Path) -> Vec<String> {
    let mut all = Vec::new();
    for as_of in ["2026-02-10", "2026-02-11", "2026-02-12", "2026-06-30"] {
        let out = run_in(
            dir,
            &["report", "docs", "--as-of", as_of, "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        all.push(stdout(&out));
    }
    let out = run_in(
        dir,
        &[
            "check",
            "docs/postmortems/queue.md",
            "--as-of",
            "2026-06-30",
            "--format",
            "json",
        ],
    );
    all.push(stdout(&out));
    all
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn history_from_the_commit_graph_is_history_from_the_commits() {
    if Command::new("git").arg("--version").output().is_err() {
        common::cannot_run("git is not installed: it writes the commit-graph this test reads");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    commit(
        &repo,
        "2026-01-05",
        (12, 0),
        0,
        &[(
            "docs/postmortems/queue.md",
            Some(&pm("Queue stall", "open")),
        )],
    );
    commit(
        &repo,
        "2026-01-20",
        (9, 0),
        -300,
        &[("src/main.rs", Some("fn main() {}\n"))],
    );
    // 00:30 on the 11th in Berlin is the 10th in UTC: the day is the committer's.
    commit(
        &repo,
        "2026-02-11",
        (0, 30),
        120,
        &[(
            "docs/postmortems/queue.md",
            Some(&pm("Queue stall", "done")),
        )],
    );
    commit(
        &repo,
        "2026-02-11",
        (23, 50),
        -480,
        &[("docs/postmortems/disk.md", Some(&pm("Disk full", "open")))],
    );
    commit(
        &repo,
        "2026-03-02",
        (10, 0),
        0,
        &[
            ("docs/postmortems/disk.md", None),
            (
                "docs/postmortems/2026-02-11-disk-full.md",
                Some(&pm("Disk full", "open")),
            ),
        ],
    );
    let before = outputs(dir.path());
    let graph = dir.path().join(".git/objects/info/commit-graph");

    assert!(
        git(dir.path(), &["commit-graph", "write", "--reachable"]),
        "git commit-graph write failed"
    );
    assert!(graph.is_file(), "git wrote no commit-graph");
    assert_eq!(
        outputs(dir.path()),
        before,
        "history read through the commit-graph differs"
    );

    // Commits made after the graph was written are read from their objects.
    commit(
        &repo,
        "2026-04-01",
        (8, 0),
        60,
        &[(
            "docs/postmortems/queue.md",
            Some(&pm("Queue stall, revised", "done")),
        )],
    );
    let later = outputs(dir.path());
    fs::remove_file(&graph).unwrap();
    assert_eq!(
        outputs(dir.path()),
        later,
        "a graph older than HEAD changed the history"
    );

    // A damaged graph is not read.
    assert!(git(dir.path(), &["commit-graph", "write", "--reachable"]));
    let mut bytes = fs::read(&graph).unwrap();
    bytes.truncate(bytes.len() / 2);
    fs::remove_file(&graph).unwrap();
    fs::write(&graph, &bytes).unwrap();
    assert_eq!(
        outputs(dir.path()),
        later,
        "a truncated graph changed the history"
    );
}
