//! Action items that live in a tracker (#34): `check` reads ticket references and asks a
//! linked item nothing its tracker holds; `report` reads what the tracker says of them.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, clean_postmortem, run_in, stdout};
use std::path::Path;

/// The clean example postmortem with `items` as its action items.
fn postmortem(items: &str) -> String {
    let clean = clean_postmortem();
    let at = clean.find("## Action items").unwrap();
    format!("{}## Action items\n\n{items}", &clean[..at])
}

/// The rules `check` reports on `doc` (with `config`), as `line:rule` in order.
fn findings(dir: &Path, config: &str, doc: &str) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(".postmortem-lint.toml"), config).unwrap();
    std::fs::write(dir.join("pm.md"), doc).unwrap();
    let out = run_in(
        dir,
        &["check", "pm.md", "--format", "json", "--as-of", AS_OF],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}", d["line"], d["rule"].as_str().unwrap()))
        .collect()
}

const ITEMS: &str = "\
- Alert on consumer throughput dropping to zero — type: detect (PLAT-12)
- Roll consumer releases out one region at a time — type: prevent, owner: @wen
";

#[test]
fn a_linked_item_is_asked_only_what_the_tracker_does_not_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = postmortem(ITEMS);
    // The 1-based line of the nth item (the first is two lines below the heading).
    let heading = doc.lines().position(|l| l == "## Action items").unwrap();
    let line = |n: usize| heading + 2 + n;
    let keys = "[trackers]\njira-keys = [\"PLAT\"]\n";

    // By default the tracker holds owner, due date and status: the linked item is asked
    // nothing; the unlinked one is asked its due date and status.
    let default = findings(tmp.path(), keys, &doc);
    assert_eq!(
        default,
        [
            format!("{}:action-item-without-due-date", line(2)),
            format!("{}:invalid-action-status", line(2)),
        ]
    );

    // A team whose tickets hold only the status is asked the owner and due date of both.
    let status_only = findings(tmp.path(), &format!("{keys}holds = [\"status\"]\n"), &doc);
    assert_eq!(
        status_only,
        [
            format!("{}:action-item-without-due-date", line(1)),
            format!("{}:action-item-without-owner", line(1)),
            format!("{}:action-item-without-due-date", line(2)),
            format!("{}:invalid-action-status", line(2)),
        ]
    );

    // Without the key in the config, `PLAT-12` is text: the item is judged as unlinked.
    let unkeyed = findings(tmp.path(), "", &doc);
    assert!(
        unkeyed.contains(&format!("{}:action-item-without-owner", line(1))),
        "{unkeyed:?}"
    );
}

#[test]
fn a_ticket_alone_is_an_item_and_tracked() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = postmortem("- https://github.com/acme/payments/issues/88\n- PLAT-7\n");
    let found = findings(
        tmp.path(),
        "[trackers]\njira-keys = [\"PLAT\"]\nholds = [\"owner\", \"due\", \"status\", \"type\"]\n",
        &doc,
    );
    assert!(found.is_empty(), "{found:?}");
    // Not "no action items": the two tickets are the items.
    let untyped = findings(tmp.path(), "[trackers]\njira-keys = [\"PLAT\"]\n", &doc);
    assert_eq!(untyped.len(), 2, "{untyped:?}");
    assert!(
        untyped
            .iter()
            .all(|f| f.ends_with(":unlabeled-action-item"))
    );
}

/// The postmortem of the report tests: five follow-ups linking issues #1–#5 of
/// acme/payments, all open in the document but #4, which it says is done.
const LINKED: &str = "\
- [ ] Alert on consumer throughput dropping to zero (#1) — owner: @wen, due: 2026-12-15, type: detect
- [ ] Set a 30 s timeout on the partition lock (#2) — owner: @tomas, due: 2026-12-15, type: prevent
- [ ] Roll consumer releases out one region at a time (#3) — due: 2026-12-15, type: prevent
- [x] Add a stuck-lock step to the queue runbook (#4) — owner: @wen, type: mitigate
- [ ] https://github.com/acme/payments/issues/5
";

/// What `gh issue list --state all --json number,state,stateReason,closedAt,assignees`
/// prints for those issues (in its own key order).
pub const GH_EXPORT: &str = r#"[
  {"assignees":[{"id":"MDQ6VXNlcjQyMQ==","login":"wen","name":"Wen Li"}],"closedAt":"2026-11-10T17:02:11Z","number":1,"state":"CLOSED","stateReason":"COMPLETED"},
  {"assignees":[],"closedAt":"2026-11-12T08:30:00Z","number":2,"state":"CLOSED","stateReason":"NOT_PLANNED"},
  {"assignees":[{"id":"MDQ6VXNlcjQyMg==","login":"priya","name":"Priya Raman"}],"closedAt":null,"number":3,"state":"OPEN","stateReason":""},
  {"assignees":[],"closedAt":"2026-11-20T10:00:00Z","number":4,"state":"CLOSED","stateReason":"COMPLETED"},
  {"assignees":[{"id":"MDQ6VXNlcjQyMw==","login":"tomas","name":"Tomas Novak"}],"closedAt":"2026-11-15T12:00:00Z","number":5,"state":"CLOSED","stateReason":"COMPLETED"}
]
"#;

/// A repository whose postmortem (committed 2026-11-02) links issues #1–#5, with its
/// `origin` remote on GitHub.
fn linked_repo(dir: &Path) -> common::TestRepo {
    let mut repo = common::TestRepo::init(dir);
    repo.repo
        .remote("origin", "https://github.com/acme/payments.git")
        .unwrap();
    repo.commit_files(
        &[(
            "docs/postmortems/2026-10-06-webhooks.md",
            &postmortem(LINKED),
        )],
        "Postmortem of the webhook delay",
    );
    repo
}

/// (id, state, done_on, closed, owner) of each item of a `report --format json`.
fn states(json: &str) -> Vec<(String, String, String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(json).unwrap();
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_owned();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let tickets: Vec<&str> = i["tickets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            (
                tickets.join(" "),
                s(&i["state"]),
                s(&i["done_on"]),
                s(&i["closed"]),
                s(&i["owner"]),
            )
        })
        .collect()
}

/// What the issues say, item by item: #1 done on the day it was closed (the document named
/// its owner), #2 closed as not planned, #3 open (its assignee is the owner the document did
/// not name), #4 done as the document says (on the day the document said so), #5 — an issue
/// URL alone — done on its close date with its assignee.
pub fn expected_states() -> Vec<(String, String, String, String, String)> {
    [
        ("#1", "done", "2026-11-10", "-", "@wen"),
        ("#2", "closed", "-", "2026-11-12", "@tomas"),
        ("#3", "open", "-", "-", "@priya"),
        ("#4", "done", "2026-11-02", "-", "@wen"),
        ("acme/payments#5", "done", "2026-11-15", "-", "@tomas"),
    ]
    .into_iter()
    .map(|(a, b, c, d, e)| (a.into(), b.into(), c.into(), d.into(), e.into()))
    .collect()
}

#[test]
fn report_reads_a_gh_export() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = linked_repo(&tmp.path().join("repo"));
    std::fs::write(tmp.path().join("issues.json"), GH_EXPORT).unwrap();
    let export = tmp.path().join("issues.json");
    let args = [
        "report",
        "docs/postmortems",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--tracker-export",
        export.to_str().unwrap(),
    ];
    let out = run_in(&repo.dir, &args);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(states(&stdout(&out)), expected_states());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let closed = &json["not_done_after_90_days"]["closed_with_reason"];
    assert!(closed.as_array().unwrap().is_empty());
    let reason = json["items"][1]["reason"].as_str().unwrap();
    assert_eq!(reason, "not planned (#2 in the tracker)");
    assert!(common::stderr(&out).contains("5 tickets; 3 items done or closed"));

    // Without the export, the document is all the report knows.
    let out = run_in(&repo.dir, &args[..6]);
    let open: Vec<String> = states(&stdout(&out)).into_iter().map(|s| s.1).collect();
    assert_eq!(open, ["open", "open", "open", "done", "open"]);
}

#[test]
fn report_reads_a_jira_export_and_warns_of_tickets_it_lacks() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = common::TestRepo::init(&tmp.path().join("repo"));
    std::fs::write(
        repo.dir.join(".postmortem-lint.toml"),
        "[trackers]\njira-keys = [\"PLAT\"]\n",
    )
    .unwrap();
    repo.commit_files(
        &[(
            "docs/pm.md",
            &postmortem("| Action | Ticket |\n|---|---|\n| Alert on pool saturation | PLAT-1841 |\n| Load test pool changes | PLAT-1842 |\n| Move the pool size | PLAT-1999 |\n"),
        )],
        "Postmortem",
    );
    std::fs::write(
        tmp.path().join("jira.csv"),
        "Summary,Issue key,Issue id,Status,Resolution,Resolved,Assignee\n\
Alert on pool saturation,PLAT-1841,10231,Done,Done,14/Nov/26 9:14 AM,Dana Whitfield\n\
Load test pool changes,PLAT-1842,10232,Closed,Won't Do,16/Nov/26 4:00 PM,\n",
    )
    .unwrap();
    let export = tmp.path().join("jira.csv");
    let out = run_in(
        &repo.dir,
        &[
            "report",
            "docs",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--tracker-export",
            export.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let got = states(&stdout(&out));
    let short: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .map(|s| (s.0.as_str(), s.1.as_str(), s.2.as_str(), s.3.as_str()))
        .collect();
    assert_eq!(
        short,
        [
            ("PLAT-1841", "done", "2026-11-14", "-"),
            ("PLAT-1842", "closed", "-", "2026-11-16"),
            ("PLAT-1999", "open", "-", "-"),
        ]
    );
    let err = common::stderr(&out);
    assert!(
        err.contains("warning: 1 linked items keep their document status, the tracker export says nothing of their tickets: docs/pm.md (PLAT-1999)"),
        "{err}"
    );

    // An export that is neither shape fails the run, naming the file.
    std::fs::write(tmp.path().join("bad.csv"), "Key,Summary\n").unwrap();
    let bad = tmp.path().join("bad.csv");
    let out = run_in(
        &repo.dir,
        &["report", "docs", "--tracker-export", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("no `Issue key` column"));
}
