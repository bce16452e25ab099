//! `path:line:col: severity[rule] message`, one line per diagnostic.

use crate::diagnostic::FileFindings;
use crate::escape::visible;
use std::io;

pub fn file(out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
    for d in &report.diagnostics {
        let ((line, column), _) = report.position(d);
        writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            visible(&report.path),
            d.severity,
            d.rule,
            visible(&d.message)
        )?;
    }
    Ok(())
}

/// One line per diagnostic, and the summary line.
pub(super) struct Concise {
    pub options: super::RenderOptions,
}

impl super::Printer for Concise {
    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        file(out, report)
    }

    fn finish(&mut self, out: &mut dyn io::Write, totals: super::Totals) -> io::Result<()> {
        super::summary_line(out, self.options, totals)
    }
}
