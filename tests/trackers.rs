//! Action items that live in a tracker (#34): `check` reads ticket references and asks a
//! linked item nothing its tracker holds; `report` reads what the tracker says of them.
#![allow(clippy::unwrap_used)]

mod common;

use common::{AS_OF, clean_postmortem, run_in, stdout};
use std::path::Path;

/// The clean example postmortem with `items` as its action items.
fn postmortem(items: &str) -> String {
    let clean = clean_postmortem();
    let at = clean.find("## Action items").unwrap();
    format!("{}## Action items\n\n{items}", &clean[..at])
}

/// The rules `check` reports on `doc` (with `config`), as `line:rule` in order.
fn findings(dir: &Path, config: &str, doc: &str) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(".postmortem-lint.toml"), config).unwrap();
    std::fs::write(dir.join("pm.md"), doc).unwrap();
    let out = run_in(
        dir,
        &["check", "pm.md", "--format", "json", "--as-of", AS_OF],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}", d["line"], d["rule"].as_str().unwrap()))
        .collect()
}

const ITEMS: &str = "\
- Alert on consumer throughput dropping to zero — type: detect (PLAT-12)
- Roll consumer releases out one region at a time — type: prevent, owner: @wen
";

#[test]
fn a_linked_item_is_asked_only_what_the_tracker_does_not_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = postmortem(ITEMS);
    // The 1-based line of the nth item (the first is two lines below the heading).
    let heading = doc.lines().position(|l| l == "## Action items").unwrap();
    let line = |n: usize| heading + 2 + n;
    let keys = "[trackers]\njira-keys = [\"PLAT\"]\n";

    // By default the tracker holds owner, due date and status: the linked item is asked
    // nothing; the unlinked one is asked its due date and status.
    let default = findings(tmp.path(), keys, &doc);
    assert_eq!(
        default,
        [
            format!("{}:action-item-without-due-date", line(2)),
            format!("{}:invalid-action-status", line(2)),
        ]
    );

    // A team whose tickets hold only the status is asked the owner and due date of both.
    let status_only = findings(tmp.path(), &format!("{keys}holds = [\"status\"]\n"), &doc);
    assert_eq!(
        status_only,
        [
            format!("{}:action-item-without-due-date", line(1)),
            format!("{}:action-item-without-owner", line(1)),
            format!("{}:action-item-without-due-date", line(2)),
            format!("{}:invalid-action-status", line(2)),
        ]
    );

    // Without the key in the config, `PLAT-12` is text: the item is judged as unlinked.
    let unkeyed = findings(tmp.path(), "", &doc);
    assert!(
        unkeyed.contains(&format!("{}:action-item-without-owner", line(1))),
        "{unkeyed:?}"
    );
}

#[test]
fn a_ticket_alone_is_an_item_and_tracked() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = postmortem("- https://github.com/acme/payments/issues/88\n- PLAT-7\n");
    let found = findings(
        tmp.path(),
        "[trackers]\njira-keys = [\"PLAT\"]\nholds = [\"owner\", \"due\", \"status\", \"type\"]\n",
        &doc,
    );
    assert!(found.is_empty(), "{found:?}");
    // Not "no action items": the two tickets are the items.
    let untyped = findings(tmp.path(), "[trackers]\njira-keys = [\"PLAT\"]\n", &doc);
    assert_eq!(untyped.len(), 2, "{untyped:?}");
    assert!(
        untyped
            .iter()
            .all(|f| f.ends_with(":unlabeled-action-item"))
    );
}
