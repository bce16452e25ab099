//! `[trackers]` as written into the [`Trackers`] the document model reads tickets with.

use super::file::{Forge, HeldField, TrackersConfig};
use crate::document::{Column, Tracker, Trackers};

/// The trackers a `[trackers]` table describes; an error names the value that is wrong.
pub(super) fn read(config: &TrackersConfig) -> Result<Trackers, String> {
    let mut trackers = Trackers::default();
    if let Some(forge) = config.forge {
        trackers.forge = match forge {
            Forge::Github => Tracker::GitHub,
            Forge::Gitlab => Tracker::GitLab,
        };
    }
    let base = |key: &str, url: &Option<String>| -> Result<Vec<String>, String> {
        let Some(url) = url else {
            return Ok(Vec::new());
        };
        let b = Trackers::base(url);
        let host = b.split('/').next().unwrap_or("");
        if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") {
            return Err(format!(
                "`{key}` must be a URL such as `https://tracker.example.com`, not `{url}`"
            ));
        }
        Ok(vec![b])
    };
    trackers.github_bases = base("github-url", &config.github_url)?;
    trackers.gitlab_bases = base("gitlab-url", &config.gitlab_url)?;
    trackers.jira_bases = base("jira-url", &config.jira_url)?;
    let none = Vec::new();
    trackers
        .set_keys(
            config.jira_keys.as_ref().unwrap_or(&none),
            config.linear_keys.as_ref().unwrap_or(&none),
        )
        .map_err(|bad| {
            format!("`{bad}` is not a project key: letters, digits and `_`, starting with a letter")
        })?;
    if let Some(holds) = &config.holds {
        trackers.holds = holds
            .iter()
            .map(|f| match f {
                HeldField::Owner => Column::Owner,
                HeldField::Due => Column::Due,
                HeldField::Status => Column::Status,
                HeldField::Type => Column::Type,
            })
            .collect();
    }
    Ok(trackers)
}

/// The trackers as `postmortem-lint config` shows them, in `[trackers]`'s own words.
pub(super) fn shown(t: &Trackers) -> String {
    let (jira, linear) = t.keys();
    let mut parts = vec![format!("forge = {:?}", t.forge.name())];
    for (key, bases) in [
        ("github-url", &t.github_bases),
        ("gitlab-url", &t.gitlab_bases),
        ("jira-url", &t.jira_bases),
    ] {
        if let Some(b) = bases.first() {
            parts.push(format!("{key} = {:?}", format!("https://{b}")));
        }
    }
    parts.push(format!("jira-keys = {jira:?}"));
    parts.push(format!("linear-keys = {linear:?}"));
    let holds: Vec<String> = t.holds.iter().map(|c| c.name().to_lowercase()).collect();
    parts.push(format!("holds = {holds:?}"));
    format!("{{ {} }}", parts.join(", "))
}
