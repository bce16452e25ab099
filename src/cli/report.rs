//! The `report` verb: action-item completion from git history, or from the documents alone.

use postmortem_lint::document::Date;
use postmortem_lint::git::{GitError, Repo};
use postmortem_lint::report::{self, History, Report};
use postmortem_lint::run::{self, Content, Request, select::HistoryScope};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// Tables and Mermaid charts; renders on GitHub, in a job summary or a wiki.
    #[value(alias = "md")]
    Markdown,
    /// Every figure, for other tools.
    Json,
    /// One self-contained page with inline SVG charts.
    Html,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// Postmortem files and folders [default: the current folder].
    paths: Vec<PathBuf>,
    /// The report's "today" (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_as_of)]
    as_of: Option<Date>,
    /// Only postmortems added on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_as_of)]
    since: Option<Date>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
    format: ReportFormat,
    /// Use this config file (for its template) instead of discovering one.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// What links to the postmortems start with, their repository path following, e.g.
    /// `https://github.com/acme/sre/blob/main/` [default: in GitHub Actions, the file at the
    /// commit being run; elsewhere links relative to the repository's root].
    #[arg(long, value_name = "URL")]
    link_base: Option<String>,
    /// What the tracker says of the linked tickets, as exported: `gh issue list --state all
    /// --json number,state,stateReason,closedAt,assignees` output, or a Jira CSV export. A
    /// ticket's close date becomes its item's done date where the document does not say.
    #[arg(long, value_name = "FILE")]
    tracker_export: Vec<PathBuf>,
    /// Read each linked issue's state, close date and assignees from the tracker's API:
    /// `github` (GITHUB_API_URL, default https://api.github.com; token from GITHUB_TOKEN or
    /// GH_TOKEN). The only network access of any verb; a tracker that cannot be reached is a
    /// warning, and the items keep their document status.
    #[arg(long, value_enum, value_name = "TRACKER")]
    tracker: Option<super::tracker::TrackerApi>,
    /// The GitHub repository (OWNER/REPO) the tracker's issues are in, for references that
    /// name one (`acme/api#12`, URLs) [default: the `origin` remote].
    #[arg(long, value_name = "OWNER/REPO")]
    tracker_repo: Option<String>,
}

/// In GitHub Actions, where a job summary cannot follow a relative link: the files at the
/// commit the workflow runs on.
fn actions_link_base() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    Some(format!(
        "{}/{}/blob/{}/",
        var("GITHUB_SERVER_URL")?.trim_end_matches('/'),
        var("GITHUB_REPOSITORY")?,
        var("GITHUB_SHA")?
    ))
}

pub fn run_report(args: ReportArgs) -> io::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for path in &paths {
        if !path.exists() {
            eprintln!(
                "postmortem-lint: error: {}: no such file or folder",
                postmortem_lint::escape::visible(&postmortem_lint::source::display_path(path))
            );
            return Ok(ExitCode::from(2));
        }
    }
    let repo = match Repo::find(&paths[0]) {
        Ok(repo) => repo,
        Err(GitError::Bare(_)) => {
            eprintln!("postmortem-lint: error: {}", GitError::Bare("report"));
            return Ok(ExitCode::from(2));
        }
        Err(_) => None,
    };
    // The files `check` would check: one selection for both verbs.
    let request = Request {
        paths: paths.clone(),
        config: args.config.clone(),
        as_of: args.as_of,
        no_history: true,
        ..Request::default()
    };
    let mut plan = match run::plan(&request) {
        Ok(plan) => plan,
        Err(e) => return Ok(super::check::failed(&e)),
    };
    super::check::tell_selection(&plan, false);
    let as_of = plan.resolver.today();
    let mut shallow = false;
    let mut unborn = false;
    let mut history = None;
    if let Some(repo) = &repo {
        let named: Vec<String> = paths
            .iter()
            .filter_map(|p| run::select::relative(repo, p))
            .collect();
        let scope = HistoryScope::new(&plan.jobs, repo, &named);
        // Each file is read with its own config's template, as `check` reads it.
        let templates = scope.templates(&plan.resolver);
        let template = |path: &str| templates.of(path);
        let resolver = std::cell::RefCell::new(&mut plan.resolver);
        let wanted = |path: &str| scope.wants(repo, &resolver, path);
        match History::from_git(repo, &scope.folders, &wanted, &template, Some(as_of)) {
            // No commit yet: nothing in history; the documents say what they say.
            Ok(Some(h)) if h.commits == Some(0) => unborn = true,
            Ok(Some(mut h)) => {
                scope.keep(repo, &mut h);
                history = Some(h);
            }
            Ok(None) => shallow = true,
            Err(e) => {
                eprintln!(
                    "postmortem-lint: error: {}",
                    postmortem_lint::escape::visible(&e.to_string())
                );
                return Ok(ExitCode::from(2));
            }
        }
    }
    let history = match history {
        Some(h) => h,
        None => {
            let docs: Vec<(String, Vec<u8>)> = plan
                .jobs
                .iter()
                .filter_map(|j| match &j.content {
                    Content::Disk(path) => std::fs::read(path).ok().map(|b| (j.display.clone(), b)),
                    _ => None,
                })
                .collect();
            let settings: std::collections::HashMap<&str, usize> = plan
                .jobs
                .iter()
                .map(|j| (j.display.as_str(), j.settings))
                .collect();
            let resolver = &plan.resolver;
            let template = |path: &str| {
                &resolver
                    .get(settings.get(path).copied().unwrap_or(0))
                    .template
            };
            History::from_documents(&docs, &template, as_of)
        }
    };
    let mut history = history;
    let source = super::tracker::Source {
        exports: &args.tracker_export,
        api: args.tracker,
        repo: args.tracker_repo.as_deref(),
    };
    if let Err(code) = super::tracker::apply_tracker(&source, repo.as_ref(), &mut history) {
        return Ok(code);
    }
    let mut report = Report::compute(&history, as_of, args.since);
    report.link_base = args
        .link_base
        .clone()
        .or_else(actions_link_base)
        .unwrap_or_default();
    if shallow {
        report.missing.insert(
            0,
            "git history: this is a shallow clone; fetch the whole history (`fetch-depth: 0`)",
        );
    }
    if unborn {
        report.missing.insert(
            0,
            "git history: the repository has no commit yet; commit the postmortems and run the report again",
        );
    }
    let text = match args.format {
        ReportFormat::Markdown => report::markdown(&report),
        ReportFormat::Json => report::json(&report),
        ReportFormat::Html => report::html(&report),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
