use super::times::summary_times;
use super::wording::join_and;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct MissingSummaryTimes;

static DOC: RuleDoc = RuleDoc {
    name: "missing-summary-times",
    severity: Severity::Warning,
    scope: Scope::Document,
    options: &[],
    summary: "the summary states no detection time, resolution time or duration",
    why: "The summary is all that many readers read. The default template asks it to state \
when the incident was detected, when it was resolved and how long it lasted: without them \
nobody can compare incidents, see detection lag, or check the summary against the timeline.",
    bad: "## Summary
Checkout requests timed out after a connection-pool change.
",
    good: "## Summary
Checkout requests timed out after a connection-pool change.
Detected at 14:02 UTC, resolved at 14:50 UTC; duration 48 minutes.
",
};

impl Rule for MissingSummaryTimes {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some((heading, times)) = summary_times(cx) else {
            return;
        };
        let mut missing = Vec::new();
        if times.detection.is_none() {
            missing.push("detection time");
        }
        if times.resolution.is_none() {
            missing.push("resolution time");
        }
        if times.duration.is_none() {
            missing.push("duration");
        }
        if missing.is_empty() {
            return;
        }
        let list = join_and(&missing).replace(" and ", " or ");
        out.push(
            Finding::new(heading, format!("summary states no {list}"))
                .label(format!("add the {}", join_and(&missing)))
                .help("write e.g. `Detected at 14:02 UTC, resolved at 14:50 UTC; duration 48 minutes.`"),
        );
    }
}
