//! Random histories against an independent model. Each seed builds a repository (git2, fixed
//! dates) of postmortems whose items change status, reopen, close then get done, are deleted,
//! fixed for typos; postmortems renamed, moved, deleted and restored; side branches merged;
//! commit clocks that run backwards. The model keeps its own event log and computes every
//! item's fields and every cohort figure from it, never by reading Markdown or the tool's
//! output; the report must agree with it exactly.
#![allow(clippy::unwrap_used)]

mod common;

use common::{run_in, stderr, stdout};
use git2::{Oid, Repository, Signature, Time};
use postmortem_lint::document::Date;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    Open,
    Progress,
    Done,
    Closed,
}

impl St {
    fn cell(self) -> &'static str {
        match self {
            St::Open => "open",
            St::Progress => "in progress",
            St::Done => "done",
            St::Closed => "deprioritized: not this quarter",
        }
    }
    fn name(self) -> &'static str {
        match self {
            St::Open => "open",
            St::Progress => "in progress",
            St::Done => "done",
            St::Closed => "closed",
        }
    }
}

/// What the model knows of one item.
#[derive(Clone, Debug)]
struct MItem {
    words: Vec<String>,
    state: St,
    present: bool,
    added: i64,
    done_on: Option<i64>,
    deleted_on: Option<i64>,
}

#[derive(Clone, Debug)]
struct MPm {
    path: String,
    title: String,
    items: Vec<MItem>,
    live: bool,
    added: i64,
}

const WORDS: &[&str] = &[
    "alert",
    "queue",
    "depth",
    "shard",
    "tenant",
    "replica",
    "failover",
    "runbook",
    "probe",
    "cache",
    "ttl",
    "quota",
    "canary",
    "schema",
    "rollback",
    "latency",
    "budget",
    "pool",
    "limit",
    "index",
    "backup",
    "restore",
    "token",
    "certificate",
    "rotation",
    "dashboard",
];

fn text_of(pm: &MPm) -> String {
    let mut t = format!(
        "# {}\n\n## Action items\n\n| Action | Owner | Due | Type | Status |\n|---|---|---|---|---|\n",
        pm.title
    );
    for item in pm.items.iter().filter(|i| i.present) {
        t.push_str(&format!(
            "| {} | @dana | 2031-01-01 | prevent | {} |\n",
            item.words.join(" "),
            item.state.cell()
        ));
    }
    t
}

struct World {
    rng: Rng,
    repo: Repository,
    pms: Vec<MPm>,
    /// The model's day (clamped: never before the previous commit's).
    day: i64,
    next_name: usize,
    /// Postmortems changed since the last commit on the first-parent line: git shows only
    /// each one's last state, so one such commit changes a postmortem once.
    touched: Vec<usize>,
}

impl World {
    fn words(&mut self) -> Vec<String> {
        // Eight distinct words: a one-word typo keeps 7/8 of them, two items share few.
        let mut w: Vec<String> = Vec::new();
        while w.len() < 8 {
            let word = WORDS[self.rng.below(WORDS.len() as u64) as usize].to_owned();
            if !w.contains(&word) {
                w.push(word);
            }
        }
        w.push(format!("n{}", self.next_name));
        self.next_name += 1;
        w
    }

    fn write_tree(&self) -> Oid {
        let dir = self.repo.workdir().unwrap().to_path_buf();
        let mut index = self.repo.index().unwrap();
        index.clear().unwrap();
        let _ = fs::remove_dir_all(dir.join("docs"));
        for pm in self.pms.iter().filter(|p| p.live) {
            let full = dir.join(&pm.path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(&full, text_of(pm)).unwrap();
            index.add_path(Path::new(&pm.path)).unwrap();
        }
        index.write().unwrap();
        index.write_tree().unwrap()
    }

    fn signature(days: i64) -> Signature<'static> {
        Signature::new(
            "Dana",
            "d@example.com",
            &Time::new(days * 86_400 + 43_200, 0),
        )
        .unwrap()
    }

    /// Commits the model's state on HEAD, dated `written` days (which may run backwards).
    fn commit(&mut self, written: i64, parents: &[Oid]) -> Oid {
        let tree = self.repo.find_tree(self.write_tree()).unwrap();
        let sig = World::signature(written);
        let parents: Vec<git2::Commit<'_>> = parents
            .iter()
            .map(|p| self.repo.find_commit(*p).unwrap())
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, "change", &tree, &refs)
            .unwrap()
    }

    /// One random change to the model, on `day`.
    fn change(&mut self, day: i64) {
        let fresh = |i: &usize| !self.touched.contains(i);
        let live: Vec<usize> = (0..self.pms.len())
            .filter(|&i| self.pms[i].live)
            .filter(fresh)
            .collect();
        let dead: Vec<usize> = (0..self.pms.len())
            .filter(|&i| !self.pms[i].live)
            .filter(fresh)
            .collect();
        let roll = self.rng.below(100);
        if live.is_empty() || roll < 12 {
            let n = self.pms.len();
            let items = (0..2 + self.rng.below(3))
                .map(|_| MItem {
                    words: self.words(),
                    state: St::Open,
                    present: true,
                    added: day,
                    done_on: None,
                    deleted_on: None,
                })
                .collect();
            self.touched.push(n);
            self.pms.push(MPm {
                path: format!("docs/pm/incident-{n}.md"),
                title: format!(
                    "Postmortem: incident number {n} of the {}",
                    WORDS[n % WORDS.len()]
                ),
                items,
                live: true,
                added: day,
            });
            return;
        }
        if roll < 16 && !dead.is_empty() {
            // Restore a deleted postmortem at its path, as it was.
            let index = dead[self.rng.below(dead.len() as u64) as usize];
            self.touched.push(index);
            let p = &mut self.pms[index];
            p.live = true;
            for item in &mut p.items {
                if item.deleted_on.is_some() && item.present {
                    item.deleted_on = None;
                }
            }
            return;
        }
        let p = live[self.rng.below(live.len() as u64) as usize];
        self.touched.push(p);
        if roll < 20 {
            // Delete the postmortem: its open items are abandoned.
            let pm = &mut self.pms[p];
            pm.live = false;
            for item in pm.items.iter_mut().filter(|i| i.present) {
                if matches!(item.state, St::Open | St::Progress) && item.deleted_on.is_none() {
                    item.deleted_on = Some(day);
                }
            }
            return;
        }
        if roll < 25 {
            // Move it: same content, another folder.
            let pm = &mut self.pms[p];
            pm.path = pm.path.replacen("docs/pm/", "docs/pm/archive/", 1);
            if pm.path.matches("archive/").count() > 1 {
                pm.path = pm.path.replace("archive/archive/", "");
            }
            return;
        }
        let present: Vec<usize> = (0..self.pms[p].items.len())
            .filter(|&i| self.pms[p].items[i].present)
            .collect();
        if roll < 33 || present.is_empty() {
            let words = self.words();
            self.pms[p].items.push(MItem {
                words,
                state: St::Open,
                present: true,
                added: day,
                done_on: None,
                deleted_on: None,
            });
            return;
        }
        let i = present[self.rng.below(present.len() as u64) as usize];
        if roll < 40 {
            // Remove the item from the table.
            let item = &mut self.pms[p].items[i];
            item.present = false;
            if matches!(item.state, St::Open | St::Progress) {
                item.deleted_on = Some(day);
            }
            return;
        }
        if roll < 47 {
            // A typo fix: one word changes.
            let w = self.rng.below(8) as usize;
            self.pms[p].items[i].words[w].push('s');
            return;
        }
        let item = &mut self.pms[p].items[i];
        let next = match (item.state, self.rng.below(4)) {
            (St::Open, 0) => St::Progress,
            (St::Open | St::Progress, 1) => St::Closed,
            (St::Open | St::Progress, _) => St::Done,
            (St::Done, _) => St::Open,
            (St::Closed, 0) => St::Open,
            (St::Closed, _) => St::Done,
        };
        match next {
            St::Done => item.done_on = Some(day),
            St::Closed => item.done_on = None,
            St::Open | St::Progress => item.done_on = None,
        }
        item.state = next;
    }
}

fn run(seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let mut w = World {
        rng: Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1),
        repo,
        touched: Vec::new(),
        pms: Vec::new(),
        day: Date::parse_iso("2024-01-01").unwrap().days(),
        next_name: 0,
    };
    let mut head: Option<Oid> = None;
    for _ in 0..36 {
        let step = 1 + w.rng.below(12) as i64;
        let mut written = w.day + step;
        // Now and then a clock runs backwards: the model's day stays the parent's.
        if w.rng.chance(8) && head.is_some() {
            written = w.day - 1 - w.rng.below(20) as i64;
        }
        let effective = written.max(w.day);
        if w.rng.chance(15) && head.is_some() {
            // A side branch of two commits, merged: its changes land on the merge's day.
            let base = head.unwrap();
            let merge_day = effective + 2;
            w.change(merge_day);
            let side1 = {
                let tree = w.repo.find_tree(w.write_tree()).unwrap();
                let sig = World::signature(effective);
                let parent = w.repo.find_commit(base).unwrap();
                w.repo
                    .commit(None, &sig, &sig, "side", &tree, &[&parent])
                    .unwrap()
            };
            w.change(merge_day);
            let side2 = {
                let tree = w.repo.find_tree(w.write_tree()).unwrap();
                let sig = World::signature(effective + 1);
                let parent = w.repo.find_commit(side1).unwrap();
                w.repo
                    .commit(None, &sig, &sig, "side", &tree, &[&parent])
                    .unwrap()
            };
            head = Some(w.commit(merge_day, &[base, side2]));
            w.day = merge_day;
            w.touched.clear();
            continue;
        }
        let changes = 1 + w.rng.below(2);
        for _ in 0..changes {
            w.change(effective);
        }
        let parents: Vec<Oid> = head.into_iter().collect();
        head = Some(w.commit(written, &parents));
        w.day = effective;
        w.touched.clear();
    }
    let as_of = Date::from_days(w.day + 120);
    let out = run_in(
        dir.path(),
        &[
            "report",
            "docs",
            "--as-of",
            &as_of.to_string(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "seed {seed}: {}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();

    // Every item: where, when written, when done, state, whether deleted.
    let show =
        |d: Option<i64>| d.map_or(Value::Null, |d| Value::from(Date::from_days(d).to_string()));
    let mut expected: Vec<(String, String, Value, Value, String, bool)> = Vec::new();
    for pm in &w.pms {
        for item in &pm.items {
            expected.push((
                pm.path.clone(),
                item.words.join(" "),
                show(Some(item.added)),
                show(item.done_on.filter(|_| item.state == St::Done)),
                item.state.name().to_owned(),
                item.deleted_on.is_some(),
            ));
        }
    }
    let mut actual: Vec<(String, String, Value, Value, String, bool)> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["postmortem"].as_str().unwrap().to_owned(),
                i["action"].as_str().unwrap().to_owned(),
                i["added"].clone(),
                i["done_on"].clone(),
                i["state"].as_str().unwrap().to_owned(),
                i["deleted"].as_bool().unwrap(),
            )
        })
        .collect();
    expected.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    actual.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let differ: Vec<String> = actual
        .iter()
        .zip(&expected)
        .filter(|(a, e)| a != e)
        .map(|(a, e)| format!("report {a:?}\nmodel  {e:?}"))
        .collect();
    assert!(
        differ.is_empty() && actual.len() == expected.len(),
        "seed {seed}: {} items in the report, {} in the model; differing:\n{}",
        actual.len(),
        expected.len(),
        differ.join("\n")
    );

    // Every cohort: the postmortems' months, items, done within 30/60/90 days.
    let mut cohorts: BTreeMap<String, (i64, usize, [usize; 3])> = BTreeMap::new();
    for pm in &w.pms {
        let d = Date::from_days(pm.added);
        let month = format!("{:04}-{:02}", d.year, d.month);
        let entry = cohorts.entry(month).or_insert((pm.added, 0, [0; 3]));
        for item in &pm.items {
            entry.1 += 1;
            for (k, window) in [30, 60, 90].iter().enumerate() {
                if item.state == St::Done && item.done_on.is_some_and(|d| d - item.added <= *window)
                {
                    entry.2[k] += 1;
                }
            }
        }
    }
    let end_of_month = |d: i64| {
        let date = Date::from_days(d);
        let (y, m) = if date.month == 12 {
            (date.year + 1, 1)
        } else {
            (date.year, date.month + 1)
        };
        Date::new(y, m, 1).unwrap().days() - 1
    };
    for (month, (day, items, done)) in &cohorts {
        let row = r["cohorts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["month"] == *month)
            .unwrap_or_else(|| panic!("seed {seed}: no cohort {month}"));
        assert_eq!(row["items"], *items, "seed {seed}: {month} items");
        for (k, key) in ["done_within_30", "done_within_60", "done_within_90"]
            .iter()
            .enumerate()
        {
            let ripe = as_of.days() >= end_of_month(*day) + [30, 60, 90][k];
            let want = if ripe {
                Value::from(done[k])
            } else {
                Value::Null
            };
            assert_eq!(row[*key], want, "seed {seed}: {month} {key}");
        }
    }
    assert_eq!(
        r["cohorts"].as_array().unwrap().len(),
        cohorts.len(),
        "seed {seed}"
    );
}

#[test]
fn twenty_random_histories_match_the_model() {
    for seed in 1..=20 {
        run(seed);
    }
}
