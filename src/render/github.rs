//! GitHub workflow commands (`::error file=…,line=…::message`), one per diagnostic, with the
//! documented escaping; and the Markdown job summary that lists every finding, since GitHub
//! shows only ten annotations of each level per step.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, FileFindings};
use crate::escape::visible;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

/// Escapes a command's message: `%`, CR and LF as GitHub documents, and every other control
/// character shown visibly ([`visible`]), so that a terminal escape never reaches the log raw.
pub fn escape_data(text: &str) -> String {
    let escaped = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    visible(&escaped).into_owned()
}

/// Escapes a property value: also `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn file(out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", command(report, d))?;
    }
    Ok(())
}

fn command(report: &FileFindings, d: &Diagnostic) -> String {
    let ((line, column), (end_line, end_column)) = report.position(d);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!(
        "file={},line={line},endLine={end_line}",
        escape_property(&report.path)
    );
    // GitHub rejects columns on an annotation that spans lines.
    if line == end_line {
        let _ = write!(props, ",col={column},endColumn={end_column}");
    }
    let _ = write!(
        props,
        ",title={}",
        escape_property(&format!("postmortem-lint {}", d.rule))
    );
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    format!("::{level} {props}::{}", escape_data(&message))
}

/// Collects findings for the job summary as they stream by.
#[derive(Debug, Default)]
pub struct Summary {
    by_rule: BTreeMap<&'static str, (Severity, usize)>,
    by_file: Vec<(String, Vec<Row>)>,
    /// Config files the diff changed, with what each change does.
    configs: Vec<(String, Vec<String>)>,
}

/// One finding in the summary: line, level, rule, message.
type Row = (usize, Severity, &'static str, String);

impl Summary {
    /// Appends the job summary to `path` (the runner's `GITHUB_STEP_SUMMARY`), with links to
    /// the checked commit when the runner says which (`GITHUB_SERVER_URL`,
    /// `GITHUB_REPOSITORY`, `GITHUB_SHA`).
    pub fn append_to(&self, path: &std::path::Path, files: usize) -> io::Result<()> {
        let link_base = match (
            std::env::var("GITHUB_SERVER_URL"),
            std::env::var("GITHUB_REPOSITORY"),
            std::env::var("GITHUB_SHA"),
        ) {
            (Ok(server), Ok(repo), Ok(sha)) => Some(format!("{server}/{repo}/blob/{sha}")),
            _ => None,
        };
        let text = self.markdown(files, link_base.as_deref());
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        io::Write::write_all(&mut file, text.as_bytes())
    }

    /// A config file the checked diff changed, and what the change does (empty: nothing that
    /// weakens the check).
    pub fn config_changed(&mut self, path: &str, changes: &[String]) {
        self.configs.push((path.to_owned(), changes.to_vec()));
    }

    /// The section on changed configs, when there are any.
    fn configs_markdown(&self) -> String {
        if self.configs.is_empty() {
            return String::new();
        }
        let mut out = String::from(
            "\n### Config changed by this diff\n\nThe checks above ran with the changed config; `config-from: base` runs them with the base's.\n\n",
        );
        for (path, changes) in &self.configs {
            let what = if changes.is_empty() {
                "changed; no rule turned off or down, no path excluded".to_owned()
            } else {
                changes.join("; ")
            };
            // Plain text: a glob's `*` escaped as a code span would not be.
            let _ = writeln!(
                out,
                "- `{}`: {}",
                visible(path).replace('`', "'"),
                markdown_text(&what.replace('`', ""))
            );
        }
        out
    }

    pub fn add(&mut self, report: &FileFindings) {
        if report.diagnostics.is_empty() {
            return;
        }
        let mut rows = Vec::with_capacity(report.diagnostics.len());
        for d in &report.diagnostics {
            let ((line, _), _) = report.position(d);
            self.by_rule.entry(d.rule).or_insert((d.severity, 0)).1 += d.counts_for();
            rows.push((line, d.severity, d.rule, d.message.clone()));
        }
        self.by_file.push((report.path.clone(), rows));
    }

    /// The Markdown: counts per rule, then every finding grouped by file, each linked to its
    /// line (on GitHub, through GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA).
    pub fn markdown(&self, files_checked: usize, link_base: Option<&str>) -> String {
        let errors: usize = self
            .by_rule
            .values()
            .filter(|(s, _)| *s == Severity::Error)
            .map(|(_, n)| n)
            .sum();
        let warnings: usize = self
            .by_rule
            .values()
            .filter(|(s, _)| *s == Severity::Warning)
            .map(|(_, n)| n)
            .sum();
        let mut out = String::from("## postmortem-lint\n\n");
        if errors + warnings == 0 {
            let _ = writeln!(
                out,
                "No findings in {files_checked} postmortem{}.",
                plural(files_checked)
            );
            out.push_str(&self.configs_markdown());
            return out;
        }
        let _ = write!(
            out,
            "{errors} error{}, {warnings} warning{} in {files_checked} postmortem{}.\n\n| rule | level | findings |\n|---|---|---|\n",
            plural(errors),
            plural(warnings),
            plural(files_checked)
        );
        for (rule, (severity, n)) in &self.by_rule {
            let _ = writeln!(out, "| `{rule}` | {severity} | {n} |");
        }
        for (path, rows) in &self.by_file {
            let _ = write!(out, "\n### `{}`\n\n", visible(path).replace('`', "'"));
            for (line, severity, rule, message) in rows {
                let location = match link_base {
                    Some(base) => {
                        format!("[line {line}]({base}/{}#L{line})", super::uri_path(path))
                    }
                    None => format!("line {line}"),
                };
                let _ = writeln!(
                    out,
                    "- {location}: {severity} `{rule}`: {}",
                    markdown_text(message)
                );
            }
        }
        out.push_str(&self.configs_markdown());
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A message on one Markdown line, with the characters that would start markup escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push_str(&visible(&c.to_string())),
            '|' | '<' | '>' | '[' | ']' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Workflow commands, one per diagnostic.
pub(super) struct Github;

impl super::Printer for Github {
    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        file(out, report)
    }

    fn finish(&mut self, _out: &mut dyn io::Write, _totals: super::Totals) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips() {
        let message = "100% done: a, b\r\nnext";
        assert_eq!(escape_data(message), "100%25 done: a, b%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        let back = escape_data(message)
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        assert_eq!(back, message);
    }

    #[test]
    fn url_paths_are_encoded() {
        assert_eq!(
            super::super::uri_path("docs/PM 2024 – Ü.md"),
            "docs/PM%202024%20%E2%80%93%20%C3%9C.md"
        );
    }
}
