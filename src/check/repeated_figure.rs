//! `repeated-figure`: one quantity stated twice in an article with values that
//! disagree beyond rounding (`rose 7%` in the headline, `rose 5.3%` in the body).

use std::sync::LazyLock;

use regex::Regex;

use super::frame::{
    Domain, Lexicon, comparable_value, domain, fmt_interval, fmt_value, frame_words,
    is_change_word, of_head_id, restated_interval, shared_words,
};
use super::link::{Direction, Links, change_pairs, delta_pairs, stated_direction};
use super::{Check, Interval, Rule, Severity, Verdict, approx};
use crate::extract::{Claim, ClaimKind};

/// Checks that a quantity stated twice is stated the same way both times.
pub struct RepeatedFigure;

/// How many sentences apart two mentions of one quantity may be.
const MAX_SENTENCES: usize = 30;
/// How many later claims of one domain a claim is compared with at most.
const MAX_LATER: usize = 24;
/// Bytes either side of a claim whose words make its frame.
const FRAME: usize = 45;

impl Rule for RepeatedFigure {
    fn id(&self) -> &'static str {
        "repeated-figure"
    }

    fn summary(&self) -> &'static str {
        "One quantity is stated twice in the article with values that disagree beyond rounding"
    }

    fn explain(&self) -> &'static str {
        "\
repeated-figure

WHAT IT CHECKS
A quantity stated twice in one article: in the headline and the first sentence,
as a fraction with the percentage beside it, or twice in the body. The two
values must agree within what their rounding and hedges allow. Deciding that two
mentions are the same quantity is the hard part, so the rule needs strong
evidence and stays silent otherwise. It pairs:
  - an apposition: `Just under three-quarters of respondents (73%)`,
    `a third - or 33% -`;
  - the headline and the first sentence, when each holds exactly one value of
    the kind (money in one currency, counts, shares) and both go the same way
    (`Dirty Den's demise seen by 14m` / `More than 14 million people saw`);
  - two mentions in different sentences (at most 30 apart, no year between them
    that differs) of the same kind and unit and the same direction, that share
    the head of an `of` phrase (`10% of Marvel's profits` / `a tenth of
    profits`), a counted noun, or at least two subject words around them besides
    the change verb (`gun crime ... rose by five per cent` / `Gun crime in London
    has increased by 5.3 per cent`).
Mentions that are part of a from/to pair or a change with its total are
levels at different times, never repeats. When one mention pairs with several
others and they disagree, nothing is reported.

WHY IT MATTERS
Headlines are written after the story, often from an earlier draft; a figure
updated in the body and not in the headline (or the other way round) leaves
the reader with two numbers for one fact.

EXAMPLES
Consistent:   rose five per cent ... has increased by 5.3 per cent
              (five covers 4.5..5.5)
Consistent:   Just under three-quarters of respondents (73%)
Consistent:   Dirty Den's demise seen by 14m / More than 14 million people
Inconsistent: Just under three-quarters of respondents (58%)
Inconsistent: Seen by 24m (headline) / More than 14 million people saw it

TOLERANCE
Both mentions are restatements, so each covers its rounding: `5` covers
4.5..5.5, `14m` covers 13.5m..14.5m, a plain `2,000` covers 1,500..2,500 (a
repeated count ending in zeros is read as rounded). A hedge widens a mention by
at most 10% on its side (`more than 14 million` covers 14m..15.4m, `below 90%`
81%..90%); a fraction without a hedge is read as about, within 10% (`a tenth`
covers 9%..11%). A headline rounds and truncates (`$16bn` for $16.6bn), so a
headline value is read as about, within 10%. The mentions agree when the
intervals overlap. A headline or an apposition that disagrees is reported when
the two values are within a factor of two and a half of each other (a wilder
difference is more likely a per-unit figure or a typo the rule cannot read).
Two mentions in the body tied only by the words around them confirm each
other when they agree, but a disagreement between them is not reported: words
are not evidence enough to accuse (`Sales rose 5% in Europe ... sales in Asia
rose 12%` share words and are two quantities). The exception is a share or
percentage echoed in the same grammar: the same change verb right before both
(`Revenues at Reuters slipped 11%` / `revenues slipped 11% from ...`) or both
levels reached by the same change verb (`IE has dropped to below 90%` / `IE's
market share has dropped 5% since May to 88.9%`), with a subject word in
common, no differing qualifier (`underlying` against `like-for-like` sales),
and the sentences adjacent or sharing a proper noun; then a disagreement
within a factor of two and a half is reported.
"
    }

    fn check(&self, links: &Links<'_>, out: &mut Vec<Check>) {
        let cands = candidates(links);
        let mut found: Vec<Pairing> = Vec::new();
        appositions(links, &cands, &mut found);
        headline(links, &cands, &mut found);
        in_context(links, &cands, &mut found);
        // One verdict per later mention: drop mentions whose pairings disagree.
        // A stable sort keeps each mention's pairings in the order they were found.
        found.sort_by_key(|p| p.later);
        for ps in found.chunk_by(|p, q| p.later == q.later) {
            let Some(id) = ps.first().map(|p| p.later) else {
                continue;
            };
            // A mention paired once (most) has nothing to disagree with.
            if ps.len() > 1 {
                let first = ps.first().map(|p| consistent(links, p));
                if ps
                    .iter()
                    .skip(1)
                    .any(|p| Some(consistent(links, p)) != first)
                {
                    continue;
                }
            }
            let Some(best) = ps.iter().min_by_key(|p| (p.mode, id.abs_diff(p.earlier))) else {
                continue;
            };
            if let Some(c) = make_check(self.id(), links, best) {
                out.push(c);
            }
        }
    }
}

/// How two mentions were tied; smaller is stronger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mode {
    Apposition,
    Headline,
    Echo,
    Context,
}

#[derive(Clone, Copy, Debug)]
struct Pairing {
    earlier: usize,
    later: usize,
    mode: Mode,
}

/// A claim that can be compared as a restatement.
struct Cand {
    id: usize,
    domain: Domain,
    direction: Option<Direction>,
}

/// The claims that can be repeats: shares, counts and money, not inside another
/// claim (`13` in `13 out of 659`), not in a crowded sentence, and not a figure of
/// a change structure (`from 108 to 164`, `up 195 to 3,903`).
fn candidates(links: &Links<'_>) -> Vec<Cand> {
    let claims = links.cx.claims;
    let mut structural = vec![false; claims.len()];
    // Only pairable sentences have change and delta pairs: the others (most)
    // are not asked.
    for &s in links.pairable_sentences() {
        for p in change_pairs(links, s) {
            for i in [p.start, p.end] {
                if let Some(x) = structural.get_mut(i) {
                    *x = true;
                }
            }
        }
        for d in delta_pairs(links, s) {
            for i in [d.change, d.total] {
                if let Some(x) = structural.get_mut(i) {
                    *x = true;
                }
            }
        }
    }
    // At most one per claim: reserved once, where growing it copied it a dozen
    // times on a long file.
    let mut out = Vec::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        let Some(d) = domain(c) else { continue };
        // The table tests first: the scan of the neighbours only for the rest.
        if structural[i] || links.crowded(c.sentence) {
            continue;
        }
        let inside = claims[i.saturating_sub(3)..i]
            .iter()
            .chain(claims.get(i + 1..(i + 4).min(claims.len())).unwrap_or(&[]))
            .any(|o| o.span.contains(c.span) && o.span != c.span);
        if inside || in_range(links, c) {
            continue;
        }
        // `dropped to below 90%` is a level, whatever verb comes before it.
        let direction = if d == Domain::Share && !level_to(links.before(c, 40)) {
            stated_direction(links, c)
        } else {
            None
        };
        out.push(Cand {
            id: c.id,
            domain: d,
            direction,
        });
    }
    out
}

/// `70% to 80%`, `between 4 and 5`: one end of a range is not a statement. Read
/// by [`range_word`]; the regex is its tests' reference.
#[cfg(test)]
static RANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:-|–|to|and)\s*$   # only a range word before the next claim
        ",
    )
    .expect("static regex")
});

fn in_range(links: &Links<'_>, c: &Claim) -> bool {
    let claims = links.cx.claims;
    let next = claims.get(c.id + 1).filter(|n| n.sentence == c.sentence);
    let prev =
        c.id.checked_sub(1)
            .and_then(|i| claims.get(i))
            .filter(|p| p.sentence == c.sentence);
    next.is_some_and(|n| links.between(c.span, n.span).is_some_and(range_word))
        || prev.is_some_and(|p| links.between(p.span, c.span).is_some_and(range_word))
}

/// What the tests' `RANGE_AFTER` regex matches, read without a regex: the gap is a range word and spaces (`\s`
/// is `White_Space`, what `trim` strips; no char but the ASCII letters folds to
/// one of `t`, `o`, `a`, `n`, `d`).
fn range_word(gap: &str) -> bool {
    // Most gaps: the word between ASCII spaces has ASCII bytes at both ends,
    // where `trim` stops too (no ASCII byte but the six spaces is
    // `White_Space`), so it is compared without decoding chars.
    let b = gap.as_bytes();
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    if let (Some(from), Some(to)) = (
        b.iter().position(|c| !space(c)),
        b.iter().rposition(|c| !space(c)),
    ) && let Some(w) = b.get(from..=to)
        && w.first().is_some_and(u8::is_ascii)
        && w.last().is_some_and(u8::is_ascii)
    {
        return w == b"-" || w.eq_ignore_ascii_case(b"to") || w.eq_ignore_ascii_case(b"and");
    }
    let w = gap.trim();
    matches!(w, "-" | "–") || w.eq_ignore_ascii_case("to") || w.eq_ignore_ascii_case("and")
}

/// `three-quarters of respondents (73%)`, `a third - or 33% -`: the gap between
/// two mentions that restate each other.
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:
            (?:of\s+[^().,;0-9]{1,40}?\s*)?   # three-quarters of respondents
            \(                       # a third (33%)
          | [,\-–—]\s*or\s+           # a third, or 33%
        )\s*$
        ",
    )
    .expect("static regex")
});

/// Whether two candidates may be the same quantity at all.
fn same_kind(links: &Links<'_>, a: &Cand, b: &Cand) -> bool {
    let claims = links.cx.claims;
    let (Some(x), Some(y)) = (claims.get(a.id), claims.get(b.id)) else {
        return false;
    };
    a.domain == b.domain
        && a.direction == b.direction
        && (a.domain != Domain::Count || super::link::compatible(x, y))
}

fn appositions(links: &Links<'_>, cands: &[Cand], out: &mut Vec<Pairing>) {
    for w in cands.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let claims = links.cx.claims;
        let (Some(x), Some(y)) = (claims.get(a.id), claims.get(b.id)) else {
            continue;
        };
        // Money and counts in brackets are conversions and asides (`£3.1bn
        // ($5.8bn)`), so only shares are read as appositions.
        if x.sentence != y.sentence
            || b.id != a.id + 1
            || a.domain != Domain::Share
            || !same_kind(links, a, b)
        {
            continue;
        }
        if links
            .between(x.span, y.span)
            .is_some_and(|g| APPOSITION.is_match(g))
        {
            out.push(Pairing {
                earlier: a.id,
                later: b.id,
                mode: Mode::Apposition,
            });
        }
    }
}

/// The headline (sentence 0, alone in its paragraph) against the first sentence
/// after it: exactly one value of a domain in each.
fn headline(links: &Links<'_>, cands: &[Cand], out: &mut Vec<Pairing>) {
    if links.sentence_count() < 2 || links.paragraph(0) == links.paragraph(1) {
        return;
    }
    let claims = links.cx.claims;
    let of_sentence = |s: usize, d: Domain| {
        cands
            .iter()
            .filter(|c| claims.get(c.id).is_some_and(|x| x.sentence == s) && c.domain == d)
            .collect::<Vec<_>>()
    };
    let mut domains: Vec<Domain> = cands
        .iter()
        .filter(|c| claims.get(c.id).is_some_and(|x| x.sentence == 0))
        .map(|c| c.domain)
        .collect();
    domains.dedup();
    for d in domains {
        if let ([a], [b]) = (of_sentence(0, d).as_slice(), of_sentence(1, d).as_slice())
            && same_kind(links, a, b)
            && !per_unit(links, a.id)
            && !per_unit(links, b.id)
            && (d != Domain::Count || small_counts_excluded(links, a.id, b.id))
        {
            out.push(Pairing {
                earlier: a.id,
                later: b.id,
                mode: Mode::Headline,
            });
        }
    }
}

/// A candidate as [`in_context`]'s pair loop reads it: what the cheap tests
/// need, side by side, so that most pairs are rejected without touching the
/// (large) claims.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Its index in the candidate list.
    k: usize,
    sentence: usize,
    direction: Option<Direction>,
    /// The years its sentence names, a range of the years table.
    years: (u32, u32),
}

/// Mentions in different sentences with strong evidence of one quantity.
fn in_context(links: &Links<'_>, cands: &[Cand], out: &mut Vec<Pairing>) {
    let claims = links.cx.claims;
    // No per-claim tables for a file without candidates (a table of figures).
    if cands.len() < 2 {
        return;
    }
    // The years each candidate's sentence names, read once per sentence (the
    // candidates come in text order), for [`different_years`].
    let mut years: Vec<u64> = Vec::new();
    let mut read: Option<(usize, (u32, u32))> = None;
    // The candidates of each domain, in text order; a file names few domains
    // (shares, counts, a few currencies), so a short list beats a hash map.
    let mut by_domain: Vec<(Domain, Vec<Entry>)> = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        let Some(x) = claims.get(c.id) else { continue };
        let range = match read {
            Some((s, r)) if s == x.sentence => r,
            _ => {
                let start = years.len();
                years.extend(
                    links
                        .claims_in(x.sentence)
                        .iter()
                        .filter(|y| y.kind == ClaimKind::Year)
                        .map(|y| y.value() as u64),
                );
                let r = (start as u32, years.len() as u32);
                read = Some((x.sentence, r));
                r
            }
        };
        let e = Entry {
            k,
            sentence: x.sentence,
            direction: c.direction,
            years: range,
        };
        if let Some((_, list)) = by_domain.iter_mut().find(|(d, _)| *d == c.domain) {
            list.push(e);
        } else {
            // Room for every candidate left (a file names few domains):
            // growing a list copied it a dozen times on a long file.
            let mut list = Vec::with_capacity(cands.len() - k);
            list.push(e);
            by_domain.push((c.domain, list));
        }
    }
    let years_of =
        |(start, end): (u32, u32)| years.get(start as usize..end as usize).unwrap_or(&[]);
    // Pairings come out in one order whatever the order domains were met in.
    by_domain.sort_by_key(|(d, _)| match d {
        Domain::Share => (0, None),
        Domain::Count => (1, None),
        Domain::Money(c) => (2, *c),
    });
    // Most candidate pairs are rejected, so the cheapest tests run first
    // (sentences, direction, years, units) and everything a pair needs beyond
    // them is worked out at most once per candidate or sentence, and only when
    // the pair gets that far: `of` heads, proper nouns, and frame words last (the
    // dearest: a scan of ~90 bytes).
    let mut cache = PairCache::new(cands.len());
    for (domain, list) in &by_domain {
        let domain = *domain;
        for (i, ea) in list.iter().enumerate() {
            let ka = ea.k;
            // Its claim, read when a pair first passes the cheap tests.
            let mut first = None;
            for eb in list.iter().skip(i + 1).take(MAX_LATER) {
                if eb.sentence == ea.sentence {
                    continue;
                }
                if eb.sentence - ea.sentence > MAX_SENTENCES {
                    break;
                }
                // [`same_kind`], the dearer unit test after the years.
                if ea.direction != eb.direction
                    || different_years(years_of(ea.years), years_of(eb.years))
                {
                    continue;
                }
                let kb = eb.k;
                let (Some(a), Some(b)) = (cands.get(ka), cands.get(kb)) else {
                    continue;
                };
                let Some(x) = *first.get_or_insert_with(|| claims.get(a.id)) else {
                    break;
                };
                let Some(y) = claims.get(b.id) else { continue };
                if matches!(domain, Domain::Count) && !cache.same_nouns((ka, x), (kb, y)) {
                    continue;
                }
                if matches!(domain, Domain::Share) && cache.echo(links, (ka, x), (kb, y)) {
                    out.push(Pairing {
                        earlier: a.id,
                        later: b.id,
                        mode: Mode::Echo,
                    });
                    continue;
                }
                // Strong evidence (for counts, a counted noun on both sides that
                // agrees and two frame words in common; otherwise the same `of`
                // head, or two frame words in common), or one frame word in common
                // that is not a change verb and a proper noun shared by the
                // sentences (the story's subject). Two frame words in common
                // include one, so the proper nouns are read only when one word is
                // shared and not two, and for counts without nouns (most of them)
                // before the frames, which are then read only for sentences that
                // share a name.
                let proper = || links.share_proper_noun(x.sentence, y.sentence);
                let tied =
                    if matches!(domain, Domain::Count) && (x.noun.is_none() || y.noun.is_none()) {
                        proper() && cache.one_shared(links, (ka, x), (kb, y))
                    } else {
                        let heads = if matches!(domain, Domain::Count) {
                            None
                        } else {
                            cache.head(links, ka, x).zip(cache.head(links, kb, y))
                        };
                        if let Some((h1, h2)) = heads {
                            h1 == h2 || (cache.one_shared(links, (ka, x), (kb, y)) && proper())
                        } else {
                            let (one, two) = cache.shared_words(links, (ka, x), (kb, y));
                            two || (one && proper())
                        }
                    };
                if tied {
                    out.push(Pairing {
                        earlier: a.id,
                        later: b.id,
                        mode: Mode::Context,
                    });
                }
            }
        }
    }
}

/// A noun as [`super::link::same_noun`] compares it: trimmed, lower-cased,
/// without a plural ending (`Offences` → `offence`, `boxes` → `box`). Two nouns
/// agree exactly when their stems are equal, so a stem interned once per
/// candidate replaces comparing nouns per pair.
///
/// An ASCII noun is stemmed in place (ignoring case, lower-cased when
/// interned); any other is lower-cased first.
fn noun_stem(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.trim();
    if s.is_ascii() {
        let b = s.as_bytes();
        let ends = |e: usize, suffix: &[u8]| {
            e >= suffix.len() && b[e - suffix.len()..e].eq_ignore_ascii_case(suffix)
        };
        let mut e = b.len();
        if ends(e, b"es") && (ends(e - 2, b"s") || ends(e - 2, b"x")) {
            e -= 2;
        }
        if ends(e, b"s") {
            e -= 1;
        }
        return std::borrow::Cow::Borrowed(s.get(..e).unwrap_or(""));
    }
    let s = s.to_lowercase();
    let s = match s.strip_suffix("es") {
        Some(t) if t.ends_with('s') || t.ends_with('x') => t,
        _ => s.as_str(),
    };
    std::borrow::Cow::Owned(s.strip_suffix('s').unwrap_or(s).to_owned())
}

/// Whether both sentences name years and none in common: different periods.
/// `y1` and `y2` are the years the sentences name.
fn different_years(y1: &[u64], y2: &[u64]) -> bool {
    !y1.is_empty() && !y2.is_empty() && !y2.iter().any(|v| y1.contains(v))
}

/// A candidate's index in the candidate list, and its claim.
type At<'c> = (usize, &'c Claim);

/// A word read once per candidate and interned (`None` when there is none): the
/// head of its `of` phrase, the stem of its counted noun.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Unread,
    Read(Option<u32>),
}

/// What [`PairCache::echo`] reads before a mention, once per candidate. The two
/// tests read at the end of the text come first; the sets, which read all of
/// it, only when a pair passes those tests (few do).
#[derive(Clone, Copy, Debug)]
struct Lead {
    /// It is a level reached with `to` ([`LEVEL_TO`]).
    level: bool,
    /// The word right before it ([`VERB_LAST`]), interned, and whether it is a
    /// change verb.
    verb: Option<(u32, bool)>,
    /// The content words of the 80 bytes before it (a range of
    /// `PairCache::sets`), once read.
    words: Option<(usize, usize)>,
    /// Its qualifiers ([`QUALIFIER`]), interned, as a sorted set (a range of
    /// `PairCache::sets`), once read.
    qualifiers: Option<(usize, usize)>,
}

/// The text [`PairCache::echo`] reads before a mention.
fn lead_text<'a>(links: &Links<'a>, c: &Claim) -> &'a str {
    links.before(c, 80)
}

/// What [`in_context`] works out per candidate (by index in the candidate list),
/// once, into flat tables: no allocation per candidate.
struct PairCache {
    lex: Lexicon,
    /// Sorted sets of word ids, one after another; the tables below hold ranges.
    sets: Vec<u32>,
    /// Frame words per candidate.
    frames: Vec<Option<(usize, usize)>>,
    /// The `of` head per candidate.
    heads: Vec<Slot>,
    /// The stem of the counted noun per candidate ([`noun_stem`]).
    nouns: Vec<Slot>,
    /// What [`PairCache::echo`] needs per candidate.
    leads: Vec<Option<Lead>>,
    /// Scratch space for one set.
    scratch: Vec<u32>,
}

impl PairCache {
    fn new(cands: usize) -> Self {
        Self {
            lex: Lexicon::with_capacity(cands * 2),
            // About ten words a frame: reserved, where growing copied it on a
            // long file.
            sets: Vec::with_capacity(cands * 8),
            frames: vec![None; cands],
            heads: vec![Slot::Unread; cands],
            nouns: vec![Slot::Unread; cands],
            leads: vec![None; cands],
            scratch: Vec::new(),
        }
    }

    fn set(&self, (start, len): (usize, usize)) -> &[u32] {
        self.sets.get(start..start + len).unwrap_or(&[])
    }

    /// Stores `scratch` sorted and deduplicated in `sets`; returns its range.
    fn store_scratch(&mut self) -> (usize, usize) {
        self.scratch.sort_unstable();
        self.scratch.dedup();
        let start = self.sets.len();
        self.sets.extend_from_slice(&self.scratch);
        (start, self.scratch.len())
    }

    /// The head of the `of` phrase after a candidate, interned.
    #[inline]
    fn head(&mut self, links: &Links<'_>, k: usize, c: &Claim) -> Option<u32> {
        match self.heads.get(k) {
            Some(&Slot::Read(h)) => h,
            _ => self.read_head(links, k, c),
        }
    }

    #[inline(never)]
    fn read_head(&mut self, links: &Links<'_>, k: usize, c: &Claim) -> Option<u32> {
        let h = of_head_id(&mut self.lex, links, c);
        if let Some(slot) = self.heads.get_mut(k) {
            *slot = Slot::Read(h);
        }
        h
    }

    /// The stem of a candidate's counted noun, interned.
    #[inline]
    fn noun(&mut self, (k, c): At<'_>) -> Option<u32> {
        match self.nouns.get(k) {
            Some(&Slot::Read(n)) => n,
            _ => self.read_noun((k, c)),
        }
    }

    #[inline(never)]
    fn read_noun(&mut self, (k, c): At<'_>) -> Option<u32> {
        let n = c
            .noun
            .as_deref()
            .map(|w| self.lex.id_of(noun_stem(w).as_ref()));
        if let Some(slot) = self.nouns.get_mut(k) {
            *slot = Slot::Read(n);
        }
        n
    }

    /// [`super::link::compatible`] for two counts (neither a year): their nouns
    /// agree where both have one, compared as interned stems.
    fn same_nouns(&mut self, x: At<'_>, y: At<'_>) -> bool {
        match (self.noun(x), self.noun(y)) {
            (Some(p), Some(q)) => p == q,
            _ => true,
        }
    }

    /// The frame words of a candidate, worked out on first use.
    #[inline]
    fn frame(&mut self, links: &Links<'_>, (k, c): At<'_>) -> (usize, usize) {
        match self.frames.get(k) {
            Some(&Some(r)) => r,
            _ => self.read_frame(links, (k, c)),
        }
    }

    #[inline(never)]
    fn read_frame(&mut self, links: &Links<'_>, (k, c): At<'_>) -> (usize, usize) {
        // Sorted and deduplicated already.
        frame_words(&mut self.lex, links, c, FRAME, &mut self.scratch);
        let start = self.sets.len();
        self.sets.extend_from_slice(&self.scratch);
        let r = (start, self.scratch.len());
        if let Some(slot) = self.frames.get_mut(k) {
            *slot = Some(r);
        }
        r
    }

    /// Whether each word two frames share is a change word.
    fn shared(&mut self, links: &Links<'_>, x: At<'_>, y: At<'_>) -> impl Iterator<Item = bool> {
        let (fx, fy) = (self.frame(links, x), self.frame(links, y));
        let lex = &self.lex;
        shared_words(self.set(fx), self.set(fy)).map(|w| lex.is_change(w))
    }

    /// Whether the frames share a content word that is not a change verb, and
    /// whether they share two content words, one of them not a change verb.
    fn shared_words(&mut self, links: &Links<'_>, x: At<'_>, y: At<'_>) -> (bool, bool) {
        let (mut n, mut other) = (0, false);
        for change in self.shared(links, x, y) {
            n += 1;
            other |= !change;
            if n >= 2 && other {
                return (true, true);
            }
        }
        (other, false)
    }

    /// A content word shared by the frames that is not a change verb.
    fn one_shared(&mut self, links: &Links<'_>, x: At<'_>, y: At<'_>) -> bool {
        self.shared(links, x, y).any(|change| !change)
    }

    /// What [`PairCache::echo`] reads at the end of the text before a candidate,
    /// worked out on first use.
    fn lead(&mut self, links: &Links<'_>, (k, c): At<'_>) -> Lead {
        if let Some(&Some(l)) = self.leads.get(k) {
            return l;
        }
        let text = lead_text(links, c);
        let verb = verb_last(text).map(|v| {
            // An ASCII verb (all of them on ASCII text) is lower-cased in a
            // buffer, not a new string.
            let mut buf = [0_u8; 16];
            if v.is_ascii()
                && let Some(b) = buf.get_mut(..v.len())
            {
                b.copy_from_slice(v.as_bytes());
                b.make_ascii_lowercase();
                let w = std::str::from_utf8(b).unwrap_or_default();
                (self.lex.id(w), is_change_word(w))
            } else {
                let w = v.to_lowercase();
                (self.lex.id(&w), is_change_word(&w))
            }
        });
        let l = Lead {
            level: level_to(text),
            verb,
            words: None,
            qualifiers: None,
        };
        if let Some(slot) = self.leads.get_mut(k) {
            *slot = Some(l);
        }
        l
    }

    /// The content words before a candidate ([`Lead::words`]), read on first use:
    /// their range in `sets`.
    fn lead_words(&mut self, links: &Links<'_>, (k, c): At<'_>) -> (usize, usize) {
        if let Some(r) = self.lead(links, (k, c)).words {
            return r;
        }
        self.scratch.clear();
        // The lead ends where `c` starts (or is empty).
        let lead = lead_text(links, c);
        let start = c.span.start.saturating_sub(lead.len());
        self.lex
            .content_words_in(links.cx.text, start, start + lead.len(), &mut self.scratch);
        let r = self.store_scratch();
        if let Some(Some(l)) = self.leads.get_mut(k) {
            l.words = Some(r);
        }
        r
    }

    /// The qualifiers before a candidate ([`Lead::qualifiers`]), read on first
    /// use: their range in `sets`.
    fn lead_qualifiers(&mut self, links: &Links<'_>, (k, c): At<'_>) -> (usize, usize) {
        if let Some(r) = self.lead(links, (k, c)).qualifiers {
            return r;
        }
        self.scratch.clear();
        let lex = &mut self.lex;
        let scratch = &mut self.scratch;
        qualifiers(lead_text(links, c), |q| scratch.push(lex.id(q)));
        let r = self.store_scratch();
        if let Some(Some(l)) = self.leads.get_mut(k) {
            l.qualifiers = Some(r);
        }
        r
    }

    /// Whether the words before two candidates share one that is not a change
    /// word, and (with `change`) one that is.
    fn lead_shares(&mut self, links: &Links<'_>, x: At<'_>, y: At<'_>, change: bool) -> bool {
        let (rx, ry) = (self.lead_words(links, x), self.lead_words(links, y));
        let (wx, wy) = (self.set(rx), self.set(ry));
        let lex = &self.lex;
        (!change || shared_words(wx, wy).any(|w| lex.is_change(w)))
            && shared_words(wx, wy).any(|w| !lex.is_change(w))
    }

    /// Evidence strong enough to report a disagreement between two body mentions
    /// of a share: the sentences are adjacent or share a proper noun, both
    /// mentions have a subject word in common and no different qualifier
    /// (`underlying`, `like-for-like`), and either both are levels reached by the
    /// same change verb (`dropped to below 90%` / `dropped 5% since May to
    /// 88.9%`) or the same change verb stands right before both (`revenues
    /// slipped 11%`).
    fn echo(&mut self, links: &Links<'_>, x: At<'_>, y: At<'_>) -> bool {
        let (sx, sy) = (x.1.sentence, y.1.sentence);
        if sy.abs_diff(sx) > 1 && !links.share_proper_noun(sx, sy) {
            return false;
        }
        let (lx, ly) = (self.lead(links, x), self.lead(links, y));
        // Both levels: the same change verb and a subject word in common.
        if lx.level && ly.level {
            return self.lead_shares(links, x, y, true);
        }
        // `Revenues at Reuters slipped 11%` ... `revenues slipped 11% from`: the
        // same change verb right before both, a shared subject word, and the same
        // qualifiers.
        match (lx.verb, ly.verb) {
            (Some((v1, true)), Some((v2, _))) if v1 == v2 => {
                self.lead_shares(links, x, y, false) && {
                    let (qx, qy) = (
                        self.lead_qualifiers(links, x),
                        self.lead_qualifiers(links, y),
                    );
                    self.set(qx) == self.set(qy)
                }
            }
            _ => false,
        }
    }
}

/// `has dropped to below 90%` ... `has dropped 5% since May to 88.9%`: both levels
/// reached by the same change verb.
static LEVEL_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \bto\s+(?:(?:about|around|some|nearly|almost|just|over|under|below|above
          |more\s+than|less\s+than)\s+)*[^A-Za-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// Whether [`LEVEL_TO`] matches `t`. On ASCII text read backwards in code:
/// at most two signs end `t`, after spaces; before them, words separated by
/// spaces, each a hedge (`about` ... `over`, or `than` after `more` or `less`),
/// back to a word that ends with `to` at a word boundary. The regex needs
/// exactly that: every word between `to` and the end is a hedge with spaces
/// either side, so it is the whole of a run of non-spaces. Other text goes to
/// the regex.
fn level_to(t: &str) -> bool {
    const HEDGES: &[&[u8]] = &[
        b"about", b"around", b"some", b"nearly", b"almost", b"just", b"over", b"under", b"below",
        b"above",
    ];
    if !t.is_ascii() {
        return LEVEL_TO.is_match(t);
    }
    let b = t.as_bytes();
    let space = |i: usize| {
        b.get(i)
            .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    };
    // The signs at the end, then the spaces before them.
    let mut end = b.len();
    for _ in 0..2 {
        if end > 0 && !space(end - 1) && !b.get(end - 1).is_some_and(u8::is_ascii_alphanumeric) {
            end -= 1;
        }
    }
    // Back over spaces (at least one) to the end of the word before them.
    let back_over_spaces = |from: usize| {
        let mut at = from;
        while at > 0 && space(at - 1) {
            at -= 1;
        }
        (at < from).then_some(at)
    };
    let Some(mut word_end) = back_over_spaces(end) else {
        return false;
    };
    loop {
        let mut word_start = word_end;
        while word_start > 0 && !space(word_start - 1) {
            word_start -= 1;
        }
        let word = b.get(word_start..word_end).unwrap_or(&[]);
        if word.len() >= 2 && word[word.len() - 2..].eq_ignore_ascii_case(b"to") {
            // `\bto`: no word char right before it.
            return !(word.len() > 2
                && word
                    .get(word.len() - 3)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_'));
        }
        if HEDGES.iter().any(|hedge| hedge.eq_ignore_ascii_case(word)) {
            let Some(next) = back_over_spaces(word_start) else {
                return false;
            };
            word_end = next;
        } else if word.eq_ignore_ascii_case(b"than") {
            // `more than`, `less than`.
            let Some(more_end) = back_over_spaces(word_start) else {
                return false;
            };
            let mut more_start = more_end;
            while more_start > 0 && !space(more_start - 1) {
                more_start -= 1;
            }
            let more = b.get(more_start..more_end).unwrap_or(&[]);
            if !(more.eq_ignore_ascii_case(b"more") || more.eq_ignore_ascii_case(b"less")) {
                return false;
            }
            let Some(next) = back_over_spaces(more_start) else {
                return false;
            };
            word_end = next;
        } else {
            return false;
        }
    }
}

/// Words that make a different measure of one thing: `underlying sales` and
/// `like-for-like sales` are two quantities.
static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:underlying|like-for-like|adjusted|organic|core|pre-tax|operating|net|gross
          |annual|quarterly|monthly|weekly|daily|average|total|overall|domestic|foreign
          |international|global|european|uk|us)\b
        ",
    )
    .expect("static regex")
});

/// The change verb right before a claim: `slipped 11%`, `rose by 5%`.
static VERB_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?P<v>[a-z]+)\s+(?:by\s+)?[^A-Za-z0-9\s]{0,2}$
        ",
    )
    .expect("static regex")
});

/// The words [`QUALIFIER`] matches, in its order.
const QUALIFIERS: &[&str] = &[
    "underlying",
    "like-for-like",
    "adjusted",
    "organic",
    "core",
    "pre-tax",
    "operating",
    "net",
    "gross",
    "annual",
    "quarterly",
    "monthly",
    "weekly",
    "daily",
    "average",
    "total",
    "overall",
    "domestic",
    "foreign",
    "international",
    "global",
    "european",
    "uk",
    "us",
];

/// [`QUALIFIERS`] by the length of their first run of word chars (`like` in
/// `like-for-like`), each list in [`QUALIFIER`]'s order.
static QUALIFIERS_BY_RUN: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by_run: Vec<Vec<&'static str>> = Vec::new();
    for q in QUALIFIERS {
        let run = q.find('-').unwrap_or(q.len());
        if by_run.len() <= run {
            by_run.resize(run + 1, Vec::new());
        }
        if let Some(list) = by_run.get_mut(run) {
            list.push(q);
        }
    }
    by_run
});

/// Calls `f` with each match of [`QUALIFIER`] in `t`, lower-cased, in order. On
/// ASCII text read in code: a match starts where a run of word chars does (its
/// `\b`), is one of [`QUALIFIERS`] ignoring case (none is the start of another)
/// and ends before a char that is not a word char; the search goes on after it.
fn qualifiers(t: &str, mut f: impl FnMut(&str)) {
    if !t.is_ascii() {
        for m in QUALIFIER.find_iter(t) {
            f(&m.as_str().to_lowercase());
        }
        return;
    }
    let b = t.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_')
    };
    let mut i = 0;
    while i < b.len() {
        if !word(i) {
            i += 1;
            continue;
        }
        let mut run = i;
        while word(run) {
            run += 1;
        }
        // A qualifier's first run of word chars is this run: most runs have no
        // qualifier of their length.
        let found = QUALIFIERS_BY_RUN
            .get(run - i)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .find(|q| {
                b.get(i..i + q.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(q.as_bytes()))
                    && !word(i + q.len())
            });
        if let Some(q) = found {
            f(q);
            i += q.len();
        } else {
            i = run;
        }
    }
}

/// The `v` group of [`VERB_LAST`] in `t`. On ASCII text read in code: the word
/// before the spaces that end `t` (save at most two signs after them), or the
/// word before a last `by`, which starts further left and so is the match when
/// it has a word boundary before it.
fn verb_last(t: &str) -> Option<&str> {
    if !t.is_ascii() {
        return VERB_LAST
            .captures(t)
            .and_then(|c| c.name("v"))
            .map(|m| m.as_str());
    }
    let b = t.as_bytes();
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut end = b.len();
    while end > 0
        && b.get(end - 1)
            .is_some_and(|&c| !c.is_ascii_alphanumeric() && !space(c))
    {
        end -= 1;
    }
    if b.len() - end > 2 {
        return None;
    }
    // The letters before the spaces that end at `end`, and whether a word
    // boundary comes before them.
    let letters_before = |end: usize| {
        let mut e = end;
        while e > 0 && b.get(e - 1).is_some_and(|&c| space(c)) {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && b.get(s - 1).is_some_and(u8::is_ascii_alphabetic) {
            s -= 1;
        }
        let boundary = s == 0
            || !b
                .get(s - 1)
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
        (e < end && s < e).then_some((s, e, boundary))
    };
    let (s, e, boundary) = letters_before(end)?;
    if b.get(s..e).is_some_and(|w| w.eq_ignore_ascii_case(b"by"))
        && let Some((s2, e2, true)) = letters_before(s)
    {
        return t.get(s2..e2);
    }
    boundary.then(|| t.get(s..e)).flatten()
}

/// `£52 each`, `$2 a share`: a value per unit, not the headline's total.
static PER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*(?:each|apiece|a\s+head|per\b|a\s+(?:share|year|month|week|day|person|head))
        ",
    )
    .expect("static regex")
});

fn per_unit(links: &Links<'_>, id: usize) -> bool {
    links
        .cx
        .claims
        .get(id)
        .is_some_and(|c| PER_UNIT.is_match(links.tail(c, 30)))
}

/// Counts below ten in words (`one to watch`, `two of the groups`) are too often
/// pronouns or asides to be a headline's figure.
fn small_counts_excluded(links: &Links<'_>, a: usize, b: usize) -> bool {
    [a, b]
        .iter()
        .all(|&i| links.cx.claims.get(i).is_some_and(|c| c.value() >= 10.0))
}

/// The interval a mention covers: a headline rounds (and truncates: `$16bn` for
/// $16.6bn), so it is read as about, within [`super::APPROX`].
fn interval_of(c: &Claim, mode: Mode, is_headline: bool) -> Interval {
    let i = restated_interval(c);
    if mode == Mode::Headline && is_headline {
        let v = comparable_value(c);
        let s = v.abs() * approx();
        Interval::new(i.lo.min(v - s), i.hi.max(v + s))
    } else {
        i
    }
}

fn consistent(links: &Links<'_>, p: &Pairing) -> bool {
    let claims = links.cx.claims;
    match (claims.get(p.earlier), claims.get(p.later)) {
        (Some(a), Some(b)) => interval_of(a, p.mode, true).overlaps(interval_of(b, p.mode, false)),
        _ => true,
    }
}

fn make_check(rule: &'static str, links: &Links<'_>, pairing: &Pairing) -> Option<Check> {
    let claims = links.cx.claims;
    let (a, b) = (claims.get(pairing.earlier)?, claims.get(pairing.later)?);
    let dom = domain(b)?;
    let (ia, ib) = (
        interval_of(a, pairing.mode, true),
        interval_of(b, pairing.mode, false),
    );
    let (va, vb) = (comparable_value(a), comparable_value(b));
    let ok = ia.overlaps(ib);
    // Across the body the evidence that two mentions are one quantity is words
    // around them, which confirms a repeat but is not enough to accuse one.
    if !ok && pairing.mode == Mode::Context {
        return None;
    }
    if !ok {
        let r = (va / vb).abs();
        if va * vb <= 0.0 || !(0.4..=2.5).contains(&r) {
            return None;
        }
    }
    let text = links.cx.text;
    let (ta, tb) = (a.span.slice(text), b.span.slice(text));
    let place = match pairing.mode {
        Mode::Apposition => "beside it",
        Mode::Headline => "in the headline",
        Mode::Echo | Mode::Context => "earlier",
    };
    let message = if ok {
        format!(
            "stated {} ({tb}), and the same quantity is {} ({ta}) {place}",
            fmt_value(vb, dom),
            fmt_value(va, dom)
        )
    } else {
        format!(
            "stated {} ({tb}), but the same quantity is {} ({ta}) {place}: {tb} allows {}, {ta} allows {}",
            fmt_value(vb, dom),
            fmt_value(va, dom),
            fmt_interval(ib, dom),
            fmt_interval(ia, dom)
        )
    };
    Some(Check {
        rule,
        verdict: Verdict::from_overlap(ok),
        severity: Severity::Error,
        claim: b.id,
        evidence: vec![a.id],
        stated: vb,
        computed: va,
        tolerance: ib,
        computed_range: ia,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{assert_clean, assert_flags, checks};

    #[test]
    fn static_regexes_compile() {
        LazyLock::force(&APPOSITION);
        LazyLock::force(&RANGE_AFTER);
        LazyLock::force(&PER_UNIT);
        LazyLock::force(&LEVEL_TO);
        LazyLock::force(&VERB_LAST);
        LazyLock::force(&QUALIFIER);
    }

    #[test]
    fn accepts_fraction_with_percentage_beside_it() {
        assert_clean(
            &RepeatedFigure,
            "Just under three-quarters of respondents (73%) said politicians had been dishonest.",
        );
        assert_clean(&RepeatedFigure, "A third - or 33% - of the staff left.");
    }

    #[test]
    fn flags_fraction_with_wrong_percentage_beside_it() {
        assert_flags(
            &RepeatedFigure,
            "Just under three-quarters of respondents (58%) said politicians had been dishonest.",
        );
    }

    #[test]
    fn accepts_headline_rounding() {
        assert_clean(
            &RepeatedFigure,
            "Dirty Den's demise seen by 14m\n\nMore than 14 million people saw Den Watts killed off on Friday.",
        );
    }

    #[test]
    fn flags_headline_disagreeing_with_lead() {
        let c = assert_flags(
            &RepeatedFigure,
            "Dirty Den's demise seen by 24m\n\nMore than 14 million people saw Den Watts killed off on Friday.",
        );
        assert!(c.message.contains("headline"), "{}", c.message);
    }

    #[test]
    fn accepts_rounded_restatement_in_body() {
        assert_clean(
            &RepeatedFigure,
            "Gun crime in London rose by five per cent in the past year. The unit has 700 officers. \
             Gun crime in London has increased by 5.3 per cent in the year to November.",
        );
        assert_clean(
            &RepeatedFigure,
            "A judge upheld his demand for 10% of Marvel's profits. The films made $1.6bn. \
             The judge ruled he should get a tenth of profits generated since 1998.",
        );
    }

    #[test]
    fn confirms_but_never_accuses_across_the_body() {
        let text = "Gun crime in London rose by 7% in the past year. The unit has 700 officers. \
             Gun crime in London has increased by 5.3 per cent in the year to November.";
        assert!(checks(&RepeatedFigure, text).is_empty());
    }

    #[test]
    fn flags_headline_percentage_in_apposition_and_per_unit_is_silent() {
        assert_flags(
            &RepeatedFigure,
            "Shares in Marks rise 9%\n\nShares in Marks & Spencer rose 5.3% on Friday.",
        );
        assert!(
            checks(
                &RepeatedFigure,
                "Members' £42m windfall\n\nMore than 800,000 members will receive £52 each."
            )
            .is_empty()
        );
    }

    #[test]
    fn reads_levels_reached_by_the_same_verb() {
        let text = "The share of Microsoft's Internet Explorer (IE) has dropped to below 90%, say analysts. \
                    Firefox is made by Mozilla. \
                    IE's market share has dropped 5% since May to 88.9%, the figures show.";
        assert_clean(&RepeatedFigure, text);
        assert_flags(&RepeatedFigure, &text.replace("below 90%", "below 138%"));
    }

    #[test]
    fn reads_the_same_verb_and_subject() {
        let text = "Revenues at media group Reuters slipped 11% during 2004, the group said. \
                    The company said revenues slipped 11% from £3.24bn in 2003 to £2.89bn in 2004.";
        assert_clean(&RepeatedFigure, text);
        assert_flags(&RepeatedFigure, &text.replacen("11%", "20%", 1));
        // Underlying and like-for-like sales are two measures.
        assert!(
            checks(
                &RepeatedFigure,
                "Cadbury said its underlying sales were up by 4% in 2004. \
                 Cadbury brands enjoyed a good year, with like-for-like sales up 6%."
            )
            .iter()
            .all(|c| c.verdict == Verdict::Consistent)
        );
    }

    #[test]
    fn stays_silent_on_different_quantities() {
        // Different directions, different years, different subjects.
        for text in [
            "Sales rose 5% in Europe. Costs fell 9% in Europe.",
            "In 2003 only 40% of messages were spam. In 2004, 73% of messages were spam.",
            "Shares in BP rose 3%. Oil prices rose 9% in London trading.",
            "Exports rose 7% to £3bn, from £2.8bn. Exports rose 5% in the quarter.",
        ] {
            assert!(
                checks(&RepeatedFigure, text)
                    .iter()
                    .all(|c| c.verdict == Verdict::Consistent),
                "{text}: {:#?}",
                checks(&RepeatedFigure, text)
            );
        }
    }

    #[test]
    fn range_words_are_the_regex() {
        for gap in [
            " - ",
            "-",
            " – ",
            " to ",
            " TO ",
            "to",
            " and ",
            "And",
            " an ",
            " or ",
            "",
            " ",
            " -- ",
            "\u{a0}to\u{2003}",
            " to to ",
            " t o ",
            "\tand\n",
            // Non-ASCII spaces at one end only, and an ASCII word between them.
            "\u{85}to",
            "to\u{85}",
            " -\u{2003}",
            "\u{2003}and ",
            " \u{a0}",
            "an\u{a0}d",
            " - - ",
        ] {
            assert_eq!(range_word(gap), RANGE_AFTER.is_match(gap), "{gap:?}");
        }
        // No char outside ASCII folds to a letter of `to` or `and`.
        let folds = Regex::new("(?i)^[toand]$").expect("static regex");
        assert!(
            (0..=0x10_ffff_u32)
                .filter_map(char::from_u32)
                .filter(|c| !c.is_ascii())
                .all(|c| !folds.is_match(c.encode_utf8(&mut [0; 4])))
        );
    }

    #[test]
    fn level_to_is_the_regex_on_all_short_texts() {
        const PIECES: &[&str] = &[
            "to", "To", " ", "\t", "more", "than", "less", "below", "x", "_", "$", "\"", "5",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
            texts.sort();
            texts.dedup();
        }
        for t in &texts {
            assert_eq!(level_to(t), LEVEL_TO.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn verb_and_qualifier_letters_fold_only_in_ascii() {
        let folds = Regex::new("(?i)^[by]$").expect("static regex");
        assert!(
            (0..=0x10_ffff_u32)
                .filter_map(char::from_u32)
                .filter(|c| !c.is_ascii())
                .all(|c| !folds.is_match(c.encode_utf8(&mut [0; 4])))
        );
        assert_eq!(verb_last("Revenues at Reuters slipped "), Some("slipped"));
        assert_eq!(verb_last("sales rose by $"), Some("rose"));
        assert_eq!(verb_last("it was 5by "), None);
        let mut q = Vec::new();
        qualifiers("Underlying like-for-like non-core US_ sales", |w| {
            q.push(w.to_owned());
        });
        assert_eq!(q, ["underlying", "like-for-like", "core"]);
    }

    proptest::proptest! {
        /// [`level_to`] is [`LEVEL_TO`].
        #[test]
        fn level_to_is_the_regex(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("to"), proptest::strategy::Just("TO"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\t"),
                    proptest::strategy::Just("\x0b"), proptest::strategy::Just("about"),
                    proptest::strategy::Just("more"), proptest::strategy::Just("than"),
                    proptest::strategy::Just("less"), proptest::strategy::Just("just"),
                    proptest::strategy::Just("Nearly"), proptest::strategy::Just("over"),
                    proptest::strategy::Just("$"), proptest::strategy::Just("£"),
                    proptest::strategy::Just("\""), proptest::strategy::Just("-"),
                    proptest::strategy::Just("("), proptest::strategy::Just("dropped"),
                    proptest::strategy::Just("into"), proptest::strategy::Just("5"),
                    proptest::strategy::Just("x"), proptest::strategy::Just("almo\u{17f}t"),
                    proptest::strategy::Just("\u{a0}"),
                ],
                0..10,
            )
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(level_to(&t), LEVEL_TO.is_match(&t), "{:?}", t);
        }

        /// Interned noun stems agree exactly when [`super::super::link::same_noun`]
        /// does.
        #[test]
        fn noun_stems_agree_with_same_noun(
            a in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("offence"), proptest::strategy::Just("OFFENCES"),
                    proptest::strategy::Just("box"), proptest::strategy::Just("boxes"),
                    proptest::strategy::Just("bus"), proptest::strategy::Just("buses"),
                    proptest::strategy::Just("es"), proptest::strategy::Just("s"),
                    proptest::strategy::Just("S"), proptest::strategy::Just("x"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\u{a0}"),
                    proptest::strategy::Just("É"), proptest::strategy::Just("é"),
                    proptest::strategy::Just("\u{212a}"), proptest::strategy::Just("k"),
                    proptest::strategy::Just("\u{17f}"), proptest::strategy::Just("@"),
                    proptest::strategy::Just("`"), proptest::strategy::Just("-"),
                ],
                0..5,
            ),
            b in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("offence"), proptest::strategy::Just("offences"),
                    proptest::strategy::Just("box"), proptest::strategy::Just("BOXES"),
                    proptest::strategy::Just("bus"), proptest::strategy::Just("es"),
                    proptest::strategy::Just("s"), proptest::strategy::Just("x"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("é"),
                    proptest::strategy::Just("k"), proptest::strategy::Just("\u{212a}"),
                    proptest::strategy::Just("@"), proptest::strategy::Just("`"),
                    proptest::strategy::Just("-"),
                ],
                0..5,
            ),
        ) {
            let (a, b) = (a.concat(), b.concat());
            let mut lex = Lexicon::default();
            let (x, y) = (lex.id_of(&noun_stem(&a)), lex.id_of(&noun_stem(&b)));
            proptest::prop_assert_eq!(
                super::super::link::same_noun(&a, &b),
                x == y,
                "{:?} {:?}", a, b
            );
        }

        /// [`verb_last`] and [`qualifiers`] read what [`VERB_LAST`] and
        /// [`QUALIFIER`] match.
        #[test]
        fn verb_and_qualifiers_are_the_regexes(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("rose"), proptest::strategy::Just("By"),
                    proptest::strategy::Just("by"), proptest::strategy::Just(" "),
                    proptest::strategy::Just("\t"), proptest::strategy::Just("\x0b"),
                    proptest::strategy::Just("$"), proptest::strategy::Just("£"),
                    proptest::strategy::Just("_"), proptest::strategy::Just("5"),
                    proptest::strategy::Just("-"), proptest::strategy::Just("US"),
                    proptest::strategy::Just("us"), proptest::strategy::Just("like"),
                    proptest::strategy::Just("-for-"), proptest::strategy::Just("net"),
                    proptest::strategy::Just("core"), proptest::strategy::Just("Gross"),
                    proptest::strategy::Just("x"), proptest::strategy::Just("\""),
                    proptest::strategy::Just("pre-tax"), proptest::strategy::Just("uk"),
                    proptest::strategy::Just("\u{212a}"), proptest::strategy::Just("\u{17f}"),
                ],
                0..10,
            )
        ) {
            let t = parts.concat();
            let want = VERB_LAST.captures(&t).and_then(|c| c.name("v")).map(|m| m.as_str());
            proptest::prop_assert_eq!(verb_last(&t), want, "{:?}", t);
            let want: Vec<String> =
                QUALIFIER.find_iter(&t).map(|m| m.as_str().to_lowercase()).collect();
            let mut got = Vec::new();
            qualifiers(&t, |q| got.push(q.to_owned()));
            proptest::prop_assert_eq!(got, want, "{:?}", t);
        }
    }
}
