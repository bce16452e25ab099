//! The postmortem template as data: which sections exist, how their headings may be written,
//! and which are required. The default lives in `rules/template.toml`, embedded at build time.

use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub name: String,
    pub sections: Vec<SectionSpec>,
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
    name: String,
    #[source]
    source: toml::de::Error,
}

const DEFAULT_TEMPLATE: &str = include_str!("../../rules/template.toml");

static DEFAULT: LazyLock<Template> = LazyLock::new(|| {
    // The embedded template is tested (`default_template_parses`); failing here is a build bug.
    Template::parse("rules/template.toml", DEFAULT_TEMPLATE).expect("embedded template is valid")
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
        Ok(template)
    }

    /// The article's template (SPEC §2.1).
    pub fn builtin() -> &'static Template {
        &DEFAULT
    }

    /// The section a heading text stands for, if any.
    pub fn match_heading(&self, heading: &str) -> Option<&SectionSpec> {
        let normalized = normalize_heading(heading);
        self.sections
            .iter()
            .find(|s| s.headings.contains(&normalized))
    }

    pub fn section(&self, id: &str) -> Option<&SectionSpec> {
        self.sections.iter().find(|s| s.id == id)
    }
}

/// Lowercases, drops trailing parentheticals, leading numbering and punctuation, and folds
/// whitespace: "3. Timeline (UTC / local)" and "timeline" normalise alike.
pub fn normalize_heading(text: &str) -> String {
    let mut s = text.trim().to_lowercase();
    // Trailing parentheticals, possibly several: "Timeline (UTC) (draft)".
    loop {
        let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '.');
        if trimmed.ends_with(')')
            && let Some(open) = trimmed.rfind('(')
            && open > 0
        {
            s = trimmed[..open].to_owned();
            continue;
        }
        s = trimmed.to_owned();
        break;
    }
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    // Leading numbering: "3", "3 1", "iv", "a" before a real word.
    let skip = words
        .iter()
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || (words.len() > 1 && is_roman_numeral(w))
                || (words.len() > 1
                    && w.len() == 1
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && *w != "a")
        })
        .count();
    words[skip.min(words.len())..].join(" ")
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
    fn default_template_parses() {
        let t = Template::builtin();
        assert_eq!(t.sections.len(), 11);
        assert!(t.section("trigger").is_some());
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
    }
}
