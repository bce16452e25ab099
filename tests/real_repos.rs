//! The real corpus laid out as its repositories lay it out (from `SOURCES.md`: dated folders,
//! Hugo page bundles, files without `.md`), with the files that are not postmortems beside them
//! (READMEs, list pages, a template, licenses, a hidden folder). A folder walk must find every
//! postmortem and nothing else, and `init` must pick a template under which no section that a
//! document holds under another name is reported missing.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::{AS_OF, corpus, run_in, stderr, stdout};
use postmortem_lint::document::{Document, Template};
use postmortem_lint::source::Source;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// One repository of the corpus: where each postmortem lives in it.
struct Repo {
    name: String,
    /// Paths inside the repository, from the corpus file each was saved as.
    files: Vec<(String, String)>,
}

fn repositories(corpus: &Path) -> Vec<Repo> {
    let sources = fs::read_to_string(corpus.join("SOURCES.md")).unwrap();
    let mut repos: Vec<Repo> = Vec::new();
    for line in sources.lines() {
        if let Some(rest) = line.strip_prefix("## ")
            && let Some((owner, name)) = rest.split_once('/')
        {
            repos.push(Repo {
                name: format!("{owner}__{name}"),
                files: Vec::new(),
            });
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if let (Some(repo), [_, saved, path, ..]) = (repos.last_mut(), cells.as_slice())
            && saved.starts_with('`')
            && path.starts_with('`')
        {
            repo.files.push((
                saved.trim_matches('`').into(),
                path.trim_matches('`').into(),
            ));
        }
    }
    repos
}

const NOT_POSTMORTEMS: &[(&str, &str)] = &[
    ("README.md", "# Postmortems\n\nOne file per incident.\n"),
    (
        "CONTRIBUTING.md",
        "# Contributing\n\nOpen a pull request.\n",
    ),
    (".github/PULL_REQUEST_TEMPLATE.md", "## What\n\n## Why\n"),
    (
        "PM0000-000 - Postmortem template.md",
        "# PMyyyy-nnn\n\n## Summary\n\n## Timeline\n",
    ),
    (
        "LICENSE",
        "MIT License\n\nPermission is hereby granted...\n",
    ),
    ("Makefile", "# Build the site\n\n## help\nall:\n\techo ok\n"),
];

/// Lays the corpus out under `dir`; returns, per repository, the postmortems' paths (with
/// `/`), split into those with a Markdown extension and those without.
fn lay_out(corpus: &Path, dir: &Path) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
    let mut out = BTreeMap::new();
    for repo in repositories(corpus) {
        let root = dir.join(&repo.name);
        let (mut markdown, mut bare) = (Vec::new(), Vec::new());
        for (saved, path) in &repo.files {
            let target = root.join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(corpus.join(&repo.name).join(saved), &target).unwrap();
            if path.ends_with(".md") {
                markdown.push(path.clone());
            } else {
                bare.push(path.clone());
            }
        }
        for (name, text) in NOT_POSTMORTEMS {
            fs::create_dir_all(root.join(name).parent().unwrap()).unwrap();
            fs::write(root.join(name), text).unwrap();
        }
        // List pages beside the postmortems: Hugo's `_index.md`, Sphinx's `index.md`.
        for path in &markdown {
            let folder = Path::new(path).parent().unwrap_or(Path::new(""));
            let list_folder = if path.ends_with("/index.md") {
                folder.parent().unwrap_or(Path::new(""))
            } else {
                folder
            };
            fs::write(root.join(list_folder).join("_index.md"), "# Incidents\n").unwrap();
            if !path.ends_with("/index.md") {
                fs::write(
                    root.join(list_folder).join("index.md"),
                    "# Incident reports\n\n```{toctree}\n:glob:\n*\n```\n",
                )
                .unwrap();
            }
        }
        markdown.sort();
        out.insert(repo.name, (markdown, bare));
    }
    out
}

/// The files a `check` of the folder reads (JUnit lists one test case per file), and what it
/// said on stderr.
fn checked(dir: &Path) -> (Vec<String>, String) {
    let out = run_in(
        dir,
        &[
            "check",
            ".",
            "--format",
            "junit",
            "--as-of",
            AS_OF,
            "--no-history",
        ],
    );
    let mut files: Vec<String> = stdout(&out)
        .split("<testcase name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|p| p.replace("&amp;", "&"))
        .collect();
    files.sort();
    (files, stderr(&out))
}

#[test]
fn a_walk_finds_every_postmortem_and_init_adopts_each_repository() {
    let Some(corpus) = corpus() else {
        common::cannot_run("../shared/corpus/real is not beside this clone");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let layout = lay_out(&corpus, dir.path());
    // "Totals: 106 files from 12 repositories." in SOURCES.md.
    let sources = fs::read_to_string(corpus.join("SOURCES.md")).unwrap();
    let totals = sources
        .lines()
        .find_map(|l| l.strip_prefix("Totals: "))
        .expect("SOURCES.md has a Totals line");
    let words: Vec<&str> = totals.split_whitespace().collect();
    let count = |unit: &str| -> usize {
        let at = words.iter().position(|w| w.trim_end_matches('.') == unit);
        at.and_then(|i| words.get(i.wrapping_sub(1)))
            .and_then(|n| n.replace(',', "").parse().ok())
            .unwrap_or_else(|| panic!("no count of {unit} in `Totals: {totals}`"))
    };
    assert_eq!(layout.len(), count("repositories"), "Totals: {totals}");
    let listed: usize = layout.values().map(|(m, b)| m.len() + b.len()).sum();
    assert_eq!(listed, count("files"), "Totals: {totals}");
    for (name, (markdown, bare)) in &layout {
        let root = dir.path().join(name);
        // Every postmortem with a Markdown extension, and nothing else; the others are named.
        let (files, err) = checked(&root);
        assert_eq!(&files, markdown, "{name}: {err}");
        for path in bare {
            assert!(
                err.contains(&format!("note: {path}: looks like a postmortem")),
                "{name}: {path} not named: {err}"
            );
        }
        assert!(
            !err.contains("LICENSE") && !err.contains("Makefile"),
            "{err}"
        );

        // init: writes the config, and the postmortems without .md are checked from then on.
        let out = run_in(&root, &["init", "--as-of", AS_OF]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let said = stdout(&out);
        assert!(
            said.starts_with(&format!(
                "found {} postmortems",
                markdown.len() + bare.len()
            )),
            "{said}"
        );
        let again = run_in(&root, &["init", "--as-of", AS_OF]);
        assert_eq!(
            again.status.code(),
            Some(2),
            "never overwrites without --force"
        );
        let (files, err) = checked(&root);
        let mut all: Vec<String> = markdown.iter().chain(bare).cloned().collect();
        all.sort();
        assert_eq!(files, all, "{name}: {err}");
        assert!(!err.contains("warning"), "{name}: {err}");

        // No section is missing that the document holds under a name any preset knows.
        let config = fs::read_to_string(root.join(".postmortem-lint.toml")).unwrap();
        let template = match config.lines().find_map(|l| l.strip_prefix("template = ")) {
            Some(t) if t.contains(".toml") => {
                let text = fs::read_to_string(root.join(t.trim_matches('"'))).unwrap();
                Template::parse("custom", &text).unwrap()
            }
            Some(t) => Template::preset(t.trim_matches('"')).unwrap().clone(),
            None => panic!("{config}"),
        };
        for path in markdown.iter().chain(bare) {
            let text = fs::read_to_string(root.join(path)).unwrap();
            let source = Source::new(path, &text);
            let doc = Document::parse(&source, &template);
            let named_elsewhere: Vec<String> = ["default", "google-sre", "pagerduty", "atlassian"]
                .iter()
                .filter_map(|p| Template::preset(p))
                .flat_map(|preset| {
                    let other = Document::parse(&source, preset);
                    other
                        .sections
                        .iter()
                        .flat_map(|s| s.kind.iter().chain(&s.also).map(|k| k.to_string()))
                        .collect::<Vec<_>>()
                })
                .collect();
            for spec in template.sections.iter().filter(|s| s.required) {
                assert!(
                    doc.section(&spec.id).is_some() || !named_elsewhere.contains(&spec.id),
                    "{name}/{path}: {} is there under another name",
                    spec.name
                );
            }
        }
    }
}
