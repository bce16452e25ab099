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
    apply_fixes(text, applicable(findings, least))
}

/// The applicable fixes of `findings`, in the order of their first edit, each once.
fn applicable(findings: &[Diagnostic], least: Applicability) -> Vec<&Fix> {
    let mut fixes: Vec<&Fix> = findings
        .iter()
        .flat_map(|d| d.fixes.iter())
        .filter(|f| applies(f, least) && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|f| (f.span().start, f.span().end));
    fixes.dedup_by(|a, b| a == b);
    fixes
}

/// What tells a fix apart across rounds, when earlier fixes have moved its offsets: its title
/// and the text each edit replaces and inserts.
fn identity(text: &str, fix: &Fix) -> String {
    let mut id = fix.title.clone();
    for e in &fix.edits {
        id.push('\0');
        id.push_str(text.get(e.range.clone()).unwrap_or(""));
        id.push('\0');
        id.push_str(&e.text);
    }
    id
}

/// `text` with `fixes` applied but those that overlap one before them, and how many were.
fn apply_fixes(text: &str, fixes: Vec<&Fix>) -> Option<(String, usize)> {
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

/// The rules with more findings in `after` than in `before`.
fn grown(before: &[Diagnostic], after: &[Diagnostic]) -> Vec<&'static str> {
    let count = |list: &[Diagnostic], rule: &str| {
        list.iter()
            .filter(|d| d.rule == rule)
            .map(Diagnostic::counts_for)
            .sum::<usize>()
    };
    let mut rules: Vec<&'static str> = after
        .iter()
        .map(|d| d.rule)
        .filter(|&rule| count(after, rule) > count(before, rule))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// What fixing a file did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The fixes not applied because the file would then have had more findings of some
    /// rule: what each would have done, and those rules.
    pub withheld: Vec<(String, Vec<&'static str>)>,
}

/// Fixes `report`'s file in rounds, checking each round's text with `check`; the report
/// becomes the last round's. A round that would leave more findings of some rule than before
/// is tried again one fix at a time, and a fix that alone would do so is withheld. `None`
/// when no fix applies.
pub fn fix(
    report: &mut FileFindings,
    least: Applicability,
    check: &dyn Fn(String) -> Option<FileFindings>,
) -> Option<Outcome> {
    let mut out = Outcome {
        text: report.source.as_ref()?.text().to_owned(),
        ..Outcome::default()
    };
    if applicable(&report.diagnostics, least).is_empty() {
        return None;
    }
    // The fixes withheld, by identity, so that no round tries them again.
    let mut skip: Vec<String> = Vec::new();
    for _ in 0..ROUNDS {
        let fixes: Vec<&Fix> = applicable(&report.diagnostics, least)
            .into_iter()
            .filter(|f| !skip.contains(&identity(&out.text, f)))
            .collect();
        let Some((next, n)) = apply_fixes(&out.text, fixes.clone()) else {
            break;
        };
        let Some(checked) = check(next.clone()) else {
            break;
        };
        if grown(&report.diagnostics, &checked.diagnostics).is_empty() {
            out.text = next;
            *report = checked;
            out.applied += n;
            continue;
        }
        // One at a time: the first that adds nothing is kept, the others tried next round.
        let mut kept = false;
        for fix in fixes {
            let Some((one, _)) = apply_fixes(&out.text, vec![fix]) else {
                continue;
            };
            let Some(checked) = check(one.clone()) else {
                continue;
            };
            let rules = grown(&report.diagnostics, &checked.diagnostics);
            if rules.is_empty() {
                out.text = one;
                *report = checked;
                out.applied += 1;
                kept = true;
                break;
            }
            skip.push(identity(&out.text, fix));
            out.withheld.push((fix.title.clone(), rules));
        }
        if !kept {
            break;
        }
    }
    Some(out)
}
