//! Output formats, one file each. Renderers write to any `io::Write`; the CLI hands them
//! stdout. Line and column are computed here, from each file's one line index.

mod concise;
mod human;
mod json;

use crate::check::FileReport;
use crate::rules::Severity;
use std::io;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// ANSI colours (only on a terminal).
    pub color: bool,
    /// Leave out the closing summary line.
    pub quiet: bool,
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub errors: usize,
    pub warnings: usize,
    pub files: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        Totals {
            errors: reports.iter().map(|r| r.count(Severity::Error)).sum(),
            warnings: reports.iter().map(|r| r.count(Severity::Warning)).sum(),
            files: reports.len(),
        }
    }

    /// "2 errors, 1 warning in 3 files".
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}

/// Writes every report in `format`. Reports are expected in path order, diagnostics in
/// position order (as `check` produces them).
pub fn render(
    out: &mut dyn io::Write,
    reports: &[FileReport],
    format: Format,
    options: RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(out, reports, options),
        Format::Concise => concise::render(out, reports, options),
        Format::Json => json::render(out, reports),
    }
}
