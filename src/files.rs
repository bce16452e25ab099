//! Which files a run checks: named files always; folders walked for `*.md` (and whatever the
//! config's `include` globs name), skipping `README.md` and the like, list pages (`_index.md`,
//! an `index.md` beside other postmortems), files that are templates, hidden folders and
//! git-ignored paths. A leaf page bundle's `index.md` is a postmortem.

use crate::confine::Boundary;
use crate::git::Repo;
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
    /// Entries that could not be walked (an unreadable folder), with the reason.
    pub unwalkable: Vec<(String, String)>,
    /// Symbolic links that lead back into a folder above them: not followed.
    pub loops: Vec<String>,
    /// Symbolic links that lead out of the folder they were found under: never read.
    pub refused: Vec<String>,
    /// Files without an extension that look like Markdown, not checked: named in a note.
    pub noted: Vec<String>,
}

use crate::source::display_path;

/// Markdown files of a repository that are never postmortems.
const NOT_POSTMORTEMS: &[&str] = &[
    "readme",
    "_index",
    "changelog",
    "contributing",
    "code_of_conduct",
    "code-of-conduct",
    "license",
    "security",
    "support",
    "codeowners",
];

/// Whether a file found in a folder walk is a postmortem candidate by its name: Markdown, not a
/// README or the like, not a list page (`_index.md`) and not a template (a name that ends in
/// "template", as `template.md` and `PM2020-000 - Postmortem template.md` do). An `index.md`
/// is one until [`drop_list_pages`] finds postmortems beside it.
pub fn is_candidate(name: &str) -> bool {
    let lower = name.to_lowercase();
    let Some(stem) = lower
        .strip_suffix(".md")
        .or_else(|| lower.strip_suffix(".markdown"))
    else {
        return false;
    };
    let stem = stem.trim_end();
    !NOT_POSTMORTEMS.contains(&stem) && !stem.ends_with("template")
}

/// Whether a Markdown file is left out by its name (a README, a list page, a template):
/// walks skip it even when an include glob such as `**/*.md` matches it.
pub fn excluded_by_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown")) && !is_candidate(name)
}

/// Drops the `index.md` files that are list pages: those with other candidates beside them or
/// below them (a leaf page bundle's `index.md`, alone in its folder, stays). `paths` use `/`.
pub fn drop_list_pages<T>(found: &mut Vec<T>, path: impl Fn(&T) -> &str) {
    let is_index = |p: &str| {
        p.rsplit('/')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case("index.md"))
    };
    let list_page: Vec<bool> = found
        .iter()
        .map(|t| {
            let p = path(t);
            if !is_index(p) {
                return false;
            }
            let below = p
                .rsplit_once('/')
                .filter(|(dir, _)| !dir.is_empty())
                .map(|(dir, _)| format!("{dir}/"));
            found
                .iter()
                .map(&path)
                .any(|other| other != p && below.as_ref().is_none_or(|dir| other.starts_with(dir)))
        })
        .collect();
    if list_page.contains(&true) {
        let mut list_page = list_page.into_iter();
        found.retain(|_| !list_page.next().unwrap_or(false));
    }
}

/// Whether the `index.md` at `path` is a list page: other candidates beside it, or in the
/// folders beside it (for a file found by git rather than by a walk).
pub fn is_list_page(path: &Path) -> bool {
    let is_index = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case("index.md"));
    let Some(folder) = path.parent().filter(|_| is_index) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let file_type = e.file_type().ok();
        if file_type.is_some_and(|t| t.is_dir()) && !name.starts_with('.') {
            return std::fs::read_dir(e.path()).is_ok_and(|inner| {
                inner
                    .flatten()
                    .any(|f| is_candidate(&f.file_name().to_string_lossy()))
            });
        }
        !name.eq_ignore_ascii_case("index.md") && is_candidate(&name)
    })
}

/// Files named by tools and conventions, without an extension, that are never Markdown.
const NOT_MARKDOWN: &[&str] = &[
    "makefile",
    "dockerfile",
    "containerfile",
    "jenkinsfile",
    "vagrantfile",
    "procfile",
    "gemfile",
    "rakefile",
    "brewfile",
    "justfile",
    "codeowners",
    "license",
    "licence",
    "copying",
    "notice",
    "authors",
    "owners",
];

/// Whether a file whose name does not end in `.md` looks like a Markdown document: a
/// postmortem saved without an extension, or as a site generator's page whose name holds `.md`
/// before its template's extension (Middleman's `2020-02-12.html.md.erb`). Its text must be
/// UTF-8 that opens with front matter or an H1, and has headings that name two of a
/// postmortem's sections (Summary, Timeline, Action items, or their aliases) or one that names
/// an incident (the words are in `rules/templates/aliases.toml`).
pub fn looks_like_markdown(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.starts_with('.') || NOT_MARKDOWN.contains(&name.as_str()) || !markdown_page_name(&name)
    {
        return false;
    }
    let mut head = Vec::with_capacity(8192);
    let read = std::fs::File::open(path).and_then(|f| {
        use std::io::Read;
        f.take(8192).read_to_end(&mut head)
    });
    if read.is_err() || head.starts_with(b"#!") || head.contains(&0) {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let opens = lines
        .next()
        .is_some_and(|l| l == "---" || l == "+++" || l.starts_with("# "));
    // A crontab or an nginx config opens with `# ` comments too: a postmortem has headings
    // that name two of its sections ("## Timeline", "## Action items"), or one that names an
    // incident ("# Incident on 2020-02-12").
    let template = crate::document::Template::builtin();
    let headings: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            let level = l.bytes().take_while(|b| *b == b'#').count();
            ((1..=6).contains(&level) && l[level..].starts_with(' ')).then(|| l[level..].trim())
        })
        .collect();
    let mut sections: Vec<&str> = headings
        .iter()
        .filter_map(|h| template.match_heading(h).map(|spec| spec.id.as_str()))
        .collect();
    sections.sort_unstable();
    sections.dedup();
    opens
        && (sections.len() >= 2
            || headings
                .iter()
                .any(|h| crate::document::aliases::names_an_incident(h)))
}

/// Whether a lowercased name that is not a `.md` file may still be Markdown by its name: no
/// extension, or `.md`/`.markdown` before a last extension that is not a backup's.
fn markdown_page_name(name: &str) -> bool {
    let mut parts = name.split('.');
    let stem = parts.next().unwrap_or("").trim_end();
    let mut parts: Vec<&str> = parts.collect();
    let Some(last) = parts.pop() else {
        return true;
    };
    // A page's README, list page or template is left out as its `.md` counterpart would be.
    let not_postmortem =
        NOT_POSTMORTEMS.contains(&stem) || stem == "index" || stem.ends_with("template");
    !not_postmortem
        && !matches!(
            last,
            "md" | "markdown" | "orig" | "bak" | "rej" | "old" | "tmp" | "swp"
        )
        && parts.iter().any(|p| matches!(*p, "md" | "markdown"))
}

/// Collects the files to check. `select` decides for each file found by walking a folder,
/// told whether its name makes it a candidate (config include/exclude globs; an include glob
/// selects a file whatever its name); files named explicitly are always checked.
pub fn collect(paths: &[PathBuf], select: &dyn Fn(&Path, bool) -> bool) -> Collected {
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

fn walk(root: &Path, select: &dyn Fn(&Path, bool) -> bool, out: &mut Collected) {
    let mut walked = Vec::new();
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let repo = Repo::discover(&canonical_root).map(std::sync::Mutex::new);
    let inside_repo = repo.is_some();
    // Inside a repository, git says what is ignored (its own rules, through libgit2);
    // outside one, the .gitignore files of the walked folders still apply, read by
    // `ignore`'s walk (not those of the folders above the walked one).
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .follow_links(true)
        .hidden(false)
        .parents(false)
        .ignore(false)
        .git_global(false)
        .git_exclude(false)
        .git_ignore(!inside_repo)
        .require_git(false)
        // By name, as entries of one folder share their parent.
        .sort_by_file_name(std::cmp::Ord::cmp);
    // Links are followed only while they stay inside the folder being walked.
    let boundary = Boundary::new(root);
    let refused = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    {
        let refused = std::sync::Arc::clone(&refused);
        let root = root.to_path_buf();
        let is_ignored = move |p: &Path| {
            repo.as_ref().is_some_and(|repo| {
                let relative = p.strip_prefix(&root).unwrap_or(p);
                let Ok(repo) = repo.lock() else {
                    return false;
                };
                canonical_root
                    .join(relative)
                    .strip_prefix(repo.workdir())
                    .is_ok_and(|rel| repo.is_ignored(rel))
            })
        };
        builder.filter_entry(move |e| {
            if e.depth() == 0 {
                return true;
            }
            if e.path_is_symlink() && !boundary.as_ref().is_some_and(|b| b.admits(e.path())) {
                if let Ok(mut links) = refused.lock() {
                    links.push(e.path().to_path_buf());
                }
                return false;
            }
            let hidden_dir = e.file_type().is_some_and(|t| t.is_dir())
                && e.file_name().as_encoded_bytes().starts_with(b".");
            !hidden_dir && !is_ignored(e.path())
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let name = e.file_name().to_string_lossy();
                let by_name = is_candidate(&name);
                // (A candidate is never excluded by its name.)
                if !by_name && excluded_by_name(&name) {
                    continue;
                }
                if select(e.path(), by_name) {
                    walked.push(Target {
                        display: display_path(e.path()),
                        path: e.into_path(),
                    });
                } else if !by_name && looks_like_markdown(e.path()) {
                    out.noted.push(display_path(e.path()));
                }
            }
            Err(e) => record(&e, root, out),
        }
    }
    drop_list_pages(&mut walked, |t| t.display.as_str());
    out.targets.extend(walked);
    // A link out is reported when a walk would have checked what it stands for: a file that
    // looks like a postmortem, or a folder.
    let refused = refused
        .lock()
        .map(|mut l| std::mem::take(&mut *l))
        .unwrap_or_default();
    for link in refused {
        let name = link
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if link.is_dir() || select(&link, is_candidate(&name)) {
            out.refused.push(display_path(&link));
        }
    }
}

/// An entry the walk could not read: a link loop, or an error with its path and reason.
fn record(e: &ignore::Error, root: &Path, out: &mut Collected) {
    match e {
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Loop { child, .. } => out.loops.push(display_path(child)),
            inner => {
                let reason = inner
                    .io_error()
                    .map_or_else(|| inner.to_string(), ToString::to_string);
                out.unwalkable.push((display_path(path), reason));
            }
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            record(err, root, out);
        }
        ignore::Error::Loop { child, .. } => out.loops.push(display_path(child)),
        other => {
            let reason = other
                .io_error()
                .map_or_else(|| other.to_string(), ToString::to_string);
            out.unwalkable.push((display_path(root), reason));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_pages_are_dropped_and_leaf_bundles_kept() {
        let mut found = vec![
            "incidents/index.md",
            "incidents/2023-01-03-fritz/index.md",
            "incidents/2023-01-07-timeouts/index.md",
            "reports/index.md",
            "reports/2017-09-27-hub-403.md",
            "index.md",
        ];
        drop_list_pages(&mut found, |p| p);
        assert_eq!(
            found,
            [
                "incidents/2023-01-03-fritz/index.md",
                "incidents/2023-01-07-timeouts/index.md",
                "reports/2017-09-27-hub-403.md"
            ]
        );
    }

    #[test]
    fn candidates() {
        assert!(is_candidate("2026-09-18-db.md"));
        assert!(is_candidate("Outage Überblick.MD"));
        assert!(!is_candidate("README.md"));
        assert!(is_candidate("index.md"));
        assert!(!is_candidate("_index.md"));
        assert!(!is_candidate("postmortem-template.md"));
        assert!(!is_candidate("PM2020-000 - Postmortem template.md"));
        assert!(!is_candidate("TEMPLATE.md"));
        assert!(is_candidate("2026-09-03-template-migration-outage.md"));
        assert!(!is_candidate("CONTRIBUTING.md"));
        assert!(!is_candidate("notes.txt"));
    }

    #[test]
    fn pages_named_with_md_inside() {
        assert!(markdown_page_name("2020-02-12"));
        assert!(markdown_page_name("2020-02-12.html.md.erb"));
        assert!(markdown_page_name("outage.md.j2"));
        assert!(!markdown_page_name("outage.md.orig"));
        assert!(!markdown_page_name("index.html.md.erb"));
        assert!(!markdown_page_name("readme.html.md.erb"));
        assert!(!markdown_page_name("notes.txt"));
        assert!(!markdown_page_name("a.md"));
    }
}
