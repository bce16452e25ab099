//! The parse-only floor of the benchmarks: walk a folder, read every `*.md` file and run the
//! same pulldown-cmark pass with offsets that `check` runs, and nothing else.
//! `cargo run --release --example parse-floor -- [-j N] DIR`
#![allow(clippy::print_stdout, clippy::print_stderr)]

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut threads = 0usize;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "-j" {
            threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        } else {
            dir = Some(arg);
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: parse-floor [-j N] DIR");
        return ExitCode::from(2);
    };
    let files: Vec<_> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
        return ExitCode::from(2);
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let events: usize = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let Ok(bytes) = std::fs::read(path) else {
                    return 0;
                };
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    return 0;
                };
                Parser::new_ext(text, options).into_offset_iter().count()
            })
            .sum()
    });
    println!("{} files, {events} events", files.len());
    ExitCode::SUCCESS
}
