//! SARIF 2.1.0: one run, every rule in `tool.driver.rules`, results with repository-relative
//! URIs, regions in Unicode code points, and `partialFingerprints` that survive line moves.

use crate::baseline::fingerprints;
use crate::diagnostic::{FileFindings, Severity};
use crate::rules::RuleDoc;
use serde_json::{Value, json};
use std::io;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Results are buffered; the rules come first in the document.
#[derive(Debug, Default)]
pub struct Log {
    results: Vec<Value>,
}

impl Log {
    pub fn add(&mut self, report: &FileFindings, rules: &[&'static RuleDoc]) {
        for (d, print) in report.diagnostics.iter().zip(fingerprints(report)) {
            let ((line, column), (end_line, end_column)) = report.position(d);
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": match &d.help {
                    Some(help) => format!("{}\nhelp: {help}", d.message),
                    None => d.message.clone(),
                }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": super::uri_path(&report.path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": line,
                            "startColumn": column,
                            "endLine": end_line,
                            "endColumn": end_column.max(if end_line == line { column + 1 } else { 1 }),
                        }
                    }
                }],
                "partialFingerprints": { "postmortemLint/v1": print },
            });
            if let Some(index) = rules.iter().position(|r| r.name == d.rule) {
                result["ruleIndex"] = json!(index);
            }
            // A finding that stands for more of its rule in the file says how many.
            if d.not_shown > 0 {
                result["properties"] = json!({ "notShown": d.not_shown });
            }
            self.results.push(result);
        }
    }

    pub fn finish(self, out: &mut dyn io::Write, rules: &[&'static RuleDoc]) -> io::Result<()> {
        let rules: Vec<Value> = rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.name,
                    "name": r.name,
                    "shortDescription": { "text": r.summary },
                    "fullDescription": { "text": r.why.split_whitespace().collect::<Vec<_>>().join(" ") },
                    "help": {
                        "text": format!("{}\n\nBad:\n{}\nGood:\n{}", r.why.trim(), r.bad, r.good),
                        "markdown": format!("{}\n\nBad:\n\n````markdown\n{}````\n\nGood:\n\n````markdown\n{}````\n", r.why.trim(), r.bad, r.good),
                    },
                    "defaultConfiguration": { "level": level(r.severity) },
                    "properties": { "tags": ["postmortem"] },
                })
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "postmortem-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/postmortem-lint/postmortem-lint",
                    "rules": rules,
                }},
                "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the repository root" } } },
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// The SARIF log, written whole at the end (its rules come first).
pub(super) struct Sarif {
    log: Log,
    rules: Vec<&'static RuleDoc>,
}

impl Sarif {
    pub(super) fn new(rules: Vec<&'static RuleDoc>) -> Sarif {
        Sarif {
            log: Log::default(),
            rules,
        }
    }
}

impl super::Printer for Sarif {
    fn file(&mut self, _out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        self.log.add(report, &self.rules);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, _totals: super::Totals) -> io::Result<()> {
        std::mem::take(&mut self.log).finish(out, &self.rules)
    }
}
