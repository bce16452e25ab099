//! The report's figures, each with a stated denominator. An item is *measured* when it ever
//! stated a status or a due date and was not imported; only measured items enter completion
//! rates. Untracked and imported items are counted and listed, never called abandoned.

use super::{History, Item, Postmortem, State};
use crate::document::Date;
use std::collections::BTreeMap;

pub const WINDOWS: [i64; 3] = [30, 60, 90];

/// How many quarters the headline shows: this one and the four before (or, when nothing
/// was written in those, this one and the latest four up to the last that had items).
pub const QUARTERS: usize = 5;

/// The figures of a report, computed once and rendered three ways.
#[derive(Debug, Clone)]
pub struct Report {
    pub as_of: Date,
    pub since: Option<Date>,
    pub commits: Option<usize>,
    /// How many of those commits changed the postmortems read.
    pub changed_commits: usize,
    pub postmortems: Vec<Postmortem>,
    pub items: Vec<Item>,
    /// Completion by the month each postmortem counts in.
    pub cohorts: Vec<Cohort>,
    pub per_month: Vec<(String, usize)>,
    /// Measured items older than 90 days and not done, by what happened to them.
    pub closed_with_reason: Vec<usize>,
    pub abandoned: Vec<usize>,
    /// Open, older than 90 days, and not yet due or less than [`LATE_DAYS`] past it.
    pub open_not_due: Vec<usize>,
    /// Items that never stated a status or a due date.
    pub untracked: Vec<usize>,
    /// Items of imported postmortems' first versions.
    pub imported: Vec<usize>,
    /// Items written as already done ("✅ Reverted the change"): records of the response,
    /// not follow-ups, kept out of the rates.
    pub records: Vec<usize>,
    pub balance: Vec<Balance>,
    /// This quarter and the four before, newest first.
    pub headline: Vec<Headline>,
    pub owners: Vec<Owner>,
    /// Every measured item not done, once, oldest postmortem first.
    pub not_done: Vec<usize>,
    /// Figures that could not be computed, and why.
    pub missing: Vec<&'static str>,
    /// Postmortems whose follow-ups are written as prose: none of their items is counted.
    pub prose_only: Vec<String>,
    /// What each postmortem's link starts with: its path follows (`report --link-base`;
    /// empty for links relative to the repository's root).
    pub link_base: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    pub month: String,
    /// Measured items of the postmortems counted in this month.
    pub items: usize,
    /// Done within 30/60/90 days of being written; `None` while the month is too recent.
    pub done_within: [Option<usize>; 3],
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    pub postmortem: String,
    pub prevent: usize,
    pub mitigate: usize,
    pub detect: usize,
    pub untyped: usize,
}

/// One quarter of the headline: measured items written in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub quarter: String,
    pub written: usize,
    pub done_within_90: usize,
    /// Whether 90 days have passed since the quarter's end (else the figure is still growing).
    pub final_90: bool,
    pub median_days_to_done: Option<i64>,
    pub open_past_due: usize,
    pub closed_with_reason: usize,
    pub abandoned: usize,
}

/// Measured items by owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub owner: String,
    pub items: usize,
    pub done: usize,
    pub done_within_90: usize,
    pub open_past_due: usize,
    pub abandoned: usize,
}

pub(super) fn month_of(d: Date) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

fn quarter_index(d: Date) -> i64 {
    i64::from(d.year) * 4 + i64::from((d.month - 1) / 3)
}

fn quarter_name(index: i64) -> String {
    format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1)
}

fn quarter_end(index: i64) -> Date {
    let (y, q) = (index.div_euclid(4) as i32, index.rem_euclid(4) as u32);
    last_day_of_month(Date::new(y, q * 3 + 3, 1).unwrap_or(Date::from_days(0)))
}

fn last_day_of_month(d: Date) -> Date {
    let (y, m) = if d.month == 12 {
        (d.year + 1, 1)
    } else {
        (d.year, d.month + 1)
    };
    Date::from_days(Date::new(y, m, 1).map_or(d.days(), |n| n.days()) - 1)
}

impl Item {
    /// In completion rates: it stated a status or due date, and its writing is in history.
    pub fn measured(&self) -> bool {
        !self.untracked() && !self.imported && self.added.is_some() && !self.record()
    }

    /// Written as already done, on the day it was first written, and never anything else
    /// since: a record of work done during the incident or before the postmortem, not a
    /// follow-up to be measured. One reopened was not done after all: it is a follow-up.
    pub fn record(&self) -> bool {
        self.added
            .is_some_and(|added| self.states.first() == Some(&(added, State::Done)))
            && self.states.iter().all(|(_, state)| *state == State::Done)
    }

    /// Days from written to done, when it is done.
    pub fn days_to_done(&self) -> Option<i64> {
        match (self.state, self.added, self.done_on) {
            (State::Done, Some(a), Some(d)) => Some(d.days() - a.days()),
            _ => None,
        }
    }

    pub fn done_within(&self, days: i64) -> bool {
        self.days_to_done().is_some_and(|d| d <= days)
    }

    pub fn open_past_due(&self, as_of: Date) -> bool {
        self.state.is_open() && !self.deleted && self.due.is_some_and(|d| d < as_of)
    }

    /// Ended without being done and without a word: deleted while open, closed without a
    /// reason, or open for more than 90 days with its due date passed or never set.
    pub fn abandoned(&self, as_of: Date) -> bool {
        if !self.measured() || self.state == State::Done {
            return false;
        }
        let old = self.added.is_some_and(|a| as_of.days() - a.days() > 90);
        // An item a few weeks past its due date is late (open past due), not abandoned.
        let long_past_due = |d: Date| as_of.days() - d.days() > LATE_DAYS;
        self.deleted
            || (self.state == State::Closed && self.reason.is_none())
            || (self.state.is_open() && old && self.due.is_none_or(long_past_due))
    }
}

/// How long past its due date an open item is late rather than abandoned.
pub const LATE_DAYS: i64 = 30;

impl Report {
    pub fn compute(history: &History, as_of: Date, since: Option<Date>) -> Report {
        let in_range = |d: Option<Date>| since.is_none_or(|s| d.is_some_and(|d| d >= s));
        let postmortems: Vec<Postmortem> = history
            .postmortems
            .iter()
            .filter(|p| in_range(p.counted_on()))
            .cloned()
            .collect();
        let counted_on: BTreeMap<&str, Option<Date>> = postmortems
            .iter()
            .map(|p| (p.path.as_str(), p.counted_on()))
            .collect();
        let items: Vec<Item> = history
            .items
            .iter()
            .filter(|i| counted_on.contains_key(i.postmortem.as_str()))
            .cloned()
            .collect();
        let with_history = history.commits.is_some();

        let mut by_month: BTreeMap<String, (Date, Vec<&Item>)> = BTreeMap::new();
        for p in &postmortems {
            if let Some(day) = p.counted_on() {
                by_month.entry(month_of(day)).or_insert((day, Vec::new()));
            }
        }
        // An item written later into an imported postmortem (a follow-up added after the
        // import) counts in the month it was written, not in the postmortem's old month.
        let imported: std::collections::HashSet<&str> = postmortems
            .iter()
            .filter(|p| p.imported)
            .map(|p| p.path.as_str())
            .collect();
        for item in items.iter().filter(|i| i.measured()) {
            let day = if imported.contains(item.postmortem.as_str()) {
                item.added.as_ref()
            } else {
                counted_on
                    .get(item.postmortem.as_str())
                    .and_then(Option::as_ref)
            };
            if let Some(day) = day {
                by_month
                    .entry(month_of(*day))
                    .or_insert((*day, Vec::new()))
                    .1
                    .push(item);
            }
        }
        let cohorts = by_month
            .into_iter()
            .map(|(month, (day, items))| {
                let end = last_day_of_month(day);
                Cohort {
                    month,
                    items: items.len(),
                    done_within: WINDOWS.map(|days| {
                        (with_history && as_of.days() >= end.days() + days)
                            .then(|| items.iter().filter(|i| i.done_within(days)).count())
                    }),
                }
            })
            .collect();

        let mut per_month: BTreeMap<String, usize> = BTreeMap::new();
        if let Some(first) = postmortems.iter().filter_map(Postmortem::counted_on).min() {
            // Every month from the first postmortem on, so that empty months show as zero.
            let mut d = Date::new(first.year, first.month, 1).unwrap_or(first);
            while d <= as_of {
                per_month.insert(month_of(d), 0);
                d = Date::from_days(last_day_of_month(d).days() + 1);
            }
        }
        for day in postmortems.iter().filter_map(Postmortem::counted_on) {
            *per_month.entry(month_of(day)).or_default() += 1;
        }

        let mut lists: [Vec<usize>; 6] = Default::default();
        for (i, item) in items.iter().enumerate() {
            if item.untracked() {
                lists[3].push(i);
                continue;
            }
            if item.imported {
                lists[4].push(i);
                continue;
            }
            if item.record() {
                lists[5].push(i);
                continue;
            }
            let old = item.added.is_some_and(|a| as_of.days() - a.days() > 90);
            if !old || item.state == State::Done {
                continue;
            }
            if item.state == State::Closed && item.reason.is_some() {
                lists[0].push(i);
            } else if item.abandoned(as_of) {
                lists[1].push(i);
            } else {
                lists[2].push(i);
            }
        }
        let [
            closed_with_reason,
            abandoned,
            open_not_due,
            untracked,
            imported,
            records,
        ] = lists;

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

        let measured: Vec<(usize, &Item)> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.measured())
            .collect();
        let this_quarter = quarter_index(as_of);
        // This quarter and the four before it; when the latest follow-ups are older than
        // that, this quarter and the latest four quarters up to the last that had items.
        let latest = measured
            .iter()
            .filter_map(|(_, i)| i.added.map(quarter_index))
            .filter(|q| *q <= this_quarter)
            .max();
        let quarters: Vec<i64> = match latest {
            Some(latest) if latest < this_quarter - (QUARTERS as i64 - 1) => {
                std::iter::once(this_quarter)
                    .chain((0..QUARTERS as i64 - 1).map(|back| latest - back))
                    .collect()
            }
            _ => (0..QUARTERS as i64)
                .map(|back| this_quarter - back)
                .collect(),
        };
        let headline = quarters
            .into_iter()
            .map(|q| {
                let written: Vec<&Item> = measured
                    .iter()
                    .map(|(_, i)| *i)
                    .filter(|i| i.added.is_some_and(|a| quarter_index(a) == q))
                    .collect();
                let mut days: Vec<i64> = written.iter().filter_map(|i| i.days_to_done()).collect();
                days.sort_unstable();
                Headline {
                    quarter: quarter_name(q),
                    written: written.len(),
                    done_within_90: written.iter().filter(|i| i.done_within(90)).count(),
                    final_90: as_of.days() >= quarter_end(q).days() + 90,
                    median_days_to_done: median(&days),
                    open_past_due: written.iter().filter(|i| i.open_past_due(as_of)).count(),
                    closed_with_reason: written
                        .iter()
                        .filter(|i| i.state == State::Closed && i.reason.is_some())
                        .count(),
                    abandoned: written.iter().filter(|i| i.abandoned(as_of)).count(),
                }
            })
            .collect();

        let mut owners: BTreeMap<String, Owner> = BTreeMap::new();
        for (_, item) in &measured {
            let name = item
                .owner
                .clone()
                .unwrap_or_else(|| "(no owner)".to_owned());
            let o = owners.entry(name.clone()).or_insert(Owner {
                owner: name,
                items: 0,
                done: 0,
                done_within_90: 0,
                open_past_due: 0,
                abandoned: 0,
            });
            o.items += 1;
            o.done += usize::from(item.state == State::Done);
            o.done_within_90 += usize::from(item.done_within(90));
            o.open_past_due += usize::from(item.open_past_due(as_of));
            o.abandoned += usize::from(item.abandoned(as_of));
        }
        let mut owners: Vec<Owner> = owners.into_values().collect();
        // By name, as a roster reads: never ranked by abandonment (or any other figure)
        // in a blameless programme. Items with no owner come last.
        owners.sort_by(|a, b| {
            let key = |o: &Owner| (o.owner == "(no owner)", o.owner.to_lowercase());
            key(a).cmp(&key(b))
        });

        let mut not_done: Vec<usize> = measured
            .iter()
            .filter(|(_, i)| i.state != State::Done)
            .map(|(n, _)| *n)
            .collect();
        not_done.sort_by_key(|&n| {
            (
                counted_on
                    .get(items[n].postmortem.as_str())
                    .copied()
                    .flatten(),
                n,
            )
        });

        let prose_only = postmortems
            .iter()
            .filter(|p| p.prose_only && !p.deleted)
            .map(|p| p.path.clone())
            .collect();
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
            changed_commits: history.changed_commits,
            postmortems,
            items,
            cohorts,
            per_month: per_month.into_iter().collect(),
            closed_with_reason,
            abandoned,
            open_not_due,
            untracked,
            imported,
            records,
            balance: balance.into_values().collect(),
            headline,
            owners,
            not_done,
            missing,
            prose_only,
            link_base: String::new(),
        }
    }

    /// The postmortem an item belongs to.
    pub fn postmortem_of(&self, item: &Item) -> Option<&Postmortem> {
        self.postmortems.iter().find(|p| p.path == item.postmortem)
    }

    /// Items in completion rates.
    pub fn measured(&self) -> usize {
        self.items.iter().filter(|i| i.measured()).count()
    }
}

fn median(sorted: &[i64]) -> Option<i64> {
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2),
    }
}
