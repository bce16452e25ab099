//! Configuration: discovery from each checked path up to the repository root, strict parsing
//! with file/line/column errors and "did you mean" hints, and the resolved [`Settings`] a run
//! uses, each value with where it came from.

pub use crate::located::{LocatedError, closest};

use crate::confine::Boundary;
pub use crate::document::Disclosure;
use crate::document::{Date, Template};
use crate::rules::{self, PhraseRule, Rule, Severity};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file names looked for, in this order, in each folder from a checked path upward.
pub const FILE_NAMES: [&str; 2] = [".postmortem-lint.toml", "postmortem-lint.toml"];

/// A config file as written. Unknown keys are errors.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    template: Option<Spanned<String>>,
    include: Option<Spanned<Vec<String>>>,
    exclude: Option<Spanned<Vec<String>>>,
    people: Option<Spanned<Vec<String>>>,
    rule_files: Option<Spanned<Vec<String>>>,
    date_format: Option<Spanned<DateFormat>>,
    disclosure_phase: Option<Spanned<Disclosure>>,
    new_dir: Option<Spanned<String>>,
    stale_after_days: Option<Spanned<u32>>,
    baseline: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<RuleConfig>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleConfig {
    severity: Spanned<Level>,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// How to read an ambiguous `03/04`: month first (US) or day first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    #[default]
    Mdy,
    Dmy,
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File { path: String, line: usize },
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// Everything a run needs besides the files, resolved from defaults, a config file and flags.
pub struct Settings {
    /// The config file these settings come from, if any.
    pub file: Option<PathBuf>,
    /// "Today" for date rules.
    pub as_of: Date,
    pub template: Template,
    /// Enabled rules, sorted by name, with their effective severity.
    pub rules: Vec<(&'static dyn Rule, Severity)>,
    pub people: Vec<String>,
    pub day_first: bool,
    pub disclosure_phase: Option<Disclosure>,
    /// Where `new` writes, relative to the config file's folder (or the current folder).
    pub new_dir: PathBuf,
    include: Option<GlobSet>,
    /// The baseline `check` applies when `--baseline` is not given.
    pub baseline: Option<PathBuf>,
    /// The include globs as written, in order (for "matches no file" warnings).
    include_globs: Vec<String>,
    exclude: Option<GlobSet>,
    /// One pass over a document tells which prose phrase rules can match it at all.
    phrase_prefilter: std::sync::OnceLock<rules::phrase::Prefilter>,
    /// Whether to use that prefilter: it pays for its compilation only over many files.
    pub use_prefilter: bool,
    /// Days after which an open action item is stale (`stale-action-item`).
    pub stale_after_days: i64,
    /// Each setting, rendered, with its origin: what `postmortem-lint config` prints.
    pub explained: Vec<(String, String, Origin)>,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("file", &self.file)
            .field("template", &self.template.name)
            .field(
                "rules",
                &self
                    .rules
                    .iter()
                    .map(|(r, s)| (r.doc().name, *s))
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// The built-in defaults.
    pub fn defaults(as_of: Date) -> Settings {
        let mut explained = vec![
            (
                "template".to_owned(),
                "\"default\"".to_owned(),
                Origin::Default,
            ),
            ("as-of".to_owned(), format!("\"{as_of}\""), Origin::Default),
            (
                "date-format".to_owned(),
                "\"mdy\"".to_owned(),
                Origin::Default,
            ),
            ("people".to_owned(), "[]".to_owned(), Origin::Default),
            (
                "stale-after-days".to_owned(),
                "90".to_owned(),
                Origin::Default,
            ),
        ];
        explained.extend(rules::registry().iter().map(|r| {
            let d = r.doc();
            (
                format!("rules.{}.severity", d.name),
                format!("\"{}\"", d.severity),
                Origin::Default,
            )
        }));
        Settings {
            file: None,
            as_of,
            template: Template::builtin().clone(),
            rules: rules::registry()
                .iter()
                .map(|r| (*r, r.doc().severity))
                .collect(),
            people: Vec::new(),
            day_first: false,
            disclosure_phase: None,
            new_dir: PathBuf::from("."),
            include: None,
            baseline: None,
            include_globs: Vec::new(),
            exclude: None,
            phrase_prefilter: std::sync::OnceLock::new(),
            use_prefilter: false,
            stale_after_days: 90,
            explained,
        }
    }

    /// Reads a config file the user named (`--config`): it is trusted, and may name files
    /// anywhere.
    pub fn load(path: &Path, as_of: Date) -> Result<Settings, LocatedError> {
        Settings::load_within(path, as_of, None)
    }

    /// Reads a config file that was discovered beside the checked files: a pull request can
    /// add one, so it may only name paths inside the repository (outside git: inside its own
    /// folder), and it must itself be there, not a link out of it.
    pub fn load_discovered(path: &Path, as_of: Date) -> Result<Settings, LocatedError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let root = crate::confine::repository_root(dir).unwrap_or_else(|| dir.to_path_buf());
        let boundary = Boundary::new(&root);
        if !boundary.as_ref().is_some_and(|b| b.admits(path)) {
            return Err(LocatedError {
                path: crate::source::display_path(path),
                line: 1,
                column: 1,
                message: "the config file is a symbolic link out of the repository: not read"
                    .to_owned(),
                help: Some(
                    "replace the link with the file itself, or name a config with --config"
                        .to_owned(),
                ),
            });
        }
        Settings::load_within(path, as_of, boundary.as_ref())
    }

    fn load_within(
        path: &Path,
        as_of: Date,
        boundary: Option<&Boundary>,
    ) -> Result<Settings, LocatedError> {
        // Shown relative to the current folder when it is below it, as users typed paths.
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|d| d.canonicalize().ok());
        let shown = match (&cwd, path.canonicalize()) {
            (Some(cwd), Ok(full)) => full
                .strip_prefix(cwd)
                .map(Path::to_path_buf)
                .unwrap_or(full),
            _ => path.to_path_buf(),
        };
        let display = crate::source::display_path(&shown);
        let text = std::fs::read_to_string(path).map_err(|e| LocatedError {
            path: display.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the config file: {e}"),
            help: None,
        })?;
        Settings::parse_within(
            &display,
            &text,
            path.parent().unwrap_or(Path::new(".")),
            as_of,
            boundary,
        )
        .map(|mut s| {
            s.file = Some(path.to_path_buf());
            s
        })
    }

    /// Parses config `text` (the file `display`); relative paths in it are relative to `dir`.
    pub fn parse(
        display: &str,
        text: &str,
        dir: &Path,
        as_of: Date,
    ) -> Result<Settings, LocatedError> {
        Settings::parse_within(display, text, dir, as_of, None)
    }

    /// As [`Settings::parse`]; with a boundary, every path the config names must stay inside
    /// it, or the key is an error at its line (the target is never read or described).
    pub fn parse_within(
        display: &str,
        text: &str,
        dir: &Path,
        as_of: Date,
        boundary: Option<&Boundary>,
    ) -> Result<Settings, LocatedError> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| LocatedError::from_toml(display, text, &e))?;
        let mut settings = Settings::defaults(as_of);
        let at = |span: std::ops::Range<usize>| LocatedError::at(display, text, Some(span), "");
        let origin = |span: std::ops::Range<usize>| {
            let e = at(span);
            Origin::File {
                path: display.to_owned(),
                line: e.line,
            }
        };
        // A path named by the config, confined when the config is not the user's own.
        let confined = |key: &str, name: &str, span: std::ops::Range<usize>| {
            match boundary {
            None => Ok(dir.join(name)),
            Some(b) => b.resolve(dir, name).ok_or_else(|| {
                at(span)
                    .with_message(format!("`{key}` names `{name}`, which is not inside the repository"))
                    .help("a discovered config may only name files inside the repository (no absolute paths, no `..` or links out of it); name a config outside it with --config")
            }),
        }
        };
        let explain = |settings: &mut Settings, key: &str, value: String, o: Origin| {
            settings.explained.retain(|(k, _, _)| k != key);
            settings.explained.push((key.to_owned(), value, o));
        };

        if let Some(template) = &file.template {
            let name = template.get_ref();
            settings.template = match Template::preset(name) {
                Some(t) => t.clone(),
                None if name.ends_with(".toml") => {
                    let path = confined("template", name, template.span())?;
                    let body = std::fs::read_to_string(&path).map_err(|e| {
                        at(template.span())
                            .with_message(format!("cannot read template `{name}`: {e}"))
                    })?;
                    let shown = crate::source::display_path(&path);
                    Template::parse(&shown, &body)
                        .map_err(|e| LocatedError::from_toml(&shown, &body, &e.source))?
                }
                None => {
                    let presets: Vec<&str> = crate::document::template::PRESETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect();
                    let err =
                        at(template.span()).with_message(format!("unknown template `{name}`"));
                    return Err(match closest(name, &presets) {
                        Some(c) => err.help(format!(
                            "did you mean `{c}`? A template file must end in .toml"
                        )),
                        None => err.help(format!(
                            "presets are {}; a template file must end in .toml",
                            presets.join(", ")
                        )),
                    });
                }
            };
            explain(
                &mut settings,
                "template",
                format!("{name:?}"),
                origin(template.span()),
            );
        }
        if let Some(people) = &file.people {
            settings.people = people.get_ref().clone();
            explain(
                &mut settings,
                "people",
                format!("{:?}", people.get_ref()),
                origin(people.span()),
            );
        }
        if let Some(format) = &file.date_format {
            settings.day_first = *format.get_ref() == DateFormat::Dmy;
            let value = if settings.day_first {
                "\"dmy\""
            } else {
                "\"mdy\""
            };
            explain(
                &mut settings,
                "date-format",
                value.to_owned(),
                origin(format.span()),
            );
        }
        if let Some(phase) = &file.disclosure_phase {
            settings.disclosure_phase = Some(*phase.get_ref());
            explain(
                &mut settings,
                "disclosure-phase",
                format!("\"{}\"", phase.get_ref().name()),
                origin(phase.span()),
            );
        }
        if let Some(days) = &file.stale_after_days {
            settings.stale_after_days = i64::from(*days.get_ref());
            explain(
                &mut settings,
                "stale-after-days",
                days.get_ref().to_string(),
                origin(days.span()),
            );
        }
        if let Some(baseline) = &file.baseline {
            settings.baseline = Some(confined("baseline", baseline.get_ref(), baseline.span())?);
            explain(
                &mut settings,
                "baseline",
                format!("{:?}", baseline.get_ref()),
                origin(baseline.span()),
            );
        }
        if let Some(new_dir) = &file.new_dir {
            settings.new_dir = confined("new-dir", new_dir.get_ref(), new_dir.span())?;
            explain(
                &mut settings,
                "new-dir",
                format!("{:?}", new_dir.get_ref()),
                origin(new_dir.span()),
            );
        } else {
            settings.new_dir = dir.to_path_buf();
        }
        for (key, globs) in [("include", &file.include), ("exclude", &file.exclude)] {
            let Some(globs) = globs else { continue };
            let mut builder = GlobSetBuilder::new();
            for glob in globs.get_ref() {
                let compiled = Glob::new(glob).map_err(|e| {
                    at(globs.span())
                        .with_message(format!("invalid glob `{glob}` in {key}: {}", e.kind()))
                })?;
                builder.add(compiled);
            }
            let set = builder
                .build()
                .map_err(|e| at(globs.span()).with_message(format!("invalid {key} globs: {e}")))?;
            if key == "include" {
                settings.include = Some(set);
                settings.include_globs = globs.get_ref().clone();
            } else {
                settings.exclude = Some(set);
            }
            explain(
                &mut settings,
                key,
                format!("{:?}", globs.get_ref()),
                origin(globs.span()),
            );
        }
        if let Some(files) = &file.rule_files {
            for name in files.get_ref() {
                let path = confined("rule-files", name, files.span())?;
                let shown = crate::source::display_path(&path);
                let body = std::fs::read_to_string(&path).map_err(|e| {
                    at(files.span()).with_message(format!("cannot read rule file `{name}`: {e}"))
                })?;
                let rule: &'static PhraseRule =
                    Box::leak(Box::new(PhraseRule::parse(&shown, &body)?));
                let rule_name = rule.doc().name;
                if settings
                    .rules
                    .iter()
                    .any(|(r, _)| r.doc().name == rule_name)
                {
                    return Err(at(files.span()).with_message(format!(
                        "rule file `{name}` defines `{rule_name}`, which already exists"
                    )));
                }
                settings.rules.push((rule, rule.doc().severity));
                explain(
                    &mut settings,
                    &format!("rules.{rule_name}.severity"),
                    format!("\"{}\"", rule.doc().severity),
                    Origin::File {
                        path: shown,
                        line: 1,
                    },
                );
            }
            settings.rules.sort_by_key(|(r, _)| r.doc().name);
        }
        for (name, rule_config) in &file.rules {
            let Some(index) = settings
                .rules
                .iter()
                .position(|(r, _)| r.doc().name == name)
            else {
                let names: Vec<&str> = settings.rules.iter().map(|(r, _)| r.doc().name).collect();
                let span = key_span(text, name).unwrap_or(rule_config.span());
                let err =
                    LocatedError::at(display, text, Some(span), format!("unknown rule `{name}`"));
                return Err(match closest(name, &names) {
                    Some(c) => err.help(format!("did you mean `{c}`?")),
                    None => err.help("`postmortem-lint rules` lists them"),
                });
            };
            let level = rule_config.get_ref().severity.get_ref();
            let value = match level {
                Level::Error => "\"error\"",
                Level::Warning => "\"warning\"",
                Level::Off => "\"off\"",
            };
            explain(
                &mut settings,
                &format!("rules.{name}.severity"),
                value.to_owned(),
                origin(rule_config.get_ref().severity.span()),
            );
            match level {
                Level::Off => {
                    settings.rules.remove(index);
                }
                Level::Error => settings.rules[index].1 = Severity::Error,
                Level::Warning => settings.rules[index].1 = Severity::Warning,
            }
        }
        Ok(settings)
    }

    /// Whether a file found in a folder walk is checked: include globs (when set) must match,
    /// exclude globs must not. `relative` is relative to the config file's folder.
    pub fn selects(&self, relative: &Path) -> bool {
        self.selects_found(relative, true).0
    }

    /// As [`Settings::selects`], for a file that is a candidate by its name (`by_name`: a
    /// Markdown file) or not (then only an include glob that names it selects it); with the
    /// indices of the include globs that matched.
    pub fn selects_found(&self, relative: &Path, by_name: bool) -> (bool, Vec<usize>) {
        let matched = self
            .include
            .as_ref()
            .map(|g| g.matches(relative))
            .unwrap_or_default();
        let included = if self.include.is_some() {
            !matched.is_empty()
        } else {
            by_name
        };
        let excluded = self.exclude.as_ref().is_some_and(|g| g.is_match(relative));
        (included && !excluded, matched)
    }

    /// The folder relative paths in the config are resolved against.
    pub fn base_dir(&self) -> Option<&Path> {
        self.file.as_deref().and_then(Path::parent)
    }

    /// The prefilter over the enabled prose phrase rules, built on first use.
    pub fn phrase_prefilter(&self) -> &rules::phrase::Prefilter {
        self.phrase_prefilter
            .get_or_init(|| rules::phrase::Prefilter::new(self.rules.iter().map(|(r, _)| *r)))
    }

    /// The severity of a rule, `None` when it is off.
    pub fn severity(&self, name: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.doc().name == name)
            .map(|(_, s)| *s)
    }
}

impl LocatedError {
    fn with_message(mut self, message: String) -> LocatedError {
        self.message = message;
        self
    }
}

/// Where `[rules.NAME]` (or `NAME =` under `[rules]`) is written, for errors about NAME.
fn key_span(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    for needle in [format!("rules.{name}"), format!("rules.\"{name}\"")] {
        if let Some(i) = text.find(&needle) {
            return Some(i + needle.len() - name.len()..i + needle.len());
        }
    }
    None
}

/// Finds and loads the config that governs each file, once per folder and once per config
/// file. With an explicit `--config`, that one file governs every path.
pub struct Resolver {
    as_of: Date,
    explicit: bool,
    /// Settings by config file; `None` holds the built-in defaults.
    loaded: Vec<(Option<PathBuf>, Settings)>,
    by_dir: std::collections::HashMap<PathBuf, usize>,
    /// Per loaded config, the include globs that selected a file.
    include_hits: std::collections::HashMap<usize, std::collections::HashSet<usize>>,
}

impl Resolver {
    pub fn new(explicit: Option<&Path>, as_of: Date) -> Result<Resolver, LocatedError> {
        let mut resolver = Resolver {
            as_of,
            explicit: explicit.is_some(),
            loaded: Vec::new(),
            by_dir: std::collections::HashMap::new(),
            include_hits: std::collections::HashMap::new(),
        };
        if let Some(file) = explicit {
            resolver
                .loaded
                .push((Some(file.to_path_buf()), Settings::load(file, as_of)?));
        }
        Ok(resolver)
    }

    /// The index of the settings that govern the file at `path`.
    pub fn index_for(&mut self, path: &Path) -> Result<usize, LocatedError> {
        if self.explicit {
            return Ok(0);
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        if let Some(&i) = self.by_dir.get(&dir) {
            return Ok(i);
        }
        let file = discover(&dir);
        let index = match self.loaded.iter().position(|(f, _)| *f == file) {
            Some(i) => i,
            None => {
                let settings = match &file {
                    Some(f) => Settings::load_discovered(f, self.as_of)?,
                    None => Settings::defaults(self.as_of),
                };
                self.loaded.push((file, settings));
                self.loaded.len() - 1
            }
        };
        self.by_dir.insert(dir, index);
        Ok(index)
    }

    /// The config files loaded so far.
    pub fn config_files(&self) -> impl Iterator<Item = &Path> {
        self.loaded.iter().filter_map(|(f, _)| f.as_deref())
    }

    pub fn get(&self, index: usize) -> &Settings {
        &self.loaded[index].1
    }

    /// Every rule of every loaded configuration (built-in and the teams' own), by name.
    pub fn rule_docs(&self) -> Vec<&'static rules::RuleDoc> {
        let mut docs: Vec<&'static rules::RuleDoc> =
            rules::registry().iter().map(|r| r.doc()).collect();
        for (_, settings) in &self.loaded {
            for (rule, _) in &settings.rules {
                if !docs.iter().any(|d| d.name == rule.doc().name) {
                    docs.push(rule.doc());
                }
            }
        }
        docs.sort_by_key(|d| d.name);
        docs
    }

    /// Adds names that are people (commit authors) to every loaded configuration.
    pub fn add_people(&mut self, names: &[String]) {
        for (_, settings) in &mut self.loaded {
            settings.people.extend(names.iter().cloned());
        }
    }

    /// Turns the phrase prefilter on or off for every loaded configuration.
    pub fn use_prefilter(&mut self, on: bool) {
        for (_, settings) in &mut self.loaded {
            settings.use_prefilter = on;
        }
    }

    /// Whether a file found by walking is selected by its config's include/exclude globs;
    /// `by_name`: whether its name makes it a candidate (a Markdown file that is not a README
    /// or a template), else only an include glob selects it.
    pub fn selects(&mut self, path: &Path, by_name: bool) -> Result<bool, LocatedError> {
        let index = self.index_for(path)?;
        let settings = self.get(index);
        if settings.include.is_none() && settings.exclude.is_none() {
            return Ok(by_name);
        }
        let Some(base) = settings.base_dir().and_then(|b| b.canonicalize().ok()) else {
            return Ok(by_name);
        };
        let Some(relative) = path
            .canonicalize()
            .ok()
            .and_then(|full| full.strip_prefix(&base).ok().map(Path::to_path_buf))
        else {
            return Ok(by_name);
        };
        let (selected, matched) = settings.selects_found(&relative, by_name);
        self.include_hits.entry(index).or_default().extend(matched);
        Ok(selected)
    }

    /// The include globs of the configs loaded so far that matched no file walked, with the
    /// config that holds them: a glob that selects nothing is usually a mistake.
    pub fn unmatched_includes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (index, (file, settings)) in self.loaded.iter().enumerate() {
            let Some(file) = file else { continue };
            let hits = self.include_hits.get(&index);
            for (i, glob) in settings.include_globs.iter().enumerate() {
                if !hits.is_some_and(|h| h.contains(&i)) {
                    out.push((crate::source::display_path(file), glob.clone()));
                }
            }
        }
        out
    }
}

/// The config file for a checked path: the first of [`FILE_NAMES`] in its folder or a parent,
/// stopping at the repository root (a folder holding `.git`).
pub fn discover(path: &Path) -> Option<PathBuf> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()?.to_path_buf()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let mut dir = start.canonicalize().ok()?;
    loop {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            return None;
        }
        dir = dir.parent()?.to_path_buf();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, LocatedError> {
        Settings::parse("pml.toml", text, Path::new("."), Date::from_days(0))
    }

    #[test]
    fn typos_are_located_and_corrected() {
        let err = parse("[rules.be-more-carefull]\nseverity = \"warning\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 8));
        assert_eq!(err.message, "unknown rule `be-more-carefull`");
        assert_eq!(err.help.as_deref(), Some("did you mean `be-more-careful`?"));

        let err = parse("[rules.be-more-careful]\nseverity = \"eror\"\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert_eq!(err.help.as_deref(), Some("did you mean `error`?"));

        let err = parse("peple = [\"Dana\"]\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
        assert_eq!(err.help.as_deref(), Some("did you mean `people`?"));

        let err = parse("template = \"google-sr\"\n").unwrap_err();
        assert_eq!(
            err.help.as_deref(),
            Some("did you mean `google-sre`? A template file must end in .toml")
        );
    }

    #[test]
    fn severities_and_off() {
        let s = parse("[rules.vague-action]\nseverity = \"error\"\n[rules.missing-trigger]\nseverity = \"off\"\n").unwrap();
        assert_eq!(s.severity("vague-action"), Some(Severity::Error));
        assert_eq!(s.severity("missing-trigger"), None);
        let origin = s
            .explained
            .iter()
            .find(|(k, _, _)| k == "rules.vague-action.severity")
            .unwrap();
        assert_eq!(
            origin.2,
            Origin::File {
                path: "pml.toml".into(),
                line: 2
            }
        );
    }

    #[test]
    fn globs_select_files() {
        let s = parse("include = [\"docs/postmortems/**/*.md\"]\nexclude = [\"**/drafts/**\"]\n")
            .unwrap();
        assert!(s.selects(Path::new("docs/postmortems/2026/a.md")));
        assert!(!s.selects(Path::new("docs/postmortems/drafts/a.md")));
        assert!(!s.selects(Path::new("notes/a.md")));
    }
}
