//! What a tracker says of the tickets action items link (#34): read from an export
//! (`report --tracker-export`: `gh issue list --json …` or a Jira CSV) or from GitHub's API
//! (`report --tracker github`), then applied to the items whose document does not say they
//! ended. `check` never comes here: it reads references, not tickets.

mod cache;
mod csv;
mod export;
pub mod github;

pub use export::{ExportError, read_export};

use super::{History, Item, State};
use crate::document::{Date, Ticket, Tracker};
use std::collections::HashMap;

/// A ticket as the report knows it: which tracker, which project, which issue.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TicketKey {
    pub tracker: Tracker,
    /// GitHub `owner/repo` or GitLab `group/project` when the reference names one.
    pub project: Option<String>,
    /// The number, or the Jira/Linear key.
    pub id: String,
}

impl TicketKey {
    pub fn of(ticket: &Ticket) -> TicketKey {
        TicketKey {
            tracker: ticket.tracker,
            project: ticket.project.clone(),
            id: ticket.id.clone(),
        }
    }

    /// As a person writes it: `#12`, `acme/api#12`, `PLAT-12`.
    pub fn reference(&self) -> String {
        match (&self.tracker, &self.project) {
            (Tracker::GitHub | Tracker::GitLab, Some(p)) => format!("{p}#{}", self.id),
            (Tracker::GitHub | Tracker::GitLab, None) => format!("#{}", self.id),
            _ => self.id.clone(),
        }
    }
}

/// How a ticket ended, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Open,
    /// Closed as completed (GitHub `COMPLETED`, a Jira resolution such as Done or Fixed).
    Done,
    /// Closed as not planned (GitHub `NOT_PLANNED`, Jira Won't Do, Duplicate …): closed with
    /// a reason.
    NotPlanned,
}

/// What the tracker says of one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub ending: Ending,
    /// The day it was closed (or resolved).
    pub closed_on: Option<Date>,
    /// As the report shows an owner: `@login` (GitHub), a name (Jira).
    pub assignees: Vec<String>,
    /// The tracker's words for the ending ("not planned", "Won't Do").
    pub reason: Option<String>,
}

/// The facts a tracker gave, by ticket. GitHub tickets are keyed by number under the
/// repository they came from; a reference that names no repository (`#12`) is the
/// repository the facts are for.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// The repository the GitHub facts are for, lowercased (`--tracker-repo`, the origin
    /// remote), if known.
    pub repo: Option<String>,
    facts: HashMap<(Tracker, Option<String>, String), Fact>,
}

impl Facts {
    /// No facts yet; `#123` references are issues of `repo`.
    pub fn for_repo(repo: Option<String>) -> Facts {
        Facts {
            repo: repo.map(|r| r.to_lowercase()),
            facts: HashMap::new(),
        }
    }

    pub fn insert(&mut self, tracker: Tracker, project: Option<&str>, id: &str, fact: Fact) {
        let project = project.map(str::to_lowercase);
        self.facts.insert((tracker, project, id.to_owned()), fact);
    }

    /// Adds another source's facts (a later source wins for a ticket both know).
    pub fn extend(&mut self, other: Facts) {
        self.facts.extend(other.facts);
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// What the tracker says of `key`, if it said anything.
    pub fn get(&self, key: &TicketKey) -> Option<&Fact> {
        let project = key.project.as_ref().map(|p| p.to_lowercase());
        let own = match (&project, &self.repo) {
            (None, _) => true,
            (Some(p), Some(repo)) => p == repo,
            (Some(_), None) => false,
        };
        let exact = self
            .facts
            .get(&(key.tracker, project.clone(), key.id.clone()));
        // The facts of an export name no repository; those of the API name theirs.
        let of = |p: Option<String>| self.facts.get(&(key.tracker, p, key.id.clone()));
        exact
            .or_else(|| own.then(|| of(None)).flatten())
            .or_else(|| own.then(|| of(self.repo.clone())).flatten())
    }
}

/// `owner/repo` of a GitHub remote URL (`https://github.com/o/r.git`, `git@github.com:o/r`,
/// `ssh://git@github.example.com/o/r.git`), lowercased as [`Facts`] keys it.
pub fn repo_of_remote(url: &str) -> Option<String> {
    let url = url.trim().trim_end_matches('/');
    let url = url.strip_suffix(".git").unwrap_or(url);
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.split_once('/')?.1,
        None => url.split_once(':')?.1,
    };
    let mut parts = path.rsplit('/');
    let (repo, owner) = (parts.next()?, parts.next()?);
    let name = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (name(owner) && name(repo)).then(|| format!("{owner}/{repo}").to_lowercase())
}

/// What applying a tracker's facts did, for the run to say.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Items the tracker said were done or closed, where the document did not.
    pub ended: usize,
    /// Linked items whose tickets the tracker said nothing of: they keep their document
    /// status. (postmortem, reference), in order.
    pub unknown: Vec<(String, String)>,
}

/// The tracker's facts applied to every linked item whose document does not say it ended: a
/// ticket closed as completed makes the item done on the day it was closed, one closed as not
/// planned closes it with the tracker's reason; an owner the document does not name is the
/// first assignee. An item the document says is done or closed keeps what it says.
pub fn apply(history: &mut History, facts: &Facts) -> Applied {
    let mut applied = Applied::default();
    for item in &mut history.items {
        if item.tickets.is_empty() {
            continue;
        }
        let Some((key, fact)) = item
            .tickets
            .iter()
            .find_map(|k| facts.get(k).map(|f| (k.clone(), f.clone())))
        else {
            let refs: Vec<String> = item.tickets.iter().map(TicketKey::reference).collect();
            applied
                .unknown
                .push((item.postmortem.clone(), refs.join(", ")));
            continue;
        };
        if item.owner.is_none() {
            item.owner = fact.assignees.first().cloned();
        }
        if !item.state.is_open() || fact.ending == Ending::Open {
            continue;
        }
        end(item, &key, &fact);
        applied.ended += 1;
    }
    applied
}

fn end(item: &mut Item, key: &TicketKey, fact: &Fact) {
    // A ticket closed before the item was written was closed when it was: the item is a
    // record of work already done (its day is the day it was written).
    // And never before the document's last change of state: its states stay in order.
    let floor = item.states.last().map(|(d, _)| *d).or(item.added);
    let day = match (fact.closed_on, floor) {
        (Some(c), Some(f)) => Some(c.max(f)),
        (c, f) => c.or(f),
    };
    let state = match fact.ending {
        Ending::NotPlanned => State::Closed,
        _ => State::Done,
    };
    item.state = state;
    if let Some(day) = day {
        item.states.push((day, state));
    }
    match state {
        State::Closed => {
            item.closed = day;
            item.done_on = None;
            let why = fact.reason.as_deref().unwrap_or("not planned");
            item.reason = Some(format!("{why} ({} in the tracker)", key.reference()));
        }
        _ => item.done_on = day,
    }
}

#[cfg(test)]
mod tests;
