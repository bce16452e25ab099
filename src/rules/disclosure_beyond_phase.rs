use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Disclosure;
use crate::document::MetaKey;

pub struct DisclosureBeyondPhase;

static DOC: RuleDoc = RuleDoc {
    name: "disclosure-beyond-phase",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "a postmortem is marked for wider disclosure than the organisation has reached",
    why: "\"Full-company publication = transparency\" is too simple: going company-wide from day \
one chills people, and postmortem counts drop as hiding rises. Staged disclosure goes: \
team (the first 3-6 months), adjacent teams, company (a summary version), external. The \
condition for the next phase is that blameless review works at the current one, not elapsed \
time. Set the phase the organisation has reached with `disclosure-phase` in the config \
(without it, the first phase, team, is assumed); a document's `Disclosure:` field may not go \
beyond it. A `Disclosure:` value that is none of \
team, adjacent-teams, company or external is reported too.",
    bad: "## Status
- Owner: @dana
- Disclosure: company
",
    good: "## Status
- Owner: @dana
- Disclosure: team
",
};

impl Rule for DisclosureBeyondPhase {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let Some(field) = cx.doc.metadata.get(MetaKey::Disclosure) else {
            return;
        };
        let Some(marked) = Disclosure::parse(&field.value) else {
            out.push(
                Finding::new(
                    field.value_range.clone(),
                    format!(
                        "disclosure `{}` is not team, adjacent-teams, company or external",
                        field.value
                    ),
                )
                .label("unknown disclosure")
                .help("write one of team, adjacent-teams, company, external"),
            );
            return;
        };
        // Without a configured phase, the first phase.
        let phase = cx.disclosure_phase.unwrap_or(Disclosure::Team);
        if marked > phase {
            out.push(
                Finding::new(
                    field.value_range.clone(),
                    format!("marked for `{}` disclosure, but the organisation is at phase `{}`", marked.name(), phase.name()),
                )
                .label("wider than the current phase")
                .help("keep it to the current phase; raise `disclosure-phase` in the config when blameless review works there"),
            );
        }
    }
}
