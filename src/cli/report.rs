//! The `report` verb: action-item completion from git history, or from the documents alone.

use super::config_error;
use postmortem_lint::config::Resolver;
use postmortem_lint::document::Date;
use postmortem_lint::files;
use postmortem_lint::git::{GitError, Repo};
use postmortem_lint::report::{self, History, Report};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// Tables and Mermaid charts; renders on GitHub, in a job summary or a wiki.
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
}

pub fn run_report(args: ReportArgs) -> io::Result<ExitCode> {
    let as_of = args.as_of.unwrap_or_else(Date::today);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut resolver = match Resolver::new(args.config.as_deref(), as_of) {
        Ok(r) => r,
        Err(e) => return Ok(config_error(&e)),
    };
    let probe = if paths[0].is_dir() {
        paths[0].join("x.md")
    } else {
        paths[0].clone()
    };
    let settings = match resolver.index_for(&probe) {
        Ok(i) => resolver.get(i),
        Err(e) => return Ok(config_error(&e)),
    };
    let template = settings.template.clone();
    for path in &paths {
        if !path.exists() {
            eprintln!(
                "postmortem-lint: error: {}: no such file or folder",
                postmortem_lint::escape::visible(&files::display_path(path))
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
    let mut shallow = false;
    let mut history = None;
    if let Some(repo) = &repo {
        let prefixes: Vec<String> = paths
            .iter()
            .filter_map(|p| repo.relative(p))
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .collect();
        // The config's folder, relative to the repository root: include and exclude globs are
        // relative to it, and an include glob selects files whatever their extension.
        let base = settings
            .base_dir()
            .and_then(|b| b.canonicalize().ok())
            .and_then(|b| b.strip_prefix(repo.workdir()).ok().map(Path::to_path_buf))
            .unwrap_or_default();
        let wanted = |path: &str| {
            let mut parts: Vec<&str> = path.split('/').collect();
            let name = parts.pop().unwrap_or("");
            let by_name = files::is_candidate(name);
            let selected = match Path::new(path).strip_prefix(&base) {
                Ok(relative) => settings.selects_found(relative, by_name).0,
                Err(_) => by_name,
            };
            selected
                && !files::excluded_by_name(name)
                && !parts.iter().any(|p| p.starts_with('.'))
                && prefixes
                    .iter()
                    .any(|p| p.is_empty() || path == p || path.starts_with(&format!("{p}/")))
        };
        match History::from_git(repo, &prefixes, &wanted, &template, Some(as_of)) {
            Ok(Some(h)) => history = Some(h),
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
            let collected = files::collect(&paths, &|_, by_name| by_name);
            let docs: Vec<(String, Vec<u8>)> = collected
                .targets
                .iter()
                .filter_map(|t| std::fs::read(&t.path).ok().map(|b| (t.display.clone(), b)))
                .collect();
            History::from_documents(&docs, &template, as_of)
        }
    };
    let mut report = Report::compute(&history, as_of, args.since);
    if shallow {
        report.missing.insert(
            0,
            "git history: this is a shallow clone; fetch the whole history (`fetch-depth: 0`)",
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
