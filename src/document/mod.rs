//! The document model: one pulldown-cmark pass over a [`Source`] builds an immutable
//! [`Document`] of headings, sections, metadata, timeline entries and action items, each with
//! the byte ranges the rules point at.

mod actions;
pub mod aliases;
mod clock;
mod datescan;
mod duration;
mod labels;
mod markdown;
mod metadata;
pub mod sentences;
pub mod status;
pub mod template;
pub mod temporal;
mod tickets;
mod timeline;
mod words;

use crate::source::Source;
use std::borrow::Cow;
use std::ops::Range;

pub use actions::{ActionItem, ActionItems, ActionTable, Column, Field, ItemOrigin};
use markdown::Blocks;
pub use markdown::{Cell, ListItem, Table};
pub use metadata::{Disclosure, MetaField, MetaKey, Metadata};
pub use status::{ActionType, Status, misspelt_status, parse_status};
pub use template::{SectionSpec, Template};
pub use temporal::Date;
pub use tickets::{CellKind, Ticket, Tracker, Trackers};
pub use timeline::{Stamp, Timeline, TimelineEntry};

/// A heading as written.
#[derive(Debug, Clone)]
pub struct Heading<'s> {
    pub level: u8,
    /// The whole heading, marker included (one line for ATX, two for setext).
    pub range: Range<usize>,
    /// The heading's text, without `#` markers.
    pub text_range: Range<usize>,
    /// Borrowed from the document where it is written in one piece (most headings), owned
    /// where it was put together ("Root causes `and` trigger").
    pub text: Cow<'s, str>,
}

/// A heading of level 2 or more (or a later level 1) and the text under it.
#[derive(Debug, Clone)]
pub struct Section<'s> {
    pub heading: Heading<'s>,
    /// The template section this heading stands for, if any (its id, from the template).
    pub kind: Option<&'s str>,
    /// Further sections a combined heading stands for ("Root causes and trigger").
    pub also: Vec<&'s str>,
    /// The template section this text belongs to: its own kind, or that of the nearest
    /// enclosing section ("### Process" under "## Contributing factors").
    pub scope: Option<&'s str>,
    /// Up to the next heading of the same or a higher level: includes subsections.
    pub body: Range<usize>,
    /// Up to the next heading of any level.
    pub direct_body: Range<usize>,
}

/// One postmortem, parsed once. Rules only read it.
#[derive(Debug)]
pub struct Document<'s> {
    source: &'s Source,
    template: &'s Template,
    pub title: Option<Heading<'s>>,
    pub sections: Vec<Section<'s>>,
    pub front_matter: Option<Range<usize>>,
    /// Ambiguous dates (`03/04`) are read day first.
    pub day_first: bool,
    pub metadata: Metadata,
    pub incident_date: Option<Date>,
    pub timeline: Option<Timeline>,
    pub action_items: Option<ActionItems<'s>>,
    pub lists: Vec<ListItem>,
    pub tables: Vec<Table>,
    /// HTML comments, in order.
    pub comments: Vec<Range<usize>>,
    /// Block quotes, in order.
    pub quotes: Vec<Range<usize>>,
    /// Code spans, code blocks, HTML comments and HTML blocks, front matter: sorted, disjoint.
    excluded: Vec<Range<usize>>,
}

/// The steps that model a document after its outline ([`Document::outline`]), in order: each
/// reads what the ones before it found.
const STEPS: [fn(&mut Document<'_>); 3] = [
    |doc| {
        doc.metadata = metadata::read(doc);
        doc.incident_date = doc
            .metadata
            .get(MetaKey::Date)
            .and_then(|f| doc.find_dates(&f.value, None).next().map(|d| d.date))
            .or_else(|| date_in_file_name(doc.source.path()));
    },
    |doc| doc.timeline = timeline::read(doc),
    |doc| doc.action_items = actions::read(doc),
];

impl<'s> Document<'s> {
    pub fn parse(source: &'s Source, template: &'s Template) -> Document<'s> {
        Document::parse_with(source, template, false)
    }

    /// Parses, reading ambiguous dates such as `03/04` day first when `day_first`.
    pub fn parse_with(source: &'s Source, template: &'s Template, day_first: bool) -> Document<'s> {
        let blocks = markdown::scan(source.text());
        let mut doc = Document::outline(source, blocks, template, day_first);
        for step in STEPS {
            step(&mut doc);
        }
        doc
    }

    /// [`Document::parse_with`] for a batch of files, a step at a time: the Markdown pass over
    /// every file, then each step of the model over every document. Each step's code then
    /// serves the whole batch while it is in the processor's instruction cache.
    pub fn parse_all(
        sources: impl IntoIterator<Item = &'s Source>,
        template: &'s Template,
        day_first: bool,
    ) -> Vec<Document<'s>> {
        let sources: Vec<&Source> = sources.into_iter().collect();
        let blocks: Vec<Blocks<'s>> = sources.iter().map(|s| markdown::scan(s.text())).collect();
        let mut docs: Vec<Document<'s>> = sources
            .into_iter()
            .zip(blocks)
            .map(|(source, blocks)| Document::outline(source, blocks, template, day_first))
            .collect();
        for step in STEPS {
            for doc in &mut docs {
                step(doc);
            }
        }
        docs
    }

    /// A document's title and sections, from its Markdown pass; what the [`STEPS`] read is
    /// still empty.
    fn outline(
        source: &'s Source,
        blocks: Blocks<'s>,
        template: &'s Template,
        day_first: bool,
    ) -> Document<'s> {
        // A front matter `title:` is the title (a page generator renders it as the H1); the
        // body's headings are then all sections, "# Background" included.
        let mut title = blocks
            .front_matter
            .clone()
            .and_then(|fm| front_matter_title(source.text(), fm));
        let titled_above = title.is_some();
        let mut section_headings = Vec::with_capacity(blocks.headings.len());
        for heading in blocks.headings {
            let (kind, also) = template.match_heading_ids(&heading.text);
            let is_section_name = kind.is_some();
            if heading.level == 1
                && title.is_none()
                && !titled_above
                && section_headings.is_empty()
                && !is_section_name
            {
                title = Some(heading);
            } else {
                section_headings.push((heading, kind, also));
            }
        }
        // No heading for the follow-ups or the timeline: a line of text may introduce them
        // ("Action Items", "**Timeline:**", "Some possible actions in the future:").
        let mut labels = Vec::new();
        for id in ["action-items", "timeline"] {
            if section_headings
                .iter()
                .any(|(_, kind, also)| *kind == Some(id) || also.contains(&id))
            {
                continue;
            }
            let inside = |at: usize| {
                blocks
                    .lists
                    .iter()
                    .map(|l| &l.range)
                    .chain(blocks.tables.iter().map(|t| &t.range))
                    .chain(&blocks.excluded)
                    .chain(&blocks.quotes)
                    .chain(&blocks.front_matter)
                    .any(|r| r.contains(&at))
            };
            let own: Vec<&Heading<'s>> = section_headings.iter().map(|(h, ..)| h).collect();
            if let Some((heading, end)) =
                labels::section_label(id, source.text(), &inside, template, &own)
            {
                let at =
                    section_headings.partition_point(|(h, ..)| h.range.start < heading.range.start);
                section_headings.insert(at, (heading.clone(), Some(id), Vec::new()));
                labels.push((heading, end));
            }
        }
        let mut sections = build_sections(section_headings, source.text().len());
        // What a label introduces ends with its list or table.
        for (heading, end) in labels {
            if let Some(s) = sections
                .iter_mut()
                .find(|s| s.heading.range == heading.range)
            {
                s.body.end = s.body.end.min(end).max(s.body.start);
                s.direct_body.end = s.direct_body.end.min(end).max(s.direct_body.start);
            }
        }
        Document {
            source,
            template,
            title,
            sections,
            front_matter: blocks.front_matter.clone(),
            day_first,
            metadata: Metadata::default(),
            incident_date: None,
            timeline: None,
            action_items: None,
            lists: blocks.lists,
            tables: blocks.tables,
            comments: blocks.comments,
            quotes: blocks.quotes,
            excluded: blocks.excluded,
        }
    }

    /// Dates in `text`, read in the document's date order, as they are asked for.
    pub fn find_dates<'t>(
        &self,
        text: &'t str,
        default_year: Option<i32>,
    ) -> impl Iterator<Item = temporal::FoundDate> + 't {
        temporal::dates_in_order(text, default_year, self.day_first)
    }

    pub fn source(&self) -> &'s Source {
        self.source
    }

    pub fn template(&self) -> &'s Template {
        self.template
    }

    pub fn text(&self) -> &'s str {
        self.source.text()
    }

    pub fn slice(&self, range: Range<usize>) -> &'s str {
        self.source.text().get(range).unwrap_or("")
    }

    /// The first section of a template kind.
    pub fn section(&self, kind: &str) -> Option<&Section<'s>> {
        self.section_index(kind).map(|i| &self.sections[i])
    }

    /// The first section of that kind: its own heading, or else a combined heading that
    /// names it too.
    pub fn section_index(&self, kind: &str) -> Option<usize> {
        self.sections
            .iter()
            .position(|s| s.kind == Some(kind))
            .or_else(|| self.sections.iter().position(|s| s.also.contains(&kind)))
    }

    /// The place document-level findings point at: the title, or the start of line 1.
    pub fn anchor(&self) -> Range<usize> {
        match &self.title {
            Some(h) => h.text_range.clone(),
            None => {
                // The first character of line 1 (none when the line is empty).
                let line = self.source.line_range(0);
                let first = self
                    .slice(line.clone())
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                line.start..line.start + first
            }
        }
    }

    /// The byte ranges of code, HTML comments and blocks, and front matter, in order.
    pub fn excluded(&self) -> &[Range<usize>] {
        &self.excluded
    }

    /// Whether a byte offset is inside code, an HTML comment or block, or front matter.
    pub fn is_excluded(&self, offset: usize) -> bool {
        let i = self.excluded.partition_point(|r| r.end <= offset);
        self.excluded.get(i).is_some_and(|r| r.start <= offset)
    }

    /// Whether any byte of `range` is excluded.
    pub fn overlaps_excluded(&self, range: &Range<usize>) -> bool {
        let i = self.excluded.partition_point(|r| r.end <= range.start);
        self.excluded.get(i).is_some_and(|r| r.start < range.end)
    }

    /// The parts of `range` that are prose: `range` minus code, HTML comments and front matter.
    pub fn prose_ranges(&self, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        let first = self.excluded.partition_point(|r| r.end <= range.start);
        let mut inside = self.excluded[first..]
            .iter()
            .take_while(move |ex| ex.start < range.end);
        let mut at = range.start;
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            for ex in inside.by_ref() {
                let before = at..ex.start;
                at = at.max(ex.end);
                if !before.is_empty() {
                    return Some(before);
                }
            }
            done = true;
            (at < range.end).then_some(at..range.end)
        })
    }

    /// The text of `range` with excluded parts blanked to spaces, so offsets still line up;
    /// the text itself, not a copy, when nothing in it is excluded.
    pub fn prose_text(&self, range: Range<usize>) -> std::borrow::Cow<'s, str> {
        let text = self.slice(range.clone());
        let first = self.excluded.partition_point(|r| r.end <= range.start);
        if self
            .excluded
            .get(first)
            .is_none_or(|ex| ex.start >= range.end)
        {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = range.start;
        for part in self.prose_ranges(range.clone()) {
            blank_into(&mut out, self.slice(at..part.start));
            out.push_str(self.slice(part.clone()));
            at = part.end;
        }
        blank_into(&mut out, self.slice(at..range.end));
        std::borrow::Cow::Owned(out)
    }
}

fn blank_into(out: &mut String, text: &str) {
    // Each char becomes a space, each newline stays: the chars of a line are counted, then
    // written as that many spaces.
    let (mut chars, mut run) = (0, 0);
    for &b in text.as_bytes() {
        if b == b'\n' {
            push_spaces(out, run);
            out.push('\n');
            chars += run + 1;
            run = 0;
        } else if !is_continuation(b) {
            run += 1;
        }
    }
    push_spaces(out, run);
    chars += run;
    // Keep byte lengths equal: a multi-byte char became one space; pad the difference.
    push_spaces(out, text.len() - chars);
}

/// A byte that continues a UTF-8 character rather than starting one.
fn is_continuation(b: u8) -> bool {
    b & 0xc0 == 0x80
}

fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let take = n.min(SPACES.len());
        out.push_str(&SPACES[..take]);
        n -= take;
    }
}

/// A heading with the first section kind it names and the others.
type NamedHeading<'s> = (Heading<'s>, Option<&'s str>, Vec<&'s str>);

fn build_sections<'s>(headings: Vec<NamedHeading<'s>>, len: usize) -> Vec<Section<'s>> {
    // Where each section's text ends: at the next heading, and at the next heading of the same
    // or a higher level.
    let ends: Vec<(usize, usize)> = (0..headings.len())
        .map(|i| {
            let level = headings[i].0.level;
            let next_any = headings.get(i + 1).map_or(len, |(h, ..)| h.range.start);
            let next_same = headings[i + 1..]
                .iter()
                .find(|(h, ..)| h.level <= level)
                .map_or(len, |(h, ..)| h.range.start);
            (next_any, next_same)
        })
        .collect();
    let mut sections: Vec<Section<'s>> = Vec::with_capacity(headings.len());
    for ((heading, kind, also), (next_any, next_same)) in headings.into_iter().zip(ends) {
        let start = heading.range.end;
        let enclosing = sections
            .iter()
            .rev()
            .find(|s| s.heading.level < heading.level && s.body.end >= heading.range.end);
        let scope = kind.or_else(|| enclosing.and_then(|s| s.scope));
        sections.push(Section {
            kind,
            also,
            scope,
            heading,
            body: start..next_same.max(start),
            direct_body: start..next_any.max(start),
        });
    }
    sections
}

/// The `title:` (or `title =`) line of front matter as a heading, its value as the text.
fn front_matter_title(text: &str, front_matter: Range<usize>) -> Option<Heading<'_>> {
    let mut offset = front_matter.start;
    for line in text[front_matter].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix("title") else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix([':', '=']) else {
            continue;
        };
        let value_start = start + line.len() - value.len();
        let trimmed = value.trim().trim_matches(['"', '\'']);
        if trimmed.is_empty() {
            continue;
        }
        let from = value_start + text[value_start..].find(trimmed)?;
        return Some(Heading {
            level: 1,
            range: start..start + line.trim_end().len(),
            text_range: from..from + trimmed.len(),
            text: Cow::Borrowed(trimmed),
        });
    }
    None
}

fn date_in_file_name(path: &str) -> Option<Date> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    temporal::dates_in_order(name, None, false)
        .next()
        .map(|d| d.date)
}

#[cfg(test)]
mod tests {
    use super::blank_into;

    proptest::proptest! {
        /// Line by line, it blanks as the char-by-char definition does: a space per char, each
        /// newline kept, the bytes of multi-byte chars made up at the end.
        #[test]
        fn blanking_keeps_newlines_and_length(text in "(.|\n|é|’|\r)*") {
            let mut by_line = String::from("x");
            blank_into(&mut by_line, &text);
            let mut by_char = String::from("x");
            by_char.extend(text.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
            by_char.extend(std::iter::repeat_n(' ', text.len() - text.chars().count()));
            proptest::prop_assert_eq!(by_line, by_char);
        }
    }
}
