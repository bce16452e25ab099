//! Fuzzes the document model and every rule with arbitrary bytes:
//! `cargo fuzz run check -- -max_total_time=600` (see the README's robustness section).
#![no_main]

use libfuzzer_sys::fuzz_target;
use postmortem_lint::check::check_bytes;
use postmortem_lint::config::Settings;
use postmortem_lint::document::Date;
use std::sync::LazyLock;

static SETTINGS: LazyLock<Settings> = LazyLock::new(|| Settings::defaults(Date::from_days(20_000)));

fuzz_target!(|data: &[u8]| {
    let report = check_bytes("fuzz.md", data, &SETTINGS);
    if let Some(source) = &report.source {
        for d in &report.diagnostics {
            assert!(d.range.end <= source.text().len());
            assert!(source.text().is_char_boundary(d.range.start));
            assert!(source.text().is_char_boundary(d.range.end));
        }
    }
});
