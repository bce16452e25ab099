//! The language rules measured like a classifier, against labels written by
//! ../shared/LANGUAGE.md before the rules were tuned (`tests/language/labels/`): line by line,
//! as ../shared/bench/score_language.py scores them. A language finding on a labelled line is a
//! hit, on an unlabelled line a false positive. Two splits: the repositories the rules were
//! tuned on (with our own 32 postmortems in `fixtures/language/own/`), and those held aside
//! (`tests/language/held-aside.txt`), never tuned on; and 16 postmortems written and labelled
//! after the last tuning (`fixtures/language/fresh/`, `tests/language/fresh.json`); and 24
//! written and labelled by a helper who never saw the rules (`fixtures/language/fresh2/`,
//! `tests/language/fresh2.json`), the split the rules are judged on; and 24 more by a second
//! such helper (`fixtures/language/fresh3/`, `tests/language/fresh3.json`), scored once before
//! any rule changed after them (precision 0.98, recall 0.86). On 2026-12-07 the misses of all
//! three fresh sets were read to generalise the grammar, so they now count as tuned on: their
//! scores since then over-state what unseen text gets. So 20 more were written and labelled
//! by a third helper who never saw the rules (`fixtures/language/fresh4/`,
//! `tests/language/fresh4.json`), scored once when they arrived (precision 1.00, recall 0.83):
//! the split the rules are judged on now; its misses are not read. All are measured outside git and inside
//! a repository built with git2 (where the tool runs, and commit authors count as people).
//!
//! The test prints precision and recall per kind and per split, and fails when a split falls
//! below the floor measured when the rules last changed (`FLOORS`): a regression guard. The
//! targets of the language issue (precision 0.9, recall 0.8 on the held-aside split) are printed
//! beside them; they are not met yet, and the README says so.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

mod common;

use common::{LANGUAGE_RULES, cannot_run, corpus, root};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// (split, minimum precision, minimum recall), measured when the rules last changed.
const FLOORS: [(&str, f64, f64); 6] = [
    ("tuning", 0.95, 0.84),
    ("held-aside", 0.90, 0.70),
    ("fresh", 0.95, 0.86),
    ("fresh2", 0.93, 0.87),
    ("fresh3", 0.95, 0.95),
    ("fresh4", 0.95, 0.81),
];

/// The targets, printed beside the scores.
const TARGET: (f64, f64) = (0.9, 0.8);

/// One labelled file: where it is, and the kind of each labelled line (1-based).
struct Labelled {
    root: PathBuf,
    path: String,
    group: String,
    lines: HashMap<usize, String>,
}

fn labelled(real: &Path) -> Vec<Labelled> {
    let dir = root().join("tests/language/labels");
    let mut out = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    // Written and labelled after the rules were tuned, and never tuned on.
    names.push(root().join("tests/language/fresh.json"));
    // Written and labelled by a helper that never saw the rules nor ran the tool, after the
    // held-aside repositories had been looked at: the split the rules are judged on.
    names.push(root().join("tests/language/fresh2.json"));
    // The same, a second set by another helper, scored before any rule was changed after it.
    names.push(root().join("tests/language/fresh3.json"));
    // A third helper's set, written after the other fresh sets' misses were read.
    names.push(root().join("tests/language/fresh4.json"));
    for file in names {
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        let own = matches!(
            file.file_stem().unwrap().to_str(),
            Some("own" | "fresh" | "fresh2" | "fresh3" | "fresh4")
        );
        let base = if own {
            root().join("fixtures/language")
        } else {
            real.to_path_buf()
        };
        for (path, labels) in json["files"].as_object().unwrap() {
            let text = fs::read_to_string(base.join(path)).unwrap();
            let mut lines = HashMap::new();
            for label in labels["language"].as_array().unwrap() {
                let at = label["at"].as_str().unwrap();
                let line = text
                    .split('\n')
                    .position(|l| l.contains(at))
                    .unwrap_or_else(|| panic!("{path}: label not found: {at:?}"));
                lines.insert(line + 1, label["kind"].as_str().unwrap().to_owned());
            }
            out.push(Labelled {
                root: base.clone(),
                path: path.clone(),
                group: path.split('/').next().unwrap().to_owned(),
                lines,
            });
        }
    }
    out
}

/// The lines holding a language finding, checking `path` from `cwd`.
fn found(cwd: &Path, path: &str) -> HashSet<usize> {
    let out = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .args(["check", "--format", "json", "--as-of", "2026-11-30", path])
        .current_dir(cwd)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| LANGUAGE_RULES.contains(&d["rule"].as_str().unwrap()))
        .map(|d| d["line"].as_u64().unwrap() as usize)
        .collect()
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// kind → (found, labelled)
    kinds: BTreeMap<String, (usize, usize)>,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// Scores every labelled file, each checked from `cwd_of(file)`.
fn score(
    files: &[Labelled],
    held: &HashSet<String>,
    cwd_of: &dyn Fn(&Labelled) -> PathBuf,
) -> BTreeMap<&'static str, Score> {
    let mut splits: BTreeMap<&'static str, Score> = BTreeMap::new();
    for file in files {
        let split = if file.group == "fresh" {
            "fresh"
        } else if file.group == "fresh2" {
            "fresh2"
        } else if file.group == "fresh3" {
            "fresh3"
        } else if file.group == "fresh4" {
            "fresh4"
        } else if held.contains(&file.group) {
            "held-aside"
        } else {
            "tuning"
        };
        let got = found(&cwd_of(file), &file.path);
        let s = splits.entry(split).or_default();
        for (line, kind) in &file.lines {
            let k = s.kinds.entry(kind.clone()).or_default();
            k.1 += 1;
            if got.contains(line) {
                s.tp += 1;
                k.0 += 1;
            } else {
                s.fn_ += 1;
            }
        }
        s.fp += got.iter().filter(|l| !file.lines.contains_key(l)).count();
    }
    splits
}

fn print(place: &str, splits: &BTreeMap<&'static str, Score>) {
    for (split, s) in splits {
        println!(
            "{place:>12} {split:<10} precision {:.2} recall {:.2} (tp {} / fp {} / fn {}); target {:.1} / {:.1}",
            s.precision(),
            s.recall(),
            s.tp,
            s.fp,
            s.fn_,
            TARGET.0,
            TARGET.1
        );
        for (kind, (f, n)) in &s.kinds {
            println!(
                "{place:>12} {split:<10}   {kind:<16} recall {:.2} ({f}/{n})",
                *f as f64 / (*n).max(1) as f64
            );
        }
    }
}

fn check_floors(place: &str, splits: &BTreeMap<&'static str, Score>) {
    for (split, p, r) in FLOORS {
        let s = &splits[split];
        assert!(
            s.precision() >= p && s.recall() >= r,
            "{place} {split}: precision {:.2} recall {:.2} fell below {p} / {r}",
            s.precision(),
            s.recall()
        );
    }
}

#[test]
fn the_language_rules_scored_on_both_splits_outside_and_inside_git() {
    let Some(real) = corpus() else {
        cannot_run("../shared/corpus/real is not beside this clone");
        return;
    };
    let held: HashSet<String> = fs::read_to_string(root().join("tests/language/held-aside.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let files = labelled(&real);
    assert!(files.len() >= 40 + 30, "{} labelled files", files.len());

    let outside = score(&files, &held, &|f| f.root.clone());
    print("outside git", &outside);
    check_floors("outside git", &outside);

    // The same files committed to one repository, checked from its root.
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    let me = git2::Signature::now("Sam Doe", "sam@example.com").unwrap();
    common::commit_with(&repo, &me, "postmortems", &|work, index| {
        for f in &files {
            let target = work.join(&f.path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(f.root.join(&f.path), &target).unwrap();
            index.add_path(Path::new(&f.path)).unwrap();
        }
    });
    let inside = score(&files, &held, &|_| dir.path().to_path_buf());
    print("inside git", &inside);
    check_floors("inside git", &inside);
}
