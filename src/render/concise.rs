//! `path:line:col: severity[rule] message`, one line per diagnostic.

use crate::check::FileFindings;
use std::io;

pub fn file(out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
    for d in &report.diagnostics {
        let ((line, column), _) = report.position(d);
        writeln!(
            out,
            "{}:{line}:{column}: {}[{}] {}",
            report.path, d.severity, d.rule, d.message
        )?;
    }
    Ok(())
}
