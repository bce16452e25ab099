use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Stamp;

pub struct TimelineOutOfOrder;

static DOC: RuleDoc = RuleDoc {
    name: "timeline-out-of-order",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "a timeline timestamp is earlier than the one before it",
    why: "The timeline is the factual spine of a postmortem: who observed what, and what they \
did, in order. An entry out of order hides how long each step really took and misleads the \
analysis built on it. Entries without dates that go back by more than twelve hours are read as \
crossing midnight; a date written on its own line dates the entries after it, and a sub-heading \
between undated entries (\"### Day 2\") may start a new day.",
    bad: "## Timeline (UTC)
- 14:02 latency alert fired
- 14:20 rollback started
- 14:09 on-call engineer acknowledged the page
",
    good: "## Timeline (UTC)
- 14:02 latency alert fired
- 14:09 on-call engineer acknowledged the page
- 14:20 rollback started
",
};

/// Seconds on a common scale, and whether the date is known.
fn position(stamp: &Stamp) -> (Option<i64>, i64) {
    (stamp.date.map(|d| d.days()), i64::from(stamp.seconds))
}

impl Rule for TimelineOutOfOrder {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(timeline) = &doc.timeline else {
            return;
        };
        let entries = &timeline.entries;
        let back = |a: usize, b: usize| steps_back(timeline, a, b);
        let mut i = 1;
        while i < entries.len() {
            if !back(i - 1, i) {
                i += 1;
                continue;
            }
            // One entry written too late (10:00, 12:00, 10:10, 10:20): the entries after it
            // are in order with the one before it, so the finding is on the misplaced one.
            let misplaced_before = i + 1 < entries.len()
                && back(i - 1, i + 1)
                && !back(i, i + 1)
                && (i < 2 || !back(i - 2, i));
            let (at, other) = if misplaced_before { (i - 1, i) } else { (i, i - 1) };
            let (stamp, near) = (&entries[at].stamp, &entries[other].stamp);
            let message = if misplaced_before {
                format!(
                    "timestamp `{}` is later than the entries after it (`{}`)",
                    doc.slice(stamp.range.clone()),
                    doc.slice(near.range.clone())
                )
            } else {
                format!(
                    "timestamp `{}` is earlier than the entry before it (`{}`)",
                    doc.slice(stamp.range.clone()),
                    doc.slice(near.range.clone())
                )
            };
            out.push(
                Finding::new(stamp.range.clone(), message)
                    .label("out of order")
                    .help("move the entry to its place in time, or correct the timestamp"),
            );
            i += 1;
        }
    }
}

/// Whether entry `b` of the timeline is earlier than entry `a`, written before it.
fn steps_back(timeline: &crate::document::Timeline, a: usize, b: usize) -> bool {
    let (first, second) = (&timeline.entries[a], &timeline.entries[b]);
    let ((a_day, a_secs), (b_day, b_secs)) = (position(&first.stamp), position(&second.stamp));
    // A heading between two entries ("### Day 2", "### Tuesday"), or a date that the later
    // entry has and the earlier one lacks (a date line between them), may start a new day:
    // without both dates, a step back there is no evidence of disorder.
    let between = first.line.end..second.line.start;
    let new_day =
        timeline.day_breaks.iter().any(|h| between.contains(h)) || a_day.is_none() != b_day.is_none();
    match (a_day, b_day) {
        (Some(x), Some(y)) if x != y => y < x,
        (Some(_), Some(_)) => b_secs < a_secs && a_secs - b_secs <= 12 * 3600,
        // No dates: a step back of more than 12 hours crosses midnight.
        _ => !new_day && b_secs < a_secs && a_secs - b_secs <= 12 * 3600,
    }
}
