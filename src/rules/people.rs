//! Which names stand for people in a document: its metadata and action-item owners, the
//! configured list, and the repository's commit authors.

use crate::document::sentences::Word;
use crate::document::{Document, MetaKey};
use std::collections::HashSet;

/// Names that stand for people in this document: metadata and action-item owners (with and
/// without the @, and their first names), plus the configured list.
pub fn known_people<'c>(doc: &Document<'_>, cx: &'c super::Context<'_>) -> &'c HashSet<String> {
    cx.memo.people.get_or_init(|| gather(doc, cx))
}

/// Whether a bare name among words `start..verb` is one the document writes as a system's
/// elsewhere ("Prow did not respond" where it says "the Prow deployment"). The document is
/// read for such names once, and only when a bare name is asked about.
pub fn names_a_thing(
    doc: &Document<'_>,
    cx: &super::Context<'_>,
    words: &[Word],
    start: usize,
    verb: usize,
) -> bool {
    let things = cx
        .memo
        .things
        .get_or_init(|| super::language::thing_names(doc.text()));
    any_written_in(doc, &words[start..verb], things)
}

/// Whether a bare name (its words) is a word the document also writes in lower
/// case ("Migration never ran" beside "the migration ran twice"): a common noun, not one
/// person. A team's name may be one ("Support felt …"), so only a fault asks this.
pub fn common_noun(doc: &Document<'_>, cx: &super::Context<'_>, name: &[Word]) -> bool {
    let common = cx
        .memo
        .common
        .get_or_init(|| super::language::common_words(doc.text()));
    any_written_in(doc, name, common)
}

/// Whether one of `words`, as written, is in `names`.
fn any_written_in(doc: &Document<'_>, words: &[Word], names: &HashSet<String>) -> bool {
    words.iter().any(|w| {
        doc.text()
            .get(w.range.clone())
            .is_some_and(|name| names.contains(name))
    })
}

fn gather(doc: &Document<'_>, cx: &super::Context<'_>) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut add = |raw: &str| {
        for part in raw.split([',', ';', '/']).flat_map(|p| p.split(" and ")) {
            let name = part
                .trim()
                .trim_matches(|c: char| c == '*' || c == '`' || c == '"')
                .trim_start_matches('@');
            if name.len() < 2 {
                continue;
            }
            names.insert(name.to_lowercase());
            if let Some(first) = name.split_whitespace().next()
                && first.len() >= 2
            {
                names.insert(first.to_lowercase());
            }
        }
    };
    for field in &doc.metadata.fields {
        if matches!(field.key, MetaKey::Owner | MetaKey::Reviewers) {
            add(&field.value);
        }
    }
    if let Some(actions) = &doc.action_items {
        for owner in actions.items.iter().filter_map(|i| i.owner.as_ref()) {
            add(&owner.text);
        }
    }
    for name in cx.people {
        add(name);
    }
    if let Some(authors) = cx.authors {
        authors(&mut |name| add(name));
    }
    names
}
