//! Evaluation of the sentence segmenter against data in the shared folder.
//!
//! The folder is `$CLAIMCHECK_SHARED`, or `../shared` beside the package. When a data
//! set is absent a test prints one "skipping" line and passes.
//!
//! - The English Golden Rules (pySBD's 48 cases): a case passes when the segmenter's
//!   sentences, each trimmed, empty ones dropped, equal the expected list exactly.
//!   Floor: 90%. The original 52 rules of `pragmatic_segmenter` are printed too, for
//!   information (they add PDF line joining and a missing space after a full stop).
//! - The BBC dev articles: the invariants hold on every article, and the headline
//!   (first line) is exactly the first sentence.
#![allow(clippy::print_stdout, reason = "an evaluation prints its figures")]

use std::path::PathBuf;

use claimcheck::segment::sentences;
use serde::Deserialize;

mod common;
use common::shared_dir;

#[derive(Deserialize)]
struct Case {
    id: String,
    text: String,
    sentences: Vec<String>,
}

fn texts(text: &str) -> Vec<&str> {
    sentences(text)
        .iter()
        .map(|s| s.span.slice(text).trim())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Runs one golden-rules file; `None` when it is absent.
fn evaluate(file: &str) -> Option<(usize, usize, Vec<String>)> {
    let path = shared_dir().join("data/segmentation").join(file);
    let Ok(json) = std::fs::read_to_string(&path) else {
        println!("skipping: {} not found", path.display());
        return None;
    };
    let cases: Vec<Case> = serde_json::from_str(&json).expect("golden rules parse");
    let mut failing = Vec::new();
    for case in &cases {
        let got = texts(&case.text);
        if got != case.sentences {
            println!(
                "{}: expected {:?}\n{}  got      {:?}",
                case.id,
                case.sentences,
                " ".repeat(case.id.len()),
                got
            );
            failing.push(case.id.clone());
        }
    }
    Some((cases.len() - failing.len(), cases.len(), failing))
}

#[test]
fn passes_english_golden_rules() {
    let Some((passed, total, failing)) = evaluate("golden_rules_en.json") else {
        return;
    };
    let share = passed as f64 / total as f64;
    println!(
        "golden rules (pySBD, English): {passed}/{total} = {:.2}%, failing: {failing:?}",
        share * 100.0
    );
    assert_eq!(total, 48, "the primary set has 48 cases");
    assert!(share >= 0.90, "below the 90% floor: {passed}/{total}");
}

#[test]
fn reports_pragmatic_segmenter_golden_rules() {
    let Some((passed, total, failing)) = evaluate("golden_rules_en_pragmatic_segmenter.json")
    else {
        return;
    };
    println!("golden rules (pragmatic_segmenter, English): {passed}/{total}, failing: {failing:?}");
    assert!(passed * 10 >= total * 9, "below 90%: {passed}/{total}");
}

/// Invariants every segmentation must meet: in order, not overlapping, trimmed, on
/// char boundaries, and covering every non-whitespace character.
fn assert_invariants(name: &str, text: &str) -> Vec<claimcheck::Span> {
    let spans: Vec<_> = sentences(text).iter().map(|s| s.span).collect();
    let mut covered = 0;
    for span in &spans {
        assert!(
            span.start >= covered,
            "{name}: {span} overlaps or is out of order"
        );
        assert!(span.start < span.end, "{name}: empty sentence {span}");
        let gap = text
            .get(covered..span.start)
            .unwrap_or_else(|| panic!("{name}: {span} not on a char boundary"));
        assert!(
            gap.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
            "{name}: text {gap:?} left out"
        );
        let body = text
            .get(span.range())
            .unwrap_or_else(|| panic!("{name}: {span} not on a char boundary"));
        assert_eq!(
            body,
            body.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'),
            "{name}: {span} not trimmed"
        );
        covered = span.end;
    }
    let tail = &text[covered..];
    assert!(
        tail.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
        "{name}: tail {tail:?} left out"
    );
    spans
}

#[test]
fn bbc_dev_articles_keep_invariants_and_headlines() {
    let root = shared_dir().join("data/news/bbc");
    let Ok(categories) = std::fs::read_dir(&root) else {
        println!("skipping: {} not found", root.display());
        return;
    };
    let mut files: Vec<PathBuf> = categories
        .flatten()
        .filter_map(|c| std::fs::read_dir(c.path()).ok())
        .flat_map(|dir| dir.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut articles, mut total) = (0, 0);
    let mut bad_headlines = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.display().to_string();
        let spans = assert_invariants(&name, &text);
        let headline = text.lines().next().unwrap_or("").trim();
        if spans.first().map(|s| s.slice(&text)) != Some(headline) {
            bad_headlines.push(name);
        }
        articles += 1;
        total += spans.len();
    }
    println!("bbc dev: {articles} articles, {total} sentences");
    assert!(
        bad_headlines.is_empty(),
        "headline is not the first sentence: {bad_headlines:?}"
    );
}
