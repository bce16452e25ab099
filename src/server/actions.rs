//! Code actions: the fixes an editor offers on a finding. Each is computed from the document
//! model, as byte-range edits of the (normalised) source that the caller turns into positions.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::{ActionItem, ActionTable, Column, ItemOrigin};
use std::ops::Range;

/// One fix: a title and the edits that make it (byte ranges of the source, replacement text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// The finding it fixes, when it fixes one.
    pub rule: Option<&'static str>,
    pub edits: Vec<(Range<usize>, String)>,
}

/// The fixes for the findings that overlap `range` (byte offsets), and for the action-items
/// table under it.
pub fn fixes(doc: &Document<'_>, findings: &[Diagnostic], range: Range<usize>) -> Vec<Fix> {
    let mut out = Vec::new();
    let touches = |r: &Range<usize>| r.start <= range.end && range.start <= r.end;
    for d in findings.iter().filter(|d| touches(&d.range)) {
        match d.rule {
            "missing-section" => out.extend(missing_sections(doc)),
            "untracked-action-item" => out.extend(untracked(doc, &d.range)),
            _ => {}
        }
        out.push(suppress(doc, d));
    }
    if let Some(actions) = &doc.action_items {
        for table in actions.tables.iter().enumerate() {
            let rows = table_rows(doc, table.0);
            let span = table.1.header.start..rows.last().map_or(table.1.header.end, |r| r.end);
            if !table.1.missing.is_empty() && touches(&span) {
                out.push(add_columns(doc, table.1, &rows));
            }
        }
    }
    out.dedup_by(|a, b| a.title == b.title);
    out
}

/// The line of the source that holds `offset`, without its line end.
fn line_at(doc: &Document<'_>, offset: usize) -> Range<usize> {
    let source = doc.source();
    let range = source.line_range(source.line_index(offset));
    let text = doc.slice(range.clone());
    range.start..range.start + text.trim_end_matches(['\n', '\r']).len()
}

/// A `disable-next-line` comment above the finding's line, with a reason to fill in; inside a
/// table (where a comment line would end it) a `disable`/`enable` pair around the table.
fn suppress(doc: &Document<'_>, d: &Diagnostic) -> Fix {
    let reason = "-- reason: TODO explain why";
    let in_table = doc.action_items.as_ref().and_then(|actions| {
        (0..actions.tables.len()).find_map(|t| {
            let rows = table_rows(doc, t);
            let span = actions.tables[t].header.start..rows.last()?.end;
            span.contains(&d.range.start).then_some(span)
        })
    });
    // A finding about the whole document (a missing section) is silenced for the file, at
    // its top (after front matter): its anchor moves with whatever is inserted above it.
    let whole =
        crate::rules::find(d.rule).is_some_and(|r| r.doc().scope == crate::rules::Scope::Document);
    if whole {
        let at = doc.front_matter.as_ref().map_or(0, |fm| {
            let end = line_at(doc, fm.end.saturating_sub(1)).end;
            (end + 1).min(doc.text().len())
        });
        return Fix {
            title: format!("Suppress `{}` in this file (with a reason)", d.rule),
            rule: Some(d.rule),
            edits: vec![(
                at..at,
                format!(
                    "<!-- postmortem-lint-disable-file {} {reason} -->\n",
                    d.rule
                ),
            )],
        };
    }
    // Inside a nested list item a comment line would change the list: the rule is silenced
    // around the whole top-level item instead.
    let nested = doc
        .lists
        .iter()
        .enumerate()
        .filter(|(_, item)| item.range.contains(&d.range.start))
        .max_by_key(|(_, item)| item.depth)
        .filter(|(_, item)| item.depth > 0)
        .map(|(mut i, _)| {
            while let Some(parent) = doc.lists[i].parent {
                i = parent;
            }
            doc.lists[i].range.clone()
        });
    let in_table = in_table.or(nested);
    let edits = match in_table {
        Some(span) => {
            let start = line_at(doc, span.start).start;
            let end = line_at(doc, span.end.saturating_sub(1)).end;
            vec![
                (
                    start..start,
                    format!("<!-- postmortem-lint-disable {} {reason} -->\n", d.rule),
                ),
                (
                    end..end,
                    format!("\n<!-- postmortem-lint-enable {} -->", d.rule),
                ),
            ]
        }
        None => {
            let line = line_at(doc, d.range.start);
            let text = doc.slice(line.clone());
            let indent = &text[..text.len() - text.trim_start().len()];
            vec![(
                line.start..line.start,
                format!(
                    "{indent}<!-- postmortem-lint-disable-next-line {} {reason} -->\n",
                    d.rule
                ),
            )]
        }
    };
    Fix {
        title: format!("Suppress `{}` here (with a reason)", d.rule),
        rule: Some(d.rule),
        edits,
    }
}

/// The template's required sections the document lacks, as headings in template order: each
/// before the next section of the template that the document has, else at the end.
fn missing_sections(doc: &Document<'_>) -> Option<Fix> {
    let template = doc.template();
    // As `missing-section` reads it: Status may be given as metadata lines.
    let has_metadata = doc
        .metadata
        .fields
        .iter()
        .any(|f| crate::document::MetaKey::REQUIRED.contains(&f.key));
    let missing: Vec<usize> = (0..template.sections.len())
        .filter(|&i| {
            let s = &template.sections[i];
            s.required && s.id != "trigger" && doc.section(&s.id).is_none()
        })
        .filter(|&i| template.sections[i].id != "status" || !has_metadata)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let level = doc.sections.first().map_or(2, |s| s.heading.level.max(2));
    let marks = "#".repeat(level as usize);
    let end = doc.text().len();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for &i in &missing {
        let before = template.sections[i + 1..]
            .iter()
            .find_map(|later| doc.section(&later.id).map(|s| s.heading.range.start));
        let at = before.unwrap_or(end);
        let heading = format!("{marks} {}\n\n", template.sections[i].name);
        match edits.iter_mut().find(|(r, _)| r.start == at) {
            Some((_, text)) => text.push_str(&heading),
            None => edits.push((at..at, heading)),
        }
    }
    for (range, text) in &mut edits {
        if range.start == end {
            let lead = if doc.text().ends_with("\n\n") || doc.text().is_empty() {
                ""
            } else if doc.text().ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            *text = format!("{lead}{}", text.trim_end_matches('\n')) + "\n";
        }
    }
    let names: Vec<&str> = missing
        .iter()
        .map(|&i| template.sections[i].name.as_str())
        .collect();
    Some(Fix {
        title: format!("Insert the missing sections: {}", names.join(", ")),
        rule: Some("missing-section"),
        edits,
    })
}

/// The lines (without line ends) of a table's rows, in order.
fn table_rows(doc: &Document<'_>, table: usize) -> Vec<Range<usize>> {
    let Some(actions) = &doc.action_items else {
        return Vec::new();
    };
    let mut rows: Vec<Range<usize>> = actions
        .items
        .iter()
        .filter(|i| i.origin == ItemOrigin::Table(table))
        .map(|i| line_at(doc, i.range.start))
        .collect();
    rows.sort_by_key(|r| r.start);
    rows.dedup();
    rows
}

/// A cell appended to a table line, whether or not the line ends with a pipe.
fn append_cell(doc: &Document<'_>, line: &Range<usize>, cell: &str) -> (Range<usize>, String) {
    let text = doc.slice(line.clone());
    let end = line.start + text.trim_end().len();
    let text = if text.trim_end().ends_with('|') {
        format!(" {cell} |")
    } else {
        format!(" | {cell}")
    };
    (end..end, text)
}

/// The columns a table lacks, added to its header, its delimiter row and every row (empty).
fn add_columns(doc: &Document<'_>, table: &ActionTable, rows: &[Range<usize>]) -> Fix {
    let names: Vec<&str> = table.missing.iter().map(|c| c.name()).collect();
    let header = line_at(doc, table.header.start);
    let delimiter = line_at(doc, header.end + 1);
    let mut edits = vec![
        append_cell(doc, &header, &names.join(" | ")),
        append_cell(doc, &delimiter, &vec!["---"; names.len()].join(" | ")),
    ];
    for row in rows {
        edits.push(append_cell(doc, row, &vec![" "; names.len()].join(" | ")));
    }
    Fix {
        title: format!("Add the missing columns to the table: {}", names.join(", ")),
        rule: Some("malformed-action-items"),
        edits,
    }
}

/// An untracked bullet: with the four fields to fill in, or as a row of the section's table.
fn untracked(doc: &Document<'_>, range: &Range<usize>) -> Vec<Fix> {
    let Some(actions) = &doc.action_items else {
        return Vec::new();
    };
    let Some(item) = actions
        .items
        .iter()
        .find(|i| i.anchor.start <= range.start && range.start < i.range.end.max(i.anchor.end))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let first = line_at(doc, item.range.start);
    let end = line_at(
        doc,
        item.anchor.end.saturating_sub(1).max(item.anchor.start),
    )
    .end;
    out.push(Fix {
        title: "Add owner, due, type and status fields".into(),
        rule: Some("untracked-action-item"),
        edits: vec![(
            end..end,
            " — owner: @TODO, due: YYYY-MM-DD, type: prevent|mitigate|detect, status: open".into(),
        )],
    });
    if item.origin == ItemOrigin::List
        && let Some(t) = (0..actions.tables.len()).last()
    {
        let rows = table_rows(doc, t);
        let after = rows.last().map_or_else(
            || line_at(doc, line_at(doc, actions.tables[t].header.start).end + 1).end,
            |r| r.end,
        );
        let row = table_row(doc, &actions.tables[t], item);
        let whole = first.start
            ..(line_at(doc, item.range.end.saturating_sub(1)).end + 1).min(doc.text().len());
        out.push(Fix {
            title: "Move this item into the action-items table".into(),
            rule: Some("untracked-action-item"),
            edits: vec![(after..after, format!("\n{row}")), (whole, String::new())],
        });
    }
    out
}

/// A table row for an item: its action text, status open, the other cells empty.
fn table_row(doc: &Document<'_>, table: &ActionTable, item: &ActionItem) -> String {
    let action = item
        .action
        .as_ref()
        .map(|f| doc.slice(f.range.clone()).trim().replace('|', "\\|"))
        .unwrap_or_default();
    let cells: Vec<String> = table
        .columns
        .iter()
        .map(|c| match c {
            Some(Column::Action) => action.clone(),
            Some(Column::Status) => "open".into(),
            _ => String::new(),
        })
        .collect();
    format!("| {} |", cells.join(" | "))
}
