use super::wording::join_and;
use super::edits::{append_cell, line_at, table_rows};
use super::{Applicability, Context, Finding, Findings, Fix, Rule, RuleDoc, Scope, Severity};
use crate::document::{ActionTable, Document};

pub struct MalformedActionItems;

static DOC: RuleDoc = RuleDoc {
    name: "malformed-action-items",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "the action items are neither a table with the needed columns nor a list",
    why: "Action items are only tracked when each one can be read on its own: what will be done, \
by whom, by when, of which type, in which state. Prose paragraphs cannot be tracked, and a table \
without an Owner or Due column cannot be either. The canonical form is a table with ID, Action, \
Owner, Due, Type and Status columns; list items with `owner:`, `due:`, `type:` fields (and a \
checkbox for the status) work too.",
    bad: "## Action items
We will add a load test and look at the alerting thresholds.

| Action | Owner |
|--------|-------|
| Load test pool limits in CI | @dana |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Load test pool limits in CI | @dana | 2026-12-15 | prevent | open |
| 2 | Page on pool saturation above 80% | @lee | 2026-12-01 | detect | in progress |
",
};

impl Rule for MalformedActionItems {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(actions) = &doc.action_items else {
            return;
        };
        let section = &doc.sections[actions.section];
        let says_none =
            || super::no_action_items::states_no_actions(&doc.prose_text(section.body.clone()));
        if actions.has_content
            && actions.tables.is_empty()
            && actions.items.is_empty()
            && !actions.says_none
            && !says_none()
        {
            let heading = &section.heading;
            out.push(
                Finding::new(heading.text_range.clone(), "action items are written as prose, not as a table or a list")
                    .label("no item can be tracked here")
                    .help("write a table with ID, Action, Owner, Due, Type and Status columns, or one list item per action with `owner:`, `due:` and `type:`"),
            );
        }
        for (t, table) in actions.tables.iter().enumerate() {
            if table.missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = table.missing.iter().map(|c| c.name()).collect();
            let noun = if names.len() == 1 {
                "column"
            } else {
                "columns"
            };
            out.push(
                Finding::new(
                    table.header.clone(),
                    format!("action-item table has no {} {noun}", join_and(&names).replace(" and ", " or ")),
                )
                .label(format!("needs {}", join_and(&names)))
                .help(format!(
                    "add the {noun} {}; the canonical header is `| ID | Action | Owner | Due | Type | Status |`",
                    join_and(&names)
                ))
                .fix(add_columns(doc, t, table)),
            );
        }
    }
}

/// The columns a table lacks, added to its header, its delimiter row and every row, empty.
/// The items then ask for those fields one by one, where they did as a whole before.
fn add_columns(doc: &Document<'_>, t: usize, table: &ActionTable) -> Fix {
    let names: Vec<&str> = table.missing.iter().map(|c| c.name()).collect();
    let header = line_at(doc, table.header.start);
    let delimiter = line_at(doc, header.end + 1);
    let mut edits = vec![
        append_cell(doc, &header, &names.join(" | ")),
        append_cell(doc, &delimiter, &vec!["---"; names.len()].join(" | ")),
    ];
    for row in table_rows(doc, t) {
        edits.push(append_cell(doc, &row, &vec![" "; names.len()].join(" | ")));
    }
    Fix::new(
        format!("Add the missing columns to the table: {}", names.join(", ")),
        Applicability::DisplayOnly,
        edits,
    )
}
