//! `report --tracker-export FILE`: the facts of a tracker as a team exported them, for teams
//! that cannot give CI a token. Two shapes, told apart by their first character:
//! `gh issue list --state all --json number,state,stateReason,closedAt,assignees` (a JSON
//! array), and Jira's CSV export (columns Issue key, Status, Resolution, Resolved, Assignee).

use super::{Ending, Fact, Facts};
use crate::document::{Date, Tracker};

/// An export that cannot be read: what is wrong, where.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct ExportError(pub String);

/// The facts of an export's text.
pub fn read_export(text: &str) -> Result<Facts, ExportError> {
    let mut facts = Facts::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('[') {
        read_gh(text, &mut facts)?;
    } else {
        read_jira_csv(text, &mut facts)?;
    }
    Ok(facts)
}

fn read_gh(text: &str, facts: &mut Facts) -> Result<(), ExportError> {
    let issues: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        ExportError(format!(
            "not the JSON of `gh issue list --json …`: {e} (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    for (n, issue) in issues.iter().enumerate() {
        let Some(number) = issue.get("number").and_then(serde_json::Value::as_u64) else {
            return Err(ExportError(format!(
                "issue {} of the export has no `number`: export with `--json number,state,stateReason,closedAt,assignees`",
                n + 1
            )));
        };
        let field = |name: &str| issue.get(name).and_then(serde_json::Value::as_str);
        let assignees = issue
            .get("assignees")
            .and_then(serde_json::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.get("login").and_then(serde_json::Value::as_str))
                    .map(|login| format!("@{login}"))
                    .collect()
            })
            .unwrap_or_default();
        let fact = github_fact(
            field("state").unwrap_or(""),
            field("stateReason").unwrap_or(""),
            field("closedAt"),
            assignees,
        );
        facts.insert(Tracker::GitHub, None, &number.to_string(), fact);
    }
    Ok(())
}

/// A GitHub issue's facts from its `state`, `state_reason` and `closed_at` (the REST API's
/// lowercase words or `gh`'s uppercase ones).
pub(super) fn github_fact(
    state: &str,
    reason: &str,
    closed_at: Option<&str>,
    assignees: Vec<String>,
) -> Fact {
    // `gh` writes an open issue's closedAt as null or as the zero time, 0001-01-01.
    let closed_on = closed_at
        .and_then(|t| Date::parse_iso(t.get(..10)?))
        .filter(|d| d.year > 1);
    let ending = if !state.eq_ignore_ascii_case("closed") {
        Ending::Open
    } else if reason.eq_ignore_ascii_case("not_planned") {
        Ending::NotPlanned
    } else {
        Ending::Done
    };
    Fact {
        ending,
        closed_on,
        assignees,
        reason: (ending == Ending::NotPlanned).then(|| "not planned".to_owned()),
    }
}

/// Jira resolutions that close an issue without doing it.
const NOT_DONE: [&str; 11] = [
    "won't do",
    "won't fix",
    "wont do",
    "wontfix",
    "won't implement",
    "duplicate",
    "cannot reproduce",
    "declined",
    "obsolete",
    "rejected",
    "incomplete",
];

fn read_jira_csv(text: &str, facts: &mut Facts) -> Result<(), ExportError> {
    let rows = super::csv::rows(text);
    let Some((header, rows)) = rows.split_first() else {
        return Err(ExportError("the export is empty".to_owned()));
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let Some(key) = column("Issue key") else {
        return Err(ExportError(
            "neither `gh issue list` JSON nor a Jira CSV export: no `Issue key` column".to_owned(),
        ));
    };
    let (status, resolution, resolved, assignee) = (
        column("Status"),
        column("Resolution"),
        column("Resolved"),
        column("Assignee"),
    );
    if status.is_none() && resolution.is_none() {
        return Err(ExportError(
            "the Jira export has neither a `Status` nor a `Resolution` column".to_owned(),
        ));
    }
    for row in rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", |c| c.trim());
        let id = cell(Some(key));
        if id.is_empty() {
            continue;
        }
        let resolution_text = cell(resolution);
        let lower = resolution_text.to_lowercase().replace('’', "'");
        let status_text = cell(status).to_lowercase();
        let ending = if !lower.is_empty() && lower != "unresolved" {
            if NOT_DONE.contains(&lower.as_str()) {
                Ending::NotPlanned
            } else {
                Ending::Done
            }
        } else if matches!(status_text.as_str(), "done" | "closed" | "resolved") {
            Ending::Done
        } else {
            Ending::Open
        };
        let who = cell(assignee);
        facts.insert(
            Tracker::Jira,
            None,
            id,
            Fact {
                ending,
                closed_on: jira_date(cell(resolved)),
                assignees: if who.is_empty() {
                    Vec::new()
                } else {
                    vec![who.to_owned()]
                },
                reason: (ending == Ending::NotPlanned).then(|| resolution_text.to_owned()),
            },
        );
    }
    Ok(())
}

/// A Jira export's date: `2026-10-12 09:14`, or the default `12/Oct/26 9:14 AM`.
fn jira_date(text: &str) -> Option<Date> {
    if let Some(d) = text.get(..10).and_then(Date::parse_iso) {
        return Some(d);
    }
    let date = text.split_whitespace().next()?;
    let mut parts = date.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = MONTHS
        .iter()
        .position(|m| month.to_lowercase().starts_with(m))?;
    let year: i32 = year.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    Date::new(year, u32::try_from(month).ok()? + 1, day.parse().ok()?)
}
