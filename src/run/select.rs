//! Which paths of git history are the postmortems a run selected: one answer for `check`'s
//! history facts and for `report`, so that both read the same files, and the same past names
//! of each.
//!
//! The files themselves are selected once, by [`super::plan`] (the walk or git listing, the
//! names, the config's include and exclude globs, list pages and templates). History adds
//! what the working tree no longer holds: a postmortem's name before a rename, and a
//! postmortem since deleted. Those are judged by name and by the globs, as a walk would have
//! judged them when they were there.

use super::{Content, Job};
use crate::check::Written;
use crate::config::Resolver;
use crate::document::Template;
use crate::git::Repo;
use crate::report::{History, Postmortem};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The history a run reads: the folders to walk and the paths in them that are wanted.
pub struct HistoryScope {
    /// Repository-relative folders ("" for the root), each read once.
    pub folders: Vec<String>,
    /// The selected files, repository-relative, each with the index of its settings.
    selected: HashMap<String, usize>,
    /// The paths named on the command line, repository-relative: folders, or files.
    named: Vec<String>,
}

impl HistoryScope {
    /// The scope of the files selected in `repo` (`jobs`), for the paths named (`named`,
    /// repository-relative, empty for the whole repository).
    pub fn new(jobs: &[Job], repo: &Repo, named: &[String]) -> HistoryScope {
        let selected: HashMap<String, usize> = jobs
            .iter()
            .filter(|j| matches!(j.content, Content::Disk(_) | Content::Blob(_)))
            .filter_map(|j| Some((repo.unshown(&j.display)?.to_owned(), j.settings)))
            .collect();
        let mut folders: Vec<String> = selected
            .keys()
            .map(|p| p.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned())
            .chain(
                named
                    .iter()
                    .filter(|n| repo.workdir().join(n).is_dir())
                    .cloned(),
            )
            .collect();
        folders.sort();
        folders.dedup();
        HistoryScope {
            folders,
            selected,
            named: named.to_vec(),
        }
    }

    /// The scope of one file, repository-relative (an editor's buffer), read with the
    /// settings of index `settings`.
    pub fn of_file(path: &str, settings: usize) -> HistoryScope {
        HistoryScope {
            folders: vec![path.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned()],
            selected: HashMap::from([(path.to_owned(), settings)]),
            named: vec![path.to_owned()],
        }
    }

    /// When each action item of the selected files was written (`stale-action-item`), per
    /// file as shown: from the history `report` reads, renames followed. Empty in a shallow
    /// clone or when history cannot be read (the rule then has no dates to judge by). Unless
    /// `every_version`, a file of one version is not read from history: its day is kept with
    /// its blob id (see [`Written::whole`]), which is all `check` needs of it.
    pub fn written(
        &self,
        repo: &Repo,
        resolver: &mut Resolver,
        every_version: bool,
    ) -> HashMap<String, Written> {
        let templates = self.templates(resolver);
        let template = |path: &str| templates.of(path);
        let cell = RefCell::new(resolver);
        let wanted = |path: &str| self.wants(repo, &cell, path);
        let mut written: HashMap<String, Written> = HashMap::new();
        let read = if every_version {
            History::from_git(repo, &self.folders, &wanted, &template, None)
                .map(|h| h.map(|h| (h, Vec::new())))
        } else {
            History::dates_from_git(repo, &self.folders, &wanted, &template)
        };
        if let Ok(Some((history, unchanged))) = read {
            for item in history.items {
                if let Some(added) = item.added
                    && self.selected.contains_key(&item.postmortem)
                {
                    written
                        .entry(repo.shown(&item.postmortem))
                        .or_default()
                        .items
                        .insert(item.id, added);
                }
            }
            for file in unchanged {
                if self.selected.contains_key(&file.path) {
                    written.entry(repo.shown(&file.path)).or_default().whole =
                        Some((file.blob, file.day));
                }
            }
        }
        written
    }

    /// Whether the repository-relative `path` met in history may be one of the postmortems:
    /// a file selected now, or a path the working tree no longer holds, in a folder read,
    /// that a walk would have selected by its name and the config's globs (a postmortem's
    /// name before a rename, or one deleted since).
    pub fn wants(&self, repo: &Repo, resolver: &RefCell<&mut Resolver>, path: &str) -> bool {
        if self.selected.contains_key(path) {
            return true;
        }
        let full = repo.workdir().join(path);
        // On disk and not selected: `check` decided it is no postmortem.
        if std::fs::symlink_metadata(&full).is_ok() {
            return false;
        }
        let name = path.rsplit('/').next().unwrap_or("");
        self.folders
            .iter()
            .any(|f| f.is_empty() || path.starts_with(&format!("{f}/")))
            && !super::plan::left_out(path)
            && resolver
                .borrow_mut()
                .selects(&full, crate::files::is_candidate(name))
                .unwrap_or(false)
    }

    /// The templates the files are read with along history: each selected file's config's;
    /// a path not selected now (a name before a rename, a file since deleted) is read with
    /// the template most selected files use.
    pub fn templates(&self, resolver: &Resolver) -> Templates {
        let mut uses: HashMap<usize, usize> = HashMap::new();
        for &settings in self.selected.values() {
            *uses.entry(settings).or_default() += 1;
        }
        let most = uses
            .iter()
            .max_by_key(|(settings, n)| (**n, std::cmp::Reverse(**settings)))
            .map_or(0, |(settings, _)| *settings);
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut templates = Vec::new();
        for settings in std::iter::once(most).chain(uses.keys().copied()) {
            index.entry(settings).or_insert_with(|| {
                templates.push(resolver.get(settings).template.clone());
                templates.len() - 1
            });
        }
        Templates {
            of_path: self
                .selected
                .iter()
                .map(|(path, settings)| (path.clone(), index[settings]))
                .collect(),
            templates,
        }
    }

    /// Keeps the postmortems of `history` that were asked for: those selected now, those
    /// deleted since from the folders named (a file named alone is only itself), and, in a
    /// history read up to an earlier day, those that were there then under a name they
    /// have since left (moved or renamed after that day: history read them as the selected
    /// files' earlier names).
    pub fn keep(&self, repo: &Repo, history: &mut History) {
        let asked = |pm: &Postmortem| {
            self.selected.contains_key(&pm.path)
                || pm.deleted
                    && self
                        .named
                        .iter()
                        .any(|n| n.is_empty() || pm.path.starts_with(&format!("{n}/")))
                || !pm.deleted
                    && self.named.iter().all(|n| !self.selected.contains_key(n))
                    && std::fs::symlink_metadata(repo.workdir().join(&pm.path)).is_err()
        };
        let kept: HashSet<String> = history
            .postmortems
            .iter()
            .filter(|pm| asked(pm))
            .map(|pm| pm.path.clone())
            .collect();
        history.postmortems.retain(|pm| kept.contains(&pm.path));
        history.items.retain(|i| kept.contains(&i.postmortem));
    }
}

/// The template of each path along history (see [`HistoryScope::templates`]).
pub struct Templates {
    of_path: HashMap<String, usize>,
    /// The first is the one for paths not selected now.
    templates: Vec<Template>,
}

impl Templates {
    pub fn of(&self, path: &str) -> &Template {
        &self.templates[self.of_path.get(path).copied().unwrap_or(0)]
    }
}

/// `path` relative to the repository, as the selected files are named in history.
pub fn relative(repo: &Repo, path: &Path) -> Option<String> {
    repo.relative(path)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .map(|r| if r == "." { String::new() } else { r })
}
