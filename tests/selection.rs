//! `check` and `report` agree on which files are postmortems: one selection for both verbs,
//! in a repository and outside one, for a folder, a file named alone, and a file named
//! without `.md`. A folder holds what real archives hold beside their postmortems: a
//! template, a list page, a README.
#![allow(clippy::unwrap_used)]

mod common;

use common::{TestRepo, clean_postmortem, run_in, stdout};

use std::collections::BTreeSet;
use std::path::Path;

/// A postmortem with one finding, so that `check` names it in its output.
fn postmortem() -> String {
    clean_postmortem() + "\nThe on-call engineer should have been more careful.\n"
}

/// A folder as real archives keep one: two postmortems, a template, a list page and a README.
fn archive() -> Vec<(&'static str, String)> {
    let pm = postmortem();
    vec![
        ("pm/2026-09-18-checkout-latency.md", pm.clone()),
        (
            "pm/2026-10-02-queue-backlog.md",
            pm.replace("checkout latency", "queue backlog"),
        ),
        (
            "pm/postmortem-template.md",
            pm.replace("Checkout", "<title>"),
        ),
        (
            "pm/index.md",
            "# Postmortems\n\n- [Checkout latency](2026-09-18-checkout-latency.md)\n".to_owned(),
        ),
        ("pm/README.md", "# How we write postmortems\n".to_owned()),
    ]
}

/// The files `check` reports on (each has a finding).
fn checked(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["check", "--format", "json", "--as-of", "2026-11-27"];
    all.extend_from_slice(args);
    let json: serde_json::Value = serde_json::from_str(&stdout(&run_in(dir, &all))).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

/// The postmortems `report` counts.
fn reported(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let mut all = vec!["report", "--format", "json", "--as-of", "2026-11-27"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["postmortem"].as_str().unwrap().to_owned())
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| (*p).to_owned()).collect()
}

fn agree(dir: &Path) {
    let both = set(&[
        "pm/2026-09-18-checkout-latency.md",
        "pm/2026-10-02-queue-backlog.md",
    ]);
    assert_eq!(checked(dir, &["pm"]), both);
    assert_eq!(
        reported(dir, &["pm"]),
        both,
        "a folder: template, list page and README left out"
    );
    let one = ["pm/2026-10-02-queue-backlog.md"];
    assert_eq!(checked(dir, &one), set(&one));
    assert_eq!(reported(dir, &one), set(&one), "a file named alone");
    let bare = ["pm/2026-11-05-disk-full"];
    assert_eq!(checked(dir, &bare), set(&bare));
    assert_eq!(reported(dir, &bare), set(&bare), "a file named without .md");
}

#[test]
fn check_and_report_select_the_same_files_in_a_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = TestRepo::init(tmp.path());
    let mut files = archive();
    files.push((
        "pm/2026-11-05-disk-full",
        postmortem().replace("checkout latency", "disk full"),
    ));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    repo.commit_files(&files, "postmortems");
    agree(tmp.path());
}

#[test]
fn check_and_report_select_the_same_files_outside_git() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = archive();
    files.push((
        "pm/2026-11-05-disk-full",
        postmortem().replace("checkout latency", "disk full"),
    ));
    for (path, text) in &files {
        let full = tmp.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    agree(tmp.path());
}

#[test]
fn report_reads_a_postmortem_deleted_since_and_one_renamed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut repo = TestRepo::init(tmp.path());
    let pm = postmortem();
    repo.commit_files(
        &[
            ("pm/old-name.md", pm.as_str()),
            ("pm/gone.md", &pm.replace("checkout latency", "gone")),
        ],
        "two postmortems",
    );
    std::fs::rename(
        tmp.path().join("pm/old-name.md"),
        tmp.path().join("pm/2026-09-18-new-name.md"),
    )
    .unwrap();
    std::fs::remove_file(tmp.path().join("pm/gone.md")).unwrap();
    let mut index = repo.repo.index().unwrap();
    index.remove_path(Path::new("pm/old-name.md")).unwrap();
    index.remove_path(Path::new("pm/gone.md")).unwrap();
    index
        .add_path(Path::new("pm/2026-09-18-new-name.md"))
        .unwrap();
    index.write().unwrap();
    repo.commit("rename one, delete one");
    let json: serde_json::Value = serde_json::from_str(&stdout(&run_in(
        tmp.path(),
        &["report", "--format", "json", "--as-of", "2026-11-27", "pm"],
    )))
    .unwrap();
    let items = json["items"].as_array().unwrap();
    // The renamed file's items keep the day they were first written (2026-11-02), not the
    // day of the rename.
    let renamed: Vec<&serde_json::Value> = items
        .iter()
        .filter(|i| i["postmortem"] == "pm/2026-09-18-new-name.md")
        .collect();
    assert!(!renamed.is_empty(), "{json:#}");
    assert!(
        renamed.iter().all(|i| i["added"] == "2026-11-02"),
        "{json:#}"
    );
    assert_eq!(
        checked(tmp.path(), &["pm"]),
        set(&["pm/2026-09-18-new-name.md"])
    );
}
