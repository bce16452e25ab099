//! The only module that touches git (through libgit2, never by running `git`, so a
//! repository's hooks and config commands never execute through us).

use std::path::{Path, PathBuf};

/// Answers "is this path ignored by git?" for paths under one folder.
pub struct IgnoreCheck {
    repo: git2::Repository,
    workdir: PathBuf,
}

impl IgnoreCheck {
    /// The repository that contains `dir`, if any.
    pub fn discover(dir: &Path) -> Option<IgnoreCheck> {
        let repo = git2::Repository::discover(dir).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        Some(IgnoreCheck { repo, workdir })
    }

    /// Whether git ignores `path` (an absolute, canonical path).
    pub fn is_ignored(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.workdir) else {
            return false;
        };
        if relative.as_os_str().is_empty() {
            return false;
        }
        self.repo.is_path_ignored(relative).unwrap_or(false)
    }
}
