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
    assert!(common::stderr(&out).contains("tracker: 3 items done or closed as the tracker says"));

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
    let short: Vec<(&str, &str, &str, &str, &str)> = got
        .iter()
        .map(|s| {
            (
                s.0.as_str(),
                s.1.as_str(),
                s.2.as_str(),
                s.3.as_str(),
                s.4.as_str(),
            )
        })
        .collect();
    assert_eq!(
        short,
        [
            ("PLAT-1841", "done", "2026-11-14", "-", "Dana Whitfield"),
            ("PLAT-1842", "closed", "-", "2026-11-16", "-"),
            ("PLAT-1999", "open", "-", "-", "-"),
        ]
    );
    let err = common::stderr(&out);
    assert!(
        err.contains("warning: 1 linked item kept its document status, as the tracker said nothing of the tickets: docs/pm.md (PLAT-1999)"),
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

// ---------------------------------------------------------------------------------------
// `report --tracker github`, against a GitHub of our own on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::sync::{Arc, Mutex};

/// A request the server was sent.
#[derive(Debug, Clone)]
struct Sent {
    target: String,
    if_none_match: Option<String>,
    authorization: Option<String>,
}

/// An answer: status, extra headers, body.
type Answer = (u16, Vec<(String, String)>, String);

/// A server on 127.0.0.1 answering each request with `answer(request, its own base URL)`,
/// one connection per request; every request is recorded.
fn serve(
    answer: impl Fn(&Sent, &str) -> Answer + Send + 'static,
) -> (String, Arc<Mutex<Vec<Sent>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sent = Arc::new(Mutex::new(Vec::new()));
    let (seen, url) = (sent.clone(), base.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap_or(0);
            let target = line.split(' ').nth(1).unwrap_or("").to_owned();
            let mut request = Sent {
                target,
                if_none_match: None,
                authorization: None,
            };
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap_or((&header, ""));
                let value = Some(value.trim().to_owned());
                match name.to_ascii_lowercase().as_str() {
                    "if-none-match" => request.if_none_match = value,
                    "authorization" => request.authorization = value,
                    _ => {}
                }
            }
            let (status, headers, body) = answer(&request, &url);
            seen.lock().unwrap().push(request);
            let mut head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n",
                match status {
                    200 => "OK",
                    304 => "Not Modified",
                    403 => "Forbidden",
                    404 => "Not Found",
                    _ => "Other",
                },
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    (base, sent)
}

/// An issue as GitHub's REST API returns it (the fields the report reads, among others).
fn issue(number: u64, closed: Option<(&str, &str)>, assignees: &[&str]) -> serde_json::Value {
    let people: Vec<serde_json::Value> = assignees
        .iter()
        .enumerate()
        .map(|(i, login)| {
            serde_json::json!({"login": login, "id": 1000 + i, "type": "User", "site_admin": false})
        })
        .collect();
    serde_json::json!({
        "url": format!("https://api.github.com/repos/acme/payments/issues/{number}"),
        "html_url": format!("https://github.com/acme/payments/issues/{number}"),
        "id": 9_000_000 + number,
        "number": number,
        "title": format!("Follow-up {number} of the webhook delay"),
        "user": {"login": "priya", "id": 7, "type": "User"},
        "labels": [{"name": "postmortem"}],
        "state": if closed.is_some() { "closed" } else { "open" },
        "state_reason": closed.map(|(_, why)| why),
        "locked": false,
        "assignee": people.first(),
        "assignees": people,
        "comments": 2,
        "created_at": "2026-11-02T09:00:00Z",
        "updated_at": "2026-11-20T10:00:00Z",
        "closed_at": closed.map(|(at, _)| at),
        "author_association": "MEMBER",
        "body": "From the postmortem of the webhook delay."
    })
}

const TOKEN: &str = "ghp_T0kenThatMustNeverBePrinted0123456789";

/// GitHub for acme/payments: issues #1–#5 on two pages of the list (newest first, `Link`
/// to the next), each page with an ETag and a 304 for it; any other issue is a 404.
fn github(sent: &Sent, base: &str) -> Answer {
    let pages: [(&str, &str, Vec<serde_json::Value>); 2] = [
        (
            "/repos/acme/payments/issues?state=all&sort=created&direction=desc&per_page=100",
            "W/\"5f1c-page-1\"",
            vec![
                issue(5, Some(("2026-11-15T12:00:00Z", "completed")), &["tomas"]),
                issue(4, Some(("2026-11-20T10:00:00Z", "completed")), &[]),
                issue(3, None, &["priya"]),
            ],
        ),
        (
            "/repositories/4242/issues?state=all&sort=created&direction=desc&per_page=100&page=2",
            "W/\"5f1c-page-2\"",
            vec![
                issue(1, Some(("2026-11-10T17:02:11Z", "completed")), &["wen"]),
                issue(2, Some(("2026-11-12T08:30:00Z", "not_planned")), &[]),
            ],
        ),
    ];
    let limits = |remaining: &str| {
        vec![
            ("x-ratelimit-limit".to_owned(), "5000".to_owned()),
            ("x-ratelimit-remaining".to_owned(), remaining.to_owned()),
            ("x-ratelimit-reset".to_owned(), "1795788300".to_owned()),
        ]
    };
    for (n, (target, etag, issues)) in pages.iter().enumerate() {
        if sent.target != *target {
            continue;
        }
        let mut headers = limits("4990");
        headers.push(("ETag".to_owned(), (*etag).to_owned()));
        if sent.if_none_match.as_deref() == Some(etag) {
            return (304, headers, String::new());
        }
        let next = format!("{base}{}", pages[1].0);
        let last = format!("<{next}>; rel=\"last\"");
        headers.push((
            "Link".to_owned(),
            if n == 0 {
                format!("<{next}>; rel=\"next\", {last}")
            } else {
                format!(
                    "<{base}{}>; rel=\"prev\", <{base}{}>; rel=\"first\"",
                    pages[0].0, pages[0].0
                )
            },
        ));
        return (200, headers, serde_json::to_string(issues).unwrap());
    }
    (
        404,
        limits("4989"),
        r#"{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}"#.to_owned(),
    )
}

/// `report --tracker github --format json` in `dir`, against `api`.
fn report_github(dir: &Path, api: &str) -> std::process::Output {
    let mut env: Vec<(&str, Option<&str>)> = vec![
        ("GITHUB_API_URL", Some(api)),
        ("GITHUB_TOKEN", Some(TOKEN)),
        ("GH_TOKEN", None),
    ];
    for proxy in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        env.push((proxy, None));
    }
    let out = common::run_with_env(
        dir,
        &[
            "report",
            "docs/postmortems",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--tracker",
            "github",
        ],
        &env,
    );
    // The token is sent, never shown.
    for text in [stdout(&out), common::stderr(&out)] {
        assert!(
            !text.contains(TOKEN) && !text.contains("ghp_T0ken"),
            "{text}"
        );
    }
    out
}

#[test]
fn report_reads_issues_through_the_api_with_pages_etags_and_a_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = linked_repo(&tmp.path().join("repo"));
    let (api, sent) = serve(github);

    let out = report_github(&repo.dir, &api);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(states(&stdout(&out)), expected_states());
    let first: Vec<Sent> = sent.lock().unwrap().drain(..).collect();
    assert_eq!(first.len(), 2, "{first:?}");
    assert!(
        first[1].target.contains("page=2"),
        "the Link header is followed"
    );
    let bearer = format!("Bearer {TOKEN}");
    assert!(
        first
            .iter()
            .all(|s| s.authorization.as_deref() == Some(bearer.as_str()))
    );
    let cache = repo.dir.join(".git/postmortem-lint/github-cache.json");
    let cached = std::fs::read_to_string(&cache).unwrap();
    assert!(cached.contains("5f1c-page-1") && !cached.contains(TOKEN));

    // Again: conditional requests, answered 304, and the same report from the cache.
    let out = report_github(&repo.dir, &api);
    assert_eq!(states(&stdout(&out)), expected_states());
    let again: Vec<Sent> = sent.lock().unwrap().drain(..).collect();
    assert_eq!(again.len(), 2);
    assert!(again.iter().all(|s| s.if_none_match.is_some()));
    assert!(
        common::stderr(&out).contains("5 issues read in 2 requests (2 not modified)"),
        "{}",
        common::stderr(&out)
    );

    // The same facts from a `gh` export give the same report (the done-when of #34).
    std::fs::write(tmp.path().join("issues.json"), GH_EXPORT).unwrap();
    let export = tmp.path().join("issues.json");
    let out = run_in(
        &repo.dir,
        &[
            "report",
            "docs/postmortems",
            "--format",
            "json",
            "--as-of",
            AS_OF,
            "--tracker-export",
            export.to_str().unwrap(),
        ],
    );
    assert_eq!(states(&stdout(&out)), expected_states());
}

#[test]
fn an_issue_github_does_not_have_is_reported_with_its_item() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = common::TestRepo::init(&tmp.path().join("repo"));
    repo.repo
        .remote("origin", "git@github.com:acme/payments.git")
        .unwrap();
    repo.commit_files(
        &[(
            "docs/postmortems/pm.md",
            &postmortem("- [ ] Alert on queue depth (#1)\n- [ ] Shard the queue (#7)\n"),
        )],
        "Postmortem",
    );
    let (api, sent) = serve(github);
    let out = report_github(&repo.dir, &api);
    assert!(out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("warning: acme/payments#7 is not on GitHub (404: deleted, or the token cannot see it); the item in docs/postmortems/pm.md keeps its document status"),
        "{err}"
    );
    let got: Vec<String> = states(&stdout(&out)).into_iter().map(|s| s.1).collect();
    assert_eq!(got, ["done", "open"]);
    let targets: Vec<String> = sent
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.target.clone())
        .collect();
    assert_eq!(
        targets.last().map(String::as_str),
        Some("/repos/acme/payments/issues/7")
    );
}

#[test]
fn a_spent_rate_limit_or_an_unreachable_github_leaves_items_as_the_document_says() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = linked_repo(&tmp.path().join("repo"));
    let (api, sent) = serve(|_, _| {
        (
            403,
            vec![
                ("x-ratelimit-limit".into(), "60".into()),
                ("x-ratelimit-remaining".into(), "0".into()),
                ("x-ratelimit-reset".into(), "1795788300".into()),
                ("x-ratelimit-resource".into(), "core".into()),
            ],
            r#"{"message":"API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#.into(),
        )
    });
    let out = report_github(&repo.dir, &api);
    assert!(out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("warning: GitHub's rate limit is spent (it resets at 2026-11-27 14:05 UTC): no further requests were made"),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: 5 linked items kept their document status, as GitHub's rate limit is spent"
        ),
        "{err}"
    );
    assert_eq!(sent.lock().unwrap().len(), 1, "no request after the limit");
    let got: Vec<String> = states(&stdout(&out)).into_iter().map(|s| s.1).collect();
    assert_eq!(got, ["open", "open", "open", "done", "open"]);

    // Nothing listening: a warning, and the report from the documents.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let out = report_github(&repo.dir, &nowhere);
    assert!(out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("warning: GitHub could not be reached ("),
        "{err}"
    );
    assert!(
        err.contains("5 linked items kept their document status"),
        "{err}"
    );
}

#[test]
fn check_never_asks_the_tracker() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = linked_repo(&tmp.path().join("repo"));
    let (api, sent) = serve(github);
    let out = common::run_with_env(
        &repo.dir,
        &["check", "docs/postmortems", "--as-of", AS_OF],
        &[
            ("GITHUB_API_URL", Some(api.as_str())),
            ("GITHUB_TOKEN", Some(TOKEN)),
        ],
    );
    assert!(!stdout(&out).contains(TOKEN));
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(sent.lock().unwrap().is_empty());
}
