//! argv → cli → exit code; nothing else.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
