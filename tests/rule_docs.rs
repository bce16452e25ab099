//! Each rule's documented bad example makes it fire, and its good example does not: the docs
//! that `explain` and the README show are checked like code.
#![allow(clippy::unwrap_used)]

use postmortem_lint::Source;
use postmortem_lint::check::check_source;
use postmortem_lint::config::Settings;
use postmortem_lint::document::Date;
use postmortem_lint::rules::registry;

fn fires(rule: &str, text: &str) -> bool {
    let settings = Settings::defaults(Date::parse_iso("2026-11-27").unwrap());
    check_source(Source::new("example.md", text), &settings)
        .diagnostics
        .iter()
        .any(|d| d.rule == rule)
}

#[test]
fn bad_examples_fire_and_good_examples_do_not() {
    for rule in registry() {
        let doc = rule.doc();
        // Their examples describe files, or need git history; other tests cover them.
        if ["unreadable-file", "stale-action-item"].contains(&doc.name) {
            continue;
        }
        assert!(
            fires(doc.name, doc.bad),
            "{}: the bad example does not fire",
            doc.name
        );
        assert!(
            !fires(doc.name, doc.good),
            "{}: the good example fires",
            doc.name
        );
    }
}
