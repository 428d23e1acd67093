//! Corpus snapshots: every `corpus/<name>.txt` is run through the binary with
//! `--format json` and compared with `corpus/<name>.expected.json`, byte for byte.
//! `CLAIMCHECK_BLESS=1 cargo test --test corpus` rewrites the expected files; review
//! every rewrite in the diff before committing it.
//!
//! The JSON contract test deserialises the same reports into structs that deny
//! unknown fields, so any change to the report's shape is a deliberate, visible one;
//! the schema test validates them, and their JSON Lines lines, against
//! `docs/json-report.schema.json` made strict (no undocumented field).

mod report_schema;

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin;
use serde::Deserialize;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// `corpus/<name>.txt`, relative to the manifest dir.
fn relative(path: &Path) -> &Path {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .expect("corpus file inside the manifest dir")
}

/// Runs the binary from the manifest dir with `args`, so paths in the report are
/// relative and stable across machines.
fn run<I, S>(args: I) -> (Option<i32>, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = std::process::Command::new(cargo_bin("claimcheck"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("JSON is UTF-8"),
    )
}

/// The JSON report of `corpus/<name>.txt`.
fn report(path: &Path) -> (Option<i32>, String) {
    run([Path::new("--format"), Path::new("json"), relative(path)])
}

#[test]
fn corpus_has_at_least_ten_articles() {
    assert!(corpus().len() >= 10, "{:?}", corpus());
}

#[test]
fn corpus_reports_match_expected() {
    let bless = std::env::var_os("CLAIMCHECK_BLESS").is_some();
    let mut failures = Vec::new();
    for path in corpus() {
        let (code, got) = report(&path);
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?}",
            path.display()
        );
        let expected_path = path.with_extension("expected.json");
        if bless {
            std::fs::write(&expected_path, &got).expect("write expected report");
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run CLAIMCHECK_BLESS=1 cargo test --test corpus",
                expected_path.display()
            )
        });
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{}: first difference at line {}:\n  got:  {}\n  want: {}",
                path.display(),
                line + 1,
                got.lines().nth(line).unwrap_or(""),
                want.lines().nth(line).unwrap_or("")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The documented JSON report (docs/json-report.md), version 1.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct Report {
    version: u32,
    files: Vec<File>,
    errors: Vec<ErrorEntry>,
    summary: Summary,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct File {
    path: String,
    sentences: Vec<SpanJson>,
    claims: Vec<Claim>,
    checks: Vec<Check>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpanJson {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct Claim {
    id: usize,
    kind: String,
    text: String,
    value: f64,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    sentence: usize,
    hedge: Option<String>,
    currency: Option<String>,
    noun: Option<String>,
    checked: bool,
    precision: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct Check {
    rule: String,
    verdict: String,
    severity: String,
    claim: usize,
    evidence: Vec<usize>,
    stated: f64,
    computed: f64,
    tolerance: [Option<f64>; 2],
    computed_range: [Option<f64>; 2],
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct ErrorEntry {
    path: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "fields exist to pin the contract")]
struct Summary {
    files: usize,
    sentences: usize,
    claims: usize,
    checks: usize,
    consistent: usize,
    inconsistent: usize,
    warnings: usize,
    unchecked: usize,
    suppressed: usize,
    errors: usize,
}

const KINDS: &[&str] = &[
    "count",
    "percent",
    "points",
    "year",
    "decade",
    "money",
    "fraction",
    "multiplier",
    "date",
    "time",
    "ordinal",
    "age",
    "score",
    "duration",
];

#[test]
fn reports_follow_the_json_contract() {
    for path in corpus() {
        let (_, got) = report(&path);
        let rep: Report =
            serde_json::from_str(&got).unwrap_or_else(|e| panic!("{}: {e}\n{got}", path.display()));
        assert_eq!(rep.version, 1);
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let f = &rep.files[0];
        let mut prev_end = 0;
        for s in &f.sentences {
            assert!(s.start >= prev_end && s.start < s.end && s.end <= text.len());
            prev_end = s.end;
        }
        for (i, c) in f.claims.iter().enumerate() {
            assert_eq!(c.id, i);
            assert_eq!(&text[c.start..c.end], c.text, "{}", path.display());
            assert!(KINDS.contains(&c.kind.as_str()), "{}", c.kind);
            assert!(c.sentence < f.sentences.len());
            let sent = &f.sentences[c.sentence];
            assert!(sent.start <= c.start && c.start < sent.end.max(sent.start + 1));
            let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(c.line, text[..c.start].matches('\n').count() + 1);
            assert_eq!(c.column, text[line_start..c.start].chars().count() + 1);
        }
        for ch in &f.checks {
            assert!(ch.verdict == "consistent" || ch.verdict == "inconsistent");
            assert!(ch.severity == "error" || ch.severity == "warning");
            assert!(ch.claim < f.claims.len());
            assert!(
                ch.evidence
                    .iter()
                    .all(|&e| e < f.claims.len() && e != ch.claim)
            );
            assert!(!ch.message.is_empty());
        }
        assert_eq!(rep.summary.claims, f.claims.len());
        assert_eq!(rep.summary.checks, f.checks.len());
        assert_eq!(
            rep.summary.consistent + rep.summary.inconsistent,
            rep.summary.checks
        );
    }
}

/// Every corpus report, in one run with an unreadable input so that `errors[]` is
/// not empty, and every `--format jsonl` line, validate against the documented
/// schema made strict: a field missing from the schema fails here.
#[test]
fn reports_and_jsonl_lines_validate_against_the_schema() {
    let articles = corpus();
    let paths: Vec<&Path> = articles.iter().map(|p| relative(p)).collect();
    let missing = Path::new("corpus/no-such-article.txt");

    let mut args = vec![Path::new("--format"), Path::new("json")];
    args.extend(&paths);
    args.push(missing);
    let (code, out) = run(&args);
    assert_eq!(code, Some(2), "an unreadable input exits 2");
    let doc: serde_json::Value = serde_json::from_str(&out).expect("the report is JSON");
    report_schema::assert_valid(&report_schema::STRICT_REPORT, &doc, "corpus report");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(paths.len()));
    assert_eq!(doc["errors"][0]["path"], "corpus/no-such-article.txt");
    assert!(
        doc["summary"]["checks"].as_u64() > Some(0),
        "{}",
        doc["summary"]
    );

    let mut args = vec![Path::new("--format"), Path::new("jsonl")];
    args.extend(&paths);
    let (code, out) = run(&args);
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), paths.len(), "one line per article:\n{out}");
    for (line, path) in lines.iter().zip(&paths) {
        let line: serde_json::Value = serde_json::from_str(line).expect("a line is JSON");
        let what = path.display().to_string();
        report_schema::assert_valid(&report_schema::STRICT_LINE, &line, &what);
        assert_eq!(line["path"].as_str(), path.to_str());
    }
}
