//! The tool's own regexes: compiled with ASCII word boundaries, word characters and digits.
//! Unicode `\b` keeps a regex off the fast DFA engines, and Unicode `\w` and `\d` make large
//! automata; postmortem keywords, dates and times are ASCII, so nothing is lost. (Patterns
//! that users write, in phrase rules, keep full Unicode semantics.)

use regex::Regex;

/// Compiles one of the tool's own patterns. They are all exercised by the test suite, so a
/// failure here is a bug in the pattern, not in the input.
pub fn compile(pattern: &str) -> Regex {
    let pattern = asciify(pattern);
    // ASCII case folding too, where the pattern allows it (no `.` or negated class, which
    // could then match invalid UTF-8): a far smaller automaton, quicker to build.
    regex::RegexBuilder::new(&pattern)
        .unicode(false)
        .build()
        .or_else(|_| Regex::new(&pattern))
        .expect("the tool's own regex is valid")
}

/// A word byte as the tool's `\b` reads it: an ASCII letter, digit or `_`. The hand-written
/// scanners that replaced the tool's regexes find word boundaries with it.
pub fn is_word(b: u8) -> bool {
    WORD[usize::from(b)]
}

/// [`is_word`] as a table: one load instead of three range tests in the scanners' byte loops.
static WORD: [bool; 256] = {
    let mut word = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        word[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    word
};

/// Whether a line of `text`, past any of the bytes `lead`, opens with `word` in any ASCII
/// case: what a multi-line regex `^[lead]*word…` needs, asked before running it, since most
/// documents have no such line.
pub fn some_line_opens_with(text: &str, lead: &[u8], word: &str) -> bool {
    let b = text.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1))
        .any(|start| {
            // `lead` holds no newline, so this stays on the line.
            let at = start + b[start..].iter().take_while(|c| lead.contains(c)).count();
            b.get(at..at + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word.as_bytes()))
        })
}

/// Eight bytes read as one integer, for tests on all eight at once: `eights(bytes)` gives each
/// whole eight with its offset, and the tail that is left.
pub fn eights(bytes: &[u8]) -> (impl Iterator<Item = (usize, u64)> + '_, &[u8]) {
    let chunks = bytes.chunks_exact(8);
    let rest = chunks.remainder();
    let words = chunks.enumerate().map(|(i, chunk)| {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        (i * 8, u64::from_ne_bytes(eight))
    });
    (words, rest)
}

/// Whether some byte of the eight in `v` is below `n` (`n` at most 128): the high bit of a
/// byte of the difference is set below such a byte, and `!v` keeps bytes of 128 and more out.
pub const fn some_byte_below(v: u64, n: u8) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    v.wrapping_sub(ONES * n as u64) & !v & HIGHS != 0
}

/// Whether some byte of the eight in `v` is `b`.
pub const fn some_byte_is(v: u64, b: u8) -> bool {
    some_byte_below(v ^ (u64::from_ne_bytes([0x01; 8]) * b as u64), 1)
}

/// A byte table that holds `bytes`, for the scanners' "may something start here" loops.
pub const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

fn asciify(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        if c != '\\' {
            match c {
                '[' => in_class = true,
                ']' => in_class = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        match chars.next() {
            // Whitespace stays Unicode (a no-break space is a space), outside classes.
            Some('s') if !in_class => out.push_str(r"(?u:\s)"),
            Some('b') => out.push_str(r"(?-u:\b)"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('d') => out.push_str("[0-9]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_opening_with_a_word_is_found_past_its_lead() {
        let opens = |text: &str| super::some_line_opens_with(text, b" \t*", "action");
        assert!(opens("ACTION item: x"));
        assert!(opens("intro\n  **Action: x"));
        assert!(!opens("intro\n- Action: x"));
        assert!(!opens("the action: x"));
        assert!(!opens("intro\n  act"));
    }

    #[test]
    fn ascii_classes() {
        assert_eq!(
            asciify(r"\bx\w+\d\\b\."),
            r"(?-u:\b)x[0-9A-Za-z_]+[0-9]\\b\."
        );
        assert!(compile(r"\bcare\b").is_match("take care."));
        assert!(!compile(r"\d").is_match("٣"));
    }
}
