//! Configs read from a commit instead of the working tree (`check --config-from REF`): the
//! config files found from each checked folder up to the repository root, and the template and
//! rule files they name, all as that commit holds them. A config that a pull request added or
//! changed then governs nothing; a path a config names must stay inside the repository.

use std::io;
use std::path::{Path, PathBuf};

/// A commit's files, as the git layer reads them.
pub trait Snapshot: Send + Sync {
    /// The bytes of the regular file at `relative` (from the repository root, with `/`);
    /// `None` when the commit holds no such file (a link is not followed).
    fn read(&self, relative: &str) -> Option<Vec<u8>>;
    /// What the commit was named, for messages (`origin/main`).
    fn name(&self) -> &str;
}

/// The configs of a commit, for a repository whose working tree is at `root`.
pub struct TreeConfigs {
    root: PathBuf,
    source: Box<dyn Snapshot>,
}

impl TreeConfigs {
    /// `root`: the working tree's real path.
    pub fn new(root: PathBuf, source: Box<dyn Snapshot>) -> TreeConfigs {
        TreeConfigs { root, source }
    }

    pub fn name(&self) -> &str {
        self.source.name()
    }

    /// `path` (absolute, inside the working tree) from the root, with `/`.
    fn relative(&self, path: &Path) -> Option<String> {
        let rel = crate::confine::lexical(path)?
            .strip_prefix(&self.root)
            .ok()?
            .to_path_buf();
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The config that governs the folder `dir` (a real path in the working tree): the first
    /// of [`FILE_NAMES`] in it or a parent, up to the root, as the commit holds them.
    pub fn discover(&self, dir: &Path) -> Option<PathBuf> {
        let rel = self.relative(dir)?;
        super::candidates_above(&rel)
            .find(|candidate| self.source.read(candidate).is_some())
            .map(|candidate| self.root.join(candidate))
    }

    /// A path a config in folder `dir` names, when it stays inside the repository.
    pub fn resolve(&self, dir: &Path, name: &str) -> Option<PathBuf> {
        if Path::new(name).is_absolute() {
            return None;
        }
        let path = crate::confine::lexical(&dir.join(name))?;
        path.starts_with(&self.root).then_some(path)
    }

    /// The text of the file at `path` (inside the working tree) as the commit holds it.
    pub fn read_text(&self, path: &Path) -> io::Result<String> {
        let missing = || {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("not in {}", self.source.name()),
            )
        };
        let rel = self.relative(path).ok_or_else(missing)?;
        let bytes = self.source.read(&rel).ok_or_else(missing)?;
        String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}
