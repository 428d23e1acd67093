//! The HTML report in a real browser: headless Chromium loads the page from a
//! `file://` URL and `--dump-dom` prints the DOM after its scripts ran, so the
//! assertions see what a reader's browser builds, not the bytes we wrote.
//!
//! - the page's own script runs under its Content-Security-Policy (it sets
//!   `data-ready="1"` on `<body>`), while scripts written into an article do not;
//! - claims are marked by status, each with its note;
//! - hovering a claim and focusing one with the keyboard show the arithmetic in the
//!   tooltip and highlight the evidence (a probe script appended to a copy of the
//!   page fires the events and records what it saw as attributes on `<body>`).
//!   A headless page has no window focus, so `element.focus()` moves
//!   `document.activeElement` but fires no `focusin`; the probe then dispatches the
//!   `focusin` itself and records `data-focus-event="synthetic"`, which tests the
//!   page's handler but not the browser's own delivery of the event.
//!
//! Where `/usr/bin/chromium` is missing (Debian package `chromium`) each test
//! prints one line saying it is skipped and passes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin;
use claimcheck::check::{Check, Interval, Severity, Verdict};
use claimcheck::extract::{Claim, ClaimKind, Quantity};
use claimcheck::report::{FileReport, Format, RenderOptions, Report};
use claimcheck::segment::Sentence;
use claimcheck::{Analysis, LineIndex, Source, Span};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> Option<&'static Path> {
    let p = Path::new(CHROMIUM);
    if p.exists() {
        Some(p)
    } else {
        println!(
            "skipped: {CHROMIUM} is missing (apt-get install chromium to run the browser tests)"
        );
        None
    }
}

/// Loads `page` in headless Chromium and returns the DOM it dumps, with a fresh
/// profile each time and every background fetch switched off.
fn dump_dom(browser: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("file://{}", page.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // A hung browser must fail the test, not the CI run's time limit.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().expect("wait on chromium").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish loading {url} in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("</html>"),
        "chromium printed no DOM for {url}; stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// A file with claims over the given needles, in text order.
fn file(path: &str, text: &str, needles: &[(&str, ClaimKind)]) -> FileReport {
    let mut claims = Vec::new();
    let mut from = 0;
    for (id, (needle, kind)) in needles.iter().enumerate() {
        let start = from + text[from..].find(needle).expect("needle in text");
        from = start + needle.len();
        claims.push(Claim {
            id,
            kind: *kind,
            span: Span::new(start, from),
            sentence: 0,
            quantity: Quantity::exact(0.0),
            hedge: None,
            currency: None,
            noun: None,
        });
    }
    FileReport {
        source: Source {
            path: path.to_owned(),
            text: text.to_owned(),
        },
        analysis: Analysis {
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
            }],
            claims,
            checks: Vec::new(),
        },
        lines: LineIndex::new(text),
        suppressed: 0,
    }
}

fn check(verdict: Verdict, claim: usize, evidence: Vec<usize>, message: &str) -> Check {
    Check {
        rule: "percent-change",
        verdict,
        severity: Severity::Error,
        claim,
        evidence,
        stated: 34.0,
        computed: 51.85,
        tolerance: Interval::new(33.5, 34.5),
        computed_range: Interval::point(51.85),
        message: message.to_owned(),
    }
}

/// One article with an inconsistent, a consistent and an unchecked claim.
fn findings() -> Report {
    let mut f = file(
        "news/crime.txt",
        "Crime rose 34 per cent, from 108 offences to 164.\n\n\
         Fines fell 10%, from 100 to 90, while 7% went unpaid.\n",
        &[
            ("34 per cent", ClaimKind::Percent),
            ("108", ClaimKind::Count),
            ("164", ClaimKind::Count),
            ("10%", ClaimKind::Percent),
            ("100", ClaimKind::Count),
            ("90", ClaimKind::Count),
            ("7%", ClaimKind::Percent),
        ],
    );
    f.analysis.checks = vec![
        check(
            Verdict::Inconsistent,
            0,
            vec![1, 2],
            "stated 34%, but 108 → 164 is +51.9%",
        ),
        check(
            Verdict::Consistent,
            3,
            vec![4, 5],
            "stated -10%, and 100 → 90 is -10%",
        ),
    ];
    Report {
        files: vec![f],
        errors: Vec::new(),
    }
}

fn write_page(dir: &Path, name: &str, report: &Report) -> PathBuf {
    let mut html = Vec::new();
    claimcheck::report::render(report, Format::Html, RenderOptions::default(), &mut html)
        .expect("render");
    let path = dir.join(name);
    std::fs::write(&path, html).expect("write page");
    path
}

/// The `<body …>` start tag of a dumped DOM.
fn body_tag(dom: &str) -> &str {
    let start = dom.find("<body").expect("body in DOM");
    let end = start + dom[start..].find('>').expect("end of body tag");
    &dom[start..=end]
}

#[test]
fn article_scripts_do_not_run_and_the_page_script_does() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let article = "Crime rose 34 per cent, from 108 offences to 164.\n\n\
        <script>document.body.setAttribute('data-pwned', 'script')</script>\n\
        <img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">\n\
        <style>body { display: none }</style> 5% more.\n";
    std::fs::write(dir.path().join("hostile.txt"), article).expect("write");
    let out = Command::new(cargo_bin("claimcheck"))
        .current_dir(dir.path())
        .args(["--format", "html", "hostile.txt"])
        .output()
        .expect("binary runs");
    let page = dir.path().join("report.html");
    std::fs::write(&page, &out.stdout).expect("write page");
    let dom = dump_dom(browser, &page);
    let body = body_tag(&dom);
    assert!(
        body.contains("data-ready=\"1\""),
        "page script did not run: {body}"
    );
    assert!(
        !body.contains("data-pwned"),
        "an article script ran: {body}"
    );
    assert!(!dom.contains("<img"), "{dom}");
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute("),
        "{dom}"
    );
    assert!(dom.contains(">34 per cent</mark>"), "{dom}");
    assert!(dom.contains("aria-describedby=\"f1-c0-note\""), "{dom}");
}

#[test]
fn claims_are_marked_by_status_with_their_notes() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = write_page(dir.path(), "findings.html", &findings());
    let dom = dump_dom(browser, &page);
    assert!(body_tag(&dom).contains("data-ready=\"1\""), "{dom}");
    for (class, id, text) in [
        ("inconsistent", 0, "34 per cent"),
        ("figure", 1, "108"),
        ("consistent", 3, "10%"),
        ("unchecked", 6, "7%"),
    ] {
        let mark = format!(
            "<mark class=\"claim {class}\" id=\"f1-c{id}\" tabindex=\"0\" aria-describedby=\"f1-c{id}-note\""
        );
        assert!(dom.contains(&mark), "{mark} missing:\n{dom}");
        assert!(dom.contains(&format!(">{text}</mark>")), "{text}");
        assert!(
            dom.contains(&format!("<li id=\"f1-c{id}-note\"")),
            "note {id}"
        );
    }
    assert!(
        dom.contains("stated 34%, but 108 → 164 is +51.9%. The stated value covers 33.5..34.5")
    );
    assert!(dom.contains("<a href=\"#file-1\">news/crime.txt</a>"));
}

#[test]
fn hover_and_keyboard_focus_show_the_arithmetic_and_the_evidence() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = write_page(dir.path(), "findings.html", &findings());
    let html = std::fs::read_to_string(&page).expect("page");
    // The CSP allows only the page's own script by hash; the probe copy drops it.
    let csp_start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("page has a CSP");
    let csp_end = csp_start + html[csp_start..].find(">\n").expect("end of meta") + 2;
    let probe = r#"<script>
(function () {
  function state() {
    var tip = document.getElementById("tip");
    var lit = [];
    document.querySelectorAll("mark.claim.evidence").forEach(function (e) { lit.push(e.id); });
    return lit.join(" ") + "|" + (tip.hidden ? "hidden" : "shown") + "|" + tip.textContent;
  }
  var bad = document.getElementById("f1-c0");
  bad.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
  document.body.setAttribute("data-hover", state());
  var tip = document.getElementById("tip");
  bad.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, relatedTarget: tip }));
  document.body.setAttribute("data-onto-tip", state().split("|")[1]);
  tip.dispatchEvent(new MouseEvent("mouseout", { bubbles: true, relatedTarget: document.body }));
  document.body.setAttribute("data-off-tip", state().split("|").slice(0, 2).join("|"));
  var good = document.getElementById("f1-c3");
  var native = false;
  good.addEventListener("focusin", function () { native = true; });
  window.focus();
  good.focus();
  // A headless page without window focus moves activeElement but fires no focus
  // events; deliver the focusin the browser would, and say which one ran.
  if (!native) { good.dispatchEvent(new FocusEvent("focusin", { bubbles: true })); }
  document.body.setAttribute("data-focus-event", native ? "native" : "synthetic");
  document.body.setAttribute("data-focus", (document.activeElement === good ? "focused" : "not focused") + "|" + state());
  document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  document.body.setAttribute("data-escape", state());
})();
</script>
</body>"#;
    let probed =
        format!("{}{}", &html[..csp_start], &html[csp_end..]).replacen("</body>", probe, 1);
    let probe_page = dir.path().join("probe.html");
    std::fs::write(&probe_page, probed).expect("write probe page");
    let dom = dump_dom(browser, &probe_page);
    let body = body_tag(&dom);
    assert!(
        body.contains("data-hover=\"f1-c1 f1-c2|shown|“34 per cent”, line 1, column 12: ✗ does not add up (percent-change): stated 34%, but 108 → 164 is +51.9%. The stated value covers 33.5..34.5; the figures allow 51.85..51.85.\""),
        "{body}"
    );
    // The pointer may move onto the tooltip to read it; leaving both hides it.
    assert!(body.contains("data-onto-tip=\"shown\""), "{body}");
    assert!(body.contains("data-off-tip=\"|hidden\""), "{body}");
    assert!(
        body.contains("data-focus=\"focused|f1-c4 f1-c5|shown|“10%”, line 3, column 12: ✓ adds up"),
        "{body}"
    );
    assert!(body.contains("data-escape=\"|hidden|"), "{body}");
}
