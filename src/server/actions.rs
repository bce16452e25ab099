//! Code actions: the fixes an editor offers at a range. They are the fixes the findings there
//! carry (each computed by the rule that found it, as `check --fix` applies them), and for
//! every finding, a suppression comment to give a reason in.

use crate::diagnostic::{Diagnostic, Fix};
use crate::document::Document;
use std::ops::Range;

/// The fixes of the findings that overlap `range` (byte offsets), each with the index of its
/// finding, by title once.
pub fn fixes(
    doc: &Document<'_>,
    findings: &[Diagnostic],
    range: Range<usize>,
) -> Vec<(usize, Fix)> {
    let touches = |r: &Range<usize>| r.start <= range.end && range.start <= r.end;
    let mut out: Vec<(usize, Fix)> = Vec::new();
    for (i, d) in findings
        .iter()
        .enumerate()
        .filter(|(_, d)| touches(&d.range))
    {
        for fix in d
            .fixes
            .iter()
            .cloned()
            .chain([crate::suppress::fix(doc, d)])
        {
            if !out.iter().any(|(_, f)| f.title == fix.title) {
                out.push((i, fix));
            }
        }
    }
    out
}
