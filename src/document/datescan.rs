//! Dates, read by hand: `2026-09-18`, `9/18`, `4/24/23`, `18.09.2026`, `Sept. 18th, 2026`,
//! `18 September`.
//! This is the grammar the tool once read with one regex (kept in the tests as the oracle
//! this scanner is compared with), with the regex's leftmost-first choices: at each position
//! the forms are tried in order (ISO, US, month-day-year, day-month-year), each part greedy
//! and given back only when what follows fails.

use crate::re::is_word;
use std::ops::Range;

/// Which form a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Iso,
    Us,
    /// `18.09.2026`: day, month and a four-digit year, as much of Europe writes them.
    Dotted,
    MonthDay,
    DayMonth,
}

/// A date as written: where, its form, and where its year, month and day are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDate {
    pub range: Range<usize>,
    pub form: Form,
    pub year: Option<Range<usize>>,
    /// Digits, or a month's name.
    pub month: Range<usize>,
    pub day: Range<usize>,
}

/// `\b` before a word character at `at`.
fn starts_word(b: &[u8], at: usize) -> bool {
    at == 0 || !is_word(b[at - 1])
}

/// `\b` after a word character, before `at`.
fn ends_word(b: &[u8], at: usize) -> bool {
    b.get(at).is_none_or(|&c| !is_word(c))
}

/// Digit runs at `at` of the lengths `lens` that are there, longest first (`\d{1,2}` tries two
/// digits, then one).
fn digit_options<'l>(b: &[u8], at: usize, lens: &'l [usize]) -> impl Iterator<Item = usize> + 'l {
    let run = b[at.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    lens.iter().copied().filter(move |&n| n <= run)
}

/// The end of a run of at least one whitespace character at `at`.
fn spaces(text: &str, at: usize) -> Option<usize> {
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i);
    (end > at).then_some(end)
}

fn starts_with_ci(b: &[u8], at: usize, word: &str) -> bool {
    b.len() >= at + word.len() && b[at..at + word.len()].eq_ignore_ascii_case(word.as_bytes())
}

/// Month names as the regex listed them: a stem, then optional endings, longest first.
const MONTHS: &[(&str, &[&str])] = &[
    ("jan", &["uary", ""]),
    ("feb", &["ruary", ""]),
    ("mar", &["ch", ""]),
    ("apr", &["il", ""]),
    ("may", &[""]),
    ("jun", &["e", ""]),
    ("jul", &["y", ""]),
    ("aug", &["ust", ""]),
    ("sep", &["tember", "t", ""]),
    ("oct", &["ober", ""]),
    ("nov", &["ember", ""]),
    ("dec", &["ember", ""]),
];

/// Where a month's name written at `at` may end, in the order the regex tries them.
fn month_ends(b: &[u8], at: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (stem, endings) in MONTHS {
        if !starts_with_ci(b, at, stem) {
            continue;
        }
        for ending in *endings {
            if starts_with_ci(b, at + stem.len(), ending) {
                out.push(at + stem.len() + ending.len());
            }
        }
    }
    out
}

/// `(?:,?\s+(\d{4})\b)?` at `at`: the year's range, if there is one.
fn trailing_year(text: &str, at: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let comma = if b.get(at) == Some(&b',') { at + 1 } else { at };
    for start in [comma, at] {
        if let Some(year) = spaces(text, start)
            && digit_options(b, year, &[4]).any(|n| n == 4)
            && ends_word(b, year + 4)
        {
            return Some(year..year + 4);
        }
        if comma == at {
            break;
        }
    }
    None
}

/// `\b\d{4}[-/]\d{1,2}[-/]\d{1,2}\b`
fn iso(b: &[u8], at: usize) -> Option<RawDate> {
    if !digit_options(b, at, &[4]).any(|n| n == 4) || !matches!(b.get(at + 4), Some(b'-' | b'/')) {
        return None;
    }
    for m in digit_options(b, at + 5, &[2, 1]) {
        let sep = at + 5 + m;
        if !matches!(b.get(sep), Some(b'-' | b'/')) {
            continue;
        }
        for d in digit_options(b, sep + 1, &[2, 1]) {
            if ends_word(b, sep + 1 + d) {
                return Some(RawDate {
                    range: at..sep + 1 + d,
                    form: Form::Iso,
                    year: Some(at..at + 4),
                    month: at + 5..sep,
                    day: sep + 1..sep + 1 + d,
                });
            }
        }
    }
    None
}

/// `\b\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?\b`
fn us(b: &[u8], at: usize) -> Option<RawDate> {
    for m in digit_options(b, at, &[2, 1]) {
        if b.get(at + m) != Some(&b'/') {
            continue;
        }
        let day_at = at + m + 1;
        for d in digit_options(b, day_at, &[2, 1]) {
            let end = day_at + d;
            let mut years: Vec<Option<Range<usize>>> = Vec::new();
            if b.get(end) == Some(&b'/') {
                for n in digit_options(b, end + 1, &[4, 2]) {
                    years.push(Some(end + 1..end + 1 + n));
                }
            }
            years.push(None);
            for year in years {
                let stop = year.as_ref().map_or(end, |y| y.end);
                if ends_word(b, stop) {
                    return Some(RawDate {
                        range: at..stop,
                        form: Form::Us,
                        year,
                        month: at..at + m,
                        day: day_at..end,
                    });
                }
            }
        }
    }
    None
}

/// `\b\d{1,2}\.\d{1,2}\.\d{4}\b`: only with its year, so that versions ("1.24") stay out.
fn dotted(b: &[u8], at: usize) -> Option<RawDate> {
    for d in digit_options(b, at, &[2, 1]) {
        if b.get(at + d) != Some(&b'.') {
            continue;
        }
        let month_at = at + d + 1;
        for m in digit_options(b, month_at, &[2, 1]) {
            let year_at = month_at + m + 1;
            if b.get(month_at + m) == Some(&b'.')
                && digit_options(b, year_at, &[4]).next().is_some()
                && ends_word(b, year_at + 4)
            {
                return Some(RawDate {
                    range: at..year_at + 4,
                    form: Form::Dotted,
                    year: Some(year_at..year_at + 4),
                    month: month_at..month_at + m,
                    day: at..at + d,
                });
            }
        }
    }
    None
}

/// `(?:st|nd|rd|th)` (and `\.` after a day-month's day) at `at`, then without.
fn suffix_options(b: &[u8], at: usize, dot: bool) -> Vec<usize> {
    let mut out: Vec<usize> = ["st", "nd", "rd", "th"]
        .iter()
        .filter(|s| starts_with_ci(b, at, s))
        .map(|s| at + s.len())
        .collect();
    if dot && b.get(at) == Some(&b'.') {
        out.push(at + 1);
    }
    out.push(at);
    out
}

/// `\b MONTH \.? \s+ \d{1,2} (?:st|nd|rd|th)? \b (?:,?\s+\d{4}\b)?`
fn month_day(text: &str, at: usize) -> Option<RawDate> {
    let b = text.as_bytes();
    for month_end in month_ends(b, at) {
        let dots = if b.get(month_end) == Some(&b'.') {
            vec![month_end + 1, month_end]
        } else {
            vec![month_end]
        };
        for after in dots {
            let Some(day_at) = spaces(text, after) else {
                continue;
            };
            for d in digit_options(b, day_at, &[2, 1]) {
                for end in suffix_options(b, day_at + d, false) {
                    if ends_word(b, end) {
                        let year = trailing_year(text, end);
                        return Some(RawDate {
                            range: at..year.as_ref().map_or(end, |y| y.end),
                            form: Form::MonthDay,
                            year,
                            month: at..month_end,
                            day: day_at..day_at + d,
                        });
                    }
                }
            }
        }
    }
    None
}

/// `\b \d{1,2} (?:st|nd|rd|th|\.)? \s+ MONTH \b \.? (?:,?\s+\d{4}\b)?`, or with hyphens,
/// `\b \d{1,2} - MONTH \b (?:-\d{4}\b)?` ("11-Oct-2024").
fn day_month(text: &str, at: usize) -> Option<RawDate> {
    let b = text.as_bytes();
    for d in digit_options(b, at, &[2, 1]) {
        if b.get(at + d) == Some(&b'-') {
            for month_end in month_ends(b, at + d + 1) {
                if !ends_word(b, month_end) {
                    continue;
                }
                let year = (b.get(month_end) == Some(&b'-')
                    && digit_options(b, month_end + 1, &[4]).any(|n| n == 4)
                    && ends_word(b, month_end + 5))
                .then_some(month_end + 1..month_end + 5);
                return Some(RawDate {
                    range: at..year.as_ref().map_or(month_end, |y| y.end),
                    form: Form::DayMonth,
                    year,
                    month: at + d + 1..month_end,
                    day: at..at + d,
                });
            }
        }
        for after in suffix_options(b, at + d, true) {
            let Some(month_at) = spaces(text, after) else {
                continue;
            };
            for month_end in month_ends(b, month_at) {
                if !ends_word(b, month_end) {
                    continue;
                }
                let end = if b.get(month_end) == Some(&b'.') {
                    month_end + 1
                } else {
                    month_end
                };
                let year = trailing_year(text, end);
                return Some(RawDate {
                    range: at..year.as_ref().map_or(end, |y| y.end),
                    form: Form::DayMonth,
                    year,
                    month: month_at..month_end,
                    day: at..at + d,
                });
            }
        }
    }
    None
}

/// Every date in `text`, left to right, each search resuming where the last date ended.
pub fn scan(text: &str) -> impl Iterator<Item = RawDate> + '_ {
    let b = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < b.len() {
            let found = if !is_word(b[at]) || !starts_word(b, at) {
                None
            } else if b[at].is_ascii_digit() {
                iso(b, at)
                    .or_else(|| us(b, at))
                    .or_else(|| dotted(b, at))
                    .or_else(|| day_month(text, at))
            } else {
                month_day(text, at)
            };
            match found {
                Some(date) => {
                    at = date.range.end;
                    return Some(date);
                }
                None => at += 1,
            }
        }
        None
    })
}

/// A quarter as a due date ("Q4 2025", "Q1", "Q3'26"): its last day.
pub fn quarter_end(text: &str, default_year: i32) -> Option<super::temporal::Date> {
    let t = text.trim().trim_end_matches([')', '.', ',', ';']).trim();
    let rest = t.strip_prefix(['Q', 'q'])?;
    let quarter = rest
        .chars()
        .next()?
        .to_digit(10)
        .filter(|q| (1..=4).contains(q))?;
    let year_text = rest[1..].trim_start_matches([' ', '\'', '’', '/', '-']);
    let year = match year_text.len() {
        0 => default_year,
        2 if year_text.bytes().all(|b| b.is_ascii_digit()) => {
            2000 + year_text.parse::<i32>().ok()?
        }
        4 if year_text.bytes().all(|b| b.is_ascii_digit()) => year_text.parse().ok()?,
        _ => return None,
    };
    let month = quarter * 3;
    let day = if month == 6 || month == 9 { 30 } else { 31 };
    super::temporal::Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::temporal::MONTHS;
    use regex::Regex;
    use std::sync::LazyLock;

    /// What a date reading gives: its span, form, and year, month and day as written.
    type Read = (Range<usize>, Form, Option<String>, String, String);

    /// The regex the scanner replaced: the oracle it is compared with.
    fn oracle(text: &str) -> Vec<Read> {
        static DATE: LazyLock<Regex> = LazyLock::new(|| {
            crate::re::compile(&format!(
                r"(?ix)
                (?P<iso>\b(?P<iy>\d{{4}})[-/](?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}})\b)
                | (?P<us>\b(?P<um>\d{{1,2}})/(?P<ud>\d{{1,2}})(?:/(?P<uy>\d{{4}}|\d{{2}}))?\b)
                | (?P<eu>\b(?P<ed>\d{{1,2}})\.(?P<em>\d{{1,2}})\.(?P<ey>\d{{4}})\b)
                | (?P<mdy>\b(?P<mm>{MONTHS})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<my>\d{{4}})\b)?)
                | (?P<dmy>\b(?P<dd>\d{{1,2}})(?:-(?P<hm>{MONTHS})\b(?:-(?P<hy>\d{{4}})\b)?|(?:st|nd|rd|th|\.)?\s+(?P<dm>{MONTHS})\b\.?(?:,?\s+(?P<dy>\d{{4}})\b)?))
                "
            ))
        });
        DATE.captures_iter(text)
            .map(|c| {
                let get = |n: &str| c.name(n).map(|m| m.as_str().to_owned());
                let (form, y, m, d) = if c.name("iso").is_some() {
                    (Form::Iso, "iy", "im", "id")
                } else if c.name("us").is_some() {
                    (Form::Us, "uy", "um", "ud")
                } else if c.name("eu").is_some() {
                    (Form::Dotted, "ey", "em", "ed")
                } else if c.name("mdy").is_some() {
                    (Form::MonthDay, "my", "mm", "md")
                } else if c.name("hm").is_some() {
                    (Form::DayMonth, "hy", "hm", "dd")
                } else {
                    (Form::DayMonth, "dy", "dm", "dd")
                };
                (
                    c.get(0).unwrap().range(),
                    form,
                    get(y),
                    get(m).unwrap(),
                    get(d).unwrap(),
                )
            })
            .collect()
    }

    fn scanned(text: &str) -> Vec<Read> {
        scan(text)
            .map(|d| {
                (
                    d.range,
                    d.form,
                    d.year.map(|y| text[y].to_owned()),
                    text[d.month].to_owned(),
                    text[d.day].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn forms() {
        assert_eq!(
            scanned("on 2026-9-18, 4/24/23 and Sept. 18th, 2026; 18 September 2026"),
            oracle("on 2026-9-18, 4/24/23 and Sept. 18th, 2026; 18 September 2026")
        );
        assert_eq!(scanned("on 2026-9-18").len(), 1);
        assert_eq!(scanned("due 11-Oct-2024"), oracle("due 11-Oct-2024"));
        assert_eq!(scanned("due 11-Oct-2024")[0].2.as_deref(), Some("2024"));
        assert_eq!(scanned("on 18.09.2026 at"), oracle("on 18.09.2026 at"));
        assert_eq!(scanned("on 18.09.2026")[0].1, Form::Dotted);
        assert!(scanned("version 1.24.0 and 10.0.0.1").is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn the_date_scanner_reads_what_the_regex_read(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "2026-09-18", "2026/9/1", "4/24/23", "12/15", "1/2/12345", "1/2/123", "9/18/2026",
                "Sept. 18th", "Sep 18", "September", "sept", "Jan", "january", "JUNE", "jun",
                "Mar", "marching", "May", "mayday", "Dec.", "18", "1", "123", "2026", "12345",
                "st", "nd", "th", "thx", ".", ",", " ", "  ", "\u{a0}", "\n", "-", "/", "_",
                "x", "a", "é", "😀", "5th", "31st", "18.", "2026-1", "-01", "11-Oct-2024",
                "3-mar", "-Oct-", "18.09.2026", "1.2.", "31.12", "1.24.0",
            ]),
            0..9,
        )) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(scanned(&text), oracle(&text), "{:?}", text);
        }
    }
}
