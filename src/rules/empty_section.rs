use super::placeholder::{placeholders, placeholders_before};
use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};

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

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
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
/// sections answer on their first word.
fn has_words(doc: &crate::document::Document<'_>, range: std::ops::Range<usize>) -> bool {
    doc.prose_ranges(range).any(|part| part_has_words(doc.slice(part)))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn part_has_words(text: &str) -> bool {
    let Some(word) = words(text).find(|w| !is_placeholder_word(w)) else {
        return false;
    };
    // With no placeholder on or next to that word, it is content (placeholders are found left
    // to right, so only those starting before its end can touch it).
    let start = word.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + word.len();
    if !placeholders_before(text, end + 1).any(|r| r.end >= start) {
        return true;
    }
    // It may belong to a placeholder (`<incident name>`): decide on the text without them.
    words(&without_placeholders(text)).any(|w| !is_placeholder_word(w))
}

fn without_placeholders(text: &str) -> String {
    let mut rest = text.to_owned();
    for r in placeholders(text).collect::<Vec<_>>().into_iter().rev() {
        rest.replace_range(r, "");
    }
    rest
}

/// The words placeholders are made of: `TBD`, `xxx`, `@yyy`, `MM/DD`.
const PLACEHOLDER_WORDS: &[&str] = &["TODO", "TBD", "FIXME", "yyy", "MM", "DD", "YYYY", "HH"];

fn is_placeholder_word(word: &str) -> bool {
    PLACEHOLDER_WORDS.contains(&word)
        || (word.len() >= 3 && word.chars().all(|c| c == 'x' || c == 'X'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The shortcut on the first word decides as masking every placeholder would.
        #[test]
        fn the_first_word_shortcut_agrees_with_masking(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "<", ">", "incident name", "br", "the x", "TBD", "TODO", "xxx", "x", "@yyy",
                "MM/DD", "YYYY-MM-DD", "HH:MM", "DD", "db", "Dana", " ", "\n", "-", "é", "1",
            ]),
            0..10,
        )) {
            let text = parts.concat();
            let masked = words(&without_placeholders(&text)).any(|w| !is_placeholder_word(w));
            let by_mask = words(&text).any(|w| !is_placeholder_word(w)) && masked;
            proptest::prop_assert_eq!(part_has_words(&text), by_mask, "{:?}", text);
        }
    }

    #[test]
    fn a_word_joined_by_masking_is_decided_on_the_masked_text() {
        // "x" is a word, but with `<a b>` taken out the text reads "xxx", a placeholder.
        assert!(!part_has_words("x<a b>xx"));
        assert!(part_has_words("Checkout <incident name> failed"));
        assert!(!part_has_words("TBD <incident name>"));
    }
}
