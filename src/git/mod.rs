//! The only module that touches git: through libgit2, never by running `git`, so that a
//! repository's hooks and config commands never execute through us. It answers which files
//! exist (tracked or untracked but not ignored), what is staged, what changed since a base,
//! and who wrote the history. `history` walks the history of the postmortem folders.

use git2::{Delta, DiffOptions, Repository, Sort};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// What git could not do, with what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("`{reference}` does not name a commit in this repository ({message})")]
    BadRef { reference: String, message: String },
    #[error(
        "no merge base between `{reference}` and HEAD{}: fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)",
        if *.shallow { " in this shallow clone" } else { "" }
    )]
    NoMergeBase { reference: String, shallow: bool },
    #[error("not inside a git repository: {0} needs one")]
    NotARepository(&'static str),
    #[error(
        "{0} needs a working tree, and this is a bare repository: run it in a clone with a checkout (`git clone` it, or `git worktree add` a checkout of it)"
    )]
    Bare(&'static str),
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// A repository with a working tree.
pub struct Repo {
    repo: Repository,
    workdir: PathBuf,
    /// Inside a submodule: its path in the superproject, with a trailing `/`, so that paths
    /// are shown as the superproject (and a pull request on it) knows them.
    shown_under: String,
}

/// A file with content taken from git (the index), not from the working tree.
pub struct Blob {
    /// Relative to the repository root, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
    /// A symbolic link: `bytes` is the target path, never Markdown.
    pub link: bool,
    /// An unmerged entry (a conflict being resolved): `bytes` is empty; the working tree
    /// holds the file with its conflict markers.
    pub unmerged: bool,
}

/// What a folder of the working tree holds, as git sees it.
#[derive(Debug, Default)]
pub struct Listing {
    /// Repository-relative paths of the files that exist, sorted.
    pub files: Vec<String>,
    /// Submodules that are not checked out, so nothing in them is checked.
    pub absent_submodules: Vec<String>,
}

const LINK_MODE: u32 = 0o120000;
const GITLINK_MODE: u32 = 0o160000;

/// A file that differs from a base, with the lines added or modified since (1-based, in the
/// new text).
pub struct Changed {
    pub path: String,
    pub lines: BTreeSet<usize>,
}

impl Repo {
    /// The repository that contains `path`, if any. It is found from the path as written,
    /// without following a symbolic link at its end, so a link cannot lead to another
    /// repository.
    pub fn discover(path: &Path) -> Option<Repo> {
        Repo::find(path).ok().flatten()
    }

    /// As [`Repo::discover`], telling a bare repository (no working tree to check) apart.
    pub fn find(path: &Path) -> Result<Option<Repo>, GitError> {
        // We only read, and git verified every object when it was written: re-hashing each one
        // on every read was an eighth of the report's time.
        static READ_ONLY: std::sync::Once = std::sync::Once::new();
        READ_ONLY.call_once(|| {
            git2::opts::strict_hash_verification(false);
            git2::opts::enable_caching(false);
        });
        let start = if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
            path.to_path_buf()
        } else {
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        };
        let Some(root) = crate::confine::repository_root(&start) else {
            return match Repository::discover(&start) {
                Ok(r) if r.is_bare() => Err(GitError::Bare("this command")),
                _ => Ok(None),
            };
        };
        let Ok(repo) = Repository::open(&root) else {
            return Ok(None);
        };
        let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
            return Err(GitError::Bare("this command"));
        };
        let shown_under = superproject_path(&workdir).unwrap_or_default();
        Ok(Some(Repo {
            repo,
            workdir,
            shown_under,
        }))
    }

    /// A repository-relative path as the user sees it: from the superproject when this is a
    /// submodule.
    pub fn shown(&self, relative: &str) -> String {
        format!("{}{relative}", self.shown_under)
    }

    /// The repository-relative path of a path as [`Repo::shown`] shows it.
    pub fn unshown<'p>(&self, shown: &'p str) -> Option<&'p str> {
        shown.strip_prefix(self.shown_under.as_str())
    }

    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// `path` relative to the repository root, when it is inside it as written (links in it
    /// are not followed: whether it may be read is [`crate::confine::Boundary`]'s question).
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        let lexical = crate::confine::lexical(&std::env::current_dir().ok()?.join(path))?;
        if let Ok(rel) = lexical.strip_prefix(&self.workdir) {
            return Some(rel.to_path_buf());
        }
        // The repository reached through a link (a temporary folder on macOS): resolve all but
        // the last component.
        let parent = lexical.parent()?.canonicalize().ok()?;
        let full = match lexical.file_name() {
            Some(name) => parent.join(name),
            None => parent,
        };
        full.strip_prefix(&self.workdir).ok().map(Path::to_path_buf)
    }

    /// Whether git ignores a path relative to the repository root.
    pub fn is_ignored(&self, relative: &Path) -> bool {
        !relative.as_os_str().is_empty() && self.repo.is_path_ignored(relative).unwrap_or(false)
    }

    /// Tracked files and untracked files that are not ignored, under a folder relative to the
    /// root (empty for all), that exist in the working tree, sorted. Checked-out submodules
    /// are descended into; their files are given with the submodule's path in front.
    pub fn files_under(&self, folder: &Path) -> Result<Listing, GitError> {
        let prefix = slash_path(folder);
        let under =
            |p: &str| prefix.is_empty() || p == prefix || p.starts_with(&format!("{prefix}/"));
        let mut files = BTreeSet::new();
        let mut listing = Listing::default();
        let index = self.repo.index()?;
        for entry in index.iter() {
            let path = String::from_utf8_lossy(&entry.path).into_owned();
            if entry.mode == GITLINK_MODE {
                // The submodule holds the folder asked for, or lies inside it.
                let inside = under(&path);
                let holds = prefix.starts_with(&format!("{path}/"));
                if !inside && !holds {
                    continue;
                }
                let sub = Repository::open(self.workdir.join(&path))
                    .ok()
                    .and_then(|r| {
                        let workdir = r.workdir()?.canonicalize().ok()?;
                        Some(Repo {
                            repo: r,
                            workdir,
                            shown_under: String::new(),
                        })
                    });
                let Some(sub) = sub else {
                    listing.absent_submodules.push(path);
                    continue;
                };
                let rest = if holds {
                    prefix[path.len() + 1..].to_owned()
                } else {
                    String::new()
                };
                let inner = sub.files_under(Path::new(&rest))?;
                files.extend(inner.files.into_iter().map(|f| format!("{path}/{f}")));
                listing.absent_submodules.extend(
                    inner
                        .absent_submodules
                        .into_iter()
                        .map(|f| format!("{path}/{f}")),
                );
                continue;
            }
            if under(&path) {
                files.insert(path);
            }
        }
        let mut options = git2::StatusOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .include_ignored(false)
            .exclude_submodules(true);
        if !prefix.is_empty() {
            options.pathspec(&prefix);
        }
        for status in self.repo.statuses(Some(&mut options))?.iter() {
            if status.status().contains(git2::Status::WT_NEW)
                && let Ok(path) = status.path()
                && under(path)
            {
                files.insert(path.to_owned());
            }
        }
        // A link is listed whatever it points at: the caller decides whether it may be read.
        listing.files = files
            .into_iter()
            .filter(|p| {
                let full = self.workdir.join(p);
                full.is_file() || full.is_symlink()
            })
            .collect();
        Ok(listing)
    }

    /// The staged content of every file added, modified or renamed in the index against HEAD
    /// (deleted files are left out).
    pub fn staged(&self) -> Result<Vec<Blob>, GitError> {
        let head = self.repo.head().ok().and_then(|h| h.peel_to_tree().ok());
        let index = self.repo.index()?;
        let mut options = DiffOptions::new();
        options.include_typechange(true);
        let mut diff =
            self.repo
                .diff_tree_to_index(head.as_ref(), Some(&index), Some(&mut options))?;
        diff.find_similar(None)?;
        let mut out = Vec::new();
        let mut unmerged = BTreeSet::new();
        if index.has_conflicts() {
            for conflict in index.conflicts()? {
                let conflict = conflict?;
                if let Some(entry) = conflict.our.or(conflict.their).or(conflict.ancestor) {
                    unmerged.insert(String::from_utf8_lossy(&entry.path).into_owned());
                }
            }
        }
        for path in &unmerged {
            out.push(Blob {
                path: path.clone(),
                bytes: Vec::new(),
                link: false,
                unmerged: true,
            });
        }
        for delta in diff.deltas() {
            if !matches!(
                delta.status(),
                Delta::Added | Delta::Modified | Delta::Renamed | Delta::Copied | Delta::Typechange
            ) {
                continue;
            }
            let file = delta.new_file();
            let Some(path) = file.path() else { continue };
            if unmerged.contains(&slash_path(path)) {
                continue;
            }
            let blob = self.repo.find_blob(file.id())?;
            out.push(Blob {
                path: slash_path(path),
                bytes: blob.content().to_vec(),
                link: u32::from(file.mode()) == LINK_MODE,
                unmerged: false,
            });
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// The commit `reference` names.
    pub(crate) fn commit(&self, reference: &str) -> Result<git2::Commit<'_>, GitError> {
        self.repo
            .revparse_single(reference)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| GitError::BadRef {
                reference: reference.to_owned(),
                message: e.message().to_owned(),
            })
    }

    /// The merge base of `reference` and HEAD: what a pull request on `reference` changes is
    /// measured from there (`--diff-base`, and the configs a change edits).
    pub(crate) fn merge_base(&self, reference: &str) -> Result<git2::Commit<'_>, GitError> {
        let base = self.commit(reference)?;
        let head = self.repo.head()?.peel_to_commit()?;
        let merge_base =
            self.repo
                .merge_base(base.id(), head.id())
                .map_err(|_| GitError::NoMergeBase {
                    reference: reference.to_owned(),
                    shallow: self.repo.is_shallow(),
                })?;
        Ok(self.repo.find_commit(merge_base)?)
    }

    /// Files that differ between the merge base of `reference` and HEAD, and the working tree
    /// (untracked files included), with their added and modified lines. Deleted files are
    /// left out; renamed files count with their new path.
    pub fn changed_since(&self, reference: &str) -> Result<Vec<Changed>, GitError> {
        let tree = self.merge_base(reference)?.tree()?;
        let mut options = DiffOptions::new();
        options
            .include_untracked(true)
            .recurse_untracked_dirs(true)
            .show_untracked_content(true)
            .context_lines(0);
        let mut diff = self
            .repo
            .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))?;
        diff.find_similar(Some(
            git2::DiffFindOptions::new()
                .renames(true)
                .for_untracked(true),
        ))?;
        let changed: std::cell::RefCell<BTreeMap<String, BTreeSet<usize>>> = Default::default();
        diff.foreach(
            &mut |delta, _| {
                if !matches!(
                    delta.status(),
                    Delta::Deleted | Delta::Unmodified | Delta::Ignored | Delta::Unreadable
                ) && let Some(path) = delta.new_file().path()
                {
                    changed.borrow_mut().entry(slash_path(path)).or_default();
                }
                true
            },
            None,
            None,
            Some(&mut |delta, _hunk, line| {
                if line.origin() == '+'
                    && let (Some(path), Some(number)) = (delta.new_file().path(), line.new_lineno())
                {
                    changed
                        .borrow_mut()
                        .entry(slash_path(path))
                        .or_default()
                        .insert(number as usize);
                }
                true
            }),
        )?;
        Ok(changed
            .into_inner()
            .into_iter()
            .map(|(path, lines)| Changed { path, lines })
            .collect())
    }

    /// The URL of the `origin` remote, if there is one (`report --tracker github` reads the
    /// repository's name from it).
    pub fn origin_url(&self) -> Option<String> {
        let remote = self.repo.find_remote("origin").ok()?;
        remote.url().ok().map(str::to_owned)
    }

    /// The repository's git folder (`.git`, or a worktree's own), where a cache may live.
    pub fn git_dir(&self) -> &Path {
        self.repo.path()
    }

    /// The names of the authors of the last `limit` commits on HEAD, as `.mailmap` maps them.
    pub fn authors(&self, limit: usize) -> Vec<String> {
        let Ok(mut walk) = self.repo.revwalk() else {
            return Vec::new();
        };
        if walk.push_head().is_err() || walk.set_sorting(Sort::TIME).is_err() {
            return Vec::new();
        }
        let mailmap = self.repo.mailmap().ok();
        let mut names = HashSet::new();
        for oid in walk.take(limit).flatten() {
            let Ok(commit) = self.repo.find_commit(oid) else {
                continue;
            };
            let author = commit.author();
            let resolved = mailmap
                .as_ref()
                .and_then(|m| m.resolve_signature(&author).ok());
            let signature = resolved.as_ref().unwrap_or(&author);
            if let Ok(name) = signature.name() {
                names.insert(name.to_owned());
            }
        }
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        names
    }
}

/// When `workdir` is a checked-out submodule: its path in the superproject, with a trailing `/`.
fn superproject_path(workdir: &Path) -> Option<String> {
    let root = crate::confine::repository_root(workdir.parent()?)?
        .canonicalize()
        .ok()?;
    let outer = Repository::open(&root).ok()?;
    let relative = slash_path(workdir.strip_prefix(&root).ok()?);
    let entry = outer.index().ok()?.get_path(Path::new(&relative), 0)?;
    (entry.mode == GITLINK_MODE).then(|| format!("{relative}/"))
}

fn slash_path(path: &Path) -> String {
    path.to_string_lossy()
        .replace('\\', "/")
        .trim_end_matches('/')
        .to_owned()
}

mod graph;
mod history;
mod snapshot;

pub use history::{BlobId, CommitChanges, Version};
pub use snapshot::Snapshot;
