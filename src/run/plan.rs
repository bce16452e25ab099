//! Planning a run: the files to check in every mode, the settings of each, the warnings worth
//! giving, and when each action item was written (for `stale-action-item`).

use super::select::HistoryScope;
use super::{Content, Job, PREFILTER_FROM, Plan, Request, RunError};
use crate::check;
use crate::config::{Resolver, TreeConfigs};
use crate::confine::Boundary;
use crate::files;
use crate::git::{GitError, Repo};
use crate::located::LocatedError;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Whether a repository-relative path lies in a hidden folder, which a walk never enters.
fn hidden(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts.iter().any(|p| p.starts_with('.'))
}

/// Whether a repository-relative path is a postmortem candidate by its name.
fn by_name(path: &str) -> bool {
    files::is_candidate(path.rsplit('/').next().unwrap_or(""))
}

/// Whether a found path is never a postmortem: in a hidden folder, or a README, list page
/// or template by its name.
pub(super) fn left_out(path: &str) -> bool {
    hidden(path) || files::excluded_by_name(path.rsplit('/').next().unwrap_or(""))
}

/// Whether a walk of its folder would check the file at `path` (an editor's question about
/// the file it shows): not in a hidden folder, not a README, list page or template, and
/// selected by its name or an `include` glob of its config and not excluded.
pub fn walk_selects(
    resolver: &mut Resolver,
    repo: Option<&Repo>,
    path: &Path,
) -> Result<bool, LocatedError> {
    let relative = match repo.and_then(|r| r.relative(path)) {
        Some(rel) => rel.to_string_lossy().replace('\\', "/"),
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    if left_out(&relative) || files::is_list_page(path) {
        return Ok(false);
    }
    resolver.selects(path, by_name(&relative))
}

/// Jobs, with the settings of each file's config; the first config error is kept.
struct Planner<'a> {
    resolver: &'a mut Resolver,
    jobs: Vec<Job>,
    config_failure: Option<LocatedError>,
    /// Files without an extension that look like Markdown and were not checked.
    noted: Vec<String>,
    warnings: Vec<String>,
}

impl Planner<'_> {
    /// Whether a file found by a walk or by git is selected: by its name (`by_name`) and the
    /// config's include/exclude globs.
    fn selects(&mut self, full: &Path, by_name: bool) -> bool {
        match self.resolver.selects(full, by_name) {
            Ok(selected) => selected,
            Err(e) => {
                self.config_failure.get_or_insert(e);
                false
            }
        }
    }

    /// Adds a job for the file at `full`, found by git (`Some(by_name)`: then
    /// [`Self::selects`] decides) or chosen already (`None`).
    fn add(
        &mut self,
        full: &Path,
        display: String,
        content: Content,
        found: Option<bool>,
        changed: Option<BTreeSet<usize>>,
    ) {
        let Some(settings) = self.settings_for(full) else {
            return;
        };
        if found.is_none_or(|by_name| self.selects(full, by_name)) {
            self.jobs.push(Job {
                display,
                content,
                settings,
                changed,
            });
        }
    }

    /// Adds a job for the file at `full` on disk, chosen already.
    fn add_disk(&mut self, full: PathBuf, display: String) {
        if let Some(settings) = self.settings_for(&full) {
            self.jobs.push(Job {
                display,
                content: Content::Disk(full),
                settings,
                changed: None,
            });
        }
    }

    /// The settings of the file at `full`; `None` after a config error, which is kept.
    fn settings_for(&mut self, full: &Path) -> Option<usize> {
        self.resolver
            .index_for(full)
            .map_err(|e| self.config_failure.get_or_insert(e))
            .ok()
    }
}

/// Which files a run checks, each with its settings and what history says of it.
pub fn plan(args: &Request) -> Result<Plan, RunError> {
    let as_of = args.as_of;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    // The repository is found from the first path that exists: a missing one is reported as
    // in any run, and the others are still checked.
    let anchor = args
        .stdin
        .as_ref()
        .and_then(|(name, _)| name.parent().filter(|p| exists(p)).map(Path::to_path_buf))
        .or_else(|| paths.iter().find(|p| exists(p)).cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let git_mode = (args.staged || args.diff_base.is_some()).then_some(if args.staged {
        "--staged"
    } else {
        "--diff-base"
    });
    // A bare repository has no files to check: checking nothing there and passing would be a
    // green check that looked at nothing.
    let repo = match Repo::find(&anchor) {
        Ok(repo) => repo,
        Err(GitError::Bare(_)) => {
            return Err(GitError::Bare(git_mode.unwrap_or("check")).into());
        }
        Err(_) => None,
    };
    let mut resolver = match &args.config_from {
        None if args.isolated => Resolver::isolated(as_of),
        Some(reference) => {
            let Some(repo) = &repo else {
                return Err(GitError::NotARepository("--config-from").into());
            };
            let tree = TreeConfigs::new(
                repo.workdir().to_path_buf(),
                Box::new(repo.snapshot(reference)?),
            );
            Resolver::from_tree(tree, as_of)
        }
        None => Resolver::new(args.config.as_deref(), as_of)?,
    };
    let boundary = repo.as_ref().and_then(|r| Boundary::new(r.workdir()));
    let admits = |p: &Path| boundary.as_ref().is_some_and(|b| b.admits(p));
    let mut path_errors = Vec::new();
    let mut planner = Planner {
        resolver: &mut resolver,
        jobs: Vec::new(),
        config_failure: None,
        noted: Vec::new(),
        warnings: Vec::new(),
    };

    if let Some((name, bytes)) = &args.stdin {
        // A buffer piped in: configured as the file it is named after would be, checked
        // whatever that name is.
        let full = std::path::absolute(name).unwrap_or_else(|_| name.clone());
        let display = crate::source::display_path(name);
        planner.add(&full, display, Content::Blob(bytes.clone()), None, None);
    } else if let Some(flag) = git_mode {
        let Some(repo) = &repo else {
            return Err(GitError::NotARepository(flag).into());
        };
        // Only the paths named (repository-relative prefixes), or all of the repository.
        let mut prefixes = Vec::new();
        for p in &args.paths {
            match repo.relative(p).filter(|_| exists(p)) {
                Some(rel) => prefixes.push(rel.to_string_lossy().replace('\\', "/")),
                None => path_errors.push(files::PathError::NotFound {
                    path: crate::source::display_path(p),
                }),
            }
        }
        // When every path named is missing there is nothing to check; the run fails below.
        let all_missing = prefixes.is_empty() && !args.paths.is_empty();
        let named = |path: &str| {
            !all_missing && prefixes.is_empty()
                || prefixes
                    .iter()
                    .any(|p| p.is_empty() || path == p || path.starts_with(&format!("{p}/")))
        };
        if args.staged {
            for blob in repo.staged()? {
                if left_out(&blob.path) || !named(&blob.path) {
                    continue;
                }
                let full = repo.workdir().join(&blob.path);
                if files::is_list_page(&full) {
                    continue;
                }
                let display = repo.shown(&blob.path);
                let found = Some(by_name(&blob.path));
                let content = if blob.link {
                    // Staged, a link is its target's path: never Markdown. One that leaves
                    // the repository is reported; one inside it stands for a file checked on
                    // its own path.
                    let target = String::from_utf8_lossy(&blob.bytes).into_owned();
                    let folder = full.parent().unwrap_or(repo.workdir()).to_path_buf();
                    match boundary.as_ref().and_then(|b| b.resolve(&folder, &target)) {
                        Some(_) => continue,
                        None => Content::LinkOut,
                    }
                } else if blob.unmerged {
                    if full.is_symlink() && !admits(&full) {
                        Content::LinkOut
                    } else {
                        Content::Unmerged(full.clone())
                    }
                } else {
                    Content::Blob(blob.bytes)
                };
                planner.add(&full, display, content, found, None);
            }
        } else if let Some(reference) = &args.diff_base {
            for changed in repo.changed_since(reference)? {
                if left_out(&changed.path) || !named(&changed.path) {
                    continue;
                }
                let full = repo.workdir().join(&changed.path);
                if files::is_list_page(&full) {
                    continue;
                }
                let found = Some(by_name(&changed.path));
                let content = if full.is_symlink() {
                    if admits(&full) {
                        continue;
                    }
                    Content::LinkOut
                } else {
                    Content::Disk(full.clone())
                };
                let lines = args.changed_lines_only.then_some(changed.lines);
                planner.add(&full, repo.shown(&changed.path), content, found, lines);
            }
        }
    } else {
        for path in &paths {
            let inside = repo
                .as_ref()
                .and_then(|r| r.relative(path).map(|rel| (r, rel)))
                .filter(|_| exists(path));
            let Some((repo, rel)) = inside else {
                walk_outside_git(path, &mut planner, &mut path_errors);
                continue;
            };
            let shown = repo.shown(&rel.to_string_lossy().replace('\\', "/"));
            if !admits(path) {
                planner.add(path, shown, Content::LinkOut, None, None);
                continue;
            }
            if path.is_dir() {
                // Git lists what is under the folder itself, not under the link to it.
                let folder = path
                    .canonicalize()
                    .ok()
                    .and_then(|real| {
                        real.strip_prefix(repo.workdir())
                            .ok()
                            .map(Path::to_path_buf)
                    })
                    .unwrap_or(rel);
                let listing = repo.files_under(&folder)?;
                for sub in &listing.absent_submodules {
                    planner.warnings.push(format!(
                        "{}: a submodule that is not checked out: not checked",
                        repo.shown(sub)
                    ));
                }
                let mut selected = Vec::new();
                for file in listing.files.into_iter().filter(|f| !left_out(f)) {
                    let full = repo.workdir().join(&file);
                    let candidate = by_name(&file);
                    if planner.selects(&full, candidate) {
                        selected.push(file);
                    } else if !candidate && files::looks_like_markdown(&full) {
                        planner.noted.push(repo.shown(&file));
                    }
                }
                files::drop_list_pages(&mut selected, String::as_str);
                for file in selected {
                    let full = repo.workdir().join(&file);
                    if full.is_symlink() && !admits(&full) {
                        planner.add(&full, repo.shown(&file), Content::LinkOut, None, None);
                    } else {
                        planner.add_disk(full, repo.shown(&file));
                    }
                }
            } else {
                planner.add(path, shown, Content::Disk(path.clone()), None, None);
            }
        }
    }
    let Planner {
        mut jobs,
        config_failure,
        noted,
        mut warnings,
        ..
    } = planner;
    if let Some(e) = config_failure {
        return Err(e.into());
    }
    if git_mode.is_none() {
        if jobs.is_empty() {
            let named: Vec<String> = paths
                .iter()
                .filter(|p| exists(p))
                .map(|p| format!("`{}`", crate::source::display_path(p)))
                .collect();
            if !named.is_empty() {
                warnings.push(format!(
                    "no postmortem found in {}: folders are walked for Markdown files (README, list pages and templates are skipped); name files with `include` in the config",
                    named.join(", ")
                ));
            }
        }
        // Globs select among the files of a folder walked; a file named is checked whatever
        // they say, so naming only files tells nothing about them.
        if paths.iter().any(|p| p.is_dir()) {
            for (config, glob) in resolver.unmatched_includes() {
                warnings.push(format!("{config}: include glob `{glob}` matches no file"));
            }
        }
    }
    jobs.sort_by(|a, b| a.display.cmp(&b.display));
    jobs.dedup_by(|a, b| a.display == b.display);
    let mut written: HashMap<String, check::Written> = HashMap::new();
    if let Some(repo) = &repo
        && !args.no_history
    {
        let reads_history = {
            let mut settings: Vec<usize> = jobs.iter().map(|j| j.settings).collect();
            settings.sort_unstable();
            settings.dedup();
            settings
                .iter()
                .any(|&s| resolver.get(s).needs(crate::rules::Fact::History))
        };
        if reads_history {
            // The same history `report` reads: the selected files, under their earlier names.
            let named: Vec<String> = args
                .paths
                .iter()
                .filter_map(|p| super::select::relative(repo, p))
                .collect();
            let scope = HistoryScope::new(&jobs, repo, &named);
            written = scope.written(repo, &mut resolver, false);
        }
    }
    let config_changes = match (&repo, &args.diff_base) {
        // With --isolated no config governs the run: what a diff does to them changes nothing.
        (Some(repo), Some(reference)) if !args.staged && !args.isolated => {
            super::configs::changes(repo, reference)?
        }
        _ => Vec::new(),
    };
    let prefilters = (0..resolver.len()).map(|_| OnceLock::new()).collect();
    let use_prefilter = jobs.len() >= PREFILTER_FROM;
    Ok(Plan {
        jobs,
        resolver,
        path_errors,
        written,
        history_repo: repo.filter(|_| !args.no_history).map(Mutex::new),
        authors: OnceLock::new(),
        prefilters,
        use_prefilter,
        noted,
        warnings,
        config_changes,
        fix: None,
    })
}

/// Outside a repository: walk the folder (or take the file), honouring `.gitignore` files.
fn walk_outside_git(
    path: &Path,
    planner: &mut Planner<'_>,
    path_errors: &mut Vec<files::PathError>,
) {
    let failure = std::cell::RefCell::new(None);
    let collected = {
        let resolver = std::cell::RefCell::new(&mut *planner.resolver);
        let select = |p: &Path, by_name: bool| match resolver.borrow_mut().selects(p, by_name) {
            Ok(selected) => selected,
            Err(e) => {
                failure.borrow_mut().get_or_insert(e);
                false
            }
        };
        files::collect(std::slice::from_ref(&path.to_path_buf()), &select)
    };
    if let Some(e) = failure.into_inner() {
        planner.config_failure.get_or_insert(e);
        return;
    }
    planner.jobs.reserve(collected.targets.len());
    for target in collected.targets {
        planner.add_disk(target.path, target.display);
    }
    for display in collected.refused {
        planner.add(
            Path::new(&display),
            display.clone(),
            Content::LinkOut,
            None,
            None,
        );
    }
    for display in collected.loops {
        planner
            .warnings
            .push(format!("{display}: symbolic link loop, not followed"));
    }
    for (display, reason) in collected.unwalkable {
        let content = Content::Unwalkable(reason);
        planner.add(Path::new(&display), display.clone(), content, None, None);
    }
    planner.noted.extend(collected.noted);
    path_errors.extend(collected.errors);
}
