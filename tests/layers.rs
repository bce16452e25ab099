//! Layers point down: each module of `src/` uses only modules of its own layer or below it.
//! source (text, located errors, did-you-mean, path confinement) → document → diagnostic →
//! rules → config → engine (checking files, suppressions, git, the file walk) → render /
//! baseline / report / init / docs → cli. This test reads every `crate::…` path in `src/`.
//! Within a layer, modules may use each other only without a cycle, and a module never passes
//! on another's items (`pub use crate::…`): each item is imported from where it is defined,
//! so the graph read here is the real one.
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
    ("fix", 5),
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
    let mut upward = Vec::new();
    for file in module_uses() {
        let Some(own) = layer_of(&file.top) else {
            panic!(
                "src/{} has no layer in tests/layers.rs: give it one",
                file.top
            );
        };
        for (line, name) in &file.uses {
            if let Some(layer) = layer_of(name)
                && layer > own
            {
                upward.push(format!(
                    "src/{}:{line}: {} (layer {own}) uses {name} (layer {layer})",
                    file.path, file.top
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}",
        upward.join("\n")
    );
}

/// A library source file: its path under `src/`, its top-level module, the other top-level
/// modules its `crate::…` and `postmortem_lint::…` paths name (with the line), and its text.
struct SourceFile {
    path: String,
    top: String,
    uses: Vec<(usize, String)>,
    text: String,
}

/// Every library source file (`lib.rs` and `main.rs` aside).
fn module_uses() -> Vec<SourceFile> {
    let src = common::root().join("src");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
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
        let text = fs::read_to_string(entry.path()).unwrap();
        let mut uses = Vec::new();
        for (n, line) in text.lines().enumerate() {
            for prefix in ["crate::", "postmortem_lint::"] {
                let mut rest = line;
                while let Some(i) = rest.find(prefix) {
                    rest = &rest[i + prefix.len()..];
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if name != top && layer_of(&name).is_some() {
                        uses.push((n + 1, name));
                    }
                }
            }
        }
        out.push(SourceFile {
            path: rel.display().to_string(),
            top,
            uses,
            text,
        });
    }
    out
}

#[test]
fn no_module_passes_on_another_modules_items() {
    let mut passed = Vec::new();
    for file in module_uses() {
        for (n, line) in file.text.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("pub use crate::") || line.starts_with("pub(crate) use crate::") {
                passed.push(format!("src/{}:{}: {line}", file.path, n + 1));
            }
        }
    }
    assert!(
        passed.is_empty(),
        "re-exports across modules (import each item from where it is defined):\n{}",
        passed.join("\n")
    );
}

#[test]
fn no_two_modules_use_each_other() {
    // Top-level module → the modules it uses, with one place each use is made.
    let mut graph: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> =
        Default::default();
    for file in module_uses() {
        let edges = graph.entry(file.top).or_default();
        for (line, name) in file.uses {
            edges
                .entry(name)
                .or_insert(format!("src/{}:{line}", file.path));
        }
    }
    // A cycle: a path from a module back to itself.
    let mut cycles = Vec::new();
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = std::collections::BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for (next, place) in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let mut shown = path.clone();
                    shown.push(format!("{next} (at {place})"));
                    cycles.push(shown.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    cycles.sort();
    cycles.dedup();
    assert!(
        cycles.is_empty(),
        "modules that use each other:\n{}",
        cycles.join("\n")
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
