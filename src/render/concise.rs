//! `path:line:col: severity[rule] message`, one line per diagnostic.

use super::{RenderOptions, Totals};
use crate::check::FileReport;
use std::io;

pub fn render(
    out: &mut dyn io::Write,
    reports: &[FileReport],
    options: RenderOptions,
) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let ((line, column), _) = report.position(d);
            writeln!(
                out,
                "{}:{line}:{column}: {}[{}] {}",
                report.path, d.severity, d.rule, d.message
            )?;
        }
    }
    let totals = Totals::of(reports);
    if !options.quiet && totals.errors + totals.warnings > 0 {
        writeln!(out, "{}", totals.sentence())?;
    }
    Ok(())
}
