//! Prints the document model of one file: a debugging aid for rule authors.
#![allow(clippy::print_stdout, clippy::unwrap_used)]
use postmortem_lint::{Document, Source, document::Template};

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let bytes = std::fs::read(&path).unwrap();
    let source = Source::from_bytes(path, &bytes).unwrap();
    let doc = Document::parse(&source, Template::builtin());
    println!("{doc:#?}");
}
