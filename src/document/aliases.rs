//! The vocabulary real postmortems use, as data in `rules/templates/aliases.toml`: the
//! headings of each section, the names of the action-item columns and fields, what a bullet says when there is no item, the lead-ins of
//! follow-ups, and the words of an incident's title.

use super::Column;
use serde::Deserialize;
use std::sync::LazyLock;

/// Headings real documents use for each section, which every preset accepts too.
const ALIASES: &str = include_str!("../../rules/templates/aliases.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Aliases {
    pub(super) headings: std::collections::BTreeMap<String, Vec<String>>,
    statuses: StatusWords,
    columns: ColumnWords,
    fields: ColumnWords,
    items: ItemWords,
    documents: DocumentWords,
}

/// The words of each action-item status.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StatusWords {
    pub(super) open: Vec<String>,
    pub(super) in_progress: Vec<String>,
    pub(super) done: Vec<String>,
    pub(super) closed: Vec<String>,
}

/// The status words, as `rules/templates/aliases.toml` lists them.
pub(super) fn status_words() -> &'static StatusWords {
    &PARSED_ALIASES.statuses
}

/// The names of each action-item column (a table's headers, or a bullet's field keys).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnWords {
    id: Vec<String>,
    action: Vec<String>,
    owner: Vec<String>,
    due: Vec<String>,
    #[serde(rename = "type")]
    kind: Vec<String>,
    status: Vec<String>,
    reason: Vec<String>,
    #[serde(default)]
    ticket: Vec<String>,
}

impl ColumnWords {
    /// Each name, lowercased, with its column.
    fn table(&self) -> std::collections::HashMap<String, Column> {
        [
            (&self.id, Column::Id),
            (&self.action, Column::Action),
            (&self.owner, Column::Owner),
            (&self.due, Column::Due),
            (&self.kind, Column::Type),
            (&self.status, Column::Status),
            (&self.reason, Column::Reason),
            (&self.ticket, Column::Ticket),
        ]
        .into_iter()
        .flat_map(|(names, column)| names.iter().map(move |n| (n.to_lowercase(), column)))
        .collect()
    }
}

static HEADERS: LazyLock<std::collections::HashMap<String, Column>> =
    LazyLock::new(|| PARSED_ALIASES.columns.table());
static FIELD_KEYS: LazyLock<std::collections::HashMap<String, Column>> =
    LazyLock::new(|| PARSED_ALIASES.fields.table());

/// The column a table header names, lowercased ("assignee" is Owner).
pub fn column_of_header(lower: &str) -> Option<Column> {
    HEADERS.get(lower).copied()
}

/// The column a bullet's field key names, lowercased ("deadline" is Due).
pub fn column_of_field(lower: &str) -> Option<Column> {
    FIELD_KEYS.get(lower).copied()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentWords {
    /// Words of a heading that make a file without `.md` a postmortem ("# Incident on …").
    title_words: Vec<String>,
}

/// Whether a heading's text names an incident document ("Incident on 2020-02-12", "Outage
/// retrospective"), by the words `rules/templates/aliases.toml` lists.
pub fn names_an_incident(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    holds_any(&words(&lower), &PARSED_ALIASES.documents.title_words)
}

/// The words of lowercased text (letters, digits and inner hyphens), for [`holds_any`].
pub(super) fn words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `words` hold one of `phrases` (each one or more words), word for word.
pub(super) fn holds_any(words: &[&str], phrases: &[String]) -> bool {
    phrases.iter().any(|p| {
        let p: Vec<&str> = p.split(' ').collect();
        words.windows(p.len()).any(|w| w == p.as_slice())
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemWords {
    /// What a bullet says when there is no item: "N/A", "None".
    none: Vec<String>,
    /// A line that introduces follow-ups names follow-up work and looks ahead: "Some possible
    /// actions in the future:".
    lead_in_nouns: Vec<String>,
    lead_in_ahead: Vec<String>,
}

/// The words of a line that introduces follow-ups: (nouns of follow-up work, words that look
/// ahead), as `rules/templates/aliases.toml` lists them.
pub fn lead_in_words() -> (&'static [String], &'static [String]) {
    let items = &PARSED_ALIASES.items;
    (&items.lead_in_nouns, &items.lead_in_ahead)
}

/// The embedded aliases, parsed once (a test parses them: failing here is a build bug).
static PARSED_ALIASES: LazyLock<Aliases> =
    LazyLock::new(|| toml::from_str(ALIASES).expect("embedded aliases are valid"));

/// Whether an action-items bullet's whole text says there is no item ("N/A", "None."),
/// as `rules/templates/aliases.toml` lists the phrases.
pub fn says_no_item(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.').trim();
    PARSED_ALIASES
        .items
        .none
        .iter()
        .any(|n| n.eq_ignore_ascii_case(text))
}

/// The embedded aliases, parsed.
pub(super) fn parsed() -> &'static Aliases {
    &PARSED_ALIASES
}
