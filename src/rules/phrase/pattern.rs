//! How a phrase rule's patterns become one regex: each pattern a group, a space matching any
//! run of whitespace, the groups alternated, matched case-insensitively. Shared with
//! `build.rs`, which builds the built-in rules' automata from the same text (so this file uses
//! nothing but `std`).

/// One pattern as the regex reads it.
pub fn translate(pattern: &str) -> String {
    format!("(?:{})", pattern.replace(' ', r"\s+"))
}

/// All of a rule's patterns as one alternation.
pub fn alternation<'a>(patterns: impl IntoIterator<Item = &'a str>) -> String {
    patterns
        .into_iter()
        .map(translate)
        .collect::<Vec<_>>()
        .join("|")
}
