//! Writes a deterministic corpus of realistic postmortems for benchmarks:
//! `cargo run --release --example gen-corpus -- --out DIR --files N [--seed S]`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out: Option<PathBuf> = None;
    let mut files = 1000usize;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--files", Some(v)) => match v.parse() {
                Ok(n) => files = n,
                Err(_) => return usage(&format!("--files takes a number, not `{v}`")),
            },
            ("--seed", Some(v)) => match v.parse() {
                Ok(n) => seed = n,
                Err(_) => return usage(&format!("--seed takes a number, not `{v}`")),
            },
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(out) = out else {
        return usage("--out DIR is required");
    };
    let mut bytes = 0usize;
    let mut planted = 0usize;
    for i in 0..files {
        let g = corpus::generate(seed, i);
        let path = out.join(&g.path);
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            eprintln!("gen-corpus: {}: {e}", parent.display());
            return ExitCode::from(2);
        }
        if let Err(e) = std::fs::write(&path, &g.bytes) {
            eprintln!("gen-corpus: {}: {e}", path.display());
            return ExitCode::from(2);
        }
        bytes += g.bytes.len();
        planted += usize::from(!g.planted.is_empty());
    }
    println!(
        "{files} postmortems, {:.1} MB, {planted} with planted defects, in {}",
        bytes as f64 / 1e6,
        out.display()
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("gen-corpus: {problem}\nusage: gen-corpus --out DIR --files N [--seed S]");
    ExitCode::from(2)
}
