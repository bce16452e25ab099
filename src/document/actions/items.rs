//! Action items written as list items, sub-headings or "**Action item:**" paragraphs (their
//! inline fields are read by `fields`).

use super::fields::{FIELD_KEY, fallback_fields, read_fields};
use super::{ActionItem, Field, ItemOrigin, empty_item};
use crate::document::{Document, Section};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A sub-bullet that says its item is done: "This has been done", "Done in #412", "Fixed."
/// ("fixed-size buffers" and "completed the first half of" are details, not statuses.)
static DONE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)^\s*(?:[-*+]|\d+[.)])\s+(?:(?:this|it)\s+(?:has\s+been|was|is\s+now)\s+)?(?:done|completed?|fixed|resolved|implemented|merged|shipped)(?:\s*[.!:,;]|\s+(?:in|on|by|with|via|at)\b|\s*$)",
    )
});

pub(super) fn read_list_items<'s>(
    doc: &Document<'s>,
    body: Range<usize>,
    out: &mut Vec<ActionItem<'s>>,
) {
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
    // Bullets that only detail an item's heading belong to that item.
    let owned: Vec<usize> = doc
        .sections
        .iter()
        .filter(|s| body.contains(&s.heading.range.start))
        .filter_map(|s| detail_bullets(doc, &s.direct_body))
        .flatten()
        .collect();
    for &i in &in_body {
        if owned.contains(&i) {
            continue;
        }
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

fn list_item<'s>(doc: &Document<'s>, index: usize) -> ActionItem<'s> {
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
    let stated = crate::document::status::stated_in_text(action_text);
    // A mark or `Done:` before the action is not part of it; struck-through text is.
    let skip = stated
        .as_ref()
        .filter(|(_, r)| !action_text[r.clone()].starts_with("~~"))
        .map_or(0, |(_, r)| r.end);
    let trimmed = action_text.trim_end_matches(|c: char| {
        c.is_whitespace() || ['—', '–', '-', ',', ';', ':', '(', '|'].contains(&c)
    });
    let lead = skip
        .max(trimmed.len() - trimmed.trim_start().len())
        .min(trimmed.len());
    let lead = lead + (trimmed[lead..].len() - trimmed[lead..].trim_start().len());
    let action_range = content_start + lead..content_start + trimmed.len();
    item.title = bold_title(doc, action_range.clone());
    if !action_range.is_empty() {
        item.action = Some(Field {
            text: doc.slice(action_range.clone()).into(),
            range: action_range.clone(),
        });
        item.anchor = action_range;
    }
    if item.status.is_none()
        && let Some((checked, r)) = &li.checkbox
    {
        item.status = Some(Field {
            text: if *checked { "done" } else { "open" }.into(),
            range: r.clone(),
        });
    }
    if item.status.as_ref().is_none_or(|s| s.text == "open")
        && let Some((status, r)) = stated
    {
        item.status = Some(Field {
            text: status.name().into(),
            range: content_start + r.start..content_start + r.end,
        });
    }
    fallback_fields(doc, content_start..range.end, &mut item);
    // A sub-bullet that says it: "- This has been done", "- Done in #412".
    if item.status.is_none()
        && let Some(child) = doc
            .lists
            .iter()
            .filter(|c| c.parent == Some(index))
            .map(|c| c.own_range())
            .find(|c| DONE_NOTE.is_match(doc.slice(c.clone())))
    {
        let text = doc.slice(child.clone());
        let lead = text.len() - strip_marker(text).len();
        let said = child.start + lead..child.start + text.trim_end().len();
        item.status = Some(Field {
            text: "done".into(),
            range: said,
        });
    }
    // Under "Immediate actions (completed)", an item that says nothing else is done.
    if item.status.is_none()
        && let Some(heading) = doc
            .sections
            .iter()
            .rev()
            .find(|s| s.heading.range.end <= range.start)
            .map(|s| &s.heading)
            .filter(|h| crate::document::status::heading_says_done(&h.text))
    {
        item.status = Some(Field {
            text: "done".into(),
            range: heading.text_range.clone(),
        });
    }
    item
}

/// The bold title an action text opens with: `**Title**` or `**Title:**` followed by more.
fn bold_title<'s>(doc: &Document<'s>, action: Range<usize>) -> Option<Field<'s>> {
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
        text: inner.into(),
        range: start..start + inner.len(),
    })
}

/// The list items under an item's heading that only detail it: every top-level bullet states
/// a field ("- Owner: @lee", "- Due: 2026-03-01") or that the item is done ("- This has been
/// done"). `None` when a bullet is anything else: the bullets are then items of their own.
pub(super) fn detail_bullets(doc: &Document<'_>, body: &Range<usize>) -> Option<Vec<usize>> {
    let inside: Vec<usize> = (0..doc.lists.len())
        .filter(|&i| body.contains(&doc.lists[i].range.start))
        .collect();
    if inside.is_empty() || doc.tables.iter().any(|t| body.contains(&t.range.start)) {
        return None;
    }
    let details = inside
        .iter()
        .filter(|&&i| doc.lists[i].depth == 0)
        .all(|&i| {
            let own = doc.slice(doc.lists[i].own_range());
            let text = strip_marker(own.trim_start());
            DONE_NOTE.is_match(own) || FIELD_KEY.find(text).is_some_and(|m| m.start() == 0)
        });
    details.then_some(inside)
}

pub(super) fn read_heading_items<'s>(
    doc: &Document<'s>,
    section: &Section,
    out: &mut Vec<ActionItem<'s>>,
) {
    for sub in doc.sections.iter().filter(|s| {
        s.heading.range.start > section.heading.range.start
            && section.body.contains(&s.heading.range.start)
    }) {
        let body = sub.direct_body.clone();
        let has_blocks = doc.lists.iter().any(|l| body.contains(&l.range.start))
            || doc.tables.iter().any(|t| body.contains(&t.range.start));
        let detailed = has_blocks && detail_bullets(doc, &body).is_some();
        if has_blocks && !detailed {
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
        // "### Shard the queue (Target: Q4 2025)": fields the heading states, where the
        // body does not.
        read_fields(doc, sub.heading.text_range.clone(), &mut item);
        // "- This has been done" under the heading.
        if detailed
            && item.status.is_none()
            && let Some(done) = doc
                .lists
                .iter()
                .filter(|l| body.contains(&l.range.start))
                .map(|l| l.own_range())
                .find(|r| DONE_NOTE.is_match(doc.slice(r.clone())))
        {
            let text = doc.slice(done.clone());
            let lead = text.len() - strip_marker(text).len();
            item.status = Some(Field {
                text: "done".into(),
                range: done.start + lead..done.start + text.trim_end().len(),
            });
        }
        fallback_fields(doc, sub.heading.range.start..body.end, &mut item);
        out.push(item);
    }
}

static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?im)^[ \t]*(?:\*\*|__)?action(?:[ -]item)?(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*",
    )
});

/// A paragraph that opens with its status in bold, as some teams write follow-ups:
/// "**DONE** Alert on queue depth", "**TODO**: shard the queue". The marker is the status.
static STATUS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?im)^[ \t]*(?:\*\*|__)(done|to ?do|in[ -]progress|open|closed|completed?|wontfix|won't do|deprioriti[sz]ed):?(?:\*\*|__)[ \t]*:?[ \t]*",
    )
});

/// Paragraphs that open with "**Action item:**" or with a bold status ("**DONE**"): one item
/// each, its first sentence the action.
pub(super) fn read_paragraph_items<'s>(
    doc: &Document<'s>,
    body: Range<usize>,
    out: &mut Vec<ActionItem<'s>>,
) {
    let text = doc.slice(body.clone());
    let labelled = crate::re::some_line_opens_with(text, b" \t_*", "action");
    let marked = text.contains("**") || text.contains("__");
    if !labelled && !marked {
        return;
    }
    let labels = labelled
        .then(|| ITEM_LABEL.captures_iter(text))
        .into_iter()
        .flatten();
    let markers = marked
        .then(|| STATUS_LABEL.captures_iter(text))
        .into_iter()
        .flatten();
    for caps in labels.chain(markers) {
        let Some(m) = caps.get(0) else { continue };
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
        if sentence_len == 0 {
            continue;
        }
        let action_start = body.start + m.end();
        let mut item = empty_item(ItemOrigin::Paragraph, start..action_start + paragraph_len);
        let action = action_start..action_start + sentence_len;
        item.action = Some(Field {
            text: doc.slice(action.clone()).into(),
            range: action.clone(),
        });
        item.anchor = action;
        if let Some(marker) = caps.get(1) {
            let range = body.start + marker.start()..body.start + marker.end();
            item.status = Some(Field {
                text: doc.slice(range.clone()).into(),
                range,
            });
        }
        read_fields(doc, action_start..action_start + paragraph_len, &mut item);
        fallback_fields(doc, action_start..action_start + paragraph_len, &mut item);
        out.push(item);
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
