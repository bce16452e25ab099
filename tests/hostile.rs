//! Hostile input, second round (issue 28): one long line, config values and file names that
//! try to speak to the runner or the terminal, a pull request's own config, `--output` onto
//! pipes and devices, signals mid-run, a flood of findings, a bare repository. Each test is an
//! attack that worked before its fix. Repositories are built with git2.
#![allow(clippy::unwrap_used)]
#![cfg(unix)]

mod common;

use common::{AS_OF, clean_postmortem, run_in, stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::Command;

/// 32 bytes, one `be-more-careful` finding each (at byte 8 of the phrase).
const PHRASE: &str = "we must be more careful, again. ";

/// A clean postmortem whose Lessons learned ends with one line of `phrase` `times` times;
/// returns the text and the 1-based line of that line.
fn with_long_line(phrase: &str, times: usize) -> (String, usize) {
    let clean = clean_postmortem();
    let at = clean.find("\n## Action items").unwrap();
    let before = format!("{}\n", &clean[..at]);
    let line = before.lines().count() + 1;
    let text = format!("{before}{}\n{}", phrase.repeat(times), &clean[at..]);
    (text, line)
}

fn json_of(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Point 1: a 1.28 MB line with 40,000 findings, checked with the Action's own arguments,
/// finishes (it took minutes: the cost per match grew with the line) and every finding shown
/// is at its right column. Speed is measured in bench/run.sh, not here.
#[test]
fn one_long_line_of_findings_is_checked_with_the_actions_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let (text, line) = with_long_line(PHRASE, 40_000);
    fs::write(dir.path().join("2026-09-18-long.md"), &text).unwrap();
    let report = dir.path().join("report.json");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "--output",
            &format!("json={}", report.display()),
            "--as-of",
            AS_OF,
            "--no-history",
            "2026-09-18-long.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json = json_of(&report);
    assert_eq!(json["summary"]["errors"], 40_000, "every finding counted");
    let shown = json["diagnostics"].as_array().unwrap();
    // The first hundred in full, then one that stands for the rest (point 6).
    assert_eq!(shown.len(), 101);
    assert_eq!(shown[100]["not_shown"], 39_900, "{}", shown[100]);
    let annotations: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(annotations.len(), shown.len());
    for (i, d) in shown.iter().enumerate() {
        assert_eq!(d["rule"], "be-more-careful");
        assert_eq!(d["line"], line);
        let column = 1 + 32 * i + 8;
        assert!(
            annotations[i].starts_with(&format!(
                "::error file=2026-09-18-long.md,line={line},endLine={line},col={column},"
            )),
            "{i}: {}",
            annotations[i]
        );
        if d["not_shown"].is_null() {
            assert_eq!(d["column"], column, "{d}");
            assert_eq!(d["end_column"], column + "be more careful".len());
        }
    }
}

fn lines_starting_with_colons(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with("::")).collect()
}

/// Point 2: config values with a newline and a workflow command never start a stderr line.
#[test]
fn config_values_never_start_a_workflow_command_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("2026-09-18-a.md"), clean_postmortem()).unwrap();
    let cases = [
        (
            "template = \"nomatch\\n::error file=README.md::INJECTED\"\n",
            2,
        ),
        ("include = [\"x\\n::error file=README.md::INJECTED\"]\n", 0),
        (
            "exclude = [\"x\\n::error file=README.md::INJECTED\"]\npeople = [\"\\n::warning::INJECTED\"]\n",
            0,
        ),
    ];
    for (config, code) in cases {
        fs::write(dir.path().join(".postmortem-lint.toml"), config).unwrap();
        for format in ["human", "github"] {
            let out = run_in(
                dir.path(),
                &["check", "--format", format, "--as-of", AS_OF, "."],
            );
            assert_eq!(out.status.code(), Some(code), "{config}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("INJECTED") || code == 0, "{err}");
            assert!(
                lines_starting_with_colons(&err).is_empty(),
                "{config}: stderr starts a workflow command:\n{err}"
            );
            if format == "github" {
                assert!(
                    !stdout(&out).contains("INJECTED"),
                    "{config}: {}",
                    stdout(&out)
                );
            }
        }
    }
}

/// A folder holding a bad postmortem whose file name carries a newline and a workflow command,
/// ESC and BEL, and whose content holds ESC and BEL in what a team rule echoes.
fn hostile_names() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".postmortem-lint.toml"),
        "rule-files = [\"echo.toml\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("echo.toml"),
        r#"name = "echo-assignments"
severity = "error"
summary = "echoes key=value lines"
why = "It prints whatever it matches."
bad = "TOKEN=abc"
good = "no assignment"
message = "found {match}"
help = "none"
patterns = ['[A-Z_]+=\S+']
"#,
    )
    .unwrap();
    let text = clean_postmortem().replace(
        "## Impact\n",
        "## Impact\n\nTOKEN=\u{1b}[2J\u{1b}]0;owned\u{7}bell\u{7}\n",
    );
    for name in [
        "2026-09-18-a\n::error file=INJECTED::x.md",
        "2026-09-19-b\u{1b}[31mred\u{7}.md",
        "2026-09-20-c\r::warning title=INJECTED::x.md",
    ] {
        fs::write(dir.path().join(name), &text).unwrap();
    }
    dir
}

/// Points 2 and 3: a file name with a newline never starts an output line, in any format a
/// person or a runner reads; ESC and BEL from content and names never reach it raw.
#[test]
fn file_names_and_content_never_start_a_line_or_reach_the_terminal_raw() {
    let dir = hostile_names();
    for format in ["concise", "github", "human", "junit"] {
        let out = run_in(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "--as-of",
                AS_OF,
                "--no-history",
                ".",
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let all = format!("{text}{}", String::from_utf8_lossy(&out.stderr));
        assert!(
            all.matches("echo-assignments").count() >= 3,
            "{format}: {all}"
        );
        for line in text.lines() {
            let injected = line.contains("INJECTED")
                && line.starts_with("::")
                && !line.starts_with("::error file=2026-09-")
                && !line.starts_with("::warning file=2026-09-");
            assert!(!injected, "{format}: a name started a line: {line:?}");
            if format != "github" {
                assert!(!line.starts_with("::"), "{format}: {line:?}");
            }
        }
        if format == "github" {
            for line in text.lines() {
                assert!(
                    line.starts_with("::error file=2026-09-")
                        || line.starts_with("::warning file=2026-09-"),
                    "{line:?}"
                );
            }
        }
        if format != "junit" {
            assert!(
                !all.contains('\u{1b}') && !all.contains('\u{7}') && !all.contains('\r'),
                "{format}: a control character reached the output raw: {all:?}"
            );
        }
    }
}

/// Point 1 in the human format: a finding on a long line shows a window of it, not the whole
/// line once per finding (a 64 KB line with 2,000 findings printed 128 MB).
#[test]
fn a_finding_on_a_long_line_shows_a_window_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = with_long_line(PHRASE, 2_000);
    fs::write(dir.path().join("2026-09-18-long.md"), &text).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "human",
            "--as-of",
            AS_OF,
            "--no-history",
            "2026-09-18-long.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let longest = text.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 10_000, "a line of {longest} bytes");
    assert!(text.contains("be-more-careful"), "{text}");
    assert!(
        text.ends_with("2000 errors, 0 warnings in 1 file\n"),
        "{}",
        &text[text.len().saturating_sub(300)..]
    );
}

/// Point 7: a bare repository has no files to check; `check` and `report` there are an error
/// that says what to do, not "checked 0 files" and a green check.
#[test]
fn a_bare_repository_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    git2::Repository::init_bare(dir.path()).unwrap();
    for args in [
        &["check"][..],
        &["check", "."],
        &["check", "--format", "github", "hooks"],
        &["report"],
    ] {
        let out = run_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("bare repository") && err.contains("git clone"),
            "{args:?}: {err}"
        );
    }
}

/// A folder holding one bad postmortem.
fn one_bad() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let bad = clean_postmortem().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    fs::write(dir.path().join("2026-09-18-a.md"), bad).unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(path).unwrap().file_type().is_fifo()
}

/// Point 5: a FIFO named by --output, or a link to one, is written in place, and its reader
/// gets the report; it used to be replaced by a regular file, and the reader got nothing.
#[test]
fn a_report_to_a_fifo_or_a_link_to_one_goes_to_its_reader() {
    let dir = one_bad();
    let fifo = dir.path().join("report.fifo");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(&fifo, dir.path().join("link.json")).unwrap();
    for target in ["report.fifo", "link.json"] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        // A writer of our own, held through the run: the reader sees the end of the data only
        // once it is closed, and is never left waiting when the run wrote elsewhere.
        let held = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        let out = run_in(
            dir.path(),
            &[
                "check",
                "--format",
                "concise",
                "--output",
                &format!("json={target}"),
                "--as-of",
                AS_OF,
                "2026-09-18-a.md",
            ],
        );
        drop(held);
        let got = reader.join().unwrap();
        assert_eq!(out.status.code(), Some(1), "{target}: {}", stderr(&out));
        assert!(is_fifo(&fifo), "{target}: the FIFO was replaced");
        assert!(
            fs::symlink_metadata(dir.path().join("link.json"))
                .unwrap()
                .file_type()
                .is_symlink(),
            "{target}: the link was replaced"
        );
        let json: serde_json::Value = serde_json::from_str(&got)
            .unwrap_or_else(|e| panic!("{target}: the reader got no report ({e}): {got:?}"));
        assert_eq!(json["summary"]["errors"], 1, "{target}: {json}");
    }
}

/// Point 5: `--output json=/dev/stdout`, a link to the process's stdout (a pipe here), is
/// written in place: the JSON reaches the pipe and the link stays. (Tried through a link of
/// our own to /dev/stdout: as root the old code renamed its report over /dev/stdout itself.)
#[test]
fn a_report_to_a_link_to_stdout_is_written_to_the_pipe() {
    let dir = one_bad();
    let link = dir.path().join("stdout.json");
    std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--quiet",
            "--output",
            "json=stdout.json",
            "--as-of",
            AS_OF,
            "2026-09-18-a.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let text = stdout(&out);
    assert!(
        text.contains("\"summary\": { \"errors\": 1, \"warnings\": 0 }"),
        "{text}"
    );
    assert!(text.contains("error[human-error]"), "{text}");
}

/// Point 5: a report gets the mode the umask gives a new file (it was 0600 whatever the
/// umask); a report over a link to a regular file replaces the link, never the file it names.
#[test]
fn a_report_has_the_umasks_mode_and_never_writes_through_a_link_to_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = one_bad();
    for (umask, mode) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let report = dir.path().join(format!("report-{umask}.json"));
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_postmortem-lint"))
            .args(["check", "--quiet", "--as-of", AS_OF, "--output"])
            .arg(format!("json={}", report.display()))
            .arg("2026-09-18-a.md")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let got = fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}: mode {got:o}");
    }
    let kept = dir.path().join("kept.txt");
    fs::write(&kept, "not a report\n").unwrap();
    std::os::unix::fs::symlink(&kept, dir.path().join("linked.json")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--quiet",
            "--as-of",
            AS_OF,
            "--output",
            "json=linked.json",
            "2026-09-18-a.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&kept).unwrap(), "not a report\n");
    assert!(
        !fs::symlink_metadata(dir.path().join("linked.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Point 5: SIGINT or SIGTERM mid-run (a big input) leaves no temporary file beside the
/// report, and the exit status says which signal (130, 143); they used to leave 0-33 MB
/// `.tmp…` files.
#[test]
fn a_signal_mid_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = with_long_line(PHRASE, 1_000);
    let big = text.repeat(400);
    fs::write(dir.path().join("2026-09-18-big.md"), &big).unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    let temporary = || -> Vec<String> {
        fs::read_dir(&reports)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".tmp"))
            .collect()
    };
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
            .args([
                "check",
                "--format",
                "github",
                "--as-of",
                AS_OF,
                "--no-history",
            ])
            .arg("--output")
            .arg(format!("json={}", reports.join("report.json").display()))
            .arg("--output")
            .arg(format!("sarif={}", reports.join("report.sarif").display()))
            .arg("2026-09-18-big.md")
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while temporary().len() < 2 {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the run ended before it was signalled: make the input bigger"
            );
            assert!(start.elapsed().as_secs() < 60, "no temporary file appeared");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(temporary(), Vec::<String>::new(), "SIG{signal}");
        assert_eq!(status.code(), Some(code), "SIG{signal}: {status:?}");
        assert!(!reports.join("report.json").exists());
    }
}

/// Point 6: a rule's findings in a file are shown in full up to a hundred, then one finding
/// says how many more; totals, the exit code, JSON and SARIF count every one, and a comment
/// that silences a finding past the hundredth is still used.
#[test]
fn a_flood_of_findings_shows_a_hundred_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_postmortem();
    let at = clean.find("\n## Action items").unwrap();
    let mut lessons = String::new();
    for i in 0..252 {
        if i == 0 || i == 200 {
            lessons.push_str("<!-- postmortem-lint-disable-next-line be-more-careful -->\n");
        }
        lessons.push_str(&format!("- {i}: we must be more careful.\n"));
    }
    let text = format!("{}\n{lessons}{}", &clean[..at], &clean[at..]);
    fs::write(dir.path().join("2026-09-18-flood.md"), text).unwrap();
    let sarif = dir.path().join("report.sarif");
    let out = run_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--output",
            &format!("sarif={}", sarif.display()),
            "--as-of",
            AS_OF,
            "--no-history",
            "2026-09-18-flood.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["summary"]["errors"], 250, "{}", json["summary"]);
    let shown = json["diagnostics"].as_array().unwrap();
    let rules: Vec<&str> = shown.iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(
        !rules.contains(&"unused-suppression"),
        "a comment past the hundredth finding is used: {rules:?}"
    );
    assert_eq!(shown.len(), 101, "{rules:?}");
    let last = &shown[100];
    assert_eq!(last["not_shown"], 150, "{last}");
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .starts_with("150 more findings of `be-more-careful` in this file"),
        "{last}"
    );
    // At the first finding not shown: the 102nd line (the first was silenced).
    assert_eq!(last["line"], shown[99]["line"].as_u64().unwrap() + 1);
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 101);
    assert_eq!(results[100]["properties"]["notShown"], 150);

    let human = run_in(
        dir.path(),
        &[
            "check",
            "--as-of",
            AS_OF,
            "--no-history",
            "2026-09-18-flood.md",
        ],
    );
    assert!(
        stdout(&human).ends_with("250 errors, 0 warnings in 1 file\n"),
        "{}",
        stdout(&human)
    );
}

/// A repository whose branch `base` holds a good postmortem, and whose HEAD (a pull request)
/// adds a bad one beside `exclude = ["**/new-*.md"]` in the root config.
fn excluding_pull_request() -> (tempfile::TempDir, common::TestRepo) {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = common::TestRepo::init(&dir.path().join("repo"));
    repo.commit_files(
        &[
            ("docs/postmortems/2026-09-18-a.md", &clean_postmortem()),
            (".postmortem-lint.toml", "people = [\"Dana\"]\n"),
        ],
        "base",
    );
    let head = repo.repo.head().unwrap().target().unwrap();
    repo.repo
        .reference("refs/heads/base", head, true, "")
        .unwrap();
    let bad = clean_postmortem().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    repo.commit_files(
        &[
            ("docs/postmortems/new-outage.md", &bad),
            (
                ".postmortem-lint.toml",
                "people = [\"Dana\"]\nexclude = [\"**/new-*.md\"]\n[rules.missing-trigger]\nseverity = \"off\"\n",
            ),
        ],
        "the pull request",
    );
    (dir, repo)
}

/// Point 4: a pull request's config that excludes its own bad postmortem turned the run green
/// with nothing said. With --diff-base the run now names what the change does, on stderr and
/// (with --format github) as an annotation on the config and in the job summary.
#[test]
fn a_config_the_diff_changes_is_named_with_what_it_turns_off() {
    let (dir, repo) = excluding_pull_request();
    let summary = dir.path().join("summary.md");
    let out = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .args(["check", "--format", "github", "--diff-base", "base"])
        .args(["--as-of", AS_OF, "--no-history"])
        .current_dir(&repo.dir)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let annotations = stdout(&out);
    let warning = annotations
        .lines()
        .find(|l| {
            l.starts_with(
                "::warning file=.postmortem-lint.toml,title=postmortem-lint config changed::",
            )
        })
        .unwrap_or_else(|| panic!("no annotation on the config: {annotations}"));
    assert!(
        warning.contains("excludes `**/new-*.md`")
            && warning.contains("turns off `missing-trigger`"),
        "{warning}"
    );
    let err = stderr(&out);
    assert!(
        err.contains("warning: .postmortem-lint.toml: this config changed since base: it turns off `missing-trigger`; excludes `**/new-*.md`"),
        "{err}"
    );
    let summary = fs::read_to_string(&summary).unwrap();
    assert!(
        summary.contains("### Config changed by this diff")
            && summary.contains(
                "- `.postmortem-lint.toml`: turns off missing-trigger; excludes \\*\\*/new-\\*.md"
            ),
        "{summary}"
    );

    // Without --diff-base nothing is compared; the other formats keep stdout clean.
    let out = run_in(
        &repo.dir,
        &[
            "check",
            "--format",
            "json",
            "--diff-base",
            "base",
            "--as-of",
            AS_OF,
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["files_checked"], 0, "{json}");
    assert!(
        stderr(&out).contains("excludes `**/new-*.md`"),
        "{}",
        stderr(&out)
    );
}

/// Point 4: `--config-from base` reads every config from the base commit, so the pull
/// request's exclude governs nothing and its bad postmortem is checked and fails the run.
#[test]
fn config_from_the_base_checks_what_the_pull_request_excluded() {
    let (_dir, repo) = excluding_pull_request();
    let out = run_in(
        &repo.dir,
        &[
            "check",
            "--format",
            "concise",
            "--diff-base",
            "base",
            "--config-from",
            "base",
            "--as-of",
            AS_OF,
            "--no-history",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("docs/postmortems/new-outage.md:")
            && stdout(&out).contains("human-error"),
        "{}",
        stdout(&out)
    );
    // Walking the whole tree with the base's configs: the same.
    let out = run_in(
        &repo.dir,
        &[
            "check",
            "--format",
            "concise",
            "--config-from",
            "base",
            "--as-of",
            AS_OF,
            "--no-history",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A config the pull request added in a folder does not exist at the base: not used.
    fs::write(
        repo.dir.join("docs/postmortems/.postmortem-lint.toml"),
        "[rules.human-error]\nseverity = \"off\"\n",
    )
    .unwrap();
    let out = run_in(
        &repo.dir,
        &[
            "check",
            "--format",
            "concise",
            "--config-from",
            "base",
            "--as-of",
            AS_OF,
            "--no-history",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("human-error"), "{}", stdout(&out));
    // A reference that names no commit is a run that failed.
    let out = run_in(&repo.dir, &["check", "--config-from", "nope", "."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Point 4: a pull request that records its own findings in the config's baseline hides them;
/// the change is named, and with `--config-from base` the baseline is the base's too.
#[test]
fn config_from_the_base_reads_the_baseline_from_the_base() {
    let dir = tempfile::tempdir().unwrap();
    let mut repo = common::TestRepo::init(&dir.path().join("repo"));
    let config = "baseline = \"known.json\"\n";
    repo.write(&[
        ("docs/2026-09-18-a.md", &clean_postmortem()),
        (".postmortem-lint.toml", config),
    ]);
    let record = |repo: &common::TestRepo| {
        let out = run_in(
            &repo.dir,
            &[
                "baseline",
                "-f",
                "known.json",
                "--as-of",
                AS_OF,
                "--no-history",
                "docs",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        repo.write(&[(
            "known.json",
            &fs::read_to_string(repo.dir.join("known.json")).unwrap(),
        )]);
    };
    record(&repo);
    repo.commit("base");
    let head = repo.repo.head().unwrap().target().unwrap();
    repo.repo
        .reference("refs/heads/base", head, true, "")
        .unwrap();
    let bad = clean_postmortem().replace("## Trigger\n", "## Trigger\n\nIt was human error.\n");
    repo.write(&[("docs/2026-10-01-b.md", &bad)]);
    record(&repo);
    repo.commit("the pull request, its findings recorded");

    let args = [
        "check",
        "--format",
        "concise",
        "--diff-base",
        "base",
        "--as-of",
        AS_OF,
        "--no-history",
    ];
    let out = run_in(&repo.dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("names `known.json`, which changed"),
        "{}",
        stderr(&out)
    );
    let out = run_in(&repo.dir, &[&args[..], &["--config-from", "base"]].concat());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("docs/2026-10-01-b.md:"),
        "{}",
        stdout(&out)
    );
}

/// A submodule's config is its own repository's: a diff of the superproject does not call it
/// new on every run.
#[test]
fn a_submodules_config_is_not_a_change_of_the_superproject() {
    let dir = tempfile::tempdir().unwrap();
    let mut outer = common::TestRepo::init(&dir.path().join("outer"));
    outer.commit_files(&[("docs/2026-09-18-a.md", &clean_postmortem())], "outer");
    let head = outer.repo.head().unwrap().target().unwrap();
    outer
        .repo
        .reference("refs/heads/base", head, true, "")
        .unwrap();
    let mut inner = common::TestRepo::init(&outer.dir.join("vendor/handbook"));
    let inner_head = inner.commit_files(
        &[
            ("postmortems/2026-10-01-b.md", &clean_postmortem()),
            (
                ".postmortem-lint.toml",
                "[rules.human-error]\nseverity = \"off\"\n",
            ),
        ],
        "inner",
    );
    let mut index = outer.repo.index().unwrap();
    let mut entry = index
        .get_path(Path::new("docs/2026-09-18-a.md"), 0)
        .unwrap();
    entry.mode = 0o160000;
    entry.id = inner_head;
    entry.path = b"vendor/handbook".to_vec();
    entry.flags = "vendor/handbook".len() as u16;
    index.add(&entry).unwrap();
    index.write().unwrap();
    outer.commit("add the handbook as a submodule");
    let out = run_in(
        &outer.dir,
        &[
            "check",
            "--diff-base",
            "base",
            "--as-of",
            AS_OF,
            "--no-history",
        ],
    );
    assert!(!stderr(&out).contains("config changed"), "{}", stderr(&out));
}
