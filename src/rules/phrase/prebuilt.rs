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

/// The forward automata of the built-in action rules whose every match is the whole text.
static WHOLE: &[(&str, &Aligned<[u8]>)] =
    include!(concat!(env!("OUT_DIR"), "/phrase_whole_dfas.rs"));

/// A forward DFA loaded from the bytes `build.rs` wrote.
pub(super) type Forward = regex_automata::dfa::dense::DFA<&'static [u32]>;

/// For a built-in rule whose patterns are anchored at both ends, its forward automaton: a
/// match is then the whole text, so whether there is one is all there is to know.
pub(super) fn prebuilt_whole(file: &str) -> Option<Forward> {
    let (_, forward) = WHOLE.iter().find(|(f, _)| *f == file)?;
    Some(
        regex_automata::dfa::dense::DFA::from_bytes(&forward.bytes)
            .ok()?
            .0,
    )
}

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

    /// Every Markdown text of the fixtures and docs (some fixtures are deliberately not UTF-8:
    /// those are left out).
    fn fixture_texts() -> Vec<String> {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/");
        ["fixtures", "docs"]
            .iter()
            .flat_map(|dir| walkdir::WalkDir::new(format!("{root}{dir}")))
            .map(|entry| entry.unwrap().into_path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .filter_map(|path| std::fs::read_to_string(path).ok())
            .collect()
    }

    #[test]
    fn the_automata_built_with_the_crate_find_what_the_regex_finds() {
        let mut texts = fixture_texts();
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
        assert!(compared > 3, "{compared} matches compared");
    }
}
