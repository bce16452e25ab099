//! Where the phrase rules' literals ([`super::literals`]) occur in a document: one pass over
//! its bytes that keeps the key of the last three as it goes and looks closer only where a
//! literal's three rarest bytes in a row may stand.

use super::literals::{Elem, Literal, is_space};

/// How common a letter is in English text, per mille (other bytes as common as the most
/// common letter): used only to pick, in each literal, the three bytes the scan looks for, so
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

/// The commonest three-letter sequences of English text: a literal is looked for by three
/// bytes of its own that are none of these where it has such (speed only, never what is found).
const COMMON: [&[u8; 3]; 40] = [
    b"the", b"and", b"ing", b"ion", b"tio", b"ent", b"ati", b"for", b"her", b"ter", b"hat", b"tha",
    b"ere", b"ate", b"his", b"con", b"res", b"ver", b"all", b"ons", b"nce", b"men", b"ith", b"ted",
    b"ers", b"pro", b"thi", b"wit", b"are", b"ess", b"not", b"ive", b"was", b"ect", b"rea", b"com",
    b"eve", b"per", b"int", b"est",
];

/// How common three bytes are, roughly: the product of their letters' frequencies, and far
/// more for one of the [`COMMON`] sequences.
fn commonness(three: [u8; 3]) -> u64 {
    let letters: u64 = three.iter().map(|&b| frequency(b)).product();
    if COMMON.iter().any(|c| three.eq_ignore_ascii_case(*c)) {
        letters * 1000
    } else {
        letters
    }
}

/// Three bytes as a 15-bit key: the low five bits of each, which a letter's two cases share.
/// Other bytes share keys with letters; a key only says where to look closer.
fn key(a: u8, b: u8, c: u8) -> usize {
    usize::from(a & 31) << 10 | usize::from(b & 31) << 5 | usize::from(c & 31)
}

/// Where the literals occur in a text. Each literal is looked for by its least common three
/// bytes in a row, whose key's bit is set in a 32 Ki-bit table: the scan keeps the key of the
/// last three bytes as it goes, most places are passed over after one lookup, and a set bit is
/// checked against the literals that key belongs to: first the run of bytes around the three
/// (shared by literals that differ only past a gap), then each literal whole.
#[derive(Debug)]
pub(super) struct Scanner {
    bits: Box<[u64; 512]>,
    /// The anchors, sorted by key.
    anchors: Vec<Anchor>,
    /// For each key, where its anchors start in `anchors` (read only where its bit is set).
    first: Box<[u16]>,
    literals: Vec<Literal>,
}

/// Literals looked for by the same three bytes within the same run of bytes.
#[derive(Debug)]
struct Anchor {
    key: usize,
    /// The run of bytes (no gap) that holds the three, and where the three start in it.
    run: Vec<Elem>,
    at: usize,
    /// The run as bytes, when no byte of it is cased (then compared case-insensitively).
    folded: Option<Vec<u8>>,
    /// (where the three start in the literal, the literal's id).
    members: Vec<(usize, usize)>,
}

impl Scanner {
    /// A scanner for `literals`; a hit names a literal by its index. A literal without three
    /// bytes in a row is never found: the caller leaves such out.
    pub(super) fn new(literals: Vec<Literal>) -> Scanner {
        let mut bits = Box::new([0u64; 512]);
        let mut anchors: Vec<Anchor> = Vec::new();
        for (id, l) in literals.iter().enumerate() {
            let three = |i: usize| match l.get(i..i + 3)? {
                [Elem::Byte(a, _), Elem::Byte(b, _), Elem::Byte(c, _)] => Some([*a, *b, *c]),
                _ => None,
            };
            let Some((at, [a, b, c])) = (0..l.len())
                .filter_map(|i| Some((i, three(i)?)))
                .min_by_key(|(_, t)| commonness(*t))
            else {
                continue;
            };
            let key = key(a, b, c);
            bits[key >> 6] |= 1 << (key & 63);
            let start = l[..at]
                .iter()
                .rposition(|e| *e == Elem::Gap)
                .map_or(0, |g| g + 1);
            let end = l[at..]
                .iter()
                .position(|e| *e == Elem::Gap)
                .map_or(l.len(), |g| at + g);
            let run = l[start..end].to_vec();
            match anchors
                .iter_mut()
                .find(|x| x.key == key && x.run == run && x.at == at - start)
            {
                Some(anchor) => anchor.members.push((at, id)),
                None => anchors.push(Anchor {
                    key,
                    folded: run
                        .iter()
                        .map(|e| match e {
                            Elem::Byte(b, false) => Some(*b),
                            _ => None,
                        })
                        .collect(),
                    run,
                    at: at - start,
                    members: vec![(at, id)],
                }),
            }
        }
        anchors.sort_by_key(|a| a.key);
        // More anchors than a `u16` counts are left out of the table, and so never found: the
        // prefilter keeps far fewer literals than that.
        anchors.truncate(usize::from(u16::MAX));
        let mut first = vec![0u16; 1 << 15].into_boxed_slice();
        for (i, a) in anchors.iter().enumerate().rev() {
            first[a.key] = u16::try_from(i).unwrap_or(u16::MAX);
        }
        Scanner {
            bits,
            anchors,
            first,
            literals,
        }
    }

    /// Each place a literal is found, with its index, in text order (a literal's place is
    /// where the three bytes it is looked for by start). `text` is the document with the bytes
    /// the rules do not read (code, comments) turned into spaces, as the rules read it.
    pub(super) fn scan(&self, text: &[u8], hits: &mut Vec<(usize, usize)>) {
        // The hot loop holds nothing but the key: the closer look is a call.
        let mut k = 0;
        for (i, &byte) in text.iter().enumerate() {
            k = (k << 5 | usize::from(byte & 31)) & 0x7fff;
            if self.bits[k >> 6] >> (k & 63) & 1 != 0 && i >= 2 {
                self.look(text, i - 2, k, hits);
            }
        }
    }

    /// The literals whose three bytes of key `k` are at `at`, where they are.
    #[inline(never)]
    fn look(&self, text: &[u8], at: usize, k: usize, hits: &mut Vec<(usize, usize)>) {
        let from = usize::from(self.first[k]);
        for anchor in self.anchors[from..].iter().take_while(|a| a.key == k) {
            let run_holds = at
                .checked_sub(anchor.at)
                .and_then(|start| text.get(start..start + anchor.run.len()))
                .is_some_and(|t| match &anchor.folded {
                    Some(folded) => t.eq_ignore_ascii_case(folded),
                    None => t.iter().zip(&anchor.run).all(|(&t, &e)| same(t, e)),
                });
            if !run_holds {
                continue;
            }
            for &(offset, id) in &anchor.members {
                if found(text, at, &self.literals[id], offset) {
                    hits.push((at, id));
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

/// Whether `literal`, with its element `offset` at byte `at`, is in `text`. A gap takes all the
/// whitespace there is: the byte after a gap is never whitespace, so taking fewer could not
/// find it either.
fn found(text: &[u8], at: usize, literal: &[Elem], offset: usize) -> bool {
    let blank = |i: usize| is_space(text[i]);
    let mut i = at;
    for &e in &literal[offset..] {
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
    let mut i = at;
    for &e in literal[..offset].iter().rev() {
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

    #[test]
    fn the_scanner_finds_literals_across_any_whitespace() {
        let lit = |p: &str| needs(p).remove(0).remove(0);
        let scanner = Scanner::new(vec![
            lit(r"careless"),
            lit(r"human\s+error"),
            lit(r"(?-i:PIP)"),
        ]);
        // "human`x`error" with its inline code hidden, as the rules read it.
        let text = b"So CareLess; HUMAN \n\t error, human   error, PIP pip";
        let mut hits = Vec::new();
        scanner.scan(text, &mut hits);
        let found: Vec<&str> = hits
            .iter()
            .map(|&(at, _)| std::str::from_utf8(&text[at..at + 3]).unwrap())
            .collect();
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(hits.iter().map(|h| h.1).collect::<Vec<_>>(), [0, 1, 1, 2]);
    }
}
