use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct TimelineWithoutTimezone;

static DOC: RuleDoc = RuleDoc {
    name: "timeline-without-timezone",
    severity: Severity::Warning,
    scope: Scope::Document,
    options: &[],
    summary: "the timeline's timestamps state no time zone",
    why: "Responders, readers and the systems whose logs are quoted rarely share a time zone. \
Without one, `14:02` cannot be matched to a graph, a deploy log or a customer report, and \
durations across a daylight-saving change come out wrong. A zone in the heading (\"Timeline \
(UTC)\"), on the timestamps, or in a note in the section (\"All times UTC\") is enough.",
    bad: "## Timeline
- 14:02 latency alert fired
- 14:09 on-call engineer acknowledged the page
",
    good: "## Timeline (UTC)
- 14:02 latency alert fired
- 14:09 on-call engineer acknowledged the page
",
};

impl Rule for TimelineWithoutTimezone {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(timeline) = &doc.timeline else {
            return;
        };
        if timeline.states_zone || timeline.entries.is_empty() {
            return;
        }
        let heading = &doc.sections[timeline.section].heading;
        out.push(
            Finding::new(heading.text_range.clone(), "timeline states no time zone")
                .label(format!(
                    "{} timestamps without a zone",
                    timeline.entries.len()
                ))
                .help(
                    "name the zone in the heading, e.g. `## Timeline (UTC)`, or on each timestamp",
                ),
        );
    }
}
