//! The words around a claim, and the intervals the relation rules compare.
//!
//! Input: a [`Links`] index over one file and a claim. Output: the content words
//! of the claim's frame (the few words either side of it in its sentence), the
//! head noun of an `of` phrase after it, and the interval a claim covers when it
//! is a restatement or a share. Shared by `percent-share`, `fraction`,
//! `multiplier`, `sum` and `repeated-figure`.
//!
//! Invariants: every reading is bounded in bytes around the claim and stays in
//! its sentence, so the cost per claim is constant; nothing panics on odd spans
//! (all slicing goes through [`Links`]).

use std::sync::LazyLock;

use regex::Regex;

use super::link::Links;
use super::{Interval, approx, figure_interval};
use crate::extract::{Claim, ClaimKind, HedgeSense};

/// Words that say nothing about which quantity a number measures.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "these",
    "those",
    "from",
    "was",
    "were",
    "has",
    "have",
    "had",
    "are",
    "its",
    "their",
    "his",
    "her",
    "they",
    "them",
    "which",
    "who",
    "whom",
    "said",
    "says",
    "say",
    "per",
    "cent",
    "percent",
    "than",
    "more",
    "less",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "under",
    "into",
    "been",
    "will",
    "would",
    "could",
    "also",
    "only",
    "just",
    "year",
    "years",
    "last",
    "month",
    "months",
    "week",
    "weeks",
    "million",
    "billion",
    "trillion",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "while",
    "but",
    "not",
    "all",
    "now",
    "new",
    "since",
    "may",
    "can",
    "there",
    "out",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "it",
    "is",
    "be",
    "as",
    "an",
    "or",
    "up",
    "down",
    "half",
    "third",
    "quarter",
    "quarters",
    "thirds",
    "very",
    "such",
    "other",
    "another",
    "still",
    "even",
    "much",
    "many",
    "what",
    "when",
    "where",
    "how",
    "than",
    "then",
    "our",
    "your",
    "you",
    "she",
    "him",
    "there",
    "here",
    "being",
    "did",
    "does",
    "get",
    "got",
    "total",
    "figure",
    "figures",
    "number",
    "according",
    "showed",
    "show",
    "shows",
    "time",
];

/// Change verbs and nouns: they tell the direction, not the quantity.
const VERBS: &[&str] = &[
    "rose",
    "rise",
    "risen",
    "rising",
    "rises",
    "fell",
    "fall",
    "fallen",
    "falling",
    "falls",
    "increase",
    "increased",
    "increases",
    "decrease",
    "decreased",
    "dropped",
    "drop",
    "drops",
    "grew",
    "grow",
    "growth",
    "climbed",
    "jumped",
    "declined",
    "decline",
    "slipped",
    "gained",
    "lost",
    "cut",
    "cuts",
    "up",
    "down",
    "higher",
    "lower",
    "reached",
    "hit",
    "stood",
];

/// Lower-cased content words of `text`: letters and digits runs of three or more
/// characters (or an all-capital acronym of two), minus [`STOP`] words.
#[must_use]
pub fn content_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_end_matches("'s").trim_matches('\''))
        .filter(|w| {
            let acronym = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
            (w.chars().count() >= 3 || acronym) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether a content word is a change verb or noun.
#[must_use]
pub fn is_change_word(w: &str) -> bool {
    VERBS.contains(&w)
}

/// The content words of the frame of `c`: up to `reach` bytes before and after it
/// in its sentence, other claims' text included (their unit words can matter).
#[must_use]
pub fn frame_words(links: &Links<'_>, c: &Claim, reach: usize) -> Vec<String> {
    let mut words = content_words(links.before(c, reach));
    let sent = links.sentence_span(c.sentence);
    let end = floor(links.cx.text, sent.end.min(c.span.end + reach));
    words.extend(content_words(links.slice(c.span.end, end)));
    words.sort();
    words.dedup();
    words
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `of the 300 staff`, `of Marvel's profits`, `of all e-mail`: what follows a share.
static OF_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\s+                                  # the share's `of`
        (?:(?:the|a|an|all|its|their|his|her|our|those|these)\s+)*  # determiners
        (?:[A-Za-z]+'s?\s+)?                       # a possessive: Marvel's
        (?P<head>[A-Za-z][A-Za-z-]+)               # the head word
        ",
    )
    .expect("static regex")
});

/// The head word of the `of` phrase right after `c` (`profits` in `10% of
/// Marvel's profits`), lower-cased; `None` when no `of` follows.
#[must_use]
pub fn of_head(links: &Links<'_>, c: &Claim) -> Option<String> {
    let tail = links.tail(c, 60);
    let cap = OF_PHRASE.captures(tail)?;
    let head = cap.name("head")?.as_str().to_lowercase();
    (!STOP.contains(&head.as_str())).then_some(head)
}

/// Which values can be compared with which: shares (percentages and fractions, in
/// percent units), counts, and money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Domain {
    Share,
    Count,
    Money(Option<&'static str>),
}

/// The domain of a claim, `None` for kinds the relation rules do not compare.
#[must_use]
pub fn domain(c: &Claim) -> Option<Domain> {
    match c.kind {
        ClaimKind::Percent | ClaimKind::Fraction => Some(Domain::Share),
        ClaimKind::Count if !super::link::year_like(c) => Some(Domain::Count),
        ClaimKind::Money => Some(Domain::Money(c.currency)),
        _ => None,
    }
}

/// A claim's value in its domain's unit: fractions in percent (`a third` is 33.3).
#[must_use]
pub fn comparable_value(c: &Claim) -> f64 {
    if c.kind == ClaimKind::Fraction {
        c.value() * 100.0
    } else {
        c.value()
    }
}

/// The interval a round word covers in percent units: `a third` without a hedge
/// is about (within [`APPROX`]); `almost`/`nearly` within [`APPROX`] below
/// (`almost two-thirds` is 60..66.7); `more than`/`less than` the whole side.
#[must_use]
pub fn fraction_interval(c: &Claim) -> Interval {
    let v = c.value() * 100.0;
    let spread = v.abs() * approx();
    match c.hedge.map(crate::extract::Hedge::sense) {
        None | Some(HedgeSense::Approximate) => Interval::new(v - spread, v + spread),
        // `more than half`, `less than a third`: a comparison with a landmark,
        // read literally (`$8bn - less than half of the $20bn` is 40%, and true).
        Some(HedgeSense::Above | HedgeSense::AtLeast) => Interval::new(v, f64::INFINITY),
        Some(HedgeSense::Below | HedgeSense::AtMost) => Interval::new(f64::NEG_INFINITY, v),
        Some(HedgeSense::JustBelow) => Interval::new(v - spread, v),
    }
}

/// The interval a claim covers when it restates a quantity given elsewhere: a
/// fraction as [`fraction_interval`]; otherwise [`figure_interval`] (rounding,
/// hedges bounded at [`APPROX`]), with a plain integer ending in zeros read as
/// rounded to its last non-zero digit (`2,000` covers 1,500..2,500), because a
/// writer repeating a figure rounds it.
#[must_use]
pub fn restated_interval(c: &Claim) -> Interval {
    if c.kind == ClaimKind::Fraction {
        return fraction_interval(c);
    }
    let i = figure_interval(c);
    let q = c.quantity;
    if c.kind == ClaimKind::Count && !q.scaled && q.value.fract() == 0.0 && q.value >= 10.0 {
        let mut step = 1.0;
        let mut v = q.value;
        while v >= 10.0 && (v % 10.0) == 0.0 && step < 1e12 {
            v /= 10.0;
            step *= 10.0;
        }
        if step > 1.0 {
            return Interval::new(
                i.lo.min(q.value - step / 2.0),
                i.hi.max(q.value + step / 2.0),
            );
        }
    }
    i
}

/// The interval a stated share covers in percent units: a percentage by its
/// precision and hedge, with an open hedge (`less than 8%`) bounded at a quarter
/// of the value so that the statement still says something; a fraction as
/// [`fraction_interval`].
#[must_use]
pub fn share_interval(c: &Claim) -> Interval {
    if c.kind == ClaimKind::Fraction {
        return fraction_interval(c);
    }
    let i = super::stated_interval(c);
    let v = c.value();
    let bound = v.abs() * OPEN_HEDGE;
    Interval::new(i.lo.max(v - bound), i.hi.min(v + bound))
}

/// How far an open hedge (`more than`, `less than`, `below`) reaches from the
/// stated value when a relation rule compares it: a quarter of the value. `less
/// than 8%` for 7.7% is natural; `less than 15%` for 7.7% says something else.
pub const OPEN_HEDGE: f64 = 0.25;

/// Formats an interval in a domain's unit: `45%..50%`, `13.5m..14.5m` as plain
/// numbers.
#[must_use]
pub fn fmt_interval(i: Interval, d: Domain) -> String {
    match d {
        Domain::Share => super::fmt_pct_interval(i),
        _ => format!("{}..{}", fmt_big(i.lo), fmt_big(i.hi)),
    }
}

/// Formats a value in a domain's unit: `47%`, `14,200,000`.
#[must_use]
pub fn fmt_value(v: f64, d: Domain) -> String {
    match d {
        Domain::Share => format!("{}%", super::fmt_num(v, 2)),
        _ => fmt_big(v),
    }
}

fn fmt_big(v: f64) -> String {
    super::fmt_num(v, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_regexes_compile() {
        LazyLock::force(&OF_PHRASE);
    }

    #[test]
    fn content_words_drop_stop_words() {
        assert_eq!(
            content_words("IE's market share has dropped to"),
            ["ie", "market", "share", "dropped"]
        );
        assert!(content_words("of the 300 and").is_empty());
    }
}
