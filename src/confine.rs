//! Where a run may read: a postmortem, a template or a rule file is read only when its real
//! path (symbolic links resolved) is inside the boundary of the run — the repository's working
//! tree (never its `.git` folder), or outside git the folder the file was found under. A pull
//! request from a fork controls the files and links inside the repository, so everything it
//! can name is checked against this before a byte is read.

use std::path::{Component, Path, PathBuf};

/// The folder a run may read from.
#[derive(Debug, Clone)]
pub struct Boundary {
    root: PathBuf,
    git_dir: Option<PathBuf>,
}

impl Boundary {
    /// The boundary at `root` (a folder); `None` when it cannot be resolved.
    pub fn new(root: &Path) -> Option<Boundary> {
        let root = root.canonicalize().ok()?;
        let git_dir = root.join(".git").canonicalize().ok();
        Some(Boundary { root, git_dir })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `path`, with every link resolved, is inside the boundary (and not inside the
    /// repository's `.git` folder). A path that does not resolve is not admitted.
    pub fn admits(&self, path: &Path) -> bool {
        path.canonicalize().is_ok_and(|real| self.contains(&real))
    }

    fn contains(&self, real: &Path) -> bool {
        real.starts_with(&self.root) && !self.git_dir.as_ref().is_some_and(|g| real.starts_with(g))
    }

    /// `name` (from a config file in `dir`) as a path inside the boundary: relative, and
    /// staying inside both as written and with links resolved. `None` otherwise — the caller
    /// says so without reading it, so that whether the target exists is never revealed.
    pub fn resolve(&self, dir: &Path, name: &str) -> Option<PathBuf> {
        let written = Path::new(name);
        if written.is_absolute() || written.has_root() {
            return None;
        }
        let dir = dir.canonicalize().ok()?;
        let joined = lexical(&dir.join(written))?;
        if !self.contains(&joined) {
            return None;
        }
        // A path that exists must resolve inside too; one that does not exists nowhere yet,
        // but every folder on the way that exists must.
        let mut existing = joined.as_path();
        loop {
            if std::fs::symlink_metadata(existing).is_ok() {
                return self.admits(existing).then_some(joined.clone());
            }
            existing = existing.parent()?;
        }
    }
}

/// The nearest folder at or above `dir` that holds `.git`, found without following links in
/// the path as written (so a link cannot move the boundary).
pub fn repository_root(dir: &Path) -> Option<PathBuf> {
    let absolute = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(dir)
    };
    let absolute = lexical(&absolute)?;
    absolute
        .ancestors()
        .find(|a| std::fs::symlink_metadata(a.join(".git")).is_ok())
        .map(Path::to_path_buf)
}

/// `..` and `.` removed as written; `None` when `..` climbs above the root.
pub fn lexical(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_are_refused() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("pml-confine-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("repo/.git"))?;
        std::fs::create_dir_all(dir.join("repo/rules"))?;
        std::fs::write(dir.join("secret.toml"), "x")?;
        std::fs::write(dir.join("repo/rules/a.toml"), "x")?;
        let Some(b) = Boundary::new(&dir.join("repo")) else {
            panic!("boundary");
        };
        let repo = dir.join("repo");
        assert!(b.resolve(&repo, "rules/a.toml").is_some());
        assert!(b.resolve(&repo.join("rules"), "../rules/a.toml").is_some());
        assert!(b.resolve(&repo, "../secret.toml").is_none());
        assert!(b.resolve(&repo, "/etc/passwd").is_none());
        assert!(b.resolve(&repo, ".git/config").is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.toml"), repo.join("link.toml"))?;
            assert!(b.resolve(&repo, "link.toml").is_none());
            assert!(!b.admits(&repo.join("link.toml")));
        }
        std::fs::remove_dir_all(&dir)
    }
}
