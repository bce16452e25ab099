//! Sections introduced by a line of text instead of a heading: "Action Items",
//! "**Follow-ups:**" or "**Timeline:**" alone on a line, or a lead-in such as "Some possible
//! actions in the future:", with a list or a table right after it. Read as a heading one level
//! below the section it is in, so that the list after it is the document's action items or
//! timeline. Only a document with no heading for that section is searched; the words are data
//! in `rules/templates/aliases.toml`.

use super::Heading;
use super::aliases::{holds_any, lead_in_words, words};
use super::template::Template;
use std::borrow::Cow;

/// The first line of `text` that introduces section `id` (the follow-ups or the timeline), as
/// a heading, and where what it introduces ends: the list or table after it (a "**misc**"
/// list after that is not theirs). Only the follow-ups have lead-ins.
/// `inside` tells whether an offset is in a list, a table, code, a quote or front matter
/// (never a label); `headings` are the document's own, in order.
pub(super) fn section_label<'s>(
    id: &str,
    text: &'s str,
    inside: &dyn Fn(usize) -> bool,
    template: &Template,
    headings: &[&Heading<'s>],
) -> Option<(Heading<'s>, usize)> {
    let mut at = 0;
    let mut blank_before = true;
    for line in crate::source::lines_inclusive(text) {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        let was_blank = std::mem::replace(&mut blank_before, trimmed.is_empty());
        if trimmed.is_empty() || !was_blank || trimmed.len() > 80 || inside(start) {
            continue;
        }
        // What follows, after blank lines: a list or a table.
        let next = text[at..].lines().map(str::trim).find(|l| !l.is_empty());
        if !next.is_some_and(opens_list_or_table) {
            continue;
        }
        let label = trimmed
            .trim_matches(|c| c == '*' || c == '_')
            .trim_end_matches(':')
            .trim_matches(|c| c == '*' || c == '_')
            .trim();
        let named = template.match_heading_ids(label).0 == Some(id);
        let lead_in = id == "action-items" && trimmed.ends_with(':') && is_lead_in(label);
        if !(named || lead_in) {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let text_start = start + lead + trimmed.find(label).unwrap_or(0);
        let enclosing = headings
            .iter()
            .rev()
            .find(|h| h.range.start < start)
            .map_or(1, |h| h.level);
        // The list or table runs until a line of text outside them.
        let mut end = at;
        let mut ends = text.len();
        for after in crate::source::lines_inclusive(&text[at..]) {
            if !after.trim().is_empty() && !inside(end) {
                ends = end;
                break;
            }
            end += after.len();
        }
        let heading = Heading {
            level: (enclosing + 1).min(6),
            range: start..start + line.trim_end().len(),
            text_range: text_start..text_start + label.len(),
            text: Cow::Borrowed(label),
        };
        return Some((heading, ends));
    }
    None
}

fn opens_list_or_table(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1) == Some(&b' '),
        Some(b'|') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')')) && b.get(digits + 1) == Some(&b' ')
        }
        _ => false,
    }
}

/// "Some possible actions in the future", "Proposed next steps": a noun of follow-up work
/// and a word that looks ahead, both from the data.
fn is_lead_in(label: &str) -> bool {
    let lower = label.to_lowercase();
    let words = words(&lower);
    let (nouns, ahead) = lead_in_words();
    words.len() <= 12 && holds_any(&words, nouns) && holds_any(&words, ahead)
}
