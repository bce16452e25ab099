//! Configuration as a user meets it: discovery, strict errors with a location and a hint,
//! severities, globs, presets, team rule files, `config` and `new`.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, root, run, run_in, stderr, stdout};
use serde_json::Value;
use std::fs;
use std::path::Path;

fn clean_text() -> String {
    fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md")).unwrap()
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
    all.extend(args);
    let out = run_in(dir, &all);
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|_| panic!("no JSON: {}", stderr(&out)))
}

fn rules_of(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn config_typos_exit_2_with_location_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("pm.md"), clean_text()).unwrap();
    for (config, expected) in [
        (
            "[rules.be-more-carefull]\nseverity = \"warning\"\n",
            ".postmortem-lint.toml:1:8: unknown rule `be-more-carefull`\n  help: did you mean `be-more-careful`?",
        ),
        (
            "[rules.be-more-careful]\nseverity = \"eror\"\n",
            ".postmortem-lint.toml:2:12: unknown variant `eror`, expected one of `error`, `warning`, `off`\n  help: did you mean `error`?",
        ),
        (
            "temlate = \"google-sre\"\n",
            ".postmortem-lint.toml:1:1: unknown field `temlate`",
        ),
    ] {
        fs::write(dir.path().join(".postmortem-lint.toml"), config).unwrap();
        let out = run_in(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = stderr(&out);
        assert!(
            err.contains(expected),
            "for {config:?} expected {expected:?} in:\n{err}"
        );
        assert_eq!(stdout(&out), "", "nothing is checked with a broken config");
    }
}

#[test]
fn discovered_config_sets_severities_and_turns_rules_off() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join(".git")).unwrap();
    fs::create_dir_all(p.join("docs/postmortems")).unwrap();
    let text = clean_text().replace("## Trigger\n", "## Trigger\n\nWe should be more careful.\n");
    fs::write(
        p.join("docs/postmortems/pm.md"),
        text.replace("## Timeline (UTC)", "## Timeline"),
    )
    .unwrap();
    fs::write(
        p.join("postmortem-lint.toml"),
        "[rules.be-more-careful]\nseverity = \"warning\"\n\n[rules.timeline-without-timezone]\nseverity = \"off\"\n",
    )
    .unwrap();
    // Discovered from the file's folder upward, up to the repository root.
    let json = json_of(&p.join("docs/postmortems"), &["."]);
    assert_eq!(rules_of(&json), vec!["be-more-careful"]);
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
    // --config wins over the discovered file.
    fs::write(p.join("other.toml"), "").unwrap();
    let json = json_of(p, &["--config", "other.toml", "docs"]);
    assert_eq!(
        rules_of(&json),
        vec!["timeline-without-timezone", "be-more-careful"]
    );
}

#[test]
fn include_and_exclude_globs_select_walked_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for f in [
        "docs/postmortems/a.md",
        "docs/postmortems/drafts/b.md",
        "notes/c.md",
    ] {
        fs::create_dir_all(p.join(f).parent().unwrap()).unwrap();
        fs::write(p.join(f), "# x\n").unwrap();
    }
    fs::write(
        p.join(".postmortem-lint.toml"),
        "include = [\"docs/**/*.md\"]\nexclude = [\"**/drafts/**\"]\n",
    )
    .unwrap();
    let json = json_of(p, &["."]);
    assert_eq!(json["files_checked"], 1);
    assert_eq!(json["diagnostics"][0]["path"], "docs/postmortems/a.md");
}

#[test]
fn an_include_glob_that_matches_nothing_is_reported_for_a_walk_not_for_a_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("pm")).unwrap();
    fs::write(p.join("pm/a.md"), clean_text()).unwrap();
    fs::write(
        p.join(".postmortem-lint.toml"),
        "include = [\"incidents/**/*.md\"]\n",
    )
    .unwrap();
    // A file named is checked whatever the globs say: they were not asked.
    let out = run_in(p, &["check", "--as-of", AS_OF, "pm/a.md"]);
    assert!(
        !stderr(&out).contains("matches no file"),
        "{}",
        stderr(&out)
    );
    // A walk asked them, and nothing matched.
    let out = run_in(p, &["check", "--as-of", AS_OF, "."]);
    assert!(
        stderr(&out).contains("include glob `incidents/**/*.md` matches no file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_team_rule_file_adds_a_phrase_rule_without_rust() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join("no-heroics.toml"),
        r#"name = "heroics"
severity = "warning"
summary = "the text praises individual heroics"
why = "Heroics hide the missing automation."
bad = "Dana saved the day."
good = "The runbook worked."
message = "\"{match}\" praises a person, not a process"
help = "say what made recovery possible"
patterns = ['saved the day', 'hero(?:ic|ics)?']
sections = ["what-went-well"]
"#,
    )
    .unwrap();
    fs::write(
        p.join(".postmortem-lint.toml"),
        "rule-files = [\"no-heroics.toml\"]\n",
    )
    .unwrap();
    let text = clean_text().replace(
        "- The incident channel had a clear commander",
        "- @ravi saved the day.\n- The incident channel had a clear commander",
    );
    fs::write(p.join("pm.md"), text).unwrap();
    let json = json_of(p, &["pm.md"]);
    assert_eq!(rules_of(&json), vec!["heroics"]);
    assert_eq!(
        json["diagnostics"][0]["message"],
        "\"saved the day\" praises a person, not a process"
    );
    let explained = stdout(&run_in(p, &["config"]));
    assert!(
        explained.contains("rules.heroics.severity = \"warning\""),
        "{explained}"
    );

    // A broken pattern is a config error at the pattern's line and column.
    let broken = fs::read_to_string(p.join("no-heroics.toml"))
        .unwrap()
        .replace("'saved the day'", "'saved (the day'");
    fs::write(p.join("no-heroics.toml"), broken).unwrap();
    let out = run_in(p, &["check", "pm.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-heroics.toml:9:14: invalid pattern"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn people_from_the_config_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = clean_text().replace(
        "The release procedure allowed a pool-size change",
        "Priya missed the load test. The release procedure allowed a pool-size change",
    );
    fs::write(p.join("pm.md"), &text).unwrap();
    assert!(
        rules_of(&json_of(p, &["pm.md"])).is_empty(),
        "an unknown first name before a fault anyone can commit (missed) is not taken for a person"
    );
    fs::write(
        p.join(".postmortem-lint.toml"),
        "people = [\"Priya Raman\"]\n",
    )
    .unwrap();
    assert_eq!(rules_of(&json_of(p, &["pm.md"])), vec!["blamed-person"]);
}

#[test]
fn google_sre_fixtures_are_clean_with_their_preset_and_not_with_the_default() {
    let with_preset = json_of(&root(), &["fixtures/google-sre-preset"]);
    assert_eq!(with_preset["files_checked"], 2);
    assert_eq!(rules_of(&with_preset), Vec::<String>::new());
    let empty = tempfile::NamedTempFile::new().unwrap();
    let default = json_of(
        &root(),
        &[
            "--config",
            empty.path().to_str().unwrap(),
            "fixtures/google-sre-preset",
        ],
    );
    let messages: Vec<&str> = default["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.contains(&"metadata lacks Reviewers"),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("status `Complete, action items in progress` is not")),
        "{messages:?}"
    );
}

#[test]
fn config_command_shows_each_value_and_its_origin() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "template = \"pagerduty\"\n\n[rules.vague-action]\nseverity = \"error\"\n",
    )
    .unwrap();
    let out = stdout(&run_in(dir.path(), &["config"]));
    assert!(out.starts_with("# config file: "), "{out}");
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} in {out}"))
            .to_owned()
    };
    assert!(line("template = \"pagerduty\"").ends_with("# .postmortem-lint.toml:1"));
    assert!(line("rules.vague-action.severity = \"error\"").ends_with("# .postmortem-lint.toml:4"));
    assert!(line("rules.missing-trigger.severity = \"error\"").ends_with("# default"));
}

#[test]
fn new_writes_a_dated_file_from_the_template_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join(".postmortem-lint.toml"),
        "new-dir = \"docs/postmortems\"\ntemplate = \"google-sre\"\n",
    )
    .unwrap();
    let out = run_in(
        p,
        &[
            "new",
            "Checkout latency: pool change",
            "--date",
            "2026-11-27",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .trim()
            .ends_with("docs/postmortems/2026-11-27-checkout-latency-pool-change.md")
    );
    let written = p.join("docs/postmortems/2026-11-27-checkout-latency-pool-change.md");
    let text = fs::read_to_string(&written).unwrap();
    assert!(text.starts_with("# Postmortem: Checkout latency: pool change\n"));
    assert!(
        text.contains("- Date: 2026-11-27")
            && text.contains("## Root Causes")
            && text.contains("## Trigger")
    );
    // The skeleton fails the check until it is written.
    let check = run_in(
        p,
        &["check", "docs", "--as-of", AS_OF, "--format", "concise"],
    );
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("error[empty-section] the Summary section is empty"));
    // Never overwritten.
    fs::write(&written, "mine\n").unwrap();
    let again = run_in(
        p,
        &[
            "new",
            "Checkout latency: pool change",
            "--date",
            "2026-11-27",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; it was not overwritten"));
    assert_eq!(fs::read_to_string(&written).unwrap(), "mine\n");
}

#[test]
fn used_suppressions_leave_a_clean_file() {
    let out = run(&[
        "check",
        "fixtures/unused-suppression/ok-used-suppressions.md",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "checked 1 file: no problems\n");
}

#[test]
fn a_rules_options_live_under_its_table_and_unknown_ones_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join(".postmortem-lint.toml"),
        "[rules.stale-action-item]\nafter-days = 30\n",
    )
    .unwrap();
    let out = run_in(p, &["config"]);
    assert!(
        stdout(&out).contains("rules.stale-action-item.after-days = 30"),
        "{}",
        stdout(&out)
    );
    fs::write(
        p.join(".postmortem-lint.toml"),
        "[rules.stale-action-item]\nseverity = \"warning\"\nafter-day = 30\n",
    )
    .unwrap();
    let out = run_in(p, &["config"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            ".postmortem-lint.toml:3:1: unknown option `after-day` for rule `stale-action-item`"
        ) && err.contains("did you mean `after-days`?"),
        "{err}"
    );
    fs::write(
        p.join(".postmortem-lint.toml"),
        "[rules.stale-action-item]\nafter-days = \"soon\"\n",
    )
    .unwrap();
    let out = run_in(p, &["config"]);
    assert!(
        stderr(&out).contains(":2:1: `after-days` of `stale-action-item` must be a whole number"),
        "{}",
        stderr(&out)
    );
    let explained = stdout(&run(&["explain", "stale-action-item"]));
    assert!(explained.contains("after-days = 90"), "{explained}");
}

/// `--isolated` (as in ruff): no config file is read, not even a broken one; the built-in
/// defaults and the command line decide.
#[test]
fn isolated_reads_no_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("docs/drafts")).unwrap();
    fs::write(
        root.join(".postmortem-lint.toml"),
        "exclude = [\"docs/drafts/**\"]\n[rules.missing-trigger]\nseverity = \"off\"\n",
    )
    .unwrap();
    let stall = "# Postmortem: queue stall\n\n## Summary\n\nThe queue stalled.\n";
    fs::write(root.join("docs/2026-01-05-queue.md"), stall).unwrap();
    fs::write(root.join("docs/drafts/2026-01-06-draft.md"), stall).unwrap();

    let configured = json_of(root, &["docs"]);
    assert_eq!(configured["files_checked"], 1, "{configured}");
    assert!(
        !rules_of(&configured).contains(&"missing-trigger".to_owned()),
        "the config turns missing-trigger off: {configured}"
    );
    let isolated = json_of(root, &["docs", "--isolated"]);
    assert_eq!(
        isolated["files_checked"], 2,
        "the config's exclude is not read: {isolated}"
    );
    let rules = rules_of(&isolated);
    assert_eq!(
        rules.iter().filter(|r| *r == "missing-trigger").count(),
        2,
        "the config's severity is not read: {rules:?}"
    );
    // The command line still decides.
    let ignored = json_of(root, &["docs", "--isolated", "--ignore", "missing-trigger"]);
    assert!(
        !rules_of(&ignored).contains(&"missing-trigger".to_owned()),
        "{ignored}"
    );

    // A broken config fails the run, unless no config is read.
    fs::write(root.join("docs/.postmortem-lint.toml"), "temlate = 1\n").unwrap();
    let broken = run_in(root, &["check", "docs", "--as-of", AS_OF]);
    assert_eq!(broken.status.code(), Some(2), "{}", stderr(&broken));
    let isolated = run_in(root, &["check", "docs", "--isolated", "--as-of", AS_OF]);
    assert_eq!(isolated.status.code(), Some(1), "{}", stderr(&isolated));
    assert!(
        stdout(&isolated).contains("missing-trigger"),
        "{}",
        stdout(&isolated)
    );

    // A config named on the command line contradicts --isolated.
    let both = run_in(
        root,
        &[
            "check",
            "docs",
            "--isolated",
            "--config",
            ".postmortem-lint.toml",
        ],
    );
    assert_eq!(both.status.code(), Some(2));
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );
}

/// `timezone` in the config: without --as-of, "today" for the date rules is the calendar day
/// of that zone, wherever the tool runs. Two zones 25 hours apart never share a day, so an
/// item due today in the western one is overdue in the eastern one; --as-of still wins.
#[test]
fn today_is_the_day_of_the_zone_the_config_names() {
    use postmortem_lint::document::Date;
    let west = Date::today_in("Pacific/Pago_Pago").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let text = clean_text().replace("| @dana | 2026-12-15 |", &format!("| @dana | {west} |"));
    fs::write(dir.path().join("pm.md"), text).unwrap();
    let overdue = |zone: &str, extra: &[&str]| {
        fs::write(
            dir.path().join(".postmortem-lint.toml"),
            format!("timezone = \"{zone}\"\n"),
        )
        .unwrap();
        let mut args = vec!["check", "--format", "json"];
        args.extend(extra);
        args.push("pm.md");
        let out = run_in(dir.path(), &args);
        let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
        rules_of(&json).iter().any(|r| r == "overdue-action-item")
    };
    assert!(!overdue("Pacific/Pago_Pago", &[]));
    assert!(overdue("Pacific/Kiritimati", &[]));
    assert!(!overdue(
        "Pacific/Kiritimati",
        &["--as-of", &west.to_string()]
    ));

    // `config` shows the day and where it comes from.
    let shown = stdout(&run_in(dir.path(), &["config"]));
    let east = Date::today_in("Pacific/Kiritimati").unwrap();
    assert!(shown.contains(&format!("as-of = \"{east}\"")), "{shown}");
    assert!(
        shown.contains("timezone = \"Pacific/Kiritimati\""),
        "{shown}"
    );

    // A zone the system does not know is refused at its line.
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "timezone = \"Mars/Olympus\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "pm.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".postmortem-lint.toml:1:12: unknown time zone `Mars/Olympus`"),
        "{}",
        stderr(&out)
    );
    // A misspelt zone gets the nearest one the system knows.
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "timezone = \"America/Los_Angles\"\n",
    )
    .unwrap();
    let out = run_in(dir.path(), &["check", "pm.md"]);
    assert!(
        stderr(&out).contains("did you mean `America/Los_Angeles`?"),
        "{}",
        stderr(&out)
    );
}
