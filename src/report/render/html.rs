//! The report as one self-contained HTML file with inline SVG charts.

use super::{
    SHOWN, Table, answer, header, headline_table, items_table, more_lists, not_done_table,
    older_than_90, owner_table, pct,
};
use crate::report::{Report, WINDOWS};
use std::fmt::Write;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A chart's frame: its size, the plotting area's margins and the top of its y-axis.
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max: f64,
}

impl Frame {
    /// A frame up to `max` on the y-axis: for counts, the smallest multiple of four that
    /// holds it (four gridlines, whole numbers); for rates, 100%, so that a bar's height reads
    /// the same in every report.
    fn new(max: f64, rate: bool) -> Frame {
        let nice = if rate {
            100.0
        } else {
            (max.max(1.0) / 4.0).ceil() * 4.0
        };
        Frame {
            w: 720.0,
            h: 290.0,
            left: 44.0,
            right: 12.0,
            top: 34.0,
            bottom: 62.0,
            max: nice,
        }
    }

    /// The y coordinate of `value`.
    fn y(&self, value: f64) -> f64 {
        let base = self.h - self.bottom;
        base - value / self.max * (base - self.top)
    }

    /// The width of one of `n` slots.
    fn slot(&self, n: usize) -> f64 {
        (self.w - self.left - self.right) / n.max(1) as f64
    }

    /// The caption, the SVG element, and four gridlines labelled in `unit`.
    fn open(&self, title: &str, unit: &str) -> String {
        let mut svg = format!(
            "<figure><figcaption>{}</figcaption><svg viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
            esc(title),
            self.w,
            self.h,
            esc(title)
        );
        for step in 0..=4 {
            let value = self.max * f64::from(step) / 4.0;
            let y = self.y(value);
            let stroke = if step == 0 { "#888" } else { "#e3e3e3" };
            let _ = writeln!(
                svg,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{stroke}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">{}{unit}</text>",
                self.left,
                self.w - self.right,
                self.left - 4.0,
                y + 3.0,
                trim_number(value)
            );
        }
        svg
    }

    /// The label of slot `i` of `n`, turned to fit; with many slots, every few only.
    fn label(&self, svg: &mut String, i: usize, n: usize, label: &str) {
        let every = n.div_ceil(24).max(1);
        if i % every != 0 {
            return;
        }
        let x = self.left + self.slot(n) * (i as f64 + 0.5);
        let y = self.h - self.bottom + 14.0;
        let _ = writeln!(
            svg,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"end\" font-size=\"11\" transform=\"rotate(-40 {x:.1} {y:.1})\">{}</text>",
            esc(label)
        );
    }

    /// One bar, from `x`, `width` wide, up to `value`, with a tooltip, and the value shown
    /// above it when `shown` is given (there is room for it).
    fn bar(
        &self,
        svg: &mut String,
        (x, width): (f64, f64),
        value: f64,
        fill: &str,
        tip: &str,
        shown: Option<&str>,
    ) {
        let (top, base) = (self.y(value), self.h - self.bottom);
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{top:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{fill}\"><title>{}</title></rect>",
            base - top,
            esc(tip)
        );
        if let Some(shown) = shown {
            let _ = writeln!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
                x + width / 2.0,
                top - 3.0,
                esc(shown)
            );
        }
    }
}

/// A number for an axis: no decimals when it has none.
fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A bar chart as inline SVG: labels under the bars, values above them when there is room.
fn svg_bars(title: &str, labels: &[String], values: &[f64], unit: &str) -> String {
    let frame = Frame::new(values.iter().copied().fold(0.0, f64::max), unit == "%");
    let n = labels.len();
    let slot = frame.slot(n);
    let bar = (slot * 0.7).min(60.0);
    let mut svg = frame.open(title, unit);
    for (i, (label, value)) in labels.iter().zip(values).enumerate() {
        let x = frame.left + slot * i as f64 + (slot - bar) / 2.0;
        let shown = format!("{}{unit}", trim_number(value.round()));
        let tip = format!("{label}: {shown}");
        let room = (slot >= 26.0).then_some(shown.as_str());
        frame.bar(&mut svg, (x, bar), *value, "#2f6fb0", &tip, room);
        frame.label(&mut svg, i, n, label);
    }
    svg.push_str("</svg></figure>\n");
    svg
}

/// The 30/60/90-day completion as one chart: for each month, a bar per window, in shades
/// of one colour, and a legend. A window not yet past for a month has no bar (no rate yet,
/// not 0%); its tooltip says so.
fn svg_windows(title: &str, labels: &[String], rates: &[[Option<f64>; 3]]) -> String {
    const FILLS: [&str; 3] = ["#9cc3e6", "#4a8bc9", "#1f4e79"];
    let frame = Frame::new(100.0, true);
    let n = labels.len();
    let slot = frame.slot(n);
    let bar = (slot * 0.8 / 3.0).min(22.0);
    let mut svg = frame.open(title, "%");
    for (k, (window, fill)) in WINDOWS.iter().zip(FILLS).enumerate() {
        let x = frame.left + 10.0 + 120.0 * k as f64;
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{fill}\"/><text x=\"{}\" y=\"18\" font-size=\"12\">within {window} days</text>",
            x + 16.0
        );
    }
    for (i, (label, rates)) in labels.iter().zip(rates).enumerate() {
        let left = frame.left + slot * i as f64 + (slot - 3.0 * bar) / 2.0;
        for (k, rate) in rates.iter().enumerate() {
            let x = left + bar * k as f64;
            match rate {
                Some(rate) => {
                    let shown = format!("{rate:.0}%");
                    let tip = format!("{label}: {shown} done within {} days", WINDOWS[k]);
                    let room = (bar >= 20.0).then_some(shown.as_str());
                    frame.bar(&mut svg, (x, bar), *rate, FILLS[k], &tip, room);
                }
                None => {
                    let _ = writeln!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"#000\" fill-opacity=\"0\"><title>{}: {} days not yet passed</title></rect>",
                        frame.top,
                        frame.h - frame.bottom - frame.top,
                        esc(label),
                        WINDOWS[k]
                    );
                }
            }
        }
        frame.label(&mut svg, i, n, label);
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
    for (r, row) in t.rows.iter().enumerate() {
        let link = t.links.get(r).cloned().flatten();
        let cells: String = row
            .iter()
            .enumerate()
            .map(|(c, text)| match (&link, c) {
                (Some(url), 0) => format!("<td><a href=\"{}\">{}</a></td>", esc(url), esc(text)),
                _ => format!("<td>{}</td>", esc(text)),
            })
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
    if let Some(note) = super::prose_note(report) {
        let _ = writeln!(body, "<div class=\"note\">{}</div>", esc(&note));
    }
    body.push_str("<div class=\"answer\">");
    for line in answer(report) {
        let _ = write!(body, "<p>{}</p>", esc(&line));
    }
    body.push_str("</div>\n<h2>The latest quarters</h2>\n");
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
    for (heading, intro, items) in more_lists(report) {
        let _ = writeln!(body, "<h2>{}</h2>\n<p>{}</p>", esc(&heading), esc(intro));
        body.push_str(&table(&items_table(report, &items)));
        if items.len() > SHOWN {
            let _ = writeln!(
                body,
                "<p>and {} more (the JSON report lists them all).</p>",
                items.len() - SHOWN
            );
        }
    }
    body.push_str("<h2>Completion by the month the postmortem was written</h2>\n");
    // One chart for the three windows, over the months with measured items. Without
    // history there is no rate to draw.
    let months: Vec<_> = report.cohorts.iter().filter(|c| c.items > 0).collect();
    if report.commits.is_some() && months.iter().any(|c| c.done_within[0].is_some()) {
        let labels: Vec<String> = months.iter().map(|c| c.month.clone()).collect();
        let rates: Vec<[Option<f64>; 3]> = months
            .iter()
            .map(|c| {
                c.done_within
                    .map(|n| n.map(|n| n as f64 * 100.0 / c.items as f64))
            })
            .collect();
        body.push_str(&svg_windows(
            "Done within 30, 60 and 90 days (% of the items written that month)",
            &labels,
            &rates,
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
    body.push_str(&svg_bars(
        "Postmortems written per month",
        &labels,
        &values,
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
