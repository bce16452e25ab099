//! The report's history problems, one scripted repository each (git2, fixed dates): closes
//! then dones, archive-and-replace commits, restores, `--as-of`, imports, typo fixes and
//! renumbering, legacy bullets, out-of-order and time-zoned commit dates, the quarterly review.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run_in, stderr, stdout};
use git2::{Repository, Signature, Time};
use postmortem_lint::document::Date;
use serde_json::Value;
use std::path::Path;

/// A repository whose commits are dated by the test.
struct Repo {
    _dir: tempfile::TempDir,
    repo: Repository,
}

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        Repo { _dir: dir, repo }
    }

    fn path(&self) -> &Path {
        self.repo.workdir().unwrap()
    }

    /// Writes (`Some`) or deletes (`None`) files, and commits at noon UTC on `on`, or at
    /// `hour` with the committer's `offset` in minutes.
    fn commit_at(&self, on: &str, hour: i64, offset: i32, files: &[(&str, Option<&str>)]) {
        let seconds = day(on).days() * 86_400 + hour * 3600 - i64::from(offset) * 60;
        let me = Signature::new("Dana", "dana@example.com", &Time::new(seconds, offset)).unwrap();
        common::commit_with(&self.repo, &me, "change", &|dir, index| {
            common::change_files(dir, index, files);
        });
    }

    fn commit(&self, on: &str, files: &[(&str, Option<&str>)]) {
        self.commit_at(on, 12, 0, files);
    }

    fn report(&self, as_of: &str, format: &str) -> String {
        let out = run_in(
            self.path(),
            &["report", "docs", "--as-of", as_of, "--format", format],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
    }

    fn json(&self, as_of: &str) -> Value {
        serde_json::from_str(&self.report(as_of, "json")).unwrap()
    }
}

fn pm(title: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut text = format!(
        "# {title}\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n"
    );
    for (id, action, status) in rows {
        text.push_str(&format!(
            "| {id} | {action} | @dana | 2030-01-01 | prevent | {status} |\n"
        ));
    }
    text
}

/// The `key` of each item of a JSON list of items.
fn each<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|i| i[key].as_str().unwrap())
        .collect()
}

fn items(r: &Value) -> Vec<Value> {
    r["items"].as_array().unwrap().clone()
}

fn cohort(r: &Value, month: &str) -> Value {
    r["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["month"] == month)
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn closed_then_done_counts_from_the_day_it_was_done() {
    let r = Repo::new();
    let a = "docs/pm/a.md";
    r.commit(
        "2024-01-10",
        &[(a, Some(&pm("Queue", &[("1", "Shard the queue", "open")])))],
    );
    r.commit(
        "2024-01-12",
        &[(
            a,
            Some(&pm(
                "Queue",
                &[("1", "Shard the queue", "deprioritized: not this quarter")],
            )),
        )],
    );
    r.commit(
        "2024-09-01",
        &[(a, Some(&pm("Queue", &[("1", "Shard the queue", "done")])))],
    );
    let j = r.json("2025-06-30");
    let c = cohort(&j, "2024-01");
    assert_eq!(
        (
            c["items"].clone(),
            c["done_within_30"].clone(),
            c["done_within_90"].clone()
        ),
        (1.into(), 0.into(), 0.into())
    );
    let item = &items(&j)[0];
    assert_eq!(item["done_on"], "2024-09-01");
    assert_eq!(item["closed"], "2024-01-12");
    assert_eq!(item["states"].as_array().unwrap().len(), 3);
}

#[test]
fn an_archive_and_replace_commit_is_no_rename() {
    let r = Repo::new();
    let old = pm(
        "Postmortem: DNS outage",
        &[("1", "Lower the TTL of the zone", "open")],
    );
    let new = pm(
        "Postmortem: disk full on the queue host",
        &[("1", "Alert on disk usage", "open")],
    );
    r.commit("2024-01-10", &[("docs/pm/dns.md", Some(&old))]);
    r.commit(
        "2024-03-01",
        &[("docs/pm/dns.md", None), ("docs/pm/disk.md", Some(&new))],
    );
    let j = r.json("2024-12-31");
    let per_month: Vec<(String, u64)> = j["postmortems_per_month"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["count"] != 0)
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_owned(),
                m["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        per_month,
        [("2024-01".to_owned(), 1), ("2024-03".to_owned(), 1)]
    );
    let all = items(&j);
    let dns = all
        .iter()
        .find(|i| i["action"] == "Lower the TTL of the zone")
        .unwrap();
    assert_eq!(
        (dns["postmortem"].clone(), dns["deleted"].clone()),
        ("docs/pm/dns.md".into(), true.into())
    );
    let disk = all
        .iter()
        .find(|i| i["action"] == "Alert on disk usage")
        .unwrap();
    assert_eq!(disk["added"], "2024-03-01");

    // A real rename (the same postmortem moved) keeps its history.
    let r = Repo::new();
    r.commit("2024-01-10", &[("docs/pm/dns.md", Some(&old))]);
    let edited = old.replace("Lower the TTL", "Lower the TTL to 60 s");
    r.commit(
        "2024-03-01",
        &[
            ("docs/pm/dns.md", None),
            ("docs/pm/2024/dns.md", Some(&edited)),
        ],
    );
    let j = r.json("2024-12-31");
    let all = items(&j);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(
        (
            all[0]["postmortem"].clone(),
            all[0]["added"].clone(),
            all[0]["deleted"].clone()
        ),
        (
            "docs/pm/2024/dns.md".into(),
            "2024-01-10".into(),
            false.into()
        )
    );
}

#[test]
fn a_postmortem_deleted_and_restored_is_one_lineage() {
    let r = Repo::new();
    let text = pm(
        "Queue stall",
        &[
            ("1", "Shard the queue", "open"),
            ("2", "Alert on depth", "done"),
        ],
    );
    r.commit("2024-01-10", &[("docs/pm/q.md", Some(&text))]);
    r.commit("2024-02-01", &[("docs/pm/q.md", None)]);
    r.commit("2024-02-02", &[("docs/pm/q.md", Some(&text))]);
    let j = r.json("2024-12-31");
    let all = items(&j);
    assert_eq!(all.len(), 2, "every item once: {all:?}");
    assert!(
        all.iter()
            .all(|i| i["deleted"] == false && i["added"] == "2024-01-10")
    );
    assert_eq!(j["postmortems_per_month"][0]["count"], 1);
}

#[test]
fn as_of_is_the_repository_at_the_end_of_that_day() {
    let r = Repo::new();
    let a = "docs/pm/a.md";
    r.commit(
        "2024-01-10",
        &[(a, Some(&pm("Queue", &[("1", "Shard the queue", "open")])))],
    );
    r.commit(
        "2024-03-01",
        &[(a, Some(&pm("Queue", &[("1", "Shard the queue", "done")])))],
    );
    r.commit(
        "2024-04-01",
        &[(
            "docs/pm/later.md",
            Some(&pm("Later", &[("1", "Something", "open")])),
        )],
    );
    let j = r.json("2024-02-15");
    let all = items(&j);
    assert_eq!(all.len(), 1, "the later postmortem is not there yet");
    assert_eq!(
        (all[0]["state"].clone(), all[0]["done_on"].clone()),
        ("open".into(), Value::Null)
    );
    assert_eq!(j["postmortems_per_month"].as_array().unwrap().len(), 2);
}

#[test]
fn imported_postmortems_count_in_their_own_month_and_stay_out_of_the_rates() {
    let r = Repo::new();
    let dated = |date: &str, title: &str| {
        format!(
            "---\ndate: {date}\n---\n{}",
            pm(title, &[("1", "Fix it for good", "done")])
        )
    };
    r.commit(
        "2024-05-01",
        &[
            ("docs/pm/2022-03-01-a.md", Some(&dated("2022-03-01", "A"))),
            ("docs/pm/2022-06-01-b.md", Some(&dated("2022-06-01", "B"))),
            ("docs/pm/2022-09-01-c.md", Some(&dated("2022-09-01", "C"))),
        ],
    );
    let j = r.json("2024-12-31");
    for month in ["2022-03", "2022-06", "2022-09"] {
        let c = cohort(&j, month);
        assert_eq!(
            (c["items"].clone(), c["done_within_90"].clone()),
            (0.into(), 0.into()),
            "{month}"
        );
    }
    assert!(cohort(&j, "2024-05").is_null(), "no 2024 cohort");
    assert_eq!(j["items_imported"], 3);
    assert!(
        items(&j)
            .iter()
            .all(|i| i["imported"] == true && i["added"].is_null())
    );
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("3 of 3 items came with postmortems imported"),
        "{md}"
    );
}

#[test]
fn item_identity_survives_typo_fixes_and_renumbering_and_empty_bullets_are_no_items() {
    let r = Repo::new();
    let a = "docs/pm/a.md";
    let list = |items: &[&str]| {
        let mut t = "# Cache\n\n## Action items\n\n".to_owned();
        for i in items {
            t.push_str(&format!("- {i}\n"));
        }
        t
    };
    r.commit(
        "2024-01-10",
        &[(
            a,
            Some(&list(&[
                "[ ] Add an alert on the queue depht of the consumer",
                "[ ] Shard the queue by tenant",
                "[ ] ",
            ])),
        )],
    );
    r.commit(
        "2024-01-20",
        &[(
            a,
            Some(&list(&[
                "[x] Add an alert on the queue depth of the consumer",
                "[ ] Shard the queue by tenant",
            ])),
        )],
    );
    let j = r.json("2024-12-31");
    let all = items(&j);
    assert_eq!(all.len(), 2, "{all:?}");
    let alert = all
        .iter()
        .find(|i| i["action"].as_str().unwrap().contains("depth"))
        .unwrap();
    assert_eq!(
        (
            alert["added"].clone(),
            alert["done_on"].clone(),
            alert["deleted"].clone()
        ),
        ("2024-01-10".into(), "2024-01-20".into(), false.into())
    );

    // Renumbered IDs: the texts stay with their histories.
    let r = Repo::new();
    r.commit(
        "2024-01-10",
        &[(
            a,
            Some(&pm(
                "Q",
                &[
                    ("1", "Alert on depth", "open"),
                    ("2", "Shard the queue", "open"),
                    ("3", "Load test", "open"),
                ],
            )),
        )],
    );
    r.commit(
        "2024-01-15",
        &[(
            a,
            Some(&pm(
                "Q",
                &[
                    ("1", "Alert on depth", "done"),
                    ("2", "Shard the queue", "open"),
                    ("3", "Load test", "open"),
                ],
            )),
        )],
    );
    r.commit(
        "2024-02-01",
        &[(
            a,
            Some(&pm(
                "Q",
                &[("1", "Shard the queue", "open"), ("2", "Load test", "done")],
            )),
        )],
    );
    let j = r.json("2024-12-31");
    let all = items(&j);
    let by = |action: &str| all.iter().find(|i| i["action"] == action).unwrap().clone();
    assert_eq!(by("Shard the queue")["state"], "open");
    assert_eq!(by("Load test")["done_on"], "2024-02-01");
    let alert = by("Alert on depth");
    assert_eq!(
        (alert["state"].clone(), alert["deleted"].clone()),
        ("done".into(), false.into())
    );
}

#[test]
fn legacy_bullets_are_untracked_not_abandoned() {
    let r = Repo::new();
    let text = "# Old outage\n\n## Action items\n\n- Add more alerts\n- Write a runbook\n- Review the deploy process\n";
    r.commit("2022-01-10", &[("docs/pm/old.md", Some(text))]);
    let j = r.json("2024-12-31");
    assert_eq!(j["items_untracked"], 3);
    assert_eq!(j["items_measured"], 0);
    assert!(
        j["not_done_after_90_days"]["abandoned"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("3 of 3 items state no status and no due date"),
        "{md}"
    );
}

#[test]
fn dates_are_never_before_the_parent_and_in_the_committers_own_offset() {
    let r = Repo::new();
    let a = "docs/pm/a.md";
    r.commit(
        "2024-03-10",
        &[(a, Some(&pm("Q", &[("1", "Shard", "open")])))],
    );
    // A commit whose clock was wrong: dated before its parent.
    r.commit(
        "2024-03-01",
        &[(a, Some(&pm("Q", &[("1", "Shard", "done")])))],
    );
    // 21:00 on 31 January in New York is 1 February in UTC: it counts in January.
    r.commit_at(
        "2024-01-31",
        21,
        -300,
        &[("docs/pm/b.md", Some(&pm("B", &[("1", "Other", "open")])))],
    );
    let j = r.json("2024-12-31");
    let all = items(&j);
    let shard = all.iter().find(|i| i["action"] == "Shard").unwrap();
    assert_eq!(
        (shard["added"].clone(), shard["done_on"].clone()),
        ("2024-03-10".into(), "2024-03-10".into())
    );
    let other = all.iter().find(|i| i["action"] == "Other").unwrap();
    assert_eq!(
        other["added"], "2024-03-10",
        "after its parent, whatever its own clock"
    );

    let r = Repo::new();
    r.commit_at(
        "2024-01-31",
        21,
        -300,
        &[("docs/pm/b.md", Some(&pm("B", &[("1", "Other", "open")])))],
    );
    let j = r.json("2024-12-31");
    assert_eq!(items(&j)[0]["added"], "2024-01-31");
}

#[test]
fn the_quarterly_review_leads_with_the_answer_and_lists_each_item_once() {
    let r = Repo::new();
    let rows: Vec<(String, String)> = (1..=30)
        .map(|i| (i.to_string(), format!("Fix number {i}")))
        .collect();
    let table = |status: &str| {
        let rows: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|(i, a)| (i.as_str(), a.as_str(), status))
            .collect();
        pm("Postmortem: the big one", &rows)
    };
    r.commit("2024-04-10", &[("docs/pm/big.md", Some(&table("open")))]);
    let md = r.report("2024-12-31", "markdown");
    let first_screen: String = md.lines().take(20).collect::<Vec<_>>().join("\n");
    assert!(
        // The answer names the latest quarter that had items, not the empty ones after it.
        first_screen.contains("0 of 30 items written in 2024-Q2 done within 90 days (0%)"),
        "{first_screen}"
    );
    assert!(
        first_screen.contains("## The latest quarters"),
        "{first_screen}"
    );
    assert!(
        md.contains("| [Postmortem: the big one](docs/pm/big.md) | 2024-04-10 | Fix number 1 | @dana | open |"),
        "{md}"
    );
    assert!(
        md.contains("and 10 more (the JSON report lists them all)."),
        "{md}"
    );
    assert_eq!(md.matches("Fix number 7 |").count(), 1, "each item once");
    let j = r.json("2024-12-31");
    assert_eq!(j["not_done"].as_array().unwrap().len(), 30);
}

/// Two folders, each with its own config and template: every file's items are read along
/// history with its own folder's template (before, the first file's template read them all,
/// and a section only the second template names held no items).
#[test]
fn each_file_is_read_along_history_with_its_own_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = common::TestRepo::init(dir.path());
    let default =
        std::fs::read_to_string(common::root().join("rules/templates/default.toml")).unwrap();
    let ours = default.replace(
        "headings = [\"Action items\",",
        "headings = [\"Repair log\", \"Action items\",",
    );
    assert_ne!(
        ours, default,
        "the default template's action-items headings moved"
    );
    let clean = common::clean_postmortem();
    let start = clean.find("## Action items").unwrap();
    let repaired = format!(
        "{}## Repair log\n\n- [ ] Page on queue age — owner: @lee, due: 2026-12-20, type: detect\n",
        &clean[..start]
    );
    repo.commit_files(
        &[
            ("a/2026-09-18-first.md", clean.as_str()),
            ("b/.postmortem-lint.toml", "template = \"ours.toml\"\n"),
            ("b/ours.toml", ours.as_str()),
            ("b/2026-09-19-second.md", repaired.as_str()),
        ],
        "postmortems",
    );
    let out = common::run_in(
        dir.path(),
        &[
            "report",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "a",
            "b",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&out)).unwrap();
    let items = json["items"].as_array().unwrap();
    let second: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| {
            i["postmortem"]
                .as_str()
                .is_some_and(|p| p.contains("second"))
        })
        .collect();
    assert_eq!(second.len(), 1, "{}", common::stdout(&out));
    assert_eq!(second[0]["owner"], "@lee");
}

/// An item written long ago and a few days past its due date is late, not abandoned; a
/// month and more past it, it is abandoned.
#[test]
fn an_item_just_past_due_is_late_not_abandoned() {
    let r = Repo::new();
    let text = pm("Postmortem: late", &[("1", "Alert on queue age", "open")])
        .replace("2030-01-01", "2024-06-01");
    r.commit("2024-01-10", &[("docs/pm/late.md", Some(&text))]);
    let abandoned = |as_of: &str| {
        r.json(as_of)["not_done_after_90_days"]["abandoned"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(abandoned("2024-06-10"), 0, "nine days past due: late");
    assert_eq!(abandoned("2024-07-15"), 1, "44 days past due: abandoned");
    // The list of items not done says how far past due, not only "open".
    let md = r.report("2024-07-15", "markdown");
    assert!(
        md.contains("| Alert on queue age | @dana | open, 44 days past due |"),
        "{md}"
    );
}

/// An item written as already done (a record of the response, "✅ Reverted the change") is
/// no follow-up: it is listed as a record and kept out of the rates, where it would count as
/// done on the day it was written. An item done later is measured.
#[test]
fn items_written_as_done_are_records_not_follow_ups() {
    let r = Repo::new();
    let first = pm(
        "Postmortem: records",
        &[
            ("1", "Reverted the release", "done"),
            ("2", "Alert on queue age", "open"),
            ("3", "Add a synthetic check of the checkout", "done"),
        ],
    );
    r.commit("2024-03-01", &[("docs/pm/records.md", Some(&first))]);
    // Item 3 was not done after all: reopened, then done a month later. A follow-up.
    let reopened = "| Add a synthetic check of the checkout | @dana | 2030-01-01 | prevent |";
    let later = first
        .replace(
            "| Alert on queue age | @dana | 2030-01-01 | prevent | open |",
            "| Alert on queue age | @dana | 2030-01-01 | prevent | done |",
        )
        .replace(&format!("{reopened} done |"), &format!("{reopened} open |"));
    assert_ne!(later, first);
    r.commit("2024-03-20", &[("docs/pm/records.md", Some(&later))]);
    let last = later.replace(&format!("{reopened} open |"), &format!("{reopened} done |"));
    r.commit("2024-04-22", &[("docs/pm/records.md", Some(&last))]);
    let j = r.json("2024-12-31");
    assert_eq!(each(&j["records"], "action"), ["Reverted the release"]);
    let quarter = j["headline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["quarter"] == "2024-Q1")
        .unwrap()
        .clone();
    assert_eq!(quarter["items_written"], 2, "{quarter}");
    assert_eq!(quarter["done_within_90"], 2, "{quarter}");
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("1 of 3 items were written as already done"),
        "{md}"
    );
    // Counted and listed, in Markdown and in HTML.
    assert!(md.contains("## Records of the response: 1"), "{md}");
    assert!(
        md.contains("| Reverted the release | @dana | done |"),
        "{md}"
    );
    let html = r.report("2024-12-31", "html");
    assert!(
        html.contains("<h2>Records of the response: 1</h2>"),
        "{html}"
    );
}

/// Whether a postmortem was imported is decided with a corrected date and a wider margin:
/// a date typo fixed the same day does not make it imported, a postmortem written five
/// weeks after its incident is not imported, and the to-dos of one really imported stay in
/// sight in the Markdown report.
#[test]
fn imported_is_decided_from_a_corrected_date_and_its_open_items_are_listed() {
    let dated = |date: &str, title: &str| {
        pm(title, &[("1", &format!("Fix {title}"), "open")]).replacen(
            "\n\n",
            &format!("\n\nDate: {date}\n\n"),
            1,
        )
    };
    let r = Repo::new();
    // A typo (2021 for 2024), corrected the same day.
    r.commit(
        "2024-03-01",
        &[("docs/pm/typo.md", Some(&dated("2021-02-27", "typo")))],
    );
    r.commit_at(
        "2024-03-01",
        13,
        0,
        &[("docs/pm/typo.md", Some(&dated("2024-02-27", "typo")))],
    );
    // Another typo (2022 for 2024), corrected twelve days later: the latest date decides.
    r.commit(
        "2024-03-04",
        &[("docs/pm/slow.md", Some(&dated("2022-03-02", "slow")))],
    );
    r.commit(
        "2024-03-16",
        &[("docs/pm/slow.md", Some(&dated("2024-03-02", "slow")))],
    );
    // Written five weeks after the incident.
    r.commit(
        "2024-04-10",
        &[("docs/pm/late.md", Some(&dated("2024-03-06", "late")))],
    );
    // Imported: three years old when committed.
    r.commit(
        "2024-05-01",
        &[("docs/pm/old.md", Some(&dated("2021-05-01", "old")))],
    );
    // A follow-up written into it later counts in the month it was written.
    let followed = dated("2021-05-01", "old").replace(
        "| 1 | Fix old |",
        "| 2 | Alert on the old queue | @dana | 2030-01-01 | detect | open |\n| 1 | Fix old |",
    );
    r.commit("2024-07-02", &[("docs/pm/old.md", Some(&followed))]);
    let j = r.json("2024-12-31");
    assert_eq!(
        each(&j["imported"], "postmortem"),
        ["docs/pm/old.md"],
        "{j}"
    );
    let added = |path: &str| {
        items(&j)
            .into_iter()
            .find(|i| i["postmortem"] == path)
            .unwrap()["added"]
            .clone()
    };
    assert_eq!(cohort(&j, "2024-07")["items"], 1, "{j}");
    assert_eq!(cohort(&j, "2021-05")["items"], 0, "{j}");
    assert_eq!(added("docs/pm/typo.md"), "2024-03-01");
    assert_eq!(added("docs/pm/slow.md"), "2024-03-04");
    assert_eq!(added("docs/pm/late.md"), "2024-04-10");
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("## Items of imported postmortems not done: 1"),
        "{md}"
    );
    assert!(md.contains("| Fix old |"), "{md}");
    let html = r.report("2024-12-31", "html");
    assert!(
        html.contains("<h2>Items of imported postmortems not done: 1</h2>")
            && html.contains("<td>Fix old</td>"),
        "{html}"
    );
}

/// A row deleted while open, whose number the next action then took, is not the same item
/// as that action: the deleted one is abandoned (its open follow-up vanished) and the other
/// keeps its own date. A reworded action under its ID stays one item.
#[test]
fn an_id_reused_for_another_action_is_another_item() {
    let r = Repo::new();
    let first = pm(
        "Postmortem: reuse",
        &[
            ("1", "Cap consumer retries at five", "open"),
            ("2", "Page on queue age above five minutes", "open"),
        ],
    );
    r.commit("2024-01-10", &[("docs/pm/reuse.md", Some(&first))]);
    // Row 1 deleted; a new action takes number 1. Row 2 reworded.
    let second = pm(
        "Postmortem: reuse",
        &[
            ("1", "Rotate the signing key every year", "open"),
            ("2", "Page on queue age above ten minutes", "open"),
        ],
    );
    r.commit("2024-02-20", &[("docs/pm/reuse.md", Some(&second))]);
    let j = r.json("2024-12-31");
    let all = items(&j);
    let find = |action: &str| all.iter().find(|i| i["action"] == action).cloned();
    let rotated = find("Rotate the signing key every year").expect("the new action is an item");
    assert_eq!(rotated["added"], "2024-02-20", "{j}");
    let capped = find("Cap consumer retries at five").expect("the deleted action is kept");
    assert_eq!(capped["added"], "2024-01-10");
    assert!(
        each(&j["not_done_after_90_days"]["abandoned"], "action")
            .contains(&"Cap consumer retries at five"),
        "{j}"
    );
    let paged = find("Page on queue age above ten minutes").unwrap();
    assert_eq!(
        paged["added"], "2024-01-10",
        "a reworded action keeps its date"
    );

    // The same across a merge: the branch deleted row 1 and gave its number to another
    // action in two commits; along first parents, the merge shows only "row 1 changed".
    let r = Repo::new();
    r.commit("2024-01-10", &[("docs/pm/reuse.md", Some(&first))]);
    let base = r.repo.head().unwrap().peel_to_commit().unwrap();
    let when = |on: &str| {
        let t = Time::new(day(on).days() * 86_400 + 12 * 3600, 0);
        Signature::new("Dana", "dana@example.com", &t).unwrap()
    };
    let tree_with = |text: &str| {
        let blob = r.repo.blob(text.as_bytes()).unwrap();
        let mut pm_dir = r.repo.treebuilder(None).unwrap();
        pm_dir.insert("reuse.md", blob, 0o100644).unwrap();
        let mut docs = r.repo.treebuilder(None).unwrap();
        docs.insert("pm", pm_dir.write().unwrap(), 0o040000)
            .unwrap();
        let mut root = r.repo.treebuilder(None).unwrap();
        root.insert("docs", docs.write().unwrap(), 0o040000)
            .unwrap();
        r.repo.find_tree(root.write().unwrap()).unwrap()
    };
    let only_two = pm(
        "Postmortem: reuse",
        &[("2", "Page on queue age above ten minutes", "open")],
    );
    let deleted = r
        .repo
        .commit(
            None,
            &when("2024-02-01"),
            &when("2024-02-01"),
            "drop 1",
            &tree_with(&only_two),
            &[&base],
        )
        .unwrap();
    let deleted = r.repo.find_commit(deleted).unwrap();
    let reused = r
        .repo
        .commit(
            None,
            &when("2024-02-05"),
            &when("2024-02-05"),
            "new 1",
            &tree_with(&second),
            &[&deleted],
        )
        .unwrap();
    let reused = r.repo.find_commit(reused).unwrap();
    r.repo
        .commit(
            Some("HEAD"),
            &when("2024-02-20"),
            &when("2024-02-20"),
            "merge",
            &tree_with(&second),
            &[&base, &reused],
        )
        .unwrap();
    r.repo
        .checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    let j = r.json("2024-12-31");
    let all = items(&j);
    let find = |action: &str| all.iter().find(|i| i["action"] == action).cloned();
    assert_eq!(
        find("Rotate the signing key every year").unwrap()["added"],
        "2024-02-20",
        "{j}"
    );
    assert!(
        each(&j["not_done_after_90_days"]["abandoned"], "action")
            .contains(&"Cap consumer retries at five"),
        "the deleted open item is abandoned, not hidden: {j}"
    );
}

/// The report counts the commits that changed the postmortems, not the whole repository's.
#[test]
fn the_commit_count_is_of_the_postmortems_commits() {
    let r = Repo::new();
    r.commit(
        "2024-01-10",
        &[(
            "docs/pm/a.md",
            Some(&pm("Postmortem: a", &[("1", "Fix a", "open")])),
        )],
    );
    r.commit("2024-01-11", &[("src/main.rs", Some("fn main() {}\n"))]);
    r.commit("2024-01-12", &[("src/lib.rs", Some("\n"))]);
    let j = r.json("2024-12-31");
    assert_eq!(j["commits"], 3);
    assert_eq!(j["commits_changing_postmortems"], 1);
    // As of an earlier day, the commits made by then.
    assert_eq!(r.json("2024-01-11")["commits"], 2);
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("(1 of the main line's 3 commits changed these postmortems;"),
        "{md}"
    );
}

/// The items not done say which closed ones were closed with a reason and which without:
/// one is a decision, the other how work is abandoned.
#[test]
fn closed_items_say_whether_a_reason_was_given() {
    let r = Repo::new();
    let text = pm(
        "Postmortem: closed",
        &[
            ("1", "Shard the queue", "closed"),
            (
                "2",
                "Rewrite the consumer",
                "won't do: superseded by the sharding",
            ),
        ],
    );
    r.commit("2024-01-10", &[("docs/pm/closed.md", Some(&text))]);
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("| Shard the queue | @dana | closed without a reason |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| Rewrite the consumer | @dana | closed with a reason: superseded by the sharding |"
        ),
        "{md}"
    );
}

/// A commit that moves the archive into the folder reported on, from a folder outside it,
/// keeps every item's written date; so does a postmortem moved and renamed with an edit
/// (same title), while an unrelated file deleted in the same commit stays out.
#[test]
fn moves_into_the_folder_from_outside_keep_their_history() {
    let r = Repo::new();
    let dns = pm(
        "Postmortem: DNS outage",
        &[("1", "Lower the TTL of the zone", "open")],
    );
    let disk = pm(
        "Postmortem: disk full",
        &[("1", "Alert on disk usage", "open")],
    );
    r.commit("2024-01-10", &[("incidents/2024-01-dns.md", Some(&dns))]);
    r.commit("2024-02-05", &[("old/disk.md", Some(&disk))]);
    r.commit(
        "2024-02-06",
        &[("notes/meeting.md", Some("# Weekly sync\n"))],
    );
    let queue = pm(
        "Queue stall",
        &[
            ("1", "Alert on consumer lag above ten minutes", "open"),
            ("2", "Cap the retries of the queue consumer", "open"),
        ],
    );
    r.commit("2024-02-20", &[("old/q.md", Some(&queue))]);
    // Moved, renamed and retitled in one commit, its items word for word.
    let retitled = queue.replace(
        "# Queue stall",
        "# Postmortem: the queue stalled for two hours",
    );
    let edited = disk.replace("Alert on disk usage", "Alert on disk usage above 80%");
    r.commit(
        "2024-06-01",
        &[
            ("incidents/2024-01-dns.md", None),
            ("docs/pm/2024-01-dns.md", Some(&dns)),
            ("old/disk.md", None),
            ("docs/pm/2024-02-05-disk-full.md", Some(&edited)),
            ("notes/meeting.md", None),
            ("old/q.md", None),
            ("docs/pm/2024-02-20-queue-stall.md", Some(&retitled)),
        ],
    );
    let j = r.json("2024-12-31");
    let all = items(&j);
    let added: Vec<(&str, &str)> = all
        .iter()
        .map(|i| {
            (
                i["postmortem"].as_str().unwrap(),
                i["added"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [
            ("docs/pm/2024-01-dns.md", "2024-01-10"),
            ("docs/pm/2024-02-05-disk-full.md", "2024-02-05"),
            ("docs/pm/2024-02-20-queue-stall.md", "2024-02-20"),
            ("docs/pm/2024-02-20-queue-stall.md", "2024-02-20"),
        ]
    );
    assert!(all.iter().all(|i| i["deleted"] == false), "{all:?}");
    // The commits that changed the postmortems: their three additions and the move.
    assert_eq!(j["commits_changing_postmortems"], 4);
    // As of a day before the move, the postmortems are those of that day, under their
    // names then (the unrelated note is not one).
    let before = r.json("2024-03-01");
    let mut then: Vec<String> = items(&before)
        .iter()
        .map(|i| {
            i["postmortem"]
                .as_str()
                .unwrap()
                .split('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    then.dedup();
    assert_eq!(then, ["incidents", "old"], "{before}");
    // check dates the items the same way: on 2024-08-15 both are stale (written in January
    // and February), which they would not be if they dated from the move in June.
    let out = run_in(
        r.path(),
        &[
            "check",
            "docs",
            "--format",
            "concise",
            "--as-of",
            "2024-08-15",
        ],
    );
    let text = stdout(&out);
    assert_eq!(text.matches("stale-action-item").count(), 4, "{text}");
}

/// Titles link to their files: relative to the repository's root by default, under
/// `--link-base` when given, and in GitHub Actions to the file at the run's commit; paths
/// are percent-encoded.
#[test]
fn titles_link_to_their_files() {
    let r = Repo::new();
    r.commit(
        "2024-01-10",
        &[(
            "docs/pm/db outage (1).md",
            Some(&pm("Postmortem: db", &[("1", "Shard the queue", "open")])),
        )],
    );
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("| [Postmortem: db](docs/pm/db%20outage%20%281%29.md) | 2024-01-10 |"),
        "{md}"
    );
    let base = "https://git.example.com/acme/sre/blob/main/";
    let out = run_in(
        r.path(),
        &[
            "report",
            "docs",
            "--as-of",
            "2024-12-31",
            "--format",
            "html",
            "--link-base",
            base,
        ],
    );
    let html = stdout(&out);
    assert!(
        html.contains("<td><a href=\"https://git.example.com/acme/sre/blob/main/docs/pm/db%20outage%20%281%29.md\">Postmortem: db</a></td>"),
        "{html}"
    );
    let out = common::run_with_env(
        r.path(),
        &["report", "docs", "--as-of", "2024-12-31"],
        &[
            ("GITHUB_SERVER_URL", Some("https://github.com")),
            ("GITHUB_REPOSITORY", Some("acme/sre")),
            ("GITHUB_SHA", Some("0123abc")),
        ],
    );
    assert!(
        stdout(&out).contains(
            "[Postmortem: db](https://github.com/acme/sre/blob/0123abc/docs/pm/db%20outage%20%281%29.md)"
        ),
        "{}",
        stdout(&out)
    );
}

/// When nothing was written in the last five quarters, the headline still leads with the
/// latest follow-ups: this quarter (none yet), then the latest four up to the last that
/// had items, not five empty rows.
#[test]
fn the_headline_leads_with_the_latest_quarters_that_had_items() {
    let r = Repo::new();
    r.commit(
        "2022-02-10",
        &[(
            "docs/pm/old.md",
            Some(&pm("Postmortem: old", &[("1", "Shard the queue", "open")])),
        )],
    );
    let j = r.json("2024-12-31");
    assert_eq!(
        each(&j["headline"], "quarter"),
        ["2024-Q4", "2022-Q1", "2021-Q4", "2021-Q3", "2021-Q2"]
    );
    let md = r.report("2024-12-31", "markdown");
    assert!(
        md.contains("No measured item was written in 2024-Q4 yet; 0 of 1 items written in 2022-Q1 done within 90 days (0%)."),
        "{md}"
    );
    // The quarters between are a row of their own, not hidden.
    assert!(
        md.contains("| 2022-Q2 to 2024-Q3 | 0 | – | – | – | – | – |"),
        "{md}"
    );
    // The silence since is said, not left to be inferred from the quarters.
    assert!(
        md.contains("No postmortem has been added since 2022-02-10 (35 months before 2024-12-31)."),
        "{md}"
    );
}

/// Owners are listed by name, items without one last: a roster, never a ranking by
/// abandonment or by anything else.
#[test]
fn owners_are_listed_by_name() {
    let r = Repo::new();
    let text = "# Postmortem: owners\n\n## Action items\n\n| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n| 1 | Shard the queue | @zed | 2030-01-01 | prevent | open |\n| 2 | Alert on lag | @Amy | 2030-01-01 | detect | open |\n| 3 | Add a runbook | @zed | 2030-01-01 | mitigate | open |\n| 4 | Cap retries |  | 2030-01-01 | prevent | open |\n";
    r.commit("2024-01-10", &[("docs/pm/owners.md", Some(text))]);
    let j = r.json("2024-12-31");
    assert_eq!(each(&j["owners"], "owner"), ["@Amy", "@zed", "(no owner)"]);
}
