//! The fields an action item carries inline, whatever its shape: `key: value` pairs
//! (`owner:`, `due:`, `type:`), and fields written without a key or a colon (an @handle, a
//! `[detect]` tag, "(in progress)", `due 2025-07-15`, `type prevent`).

use super::{ActionItem, Column, Field};
use crate::document::Document;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

pub(super) static FIELD_KEY: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)(?:\*\*|__)?\b(?P<key>owner|assignee|assigned to|who|due date|due|deadline|target date|target|eta|type|kind|category|status|state|id|reason)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*",
    )
});

static HANDLE: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?:^|[\s(\[,`])(@[A-Za-z0-9][A-Za-z0-9_./-]*)"));

static STATUS_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\(((?:in[ -]progress|done|completed?|finished|fixed|resolved|deprioriti[sz]ed|won't do|wontfix|closed)[^)]*)\)",
    )
});

/// A type as a tag, `[prevent]`, or with its key and no colon, `type prevent`.
static TYPE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)[\[(](prevent|mitigate|detect)[\])]|\btype[ \t]+(prevent|mitigate|detect|prevention|mitigation|detection)\b",
    )
});

/// A due date with its key and no colon: `due 2025-07-15`, `target Q4 2025`, `due 12 June`,
/// `due by June 12, 2026`. Only a date follows: ISO, a quarter, or a day and a month's name
/// (not "due to the outage").
static DUE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    crate::re::compile(&format!(
        r"(?i)\b(?:due(?:[ \t]+(?:by|on))?|deadline|target|eta)[ \t]+(\d{{4}}-\d{{2}}-\d{{2}}|Q[1-4][ \t]+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{MONTH}\.?(?:,?[ \t]+\d{{4}})?|{MONTH}\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?)\b"
    ))
});

/// `key: value` fields of a range. A value runs to the next field, the end of its line, or a
/// `;`/`|` separator; a trailing `,` is dropped (dates such as "Dec 15, 2026" keep theirs).
pub(super) fn read_fields<'s>(doc: &Document<'s>, range: Range<usize>, item: &mut ActionItem<'s>) {
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
        // "Owner: @lee. Splits the partition into 16.": a sentence after the owner is not
        // the owner's name.
        if column == Column::Owner
            && let Some(end) = raw.find(". ")
        {
            raw = &raw[..end];
        }
        let trimmed = raw.trim_end_matches(|c: char| {
            c.is_whitespace() || [',', '—', '–', ')', ']', '*', '_', '.'].contains(&c)
        });
        let trimmed = trimmed.trim_end_matches(" -");
        let value_range = range.start + whole.end()..range.start + whole.end() + trimmed.len();
        let slot = item.field_mut(column);
        if slot.is_none() {
            *slot = Some(Field {
                text: kept(&text, trimmed.trim()),
                range: value_range,
            });
        }
    }
}

/// Fields written without a key: an @handle (also in backticks, as many teams write them)
/// is the owner, a `[prevent]`-style tag the type, a `(in progress)`-style note the status.
pub(super) fn fallback_fields<'s>(
    doc: &Document<'s>,
    range: Range<usize>,
    item: &mut ActionItem<'s>,
) {
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
                text: text.into(),
                range: range.start + m.start()..range.start + m.start() + text.len(),
            }
        });
    }
    let prose = doc.prose_text(range.clone());
    // The first group of the pattern that took part in the match.
    let found = |re: &Regex| {
        re.captures(&prose)
            .and_then(|c| c.iter().skip(1).flatten().next())
            .map(|m| Field {
                text: kept(&prose, m.as_str()),
                range: range.start + m.start()..range.start + m.end(),
            })
    };
    if item.kind.is_none() {
        item.kind = found(&TYPE_TAG);
    }
    if item.due.is_none() {
        item.due = found(&DUE_BARE);
    }
    // An unchecked box says only "not done"; a note such as "(in progress)" says more.
    if item.status.as_ref().is_none_or(|s| s.text == "open")
        && let Some(status) = found(&STATUS_NOTE)
    {
        item.status = Some(status);
    }
}

/// `part`, a slice of `whole`, borrowed from the document when `whole` is the document's
/// own text, and copied only when `whole` is a copy (with code blanked out).
fn kept<'s>(whole: &std::borrow::Cow<'s, str>, part: &str) -> std::borrow::Cow<'s, str> {
    match whole {
        std::borrow::Cow::Borrowed(all) => {
            let start = (part.as_ptr() as usize).wrapping_sub(all.as_ptr() as usize);
            match all.get(start..start + part.len()) {
                Some(same) => std::borrow::Cow::Borrowed(same),
                None => std::borrow::Cow::Owned(part.to_owned()),
            }
        }
        std::borrow::Cow::Owned(_) => std::borrow::Cow::Owned(part.to_owned()),
    }
}
