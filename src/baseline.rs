//! Baselines for adopting the linter in a repository that already holds postmortems: a file
//! that records today's findings by path, rule and a fingerprint of the offending text, so
//! that `check --baseline` reports only new ones. A fingerprint does not change when lines
//! move; it changes when the text it points at does.

use crate::diagnostic::FileFindings;
use crate::located::LocatedError;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    rule: String,
    fingerprint: String,
}

/// The fingerprint of each diagnostic of a report, in order: the rule, the offending text and
/// the text of its line (whitespace folded), and how many identical ones came before it.
pub fn fingerprints(report: &FileFindings) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (span, line) = match &report.source {
                Some(source) => {
                    let text = source.text();
                    let line = context_of(
                        text,
                        source.line_range(source.line_index(d.range.start)),
                        &d.range,
                    );
                    (
                        fold(text.get(d.range.clone()).unwrap_or("")),
                        fold(&text[line]),
                    )
                }
                None => (d.message.clone(), String::new()),
            };
            let base = fnv1a(&[d.rule.as_bytes(), span.as_bytes(), line.as_bytes()]);
            let n = seen.entry(base).or_default();
            *n += 1;
            format!("{:016x}", fnv1a(&[&base.to_le_bytes(), &n.to_le_bytes()]))
        })
        .collect()
}

/// The part of a finding's line a fingerprint reads: the whole line, or on a line longer than
/// [`LONG_LINE`] the [`LONG_LINE`] / 2 bytes each side of the finding, so that a line holding
/// thousands of findings costs each of them a bounded read.
fn context_of(text: &str, line: Range<usize>, at: &Range<usize>) -> Range<usize> {
    if line.len() <= LONG_LINE {
        return line;
    }
    let mut start = at.start.saturating_sub(LONG_LINE / 2).max(line.start);
    let mut end = at.end.saturating_add(LONG_LINE / 2).min(line.end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end.max(start)
}

const LONG_LINE: usize = 4096;

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a over the parts, each followed by a NUL: stable across platforms and runs.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(std::iter::once(&0u8)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Collects findings as reports come, and writes the baseline file.
#[derive(Debug, Default)]
pub struct Recorder {
    findings: Vec<Entry>,
}

impl Recorder {
    pub fn add(&mut self, report: &FileFindings) {
        let prints = fingerprints(report);
        self.findings
            .extend(
                prints
                    .into_iter()
                    .zip(&report.diagnostics)
                    .map(|(fingerprint, d)| Entry {
                        path: report.path.clone(),
                        rule: d.rule.to_owned(),
                        fingerprint,
                    }),
            );
    }

    pub fn len(&self) -> usize {
        self.findings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The baseline file's text.
    pub fn finish(self) -> String {
        let file = File {
            version: 1,
            findings: self.findings,
        };
        serde_json::to_string_pretty(&file)
            .map(|s| s + "\n")
            .unwrap_or_default()
    }
}

/// Findings recorded in a baseline file; each entry silences one matching finding.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<Entry, usize>,
}

impl Baseline {
    pub fn parse(path: &str, text: &str) -> Result<Baseline, LocatedError> {
        let file: File = serde_json::from_str(text).map_err(|e| LocatedError {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message: format!("not a baseline file: {e}"),
            help: Some("write one with `postmortem-lint baseline`".to_owned()),
        })?;
        let mut remaining = HashMap::new();
        for entry in file.findings {
            *remaining.entry(entry).or_insert(0) += 1;
        }
        Ok(Baseline { remaining })
    }

    /// Removes the report's findings that the baseline records; returns how many.
    pub fn apply(&mut self, report: &mut FileFindings) -> usize {
        let prints = fingerprints(report);
        let mut keep = Vec::with_capacity(report.diagnostics.len());
        let mut removed = 0;
        for (d, fingerprint) in report.diagnostics.drain(..).zip(prints) {
            let key = Entry {
                path: report.path.clone(),
                rule: d.rule.to_owned(),
                fingerprint,
            };
            match self.remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    removed += 1;
                }
                _ => keep.push(d),
            }
        }
        report.diagnostics = keep;
        removed
    }
}
