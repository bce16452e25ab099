//! The report as Markdown (tables and Mermaid charts that render on GitHub), JSON (every
//! number the others show) and one self-contained HTML file with inline SVG charts.

mod html;
mod json;
mod markdown;

pub use html::html;
pub use json::json;
pub use markdown::markdown;

use super::{Item, Report, State};

pub(super) fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_owned()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

/// A table cell of the text or Markdown report: a document's words on one line, control
/// characters shown ([`crate::escape::visible`]).
pub(super) fn cell(text: &str) -> String {
    crate::escape::visible(&text.replace('\n', " ")).replace('|', "\\|")
}

pub(super) fn header(report: &Report) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let source = match report.commits {
        Some(n) => format!(
            "from git history ({} of the main line's {} changed these postmortems; dates are when changes reached the main line)",
            report.changed_commits,
            plural(n, "commit", "commits"),
        ),
        None => "from the documents alone (no git history)".to_owned(),
    };
    let since = report
        .since
        .map(|s| format!(", postmortems since {s}"))
        .unwrap_or_default();
    format!(
        "As of {} · {source}{since} · {}, {}",
        report.as_of,
        plural(report.postmortems.len(), "postmortem", "postmortems"),
        plural(report.items.len(), "action item", "action items")
    )
}

/// How many items a Markdown or HTML list shows before "and N more" (JSON has them all).
pub const SHOWN: usize = 20;

/// The answer first: this quarter's and last quarter's completion, and what is not measured.
pub(super) fn answer(report: &Report) -> Vec<String> {
    let mut lines = Vec::new();
    let say = |h: &super::Headline| {
        format!(
            "{} of {} items written in {} done within 90 days ({}{})",
            h.done_within_90,
            h.written,
            h.quarter,
            pct(h.done_within_90, h.written),
            if h.final_90 { "" } else { ", so far" }
        )
    };
    if report.commits.is_none() {
        // Without history, when an item was done is unknown: no rate, only where items stand.
        let done = report
            .items
            .iter()
            .filter(|i| i.state == crate::report::State::Done)
            .count();
        lines.push(format!(
            "{done} of {} items say they are done; when each was done is in git history only, so no completion rate is given.",
            report.items.len()
        ));
    } else {
        // The latest two quarters that had items written, not quarters of nothing.
        let with_items: Vec<String> = report
            .headline
            .iter()
            .filter(|h| h.written > 0)
            .take(2)
            .map(say)
            .collect();
        // This quarter first when it has none yet: the figures after it are older.
        let now = report.headline.first().filter(|h| h.written == 0);
        let none_now = now.map(|h| format!("No measured item was written in {} yet", h.quarter));
        match (with_items.as_slice(), none_now) {
            ([], _) => lines.push("No measured item was written in history.".to_owned()),
            (said, Some(none)) => lines.push(format!("{none}; {}.", said.join("; "))),
            (said, None) => lines.push(format!("{}.", said.join("; "))),
        }
    }
    // A long silence is news in itself: say it before any rate.
    if report.commits.is_some()
        && let Some(latest) = report.postmortems.iter().filter_map(|p| p.added).max()
    {
        let months = (report.as_of.days() - latest.days()) / 30;
        if months >= 6 {
            lines.push(format!(
                "No postmortem has been added since {latest} ({months} months before {}).",
                report.as_of
            ));
        }
    }
    let total = report.items.len();
    let measured = report.measured();
    if report.commits.is_some() {
        lines.push(format!(
            "Rates count the {measured} of {total} items that state a status or a due date and whose writing is in history."
        ));
    }
    if !report.untracked.is_empty() {
        lines.push(format!(
            "{} of {total} items state no status and no due date: untracked, listed below, never counted as done or abandoned.",
            report.untracked.len()
        ));
    }
    if !report.records.is_empty() {
        lines.push(format!(
            "{} of {total} items were written as already done, on the day they were written (work done during the response, such as a rollback): records, not follow-ups, so they stay out of the rates.",
            report.records.len()
        ));
    }
    if !report.imported.is_empty() {
        lines.push(format!(
            "{} of {total} items came with postmortems imported into git long after they were written: their dates are unknown, so they stay out of the rates.",
            report.imported.len()
        ));
    }
    lines
}

/// What became of the measured items not done within 90 days of being written.
pub(super) fn older_than_90(report: &Report) -> String {
    format!(
        "Older than 90 days: {} closed with a stated reason, {} silently abandoned (deleted while open, closed without a reason, or open more than 30 days past due or with no due date), {} still open and not yet due or at most 30 days past it.",
        report.closed_with_reason.len(),
        report.abandoned.len(),
        report.open_not_due.len()
    )
}

/// A postmortem as people know it: its title (or path) and the day it counts on.
pub(super) fn postmortem_label(report: &Report, item: &Item) -> (String, String) {
    let pm = report.postmortem_of(item);
    let title = pm
        .and_then(|p| p.title.clone())
        .unwrap_or_else(|| item.postmortem.clone());
    let date = pm
        .and_then(super::Postmortem::counted_on)
        .map_or("?".to_owned(), |d| d.to_string());
    (title, date)
}

/// The columns of the "not done" list: postmortem, its date, action, owner, state, since.
/// What the report says of postmortems whose follow-ups are prose: they hold no item to
/// count, and their zero is not a zero.
fn prose_note(report: &Report) -> Option<String> {
    const SHOWN: usize = 5;
    let n = report.prose_only.len();
    if n == 0 {
        return None;
    }
    let mut shown: Vec<String> = report
        .prose_only
        .iter()
        .take(SHOWN)
        .map(|p| format!("`{p}`"))
        .collect();
    if n > SHOWN {
        shown.push(format!("and {} more", n - SHOWN));
    }
    let (s, write) = if n == 1 {
        ("", "writes its")
    } else {
        ("s", "write their")
    };
    Some(format!(
        "{n} postmortem{s} {write} follow-ups as prose, not as items, so none of them is counted here: {}.",
        shown.join(", ")
    ))
}

fn not_done_cells(report: &Report, item: &Item) -> [String; 6] {
    let (title, date) = postmortem_label(report, item);
    let state = if item.deleted {
        format!(
            "deleted while {}",
            item.deleted_state.map_or("open", State::name)
        )
    } else if item.state == State::Closed {
        // Closed with a reason is a decision; closed without one is how work is abandoned.
        match &item.reason {
            // The reason itself: a manager judges a closure by it.
            Some(reason) => {
                let mut shown: String = reason.chars().take(80).collect();
                if shown.len() < reason.len() {
                    shown.push('…');
                }
                format!("closed with a reason: {shown}")
            }
            None => "closed without a reason".to_owned(),
        }
    } else {
        match item
            .due
            .filter(|due| item.state.is_open() && *due < report.as_of)
        {
            // Open past its due date: how far past says whether it is late or abandoned.
            Some(due) => format!(
                "{}, {} days past due",
                item.state.name(),
                report.as_of.days() - due.days()
            ),
            None => item.state.name().to_owned(),
        }
    };
    let since = item
        .deleted_on
        .or(item.closed.filter(|_| item.state == State::Closed))
        .or(item.states.last().map(|(d, _)| *d))
        .map_or("?".to_owned(), |d| d.to_string());
    [
        title,
        date,
        item.action.clone(),
        item.owner.clone().unwrap_or_else(|| "–".to_owned()),
        state,
        since,
    ]
}

/// A table of the review, the same for Markdown and HTML: its header and its rows.
pub(super) struct Table {
    pub header: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
    /// Per row, where its first cell links to (the postmortem's file), if anywhere.
    pub links: Vec<Option<String>>,
}

/// Where a postmortem's title links to: the link base and its path, percent-encoded
/// except for the characters a path keeps.
pub(super) fn link(report: &Report, path: &str) -> String {
    use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};
    // The base is a URL already: only what would end or break a Markdown link is encoded.
    const IN_BASE: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'(')
        .add(b')')
        .add(b'<')
        .add(b'>')
        .add(b'"')
        .add(b'[')
        .add(b']');
    // A path keeps its slashes and RFC 3986's unreserved characters.
    const IN_PATH: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let base: String = report
        .link_base
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    format!(
        "{}{}",
        utf8_percent_encode(&base, IN_BASE),
        utf8_percent_encode(path, IN_PATH)
    )
}

/// This quarter and the last four (or the latest four that had items).
pub(super) fn headline_table(report: &Report) -> Table {
    let mut table = headline_rows(report);
    // This quarter, then older ones after a gap: the gap is a row, not hidden.
    let index = |q: &str| -> Option<i64> {
        let (year, quarter) = q.split_once("-Q")?;
        Some(year.parse::<i64>().ok()? * 4 + quarter.parse::<i64>().ok()? - 1)
    };
    let name = |i: i64| format!("{}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1);
    if let [now, next, ..] = report.headline.as_slice()
        && let (Some(a), Some(b)) = (index(&now.quarter), index(&next.quarter))
        && a - b > 1
    {
        let gap = if a - b == 2 {
            name(b + 1)
        } else {
            format!("{} to {}", name(b + 1), name(a - 1))
        };
        let mut row = vec![gap, "0".to_owned()];
        row.extend(std::iter::repeat_n("–".to_owned(), table.header.len() - 2));
        table.rows.insert(1, row);
    }
    table
}

fn headline_rows(report: &Report) -> Table {
    Table {
        header: &[
            "quarter",
            "items written",
            "done within 90 days",
            "median days to done",
            "open past due now",
            "closed with a reason",
            "abandoned",
        ],
        rows: report
            .headline
            .iter()
            .map(|h| {
                vec![
                    h.quarter.clone(),
                    h.written.to_string(),
                    if report.commits.is_none() {
                        "– (needs history)".to_owned()
                    } else {
                        format!(
                            "{} ({}){}",
                            h.done_within_90,
                            pct(h.done_within_90, h.written),
                            if h.final_90 { "" } else { " so far" }
                        )
                    },
                    h.median_days_to_done
                        .map_or("–".to_owned(), |d| d.to_string()),
                    h.open_past_due.to_string(),
                    h.closed_with_reason.to_string(),
                    h.abandoned.to_string(),
                ]
            })
            .collect(),
        links: Vec::new(),
    }
}

/// Measured items by owner.
pub(super) fn owner_table(report: &Report) -> Table {
    Table {
        header: &[
            "owner",
            "items",
            "done",
            "done within 90 days",
            "open past due",
            "abandoned",
        ],
        rows: report
            .owners
            .iter()
            .map(|o| {
                vec![
                    o.owner.clone(),
                    o.items.to_string(),
                    o.done.to_string(),
                    o.done_within_90.to_string(),
                    o.open_past_due.to_string(),
                    o.abandoned.to_string(),
                ]
            })
            .collect(),
        links: Vec::new(),
    }
}

/// The first [`SHOWN`] items not done.
pub(super) fn not_done_table(report: &Report) -> Table {
    items_table(report, &report.not_done)
}

/// The items of imported postmortems that are not done now (out of the rates, not out of
/// sight: an imported to-do years past due is still a to-do).
pub(super) fn imported_not_done(report: &Report) -> Vec<usize> {
    report
        .imported
        .iter()
        .copied()
        .filter(|&i| {
            let item = &report.items[i];
            item.state.is_open() && !item.deleted
        })
        .collect()
}

/// The lists of items shown after those not done, each with its heading and what it is:
/// imported to-dos (out of the rates, not out of sight) and records of the response.
pub(super) fn more_lists(report: &Report) -> Vec<(String, &'static str, Vec<usize>)> {
    let mut lists = Vec::new();
    let imported = imported_not_done(report);
    if !imported.is_empty() {
        lists.push((
            format!("Items of imported postmortems not done: {}", imported.len()),
            "Out of the rates (when they were written is not in history), not out of sight.",
            imported,
        ));
    }
    if !report.records.is_empty() {
        lists.push((
            format!("Records of the response: {}", report.records.len()),
            "Items already done on the day they were written (work done during the incident, such as a rollback): not follow-ups, so out of the rates.",
            report.records.clone(),
        ));
    }
    lists
}

/// The first [`SHOWN`] of `items`, one row each.
pub(super) fn items_table(report: &Report, items: &[usize]) -> Table {
    Table {
        header: &["postmortem", "date", "action", "owner", "state", "since"],
        rows: items
            .iter()
            .take(SHOWN)
            .map(|&i| not_done_cells(report, &report.items[i]).to_vec())
            .collect(),
        links: items
            .iter()
            .take(SHOWN)
            .map(|&i| Some(link(report, &report.items[i].postmortem)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(pct(1, 4), "25%");
        assert_eq!(pct(0, 0), "–");
    }

    #[test]
    fn states_have_names() {
        assert_eq!(super::super::State::InProgress.name(), "in progress");
    }
}
