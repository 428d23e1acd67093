//! Evaluation of the relation rules of issue 3 that are not the percent-change
//! family (`percent-share`, `fraction`, `multiplier`, `sum`, `repeated-figure`)
//! against the shared news data (`../shared`, or `CLAIMCHECK_SHARED`): labelled
//! relations per rule, the mutation test on those relations, and these rules'
//! flags over the unlabelled BBC dev articles. Prints its figures, asserts
//! floors, and skips with one line when the data is absent.
//!
//! Scoring follows `tools/score.py`: a claim is verified when a check involving
//! an overlapping claim (as subject or evidence) is consistent and none is an
//! error-severity inconsistency; flagged when one is.
#![allow(clippy::print_stdout, reason = "an evaluation prints its figures")]

use std::collections::BTreeMap;
use std::fs;

use claimcheck::{Span, analyze};
use serde_json::Value;

mod common;
use common::{Got, is_flag, label_files, locate, mutate, shared_dir, verdict_on};

/// The rules this file evaluates.
const RULES: &[&str] = &[
    "percent-share",
    "fraction",
    "multiplier",
    "sum",
    "repeated-figure",
];
/// Labelled consistent relations of these rules that must be verified, in per cent.
const FLOOR_VERIFIED: usize = 75;
/// Mutations of those relations that must be caught, in per cent.
const FLOOR_MUTATIONS: usize = 90;
/// Flags these rules may raise per 100 unlabelled articles, at most.
const CEILING_FLAGS_PER_100: f64 = 0.5;

#[test]
fn eval_relations_more() {
    let news = shared_dir().join("data/news");
    let labels_dir = news.join("labels");
    if !labels_dir.is_dir() {
        println!("skipping: no labelled data at {}", labels_dir.display());
        return;
    }
    let names = label_files(&labels_dir);

    // rule -> [verified, consistent, flagged, inconsistent]
    let mut per_rule: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let (mut caught, mut mutations) = (0, 0);
    let mut notes = Vec::new();
    let mut labelled = Vec::new();
    for name in &names {
        let lab: Value =
            serde_json::from_str(&fs::read_to_string(name).expect("label file")).expect("json");
        let Some(article) = lab["article"].as_str() else {
            continue;
        };
        let path = news.join(article);
        labelled.push(fs::canonicalize(&path).unwrap_or(path.clone()));
        let text = fs::read_to_string(&path).expect("article");
        let a = analyze(&text);
        for r in lab["relations"].as_array().into_iter().flatten() {
            let rule = r["rule"].as_str().unwrap_or("");
            if !RULES.contains(&rule) {
                continue;
            }
            let expected = r["expected"].as_str().unwrap_or("");
            let ptext = r["percent"]["text"].as_str().unwrap_or("");
            let occ = r["percent"]["occurrence"].as_u64().unwrap_or(1);
            let Some(span) = locate(&text, ptext, occ) else {
                continue;
            };
            let got = verdict_on(&a, span);
            let e = per_rule.entry(rule.to_owned()).or_default();
            match expected {
                "consistent" => {
                    e[1] += 1;
                    e[0] += usize::from(got == Got::Verified);
                    if got != Got::Verified {
                        notes.push(format!("  {article}: {rule} {ptext:?} got {got:?}"));
                    }
                    if let Some(m) = mutate(ptext) {
                        mutations += 1;
                        let mtext = format!("{}{m}{}", &text[..span.start], &text[span.end..]);
                        let mspan = Span::new(span.start, span.start + m.len());
                        if verdict_on(&analyze(&mtext), mspan) == Got::Flagged {
                            caught += 1;
                        } else {
                            notes.push(format!("  {article}: mutation {ptext} -> {m} missed"));
                        }
                    }
                }
                "inconsistent" => {
                    e[3] += 1;
                    e[2] += usize::from(got == Got::Flagged);
                    if got != Got::Flagged {
                        notes.push(format!("  {article}: {rule} {ptext:?} not flagged"));
                    }
                }
                _ => {}
            }
        }
    }

    // These rules' flags over the unlabelled BBC dev articles.
    let mut articles = 0;
    let mut flags = Vec::new();
    let bbc = news.join("bbc");
    for dir in fs::read_dir(&bbc)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        for f in fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
        {
            let p = f.path();
            let canon = fs::canonicalize(&p).unwrap_or(p.clone());
            if p.extension().is_none_or(|x| x != "txt") || labelled.contains(&canon) {
                continue;
            }
            let Ok(text) = fs::read_to_string(&p) else {
                continue;
            };
            articles += 1;
            for ch in analyze(&text).checks {
                if RULES.contains(&ch.rule) && is_flag(&ch) {
                    flags.push(format!("  {}: {} {}", p.display(), ch.rule, ch.message));
                }
            }
        }
    }

    let (mut v, mut n, mut fl, mut ni) = (0, 0, 0, 0);
    for (rule, [a, b, c, d]) in &per_rule {
        println!("{rule:16} verified {a}/{b}  flagged {c}/{d}");
        (v, n, fl, ni) = (v + a, n + b, fl + c, ni + d);
    }
    let per_100 = 100.0 * flags.len() as f64 / f64::from(articles.max(1));
    println!("total            verified {v}/{n}  flagged {fl}/{ni}");
    println!("mutations        caught {caught}/{mutations}");
    println!(
        "unlabelled       {} flags over {articles} articles ({per_100:.2} per 100)",
        flags.len()
    );
    for line in notes.iter().chain(&flags) {
        println!("{line}");
    }
    assert!(v * 100 >= FLOOR_VERIFIED * n, "verified {v}/{n}");
    assert_eq!(fl, ni, "every labelled inconsistency must be flagged");
    assert!(
        caught * 100 >= FLOOR_MUTATIONS * mutations,
        "mutations {caught}/{mutations}"
    );
    assert!(
        per_100 <= CEILING_FLAGS_PER_100,
        "{per_100} flags per 100 articles"
    );
}
