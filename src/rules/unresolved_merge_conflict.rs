use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use std::ops::Range;

pub struct UnresolvedMergeConflict;

pub static UNRESOLVED_MERGE_CONFLICT: RuleDoc = RuleDoc {
    name: "unresolved-merge-conflict",
    severity: Severity::Error,
    scope: Scope::Line,
    options: &[],
    summary: "the file still holds git's conflict markers",
    why: "A postmortem with `<<<<<<<`, `=======` and `>>>>>>>` lines is two versions of the \
document at once: one side's action items, owners or timeline entries are about to be lost, and \
every other finding inside the conflict is about text that may not survive the merge. The other \
rules stay quiet inside a conflict; resolve it first.",
    bad: "## Action items
<<<<<<< HEAD
| 1 | Add a pool-size alert | @db-oncall | 2026-12-15 | detect | open |
=======
| 1 | Add a pool-size alert | @sre | 2026-12-20 | detect | open |
>>>>>>> feature/alerts
",
    good: "## Action items
| 1 | Add a pool-size alert | @db-oncall | 2026-12-15 | detect | open |
",
};

impl Rule for UnresolvedMergeConflict {
    fn doc(&self) -> &'static RuleDoc {
        &UNRESOLVED_MERGE_CONFLICT
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let text = cx.doc.text();
        for block in conflict_blocks(text, &|offset| cx.doc.is_excluded(offset)) {
            let first_line_end = text[block.clone()]
                .find('\n')
                .map_or(block.end, |n| block.start + n);
            let source = cx.doc.source();
            let (from, to) = (
                source.line_col(block.start).0,
                source.line_col(block.end.saturating_sub(1)).0,
            );
            out.push(
                Finding::new(
                    block.start..first_line_end,
                    format!("unresolved merge conflict (lines {from}-{to})"),
                )
                .label("conflict starts here")
                .help("keep the right side, delete the `<<<<<<<`, `=======` and `>>>>>>>` lines and commit again"),
            );
        }
    }
}

/// The conflicts of a text: from a `<<<<<<<` line through its `>>>>>>>` line, with a `=======`
/// line between, each start outside code (`excluded`).
pub fn conflict_blocks(text: &str, excluded: &dyn Fn(usize) -> bool) -> Vec<Range<usize>> {
    let is_marker = |line: &str, marker: &str| {
        let line = line.trim_end_matches(['\r', '\n']);
        line.strip_prefix(marker)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    let mut blocks = Vec::new();
    // Most documents have no marker at all, and few `<`: a vectorised search for the byte
    // says so sooner than one for the whole marker.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(b'<', bytes).any(|at| bytes[at..].starts_with(b"<<<<<<<")) {
        return blocks;
    }
    // (start of the `<<<<<<<` line, whether `=======` was seen)
    let mut open: Option<(usize, bool)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if is_marker(line, "<<<<<<<") {
            if !excluded(start) {
                open = Some((start, false));
            }
        } else if let Some((from, _)) = open
            && is_marker(line, "=======")
        {
            open = Some((from, true));
        } else if let Some((from, true)) = open
            && is_marker(line, ">>>>>>>")
        {
            blocks.push(from..offset);
            open = None;
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_need_all_three_markers() {
        let text = "a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\nz\n<<<<<<< only\n";
        assert_eq!(conflict_blocks(text, &|_| false), vec![2..37]);
        assert!(conflict_blocks("<<<<<<<<\n=======\n>>>>>>>\n", &|_| false).is_empty());
    }
}
