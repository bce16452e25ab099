use super::placeholder::is_placeholder_value;
use super::wording::join_and;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::MetaKey;

pub struct MissingMetadata;

static DOC: RuleDoc = RuleDoc {
    name: "missing-metadata",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "the Owner, Reviewers or Status field is missing, or Status is not draft, review or done",
    why: "A postmortem without an owner has nobody to finish it, one without reviewers was never \
read by anyone but its author, and one without a status cannot be told apart from an abandoned \
draft. The default template opens with exactly these three fields, as the Google SRE book's example postmortem opens with its authors and status. They may be written in \
front matter, as `Key: value` lines (plain, listed or with a bold key) before the first section \
or under `## Status`, or as a two-column table there.",
    bad: "## Status
- Owner: @dana
- Status: wip
",
    good: "## Status
- Owner: @dana
- Reviewers: @lee, @sam
- Status: review
",
};

impl Rule for MissingMetadata {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let anchor = doc
            .section("status")
            .map_or_else(|| doc.anchor(), |s| s.heading.text_range.clone());
        let spec = &doc.template().metadata;
        let missing: Vec<&str> = spec
            .required
            .iter()
            .filter_map(|name| MetaKey::from_name(name))
            .filter(|k| {
                doc.metadata
                    .get(*k)
                    .is_none_or(|f| is_placeholder_value(&f.value))
            })
            .map(MetaKey::name)
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::new(anchor, format!("metadata lacks {}", join_and(&missing)))
                    .label("no value for it here or in front matter")
                    .help(help_for(doc.template(), &missing)),
            );
        }
        if let Some(status) = doc.metadata.get(MetaKey::Status)
            && !is_placeholder_value(&status.value)
        {
            let value = status.value.trim().to_lowercase();
            let known = spec.statuses.iter().any(|s| {
                value == *s
                    || value
                        .strip_prefix(s.as_str())
                        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
            });
            if !known {
                out.push(
                    Finding::new(
                        status.value_range.clone(),
                        format!("status `{}` is not {}", status.value, super::wording::join_or(&spec.statuses)),
                    )
                    .label("unknown status")
                    .help("use draft while writing, review while others read it, done when the review is over"),
                );
            }
        }
    }
}

/// What to write, in the words of the template in force: its keys, its statuses, its section.
fn help_for(template: &crate::document::Template, missing: &[&str]) -> String {
    let statuses = &template.metadata.statuses;
    let example = |key: &str| match key {
        "Owner" => "`Owner: @someone`".to_owned(),
        "Reviewers" => "`Reviewers: @a, @b`".to_owned(),
        "Date" => "`Date: 2026-09-18`".to_owned(),
        "Status" => match statuses.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                format!("`Status: {first}` (or {})", super::wording::join_or(rest))
            }
            Some((first, _)) => format!("`Status: {first}`"),
            None => "`Status: …`".to_owned(),
        },
        other => format!("`{other}: …`"),
    };
    let examples: Vec<String> = missing.iter().map(|k| example(k)).collect();
    let examples: Vec<&str> = examples.iter().map(String::as_str).collect();
    let place = match template.section("status") {
        Some(section) => format!(
            "under `## {}`, before the first section, or in front matter",
            section.name
        ),
        None => "before the first section or in front matter".to_owned(),
    };
    format!("write {} {place}", join_and(&examples))
}
