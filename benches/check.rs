//! Criterion benchmarks of one document: parsing it into the model, and checking it with every
//! rule. `cargo bench --bench check`
#![allow(clippy::unwrap_used)]

#[path = "../examples/gen-corpus/corpus.rs"]
mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use postmortem_lint::Source;
use postmortem_lint::check::check_source;
use postmortem_lint::config::Settings;
use postmortem_lint::document::{Date, Document, Template};
use std::hint::black_box;

fn one_document(c: &mut Criterion) {
    // A generated postmortem of about 6 KB, as in the single-file target.
    let generated = (0..200)
        .map(|i| corpus::generate(11, i))
        .min_by_key(|g| g.bytes.len().abs_diff(6 * 1024))
        .unwrap();
    let text = String::from_utf8(generated.bytes).unwrap();
    let settings = Settings::defaults(Date::parse_iso("2026-11-27").unwrap());
    let mut group = c.benchmark_group("one-document");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("pulldown-cmark only", |b| {
        let options =
            pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_TASKLISTS;
        b.iter(|| {
            pulldown_cmark::Parser::new_ext(black_box(&text), options)
                .into_offset_iter()
                .count()
        })
    });
    group.bench_function("parse into the document model", |b| {
        let source = Source::new("pm.md", &text);
        b.iter(|| {
            Document::parse(black_box(&source), Template::builtin())
                .sections
                .len()
        })
    });
    group.bench_function("check with every rule", |b| {
        b.iter(|| {
            check_source(Source::new("pm.md", black_box(&text)), &settings)
                .diagnostics
                .len()
        })
    });
    group.finish();
}

/// What the language server does on a keystroke in a 50 KB postmortem: the edited text
/// checked again, as `postmortem-lint server` checks it (config discovery cached).
fn keystroke_in_50kb(c: &mut Criterion) {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 50 * 1024 {
        let part = String::from_utf8(corpus::generate(7, i).bytes).unwrap();
        // One document: the first whole, then the sections of others under it.
        let body = if i == 0 {
            &part[..]
        } else {
            part.split_once("\n## ").map_or("", |(_, b)| b)
        };
        if i > 0 {
            text.push_str("\n## ");
        }
        text.push_str(body);
        i += 1;
    }
    let dir = std::env::temp_dir().join("postmortem-lint-bench-server");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("2026-11-02-big.md");
    std::fs::write(&path, &text).unwrap();
    let mut workspace =
        postmortem_lint::server::Workspace::new(None, Date::parse_iso("2026-11-27"));
    assert!(matches!(
        workspace.check(&path, &text),
        postmortem_lint::server::Outcome::Checked { .. }
    ));
    let mut group = c.benchmark_group("server");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("keystroke in a 50 KB postmortem", |b| {
        let mut n = 0usize;
        b.iter(|| {
            n += 1;
            let mut edited = text.clone();
            edited.insert(text.len() / 2, if n % 2 == 0 { 'a' } else { 'b' });
            matches!(
                workspace.check(&path, black_box(&edited)),
                postmortem_lint::server::Outcome::Checked { .. }
            )
        })
    });
    group.finish();
}

criterion_group!(benches, one_document, keystroke_in_50kb);
criterion_main!(benches);
