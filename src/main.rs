//! The `claimcheck` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than the system allocator: the pipeline builds and drops many
/// small strings and vectors per sentence and a few large ones per file, and end
/// to end runs about 20% faster with it (`benches/pipeline.rs` uses the same
/// allocator). Built without transparent huge pages (`no_thp`): with them, every
/// doubling of a huge input's claim vector zeroed fresh 2 MiB pages, and a 100 MB
/// one-sentence input took 7.4 s instead of 4.1 s. The cost: a huge input's
/// vectors still grow by copying (glibc remaps them), so its peak memory is up
/// to twice glibc's (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = claimcheck::cli::Args::parse();
    let code = claimcheck::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(code)
}
