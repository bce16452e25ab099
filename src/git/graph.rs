//! The commit-graph file git writes beside its objects (`.git/objects/info/commit-graph`, by
//! `git gc` and `git commit-graph write`): each commit's tree, parents and commit time in one
//! table, read without inflating a single commit object. A walk of thousands of commits reads
//! it instead of the commits themselves, as `git log` does. Only a single SHA-1 file is read;
//! a split chain, another hash or anything malformed is ignored (the objects are read instead).
//! Layout: git's Documentation/gitformat-commit-graph.txt.

use std::path::Path;

const OID: usize = 20;
/// Tree id, two parent positions, generation and commit time.
const CDAT_ROW: usize = OID + 16;
/// A parent position that says "none".
const NO_PARENT: u32 = 0x7000_0000;

/// A commit as the graph stores it.
pub struct GraphCommit {
    pub tree: git2::Oid,
    pub first_parent: Option<git2::Oid>,
    /// Commit time, seconds since the epoch (UTC); the committer's offset is not stored.
    pub seconds: i64,
}

pub struct CommitGraph {
    data: Vec<u8>,
    fanout: usize,
    oids: usize,
    cdat: usize,
    count: usize,
}

impl CommitGraph {
    /// The graph of the repository whose object folder is `objects`, if it has a usable one.
    pub fn open(objects: &Path) -> Option<CommitGraph> {
        // A split graph (objects/info/commit-graphs/) may hold the newest commits: the single
        // file alone would be stale, so neither is read.
        if objects.join("info/commit-graphs").exists() {
            return None;
        }
        CommitGraph::parse(std::fs::read(objects.join("info/commit-graph")).ok()?)
    }

    fn parse(data: Vec<u8>) -> Option<CommitGraph> {
        // Header: signature, version 1, hash version 1 (SHA-1), chunk count, base graphs 0.
        let header = data.get(..8)?;
        if &header[..4] != b"CGPH" || header[4] != 1 || header[5] != 1 || header[7] != 0 {
            return None;
        }
        let chunks = usize::from(data[6]);
        let (mut fanout, mut oids, mut cdat) = (None, None, None);
        let mut table = Vec::with_capacity(chunks + 1);
        for i in 0..=chunks {
            let row = data.get(8 + 12 * i..8 + 12 * (i + 1))?;
            let offset = usize::try_from(u64::from_be_bytes(row[4..12].try_into().ok()?)).ok()?;
            table.push((&row[..4], offset));
        }
        for pair in table.windows(2) {
            let ((id, start), (_, end)) = (pair[0], pair[1]);
            if start > end || end > data.len() {
                return None;
            }
            match id {
                b"OIDF" if end - start == 256 * 4 => fanout = Some(start),
                b"OIDL" => oids = Some((start, end - start)),
                b"CDAT" => cdat = Some((start, end - start)),
                _ => {}
            }
        }
        let (fanout, (oids, oid_bytes), (cdat, cdat_bytes)) = (fanout?, oids?, cdat?);
        let count = oid_bytes / OID;
        let graph = CommitGraph {
            data,
            fanout,
            oids,
            cdat,
            count,
        };
        let consistent =
            oid_bytes % OID == 0 && cdat_bytes == count * CDAT_ROW && graph.fan(255) == count;
        consistent.then_some(graph)
    }

    fn u32_at(&self, at: usize) -> usize {
        let bytes: [u8; 4] = self.data[at..at + 4].try_into().unwrap_or([0; 4]);
        u32::from_be_bytes(bytes) as usize
    }

    /// How many commits have ids whose first byte is at most `byte`.
    fn fan(&self, byte: u8) -> usize {
        self.u32_at(self.fanout + 4 * usize::from(byte))
    }

    fn oid(&self, position: usize) -> &[u8] {
        &self.data[self.oids + position * OID..self.oids + (position + 1) * OID]
    }

    /// The commit `id`, when the graph holds it.
    pub fn commit(&self, id: git2::Oid) -> Option<GraphCommit> {
        let key = id.as_bytes();
        let first = *key.first()?;
        // A malformed fan-out cannot send the search out of the table.
        let high = self.fan(first).min(self.count);
        let low = if first == 0 { 0 } else { self.fan(first - 1) }.min(high);
        let (mut low, mut high) = (low, high);
        let position = loop {
            if low >= high {
                return None;
            }
            let middle = low + (high - low) / 2;
            match self.oid(middle).cmp(key) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => break middle,
            }
        };
        let row = &self.data[self.cdat + position * CDAT_ROW..][..CDAT_ROW];
        let word = |at: usize| u32::from_be_bytes([row[at], row[at + 1], row[at + 2], row[at + 3]]);
        let parent = word(OID);
        let first_parent = if parent == NO_PARENT {
            None
        } else {
            let position = parent as usize;
            if position >= self.count {
                return None;
            }
            Some(git2::Oid::from_bytes(self.oid(position)).ok()?)
        };
        // The last eight bytes: generation (30 bits), then the commit time's 34 bits.
        let seconds = (i64::from(word(OID + 8) & 0b11) << 32) | i64::from(word(OID + 12));
        Some(GraphCommit {
            tree: git2::Oid::from_bytes(&row[..OID]).ok()?,
            first_parent,
            seconds,
        })
    }
}

/// What a history walk needs of a commit, read from its raw object: `tree`, the first
/// `parent` and the committer's date with its offset.
pub(super) struct RawCommit {
    pub id: git2::Oid,
    pub tree: git2::Oid,
    pub parent: Option<git2::Oid>,
    pub seconds: i64,
    /// `None` when read from the commit-graph, which does not keep it.
    pub offset_minutes: Option<i32>,
}

impl RawCommit {
    pub fn read(odb: &git2::Odb<'_>, id: git2::Oid) -> Result<RawCommit, super::GitError> {
        let object = odb.read(id)?;
        RawCommit::parse(id, object.data())
            .ok_or_else(|| super::GitError::Git(git2::Error::from_str("unreadable commit")))
    }

    fn parse(id: git2::Oid, data: &[u8]) -> Option<RawCommit> {
        let (mut tree, mut parent, mut when) = (None, None, None);
        for line in data.split(|b| *b == b'\n') {
            if line.is_empty() {
                break;
            }
            let text = std::str::from_utf8(line).ok();
            if let Some(hex) = line.strip_prefix(b"tree ") {
                tree = git2::Oid::from_str(std::str::from_utf8(hex).ok()?).ok();
            } else if let Some(hex) = line.strip_prefix(b"parent ")
                && parent.is_none()
            {
                parent = git2::Oid::from_str(std::str::from_utf8(hex).ok()?).ok();
            } else if let Some(rest) = text.and_then(|t| t.strip_prefix("committer ")) {
                // "Name <email> 1700000000 +0100"
                let mut fields = rest.rsplitn(3, ' ');
                let zone = fields.next()?;
                let seconds: i64 = fields.next()?.parse().ok()?;
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                let digits = zone.trim_start_matches(['+', '-']);
                let hours: i32 = digits.get(..2)?.parse().ok()?;
                let minutes: i32 = digits.get(2..4)?.parse().ok()?;
                when = Some((seconds, sign * (hours * 60 + minutes)));
            }
        }
        let (seconds, offset_minutes) = when?;
        Some(RawCommit {
            id,
            tree: tree?,
            parent,
            seconds,
            offset_minutes: Some(offset_minutes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anything_but_a_commit_graph_is_not_read() {
        assert!(CommitGraph::parse(Vec::new()).is_none());
        assert!(CommitGraph::parse(b"CGPH".to_vec()).is_none());
        // A header that promises chunks the file does not have.
        assert!(CommitGraph::parse(b"CGPH\x01\x01\x03\x00".to_vec()).is_none());
        let mut chunks = b"CGPH\x01\x01\x01\x00OIDF".to_vec();
        chunks.extend(u64::MAX.to_be_bytes());
        chunks.extend([0; 12]);
        assert!(CommitGraph::parse(chunks).is_none());
    }
}
