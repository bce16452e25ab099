//! The JSON report (version 1): keys may be added, never removed or renamed. It is written
//! as the files are checked: the header first, one diagnostic per line, the summary last.

use super::Totals;
use crate::diagnostic::FileFindings;
use std::io;

pub fn begin(out: &mut dyn io::Write, files: usize) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"version\": 1,\n  \"files_checked\": {files},\n  \"diagnostics\": ["
    )
}

pub fn file(out: &mut dyn io::Write, report: &FileFindings, first: &mut bool) -> io::Result<()> {
    // Written into memory, then written out once. The keys are written by hand, in the order
    // the report has always had; strings are escaped as serde_json escapes them.
    let mut buf = Vec::with_capacity(report.diagnostics.len() * 256);
    for d in &report.diagnostics {
        let ((line, column), (end_line, end_column)) = report.position(d);
        buf.extend_from_slice(if *first { b"\n    " } else { b",\n    " });
        *first = false;
        buf.extend_from_slice(b"{\"path\":");
        push_str(&mut buf, &report.path)?;
        buf.extend_from_slice(b",\"rule\":");
        push_str(&mut buf, d.rule)?;
        buf.extend_from_slice(b",\"severity\":");
        push_str(&mut buf, d.severity.as_str())?;
        buf.extend_from_slice(b",\"message\":");
        push_str(&mut buf, &d.message)?;
        buf.extend_from_slice(b",\"help\":");
        match &d.help {
            Some(help) => push_str(&mut buf, help)?,
            None => buf.extend_from_slice(b"null"),
        }
        for (key, n) in [
            (&b",\"line\":"[..], line),
            (b",\"column\":", column),
            (b",\"end_line\":", end_line),
            (b",\"end_column\":", end_column),
        ] {
            buf.extend_from_slice(key);
            push_number(&mut buf, n);
        }
        // A finding that stands for more of its rule in the file says how many.
        if d.not_shown > 0 {
            buf.extend_from_slice(b",\"not_shown\":");
            push_number(&mut buf, d.not_shown);
        }
        buf.push(b'}');
    }
    out.write_all(&buf)
}

/// `s` as a JSON string, exactly as serde_json writes it. Most strings need no escape: a test
/// of eight bytes at a time says so, and they are copied whole; the others go to serde_json.
fn push_str(buf: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if needs_escape(s.as_bytes()) {
        return serde_json::to_writer(&mut *buf, s).map_err(io::Error::other);
    }
    buf.push(b'"');
    buf.extend_from_slice(s.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// `n` in decimal. The formatting machinery costs a few hundred instructions a number, and
/// a report writes four for each diagnostic.
fn push_number(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// Whether `bytes` hold a byte JSON escapes: `"`, `\` or a control character below a space.
fn needs_escape(bytes: &[u8]) -> bool {
    use crate::re::{some_byte_below, some_byte_is};
    let (mut eights, rest) = crate::re::eights(bytes);
    eights.any(|(_, v)| some_byte_below(v, 0x20) || some_byte_is(v, b'"') || some_byte_is(v, b'\\'))
        || rest.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\')
}

pub fn finish(out: &mut dyn io::Write, totals: Totals) -> io::Result<()> {
    write!(
        out,
        "\n  ],\n  \"summary\": {{ \"errors\": {}, \"warnings\": {} }}\n}}\n",
        totals.errors, totals.warnings
    )
}

/// The JSON document, streamed a file at a time.
pub(super) struct Json {
    files: usize,
    first: bool,
}

impl Json {
    pub(super) fn new(files: usize) -> Json {
        Json { files, first: true }
    }
}

impl super::Printer for Json {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        begin(out, self.files)
    }

    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        file(out, report, &mut self.first)
    }

    fn finish(&mut self, out: &mut dyn io::Write, totals: Totals) -> io::Result<()> {
        finish(out, totals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(s in "(?s).{0,40}", ascii in "[ -~\\x00-\\x1f\\x7f\"\\\\]{0,40}") {
            for s in [&s, &ascii] {
                let mut ours = Vec::new();
                push_str(&mut ours, s).unwrap();
                proptest::prop_assert_eq!(ours, serde_json::to_vec(s).unwrap());
            }
        }
    }

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut ours = Vec::new();
            push_number(&mut ours, n);
            assert_eq!(ours, n.to_string().into_bytes());
        }
    }

    #[test]
    fn every_byte_is_escaped_where_serde_json_escapes_it() {
        for b in 0..128u8 {
            for at in 0..17 {
                let mut text = vec![b'a'; 17];
                text[at] = b;
                let text = String::from_utf8(text).unwrap();
                let mut ours = Vec::new();
                push_str(&mut ours, &text).unwrap();
                assert_eq!(ours, serde_json::to_vec(&text).unwrap(), "{b} at {at}");
            }
        }
    }
}
