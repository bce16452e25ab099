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
        for pair in timeline.entries.windows(2) {
            let (prev, cur) = (&pair[0].stamp, &pair[1].stamp);
            let ((prev_day, prev_secs), (cur_day, cur_secs)) = (position(prev), position(cur));
            // A heading between two entries ("### Day 2", "### Tuesday"), or a date that the
            // later entry has and the earlier one lacks (a date line between them), may start
            // a new day: without both dates, a step back there is no evidence of disorder.
            let between = pair[0].line.end..pair[1].line.start;
            let new_day = timeline.day_breaks.iter().any(|h| between.contains(h))
                || prev_day.is_none() != cur_day.is_none();
            let earlier = match (prev_day, cur_day) {
                (Some(a), Some(b)) if a != b => b < a,
                (Some(_), Some(_)) => cur_secs < prev_secs && prev_secs - cur_secs <= 12 * 3600,
                // No dates: a step back of more than 12 hours crosses midnight.
                _ => !new_day && cur_secs < prev_secs && prev_secs - cur_secs <= 12 * 3600,
            };
            if earlier {
                out.push(
                    Finding::new(
                        cur.range.clone(),
                        format!(
                            "timestamp `{}` is earlier than the entry before it (`{}`)",
                            doc.slice(cur.range.clone()),
                            doc.slice(prev.range.clone())
                        ),
                    )
                    .label("out of order")
                    .help("move the entry to its place in time, or correct the timestamp"),
                );
            }
        }
    }
}
