//! rustc-style annotated snippets, through annotate-snippets (the only module that uses it).

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, FileFindings};
use crate::escape::visible;
use crate::source::Source;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::io;

/// A span crossing more lines than this is shown by its first line only.
const MAX_SNIPPET_LINES: usize = 6;

/// Lines longer than this together are not shown, only where the finding is.
const MAX_SNIPPET_BYTES: usize = 2000;

pub fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

pub fn file(out: &mut dyn io::Write, renderer: &Renderer, report: &FileFindings) -> io::Result<()> {
    for d in &report.diagnostics {
        let text = match &report.source {
            Some(source) => renderer.render(&[group(&report.path, source, d)]),
            None => renderer.render(&[Group::with_title(title(d))
                .element(Origin::path(visible(&report.path)))
                .elements(help(d))]),
        };
        writeln!(out, "{text}\n")?;
    }
    Ok(())
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
}

/// What a finding says, its words escaped: a document's text or a file name may hold any
/// character ([`visible`]).
fn title(d: &Diagnostic) -> annotate_snippets::Title<'_> {
    level(d.severity)
        .primary_title(visible(&d.message))
        .id(d.rule)
}

fn help(d: &Diagnostic) -> Option<annotate_snippets::Message<'_>> {
    d.help.as_deref().map(|h| Level::HELP.message(visible(h)))
}

fn group<'a>(path: &'a str, source: &'a Source, d: &'a Diagnostic) -> Group<'a> {
    let text = source.text();
    let first_line = source.line_index(d.range.start);
    let mut last_line = source.line_index(d.range.end.saturating_sub(1).max(d.range.start));
    if last_line >= first_line + MAX_SNIPPET_LINES {
        last_line = first_line;
    }
    let start = source.line_range(first_line).start;
    let end = source.line_range(last_line).end;
    if end - start > MAX_SNIPPET_BYTES {
        // Shown whole, a line of a megabyte would be printed once a finding it holds.
        let (line, column) = source.line_col(d.range.start);
        return title(d)
            .element(Origin::path(visible(path)).line(line).char_column(column))
            .element(
                Level::NOTE.message(format!("the line is {} bytes long: not shown", end - start)),
            )
            .elements(help(d));
    }
    let span_end = d.range.end.clamp(d.range.start, end);
    let mut annotation = AnnotationKind::Primary.span(d.range.start - start..span_end - start);
    if let Some(label) = &d.label {
        annotation = annotation.label(visible(label));
    }
    let snippet = Snippet::source(&text[start..end])
        .line_start(first_line + 1)
        .path(visible(path))
        .annotation(annotation);
    title(d).element(snippet).elements(help(d))
}

/// Annotated snippets, rustc style, and the summary line.
pub(super) struct Human {
    renderer: Renderer,
    options: super::RenderOptions,
}

impl Human {
    pub(super) fn new(options: super::RenderOptions) -> Human {
        Human {
            renderer: renderer(options.color),
            options,
        }
    }
}

impl super::Printer for Human {
    fn file(&mut self, out: &mut dyn io::Write, report: &FileFindings) -> io::Result<()> {
        file(out, &self.renderer, report)
    }

    fn finish(&mut self, out: &mut dyn io::Write, totals: super::Totals) -> io::Result<()> {
        super::summary_line(out, self.options, totals)
    }
}
