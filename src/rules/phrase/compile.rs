//! Compiling a rule's patterns at run time (a team's rule files, and the built-in rules when
//! their automata were not built with the crate), with size limits, and wording what is wrong
//! with a pattern that does not compile.

use super::REGEX_SIZE_LIMIT;
use regex_automata::meta::{BuildError, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;

/// ASCII semantics for `\b`, `\w`, `\s` and case where the patterns allow them: a far
/// smaller automaton that the fast engines can run; a pattern that needs Unicode (a class
/// with `é`, `\p{L}`) gets it. Only what `find` needs is built: only the span of a match (no groups), no
/// one-pass or full DFA, no literal prefilter (its extraction cost more than the search it
/// saved: phrase rules are run on few documents, behind the run's prefilter).
pub(super) fn build(pattern: &str, unicode: bool) -> Result<Regex, Box<BuildError>> {
    Regex::builder()
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .unicode(unicode)
                .nest_limit(64),
        )
        .configure(
            Regex::config()
                .which_captures(WhichCaptures::Implicit)
                .onepass(false)
                .backtrack(false)
                .dfa(false)
                .auto_prefilter(false)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(REGEX_SIZE_LIMIT),
        )
        .build(pattern)
        .map_err(Box::new)
}

/// What is wrong with a pattern, worded as the `regex` crate words it.
pub(super) fn describe(e: &BuildError) -> String {
    if let Some(syntax) = e.syntax_error() {
        last_line(&syntax.to_string())
    } else if let Some(limit) = e.size_limit() {
        format!("Compiled regex exceeds size limit of {limit} bytes.")
    } else {
        last_line(&e.to_string())
    }
}

/// The last non-empty line of a regex error: the one that says what is wrong.
fn last_line(text: &str) -> String {
    text.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
        .to_owned()
}
