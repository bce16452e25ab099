//! The one escaping function for anything a user or a pull request controls (file names,
//! config values, a document's words) on its way to a terminal or a log.
//!
//! Control characters (C0, DEL, C1) become visible: C0 and DEL as their Unicode control
//! pictures (`␛`, `␊`, `␡`), C1 as `\u{9b}`. So do the characters that reorder text on a
//! terminal (bidirectional overrides and isolates). A newline is shown as `␊`, so that a value
//! never starts an output line of its own: nothing it holds can be read as a new message, a
//! GitHub workflow command (`::error …`) or a terminal escape sequence.

use std::borrow::Cow;

/// `text` with every control or reordering character made visible (see the module).
/// Borrowed, at no cost beyond one scan, when there is nothing to escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\x7f' => out.push('\u{2421}'),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(visible("a\u{1b}[31mred\u{7}"), "a␛[31mred␇");
        assert_eq!(visible("x\n::error file=a::b"), "x␊::error file=a::b");
        assert_eq!(visible("tab\there\r"), "tab␉here␍");
        assert_eq!(visible("del\u{7f} c1\u{9b}"), "del␡ c1\\u{9b}");
        assert_eq!(visible("rtl\u{202e}txt"), "rtl\\u{202e}txt");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            visible("plain — “text” é"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
