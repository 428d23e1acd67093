//! The JSON report, version 1: the public contract documented in
//! `docs/json-report.md`. Changes are additive only; field order is fixed by the
//! writer functions below, so output is deterministic.
//!
//! Non-finite numbers (the open end of `more than 30%`) are written as `null`.
//!
//! The report is written by hand rather than through `serde`: serialising serde
//! structs with `serde_json::to_writer_pretty` into a `&mut dyn Write` made one
//! virtual call per token and ran at about 150 MB/s of input, most of the
//! pipeline's time budget. [`Emitter`] renders into a byte buffer and hands it to
//! the writer in chunks of about [`CHUNK`] bytes, so writes are large and memory
//! stays bounded however large the report. The bytes are exactly `serde_json`'s
//! (its `PrettyFormatter` for the report, its compact formatter for JSON Lines):
//! strings are escaped with `serde_json`'s table, floats are formatted with the
//! `zmij` crate as `serde_json` itself does, integers in plain decimal as `itoa`
//! does for it; the tests keep the former serde structs as the oracle and compare
//! bytes.

use std::io::{self, Write};

use super::{FileReport, Report, Summary};
use crate::check::{Check, Severity, Verdict};
use crate::extract::{Claim, Hedge};
use crate::source::LineCursor;

/// The report format version; bumped only for a breaking change, which we avoid.
pub const VERSION: u32 = 1;

/// Pending bytes past which [`Emitter::spill`] writes them out: large enough that
/// the writer sees few, big writes; small enough that a multi-gigabyte report of a
/// huge input never sits in memory.
const CHUNK: usize = 64 * 1024;

/// A newline and the deepest indentation the report uses (two spaces per level,
/// as `serde_json`'s `PrettyFormatter`); pretty output takes a prefix of it.
const NEWLINE_INDENT: &[u8] = b"\n                ";

/// `serde_json`'s escape table (`ser.rs`, `ESCAPE`): 0 for bytes written as they
/// are, else the letter after the backslash, `u` for `\u00XX`. Only ASCII control
/// characters, `"` and `\` are escaped: DEL, non-ASCII and U+2028/U+2029 stay raw
/// UTF-8, as `serde_json` writes them.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// `00`, `01`, … `99`: integers are written two digits at a time, as `itoa` does.
static DIGIT_PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// Writes JSON tokens into a buffer, pretty-printed like `serde_json`'s
/// `PrettyFormatter` when `PRETTY`, else compact like its default formatter.
///
/// The caller says where it is (`depth`: the indentation level of the value it
/// is about to write, and whether it is the first in its container), so no state
/// is tracked per token. Keys are the report's own field names, plain ASCII, and
/// are written without escaping.
pub(crate) struct Emitter<'o, const PRETTY: bool> {
    buf: Vec<u8>,
    out: &'o mut dyn Write,
}

impl<'o, const PRETTY: bool> Emitter<'o, PRETTY> {
    pub(crate) fn new(out: &'o mut dyn Write) -> Self {
        Self {
            // Room for one chunk and the element that crosses its end.
            buf: Vec::with_capacity(CHUNK + CHUNK / 8),
            out,
        }
    }

    /// Writes the pending bytes once they pass [`CHUNK`]. Called between
    /// elements, so memory is bounded by one chunk plus the largest element.
    ///
    /// # Errors
    /// Any error writing to the output, its kind unchanged (a broken pipe stays
    /// a broken pipe, so the CLI can exit quietly on it).
    pub(crate) fn spill(&mut self) -> io::Result<()> {
        if self.buf.len() >= CHUNK {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes everything still pending.
    ///
    /// # Errors
    /// Any error writing to the output.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The separator and line break before the value or key of an element at
    /// `depth`.
    #[inline]
    fn sep(&mut self, depth: usize, first: bool) {
        if PRETTY {
            if !first {
                self.buf.push(b',');
            }
            self.buf.extend_from_slice(&NEWLINE_INDENT[..=2 * depth]);
        } else if !first {
            self.buf.push(b',');
        }
    }

    /// Starts the member `key` of an object whose members are at `depth`.
    #[inline]
    pub(crate) fn key(&mut self, depth: usize, first: bool, key: &str) {
        self.sep(depth, first);
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf
            .extend_from_slice(if PRETTY { b"\": " } else { b"\":" });
    }

    /// Starts an element of an array whose elements are at `depth`.
    #[inline]
    fn element(&mut self, depth: usize, first: bool) {
        self.sep(depth, first);
    }

    /// Closes an object (`b'}'`) or array (`b']'`) that opened at `depth`; a
    /// container with members closes on its own line, an empty one right after
    /// its opening bracket (`[]`).
    #[inline]
    pub(crate) fn close(&mut self, depth: usize, empty: bool, bracket: u8) {
        if PRETTY && !empty {
            self.buf.extend_from_slice(&NEWLINE_INDENT[..=2 * depth]);
        }
        self.buf.push(bracket);
    }

    /// An integer in decimal, as `serde_json` (through `itoa`) writes it.
    ///
    /// Appending a slice of varying length (`itoa`'s output) was a `memmove` call
    /// per number; building the digits in a local array and appending it whole
    /// stalled on reading back the bytes just stored. So the buffer grows by a
    /// fixed 20 bytes (a constant-size store), the digits are written in place two
    /// at a time, and the buffer is cut back to them.
    #[inline]
    pub(crate) fn int(&mut self, v: usize) {
        self.uint(v as u64);
    }

    #[inline]
    fn uint(&mut self, v: u64) {
        let len = v.checked_ilog10().map_or(1, |l| l as usize + 1);
        let start = self.buf.len();
        self.buf.extend_from_slice(&[0; 20]);
        let digits = &mut self.buf[start..start + len];
        let mut n = v;
        let mut i = len;
        while n >= 100 {
            let pair = (n % 100) as usize * 2;
            n /= 100;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            let pair = n as usize * 2;
            digits[..2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        } else {
            digits[0] = b'0' + n as u8;
        }
        self.buf.truncate(start + len);
    }

    /// A float as `serde_json` writes it: `null` when not finite, else the
    /// shortest representation that reads back exactly, in zmij's notation
    /// (`76.0`, `1e-7`, `1e+300`).
    ///
    /// Most values in a report are whole numbers (counts, years, `34.0`), and zmij
    /// writes a whole number below 10^16 in fixed notation as its digits and `.0`
    /// (every integer below 2^53 is exact, so its shortest round-trip form is
    /// itself): those below 10^15 take the integer path, which is several times
    /// faster. `-0.0` does not.
    #[inline]
    fn float(&mut self, v: f64) {
        let whole = v as i64;
        if whole as f64 == v
            && whole.unsigned_abs() < 1_000_000_000_000_000
            && (whole != 0 || v.is_sign_positive())
        {
            if whole < 0 {
                self.buf.push(b'-');
            }
            self.uint(whole.unsigned_abs());
            self.buf.extend_from_slice(b".0");
        } else if v.is_finite() {
            self.buf
                .extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.buf.extend_from_slice(b"null");
        }
    }

    #[inline]
    fn boolean(&mut self, v: bool) {
        self.buf
            .extend_from_slice(if v { b"true" } else { b"false" });
    }

    /// A name known to need no escaping (an enum's kebab-case name), quoted.
    #[inline]
    fn name(&mut self, s: &str) {
        self.buf.push(b'"');
        self.buf.extend_from_slice(s.as_bytes());
        self.buf.push(b'"');
    }

    /// A string, quoted and escaped exactly as `serde_json` does: runs of bytes
    /// that need no escape are copied whole.
    pub(crate) fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.buf.reserve(bytes.len() + 2);
        self.buf.push(b'"');
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = ESCAPE[usize::from(b)];
            if escape == 0 {
                continue;
            }
            self.buf.extend_from_slice(&bytes[run..i]);
            run = i + 1;
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]);
            } else {
                self.buf.extend_from_slice(&[b'\\', escape]);
            }
        }
        self.buf.extend_from_slice(&bytes[run..]);
        self.buf.push(b'"');
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.buf.extend_from_slice(b"null"),
        }
    }

    /// A `[lo, hi]` pair whose elements are at `depth`.
    fn pair(&mut self, depth: usize, [lo, hi]: [f64; 2]) {
        self.buf.push(b'[');
        self.element(depth, true);
        self.float(lo);
        self.element(depth, false);
        self.float(hi);
        self.close(depth - 1, false, b']');
    }
}

fn round2(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e15 {
        (v * 100.0).round() / 100.0
    } else {
        v
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

/// The names serde's `rename_all = "kebab-case"` gives these enums; a test
/// compares each with serde's.
fn hedge_name(h: Hedge) -> &'static str {
    match h {
        Hedge::About => "about",
        Hedge::Around => "around",
        Hedge::Approximately => "approximately",
        Hedge::Some => "some",
        Hedge::Roughly => "roughly",
        Hedge::Nearly => "nearly",
        Hedge::Almost => "almost",
        Hedge::JustUnder => "just-under",
        Hedge::MoreThan => "more-than",
        Hedge::Over => "over",
        Hedge::Above => "above",
        Hedge::AtLeast => "at-least",
        Hedge::UpTo => "up-to",
        Hedge::LessThan => "less-than",
        Hedge::Under => "under",
        Hedge::Below => "below",
        Hedge::AtMost => "at-most",
    }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "consistent",
        Verdict::Inconsistent => "inconsistent",
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// One claim object, its members at `depth`.
fn claim<const P: bool>(
    e: &mut Emitter<'_, P>,
    depth: usize,
    f: &FileReport,
    c: &Claim,
    checked: bool,
    cursor: &mut LineCursor<'_>,
) {
    let (line, column) = cursor.line_col(c.span.start);
    e.raw(b"{");
    e.key(depth, true, "id");
    e.int(c.id);
    e.key(depth, false, "kind");
    e.name(c.kind.as_str());
    e.key(depth, false, "text");
    e.string(c.span.slice(&f.source.text));
    e.key(depth, false, "value");
    e.float(c.quantity.value);
    e.key(depth, false, "start");
    e.int(c.span.start);
    e.key(depth, false, "end");
    e.int(c.span.end);
    e.key(depth, false, "line");
    e.int(line);
    e.key(depth, false, "column");
    e.int(column);
    e.key(depth, false, "sentence");
    e.int(c.sentence);
    e.key(depth, false, "hedge");
    match c.hedge {
        Some(h) => e.name(hedge_name(h)),
        None => e.raw(b"null"),
    }
    e.key(depth, false, "currency");
    e.opt_string(c.currency);
    e.key(depth, false, "noun");
    e.opt_string(c.noun.as_deref());
    // Whether any check used this claim, as subject or evidence.
    e.key(depth, false, "checked");
    e.boolean(checked);
    // Half the unit of the last written digit, in value units.
    e.key(depth, false, "precision");
    e.float(c.quantity.step / 2.0);
    e.close(depth - 1, false, b'}');
}

/// One check object, its members at `depth`.
fn check<const P: bool>(e: &mut Emitter<'_, P>, depth: usize, c: &Check) {
    e.raw(b"{");
    e.key(depth, true, "rule");
    e.string(c.rule);
    e.key(depth, false, "verdict");
    e.name(verdict_name(c.verdict));
    e.key(depth, false, "severity");
    e.name(severity_name(c.severity));
    e.key(depth, false, "claim");
    e.int(c.claim);
    e.key(depth, false, "evidence");
    e.raw(b"[");
    for (i, &id) in c.evidence.iter().enumerate() {
        e.element(depth + 1, i == 0);
        e.int(id);
    }
    e.close(depth, c.evidence.is_empty(), b']');
    e.key(depth, false, "stated");
    e.float(c.stated);
    e.key(depth, false, "computed");
    e.float(round2(c.computed));
    e.key(depth, false, "tolerance");
    e.pair(depth + 1, c.tolerance.as_array().map(round_tol));
    e.key(depth, false, "computed_range");
    e.pair(depth + 1, c.computed_range.as_array().map(round_tol));
    e.key(depth, false, "message");
    e.string(&c.message);
    e.close(depth - 1, false, b'}');
}

/// The members of the per-file object of `files[]`, at `depth`: also the body of
/// each JSON Lines record, after its `version` (then `first` is false).
///
/// # Errors
/// Any error writing to the output.
pub(crate) fn file_members<const P: bool>(
    e: &mut Emitter<'_, P>,
    depth: usize,
    first: bool,
    f: &FileReport,
) -> io::Result<()> {
    let a = &f.analysis;
    e.key(depth, first, "path");
    e.string(&f.source.path);

    e.key(depth, false, "sentences");
    e.raw(b"[");
    for (i, s) in a.sentences.iter().enumerate() {
        e.element(depth + 1, i == 0);
        e.raw(b"{");
        e.key(depth + 2, true, "start");
        e.int(s.span.start);
        e.key(depth + 2, false, "end");
        e.int(s.span.end);
        e.close(depth + 1, false, b'}');
        e.spill()?;
    }
    e.close(depth, a.sentences.is_empty(), b']');

    e.key(depth, false, "claims");
    e.raw(b"[");
    let checked = f.checked_claims();
    let mut cursor = LineCursor::new(&f.source.text, &f.lines);
    for (i, c) in a.claims.iter().enumerate() {
        e.element(depth + 1, i == 0);
        let used = checked.get(c.id).copied().unwrap_or(false);
        claim(e, depth + 2, f, c, used, &mut cursor);
        e.spill()?;
    }
    e.close(depth, a.claims.is_empty(), b']');

    e.key(depth, false, "checks");
    e.raw(b"[");
    for (i, c) in a.checks.iter().enumerate() {
        e.element(depth + 1, i == 0);
        check(e, depth + 2, c);
        e.spill()?;
    }
    e.close(depth, a.checks.is_empty(), b']');
    Ok(())
}

/// The summary object, its members at `depth`, in [`Summary`]'s field order.
fn summary(e: &mut Emitter<'_, true>, depth: usize, s: &Summary) {
    let fields = [
        ("files", s.files),
        ("sentences", s.sentences),
        ("claims", s.claims),
        ("checks", s.checks),
        ("consistent", s.consistent),
        ("inconsistent", s.inconsistent),
        ("warnings", s.warnings),
        ("unchecked", s.unchecked),
        ("suppressed", s.suppressed),
        ("errors", s.errors),
    ];
    e.raw(b"{");
    for (i, (key, n)) in fields.into_iter().enumerate() {
        e.key(depth, i == 0, key);
        e.int(n);
    }
    e.close(depth - 1, false, b'}');
}

/// Writes the pretty-printed JSON report and a final newline.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut e = Emitter::<true>::new(out);
    e.raw(b"{");
    e.key(1, true, "version");
    e.int(VERSION as usize);

    e.key(1, false, "files");
    e.raw(b"[");
    for (i, f) in report.files.iter().enumerate() {
        e.element(2, i == 0);
        e.raw(b"{");
        file_members(&mut e, 3, true, f)?;
        e.close(2, false, b'}');
    }
    e.close(1, report.files.is_empty(), b']');

    e.key(1, false, "errors");
    e.raw(b"[");
    for (i, err) in report.errors.iter().enumerate() {
        e.element(2, i == 0);
        e.raw(b"{");
        e.key(3, true, "path");
        e.string(err.path());
        e.key(3, false, "message");
        e.string(&err.message());
        e.close(2, false, b'}');
        e.spill()?;
    }
    e.close(1, report.errors.is_empty(), b']');

    e.key(1, false, "summary");
    summary(&mut e, 2, &report.summary());
    e.close(0, false, b'}');
    e.raw(b"\n");
    e.finish()
}

/// Keeps the kind of an I/O error `serde_json` met while writing (a broken pipe must
/// stay a broken pipe, so the CLI can exit quietly on it).
pub(crate) fn to_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

/// The serde structs that wrote the report before [`Emitter`], kept as the test
/// oracle: `serde_json`'s own output of them is the byte-exact expectation.
#[cfg(test)]
pub(crate) mod oracle {
    use serde::Serialize;

    use super::{round_tol, round2};
    use crate::check::Check;
    use crate::extract::{Claim, ClaimKind, Hedge};
    use crate::report::{FileReport, Report, Summary};
    use crate::source::LineCursor;

    #[derive(Serialize)]
    pub struct JsonReport<'a> {
        version: u32,
        files: Vec<JsonFile<'a>>,
        errors: Vec<JsonError>,
        summary: Summary,
    }

    #[derive(Serialize)]
    pub struct JsonFile<'a> {
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
        checked: bool,
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

    /// The JSON Lines record: `version`, then the file's members.
    #[derive(Serialize)]
    pub struct Line<'a> {
        version: u32,
        #[serde(flatten)]
        file: JsonFile<'a>,
    }

    fn claim<'a>(
        f: &'a FileReport,
        c: &'a Claim,
        checked: bool,
        cursor: &mut LineCursor<'_>,
    ) -> JsonClaim<'a> {
        let (line, column) = cursor.line_col(c.span.start);
        JsonClaim {
            id: c.id,
            kind: c.kind,
            text: c.span.slice(&f.source.text),
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

    pub fn file(f: &FileReport) -> JsonFile<'_> {
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
                    let used = checked.get(c.id).copied().unwrap_or(false);
                    claim(f, c, used, &mut cursor)
                })
                .collect(),
            checks: f.analysis.checks.iter().map(check).collect(),
        }
    }

    /// `serde_json`'s pretty report, final newline included.
    pub fn pretty(report: &Report) -> String {
        let doc = JsonReport {
            version: super::VERSION,
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
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    /// `serde_json`'s compact JSON Lines record, final newline included.
    pub fn line(f: &FileReport) -> String {
        let line = Line {
            version: super::VERSION,
            file: file(f),
        };
        serde_json::to_string(&line).unwrap() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Interval;
    use crate::extract::ClaimKind;
    use crate::report::testing::{add_claim, report_with_finding, source_report};

    fn rendered(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn line(f: &FileReport) -> String {
        let mut out = Vec::new();
        super::super::jsonl::render_file(f, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Both formats of `report` are byte-identical to `serde_json`'s.
    fn assert_like_serde(report: &Report) {
        assert_eq!(rendered(report), oracle::pretty(report));
        for f in &report.files {
            assert_eq!(line(f), oracle::line(f));
        }
    }

    const FLOATS: &[f64] = &[
        0.0,
        -0.0,
        1e-7,
        1e15,
        1e16,
        1e300,
        -1e300,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.1 + 0.2,
        5e-324,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        76.0,
        1_130_000_000.0,
        -3.5,
        123_456_789.123,
        1e21,
        1e-5,
        0.001,
        -1.5e-10,
        51.851_851,
        999_999_999_999_999.9,
        // Whole numbers on both sides of the integer fast path's bounds.
        1.0,
        -1.0,
        -76.0,
        2004.0,
        999_999_999_999_999.0,
        -999_999_999_999_999.0,
        1e15 + 1.0,
        9_007_199_254_740_993.0,
        9.223_372_036_854_776e18,
        -9.223_372_036_854_776e18,
        1.8e19,
    ];

    /// Text that needs every kind of escape, and some that must stay raw.
    const AWKWARD: &str = "\"quoted\" back\\slash \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \
                           del\u{7f} ls\u{2028}ps\u{2029} £€ 😀 /slash/ </script>";

    fn awkward_report() -> Report {
        let text = format!("Rose 34 per cent, from 108 to 164. {AWKWARD}\nEnd 7% here.\n");
        let mut f = source_report("dir\\\"odd\u{2028}\u{1}path\".txt", &text);
        let a = add_claim(&mut f, "34 per cent", 0, ClaimKind::Percent);
        let b = add_claim(&mut f, "108", 0, ClaimKind::Count);
        // A claim over the awkward text itself, so `text` needs every escape.
        let start = text.find(AWKWARD).unwrap();
        let id = f.analysis.claims.len();
        let mut weird = f.analysis.claims[b].clone();
        weird.id = id;
        weird.span = crate::Span::new(start, start + AWKWARD.len());
        f.analysis.claims.push(weird);
        add_claim(&mut f, "7%", 0, ClaimKind::Percent);
        let hedges = [
            Hedge::About,
            Hedge::JustUnder,
            Hedge::MoreThan,
            Hedge::AtMost,
        ];
        for (i, c) in f.analysis.claims.iter_mut().enumerate() {
            c.quantity.value = FLOATS[i % FLOATS.len()];
            c.quantity.step = FLOATS[(i + 5) % FLOATS.len()];
            c.hedge = hedges.get(i).copied();
            c.currency = [Some("GBP"), None, Some("a\"b")][i % 3];
            c.noun = [Some(AWKWARD.to_owned()), None, Some("offences".to_owned())]
                .get(i % 3)
                .cloned()
                .flatten();
        }
        f.analysis.checks = FLOATS
            .iter()
            .enumerate()
            .map(|(i, &v)| Check {
                rule: if i % 2 == 0 {
                    "percent-change"
                } else {
                    "odd\"rule\n"
                },
                verdict: if i % 3 == 0 {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                severity: if i % 2 == 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                claim: a,
                evidence: (0..i % 3).collect(),
                stated: v,
                computed: FLOATS[(i + 1) % FLOATS.len()],
                tolerance: Interval {
                    lo: v,
                    hi: FLOATS[(i + 2) % FLOATS.len()],
                },
                computed_range: Interval {
                    lo: FLOATS[(i + 3) % FLOATS.len()],
                    hi: v,
                },
                message: format!("{AWKWARD} {i}"),
            })
            .collect();
        Report {
            files: vec![
                f,
                report_with_finding(),
                source_report("empty.txt", ""),
                source_report("no-claims.txt", "Nothing here.\nAt all.\n"),
            ],
            errors: vec![
                crate::Error::Io {
                    path: "missing \"x\".txt".to_owned(),
                    message: format!("no such file {AWKWARD}"),
                },
                crate::Error::Binary {
                    path: "b.bin".to_owned(),
                    offset: 8,
                },
            ],
        }
    }

    #[test]
    fn awkward_strings_and_floats_match_serde_json() {
        let report = awkward_report();
        assert_like_serde(&report);
        let text = rendered(&report);
        // The escapes are really there, and U+2028 is left raw as serde_json does.
        assert!(text.contains(r#"\"quoted\" back\\slash \u0000\u0001\b\t\n\u000b\f\r\u001f"#));
        assert!(text.contains("del\u{7f} ls\u{2028}ps\u{2029}"));
        for s in [
            "1e-7",
            "1e+16",
            "1e+300",
            "-0.0",
            "0.30000000000000004",
            "null",
        ] {
            assert!(text.contains(s), "{s}");
        }
    }

    #[test]
    fn simple_reports_match_serde_json() {
        assert_like_serde(&Report::default());
        assert_like_serde(&Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        });
        assert_like_serde(&Report {
            files: vec![source_report("empty.txt", "")],
            errors: Vec::new(),
        });
        assert_like_serde(&Report {
            files: Vec::new(),
            errors: vec![crate::Error::IsDirectory {
                path: "d".to_owned(),
            }],
        });
    }

    #[test]
    fn real_analysis_matches_serde_json() {
        let text = include_str!("../../corpus/armed-units.txt");
        let source = crate::Source {
            path: "corpus/armed-units.txt".to_owned(),
            text: text.to_owned(),
        };
        assert_like_serde(&Report {
            files: vec![FileReport::new(source)],
            errors: Vec::new(),
        });
    }

    #[test]
    fn enum_names_are_serdes() {
        let json = |v: &dyn erased::Ser| v.json();
        for h in [
            Hedge::About,
            Hedge::Around,
            Hedge::Approximately,
            Hedge::Some,
            Hedge::Roughly,
            Hedge::Nearly,
            Hedge::Almost,
            Hedge::JustUnder,
            Hedge::MoreThan,
            Hedge::Over,
            Hedge::Above,
            Hedge::AtLeast,
            Hedge::UpTo,
            Hedge::LessThan,
            Hedge::Under,
            Hedge::Below,
            Hedge::AtMost,
        ] {
            assert_eq!(json(&h), format!("\"{}\"", hedge_name(h)));
        }
        for v in [Verdict::Consistent, Verdict::Inconsistent] {
            assert_eq!(json(&v), format!("\"{}\"", verdict_name(v)));
        }
        for s in [Severity::Warning, Severity::Error] {
            assert_eq!(json(&s), format!("\"{}\"", severity_name(s)));
        }
        for k in [
            ClaimKind::Count,
            ClaimKind::Percent,
            ClaimKind::Points,
            ClaimKind::Year,
            ClaimKind::Money,
            ClaimKind::Fraction,
            ClaimKind::Multiplier,
            ClaimKind::Date,
            ClaimKind::Time,
            ClaimKind::Ordinal,
            ClaimKind::Age,
            ClaimKind::Score,
            ClaimKind::Duration,
            ClaimKind::Decade,
        ] {
            assert_eq!(json(&k), format!("\"{}\"", k.as_str()));
        }
    }

    mod erased {
        /// `serde_json` of any of the enums, behind one object-safe trait.
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    /// A writer that records the size of every write.
    struct Sizes(Vec<usize>, Vec<u8>);

    impl Write for Sizes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.len());
            self.1.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_large_report_is_written_in_bounded_chunks() {
        let text = "Up 5% to 105 from 100.\n".repeat(20_000);
        let mut f = source_report("big.txt", &text);
        let mut from = 0;
        for _ in 0..2_000 {
            add_claim(&mut f, "5%", from, ClaimKind::Percent);
            from += 23;
        }
        let report = Report {
            files: vec![f],
            errors: Vec::new(),
        };
        let mut sizes = Sizes(Vec::new(), Vec::new());
        render(&report, &mut sizes).unwrap();
        assert!(sizes.0.len() > 10, "{:?}", sizes.0);
        assert!(sizes.0.iter().all(|&n| n < CHUNK + 1024), "{:?}", sizes.0);
        assert_eq!(String::from_utf8(sizes.1).unwrap(), oracle::pretty(&report));
    }

    /// A writer whose reader has gone away.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_broken_pipe_stays_a_broken_pipe() {
        let report = Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        };
        let e = render(&report, &mut Closed).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let e = super::super::jsonl::render(&report, &mut Closed).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any strings and any floats, in every place they can appear.
        #[test]
        fn any_strings_and_floats_match_serde_json(
            path in "\\PC{0,20}|[\\x00-\\x7f]{0,20}",
            text in "[\\x00-\\x7f]{1,40}|\\PC{1,40}",
            noun in proptest::option::of("[\\x00-\\x7f\u{2028}é]{0,12}"),
            message in "[\\x00-\\x7f\u{2028}é]{0,30}",
            bits in proptest::collection::vec(proptest::num::u64::ANY, 6),
            floats in proptest::collection::vec(proptest::num::f64::ANY, 6),
            wholes in proptest::collection::vec(-2e16..2e16f64, 6),
            mix in proptest::num::u16::ANY,
        ) {
            let mut f = source_report(&path, &text);
            let mut v: Vec<f64> = bits.into_iter().map(f64::from_bits).collect();
            v.extend(floats);
            // Whole numbers, the integer fast path and its edges, in random places.
            for (i, w) in wholes.into_iter().enumerate() {
                let at = (usize::from(mix) >> i) % v.len();
                v[at] = if i % 2 == 0 { w.trunc() } else { (w / 1e10).trunc() };
            }
            let end = text.len();
            f.analysis.claims.push(Claim {
                id: 0,
                kind: ClaimKind::Money,
                span: crate::Span::new(0, end),
                sentence: 0,
                quantity: crate::extract::Quantity { value: v[0], step: v[1], scaled: false },
                hedge: Some(Hedge::UpTo),
                currency: Some("EUR"),
                noun,
            });
            f.analysis.checks.push(Check {
                rule: "ratio",
                verdict: Verdict::Inconsistent,
                severity: Severity::Error,
                claim: 0,
                evidence: vec![0],
                stated: v[2],
                computed: v[3],
                tolerance: Interval { lo: v[4], hi: v[5] },
                computed_range: Interval { lo: v[6], hi: v[7] },
                message,
            });
            let mut g = source_report("g", "x");
            g.analysis.checks.push(Check {
                rule: "ratio",
                verdict: Verdict::Consistent,
                severity: Severity::Warning,
                claim: 3,
                evidence: Vec::new(),
                stated: v[8],
                computed: v[9],
                tolerance: Interval { lo: v[10], hi: v[11] },
                computed_range: Interval { lo: v[0], hi: v[1] },
                message: String::new(),
            });
            assert_like_serde(&Report { files: vec![f, g], errors: Vec::new() });
        }
    }
}
