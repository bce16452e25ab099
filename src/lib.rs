//! postmortem-lint: a linter for blameless incident postmortems kept as Markdown.
//!
//! Data flows one way: files → [`Source`] → [`Document`] → rules → diagnostics → render.
//! The library never prints; only the binary's `cli` module writes to the terminal.

pub mod baseline;
pub mod check;
pub mod config;
pub mod confine;
pub mod diagnostic;
pub mod docs;
pub mod document;
pub mod escape;
pub mod files;
pub mod fix;
pub mod git;
pub mod init;
pub mod located;
mod re;
pub mod render;
pub mod report;
pub mod rules;
pub mod run;
pub mod server;
pub mod skeleton;
pub mod source;
mod suppress;

pub use document::Document;
pub use source::Source;
