//! Markdown and HTML drafts through the whole pipeline: every claim and sentence
//! found in the prose must map back onto the original bytes it was written as,
//! on char boundaries, and inline directives must silence the right lines.
//!
//! The extractor is still the digits-and-percentages stub, so the articles here
//! lean on `34 per cent`, `5.3%` and `3,903`; the offset map is also tested
//! directly on prose spans (`£3bn`) the stub does not extract.

use claimcheck::check::{Check, Interval, Severity, Verdict};
use claimcheck::markup::{self, Markup, Prose};
use claimcheck::{LineIndex, Span};

/// The original text of every claim the pipeline finds in `prose`.
fn claims(prose: &Prose<'_>) -> Vec<String> {
    let original = prose.original();
    claimcheck::analyze(&prose.text)
        .claims
        .iter()
        .map(|c| prose.to_original(c.span).slice(original).to_owned())
        .collect()
}

/// The original text of the prose span of the first `needle` in the prose.
fn mapped(prose: &Prose<'_>, needle: &str) -> String {
    let at = prose
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in prose {:?}", prose.text));
    prose
        .to_original(Span::new(at, at + needle.len()))
        .slice(prose.original())
        .to_owned()
}

/// Every sentence and claim span, and every char-aligned prose span sampled,
/// maps inside the original on char boundaries, in order.
#[track_caller]
fn assert_spans_sound(prose: &Prose<'_>) {
    let original = prose.original();
    let a = claimcheck::analyze(&prose.text);
    let spans = a
        .sentences
        .iter()
        .map(|s| s.span)
        .chain(a.claims.iter().map(|c| c.span));
    for s in spans {
        let o = prose.to_original(s);
        assert!(o.end <= original.len(), "{s:?} -> {o:?} out of range");
        assert!(
            original.is_char_boundary(o.start) && original.is_char_boundary(o.end),
            "{s:?} -> {o:?} not on char boundaries of {original:?}"
        );
        assert!(
            !s.is_empty() && !o.is_empty(),
            "non-empty {s:?} maps to empty {o:?}"
        );
    }
    let mut last = 0;
    for (i, c) in prose.text.char_indices() {
        let o = prose.to_original(Span::new(i, i));
        assert!(o.start >= last, "map not monotonic at prose {i}");
        last = o.start;
        // Each prose character is the original character, a line break read as
        // a space, a decoded entity or escape, or a block separator.
        let whole = prose
            .to_original(Span::new(i, i + c.len_utf8()))
            .slice(original);
        let mut buf = [0u8; 4];
        let same = whole == c.encode_utf8(&mut buf);
        let line_break = c == ' ' && (whole == "\n" || whole == "\r");
        let decoded = whole.len() > 1 && (whole.starts_with('&') || whole.starts_with('\\'));
        let separator = c == '\n' && whole.is_empty();
        assert!(
            same || line_break || decoded || separator,
            "prose {c:?} at {i} maps to {whole:?} in {original:?}"
        );
    }
}

const MARKDOWN: &str = "\
---
title: Draft 2024
---

# Knife crime up 5.3%

Offences rose **34 per cent** to *3,903* — the [Home Office](https://example.org/stats/2023 \"99\") said.
Spending reached &pound;3bn, or €4.2bn at 1.17\\%.

- Birmingham: 1,204
- Leeds: 687

| City | Change |
|------|--------|
| York | 12%    |

> Police said 40 per cent
> of cases were closed.

Inline `7%` code stays, but blocks do not:

```text
fenced 999
```

    indented 888

<!-- not a directive: 777 -->
<div class=\"box\">Boxed &pound;45 and 6 per&nbsp;cent<script>var x = 555;</script></div>
";

#[test]
fn markdown_claims_map_onto_their_original_bytes() {
    let prose = markup::prose(MARKDOWN, Markup::Markdown);
    assert_eq!(
        claims(&prose),
        [
            "5.3%",
            "34 per cent",
            "3,903",
            "&pound;3bn",
            "€4.2bn",
            "1.17\\%",
            "1,204",
            "687",
            "12%",
            "40 per cent",
            "7%",
            "&pound;45",
            "6 per&nbsp;cent",
        ],
        "prose was {:?}",
        prose.text
    );
    assert_spans_sound(&prose);
}

#[test]
fn markdown_drops_code_front_matter_urls_scripts_and_comments() {
    let prose = markup::prose(MARKDOWN, Markup::Markdown);
    for gone in [
        "2024", "999", "888", "777", "555", "2023", "99", "**", "```", "|", "](", "<div",
    ] {
        assert!(
            !prose.text.contains(gone),
            "{gone:?} in prose {:?}",
            prose.text
        );
    }
}

#[test]
fn markdown_entities_and_escapes_map_to_what_was_written() {
    let prose = markup::prose(MARKDOWN, Markup::Markdown);
    assert_eq!(mapped(&prose, "£3bn"), "&pound;3bn");
    assert_eq!(mapped(&prose, "1.17%"), "1.17\\%");
    assert_eq!(mapped(&prose, "€4.2bn"), "€4.2bn");
    assert_eq!(mapped(&prose, "— the Home Office"), "— the [Home Office");
    assert_eq!(mapped(&prose, "£45"), "&pound;45");
    assert_eq!(mapped(&prose, "6 per\u{a0}cent"), "6 per&nbsp;cent");
}

#[test]
fn markdown_blocks_end_sentences() {
    let prose = markup::prose(MARKDOWN, Markup::Markdown);
    let a = claimcheck::analyze(&prose.text);
    let sentences: Vec<&str> = a
        .sentences
        .iter()
        .map(|s| prose.to_original(s.span).slice(MARKDOWN))
        .collect();
    for whole in [
        "Knife crime up 5.3%",
        "Birmingham: 1,204",
        "Leeds: 687",
        "York",
        "12%",
        "City",
    ] {
        assert!(
            sentences.contains(&whole),
            "{whole:?} is not a sentence of its own: {sentences:#?}"
        );
    }
    // A block quote's lines are one paragraph: the line break is a space.
    assert!(
        sentences.contains(&"Police said 40 per cent\n> of cases were closed."),
        "{sentences:#?}"
    );
}

#[test]
fn markdown_lines_and_columns_come_from_the_original() {
    let prose = markup::prose(MARKDOWN, Markup::Markdown);
    let lines = LineIndex::new(MARKDOWN);
    let a = claimcheck::analyze(&prose.text);
    let at = |text: &str| {
        let c = a
            .claims
            .iter()
            .find(|c| prose.to_original(c.span).slice(MARKDOWN) == text)
            .unwrap_or_else(|| panic!("no claim {text:?}"));
        lines.line_col(MARKDOWN, prose.to_original(c.span).start)
    };
    assert_eq!(at("5.3%"), (5, 18));
    assert_eq!(at("34 per cent"), (7, 17));
    // `—` and `€` are one column each.
    assert_eq!(at("€4.2bn"), (8, 33));
    assert_eq!(at("12%"), (15, 10));
}

const HTML: &str = "<!DOCTYPE html>
<html><head><title>Crime 2024</title>
<style>p { margin: 10% }</style>
<script>if (a < 3 && b > 4) { document.write('<p>Fake 50%</p>'); }</script>
</head>
<body>
<h1>Knife crime up 5.3%</h1>
<p>Offences rose <strong>34 per cent</strong> to <em>3,903</em>&nbsp;&mdash; the
<a href=\"https://example.org/2023\">Home Office</a> said. Spending hit &pound;3bn,
or &euro;4.2bn, a rise of 12&#37; on 2022&#x2019;s &#128;1.5bn.</p>
<!-- a note of 777 -->
<ul><li>Birmingham: 1,204<li>Leeds: 687</ul>
<table><tr><td>York<td>17%</tr></table>
<blockquote>Police said 34<em> per cent</em> of cases were closed.</blockquote>
<p>Unclosed <b>bold 8 <i>italic 9</p>
<noscript>Enable 666</noscript><template><p>Hidden 444</p></template>
</body></html>
";

#[test]
fn html_claims_map_onto_their_original_bytes() {
    let prose = markup::prose(HTML, Markup::Html);
    assert_eq!(
        claims(&prose),
        [
            "2024",
            "5.3%",
            "34 per cent",
            "3,903",
            "&pound;3bn",
            "&euro;4.2bn",
            "12&#37;",
            "2022",
            "&#128;1.5bn",
            "1,204",
            "687",
            "17%",
            "34<em> per cent",
            "8",
            "9",
        ],
        "prose was {:?}",
        prose.text
    );
    assert_spans_sound(&prose);
}

#[test]
fn html_drops_scripts_styles_comments_and_attributes() {
    let prose = markup::prose(HTML, Markup::Html);
    for gone in [
        "50", "10%", "777", "666", "444", "2023", "<", "&pound;", "DOCTYPE",
    ] {
        assert!(
            !prose.text.contains(gone),
            "{gone:?} in prose {:?}",
            prose.text
        );
    }
}

#[test]
fn html_entities_decode_but_map_to_the_entity() {
    let prose = markup::prose(HTML, Markup::Html);
    assert_eq!(mapped(&prose, "£3bn"), "&pound;3bn");
    assert_eq!(mapped(&prose, "€4.2bn"), "&euro;4.2bn");
    assert_eq!(mapped(&prose, "12%"), "12&#37;");
    assert_eq!(mapped(&prose, "2022’s"), "2022&#x2019;s");
    // Numeric references in 128..=159 are Windows-1252, as browsers read them.
    assert_eq!(mapped(&prose, "€1.5bn"), "&#128;1.5bn");
    assert_eq!(mapped(&prose, "3,903\u{a0}—"), "3,903</em>&nbsp;&mdash;");
    // A span that ends inside a decoded character covers its whole entity.
    let at = prose.text.find('£').expect("pound in prose");
    assert_eq!(
        prose.to_original(Span::new(at, at + 1)).slice(HTML),
        "&pound;"
    );
}

#[test]
fn html_blocks_end_sentences_and_inline_tags_do_not() {
    let prose = markup::prose(HTML, Markup::Html);
    let a = claimcheck::analyze(&prose.text);
    let sentences: Vec<&str> = a
        .sentences
        .iter()
        .map(|s| prose.to_original(s.span).slice(HTML))
        .collect();
    for whole in [
        "Crime 2024",
        "Knife crime up 5.3%",
        "Birmingham: 1,204",
        "Leeds: 687",
        "York",
        "17%",
        "Police said 34<em> per cent</em> of cases were closed.",
    ] {
        assert!(
            sentences.contains(&whole),
            "{whole:?} is not a sentence of its own: {sentences:#?}"
        );
    }
    // The line break inside the paragraph is a space, not a sentence end.
    assert!(
        sentences
            .iter()
            .any(|s| s.starts_with("Offences rose") && s.ends_with("Home Office</a> said.")),
        "{sentences:#?}"
    );
}

#[test]
fn plain_text_is_untouched() {
    let text = "A **34 per cent** rise &pound;3bn <p>5%</p>";
    let prose = markup::prose(text, Markup::Text);
    assert_eq!(&*prose.text, text);
    assert_eq!(claims(&prose), ["34 per cent", "3bn", "5%"]);
    assert!(prose.suppressions.is_empty());
}

const SUPPRESSED_MD: &str = "\
A 10% rise on line one.

<!-- claimcheck-disable-next-line percent-change -->
A 20% rise on line four.
A 30% rise on line five.

<!-- claimcheck-disable -->

A 40% rise, silenced for every rule.

<!-- claimcheck-enable -->
<!-- claimcheck-disable percent-change, percent-change-delta -- provisional figures -->
A 50% rise, silenced for two rules.
<!-- claimcheck-enable percent-change -->
A 60% rise, silenced for one rule. <!-- claimcheck-disable-next-line -->
A 70% rise, silenced for every rule.

```
<!-- claimcheck-disable -->
```
A 80% rise after a code block, which holds no directive.
";

fn offset(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"))
}

#[test]
fn markdown_suppressions_apply_to_the_right_lines() {
    let prose = markup::prose(SUPPRESSED_MD, Markup::Markdown);
    let s = &prose.suppressions;
    let at = |n: &str| offset(SUPPRESSED_MD, n);
    let (pc, pcd, other) = ("percent-change", "percent-change-delta", "other-rule");
    assert!(!s.is_suppressed(at("10%"), pc));
    assert!(s.is_suppressed(at("20%"), pc));
    assert!(!s.is_suppressed(at("20%"), other), "only the named rule");
    assert!(!s.is_suppressed(at("30%"), pc), "only the next line");
    assert!(s.is_suppressed(at("40%"), pc) && s.is_suppressed(at("40%"), other));
    assert!(s.is_suppressed(at("50%"), pc) && s.is_suppressed(at("50%"), pcd));
    assert!(!s.is_suppressed(at("50%"), other));
    assert!(!s.is_suppressed(at("60%"), pc) && s.is_suppressed(at("60%"), pcd));
    assert!(s.is_suppressed(at("70%"), other));
    assert!(
        !s.is_suppressed(at("80%"), other),
        "code is not a directive"
    );
    // percent-change-delta stays disabled to the end: no enable named it.
    assert!(s.is_suppressed(at("80%"), pcd));
    assert_eq!(s.len(), 5, "{s:#?}");
}

#[test]
fn html_suppressions_apply_to_the_right_lines() {
    let html = "<p>A 10% rise.</p>\n\
                <!--claimcheck-disable-next-line-->\n\
                <p>A 20% rise.</p>\n\
                <p>A 30% rise.</p>\n\
                <script>// <!-- claimcheck-disable --></script>\n\
                <p>A 40% rise.</p>\n";
    let prose = markup::prose(html, Markup::Html);
    let s = &prose.suppressions;
    assert!(!s.is_suppressed(offset(html, "10%"), "percent-change"));
    assert!(s.is_suppressed(offset(html, "20%"), "percent-change"));
    assert!(!s.is_suppressed(offset(html, "30%"), "percent-change"));
    assert!(
        !s.is_suppressed(offset(html, "40%"), "percent-change"),
        "a comment inside a script is script"
    );
}

fn check(rule: &'static str, claim: usize) -> Check {
    Check {
        rule,
        verdict: Verdict::Inconsistent,
        severity: Severity::Error,
        claim,
        evidence: Vec::new(),
        stated: 0.0,
        computed: 0.0,
        tolerance: Interval::point(0.0),
        computed_range: Interval::point(0.0),
        message: String::new(),
    }
}

#[test]
fn remap_moves_spans_and_drops_suppressed_checks() {
    let prose = markup::prose(SUPPRESSED_MD, Markup::Markdown);
    let mut a = claimcheck::analyze(&prose.text);
    let id = |a: &claimcheck::Analysis, n: &str| {
        a.claims
            .iter()
            .position(|c| c.span.slice(&prose.text) == n)
            .unwrap_or_else(|| panic!("no claim {n}"))
    };
    a.checks = vec![
        check("percent-change", id(&a, "10%")),
        check("percent-change", id(&a, "20%")),
        check("percent-change", id(&a, "30%")),
        check("other-rule", id(&a, "20%")),
    ];
    let suppressed = prose.remap(&mut a);
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        a.claims[suppressed[0].claim].span.slice(SUPPRESSED_MD),
        "20%"
    );
    let kept: Vec<(&str, &str)> = a
        .checks
        .iter()
        .map(|c| (c.rule, a.claims[c.claim].span.slice(SUPPRESSED_MD)))
        .collect();
    assert_eq!(
        kept,
        [
            ("percent-change", "10%"),
            ("percent-change", "30%"),
            ("other-rule", "20%")
        ]
    );
    for s in &a.sentences {
        assert!(!s.span.slice(SUPPRESSED_MD).is_empty());
    }
}

#[test]
fn analyze_is_the_pipeline_in_original_offsets() {
    let a = markup::analyze(HTML, Markup::Html);
    let texts: Vec<&str> = a.claims.iter().map(|c| c.span.slice(HTML)).collect();
    assert!(texts.contains(&"12&#37;") && texts.contains(&"34<em> per cent"));
    let b = markup::analyze("A 5% rise.", Markup::Text);
    assert_eq!(b.claims[0].span, Span::new(2, 4));
}

/// A tiny deterministic generator, so the fuzz cases below need no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }
}

/// Random documents made of markup fragments: whatever they parse as, nothing
/// panics and every span maps inside the original on char boundaries.
#[test]
fn random_markup_never_panics_and_maps_soundly() {
    const BITS: &[&str] = &[
        "<",
        ">",
        "</",
        "&",
        "&#",
        "&#x",
        ";",
        "pound",
        "amp",
        "nbsp",
        "37",
        "**",
        "*",
        "_",
        "`",
        "```",
        "\n",
        "\r\n",
        "\n\n",
        " ",
        "£",
        "—",
        "€",
        "5",
        "34",
        "%",
        " per cent",
        "3,903",
        ".",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<p>",
        "</p>",
        "<em>",
        "<br>",
        "<li>",
        "|",
        "---",
        "> ",
        "- ",
        "1. ",
        "# ",
        "[",
        "](",
        ")",
        "\\",
        "    ",
        "<div>",
        "<template>",
        "<!-- claimcheck-disable -->",
        "<!-- claimcheck-enable x -->",
        "\t",
    ];
    // CLAIMCHECK_FUZZ_CASES=100000 CLAIMCHECK_FUZZ_SEED=7 for a longer, other run.
    let cases = std::env::var("CLAIMCHECK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let seed = std::env::var("CLAIMCHECK_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed);
    for _ in 0..cases {
        let len = rng.next() % 60;
        let doc: String = (0..len).map(|_| BITS[rng.next() % BITS.len()]).collect();
        for markup in [Markup::Markdown, Markup::Html] {
            let prose = markup::prose(&doc, markup);
            assert_spans_sound(&prose);
            // Arbitrary, even off-boundary, spans are clamped, never a panic.
            for _ in 0..8 {
                let a = rng.next() % (prose.text.len() + 3);
                let b = rng.next() % (prose.text.len() + 3);
                let o = prose.to_original(Span::new(a.min(b), a.max(b)));
                assert!(doc.is_char_boundary(o.start) && doc.is_char_boundary(o.end));
                let _ = prose.suppressions.is_suppressed(a, "percent-change");
            }
        }
    }
}

#[test]
fn deep_nesting_is_not_recursion() {
    let n = 100_000;
    let html = format!("{}34 per cent{}", "<div><b>".repeat(n), "</b>".repeat(n));
    let prose = markup::prose(&html, Markup::Html);
    assert_eq!(prose.text.trim(), "34 per cent");
    assert_eq!(claims(&prose), ["34 per cent"]);

    // Unclosed tags need no stack either (fewer of them: the pipeline runs on each).
    let unclosed = "<p><i>5% ".repeat(n / 10);
    let prose = markup::prose(&unclosed, Markup::Html);
    assert_eq!(claims(&prose).len(), n / 10);

    for md in [
        format!("{}A 5% rise.", "> ".repeat(n)),
        format!("{}A 5% rise.", "- ".repeat(n)),
        format!("{}5%{}", "[".repeat(n), "](x)".repeat(n)),
        format!("{}5%{}", "*".repeat(n), "*".repeat(n)),
        format!("{}5%", "<div>".repeat(n)),
    ] {
        let prose = markup::prose(&md, Markup::Markdown);
        let at = prose.text.find("5%").expect("the claim survives");
        let o = prose.to_original(Span::new(at, at + 2));
        assert_eq!(o.slice(&md), "5%");
    }
}

#[test]
fn malformed_html_is_read_not_rejected() {
    for html in [
        "<p",
        "<p class=\"5%",
        "&",
        "&#",
        "&#x",
        "&#xZZ;",
        "&pound",
        "<!--",
        "<!-- claimcheck-disable",
        "<script>5%",
        "</p></div>5%</li>",
        "<![CDATA[5%]]>",
        "<?xml 5% ?>",
        "<a href='x>5%</a>",
        "&#1114112; &#xD800; &#0;",
    ] {
        let prose = markup::prose(html, Markup::Html);
        assert_spans_sound(&prose);
    }
}

#[test]
fn cost_is_linear() {
    // Four times the input must not take far more than four times as long. Run
    // both sizes twice and keep the faster time, so a busy machine does not fail it.
    let unit = "<p>Offences rose <strong>34 per cent</strong> to &pound;3bn &mdash; 3,903.</p>\n\
                # Head 5%\n\n- item 1\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    let time = |reps: usize, markup: Markup| {
        let doc = unit.repeat(reps);
        (0..2)
            .map(|_| {
                let t = std::time::Instant::now();
                let p = markup::prose(&doc, markup);
                let n = p.text.len();
                let elapsed = t.elapsed();
                assert!(n > 0);
                elapsed
            })
            .min()
            .unwrap_or_default()
    };
    for markup in [Markup::Html, Markup::Markdown] {
        let small = time(1_000, markup);
        let large = time(4_000, markup);
        assert!(
            large < small * 12 + std::time::Duration::from_millis(50),
            "{markup:?}: {small:?} for 1,000 units, {large:?} for 4,000"
        );
    }
}

/// Run with `cargo test --release --test markup -- --ignored`: a 100 MB draft
/// of each kind goes through in seconds, with a map far smaller than the text.
#[test]
#[ignore = "100 MB: seconds in release, minutes in debug"]
fn hundred_megabytes() {
    for (unit, markup) in [
        (
            "<p>Offences rose <strong>34 per cent</strong> to &pound;3bn &mdash; 3,903.</p>\n\
             <script>var x = 1;</script><!-- note -->\n",
            Markup::Html,
        ),
        (
            "# Head 5%\n\nOffences rose **34 per cent** to &pound;3bn \u{2014} 3,903.\n\n\
             - item 1\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n",
            Markup::Markdown,
        ),
    ] {
        let doc = unit.repeat(100_000_000 / unit.len());
        let t = std::time::Instant::now();
        let prose = markup::prose(&doc, markup);
        let elapsed = t.elapsed();
        assert!(elapsed.as_secs() < 60, "{markup:?}: {elapsed:?}");
        let at = prose.text.rfind("34 per cent").expect("last claim");
        let o = prose.to_original(Span::new(at, at + 11));
        assert_eq!(o.slice(&doc), "34 per cent");
    }
}

#[test]
fn html_blocks_inside_block_quotes_map_through_the_markers() {
    let md = "> <div>Up &pound;5 to\n> 34 per\n> cent <!-- claimcheck-disable-next-line -->\n> of 7%</div>\n";
    let prose = markup::prose(md, Markup::Markdown);
    assert!(!prose.text.contains('>'), "{:?}", prose.text);
    assert_eq!(mapped(&prose, "£5"), "&pound;5");
    assert_eq!(mapped(&prose, "34 per cent"), "34 per\n> cent");
    assert_eq!(claims(&prose), ["&pound;5", "34 per\n> cent", "7%"]);
    assert!(
        prose
            .suppressions
            .is_suppressed(offset(md, "7%"), "percent-change")
    );
    assert_spans_sound(&prose);
}
