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
    /// The edits that would fix it, as the rule that found it computed them.
    pub fixes: Vec<Fix>,
}

/// Whether a fix may be applied without a person reading it (as ruff says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Offered by an editor only: it leaves something for a person to fill in (a reason, a
    /// name, a date), so applying it unread would trade one finding for another.
    DisplayOnly,
    /// Changes what the document says (a value replaced by the one it most likely meant):
    /// `check --fix --unsafe-fixes` applies it.
    Unsafe,
    /// Keeps the meaning of the document: `check --fix` applies it.
    Safe,
}

/// One edit of a file's text: the bytes of `range` (of the text as the rules read it, CRLF
/// folded) replaced by `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(at..at, text)
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, "")
    }
}

/// A fix a finding carries: what it does, in a few words, and its edits (which never overlap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits,
        }
    }

    /// The first byte it touches and the last (for telling whether two fixes overlap).
    pub fn span(&self) -> Range<usize> {
        let start = self.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.range.end).max().unwrap_or(0);
        start..end
    }
}

impl Diagnostic {
    /// The finding with one more fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

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
    /// With `check --fix` or `--diff`: what fixing did to the file (the diagnostics are
    /// then those left after it).
    pub fixed: Option<Box<Fixed>>,
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

/// A file's line ends, as read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnds {
    Lf,
    Crlf,
    /// Both: the text the rules read cannot be written back as it was.
    Mixed,
}

impl LineEnds {
    pub fn of(bytes: &[u8]) -> LineEnds {
        let lf = memchr::memchr_iter(b'\n', bytes).count();
        let crlf = memchr::memmem::find_iter(bytes, b"\r\n").count();
        match (lf, crlf) {
            (_, 0) => LineEnds::Lf,
            (a, b) if a == b => LineEnds::Crlf,
            _ => LineEnds::Mixed,
        }
    }
}

/// What fixing did to one file.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The file on disk.
    pub path: std::path::PathBuf,
    /// Its text before and after, as the rules read it (LF line ends, no byte-order mark).
    pub before: String,
    pub after: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The fixes not applied because the file would then have had more findings of some
    /// rule: what each would have done, and those rules.
    pub withheld: Vec<(String, Vec<&'static str>)>,
    pub line_ends: LineEnds,
    pub bom: bool,
    /// The file's findings before fixing, for when the fixed text cannot be written.
    pub original: Option<Box<FileFindings>>,
}

impl Fixed {
    /// The fixed text as it goes back to disk: with the file's line ends and byte-order mark.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(self.after.len() + 3);
        if self.bom {
            out.push('\u{feff}');
        }
        match self.line_ends {
            LineEnds::Crlf => out.push_str(&self.after.replace('\n', "\r\n")),
            _ => out.push_str(&self.after),
        }
        out.into_bytes()
    }

    /// The change as a unified diff of the file, named by `shown`.
    pub fn diff(&self, shown: &str) -> String {
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(3)
            .header(shown, shown)
            .to_string()
    }
}
