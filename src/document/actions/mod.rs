//! Action items: rows of a table in the Action items section (columns matched by alias), or
//! list items with inline fields (`owner:`, `due:`, `type:`, `status:`; a checkbox is a
//! status), or one sub-heading per item with `Key: value` lines under it. List items may be
//! grouped under sub-headings ("Short-term") or under a parent item ending in a colon.

mod fields;
mod items;

use super::Document;
use super::tickets::CellKind;
use items::{read_heading_items, read_list_items, read_paragraph_items};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Action,
    Owner,
    Due,
    Type,
    Status,
    Reason,
    /// A ticket in a tracker (`Ticket`, `Issue`, `Link`): read into [`ActionItem::tickets`].
    Ticket,
}

impl Column {
    /// Columns an action-item table must have.
    pub const NEEDED: [Column; 5] = [
        Column::Action,
        Column::Owner,
        Column::Due,
        Column::Type,
        Column::Status,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Action => "Action",
            Column::Owner => "Owner",
            Column::Due => "Due",
            Column::Type => "Type",
            Column::Status => "Status",
            Column::Reason => "Reason",
            Column::Ticket => "Ticket",
        }
    }

    fn from_header(header: &str) -> Option<Column> {
        let h =
            header.trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace());
        with_lowercase(h, Column::from_lowercase_header)
    }

    fn from_lowercase_header(h: &str) -> Option<Column> {
        crate::document::aliases::column_of_header(h)
    }

    pub(super) fn from_field_key(key: &str) -> Option<Column> {
        with_lowercase(key, Column::from_lowercase_key)
    }

    fn from_lowercase_key(key: &str) -> Option<Column> {
        crate::document::aliases::column_of_field(key)
    }
}

/// A value as written, with where it was written. The text is borrowed from the document
/// where it stands there as it is (a table cell, an item's words), and owned only where it was
/// made (a checkbox read as "done", a heading's words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'s> {
    pub text: std::borrow::Cow<'s, str>,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOrigin {
    /// Index into `ActionItems::tables`.
    Table(usize),
    List,
    Heading,
    /// A paragraph that says it is one: "**Action item:** Start incidents earlier. Owner: @lu".
    Paragraph,
}

#[derive(Debug, Clone)]
pub struct ActionItem<'s> {
    pub origin: ItemOrigin,
    /// The whole row, list item or heading with its body.
    pub range: Range<usize>,
    /// What findings about a field that is not written point at: the action text.
    pub anchor: Range<usize>,
    pub id: Option<Field<'s>>,
    pub action: Option<Field<'s>>,
    pub owner: Option<Field<'s>>,
    pub due: Option<Field<'s>>,
    pub kind: Option<Field<'s>>,
    pub status: Option<Field<'s>>,
    pub reason: Option<Field<'s>>,
    /// The bold title an item's text opens with ("**API compatibility layer**: modify …"),
    /// by which the item is known.
    pub title: Option<Field<'s>>,
    /// The item's Ticket cell, in a table that has the column.
    pub ticket: Option<Field<'s>>,
    /// The tickets the item references (`#412`, `PLAT-1234`, an issue URL): where it is
    /// followed up, in the document's order.
    pub tickets: Vec<crate::document::Ticket>,
    /// `status` as read by [`super::parse_status`] (the status, and where the rest of the
    /// field is in its text): read the first time a rule asks, then kept, since several do.
    read_status: std::cell::OnceCell<Option<(super::Status, Range<usize>)>>,
}

impl<'s> ActionItem<'s> {
    /// Where the item stands, as its status field (or checkbox, done mark, heading) says;
    /// `None` when nothing says, or the status is not a known one.
    pub fn status(&self) -> Option<super::Status> {
        self.status_and_rest().map(|(status, _)| status)
    }

    /// The status field as [`super::parse_status`] reads it: the status, and what the field
    /// says after it.
    pub fn status_and_rest(&self) -> Option<(super::Status, &str)> {
        let field = self.status.as_ref()?;
        let (status, rest) = self
            .read_status
            .get_or_init(|| {
                super::parse_status(&field.text).map(|(status, rest)| {
                    let start = rest.as_ptr() as usize - field.text.as_ptr() as usize;
                    (status, start..start + rest.len())
                })
            })
            .clone()?;
        Some((status, &field.text[rest]))
    }

    /// The item's type (prevent, mitigate, detect), when it states a known one.
    pub fn action_type(&self) -> Option<super::ActionType> {
        self.kind
            .as_ref()
            .and_then(|k| super::ActionType::parse(&k.text))
    }

    /// The item's identity within its postmortem, as the history report and `stale-action-item`
    /// know it: its ID, else its bold title, else the words of its action, else its ticket.
    pub fn key(&self) -> String {
        let words = |text: &str| {
            text.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if let Some(id) = &self.id {
            let id = id.text.trim().trim_start_matches('#').trim().to_lowercase();
            if !id.is_empty() {
                return format!("id:{id}");
            }
        }
        if let Some(title) = &self.title {
            return format!("title:{}", words(&title.text));
        }
        let text = words(self.action.as_ref().map_or("", |a| a.text.as_ref()));
        // A ticket alone (`| | PLAT-12 |`): the ticket is the item's name.
        match self.tickets.first() {
            Some(ticket) if text.is_empty() => {
                format!("ticket:{}", ticket.reference().to_lowercase())
            }
            _ => format!("text:{text}"),
        }
    }

    /// Whether the item states none of owner, due date, type and status: a plain bullet.
    pub fn is_untracked(&self) -> bool {
        [&self.owner, &self.due, &self.kind, &self.status]
            .iter()
            .all(|f| f.as_ref().is_none_or(|f| f.text.trim().is_empty()))
    }

    pub fn field(&self, column: Column) -> Option<&Field<'s>> {
        match column {
            Column::Id => self.id.as_ref(),
            Column::Action => self.action.as_ref(),
            Column::Owner => self.owner.as_ref(),
            Column::Due => self.due.as_ref(),
            Column::Type => self.kind.as_ref(),
            Column::Status => self.status.as_ref(),
            Column::Reason => self.reason.as_ref(),
            Column::Ticket => self.ticket.as_ref(),
        }
    }

    pub(super) fn field_mut(&mut self, column: Column) -> &mut Option<Field<'s>> {
        match column {
            Column::Id => &mut self.id,
            Column::Action => &mut self.action,
            Column::Owner => &mut self.owner,
            Column::Due => &mut self.due,
            Column::Type => &mut self.kind,
            Column::Status => &mut self.status,
            Column::Reason => &mut self.reason,
            Column::Ticket => &mut self.ticket,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActionTable {
    /// The header row.
    pub header: Range<usize>,
    pub columns: Vec<Option<Column>>,
    /// Needed columns the header lacks.
    pub missing: Vec<Column>,
}

#[derive(Debug, Clone)]
pub struct ActionItems<'s> {
    /// Index into `Document::sections`.
    pub section: usize,
    pub tables: Vec<ActionTable>,
    pub items: Vec<ActionItem<'s>>,
    /// The section holds something besides whitespace and comments.
    pub has_content: bool,
    /// A bullet says there is no item ("- N/A", "- None"): the author answered the question.
    pub says_none: bool,
    /// The fields the tracker of a linked item holds (the config's `[trackers] holds`).
    pub tracker_holds: Vec<Column>,
}

impl ActionItems<'_> {
    /// Whether the field rules judge an item's `column`: not when its table lacks the column
    /// (`malformed-action-items` said so), not for an untracked item (`untracked-action-item`
    /// says it once), and not for a record of work already done that states nothing else
    /// ("✅ Reverted the change", items under "Immediate actions (completed)").
    /// Nor a field the tracker of a linked item holds (`[trackers] holds`).
    pub fn judges(&self, item: &ActionItem, column: Column) -> bool {
        self.checks(item, column)
            && !self.is_untracked(item)
            && !Self::is_done_record(item)
            && !self.tracker_holds(item, column)
    }

    /// Whether the item links a ticket whose tracker holds `column` (owner, due date, status):
    /// the document need not say it, and what it says may be out of date.
    pub fn tracker_holds(&self, item: &ActionItem, column: Column) -> bool {
        !item.tickets.is_empty() && self.tracker_holds.contains(&column)
    }

    /// An item that states none of owner, due date, type and status, where it could (a table
    /// that lacks a column has already been reported), and links no ticket (a linked item is
    /// tracked where its ticket is).
    pub fn is_untracked(&self, item: &ActionItem) -> bool {
        item.is_untracked()
            && item.tickets.is_empty()
            && [Column::Owner, Column::Due, Column::Type, Column::Status]
                .iter()
                .all(|c| self.checks(item, *c))
    }

    fn is_done_record(item: &ActionItem) -> bool {
        let ended = matches!(
            item.status(),
            Some(super::Status::Done | super::Status::Closed)
        );
        ended
            && [&item.owner, &item.due, &item.kind]
                .iter()
                .all(|f| f.as_ref().is_none_or(|f| f.text.trim().is_empty()))
    }

    /// Whether an item's field can be judged: a table item whose table lacks the column has
    /// already been reported by `malformed-action-items`.
    pub fn checks(&self, item: &ActionItem, column: Column) -> bool {
        match item.origin {
            ItemOrigin::Table(t) => self
                .tables
                .get(t)
                .is_some_and(|t| !t.missing.contains(&column)),
            ItemOrigin::List | ItemOrigin::Heading | ItemOrigin::Paragraph => true,
        }
    }
}

pub fn read<'s>(doc: &Document<'s>) -> Option<ActionItems<'s>> {
    let section_index = doc.section_index("action-items")?;
    let section = &doc.sections[section_index];
    let body = section.body.clone();
    let has_content = doc
        .prose_ranges(body.clone())
        .any(|r| !doc.slice(r).trim().is_empty())
        || doc.tables.iter().any(|t| body.contains(&t.range.start));
    // Room for the rows of the section's tables, most postmortems' items: items are large,
    // and a vector that doubles copies them each time.
    let rows = doc
        .tables
        .iter()
        .filter(|t| body.contains(&t.range.start))
        .map(|t| t.rows.len())
        .sum();
    let mut out = ActionItems {
        section: section_index,
        tables: Vec::new(),
        items: Vec::with_capacity(rows),
        has_content,
        says_none: false,
        tracker_holds: doc.template().trackers.holds.clone(),
    };
    for table in doc.tables.iter().filter(|t| body.contains(&t.range.start)) {
        let columns: Vec<Option<Column>> = table
            .cells(&table.header)
            .iter()
            .map(|c| Column::from_header(doc.slice(c.range.clone())))
            .collect();
        if columns.iter().all(Option::is_none) {
            continue;
        }
        let missing = Column::NEEDED
            .into_iter()
            .filter(|c| !columns.contains(&Some(*c)))
            .collect();
        let table_index = out.tables.len();
        out.tables.push(ActionTable {
            header: table.header.range.clone(),
            columns,
            missing,
        });
        let columns = &out.tables[table_index].columns;
        for row in &table.rows {
            let mut item = empty_item(ItemOrigin::Table(table_index), row.range.clone());
            for (i, column) in columns.iter().enumerate() {
                let Some(column) = column else { continue };
                let field = match table.cells(row).get(i) {
                    Some(cell) => Field {
                        text: doc.slice(cell.range.clone()).into(),
                        range: cell.range.clone(),
                    },
                    None => Field {
                        text: "".into(),
                        range: row.range.end..row.range.end,
                    },
                };
                if field.text.is_empty() && *column == Column::Reason {
                    continue;
                }
                let slot = item.field_mut(*column);
                if slot.is_none() {
                    *slot = Some(field);
                }
            }
            let trackers = &doc.template().trackers;
            for (i, cell) in table.cells(row).iter().enumerate() {
                let kind = match columns.get(i) {
                    Some(Some(Column::Id)) => CellKind::Id,
                    Some(Some(Column::Ticket)) => CellKind::Ticket,
                    _ => CellKind::Text,
                };
                let text = doc.prose_text(cell.range.clone());
                item.tickets
                    .extend(trackers.scan(&text, cell.range.start, kind));
            }
            item.anchor = match (&item.action, table.cells(row).first()) {
                (Some(action), _) if !action.range.is_empty() => action.range.clone(),
                (_, Some(first)) => first.range.clone(),
                _ => row.range.clone(),
            };
            out.items.push(item);
        }
    }
    let tables_end = out.items.len();
    read_list_items(doc, body.clone(), &mut out.items);
    read_heading_items(doc, section, &mut out.items);
    read_paragraph_items(doc, body.clone(), &mut out.items);
    for item in &mut out.items[tables_end..] {
        let text = doc.prose_text(item.range.clone());
        item.tickets = doc
            .template()
            .trackers
            .scan(&text, item.range.start, CellKind::Text);
    }
    // "- N/A", "- None": the author says there is no item.
    let said_none = |i: &ActionItem| {
        matches!(i.origin, ItemOrigin::List)
            && i.is_untracked()
            && i.id.is_none()
            && i.action
                .as_ref()
                .is_some_and(|a| super::aliases::says_no_item(&a.text))
    };
    out.says_none = out.items.iter().any(said_none);
    out.items.retain(|i| !said_none(i));
    out.items.sort_by_key(|i| i.range.start);
    Some(out)
}

pub(super) fn empty_item<'s>(origin: ItemOrigin, range: Range<usize>) -> ActionItem<'s> {
    ActionItem {
        origin,
        anchor: range.clone(),
        range,
        id: None,
        action: None,
        owner: None,
        due: None,
        kind: None,
        status: None,
        reason: None,
        title: None,
        ticket: None,
        tickets: Vec::new(),
        read_status: std::cell::OnceCell::new(),
    }
}

/// `f` of `text` lowercased: in a buffer on the stack when it is short ASCII (a column name,
/// a field key), as `to_lowercase` would give it; allocated otherwise.
fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if text.is_ascii()
        && let Some(bytes) = buf.get_mut(..text.len())
    {
        bytes.copy_from_slice(text.as_bytes());
        bytes.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(bytes) {
            return f(lower);
        }
    }
    f(&text.to_lowercase())
}
