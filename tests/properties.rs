//! Property tests: arbitrary and mutated Markdown never makes the document model or the whole
//! check panic, and every diagnostic points inside the text at a valid line and column.
#![allow(clippy::unwrap_used)]

use postmortem_lint::Source;
use postmortem_lint::check::check_source;
use postmortem_lint::config::Settings;
use postmortem_lint::document::{Date, Document, Template};
use proptest::prelude::*;
use std::sync::LazyLock;

static SETTINGS: LazyLock<Settings> =
    LazyLock::new(|| Settings::defaults(Date::parse_iso("2026-11-27").unwrap()));

/// Pieces Markdown postmortems are made of, so that generated text reaches the parser's and
/// the rules' interesting paths (tables, lists, headings, times, dates, comments, code).
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Postmortem: x\n".to_owned()),
        prop::sample::select(vec![
            "## Summary\n",
            "## Timeline (UTC)\n",
            "## Action items\n",
            "## Status\n",
            "## Trigger\n",
            "### Short-term\n",
            "## Lessons learned\n",
            "## Contributing factors\n",
            "Incident Summary\n---\n",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec![
            "| ID | Action | Owner | Due | Type | Status |\n|---|---|---|---|---|---|\n",
            "| 1 | Add alert | @a | 2026-12-01 | detect | open |\n",
            "| 2 | x | TBD | MM/DD | prevent / mitigate | wontfix |\n",
            "| a | b |\n",
            "- [ ] Add check — owner: @db, due: Dec 15, 2026, type: prevent\n",
            "- [x] done item (in progress)\n",
            "1. **Title**\n   - nested: owner: x\n",
            "- 14:02 alert fired\n",
            "- 2026-09-18 23:59Z late\n",
            "- 00:01 next day\n",
            "2026-09-18 (all times UTC)\n",
            "Detected at 14:02 UTC, resolved at 15:30; duration 1h28m.\n",
            "Owner: @dana\n",
            "**Status:** review\n",
            "Reviewers: a, b\n",
            "Disclosure: company\n",
            "We should be more\ncareful. @dana forgot to check. It was human error.\n",
            "<!-- postmortem-lint-disable-next-line human-error -->\n",
            "<!-- unclosed comment\n",
            "```\ncode 14:02\n```\n",
            "`TBD` and <incident name>\n",
            "> quoted \"be more careful\"\n",
            "---\nowner: x\nreviewers:\n - a\n---\n",
            "+++\nowner = \"x\"\n+++\n",
            "\r\n",
            "\t",
            "\u{feff}",
            "é ü 中文 🙂",
            "[link](http://x/human-error)",
            "\n\n",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,40}\n",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

/// A real-looking postmortem with random edits: bytes of Markdown syntax inserted or removed.
fn mutated() -> impl Strategy<Value = String> {
    let base = include_str!("../fixtures/examples/2026-09-18-checkout-latency.md");
    prop::collection::vec(
        (
            0..base.len(),
            prop::sample::select(vec![
                "|", "#", "-", "`", "<!--", "\n", "*", ">", "[ ]", ":", "  ", "",
            ]),
        ),
        1..30,
    )
    .prop_map(move |edits| {
        let mut text = base.to_owned();
        for (at, insert) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if insert.is_empty() {
                let end = (at + 3).min(text.len());
                if text.is_char_boundary(end) {
                    text.replace_range(at..end, "");
                }
            } else {
                text.insert_str(at, insert);
            }
        }
        text
    })
}

fn assert_sound(text: &str) {
    let source = Source::new("p.md", text);
    let doc = Document::parse(&source, Template::builtin());
    let len = source.text().len();
    for s in &doc.sections {
        assert!(s.body.start <= s.body.end && s.body.end <= len);
        assert!(s.heading.text_range.end <= len);
    }
    drop(doc);
    let report = check_source(source, &SETTINGS);
    let source = report.source.as_ref().unwrap();
    let text = source.text();
    for d in &report.diagnostics {
        assert!(
            d.range.start <= d.range.end && d.range.end <= text.len(),
            "{d:?}"
        );
        assert!(
            text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
            "{d:?}"
        );
        let ((line, column), (end_line, end_column)) = report.position(d);
        assert!(
            line >= 1 && column >= 1 && line <= source.line_count(),
            "{d:?}"
        );
        assert!((end_line, end_column) >= (line, column), "{d:?}");
        let line_chars = text[source.line_range(line - 1)].chars().count();
        assert!(
            column <= line_chars + 1,
            "{d:?}: column {column} on a line of {line_chars}"
        );
    }
    // Rendering every format works on whatever was found.
    for format in [
        postmortem_lint::render::Format::Human,
        postmortem_lint::render::Format::Concise,
        postmortem_lint::render::Format::Json,
    ] {
        let mut out = Vec::new();
        postmortem_lint::render::render(
            &mut out,
            std::slice::from_ref(&report),
            format,
            Default::default(),
        )
        .unwrap();
        if format == postmortem_lint::render::Format::Json {
            serde_json::from_slice::<serde_json::Value>(&out).unwrap();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_markdown_is_checked_soundly(text in document()) {
        assert_sound(&text);
    }

    #[test]
    fn mutated_postmortems_are_checked_soundly(text in mutated()) {
        assert_sound(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let report = postmortem_lint::check::check_bytes("p.md", &bytes, &SETTINGS);
        prop_assert!(!report.diagnostics.is_empty() || report.source.is_some());
    }
}

/// Found by `arbitrary_markdown_is_checked_soundly`: without a title, document-level findings
/// pointed at the first byte of line 1, inside a multi-byte character.
#[test]
fn a_document_starting_with_a_multibyte_character_is_anchored_on_a_boundary() {
    assert_sound("é\n");
    assert_sound("中文\n## Summary\n");
    assert_sound("");
}
