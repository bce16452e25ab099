//! An action item's status and type as real documents write them: "To Do", "WIP", "✅",
//! "wontfix: superseded by …", "prevent". The vocabulary lives here, once, for the rules and
//! for the history report.

use std::ops::Range;
use std::sync::LazyLock;

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Open,
    InProgress,
    Done,
    /// Closed, deprioritized, won't do, wontfix, cancelled: ended without being done.
    Closed,
}

impl Status {
    pub fn is_open(self) -> bool {
        matches!(self, Status::Open | Status::InProgress)
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Closed => "closed",
        }
    }
}

/// The words of each status, as `rules/templates/aliases.toml` lists them, lowercase.
static WORDS: LazyLock<Vec<(String, Status)>> = LazyLock::new(|| {
    let words = crate::document::aliases::status_words();
    let mut out = Vec::new();
    for (list, status) in [
        (&words.open, Status::Open),
        (&words.in_progress, Status::InProgress),
        (&words.done, Status::Done),
        (&words.closed, Status::Closed),
    ] {
        out.extend(list.iter().map(|w| (w.to_lowercase(), status)));
    }
    out
});

/// For each letter a–z, the words of `WORDS` that start with it, as bits of their index
/// (a test keeps the words at 64 or fewer, each starting with a letter).
static STARTING_WITH: LazyLock<[u64; 26]> = LazyLock::new(|| {
    let mut table = [0u64; 26];
    for (i, (word, _)) in WORDS.iter().enumerate().take(64) {
        if let Some(first) = word.bytes().next().filter(u8::is_ascii_lowercase) {
            table[usize::from(first - b'a')] |= 1 << i;
        }
    }
    table
});

/// Marks that say "done" by themselves.
pub const DONE_MARKS: &[char] = &['✅', '✔', '☑', '✓'];

/// The status a text opens with, and whatever follows it (a reason, perhaps); `None` when it
/// opens with no known status. Emphasis, code marks and a done mark (✅) around it are read
/// through.
pub fn parse_status(text: &str) -> Option<(Status, &str)> {
    // What follows the status, without the marks around it: "done (see #12)" is "see #12",
    // while a parenthesis the reason opened itself stays ("superseded by the fix (PAY-1)").
    fn rest_after(rest: &str) -> &str {
        let mut rest = rest.trim_start_matches(|c: char| {
            c.is_whitespace()
                || [':', '-', '—', '–', '(', ',', '.', ';', '*', '_', '`'].contains(&c)
        });
        loop {
            let trimmed = rest.trim_end_matches(|c: char| {
                c.is_whitespace() || [',', '.', ';', '*', '_', '`'].contains(&c)
            });
            let unbalanced = trimmed.matches(')').count() > trimmed.matches('(').count();
            match trimmed.strip_suffix(')') {
                Some(inner) if unbalanced => rest = inner,
                _ => return trimmed,
            }
        }
    }
    let mut t = text.trim().trim_start_matches(['*', '_', '`']).trim_start();
    if let Some(mark) = t.chars().next().filter(|c| DONE_MARKS.contains(c)) {
        t = t[mark.len_utf8()..]
            .trim_start_matches('\u{fe0f}')
            .trim_start();
        // "✅", "✅ Done", "✅ Reverted …": the mark decides.
        let t = t.trim_start_matches(['*', '_', '`']);
        let rest = match lead_word(t) {
            Some((Status::Done, len)) => &t[len..],
            _ => t,
        };
        return Some((Status::Done, rest_after(rest)));
    }
    let (status, len) = lead_word(t)?;
    Some((status, rest_after(&t[len..])))
}

/// The status word a text opens with, and its length, when a word boundary follows it.
fn lead_word(text: &str) -> Option<(Status, usize)> {
    let bytes = text.as_bytes();
    // Every word starts with an ASCII letter: most texts are turned away by their first byte.
    let first = bytes.first()?.to_ascii_lowercase();
    let mut longest: Option<(Status, usize)> = None;
    let mut candidates = if first.is_ascii_lowercase() {
        STARTING_WITH[usize::from(first - b'a')]
    } else {
        0
    };
    while candidates != 0 {
        let (word, status) = &WORDS[candidates.trailing_zeros() as usize];
        let word = word.as_str();
        candidates &= candidates - 1;
        let w = word.as_bytes();
        // The words are ASCII but for ’, so a match ignoring ASCII case ends where the word
        // does, on a character boundary.
        if !bytes
            .get(..w.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(w))
        {
            continue;
        }
        let whole = text[w.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if whole && longest.is_none_or(|(_, len)| w.len() > len) {
            longest = Some((*status, w.len()));
        }
    }
    longest
}

/// The status word `text` most likely misspells ("in progess", "Compelted"), in the case it
/// was written in: for a fix that corrects it.
pub fn misspelt_status(text: &str) -> Option<String> {
    let words: Vec<&str> = WORDS.iter().map(|(w, _)| w.as_str()).collect();
    misspelt(text, &words)
}

/// The one word of `words` that `text` (a whole cell or field) most likely misspells: within
/// one edit for words of five letters or fewer, two for longer ones, and nearer than any
/// other word; capitalised as `text` is.
pub fn misspelt(text: &str, words: &[&str]) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.len() > 24 || !t.chars().all(|c| c.is_alphabetic() || " -'’".contains(c))
    {
        return None;
    }
    let lower = t.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for &w in words {
        let d = transposing_distance(&lower, w);
        let limit = if w.len() <= 5 { 1 } else { 2 };
        if d == 0 || d > limit {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, w));
                tie = false;
            }
        }
    }
    let (_, word) = best.filter(|_| !tie)?;
    let mut out = word.to_owned();
    if t.chars().next().is_some_and(char::is_uppercase)
        && let Some(first) = out.get(..1)
    {
        out = first.to_uppercase() + &out[1..];
    }
    Some(out)
}

/// Edits from `a` to `b`, a swap of two neighbouring letters counting as one edit ("opne" is
/// one edit from "open"): the optimal string alignment distance.
fn transposing_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

/// The action-item types: prevent, mitigate, detect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActionType {
    Prevent,
    Mitigate,
    Detect,
}

impl ActionType {
    pub fn name(self) -> &'static str {
        match self {
            ActionType::Prevent => "prevent",
            ActionType::Mitigate => "mitigate",
            ActionType::Detect => "detect",
        }
    }

    /// A type as written in a cell or field (`prevent`, `**Detect**`, `mitigate.`).
    pub fn parse(text: &str) -> Option<ActionType> {
        let t = text
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_' || c == '`' || c == '.');
        // The words are ASCII: compared ignoring ASCII case, without a lowercase copy.
        ActionType::WORDS
            .iter()
            .find(|(word, _)| t.eq_ignore_ascii_case(word))
            .map(|(_, kind)| *kind)
    }

    /// The type word `text` most likely misspells ("prevnet", "Detetc").
    pub fn misspelt(text: &str) -> Option<String> {
        let words: Vec<&str> = ActionType::WORDS.iter().map(|(w, _)| *w).collect();
        misspelt(text, &words)
    }

    /// The words of each type.
    const WORDS: [(&str, ActionType); 8] = [
        ("prevent", ActionType::Prevent),
        ("prevention", ActionType::Prevent),
        ("preventive", ActionType::Prevent),
        ("preventative", ActionType::Prevent),
        ("mitigate", ActionType::Mitigate),
        ("mitigation", ActionType::Mitigate),
        ("detect", ActionType::Detect),
        ("detection", ActionType::Detect),
    ];
}

/// A status an item's text itself states: a done mark or `Done:` before the action, or the
/// whole action struck through (`~~…~~`). The range is the part that says so.
pub fn stated_in_text(text: &str) -> Option<(Status, Range<usize>)> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    if let Some(mark) = t.chars().next().filter(|c| DONE_MARKS.contains(c)) {
        return Some((Status::Done, lead..lead + mark.len_utf8()));
    }
    for prefix in ["done:", "done -", "done —", "[done]", "(done)"] {
        if t.len() >= prefix.len()
            && t.is_char_boundary(prefix.len())
            && t[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return Some((Status::Done, lead..lead + prefix.len()));
        }
    }
    // "~~Shed load~~", "~~Shed load~~ (superseded by …)": the action itself is struck out.
    if let Some(inner) = t.strip_prefix("~~")
        && let Some(close) = inner.find("~~")
        && close > 0
    {
        return Some((Status::Done, lead..lead + close + 4));
    }
    None
}

/// Whether a heading says the items under it are done: "Immediate actions (completed)",
/// "Done", "Completed items".
pub fn heading_says_done(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let negated = words.iter().any(|w| {
        matches!(
            *w,
            "not" | "to" | "be" | "incomplete" | "pending" | "remaining" | "open"
        )
    });
    !negated
        && words
            .iter()
            .any(|w| matches!(*w, "completed" | "done" | "complete" | "finished"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_of_two_letters_is_one_edit() {
        assert_eq!(transposing_distance("opne", "open"), 1);
        assert_eq!(transposing_distance("detetc", "detect"), 1);
        assert_eq!(transposing_distance("in progess", "in progress"), 1);
        assert_eq!(misspelt_status("opne").as_deref(), Some("open"));
        assert_eq!(misspelt_status("soon"), None);
    }

    #[test]
    fn the_status_words_fit_the_first_letter_table() {
        assert!(
            WORDS.len() <= 64,
            "{} status words: the table holds 64",
            WORDS.len()
        );
        for (word, _) in WORDS.iter() {
            assert!(
                word.bytes().next().is_some_and(|b| b.is_ascii_lowercase()),
                "`{word}` must start with a letter a-z"
            );
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("Done"), Some((Status::Done, "")));
        assert_eq!(parse_status("in-progress"), Some((Status::InProgress, "")));
        assert_eq!(
            parse_status("deprioritized: superseded by the queue rewrite"),
            Some((Status::Closed, "superseded by the queue rewrite"))
        );
        assert_eq!(parse_status("won't do"), Some((Status::Closed, "")));
        assert_eq!(parse_status("To Do"), Some((Status::Open, "")));
        assert_eq!(parse_status("**WIP**"), Some((Status::InProgress, "")));
        assert_eq!(parse_status("✅"), Some((Status::Done, "")));
        assert_eq!(parse_status("✅ Done"), Some((Status::Done, "")));
        assert_eq!(
            parse_status("Completed 2026-10-01"),
            Some((Status::Done, "2026-10-01"))
        );
        // A reason's own parenthesis stays; one around the reason goes.
        assert_eq!(
            parse_status("deprioritized: superseded by the pool fix (PAY-1)"),
            Some((Status::Closed, "superseded by the pool fix (PAY-1)"))
        );
        assert_eq!(
            parse_status("closed (superseded by the rewrite)."),
            Some((Status::Closed, "superseded by the rewrite"))
        );
        assert_eq!(parse_status("blocked"), None);
        assert_eq!(parse_status("opened"), None);
        assert_eq!(parse_status("Donezo"), None);
    }

    #[test]
    fn stated_in_the_text() {
        assert_eq!(
            stated_in_text("✅ Reverted the change").map(|s| s.0),
            Some(Status::Done)
        );
        assert_eq!(
            stated_in_text("Done: rotate the keys").map(|s| s.0),
            Some(Status::Done)
        );
        assert_eq!(
            stated_in_text("~~Rotate the keys~~").map(|s| s.0),
            Some(Status::Done)
        );
        assert_eq!(stated_in_text("Rotate the ~~old~~ keys"), None);
        assert_eq!(
            stated_in_text("~~Shed load~~ (superseded)"),
            Some((Status::Done, 0..13))
        );
        assert_eq!(stated_in_text("Donate"), None);
    }

    #[test]
    fn done_headings() {
        assert!(heading_says_done("Immediate actions (completed)"));
        assert!(heading_says_done("Done"));
        assert!(!heading_says_done("To be completed"));
        assert!(!heading_says_done("Short-term improvements"));
        assert!(!heading_says_done("Not done yet"));
    }
}
