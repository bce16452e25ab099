//! Which settings govern each file: `--config` for all, else the config discovered from the
//! file's folder up to the repository root, loaded once per config file.

use super::{FILE_NAMES, Settings, TreeConfigs};
use crate::document::Date;
use crate::located::LocatedError;
use crate::rules;
use std::path::{Path, PathBuf};

/// Finds and loads the config that governs each file, once per folder and once per config
/// file. With an explicit `--config`, that one file governs every path (with `--isolated`,
/// the built-in defaults do).
pub struct Resolver {
    /// "Today" as `--as-of` gave it; `None`: today in the zone the config names, else where
    /// the tool runs.
    as_of: Option<Date>,
    explicit: bool,
    /// Settings by config file; `None` holds the built-in defaults.
    loaded: Vec<(Option<PathBuf>, Settings)>,
    by_dir: std::collections::HashMap<PathBuf, usize>,
    /// The folder asked about last and its index: files come folder by folder, and comparing
    /// the folder's bytes costs far less than hashing its path component by component.
    last: Option<(PathBuf, usize)>,
    /// The config file found for each real folder looked at: a walk meets each folder's
    /// parents again and again.
    found: Found,
    /// Per loaded config, the include globs that selected a file.
    include_hits: std::collections::HashMap<usize, std::collections::HashSet<usize>>,
    /// With `--config-from`: every config read from that commit instead.
    tree: Option<TreeConfigs>,
}

impl Resolver {
    pub fn new(explicit: Option<&Path>, as_of: Option<Date>) -> Result<Resolver, LocatedError> {
        let mut resolver = Resolver {
            as_of,
            explicit: explicit.is_some(),
            loaded: Vec::new(),
            by_dir: std::collections::HashMap::new(),
            last: None,
            found: Found::new(),
            include_hits: std::collections::HashMap::new(),
            tree: None,
        };
        if let Some(file) = explicit {
            let settings = resolver.dated(Settings::load(file, resolver.day())?);
            resolver.loaded.push((Some(file.to_path_buf()), settings));
        }
        Ok(resolver)
    }

    /// No config file at all (`--isolated`): the built-in defaults govern every path, as
    /// if they were the one explicit config.
    pub fn isolated(as_of: Option<Date>) -> Resolver {
        let mut resolver = Resolver::from_tree_or_none(None, as_of);
        resolver.explicit = true;
        resolver
            .loaded
            .push((None, Settings::defaults(resolver.day())));
        resolver
    }

    /// The day date rules count as today when no config names a zone.
    fn day(&self) -> Date {
        self.as_of.unwrap_or_else(Date::today)
    }

    /// `settings` with today in the zone its config names (`timezone`), unless `--as-of`
    /// said which day it is.
    fn dated(&self, settings: Settings) -> Settings {
        if self.as_of.is_none() {
            settings.dated_by_zone()
        } else {
            settings
        }
    }

    /// Today for a run as a whole (the report's day): `--as-of`, else the first config's
    /// today.
    pub fn today(&self) -> Date {
        self.as_of
            .or_else(|| self.loaded.first().map(|(_, s)| s.as_of))
            .unwrap_or_else(Date::today)
    }

    /// Configs discovered and read from a commit (`--config-from`) instead of the working
    /// tree.
    pub fn from_tree(tree: TreeConfigs, as_of: Option<Date>) -> Resolver {
        Resolver::from_tree_or_none(Some(tree), as_of)
    }

    /// Nothing loaded yet; configs discovered in `tree` when given, else on disk.
    fn from_tree_or_none(tree: Option<TreeConfigs>, as_of: Option<Date>) -> Resolver {
        Resolver {
            as_of,
            explicit: false,
            loaded: Vec::new(),
            by_dir: std::collections::HashMap::new(),
            last: None,
            found: Found::new(),
            include_hits: std::collections::HashMap::new(),
            tree,
        }
    }

    /// The config file that governs the files of folder `dir`.
    fn discover_for(&mut self, dir: &Path) -> Option<PathBuf> {
        match &self.tree {
            Some(tree) => {
                let real = if dir.as_os_str().is_empty() {
                    Path::new(".").canonicalize()
                } else {
                    dir.canonicalize()
                };
                tree.discover(&real.ok()?)
            }
            None => discover_with(dir, &mut self.found),
        }
    }

    /// The index of the settings that govern the file at `path`.
    pub fn index_for(&mut self, path: &Path) -> Result<usize, LocatedError> {
        if self.explicit {
            return Ok(0);
        }
        if let Some((dir, i)) = &self.last
            && directly_in(path, dir)
        {
            return Ok(*i);
        }
        let parent = path.parent().unwrap_or(Path::new(""));
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Some((dir, i)) = &self.last
            && dir.as_os_str() == parent.as_os_str()
        {
            return Ok(*i);
        }
        let dir = parent.to_path_buf();
        if let Some(&i) = self.by_dir.get(&dir) {
            self.last = Some((dir, i));
            return Ok(i);
        }
        let file = self.discover_for(&dir);
        let index = match self.loaded.iter().position(|(f, _)| *f == file) {
            Some(i) => i,
            None => {
                let settings = self.dated(match (&file, &self.tree) {
                    (Some(f), Some(tree)) => Settings::load_from_tree(f, tree, self.day())?,
                    (Some(f), None) => Settings::load_discovered(f, self.day())?,
                    (None, _) => Settings::defaults(self.day()),
                });
                self.loaded.push((file, settings));
                self.loaded.len() - 1
            }
        };
        self.by_dir.insert(dir.clone(), index);
        self.last = Some((dir, index));
        Ok(index)
    }

    /// A file a config names (its baseline), read from where the configs are read: the
    /// commit of `--config-from`, else the file system.
    pub fn read_named(&self, path: &Path) -> std::io::Result<String> {
        match &self.tree {
            Some(tree) => tree.read_text(path),
            None => std::fs::read_to_string(path),
        }
    }

    /// The config files loaded so far.
    pub fn config_files(&self) -> impl Iterator<Item = &Path> {
        self.loaded.iter().filter_map(|(f, _)| f.as_deref())
    }

    /// How many configs are loaded (settings indices run below this).
    pub fn len(&self) -> usize {
        self.loaded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.loaded.is_empty()
    }

    pub fn get(&self, index: usize) -> &Settings {
        &self.loaded[index].1
    }

    /// Every rule of every loaded configuration (built-in and the teams' own), by name.
    pub fn rule_docs(&self) -> Vec<&'static rules::RuleDoc> {
        let mut docs: Vec<&'static rules::RuleDoc> =
            rules::registry().iter().map(|r| r.doc()).collect();
        for (_, settings) in &self.loaded {
            for (rule, _) in &settings.rules {
                if !docs.iter().any(|d| d.name == rule.doc().name) {
                    docs.push(rule.doc());
                }
            }
        }
        docs.sort_by_key(|d| d.name);
        docs
    }

    /// Chooses the rules every loaded configuration runs, as the command line says
    /// (`--select`, `--extend-select`, `--ignore`): `select`, when not empty, is the only
    /// rules run; `extend` adds rules to those the configs run; `ignore` takes rules away.
    /// A rule a config runs keeps the severity it gave it; one added runs at its default.
    /// Err names a rule no loaded configuration and no built-in rule knows.
    pub fn choose_rules(
        &mut self,
        select: &[String],
        extend: &[String],
        ignore: &[String],
    ) -> Result<(), String> {
        let known = self.rule_docs();
        // `ALL` stands for every rule, as in ruff.
        let expand = |names: &[String]| -> Vec<String> {
            names
                .iter()
                .flat_map(|n| {
                    if n == "ALL" {
                        known.iter().map(|d| d.name.to_owned()).collect()
                    } else {
                        vec![n.clone()]
                    }
                })
                .collect()
        };
        let (select, extend, ignore) = (expand(select), expand(extend), expand(ignore));
        let (select, extend, ignore) = (&select[..], &extend[..], &ignore[..]);
        for name in select.iter().chain(extend).chain(ignore) {
            if !known.iter().any(|d| d.name == name) {
                let close = rules::similar_names(name);
                let hint = match close.first() {
                    Some(near) => format!(" (did you mean `{near}`?)"),
                    None => " (`postmortem-lint rules` lists them)".to_owned(),
                };
                return Err(format!("`{name}` is not a rule{hint}"));
            }
        }
        for (_, settings) in &mut self.loaded {
            let wanted: Vec<&String> = if select.is_empty() {
                extend.iter().collect()
            } else {
                select.iter().chain(extend).collect()
            };
            if !select.is_empty() {
                settings
                    .rules
                    .retain(|(rule, _)| wanted.iter().any(|w| *w == rule.doc().name));
            }
            for name in wanted {
                if !settings.rules.iter().any(|(r, _)| r.doc().name == name)
                    && let Some(rule) = rules::find(name)
                {
                    settings
                        .rules
                        .push((rules::RuleRef::Builtin(rule), rule.doc().severity));
                }
            }
            settings
                .rules
                .retain(|(rule, _)| !ignore.iter().any(|i| i == rule.doc().name));
        }
        Ok(())
    }

    /// Adds names that are people (commit authors) to every loaded configuration.
    pub fn add_people(&mut self, names: &[String]) {
        for (_, settings) in &mut self.loaded {
            settings.people.extend(names.iter().cloned());
        }
    }

    /// Whether a file found by walking is selected by its config's include/exclude globs;
    /// `by_name`: whether its name makes it a candidate (a Markdown file that is not a README
    /// or a template), else only an include glob selects it.
    pub fn selects(&mut self, path: &Path, by_name: bool) -> Result<bool, LocatedError> {
        let index = self.index_for(path)?;
        let settings = self.get(index);
        if settings.include.is_none() && settings.exclude.is_none() {
            return Ok(by_name);
        }
        let Some(base) = settings.base_dir().and_then(|b| b.canonicalize().ok()) else {
            return Ok(by_name);
        };
        // A file not yet on disk (an editor's unsaved buffer) is placed by its folder.
        let full = path.canonicalize().ok().or_else(|| {
            let name = path.file_name()?;
            let mut parent = path.parent()?.to_path_buf();
            let mut missing = vec![name.to_owned()];
            while parent.canonicalize().is_err() {
                missing.push(parent.file_name()?.to_owned());
                parent = parent.parent()?.to_path_buf();
            }
            let mut full = parent.canonicalize().ok()?;
            full.extend(missing.iter().rev());
            Some(full)
        });
        let Some(relative) =
            full.and_then(|full| full.strip_prefix(&base).ok().map(Path::to_path_buf))
        else {
            return Ok(by_name);
        };
        let (selected, matched) = settings.selects_found(&relative, by_name);
        self.include_hits.entry(index).or_default().extend(matched);
        Ok(selected)
    }

    /// The include globs of the configs loaded so far that matched no file walked, with the
    /// config that holds them: a glob that selects nothing is usually a mistake.
    pub fn unmatched_includes(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (index, (file, settings)) in self.loaded.iter().enumerate() {
            let Some(file) = file else { continue };
            let hits = self.include_hits.get(&index);
            for (i, glob) in settings.include_globs.iter().enumerate() {
                if !hits.is_some_and(|h| h.contains(&i)) {
                    out.push((crate::source::display_path(file), glob.clone()));
                }
            }
        }
        out
    }
}

/// Whether `path` is `folder` joined with a plain name, read off the bytes: what comparing
/// `path.parent()` with a folder that `parent` gave says, without taking the path apart.
fn directly_in(path: &Path, folder: &Path) -> bool {
    let (dir, name) = crate::source::folder_and_name(path);
    let folder = folder.as_os_str().as_encoded_bytes();
    dir == folder
        && !folder
            .last()
            .is_none_or(|&b| std::path::is_separator(char::from(b)))
        && !name.is_empty()
        && name != b"."
        && name != b".."
}

/// The config file for a checked path: the first of [`FILE_NAMES`] in its folder or a parent,
/// stopping at the repository root (a folder holding `.git`).
pub fn discover(path: &Path) -> Option<PathBuf> {
    discover_with(path, &mut Found::new())
}

/// Per real folder, the config file that governs what it holds.
type Found = std::collections::HashMap<PathBuf, Option<PathBuf>>;

/// [`discover`], remembering the answer for every folder it looked at in `found`: a folder's
/// answer is its own config file, none at a repository root, or else its parent's answer.
fn discover_with(path: &Path, found: &mut Found) -> Option<PathBuf> {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()?.to_path_buf()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let mut dir = start.canonicalize().ok()?;
    let mut looked = Vec::new();
    let answer = loop {
        if let Some(known) = found.get(&dir) {
            break known.clone();
        }
        let here = FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|c| c.is_file());
        let stop = here.is_some() || dir.join(".git").exists();
        let parent = dir.parent().map(Path::to_path_buf);
        looked.push(dir);
        match parent {
            Some(parent) if !stop => dir = parent,
            _ => break here,
        }
    };
    for dir in looked {
        found.insert(dir, answer.clone());
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::directly_in;
    use std::path::Path;

    /// `directly_in` answers as comparing `parent()` does, for every folder `parent` gives.
    #[test]
    fn directly_in_agrees_with_parent() {
        let paths = [
            "a/b/c.md",
            "a/b",
            "a//b/c.md",
            "a/b//c.md",
            "a/b/",
            "a/./c.md",
            "a/b/.",
            "a/b/..",
            "./c.md",
            "c.md",
            "/c.md",
            "/a/c.md",
            "a/b/c.md/",
            ".",
            "..",
            "/",
            "",
        ];
        for path in paths {
            for folder in paths.iter().filter_map(|p| Path::new(p).parent()) {
                let by_parent = Path::new(path)
                    .parent()
                    .is_some_and(|p| p.as_os_str() == folder.as_os_str());
                if directly_in(Path::new(path), folder) {
                    assert!(by_parent, "{path:?} in {folder:?}");
                }
            }
        }
        assert!(directly_in(Path::new("a/b/c.md"), Path::new("a/b")));
        assert!(directly_in(Path::new("./c.md"), Path::new(".")));
    }
}
