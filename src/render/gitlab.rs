//! GitLab Code Quality report: a JSON array of issues with the fields GitLab reads
//! (description, check_name, fingerprint, severity, location.path, location.lines.begin).

use crate::baseline::fingerprints;
use crate::diagnostic::FileFindings;
use crate::diagnostic::Severity;
use serde::Serialize;
use std::io;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn begin(out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(b"[")
}

pub fn file(out: &mut dyn io::Write, report: &FileFindings, first: &mut bool) -> io::Result<()> {
    for (d, print) in report.diagnostics.iter().zip(fingerprints(report)) {
        let ((line, _), (end_line, _)) = report.position(d);
        let issue = Issue {
            kind: "issue",
            description: format!("{}: {}", d.rule, d.message),
            check_name: d.rule,
            // Unique per finding across files: the path goes into it too.
            fingerprint: format!("{print}-{:016x}", path_hash(&report.path)),
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                path: &report.path,
                lines: Lines {
                    begin: line,
                    end: end_line,
                },
            },
        };
        out.write_all(if *first { b"\n  " } else { b",\n  " })?;
        *first = false;
        serde_json::to_writer(&mut *out, &issue).map_err(io::Error::other)?;
    }
    Ok(())
}

pub fn finish(out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(b"\n]\n")
}

fn path_hash(path: &str) -> u64 {
    path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The Code Quality array, streamed a file at a time.
pub(super) struct Gitlab {
    first: bool,
}

impl Default for Gitlab {
    fn default() -> Gitlab {
        Gitlab { first: true }
    }
}

impl super::Printer for Gitlab {
    fn begin(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        begin(out)
    }

    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        file(out, report, &mut self.first)
    }

    fn finish(&mut self, out: &mut dyn io::Write, _totals: super::Totals) -> io::Result<()> {
        finish(out)
    }
}
