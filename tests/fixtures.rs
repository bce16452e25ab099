//! Every fixture under `fixtures/` is checked and its output compared with the `.stdout` file
//! beside it (an empty file for a clean case). `BLESS=1 cargo test` rewrites
//! the expected files; review the diff like code.
//!
//! Layout: `fixtures/<rule>/fires-*.md` must report `<rule>`, `fixtures/<rule>/ok-*.md` must
//! not; every rule has at least one of each.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, bless, root, run, stdout};
use postmortem_lint::check::check_bytes;
use postmortem_lint::config::Settings;
use postmortem_lint::diagnostic::FileFindings;
use postmortem_lint::document::Date;
use postmortem_lint::render::{Format, RenderOptions, render};
use postmortem_lint::rules::registry;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in fs::read_dir(root().join("fixtures")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for file in fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            if file.extension().is_some_and(|e| e == "md") {
                out.push(file);
            }
        }
    }
    out.sort();
    out
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The rule a fixture folder is named after, if it is one.
fn rule_of(fixture: &Path) -> Option<&'static str> {
    let folder = fixture
        .parent()?
        .file_name()?
        .to_string_lossy()
        .into_owned();
    registry()
        .iter()
        .map(|r| r.doc().name)
        .find(|name| *name == folder)
}

/// Checks a fixture in this process with only `rule` enabled, as ruff's fixture tests do: a
/// fixture tests one rule, and can be a snippet. Its folder's config applies, if it has one.
fn check_one_rule(fixture: &Path, rule: &str) -> FileFindings {
    let as_of = Date::parse_iso(AS_OF).unwrap();
    let mut settings = match postmortem_lint::config::discover(fixture) {
        Some(file) if file.starts_with(root().join("fixtures")) => {
            Settings::load_discovered(&file, as_of).unwrap()
        }
        _ => Settings::defaults(as_of),
    };
    settings.rules.retain(|(r, _)| r.doc().name == rule);
    let bytes = fs::read(fixture).unwrap();
    check_bytes(&relative(fixture), &bytes, &settings)
}

/// The plain rendering of a fixture's findings: as `check --no-color` prints them.
fn rendered(findings: &FileFindings) -> String {
    let mut out = Vec::new();
    let options = RenderOptions {
        color: false,
        quiet: false,
    };
    render(
        &mut out,
        std::slice::from_ref(findings),
        Format::Human,
        options,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// Fixtures in a rule's folder are checked in this process with only that rule enabled; the
/// others (`examples/`, preset sets) are whole postmortems that the real binary checks with
/// every rule, the cross-rule net.
#[test]
fn every_fixture_matches_its_expected_output() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let rel = relative(&fixture);
        if let Some(rule) = rule_of(&fixture) {
            let actual = rendered(&check_one_rule(&fixture, rule));
            let expected_path = fixture.with_extension("stdout");
            if bless() {
                fs::write(&expected_path, &actual).unwrap();
            } else if fs::read_to_string(&expected_path).ok().as_deref() != Some(actual.as_str()) {
                let expected = fs::read_to_string(&expected_path).unwrap_or_default();
                failures.push(format!(
                    "--- {rel}: expected\n{expected}\n--- actual\n{actual}"
                ));
            }
            continue;
        }
        let out = run(&["check", &rel, "--as-of", AS_OF, "--no-color"]);
        let actual = stdout(&out);
        let expected_path = fixture.with_extension("stdout");
        if bless() {
            fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} has no expected output; run `BLESS=1 cargo test --test fixtures`",
                rel
            )
        });
        if actual != expected {
            failures.push(format!(
                "--- {rel}: expected\n{expected}\n--- actual\n{actual}"
            ));
        }
        let code = out.status.code().unwrap();
        let has_error = actual.contains("\nerror[") || actual.starts_with("error[");
        assert_eq!(
            code,
            i32::from(has_error),
            "{rel}: exit code {code} for this output:\n{actual}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ (BLESS=1 to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_firing_and_a_clean_fixture() {
    for rule in registry() {
        let name = rule.doc().name;
        // Rules that read git history fire in `tests/git.rs`, on repositories with scripted
        // dates: a fixture's own history is too young.
        let needs_history = rule.doc().scope == postmortem_lint::rules::Scope::History;
        let dir = root().join("fixtures").join(name);
        let cases: Vec<PathBuf> = fixtures()
            .into_iter()
            .filter(|f| f.starts_with(&dir))
            .collect();
        let fires: Vec<&PathBuf> = cases
            .iter()
            .filter(|f| file_name(f).starts_with("fires"))
            .collect();
        let ok: Vec<&PathBuf> = cases
            .iter()
            .filter(|f| file_name(f).starts_with("ok"))
            .collect();
        assert!(
            needs_history || !fires.is_empty(),
            "{name}: no fixtures/{name}/fires-*.md"
        );
        assert!(!ok.is_empty(), "{name}: no fixtures/{name}/ok-*.md");
        for f in fires {
            let found = check_one_rule(f, name);
            assert!(
                found.diagnostics.iter().any(|d| d.rule == name),
                "{}: {name} did not fire:\n{}",
                relative(f),
                rendered(&found)
            );
        }
        for f in ok {
            let found = check_one_rule(f, name);
            assert!(
                found.diagnostics.iter().all(|d| d.rule != name),
                "{}: {name} fired:\n{}",
                relative(f),
                rendered(&found)
            );
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// STYLE 6: messages state the problem, lowercase, no trailing period; help states the fix.
#[test]
fn messages_follow_the_house_style() {
    let paths: Vec<String> = fixtures().iter().map(|f| relative(f)).collect();
    let mut args = vec!["check", "--as-of", AS_OF, "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let json: serde_json::Value = serde_json::from_str(&stdout(&run(&args))).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 30);
    for d in diagnostics {
        for key in ["message", "help"] {
            let text = d[key].as_str().unwrap_or_else(|| panic!("{d}: no {key}"));
            let first = text.chars().next().unwrap();
            assert!(!first.is_uppercase(), "{key} starts uppercase: {text}");
            assert!(!text.ends_with('.'), "{key} ends with a period: {text}");
        }
    }
}
