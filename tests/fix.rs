//! `check --fix`, `--unsafe-fixes` and `--diff`, run as a user runs them on a copy of
//! `fixtures/fix/`: the diff is the snapshot beside the fixture, `--fix` writes exactly that
//! change, a second run finds nothing to fix, no rule has more findings after fixing than
//! before, and files with nothing to fix are never written.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, bless, root, run_in, stderr, stdout};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const FIXTURE: &str = "fixtures/fix/queue-backlog.md";

/// A temporary folder holding the fixture as `pm.md`, with `text` when given.
fn copy(text: Option<&[u8]>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read(root().join(FIXTURE)).unwrap();
    fs::write(dir.path().join("pm.md"), text.unwrap_or(&original)).unwrap();
    dir
}

fn check(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "pm.md", "--as-of", AS_OF, "--no-history"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// How many findings of each rule `check --format json` reports.
fn counts(dir: &Path) -> BTreeMap<String, usize> {
    let out = check(dir, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut counts = BTreeMap::new();
    for d in json["diagnostics"].as_array().unwrap() {
        *counts
            .entry(d["rule"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    counts
}

/// The snapshot `name` beside the fixture, compared (or written, with BLESS=1).
fn snapshot(name: &str, actual: &str) {
    let path = root().join("fixtures/fix").join(name);
    if bless() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "{name} differs (BLESS=1 cargo test --test fix rewrites it)"
    );
}

/// The diff `--diff` prints for a copy, with the copy's name made the fixture's.
fn diff(unsafe_fixes: bool) -> (String, String, i32) {
    let dir = copy(None);
    let mut extra = vec!["--diff"];
    if unsafe_fixes {
        extra.push("--unsafe-fixes");
    }
    let out = check(dir.path(), &extra);
    let before = fs::read(root().join(FIXTURE)).unwrap();
    assert_eq!(
        fs::read(dir.path().join("pm.md")).unwrap(),
        before,
        "--diff wrote the file"
    );
    (stdout(&out), stderr(&out), out.status.code().unwrap())
}

#[test]
fn diff_prints_what_fix_would_change_and_writes_nothing() {
    let (safe, said, code) = diff(false);
    assert_eq!(code, 1, "something to fix: exit 1");
    assert!(said.contains("would apply 3 fixes to 1 file"), "{said}");
    snapshot("queue-backlog.diff", &safe);
    let (unsafe_diff, said, code) = diff(true);
    assert_eq!(code, 1);
    assert!(said.contains("would apply 7 fixes to 1 file"), "{said}");
    snapshot("queue-backlog.unsafe.diff", &unsafe_diff);
    // The safe fixes keep the document's words: only comments go.
    assert!(!safe.contains("+| 1 |"), "{safe}");
    assert!(unsafe_diff.contains("| detect | open |"), "{unsafe_diff}");
}

/// The lines only one of two texts holds: those of the first as `-line`, then those of the
/// second as `+line`.
fn unified(before: &str, after: &str) -> String {
    let lines_before: Vec<&str> = before.lines().collect();
    let lines_after: Vec<&str> = after.lines().collect();
    // Only the changed lines are compared: the snapshot's hunks hold them in order.
    let removed: Vec<String> = lines_before
        .iter()
        .filter(|l| !lines_after.contains(l))
        .map(|l| format!("-{l}"))
        .collect();
    let added: Vec<String> = lines_after
        .iter()
        .filter(|l| !lines_before.contains(l))
        .map(|l| format!("+{l}"))
        .collect();
    [removed, added].concat().join("\n")
}

#[test]
fn fix_writes_what_diff_showed_once_and_adds_no_finding() {
    for (unsafe_fixes, snapshot_name) in [
        (false, "queue-backlog.diff"),
        (true, "queue-backlog.unsafe.diff"),
    ] {
        let dir = copy(None);
        let before_counts = counts(dir.path());
        let mut extra = vec!["--fix"];
        if unsafe_fixes {
            extra.push("--unsafe-fixes");
        }
        let out = check(dir.path(), &extra);
        assert!(
            stderr(&out).contains("postmortem-lint: applied "),
            "{}",
            stderr(&out)
        );
        // What is left that only an unsafe fix takes away is said, as ruff says it.
        assert_eq!(
            stderr(&out).contains("can be fixed with `--fix --unsafe-fixes`"),
            !unsafe_fixes,
            "{}",
            stderr(&out)
        );
        let before = fs::read_to_string(root().join(FIXTURE)).unwrap();
        let after = fs::read_to_string(dir.path().join("pm.md")).unwrap();
        // The lines --fix removed and added are those the snapshot diff removes and adds.
        let shown = fs::read_to_string(root().join("fixtures/fix").join(snapshot_name)).unwrap();
        let changed: Vec<&str> = shown
            .lines()
            .filter(|l| {
                (l.starts_with('-') && !l.starts_with("---"))
                    || (l.starts_with('+') && !l.starts_with("+++"))
            })
            .collect();
        let mut expected: Vec<&str> = changed
            .iter()
            .filter(|l| l.starts_with('-'))
            .copied()
            .collect();
        expected.extend(changed.iter().filter(|l| l.starts_with('+')));
        let mut actual = unified(&before, &after);
        // A removed blank line is not told apart by `unified`: compare the non-blank ones.
        let non_blank = |v: Vec<&str>| -> Vec<String> {
            v.into_iter()
                .filter(|l| l.len() > 1)
                .map(str::to_owned)
                .collect()
        };
        let expected = non_blank(expected);
        actual = non_blank(actual.lines().collect()).join("\n");
        assert_eq!(actual, expected.join("\n"), "unsafe: {unsafe_fixes}");

        // No rule has more findings than before; the fixed ones are gone.
        let after_counts = counts(dir.path());
        for (rule, n) in &after_counts {
            assert!(
                n <= before_counts.get(rule).unwrap_or(&0),
                "{rule} grew: {after_counts:?} from {before_counts:?}"
            );
        }
        // Safe fixes leave the misspelt rule name (`blamed-persn`) for the unsafe fix that
        // corrects it.
        let left = usize::from(!unsafe_fixes);
        assert_eq!(
            after_counts.get("unused-suppression").copied().unwrap_or(0),
            left,
            "{after_counts:?}"
        );
        assert_eq!(
            after_counts.contains_key("unlabeled-action-item"),
            !unsafe_fixes
        );
        assert_eq!(
            after_counts.contains_key("invalid-action-status"),
            !unsafe_fixes
        );

        // Idempotent: nothing left to fix, nothing written.
        let again = check(dir.path(), &extra);
        assert!(
            !stderr(&again).contains("postmortem-lint: applied"),
            "{}",
            stderr(&again)
        );
        assert_eq!(fs::read_to_string(dir.path().join("pm.md")).unwrap(), after);
        let nothing = check(dir.path(), &["--diff"]);
        assert_eq!(nothing.status.code(), Some(0), "{}", stdout(&nothing));
        assert_eq!(stdout(&nothing), "");
        assert!(stderr(&nothing).contains("nothing to fix"));
    }
}

#[test]
fn a_file_with_nothing_to_fix_is_never_written() {
    let text = common::clean_postmortem();
    let dir = copy(Some(text.as_bytes()));
    let path = dir.path().join("pm.md");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = check(dir.path(), &["--fix", "--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn line_ends_and_byte_order_mark_are_kept() {
    let lf = fs::read_to_string(root().join(FIXTURE)).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let dir = copy(Some(crlf.as_bytes()));
    check(dir.path(), &["--fix"]);
    let fixed_crlf = fs::read_to_string(dir.path().join("pm.md")).unwrap();
    let plain = copy(None);
    check(plain.path(), &["--fix"]);
    let fixed_lf = fs::read_to_string(plain.path().join("pm.md")).unwrap();
    assert_ne!(fixed_lf, lf, "the fixture has something to fix");
    assert_eq!(
        fixed_crlf,
        format!("\u{feff}{}", fixed_lf.replace('\n', "\r\n"))
    );

    // Both kinds of line end: not fixed, and said so.
    let mixed = lf.replacen('\n', "\r\n", 3);
    let dir = copy(Some(mixed.as_bytes()));
    let out = check(dir.path(), &["--fix"]);
    assert!(
        stderr(&out).contains("pm.md: not fixed: its lines end both in LF and CRLF"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(dir.path().join("pm.md")).unwrap(), mixed);
}

#[test]
fn fix_options_that_cannot_work_are_refused() {
    let dir = copy(None);
    let out = check(dir.path(), &["--unsafe-fixes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--unsafe-fixes needs --fix or --diff"));
    let out = check(dir.path(), &["--fix", "--staged"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be used with"),
        "{}",
        stderr(&out)
    );
}

/// A fix that would leave the file with more findings of some rule is withheld, and said so,
/// while the others apply: removing a comment that splits a table joins the rows after it,
/// whose misspelt status then shows.
#[test]
fn a_fix_that_would_add_a_finding_is_withheld_and_the_others_apply() {
    let text = fs::read_to_string(root().join(FIXTURE))
        .unwrap()
        .replace(
            "| 2 | Load test consumer retry settings in CI |",
            "<!-- postmortem-lint-disable-next-line vague-action -->\n| 2 | Load test consumer retry settings in CI |",
        );
    let dir = copy(Some(text.as_bytes()));
    let out = check(dir.path(), &["--fix"]);
    let said = stderr(&out);
    assert!(
        said.contains("not applied: \"Remove the unused suppression\": the file would then have more `invalid-action-status` findings"),
        "{said}"
    );
    assert!(
        said.contains("postmortem-lint: applied 3 fixes to 1 file"),
        "{said}"
    );
    let after = fs::read_to_string(dir.path().join("pm.md")).unwrap();
    assert!(
        after.contains("<!-- postmortem-lint-disable-next-line vague-action -->\n| 2 |"),
        "{after}"
    );
    assert!(!after.contains("human-error -- the vendor"), "{after}");
}

/// A misspelt directive is reported and corrected to the one meant; two swapped letters in a
/// status are one edit ("opne" is "open").
#[test]
fn a_misspelt_directive_and_swapped_letters_are_corrected() {
    let text = fs::read_to_string(root().join(FIXTURE))
        .unwrap()
        .replace("disable-next-line human-error", "disable-line human-error")
        .replace("| prevent | open |", "| prevent | opne |");
    let dir = copy(Some(text.as_bytes()));
    let found = stdout(&check(dir.path(), &["--format", "concise"]));
    assert!(
        found.contains("`postmortem-lint-disable-line` is not a suppression"),
        "{found}"
    );
    let diff = stdout(&check(dir.path(), &["--diff", "--unsafe-fixes"]));
    assert!(diff.contains("+| 3 | Fill the staging queue from a sample of production traffic | @omar | 2027-01-31 | prevent | open |"), "{diff}");
}

/// When the fixed file cannot be written, the findings shown are those of the file on disk,
/// not of the fixed text that was not saved. The file is read-only in a read-only folder; as
/// root (who writes anyway) the check runs as `nobody`, through util-linux's `setpriv`.
#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_keeps_its_own_findings() {
    use std::os::unix::fs::PermissionsExt;
    let dir = copy(None);
    let before = stdout(&check(dir.path(), &["--format", "concise"]));
    let mode =
        |path: &Path, m: u32| fs::set_permissions(path, fs::Permissions::from_mode(m)).unwrap();
    mode(dir.path(), 0o555);
    mode(&dir.path().join("pm.md"), 0o444);
    let bin = env!("CARGO_BIN_EXE_postmortem-lint");
    let args = [
        "check",
        "pm.md",
        "--as-of",
        AS_OF,
        "--no-history",
        "--fix",
        "--format",
        "concise",
    ];
    let root_user = fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("pm.md"))
        .is_ok();
    let out = if root_user {
        if std::process::Command::new("setpriv")
            .arg("--version")
            .output()
            .is_err()
        {
            mode(dir.path(), 0o755);
            common::cannot_run("running as root without util-linux's setpriv to drop to nobody");
            return;
        }
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", bin])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    } else {
        run_in(dir.path(), &args)
    };
    mode(dir.path(), 0o755);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("pm.md: cannot write the fixes"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), before);
    assert_eq!(
        fs::read(dir.path().join("pm.md")).unwrap(),
        fs::read(root().join(FIXTURE)).unwrap()
    );
}
