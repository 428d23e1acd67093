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
use rustc_hash::{FxHashMap, FxHashSet};

use super::link::Links;
use super::{Interval, approx, figure_interval};
use crate::extract::{Claim, ClaimKind, HedgeSense};

/// Words that say nothing about which quantity a number measures. Sorted: looked
/// up by binary search.
const STOP: &[&str] = &[
    "about",
    "according",
    "all",
    "almost",
    "also",
    "an",
    "and",
    "another",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "being",
    "billion",
    "but",
    "by",
    "can",
    "cent",
    "could",
    "did",
    "does",
    "down",
    "eight",
    "even",
    "figure",
    "figures",
    "five",
    "for",
    "four",
    "from",
    "get",
    "got",
    "had",
    "half",
    "has",
    "have",
    "her",
    "here",
    "him",
    "his",
    "how",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "less",
    "many",
    "may",
    "million",
    "month",
    "months",
    "more",
    "much",
    "nearly",
    "new",
    "nine",
    "not",
    "now",
    "number",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "percent",
    "quarter",
    "quarters",
    "said",
    "say",
    "says",
    "seven",
    "she",
    "show",
    "showed",
    "shows",
    "since",
    "six",
    "some",
    "still",
    "such",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "third",
    "thirds",
    "this",
    "those",
    "three",
    "time",
    "to",
    "total",
    "trillion",
    "two",
    "under",
    "up",
    "very",
    "was",
    "week",
    "weeks",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
    "your",
];

/// Change verbs and nouns: they tell the direction, not the quantity. Sorted:
/// looked up by binary search.
const VERBS: &[&str] = &[
    "climbed",
    "cut",
    "cuts",
    "decline",
    "declined",
    "decrease",
    "decreased",
    "down",
    "drop",
    "dropped",
    "drops",
    "fall",
    "fallen",
    "falling",
    "falls",
    "fell",
    "gained",
    "grew",
    "grow",
    "growth",
    "higher",
    "hit",
    "increase",
    "increased",
    "increases",
    "jumped",
    "lost",
    "lower",
    "reached",
    "rise",
    "risen",
    "rises",
    "rising",
    "rose",
    "slipped",
    "stood",
    "up",
];

/// The words of `text` that may be content words: letters and digits runs of
/// three or more characters (or an all-capital acronym of two), `'s` and quotes
/// trimmed, not all digits. Not yet lower-cased or checked against [`STOP`].
fn candidate_words(text: &str) -> impl Iterator<Item = &str> {
    super::link::word_pieces(text)
        .map(super::link::trim_word)
        .filter(|w| {
            let acronym = w.len() >= 2 && w.bytes().all(|c| c.is_ascii_uppercase());
            (acronym || w.len() >= 3 && (w.is_ascii() || w.chars().count() >= 3))
                && !w.bytes().all(|c| c.is_ascii_digit())
        })
}

/// [`STOP`] as a hash set: every word of every frame is looked up.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

fn is_stop(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// Lower-cased content words of `text`: letters and digits runs of three or more
/// characters (or an all-capital acronym of two), minus [`STOP`] words. The rules
/// read words through [`Lexicon`]; this plain form is the tests' reference.
#[cfg(test)]
fn content_words(text: &str) -> Vec<String> {
    candidate_words(text)
        .map(str::to_lowercase)
        .filter(|w| !is_stop(w))
        .collect()
}

/// Whether a content word is a change verb or noun.
#[must_use]
pub fn is_change_word(w: &str) -> bool {
    VERBS.binary_search(&w).is_ok()
}

/// The content words of one file, interned: a word is a `u32`, a set of words a
/// sorted `Vec<u32>`, so comparing the frames of two claims is a merge of two short
/// integer lists instead of string comparisons, and each distinct word is
/// lower-cased and allocated once per file rather than once per mention.
#[derive(Debug, Default)]
pub struct Lexicon {
    ids: FxHashMap<Box<str>, u32>,
    /// Per id: what the word is.
    kind: Vec<WordKind>,
    /// Scratch space for lower-casing.
    buf: String,
}

impl Lexicon {
    /// Appends the ids of the content words of `text` (as [`content_words`] reads
    /// them) to `out`, in text order, repeats included.
    pub fn content_words(&mut self, text: &str, out: &mut Vec<u32>) {
        for w in candidate_words(text) {
            self.buf.clear();
            if w.is_ascii() {
                self.buf.push_str(w);
                self.buf.make_ascii_lowercase();
            } else {
                self.buf.push_str(&w.to_lowercase());
            }
            self.push_buf(out);
        }
    }

    /// Appends the id of the lower-cased word in `buf`, unless it is a stop word.
    fn push_buf(&mut self, out: &mut Vec<u32>) {
        // Stop words are interned too (on first sight), so a word costs one
        // lookup whether or not it is one.
        let id = if let Some(&id) = self.ids.get(self.buf.as_str()) {
            id
        } else {
            let id = self.kind.len() as u32;
            self.kind.push(if is_stop(&self.buf) {
                WordKind::Stop
            } else if is_change_word(&self.buf) {
                WordKind::Change
            } else {
                WordKind::Content
            });
            self.ids.insert(self.buf.as_str().into(), id);
            id
        };
        if self.kind.get(id as usize) != Some(&WordKind::Stop) {
            out.push(id);
        }
    }

    /// The sorted, deduplicated word ids of `text`.
    pub fn word_set(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.content_words(text, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether word `id` is a change verb or noun.
    #[must_use]
    pub fn is_change(&self, id: u32) -> bool {
        self.kind.get(id as usize) == Some(&WordKind::Change)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    /// In [`STOP`]: never part of a frame.
    Stop,
    /// A change verb or noun ([`is_change_word`]).
    Change,
    Content,
}

/// The ids two sorted word sets share, in order.
pub fn shared_words<'w>(a: &'w [u32], b: &'w [u32]) -> impl Iterator<Item = u32> + 'w {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    i += 1;
                    j += 1;
                    return Some(x);
                }
            }
        }
        None
    })
}

/// The content words of the frame of `c`: up to `reach` bytes before and after it
/// in its sentence, other claims' text included (their unit words can matter), as
/// a sorted set of word ids.
pub fn frame_words(lex: &mut Lexicon, links: &Links<'_>, c: &Claim, reach: usize) -> Vec<u32> {
    let mut words = Vec::new();
    lex.content_words(links.before(c, reach), &mut words);
    let sent = links.sentence_span(c.sentence);
    let end = floor(links.cx.text, sent.end.min(c.span.end + reach));
    lex.content_words(links.slice(c.span.end, end), &mut words);
    words.sort_unstable();
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
    (!is_stop(&head)).then_some(head)
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

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [STOP, VERBS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(is_stop("the") && is_stop("year") && !is_stop("profits"));
        assert!(is_change_word("rose") && !is_change_word("profits"));
    }

    #[test]
    fn lexicon_reads_the_words_content_words_reads() {
        let text = "IE's market share has dropped to 88.9% ... Élan's ÉLAN profits PROFITS o'clock 'quoted' UK 300";
        let mut lex = Lexicon::default();
        let mut ids = Vec::new();
        lex.content_words(text, &mut ids);
        let words = content_words(text);
        assert_eq!(ids.len(), words.len());
        // Equal words get equal ids, different words different ids.
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                assert_eq!(a == b, ids[i] == ids[j], "{a} {b}");
            }
        }
        let dropped = ids[words.iter().position(|w| w == "dropped").unwrap()];
        let market = ids[words.iter().position(|w| w == "market").unwrap()];
        assert!(lex.is_change(dropped) && !lex.is_change(market));
        let set = lex.word_set("profits rose, profits fell");
        assert_eq!(set.len(), 3);
        let other = lex.word_set("profits fell sharply");
        assert_eq!(shared_words(&set, &other).count(), 2);
    }
}
