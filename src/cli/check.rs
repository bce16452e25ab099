//! The `check` and `baseline` verbs: which files (walked, from git, staged, changed since a
//! base), in parallel a chunk at a time, filtered by changed lines and a baseline, rendered in
//! path order.

use super::output::Report;
use super::{CheckArgs, config_error, emit};
use postmortem_lint::baseline::{self, Baseline};
use postmortem_lint::diagnostic::Applicability;
use postmortem_lint::escape::visible;
use postmortem_lint::render::{self, Format, RenderOptions, github};
use postmortem_lint::rules;
use postmortem_lint::run::{self, Content, Plan, Request, RunError};
use std::collections::HashSet;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the command line asks of a run.
fn request(args: &CheckArgs) -> Request {
    Request {
        paths: args.paths.clone(),
        config: args.config.clone(),
        as_of: args.as_of,
        staged: args.staged,
        diff_base: args.diff_base.clone(),
        changed_lines_only: args.changed_lines_only,
        no_history: args.no_history,
        config_from: args.config_from.clone(),
        stdin: None,
        isolated: args.isolated,
    }
}

/// Whether a path named on the command line is standard input: `-`, or a name the system
/// gives it (`/dev/stdin` is a link to a pipe, which would otherwise be refused as a link out
/// of the repository). Each is checked as `-` is: named by --stdin-filename, configured from
/// the current folder.
fn is_stdin(path: &Path) -> bool {
    ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
        .iter()
        .any(|name| path.as_os_str() == *name)
}

/// What selecting the files found worth saying (`check` and `report` alike): files that look
/// like postmortems but were not selected (unless `quiet`), and warnings.
pub(super) fn tell_selection(plan: &Plan, quiet: bool) {
    if !quiet {
        for path in &plan.noted {
            eprintln!(
                "postmortem-lint: note: {}: looks like a postmortem but its name does not end in .md: not checked (add it to `include` in the config to check it)",
                visible(path)
            );
        }
    }
    for warning in &plan.warnings {
        eprintln!("postmortem-lint: warning: {}", visible(warning));
    }
}

/// The one place a run that could not start becomes its message and exit 2.
pub(super) fn failed(e: &RunError) -> ExitCode {
    match e {
        RunError::Config(e) => config_error(e),
        RunError::Git(e) => {
            eprintln!(
                "postmortem-lint: error: {}",
                postmortem_lint::escape::visible(&e.to_string())
            );
            ExitCode::from(2)
        }
    }
}

pub fn run_check(mut args: CheckArgs) -> io::Result<ExitCode> {
    let format = match args.format.map_or_else(format_from_env, Ok) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("postmortem-lint: error: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.changed_lines_only && args.diff_base.is_none() {
        eprintln!("postmortem-lint: error: --changed-lines-only needs --diff-base REF");
        return Ok(ExitCode::from(2));
    }
    if let Some(message) = output_named_twice(&args) {
        eprintln!("postmortem-lint: error: {}", visible(&message));
        return Ok(ExitCode::from(2));
    }
    if args.unsafe_fixes && !args.fix && !args.diff {
        eprintln!("postmortem-lint: error: --unsafe-fixes needs --fix or --diff");
        return Ok(ExitCode::from(2));
    }
    let mut request = request(&args);
    // `--stdin-filename` names the buffer on standard input: with no path it reads it (as
    // ruff does), beside a path of the file system it would be silently ignored.
    if args.stdin_filename.is_some() && !args.paths.iter().any(|p| is_stdin(p)) {
        if !args.paths.is_empty() {
            eprintln!(
                "postmortem-lint: error: --stdin-filename names the text read from standard input: give `-` or no path, not a file or folder"
            );
            return Ok(ExitCode::from(2));
        }
        args.paths.push(PathBuf::from("-"));
    }
    // `check -`: the buffer on standard input, named by --stdin-filename.
    if let Some(stdin) = args.paths.iter().find(|p| is_stdin(p)) {
        if args.paths.len() > 1 || args.fix || args.staged || args.diff_base.is_some() {
            eprintln!(
                "postmortem-lint: error: `{}` (standard input) is checked alone, without --fix, --staged or --diff-base",
                visible(&stdin.to_string_lossy())
            );
            return Ok(ExitCode::from(2));
        }
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)?;
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        request.paths.clear();
        request.stdin = Some((name, bytes));
    }
    let mut plan = match run::plan(&request) {
        Ok(plan) => plan,
        Err(e) => return Ok(failed(&e)),
    };
    if let Err(message) =
        plan.resolver
            .choose_rules(&args.select, &args.extend_select, &args.ignore)
    {
        eprintln!("postmortem-lint: error: {}", visible(&message));
        return Ok(ExitCode::from(2));
    }
    if args.fix || args.diff {
        plan.fix = Some(if args.unsafe_fixes {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        });
    }
    if args.diff {
        return super::fix::print_diff(&args, &plan);
    }
    if let Some(message) = output_is_input(&args, &plan) {
        eprintln!("postmortem-lint: error: {}", visible(&message));
        return Ok(ExitCode::from(2));
    }
    // `--baseline`, else the config's `baseline` (as `init --baseline` writes it).
    let baseline_file = args.baseline.clone().or_else(|| {
        plan.jobs
            .first()
            .and_then(|j| plan.resolver.get(j.settings).baseline.clone())
    });
    // The config's baseline is read where the config was (a commit, with --config-from): a
    // pull request could otherwise record its own findings in it.
    let read_baseline = |path: &Path| match args.baseline {
        Some(_) => std::fs::read_to_string(path),
        None => plan.resolver.read_named(path),
    };
    let mut baseline = match &baseline_file {
        Some(path) => match read_baseline(path) {
            Ok(text) => {
                match Baseline::parse(&postmortem_lint::source::display_path(path), &text) {
                    Ok(b) => Some(b),
                    Err(e) => return Ok(config_error(&e)),
                }
            }
            Err(e) => {
                eprintln!(
                    "postmortem-lint: error: {}: {}",
                    visible(&postmortem_lint::source::display_path(path)),
                    visible(&e.to_string())
                );
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let stdout = io::stdout();
    let color = match (args.no_color, args.color) {
        (true, _) | (_, super::ColorChoice::Never) => false,
        (_, super::ColorChoice::Always) => true,
        // `CLICOLOR_FORCE=0` does not force colour (the CLICOLOR convention), though
        // anstream takes any value but an empty one as forcing it.
        (_, super::ColorChoice::Auto)
            if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v == "0") =>
        {
            let unset = |name: &str| std::env::var_os(name).is_none_or(|v| v.is_empty());
            io::IsTerminal::is_terminal(&stdout)
                && unset("NO_COLOR")
                && std::env::var_os("CLICOLOR").is_none_or(|v| v != "0")
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
        (_, super::ColorChoice::Auto) => !matches!(
            anstream::AutoStream::choice(&stdout),
            anstream::ColorChoice::Never
        ),
    };
    let options = RenderOptions {
        color,
        quiet: args.quiet,
    };
    let rules: Vec<&'static rules::RuleDoc> = plan.resolver.rule_docs();
    let mut files_out = Vec::with_capacity(args.output.len());
    for (format, path) in &args.output {
        match Report::open(path) {
            Ok(file) => files_out.push((*format, path, io::BufWriter::new(file))),
            Err(e) => {
                eprintln!(
                    "postmortem-lint: error: {}: {}",
                    visible(&postmortem_lint::source::display_path(path)),
                    visible(&e.to_string())
                );
                return Ok(ExitCode::from(2));
            }
        }
    }
    // Into a file or a pipe, large writes (a 10,000-file report is megabytes: 64 KiB a write
    // system call instead of 8); a terminal keeps the default, so findings show as they come.
    let capacity = if stdout.is_terminal() {
        8 << 10
    } else {
        64 << 10
    };
    let mut out = io::BufWriter::with_capacity(capacity, stdout.lock());
    // A config the diff changed: an annotation on it before the findings.
    if format == Format::Github {
        let reference = args.diff_base.as_deref().unwrap_or_default();
        for change in &plan.config_changes {
            writeln!(
                out,
                "::warning file={},title={}::{}",
                github::escape_property(&change.path),
                github::escape_property("postmortem-lint config changed"),
                github::escape_data(&change.sentence(reference))
            )?;
        }
    }
    // With --statistics, the findings are counted, not printed.
    let mut unprinted = io::sink();
    let shown: &mut dyn Write = if args.statistics {
        &mut unprinted
    } else {
        &mut out
    };
    let mut per_rule: std::collections::BTreeMap<String, (usize, &'static str)> =
        std::collections::BTreeMap::new();
    let mut writers = vec![render::Writer::begin(
        shown,
        format,
        options,
        plan.jobs.len(),
        rules.clone(),
    )?];
    for (format, _, file) in &mut files_out {
        let quiet = RenderOptions {
            color: false,
            quiet: false,
        };
        writers.push(render::Writer::begin(
            file,
            *format,
            quiet,
            plan.jobs.len(),
            rules.clone(),
        )?);
    }
    // GitHub shows ten annotations of each level per step: the job summary lists them all.
    let summary_file = (format == Format::Github)
        .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
        .flatten()
        .filter(|p| !p.is_empty());
    let mut summary = github::Summary::default();
    for change in &plan.config_changes {
        summary.config_changed(&change.path, &change.changes);
    }
    let mut baselined = 0;
    let mut fixes = super::fix::Fixes::default();
    run::run(&plan, args.threads, |report| {
        let (mixed, withheld) = match report.fixed.take() {
            Some(fixed) => {
                let titles: Vec<String> = fixed.withheld.iter().map(|(t, _)| t.clone()).collect();
                (fixes.write(report, *fixed), titles)
            }
            None => (false, Vec::new()),
        };
        if !mixed {
            fixes.count_fixable(report, &withheld);
        }
        if let Some(b) = baseline.as_mut() {
            baselined += b.apply(report);
        }
        if summary_file.is_some() {
            summary.add(report);
        }
        for d in report.diagnostics.iter().filter(|_| args.statistics) {
            let entry = per_rule
                .entry(d.rule.to_owned())
                .or_insert((0, d.severity.as_str()));
            entry.0 += 1;
        }
        for writer in &mut writers {
            writer.file(report)?;
        }
        Ok(())
    })?;
    let mut totals = None;
    for writer in writers {
        totals.get_or_insert(writer.finish()?);
    }
    let totals = totals.unwrap_or_default();
    if args.statistics {
        let mut counts: Vec<(&String, &(usize, &str))> = per_rule.iter().collect();
        counts.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
        if format == Format::Json {
            // As ruff's `--statistics --output-format json`: one object per rule.
            let rows: Vec<serde_json::Value> = counts
                .iter()
                .map(|(rule, (n, severity))| {
                    serde_json::json!({"rule": rule, "count": n, "severity": severity})
                })
                .collect();
            writeln!(out, "{}", serde_json::Value::Array(rows))?;
        } else {
            for (rule, (n, severity)) in counts {
                writeln!(out, "{n:>6}  {rule:<32} {severity}")?;
            }
        }
    }
    out.flush()?;
    drop(out);
    for (_, path, file) in files_out {
        let kept = file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
            .and_then(|f| f.finish(path));
        if let Err(e) = kept {
            eprintln!(
                "postmortem-lint: error: {}: {}",
                visible(&postmortem_lint::source::display_path(path)),
                visible(&e.to_string())
            );
            return Ok(ExitCode::from(2));
        }
    }
    if let Some(path) = summary_file
        && let Err(e) = summary.append_to(Path::new(&path), plan.jobs.len())
    {
        eprintln!(
            "postmortem-lint: warning: cannot write the job summary to {}: {e}",
            visible(&path.to_string_lossy())
        );
    }
    fixes.tell(args.quiet, args.unsafe_fixes);
    if baselined > 0 && !args.quiet {
        let s = if baselined == 1 { "" } else { "s" };
        eprintln!("postmortem-lint: {baselined} finding{s} in the baseline not shown");
    }
    tell_selection(&plan, args.quiet);
    let reference = args.diff_base.as_deref().unwrap_or_default();
    for change in &plan.config_changes {
        eprintln!(
            "postmortem-lint: warning: {}: {}",
            visible(&change.path),
            visible(&change.sentence(reference))
        );
    }
    for error in &plan.path_errors {
        eprintln!("postmortem-lint: error: {}", visible(&error.to_string()));
    }
    if !plan.path_errors.is_empty() || fixes.failed {
        return Ok(ExitCode::from(2));
    }
    let failing =
        totals.errors > 0 || args.fail_on == super::FailOn::Warning && totals.warnings > 0;
    Ok(if failing && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A path as it will be once written: resolved through existing folders and links.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (folder.canonicalize(), path.file_name()) {
        (Ok(real), Some(name)) => real.join(name),
        _ => path.to_path_buf(),
    }
}

/// Two `--output` reports naming one file: one would silently replace the other.
fn output_named_twice(args: &CheckArgs) -> Option<String> {
    let mut seen: Vec<PathBuf> = Vec::new();
    for (_, path) in &args.output {
        let real = resolved(path);
        if seen.contains(&real) {
            return Some(format!(
                "{}: named by two --output reports; give each its own file",
                postmortem_lint::source::display_path(path)
            ));
        }
        seen.push(real);
    }
    None
}

/// An `--output` report that would overwrite a file the run reads: a checked postmortem, the
/// config or the baseline.
fn output_is_input(args: &CheckArgs, plan: &Plan) -> Option<String> {
    if args.output.is_empty() {
        return None;
    }
    let mut inputs: HashSet<PathBuf> = plan
        .jobs
        .iter()
        .filter_map(|j| match &j.content {
            Content::Disk(p) | Content::Unmerged(p) => Some(resolved(p)),
            _ => None,
        })
        .collect();
    inputs.extend(
        args.config
            .iter()
            .chain(&args.baseline)
            .map(|p| resolved(p)),
    );
    inputs.extend(plan.resolver.config_files().map(resolved));
    let config_baseline = plan
        .jobs
        .first()
        .and_then(|j| plan.resolver.get(j.settings).baseline.as_deref());
    inputs.extend(config_baseline.map(resolved));
    args.output.iter().find_map(|(_, path)| {
        inputs.contains(&resolved(path)).then(|| {
            format!(
                "{}: --output would overwrite a file this run reads; write the report elsewhere",
                postmortem_lint::source::display_path(path)
            )
        })
    })
}

/// `postmortem-lint baseline`: records today's findings so that `check --baseline` shows
/// only new ones.
pub fn run_baseline(args: CheckArgs, output: &Path) -> io::Result<ExitCode> {
    let plan = match run::plan(&request(&args)) {
        Ok(plan) => plan,
        Err(e) => return Ok(failed(&e)),
    };
    let mut recorder = baseline::Recorder::default();
    run::run(&plan, args.threads, |report| {
        recorder.add(report);
        Ok(())
    })?;
    let findings = recorder.len();
    let files_checked = plan.jobs.len();
    std::fs::write(output, recorder.finish())?;
    emit(&format!(
        "wrote {findings} finding{} of {files_checked} file{} to {}\n",
        if findings == 1 { "" } else { "s" },
        if files_checked == 1 { "" } else { "s" },
        postmortem_lint::source::display_path(output)
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// The output format the environment names (POSTMORTEM_LINT_OUTPUT_FORMAT, as ruff reads
/// RUFF_OUTPUT_FORMAT): unset or empty is the default.
fn format_from_env() -> Result<Format, String> {
    const NAME: &str = "POSTMORTEM_LINT_OUTPUT_FORMAT";
    let Some(value) = std::env::var_os(NAME) else {
        return Ok(Format::Human);
    };
    let text = value.to_string_lossy();
    if text.trim().is_empty() {
        return Ok(Format::Human);
    }
    <Format as clap::ValueEnum>::from_str(text.trim(), true).map_err(|_| {
        let names: Vec<String> = <Format as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(|f| clap::ValueEnum::to_possible_value(f).map(|v| v.get_name().to_owned()))
            .collect();
        format!(
            "{NAME}=`{}` is not an output format (one of {})",
            visible(&text),
            names.join(", ")
        )
    })
}
