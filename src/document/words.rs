//! A sentence's words: lowercased, contractions split, each with a crude stem, so that a
//! language rule names a meaning once, not once per spelling (see [`super::sentences`]).

use super::Document;
use super::sentences::Word;
use compact_str::CompactString;
use std::ops::Range;

/// The words of a sentence: letters, digits and the marks inside words (`'`, `-`, `_`, `@`
/// at the start of a handle); contractions split.
pub fn words(doc: &Document<'_>, range: Range<usize>) -> Vec<Word> {
    let prose = doc.prose_text(range.clone());
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((i, c)) = prose[at..].char_indices().next().map(|(i, c)| (at + i, c)) {
        if !(c.is_alphanumeric() || c == '@' || c == '#') {
            at = i + c.len_utf8();
            continue;
        }
        let end = word_end(&prose, i);
        at = end;
        let written = &prose[i..end];
        let abs = range.start + i..range.start + end;
        let capital = written.chars().next().is_some_and(char::is_uppercase);
        // Most words are short ASCII: lowercased in place, kept inline (no allocation).
        let lower: CompactString = if written.is_ascii() {
            let mut l = CompactString::from(written);
            l.make_ascii_lowercase();
            l
        } else {
            written.to_lowercase().replace('’', "'").into()
        };
        if !lower.contains('\'') && lower != "cannot" {
            out.push(Word {
                range: abs,
                stem: stem_compact(&lower),
                lower,
                capital,
                starts: 0,
            });
            continue;
        }
        for part in split_contraction(&lower) {
            out.push(Word {
                range: abs.clone(),
                stem: stem_compact(&part),
                lower: part.into(),
                capital,
                starts: 0,
            });
        }
    }
    out
}

/// Where the word starting at byte `start` of `text` ends: letters and digits, and the marks
/// that stand inside words (`'`, `’`, `-`, `_`, `.`, `/`) when a letter or digit follows.
pub fn word_end(text: &str, start: usize) -> usize {
    let mut chars = text[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .peekable();
    let Some((_, first)) = chars.next() else {
        return start;
    };
    let mut end = start + first.len_utf8();
    while let Some((j, d)) = chars.next() {
        let inner = matches!(d, '\'' | '’' | '-' | '_' | '.' | '/')
            && chars.peek().is_some_and(|&(_, e)| e.is_alphanumeric());
        if d.is_alphanumeric() || inner {
            end = j + d.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn split_contraction(word: &str) -> Vec<String> {
    if !word.contains('\'') && !matches!(word, "cannot") {
        return vec![word.to_owned()];
    }
    let special = match word {
        "can't" | "cannot" => Some(["can", "not"]),
        "won't" => Some(["will", "not"]),
        "shan't" => Some(["shall", "not"]),
        _ => None,
    };
    if let Some(parts) = special {
        return parts.iter().map(|p| (*p).to_owned()).collect();
    }
    for (suffix, full) in [
        ("n't", "not"),
        ("'ve", "have"),
        ("'ll", "will"),
        ("'re", "are"),
        ("'d", "would"),
        ("'m", "am"),
    ] {
        if let Some(head) = word.strip_suffix(suffix)
            && !head.is_empty()
        {
            return vec![head.to_owned(), full.to_owned()];
        }
    }
    if let Some(head) = word.strip_suffix("'s")
        && !head.is_empty()
    {
        return vec![head.to_owned(), "'s".to_owned()];
    }
    vec![word.to_owned()]
}

/// Irregular forms and their base.
const IRREGULAR: &[(&str, &str)] = &[
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("made", "make"),
    ("broke", "break"),
    ("broken", "break"),
    ("thought", "think"),
    ("felt", "feel"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("doing", "do"),
    ("was", "be"),
    ("were", "be"),
    ("is", "be"),
    ("are", "be"),
    ("been", "be"),
    ("am", "be"),
    ("being", "be"),
    ("had", "have"),
    ("has", "have"),
    ("having", "have"),
    ("knew", "know"),
    ("known", "know"),
    ("saw", "see"),
    ("seen", "see"),
    ("went", "go"),
    ("gone", "go"),
    ("goes", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("mistook", "mistake"),
    ("mistaken", "mistake"),
    ("misunderstood", "misunderstand"),
    ("misread", "misread"),
    ("took", "take"),
    ("taken", "take"),
    ("led", "lead"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("wrote", "write"),
    ("written", "write"),
    ("built", "build"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("brought", "bring"),
    ("kept", "keep"),
    ("ran", "run"),
    ("began", "begin"),
    ("begun", "begin"),
    ("meant", "mean"),
    ("sent", "send"),
    ("told", "tell"),
    ("left", "leave"),
    ("understood", "understand"),
    ("overlooked", "overlook"),
    ("panicked", "panic"),
    ("panicking", "panic"),
    ("should've", "should have"),
];

/// The irregular forms whose stem is `stem` ("thought" of "think"), for triggers that must
/// find a verb in any form.
pub fn irregular_forms(stem: &str) -> impl Iterator<Item = &'static str> + '_ {
    // Each base is stemmed once per process, not once per trigger word asking.
    static BY_STEM: std::sync::LazyLock<rustc_hash::FxHashMap<CompactString, Vec<&'static str>>> =
        std::sync::LazyLock::new(|| {
            let mut map: rustc_hash::FxHashMap<CompactString, Vec<&'static str>> =
                rustc_hash::FxHashMap::default();
            for (form, base) in IRREGULAR {
                map.entry(stem_regular(base)).or_default().push(form);
            }
            map
        });
    BY_STEM.get(stem).into_iter().flatten().copied()
}

/// A crude stem: irregular forms to their base, then `-ing`, `-ed`, `-es`, `-s` and a final
/// `-e` taken off, and a doubled final consonant undone ("planned" → "plan"). Both the
/// document's words and the rules' word lists go through it, so only agreement matters.
pub fn stem(word: &str) -> String {
    stem_compact(word).into()
}

/// [`stem`], kept inline when short (as nearly every stem is).
pub fn stem_compact(word: &str) -> CompactString {
    static BASES: std::sync::LazyLock<rustc_hash::FxHashMap<&str, &str>> =
        std::sync::LazyLock::new(|| IRREGULAR.iter().copied().collect());
    let lower: std::borrow::Cow<'_, str> = if word.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    };
    if let Some(base) = BASES.get(lower.as_ref()) {
        return stem_regular(base);
    }
    stem_regular(&lower)
}

fn stem_regular(word: &str) -> CompactString {
    let w = word;
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w.into();
    }
    let mut s: &str = w;
    for suffix in ["ied", "ies"] {
        if let Some(base) = s.strip_suffix(suffix) {
            let mut out = CompactString::from(base);
            out.push('y');
            return out;
        }
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = s.strip_suffix(suffix)
            && base.len() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            s = base;
            break;
        }
    }
    let s = s.strip_suffix('e').filter(|b| b.len() >= 3).unwrap_or(s);
    let b = s.as_bytes();
    if b.len() >= 4
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'e' | b'o')
    {
        return s[..s.len() - 1].into();
    }
    s.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        for group in [
            &["forgot", "forget", "forgetting", "forgets", "forgotten"][..],
            &[
                "investigate",
                "investigated",
                "investigating",
                "investigates",
            ],
            &["assume", "assumed", "assuming", "assumes"],
            &["plan", "planned", "planning"],
            &["try", "tried", "tries"],
            &["check", "checked", "checking"],
            &["think", "thought", "thinking"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
        assert_ne!(stem("need"), stem("ne"));
    }

    #[test]
    fn contractions_split() {
        assert_eq!(split_contraction("didn't"), ["did", "not"]);
        assert_eq!(split_contraction("should've"), ["should", "have"]);
        assert_eq!(split_contraction("won't"), ["will", "not"]);
        assert_eq!(split_contraction("sofia's"), ["sofia", "'s"]);
    }
}
