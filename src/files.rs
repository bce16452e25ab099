//! Which files a run checks: named files always; folders walked for `*.md`, skipping
//! `README.md`, `index.md`, names containing "template", hidden folders and git-ignored paths.

use crate::confine::Boundary;
use crate::git::Repo;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    /// The path as found from the arguments, with `/` separators.
    pub display: String,
}

/// Why a path given by the user could not be checked at all.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("{path}: no such file or folder")]
    NotFound { path: String },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What walking found: targets, paths that failed the run, and folders skipped with a reason.
#[derive(Debug, Default)]
pub struct Collected {
    pub targets: Vec<Target>,
    pub errors: Vec<PathError>,
    /// Entries that could not be walked (a symlink loop, an unreadable folder), with the reason.
    pub unwalkable: Vec<(String, String)>,
    /// Symbolic links that lead out of the folder they were found under: never read.
    pub refused: Vec<String>,
}

pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_owned).unwrap_or(s)
}

/// Whether a file found in a folder walk is a postmortem candidate.
pub fn is_candidate(name: &str) -> bool {
    let lower = name.to_lowercase();
    let is_markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
    is_markdown && lower != "readme.md" && lower != "index.md" && !lower.contains("template")
}

/// Collects the files to check. `select` decides for each file found by walking a folder
/// (config include/exclude globs); files named explicitly are always checked.
pub fn collect(paths: &[PathBuf], select: &dyn Fn(&Path) -> bool) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.errors.push(PathError::NotFound {
                    path: display_path(path),
                });
                continue;
            }
            Err(source) => {
                out.errors.push(PathError::Io {
                    path: display_path(path),
                    source,
                });
                continue;
            }
        };
        if meta.is_dir() {
            walk(path, select, &mut out);
        } else if !path
            .parent()
            .and_then(|p| {
                let p = if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                };
                Boundary::new(p)
            })
            .is_some_and(|b| b.admits(path))
        {
            out.refused.push(display_path(path));
        } else {
            out.targets.push(Target {
                path: path.clone(),
                display: display_path(path),
            });
        }
    }
    out.targets.sort_by(|a, b| a.display.cmp(&b.display));
    out.targets.dedup_by(|a, b| a.display == b.display);
    out
}

fn walk(root: &Path, select: &dyn Fn(&Path) -> bool, out: &mut Collected) {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let repo = Repo::discover(&canonical_root);
    // Outside a repository, the .gitignore files of the walked folders still apply.
    let mut gitignores: HashMap<PathBuf, Option<Gitignore>> = HashMap::new();
    let mut is_ignored = |p: &Path, is_dir: bool| {
        if let Some(repo) = &repo {
            let relative = p.strip_prefix(root).unwrap_or(p);
            return canonical_root
                .join(relative)
                .strip_prefix(repo.workdir())
                .is_ok_and(|rel| repo.is_ignored(rel));
        }
        // The nearest folder whose .gitignore says something about the path decides.
        for dir in p.ancestors().skip(1) {
            let matcher = gitignores.entry(dir.to_path_buf()).or_insert_with(|| {
                let file = dir.join(".gitignore");
                if !file.is_file() {
                    return None;
                }
                let mut builder = GitignoreBuilder::new(dir);
                // Lines that do not parse are skipped, as git skips them.
                let _partial_error = builder.add(&file);
                builder.build().ok()
            });
            if let Some(matcher) = matcher {
                match matcher.matched(p, is_dir) {
                    ignore::Match::Ignore(_) => return true,
                    ignore::Match::Whitelist(_) => return false,
                    ignore::Match::None => {}
                }
            }
            if dir == root {
                break;
            }
        }
        false
    };
    // Links are followed only while they stay inside the folder being walked.
    let boundary = Boundary::new(root);
    let refused = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.path_is_symlink() && !boundary.as_ref().is_some_and(|b| b.admits(e.path())) {
                refused.borrow_mut().push(e.path().to_path_buf());
                return false;
            }
            let name = e.file_name().to_string_lossy();
            let is_dir = e.file_type().is_dir();
            let hidden_dir = is_dir && name.starts_with('.');
            !hidden_dir && !is_ignored(e.path(), is_dir)
        });
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if is_candidate(&e.file_name().to_string_lossy()) && select(e.path()) {
                    out.targets.push(Target {
                        path: e.path().to_path_buf(),
                        display: display_path(e.path()),
                    });
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map_or_else(|| display_path(root), display_path);
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_owned()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                };
                out.unwalkable.push((path, reason));
            }
        }
    }
    // A link out is reported when a walk would have checked what it stands for: a file that
    // looks like a postmortem, or a folder.
    for link in refused.into_inner() {
        let name = link
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if link.is_dir() || (is_candidate(&name) && select(&link)) {
            out.refused.push(display_path(&link));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates() {
        assert!(is_candidate("2026-09-18-db.md"));
        assert!(is_candidate("Outage Überblick.MD"));
        assert!(!is_candidate("README.md"));
        assert!(!is_candidate("index.md"));
        assert!(!is_candidate("postmortem-template.md"));
        assert!(!is_candidate("notes.txt"));
    }
}
