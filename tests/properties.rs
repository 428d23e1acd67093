//! Property tests of the whole pipeline on generated text: spans are exact, the
//! sentences tile the text, the JSON report and its JSON Lines line always parse
//! and validate against the documented schema (strictly: no undocumented field),
//! and whitespace around a claim never changes its verdict.

mod report_schema;

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

/// Hedges for [`checked_sentence`]: the open ones (`more than`, `up to`) give the
/// `null` interval ends of the JSON report.
const HEDGE_WORDS: &[&str] = &[
    "",
    "about ",
    "nearly ",
    "just under ",
    "more than ",
    "over ",
    "at least ",
    "less than ",
    "up to ",
];

/// The rule that checks each template of [`checked_sentence`].
const TEMPLATE_RULES: [&str; 10] = [
    "percent-change",
    "direction",
    "percent-change-delta",
    "percentage-points",
    "percent-share",
    "repeated-figure",
    "fraction",
    "multiplier",
    "sum",
    "percent-change",
];

/// A sentence that rule `TEMPLATE_RULES[template]` checks: `stated` (1..200) is the
/// stated percentage, `first` (10..5000) the first figure, and the other figures are
/// derived from them `jitter` (-3..=3) off, so both verdicts come up. Generated
/// articles from [`FRAGMENTS`] rarely hold a checkable relation; these fill the
/// JSON report's `checks`.
fn checked_sentence(template: usize, hedge: &str, stated: u32, first: u32, jitter: i32) -> String {
    let (pct, first, off) = (i64::from(stated), i64::from(first), i64::from(jitter));
    let share = 1 + pct % 98;
    let pct_of = |figure: i64, pct: i64| (figure * pct + 50) / 100;
    let after = pct_of(first, 100 + pct + off);
    let down = pct_of(first, 100 - share);
    match template {
        0 => format!("Crime rose {hedge}{pct} per cent, from {first} offences to {after}."),
        1 => format!("There was a {hedge}{share}% increase, from {first} to {down} cases."),
        2 => format!(
            "Gun crime has increased by {hedge}{pct} per cent - up {} offences to {after} - in the year.",
            after - first
        ),
        3 => {
            let from = 1 + first % 60;
            let to = from + 1 + share % 30;
            let said = (to - from + off).max(1);
            format!(
                "The party's share of the vote rose {hedge}{said} per cent, from {from}% to {to}%, officials said."
            )
        }
        4 => format!(
            "The firm cut {hedge}{share}% of the {first} staff, {} people, last year.",
            pct_of(first, share + off).max(1)
        ),
        5 => format!("A third - or {hedge}{}% - of the staff left.", 33 + off),
        6 => format!(
            "Labour won a third of the {} seats, {} in all.",
            3 * first,
            first + off
        ),
        7 => format!(
            "Sales doubled from {first} to {} units last year.",
            2 * first + off
        ),
        8 => format!(
            "The panel has {first} men and {pct} women, {} in all.",
            first + pct + off
        ),
        _ => format!("Profits fell {hedge}{share}% to £{down}m from £{first}m last year."),
    }
}

/// One to five [`checked_sentence`]s.
fn checked_article() -> impl Strategy<Value = String> {
    let sentence = (
        0..TEMPLATE_RULES.len(),
        prop::sample::select(HEDGE_WORDS),
        1u32..200,
        10u32..5000,
        -3i32..=3,
        prop::sample::select(&[" ", "\n", "\n\n", "\r\n"][..]),
    )
        .prop_map(|(template, hedge, stated, first, jitter, gap)| {
            checked_sentence(template, hedge, stated, first, jitter) + gap
        });
    prop::collection::vec(sentence, 1..6).prop_map(|v| v.concat())
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

/// The JSON report of `text` and its `--format jsonl` line, parsed.
fn json_of(text: &str) -> (serde_json::Value, serde_json::Value) {
    let source = Source::from_bytes("p.txt", text.as_bytes().to_vec()).unwrap();
    let report = Report {
        files: vec![FileReport::new(source)],
        errors: vec![],
    };
    let mut out = Vec::new();
    claimcheck::report::json::render(&report, &mut out).unwrap();
    let json = serde_json::from_slice(&out).expect("the JSON report always parses");
    let mut line = Vec::new();
    claimcheck::report::jsonl::render_file(&report.files[0], &mut line).unwrap();
    let body = line
        .strip_suffix(b"\n")
        .expect("a line ends with a newline");
    assert!(!body.contains(&b'\n'), "one line");
    let line = serde_json::from_slice(&line).expect("the JSON Lines line always parses");
    (json, line)
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
    fn json_report_validates_against_the_schema_and_claim_texts_match(
        text in prop_oneof![article(), checked_article()],
    ) {
        let (json, line) = json_of(&text);
        let errors = report_schema::errors(&report_schema::STRICT_REPORT, &json);
        prop_assert!(errors.is_empty(), "{:#?}\n{:#}", errors, json);
        let errors = report_schema::errors(&report_schema::STRICT_LINE, &line);
        prop_assert!(errors.is_empty(), "{:#?}\n{:#}", errors, line);
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

/// The JSON property validates checks only if the checked sentences produce them:
/// this pins that every template is checked by its rule, and that an open hedge
/// reaches the report as a `null` interval end.
#[test]
fn the_checked_sentences_are_checked() {
    for (t, rule) in TEMPLATE_RULES.iter().enumerate() {
        for jitter in [-3, 0, 3] {
            let text = checked_sentence(t, "", 34, 108, jitter);
            let checks = analyze(&text).checks;
            assert!(
                checks.iter().any(|c| c.rule == *rule),
                "{text:?}: {checks:?}"
            );
        }
    }
    let text = checked_sentence(0, "more than ", 34, 108, 0);
    let (json, _) = json_of(&text);
    assert_eq!(
        json["files"][0]["checks"][0]["tolerance"],
        serde_json::json!([34.0, null]),
        "{text:?}"
    );
}
