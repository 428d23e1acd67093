//! The command line: clap arguments and [`run`], which reads the inputs, runs the
//! pipeline over them in parallel and renders the report. `run` takes its output
//! streams as arguments so the whole CLI is testable without a process.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{Parser, ValueEnum};
use rayon::prelude::*;

use crate::check::RULES;
use crate::report::{self, FileReport, Format, RenderOptions, Report};
use crate::{Error, Source};

/// Find the numbers in news articles and check whether they add up.
///
/// Exit status: 0 when every checked claim adds up, 1 when any does not, 2 on
/// usage or input errors.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None)]
pub struct Args {
    /// Articles to check (plain text, UTF-8); `-` reads standard input.
    #[arg(value_name = "PATH", required_unless_present_any = ["list_rules", "explain"])]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// When to colour the text output (NO_COLOR in the environment means never for auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// List percentages no rule could check, for verification by hand.
    #[arg(long)]
    pub show_unchecked: bool,

    /// Also show checks that add up.
    #[arg(long)]
    pub show_consistent: bool,

    /// Print only the summary line (the exit code still tells the verdict).
    #[arg(short, long)]
    pub quiet: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Worker threads for many files (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// List the check rules and exit.
    #[arg(long)]
    pub list_rules: bool,

    /// Print the documentation of one rule and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stdout is a terminal and whether `NO_COLOR`
    /// is set to a non-empty value (<https://no-color.org>).
    #[must_use]
    pub fn enabled(self, is_terminal: bool, no_color: bool) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => is_terminal && !no_color,
        }
    }
}

/// Reads one input: a path, or standard input for `-`.
fn read_input(path: &std::path::Path, max: u64) -> Result<Source, Error> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("<stdin>", &e))?;
        if bytes.len() as u64 > max {
            return Err(Error::TooLarge {
                path: "<stdin>".to_owned(),
                size: bytes.len() as u64,
                max,
            });
        }
        return Source::from_bytes("<stdin>", bytes);
    }
    Source::read(path, Some(max))
}

/// Checks every input and collects the report, in input order.
#[must_use]
pub fn check_paths(paths: &[PathBuf], max_file_size: u64) -> Report {
    let results: Vec<Result<FileReport, Error>> = paths
        .par_iter()
        .map(|p| read_input(p, max_file_size).map(FileReport::new))
        .collect();
    let mut report = Report::default();
    for r in results {
        match r {
            Ok(f) => report.files.push(f),
            Err(e) => report.errors.push(e),
        }
    }
    report
}

/// Runs the CLI; returns the exit code. A closed stdout (`claimcheck … | head`)
/// ends the run quietly with the code the findings deserve.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "claimcheck: error writing output: {e}");
            2
        }
    }
}

fn run_inner(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    if args.list_rules {
        for r in RULES {
            writeln!(out, "{:<22} {}", r.id(), r.summary())?;
        }
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        return Ok(match crate::check::rule(id) {
            Some(r) => {
                writeln!(out, "# {}\n\n{}", r.id(), r.explain().trim_end())?;
                0
            }
            None => {
                let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
                writeln!(
                    err,
                    "claimcheck: no rule `{id}`; rules: {}",
                    ids.join(", ")
                )?;
                2
            }
        });
    }
    let report = if args.threads == 0 {
        check_paths(&args.paths, args.max_file_size)
    } else {
        match rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads)
            .build()
        {
            Ok(pool) => pool.install(|| check_paths(&args.paths, args.max_file_size)),
            Err(e) => {
                writeln!(err, "claimcheck: cannot start {} threads: {e}", args.threads)?;
                return Ok(2);
            }
        }
    };
    for e in &report.errors {
        writeln!(err, "claimcheck: {e}")?;
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let opts = RenderOptions {
        color: args.color.enabled(io::stdout().is_terminal(), no_color),
        show_unchecked: args.show_unchecked,
        show_consistent: args.show_consistent,
        quiet: args.quiet,
    };
    report::render(&report, args.format, opts, out)?;
    out.flush()?;
    Ok(report.exit_code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(argv: &[&str]) -> (u8, String, String) {
        let args = Args::try_parse_from(std::iter::once("claimcheck").chain(argv.iter().copied()))
            .expect("valid args");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn color_choice_honours_terminal_and_no_color() {
        assert!(ColorChoice::Auto.enabled(true, false));
        assert!(!ColorChoice::Auto.enabled(true, true));
        assert!(!ColorChoice::Auto.enabled(false, false));
        assert!(ColorChoice::Always.enabled(false, true));
        assert!(!ColorChoice::Never.enabled(true, false));
    }

    #[test]
    fn missing_file_is_one_line_error_and_exit_2() {
        let (code, out, err) = run_args(&["/nonexistent/claimcheck.txt"]);
        assert_eq!(code, 2);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("/nonexistent/claimcheck.txt: no such file"), "{err}");
        assert!(out.contains("checked 0 files"), "{out}");
    }

    #[test]
    fn list_rules_names_every_rule() {
        let (code, out, _) = run_args(&["--list-rules"]);
        assert_eq!(code, 0);
        for r in RULES {
            assert!(out.contains(r.id()), "{out}");
        }
    }

    #[test]
    fn explain_unknown_rule_fails() {
        let (code, _, err) = run_args(&["--explain", "no-such-rule"]);
        assert_eq!(code, 2);
        assert!(err.contains("no rule `no-such-rule`"), "{err}");
    }
}
