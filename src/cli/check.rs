//! The `check` and `baseline` verbs: which files (walked, from git, staged, changed since a
//! base), in parallel a chunk at a time, filtered by changed lines and a baseline, rendered in
//! path order.

use super::{CheckArgs, config_error, emit};
use postmortem_lint::baseline::{self, Baseline};
use postmortem_lint::check::{self, FileReport};
use postmortem_lint::config::{LocatedError, Resolver};
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
}

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
}

fn git_error(e: &GitError) -> ExitCode {
    eprintln!("postmortem-lint: error: {e}");
    ExitCode::from(2)
}

/// Whether a repository-relative path is one a folder walk would check.
fn walkable(path: &str) -> bool {
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or("");
    files::is_candidate(name) && !parts.iter().any(|p| p.starts_with('.'))
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
    let repo = Repo::discover(&paths[0]);
    let mut jobs = Vec::new();
    let mut path_errors = Vec::new();
    let mut config_failure: Option<LocatedError> = None;

    if args.staged || args.diff_base.is_some() {
        let Some(repo) = &repo else {
            let flag = if args.staged {
                "--staged"
            } else {
                "--diff-base"
            };
            return Err(git_error(&GitError::NotARepository(flag)));
        };
        // Only the paths named (repository-relative prefixes), or all of the repository.
        let mut prefixes = Vec::new();
        for p in &args.paths {
            match repo.relative(p) {
                Some(rel) => prefixes.push(rel.to_string_lossy().replace('\\', "/")),
                None => path_errors.push(files::PathError::NotFound {
                    path: files::display_path(p),
                }),
            }
        }
        let named = |path: &str| {
            prefixes.is_empty()
                || prefixes
                    .iter()
                    .any(|p| p.is_empty() || path == p || path.starts_with(&format!("{p}/")))
        };
        let mut add = |path: String,
                       content: Content,
                       changed: Option<BTreeSet<usize>>,
                       resolver: &mut Resolver| {
            let full = repo.workdir().join(&path);
            match resolver
                .index_for(&full)
                .and_then(|i| resolver.selects(&full).map(|s| (i, s)))
            {
                Ok((settings, true)) => jobs.push(Job {
                    display: path,
                    content,
                    settings,
                    changed,
                }),
                Ok(_) => {}
                Err(e) => {
                    config_failure.get_or_insert(e);
                }
            }
        };
        if args.staged {
            for blob in repo.staged().map_err(|e| git_error(&e))? {
                if walkable(&blob.path) && named(&blob.path) {
                    add(blob.path, Content::Blob(blob.bytes), None, &mut resolver);
                }
            }
        } else if let Some(reference) = &args.diff_base {
            for changed in repo.changed_since(reference).map_err(|e| git_error(&e))? {
                if walkable(&changed.path) && named(&changed.path) {
                    let full = repo.workdir().join(&changed.path);
                    let lines = args.changed_lines_only.then_some(changed.lines);
                    add(changed.path, Content::Disk(full), lines, &mut resolver);
                }
            }
        }
    } else {
        for path in &paths {
            let Some(repo) = repo.as_ref().filter(|r| r.relative(path).is_some()) else {
                walk_outside_git(
                    path,
                    &mut resolver,
                    &mut jobs,
                    &mut path_errors,
                    &mut config_failure,
                );
                continue;
            };
            let rel = repo.relative(path).unwrap_or_default();
            if path.is_dir() {
                let listed = repo.files_under(&rel).map_err(|e| git_error(&e))?;
                for file in listed.into_iter().filter(|f| walkable(f)) {
                    let full = repo.workdir().join(&file);
                    match resolver
                        .index_for(&full)
                        .and_then(|i| resolver.selects(&full).map(|s| (i, s)))
                    {
                        Ok((settings, true)) => jobs.push(Job {
                            display: file,
                            content: Content::Disk(full),
                            settings,
                            changed: None,
                        }),
                        Ok(_) => {}
                        Err(e) => {
                            config_failure.get_or_insert(e);
                        }
                    }
                }
            } else {
                match resolver.index_for(path) {
                    Ok(settings) => jobs.push(Job {
                        display: rel.to_string_lossy().replace('\\', "/"),
                        content: Content::Disk(path.clone()),
                        settings,
                        changed: None,
                    }),
                    Err(e) => {
                        config_failure.get_or_insert(e);
                    }
                }
            }
        }
    }
    if let Some(e) = config_failure {
        return Err(config_error(&e));
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
            // For a few files (a commit hook), the diffs are limited to them.
            let few: Vec<&str> = paths.iter().copied().collect();
            let only = (few.len() <= 32).then_some(few.as_slice());
            if let Ok(Some(history)) =
                History::from_git_limited(repo, &|p| paths.contains(p), only, template)
            {
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
    })
}

/// Outside a repository: walk the folder (or take the file), honouring `.gitignore` files.
fn walk_outside_git(
    path: &Path,
    resolver: &mut Resolver,
    jobs: &mut Vec<Job>,
    path_errors: &mut Vec<files::PathError>,
    config_failure: &mut Option<LocatedError>,
) {
    let resolver_cell = std::cell::RefCell::new(&mut *resolver);
    let failure = std::cell::RefCell::new(None);
    let select = |p: &Path| match resolver_cell.borrow_mut().selects(p) {
        Ok(selected) => selected,
        Err(e) => {
            failure.borrow_mut().get_or_insert(e);
            false
        }
    };
    let collected = files::collect(std::slice::from_ref(&path.to_path_buf()), &select);
    if let Some(e) = failure.into_inner() {
        config_failure.get_or_insert(e);
        return;
    }
    for target in collected.targets {
        match resolver.index_for(&target.path) {
            Ok(settings) => jobs.push(Job {
                display: target.display,
                content: Content::Disk(target.path),
                settings,
                changed: None,
            }),
            Err(e) => {
                config_failure.get_or_insert(e);
            }
        }
    }
    for (display, reason) in collected.unwalkable {
        if reason.contains("loop") {
            eprintln!("postmortem-lint: warning: {display}: {reason}");
        } else if let Ok(settings) = resolver.index_for(Path::new(&display)) {
            jobs.push(Job {
                display,
                content: Content::Unwalkable(reason),
                settings,
                changed: None,
            });
        }
    }
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
    let mut baseline = match &args.baseline {
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
    let plan = match plan(&args) {
        Ok(plan) => plan,
        Err(code) => return Ok(code),
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
        match std::fs::File::create(path) {
            Ok(file) => files_out.push((*format, io::BufWriter::new(file))),
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
    for (format, file) in &mut files_out {
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
