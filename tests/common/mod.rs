//! Helpers shared by the integration tests: run the real binary as a user would.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The "today" every test runs with, so date rules are reproducible.
pub const AS_OF: &str = "2026-11-27";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `postmortem-lint ARGS` from the repository root.
pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("POSTMORTEM_LINT_OUTPUT_FORMAT")
        // Inside GitHub Actions the report links to the files at the run's commit.
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA")
        .output()
        .unwrap()
}

/// As [`run_in`], with environment variables set (`Some`) or removed (`None`).
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, Option<&str>)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"));
    command.args(args).current_dir(dir);
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    command.output().unwrap()
}

/// Runs the binary in `dir` with `input` on its standard input. A run that exits before
/// reading it all (a refused argument) closes the pipe: that write error is no failure.
pub fn run_piped(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_postmortem-lint"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut stdin) = child.stdin.take()
        && let Err(e) = stdin.write_all(input)
    {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The real-world corpus beside the clone, when present.
pub fn corpus() -> Option<PathBuf> {
    let dir = root().join("../shared/corpus/real");
    dir.is_dir().then_some(dir)
}

/// A test that cannot run its point on this machine (a tool or ../shared missing): in CI
/// (`POSTMORTEM_LINT_CI` or `CI` set), where everything it needs is installed, that is a
/// failure; elsewhere the test says why it skips and returns.
pub fn cannot_run(why: &str) {
    let ci = ["POSTMORTEM_LINT_CI", "CI"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    assert!(!ci, "this test cannot run its point in CI: {why}");
    #[allow(clippy::print_stderr)]
    {
        eprintln!("skipped: {why}");
    }
}

/// Whether expected files should be rewritten instead of compared (`BLESS=1 cargo test`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

/// Changes the working tree and the index with `change`, then commits on HEAD as `author`:
/// every test repository is built this way, with git2 and no `git` process.
pub fn commit_with(
    repo: &git2::Repository,
    author: &git2::Signature<'_>,
    message: &str,
    change: &dyn Fn(&Path, &mut git2::Index),
) -> git2::Oid {
    let workdir = repo.workdir().unwrap().to_path_buf();
    let mut index = repo.index().unwrap();
    change(&workdir, &mut index);
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    repo.commit(Some("HEAD"), author, author, message, &tree, &parents)
        .unwrap()
}

/// Writes (`Some`) or deletes (`None`) `files` in the working tree `dir` and stages that: the
/// change of one commit of [`commit_with`].
pub fn change_files(dir: &Path, index: &mut git2::Index, files: &[(&str, Option<&str>)]) {
    for (path, text) in files {
        let full = dir.join(path);
        match text {
            Some(text) => {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, text).unwrap();
                index.add_path(Path::new(path)).unwrap();
            }
            None => {
                std::fs::remove_file(&full).unwrap();
                index.remove_path(Path::new(path)).unwrap();
            }
        }
    }
}

/// Writes `files` (path, text), stages them and commits on HEAD as `author`.
pub fn commit(
    repo: &git2::Repository,
    files: &[(&str, &str)],
    author: &git2::Signature<'_>,
    message: &str,
) -> git2::Oid {
    commit_with(repo, author, message, &|dir, index| {
        for (path, text) in files {
            let full = dir.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, text).unwrap();
            index.add_path(Path::new(path)).unwrap();
        }
    })
}

/// A repository built with git2 for a test: fixed author, fixed dates, no `git` process.
pub struct TestRepo {
    pub repo: git2::Repository,
    pub dir: PathBuf,
    day: i64,
}

impl TestRepo {
    pub fn init(dir: &Path) -> TestRepo {
        std::fs::create_dir_all(dir).unwrap();
        TestRepo {
            repo: git2::Repository::init(dir).unwrap(),
            dir: dir.to_path_buf(),
            day: 0,
        }
    }

    /// Writes `files` and stages them.
    pub fn write(&self, files: &[(&str, &str)]) {
        let mut index = self.repo.index().unwrap();
        for (path, text) in files {
            let full = self.dir.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, text).unwrap();
            index.add_path(Path::new(path)).unwrap();
        }
        index.write().unwrap();
    }

    /// Creates a symbolic link at `path` to `target` and stages it.
    #[cfg(unix)]
    pub fn link(&self, path: &str, target: &Path) {
        let full = self.dir.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, &full).unwrap();
        let mut index = self.repo.index().unwrap();
        index.add_path(Path::new(path)).unwrap();
        index.write().unwrap();
    }

    /// Commits what is staged on HEAD, a day after the previous commit (from 2026-11-01).
    pub fn commit(&mut self, message: &str) -> git2::Oid {
        self.day += 1;
        let when = git2::Time::new(1_793_491_200 + self.day * 86_400, 0);
        let me = git2::Signature::new("Dana Whitfield", "dana@example.com", &when).unwrap();
        commit_with(&self.repo, &me, message, &|_, _| {})
    }

    /// Writes, stages and commits `files`.
    pub fn commit_files(&mut self, files: &[(&str, &str)], message: &str) -> git2::Oid {
        self.write(files);
        self.commit(message)
    }
}

/// A clean postmortem written to the default template.
pub fn clean_postmortem() -> String {
    std::fs::read_to_string(root().join("fixtures/examples/2026-09-18-checkout-latency.md"))
        .unwrap()
}

/// A postmortem with five findings on known lines, as the editor tests open it (the language
/// server's protocol tests and the headless Neovim test).
pub const EDITOR_POSTMORTEM: &str = "# Postmortem: checkout latency

- Owner: @dana
- Reviewers: @lee
- Status: review
- Date: 2026-11-02

## Summary

Checkout p99 latency rose to 9 s. Detected at 14:05 UTC, resolved at 14:53 UTC; duration 48 minutes.

## Lessons learned

We should be more careful when changing pool sizes.

## Action items

| ID | Action | Owner | Due |
|----|--------|-------|-----|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 |

- Add an alert on connection-pool saturation
";

/// The five rules that judge a postmortem's wording (LANGUAGE.md's kinds).
pub const LANGUAGE_RULES: [&str; 5] = [
    "be-more-careful",
    "human-error",
    "blamed-person",
    "vague-action",
    "feelings-in-timeline",
];

/// The language rules that fire on `doc`, written as `pm.md` in `dir` and checked there.
pub fn language_findings(dir: &Path, doc: &str) -> Vec<String> {
    std::fs::write(dir.join("pm.md"), doc).unwrap();
    let out = run_in(
        dir,
        &["check", "pm.md", "--format", "json", "--as-of", AS_OF],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .filter(|r| LANGUAGE_RULES.contains(&r.as_str()))
        .collect()
}
