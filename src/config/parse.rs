//! A config file's text into [`Settings`]: strict keys, values checked where they are
//! written, every error at its line and column with a "did you mean" when one is close.

use super::{ConfigFile, DateFormat, Level, Origin, Settings};
use crate::confine::Boundary;
use crate::diagnostic::Severity;
use crate::document::{Date, Template};
use crate::located::{LocatedError, closest};
use crate::rules::{PhraseRule, Rule};
use globset::{Glob, GlobSetBuilder};
use std::path::Path;

impl Settings {
    /// As [`Settings::parse`]; with a boundary, every path the config names must stay inside
    /// it, or the key is an error at its line (the target is never read or described).
    pub fn parse_within(
        display: &str,
        text: &str,
        dir: &Path,
        as_of: Date,
        boundary: Option<&Boundary>,
    ) -> Result<Settings, LocatedError> {
        Settings::parse_files(display, text, dir, as_of, &Files::Disk(boundary))
    }

    /// As [`Settings::parse_within`], the files the config names read from `files`.
    pub(super) fn parse_files(
        display: &str,
        text: &str,
        dir: &Path,
        as_of: Date,
        files: &Files<'_>,
    ) -> Result<Settings, LocatedError> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| LocatedError::from_toml(display, text, &e))?;
        let mut settings = Settings::defaults(as_of);
        let at = |span: std::ops::Range<usize>| LocatedError::at(display, text, Some(span), "");
        let origin = |span: std::ops::Range<usize>| {
            let e = at(span);
            Origin::File {
                path: display.to_owned(),
                line: e.line,
            }
        };
        // A path named by the config, confined when the config is not the user's own.
        let confined = |key: &str, name: &str, span: std::ops::Range<usize>| {
            files.resolve(dir, name).ok_or_else(|| {
                at(span)
                    .with_message(format!("`{key}` names `{name}`, which is not inside the repository"))
                    .help("a discovered config may only name files inside the repository (no absolute paths, no `..` or links out of it); name a config outside it with --config")
            })
        };
        let explain = |settings: &mut Settings, key: &str, o: Origin| {
            settings.origins.insert(key.to_owned(), o);
        };

        if let Some(template) = &file.template {
            let name = template.get_ref();
            settings.template_name = name.clone();
            settings.template = match Template::preset(name) {
                Some(t) => t.clone(),
                None if name.ends_with(".toml") => {
                    let path = confined("template", name, template.span())?;
                    let body = files.read(&path).map_err(|e| {
                        at(template.span())
                            .with_message(format!("cannot read template `{name}`: {e}"))
                    })?;
                    let shown = crate::source::display_path(&path);
                    Template::parse(&shown, &body)
                        .map_err(|e| LocatedError::from_toml(&shown, &body, &e.source))?
                }
                None => {
                    let presets: Vec<&str> = crate::document::template::PRESETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect();
                    let err =
                        at(template.span()).with_message(format!("unknown template `{name}`"));
                    return Err(match closest(name, &presets) {
                        Some(c) => err.help(format!(
                            "did you mean `{c}`? A template file must end in .toml"
                        )),
                        None => err.help(format!(
                            "presets are {}; a template file must end in .toml",
                            presets.join(", ")
                        )),
                    });
                }
            };
            explain(&mut settings, "template", origin(template.span()));
        }
        if let Some(trackers) = &file.trackers {
            let read = super::tracker_config::read(trackers.get_ref())
                .map_err(|e| at(trackers.span()).with_message(format!("[trackers]: {e}")))?;
            settings.template.trackers = std::sync::Arc::new(read);
            explain(&mut settings, "trackers", origin(trackers.span()));
        }
        if let Some(people) = &file.people {
            settings.people = people.get_ref().clone();
            explain(&mut settings, "people", origin(people.span()));
        }
        if let Some(zone) = &file.timezone {
            if jiff::tz::TimeZone::get(zone.get_ref()).is_err() {
                let known: Vec<String> =
                    jiff::tz::db().available().map(|n| n.to_string()).collect();
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                let err = at(zone.span()).with_message(format!(
                    "unknown time zone `{}`: name one of the IANA database, such as `Europe/Berlin`",
                    zone.get_ref()
                ));
                return Err(match closest(zone.get_ref(), &known) {
                    Some(c) => err.help(format!("did you mean `{c}`?")),
                    None => err,
                });
            }
            settings.timezone = Some(zone.get_ref().clone());
            explain(&mut settings, "timezone", origin(zone.span()));
        }
        if let Some(format) = &file.date_format {
            settings.day_first = *format.get_ref() == DateFormat::Dmy;
            explain(&mut settings, "date-format", origin(format.span()));
        }
        if let Some(phase) = &file.disclosure_phase {
            settings.disclosure_phase = Some(*phase.get_ref());
            explain(&mut settings, "disclosure-phase", origin(phase.span()));
        }
        // The older spelling of `[rules.stale-action-item] after-days`.
        if let Some(days) = &file.stale_after_days {
            settings.options.insert(
                ("stale-action-item".to_owned(), "after-days".to_owned()),
                i64::from(*days.get_ref()),
            );
            explain(
                &mut settings,
                "rules.stale-action-item.after-days",
                origin(days.span()),
            );
        }
        if let Some(baseline) = &file.baseline {
            settings.baseline = Some(confined("baseline", baseline.get_ref(), baseline.span())?);
            explain(&mut settings, "baseline", origin(baseline.span()));
        }
        if let Some(new_dir) = &file.new_dir {
            settings.new_dir = confined("new-dir", new_dir.get_ref(), new_dir.span())?;
            explain(&mut settings, "new-dir", origin(new_dir.span()));
        } else {
            settings.new_dir = dir.to_path_buf();
        }
        for (key, globs) in [("include", &file.include), ("exclude", &file.exclude)] {
            let Some(globs) = globs else { continue };
            let mut builder = GlobSetBuilder::new();
            for glob in globs.get_ref() {
                let compiled = Glob::new(glob).map_err(|e| {
                    at(globs.span())
                        .with_message(format!("invalid glob `{glob}` in {key}: {}", e.kind()))
                })?;
                builder.add(compiled);
            }
            let set = builder
                .build()
                .map_err(|e| at(globs.span()).with_message(format!("invalid {key} globs: {e}")))?;
            if key == "include" {
                settings.include = Some(set);
                settings.include_globs = globs.get_ref().clone();
            } else {
                settings.exclude = Some(set);
                settings.exclude_globs = globs.get_ref().clone();
            }
            explain(&mut settings, key, origin(globs.span()));
        }
        let files_named = files;
        if let Some(rule_files) = &file.rule_files {
            settings.rule_files = rule_files.get_ref().clone();
            for name in rule_files.get_ref() {
                let path = confined("rule-files", name, rule_files.span())?;
                let shown = crate::source::display_path(&path);
                let body = files_named.read(&path).map_err(|e| {
                    at(rule_files.span())
                        .with_message(format!("cannot read rule file `{name}`: {e}"))
                })?;
                let rule = std::sync::Arc::new(PhraseRule::parse(&shown, &body)?);
                let rule_name = rule.doc().name;
                if settings
                    .rules
                    .iter()
                    .any(|(r, _)| r.doc().name == rule_name)
                {
                    return Err(at(rule_files.span()).with_message(format!(
                        "rule file `{name}` defines `{rule_name}`, which already exists"
                    )));
                }
                let severity = rule.doc().severity;
                settings
                    .rules
                    .push((crate::rules::RuleRef::Team(rule), severity));
                explain(
                    &mut settings,
                    &format!("rules.{rule_name}.severity"),
                    Origin::File {
                        path: shown,
                        line: 1,
                    },
                );
            }
            settings.rules.sort_by_key(|(r, _)| r.doc().name);
        }
        for (name, rule_config) in &file.rules {
            let Some(index) = settings
                .rules
                .iter()
                .position(|(r, _)| r.doc().name == name)
            else {
                let names: Vec<&str> = settings.rules.iter().map(|(r, _)| r.doc().name).collect();
                let span = key_span(text, name).unwrap_or(rule_config.span());
                let err =
                    LocatedError::at(display, text, Some(span), format!("unknown rule `{name}`"));
                return Err(match closest(name, &names) {
                    Some(c) => err.help(format!("did you mean `{c}`?")),
                    None => err.help("`postmortem-lint rules` lists them"),
                });
            };
            let doc = settings.rules[index].0.doc();
            for (key, value) in &rule_config.get_ref().options {
                // Flattened keys keep no spans of their own: find the key in the table.
                let span = key_span_in(text, rule_config.span(), key).unwrap_or(rule_config.span());
                let Some(option) = doc.options.iter().find(|o| o.name == key) else {
                    let mut known: Vec<&str> = doc.options.iter().map(|o| o.name).collect();
                    known.push("severity");
                    let err = LocatedError::at(
                        display,
                        text,
                        Some(span),
                        format!("unknown option `{key}` for rule `{name}`"),
                    );
                    return Err(match closest(key, &known) {
                        Some(c) => err.help(format!("did you mean `{c}`?")),
                        None => err.help(format!("`{name}` takes: {}", known.join(", "))),
                    });
                };
                let Some(number) = value.as_integer().filter(|n| *n >= 0) else {
                    return Err(at(span).with_message(format!(
                        "`{key}` of `{name}` must be a whole number of at least 0"
                    )));
                };
                settings
                    .options
                    .insert((name.clone(), option.name.to_owned()), number);
                explain(&mut settings, &format!("rules.{name}.{key}"), origin(span));
            }
            let Some(severity) = &rule_config.get_ref().severity else {
                continue;
            };
            let level = severity.get_ref();
            explain(
                &mut settings,
                &format!("rules.{name}.severity"),
                origin(severity.span()),
            );
            match level {
                Level::Off => {
                    settings.rules.remove(index);
                }
                Level::Error => settings.rules[index].1 = Severity::Error,
                Level::Warning => settings.rules[index].1 = Severity::Warning,
            }
        }
        Ok(settings)
    }
}

/// Where the files a config names are read from, and which paths it may name.
pub(super) enum Files<'a> {
    /// The file system; confined to a boundary for a discovered config.
    Disk(Option<&'a Boundary>),
    /// A commit (`--config-from`): inside the repository, as the commit holds it.
    Tree(&'a super::TreeConfigs),
}

impl Files<'_> {
    fn resolve(&self, dir: &Path, name: &str) -> Option<std::path::PathBuf> {
        match self {
            Files::Disk(None) => Some(dir.join(name)),
            Files::Disk(Some(b)) => b.resolve(dir, name),
            Files::Tree(t) => t.resolve(dir, name),
        }
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self {
            Files::Disk(_) => std::fs::read_to_string(path),
            Files::Tree(t) => t.read_text(path),
        }
    }
}

/// Where `key` is written inside a table (the span of `[rules.x]`'s value).
fn key_span_in(
    text: &str,
    table: std::ops::Range<usize>,
    key: &str,
) -> Option<std::ops::Range<usize>> {
    // The table runs from its header to the next header (its span may be the header only).
    let rest = text.get(table.start..)?;
    let end = rest
        .match_indices("\n[")
        .map(|(i, _)| i)
        .find(|&i| i >= table.len())
        .unwrap_or(rest.len());
    let body = &rest[..end];
    let at = body
        .match_indices(key)
        .find(|(i, _)| {
            body[..*i].ends_with('\n') && body[*i + key.len()..].trim_start().starts_with('=')
        })?
        .0;
    Some(table.start + at..table.start + at + key.len())
}

impl LocatedError {
    fn with_message(mut self, message: String) -> LocatedError {
        self.message = message;
        self
    }
}

/// Where `[rules.NAME]` (or `NAME =` under `[rules]`) is written, for errors about NAME.
fn key_span(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    for needle in [format!("rules.{name}"), format!("rules.\"{name}\"")] {
        if let Some(i) = text.find(&needle) {
            return Some(i + needle.len() - name.len()..i + needle.len());
        }
    }
    None
}
