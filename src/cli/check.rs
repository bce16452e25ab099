//! The `check` and `baseline` verbs: which files (walked, from git, staged, changed since a
//! base), in parallel a chunk at a time, filtered by changed lines and a baseline, rendered in
//! path order.

use super::{CheckArgs, config_error, emit};
use postmortem_lint::baseline::{self, Baseline};
use postmortem_lint::check::{self, FileReport};
use postmortem_lint::config::{LocatedError, Resolver};
use postmortem_lint::confine::Boundary;
use postmortem_lint::document::Date;
use postmortem_lint::files;
use postmortem_lint::git::{GitError, Repo};
use postmortem_lint::render::{self, Format, RenderOptions, github};
use postmortem_lint::report::History;
use postmortem_lint::rules;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Mutex, OnceLock};

/// Files checked in parallel before their output is written.
const CHUNK: usize = 256;

/// From this many files on, the phrase rules share a prefilter (its compilation costs about
/// as much as checking a few dozen files without it).
const PREFILTER_FROM: usize = 32;

/// How many commits' authors `blamed-person` learns names from.
pub const AUTHOR_COMMITS: usize = 5000;

enum Content {
    Disk(PathBuf),
    /// Staged content, from the index.
    Blob(Vec<u8>),
    /// A folder that could not be walked, with the reason.
    Unwalkable(String),
    /// A symbolic link that leaves the repository (or the folder walked): never read.
    LinkOut,
    /// An unmerged index entry: the working-tree file, which should hold conflict markers.
    Unmerged(PathBuf),
}

/// What a link out of the repository is reported as; its target is never shown.
const LINK_OUT: &str = "a symbolic link to a place outside the repository: not read";

struct Job {
    display: String,
    content: Content,
    settings: usize,
    /// With `--changed-lines-only`: the lines whose line-level findings are kept.
    changed: Option<BTreeSet<usize>>,
}

/// The files of a run, each with its settings.
struct Plan {
    jobs: Vec<Job>,
    resolver: Resolver,
    path_errors: Vec<files::PathError>,
    /// When each action item was written, per file, from git history (`stale-action-item`).
    written: HashMap<String, check::Written>,
    /// The repository, for reading commit authors when a rule first needs them.
    history_repo: Option<Mutex<Repo>>,
    authors: OnceLock<Vec<String>>,
    /// Files without an extension that look like Markdown and were not checked.
    noted: Vec<String>,
    /// What a run that walked folders says about what it found (nothing, or a glob that
    /// matched nothing).
    warnings: Vec<String>,
}

fn git_error(e: &GitError) -> ExitCode {
    eprintln!("postmortem-lint: error: {e}");
    ExitCode::from(2)
}

/// Whether a repository-relative path lies in a hidden folder, which a walk never enters.
fn hidden(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts.iter().any(|p| p.starts_with('.'))
}

/// Whether a repository-relative path is a postmortem candidate by its name.
fn by_name(path: &str) -> bool {
    files::is_candidate(path.rsplit('/').next().unwrap_or(""))
}

/// Whether a found path is never a postmortem: in a hidden folder, or a README, list page
/// or template by its name.
fn left_out(path: &str) -> bool {
    hidden(path) || files::excluded_by_name(path.rsplit('/').next().unwrap_or(""))
}

/// Jobs, with the settings of each file's config; the first config error is kept.
struct Planner<'a> {
    resolver: &'a mut Resolver,
    jobs: Vec<Job>,
    config_failure: Option<LocatedError>,
    /// Files without an extension that look like Markdown and were not checked.
    noted: Vec<String>,
}

impl Planner<'_> {
    /// Whether a file found by a walk or by git is selected: by its name (`by_name`) and the
    /// config's include/exclude globs.
    fn selects(&mut self, full: &Path, by_name: bool) -> bool {
        match self.resolver.selects(full, by_name) {
            Ok(selected) => selected,
            Err(e) => {
                self.config_failure.get_or_insert(e);
                false
            }
        }
    }

    /// Adds a job for the file at `full`, found by git (`Some(by_name)`: then
    /// [`Self::selects`] decides) or chosen already (`None`).
    fn add(
        &mut self,
        full: &Path,
        display: String,
        content: Content,
        found: Option<bool>,
        changed: Option<BTreeSet<usize>>,
    ) {
        let settings = match self.resolver.index_for(full) {
            Ok(settings) => settings,
            Err(e) => {
                self.config_failure.get_or_insert(e);
                return;
            }
        };
        if found.is_none_or(|by_name| self.selects(full, by_name)) {
            self.jobs.push(Job {
                display,
                content,
                settings,
                changed,
            });
        }
    }
}

fn plan(args: &CheckArgs) -> Result<Plan, ExitCode> {
    let as_of = args.as_of.unwrap_or_else(Date::today);
    let mut resolver =
        Resolver::new(args.config.as_deref(), as_of).map_err(|e| config_error(&e))?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    // The repository is found from the first path that exists: a missing one is reported as
    // in any run, and the others are still checked.
    let anchor = paths
        .iter()
        .find(|p| exists(p))
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let git_mode = (args.staged || args.diff_base.is_some()).then_some(if args.staged {
        "--staged"
    } else {
        "--diff-base"
    });
    let repo = match Repo::find(&anchor) {
        Ok(repo) => repo,
        Err(GitError::Bare(_)) if git_mode.is_some() => {
            return Err(git_error(&GitError::Bare(git_mode.unwrap_or_default())));
        }
        Err(_) => None,
    };
    let boundary = repo.as_ref().and_then(|r| Boundary::new(r.workdir()));
    let admits = |p: &Path| boundary.as_ref().is_some_and(|b| b.admits(p));
    let mut path_errors = Vec::new();
    let mut planner = Planner {
        resolver: &mut resolver,
        jobs: Vec::new(),
        config_failure: None,
        noted: Vec::new(),
    };

    if let Some(flag) = git_mode {
        let Some(repo) = &repo else {
            return Err(git_error(&GitError::NotARepository(flag)));
        };
        // Only the paths named (repository-relative prefixes), or all of the repository.
        let mut prefixes = Vec::new();
        for p in &args.paths {
            match repo.relative(p).filter(|_| exists(p)) {
                Some(rel) => prefixes.push(rel.to_string_lossy().replace('\\', "/")),
                None => path_errors.push(files::PathError::NotFound {
                    path: files::display_path(p),
                }),
            }
        }
        // When every path named is missing there is nothing to check; the run fails below.
        let all_missing = prefixes.is_empty() && !args.paths.is_empty();
        let named = |path: &str| {
            !all_missing && prefixes.is_empty()
                || prefixes
                    .iter()
                    .any(|p| p.is_empty() || path == p || path.starts_with(&format!("{p}/")))
        };
        if args.staged {
            for blob in repo.staged().map_err(|e| git_error(&e))? {
                if left_out(&blob.path) || !named(&blob.path) {
                    continue;
                }
                let full = repo.workdir().join(&blob.path);
                if files::is_list_page(&full) {
                    continue;
                }
                let display = repo.shown(&blob.path);
                let found = Some(by_name(&blob.path));
                let content = if blob.link {
                    // Staged, a link is its target's path: never Markdown. One that leaves
                    // the repository is reported; one inside it stands for a file checked on
                    // its own path.
                    let target = String::from_utf8_lossy(&blob.bytes).into_owned();
                    let folder = full.parent().unwrap_or(repo.workdir()).to_path_buf();
                    match boundary.as_ref().and_then(|b| b.resolve(&folder, &target)) {
                        Some(_) => continue,
                        None => Content::LinkOut,
                    }
                } else if blob.unmerged {
                    if full.is_symlink() && !admits(&full) {
                        Content::LinkOut
                    } else {
                        Content::Unmerged(full.clone())
                    }
                } else {
                    Content::Blob(blob.bytes)
                };
                planner.add(&full, display, content, found, None);
            }
        } else if let Some(reference) = &args.diff_base {
            for changed in repo.changed_since(reference).map_err(|e| git_error(&e))? {
                if left_out(&changed.path) || !named(&changed.path) {
                    continue;
                }
                let full = repo.workdir().join(&changed.path);
                if files::is_list_page(&full) {
                    continue;
                }
                let found = Some(by_name(&changed.path));
                let content = if full.is_symlink() {
                    if admits(&full) {
                        continue;
                    }
                    Content::LinkOut
                } else {
                    Content::Disk(full.clone())
                };
                let lines = args.changed_lines_only.then_some(changed.lines);
                planner.add(&full, repo.shown(&changed.path), content, found, lines);
            }
        }
    } else {
        for path in &paths {
            let inside = repo
                .as_ref()
                .and_then(|r| r.relative(path).map(|rel| (r, rel)))
                .filter(|_| exists(path));
            let Some((repo, rel)) = inside else {
                walk_outside_git(path, &mut planner, &mut path_errors);
                continue;
            };
            let shown = repo.shown(&rel.to_string_lossy().replace('\\', "/"));
            if !admits(path) {
                planner.add(path, shown, Content::LinkOut, None, None);
                continue;
            }
            if path.is_dir() {
                // Git lists what is under the folder itself, not under the link to it.
                let folder = path
                    .canonicalize()
                    .ok()
                    .and_then(|real| {
                        real.strip_prefix(repo.workdir())
                            .ok()
                            .map(Path::to_path_buf)
                    })
                    .unwrap_or(rel);
                let listing = repo.files_under(&folder).map_err(|e| git_error(&e))?;
                for sub in &listing.absent_submodules {
                    eprintln!(
                        "postmortem-lint: warning: {}: a submodule that is not checked out: not checked",
                        repo.shown(sub)
                    );
                }
                let mut selected = Vec::new();
                for file in listing.files.into_iter().filter(|f| !left_out(f)) {
                    let full = repo.workdir().join(&file);
                    let candidate = by_name(&file);
                    if planner.selects(&full, candidate) {
                        selected.push(file);
                    } else if !candidate && files::looks_like_markdown(&full) {
                        planner.noted.push(repo.shown(&file));
                    }
                }
                files::drop_list_pages(&mut selected, String::as_str);
                for file in selected {
                    let full = repo.workdir().join(&file);
                    let content = if full.is_symlink() && !admits(&full) {
                        Content::LinkOut
                    } else {
                        Content::Disk(full.clone())
                    };
                    planner.add(&full, repo.shown(&file), content, None, None);
                }
            } else {
                planner.add(path, shown, Content::Disk(path.clone()), None, None);
            }
        }
    }
    let Planner {
        mut jobs,
        config_failure,
        noted,
        ..
    } = planner;
    if let Some(e) = config_failure {
        return Err(config_error(&e));
    }
    let mut warnings = Vec::new();
    if git_mode.is_none() {
        if jobs.is_empty() {
            let named: Vec<String> = paths
                .iter()
                .filter(|p| exists(p))
                .map(|p| format!("`{}`", files::display_path(p)))
                .collect();
            if !named.is_empty() {
                warnings.push(format!(
                    "no postmortem found in {}: folders are walked for Markdown files (README, list pages and templates are skipped); name files with `include` in the config",
                    named.join(", ")
                ));
            }
        }
        for (config, glob) in resolver.unmatched_includes() {
            warnings.push(format!("{config}: include glob `{glob}` matches no file"));
        }
    }
    jobs.sort_by(|a, b| a.display.cmp(&b.display));
    jobs.dedup_by(|a, b| a.display == b.display);
    resolver.use_prefilter(jobs.len() >= PREFILTER_FROM);
    let mut written: HashMap<String, check::Written> = HashMap::new();
    if let Some(repo) = &repo
        && !args.no_history
    {
        let stale_enabled = jobs.first().is_some_and(|j| {
            resolver
                .get(j.settings)
                .severity("stale-action-item")
                .is_some()
        });
        if stale_enabled {
            let paths: HashSet<&str> = jobs.iter().map(|j| j.display.as_str()).collect();
            let template = &resolver.get(jobs[0].settings).template;
            // For a few files (a commit hook), only their own versions are read; for many, the
            // history of the folders that hold them.
            let few: Vec<&str> = paths.iter().copied().collect();
            let history = if few.len() <= 32 {
                History::from_git_limited(repo, &few, template)
            } else {
                let mut scope: Vec<String> = few
                    .iter()
                    .map(|p| p.rsplit_once('/').map_or("", |(d, _)| d).to_owned())
                    .collect();
                scope.sort();
                scope.dedup();
                History::from_git(repo, &scope, &|p| paths.contains(p), template, None)
            };
            if let Ok(Some(history)) = history {
                for item in history.items {
                    if let Some(added) = item.added {
                        written
                            .entry(item.postmortem)
                            .or_default()
                            .insert(item.id, added);
                    }
                }
            }
        }
    }
    Ok(Plan {
        jobs,
        resolver,
        path_errors,
        written,
        history_repo: repo.filter(|_| !args.no_history).map(Mutex::new),
        authors: OnceLock::new(),
        noted,
        warnings,
    })
}

/// Outside a repository: walk the folder (or take the file), honouring `.gitignore` files.
fn walk_outside_git(
    path: &Path,
    planner: &mut Planner<'_>,
    path_errors: &mut Vec<files::PathError>,
) {
    let failure = std::cell::RefCell::new(None);
    let collected = {
        let resolver = std::cell::RefCell::new(&mut *planner.resolver);
        let select = |p: &Path, by_name: bool| match resolver.borrow_mut().selects(p, by_name) {
            Ok(selected) => selected,
            Err(e) => {
                failure.borrow_mut().get_or_insert(e);
                false
            }
        };
        files::collect(std::slice::from_ref(&path.to_path_buf()), &select)
    };
    if let Some(e) = failure.into_inner() {
        planner.config_failure.get_or_insert(e);
        return;
    }
    for target in collected.targets {
        let display = target.display.clone();
        let content = Content::Disk(target.path.clone());
        planner.add(&target.path, display, content, None, None);
    }
    for display in collected.refused {
        planner.add(
            Path::new(&display),
            display.clone(),
            Content::LinkOut,
            None,
            None,
        );
    }
    for (display, reason) in collected.unwalkable {
        if reason.contains("loop") {
            eprintln!("postmortem-lint: warning: {display}: {reason}");
        } else {
            let content = Content::Unwalkable(reason);
            planner.add(Path::new(&display), display.clone(), content, None, None);
        }
    }
    planner.noted.extend(collected.noted);
    path_errors.extend(collected.errors);
}

/// Checks every job, a chunk at a time in parallel, and hands the reports to `sink` in order.
fn run(
    plan: &Plan,
    threads: Option<usize>,
    mut sink: impl FnMut(FileReport) -> io::Result<()>,
) -> io::Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| io::Error::other(format!("cannot start worker threads: {e}")))?;
    // Commit authors are read once, and only if blamed-person meets a fault verb.
    let authors = |visit: &mut dyn FnMut(&str)| {
        let names = plan.authors.get_or_init(|| {
            plan.history_repo
                .as_ref()
                .and_then(|m| m.lock().ok())
                .map(|repo| repo.authors(AUTHOR_COMMITS))
                .unwrap_or_default()
        });
        for name in names {
            visit(name);
        }
    };
    for chunk in plan.jobs.chunks(CHUNK) {
        let reports: Vec<FileReport> = pool.install(|| {
            chunk
                .par_iter()
                .map(|job| {
                    let settings = plan.resolver.get(job.settings);
                    let history = check::FromHistory {
                        written: plan.written.get(&job.display),
                        authors: plan
                            .history_repo
                            .is_some()
                            .then_some(&authors as &check::Authors<'_>),
                    };
                    let mut report = match &job.content {
                        Content::Disk(path) => match std::fs::read(path) {
                            Ok(bytes) => {
                                check::check_bytes_with(&job.display, &bytes, settings, history)
                            }
                            Err(e) => check::unreadable(&job.display, &e),
                        },
                        Content::Blob(bytes) => {
                            check::check_bytes_with(&job.display, bytes, settings, history)
                        }
                        Content::Unwalkable(reason) => check::unreadable(&job.display, reason),
                        Content::LinkOut => check::unreadable(&job.display, &LINK_OUT),
                        Content::Unmerged(path) => match std::fs::read(path) {
                            Ok(bytes) => check::unmerged(check::check_bytes_with(
                                &job.display,
                                &bytes,
                                settings,
                                history,
                            )),
                            Err(e) => check::unreadable(&job.display, &e),
                        },
                    };
                    if let Some(lines) = &job.changed {
                        check::keep_changed_lines(&mut report, lines);
                    }
                    report
                })
                .collect()
        });
        for report in reports {
            sink(report)?;
        }
    }
    Ok(())
}

pub fn run_check(args: CheckArgs) -> io::Result<ExitCode> {
    if args.changed_lines_only && args.diff_base.is_none() {
        eprintln!("postmortem-lint: error: --changed-lines-only needs --diff-base REF");
        return Ok(ExitCode::from(2));
    }
    if let Some(message) = output_named_twice(&args) {
        eprintln!("postmortem-lint: error: {message}");
        return Ok(ExitCode::from(2));
    }
    let plan = match plan(&args) {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
    };
    if let Some(message) = output_is_input(&args, &plan) {
        eprintln!("postmortem-lint: error: {message}");
        return Ok(ExitCode::from(2));
    }
    // `--baseline`, else the config's `baseline` (as `init --baseline` writes it).
    let baseline_file = args.baseline.clone().or_else(|| {
        plan.jobs
            .first()
            .and_then(|j| plan.resolver.get(j.settings).baseline.clone())
    });
    let mut baseline = match &baseline_file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => match Baseline::parse(&files::display_path(path), &text) {
                Ok(b) => Some(b),
                Err(e) => return Ok(config_error(&e)),
            },
            Err(e) => {
                eprintln!("postmortem-lint: error: {}: {e}", files::display_path(path));
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let stdout = io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let options = RenderOptions {
        color,
        quiet: args.quiet,
    };
    let rules: Vec<&'static rules::RuleDoc> = plan.resolver.rule_docs();
    let mut files_out = Vec::with_capacity(args.output.len());
    for (format, path) in &args.output {
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        match tempfile::NamedTempFile::new_in(folder) {
            Ok(file) => files_out.push((*format, path, io::BufWriter::new(file))),
            Err(e) => {
                eprintln!("postmortem-lint: error: {}: {e}", files::display_path(path));
                return Ok(ExitCode::from(2));
            }
        }
    }
    let mut out = io::BufWriter::new(stdout.lock());
    let mut writers = vec![render::Writer::begin(
        &mut out,
        args.format.format(),
        options,
        plan.jobs.len(),
        rules.clone(),
    )?];
    for (format, _, file) in &mut files_out {
        let quiet = RenderOptions {
            color: false,
            quiet: false,
        };
        writers.push(render::Writer::begin(
            file,
            *format,
            quiet,
            plan.jobs.len(),
            rules.clone(),
        )?);
    }
    // GitHub shows ten annotations of each level per step: the job summary lists them all.
    let summary_file = (args.format.format() == Format::Github)
        .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
        .flatten()
        .filter(|p| !p.is_empty());
    let mut summary = github::Summary::default();
    let mut baselined = 0;
    run(&plan, args.threads, |mut report| {
        if let Some(b) = baseline.as_mut() {
            baselined += b.apply(&mut report);
        }
        if summary_file.is_some() {
            summary.add(&report);
        }
        for writer in &mut writers {
            writer.file(&report)?;
        }
        Ok(())
    })?;
    let mut totals = None;
    for writer in writers {
        totals.get_or_insert(writer.finish()?);
    }
    let totals = totals.unwrap_or_default();
    drop(out);
    for (_, path, file) in files_out {
        let kept = file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|f| f.persist(path).map_err(|e| e.error));
        if let Err(e) = kept {
            eprintln!("postmortem-lint: error: {}: {e}", files::display_path(path));
            return Ok(ExitCode::from(2));
        }
    }
    if let Some(path) = summary_file {
        let link_base = match (
            std::env::var("GITHUB_SERVER_URL"),
            std::env::var("GITHUB_REPOSITORY"),
            std::env::var("GITHUB_SHA"),
        ) {
            (Ok(server), Ok(repo), Ok(sha)) => Some(format!("{server}/{repo}/blob/{sha}")),
            _ => None,
        };
        let text = summary.markdown(plan.jobs.len(), link_base.as_deref());
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(e) = appended {
            eprintln!(
                "postmortem-lint: warning: cannot write the job summary to {}: {e}",
                path.to_string_lossy()
            );
        }
    }
    if baselined > 0 && !args.quiet {
        let s = if baselined == 1 { "" } else { "s" };
        eprintln!("postmortem-lint: {baselined} finding{s} in the baseline not shown");
    }
    if !args.quiet {
        for path in &plan.noted {
            eprintln!(
                "postmortem-lint: note: {path}: looks like a postmortem but has no .md extension: not checked (add it to `include` in the config to check it)"
            );
        }
    }
    for warning in &plan.warnings {
        eprintln!("postmortem-lint: warning: {warning}");
    }
    for error in &plan.path_errors {
        eprintln!("postmortem-lint: error: {error}");
    }
    if !plan.path_errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A path as it will be once written: resolved through existing folders and links.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (folder.canonicalize(), path.file_name()) {
        (Ok(real), Some(name)) => real.join(name),
        _ => path.to_path_buf(),
    }
}

/// Two `--output` reports naming one file: one would silently replace the other.
fn output_named_twice(args: &CheckArgs) -> Option<String> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for (_, path) in &args.output {
        let real = resolved(path);
        if seen.contains(&real) {
            return Some(format!(
                "{}: named by two --output reports; give each its own file",
                files::display_path(path)
            ));
        }
        seen.push(real);
    }
    None
}

/// An `--output` report that would overwrite a file the run reads: a checked postmortem, the
/// config or the baseline.
fn output_is_input(args: &CheckArgs, plan: &Plan) -> Option<String> {
    if args.output.is_empty() {
        return None;
    }
    let mut inputs: HashSet<PathBuf> = plan
        .jobs
        .iter()
        .filter_map(|j| match &j.content {
            Content::Disk(p) | Content::Unmerged(p) => Some(resolved(p)),
            _ => None,
        })
        .collect();
    inputs.extend(
        args.config
            .iter()
            .chain(&args.baseline)
            .map(|p| resolved(p)),
    );
    inputs.extend(plan.resolver.config_files().map(resolved));
    let config_baseline = plan
        .jobs
        .first()
        .and_then(|j| plan.resolver.get(j.settings).baseline.as_deref());
    inputs.extend(config_baseline.map(resolved));
    args.output.iter().find_map(|(_, path)| {
        inputs.contains(&resolved(path)).then(|| {
            format!(
                "{}: --output would overwrite a file this run reads; write the report elsewhere",
                files::display_path(path)
            )
        })
    })
}

/// `postmortem-lint baseline`: records today's findings so that `check --baseline` shows
/// only new ones.
pub fn run_baseline(args: CheckArgs, output: &Path) -> io::Result<ExitCode> {
    let plan = match plan(&args) {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
    };
    let mut recorder = baseline::Recorder::default();
    run(&plan, args.threads, |report| {
        recorder.add(&report);
        Ok(())
    })?;
    let findings = recorder.len();
    let files_checked = plan.jobs.len();
    std::fs::write(output, recorder.finish())?;
    emit(&format!(
        "wrote {findings} finding{} of {files_checked} file{} to {}\n",
        if findings == 1 { "" } else { "s" },
        if files_checked == 1 { "" } else { "s" },
        files::display_path(output)
    ))?;
    Ok(ExitCode::SUCCESS)
}
