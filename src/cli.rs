//! The command line: clap arguments and [`run`], which expands the inputs, finds
//! their configuration, runs the pipeline over them in parallel and renders the
//! report. `run` takes its output streams as arguments so the whole CLI is
//! testable without a process.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use crossbeam_channel as channel;

use crate::baseline::{Baseline, Matcher};
use crate::check::{RULES, Severity};
use crate::config::Config;
use crate::inputs::{self, Input};
use crate::markup::Markup;
use crate::report::{self, FileReport, Format, RenderOptions, Report, Summary};
use crate::{Error, Source};

/// Find the numbers in news articles and check whether they add up.
///
/// Exit status: 0 when every checked claim adds up, 1 when any does not, 2 on
/// usage, configuration or input errors.
#[derive(Debug, Parser)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "command-line flags are independent booleans"
)]
#[command(
    name = "claimcheck",
    version,
    about,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Args {
    /// Articles or folders to check; `-` reads standard input. Folders are walked
    /// for .txt, .md and .html files, honouring .gitignore and hidden files.
    #[arg(value_name = "PATH", required_unless_present_any = ["list_rules", "explain"])]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// When to colour the text output (`NO_COLOR` in the environment means never for auto).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Only check files of these types when walking folders (repeatable).
    #[arg(long = "type", short = 't', value_enum, value_name = "TYPE")]
    pub types: Vec<Markup>,

    /// Include (or with a leading `!`, exclude) files matching this glob when
    /// walking folders (repeatable; gitignore syntax).
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,

    /// The name (and so the type) of standard input, e.g. `draft.md`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Use this configuration file instead of discovering claimcheck.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every claimcheck.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Run only these rules (comma-separated ids), overriding the configuration.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,

    /// Do not run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Do not report findings recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in this baseline file (and exit 0 unless an
    /// input failed).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// List percentages no rule could check, for verification by hand.
    #[arg(long)]
    pub show_unchecked: bool,

    /// Also show checks that add up.
    #[arg(long)]
    pub show_consistent: bool,

    /// Print counts per rule instead of each finding.
    #[arg(long)]
    pub statistics: bool,

    /// Print only the summary line (the exit code still tells the verdict).
    #[arg(short, long)]
    pub quiet: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 512 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Worker threads for many files (0: one per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Bytes of finished reports per thread that may wait for an earlier,
    /// slower file before the threads pause (hidden: for tests and tuning).
    #[arg(long, hide = true, value_name = "BYTES", default_value_t = HELD_BYTES_PER_THREAD)]
    pub held_bytes_per_thread: usize,

    /// List the check rules and exit.
    #[arg(long)]
    pub list_rules: bool,

    /// Print the documentation of one rule and exit.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Manpage,
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

/// A loaded configuration and the folder its globs are relative to.
#[derive(Debug, Default)]
struct Loaded {
    config: Config,
    settings: crate::Settings,
    dir: PathBuf,
    exclude: Option<globset::GlobSet>,
}

impl Loaded {
    fn new(config: Config, dir: PathBuf) -> Self {
        let mut b = globset::GlobSetBuilder::new();
        for g in &config.exclude {
            // Validated when the config was parsed.
            if let Ok(g) = globset::Glob::new(g) {
                b.add(g);
            }
        }
        let exclude = b.build().ok().filter(|s| !s.is_empty());
        Self {
            settings: crate::Settings::from(&config),
            config,
            dir,
            exclude,
        }
    }

    fn excludes(&self, path: &Path) -> bool {
        let Some(set) = &self.exclude else {
            return false;
        };
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.dir).unwrap_or(path);
        set.is_match(rel) || set.is_match(path)
    }
}

/// Finds the configuration for each input folder, once per folder.
struct Configs {
    fixed: Option<Arc<Loaded>>,
    by_dir: HashMap<PathBuf, Arc<Loaded>>,
    none: Arc<Loaded>,
}

impl Configs {
    fn new(args: &Args) -> Result<Self, crate::config::ConfigError> {
        let fixed = if args.no_config {
            Some(Arc::new(Loaded::default()))
        } else if let Some(p) = &args.config {
            let dir = p
                .parent()
                .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()))
                .unwrap_or_default();
            Some(Arc::new(Loaded::new(Config::load(p)?, dir)))
        } else {
            None
        };
        Ok(Self {
            fixed,
            by_dir: HashMap::new(),
            none: Arc::new(Loaded::default()),
        })
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Loaded>, crate::config::ConfigError> {
        if let Some(f) = &self.fixed {
            return Ok(Arc::clone(f));
        }
        if let Some(l) = self.by_dir.get(dir) {
            return Ok(Arc::clone(l));
        }
        let loaded = match crate::config::discover(dir) {
            Some(p) => {
                let cdir = p.parent().map(Path::to_path_buf).unwrap_or_default();
                Arc::new(Loaded::new(Config::load(&p)?, cdir))
            }
            None => Arc::clone(&self.none),
        };
        self.by_dir.insert(dir.to_path_buf(), Arc::clone(&loaded));
        Ok(loaded)
    }
}

/// One unit of work: an input and the configuration that applies to it.
struct Job {
    input: Input,
    config: Arc<Loaded>,
}

/// Reads one input.
fn read_input(input: &Input, max: u64) -> Result<Source, Error> {
    match input {
        Input::Stdin { name, .. } => Source::read_from(name.clone(), io::stdin().lock(), max, 0),
        Input::File { path, .. } => Source::read(path, Some(max)),
    }
}

/// Runs the pipeline on one job's text and applies the rule selection and
/// severities.
fn analyse(job: &Job, source: Source, args: &Args) -> FileReport {
    let markup = match &job.input {
        Input::Stdin { ty, .. } | Input::File { ty, .. } => *ty,
    };
    let mut f = FileReport::analyze(source, markup, &job.config.settings);
    let config = &job.config.config;
    f.analysis.checks.retain(|c| {
        let cli_selects = args.select.is_empty() || args.select.iter().any(|s| s == c.rule);
        cli_selects && !args.ignore.iter().any(|s| s == c.rule) && config.selects(c.rule)
    });
    for c in &mut f.analysis.checks {
        if let Some(s) = config.severity.get(c.rule) {
            c.severity = Severity::from(*s);
        }
    }
    f
}

/// How many bytes of text a thread reads before it analyses them. Reading a
/// batch's small files one after another, rather than each just before its
/// analysis, took 2-3% off one thread and 3-6% off two over 35,620 files of
/// 2.3 KB (no change on files of 37 KB, nor with a 64 KiB budget). Likely
/// causes: the kernel's file code stays in the caches, and on two threads the
/// process's table of open files, locked by every open and close, passes
/// between the cores less often. Bounded so that what is read ahead stays
/// small: this much, plus the last file read.
const READ_AHEAD_BYTES: usize = 256 << 10;

/// The texts of the next jobs of a batch, read before their analysis.
#[derive(Default)]
struct ReadAhead {
    queue: std::collections::VecDeque<Result<Source, Error>>,
    /// Bytes of text and files read so far, which size a parallel run's
    /// batches ([`Pool::batch`]).
    read: (usize, usize),
}

impl ReadAhead {
    /// The text of `job`, the next job of its batch, `rest` being what the
    /// batch holds after it: read already, or read now together with the jobs
    /// that follow it until [`READ_AHEAD_BYTES`] are read. Only files found in
    /// a folder are read ahead (the walk yields regular files alone): a path
    /// named on the command line may be a pipe or a device, whose reading can
    /// block, and it and standard input are read only when their turn comes,
    /// as before there was reading ahead.
    fn source<'a>(
        &mut self,
        job: &Job,
        rest: impl IntoIterator<Item = &'a Pulled>,
        max: u64,
    ) -> Result<Source, Error> {
        if let Some(s) = self.queue.pop_front() {
            return s;
        }
        let size = |s: &Result<Source, Error>| s.as_ref().map_or(0, |s| s.text.len());
        let first = read_input(&job.input, max);
        let mut bytes = size(&first);
        for p in rest {
            if bytes >= READ_AHEAD_BYTES {
                break;
            }
            if let Pulled::Job(_, job) = p {
                if !matches!(
                    job.input,
                    Input::File {
                        explicit: false,
                        ..
                    }
                ) {
                    break;
                }
                let s = read_input(&job.input, max);
                bytes += size(&s);
                self.queue.push_back(s);
                self.read.1 += 1;
            }
        }
        self.read.0 += bytes;
        self.read.1 += 1;
        first
    }
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

fn unknown_rules(ids: &[String]) -> Option<String> {
    let bad: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| crate::check::rule(id).is_none())
        .collect();
    (!bad.is_empty()).then(|| {
        let known: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        format!(
            "unknown rule `{}`; rules: {}",
            bad.join("`, `"),
            known.join(", ")
        )
    })
}

fn run_inner(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    match &args.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut Args::command(), "claimcheck", out);
            return Ok(0);
        }
        Some(Command::Manpage) => {
            clap_mangen::Man::new(Args::command()).render(out)?;
            return Ok(0);
        }
        None => {}
    }
    if args.list_rules {
        for r in RULES {
            writeln!(
                out,
                "{:<22} {:<8} {}",
                r.id(),
                severity_name(r.severity()),
                r.summary()
            )?;
        }
        return Ok(0);
    }
    if let Some(id) = &args.explain {
        if let Some(r) = crate::check::rule(id) {
            writeln!(out, "# {}\n\n{}", r.id(), r.explain().trim_end())?;
            return Ok(0);
        }
        let msg = unknown_rules(std::slice::from_ref(id)).unwrap_or_default();
        writeln!(err, "claimcheck: {msg}")?;
        return Ok(2);
    }
    if let Some(msg) = unknown_rules(&args.select).or_else(|| unknown_rules(&args.ignore)) {
        writeln!(err, "claimcheck: {msg}")?;
        return Ok(2);
    }
    check_all(args, out, err)
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// One analysed file: its report, or (streaming without a baseline) its output
/// already rendered, with the counts the run's summary needs.
enum Done {
    File(Box<FileReport>),
    /// The output of one or more consecutive files (as many as `summary`
    /// counts) with the separators between them: a thread renders the files
    /// of its batch that follow one another into one buffer ([`Run`]), which
    /// the output side writes with one call.
    Rendered {
        flagged: bool,
        bytes: Vec<u8>,
        summary: Summary,
    },
}

/// How a run writes its output.
#[derive(Clone, Copy, PartialEq)]
enum Stream {
    /// Every report is kept and rendered at the end (SARIF, HTML,
    /// `--statistics`, `--write-baseline`).
    Off,
    /// One JSON Lines record per file, written as files finish.
    Jsonl,
    /// The JSON report: its opening, then each file's object as it finishes,
    /// then the errors and the summary.
    Json,
    /// The human diagnostics of each file as it finishes, a summary line at the end.
    Text(RenderOptions),
    /// GitHub workflow commands of each file as it finishes, then the errors'.
    Github,
}

impl Stream {
    fn new(args: &Args, opts: RenderOptions) -> Self {
        if args.write_baseline.is_some() {
            return Stream::Off;
        }
        match args.format {
            Format::Jsonl => Stream::Jsonl,
            Format::Json => Stream::Json,
            Format::Text if !args.statistics => Stream::Text(opts),
            Format::Github => Stream::Github,
            Format::Text | Format::Sarif | Format::Html => Stream::Off,
        }
    }

    /// What comes before the first file.
    fn head(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Stream::Json => report::json::render_head(out),
            _ => Ok(()),
        }
    }

    /// One file's output (without the separator [`Stream::separator`]).
    fn render(self, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Stream::Off => Ok(()),
            Stream::Jsonl => report::jsonl::render_file(f, out),
            Stream::Json => report::json::render_file(f, out),
            Stream::Text(opts) => report::text::render_file(f, opts, out),
            Stream::Github => report::github::render_file(f, out),
        }
    }

    /// What goes between one file's output and the next one's.
    fn separator(self) -> &'static [u8] {
        match self {
            Stream::Json => b",",
            _ => b"",
        }
    }

    /// What comes after the last file, given the run's totals and errors.
    fn tail(self, summary: &Summary, errors: &[Error], out: &mut dyn Write) -> io::Result<()> {
        match self {
            Stream::Off | Stream::Jsonl => Ok(()),
            Stream::Json => report::json::render_tail(summary.files, errors, summary, out),
            Stream::Text(_) => writeln!(out, "{}", report::text::summary_text(summary)),
            Stream::Github => report::github::render_errors(errors, out),
        }
    }
}

/// Where the output side renders a file itself (a single file, one thread, or a
/// baseline to apply first): into the sink's buffer, which goes to the output
/// whenever it passes [`FLUSH_BYTES`], so the report of a huge file is never
/// held whole.
struct Spill<'s, 'o> {
    buf: &'s mut Vec<u8>,
    out: &'s mut (dyn Write + 'o),
}

impl Write for Spill<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= FLUSH_BYTES {
            self.out.write_all(self.buf)?;
            self.buf.clear();
        }
        Ok(bytes.len())
    }

    /// The sink decides when output is flushed (see [`Sink::take`]).
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How many places in the input order a result takes: a joined run of
/// rendered files one per file, anything else one.
fn places(r: &Result<Done, Error>) -> usize {
    match r {
        Ok(Done::Rendered { summary, .. }) => summary.files,
        _ => 1,
    }
}

/// The largest file (in bytes of text) whose streamed output a worker renders
/// itself. A larger file's report goes to the output side, which renders it in
/// chunks straight to the output ([`Spill`]): its rendered output, several times
/// the size of the text, is never held whole.
const RENDER_IN_WORKER_MAX: usize = 1 << 20;

/// Turns walked inputs into jobs: finds each folder's configuration (once per
/// folder) and drops files the configuration excludes.
struct Planner {
    configs: Configs,
    /// The folder of the last file and its configuration: a walk yields a
    /// folder's files one after another, and comparing the folder's bytes costs
    /// less than hashing its path for [`Configs::for_dir`] (in a parallel run
    /// this is done under the feed's lock, once per file).
    last: Option<(PathBuf, Arc<Loaded>)>,
}

impl Planner {
    fn new(configs: Configs) -> Self {
        Self {
            configs,
            last: None,
        }
    }

    fn job(&mut self, input: Input) -> Result<Option<Job>, crate::config::ConfigError> {
        let dir = match &input {
            Input::Stdin { .. } => Path::new("."),
            Input::File { path, .. } => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| Path::new(".")),
        };
        let config = match &self.last {
            Some((last, config)) if last.as_os_str() == dir.as_os_str() => Arc::clone(config),
            _ => {
                let config = self.configs.for_dir(dir)?;
                self.last = Some((dir.to_path_buf(), Arc::clone(&config)));
                config
            }
        };
        if let Input::File {
            path,
            explicit: false,
            ..
        } = &input
            && config.excludes(path)
        {
            return Ok(None);
        }
        Ok(Some(Job { input, config }))
    }
}

/// How long streamed output may wait in the buffer while files keep finishing.
const FLUSH_EVERY: Duration = Duration::from_millis(20);
/// How many bytes of streamed output are gathered before they are written.
const FLUSH_BYTES: usize = 64 * 1024;
/// From how many bytes a run of rendered files is written as it is rather
/// than gathered in the sink's buffer first.
const WRITE_DIRECT_BYTES: usize = 16 * 1024;

/// Takes each file's outcome in input order, on the thread that owns the output:
/// streams JSON Lines or diagnostics, keeps the reports the other formats render
/// at the end, applies the baseline and reports errors.
struct Sink<'a> {
    out: &'a mut dyn Write,
    /// Streamed output not yet written: one write per batch of files rather than
    /// a system call per file.
    buf: Vec<u8>,
    flushed: Instant,
    matcher: Option<Matcher>,
    stream: Stream,
    flagged: bool,
    /// The totals of the streamed files (whose reports are not kept).
    summary: Summary,
    files: Vec<FileReport>,
    walk_errors: Vec<Error>,
    file_errors: Vec<Error>,
    progress: Option<Progress>,
}

impl Sink<'_> {
    fn walk_error(&mut self, e: Error, err: &mut dyn Write) -> io::Result<()> {
        writeln!(err, "claimcheck: {e}")?;
        self.walk_errors.push(e);
        Ok(())
    }

    /// Writes the separator before a streamed file's output unless it is the first.
    fn separate(&mut self) {
        if self.summary.files > 0 {
            self.buf.extend_from_slice(self.stream.separator());
        }
    }

    fn take(&mut self, r: Result<Done, Error>, err: &mut dyn Write) -> io::Result<()> {
        match r {
            Ok(Done::Rendered {
                flagged,
                bytes,
                summary,
            }) => {
                self.flagged |= flagged;
                self.separate();
                if bytes.len() >= WRITE_DIRECT_BYTES {
                    // Written from the run's own buffer rather than copied
                    // into this one first.
                    if !self.buf.is_empty() {
                        self.out.write_all(&self.buf)?;
                        self.buf.clear();
                    }
                    self.out.write_all(&bytes)?;
                } else {
                    self.buf.extend_from_slice(&bytes);
                }
                self.summary.merge(&summary);
                if let Some(p) = &self.progress {
                    p.done(summary.files);
                }
                return self.maybe_flush();
            }
            Ok(Done::File(f)) => {
                let mut f = *f;
                if let Some(m) = self.matcher.as_mut() {
                    m.apply(&mut f);
                }
                if self.stream == Stream::Off {
                    self.files.push(f);
                } else {
                    self.flagged |= f.has_errors();
                    self.separate();
                    let mut spill = Spill {
                        buf: &mut self.buf,
                        out: &mut *self.out,
                    };
                    self.stream.render(&f, &mut spill)?;
                    self.summary.add_file(&f);
                }
            }
            Err(e) => {
                writeln!(err, "claimcheck: {e}")?;
                self.file_errors.push(e);
            }
        }
        if let Some(p) = &self.progress {
            p.done(1);
        }
        self.maybe_flush()
    }

    fn maybe_flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_BYTES || self.flushed.elapsed() >= FLUSH_EVERY {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered lines so a reader downstream sees them now.
    fn flush(&mut self) -> io::Result<()> {
        self.flushed = Instant::now();
        if self.buf.is_empty() {
            return Ok(());
        }
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }
}

/// What reaches the output side from the workers. A walk error or a fatal
/// configuration carries the place of the job the walk would have yielded next,
/// so that it is written where a one-thread run writes it: after every earlier
/// file.
enum Msg {
    /// A walk error (a broken symlink, an unreadable folder, a bad glob).
    Walk(usize, Error),
    /// A configuration that cannot be loaded: the run stops after the files
    /// before it.
    Fatal(usize, crate::config::ConfigError),
    /// The outcome of the job at this place in the input order.
    Done(usize, Result<Done, Error>),
}

/// How many bytes of finished results per thread may wait for an earlier file
/// ([`Window`]): far above what 256 ordinary articles render to (about a
/// megabyte), so it binds only for large files, and small beside the memory a large
/// file's analysis takes.
const HELD_BYTES_PER_THREAD: usize = 8 << 20;

/// What a finished result holds in memory while it waits to be written: its
/// rendered bytes, or for a report kept whole (a large file, a format rendered
/// at the end) its text and the vectors of its analysis.
fn held_bytes(r: &Result<Done, Error>) -> usize {
    match r {
        Ok(Done::Rendered { bytes, .. }) => bytes.len(),
        Ok(Done::File(f)) => {
            let a = &f.analysis;
            f.source.text.len()
                + a.sentences.len() * std::mem::size_of::<crate::segment::Sentence>()
                + a.claims.len() * std::mem::size_of::<crate::extract::Claim>()
                + a.checks.len() * std::mem::size_of::<crate::check::Check>()
        }
        Err(_) => 0,
    }
}

/// How many jobs per thread may be in flight (taken, being analysed, or
/// finished and waiting for an earlier file) at once: four of a thread's
/// largest batches ([`BATCH`]), because a batch's results reach the output
/// side together and the results after it wait for them (with two, threads
/// often waited for the window); few enough that memory stays bounded.
const IN_FLIGHT_PER_THREAD: usize = 4 * BATCH;

/// Checks every input on the calling thread, in order. Used for one thread and
/// for a single named file, where threads would only add their start-up cost.
/// The sink renders each report straight to the output, a chunk at a time.
/// Files are taken from the walk in batches like a parallel run's, so that
/// their reading is grouped the same way ([`ReadAhead`]).
fn run_inline(
    args: &Args,
    planner: Planner,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> io::Result<Option<crate::config::ConfigError>> {
    let mut feed = Feed::new(args, planner, sink.progress.clone());
    let mut fatal = None;
    loop {
        let end = check_pulled(
            feed.pull(BATCH),
            args,
            None,
            &mut ReadAhead::default(),
            || false,
            |m| match m {
                Msg::Done(_, r) => sink.take(r, err),
                Msg::Walk(_, e) => sink.walk_error(e, err),
                Msg::Fatal(_, e) => {
                    fatal = Some(e);
                    Ok(())
                }
            },
        )?;
        if end {
            return Ok(fatal);
        }
    }
}

/// The places for jobs in flight: a thread takes places before it takes jobs,
/// the output side gives one back once a job's result is written.
///
/// The window is bounded twice: in jobs ([`IN_FLIGHT_PER_THREAD`] per thread,
/// which binds for ordinary articles) and in bytes of finished results not yet
/// written (`budget`, which binds for large ones). Without the byte bound, a
/// slow first file would let the other threads pile up hundreds of large
/// reports behind it; with it, what is held is the budget plus, per thread, the
/// file it is on. A worker over the budget stops between files, after sending
/// what it has, unless its next file is the one the output waits for.
///
/// A worker that finds the window full waits; the calling thread never does (it
/// writes the results that free the window): it waits for a result instead.
struct Window {
    size: usize,
    /// Bytes of finished results that may wait for an earlier file.
    budget: usize,
    /// Bytes of finished results not yet written ([`held_bytes`]). Added
    /// without the lock; taken off under it, so a waiting worker is woken.
    /// Written per file: on a cache line of its own, so that the threads
    /// reading the window's other fields do not take the line from the
    /// thread adding to it.
    held: CacheLine<AtomicUsize>,
    state: Mutex<WindowState>,
    freed: Condvar,
    /// The output side has stopped (done, or a write failed): no more jobs.
    /// Set before the waiting workers are woken under the lock, so a worker
    /// checking it under the lock either sees it or is woken; read without
    /// the lock between jobs.
    closed: std::sync::atomic::AtomicBool,
}

/// A value alone on its cache line (two lines: some CPUs fetch lines in pairs).
#[repr(align(128))]
struct CacheLine<T>(T);

#[derive(Default)]
struct WindowState {
    in_flight: usize,
    /// Results written so far: the place of the result the output waits for.
    written: usize,
    /// Workers waiting for a place.
    waiting: usize,
}

impl Window {
    fn new(size: usize, budget: usize) -> Self {
        Self {
            size: size.max(2),
            budget,
            held: CacheLine(AtomicUsize::new(0)),
            state: Mutex::new(WindowState::default()),
            freed: Condvar::new(),
            closed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Takes up to `n` places, waiting while the window is full: how many it
    /// took, 0 once the output side has closed it.
    fn enter(&self, n: usize) -> usize {
        // A poisoned lock means a thread panicked: stop.
        let Ok(mut st) = self.state.lock() else {
            return 0;
        };
        while (st.in_flight >= self.size || self.over_budget()) && !self.is_closed() {
            st.waiting += 1;
            st = match self.freed.wait(st) {
                Ok(st) => st,
                Err(_) => return 0,
            };
            st.waiting -= 1;
        }
        if self.is_closed() {
            return 0;
        }
        let k = n.min(self.size - st.in_flight);
        st.in_flight += k;
        k
    }

    /// Takes up to `n` free places without waiting: how many it took.
    fn try_enter(&self, n: usize) -> usize {
        let Ok(mut st) = self.state.lock() else {
            return 0;
        };
        if self.is_closed() || self.over_budget() {
            return 0;
        }
        let k = n.min(self.size.saturating_sub(st.in_flight));
        st.in_flight += k;
        k
    }

    /// Gives back `n` places that found no job.
    fn leave(&self, n: usize) {
        self.wrote(0, 0, n);
    }

    /// Counts `bytes` more of finished results waiting to be written.
    fn hold(&self, bytes: usize) {
        self.held.0.fetch_add(bytes, Ordering::Relaxed);
    }

    fn over_budget(&self) -> bool {
        self.held.0.load(Ordering::Relaxed) > self.budget
    }

    /// Gives back the places of `n` results just written, `bytes` of them held,
    /// and of `unused` places that found no job.
    fn wrote(&self, n: usize, bytes: usize, unused: usize) {
        if n + unused == 0 {
            return;
        }
        if let Ok(mut st) = self.state.lock() {
            st.in_flight = st.in_flight.saturating_sub(n + unused);
            st.written += n;
            self.held.0.fetch_sub(bytes, Ordering::Relaxed);
            // Room for several batches may have come free at once.
            if st.waiting > 0 {
                self.freed.notify_all();
            }
        }
    }

    /// Between a worker's files: while the results held are over the budget,
    /// waits for the output to catch up, unless `next` (the place of the
    /// worker's next file) is the one the output waits for. The worker has
    /// sent every result it had, so whatever the output waits for is either
    /// on its way or the next file of a thread that does not wait.
    fn pause_before(&self, next: usize) {
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        while self.over_budget() && next > st.written && !self.is_closed() {
            st.waiting += 1;
            st = match self.freed.wait(st) {
                Ok(st) => st,
                Err(_) => return,
            };
            st.waiting -= 1;
        }
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        // Under the lock: a worker between its check and its wait holds it.
        if let Ok(_st) = self.state.lock() {
            self.freed.notify_all();
        }
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Relaxed)
    }
}

/// The walk and the planner of a parallel run, shared by its threads under a
/// lock: a thread that is free takes the next files itself.
struct Feed<'a> {
    walk: inputs::Walk<'a>,
    planner: Planner,
    progress: Option<Progress>,
    /// The next job's place in the input order.
    next: usize,
    /// The walk has ended, or a fatal configuration stopped it.
    ended: bool,
}

/// What a thread finds when it asks the [`Feed`] for work.
enum Pulled {
    Job(usize, Job),
    /// A walk error, to report before the job at this place.
    Walk(usize, Error),
    /// A configuration that cannot be loaded: the run stops before the job at
    /// this place.
    Fatal(usize, crate::config::ConfigError),
    /// Nothing more to check.
    End,
}

impl<'a> Feed<'a> {
    /// The walk over the command line's paths, from its start.
    fn new(args: &'a Args, planner: Planner, progress: Option<Progress>) -> Self {
        Self {
            walk: inputs::Walk::new(
                &args.paths,
                &args.types,
                &args.globs,
                args.stdin_filename.as_deref(),
            ),
            planner,
            progress,
            next: 0,
            ended: false,
        }
    }

    /// The next `n` jobs (fewer when the walk ends or stops) with the walk
    /// errors met on the way, in walk order; `End` last when nothing follows.
    fn pull(&mut self, n: usize) -> Vec<Pulled> {
        let mut out = Vec::with_capacity(n);
        let mut jobs = 0;
        while jobs < n {
            if self.ended {
                out.push(Pulled::End);
                break;
            }
            let Some(found) = self.walk.next() else {
                self.ended = true;
                continue;
            };
            match found {
                Err(e) => out.push(Pulled::Walk(self.next, e)),
                Ok(input) => match self.planner.job(input) {
                    Err(e) => {
                        self.ended = true;
                        out.push(Pulled::Fatal(self.next, e));
                        break;
                    }
                    Ok(None) => {}
                    Ok(Some(job)) => {
                        if let Some(p) = &self.progress {
                            p.found();
                        }
                        out.push(Pulled::Job(self.next, job));
                        self.next += 1;
                        jobs += 1;
                    }
                },
            }
        }
        out
    }
}

/// The most files a thread takes from the feed at once: one lock of the feed,
/// one message to the output side and one window update per batch rather than
/// per file. On two cores, taking files one at a time cost about a twentieth
/// of the run in the threads handing over (batches of 8: about a fortieth).
/// Batches of 64 rather than 32 took 2% off two threads on small files: a
/// thread that takes the feed's lock while the walk reads a folder holds it
/// for a fraction of a millisecond, and with half as many batches the other
/// thread runs into it half as often (`strace -f -c` on 35,620 files: 75 futex
/// calls, 13 ms in them, against 39 and 8 ms).
const BATCH: usize = 64;

/// About how many bytes of text a batch holds at most. The walk does not know
/// the files' sizes, so a thread sizes its batch by the average size of the
/// files read so far. A run's last batches decide how long one thread checks
/// alone once the other has run out of files: 64 files of 37 KB are about 12
/// ms of work, and batches of 8 took 2.7% off two threads over such files.
/// This much is about 1.3 ms of work, and lets batches of ordinary articles
/// (2-3 KB) reach [`BATCH`].
const BATCH_BYTES: usize = 256 << 10;

/// How many files a thread takes next once `taken` files have been taken by
/// `threads` threads and the files read so far average `file_bytes` (0 when
/// none is read yet): one at a time at first, then more as the run goes on (at
/// most a quarter of the files taken per thread so far, [`BATCH`], and
/// [`BATCH_BYTES`] of text), so that a run of a few dozen files still spreads
/// over every thread and a long one hands over little.
fn batch_size(taken: usize, threads: usize, file_bytes: usize) -> usize {
    let by_size = (BATCH_BYTES / file_bytes.max(1)).max(1);
    (taken / threads.max(1) / 4).clamp(1, BATCH).min(by_size)
}

/// Closes the window if its thread panics, so that the other threads stop
/// instead of waiting for places or results that will never come, and the
/// panic reaches the caller as it does on one thread.
struct CloseOnPanic<'a>(&'a Window);

impl Drop for CloseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// The rendered output of consecutive files of a batch, gathered by the thread
/// that rendered them and sent as one [`Done::Rendered`].
struct Run {
    /// The place of its first file.
    first: usize,
    flagged: bool,
    bytes: Vec<u8>,
    summary: Summary,
}

/// How many bytes of rendered output a [`Run`] gathers before it is sent:
/// enough for one write per batch of ordinary articles, little beside the
/// window's byte budget (the bytes of a run being gathered are not counted
/// in it).
const RUN_BYTES: usize = 256 << 10;

/// Checks the jobs of a batch taken from the [`Feed`] in order, reading each
/// group of files before analysing it ([`ReadAhead`]); `each` sees every
/// outcome, walk error and fatal configuration in input order. True when the
/// feed has ended (or stopped); once `closed` says the output side has
/// stopped, the rest of the batch is dropped.
///
/// With `render` (streaming without a baseline), the output of consecutive
/// files up to [`RENDER_IN_WORKER_MAX`] is rendered straight into one buffer
/// ([`Run`]) and sent when something else comes (a walk error, a file that
/// failed or is left to the output side, the end of the batch) or it reaches
/// [`RUN_BYTES`]. Rendering each file into a vector of its own, which the
/// output side then copied into its buffer, cost about 2% of a two-thread
/// run over small files, in copies and in memory freed on the other thread.
fn check_pulled(
    pulled: Vec<Pulled>,
    args: &Args,
    render: Option<Stream>,
    ahead: &mut ReadAhead,
    closed: impl Fn() -> bool,
    mut each: impl FnMut(Msg) -> io::Result<()>,
) -> io::Result<bool> {
    /// Sends the run gathered so far, if any.
    fn send(run: &mut Option<Run>, each: &mut impl FnMut(Msg) -> io::Result<()>) -> io::Result<()> {
        run.take().map_or(Ok(()), |r| {
            each(Msg::Done(
                r.first,
                Ok(Done::Rendered {
                    flagged: r.flagged,
                    bytes: r.bytes,
                    summary: r.summary,
                }),
            ))
        })
    }
    let mut run: Option<Run> = None;
    let mut end = false;
    let mut pulled = std::collections::VecDeque::from(pulled);
    while let Some(p) = pulled.pop_front() {
        match p {
            // The output side has stopped (done early, or a write failed):
            // the rest of the batch would go nowhere.
            Pulled::Job(..) if closed() => return Ok(true),
            Pulled::Job(k, job) => {
                let source = ahead.source(&job, &pulled, args.max_file_size);
                match (render, source.map(|s| analyse(&job, s, args))) {
                    (Some(stream), Ok(f)) if f.source.text.len() <= RENDER_IN_WORKER_MAX => {
                        let r = run.get_or_insert_with(|| Run {
                            first: k,
                            flagged: false,
                            bytes: Vec::with_capacity(FLUSH_BYTES),
                            summary: Summary::default(),
                        });
                        // A batch's jobs take consecutive places, and
                        // anything between two of them ends the run.
                        debug_assert_eq!(r.first + r.summary.files, k);
                        if r.summary.files > 0 {
                            r.bytes.extend_from_slice(stream.separator());
                        }
                        // Writing to a Vec cannot fail.
                        let _ = stream.render(&f, &mut r.bytes);
                        r.flagged |= f.has_errors();
                        r.summary.add_file(&f);
                        if r.bytes.len() >= RUN_BYTES {
                            send(&mut run, &mut each)?;
                        }
                    }
                    (_, r) => {
                        send(&mut run, &mut each)?;
                        each(Msg::Done(k, r.map(|f| Done::File(Box::new(f)))))?;
                    }
                }
            }
            Pulled::Walk(k, e) => {
                send(&mut run, &mut each)?;
                each(Msg::Walk(k, e))?;
            }
            Pulled::Fatal(k, e) => {
                send(&mut run, &mut each)?;
                each(Msg::Fatal(k, e))?;
                end = true;
            }
            Pulled::End => end = true,
        }
    }
    send(&mut run, &mut each)?;
    Ok(end)
}

/// What the threads of a parallel run share.
struct Pool<'a> {
    feed: Mutex<Feed<'a>>,
    /// [`Feed::next`] where a thread can read it without the feed's lock, to
    /// size its next batch.
    taken: AtomicUsize,
    /// Bytes of text and files read by every thread so far (added once per
    /// batch), to size the batches ([`Pool::batch`]).
    read_bytes: AtomicUsize,
    read_files: AtomicUsize,
    window: Window,
    threads: usize,
    args: &'a Args,
    render: Option<Stream>,
}

impl Pool<'_> {
    /// How many files a thread takes next ([`batch_size`]).
    fn batch(&self) -> usize {
        let files = self.read_files.load(Ordering::Relaxed);
        let file_bytes = match files {
            0 => 0,
            n => self.read_bytes.load(Ordering::Relaxed) / n,
        };
        batch_size(self.taken.load(Ordering::Relaxed), self.threads, file_bytes)
    }

    /// Takes up to `n` jobs from the feed for a thread that holds `n` places in
    /// the window, and checks them; true when the feed has ended (or stopped).
    /// The places it found no job for are given back. A poisoned lock (a
    /// thread panicked) reads as the end.
    ///
    /// `each` sees every outcome as soon as it is ready (the calling thread
    /// writes results between its own files).
    fn work(&self, n: usize, mut each: impl FnMut(Msg) -> io::Result<()>) -> io::Result<bool> {
        let pulled = self.feed.lock().map_or_else(
            |_| vec![Pulled::End],
            |mut f| {
                let pulled = f.pull(n);
                self.taken.store(f.next, Ordering::Relaxed);
                pulled
            },
        );
        let jobs = pulled
            .iter()
            .filter(|p| matches!(p, Pulled::Job(..)))
            .count();
        self.window.leave(n - jobs);
        let mut ahead = ReadAhead::default();
        let end = check_pulled(
            pulled,
            self.args,
            self.render,
            &mut ahead,
            || self.window.is_closed(),
            |m| {
                if let Msg::Done(_, r) = &m {
                    self.window.hold(held_bytes(r));
                }
                each(m)
            },
        )?;
        let (bytes, files) = ahead.read;
        if files > 0 {
            self.read_bytes.fetch_add(bytes, Ordering::Relaxed);
            self.read_files.fetch_add(files, Ordering::Relaxed);
        }
        Ok(end)
    }
}

/// Checks the inputs on `threads` threads, the calling one included; the
/// calling thread also writes the results in input order.
///
/// Each thread takes its next files from the walk itself (a [`Feed`] under a
/// lock) when it is free, so the walk of a large folder overlaps the checking
/// instead of preceding it; it takes them in batches that grow to [`BATCH`]
/// ([`Pool::batch`]). A [`Window`] of [`IN_FLIGHT_PER_THREAD`] jobs per thread
/// bounds what is held in memory while results wait for an earlier, slower
/// file.
///
/// No thread of its own walks the folders or only collects results: on two
/// cores, every wake-up of a third thread takes the core from one that is
/// checking (a walker thread woken per half window of files, and before it a
/// thread that only collected, woken per file, each cost a twentieth of the
/// run or more). Here a thread waits only when the window is full, the work has
/// run out, or (briefly) while another takes its batch from the feed.
fn run_parallel(
    args: &Args,
    threads: usize,
    planner: Planner,
    render: Option<Stream>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> io::Result<Option<crate::config::ConfigError>> {
    let pool = Pool {
        feed: Mutex::new(Feed::new(args, planner, sink.progress.clone())),
        taken: AtomicUsize::new(0),
        read_bytes: AtomicUsize::new(0),
        read_files: AtomicUsize::new(0),
        window: Window::new(
            threads.saturating_mul(IN_FLIGHT_PER_THREAD),
            threads.saturating_mul(args.held_bytes_per_thread),
        ),
        threads,
        args,
        render,
    };
    let (msg_tx, msg_rx) = channel::unbounded::<Vec<Msg>>();
    let pool = &pool;
    std::thread::scope(move |s| {
        for started in 1..threads {
            let tx = msg_tx.clone();
            let spawned = std::thread::Builder::new()
                .name("claimcheck-worker".into())
                .spawn_scoped(s, move || {
                    let _stop = CloseOnPanic(&pool.window);
                    loop {
                        let n = pool.window.enter(pool.batch());
                        if n == 0 {
                            break;
                        }
                        let mut done = Vec::with_capacity(n);
                        let end = pool.work(n, |m| {
                            let next = match &m {
                                Msg::Done(k, r) => k + places(r),
                                _ => 0,
                            };
                            done.push(m);
                            if next > 0 && pool.window.over_budget() {
                                // What the output waits for may be here.
                                tx.send(std::mem::take(&mut done))
                                    .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
                                pool.window.pause_before(next);
                            }
                            Ok(())
                        });
                        if tx.send(done).is_err() || !matches!(end, Ok(false)) {
                            break;
                        }
                    }
                });
            // At the system's thread limit the run goes on with the threads it
            // has (the calling thread always checks files too): a slower run is
            // better than none, and the output is the same.
            if let Err(e) = spawned {
                writeln!(
                    err,
                    "claimcheck: warning: started {started} of {threads} threads: {e}"
                )?;
                break;
            }
        }
        drop(msg_tx);
        let outcome = {
            let _stop = CloseOnPanic(&pool.window);
            collect(pool, &msg_rx, sink, err)
        };
        // On an early return (a fatal configuration, an output error) the
        // workers stop at their next batch, or when their results have nowhere
        // to go.
        pool.window.close();
        drop(msg_rx);
        outcome
    })
}

/// The calling thread's side of [`run_parallel`]: checks files itself while the
/// window has room, puts results back in input order and hands them to the
/// sink, flushing streamed output whenever it would wait.
fn collect(
    pool: &Pool<'_>,
    msgs: &channel::Receiver<Vec<Msg>>,
    sink: &mut Sink<'_>,
    err: &mut dyn Write,
) -> io::Result<Option<crate::config::ConfigError>> {
    let window = &pool.window;
    let mut order = Order::new();
    // Whether this thread has found the feed ended: from then on it only waits
    // for the workers' last results.
    let mut ended = false;
    while !order.stopped() {
        // With no result waiting, or no worker left (all done, or none could
        // be started), this thread goes on with the feed while it lasts.
        let batch = if let Ok(b) = msgs.try_recv() {
            b
        } else {
            let n = if ended {
                0
            } else {
                window.try_enter(pool.batch())
            };
            if n > 0 {
                // Its own results are written a run at a time, as the
                // workers' are ([`check_pulled`]), and the workers' results
                // that came meanwhile after each of its runs: a batch of
                // ordinary articles is about a millisecond of work, well
                // within the window the workers have.
                ended = pool.work(n, |m| {
                    order.take(m, sink, err)?;
                    let mut drained = false;
                    while let Ok(b) = msgs.try_recv() {
                        for m in b {
                            order.take(m, sink, err)?;
                        }
                        drained = true;
                    }
                    if drained {
                        order.settle(window);
                    }
                    Ok(())
                })?;
                order.settle(window);
                continue;
            }
            // The window is full (results are on their way) or the feed
            // has ended: wait for the workers.
            sink.flush()?;
            match msgs.recv() {
                Ok(b) => b,
                Err(_) => break,
            }
        };
        for m in batch {
            order.take(m, sink, err)?;
        }
        order.settle(window);
    }
    order.finish(sink, err)?;
    Ok(order.fatal.map(|(_, e)| e))
}

/// Results put back in input order on their way to the sink, with the walk
/// errors and a fatal configuration at their places among them.
struct Order {
    waiting: BTreeMap<usize, Result<Done, Error>>,
    /// Walk errors waiting for the files before them, by place.
    walk_errors: BTreeMap<usize, Vec<Error>>,
    /// The place of the next result to write.
    next: usize,
    /// Results written (and their held bytes) not yet given back to the
    /// window ([`Order::settle`]).
    unsettled: (usize, usize),
    /// A configuration that cannot be loaded, and its place: the run stops
    /// once every file before it is written (no file after it was taken).
    fatal: Option<(usize, crate::config::ConfigError)>,
}

impl Order {
    fn new() -> Self {
        Self {
            waiting: BTreeMap::new(),
            walk_errors: BTreeMap::new(),
            next: 0,
            unsettled: (0, 0),
            fatal: None,
        }
    }

    /// Whether every file before a fatal configuration is written.
    fn stopped(&self) -> bool {
        self.fatal.as_ref().is_some_and(|(k, _)| self.next >= *k)
    }

    /// Writes `m` if the output waits for it, else keeps it. The places it
    /// frees go back to the window at the next [`Order::settle`].
    fn take(&mut self, m: Msg, sink: &mut Sink<'_>, err: &mut dyn Write) -> io::Result<()> {
        match m {
            Msg::Walk(k, e) if k <= self.next => sink.walk_error(e, err)?,
            Msg::Walk(k, e) => self.walk_errors.entry(k).or_default().push(e),
            Msg::Fatal(k, e) => {
                if self.fatal.as_ref().is_none_or(|(f, _)| k < *f) {
                    self.fatal = Some((k, e));
                }
            }
            Msg::Done(n, r) if n == self.next => self.write(r, sink, err)?,
            Msg::Done(n, r) => {
                self.waiting.insert(n, r);
            }
        }
        Ok(())
    }

    /// Writes the result the output waits for, then those that waited for it.
    fn write(
        &mut self,
        mut r: Result<Done, Error>,
        sink: &mut Sink<'_>,
        err: &mut dyn Write,
    ) -> io::Result<()> {
        loop {
            let places = places(&r);
            self.unsettled.1 += held_bytes(&r);
            sink.take(r, err)?;
            self.next += places;
            self.unsettled.0 += places;
            // A run ends before any walk error within its batch
            // ([`check_pulled`]), so only the errors at `next` are due.
            if let Some(errors) = self.walk_errors.remove(&self.next) {
                for e in errors {
                    sink.walk_error(e, err)?;
                }
            }
            match self.waiting.remove(&self.next) {
                Some(next) => r = next,
                None => return Ok(()),
            }
        }
    }

    /// Gives the window back the places (and held bytes) of the results
    /// written since the last call: once per batch of messages rather than per
    /// file, as the window is shared with the workers. Called before this
    /// thread waits or takes places itself.
    fn settle(&mut self, window: &Window) {
        let (n, bytes) = std::mem::take(&mut self.unsettled);
        window.wrote(n, bytes, 0);
    }

    /// The walk errors still waiting when the run ends early, in walk order.
    fn finish(&mut self, sink: &mut Sink<'_>, err: &mut dyn Write) -> io::Result<()> {
        for e in std::mem::take(&mut self.walk_errors)
            .into_values()
            .flatten()
        {
            sink.walk_error(e, err)?;
        }
        Ok(())
    }
}

fn check_all(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<u8> {
    let configs = match Configs::new(args) {
        Ok(c) => c,
        Err(e) => {
            writeln!(err, "claimcheck: {e}")?;
            return Ok(2);
        }
    };
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "claimcheck: {e}")?;
            return Ok(2);
        }
    };
    let threads = if args.threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        args.threads
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let opts = RenderOptions {
        color: args.color.enabled(io::stdout().is_terminal(), no_color),
        show_unchecked: args.show_unchecked,
        show_consistent: args.show_consistent,
        quiet: args.quiet,
    };
    // Most formats are written as files finish, so only the files in flight are
    // held in memory; SARIF, HTML, the statistics table and a baseline being
    // written keep every report for the end.
    let stream = Stream::new(args, opts);
    let matcher = baseline.as_ref().map(Baseline::matcher);
    // Without a baseline to apply in order, a streamed file is rendered by the
    // worker that analysed it: the output side only writes bytes.
    let render = Some(stream).filter(|s| *s != Stream::Off && matcher.is_none());
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = stream.head(&mut buf);
    let mut sink = Sink {
        out,
        buf,
        flushed: Instant::now(),
        matcher,
        stream,
        flagged: false,
        summary: Summary::default(),
        files: Vec::new(),
        walk_errors: Vec::new(),
        file_errors: Vec::new(),
        progress: Progress::new(args),
    };
    let planner = Planner::new(configs);
    let single = args.paths.len() == 1 && !args.paths[0].is_dir();
    let fatal = if threads <= 1 || single {
        run_inline(args, planner, &mut sink, err)?
    } else {
        run_parallel(args, threads, planner, render, &mut sink, err)?
    };
    sink.flush()?;
    if let Some(e) = fatal {
        writeln!(err, "claimcheck: {e}")?;
        // A JSON report already begun still ends as a document that parses.
        if stream == Stream::Json {
            let errors: Vec<Error> = sink
                .walk_errors
                .drain(..)
                .chain(sink.file_errors.drain(..))
                .collect();
            sink.summary.errors = errors.len();
            stream.tail(&sink.summary, &errors, sink.out)?;
            sink.out.flush()?;
        }
        return Ok(2);
    }
    if let Some(p) = sink.progress.take() {
        p.0.finish_and_clear();
    }
    let Sink {
        out,
        flagged,
        mut summary,
        files,
        mut walk_errors,
        file_errors,
        ..
    } = sink;
    walk_errors.extend(file_errors);
    let report = Report {
        files,
        errors: walk_errors,
    };

    if let Some(path) = &args.write_baseline {
        let base = Baseline::from_files(&report.files);
        if let Err(e) = base.save(path) {
            writeln!(err, "claimcheck: {e}")?;
            return Ok(2);
        }
        writeln!(
            err,
            "claimcheck: wrote {} finding(s) to {}",
            base.findings.len(),
            path.display()
        )?;
        return Ok(if report.errors.is_empty() { 0 } else { 2 });
    }
    if stream != Stream::Off {
        summary.errors = report.errors.len();
        stream.tail(&summary, &report.errors, out)?;
        out.flush()?;
        return Ok(if report.errors.is_empty() {
            u8::from(flagged)
        } else {
            2
        });
    }
    if args.statistics && args.format == Format::Text {
        report::text::statistics(&report, out)?;
        writeln!(out, "{}", report::text::summary_line(&report))?;
    } else {
        report::render(&report, args.format, opts, out)?;
    }
    out.flush()?;
    Ok(report.exit_code())
}

/// A progress bar on standard error when checking many files on a terminal; never
/// in pipes, with `--quiet`, or under CI. The walk runs alongside the checking, so
/// the bar learns the number of files as they are found, and it stays hidden until
/// there are [`PROGRESS_FROM`] of them (a few files need no bar).
#[derive(Clone)]
struct Progress(indicatif::ProgressBar);

/// How many files make a run long enough for a progress bar.
const PROGRESS_FROM: u64 = 50;

impl Progress {
    fn new(args: &Args) -> Option<Self> {
        let ci = std::env::var_os("CI").is_some();
        if args.quiet || ci || !io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files ({per_sec}, {eta})")
        {
            bar.set_style(style);
        }
        Some(Self(bar))
    }

    /// One more file to check.
    fn found(&self) {
        self.0.inc_length(1);
        if self.0.length() == Some(PROGRESS_FROM) {
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// `n` more files checked.
    fn done(&self, n: usize) {
        self.0.inc(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_start_at_one_file_and_grow_to_the_cap() {
        assert_eq!(batch_size(0, 2, 0), 1);
        assert_eq!(batch_size(15, 2, 0), 1);
        assert_eq!(batch_size(16, 2, 0), 2);
        assert_eq!(batch_size(80, 2, 0), 10);
        assert_eq!(batch_size(100_000, 2, 0), BATCH);
        assert_eq!(batch_size(0, 0, 0), 1);
        // Ordinary articles fill a batch; larger files make smaller ones,
        // down to one file at a time.
        assert_eq!(batch_size(100_000, 2, 2_300), BATCH);
        assert_eq!(batch_size(100_000, 2, 37_000), 7);
        assert_eq!(batch_size(100_000, 2, 10 << 20), 1);
        assert_eq!(batch_size(80, 2, 37_000), 7);
        assert_eq!(batch_size(16, 2, 37_000), 2);
        // A run of a few dozen files hands them out a few at a time.
        let mut taken = 0;
        let mut batches = Vec::new();
        while taken < 40 {
            let b = batch_size(taken, 2, 0);
            batches.push(b);
            taken += b;
        }
        assert!(batches.len() >= 16, "{batches:?}");
        assert!(batches.iter().all(|&b| b <= 4), "{batches:?}");
    }

    #[test]
    fn window_hands_out_only_free_places() {
        let w = Window::new(4, usize::MAX);
        assert_eq!(w.try_enter(3), 3);
        assert_eq!(w.try_enter(3), 1);
        assert_eq!(w.try_enter(1), 0);
        w.leave(2);
        assert_eq!(w.enter(5), 2);
        w.leave(1);
        w.close();
        assert_eq!(w.enter(1), 0);
        assert_eq!(w.try_enter(1), 0);
    }

    #[test]
    fn a_full_window_waits_until_a_place_is_given_back() {
        let w = Window::new(2, usize::MAX);
        assert_eq!(w.enter(2), 2);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| w.enter(2));
            // The waiter cannot get a place until one is given back.
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiter.is_finished());
            w.leave(1);
            assert_eq!(waiter.join().unwrap(), 1);
        });
        // And closing the window lets every waiting thread go with nothing.
        std::thread::scope(|s| {
            let waiters = [s.spawn(|| w.enter(1)), s.spawn(|| w.enter(1))];
            std::thread::sleep(Duration::from_millis(50));
            assert!(waiters.iter().all(|t| !t.is_finished()));
            w.close();
            for t in waiters {
                assert_eq!(t.join().unwrap(), 0);
            }
        });
    }

    /// A job for the text file at `path`, found in a folder or named
    /// (`explicit`).
    fn file_job(path: PathBuf, explicit: bool, config: &Arc<Loaded>) -> Job {
        Job {
            input: Input::File {
                path,
                ty: Markup::Text,
                explicit,
            },
            config: Arc::clone(config),
        }
    }

    fn run_of(text: &str, files: usize, flagged: bool) -> Done {
        Done::Rendered {
            flagged,
            bytes: text.as_bytes().to_vec(),
            summary: Summary {
                files,
                ..Summary::default()
            },
        }
    }

    /// A joined run takes all its places at once: the result after it is
    /// written next, a large run goes to the output after what was buffered
    /// before it, and the window gets back every place and held byte.
    #[test]
    fn a_joined_run_is_written_whole_and_gives_back_each_place() {
        let mut out = Vec::new();
        let mut sink = Sink {
            out: &mut out,
            buf: Vec::new(),
            flushed: Instant::now(),
            matcher: None,
            stream: Stream::Json,
            flagged: false,
            summary: Summary::default(),
            files: Vec::new(),
            walk_errors: Vec::new(),
            file_errors: Vec::new(),
            progress: None,
        };
        let w = Window::new(16, usize::MAX);
        let big = "b".repeat(WRITE_DIRECT_BYTES);
        // Places 0 to 4 taken; the three results hold their bytes.
        assert_eq!(w.try_enter(5), 5);
        w.hold(2 + big.len());
        let mut order = Order::new();
        let mut err = Vec::new();
        order
            .take(Msg::Done(4, Ok(run_of("d", 1, false))), &mut sink, &mut err)
            .unwrap();
        order
            .take(Msg::Done(1, Ok(run_of(&big, 3, true))), &mut sink, &mut err)
            .unwrap();
        assert_eq!(order.next, 0, "waits for place 0");
        order
            .take(Msg::Done(0, Ok(run_of("a", 1, false))), &mut sink, &mut err)
            .unwrap();
        assert_eq!(order.next, 5);
        assert_eq!(order.unsettled, (5, 2 + WRITE_DIRECT_BYTES));
        order.settle(&w);
        assert_eq!(w.held.0.load(Ordering::Relaxed), 0);
        assert_eq!(w.try_enter(16), 16, "every place is free again");
        assert!(sink.flagged);
        assert_eq!(sink.summary.files, 5);
        sink.flush().unwrap();
        drop(sink);
        assert_eq!(out, format!("a,{big},d").into_bytes());
        assert!(err.is_empty());
    }

    /// Files of a batch that follow one another are rendered into one run,
    /// exactly as each renders alone with the separator between them; a walk
    /// error or a file that failed ends the run; without rendering, each file
    /// goes on as its report.
    #[test]
    fn a_batch_sends_its_consecutive_rendered_files_as_one_run() {
        let dir = tempfile::tempdir().unwrap();
        let config = Arc::new(Loaded::new(Config::default(), dir.path().to_path_buf()));
        let args = Args::try_parse_from(["claimcheck", "x"]).unwrap();
        let texts = [
            "Crime rose 34 per cent, from 108 offences to 164.",
            "Sales rose 5.3% to 3,903.",
            "",
            "Prices fell 10%, from 200 to 180.",
            "None.",
            "It doubled from 4 to 8.",
        ];
        let job = |i: usize| {
            let path = dir.path().join(format!("{i}.txt"));
            if !texts[i].is_empty() {
                std::fs::write(&path, texts[i]).unwrap();
            }
            file_job(path, false, &config)
        };
        let alone = |i: usize| {
            let j = job(i);
            let f = analyse(&j, read_input(&j.input, u64::MAX).unwrap(), &args);
            let mut v = Vec::new();
            Stream::Json.render(&f, &mut v).unwrap();
            (v, f.has_errors())
        };
        let batch = || {
            vec![
                Pulled::Job(0, job(0)),
                Pulled::Job(1, job(1)),
                Pulled::Walk(2, Error::IsDirectory { path: "w".into() }),
                // Missing: an error.
                Pulled::Job(2, job(2)),
                Pulled::Job(3, job(3)),
                Pulled::Job(4, job(4)),
                Pulled::Job(5, job(5)),
                Pulled::End,
            ]
        };
        let mut got = Vec::new();
        let end = check_pulled(
            batch(),
            &args,
            Some(Stream::Json),
            &mut ReadAhead::default(),
            || false,
            |m| {
                got.push(m);
                Ok(())
            },
        )
        .unwrap();
        assert!(end);
        let shape: Vec<String> = got
            .iter()
            .map(|m| match m {
                Msg::Done(
                    k,
                    Ok(Done::Rendered {
                        flagged,
                        bytes,
                        summary,
                    }),
                ) => {
                    let first = *k;
                    let want: Vec<(Vec<u8>, bool)> =
                        (first..first + summary.files).map(&alone).collect();
                    let joined = want
                        .iter()
                        .map(|(v, _)| v.as_slice())
                        .collect::<Vec<_>>()
                        .join(&b","[..]);
                    assert!(*bytes == joined, "run at {k}");
                    assert_eq!(*flagged, want.iter().any(|(_, f)| *f), "run at {k}");
                    format!("run {k}+{}", summary.files)
                }
                Msg::Done(k, Ok(Done::File(_))) => format!("report {k}"),
                Msg::Done(k, Err(_)) => format!("error {k}"),
                Msg::Walk(k, _) => format!("walk error {k}"),
                Msg::Fatal(k, _) => format!("fatal {k}"),
            })
            .collect();
        assert_eq!(shape, ["run 0+2", "walk error 2", "error 2", "run 3+3"]);
        // Unrendered (one thread, or a baseline to apply), every file is a
        // report of its own.
        let mut got = Vec::new();
        check_pulled(
            batch(),
            &args,
            None,
            &mut ReadAhead::default(),
            || false,
            |m| {
                if let Msg::Done(k, Ok(Done::File(_))) = m {
                    got.push(k);
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, [0, 1, 3, 4, 5]);
        // A run is sent once it reaches RUN_BYTES: the file after a large
        // one starts a new run.
        let many: Vec<String> = (1..4000).map(|n| format!("{n} people")).collect();
        let big = dir.path().join("big.txt");
        std::fs::write(&big, many.join(", ")).unwrap();
        let big = file_job(big, false, &config);
        let mut got = Vec::new();
        check_pulled(
            vec![Pulled::Job(0, big), Pulled::Job(1, job(1)), Pulled::End],
            &args,
            Some(Stream::Json),
            &mut ReadAhead::default(),
            || false,
            |m| {
                if let Msg::Done(k, Ok(Done::Rendered { bytes, summary, .. })) = m {
                    got.push((k, summary.files, bytes.len() >= RUN_BYTES));
                }
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, [(0, 1, true), (1, 1, false)]);
    }

    /// A batch's files are read ahead of their analysis, in order, until the
    /// byte budget is reached, with each read error at its file's place, and
    /// handed out one by one; the next group is read when they are used up.
    #[test]
    fn a_batch_is_read_a_group_at_a_time_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let config = Arc::new(Loaded::new(Config::default(), dir.path().to_path_buf()));
        let half = READ_AHEAD_BYTES / 2;
        let file = |name: &str, text: Option<String>| {
            let path = dir.path().join(name);
            if let Some(t) = text {
                std::fs::write(&path, t).unwrap();
            }
            path
        };
        let job = |name: &str, text: Option<String>| file_job(file(name, text), false, &config);
        // Named on the command line: maybe a pipe, never read ahead.
        let named = file_job(file("e.txt", Some("e".repeat(10))), true, &config);
        let mut pulled = std::collections::VecDeque::from(vec![
            Pulled::Job(0, job("a.txt", Some("a".repeat(10)))),
            Pulled::Walk(1, Error::IsDirectory { path: "w".into() }),
            Pulled::Job(1, job("missing.txt", None)),
            Pulled::Job(2, job("b.txt", Some("b".repeat(half)))),
            Pulled::Job(3, job("c.txt", Some("c".repeat(half)))),
            Pulled::Job(4, job("d.txt", Some("d".repeat(10)))),
            Pulled::Job(5, named),
            Pulled::Job(6, job("f.txt", Some("f".repeat(10)))),
            Pulled::End,
        ]);
        let mut ahead = ReadAhead::default();
        let mut got = Vec::new();
        while let Some(p) = pulled.pop_front() {
            if let Pulled::Job(_, job) = p {
                let s = ahead.source(&job, &pulled, u64::MAX);
                let what = match s {
                    Ok(s) => s.text[..1].to_owned(),
                    Err(e) if e.to_string().contains("missing.txt") => "missing".into(),
                    Err(e) => e.to_string(),
                };
                got.push((what, ahead.queue.len()));
            }
        }
        // a is read with the missing file, b and c (past the budget), which
        // wait; d is read when they are used up, but not the named e after
        // it; e, read in its turn, reads f ahead.
        let want = [
            ("a", 3),
            ("missing", 2),
            ("b", 1),
            ("c", 0),
            ("d", 0),
            ("e", 1),
            ("f", 0),
        ];
        assert_eq!(got, want.map(|(w, n)| (w.to_owned(), n)));
        // What was read, for the batch sizes: the missing file as 0 bytes.
        assert_eq!(ahead.read, (40 + 2 * half, 7));
    }

    /// Over its byte budget the window hands out no place, and a worker between
    /// files waits until the output catches up, unless its next file is the
    /// one the output waits for.
    #[test]
    fn results_over_the_budget_hold_the_workers_back() {
        let w = Window::new(8, 100);
        assert_eq!(w.try_enter(4), 4);
        w.hold(60);
        assert_eq!(w.try_enter(1), 1, "within the budget");
        w.hold(60);
        assert_eq!(w.try_enter(1), 0, "over the budget");
        // Nothing is written yet: the output waits for place 0.
        w.pause_before(0);
        std::thread::scope(|s| {
            let paused = s.spawn(|| w.pause_before(3));
            let entering = s.spawn(|| w.enter(1));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!paused.is_finished() && !entering.is_finished());
            // Place 0 written, 60 bytes given back: under the budget again.
            w.wrote(1, 60, 0);
            paused.join().unwrap();
            assert_eq!(entering.join().unwrap(), 1);
        });
        // Over the budget, a worker whose next file is the one awaited goes on.
        w.hold(100);
        w.pause_before(1);
        // Places given back unused are no results written: the output still
        // waits for place 1.
        w.leave(3);
        // And closing the window releases a paused worker.
        std::thread::scope(|s| {
            let paused = s.spawn(|| w.pause_before(2));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!paused.is_finished());
            w.close();
            paused.join().unwrap();
        });
    }
}
