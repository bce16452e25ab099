//! A real editor: headless Neovim opens a postmortem, attaches `postmortem-lint server`,
//! and the test reads the diagnostics Neovim received and the edit of one code action it
//! applied. Skipped, saying so, where Neovim is not installed; a failure in CI (`.ci/run`
//! installs it and sets POSTMORTEM_LINT_CI).
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use common::EDITOR_POSTMORTEM as POSTMORTEM;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn neovim_shows_the_findings_and_applies_a_code_action() {
    let nvim = Command::new("nvim").arg("--version").output();
    if nvim.is_err() {
        common::cannot_run("nvim is not installed (Debian: apt-get install neovim)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2026-11-02-checkout.md");
    std::fs::write(&file, POSTMORTEM).unwrap();
    let out = dir.path().join("received.txt");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/editor/neovim.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {script}"))
        .env("PML_BIN", env!("CARGO_BIN_EXE_postmortem-lint"))
        .env("PML_FILE", &file)
        .env("PML_OUT", &out)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(90) {
            child.kill().unwrap();
            panic!("nvim did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let received = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        received,
        "0:2 missing-section ERROR
0:2 missing-trigger ERROR
13:10 be-more-careful ERROR
17:0 malformed-action-items ERROR
21:2 untracked-action-item ERROR
apply: Suppress `be-more-careful` here (with a reason)
after: 4
line 14: <!-- postmortem-lint-disable-next-line be-more-careful -- reason: TODO explain why -->
"
    );
}
