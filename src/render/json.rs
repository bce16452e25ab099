//! The JSON report (version 1): keys may be added, never removed or renamed. It is written
//! as the files are checked: the header first, one diagnostic per line, the summary last.

use super::Totals;
use crate::check::FileFindings;
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct Entry<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn begin(out: &mut dyn io::Write, files: usize) -> io::Result<()> {
    write!(
        out,
        "{{\n  \"version\": 1,\n  \"files_checked\": {files},\n  \"diagnostics\": ["
    )
}

pub fn file(out: &mut dyn io::Write, report: &FileFindings, first: &mut bool) -> io::Result<()> {
    // Serialised into memory, then written once: serde_json writes in many small pieces.
    let mut buf = Vec::with_capacity(report.diagnostics.len() * 256);
    for d in &report.diagnostics {
        let ((line, column), (end_line, end_column)) = report.position(d);
        let entry = Entry {
            path: &report.path,
            rule: d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
            line,
            column,
            end_line,
            end_column,
        };
        buf.extend_from_slice(if *first { b"\n    " } else { b",\n    " });
        *first = false;
        serde_json::to_writer(&mut buf, &entry).map_err(io::Error::other)?;
    }
    out.write_all(&buf)
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
