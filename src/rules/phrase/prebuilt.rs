//! The built-in prose rules' automata, built with the crate by `build.rs` and loaded here: a
//! few microseconds where compiling the patterns takes a millisecond, which is most of what
//! checking one file costs.

/// A dense DFA loaded from the bytes `build.rs` wrote.
pub(super) type Dense =
    regex_automata::dfa::regex::Regex<regex_automata::dfa::dense::DFA<&'static [u32]>>;

/// Bytes aligned for the automata's `u32` tables.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

/// A built-in prose rule's automata: its file, the forward and the reverse DFA.
type Prebuilt = (&'static str, &'static Aligned<[u8]>, &'static Aligned<[u8]>);

/// The automata of the built-in prose rules.
static PREBUILT: &[Prebuilt] = include!(concat!(env!("OUT_DIR"), "/phrase_dfas.rs"));

/// The automata built for a built-in rule file, if they were and they load (they do not when
/// the target's byte order differs from what was written, say).
pub(super) fn prebuilt(file: &str) -> Option<Dense> {
    use regex_automata::dfa::dense::DFA;
    let (_, forward, reverse) = PREBUILT.iter().find(|(f, _, _)| *f == file)?;
    let (forward, _) = DFA::from_bytes(&forward.bytes).ok()?;
    let (reverse, _) = DFA::from_bytes(&reverse.bytes).ok()?;
    Some(regex_automata::dfa::regex::Regex::builder().build_from_dfas(forward, reverse))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_automata_built_with_the_crate_find_what_the_regex_finds() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        let mut texts: Vec<String> = Vec::new();
        for dir in ["fixtures", "docs"] {
            for entry in walkdir::WalkDir::new(format!("{root}{dir}")) {
                let path = entry.unwrap().into_path();
                if path.extension().is_some_and(|e| e == "md") {
                    // Some fixtures are deliberately not UTF-8.
                    texts.extend(std::fs::read_to_string(path).ok());
                }
            }
        }
        let mut compared = 0;
        for rule in crate::rules::phrase::builtin()
            .iter()
            .filter(|r| r.target == crate::rules::phrase::Target::Prose)
        {
            let dense = prebuilt(rule.builtin.unwrap()).expect("built by build.rs");
            texts.push(format!("{} {}", rule.doc.bad, rule.doc.good));
            for text in &texts {
                let by_dfa: Vec<_> = dense.find_iter(text.as_str()).map(|m| m.range()).collect();
                let by_regex: Vec<_> = rule
                    .regex()
                    .find_iter(text.as_str())
                    .map(|m| m.range())
                    .collect();
                assert_eq!(by_dfa, by_regex, "{}", rule.doc.name);
                compared += by_regex.len();
            }
        }
        assert!(compared > 20, "{compared} matches compared");
    }
}
