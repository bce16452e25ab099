//! The report as Markdown (tables and Mermaid charts that render on GitHub), JSON (every
//! number the others show) and one self-contained HTML file with inline SVG charts.

use super::{Item, Report, State, WINDOWS};
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;

fn pct(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_owned()
    } else {
        format!("{:.0}%", part as f64 * 100.0 / whole as f64)
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn header(report: &Report) -> String {
    let source = match report.commits {
        Some(n) => format!("from git history ({n} commits)"),
        None => "from the documents alone (no git history)".to_owned(),
    };
    let since = report
        .since
        .map(|s| format!(", postmortems since {s}"))
        .unwrap_or_default();
    format!(
        "As of {} · {source}{since} · {} postmortems, {} action items",
        report.as_of,
        report.postmortems.len(),
        report.items.len()
    )
}

/// How many items a Markdown or HTML list shows before "and N more" (JSON has them all).
pub const SHOWN: usize = 20;

/// The answer first: this quarter's and last quarter's completion, and what is not measured.
fn answer(report: &Report) -> Vec<String> {
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
    if let [now, before, ..] = report.headline.as_slice() {
        lines.push(format!("{}; {}.", say(now), say(before)));
    }
    let total = report.items.len();
    let measured = report.measured();
    lines.push(format!(
        "Rates count the {measured} of {total} items that state a status or a due date and whose writing is in history."
    ));
    if !report.untracked.is_empty() {
        lines.push(format!(
            "{} of {total} items state no status and no due date: untracked, listed below, never counted as done or abandoned.",
            report.untracked.len()
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
fn older_than_90(report: &Report) -> String {
    format!(
        "Older than 90 days: {} closed with a stated reason, {} silently abandoned (deleted while open, closed without a reason, or open past due or with no due date), {} still open and not yet due.",
        report.closed_with_reason.len(),
        report.abandoned.len(),
        report.open_not_due.len()
    )
}

/// A postmortem as people know it: its title (or path) and the day it counts on.
fn postmortem_label(report: &Report, item: &Item) -> (String, String) {
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
fn not_done_cells(report: &Report, item: &Item) -> [String; 6] {
    let (title, date) = postmortem_label(report, item);
    let state = if item.deleted {
        format!(
            "deleted while {}",
            item.deleted_state.map_or("open", State::name)
        )
    } else {
        item.state.name().to_owned()
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

fn mermaid_bar(title: &str, y_label: &str, labels: &[String], values: &[f64], max: f64) -> String {
    let labels = labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let values = values
        .iter()
        .map(|v| format!("{v:.0}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "```mermaid\nxychart-beta\n    title \"{title}\"\n    x-axis [{labels}]\n    y-axis \"{y_label}\" 0 --> {max:.0}\n    bar [{values}]\n```\n"
    )
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("# Action-item report\n\n{}\n", header(report));
    if !report.missing.is_empty() {
        out.push_str("\n> **Not computed without git history:**\n");
        for m in &report.missing {
            let _ = writeln!(out, "> - {m}");
        }
    }

    out.push('\n');
    for line in answer(report) {
        let _ = writeln!(out, "{line}");
    }
    out.push_str("\n## This quarter and the last four\n\nItems written in the quarter (measured items only).\n\n| quarter | items written | done within 90 days | median days to done | open past due now | closed with a reason | abandoned |\n|---|---|---|---|---|---|---|\n");
    for h in &report.headline {
        let _ = writeln!(
            out,
            "| {} | {} | {} ({}){} | {} | {} | {} | {} |",
            h.quarter,
            h.written,
            h.done_within_90,
            pct(h.done_within_90, h.written),
            if h.final_90 { "" } else { " so far" },
            h.median_days_to_done
                .map_or("–".to_owned(), |d| d.to_string()),
            h.open_past_due,
            h.closed_with_reason,
            h.abandoned
        );
    }
    out.push_str("\n## By owner\n\n| owner | items | done | done within 90 days | open past due | abandoned |\n|---|---|---|---|---|---|\n");
    for o in &report.owners {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&o.owner),
            o.items,
            o.done,
            o.done_within_90,
            o.open_past_due,
            o.abandoned
        );
    }
    let _ = write!(
        out,
        "\n## Items not done: {}\n\nEach once, oldest postmortem first. {}\n\n",
        report.not_done.len(),
        older_than_90(report)
    );
    if !report.not_done.is_empty() {
        out.push_str(
            "| postmortem | date | action | owner | state | since |\n|---|---|---|---|---|---|\n",
        );
        for &i in report.not_done.iter().take(SHOWN) {
            let cells: Vec<String> = not_done_cells(report, &report.items[i])
                .iter()
                .map(|c| cell(c))
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        if report.not_done.len() > SHOWN {
            let _ = writeln!(
                out,
                "\nand {} more (the JSON report lists them all).",
                report.not_done.len() - SHOWN
            );
        }
    }

    out.push_str("\n## Completion by the month the postmortem was written\n\nMeasured items of the postmortems counted in each month (an imported postmortem counts in its own month); done within N days of being written, by the day its status became done.\n\n| month | items | done within 30 days | within 60 days | within 90 days |\n|---|---|---|---|---|\n");
    for c in &report.cohorts {
        let cells: Vec<String> = c
            .done_within
            .iter()
            .map(|d| {
                d.map_or("not yet".to_owned(), |n| {
                    format!("{n} ({})", pct(n, c.items))
                })
            })
            .collect();
        let _ = writeln!(out, "| {} | {} | {} |", c.month, c.items, cells.join(" | "));
    }
    let ripe: Vec<_> = report
        .cohorts
        .iter()
        .filter_map(|c| c.done_within[2].map(|n| (c, n)))
        .collect();
    if !ripe.is_empty() {
        let labels: Vec<String> = ripe.iter().map(|(c, _)| c.month.clone()).collect();
        let values: Vec<f64> = ripe
            .iter()
            .map(|(c, n)| *n as f64 * 100.0 / c.items.max(1) as f64)
            .collect();
        out.push('\n');
        out.push_str(&mermaid_bar(
            "Done within 90 days (%)",
            "percent",
            &labels,
            &values,
            100.0,
        ));
    }

    let (p, m, d, u) = report.balance.iter().fold((0, 0, 0, 0), |t, b| {
        (
            t.0 + b.prevent,
            t.1 + b.mitigate,
            t.2 + b.detect,
            t.3 + b.untyped,
        )
    });
    let total = p + m + d + u;
    let _ = write!(
        out,
        "\n## Type balance\n\nOverall: prevent {} · mitigate {} · detect {} · untyped {}\n\n| postmortem | prevent | mitigate | detect | untyped |\n|---|---|---|---|---|\n",
        pct(p, total),
        pct(m, total),
        pct(d, total),
        pct(u, total)
    );
    for b in &report.balance {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&b.postmortem),
            b.prevent,
            b.mitigate,
            b.detect,
            b.untyped
        );
    }

    out.push_str("\n## Postmortems written per month\n\nMore postmortems is a sign of less hiding: this is a transparency indicator, never an incident count.\n\n| month | postmortems |\n|---|---|\n");
    for (month, n) in &report.per_month {
        let _ = writeln!(out, "| {month} | {n} |");
    }
    if !report.per_month.is_empty() {
        let labels: Vec<String> = report.per_month.iter().map(|(m, _)| m.clone()).collect();
        let values: Vec<f64> = report.per_month.iter().map(|(_, n)| *n as f64).collect();
        let max = values.iter().copied().fold(1.0, f64::max);
        out.push('\n');
        out.push_str(&mermaid_bar(
            "Postmortems written per month",
            "postmortems",
            &labels,
            &values,
            max,
        ));
    }

    let _ = write!(
        out,
        "\n## Untracked items: {}\n\nThey never stated a status or a due date, so nothing can say whether they were done.\n",
        report.untracked.len()
    );
    if !report.untracked.is_empty() {
        out.push_str("\n| postmortem | action |\n|---|---|\n");
        for &i in report.untracked.iter().take(SHOWN) {
            let item = &report.items[i];
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(&postmortem_label(report, item).0),
                cell(&item.action)
            );
        }
        if report.untracked.len() > SHOWN {
            let _ = writeln!(out, "\nand {} more.", report.untracked.len() - SHOWN);
        }
    }
    out
}

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
        "not_computed": report.missing,
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
        items: report.items.iter().map(item_out).collect(),
    };
    serde_json::to_string_pretty(&whole)
        .map(|s| s + "\n")
        .unwrap_or_default()
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A bar chart as inline SVG: labels under the bars, values above them.
fn svg_bars(title: &str, labels: &[String], values: &[f64], max: f64, unit: &str) -> String {
    let (w, h, pad, bottom) = (720.0, 260.0, 40.0, 60.0);
    let n = labels.len().max(1) as f64;
    let slot = (w - 2.0 * pad) / n;
    let bar = (slot * 0.7).min(60.0);
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n<line x1=\"{pad}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888\"/>\n",
        esc(title),
        esc(title),
        h - bottom,
        w - pad,
        h - bottom
    );
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let height = if max > 0.0 {
            (value / max) * (h - bottom - 30.0)
        } else {
            0.0
        };
        let x = pad + slot * i as f64 + (slot - bar) / 2.0;
        let y = h - bottom - height;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{height:.1}\" fill=\"#2f6fb0\"><title>{}: {value:.0}{unit}</title></rect>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\">{value:.0}{unit}</text>\n<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" transform=\"rotate(-40 {:.1} {:.1})\">{}</text>\n",
            esc(label),
            x + bar / 2.0,
            y - 4.0,
            x + bar / 2.0,
            h - bottom + 14.0,
            x + bar / 2.0,
            h - bottom + 14.0,
            esc(label)
        );
    }
    svg.push_str("</svg></figure>\n");
    svg
}

pub fn html(report: &Report) -> String {
    let mut body = format!(
        "<h1>Action-item report</h1>\n<p>{}</p>\n",
        esc(&header(report))
    );
    if !report.missing.is_empty() {
        body.push_str("<div class=\"note\"><strong>Not computed without git history:</strong><ul>");
        for m in &report.missing {
            let _ = write!(body, "<li>{}</li>", esc(m));
        }
        body.push_str("</ul></div>\n");
    }
    body.push_str("<div class=\"answer\">");
    for line in answer(report) {
        let _ = write!(body, "<p>{}</p>", esc(&line));
    }
    body.push_str("</div>\n<h2>This quarter and the last four</h2>\n<table><tr><th>quarter</th><th>items written</th><th>done within 90 days</th><th>median days to done</th><th>open past due now</th><th>closed with a reason</th><th>abandoned</th></tr>\n");
    for h in &report.headline {
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{} ({}){}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h.quarter,
            h.written,
            h.done_within_90,
            pct(h.done_within_90, h.written),
            if h.final_90 { "" } else { " so far" },
            h.median_days_to_done
                .map_or("–".to_owned(), |d| d.to_string()),
            h.open_past_due,
            h.closed_with_reason,
            h.abandoned
        );
    }
    body.push_str("</table>\n<h2>By owner</h2>\n<table><tr><th>owner</th><th>items</th><th>done</th><th>done within 90 days</th><th>open past due</th><th>abandoned</th></tr>\n");
    for o in &report.owners {
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&o.owner),
            o.items,
            o.done,
            o.done_within_90,
            o.open_past_due,
            o.abandoned
        );
    }
    let _ = write!(
        body,
        "</table>\n<h2>Items not done: {}</h2>\n<p>Each once, oldest postmortem first. {}</p>\n",
        report.not_done.len(),
        esc(&older_than_90(report))
    );
    if !report.not_done.is_empty() {
        body.push_str("<table><tr><th>postmortem</th><th>date</th><th>action</th><th>owner</th><th>state</th><th>since</th></tr>\n");
        for &i in report.not_done.iter().take(SHOWN) {
            let cells: String = not_done_cells(report, &report.items[i])
                .iter()
                .map(|c| format!("<td>{}</td>", esc(c)))
                .collect();
            let _ = writeln!(body, "<tr>{cells}</tr>");
        }
        body.push_str("</table>\n");
        if report.not_done.len() > SHOWN {
            let _ = writeln!(
                body,
                "<p>and {} more (the JSON report lists them all).</p>",
                report.not_done.len() - SHOWN
            );
        }
    }
    body.push_str("<h2>Completion by the month the postmortem was written</h2>\n");
    for (w, window) in WINDOWS.iter().enumerate() {
        let ripe: Vec<_> = report
            .cohorts
            .iter()
            .filter_map(|c| c.done_within[w].map(|n| (c, n)))
            .collect();
        if ripe.is_empty() {
            continue;
        }
        let labels: Vec<String> = ripe.iter().map(|(c, _)| c.month.clone()).collect();
        let values: Vec<f64> = ripe
            .iter()
            .map(|(c, n)| *n as f64 * 100.0 / c.items.max(1) as f64)
            .collect();
        body.push_str(&svg_bars(
            &format!("Done within {window} days (% of items)"),
            &labels,
            &values,
            100.0,
            "%",
        ));
    }
    body.push_str("<table><tr><th>month</th><th>items</th><th>within 30 days</th><th>within 60 days</th><th>within 90 days</th></tr>\n");
    for c in &report.cohorts {
        let cells: String = c
            .done_within
            .iter()
            .map(|d| {
                format!(
                    "<td>{}</td>",
                    d.map_or("not yet".to_owned(), |n| format!(
                        "{n} ({})",
                        pct(n, c.items)
                    ))
                )
            })
            .collect();
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td>{cells}</tr>",
            c.month, c.items
        );
    }
    body.push_str("</table>\n");
    body.push_str("<h2>Type balance</h2>\n<table><tr><th>postmortem</th><th>prevent</th><th>mitigate</th><th>detect</th><th>untyped</th></tr>\n");
    for b in &report.balance {
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&b.postmortem),
            b.prevent,
            b.mitigate,
            b.detect,
            b.untyped
        );
    }
    body.push_str("</table>\n<h2>Postmortems written per month</h2>\n<p>A transparency indicator: more postmortems means less hiding. Never an incident count.</p>\n");
    let labels: Vec<String> = report.per_month.iter().map(|(m, _)| m.clone()).collect();
    let values: Vec<f64> = report.per_month.iter().map(|(_, n)| *n as f64).collect();
    let max = values.iter().copied().fold(1.0, f64::max);
    body.push_str(&svg_bars(
        "Postmortems written per month",
        &labels,
        &values,
        max,
        "",
    ));
    let _ = write!(
        body,
        "<h2>Untracked items: {}</h2>\n<p>They never stated a status or a due date, so nothing can say whether they were done.</p>\n",
        report.untracked.len()
    );
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Action-item report</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}}table{{border-collapse:collapse;margin:1em 0;width:100%}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}}th{{background:#f3f3f3}}figure{{margin:1em 0}}figcaption{{font-weight:600}}svg{{width:100%;height:auto;background:#fafafa}}.note{{background:#fff6e0;border-left:4px solid #e0a800;padding:.5em 1em}}.answer{{font-size:1.15em;background:#eef5ff;border-left:4px solid #2f6fb0;padding:.2em 1em}}</style>\n</head><body>\n{body}</body></html>\n"
    )
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
