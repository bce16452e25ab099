//! Metadata: `Owner`, `Reviewers`, `Status`, `Date`, `Disclosure`, from front matter or from
//! `Key: value` lines (plain, listed, or with a bold key) before the first section or in the
//! Status section, or from a two-column table there.

use super::Document;
use std::ops::Range;

/// The metadata fields the rules know by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaKey {
    Owner,
    Reviewers,
    Status,
    Date,
    Disclosure,
}

impl MetaKey {
    pub const REQUIRED: [MetaKey; 3] = [MetaKey::Owner, MetaKey::Reviewers, MetaKey::Status];

    pub fn name(self) -> &'static str {
        match self {
            MetaKey::Owner => "Owner",
            MetaKey::Reviewers => "Reviewers",
            MetaKey::Status => "Status",
            MetaKey::Date => "Date",
            MetaKey::Disclosure => "Disclosure",
        }
    }

    /// By the lowercase names templates use: `owner`, `reviewers`, `status`, `date`, `disclosure`.
    pub fn from_name(name: &str) -> Option<MetaKey> {
        Self::from_key(name)
    }

    fn from_key(key: &str) -> Option<MetaKey> {
        // Every name below is short ASCII: a longer key, or one with other characters (none
        // lowercases into these letters), is none of them. The rest is lowercased, with `_`
        // and `-` read as spaces, into a buffer on the stack rather than a new string.
        let key = key.trim().as_bytes();
        let mut buf = [0u8; 20];
        if key.len() > buf.len() || !key.is_ascii() {
            return None;
        }
        for (b, &k) in buf.iter_mut().zip(key) {
            *b = match k {
                b'_' | b'-' => b' ',
                k => k.to_ascii_lowercase(),
            };
        }
        let key = std::str::from_utf8(&buf[..key.len()]).ok()?;
        Some(match key {
            "owner" | "owners" | "author" | "authors" | "incident owner" | "postmortem owner"
            | "document owner" => MetaKey::Owner,
            "reviewers" | "reviewer" | "reviewed by" | "approvers" => MetaKey::Reviewers,
            "status" | "document status" | "postmortem status" => MetaKey::Status,
            "date" | "incident date" | "date of incident" => MetaKey::Date,
            "disclosure" => MetaKey::Disclosure,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct MetaField {
    pub key: MetaKey,
    pub key_range: Range<usize>,
    /// The value without quotes and emphasis; lists are joined with ", ".
    pub value: String,
    pub value_range: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub fields: Vec<MetaField>,
}

impl Metadata {
    /// The first occurrence of a field.
    pub fn get(&self, key: MetaKey) -> Option<&MetaField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// `Key: value` after an optional quote or list marker; also `**Key:** value`,
/// `**Key**: value` and TOML's `key = value`: the key (a letter, then up to 30 letters,
/// spaces, `_` or `-`, the shortest that works) and the value (trimmed), as ranges of `line`.
/// Written as the backtracking search of the regex it replaced, in the same order of
/// preference (the tests keep the regex as its oracle).
fn key_value(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    let b = line.as_bytes();
    let blank = |c: &u8| *c == b' ' || *c == b'\t';
    let run = |from: usize, class: &dyn Fn(&u8) -> bool| {
        from + b
            .get(from..)
            .map_or(0, |r| r.iter().take_while(|c| class(c)).count())
    };
    let emphasis = |at: usize| matches!(b.get(at..at + 2), Some(b"**" | b"__"));
    // `[ \t>]*`: a shorter run would leave a blank or `>` where nothing else may start.
    let quoted = run(0, &|c| blank(c) || *c == b'>');
    // Where the key may start: after a bullet, after a number, or where the line does (on
    // the stack: this runs for every line before the first section).
    let bullet = (b.get(quoted).is_some_and(|c| b"-*+".contains(c))
        && b.get(quoted + 1).is_some_and(blank))
    .then(|| run(quoted + 1, &blank));
    let digits = run(quoted, &|c| c.is_ascii_digit());
    let number = (digits > quoted
        && b.get(digits).is_some_and(|c| b".)".contains(c))
        && b.get(digits + 1).is_some_and(blank))
    .then(|| run(digits + 1, &blank));
    for after_marker in [bullet, number, Some(quoted)].into_iter().flatten() {
        let openings = [
            emphasis(after_marker).then_some(after_marker + 2),
            Some(after_marker),
        ];
        for key_start in openings.into_iter().flatten() {
            if !b.get(key_start).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let longest = run(key_start + 1, &|c| {
                c.is_ascii_alphabetic() || b" _-".contains(c)
            })
            .min(key_start + 31);
            for key_end in key_start + 1..=longest {
                let spaced = run(key_end, &blank);
                for sep_start in (key_end..=spaced).rev() {
                    let colon_emphasis = b.get(sep_start) == Some(&b':') && emphasis(sep_start + 1);
                    let emphasis_colon = emphasis(sep_start) && b.get(sep_start + 2) == Some(&b':');
                    let sep_end = if colon_emphasis || emphasis_colon {
                        sep_start + 3
                    } else if b.get(sep_start) == Some(&b':') {
                        sep_start + 1
                    } else if b.get(sep_start).is_some_and(blank)
                        && b.get(sep_start + 1) == Some(&b'=')
                    {
                        sep_start + 2
                    } else {
                        continue;
                    };
                    let value_start = run(sep_end, &blank);
                    let value_end =
                        value_start + line[value_start..].trim_end_matches([' ', '\t']).len();
                    return Some((key_start..key_end, value_start..value_end));
                }
            }
        }
    }
    None
}

pub fn read(doc: &Document<'_>) -> Metadata {
    // Room for the owner, reviewers, status, date and a few more.
    let mut fields = Vec::with_capacity(8);
    if let Some(fm) = doc.front_matter.clone() {
        read_lines(doc, fm, true, &mut fields);
    }
    let first_section = doc
        .sections
        .first()
        .map_or(doc.text().len(), |s| s.heading.range.start);
    let preamble_start = doc
        .title
        .as_ref()
        .map_or(0, |t| t.range.end.min(first_section));
    let status = doc.section("status").map(|s| s.direct_body.clone());
    // Front matter titled the document, so the body's H1 is a section; `Key: value` lines
    // right under it (the layout `init` writes, front matter or not) are metadata still.
    let under_h1 = doc
        .sections
        .first()
        .filter(|s| doc.front_matter.is_some() && s.heading.level == 1 && s.kind.is_none())
        .map(|s| s.direct_body.clone());
    for region in std::iter::once(preamble_start..first_section)
        .chain(status)
        .chain(under_h1)
    {
        read_lines(doc, region.clone(), false, &mut fields);
        for table in doc
            .tables
            .iter()
            .filter(|t| region.contains(&t.range.start))
        {
            for row in std::iter::once(&table.header).chain(&table.rows) {
                if let [key, value, ..] = table.cells(row)
                    && let Some(k) = MetaKey::from_key(
                        doc.slice(key.range.clone()).trim_matches(['*', '_', ':']),
                    )
                {
                    fields.push(MetaField {
                        key: k,
                        key_range: key.range.clone(),
                        value: clean_value(doc.slice(value.range.clone())),
                        value_range: value.range.clone(),
                    });
                }
            }
        }
    }
    Metadata { fields }
}

/// `Key: value` lines of a region; in front matter, YAML list items under an empty key are
/// the key's values.
fn read_lines(
    doc: &Document<'_>,
    region: Range<usize>,
    front_matter: bool,
    out: &mut Vec<MetaField>,
) {
    let text = doc.slice(region.clone());
    let mut offset = region.start;
    let mut open_list: Option<usize> = None;
    for line in crate::source::lines_inclusive(text) {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches('\n');
        if !front_matter && doc.is_excluded(start) {
            continue;
        }
        if front_matter
            && let Some(idx) = open_list
            && let Some(item) = line.trim_start().strip_prefix("- ")
        {
            let item_start = start + line.len() - item.len();
            let field = &mut out[idx];
            let value = clean_value(item);
            if field.value.is_empty() {
                field.value = value;
                field.value_range = item_start..item_start + item.trim_end().len();
            } else {
                field.value = format!("{}, {}", field.value, value);
                field.value_range.end = item_start + item.trim_end().len();
            }
            continue;
        }
        open_list = None;
        // Fields may share a line, set apart by middle dots (`Owner: @a · Status: review`).
        // (Not in YAML, where a dot is part of a value.)
        let separator = if front_matter { '\n' } else { '·' };
        let mut at = 0;
        for part in line.split(separator) {
            let part_start = start + at;
            at += part.len() + separator.len_utf8();
            if let Some(field) = read_field(part, part_start, front_matter, line) {
                let list = front_matter && field.value.is_empty();
                out.push(field);
                if list {
                    open_list = Some(out.len() - 1);
                }
            }
        }
    }
}

/// The field a line (or a dot-separated part of one, at `start`) states, if it names a key.
fn read_field(part: &str, start: usize, front_matter: bool, line: &str) -> Option<MetaField> {
    if !may_name_a_key(part) {
        return None;
    }
    let (key, value) = key_value(part)?;
    let k = MetaKey::from_key(&part[key.clone()])?;
    if front_matter && line.starts_with([' ', '\t']) {
        return None; // a nested key, e.g. under `resources:`
    }
    Some(MetaField {
        key: k,
        key_range: start + key.start..start + key.end,
        value: clean_value(&part[value.clone()]),
        value_range: start + value.start..start + value.end,
    })
}

/// Whether a line can hold a key `MetaKey::from_key` knows: every such key contains one of
/// these words, and a key ends before the line's first `:` or `=` (the separator). Most lines
/// fail this at once, without the regex.
fn may_name_a_key(line: &str) -> bool {
    let Some(end) = line.find([':', '=']) else {
        return false;
    };
    let head = &line.as_bytes()[..end];
    (0..head.len()).any(|i| {
        let rest = &head[i..];
        let starts =
            |word: &[u8]| rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word);
        match head[i] | 0x20 {
            b'o' => starts(b"owner"),
            b'a' => starts(b"author") || starts(b"approver"),
            b'r' => starts(b"review"),
            b's' => starts(b"status"),
            b'd' => starts(b"date") || starts(b"disclosure"),
            _ => false,
        }
    })
}

fn clean_value(value: &str) -> String {
    let v = value
        .trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .trim_matches(|c| c == '"' || c == '\'');
    let v = v
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .unwrap_or(v);
    fn part(p: &str) -> &str {
        p.trim().trim_matches(|c| c == '"' || c == '\'')
    }
    if !v.contains(',') {
        // One value (most fields): no list to join.
        return part(v).to_owned();
    }
    v.split(',')
        .map(part)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// How widely a postmortem is shared: staged disclosure, from the team outward.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Disclosure {
    /// The team that had the incident (the first phase).
    Team,
    /// The teams that work alongside it.
    AdjacentTeams,
    /// The whole company (a summary version).
    Company,
    /// Published outside the company.
    External,
}

impl Disclosure {
    pub const ALL: [Disclosure; 4] = [
        Disclosure::Team,
        Disclosure::AdjacentTeams,
        Disclosure::Company,
        Disclosure::External,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Disclosure::Team => "team",
            Disclosure::AdjacentTeams => "adjacent-teams",
            Disclosure::Company => "company",
            Disclosure::External => "external",
        }
    }

    pub fn parse(text: &str) -> Option<Disclosure> {
        let t = text.trim().to_lowercase().replace([' ', '_'], "-");
        Disclosure::ALL.into_iter().find(|d| d.name() == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex `key_value` replaced: its oracle.
    static KEY_VALUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        crate::re::compile(
            r"^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?(?P<key>[A-Za-z][A-Za-z _-]{0,30}?)[ \t]*(?::(?:\*\*|__)|(?:\*\*|__)?:|[ \t]=)[ \t]*(?P<value>.*?)[ \t]*$",
        )
    });

    fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                " ",
                "\t",
                ">",
                "> ",
                "-",
                "- ",
                "* ",
                "+",
                "1",
                "12",
                ".",
                ")",
                "1. ",
                "2) ",
                "*",
                "**",
                "_",
                "__",
                ":",
                "=",
                " = ",
                ":**",
                "**:",
                "::",
                "Owner",
                "OWNERS",
                "author",
                "Incident owner",
                "postmortem_owner",
                "Document-Owner",
                "reviewed by",
                "Status",
                "Date",
                "Severity",
                "x",
                "é",
                "2026-01-02",
                "@dana",
                "a:b",
                "  ",
                "abcdefghijklmnopqrstuvwxyz",
            ]),
            0..10,
        )
        .prop_map(|p| p.concat())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(6000))]
        /// The hand-written search reads every line as the regex did.
        #[test]
        fn key_value_reads_what_the_regex_read(line in pieces()) {
            let oracle = KEY_VALUE.captures(&line).map(|c| {
                (c.name("key").unwrap().range(), c.name("value").unwrap().range())
            });
            proptest::prop_assert_eq!(key_value(&line), oracle, "{:?}", line);
        }

        /// The gate never turns away a line the regex reads as a known key.
        #[test]
        fn the_gate_keeps_every_known_key(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", "\t", "> ", "- ", "* ", "1. ", "2) ", "**", "__", ":", "=", " = ", ":**",
                "**:", "Owner", "OWNERS", "author", "Authors", "Incident owner", "postmortem_owner",
                "Document-Owner", "Reviewers", "reviewed by", "Approvers", "Status", "document status",
                "Date", "date of incident", "Incident Date", "Disclosure", "Severity", "Team",
                "x", "2026-01-02", "@dana", "ok", "dates", "a:b",
            ]),
            0..8,
        )) {
            let line = parts.concat();
            let known = KEY_VALUE
                .captures(&line)
                .and_then(|c| c.name("key"))
                .is_some_and(|k| MetaKey::from_key(k.as_str()).is_some());
            proptest::prop_assert!(!known || may_name_a_key(&line), "{line:?}");
        }
    }

    #[test]
    fn the_gate_turns_away_other_lines() {
        assert!(may_name_a_key("**Owner:** @dana"));
        assert!(may_name_a_key("date = 2026-01-02"));
        assert!(!may_name_a_key("Severity: SEV2"));
        assert!(!may_name_a_key("At 10:42 the owner paged"));
        assert!(!may_name_a_key("no separator owner"));
    }
}
