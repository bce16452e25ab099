//! Output formats, one file each. A [`Writer`] streams files' reports in order as they are
//! checked, so memory holds only the files in flight; line and column are computed here, from
//! each file's one line index.

mod concise;
pub mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use crate::diagnostic::{FileFindings, Severity};
use crate::rules::RuleDoc;
use std::io;

/// The output formats: the one definition `--format` and `--output` use (their names and
/// help come from here, through clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated source snippets (rustc style).
    Human,
    /// One line per diagnostic: path:line:col: severity[rule] message.
    Concise,
    /// The JSON report (version 1).
    Json,
    /// GitHub workflow commands: annotations on the pull request's lines.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitLab Code Quality report.
    Gitlab,
    /// JUnit XML: a test case per file, a failure per finding.
    Junit,
}

impl Format {
    /// The format of that name (`sarif`), as `--format` spells it.
    pub fn parse(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(name, false).ok()
    }

    /// Every format's name, for messages.
    pub fn names() -> Vec<String> {
        <Format as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_owned())
            .collect()
    }
}

/// A relative path as a URI reference: each segment percent-encoded.
pub(crate) fn uri_path(path: &str) -> String {
    path.split('/')
        .map(|part| {
            part.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/")
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
    pub fn of(reports: &[FileFindings]) -> Totals {
        let mut totals = Totals::default();
        for r in reports {
            totals.add(r);
        }
        totals
    }

    fn add(&mut self, report: &FileFindings) {
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.files += 1;
    }

    /// "2 errors, 1 warning in 3 files", or "checked 3 files: no problems".
    pub fn sentence(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if self.errors + self.warnings == 0 {
            return format!("checked {}: no problems", plural(self.files, "file"));
        }
        format!(
            "{}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file")
        )
    }
}

/// One output format: what it writes before the first file, for each file, and at the end.
/// Each format is one type, in its own file; [`Format::printer`] is the one place that maps a
/// format to its printer.
trait Printer {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn io::Write, totals: Totals) -> io::Result<()>;
}

impl Format {
    fn printer(
        self,
        options: RenderOptions,
        files: usize,
        rules: Vec<&'static RuleDoc>,
    ) -> Box<dyn Printer> {
        match self {
            Format::Human => Box::new(human::Human::new(options)),
            Format::Concise => Box::new(concise::Concise { options }),
            Format::Json => Box::new(json::Json::new(files)),
            Format::Github => Box::new(github::Github),
            Format::Gitlab => Box::new(gitlab::Gitlab::default()),
            Format::Sarif => Box::new(sarif::Sarif::new(rules)),
            Format::Junit => Box::new(junit::Junit::default()),
        }
    }
}

/// The closing line of the formats people read: "2 errors, 1 warning in 3 files".
fn summary_line(out: &mut dyn io::Write, options: RenderOptions, totals: Totals) -> io::Result<()> {
    if options.quiet {
        return Ok(());
    }
    writeln!(out, "{}", totals.sentence())
}

/// Writes reports as they come, in the order given (path order, as `check` produces them).
/// Formats whose header depends on the whole run (SARIF, JUnit) buffer their results.
pub struct Writer<'w> {
    out: &'w mut dyn io::Write,
    printer: Box<dyn Printer>,
    totals: Totals,
}

impl<'w> Writer<'w> {
    /// Starts the output for a run over `files` files.
    /// `rules` are the run's rules, for the formats that describe them (SARIF).
    pub fn begin(
        out: &'w mut dyn io::Write,
        format: Format,
        options: RenderOptions,
        files: usize,
        rules: Vec<&'static RuleDoc>,
    ) -> io::Result<Writer<'w>> {
        let mut printer = format.printer(options, files, rules);
        printer.begin(out)?;
        Ok(Writer {
            out,
            printer,
            totals: Totals::default(),
        })
    }

    /// Writes one file's diagnostics.
    pub fn file(&mut self, report: &FileFindings) -> io::Result<()> {
        self.totals.add(report);
        self.printer.file(self.out, report)
    }

    /// Closes the output (the summary line, or the end of the JSON document).
    pub fn finish(mut self) -> io::Result<Totals> {
        let totals = self.totals;
        self.printer.finish(self.out, totals)?;
        self.out.flush()?;
        Ok(totals)
    }
}

/// Writes every report in `format`: [`Writer`] for a run whose reports are all at hand.
pub fn render(
    out: &mut dyn io::Write,
    reports: &[FileFindings],
    format: Format,
    options: RenderOptions,
) -> io::Result<Totals> {
    let rules = crate::rules::registry().iter().map(|r| r.doc()).collect();
    let mut writer = Writer::begin(out, format, options, reports.len(), rules)?;
    for report in reports {
        writer.file(report)?;
    }
    writer.finish()
}
