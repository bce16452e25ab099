//! History: what each commit along HEAD's first parents changed among the postmortems, read
//! as cheaply as git itself reads it (only the folders that hold postmortems, commits from
//! their raw objects, trees compared side by side).

use super::graph::RawCommit;
use super::{GitError, LINK_MODE, Repo};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One version of a file in history: what a commit made of it.
pub struct Version {
    /// Commit time, seconds since the epoch (UTC).
    pub time: i64,
    /// The committer's offset from UTC, in minutes (as `git log` shows the date).
    pub offset_minutes: i32,
    /// The path after the commit, relative to the repository root.
    pub path: String,
    /// The content after the commit, read with [`Repo::blob`]; `None` when the commit
    /// deleted the file. Reading is left to the reader, a chunk at a time: a commit that adds
    /// ten thousand postmortems is never held in memory at once.
    pub blob: Option<BlobId>,
}

/// A file's content in the repository, by its id (equal ids, equal contents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BlobId(git2::Oid);

impl BlobId {
    /// The id git gives `bytes` as a blob (`git hash-object`).
    pub fn of(bytes: &[u8]) -> Option<BlobId> {
        git2::Oid::hash_object(git2::ObjectType::Blob, bytes)
            .ok()
            .map(BlobId)
    }
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
    /// its tree per folder. A postmortem moved into the scope from outside it is followed
    /// there: its versions under its earlier path come too (see [`Repo::move_origins`]).
    /// Returns the number of commits on the main line up to `until_day` (days since the
    /// epoch; all without it), or `None` in a shallow clone, where history is cut off.
    pub fn commit_changes(
        &self,
        scope: &[String],
        wanted: &dyn Fn(&str) -> bool,
        until_day: Option<i64>,
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
        // From git's commit-graph when it holds them (no commit object inflated), else from
        // the objects.
        let odb = self.repo.odb()?;
        let graph = super::graph::CommitGraph::open(&self.repo.commondir().join("objects"));
        let mut chain: Vec<RawCommit> = Vec::new();
        let mut next = Some(head.id());
        while let Some(id) = next {
            let raw = match graph.as_ref().and_then(|g| g.commit(id)) {
                Some(c) => RawCommit {
                    id,
                    tree: c.tree,
                    parent: c.first_parent,
                    seconds: c.seconds,
                    offset_minutes: None,
                },
                None => RawCommit::read(&odb, id)?,
            };
            next = raw.parent;
            chain.push(raw);
        }
        chain.reverse();
        // The committer's offset, which the graph does not keep: read where it is needed.
        let offset = |c: &RawCommit| -> Result<i32, GitError> {
            match c.offset_minutes {
                Some(minutes) => Ok(minutes),
                None => Ok(RawCommit::read(&odb, c.id)?.offset_minutes.unwrap_or(0)),
            }
        };
        let folders: Vec<String> = if scope.is_empty() || scope.iter().any(String::is_empty) {
            vec![String::new()]
        } else {
            scope
                .iter()
                .map(|s| s.trim_end_matches('/').to_owned())
                .collect()
        };
        let mut found = self.walk_folders(&chain, &folders, wanted)?;
        // Moves into the scope from elsewhere, a few levels deep (a folder moved twice).
        // The changes the last round found: the whole walk's first (no copy of it), then
        // those under the earlier paths.
        let mut read = folders;
        let mut latest: Option<BTreeMap<usize, Vec<BlobChange>>> = None;
        let mut origins: HashSet<String> = HashSet::new();
        for _ in 0..4 {
            let new: HashSet<String> = self
                .move_origins(&chain, latest.as_ref().unwrap_or(&found), &read)?
                .into_iter()
                .filter(|p| !origins.contains(p))
                .collect();
            if new.is_empty() {
                break;
            }
            let mut more: Vec<String> = new
                .iter()
                .map(|p| p.rsplit_once('/').map_or("", |(d, _)| d).to_owned())
                .collect();
            more.sort();
            more.dedup();
            let earlier = self.walk_folders(&chain, &more, &|p| new.contains(p))?;
            for (commit, changes) in &earlier {
                found
                    .entry(*commit)
                    .or_default()
                    .extend(changes.iter().cloned());
            }
            latest = Some(earlier);
            origins.extend(new);
            read.extend(more);
        }
        for (commit, changes) in found {
            let raw = &chain[commit];
            let when = git2::Time::new(raw.seconds, offset(raw)?);
            let versions = changes
                .into_iter()
                .map(|change| Version {
                    time: when.seconds(),
                    offset_minutes: when.offset_minutes(),
                    path: change.path,
                    blob: change.new.map(BlobId),
                })
                .collect();
            let go_on = visit(CommitChanges {
                time: when.seconds(),
                offset_minutes: when.offset_minutes(),
                versions,
            });
            if !go_on {
                break;
            }
        }
        // The commits up to the end of `until_day` (days since the epoch, in each
        // committer's own offset), or all. Offsets lie within 14 hours of UTC: only a commit
        // that close to the day's end needs its own read.
        let mut read = 0;
        for c in &chain {
            let day = |minutes: i64| (c.seconds + minutes * 60).div_euclid(86_400);
            let counted = match until_day {
                None => true,
                Some(until) if day(14 * 60) <= until => true,
                Some(until) if day(-14 * 60) > until => false,
                Some(until) => day(i64::from(offset(c)?)) <= until,
            };
            read += usize::from(counted);
        }
        Ok(Some(read))
    }

    /// What each commit of `chain` (by its index) changed among the wanted files under
    /// `folders`, the commits that changed none left out.
    fn walk_folders(
        &self,
        chain: &[RawCommit],
        folders: &[String],
        wanted: &dyn Fn(&str) -> bool,
    ) -> Result<BTreeMap<usize, Vec<BlobChange>>, GitError> {
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
        let mut found = BTreeMap::new();
        for (index, commit) in chain.iter().enumerate() {
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
            if !changes.is_empty() {
                found.insert(index, std::mem::take(&mut changes));
            }
        }
        Ok(found)
    }

    /// The paths outside the `read` folders that a commit of `latest` moved into them: a
    /// file it deleted there while adding one here with the same content, the same file name
    /// or the same title (the first `# ` line).
    fn move_origins(
        &self,
        chain: &[RawCommit],
        latest: &BTreeMap<usize, Vec<BlobChange>>,
        read: &[String],
    ) -> Result<Vec<String>, GitError> {
        let inside = |p: &str| {
            read.iter()
                .any(|f| f.is_empty() || p.starts_with(&format!("{f}/")))
        };
        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_owned();
        let mut origins = Vec::new();
        for (&commit, changes) in latest {
            let added: Vec<&BlobChange> = changes
                .iter()
                .filter(|c| c.old.is_none() && c.new.is_some())
                .collect();
            if added.is_empty() || commit == 0 {
                continue;
            }
            let before = self.repo.find_tree(chain[commit - 1].tree)?;
            let after = self.repo.find_tree(chain[commit].tree)?;
            let mut outside = Vec::new();
            self.changed_blobs(
                Some(&before),
                Some(&after),
                "",
                &|p| !inside(p),
                &mut outside,
            )?;
            // Each text's title (its first `# ` line) and its distinct lines of some length.
            type Read = Option<(Option<String>, HashSet<String>)>;
            let mut read: HashMap<git2::Oid, Read> = HashMap::new();
            let mut text_of = |id: git2::Oid| -> Read {
                read.entry(id)
                    .or_insert_with(|| {
                        let blob = self.repo.find_blob(id).ok()?;
                        let text = String::from_utf8_lossy(blob.content());
                        let title = text
                            .lines()
                            .find_map(|l| l.strip_prefix("# "))
                            .map(|t| t.trim().to_lowercase());
                        let lines = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| l.len() >= 12)
                            .map(str::to_owned)
                            .collect();
                        Some((title, lines))
                    })
                    .clone()
            };
            // Moved, perhaps renamed and retitled in the same commit: the same content, file
            // name or title, or most of the deleted file's lines kept.
            let mut same = |old: git2::Oid, new: git2::Oid| -> bool {
                let (Some((old_title, old_lines)), Some((new_title, new_lines))) =
                    (text_of(old), text_of(new))
                else {
                    return false;
                };
                let kept = old_lines.iter().filter(|l| new_lines.contains(*l)).count();
                old_title.is_some() && old_title == new_title
                    || !old_lines.is_empty() && kept * 2 >= old_lines.len()
            };
            let markdown = |p: &str| {
                let name = name(p).to_lowercase();
                name.ends_with(".md") || name.ends_with(".markdown") || name.contains(".md.")
            };
            for gone in outside.iter().filter(|c| c.new.is_none()) {
                let Some(old) = gone.old else { continue };
                let moved = added.iter().any(|a| {
                    a.new == Some(old)
                        || name(&a.path) == name(&gone.path)
                        || markdown(&gone.path) && a.new.is_some_and(|new| same(old, new))
                });
                if moved {
                    origins.push(gone.path.clone());
                }
            }
        }
        Ok(origins)
    }

    /// The content of a blob met in history.
    pub fn blob(&self, id: BlobId) -> Result<Vec<u8>, GitError> {
        Ok(self.repo.find_blob(id.0)?.content().to_vec())
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
                    old: old_blob,
                    new: new_blob,
                });
            }
        }
        Ok(())
    }
}

/// A file whose blob differs between a commit and its parent.
#[derive(Clone)]
struct BlobChange {
    path: String,
    old: Option<git2::Oid>,
    new: Option<git2::Oid>,
}
