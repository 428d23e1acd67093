//! How many of Microsoft Recognizers-Text's English number and percentage
//! mentions does extraction read with the right value?
//!
//! Reads `data/numbers/recognizers-text/{NumberModel,PercentModel}.json` from the
//! shared folder (`$CLAIMCHECK_SHARED`, default `../shared`): arrays of
//! `{Input, Results: [{Text, TypeName, Resolution: {value}, Start, End}]}` with
//! character offsets, `End` inclusive. An expected result counts as found when a
//! claim overlaps its text and has its value (within 1e-6 relative; percentages
//! compared in percent units, `"50%"` is 50). Many spec cases are exotic for
//! news (`1.1^23`, `one over four`, `a hundred trillionths`), so the floor is a
//! regression guard, not a target; the misses are printed. Skips with one line
//! when the data is absent.

mod common;
use common::shared_dir;

/// Reached: 0.53 overall (numbers about 0.51, percentages 1.0). Most misses are
/// spoken or exotic forms that news copy does not use (`one over three`,
/// `1.1^23`, `nought point five`, `13 lakh`, `⅔`, Indian and European digit
/// grouping, `3 hundred and 21`).
const FLOOR: f64 = 0.50;

/// Byte offset of character `n` of `s` (its length past the end).
fn byte_of_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-12)
}

/// Found and expected counts for one spec file, printing its misses.
fn score(path: &std::path::Path) -> (usize, usize) {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("spec readable"))
            .expect("spec is JSON");
    let (mut found, mut expected) = (0, 0);
    for case in json.as_array().expect("array of cases") {
        let Some(input) = case["Input"].as_str() else {
            continue;
        };
        let sentences = claimcheck::segment::sentences(input);
        let claims = claimcheck::extract::claims(input, &sentences);
        for r in case["Results"].as_array().into_iter().flatten() {
            let Some(raw) = r["Resolution"]["value"].as_str() else {
                continue;
            };
            let Ok(value) = raw.trim_end_matches('%').parse::<f64>() else {
                continue;
            };
            let (Some(s), Some(e)) = (r["Start"].as_u64(), r["End"].as_u64()) else {
                continue;
            };
            let (Ok(s), Ok(e)) = (usize::try_from(s), usize::try_from(e)) else {
                continue;
            };
            let (start, end) = (byte_of_char(input, s), byte_of_char(input, e + 1));
            expected += 1;
            let hit = claims
                .iter()
                .any(|c| c.span.start < end && start < c.span.end && same_value(c.value(), value));
            if hit {
                found += 1;
            } else {
                let got: Vec<String> = claims
                    .iter()
                    .map(|c| {
                        format!(
                            "{} {:?}={}",
                            c.kind.as_str(),
                            c.span.slice(input),
                            c.value()
                        )
                    })
                    .collect();
                println!(
                    "  miss {:?} in {:?}: want {raw} (got {})",
                    r["Text"].as_str().unwrap_or(""),
                    input,
                    if got.is_empty() {
                        "nothing".to_owned()
                    } else {
                        got.join(", ")
                    }
                );
            }
        }
    }
    (found, expected)
}

#[test]
fn reads_recognizers_text_numbers_and_percentages() {
    let dir = shared_dir().join("data/numbers/recognizers-text");
    if !dir.is_dir() {
        println!("skipping: no Recognizers-Text specs at {}", dir.display());
        return;
    }
    let (mut found, mut expected) = (0, 0);
    for name in ["NumberModel.json", "PercentModel.json"] {
        let (f, e) = score(&dir.join(name));
        println!("{name}: {f}/{e} = {:.3}", f as f64 / e.max(1) as f64);
        found += f;
        expected += e;
    }
    let share = found as f64 / expected.max(1) as f64;
    println!("recognizers-text numbers and percentages: {found}/{expected} = {share:.3}");
    assert!(share >= FLOOR, "share {share:.3} below floor {FLOOR}");
}
