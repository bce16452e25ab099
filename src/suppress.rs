//! Inline suppressions, applied once, centrally, after every rule ran:
//!
//! - `<!-- postmortem-lint-disable-next-line RULE[, RULE] -->`: the next non-blank line;
//! - `<!-- postmortem-lint-disable RULE -->` … `<!-- postmortem-lint-enable RULE -->`;
//! - `<!-- postmortem-lint-disable-file RULE -->`: the whole file.
//!
//! Without a rule name a comment silences every rule. Text after ` -- ` is a reason and is
//! ignored. A suppression that silences nothing is itself reported, as `unused-suppression`.

use crate::diagnostic::Severity;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::rules;
use crate::rules::edits;
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
    /// `postmortem-lint-` and a word that is none of the above (`disable-line`): silences
    /// nothing, and is reported.
    Unknown,
}

/// The directives a comment may name, for the report of an unknown one.
const KINDS: [&str; 4] = ["disable-next-line", "disable", "enable", "disable-file"];

#[derive(Debug)]
struct Directive {
    kind: Kind,
    comment: Range<usize>,
    /// Empty: every rule.
    rules: Vec<String>,
    /// Where each of `rules` is written.
    names: Vec<Range<usize>>,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"^<!--\s*postmortem-lint-([a-z]+(?:-[a-z]+)*)\b(.*?)\s*-->\s*$")
});

fn directives(text: &str, comments: &[Range<usize>]) -> Vec<Directive> {
    comments
        .iter()
        .filter_map(|range| {
            let written = text.get(range.clone())?;
            let trimmed = written.trim();
            let caps = DIRECTIVE.captures(trimmed)?;
            let offset = range.start + (written.len() - written.trim_start().len());
            let kind = match &caps[1] {
                "disable-next-line" => Kind::NextLine,
                "disable-file" => Kind::File,
                "disable" => Kind::Disable,
                "enable" => Kind::Enable,
                _ => Kind::Unknown,
            };
            let listed = caps.get(2)?;
            let names = listed.as_str().split(" -- ").next().unwrap_or("");
            let at = offset + listed.start();
            let mut rules = Vec::new();
            let mut ranges = Vec::new();
            let mut start = None;
            for (i, c) in names.char_indices().chain([(names.len(), ' ')]) {
                match (start, matches!(c, ',' | ' ' | '\t' | '\n' | '\r')) {
                    (None, false) => start = Some(i),
                    (Some(s), true) => {
                        rules.push(names[s..i].to_owned());
                        ranges.push(at + s..at + i);
                        start = None;
                    }
                    _ => {}
                }
            }
            Some(Directive {
                kind,
                comment: range.clone(),
                rules,
                names: ranges,
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
        if d.kind == Kind::Unknown {
            kept.push(unknown_kind(source, d, severity));
            continue;
        }
        let remove = || {
            Fix::new(
                "Remove the unused suppression",
                Applicability::Safe,
                removal(source, &directives, i),
            )
        };
        if d.rules.is_empty() {
            if !used[i][0] {
                kept.push(
                    unused(
                        d,
                        severity,
                        "suppression silences nothing".to_owned(),
                        "remove the comment; nothing on the lines it covers is reported",
                    )
                    .with_fix(remove()),
                );
            }
            continue;
        }
        // A name is dropped by a fix when it silences nothing and is reported (a misspelt
        // one is corrected instead); when every name is, the whole comment goes.
        let dropped = |slot: usize| {
            let rule = d.rules[slot].as_str();
            let unknown = rules::find(rule).is_none() && !enabled.contains(&rule);
            !used[i][slot]
                && (enabled.contains(&rule) || unknown && rules::similar_names(rule).is_empty())
        };
        let whole = (0..d.rules.len()).all(dropped);
        let drop_name = |slot: usize| {
            if whole {
                remove()
            } else {
                Fix::new(
                    format!("Remove `{}` from the suppression", d.rules[slot]),
                    Applicability::Safe,
                    vec![name_removal(d, slot)],
                )
            }
        };
        for (slot, rule) in d.rules.iter().enumerate() {
            if used[i][slot] {
                continue;
            }
            if rules::find(rule).is_none() && !enabled.contains(&rule.as_str()) {
                let near = rules::similar_names(rule).first().copied();
                let hint = near.map_or_else(
                    || "`postmortem-lint rules` lists the rules".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                // The name it most likely meant would silence something: that changes
                // what is reported, so a person applies it.
                let fix = match near {
                    Some(name) => Fix::new(
                        format!("Replace `{rule}` with `{name}`"),
                        Applicability::Unsafe,
                        vec![Edit::replace(d.names[slot].clone(), name)],
                    ),
                    None => drop_name(slot),
                };
                kept.push(
                    unused(
                        d,
                        severity,
                        format!("suppression names unknown rule `{rule}`"),
                        hint,
                    )
                    .with_fix(fix),
                );
            } else if enabled.contains(&rule.as_str()) {
                kept.push(
                    unused(
                        d,
                        severity,
                        format!("suppression of `{rule}` silences nothing"),
                        "remove it: the rule does not fire on the lines it covers",
                    )
                    .with_fix(drop_name(slot)),
                );
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
        Kind::Enable | Kind::Unknown => false,
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
        fixes: Vec::new(),
    }
}

/// The finding on a comment whose directive is unknown (`postmortem-lint-disable-line`), with
/// the directive it most likely meant as an unsafe fix.
fn unknown_kind(source: &Source, d: &Directive, severity: Severity) -> Diagnostic {
    let text = &source.text()[d.comment.clone()];
    let prefix = "postmortem-lint-";
    let at = text.find(prefix).map_or(0, |i| i + prefix.len());
    let written: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_lowercase() || *c == '-')
        .collect();
    let written = written.trim_end_matches('-');
    // `disable-line` (eslint's form) means the line it is on; a Markdown comment has a line
    // of its own, so the nearest meaning is the next line, not the nearest spelling.
    let near = if written.ends_with("line") {
        Some("disable-next-line")
    } else {
        crate::located::closest(written, &KINDS)
    };
    let mut finding = unused(
        d,
        severity,
        format!("`postmortem-lint-{written}` is not a suppression"),
        match near {
            Some(k) => format!("did you mean `postmortem-lint-{k}`? The forms are `disable-next-line`, `disable` … `enable`, and `disable-file`"),
            None => "the forms are `postmortem-lint-disable-next-line`, `-disable` … `-enable`, and `-disable-file`".to_owned(),
        },
    );
    if let Some(k) = near {
        let start = d.comment.start + at;
        finding = finding.with_fix(Fix::new(
            format!("Replace `{written}` with `{k}`"),
            Applicability::Unsafe,
            vec![Edit::replace(start..start + written.len(), k)],
        ));
    }
    finding
}

/// The edits that remove directive `i`: its line when the comment is alone on it (with a blank
/// line after it when one is before it too), and for a `disable`, the `enable` that closes it
/// when that names the same rules.
fn removal(source: &Source, directives: &[Directive], i: usize) -> Vec<Edit> {
    let d = &directives[i];
    let mut edits = vec![comment_removal(source, &d.comment)];
    if d.kind == Kind::Disable {
        let closing = directives[i + 1..].iter().find(|e| {
            e.kind == Kind::Enable
                && (e.rules.is_empty() || e.rules.iter().any(|r| d.rules.contains(r)))
        });
        if let Some(e) = closing.filter(|e| {
            let mut a = e.rules.clone();
            let mut b = d.rules.clone();
            a.sort();
            b.sort();
            a == b
        }) {
            edits.push(comment_removal(source, &e.comment));
        }
    }
    edits
}

/// The edit that removes one comment.
fn comment_removal(source: &Source, comment: &Range<usize>) -> Edit {
    let text = source.text();
    let line = source.line_index(comment.start);
    let range = source.line_range(line);
    let alone = source.line_index(comment.end.saturating_sub(1)) == line
        && text[range.clone()].trim() == text[comment.clone()].trim();
    if !alone {
        // Beside other text: the comment and the spaces before it.
        let before = text[..comment.start].trim_end_matches([' ', '\t']).len();
        return Edit::delete(before.max(range.start)..comment.end);
    }
    let blank = |l: usize| l < source.line_count() && text[source.line_range(l)].trim().is_empty();
    // A line with its line end.
    let whole =
        |l: usize| source.line_range(l).start..(source.line_range(l).end + 1).min(text.len());
    let mut end = whole(line).end;
    if (line == 0 || blank(line - 1)) && blank(line + 1) {
        end = whole(line + 1).end;
    }
    Edit::delete(range.start..end)
}

/// The edit that removes the `slot`-th rule name of a directive with others, and the
/// separator after it (or before it, for the last).
fn name_removal(d: &Directive, slot: usize) -> Edit {
    let name = &d.names[slot];
    match (
        d.names.get(slot + 1),
        slot.checked_sub(1).map(|p| &d.names[p]),
    ) {
        (Some(next), _) => Edit::delete(name.start..next.start),
        (None, Some(previous)) => Edit::delete(previous.end..name.end),
        (None, None) => Edit::delete(name.clone()),
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

/// The fix an editor offers on every finding: a `disable-next-line` comment above the finding's line, with a reason to fill in; inside a
/// table (where a comment line would end it) a `disable`/`enable` pair around the table.
pub fn fix(doc: &Document<'_>, d: &Diagnostic) -> Fix {
    let reason = "-- reason: TODO explain why";
    let in_table = doc.action_items.as_ref().and_then(|actions| {
        (0..actions.tables.len()).find_map(|t| {
            let rows = edits::table_rows(doc, t);
            let span = actions.tables[t].header.start..rows.last()?.end;
            span.contains(&d.range.start).then_some(span)
        })
    });
    // A finding about the whole document (a missing section) is silenced for the file, at
    // its top (after front matter): its anchor moves with whatever is inserted above it.
    let whole =
        crate::rules::find(d.rule).is_some_and(|r| r.doc().scope == crate::rules::Scope::Document);
    if whole {
        let at = doc.front_matter.as_ref().map_or(0, |fm| {
            let end = edits::line_at(doc, fm.end.saturating_sub(1)).end;
            (end + 1).min(doc.text().len())
        });
        return Fix::new(
            format!("Suppress `{}` in this file (with a reason)", d.rule),
            Applicability::DisplayOnly,
            vec![Edit::insert(
                at,
                format!(
                    "<!-- postmortem-lint-disable-file {} {reason} -->\n",
                    d.rule
                ),
            )],
        );
    }
    // Inside a nested list item a comment line would change the list: the rule is silenced
    // around the whole top-level item instead.
    let nested = doc
        .lists
        .iter()
        .enumerate()
        .filter(|(_, item)| item.range.contains(&d.range.start))
        .max_by_key(|(_, item)| item.depth)
        .filter(|(_, item)| item.depth > 0)
        .map(|(mut i, _)| {
            while let Some(parent) = doc.lists[i].parent {
                i = parent;
            }
            doc.lists[i].range.clone()
        });
    let in_table = in_table.or(nested);
    let edits = match in_table {
        Some(span) => {
            let start = edits::line_at(doc, span.start).start;
            let end = edits::line_at(doc, span.end.saturating_sub(1)).end;
            vec![
                Edit::insert(
                    start,
                    format!("<!-- postmortem-lint-disable {} {reason} -->\n", d.rule),
                ),
                Edit::insert(end, format!("\n<!-- postmortem-lint-enable {} -->", d.rule)),
            ]
        }
        None => {
            let line = edits::line_at(doc, d.range.start);
            let text = doc.slice(line.clone());
            let indent = &text[..text.len() - text.trim_start().len()];
            vec![Edit::insert(
                line.start,
                format!(
                    "{indent}<!-- postmortem-lint-disable-next-line {} {reason} -->\n",
                    d.rule
                ),
            )]
        }
    };
    Fix::new(
        format!("Suppress `{}` here (with a reason)", d.rule),
        Applicability::DisplayOnly,
        edits,
    )
}
