//! When things happened, as the document states it: due dates of action items, and the
//! detection time, resolution time and duration the summary gives (read once per document).

use crate::document::temporal::{self, Clock, Date, Duration};
use crate::document::{Document, Field};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

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
