//! `check --fix` and `--diff` on the command line: writing fixed files back, the diff of what
//! would change, and what is said about fixes (applied, withheld, still available).

use super::CheckArgs;
use super::check::tell_selection;
use postmortem_lint::diagnostic::{Applicability, Fixed, LineEnds};
use postmortem_lint::escape::visible;
use postmortem_lint::run::{self, Plan};
use std::io::{self, Write};
use std::process::ExitCode;

/// What `--fix` wrote, file by file, and the findings left that a fix could remove.
#[derive(Default)]
pub(super) struct Fixes {
    applied: usize,
    files: usize,
    pub(super) failed: bool,
    /// Findings shown with a safe fix, and with only an unsafe one.
    fixable: usize,
    unsafe_fixable: usize,
}

impl Fixes {
    /// Counts the findings a fix would take away, but those whose fix was withheld.
    pub(super) fn count_fixable(
        &mut self,
        report: &postmortem_lint::diagnostic::FileFindings,
        withheld: &[String],
    ) {
        for d in &report.diagnostics {
            let best = d
                .fixes
                .iter()
                .filter(|f| !withheld.contains(&f.title))
                .map(|f| f.applicability)
                .max();
            match best {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                _ => {}
            }
        }
    }

    /// Writes a fixed file back (with its own line ends) and says which fixes were withheld;
    /// a file with mixed line ends is left as it is, and said so (`true`). When the file
    /// cannot be written, its findings are those of the file as it is.
    pub(super) fn write(
        &mut self,
        report: &mut postmortem_lint::diagnostic::FileFindings,
        fixed: Fixed,
    ) -> bool {
        let shown = visible(&report.path).into_owned();
        if fixed.line_ends == LineEnds::Mixed {
            eprintln!(
                "postmortem-lint: warning: {shown}: not fixed: its lines end both in LF and CRLF; make them one kind and fix again"
            );
            return true;
        }
        tell_withheld(&shown, &fixed, "not applied");
        if fixed.after == fixed.before {
            return false;
        }
        match std::fs::write(&fixed.path, fixed.bytes()) {
            Ok(()) => {
                self.applied += fixed.applied;
                self.files += 1;
            }
            Err(e) => {
                eprintln!(
                    "postmortem-lint: error: {shown}: cannot write the fixes: {}",
                    visible(&e.to_string())
                );
                self.failed = true;
                if let Some(original) = fixed.original {
                    *report = *original;
                }
            }
        }
        false
    }

    pub(super) fn tell(&self, quiet: bool, unsafe_fixes: bool) {
        if quiet {
            return;
        }
        let s = |n: usize| if n == 1 { "" } else { "s" };
        if self.files > 0 {
            eprintln!(
                "postmortem-lint: applied {} fix{} to {} file{}",
                self.applied,
                if self.applied == 1 { "" } else { "es" },
                self.files,
                s(self.files)
            );
        }
        // As ruff says it: what is left that a fix would take away.
        let unsafe_left = if unsafe_fixes { 0 } else { self.unsafe_fixable };
        if self.fixable > 0 && unsafe_left > 0 {
            eprintln!(
                "postmortem-lint: {} finding{} can be fixed with `--fix` ({} more with `--fix --unsafe-fixes`; `--diff` shows the changes)",
                self.fixable,
                s(self.fixable),
                unsafe_left
            );
        } else if self.fixable > 0 {
            eprintln!(
                "postmortem-lint: {} finding{} can be fixed with `--fix` (`--diff` shows the changes)",
                self.fixable,
                s(self.fixable)
            );
        } else if unsafe_left > 0 {
            eprintln!(
                "postmortem-lint: {unsafe_left} finding{} can be fixed with `--fix --unsafe-fixes` (`--diff --unsafe-fixes` shows the changes)",
                s(unsafe_left)
            );
        }
    }
}

/// Says which fixes were withheld from a file, and why.
fn tell_withheld(shown: &str, fixed: &Fixed, verb: &str) {
    for (title, rules) in &fixed.withheld {
        let rules: Vec<String> = rules.iter().map(|r| format!("`{r}`")).collect();
        eprintln!(
            "postmortem-lint: note: {shown}: {verb}: \"{}\": the file would then have more {} findings; make that change by hand",
            visible(title),
            rules.join(", ")
        );
    }
}

/// `check --diff`: what `--fix` would change, as a unified diff per file; nothing written.
/// Exit 1 when something would change.
pub(super) fn print_diff(args: &CheckArgs, plan: &Plan) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut applied, mut files) = (0, 0);
    run::run(plan, args.threads, |report| {
        let Some(fixed) = report.fixed.take() else {
            return Ok(());
        };
        if fixed.line_ends == LineEnds::Mixed {
            eprintln!(
                "postmortem-lint: warning: {}: would not be fixed: its lines end both in LF and CRLF",
                visible(&report.path)
            );
            return Ok(());
        }
        tell_withheld(&visible(&report.path), &fixed, "would not be applied");
        if fixed.after == fixed.before {
            return Ok(());
        }
        applied += fixed.applied;
        files += 1;
        // The file's own text is what a pull request controls: each line is escaped.
        for line in fixed.diff(&report.path).lines() {
            writeln!(out, "{}", visible(line))?;
        }
        Ok(())
    })?;
    out.flush()?;
    tell_selection(plan, args.quiet);
    for error in &plan.path_errors {
        eprintln!("postmortem-lint: error: {}", visible(&error.to_string()));
    }
    if !plan.path_errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    if !args.quiet {
        eprintln!(
            "postmortem-lint: {}",
            if files == 0 {
                "nothing to fix".to_owned()
            } else {
                format!(
                    "would apply {applied} fix{} to {files} file{} (run with {} to apply)",
                    if applied == 1 { "" } else { "es" },
                    if files == 1 { "" } else { "s" },
                    if args.unsafe_fixes {
                        "--fix --unsafe-fixes"
                    } else {
                        "--fix"
                    }
                )
            }
        );
    }
    Ok(if files > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
