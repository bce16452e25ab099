//! What the binary writes about itself from its clap definitions, besides `--help`: shell
//! completion scripts and man pages (one for the tool, one per verb).

use super::{Cli, emit};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io;
use std::path::Path;
use std::process::ExitCode;

const BIN: &str = "postmortem-lint";

/// The command line as it is parsed, completed and documented: the derive's definitions, with
/// the verbs `man VERB` accepts read from the verbs themselves (so completion offers them and a
/// wrong one is refused with the list).
pub(super) fn command() -> clap::Command {
    let cli = Cli::command();
    let verbs: Vec<String> = cli
        .get_subcommands()
        .filter(|verb| !verb.is_hide_set())
        .map(|verb| verb.get_name().to_owned())
        .collect();
    cli.mut_subcommand("man", |man| {
        man.mut_arg("verb", |arg| {
            arg.value_parser(clap::builder::PossibleValuesParser::new(verbs))
        })
    })
}

pub(super) fn completions(shell: Shell) -> io::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command(), BIN, &mut out);
    let mut script = String::from_utf8_lossy(&out).into_owned();
    if shell == Shell::Bash {
        script = bash_arms_spelt_as_the_loop_spells_them(&script);
    }
    emit(&script).map(|()| ExitCode::SUCCESS)
}

/// clap_complete's bash script (4.6.12; clap-rs/clap#6421) spells a verb's state two ways when
/// the binary's name has a hyphen: the loop over the words sets
/// `cmd=postmortem__lint__subcmd__check`, but the arms that complete the verb's flags read
/// `postmortem__subcmd__lint__subcmd__check)`, so nothing after a verb completed. The arms are
/// respelt as the loop spells them; once clap_complete spells them alike there is nothing to
/// respell.
fn bash_arms_spelt_as_the_loop_spells_them(script: &str) -> String {
    let wrong = BIN.replace('-', "__subcmd__");
    let right = BIN.replace('-', "__");
    let mut fixed = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        let arm = line.trim();
        if arm.starts_with(&wrong) && arm.ends_with(')') {
            fixed.push_str(&line.replacen(&wrong, &right, 1));
        } else {
            fixed.push_str(line);
        }
    }
    fixed
}

/// `man [VERB] [--out-dir DIR]`: prints the page of the tool or of VERB; with DIR, writes it
/// there as NAME.1, or every page when no VERB is named, and prints the paths written.
pub(super) fn man(verb: Option<&str>, out_dir: Option<&Path>) -> io::Result<ExitCode> {
    // The pages document the verbs; `help` is not one.
    let mut top = command().disable_help_subcommand(true);
    top.build();
    let pages: Vec<clap::Command> = match (verb, out_dir) {
        (Some(verb), _) => match top.find_subcommand(verb) {
            Some(page) => vec![page.clone()],
            None => {
                eprintln!(
                    "postmortem-lint: error: no verb named `{}`",
                    postmortem_lint::escape::visible(verb)
                );
                return Ok(ExitCode::from(2));
            }
        },
        (None, Some(_)) => std::iter::once(top.clone())
            .chain(top.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
            .collect(),
        (None, None) => vec![top],
    };
    let mut written = String::new();
    for page in pages {
        let man = clap_mangen::Man::new(page).source(format!("{BIN} {}", super::version()));
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        let Some(dir) = out_dir else {
            return emit(&String::from_utf8_lossy(&roff)).map(|()| ExitCode::SUCCESS);
        };
        let path = dir.join(man.get_filename());
        std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, &roff))
            .map_err(|e| {
                let shown = postmortem_lint::source::display_path(&path);
                io::Error::new(e.kind(), format!("{shown}: {e}"))
            })?;
        written.push_str(&postmortem_lint::source::display_path(&path));
        written.push('\n');
    }
    emit(&written).map(|()| ExitCode::SUCCESS)
}
