//! What the binary writes about itself from its clap definitions, besides `--help`: shell
//! completion scripts.

use super::{Cli, emit};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io;
use std::process::ExitCode;

const BIN: &str = "postmortem-lint";

pub(super) fn completions(shell: Shell) -> io::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
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
