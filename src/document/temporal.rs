//! Dates, times of day and durations as postmortems write them.

use regex::Regex;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days_in_month).contains(&day) && (1..=9999).contains(&year)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today in UTC, from the system clock.
    /// Today where the tool runs (the system's zone, or `TZ`): a due date written by a team
    /// in California is not past until their day ends.
    pub fn today() -> Date {
        let d = jiff::Zoned::now().date();
        let (month, day) = (d.month().unsigned_abs(), d.day().unsigned_abs());
        Date::new(i32::from(d.year()), month.into(), day.into()).unwrap_or(Date::from_days(0))
    }

    /// Today in the IANA time zone `zone` ("America/Los_Angeles"), if the system knows it.
    pub fn today_in(zone: &str) -> Option<Date> {
        let d = jiff::Timestamp::now().in_tz(zone).ok()?.date();
        Date::new(
            i32::from(d.year()),
            d.month().unsigned_abs().into(),
            d.day().unsigned_abs().into(),
        )
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let mut number = |digits: std::ops::RangeInclusive<usize>| {
            let part = parts.next()?;
            let ok = digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| part.parse::<u32>().ok()).flatten()
        };
        let (year, month, day) = (number(4..=4)?, number(1..=2)?, number(1..=2)?);
        if parts.next().is_some() {
            return None;
        }
        Date::new(year as i32, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The digits by hand: padded integers cost a few hundred instructions each, and a
        // report names many dates. Anything else (never a date that was read) the long way.
        let (Ok(year), true, true) = (u32::try_from(self.year), self.month < 100, self.day < 100)
        else {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        };
        if year > 9999 {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(self.month / 10),
            digit(self.month),
            b'-',
            digit(self.day / 10),
            digit(self.day),
        ];
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

pub const MONTHS: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let idx = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| lower.starts_with(m))?;
    Some(idx as u32 + 1)
}

/// A date found in text, with the byte range it was written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub range: Range<usize>,
    pub date: Date,
    /// The text gave no year and it was taken from `default_year`.
    pub year_assumed: bool,
}

/// All dates in `text`, in order. `MM/DD` and `Month DD` without a year take `default_year`
/// and are skipped when there is none; `03/04` is 3 April when `day_first`.
pub fn find_dates_in_order(
    text: &str,
    default_year: Option<i32>,
    day_first: bool,
) -> Vec<FoundDate> {
    dates_in_order(text, default_year, day_first).collect()
}

/// [`find_dates_in_order`] read as they are asked for: a caller that wants the first date
/// or the last allocates nothing.
pub fn dates_in_order(
    text: &str,
    default_year: Option<i32>,
    day_first: bool,
) -> impl Iterator<Item = FoundDate> + '_ {
    use super::datescan::{Form, scan};
    // Every form has digits: most texts are done without the regex.
    let end = if text.bytes().any(|b| b.is_ascii_digit()) {
        text.len()
    } else {
        0
    };
    scan(&text[..end]).filter_map(move |raw| {
        let num = |r: &Option<Range<usize>>| r.clone().and_then(|r| text[r].parse::<u32>().ok());
        let (month, day) = (Some(raw.month.clone()), Some(raw.day.clone()));
        let (year, month, day) = match raw.form {
            Form::Iso | Form::Dotted => (Some(num(&raw.year)? as i32), num(&month)?, num(&day)?),
            Form::Us => {
                let (first, second) = (num(&month)?, num(&day)?);
                let (month, day) = if day_first {
                    (second, first)
                } else {
                    (first, second)
                };
                // "4/24/23": a two-digit year is this century's.
                let year = num(&raw.year).map(|y| if y < 100 { 2000 + y as i32 } else { y as i32 });
                (year, month, day)
            }
            Form::MonthDay | Form::DayMonth => (
                num(&raw.year).map(|y| y as i32),
                month_number(&text[raw.month.clone()])?,
                num(&day)?,
            ),
        };
        let year_assumed = year.is_none();
        let date = Date::new(year.or(default_year)?, month, day)?;
        Some(FoundDate {
            range: raw.range,
            date,
            year_assumed,
        })
    })
}

/// Parses a cell or field value that should be exactly one date (trailing punctuation and
/// emphasis markers are ignored).
pub fn parse_date(text: &str, default_year: Option<i32>) -> Option<Date> {
    parse_date_in_order(text, default_year, false)
}

/// As [`parse_date`], reading `03/04` as 3 April when `day_first`.
pub fn parse_date_in_order(text: &str, default_year: Option<i32>, day_first: bool) -> Option<Date> {
    let trimmed = text
        .trim_matches(|c: char| c.is_whitespace() || ['*', '_', '`', '.', ',', ';'].contains(&c));
    let mut found = dates_in_order(trimmed, default_year, day_first);
    match (found.next(), found.next()) {
        (Some(one), None) if one.range == (0..trimmed.len()) => Some(one.date),
        _ => None,
    }
}

/// A due date as items state it: a date, or a quarter ("Q4 2025": its last day).
pub fn parse_due(text: &str, default_year: i32, day_first: bool) -> Option<Date> {
    parse_date_in_order(text, Some(default_year), day_first)
        .or_else(|| super::datescan::quarter_end(text, default_year))
}

/// A time of day with what the text said about its zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub range: Range<usize>,
    /// Seconds since midnight.
    pub seconds: u32,
    /// Where the zone is written (`UTC`, `Z`, `+02:00`, `PST`, `Europe/Berlin`) in the text
    /// searched, if it is: nothing is copied for it.
    pub zone: Option<Range<usize>>,
}

pub const ZONE: &str = r"Z\b|UTC(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|GMT(?:[+-]\d{1,2})?|[+-]\d{2}:?\d{2}\b|(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?|(?:PST|PDT|PT|MST|MDT|MT|CST|CDT|CT|EST|EDT|ET|AKST|AKDT|HST|CET|CEST|EET|EEST|WET|WEST|BST|IST|JST|KST|AEST|AEDT|ACST|AWST|NZST|NZDT|SGT|HKT)\b";

/// The first time of day in `text`.
pub fn first_clock(text: &str) -> Option<Clock> {
    clocks(text).next()
}

/// The times of day in `text`, in order, read as they are asked for (every one has a colon).
pub fn clocks(text: &str) -> impl Iterator<Item = Clock> + '_ {
    let end = if text.contains(':') { text.len() } else { 0 };
    super::clock::scan(&text[..end]).filter_map(|raw| {
        // `2026-09-18T14:02` and `14:02` both count; `v1:20` or `1:2:3` ratios do not.
        if let Some(prev) = text[..raw.range.start].chars().next_back()
            && (prev.is_alphanumeric() && prev != 'T' || prev == ':' || prev == '.')
        {
            return None;
        }
        super::clock::valid_clock(raw)
    })
}

/// Whether free text names a time zone ("All times in UTC", "(Europe/Berlin)").
pub fn mentions_zone(text: &str) -> bool {
    super::clock::mentions_zone(text)
}

/// A duration as written, in seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    pub range: Range<usize>,
    pub seconds: u64,
}

/// Word units in any case, with or without a space ("48 minutes", "90-minute"); letter
/// units only lowercase and attached ("1h28m"), so that "3.7M downloads" is no duration.
const WORD_UNITS: &str = r"(?i:days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)";

/// Numbers written as words in durations ("ninety minutes", "an hour and twenty minutes").
const NUMBER_WORDS: &str = r"(?i:an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)";

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let one =
        format!(r"(?:\d+(?:\.\d+)?(?:[\s-]*{WORD_UNITS}|[dhms])|{NUMBER_WORDS}[\s-]+{WORD_UNITS})");
    crate::re::compile(&format!(r"\b{one}(?:\s*,?\s*(?:and\s+)?{one})*\b"))
});

static DURATION_PART: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(&format!(
        r"(\d+(?:\.\d+)?)(?:[\s-]*({WORD_UNITS})|([dhms]))|\b({NUMBER_WORDS})[\s-]+({WORD_UNITS})"
    ))
});

fn number_word(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "forty-five" => 45.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// All durations in `text` ("48 minutes", "1 hour 28 minutes", "1h28m").
pub fn find_durations(text: &str) -> Vec<Duration> {
    let Some(found) = super::duration::scan(text) else {
        // More parts in one duration than the scanner follows: the regexes read it.
        return find_durations_by_regex(text);
    };
    found
        .into_iter()
        .filter_map(|(range, parts)| {
            let mut seconds = 0.0_f64;
            for part in parts {
                let number = &text[part.number];
                let n: f64 = match part.word {
                    false => number.parse().ok()?,
                    true => number_word(number)?,
                };
                seconds += n * unit_seconds(&text[part.unit])?;
            }
            Some(Duration {
                range,
                seconds: seconds.round() as u64,
            })
        })
        .collect()
}

/// Seconds in a unit as written ("days", "h", "Minutes").
fn unit_seconds(unit: &str) -> Option<f64> {
    Some(match unit.chars().next()?.to_ascii_lowercase() {
        'd' => 86_400.0,
        'h' => 3_600.0,
        'm' => 60.0,
        _ => 1.0,
    })
}

/// [`find_durations`] by the regexes the scanner was written from: for texts beyond what the
/// scanner follows, and as the oracle its tests compare with.
pub(super) fn find_durations_by_regex(text: &str) -> Vec<Duration> {
    DURATION
        .find_iter(text)
        .filter_map(|m| {
            let mut seconds = 0.0_f64;
            for part in DURATION_PART.captures_iter(m.as_str()) {
                let n: f64 = match (part.get(1), part.get(4)) {
                    (Some(digits), _) => digits.as_str().parse().ok()?,
                    (None, Some(word)) => number_word(word.as_str())?,
                    (None, None) => continue,
                };
                let unit = part.get(2).or(part.get(3)).or(part.get(5))?;
                seconds += n * unit_seconds(unit.as_str())?;
            }
            Some(Duration {
                range: m.range(),
                seconds: seconds.round() as u64,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {

    #[test]
    fn iso_dates_exactly() {
        let d = |t: &str| Date::parse_iso(t).map(|d| d.to_string());
        assert_eq!(d(" 2026-11-27 ").as_deref(), Some("2026-11-27"));
        assert_eq!(d("2026-1-2").as_deref(), Some("2026-01-02"));
        for bad in [
            "26-11-27",
            "2026-11-27-1",
            "2026-11",
            "2026-111-1",
            "2026-02-30",
            "2026-+1-02",
            "",
        ] {
            assert_eq!(d(bad), None, "{bad}");
        }
    }

    use super::*;

    proptest::proptest! {
        #[test]
        fn dates_print_as_padded_numbers(year in -20_000i32..20_000, month in 0u32..200, day in 0u32..200) {
            let date = Date { year, month, day };
            proptest::prop_assert_eq!(date.to_string(), format!("{year:04}-{month:02}-{day:02}"));
        }
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-1000, 0, 1, 59, 365, 20_000, 21_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::new(2026, 12, 15).unwrap().days() - Date::new(2026, 11, 15).unwrap().days(),
            30
        );
        assert!(Date::new(2026, 2, 29).is_none());
    }

    #[test]
    fn every_documented_date_form_parses() {
        let d = Date::new(2026, 12, 15);
        for text in [
            "2026-12-15",
            "2026/12/15",
            "12/15",
            "12/15/2026",
            "Dec 15, 2026",
            "15 Dec 2026",
            "December 15th, 2026",
            "**2026-12-15**",
            "15. December 2026",
        ] {
            assert_eq!(parse_date(text, Some(2026)), d, "{text}");
        }
        for text in ["soon", "MM/DD", "TBD", "", "2026-13-01", "Q3"] {
            assert_eq!(parse_date(text, Some(2026)), None, "{text}");
        }
        assert_eq!(parse_date("12/15", None), None);
    }

    #[test]
    fn clocks_with_zones_and_am_pm() {
        let text = "at 4:02 PM UTC then 22:17Z and 2026-09-18T14:02:11+02:00";
        let c: Vec<Clock> = clocks(text).collect();
        let secs: Vec<u32> = c.iter().map(|c| c.seconds).collect();
        assert_eq!(
            secs,
            vec![
                16 * 3600 + 120,
                22 * 3600 + 17 * 60,
                14 * 3600 + 2 * 60 + 11
            ]
        );
        let zones: Vec<_> = c.iter().map(|c| c.zone.clone().map(|z| &text[z])).collect();
        assert_eq!(zones, vec![Some("UTC"), Some("Z"), Some("+02:00")]);
        assert!(clocks("ratio 3:1 and v1:20").next().is_none());
    }

    #[test]
    fn durations_in_the_forms_people_write() {
        let secs = |t: &str| find_durations(t).first().map(|d| d.seconds);
        assert_eq!(secs("lasted 48 minutes"), Some(48 * 60));
        assert_eq!(secs("1 hour 28 minutes"), Some(88 * 60));
        assert_eq!(secs("1h28m"), Some(88 * 60));
        assert_eq!(secs("4 hours and 25 minutes"), Some(265 * 60));
        assert_eq!(secs("a 90-minute outage"), Some(90 * 60));
        assert_eq!(secs("5 months"), None);
        assert_eq!(secs("latency 10 ms"), None);
        assert_eq!(secs("3.7M downloads"), None);
        assert_eq!(secs("48m"), Some(48 * 60));
    }

    #[test]
    fn durations_in_words_and_letters() {
        let seconds = |t: &str| find_durations(t).first().map(|d| d.seconds);
        assert_eq!(seconds("unusable for about 1h50m."), Some(6600));
        assert_eq!(seconds("down for ninety minutes"), Some(5400));
        assert_eq!(seconds("an hour and twenty minutes"), Some(4800));
        assert_eq!(seconds("one of the nodes"), None);
        assert_eq!(seconds("an outage"), None);
    }

    #[test]
    fn zone_mentions() {
        assert!(mentions_zone("All times in UTC."));
        assert!(mentions_zone("Timeline (all times PT )"));
        assert!(mentions_zone("Timeline (Europe/Berlin)"));
        assert!(mentions_zone("14:02Z"));
        assert!(!mentions_zone("Timeline"));
        assert!(!mentions_zone("Zero downtime"));
    }
}
