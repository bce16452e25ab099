use super::action_field::FieldRule;
use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::{ActionType, Column};

static FIELD: FieldRule = FieldRule {
    column: Column::Type,
    noun: "type",
    label: "prevent, mitigate or detect?",
    help: "prevent removes the cause, mitigate shrinks the impact, detect notices it sooner",
};

pub struct UnlabeledActionItem;

static DOC: RuleDoc = RuleDoc {
    name: "unlabeled-action-item",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
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

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        FIELD.check(cx, out, &|_| true, &|f| {
            ActionType::parse(&f.text)
                .is_none()
                .then(|| format!("type `{}` is not prevent, mitigate or detect", f.text))
        }, &|f| ActionType::misspelt(&f.text));
    }
}
