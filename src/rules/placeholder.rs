//! Template placeholders left in the text (`<incident name>`, `TBD`, `MM/DD`) and values that
//! are placeholders rather than content.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Template placeholders: `<incident name>`, `xxx`, `@yyy`, `MM/DD`, `TODO`, `TBD`, `FIXME`.
pub static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"<[a-z][a-z0-9 _-]*>|\b[xX]{3,}\b|@yyy\b|\bMM/DD(?:/YYYY)?\b|\bYYYY-MM-DD\b|\bHH:MM\b|\b(?:TODO|TBD|FIXME)\b",
    )
});

/// HTML tags that look like `<placeholder>` but are markup.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "video",
    "picture",
    "source",
    "figure",
    "figcaption",
    "center",
    "font",
    "blockquote",
];

/// Placeholders in `text` (offsets relative to `text`).
pub fn placeholders(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    PLACEHOLDER.find_iter(text).filter_map(|m| {
        let s = m.as_str();
        if let Some(inner) = s.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
            let first = inner.split_whitespace().next().unwrap_or("");
            // `<br>` is markup; "changed <this file> on <that server>" is prose.
            if HTML_TAGS.contains(&first) && !inner.contains(' ')
                || ["this", "that", "the", "these", "those", "some"].contains(&first)
            {
                return None;
            }
        }
        Some(m.range())
    })
}

/// Whether a whole value is a placeholder rather than content.
pub fn is_placeholder_value(value: &str) -> bool {
    let v = value
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim()
        .to_lowercase();
    matches!(
        v.as_str(),
        "" | "@"
            | "-"
            | "--"
            | "—"
            | "–"
            | "?"
            | "??"
            | "tbd"
            | "tba"
            | "n/a"
            | "na"
            | "none"
            | "@yyy"
            | "todo"
            | "unknown"
            | "xxx"
            | "mm/dd"
            | "yyyy-mm-dd"
            | "unassigned"
            | "nobody"
    ) || placeholders(value).any(|r| r.len() == value.trim().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_values() {
        for v in ["", "-", "TBD", "@yyy", "n/a", "MM/DD", " ? "] {
            assert!(is_placeholder_value(v), "{v:?}");
        }
        for v in ["@db-team", "Dana", "2026-12-01"] {
            assert!(!is_placeholder_value(v), "{v:?}");
        }
    }

    #[test]
    fn placeholders_skip_html_tags() {
        let found: Vec<_> = placeholders("a <br> b <incident name> c <service>").collect();
        assert_eq!(found.len(), 2);
    }
}
