use super::{Context, Finding, Rule, RuleDoc, Severity};
use crate::document::ActionType;
use crate::document::Column;

pub struct UnlabeledActionItem;

static DOC: RuleDoc = RuleDoc {
    name: "unlabeled-action-item",
    severity: Severity::Error,
    document_level: false,
    summary: "an action item's type is not prevent, mitigate or detect",
    why: "The type says what an item is for: prevent removes the cause, mitigate shrinks the \
impact when it happens again, detect notices it sooner. Labelling every item is what turns \
\"we'll be more careful next time\" into structural work, and it lets each postmortem's balance \
of the three be seen.",
    bad: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Page on pool saturation above 80% | @lee | 2026-12-01 | monitoring | open |
",
    good: "## Action items
| ID | Action | Owner | Due | Type | Status |
|----|--------|-------|-----|------|--------|
| 1 | Page on pool saturation above 80% | @lee | 2026-12-01 | detect | open |
",
};

impl Rule for UnlabeledActionItem {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(actions) = &cx.doc.action_items else {
            return;
        };
        for item in actions
            .items
            .iter()
            .filter(|i| actions.judges(i, Column::Type))
        {
            let (range, message) = match &item.kind {
                None => (item.anchor.clone(), "action item has no type".to_owned()),
                Some(f) if f.text.trim().is_empty() => {
                    (f.range.clone(), "action item has no type".to_owned())
                }
                Some(f) if ActionType::parse(&f.text).is_none() => (
                    f.range.clone(),
                    format!("type `{}` is not prevent, mitigate or detect", f.text),
                ),
                Some(_) => continue,
            };
            out.push(
                Finding::new(range, message)
                    .label("prevent, mitigate or detect?")
                    .help("prevent removes the cause, mitigate shrinks the impact, detect notices it sooner"),
            );
        }
    }
}
