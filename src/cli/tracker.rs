//! `report --tracker-export` / `--tracker github`: what the tracker says of linked items, read
//! before the report is computed; what it could not say is a warning naming the items that
//! kept their document status.

use postmortem_lint::escape::visible;
use postmortem_lint::git::Repo;
use postmortem_lint::report::History;
use postmortem_lint::report::tracker::github::{self, Problem};
use postmortem_lint::report::tracker::{self, Facts, TicketKey};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// A tracker whose API `report` can read.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TrackerApi {
    /// GitHub Issues (github.com or GitHub Enterprise, through GITHUB_API_URL).
    Github,
}

/// Where the tracker's facts come from.
pub struct Source<'a> {
    pub exports: &'a [PathBuf],
    pub api: Option<TrackerApi>,
    /// `--tracker-repo`.
    pub repo: Option<&'a str>,
}

/// Reads the exports and the API and applies their facts to `history`; `Err` with the exit
/// code when an export cannot be read (a report that silently ignored it would mislead).
pub fn apply_tracker(
    source: &Source<'_>,
    repo: Option<&Repo>,
    history: &mut History,
) -> Result<(), ExitCode> {
    if source.exports.is_empty() && source.api.is_none() {
        return Ok(());
    }
    let own_repo = source.repo.map(str::to_lowercase).or_else(|| {
        repo.and_then(Repo::origin_url)
            .and_then(|u| tracker::repo_of_remote(&u))
    });
    let mut facts = Facts::for_repo(own_repo.clone());
    for path in source.exports {
        let shown = visible(&postmortem_lint::source::display_path(path)).into_owned();
        let text = std::fs::read_to_string(path).map_err(|e| {
            eprintln!("postmortem-lint: error: {shown}: cannot read the tracker export: {e}");
            ExitCode::from(2)
        })?;
        let read = tracker::read_export(&text).map_err(|e| {
            eprintln!(
                "postmortem-lint: error: {shown}: {}",
                visible(&e.to_string())
            );
            ExitCode::from(2)
        })?;
        facts.extend(read);
    }
    let mut blocked = None;
    if let Some(TrackerApi::Github) = source.api {
        let token = ["GITHUB_TOKEN", "GH_TOKEN"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|t| !t.trim().is_empty()));
        let request = github::Request {
            api: std::env::var("GITHUB_API_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| "https://api.github.com".to_owned()),
            token: token.clone(),
            repo: own_repo,
            cache: repo.map(|r| {
                r.git_dir()
                    .join("postmortem-lint")
                    .join("github-cache.json")
            }),
            timeout: Duration::from_secs(30),
        };
        let tickets: Vec<TicketKey> = history
            .items
            .iter()
            .flat_map(|i| i.tickets.iter().cloned())
            .collect();
        let fetched = github::fetch(&request, &tickets);
        let redact = |text: &str| match &token {
            Some(t) => text.replace(t.as_str(), "***"),
            None => text.to_owned(),
        };
        blocked = report_problems(history, &fetched.problems, &redact);
        eprintln!(
            "postmortem-lint: github: {} issues read in {} requests ({} not modified)",
            fetched.facts.len(),
            fetched.requests,
            fetched.not_modified
        );
        facts.extend(fetched.facts);
    }
    let applied = tracker::apply(history, &facts);
    eprintln!(
        "postmortem-lint: tracker: {} items done or closed as the tracker says",
        applied.ended
    );
    let why = blocked.unwrap_or_else(|| "the tracker said nothing of the tickets".to_owned());
    warn_unknown(&applied.unknown, &why);
    Ok(())
}

/// Warns of each problem; returns why the tracker could not answer at all, if it could not.
fn report_problems(
    history: &History,
    problems: &[Problem],
    redact: &dyn Fn(&str) -> String,
) -> Option<String> {
    let mut blocked = None;
    for problem in problems {
        let text = match problem {
            Problem::NotFound(key) => {
                let items: Vec<&str> = history
                    .items
                    .iter()
                    .filter(|i| i.tickets.iter().any(|t| same(t, key)))
                    .map(|i| i.postmortem.as_str())
                    .collect();
                format!(
                    "{} is not on GitHub (404: deleted, or the token cannot see it); the item in {} keeps its document status",
                    key.reference(),
                    items.join(", ")
                )
            }
            Problem::RateLimited { resets } => {
                let why = format!(
                    "GitHub's rate limit is spent{}",
                    resets.as_ref().map(|r| format!(" (it resets {r})")).unwrap_or_default()
                );
                blocked = Some(why.clone());
                format!("{why}: no further requests were made; set GITHUB_TOKEN for a higher limit")
            }
            Problem::Unreachable(e) => {
                let why = format!("GitHub could not be reached ({})", redact(e));
                blocked = Some(why.clone());
                why
            }
            Problem::Refused { status, message } => {
                let why = format!("GitHub answered {status} {}", redact(message));
                blocked = Some(why.clone());
                why
            }
            Problem::NoRepository => "`#123` references name no repository: give --tracker-repo OWNER/REPO, or an `origin` remote on GitHub".to_owned(),
        };
        eprintln!("postmortem-lint: warning: {}", visible(&text));
    }
    blocked
}

fn same(a: &TicketKey, b: &TicketKey) -> bool {
    a.tracker == b.tracker
        && a.id == b.id
        && a.project.as_ref().is_none_or(|p| {
            b.project
                .as_ref()
                .is_some_and(|q| p.eq_ignore_ascii_case(q))
        })
}

/// The warning for linked items the tracker said nothing of: they keep their document status.
pub fn warn_unknown(unknown: &[(String, String)], why: &str) {
    if unknown.is_empty() {
        return;
    }
    let shown: Vec<String> = unknown
        .iter()
        .take(10)
        .map(|(pm, refs)| format!("{pm} ({refs})"))
        .collect();
    let more = unknown.len().saturating_sub(shown.len());
    let text = format!(
        "{} linked item{} kept {} document status, as {why}: {}{}",
        unknown.len(),
        if unknown.len() == 1 { "" } else { "s" },
        if unknown.len() == 1 { "its" } else { "their" },
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    );
    eprintln!("postmortem-lint: warning: {}", visible(&text));
}
