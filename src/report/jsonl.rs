//! JSON Lines: one compact JSON object per analysed file per line, for pipelines
//! over large archives (`claimcheck --format jsonl archive/*.txt | jq …`).
//!
//! Each line is exactly the per-file object of the JSON report's `files[]`
//! (docs/json-report.md), with `"version": 1` first so a line read on its own still
//! names its contract. The members are written by json.rs's `file_members`, so the
//! two formats cannot drift.
//! Unreadable inputs produce no line: the CLI reports them on stderr and in the exit
//! code, and a stream whose lines all have one shape is simpler to consume.

use std::io::{self, Write};

use super::json::{self, Emitter, VERSION};
use super::{FileReport, Report};

/// Renders one record, `{"version":1,` then the file's members, into `e`.
fn record(e: &mut Emitter<'_, false>, f: &FileReport) -> io::Result<()> {
    e.raw(b"{");
    e.key(1, true, "version");
    e.int(VERSION as usize);
    json::file_members(e, false, f)?;
    e.close(0, false, b'}');
    e.raw(b"\n");
    e.spill()
}

/// Writes one file's record as one line, newline included, and flushes `out`.
/// The CLI calls this as each file finishes, so a consumer sees results before
/// the whole run ends.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render_file(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let mut e = Emitter::new(&mut *out);
    record(&mut e, f)?;
    e.finish()?;
    out.flush()
}

/// Writes one line per file, in input order; nothing at all for zero files. The
/// records share one buffer and reach `out` in large chunks: a whole report needs
/// no flush per file.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut e = Emitter::new(out);
    for f in &report.files {
        record(&mut e, f)?;
    }
    e.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report_with_finding, source_report};

    #[test]
    fn one_line_per_file_with_version_first() {
        let report = Report {
            files: vec![source_report("a.txt", "Up 5%.\n"), report_with_finding()],
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(text.ends_with('\n'));
        assert!(
            lines[0].starts_with(r#"{"version":1,"path":"a.txt","#),
            "{}",
            lines[0]
        );
        let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["checks"][0]["rule"], "percent-change");
        assert_eq!(second["checks"][0]["verdict"], "inconsistent");
        assert_eq!(second["claims"][0]["text"], "34 per cent");
    }

    #[test]
    fn zero_files_write_nothing() {
        let mut out = Vec::new();
        render(&Report::default(), &mut out).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn line_equals_the_json_reports_file_plus_version() {
        let f = report_with_finding();
        let mut line = Vec::new();
        render_file(&f, &mut line).unwrap();
        let line: serde_json::Value = serde_json::from_slice(&line).unwrap();
        let report = Report {
            files: vec![f],
            errors: Vec::new(),
        };
        let mut whole = Vec::new();
        json::render(&report, &mut whole).unwrap();
        let whole: serde_json::Value = serde_json::from_slice(&whole).unwrap();
        let mut expected = whole["files"][0].clone();
        expected["version"] = serde_json::json!(1);
        assert_eq!(line, expected);
    }
}
