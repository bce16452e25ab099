//! Reading history from git for [`super::history::Builder`]: the commits along HEAD's first
//! parents that changed the wanted files, their versions read and parsed a chunk at a time,
//! in parallel, and applied in order.

use super::history::{Builder, commit_day};
use super::version::{Version, read_version};
use crate::document::{Date, Template};
use crate::git::{BlobId, CommitChanges, GitError, Repo};
use rayon::prelude::*;

/// A file added in one commit and never changed since (nor renamed from another): every
/// item of that version was written on `day`. Its versions are not read when only the
/// dates of items are asked for (`unchanged` given to [`from_git`]).
pub struct Unchanged {
    /// Repository-relative.
    pub path: String,
    pub blob: BlobId,
    pub day: Date,
}

/// Reads history from git, as of the end of `as_of` when given. `None` in a shallow clone.
/// With `unchanged`, the files of one version are not read but listed there (what `check`
/// needs of them is the day they were written: see [`Unchanged`]).
pub(super) fn from_git(
    repo: &Repo,
    scope: &[String],
    wanted: &dyn Fn(&str) -> bool,
    template: TemplateOf<'_>,
    as_of: Option<Date>,
    unchanged: Option<&mut Vec<Unchanged>>,
) -> Result<Option<super::History>, GitError> {
    // A folder inside another one named is read once, with it.
    let mut scope: Vec<String> = scope.to_vec();
    scope.sort();
    let all = scope.clone();
    scope.retain(|s| {
        !all.iter()
            .any(|o| o != s && (o.is_empty() || s.starts_with(&format!("{o}/"))))
    });
    let scope = scope.as_slice();
    // The walk hands over commits with their blobs' ids. Versions are read from git and
    // parsed a chunk at a time, in parallel across commits, and applied in order as they are
    // parsed: memory holds one chunk, never the whole history nor the whole of one commit.
    let mut builder = Builder::new(as_of);
    let mut pending: Vec<CommitChanges> = Vec::new();
    let mut pending_versions = 0;
    let mut failure: Option<GitError> = None;
    let mut going = true;
    let whole = unchanged.is_some();
    let commits = repo.commit_changes(scope, wanted, as_of.map(Date::days), &mut |c| {
        pending_versions += c.versions.len();
        pending.push(c);
        // Files of one version are found once every commit is known: keep them all.
        if pending_versions >= CHUNK && !whole {
            pending_versions = 0;
            match apply(repo, template, &mut builder, &std::mem::take(&mut pending)) {
                Ok(go_on) => going = go_on,
                Err(e) => {
                    failure = Some(e);
                    going = false;
                }
            }
        }
        going
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    let Some(commits) = commits else {
        return Ok(None);
    };
    if let Some(unchanged) = unchanged {
        set_aside_unchanged(&mut pending, as_of, unchanged);
    }
    if going {
        apply(repo, template, &mut builder, &pending)?;
    }
    Ok(Some(builder.finish(commits)))
}

/// Takes out of `commits` the versions of files that have only one (see [`Unchanged`]),
/// added by a commit that deleted none of the files read (no rename), up to `as_of`.
fn set_aside_unchanged(
    commits: &mut [CommitChanges],
    as_of: Option<Date>,
    unchanged: &mut Vec<Unchanged>,
) {
    let mut versions: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for commit in commits.iter() {
        for version in &commit.versions {
            *versions.entry(version.path.as_str()).or_default() += 1;
        }
    }
    let single: std::collections::HashSet<String> = versions
        .into_iter()
        .filter(|(_, n)| *n == 1)
        .map(|(path, _)| path.to_owned())
        .collect();
    // The day of each commit as the builder reckons it: never before the one before.
    let mut last: Option<Date> = None;
    for commit in commits.iter_mut() {
        let mut day = commit_day(commit);
        if let Some(last) = last
            && day < last
        {
            day = last;
        }
        last = Some(day);
        if as_of.is_some_and(|a| day > a) || commit.versions.iter().any(|v| v.blob.is_none()) {
            continue;
        }
        commit.versions.retain(|v| {
            let Some(blob) = v.blob.filter(|_| single.contains(&v.path)) else {
                return true;
            };
            unchanged.push(Unchanged {
                path: v.path.clone(),
                blob,
                day,
            });
            false
        });
    }
}

/// The template a repository-relative path is read with (that of the config governing it).
pub type TemplateOf<'a> = &'a (dyn Fn(&str) -> &'a Template + Sync);

/// Versions read from git and parsed together.
const CHUNK: usize = 256;

/// Applies `commits` in order, their versions read and parsed a chunk at a time (in
/// parallel); `false` once past the builder's `as_of`.
fn apply(
    repo: &Repo,
    template: TemplateOf<'_>,
    builder: &mut Builder,
    commits: &[CommitChanges],
) -> Result<bool, GitError> {
    // Every version to read, in the order they are applied.
    let order: Vec<(usize, usize)> = commits
        .iter()
        .enumerate()
        .flat_map(|(c, commit)| {
            commit
                .versions
                .iter()
                .enumerate()
                .filter(|(_, v)| v.blob.is_some())
                .map(move |(v, _)| (c, v))
        })
        .collect();
    let mut chunks = order.chunks(CHUNK);
    let mut parsed: std::vec::IntoIter<Version> = Vec::new().into_iter();
    for commit in commits {
        let Some(mut open) = builder.begin(commit) else {
            return Ok(false);
        };
        for version in &commit.versions {
            let Some(blob) = version.blob else { continue };
            let next = match parsed.next() {
                Some(next) => next,
                None => {
                    parsed = read_chunk(repo, template, commits, chunks.next().unwrap_or(&[]))?
                        .into_iter();
                    match parsed.next() {
                        Some(next) => next,
                        None => continue,
                    }
                }
            };
            builder.version(&mut open, &version.path, blob, next);
        }
        builder.end(open);
    }
    Ok(true)
}

/// Reads the versions at `chunk` (commit, version) from git and parses them in parallel.
fn read_chunk(
    repo: &Repo,
    template: TemplateOf<'_>,
    commits: &[CommitChanges],
    chunk: &[(usize, usize)],
) -> Result<Vec<Version>, GitError> {
    let mut read: Vec<(usize, usize, Vec<u8>)> = Vec::with_capacity(chunk.len());
    for &(c, v) in chunk {
        if let Some(blob) = commits[c].versions[v].blob {
            read.push((c, v, repo.blob(blob)?));
        }
    }
    Ok(read
        .par_iter()
        .map(|(c, v, content)| {
            let commit = &commits[*c];
            let year = commit_day(commit).year;
            let path = &commit.versions[*v].path;
            read_version(path, content, template(path), year)
        })
        .collect())
}
