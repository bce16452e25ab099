//! A config file as written: the types `.postmortem-lint.toml` is parsed into. Their doc
//! comments are the descriptions of the JSON Schema (`config --schema`), derived from these
//! same types, so a key added here is in the schema the moment the parser accepts it.

use crate::document::Disclosure;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Settings of postmortem-lint (https://github.com/postmortem-lint/postmortem-lint) for the
/// postmortems in this folder and the folders below it. Unknown keys are errors.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "postmortem-lint configuration",
    transform = super::schema::builtin_rules_only
)]
pub(super) struct ConfigFile {
    /// The template the postmortems are written to: a preset, or a template file of the same
    /// shape (its name ends in .toml), relative to this file. Default: `default`.
    #[schemars(with = "Option<super::schema::TemplateName>")]
    pub(super) template: Option<Spanned<String>>,
    /// Globs, relative to this file, of the files a walked folder's check selects, whatever
    /// their extension. Default: every Markdown (.md) file.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) include: Option<Spanned<Vec<String>>>,
    /// Globs, relative to this file, of files a walked folder's check leaves out.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) exclude: Option<Spanned<Vec<String>>>,
    /// Names of people (besides a document's owners and reviewers and the commit authors)
    /// that blamed-person and named-person-in-wide-disclosure know as people.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) people: Option<Spanned<Vec<String>>>,
    /// The team's own phrase rules: files in the format of
    /// rules/language/evaluation-language.toml, relative to this file.
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) rule_files: Option<Spanned<Vec<String>>>,
    /// The IANA time zone whose calendar day is "today" for the date rules (overdue and
    /// stale items), such as `America/Los_Angeles`, unless --as-of names the day. Default: the
    /// zone of the machine the tool runs on (`TZ`). The zone is checked against the system's
    /// time zone database when the config is read (this schema cannot list it).
    #[schemars(with = "Option<String>")]
    pub(super) timezone: Option<Spanned<String>>,
    /// How an ambiguous date such as 03/04 is read. Default: `mdy`.
    #[schemars(with = "Option<DateFormat>")]
    pub(super) date_format: Option<Spanned<DateFormat>>,
    /// How widely the organisation shares its postmortems so far (staged disclosure): a
    /// document's `Disclosure:` may not go beyond it. Default: `team`.
    #[schemars(with = "Option<Disclosure>")]
    pub(super) disclosure_phase: Option<Spanned<Disclosure>>,
    /// The folder `postmortem-lint new` writes in, relative to this file. Default: this
    /// file's folder.
    #[schemars(with = "Option<String>")]
    pub(super) new_dir: Option<Spanned<String>>,
    /// Deprecated: the older spelling of `after-days` under `[rules.stale-action-item]`.
    #[schemars(with = "Option<u32>", extend("deprecated" = true))]
    pub(super) stale_after_days: Option<Spanned<u32>>,
    /// The baseline file (written by `postmortem-lint baseline`) that `check` applies unless
    /// --baseline names another, relative to this file.
    #[schemars(with = "Option<String>")]
    pub(super) baseline: Option<Spanned<String>>,
    /// `[trackers]`: how the team's ticket references are written (Jira and Linear keys,
    /// GitHub Enterprise, GitLab and Jira bases), and which fields of a linked action item the
    /// tracker holds, so that `check` does not ask the document for them.
    #[schemars(with = "Option<TrackersConfig>")]
    pub(super) trackers: Option<Spanned<TrackersConfig>>,
    /// Per rule, `[rules.<name>]`: its severity, and the options the rule declares.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::rules")]
    pub(super) rules: BTreeMap<String, Spanned<RuleConfig>>,
}

/// `[rules.<name>]`: a severity, and the options the rule declares (unknown keys are errors,
/// checked against the rule's declaration when the config is parsed).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) struct RuleConfig {
    pub(super) severity: Option<Spanned<Level>>,
    /// The rule's own options (checked against what the rule declares).
    #[serde(flatten)]
    pub(super) options: BTreeMap<String, toml::Value>,
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Reported as an error: the run fails (exit 1).
    Error,
    /// Reported as a warning: the run passes unless `--fail-on warning`.
    Warning,
    /// Not run.
    Off,
}

/// How to read an ambiguous `03/04`: month first (US) or day first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// Month first: 03/04 is 4 March.
    #[default]
    Mdy,
    /// Day first: 03/04 is 3 April.
    Dmy,
}

/// `[trackers]`: where action items are followed up. `#123`, `owner/repo#123` and issue URLs
/// of github.com, gitlab.com and linear.app are always read; a team's own keys and bases are
/// listed here.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct TrackersConfig {
    /// Where `#123` and `group/project#123` live: `github` (default) or `gitlab`.
    pub(super) forge: Option<Forge>,
    /// The base URL of a GitHub Enterprise server, e.g. `https://github.example.com`: its
    /// `/OWNER/REPO/issues/N` and `/pull/N` URLs are tickets.
    pub(super) github_url: Option<String>,
    /// The base URL of a self-managed GitLab, e.g. `https://gitlab.example.com`: its
    /// `/GROUP/PROJECT/-/issues/N` URLs are tickets.
    pub(super) gitlab_url: Option<String>,
    /// Jira project keys whose `KEY-123` is a ticket, e.g. `["PLAT", "OPS"]`. A key not listed
    /// (`SEV-2`) is not.
    pub(super) jira_keys: Option<Vec<String>>,
    /// The base URL of Jira, e.g. `https://acme.atlassian.net`: its `/browse/KEY-123` URLs are
    /// tickets.
    pub(super) jira_url: Option<String>,
    /// Linear team keys whose `KEY-123` is a ticket, e.g. `["ENG"]`.
    pub(super) linear_keys: Option<Vec<String>>,
    /// The fields of an action item that links a ticket which its tracker holds: the owner,
    /// due date and status rules do not ask the document for them. Default: `["owner", "due",
    /// "status"]`; `[]` asks for every field.
    pub(super) holds: Option<Vec<HeldField>>,
}

/// The forge whose short references (`#123`) a repository uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum Forge {
    /// GitHub (github.com or GitHub Enterprise).
    Github,
    /// GitLab (gitlab.com or self-managed).
    Gitlab,
}

/// A field of an action item that a tracker can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(super) enum HeldField {
    /// The assignee.
    Owner,
    /// The due date.
    Due,
    /// Open, in progress, done or closed.
    Status,
    /// Prevent, mitigate or detect (for teams that label their tickets so).
    Type,
}
