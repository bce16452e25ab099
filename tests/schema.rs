//! The JSON Schema of `.postmortem-lint.toml` as a user meets it: shipped in the repository
//! (`BLESS=1 cargo test --test schema` regenerates it from the config types), printed by
//! `config --schema`, accepting every config in the repository and every config `init` writes,
//! and refusing what the tool refuses.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, bless, clean_postmortem, root, run, run_in, stderr, stdout};
use postmortem_lint::config::schema::{SHIPPED, text};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn shipped() -> String {
    fs::read_to_string(root().join(SHIPPED)).unwrap_or_default()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&shipped()).unwrap();
    jsonschema::meta::validate(&schema).unwrap();
    jsonschema::draft7::new(&schema).unwrap()
}

/// A config's text as the JSON value the schema judges.
fn as_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).unwrap();
    serde_json::to_value(table).unwrap()
}

/// What the schema says of a config: `Ok`, or each error with where it is.
fn judge(validator: &jsonschema::Validator, text: &str) -> Result<(), String> {
    let value = as_json(text);
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

#[test]
fn the_shipped_schema_is_the_one_the_config_types_give() {
    let generated = text();
    if bless() {
        let path = root().join(SHIPPED);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &generated).unwrap();
        return;
    }
    assert!(
        shipped() == generated,
        "{SHIPPED} differs from the schema the config types give; run `BLESS=1 cargo test --test schema`"
    );
    let out = run(&["config", "--schema"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        shipped(),
        "`config --schema` prints {SHIPPED}"
    );
}

/// Every key the schema knows carries its doc text, and so does every rule and option: an
/// editor shows it on hover.
#[test]
fn every_setting_is_described() {
    let schema: Value = serde_json::from_str(&shipped()).unwrap();
    let described = |v: &Value| v["description"].as_str().is_some_and(|d| d.len() > 10);
    let keys = schema["properties"].as_object().unwrap();
    for key in [
        "template",
        "include",
        "exclude",
        "people",
        "rule-files",
        "date-format",
        "disclosure-phase",
        "new-dir",
        "baseline",
        "rules",
    ] {
        assert!(described(&keys[key]), "`{key}` has no description");
    }
    for (key, value) in keys {
        assert!(described(value), "`{key}` has no description");
    }
    let rules = schema["properties"]["rules"]["properties"]
        .as_object()
        .unwrap();
    assert!(rules.contains_key("be-more-careful"), "{rules:?}");
    for (name, rule) in rules {
        assert!(described(rule), "rule `{name}` has no description");
        for (option, value) in rule["properties"].as_object().unwrap() {
            assert!(described(value), "`{name}.{option}` has no description");
        }
    }
    let after_days = &rules["stale-action-item"]["properties"]["after-days"];
    assert_eq!(after_days["default"], 90, "{after_days}");
}

/// The config files of the repository (fixtures, docs, tests' data: wherever they are) and
/// the config examples of its Markdown files.
fn repository_configs() -> Vec<(PathBuf, String)> {
    let root = root();
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(&root).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        !(e.depth() > 0 && (name == "target" || name == ".git" || name == "node_modules"))
    });
    for entry in walk {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path().strip_prefix(&root).unwrap().to_path_buf();
        if postmortem_lint::config::FILE_NAMES.contains(&name.as_str()) {
            found.push((path, fs::read_to_string(entry.path()).unwrap()));
        } else if name.ends_with(".md") {
            // A fenced TOML example whose leading comments name the config file.
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            for block in text.split("```toml\n").skip(1) {
                let body = block.split("\n```").next().unwrap_or_default();
                let named = body.lines().take_while(|l| l.starts_with('#')).any(|l| {
                    postmortem_lint::config::FILE_NAMES
                        .iter()
                        .any(|n| l.trim_start_matches("# ") == *n)
                });
                if named {
                    found.push((path.clone(), format!("{body}\n")));
                }
            }
        }
    }
    found
}

#[test]
fn every_config_in_the_repository_is_valid() {
    let validator = validator();
    let configs = repository_configs();
    let names: Vec<String> = configs
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    // The six config files and the README's example at least: a walk that found none would
    // prove nothing.
    assert!(configs.len() >= 7, "{names:?}");
    assert!(names.contains(&"README.md".to_owned()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("fixtures/")),
        "{names:?}"
    );
    for (path, text) in &configs {
        if let Err(errors) = judge(&validator, text) {
            panic!("{}: not valid by {SHIPPED}:\n{errors}", path.display());
        }
    }
}

/// The config `init` writes (with its template file and baseline) is valid too.
#[test]
fn the_config_init_writes_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("docs/postmortems")).unwrap();
    fs::write(
        dir.path().join("docs/postmortems/2026-09-18-a.md"),
        clean_postmortem(),
    )
    .unwrap();
    fs::write(
        dir.path().join("docs/postmortems/2026-09-19-b"),
        clean_postmortem(),
    )
    .unwrap();
    let out = run_in(dir.path(), &["init", "--baseline", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = fs::read_to_string(dir.path().join(".postmortem-lint.toml")).unwrap();
    assert!(written.contains("include = "), "{written}");
    if let Err(errors) = judge(&validator(), &written) {
        panic!("the config init wrote is not valid:\n{written}\n{errors}");
    }
}

/// A rule file of the team's own, as the README shows it.
const HEROICS: &str = r#"name = "heroics"
severity = "warning"
summary = "the text praises individual heroics"
message = "\"{match}\" praises a person, not a process"
help = "say what made the recovery possible"
patterns = ['saved the day']
why = "Heroics hide the automation that was missing."
bad = "Dana saved the day."
good = "The runbook's rollback step worked as written."
"#;

/// Whether the tool accepts a config: `config --config FILE` in a folder holding the files
/// it may name.
fn tool_accepts(dir: &Path, text: &str) -> Result<(), String> {
    fs::write(dir.join("pml.toml"), text).unwrap();
    let out = run_in(dir, &["config", "--config", "pml.toml"]);
    match out.status.code() {
        Some(0) => Ok(()),
        Some(2) => Err(stderr(&out)),
        other => panic!("config exited {other:?}: {}", stderr(&out)),
    }
}

/// The schema refuses what the tool refuses, and accepts what it accepts: unknown keys,
/// rules, options and values alike.
#[test]
fn the_schema_refuses_what_the_tool_refuses() {
    let validator = validator();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("heroics.toml"), HEROICS).unwrap();
    fs::write(
        dir.path().join("ours.toml"),
        fs::read_to_string(root().join("rules/templates/default.toml")).unwrap(),
    )
    .unwrap();
    let valid = [
        "",
        "template = \"google-sre\"\n",
        "template = \"ours.toml\"\n",
        "include = [\"docs/**/*.md\"]\nexclude = [\"**/drafts/**\"]\npeople = [\"Dana\"]\n",
        "date-format = \"dmy\"\ndisclosure-phase = \"adjacent-teams\"\nnew-dir = \"docs\"\n",
        "stale-after-days = 60\n",
        "[rules.stale-action-item]\nafter-days = 30\nseverity = \"off\"\n",
        "[rules.vague-action]\nseverity = \"warning\"\n",
        "rule-files = [\"heroics.toml\"]\n[rules.heroics]\nseverity = \"error\"\n",
    ];
    let invalid = [
        "temlate = \"google-sre\"\n",
        "template = \"google-sr\"\n",
        "people = \"Dana\"\n",
        "date-format = \"ymd\"\n",
        "disclosure-phase = \"world\"\n",
        "stale-after-days = -1\n",
        "[rules.be-more-carefull]\nseverity = \"warning\"\n",
        "[rules.be-more-careful]\nseverity = \"eror\"\n",
        "[rules.be-more-careful]\nlevel = \"error\"\n",
        "[rules.stale-action-item]\nafter-dayz = 30\n",
        "[rules.stale-action-item]\nafter-days = -1\n",
        "[rules.stale-action-item]\nafter-days = \"30\"\n",
        "[rules]\nvague-action = \"error\"\n",
        "rule-files = [\"heroics.toml\"]\n[rules.heroics]\nlevel = \"error\"\n",
    ];
    for text in valid {
        if let Err(e) = tool_accepts(dir.path(), text) {
            panic!("the tool refuses {text:?}: {e}");
        }
        if let Err(e) = judge(&validator, text) {
            panic!("the schema refuses {text:?}, which the tool accepts:\n{e}");
        }
    }
    for text in invalid {
        assert!(
            tool_accepts(dir.path(), text).is_err(),
            "the tool accepts {text:?}"
        );
        assert!(
            judge(&validator, text).is_err(),
            "the schema accepts {text:?}, which the tool refuses"
        );
    }
}

/// The README names the schema as taplo and Even Better TOML read it: a `#:schema` first
/// line, with `config --schema` to write a copy.
#[test]
fn the_readme_names_the_schema() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("#:schema ./{SHIPPED}")),
        "the README shows no `#:schema ./{SHIPPED}` line"
    );
    assert!(readme.contains("postmortem-lint config --schema"));
}
