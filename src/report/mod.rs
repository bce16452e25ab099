//! `postmortem-lint report`: whether action items get done. From git history, each item's
//! life: when it was written, when it was done or closed (and why), whether it was deleted
//! without being closed. Without history, what the documents alone say.

mod render;

pub use render::{html, json, markdown};

use crate::document::{ActionItem, Date, Document, Template};
use crate::document::{ActionType, Status, parse_status};
use crate::git::{GitError, Repo};
use crate::source::Source;
use std::collections::{BTreeMap, HashMap};

/// Where an item stands at the end of the history read.
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

    fn from_status(status: Option<Status>) -> State {
        match status {
            Some(Status::InProgress) => State::InProgress,
            Some(Status::Done) => State::Done,
            Some(Status::Closed) => State::Closed,
            Some(Status::Open) | None => State::Open,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Item {
    /// The postmortem's current path.
    pub postmortem: String,
    /// The item's ID, or for items without one a fingerprint of its action text.
    pub id: String,
    pub action: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// When it was first written (commit date), or the incident date without history.
    pub added: Option<Date>,
    /// When its status first became done or a closed form.
    pub closed: Option<Date>,
    pub state: State,
    pub reason: Option<String>,
    /// Removed from the document without being done or closed: abandoned.
    pub deleted: bool,
    /// When it was removed.
    pub deleted_on: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Postmortem {
    pub path: String,
    pub added: Option<Date>,
    pub deleted: bool,
}

/// Every item and postmortem, from history or from the documents.
#[derive(Debug, Clone)]
pub struct History {
    /// `Some(commits read)` when git history was read.
    pub commits: Option<usize>,
    pub postmortems: Vec<Postmortem>,
    pub items: Vec<Item>,
}

/// How many commits `check` reads back for the few files it checks (`stale-action-item`).
pub const HISTORY_LIMIT: usize = 5000;

/// An item's key within its postmortem: its ID, or a fingerprint of its action text.
pub fn item_key(item: &ActionItem) -> String {
    if let Some(id) = &item.id {
        let id = id.text.trim().trim_start_matches('#').trim().to_lowercase();
        if !id.is_empty() {
            return format!("id:{id}");
        }
    }
    let text = item.action.as_ref().map_or("", |a| a.text.as_str());
    let words: String = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    format!("text:{words}")
}

/// What one version of a document says about one item.
struct Seen {
    key: String,
    action: String,
    kind: Option<&'static str>,
    owner: Option<String>,
    due: Option<Date>,
    status: Option<Status>,
    reason: Option<String>,
}

fn items_of(path: &str, bytes: &[u8], template: &Template, year: i32) -> (Option<Date>, Vec<Seen>) {
    let Ok(source) = Source::from_bytes(path, bytes) else {
        return (None, Vec::new());
    };
    let doc = Document::parse(&source, template);
    let year = doc.incident_date.map_or(year, |d| d.year);
    let seen = doc
        .action_items
        .iter()
        .flat_map(|a| a.items.iter())
        .map(|item| {
            let parsed = item.status.as_ref().and_then(|s| parse_status(&s.text));
            let reason = parsed
                .map(|(_, rest)| rest.to_owned())
                .filter(|r| !r.is_empty())
                .or_else(|| {
                    item.reason
                        .as_ref()
                        .map(|r| r.text.clone())
                        .filter(|r| !r.trim().is_empty())
                });
            Seen {
                key: item_key(item),
                action: item
                    .action
                    .as_ref()
                    .map_or_else(String::new, |a| a.text.clone()),
                kind: item
                    .kind
                    .as_ref()
                    .and_then(|k| ActionType::parse(&k.text))
                    .map(ActionType::name),
                owner: item
                    .owner
                    .as_ref()
                    .map(|o| o.text.clone())
                    .filter(|o| !o.trim().is_empty()),
                due: item.due.as_ref().and_then(|d| {
                    crate::document::temporal::parse_date_in_order(
                        &d.text,
                        Some(year),
                        doc.day_first,
                    )
                }),
                status: parsed.map(|(s, _)| s),
                reason,
            }
        })
        .collect();
    (doc.incident_date, seen)
}

#[derive(Default)]
struct Tracked {
    path: String,
    added: Option<Date>,
    deleted: bool,
    /// Items in first-seen order.
    items: Vec<Item>,
}

impl History {
    /// Reads every version of the wanted files from git. `None` in a shallow clone.
    pub fn from_git(
        repo: &Repo,
        wanted: &dyn Fn(&str) -> bool,
        template: &Template,
    ) -> Result<Option<History>, GitError> {
        Self::from_git_limited(repo, wanted, None, template)
    }

    /// As [`History::from_git`], reading only the diffs of `only` (a few files being checked).
    pub fn from_git_limited(
        repo: &Repo,
        wanted: &dyn Fn(&str) -> bool,
        only: Option<&[&str]>,
        template: &Template,
    ) -> Result<Option<History>, GitError> {
        let mut tracked: Vec<Tracked> = Vec::new();
        let mut by_path: HashMap<String, usize> = HashMap::new();
        let mut visit = |version: crate::git::Version| {
            let date = Date::from_days(version.time.div_euclid(86_400));
            let index = match version
                .renamed_from
                .as_ref()
                .and_then(|from| by_path.remove(from))
            {
                Some(i) => i,
                None => match by_path.get(&version.path) {
                    Some(&i) => i,
                    None => {
                        tracked.push(Tracked {
                            path: version.path.clone(),
                            added: Some(date),
                            ..Tracked::default()
                        });
                        tracked.len() - 1
                    }
                },
            };
            by_path.insert(version.path.clone(), index);
            let pm = &mut tracked[index];
            pm.path = version.path.clone();
            let Some(bytes) = version.content else {
                pm.deleted = true;
                for item in &mut pm.items {
                    if matches!(item.state, State::Open | State::InProgress) && !item.deleted {
                        item.deleted = true;
                        item.deleted_on = Some(date);
                    }
                }
                by_path.remove(&version.path);
                return;
            };
            pm.deleted = false;
            let (_, seen) = items_of(&version.path, &bytes, template, date.year);
            let present: Vec<String> = seen.iter().map(|s| s.key.clone()).collect();
            for s in seen {
                let existing = pm.items.iter_mut().position(|i| i.id == s.key);
                let item = match existing {
                    Some(i) => &mut pm.items[i],
                    None => {
                        pm.items.push(Item {
                            postmortem: version.path.clone(),
                            id: s.key.clone(),
                            action: String::new(),
                            kind: None,
                            owner: None,
                            due: None,
                            added: Some(date),
                            closed: None,
                            state: State::Open,
                            reason: None,
                            deleted: false,
                            deleted_on: None,
                        });
                        let last = pm.items.len() - 1;
                        &mut pm.items[last]
                    }
                };
                item.action = s.action;
                item.kind = s.kind.or(item.kind);
                item.owner = s.owner.or(item.owner.take());
                item.due = s.due.or(item.due);
                item.deleted = false;
                item.deleted_on = None;
                let state = State::from_status(s.status);
                if matches!(state, State::Done | State::Closed)
                    && !matches!(item.state, State::Done | State::Closed)
                {
                    item.closed = Some(date);
                }
                if matches!(state, State::Open | State::InProgress) {
                    item.closed = None;
                }
                item.state = state;
                item.reason = s.reason;
            }
            for item in &mut pm.items {
                if !present.contains(&item.id)
                    && !item.deleted
                    && matches!(item.state, State::Open | State::InProgress)
                {
                    item.deleted = true;
                    item.deleted_on = Some(date);
                }
            }
        };
        let commits = match only {
            Some(paths) => repo.recent_versions(paths, HISTORY_LIMIT, &mut visit)?,
            None => repo.file_versions(wanted, &mut visit)?,
        };
        let Some(commits) = commits else {
            return Ok(None);
        };
        let mut history = History {
            commits: Some(commits),
            postmortems: Vec::new(),
            items: Vec::new(),
        };
        for pm in tracked {
            for mut item in pm.items {
                item.postmortem = pm.path.clone();
                history.items.push(item);
            }
            history.postmortems.push(Postmortem {
                path: pm.path,
                added: pm.added,
                deleted: pm.deleted,
            });
        }
        history.postmortems.sort_by(|a, b| a.path.cmp(&b.path));
        history
            .items
            .sort_by(|a, b| (&a.postmortem, a.added).cmp(&(&b.postmortem, b.added)));
        Ok(Some(history))
    }

    /// What the documents alone say: the incident date stands in for when items were
    /// written; when they were done is unknown.
    pub fn from_documents(
        files: &[(String, Vec<u8>)],
        template: &Template,
        as_of: Date,
    ) -> History {
        let mut history = History {
            commits: None,
            postmortems: Vec::new(),
            items: Vec::new(),
        };
        for (path, bytes) in files {
            let (incident, seen) = items_of(path, bytes, template, as_of.year);
            history.postmortems.push(Postmortem {
                path: path.clone(),
                added: incident,
                deleted: false,
            });
            for s in seen {
                let state = State::from_status(s.status);
                history.items.push(Item {
                    postmortem: path.clone(),
                    id: s.key,
                    action: s.action,
                    kind: s.kind,
                    owner: s.owner,
                    due: s.due,
                    added: incident,
                    closed: None,
                    state,
                    reason: s.reason,
                    deleted: false,
                    deleted_on: None,
                });
            }
        }
        history
    }
}

/// The figures of a report, computed once and rendered three ways.
#[derive(Debug, Clone)]
pub struct Report {
    pub as_of: Date,
    pub since: Option<Date>,
    pub commits: Option<usize>,
    pub cohorts: Vec<Cohort>,
    pub per_month: Vec<(String, usize)>,
    pub items: Vec<Item>,
    pub postmortems: Vec<Postmortem>,
    /// Items not done and older than 90 days, by what happened to them.
    pub closed_with_reason: Vec<usize>,
    pub abandoned: Vec<usize>,
    pub open_not_due: Vec<usize>,
    pub balance: Vec<Balance>,
    pub quarters: Vec<Quarter>,
    /// Figures that could not be computed, and why.
    pub missing: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub month: String,
    pub items: usize,
    /// `None` while the cohort is too young to have the figure.
    pub done_within: [Option<usize>; 3],
}

pub const WINDOWS: [i64; 3] = [30, 60, 90];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    pub postmortem: String,
    pub prevent: usize,
    pub mitigate: usize,
    pub detect: usize,
    pub untyped: usize,
}

#[derive(Debug, Clone)]
pub struct Quarter {
    pub name: String,
    pub items: usize,
    pub done: usize,
    pub closed: usize,
    /// Indices into `Report::items` of the items not done.
    pub not_done: Vec<usize>,
}

fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

fn quarter_of(d: Date) -> String {
    format!("{:04}-Q{}", d.year, (d.month - 1) / 3 + 1)
}

fn last_day_of_month(d: Date) -> Date {
    let (y, m) = if d.month == 12 {
        (d.year + 1, 1)
    } else {
        (d.year, d.month + 1)
    };
    Date::from_days(Date::new(y, m, 1).map_or(d.days(), |n| n.days()) - 1)
}

impl Report {
    pub fn compute(history: &History, as_of: Date, since: Option<Date>) -> Report {
        let in_range = |d: Option<Date>| since.is_none_or(|s| d.is_some_and(|d| d >= s));
        let postmortems: Vec<Postmortem> = history
            .postmortems
            .iter()
            .filter(|p| in_range(p.added))
            .cloned()
            .collect();
        let added_of: HashMap<&str, Option<Date>> = postmortems
            .iter()
            .map(|p| (p.path.as_str(), p.added))
            .collect();
        let items: Vec<Item> = history
            .items
            .iter()
            .filter(|i| added_of.contains_key(i.postmortem.as_str()))
            .cloned()
            .collect();
        let with_history = history.commits.is_some();

        let mut cohorts: BTreeMap<String, (Date, Vec<&Item>)> = BTreeMap::new();
        for item in &items {
            if let Some(Some(added)) = added_of.get(item.postmortem.as_str()) {
                cohorts
                    .entry(month_of(*added))
                    .or_insert((*added, Vec::new()))
                    .1
                    .push(item);
            }
        }
        let cohorts = cohorts
            .into_iter()
            .map(|(month, (any_day, items))| {
                let end = last_day_of_month(any_day);
                let done_within = WINDOWS.map(|days| {
                    (with_history && as_of.days() >= end.days() + days).then(|| {
                        items
                            .iter()
                            .filter(|i| {
                                i.state == State::Done
                                    && matches!((i.added, i.closed), (Some(a), Some(c)) if c.days() - a.days() <= days)
                            })
                            .count()
                    })
                });
                Cohort {
                    month,
                    items: items.len(),
                    done_within,
                }
            })
            .collect();

        let mut per_month: BTreeMap<String, usize> = BTreeMap::new();
        if let (Some(first), Some(_)) = (
            postmortems.iter().filter_map(|p| p.added).min(),
            postmortems.first(),
        ) {
            // Every month from the first postmortem on, so that empty months show as zero.
            let mut d = Date::new(first.year, first.month, 1).unwrap_or(first);
            while d <= as_of {
                per_month.insert(month_of(d), 0);
                d = Date::from_days(last_day_of_month(d).days() + 1);
            }
        }
        for p in &postmortems {
            if let Some(added) = p.added {
                *per_month.entry(month_of(added)).or_default() += 1;
            }
        }

        let (mut closed_with_reason, mut abandoned, mut open_not_due) =
            (Vec::new(), Vec::new(), Vec::new());
        for (i, item) in items.iter().enumerate() {
            let old = item.added.is_some_and(|a| as_of.days() - a.days() > 90);
            if !old || item.state == State::Done {
                continue;
            }
            match item.state {
                State::Closed if item.reason.is_some() => closed_with_reason.push(i),
                State::Closed => abandoned.push(i),
                _ if item.deleted => abandoned.push(i),
                _ if item.due.is_none_or(|d| d < as_of) => abandoned.push(i),
                _ => open_not_due.push(i),
            }
        }

        let mut balance: BTreeMap<String, Balance> = BTreeMap::new();
        for item in &items {
            let b = balance
                .entry(item.postmortem.clone())
                .or_insert_with(|| Balance {
                    postmortem: item.postmortem.clone(),
                    ..Balance::default()
                });
            match item.kind {
                Some("prevent") => b.prevent += 1,
                Some("mitigate") => b.mitigate += 1,
                Some("detect") => b.detect += 1,
                _ => b.untyped += 1,
            }
        }

        let mut quarters: BTreeMap<String, Quarter> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            let Some(Some(added)) = added_of.get(item.postmortem.as_str()) else {
                continue;
            };
            let name = quarter_of(*added);
            let q = quarters.entry(name.clone()).or_insert_with(|| Quarter {
                name,
                items: 0,
                done: 0,
                closed: 0,
                not_done: Vec::new(),
            });
            q.items += 1;
            match item.state {
                State::Done => q.done += 1,
                State::Closed => {
                    q.closed += 1;
                    q.not_done.push(i);
                }
                _ => q.not_done.push(i),
            }
        }

        let mut missing = Vec::new();
        if !with_history {
            missing.push(
                "completion at 30, 60 and 90 days: when each item was done is in git history only",
            );
            missing.push("when items were written: the incident date stands in for it");
            missing.push("items deleted without being closed: only history shows them");
        }
        Report {
            as_of,
            since,
            commits: history.commits,
            cohorts,
            per_month: per_month.into_iter().collect(),
            items,
            postmortems,
            closed_with_reason,
            abandoned,
            open_not_due,
            balance: balance.into_values().collect(),
            quarters: quarters.into_values().collect(),
            missing,
        }
    }
}
