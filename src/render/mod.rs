//! Output formats, one file each. A [`Writer`] streams files' reports in order as they are
//! checked, so memory holds only the files in flight; line and column are computed here, from
//! each file's one line index.

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
        let mut totals = Totals::default();
        for r in reports {
            totals.add(r);
        }
        totals
    }

    fn add(&mut self, report: &FileReport) {
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.files += 1;
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

/// Writes reports as they come, in the order given (path order, as `check` produces them).
pub struct Writer<'w> {
    out: &'w mut dyn io::Write,
    format: Format,
    options: RenderOptions,
    totals: Totals,
    human: Option<annotate_snippets::Renderer>,
    first: bool,
}

impl<'w> Writer<'w> {
    /// Starts the output for a run over `files` files.
    pub fn begin(
        out: &'w mut dyn io::Write,
        format: Format,
        options: RenderOptions,
        files: usize,
    ) -> io::Result<Writer<'w>> {
        if format == Format::Json {
            json::begin(out, files)?;
        }
        Ok(Writer {
            out,
            format,
            options,
            totals: Totals::default(),
            human: (format == Format::Human).then(|| human::renderer(options.color)),
            first: true,
        })
    }

    /// Writes one file's diagnostics.
    pub fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.totals.add(report);
        match self.format {
            Format::Human => match &self.human {
                Some(renderer) => human::file(self.out, renderer, report),
                None => Ok(()),
            },
            Format::Concise => concise::file(self.out, report),
            Format::Json => json::file(self.out, report, &mut self.first),
        }
    }

    /// Closes the output (the summary line, or the end of the JSON document).
    pub fn finish(self) -> io::Result<Totals> {
        let totals = self.totals;
        match self.format {
            Format::Json => json::finish(self.out, totals)?,
            Format::Human | Format::Concise => {
                if !self.options.quiet && totals.errors + totals.warnings > 0 {
                    writeln!(self.out, "{}", totals.sentence())?;
                }
            }
        }
        self.out.flush()?;
        Ok(totals)
    }
}

/// Writes every report in `format`: [`Writer`] for a run whose reports are all at hand.
pub fn render(
    out: &mut dyn io::Write,
    reports: &[FileReport],
    format: Format,
    options: RenderOptions,
) -> io::Result<Totals> {
    let mut writer = Writer::begin(out, format, options, reports.len())?;
    for report in reports {
        writer.file(report)?;
    }
    writer.finish()
}
