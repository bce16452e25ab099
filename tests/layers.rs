//! Layers point down: each module of `src/` uses only modules of its own layer or below it.
//! source (text, located errors, did-you-mean, path confinement) → document → diagnostic →
//! rules → config → engine (checking files, suppressions, git, the file walk) → render /
//! baseline / report / init / docs → cli. This test reads every `crate::…` path in `src/`.
#![allow(clippy::unwrap_used)]

mod common;

use std::fs;

/// The layer of each top-level module of the library (and `cli`, the binary's).
const LAYERS: &[(&str, usize)] = &[
    ("source", 0),
    ("escape", 0),
    ("re", 0),
    ("located", 0),
    ("confine", 0),
    ("document", 1),
    ("diagnostic", 2),
    ("rules", 3),
    ("config", 4),
    ("check", 5),
    ("suppress", 5),
    ("files", 5),
    ("git", 5),
    ("render", 6),
    ("baseline", 6),
    ("report", 6),
    ("init", 6),
    ("docs", 6),
    ("skeleton", 6),
    ("run", 6),
    ("server", 6),
    ("cli", 7),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = common::root().join("src");
    let mut upward = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry.path().strip_prefix(&src).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if matches!(top.as_str(), "lib" | "main") {
            continue;
        }
        let Some(own) = layer_of(&top) else {
            panic!("src/{top} has no layer in tests/layers.rs: give it one");
        };
        let text = fs::read_to_string(entry.path()).unwrap();
        for (n, line) in text.lines().enumerate() {
            // `crate::x` in the library, `postmortem_lint::x` in the binary's cli.
            for prefix in ["crate::", "postmortem_lint::"] {
                let mut rest = line;
                while let Some(i) = rest.find(prefix) {
                    rest = &rest[i + prefix.len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if let Some(layer) = layer_of(&name)
                        && layer > own
                    {
                        upward.push(format!(
                            "src/{}:{}: {top} (layer {own}) uses {name} (layer {layer})",
                            rel.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_source_file_is_over_500_lines() {
    let src = common::root().join("src");
    let long: Vec<String> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter_map(|e| {
            let lines = fs::read_to_string(e.path()).unwrap().lines().count();
            (lines > 500).then(|| format!("{} ({lines} lines)", e.path().display()))
        })
        .collect();
    assert!(long.is_empty(), "split these:\n{}", long.join("\n"));
}
