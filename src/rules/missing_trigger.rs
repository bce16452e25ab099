use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use regex::Regex;
use std::sync::LazyLock;

pub struct MissingTrigger;

static DOC: RuleDoc = RuleDoc {
    name: "missing-trigger",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "the postmortem has no Trigger section",
    why: "Whether a postmortem writes its trigger decides its quality. Without a concrete \
trigger (in what situation, set off by what) prevention measures abstract away into \"strengthen \
review\" and the holes in the defensive layers stay unfound. Teams leave it out because writing \
it feels like blaming someone; the answer is to write it with a process or situation as the \
grammatical subject, not to skip it. A `Trigger:` line (as in the SRE book's example) counts.",
    bad: "# Postmortem: checkout latency
## Contributing factors
The connection-pool limit was not load tested.
",
    good: "# Postmortem: checkout latency
## Contributing factors
The connection-pool limit was not load tested.
## Trigger
The release procedure allowed a pool-size change to ship without the load-test step.
",
};

static TRIGGER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?im)^[ \t>*+-]*(?:\*\*|__)?(?:trigger|triggering event|direct trigger)(?::(?:\*\*|__)|(?:\*\*|__)?:)",
    )
});

impl Rule for MissingTrigger {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        if doc.section("trigger").is_some() || !doc.template().requires("trigger") {
            return;
        }
        let text = doc.text();
        let written_as_field = (crate::re::some_line_opens_with(text, b" \t>*+-_", "trigger")
            || crate::re::some_line_opens_with(text, b" \t>*+-_", "direct trigger"))
            && TRIGGER_LINE
                .find_iter(text)
                .any(|m| !doc.is_excluded(m.end().saturating_sub(1)));
        if written_as_field {
            return;
        }
        out.push(
            Finding::new(doc.anchor(), "no Trigger section")
                .label("this postmortem does not say what set the incident off")
                .help("add `## Trigger` and write the direct trigger with a process or situation as its subject"),
        );
    }
}
