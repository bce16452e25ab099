//! A stranger's pull request, tried as an attacker would: links out of the repository, a
//! committed config that names files outside it, reports that overwrite inputs, and failures
//! that must never look like a green check. Every repository is built with git2; a secret is
//! planted outside the repository and must appear in no output of any mode or format.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

mod common;

use common::{AS_OF, TestRepo, clean_postmortem, root, run_in, stderr, stdout};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SECRET: &str = "GHP_PLANTED_SECRET_7f3a";

const FORMATS: [&str; 7] = [
    "human", "concise", "json", "sarif", "github", "gitlab", "junit",
];

/// A rule file a pull request could add: its message echoes whatever it matched.
const ECHO_RULE: &str = r#"name = "echo-assignments"
severity = "error"
summary = "echoes key=value lines"
why = "An attacker's rule: it prints whatever it matches, to leak it into annotations."
bad = "TOKEN=abc"
good = "no assignment"
message = "found {match}"
help = "none"
patterns = ['[A-Z_]+=\S+']
"#;

/// A temporary folder holding `secret/` (outside the repository, with the planted secret in
/// files a link or a config could name) and `repo/`.
struct Attack {
    _dir: tempfile::TempDir,
    outside: PathBuf,
    repo: TestRepo,
}

fn attack() -> Attack {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("secret");
    fs::create_dir_all(outside.join("folder")).unwrap();
    let secret_md = format!("# Secrets\n\nTOKEN={SECRET}\n\n## Impact\n\n{SECRET}\n");
    fs::write(outside.join("token.md"), &secret_md).unwrap();
    fs::write(outside.join("folder/notes.md"), &secret_md).unwrap();
    fs::write(
        outside.join("rule.toml"),
        format!("name = \"{SECRET}\"\nseverity = \"{SECRET}\"\n"),
    )
    .unwrap();
    fs::write(outside.join("template.toml"), format!("[{SECRET}]\n")).unwrap();
    let mut repo = TestRepo::init(&dir.path().join("repo"));
    // Where actions/checkout can persist a token.
    repo.repo
        .config()
        .unwrap()
        .set_str(
            "http.https://github.com/.extraheader",
            &format!("AUTHORIZATION: basic TOKEN={SECRET}"),
        )
        .unwrap();
    repo.commit_files(
        &[(
            "docs/postmortems/2026-09-18-checkout.md",
            &clean_postmortem(),
        )],
        "base",
    );
    repo.repo
        .reference(
            "refs/heads/base",
            repo.repo.head().unwrap().target().unwrap(),
            true,
            "",
        )
        .unwrap();
    Attack {
        _dir: dir,
        outside,
        repo,
    }
}

fn assert_no_secret(what: &str, out: &Output, summary: &Path) {
    let all = format!(
        "{}{}{}",
        stdout(out),
        stderr(out),
        fs::read_to_string(summary).unwrap_or_default()
    );
    assert!(
        !all.contains(SECRET) && !all.contains("extraheader"),
        "{what} leaked the secret:\n{all}"
    );
}

/// Runs `check` with every format, the job summary on, and asserts nothing leaks; returns the
/// JSON run's output.
fn check_every_format(dir: &Path, extra: &[&str], what: &str) -> serde_json::Value {
    let summary = dir.join("../summary.md");
    let mut json = serde_json::Value::Null;
    for format in FORMATS {
        let mut args = vec![
            "check",
            "--format",
            format,
            "--as-of",
            AS_OF,
            "--no-history",
        ];
        args.extend(extra);
        let out = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
            .args(&args)
            .current_dir(dir)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        assert_no_secret(&format!("{what} --format {format}"), &out, &summary);
        assert!(
            out.status.code().unwrap() < 2,
            "{what} --format {format}: {}",
            stderr(&out)
        );
        if format == "json" {
            json = serde_json::from_str(&stdout(&out)).unwrap();
        }
    }
    json
}

fn findings(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn links_out_of_the_repository_are_reported_and_never_read() {
    let mut a = attack();
    let dir = a.repo.dir.clone();
    a.repo
        .link("docs/postmortems/leak.md", &a.outside.join("token.md"));
    a.repo.link(
        "docs/postmortems/relative.md",
        Path::new("../../../secret/token.md"),
    );
    a.repo.link(
        "docs/postmortems/git-config.md",
        Path::new("../../.git/config"),
    );
    a.repo
        .link("docs/postmortems/folder", &a.outside.join("folder"));
    a.repo.link("docs/linked", &a.outside.join("folder"));
    a.repo.commit_files(
        &[
            (
                ".postmortem-lint.toml",
                "rule-files = [\"lint/echo.toml\"]\n",
            ),
            ("lint/echo.toml", ECHO_RULE),
        ],
        "the pull request",
    );

    // The working tree, walked.
    let json = check_every_format(&dir, &[], "check .");
    let found = findings(&json);
    for link in ["leak.md", "relative.md", "git-config.md"] {
        assert!(
            found.contains(&format!("docs/postmortems/{link} unreadable-file")),
            "{link} not reported: {found:?}"
        );
    }
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("symbolic link"), "{message}");

    // Named explicitly: files and a folder that are links.
    let json = check_every_format(
        &dir,
        &[
            "docs/postmortems/leak.md",
            "docs/postmortems/git-config.md",
            "docs/linked",
        ],
        "explicit links",
    );
    assert_eq!(
        findings(&json),
        [
            "docs/linked unreadable-file",
            "docs/postmortems/git-config.md unreadable-file",
            "docs/postmortems/leak.md unreadable-file"
        ]
    );

    // A pull request's diff against its base.
    let json = check_every_format(&dir, &["--diff-base", "base"], "--diff-base");
    assert!(
        findings(&json).contains(&"docs/postmortems/leak.md unreadable-file".to_owned()),
        "{json}"
    );

    // Staged: a link's blob is its target's path, never Markdown.
    a.repo
        .link("docs/postmortems/staged.md", &a.outside.join("token.md"));
    let json = check_every_format(&dir, &["--staged"], "--staged");
    assert_eq!(
        findings(&json),
        ["docs/postmortems/staged.md unreadable-file"],
        "{json}"
    );
}

#[test]
fn a_folder_walked_outside_git_does_not_follow_links_out_of_it() {
    let a = attack();
    let plain = a.repo.dir.join("../plain");
    fs::create_dir_all(&plain).unwrap();
    fs::write(plain.join("2026-09-18-checkout.md"), clean_postmortem()).unwrap();
    std::os::unix::fs::symlink(a.outside.join("token.md"), plain.join("leak.md")).unwrap();
    std::os::unix::fs::symlink(a.outside.join("folder"), plain.join("more")).unwrap();
    let json = check_every_format(&plain, &["."], "outside git");
    assert_eq!(
        findings(&json),
        ["leak.md unreadable-file", "more unreadable-file"]
    );
}

#[test]
fn a_discovered_config_may_only_name_files_inside_the_repository() {
    let mut a = attack();
    let dir = a.repo.dir.clone();
    let absolute = a.outside.join("rule.toml").display().to_string();
    let template = a.outside.join("template.toml").display().to_string();
    a.repo
        .link("lint/linked.toml", &a.outside.join("rule.toml"));
    // A postmortem changed since the base, and one staged: every mode reads the config.
    a.repo
        .write(&[("docs/postmortems/2026-10-01-new.md", &clean_postmortem())]);
    a.repo.commit("a link");
    a.repo
        .write(&[("docs/postmortems/2026-10-02-staged.md", &clean_postmortem())]);
    let cases = [
        (format!("rule-files = [\"{absolute}\"]\n"), "rule-files"),
        (
            "rule-files = [\"../secret/rule.toml\"]\n".to_owned(),
            "rule-files",
        ),
        (
            "rule-files = [\"lint/linked.toml\"]\n".to_owned(),
            "rule-files",
        ),
        (format!("\ntemplate = \"{template}\"\n"), "template"),
        ("new-dir = \"../../elsewhere\"\n".to_owned(), "new-dir"),
    ];
    let summary = dir.join("../summary.md");
    for (config, key) in &cases {
        fs::write(dir.join(".postmortem-lint.toml"), config).unwrap();
        for args in [
            vec!["check", "--as-of", AS_OF],
            vec!["check", "--as-of", AS_OF, "--diff-base", "base"],
            vec!["check", "--as-of", AS_OF, "--staged"],
        ] {
            let out = run_in(&dir, &args);
            assert_no_secret(config, &out, &summary);
            assert_eq!(out.status.code(), Some(2), "{config}: {}", stderr(&out));
            let line = if key == &"template" { 2 } else { 1 };
            let err = stderr(&out);
            assert!(
                err.contains(&format!(".postmortem-lint.toml:{line}:"))
                    && err.contains(&format!("`{key}` names"))
                    && err.contains("not inside the repository"),
                "{config}: {err}"
            );
        }
    }

    // The config file itself a link out of the repository.
    fs::remove_file(dir.join(".postmortem-lint.toml")).unwrap();
    std::os::unix::fs::symlink(
        a.outside.join("rule.toml"),
        dir.join(".postmortem-lint.toml"),
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--as-of", AS_OF]);
    assert_no_secret("linked config", &out, &summary);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link out of the repository"));
    fs::remove_file(dir.join(".postmortem-lint.toml")).unwrap();

    // A config the user names on the command line is their own choice: it may point anywhere.
    let own = a.outside.join("own.toml");
    fs::write(&own, "rule-files = [\"team-rule.toml\"]\n").unwrap();
    fs::write(a.outside.join("team-rule.toml"), ECHO_RULE).unwrap();
    let config = own.display().to_string();
    let out = run_in(&dir, &["check", "--as-of", AS_OF, "--config", &config]);
    assert!(out.status.code().unwrap() < 2, "{}", stderr(&out));
}

#[test]
fn a_report_never_overwrites_an_input_and_two_reports_never_share_a_file() {
    let a = attack();
    let dir = &a.repo.dir;
    let postmortem = dir.join("docs/postmortems/2026-09-18-checkout.md");
    let before = fs::read_to_string(&postmortem).unwrap();
    let out = run_in(
        dir,
        &[
            "check",
            "docs/postmortems",
            "--output",
            "json=docs/postmortems/2026-09-18-checkout.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("would overwrite a file this run reads"));
    assert_eq!(fs::read_to_string(&postmortem).unwrap(), before);

    let out = run_in(
        dir,
        &[
            "check",
            "--output",
            "json=report",
            "--output",
            "sarif=./report",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("named by two --output reports"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("report").exists(), "nothing is written");

    // A failed run leaves an earlier report as it was, and no temporary file behind.
    fs::write(dir.join("report.json"), "earlier").unwrap();
    fs::write(dir.join(".postmortem-lint.toml"), "bogus = 1\n").unwrap();
    let out = run_in(dir, &["check", "--output", "json=report.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(dir.join("report.json")).unwrap(),
        "earlier"
    );
    fs::remove_file(dir.join(".postmortem-lint.toml")).unwrap();
    let out = run_in(
        dir,
        &["check", "--as-of", AS_OF, "--output", "json=report.json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::read_to_string(dir.join("report.json"))
            .unwrap()
            .contains("\"files_checked\": 1")
    );
    let leftovers: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// A conflicted merge of one postmortem, left in the index and the working tree.
fn conflicted() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut t = TestRepo::init(&dir.path().join("repo"));
    let path = "docs/postmortems/2026-09-18-checkout.md";
    let text = clean_postmortem();
    let base = t.commit_files(&[(path, &text)], "base");
    let ours = text.replace("| @sam | 2027-01-31 |", "| @sam | 2027-02-28 |");
    t.commit_files(&[(path, &ours)], "ours");
    let theirs_text = text.replace("| @sam | 2027-01-31 |", "| TBD | |");
    let repo = &t.repo;
    let base_commit = repo.find_commit(base).unwrap();
    let mut index = repo.index().unwrap();
    let blob = repo.blob(theirs_text.as_bytes()).unwrap();
    // Their side: a branch from the base changing the same line.
    let mut their_index = git2::Index::new().unwrap();
    their_index.read_tree(&base_commit.tree().unwrap()).unwrap();
    let mut entry = their_index.get_path(Path::new(path), 0).unwrap();
    entry.id = blob;
    entry.file_size = theirs_text.len() as u32;
    their_index.add(&entry).unwrap();
    let their_tree = repo
        .find_tree(their_index.write_tree_to(repo).unwrap())
        .unwrap();
    let me = base_commit.author();
    let theirs = repo
        .commit(None, &me, &me, "theirs", &their_tree, &[&base_commit])
        .unwrap();
    let annotated = repo.find_annotated_commit(theirs).unwrap();
    repo.merge(&[&annotated], None, None).unwrap();
    index.read(true).unwrap();
    assert!(index.has_conflicts());
    (dir, t.dir.clone())
}

#[test]
fn a_merge_conflict_is_reported_once_and_quiets_the_rules_inside_it() {
    let (_keep, dir) = conflicted();
    let text = fs::read_to_string(dir.join("docs/postmortems/2026-09-18-checkout.md")).unwrap();
    assert!(text.contains("<<<<<<<"), "{text}");
    for args in [vec!["check"], vec!["check", "--staged"]] {
        let mut all = args.clone();
        all.extend(["--format", "json", "--as-of", AS_OF, "--no-history"]);
        let out = run_in(&dir, &all);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(json["files_checked"], 1, "{args:?}");
        assert_eq!(
            findings(&json),
            ["docs/postmortems/2026-09-18-checkout.md unresolved-merge-conflict"],
            "{args:?}: {json}"
        );
    }
    // Resolved in the working tree but not staged: the index still says unmerged.
    fs::write(
        dir.join("docs/postmortems/2026-09-18-checkout.md"),
        clean_postmortem(),
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["check", "--staged", "--as-of", AS_OF, "--format", "concise"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("the index holds an unresolved merge of this file"),
        "{}",
        stdout(&out)
    );
    // The rule set to warning, then off, in the config: the unmerged entry follows it.
    fs::write(
        dir.join(".postmortem-lint.toml"),
        "[rules.unresolved-merge-conflict]\nseverity = \"warning\"\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["check", "--staged", "--as-of", AS_OF, "--format", "concise"],
    );
    assert!(
        stdout(&out).contains("warning[unresolved-merge-conflict]"),
        "{}",
        stdout(&out)
    );
    fs::write(
        dir.join(".postmortem-lint.toml"),
        "[rules.unresolved-merge-conflict]\nseverity = \"off\"\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["check", "--staged", "--as-of", AS_OF, "--format", "concise"],
    );
    assert!(
        !stdout(&out).contains("unresolved-merge-conflict"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn git_modes_report_a_missing_path_and_check_the_rest() {
    let mut a = attack();
    let dir = a.repo.dir.clone();
    let bad = clean_postmortem().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    a.repo
        .commit_files(&[("docs/postmortems/2026-10-01-new.md", &bad)], "new");
    a.repo
        .write(&[("docs/postmortems/2026-10-02-staged.md", &bad)]);
    for mode in [vec!["--diff-base", "base"], vec!["--staged"]] {
        let mut args = vec![
            "check",
            "--format",
            "concise",
            "--as-of",
            AS_OF,
            "no/such/path",
            "docs",
        ];
        args.extend(&mode);
        let out = run_in(&dir, &args);
        assert_eq!(out.status.code(), Some(2), "{mode:?}");
        assert!(
            stderr(&out).contains("no/such/path: no such file or folder"),
            "{}",
            stderr(&out)
        );
        assert!(
            stdout(&out).contains("human-error"),
            "{mode:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn a_bare_repository_gets_its_own_message() {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init_bare(dir.path()).unwrap();
    let out = run_in(dir.path(), &["check", "--staged"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bare repository"), "{}", stderr(&out));
}

#[test]
fn submodules_are_checked_with_the_superprojects_paths() {
    let dir = tempfile::tempdir().unwrap();
    let mut outer = TestRepo::init(&dir.path().join("outer"));
    outer.commit_files(
        &[("docs/postmortems/2026-09-18-a.md", &clean_postmortem())],
        "outer",
    );
    let mut inner = TestRepo::init(&outer.dir.join("vendor/handbook"));
    let bad = clean_postmortem().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    let head = inner.commit_files(&[("postmortems/2026-10-01-b.md", &bad)], "inner");
    // The gitlink `git add vendor/handbook` records.
    let mut index = outer.repo.index().unwrap();
    let mut entry = index
        .get_path(Path::new("docs/postmortems/2026-09-18-a.md"), 0)
        .unwrap();
    entry.mode = 0o160000;
    entry.id = head;
    entry.path = b"vendor/handbook".to_vec();
    entry.flags = "vendor/handbook".len() as u16;
    index.add(&entry).unwrap();
    index.write().unwrap();
    outer.commit("add the handbook as a submodule");

    let out = run_in(
        &outer.dir,
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            AS_OF,
            "--no-history",
        ],
    );
    assert!(
        stdout(&out).contains("vendor/handbook/postmortems/2026-10-01-b.md:"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let out = run_in(
        &inner.dir,
        &[
            "check",
            "--format",
            "concise",
            "--as-of",
            AS_OF,
            "--no-history",
        ],
    );
    assert!(
        stdout(&out).starts_with("vendor/handbook/postmortems/2026-10-01-b.md:"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn an_empty_pattern_is_a_config_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "rule-files = [\"empty.toml\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("empty.toml"),
        ECHO_RULE.replace(r"patterns = ['[A-Z_]+=\S+']", "patterns = [\"x\", \"\"]"),
    )
    .unwrap();
    fs::write(dir.path().join("a.md"), clean_postmortem()).unwrap();
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.toml:9:19: the pattern matches the empty string"),
        "{}",
        stderr(&out)
    );
}

/// The action's steps, run as the runner runs them: the `run:` text of a step of
/// `action.yml`, by its `id` or `name`.
fn step_script(name: &str) -> String {
    let yaml = fs::read_to_string(root().join("action.yml")).unwrap();
    let mut lines = yaml.lines().skip_while(|l| !l.contains(name));
    lines
        .find_map(|l| l.trim().strip_prefix("run: ").map(str::to_owned))
        .unwrap()
}

fn copy_action(to: &Path) {
    for entry in walkdir::WalkDir::new(root()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root()).unwrap();
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(
            top.as_deref(),
            None | Some("src" | "rules" | "action" | "Cargo.toml" | "Cargo.lock" | "action.yml")
        ) {
            continue;
        }
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn key_of(action: &Path) -> String {
    let output = action.join("github_output");
    let _ = fs::remove_file(&output);
    let run = Command::new("bash")
        .args(["-c", &step_script("id: key")])
        .env("GITHUB_ACTION_PATH", action)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = fs::read_to_string(&output).unwrap();
    let id = text.trim().strip_prefix("id=").unwrap().to_owned();
    assert_eq!(id.len(), 24, "{text}");
    id
}

#[test]
fn the_action_cache_key_covers_the_whole_source() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    copy_action(&one);
    copy_action(&two);
    assert_eq!(key_of(&one), key_of(&two), "same source, same key");
    let rule = two.join("src/rules/missing_trigger.rs");
    let text = fs::read_to_string(&rule).unwrap();
    fs::write(
        &rule,
        text.replace("A `Trigger:` line", "A `Trigger:` line, too,"),
    )
    .unwrap();
    assert_ne!(
        key_of(&one),
        key_of(&two),
        "one src/ file changed, the key must change"
    );
}

#[test]
fn the_action_runs_a_cached_binary_only_when_it_was_built_from_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let bin = home.join(".cache/postmortem-lint/bin");
    fs::create_dir_all(&bin).unwrap();
    let tools = dir.path().join("tools");
    fs::create_dir_all(&tools).unwrap();
    // A stand-in for cargo that records that a build happened.
    let log = dir.path().join("cargo.log");
    fs::write(
        tools.join("cargo"),
        format!(
            "#!/usr/bin/env bash\necho \"$POSTMORTEM_LINT_BUILD_ID $*\" >> '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    let cached = |id: &str| {
        let script = format!("#!/usr/bin/env bash\necho 'postmortem-lint 0.1.0 (build {id})'\n");
        fs::write(bin.join("postmortem-lint"), script).unwrap();
        Command::new("chmod")
            .args(["+x"])
            .arg(bin.join("postmortem-lint"))
            .arg(tools.join("cargo"))
            .status()
            .unwrap();
    };
    let install = |id: &str| {
        Command::new("bash")
            .args(["-c", &step_script("Install postmortem-lint")])
            .env("HOME", &home)
            .env("GITHUB_ACTION_PATH", root())
            .env("BUILD_ID", id)
            .env(
                "PATH",
                format!("{}:{}", tools.display(), std::env::var("PATH").unwrap()),
            )
            .output()
            .unwrap()
    };
    cached("aaaa");
    let out = install("aaaa");
    assert!(out.status.success());
    assert!(!log.exists(), "a matching cached binary is not rebuilt");
    let out = install("bbbb");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let built = fs::read_to_string(&log).unwrap();
    assert!(
        built.starts_with("bbbb install --locked --force"),
        "{built}"
    );
}

#[test]
fn a_failed_run_in_the_action_is_an_annotation_and_claims_no_counts() {
    let a = attack();
    let dir = &a.repo.dir;
    fs::write(dir.join(".postmortem-lint.toml"), "bogus = 1\n").unwrap();
    let outputs = dir.join("../github_output");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .parent()
        .unwrap();
    let out = Command::new("bash")
        .arg(root().join("action/check.sh"))
        .current_dir(dir)
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env("GITHUB_ACTION_PATH", root())
        .env("GITHUB_EVENT_NAME", "push")
        .env("GITHUB_OUTPUT", &outputs)
        .env("INPUT_SARIF_FILE", "no/such/folder/x.sarif")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let annotations = stdout(&out);
    assert!(
        annotations
            .lines()
            .any(|l| l.starts_with("::error title=postmortem-lint could not check::"))
            && annotations.contains(".postmortem-lint.toml:1:1"),
        "{annotations}"
    );
    let written = fs::read_to_string(&outputs).unwrap_or_default();
    assert!(!written.contains("errors="), "{written}");
}

#[test]
fn the_action_installs_the_released_binary_only_when_its_checksum_and_build_hold() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let tools = dir.path().join("tools");
    fs::create_dir_all(&tools).unwrap();
    let log = dir.path().join("cargo.log");
    fs::write(
        tools.join("cargo"),
        format!("#!/usr/bin/env bash\necho \"$*\" >> '{}'\n", log.display()),
    )
    .unwrap();
    // A local package folder laid out as the GitHub release of this version.
    let target = "x86_64-unknown-linux-musl";
    let version = env!("CARGO_PKG_VERSION");
    let releases = dir.path().join("releases");
    let folder = releases.join(format!("v{version}"));
    let staging = dir.path().join(format!("postmortem-lint-{target}"));
    fs::create_dir_all(&folder).unwrap();
    fs::create_dir_all(&staging).unwrap();
    fs::write(
        staging.join("postmortem-lint"),
        format!("#!/usr/bin/env bash\necho 'postmortem-lint {version} (build aaaa)'\n"),
    )
    .unwrap();
    let asset = folder.join(format!("postmortem-lint-{target}.tar.gz"));
    let sh = |script: &str| {
        let out = Command::new("bash")
            .args(["-c", script])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    sh(&format!(
        "chmod +x tools/cargo postmortem-lint-{target}/postmortem-lint && tar czf '{}' postmortem-lint-{target} && sha256sum '{}' > '{}.sha256'",
        asset.display(),
        asset.display(),
        asset.display()
    ));
    let install = |build: &str| {
        let _ = fs::remove_dir_all(&home);
        let _ = fs::remove_file(&log);
        Command::new("bash")
            .args(["-c", &step_script("Install postmortem-lint")])
            .env("HOME", &home)
            .env("GITHUB_ACTION_PATH", root())
            .env("BUILD_ID", build)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env(
                "POSTMORTEM_LINT_RELEASES",
                format!("file://{}", releases.display()),
            )
            .env(
                "PATH",
                format!("{}:{}", tools.display(), std::env::var("PATH").unwrap()),
            )
            .output()
            .unwrap()
    };
    let installed = home.join(".cache/postmortem-lint/bin/postmortem-lint");

    let out = install("aaaa");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).contains("checksum verified"),
        "{}",
        stdout(&out)
    );
    assert!(
        installed.exists() && !log.exists(),
        "installed without building"
    );

    // Built from another source: not used.
    let out = install("bbbb");
    assert!(
        stdout(&out).contains("not built from this action's source"),
        "{}",
        stdout(&out)
    );
    assert!(log.exists(), "built instead");

    // A checksum that does not hold: not used.
    fs::write(
        format!("{}.sha256", asset.display()),
        format!("{}  x\n", "0".repeat(64)),
    )
    .unwrap();
    let out = install("aaaa");
    assert!(
        stdout(&out).contains("checksum mismatch"),
        "{}",
        stdout(&out)
    );
    assert!(!installed.exists() && log.exists(), "built instead");
}
