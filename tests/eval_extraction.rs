//! How well does extraction find the numbers a careful reader finds?
//!
//! Scores `extract::claims` against the labelled news articles in the shared
//! folder (`$CLAIMCHECK_SHARED`, default `../shared` beside the crate):
//! `data/news/labels/*.json`, each claim `{text, occurrence, kind, value}`. A tool
//! claim matches a label when the kinds are equal, the byte spans overlap and the
//! values agree within 1e-6 relative; each claim matches at most one label.
//! Prints per-kind precision and recall with every mismatch, and asserts the
//! floors of the extraction issue. Skips with one line when the data is absent.

use std::fmt::Write as _;
use std::path::PathBuf;

use claimcheck::extract::{Claim, ClaimKind};

mod common;
use common::shared_dir;

/// Kinds scored, with their precision and recall floors.
const FLOORS: [(&str, f64, f64); 4] = [
    ("percent", 0.95, 0.95),
    ("year", 0.95, 0.95),
    ("money", 0.95, 0.95),
    ("count", 0.90, 0.90),
];

struct Label {
    kind: String,
    start: usize,
    end: usize,
    value: f64,
    text: String,
}

/// Byte offset of the `occurrence`-th (from 1) occurrence of `needle`.
fn locate(hay: &str, needle: &str, occurrence: usize) -> Option<usize> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..occurrence {
        let i = hay.get(from..)?.find(needle)? + from;
        found = Some(i);
        from = i + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    found
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-12)
}

fn kind_name(k: ClaimKind) -> &'static str {
    k.as_str()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    matched: usize,
    reported: usize,
    labelled: usize,
}

#[test]
fn extraction_meets_floors_on_labelled_news() {
    let news = shared_dir().join("data/news");
    let labels_dir = news.join("labels");
    let Ok(entries) = std::fs::read_dir(&labels_dir) else {
        println!("skipping: no labelled news at {}", labels_dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut tallies: Vec<(&str, Tally)> = FLOORS.iter().map(|f| (f.0, Tally::default())).collect();
    let mut report = String::new();
    for file in &files {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("label file readable"))
                .expect("label file is JSON");
        let article = json["article"].as_str().expect("article path");
        let text = std::fs::read_to_string(news.join(article)).expect("article readable");
        let labels: Vec<Label> = json["claims"]
            .as_array()
            .expect("claims array")
            .iter()
            .filter_map(|c| {
                let t = c["text"].as_str()?;
                let occ = usize::try_from(c["occurrence"].as_u64()?).ok()?;
                let start = locate(&text, t, occ)?;
                Some(Label {
                    kind: c["kind"].as_str()?.to_owned(),
                    start,
                    end: start + t.len(),
                    value: c["value"].as_f64().unwrap_or(f64::NAN),
                    text: t.to_owned(),
                })
            })
            .collect();
        let sentences = claimcheck::segment::sentences(&text);
        let claims = claimcheck::extract::claims(&text, &sentences);
        let mut used = vec![false; claims.len()];
        let mut label_hit = vec![false; labels.len()];
        for (li, l) in labels.iter().enumerate() {
            let hit = claims.iter().enumerate().find(|(ci, c)| {
                !used[*ci]
                    && kind_name(c.kind) == l.kind
                    && c.span.start < l.end
                    && l.start < c.span.end
                    && same_value(c.value(), l.value)
            });
            if let Some((ci, _)) = hit {
                used[ci] = true;
                label_hit[li] = true;
            }
        }
        for (name, t) in &mut tallies {
            t.labelled += labels.iter().filter(|l| l.kind == *name).count();
            t.matched += labels
                .iter()
                .zip(&label_hit)
                .filter(|(l, h)| l.kind == *name && **h)
                .count();
            t.reported += claims.iter().filter(|c| kind_name(c.kind) == *name).count();
        }
        let core = |k: &str| FLOORS.iter().any(|f| f.0 == k);
        for (l, _) in labels
            .iter()
            .zip(&label_hit)
            .filter(|(l, h)| !**h && core(&l.kind))
        {
            let found: Vec<String> = claims
                .iter()
                .filter(|c| c.span.start < l.end && l.start < c.span.end)
                .map(|c| describe(c, &text))
                .collect();
            let _ = writeln!(
                report,
                "  missed  {article}: {} {:?} = {} (tool: {})",
                l.kind,
                l.text,
                l.value,
                if found.is_empty() {
                    "nothing".to_owned()
                } else {
                    found.join(", ")
                }
            );
        }
        for (c, _) in claims
            .iter()
            .zip(&used)
            .filter(|(c, u)| !**u && core(kind_name(c.kind)))
        {
            let _ = writeln!(
                report,
                "  extra   {article}: {} [{}]",
                describe(c, &text),
                context(&text, c.span.start, c.span.end)
            );
        }
    }
    println!("extraction against {} labelled files:", files.len());
    print!("{report}");
    let mut failures = Vec::new();
    for ((name, t), (_, p_floor, r_floor)) in tallies.iter().zip(FLOORS) {
        let p = ratio(t.matched, t.reported);
        let r = ratio(t.matched, t.labelled);
        println!(
            "{name:8} precision {p:.3} ({}/{})  recall {r:.3} ({}/{})",
            t.matched, t.reported, t.matched, t.labelled
        );
        if p < p_floor || r < r_floor {
            failures.push(format!(
                "{name}: precision {p:.3} (floor {p_floor}), recall {r:.3} (floor {r_floor})"
            ));
        }
    }
    assert!(failures.is_empty(), "below the floors: {failures:?}");
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn describe(c: &Claim, text: &str) -> String {
    format!(
        "{} {:?} = {}",
        c.kind.as_str(),
        c.span.slice(text),
        c.value()
    )
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut s = start.saturating_sub(40);
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (end + 30).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    text.get(s..e).unwrap_or("").replace('\n', " ")
}

/// How fast is extraction alone? Run in release:
/// `cargo test --release --test eval_extraction -- --ignored --nocapture`.
/// Concatenates every DEV BBC article, segments once, then times
/// `extract::claims` over the whole text and prints MB/s (best of five).
#[test]
#[ignore = "throughput measurement; run by hand in release"]
fn extract_throughput_on_bbc_dev() {
    let bbc = shared_dir().join("data/news/bbc");
    let Ok(cats) = std::fs::read_dir(&bbc) else {
        println!("skipping: no BBC articles at {}", bbc.display());
        return;
    };
    let mut paths: Vec<PathBuf> = cats
        .filter_map(Result::ok)
        .filter_map(|c| std::fs::read_dir(c.path()).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut text = String::new();
    for p in &paths {
        if let Ok(t) = std::fs::read_to_string(p) {
            text.push_str(&t);
            text.push_str("\n\n");
        }
    }
    let sentences = claimcheck::segment::sentences(&text);
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..5 {
        let t0 = std::time::Instant::now();
        n = std::hint::black_box(claimcheck::extract::claims(&text, &sentences)).len();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "extract: {} files, {:.1} MB, {n} claims, best {:.1} ms = {:.0} MB/s",
        paths.len(),
        text.len() as f64 / 1e6,
        best * 1e3,
        text.len() as f64 / 1e6 / best
    );
}
