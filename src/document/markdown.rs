//! The single pulldown-cmark pass: headings, list items, tables, and the ranges no rule may
//! look inside (code, HTML comments and blocks, front matter).

use super::Heading;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct ListItem {
    pub range: Range<usize>,
    /// 0 for a top-level item.
    pub depth: usize,
    pub parent: Option<usize>,
    /// `Some(true)` for `- [x]`, with the marker's range.
    pub checkbox: Option<(bool, Range<usize>)>,
    /// Where the item's first nested list starts: the item's own text ends there.
    pub nested_list_start: Option<usize>,
    /// An item of a numbered list.
    pub ordered: bool,
}

impl ListItem {
    /// The item without its nested lists.
    pub fn own_range(&self) -> Range<usize> {
        self.range.start..self.nested_list_start.unwrap_or(self.range.end)
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// Trimmed of surrounding whitespace; empty cells get an empty range at their position.
    /// (Its text is the document's text there: `Document::slice`.)
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub range: Range<usize>,
    /// Where its cells are in the table's [`Table::cells`].
    cells: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub range: Range<usize>,
    pub header: Row,
    pub rows: Vec<Row>,
    /// The cells of every row, row after row: one vector for the table, not one a row.
    cells: Vec<Cell>,
}

impl Table {
    /// The cells of one of the table's rows.
    pub fn cells(&self, row: &Row) -> &[Cell] {
        self.cells.get(row.cells.clone()).unwrap_or_default()
    }
}

#[derive(Debug, Default)]
pub struct Blocks<'s> {
    pub headings: Vec<Heading<'s>>,
    pub lists: Vec<ListItem>,
    pub tables: Vec<Table>,
    pub excluded: Vec<Range<usize>>,
    /// HTML comments, in order (suppression comments live here).
    pub comments: Vec<Range<usize>>,
    /// Block quotes: quoted words, not the author's.
    pub quotes: Vec<Range<usize>>,
    pub front_matter: Option<Range<usize>>,
}

/// A heading being read: level, whole range, text so far, range of the text so far.
type OpenHeading<'s> = (u8, Range<usize>, Cow<'s, str>, Option<Range<usize>>);

pub fn scan(text: &str) -> Blocks<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // Room for what a postmortem of this size usually holds, so the vectors rarely grow.
    let mut blocks = Blocks {
        headings: Vec::with_capacity(16),
        lists: Vec::with_capacity((text.len() / 256).min(1024)),
        excluded: Vec::with_capacity((text.len() / 512).min(1024)),
        ..Blocks::default()
    };
    let mut heading: Option<OpenHeading> = None;
    let mut item_stack: Vec<usize> = Vec::new();
    let mut ordered_stack: Vec<bool> = Vec::new();
    let mut row: Option<Row> = None;
    let mut in_head = false;
    let mut link: Option<(Range<usize>, Option<usize>)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level_number(level), range, Cow::Borrowed(""), None));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, range, words, text_range)) = heading.take() {
                    let text_range = text_range.unwrap_or(range.start..range.start);
                    blocks.headings.push(Heading {
                        level,
                        range: range.clone(),
                        text_range,
                        text: match words {
                            Cow::Borrowed(words) => Cow::Borrowed(words.trim()),
                            Cow::Owned(words) if words.trim().len() == words.len() => {
                                Cow::Owned(words)
                            }
                            Cow::Owned(words) => Cow::Owned(words.trim().to_owned()),
                        },
                    });
                }
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() => {
                if let Some((_, _, words, text_range)) = heading.as_mut() {
                    // The first piece is borrowed when the document holds it as it is.
                    match (&words, t) {
                        (Cow::Borrowed(""), CowStr::Borrowed(piece)) => {
                            *words = Cow::Borrowed(piece)
                        }
                        (_, piece) => words.to_mut().push_str(&piece),
                    }
                    *text_range = Some(match text_range.take() {
                        Some(r) => r.start..range.end,
                        None => range.clone(),
                    });
                }
            }
            Event::Code(_) => blocks.excluded.push(range),
            Event::Start(Tag::CodeBlock(_)) => blocks.excluded.push(range),
            Event::Start(Tag::HtmlBlock) => {
                if text[range.clone()].trim_start().starts_with("<!--") {
                    blocks.comments.push(range.clone());
                }
                blocks.excluded.push(range);
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => {
                blocks.excluded.push(range.clone());
                blocks.comments.push(range);
            }
            Event::Start(Tag::BlockQuote(_)) => blocks.quotes.push(range),
            Event::Start(Tag::Link { .. }) => link = Some((range, None)),
            Event::Text(_) if link.is_some() => {
                if let Some((_, text_end)) = link.as_mut() {
                    *text_end = Some(range.end);
                }
            }
            Event::End(TagEnd::Link) => {
                // The destination of `[text](url)`, or the whole of `<url>`, is no prose.
                if let Some((whole, text_end)) = link.take() {
                    let url_start = text_end.map_or(whole.start, |end| end.min(whole.end));
                    blocks.excluded.push(url_start..whole.end);
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => {
                blocks.excluded.push(range.clone());
                blocks.front_matter = Some(range);
            }
            Event::Start(Tag::List(start)) => {
                ordered_stack.push(start.is_some());
                if let Some(&parent) = item_stack.last()
                    && let Some(item) = blocks.lists.get_mut(parent)
                    && item.nested_list_start.is_none()
                {
                    item.nested_list_start = Some(range.start);
                }
            }
            Event::End(TagEnd::List(_)) => {
                ordered_stack.pop();
            }
            Event::Start(Tag::Item) => {
                blocks.lists.push(ListItem {
                    range,
                    depth: item_stack.len(),
                    parent: item_stack.last().copied(),
                    checkbox: None,
                    nested_list_start: None,
                    ordered: ordered_stack.last().copied().unwrap_or(false),
                });
                item_stack.push(blocks.lists.len() - 1);
            }
            Event::End(TagEnd::Item) => {
                item_stack.pop();
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = item_stack.last().and_then(|&i| blocks.lists.get_mut(i)) {
                    item.checkbox = Some((checked, range));
                }
            }
            Event::Start(Tag::Table(columns)) => {
                let empty = Row {
                    range: range.start..range.start,
                    cells: 0..0,
                };
                // Room for the rows most tables have (action items, a timeline), each with
                // the header's cells.
                blocks.tables.push(Table {
                    range,
                    header: empty,
                    rows: Vec::with_capacity(16),
                    cells: Vec::with_capacity(17 * columns.len()),
                });
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                in_head = matches!(event, Event::Start(Tag::TableHead));
                let first = blocks.tables.last().map_or(0, |t| t.cells.len());
                row = Some(Row {
                    range,
                    cells: first..first,
                });
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let (Some(mut done), Some(table)) = (row.take(), blocks.tables.last_mut()) {
                    done.cells.end = table.cells.len();
                    if in_head {
                        table.header = done;
                    } else {
                        table.rows.push(done);
                    }
                }
                in_head = false;
            }
            Event::Start(Tag::TableCell) => {
                if let (Some(_), Some(table)) = (&row, blocks.tables.last_mut()) {
                    table.cells.push(trimmed_cell(text, range));
                }
            }
            _ => {}
        }
    }
    blocks.excluded.sort_by_key(|r| r.start);
    blocks.excluded = merge(std::mem::take(&mut blocks.excluded));
    blocks
}

fn trimmed_cell(text: &str, range: Range<usize>) -> Cell {
    let raw = text.get(range.clone()).unwrap_or("");
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    let start = range.start + lead;
    Cell {
        range: start..start + trimmed.len(),
    }
}

fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
