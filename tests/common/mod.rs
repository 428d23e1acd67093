//! Helpers shared by the evaluation tests that read `../shared`: where the data
//! is, how score.py locates a labelled mention, and how it judges a claim.
#![allow(dead_code, reason = "each test crate uses a different part")]

use std::path::{Path, PathBuf};

use claimcheck::check::{Severity, Verdict};
use claimcheck::{Analysis, Span};

/// The shared data folder: `$CLAIMCHECK_SHARED`, else `../shared` beside the project.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("CLAIMCHECK_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    )
}

/// The labelled articles' JSON files in `labels_dir`, sorted.
pub fn label_files(labels_dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(labels_dir)
        .expect("labels dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    names
}

/// The byte span of the `occurrence`-th match of `needle` in `hay` (from 1).
pub fn locate(hay: &str, needle: &str, occurrence: u64) -> Option<Span> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..occurrence.max(1) {
        let at = from + hay.get(from..)?.find(needle)?;
        found = Some(Span::new(at, at + needle.len()));
        // Next search starts one byte on, as Python's `find(needle, pos + 1)`.
        from = at + hay.get(at..)?.chars().next().map_or(1, char::len_utf8);
    }
    found
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Got {
    Flagged,
    Verified,
    Unchecked,
}

pub fn is_flag(c: &claimcheck::check::Check) -> bool {
    c.verdict == Verdict::Inconsistent && c.severity != Severity::Warning
}

/// The verdict on a span, as `score.py`'s `verdict_on`.
pub fn verdict_on(a: &Analysis, span: Span) -> Got {
    let ids: Vec<usize> = a
        .claims
        .iter()
        .filter(|c| c.span.overlaps(span))
        .map(|c| c.id)
        .collect();
    let involved: Vec<_> = a
        .checks
        .iter()
        .filter(|ch| ids.contains(&ch.claim) || ch.evidence.iter().any(|e| ids.contains(e)))
        .collect();
    if involved.iter().any(|c| is_flag(c)) {
        Got::Flagged
    } else if involved.iter().any(|c| c.verdict == Verdict::Consistent) {
        Got::Verified
    } else {
        Got::Unchecked
    }
}

/// `score.py`'s mutation: the leading number × 1.5 + 3, same decimals.
pub fn mutate(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let mut end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(rest.len());
    let mut dec = 0;
    if rest[end..].starts_with('.') {
        let frac = rest[end + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - end - 1);
        if frac > 0 {
            dec = frac;
            end += 1 + frac;
        }
    }
    let whole: f64 = rest[..end].replace(',', "").parse().ok()?;
    let new = whole * 1.5 + 3.0;
    Some(format!(
        "{}{new:.dec$}{}",
        &text[..start],
        &text[start + end..]
    ))
}
