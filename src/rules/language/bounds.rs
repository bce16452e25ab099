//! Whether a follow-up states what finishes it: a number, a threshold, a date, a named
//! artefact in code or a link (not a link to the ticket that tracks it).

/// `text` with links to issues, pull requests and tickets blanked: a tracking link says
/// where the work is followed, not what finishes it ("Improve alerting (#11953)").
fn without_tracker_links(text: &str) -> std::borrow::Cow<'_, str> {
    const TRACKERS: [&str; 5] = [
        "/issues/",
        "/pull/",
        "/merge_requests/",
        "/browse/",
        "/tickets/",
    ];
    if !text.contains("http") || !TRACKERS.iter().any(|t| text.contains(t)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("http") {
        out.push_str(&rest[..at]);
        let url_len = rest[at..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | ']' | '"'))
            .unwrap_or(rest.len() - at);
        let url = &rest[at..at + url_len];
        if TRACKERS.iter().any(|t| url.contains(t)) {
            out.push(' ');
        } else {
            out.push_str(url);
        }
        rest = &rest[at + url_len..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Whether a follow-up states what bounds it: a number, a threshold, a date, a named artefact
/// in code or a link.
pub fn bounded(doc: &crate::document::Document<'_>, range: std::ops::Range<usize>) -> bool {
    // An action item's own text, not its owner, due date or status fields.
    let range = doc
        .action_items
        .as_ref()
        .and_then(|a| {
            a.items
                .iter()
                .filter_map(|i| i.action.as_ref())
                .find(|f| {
                    f.range.start <= range.start && range.start < f.range.end.max(f.range.start + 1)
                })
                .map(|f| range.start..f.range.end.min(range.end).max(range.start))
        })
        .unwrap_or(range);
    let raw = without_tracker_links(doc.slice(range.clone()));
    let raw = raw.as_ref();
    if raw.contains('`') || raw.contains("http") {
        return true;
    }
    let b = raw.as_bytes();
    // A number, not a digit inside a name ("e2e", "k8s", "ec2"; "v8" is a version, named).
    let digit = b.iter().enumerate().any(|(i, c)| {
        c.is_ascii_digit()
            && (i == 0
                || !matches!(b[i - 1], b'#' | b'-')
                    && !b[i - 1].is_ascii_digit()
                    && (!b[i - 1].is_ascii_alphabetic()
                        || matches!(b[i - 1], b'v' | b'V')
                            && (i < 2 || !b[i - 2].is_ascii_alphanumeric())))
            && !raw[..i].trim_end().is_empty()
    });
    let lower = raw.to_lowercase();
    digit
        || [
            " by adding ",
            " with an alert",
            " with a check",
            " via ",
            " below ",
            " under ",
            " above ",
            " within ",
            " at least ",
            " at most ",
            " less than ",
            " fewer than ",
            " no more than ",
            " by q",
            " by end of",
            " by the end of",
            " bare minimum",
            " to zero",
        ]
        .iter()
        .any(|t| lower.contains(t))
}
