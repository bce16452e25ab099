//! Lists the built-in phrase rule files (`rules/language/*.toml`) for embedding, and builds,
//! for each prose rule, its forward and reverse dense DFAs, serialised for the target's byte order: at run time they are loaded in
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
    let mut whole = String::from("&[\n");
    // Every rule file embedded, by the same listing: `BUILTIN_FILES` cannot miss one.
    let mut embedded = String::from("&[\n");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable rule file");
        let name = file
            .file_name()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        let _ = writeln!(
            embedded,
            "    (\"rules/language/{name}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/language/{name}\"))),"
        );
        let value: toml::Table = text.parse().expect("the rule file is TOML (a test checks)");
        let prose = value
            .get("target")
            .and_then(|t| t.as_str())
            .unwrap_or("prose")
            == "prose";
        let patterns: Vec<&str> = value
            .get("patterns")
            .and_then(|p| p.as_array())
            .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
            .unwrap_or_default();
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 file name");
        if !prose {
            // An action rule's patterns are anchored at both ends: a match is the whole text
            // or nothing, so the forward automaton answers alone (the reverse one is huge).
            if let Some(bytes) = whole_text_dfa(&pattern::alternation(patterns), little) {
                let path = Path::new(&out).join(format!("{stem}.whole.dfa"));
                std::fs::write(&path, bytes).expect("OUT_DIR is writable");
                let _ = writeln!(
                    whole,
                    "    (\"rules/language/{stem}.toml\", &Aligned {{ _align: [], bytes: *include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{stem}.whole.dfa\")) }}),"
                );
            }
            continue;
        }
        let built = Regex::builder()
            .syntax(ascii())
            .dense(dense::Config::new().minimize(false))
            .build(&pattern::alternation(patterns));
        // A pattern that needs Unicode has no ASCII automaton: it is compiled at run time.
        let Ok(regex) = built else { continue };
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
    whole.push(']');
    embedded.push(']');
    std::fs::write(Path::new(&out).join("phrase_files.rs"), embedded).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("phrase_dfas.rs"), table).expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("phrase_whole_dfas.rs"), whole)
        .expect("OUT_DIR is writable");
}

fn ascii() -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
        .nest_limit(64)
}

/// The forward DFA of patterns every match of which is the whole text (each anchored at its
/// start and its end), serialised; `None` for any other patterns.
fn whole_text_dfa(alternation: &str, little: bool) -> Option<Vec<u8>> {
    use regex_syntax::hir::Look;
    let hir = syntax::parse_with(alternation, &ascii()).ok()?;
    let props = hir.properties();
    let anchored = props.look_set_prefix().contains(Look::Start)
        && props.look_set_suffix().contains(Look::End);
    if !anchored {
        return None;
    }
    let dfa = dense::Builder::new()
        .syntax(ascii())
        .configure(dense::Config::new().minimize(false))
        .build(alternation)
        .ok()?;
    let (bytes, pad) = if little {
        dfa.to_bytes_little_endian()
    } else {
        dfa.to_bytes_big_endian()
    };
    Some(bytes[pad..].to_vec())
}
