//! When two versions of an action item are the same item: how alike their texts are.

/// How alike two action texts must be (shared words over all words) for an item whose text
/// changed to be the same item: a typo fix or a few words added keep well above it, a
/// different action of the same postmortem stays well below.
pub const SIMILAR: f64 = 0.6;

/// Two items with the same ID are one item when at least this share of the shorter
/// action's content words (no "the", "to", "for"…; plurals as singulars) are in the other:
/// a reworded action keeps most of its subject ("Lower the TTL of the zone", "Lower the TTL
/// to 60 s"), another action shares a word or two ("alert for disk usage", "alert for
/// replication lag").
pub(super) const SAME_ID_SIMILAR: f64 = 0.5;

/// Words that say nothing of what an action is about.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "to", "of", "for", "on", "in", "at", "by", "with", "and", "or", "from",
    "into", "is", "be", "as", "this", "that", "it", "its", "we", "our", "all", "any",
];

/// The share of the shorter text's content words found in the other (0 to 1).
pub(super) fn content_overlap(
    a: &[compact_str::CompactString],
    b: &[compact_str::CompactString],
) -> f64 {
    let content = |words: &[compact_str::CompactString]| -> Vec<String> {
        let mut out: Vec<String> = words
            .iter()
            .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
            .map(|w| match w.strip_suffix('s') {
                Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_owned(),
                _ => w.to_string(),
            })
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let (a, b) = (content(a), content(b));
    let fewer = a.len().min(b.len());
    if fewer == 0 {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared as f64 / fewer as f64
}

/// Shared words over all words of the two texts (0 to 1).
pub(super) fn similarity(
    a: &[compact_str::CompactString],
    b: &[compact_str::CompactString],
) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut common = 0;
    let mut rest: Vec<&compact_str::CompactString> = b.iter().collect();
    for w in a {
        if let Some(i) = rest.iter().position(|r| *r == w) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_id_needs_the_same_subject() {
        let w = |t: &str| crate::report::version::words(t);
        let same = |a: &str, b: &str| content_overlap(&w(a), &w(b)) >= SAME_ID_SIMILAR;
        assert!(same("Lower the TTL of the zone", "Lower the TTL to 60 s"));
        assert!(same(
            "Add alert on queue depth",
            "Page when the queue depth exceeds 1000"
        ));
        assert!(!same("Alert for disk usage", "Alert for replication lag"));
        assert!(!same(
            "Migrate cron jobs to the central scheduler",
            "Add a retry budget to the job runner"
        ));
    }

    #[test]
    fn similar_texts() {
        let w = |t: &str| crate::report::version::words(t);
        assert!(similarity(&w("Alert on queue depth"), &w("Alert on queue depht")) >= SIMILAR);
        assert!(
            similarity(
                &w("Add an alert on the queue depth of the consumer"),
                &w("Add an alert on the queue depht of the consumer")
            ) >= SIMILAR
        );
        assert!(similarity(&w("Shard the queue"), &w("Load test the consumer")) < SIMILAR);
    }
}
