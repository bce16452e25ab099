//! Positions as an editor counts them (line and UTF-16 unit) and byte offsets as the engine
//! does, and the edits an editor sends as the user types.

use crate::source::Source;
use lsp_types::{Position, Range as LspRange, TextDocumentContentChangeEvent};
use std::ops::Range;

/// The byte offset of an editor position in `text` (clamped to the line's end and the text's
/// end: a client may send a position past either).
pub fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut units = 0u32;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_end
}

/// Applies one change from `didChange`: a range replaced, or (without a range) the whole text.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let start = offset_of(text, range.start);
            let end = offset_of(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}

/// Converts the engine's byte offsets (in the normalised source: no byte-order mark, LF line
/// ends) into the editor's positions in the text it holds.
pub struct Positions<'a> {
    source: &'a Source,
    /// The editor's text starts with a byte-order mark (one UTF-16 unit on the first line).
    bom: bool,
}

impl<'a> Positions<'a> {
    pub fn new(source: &'a Source, editor_text: &str) -> Self {
        Positions {
            source,
            bom: editor_text.starts_with('\u{feff}'),
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let text = self.source.text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.source.line_index(offset);
        let start = self.source.line_range(line).start.min(offset);
        let mut character: u32 = text[start..offset]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum();
        if line == 0 && self.bom {
            character += 1;
        }
        Position {
            line: line as u32,
            character,
        }
    }

    pub fn range(&self, range: &Range<usize>) -> LspRange {
        LspRange {
            start: self.position(range.start),
            end: self.position(range.end.max(range.start)),
        }
    }

    /// The byte offset in the normalised source of an editor position.
    pub fn offset(&self, position: Position) -> usize {
        let text = self.source.text();
        let line = position.line as usize;
        if line >= self.source.line_count() {
            return text.len();
        }
        let range = self.source.line_range(line);
        let mut units = if line == 0 && self.bom { 1 } else { 0 };
        for (i, c) in text[range.clone()].char_indices() {
            if units >= position.character {
                return range.start + i;
            }
            units += c.len_utf16() as u32;
        }
        range.end
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_columns_both_ways() {
        let text = "a\n😀b — c\n";
        assert_eq!(offset_of(text, pos(1, 2)), 6);
        assert_eq!(offset_of(text, pos(1, 99)), text.len() - 1);
        assert_eq!(offset_of(text, pos(9, 0)), text.len());
        let source = Source::new("x.md", text);
        let p = Positions::new(&source, text);
        assert_eq!(p.position(6), pos(1, 2));
        assert_eq!(p.offset(pos(1, 2)), 6);
    }

    #[test]
    fn crlf_and_bom_keep_lines_and_columns() {
        let editor = "\u{feff}ab\r\ncd\r\n";
        let source = Source::new("x.md", editor);
        let p = Positions::new(&source, editor);
        assert_eq!(p.position(1), pos(0, 2));
        assert_eq!(p.position(4), pos(1, 1));
    }

    #[test]
    fn incremental_edits() {
        let mut text = "one\ntwo\n".to_owned();
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(LspRange {
                    start: pos(1, 0),
                    end: pos(1, 3),
                }),
                range_length: None,
                text: "2".into(),
            },
        );
        assert_eq!(text, "one\n2\n");
    }
}
