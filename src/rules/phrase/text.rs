//! Where a phrase counts: the core of an action's text, the prose regions and their scopes,
//! quoted and negated matches, and the prefilter that skips documents no rule can match.

use super::{REGEX_SIZE_LIMIT, Target};
use crate::document::Document;
use crate::rules::Rule;
use std::ops::Range;

/// What an action says, without what surrounds it: its first sentence, less a leading number
/// ("2) ") and trailing owner handles, tags and notes ("`@dma` [detect]", "(in progress)").
pub(super) fn action_core(text: &str) -> Range<usize> {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    let mut start = text.len() - text.trim_start().len();
    let digits = text[start..].bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && text[start + digits..].starts_with(['.', ')']) {
        start += digits + 1;
    }
    let mut core = text[start..end.max(start)].trim_end();
    loop {
        let before = core.len();
        core = core.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        for (open, close) in [('[', ']'), ('(', ')')] {
            if core.ends_with(close)
                && let Some(i) = core.rfind(open)
            {
                core = &core[..i];
            }
        }
        if let Some(i) = core.rfind(char::is_whitespace)
            && core[i + 1..].trim_start_matches('`').starts_with('@')
        {
            core = &core[..i];
        }
        if core.len() == before {
            break;
        }
    }
    let lead = core.len() - core.trim_start().len();
    start + lead..start + core.len()
}

/// The text before the first section, then each section's own text, with its scope.
pub(super) fn regions<'d>(
    doc: &'d Document<'_>,
) -> impl Iterator<Item = (Range<usize>, Option<&'d str>)> {
    let first = doc
        .sections
        .first()
        .map_or(doc.text().len(), |s| s.heading.range.start);
    let preamble_start = doc.title.as_ref().map_or(0, |t| t.range.end.min(first));
    std::iter::once((preamble_start..first, None)).chain(
        doc.sections
            .iter()
            .map(|s| (s.direct_body.clone(), s.scope)),
    )
}

/// Inside a block quote, or between quotation marks on its line: someone else's words.
pub(super) fn is_quoted(doc: &Document<'_>, range: &Range<usize>) -> bool {
    if doc
        .quotes
        .iter()
        .any(|q| q.start <= range.start && range.end <= q.end)
    {
        return true;
    }
    let source = doc.source();
    let line = source.line_range(source.line_index(range.start));
    let text = doc.text();
    let before = &text[line.start..range.start];
    let after = &text[range.end.min(line.end)..line.end];
    let straight = before.matches('"').count() % 2 == 1 && after.contains('"');
    let curly = |open: char, close: char| {
        before
            .rfind(open)
            .is_some_and(|o| !before[o..].contains(close))
            && after.contains(close)
    };
    straight || curly('“', '”') || curly('‘', '’')
}

/// One pass over a whole document that tells which prose phrase rules can match it: most
/// documents match none, and then no rule scans a section. The raw text holds every prose
/// section, so a rule with no match there has none in them either.
#[derive(Debug)]
pub struct Prefilter {
    set: Option<regex::RegexSet>,
    names: Vec<&'static str>,
}

impl Prefilter {
    pub fn new<'a>(rules: impl Iterator<Item = &'a dyn Rule>) -> Prefilter {
        let (names, patterns): (Vec<&'static str>, Vec<&str>) = rules
            .filter_map(|r| r.as_phrase())
            .filter(|p| p.target == Target::Prose)
            .map(|p| (p.doc.name, p.alternation.as_str()))
            .unzip();
        let set = |unicode: bool| {
            regex::RegexSetBuilder::new(&patterns)
                .case_insensitive(true)
                .unicode(unicode)
                .size_limit(REGEX_SIZE_LIMIT * 8)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 8)
                .build()
        };
        let set = set(false).or_else(|_| set(true)).ok();
        Prefilter { set, names }
    }

    /// The names of the rules that match somewhere in `text` (all of them if the set could
    /// not be built: the rules then scan as they would without it).
    pub fn hits(&self, text: &str) -> Vec<&'static str> {
        match &self.set {
            Some(set) => set
                .matches(text)
                .into_iter()
                .map(|i| self.names[i])
                .collect(),
            None => self.names.clone(),
        }
    }
}

/// Words that turn a phrase into its refusal: "nobody is to blame", "we do not ask anyone to
/// be more careful", "instead of trying harder".
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "nobody",
    "nobody's",
    "none",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "can't",
    "cannot",
    "without",
    "instead",
    "avoid",
    "ban",
    "banned",
    "forbid",
    "forbids",
    "forbidden",
    "rather",
];

/// A negation among the five words before the match (same sentence) or as its first word.
pub(super) fn is_negated(doc: &Document<'_>, range: &Range<usize>) -> bool {
    let text = doc.text();
    let start = text[..range.start]
        .rfind(['.', '!', '?', '\n', ';'])
        .map_or(0, |i| i + 1);
    let normalize = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .replace('’', "'")
            .to_lowercase()
    };
    let before = text[start.max(range.start.saturating_sub(200))..range.start]
        .split_whitespace()
        .rev()
        .take(5)
        .map(normalize);
    let first = text[range.clone()].split_whitespace().next().map(normalize);
    before.chain(first).any(|w| {
        NEGATIONS.contains(&w.as_str())
            || w == "one" && text[..range.start].to_lowercase().ends_with("no one ")
    })
}
