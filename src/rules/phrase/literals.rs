//! The phrase rules' literal prefilter. For each pattern, the literals its matches must hold
//! (read off its syntax tree: never a list kept beside the patterns); one pass over a document
//! finds where any of them occurs; a rule's automaton then reads only the regions that hold a
//! literal of every set one of its patterns needs.
//!
//! Sound by construction. A literal is what a match must contain, read loosely enough to hold
//! wherever the rule's regex can match the prose text: letters compared ASCII-case-insensitively
//! (what the ASCII-mode rules match) unless the pattern asks for case, and whitespace read as
//! "one or more bytes that are whitespace or hidden" (hiding code or a comment turns its bytes
//! into spaces). A pattern with nothing to look for, or a rule with Unicode semantics, makes its
//! rule read everywhere.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Literals are looked for by three bytes in a row: one without them is not looked for.
const ANCHOR: usize = 3;
/// The most literals a node is expanded into, and the most in a set that is looked for.
const MAX_SET: usize = 32;
/// The most code points of a class read as alternatives.
const SMALL_CLASS: usize = 4;

/// One element of a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Elem {
    /// A byte; `true` when it must match in its own case (a letter the pattern writes under
    /// `(?-i)`); a letter of either case is kept in lower case.
    Byte(u8, bool),
    /// One or more bytes, each whitespace or hidden.
    Gap,
}

pub(super) type Literal = Vec<Elem>;

/// Literals, one of which occurs in every match of the node it was read from.
type Set = Vec<Literal>;

/// What a pattern's matches need: a literal of each set (an empty list: nothing known).
pub(super) fn needs(pattern: &str) -> Vec<Set> {
    // Parsed as the rule compiles it: case-insensitive, ASCII; a letter is then a class of its
    // two cases, and a group that asks for Unicode gives classes too wide to be one byte.
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .unicode(false)
        .nest_limit(64)
        .build()
        .parse(pattern)
    else {
        return Vec::new();
    };
    let mut sets = Vec::new();
    all_of(&hir, &mut sets);
    sets.retain(|set| set.len() <= MAX_SET && set.iter().all(|l| anchor_room(l) >= ANCHOR));
    sets
}

/// The bytes `\s` matches in ASCII mode.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// A literal with each run of gaps made one gap (a gap already stands for one or more).
fn tidy(literal: Literal) -> Literal {
    let mut out: Literal = Vec::with_capacity(literal.len());
    for e in literal {
        if !(e == Elem::Gap && out.last() == Some(&Elem::Gap)) {
            out.push(e);
        }
    }
    out
}

/// Every text a node can match, as literals, when they are few: `None` otherwise.
fn exact(hir: &Hir) -> Option<Set> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![tidy(
            l.0.iter()
                .map(|&b| match is_space(b) {
                    true => Elem::Gap,
                    false => Elem::Byte(b, b.is_ascii_alphabetic()),
                })
                .collect(),
        )]),
        HirKind::Class(class) => {
            // Its first seven code points (or bytes): enough to tell the classes kept here.
            let bounds: Vec<(u32, u32)> = match class {
                Class::Bytes(c) => c
                    .ranges()
                    .iter()
                    .map(|r| (r.start().into(), r.end().into()))
                    .collect(),
                Class::Unicode(c) => c
                    .ranges()
                    .iter()
                    .map(|r| (r.start().into(), r.end().into()))
                    .collect(),
            };
            let points: Vec<u32> = bounds.iter().flat_map(|&(a, b)| a..=b).take(7).collect();
            let ascii_space = |p: &u32| u8::try_from(*p).is_ok_and(is_space);
            if points.len() < 7 && points.iter().all(ascii_space) {
                return Some(vec![vec![Elem::Gap]]);
            }
            if points.len() > SMALL_CLASS {
                return None;
            }
            // A small class is its code points as alternatives: `['’]`, `[-/]`. A letter and
            // its other case are one, compared without case; whitespace is a gap.
            let mut set: Set = Vec::new();
            for &p in &points {
                let c = char::from_u32(p)?;
                let alternative = if ascii_space(&p) {
                    vec![Elem::Gap]
                } else {
                    let mut utf8 = [0; 4];
                    c.encode_utf8(&mut utf8)
                        .bytes()
                        .map(|b| Elem::Byte(b.to_ascii_lowercase(), false))
                        .collect()
                };
                if !set.contains(&alternative) {
                    set.push(alternative);
                }
            }
            Some(set)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) => {
            let sub = exact(&r.sub)?;
            if sub == [[Elem::Gap]] && r.min >= 1 {
                return Some(sub);
            }
            match (r.min, r.max) {
                (0, Some(1)) => {
                    let mut set = sub;
                    set.push(Vec::new());
                    (set.len() <= MAX_SET).then_some(set)
                }
                (1, Some(1)) => Some(sub),
                _ => None,
            }
        }
        HirKind::Concat(children) => {
            let mut set: Set = vec![Vec::new()];
            for child in children {
                set = cross(&set, &exact(child)?)?;
            }
            Some(set)
        }
        HirKind::Alternation(children) => {
            let mut set: Set = Vec::new();
            for child in children {
                for l in exact(child)? {
                    if !set.contains(&l) {
                        set.push(l);
                    }
                }
            }
            (set.len() <= MAX_SET).then_some(set)
        }
    }
}

/// Each literal of `a` followed by each of `b`, when there are few enough.
fn cross(a: &Set, b: &Set) -> Option<Set> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let l = tidy(x.iter().chain(y).copied().collect());
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    Some(out)
}

/// Every set a node's matches need, added to `out`.
fn all_of(hir: &Hir, out: &mut Vec<Set>) {
    if let Some(set) = exact(hir) {
        out.push(set);
        return;
    }
    match hir.kind() {
        HirKind::Capture(c) => all_of(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => all_of(&r.sub, out),
        HirKind::Concat(children) => {
            // Literal runs between the parts that are not literals, each a set of its own.
            let mut run: Set = vec![Vec::new()];
            for child in children {
                match exact(child).and_then(|set| cross(&run, &set)) {
                    Some(longer) => run = longer,
                    None => {
                        out.push(std::mem::replace(&mut run, vec![Vec::new()]));
                        if let Some(set) = exact(child) {
                            run = set;
                        } else {
                            all_of(child, out);
                        }
                    }
                }
            }
            out.push(run);
        }
        HirKind::Alternation(_) => out.extend(one_of(hir)),
        _ => {}
    }
}

/// One set a node's matches need: for an alternation, the union of its branches' best sets.
fn one_of(hir: &Hir) -> Option<Set> {
    match (exact(hir), hir.kind()) {
        (Some(set), _) => Some(set),
        (None, HirKind::Alternation(children)) => {
            let mut union: Set = Vec::new();
            for child in children {
                for l in one_of(child)? {
                    if !union.contains(&l) {
                        union.push(l);
                    }
                }
            }
            Some(union)
        }
        (None, _) => {
            let mut sets = Vec::new();
            all_of(hir, &mut sets);
            best(sets)
        }
    }
}

/// The longest run of bytes in a literal: where its three bytes can be looked for.
fn anchor_room(literal: &[Elem]) -> usize {
    literal
        .split(|e| *e == Elem::Gap)
        .map(<[Elem]>::len)
        .max()
        .unwrap_or(0)
}

/// Of several needed sets, the one least likely to occur: every literal lookable-for first,
/// then the most bytes in its shortest literal, then the fewest literals, then the first.
fn best(sets: Vec<Set>) -> Option<Set> {
    let score = |set: &Set| {
        let lookable = set.iter().all(|l| anchor_room(l) >= ANCHOR);
        let bytes = |l: &Literal| l.iter().filter(|e| **e != Elem::Gap).count();
        let shortest = set.iter().map(bytes).min().unwrap_or(0);
        (lookable, shortest.min(12), std::cmp::Reverse(set.len()))
    };
    sets.into_iter().fold(None, |best, set| match best {
        Some(b) if score(&b) >= score(&set) => Some(b),
        _ => Some(set),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(l: &Literal) -> String {
        let bytes: Vec<u8> = l
            .iter()
            .map(|e| match e {
                Elem::Byte(b, _) => *b,
                Elem::Gap => b'_',
            })
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn sets(pattern: &str) -> Vec<Vec<String>> {
        needs(&format!("(?:{})", pattern.replace(' ', r"\s+")))
            .iter()
            .map(|set| {
                let mut set: Vec<String> = set.iter().map(show).collect();
                set.sort();
                set
            })
            .collect()
    }

    #[test]
    fn literals_are_read_off_the_pattern() {
        assert_eq!(sets("human error"), [["human_error"]]);
        assert_eq!(sets("I (?:thought|felt)"), [["i_felt", "i_thought"]]);
        assert_eq!(
            sets("be (?:more|extra) careful|try harder"),
            [["be_extra_careful", "be_more_careful", "try_harder"]]
        );
        assert_eq!(
            sets("(?-i:[A-Z][a-z]+)(?:’|\\x27)s fault"),
            [["'s_fault", "’s_fault"]]
        );
        // A small class is read as its code points: the whole phrase is one literal.
        assert_eq!(
            sets("should(?: have|(?:’|\\x27)ve) known"),
            [["should've_known", "should_have_known", "should’ve_known"]]
        );
        assert_eq!(sets(r"(?-i:\bPIP\b)"), [["PIP"]]);
        assert_eq!(sets("(?:his|her|[a-z]+) fault"), [["_fault"]]);
        assert_eq!(sets("(?i:CAREless)ly"), [["carelessly"]]);
    }

    #[test]
    fn a_pattern_without_a_literal_gives_nothing() {
        assert!(sets("[a-z]+ fault|x?").is_empty());
        assert!(sets("I|we").is_empty());
        assert!(sets(r"\w+ly").is_empty());
    }
}
