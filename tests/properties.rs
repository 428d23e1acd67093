//! Property tests of the whole pipeline on generated text: spans are exact, the
//! sentences tile the text, the JSON report always parses, and whitespace around a
//! claim never changes its verdict.

use claimcheck::report::{FileReport, Report};
use claimcheck::{Source, analyze};
use proptest::prelude::*;

/// Pieces of news copy that exercise every stage: numbers in all forms, unit
/// words, abbreviations, cue phrases, multi-byte characters, line structure.
const FRAGMENTS: &[&str] = &[
    "34",
    "5.3",
    "1,000",
    "3,903",
    "0.5",
    "400",
    "2004",
    "1990s",
    "22",
    " per cent",
    "%",
    " percent",
    "pc",
    " percentage points",
    "£",
    "$",
    "€",
    "US$",
    "bn",
    "m",
    " million",
    " billion",
    "p",
    "two",
    " hundred",
    " and ",
    "five",
    "twenty-five",
    "a dozen",
    "half",
    "one in five",
    "a third",
    "doubled",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\u{feff}",
    ".",
    ",",
    "!",
    "?",
    "...",
    "…",
    "\"",
    "'",
    "(",
    ")",
    "Mr.",
    "Dr.",
    "U.S.",
    "J. K.",
    "No.",
    "e.g.",
    "from ",
    " to ",
    "up ",
    "down ",
    "rose ",
    "fell ",
    "about ",
    "more than ",
    "nearly ",
    " offences",
    " people",
    "July",
    "-",
    "–",
    "—",
    "é",
    "中文",
    "🙂",
    "CO19",
    "3-1",
    "55-year-old",
    "10:30",
    "1st",
    "-0.5",
    "1e308",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|v| v.concat())
}

fn assert_invariants(text: &str) {
    let a = analyze(text);
    let mut prev = 0;
    for s in &a.sentences {
        assert!(
            s.span.start >= prev,
            "sentences overlap or go back: {text:?}"
        );
        assert!(s.span.start < s.span.end, "empty sentence in {text:?}");
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        let body = &text[s.span.start..s.span.end];
        assert_eq!(
            body,
            body.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        );
        // Nothing but whitespace between sentences.
        assert!(
            text[prev..s.span.start]
                .chars()
                .all(|c| c.is_whitespace() || c == '\u{feff}'),
            "text lost between sentences in {text:?}"
        );
        prev = s.span.end;
    }
    assert!(
        text[prev..]
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{feff}'),
        "text lost after the last sentence in {text:?}"
    );
    for (i, c) in a.claims.iter().enumerate() {
        assert_eq!(c.id, i);
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        assert!(c.span.start < c.span.end, "empty claim in {text:?}");
        assert!(c.quantity.value.is_finite(), "non-finite value in {text:?}");
        assert!(c.sentence < a.sentences.len().max(1));
        if i > 0 {
            assert!(
                a.claims[i - 1].span.start <= c.span.start,
                "claims unsorted"
            );
        }
    }
    for ch in &a.checks {
        assert!(ch.claim < a.claims.len());
        assert!(ch.evidence.iter().all(|&e| e < a.claims.len()));
    }
}

fn json_of(text: &str) -> serde_json::Value {
    let source = Source::from_bytes("p.txt", text.as_bytes().to_vec()).unwrap();
    let report = Report {
        files: vec![FileReport::new(source)],
        errors: vec![],
    };
    let mut out = Vec::new();
    claimcheck::report::json::render(&report, &mut out).unwrap();
    serde_json::from_slice(&out).expect("the JSON report always parses")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_are_exact_and_sentences_tile_the_text(text in article()) {
        assert_invariants(&text);
    }

    #[test]
    fn arbitrary_unicode_never_breaks_the_pipeline(text in "\\PC{0,200}") {
        assert_invariants(&text);
    }

    #[test]
    fn json_report_parses_and_claim_texts_match(text in article()) {
        let json = json_of(&text);
        prop_assert_eq!(&json["version"], &serde_json::json!(1));
        for c in json["files"][0]["claims"].as_array().unwrap() {
            let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            prop_assert_eq!(c["text"].as_str().unwrap(), &text[s..e]);
            prop_assert!(c["value"].is_number());
        }
    }

    #[test]
    fn whitespace_around_a_claim_keeps_its_verdict(
        stated in 1u32..200,
        from in 10u32..5000,
        to in 10u32..5000,
        pad in prop::sample::select(&[" ", "  ", "\t", " \u{a0}"][..]),
        edge in prop::sample::select(&["", "\n", "\n\n", "\r\n", "  "][..]),
    ) {
        // Horizontal whitespace inside the sentence, any whitespace around it (a
        // line break inside a sentence may legitimately end a title line).
        let plain = format!("Crime rose {stated} per cent, from {from} offences to {to}.");
        let padded = format!("{edge}Crime rose{pad}{stated} per cent,{pad}from {from} offences{pad}to {to}.{edge}");
        let verdicts = |t: &str| {
            analyze(t).checks.iter().map(|c| (c.rule, c.verdict)).collect::<Vec<_>>()
        };
        prop_assert_eq!(verdicts(&plain), verdicts(&padded));
    }

    #[test]
    fn markup_around_a_claim_keeps_its_verdict(
        stated in 1u32..200,
        from in 10u32..5000,
        to in 10u32..5000,
        wrap in prop::sample::select(&[("**", "**", true), ("_", "_", true), ("<em>", "</em>", false), ("<b>", "</b>", false)][..]),
    ) {
        use claimcheck::markup::{Markup, analyze as analyze_markup};
        let plain = format!("Crime rose {stated} per cent, from {from} offences to {to}.");
        let (open, close, md) = wrap;
        let marked = format!("Crime rose {open}{stated} per cent{close}, from {open}{from}{close} offences to {to}.");
        let (text, kind) = if md {
            (marked, Markup::Markdown)
        } else {
            (format!("<p>{marked}</p>"), Markup::Html)
        };
        let verdicts = |a: &claimcheck::Analysis| {
            a.checks.iter().map(|c| (c.rule, c.verdict)).collect::<Vec<_>>()
        };
        prop_assert_eq!(verdicts(&analyze(&plain)), verdicts(&analyze_markup(&text, kind)));
    }
}

/// The properties above compare verdicts; this pins that the compared texts do
/// produce checks, so an empty-equals-empty pass cannot hide a broken pipeline.
#[test]
fn the_property_texts_are_checked() {
    use claimcheck::markup::{Markup, analyze as analyze_markup};
    let plain = analyze("Crime rose 34 per cent, from 108 offences to 164.");
    let md = analyze_markup(
        "Crime rose **34 per cent**, from **108** offences to 164.",
        Markup::Markdown,
    );
    let padded = analyze("\n\nCrime rose  34 per cent,\tfrom 108 offences to 164.\n");
    for a in [&plain, &md, &padded] {
        assert_eq!(a.checks.len(), 1, "{:?}", a.checks);
        assert_eq!(a.checks[0].rule, "percent-change");
    }
}
