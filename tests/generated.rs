//! The corpus generator of the benchmarks knows what it planted: every planted defect is
//! reported by its rule, and the postmortems without one are clean.
#![allow(clippy::unwrap_used)]

#[path = "../examples/gen-corpus/corpus.rs"]
mod corpus;

use postmortem_lint::check::check_bytes;
use postmortem_lint::config::Settings;
use postmortem_lint::document::Date;
use std::collections::BTreeSet;

#[test]
fn planted_defects_are_found_and_clean_files_stay_clean() {
    let settings = Settings::defaults(Date::parse_iso("2026-11-27").unwrap());
    let mut planted_total = 0;
    let mut clean_total = 0;
    for i in 0..400 {
        let g = corpus::generate(7, i);
        let report = check_bytes(&g.path, &g.bytes, &settings);
        let fired: BTreeSet<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
        if g.planted.is_empty() {
            clean_total += 1;
            assert!(
                fired.is_empty(),
                "{} was generated clean but got {fired:?}",
                g.path
            );
        } else {
            planted_total += g.planted.len();
            for defect in &g.planted {
                assert!(
                    fired.contains(defect.rule()),
                    "{}: planted {defect:?}, got {fired:?}",
                    g.path
                );
            }
        }
    }
    assert!(
        planted_total > 100 && clean_total > 200,
        "{planted_total} planted, {clean_total} clean"
    );
}

#[test]
fn the_corpus_is_deterministic() {
    for i in [0, 1, 99] {
        assert_eq!(corpus::generate(3, i).bytes, corpus::generate(3, i).bytes);
    }
    assert_ne!(corpus::generate(3, 0).bytes, corpus::generate(4, 0).bytes);
}
