//! The prose of a document as sentences, and each sentence as words: the layer every language
//! rule reads, built once per document.
//!
//! A sentence is prose the author wrote: paragraphs, list items and table cells. Headings,
//! block quotes, code, front matter and HTML comments are not (code and comments are blanked
//! in [`Document::prose_text`]; headings and quotes are left out here). Each sentence knows
//! its section's [`Role`] and whether it is an action item, a timeline entry or narrative.
//!
//! Words are lowercased and reduced to a crude stem ([`stem`]): "forgot", "forget" and
//! "forgetting" are one word, so a rule names a meaning once, not once per spelling.
//! Contractions are split ("didn't" → "did not", "should've" → "should have").

use super::Document;
use std::ops::Range;

pub use super::words::{irregular_forms, stem, stem_compact, word_end, words};

/// What the section a sentence is in is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Summary,
    /// The timeline, chronology or sequence of events.
    Timeline,
    /// Trigger, root causes, contributing factors.
    Causes,
    /// Lessons learned, what went well or wrong.
    Lessons,
    /// Action items, follow-ups, next steps.
    Actions,
    /// Any other section, and the text before the first.
    Other,
}

/// What a sentence is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ActionItem,
    TimelineEntry,
    Narrative,
}

/// One sentence of prose.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the document's text.
    pub range: Range<usize>,
    pub role: Role,
    pub kind: Kind,
    /// The sentence opens a list item, a table cell or a paragraph (not the middle of one),
    /// or a line of a paragraph written a sentence per line ("Add canary deploys.\nMore
    /// automated alarms.").
    pub opens_block: bool,
    /// It is in a list item or a table cell, not a paragraph.
    pub item: bool,
    /// It is on a line the timeline reads as an entry (a line that opens with its time).
    pub entry: bool,
}

/// A word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the document's text (for a split contraction, the whole contraction).
    pub range: Range<usize>,
    /// Lowercase, as written (`’` as `'`). Short strings are kept inline (no allocation).
    pub lower: compact_str::CompactString,
    /// The crude stem [`stem`] gives.
    pub stem: compact_str::CompactString,
    /// Written with a capital first letter.
    pub capital: bool,
    /// Which of the language rules' phrase lists have a phrase this word opens (bits set by
    /// the rules' lexicon; 0 until it does).
    pub starts: u32,
}

/// The role a template section id plays.
pub fn role_of(scope: Option<&str>) -> Role {
    match scope {
        Some("summary" | "impact") => Role::Summary,
        Some("timeline") => Role::Timeline,
        Some("trigger" | "contributing-factors") => Role::Causes,
        Some("lessons-learned" | "what-went-well" | "what-went-wrong") => Role::Lessons,
        Some("action-items") => Role::Actions,
        _ => Role::Other,
    }
}

/// Every prose sentence of `doc`, in order.
pub fn sentences(doc: &Document<'_>) -> Vec<Sentence> {
    sentences_where(doc, None)
}

/// Where in a document's prose the words start that a sentence must hold to be read.
pub type Hits<'f> = &'f dyn Fn(&str) -> Vec<usize>;

/// The prose sentences of `doc` that hold a hit of `triggers` (given the document's prose,
/// the offsets where a trigger word starts, in order). The prose is searched once; a block
/// of prose without a hit is not split into sentences at all (most blocks of most documents
/// hold none).
pub fn sentences_with(doc: &Document<'_>, triggers: Hits<'_>) -> Vec<Sentence> {
    sentences_where(doc, Some(triggers))
}

fn sentences_where(doc: &Document<'_>, triggers: Option<Hits<'_>>) -> Vec<Sentence> {
    let text = doc.text();
    let prose = doc.prose_text(0..text.len());
    let hits: Vec<usize> = match triggers {
        Some(find) => {
            let hits = find(&prose);
            if hits.is_empty() {
                return Vec::new();
            }
            hits
        }
        None => Vec::new(),
    };
    // Whether a byte range of prose holds a trigger (always, when there are no triggers).
    let holds = |r: &Range<usize>| {
        triggers.is_none() || {
            let i = hits.partition_point(|&h| h < r.start);
            hits.get(i).is_some_and(|&h| h < r.end)
        }
    };
    let mut skip: Vec<Range<usize>> = doc
        .sections
        .iter()
        .map(|s| s.heading.range.clone())
        .chain(doc.title.iter().map(|t| t.range.clone()))
        .chain(doc.quotes.iter().cloned())
        .collect();
    skip.sort_by_key(|r| r.start);
    let items: Vec<Range<usize>> = doc
        .action_items
        .as_ref()
        .map(|a| a.items.iter().map(|i| i.range.clone()).collect())
        .unwrap_or_default();
    let entries: Vec<Range<usize>> = doc
        .timeline
        .as_ref()
        .map(|t| t.entries.iter().map(|e| e.line.clone()).collect())
        .unwrap_or_default();
    let (items, entries) = (merged(items), merged(entries));
    // The cells of a table's action column, wherever the table is ("| Action Item | Type |"
    // under a heading that names no section): follow-ups, as in an action-items section.
    let action_cells: std::collections::HashSet<usize> = doc
        .tables
        .iter()
        .filter_map(|t| {
            let column = t.cells(&t.header).iter().position(|c| {
                let name = doc
                    .slice(c.range.clone())
                    .trim_matches(['*', '_', ' '])
                    .to_lowercase();
                matches!(
                    name.as_str(),
                    "action"
                        | "actions"
                        | "action item"
                        | "action items"
                        | "follow-up"
                        | "follow-ups"
                        | "remediation"
                )
            })?;
            Some(
                t.rows
                    .iter()
                    .filter_map(move |r| t.cells(r).get(column).map(|c| c.range.start)),
            )
        })
        .flatten()
        .collect();
    let mut units: Vec<(Range<usize>, bool)> = Vec::new();
    let mut open: Option<(Range<usize>, bool)> = None;
    let mut table_rows = doc.tables.iter().flat_map(|t| {
        std::iter::once((t.header.range.clone(), Vec::new())).chain(t.rows.iter().map(|r| {
            (
                r.range.clone(),
                t.cells(r).iter().map(|c| c.range.clone()).collect(),
            )
        }))
    });
    let mut next_row = table_rows.next();
    // Whether the open unit is so far one line of bold text only.
    let mut title = false;
    let mut at = 0;
    for line in prose.split_inclusive('\n') {
        let range = at..at + line.trim_end_matches('\n').len();
        at += line.len();
        let content = line.trim();
        let skipped = {
            let i = skip.partition_point(|s| s.end <= range.start);
            skip.get(i).is_some_and(|s| s.start <= range.start)
        };
        while next_row.as_ref().is_some_and(|(r, _)| r.end <= range.start) {
            next_row = table_rows.next();
        }
        let in_row = next_row
            .as_ref()
            .is_some_and(|(r, _)| r.start <= range.start && range.start < r.end.max(r.start + 1));
        // A line that only held a comment does not end its paragraph.
        // (Inside masked text, prose and text offsets agree only at its ends: hence `get`.)
        if content.is_empty()
            && !text.get(range.clone()).unwrap_or("").trim().is_empty()
            && !skipped
        {
            continue;
        }
        if content.is_empty() || skipped || in_row {
            units.extend(open.take());
            if in_row && let Some((_, cells)) = &next_row {
                units.extend(
                    cells
                        .iter()
                        .filter(|c| !c.is_empty())
                        .map(|c| (c.clone(), true)),
                );
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let marker = list_marker(content);
        if marker > 0 || open.is_none() {
            units.extend(open.take());
            open = Some((range.start + lead + marker..range.end, marker > 0));
            title = is_title(&content[marker..]);
        } else if let Some((o, _)) = &mut open {
            if title {
                // "**Exploring other data stores**" over the paragraph it names: a title, as
                // a heading is, and the paragraph is what the block says.
                *o = range.start + lead..range.end;
                title = false;
            } else {
                o.end = range.end;
            }
        }
    }
    units.extend(open.take());

    let mut out = Vec::new();
    for (unit, item) in units {
        if !holds(&unit) {
            continue;
        }
        let role = role_at(doc, unit.start);
        let entry = within(&entries, unit.start, true);
        let kind =
            if within(&items, unit.start, false) || item && action_cells.contains(&unit.start) {
                Kind::ActionItem
            } else if entry || role == Role::Timeline {
                Kind::TimelineEntry
            } else if role == Role::Actions {
                Kind::ActionItem
            } else {
                Kind::Narrative
            };
        let mut first = true;
        for s in split_sentences(&prose[unit.clone()]) {
            let range = unit.start + s.start..unit.start + s.end;
            if !holds(&range) {
                first = false;
                continue;
            }
            let Some(range) = aligned(text, range) else {
                continue;
            };
            if prose
                .get(range.clone())
                .is_some_and(|p| p.chars().any(char::is_alphabetic))
            {
                let opens_block = first || !item && opens_line(&prose, range.start);
                out.push(Sentence {
                    range,
                    role,
                    kind,
                    opens_block,
                    item,
                    entry: entry && first,
                });
            }
            first = false;
        }
    }
    out
}

/// A line that is all bold: `**Exploring other data stores**`.
fn is_title(line: &str) -> bool {
    let line = line.trim();
    ["**", "__"].iter().any(|m| {
        line.len() > 2 * m.len()
            && line.starts_with(m)
            && line.ends_with(m)
            && !line[m.len()..line.len() - m.len()].contains(m)
    })
}

/// Whether the sentence at `at` opens its line and the line before it ended a sentence (a
/// blanked comment line between them, as a suppression is, changes nothing).
fn opens_line(prose: &str, at: usize) -> bool {
    let Some(before) = prose.get(..at) else {
        return false;
    };
    let text = before.trim_end();
    before[text.len()..].contains('\n') && text.ends_with(['.', '!', '?', ';'])
}

/// `ranges` sorted, overlapping ones (an item and its sub-items) made one.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether `at` lies in one of `ranges` (sorted by start, not overlapping), its end included
/// when `inclusive`.
fn within(ranges: &[Range<usize>], at: usize, inclusive: bool) -> bool {
    debug_assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
    let i = ranges.partition_point(|r| r.start <= at);
    i > 0 && {
        let r = &ranges[i - 1];
        at < r.end || inclusive && at == r.end
    }
}

/// `range` moved onto the document's character boundaries (prose and text agree everywhere
/// but inside blanked text).
fn aligned(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = range.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start < end).then_some(start..end)
}

/// The role of the innermost section whose body holds `at`: a section introduced by a line
/// of text ("**Timeline**") ends with its list, and the prose after it is not its.
fn role_at(doc: &Document<'_>, at: usize) -> Role {
    let i = doc
        .sections
        .partition_point(|s| s.heading.range.start <= at);
    doc.sections[..i]
        .iter()
        .rev()
        .find(|s| s.body.end > at)
        .map_or(Role::Other, |s| role_of(s.scope))
}

/// The length of a list marker (and checkbox) at the start of a trimmed line: `- `, `* `,
/// `+ `, `1. `, `2) `, `- [ ] `; 0 when there is none.
fn list_marker(line: &str) -> usize {
    let b = line.as_bytes();
    let mut n = match b.first() {
        Some(b'-' | b'*' | b'+') if b.get(1).is_none_or(|c| *c == b' ') => 1,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            match b.get(digits) {
                Some(b'.' | b')') if b.get(digits + 1).is_none_or(|c| *c == b' ') => digits + 1,
                _ => return 0,
            }
        }
        _ => return 0,
    };
    while b.get(n) == Some(&b' ') {
        n += 1;
    }
    if b.len() >= n + 3
        && b[n] == b'['
        && b[n + 2] == b']'
        && matches!(b[n + 1], b' ' | b'x' | b'X')
    {
        n += 3;
        while b.get(n) == Some(&b' ') {
            n += 1;
        }
    }
    n
}

/// Abbreviations a period does not end a sentence after.
const ABBREVIATIONS: [&str; 10] = [
    "e.g", "i.e", "etc", "vs", "approx", "incl", "mr", "ms", "dr", "no",
];

/// Sentence ranges within a block of prose: a `.`, `!` or `?` followed by whitespace ends
/// one, except after an abbreviation or a single letter.
fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') && b.get(i + 1).is_some_and(|n| n.is_ascii_whitespace())
        {
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace() || *c == '(')
                .map_or(0, |(w, c)| w + c.len_utf8());
            let word = text[word_start..i].to_ascii_lowercase();
            let abbreviation =
                c == b'.' && (ABBREVIATIONS.contains(&word.as_str()) || word.chars().count() == 1);
            if !abbreviation {
                out.push(trimmed(text, start..i + 1));
                start = i + 1;
            }
        }
        i += 1;
    }
    if start < b.len() {
        out.push(trimmed(text, start..b.len()));
    }
    out.retain(|r| !r.is_empty());
    out
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    r.start + lead..r.start + lead + s.trim().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_ends_not_abbreviations() {
        let t = "We rolled back, e.g. the API. Then it recovered! Done";
        let parts: Vec<&str> = split_sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            parts,
            [
                "We rolled back, e.g. the API.",
                "Then it recovered!",
                "Done"
            ]
        );
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_marker("- [ ] Add alert"), 6);
        assert_eq!(list_marker("12. Item"), 4);
        assert_eq!(list_marker("-5 degrees"), 0);
        assert_eq!(list_marker("2026-01-01 text"), 0);
    }
}
