//! Builds a git repository with a long, deterministic history of postmortems, for the report
//! benchmark and for looking at the report: `cargo run --release --example gen-history --
//! --out DIR --postmortems 1000 --commits 5000`. The first commits add postmortems, the rest
//! change action items: done, closed with a reason, or deleted. No `git` is run.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used)]

#[path = "gen-corpus/corpus.rs"]
mod corpus;

use git2::{Repository, Signature, Time};
use std::path::{Path, PathBuf};

fn main() {
    let mut out = PathBuf::from("history-repo");
    let (mut postmortems, mut commits) = (1000usize, 5000usize);
    let mut args = std::env::args().skip(1);
    while let (Some(flag), Some(value)) = (args.next(), args.next()) {
        match flag.as_str() {
            "--out" => out = PathBuf::from(value),
            "--postmortems" => postmortems = value.parse().expect("--postmortems takes a number"),
            "--commits" => commits = value.parse().expect("--commits takes a number"),
            other => panic!("unknown argument {other}"),
        }
    }
    let repo = Repository::init(&out).unwrap();
    let mut rng = corpus::Rng::new(42);
    let mut paths: Vec<String> = Vec::new();
    let start = 1_735_689_600i64; // 2025-01-01
    let span = 690 * 86_400i64; // to late 2026
    let mut parent: Option<git2::Oid> = None;
    for n in 0..commits {
        let time = start + span * n as i64 / commits as i64;
        let (path, text) = if n < postmortems {
            let g = corpus::generate(7, n);
            let path = format!("docs/postmortems/{}", g.path);
            paths.push(path.clone());
            (path, String::from_utf8(g.bytes).unwrap())
        } else {
            let path = paths[rng.below(paths.len())].clone();
            let text = std::fs::read_to_string(out.join(&path)).unwrap();
            let changed = match rng.below(10) {
                0..=5 => text.replacen("| open |", "| done |", 1),
                6 | 7 => text.replacen("| in progress |", "| done |", 1).replacen(
                    "| open |",
                    "| in progress |",
                    1,
                ),
                8 => text.replacen(
                    "| open |",
                    "| deprioritized: superseded by the platform migration |",
                    1,
                ),
                _ => {
                    // Drop the last action row: deleted without being closed.
                    let mut lines: Vec<&str> = text.lines().collect();
                    if let Some(i) = lines.iter().rposition(|l| {
                        l.starts_with("| ") && l.ends_with(" |") && !l.starts_with("| ID")
                    }) {
                        lines.remove(i);
                    }
                    lines.join("\n") + "\n"
                }
            };
            (path, changed)
        };
        let full = out.join(&path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, &text).unwrap();
        let mut index = repo.index().unwrap();
        index.add_path(Path::new(&path)).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let who = Signature::new("Incident Bot", "bot@example.com", &Time::new(time, 0)).unwrap();
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p).unwrap())
            .into_iter()
            .collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        parent = Some(
            repo.commit(
                Some("HEAD"),
                &who,
                &who,
                &format!("change {n}"),
                &tree,
                &parents,
            )
            .unwrap(),
        );
    }
    println!(
        "{} commits, {} postmortems in {}",
        commits,
        paths.len(),
        out.display()
    );
}
