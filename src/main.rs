//! The `claimcheck` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = claimcheck::cli::Args::parse();
    let code = claimcheck::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(code)
}
