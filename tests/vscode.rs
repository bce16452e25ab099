//! The VS Code extension (`editors/vscode/`): its own tests, run with Node's test runner
//! against this build's binary: where it looks for `postmortem-lint`, `activate` against a
//! stand-in for the `vscode` module, and the real `postmortem-lint server` started with the
//! server options the extension gives (initialize, the findings of an opened postmortem, a
//! hover, shutdown, exit 0). Not a VS Code window: none can be downloaded here. Skipped, saying
//! so, where node or the extension's `node_modules` are missing; a failure in CI (`.ci/run`
//! runs `npm ci` there and sets POSTMORTEM_LINT_CI).
#![allow(clippy::unwrap_used)]

mod common;

use serde_json::Value;
use std::process::Command;

fn extension_dir() -> std::path::PathBuf {
    common::root().join("editors/vscode")
}

#[test]
fn the_extensions_node_tests_pass_against_this_build() {
    if Command::new("node").arg("--version").output().is_err() {
        common::cannot_run("node is not installed (Debian: apt-get install nodejs npm)");
        return;
    }
    let dir = extension_dir();
    if !dir
        .join("node_modules/vscode-languageserver-protocol")
        .is_dir()
    {
        common::cannot_run("editors/vscode/node_modules is missing: run `npm ci` there");
        return;
    }
    let mut files: Vec<String> = std::fs::read_dir(dir.join("test"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".test.js"))
        .map(|name| format!("test/{name}"))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "test/extension.test.js",
            "test/roundtrip.test.js",
            "test/server.test.js"
        ]
    );
    let out = Command::new("node")
        .arg("--test")
        .args(&files)
        .current_dir(&dir)
        .env("PML_BIN", env!("CARGO_BIN_EXE_postmortem-lint"))
        .env_remove("NODE_OPTIONS")
        .env_remove("NODE_TEST_CONTEXT")
        .output()
        .unwrap();
    let stdout = common::stdout(&out);
    let report = format!("{stdout}\n{}", common::stderr(&out));
    assert!(out.status.success(), "node --test failed:\n{report}");
    // Every test ran: the round trip skips only without a binary, and PML_BIN names one.
    for line in ["# fail 0", "# skipped 0", "# cancelled 0"] {
        assert!(
            stdout.lines().any(|l| l == line),
            "no `{line}` in:\n{report}"
        );
    }
    let passed: u32 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("# pass "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(passed >= 16, "only {passed} passed:\n{report}");
}

/// The extension is released with the linter: the same version (the `.vsix` is
/// `postmortem-lint-<version>.vsix`), license and repository as `Cargo.toml`, and a lockfile
/// for that very package.json (`npm ci` refuses one that does not match).
#[test]
fn the_extension_has_the_crates_version_license_and_repository() {
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(extension_dir().join(name)).unwrap()).unwrap()
    };
    let package = read("package.json");
    let lock = read("package-lock.json");
    assert_eq!(package["name"], "postmortem-lint");
    assert_eq!(package["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(lock["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        lock["packages"][""]["dependencies"],
        package["dependencies"]
    );
    assert_eq!(
        lock["packages"][""]["devDependencies"],
        package["devDependencies"]
    );
    assert_eq!(
        package["license"],
        format!("({})", env!("CARGO_PKG_LICENSE"))
    );
    assert_eq!(package["repository"]["url"], env!("CARGO_PKG_REPOSITORY"));
    // The entry point is the source itself: there is no compile step to forget.
    let main = package["main"].as_str().unwrap();
    assert!(extension_dir().join(main).is_file(), "{main}");
    assert!(
        package["activationEvents"]
            .as_array()
            .unwrap()
            .contains(&Value::from("onLanguage:markdown"))
    );
}
