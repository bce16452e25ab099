//! Where the phrase rules' literals ([`super::literals`]) occur in a document: one pass over
//! its bytes that keeps the last four as it goes and looks closer only where a literal's
//! least common four bytes may stand.

use super::literals::{Elem, Literal, is_space};

/// How common a letter is in English text, per mille (other bytes as common as the most
/// common letter): used only to pick, in each literal, the four bytes the scan looks for, so
/// that few places need a closer look.
fn frequency(b: u8) -> u64 {
    const LETTERS: [u64; 26] = [
        82, 15, 28, 43, 127, 22, 20, 61, 70, 2, 8, 40, 24, 67, 75, 19, 1, 60, 63, 91, 28, 10, 24,
        2, 20, 1,
    ];
    match b | 0x20 {
        l @ b'a'..=b'z' => LETTERS[usize::from(l - b'a')],
        _ => 127,
    }
}

/// The commonest three-letter sequences of English text: a literal is looked for by four
/// bytes of its own that hold none of these where it has such (speed only, never what is
/// found).
const COMMON: [&[u8; 3]; 40] = [
    b"the", b"and", b"ing", b"ion", b"tio", b"ent", b"ati", b"for", b"her", b"ter", b"hat", b"tha",
    b"ere", b"ate", b"his", b"con", b"res", b"ver", b"all", b"ons", b"nce", b"men", b"ith", b"ted",
    b"ers", b"pro", b"thi", b"wit", b"are", b"ess", b"not", b"ive", b"was", b"ect", b"rea", b"com",
    b"eve", b"per", b"int", b"est",
];

/// What one of the four bytes the scan keeps may be, where a literal is looked for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// A byte of the literal.
    Byte(u8),
    /// The byte next to a gap at an end of the four: whitespace (or hidden: a space).
    Blank,
    /// A byte before or after the literal: any byte.
    Any,
}

impl Slot {
    /// The low five bits (see [`key`]) the text's byte may have.
    fn values(self) -> Vec<u32> {
        match self {
            Slot::Byte(b) => vec![u32::from(b & 31)],
            Slot::Blank => (0..=255u8)
                .filter(|&b| is_space(b))
                .map(|b| u32::from(b & 31))
                .collect(),
            Slot::Any => (0..32).collect(),
        }
    }

    /// How often a byte of text may be this slot, per mille, roughly.
    fn frequency(self) -> u64 {
        match self {
            Slot::Byte(b) => frequency(b),
            Slot::Blank => 180,
            Slot::Any => 1000,
        }
    }
}

/// How common four bytes are, roughly: the product of their frequencies, and far more for
/// one holding a [`COMMON`] sequence.
fn commonness(four: [Slot; 4]) -> u64 {
    let product: u64 = four.iter().map(|s| s.frequency()).product();
    let common = four.windows(3).any(|w| match w {
        [Slot::Byte(a), Slot::Byte(b), Slot::Byte(c)] => {
            COMMON.iter().any(|t| [*a, *b, *c].eq_ignore_ascii_case(*t))
        }
        _ => false,
    });
    if common { product * 1000 } else { product }
}

/// The last four bytes as the scan keeps them (the low five bits of each, which a letter's
/// two cases share; the newest lowest) as a 15-bit key, mixed by a multiplication. Other bytes
/// share keys with letters, and keys collide: a key only says where to look closer.
fn key(window: u32) -> usize {
    (window.wrapping_mul(0x9e37_79b1) >> 17) as usize
}

/// Where the literals occur in a text. Each literal is looked for by its least common four
/// bytes in a row (a byte next to a gap counts as whitespace, and a literal of three bytes
/// between its ends takes any byte beside them) and by the four one byte before or after
/// them, whose keys are marked in a table of 32 Ki bytes (a byte is read in fewer steps than
/// a bit): the scan keeps the last four bytes as it goes and looks up every second place, one
/// of the two fours ending there; most places are passed over after one lookup, and a marked
/// key is checked against the literals anchored there.
#[derive(Debug)]
pub(super) struct Scanner {
    marked: Box<[bool; 1 << 15]>,
    /// The anchors, sorted by key.
    anchors: Vec<Anchor>,
    /// For each key, where its anchors start in `anchors` (read only where the key is marked).
    first: Box<[u16]>,
    literals: Vec<Literal>,
}

/// Literals looked for by the same four bytes, from the same run of bytes around them (shared
/// by literals that differ only past a gap): a look compares the run once for all of them.
#[derive(Debug)]
struct Anchor {
    key: usize,
    /// The four bytes' low five bits, as [`key`] reads them.
    window: u32,
    /// How far the place is before the newest of the four.
    back: usize,
    /// The run of bytes (no gap) that holds the place, and where the place is in it.
    run: Vec<Elem>,
    run_at: usize,
    /// The run as bytes, when no byte of it is cased (then compared ignoring ASCII case).
    folded: Option<Vec<u8>>,
    /// (literal, its element at the place).
    members: Vec<(usize, usize)>,
}

impl Scanner {
    /// A scanner for `literals`; a hit names a literal by its index. A literal without three
    /// bytes in a row is never found: the caller leaves such out.
    pub(super) fn new(literals: Vec<Literal>) -> Scanner {
        let mut marked = Box::new([false; 1 << 15]);
        // (key, window, back, run, where the place is in the run, literal, element at it).
        type Place = (usize, u32, usize, Vec<Elem>, usize, usize, usize);
        let mut places: Vec<Place> = Vec::new();
        for (id, l) in literals.iter().enumerate() {
            // The four slots starting at element `start` (one before the literal at most).
            let four = |start: isize| -> Option<[Slot; 4]> {
                let mut slots = [Slot::Any; 4];
                for (j, slot) in slots.iter_mut().enumerate() {
                    let i = start + j as isize;
                    *slot = match usize::try_from(i).ok().and_then(|i| l.get(i)) {
                        Some(Elem::Byte(b, _)) => Slot::Byte(*b),
                        Some(Elem::Gap) if j == 0 || j == 3 => Slot::Blank,
                        Some(Elem::Gap) => return None,
                        None => Slot::Any,
                    };
                }
                Some(slots)
            };
            // Four slots that can be looked for: at least three of them the literal's bytes.
            let valid = |start: isize| {
                four(start).filter(|s| s.iter().filter(|s| matches!(s, Slot::Byte(_))).count() >= 3)
            };
            let Some((start, slots)) = (-1..l.len() as isize)
                .filter_map(|start| Some((start, valid(start)?)))
                .min_by_key(|(_, s)| commonness(*s))
            else {
                continue;
            };
            let first_byte = slots
                .iter()
                .position(|s| matches!(s, Slot::Byte(_)))
                .unwrap_or(0);
            let elem = usize::try_from(start + first_byte as isize).unwrap_or(0);
            let back = 3 - first_byte;
            // The scan looks every second byte, so the literal is also looked for by the four
            // slots one before or one after these (the less common of the two). Three bytes in
            // a row have both neighbours: the slot past them is a gap's blank or any byte.
            // Between the place and either four's end no gap stands, so both find the same
            // place.
            let neighbour = [(start - 1, back - 1), (start + 1, back + 1)]
                .into_iter()
                .filter_map(|(start, back)| Some((valid(start)?, back)))
                .min_by_key(|(s, _)| commonness(*s));
            let run_start = l[..elem]
                .iter()
                .rposition(|e| *e == Elem::Gap)
                .map_or(0, |g| g + 1);
            let run_end = l[elem..]
                .iter()
                .position(|e| *e == Elem::Gap)
                .map_or(l.len(), |g| elem + g);
            let run = l[run_start..run_end].to_vec();
            for (slots, back) in std::iter::once((slots, back)).chain(neighbour) {
                let mut windows = vec![0u32];
                for slot in slots {
                    windows = windows
                        .iter()
                        .flat_map(|w| slot.values().into_iter().map(move |v| w << 8 | v))
                        .collect();
                }
                for w in windows {
                    let key = key(w);
                    marked[key] = true;
                    places.push((key, w, back, run.clone(), elem - run_start, id, elem));
                }
            }
        }
        // Sorted, the places of one anchor stand together (and two blanks or bytes that share
        // low bits give one place twice).
        places.sort();
        places.dedup();
        let mut anchors: Vec<Anchor> = Vec::new();
        for (key, window, back, run, run_at, literal, elem) in places {
            match anchors.last_mut() {
                Some(a)
                    if (a.key, a.window, a.back, a.run_at) == (key, window, back, run_at)
                        && a.run == run =>
                {
                    a.members.push((literal, elem));
                }
                _ => anchors.push(Anchor {
                    key,
                    window,
                    back,
                    folded: run
                        .iter()
                        .map(|e| match e {
                            Elem::Byte(b, false) => Some(*b),
                            _ => None,
                        })
                        .collect(),
                    run,
                    run_at,
                    members: vec![(literal, elem)],
                }),
            }
        }
        // More anchors than a `u16` counts are left out of the table, and so never found: the
        // prefilter keeps far fewer literals than that.
        anchors.truncate(usize::from(u16::MAX));
        let mut first = vec![0u16; 1 << 15].into_boxed_slice();
        for (i, a) in anchors.iter().enumerate().rev() {
            first[a.key] = u16::try_from(i).unwrap_or(u16::MAX);
        }
        Scanner {
            marked,
            anchors,
            first,
            literals,
        }
    }

    /// Each place a literal is found, with its index, in text order (a literal's place is
    /// where the first of its bytes it is looked for by is). `text` is the document with the
    /// bytes the rules do not read (code, comments) turned into spaces, as the rules read it.
    pub(super) fn scan(&self, text: &[u8], hits: &mut Vec<(usize, usize)>) {
        // Four bytes of text at a time, read as one number with the earlier four above them
        // (the newest byte lowest, as [`key`] reads them): the fours that end at the second
        // and the fourth byte are looked up (each literal is looked for by two fours one byte
        // apart, so one of them ends where the scan looks). The closer look is a call. Before
        // the text, the four are spaces: a literal may start at its first byte.
        const LOW: u64 = 0x1f1f_1f1f_1f1f_1f1f;
        let mut last = u64::from(u32::from_be_bytes([b' '; 4]));
        let mut fours = text.chunks_exact(4);
        for (n, four) in fours.by_ref().enumerate() {
            let eight = (last << 32
                | u64::from(u32::from_be_bytes([four[0], four[1], four[2], four[3]])))
                & LOW;
            last = eight;
            let second = (eight >> 16) as u32;
            if self.marked[key(second)] {
                self.look(text, 4 * n + 1, second, hits);
            }
            let fourth = eight as u32;
            if self.marked[key(fourth)] {
                self.look(text, 4 * n + 3, fourth, hits);
            }
        }
        // The last one to three bytes are read with spaces after them: a four that ends past
        // the text takes any byte or a blank there, and the closer look reads only the text.
        let rest = fours.remainder();
        if !rest.is_empty() {
            let start = text.len() - rest.len();
            let mut padded = [b' '; 4];
            padded[..rest.len()].copy_from_slice(rest);
            let eight = (last << 32 | u64::from(u32::from_be_bytes(padded))) & LOW;
            let second = (eight >> 16) as u32;
            if self.marked[key(second)] {
                self.look(text, start + 1, second, hits);
            }
            let fourth = eight as u32;
            if rest.len() == 3 && self.marked[key(fourth)] {
                self.look(text, start + 3, fourth, hits);
            }
        }
        // Literals looked for by different bytes of theirs are found out of order.
        hits.sort_by_key(|&(at, _)| at);
    }

    /// The literals looked for by the four bytes `window` that end at `i`, where they are.
    #[inline(never)]
    fn look(&self, text: &[u8], i: usize, window: u32, hits: &mut Vec<(usize, usize)>) {
        let k = key(window);
        let from = usize::from(self.first[k]);
        for anchor in self.anchors[from..].iter().take_while(|a| a.key == k) {
            if anchor.window != window {
                continue;
            }
            let Some(at) = i.checked_sub(anchor.back) else {
                continue;
            };
            let Some(start) = at.checked_sub(anchor.run_at) else {
                continue;
            };
            let end = start + anchor.run.len();
            let run_holds = text.get(start..end).is_some_and(|t| match &anchor.folded {
                Some(folded) => t.eq_ignore_ascii_case(folded),
                None => t.iter().zip(&anchor.run).all(|(&t, &e)| same(t, e)),
            });
            if !run_holds {
                continue;
            }
            // The run holds: each literal is checked on either side of it.
            for &(literal, elem) in &anchor.members {
                let literal_elems = &self.literals[literal];
                let lo = elem - anchor.run_at;
                let hi = lo + anchor.run.len();
                if holds_from(text, end, &literal_elems[hi..])
                    && holds_before(text, start, &literal_elems[..lo])
                {
                    hits.push((at, literal));
                }
            }
        }
    }
}

/// Whether a byte of the text is the byte element `e`.
fn same(t: u8, e: Elem) -> bool {
    match e {
        Elem::Byte(b, true) => t == b,
        Elem::Byte(b, false) => t.to_ascii_lowercase() == b,
        Elem::Gap => false,
    }
}

/// Whether `elems` stand in `text` from byte `at` on. A gap takes all the whitespace there is:
/// the byte after a gap is never whitespace, so taking fewer could not find it either.
fn holds_from(text: &[u8], at: usize, elems: &[Elem]) -> bool {
    let blank = |i: usize| is_space(text[i]);
    let mut i = at;
    for &e in elems {
        match e {
            Elem::Gap if i < text.len() && blank(i) => {
                while i < text.len() && blank(i) {
                    i += 1;
                }
            }
            Elem::Byte(..) if i < text.len() && same(text[i], e) => i += 1,
            _ => return false,
        }
    }
    true
}

/// Whether `elems` stand in `text` right before byte `at`.
fn holds_before(text: &[u8], at: usize, elems: &[Elem]) -> bool {
    let blank = |i: usize| is_space(text[i]);
    let mut i = at;
    for &e in elems.iter().rev() {
        match e {
            Elem::Gap if i > 0 && blank(i - 1) => {
                while i > 0 && blank(i - 1) {
                    i -= 1;
                }
            }
            Elem::Byte(..) if i > 0 && same(text[i - 1], e) => i -= 1,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::phrase::literals::needs;

    /// Whether `literal`, with its element `offset` at byte `at`, is in `text`.
    fn found(text: &[u8], at: usize, literal: &[Elem], offset: usize) -> bool {
        holds_from(text, at, &literal[offset..]) && holds_before(text, at, &literal[..offset])
    }

    fn lit(pattern: &str) -> Literal {
        needs(pattern).remove(0).remove(0)
    }

    /// Where each literal starts in `text`, read the slow way: every place it matches from,
    /// a leading gap taken whole.
    fn occurrences(text: &[u8], literals: &[Literal]) -> Vec<(usize, usize)> {
        let mut all = Vec::new();
        for (id, l) in literals.iter().enumerate() {
            for start in 0..text.len() {
                let whole_gap = l[0] != Elem::Gap || start == 0 || !is_space(text[start - 1]);
                if whole_gap && found(text, start, l, 0) {
                    all.push((start, id));
                }
            }
        }
        all
    }

    #[test]
    fn the_scanner_finds_literals_across_any_whitespace() {
        let scanner = Scanner::new(vec![
            lit(r"careless"),
            lit(r"human\s+error"),
            lit(r"(?-i:PIP)"),
            lit(r"was\s+let\s+go"),
        ]);
        // "human`x`error" with its inline code hidden, as the rules read it.
        let text = b"PIP: CareLess; HUMAN \n\t error, human   error, PIP pip was\tlet  go";
        let mut hits = Vec::new();
        scanner.scan(text, &mut hits);
        let ids: Vec<usize> = hits.iter().map(|h| h.1).collect();
        assert_eq!(ids, [2, 0, 1, 1, 2, 3], "{hits:?}");
        // Each place is inside what was found.
        let spans = [0..3, 5..13, 15..29, 31..43, 45..48, 53..67];
        for (&(at, _), span) in hits.iter().zip(spans) {
            assert!(span.contains(&at), "{at} outside {span:?}");
        }
    }

    #[test]
    fn places_come_in_text_order() {
        // Both are looked for by "aPIP", one from its first byte, the other from its second.
        let scanner = Scanner::new(vec![lit(r"(?-i:PIP)"), lit(r"aPIP")]);
        let mut hits = Vec::new();
        scanner.scan(b"aPIP", &mut hits);
        assert_eq!(hits, [(0, 1), (1, 0)]);
    }

    proptest::proptest! {
        /// The scanner finds each literal as often as reading every place finds it.
        #[test]
        fn the_scanner_finds_what_reading_every_place_finds(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "human", "error", "Human", " ", "  ", "\n", "\t ", "x", "ERROR", "PIP",
                    "pip", "let", "was", "go", "careless", "Careless", "ly", ".",
                ]),
                0..40,
            )
        ) {
            let literals = vec![
                lit(r"careless"),
                lit(r"human\s+error"),
                lit(r"(?-i:PIP)"),
                lit(r"was\s+let\s+go"),
                lit(r"\s+error"),
            ];
            let text = parts.concat();
            let scanner = Scanner::new(literals.clone());
            let mut hits = Vec::new();
            scanner.scan(text.as_bytes(), &mut hits);
            let mut found: Vec<usize> = hits.iter().map(|h| h.1).collect();
            let mut expected: Vec<usize> =
                occurrences(text.as_bytes(), &literals).iter().map(|o| o.1).collect();
            found.sort_unstable();
            expected.sort_unstable();
            proptest::prop_assert_eq!(found, expected, "{:?}", text);
            proptest::prop_assert!(hits.windows(2).all(|w| w[0].0 <= w[1].0));
        }
    }
}
