use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

pub struct NoActionItems;

pub static DOC: RuleDoc = RuleDoc {
    name: "no-action-items",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "the action-items section lists no item and says no reason",
    why: "A postmortem that changes nothing is a ritual: Google's SRE book (\"Postmortem \
Culture: Learning from Failure\") counts a postmortem without follow-up action as no postmortem at all. An empty action-items table looks \
complete and tracks nothing. When an incident really needs no follow-up (the alert fired, the \
runbook worked), say so in a sentence, and the reason is on record.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
",
    good: "## Action items
No action items: the saturation alert fired within a minute and the runbook restored service as designed.
",
};

/// Whether text says there is nothing to do: "No action items: …", "None needed", "N/A".
pub fn states_no_actions(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "no action",
        "no follow",
        "no further action",
        "no changes needed",
        "no changes are needed",
        "nothing further",
        "nothing to do",
        "not needed",
        "none needed",
        "none required",
        "none.",
    ]
    .iter()
    .any(|p| lower.contains(p))
        || matches!(lower.trim().trim_end_matches('.'), "none" | "n/a")
}

impl Rule for NoActionItems {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        let Some(actions) = &doc.action_items else {
            return;
        };
        // Prose with no items is `malformed-action-items`; a section with nothing at all is
        // `empty-section`. Here: tables that hold no row.
        if !actions.items.is_empty() || actions.tables.is_empty() {
            return;
        }
        let section = &doc.sections[actions.section];
        if actions.says_none || states_no_actions(&doc.prose_text(section.body.clone())) {
            return;
        }
        out.push(
            Finding::new(section.heading.text_range.clone(), "the action-items table has no rows")
                .label("nothing will change after this incident?")
                .help("add the action items, or say in a sentence why none are needed (`No action items: …`)"),
        );
    }
}
