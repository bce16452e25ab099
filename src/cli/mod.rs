//! The command line: clap definitions and the verbs. The only code that writes to stdout and
//! stderr, and the only code that decides the exit code: 0 clean, 1 errors found, 2 the run
//! itself failed.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod fix;
mod init;
mod manual;
mod output;
mod report;
mod settings;
mod tracker;

use clap::{FromArgMatches, Parser, Subcommand};
use postmortem_lint::config::{self, Settings};
use postmortem_lint::document::Date;
use postmortem_lint::located::LocatedError;
use postmortem_lint::{docs, rules, skeleton};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The version, with the build id that the GitHub Action derives from its own source and
/// compares before it runs a cached binary (`dev` when built without one).
fn version() -> &'static str {
    static TEXT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let id = option_env!("POSTMORTEM_LINT_BUILD_ID").unwrap_or("dev");
        format!("{} (build {id})", env!("CARGO_PKG_VERSION"))
    });
    &TEXT
}

#[derive(Parser)]
#[command(
    name = "postmortem-lint",
    version = version(),
    about = "Lint blameless incident postmortems kept as Markdown",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint postmortem files and folders.
    ///
    /// Folders are walked for *.md files (and what the config's `include` globs name); README.md,
    /// list pages (_index.md, an index.md beside other postmortems), templates (a name ending in
    /// "template"), hidden folders and git-ignored paths are skipped unless named explicitly.
    /// Exit code: 0 no errors (warnings allowed), 1 errors found, 2 the run itself failed.
    Check(CheckArgs),
    /// Report whether action items get done, from git history or the documents alone.
    ///
    /// Completion at 30/60/90 days by month, items abandoned or closed with a reason, type
    /// balance, postmortems per month, and a quarterly review; renames are followed.
    Report(report::ReportArgs),
    /// Adopt a repository: write a config that fits the postmortems it holds.
    ///
    /// Finds its postmortems, picks the template preset that fits them (or builds one from the
    /// headings they share), and writes .postmortem-lint.toml with a comment on each choice;
    /// `--baseline` also records today's findings.
    Init(init::InitArgs),
    /// Show a rule's documentation: why it exists, a bad and a good example.
    Explain {
        /// The rule's name, e.g. missing-trigger.
        rule: String,
    },
    /// List every rule with its default severity and summary.
    ///
    /// The team's own rule files, named by the config found here, are included.
    Rules,
    /// Print the effective settings for a path, and where each came from.
    Config {
        /// The file or folder whose settings to show [default: the current folder].
        path: Option<PathBuf>,
        /// Use this config file instead of discovering one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Print the JSON Schema of the config file instead (for editors: taplo, Even Better
        /// TOML), e.g. `postmortem-lint config --schema > postmortem-lint.schema.json`.
        #[arg(long, conflicts_with_all = ["path", "config"])]
        schema: bool,
    },
    /// Record today's findings, so that `check --baseline FILE` reports only new ones.
    ///
    /// For adopting the tool in a repository full of older postmortems.
    Baseline {
        #[command(flatten)]
        check: CheckArgs,
        /// Where to write the baseline.
        #[arg(
            long = "file",
            short = 'f',
            value_name = "FILE",
            default_value = ".postmortem-lint-baseline.json"
        )]
        baseline_file: PathBuf,
    },
    /// Write a new postmortem from the configured template; never overwrites a file.
    New {
        /// The incident's title, e.g. "Checkout latency after the pool change".
        title: String,
        /// The folder to write in [default: the config's new-dir, else the current folder].
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The incident date in the file name and metadata [default: today].
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
        date: Option<Date>,
        /// Use this config file instead of discovering one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Run the language server for editors (LSP over stdin and stdout).
    ///
    /// Findings as you type, the rule's explanation on hover, and fixes as code actions.
    Server {
        /// A config file for every document, instead of the one discovered for each.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Check as if today were this date (for due and stale dates).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
        as_of: Option<Date>,
        /// Accepted for editors that pass it: stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print a shell completion script.
    ///
    /// For example `postmortem-lint completions bash >
    /// ~/.local/share/bash-completion/completions/postmortem-lint`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of the tool or of one verb, or write them all to a folder.
    ///
    /// `postmortem-lint man` prints postmortem-lint(1), `postmortem-lint man check`
    /// postmortem-lint-check(1); `--out-dir DIR` writes every page as DIR/NAME.1 (or only
    /// VERB's), e.g. `postmortem-lint man --out-dir ~/.local/share/man/man1`.
    Man {
        /// The verb whose page to print, e.g. `check` [default: the tool's page].
        #[arg(value_name = "VERB")]
        verb: Option<String>,
        /// Write the pages to this folder as NAME.1 and print their paths, instead of
        /// printing one page: every page, or only VERB's when one is named.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders to check [default: the current folder].
    paths: Vec<PathBuf>,
    /// Output format on stdout (`--output-format` as in ruff); without it, the environment's
    /// POSTMORTEM_LINT_OUTPUT_FORMAT when set and not empty [default: human].
    #[arg(long, visible_alias = "output-format", value_enum)]
    format: Option<postmortem_lint::render::Format>,
    /// Also write a report in FORMAT to FILE (repeatable), e.g. `--output sarif=results.sarif`.
    /// With --format github and GITHUB_STEP_SUMMARY set, a Markdown job summary listing every
    /// finding is appended there too.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_output)]
    output: Vec<(postmortem_lint::render::Format, PathBuf)>,
    /// Check as if today were this date, for reproducible runs: due and stale dates are
    /// counted from it (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
    /// Use this config file for every path instead of discovering .postmortem-lint.toml or
    /// postmortem-lint.toml from each path up to the repository root.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore all configuration files: the built-in defaults and the command line only (as
    /// ruff's --isolated).
    #[arg(long, conflicts_with_all = ["config", "config_from"])]
    isolated: bool,
    /// Never colour the output (as `--color never`).
    #[arg(long)]
    no_color: bool,
    /// When to colour the output: `auto` on a terminal unless NO_COLOR is set (CLICOLOR_FORCE
    /// forces it, as in CI logs), `always`, or `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Check this many files at once [default: one per CPU core].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Check exactly what is staged: the blobs in the index, not the working tree (for a
    /// pre-commit hook). Deleted files are skipped.
    #[arg(long, conflicts_with = "diff_base")]
    staged: bool,
    /// Check only the Markdown files that differ between the merge base of REF and HEAD, and
    /// the working tree (added, modified, renamed; not deleted). A config file that differs is
    /// named in a warning that says what the change does (rules turned off or lowered, paths
    /// excluded), and with --format github in an annotation and the job summary.
    #[arg(long, value_name = "REF")]
    diff_base: Option<String>,
    /// Read every config (the config files found from each path up to the repository root, and
    /// the template and rule files they name) from the commit REF instead of the working
    /// tree, e.g. the pull request's base: a config the change added or edited governs
    /// nothing.
    #[arg(long, value_name = "REF", conflicts_with = "config")]
    config_from: Option<String>,
    /// With --diff-base: report line-level findings only on added or modified lines; findings
    /// about the whole document (a missing section, a missing trigger) are always reported.
    #[arg(long)]
    changed_lines_only: bool,
    /// Report only findings that are not in this baseline file (see `postmortem-lint baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Apply the safe fixes the findings carry to the files on disk (removing a suppression
    /// that silences nothing, for one), then report what is left.
    #[arg(long, conflicts_with = "staged")]
    fix: bool,
    /// With --fix or --diff: also apply the fixes that change what a document says (a
    /// misspelt status, type or rule name replaced by the one it most likely meant).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print, as a unified diff, what --fix would change, and write nothing; exit 1 when
    /// there is something to fix.
    #[arg(long, conflicts_with = "staged")]
    diff: bool,
    /// The name the buffer on standard input is shown and configured by (with `-` as the path,
    /// or no path), e.g. `docs/postmortems/2026-01-05-db.md`.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Run only these rules (comma-separated or repeated), whatever the configs turn on; `ALL`
    /// is every rule.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Run these rules too, besides those the configs run (one a config turned off, say).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Exit 0 even when errors are found (2 still means the run itself failed).
    #[arg(long)]
    exit_zero: bool,
    /// The lowest severity that fails the run (exit 1): `error` (the default) or `warning`.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Print how many findings each rule has, most first, instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Do not read the names of the last 5,000 commits' authors (mapped by .mailmap) from the
    /// repository's history; blamed-person uses them as people's names.
    #[arg(long)]
    no_history: bool,
}

/// `check --color`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `check --fail-on`: the lowest severity that makes the run fail.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
}

/// `--output FORMAT=FILE`.
fn parse_output(text: &str) -> Result<(postmortem_lint::render::Format, PathBuf), String> {
    let (format, file) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not FORMAT=FILE (e.g. sarif=results.sarif)"))?;
    let format = postmortem_lint::render::Format::parse(format).ok_or_else(|| {
        format!(
            "`{format}` is not a format: {}",
            postmortem_lint::render::Format::names().join(", ")
        )
    })?;
    if file.is_empty() {
        return Err(format!("`{text}` names no file"));
    }
    Ok((format, PathBuf::from(file)))
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

pub fn main() -> ExitCode {
    let parsed = manual::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run_check(args),
        Command::Init(args) => init::run_init(args),
        Command::Completions { shell } => manual::completions(shell),
        Command::Man { verb, out_dir } => manual::man(verb.as_deref(), out_dir.as_deref()),
        Command::Baseline {
            check: args,
            baseline_file,
        } => check::run_baseline(args, &baseline_file),
        Command::Rules => match team_rules() {
            Ok(rules) => emit(&docs::rules_listing(&rules)).map(|()| ExitCode::SUCCESS),
            Err(e) => Ok(config_error(&e)),
        },
        Command::Explain { rule } => explain(&rule),
        Command::Server { config, as_of, .. } => {
            match postmortem_lint::server::serve_stdio(config, as_of) {
                Ok(postmortem_lint::server::Ending::Shutdown) => Ok(ExitCode::SUCCESS),
                Ok(postmortem_lint::server::Ending::ExitWithoutShutdown) => Ok(ExitCode::from(1)),
                Err(e) => {
                    eprintln!(
                        "error: {}",
                        postmortem_lint::escape::visible(&e.to_string())
                    );
                    Ok(ExitCode::from(2))
                }
            }
        }
        Command::Config { schema: true, .. } => {
            emit(&config::schema::text()).map(|()| ExitCode::SUCCESS)
        }
        Command::Config { path, config, .. } => settings::show_config(path, config),
        Command::Report(args) => report::run_report(args),
        Command::New {
            title,
            dir,
            date,
            config,
        } => new_postmortem(&title, dir, date, config),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "postmortem-lint failed\n  cause: {}",
                postmortem_lint::escape::visible(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

fn emit(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Every rule: the built-in ones, and the team's own from the config discovered here.
fn team_rules() -> Result<Vec<&'static rules::RuleDoc>, LocatedError> {
    let settings = settings_for(Path::new("."), None, None)?;
    let mut docs: Vec<&'static rules::RuleDoc> =
        rules::registry().iter().map(|r| r.doc()).collect();
    for (rule, _) in &settings.rules {
        if !docs.iter().any(|d| d.name == rule.doc().name) {
            docs.push(rule.doc());
        }
    }
    docs.sort_by_key(|d| d.name);
    Ok(docs)
}

fn explain(name: &str) -> io::Result<ExitCode> {
    let rules = match team_rules() {
        Ok(rules) => rules,
        Err(e) => return Ok(config_error(&e)),
    };
    match rules.iter().find(|d| d.name == name) {
        Some(rule) => emit(&docs::explain(rule)).map(|()| ExitCode::SUCCESS),
        None => {
            let similar = rules::similar_names(name);
            let hint = match similar.as_slice() {
                [] => "`postmortem-lint rules` lists them".to_owned(),
                names => format!("did you mean `{}`?", names.join("`, `")),
            };
            eprintln!(
                "postmortem-lint: no rule named `{}`; {hint}",
                postmortem_lint::escape::visible(name)
            );
            Ok(ExitCode::from(2))
        }
    }
}

/// The settings for a path: `--config` when given, else the discovered file, else defaults.
/// `as_of` is --as-of: without it, today is today in the config's zone, else here.
fn settings_for(
    path: &Path,
    explicit: Option<&Path>,
    as_of: Option<Date>,
) -> Result<Settings, LocatedError> {
    let day = as_of.unwrap_or_else(Date::today);
    let settings = match (explicit, config::discover(path)) {
        (Some(file), _) => Settings::load(file, day),
        (None, Some(file)) => Settings::load_discovered(&file, day),
        (None, None) => Ok(Settings::defaults(day)),
    }?;
    Ok(if as_of.is_none() {
        settings.dated_by_zone()
    } else {
        settings
    })
}

/// A config error: its Display shows every value it quotes visibly ([`LocatedError`]),
/// keeping only its own line break before the help.
fn config_error(e: &LocatedError) -> ExitCode {
    eprintln!("postmortem-lint: error: {e}");
    ExitCode::from(2)
}

fn new_postmortem(
    title: &str,
    dir: Option<PathBuf>,
    date: Option<Date>,
    explicit: Option<PathBuf>,
) -> io::Result<ExitCode> {
    let settings = match settings_for(Path::new("."), explicit.as_deref(), date) {
        Ok(s) => s,
        Err(e) => return Ok(config_error(&e)),
    };
    let date = settings.as_of;
    let dir = dir.unwrap_or_else(|| settings.new_dir.clone());
    let path = dir.join(skeleton::file_name(title, date));
    let shown = postmortem_lint::source::display_path(&path);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "postmortem-lint: error: {}",
            postmortem_lint::escape::visible(&format!(
                "{}: {e}",
                postmortem_lint::source::display_path(&dir)
            ))
        );
        return Ok(ExitCode::from(2));
    }
    let text = skeleton::render(&settings.template, title, date);
    // `create_new` refuses to replace a file that already exists, atomically.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {
            println!("{shown}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            eprintln!(
                "postmortem-lint: error: {} already exists; it was not overwritten",
                postmortem_lint::escape::visible(&shown)
            );
            Ok(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!(
                "postmortem-lint: error: {}",
                postmortem_lint::escape::visible(&format!("{shown}: {e}"))
            );
            Ok(ExitCode::from(2))
        }
    }
}
