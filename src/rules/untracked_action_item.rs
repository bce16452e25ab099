use super::edits::{line_at, table_rows};
use super::{Applicability, Context, Edit, Finding, Findings, Fix, Rule, RuleDoc, Scope, Severity};
use crate::document::{ActionItem, Column, Document, ItemOrigin};

pub struct UntrackedActionItem;

static DOC: RuleDoc = RuleDoc {
    name: "untracked-action-item",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "an action item states no owner, due date, type or status",
    why: "A plain bullet under Action items is a wish, not a commitment: with no owner, no due \
date, no prevent/mitigate/detect type and no status, nobody can tell whether it was ever done, \
and it is the first to be silently abandoned. One finding says so, instead of one per missing \
field; an item that states some fields but not all gets the field rules' findings. An item \
that links a ticket (`#412`, `PLAT-1234`, an issue URL: see Trackers in the README) is tracked \
where the ticket is.",
    bad: "## Action items
- Add an alert on connection-pool saturation
",
    good: "## Action items
- Add an alert on connection-pool saturation — owner: @db-oncall, due: 2026-12-15, type: detect, status: open
",
};

impl Rule for UntrackedActionItem {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in actions.items.iter().filter(|i| actions.is_untracked(i)) {
            out.push(
                Finding::new(
                    item.anchor.clone(),
                    "action item is untracked: no owner, due date, type or status",
                )
                .label("who does this, by when?")
                .help("add `owner:`, `due:`, `type:` (prevent, mitigate or detect) and `status:`, link its ticket, or make it a row of the action-items table")
                .fix(add_fields(cx.doc, item))
                .fixes_from(into_table(cx.doc, item)),
            );
        }
    }
}

/// The four fields to fill in, after the item's first line. Offered in an editor only: the
/// placeholders are for a person to replace.
fn add_fields(doc: &Document<'_>, item: &ActionItem) -> Fix {
    let end = line_at(
        doc,
        item.anchor.end.saturating_sub(1).max(item.anchor.start),
    )
    .end;
    Fix::new(
        "Add owner, due, type and status fields",
        Applicability::DisplayOnly,
        vec![Edit::insert(
            end,
            " — owner: @TODO, due: YYYY-MM-DD, type: prevent|mitigate|detect, status: open",
        )],
    )
}

/// A bullet moved into the section's last table, as a row with its action and status open.
fn into_table(doc: &Document<'_>, item: &ActionItem) -> Option<Fix> {
    let actions = doc.action_items.as_ref()?;
    if item.origin != ItemOrigin::List {
        return None;
    }
    let t = actions.tables.len().checked_sub(1)?;
    let table = &actions.tables[t];
    let rows = table_rows(doc, t);
    let after = rows.last().map_or_else(
        || line_at(doc, line_at(doc, table.header.start).end + 1).end,
        |r| r.end,
    );
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
    let first = line_at(doc, item.range.start);
    let whole = first.start
        ..(line_at(doc, item.range.end.saturating_sub(1)).end + 1).min(doc.text().len());
    Some(Fix::new(
        "Move this item into the action-items table",
        Applicability::DisplayOnly,
        vec![
            Edit::insert(after, format!("\n| {} |", cells.join(" | "))),
            Edit::delete(whole),
        ],
    ))
}
