//! The README's rule section is generated from the rules' own docs; this test fails when it
//! drifts, and `BLESS=1 cargo test --test readme` regenerates it. The README's first two
//! commands are the ones CI runs.
#![allow(clippy::unwrap_used)]

mod common;

use common::{bless, root};
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
