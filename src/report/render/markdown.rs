//! The report as Markdown: tables and Mermaid charts that render on GitHub.

use super::{
    SHOWN, Table, answer, cell, header, headline_table, items_table, more_lists, not_done_table,
    older_than_90, owner_table, pct, postmortem_label,
};
use crate::report::Report;
use std::fmt::Write;

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

/// `text` (a cell, already escaped) as a link to `url` (percent-encoded).
fn linked(text: &str, url: &str) -> String {
    format!("[{}]({url})", text.replace('[', "\\[").replace(']', "\\]"))
}

/// A Markdown table.
fn table(t: &Table) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        t.header.join(" | "),
        "---|".repeat(t.header.len())
    );
    for (r, row) in t.rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        if let (Some(Some(url)), Some(first)) = (t.links.get(r), cells.first_mut()) {
            *first = linked(first, url);
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("# Action-item report\n\n{}\n", header(report));
    if !report.missing.is_empty() {
        out.push_str("\n> **Not computed without git history:**\n");
        for m in &report.missing {
            let _ = writeln!(out, "> - {m}");
        }
    }

    if let Some(note) = super::prose_note(report) {
        let _ = writeln!(out, "\n> {note}");
    }
    out.push('\n');
    for line in answer(report) {
        let _ = writeln!(out, "{line}");
    }
    out.push_str(
        "\n## The latest quarters\n\nThis quarter and the four before it, or the latest four that had follow-ups; items written in the quarter (measured items only).\n\n",
    );
    out.push_str(&table(&headline_table(report)));
    out.push_str("\n## By owner\n\n");
    out.push_str(&table(&owner_table(report)));
    let _ = write!(
        out,
        "\n## Items not done: {}\n\nEach once, oldest postmortem first. {}\n\n",
        report.not_done.len(),
        older_than_90(report)
    );
    if !report.not_done.is_empty() {
        out.push_str(&table(&not_done_table(report)));
        if report.not_done.len() > SHOWN {
            let _ = writeln!(
                out,
                "\nand {} more (the JSON report lists them all).",
                report.not_done.len() - SHOWN
            );
        }
    }

    for (heading, intro, items) in more_lists(report) {
        let _ = write!(out, "\n## {heading}\n\n{intro}\n\n");
        out.push_str(&table(&items_table(report, &items)));
        if items.len() > SHOWN {
            let _ = writeln!(
                out,
                "\nand {} more (the JSON report lists them all).",
                items.len() - SHOWN
            );
        }
    }

    out.push_str("\n## Completion by the month the postmortem was written\n\nMeasured items of the postmortems counted in each month (an imported postmortem counts in its own month); done within N days of being written, by the day its status became done. Months without a measured item are left out.\n\n| month | items | done within 30 days | within 60 days | within 90 days |\n|---|---|---|---|---|\n");
    for c in report.cohorts.iter().filter(|c| c.items > 0) {
        let cells: Vec<String> = c
            .done_within
            .iter()
            .map(|d| match d {
                // Without history, when an item was done is unknown, not "not yet".
                _ if report.commits.is_none() => "– (needs history)".to_owned(),
                Some(n) => format!("{n} ({})", pct(*n, c.items)),
                None => "not yet".to_owned(),
            })
            .collect();
        let _ = writeln!(out, "| {} | {} | {} |", c.month, c.items, cells.join(" | "));
    }
    let ripe: Vec<_> = report
        .cohorts
        .iter()
        .filter(|c| c.items > 0)
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
                linked(
                    &cell(&postmortem_label(report, item).0),
                    &super::link(report, &item.postmortem)
                ),
                cell(&item.action)
            );
        }
        if report.untracked.len() > SHOWN {
            let _ = writeln!(out, "\nand {} more.", report.untracked.len() - SHOWN);
        }
    }
    out
}
