//! The README's rule section is generated from the rules' own docs; this test fails when it
//! drifts, and `BLESS=1 cargo test --test readme` regenerates it. The README's first two
//! commands are the ones CI runs; its sample finding is one the tool prints, and the files it
//! cites exist.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, bless, root, run, stdout};
use postmortem_lint::docs::readme_rules;
use std::fs;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_section_is_generated_from_the_registry() {
    let path = root().join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("README has a rules:start marker") + START.len();
    let end = readme.find(END).expect("README has a rules:end marker");
    let generated = readme_rules();
    if bless() {
        let updated = format!("{}{}{}", &readme[..start], generated, &readme[end..]);
        fs::write(&path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        generated,
        "README rule section drifted; run `BLESS=1 cargo test --test readme`"
    );
}

#[test]
fn readme_opens_with_the_two_commands() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let first_block = readme
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    assert!(first_block.contains("cargo run --release -- check fixtures/"));
    assert!(first_block.contains("cargo test"));
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo test"),
        ".ci/run must run the README's test command"
    );
}

/// The sample finding under "A finding looks like this" is what `check` prints for a file of
/// this repository, word for word.
#[test]
fn readme_sample_finding_is_printed_for_a_file_that_exists() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let sample = readme
        .split("A finding looks like this")
        .nth(1)
        .expect("README shows a sample finding")
        .split("```text\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let location = sample
        .lines()
        .find_map(|line| line.trim_start().strip_prefix("--> "))
        .expect("the sample names its file");
    let path = location.split(':').next().unwrap();
    assert!(
        root().join(path).is_file(),
        "the README's sample finding cites {path}, which is not in the repository"
    );
    let out = run(&["check", path, "--as-of", AS_OF, "--no-color"]);
    assert!(
        stdout(&out).contains(sample),
        "the README's sample is not what `check {path}` prints:\n{}",
        stdout(&out)
    );
}

/// Every file of the repository the README names, as a `path` in backticks under one of the
/// repository's folders or as a relative link, exists. Patterns (`fixtures/<rule>/fires-*.md`)
/// users' own paths (`lint/postmortem-lint.toml`, under no folder of ours) and what lives in
/// a repository's `.git/` are not files of ours.
#[test]
fn readme_cites_only_files_that_exist() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let in_backticks = readme.split('`').skip(1).step_by(2);
    let linked = readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|target| !target.contains("://") && !target.starts_with('#'));
    let mut missing = Vec::new();
    for cited in in_backticks.chain(linked) {
        let path = cited.split('#').next().unwrap().trim_start_matches("./");
        let Some((top, _)) = path.split_once('/') else {
            continue;
        };
        let pattern = path.contains(['<', '*', '…', '{', '$', ' ', '=']);
        // `.git/…` names what git or the tool keeps in a user's repository, not a file of ours.
        if pattern || !root().join(top).is_dir() || path.starts_with("../") || top == ".git" {
            continue;
        }
        if !root().join(path).exists() {
            missing.push(path.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "the README cites files that do not exist: {missing:?}"
    );
}

/// The GitHub Action, pre-commit and GitLab snippets name this repository as `Cargo.toml`'s
/// `repository` does (and the pre-commit mirror beside it), so they can be pasted as they are.
#[test]
fn readme_snippets_name_the_real_repository() {
    let manifest: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    let url = manifest["package"]["repository"].as_str().unwrap();
    let repo = url.strip_prefix("https://github.com/").unwrap();
    let owner = repo.split('/').next().unwrap();
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for snippet in [
        format!("uses: {repo}@v"),
        format!("repo: https://github.com/{owner}/postmortem-lint-pre-commit "),
        format!("cargo install --locked --git {url}\n"),
    ] {
        assert!(readme.contains(&snippet), "README lacks `{snippet}`");
    }
    let mirror = fs::read_to_string(root().join("scripts/pre-commit-mirror.py")).unwrap();
    for (name, text) in [
        ("README.md", &readme),
        ("scripts/pre-commit-mirror.py", &mirror),
    ] {
        assert!(!text.contains("OWNER/"), "{name} still says OWNER/");
    }
}
