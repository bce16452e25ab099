//! `report --tracker-export`: what the tracker says of linked items, read before the report
//! is computed; what it could not say is a warning naming the items that kept their document
//! status.

use postmortem_lint::escape::visible;
use postmortem_lint::git::Repo;
use postmortem_lint::report::History;
use postmortem_lint::report::tracker::{self, Facts};
use std::path::PathBuf;
use std::process::ExitCode;

/// Reads the exports and applies their facts to `history`; `Err` with the exit code when an
/// export cannot be read (the run fails: a report that silently ignored it would mislead).
pub fn apply_tracker(
    exports: &[PathBuf],
    repo_flag: Option<&str>,
    repo: Option<&Repo>,
    history: &mut History,
) -> Result<(), ExitCode> {
    if exports.is_empty() {
        return Ok(());
    }
    let mut facts = Facts::default();
    facts.repo = repo_flag.map(str::to_lowercase).or_else(|| {
        repo.and_then(Repo::origin_url)
            .and_then(|u| tracker::repo_of_remote(&u))
    });
    for path in exports {
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
    let applied = tracker::apply(history, &facts);
    eprintln!(
        "postmortem-lint: tracker export: {} tickets; {} items done or closed as the tracker says",
        facts.len(),
        applied.ended
    );
    warn_unknown(
        &applied.unknown,
        "the tracker export says nothing of their tickets",
    );
    Ok(())
}

/// The warning for linked items the tracker said nothing of: they keep their document status.
pub fn warn_unknown(unknown: &[(String, String)], why: &str) {
    if unknown.is_empty() {
        return;
    }
    let shown: Vec<String> = unknown
        .iter()
        .take(10)
        .map(|(pm, refs)| visible(&format!("{pm} ({refs})")).into_owned())
        .collect();
    let more = unknown.len().saturating_sub(shown.len());
    eprintln!(
        "postmortem-lint: warning: {} linked items keep their document status, {why}: {}{}",
        unknown.len(),
        shown.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    );
}
