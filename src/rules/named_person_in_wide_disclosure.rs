use super::people::known_people;
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::Disclosure;
use crate::document::MetaKey;
use regex::Regex;
use std::sync::LazyLock;

pub struct NamedPersonInWideDisclosure;

static DOC: RuleDoc = RuleDoc {
    name: "named-person-in-wide-disclosure",
    severity: Severity::Warning,
    scope: Scope::Line,
    options: &[],
    summary: "a postmortem marked for company or external disclosure names people",
    why: "The third phase of staged disclosure publishes a summary version company-wide, and regulated \
industries separate internal documents from external summaries from the start. A document \
marked `Disclosure: company` or `external` should be that summary: teams and systems, not \
@handles or the names of the people who responded. The metadata fields (Owner, Reviewers) and \
action-item owners must name someone and are not reported.",
    bad: "## Status
- Owner: @payments-team
- Disclosure: company

## Response
@dana rolled back the release.
",
    good: "## Status
- Owner: @payments-team
- Disclosure: company

## Response
The on-call engineer rolled back the release.
",
};

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(r"@[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]|\b[A-Z][\p{L}'-]+\b")
});

impl Rule for NamedPersonInWideDisclosure {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let wide = doc
            .metadata
            .get(MetaKey::Disclosure)
            .and_then(|f| Disclosure::parse(&f.value))
            .is_some_and(|d| d >= Disclosure::Company);
        if !wide {
            return;
        }
        let people = known_people(doc, cx);
        // Metadata fields and action-item owners must name someone: they are not reported.
        let owners = doc
            .action_items
            .iter()
            .flat_map(|a| a.items.iter().filter_map(|i| i.owner.as_ref()));
        let metadata: Vec<_> = doc
            .metadata
            .fields
            .iter()
            .map(|f| f.key_range.start..f.value_range.end)
            .chain(owners.map(|o| o.range.clone()))
            .collect();
        let text = doc.prose_text(0..doc.text().len());
        for m in WORD.find_iter(&text) {
            let word = m.as_str();
            let named = word.starts_with('@') || people.contains(&word.to_lowercase());
            if !named || metadata.iter().any(|r| r.contains(&m.start())) {
                continue;
            }
            out.push(
                Finding::new(m.range(), format!("`{word}` names a person in a document marked for wide disclosure"))
                    .label("a person")
                    .help("write the role or team instead (\"the on-call engineer\", \"the payments team\"), or keep the document to a narrower disclosure"),
            );
        }
    }
}
