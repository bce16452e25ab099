//! The rule engine: the [`Rule`] trait, one sorted registry, and the text helpers that
//! several rules share. Each rule's check, messages, default severity and documentation live
//! together in its own file; `rules`, `explain`, the README table and every machine format's
//! rule metadata are generated from the [`RuleDoc`] there.

mod action_field;
pub mod edits;
mod findings;
mod language;
mod people;
pub mod phrase;
pub mod placeholder;
mod times;
mod wording;

/// Declares each rule written in Rust once: its module and its place in the registry come
/// from the same line, so they cannot drift. Keep the list sorted by rule name (a test checks).
macro_rules! code_rules {
    ($($vis:vis $module:ident :: $rule:ident),* $(,)?) => {
        $($vis mod $module;)*

        /// The rules written in Rust, sorted by name.
        static CODE_RULES: &[&dyn Rule] = &[$(&$module::$rule),*];
    };
}

code_rules! {
    action_item_without_due_date::ActionItemWithoutDueDate,
    action_item_without_owner::ActionItemWithoutOwner,
    be_more_careful::BeMoreCareful,
    blamed_person::BlamedPerson,
    closed_without_reason::ClosedWithoutReason,
    disclosure_beyond_phase::DisclosureBeyondPhase,
    duplicate_action_id::DuplicateActionId,
    empty_section::EmptySection,
    feelings_in_timeline::FeelingsInTimeline,
    human_error::HumanError,
    inconsistent_duration::InconsistentDuration,
    invalid_action_status::InvalidActionStatus,
    malformed_action_items::MalformedActionItems,
    missing_metadata::MissingMetadata,
    missing_section::MissingSection,
    missing_summary_times::MissingSummaryTimes,
    missing_trigger::MissingTrigger,
    named_person_in_wide_disclosure::NamedPersonInWideDisclosure,
    pub no_action_items::NoActionItems,
    overdue_action_item::OverdueActionItem,
    stale_action_item::StaleActionItem,
    template_placeholder::TemplatePlaceholder,
    timeline_out_of_order::TimelineOutOfOrder,
    timeline_without_timezone::TimelineWithoutTimezone,
    unbalanced_action_types::UnbalancedActionTypes,
    unlabeled_action_item::UnlabeledActionItem,
    unreadable_file::UnreadableFile,
    pub unresolved_merge_conflict::UnresolvedMergeConflict,
    untracked_action_item::UntrackedActionItem,
    unused_suppression::UnusedSuppression,
    vague_action::VagueAction,
}

use crate::document::{Date, Document};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

pub use phrase::PhraseRule;

pub use unreadable_file::UNREADABLE_FILE;
pub use unused_suppression::UNUSED_SUPPRESSION;

use crate::diagnostic::{Applicability, Edit, Fix, Severity};

/// A setting a rule declares for itself: `[rules.<name>] <option> = <number>`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: i64,
    /// One line, lowercase, no trailing period.
    pub summary: &'static str,
}

/// What a rule's findings are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A line or a span: `--changed-lines-only` keeps it only on a changed line.
    Line,
    /// The whole document (a missing section, unbalanced types): kept for any changed file.
    Document,
    /// A line, judged with git history (when an item was written): needs a repository.
    History,
}

/// What a rule reads beyond its document, declared by the rule so that the engine provides
/// it only to runs whose rules ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// When each action item was written, from git history.
    History,
    /// The names of the repository's commit authors (as people's names).
    Authors,
}

/// Everything a user reads about a rule, in the rule's own file.
#[derive(Debug)]
pub struct RuleDoc {
    /// Stable kebab-case name that reads well after "allow".
    pub name: &'static str,
    pub severity: Severity,
    /// What a finding is about: a line, the whole document, or what git history says.
    pub scope: Scope,
    /// The rule's own settings, written under `[rules.<name>]` in the config.
    pub options: &'static [RuleOption],
    /// One line, lowercase, no trailing period.
    pub summary: &'static str,
    /// Why the rule exists, citing sources a reader can find.
    pub why: &'static str,
    /// A Markdown excerpt where the rule fires.
    pub bad: &'static str,
    /// The same excerpt, fixed.
    pub good: &'static str,
}

/// What a rule found: a byte range of the document and what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub range: Range<usize>,
    pub message: String,
    /// A short label under the underlined span.
    pub label: Option<String>,
    /// Most rules' help is fixed text: kept without a copy.
    pub help: Option<Cow<'static, str>>,
    pub fixes: Vec<Fix>,
}

impl Finding {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Finding {
        Finding {
            range,
            message: message.into(),
            label: None,
            help: None,
            fixes: Vec::new(),
        }
    }

    /// A fix for it (a finding may carry several; an editor offers each).
    pub fn fix(mut self, fix: Fix) -> Finding {
        self.fixes.push(fix);
        self
    }

    /// A fix for it, when there is one.
    pub fn fixes_from(mut self, fix: Option<Fix>) -> Finding {
        self.fixes.extend(fix);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Finding {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<Cow<'static, str>>) -> Finding {
        self.help = Some(help.into());
        self
    }
}

/// A source of commit authors' names, visited one by one (read from git on first use, by the
/// engine; a rule only asks).
pub type Authors<'a> = dyn Fn(&mut dyn FnMut(&str)) + Sync + 'a;

/// What a rule may read.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    /// "Today" for date rules.
    pub as_of: Date,
    /// Names the configuration says are people.
    pub people: &'a [String],
    /// The widest disclosure the organisation has reached, when configured.
    pub disclosure_phase: Option<crate::document::Disclosure>,
    /// Where the prose phrase rules' literals occur in the document, when the run uses the
    /// prefilter; `None`: every phrase rule scans every region it applies to.
    pub phrase_hits: Option<&'a phrase::PhraseHits<'a>>,
    /// Views more than one rule reads, computed once per document.
    pub memo: Memo,
    /// When each action item of this file was first written (by item key), from git
    /// history; `None` without history.
    pub written: Option<&'a std::collections::HashMap<String, Date>>,
    /// The repository's commit authors, read on first use; `None` without history.
    pub authors: Option<&'a Authors<'a>>,
    /// The values of the rules' options set in the config, by rule and option name.
    pub options: &'a std::collections::BTreeMap<(String, String), i64>,
}

impl Context<'_> {
    /// The value of one of `rule`'s options (a constant the rule declares in its
    /// `RuleDoc::options`): the config's, else the option's default. Asked by the option
    /// itself, not by its name, so a misspelt name cannot silently read a default.
    pub fn option(&self, rule: &RuleDoc, option: &RuleOption) -> i64 {
        debug_assert!(
            rule.options.iter().any(|o| o.name == option.name),
            "`{}` does not declare the option `{}`",
            rule.name,
            option.name
        );
        self.options
            .get(&(rule.name.to_owned(), option.name.to_owned()))
            .copied()
            .unwrap_or(option.default)
    }
}

/// Per-document results shared between rules.
#[derive(Debug, Default)]
pub struct Memo {
    /// The prose sentences and their words, for the language rules.
    sentences: std::cell::OnceCell<Vec<language::Read>>,
    summary_times: std::cell::OnceCell<Option<(Range<usize>, times::SummaryTimes)>>,
    /// The names of people the document and the repository know, for the rules that ask
    /// whether a subject is a person.
    people: std::cell::OnceCell<std::collections::HashSet<String>>,
    /// The capitalised words the document writes as a system's name ("the Relay deployment").
    things: std::cell::OnceCell<std::collections::HashSet<String>>,
    /// The words the document writes in lower case, capitalised (see `people::common_noun`).
    common: std::cell::OnceCell<std::collections::HashSet<String>>,
}

pub use findings::{Findings, Silences};

pub trait Rule: Sync + Send {
    fn doc(&self) -> &'static RuleDoc;
    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>);

    /// What it reads beyond the document: a rule judged with history (scope
    /// [`Scope::History`]) reads it; others say so by overriding this.
    fn facts(&self) -> &'static [Fact] {
        match self.doc().scope {
            Scope::History => &[Fact::History],
            _ => &[],
        }
    }

    /// The phrase rule behind this rule, if it is one (for the shared prefilter).
    fn as_phrase(&self) -> Option<&PhraseRule> {
        None
    }

    /// For a code rule that reads a section's prose only around certain words: a regex that
    /// every one of its findings holds a match of. The shared prefilter then looks for those
    /// words in the same pass as the phrase rules', and the rule can pass over the sections
    /// that hold none (see [`phrase::PhraseHits::rule`]).
    fn needed_words(&self) -> Option<&'static str> {
        None
    }
}

/// A rule a run uses: a built-in one, or one a team's rule file defines. A team's rule is
/// shared, not leaked: the editor reloads rule files on every config save.
#[derive(Clone)]
pub enum RuleRef {
    Builtin(&'static dyn Rule),
    Team(std::sync::Arc<PhraseRule>),
}

impl std::ops::Deref for RuleRef {
    type Target = dyn Rule;

    fn deref(&self) -> &(dyn Rule + 'static) {
        match self {
            RuleRef::Builtin(rule) => *rule,
            RuleRef::Team(rule) => rule.as_ref(),
        }
    }
}

/// Every built-in rule, code and phrase rules together, sorted by name.
pub fn registry() -> &'static [&'static dyn Rule] {
    static REGISTRY: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
        let mut rules: Vec<&'static dyn Rule> = CODE_RULES.to_vec();
        rules.extend(phrase::builtin().iter().map(|r| r as &'static dyn Rule));
        rules.sort_by_key(|r| r.doc().name);
        rules
    });
    &REGISTRY
}

/// The rule of that name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    registry().iter().copied().find(|r| r.doc().name == name)
}

/// Rule names close to `name`, for "did you mean" hints.
pub fn similar_names(name: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = registry()
        .iter()
        .map(|r| {
            (
                crate::located::edit_distance(name, r.doc().name),
                r.doc().name,
            )
        })
        .filter(|(d, n)| *d <= 3 || n.contains(name) && name.len() >= 4)
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, n)| n).take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_unique_and_documented() {
        let code: Vec<&str> = CODE_RULES.iter().map(|r| r.doc().name).collect();
        let mut sorted_code = code.clone();
        sorted_code.sort_unstable();
        assert_eq!(code, sorted_code, "CODE_RULES must be sorted by name");
        let names: Vec<&str> = registry().iter().map(|r| r.doc().name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            names, sorted,
            "registry must be sorted by name, without duplicates"
        );
        for rule in registry() {
            let d = rule.doc();
            assert!(
                d.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                d.name
            );
            for prefix in ["avoid-", "use-", "prefer-"] {
                assert!(
                    !d.name.starts_with(prefix),
                    "{} names a fix, not the bad pattern",
                    d.name
                );
            }
            assert!(
                !d.summary.is_empty() && !d.summary.ends_with('.'),
                "{}: summary style",
                d.name
            );
            assert!(
                d.summary.chars().next().is_some_and(|c| !c.is_uppercase()),
                "{}: summary starts lowercase",
                d.name
            );
            assert!(d.why.len() > 40, "{}: why is too short", d.name);
            assert!(
                !d.bad.trim().is_empty() && !d.good.trim().is_empty(),
                "{}: examples",
                d.name
            );
        }
    }

    #[test]
    fn similar_names_suggest_close_matches() {
        assert_eq!(
            similar_names("missing-triger").first(),
            Some(&"missing-trigger")
        );
    }
}
