//! Reports: the analysed files and the errors of one run, and the renderers that
//! turn them into text for a person, JSON for editors' tools, SARIF and GitHub
//! workflow commands for CI, and a self-contained HTML page for reading.
//!
//! The [`Report`] is the one seam between the pipeline and every output format:
//! a renderer reads it and writes bytes, nothing else. One file per format.

pub mod github;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod sarif;
pub mod text;

use std::io::{self, Write};

use crate::check::{Severity, Verdict};
use crate::source::LineCursor;
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
    /// Analyses a plain-text article.
    #[must_use]
    pub fn new(source: Source) -> Self {
        Self::with_markup(source, crate::markup::Markup::Text)
    }

    /// Analyses an article in `markup`: the pipeline reads its prose, and every
    /// span is mapped back to the original bytes; checks silenced by inline
    /// `claimcheck-disable` comments are dropped and counted.
    #[must_use]
    pub fn with_markup(source: Source, markup: crate::markup::Markup) -> Self {
        Self::analyze(source, markup, &crate::Settings::default())
    }

    /// [`FileReport::with_markup`] under a configuration's text settings (extra
    /// abbreviations, hedges, default currency).
    #[must_use]
    pub fn analyze(
        source: Source,
        markup: crate::markup::Markup,
        settings: &crate::Settings,
    ) -> Self {
        let prose = crate::markup::prose(&source.text, markup);
        let mut analysis = crate::analyze_with(&prose.text, settings);
        let suppressed = prose.remap(&mut analysis).len();
        drop(prose);
        let lines = LineIndex::new(&source.text);
        Self {
            source,
            analysis,
            lines,
            suppressed,
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
    /// Percentages and percentage points that no check used (see [`unchecked`]).
    pub unchecked: usize,
    /// Findings removed by a baseline or an inline suppression.
    pub suppressed: usize,
    pub errors: usize,
}

impl Summary {
    /// Counts one more file: what a streamed run keeps of each file once its
    /// output is written.
    pub fn add_file(&mut self, f: &FileReport) {
        let a = &f.analysis;
        self.files += 1;
        self.sentences += a.sentences.len();
        self.claims += a.claims.len();
        self.checks += a.checks.len();
        for c in &a.checks {
            match c.verdict {
                Verdict::Consistent => self.consistent += 1,
                Verdict::Inconsistent => {
                    self.inconsistent += 1;
                    if c.severity == Severity::Warning {
                        self.warnings += 1;
                    }
                }
            }
        }
        self.unchecked += unchecked(f).count();
        self.suppressed += f.suppressed;
    }

    /// Adds the counts of `other`, a summary of other files.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.sentences += other.sentences;
        self.claims += other.claims;
        self.checks += other.checks;
        self.consistent += other.consistent;
        self.inconsistent += other.inconsistent;
        self.warnings += other.warnings;
        self.unchecked += other.unchecked;
        self.suppressed += other.suppressed;
        self.errors += other.errors;
    }
}

impl Report {
    #[must_use]
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            errors: self.errors.len(),
            ..Summary::default()
        };
        for f in &self.files {
            s.add_file(f);
        }
        s
    }

    /// The exit code the run deserves: 2 on any error, else 1 when any check is an
    /// inconsistency of severity error, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self.errors.is_empty() {
            u8::from(self.files.iter().any(FileReport::has_errors))
        } else {
            2
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

/// Where a claim sits, for formats that speak in lines and columns (SARIF, GitHub
/// annotations, the HTML notes). Columns count characters and are 1-based; `end_*`
/// is the position just after the claim's last character, as SARIF wants it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// The [`Position`] of every claim of `f`, indexed by claim id.
///
/// Claims are sorted by span, so their starts increase and one [`LineCursor`]
/// walks them in a single pass; the ends get a second cursor, so the whole lookup
/// stays linear in the file even for a 100 MB article on one line (nested claims,
/// whose ends go backwards, only cost a recount of their own line).
#[must_use]
pub fn positions(f: &FileReport) -> Vec<Position> {
    let text = &f.source.text;
    let mut starts = LineCursor::new(text, &f.lines);
    let mut ends = LineCursor::new(text, &f.lines);
    f.analysis
        .claims
        .iter()
        .map(|c| {
            let (line, column) = starts.line_col(c.span.start);
            let (end_line, end_column) = ends.line_col(c.span.end);
            Position {
                line,
                column,
                end_line,
                end_column,
            }
        })
        .collect()
}

/// An interval end as the reports print it: four decimals at most, `∞` for the
/// open end of a hedge like `more than 30%`.
pub(crate) fn bound(v: f64) -> String {
    if v.is_finite() {
        crate::check::fmt_num(v, 4)
    } else if v > 0.0 {
        "∞".to_owned()
    } else {
        "-∞".to_owned()
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics for a person, in the style of rustc and ruff.
    Text,
    /// The versioned JSON report for editors' tools (docs/json-report.md).
    Json,
    /// One JSON object per file per line, for pipelines over large archives.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other CI dashboards.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per inconsistency.
    Github,
    /// One self-contained HTML page with every claim highlighted.
    Html,
}

/// Options that change how a report is rendered, not what it contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent display switches straight from the command line"
)]
pub struct RenderOptions {
    pub color: bool,
    pub show_unchecked: bool,
    pub show_consistent: bool,
    pub quiet: bool,
}

/// Renders `report` in `format`.
///
/// The renderers write in many small pieces and the CLI's stdout is line-buffered,
/// so without a buffer here every line of pretty JSON is its own `write(2)`: a
/// 17 MB article's JSON report took 55 s instead of 2.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(
    report: &Report,
    format: Format,
    opts: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = io::BufWriter::with_capacity(64 * 1024, out);
    let out: &mut dyn Write = &mut buf;
    match format {
        Format::Text => text::render(report, opts, out),
        Format::Json => json::render(report, out),
        Format::Jsonl => jsonl::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Github => github::render(report, out),
        Format::Html => html::render(report, out),
    }?;
    buf.flush()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Reports built by hand for renderer tests: the check rules and the extractor
    //! change under other work, and a renderer test must not change with them.
    use super::FileReport;
    use crate::check::{Check, Interval, Severity, Verdict};
    use crate::extract::{Claim, ClaimKind, Quantity};
    use crate::segment::Sentence;
    use crate::{Analysis, LineIndex, Source, Span};

    /// A file with one sentence per line and no claims or checks.
    pub fn source_report(path: &str, text: &str) -> FileReport {
        let mut sentences = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end();
            if !body.is_empty() {
                sentences.push(Sentence {
                    span: Span::new(start, start + body.len()),
                });
            }
            start += line.len();
        }
        FileReport {
            source: Source {
                path: path.to_owned(),
                text: text.to_owned(),
            },
            analysis: Analysis {
                sentences,
                claims: Vec::new(),
                checks: Vec::new(),
            },
            lines: LineIndex::new(text),
            suppressed: 0,
        }
    }

    /// Adds a claim over the first occurrence of `needle` at or after byte `from`.
    pub fn add_claim(f: &mut FileReport, needle: &str, from: usize, kind: ClaimKind) -> usize {
        let start = from + f.source.text[from..].find(needle).expect("needle in text");
        let id = f.analysis.claims.len();
        let value = needle
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .unwrap_or(0.0);
        f.analysis.claims.push(Claim {
            id,
            kind,
            span: Span::new(start, start + needle.len()),
            sentence: crate::extract::sentence_of(&f.analysis.sentences, start),
            quantity: Quantity::exact(value),
            hedge: None,
            currency: None,
            noun: None,
        });
        id
    }

    /// `"… 34 per cent rise, from 108 offences to 164"`: 108 → 164 is +51.9%, so
    /// the 34 is flagged; a second line holds a consistent check and an unchecked
    /// percentage, and the path needs escaping in every format.
    pub fn report_with_finding() -> FileReport {
        let text = "Crime rose 34 per cent, from 108 offences to 164.\n\
                    Fines fell 10%, from £100 to £90, while 7% were unpaid.\n";
        let mut f = source_report("news/crime, 100%: a.txt", text);
        let stated = add_claim(&mut f, "34 per cent", 0, ClaimKind::Percent);
        let from = add_claim(&mut f, "108", 0, ClaimKind::Count);
        let to = add_claim(&mut f, "164", 0, ClaimKind::Count);
        let line2 = text.find('\n').expect("two lines") + 1;
        let fell = add_claim(&mut f, "10%", line2, ClaimKind::Percent);
        let a = add_claim(&mut f, "£100", line2, ClaimKind::Money);
        let b = add_claim(&mut f, "£90", line2, ClaimKind::Money);
        add_claim(&mut f, "7%", line2, ClaimKind::Percent);
        f.analysis.checks = vec![
            Check {
                rule: "percent-change",
                verdict: Verdict::Inconsistent,
                severity: Severity::Error,
                claim: stated,
                evidence: vec![from, to],
                stated: 34.0,
                computed: 51.85,
                tolerance: Interval::new(33.5, 34.5),
                computed_range: Interval::point(51.851_851),
                message: "stated 34%, but 108 → 164 is +51.9%".to_owned(),
            },
            Check {
                rule: "percent-change",
                verdict: Verdict::Consistent,
                severity: Severity::Error,
                claim: fell,
                evidence: vec![a, b],
                stated: -10.0,
                computed: -10.0,
                tolerance: Interval::new(-10.5, -9.5),
                computed_range: Interval::point(-10.0),
                message: "stated -10%, and £100 → £90 is -10%".to_owned(),
            },
        ];
        f
    }
}
