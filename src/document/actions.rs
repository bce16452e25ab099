//! Action items: rows of a table in the Action items section (columns matched by alias), or
//! list items with inline fields (`owner:`, `due:`, `type:`, `status:`; a checkbox is a
//! status), or one sub-heading per item with `Key: value` lines under it. List items may be
//! grouped under sub-headings ("Short-term") or under a parent item ending in a colon.

use super::{Document, Section};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Action,
    Owner,
    Due,
    Type,
    Status,
    Reason,
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
        }
    }

    fn from_header(header: &str) -> Option<Column> {
        let h = header
            .trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace())
            .to_lowercase();
        Some(match h.as_str() {
            "id" | "#" | "no" | "no." | "nr" | "number" | "ref" => Column::Id,
            "action" | "item" | "task" | "action item" | "description" | "what" | "title"
            | "follow-up" | "follow up" | "remediation" => Column::Action,
            "owner" | "owners" | "assignee" | "who" | "assigned to" | "responsible" => {
                Column::Owner
            }
            "due"
            | "due date"
            | "deadline"
            | "target date"
            | "eta"
            | "by"
            | "due by"
            | "expected date"
            | "expected by"
            | "target"
            | "target completion date" => Column::Due,
            "type" | "kind" | "category" | "class" => Column::Type,
            "status" | "state" => Column::Status,
            "reason" | "notes" | "note" | "comment" | "comments" => Column::Reason,
            _ => return None,
        })
    }

    fn from_field_key(key: &str) -> Option<Column> {
        Some(match key.to_lowercase().as_str() {
            "id" => Column::Id,
            "owner" | "assignee" | "who" | "assigned to" => Column::Owner,
            "due" | "due date" | "deadline" => Column::Due,
            "type" | "kind" | "category" => Column::Type,
            "status" | "state" => Column::Status,
            "reason" => Column::Reason,
            _ => return None,
        })
    }
}

/// A value as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub text: String,
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
pub struct ActionItem {
    pub origin: ItemOrigin,
    /// The whole row, list item or heading with its body.
    pub range: Range<usize>,
    /// What findings about a field that is not written point at: the action text.
    pub anchor: Range<usize>,
    pub id: Option<Field>,
    pub action: Option<Field>,
    pub owner: Option<Field>,
    pub due: Option<Field>,
    pub kind: Option<Field>,
    pub status: Option<Field>,
    pub reason: Option<Field>,
    /// The bold title an item's text opens with ("**API compatibility layer**: modify …"),
    /// by which the item is known.
    pub title: Option<Field>,
}

impl ActionItem {
    /// Where the item stands, as its status field (or checkbox, done mark, heading) says;
    /// `None` when nothing says, or the status is not a known one.
    pub fn status(&self) -> Option<super::Status> {
        self.status
            .as_ref()
            .and_then(|s| super::parse_status(&s.text))
            .map(|(status, _)| status)
    }

    /// The item's type (prevent, mitigate, detect), when it states a known one.
    pub fn action_type(&self) -> Option<super::ActionType> {
        self.kind
            .as_ref()
            .and_then(|k| super::ActionType::parse(&k.text))
    }

    /// The item's identity within its postmortem, as the history report and `stale-action-item`
    /// know it: its ID, else its bold title, else the words of its action.
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
        format!(
            "text:{}",
            words(self.action.as_ref().map_or("", |a| a.text.as_str()))
        )
    }

    /// Whether the item states none of owner, due date, type and status: a plain bullet.
    pub fn is_untracked(&self) -> bool {
        [&self.owner, &self.due, &self.kind, &self.status]
            .iter()
            .all(|f| f.as_ref().is_none_or(|f| f.text.trim().is_empty()))
    }

    pub fn field(&self, column: Column) -> Option<&Field> {
        match column {
            Column::Id => self.id.as_ref(),
            Column::Action => self.action.as_ref(),
            Column::Owner => self.owner.as_ref(),
            Column::Due => self.due.as_ref(),
            Column::Type => self.kind.as_ref(),
            Column::Status => self.status.as_ref(),
            Column::Reason => self.reason.as_ref(),
        }
    }

    fn field_mut(&mut self, column: Column) -> &mut Option<Field> {
        match column {
            Column::Id => &mut self.id,
            Column::Action => &mut self.action,
            Column::Owner => &mut self.owner,
            Column::Due => &mut self.due,
            Column::Type => &mut self.kind,
            Column::Status => &mut self.status,
            Column::Reason => &mut self.reason,
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
pub struct ActionItems {
    /// Index into `Document::sections`.
    pub section: usize,
    pub tables: Vec<ActionTable>,
    pub items: Vec<ActionItem>,
    /// The section holds something besides whitespace and comments.
    pub has_content: bool,
}

impl ActionItems {
    /// Whether the field rules judge an item's `column`: not when its table lacks the column
    /// (`malformed-action-items` said so), not for an untracked item (`untracked-action-item`
    /// says it once), and not for a record of work already done that states nothing else
    /// ("✅ Reverted the change", items under "Immediate actions (completed)").
    pub fn judges(&self, item: &ActionItem, column: Column) -> bool {
        self.checks(item, column) && !self.is_untracked(item) && !Self::is_done_record(item)
    }

    /// An item that states none of owner, due date, type and status, where it could (a table
    /// that lacks a column has already been reported).
    pub fn is_untracked(&self, item: &ActionItem) -> bool {
        item.is_untracked()
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

static FIELD_KEY: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\*\*|__)?\b(?P<key>owner|assignee|assigned to|who|due date|due|deadline|type|kind|category|status|state|id|reason)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*",
    )
});

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?:^|[\s(\[,`])(@[A-Za-z0-9][A-Za-z0-9_./-]*)"));

static STATUS_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\(((?:in[ -]progress|done|deprioriti[sz]ed|won't do|wontfix|closed)[^)]*)\)",
    )
});

static TYPE_TAG: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)[\[(](prevent|mitigate|detect)[\])]"));

pub fn read(doc: &Document<'_>) -> Option<ActionItems> {
    let section_index = doc.section_index("action-items")?;
    let section = &doc.sections[section_index];
    let body = section.body.clone();
    let has_content = doc
        .prose_ranges(body.clone())
        .iter()
        .any(|r| !doc.slice(r.clone()).trim().is_empty())
        || doc.tables.iter().any(|t| body.contains(&t.range.start));
    let mut out = ActionItems {
        section: section_index,
        tables: Vec::new(),
        items: Vec::new(),
        has_content,
    };
    for table in doc.tables.iter().filter(|t| body.contains(&t.range.start)) {
        let columns: Vec<Option<Column>> = table
            .header
            .cells
            .iter()
            .map(|c| Column::from_header(&c.text))
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
            columns: columns.clone(),
            missing,
        });
        for row in &table.rows {
            let mut item = empty_item(ItemOrigin::Table(table_index), row.range.clone());
            for (i, column) in columns.iter().enumerate() {
                let Some(column) = column else { continue };
                let field = match row.cells.get(i) {
                    Some(cell) => Field {
                        text: cell.text.clone(),
                        range: cell.range.clone(),
                    },
                    None => Field {
                        text: String::new(),
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
            item.anchor = match (&item.action, row.cells.first()) {
                (Some(action), _) if !action.range.is_empty() => action.range.clone(),
                (_, Some(first)) => first.range.clone(),
                _ => row.range.clone(),
            };
            out.items.push(item);
        }
    }
    read_list_items(doc, body.clone(), &mut out.items);
    read_heading_items(doc, section, &mut out.items);
    read_paragraph_items(doc, body.clone(), &mut out.items);
    out.items.sort_by_key(|i| i.range.start);
    Some(out)
}

fn empty_item(origin: ItemOrigin, range: Range<usize>) -> ActionItem {
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
    }
}

fn read_list_items(doc: &Document<'_>, body: Range<usize>, out: &mut Vec<ActionItem>) {
    let in_body: Vec<usize> = (0..doc.lists.len())
        .filter(|&i| {
            body.contains(&doc.lists[i].range.start) && !doc.is_excluded(doc.lists[i].range.start)
        })
        .collect();
    let is_group = |i: usize| {
        let item = &doc.lists[i];
        let has_children = doc.lists.iter().any(|c| c.parent == Some(i));
        if !has_children {
            return false;
        }
        let own = doc.slice(item.own_range());
        let own = strip_marker(own).trim();
        own.ends_with(':')
            || own.ends_with(":**")
            || (own.split_whitespace().count() <= 3 && FIELD_KEY.find(own).is_none())
    };
    // Headings bound the runs in which a numbered item owns the bullets after it.
    let heading_starts: Vec<usize> = doc.sections.iter().map(|s| s.heading.range.start).collect();
    let run_of = |offset: usize| heading_starts.partition_point(|&h| h <= offset);
    let mut numbered_run: Option<usize> = None;
    for &i in &in_body {
        let item = &doc.lists[i];
        // "1. **Title**" followed by an unindented bullet list: the bullets detail the
        // numbered item (Markdown made them a separate list), they are not actions.
        if item.depth == 0 {
            if item.ordered {
                numbered_run = Some(run_of(item.range.start));
            } else if numbered_run == Some(run_of(item.range.start)) {
                continue;
            }
        }
        // An item is an action item when it is not a group and every ancestor is a group.
        if is_group(i) {
            continue;
        }
        let mut parent = item.parent;
        let mut ok = true;
        while let Some(p) = parent {
            if !is_group(p) {
                ok = false;
                break;
            }
            parent = doc.lists[p].parent;
        }
        if !ok {
            continue;
        }
        out.push(list_item(doc, i));
    }
}

fn list_item(doc: &Document<'_>, index: usize) -> ActionItem {
    let li = &doc.lists[index];
    let range = li.range.clone();
    let mut item = empty_item(ItemOrigin::List, range.clone());
    let text = doc.prose_text(range.clone());
    let marker_len = text.len() - strip_marker(&text).len();
    let content_start = match &li.checkbox {
        Some((_, r)) => r.end.max(range.start + marker_len),
        None => range.start + marker_len,
    };
    read_fields(doc, content_start..range.end, &mut item);
    // The action is the text before the first field, on the item's first line.
    let first_line_end = doc
        .slice(content_start..range.end)
        .find('\n')
        .map_or(range.end, |i| content_start + i);
    let action_end = FIELD_KEY
        .find(doc.slice(content_start..first_line_end))
        .map_or(first_line_end, |m| content_start + m.start());
    let action_text = doc.slice(content_start..action_end);
    // "✅ Reverted …", "Done: …", "~~…~~": the text says the item is done.
    let stated = super::status::stated_in_text(action_text);
    // A mark or `Done:` before the action is not part of it; struck-through text is.
    let skip = stated
        .as_ref()
        .filter(|(_, r)| !action_text[r.clone()].starts_with("~~"))
        .map_or(0, |(_, r)| r.end);
    let trimmed =
        action_text.trim_end_matches(|c: char| c.is_whitespace() || "—–-,;:(|".contains(c));
    let lead = skip
        .max(trimmed.len() - trimmed.trim_start().len())
        .min(trimmed.len());
    let lead = lead + (trimmed[lead..].len() - trimmed[lead..].trim_start().len());
    let action_range = content_start + lead..content_start + trimmed.len();
    item.title = bold_title(doc, action_range.clone());
    if !action_range.is_empty() {
        item.action = Some(Field {
            text: doc.slice(action_range.clone()).to_owned(),
            range: action_range.clone(),
        });
        item.anchor = action_range;
    }
    if item.status.is_none()
        && let Some((checked, r)) = &li.checkbox
    {
        item.status = Some(Field {
            text: if *checked { "done" } else { "open" }.to_owned(),
            range: r.clone(),
        });
    }
    if item.status.as_ref().is_none_or(|s| s.text == "open")
        && let Some((status, r)) = stated
    {
        item.status = Some(Field {
            text: status.name().to_owned(),
            range: content_start + r.start..content_start + r.end,
        });
    }
    fallback_fields(doc, content_start..range.end, &mut item);
    // Under "Immediate actions (completed)", an item that says nothing else is done.
    if item.status.is_none()
        && let Some(heading) = doc
            .sections
            .iter()
            .rev()
            .find(|s| s.heading.range.end <= range.start)
            .map(|s| &s.heading)
            .filter(|h| super::status::heading_says_done(&h.text))
    {
        item.status = Some(Field {
            text: "done".to_owned(),
            range: heading.text_range.clone(),
        });
    }
    item
}

/// The bold title an action text opens with: `**Title**` or `**Title:**` followed by more.
fn bold_title(doc: &Document<'_>, action: Range<usize>) -> Option<Field> {
    let text = doc.slice(action.clone());
    let marker = if text.starts_with("**") {
        "**"
    } else if text.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let close = text[2..].find(marker)? + 2;
    let inner = text[2..close].trim().trim_end_matches(':').trim_end();
    if inner.is_empty() || inner.split_whitespace().count() > 12 {
        return None;
    }
    let start = action.start + 2 + (text[2..].len() - text[2..].trim_start().len());
    Some(Field {
        text: inner.to_owned(),
        range: start..start + inner.len(),
    })
}

fn read_heading_items(doc: &Document<'_>, section: &Section, out: &mut Vec<ActionItem>) {
    for sub in doc.sections.iter().filter(|s| {
        s.heading.range.start > section.heading.range.start
            && section.body.contains(&s.heading.range.start)
    }) {
        let body = sub.direct_body.clone();
        let has_blocks = doc.lists.iter().any(|l| body.contains(&l.range.start))
            || doc.tables.iter().any(|t| body.contains(&t.range.start));
        if has_blocks {
            continue;
        }
        if doc.prose_text(body.clone()).trim().is_empty()
            && sub.heading.text.split_whitespace().count() < 2
        {
            continue;
        }
        let mut item = empty_item(ItemOrigin::Heading, sub.heading.range.start..body.end);
        item.anchor = sub.heading.text_range.clone();
        item.action = Some(Field {
            text: sub.heading.text.clone(),
            range: sub.heading.text_range.clone(),
        });
        read_fields(doc, body.clone(), &mut item);
        fallback_fields(doc, sub.heading.range.start..body.end, &mut item);
        out.push(item);
    }
}

static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?im)^[ \t]*(?:\*\*|__)?action(?:[ -]item)?(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*",
    )
});

/// Paragraphs that open with "**Action item:**": one item each, its first sentence the action.
fn read_paragraph_items(doc: &Document<'_>, body: Range<usize>, out: &mut Vec<ActionItem>) {
    let text = doc.slice(body.clone());
    for m in ITEM_LABEL.find_iter(text) {
        let start = body.start + m.start();
        let in_list = doc.lists.iter().any(|l| l.range.contains(&start));
        if doc.is_excluded(start) || in_list {
            continue;
        }
        let rest = &text[m.end()..];
        let paragraph_len = rest.find("\n\n").unwrap_or(rest.len());
        let paragraph = &rest[..paragraph_len];
        let sentence_len = paragraph
            .find(". ")
            .map_or(paragraph.trim_end().len(), |i| i + 1);
        let action_start = body.start + m.end();
        let mut item = empty_item(ItemOrigin::Paragraph, start..action_start + paragraph_len);
        let action = action_start..action_start + sentence_len;
        item.action = Some(Field {
            text: doc.slice(action.clone()).to_owned(),
            range: action.clone(),
        });
        item.anchor = action;
        read_fields(doc, action_start..action_start + paragraph_len, &mut item);
        fallback_fields(doc, action_start..action_start + paragraph_len, &mut item);
        out.push(item);
    }
}

/// `key: value` fields of a range. A value runs to the next field, the end of its line, or a
/// `;`/`|` separator; a trailing `,` is dropped (dates such as "Dec 15, 2026" keep theirs).
fn read_fields(doc: &Document<'_>, range: Range<usize>, item: &mut ActionItem) {
    let text = doc.prose_text(range.clone());
    let keys: Vec<_> = FIELD_KEY.captures_iter(&text).collect();
    for (n, caps) in keys.iter().enumerate() {
        let (Some(whole), Some(key)) = (caps.get(0), caps.name("key")) else {
            continue;
        };
        let Some(column) = Column::from_field_key(key.as_str()) else {
            continue;
        };
        let next = keys
            .get(n + 1)
            .and_then(|c| c.get(0))
            .map_or(text.len(), |m| m.start());
        let value_end = text[whole.end()..next]
            .find(['\n', ';', '|'])
            .map_or(next, |i| whole.end() + i);
        let mut raw = &text[whole.end()..value_end];
        // A trailing note or tag is not part of the value: "2026-10-20 [detect]", "@dana (SRE)".
        if let Some(note) = raw
            .find(" [")
            .or_else(|| raw.find(" ("))
            .filter(|&i| !raw[..i].trim().is_empty())
        {
            raw = &raw[..note];
        }
        let trimmed = raw.trim_end_matches(|c: char| c.is_whitespace() || ",—–)]*_".contains(c));
        let trimmed = trimmed.trim_end_matches(" -");
        let value_range = range.start + whole.end()..range.start + whole.end() + trimmed.len();
        let slot = item.field_mut(column);
        if slot.is_none() {
            *slot = Some(Field {
                text: trimmed.trim().to_owned(),
                range: value_range,
            });
        }
    }
}

/// Fields written without a key: an @handle (also in backticks, as many teams write them)
/// is the owner, a `[prevent]`-style tag the type, a `(in progress)`-style note the status.
fn fallback_fields(doc: &Document<'_>, range: Range<usize>, item: &mut ActionItem) {
    let raw = doc.slice(range.clone());
    if item.owner.is_none() {
        let handle = HANDLE
            .captures_iter(raw)
            .filter_map(|c| c.get(1))
            .find(|m| {
                let before = &raw[..m.start()];
                // Not inside an HTML comment.
                before
                    .rfind("<!--")
                    .is_none_or(|open| before[open..].contains("-->"))
            });
        item.owner = handle.map(|m| {
            let text = m.as_str().trim_end_matches(['.', ',']);
            Field {
                text: text.to_owned(),
                range: range.start + m.start()..range.start + m.start() + text.len(),
            }
        });
    }
    let prose = doc.prose_text(range.clone());
    let found = |re: &Regex| {
        re.captures(&prose).and_then(|c| c.get(1)).map(|m| Field {
            text: m.as_str().to_owned(),
            range: range.start + m.start()..range.start + m.end(),
        })
    };
    if item.kind.is_none() {
        item.kind = found(&TYPE_TAG);
    }
    // An unchecked box says only "not done"; a note such as "(in progress)" says more.
    if item.status.as_ref().is_none_or(|s| s.text == "open")
        && let Some(status) = found(&STATUS_NOTE)
    {
        item.status = Some(status);
    }
}

/// Drops a list marker (`-`, `*`, `+`, `1.`, `1)`) and leading whitespace.
fn strip_marker(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.trim_start();
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = t[digits..].strip_prefix(['.', ')'])
    {
        return rest.trim_start();
    }
    t
}
