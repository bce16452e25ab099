//! The only module that touches git: through libgit2, never by running `git`, so that a
//! repository's hooks and config commands never execute through us. It answers which files
//! exist (tracked or untracked but not ignored), what is staged, what changed since a base,
//! and who wrote the history.

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
        "{0} needs a working tree, and this is a bare repository: run it in a clone with a checkout"
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

    /// Files that differ between the merge base of `reference` and HEAD, and the working tree
    /// (untracked files included), with their added and modified lines. Deleted files are
    /// left out; renamed files count with their new path.
    pub fn changed_since(&self, reference: &str) -> Result<Vec<Changed>, GitError> {
        let base = self
            .repo
            .revparse_single(reference)
            .and_then(|o| o.peel_to_commit())
            .map_err(|e| GitError::BadRef {
                reference: reference.to_owned(),
                message: e.message().to_owned(),
            })?;
        let head = self.repo.head()?.peel_to_commit()?;
        let merge_base =
            self.repo
                .merge_base(base.id(), head.id())
                .map_err(|_| GitError::NoMergeBase {
                    reference: reference.to_owned(),
                    shallow: self.repo.is_shallow(),
                })?;
        let tree = self.repo.find_commit(merge_base)?.tree()?;
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

/// One version of a file in history: what a commit made of it.
pub struct Version {
    /// Commit time, seconds since the epoch (UTC).
    pub time: i64,
    /// The committer's offset from UTC, in minutes (as `git log` shows the date).
    pub offset_minutes: i32,
    /// The path after the commit, relative to the repository root.
    pub path: String,
    /// The content after the commit; `None` when the commit deleted the file.
    pub content: Option<Vec<u8>>,
}

/// What one commit changed among the wanted files: every version it made, added, modified
/// and deleted paths alike. Pairing a deletion with an addition (a rename) is the reader's
/// call: libgit2's similarity pairs unrelated postmortems that share a template.
pub struct CommitChanges {
    pub time: i64,
    pub offset_minutes: i32,
    pub versions: Vec<Version>,
}

impl Repo {
    /// Walks the first-parent history of HEAD from the oldest commit on, and hands what each
    /// commit changed among the files for which `wanted` holds, under the `scope` folders
    /// (repository-relative; none for the whole tree), to `visit` until it says stop
    /// (`false`). A commit that leaves the scope's subtrees alone costs one path lookup in
    /// its tree per folder. Returns the commits read, or `None` in a shallow clone, where
    /// history is cut off.
    pub fn commit_changes(
        &self,
        scope: &[String],
        wanted: &dyn Fn(&str) -> bool,
        visit: &mut dyn FnMut(CommitChanges) -> bool,
    ) -> Result<Option<usize>, GitError> {
        if self.repo.is_shallow() {
            return Ok(None);
        }
        let Ok(head) = self.repo.head().and_then(|h| h.peel_to_commit()) else {
            return Ok(Some(0));
        };
        // Along first parents, newest first; read oldest first. Only each commit's tree, first
        // parent and committer date are needed, read from the raw object.
        let odb = self.repo.odb()?;
        let mut chain: Vec<RawCommit> = Vec::new();
        let mut next = Some(head.id());
        while let Some(id) = next {
            let object = odb.read(id)?;
            let Some(raw) = RawCommit::parse(object.data()) else {
                return Err(GitError::Git(git2::Error::from_str("unreadable commit")));
            };
            next = raw.parent;
            chain.push(raw);
        }
        chain.reverse();
        let folders: Vec<&str> = if scope.is_empty() || scope.iter().any(String::is_empty) {
            vec![""]
        } else {
            scope.iter().map(|s| s.trim_end_matches('/')).collect()
        };
        // The folder's tree id, one level at a time: when a level's id is the one the previous
        // commit had, so is everything below it, and no deeper tree is read.
        let subtree = |tree: &git2::Tree<'_>,
                       folder: &str,
                       seen: &mut Vec<(git2::Oid, Option<git2::Oid>)>|
         -> Result<Option<git2::Oid>, git2::Error> {
            if folder.is_empty() {
                return Ok(Some(tree.id()));
            }
            let parts: Vec<&str> = folder.split('/').collect();
            let mut current = tree.id();
            for (level, part) in parts.iter().enumerate() {
                if let Some((id, result)) = seen.get(level)
                    && *id == current
                {
                    return Ok(*result);
                }
                let lookup = |t: &git2::Tree<'_>| {
                    t.get_name(part)
                        .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                        .map(|e| e.id())
                };
                let next = if level == 0 {
                    lookup(tree)
                } else {
                    lookup(&self.repo.find_tree(current)?)
                };
                let Some(next) = next else {
                    seen.truncate(level);
                    seen.push((current, None));
                    return Ok(None);
                };
                seen.truncate(level);
                seen.push((current, None));
                current = next;
            }
            // Every level now leads to `current`: remember it as the answer at each.
            for entry in seen.iter_mut() {
                entry.1 = Some(current);
            }
            Ok(Some(current))
        };
        let mut seen: Vec<Vec<(git2::Oid, Option<git2::Oid>)>> = vec![Vec::new(); folders.len()];
        // Per folder, its tree in the previous commit (kept: it is the next diff's old side).
        let mut before: Vec<Option<git2::Tree<'_>>> = (0..folders.len()).map(|_| None).collect();
        let mut changes = Vec::new();
        for commit in &chain {
            let tree = self.repo.find_tree(commit.tree)?;
            changes.clear();
            for (i, folder) in folders.iter().enumerate() {
                let now = subtree(&tree, folder, &mut seen[i])?;
                if now == before[i].as_ref().map(git2::Tree::id) {
                    continue;
                }
                let old = before[i].take();
                let new = match now {
                    Some(id) if id == tree.id() => Some(tree.clone()),
                    Some(id) => Some(self.repo.find_tree(id)?),
                    None => None,
                };
                let prefix = if folder.is_empty() {
                    String::new()
                } else {
                    format!("{folder}/")
                };
                self.changed_blobs(old.as_ref(), new.as_ref(), &prefix, wanted, &mut changes)?;
                before[i] = new;
            }
            if changes.is_empty() {
                continue;
            }
            let when = git2::Time::new(commit.seconds, commit.offset_minutes);
            let mut versions = Vec::with_capacity(changes.len());
            for change in &changes {
                let content = match change.new {
                    Some(id) => Some(self.repo.find_blob(id)?.content().to_vec()),
                    None => None,
                };
                versions.push(Version {
                    time: when.seconds(),
                    offset_minutes: when.offset_minutes(),
                    path: change.path.clone(),
                    content,
                });
            }
            let go_on = visit(CommitChanges {
                time: when.seconds(),
                offset_minutes: when.offset_minutes(),
                versions,
            });
            if !go_on {
                break;
            }
        }
        Ok(Some(chain.len()))
    }

    /// The first-parent history of HEAD, newest first; `None` before the first commit.
    fn first_parent_walk(&self) -> Result<Option<git2::Revwalk<'_>>, GitError> {
        let mut walk = self.repo.revwalk()?;
        if walk.push_head().is_err() {
            return Ok(None);
        }
        walk.simplify_first_parent()?;
        Ok(Some(walk))
    }

    /// The wanted blobs that differ between two trees, skipping identical subtrees by their
    /// ids: a commit that touches one file costs one path through the tree, not the tree.
    fn changed_blobs(
        &self,
        old: Option<&git2::Tree<'_>>,
        new: Option<&git2::Tree<'_>>,
        prefix: &str,
        wanted: &dyn Fn(&str) -> bool,
        out: &mut Vec<BlobChange>,
    ) -> Result<(), GitError> {
        // Both trees are sorted the way git sorts them (a folder's name as if it ended in
        // `/`): one pass over the two side by side finds what differs, and an unchanged entry
        // costs a comparison of names and ids.
        type Side = Option<(git2::Oid, Option<git2::ObjectType>, i32)>;
        let side = |e: &git2::TreeEntry<'_>| -> Side { Some((e.id(), e.kind(), e.filemode())) };
        let key = |e: &git2::TreeEntry<'_>| -> Vec<u8> {
            let mut k = e.name_bytes().to_vec();
            if e.kind() == Some(git2::ObjectType::Tree) {
                k.push(b'/');
            }
            k
        };
        let (mut olds, mut news) = (old.map(|t| t.iter()), new.map(|t| t.iter()));
        let (mut o, mut n) = (
            olds.as_mut().and_then(Iterator::next),
            news.as_mut().and_then(Iterator::next),
        );
        let mut differing: Vec<(Vec<u8>, Side, Side)> = Vec::new();
        loop {
            match (&o, &n) {
                (None, None) => break,
                (Some(a), Some(b)) if a.name_bytes() == b.name_bytes() => {
                    if a.id() != b.id() {
                        differing.push((a.name_bytes().to_vec(), side(a), side(b)));
                    }
                    o = olds.as_mut().and_then(Iterator::next);
                    n = news.as_mut().and_then(Iterator::next);
                }
                (Some(a), Some(b)) if key(a) < key(b) => {
                    differing.push((a.name_bytes().to_vec(), side(a), None));
                    o = olds.as_mut().and_then(Iterator::next);
                }
                (Some(_), Some(b)) | (None, Some(b)) => {
                    differing.push((b.name_bytes().to_vec(), None, side(b)));
                    n = news.as_mut().and_then(Iterator::next);
                }
                (Some(a), None) => {
                    differing.push((a.name_bytes().to_vec(), side(a), None));
                    o = olds.as_mut().and_then(Iterator::next);
                }
            }
        }
        for (name, before, after) in differing {
            let path = format!("{prefix}{}", String::from_utf8_lossy(&name));
            let tree_of = |side: Side| -> Result<Option<git2::Tree<'_>>, git2::Error> {
                match side {
                    Some((id, Some(git2::ObjectType::Tree), _)) => {
                        self.repo.find_tree(id).map(Some)
                    }
                    _ => Ok(None),
                }
            };
            let is_tree = |side: Side| matches!(side, Some((_, Some(git2::ObjectType::Tree), _)));
            if is_tree(before) || is_tree(after) {
                let (old_tree, new_tree) = (tree_of(before)?, tree_of(after)?);
                self.changed_blobs(
                    old_tree.as_ref(),
                    new_tree.as_ref(),
                    &format!("{path}/"),
                    wanted,
                    out,
                )?;
            }
            // A symbolic link's blob is a path, never a postmortem.
            let blob = |side: Side| match side {
                Some((id, Some(git2::ObjectType::Blob), mode)) if mode as u32 != LINK_MODE => {
                    Some(id)
                }
                _ => None,
            };
            let (old_blob, new_blob) = (blob(before), blob(after));
            if (old_blob.is_some() || new_blob.is_some()) && wanted(&path) {
                out.push(BlobChange {
                    path,
                    new: new_blob,
                });
            }
        }
        Ok(())
    }
}

/// What a history walk needs of a commit, read from its raw object: `tree`, the first
/// `parent` and the committer's date with its offset.
struct RawCommit {
    tree: git2::Oid,
    parent: Option<git2::Oid>,
    seconds: i64,
    offset_minutes: i32,
}

impl RawCommit {
    fn parse(data: &[u8]) -> Option<RawCommit> {
        let (mut tree, mut parent, mut when) = (None, None, None);
        for line in data.split(|b| *b == b'\n') {
            if line.is_empty() {
                break;
            }
            let text = std::str::from_utf8(line).ok();
            if let Some(hex) = line.strip_prefix(b"tree ") {
                tree = git2::Oid::from_str(std::str::from_utf8(hex).ok()?).ok();
            } else if let Some(hex) = line.strip_prefix(b"parent ")
                && parent.is_none()
            {
                parent = git2::Oid::from_str(std::str::from_utf8(hex).ok()?).ok();
            } else if let Some(rest) = text.and_then(|t| t.strip_prefix("committer ")) {
                // "Name <email> 1700000000 +0100"
                let mut fields = rest.rsplitn(3, ' ');
                let zone = fields.next()?;
                let seconds: i64 = fields.next()?.parse().ok()?;
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                let digits = zone.trim_start_matches(['+', '-']);
                let hours: i32 = digits.get(..2)?.parse().ok()?;
                let minutes: i32 = digits.get(2..4)?.parse().ok()?;
                when = Some((seconds, sign * (hours * 60 + minutes)));
            }
        }
        let (seconds, offset_minutes) = when?;
        Some(RawCommit {
            tree: tree?,
            parent,
            seconds,
            offset_minutes,
        })
    }
}

/// A file whose blob differs between a commit and its parent.
struct BlobChange {
    path: String,
    new: Option<git2::Oid>,
}

impl Repo {
    /// The versions of a few files, newest commit first until each file's creation (or `limit`
    /// commits), handed to `visit` oldest first. Much cheaper than [`Repo::file_versions`] for
    /// the files of one commit: a file written last month costs last month's commits. At the
    /// limit, a file's oldest version seen is dated by the oldest commit read, a lower bound
    /// of its age. Renames are not followed. `None` in a shallow clone.
    pub fn recent_versions(
        &self,
        paths: &[&str],
        limit: usize,
        visit: &mut dyn FnMut(Version),
    ) -> Result<Option<usize>, GitError> {
        if self.repo.is_shallow() {
            return Ok(None);
        }
        let Some(walk) = self.first_parent_walk()? else {
            return Ok(Some(0));
        };
        // Per path: the blob seen in the newer commits, and the time of the oldest commit
        // that still had it; versions found so far, newest first.
        let mut current: Vec<Option<(git2::Oid, i64)>> = vec![None; paths.len()];
        let mut done = vec![false; paths.len()];
        let mut found: Vec<(usize, git2::Oid, i64)> = Vec::new();
        let mut commits = 0;
        for oid in walk.take(limit) {
            let commit = self.repo.find_commit(oid?)?;
            commits += 1;
            let tree = commit.tree()?;
            let time = commit.time().seconds();
            for (i, path) in paths.iter().enumerate() {
                if done[i] {
                    continue;
                }
                let blob = tree.get_path(Path::new(path)).ok().map(|e| e.id());
                match (blob, current[i]) {
                    (Some(b), Some((seen, _))) if b == seen => current[i] = Some((b, time)),
                    (Some(b), previous) => {
                        if let Some((seen, since)) = previous {
                            found.push((i, seen, since));
                        }
                        current[i] = Some((b, time));
                    }
                    (None, previous) => {
                        if let Some((seen, since)) = previous {
                            found.push((i, seen, since));
                        }
                        current[i] = None;
                        done[i] = true;
                    }
                }
            }
            if done.iter().all(|d| *d) {
                break;
            }
        }
        for (i, entry) in current.iter().enumerate() {
            if let Some((seen, since)) = entry {
                found.push((i, *seen, *since));
            }
        }
        found.sort_by_key(|(_, _, since)| *since);
        for (i, blob, since) in found {
            let content = self.repo.find_blob(blob)?.content().to_vec();
            visit(Version {
                time: since,
                offset_minutes: 0,
                path: paths[i].to_owned(),
                content: Some(content),
            });
        }
        Ok(Some(commits))
    }
}
