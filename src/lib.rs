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
mod bit_block;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod inputs;
pub mod markup;
pub mod report;
pub mod segment;
pub mod settings;
pub mod source;
mod word_set;

pub use error::Error;
pub use settings::Settings;
pub use source::{LineIndex, Source, Span};

/// Everything the pipeline found in one text.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub sentences: Vec<segment::Sentence>,
    pub claims: Vec<extract::Claim>,
    pub checks: Vec<check::Check>,
}

/// Runs the whole pipeline on one text, with the default [`Settings`].
#[must_use]
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Settings::default())
}

/// Runs the whole pipeline on one text, reading it with `settings` (a newsroom's
/// extra abbreviations, hedges and the currency of a bare `$`).
///
/// ```
/// let settings = claimcheck::Settings {
///     default_currency: Some("AUD".to_owned()),
///     ..claimcheck::Settings::default()
/// };
/// let analysis = claimcheck::analyze_with("The council spent $5m.", &settings);
/// assert_eq!(analysis.claims[0].currency, Some("AUD"));
/// ```
#[must_use]
pub fn analyze_with(text: &str, settings: &Settings) -> Analysis {
    let sentences = segment::sentences_with(text, &settings.abbreviations);
    let claims = extract::claims_with(text, &sentences, settings);
    let cx = check::Context {
        text,
        sentences: &sentences,
        claims: &claims,
    };
    let checks = match settings.approximate {
        Some(width) => check::run_with(&cx, width),
        None => check::run(&cx),
    };
    Analysis {
        sentences,
        claims,
        checks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [&str; 4] = [
        "Gun crime showed a 34 per cent rise, from 108 offences to 164.",
        "Coun. Smith said give or take 30% of the $5m budget, US$2m, was spent.",
        "Mr. Smith met Mrs. Jones. Profits rose 5% to £3bn, up from £2.8bn. He left.",
        "",
    ];

    /// Checks compared by what they say, since `Check` need not be `PartialEq`.
    fn summary(a: &Analysis) -> (Vec<segment::Sentence>, Vec<extract::Claim>, String) {
        (
            a.sentences.clone(),
            a.claims.clone(),
            format!("{:?}", a.checks),
        )
    }

    #[test]
    fn default_settings_are_analyze() {
        for text in TEXTS {
            assert_eq!(
                summary(&analyze_with(text, &Settings::default())),
                summary(&analyze(text)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn settings_reach_the_segmenter_and_the_extractor() {
        let text = TEXTS[1];
        let settings = Settings {
            abbreviations: vec!["Coun".to_owned()],
            hedges: vec![("give or take".to_owned(), extract::Hedge::About)],
            default_currency: Some("AUD".to_owned()),
            approximate: None,
        };
        let plain = analyze(text);
        assert_eq!(plain.sentences.len(), 2);
        let read = analyze_with(text, &settings);
        assert_eq!(read.sentences.len(), 1);
        let claim = |a: &Analysis, s: &str| {
            a.claims
                .iter()
                .find(|c| c.span.slice(text) == s)
                .map(|c| (c.hedge, c.currency))
        };
        assert_eq!(claim(&plain, "30%"), Some((None, None)));
        assert_eq!(
            claim(&read, "30%"),
            Some((Some(extract::Hedge::About), None))
        );
        assert_eq!(claim(&plain, "$5m"), Some((None, Some("USD"))));
        assert_eq!(claim(&read, "$5m"), Some((None, Some("AUD"))));
        assert_eq!(claim(&read, "US$2m"), Some((None, Some("USD"))));
    }
}
