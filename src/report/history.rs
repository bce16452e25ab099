//! Each action item's life, rebuilt from git history: when it was written, when it was done or
//! closed, what states it went through, whether it was deleted and in which state. Commits are
//! read along HEAD's first parents, oldest first, with dates in the committer's own offset and
//! never earlier than the commit before. A postmortem keeps its identity through a rename only
//! when it is one (same content, same title, or most items in common), through a deletion and
//! a restore at the same path, and its items keep theirs through typo fixes and renumbering.

use super::identity::{SAME_ID_SIMILAR, SIMILAR, content_overlap, similarity};
use super::version::{Seen, Version};
use super::{Item, Postmortem, State};
use crate::document::Date;
use crate::git::{BlobId, CommitChanges};
use std::collections::HashMap;

/// A postmortem dated more than this many days before its first commit was imported (a
/// postmortem written five weeks after its incident is not: every commit dates its items).
pub const IMPORT_DAYS: i64 = 90;

/// A rule by which two versions of an item are the same item.
type SameItem = dyn Fn(&Seen, &Seen) -> bool;

/// An item of a lineage, with what matching needs.
struct Tracked {
    item: Item,
    seen: Seen,
    present: bool,
}

/// One postmortem through its paths and versions.
struct Lineage {
    path: String,
    title: Option<String>,
    own_date: Option<Date>,
    added: Option<Date>,
    imported: bool,
    /// The day of its first version.
    first_day: Option<Date>,
    deleted: bool,
    prose_only: bool,
    /// The last content's id, to recognise a pure rename.
    content: Option<BlobId>,
    items: Vec<Tracked>,
}

impl Lineage {
    /// Pairs the new version's items with the lineage's: same text, then same bold title, then
    /// same ID (with some words in common), then the most similar text (a unique, mutual best above [`SIMILAR`]).
    fn pair(&self, new: &[Seen]) -> Vec<Option<usize>> {
        let mut pairs: Vec<Option<usize>> = vec![None; new.len()];
        let mut taken = vec![false; self.items.len()];
        // Present items first: a restored item competes only when nothing present fits.
        let order: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].present)
            .chain((0..self.items.len()).filter(|&i| !self.items[i].present))
            .collect();
        let rules: [&SameItem; 3] = [
            &|a, b| !a.words.is_empty() && a.words == b.words,
            &|a, b| a.title.is_some() && a.title == b.title,
            // The same ID with a different action is another item: a deleted row whose
            // number the next row took, or a row rewritten for other work.
            &|a, b| {
                a.id.is_some()
                    && a.id == b.id
                    && (a.words.is_empty()
                        || b.words.is_empty()
                        || content_overlap(&a.words, &b.words) >= SAME_ID_SIMILAR)
            },
        ];
        for rule in rules {
            for (n, s) in new.iter().enumerate() {
                if pairs[n].is_some() {
                    continue;
                }
                if let Some(&t) = order
                    .iter()
                    .find(|&&t| !taken[t] && rule(s, &self.items[t].seen))
                {
                    pairs[n] = Some(t);
                    taken[t] = true;
                }
            }
        }
        // The rest by similarity: each one's best must be unique and mutual.
        let score = |n: usize, t: usize| similarity(&new[n].words, &self.items[t].seen.words);
        let best_of = |n: usize, taken: &[bool]| -> Option<usize> {
            let mut scored: Vec<(f64, usize)> = (0..self.items.len())
                .filter(|&t| !taken[t])
                .map(|t| (score(n, t), t))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0));
            match scored.as_slice() {
                [(s, t), rest @ ..] if *s >= SIMILAR && rest.first().is_none_or(|r| r.0 < *s) => {
                    Some(*t)
                }
                _ => None,
            }
        };
        for n in 0..new.len() {
            if pairs[n].is_some() {
                continue;
            }
            let Some(t) = best_of(n, &taken) else {
                continue;
            };
            let rivals = (0..new.len())
                .filter(|&m| m != n && pairs[m].is_none())
                .any(|m| score(m, t) >= score(n, t));
            if !rivals {
                pairs[n] = Some(t);
                taken[t] = true;
            }
        }
        pairs
    }

    /// Applies a version written on `day`.
    fn apply(&mut self, version: Version, content: BlobId, day: Date, first: bool) {
        if first {
            self.title = version.title.clone();
            self.own_date = version.own_date;
            self.first_day = Some(day);
            self.imported = version
                .own_date
                .is_some_and(|own| own.days() < day.days() - IMPORT_DAYS);
        } else if let Some(own) = version.own_date {
            // The postmortem's own date is its latest version's (a typo corrected).
            self.own_date = Some(own);
        }
        if !first
            && self.imported
            && let (Some(first_day), Some(own)) = (self.first_day, version.own_date)
            && own.days() >= first_day.days() - IMPORT_DAYS
        {
            // The date that made it look imported was corrected: it was written here, and
            // its first version's items were written on its first day.
            self.imported = false;
            for tracked in &mut self.items {
                let item = &mut tracked.item;
                if item.imported {
                    item.imported = false;
                    item.added = Some(first_day);
                    for (at, state) in &item.states {
                        match state {
                            State::Done => item.done_on = Some(*at),
                            State::Closed => item.closed = Some(*at),
                            _ => {}
                        }
                    }
                }
            }
        }
        if version.title.is_some() {
            self.title = version.title.clone();
        }
        self.content = Some(content);
        self.prose_only = version.prose_only;
        self.deleted = false;
        let pairs = self.pair(&version.items);
        let mut present = vec![false; self.items.len()];
        let mut created = Vec::new();
        for (seen, pair) in version.items.into_iter().zip(pairs) {
            match pair {
                Some(t) => {
                    present[t] = true;
                    update(&mut self.items[t], seen, day);
                }
                None => {
                    let imported = first && self.imported;
                    let mut tracked = Tracked {
                        item: Item::new(&self.path, (!imported).then_some(day)),
                        seen: seen.clone(),
                        present: true,
                    };
                    tracked.item.imported = imported;
                    update(&mut tracked, seen, day);
                    if imported {
                        tracked.item.done_on = None;
                        tracked.item.closed = None;
                    }
                    created.push(tracked);
                }
            }
        }
        for (tracked, here) in self.items.iter_mut().zip(present) {
            if tracked.present && !here {
                remove(tracked, day);
            }
        }
        self.items.extend(created);
    }

    fn delete(&mut self, day: Date) {
        self.deleted = true;
        for tracked in &mut self.items {
            if tracked.present {
                remove(tracked, day);
            }
        }
    }
}

/// The item is gone from the document: abandoned when it was not done or closed.
fn remove(tracked: &mut Tracked, day: Date) {
    tracked.present = false;
    let item = &mut tracked.item;
    if item.state.is_open() && !item.deleted {
        item.deleted = true;
        item.deleted_on = Some(day);
        item.deleted_state = Some(item.state);
    }
}

fn update(tracked: &mut Tracked, seen: Seen, day: Date) {
    tracked.present = true;
    let item = &mut tracked.item;
    item.action = seen.action.clone();
    item.id = seen.key.clone();
    item.kind = seen.kind.or(item.kind);
    item.owner = seen.owner.clone().or(item.owner.take());
    item.due = seen.due.or(item.due);
    item.deleted = false;
    item.deleted_on = None;
    item.deleted_state = None;
    item.ever_tracked |= seen.status.is_some() || seen.due.is_some() || !seen.tickets.is_empty();
    item.tickets = seen.tickets.clone();
    let state = seen.status.unwrap_or(State::Open);
    if item.states.last().is_none_or(|(_, s)| *s != state) {
        item.states.push((day, state));
        match state {
            State::Done => item.done_on = Some(day),
            State::Closed => {
                item.closed = Some(day);
                item.done_on = None;
            }
            State::Open | State::InProgress => {
                item.done_on = None;
                item.closed = None;
            }
        }
    }
    item.state = state;
    item.reason = seen.reason.clone();
    tracked.seen = seen;
}

/// How likely an added file is the same postmortem as a deleted one: 3 same content, 2 same
/// title, 1 most items in common, 0 not the same.
fn sameness(deleted: &Lineage, content: BlobId, version: &Version) -> u8 {
    if deleted.content == Some(content) {
        return 3;
    }
    let lower = |t: &Option<String>| t.as_ref().map(|t| t.to_lowercase());
    if deleted.title.is_some() && lower(&deleted.title) == lower(&version.title) {
        return 2;
    }
    let before: Vec<&Vec<compact_str::CompactString>> = deleted
        .items
        .iter()
        .filter(|t| t.present || t.item.deleted_on.is_some())
        .map(|t| &t.seen.words)
        .collect();
    let common = version
        .items
        .iter()
        .filter(|s| before.contains(&&s.words))
        .count();
    let fewer = before.len().min(version.items.len());
    u8::from(common >= 2 && common * 2 >= fewer.max(1))
}

/// A commit's day in its committer's own offset (before any clamping).
pub(super) fn commit_day(commit: &CommitChanges) -> Date {
    let local = commit.time + i64::from(commit.offset_minutes) * 60;
    Date::from_days(local.div_euclid(86_400))
}

/// A commit being applied: its day, and the postmortems it deleted that no added file has
/// taken over yet.
pub(super) struct Open {
    day: Date,
    deleted_now: Vec<usize>,
}

/// Every postmortem and item the history holds, as of the end of `as_of`.
pub(super) struct Builder {
    lineages: Vec<Lineage>,
    /// The lineage at each path that exists, and the last one deleted at each path.
    live: HashMap<String, usize>,
    dead: HashMap<String, usize>,
    last_day: Option<Date>,
    as_of: Option<Date>,
    /// How many commits changed the files read.
    changed: usize,
}

impl Builder {
    pub fn new(as_of: Option<Date>) -> Builder {
        Builder {
            lineages: Vec::new(),
            live: HashMap::new(),
            dead: HashMap::new(),
            last_day: None,
            as_of,
            changed: 0,
        }
    }

    /// Opens a commit: its day, and the postmortems it deletes (known before any version is
    /// read). `None` once the commits are past `as_of`.
    pub(super) fn begin(&mut self, commit: &CommitChanges) -> Option<Open> {
        let mut day = commit_day(commit);
        // A commit dated before its parent happened after it.
        if let Some(last) = self.last_day
            && day < last
        {
            day = last;
        }
        if self.as_of.is_some_and(|a| day > a) {
            return None;
        }
        self.last_day = Some(day);
        self.changed += 1;
        let deleted_now = commit
            .versions
            .iter()
            .filter(|v| v.blob.is_none())
            .filter_map(|v| self.live.remove(&v.path))
            .collect();
        Some(Open { day, deleted_now })
    }

    /// Applies one version the open commit made (modified or added), as soon as it is read:
    /// a commit of ten thousand files is never held parsed at once. An added file is the
    /// deleted postmortem most like it (a rename), or one restored at its path, or new.
    pub(super) fn version(&mut self, open: &mut Open, path: &str, content: BlobId, v: Version) {
        let day = open.day;
        if let Some(&l) = self.live.get(path) {
            self.lineages[l].apply(v, content, day, false);
            return;
        }
        let renamed = open
            .deleted_now
            .iter()
            .enumerate()
            .map(|(i, &l)| (sameness(&self.lineages[l], content, &v), i))
            .filter(|(s, _)| *s > 0)
            .max_by_key(|(s, _)| *s)
            .map(|(_, i)| open.deleted_now.remove(i));
        let restored = renamed.or_else(|| self.dead.remove(path));
        let (index, first) = match restored {
            Some(l) => (l, false),
            None => {
                self.lineages.push(Lineage {
                    path: path.to_owned(),
                    title: None,
                    own_date: None,
                    added: Some(day),
                    imported: false,
                    first_day: None,
                    deleted: false,
                    prose_only: false,
                    content: None,
                    items: Vec::new(),
                });
                (self.lineages.len() - 1, true)
            }
        };
        let lineage = &mut self.lineages[index];
        lineage.path = path.to_owned();
        for tracked in &mut lineage.items {
            tracked.item.postmortem = path.to_owned();
        }
        lineage.apply(v, content, day, first);
        self.dead.retain(|_, l| *l != index);
        self.live.insert(path.to_owned(), index);
    }

    /// Closes the open commit: what it deleted and no added file took over is deleted.
    pub(super) fn end(&mut self, open: Open) {
        for l in open.deleted_now {
            self.lineages[l].delete(open.day);
            self.dead.insert(self.lineages[l].path.clone(), l);
        }
    }

    pub fn finish(self, commits: usize) -> super::History {
        let mut history = super::History {
            commits: Some(commits),
            changed_commits: self.changed,
            postmortems: Vec::new(),
            items: Vec::new(),
        };
        for lineage in self.lineages {
            for tracked in lineage.items {
                history.items.push(tracked.item);
            }
            history.postmortems.push(Postmortem {
                path: lineage.path,
                title: lineage.title,
                own_date: lineage.own_date,
                added: lineage.added,
                imported: lineage.imported,
                deleted: lineage.deleted,
                prose_only: lineage.prose_only,
            });
        }
        history.postmortems.sort_by(|a, b| a.path.cmp(&b.path));
        history
            .items
            .sort_by(|a, b| (&a.postmortem, a.added).cmp(&(&b.postmortem, b.added)));
        history
    }
}
