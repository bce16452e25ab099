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
        .output()
        .unwrap()
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

/// Whether expected files should be rewritten instead of compared (`BLESS=1 cargo test`).
pub fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}
