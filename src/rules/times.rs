//! When things happened, as the document states it: due dates of action items, and the
//! detection time, resolution time and duration the summary gives (read once per document).

use crate::document::temporal::{self, Clock, Date, Duration};
use crate::document::{Document, Field};
use std::ops::Range;

/// The due date of a field: `MM/DD` takes the incident's year, or the as-of year without one.
pub fn due_date(doc: &Document<'_>, field: &Field, as_of: Date) -> Option<Date> {
    let year = doc.incident_date.map_or(as_of.year, |d| d.year);
    temporal::parse_due(&field.text, year, doc.day_first)
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
    /// The duration was read from "for 75 seconds" alone, with no word that makes it the
    /// incident's ("duration", "lasted", "outage"): it may time something else.
    pub duration_by_for: bool,
    /// The duration was hedged ("about nine hours", "~2 hours"): rounded by its writer.
    pub duration_hedged: bool,
}

/// The words of `text` (ASCII letters, digits and `_`, as `\b` reads them), with where each
/// starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && !is_word(bytes[at]) {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && is_word(bytes[at]) {
            at += 1;
        }
        (at > start).then(|| (start, &text[start..at]))
    })
}

/// Where the first word of `text` that starts with one of `stems` or is one of `whole` is.
fn first_word(text: &str, stems: &[&str], whole: &[&str]) -> Option<usize> {
    // The letters the words looked for start with, one bit each (any case): most words of a
    // text start with none of them and are passed over after one test.
    let letter = |b: u8| 1u32 << ((b | 0x20) & 31);
    let firsts = stems
        .iter()
        .chain(whole)
        .filter_map(|w| w.as_bytes().first())
        .fold(0, |bits, &b| bits | letter(b));
    words(text)
        .filter(|(_, w)| firsts & letter(w.as_bytes()[0]) != 0)
        .find(|(_, w)| {
            let starts = |s: &&str| {
                w.len() >= s.len() && w.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
            };
            stems.iter().any(starts) || whole.iter().any(|x| w.eq_ignore_ascii_case(x))
        })
        .map(|(at, _)| at)
}

/// A clause about detection: "detected", "alerted", "noticed", "paged", "started"…
fn detection_word(clause: &str) -> Option<usize> {
    first_word(
        clause,
        &[
            "detect", "alert", "notic", "discover", "identif", "start", "begin",
        ],
        &["paged", "began"],
    )
}

/// A clause about resolution: "resolved", "recovered", "mitigated", "fixed", "ended"…
fn resolution_word(clause: &str) -> Option<usize> {
    first_word(
        clause,
        &[
            "resol", "recover", "restor", "mitigat", "fix", "end", "clos", "stabili",
        ],
        &[],
    )
}

/// A duration counts as the incident's when its clause says so: "Duration: 48 minutes",
/// "lasted 2 hours", "a 90-minute outage", "for 48 minutes"; not "delays of up to 2 days".
fn duration_word(clause: &str) -> bool {
    first_word(
        clause,
        &["total"],
        &[
            "duration", "lasted", "lasting", "lasts", "took", "outage", "downtime", "down", "long",
        ],
    )
    .is_some()
}

/// `text` with the line breaks inside a hard-wrapped paragraph made spaces ("resolved at⏎23:10
/// UTC" is one clause), byte for byte the same length, so offsets stay the document's. A line
/// break before a blank line, a list item, a table row, a heading or a quote still ends a
/// clause.
fn unwrapped(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let b = text.as_bytes();
    let joins = |i: usize| {
        let line_start = b[..i]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let this = text[line_start..i].trim();
        let next = text[i + 1..].lines().next().unwrap_or("").trim_start();
        !this.is_empty()
            && !this.starts_with('|')
            && !next.is_empty()
            && !next.starts_with(['-', '*', '+', '|', '#', '>'])
            && !next
                .split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
    };
    let breaks: Vec<usize> = memchr::memchr_iter(b'\n', b)
        .filter(|&i| joins(i))
        .collect();
    if breaks.is_empty() {
        return text;
    }
    let mut owned = text.into_owned().into_bytes();
    for i in breaks {
        owned[i] = b' ';
    }
    // Only ASCII newlines were replaced by ASCII spaces: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(owned).unwrap_or_default())
}

/// "from 14:02 to 15:30", "between", "until", "through".
fn range_word(clause: &str) -> bool {
    first_word(clause, &[], &["from", "between", "until", "through"]).is_some()
}

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
    let text = unwrapped(doc.prose_text(body.clone()));
    let default_year = doc.incident_date.map(|d| d.year);
    let mut times = SummaryTimes::default();
    let mut at = 0;
    // Clauses end after a newline, `.` or `;` (as `split_inclusive` on those chars, found by
    // memchr's vectorised search rather than char by char).
    let ends = memchr::memchr3_iter(b'\n', b'.', b';', text.as_bytes()).map(|i| i + 1);
    let mut from = 0;
    let clauses = ends.chain(std::iter::once(text.len())).filter_map(|end| {
        let clause = &text[from..end];
        from = end;
        (!clause.is_empty()).then_some(clause)
    });
    for clause in clauses {
        // The first of each counts: once all three are read, no later clause changes them.
        if times.detection.is_some() && times.resolution.is_some() && times.duration.is_some() {
            break;
        }
        let clause_start = at;
        at += clause.len();
        if times.duration.is_none() {
            let about_duration = std::cell::OnceCell::new();
            let about_duration = || *about_duration.get_or_init(|| duration_word(clause));
            // How strongly a duration is the incident's: 3 after a word that says so ("lasted
            // nine hours", "duration: 48 minutes") or before "outage" ("a 90-minute outage"),
            // 2 after "for" ("for 48 minutes", "for about 1h50m"), 1 anywhere in a clause
            // about the duration; with whether it was hedged ("about", "roughly", "~").
            let tier = |d: &Duration| -> (u8, bool) {
                let before = clause[..d.range.start].trim_end().to_lowercase();
                let unhedged = before.trim_end_matches('~').trim_end();
                let stripped = [
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
                .find_map(|hedge| unhedged.strip_suffix(hedge))
                .unwrap_or(unhedged)
                .trim_end();
                let hedged = stripped.len() < before.len();
                let mut words = stripped.rsplit(|c: char| !c.is_alphanumeric());
                let last = words.next().unwrap_or("");
                // "lasted for 48 minutes" is as strong as "lasted 48 minutes".
                let last = if last == "for" {
                    match words.find(|w| !w.is_empty()) {
                        Some(w @ ("lasted" | "lasting" | "lasts")) => w,
                        _ => last,
                    }
                } else {
                    last
                };
                let after = clause[d.range.end..].trim_start().to_lowercase();
                let tier = if matches!(last, "lasted" | "lasting" | "lasts" | "duration" | "took")
                    || after.starts_with("outage")
                    || after.starts_with("downtime")
                {
                    3
                } else if last == "for" {
                    2
                } else if about_duration() {
                    1
                } else {
                    0
                };
                (tier, hedged)
            };
            let best = temporal::find_durations(clause)
                .into_iter()
                .map(|d| (tier(&d), d))
                .filter(|((t, _), _)| *t > 0)
                .fold(
                    None,
                    |best: Option<((u8, bool), Duration)>, next| match best {
                        Some(b) if b.0.0 >= next.0.0 => Some(b),
                        _ => Some(next),
                    },
                );
            if let Some(((tier, hedged), mut d)) = best {
                times.duration_by_for = tier == 2;
                times.duration_hedged = hedged;
                let offset = body.start + clause_start;
                d.range = offset + d.range.start..offset + d.range.end;
                times.duration = Some(d);
            }
        }
        // Times are written with digits: most clauses have none.
        if !clause.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        // Only the first two times of a clause are read.
        let mut clocks = temporal::clocks(clause);
        let Some(first) = clocks.next() else {
            continue;
        };
        let second = clocks.next();
        let stated = |c: &Clock| {
            let before = &clause[..c.range.start];
            let date = doc.find_dates(before, default_year).last().map(|d| d.date);
            let mut clock = c.clone();
            clock.range =
                body.start + clause_start + c.range.start..body.start + clause_start + c.range.end;
            StatedTime { clock, date }
        };
        let detect = detection_word(clause);
        let resolve = resolution_word(clause);
        // Two clocks make a range ("from 14:02 to 15:30"); one clock never does.
        let range_end =
            second.filter(|_| (detect.is_some() && resolve.is_some()) || range_word(clause));
        if let Some(second) = range_end {
            times.detection.get_or_insert_with(|| stated(&first));
            times.resolution.get_or_insert_with(|| stated(&second));
        } else if let Some(d) = detect
            && resolve.is_none_or(|r| d < r)
        {
            times.detection.get_or_insert_with(|| stated(&first));
        } else if resolve.is_some() {
            times.resolution.get_or_insert_with(|| stated(&first));
        }
    }
    Some((section.heading.text_range.clone(), times))
}
