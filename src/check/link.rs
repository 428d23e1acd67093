//! Evidence linking: which figures belong to which claim.
//!
//! Input: one file's [`Context`] (text, sentences, claims sorted by span). Output:
//! candidate figures around a claim in bounded windows, cue-phrase tests on the text
//! between two spans, kind and unit compatibility, and the two figure structures the
//! change rules need: [`ChangePair`] (`from A to B`, `B, down from A`,
//! `B compared with A`) and [`DeltaPair`] (`up 195 to 3,903`, `up 8p, or 1.3%, at 605p`).
//!
//! For rules other than the change family (share, fraction, multiplier, sum,
//! repeated figure), the reusable parts are:
//! - [`Links::new`] once per file, then [`Links::claims_in`], [`Links::figures_in`],
//!   [`Links::window`] (bounded sentence range, one paragraph break either side),
//!   [`Links::nearby`] (candidates nearest first), [`Links::paragraph`],
//!   [`Links::crowded`] (skip tables);
//! - text around a claim: [`Links::lead`], [`Links::tail`], [`Links::before`],
//!   [`Links::between`] (capped at [`MAX_GAP`]), [`Links::parenthesised`];
//! - kinds and units: [`is_figure`], [`year_like`], [`compatible`], [`same_noun`];
//! - cue tests on the text between two spans: [`start_cue`], [`to_cue`],
//!   [`delta_cue`], [`total_cue`], [`of_cue`];
//! - [`stated_direction`] (is a claim a change, and which way), and
//!   [`Links::share_proper_noun`] as a weak same-subject signal.
//!
//! Invariants: nothing here looks further than [`MAX_REACH`] sentences or
//! [`MAX_GAP`] bytes from a claim, so the cost over a file is linear in its length;
//! nothing panics on odd spans (text is sliced with `str::get`).
//!
//! Why this shape: real copy rarely prints both figures, and when it does the cue
//! words (`from`, `to`, `compared with`, `up ... to`) say which is which far more
//! reliably than proximity does (issue: "prefer explicit cue phrases"). Rules that
//! need a pairing ask for the structures in the claim's own sentence first and
//! only then in the neighbouring sentences; when two readings disagree they emit
//! nothing.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use super::Context;
use super::cue::{self, Class, End, list};
use super::words::{each_proper_noun, proper_nouns};
use crate::extract::{Claim, ClaimKind};
use crate::source::Span;

/// How many sentences away from a claim a rule may look for its evidence.
pub const MAX_REACH: usize = 3;
/// Sentences with more claims than this are tables or run-ons: no pairing there.
pub const MAX_CLAIMS_PER_SENTENCE: usize = 64;
/// How many bytes of text between two claims a cue test reads at most.
pub const MAX_GAP: usize = 160;

/// Which way a change goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// +1 for up, -1 for down.
    #[must_use]
    pub fn sign(self) -> f64 {
        match self {
            Self::Up => 1.0,
            Self::Down => -1.0,
        }
    }

    /// The direction of a change from `a` to `b`, `None` when there is none.
    #[must_use]
    pub fn of_change(a: f64, b: f64) -> Option<Self> {
        if b > a {
            Some(Self::Up)
        } else if b < a {
            Some(Self::Down)
        } else {
            None
        }
    }

    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Up => "rise",
            Self::Down => "fall",
        }
    }
}

/// An index over one file: claims per sentence and paragraph per sentence, built
/// once in linear time so that every window lookup is a slice.
#[derive(Clone, Debug)]
pub struct Links<'a> {
    pub cx: Context<'a>,
    /// `starts[s]..starts[s + 1]` are the claims whose start lies in sentence `s`.
    starts: Vec<usize>,
    /// The sentences with two claims or more that are not crowded, in order
    /// (see [`Links::pairable_sentences`]).
    pairable: Vec<usize>,
    /// Paragraph number of each sentence (a line break between two sentences starts
    /// a new paragraph; the headline is paragraph 0).
    para: Vec<usize>,
    /// Proper nouns of each sentence, worked out on first use: pairing asks for the
    /// same sentence's names many times. A sentence's names are a range of
    /// `names`, each with its hash, and a mask with one bit per name (picked by
    /// the top bits of its hash): most pairs of sentences share no bit, and are
    /// told apart by one `and`; the others compare hashes, then strings only when
    /// hashes tie.
    proper: Vec<OnceCell<Names>>,
    names: RefCell<Vec<(u64, &'a str)>>,
    /// The change and delta pairs of each pairable sentence (by its place in
    /// `pairable`, which `pair_slot` gives per sentence, `u32::MAX` for the
    /// others), worked out on first use: every change rule, repeated-figure
    /// and multiplier ask for them. Other sentences have none.
    pair_slot: Vec<u32>,
    pairs: Vec<OnceCell<Vec<ChangePair>>>,
    deltas: Vec<OnceCell<Vec<DeltaPair>>>,
    /// Per claim (by id): the direction it states and whether it is in brackets,
    /// asked for by most rules, often many times per claim (pairing is quadratic in
    /// a sentence's claims).
    direction: Vec<OnceCell<Option<Direction>>>,
    paren: Vec<OnceCell<bool>>,
    /// Per claim (by id): what the start and delta cues say of its lead, two
    /// bits each ([`LeadCue`]), read on first use: the change pairs, the deltas
    /// and `sum` ask the same claims.
    lead_cues: Vec<Cell<u8>>,
    /// The change links of the file, shared by the four change rules.
    changes: OnceCell<Vec<ChangeLink>>,
}

impl<'a> Links<'a> {
    #[must_use]
    pub fn new(cx: &Context<'a>) -> Self {
        let n = cx.sentences.len();
        let m = cx.claims.len();
        let mut starts = Vec::with_capacity(n + 1);
        let mut pairable = Vec::new();
        let mut pair_slot = vec![u32::MAX; n];
        let mut k = 0;
        for s in 0..n {
            while k < m && cx.claims[k].sentence < s {
                k += 1;
            }
            // The previous sentence's claims are now known.
            if let Some(&prev) = starts.last()
                && (2..=MAX_CLAIMS_PER_SENTENCE).contains(&(k - prev))
            {
                pair_slot[s - 1] = pairable.len() as u32;
                pairable.push(s - 1);
            }
            starts.push(k);
        }
        if let Some(&prev) = starts.last()
            && (2..=MAX_CLAIMS_PER_SENTENCE).contains(&(m - prev))
        {
            pair_slot[n - 1] = pairable.len() as u32;
            pairable.push(n - 1);
        }
        starts.push(m);
        let pairable_count = pairable.len();
        let mut para = Vec::with_capacity(n);
        let mut p = 0;
        let mut prev_end = None;
        for s in cx.sentences {
            // A line break between two sentences starts a paragraph.
            if let Some(prev) = prev_end
                && cx
                    .text
                    .as_bytes()
                    .get(prev..s.span.start)
                    .is_some_and(|gap| match gap {
                        // Mostly one space: no call into `memchr`.
                        [byte] => *byte == b'\n',
                        _ => gap.contains(&b'\n'),
                    })
            {
                p += 1;
            }
            prev_end = Some(s.span.end);
            para.push(p);
        }
        Self {
            cx: *cx,
            starts,
            pairable,
            para,
            proper: vec![OnceCell::new(); n],
            // Reserved: the names of a long file's sentences otherwise copied
            // this vector a dozen times as it grew.
            names: RefCell::new(Vec::with_capacity(n)),
            pair_slot,
            pairs: cells(pairable_count),
            deltas: cells(pairable_count),
            direction: cells(m),
            paren: cells(m),
            lead_cues: vec![Cell::new(0); m],
            changes: OnceCell::new(),
        }
    }

    /// The cache slot of claim `c` in a per-claim table, when `c` is this file's
    /// claim with that id (a claim built elsewhere is computed, not cached).
    fn slot<'s, T>(&self, table: &'s [T], c: &Claim) -> Option<&'s T> {
        self.cx
            .claims
            .get(c.id)
            .filter(|x| std::ptr::eq(*x, c))
            .and_then(|_| table.get(c.id))
    }

    /// Number of sentences in the file.
    #[must_use]
    pub fn sentence_count(&self) -> usize {
        self.cx.sentences.len()
    }

    /// The claims of sentence `s` (empty when out of range).
    #[must_use]
    pub fn claims_in(&self, s: usize) -> &'a [Claim] {
        match (self.starts.get(s), self.starts.get(s + 1)) {
            (Some(&a), Some(&b)) if a <= b => self.cx.claims.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The sentences that hold two claims or more and are not
    /// [`Links::crowded`], in order: the only ones where two figures can be
    /// paired. Most sentences hold fewer, and rules that pair figures walk
    /// this list rather than every sentence.
    #[must_use]
    pub fn pairable_sentences(&self) -> &[usize] {
        &self.pairable
    }

    /// Every claim with its sentence and its index among that sentence's
    /// claims ([`Links::claims_in`]), in order.
    pub fn claims_by_sentence(&self) -> impl Iterator<Item = (usize, usize, &'a Claim)> + '_ {
        let mut s = 0;
        // Claim `k` is in the one sentence `s` with `starts[s] <= k <
        // starts[s + 1]`: most often the one it names, tested in two loads; a
        // walk over the sentences without claims is the fallback.
        let holds = move |s: usize, k: usize| {
            self.starts.get(s).is_some_and(|&a| a <= k)
                && self.starts.get(s + 1).is_some_and(|&b| k < b)
        };
        self.cx.claims.iter().enumerate().map(move |(k, c)| {
            if holds(c.sentence, k) {
                s = c.sentence;
            } else {
                while self.starts.get(s + 1).is_some_and(|&end| end <= k) {
                    s += 1;
                }
            }
            (s, k - self.starts.get(s).copied().unwrap_or(0), c)
        })
    }

    /// Paragraph number of sentence `s`.
    #[must_use]
    pub fn paragraph(&self, s: usize) -> usize {
        self.para.get(s).copied().unwrap_or(0)
    }

    /// Sentences within `reach` of `s` (capped at [`MAX_REACH`]) that lie in the same
    /// paragraph as `s` or in the paragraphs just before and after it.
    #[must_use]
    pub fn window(&self, s: usize, reach: usize) -> Range<usize> {
        let reach = reach.min(MAX_REACH);
        let p = self.paragraph(s);
        let mut lo = s;
        while lo > 0 && s - (lo - 1) <= reach && p - self.paragraph(lo - 1) <= 1 {
            lo -= 1;
        }
        let mut hi = s + 1;
        while hi < self.sentence_count() && hi - s <= reach && self.paragraph(hi) - p <= 1 {
            hi += 1;
        }
        lo..hi
    }

    /// The span of sentence `s` (empty span at 0 when out of range).
    #[must_use]
    pub fn sentence_span(&self, s: usize) -> Span {
        self.cx.sentences.get(s).map_or(Span::default(), |x| x.span)
    }

    /// The text of a byte range, empty when the range is not on char boundaries.
    #[must_use]
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.cx.text.get(start..end.max(start)).unwrap_or("")
    }

    /// The text between two spans (in either order), at most [`MAX_GAP`] bytes:
    /// `None` when the gap is longer, so a caller never reads across a file.
    #[must_use]
    pub fn between(&self, a: Span, b: Span) -> Option<&'a str> {
        let (x, y) = if a.start <= b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start)
        };
        if y < x || y - x > MAX_GAP {
            return None;
        }
        self.cx.text.get(x..y)
    }

    /// The text before claim `c` in its sentence, back to the previous claim's end
    /// (any kind) or at most `max` bytes: the words that introduce it.
    #[must_use]
    pub fn lead(&self, c: &Claim, max: usize) -> &'a str {
        let sent = self.sentence_span(c.sentence);
        let mut from = sent.start.max(c.span.start.saturating_sub(max));
        if let Some(prev) = c.id.checked_sub(1).and_then(|i| self.cx.claims.get(i))
            && prev.sentence == c.sentence
            && prev.span.end <= c.span.start
        {
            from = from.max(prev.span.end);
        }
        self.slice(floor_boundary(self.cx.text, from), c.span.start)
    }

    /// The text of `c`'s sentence before `c`, at most `max` bytes, claims included.
    #[must_use]
    pub fn before(&self, c: &Claim, max: usize) -> &'a str {
        let sent = self.sentence_span(c.sentence);
        let from = sent.start.max(c.span.start.saturating_sub(max));
        self.slice(floor_boundary(self.cx.text, from), c.span.start)
    }

    /// The text after claim `c` in its sentence, up to the next claim's start (any
    /// kind) or at most `max` bytes.
    #[must_use]
    pub fn tail(&self, c: &Claim, max: usize) -> &'a str {
        let sent = self.sentence_span(c.sentence);
        let mut to = sent.end.min(c.span.end + max);
        if let Some(next) = self.cx.claims.get(c.id + 1)
            && next.sentence == c.sentence
            && next.span.start >= c.span.end
        {
            to = to.min(next.span.start);
        }
        self.slice(c.span.end, floor_boundary(self.cx.text, to))
    }

    /// Whether the words before `c` make it the start of a change: [`start_cue`]
    /// on its [`Links::lead`] of 60 bytes, read once per claim.
    #[must_use]
    pub fn start_cued(&self, c: &Claim) -> bool {
        self.lead_cue(c, LeadCue::Start)
    }

    /// Whether the words before `c` make it the size of a change: [`delta_cue`]
    /// on its [`Links::lead`] of 60 bytes, read once per claim.
    #[must_use]
    pub fn delta_cued(&self, c: &Claim) -> bool {
        self.lead_cue(c, LeadCue::Delta)
    }

    /// `cue` on the lead of `c`: both cues' word tests are read from one look at
    /// the lead's last word, and a regex runs only when its test cannot decide.
    fn lead_cue(&self, c: &Claim, cue: LeadCue) -> bool {
        let regex = |lead: &str| match cue {
            LeadCue::Start => START_CUE.is_match(lead),
            LeadCue::Delta => DELTA_CUE.is_match(lead),
        };
        let Some(cell) = self.slot(&self.lead_cues, c) else {
            let lead = self.lead(c, 60);
            return match cue {
                LeadCue::Start => start_cue(lead),
                LeadCue::Delta => delta_cue(lead),
            };
        };
        let shift = cue as u8;
        let mut bits = cell.get();
        if bits & LEAD_READ == 0 {
            bits = LEAD_READ;
            let lead = self.lead(c, 60);
            if let Some(e) = End::of(lead) {
                let start = e.verdict(start_class(&e, lead));
                let delta = e.verdict(delta_class(&e, lead));
                for (k, v) in [(LeadCue::Start, start), (LeadCue::Delta, delta)] {
                    if let Some(v) = v {
                        bits |= (1 + u8::from(v)) << k as u8;
                    }
                }
            }
        }
        let known = (bits >> shift) & 3;
        let answer = if known == 0 {
            regex(self.lead(c, 60))
        } else {
            known == 2
        };
        cell.set(bits | (1 + u8::from(answer)) << shift);
        answer
    }

    /// Whether `c` sits inside parentheses in its sentence (`£75m ($141m)`): such a
    /// figure is a conversion or an aside, never the main evidence.
    #[must_use]
    pub fn parenthesised(&self, c: &Claim) -> bool {
        match self.slot(&self.paren, c) {
            Some(cell) => *cell.get_or_init(|| self.compute_parenthesised(c)),
            None => self.compute_parenthesised(c),
        }
    }

    fn compute_parenthesised(&self, c: &Claim) -> bool {
        // The last bracket before the claim opens: the same as comparing the
        // last `(` with the last `)`, in one backward scan.
        let before = self.before(c, 80);
        memchr::memrchr2(b'(', b')', before.as_bytes())
            .is_some_and(|i| before.as_bytes()[i] == b'(')
    }

    /// The claims of the sentences in `range`, in order.
    pub fn claims_in_range<'s, I: Iterator<Item = usize> + 's>(
        &'s self,
        range: I,
    ) -> impl Iterator<Item = &'a Claim> + 's {
        range.flat_map(move |s| self.claims_in(s).iter())
    }

    /// Candidate figures for `c`: claims compatible with `kind_of` within `reach`
    /// sentences, nearest sentence first, and within a sentence nearest byte first.
    /// Bounded by the window, so linear over a file.
    #[must_use]
    pub fn nearby(&self, c: &Claim, reach: usize, want: impl Fn(&Claim) -> bool) -> Vec<&'a Claim> {
        let w = self.window(c.sentence, reach);
        let mut out: Vec<&Claim> = self
            .claims_in_range(w)
            .filter(|x| x.id != c.id && want(x))
            .collect();
        out.sort_by_key(|x| {
            (
                x.sentence.abs_diff(c.sentence),
                x.span.start.abs_diff(c.span.start),
            )
        });
        out
    }

    /// Whether the sentences share a proper noun (a capitalised word that is not a
    /// sentence opener or a month): a weak sign they talk about the same subject.
    #[must_use]
    pub fn share_proper_noun(&self, s1: usize, s2: usize) -> bool {
        let (n1, n2) = (self.proper_names(s1), self.proper_names(s2));
        if n1.mask & n2.mask == 0 {
            return false;
        }
        let names = self.names.borrow();
        let (a, b) = (
            names.get(n1.start as usize..n1.end as usize).unwrap_or(&[]),
            names.get(n2.start as usize..n2.end as usize).unwrap_or(&[]),
        );
        // A few names each (at most 400 bytes of a sentence are read): every
        // pair is compared, hashes first.
        a.iter().any(|x| b.iter().any(|y| x.0 == y.0 && x.1 == y.1))
    }

    /// The proper nouns of sentence `s` (see [`Names`]), worked out on first use
    /// from at most its first 400 bytes (bounded cost on run-on text).
    fn proper_names(&self, s: usize) -> Names {
        self.proper.get(s).map_or(Names::default(), |cell| {
            *cell.get_or_init(|| {
                let sp = self.sentence_span(s);
                let head = self.slice(
                    sp.start,
                    floor_boundary(self.cx.text, sp.end.min(sp.start + 400)),
                );
                let mut names = self.names.borrow_mut();
                let start = names.len();
                let mut mask = 0_u64;
                each_proper_noun(head, |w, hash| {
                    mask |= 1 << (hash >> 58);
                    names.push((hash, w));
                });
                Names {
                    start: start as u32,
                    end: names.len() as u32,
                    mask,
                }
            })
        })
    }

    /// The raw figures of sentence `s` (counts and money, no years, nothing in
    /// parentheses), in order.
    pub fn figures_in(&self, s: usize) -> impl Iterator<Item = &'a Claim> + '_ {
        self.claims_in(s)
            .iter()
            .filter(move |c| is_figure(c) && !self.parenthesised(c))
    }

    /// Whether sentence `s` holds more than [`MAX_CLAIMS_PER_SENTENCE`] claims: a
    /// table or a run-on, where no pairing is attempted (keeps the cost linear).
    #[must_use]
    pub fn crowded(&self, s: usize) -> bool {
        self.claims_in(s).len() > MAX_CLAIMS_PER_SENTENCE
    }
}

/// Where the proper nouns of one sentence lie in `Links::names`, and a mask
/// with bit `hash >> 58` set for each: two sentences whose masks share no bit
/// share no name.
#[derive(Clone, Copy, Debug, Default)]
struct Names {
    start: u32,
    end: u32,
    mask: u64,
}

/// A cue read on a claim's lead, and where its two bits sit in
/// `Links::lead_cues` (0 not known, 1 no, 2 yes).
#[derive(Clone, Copy, Debug)]
enum LeadCue {
    Start = 0,
    Delta = 2,
}

/// `Links::lead_cues`: the lead's last word has been read.
const LEAD_READ: u8 = 0x80;

/// `len` empty caches, written in one pass (`vec![cell; len]` clones each).
fn cells<T>(len: usize) -> Vec<OnceCell<T>> {
    std::iter::repeat_with(OnceCell::new).take(len).collect()
}

/// The largest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether a claim can serve as a raw figure: a count or an amount of money (never a
/// year, date, time, age, ordinal, score or duration).
#[must_use]
pub fn is_figure(c: &Claim) -> bool {
    match c.kind {
        ClaimKind::Money => true,
        ClaimKind::Count => !year_like(c),
        _ => false,
    }
}

/// A count that reads like a calendar year (`2004` written as four bare digits
/// between 1900 and 2099): never used as a figure even if the extractor let it
/// through as a count, because a year taken as a figure makes a wild false alarm.
/// A count's span is its number as written, so `2,000` (five bytes, grouped) or
/// `two thousand` is a count, never a year: nobody groups the digits of a year.
#[must_use]
pub fn year_like(c: &Claim) -> bool {
    let v = c.quantity.value;
    c.kind == ClaimKind::Count
        && v.fract() == 0.0
        && (1900.0..2100.0).contains(&v)
        && c.quantity.step >= 1.0
        && !c.quantity.scaled
        && c.span.len() == 4
}

/// Whether two claims measure the same kind of thing in the same unit: money with
/// money in the same currency, a count with a count whose nouns agree where both
/// have one, a percentage with a percentage.
#[must_use]
pub fn compatible(a: &Claim, b: &Claim) -> bool {
    if a.kind != b.kind {
        return false;
    }
    match a.kind {
        ClaimKind::Money => a.currency == b.currency,
        ClaimKind::Count if year_like(a) || year_like(b) => false,
        ClaimKind::Count => match (&a.noun, &b.noun) {
            (Some(x), Some(y)) => same_noun(x, y),
            _ => true,
        },
        ClaimKind::Percent | ClaimKind::Points => true,
        _ => false,
    }
}

/// Nouns agree when equal ignoring case and a plural ending (`offence`/`offences`).
#[must_use]
pub fn same_noun(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        ascii_noun_stem(a.as_bytes()).eq_ignore_ascii_case(ascii_noun_stem(b.as_bytes()))
    } else {
        noun_stem(a) == noun_stem(b)
    }
}

/// A noun lower-cased without its plural ending: `offences` → `offence`, `boxes`
/// → `box`.
fn noun_stem(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s
        .strip_suffix("es")
        .filter(|t| t.ends_with('s') || t.ends_with('x'))
        .map_or(s.clone(), str::to_owned);
    s.strip_suffix('s').map_or(s.clone(), str::to_owned)
}

/// [`noun_stem`] for ASCII, without allocating and without lower-casing (compare
/// the result ignoring ASCII case): pairing compares nouns for every candidate
/// pair of counts, so this works on bytes (`b | 0x20` is `s`, `e` or `x` only
/// for that letter in either case).
fn ascii_noun_stem(s: &[u8]) -> &[u8] {
    // `str::trim` on ASCII: the White_Space bytes, vertical tab included.
    let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let start = s.iter().position(|c| !space(c)).unwrap_or(s.len());
    let end = s.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    let s = s.get(start..end).unwrap_or(&[]);
    let lower = |i: usize| s.get(i).map_or(0, |&c| c | 0x20);
    let n = s.len();
    let s = if n >= 3
        && lower(n - 1) == b's'
        && lower(n - 2) == b'e'
        && matches!(lower(n - 3), b's' | b'x')
    {
        &s[..n - 2]
    } else {
        s
    };
    match s.split_last() {
        Some((&last, rest)) if last | 0x20 == b's' => rest,
        _ => s,
    }
}

/// A hedge or filler phrase that can sit between a cue word and its number.
const FILLER: &str = r"(?:the|a|an|its|their|some|about|around|roughly|approximately|nearly|almost|just|only|over|under|more\s+than|less\s+than|estimated|expected|forecast|projected|predicted|provisional|revised|previous|record|last\s+year's|[A-Za-z]+'s|[0-9]{4}'s)";

/// Start cue: the text before a figure ends with `from`, `compared with`,
/// `against`... (optionally followed by fillers): the figure is where a change starts.
pub(super) static START_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        \b(?:from                     # from 108, up from $1bn
          |compared\s+(?:with|to)     # compared with £125m
          |against|versus|vs\.?       # against 45
          |than                       # higher than 200
          |on\s+(?:the\s+)?(?:last|previous|prior|same)\s+(?:year|quarter|month|period)'s
                                      # up 5% on last year's 200
          |on\s+[0-9]{{4}}'s           # down 26.5% on 2003's $165.8m
        )\s+(?:{FILLER}\s+)*
        [^a-z0-9]{{0,2}}$             # a currency sign or quote may follow
        "
    ))
    .expect("static regex")
});

/// End cue between a start figure and the figure after it: `from A to B`, read
/// by [`to_cue`]: the end of the gap (`to`, fillers, a currency sign) is this
/// regex; what comes before it must be the rest of A's phrase.
pub(super) static TO_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        \b(?:to|and)\s+               # to 164 (`between A and B` is read the same way)
        (?:{FILLER}\s+)*
        [^a-z0-9]{{0,2}}$
        "
    ))
    .expect("static regex")
});

/// Whether `phrase` can be the rest of a start figure's phrase (`offences in
/// 2003`, an aside): at most 90 characters, none ending a clause or sentence
/// (`.` only as a decimal point, which counts with its digit as one).
///
/// This was a counted repetition in front of [`TO_CUE`]; as a regex it made a
/// large automaton whose lazy states cost thousands of instructions per gap.
/// The earliest `to` that ends the gap leaves the shortest phrase, so checking
/// that one is enough.
fn phrase_before_to(phrase: &str) -> bool {
    let mut units = 0;
    let mut chars = phrase.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ';' | ':' | '!' | '?' => return false,
            '.' if chars.next_if(char::is_ascii_digit).is_none() => return false,
            _ => {}
        }
        units += 1;
        if units > 90 {
            return false;
        }
    }
    true
}

/// Delta cue: the text before a figure says it is the size of a change
/// (`up 195`, `fell by 4`, `or $1.83`).
pub(super) static DELTA_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        \b(?:up|down                         # up 195 offences
          |(?:rose|rise[ns]?|fell|fall(?:en|s)?|gained|lost|added|shed|increased|decreased
             |jumped|dropped|climbed|sank|slipped|grew|slid|tumbled|plunged|soared)\s+by
          |(?:gained|lost|added|shed|sank|slipped|tumbled|plunged|dropped|jumped|climbed
             |rose|fell|grew|increased|decreased|declined|dipped|slid|soared|surged)
          |(?:rise|increase|fall|drop|decline|decrease|gain|loss|jump)\s+of
          |or                                # up 56 pence, or 7.6%
        )\s+(?:{FILLER}\s+)*
        [^a-z0-9]{{0,2}}$
        "
    ))
    .expect("static regex")
});

/// Total cue after a delta: `to 3,903`, `at 797p`, `to close at $10.48` (base end),
/// or `from 3,708` (base start).
pub(super) static TOTAL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?P<cue>to(?:\s+(?:close|end|finish|stand)\s+at)?|at|from)\s+
        (?:(?:a|an|the|some|about|around|nearly|almost|just|over|under)\s+)*
        [^a-z0-9]{0,2}$
        ",
    )
    .expect("static regex")
});

/// `45 of the 300 staff`, `13 out of 659`: the part and the whole of a share.
pub(super) static OF_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        ^\s*(?:[a-z-]+\s+){{0,2}}?   # a noun after the part (`45 staff of`) is rare but allowed
        (?:of|out\s+of)\s+
        (?:(?:{FILLER}|all|total|a\s+total\s+of)\s+)*
        [^a-z0-9]{{0,2}}$
        "
    ))
    .expect("static regex")
});

/// Whether the text between two figures reads `A of B` or `A out of B` (for share
/// and fraction rules: the first figure is the part, the second the whole).
#[must_use]
pub fn of_cue(between: &str) -> bool {
    ends_with(between, |e| {
        chained(e, between, list::OF_CUE_END, list::FILLER, false)
    })
    .unwrap_or_else(|| OF_CUE.is_match(between))
}

/// [`Class::Maybe`] when the last word is on one of `lists`, else [`Class::No`]:
/// for the regexes whose every cue needs more than its last word.
fn maybe_if(e: &End<'_>, lists: u32) -> Class {
    if e.on(lists) { Class::Maybe } else { Class::No }
}

/// How the last word of `text` bears on a regex of shape
/// `\bcue\s+(?:filler\s+)*[^a-z0-9]{0,2}$` (one-word cues already classed):
/// `cues` are the lists of its cues' last words, `fillers` of its fillers'.
/// A filler follows whitespace and the last word of a cue or of another
/// filler, so most leads ending in `the` or `a` are turned away here.
/// `dotted` when a cue may end in a full stop (`vs.`).
fn chained(e: &End<'_>, text: &str, cues: u32, fillers: u32, dotted: bool) -> Class {
    if e.on(cues) {
        return Class::Maybe;
    }
    if !e.on(fillers) {
        return Class::No;
    }
    // `s` ends a possessive (`Tesco's`): the word before it belongs to the
    // same filler. `than` ends `more than` or `less than`.
    if e.is("s") {
        return Class::Maybe;
    }
    if e.is("than") {
        return after(e, text, list::MORE_LESS);
    }
    match e.previous(text) {
        // A non-ASCII character first: it may be a space.
        None => Class::Maybe,
        Some("") if dotted && e.after_vs_dot(text) => Class::Maybe,
        Some(p) if cue::flags(p) & (cues | fillers) != 0 => Class::Maybe,
        Some(_) => Class::No,
    }
}

/// [`Class::Maybe`] when the word before the last (with only whitespace
/// between) is on one of `lists`, or may be (a non-ASCII character first),
/// else [`Class::No`]: the last word of a two-word cue (`rose by`) needs
/// its first word.
fn after(e: &End<'_>, text: &str, lists: u32) -> Class {
    match e.previous(text) {
        None => Class::Maybe,
        Some(p) if cue::flags(p) & lists != 0 => Class::Maybe,
        Some(_) => Class::No,
    }
}

/// The verdict of an end-anchored cue regex read from the last word of `text`
/// (see [`cue::End`]), `None` when the regex must decide.
fn ends_with(text: &str, class: impl Fn(&End<'_>) -> Class) -> Option<bool> {
    End::of(text).and_then(|e| e.verdict(class(&e)))
}

/// Whether the text before a figure makes it the start of a change.
#[must_use]
pub fn start_cue(lead: &str) -> bool {
    ends_with(lead, |e| start_class(e, lead)).unwrap_or_else(|| START_CUE.is_match(lead))
}

/// How the last word of a lead bears on [`START_CUE`].
fn start_class(e: &End<'_>, lead: &str) -> Class {
    if e.on(list::START) {
        Class::Cue
    } else if e.is("vs") {
        // `vs.`: the full stop is not a space.
        Class::Regex
    } else if e.on(list::START_AFTER_COMPARED) {
        // Only `compared with`, `compared to`.
        match e.previous(lead) {
            Some(p) if !p.eq_ignore_ascii_case("compared") => Class::No,
            _ => Class::Maybe,
        }
    } else {
        let cues = list::START | list::START_AFTER_COMPARED | list::START_VS;
        chained(e, lead, cues, list::FILLER, true)
    }
}

/// A contrasting clause between two figures: they belong to different statements.
pub(super) static CONTRAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ,\s*(?:while|whereas|but|although|and)\b   # `, while France's ...`
        ",
    )
    .expect("static regex")
});

/// Whether the text between a start figure and the next figure reads `... to`,
/// without a contrasting clause in between.
#[must_use]
pub fn to_cue(between: &str) -> bool {
    // Where the match starts: a lone `to` or `and` is its own match.
    let start = match End::of(between) {
        Some(e) => {
            let class = if e.on(list::TO) {
                Class::Cue
            } else {
                chained(&e, between, list::TO, list::FILLER, false)
            };
            match e.verdict(class) {
                Some(false) => return false,
                Some(true) => Some(e.start),
                None => TO_CUE.find(between).map(|m| m.start()),
            }
        }
        None => TO_CUE.find(between).map(|m| m.start()),
    };
    start.is_some_and(|s| phrase_before_to(between.get(..s).unwrap_or(""))) && !contrast(between)
}

/// Whether `text` holds a contrasting clause ([`CONTRAST`]).
fn contrast(text: &str) -> bool {
    cue::contrast(text).unwrap_or_else(|| CONTRAST.is_match(text))
}

/// Whether the text before a figure makes it the size of a change.
#[must_use]
pub fn delta_cue(lead: &str) -> bool {
    ends_with(lead, |e| delta_class(e, lead)).unwrap_or_else(|| DELTA_CUE.is_match(lead))
}

/// How the last word of a lead bears on [`DELTA_CUE`].
fn delta_class(e: &End<'_>, lead: &str) -> Class {
    if e.on(list::DELTA) {
        Class::Cue
    } else if e.is("by") {
        after(e, lead, list::BY_VERB)
    } else if e.is("of") {
        after(e, lead, list::DELTA_NOUN)
    } else {
        // `rose by`, `a rise of`, fillers.
        chained(e, lead, list::DELTA | list::DELTA_END, list::FILLER, false)
    }
}

/// What a total after a delta is: `Some(true)` for the value after the change (`to`,
/// `at`), `Some(false)` for the value before it (`from`), `None` for no cue.
#[must_use]
pub fn total_cue(lead: &str) -> Option<bool> {
    if let Some(e) = End::of(lead) {
        let class = if e.on(list::TOTAL) {
            Class::Cue
        } else {
            chained(&e, lead, list::TOTAL, list::TOTAL_FILLER, false)
        };
        match e.verdict(class) {
            Some(false) => return None,
            // A lone cue is the match: `at` and `to close at` are both ends.
            Some(true) => return Some(!e.is("from")),
            None => {}
        }
    }
    TOTAL_CUE
        .captures(lead)
        .and_then(|c| c.name("cue"))
        .map(|m| !m.as_str().eq_ignore_ascii_case("from"))
}

/// Change nouns after a percentage (`a 34 per cent rise`, `a 40% drop`): they make
/// it a change even after `was a`.
pub(super) static DIR_NOUN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*
        (?:(?:year-on-year|year\s+on\s+year|annual|quarterly|overall|average)\s+)?
        (?:
          (?P<up>rise|rises|increase|increases|jump|gain|gains|growth|surge|climb|hike|boost
            |improvement|uplift|rebound)
         |(?P<down>fall|falls|drop|drops|decline|declines|decrease|decreases|reduction|cut|cuts
            |dip|slump|slide|plunge|slowdown)
        )\b
        ",
    )
    .expect("static regex")
});

/// Comparatives after a percentage (`24.4% above`, `26.5% down on`).
pub(super) static DIR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*[-,]?\s*
        (?:
          (?P<up>higher|more\s+than|above|up)
         |(?P<down>lower|less\s+than|below|down)
        )\b
        ",
    )
    .expect("static regex")
});

/// Direction verbs before a percentage (`rose 12%`, `has fallen by 9.8%`).
pub(super) static DIR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:
          (?P<up>rose|rise|rises|risen|rising|up|increased?|increases|increasing|grew|grow|grows
            |grown|growing|gained?|gains|jumped|jump|jumps|surged?|surges|climbed?|climbs|soared?
            |soars|boosted|added|higher|rallied|leapt|leaped|swelled|expanded|widened)
         |(?P<down>fell|fall|falls|fallen|falling|down|dropped|drop|drops|declined?|declines
            |decreased?|decreases|slipped|slip|slips|slumped?|slumps|sank|sunk|sink|plunged?
            |plunges|tumbled?|tumbles|dipped|dips|lost|shed|cut|cuts|reduced|shrank|shrunk
            |slid|lower|eased|contracted|narrowed)
        )\b
        ",
    )
    .expect("static regex")
});

/// The words just before a percentage that make it a level, not a change
/// (`rose to 4.75%`, `from 4%`, `a stake of 22%`, `was 8%`).
pub(super) static LEVEL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        \b(?:to|from|at|of|between|and|is|was|were|are|be|been|reached|hit|stood|make\s+up
          |made\s+up|represent(?:s|ed)?|account(?:s|ed)?\s+for)
        \s+(?:{FILLER}\s+)*
        [^a-z0-9]{{0,2}}$
        "
    ))
    .expect("static regex")
});

/// `an increase of 5%`: a change noun with `of` before the percentage.
pub(super) static CHANGE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        \b(?:(?P<up>{up})|(?P<down>{down}))   # the change noun
        \s+of\s+(?:{FILLER}\s+)*[^a-z0-9]{{0,2}}$
        ",
        up = list::CHANGE_OF_UP.join("|"),
        down = list::CHANGE_OF_DOWN.join("|"),
    ))
    .expect("static regex")
});

/// Clause breaks that end the reach of a verb before a percentage. Read by
/// [`cue::clause_start`]; the regex is its oracle in tests.
#[cfg(test)]
pub(super) static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [;:]                 # a new clause
        | \s--?\s            # a dash aside
        | ,\s+(?:while|whereas|but|and)\s  # a contrasting clause
        ",
    )
    .expect("static regex")
});

fn dir_from(c: &regex::Captures<'_>) -> Option<Direction> {
    if c.name("up").is_some() {
        Some(Direction::Up)
    } else if c.name("down").is_some() {
        Some(Direction::Down)
    } else {
        None
    }
}

/// The direction a percentage claim states, when it states a change at all:
/// `rose 12%`, `a 34 per cent rise`, `an increase of 5%`, `24.4% above`. `None` for
/// levels and shares (`rose to 4.75%`, `40% of the debt`, `a 22% stake`).
#[must_use]
pub fn stated_direction(links: &Links<'_>, c: &Claim) -> Option<Direction> {
    match links.slot(&links.direction, c) {
        Some(cell) => *cell.get_or_init(|| compute_stated_direction(links, c)),
        None => compute_stated_direction(links, c),
    }
}

fn compute_stated_direction(links: &Links<'_>, c: &Claim) -> Option<Direction> {
    // Each regex runs only when the first word of the tail or the last word of
    // the lead can begin or end one of its matches (see `cue`).
    let lead = links.lead(c, 60);
    let end = End::of(lead);
    let end_may =
        |class: &dyn Fn(&End<'_>) -> Class| end.is_none_or(|e| e.verdict(class(&e)) != Some(false));
    if end_may(&|e| change_of_class(e, lead))
        && let Some(m) = CHANGE_OF.find(lead)
    {
        return change_of_direction(m.as_str());
    }
    let tail = links.tail(c, 40);
    // The tail's first word, read once for the three regexes anchored at its
    // start (all lists when the tail is not plain there: the regexes decide).
    // `DIR_AFTER` may skip a dash or comma first, which only matters when a
    // symbol comes first.
    let word = cue::first_word_end(tail, b"");
    let first = word.map_or(!0, |(w, _)| cue::flags(w));
    // A word character right after the word (`_`): no `\b`, the regexes decide.
    let bounded = word.is_some_and(|(_, end)| tail.as_bytes().get(end) != Some(&b'_'));
    let first_after_dash = if word.is_some_and(|(w, _)| w.is_empty()) {
        cue::first_word(tail, b"-,").map_or(!0, cue::flags)
    } else {
        first
    };
    match noun_after(tail, word) {
        cue::Read::Done(Some(dir)) => return Some(dir),
        cue::Read::Done(None) => {}
        cue::Read::Regex => {
            if let Some(cap) = DIR_NOUN_AFTER.captures(tail) {
                return dir_from(&cap);
            }
        }
    }
    let level = || match end.and_then(|e| e.verdict(level_class(&e, lead))) {
        Some(v) => v,
        None => LEVEL_LEAD.is_match(lead),
    };
    // `was 24.4% above`: a comparative makes a change even after `was`; a bare
    // `up`/`down` after a level does not (`rose to 4.75%, up from 4.5%`).
    if first_after_dash & list::DIR_AFTER_FIRST != 0
        && let Some(m) = DIR_AFTER.find(tail)
        && (!level() || comparative(tail))
    {
        return dir_after_direction(m.as_str());
    }
    if level() {
        return None;
    }
    // The last direction verb before the claim in its clause (`fell from 7,613 to
    // 6,630, or 12.9%`): read back at most 150 bytes and stop at a clause break.
    // `^\s*of\b`: the first word is `of` and no `_` follows.
    let share_after = if word.is_some() {
        first & list::OF != 0 && bounded
    } else {
        SHARE_AFTER.is_match(tail)
    };
    if share_after {
        return None;
    }
    let before = links.before(c, 150);
    let clause = before.get(cue::clause_start(before)..).unwrap_or("");
    let (dir, end) = last_direction(clause)?;
    // The verb must govern the claim: a few words before it (`has fallen by 9.8%`),
    // or before the figures the claim sums up (`fell from 7,613 to 6,630, or 12.9%`).
    let gap = &clause[end..];
    let words = gap.split_whitespace().count();
    let appositive = || {
        ends_with(gap, |e| maybe_if(e, list::APPOSITIVE_END))
            .unwrap_or_else(|| APPOSITIVE.is_match(gap))
    };
    if words <= 5 || appositive() {
        dir
    } else {
        None
    }
}

/// The group of a [`CHANGE_OF`] match `m`, read from its first word (the
/// change noun, which whitespace ends): only the match is searched for, as a
/// capture search after it cost several times the search. Under `(?i)` the
/// noun may be written with `ſ` or the Kelvin sign, which fold to `s` and `k`.
fn change_of_direction(m: &str) -> Option<Direction> {
    let noun = m.split(char::is_whitespace).next()?;
    if list::CHANGE_OF_UP.iter().any(|w| folds_to(noun, w)) {
        Some(Direction::Up)
    } else if list::CHANGE_OF_DOWN.iter().any(|w| folds_to(noun, w)) {
        Some(Direction::Down)
    } else {
        None
    }
}

/// Whether `word` is `ascii` (lower-case ASCII) under simple case folding:
/// ASCII letters in any case, `ſ` for `s`, the Kelvin sign for `k`.
fn folds_to(word: &str, ascii: &str) -> bool {
    let mut want = ascii.bytes();
    word.chars().all(|c| {
        let c = match c {
            'ſ' => 's',
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        };
        want.next().is_some_and(|b| char::from(b) == c)
    }) && want.next().is_none()
}

/// The group of a [`DIR_AFTER`] match `m`, read from the first letter of its
/// word (after the spaces, dash or comma it may skip): `higher`, `more than`,
/// `above`, `up` against `lower`, `less than`, `below`, `down`, whose first
/// letters differ (none of them is `s` or `k`, the letters other characters
/// fold to).
fn dir_after_direction(m: &str) -> Option<Direction> {
    let first = m
        .chars()
        .find(|c| !(c.is_whitespace() || *c == '-' || *c == ','))?;
    match first.to_ascii_lowercase() {
        'h' | 'm' | 'a' | 'u' => Some(Direction::Up),
        'l' | 'b' | 'd' => Some(Direction::Down),
        _ => None,
    }
}

/// [`DIR_NOUN_AFTER`] on a tail whose first word (and its end) is `word`
/// ([`cue::first_word_end`]): the direction of its match, or `None` when there
/// is none. A change noun first is the whole match (the two lists are
/// disjoint and each word must end there, `\b`); an adjective first
/// (`annual`, `year-on-year`) or a tail that is not plain needs the regex.
fn noun_after(tail: &str, word: Option<(&str, usize)>) -> cue::Read<Option<Direction>> {
    let Some((w, end)) = word else {
        return cue::Read::Regex;
    };
    let first = cue::flags(w);
    if tail.as_bytes().get(end) == Some(&b'_') {
        // A word character follows: no `\b`.
        return cue::Read::Regex;
    }
    if first & list::NOUN_UP != 0 {
        cue::Read::Done(Some(Direction::Up))
    } else if first & list::NOUN_DOWN != 0 {
        cue::Read::Done(Some(Direction::Down))
    } else if first & list::NOUN_AFTER_FIRST != 0 {
        cue::Read::Regex
    } else {
        cue::Read::Done(None)
    }
}

/// How the last word of a lead bears on [`CHANGE_OF`]: `a rise of`, fillers.
fn change_of_class(e: &End<'_>, lead: &str) -> Class {
    if e.is("of") {
        after(e, lead, list::CHANGE_NOUN)
    } else {
        chained(e, lead, list::OF, list::FILLER, false)
    }
}

/// How the last word of a lead bears on [`LEVEL_LEAD`].
fn level_class(e: &End<'_>, lead: &str) -> Class {
    if e.on(list::LEVEL) {
        Class::Cue
    } else if e.on(list::LEVEL_END) {
        // `make up`, `made up`, `account(s|ed) for`.
        after(e, lead, list::LEVEL_VERB)
    } else {
        // `make up`, `accounts for`, fillers.
        chained(e, lead, list::LEVEL | list::LEVEL_END, list::FILLER, false)
    }
}

/// Whether a tail opens with a comparative ([`COMPARATIVE`]).
fn comparative(tail: &str) -> bool {
    cue::may_start_with(tail, b"", list::COMPARATIVE_FIRST) && COMPARATIVE.is_match(tail)
}

/// The direction of the last direction word in `text` and where that word ends.
/// Read by [`cue::last_direction_word`] when the text is plain; otherwise the
/// matches are found with the fast matcher and only the last one is read for
/// its capture groups.
fn last_direction(text: &str) -> Option<(Option<Direction>, usize)> {
    if let cue::Read::Done(found) = cue::last_direction_word(text) {
        return found.map(|(dir, end)| (Some(dir), end));
    }
    let m = DIR_BEFORE.find_iter(text).last()?;
    // Searching from the match's start finds that same match (leftmost-first).
    let dir = DIR_BEFORE
        .captures_at(text, m.start())
        .and_then(|c| dir_from(&c));
    Some((dir, m.end()))
}

/// `40% of the total debt`, `a third of children`: a share, not a change.
pub(super) static SHARE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\b
        ",
    )
    .expect("static regex")
});

/// `..., or 12.9%`, `- or 14.87%`: the claim restates the change just described.
pub(super) static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        [0-9a-z%)]\s*(?:,|-|–)\s*(?:or|a|an|which\s+is|that\s+is)\s+$
        ",
    )
    .expect("static regex")
});

/// A change stated by two figures: `start` → `end` (claim ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangePair {
    pub start: usize,
    pub end: usize,
    /// The sentence holding both figures.
    pub sentence: usize,
    /// The byte range from the first figure's start to the last one's end.
    pub hull: Span,
}

/// Whether a claim can be a figure in a change pair: a raw figure, or a
/// percentage used as a level (`from 4% to 5%`), never one stating a change
/// (`compared with a 3% rise`).
fn pair_figure(links: &Links<'_>, c: &Claim) -> bool {
    !links.parenthesised(c)
        && (is_figure(c)
            || index_level(c)
            || (c.kind == ClaimKind::Percent && stated_direction(links, c).is_none()))
}

/// `4,850 points` is an index level, not percentage points (which never reach
/// 100): a raw figure for a percentage change.
#[must_use]
pub fn index_level(c: &Claim) -> bool {
    c.kind == ClaimKind::Points && c.value() >= 100.0
}

/// The change pairs of sentence `s`, read from cue phrases: `from A to B`,
/// `to B from A`, `B, down from A`, `B compared with A`. Each figure is used once;
/// a figure two cues compete for is dropped.
#[must_use]
pub fn change_pairs<'l>(links: &'l Links<'_>, s: usize) -> &'l [ChangePair] {
    // Two figures of one sentence that is not a table: other sentences have
    // no pair (and no cache).
    links
        .pair_slot
        .get(s)
        .and_then(|&k| links.pairs.get(k as usize))
        .map_or(&[], |cell| {
            cell.get_or_init(|| compute_change_pairs(links, s))
        })
}

fn compute_change_pairs(links: &Links<'_>, s: usize) -> Vec<ChangePair> {
    // A pair is two figures of this sentence; most sentences have fewer.
    if links.crowded(s) || links.claims_in(s).len() < 2 {
        return Vec::new();
    }
    let claims = links.claims_in(s);
    // Two claims that may be figures, outside brackets, or no pair: a cheap
    // count before any lead is read (most pairable sentences hold a year,
    // a date or a bracketed conversion beside one figure).
    let may_pair = |c: &Claim| {
        (is_figure(c) || index_level(c) || c.kind == ClaimKind::Percent) && !links.parenthesised(c)
    };
    if claims.iter().filter(|c| may_pair(c)).take(2).count() < 2 {
        return Vec::new();
    }
    // Figures of a delta (`up 50 from 500`) are not a change pair.
    let deltas = delta_pairs(links, s);
    let pair_figure = |c: &Claim| {
        pair_figure(links, c) && !deltas.iter().any(|d| d.change == c.id || d.total == c.id)
    };
    let mut out: Vec<ChangePair> = Vec::new();
    for (i, a) in claims.iter().enumerate() {
        // Years, dates and the like are never figures (no need to read their
        // lead); then the cue: few figures have one, and the figure test may
        // work out a percentage's stated direction.
        let may_be_figure = is_figure(a) || index_level(a) || a.kind == ClaimKind::Percent;
        if !may_be_figure || !links.start_cued(a) || !pair_figure(a) {
            continue;
        }
        // `from A to B`: the next compatible figure after A, introduced by `to`.
        let fwd = claims[i + 1..]
            .iter()
            .find(|b| pair_figure(b) && compatible(a, b));
        let mut found = None;
        if let Some(b) = fwd
            && let Some(gap) = links.between(a.span, b.span)
            && to_cue(gap)
        {
            found = Some(b);
        }
        // `B ... from A` / `B compared with A`: the nearest compatible figure before A
        // that is not itself a start.
        if found.is_none()
            && let Some(b) = claims[..i]
                .iter()
                .rev()
                .find(|b| pair_figure(b) && compatible(a, b))
            && !links.start_cued(b)
            && links.between(b.span, a.span).is_some_and(|g| !contrast(g))
        {
            found = Some(b);
        }
        if let Some(b) = found {
            out.push(ChangePair {
                start: a.id,
                end: b.id,
                sentence: s,
                hull: Span::new(a.span.start.min(b.span.start), a.span.end.max(b.span.end)),
            });
        }
    }
    // A figure in two pairs means the cues are ambiguous: drop both (most
    // sentences hold one pair or none).
    if out.len() < 2 {
        return out;
    }
    let mut keep = vec![true; out.len()];
    for i in 0..out.len() {
        for j in i + 1..out.len() {
            let (p, q) = (out[i], out[j]);
            if [p.start, p.end]
                .iter()
                .any(|x| *x == q.start || *x == q.end)
            {
                keep[i] = false;
                keep[j] = false;
            }
        }
    }
    out.into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// A change stated by its size and a total: `up 195 offences to 3,903`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeltaPair {
    /// The size of the change (claim id).
    pub change: usize,
    /// The total (claim id).
    pub total: usize,
    /// True when the total is the value after the change (`to`, `at`), false when
    /// it is the value before (`from`).
    pub total_is_end: bool,
    /// The direction the delta's own words give (`up`, `sank`), if any.
    pub direction: Option<Direction>,
    pub sentence: usize,
    pub hull: Span,
}

/// The delta structures of sentence `s`: a figure introduced by a change word
/// (`up 195`, `fell by 4`, `or $1.83`) followed within the clause by a compatible
/// total introduced by `to`, `at` or `from`.
#[must_use]
pub fn delta_pairs<'l>(links: &'l Links<'_>, s: usize) -> &'l [DeltaPair] {
    links
        .pair_slot
        .get(s)
        .and_then(|&k| links.deltas.get(k as usize))
        .map_or(&[], |cell| {
            cell.get_or_init(|| compute_delta_pairs(links, s))
        })
}

fn compute_delta_pairs(links: &Links<'_>, s: usize) -> Vec<DeltaPair> {
    // A delta and its total are two figures of this sentence.
    if links.crowded(s) || links.claims_in(s).len() < 2 {
        return Vec::new();
    }
    let claims = links.claims_in(s);
    // The change and its total are two figures outside brackets.
    if claims
        .iter()
        .filter(|c| is_figure(c) && !links.parenthesised(c))
        .take(2)
        .count()
        < 2
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, d) in claims.iter().enumerate() {
        if !is_figure(d) || links.parenthesised(d) {
            continue;
        }
        if !links.delta_cued(d) {
            continue;
        }
        let Some((t, total_is_end)) = forward_total(links, d, &claims[i + 1..])
            .or_else(|| backward_total(links, d, &claims[..i]))
        else {
            continue;
        };
        let direction = last_direction(links.lead(d, 60)).and_then(|(dir, _)| dir);
        out.push(DeltaPair {
            change: d.id,
            total: t.id,
            total_is_end,
            direction,
            sentence: s,
            hull: Span::new(d.span.start.min(t.span.start), d.span.end.max(t.span.end)),
        });
    }
    out
}

/// `up 195 offences to 3,903`, `or $1.83 - to close at $10.48`: the total after
/// the delta, introduced by `to`/`at` (the end) or `from` (the start).
fn forward_total<'a>(
    links: &Links<'_>,
    d: &Claim,
    after: &'a [Claim],
) -> Option<(&'a Claim, bool)> {
    let t = after
        .iter()
        .find(|t| is_figure(t) && !links.parenthesised(t) && compatible(d, t))?;
    let gap = links.between(d.span, t.span)?;
    if gap.len() > 80 || gap.contains(';') || gap.contains(". ") {
        return None;
    }
    Some((t, total_cue(links.lead(t, 60))?))
}

/// `3,903 offences, up 195`: the total just before the delta, always the end.
fn backward_total<'a>(
    links: &Links<'_>,
    d: &Claim,
    before: &'a [Claim],
) -> Option<(&'a Claim, bool)> {
    let t = before
        .iter()
        .rev()
        .find(|t| is_figure(t) && !links.parenthesised(t))?;
    if !compatible(d, t) {
        return None;
    }
    let gap = links.between(t.span, d.span)?;
    ends_with(gap, |e| {
        chained(e, gap, list::TOTAL_BEFORE_END, list::FILLER, false)
    })
    .unwrap_or_else(|| TOTAL_BEFORE.is_match(gap))
    .then_some((t, true))
}

/// The words between a total and its delta: `3,903 offences, up 195`.
pub(super) static TOTAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi)
        ^[^.;:!?0-9]{{0,30}}?,\s*      # the total's noun, then a comma
        (?:up|down)\s+(?:by\s+)?      # up 195
        (?:{FILLER}\s+)*[^a-z0-9]{{0,2}}$
        "
    ))
    .expect("static regex")
});

/// How a change claim was tied to its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Figures in a neighbouring sentence, or a start figure with the end taken from
    /// context: good enough to confirm, reported as inconsistent only when the two
    /// values are close enough to be the same quantity (see the rules' tolerance).
    Neighbour,
    /// Claim and figures in one sentence, tied by cue phrases.
    Sentence,
}

/// The evidence a change claim is linked to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    Pair(ChangePair),
    Delta(DeltaPair),
}

/// A change claim (`rose 12%`, `a fifth lower`, `up 5 points`) and its figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeLink {
    /// The claim stating the change (claim id).
    pub claim: usize,
    /// The direction the claim's words give.
    pub direction: Direction,
    pub evidence: Evidence,
    pub strength: Strength,
}

/// Whether a claim can state a change: a percentage, percentage points or a
/// fraction (`fell by a fifth`).
fn change_kind(c: &Claim) -> bool {
    matches!(
        c.kind,
        ClaimKind::Percent | ClaimKind::Points | ClaimKind::Fraction
    )
}

/// `24.4% above`, `20% higher than`: the figure after names the start of the change.
pub(super) static COMPARATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:above|higher\s+than|more\s+than|greater\s+than|bigger\s+than|larger\s+than
          |up\s+on|below|lower\s+than|less\s+than|smaller\s+than|down\s+on)\b
        ",
    )
    .expect("static regex")
});

/// How good a cross-sentence pairing is; smaller is better: (shares no proper
/// noun, sentence distance). `SHARED` marks a pair shared with the claim's repeat.
type EdgeKey = (bool, usize);
const SHARED: EdgeKey = (false, 0);

/// Whether a change verb stands between claim `c` and the figures at `hull`, other
/// than the cue words of the pair itself (`up from`, `down from`).
fn own_verb_between(links: &Links<'_>, c: &Claim, hull: Span) -> bool {
    let gap = if c.span.end <= hull.start {
        // The claim's own noun (`a 34 per cent rise, from ...`) is not another verb.
        let g = links.slice(c.span.end, hull.start);
        DIR_NOUN_AFTER
            .find(g)
            .or_else(|| DIR_AFTER.find(g))
            .map_or(g, |m| &g[m.end()..])
    } else if hull.end <= c.span.start {
        // The claim's own verb or noun just before it (`, a rise of 49.7%`,
        // `, up 12%`) is not another statement.
        let g = links.slice(hull.end, c.span.start);
        match DIR_BEFORE.find_iter(g).last() {
            Some(m) if g[m.end()..].split_whitespace().count() <= 2 => &g[..m.start()],
            _ => g,
        }
    } else {
        return false;
    };
    DIR_BEFORE.find_iter(gap).any(|m| {
        let w = m.as_str().to_ascii_lowercase();
        let rest = gap[m.end()..].trim_start();
        !((w == "up" || w == "down") && rest.starts_with("from"))
    })
}

/// `Turnover was £50m against £45m, while staff numbers rose 2%`: a contrasting
/// clause between a claim and the figures.
fn contrast_between(links: &Links<'_>, c: &Claim, hull: Span) -> bool {
    let gap = if c.span.end <= hull.start {
        links.slice(c.span.end, hull.start)
    } else if hull.end <= c.span.start {
        links.slice(hull.end, c.span.start)
    } else {
        return false;
    };
    contrast(gap)
}

/// `Shares fell 3% to 250p, valuing the company at £1.2bn, against £1.5bn`: the
/// claim names its own end figure right after it (`to 250p`), and the pair is not
/// built on it, so the pair describes something else.
fn own_end_elsewhere(links: &Links<'_>, c: &Claim, p: &ChangePair) -> bool {
    let Some(next) = links.cx.claims.get(c.id + 1) else {
        return false;
    };
    if next.sentence != c.sentence || !(is_figure(next) || index_level(next)) {
        return false;
    }
    let own_end = links
        .between(c.span, next.span)
        .is_some_and(|g| g.len() <= 16 && total_cue(g) == Some(true));
    own_end && next.id != p.start && next.id != p.end
}

/// `a 4.5% gain for the proportion of Japanese films`: a change in a share or a
/// rate, which counts and money cannot give.
pub(super) static RATIO_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:proportion|percentage|share\s+of|market\s+share|rate|ratio|margin|yield)s?\b
        ",
    )
    .expect("static regex")
});

/// Whether the clause of a change claim says it is about a share or a rate.
fn ratio_subject(links: &Links<'_>, c: &Claim) -> bool {
    let before = links.before(c, 80);
    let clause = before.get(cue::clause_start(before)..).unwrap_or("");
    let ratio = |t: &str| {
        cue::has_word(t, list::RATIO, &[0, 1, 2, 3]).unwrap_or_else(|| RATIO_SUBJECT.is_match(t))
    };
    ratio(clause) || ratio(links.tail(c, 50))
}

/// Whether both figures of a pair are percentages (`from 22% to 28%`).
fn percent_pair(claims: &[Claim], p: &ChangePair) -> bool {
    [p.start, p.end]
        .iter()
        .all(|&i| claims.get(i).is_some_and(|x| x.kind == ClaimKind::Percent))
}

/// `rise 18% to £4.5bn` after `a 20% rise in pre-tax profits to £3.8bn` in the same
/// sentence: the earlier end is this change's start when the words naming the
/// quantity agree (a content word of four letters or more shared between the
/// earlier claim's noun phrase and the words before this claim).
fn successive<'a>(
    links: &Links<'a>,
    c: &Claim,
    direction: &[Option<Direction>],
) -> Option<(&'a Claim, &'a Claim)> {
    let in_sentence = links.claims_in(c.sentence);
    let end = in_sentence
        .iter()
        .find(|b| b.span.start >= c.span.end && is_figure(b))?;
    if !links
        .between(c.span, end.span)
        .is_some_and(|g| g.len() <= 12 && total_cue(g) == Some(true))
    {
        return None;
    }
    // The earlier change claim and its end, in the same sentence.
    let earlier = in_sentence
        .iter()
        .rev()
        .find(|p| p.span.end <= c.span.start && direction[p.id].is_some())?;
    let start = in_sentence.iter().find(|b| {
        b.span.start >= earlier.span.end
            && b.span.end <= c.span.start
            && is_figure(b)
            && !links.parenthesised(b)
    })?;
    if !compatible(start, end)
        || !links
            .between(earlier.span, start.span)
            .is_some_and(|g| g.len() <= 60 && total_cue(g) == Some(true))
    {
        return None;
    }
    let words = |t: &str| -> Vec<String> {
        t.split(|ch: char| !ch.is_alphanumeric() && ch != '-')
            .filter(|w| w.len() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let named = words(links.slice(earlier.span.end, start.span.start));
    let here = words(links.before(c, 60));
    named
        .iter()
        .any(|w| {
            here.contains(w)
                && !matches!(
                    w.as_str(),
                    "rise" | "rose" | "fall" | "fell" | "with" | "from" | "that"
                )
        })
        .then_some((start, end))
}

/// The reporting period a sentence names, as a bit set: quarter, half, month,
/// full year. Comparison bases (`a year earlier`, `last year`) are not periods.
fn periods(text: &str) -> u8 {
    if !may_name_period(text) {
        return 0;
    }
    let base = PERIOD_BASE.replace_all(text, "");
    PERIOD
        .find_iter(&base)
        .fold(0, |acc, m| acc | period_bit(m.as_str()))
}

/// The bit of the [`PERIOD`] group that matched `m`, told by its first
/// character: the groups' words begin with different letters (`q`; `h` and
/// `s` of `six months`, or `ſ`, which folds to `s`; `m`; the others), and
/// only the match is searched for, not its groups (a capture search per
/// match cost more than the search itself).
fn period_bit(m: &str) -> u8 {
    match m.chars().next() {
        Some('q' | 'Q') => 1,
        Some('h' | 'H' | 's' | 'S' | 'ſ') => 2,
        Some('m' | 'M') => 4,
        _ => 8,
    }
}

/// Whether `text` may hold a period word: every alternative of [`PERIOD`]
/// holds one of these words of letters, or `year` and `for` (`for the year`).
/// Removing [`PERIOD_BASE`] matches cannot make one: a base starts after a
/// non-letter, so no run of letters spans the gap it leaves.
fn may_name_period(text: &str) -> bool {
    const NEEDLES: &[cue::Needle] = &[
        cue::needle("quarter"),
        cue::needle("half"),
        cue::needle("month"),
        cue::needle("annual"),
        cue::needle("full"),
        cue::needle("whole"),
    ];
    cue::may_contain(text, NEEDLES)
        || (cue::may_contain(text, &[cue::needle("year")])
            && cue::may_contain(text, &[cue::needle("for")]))
}

/// Period words (`third quarter`, `first half`, `six months`, `full year`).
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:(?P<q>quarter(?:ly)?)
          |(?P<h>half(?:-year)?(?:ly)?\b|six\s+months)
          |(?P<m>month(?:ly|s)?)
          |(?P<y>full[-\s]year|annual|whole\s+year|for\s+the\s+year|twelve\s+months|12\s+months)
        )
        ",
    )
    .expect("static regex")
});

/// Comparison bases that name a period without being one.
static PERIOD_BASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:a\s+year\s+(?:earlier|ago|before)|last\s+year|previous\s+year|year[-\s]on[-\s]year
          |the\s+same\s+(?:period|quarter|month|time)(?:\s+(?:a|last)\s+year)?)
        ",
    )
    .expect("static regex")
});

/// Whether two sentences can describe the same period: true unless both name one
/// and the names differ (`rose 12% in the third quarter` against full-year figures).
/// `known` keeps each sentence's periods: step 3 of [`link_changes`] asks
/// about the same sentences for several claims and pairs.
fn same_period(links: &Links<'_>, known: &mut FxHashMap<usize, u8>, s1: usize, s2: usize) -> bool {
    let mut of = |s: usize| {
        *known.entry(s).or_insert_with(|| {
            let sp = links.sentence_span(s);
            periods(links.slice(
                sp.start,
                floor_boundary(links.cx.text, sp.end.min(sp.start + 400)),
            ))
        })
    };
    let (a, b) = (of(s1), of(s2));
    a == 0 || b == 0 || a & b != 0
}

/// Whether the names before the figures of a pair's sentence (`Sainsbury's sales
/// were £4.2bn, up from £4bn`) appear in the claim's sentence: a pair about a named
/// subject belongs to a claim about that subject. A pair sentence naming nobody
/// passes.
fn same_named_subject(links: &Links<'_>, claim_s: usize, pair_s: usize, figures_at: usize) -> bool {
    let sp = links.sentence_span(pair_s);
    let prefix = links.slice(
        sp.start,
        floor_boundary(links.cx.text, figures_at.min(sp.start + 300)),
    );
    // The first word is capitalised anyway; keep it only when possessive
    // (`Sainsbury's sales`), which marks a name.
    let prefix = match prefix.split_once(char::is_whitespace) {
        Some((first, rest)) if !first.ends_with("'s") => rest,
        Some(_) => prefix,
        None => "",
    };
    let names = proper_nouns(prefix);
    if names.is_empty() {
        return true;
    }
    let cs = links.sentence_span(claim_s);
    let claim_names = proper_nouns(links.slice(
        cs.start,
        floor_boundary(links.cx.text, cs.end.min(cs.start + 400)),
    ));
    names.iter().any(|n| claim_names.contains(n))
}

/// `Shares rose 5%`, `the FTSE 100 fell 1.2%`: a price or index, which profits in
/// millions cannot measure.
pub(super) static SHARE_PRICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:shares|share\s+price|stock|stocks|index|FTSE|Dow|Nasdaq|Nikkei|Dax|Cac)\b
        ",
    )
    .expect("static regex")
});

fn share_price_subject(links: &Links<'_>, c: &Claim) -> bool {
    let before = links.before(c, 80);
    cue::has_word(before, list::PRICE, &[4]).unwrap_or_else(|| SHARE_PRICE.is_match(before))
}

/// Links every change claim of a file to the figures that determine it.
///
/// 1. Within a sentence, a delta (`up 195 to 3,903`) or a change pair (`from 108
///    to 164`) goes to the nearest change claim, if that claim's nearest structure
///    is the same one (mutual nearest, so two claims never share one reading).
/// 2. `24.4% above ... $496.5bn` takes the figure after as the start and the only
///    compatible figure earlier in the sentence, or else in the previous sentence,
///    as the end.
/// 3. A claim whose sentence has no figures takes a pair from a neighbouring
///    sentence (within [`MAX_REACH`], one paragraph break either side) when the pair
///    goes the same way, is not another claim's, and the two are each other's best
///    match (sharing a proper noun first, then sentence distance, then the claim
///    coming first). A pair already used by a claim with the same value and
///    direction may be shared (the headline and the body repeating one change).
///
/// Linear: every step looks at a bounded window around one claim or one pair.
#[must_use]
pub fn link_changes<'l>(links: &'l Links<'_>) -> &'l [ChangeLink] {
    links.changes.get_or_init(|| compute_link_changes(links))
}

fn compute_link_changes(links: &Links<'_>) -> Vec<ChangeLink> {
    let n = links.sentence_count();
    let claims = links.cx.claims;
    // Claim ids index the claim list (extract::finish); anything else would make
    // the per-claim tables below wrong, so link nothing rather than panic.
    if claims
        .iter()
        .enumerate()
        .any(|(i, c)| c.id != i || c.sentence >= n.max(1))
    {
        return Vec::new();
    }
    // The structures of a sentence, cached in `links` (only pairable sentences
    // have any).
    let pairs = |s: usize| change_pairs(links, s);
    let deltas = |s: usize| delta_pairs(links, s);
    // Figures used by a structure are not change claims themselves.
    let mut used = vec![false; claims.len()];
    for &s in links.pairable_sentences() {
        for p in pairs(s) {
            used[p.start] = true;
            used[p.end] = true;
        }
        for d in deltas(s) {
            used[d.change] = true;
            used[d.total] = true;
        }
    }
    let mut direction: Vec<Option<Direction>> = vec![None; claims.len()];
    // Whether a sentence states a change at all: most do not, and step 1 and
    // step 3 skip them without collecting their claims.
    let mut states_change = vec![false; n];
    let mut changing = Vec::new();
    // The claims that state a change, in order: the steps below walk these.
    let mut changers: Vec<&Claim> = Vec::new();
    for (s, _, c) in links.claims_by_sentence() {
        if change_kind(c) && !used[c.id] && !links.crowded(c.sentence) {
            direction[c.id] = stated_direction(links, c);
            if direction[c.id].is_some() {
                changers.push(c);
                if !states_change[s] {
                    states_change[s] = true;
                    changing.push(s);
                }
            }
        }
    }
    let mut out: Vec<ChangeLink> = Vec::new();
    let mut linked = vec![false; claims.len()];
    // Which claim each pair went to, per sentence, to allow sharing in step 3.
    // (sentence, pair index) → claim; few pairs go to a claim.
    let mut pair_owner: FxHashMap<(usize, usize), usize> = FxHashMap::default();

    // Step 1: within the sentence.
    // In sentence order: `changing` was filled walking the claims in order.
    // Each sentence's change claims and structures, in buffers reused from
    // one sentence to the next.
    let mut cs: Vec<&Claim> = Vec::new();
    let mut structs: Vec<(Span, Evidence)> = Vec::new();
    for &s in &changing {
        structs.clear();
        structs.extend(
            deltas(s)
                .iter()
                .map(|d| (d.hull, Evidence::Delta(*d)))
                .chain(pairs(s).iter().map(|p| (p.hull, Evidence::Pair(*p)))),
        );
        // Most sentences stating a change hold no structure.
        if structs.is_empty() {
            continue;
        }
        cs.clear();
        cs.extend(
            links
                .claims_in(s)
                .iter()
                .filter(|c| direction[c.id].is_some()),
        );
        for (k, (hull, ev)) in structs.iter().enumerate() {
            let Some(c) = cs.iter().min_by_key(|c| distance(c.span, *hull)) else {
                continue;
            };
            let Some(best) = structs
                .iter()
                .enumerate()
                .min_by_key(|(_, (h, _))| distance(c.span, *h))
                .map(|(j, _)| j)
            else {
                continue;
            };
            // Mutual nearest, and no tie for the claim's nearest structure.
            let ties = structs
                .iter()
                .filter(|(h, _)| distance(c.span, *h) == distance(c.span, *hull))
                .count();
            if best != k || ties > 1 || linked[c.id] {
                continue;
            }
            if let Evidence::Delta(d) = ev
                && distance(c.span, d.hull) > 60
            {
                continue;
            }
            // `grow by 6% a year, ... would rise from 5bn to 9bn`: a change verb
            // between the claim and the figures gives them their own statement.
            // A share or a rate is what a pair of percentages measures (`share of
            // the vote rose 6 per cent, from 22% to 28%`), so only raw figures are
            // kept from a ratio subject.
            if let Evidence::Pair(p) = ev
                && (own_verb_between(links, c, *hull)
                    || (ratio_subject(links, c) && !percent_pair(claims, p))
                    || contrast_between(links, c, *hull)
                    || own_end_elsewhere(links, c, p)
                    || (share_price_subject(links, c)
                        && (claims[p.start].quantity.scaled || claims[p.end].quantity.scaled)))
            {
                continue;
            }
            let Some(dir) = direction[c.id] else { continue };
            linked[c.id] = true;
            if let Evidence::Pair(p) = ev
                && let Some(j) = pairs(s).iter().position(|q| q == p)
            {
                pair_owner.insert((s, j), c.id);
            }
            out.push(ChangeLink {
                claim: c.id,
                direction: dir,
                evidence: *ev,
                strength: Strength::Sentence,
            });
        }
    }

    // Step 2: `N% above <start>`, end from context.
    for &c in &changers {
        let Some(dir) = direction[c.id] else { continue };
        if linked[c.id] || !comparative(links.tail(c, 40)) || ratio_subject(links, c) {
            continue;
        }
        let Some(a) = links
            .claims_in(c.sentence)
            .iter()
            .find(|a| a.span.start >= c.span.end && is_figure(a) && !links.parenthesised(a))
        else {
            continue;
        };
        if links.between(c.span, a.span).is_none_or(|g| g.len() > 80) {
            continue;
        }
        let figs = |s: usize, before: usize| {
            links
                .claims_in(s)
                .iter()
                .filter(|b| b.span.end <= before && compatible(a, b) && !links.parenthesised(b))
                .collect::<Vec<_>>()
        };
        let own = figs(c.sentence, c.span.start);
        let (b, strength) = match own.as_slice() {
            [b] => (*b, Strength::Sentence),
            [] if c.sentence > 0
                && links.paragraph(c.sentence) - links.paragraph(c.sentence - 1) <= 1 =>
            {
                if links.crowded(c.sentence - 1) {
                    continue;
                }
                match figs(c.sentence - 1, usize::MAX).as_slice() {
                    [b] => (*b, Strength::Neighbour),
                    _ => continue,
                }
            }
            _ => continue,
        };
        linked[c.id] = true;
        out.push(ChangeLink {
            claim: c.id,
            direction: dir,
            evidence: Evidence::Pair(ChangePair {
                start: a.id,
                end: b.id,
                sentence: c.sentence,
                hull: Span::new(b.span.start.min(a.span.start), a.span.end.max(b.span.end)),
            }),
            strength,
        });
    }

    // Step 2b: successive changes of one quantity in one sentence: `a 20% rise in
    // pre-tax profits to £3.8bn, ... pre-tax profits would rise 18% to £4.5bn`.
    for &c in &changers {
        let Some(dir) = direction[c.id] else { continue };
        if linked[c.id] {
            continue;
        }
        if let Some((start, end)) = successive(links, c, &direction) {
            linked[c.id] = true;
            out.push(ChangeLink {
                claim: c.id,
                direction: dir,
                evidence: Evidence::Pair(ChangePair {
                    start: start.id,
                    end: end.id,
                    sentence: c.sentence,
                    hull: Span::new(start.span.start, end.span.end),
                }),
                strength: Strength::Neighbour,
            });
        }
    }

    // Step 3: a pair in a neighbouring sentence.
    let has_figures = |s: usize| links.claims_in(s).iter().any(is_figure);
    // Candidate edges (claim, sentence, pair index, key); a smaller key is better.
    let mut edges: Vec<(usize, usize, usize, EdgeKey)> = Vec::new();
    let mut known_periods = FxHashMap::default();
    for &c in &changers {
        let Some(dir) = direction[c.id] else { continue };
        if linked[c.id] || has_figures(c.sentence) {
            continue;
        }
        // Pairs are rare: read the claim's subject only when there is one.
        let window = links.window(c.sentence, MAX_REACH);
        if window
            .clone()
            .all(|s| s == c.sentence || pairs(s).is_empty())
            || ratio_subject(links, c)
        {
            continue;
        }
        for s in window {
            if s == c.sentence {
                continue;
            }
            for (j, p) in pairs(s).iter().enumerate() {
                let (a, b) = (&claims[p.start], &claims[p.end]);
                let owner = pair_owner.get(&(s, j)).copied();
                // The cheap tests first (all of them must pass, in any order):
                // the pair's own figures, and whether another claim has it.
                if a.kind == ClaimKind::Percent
                    || Direction::of_change(a.value(), b.value()) != Some(dir)
                    // A pair whose own sentence states a change belongs to that
                    // claim, unless shared with a repeat (below).
                    || (owner.is_none() && states_change[s])
                    || owner.is_some_and(|o| {
                        claims[o].value() != c.value() || direction[o] != Some(dir)
                    })
                    || (share_price_subject(links, c) && (a.quantity.scaled || b.quantity.scaled))
                    || !same_named_subject(links, c.sentence, s, p.hull.start)
                    || !same_period(links, &mut known_periods, c.sentence, s)
                {
                    continue;
                }
                if owner.is_some() {
                    // Shared with the claim it repeats: link directly.
                    edges.push((c.id, s, j, SHARED));
                    continue;
                }
                let key = (
                    !links.share_proper_noun(c.sentence, s),
                    s.abs_diff(c.sentence),
                );
                edges.push((c.id, s, j, key));
            }
        }
    }
    // Best key per claim and per pair, with how many edges reach it (a tie is an
    // ambiguity: no link). Hash maps keep this linear in the number of edges.
    let mut claim_best: HashMap<usize, (EdgeKey, usize)> = HashMap::new();
    let mut pair_best: HashMap<(usize, usize), (EdgeKey, usize)> = HashMap::new();
    for &(cid, s, j, key) in &edges {
        for (slot, k) in [
            (claim_best.entry(cid).or_insert((key, 0)), key),
            (pair_best.entry((s, j)).or_insert((key, 0)), key),
        ] {
            if k < slot.0 {
                *slot = (k, 1);
            } else if k == slot.0 {
                slot.1 += 1;
            }
        }
    }
    for &(cid, s, j, key) in &edges {
        let shared = key == SHARED;
        let best_for_claim = claim_best.get(&cid) == Some(&(key, 1));
        let best_for_pair = shared || pair_best.get(&(s, j)) == Some(&(key, 1));
        if !best_for_claim || !best_for_pair || linked[cid] {
            continue;
        }
        let Some(dir) = direction[cid] else { continue };
        linked[cid] = true;
        out.push(ChangeLink {
            claim: cid,
            direction: dir,
            evidence: Evidence::Pair(pairs(s)[j]),
            strength: Strength::Neighbour,
        });
    }
    // Step 4: a claim repeating a linked claim nearby (the headline and the lead
    // saying `fell 40%` twice) shares its evidence.
    let by_claim: HashMap<usize, ChangeLink> = out.iter().map(|l| (l.claim, *l)).collect();
    for &c in &changers {
        let Some(dir) = direction[c.id] else { continue };
        if linked[c.id] || has_figures(c.sentence) {
            continue;
        }
        let near: Vec<&Claim> = links
            .claims_in_range(links.window(c.sentence, 1).filter(|&s| !links.crowded(s)))
            .filter(|o| {
                o.id != c.id
                    && o.sentence != c.sentence
                    && o.kind == c.kind
                    && direction[o.id] == Some(dir)
                    && by_claim.contains_key(&o.id)
            })
            .collect();
        // The same value: a plain repeat. A different value is the same statement
        // only when the words naming the quantity agree (`Revenues ... slipped 11%`
        // and `revenues slipped 11% from ...`), and then only one such twin.
        let twin = near
            .iter()
            .find(|o| o.value() == c.value())
            .or_else(|| {
                let named: Vec<&&Claim> =
                    near.iter().filter(|o| same_subject(links, c, o)).collect();
                match named.as_slice() {
                    [o] => Some(*o),
                    _ => None,
                }
            })
            .and_then(|o| by_claim.get(&o.id));
        if let Some(t) = twin {
            linked[c.id] = true;
            out.push(ChangeLink {
                claim: c.id,
                direction: dir,
                evidence: t.evidence,
                strength: Strength::Neighbour,
            });
        }
    }
    out.sort_by_key(|l| l.claim);
    out
}

/// Whether the words before two change claims name the same quantity: a shared
/// word of four letters or more, singular and plural alike (`Film production
/// 'falls' 40%` and `British films produced in the UK fell 40%`), other than
/// the change verbs themselves (`slipped` says nothing about what slipped).
fn same_subject(links: &Links<'_>, a: &Claim, b: &Claim) -> bool {
    const GENERIC: &[&str] = &[
        "rose", "rise", "fell", "fall", "falls", "with", "from", "that", "said", "have", "been",
        "year", "last", "were", "this", "their", "which", "also", "more", "than", "down",
    ];
    let words = |c: &Claim| -> Vec<String> {
        links
            .before(c, 60)
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.len() >= 4)
            .map(|w| {
                let w = w.to_lowercase();
                w.strip_suffix('s').map_or(w.clone(), str::to_owned)
            })
            .filter(|w| !GENERIC.contains(&w.as_str()) && !DIR_BEFORE.is_match(w))
            .collect()
    };
    let wb = words(b);
    words(a).iter().any(|w| wb.contains(w))
}

/// Byte distance between a claim and a span (0 when they touch or overlap).
#[must_use]
pub fn distance(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_links<R>(text: &str, f: impl FnOnce(&Links<'_>) -> R) -> R {
        let sentences = crate::segment::sentences(text);
        let claims = crate::extract::claims(text, &sentences);
        let cx = Context {
            text,
            sentences: &sentences,
            claims: &claims,
        };
        f(&Links::new(&cx))
    }

    #[test]
    fn static_regexes_compile() {
        for re in [
            &START_CUE,
            &TO_CUE,
            &DELTA_CUE,
            &TOTAL_CUE,
            &DIR_AFTER,
            &DIR_NOUN_AFTER,
            &COMPARATIVE,
            &DIR_BEFORE,
            &LEVEL_LEAD,
            &CHANGE_OF,
            &CLAUSE_BREAK,
            &CONTRAST,
            &PERIOD,
            &PERIOD_BASE,
            &SHARE_PRICE,
            &OF_CUE,
            &TOTAL_BEFORE,
            &SHARE_AFTER,
            &APPOSITIVE,
            &RATIO_SUBJECT,
        ] {
            assert!(!re.as_str().is_empty());
            LazyLock::force(re);
        }
    }

    /// The regex each cue test stands in for, run alone.
    fn oracle_to_cue(between: &str) -> bool {
        TO_CUE
            .find(between)
            .is_some_and(|m| phrase_before_to(&between[..m.start()]))
            && !CONTRAST.is_match(between)
    }

    fn oracle_total_cue(lead: &str) -> Option<bool> {
        TOTAL_CUE
            .captures(lead)
            .and_then(|c| c.name("cue"))
            .map(|m| !m.as_str().eq_ignore_ascii_case("from"))
    }

    #[test]
    fn cue_tests_give_the_regexes_answers() {
        // Texts rich in cue words, fillers, spaces, symbols and letters that
        // fold; every test must say what its regex says, and each regex must
        // match often enough for that to mean something.
        let mut matched = [0usize; 12];
        let mut count = |k: usize, hit: bool| matched[k] += usize::from(hit);
        for t in cue::texts(23, 80_000, 7) {
            let t = t.as_str();
            let want = START_CUE.is_match(t);
            assert_eq!(start_cue(t), want, "start {t:?}");
            count(0, want);
            let want = oracle_to_cue(t);
            assert_eq!(to_cue(t), want, "to {t:?}");
            count(1, want);
            let want = DELTA_CUE.is_match(t);
            assert_eq!(delta_cue(t), want, "delta {t:?}");
            count(2, want);
            let want = oracle_total_cue(t);
            assert_eq!(total_cue(t), want, "total {t:?}");
            count(3, want.is_some());
            let want = OF_CUE.is_match(t);
            assert_eq!(of_cue(t), want, "of {t:?}");
            count(4, want);
            for (re, class, k) in [
                (&LEVEL_LEAD, level_class as fn(&End<'_>, &str) -> Class, 5),
                (&CHANGE_OF, change_of_class, 6),
                (
                    &APPOSITIVE,
                    |e: &End<'_>, _: &str| maybe_if(e, list::APPOSITIVE_END),
                    7,
                ),
                (
                    &TOTAL_BEFORE,
                    |e: &End<'_>, t: &str| {
                        chained(e, t, list::TOTAL_BEFORE_END, list::FILLER, false)
                    },
                    8,
                ),
            ] {
                let want = re.is_match(t);
                if let Some(got) = ends_with(t, |e| class(e, t)) {
                    assert_eq!(got, want, "{} {t:?}", re.as_str());
                }
                count(k, want);
            }
            for (re, skip, lists, k) in [
                (&DIR_NOUN_AFTER, &b""[..], list::NOUN_AFTER_FIRST, 9),
                (&DIR_AFTER, b"-,", list::DIR_AFTER_FIRST, 10),
                (&COMPARATIVE, b"", list::COMPARATIVE_FIRST, 11),
            ] {
                let want = re.is_match(t);
                if want {
                    assert!(cue::may_start_with(t, skip, lists), "{} {t:?}", re.as_str());
                }
                count(k, want);
            }
            assert_eq!(comparative(t), COMPARATIVE.is_match(t), "{t:?}");
            let word = cue::first_word_end(t, b"");
            if let cue::Read::Done(dir) = noun_after(t, word) {
                let want = DIR_NOUN_AFTER.captures(t).and_then(|c| dir_from(&c));
                assert_eq!(dir, want, "{t:?}");
            }
            if word.is_some_and(|(w, end)| {
                w.eq_ignore_ascii_case("of") && t.as_bytes().get(end) != Some(&b'_')
            }) {
                assert!(SHARE_AFTER.is_match(t), "{t:?}");
            } else if word.is_some() {
                assert!(!SHARE_AFTER.is_match(t), "{t:?}");
            }
            if SHARE_AFTER.is_match(t) {
                assert!(
                    cue::first_word(t, b"").is_none_or(|w| w.eq_ignore_ascii_case("of")),
                    "{t:?}"
                );
            }
            if PERIOD.is_match(t) {
                assert!(may_name_period(t), "{t:?}");
            }
        }
        for (k, n) in matched.iter().enumerate() {
            assert!(*n >= 100, "regex {k} matched {n} texts only: {matched:?}");
        }
    }

    /// [`periods`] as it read the capture groups of [`PERIOD`].
    fn oracle_periods(text: &str) -> u8 {
        let base = PERIOD_BASE.replace_all(text, "");
        PERIOD.captures_iter(&base).fold(0, |acc, cap| {
            acc | match () {
                () if cap.name("q").is_some() => 1,
                () if cap.name("h").is_some() => 2,
                () if cap.name("m").is_some() => 4,
                () if cap.name("y").is_some() => 8,
                () => 0,
            }
        })
    }

    #[test]
    fn periods_are_the_capture_groups() {
        let samples = [
            "in the third Quarter and the first half-yearly, six months, ſix Months",
            "MONTHLY figures for the year, full-year, annual, whole year, 12 months",
            "twelve months to March; a year earlier, last year, the same quarter last year",
            "quarterly halfly month months Full year FOR THE YEAR",
        ];
        let texts = cue::texts(31, 20_000, 8);
        for t in samples
            .iter()
            .copied()
            .chain(texts.iter().map(String::as_str))
        {
            assert_eq!(periods(t), oracle_periods(t), "{t:?}");
        }
    }

    #[test]
    fn directions_of_matches_are_the_capture_groups() {
        let mut texts = cue::texts(37, 20_000, 8);
        let mut more = Vec::new();
        for (k, t) in texts.iter().enumerate().take(4_000) {
            let nouns = [list::CHANGE_OF_UP, list::CHANGE_OF_DOWN].concat();
            let noun = nouns[k % nouns.len()];
            let noun = match k % 5 {
                0 => noun.to_uppercase(),
                1 => noun.replace('s', "ſ").replace('k', "\u{212A}"),
                _ => noun.to_owned(),
            };
            more.push(format!("{t} a {noun} of "));
            more.push(format!("{t} a {noun}\u{a0}of the £"));
            let word = [
                "higher",
                "more than",
                "above",
                "up",
                "lower",
                "less  than",
                "below",
                "down",
            ][k % 8];
            more.push(format!(" -{word} {t}"));
            more.push(format!("\u{2009}, {} {t}", word.to_uppercase()));
        }
        texts.extend(more);
        let (mut of, mut after) = (0, 0);
        for t in &texts {
            let want = CHANGE_OF.captures(t).map(|c| dir_from(&c));
            of += usize::from(want.is_some());
            assert_eq!(
                CHANGE_OF.find(t).map(|m| change_of_direction(m.as_str())),
                want,
                "{t:?}"
            );
            let want = DIR_AFTER.captures(t).map(|c| dir_from(&c));
            after += usize::from(want.is_some());
            assert_eq!(
                DIR_AFTER.find(t).map(|m| dir_after_direction(m.as_str())),
                want,
                "{t:?}"
            );
        }
        assert!(of >= 1_000 && after >= 1_000, "{of} {after}");
    }

    #[test]
    fn periods_are_read_after_removing_bases() {
        for t in cue::texts(29, 20_000, 8) {
            let base = PERIOD_BASE.replace_all(&t, "");
            if PERIOD.is_match(&base) {
                assert!(may_name_period(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn cues_read_the_words_before_a_figure() {
        assert!(start_cue(", from "));
        assert!(start_cue(" compared with the "));
        assert!(start_cue(" down from "));
        assert!(!start_cue(" up "));
        assert!(to_cue(" offences to "));
        assert!(to_cue(" ($6.13bn) in 2003 to "));
        assert!(!to_cue(" offences. Then to "));
        assert!(!to_cue(
            "% this year, while France's is forecast to drop to "
        ));
        assert!(of_cue(" of the "));
        assert!(of_cue(" out of "));
        assert!(of_cue(" offences of a total of "));
        assert!(!of_cue(" in the "));
        assert!(delta_cue(" - up "));
        assert!(delta_cue("%, or "));
        assert!(delta_cue(" fell by "));
        assert_eq!(total_cue(" offences to "), Some(true));
        assert_eq!(total_cue(", at "), Some(true));
        assert_eq!(total_cue(" - to close at "), Some(true));
        assert_eq!(total_cue(" from "), Some(false));
        assert_eq!(total_cue(" and "), None);
    }

    #[test]
    fn sentences_sharing_a_name_share_a_proper_noun() {
        with_links(
            "Tesco sales rose 5%. Shares rose. Tesco's profits rose 3%. In March, Asda grew.",
            |l| {
                assert!(l.share_proper_noun(0, 2));
                assert!(!l.share_proper_noun(0, 1));
                assert!(!l.share_proper_noun(2, 3));
                assert!(!l.share_proper_noun(0, 99));
            },
        );
    }

    #[test]
    fn ascii_stems_are_the_stems() {
        for w in [
            "offence",
            "offences",
            "OFFENCES",
            "boxes",
            "BOXES",
            "classes",
            "buses",
            "houses",
            "s",
            "S",
            "es",
            "ss",
            "ses",
            "xes",
            "",
            " staff ",
            "jobs",
            "Jobs",
            "\u{b}jobs\u{b}",
            "\t boxes\r\n",
            "sEs",
            "XES",
            "a s",
            "  ",
            "cs",
            "Ss",
        ] {
            let stem = String::from_utf8_lossy(ascii_noun_stem(w.as_bytes())).to_lowercase();
            assert_eq!(stem, noun_stem(w), "{w:?}");
        }
        for t in cue::texts(43, 20_000, 3).iter().filter(|t| t.is_ascii()) {
            let stem = String::from_utf8_lossy(ascii_noun_stem(t.as_bytes())).to_lowercase();
            assert_eq!(stem, noun_stem(t), "{t:?}");
        }
        assert!(same_noun("crèches", "Crèche"));
        assert!(!same_noun("crèches", "creche"));
    }

    #[test]
    fn nouns_agree_across_plurals() {
        assert!(same_noun("offence", "offences"));
        assert!(same_noun("Boxes", "box"));
        assert!(!same_noun("offences", "officers"));
    }

    #[test]
    fn grouped_digits_are_a_count_not_a_year() {
        let text = "Journeys rose 4% - up 2,000 to 52,000 - and 2000 staff left.";
        with_links(text, |l| {
            let c = l.cx.claims;
            let grouped = c.iter().find(|x| x.span.slice(text) == "2,000");
            assert!(
                grouped.is_some_and(|x| !year_like(x) && is_figure(x)),
                "{c:?}"
            );
            // A bare `2000` stays out, whatever kind the extractor gave it.
            let bare = c.iter().find(|x| x.span.slice(text) == "2000");
            assert!(bare.is_some_and(|x| !is_figure(x)), "{c:?}");
            let d = delta_pairs(l, 0);
            assert_eq!(d.len(), 1, "{d:?}");
        });
    }

    #[test]
    fn finds_from_to_pair_and_direction() {
        let text = "Crime showed a 34 per cent rise, from 108 offences to 164 this year.";
        with_links(text, |l| {
            let pairs = change_pairs(l, 0);
            assert_eq!(pairs.len(), 1, "{pairs:?}");
            let c = l.cx.claims;
            assert_eq!(c[pairs[0].start].value(), 108.0);
            assert_eq!(c[pairs[0].end].value(), 164.0);
            assert_eq!(stated_direction(l, &c[0]), Some(Direction::Up));
        });
    }

    #[test]
    fn finds_reversed_pair() {
        let text = "Sales fell 10% to 90 units, down from 100 units.";
        with_links(text, |l| {
            let pairs = change_pairs(l, 0);
            assert_eq!(pairs.len(), 1, "{pairs:?}");
            let c = l.cx.claims;
            assert_eq!(c[pairs[0].start].value(), 100.0);
            assert_eq!(c[pairs[0].end].value(), 90.0);
            assert_eq!(stated_direction(l, &c[0]), Some(Direction::Down));
        });
    }

    #[test]
    fn finds_delta_pair() {
        let text = "Crime rose by 5.3 per cent - up 195 offences to 3,903 - this year.";
        with_links(text, |l| {
            assert!(change_pairs(l, 0).is_empty());
            let d = delta_pairs(l, 0);
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(d[0].total_is_end);
            assert_eq!(d[0].direction, Some(Direction::Up));
        });
    }

    #[test]
    fn levels_and_shares_are_not_changes() {
        let text = "Rates rose to 4.75% and 40% of the debt was paid.";
        with_links(text, |l| {
            for c in l.cx.claims {
                assert_eq!(stated_direction(l, c), None, "{c:?}");
            }
        });
    }

    #[test]
    fn window_is_bounded_by_reach_and_paragraphs() {
        let text = "One 1.\n\nTwo 2. Three 3. Four 4. Five 5. Six 6.\n\nSeven 7.\n\nEight 8.";
        with_links(text, |l| {
            assert_eq!(l.sentence_count(), 8);
            assert_eq!(l.window(1, 1), 0..3);
            assert_eq!(l.window(3, 9), 0..7);
            assert_eq!(l.window(6, 3), 3..8);
            assert_eq!(l.claims_in(2).len(), 2);
            assert!(l.claims_in(99).is_empty());
        });
    }
}

#[cfg(test)]
mod robustness {
    //! The linker must never panic, whatever the text: a deterministic stream of
    //! sentences built from the cue words, numbers, currencies and odd characters.
    use crate::check::{Context, RULES};

    const PIECES: &[&str] = &[
        "rose",
        "fell",
        "up",
        "down",
        " from ",
        " to ",
        " at ",
        ", or ",
        " compared with ",
        "£1.2bn",
        "$3",
        "€4.5m",
        "5%",
        "12.5 per cent",
        "a fifth",
        "108",
        "3,903",
        "2004",
        "(",
        ")",
        ". ",
        "\n\n",
        "—",
        "é",
        "％",
        "🙂",
        "-",
        " by ",
        "above",
        "last year's",
        "more than",
        "nearly",
        "0",
        "0%",
        "1,000,000",
        " points",
        "pence",
        "p",
    ];

    #[test]
    fn never_panics_on_scrambled_text() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
                text.push(' ');
            }
            let sentences = crate::segment::sentences(&text);
            let claims = crate::extract::claims(&text, &sentences);
            let cx = Context {
                text: &text,
                sentences: &sentences,
                claims: &claims,
            };
            for r in RULES {
                let mut out = Vec::new();
                r.check(&crate::check::link::Links::new(&cx), &mut out);
                for c in &out {
                    assert!(c.claim < claims.len());
                    assert!(c.evidence.iter().all(|e| *e < claims.len()));
                    assert!(!c.message.is_empty());
                }
            }
        }
    }
}
