//! Claim extraction: text and sentences in, numeric claims out.
//!
//! Every claim carries the byte span of its exact text (number plus unit words:
//! `34 per cent`, `£3bn`, `two`), its kind, its normalised value with the precision
//! the writer used, and the hedge and noun around it. Claims are sorted by span and
//! their `id` is their index in that order.
//!
//! How: one pass over the bytes (`scan`) stops only at digits and at words that
//! can be number words (`stops` classifies the text 64 bytes at a time; a
//! three-letter prefix table, then the word's length and end letters, reject
//! `the`, `said`...). Each stop is parsed locally (`number` for digits, `words` for
//! spelled numbers) and classified from the few words around it: `percent`,
//! `money`, `context` (months, time units, names, nouns) and `hedge`. Spans and
//! kinds follow the labelling conventions of `shared/data/news/LABELS.md` (a
//! count's span has no noun; a hedge is never in the span; `4-5%` gives two
//! percent mentions). No regex runs per word, nothing is allocated per word, and
//! the cost is linear in the text; values are always finite.
//!
//! Decisions worth knowing when reading claims:
//! - a year range `2004-05` gives two years, the second spanning `05`;
//! - `the 1990s` is a [`ClaimKind::Decade`], not a year (LABELS.md does not label
//!   it as one);
//! - `seven out of 10` gives two counts and a fraction over the whole phrase;
//! - numbers in names (`Formula 1`, `BBC One`), codes (`CO19`), ranks
//!   (`number five`), versions and race distances (`the 100m`) give no claim.

use serde::Serialize;

use crate::Settings;
use crate::segment::Sentence;

mod context;
mod hedge;
mod lex;
mod money;
mod number;
mod percent;
mod scan;
mod stops;
mod words;

use crate::source::Span;

/// What a numeric mention is. Only some kinds are checked; the rest are recognised
/// so that they are not miscounted (a date's `22` is not a count of anything).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A cardinal number of things: `3,903 offences`, `two of its officers`.
    Count,
    /// A percentage, value in percent units: `34 per cent` is 34.
    Percent,
    /// Percentage points: `3 percentage points`.
    Points,
    /// A calendar year (`2004`; `2004-05` and `1998/99` give two). Decades are
    /// [`ClaimKind::Decade`].
    Year,
    /// An amount of money in whole currency units: `£3bn` is 3e9, `50p` is 0.5.
    Money,
    /// A proportion in words: `one in five` (0.2), `a third`, `half`.
    Fraction,
    /// A factor: `doubled` (2), `three times`, `halved` (0.5).
    Multiplier,
    /// A day of the month: the `22` of `22 July`.
    Date,
    /// A clock time: `10:30`, `3pm`.
    Time,
    /// An ordinal: `3rd`, `fifth`.
    Ordinal,
    /// An age: `55-year-old`.
    Age,
    /// A match score or vote tally: `3-1`.
    Score,
    /// A length of time: `six months`.
    Duration,
    /// A decade: `the 1990s` (value 1990). Not a calendar year: LABELS.md does not
    /// score it as one.
    Decade,
}

impl ClaimKind {
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Percent => "percent",
            Self::Points => "points",
            Self::Year => "year",
            Self::Money => "money",
            Self::Fraction => "fraction",
            Self::Multiplier => "multiplier",
            Self::Date => "date",
            Self::Time => "time",
            Self::Ordinal => "ordinal",
            Self::Age => "age",
            Self::Score => "score",
            Self::Duration => "duration",
            Self::Decade => "decade",
        }
    }
}

/// A hedge word before a claim, which widens or bounds what the claim asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    About,
    Around,
    Approximately,
    Some,
    Roughly,
    Nearly,
    Almost,
    JustUnder,
    MoreThan,
    Over,
    Above,
    AtLeast,
    UpTo,
    LessThan,
    Under,
    Below,
    AtMost,
}

/// Which side of the stated value a hedge allows the true value to be on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HedgeSense {
    /// Within 10% either side (`about`, `around`).
    Approximate,
    /// Above the stated value (`more than`, `over`).
    Above,
    /// At or above (`at least`).
    AtLeast,
    /// Below the stated value (`less than`, `under`).
    Below,
    /// At or below (`up to`, `at most`).
    AtMost,
    /// Just below: within 10% under (`nearly`, `almost`).
    JustBelow,
}

impl Hedge {
    #[must_use]
    pub fn sense(self) -> HedgeSense {
        match self {
            Self::About | Self::Around | Self::Approximately | Self::Some | Self::Roughly => {
                HedgeSense::Approximate
            }
            Self::Nearly | Self::Almost | Self::JustUnder => HedgeSense::JustBelow,
            Self::MoreThan | Self::Over | Self::Above => HedgeSense::Above,
            Self::AtLeast => HedgeSense::AtLeast,
            Self::LessThan | Self::Under | Self::Below => HedgeSense::Below,
            Self::UpTo | Self::AtMost => HedgeSense::AtMost,
        }
    }
}

/// A number as written: its value and the precision the writer gave it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quantity {
    /// Normalised value: 34 for `34 per cent`, 3e9 for `£3bn`, 1.5e6 for `1.5 million`.
    pub value: f64,
    /// The unit of the last written digit, in value units: 1 for `34`, 0.1 for
    /// `5.3`, 1e8 for `£4.4bn`. Half of it is the rounding the writer may have done.
    pub step: f64,
    /// Written with a magnitude word or suffix (`m`, `bn`, `million`), which means
    /// the writer rounded it; a plain `108` is taken as exact when used as a figure.
    pub scaled: bool,
}

impl Quantity {
    /// An exact integer-precision quantity.
    #[must_use]
    pub fn exact(value: f64) -> Self {
        Self {
            value,
            step: 1.0,
            scaled: false,
        }
    }
}

/// One numeric mention in an article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// Index in the file's claim list (claims are sorted by span).
    pub id: usize,
    pub kind: ClaimKind,
    /// The mention's exact text: number with its unit words.
    pub span: Span,
    /// Index of the sentence that contains the claim's start.
    pub sentence: usize,
    pub quantity: Quantity,
    pub hedge: Option<Hedge>,
    /// ISO 4217 code for money (`GBP`, `USD`, `EUR`, ...).
    pub currency: Option<&'static str>,
    /// The counted noun that follows a count (`offences` in `195 offences`).
    pub noun: Option<String>,
}

impl Claim {
    #[must_use]
    pub fn value(&self) -> f64 {
        self.quantity.value
    }
}

/// Extracts the numeric claims of `text`, sorted by span, ids assigned.
///
/// One pass over the bytes (see `scan`); never panics, and every value is finite.
#[must_use]
pub fn claims(text: &str, sentences: &[Sentence]) -> Vec<Claim> {
    claims_with(text, sentences, &Settings::default())
}

/// [`claims`], reading `text` with the settings' extra hedge phrases and the
/// currency of a bare `$` (see [`Settings`]; its abbreviations are the
/// segmenter's business). With default settings this is [`claims`].
#[must_use]
pub fn claims_with(text: &str, sentences: &[Sentence], settings: &Settings) -> Vec<Claim> {
    let dollar = settings
        .default_currency
        .as_deref()
        .map_or("USD", money::static_code);
    finish(scan::scan(text, sentences, &settings.hedges, dollar))
}

/// Index of the sentence containing byte `offset` (the last one starting at or before it).
#[must_use]
pub fn sentence_of(sentences: &[Sentence], offset: usize) -> usize {
    sentences
        .partition_point(|s| s.span.start <= offset)
        .saturating_sub(1)
}

/// Sorts claims by span and assigns ids in that order.
#[must_use]
pub fn finish(mut claims: Vec<Claim>) -> Vec<Claim> {
    sort_by_span(&mut claims);
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = i;
    }
    claims
}

/// Stable sort by span, for a list that is nearly sorted already: the scan
/// pushes claims in text order except for a few (a range pushes its second
/// number before its first), each a position or two early. Insertion sort
/// moves each of those once, where the general sort moved every claim several
/// times (claims are about a hundred bytes). Should the list be far from
/// sorted after all, the general stable sort finishes the job; either way the
/// result is the one stable order.
fn sort_by_span(claims: &mut [Claim]) {
    let key = |c: &Claim| (c.span.start, c.span.end);
    let mut budget = claims.len() + 64;
    for i in 1..claims.len() {
        let k = key(&claims[i]);
        let mut j = i;
        while j > 0 && key(&claims[j - 1]) > k {
            j -= 1;
        }
        if j < i {
            if i - j > budget {
                claims.sort_by_key(key);
                return;
            }
            budget -= i - j;
            claims[j..=i].rotate_right(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces that exercise every recogniser, glued at random.
    const PIECES: [&str; 52] = [
        "1", "0", "9", "42", "2004", ",", ".", "-", "/", ":", "%", "£", "€", "$", "¥", " ", "\n",
        "a", "one", "two", "Twenty", "hundred", "million", "bn", "m", "p", "per cent", "half",
        "and", "quarter", "thirds", "US", "é", "—", "“", "s", "th", "year", "-old", "to", "in",
        "out of", "July", "GMT", "Rs", "Danish", "kroner", "minus", "(", "times", "points", "No",
    ];

    /// A small deterministic generator (xorshift), so the test needs no crate.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    fn assert_well_formed(text: &str, claims: &[Claim]) {
        let head: String = text.chars().take(80).collect();
        let mut last = (0, 0);
        for (i, c) in claims.iter().enumerate() {
            assert_eq!(c.id, i);
            assert!(
                c.span.end <= text.len()
                    && text.is_char_boundary(c.span.start)
                    && text.is_char_boundary(c.span.end),
                "{head:?}: {c:?}"
            );
            assert!(
                c.value().is_finite() && c.quantity.step.is_finite(),
                "{head:?}: {c:?}"
            );
            assert!((c.span.start, c.span.end) >= last, "unsorted in {head:?}");
            last = (c.span.start, c.span.end);
        }
    }

    #[test]
    fn never_panics_on_random_text() {
        let mut state = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..4000 {
            let n = next(&mut state) % 40 + 1;
            let text: String = (0..n)
                .map(|_| PIECES[(next(&mut state) % PIECES.len() as u64) as usize])
                .collect();
            let sentences = crate::segment::sentences(&text);
            assert_well_formed(&text, &claims(&text, &sentences));
        }
    }

    #[test]
    fn never_panics_on_random_bytes() {
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2000 {
            let n = next(&mut state) % 64;
            // Bias towards digits, letters and the bytes of `£`/`€`.
            let bytes: Vec<u8> = (0..n)
                .map(|_| {
                    let r = next(&mut state);
                    match r % 4 {
                        0 => b"0123456789"[(r >> 8) as usize % 10],
                        1 => b" ,.-%$/:"[(r >> 8) as usize % 8],
                        2 => [0xC2, 0xA3, 0xE2, 0x82, 0xAC][(r >> 8) as usize % 5],
                        _ => (r >> 8) as u8,
                    }
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            let sentences = crate::segment::sentences(&text);
            assert_well_formed(&text, &claims(&text, &sentences));
        }
    }

    #[test]
    fn handles_huge_and_pathological_inputs() {
        for text in [
            "1-".repeat(100_000),
            "1,000,".repeat(50_000),
            "one hundred and ".repeat(20_000),
            "9".repeat(100_000),
            "£".repeat(50_000) + "5",
            "a half a ".repeat(30_000),
            "rose 5% and 3 points ".repeat(30_000),
        ] {
            let sentences = crate::segment::sentences(&text);
            assert_well_formed(&text, &claims(&text, &sentences));
        }
    }

    #[test]
    fn sorts_claims_by_span_stably() {
        let claim = |start, end, id| Claim {
            id,
            kind: ClaimKind::Count,
            span: Span::new(start, end),
            sentence: 0,
            quantity: Quantity::exact(1.0),
            hedge: None,
            currency: None,
            noun: None,
        };
        let mut state = 0x5DEE_CE66_D1CE_4E5B;
        for len in [0, 1, 2, 5, 40, 300] {
            for spread in [1, 3, 1000] {
                let claims: Vec<Claim> = (0..len)
                    .map(|i| {
                        let start = i * 2 + (next(&mut state) % spread) as usize;
                        claim(start, start + (next(&mut state) % 2) as usize, i)
                    })
                    .collect();
                let mut want = claims.clone();
                want.sort_by_key(|c| (c.span.start, c.span.end));
                let mut got = claims;
                sort_by_span(&mut got);
                assert_eq!(got, want, "len {len}, spread {spread}");
            }
        }
    }

    #[test]
    fn finds_sentence_of_offsets() {
        let text = "Up 5%. Down 3%.";
        let sentences = crate::segment::sentences(text);
        let c = claims(text, &sentences);
        assert_eq!(c.iter().map(|c| c.sentence).collect::<Vec<_>>(), [0, 1]);
    }
}
