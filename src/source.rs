//! A file's text as the rules see it, and the one line index that turns byte offsets into
//! 1-based lines and character columns.

use std::ops::Range;

/// Why a file's bytes could not become a [`Source`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("file is binary (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("file is not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
}

/// The text of one postmortem, with a byte-order mark removed and CRLF folded to LF.
///
/// Folding CRLF keeps every line number and every column unchanged (a column never counts the
/// `\r`), so diagnostics still point at the same place in the file on disk.
#[derive(Debug, Clone)]
pub struct Source {
    path: String,
    text: String,
    line_starts: Vec<usize>,
    /// Characters before every [`CHECKPOINT`]-th byte, made on the first column asked of a
    /// long line: a column then costs at most one checkpoint's bytes, however long the line
    /// and however many findings it holds (a flood on one line stays linear).
    checkpoints: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes between two character-count checkpoints of a [`Source`].
const CHECKPOINT: usize = 1024;

impl Source {
    pub fn new(path: impl Into<String>, text: &str) -> Self {
        Source::from_string(path.into(), text.to_owned())
    }

    /// A source that keeps `text` itself when it has no byte-order mark and no CRLF (most
    /// files): no second copy of the file.
    fn from_string(path: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(bare) => folded(bare).unwrap_or_else(|| bare.to_owned()),
            None => folded(&text).unwrap_or(text),
        };
        // Room for lines of 32 bytes on average, so most files never grow it.
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Source {
            path,
            text,
            line_starts,
            checkpoints: std::sync::OnceLock::new(),
        }
    }

    /// Decodes a file's bytes, refusing binary files and invalid UTF-8.
    pub fn from_bytes(path: impl Into<String>, bytes: &[u8]) -> Result<Self, SourceError> {
        decodable(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(path, text)),
            Err(e) => Err(SourceError::NotUtf8 {
                offset: e.valid_up_to(),
            }),
        }
    }

    /// [`Source::from_bytes`] for bytes the caller owns (a file just read): they become the
    /// text without being copied.
    pub fn from_vec(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, SourceError> {
        decodable(&bytes)?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::from_string(path.into(), text)),
            Err(e) => Err(SourceError::NotUtf8 {
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index of a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of a 0-based line, without its newline.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |next| next - 1);
        start..end.max(start)
    }

    /// 1-based line and 1-based column (in Unicode scalar values) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = if offset - start <= CHECKPOINT {
            self.text[start..offset].chars().count()
        } else {
            self.chars_before(offset) - self.chars_before(start)
        };
        (line + 1, column + 1)
    }

    /// Characters before the char boundary `offset`, from the nearest checkpoint below it.
    fn chars_before(&self, offset: usize) -> usize {
        let checkpoints = self.checkpoints.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut counts = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
            let mut chars = 0;
            for chunk in bytes.chunks(CHECKPOINT) {
                counts.push(chars);
                // A character starts at every byte that is not a UTF-8 continuation byte.
                chars += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count();
            }
            counts.push(chars);
            counts
        });
        let k = offset / CHECKPOINT;
        let from = k * CHECKPOINT;
        let tail = self.text.as_bytes()[from..offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        checkpoints.get(k).copied().unwrap_or(0) + tail
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// A path's folder and name as written, split at its last separator (no folder when it has
/// none): for a path made by joining a folder and a plain name, what `parent` and
/// `file_name` give, read off the bytes rather than component by component.
pub fn folder_and_name(path: &std::path::Path) -> (&[u8], &[u8]) {
    let bytes = path.as_os_str().as_encoded_bytes();
    match bytes
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
    {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (&[], bytes),
    }
}

/// A path as the user typed it, with `/` separators and no leading `./`.
pub fn display_path(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// The lines of `text`, each with its `\n`, as `str::split_inclusive('\n')` gives them, found
/// with the memchr crate's vector search (lines are short; core's search restarts per line).
pub fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = ends.next().map_or(text.len(), |i| i + 1);
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// `text` with CRLF folded to LF, or `None` when it has no CRLF. memchr's vectorised search:
/// core's substring search costs a few instructions a byte.
fn folded(text: &str) -> Option<String> {
    // A search for one byte is quicker than one for the pair, and most files have no `\r`.
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes)
        .any(|at| bytes.get(at + 1) == Some(&b'\n'))
        .then(|| text.replace("\r\n", "\n"))
}

/// Refuses binary files: a NUL byte is never in a text file.
fn decodable(bytes: &[u8]) -> Result<(), SourceError> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(SourceError::Binary { offset }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn lines_are_those_of_split_inclusive(text in "[a\n\r é]{0,40}") {
            let ours: Vec<&str> = lines_inclusive(&text).collect();
            let std: Vec<&str> = text.split_inclusive('\n').collect();
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn owned_bytes_read_as_borrowed_ones(bytes in proptest::collection::vec(
            proptest::sample::select(vec![0xef, 0xbb, 0xbf, b'\r', b'\n', b'a', 0, 0xc3, 0xa9, 0xff]),
            0..24,
        )) {
            let owned = Source::from_vec("a.md", bytes.clone());
            let borrowed = Source::from_bytes("a.md", &bytes);
            match (owned, borrowed) {
                (Ok(o), Ok(b)) => {
                    proptest::prop_assert_eq!(o.text(), b.text());
                    proptest::prop_assert_eq!(o.line_starts, b.line_starts);
                }
                (o, b) => proptest::prop_assert_eq!(o.err(), b.err()),
            }
        }
    }

    use super::*;

    #[test]
    fn columns_on_a_long_line_agree_with_counting() {
        let line = "aé€😀 ".repeat(2000);
        let text = format!("# T\n{line}\n{line}");
        let s = Source::new("a.md", &text);
        for (offset, _) in text.char_indices().step_by(37).chain([(text.len(), ' ')]) {
            let line = s.line_index(offset);
            let start = s.line_range(line).start;
            let naive = text[start..offset].chars().count() + 1;
            assert_eq!(s.line_col(offset), (line + 1, naive), "at {offset}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let s = Source::new("a.md", "héllo wörld\nzwei");
        assert_eq!(s.line_col(0), (1, 1));
        let w = s.text().find('w').unwrap();
        assert_eq!(s.line_col(w), (1, 7));
        assert_eq!(s.line_col(s.text().len()), (2, 5));
    }

    #[test]
    fn crlf_and_bom_keep_lines_and_columns() {
        let s = Source::new("a.md", "\u{feff}# T\r\n\r\nab\r\n");
        assert_eq!(s.text(), "# T\n\nab\n");
        let b = s.text().find('b').unwrap();
        assert_eq!(s.line_col(b), (3, 2));
        let owned = Source::from_vec("a.md", b"\xef\xbb\xbf# T\r\n\r\nab\r\n".to_vec()).unwrap();
        assert_eq!(owned.text(), s.text());
        let bare = Source::from_vec("a.md", "\u{feff}# T\n".as_bytes().to_vec()).unwrap();
        assert_eq!(bare.text(), "# T\n");
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused() {
        assert_eq!(
            Source::from_bytes("a", b"ab\0c").unwrap_err(),
            SourceError::Binary { offset: 2 }
        );
        assert_eq!(
            Source::from_bytes("a", b"ab\xffc").unwrap_err(),
            SourceError::NotUtf8 { offset: 2 }
        );
    }
}
