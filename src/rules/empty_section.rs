use super::placeholder::placeholders;
use super::{Context, Finding, Rule, RuleDoc, Scope, Severity};

pub struct EmptySection;

static DOC: RuleDoc = RuleDoc {
    name: "empty-section",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "a template section has a heading but no content",
    why: "An empty section looks answered to a reader who skims the headings, yet nothing was \
written. A heading left with only a template hint, an HTML comment or `TBD` under it is the \
first sign of a postmortem filled in as ritual.",
    bad: "## What went well
<!-- detection / collaboration / recovery steps that worked -->

## Lessons learned
TBD
",
    good: "## What went well
The rollback runbook worked as written and took four minutes.

## Lessons learned
Pool limits change behaviour under load and need a load test before release.
",
};

impl Rule for EmptySection {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for section in doc.sections.iter().filter(|s| s.kind.is_some()) {
            if has_words(doc, section.body.clone()) {
                continue;
            }
            // A code block (a log excerpt, a query) is content even though rules skip it.
            let raw = doc.slice(section.body.clone());
            let has_code = raw.contains("```") || raw.contains("~~~");
            if has_code {
                continue;
            }
            out.push(
                Finding::new(
                    section.heading.text_range.clone(),
                    format!("the {} section is empty", section.heading.text),
                )
                .label("nothing is written under this heading")
                .help("write what happened, or say why it does not apply; a template hint or TBD is not content"),
            );
        }
    }
}

/// Whether the prose of `range` holds a word that is not a template placeholder. Most
/// sections answer on their first word, before any regex runs.
fn has_words(doc: &crate::document::Document<'_>, range: std::ops::Range<usize>) -> bool {
    for part in doc.prose_ranges(range) {
        let text = doc.slice(part);
        let mut masked: Option<String> = None;
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !is_placeholder_word(word) {
                // A word that may belong to a placeholder (`<incident name>`): decide with the
                // placeholder regex, once.
                let masked = masked.get_or_insert_with(|| {
                    let mut rest = text.to_owned();
                    for r in placeholders(text).collect::<Vec<_>>().into_iter().rev() {
                        rest.replace_range(r, "");
                    }
                    rest
                });
                if masked
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| !w.is_empty() && !is_placeholder_word(w))
                {
                    return true;
                }
                break;
            }
        }
    }
    false
}

/// The words placeholders are made of: `TBD`, `xxx`, `@yyy`, `MM/DD`.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "FIXME", "yyy", "MM", "DD", "YYYY", "HH"];

fn is_placeholder_word(word: &str) -> bool {
    PLACEHOLDER_WORDS.contains(&word)
        || (word.len() >= 3 && word.chars().all(|c| c == 'x' || c == 'X'))
}
