//! Ticket references in an action item: the issue or task in a tracker where the item is
//! followed up. GitHub (`#123`, `owner/repo#123`, issue and pull-request URLs of github.com
//! or a configured GitHub Enterprise base), GitLab (`group/project#123`, `/-/issues/N` URLs),
//! Jira (`KEY-123` for the configured project keys, `/browse/KEY-123` URLs of the configured
//! base) and Linear (`ENG-123` for the configured team keys, linear.app URLs).
//!
//! Which keys and bases are a team's own comes from the config's `[trackers]`
//! ([`Trackers`]); without them, only forms that cannot be anything else are read: a
//! `SEV-2` or a `v1.2-3` is not a ticket unless the config lists `SEV` as a key.

use super::Column;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A tracker a ticket lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tracker {
    GitHub,
    GitLab,
    Jira,
    Linear,
}

impl Tracker {
    pub fn name(self) -> &'static str {
        match self {
            Tracker::GitHub => "github",
            Tracker::GitLab => "gitlab",
            Tracker::Jira => "jira",
            Tracker::Linear => "linear",
        }
    }
}

/// A reference to a ticket, as written in an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub tracker: Tracker,
    /// GitHub `owner/repo`, GitLab `group/project`, when the reference names one (`#123`
    /// names none: the postmortem's own repository). `None` for Jira and Linear.
    pub project: Option<String>,
    /// The issue or pull-request number (GitHub, GitLab), or the key (`PLAT-1234`).
    pub id: String,
    /// Where it is written (the whole URL for a link).
    pub range: Range<usize>,
}

impl Ticket {
    /// The reference as a person writes it: `#12`, `acme/api#12`, `PLAT-1234`.
    pub fn reference(&self) -> String {
        match (&self.tracker, &self.project) {
            (Tracker::GitHub | Tracker::GitLab, Some(p)) => format!("{p}#{}", self.id),
            (Tracker::GitHub | Tracker::GitLab, None) => format!("#{}", self.id),
            _ => self.id.clone(),
        }
    }

    /// The issue number, for GitHub and GitLab.
    pub fn number(&self) -> Option<u64> {
        match self.tracker {
            Tracker::GitHub | Tracker::GitLab => self.id.parse().ok(),
            Tracker::Jira | Tracker::Linear => None,
        }
    }
}

/// How a team's tickets are written, from the config's `[trackers]`, and which of an item's
/// fields its tracker holds.
#[derive(Debug, Clone)]
pub struct Trackers {
    /// How `#123` and `a/b#123` are read: GitHub (the default) or GitLab.
    pub forge: Tracker,
    /// Hosts (and path prefixes) of GitHub beside github.com: `github.example.com`.
    pub github_bases: Vec<String>,
    /// Hosts (and path prefixes) of GitLab beside gitlab.com.
    pub gitlab_bases: Vec<String>,
    /// Bases of Jira: `acme.atlassian.net`.
    pub jira_bases: Vec<String>,
    /// `KEY-123` with one of the Jira or Linear keys.
    keys: Option<Regex>,
    /// Set with [`Trackers::set_keys`].
    jira_keys: Vec<String>,
    linear_keys: Vec<String>,
    /// The fields a linked item's tracker holds: the document is not asked for them.
    pub holds: Vec<Column>,
}

impl Default for Trackers {
    fn default() -> Trackers {
        Trackers {
            forge: Tracker::GitHub,
            github_bases: Vec::new(),
            gitlab_bases: Vec::new(),
            jira_bases: Vec::new(),
            keys: None,
            jira_keys: Vec::new(),
            linear_keys: Vec::new(),
            holds: vec![Column::Owner, Column::Due, Column::Status],
        }
    }
}

impl Trackers {
    /// Sets the project keys (Jira) and team keys (Linear) whose `KEY-123` is a ticket. A
    /// key is letters, digits and `_`, starting with a letter (as both trackers allow);
    /// others are returned as errors.
    pub fn set_keys(&mut self, jira: &[String], linear: &[String]) -> Result<(), String> {
        let valid = |k: &String| {
            k.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        };
        if let Some(bad) = jira.iter().chain(linear).find(|k| !valid(k)) {
            return Err(bad.clone());
        }
        self.jira_keys = jira.to_vec();
        self.linear_keys = linear.to_vec();
        let all: Vec<String> = jira
            .iter()
            .chain(linear)
            .map(|k| regex::escape(k))
            .collect();
        self.keys = (!all.is_empty()).then(|| {
            // Not a part of a longer word, and not a version ("PLAT-1.2").
            crate::re::compile(&format!(
                r"(?:^|[^\w-])((?:{})-(\d+))(?:$|[^\w.-]|\.(?:\D|$))",
                all.join("|")
            ))
        });
        Ok(())
    }

    /// The Jira project keys and Linear team keys, as set.
    pub fn keys(&self) -> (&[String], &[String]) {
        (&self.jira_keys, &self.linear_keys)
    }

    /// The bases a URL's host and path are compared with: `host/prefix`, lowercased, no
    /// scheme or trailing slash.
    pub fn base(url: &str) -> String {
        let url = url.trim();
        let url = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(url);
        url.trim_end_matches('/').to_lowercase()
    }

    /// Every ticket `text` (which starts at `offset` in the document) references, in order.
    /// `cell` says what the text is: in an ID column `#12` numbers the item, in a Ticket
    /// column a number alone is a ticket.
    pub fn scan(&self, text: &str, offset: usize, cell: CellKind) -> Vec<Ticket> {
        let mut out = Vec::new();
        let mut urls: Vec<Range<usize>> = Vec::new();
        if text.contains("://") {
            for m in URL.find_iter(text) {
                let url = m
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_']);
                urls.push(m.start()..m.start() + url.len());
                if let Some(mut t) = self.in_url(url) {
                    t.range = offset + m.start()..offset + m.start() + url.len();
                    out.push(t);
                }
            }
        }
        // URLs are found in order and do not overlap: a binary search finds the one at `at`.
        let in_url = |at: usize| {
            let i = urls.partition_point(|u| u.end <= at);
            urls.get(i).is_some_and(|u| u.start <= at)
        };
        let push = |t: Ticket, at: usize, out: &mut Vec<Ticket>| {
            if !in_url(at) {
                out.push(t);
            }
        };
        if text.contains('#') {
            for c in each(&CROSS_REPO, text) {
                let (Some(all), Some(project), Some(n)) = (c.get(1), c.get(2), c.get(3)) else {
                    continue;
                };
                let nested = project.as_str().matches('/').count() > 1;
                let tracker = if nested { Tracker::GitLab } else { self.forge };
                let t = ticket(
                    tracker,
                    Some(project.as_str()),
                    n.as_str(),
                    offset,
                    all.range(),
                );
                push(t, all.start(), &mut out);
            }
            if cell != CellKind::Id {
                for c in each(&BARE, text) {
                    let (Some(all), Some(n)) = (c.get(1), c.get(2)) else {
                        continue;
                    };
                    // `[see](#12)`: a link to a heading of the page.
                    if text[..all.start()].ends_with("](") {
                        continue;
                    }
                    let t = ticket(self.forge, None, n.as_str(), offset, all.range());
                    push(t, all.start(), &mut out);
                }
            }
        }
        if let Some(keys) = &self.keys {
            for c in each(keys, text) {
                let Some(key) = c.get(1) else { continue };
                let project = key.as_str().rsplit_once('-').map_or("", |(k, _)| k);
                let tracker = if self.linear_keys.iter().any(|k| k == project)
                    && !self.jira_keys.iter().any(|k| k == project)
                {
                    Tracker::Linear
                } else {
                    Tracker::Jira
                };
                let t = ticket(tracker, None, key.as_str(), offset, key.range());
                push(t, key.start(), &mut out);
            }
        }
        if cell == CellKind::Ticket
            && out.is_empty()
            && let Some(n) = NUMBER.captures(text).and_then(|c| c.get(1))
        {
            out.push(ticket(self.forge, None, n.as_str(), offset, n.range()));
        }
        out.sort_by_key(|t| t.range.start);
        // `[#12](https://github.com/o/r/issues/12)`: one ticket, the one the link names.
        // Indexed by (tracker, id): a hostile item of thousands of references stays linear.
        let mut kept: Vec<Ticket> = Vec::with_capacity(out.len());
        let mut index: std::collections::HashMap<(Tracker, String), Vec<usize>> =
            std::collections::HashMap::new();
        for t in out {
            let slots = index.entry((t.tracker, t.id.clone())).or_default();
            let same = slots.iter().copied().find(|&i| {
                let k: &Ticket = &kept[i];
                k.project == t.project || k.project.is_none() || t.project.is_none()
            });
            match same {
                Some(i) if kept[i].project.is_none() => kept[i] = t,
                Some(_) => {}
                None => {
                    slots.push(kept.len());
                    kept.push(t);
                }
            }
        }
        kept
    }

    /// The ticket a URL names, if it is an issue or pull request of a known tracker.
    fn in_url(&self, url: &str) -> Option<Ticket> {
        let written = url.split(['?', '#']).next().unwrap_or(url);
        let written = written
            .strip_prefix("https://")
            .or_else(|| written.strip_prefix("http://"))
            .unwrap_or(written)
            .trim_end_matches('/');
        // ASCII lowercase keeps every byte where it is: `rest` is cut from `written`.
        let lower = written.to_ascii_lowercase();
        let under = |bases: &[String], fixed: &str| {
            std::iter::once(fixed)
                .chain(bases.iter().map(String::as_str))
                .filter(|b| !b.is_empty())
                .find(|b| lower.starts_with(*b) && lower.as_bytes().get(b.len()) == Some(&b'/'))
                .map(|b| &written[b.len() + 1..])
        };
        let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        if let Some(rest) = under(&self.github_bases, "github.com") {
            let parts: Vec<&str> = rest.split('/').collect();
            if let [owner, repo, "issues" | "pull" | "pulls", n, ..] = parts.as_slice()
                && number(n)
            {
                let project = format!("{owner}/{repo}");
                return Some(ticket(Tracker::GitHub, Some(&project), n, 0, 0..0));
            }
        }
        if let Some(rest) = under(&self.gitlab_bases, "gitlab.com")
            && let Some((project, tail)) = rest.split_once("/-/")
        {
            let mut tail = tail.split('/');
            if let (Some("issues" | "merge_requests" | "work_items"), Some(n)) =
                (tail.next(), tail.next())
                && number(n)
            {
                return Some(ticket(Tracker::GitLab, Some(project), n, 0, 0..0));
            }
        }
        if let Some(rest) = under(&self.jira_bases, "")
            && let Some(key) = rest
                .strip_prefix("browse/")
                .and_then(|k| k.split('/').next())
            && JIRA_KEY.is_match(key)
        {
            return Some(ticket(Tracker::Jira, None, key, 0, 0..0));
        }
        if let Some(rest) = under(&[], "linear.app") {
            let parts: Vec<&str> = rest.split('/').collect();
            if let [_, "issue", key, ..] = parts.as_slice()
                && JIRA_KEY.is_match(key)
            {
                return Some(ticket(Tracker::Linear, None, key, 0, 0..0));
            }
        }
        None
    }
}

/// What the scanned text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Text of an item (a list item, a heading, a cell of no special column).
    Text,
    /// An ID column's cell: `#3` numbers the item.
    Id,
    /// A Ticket column's cell: `412` alone is ticket 412.
    Ticket,
}

fn ticket(
    tracker: Tracker,
    project: Option<&str>,
    id: &str,
    offset: usize,
    range: Range<usize>,
) -> Ticket {
    Ticket {
        tracker,
        project: project.map(str::to_owned),
        id: id.to_owned(),
        range: offset + range.start..offset + range.end,
    }
}

/// Every match of `re` in `text`, each search starting where the previous reference (the
/// first group) ended: the character a pattern needs after a reference may be the one the
/// next needs before it (`#1 #2`), and the regex crate has no look-around.
fn each<'t>(re: &Regex, text: &'t str) -> Vec<regex::Captures<'t>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = re.captures_at(text, at) {
        let Some(end) = c.get(1).map(|g| g.end()) else {
            break;
        };
        at = end.max(at + 1);
        out.push(c);
        if at > text.len() {
            break;
        }
    }
    out
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r#"https?://[^\s<>()\[\]|"'`]+"#));

/// `owner/repo#12`, `group/sub/project#12`: not inside a longer path or word.
static CROSS_REPO: LazyLock<Regex> = LazyLock::new(|| {
    crate::re::compile(
        r"(?:^|[^\w/.#-])(([A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)+)#(\d{1,9}))(?:$|[^\w-])",
    )
});

/// `#12` after a space, a bracket or punctuation (not `a#12`, `&#12;`, `#12a`, `#1.2`).
static BARE: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"(?:^|[\s(\[{,;:])(#(\d{1,9}))(?:$|[^\w.-]|\.(?:\D|$))"));

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^\s*(?:\*\*|__)?(\d{1,9})(?:\*\*|__)?\s*$"));

static JIRA_KEY: LazyLock<Regex> =
    LazyLock::new(|| crate::re::compile(r"^[A-Za-z][A-Za-z0-9_]*-\d+$"));

#[cfg(test)]
#[path = "tickets_tests.rs"]
mod tests;
