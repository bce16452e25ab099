//! The answers GitHub gave, by URL, with their ETags: the next run asks with `If-None-Match`
//! and a 304 (which costs no rate limit) reuses them. Kept as
//! `.git/postmortem-lint/github-cache.json`, inside the repository's git folder, where no
//! commit picks it up. Only what the report reads of each issue is kept, never a token.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// What the report reads of one issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueFacts {
    pub number: u64,
    pub state: String,
    #[serde(default)]
    pub state_reason: String,
    pub closed_at: Option<String>,
    #[serde(default)]
    pub assignees: Vec<String>,
}

impl IssueFacts {
    /// The issues of GitHub's JSON: a list of issues, or one issue.
    pub fn parse(body: &str) -> Option<Vec<IssueFacts>> {
        let value: serde_json::Value = serde_json::from_str(body).ok()?;
        let one = |v: &serde_json::Value| {
            let text = |k: &str| v.get(k).and_then(serde_json::Value::as_str);
            Some(IssueFacts {
                number: v.get("number")?.as_u64()?,
                state: text("state")?.to_owned(),
                state_reason: text("state_reason").unwrap_or("").to_owned(),
                closed_at: text("closed_at").map(str::to_owned),
                assignees: v
                    .get("assignees")
                    .and_then(serde_json::Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p.get("login")?.as_str().map(|l| format!("@{l}")))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        };
        match &value {
            serde_json::Value::Array(items) => items.iter().map(one).collect(),
            serde_json::Value::Object(_) => one(&value).map(|i| vec![i]),
            _ => None,
        }
    }
}

/// One answer: its ETag, the next page's URL, and its issues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedPage {
    pub etag: String,
    pub next: Option<String>,
    pub issues: Vec<IssueFacts>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    pages: BTreeMap<String, CachedPage>,
}

/// The cache's format; another is read as empty.
const VERSION: u32 = 1;

impl Cache {
    /// The cache at `path`; empty when there is none or it cannot be read.
    pub fn load(path: &Path) -> Cache {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str::<Cache>(&text).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    pub fn get(&self, url: &str) -> Option<&CachedPage> {
        self.pages.get(url)
    }

    pub fn put(&mut self, url: &str, page: CachedPage) {
        self.pages.insert(url.to_owned(), page);
    }

    /// Writes the cache to a temporary file beside `path`, then renames it into place.
    pub fn save(&mut self, path: &Path) -> std::io::Result<()> {
        self.version = VERSION;
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let text = serde_json::to_string(self).map_err(std::io::Error::other)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}
