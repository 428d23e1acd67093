//! Human diagnostics in the style of rustc and ruff: `path:line:col`, the line with
//! the claim underlined and its evidence marked, the arithmetic, then a summary.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{FileReport, RenderOptions, Report, Summary};
use crate::check::{Check, Severity, Verdict, fmt_num};
use crate::source::Span;

/// Writes every inconsistency (and, on request, consistent checks and unchecked
/// claims) then a summary line.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, opts: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.files {
        render_file(f, opts, out)?;
    }
    writeln!(out, "{}", summary_line(report))
}

/// Writes one file's part of [`render`]: its diagnostics, nothing with `quiet`.
/// The CLI streams a run over many files through this, file by file, and writes
/// [`summary_text`] of their counts at the end.
///
/// # Errors
/// Any error writing to `out`.
pub fn render_file(f: &FileReport, opts: RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    if opts.quiet {
        return Ok(());
    }
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for c in &f.analysis.checks {
        if c.verdict == Verdict::Consistent && !opts.show_consistent {
            continue;
        }
        writeln!(out, "{}\n", diagnostic(&renderer, f, c))?;
    }
    if opts.show_unchecked {
        for c in super::unchecked(f) {
            let (line, col) = f.lines.line_col(&f.source.text, c.span.start);
            writeln!(
                out,
                "{}:{line}:{col}: unchecked {} `{}`: no figures in the article to check it against",
                f.source.path,
                c.kind.as_str(),
                c.span.slice(&f.source.text),
            )?;
        }
    }
    Ok(())
}

/// The lines of `text` that `span` touches, as (first line number, byte range).
fn line_range(f: &FileReport, span: Span) -> (usize, Span) {
    let text = &f.source.text;
    let first = f.lines.line(span.start);
    let last = f.lines.line(span.end.saturating_sub(1).max(span.start));
    let start = f.lines.line_start(first);
    let end = text[span.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let end = if last > first { end } else { end.max(span.end) };
    let body = text[start..end].trim_end_matches(['\r', '\n']);
    (first, Span::new(start, start + body.len()))
}

/// First line number, byte range of the lines, and the spans to mark on them
/// (with whether each is the checked claim).
type Lines = (usize, Span, Vec<(Span, bool)>);

fn diagnostic(renderer: &Renderer, f: &FileReport, c: &Check) -> String {
    let text = &f.source.text;
    let claims = &f.analysis.claims;
    let Some(subject) = claims.get(c.claim) else {
        return String::new();
    };
    let level = match (c.verdict, c.severity) {
        (Verdict::Consistent, _) => Level::NOTE,
        (Verdict::Inconsistent, Severity::Warning) => Level::WARNING,
        (Verdict::Inconsistent, Severity::Error) => Level::ERROR,
    };
    // One snippet per distinct line range: the claim's first, then its evidence.
    let mut snippets: Vec<Lines> = Vec::new();
    let spans = std::iter::once((subject.span, true)).chain(
        c.evidence
            .iter()
            .filter_map(|&id| claims.get(id))
            .map(|e| (e.span, false)),
    );
    for (span, primary) in spans {
        let (line, range) = line_range(f, span);
        match snippets.iter_mut().find(|(_, r, _)| r.contains(span)) {
            Some(s) => s.2.push((span, primary)),
            None => snippets.push((line, range, vec![(span, primary)])),
        }
    }
    let stated_label = format!("stated {}", stated_words(c, subject.kind));
    let mut group = Group::with_title(level.primary_title(c.message.as_str()).id(c.rule));
    for (line, range, anns) in &snippets {
        let mut snippet = Snippet::source(range.slice(text))
            .line_start(*line)
            .path(f.source.path.as_str());
        for (span, primary) in anns {
            let rel = span.start - range.start..span.end - range.start;
            snippet = snippet.annotation(if *primary {
                AnnotationKind::Primary
                    .span(rel)
                    .label(stated_label.as_str())
            } else {
                AnnotationKind::Context.span(rel).label("figure")
            });
        }
        group = group.element(snippet);
    }
    let note = format!(
        "the stated value covers {}..{}; the figures allow {}..{}",
        bound(c.tolerance.lo),
        bound(c.tolerance.hi),
        fmt_num(c.computed_range.lo, 2),
        fmt_num(c.computed_range.hi, 2),
    );
    let report = [
        group,
        Group::with_title(Level::NOTE.secondary_title(note.as_str())),
    ];
    renderer.render(&report)
}

/// The stated value with its unit: `34%`, `3 points`, `×2`, `£`-free plain numbers
/// for money and counts (the underlined text shows the currency).
fn stated_words(c: &Check, kind: crate::extract::ClaimKind) -> String {
    use crate::extract::ClaimKind;
    let n = fmt_num(c.stated, 2);
    match kind {
        ClaimKind::Percent | ClaimKind::Fraction => format!("{n}%"),
        ClaimKind::Points => format!("{n} points"),
        ClaimKind::Multiplier => format!("×{n}"),
        _ => n,
    }
}

fn bound(v: f64) -> String {
    if v.is_finite() {
        fmt_num(v, 4)
    } else if v > 0.0 {
        "∞".to_owned()
    } else {
        "-∞".to_owned()
    }
}

/// Counts per rule: checks, consistent, inconsistent (as `ruff --statistics`).
///
/// # Errors
/// Any error writing to `out`.
pub fn statistics(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: std::collections::BTreeMap<&str, [usize; 2]> = std::collections::BTreeMap::new();
    for f in &report.files {
        for c in &f.analysis.checks {
            let row = rows.entry(c.rule).or_default();
            match c.verdict {
                Verdict::Consistent => row[0] += 1,
                Verdict::Inconsistent => row[1] += 1,
            }
        }
    }
    writeln!(
        out,
        "{:<24} {:>10} {:>12}",
        "rule", "consistent", "inconsistent"
    )?;
    for (rule, [ok, bad]) in rows {
        writeln!(out, "{rule:<24} {ok:>10} {bad:>12}")?;
    }
    Ok(())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `checked 1 file: 13 sentences, 21 claims, 2 checks (1 consistent, 1 inconsistent), 0 unchecked`.
#[must_use]
pub fn summary_line(report: &Report) -> String {
    summary_text(&report.summary())
}

/// The summary line of a run with the totals `s`.
#[must_use]
pub fn summary_text(s: &Summary) -> String {
    let mut line = format!(
        "checked {}: {}, {}, {} ({} consistent, {} inconsistent), {}",
        plural(s.files, "file", "files"),
        plural(s.sentences, "sentence", "sentences"),
        plural(s.claims, "claim", "claims"),
        plural(s.checks, "check", "checks"),
        s.consistent,
        s.inconsistent,
        plural(s.unchecked, "unchecked percentage", "unchecked percentages"),
    );
    if s.errors > 0 {
        line.push_str(", ");
        line.push_str(&plural(s.errors, "error", "errors"));
    }
    line
}
