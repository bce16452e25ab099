//! The report as one self-contained HTML file with inline SVG charts.

use super::{
    SHOWN, Table, answer, header, headline_table, not_done_table, older_than_90, owner_table, pct,
};
use crate::report::{Report, WINDOWS};
use std::fmt::Write;

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

/// An HTML table.
fn table(t: &Table) -> String {
    let head: String = t
        .header
        .iter()
        .map(|h| format!("<th>{}</th>", esc(h)))
        .collect();
    let mut out = format!("<table><tr>{head}</tr>\n");
    for row in &t.rows {
        let cells: String = row.iter().map(|c| format!("<td>{}</td>", esc(c))).collect();
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
    if let Some(note) = super::prose_note(report) {
        let _ = writeln!(body, "<div class=\"note\">{}</div>", esc(&note));
    }
    body.push_str("<div class=\"answer\">");
    for line in answer(report) {
        let _ = write!(body, "<p>{}</p>", esc(&line));
    }
    body.push_str("</div>\n<h2>This quarter and the last four</h2>\n");
    body.push_str(&table(&headline_table(report)));
    body.push_str("<h2>By owner</h2>\n");
    body.push_str(&table(&owner_table(report)));
    let _ = write!(
        body,
        "<h2>Items not done: {}</h2>\n<p>Each once, oldest postmortem first. {}</p>\n",
        report.not_done.len(),
        esc(&older_than_90(report))
    );
    if !report.not_done.is_empty() {
        body.push_str(&table(&not_done_table(report)));
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
        // A month without a measured item has no rate: no bar at 0%.
        let ripe: Vec<_> = report
            .cohorts
            .iter()
            .filter(|c| c.items > 0)
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
    for c in report.cohorts.iter().filter(|c| c.items > 0) {
        let cells: String = c
            .done_within
            .iter()
            .map(|d| {
                let cell = match d {
                    // Without history, when an item was done is unknown, not "not yet".
                    _ if report.commits.is_none() => "– (needs history)".to_owned(),
                    Some(n) => format!("{n} ({})", pct(*n, c.items)),
                    None => "not yet".to_owned(),
                };
                format!("<td>{cell}</td>")
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
