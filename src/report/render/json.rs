//! The report as JSON: every figure the others show, every item.

use crate::report::{Item, Report, State};
use serde::Serialize;
use serde_json::{Value, json};

/// An item as the JSON shows it (borrowed: the report lists items several times).
#[derive(Serialize)]
struct ItemOut<'a> {
    postmortem: &'a str,
    id: &'a str,
    action: &'a str,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    owner: Option<&'a str>,
    due: Option<String>,
    added: Option<String>,
    done_on: Option<String>,
    closed: Option<String>,
    state: &'static str,
    states: Vec<(String, &'static str)>,
    reason: Option<&'a str>,
    deleted: bool,
    deleted_on: Option<String>,
    deleted_state: Option<&'static str>,
    imported: bool,
    untracked: bool,
    /// The tickets the item links (`#12`, `PLAT-1234`).
    tickets: Vec<String>,
}

fn item_out(item: &Item) -> ItemOut<'_> {
    ItemOut {
        postmortem: &item.postmortem,
        id: item.id.strip_prefix("id:").unwrap_or(&item.id),
        action: &item.action,
        kind: item.kind,
        owner: item.owner.as_deref(),
        due: item.due.map(|d| d.to_string()),
        added: item.added.map(|d| d.to_string()),
        done_on: item.done_on.map(|d| d.to_string()),
        closed: item.closed.map(|d| d.to_string()),
        state: item.state.name(),
        states: item
            .states
            .iter()
            .map(|(d, s)| (d.to_string(), s.name()))
            .collect(),
        reason: item.reason.as_deref(),
        deleted: item.deleted,
        deleted_on: item.deleted_on.map(|d| d.to_string()),
        deleted_state: item.deleted_state.map(State::name),
        imported: item.imported,
        untracked: item.untracked(),
        tickets: item
            .tickets
            .iter()
            .map(crate::report::tracker::TicketKey::reference)
            .collect(),
    }
}

pub fn json(report: &Report) -> String {
    let list = |l: &[usize]| {
        l.iter()
            .map(|&i| item_out(&report.items[i]))
            .collect::<Vec<_>>()
    };
    let value = json!({
        "version": 1,
        "history": report.commits.is_some(),
        "as_of": report.as_of.to_string(),
        "since": report.since.map(|d| d.to_string()),
        "commits": report.commits,
        "commits_changing_postmortems": report.commits.map(|_| report.changed_commits),
        "not_computed": report.missing,
        "follow_ups_in_prose": report.prose_only,
        "items_total": report.items.len(),
        "items_measured": report.measured(),
        "items_untracked": report.untracked.len(),
        "items_imported": report.imported.len(),
        "headline": report.headline.iter().map(|h| json!({
            "quarter": h.quarter,
            "items_written": h.written,
            "done_within_90": h.done_within_90,
            "final": h.final_90,
            "median_days_to_done": h.median_days_to_done,
            "open_past_due": h.open_past_due,
            "closed_with_reason": h.closed_with_reason,
            "abandoned": h.abandoned,
        })).collect::<Vec<_>>(),
        "owners": report.owners.iter().map(|o| json!({
            "owner": o.owner, "items": o.items, "done": o.done, "done_within_90": o.done_within_90,
            "open_past_due": o.open_past_due, "abandoned": o.abandoned,
        })).collect::<Vec<_>>(),
        "cohorts": report.cohorts.iter().map(|c| json!({
            "month": c.month,
            "items": c.items,
            "done_within_30": c.done_within[0],
            "done_within_60": c.done_within[1],
            "done_within_90": c.done_within[2],
        })).collect::<Vec<_>>(),
        "postmortems_per_month": report.per_month.iter().map(|(m, n)| json!({"month": m, "count": n})).collect::<Vec<_>>(),
        "type_balance": report.balance.iter().map(|b| json!({
            "postmortem": b.postmortem, "prevent": b.prevent, "mitigate": b.mitigate, "detect": b.detect, "untyped": b.untyped,
        })).collect::<Vec<_>>(),
    });
    #[derive(Serialize)]
    struct Lists<'a> {
        closed_with_reason: Vec<ItemOut<'a>>,
        abandoned: Vec<ItemOut<'a>>,
        open_not_due: Vec<ItemOut<'a>>,
    }
    #[derive(Serialize)]
    struct Whole<'a> {
        #[serde(flatten)]
        head: Value,
        not_done_after_90_days: Lists<'a>,
        not_done: Vec<ItemOut<'a>>,
        untracked: Vec<ItemOut<'a>>,
        imported: Vec<ItemOut<'a>>,
        records: Vec<ItemOut<'a>>,
        items: Vec<ItemOut<'a>>,
    }
    let whole = Whole {
        head: value,
        not_done_after_90_days: Lists {
            closed_with_reason: list(&report.closed_with_reason),
            abandoned: list(&report.abandoned),
            open_not_due: list(&report.open_not_due),
        },
        not_done: list(&report.not_done),
        untracked: list(&report.untracked),
        imported: list(&report.imported),
        records: list(&report.records),
        items: report.items.iter().map(item_out).collect(),
    };
    serde_json::to_string_pretty(&whole)
        .map(|s| s + "\n")
        .unwrap_or_default()
}
