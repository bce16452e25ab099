//! `postmortem-lint report`: whether action items get done. `history` rebuilds each item's
//! life from git (or reads what the documents alone say), `stats` turns it into the figures,
//! `render` writes them as Markdown, JSON and HTML.

mod history;
mod identity;
mod render;
mod stats;
pub mod tracker;
mod version;
mod walk;
pub use walk::{TemplateOf, Unchanged};

pub use history::IMPORT_DAYS;
pub use identity::SIMILAR;
pub use render::{html, json, markdown};
pub use stats::{Cohort, Headline, Owner, Report, WINDOWS};

use crate::document::{Date, Status};
use crate::git::{GitError, Repo};

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Open,
    InProgress,
    Done,
    /// Closed, deprioritized, won't do: ended without being done.
    Closed,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Open => "open",
            State::InProgress => "in progress",
            State::Done => "done",
            State::Closed => "closed",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, State::Open | State::InProgress)
    }

    fn from_status(status: Option<Status>) -> State {
        match status {
            Some(Status::InProgress) => State::InProgress,
            Some(Status::Done) => State::Done,
            Some(Status::Closed) => State::Closed,
            Some(Status::Open) | None => State::Open,
        }
    }
}

/// One action item's life.
#[derive(Debug, Clone)]
pub struct Item {
    /// The postmortem's current path.
    pub postmortem: String,
    /// The item's identity in its latest version: its ID, bold title or action words.
    pub id: String,
    pub action: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// The day it was first written (commit date); `None` for an imported item, whose
    /// writing is not in history.
    pub added: Option<Date>,
    /// The day its status last became done (the 30/60/90-day windows use this).
    pub done_on: Option<Date>,
    /// The day its status last became a closed form (closed, deprioritized, won't do).
    pub closed: Option<Date>,
    pub state: State,
    /// Every state it went through, with the day each began.
    pub states: Vec<(Date, State)>,
    pub reason: Option<String>,
    /// Removed from the document while open: abandoned.
    pub deleted: bool,
    pub deleted_on: Option<Date>,
    /// The state it had when it was removed.
    pub deleted_state: Option<State>,
    /// Present in the first version of a postmortem that was imported (dated more than
    /// [`IMPORT_DAYS`] before its first commit): its dates are unknown.
    pub imported: bool,
    /// It stated a status or a due date, or linked a ticket, at some point; an item that
    /// never did is untracked, never called abandoned and never in a completion rate.
    pub ever_tracked: bool,
    /// The tickets it links, in its latest version.
    pub tickets: Vec<tracker::TicketKey>,
}

impl Item {
    fn new(postmortem: &str, added: Option<Date>) -> Item {
        Item {
            postmortem: postmortem.to_owned(),
            id: String::new(),
            action: String::new(),
            kind: None,
            owner: None,
            due: None,
            added,
            done_on: None,
            closed: None,
            state: State::Open,
            states: Vec::new(),
            reason: None,
            deleted: false,
            deleted_on: None,
            deleted_state: None,
            imported: false,
            ever_tracked: false,
            tickets: Vec::new(),
        }
    }

    pub fn untracked(&self) -> bool {
        !self.ever_tracked
    }
}

#[derive(Debug, Clone)]
pub struct Postmortem {
    pub path: String,
    /// The title (front matter `title:` or the H1).
    pub title: Option<String>,
    /// The postmortem's own date (front matter, `Date:` line, file name).
    pub own_date: Option<Date>,
    /// The day of its first commit (or its own date without history).
    pub added: Option<Date>,
    /// Dated more than [`IMPORT_DAYS`] before its first commit: it counts in its own month.
    pub imported: bool,
    pub deleted: bool,
    /// Its latest version writes the follow-ups as prose: no item to count.
    pub prose_only: bool,
}

impl Postmortem {
    /// The day it counts on: its own date when imported, else its first commit's.
    pub fn counted_on(&self) -> Option<Date> {
        if self.imported {
            self.own_date
        } else {
            self.added
        }
    }
}

/// Every item and postmortem, from history or from the documents.
#[derive(Debug, Clone)]
pub struct History {
    /// `Some(commits read)` when git history was read.
    pub commits: Option<usize>,
    /// Of those, how many changed the files read.
    pub changed_commits: usize,
    pub postmortems: Vec<Postmortem>,
    pub items: Vec<Item>,
}

impl History {
    /// Reads every version of the wanted files under the `scope` folders (repository-relative;
    /// empty for all), as of the end of `as_of`. `None` in a shallow clone.
    pub fn from_git(
        repo: &Repo,
        scope: &[String],
        wanted: &dyn Fn(&str) -> bool,
        template: walk::TemplateOf<'_>,
        as_of: Option<Date>,
    ) -> Result<Option<History>, GitError> {
        walk::from_git(repo, scope, wanted, template, as_of, None)
    }

    /// As [`History::from_git`] for what `check` needs, the day each item was written: the
    /// files of one version are not read, but listed with their day (see [`Unchanged`]).
    pub fn dates_from_git(
        repo: &Repo,
        scope: &[String],
        wanted: &dyn Fn(&str) -> bool,
        template: walk::TemplateOf<'_>,
    ) -> Result<Option<(History, Vec<Unchanged>)>, GitError> {
        let mut unchanged = Vec::new();
        let history = walk::from_git(repo, scope, wanted, template, None, Some(&mut unchanged))?;
        Ok(history.map(|h| (h, unchanged)))
    }

    /// What the documents alone say: the incident date stands in for when items were
    /// written; when they were done is unknown.
    pub fn from_documents(
        files: &[(String, Vec<u8>)],
        template: TemplateOf<'_>,
        as_of: Date,
    ) -> History {
        let mut history = History {
            commits: None,
            changed_commits: 0,
            postmortems: Vec::new(),
            items: Vec::new(),
        };
        for (path, bytes) in files {
            let version = version::read_version(path, bytes, template(path), as_of.year);
            history.postmortems.push(Postmortem {
                path: path.clone(),
                title: version.title.clone(),
                own_date: version.own_date,
                added: version.own_date,
                imported: false,
                deleted: false,
                prose_only: version.prose_only,
            });
            for s in version.items {
                let mut item = Item::new(path, version.own_date);
                item.id = s.key;
                item.action = s.action;
                item.kind = s.kind;
                item.owner = s.owner;
                item.due = s.due;
                item.ever_tracked = s.status.is_some() || s.due.is_some() || !s.tickets.is_empty();
                item.tickets = s.tickets;
                item.state = s.status.unwrap_or(State::Open);
                item.reason = s.reason;
                history.items.push(item);
            }
        }
        history
    }
}
