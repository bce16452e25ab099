//! A new postmortem written from a template: what `postmortem-lint new` puts on disk.

use crate::document::{Date, Template};
use std::fmt::Write;

/// Hints shown as HTML comments under each heading: they never count as content, so the new
/// file fails `check` until every section is written.
fn hint(id: &str) -> &'static str {
    match id {
        "summary" => {
            "One or two sentences; then: Detected at HH:MM UTC, resolved at HH:MM UTC; duration N minutes."
        }
        "impact" => {
            "Users affected, revenue, SLO budget used; internal cost (response effort, opportunity cost)."
        }
        "timeline" => {
            "Facts only: for each event, who observed what and what they did. `- 14:02 the latency alert pages @oncall`"
        }
        "detection" => {
            "What first detected the anomaly (alert, user report, chance), and the lag until it was recognised."
        }
        "response" => {
            "Who was on call, how they moved, the options considered and why one was chosen."
        }
        "contributing-factors" => {
            "Process, organisational, technical and environmental weaknesses. Structure, not people."
        }
        "what-went-well" => "Detection, collaboration and recovery steps that worked.",
        "lessons-learned" => "Structural lessons only. \"Be more careful\" is not a lesson.",
        "trigger" => {
            "The direct trigger, with a process or situation as the subject of the sentence."
        }
        _ => "Write this section.",
    }
}

/// The Markdown of a new postmortem.
pub fn render(template: &Template, title: &str, date: Date) -> String {
    let mut out = format!("# Postmortem: {title}\n");
    let required: Vec<&str> = template
        .metadata
        .required
        .iter()
        .map(String::as_str)
        .collect();
    let metadata = |out: &mut String| {
        for (key, value) in [
            ("owner", "Owner: @"),
            ("reviewers", "Reviewers: @"),
            ("status", "Status: draft"),
        ] {
            if required.contains(&key) {
                let _ = writeln!(out, "- {value}");
            }
        }
        let _ = writeln!(out, "- Date: {date}");
    };
    if template.section("status").is_none() {
        out.push('\n');
        metadata(&mut out);
    }
    for section in &template.sections {
        let heading = match section.id.as_str() {
            "timeline" => format!("{} (UTC)", section.name),
            _ => section.name.clone(),
        };
        let _ = write!(out, "\n## {heading}\n\n");
        match section.id.as_str() {
            "status" => metadata(&mut out),
            "action-items" => {
                out.push_str("<!-- One row per action. Type: prevent, mitigate or detect. Status: open, in progress, done, or closed with a reason. -->\n\n");
                out.push_str("| ID | Action | Owner | Due | Type | Status |\n|----|--------|-------|-----|------|--------|\n");
            }
            id => {
                let _ = writeln!(out, "<!-- {} -->", hint(id));
            }
        }
    }
    out
}

/// `2026-11-27-checkout-latency-after-pool-change.md`.
pub fn file_name(title: &str, date: Date) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{date}-postmortem.md")
    } else {
        format!("{date}-{slug}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let d = Date::new(2026, 11, 27).unwrap();
        assert_eq!(
            file_name("Checkout latency: pool change!", d),
            "2026-11-27-checkout-latency-pool-change.md"
        );
        assert_eq!(
            file_name("Ausfall der Überwachung", d),
            "2026-11-27-ausfall-der-überwachung.md"
        );
        assert_eq!(file_name("!!!", d), "2026-11-27-postmortem.md");
    }
}
