//! Each action item's life, rebuilt from git history: when it was written, when it was done or
//! closed, what states it went through, whether it was deleted and in which state. Commits are
//! read along HEAD's first parents, oldest first, with dates in the committer's own offset and
//! never earlier than the commit before. A postmortem keeps its identity through a rename only
//! when it is one (same content, same title, or most items in common), through a deletion and
//! a restore at the same path, and its items keep theirs through typo fixes and renumbering.

use super::version::{Seen, Version, read_version};
use super::{Item, Postmortem, State};
use crate::document::{Date, Template};
use crate::git::{CommitChanges, GitError, Repo};
use rayon::prelude::*;
use std::collections::HashMap;

/// A postmortem dated more than this many days before its first commit was imported.
pub const IMPORT_DAYS: i64 = 30;

/// How alike two action texts must be (shared words over all words) for an item whose text
/// changed to be the same item: a typo fix or a few words added keep well above it, a
/// different action of the same postmortem stays well below.
pub const SIMILAR: f64 = 0.6;

/// Shared words over all words of the two texts (0 to 1).
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut common = 0;
    let mut rest: Vec<&String> = b.iter().collect();
    for w in a {
        if let Some(i) = rest.iter().position(|r| *r == w) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

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
    deleted: bool,
    /// The last content, to recognise a pure rename.
    content: Vec<u8>,
    items: Vec<Tracked>,
}

impl Lineage {
    /// Pairs the new version's items with the lineage's: same text, then same bold title, then
    /// same ID, then the most similar text (a unique, mutual best above [`SIMILAR`]).
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
            &|a, b| a.id.is_some() && a.id == b.id,
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
    fn apply(&mut self, version: Version, content: Vec<u8>, day: Date, first: bool) {
        if first {
            self.title = version.title.clone();
            self.own_date = version.own_date;
            self.imported = version
                .own_date
                .is_some_and(|own| own.days() < day.days() - IMPORT_DAYS);
        }
        if version.title.is_some() {
            self.title = version.title.clone();
        }
        self.content = content;
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
    item.ever_tracked |= seen.status.is_some() || seen.due.is_some();
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
fn sameness(deleted: &Lineage, content: &[u8], version: &Version) -> u8 {
    if deleted.content == content {
        return 3;
    }
    let lower = |t: &Option<String>| t.as_ref().map(|t| t.to_lowercase());
    if deleted.title.is_some() && lower(&deleted.title) == lower(&version.title) {
        return 2;
    }
    let before: Vec<&Vec<String>> = deleted
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
fn commit_day(commit: &CommitChanges) -> Date {
    let local = commit.time + i64::from(commit.offset_minutes) * 60;
    Date::from_days(local.div_euclid(86_400))
}

/// Every postmortem and item the history holds, as of the end of `as_of`.
pub(super) struct Builder<'t> {
    template: &'t Template,
    lineages: Vec<Lineage>,
    /// The lineage at each path that exists, and the last one deleted at each path.
    live: HashMap<String, usize>,
    dead: HashMap<String, usize>,
    last_day: Option<Date>,
    as_of: Option<Date>,
}

impl<'t> Builder<'t> {
    pub fn new(template: &'t Template, as_of: Option<Date>) -> Builder<'t> {
        Builder {
            template,
            lineages: Vec::new(),
            live: HashMap::new(),
            dead: HashMap::new(),
            last_day: None,
            as_of,
        }
    }

    /// Reads one commit; `false` once the commits are past `as_of`.
    pub fn commit(&mut self, commit: CommitChanges) -> bool {
        let year = commit_day(&commit).year;
        let parsed = commit
            .versions
            .iter()
            .map(|v| {
                v.content
                    .as_ref()
                    .map(|c| read_version(&v.path, c, self.template, year))
            })
            .collect();
        self.commit_parsed(commit, parsed)
    }

    /// As [`Builder::commit`], with each version already read (`None` for a deletion).
    fn commit_parsed(&mut self, commit: CommitChanges, parsed: Vec<Option<Version>>) -> bool {
        let mut day = commit_day(&commit);
        // A commit dated before its parent happened after it.
        if let Some(last) = self.last_day
            && day < last
        {
            day = last;
        }
        if self.as_of.is_some_and(|a| day > a) {
            return false;
        }
        self.last_day = Some(day);
        let mut deleted_now: Vec<usize> = Vec::new();
        let mut added = Vec::new();
        for (version, read) in commit.versions.into_iter().zip(parsed) {
            match (
                version.content.zip(read),
                self.live.get(&version.path).copied(),
            ) {
                (None, Some(l)) => {
                    self.live.remove(&version.path);
                    deleted_now.push(l);
                }
                (None, None) => {}
                (Some((content, v)), Some(l)) => {
                    self.lineages[l].apply(v, content, day, false);
                }
                (Some((content, v)), None) => added.push((version.path, content, v)),
            }
        }
        for (path, content, v) in added {
            // A rename: the deleted postmortem most like this one, if any is.
            let renamed = deleted_now
                .iter()
                .enumerate()
                .map(|(i, &l)| (sameness(&self.lineages[l], &content, &v), i))
                .filter(|(s, _)| *s > 0)
                .max_by_key(|(s, _)| *s)
                .map(|(_, i)| deleted_now.remove(i));
            let restored = renamed.or_else(|| self.dead.remove(&path));
            let (index, first) = match restored {
                Some(l) => (l, false),
                None => {
                    self.lineages.push(Lineage {
                        path: path.clone(),
                        title: None,
                        own_date: None,
                        added: Some(day),
                        imported: false,
                        deleted: false,
                        content: Vec::new(),
                        items: Vec::new(),
                    });
                    (self.lineages.len() - 1, true)
                }
            };
            let lineage = &mut self.lineages[index];
            lineage.path = path.clone();
            for tracked in &mut lineage.items {
                tracked.item.postmortem = path.clone();
            }
            lineage.apply(v, content, day, first);
            self.dead.retain(|_, l| *l != index);
            self.live.insert(path, index);
        }
        for l in deleted_now {
            self.lineages[l].delete(day);
            self.dead.insert(self.lineages[l].path.clone(), l);
        }
        true
    }

    pub fn finish(self, commits: usize) -> super::History {
        let mut history = super::History {
            commits: Some(commits),
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
            });
        }
        history.postmortems.sort_by(|a, b| a.path.cmp(&b.path));
        history
            .items
            .sort_by(|a, b| (&a.postmortem, a.added).cmp(&(&b.postmortem, b.added)));
        history
    }
}

/// Reads history from git, as of the end of `as_of` when given. `None` in a shallow clone.
pub(super) fn from_git(
    repo: &Repo,
    scope: &[String],
    wanted: &dyn Fn(&str) -> bool,
    template: &Template,
    as_of: Option<Date>,
) -> Result<Option<super::History>, GitError> {
    // A folder inside another one named is read once, with it.
    let mut scope: Vec<String> = scope.to_vec();
    scope.sort();
    let all = scope.clone();
    scope.retain(|s| {
        !all.iter()
            .any(|o| o != s && (o.is_empty() || s.starts_with(&format!("{o}/"))))
    });
    let scope = scope.as_slice();
    // The walk collects every version; they are read (parsed) in parallel, then applied in
    // order: reading is most of the work.
    let mut collected: Vec<CommitChanges> = Vec::new();
    let commits = repo.commit_changes(scope, wanted, &mut |c| {
        let go_on = as_of.is_none_or(|a| commit_day(&c) <= a);
        collected.push(c);
        go_on
    })?;
    let Some(commits) = commits else {
        return Ok(None);
    };
    let parsed: Vec<Vec<Option<Version>>> = collected
        .par_iter()
        .map(|c| {
            let year = commit_day(c).year;
            c.versions
                .iter()
                .map(|v| {
                    v.content
                        .as_ref()
                        .map(|content| read_version(&v.path, content, template, year))
                })
                .collect()
        })
        .collect();
    let mut builder = Builder::new(template, as_of);
    for (commit, read) in collected.into_iter().zip(parsed) {
        if !builder.commit_parsed(commit, read) {
            break;
        }
    }
    Ok(Some(builder.finish(commits)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_texts() {
        let w = |t: &str| crate::report::version::words(t);
        assert!(similarity(&w("Alert on queue depth"), &w("Alert on queue depht")) >= SIMILAR);
        assert!(
            similarity(
                &w("Add an alert on the queue depth of the consumer"),
                &w("Add an alert on the queue depht of the consumer")
            ) >= SIMILAR
        );
        assert!(similarity(&w("Shard the queue"), &w("Load test the consumer")) < SIMILAR);
    }
}
