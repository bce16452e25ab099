use super::times::{StatedTime, summary_times};
use super::wording::human_duration;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct InconsistentDuration;

static DOC: RuleDoc = RuleDoc {
    name: "inconsistent-duration",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "the summary's duration disagrees with its detection and resolution times",
    why: "When the stated duration and the stated times disagree, at least one is wrong, and \
readers cannot tell which. Durations are compared to the minute; a resolution time earlier in \
the day than detection is taken to be on the next day unless dates say otherwise. A duration \
given only as \"for 75 seconds\" is compared when it is within a factor of three of the \
incident's: a much shorter or longer one times something else. A hedged duration (\"about nine \
hours\") may be off by a tenth.",
    bad: "## Summary
Detected at 14:02 UTC, resolved at 15:30 UTC; duration 45 minutes.
",
    good: "## Summary
Detected at 14:02 UTC, resolved at 15:30 UTC; duration 1 hour 28 minutes.
",
};

fn elapsed(from: &StatedTime, to: &StatedTime) -> i64 {
    let seconds = i64::from(to.clock.seconds) - i64::from(from.clock.seconds);
    match (from.date, to.date) {
        (Some(a), Some(b)) => (b.days() - a.days()) * 86_400 + seconds,
        _ if seconds < 0 => seconds + 86_400,
        _ => seconds,
    }
}

impl Rule for InconsistentDuration {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some((_, times)) = summary_times(cx) else {
            return;
        };
        let (Some(detected), Some(resolved), Some(duration)) =
            (&times.detection, &times.resolution, &times.duration)
        else {
            return;
        };
        let actual = elapsed(detected, resolved);
        // "About nine hours" is rounded by its writer: a tenth of the incident is within it.
        let tolerance = if times.duration_hedged {
            (actual / 10).max(60)
        } else {
            60
        };
        if actual < 0 || (actual - duration.seconds as i64).abs() <= tolerance {
            return;
        }
        // "The database stalled for 75 seconds" in a nine-hour incident times something else:
        // a duration read from "for …" alone is compared only when it is of the same order as
        // the incident (within a factor of three).
        let stated = duration.seconds as i64;
        if times.duration_by_for && (stated * 3 < actual || stated > actual * 3) {
            return;
        }
        let doc = cx.doc;
        out.push(
            Finding::new(
                duration.range.clone(),
                format!(
                    "stated duration `{}` disagrees with detection at {} and resolution at {}",
                    doc.slice(duration.range.clone()),
                    doc.slice(detected.clock.range.clone()),
                    doc.slice(resolved.clock.range.clone()),
                ),
            )
            .label(format!("the times give {}", human_duration(actual as u64)))
            .help("correct the duration or the times so that the summary agrees with the timeline"),
        );
    }
}
