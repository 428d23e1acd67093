//! The text settings of a `claimcheck.toml` that change how the pipeline reads
//! prose: extra abbreviations for the segmenter, extra hedge phrases and the
//! currency of a bare `$` for the extractor.
//!
//! Input: a [`Config`] (or fields set by hand). Output: a [`Settings`] that
//! [`crate::analyze_with`] threads through [`crate::segment::sentences_with`] and
//! [`crate::extract::claims_with`]. Invariant: [`Settings::default`] reads text
//! exactly as [`crate::analyze`] does, at the same speed (the extra lists are only
//! consulted when they are not empty).

use crate::config::Config;
use crate::extract::Hedge;

/// Extra knowledge about a newsroom's prose. The default adds nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Extra abbreviations, written without their final dot (`Cllr`, `Supt`,
    /// `approx`): a full stop after one does not end a sentence. Compared ignoring
    /// ASCII case, except that an all-capitals token (`FT.`) matches only when
    /// written exactly so, since it is more often an acronym ending a sentence.
    pub abbreviations: Vec<String>,
    /// Extra hedge phrases read just before a number (`give or take` → About,
    /// `north of` → `MoreThan`): whole words, ignoring ASCII case, separated
    /// by spaces on one line. They win over the built-in hedges, the longest first.
    pub hedges: Vec<(String, Hedge)>,
    /// The ISO 4217 code a bare `$` stands for (`AUD` in an Australian newsroom);
    /// `None` means USD. `US$`, `A$` and the other prefixed dollars keep their own.
    pub default_currency: Option<String>,
    /// The relative width of `about`, `nearly` and unhedged round words
    /// (`[tolerance] approximate`); `None` means [`check::APPROX`](crate::check::APPROX).
    pub approximate: Option<f64>,
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Self {
        Self {
            abbreviations: config.abbreviations.clone(),
            hedges: config
                .hedges
                .iter()
                .map(|(phrase, &name)| (phrase.clone(), Hedge::from(name)))
                .collect(),
            default_currency: config.default_currency.clone(),
            approximate: config.tolerance.approximate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gives_default_settings() {
        let config = Config::parse("c.toml", "").expect("empty config parses");
        assert_eq!(Settings::from(&config), Settings::default());
    }

    #[test]
    fn config_text_settings_carry_over() {
        let config = Config::parse(
            "c.toml",
            "abbreviations = [\"Coun\"]\ndefault-currency = \"AUD\"\n\n[hedges]\n\"give or take\" = \"about\"\n\"in excess of\" = \"more-than\"\n",
        )
        .expect("config parses");
        let s = Settings::from(&config);
        assert_eq!(s.abbreviations, ["Coun"]);
        assert_eq!(
            s.hedges,
            [
                ("give or take".to_owned(), Hedge::About),
                ("in excess of".to_owned(), Hedge::MoreThan)
            ]
        );
        assert_eq!(s.default_currency.as_deref(), Some("AUD"));
    }
}
