//! The command line as a user runs it: exit codes, every format, bad input, folder walking.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::{AS_OF, corpus, run, run_in, stderr, stdout};
use serde_json::Value;
use std::fs;

const CLEAN: &str = "fixtures/examples/2026-09-18-checkout-latency.md";
const ERRORS: &str = "fixtures/missing-trigger/fires.md";
const WARNINGS: &str = "fixtures/timeline-without-timezone/fires.md";

fn clean_text() -> String {
    fs::read_to_string(common::root().join(CLEAN)).unwrap()
}

#[test]
fn exit_codes_follow_the_spec() {
    let clean = run(&["check", CLEAN, "--as-of", AS_OF]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(
        stdout(&clean),
        "checked 1 file: no problems\n",
        "a clean run says what it checked"
    );

    let warnings = run(&["check", WARNINGS, "--as-of", AS_OF]);
    assert_eq!(
        warnings.status.code(),
        Some(0),
        "warnings alone do not fail"
    );
    assert!(stdout(&warnings).contains("warning[timeline-without-timezone]"));

    let errors = run(&["check", ERRORS, "--as-of", AS_OF]);
    assert_eq!(errors.status.code(), Some(1));

    let bad_date = run(&["check", CLEAN, "--as-of", "27/11/2026"]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("YYYY-MM-DD"));

    let bad_flag = run(&["check", "--format", "xml", CLEAN]);
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[test]
fn a_missing_path_fails_the_run_but_the_other_files_are_checked() {
    let out = run(&["check", "no/such/dir", ERRORS, "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no/such/dir: no such file or folder"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("error[missing-trigger]"));
}

#[test]
fn concise_format_is_one_line_per_diagnostic() {
    let out = stdout(&run(&[
        "check", ERRORS, WARNINGS, "--format", "concise", "--as-of", AS_OF,
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        vec![
            "fixtures/missing-trigger/fires.md:1:3: error[missing-trigger] no Trigger section",
            "fixtures/timeline-without-timezone/fires.md:24:4: warning[timeline-without-timezone] timeline states no time zone",
            "1 error, 1 warning in 2 files",
        ]
    );
}

#[test]
fn json_format_has_the_spec_shape() {
    let out = run(&["check", ERRORS, CLEAN, "--format", "json", "--as-of", AS_OF]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["files_checked"], 2);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 0);
    let d = &json["diagnostics"][0];
    assert_eq!(d["path"], ERRORS);
    assert_eq!(d["rule"], "missing-trigger");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "no Trigger section");
    assert!(d["help"].as_str().unwrap().contains("process or situation"));
    // The H1 text "Postmortem: expired TLS certificate on the status page" starts at column 3.
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(1), Some(57))
    );
}

#[test]
fn human_format_is_annotated_and_plain_in_a_pipe() {
    let out = stdout(&run(&["check", ERRORS, "--as-of", AS_OF]));
    assert!(
        out.starts_with("error[missing-trigger]: no Trigger section\n"),
        "{out}"
    );
    assert!(out.contains(" --> fixtures/missing-trigger/fires.md:1:3\n"));
    assert!(out.contains("= help: add `## Trigger`"));
    assert!(out.ends_with("1 error, 0 warnings in 1 file\n"));
    assert!(
        !out.contains('\u{1b}'),
        "no colour codes outside a terminal"
    );
    let quiet = stdout(&run(&["check", ERRORS, "--as-of", AS_OF, "--quiet"]));
    assert!(!quiet.contains("in 1 file"));
}

#[test]
fn output_is_ordered_by_path_then_position_and_deterministic() {
    let args = [
        "check",
        "fixtures/",
        "--format",
        "concise",
        "--as-of",
        AS_OF,
        "--quiet",
    ];
    let first = stdout(&run(&args));
    assert_eq!(first, stdout(&run(&args)));
    let line = regex::Regex::new(r"^(.*):(\d+):(\d+): (?:error|warning)\[").unwrap();
    let keys: Vec<(String, usize, usize)> = first
        .lines()
        .map(|l| {
            let c = line.captures(l).unwrap();
            (
                c[1].to_owned(),
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn bad_input_gets_a_diagnostic_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("latin1.md"), b"# Caf\xe9\n").unwrap();
    fs::write(p.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    fs::write(p.join("empty.md"), b"").unwrap();
    fs::write(p.join("front-matter-only.md"), "---\nowner: \"@a\"\n---\n").unwrap();
    fs::create_dir(p.join("x.md")).unwrap();
    fs::write(p.join("x.md").join("inside folder.md"), clean_text()).unwrap();
    fs::write(p.join("Überblick mit Leerzeichen.md"), clean_text()).unwrap();
    fs::write(p.join("crlf.md"), clean_text().replace('\n', "\r\n")).unwrap();
    let long_line = format!(
        "{}\n\n## Impact\n{}\n",
        clean_text(),
        "word ".repeat(200_000)
    );
    fs::write(p.join("long-line.md"), long_line).unwrap();

    let out = run_in(p, &["check", ".", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["files_checked"], 8);
    let diags = json["diagnostics"].as_array().unwrap();
    let of = |path: &str| -> Vec<String> {
        diags
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| {
                format!(
                    "{}: {}",
                    d["rule"].as_str().unwrap(),
                    d["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        of("latin1.md"),
        vec!["unreadable-file: file is not valid UTF-8 (invalid byte at offset 5)"]
    );
    assert_eq!(
        of("binary.md"),
        vec!["unreadable-file: file is binary (NUL byte at offset 8)"]
    );
    assert!(
        of("empty.md")
            .iter()
            .any(|m| m.starts_with("missing-section: missing sections: Status, Summary"))
    );
    assert!(
        of("front-matter-only.md")
            .iter()
            .any(|m| m.starts_with("missing-trigger"))
    );
    assert!(of("x.md/inside folder.md").is_empty());
    assert!(of("Überblick mit Leerzeichen.md").is_empty());
    assert!(of("crlf.md").is_empty(), "{:?}", of("crlf.md"));
    assert!(of("long-line.md").is_empty(), "{:?}", of("long-line.md"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("a").join("loop")).unwrap();
    fs::write(dir.path().join("a").join("pm.md"), clean_text()).unwrap();
    let out = run_in(dir.path(), &["check", ".", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("symbolic link loop"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn folders_skip_readme_index_templates_hidden_and_ignored_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git2::Repository::init(p).unwrap();
    fs::write(p.join(".gitignore"), "drafts/\n*.tmp.md\n").unwrap();
    for name in [
        "README.md",
        "index.md",
        "postmortem-template.md",
        "notes.tmp.md",
        "kept.md",
    ] {
        fs::write(p.join(name), "# nothing here\n").unwrap();
    }
    for folder in ["drafts", ".github"] {
        fs::create_dir(p.join(folder)).unwrap();
        fs::write(p.join(folder).join("pm.md"), "# nothing here\n").unwrap();
    }
    let out = run_in(p, &["check", ".", "--format", "json", "--as-of", AS_OF]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["files_checked"], 1, "{json}");
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["path"] == "kept.md")
    );
    // Named explicitly, a skipped file is checked.
    let named = run_in(p, &["check", "README.md", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&named)).unwrap();
    assert_eq!(json["files_checked"], 1);
}

#[test]
fn rules_and_explain() {
    let list = stdout(&run(&["rules"]));
    for rule in postmortem_lint::rules::registry() {
        assert!(list.contains(rule.doc().name));
    }
    let explain = run(&["explain", "missing-trigger"]);
    assert_eq!(explain.status.code(), Some(0));
    let text = stdout(&explain);
    assert!(text.starts_with("missing-trigger (error by default)"));
    assert!(text.contains("\nWhy\n") && text.contains("\nBad\n") && text.contains("\nGood\n"));
    let unknown = run(&["explain", "missing-triger"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("did you mean `missing-trigger`"));
}

/// The real postmortems beside the clone: nothing panics, nothing is skipped, and the
/// action-item rules find items written as bullets, checkboxes and tables.
#[test]
fn real_corpus_is_checked_whole() {
    let Some(corpus) = corpus() else {
        common::cannot_run("../shared/corpus/real is not beside this clone");
        return;
    };
    let md_files = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    let out = run_in(
        &corpus,
        &["check", ".", "--format", "json", "--as-of", AS_OF],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["files_checked"].as_u64(), Some(md_files as u64));
    let diags = json["diagnostics"].as_array().unwrap();
    let found = |file: &str, rule: &str| {
        diags
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(file) && d["rule"] == rule)
            .count()
    };
    // Bullets under sub-headings: plain bullets, one finding each. Most link a GitHub issue:
    // those are tracked (#34), and asked only their type.
    assert!(
        found(
            "2018-02-20-jupyterlab-announcement.md",
            "untracked-action-item"
        ) >= 4
    );
    assert!(
        found(
            "2018-02-20-jupyterlab-announcement.md",
            "unlabeled-action-item"
        ) >= 15
    );
    assert_eq!(
        found(
            "2018-02-20-jupyterlab-announcement.md",
            "action-item-without-owner"
        ),
        0
    );
    // Checkboxes: unchecked means open, so the status is known.
    assert!(found("2022-05-31-drop-1.md", "action-item-without-owner") >= 10);
    assert_eq!(found("2022-05-31-drop-1.md", "invalid-action-status"), 0);
    // A table lacking columns.
    assert_eq!(
        found(
            "2023-07-16-security-redis-cache-exposed.md",
            "malformed-action-items"
        ),
        1
    );
    // One heading per item, owner as a backticked @handle.
    assert_eq!(
        found("2023-01-03-fritz-overload.md", "action-item-without-owner"),
        0
    );
    assert_eq!(
        found("2023-01-03-fritz-overload.md", "malformed-action-items"),
        0
    );
}

#[test]
fn ci_formats_carry_the_fields_their_consumers_read() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let gitlab = dir.path().join("gl.json");
    let junit = dir.path().join("junit.xml");
    let out = run(&[
        "check",
        ERRORS,
        CLEAN,
        "--as-of",
        AS_OF,
        "--format",
        "github",
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("gitlab={}", gitlab.display()),
        "--output",
        &format!("junit={}", junit.display()),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::error file=fixtures/missing-trigger/fires.md,line=1,endLine=1,col=3,endColumn=57,title=postmortem-lint missing-trigger::no Trigger section%0Ahelp: add `## Trigger` and write the direct trigger with a process or situation as its subject\n"
    );

    let sarif: Value = serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), postmortem_lint::rules::registry().len());
    let result = &run0["results"][0];
    assert_eq!(result["ruleId"], "missing-trigger");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "missing-trigger"
    );
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "fixtures/missing-trigger/fires.md"
    );
    assert_eq!(location["region"]["startLine"], 1);
    assert!(result["partialFingerprints"]["postmortemLint/v1"].is_string());

    let gitlab: Value = serde_json::from_str(&fs::read_to_string(&gitlab).unwrap()).unwrap();
    let issue = &gitlab[0];
    assert_eq!(issue["check_name"], "missing-trigger");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], ERRORS);
    assert_eq!(issue["location"]["lines"]["begin"], 1);
    assert!(
        issue["description"]
            .as_str()
            .unwrap()
            .contains("no Trigger section")
    );
    assert!(issue["fingerprint"].is_string());

    let junit = fs::read_to_string(&junit).unwrap();
    assert!(
        junit.contains("<testsuite name=\"postmortem-lint\" tests=\"2\" failures=\"1\""),
        "{junit}"
    );
    assert!(junit.contains(&format!(
        "<testcase name=\"{CLEAN}\" classname=\"postmortem-lint\"/>"
    )));
    assert!(junit.contains("<failure type=\"missing-trigger\""));
}

#[test]
fn sarif_fingerprints_survive_line_shifts() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(common::root().join(ERRORS)).unwrap();
    // The finding (at the title) moves down three lines.
    fs::write(
        dir.path().join("a.md"),
        format!("<!-- draft -->\n\n\n{text}"),
    )
    .unwrap();
    let fingerprint = |path: &str, dir: &std::path::Path| {
        let out = run_in(dir, &["check", path, "--as-of", AS_OF, "--format", "sarif"]);
        let sarif: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        (
            result["partialFingerprints"]["postmortemLint/v1"].clone(),
            result["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    fs::write(dir.path().join("b.md"), &text).unwrap();
    let (moved, moved_line) = fingerprint("a.md", dir.path());
    let (original, original_line) = fingerprint("b.md", dir.path());
    assert_eq!(
        (moved_line, original_line),
        (Value::from(4), Value::from(1))
    );
    assert_eq!(moved, original);
}

#[test]
fn every_verb_has_help() {
    for verb in ["check", "rules", "explain", "config", "new", "baseline"] {
        let out = run(&[verb, "--help"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{verb} --help: {}",
            stderr(&out)
        );
        assert!(stdout(&out).contains("Usage: postmortem-lint"), "{verb}");
    }
}

#[test]
fn outside_a_repository_gitignore_files_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("pm/drafts")).unwrap();
    fs::create_dir_all(p.join("pm/old")).unwrap();
    fs::write(p.join(".gitignore"), "drafts/\n*.wip.md\n").unwrap();
    fs::write(p.join("pm/old/.gitignore"), "*.md\n!keep.md\n").unwrap();
    for f in [
        "pm/a.md",
        "pm/b.wip.md",
        "pm/drafts/c.md",
        "pm/old/d.md",
        "pm/old/keep.md",
    ] {
        fs::write(p.join(f), "# x\n").unwrap();
    }
    let out = run_in(p, &["check", ".", "--format", "json", "--as-of", AS_OF]);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut paths: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_owned())
        .collect();
    paths.dedup();
    assert_eq!(paths, vec!["pm/a.md", "pm/old/keep.md"]);
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("postmortem-lint")
                && script.contains("explain")
                && script.contains("--diff-base"),
            "{shell}: {script}"
        );
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("postmortem-lint.bash");
    fs::write(&file, stdout(&run(&["completions", "bash"]))).unwrap();
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    let man = stdout(&run(&["man"]));
    assert!(
        man.starts_with(".ie") && man.contains(".TH postmortem-lint 1"),
        "{man}"
    );
}

/// ruff's conventions: `--select`, `--extend-select` and `--ignore` choose the rules,
/// `--exit-zero` and `--fail-on warning` the exit code, `--statistics` counts per rule.
#[test]
fn rules_and_exit_codes_chosen_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pm.md"),
        "# Postmortem: queue stall\n\n## Summary\n\nThe queue stalled.\n\n## Action items\n\n- Improve alerting\n",
    )
    .unwrap();
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["check", "pm.md", "--as-of", AS_OF, "--format", "json"];
        all.extend_from_slice(args);
        let out = run_in(dir.path(), &all);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut rules: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_owned())
            .collect();
        rules.sort();
        rules.dedup();
        rules
    };
    let all = rules_of(&[]);
    assert!(
        all.contains(&"missing-trigger".to_owned()) && all.len() > 3,
        "{all:?}"
    );
    assert_eq!(
        rules_of(&["--select", "missing-trigger"]),
        ["missing-trigger"]
    );
    assert_eq!(
        rules_of(&["--select", "missing-trigger", "--select", "vague-action"]),
        ["missing-trigger", "vague-action"]
    );
    let ignored = rules_of(&["--ignore", "missing-trigger,missing-metadata"]);
    assert!(
        !ignored.contains(&"missing-trigger".to_owned()),
        "{ignored:?}"
    );
    assert!(
        !ignored.contains(&"missing-metadata".to_owned()),
        "{ignored:?}"
    );
    assert_eq!(ignored.len(), all.len() - 2, "{ignored:?}");
    // A rule the config turned off runs again with --extend-select.

    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "[rules.missing-trigger]\nseverity = \"off\"\n",
    )
    .unwrap();
    let in_dir = |args: &[&str]| {
        let mut all = vec!["check", "pm.md", "--as-of", AS_OF, "--format", "concise"];
        all.extend_from_slice(args);
        stdout(&run_in(dir.path(), &all))
    };
    assert!(!in_dir(&[]).contains("missing-trigger"));
    assert!(in_dir(&["--extend-select", "missing-trigger"]).contains("missing-trigger"));
    // A misspelt rule is an error that names it.
    let bad = run(&[
        "check",
        ERRORS,
        "--as-of",
        AS_OF,
        "--select",
        "missing-triger",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`missing-triger` is not a rule (did you mean `missing-trigger`?)"),
        "{}",
        stderr(&bad)
    );
    // Exit codes.
    let code = |file: &str, args: &[&str]| {
        let mut all = vec!["check", file, "--as-of", AS_OF];
        all.extend_from_slice(args);
        run(&all).status.code()
    };
    assert_eq!(code(ERRORS, &[]), Some(1));
    assert_eq!(code(ERRORS, &["--exit-zero"]), Some(0));
    assert_eq!(code(WARNINGS, &[]), Some(0));
    assert_eq!(code(WARNINGS, &["--fail-on", "warning"]), Some(1));
    assert_eq!(
        code(WARNINGS, &["--fail-on", "warning", "--exit-zero"]),
        Some(0)
    );
    // Statistics: a count per rule, most first, instead of the findings.
    let stats = stdout(&run(&["check", ERRORS, "--as-of", AS_OF, "--statistics"]));
    let first = stats.lines().next().unwrap_or_default();
    assert!(first.contains("error"), "{stats}");
    assert!(
        stats
            .lines()
            .any(|l| l.split_whitespace().nth(1) == Some("missing-trigger")),
        "{stats}"
    );
    assert!(
        !stats.contains("fires.md"),
        "no finding is printed: {stats}"
    );
    // With JSON output, the counts are JSON (as ruff's).
    let stats = stdout(&run(&[
        "check",
        ERRORS,
        "--as-of",
        AS_OF,
        "--statistics",
        "--format",
        "json",
    ]));
    let rows: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "missing-trigger" && r["count"] == 1),
        "{stats}"
    );
}

/// `check -` checks the buffer on standard input, shown and configured as the file
/// `--stdin-filename` names (as editors and scripts pipe a buffer).
#[test]
fn standard_input_is_checked_as_the_file_it_is_named_after() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("docs/postmortems")).unwrap();
    fs::write(
        dir.path().join("docs/.postmortem-lint.toml"),
        "[rules.missing-trigger]\nseverity = \"off\"\n",
    )
    .unwrap();
    let piped = |args: &[&str]| {
        common::run_piped(
            dir.path(),
            args,
            b"# Postmortem: queue stall\n\n## Summary\n\nThe queue stalled.\n",
        )
    };
    let plain = piped(&["check", "-", "--as-of", AS_OF, "--format", "concise"]);
    assert_eq!(plain.status.code(), Some(1));
    let text = stdout(&plain);
    assert!(text.starts_with("-:1:3: error[missing-metadata]"), "{text}");
    assert!(text.contains("missing-trigger"), "{text}");
    let named = piped(&[
        "check",
        "-",
        "--stdin-filename",
        "docs/postmortems/2026-01-05-queue.md",
        "--as-of",
        AS_OF,
        "--format",
        "concise",
    ]);
    let text = stdout(&named);
    assert!(
        text.starts_with("docs/postmortems/2026-01-05-queue.md:1:3: error[missing-metadata]"),
        "{text}"
    );
    assert!(
        !text.contains("missing-trigger"),
        "the config of docs/ applies: {text}"
    );
    assert!(text.ends_with("in 1 file\n"), "{text}");
    let mixed = piped(&["check", "-", "docs"]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        stderr(&mixed).contains("checked alone"),
        "{}",
        stderr(&mixed)
    );
}

/// `check /dev/stdin` reads standard input as `check -` does, where it was refused as a
/// link out of the repository (`/dev/stdin` links to a pipe).
#[cfg(unix)]
#[test]
fn dev_stdin_is_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("docs/postmortems")).unwrap();
    fs::write(
        dir.path().join("docs/.postmortem-lint.toml"),
        "[rules.missing-trigger]\nseverity = \"off\"\n",
    )
    .unwrap();
    let piped = |args: &[&str]| {
        common::run_piped(
            dir.path(),
            args,
            b"# Postmortem: queue stall\n\n## Summary\n\nThe queue stalled.\n",
        )
    };
    let plain = piped(&[
        "check",
        "/dev/stdin",
        "--as-of",
        AS_OF,
        "--format",
        "concise",
    ]);
    assert_eq!(plain.status.code(), Some(1), "{}", stderr(&plain));
    let text = stdout(&plain);
    assert!(text.starts_with("-:1:3: error[missing-metadata]"), "{text}");
    assert!(text.contains("error[missing-trigger]"), "{text}");
    assert!(!text.contains("unreadable-file"), "{text}");
    assert!(text.ends_with("in 1 file\n"), "{text}");
    let named = piped(&[
        "check",
        "/dev/stdin",
        "--stdin-filename",
        "docs/postmortems/2026-01-05-queue.md",
        "--as-of",
        AS_OF,
        "--format",
        "concise",
    ]);
    let text = stdout(&named);
    assert!(
        text.starts_with("docs/postmortems/2026-01-05-queue.md:1:3: error[missing-metadata]"),
        "{text}"
    );
    assert!(
        !text.contains("missing-trigger"),
        "the config of docs/ applies: {text}"
    );
    let mixed = piped(&["check", "/dev/stdin", "docs"]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(
        stderr(&mixed).contains("`/dev/stdin` (standard input) is checked alone"),
        "{}",
        stderr(&mixed)
    );
}

/// `--color auto|always|never`: CI logs are no terminal, so colour is forced with `always`
/// or CLICOLOR_FORCE; `never` and `--no-color` win over both.
#[test]
fn colour_is_chosen_on_the_command_line_or_forced_by_the_environment() {
    let coloured = |args: &[&str], force: Option<&str>| {
        let mut all = vec!["check", ERRORS, "--as-of", AS_OF];
        all.extend_from_slice(args);
        let env = [("NO_COLOR", None), ("CLICOLOR_FORCE", force)];
        stdout(&common::run_with_env(&common::root(), &all, &env)).contains("\u{1b}[")
    };
    assert!(!coloured(&[], None), "a pipe is not coloured");
    assert!(coloured(&["--color", "always"], None));
    assert!(coloured(&[], Some("1")), "CLICOLOR_FORCE forces colour");
    assert!(!coloured(&["--color", "never"], Some("1")));
    assert!(!coloured(&["--no-color", "--color", "always"], Some("1")));
    // `CLICOLOR_FORCE=0` forces nothing (the CLICOLOR convention).
    assert!(
        !coloured(&[], Some("0")),
        "CLICOLOR_FORCE=0 coloured a pipe"
    );
}

/// `--output-format` is `--format` (ruff's name), and POSTMORTEM_LINT_OUTPUT_FORMAT sets it
/// from the environment (as RUFF_OUTPUT_FORMAT); the flag wins over the variable.
#[test]
fn the_output_format_has_ruffs_name_and_an_environment_variable() {
    let with = |args: &[&str], env: Option<&str>| {
        let mut all = vec!["check", ERRORS, "--as-of", AS_OF];
        all.extend_from_slice(args);
        let env = [("POSTMORTEM_LINT_OUTPUT_FORMAT", env)];
        stdout(&common::run_with_env(&common::root(), &all, &env))
    };
    let concise = format!("{ERRORS}:1:3: error[missing-trigger]");
    assert!(with(&["--output-format", "concise"], None).starts_with(&concise));
    assert!(with(&[], Some("concise")).starts_with(&concise));
    assert!(with(&["--format", "json"], Some("concise")).starts_with('{'));
    // Set but empty, as CI templates often leave it: the default.
    assert!(with(&[], Some("")).starts_with("error[missing-trigger]"));
    // A value that is no format: the variable is named.
    let env = [("POSTMORTEM_LINT_OUTPUT_FORMAT", Some("xml"))];
    let out = common::run_with_env(&common::root(), &["check", ERRORS], &env);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("POSTMORTEM_LINT_OUTPUT_FORMAT=`xml` is not an output format"),
        "{}",
        stderr(&out)
    );
}

/// `--stdin-filename` without a path reads standard input (as ruff does); beside a path of
/// the file system it is refused rather than silently ignored. `--select ALL` is every rule.
#[test]
fn stdin_filename_alone_reads_standard_input_and_select_all_is_every_rule() {
    let text = std::fs::read(common::root().join(ERRORS)).unwrap();
    let dir = common::root();
    let out = common::run_piped(
        &dir,
        &[
            "check",
            "--stdin-filename",
            "docs/postmortems/2026-01-05-queue.md",
            "--as-of",
            AS_OF,
            "--format",
            "concise",
        ],
        &text,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("docs/postmortems/2026-01-05-queue.md:"),
        "{}",
        stdout(&out)
    );
    let out = common::run_piped(&dir, &["check", ERRORS, "--stdin-filename", "x.md"], &text);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--stdin-filename names the text read from standard input"));
    let all = stdout(&common::run(&[
        "check", ERRORS, "--as-of", AS_OF, "--format", "json", "--select", "ALL",
    ]));
    let some = stdout(&common::run(&[
        "check", ERRORS, "--as-of", AS_OF, "--format", "json",
    ]));
    assert!(
        all.len() >= some.len() && all.contains("missing-trigger"),
        "{all}"
    );
}
