//! How many bytes per second does each pipeline stage, and the whole pipeline with
//! the JSON report, process on one thread on real news copy?
//!
//! Input: the BBC dev articles in `../shared/data/news/bbc/` (or `$CLAIMCHECK_SHARED`),
//! concatenated with blank lines between them, and per file (the project's own
//! `corpus/` instead where the shared folder is absent); and the project's own
//! `corpus/`, per file, always. Run: `cargo bench --bench pipeline`.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use claimcheck::report::{FileReport, Report};
use claimcheck::{Source, analyze, check, extract, segment};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

/// The binary's allocator (see `src/main.rs`), so that the figures are the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    eprintln!("bench input: {}", INPUT.origin);
    divan::main();
}

struct Input {
    origin: String,
    files: Vec<String>,
    joined: String,
    /// The project's own sample articles (`corpus/*.txt`), always present.
    corpus: Vec<String>,
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
}

static INPUT: LazyLock<Input> = LazyLock::new(|| {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("CLAIMCHECK_SHARED")
        .map_or_else(|| manifest.join("../shared"), PathBuf::from);
    let bbc = shared.join("data/news/bbc");
    let (origin, dir) = if bbc.is_dir() {
        (bbc.display().to_string(), bbc)
    } else {
        let c = manifest.join("corpus");
        (format!("{} (shared BBC articles absent)", c.display()), c)
    };
    let mut paths = Vec::new();
    collect(&dir, &mut paths);
    paths.sort();
    let files: Vec<String> = paths
        .iter()
        .filter_map(|p| Source::read(p, None).ok())
        .map(|s| s.text)
        .collect();
    let joined = files.join("\n\n");
    let mut paths = Vec::new();
    collect(&manifest.join("corpus"), &mut paths);
    paths.sort();
    let corpus = paths
        .iter()
        .filter_map(|p| Source::read(p, None).ok())
        .map(|s| s.text)
        .collect();
    Input {
        origin,
        files,
        joined,
        corpus,
    }
});

/// Where the benchmarks write the report: it counts the bytes and keeps none, as
/// the CLI hands each 64 KiB chunk to standard output and keeps none. (Collecting
/// the report in a growing `Vec` would time the reallocation and page faults of a
/// buffer the CLI never builds.)
#[derive(Default)]
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn bytes() -> BytesCount {
    BytesCount::new(INPUT.joined.len())
}

#[divan::bench]
fn read_validate(b: Bencher) {
    let raw = INPUT.joined.as_bytes().to_vec();
    b.counter(bytes())
        .bench(|| Source::from_bytes("bench.txt", black_box(raw.clone())).map(|s| s.text.len()));
}

#[divan::bench]
fn segment(b: Bencher) {
    let text = INPUT.joined.as_str();
    b.counter(bytes())
        .bench(|| segment::sentences(black_box(text)));
}

#[divan::bench]
fn extract(b: Bencher) {
    let text = INPUT.joined.as_str();
    let sentences = segment::sentences(text);
    b.counter(bytes())
        .bench(|| extract::claims(black_box(text), black_box(&sentences)));
}

#[divan::bench]
fn check(b: Bencher) {
    let text = INPUT.joined.as_str();
    let sentences = segment::sentences(text);
    let claims = extract::claims(text, &sentences);
    b.counter(bytes()).bench(|| {
        check::run(&check::Context {
            text: black_box(text),
            sentences: &sentences,
            claims: &claims,
        })
    });
}

/// Each rule on its own, with a fresh evidence index (so a rule that needs the
/// change links pays for them here; inside `check` they are shared). Names the
/// rule to look at when the check stage slows down.
#[divan::bench(args = check::RULES.iter().map(|r| r.id()))]
fn check_rule(b: Bencher, id: &str) {
    let text = INPUT.joined.as_str();
    let sentences = segment::sentences(text);
    let claims = extract::claims(text, &sentences);
    let cx = check::Context {
        text,
        sentences: &sentences,
        claims: &claims,
    };
    let Some(rule) = check::rule(id) else {
        return;
    };
    b.counter(bytes()).bench(|| {
        let links = check::link::Links::new(black_box(&cx));
        let mut out = Vec::new();
        rule.check(&links, &mut out);
        out.len()
    });
}

#[divan::bench]
fn json_report(b: Bencher) {
    let source = Source::from_bytes("bench.txt", INPUT.joined.as_bytes().to_vec()).unwrap();
    let report = Report {
        files: vec![FileReport::new(source)],
        errors: Vec::new(),
    };
    b.counter(bytes()).bench(|| {
        let mut out = Counter::default();
        claimcheck::report::json::render(black_box(&report), &mut out).map(|()| out.0)
    });
}

/// Concatenated articles: bytes → JSON report, one thread.
#[divan::bench]
fn end_to_end_joined(b: Bencher) {
    let raw = INPUT.joined.as_bytes();
    b.counter(bytes()).bench(|| end_to_end(raw));
}

/// The same articles one file at a time, as a newsroom archive is run.
#[divan::bench]
fn end_to_end_per_file(b: Bencher) {
    let total: usize = INPUT.files.iter().map(String::len).sum();
    b.counter(BytesCount::new(total)).bench(|| {
        INPUT
            .files
            .iter()
            .map(|f| end_to_end(f.as_bytes()))
            .sum::<usize>()
    });
}

/// The project's own sample articles (`corpus/`), one file at a time.
#[divan::bench]
fn end_to_end_corpus(b: Bencher) {
    let total: usize = INPUT.corpus.iter().map(String::len).sum();
    b.counter(BytesCount::new(total)).bench(|| {
        INPUT
            .corpus
            .iter()
            .map(|f| end_to_end(f.as_bytes()))
            .sum::<usize>()
    });
}

fn end_to_end(raw: &[u8]) -> usize {
    let Ok(source) = Source::from_bytes("bench.txt", black_box(raw.to_vec())) else {
        return 0;
    };
    let report = Report {
        files: vec![FileReport::new(source)],
        errors: Vec::new(),
    };
    let mut out = Counter::default();
    let _ = claimcheck::report::json::render(&report, &mut out);
    out.0
}

#[divan::bench]
fn analyze_only(b: Bencher) {
    let text = INPUT.joined.as_str();
    b.counter(bytes())
        .bench(|| analyze(black_box(text)).claims.len());
}
