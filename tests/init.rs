//! `init` adopts a folder of postmortems as a user runs it, and `rules`/`explain` know the
//! team's own rule files.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, clean_postmortem, run_in, stderr, stdout};
use std::fs;

#[test]
fn init_picks_the_preset_that_fits_includes_files_without_md_and_records_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("docs/postmortems")).unwrap();
    let clean = clean_postmortem();
    for name in ["2026-09-18-a.md", "2026-09-19-b.md", "2026-09-20-c"] {
        fs::write(root.join("docs/postmortems").join(name), &clean).unwrap();
    }
    let careless = clean.replace(
        "- Configuration that changes capacity needs the same load test as code.\n",
        "- We should be more careful with pool sizes.\n",
    );
    fs::write(root.join("docs/postmortems/2026-09-21-d.md"), careless).unwrap();

    let out = run_in(root, &["init", "--baseline", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with("found 4 postmortems:\n     4  docs/postmortems/\n"),
        "{said}"
    );
    assert!(
        said.contains("100%  default") && said.contains("chose the `default` preset"),
        "{said}"
    );
    assert!(
        said.contains("be-more-careful") && said.contains("1 findings recorded"),
        "{said}"
    );
    let config = fs::read_to_string(root.join(".postmortem-lint.toml")).unwrap();
    assert!(config.contains("template = \"default\""), "{config}");
    assert!(
        config.contains("include = [\"**/*.md\", \"docs/postmortems/2026-09-20-c\"]"),
        "{config}"
    );
    assert!(
        config.contains("baseline = \".postmortem-lint-baseline.json\""),
        "{config}"
    );

    // The first pull request is green: the old finding is in the baseline.
    let out = run_in(root, &["check", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"files_checked\": 4"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("1 finding in the baseline not shown"),
        "{}",
        stderr(&out)
    );

    // Never over an existing config without --force.
    let out = run_in(root, &["init", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists; it was not overwritten"));
    let out = run_in(root, &["init", "--force", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn init_takes_an_extensionless_file_only_when_it_reads_as_a_postmortem_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("pm")).unwrap();
    fs::create_dir_all(root.join("deploy/cron")).unwrap();
    fs::write(root.join("pm/2026-09-18-a.md"), clean_postmortem()).unwrap();
    fs::write(root.join("pm/2026-09-20-c"), clean_postmortem()).unwrap();
    // Comments that look like headings: neither is a postmortem.
    fs::write(
        root.join("deploy/cron/backups"),
        "# m h dom mon dow command\n# Summary of the nightly jobs\n0 3 * * * /usr/local/bin/backup\n",
    )
    .unwrap();
    fs::write(
        root.join("deploy/site"),
        "# nginx site\n## upstreams\nupstream app { server 127.0.0.1:8000; }\n",
    )
    .unwrap();
    let out = run_in(root, &["init", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("found 2 postmortems:\n"), "{said}");
    assert!(said.contains("\n        pm/2026-09-20-c\n"), "{said}");
    let config = fs::read_to_string(root.join(".postmortem-lint.toml")).unwrap();
    assert!(config.contains("\"pm/2026-09-20-c\""), "{config}");
    assert!(!config.contains("deploy/"), "{config}");
}

#[test]
fn a_folder_without_postmortems_is_an_error_not_an_empty_config() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), "# Notes\n").unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no postmortem found"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join(".postmortem-lint.toml").exists());
}

#[test]
fn rules_and_explain_include_the_teams_own_rule_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "rule-files = [\"ours.toml\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("ours.toml"),
        r#"name = "percent-claims"
severity = "warning"
summary = "a sentence claims a percentage of certainty"
why = "Certainty claims invite blame when they turn out wrong."
bad = "We were 100% sure."
good = "We expected it to hold."
message = "certainty claim"
help = "say what was known"
patterns = ['100% sure']
"#,
    )
    .unwrap();
    let out = run_in(dir.path(), &["rules"]);
    assert!(stdout(&out).contains("percent-claims"), "{}", stdout(&out));
    assert!(stdout(&out).contains("missing-trigger"));
    let out = run_in(dir.path(), &["explain", "percent-claims"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Certainty claims invite blame"));
}
