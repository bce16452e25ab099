//! Configuration: discovery from each checked path up to the repository root, strict parsing
//! with file/line/column errors and "did you mean" hints, and the resolved [`Settings`] a run
//! uses, each value with where it came from.

mod changes;
mod file;
mod parse;
mod resolve;
pub mod schema;
mod tracker_config;
mod tree;

use crate::located::LocatedError;
pub use changes::{View, compare};
use file::ConfigFile;
pub use file::{DateFormat, Level};
pub use resolve::{Resolver, discover};
pub use tree::{Snapshot, TreeConfigs};

use crate::confine::Boundary;
use crate::diagnostic::Severity;
use crate::document::Disclosure;
use crate::document::{Date, Template};
use crate::rules;
use globset::GlobSet;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file names looked for, in this order, in each folder from a checked path upward.
pub const FILE_NAMES: [&str; 2] = [".postmortem-lint.toml", "postmortem-lint.toml"];

/// The repository-relative paths a config governing folder `rel` may have, nearest first:
/// each of [`FILE_NAMES`] in the folder, then in each parent up to the root.
pub fn candidates_above(rel: &str) -> impl Iterator<Item = String> + '_ {
    let mut folder = Some(rel);
    std::iter::from_fn(move || {
        let here = folder?;
        folder = (!here.is_empty()).then(|| here.rsplit_once('/').map_or("", |(up, _)| up));
        Some(FILE_NAMES.iter().map(move |name| {
            if here.is_empty() {
                (*name).to_owned()
            } else {
                format!("{here}/{name}")
            }
        }))
    })
    .flatten()
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
    pub rules: Vec<(crate::rules::RuleRef, Severity)>,
    pub people: Vec<String>,
    pub day_first: bool,
    /// The IANA zone whose day is today, when the config names one.
    pub timezone: Option<String>,
    pub disclosure_phase: Option<Disclosure>,
    /// Where `new` writes, relative to the config file's folder (or the current folder).
    pub new_dir: PathBuf,
    include: Option<GlobSet>,
    /// The baseline `check` applies when `--baseline` is not given.
    pub baseline: Option<PathBuf>,
    /// The include globs as written, in order (for "matches no file" warnings).
    include_globs: Vec<String>,
    exclude: Option<GlobSet>,
    /// Rules' options set in the config, by rule and option name (a rule declares its options
    /// and their defaults; see [`crate::rules::RuleOption`]).
    pub options: BTreeMap<(String, String), i64>,
    /// Where each setting the config wrote came from (the others are defaults): `config`
    /// prints [`Settings::effective`], derived from the values themselves.
    pub origins: BTreeMap<String, Origin>,
    /// The template as the config named it (a preset, or a file).
    template_name: String,
    /// The exclude globs as written.
    exclude_globs: Vec<String>,
    /// The team's own rule files as the config named them.
    rule_files: Vec<String>,
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
        Settings {
            file: None,
            as_of,
            template: Template::builtin().clone(),
            rules: rules::registry()
                .iter()
                .map(|r| (rules::RuleRef::Builtin(*r), r.doc().severity))
                .collect(),
            people: Vec::new(),
            day_first: false,
            timezone: None,
            disclosure_phase: None,
            new_dir: PathBuf::from("."),
            include: None,
            baseline: None,
            include_globs: Vec::new(),
            exclude: None,
            options: BTreeMap::new(),
            origins: BTreeMap::new(),
            template_name: "default".to_owned(),
            exclude_globs: Vec::new(),
            rule_files: Vec::new(),
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

    /// Reads the config file at `path` (in the working tree) as a commit holds it, with the
    /// files it names (`--config-from`).
    pub fn load_from_tree(
        path: &Path,
        tree: &TreeConfigs,
        as_of: Date,
    ) -> Result<Settings, LocatedError> {
        let display = format!("{}:{}", tree.name(), shown_path(path));
        let text = tree.read_text(path).map_err(|e| LocatedError {
            path: display.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the config file: {e}"),
            help: None,
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Settings::parse_files(&display, &text, dir, as_of, &parse::Files::Tree(tree)).map(
            |mut s| {
                s.file = Some(path.to_path_buf());
                s
            },
        )
    }

    fn load_within(
        path: &Path,
        as_of: Date,
        boundary: Option<&Boundary>,
    ) -> Result<Settings, LocatedError> {
        let display = shown_path(path);
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

    /// These settings with today in the zone the config names (`timezone`), when it names
    /// one: for a run that --as-of did not date.
    pub fn dated_by_zone(mut self) -> Settings {
        if let Some(day) = self.timezone.as_deref().and_then(Date::today_in) {
            self.as_of = day;
            if let Some(origin) = self.origins.get("timezone").cloned() {
                self.origins.insert("as-of".to_owned(), origin);
            }
        }
        self
    }

    /// The folder relative paths in the config are resolved against.
    pub fn base_dir(&self) -> Option<&Path> {
        self.file.as_deref().and_then(Path::parent)
    }

    /// Every effective setting, its value rendered from the setting itself, with its origin:
    /// what `postmortem-lint config` prints.
    pub fn effective(&self) -> Vec<(String, String, Origin)> {
        let quoted = |v: &str| format!("{v:?}");
        let list = |v: &[String]| format!("{v:?}");
        let mut out: Vec<(String, String)> = vec![
            ("template".into(), quoted(&self.template_name)),
            ("as-of".into(), quoted(&self.as_of.to_string())),
            (
                "date-format".into(),
                quoted(if self.day_first { "dmy" } else { "mdy" }),
            ),
            ("people".into(), list(&self.people)),
        ];
        if let Some(zone) = &self.timezone {
            out.push(("timezone".into(), quoted(zone)));
        }
        if let Some(phase) = self.disclosure_phase {
            out.push(("disclosure-phase".into(), quoted(phase.name())));
        }
        if self.origins.contains_key("trackers") {
            out.push((
                "trackers".into(),
                tracker_config::shown(&self.template.trackers),
            ));
        }
        if self.origins.contains_key("new-dir") {
            out.push((
                "new-dir".into(),
                quoted(&crate::source::display_path(&self.new_dir)),
            ));
        }
        if self.include.is_some() {
            out.push(("include".into(), list(&self.include_globs)));
        }
        if self.exclude.is_some() {
            out.push(("exclude".into(), list(&self.exclude_globs)));
        }
        if !self.rule_files.is_empty() {
            out.push(("rule-files".into(), list(&self.rule_files)));
        }
        if let Some(baseline) = &self.baseline {
            out.push((
                "baseline".into(),
                quoted(&crate::source::display_path(baseline)),
            ));
        }
        let mut docs: Vec<&'static rules::RuleDoc> =
            rules::registry().iter().map(|r| r.doc()).collect();
        for (rule, _) in &self.rules {
            if !docs.iter().any(|d| d.name == rule.doc().name) {
                docs.push(rule.doc());
            }
        }
        docs.sort_by_key(|d| d.name);
        for d in &docs {
            for o in d.options {
                let value = self
                    .options
                    .get(&(d.name.to_owned(), o.name.to_owned()))
                    .copied()
                    .unwrap_or(o.default);
                out.push((format!("rules.{}.{}", d.name, o.name), value.to_string()));
            }
        }
        for d in &docs {
            let severity = self.severity(d.name).map_or("off", Severity::as_str);
            out.push((format!("rules.{}.severity", d.name), quoted(severity)));
        }
        out.into_iter()
            .map(|(key, value)| {
                let origin = self.origins.get(&key).cloned().unwrap_or(Origin::Default);
                (key, value, origin)
            })
            .collect()
    }

    /// Whether a rule these settings turn on reads `fact` (see [`rules::Rule::facts`]): a
    /// run provides only the facts its rules ask for.
    pub fn needs(&self, fact: rules::Fact) -> bool {
        self.rules.iter().any(|(r, _)| r.facts().contains(&fact))
    }

    /// The severity of a rule, `None` when it is off.
    pub fn severity(&self, name: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.doc().name == name)
            .map(|(_, s)| *s)
    }

    /// The prefilter over the phrase rules these settings turn on.
    pub fn prefilter(&self) -> crate::rules::phrase::Prefilter {
        crate::rules::phrase::Prefilter::new(self.rules.iter().map(|(r, _)| &**r))
    }
}

/// A config file's path as messages show it: relative to the current folder when it is below
/// it, as users typed paths.
fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| d.canonicalize().ok());
    let full = path
        .canonicalize()
        .ok()
        .or_else(|| Some(path.parent()?.canonicalize().ok()?.join(path.file_name()?)));
    let shown = match (&cwd, full) {
        (Some(cwd), Some(full)) => full
            .strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or(full),
        _ => path.to_path_buf(),
    };
    crate::source::display_path(&shown)
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
        let effective = s.effective();
        let origin = effective
            .iter()
            .find(|(k, _, _)| k == "rules.vague-action.severity")
            .unwrap();
        assert_eq!(origin.1, "\"error\"");
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

#[cfg(test)]
mod tracker_tests {
    use super::*;
    use crate::document::{Column, Tracker};

    fn parse(text: &str) -> Result<Settings, LocatedError> {
        Settings::parse("pml.toml", text, Path::new("."), Date::from_days(0))
    }

    #[test]
    fn trackers_are_read_and_checked() {
        let s = parse(
            "[trackers]\nforge = \"gitlab\"\njira-keys = [\"PLAT\"]\njira-url = \"https://acme.atlassian.net/\"\nholds = [\"owner\"]\n",
        )
        .unwrap();
        let t = &s.template.trackers;
        assert_eq!(t.forge, Tracker::GitLab);
        assert_eq!(t.jira_bases, ["acme.atlassian.net"]);
        assert_eq!(t.holds, [Column::Owner]);
        assert_eq!(t.keys().0, ["PLAT"]);
        let err = parse("[trackers]\njira-keys = [\"SEV 2\"]\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(
            err.message.contains("`SEV 2` is not a project key"),
            "{}",
            err.message
        );
        let err = parse("[trackers]\njira-url = \"jira\"\n").unwrap_err();
        assert!(err.message.contains("must be a URL"), "{}", err.message);
        let err = parse("[trackers]\nholds = [\"owners\"]\n").unwrap_err();
        assert_eq!(err.line, 2);
        // Without `[trackers]`, the tracker holds owner, due date and status.
        let d = parse("").unwrap();
        assert_eq!(
            d.template.trackers.holds,
            [Column::Owner, Column::Due, Column::Status]
        );
    }
}
