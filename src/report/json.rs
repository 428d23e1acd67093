//! The JSON report, version 1: the public contract documented in
//! `docs/json-report.md`. Changes are additive only; field order is fixed by the
//! structs below, so output is deterministic.
//!
//! Non-finite numbers (the open end of `more than 30%`) are written as `null`.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Report, Summary};
use crate::check::Check;
use crate::extract::{Claim, ClaimKind, Hedge};
use crate::source::LineCursor;

/// The report format version; bumped only for a breaking change, which we avoid.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    errors: Vec<JsonError>,
    summary: Summary,
}

#[derive(Serialize)]
pub(crate) struct JsonFile<'a> {
    path: &'a str,
    sentences: Vec<JsonSpan>,
    claims: Vec<JsonClaim<'a>>,
    checks: Vec<JsonCheck<'a>>,
}

#[derive(Serialize)]
struct JsonSpan {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: usize,
    kind: ClaimKind,
    text: &'a str,
    value: f64,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    sentence: usize,
    hedge: Option<Hedge>,
    currency: Option<&'static str>,
    noun: Option<&'a str>,
    /// Whether any check used this claim, as subject or evidence.
    checked: bool,
    /// Half the unit of the last written digit, in value units.
    precision: f64,
}

#[derive(Serialize)]
struct JsonCheck<'a> {
    rule: &'static str,
    verdict: crate::check::Verdict,
    severity: crate::check::Severity,
    claim: usize,
    evidence: &'a [usize],
    stated: f64,
    computed: f64,
    tolerance: [f64; 2],
    computed_range: [f64; 2],
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

fn round2(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e15 {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

fn claim<'a>(
    f: &'a FileReport,
    c: &'a Claim,
    checked: bool,
    cursor: &mut LineCursor<'_>,
) -> JsonClaim<'a> {
    let text = &f.source.text;
    let (line, column) = cursor.line_col(c.span.start);
    JsonClaim {
        id: c.id,
        kind: c.kind,
        text: c.span.slice(text),
        value: c.quantity.value,
        start: c.span.start,
        end: c.span.end,
        line,
        column,
        sentence: c.sentence,
        hedge: c.hedge,
        currency: c.currency,
        noun: c.noun.as_deref(),
        checked,
        precision: c.quantity.step / 2.0,
    }
}

fn check(c: &Check) -> JsonCheck<'_> {
    JsonCheck {
        rule: c.rule,
        verdict: c.verdict,
        severity: c.severity,
        claim: c.claim,
        evidence: &c.evidence,
        stated: c.stated,
        computed: round2(c.computed),
        tolerance: c.tolerance.as_array().map(round_tol),
        computed_range: c.computed_range.as_array().map(round_tol),
        message: &c.message,
    }
}

/// Tolerances keep four decimals: `5.25` must not print as `5.2499999`.
fn round_tol(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e12 {
        (v * 10_000.0).round() / 10_000.0
    } else {
        v
    }
}

/// The per-file object of `files[]`, also the body of each JSON Lines record.
pub(crate) fn file(f: &FileReport) -> JsonFile<'_> {
    let checked = f.checked_claims();
    let mut cursor = LineCursor::new(&f.source.text, &f.lines);
    JsonFile {
        path: &f.source.path,
        sentences: f
            .analysis
            .sentences
            .iter()
            .map(|s| JsonSpan {
                start: s.span.start,
                end: s.span.end,
            })
            .collect(),
        claims: f
            .analysis
            .claims
            .iter()
            .map(|c| {
                claim(
                    f,
                    c,
                    checked.get(c.id).copied().unwrap_or(false),
                    &mut cursor,
                )
            })
            .collect(),
        checks: f.analysis.checks.iter().map(check).collect(),
    }
}

/// Writes the pretty-printed JSON report and a final newline.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = JsonReport {
        version: VERSION,
        files: report.files.iter().map(file).collect(),
        errors: report
            .errors
            .iter()
            .map(|e| JsonError {
                path: e.path().to_owned(),
                message: e.message(),
            })
            .collect(),
        summary: report.summary(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(to_io)?;
    out.write_all(b"\n")
}

/// Keeps the kind of an I/O error `serde_json` met while writing (a broken pipe must
/// stay a broken pipe, so the CLI can exit quietly on it).
pub(crate) fn to_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}
