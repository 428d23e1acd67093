//! Sentence segmentation: text in, sentence spans out.
//!
//! Invariants: sentences are in order, do not overlap, and each span is trimmed of
//! surrounding whitespace (so a sentence's text never starts or ends with a space).
//!
//! STUB: plain UAX #29 for now; the repairs (abbreviations, decimals, initials,
//! line structure) land with the segmentation work.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
}

/// Splits `text` into sentences.
#[must_use]
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (start, s) in text.split_sentence_bound_indices() {
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            continue;
        }
        let st = start + lead;
        out.push(Sentence {
            span: Span::new(st, st + trimmed.len()),
        });
    }
    out
}
