//! claimcheck finds the numbers in a news article and checks whether they add up.
//!
//! ```text
//! bytes ──► Source ──► segment::sentences ──► extract::claims ──► check::run ──► report
//!          (input)       (sentence spans)       (numeric claims)    (verdicts)    (text, json)
//! ```
//!
//! Every stage borrows its input and returns owned results whose spans are byte
//! offsets into the original text. The library never prints.
//!
//! ```
//! let source = claimcheck::Source::from_bytes(
//!     "seed.txt",
//!     b"Gun crime showed a 34 per cent rise, from 108 offences to 164.".to_vec(),
//! ).unwrap();
//! let analysis = claimcheck::analyze(&source.text);
//! let claim = &analysis.claims[analysis.checks[0].claim];
//! assert_eq!(claim.span.slice(&source.text), "34 per cent");
//! assert_eq!(analysis.checks[0].verdict, claimcheck::check::Verdict::Inconsistent);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod inputs;
pub mod markup;
pub mod report;
pub mod segment;
pub mod source;

pub use error::Error;
pub use source::{LineIndex, Source, Span};

/// Everything the pipeline found in one text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub sentences: Vec<segment::Sentence>,
    pub claims: Vec<extract::Claim>,
    pub checks: Vec<check::Check>,
}

/// Runs the whole pipeline on one text.
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    let sentences = segment::sentences(text);
    let claims = extract::claims(text, &sentences);
    let checks = check::run(&check::Context {
        text,
        sentences: &sentences,
        claims: &claims,
    });
    Analysis {
        sentences,
        claims,
        checks,
    }
}
