//! The command line: clap definitions and the verbs. The only code that writes to stdout and
//! stderr, and the only code that decides the exit code: 0 clean, 1 errors found, 2 the run
//! itself failed.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::{Parser, Subcommand, ValueEnum};
use postmortem_lint::check::{self, FileReport, Settings};
use postmortem_lint::document::{Date, Template};
use postmortem_lint::render::{self, Format, RenderOptions, Totals};
use postmortem_lint::{docs, files, rules};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
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
    /// Never colour the output (colour is used only on a terminal, and never when NO_COLOR is set).
    #[arg(long)]
    no_color: bool,
    /// Print diagnostics only: no summary line.
    #[arg(long, short)]
    quiet: bool,
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

fn run_check(args: CheckArgs) -> io::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let collected = files::collect(&paths);
    let settings = Settings {
        as_of: args.as_of.unwrap_or_else(Date::today),
        template: Template::builtin(),
    };
    let mut reports: Vec<FileReport> = collected
        .targets
        .iter()
        .map(|t| match std::fs::read(&t.path) {
            Ok(bytes) => check::check_bytes(&t.display, &bytes, &settings),
            Err(e) => check::unreadable(&t.display, &e),
        })
        .collect();
    for (path, reason) in &collected.unwalkable {
        if reason.contains("loop") {
            if !args.quiet {
                eprintln!("postmortem-lint: warning: {path}: {reason}");
            }
        } else {
            reports.push(check::unreadable(path, reason));
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));

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
    let mut out = io::BufWriter::new(stdout.lock());
    render::render(&mut out, &reports, format, options)?;
    out.flush()?;
    drop(out);

    for error in &collected.errors {
        eprintln!("postmortem-lint: error: {error}");
    }
    if !collected.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if Totals::of(&reports).errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
