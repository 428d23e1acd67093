//! One self-contained HTML page: a summary table, then every article with every
//! claim highlighted by its status, and the arithmetic of each check on hover or
//! keyboard focus, with the check's evidence highlighted alongside.
//!
//! Invariants, each tested:
//! - **Article text is data, never markup.** Everything from the input (text, paths,
//!   messages) goes through `escape`; claims are cut out of the text by their byte
//!   spans and the text between them is escaped too, so `<script>` in an article
//!   shows as text. A Content-Security-Policy allows only the page's own script,
//!   by hash, as a second line of defence.
//! - **No network.** CSS and JS are inline; the CSP's `default-src 'none'` forbids
//!   every fetch, so even a bug could not load anything.
//! - **Colour is never the only signal.** Each status has its own underline style
//!   and marker (wavy + ✗ inconsistent, solid + ✓ consistent, dotted + ? unchecked,
//!   thin dashed for other figures), explained in a legend.
//! - **Keyboard first.** Every claim is a tab stop with `aria-describedby` pointing
//!   at its note, so screen readers read the arithmetic without the tooltip, and
//!   focus is always visible.
//! - Linear in the report: one pass over each text and its claims.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileReport, Position, Report, bound};
use crate::check::{Check, Severity, Verdict};
use crate::extract::{Claim, ClaimKind};

/// What a claim's highlight says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// The subject of a check that does not add up.
    Inconsistent,
    /// The subject of checks that all add up.
    Consistent,
    /// A percentage or points no check used: verify by hand.
    Unchecked,
    /// Any other number: evidence for a check, or not checkable.
    Figure,
}

impl Status {
    fn class(self) -> &'static str {
        match self {
            Self::Inconsistent => "inconsistent",
            Self::Consistent => "consistent",
            Self::Unchecked => "unchecked",
            Self::Figure => "figure",
        }
    }
}

/// The page's script. The CSP below allows it by this exact text's SHA-256, so any
/// edit here must update [`SCRIPT_SHA256`] (a unit test recomputes it, and the
/// browser test fails when the script does not run).
const SCRIPT: &str = r#"
(function () {
  "use strict";
  var tip = document.getElementById("tip");
  var active = null;
  function evidence(el) {
    var ids = (el.getAttribute("data-evidence") || "").split(" ");
    var out = [];
    for (var i = 0; i < ids.length; i++) {
      var e = ids[i] ? document.getElementById(ids[i]) : null;
      if (e) { out.push(e); }
    }
    return out;
  }
  function hide() {
    if (!active) { return; }
    active.classList.remove("active");
    evidence(active).forEach(function (e) { e.classList.remove("evidence"); });
    active = null;
    tip.hidden = true;
  }
  function show(el) {
    if (active === el) { return; }
    hide();
    var note = document.getElementById(el.getAttribute("aria-describedby") || "");
    if (!note) { return; }
    active = el;
    el.classList.add("active");
    evidence(el).forEach(function (e) { e.classList.add("evidence"); });
    tip.textContent = note.textContent.replace(/\s+/g, " ").trim();
    tip.hidden = false;
    var r = el.getBoundingClientRect();
    var left = Math.min(r.left, document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = (Math.max(8, left) + window.scrollX) + "px";
    tip.style.top = (r.bottom + window.scrollY) + "px";
  }
  function claimOf(t) {
    return t && t.closest ? t.closest("mark.claim[aria-describedby]") : null;
  }
  document.addEventListener("mouseover", function (ev) {
    var c = claimOf(ev.target);
    if (c) { show(c); }
  });
  // The tooltip touches the claim and counts as part of it, so the pointer can
  // move onto it to read it (WCAG 2.2, 1.4.13 "hoverable").
  function inside(n) {
    return !!n && !!active && (active.contains(n) || tip.contains(n));
  }
  document.addEventListener("mouseout", function (ev) {
    if (!active || document.activeElement === active) { return; }
    if (inside(ev.target) && !inside(ev.relatedTarget)) { hide(); }
  });
  document.addEventListener("focusin", function (ev) {
    var c = claimOf(ev.target);
    if (c) { show(c); } else { hide(); }
  });
  document.addEventListener("focusout", function (ev) {
    if (claimOf(ev.target) === active) { hide(); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hide(); }
  });
  document.body.setAttribute("data-ready", "1");
})();
"#;

/// Base64 SHA-256 of [`SCRIPT`], for the CSP's `script-src`.
const SCRIPT_SHA256: &str = "YwIK/KWr5bgp5MnC5xZQSs0nFohJJxDrf7tnpM690BM=";

const STYLE: &str = r#"
:root { color-scheme: light; --bad: #b3261e; --good: #1d6b33; --unk: #8a5300; --focus: #1a4fd6; }
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; } h3 { font-size: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; padding-bottom: .25rem; }
th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tfoot td, thead th { font-weight: bold; background: #f2f2f2; }
a:focus-visible, .claim:focus-visible, .claim:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, "Times New Roman", serif;
  line-height: 1.9; border: 1px solid #ccc; border-radius: 4px; padding: 1rem 1.25rem; }
mark.claim { color: inherit; background: none; border-radius: 2px; cursor: help;
  text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: .25em;
  text-decoration-skip-ink: none; }
/* inline-block keeps the claim's underline off its marker */
.claim::after { display: inline-block; font: bold .7em system-ui, sans-serif; vertical-align: super;
  margin-left: 1px; text-decoration: none; }
.claim.inconsistent { text-decoration-style: wavy; text-decoration-color: var(--bad); background: #fde7e5; }
.claim.inconsistent::after { content: "\2717"; content: "\2717" / ""; color: var(--bad); }
.claim.inconsistent.warning { text-decoration-color: var(--unk); }
.claim.consistent { text-decoration-style: solid; text-decoration-color: var(--good); background: #e2f3e6; }
.claim.consistent::after { content: "\2713"; content: "\2713" / ""; color: var(--good); }
.claim.unchecked { text-decoration-style: dotted; text-decoration-color: var(--unk); background: #fff3d6; }
.claim.unchecked::after { content: "?"; content: "?" / ""; color: var(--unk); }
.claim.figure { text-decoration-style: dashed; text-decoration-thickness: 1px; text-decoration-color: #777; }
.claim.evidence { background: #d8e5ff; outline: 2px dashed var(--focus); outline-offset: 1px; }
.claim.active { background: #ffe27a; }
.claim:target { outline: 3px double var(--focus); }
.notes li { margin: .4rem 0; }
.verdict { font-weight: bold; }
.notes .inconsistent .verdict { color: var(--bad); }
.notes .consistent .verdict { color: var(--good); }
.notes .unchecked .verdict { color: var(--unk); }
#tip { position: absolute; z-index: 10; max-width: 30rem; padding: .5rem .75rem; border-radius: 4px;
  background: #1b1b1b; color: #fff; font-size: .9rem; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
#tip[hidden] { display: none; }
@media (forced-colors: active) {
  .claim.evidence, .claim.active { outline: 2px dashed CanvasText; }
}
"#;

/// Writes the whole page.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let out: &mut dyn Write = &mut out;
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'sha256-{SCRIPT_SHA256}'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"claimcheck {}\">\n\
         <title>claimcheck report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    out.write_all(b"<header>\n<h1>claimcheck report</h1>\n")?;
    summary(report, out)?;
    legend(out)?;
    out.write_all(b"</header>\n<main>\n")?;
    for (i, f) in report.files.iter().enumerate() {
        article(i + 1, f, out)?;
    }
    out.write_all(b"</main>\n")?;
    write!(
        out,
        "<div id=\"tip\" role=\"tooltip\" hidden></div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )?;
    out.flush()
}

/// Per-file counts for the summary table.
#[derive(Clone, Copy, Default)]
struct Counts {
    claims: usize,
    checks: usize,
    consistent: usize,
    inconsistent: usize,
    unchecked: usize,
}

impl Counts {
    fn of(f: &FileReport) -> Self {
        let checks = &f.analysis.checks;
        let inconsistent = checks
            .iter()
            .filter(|c| c.verdict == Verdict::Inconsistent)
            .count();
        Self {
            claims: f.analysis.claims.len(),
            checks: checks.len(),
            consistent: checks.len() - inconsistent,
            inconsistent,
            unchecked: super::unchecked(f).count(),
        }
    }

    fn add(&mut self, o: Self) {
        self.claims += o.claims;
        self.checks += o.checks;
        self.consistent += o.consistent;
        self.inconsistent += o.inconsistent;
        self.unchecked += o.unchecked;
    }

    fn cells(self, out: &mut dyn Write) -> io::Result<()> {
        for n in [
            self.claims,
            self.checks,
            self.consistent,
            self.inconsistent,
            self.unchecked,
        ] {
            write!(out, "<td>{n}</td>")?;
        }
        Ok(())
    }
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let files = report.files.len();
    writeln!(
        out,
        "<section aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<table>\n\
         <caption>{files} {}{}</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Claims</th>\
         <th scope=\"col\">Checks</th><th scope=\"col\">Consistent</th><th scope=\"col\">Inconsistent</th>\
         <th scope=\"col\">Unchecked</th></tr></thead>\n<tbody>",
        if files == 1 { "file" } else { "files" },
        match report.errors.len() {
            0 => String::new(),
            1 => ", 1 input could not be read".to_owned(),
            n => format!(", {n} inputs could not be read"),
        },
    )?;
    let mut total = Counts::default();
    for (i, f) in report.files.iter().enumerate() {
        let counts = Counts::of(f);
        total.add(counts);
        write!(out, "<tr><th scope=\"row\"><a href=\"#file-{}\">", i + 1)?;
        escape(out, &f.source.path)?;
        out.write_all(b"</a></th>")?;
        counts.cells(out)?;
        out.write_all(b"</tr>\n")?;
    }
    out.write_all(b"</tbody>\n<tfoot><tr><td>Total</td>")?;
    total.cells(out)?;
    out.write_all(b"</tr></tfoot>\n</table>\n")?;
    if !report.errors.is_empty() {
        out.write_all(b"<h3>Inputs that could not be read</h3>\n<ul class=\"errors\">\n")?;
        for e in &report.errors {
            out.write_all(b"<li><code>")?;
            escape(out, e.path())?;
            out.write_all(b"</code>: ")?;
            escape(out, &e.message())?;
            out.write_all(b"</li>\n")?;
        }
        out.write_all(b"</ul>\n")?;
    }
    out.write_all(b"</section>\n")
}

fn legend(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(
        "<section aria-labelledby=\"legend-h\">\n<h2 id=\"legend-h\">How to read the articles</h2>\n\
         <p>Hover over or tab to a highlighted number to see its arithmetic; the figures it was \
         checked against are highlighted with a dashed outline. Escape hides the explanation.</p>\n\
         <ul class=\"legend\">\n\
         <li><mark class=\"claim inconsistent\">34%</mark> wavy underline and ✗: does not add up</li>\n\
         <li><mark class=\"claim consistent\">25%</mark> solid underline and ✓: adds up</li>\n\
         <li><mark class=\"claim unchecked\">7%</mark> dotted underline and ?: no figures to check it \
         against, verify by hand</li>\n\
         <li><mark class=\"claim figure\">108</mark> thin dashed underline: another figure</li>\n\
         </ul>\n</section>\n"
            .as_bytes(),
    )
}

/// How each claim takes part in the file's checks, built in one pass over them.
struct Roles<'a> {
    /// Checks whose stated value is the claim, by claim id.
    subject: Vec<Vec<&'a Check>>,
    /// Checks that use the claim as evidence, by claim id.
    evidence: Vec<Vec<&'a Check>>,
}

impl<'a> Roles<'a> {
    fn of(f: &'a FileReport) -> Self {
        let n = f.analysis.claims.len();
        let mut roles = Self {
            subject: vec![Vec::new(); n],
            evidence: vec![Vec::new(); n],
        };
        for c in &f.analysis.checks {
            if let Some(v) = roles.subject.get_mut(c.claim) {
                v.push(c);
            }
            for &e in &c.evidence {
                if let Some(v) = roles.evidence.get_mut(e) {
                    v.push(c);
                }
            }
        }
        roles
    }

    fn status(&self, claim: &Claim) -> Status {
        let subject = self.subject.get(claim.id).map_or(&[][..], Vec::as_slice);
        let evidence = self.evidence.get(claim.id).map_or(&[][..], Vec::as_slice);
        if subject.iter().any(|c| c.verdict == Verdict::Inconsistent) {
            Status::Inconsistent
        } else if !subject.is_empty() {
            Status::Consistent
        } else if evidence.is_empty()
            && matches!(claim.kind, ClaimKind::Percent | ClaimKind::Points)
        {
            Status::Unchecked
        } else {
            Status::Figure
        }
    }
}

fn article(n: usize, f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let text = &f.source.text;
    let claims = &f.analysis.claims;
    let roles = Roles::of(f);
    let positions = super::positions(f);
    let statuses: Vec<Status> = claims.iter().map(|c| roles.status(c)).collect();
    let counts = Counts::of(f);

    write!(
        out,
        "<article id=\"file-{n}\" aria-labelledby=\"file-{n}-h\">\n<h2 id=\"file-{n}-h\"><code>"
    )?;
    escape(out, &f.source.path)?;
    writeln!(
        out,
        "</code></h2>\n<p>{} claims, {} checks: {} consistent, {} inconsistent; {} unchecked.</p>",
        counts.claims, counts.checks, counts.consistent, counts.inconsistent, counts.unchecked
    )?;

    // The text, with each claim wrapped in a mark. Claims are sorted by span; one
    // that overlaps the previous mark (which no extractor should produce) keeps its
    // note but gets no mark, so the text is still written exactly once.
    out.write_all(b"<div class=\"text\">")?;
    let mut pos = 0;
    for c in claims {
        let Some(body) = text.get(c.span.start..c.span.end) else {
            continue;
        };
        if c.span.start < pos || body.is_empty() {
            continue;
        }
        escape(out, text.get(pos..c.span.start).unwrap_or(""))?;
        let status = statuses.get(c.id).copied().unwrap_or(Status::Figure);
        let warning = status == Status::Inconsistent
            && roles.subject.get(c.id).is_some_and(|s| {
                s.iter()
                    .all(|k| k.verdict != Verdict::Inconsistent || k.severity == Severity::Warning)
            });
        write!(
            out,
            "<mark class=\"claim {}{}\" id=\"f{n}-c{}\" tabindex=\"0\" aria-describedby=\"f{n}-c{}-note\"",
            status.class(),
            if warning { " warning" } else { "" },
            c.id,
            c.id
        )?;
        let mut ids = String::new();
        for k in roles.subject.get(c.id).into_iter().flatten() {
            for e in &k.evidence {
                if !ids.is_empty() {
                    ids.push(' ');
                }
                let _ = write!(ids, "f{n}-c{e}");
            }
        }
        if !ids.is_empty() {
            write!(out, " data-evidence=\"{ids}\"")?;
        }
        out.write_all(b">")?;
        escape(out, body)?;
        out.write_all(b"</mark>")?;
        pos = c.span.end;
    }
    escape(out, text.get(pos..).unwrap_or(""))?;
    out.write_all(b"</div>\n")?;

    // Notes: findings (stated values and unchecked percentages) in a visible list;
    // notes on other figures stay hidden but are still read out by aria-describedby.
    let noteworthy = |c: &&Claim| statuses.get(c.id).is_some_and(|s| *s != Status::Figure);
    let mut findings = claims.iter().filter(noteworthy).peekable();
    if findings.peek().is_some() {
        writeln!(
            out,
            "<section aria-labelledby=\"file-{n}-notes-h\">\n<h3 id=\"file-{n}-notes-h\">Findings</h3>\n<ol class=\"notes\">"
        )?;
        for c in findings {
            note(n, f, c, &statuses, &roles, &positions, out)?;
        }
        out.write_all(b"</ol>\n</section>\n")?;
    } else {
        out.write_all(b"<p>No findings: no check and no unchecked percentage.</p>\n")?;
    }
    let mut figures = claims.iter().filter(|c| !noteworthy(c)).peekable();
    if figures.peek().is_some() {
        out.write_all(b"<ol hidden>\n")?;
        for c in figures {
            note(n, f, c, &statuses, &roles, &positions, out)?;
        }
        out.write_all(b"</ol>\n")?;
    }
    out.write_all(b"</article>\n")
}

/// One claim's note: where it is, then what each check says about it.
fn note(
    n: usize,
    f: &FileReport,
    c: &Claim,
    statuses: &[Status],
    roles: &Roles<'_>,
    positions: &[Position],
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = &f.source.text;
    let claims = &f.analysis.claims;
    let status = statuses.get(c.id).copied().unwrap_or(Status::Figure);
    let pos = positions.get(c.id).copied().unwrap_or_default();
    write!(
        out,
        "<li id=\"f{n}-c{}-note\" class=\"{}\"><a href=\"#f{n}-c{}\">“",
        c.id,
        status.class(),
        c.id
    )?;
    escape(out, c.span.slice(text))?;
    write!(out, "”, line {}, column {}</a>: ", pos.line, pos.column)?;
    let subject = roles.subject.get(c.id).map_or(&[][..], Vec::as_slice);
    for k in subject {
        let verdict = match (k.verdict, k.severity) {
            (Verdict::Consistent, _) => "✓ adds up",
            (Verdict::Inconsistent, Severity::Error) => "✗ does not add up",
            (Verdict::Inconsistent, Severity::Warning) => "✗ worth a second look",
        };
        write!(out, "<span class=\"verdict\">{verdict}</span> (<code>")?;
        escape(out, k.rule)?;
        out.write_all(b"</code>): ")?;
        escape(out, k.message.trim_end_matches('.'))?;
        write!(
            out,
            ". The stated value covers {}..{}; the figures allow {}..{}. ",
            bound(k.tolerance.lo),
            bound(k.tolerance.hi),
            bound(k.computed_range.lo),
            bound(k.computed_range.hi)
        )?;
    }
    if status == Status::Unchecked {
        write!(
            out,
            "<span class=\"verdict\">? unchecked</span>: a {} with no figures in the article to check \
             it against; verify it by hand. ",
            if c.kind == ClaimKind::Points {
                "change in points"
            } else {
                "percentage"
            }
        )?;
    }
    let evidence = roles.evidence.get(c.id).map_or(&[][..], Vec::as_slice);
    for k in evidence {
        out.write_all(b"Used by <code>")?;
        escape(out, k.rule)?;
        write!(out, "</code> to check <a href=\"#f{n}-c{}\">“", k.claim)?;
        escape(out, claims.get(k.claim).map_or("", |s| s.span.slice(text)))?;
        out.write_all("”</a>. ".as_bytes())?;
    }
    if subject.is_empty() && evidence.is_empty() && status != Status::Unchecked {
        write!(out, "a {}, not used by any check.", c.kind.as_str())?;
    }
    out.write_all(b"</li>\n")
}

/// Writes `s` with the five characters that matter in HTML text and in quoted
/// attribute values escaped, copying the runs between them in one write each.
fn escape(out: &mut dyn Write, s: &str) -> io::Result<()> {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&s.as_bytes()[last..i])?;
        out.write_all(rep)?;
        last = i + 1;
    }
    out.write_all(&s.as_bytes()[last..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{add_claim, report_with_finding, source_report};

    fn html(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn marks_each_claim_by_status_with_its_note() {
        let page = html(&Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        });
        assert!(
            page.contains(
                "<mark class=\"claim inconsistent\" id=\"f1-c0\" tabindex=\"0\" \
             aria-describedby=\"f1-c0-note\" data-evidence=\"f1-c1 f1-c2\">34 per cent</mark>"
            ),
            "{page}"
        );
        assert!(page.contains("<mark class=\"claim figure\" id=\"f1-c1\" tabindex=\"0\" aria-describedby=\"f1-c1-note\">108</mark>"));
        assert!(page.contains("class=\"claim consistent\" id=\"f1-c3\""));
        assert!(page.contains("class=\"claim unchecked\" id=\"f1-c6\""));
        // Every mark's note exists.
        for id in 0..7 {
            assert!(
                page.contains(&format!("<li id=\"f1-c{id}-note\"")),
                "note {id}"
            );
        }
        assert!(
            page.contains(
                "stated 34%, but 108 → 164 is +51.9%. The stated value covers 33.5..34.5"
            )
        );
        assert!(page.contains("<a href=\"#file-1\">news/crime, 100%: a.txt</a>"));
        assert!(page.contains(
            "<li id=\"f1-c2-note\" class=\"figure\"><a href=\"#f1-c2\">“164”, line 1, column 46</a>: \
             Used by <code>percent-change</code> to check <a href=\"#f1-c0\">“34 per cent”</a>. </li>"
        ), "{page}");
        assert!(page.contains("a percentage with no figures in the article"));
        assert!(page.contains("<td>Total</td><td>7</td><td>2</td><td>1</td><td>1</td><td>1</td>"));
    }

    #[test]
    fn article_markup_is_escaped() {
        let text = "<script>alert(1)</script> rose 5% & <img src=x onerror=alert(1)>\n\"q\" 'a'\n";
        let mut f = source_report("<b>x.txt", text);
        add_claim(&mut f, "1", 0, ClaimKind::Count);
        add_claim(&mut f, "5%", 0, ClaimKind::Percent);
        let page = html(&Report {
            files: vec![f],
            errors: vec![crate::Error::IsDirectory {
                path: "<img src=y onerror=alert(2)>".to_owned(),
            }],
        });
        assert!(!page.contains("<script>alert"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(!page.contains("<b>x"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(<mark class=\"claim figure\""));
        assert!(
            page.contains("&lt;img src=x onerror=alert(1)&gt;\n&quot;q&quot; &#39;a&#39;\n</div>")
        );
        assert_eq!(
            page.matches("<script>").count(),
            1,
            "only the page's own script"
        );
    }

    #[test]
    fn works_for_zero_files_and_errors_only() {
        let page = html(&Report::default());
        assert!(page.contains("<caption>0 files</caption>"));
        assert!(page.ends_with("</html>\n"));
        let page = html(&Report {
            files: Vec::new(),
            errors: vec![crate::Error::IsDirectory {
                path: "d".to_owned(),
            }],
        });
        assert!(page.contains("<caption>0 files, 1 input could not be read</caption>"));
        assert!(page.contains("<li><code>d</code>: is a directory, not an article</li>"));
    }

    #[test]
    fn overlapping_or_broken_spans_do_not_duplicate_or_panic() {
        let mut f = source_report("a.txt", "£12 and 5%\n");
        add_claim(&mut f, "£12", 0, ClaimKind::Money);
        add_claim(&mut f, "12", 0, ClaimKind::Count);
        add_claim(&mut f, "5%", 0, ClaimKind::Percent);
        // A span off a char boundary (inside `£`): skipped, not a panic.
        f.analysis.claims[1].span = crate::Span::new(1, 4);
        let page = html(&Report {
            files: vec![f],
            errors: Vec::new(),
        });
        assert!(page.contains(">£12</mark> and <mark"), "{page}");
        assert_eq!(page.matches(">5%</mark>").count(), 1);
    }

    #[test]
    fn script_hash_matches_the_script() {
        use std::fmt::Write as _;
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let digest = sha256(SCRIPT.as_bytes());
        let mut b64 = String::new();
        for chunk in digest.chunks(3) {
            let n = chunk.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b))
                << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                b64.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        while !b64.len().is_multiple_of(4) {
            let _ = write!(b64, "=");
        }
        assert_eq!(
            SCRIPT_SHA256, b64,
            "update SCRIPT_SHA256 after editing SCRIPT"
        );
    }

    /// SHA-256 (FIPS 180-4), only to check the CSP hash without a crypto dependency.
    fn sha256(data: &[u8]) -> [u8; 32] {
        const K: [u32; 64] = [
            0x428a_2f98,
            0x7137_4491,
            0xb5c0_fbcf,
            0xe9b5_dba5,
            0x3956_c25b,
            0x59f1_11f1,
            0x923f_82a4,
            0xab1c_5ed5,
            0xd807_aa98,
            0x1283_5b01,
            0x2431_85be,
            0x550c_7dc3,
            0x72be_5d74,
            0x80de_b1fe,
            0x9bdc_06a7,
            0xc19b_f174,
            0xe49b_69c1,
            0xefbe_4786,
            0x0fc1_9dc6,
            0x240c_a1cc,
            0x2de9_2c6f,
            0x4a74_84aa,
            0x5cb0_a9dc,
            0x76f9_88da,
            0x983e_5152,
            0xa831_c66d,
            0xb003_27c8,
            0xbf59_7fc7,
            0xc6e0_0bf3,
            0xd5a7_9147,
            0x06ca_6351,
            0x1429_2967,
            0x27b7_0a85,
            0x2e1b_2138,
            0x4d2c_6dfc,
            0x5338_0d13,
            0x650a_7354,
            0x766a_0abb,
            0x81c2_c92e,
            0x9272_2c85,
            0xa2bf_e8a1,
            0xa81a_664b,
            0xc24b_8b70,
            0xc76c_51a3,
            0xd192_e819,
            0xd699_0624,
            0xf40e_3585,
            0x106a_a070,
            0x19a4_c116,
            0x1e37_6c08,
            0x2748_774c,
            0x34b0_bcb5,
            0x391c_0cb3,
            0x4ed8_aa4a,
            0x5b9c_ca4f,
            0x682e_6ff3,
            0x748f_82ee,
            0x78a5_636f,
            0x84c8_7814,
            0x8cc7_0208,
            0x90be_fffa,
            0xa450_6ceb,
            0xbef9_a3f7,
            0xc671_78f2,
        ];
        let mut h: [u32; 8] = [
            0x6a09_e667,
            0xbb67_ae85,
            0x3c6e_f372,
            0xa54f_f53a,
            0x510e_527f,
            0x9b05_688c,
            0x1f83_d9ab,
            0x5be0_cd19,
        ];
        let mut msg = data.to_vec();
        msg.push(0x80);
        while msg.len() % 64 != 56 {
            msg.push(0);
        }
        msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
        for block in msg.chunks(64) {
            let mut w = [0u32; 64];
            for (i, word) in block.chunks(4).enumerate() {
                w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
            }
            for i in 16..64 {
                let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
                let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
                w[i] = w[i - 16]
                    .wrapping_add(s0)
                    .wrapping_add(w[i - 7])
                    .wrapping_add(s1);
            }
            let mut v = h;
            for i in 0..64 {
                let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
                let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
                let t1 = v[7]
                    .wrapping_add(s1)
                    .wrapping_add(ch)
                    .wrapping_add(K[i])
                    .wrapping_add(w[i]);
                let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
                let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
                let t2 = s0.wrapping_add(maj);
                v = [
                    t1.wrapping_add(t2),
                    v[0],
                    v[1],
                    v[2],
                    v[3].wrapping_add(t1),
                    v[4],
                    v[5],
                    v[6],
                ];
            }
            for (a, b) in h.iter_mut().zip(v) {
                *a = a.wrapping_add(b);
            }
        }
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_mut(4).zip(h) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }
}
