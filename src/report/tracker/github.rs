//! `report --tracker github`: each linked issue's state, state reason, close date and
//! assignees through GitHub's REST API. A repository's issues are listed a page of 100 at a
//! time (newest first, following the `Link: rel="next"` header until every linked issue was
//! seen or the pages pass below the oldest), each page asked for conditionally with the ETag
//! of the last answer kept under `.git/postmortem-lint/` (a 304 costs no rate limit); an issue
//! the list did not hold is asked for alone, and a 404 is reported for its items. A rate limit
//! (403 or 429 with `x-ratelimit-remaining: 0`, or `retry-after`) stops all requests and is
//! reported; so is a tracker that cannot be reached. The token is sent in one header and
//! never written anywhere: not in the cache, not in a message.

use super::cache::{Cache, CachedPage, IssueFacts};
use super::export::github_fact;
use super::{Facts, TicketKey};
use crate::document::Tracker;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

/// Where and how to ask.
#[derive(Debug, Clone)]
pub struct Request {
    /// The API's base: `GITHUB_API_URL`, default `https://api.github.com`.
    pub api: String,
    /// From `GITHUB_TOKEN` or `GH_TOKEN`; without one, GitHub allows 60 requests an hour.
    pub token: Option<String>,
    /// `owner/repo` of `#123` references (`--tracker-repo`, the `origin` remote).
    pub repo: Option<String>,
    /// The cache file (under the repository's `.git/`), if there is a repository.
    pub cache: Option<PathBuf>,
    /// How long one request may take, connection included.
    pub timeout: Duration,
}

/// Something the tracker did not answer, for the run to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The issue (or its repository) does not exist or the token cannot see it.
    NotFound(TicketKey),
    /// The rate limit is spent: no more requests were made. When it resets, if GitHub said.
    RateLimited { resets: Option<String> },
    /// No answer at all (connection refused, DNS, timeout, TLS).
    Unreachable(String),
    /// An answer that is none of the above (401 bad credentials, 500 …).
    Refused { status: u16, message: String },
    /// A `#123` reference, with no repository to read it from.
    NoRepository,
}

/// What the API said, and what it did not.
#[derive(Debug, Default)]
pub struct Fetched {
    pub facts: Facts,
    pub problems: Vec<Problem>,
    /// Requests made, and how many of them were answered 304 from the cache.
    pub requests: usize,
    pub not_modified: usize,
}

/// The facts of every GitHub ticket in `tickets`.
pub fn fetch(request: &Request, tickets: &[TicketKey]) -> Fetched {
    let mut fetched = Fetched {
        facts: Facts::for_repo(request.repo.clone()),
        ..Fetched::default()
    };
    // Wanted issue numbers by repository (lowercased, as GitHub treats names).
    let mut wanted: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for t in tickets.iter().filter(|t| t.tracker == Tracker::GitHub) {
        let Ok(number) = t.id.parse::<u64>() else {
            continue;
        };
        match t.project.as_ref().or(request.repo.as_ref()) {
            Some(repo) => {
                wanted
                    .entry(repo.to_lowercase())
                    .or_default()
                    .insert(number);
            }
            None if !fetched.problems.contains(&Problem::NoRepository) => {
                fetched.problems.push(Problem::NoRepository);
            }
            None => {}
        }
    }
    if wanted.is_empty() {
        return fetched;
    }
    let mut cache = request
        .cache
        .as_deref()
        .map(Cache::load)
        .unwrap_or_default();
    let client = Client::new(request);
    for (repo, numbers) in &wanted {
        if let Err(stop) = fetch_repo(&client, &mut cache, repo, numbers, &mut fetched) {
            fetched.problems.push(stop);
            break;
        }
    }
    if let Some(path) = &request.cache {
        // A cache that cannot be written costs the next run its 304s, nothing more.
        let _ = cache.save(path);
    }
    fetched
}

/// Lists `repo`'s issues until `numbers` are all seen, then asks for the rest one by one.
/// `Err` stops every request (a rate limit, an unreachable server).
fn fetch_repo(
    client: &Client,
    cache: &mut Cache,
    repo: &str,
    numbers: &BTreeSet<u64>,
    fetched: &mut Fetched,
) -> Result<(), Problem> {
    let oldest = numbers.first().copied().unwrap_or(0);
    let mut missing: BTreeSet<u64> = numbers.clone();
    let mut url = Some(format!(
        "{}/repos/{repo}/issues?state=all&sort=created&direction=desc&per_page=100",
        client.api
    ));
    while let Some(page_url) = url.take() {
        let page = match client.get(&page_url, cache, fetched)? {
            Answer::Page(page) => page,
            Answer::NotFound => {
                for n in std::mem::take(&mut missing) {
                    fetched.problems.push(Problem::NotFound(key(repo, n)));
                }
                return Ok(());
            }
            Answer::Refused(status, message) => {
                fetched.problems.push(Problem::Refused { status, message });
                return Ok(());
            }
        };
        for issue in &page.issues {
            missing.remove(&issue.number);
            insert(&mut fetched.facts, repo, issue);
        }
        let below = page.issues.iter().any(|i| i.number < oldest);
        if !missing.is_empty() && !below {
            url = page.next.clone();
        }
    }
    // Not in the list (transferred, or older than the list went): asked for alone.
    for n in missing {
        let issue_url = format!("{}/repos/{repo}/issues/{n}", client.api);
        match client.get(&issue_url, cache, fetched)? {
            Answer::Page(page) => match page.issues.first() {
                Some(issue) => insert(&mut fetched.facts, repo, issue),
                None => fetched.problems.push(Problem::NotFound(key(repo, n))),
            },
            Answer::NotFound => fetched.problems.push(Problem::NotFound(key(repo, n))),
            Answer::Refused(status, message) => {
                fetched.problems.push(Problem::Refused { status, message });
            }
        }
    }
    Ok(())
}

fn key(repo: &str, number: u64) -> TicketKey {
    TicketKey {
        tracker: Tracker::GitHub,
        project: Some(repo.to_owned()),
        id: number.to_string(),
    }
}

fn insert(facts: &mut Facts, repo: &str, issue: &IssueFacts) {
    let fact = github_fact(
        &issue.state,
        &issue.state_reason,
        issue.closed_at.as_deref(),
        issue.assignees.clone(),
    );
    facts.insert(Tracker::GitHub, Some(repo), &issue.number.to_string(), fact);
}

enum Answer {
    Page(CachedPage),
    NotFound,
    Refused(u16, String),
}

struct Client {
    api: String,
    authorization: Option<String>,
    agent: ureq::Agent,
}

impl Client {
    fn new(request: &Request) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(request.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("postmortem-lint/", env!("CARGO_PKG_VERSION")))
            .build();
        Client {
            api: request.api.trim_end_matches('/').to_owned(),
            authorization: request.token.as_ref().map(|t| format!("Bearer {t}")),
            agent: config.into(),
        }
    }

    /// GET `url` (conditionally, when the cache has its ETag): a page of issues (a single
    /// issue is a page of one), a 404, another refusal, or `Err` to stop.
    fn get(&self, url: &str, cache: &mut Cache, fetched: &mut Fetched) -> Result<Answer, Problem> {
        let mut request = self
            .agent
            .get(url)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28");
        if let Some(auth) = &self.authorization {
            request = request.header("Authorization", auth);
        }
        let cached = cache.get(url);
        if let Some(page) = cached {
            request = request.header("If-None-Match", &page.etag);
        }
        fetched.requests += 1;
        let mut response = request
            .call()
            .map_err(|e| Problem::Unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let remaining = header("x-ratelimit-remaining");
        let retry_after = header("retry-after");
        let reset = header("x-ratelimit-reset");
        let etag = header("etag");
        let next = header("link").and_then(|l| next_link(&l));
        if matches!(status, 403 | 429)
            && (remaining.as_deref() == Some("0") || retry_after.is_some())
        {
            let resets = retry_after
                .map(|s| format!("in {s} s"))
                .or_else(|| reset.and_then(|r| r.parse::<i64>().ok()).map(reset_time));
            return Err(Problem::RateLimited { resets });
        }
        match status {
            304 => match cached {
                Some(page) => {
                    fetched.not_modified += 1;
                    Ok(Answer::Page(page.clone()))
                }
                None => Ok(Answer::Refused(
                    304,
                    "not modified, and no cached copy".into(),
                )),
            },
            200 => {
                let body = response
                    .body_mut()
                    .with_config()
                    .limit(32 * 1024 * 1024)
                    .read_to_string()
                    .map_err(|e| Problem::Unreachable(e.to_string()))?;
                let Some(issues) = IssueFacts::parse(&body) else {
                    return Ok(Answer::Refused(
                        200,
                        "an answer that is not GitHub's issue JSON".into(),
                    ));
                };
                let page = CachedPage {
                    etag: etag.unwrap_or_default(),
                    next,
                    issues,
                };
                if !page.etag.is_empty() {
                    cache.put(url, page.clone());
                }
                Ok(Answer::Page(page))
            }
            404 | 410 => Ok(Answer::NotFound),
            _ => {
                let body = response.body_mut().read_to_string().unwrap_or_default();
                let message = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| v.get("message")?.as_str().map(str::to_owned))
                    .unwrap_or_default();
                Ok(Answer::Refused(status, message))
            }
        }
    }
}

/// The `rel="next"` URL of a `Link` header.
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim() == "rel=\"next\"")
            .then(|| {
                url.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
    })
}

/// A reset time (Unix seconds) as UTC: `2026-11-27 14:05 UTC`.
fn reset_time(unix: i64) -> String {
    let day = crate::document::Date::from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("at {day} {:02}:{:02} UTC", secs / 3600, secs % 3600 / 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_headers_and_reset_times() {
        let link = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some("https://api.github.com/repositories/1/issues?page=2")
        );
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
        assert_eq!(reset_time(1_795_788_300), "at 2026-11-27 14:05 UTC");
    }
}
