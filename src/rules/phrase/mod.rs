//! Phrase rules: language rules written as data (`rules/language/*.toml`, and a team's own
//! files named in its config). A file holds the rule's name, severity, documentation, message,
//! help, the patterns, and the template sections it applies to.
//!
//! Patterns are regular expressions matched case-insensitively; a space matches any run of
//! whitespace, line breaks included. They are compiled once, with size limits, into one regex
//! per rule. Matches inside code, HTML comments, link URLs, block quotes or quotation marks
//! are never reported: those are someone else's words, not the author's.

use super::{Context, Finding, Findings, Rule, RuleDoc, Scope, Severity};
use crate::document::{Document, Template};
use crate::located::LocatedError;
use regex_automata::meta::Regex;
use serde::Deserialize;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};
use toml::Spanned;

mod compile;
mod literals;
mod pattern;
mod prebuilt;
mod scanner;
mod text;

use compile::{build, describe};
use prebuilt::{Dense, Forward, prebuilt, prebuilt_whole};
pub(crate) use text::Quoted;
pub use text::{PhraseHits, Prefilter};
use text::{action_core, is_negated, regions};

/// What a phrase rule reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    /// The prose of the sections it applies to.
    #[default]
    Prose,
    /// The Action text of each action item (a pattern should match the whole of it).
    Action,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RuleFile {
    name: Spanned<String>,
    severity: Severity,
    summary: String,
    why: String,
    bad: String,
    good: String,
    /// `{match}` is replaced by the words found.
    message: String,
    help: String,
    patterns: Vec<Spanned<String>>,
    /// Template section ids the rule reads; empty means all.
    #[serde(default)]
    sections: Vec<Spanned<String>>,
    /// Template section ids it never reads.
    #[serde(default)]
    skip_sections: Vec<Spanned<String>>,
    #[serde(default)]
    target: Target,
}

/// Compiled-regex limits for patterns a user wrote.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug)]
pub struct PhraseRule {
    doc: &'static RuleDoc,
    /// Compiled on first use (the built-in rules; a team's are compiled when read, so that
    /// their errors are reported then).
    regex: OnceLock<Regex>,
    /// The patterns as one alternation, as compiled.
    alternation: String,
    /// Each pattern as translated, for the prefilter.
    patterns: Vec<String>,
    /// The patterns need Unicode semantics (a class such as `\p{L}`).
    unicode: bool,
    /// For a built-in rule, its file: its automata were built with the crate (`build.rs`).
    builtin: Option<&'static str>,
    /// Those automata, loaded on first use (`None`: none were built; the regex is used).
    prebuilt: OnceLock<Option<Dense>>,
    /// For an action rule whose every match is the whole text, its forward automaton.
    whole: OnceLock<Option<Forward>>,
    sections: Vec<String>,
    skip_sections: Vec<String>,
    target: Target,
    message: String,
    help: String,
}

impl PhraseRule {
    /// Parses and compiles a rule file. Its documentation lives for the rest of the run.
    pub fn parse(path: &str, text: &str) -> Result<PhraseRule, LocatedError> {
        Self::parse_with(path, text, true)
    }

    /// As [`PhraseRule::parse`]; `compile: false` leaves compiling to the first use.
    fn parse_with(path: &str, text: &str, compile: bool) -> Result<PhraseRule, LocatedError> {
        let file: RuleFile =
            toml::from_str(text).map_err(|e| LocatedError::from_toml(path, text, &e))?;
        let name = file.name.get_ref();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(LocatedError::at(
                path,
                text,
                Some(file.name.span()),
                format!("rule name `{name}` is not kebab-case"),
            ));
        }
        for section in file.sections.iter().chain(&file.skip_sections) {
            let known = Template::known_section_ids();
            if !known.contains(&section.get_ref().as_str()) {
                let err = LocatedError::at(
                    path,
                    text,
                    Some(section.span()),
                    format!("unknown section `{}`", section.get_ref()),
                );
                return Err(match crate::located::closest(section.get_ref(), &known) {
                    Some(c) => err.help(format!("did you mean `{c}`?")),
                    None => err.help(format!("sections are: {}", known.join(", "))),
                });
            }
        }
        if file.patterns.is_empty() {
            return Err(LocatedError::at(
                path,
                text,
                Some(file.name.span()),
                "the rule has no patterns",
            ));
        }
        let alternatives: Vec<String> = file
            .patterns
            .iter()
            .map(|p| pattern::translate(p.get_ref()))
            .collect();
        // One parse per pattern: in ASCII mode when it allows (see `build`), else with
        // Unicode. Case folding is left out: it does not change a match's length.
        // The built-in files are checked by a test instead (ASCII, no empty match).
        let mut unicode = false;
        let checked = if compile { &file.patterns[..] } else { &[] };
        for (pattern, translated) in checked.iter().zip(&alternatives) {
            let parse = |unicode: bool| {
                regex_syntax::ParserBuilder::new()
                    .unicode(unicode)
                    .nest_limit(64)
                    .build()
                    .parse(translated)
                    .ok()
            };
            let hir = parse(false).or_else(|| {
                unicode = true;
                parse(true)
            });
            if hir.is_some_and(|hir| hir.properties().minimum_len() == Some(0)) {
                let span = pattern.span();
                return Err(LocatedError::at(
                    path,
                    text,
                    Some(span.start + 1..span.end),
                    "the pattern matches the empty string: it would fire everywhere",
                )
                .help("make every alternative match at least one character"));
            }
        }
        let alternation = pattern::alternation(file.patterns.iter().map(|p| p.get_ref().as_str()));
        let regex = OnceLock::new();
        if compile {
            match build(&alternation, unicode) {
                Ok(compiled) => {
                    let _ = regex.set(compiled);
                }
                Err(combined) => {
                    // Find the pattern at fault, so that the error points at it.
                    for (pattern, translated) in file.patterns.iter().zip(&alternatives) {
                        if let Err(e) = build(translated, unicode) {
                            let span = pattern.span();
                            return Err(LocatedError::at(
                                path,
                                text,
                                Some(span.start + 1..span.end),
                                format!("invalid pattern: {}", describe(&e)),
                            ));
                        }
                    }
                    return Err(LocatedError::at(
                        path,
                        text,
                        Some(file.name.span()),
                        format!("patterns too large together: {}", describe(&combined)),
                    ));
                }
            }
        }
        let doc = interned_doc(
            file.name.into_inner(),
            file.severity,
            [file.summary, file.why, file.bad, file.good],
        );
        let builtin = BUILTIN_FILES
            .iter()
            .find(|(p, t)| !compile && *p == path && *t == text)
            .map(|(p, _)| *p);
        Ok(PhraseRule {
            doc,
            regex,
            alternation,
            patterns: alternatives,
            unicode,
            builtin,
            prebuilt: OnceLock::new(),
            whole: OnceLock::new(),
            sections: file.sections.into_iter().map(Spanned::into_inner).collect(),
            skip_sections: file
                .skip_sections
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            target: file.target,
            message: file.message,
            help: file.help,
        })
    }

    /// The compiled patterns: a team's were compiled (and their errors reported) when read;
    /// the built-in ones compile on first use, and a test compiles each.
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build(&self.alternation, self.unicode).expect("built-in patterns compile")
        })
    }

    /// Every match in `text`, left to right: by the automata built with the crate when there
    /// are (loaded in microseconds where compiling takes milliseconds), else by the regex.
    fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        let prebuilt = self
            .prebuilt
            .get_or_init(|| self.builtin.and_then(prebuilt));
        match prebuilt {
            Some(dense) => dense.find_iter(text).map(|m| m.range()).collect(),
            None => self.regex().find_iter(text).map(|m| m.range()).collect(),
        }
    }

    /// The match in an action's text: by the forward automaton built with the crate when the
    /// rule's matches are whole texts, else by the regex.
    fn find_action(&self, text: &str) -> Option<Range<usize>> {
        use regex_automata::dfa::Automaton;
        let whole = self
            .whole
            .get_or_init(|| self.builtin.and_then(prebuilt_whole));
        match whole
            .as_ref()
            .map(|dfa| dfa.try_search_fwd(&regex_automata::Input::new(text)))
        {
            Some(Ok(found)) => found.map(|_| 0..text.len()),
            _ => self.regex().find(text).map(|m| m.range()),
        }
    }

    fn applies_to(&self, scope: Option<&str>) -> bool {
        let listed = |list: &[String]| scope.is_some_and(|s| list.iter().any(|l| l == s));
        (self.sections.is_empty() || listed(&self.sections)) && !listed(&self.skip_sections)
    }

    fn finding(&self, doc: &Document<'_>, range: Range<usize>) -> Finding {
        let words = doc
            .slice(range.clone())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Finding::new(range, self.message.replace("{match}", &words))
            .label(self.doc.summary.split(':').next().unwrap_or("").to_owned())
            .help(self.help.clone())
    }
}

/// The documentation of a rule file, kept for the rest of the run: the names a finding
/// carries are `'static`. A file read again (the editor rereads rule files on every config
/// save) gets the same one back, so memory grows with distinct rule files, not with reads.
fn interned_doc(
    name: String,
    severity: Severity,
    [summary, why, bad, good]: [String; 4],
) -> &'static RuleDoc {
    static DOCS: std::sync::Mutex<Vec<&'static RuleDoc>> = std::sync::Mutex::new(Vec::new());
    let mut docs = DOCS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let same = |d: &&&'static RuleDoc| {
        d.name == name
            && d.severity == severity
            && d.summary == summary
            && d.why == why
            && d.bad == bad
            && d.good == good
    };
    if let Some(doc) = docs.iter().find(same) {
        return doc;
    }
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let doc: &'static RuleDoc = Box::leak(Box::new(RuleDoc {
        name: leak(name),
        severity,
        scope: Scope::Line,
        options: &[],
        summary: leak(summary),
        why: leak(why),
        bad: leak(bad),
        good: leak(good),
    }));
    docs.push(doc);
    doc
}

impl Rule for PhraseRule {
    fn doc(&self) -> &'static RuleDoc {
        self.doc
    }

    fn as_phrase(&self) -> Option<&PhraseRule> {
        Some(self)
    }

    fn check(&self, cx: &Context<'_>, out: &mut Findings<'_>) {
        let doc = cx.doc;
        match self.target {
            Target::Prose => {
                let hits = cx.phrase_hits.map(|hits| hits.rule(self.doc.name));
                let mut quoted = Quoted::new(doc);
                for (region, scope) in regions(doc) {
                    if !self.applies_to(scope)
                        || hits.as_ref().is_some_and(|hits| !hits.may_match(&region))
                    {
                        continue;
                    }
                    let text = doc.prose_text(region.clone());
                    for m in self.find_all(&text) {
                        let range = region.start + m.start..region.start + m.end;
                        if !quoted.is_quoted(&range) && !is_negated(doc, &range) {
                            out.push(self.finding(doc, range));
                        }
                    }
                }
            }
            Target::Action => {
                let Some(actions) = &doc.action_items else {
                    return;
                };
                for action in actions.items.iter().filter_map(|i| i.action.as_ref()) {
                    let text = doc.prose_text(action.range.clone());
                    let core = action_core(&text);
                    if let Some(m) = self.find_action(&text[core.clone()]) {
                        let at = action.range.start + core.start;
                        out.push(self.finding(doc, at + m.start..at + m.end));
                    }
                }
            }
        }
    }
}

/// The language rules that ship with the tool, from `rules/language/`.
pub fn builtin() -> &'static [PhraseRule] {
    static BUILTIN: LazyLock<Vec<PhraseRule>> = LazyLock::new(|| {
        BUILTIN_FILES
            .iter()
            // Each file is tested (`builtin_rule_files_parse`); failing here is a build bug.
            .map(|(path, text)| {
                PhraseRule::parse_with(path, text, false).expect("built-in rule file is valid")
            })
            .collect()
    });
    &BUILTIN
}

/// Every file of `rules/language/`, embedded at build time: `build.rs` lists the folder.
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/phrase_files.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_file_read_again_shares_its_documentation() {
        let (path, text) = BUILTIN_FILES[0];
        let once = PhraseRule::parse(path, text).unwrap();
        let again = PhraseRule::parse(path, text).unwrap();
        assert!(std::ptr::eq(once.doc(), again.doc()));
        let edited = text.replacen("why = '''", "why = '''Edited. ", 1).replacen(
            "why = \"",
            "why = \"Edited. ",
            1,
        );
        assert_ne!(edited, text);
        assert!(!std::ptr::eq(
            once.doc(),
            PhraseRule::parse(path, &edited).unwrap().doc()
        ));
    }

    #[test]
    fn builtin_rule_files_parse() {
        for (path, text) in BUILTIN_FILES {
            let rule = PhraseRule::parse(path, text).unwrap();
            assert!(rule.regex.get().is_some(), "{path}");
            assert!(
                !rule.unicode,
                "{path} needs Unicode: a larger, slower automaton"
            );
        }
    }

    #[test]
    fn every_language_file_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/language");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "toml")
            })
            .map(|e| {
                format!(
                    "rules/language/{}",
                    e.unwrap().file_name().to_string_lossy()
                )
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = BUILTIN_FILES.iter().map(|(p, _)| (*p).to_owned()).collect();
        assert_eq!(on_disk, embedded);
    }

    #[test]
    fn a_bad_pattern_points_at_its_line_and_column() {
        let text = "name = \"x\"\nseverity = \"error\"\nsummary = \"s\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nmessage = \"m\"\nhelp = \"h\"\npatterns = [\"ok\", \"(unclosed\"]\n";
        let err = PhraseRule::parse("team.toml", text).unwrap_err();
        assert_eq!((err.line, err.column), (9, 20), "{err}");
        assert!(err.message.starts_with("invalid pattern"), "{err}");
    }

    #[test]
    fn the_core_of_an_action() {
        let core = |t: &str| t[action_core(t)].to_owned();
        assert_eq!(
            core("2) Better alerting on CPU load   [detect]"),
            "Better alerting on CPU load"
        );
        assert_eq!(
            core("Improve monitoring. It was slow"),
            "Improve monitoring"
        );
        assert_eq!(
            core("Improve monitoring (in progress) @lee"),
            "Improve monitoring"
        );
        assert_eq!(
            core("2) Better alerting `@dma` [detect]"),
            "Better alerting"
        );
    }

    #[test]
    fn an_empty_pattern_is_refused_at_its_place() {
        for pattern in ["", "a*", "(x|)"] {
            let text = format!(
                "name = \"x\"\nseverity = \"error\"\nsummary = \"s\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nmessage = \"m\"\nhelp = \"h\"\npatterns = [\"ok\", \"{pattern}\"]\n"
            );
            let err = PhraseRule::parse("r.toml", &text).unwrap_err();
            assert_eq!((err.line, err.column), (9, 20), "{pattern}: {err}");
            assert!(err.message.contains("empty string"), "{err}");
        }
    }

    #[test]
    fn a_huge_pattern_is_refused() {
        let text = "name = \"x\"\nseverity = \"error\"\nsummary = \"s\"\nwhy = \"w\"\nbad = \"b\"\ngood = \"g\"\nmessage = \"m\"\nhelp = \"h\"\npatterns = [\"\\\\w{1000}{1000}\"]\n";
        let err = PhraseRule::parse("team.toml", text).unwrap_err();
        assert!(err.message.contains("invalid pattern"), "{err}");
    }
}
