use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};

/// Reported by `suppress::apply`, which runs after every rule: a rule cannot see which of its
/// findings a comment silences.
pub struct UnusedSuppression;

pub static UNUSED_SUPPRESSION: RuleDoc = RuleDoc {
    name: "unused-suppression",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "a suppression comment silences nothing, or names a rule that does not exist",
    why: "A suppression that silences nothing hides the next real finding on that line, and one \
with a misspelt rule name never worked at all. Reporting them keeps every \
`postmortem-lint-disable` comment honest: each one stands for a finding someone decided to \
accept.",
    bad: "<!-- postmortem-lint-disable-next-line human-error -->
The checkout service ran out of connections.
",
    good: "<!-- postmortem-lint-disable-next-line human-error -- the vendor's verdict, kept as they gave it -->
The vendor's report gives the cause as human error.
",
};

impl Rule for UnusedSuppression {
    fn doc(&self) -> &'static RuleDoc {
        &UNUSED_SUPPRESSION
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Findings<'_>) {
        // Nothing to check here: see `suppress::apply`.
    }
}
