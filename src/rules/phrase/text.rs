//! Where a phrase counts: the core of an action's text, the prose regions and their scopes,
//! quoted and negated matches, and the prefilter that skips the regions a rule cannot match.

use super::Target;
use super::literals::{Literal, needs};
use super::scanner::Scanner;
use crate::document::Document;
use crate::rules::Rule;
use std::ops::Range;

/// What an action says, without what surrounds it: its first sentence, less a leading number
/// ("2) ") and trailing owner handles, tags and notes ("`@dma` [detect]", "(in progress)").
pub(super) fn action_core(text: &str) -> Range<usize> {
    let end = memchr::memchr_iter(b'.', text.as_bytes())
        .find(|&i| text.as_bytes().get(i + 1) == Some(&b' '))
        .map_or(text.len(), |i| i + 1);
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

/// Tells whether matches, asked in document order, are someone else's words: inside a block
/// quote, or between quotation marks on their line. What it learns of a line is kept for the
/// next match on it, so a line holding thousands of matches is read once, not once a match.
pub(crate) struct Quoted<'a> {
    doc: &'a Document<'a>,
    /// The block quotes, nested ones merged into the quote that holds them.
    quotes: Vec<Range<usize>>,
    /// The line last asked about, and where its quotation marks are.
    line: Range<usize>,
    straight: Vec<usize>,
    /// Opening and closing marks of each curly pair: “ ” and ‘ ’.
    curly: [(Vec<usize>, Vec<usize>); 2],
}

const CURLY: [(char, char); 2] = [('“', '”'), ('‘', '’')];

impl<'a> Quoted<'a> {
    pub(crate) fn new(doc: &'a Document<'a>) -> Self {
        let mut quotes: Vec<Range<usize>> = Vec::with_capacity(doc.quotes.len());
        for q in &doc.quotes {
            match quotes.last_mut() {
                Some(last) if q.start <= last.end => last.end = last.end.max(q.end),
                _ => quotes.push(q.clone()),
            }
        }
        Quoted {
            doc,
            quotes,
            line: usize::MAX..usize::MAX,
            straight: Vec::new(),
            curly: Default::default(),
        }
    }

    pub(crate) fn is_quoted(&mut self, range: &Range<usize>) -> bool {
        let i = self.quotes.partition_point(|q| q.start <= range.start);
        if i > 0 && range.end <= self.quotes[i - 1].end {
            return true;
        }
        let source = self.doc.source();
        let line = source.line_range(source.line_index(range.start));
        if line != self.line {
            let text = &self.doc.text()[line.clone()];
            self.straight.clear();
            for pair in &mut self.curly {
                pair.0.clear();
                pair.1.clear();
            }
            for (at, c) in text.char_indices() {
                let at = line.start + at;
                if c == '"' {
                    self.straight.push(at);
                }
                for (k, (open, close)) in CURLY.iter().enumerate() {
                    if c == *open {
                        self.curly[k].0.push(at);
                    } else if c == *close {
                        self.curly[k].1.push(at);
                    }
                }
            }
            self.line = line;
        }
        let before = |marks: &[usize]| marks.partition_point(|&m| m < range.start);
        let after = |marks: &[usize]| marks.last().is_some_and(|&m| m >= range.end);
        let straight = before(&self.straight) % 2 == 1 && after(&self.straight);
        straight
            || self.curly.iter().any(|(opens, closes)| {
                let (o, c) = (before(opens), before(closes));
                // The last mark before the match opens a quotation that closes after it.
                o > 0 && (c == 0 || closes[c - 1] < opens[o - 1]) && after(closes)
            })
    }
}

/// One pass over a whole document that tells where each prose phrase rule can match. The
/// words every match of a pattern holds ([`super::literals`]) are looked for in the text as the
/// rules read it (code and comments turned into spaces), and a rule reads only the regions
/// that hold all the words of one of its patterns: in most documents, few or none. A region
/// that lacks a word a pattern needs has no match of that pattern.
#[derive(Debug)]
pub struct Prefilter {
    scanner: Scanner,
    /// The rules' names, and for each what its patterns need (see [`Needs`]).
    rules: Vec<(&'static str, Needs)>,
}

/// A rule's patterns, each as the literal sets it needs (one literal of each, as bits of
/// literal ids); `None`: a pattern needs nothing known, so the rule reads every region.
type Needs = Option<RuleNeeds>;

/// What a rule's patterns need, and every literal any of them names.
#[derive(Debug)]
struct RuleNeeds {
    patterns: Vec<Vec<Bits>>,
    /// A region without any of these holds no match: most regions are turned away by this one
    /// test, before each pattern is asked.
    any: Bits,
}

/// A set of literal ids, up to [`Bits::MAX`] of them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Bits([u64; 8]);

impl Bits {
    const MAX: usize = 512;

    fn set(&mut self, id: usize) {
        self.0[id / 64] |= 1 << (id % 64);
    }

    fn meets(&self, other: &Bits) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

/// Where a document's phrase-rule literals occur (see [`Prefilter`]).
#[derive(Debug)]
pub struct PhraseHits<'p> {
    prefilter: &'p Prefilter,
    /// (offset, literal id), in text order.
    hits: Vec<(usize, usize)>,
    /// The literals each of the document's [`regions`] holds, by region, in text order:
    /// read once, then asked by every rule.
    regions: Vec<(Range<usize>, Bits)>,
}

impl Prefilter {
    pub fn new<'a>(rules: impl Iterator<Item = &'a dyn Rule>) -> Prefilter {
        let mut literals: Vec<Literal> = Vec::new();
        let mut needs_of = |unicode: bool, of: &[&str]| -> Needs {
            if unicode {
                // Unicode case folding maps `k` and `s` to letters outside ASCII.
                return None;
            }
            let mut patterns = Vec::new();
            let mut any = Bits::default();
            for pattern in of {
                let mut all = Vec::new();
                for set in needs(pattern) {
                    let new = set.iter().filter(|l| !literals.contains(l)).count();
                    if literals.len() + new > Bits::MAX {
                        // No room left in the table: this set is not looked for.
                        continue;
                    }
                    let mut bits = Bits::default();
                    for literal in set {
                        let id = match literals.iter().position(|l| *l == literal) {
                            Some(id) => id,
                            None => {
                                literals.push(literal);
                                literals.len() - 1
                            }
                        };
                        bits.set(id);
                        any.set(id);
                    }
                    all.push(bits);
                }
                if all.is_empty() {
                    return None;
                }
                patterns.push(all);
            }
            Some(RuleNeeds { patterns, any })
        };
        let mut needs_by_rule: Vec<(&'static str, Needs)> = Vec::new();
        for rule in rules {
            match rule.as_phrase() {
                Some(p) if p.target == Target::Prose => {
                    let patterns: Vec<&str> = p.patterns.iter().map(String::as_str).collect();
                    needs_by_rule.push((p.doc.name, needs_of(p.unicode, &patterns)));
                }
                Some(_) => {}
                None => {
                    if let Some(words) = rule.needed_words() {
                        needs_by_rule.push((rule.doc().name, needs_of(false, &[words])));
                    }
                }
            }
        }
        Prefilter {
            scanner: Scanner::new(literals),
            rules: needs_by_rule,
        }
    }

    /// Where the rules' literals occur in the document's text. `masked` is room for the text
    /// as the rules read it, lent by the caller so that a batch of documents shares one.
    pub fn hits(&self, doc: &Document<'_>, masked: &mut Vec<u8>) -> PhraseHits<'_> {
        // Room for the literals most postmortems hold: the vector rarely grows.
        let mut hits = Vec::with_capacity(64);
        masked.clear();
        masked.extend_from_slice(doc.text().as_bytes());
        for hidden in doc.excluded() {
            if let Some(bytes) = masked.get_mut(hidden.clone()) {
                bytes.fill(b' ');
            }
        }
        self.scanner.scan(masked, &mut hits);
        let regions = regions(doc)
            .map(|(region, _)| {
                let present = present(&hits, &region);
                (region, present)
            })
            .collect();
        PhraseHits {
            prefilter: self,
            hits,
            regions,
        }
    }
}

impl PhraseHits<'_> {
    /// What the prefilter knows about where the rule named `name` can match (see
    /// [`RuleHits::may_match`]): asked once per document, then once per region.
    pub fn rule(&self, name: &str) -> RuleHits<'_> {
        let patterns = self
            .prefilter
            .rules
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, needs)| needs.as_ref());
        RuleHits {
            patterns,
            hits: self,
        }
    }
}

/// Where one rule can match in a document (see [`PhraseHits::rule`]).
pub struct RuleHits<'h> {
    /// `None`: the prefilter does not know the rule, or one of its patterns needs nothing.
    patterns: Option<&'h RuleNeeds>,
    hits: &'h PhraseHits<'h>,
}

impl RuleHits<'_> {
    /// Whether the rule can match in `region` of the document: whether the region holds every
    /// word one of its patterns needs (true for a rule the prefilter does not know). `region`
    /// is one of the document's [`regions`]: the preamble or a section's own text.
    pub fn may_match(&self, region: &Range<usize>) -> bool {
        let Some(needs) = self.patterns else {
            return true;
        };
        let regions = &self.hits.regions;
        let computed;
        let at = regions.partition_point(|(r, _)| r.start < region.start);
        let present = match regions.get(at).filter(|(r, _)| r == region) {
            Some((_, present)) => present,
            None => {
                computed = present(&self.hits.hits, region);
                &computed
            }
        };
        present.meets(&needs.any)
            && needs
                .patterns
                .iter()
                .any(|sets| sets.iter().all(|set| set.meets(present)))
    }
}

/// The literals that `hits` (in text order) has in `region`.
fn present(hits: &[(usize, usize)], region: &Range<usize>) -> Bits {
    let first = hits.partition_point(|(at, _)| *at < region.start);
    let mut present = Bits::default();
    for &(_, id) in hits[first..].iter().take_while(|(at, _)| *at < region.end) {
        present.set(id);
    }
    present
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
    // Only the 200 bytes before the match are read, however long its sentence.
    let mut window = range.start.saturating_sub(200);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let start = text[window..range.start]
        .rfind(['.', '!', '?', '\n', ';'])
        .map_or(window, |i| window + i + 1);
    let normalize = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .replace('’', "'")
            .to_lowercase()
    };
    let before = text[start..range.start]
        .split_whitespace()
        .rev()
        .take(5)
        .map(normalize);
    let first = text[range.clone()].split_whitespace().next().map(normalize);
    before.chain(first).any(|w| {
        NEGATIONS.contains(&w.as_str())
            || w == "one"
                && text
                    .get(range.start.saturating_sub(7)..range.start)
                    .is_some_and(|t| t.eq_ignore_ascii_case("no one "))
    })
}
