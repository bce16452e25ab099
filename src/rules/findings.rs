//! Where a rule puts what it finds in one file: the first [`Findings::SHOWN`] in full, then
//! only a count and where the first of the rest is, so that a file with a million matches of
//! one rule costs the memory of a hundred. Findings an inline comment silences never count
//! against the limit: each comment keeps one, so the engine still sees that it silenced
//! something (and does not call it unused), and the rest are dropped, silenced anyway.

use super::Finding;
use std::ops::Range;

/// Which inline comments silence a finding of a rule at a byte offset (by the comments'
/// indices), told by the engine, which reads the comments; a rule never sees them.
pub trait Silences {
    fn silencers(&self, rule: &str, start: usize, out: &mut Vec<usize>);
}

/// A rule's findings in one file, bounded.
pub struct Findings<'a> {
    kept: Vec<Finding>,
    /// How many findings that no comment silences are kept.
    shown: usize,
    /// Beyond the limit: how many more, and the range of the first of them.
    more: usize,
    first_more: Option<Range<usize>>,
    silences: Option<(&'a dyn Silences, &'a str)>,
    /// The comments that have a silenced finding kept already.
    silencing: Vec<usize>,
    scratch: Vec<usize>,
}

impl<'a> Findings<'a> {
    /// How many findings of one rule in one file are shown in full.
    pub const SHOWN: usize = 100;

    /// Findings of the rule `rule`, checked against the file's silencing comments when it has
    /// any.
    pub fn new(silences: Option<(&'a dyn Silences, &'a str)>) -> Findings<'a> {
        Findings {
            kept: Vec::new(),
            shown: 0,
            more: 0,
            first_more: None,
            silences,
            silencing: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Adds a finding: kept while fewer than [`Findings::SHOWN`] are, else counted.
    pub fn push(&mut self, finding: Finding) {
        if let Some((silences, rule)) = self.silences {
            self.scratch.clear();
            silences.silencers(rule, finding.range.start, &mut self.scratch);
            if !self.scratch.is_empty() {
                let new = self.scratch.iter().any(|c| !self.silencing.contains(c));
                if new {
                    self.silencing.extend(self.scratch.iter().copied());
                    self.kept.push(finding);
                }
                return;
            }
        }
        if self.shown < Self::SHOWN {
            self.shown += 1;
            self.kept.push(finding);
        } else {
            self.more += 1;
            self.first_more.get_or_insert(finding.range);
        }
    }

    /// How many findings were found (kept and counted), silenced ones kept included.
    pub fn len(&self) -> usize {
        self.kept.len() + self.more
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The findings kept, and past the limit, the range of the first one not kept with how
    /// many were not.
    pub fn finish(self) -> (Vec<Finding>, Option<(Range<usize>, usize)>) {
        let more = self.first_more.map(|range| (range, self.more));
        (self.kept, more)
    }
}
