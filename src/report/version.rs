//! What one version of a postmortem says, as history needs it: its title, its own date, and
//! each item's identity (ID, bold title, words), fields and status.

use super::State;
use crate::document::{ActionItem, ActionType, Date, Document, Template};
use crate::source::Source;

/// What one version of a document says about one item.
#[derive(Debug, Clone)]
pub struct Seen {
    pub id: Option<String>,
    pub title: Option<String>,
    /// The action's words, lowercased, for matching.
    pub words: Vec<compact_str::CompactString>,
    pub key: String,
    pub action: String,
    pub kind: Option<&'static str>,
    pub owner: Option<String>,
    pub due: Option<Date>,
    /// `None`: no known status written.
    pub status: Option<State>,
    pub reason: Option<String>,
    /// The tickets it links.
    pub tickets: Vec<super::tracker::TicketKey>,
}

/// A document as history needs it: its title, own date and items.
pub struct Version {
    pub title: Option<String>,
    pub own_date: Option<Date>,
    pub items: Vec<Seen>,
    /// The follow-ups section holds text but no item: follow-ups written as prose.
    pub prose_only: bool,
}

pub fn words(text: &str) -> Vec<compact_str::CompactString> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(compact_str::CompactString::from)
        .collect()
}

pub fn read_version(path: &str, bytes: &[u8], template: &Template, year: i32) -> Version {
    let Ok(source) = Source::from_bytes(path, bytes) else {
        return Version {
            title: None,
            own_date: None,
            items: Vec::new(),
            prose_only: false,
        };
    };
    let doc = Document::parse(&source, template);
    let year = doc.incident_date.map_or(year, |d| d.year);
    let items: Vec<Seen> = doc
        .action_items
        .iter()
        .flat_map(|a| a.items.iter())
        .filter(|item| !is_empty_item(item))
        .map(|item| seen(&doc, item, year))
        .collect();
    let prose_only = items.is_empty()
        && doc
            .action_items
            .as_ref()
            .is_some_and(|a| a.has_content && a.tables.is_empty() && !a.says_none);
    Version {
        title: doc.title.as_ref().map(|t| t.text.trim().to_owned()),
        own_date: doc.incident_date,
        items,
        prose_only,
    }
}

/// A template bullet (`- `, `| | | |`): no action and nothing else written.
fn is_empty_item(item: &ActionItem) -> bool {
    let blank =
        |f: &Option<crate::document::Field>| f.as_ref().is_none_or(|f| f.text.trim().is_empty());
    // A checkbox alone (`- [ ] `) is a status with nothing to do.
    // A ticket alone (`| | PLAT-12 |`, `- #412`) is an item: its tracker says the rest.
    blank(&item.action) && blank(&item.owner) && blank(&item.due) && item.tickets.is_empty()
}

fn seen(doc: &Document<'_>, item: &ActionItem, year: i32) -> Seen {
    let parsed = item.status_and_rest();
    let reason = parsed
        .map(|(_, rest)| rest.to_owned())
        .filter(|r| !r.is_empty())
        .or_else(|| {
            item.reason
                .as_ref()
                .map(|r| r.text.to_string())
                .filter(|r| !r.trim().is_empty())
        });
    let action = item
        .action
        .as_ref()
        .map_or_else(String::new, |a| a.text.to_string());
    Seen {
        id: item
            .id
            .as_ref()
            .map(|i| i.text.trim().trim_start_matches('#').trim().to_lowercase())
            .filter(|i| !i.is_empty()),
        title: item.title.as_ref().map(|t| t.text.to_lowercase()),
        words: words(&action),
        key: item.key(),
        action,
        kind: item.action_type().map(ActionType::name),
        owner: item
            .owner
            .as_ref()
            .map(|o| o.text.to_string())
            .filter(|o| !o.trim().is_empty()),
        due: item
            .due
            .as_ref()
            .and_then(|d| crate::document::temporal::parse_due(&d.text, year, doc.day_first)),
        status: parsed.map(|(s, _)| State::from_status(Some(s))),
        reason,
        tickets: item
            .tickets
            .iter()
            .map(super::tracker::TicketKey::of)
            .collect(),
    }
}
