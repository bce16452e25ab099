//! Template placeholders left in the text (`<incident name>`, `TBD`, `MM/DD`) and values that
//! are placeholders rather than content.

use crate::re::is_word;
use std::ops::Range;

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
    placeholders_before(text, text.len())
}

/// The placeholders of `text` that start before `limit`: the same as [`placeholders`] up to
/// there, without reading further than the last of them needs.
pub fn placeholders_before(text: &str, limit: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    scan(text, limit, first_bytes(text.as_bytes(), limit))
        .filter(|m| !is_markup_or_prose(&text[m.clone()]))
}

/// Every place before `limit` of a byte of [`FIRST`], in order.
fn first_bytes(b: &[u8], limit: usize) -> impl Iterator<Item = usize> + '_ {
    let limit = limit.min(b.len());
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + b.get(at..limit).and_then(first_candidate)?;
        at = start + 1;
        Some(start)
    })
}

/// The placeholders of each of `parts` of `text`, as [`placeholders`] finds them in the part's
/// own text, with offsets into `text`. The places a placeholder may start are found once for
/// the whole text ([`openings`], vectorised searches at a small part of an instruction a
/// byte) rather than by a test at every byte of every part.
pub fn placeholders_in_parts(
    text: &str,
    parts: impl Iterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let starts = openings(text.as_bytes());
    let mut found = Vec::new();
    for part in parts {
        let piece = &text[part.clone()];
        let first = starts.partition_point(|&s| s < part.start);
        let inside = starts[first..]
            .iter()
            .take_while(|&&s| s < part.end)
            .map(|&s| s - part.start);
        found.extend(
            scan(piece, piece.len(), inside)
                .filter(|m| !is_markup_or_prose(&piece[m.clone()]))
                .map(|m| part.start + m.start..part.start + m.end),
        );
    }
    found
}

/// Words that every placeholder shape but `<…>` and a run of x starts with.
static OPENINGS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        // Leftmost-first: the kind of search the vectorised (Teddy) prefilter runs.
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build([
                "@yyy",
                "MM/DD",
                "YYYY-MM-DD",
                "HH:MM",
                "TODO",
                "TBD",
                "FIXME",
            ])
            .ok()
    });

/// Every place of `b` a placeholder may start, in order: each `<`, `x` and `X`, and each of
/// [`OPENINGS`], all found in one pass. The rest are turned away by [`placeholder_at`]
/// anyway.
fn openings(b: &[u8]) -> Vec<usize> {
    // Room for one every 64 bytes, about what prose holds ("x" is in many words).
    let mut at: Vec<usize> = Vec::with_capacity(b.len() / 64 + 8);
    at.extend(memchr::memchr3_iter(b'<', b'x', b'X', b));
    match OPENINGS.as_ref() {
        Some(words) => {
            for m in words.find_iter(b) {
                at.push(m.start());
                // The one way two of them overlap: `HH:MM/DD`, whose `MM/DD` the search,
                // which goes on after each word it finds, passes over.
                if m.pattern().as_usize() == 3 {
                    at.push(m.start() + 3);
                }
            }
        }
        // Never: the automaton of seven short words is always built. Every capital a
        // word starts with is then a place to look.
        None => at.extend(
            memchr::memchr3_iter(b'@', b'M', b'Y', b)
                .chain(memchr::memchr3_iter(b'H', b'T', b'F', b)),
        ),
    }
    at.sort_unstable();
    at
}

/// `<br>` is markup; "changed <this file> on <that server>" is prose.
fn is_markup_or_prose(found: &str) -> bool {
    let Some(inner) = found.strip_prefix('<').and_then(|s| s.strip_suffix('>')) else {
        return false;
    };
    let first = inner.split_whitespace().next().unwrap_or("");
    HTML_TAGS.contains(&first) && !inner.contains(' ')
        || ["this", "that", "the", "these", "those", "some"].contains(&first)
}

/// Every placeholder-shaped span, leftmost first, not overlapping: `<incident name>`, a word
/// of three or more x, `@yyy`, `MM/DD` (`MM/DD/YYYY`), `YYYY-MM-DD`, `HH:MM`, `TODO`, `TBD`,
/// `FIXME` (the words whole, in those capitals). Word characters are ASCII letters, digits and
/// `_`. (It replaced a regex, which the tests keep as its oracle.) `starts` are the places
/// one may start, in order: every place a byte of [`FIRST`] is, or more.
fn scan<'t>(
    text: &'t str,
    limit: usize,
    mut starts: impl Iterator<Item = usize> + 't,
) -> impl Iterator<Item = Range<usize>> + 't {
    let b = text.as_bytes();
    let limit = limit.min(b.len());
    let mut at = 0;
    std::iter::from_fn(move || {
        for start in starts.by_ref() {
            if start >= limit {
                break;
            }
            if start < at {
                continue;
            }
            if let Some(end) = placeholder_at(b, start) {
                at = end;
                return Some(start..end);
            }
        }
        None
    })
}

/// The bytes a placeholder can start with.
static FIRST: [bool; 256] = crate::re::byte_set(b"<@xXMYHTF");

/// Where the first byte of [`FIRST`] in `bytes` is. Eight bytes at a time are passed over
/// when none of them is `<`, `x` or in `@`..=`_` (which holds the capitals), a test on the
/// eight as one integer; prose has few capitals, so most are.
fn first_candidate(bytes: &[u8]) -> Option<usize> {
    use crate::re::{some_byte_below, some_byte_is};
    let first = |part: &[u8]| part.iter().position(|&c| FIRST[usize::from(c)]);
    let (eights, rest) = crate::re::eights(bytes);
    for (at, v) in eights {
        // `@`..=`_` (0x40..=0x5f) is where the top three bits read 010: zero after the xor.
        let maybe = some_byte_below((v & 0xe0e0_e0e0_e0e0_e0e0) ^ 0x4040_4040_4040_4040, 1)
            || some_byte_is(v, b'<')
            || some_byte_is(v, b'x');
        if maybe && let Some(i) = first(&bytes[at..at + 8]) {
            return Some(at + i);
        }
    }
    first(rest).map(|i| bytes.len() - rest.len() + i)
}

/// The end of a placeholder starting at `i`, if one does.
fn placeholder_at(b: &[u8], i: usize) -> Option<usize> {
    let word_at = |j: usize| b.get(j).is_some_and(|&c| is_word(c));
    let ends_word = |end: usize| (!word_at(end)).then_some(end);
    let has = |j: usize, lit: &[u8]| b.get(j..j + lit.len()) == Some(lit);
    let first = *b.get(i)?;
    if first == b'<' {
        b.get(i + 1).filter(|c| c.is_ascii_lowercase())?;
        let rest = b[i + 2..]
            .iter()
            .take_while(|&&c| c.is_ascii_lowercase() || c.is_ascii_digit() || b" _-".contains(&c))
            .count();
        let close = i + 2 + rest;
        return (b.get(close) == Some(&b'>')).then_some(close + 1);
    }
    if first == b'@' {
        return if has(i + 1, b"yyy") {
            ends_word(i + 4)
        } else {
            None
        };
    }
    // Every other shape starts a word.
    if i > 0 && is_word(b[i - 1]) {
        return None;
    }
    match first {
        b'x' | b'X' => {
            let run = b[i..]
                .iter()
                .take_while(|&&c| c == b'x' || c == b'X')
                .count();
            if run >= 3 { ends_word(i + run) } else { None }
        }
        b'M' if has(i, b"MM/DD") => {
            if has(i + 5, b"/YYYY") && !word_at(i + 10) {
                Some(i + 10)
            } else {
                ends_word(i + 5)
            }
        }
        b'Y' if has(i, b"YYYY-MM-DD") => ends_word(i + 10),
        b'H' if has(i, b"HH:MM") => ends_word(i + 5),
        b'T' if has(i, b"TODO") && !word_at(i + 4) => Some(i + 4),
        b'T' if has(i, b"TBD") => ends_word(i + 3),
        b'F' if has(i, b"FIXME") => ends_word(i + 5),
        _ => None,
    }
}

/// Values that stand for no value, lowercase.
const EMPTY_VALUES: [&str; 21] = [
    "",
    "@",
    "-",
    "--",
    "—",
    "–",
    "?",
    "??",
    "tbd",
    "tba",
    "n/a",
    "na",
    "none",
    "@yyy",
    "todo",
    "unknown",
    "xxx",
    "mm/dd",
    "yyyy-mm-dd",
    "unassigned",
    "nobody",
];

/// Whether a whole value is a placeholder rather than content.
pub fn is_placeholder_value(value: &str) -> bool {
    let v = value
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim();
    // An ASCII value is compared without making a lowercase copy; any other is lowercased
    // the Unicode way first, as the list is.
    let listed = if v.is_ascii() {
        EMPTY_VALUES.iter().any(|e| v.eq_ignore_ascii_case(e))
    } else {
        EMPTY_VALUES.contains(&v.to_lowercase().as_str())
    };
    listed || placeholders(value).any(|r| r.len() == value.trim().len())
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

    /// The regex the scanner replaced: its oracle.
    fn oracle(text: &str) -> Vec<Range<usize>> {
        static ORACLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            crate::re::compile(
                r"<[a-z][a-z0-9 _-]*>|\b[xX]{3,}\b|@yyy\b|\bMM/DD(?:/YYYY)?\b|\bYYYY-MM-DD\b|\bHH:MM\b|\b(?:TODO|TBD|FIXME)\b",
            )
        });
        ORACLE.find_iter(text).map(|m| m.range()).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        #[test]
        fn the_scanner_finds_what_the_regex_found(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<", ">", "incident name", "br", "a", "Z", "1", " ", "_", "-", "é", "x", "X", "xx",
                "xxx", "@", "yyy", "y", "MM/DD", "/YYYY", "YYYY", "YYYY-MM-DD", "-MM-DD", "HH:MM",
                "TODO", "TBD", "FIXME", "TOD", "TB", ".", "/", ":",
            ]),
            0..10,
        )) {
            let text = parts.concat();
            let found: Vec<_> = scan(&text, text.len(), first_bytes(text.as_bytes(), text.len())).collect();
            proptest::prop_assert_eq!(found, oracle(&text), "{:?}", text);
        }

        #[test]
        fn parts_find_what_each_part_finds_alone(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<", ">", "incident name", "br", "a", "Z", " ", "_", "-", "x", "X", "xx", "xxx",
                    "@", "yyy", "MM/DD", "/YYYY", "YYYY-MM-DD", "HH:MM", "TODO", "TBD", "FIXME",
                    "TOD", "/", ":", "`", "HH:", "/DD",
                ]),
                0..12,
            ),
            cuts in proptest::collection::vec(0usize..80, 0..6),
        ) {
            // The text cut at byte offsets; every other piece is a part (the rest would be code).
            let text = parts.concat();
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|&c| c <= text.len()).collect();
            cuts.extend([0, text.len()]);
            cuts.sort_unstable();
            cuts.dedup();
            let pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).step_by(2).collect();
            let alone: Vec<Range<usize>> = pieces
                .iter()
                .flat_map(|p| placeholders(&text[p.clone()]).map(|m| p.start + m.start..p.start + m.end).collect::<Vec<_>>())
                .collect();
            proptest::prop_assert_eq!(placeholders_in_parts(&text, pieces.into_iter()), alone, "{:?}", text);
        }
    }

    #[test]
    fn the_eight_byte_pass_finds_every_first_byte_wherever_it_stands() {
        for b in 0..=255u8 {
            for len in 1..20 {
                for at in 0..len {
                    let mut text = vec![b'a'; len];
                    text[at] = b;
                    let expected = text.iter().position(|&c| FIRST[usize::from(c)]);
                    assert_eq!(first_candidate(&text), expected, "{b} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn placeholders_skip_html_tags() {
        let found: Vec<_> = placeholders("a <br> b <incident name> c <service>").collect();
        assert_eq!(found.len(), 2);
    }
}
