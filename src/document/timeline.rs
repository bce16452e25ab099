//! The timeline: every line of the Timeline section that starts with a time of day is an
//! entry (list items, table rows, one sub-heading per timestamp, or plain lines). Dates written
//! on their own ("2026-09-18 (all times UTC)", "### Dec 13") date the entries after them.

use super::Document;
use super::clock;
use super::temporal::{self, Date};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Timeline {
    /// Index into `Document::sections`.
    pub section: usize,
    pub entries: Vec<TimelineEntry>,
    /// The heading, a timestamp or a note in the section names a time zone.
    pub states_zone: bool,
    /// Where a new day may start between entries: a line that is a date (with or without its
    /// year) and the section's sub-headings ("### Day 2"), in order.
    pub day_breaks: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct TimelineEntry {
    /// The entry's first line.
    pub line: Range<usize>,
    pub stamp: Stamp,
}

#[derive(Debug, Clone)]
pub struct Stamp {
    /// The written timestamp, date included when the entry has one.
    pub range: Range<usize>,
    /// The entry's own date, or the last date written before it in the section.
    pub date: Option<Date>,
    pub seconds: u32,
    /// Where the entry's zone is written in the document, if it is.
    pub zone: Option<Range<usize>>,
}

/// How far into a line (after list, table and emphasis markers) a timestamp may start.
const STAMP_WINDOW: usize = 40;

pub fn read(doc: &Document<'_>) -> Option<Timeline> {
    let default_year = doc.incident_date.map(|d| d.year);
    let named = doc.section_index("timeline");
    let section_index = named.or_else(|| stamped_section(doc, default_year))?;
    let section = &doc.sections[section_index];
    // "## Timeline" followed by "## 2026-09-18", "## Day 2" at its own level: the days are
    // the timeline's, as if they were its sub-headings.
    let mut body = section.body.clone();
    for next in &doc.sections[section_index + 1..] {
        if next.heading.level > section.heading.level
            || next.kind.is_some()
            || !names_a_day(doc, &next.heading.text, default_year)
        {
            break;
        }
        body.end = body.end.max(next.body.end);
    }
    // Room for an entry every 64 bytes (up to 1,024), so that a timeline's vectors seldom
    // grow.
    let lines = (body.len() / 64 + 1).min(1024);
    let mut entries = Vec::with_capacity(lines);
    let mut entry_lines: Vec<Range<usize>> = Vec::with_capacity(lines);
    let mut offset = body.start;
    let mut day_breaks: Vec<usize> = Vec::new();
    let mut last_yearless: Option<Date> = None;
    for line in crate::source::lines_inclusive(doc.slice(body.clone())) {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches('\n');
        if doc.is_excluded(start) || line.trim().is_empty() {
            continue;
        }
        if !may_hold_stamp(line) {
            continue;
        }
        if let Some((stamp, day)) = stamp_at_line_start(line, start, default_year, doc.day_first) {
            // "Jan 10, 14:02" in a document that never says its year: the entry is read, and
            // a change of day between two entries is a new day, as a date line is.
            if let Some(day) = day {
                if last_yearless.is_some_and(|d| d != day) {
                    day_breaks.push(start.saturating_sub(1));
                }
                last_yearless = Some(day);
            }
            entry_lines.push(start..start + line.len());
            entries.push(TimelineEntry {
                line: start..start + line.len(),
                stamp,
            });
        }
    }
    // A date that opens a non-entry line ("### 2026-09-18", "**Dec 13**") dates the entries
    // after it, and so does an entry's own date; dates inside prose do not.
    let prose = doc.prose_text(body.clone());
    let mut markers: Vec<(usize, Date)> = Vec::new();
    day_breaks.extend(
        doc.sections
            .iter()
            .map(|s| s.heading.range.start)
            .filter(|h| body.contains(h)),
    );
    let mut at = body.start;
    for line in crate::source::lines_inclusive(&prose) {
        let start = at;
        at += line.len();
        if entry_lines
            .binary_search_by_key(&start, |l| l.start)
            .is_ok()
        {
            continue;
        }
        let lead = line.len()
            - line
                .trim_start_matches(|c: char| c.is_whitespace() || is_marker(c))
                .len();
        if !may_open_with_date(&line[lead..]) {
            continue;
        }
        // Emphasis around a date line ("_4/24/23_") is not part of the date.
        let text = line[lead..]
            .trim_end_matches(|c: char| c.is_whitespace() || ['_', '*', '`'].contains(&c));
        if let Some(d) = doc.find_dates(text, default_year).next()
            && d.range.start == 0
        {
            markers.push((start, d.date));
            day_breaks.push(start);
        } else if default_year.is_none()
            // "Jan 4" in a document that never says its year: a new day all the same.
            && doc
                .find_dates(text, Some(STAND_IN_YEAR))
                .next()
                .is_some_and(|d| d.range.start == 0)
        {
            day_breaks.push(start);
        } else if let Some(d) = dotted_day(text, default_year.unwrap_or(STAND_IN_YEAR)) {
            // "**17.03.**": a day and month alone on their line, as German and Nordic
            // timelines head their days.
            if default_year.is_some() {
                markers.push((start, d));
            }
            day_breaks.push(start);
        }
    }
    let mut current: Option<Date> = None;
    let mut next_marker = markers.iter().peekable();
    for entry in &mut entries {
        while let Some((_, date)) = next_marker.next_if(|(m, _)| *m < entry.line.start) {
            current = Some(*date);
        }
        match entry.stamp.date {
            Some(own) => current = Some(own),
            None => entry.stamp.date = current,
        }
    }
    let states_zone = temporal::mentions_zone(&section.heading.text)
        || entries.iter().any(|e| e.stamp.zone.is_some())
        // "_All times in EEST_": emphasis is not part of the zone's word.
        || temporal::mentions_zone(&prose.replace('_', " "))
        // A section found by its stamps alone is often told under a summary that gives the
        // zone once ("At 06:00 UTC the certificate expired"): the document's word counts.
        || named.is_none() && temporal::mentions_zone(&doc.prose_text(0..doc.text().len()));
    day_breaks.sort_unstable();
    Some(Timeline {
        section: section_index,
        entries,
        states_zone,
        day_breaks,
    })
}

/// The stamp that opens `line`, if one does, and the day it names when that day has no year
/// the document tells (read in a stand-in year: only whether two such days differ counts).
fn stamp_at_line_start(
    line: &str,
    line_start: usize,
    default_year: Option<i32>,
    day_first: bool,
) -> Option<(Stamp, Option<Date>)> {
    let lead = line
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || is_marker(c)))
        .map_or(line.len(), |(i, _)| i);
    // Skip an ordered-list marker such as "3." before the stamp.
    let rest = &line[lead..];
    let lead = lead + ordered_marker_len(rest);
    let window_end = floor_boundary(line, (lead + STAMP_WINDOW).min(line.len()));
    let window = &line[lead..window_end];
    let colon = temporal::first_clock(window).and_then(|clock| {
        let before = &window[..clock.range.start];
        // ISO 8601's "2026-09-18T14:02": the date ends where its "T" starts.
        let before = before
            .strip_suffix('T')
            .filter(|b| b.ends_with(|c: char| c.is_ascii_digit()))
            .unwrap_or(before);
        if let Some(dates) = dated_separators(before, default_year, day_first) {
            return Some((clock, dates, None));
        }
        let (first, day) = dated_separators(before, Some(STAND_IN_YEAR), day_first)
            .filter(|_| default_year.is_none())?;
        Some((clock, (first, None), day))
    });
    // "14h02", "14.02": only where the entry opens.
    let (clock, (first_date, last_date), yearless) =
        colon.or_else(|| Some((clock::loose_clock_at_start(window)?, (None, None), None)))?;
    let stamp_start = first_date.unwrap_or(clock.range.start);
    // "03:30 AM PST Sunday Oct 31st: …": the date may follow the time, after a weekday.
    let date_after = || {
        let after = &line[lead + clock.range.end..];
        let after = &after[..floor_boundary(after, after.len().min(32))];
        // Every date has a digit (as `dates_in_order` knows): most entries go on with words.
        if !after.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let skipped: usize = after
            .split_inclusive(' ')
            .take_while(|w| {
                let w = w.trim().trim_matches(|c: char| !c.is_alphanumeric());
                w.is_empty() || is_weekday(w)
            })
            .map(str::len)
            .sum();
        temporal::dates_in_order(&after[skipped..], default_year, day_first)
            .next()
            .filter(|d| d.range.start == 0)
            .map(|d| d.date)
    };
    let stamp = Stamp {
        range: line_start + lead + stamp_start..line_start + lead + clock.range.end,
        date: last_date.or_else(date_after),
        seconds: clock.seconds,
        zone: clock
            .zone
            .map(|z| line_start + lead + z.start..line_start + lead + z.end),
    };
    Some((stamp, yearless))
}

/// Without a section named as the timeline, the first section most of whose lines are
/// entries that open with a time of day (at least three): "## What happened", "## Events"
/// written as a list of stamped entries are one; paragraphs that open "At 14:03" are not.
fn stamped_section(doc: &Document<'_>, default_year: Option<i32>) -> Option<usize> {
    doc.sections.iter().position(|section| {
        let (mut lines, mut stamped) = (0, 0);
        for line in crate::source::lines_inclusive(doc.slice(section.body.clone())) {
            let line = line.trim_end_matches('\n');
            if line.trim().is_empty() {
                continue;
            }
            lines += 1;
            // Entries, not narrative: a list item, a table row, or a line that opens with
            // the time ("At 14:03 the deploy ran …" is a paragraph of prose).
            let entry = line
                .trim_start()
                .starts_with(|c: char| is_marker(c) || c.is_ascii_digit());
            if entry
                && may_hold_stamp(line)
                && stamp_at_line_start(line, 0, default_year, doc.day_first).is_some()
            {
                stamped += 1;
            }
        }
        stamped >= 3 && stamped * 2 >= lines
    })
}

/// The year yearless dates are read in when the document names none (only to tell days
/// apart).
const STAND_IN_YEAR: i32 = 2000;

/// A line that is only a day and a month written with dots ("17.03.", "3.11"), as a date
/// in `year`.
fn dotted_day(text: &str, year: i32) -> Option<Date> {
    let text = text.strip_suffix('.').unwrap_or(text);
    let (day, month) = text.split_once('.')?;
    let number = |s: &str| {
        (1..=2)
            .contains(&s.len())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    Date::new(year, number(month)?, number(day)?)
}

/// A cheap test before reading a stamp: a colon near the start of the line (most lines
/// have none), or a clock written "14h02" or "14.02" opening it.
fn may_hold_stamp(line: &str) -> bool {
    let window = floor_boundary(line, line.len().min(STAMP_WINDOW + 8));
    line.as_bytes()[..window].contains(&b':') || opens_loose_clock(line)
}

/// Whether `line` opens (after its list marker) with a clock written "14h02" or "14.02".
fn opens_loose_clock(line: &str) -> bool {
    let text = line.trim_start_matches(|c: char| c.is_whitespace() || is_marker(c));
    text.starts_with(|c: char| c.is_ascii_digit()) && clock::loose_clock_at_start(text).is_some()
}

/// Whether a heading names a day: opens with a date ("2026-09-18", "Sept 18", with or without
/// its year), or is a weekday or "Day 2".
fn names_a_day(doc: &Document<'_>, heading: &str, default_year: Option<i32>) -> bool {
    let text = heading.trim();
    let first = text.split_whitespace().next().unwrap_or("");
    let first = first.trim_matches(|c: char| !c.is_alphanumeric());
    is_weekday(first)
        || first.eq_ignore_ascii_case("day")
            && text
                .split_whitespace()
                .nth(1)
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        || may_open_with_date(text)
            && doc
                .find_dates(text, default_year.or(Some(STAND_IN_YEAR)))
                .next()
                .is_some_and(|d| d.range.start == 0)
}

/// A cheap test before the date regex: a digit, or the first letters of a month name.
fn may_open_with_date(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        return true;
    }
    text.as_bytes().get(..3).is_some_and(|head| {
        [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .any(|month| head.eq_ignore_ascii_case(month.as_bytes()))
    })
}

/// Where the first date of `before` (the text ahead of an entry's time) starts and the last
/// one's date, when all that is left of `before` without its dates are separators; `None`
/// otherwise.
fn dated_separators(
    before: &str,
    default_year: Option<i32>,
    day_first: bool,
) -> Option<(Option<usize>, Option<Date>)> {
    // It is read gap by gap between the dates, without a copy, unless a word runs on from one
    // gap into the next ("a" + date + "t" leaves "at"): then the gaps are joined.
    let (mut first_date, mut last_date) = (None, None);
    let (mut at, mut fits, mut runs_on, mut after_space) = (0, true, false, true);
    let mut dates = temporal::dates_in_order(before, default_year, day_first);
    loop {
        let date = dates.next();
        let end = date.as_ref().map_or(before.len(), |d| d.range.start);
        match before.get(at..end) {
            Some(gap) => {
                runs_on |= word_runs_on(gap, &mut after_space);
                fits &= separators(gap);
            }
            // Dates that overlap (never seen): the joined text decides.
            None => runs_on = true,
        }
        let Some(date) = date else { break };
        first_date.get_or_insert(date.range.start);
        last_date = Some(date.date);
        at = date.range.end;
    }
    if runs_on {
        let mut leftover = before.to_owned();
        for d in temporal::find_dates_in_order(before, default_year, day_first)
            .iter()
            .rev()
        {
            leftover.replace_range(d.range.clone(), "");
        }
        fits = separators(&leftover);
    }
    fits.then_some((first_date, last_date))
}

/// Whether `c` is list, quote, heading, table or emphasis markup that may come before an
/// entry's time or a date line's date.
fn is_marker(c: char) -> bool {
    matches!(c, '-' | '*' | '+' | '>' | '#' | '|' | '_' | '`' | '[' | ']')
}

/// Whether every word of `text` may stand between a date and a time, or before the time: a
/// weekday, "at", "T", a word of approximation ("approx.", "around", "~"), or punctuation.
fn separators(text: &str) -> bool {
    text.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || is_weekday(w)
            || w == "T"
            // A zone written before the time: "UTC 15:48".
            || w.len() <= 4 && w.bytes().all(|c| c.is_ascii_uppercase()) && temporal::mentions_zone(w)
            || [
                "at",
                "approx",
                "approximately",
                "around",
                "about",
                "circa",
                "ca",
            ]
            .iter()
            .any(|a| w.eq_ignore_ascii_case(a))
    })
}

/// Whether `gap`, written right after text that ended in whitespace (`after_space`) or not,
/// carries on that text's last word; `after_space` then tells how `gap` ends.
fn word_runs_on(gap: &str, after_space: &mut bool) -> bool {
    let (Some(first), Some(last)) = (gap.chars().next(), gap.chars().next_back()) else {
        return false;
    };
    let runs_on = !*after_space && !first.is_whitespace();
    *after_space = last.is_whitespace();
    runs_on
}

fn ordered_marker_len(text: &str) -> usize {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && digits < 4
        && text[digits..].starts_with(['.', ')'])
        && text[digits + 1..].starts_with(' ')
    {
        digits + 2
    } else {
        0
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_weekday(w: &str) -> bool {
    w.len() <= 9
        && ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .any(|d| {
                w.as_bytes()
                    .get(..3)
                    .is_some_and(|head| head.eq_ignore_ascii_case(d.as_bytes()))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Reading the gaps between dates answers as taking the dates out of a copy does.
        #[test]
        fn gaps_read_as_the_copy_without_dates(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "2026-09-18", "Sep 18", "9/18", " ", "a", "t", "T", "at", "Mon", "**", "-", "x",
                "Friday", "3",
            ]), 0..8),
            year in proptest::option::of(2020i32..2030),
        ) {
            let before = parts.concat();
            let dates = temporal::find_dates_in_order(&before, year, false);
            let mut leftover = before.clone();
            for d in dates.iter().rev() {
                leftover.replace_range(d.range.clone(), "");
            }
            let expected = separators(&leftover).then(|| {
                (dates.first().map(|d| d.range.start), dates.last().map(|d| d.date))
            });
            let got = dated_separators(&before, year, false);
            proptest::prop_assert_eq!(
                got.map(|(s, d)| (s, d.map(|d| d.to_string()))),
                expected.map(|(s, d)| (s, d.map(|d| d.to_string())))
            );
        }
    }
}
