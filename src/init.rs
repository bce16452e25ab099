//! `init`: adopting a repository in one command. Which template fits the postmortems a team
//! already has (each preset scored by the sections and metadata its documents actually hold),
//! or a template of the team's own built from the headings most of them share; and the config
//! text that says why, choice by choice. The command line does the reading and writing.

use crate::document::template::{self, PRESETS, Template, normalize_heading};
use crate::document::{Date, Document, MetaKey};
use crate::source::Source;
use std::collections::{BTreeMap, BTreeSet};

/// Below this fit, no preset is adopted: a template is built from the documents.
pub const GOOD_FIT: f64 = 0.8;

/// A share of documents above which a section or a metadata key is required.
const MOST: f64 = 0.5;

/// One postmortem as read: its path as shown and its text.
pub struct Doc {
    pub path: String,
    pub text: String,
}

/// How well a template fits: the share of its required sections and metadata that the
/// documents hold, over all documents.
#[derive(Debug, Clone)]
pub struct Fit {
    pub template: String,
    pub score: f64,
}

/// What `init` chose and why.
pub struct Choice {
    pub fits: Vec<Fit>,
    /// A preset's name, or `None` for a template built from the documents.
    pub preset: Option<String>,
    /// The built template's TOML, when no preset fits.
    pub custom: Option<String>,
    /// One line per section of a built template: its name, and how many documents hold it.
    pub notes: Vec<String>,
}

fn required_metadata(template: &Template) -> Vec<MetaKey> {
    template
        .metadata
        .required
        .iter()
        .filter_map(|name| MetaKey::from_name(name))
        .collect()
}

/// The share of `template`'s required sections and metadata present, over the documents.
pub fn fit(template: &Template, docs: &[Doc]) -> f64 {
    let sections: Vec<&str> = template
        .sections
        .iter()
        .filter(|s| s.required)
        .map(|s| s.id.as_str())
        .collect();
    let metadata = required_metadata(template);
    let wanted = sections.len() + metadata.len();
    if docs.is_empty() || wanted == 0 {
        return 0.0;
    }
    let mut present = 0;
    for d in docs {
        let source = Source::new(&d.path, &d.text);
        let doc = Document::parse(&source, template);
        present += sections
            .iter()
            .filter(|id| doc.section(id).is_some())
            .count();
        present += metadata
            .iter()
            .filter(|k| doc.metadata.get(**k).is_some())
            .count();
    }
    present as f64 / (wanted * docs.len()) as f64
}

/// Which sections and metadata a template built from the documents requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Required {
    /// What the default template requires, and what most postmortems hold.
    #[default]
    SeedAndMost,
    /// Only what most postmortems hold (`init --required-from-postmortems`).
    Most,
}

/// Scores every preset and picks the best, or builds a template when none fits well.
pub fn choose(docs: &[Doc], required: Required) -> Choice {
    let mut fits: Vec<Fit> = PRESETS
        .iter()
        .filter_map(|(name, _)| Template::preset(name))
        .map(|t| Fit {
            template: t.name.clone(),
            score: fit(t, docs),
        })
        .collect();
    fits.sort_by(|a, b| b.score.total_cmp(&a.score));
    match fits.first() {
        Some(best) if best.score >= GOOD_FIT => Choice {
            preset: Some(best.template.clone()),
            custom: None,
            notes: Vec::new(),
            fits,
        },
        _ => {
            let (custom, notes) = build_template(docs, required);
            Choice {
                preset: None,
                custom: Some(custom),
                notes,
                fits,
            }
        }
    }
}

/// A template from the documents: every section the default template knows (so that the
/// rules find the timeline and the action items), required when most documents hold it, with
/// the headings they use for it; and the metadata most of them state.
fn build_template(docs: &[Doc], keep: Required) -> (String, Vec<String>) {
    let default = Template::builtin();
    // Per known section: documents holding it, and the headings they use.
    let mut holding: BTreeMap<&str, usize> = BTreeMap::new();
    let mut headings: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut metadata: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        let source = Source::new(&d.path, &d.text);
        let doc = Document::parse(&source, default);
        for spec in &default.sections {
            if let Some(section) = doc.section(&spec.id) {
                *holding.entry(spec.id.as_str()).or_default() += 1;
                // A combined heading ("Recovery and lessons learned") is matched by its
                // parts; written whole it would stand for one section only.
                if default.match_heading_all(&section.heading.text).len() == 1 {
                    headings
                        .entry(spec.id.as_str())
                        .or_default()
                        .insert(section.heading.text.to_string());
                }
            }
        }
        for key in ["owner", "reviewers", "status", "date"] {
            if MetaKey::from_name(key).is_some_and(|k| doc.metadata.get(k).is_some()) {
                *metadata.entry(key).or_default() += 1;
            }
        }
    }
    let most = |n: usize| n as f64 >= MOST * docs.len() as f64 && n > 0;
    // What the seed requires stays required (the trigger is the point of the exercise);
    // what it leaves optional is required when most postmortems hold it.
    let seed_meta = match keep {
        Required::SeedAndMost => required_metadata(default),
        Required::Most => Vec::new(),
    };
    let required_meta: Vec<&str> = ["owner", "reviewers", "status", "date"]
        .into_iter()
        .filter(|k| {
            most(metadata.get(k).copied().unwrap_or(0))
                || MetaKey::from_name(k).is_some_and(|key| seed_meta.contains(&key))
        })
        .collect();
    let quote = |s: &str| format!("{s:?}");
    let mut toml = String::from(
        "# A template built by `postmortem-lint init` from the headings this repository's\n\
         # postmortems share: a section is required when the default template requires it or\n\
         # most of them hold it. Edit freely (`required = false` to relax one).\n\n\
         name = \"custom\"\n\n[metadata]\n",
    );
    toml.push_str(&format!(
        "required = [{}]\nstatuses = [{}]\n",
        required_meta
            .iter()
            .map(|k| quote(k))
            .collect::<Vec<_>>()
            .join(", "),
        default
            .metadata
            .statuses
            .iter()
            .map(|s| quote(s))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let mut notes = Vec::new();
    let mut kept_required = false;
    for spec in &default.sections {
        let n = holding.get(spec.id.as_str()).copied().unwrap_or(0);
        let required = spec.required && keep == Required::SeedAndMost || most(n);
        let mut names: Vec<String> = headings
            .get(spec.id.as_str())
            .into_iter()
            .flatten()
            .map(|h| normalize_heading(h))
            .chain(spec.headings.iter().cloned())
            // What any preset calls this section, so that a required one is found under it.
            .chain(
                PRESETS
                    .iter()
                    .filter_map(|(name, _)| Template::preset(name))
                    .filter_map(|t| t.section(&spec.id))
                    .flat_map(|other| other.headings.iter().cloned()),
            )
            .collect();
        names.dedup();
        let mut seen = BTreeSet::new();
        names.retain(|h| !h.is_empty() && seen.insert(h.clone()));
        toml.push_str(&format!(
            "\n[[sections]]\nid = {}\nname = {}\nrequired = {required}\nheadings = [{}]\n",
            quote(&spec.id),
            quote(&spec.name),
            names
                .iter()
                .map(|h| quote(h))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let held = match n {
            0 if docs.len() == 1 => "not in the one postmortem".to_owned(),
            1 if docs.len() == 1 => "in the one postmortem".to_owned(),
            0 => format!("in none of the {} postmortems", docs.len()),
            n if n == docs.len() => format!("in all {n} postmortems"),
            n => format!("in {n} of {} postmortems", docs.len()),
        };
        notes.push(format!(
            "{}: {held}{}",
            spec.name,
            match (required, most(n)) {
                (true, true) => ", required",
                (true, false) => {
                    kept_required = true;
                    ", still required (the default template requires it)"
                }
                _ => ", optional",
            }
        ));
    }
    if kept_required {
        notes.push(
            "(`init --required-from-postmortems` makes a section required only where most postmortems hold it)"
                .to_owned(),
        );
    }
    debug_assert!(template::Template::parse("custom", &toml).is_ok());
    (toml, notes)
}

/// The config file's text, with a comment on each choice.
pub fn config_text(
    choice: &Choice,
    template_file: &str,
    include: &[String],
    baseline: Option<&str>,
    documents: usize,
    today: Date,
) -> String {
    let mut text = format!(
        "# Written by `postmortem-lint init` on {today} from {documents} postmortem{}.\n",
        if documents == 1 { "" } else { "s" }
    );
    let fits: Vec<String> = choice
        .fits
        .iter()
        .map(|f| format!("{} {:.0}%", f.template, f.score * 100.0))
        .collect();
    text.push_str(&format!(
        "#\n# How well each preset fits (its required sections and metadata that the postmortems\n# hold): {}.\n",
        fits.join(", ")
    ));
    match &choice.preset {
        Some(name) => text.push_str(&format!(
            "# `{name}` fits best, so it is the template.\ntemplate = {name:?}\n"
        )),
        None => text.push_str(&format!(
            "# No preset fits well (below {:.0}%), so the template is built from the headings\n# most postmortems share; edit it to raise the bar.\ntemplate = {template_file:?}\n",
            GOOD_FIT * 100.0
        )),
    }
    if !include.is_empty() {
        text.push_str(
            "\n# Markdown files, and the postmortems saved without a .md extension, by name.\n",
        );
        let list: Vec<String> = include.iter().map(|g| format!("{g:?}")).collect();
        text.push_str(&format!("include = [{}]\n", list.join(", ")));
    }
    if let Some(file) = baseline {
        text.push_str(&format!(
            "\n# Today's findings, recorded so that only new problems fail a pull request.\nbaseline = {file:?}\n"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc {
            path: "a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_best_fit_wins_and_a_poor_fit_builds_a_template() {
        let sre = doc(
            "# X\n\nDate: 2026-01-01\nOwner: @a\nStatus: final\n\n## Summary\ns\n## Impact\ni\n## Root Causes\nr\n## Trigger\nt\n## Resolution\nr\n## Detection\nd\n## Action Items\n- a\n## Lessons Learned\nl\n## Timeline\n- 10:00 UTC x\n",
        );
        let choice = choose(&[sre], Required::default());
        assert_eq!(
            choice.preset.as_deref(),
            Some("google-sre"),
            "{:?}",
            choice.fits
        );

        let thin = doc(
            "# X\n\n## Issue Summary\ns\n## Timeline\n- 10:00 x\n## Resolution and recovery\nr\n",
        );
        let built = |required| {
            let choice = choose(std::slice::from_ref(&thin), required);
            assert!(choice.preset.is_none());
            let custom = choice.custom.unwrap_or_default();
            match Template::parse("custom", &custom) {
                Ok(template) => template,
                Err(e) => panic!("{e}: {custom}"),
            }
        };
        // The seed's required sections stay required: the trigger above all. The notes say
        // so, and how to follow the postmortems instead.
        let notes = choose(std::slice::from_ref(&thin), Required::SeedAndMost).notes;
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("Trigger: not in the one postmortem, still required")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("--required-from-postmortems")),
            "{notes:?}"
        );
        let template = built(Required::SeedAndMost);
        assert!(template.requires("summary") && template.requires("response"));
        assert!(template.requires("trigger") && template.requires("impact"));
        assert!(!template.metadata.required.is_empty());
        // Asked for, only what the postmortems hold.
        let template = built(Required::Most);
        assert!(template.requires("summary") && template.requires("response"));
        assert!(!template.requires("trigger") && !template.requires("impact"));
        assert!(template.metadata.required.is_empty());
    }
}
