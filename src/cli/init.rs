//! The `init` verb: finds the postmortems under a folder, picks (or builds) the template that
//! fits them, writes `.postmortem-lint.toml` (never over an existing one without `--force`),
//! optionally a baseline, and prints what it found and what changed.

use super::emit;
use postmortem_lint::baseline::Recorder;
use postmortem_lint::check;
use postmortem_lint::config::Settings;
use postmortem_lint::confine::Boundary;
use postmortem_lint::diagnostic::FileFindings;
use postmortem_lint::document::Date;
use postmortem_lint::files;
use postmortem_lint::init::{self, Doc};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct InitArgs {
    /// The repository or folder to adopt [default: the current folder].
    path: Option<PathBuf>,
    /// Replace an existing .postmortem-lint.toml (and the template and baseline it writes).
    #[arg(long)]
    force: bool,
    /// Also record today's findings as a baseline, so that only new problems fail.
    #[arg(long)]
    baseline: bool,
    /// Count the findings as if today were this date: due and stale dates are counted from
    /// it (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_as_of)]
    as_of: Option<Date>,
    /// When no preset fits: require only the sections most postmortems hold, not also those
    /// the default template requires (the trigger among them).
    #[arg(long)]
    required_from_postmortems: bool,
}

const CONFIG: &str = ".postmortem-lint.toml";
const TEMPLATE: &str = ".postmortem-lint-template.toml";
const BASELINE: &str = ".postmortem-lint-baseline.json";

fn fail(message: impl std::fmt::Display) -> io::Result<ExitCode> {
    eprintln!(
        "postmortem-lint: error: {}",
        postmortem_lint::escape::visible(&message.to_string())
    );
    Ok(ExitCode::from(2))
}

pub fn run_init(args: InitArgs) -> io::Result<ExitCode> {
    let root = args.path.unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        return fail(format!(
            "{}: not a folder",
            postmortem_lint::source::display_path(&root)
        ));
    }
    let today = args.as_of.unwrap_or_else(Date::today);
    let config_path = root.join(CONFIG);
    let written = [CONFIG, TEMPLATE, BASELINE].map(|f| root.join(f));
    if !args.force
        && let Some(existing) = written.iter().find(|p| p.exists())
    {
        return fail(format!(
            "{} already exists; it was not overwritten (use --force to replace it)",
            postmortem_lint::source::display_path(existing)
        ));
    }
    let collected = files::collect(std::slice::from_ref(&root), &|_, by_name| by_name);
    let shown =
        |p: &Path| postmortem_lint::source::display_path(p.strip_prefix(&root).unwrap_or(p));
    let mut docs = Vec::new();
    let mut unreadable = Vec::new();
    let every = collected
        .targets
        .iter()
        .map(|t| (t.path.clone(), false))
        .chain(collected.noted.iter().map(|n| (PathBuf::from(n), true)));
    for (path, extensionless) in every {
        match std::fs::read(&path).map(String::from_utf8) {
            Ok(Ok(text)) => docs.push((
                Doc {
                    path: shown(&path),
                    text,
                },
                extensionless,
            )),
            _ => unreadable.push(shown(&path)),
        }
    }
    if docs.is_empty() {
        return fail(format!(
            "no postmortem found under {}: nothing to adopt",
            postmortem_lint::source::display_path(&root)
        ));
    }
    let include: Vec<String> = if docs.iter().any(|(_, e)| *e) {
        // Only globs that select something: a glob that matches no file is warned about.
        let mut globs = Vec::new();
        if docs
            .iter()
            .any(|(d, e)| !*e && !d.path.to_lowercase().ends_with(".markdown"))
        {
            globs.push("**/*.md".to_owned());
        }
        if docs.iter().any(|(d, _)| d.path.ends_with(".markdown")) {
            globs.push("**/*.markdown".to_owned());
        }
        globs.extend(docs.iter().filter(|(_, e)| *e).map(|(d, _)| d.path.clone()));
        globs
    } else {
        Vec::new()
    };
    let docs: Vec<Doc> = docs.into_iter().map(|(d, _)| d).collect();

    let required = if args.required_from_postmortems {
        init::Required::Most
    } else {
        init::Required::SeedAndMost
    };
    let choice = init::choose(&docs, required);
    let text = init::config_text(
        &choice,
        TEMPLATE,
        &include,
        args.baseline.then_some(BASELINE),
        docs.len(),
        today,
    );
    if let Some(custom) = &choice.custom
        && let Err(e) = std::fs::write(root.join(TEMPLATE), custom)
    {
        return fail(format!(
            "{}: {e}",
            postmortem_lint::source::display_path(&root.join(TEMPLATE))
        ));
    }
    // The config is parsed as `check` will read it, before it is written.
    let boundary = Boundary::new(&root);
    let after = match Settings::parse_within(CONFIG, &text, &root, today, boundary.as_ref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let before = Settings::defaults(today);
    let check_all = |settings: &Settings| -> Vec<FileFindings> {
        docs.iter()
            .map(|d| check::check_bytes(&d.path, d.text.as_bytes(), settings))
            .collect()
    };
    let (reports_before, reports_after) = (check_all(&before), check_all(&after));
    if args.baseline {
        let mut recorder = Recorder::default();
        for report in &reports_after {
            recorder.add(report);
        }
        if let Err(e) = std::fs::write(root.join(BASELINE), recorder.finish()) {
            return fail(format!(
                "{}: {e}",
                postmortem_lint::source::display_path(&root.join(BASELINE))
            ));
        }
    }
    if let Err(e) = std::fs::write(&config_path, &text) {
        return fail(format!(
            "{}: {e}",
            postmortem_lint::source::display_path(&config_path)
        ));
    }
    emit(&summary(
        &choice,
        &docs,
        &unreadable,
        &include,
        &reports_before,
        &reports_after,
        args.baseline,
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// What `init` found and did, for the person who ran it.
fn summary(
    choice: &init::Choice,
    docs: &[Doc],
    unreadable: &[String],
    include: &[String],
    before: &[FileFindings],
    after: &[FileFindings],
    baseline: bool,
) -> String {
    let mut out = format!("found {} postmortems:\n", docs.len());
    let mut folders: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        // A page bundle (`…/2023-01-03-fritz/index.md`) counts in the folder above it.
        let mut parts: Vec<&str> = d.path.split('/').collect();
        parts.pop();
        if d.path.ends_with("/index.md") {
            parts.pop();
        }
        let folder = if parts.is_empty() {
            ".".to_owned()
        } else {
            parts.join("/")
        };
        *folders.entry(folder).or_default() += 1;
    }
    for (folder, n) in &folders {
        out.push_str(&format!("  {n:>4}  {folder}/\n"));
    }
    let extensionless: Vec<&String> = include.iter().filter(|g| !g.contains('*')).collect();
    if !extensionless.is_empty() {
        out.push_str(&format!(
            "  {} without a .md extension, included by name in the config (each has front matter or a title, and headings of a postmortem's sections):\n",
            extensionless.len()
        ));
        const SHOWN: usize = 10;
        for path in extensionless.iter().take(SHOWN) {
            out.push_str(&format!(
                "        {}\n",
                postmortem_lint::escape::visible(path)
            ));
        }
        if extensionless.len() > SHOWN {
            out.push_str(&format!(
                "        and {} more (see `include` in the config)\n",
                extensionless.len() - SHOWN
            ));
        }
    }
    for path in unreadable {
        out.push_str(&format!("  not read (not UTF-8 text): {path}\n"));
    }
    out.push_str("\ntemplate fit (required sections and metadata the postmortems hold):\n");
    for fit in &choice.fits {
        out.push_str(&format!(
            "  {:>4.0}%  {}\n",
            fit.score * 100.0,
            fit.template
        ));
    }
    match &choice.preset {
        Some(name) => out.push_str(&format!("chose the `{name}` preset\n")),
        None => {
            out.push_str(&format!(
                "no preset fits well: wrote {TEMPLATE} from the headings most postmortems share\n"
            ));
            for note in &choice.notes {
                out.push_str(&format!("  {note}\n"));
            }
        }
    }
    let count = |reports: &[FileFindings]| {
        let mut per: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in reports {
            for d in &r.diagnostics {
                *per.entry(d.rule).or_default() += 1;
            }
        }
        per
    };
    let (b, a) = (count(before), count(after));
    let mut rules: Vec<&&str> = b.keys().chain(a.keys()).collect();
    rules.sort();
    rules.dedup();
    out.push_str("\nfindings per rule, with the built-in defaults → with this config:\n");
    let width = rules.iter().map(|r| r.len()).max().unwrap_or(0);
    for rule in rules {
        out.push_str(&format!(
            "  {rule:<width$}  {:>5} → {}\n",
            b.get(*rule).copied().unwrap_or(0),
            a.get(*rule).copied().unwrap_or(0)
        ));
    }
    let total = |m: &BTreeMap<&str, usize>| m.values().sum::<usize>();
    out.push_str(&format!(
        "  {:<width$}  {:>5} → {}\n",
        "total",
        total(&b),
        total(&a)
    ));
    out.push_str(&format!("\nwrote {CONFIG}"));
    if choice.custom.is_some() {
        out.push_str(&format!(", {TEMPLATE}"));
    }
    if baseline {
        out.push_str(&format!(
            " and {BASELINE} ({} findings recorded: only new ones fail)",
            total(&a)
        ));
    }
    out.push('\n');
    out
}
