//! Errors that point into a file the user wrote (a config file, a rule file), and the "did you
//! mean" hints they give.

use crate::source::Source;
use std::fmt;
use std::ops::Range;

/// A problem at a place in a user's file: `path:line:column: message`, with an optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl LocatedError {
    /// An error at a byte range of `text` (the file at `path`).
    pub fn at(
        path: &str,
        text: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> LocatedError {
        let (line, column) = span.map_or((1, 1), |s| Source::new(path, text).line_col(s.start));
        LocatedError {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> LocatedError {
        self.help = Some(help.into());
        self
    }

    /// From a TOML parse or schema error, with a "did you mean" hint for unknown keys and
    /// values (`[rules.be-more-carefull]`, `severity = "eror"`).
    pub fn from_toml(path: &str, text: &str, error: &toml::de::Error) -> LocatedError {
        let message = error.message().trim().to_owned();
        let mut located = LocatedError::at(path, text, error.span(), message.clone());
        if let Some(hint) = did_you_mean(&message) {
            located.help = Some(hint);
        }
        located
    }
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::visible;
        write!(
            f,
            "{}:{}:{}: {}",
            visible(&self.path),
            self.line,
            self.column,
            visible(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", visible(help))?;
        }
        Ok(())
    }
}

impl std::error::Error for LocatedError {}

/// serde's "unknown field `x`, expected one of `a`, `b`" → "did you mean `a`?".
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message
        .strip_prefix("unknown field `")
        .or_else(|| message.strip_prefix("unknown variant `"))?;
    let (given, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(given, &candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate nearest to `given` by edit distance, if it is near enough to be a typo.
pub fn closest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(given, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance (in characters), for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_for_unknown_fields_and_variants() {
        assert_eq!(
            did_you_mean("unknown variant `eror`, expected one of `error`, `warning`, `off`"),
            Some("did you mean `error`?".to_owned())
        );
        assert_eq!(
            did_you_mean("unknown field `peple`, expected one of `template`, `people`"),
            Some("did you mean `people`?".to_owned())
        );
        assert_eq!(did_you_mean("invalid type"), None);
    }
}
