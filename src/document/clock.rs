//! Times of day, read by hand: `14:02`, `4:02 PM`, `14:02:11.5Z`, `22:17 (UTC+2)`. This is the
//! grammar the tool once read with a regex (kept in the tests as the oracle this scanner is
//! compared with), scanned without compiling anything:
//!
//! ```text
//! H{1,2} ":" M{2} (":" S{2} ("." digits)?)? (ws* [ap] "."? m \b "."?)? (ws* "("? ZONE)?
//! ```
//!
//! with the regex's leftmost-first choices: the first position where a clock starts, greedy
//! parts, and the zone alternatives tried in order.

use super::temporal::Clock;
use crate::re::is_word;
use std::ops::Range;

/// One time of day as written: where, the numbers, and the zone text if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawClock {
    pub range: Range<usize>,
    pub hour: u32,
    pub minute: u32,
    pub second: Option<u32>,
    /// `Some(true)` for pm.
    pub pm: Option<bool>,
    pub zone: Option<Range<usize>>,
}

/// The number of ASCII digits at `at`, at most `max`.
fn digits(b: &[u8], at: usize, max: usize) -> usize {
    b[at.min(b.len())..]
        .iter()
        .take(max)
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Past the whitespace at `at` (Unicode whitespace, as `\s` reads it).
fn skip_space(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i)
}

/// One whitespace character at `at`, if there is one.
fn one_space(text: &str, at: usize) -> usize {
    match text[at..].chars().next() {
        Some(c) if c.is_whitespace() => at + c.len_utf8(),
        _ => at,
    }
}

/// A word boundary after a word character: the next byte is not a word character.
fn ends_word(b: &[u8], at: usize) -> bool {
    b.get(at).is_none_or(|&c| !is_word(c))
}

const REGIONS: &[&str] = &[
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
    "Etc",
];

const ABBREVIATIONS: &[&str] = &[
    "PST", "PDT", "PT", "MST", "MDT", "MT", "CST", "CDT", "CT", "EST", "EDT", "ET", "AKST", "AKDT",
    "HST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "JST", "KST", "AEST", "AEDT",
    "ACST", "AWST", "NZST", "NZDT", "SGT", "HKT",
];

/// The end of a zone written at `at`, trying the alternatives in the regex's order.
fn zone_at(text: &str, at: usize) -> Option<usize> {
    let b = text.as_bytes();
    // Every zone starts with a capital letter or a sign (the zone grammar is case-sensitive).
    if !b
        .get(at)
        .is_some_and(|&c| c.is_ascii_uppercase() || c == b'+' || c == b'-')
    {
        return None;
    }
    let rest = &text[at..];
    // Z\b
    if rest.starts_with('Z') && ends_word(b, at + 1) {
        return Some(at + 1);
    }
    // UTC(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?
    if rest.starts_with("UTC") {
        let mut end = at + 3;
        let sign = one_space(text, end);
        if matches!(b.get(sign), Some(b'+' | b'-')) {
            let first = one_space(text, sign + 1);
            let n = digits(b, first, 2);
            if n > 0 {
                end = first + n;
                let colon = if b.get(end) == Some(&b':') {
                    end + 1
                } else {
                    end
                };
                if digits(b, colon, 2) == 2 {
                    end = colon + 2;
                }
            }
        }
        return Some(end);
    }
    // GMT(?:[+-]\d{1,2})?
    if rest.starts_with("GMT") {
        let end = at + 3;
        if matches!(b.get(end), Some(b'+' | b'-')) {
            let n = digits(b, end + 1, 2);
            if n > 0 {
                return Some(end + 1 + n);
            }
        }
        return Some(end);
    }
    // [+-]\d{2}:?\d{2}\b
    if matches!(b.get(at), Some(b'+' | b'-')) && digits(b, at + 1, 2) == 2 {
        let colon = if b.get(at + 3) == Some(&b':') {
            at + 4
        } else {
            at + 3
        };
        if digits(b, colon, 2) == 2 && ends_word(b, colon + 2) {
            return Some(colon + 2);
        }
    }
    // (?:Africa|…|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?
    let letters = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic() || **c == b'_')
            .count()
    };
    for region in REGIONS {
        if rest.starts_with(region) && b.get(at + region.len()) == Some(&b'/') {
            let city = at + region.len() + 1;
            let n = letters(city);
            if n == 0 {
                continue;
            }
            let mut end = city + n;
            if b.get(end) == Some(&b'/') {
                let more = letters(end + 1);
                if more > 0 {
                    end += 1 + more;
                }
            }
            return Some(end);
        }
    }
    // (?:PST|…|HKT)\b
    ABBREVIATIONS
        .iter()
        .find(|a| rest.starts_with(*a) && ends_word(b, at + a.len()))
        .map(|a| at + a.len())
}

/// Whether `text` names a time zone anywhere: a zone as a clock's is written (`UTC`, `GMT`,
/// `Z` after a digit, `+02:00`, `Europe/Berlin`, `PST`), "local time" in any case, or a US zone
/// by name (`Pacific`, `US/Eastern`). Each starts where a word boundary is.
pub fn mentions_zone(text: &str) -> bool {
    let b = text.as_bytes();
    let boundary = |at: usize| {
        let before = at > 0 && is_word(b[at - 1]);
        let after = b.get(at).is_some_and(|&c| is_word(c));
        before != after
    };
    let us_zone = |at: usize| {
        ["Pacific", "Eastern", "Central", "Mountain"]
            .iter()
            .any(|name| text[at..].starts_with(name) && ends_word(b, at + name.len()))
    };
    (0..b.len()).any(|at| {
        let rest = &text.as_bytes()[at..];
        (boundary(at)
            && (rest.starts_with(b"UTC")
                || rest.starts_with(b"GMT")
                || zone_at(text, at).is_some()
                || rest.len() >= 10
                    && rest[..10].eq_ignore_ascii_case(b"local time")
                    && ends_word(b, at + 10)
                || rest.starts_with(b"US/") && us_zone(at + 3)
                || us_zone(at)))
            || b[at].is_ascii_digit() && rest.get(1) == Some(&b'Z') && ends_word(b, at + 2)
    })
}

/// A clock starting at `at`, if one does.
fn clock_at(text: &str, at: usize) -> Option<RawClock> {
    clock_with(text, at, b':')
}

/// A clock written with `h` or `.` between hour and minute ("14h02", "14.02"), as some
/// timelines do, starting at `at`: read only where a timeline entry opens, since elsewhere
/// "1.25" is a number. The minutes end the number ("1.2.3", "14.025" and the date "18.03."
/// are not clocks).
pub fn loose_clock_at(text: &str, at: usize) -> Option<RawClock> {
    let b = text.as_bytes();
    let h = [2, 1].into_iter().find(|&n| digits(b, at, n) == n)?;
    let sep = *b.get(at + h)?;
    if !matches!(sep, b'h' | b'H' | b'.') {
        return None;
    }
    let after = at + h + 3;
    // "18.03." is a day and a month.
    if b.get(after)
        .is_some_and(|c| c.is_ascii_digit() || *c == b'.')
    {
        return None;
    }
    clock_with(text, at, sep)
}

/// [`loose_clock_at`] at the very start of `text`, as a time of day when it is one.
pub fn loose_clock_at_start(text: &str) -> Option<Clock> {
    loose_clock_at(text, 0).and_then(valid_clock)
}

/// A clock as written, as a time of day when its numbers make one.
pub(super) fn valid_clock(raw: RawClock) -> Option<Clock> {
    let mut hour = raw.hour;
    let (minute, second) = (raw.minute, raw.second.unwrap_or(0));
    if let Some(pm) = raw.pm {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(Clock {
        range: raw.range,
        seconds: hour * 3600 + minute * 60 + second,
        zone: raw.zone,
    })
}

fn clock_with(text: &str, at: usize, sep: u8) -> Option<RawClock> {
    let b = text.as_bytes();
    let number = |from: usize, len: usize| text[from..from + len].parse::<u32>().ok();
    // \d{1,2}: two digits first, then one.
    let h = [2, 1]
        .into_iter()
        .find(|&n| digits(b, at, n) == n && b.get(at + n) == Some(&sep))?;
    let m = at + h + 1;
    if digits(b, m, 2) != 2 {
        return None;
    }
    let mut end = m + 2;
    let mut second = None;
    if b.get(end) == Some(&b':') && digits(b, end + 1, 2) == 2 {
        second = number(end + 1, 2);
        end += 3;
        if b.get(end) == Some(&b'.') {
            let n = digits(b, end + 1, usize::MAX);
            if n > 0 {
                end += 1 + n;
            }
        }
    }
    // \s*([ap])\.?m\b\.?
    let mut pm = None;
    let letter = skip_space(text, end);
    if let Some(&c) = b.get(letter)
        && matches!(c.to_ascii_lowercase(), b'a' | b'p')
    {
        let m_at = if b.get(letter + 1) == Some(&b'.') {
            letter + 2
        } else {
            letter + 1
        };
        if b.get(m_at).is_some_and(|c| c.eq_ignore_ascii_case(&b'm')) && ends_word(b, m_at + 1) {
            pm = Some(c.eq_ignore_ascii_case(&b'p'));
            end = m_at + 1;
            if b.get(end) == Some(&b'.') {
                end += 1;
            }
        }
    }
    // \s*\(?ZONE
    let mut zone = None;
    let mut start = skip_space(text, end);
    if b.get(start) == Some(&b'(') {
        start += 1;
    }
    if let Some(zone_end) = zone_at(text, start) {
        zone = Some(start..zone_end);
        end = zone_end;
    }
    Some(RawClock {
        range: at..end,
        hour: number(at, h)?,
        minute: number(m, 2)?,
        second,
        pm,
        zone,
    })
}

/// Every clock in `text`, left to right, each search resuming where the last clock ended.
pub fn scan(text: &str) -> impl Iterator<Item = RawClock> + '_ {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() {
            if b[at].is_ascii_digit()
                && let Some(clock) = clock_at(text, at)
            {
                at = clock.range.end;
                return Some(clock);
            }
            at += 1;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::temporal::ZONE;
    use regex::Regex;
    use std::sync::LazyLock;

    /// What a clock reading gives: its span, hour, minute, second, am/pm and zone as written.
    type Read = (
        Range<usize>,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    /// The regex the clock scanner replaced: the oracle it is compared with.
    fn clock_oracle(text: &str) -> Vec<Read> {
        static ORACLE: LazyLock<Regex> = LazyLock::new(|| {
            crate::re::compile(&format!(
                r"(?i:(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}})(?:\.\d+)?)?(?:\s*(?P<ampm>[ap])\.?m\b\.?)?)(?:\s*\(?(?P<zone>{ZONE}))?"
            ))
        });
        ORACLE
            .captures_iter(text)
            .map(|c| {
                let get = |n: &str| c.name(n).map(|m| m.as_str().to_owned());
                (
                    c.get(0).unwrap().range(),
                    get("h").unwrap(),
                    get("m").unwrap(),
                    get("s"),
                    get("ampm").map(|a| a.to_lowercase()),
                    get("zone"),
                )
            })
            .collect()
    }

    fn scanned(text: &str) -> Vec<Read> {
        scan(text)
            .map(|c| {
                let h =
                    &text[c.range.start..text[c.range.start..].find(':').unwrap() + c.range.start];
                let m_at = c.range.start + h.len() + 1;
                (
                    c.range.clone(),
                    h.to_owned(),
                    text[m_at..m_at + 2].to_owned(),
                    c.second.map(|s| format!("{s:02}")),
                    c.pm.map(|p| if p { "p" } else { "a" }.to_owned()),
                    c.zone.map(|z| text[z].to_owned()),
                )
            })
            .collect()
    }

    fn zone_oracle(text: &str) -> bool {
        static ZONE_MENTION: LazyLock<Regex> = LazyLock::new(|| {
            crate::re::compile(&format!(
                r"\b(?:UTC|GMT|{ZONE})|\d(?:Z\b)|(?i:\blocal time\b)|\b(?:US/)?(?:Pacific|Eastern|Central|Mountain)\b"
            ))
        });
        ZONE_MENTION.is_match(text)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn zone_mentions_are_what_the_regex_found(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "UTC", "GMT", "Z", "1Z", "Zx", "+02:00", "-0530", "+1", "Europe/Berlin",
                "Asia/", "PST", "PSTX", "local time", "Local Time", "local  time", "localtime",
                "US/Pacific", "US/", "Pacific", "Pacifics", "Eastern", "Mountain", "x", "2",
                " ", "(", ")", "_", "é", "\u{a0}", "-", "/", ":", "time",
            ]),
            0..6,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(mentions_zone(&text), zone_oracle(&text), "{:?}", text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn the_clock_scanner_reads_what_the_regex_read(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "12:00", "9:05", "23:59:59", "1:02:03.5", "14:02", "7:3", "123:45", "12:00",
                "1", "2", "12", "123", "9", "0", ":", "::", ".", " ", "  ", "\u{a0}", "\t", "\n",
                "a", "p", "A", "PM", "m", "M", ".m", "am", "pm.", "x", "_", "(", ")", "T", "v",
                "Z", "Zx", "UTC", "UTC+", "UTC -", "+", "-", "GMT", "GMT-", "Europe/", "Berlin",
                "America/New_York", "Asia/", "/", "PST", "PSTX", "CEST", "EST", "ET", "é", "😀",
            ]),
            0..10,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(scanned(&text), clock_oracle(&text), "{:?}", text);
        }
    }

    #[test]
    fn loose_clocks_only_where_they_cannot_be_numbers() {
        let at_start = |t: &str| loose_clock_at_start(t).map(|c| c.seconds);
        assert_eq!(at_start("14h02 alert"), Some(14 * 3600 + 2 * 60));
        assert_eq!(at_start("9.05 paged"), Some(9 * 3600 + 5 * 60));
        assert_eq!(at_start("14H02 UTC alert").map(|_| ()), Some(()));
        for not_a_clock in ["18.03.", "1.2.3", "14.025", "25.10 rows", "14:02", "v1.20"] {
            assert_eq!(at_start(not_a_clock), None, "{not_a_clock}");
        }
    }
}
