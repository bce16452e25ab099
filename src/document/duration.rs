//! Durations, read by hand: `48 minutes`, `1 hour 28 minutes`, `1h28m`, `ninety minutes`,
//! `an hour and twenty minutes`. This is the grammar the tool once read with two regexes
//! (kept in the tests as the oracle this scanner is compared with), searched the way the
//! regex engine searched it: depth first, each part greedy and given back in the order the
//! regex gives it back.
//!
//! ```text
//! part     = digits ("." digits)? ( [ws-]* UNIT | [dhms] )  |  NUMBER [ws-]+ UNIT
//! duration = \b part ( ws* ","? ws* ("and" ws+)? part )* \b
//! ```

use crate::re::is_word;
use std::ops::Range;

/// Units in the order the regex tried them (`days?|hours?|hrs?|…`), any case.
const UNITS: [&str; 14] = [
    "days", "day", "hours", "hour", "hrs", "hr", "minutes", "minute", "mins", "min", "seconds",
    "second", "secs", "sec",
];

/// Numbers written as words, in the order the regex tried them, any case.
const NUMBERS: [&str; 21] = [
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "forty-five",
    "fifty",
    "sixty",
    "ninety",
];

/// Parts of one duration beyond which the scanner gives up (and the caller uses the regex):
/// the search is recursive, and no real duration has so many.
const MAX_PARTS: usize = 64;

/// One part as written: its number (digits, or a word) and its unit.
#[derive(Debug, Clone)]
pub struct Part {
    pub number: Range<usize>,
    pub word: bool,
    pub unit: Range<usize>,
}

fn starts_with_ci(b: &[u8], at: usize, word: &str) -> bool {
    b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word.as_bytes())
}

fn digits(b: &[u8], at: usize) -> usize {
    b[at.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// `[\s-]` inside a class: ASCII whitespace or a hyphen.
fn class_space(b: &[u8], at: usize) -> usize {
    b[at.min(b.len())..]
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b'-'))
        .count()
}

/// The ends of the Unicode whitespace run at `at`, longest first (`\s*`), down to `min`
/// characters: worked out as they are read, nothing allocated.
fn space_ends(text: &str, at: usize, min: usize) -> impl Iterator<Item = usize> + '_ {
    let rest = &text[at..];
    let run = &rest[..rest
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(rest.len())];
    let ends = run.chars().count() + 1;
    std::iter::once(at + run.len())
        .chain(run.char_indices().rev().map(move |(i, _)| at + i))
        .take(ends.saturating_sub(min))
}

/// A unit at `at`: every alternative that is there, in the regex's order.
fn units(b: &[u8], at: usize, k: &mut dyn FnMut(Range<usize>) -> bool) -> bool {
    // Every unit starts with d, h, m or s: most places are turned away by that byte.
    if !matches!(
        b.get(at).map(u8::to_ascii_lowercase),
        Some(b'd' | b'h' | b'm' | b's')
    ) {
        return false;
    }
    UNITS
        .iter()
        .filter(|u| starts_with_ci(b, at, u))
        .any(|u| k(at..at + u.len()))
}

/// One part at `q`: calls `k` with each way it can end, in the order the regex tries them,
/// until `k` accepts one.
fn part(text: &str, q: usize, k: &mut dyn FnMut(usize, Part) -> bool) -> bool {
    let b = text.as_bytes();
    let run = digits(b, q);
    // Only the whole number can be followed by a unit: every shorter reading ends before a
    // digit, and the whole integer before a fraction ends before its `.`. Most numbers (dates,
    // clock times, counts) have no unit letter after them and are turned away here, before
    // trying every reading.
    if run > 0 {
        let int_end = q + run;
        let frac = if b.get(int_end) == Some(&b'.') {
            digits(b, int_end + 1)
        } else {
            0
        };
        let number_end = if frac == 0 {
            int_end
        } else {
            int_end + 1 + frac
        };
        let unit_at = number_end + class_space(b, number_end);
        if !matches!(
            b.get(unit_at).map(u8::to_ascii_lowercase),
            Some(b'd' | b'h' | b'm' | b's')
        ) {
            return false;
        }
    }
    // digits ("." digits)? ( [\s-]* UNIT | [dhms] ), every quantifier greedy.
    for n in (1..=run).rev() {
        let int_end = q + n;
        // The longest fraction first, down to none: the number's possible ends, greedy.
        let frac = if b.get(int_end) == Some(&b'.') {
            digits(b, int_end + 1)
        } else {
            0
        };
        for f in (0..=frac).rev() {
            let number_end = if f == 0 { int_end } else { int_end + 1 + f };
            let number = q..number_end;
            let gap = class_space(b, number_end);
            for w in (0..=gap).rev() {
                let unit_at = number_end + w;
                let accepted = units(b, unit_at, &mut |unit| {
                    k(
                        unit.end,
                        Part {
                            number: number.clone(),
                            word: false,
                            unit,
                        },
                    )
                });
                if accepted {
                    return true;
                }
            }
            if matches!(b.get(number_end), Some(b'd' | b'h' | b'm' | b's')) {
                let unit = number_end..number_end + 1;
                if k(
                    unit.end,
                    Part {
                        number: number.clone(),
                        word: false,
                        unit,
                    },
                ) {
                    return true;
                }
            }
        }
    }
    // NUMBER [\s-]+ UNIT
    let first = b.get(q).map(u8::to_ascii_lowercase);
    for word in NUMBERS
        .iter()
        .filter(|w| Some(w.as_bytes()[0]) == first && starts_with_ci(b, q, w))
    {
        let number_end = q + word.len();
        let gap = class_space(b, number_end);
        for w in (1..=gap).rev() {
            let accepted = units(b, number_end + w, &mut |unit| {
                k(
                    unit.end,
                    Part {
                        number: q..number_end,
                        word: true,
                        unit,
                    },
                )
            });
            if accepted {
                return true;
            }
        }
    }
    false
}

/// `( \s* ,? \s* (and \s+)? part )*` at `q`, greedy, then `k`; `None` when too deep.
fn more(text: &str, q: usize, depth: usize, k: &mut dyn FnMut(usize) -> bool) -> Option<bool> {
    if depth > MAX_PARTS {
        return None;
    }
    let b = text.as_bytes();
    for first in space_ends(text, q, 0) {
        let both = [first + 1, first];
        let commas = if b.get(first) == Some(&b',') {
            &both[..]
        } else {
            &both[1..]
        };
        for &comma in commas {
            for second in space_ends(text, comma, 0) {
                let after_and = text[second..]
                    .starts_with("and")
                    .then(|| space_ends(text, second + 3, 1))
                    .into_iter()
                    .flatten();
                for start in after_and.chain(std::iter::once(second)) {
                    if part_then_more(text, start, depth + 1, k)? {
                        return Some(true);
                    }
                }
            }
        }
    }
    Some(k(q))
}

/// A part at `q`, then [`more`], then `k`: whether `k` accepted an end; `None` when too deep.
fn part_then_more(
    text: &str,
    q: usize,
    depth: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> Option<bool> {
    let mut too_deep = false;
    let accepted = part(text, q, &mut |end, _| match more(text, end, depth, k) {
        Some(found) => found,
        None => {
            too_deep = true;
            true
        }
    });
    (!too_deep).then_some(accepted)
}

/// The bytes a part can start with: a digit, or the first letter of a number word in either
/// case.
static STARTS: [bool; 256] = crate::re::byte_set(b"0123456789aotfsenAOTFSEN");

/// Whether `b` has a unit where a part of a duration can end: `d`, `h`, `m` or `s` right
/// after a digit, or a unit word right after a digit, a `-` or whitespace (`[\s-]`, the ASCII
/// class the parts are read with). Every part ends in one, so a text without any holds no
/// duration; most clauses (dates, clock times, prose) have none and are not read part by part.
fn has_unit(b: &[u8]) -> bool {
    (1..b.len()).any(|i| {
        let before = b[i - 1];
        matches!(b[i] | 0x20, b'd' | b'h' | b'm' | b's')
            && ((before.is_ascii_digit() && matches!(b[i], b'd' | b'h' | b'm' | b's'))
                || matches!(
                    before,
                    b'0'..=b'9' | b'-' | b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'
                ) && ["day", "hour", "hr", "min", "sec"]
                    .iter()
                    .any(|u| starts_with_ci(b, i, u)))
    })
}

/// Every duration in `text` with its parts, left to right; `None` when one has more parts
/// than the scanner follows.
pub fn scan(text: &str) -> Option<Vec<(Range<usize>, Vec<Part>)>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    if !has_unit(b) {
        return Some(out);
    }
    let mut at = 0;
    while at < b.len() {
        // A part starts with a digit or with a number word's first letter.
        let boundary = STARTS[usize::from(b[at])] && (at == 0 || !is_word(b[at - 1]));
        let mut end = None;
        if boundary {
            part_then_more(text, at, 1, &mut |last| {
                let ok = b.get(last).is_none_or(|&c| !is_word(c));
                if ok {
                    end = Some(last);
                }
                ok
            })?;
        }
        match end {
            Some(end) => {
                out.push((at..end, parts_of(&text[at..end], at)));
                at = end;
            }
            None => at += 1,
        }
    }
    Some(out)
}

/// The parts of a duration's text as read left to right, each taken at its first reading
/// (a number needs no word boundary before it; a number word does).
fn parts_of(text: &str, offset: usize) -> Vec<Part> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < b.len() {
        let mut found = None;
        let word_start = b[at].is_ascii_alphabetic() && (at == 0 || !is_word(b[at - 1]));
        if b[at].is_ascii_digit() || word_start {
            part(text, at, &mut |end, p| {
                // A digit part may start anywhere; a number word only at a word start.
                if p.word && !word_start {
                    return false;
                }
                found = Some((end, p));
                true
            });
        }
        match found {
            Some((end, p)) => {
                out.push(Part {
                    number: p.number.start + offset..p.number.end + offset,
                    word: p.word,
                    unit: p.unit.start + offset..p.unit.end + offset,
                });
                at = end;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::document::temporal::{find_durations, find_durations_by_regex};

    #[test]
    fn every_number_word_starts_with_a_byte_the_scan_stops_at() {
        for word in super::NUMBERS {
            for first in [word.as_bytes()[0], word.as_bytes()[0].to_ascii_uppercase()] {
                assert!(super::STARTS[usize::from(first)], "{word}");
            }
        }
    }

    #[test]
    fn forms() {
        let secs = |t: &str| {
            find_durations(t)
                .iter()
                .map(|d| d.seconds)
                .collect::<Vec<_>>()
        };
        assert_eq!(secs("for 48 minutes"), [2880]);
        assert_eq!(
            secs("1 hour 28 minutes; then 1h28m; an hour and twenty minutes"),
            [5280, 5280, 4800]
        );
        // Parts joined by commas and "and" are one duration.
        assert_eq!(secs("1 hour, 28 minutes and 5 seconds"), [5285]);
        assert_eq!(secs("forty-five minutes, 3.7M downloads"), [2700]);
    }

    #[test]
    fn and_needs_whitespace_after_it() {
        for text in [
            "1hand1m",
            "1 hour and5 minutes",
            "1 hour and 5 minutes",
            "1 hour and\u{a0} 5 minutes",
            "2 days,and 1 hour",
        ] {
            assert_eq!(
                find_durations(text),
                find_durations_by_regex(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn too_many_parts_are_read_by_the_regex() {
        let text = "1h ".repeat(200);
        assert_eq!(find_durations(&text), find_durations_by_regex(&text));
        assert_eq!(find_durations(&text).len(), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5000))]
        #[test]
        fn the_duration_scanner_reads_what_the_regexes_read(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "1", "48", "1.5", "2.", ".5", "h", "m", "d", "s", "M", "H", "x", "hours", "Hour",
                "hrs", "hr", "minutes", "min", "mins", "Minute", "days", "day", "secs", "second",
                "an", "one", "forty", "forty-five", "five", "ninety", "Twenty", "and", "And",
                " ", "  ", "-", ",", ", ", "\t", "\u{a0}", "_", "é", "another", "android",
            ]),
            0..10,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(find_durations(&text), find_durations_by_regex(&text), "{:?}", text);
        }
    }
}
