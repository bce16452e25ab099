//! Where the fixes of rules put their edits: a line of the source, the rows of an
//! action-items table, a cell appended to a table line.

use super::{Applicability, Edit, Fix};
use crate::document::{Document, Field, ItemOrigin};
use std::ops::Range;

/// The line of the source that holds `offset`, without its line end.
pub fn line_at(doc: &Document<'_>, offset: usize) -> Range<usize> {
    let source = doc.source();
    let range = source.line_range(source.line_index(offset));
    let text = doc.slice(range.clone());
    range.start..range.start + text.trim_end_matches(['\n', '\r']).len()
}

/// The lines (without line ends) of the rows of the action-items table `table`, in order.
pub fn table_rows(doc: &Document<'_>, table: usize) -> Vec<Range<usize>> {
    let Some(actions) = &doc.action_items else {
        return Vec::new();
    };
    let mut rows: Vec<Range<usize>> = actions
        .items
        .iter()
        .filter(|i| i.origin == ItemOrigin::Table(table))
        .map(|i| line_at(doc, i.range.start))
        .collect();
    rows.sort_by_key(|r| r.start);
    rows.dedup();
    rows
}

/// A cell appended to a table line, whether or not the line ends with a pipe.
pub fn append_cell(doc: &Document<'_>, line: &Range<usize>, cell: &str) -> Edit {
    let text = doc.slice(line.clone());
    let end = line.start + text.trim_end().len();
    let text = if text.trim_end().ends_with('|') {
        format!(" {cell} |")
    } else {
        format!(" | {cell}")
    };
    Edit::insert(end, text)
}

/// A field's value replaced by the word it most likely misspells, when the value is written
/// exactly as read (no markup around it to lose).
pub fn correct_value(doc: &Document<'_>, field: &Field, word: &str) -> Option<Fix> {
    let range = &field.range;
    let written = doc.text().get(range.clone())?;
    let start = range.start + (written.len() - written.trim_start().len());
    let end = range.start + written.trim_end().len();
    let was = doc.text().get(start..end)?;
    if was != field.text.trim() {
        return None;
    }
    Some(Fix::new(
        format!("Replace `{was}` with `{word}`"),
        Applicability::Unsafe,
        vec![Edit::replace(start..end, word)],
    ))
}
