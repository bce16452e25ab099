//! JUnit XML: one test case per file, one failure per diagnostic, for CI systems that show
//! test reports.

use crate::diagnostic::FileFindings;
use std::io;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Line breaks as references: a file name never starts a line of the log.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            // Characters XML 1.0 cannot hold.
            c if (c as u32) < 0x20 && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Test cases are buffered: the suite's element carries the counts before them.
#[derive(Debug, Default)]
pub struct Suite {
    cases: String,
    tests: usize,
    failures: usize,
}

impl Suite {
    pub fn add(&mut self, report: &FileFindings) {
        self.tests += 1;
        let name = escape(&report.path);
        if report.diagnostics.is_empty() {
            self.cases.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"postmortem-lint\"/>\n"
            ));
            return;
        }
        self.cases.push_str(&format!(
            "    <testcase name=\"{name}\" classname=\"postmortem-lint\">\n"
        ));
        for d in &report.diagnostics {
            self.failures += 1;
            let ((line, column), _) = report.position(d);
            let body = format!(
                "{}:{line}:{column}: {}[{}] {}{}",
                report.path,
                d.severity,
                d.rule,
                d.message,
                d.help
                    .as_deref()
                    .map(|h| format!("\nhelp: {h}"))
                    .unwrap_or_default()
            );
            self.cases.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                escape(d.rule),
                escape(&format!("{} ({}:{line})", d.message, report.path)),
                escape(&body)
            ));
        }
        self.cases.push_str("    </testcase>\n");
    }

    pub fn finish(&self, out: &mut dyn io::Write) -> io::Result<()> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"postmortem-lint\" tests=\"{t}\" failures=\"{f}\">\n  <testsuite name=\"postmortem-lint\" tests=\"{t}\" failures=\"{f}\" errors=\"0\" skipped=\"0\">\n{}  </testsuite>\n</testsuites>\n",
            self.cases,
            t = self.tests,
            f = self.failures
        )
    }
}

/// The JUnit document, written whole at the end (its counts come first).
#[derive(Default)]
pub(super) struct Junit {
    suite: Suite,
}

impl super::Printer for Junit {
    fn file(&mut self, _out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        self.suite.add(report);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn io::Write, _totals: super::Totals) -> io::Result<()> {
        self.suite.finish(out)
    }
}
