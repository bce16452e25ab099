//! The JSON report of SPEC §3.2: keys may be added, never removed or renamed.

use super::Totals;
use crate::check::FileReport;
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

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

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
}

pub fn render(out: &mut dyn io::Write, reports: &[FileReport]) -> io::Result<()> {
    let totals = Totals::of(reports);
    let diagnostics = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                let ((line, column), (end_line, end_column)) = r.position(d);
                Entry {
                    path: &r.path,
                    rule: d.rule,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    help: d.help.as_deref(),
                    line,
                    column,
                    end_line,
                    end_column,
                }
            })
        })
        .collect();
    let report = Report {
        version: 1,
        files_checked: totals.files,
        diagnostics,
        summary: Summary {
            errors: totals.errors,
            warnings: totals.warnings,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}
