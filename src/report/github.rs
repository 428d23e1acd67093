//! GitHub Actions workflow commands: one `::error` (or `::warning`, for checks of
//! severity warning) per inconsistent check, which the runner turns into an
//! annotation on the file and line of the claim in the pull request's diff.
//!
//! ```text
//! ::error file=news/a.txt,line=1,endLine=1,col=12,endColumn=23,title=claimcheck percent-change::stated 34%, but 108 → 164 is +51.9% (…)
//! ```
//!
//! Nothing else is written (no summary line), so every stdout line is a command.
//! An unreadable input becomes a file-level `::error` too, because in a CI log the
//! annotation is what people see; the CLI also reports it on stderr.
//!
//! Escaping follows the runner's parser (actions/toolkit `command.ts`): in the
//! message `%`, `\r` and `\n` become `%25`, `%0D`, `%0A`; property values also
//! escape `:` and `,` (`%3A`, `%2C`), which would otherwise end the value early.
//! Columns count characters and `endColumn` is the column after the claim's last
//! character, as in the SARIF output.

use std::io::{self, Write};

use super::{FileReport, Report, bound};
use crate::check::{Severity, Verdict};

/// Writes one workflow command per inconsistent check, then one per error.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &report.files {
        render_file(f, &mut out)?;
    }
    render_errors(&report.errors, &mut out)?;
    out.flush()
}

/// Writes the commands of one file's inconsistent checks: [`render`] is this for
/// each file, then [`render_errors`]. The CLI streams a run over many files so.
///
/// # Errors
/// Any error writing to `out`.
pub fn render_file(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let flagged = f
        .analysis
        .checks
        .iter()
        .filter(|c| c.verdict == Verdict::Inconsistent);
    if flagged.clone().next().is_none() {
        return Ok(());
    }
    let positions = super::positions(f);
    let path = property(&f.source.path);
    for c in flagged {
        let Some(pos) = positions.get(c.claim) else {
            continue;
        };
        let command = match c.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = format!(
            "{} (the stated value covers {}..{}; the figures allow {}..{})",
            c.message,
            bound(c.tolerance.lo),
            bound(c.tolerance.hi),
            bound(c.computed_range.lo),
            bound(c.computed_range.hi),
        );
        writeln!(
            out,
            "::{command} file={path},line={},endLine={},col={},endColumn={},title={}::{}",
            pos.line,
            pos.end_line,
            pos.column,
            pos.end_column,
            property(&format!("claimcheck {}", c.rule)),
            data(&message),
        )?;
    }
    Ok(())
}

/// Writes one file-level `::error` per unreadable input.
///
/// # Errors
/// Any error writing to `out`.
pub fn render_errors(errors: &[crate::Error], out: &mut dyn Write) -> io::Result<()> {
    for e in errors {
        writeln!(
            out,
            "::error file={},title={}::{}",
            property(e.path()),
            property("claimcheck: unreadable input"),
            data(&e.message()),
        )?;
    }
    out.flush()
}

/// Escapes a command's message (everything after the second `::`).
#[must_use]
pub fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            _ => out.push(ch),
        }
    }
    out
}

/// Escapes a property value (`file=…`, `title=…`): as [`data`], plus `:` and `,`.
#[must_use]
pub fn property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report_with_finding, source_report};

    fn github(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_error_command_per_inconsistency_with_escaped_path() {
        let out = github(&Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        });
        assert_eq!(
            out,
            "::error file=news/crime%2C 100%25%3A a.txt,line=1,endLine=1,col=12,endColumn=23,\
             title=claimcheck percent-change::stated 34%25, but 108 → 164 is +51.9%25 \
             (the stated value covers 33.5..34.5; the figures allow 51.8519..51.8519)\n"
        );
    }

    #[test]
    fn warnings_use_the_warning_command() {
        let mut f = report_with_finding();
        f.analysis.checks[0].severity = Severity::Warning;
        f.analysis.checks[0].message = "two\nlines\r".to_owned();
        let out = github(&Report {
            files: vec![f],
            errors: Vec::new(),
        });
        assert!(out.starts_with("::warning file="), "{out}");
        assert!(out.contains("::two%0Alines%0D (the stated"), "{out}");
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn errors_are_file_level_commands_and_clean_files_print_nothing() {
        let out = github(&Report {
            files: vec![source_report("ok.txt", "No figures.\n")],
            errors: vec![crate::Error::Utf8 {
                path: "bad,file.txt".to_owned(),
                offset: 3,
            }],
        });
        assert_eq!(
            out,
            "::error file=bad%2Cfile.txt,title=claimcheck%3A unreadable input::invalid UTF-8 at byte offset 3\n"
        );
        assert_eq!(github(&Report::default()), "");
    }

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("100% a:b,c\r\n"), "100%25 a:b,c%0D%0A");
        assert_eq!(property("100% a:b,c\r\n"), "100%25 a%3Ab%2Cc%0D%0A");
    }
}
