//! A check run: which files (walked, listed by git, staged, changed since a base), each with
//! the settings of its config and what history says of it, checked in parallel a chunk at a
//! time and handed on in path order. The command line only asks and prints.

use crate::check;
use crate::config::Resolver;
use crate::diagnostic::FileFindings;
use crate::diagnostic::{Applicability, Fixed, LineEnds};
use crate::document::Date;
use crate::files;
use crate::git::{GitError, Repo};
use crate::located::LocatedError;
use crate::rules::phrase::Prefilter;
use crate::source::Source;
mod configs;
mod plan;
pub mod select;

pub use configs::ConfigChange;
pub use plan::{plan, walk_selects};
use std::collections::{BTreeSet, HashMap};
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, OnceLock, PoisonError, mpsc};

/// In a parallel run, how many files the other threads may check ahead of the output (or
/// two batches each, when there are many of them): what memory holds beyond the batches.
const AHEAD: usize = 512;

/// Files checked together, a rule at a time over all of them (see
/// `check::check_sources_with`).
const BATCH: usize = 64;

/// From this many files on, the phrase rules share a prefilter (reading the literals off the
/// patterns, about 13 M instructions, costs about as much as it saves on a few dozen files).
const PREFILTER_FROM: usize = 32;

/// How many commits' authors `blamed-person` learns names from.
pub const AUTHOR_COMMITS: usize = 5000;

pub enum Content {
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

pub struct Job {
    pub display: String,
    pub content: Content,
    pub settings: usize,
    /// With `--changed-lines-only`: the lines whose line-level findings are kept.
    pub changed: Option<BTreeSet<usize>>,
}

/// The files of a run, each with its settings.
pub struct Plan {
    pub jobs: Vec<Job>,
    pub resolver: Resolver,
    pub path_errors: Vec<files::PathError>,
    /// When each action item was written, per file, from git history (`stale-action-item`).
    written: HashMap<String, check::Written>,
    /// The repository, for reading commit authors when a rule first needs them.
    history_repo: Option<Mutex<Repo>>,
    authors: OnceLock<Vec<String>>,
    /// Per loaded config, the prefilter over its phrase rules, built on first use when the run
    /// is large enough to gain from it.
    prefilters: Vec<OnceLock<Prefilter>>,
    use_prefilter: bool,
    /// Files without an extension that look like Markdown and were not checked.
    pub noted: Vec<String>,
    /// What the run found worth saying: a walk that found nothing, a glob that matched
    /// nothing, a submodule not checked out, a symbolic link loop.
    pub warnings: Vec<String>,
    /// With `--diff-base`: the config files the diff changed, and what each change does.
    pub config_changes: Vec<ConfigChange>,
    /// With `check --fix` or `--diff`: the least safe fixes applied to files on disk (each
    /// report then carries what fixing did; writing is the caller's).
    pub fix: Option<Applicability>,
}

/// Why a run could not start: a config error (at its file, line and column) or what git
/// could not do.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{0}")]
    Config(#[from] LocatedError),
    #[error("{0}")]
    Git(#[from] GitError),
}

/// What `check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files and folders; empty for the current folder.
    pub paths: Vec<PathBuf>,
    pub config: Option<PathBuf>,
    pub as_of: Option<Date>,
    pub staged: bool,
    pub diff_base: Option<String>,
    pub changed_lines_only: bool,
    pub no_history: bool,
    /// Read every config from this commit instead of the working tree.
    pub config_from: Option<String>,
    /// A buffer to check instead of files (`check -`): the name it is shown and configured
    /// by (`--stdin-filename`), and its bytes.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// Read no config file (`--isolated`): the built-in defaults govern every path.
    pub isolated: bool,
}

/// The lock of `m`, also after a thread panicked holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Fixes one file's report in rounds (see `fix::fix`), recording what fixing did. A file with
/// mixed line ends is not fixed (its text could not be written back as it was); it is
/// recorded with nothing applied when it had something to fix.
fn fix_file(
    report: &mut FileFindings,
    least: Applicability,
    (line_ends, bom): (LineEnds, bool),
    path: &std::path::Path,
    check: &dyn Fn(String) -> Option<FileFindings>,
) {
    let Some(before) = report.source.as_ref().map(|s| s.text().to_owned()) else {
        return;
    };
    let fixable = report
        .diagnostics
        .iter()
        .flat_map(|d| &d.fixes)
        .any(|f| crate::fix::applies(f, least));
    if !fixable {
        return;
    }
    let mut original = report.clone();
    original.fixed = None;
    let outcome = if line_ends == LineEnds::Mixed {
        crate::fix::Outcome {
            text: before.clone(),
            ..Default::default()
        }
    } else {
        match crate::fix::fix(report, least, check) {
            Some(outcome) => outcome,
            None => return,
        }
    };
    if outcome.applied > 0 || !outcome.withheld.is_empty() || line_ends == LineEnds::Mixed {
        report.fixed = Some(Box::new(Fixed {
            path: path.to_path_buf(),
            before,
            after: outcome.text,
            applied: outcome.applied,
            withheld: outcome.withheld,
            line_ends,
            bom,
            original: Some(Box::new(original)),
        }));
    }
}

/// Checks every job, in parallel batches, handing reports to `sink` in path order.
pub fn run(
    plan: &Plan,
    threads: Option<usize>,
    mut sink: impl FnMut(&mut FileFindings) -> io::Result<()>,
) -> io::Result<()> {
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
    // A version of a file read back from history: that of a file of one version, when the
    // file checked is not that version (see `check::Written::whole`).
    let read_blob = |id: crate::git::BlobId| {
        plan.history_repo
            .as_ref()
            .and_then(|m| m.lock().ok())
            .and_then(|repo| repo.blob(id).ok())
    };
    let facts = |job: &Job| check::RunFacts {
        prefilter: plan.use_prefilter.then(|| &plan.prefilters[job.settings]),
        written: plan.written.get(&job.display),
        read_blob: Some(&read_blob as &check::ReadBlob<'_>),
        authors: plan
            .history_repo
            .is_some()
            .then_some(&authors as &crate::rules::Authors<'_>),
    };
    // A batch of jobs: each file read, then the files that share settings checked together
    // (see `check::check_sources_with`), the reports in the jobs' order.
    let check_jobs = |jobs: &[Job]| -> Vec<FileFindings> {
        let mut reports: Vec<Option<FileFindings>> = jobs.iter().map(|_| None).collect();
        // (job index, source, facts) of the files read, waiting for a batch to be checked.
        let mut pending: Vec<(usize, Source, check::RunFacts<'_>)> = Vec::new();
        // With fixes asked for: each file's line ends and byte-order mark, as read.
        let mut ends: Vec<Option<(LineEnds, bool)>> = vec![None; jobs.len()];
        let flush = |pending: &mut Vec<(usize, Source, check::RunFacts<'_>)>,
                     reports: &mut Vec<Option<FileFindings>>,
                     ends: &[Option<(LineEnds, bool)>]| {
            let Some(&(first, _, _)) = pending.first() else {
                return;
            };
            let settings = plan.resolver.get(jobs[first].settings);
            let (at, batch): (Vec<usize>, Vec<_>) =
                pending.drain(..).map(|(i, s, f)| (i, (s, f))).unzip();
            for (i, mut report) in at
                .into_iter()
                .zip(check::check_sources_with(batch, settings))
            {
                let job = &jobs[i];
                if matches!(job.content, Content::Unmerged(_)) {
                    report = check::unmerged(report, settings);
                }
                if let Some(lines) = &job.changed {
                    check::keep_changed_lines(&mut report, lines);
                }
                if let (Some(least), Some(read), Content::Disk(path)) =
                    (plan.fix, ends[i], &job.content)
                {
                    fix_file(&mut report, least, read, path, &|text: String| {
                        let source =
                            Source::from_vec(job.display.clone(), text.into_bytes()).ok()?;
                        let mut checked =
                            check::check_sources_with(vec![(source, facts(job))], settings)
                                .pop()?;
                        if let Some(lines) = &job.changed {
                            check::keep_changed_lines(&mut checked, lines);
                        }
                        Some(checked)
                    });
                }
                reports[i] = Some(report);
            }
        };
        for (i, job) in jobs.iter().enumerate() {
            if pending
                .first()
                .is_some_and(|&(first, _, _)| jobs[first].settings != job.settings)
            {
                flush(&mut pending, &mut reports, &ends);
            }
            // Why a file could not be read, made a report below.
            let read: Result<Source, check::Unreadable> = match &job.content {
                Content::Disk(path) | Content::Unmerged(path) => match std::fs::read(path) {
                    Ok(bytes) => {
                        if plan.fix.is_some() {
                            ends[i] = Some((
                                LineEnds::of(&bytes),
                                bytes.starts_with("\u{feff}".as_bytes()),
                            ));
                        }
                        Source::from_vec(job.display.clone(), bytes)
                            .map_err(check::Unreadable::from)
                    }
                    Err(e) => Err(check::Unreadable::Io(e.to_string())),
                },
                Content::Blob(bytes) => {
                    Source::from_bytes(job.display.clone(), bytes).map_err(check::Unreadable::from)
                }
                Content::Unwalkable(reason) => Err(check::Unreadable::Folder(reason.clone())),
                Content::LinkOut => Err(check::Unreadable::LinkOut),
            };
            match read {
                Ok(source) => pending.push((i, source, facts(job))),
                Err(reason) => reports[i] = Some(check::unreadable(&job.display, &reason)),
            }
        }
        flush(&mut pending, &mut reports, &ends);
        reports.into_iter().flatten().collect()
    };
    // One file (a commit hook, an editor's save), or one thread: no worker threads to start.
    // On one thread, checking and writing in turn is faster than overlapping them (measured:
    // 5% on 10,000 files), because memory one thread allocates and another frees makes them
    // wait on each other's allocator locks.
    let sequential = |sink: &mut dyn FnMut(&mut FileFindings) -> io::Result<()>| {
        for batch in plan.jobs.chunks(BATCH) {
            for mut report in check_jobs(batch) {
                sink(&mut report)?;
            }
        }
        Ok(())
    };
    // `-j 0`, as no `-j`, means one thread per core.
    let workers = threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get));
    if plan.jobs.len() <= 1 || workers <= 1 {
        return sequential(&mut sink);
    }
    let batches: Vec<&[Job]> = plan.jobs.chunks(BATCH).collect();
    // Every thread takes the batches in order, each the next one free, and none waits for
    // another: a thread that is done takes the next batch at once, where waiting for a whole
    // chunk to be checked left one idle at the end of every chunk. This thread checks
    // batches too and, between them, writes the reports that are ready, in order. The
    // others may run up to `AHEAD` files ahead of the output.
    let ahead = AHEAD.div_ceil(BATCH).max(2 * workers);
    let next = AtomicUsize::new(0);
    // The first batch not yet written, and whether the run is over (the sink failed).
    let written = Mutex::new((0usize, false));
    let moved = Condvar::new();
    let (done, checked) = mpsc::channel::<(usize, Vec<FileFindings>)>();
    // Reports written go back to be freed by whichever thread checks a batch next: memory
    // freed by another thread than the one that allocated it makes the threads wait on each
    // other's allocator locks.
    let (spent, to_free) = mpsc::channel::<Vec<FileFindings>>();
    let to_free = Mutex::new(to_free);
    let free_spent = || {
        if let Ok(spent) = to_free.try_lock() {
            spent.try_iter().for_each(drop);
        }
    };
    std::thread::scope(|scope| {
        // The prefilter is built beside the workers, which read and parse their first batch
        // meanwhile, rather than by one of them while the others wait for it.
        if let Some(first) = plan.jobs.first().filter(|_| plan.use_prefilter) {
            let settings = plan.resolver.get(first.settings);
            let prefilter = &plan.prefilters[first.settings];
            scope.spawn(move || prefilter.get_or_init(|| settings.prefilter()));
        }
        for _ in 1..workers {
            let done = done.clone();
            let (batches, next, written, moved) = (&batches, &next, &written, &moved);
            let (check_jobs, free_spent) = (&check_jobs, &free_spent);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(jobs) = batches.get(i) else { break };
                    let mut state = lock(written);
                    while i >= state.0 + ahead && !state.1 {
                        state = moved.wait(state).unwrap_or_else(PoisonError::into_inner);
                    }
                    if state.1 {
                        break;
                    }
                    drop(state);
                    free_spent();
                    // A closed channel: the sink failed and the run is over.
                    if done.send((i, check_jobs(jobs))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        let mut waiting: Vec<Option<Vec<FileFindings>>> = batches.iter().map(|_| None).collect();
        let mut first = 0;
        // Writes the batches that are ready, in order.
        let mut write = |waiting: &mut Vec<Option<Vec<FileFindings>>>| -> io::Result<()> {
            while let Some(mut reports) = waiting.get_mut(first).and_then(Option::take) {
                for report in &mut reports {
                    sink(report)?;
                }
                first += 1;
                lock(&written).0 = first;
                moved.notify_all();
                // The others are done once the last batch is sent: this thread frees the
                // rest.
                let _ = spent.send(reports);
            }
            Ok(())
        };
        let result = (|| {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(jobs) = batches.get(i) else { break };
                free_spent();
                waiting[i] = Some(check_jobs(jobs));
                for (i, reports) in checked.try_iter() {
                    waiting[i] = Some(reports);
                }
                write(&mut waiting)?;
            }
            for (i, reports) in &checked {
                waiting[i] = Some(reports);
                write(&mut waiting)?;
            }
            write(&mut waiting)
        })();
        if result.is_err() {
            lock(&written).1 = true;
            moved.notify_all();
            drop(checked);
        }
        result
    })
}
