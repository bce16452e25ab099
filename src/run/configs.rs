//! What a diff does to the configs (`check --diff-base REF`): every config file that differs
//! between the merge base of REF and the working tree, each side read and compared (see
//! [`crate::config::compare`]), and the files a config names (template, rule files, baseline)
//! whose content changed. A pull request can switch its own check off with its config; the run
//! says so.

use crate::config::{self, FILE_NAMES, Snapshot as _, View};
use crate::git::{GitError, Repo, Snapshot};
use std::path::Path;

/// A config file the diff changed, and what the change does.
#[derive(Debug, Clone)]
pub struct ConfigChange {
    /// As the user sees it (from the repository root, or the superproject's).
    pub path: String,
    /// One phrase each: "turns off `missing-trigger`", "excludes `**/new-*.md`".
    pub changes: Vec<String>,
}

impl ConfigChange {
    /// One sentence: "changed since REF: it turns off …; excludes …".
    pub fn sentence(&self, reference: &str) -> String {
        if self.changes.is_empty() {
            return format!(
                "this config changed since {reference}; the change turns no rule off or down and excludes no path"
            );
        }
        format!(
            "this config changed since {reference}: it {}",
            self.changes.join("; ")
        )
    }
}

/// A file's text in the working tree; `None` when it is not a regular file there.
fn working(repo: &Repo, relative: &str) -> Option<Vec<u8>> {
    let full = repo.workdir().join(relative);
    let meta = std::fs::symlink_metadata(&full).ok()?;
    meta.is_file().then(|| std::fs::read(&full).ok()).flatten()
}

/// The view of the config that governs folder `folder` (from the root, `/`), the config at
/// `except` left out, through `read`; the defaults when none does.
fn governing(folder: &str, except: &str, read: &dyn Fn(&str) -> Option<Vec<u8>>) -> View {
    crate::config::candidates_above(folder)
        .filter(|candidate| candidate != except)
        .find_map(|candidate| read(&candidate))
        .map(|text| View::parse(&String::from_utf8_lossy(&text)).unwrap_or_default())
        .unwrap_or_default()
}

/// Every config file that differs between the merge base of `reference` and the working tree.
pub fn changes(repo: &Repo, reference: &str) -> Result<Vec<ConfigChange>, GitError> {
    let base: Snapshot = repo.merge_base_snapshot(reference)?;
    let mut paths = base.files_named(&FILE_NAMES);
    let listing = repo.files_under(Path::new(""))?;
    // A submodule's configs are its own repository's business: its base is not this one's.
    let in_submodule = |rel: &str| {
        let mut folder = rel;
        while let Some((up, _)) = folder.rsplit_once('/') {
            if repo.workdir().join(up).join(".git").exists() {
                return true;
            }
            folder = up;
        }
        false
    };
    paths.extend(
        listing.files.into_iter().filter(|p| {
            FILE_NAMES.contains(&p.rsplit('/').next().unwrap_or("")) && !in_submodule(p)
        }),
    );
    paths.sort();
    paths.dedup();
    let read_base = |rel: &str| base.read(rel);
    let read_now = |rel: &str| working(repo, rel);
    let mut out = Vec::new();
    for path in paths {
        let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
        let (before_text, after_text) = (read_base(&path), read_now(&path));
        let view = |text: &Option<Vec<u8>>, read: &dyn Fn(&str) -> Option<Vec<u8>>| {
            match text {
                Some(t) => View::parse(&String::from_utf8_lossy(t)),
                // Added or removed: the config that governed the folder on the other side.
                None => Ok(governing(folder, &path, read)),
            }
        };
        let (before, after) = match (view(&before_text, &read_base), view(&after_text, &read_now)) {
            (Ok(b), Ok(a)) => (b, a),
            (_, Err(e)) => {
                out.push(ConfigChange {
                    path: repo.shown(&path),
                    changes: vec![format!("is not a valid config: {e}")],
                });
                continue;
            }
            (Err(_), Ok(a)) => (View::default(), a),
        };
        let mut changes = Vec::new();
        if before_text != after_text {
            changes = config::compare(&before, &after);
            if before_text.is_none() {
                changes.insert(0, "is new".to_owned());
            } else if after_text.is_none() {
                changes.insert(0, "is removed".to_owned());
            }
        }
        // The files the config names, changed whether or not the config did.
        for named in after.named_files() {
            let Some(full) = crate::confine::lexical(&Path::new(folder).join(named)) else {
                continue;
            };
            let rel = full.to_string_lossy().replace('\\', "/");
            if read_base(&rel) != read_now(&rel) {
                changes.push(format!("names `{named}`, which changed"));
            }
        }
        if before_text != after_text || !changes.is_empty() {
            out.push(ConfigChange {
                path: repo.shown(&path),
                changes,
            });
        }
    }
    Ok(out)
}
