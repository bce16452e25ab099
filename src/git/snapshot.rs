//! A commit's files, read through libgit2: the configs `--config-from REF` reads instead of the
//! working tree's, and the configs and the files they name as a diff's base had them (to say
//! what a pull request's config change does).

use super::{GitError, Repo};
use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};
use std::sync::Mutex;

/// A commit's tree, readable from any thread.
pub struct Snapshot {
    repo: Mutex<Repository>,
    tree: Oid,
    name: String,
}

const LINK_MODE: i32 = 0o120000;

impl Repo {
    /// The tree of the commit `reference` names.
    pub fn snapshot(&self, reference: &str) -> Result<Snapshot, GitError> {
        let commit = self.commit(reference)?;
        self.snapshot_of(commit.tree_id(), reference.to_owned())
    }

    /// The tree of the merge base of `reference` and HEAD: what a pull request on `reference`
    /// changes is measured from there, as `--diff-base` measures it.
    pub fn merge_base_snapshot(&self, reference: &str) -> Result<Snapshot, GitError> {
        let tree = self.merge_base(reference)?.tree_id();
        self.snapshot_of(tree, reference.to_owned())
    }

    fn snapshot_of(&self, tree: Oid, name: String) -> Result<Snapshot, GitError> {
        Ok(Snapshot {
            repo: Mutex::new(Repository::open(self.repo.path())?),
            tree,
            name,
        })
    }
}

impl Snapshot {
    /// The repository-relative paths of the regular files named one of `names`, sorted.
    pub fn files_named(&self, names: &[&str]) -> Vec<String> {
        let Ok(repo) = self.repo.lock() else {
            return Vec::new();
        };
        let Ok(tree) = repo.find_tree(self.tree) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let _ = tree.walk(TreeWalkMode::PreOrder, |folder, entry| {
            if entry.kind() == Some(ObjectType::Blob)
                && entry.filemode() != LINK_MODE
                && entry.name().is_ok_and(|n| names.contains(&n))
            {
                out.push(format!("{folder}{}", entry.name().unwrap_or_default()));
            }
            TreeWalkResult::Ok
        });
        out.sort();
        out
    }
}

impl crate::config::Snapshot for Snapshot {
    fn read(&self, relative: &str) -> Option<Vec<u8>> {
        let repo = self.repo.lock().ok()?;
        let tree = repo.find_tree(self.tree).ok()?;
        let entry = tree.get_path(std::path::Path::new(relative)).ok()?;
        if entry.kind() != Some(ObjectType::Blob) || entry.filemode() == LINK_MODE {
            return None;
        }
        let blob = repo.find_blob(entry.id()).ok()?;
        Some(blob.content().to_vec())
    }

    fn name(&self) -> &str {
        &self.name
    }
}
