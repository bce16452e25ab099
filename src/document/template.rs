//! The postmortem template as data: which sections exist, how their headings may be written,
//! and which are required. The presets live in `rules/templates/`, embedded at build time.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    #[serde(default)]
    pub metadata: MetadataSpec,
    /// Not changed once the template is built ([`Template::parse`], then the presets'
    /// aliases): the heading cache keys its answers by `id`, which only those two renew.
    pub sections: Vec<SectionSpec>,
    /// Which template this is, for the heading cache: new whenever the sections change.
    #[serde(skip)]
    id: TemplateId,
    /// How the team's ticket references are written: not part of a template file, but of
    /// the config's `[trackers]`, which sets it on the template the documents are read with.
    /// Shared: a template is cloned for each run and each editor document.
    #[serde(skip)]
    pub trackers: std::sync::Arc<super::tickets::Trackers>,
}

/// A number no other template read in this process has (a clone shares it: same sections).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TemplateId(u64);

impl Default for TemplateId {
    fn default() -> TemplateId {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        TemplateId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

/// The sections each heading text stands for, by template: documents of one repository write
/// the same headings again and again, and matching one costs a few thousand instructions. One
/// per thread, so that threads never wait on each other; emptied when it grows large. A run
/// has a template or two, looked up in order.
type HeadingCache = Vec<(TemplateId, HeadingMap)>;

type HeadingMap =
    std::collections::HashMap<String, Vec<usize>, std::hash::BuildHasherDefault<HeadingHasher>>;

/// A hasher for heading texts: a multiply for every eight bytes, where the standard one runs
/// SipHash rounds (a few hundred instructions a heading). It needs no defence against chosen
/// collisions: the cache is per thread and holds at most [`HEADING_CACHE_MAX`] headings.
#[derive(Default)]
struct HeadingHasher(u64);

impl std::hash::Hasher for HeadingHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut eight = [0u8; 8];
            eight[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(eight))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static HEADINGS: std::cell::RefCell<HeadingCache> = Default::default();
}

/// Headings a thread remembers, at most, before it forgets them all.
const HEADING_CACHE_MAX: usize = 4096;

/// The metadata a template expects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataSpec {
    /// Field names: `owner`, `reviewers`, `status`, `date`, `disclosure`.
    pub required: Vec<String>,
    /// Accepted Status values; a value may go on after one ("done, action items open").
    pub statuses: Vec<String>,
}

impl Default for MetadataSpec {
    fn default() -> Self {
        MetadataSpec {
            required: vec!["owner".into(), "reviewers".into(), "status".into()],
            statuses: vec![
                "draft".into(),
                "review".into(),
                "in review".into(),
                "done".into(),
            ],
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Stable id that code refers to (`timeline`, `action-items`, ...).
    pub id: String,
    /// How the section is named in messages.
    pub name: String,
    pub required: bool,
    pub headings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("template {name}: {source}")]
pub struct TemplateError {
    pub name: String,
    #[source]
    pub source: toml::de::Error,
}

/// The templates that ship with the tool, by preset name.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "default",
        include_str!("../../rules/templates/default.toml"),
    ),
    (
        "google-sre",
        include_str!("../../rules/templates/google-sre.toml"),
    ),
    (
        "pagerduty",
        include_str!("../../rules/templates/pagerduty.toml"),
    ),
    (
        "atlassian",
        include_str!("../../rules/templates/atlassian.toml"),
    ),
];

static BUILT_IN: LazyLock<Vec<Template>> = LazyLock::new(|| {
    let aliases = super::aliases::parsed();
    PRESETS
        .iter()
        // Every preset is tested (`presets_parse`); failing here is a build bug.
        .map(|(name, text)| {
            let mut template = Template::parse(&format!("rules/templates/{name}.toml"), text)
                .expect("embedded template is valid");
            template.accept(&aliases.headings);
            template
        })
        .collect()
});

impl Template {
    pub fn parse(name: &str, text: &str) -> Result<Template, TemplateError> {
        let mut template: Template = toml::from_str(text).map_err(|source| TemplateError {
            name: name.to_owned(),
            source,
        })?;
        for section in &mut template.sections {
            for heading in &mut section.headings {
                *heading = normalize_heading(heading);
            }
        }
        template.id = TemplateId::default();
        Ok(template)
    }

    /// The default template: the recommended agenda of a blameless postmortem.
    /// Adds headings by section id, except those another section of this template claims.
    fn accept(&mut self, more: &std::collections::BTreeMap<String, Vec<String>>) {
        let claimed: Vec<String> = self
            .sections
            .iter()
            .flat_map(|s| s.headings.iter().cloned())
            .collect();
        for section in &mut self.sections {
            for heading in more.get(&section.id).into_iter().flatten() {
                let heading = normalize_heading(heading);
                if !claimed.contains(&heading) && !section.headings.contains(&heading) {
                    section.headings.push(heading);
                }
            }
        }
        self.id = TemplateId::default();
    }

    pub fn builtin() -> &'static Template {
        &BUILT_IN[0]
    }

    /// A preset by name: `default`, `google-sre`, `pagerduty`, `atlassian`.
    pub fn preset(name: &str) -> Option<&'static Template> {
        BUILT_IN.iter().find(|t| t.name == name)
    }

    /// Every section id any preset knows.
    pub fn known_section_ids() -> Vec<&'static str> {
        let mut ids: Vec<&'static str> = BUILT_IN
            .iter()
            .flat_map(|t| t.sections.iter().map(|s| s.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether the template requires a section.
    pub fn requires(&self, id: &str) -> bool {
        self.section(id).is_some_and(|s| s.required)
    }

    /// The section a heading text stands for, if any.
    pub fn match_heading(&self, heading: &str) -> Option<&SectionSpec> {
        self.match_heading_all(heading).into_iter().next()
    }

    /// Every section a heading stands for, the first one first. Real documents combine and
    /// extend headings: "Resolution and recovery", "Root causes and trigger" (two sections),
    /// "Root cause of the outage", "Timeline (PST) 4/21/23-4/25/23. All times approximate" (a
    /// known heading followed by a connecting word, a time zone or a number).
    pub fn match_heading_all(&self, heading: &str) -> Vec<&SectionSpec> {
        self.with_matches(heading, |found| {
            found.iter().map(|&i| &self.sections[i]).collect()
        })
    }

    /// The ids of [`Template::match_heading_all`]'s sections: the first, and the others
    /// (nothing is allocated for a heading of one section or none, nearly all of them).
    pub fn match_heading_ids(&self, heading: &str) -> (Option<&str>, Vec<&str>) {
        self.with_matches(heading, |found| {
            let id = |&i: &usize| self.sections[i].id.as_str();
            (
                found.first().map(id),
                found.iter().skip(1).map(id).collect(),
            )
        })
    }

    /// `read` of the indices of the sections a heading stands for, from the thread's cache
    /// when the heading was matched before.
    fn with_matches<R>(&self, heading: &str, read: impl Fn(&[usize]) -> R) -> R {
        let known = HEADINGS.with_borrow(|cache| {
            cache
                .iter()
                .find(|(id, _)| *id == self.id)
                .and_then(|(_, headings)| headings.get(heading))
                .map(|found| read(found))
        });
        if let Some(known) = known {
            return known;
        }
        let indices: Vec<usize> = self
            .match_heading_uncached(heading)
            .iter()
            .filter_map(|f| self.sections.iter().position(|s| std::ptr::eq(s, *f)))
            .collect();
        let found = read(&indices);
        HEADINGS.with_borrow_mut(|cache| {
            if cache.iter().map(|(_, h)| h.len()).sum::<usize>() >= HEADING_CACHE_MAX {
                cache.clear();
            }
            let at = match cache.iter().position(|(id, _)| *id == self.id) {
                Some(at) => at,
                None => {
                    cache.push((self.id, HeadingMap::default()));
                    cache.len() - 1
                }
            };
            cache[at].1.insert(heading.to_owned(), indices);
        });
        found
    }

    fn match_heading_uncached(&self, heading: &str) -> Vec<&SectionSpec> {
        let normalized = normalize_heading(heading);
        let exact = |text: &str| {
            self.sections
                .iter()
                .find(|s| s.headings.iter().any(|h| h == text))
        };
        if let Some(section) = exact(&normalized) {
            return vec![section];
        }
        let mut found: Vec<&SectionSpec> = Vec::new();
        let lower = heading.to_lowercase();
        // A heading that joins nothing is its own only part, and was looked up above.
        if lower.contains(['&', '/', ',', '+', ';']) || lower.contains(" and ") {
            for part in lower
                .split(['&', '/', ',', '+', ';'])
                .flat_map(|p| p.split(" and "))
            {
                if let Some(section) = exact(&normalize_heading(part))
                    && !found.iter().any(|f| f.id == section.id)
                {
                    found.push(section);
                }
            }
        }
        if !found.is_empty() {
            return found;
        }
        // A known heading, then a word that extends it rather than changes its subject.
        const GOES_ON: &[&str] = &[
            "and", "of", "for", "on", "in", "at", "from", "during", "to", "all", "utc", "pst",
            "pdt", "pt", "est", "edt", "et", "cet", "cest", "gmt",
        ];
        let words: Vec<&str> = normalized.split(' ').collect();
        let mut best: Option<(usize, &SectionSpec)> = None;
        for section in &self.sections {
            // A heading it extends starts with its first word: most are passed over at once.
            for h in section.headings.iter().filter(|h| h.starts_with(words[0])) {
                let length = h.split(' ').count();
                let extends = words.len() > length
                    && h.split(' ').eq(words[..length].iter().copied())
                    && (GOES_ON.contains(&words[length])
                        || words[length].starts_with(|c: char| c.is_ascii_digit()));
                if extends && best.is_none_or(|(l, _)| length > l) {
                    best = Some((length, section));
                }
            }
        }
        best.map(|(_, s)| vec![s]).unwrap_or_default()
    }

    pub fn section(&self, id: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Lowercases, drops trailing parentheticals, leading numbering and punctuation, and folds
/// whitespace: "3. Timeline (UTC / local)" and "timeline" normalise alike.
pub fn normalize_heading(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    let mut s = lower.as_str();
    // Trailing parentheticals, possibly several: "Timeline (UTC) (draft)".
    loop {
        let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '.');
        if trimmed.ends_with(')')
            && let Some(open) = trimmed.rfind('(')
            && open > 0
        {
            s = &trimmed[..open];
            continue;
        }
        s = trimmed;
        break;
    }
    let words = || {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let several = words().nth(1).is_some();
    // Leading numbering: "3", "3 1", "iv", "a" before a real word.
    let numbering = |w: &&str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (several && is_roman_numeral(w))
            || (several && w.len() == 1 && w.chars().all(|c| c.is_ascii_lowercase()) && *w != "a")
    };
    let mut out = String::with_capacity(s.len());
    for w in words().skip_while(numbering) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_roman_numeral(word: &str) -> bool {
    matches!(
        word,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heading_cache_keeps_templates_apart() {
        let custom = Template::parse(
            "custom",
            "name = \"custom\"\n[[sections]]\nid = \"overview\"\nname = \"Overview\"\n\
             required = true\nheadings = [\"summary\"]\n",
        )
        .unwrap();
        let builtin = Template::builtin();
        for _ in 0..2 {
            let id = |t: &Template| t.match_heading("Summary").map(|s| s.id.clone());
            assert_eq!(id(builtin).as_deref(), Some("summary"));
            assert_eq!(id(&custom).as_deref(), Some("overview"));
            assert_eq!(id(&custom.clone()).as_deref(), Some("overview"));
        }
    }

    #[test]
    fn presets_parse() {
        let t = Template::builtin();
        assert_eq!(t.name, "default");
        assert_eq!(t.sections.len(), 11);
        assert!(t.section("trigger").is_some());
        for (name, _) in PRESETS {
            let preset = Template::preset(name).unwrap();
            assert_eq!(preset.name, *name);
            for id in ["summary", "timeline", "action-items"] {
                assert!(preset.section(id).is_some(), "{name} lacks {id}");
            }
        }
    }

    #[test]
    fn headings_normalise() {
        assert_eq!(normalize_heading("3. Timeline (UTC / local)"), "timeline");
        assert_eq!(normalize_heading("Trigger (optional)"), "trigger");
        assert_eq!(normalize_heading("TL;DR"), "tl dr");
        assert_eq!(normalize_heading("IV. Lessons Learned:"), "lessons learned");
        assert_eq!(normalize_heading("**What went well?**"), "what went well");
        assert_eq!(normalize_heading("Follow-ups"), "follow ups");
        assert_eq!(normalize_heading("1.2 Root cause"), "root cause");
    }

    #[test]
    fn headings_match_sections() {
        let t = Template::builtin();
        let id = |h: &str| t.match_heading(h).map(|s| s.id.as_str());
        assert_eq!(id("Root Cause Analysis"), Some("contributing-factors"));
        assert_eq!(id("Follow-up actions"), Some("action-items"));
        assert_eq!(id("Incident Summary"), Some("summary"));
        assert_eq!(id("Appendix"), None);
        let all = |h: &str| -> Vec<&str> {
            t.match_heading_all(h)
                .iter()
                .map(|s| s.id.as_str())
                .collect()
        };
        assert_eq!(all("Resolution and recovery"), ["response"]);
        assert_eq!(
            all("Root causes and trigger"),
            ["contributing-factors", "trigger"]
        );
        assert_eq!(
            all("What went well & where did we get lucky"),
            ["what-went-well"]
        );
        assert_eq!(all("Root cause of the outage"), ["contributing-factors"]);
        assert_eq!(
            all("Timeline (PST) 4/21/23-4/25/23. All times approximations"),
            ["timeline"]
        );
        assert!(all("Status page updates").is_empty());
        assert!(all("Response times").is_empty());
    }
}
