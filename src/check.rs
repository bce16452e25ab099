//! Runs every rule over one file and turns findings into diagnostics.

use crate::config::Settings;
use crate::document::Document;
use crate::rules::{self, Context};
use crate::source::Source;
use crate::suppress::Silencer;

use crate::diagnostic::{Diagnostic, FileFindings};

/// Checks a file's bytes: unreadable content becomes an `unreadable-file` diagnostic.
pub fn check_bytes(path: &str, bytes: &[u8], settings: &Settings) -> FileFindings {
    check_bytes_with(path, bytes, settings, RunFacts::default())
}

/// As [`check_bytes`], with what git history says.
pub fn check_bytes_with(
    path: &str,
    bytes: &[u8],
    settings: &Settings,
    history: RunFacts<'_>,
) -> FileFindings {
    match Source::from_bytes(path, bytes) {
        Ok(source) => check_source_with(source, settings, history),
        Err(e) => unreadable(path, &Unreadable::Source(e)),
    }
}

/// When each action item of a file was first written, from git history.
#[derive(Debug, Default, Clone)]
pub struct Written {
    /// By item key.
    pub items: std::collections::HashMap<String, crate::document::Date>,
    /// A file added in one commit and never changed since: that version and its day (its
    /// versions were not read). Every item of that version was written that day: the items
    /// of the file checked when it is that version, else those of the version read back.
    pub whole: Option<(crate::git::BlobId, crate::document::Date)>,
}

/// Reads a version of a file from history by its id (see [`Written::whole`]).
pub type ReadBlob<'a> = dyn Fn(crate::git::BlobId) -> Option<Vec<u8>> + Sync + 'a;

impl Written {
    /// The day each item of `doc` (read from `source`) was written, by item key.
    fn dates<'w>(
        &'w self,
        source: &Source,
        doc: &Document<'_>,
        settings: &Settings,
        read: Option<&ReadBlob<'_>>,
    ) -> std::borrow::Cow<'w, std::collections::HashMap<String, crate::document::Date>> {
        let keys = |doc: &Document<'_>| -> Vec<String> {
            doc.action_items
                .iter()
                .flat_map(|a| a.items.iter().map(crate::document::ActionItem::key))
                .collect()
        };
        let Some((blob, day)) = self.whole else {
            return std::borrow::Cow::Borrowed(&self.items);
        };
        let keys = if crate::git::BlobId::of(source.text().as_bytes()) == Some(blob) {
            keys(doc)
        } else {
            // Changed since (or read with other line ends): the items of the version written.
            read.and_then(|read| read(blob))
                .and_then(|bytes| Source::from_vec(source.path(), bytes).ok())
                .map(|old| {
                    keys(&Document::parse_with(
                        &old,
                        &settings.template,
                        settings.day_first,
                    ))
                })
                .unwrap_or_default()
        };
        let mut items = self.items.clone();
        for key in keys {
            items.entry(key).or_insert(day);
        }
        std::borrow::Cow::Owned(items)
    }
}

use crate::rules::Authors;

/// What a run knows beyond the file: from git history for the rules that use it, and the
/// run's prefilter over the phrase rules (run state, not configuration).
#[derive(Clone, Copy, Default)]
pub struct RunFacts<'a> {
    /// When each action item of this file was written (`stale-action-item`).
    pub written: Option<&'a Written>,
    /// Reads a version of a file from history (see [`Written::whole`]).
    pub read_blob: Option<&'a ReadBlob<'a>>,
    /// Hands the names of the repository's commit authors, read on first use, to a visitor
    /// (`blamed-person`).
    pub authors: Option<&'a Authors<'a>>,
    /// Shared by the files of a large run: which phrase rules can match a document at all,
    /// built from the settings' rules when a file first needs it.
    pub prefilter: Option<&'a std::sync::OnceLock<crate::rules::phrase::Prefilter>>,
}

/// Why a file could not be read, as a kind: each has its own help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("{0}")]
    Source(#[from] crate::source::SourceError),
    /// What the operating system said.
    #[error("{0}")]
    Io(String),
    /// A folder the walk could not enter.
    #[error("{0}")]
    Folder(String),
    /// A symbolic link that leaves the repository or the folder walked: never read (its
    /// target is never shown).
    #[error("a symbolic link to a place outside the repository or the folder checked: not read")]
    LinkOut,
}

impl Unreadable {
    fn help(&self) -> &'static str {
        match self {
            Unreadable::Source(crate::source::SourceError::NotUtf8 { .. }) => {
                "save the file as UTF-8"
            }
            Unreadable::Source(crate::source::SourceError::Binary { .. }) => {
                "postmortems are Markdown text; exclude binary files from the paths checked"
            }
            Unreadable::LinkOut => {
                "commit the postmortem itself: links out of the repository are never followed"
            }
            Unreadable::Io(_) | Unreadable::Folder(_) => {
                "check that the file exists and can be read"
            }
        }
    }
}

/// The report for a file that could not be read.
pub fn unreadable(path: &str, reason: &Unreadable) -> FileFindings {
    let doc = &rules::UNREADABLE_FILE;
    let help = reason.help();
    FileFindings {
        path: path.to_owned(),
        source: None,
        diagnostics: vec![Diagnostic {
            rule: doc.name,
            severity: doc.severity,
            range: 0..0,
            message: reason.to_string(),
            label: None,
            help: Some(help.into()),
            not_shown: 0,
            fixes: Vec::new(),
        }],
        fixed: None,
    }
}

/// For a file whose merge is unresolved in the index: when its text holds no conflict
/// markers (resolved but not staged), one finding says so; otherwise the markers are reported.
pub fn unmerged(mut report: FileFindings, settings: &Settings) -> FileFindings {
    let doc = &rules::unresolved_merge_conflict::UNRESOLVED_MERGE_CONFLICT;
    // At the severity the config gives the rule; not at all when it is off.
    let Some(severity) = settings.severity(doc.name) else {
        return report;
    };
    if report.source.is_some() && !report.diagnostics.iter().any(|d| d.rule == doc.name) {
        report.diagnostics.insert(
            0,
            Diagnostic {
                rule: doc.name,
                severity,
                range: 0..0,
                message: "the index holds an unresolved merge of this file".to_owned(),
                label: None,
                help: Some("stage the resolved file (`git add`) and commit again".into()),
                not_shown: 0,
                fixes: Vec::new(),
            },
        );
    }
    report
}

/// Parses once and runs every rule.
pub fn check_source(source: Source, settings: &Settings) -> FileFindings {
    check_source_with(source, settings, RunFacts::default())
}

/// As [`check_source`], with what git history says.
pub fn check_source_with(
    source: Source,
    settings: &Settings,
    history: RunFacts<'_>,
) -> FileFindings {
    let path = source.path().to_owned();
    check_sources_with(vec![(source, history)], settings)
        .pop()
        .unwrap_or(FileFindings {
            path,
            source: None,
            diagnostics: Vec::new(),
            fixed: None,
        })
}

/// As [`check_source_with`], for files that share their settings: each is parsed once (a
/// step of the model at a time, see [`Document::parse_all`]), then each rule runs over all of
/// them before the next rule. A rule's code then stays in the processor's instruction cache
/// from one file to the next, where thirty rules over one file at a time pushed each other
/// out (with the model's steps, about 8% less time on 10,000 files in batches of 64).
pub fn check_sources_with(
    batch: Vec<(Source, RunFacts<'_>)>,
    settings: &Settings,
) -> Vec<FileFindings> {
    let reports = {
        let docs = Document::parse_all(
            batch.iter().map(|(source, _)| source),
            &settings.template,
            settings.day_first,
        );
        let mut masked = Vec::new();
        let hits: Vec<_> = docs
            .iter()
            .zip(&batch)
            .map(|(doc, (_, history))| {
                history.prefilter.map(|p| {
                    p.get_or_init(|| settings.prefilter())
                        .hits(doc, &mut masked)
                })
            })
            .collect();
        let dates: Vec<_> = docs
            .iter()
            .zip(&batch)
            .map(|(doc, (source, history))| {
                history
                    .written
                    .map(|w| w.dates(source, doc, settings, history.read_blob))
            })
            .collect();
        let contexts: Vec<Context<'_>> = docs
            .iter()
            .zip(&hits)
            .zip(&batch)
            .zip(&dates)
            .map(|(((doc, hits), (_, history)), dates)| Context {
                phrase_hits: hits.as_ref(),
                memo: rules::Memo::default(),
                written: dates.as_deref(),
                authors: history.authors,
                options: &settings.options,
                doc,
                as_of: settings.as_of,
                people: &settings.people,
                disclosure_phase: settings.disclosure_phase,
            })
            .collect();
        let mut found: Vec<Vec<Diagnostic>> = docs.iter().map(|_| Vec::new()).collect();
        let silencers: Vec<Option<Silencer<'_>>> = docs
            .iter()
            .map(|doc| Silencer::new(doc.source(), &doc.comments))
            .collect();
        for (rule, severity) in &settings.rules {
            let meta = rule.doc();
            for ((cx, diagnostics), silencer) in contexts.iter().zip(&mut found).zip(&silencers) {
                let silences = silencer
                    .as_ref()
                    .map(|s| (s as &dyn rules::Silences, meta.name));
                let mut findings = rules::Findings::new(silences);
                rule.check(cx, &mut findings);
                let (kept, more) = findings.finish();
                diagnostics.extend(kept.into_iter().map(|f| Diagnostic {
                    rule: meta.name,
                    severity: *severity,
                    range: f.range,
                    message: f.message,
                    label: f.label,
                    help: f.help,
                    not_shown: 0,
                    fixes: f.fixes,
                }));
                if let Some((range, count)) = more {
                    diagnostics.push(not_shown(meta.name, *severity, range, count));
                }
            }
        }
        let enabled: Vec<&str> = settings.rules.iter().map(|(r, _)| r.doc().name).collect();
        let unused = settings.severity(rules::UNUSED_SUPPRESSION.name);
        docs.iter()
            .zip(found)
            .map(|(doc, diagnostics)| finish(doc, diagnostics, &enabled, unused))
            .collect::<Vec<_>>()
    };
    batch
        .into_iter()
        .zip(reports)
        .map(|((source, _), diagnostics)| FileFindings {
            path: source.path().to_owned(),
            source: Some(source),
            diagnostics,
            fixed: None,
        })
        .collect()
}

/// The finding that stands for a rule's findings in a file beyond the first
/// [`rules::Findings::SHOWN`], at the first of them: the run still counts each one.
fn not_shown(
    rule: &'static str,
    severity: crate::diagnostic::Severity,
    range: std::ops::Range<usize>,
    count: usize,
) -> Diagnostic {
    let s = if count == 1 { "" } else { "s" };
    Diagnostic {
        rule,
        severity,
        range,
        message: format!(
            "{count} more finding{s} of `{rule}` in this file from here, not shown one by one (the first {} are)",
            rules::Findings::SHOWN
        ),
        label: Some(format!("{count} more")),
        help: Some(
            "fix the ones shown and check again; the counts and the exit code include every one"
                .into(),
        ),
        not_shown: count,
        fixes: Vec::new(),
    }
}

/// A document's diagnostics in order, without those inside a merge conflict, suppressions
/// applied.
fn finish(
    doc: &Document<'_>,
    mut diagnostics: Vec<Diagnostic>,
    enabled: &[&str],
    unused: Option<crate::diagnostic::Severity>,
) -> Vec<Diagnostic> {
    let source = doc.source();
    // Inside a merge conflict only the conflict is reported: the rest is two versions of
    // the same lines, one of which is about to go.
    let conflicts =
        rules::unresolved_merge_conflict::conflict_blocks(source.text(), &|o| doc.is_excluded(o));
    if !conflicts.is_empty() {
        let name = rules::unresolved_merge_conflict::UNRESOLVED_MERGE_CONFLICT.name;
        diagnostics
            .retain(|d| d.rule == name || !conflicts.iter().any(|c| c.contains(&d.range.start)));
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
    });
    diagnostics.dedup();
    crate::suppress::apply(source, &doc.comments, diagnostics, enabled, unused)
}

/// With `--changed-lines-only`: keeps the line-level findings on changed lines, and every
/// document-level finding (a missing section or trigger, unbalanced types) of a changed file.
pub fn keep_changed_lines(report: &mut FileFindings, lines: &std::collections::BTreeSet<usize>) {
    let Some(source) = &report.source else { return };
    report.diagnostics.retain(|d| {
        let document_level =
            rules::find(d.rule).is_some_and(|r| r.doc().scope == rules::Scope::Document);
        let first = source.line_col(d.range.start).0;
        let last = source.line_col(d.range.end).0;
        document_level || (first..=last).any(|l| lines.contains(&l))
    });
}
