//! Git-native checking, in repositories built with git2 (fixed authors and dates): staged
//! content, pull-request diffs, shallow clones, names from history, baselines.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, commit, root, run_in, stderr, stdout};
use git2::{Repository, Signature, Time};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn clean_text() -> String {
    fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md")).unwrap()
}

/// A signature `day` days after 2026-11-01: recent enough that items are not stale at the
/// tests' as-of date (2026-11-27), unless a test says otherwise with a negative day.
fn signature(name: &str, email: &str, day: i64) -> Signature<'static> {
    Signature::new(name, email, &Time::new(1_793_491_200 + day * 86_400, 0)).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
    all.extend(args);
    let out = run_in(dir, &all);
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|_| panic!("no JSON ({:?}): {}", out.status, stderr(&out)))
}

fn findings(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["rule"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn staged_content_is_judged_not_the_working_tree() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let me = signature("Dana Whitfield", "dana@example.com", 0);
    commit(
        &repo,
        &[
            ("docs/postmortems/a.md", &clean_text()),
            ("docs/postmortems/b.md", &clean_text()),
        ],
        &me,
        "add",
    );

    // Stage a version with a blame phrase two lines further down, then fix it only on disk.
    let staged = clean_text().replace(
        "## Trigger\n",
        "## Trigger\n\nLine one.\nWe should be more careful.\n",
    );
    let path = dir.path().join("docs/postmortems/a.md");
    fs::write(&path, &staged).unwrap();
    let mut index = repo.index().unwrap();
    index.add_path(Path::new("docs/postmortems/a.md")).unwrap();
    index.write().unwrap();
    fs::write(&path, clean_text()).unwrap();

    let trigger_line = staged
        .lines()
        .position(|l| l.contains("be more careful"))
        .unwrap()
        + 1;
    let staged_run = json(dir.path(), &["--staged"]);
    assert_eq!(staged_run["files_checked"], 1, "only the staged file");
    assert_eq!(
        findings(&staged_run),
        vec![format!(
            "docs/postmortems/a.md:{trigger_line} be-more-careful"
        )]
    );
    // The working tree is clean.
    assert!(findings(&json(dir.path(), &["docs"])).is_empty());

    // A staged deletion is skipped.
    let mut index = repo.index().unwrap();
    index
        .remove_path(Path::new("docs/postmortems/b.md"))
        .unwrap();
    index.write().unwrap();
    assert_eq!(json(dir.path(), &["--staged"])["files_checked"], 1);
}

#[test]
fn a_pull_request_lints_only_changed_files_and_lines_but_keeps_document_findings() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let me = signature("Dana Whitfield", "dana@example.com", 0);
    let old_bad = clean_text().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    commit(
        &repo,
        &[("pm/old.md", &old_bad), ("pm/edited.md", &clean_text())],
        &me,
        "base",
    );
    let base = repo.head().unwrap().peel_to_commit().unwrap();
    repo.branch("main-base", &base, true).unwrap();

    // The PR: a blame line added to edited.md (which also lacks a timezone since before), and
    // a new file without a trigger section.
    let edited = clean_text()
        .replace("## Timeline (UTC)", "## Timeline")
        .replace(
            "## Lessons learned\n",
            "## Lessons learned\n\n- We should be more careful.\n",
        );
    let new = clean_text().replace("## Trigger\n", "## Triggers and more\n");
    commit(
        &repo,
        &[("pm/edited.md", &edited)],
        &signature("Lee", "lee@example.com", 1),
        "edit",
    );
    commit(
        &repo,
        &[("pm/new.md", &new)],
        &signature("Lee", "lee@example.com", 2),
        "new",
    );

    let all = json(dir.path(), &["--diff-base", "main-base"]);
    assert_eq!(all["files_checked"], 2, "old.md is not part of the change");
    let rules = findings(&all);
    assert!(
        rules.iter().all(|f| !f.starts_with("pm/old.md")),
        "{rules:?}"
    );
    assert!(
        rules
            .iter()
            .any(|f| f.ends_with("timeline-without-timezone")),
        "{rules:?}"
    );

    // Only changed lines, but the heading edited on line 22 and document-level findings stay.
    let changed = findings(&json(
        dir.path(),
        &["--diff-base", "main-base", "--changed-lines-only"],
    ));
    let careful = edited
        .lines()
        .position(|l| l.contains("be more careful"))
        .unwrap()
        + 1;
    assert_eq!(
        changed,
        vec![
            "pm/edited.md:24 timeline-without-timezone".to_owned(),
            format!("pm/edited.md:{careful} be-more-careful"),
            "pm/new.md:1 missing-trigger".to_owned(),
        ]
    );
}

#[test]
fn an_unknown_ref_or_a_shallow_clone_is_exit_2_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let me = signature("Dana Whitfield", "dana@example.com", 0);
    let first = commit(&repo, &[("pm/a.md", &clean_text())], &me, "one");
    let second = commit(&repo, &[("pm/b.md", &clean_text())], &me, "two");
    // A branch that forks at `first`, and a shallow boundary that hides the fork point.
    let first_commit = repo.find_commit(first).unwrap();
    repo.branch("other", &first_commit, true).unwrap();
    repo.set_head("refs/heads/other").unwrap();
    repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    let third = commit(&repo, &[("pm/c.md", &clean_text())], &me, "three");
    fs::write(
        dir.path().join(".git/shallow"),
        format!("{second}\n{third}\n"),
    )
    .unwrap();

    let out = run_in(dir.path(), &["check", "--diff-base", "master"]);
    let out = if stderr(&out).contains("does not name a commit") {
        run_in(dir.path(), &["check", "--diff-base", "main"])
    } else {
        out
    };
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("shallow clone: fetch more history"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("fetch-depth: 0"));

    let out = run_in(dir.path(), &["check", "--diff-base", "no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`no-such-branch` does not name a commit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn commit_authors_merged_by_mailmap_are_people() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let text = clean_text().replace(
        "The release procedure allowed a pool-size change",
        "Robert failed to run the load test. The release procedure allowed a pool-size change",
    );
    commit(
        &repo,
        &[("pm/a.md", &clean_text())],
        &signature("bob", "bob@old.example", 0),
        "a",
    );
    assert!(findings(&json(dir.path(), &["pm"])).is_empty());
    fs::write(dir.path().join("pm/a.md"), &text).unwrap();
    // Without the mailmap, "bob" is not "Robert".
    assert!(findings(&json(dir.path(), &["pm"])).is_empty());
    commit(
        &repo,
        &[(
            ".mailmap",
            "Robert Smith <bob@new.example> bob <bob@old.example>\n",
        )],
        &signature("x", "x@example", 1),
        "mailmap",
    );
    fs::write(dir.path().join("pm/a.md"), &text).unwrap();
    assert_eq!(
        findings(&json(dir.path(), &["pm"])),
        vec!["pm/a.md:58 blamed-person"]
    );
    // --no-history reads no authors.
    assert!(findings(&json(dir.path(), &["pm", "--no-history"])).is_empty());
}

#[test]
fn baseline_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let bad = clean_text().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    fs::write(p.join("pm.md"), &bad).unwrap();
    let out = run_in(p, &["baseline", "pm.md", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "wrote 1 finding of 1 file to .postmortem-lint-baseline.json\n"
    );

    let check = |p: &Path| {
        run_in(
            p,
            &[
                "check",
                "pm.md",
                "--baseline",
                ".postmortem-lint-baseline.json",
                "--as-of",
                AS_OF,
                "--format",
                "concise",
            ],
        )
    };
    let out = check(p);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "checked 1 file: no problems\n");
    assert!(stderr(&out).contains("1 finding in the baseline not shown"));

    // An unrelated edit moves the finding down two lines: still baselined.
    fs::write(
        p.join("pm.md"),
        bad.replace("## Impact\n", "## Impact\n\nA new first line.\n"),
    )
    .unwrap();
    assert_eq!(check(p).status.code(), Some(0));

    // Editing the offending phrase reports it again.
    fs::write(
        p.join("pm.md"),
        bad.replace("It was human error.", "It was human error, again."),
    )
    .unwrap();
    let out = check(p);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("error[human-error]"));
}

#[test]
fn paths_are_relative_to_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let bad = clean_text().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    commit(
        &repo,
        &[("docs/postmortems/a.md", &bad)],
        &signature("x", "x@example", 0),
        "a",
    );
    let from_subdir = json(&dir.path().join("docs/postmortems"), &["."]);
    assert_eq!(
        from_subdir["diagnostics"][0]["path"],
        "docs/postmortems/a.md"
    );
}

#[test]
fn an_item_past_its_due_date_is_overdue_not_also_stale() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    // Item 3 was due in March and is still open: one finding, overdue; item 1 has no date
    // passed and is stale.
    let text = clean_text().replace(
        "| @sam | 2027-01-31 | mitigate | open |",
        "| @sam | 2026-03-01 | mitigate | open |",
    );
    commit(
        &repo,
        &[("pm/a.md", &text)],
        &signature("Dana", "dana@example.com", -300),
        "a",
    );
    let row = text.lines().position(|l| l.starts_with("| 3 |")).unwrap() + 1;
    let progress = text.lines().position(|l| l.starts_with("| 1 |")).unwrap() + 1;
    assert_eq!(
        findings(&json(dir.path(), &["pm"])),
        vec![
            format!("pm/a.md:{progress} stale-action-item"),
            format!("pm/a.md:{row} overdue-action-item"),
        ]
    );
}

#[test]
fn items_open_long_after_they_were_written_are_stale() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let text = clean_text();
    // Written on 2026-01-05; items 1 (in progress) and 3 (open) are still not done.
    commit(
        &repo,
        &[("pm/a.md", &text)],
        &signature("Dana", "dana@example.com", -300),
        "a",
    );
    let stale = findings(&json(dir.path(), &["pm"]));
    let row = text.lines().position(|l| l.starts_with("| 3 |")).unwrap() + 1;
    let progress = text.lines().position(|l| l.starts_with("| 1 |")).unwrap() + 1;
    assert_eq!(
        stale,
        vec![
            format!("pm/a.md:{progress} stale-action-item"),
            format!("pm/a.md:{row} stale-action-item")
        ],
        "items 1 (in progress) and 3 (open) were written 326 days before the as-of date"
    );
    let diagnostics = json(dir.path(), &["pm"])["diagnostics"].clone();
    // Each says the state the item is still in.
    assert_eq!(
        diagnostics[0]["message"],
        "action item has been in progress for 326 days, since 2026-01-05"
    );
    assert_eq!(
        diagnostics[1]["message"],
        "action item has been open for 326 days, since 2026-01-05"
    );
    assert!(findings(&json(dir.path(), &["pm", "--no-history"])).is_empty());
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "stale-after-days = 400\n",
    )
    .unwrap();
    assert!(findings(&json(dir.path(), &["pm"])).is_empty());
}

/// A file committed once is not read back from history when the file checked is that
/// version; when it is not (edited since, or committed with CRLF line ends, which the check
/// folds), the version written is read back: the old items keep their day, a new one has none.
#[test]
fn a_file_of_one_version_dates_its_items_whether_edited_or_not() {
    for crlf in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut text = clean_text();
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        commit(
            &repo,
            &[("pm/a.md", &text)],
            &signature("Dana", "dana@example.com", -300),
            "a",
        );
        let committed = findings(&json(dir.path(), &["pm"]));
        assert_eq!(committed.len(), 2, "crlf {crlf}: {committed:?}");
        // A new open item, not committed: written today, so not stale; the others still are.
        let row3 = text.lines().find(|l| l.starts_with("| 3 |")).unwrap();
        let new_row = row3.replacen("| 3 |", "| 9 |", 1).replace(
            row3.split('|').nth(2).unwrap(),
            " Add a canary stage to the deploy of the queue consumer ",
        );
        let end = if crlf { "\r\n" } else { "\n" };
        let edited = text.replacen(row3, &format!("{row3}{end}{new_row}"), 1);
        assert_ne!(edited, text);
        fs::write(dir.path().join("pm/a.md"), &edited).unwrap();
        assert_eq!(
            findings(&json(dir.path(), &["pm"])),
            committed,
            "crlf {crlf}: the new row 9 is not stale, rows 1 and 3 still are"
        );
    }
}
