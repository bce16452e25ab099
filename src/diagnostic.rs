//! A finding as the engine reports it and every output renders it: the rule, its severity, the
//! byte range it points at, and a file's findings with the one line index that turns ranges
//! into lines and columns.

use crate::source::Source;
use serde::Serialize;
use std::fmt;
use std::ops::Range;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding of one rule, at a byte range of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<std::borrow::Cow<'static, str>>,
    /// For the finding that stands for a rule's findings in a file beyond the first hundred
    /// (see `rules::Findings`), at the first of them: how many it stands for, not
    /// shown one by one. 0 for an ordinary finding.
    pub not_shown: usize,
}

impl Diagnostic {
    /// How many findings this one counts as in totals: the findings it stands for, or one.
    pub fn counts_for(&self) -> usize {
        self.not_shown.max(1)
    }
}

/// The diagnostics of one file, with its text when it could be read.
#[derive(Debug, Clone)]
pub struct FileFindings {
    /// The path as found from the arguments, with `/` separators.
    pub path: String,
    pub source: Option<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileFindings {
    /// How many findings of `severity` the file has, those not shown one by one included.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .map(Diagnostic::counts_for)
            .sum()
    }

    /// 1-based (line, column) of both ends of a diagnostic; (1, 1) when the file was not read.
    pub fn position(&self, d: &Diagnostic) -> ((usize, usize), (usize, usize)) {
        match &self.source {
            Some(source) => (source.line_col(d.range.start), source.line_col(d.range.end)),
            None => ((1, 1), (1, 1)),
        }
    }
}
