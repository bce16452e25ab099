//! Which names stand for people in a document: its metadata and action-item owners, the
//! configured list, and the repository's commit authors.

use crate::document::{Document, MetaKey};
use std::collections::HashSet;

/// Names that stand for people in this document: metadata and action-item owners (with and
/// without the @, and their first names), plus the configured list.
pub fn known_people<'c>(doc: &Document<'_>, cx: &'c super::Context<'_>) -> &'c HashSet<String> {
    cx.memo.people.get_or_init(|| gather(doc, cx))
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
