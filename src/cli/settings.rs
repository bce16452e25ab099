//! `config`: the effective settings for a path, each with where it came from.

use super::{config_error, emit, settings_for};
use postmortem_lint::config;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

pub(super) fn show_config(
    path: Option<PathBuf>,
    explicit: Option<PathBuf>,
) -> io::Result<ExitCode> {
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let settings = match settings_for(&path, explicit.as_deref(), None) {
        Ok(s) => s,
        Err(e) => return Ok(config_error(&e)),
    };
    let mut text = match &settings.file {
        Some(file) => format!(
            "# config file: {}\n",
            postmortem_lint::source::display_path(file)
        ),
        None => format!(
            "# no {} found from {} up to the repository root: built-in defaults\n",
            config::FILE_NAMES.join(" or "),
            postmortem_lint::source::display_path(&path)
        ),
    };
    let effective = settings.effective();
    let width = effective
        .iter()
        .map(|(k, v, _)| k.len() + v.len() + 3)
        .max()
        .unwrap_or(0);
    for (key, value, origin) in &effective {
        let line = format!("{key} = {value}");
        text.push_str(&format!("{line:width$}  # {origin}\n"));
    }
    emit(&text).map(|()| ExitCode::SUCCESS)
}
