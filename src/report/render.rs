//! The report as Markdown (tables and Mermaid charts that render on GitHub), JSON (every
//! number the others show) and one self-contained HTML file with inline SVG charts.

use super::{Item, Report, WINDOWS};
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

fn age(report: &Report, item: &Item) -> String {
    item.added.map_or("?".to_owned(), |a| {
        format!("{} days", report.as_of.days() - a.days())
    })
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

/// The columns every item table shows: postmortem, action, owner, age, state, reason.
fn item_cells(report: &Report, item: &Item) -> [String; 6] {
    [
        item.postmortem.clone(),
        item.action.clone(),
        item.owner.clone().unwrap_or_else(|| "–".to_owned()),
        age(report, item),
        if item.deleted {
            "deleted"
        } else {
            item.state.name()
        }
        .to_owned(),
        item.reason.clone().unwrap_or_else(|| "–".to_owned()),
    ]
}

fn item_row(report: &Report, item: &Item) -> String {
    let cells: Vec<String> = item_cells(report, item).iter().map(|c| cell(c)).collect();
    format!("| {} |", cells.join(" | "))
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

    out.push_str("\n## Completion by the month the postmortem was written\n\n| month | items | done within 30 days | within 60 days | within 90 days |\n|---|---|---|---|---|\n");
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

    out.push_str("\n## Items not done after 90 days\n");
    for (title, list) in [
        ("Closed with a stated reason", &report.closed_with_reason),
        (
            "Silently abandoned (open and past due, closed without a reason, or deleted)",
            &report.abandoned,
        ),
        ("Still open, not yet due", &report.open_not_due),
    ] {
        let _ = write!(out, "\n### {title}: {}\n\n", list.len());
        if list.is_empty() {
            continue;
        }
        out.push_str(
            "| postmortem | action | owner | age | state | reason |\n|---|---|---|---|---|---|\n",
        );
        for &i in list {
            let _ = writeln!(out, "{}", item_row(report, &report.items[i]));
        }
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

    out.push_str("\n## Quarterly review\n");
    for q in &report.quarters {
        let _ = write!(
            out,
            "\n### {}\n\n{} items: {} done ({}), {} closed, {} open.\n",
            q.name,
            q.items,
            q.done,
            pct(q.done, q.items),
            q.closed,
            q.items - q.done - q.closed
        );
        if !q.not_done.is_empty() {
            out.push_str("\n| postmortem | action | owner | age | state | reason |\n|---|---|---|---|---|---|\n");
            for &i in &q.not_done {
                let _ = writeln!(out, "{}", item_row(report, &report.items[i]));
            }
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
    closed: Option<String>,
    state: &'static str,
    reason: Option<&'a str>,
    deleted: bool,
    deleted_on: Option<String>,
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
        closed: item.closed.map(|d| d.to_string()),
        state: item.state.name(),
        reason: item.reason.as_deref(),
        deleted: item.deleted,
        deleted_on: item.deleted_on.map(|d| d.to_string()),
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
    struct QuarterOut<'a> {
        quarter: &'a str,
        items: usize,
        done: usize,
        closed: usize,
        not_done: Vec<ItemOut<'a>>,
    }
    #[derive(Serialize)]
    struct Whole<'a> {
        #[serde(flatten)]
        head: Value,
        not_done_after_90_days: Lists<'a>,
        quarters: Vec<QuarterOut<'a>>,
        items: Vec<ItemOut<'a>>,
    }
    let whole = Whole {
        head: value,
        not_done_after_90_days: Lists {
            closed_with_reason: list(&report.closed_with_reason),
            abandoned: list(&report.abandoned),
            open_not_due: list(&report.open_not_due),
        },
        quarters: report
            .quarters
            .iter()
            .map(|q| QuarterOut {
                quarter: &q.name,
                items: q.items,
                done: q.done,
                closed: q.closed,
                not_done: list(&q.not_done),
            })
            .collect(),
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

fn html_items(report: &Report, list: &[usize]) -> String {
    if list.is_empty() {
        return "<p>None.</p>\n".to_owned();
    }
    let mut out = String::from(
        "<table><tr><th>postmortem</th><th>action</th><th>owner</th><th>age</th><th>state</th><th>reason</th></tr>\n",
    );
    for &i in list {
        let cells: String = item_cells(report, &report.items[i])
            .iter()
            .map(|c| format!("<td>{}</td>", esc(c)))
            .collect();
        let _ = writeln!(out, "<tr>{cells}</tr>");
    }
    out.push_str("</table>\n");
    out
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
    body.push_str("</table>\n<h2>Items not done after 90 days</h2>\n");
    for (title, list) in [
        ("Closed with a stated reason", &report.closed_with_reason),
        ("Silently abandoned", &report.abandoned),
        ("Still open, not yet due", &report.open_not_due),
    ] {
        let _ = write!(
            body,
            "<h3>{title}: {}</h3>\n{}",
            list.len(),
            html_items(report, list)
        );
    }
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
    body.push_str("<h2>Quarterly review</h2>\n");
    for q in &report.quarters {
        let _ = write!(
            body,
            "<h3>{}</h3>\n<p>{} items: {} done ({}), {} closed, {} open.</p>\n{}",
            q.name,
            q.items,
            q.done,
            pct(q.done, q.items),
            q.closed,
            q.items - q.done - q.closed,
            html_items(report, &q.not_done)
        );
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Action-item report</title>\n<style>body{{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}}table{{border-collapse:collapse;margin:1em 0;width:100%}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:14px}}th{{background:#f3f3f3}}figure{{margin:1em 0}}figcaption{{font-weight:600}}svg{{width:100%;height:auto;background:#fafafa}}.note{{background:#fff6e0;border-left:4px solid #e0a800;padding:.5em 1em}}</style>\n</head><body>\n{body}</body></html>\n"
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
