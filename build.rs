//! Builds, for each built-in prose phrase rule (`rules/language/*.toml`), its forward and
//! reverse dense DFAs, serialised for the target's byte order: at run time they are loaded in
//! microseconds instead of compiled in a millisecond each. The patterns are translated by the
//! same code the crate uses (`src/rules/phrase/pattern.rs`); a test compares what the loaded
//! automata find with what the compiled regex finds.

#[path = "src/rules/phrase/pattern.rs"]
mod pattern;

use regex_automata::dfa::{dense, regex::Regex};
use regex_automata::util::syntax;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rules/language");
    println!("cargo::rerun-if-changed=src/rules/phrase/pattern.rs");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let little = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() != Ok("big");
    let mut files: Vec<_> = std::fs::read_dir("rules/language")
        .expect("rules/language is part of the crate")
        .map(|e| e.expect("a readable folder").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut table = String::from("&[\n");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable rule file");
        let value: toml::Table = text.parse().expect("the rule file is TOML (a test checks)");
        let prose = value
            .get("target")
            .and_then(|t| t.as_str())
            .unwrap_or("prose")
            == "prose";
        if !prose {
            // Action rules are anchored at both ends: their reverse automata are huge.
            continue;
        }
        let patterns: Vec<&str> = value
            .get("patterns")
            .and_then(|p| p.as_array())
            .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
            .unwrap_or_default();
        let built = Regex::builder()
            .syntax(
                syntax::Config::new()
                    .case_insensitive(true)
                    .unicode(false)
                    .nest_limit(64),
            )
            .dense(dense::Config::new().minimize(false))
            .build(&pattern::alternation(patterns));
        // A pattern that needs Unicode has no ASCII automaton: it is compiled at run time.
        let Ok(regex) = built else { continue };
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        for (kind, dfa) in [("fwd", regex.forward()), ("rev", regex.reverse())] {
            let (bytes, pad) = if little {
                dfa.to_bytes_little_endian()
            } else {
                dfa.to_bytes_big_endian()
            };
            let path = Path::new(&out).join(format!("{stem}.{kind}.dfa"));
            std::fs::write(&path, &bytes[pad..]).expect("OUT_DIR is writable");
        }
        let _ = writeln!(
            table,
            "    (\"rules/language/{stem}.toml\", &Aligned {{ _align: [], bytes: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.fwd.dfa\")) }}, &Aligned {{ _align: [], bytes: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.rev.dfa\")) }}),"
        );
    }
    table.push(']');
    std::fs::write(Path::new(&out).join("phrase_dfas.rs"), table).expect("OUT_DIR is writable");
}
