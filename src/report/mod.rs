//! Reports: the analysed files and the errors of one run, and the renderers that
//! turn them into text for a person or JSON for editors' tools.
//!
//! The [`Report`] is the one seam between the pipeline and every output format:
//! a renderer reads it and writes bytes, nothing else.

pub mod json;
pub mod text;

use std::io::{self, Write};

use crate::check::{Severity, Verdict};
use crate::{Analysis, Error, LineIndex, Source};

/// One analysed file.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub source: Source,
    pub analysis: Analysis,
    pub lines: LineIndex,
    /// Findings removed by a baseline or an inline suppression.
    pub suppressed: usize,
}

impl FileReport {
    #[must_use]
    pub fn new(source: Source) -> Self {
        let analysis = crate::analyze(&source.text);
        let lines = LineIndex::new(&source.text);
        Self {
            source,
            analysis,
            lines,
            suppressed: 0,
        }
    }

    /// Whether any check is an inconsistency of severity error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.analysis
            .checks
            .iter()
            .any(|c| c.verdict == Verdict::Inconsistent && c.severity == Severity::Error)
    }

    /// Whether claim `id` is the subject or evidence of any check.
    #[must_use]
    pub fn checked_claims(&self) -> Vec<bool> {
        let mut checked = vec![false; self.analysis.claims.len()];
        for c in &self.analysis.checks {
            for id in std::iter::once(c.claim).chain(c.evidence.iter().copied()) {
                if let Some(slot) = checked.get_mut(id) {
                    *slot = true;
                }
            }
        }
        checked
    }
}

/// Everything one run produced, in input order.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub errors: Vec<Error>,
}

/// Totals over a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub sentences: usize,
    pub claims: usize,
    pub checks: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    /// Inconsistent checks of severity warning (wording notes), counted in `inconsistent` too.
    pub warnings: usize,
    /// Percentages, changes and other checkable claims no rule could check.
    pub unchecked: usize,
    /// Findings removed by a baseline or an inline suppression.
    pub suppressed: usize,
    pub errors: usize,
}

impl Report {
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.len(),
            errors: self.errors.len(),
            ..Summary::default()
        };
        for f in &self.files {
            let a = &f.analysis;
            s.sentences += a.sentences.len();
            s.claims += a.claims.len();
            s.checks += a.checks.len();
            for c in &a.checks {
                match c.verdict {
                    Verdict::Consistent => s.consistent += 1,
                    Verdict::Inconsistent => {
                        s.inconsistent += 1;
                        if c.severity == Severity::Warning {
                            s.warnings += 1;
                        }
                    }
                }
            }
            s.unchecked += unchecked(f).count();
            s.suppressed += f.suppressed;
        }
        s
    }

    /// The exit code the run deserves: 2 on any error, else 1 when any check is an
    /// inconsistency of severity error, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.files.iter().any(FileReport::has_errors) {
            1
        } else {
            0
        }
    }
}

/// Claims an editor must verify by hand: percentages (and points) that no check used.
pub fn unchecked(f: &FileReport) -> impl Iterator<Item = &crate::extract::Claim> {
    let checked = f.checked_claims();
    f.analysis.claims.iter().filter(move |c| {
        matches!(
            c.kind,
            crate::extract::ClaimKind::Percent | crate::extract::ClaimKind::Points
        ) && !checked.get(c.id).copied().unwrap_or(false)
    })
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, in the style of rustc and ruff.
    Text,
    /// The versioned JSON report for editors' tools (docs/json-report.md).
    Json,
}

/// Options that change how a report is rendered, not what it contains.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub color: bool,
    pub show_unchecked: bool,
    pub show_consistent: bool,
    pub quiet: bool,
}

/// Renders `report` in `format`.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(
    report: &Report,
    format: Format,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, opts, out),
        Format::Json => json::render(report, out),
    }
}
