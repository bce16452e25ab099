use super::{Context, Findings, Rule, RuleDoc, Scope, Severity};

/// Reported by the file loader, not by a check: a file that cannot be read never becomes a
/// document.
pub struct UnreadableFile;

pub static UNREADABLE_FILE: RuleDoc = RuleDoc {
    name: "unreadable-file",
    severity: Severity::Error,
    scope: Scope::Document,
    options: &[],
    summary: "a file could not be read, is binary, or is not valid UTF-8",
    why: "A postmortem the linter cannot read is a postmortem nobody checked. The run goes on \
with the other files and reports this one, so that nothing is skipped silently: fix the \
encoding (postmortems are UTF-8 Markdown), the permissions, or exclude the file.",
    bad: "(a file saved as Latin-1, or a PDF renamed to .md)",
    good: "(the same postmortem saved as UTF-8 Markdown)",
};

impl Rule for UnreadableFile {
    fn doc(&self) -> &'static RuleDoc {
        &UNREADABLE_FILE
    }

    fn check(&self, _cx: &Context<'_>, _out: &mut Findings<'_>) {
        // Nothing to check on a document that was read: see `check::check_bytes`.
    }
}
