//! Inline suppressions, applied once, centrally, after every rule ran:
//!
//! - `<!-- postmortem-lint-disable-next-line RULE[, RULE] -->`: the next non-blank line;
//! - `<!-- postmortem-lint-disable RULE -->` … `<!-- postmortem-lint-enable RULE -->`;
//! - `<!-- postmortem-lint-disable-file RULE -->`: the whole file.
//!
//! Without a rule name a comment silences every rule. Text after ` -- ` is a reason and is
//! ignored. A suppression that silences nothing is itself reported, as `unused-suppression`.

use crate::check::Diagnostic;
use crate::rules::{self, Severity};
use crate::source::Source;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
    File,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    comment: Range<usize>,
    /// Empty: every rule.
    rules: Vec<String>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"^<!--\s*postmortem-lint-(disable-next-line|disable-file|disable|enable)\b(.*?)\s*-->\s*$",
    )
});

fn directives(text: &str, comments: &[Range<usize>]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|range| {
            let caps = DIRECTIVE.captures(text.get(range.clone())?.trim())?;
            let kind = match &caps[1] {
                "disable-next-line" => Kind::NextLine,
                "disable-file" => Kind::File,
                "disable" => Kind::Disable,
                _ => Kind::Enable,
            };
            let names = caps[2].split(" -- ").next().unwrap_or("");
            let rules = names
                .split([',', ' ', '\t', '\n'])
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect();
            Some(Directive {
                kind,
                comment: range.clone(),
                rules,
            })
        })
        .collect()
}

/// Drops the diagnostics the comments silence and reports the suppressions that silenced
/// nothing. `enabled` are the rule names the run checks: a suppression of a rule turned off
/// in the config is not reported as unused.
pub fn apply(
    source: &Source,
    comments: &[Range<usize>],
    diagnostics: Vec<Diagnostic>,
    enabled: &[&str],
    unused_severity: Option<Severity>,
) -> Vec<Diagnostic> {
    let directives = directives(source.text(), comments);
    if directives.is_empty() {
        return diagnostics;
    }
    // For each directive and each rule it names (or "" for all), whether it silenced something.
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len().max(1)])
        .collect();
    let covers = |d: &Directive, rule: &str| -> Option<usize> {
        if d.rules.is_empty() {
            Some(0)
        } else {
            d.rules.iter().position(|r| r == rule)
        }
    };
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diag in diagnostics {
        let line = source.line_index(diag.range.start);
        let mut silenced = false;
        for (i, d) in directives.iter().enumerate() {
            let Some(slot) = covers(d, diag.rule) else {
                continue;
            };
            if applies(source, &directives, i, diag.rule, diag.range.start, line) {
                used[i][slot] = true;
                silenced = true;
            }
        }
        if !silenced {
            kept.push(diag);
        }
    }
    let Some(severity) = unused_severity else {
        return kept;
    };
    for (i, d) in directives.iter().enumerate() {
        if d.kind == Kind::Enable {
            continue;
        }
        if d.rules.is_empty() {
            if !used[i][0] {
                kept.push(unused(
                    d,
                    severity,
                    "suppression silences nothing".to_owned(),
                    "remove the comment; nothing on the lines it covers is reported",
                ));
            }
            continue;
        }
        for (slot, rule) in d.rules.iter().enumerate() {
            if used[i][slot] {
                continue;
            }
            if rules::find(rule).is_none() && !enabled.contains(&rule.as_str()) {
                let hint = rules::similar_names(rule).first().map_or_else(
                    || "`postmortem-lint rules` lists the rules".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                kept.push(unused(
                    d,
                    severity,
                    format!("suppression names unknown rule `{rule}`"),
                    hint,
                ));
            } else if enabled.contains(&rule.as_str()) {
                kept.push(unused(
                    d,
                    severity,
                    format!("suppression of `{rule}` silences nothing"),
                    "remove it: the rule does not fire on the lines it covers",
                ));
            }
        }
    }
    kept.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    kept
}

/// Whether directive `i`, which covers `rule`, silences a finding of it at `start` (on the
/// 0-based `line`).
fn applies(
    source: &Source,
    directives: &[Directive],
    i: usize,
    rule: &str,
    start: usize,
    line: usize,
) -> bool {
    let d = &directives[i];
    match d.kind {
        Kind::File => true,
        Kind::NextLine => next_line(source, d.comment.end) == Some(line),
        Kind::Disable => {
            d.comment.end <= start
                && enable_after(directives, i, rule).is_none_or(|end| start < end)
        }
        Kind::Enable => false,
    }
}

/// A file's silencing comments, asked about each finding as a rule makes it (so that the
/// findings a comment silences never count against a rule's limit of findings shown).
pub struct Silencer<'a> {
    source: &'a Source,
    directives: Vec<Directive>,
}

impl<'a> Silencer<'a> {
    /// The file's silencing comments; `None` when it has none.
    pub fn new(source: &'a Source, comments: &[Range<usize>]) -> Option<Silencer<'a>> {
        let directives = directives(source.text(), comments);
        (!directives.is_empty()).then_some(Silencer { source, directives })
    }
}

impl rules::Silences for Silencer<'_> {
    fn silencers(&self, rule: &str, start: usize, out: &mut Vec<usize>) {
        let line = self.source.line_index(start);
        for (i, d) in self.directives.iter().enumerate() {
            let covers = d.rules.is_empty() || d.rules.iter().any(|r| r == rule);
            if covers && applies(self.source, &self.directives, i, rule, start, line) {
                out.push(i);
            }
        }
    }
}

fn unused(
    d: &Directive,
    severity: Severity,
    message: String,
    help: impl Into<std::borrow::Cow<'static, str>>,
) -> Diagnostic {
    Diagnostic {
        rule: rules::UNUSED_SUPPRESSION.name,
        severity,
        range: d.comment.clone(),
        message,
        label: Some("unused suppression".to_owned()),
        help: Some(help.into()),
        not_shown: 0,
    }
}

/// The 0-based line of the first non-blank line after `offset`'s line.
fn next_line(source: &Source, offset: usize) -> Option<usize> {
    let mut line = source.line_index(offset.saturating_sub(1)) + 1;
    while line < source.line_count() {
        if !source.text()[source.line_range(line)].trim().is_empty() {
            return Some(line);
        }
        line += 1;
    }
    None
}

/// Where the first `enable` after directive `i` that re-enables `rule` starts.
fn enable_after(directives: &[Directive], i: usize, rule: &str) -> Option<usize> {
    directives[i + 1..]
        .iter()
        .find(|d| {
            d.kind == Kind::Enable && (d.rules.is_empty() || d.rules.iter().any(|r| r == rule))
        })
        .map(|d| d.comment.start)
}
