//! Text helpers that more than one rule needs: template placeholders, due dates, the summary's
//! stated times, people's names.

use crate::document::temporal::{self, Clock, Date, Duration};
use crate::document::{Document, Field, MetaKey};
use regex::Regex;
use std::collections::HashSet;
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

/// The due date of a field: `MM/DD` takes the incident's year, or the as-of year without one.
pub fn due_date(doc: &Document<'_>, field: &Field, as_of: Date) -> Option<Date> {
    let year = doc.incident_date.map_or(as_of.year, |d| d.year);
    temporal::parse_date_in_order(&field.text, Some(year), doc.day_first)
}

/// A time the summary states, with the date written beside it.
#[derive(Debug, Clone)]
pub struct StatedTime {
    pub clock: Clock,
    pub date: Option<Date>,
}

/// What the Summary section states about when the incident was detected and resolved.
#[derive(Debug, Clone, Default)]
pub struct SummaryTimes {
    pub detection: Option<StatedTime>,
    pub resolution: Option<StatedTime>,
    pub duration: Option<Duration>,
}

static DETECTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:detect\w*|alert\w*|notic\w*|discover\w*|identif\w*|paged|start\w*|began|begin\w*)\b",
    )
});
static RESOLUTION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:resol\w*|recover\w*|restor\w*|mitigat\w*|fix\w*|end\w*|clos\w*|stabili\w*)\b",
    )
});
/// A duration counts as the incident's when its clause says so: "Duration: 48 minutes",
/// "lasted 2 hours", "a 90-minute outage", "for 48 minutes"; not "delays of up to 2 days".
static DURATION_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?i)\b(?:duration|lasted|lasting|lasts|took|outage|downtime|down|total\w*|long)\b",
    )
});
static RANGE_WORDS: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?i)\b(?:from|between|until|through)\b"));

/// Reads the summary line by line (and sentence by sentence): a time in a clause about
/// detection is the detection time, a time in a clause about resolution the resolution time;
/// "from 14:02 to 15:30" gives both.
pub fn summary_times(cx: &super::Context<'_>) -> Option<(Range<usize>, SummaryTimes)> {
    cx.memo
        .summary_times
        .get_or_init(|| read_summary_times(cx.doc))
        .clone()
}

fn read_summary_times(doc: &Document<'_>) -> Option<(Range<usize>, SummaryTimes)> {
    let section = doc.section("summary")?;
    let body = section.body.clone();
    let text = doc.prose_text(body.clone());
    let default_year = doc.incident_date.map(|d| d.year);
    let mut times = SummaryTimes::default();
    let mut at = 0;
    for clause in text.split_inclusive(['\n', '.', ';']) {
        let clause_start = at;
        at += clause.len();
        if times.duration.is_none() {
            let about_duration = DURATION_WORDS.is_match(clause);
            // "for 48 minutes", "for about 1h50m", "for ~2 hours".
            let incident_duration = |d: &Duration| {
                let before = clause[..d.range.start].trim_end().to_lowercase();
                let before = before.trim_end_matches('~').trim_end();
                let before = [
                    "about",
                    "around",
                    "approximately",
                    "roughly",
                    "nearly",
                    "almost",
                    "over",
                    "some",
                ]
                .iter()
                .find_map(|hedge| before.strip_suffix(hedge))
                .unwrap_or(before)
                .trim_end();
                about_duration || before.ends_with(" for") || before == "for"
            };
            times.duration = temporal::find_durations(clause)
                .into_iter()
                .find(incident_duration)
                .map(|mut d| {
                    let offset = body.start + clause_start;
                    d.range = offset + d.range.start..offset + d.range.end;
                    d
                });
        }
        // Times are written with digits: most clauses have none.
        if !clause.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let clocks = temporal::find_clocks(clause);
        if clocks.is_empty() {
            continue;
        }
        let stated = |c: &Clock| {
            let before = &clause[..c.range.start];
            let date = doc.find_dates(before, default_year).last().map(|d| d.date);
            let mut clock = c.clone();
            clock.range =
                body.start + clause_start + c.range.start..body.start + clause_start + c.range.end;
            StatedTime { clock, date }
        };
        let detect = DETECTION_WORDS.find(clause);
        let resolve = RESOLUTION_WORDS.find(clause);
        let range = RANGE_WORDS.is_match(clause) || (detect.is_some() && resolve.is_some());
        if clocks.len() >= 2 && range {
            times.detection.get_or_insert_with(|| stated(&clocks[0]));
            times.resolution.get_or_insert_with(|| stated(&clocks[1]));
        } else if let Some(d) = detect
            && resolve.is_none_or(|r| d.start() < r.start())
        {
            times.detection.get_or_insert_with(|| stated(&clocks[0]));
        } else if resolve.is_some() {
            times.resolution.get_or_insert_with(|| stated(&clocks[0]));
        }
    }
    Some((section.heading.text_range.clone(), times))
}

/// Names that stand for people in this document: metadata and action-item owners (with and
/// without the @, and their first names), plus the configured list.
pub fn known_people(doc: &Document<'_>, cx: &super::Context<'_>) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut add = |raw: &str| {
        for part in raw.split([',', ';', '/']).flat_map(|p| p.split(" and ")) {
            let name = part
                .trim()
                .trim_matches(|c: char| c == '*' || c == '`' || c == '"')
                .trim_start_matches('@');
            if name.len() < 2 {
                continue;
            }
            names.insert(name.to_lowercase());
            if let Some(first) = name.split_whitespace().next()
                && first.len() >= 2
            {
                names.insert(first.to_lowercase());
            }
        }
    };
    for field in &doc.metadata.fields {
        if matches!(field.key, MetaKey::Owner | MetaKey::Reviewers) {
            add(&field.value);
        }
    }
    if let Some(actions) = &doc.action_items {
        for owner in actions.items.iter().filter_map(|i| i.owner.as_ref()) {
            add(&owner.text);
        }
    }
    for name in cx.people {
        add(name);
    }
    if let Some(authors) = cx.authors {
        authors(&mut |name| add(name));
    }
    names
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "a", "a or b", "a, b or c".
pub fn join_or(items: &[String]) -> String {
    let refs: Vec<&str> = items.iter().map(String::as_str).collect();
    match refs.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "1 hour 28 minutes".
pub fn human_duration(seconds: u64) -> String {
    let minutes = seconds / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    let unit = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (h, m) {
        (0, m) => unit(m, "minute"),
        (h, 0) => unit(h, "hour"),
        (h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
    }
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
