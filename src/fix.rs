//! `check --fix` and `--diff`: the fixes findings carry, applied to a file's text in rounds
//! until none is left to apply, each round checked again. A round that would leave more
//! findings of some rule than before is not kept: a fix never trades one finding for another.

use crate::diagnostic::{Applicability, Diagnostic, Edit, FileFindings, Fix};
use std::ops::Range;

/// How many rounds of fixes a file gets at most (a fix that re-creates its own finding would
/// otherwise never end).
const ROUNDS: usize = 10;

/// Whether `fix` is applied by a run that applies fixes of `least` and safer.
pub fn applies(fix: &Fix, least: Applicability) -> bool {
    least != Applicability::DisplayOnly && fix.applicability >= least
}

/// Whether two edits touch the same bytes (two insertions at one place count: their order
/// would be a guess).
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// `text` with the applicable fixes of `findings` that do not overlap one before them, and
/// how many were applied; `None` when none applies.
pub fn apply(text: &str, findings: &[Diagnostic], least: Applicability) -> Option<(String, usize)> {
    let mut fixes: Vec<&Fix> = findings
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| applies(f, least) && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| (f.span().start, f.span().end));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            e.range.end <= text.len()
                && text.is_char_boundary(e.range.start)
                && text.is_char_boundary(e.range.end)
                && !taken.iter().any(|t| overlap(&t.range, &e.range))
        });
        let same = fix.edits.iter().all(|e| taken.contains(&e));
        if fits {
            taken.extend(fix.edits.iter());
            applied += 1;
        } else if same {
            // The same edits as a fix taken already (two names of one comment, both unused,
            // each removing the whole comment): that fix covers this one too.
            applied += 1;
        }
    }
    if taken.is_empty() {
        return None;
    }
    taken.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    Some((out, applied))
}

/// Whether `after` has more findings of some rule than `before`.
fn adds_findings(before: &[Diagnostic], after: &[Diagnostic]) -> bool {
    let count = |list: &[Diagnostic], rule: &str| {
        list.iter()
            .filter(|d| d.rule == rule)
            .map(Diagnostic::counts_for)
            .sum::<usize>()
    };
    after
        .iter()
        .any(|d| count(after, d.rule) > count(before, d.rule))
}

/// Fixes `report`'s file in rounds, checking each round's text with `check`; the report
/// becomes the last round's. `None` when no fix applies.
pub fn fix(
    report: &mut FileFindings,
    least: Applicability,
    check: &dyn Fn(String) -> Option<FileFindings>,
) -> Option<(String, usize)> {
    let before = report.source.as_ref()?.text().to_owned();
    let mut text = before.clone();
    let mut applied = 0;
    for _ in 0..ROUNDS {
        let Some((next, n)) = apply(&text, &report.diagnostics, least) else {
            break;
        };
        let Some(checked) = check(next.clone()) else {
            break;
        };
        if adds_findings(&report.diagnostics, &checked.diagnostics) {
            break;
        }
        text = next;
        *report = checked;
        applied += n;
    }
    (applied > 0 && text != before).then_some((text, applied))
}
