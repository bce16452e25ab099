//! Documentation generated from the rules' own docs: the `rules` listing, `explain`, and the
//! README's rule section.

use crate::rules::{RuleDoc, registry};
use std::fmt::Write;

/// `postmortem-lint rules`: name, default severity and summary, aligned; `rules` are the
/// built-in ones and the team's own (from its rule files).
pub fn rules_listing(rules: &[&RuleDoc]) -> String {
    let width = rules.iter().map(|d| d.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for d in rules {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {}",
            d.name,
            d.severity.as_str(),
            d.summary
        );
    }
    out
}

/// `postmortem-lint explain RULE`.
pub fn explain(d: &RuleDoc) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} by default)\n", d.name, d.severity);
    let _ = writeln!(out, "{}\n", capitalized(d.summary));
    let _ = writeln!(out, "Why\n{}\n", indent(&wrap(d.why, 88)));
    if !d.options.is_empty() {
        let _ = writeln!(out, "Options, under [rules.{}]", d.name);
        for o in d.options {
            let _ = writeln!(out, "    {} = {}    # {}", o.name, o.default, o.summary);
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "Bad\n{}\n", indent(d.bad.trim_end()));
    let _ = writeln!(out, "Good\n{}", indent(d.good.trim_end()));
    out
}

/// The README's rule section, between its markers.
pub fn readme_rules() -> String {
    let mut out = String::new();
    out.push_str("| rule | default | what it reports |\n|---|---|---|\n");
    for rule in registry() {
        let d = rule.doc();
        let _ = writeln!(
            out,
            "| [`{0}`](#{0}) | {1} | {2} |",
            d.name, d.severity, d.summary
        );
    }
    for rule in registry() {
        let d: &RuleDoc = rule.doc();
        let _ = write!(
            out,
            "\n### `{}`\n\n{} (default: {}).\n\n{}\n\n",
            d.name,
            capitalized(d.summary),
            d.severity,
            d.why
        );
        for o in d.options {
            let _ = write!(
                out,
                "Option: `{}` (default {}) under `[rules.{}]`: {}.\n\n",
                o.name, o.default, d.name, o.summary
            );
        }
        for (title, example) in [("Bad", d.bad), ("Good", d.good)] {
            let _ = write!(
                out,
                "{title}:\n\n````markdown\n{}\n````\n\n",
                example.trim_end()
            );
        }
    }
    out.trim_end().to_owned() + "\n"
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap(text: &str, width: usize) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}
