//! What a change to a config file does to the check, read from the two texts alone (no
//! template or rule file is read): the rules it turns off or lowers from error to warning, the
//! exclude globs it adds, and its include, template and rule-files changes. A pull request can
//! switch its own check off with its config; this says so.

use super::{ConfigFile, Level};
use crate::diagnostic::Severity;
use crate::rules;
use std::collections::BTreeMap;

/// The settings of a config file that decide what is checked and how strictly.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct View {
    template: Option<String>,
    include: Option<Vec<String>>,
    exclude: Vec<String>,
    rule_files: Vec<String>,
    baseline: Option<String>,
    severities: BTreeMap<String, Level>,
}

impl View {
    /// The view of a config's text; an error message when it is not a valid config.
    pub fn parse(text: &str) -> Result<View, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        Ok(View {
            template: file.template.map(|t| t.into_inner()),
            include: file.include.map(|g| g.into_inner()),
            exclude: file.exclude.map(|g| g.into_inner()).unwrap_or_default(),
            rule_files: file.rule_files.map(|g| g.into_inner()).unwrap_or_default(),
            baseline: file.baseline.map(|b| b.into_inner()),
            severities: file
                .rules
                .into_iter()
                .filter_map(|(name, r)| Some((name, *r.into_inner().severity?.get_ref())))
                .collect(),
        })
    }

    /// The files this config names (template file, rule files, baseline), relative to its
    /// folder, as written.
    pub fn named_files(&self) -> Vec<&str> {
        let template = self.template.as_deref().filter(|t| t.ends_with(".toml"));
        template
            .into_iter()
            .chain(self.rule_files.iter().map(String::as_str))
            .chain(self.baseline.as_deref())
            .collect()
    }

    /// A rule's level under this config: as set, else its default (`None`: a rule this
    /// config does not set and that is not built in, such as a team's own).
    fn level(&self, rule: &str) -> Option<Level> {
        self.severities.get(rule).copied().or_else(|| {
            rules::find(rule).map(|r| match r.doc().severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
            })
        })
    }
}

/// What going from `before` to `after` changes, one phrase each, the ones that weaken the
/// check first; empty when nothing that decides what is checked changed.
pub fn compare(before: &View, after: &View) -> Vec<String> {
    let mut out = Vec::new();
    let list = |v: &[String]| {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut names: Vec<&String> = after.severities.keys().collect();
    names.extend(before.severities.keys());
    names.sort();
    names.dedup();
    let mut off = Vec::new();
    let mut lowered = Vec::new();
    let mut raised = Vec::new();
    for name in names {
        match (before.level(name), after.level(name)) {
            (Some(Level::Off), Some(Level::Off)) => {}
            (_, Some(Level::Off)) => off.push(name.clone()),
            (Some(Level::Error) | None, Some(Level::Warning)) => lowered.push(name.clone()),
            (Some(Level::Off) | None, Some(Level::Error | Level::Warning))
            | (Some(Level::Warning), Some(Level::Error)) => raised.push(name.clone()),
            _ => {}
        }
    }
    if !off.is_empty() {
        out.push(format!("turns off {}", list(&off)));
    }
    if !lowered.is_empty() {
        out.push(format!("lowers {} from error to warning", list(&lowered)));
    }
    let added: Vec<String> = after
        .exclude
        .iter()
        .filter(|g| !before.exclude.contains(g))
        .cloned()
        .collect();
    if !added.is_empty() {
        out.push(format!("excludes {}", list(&added)));
    }
    if before.include != after.include {
        let shown = |v: &Option<Vec<String>>| match v {
            Some(globs) => format!("[{}]", list(globs)),
            None => "every Markdown file".to_owned(),
        };
        out.push(format!(
            "changes include from {} to {}",
            shown(&before.include),
            shown(&after.include)
        ));
    }
    let removed: Vec<String> = before
        .rule_files
        .iter()
        .filter(|f| !after.rule_files.contains(f))
        .cloned()
        .collect();
    if !removed.is_empty() {
        out.push(format!("drops rule files {}", list(&removed)));
    }
    let new_files: Vec<String> = after
        .rule_files
        .iter()
        .filter(|f| !before.rule_files.contains(f))
        .cloned()
        .collect();
    if !new_files.is_empty() {
        out.push(format!("adds rule files {}", list(&new_files)));
    }
    if before.template != after.template {
        let shown = |t: &Option<String>| format!("`{}`", t.as_deref().unwrap_or("default"));
        out.push(format!(
            "changes the template from {} to {}",
            shown(&before.template),
            shown(&after.template)
        ));
    }
    if before.baseline != after.baseline {
        let shown =
            |t: &Option<String>| t.as_deref().map_or("none".to_owned(), |b| format!("`{b}`"));
        out.push(format!(
            "changes the baseline from {} to {}",
            shown(&before.baseline),
            shown(&after.baseline)
        ));
    }
    let removed_excludes: Vec<String> = before
        .exclude
        .iter()
        .filter(|g| !after.exclude.contains(g))
        .cloned()
        .collect();
    if !removed_excludes.is_empty() {
        out.push(format!("no longer excludes {}", list(&removed_excludes)));
    }
    if !raised.is_empty() {
        out.push(format!("turns on or raises {}", list(&raised)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str) -> View {
        View::parse(text).unwrap()
    }

    #[test]
    fn what_weakens_the_check_is_named_first() {
        let before = view("[rules.vague-action]\nseverity = \"error\"\n");
        let after = view(
            "exclude = [\"**/new-*.md\"]\n[rules.missing-trigger]\nseverity = \"off\"\n[rules.human-error]\nseverity = \"warning\"\n",
        );
        assert_eq!(
            compare(&before, &after),
            [
                "turns off `missing-trigger`",
                "lowers `human-error`, `vague-action` from error to warning",
                "excludes `**/new-*.md`",
            ]
        );
        assert!(compare(&after, &after).is_empty());
        assert_eq!(
            compare(&after, &before),
            [
                "no longer excludes `**/new-*.md`",
                "turns on or raises `human-error`, `missing-trigger`, `vague-action`"
            ]
        );
        assert_eq!(
            compare(&View::default(), &view("include = [\"docs/**/*.md\"]\n")),
            ["changes include from every Markdown file to [`docs/**/*.md`]"]
        );
    }
}
