//! The `claimcheck` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: the pipeline builds and drops a
/// few large vectors (sentences, claims, findings) per file, and glibc's malloc
/// hands their pages back to the kernel and faults them in again each time.
/// Measured in `benches/pipeline.rs`, which uses the same allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = claimcheck::cli::Args::parse();
    let code = claimcheck::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(code)
}
