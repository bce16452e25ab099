//! The command line: clap definitions and the verbs. The only code that writes to stdout and
//! stderr, and the only code that decides the exit code: 0 clean, 1 errors found, 2 the run
//! itself failed.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand, ValueEnum};
use postmortem_lint::check::{self, FileReport};
use postmortem_lint::config::{self, LocatedError, Settings};
use postmortem_lint::document::Date;
use postmortem_lint::render::{self, Format, RenderOptions};
use postmortem_lint::{docs, files, rules, skeleton};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "postmortem-lint",
    version,
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
    /// Folders are walked for *.md files; README.md, index.md, files whose name contains
    /// "template", hidden folders and git-ignored paths are skipped unless named explicitly.
    /// Exit code: 0 no errors (warnings allowed), 1 errors found, 2 the run itself failed.
    Check(CheckArgs),
    /// List every rule: name, default severity, summary.
    Rules,
    /// Show a rule's documentation: why it exists, a bad and a good example.
    Explain {
        /// The rule's name, e.g. missing-trigger.
        rule: String,
    },
    /// Print the effective settings for a path, and where each came from.
    Config {
        /// The file or folder whose settings to show [default: the current folder].
        path: Option<PathBuf>,
        /// Use this config file instead of discovering one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
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
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders to check [default: the current folder].
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,
    /// The date date rules count as today, for reproducible runs (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    as_of: Option<Date>,
    /// Use this config file for every path instead of discovering .postmortem-lint.toml or
    /// postmortem-lint.toml from each path up to the repository root.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Never colour the output (colour is used only on a terminal, and never when NO_COLOR is set).
    #[arg(long)]
    no_color: bool,
    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// Check this many files at once [default: one per CPU core].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Annotated source snippets (rustc style).
    Human,
    /// One line per diagnostic: path:line:col: severity[rule] message.
    Concise,
    /// The JSON report (version 1).
    Json,
}

fn parse_as_of(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("`{text}` is not a date in the form YYYY-MM-DD"))
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
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
        Command::Check(args) => run_check(args),
        Command::Rules => emit(&docs::rules_listing()).map(|()| ExitCode::SUCCESS),
        Command::Explain { rule } => explain(&rule),
        Command::Config { path, config } => show_config(path, config),
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
            eprintln!("postmortem-lint failed\n  cause: {e}");
            ExitCode::from(2)
        }
    }
}

fn emit(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

fn explain(name: &str) -> io::Result<ExitCode> {
    match rules::find(name) {
        Some(rule) => emit(&docs::explain(rule)).map(|()| ExitCode::SUCCESS),
        None => {
            let similar = rules::similar_names(name);
            let hint = match similar.as_slice() {
                [] => "`postmortem-lint rules` lists them".to_owned(),
                names => format!("did you mean `{}`?", names.join("`, `")),
            };
            eprintln!("postmortem-lint: no rule named `{name}`; {hint}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The settings for a path: `--config` when given, else the discovered file, else defaults.
fn settings_for(
    path: &Path,
    explicit: Option<&Path>,
    as_of: Date,
) -> Result<Settings, LocatedError> {
    match explicit
        .map(Path::to_path_buf)
        .or_else(|| config::discover(path))
    {
        Some(file) => Settings::load(&file, as_of),
        None => Ok(Settings::defaults(as_of)),
    }
}

fn config_error(e: &LocatedError) -> ExitCode {
    eprintln!("postmortem-lint: error: {e}");
    ExitCode::from(2)
}

fn run_check(args: CheckArgs) -> io::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let as_of = args.as_of.unwrap_or_else(Date::today);
    let resolver = match config::Resolver::new(args.config.as_deref(), as_of) {
        Ok(r) => std::cell::RefCell::new(r),
        Err(e) => return Ok(config_error(&e)),
    };
    // Each file is governed by the config found from its own folder upward.
    let config_failure: std::cell::RefCell<Option<LocatedError>> = std::cell::RefCell::new(None);
    let select = |p: &Path| match resolver.borrow_mut().selects(p) {
        Ok(selected) => selected,
        Err(e) => {
            config_failure.borrow_mut().get_or_insert(e);
            false
        }
    };
    let collected = files::collect(&paths, &select);
    if let Some(e) = config_failure.take() {
        return Ok(config_error(&e));
    }
    let mut resolver = resolver.into_inner();

    // One job per file, in path order; a folder that could not be walked is a job too.
    enum Job<'a> {
        File(&'a files::Target, usize),
        Unwalkable(&'a str, &'a str),
    }
    let mut jobs: Vec<(&str, Job<'_>)> = Vec::with_capacity(collected.targets.len());
    for target in &collected.targets {
        match resolver.index_for(&target.path) {
            Ok(i) => jobs.push((&target.display, Job::File(target, i))),
            Err(e) => return Ok(config_error(&e)),
        }
    }
    for (path, reason) in &collected.unwalkable {
        if reason.contains("loop") {
            if !args.quiet {
                eprintln!("postmortem-lint: warning: {path}: {reason}");
            }
        } else {
            jobs.push((path, Job::Unwalkable(path, reason)));
        }
    }
    jobs.sort_by(|a, b| a.0.cmp(b.0));
    resolver.use_prefilter(jobs.len() >= PREFILTER_FROM);

    let format = match args.format {
        FormatArg::Human => Format::Human,
        FormatArg::Concise => Format::Concise,
        FormatArg::Json => Format::Json,
    };
    let stdout = io::stdout();
    let color = !args.no_color && std::env::var_os("NO_COLOR").is_none() && stdout.is_terminal();
    let options = RenderOptions {
        color,
        quiet: args.quiet,
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("postmortem-lint failed\n  cause: cannot start worker threads: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let mut writer = render::Writer::begin(&mut out, format, options, jobs.len())?;
    // Files are checked in parallel a chunk at a time and written in order, so memory holds
    // one chunk of documents, whatever the number of files.
    let resolver = &resolver;
    for chunk in jobs.chunks(CHUNK) {
        let reports: Vec<FileReport> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(_, job)| match job {
                    Job::File(target, i) => match std::fs::read(&target.path) {
                        Ok(bytes) => check::check_bytes(&target.display, &bytes, resolver.get(*i)),
                        Err(e) => check::unreadable(&target.display, &e),
                    },
                    Job::Unwalkable(path, reason) => check::unreadable(path, reason),
                })
                .collect()
        });
        for report in &reports {
            writer.file(report)?;
        }
    }
    let totals = writer.finish()?;
    drop(out);

    for error in &collected.errors {
        eprintln!("postmortem-lint: error: {error}");
    }
    if !collected.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if totals.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Files checked in parallel before their output is written.
const CHUNK: usize = 256;

/// From this many files on, the phrase rules share a prefilter (its compilation costs about
/// as much as checking a few dozen files without it).
const PREFILTER_FROM: usize = 32;

fn show_config(path: Option<PathBuf>, explicit: Option<PathBuf>) -> io::Result<ExitCode> {
    let path = path.unwrap_or_else(|| PathBuf::from("."));
    let settings = match settings_for(&path, explicit.as_deref(), Date::today()) {
        Ok(s) => s,
        Err(e) => return Ok(config_error(&e)),
    };
    let mut text = match &settings.file {
        Some(file) => format!("# config file: {}\n", files::display_path(file)),
        None => format!(
            "# no {} found from {} up to the repository root: built-in defaults\n",
            config::FILE_NAMES.join(" or "),
            files::display_path(&path)
        ),
    };
    let width = settings
        .explained
        .iter()
        .map(|(k, v, _)| k.len() + v.len() + 3)
        .max()
        .unwrap_or(0);
    for (key, value, origin) in &settings.explained {
        let line = format!("{key} = {value}");
        text.push_str(&format!("{line:width$}  # {origin}\n"));
    }
    emit(&text).map(|()| ExitCode::SUCCESS)
}

fn new_postmortem(
    title: &str,
    dir: Option<PathBuf>,
    date: Option<Date>,
    explicit: Option<PathBuf>,
) -> io::Result<ExitCode> {
    let date = date.unwrap_or_else(Date::today);
    let settings = match settings_for(Path::new("."), explicit.as_deref(), date) {
        Ok(s) => s,
        Err(e) => return Ok(config_error(&e)),
    };
    let dir = dir.unwrap_or_else(|| settings.new_dir.clone());
    let path = dir.join(skeleton::file_name(title, date));
    let shown = files::display_path(&path);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("postmortem-lint: error: {}: {e}", files::display_path(&dir));
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
            eprintln!("postmortem-lint: error: {shown} already exists; it was not overwritten");
            Ok(ExitCode::from(2))
        }
        Err(e) => {
            eprintln!("postmortem-lint: error: {shown}: {e}");
            Ok(ExitCode::from(2))
        }
    }
}
