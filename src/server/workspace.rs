//! What the server knows of the files it is shown: the configs that govern them (discovered
//! as `check` discovers them), their repositories, and what git history tells the rules.

use crate::check::{self, RunFacts, Written};
use crate::config::Resolver;
use crate::diagnostic::FileFindings;
use crate::document::{Date, Template};
use crate::git::Repo;
use crate::located::LocatedError;
use crate::rules::RuleDoc;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The result of checking one open document.
pub enum Outcome {
    /// The findings, and the template and date order the document was read with.
    Checked {
        report: FileFindings,
        template: Template,
        day_first: bool,
    },
    /// `check` would not check this file (a README, a template, excluded by the config…).
    NotSelected,
    /// The config that governs the file is broken: the error belongs on the config file.
    BadConfig(LocatedError),
}

/// A repository and what the rules read from it, read once.
struct RepoFacts {
    repo: Repo,
    /// Commit authors, read on the first check that needs them (`blamed-person`).
    authors: Option<Vec<String>>,
    /// When each action item was written, per file as shown (`stale-action-item`).
    written: HashMap<String, Written>,
}

pub struct Workspace {
    config: Option<PathBuf>,
    as_of: Option<Date>,
    resolver: Option<Resolver>,
    /// Repositories by working tree, and the repository of each folder seen (`None`: none).
    repos: HashMap<PathBuf, RepoFacts>,
    repo_of: HashMap<PathBuf, Option<PathBuf>>,
    /// For each folder of a checked file, the config that governs it as last seen on disk
    /// (path, modification time, length): a change means the configs must be read again.
    configs_seen: HashMap<PathBuf, ConfigStamp>,
}

/// A config file as seen on disk; `None`: no config governs the folder.
type ConfigStamp = Option<(PathBuf, Option<std::time::SystemTime>, u64)>;

fn stamp(config: Option<PathBuf>) -> ConfigStamp {
    config.map(|path| {
        let meta = std::fs::metadata(&path).ok();
        let modified = meta.as_ref().and_then(|m| m.modified().ok());
        let len = meta.map_or(0, |m| m.len());
        (path, modified, len)
    })
}

impl Workspace {
    pub fn new(config: Option<PathBuf>, as_of: Option<Date>) -> Self {
        Workspace {
            config,
            as_of,
            resolver: None,
            repos: HashMap::new(),
            repo_of: HashMap::new(),
            configs_seen: HashMap::new(),
        }
    }

    /// The config that governs files in `dir`, as it is on disk now.
    fn config_stamp(&self, dir: &Path) -> ConfigStamp {
        match &self.config {
            Some(explicit) => stamp(Some(explicit.clone())),
            None => stamp(crate::config::discover(dir)),
        }
    }

    /// Whether a config that governs a checked file was written, created or removed since it
    /// was read (editors do not tell a Markdown server about TOML files: it looks).
    pub fn configs_changed(&mut self) -> bool {
        let mut changed = false;
        let dirs: Vec<PathBuf> = self.configs_seen.keys().cloned().collect();
        for dir in dirs {
            let now = self.config_stamp(&dir);
            if self.configs_seen.get(&dir) != Some(&now) {
                self.configs_seen.insert(dir, now);
                changed = true;
            }
        }
        changed
    }

    /// Forgets every config read (one was saved): the next check reads them again.
    pub fn reload_configs(&mut self) {
        self.resolver = None;
    }

    /// Forgets what history said of a file (it was saved, perhaps committed).
    pub fn forget_history(&mut self) {
        for facts in self.repos.values_mut() {
            facts.written.clear();
        }
    }

    /// Every rule the loaded configs know, the teams' own included.
    pub fn rule_docs(&self) -> Vec<&'static RuleDoc> {
        match &self.resolver {
            Some(resolver) => resolver.rule_docs(),
            None => crate::rules::registry().iter().map(|r| r.doc()).collect(),
        }
    }

    fn resolver(&mut self) -> Result<&mut Resolver, LocatedError> {
        if self.resolver.is_none() {
            self.resolver = Some(Resolver::new(self.config.as_deref(), self.as_of)?);
        }
        // Set just above when it was not.
        self.resolver.as_mut().ok_or_else(|| LocatedError {
            path: String::new(),
            line: 1,
            column: 1,
            message: "no configuration".into(),
            help: None,
        })
    }

    /// The working tree of the repository holding `path`, opened on first use.
    fn repo_key(&mut self, path: &Path) -> Option<PathBuf> {
        let dir = path.parent()?.to_path_buf();
        if let Some(known) = self.repo_of.get(&dir) {
            return known.clone();
        }
        let key = Repo::find(path).ok().flatten().map(|repo| {
            let key = repo.workdir().to_path_buf();
            self.repos.entry(key.clone()).or_insert(RepoFacts {
                repo,
                authors: None,
                written: HashMap::new(),
            });
            key
        });
        self.repo_of.insert(dir, key.clone());
        key
    }

    /// Checks `text`, the editor's content of the file at `path`, as `check` would check the
    /// file: its config, its suppressions, and its repository's history.
    pub fn check(&mut self, path: &Path, text: &str) -> Outcome {
        if let Some(dir) = path.parent()
            && !self.configs_seen.contains_key(dir)
        {
            let now = self.config_stamp(dir);
            self.configs_seen.insert(dir.to_path_buf(), now);
        }
        let key = self.repo_key(path);
        if let Err(e) = self.resolver() {
            return Outcome::BadConfig(e);
        }
        let Workspace {
            resolver, repos, ..
        } = self;
        let Some(resolver) = resolver.as_mut() else {
            return Outcome::NotSelected;
        };
        let facts = key.as_ref().and_then(|k| repos.get_mut(k));
        let repo = facts.as_ref().map(|f| &f.repo);
        match crate::run::walk_selects(resolver, repo, path) {
            Ok(true) => {}
            Ok(false) => return Outcome::NotSelected,
            Err(e) => return Outcome::BadConfig(e),
        }
        let index = match resolver.index_for(path) {
            Ok(index) => index,
            Err(e) => return Outcome::BadConfig(e),
        };
        let display = match repo.and_then(|r| r.relative(path).map(|rel| (r, rel))) {
            Some((r, rel)) => r.shown(&rel.to_string_lossy().replace('\\', "/")),
            None => crate::source::display_path(path),
        };
        let mut facts = facts;
        if let Some(facts) = facts.as_deref_mut()
            && resolver.get(index).needs(crate::rules::Fact::History)
            && !facts.written.contains_key(&display)
        {
            // The history `check` and `report` read, for this file alone.
            let scope = crate::run::select::HistoryScope::of_file(
                facts.repo.unshown(&display).unwrap_or(&display),
                index,
            );
            // One file: every version read, so that an edited buffer keeps its items' dates.
            let written = scope.written(&facts.repo, resolver, true);
            facts.written.insert(
                display.clone(),
                written.into_values().next().unwrap_or_default(),
            );
        }
        let settings = resolver.get(index);
        let checked = |report| Outcome::Checked {
            report,
            template: settings.template.clone(),
            day_first: settings.day_first,
        };
        let Some(facts) = facts else {
            return checked(check::check_bytes_with(
                &display,
                text.as_bytes(),
                settings,
                RunFacts::default(),
            ));
        };
        if settings.needs(crate::rules::Fact::Authors) && facts.authors.is_none() {
            facts.authors = Some(facts.repo.authors(crate::run::AUTHOR_COMMITS));
        }
        let names = facts.authors.as_deref().unwrap_or_default();
        let authors = |visit: &mut dyn FnMut(&str)| names.iter().for_each(|n| visit(n));
        checked(check::check_bytes_with(
            &display,
            text.as_bytes(),
            settings,
            RunFacts {
                written: facts.written.get(&display),
                read_blob: None,
                authors: Some(&authors),
                prefilter: None,
            },
        ))
    }
}
