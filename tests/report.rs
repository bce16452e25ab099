//! `postmortem-lint report` on a scripted history (fixed dates): items added, done, closed
//! with a reason, deleted, a renamed file; exact rates, lists and months, every run the same.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run_in, stderr, stdout};
use git2::{Repository, Signature, Time};
use postmortem_lint::document::Date;
use serde_json::{Value, json};
use std::fs;
use std::path::Path;

fn at(y: i32, m: u32, d: u32) -> Time {
    Time::new(Date::new(y, m, d).unwrap().days() * 86_400 + 10 * 3600, 0)
}

fn commit(repo: &Repository, when: Time, change: &dyn Fn(&Path, &mut git2::Index)) {
    let me = Signature::new("Dana", "dana@example.com", &when).unwrap();
    common::commit_with(repo, &me, "change", change);
}

fn write(path: &str, text: String) -> impl Fn(&Path, &mut git2::Index) {
    let path = path.to_owned();
    move |dir: &Path, index: &mut git2::Index| {
        fs::create_dir_all(dir.join(&path).parent().unwrap()).unwrap();
        fs::write(dir.join(&path), &text).unwrap();
        index.add_path(Path::new(&path)).unwrap();
    }
}

fn table(statuses: [&str; 4]) -> String {
    format!(
        "# Postmortem: queue stall\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n\
         | 1 | Alert on queue depth | @a | 2026-03-01 | detect | {} |\n\
         | 2 | Shed load at the edge | @b | 2026-03-01 | mitigate | {} |\n\
         | 3 | Shard the queue | @c | 2026-04-01 | prevent | {} |\n\
         | 4 | Load test the consumer | @d | 2026-02-01 | prevent | {} |\n",
        statuses[0], statuses[1], statuses[2], statuses[3]
    )
}

fn list(items: &[&str]) -> String {
    format!(
        "# Postmortem: cert expiry\n\n## Action items\n\n{}\n",
        items
            .iter()
            .map(|i| format!("- [ ] {i}\n"))
            .collect::<String>()
    )
}

fn scripted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let open = "open";
    commit(
        &repo,
        at(2026, 1, 5),
        &write("docs/pm/a.md", table([open, open, open, open])),
    );
    commit(
        &repo,
        at(2026, 1, 25),
        &write("docs/pm/a.md", table(["done", open, open, open])),
    );
    let b = list(&[
        "Alert on certificate expiry — owner: @sre, due: 2026-12-31, type: detect",
        "Write the renewal runbook — owner: @ops, due: 2026-03-01, type: mitigate",
    ]);
    commit(&repo, at(2026, 2, 10), &write("docs/pm/b.md", b.clone()));
    commit(
        &repo,
        at(2026, 2, 24),
        &write("docs/pm/a.md", table(["done", "done", open, open])),
    );
    commit(&repo, at(2026, 3, 1), &|dir, index| {
        fs::rename(dir.join("docs/pm/b.md"), dir.join("docs/pm/renamed.md")).unwrap();
        index.remove_path(Path::new("docs/pm/b.md")).unwrap();
        index.add_path(Path::new("docs/pm/renamed.md")).unwrap();
    });
    commit(
        &repo,
        at(2026, 3, 5),
        &write(
            "docs/pm/renamed.md",
            list(&["Alert on certificate expiry — owner: @sre, due: 2026-12-31, type: detect"]),
        ),
    );
    commit(
        &repo,
        at(2026, 3, 16),
        &write(
            "docs/pm/a.md",
            table([
                "done",
                "done",
                "deprioritized: superseded by the queue rewrite",
                open,
            ]),
        ),
    );
    dir
}

fn report(dir: &Path, format: &str) -> String {
    let out = run_in(
        dir,
        &[
            "report",
            "docs",
            "--as-of",
            "2026-11-27",
            "--format",
            format,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn rates_lists_and_months_from_history() {
    let dir = scripted();
    let json_text = report(dir.path(), "json");
    let r: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(r["version"], 1);
    assert_eq!(r["history"], true);
    assert_eq!(
        r["cohorts"],
        json!([
            {"month": "2026-01", "items": 4, "done_within_30": 1, "done_within_60": 2, "done_within_90": 2},
            {"month": "2026-02", "items": 2, "done_within_30": 0, "done_within_60": 0, "done_within_90": 0},
        ])
    );
    let per_month = r["postmortems_per_month"].as_array().unwrap();
    assert_eq!(per_month[0], json!({"month": "2026-01", "count": 1}));
    assert_eq!(per_month[1], json!({"month": "2026-02", "count": 1}));
    assert_eq!(per_month.len(), 11, "every month up to the as-of date");
    assert!(per_month[2..].iter().all(|m| m["count"] == 0));

    let item = |id: &str| {
        r["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        item("3"),
        json!({"postmortem": "docs/pm/a.md", "id": "3", "action": "Shard the queue", "type": "prevent", "owner": "@c",
               "due": "2026-04-01", "added": "2026-01-05", "done_on": null, "closed": "2026-03-16", "state": "closed",
               "states": [["2026-01-05", "open"], ["2026-03-16", "closed"]],
               "reason": "superseded by the queue rewrite", "deleted": false, "deleted_on": null,
               "deleted_state": null, "imported": false, "untracked": false, "tickets": []})
    );
    assert_eq!(item("1")["done_on"], "2026-01-25");
    // The renamed file's items carry its new path; the removed item is abandonment.
    let runbook = item("text:write the renewal runbook");
    assert_eq!(runbook["postmortem"], "docs/pm/renamed.md");
    assert_eq!(
        (runbook["deleted"].clone(), runbook["deleted_on"].clone()),
        (json!(true), json!("2026-03-05"))
    );

    let ids = |key: &str| -> Vec<String> {
        r["not_done_after_90_days"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("closed_with_reason"), vec!["3"]);
    assert_eq!(
        ids("abandoned"),
        vec!["4", "text:write the renewal runbook"]
    );
    assert_eq!(
        ids("open_not_due"),
        vec!["text:alert on certificate expiry"]
    );
    // The headline: this quarter (2026-Q4) first, then the four before.
    let quarters: Vec<&str> = r["headline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(
        quarters,
        ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4"]
    );
    assert_eq!(
        r["headline"][3],
        json!({"quarter": "2026-Q1", "items_written": 6, "done_within_90": 2, "final": true,
               "median_days_to_done": 35, "open_past_due": 1, "closed_with_reason": 1, "abandoned": 2})
    );

    // The same history gives the same report.
    assert_eq!(report(dir.path(), "json"), json_text);
}

#[test]
fn markdown_has_tables_and_mermaid_charts() {
    let dir = scripted();
    let md = report(dir.path(), "markdown");
    assert!(md.starts_with("# Action-item report\n\nAs of 2026-11-27 · from git history (7 of the main line's 7 commits changed these postmortems; dates are when changes reached the main line) · 2 postmortems, 6 action items\n"), "{md}");
    assert!(
        md.contains("| 2026-01 | 4 | 1 (25%) | 2 (50%) | 2 (50%) |"),
        "{md}"
    );
    assert!(md.contains("```mermaid\nxychart-beta\n    title \"Done within 90 days (%)\"\n    x-axis [\"2026-01\", \"2026-02\"]\n    y-axis \"percent\" 0 --> 100\n    bar [50, 0]\n```"), "{md}");
    assert!(
        md.contains("Older than 90 days: 1 closed with a stated reason, 2 silently abandoned"),
        "{md}"
    );
    assert!(md.contains("never an incident count"));
    let html = report(dir.path(), "html");
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<svg viewBox")
            && !html.contains("<script")
    );
    // One chart for the three windows, with a legend, over the months with items.
    assert_eq!(html.matches("<figure>").count(), 2, "{html}");
    assert_eq!(html.matches("Done within 30, 60 and 90 days").count(), 2);
    for legend in [
        "within 30 days</text>",
        "within 60 days</text>",
        "within 90 days</text>",
    ] {
        assert_eq!(html.matches(legend).count(), 1, "{legend}");
    }
    assert!(
        html.contains("<title>2026-01: 50% done within 90 days</title>"),
        "{html}"
    );
    assert!(
        html.contains("<title>2026-02: 0% done within 90 days</title>"),
        "{html}"
    );
}

#[test]
fn without_history_the_report_says_what_it_could_not_compute() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("docs")).unwrap();
    fs::write(
        dir.path().join("docs/2026-01-05-queue.md"),
        table(["done", "open", "wontfix: replaced", "open"]),
    )
    .unwrap();
    let r: Value = serde_json::from_str(&report(dir.path(), "json")).unwrap();
    assert_eq!(r["history"], false);
    assert_eq!(r["cohorts"][0]["done_within_30"], Value::Null);
    assert!(
        r["not_computed"][0]
            .as_str()
            .unwrap()
            .starts_with("completion at 30, 60 and 90 days")
    );
    assert_eq!(
        r["items"][0]["added"], "2026-01-05",
        "the date in the file name stands in"
    );
    let md = report(dir.path(), "markdown");
    assert!(md.contains("> **Not computed without git history:**"));
}

/// The clean postmortem with its Action items section replaced by `items`.
fn with_action_items(items: &str) -> String {
    let clean = common::clean_postmortem();
    let start = clean.find("## Action items").unwrap();
    format!("{}## Action items\n\n{items}", &clean[..start])
}

/// `report --format json` on the folder `dir`.
fn report_json(dir: &Path) -> Value {
    serde_json::from_str(&stdout(&run_in(
        dir,
        &["report", "--as-of", "2026-11-27", "--format", "json", "."],
    )))
    .unwrap()
}

#[test]
fn follow_ups_written_as_prose_are_named_not_counted_as_zero() {
    let dir = tempfile::tempdir().unwrap();
    let prose =
        with_action_items("We will look at the alerting and the deploy checks next quarter.\n");
    fs::write(
        dir.path().join("2026-09-18-a.md"),
        common::clean_postmortem(),
    )
    .unwrap();
    fs::write(dir.path().join("2026-09-19-prose.md"), prose).unwrap();
    let markdown = common::stdout(&common::run_in(
        dir.path(),
        &["report", "--as-of", "2026-11-27", "."],
    ));
    assert!(
        markdown.contains("1 postmortem writes its follow-ups as prose, not as items, so none of them is counted here: `2026-09-19-prose.md`."),
        "{markdown}"
    );
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&common::run_in(
        dir.path(),
        &["report", "--as-of", "2026-11-27", "--format", "json", "."],
    )))
    .unwrap();
    assert_eq!(
        json["follow_ups_in_prose"],
        serde_json::json!(["2026-09-19-prose.md"])
    );
}

#[test]
fn a_quarter_is_a_due_date_for_the_report_as_for_check() {
    let dir = tempfile::tempdir().unwrap();
    let doc = with_action_items(
        "### Shard the queue (Target: Q4 2025)\n\nOwner: @lee. Type: prevent. Status: open.\n",
    );
    fs::write(dir.path().join("2026-09-18-a.md"), doc).unwrap();
    let json = report_json(dir.path());
    assert_eq!(json["items"][0]["due"], "2025-12-31", "{json:#}");
    let out = run_in(
        dir.path(),
        &["check", "--as-of", "2026-11-27", "--format", "concise", "."],
    );
    assert!(
        stdout(&out).contains("warning[overdue-action-item] action item was due 2025-12-31"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_paragraph_opening_with_its_status_in_bold_is_an_item_colon_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let doc = with_action_items(
        "**DONE:** Rolled back the release (owner: @sre, type: mitigate)\n\n**TODO** Page on SERVFAIL above 1% (owner: @sre, due: 2027-01-01, type: detect)\n",
    );
    fs::write(dir.path().join("2026-09-18-a.md"), doc).unwrap();
    let json = report_json(dir.path());
    let states: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["done", "open"], "{json:#}");
}

/// In a repository without a commit, the report says why it has no history and reads the
/// documents, instead of "0 postmortems"; without history it gives no completion rate (not
/// 0%), and `--format md` is Markdown, as `md` is everywhere else.
#[test]
fn a_repository_without_commits_is_read_from_its_documents_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init(dir.path()).unwrap();
    fs::create_dir_all(dir.path().join("docs/postmortems")).unwrap();
    fs::write(
        dir.path().join("docs/postmortems/2026-09-18-a.md"),
        common::clean_postmortem(),
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["report", "--as-of", "2026-11-27", "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("· 1 postmortem, 4 action items"), "{md}");
    assert!(md.contains("the repository has no commit yet"), "{md}");
    assert!(md.contains("so no completion rate is given"), "{md}");
    assert!(!md.contains("(0%)"), "{md}");
}

/// Months without a measured item are not drawn as 0% (the real archives span years with
/// postmortems in a few months of each).
#[test]
fn months_without_items_are_left_out_of_the_completion_table() {
    let Some(corpus) = common::corpus() else {
        common::cannot_run("../shared/corpus/real is not beside the clone");
        return;
    };
    let out = common::run(&["report", "--as-of", "2026-11-27", &corpus.to_string_lossy()]);
    let md = stdout(&out);
    let section = md
        .split("## Completion by the month")
        .nth(1)
        .expect("the report has the month table");
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| 20")).collect();
    assert!(!rows.is_empty(), "{section}");
    for row in rows {
        assert!(!row.contains(" | 0 | "), "a month of no item: {row}");
    }
}

/// "Today" is the local date: 26 hours apart, Kiritimati (UTC+14) and Baker Island (UTC−12)
/// never share a date, so the report's default `as_of` must differ between them.
#[test]
fn today_is_the_local_date() {
    let as_of = |tz: &str| -> String {
        let out = common::run_with_env(
            &common::root(),
            &["report", "fixtures/examples", "--format", "json"],
            &[("TZ", Some(tz))],
        );
        let report: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
        report["as_of"].as_str().unwrap().to_owned()
    };
    let (east, west) = (as_of("Pacific/Kiritimati"), as_of("Etc/GMT+12"));
    assert!(east > west, "as_of in UTC+14 {east}, in UTC-12 {west}");
}
