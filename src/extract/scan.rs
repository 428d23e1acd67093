//! The single pass over the text that finds every numeric mention.
//!
//! Input: the text and its sentences. Output: unsorted claims (the caller sorts
//! them with [`super::finish`]). The pass visits only the stops that
//! [`super::stops`] finds, 64 bytes at a time: a digit starts a number in digits
//! ([`super::number`]), a word that may be a number word is looked up in the
//! number-word table ([`super::words`]); everything else is skipped. Each
//! candidate is then classified from the few words around it (unit, currency,
//! month, time unit, hedge), so the cost is linear in the text with a small
//! constant: no regex runs per word and nothing is allocated except for the
//! claims themselves.

use std::cell::Cell;

use memchr::memmem;

use super::context::{
    AGE, AND, AT, FROM, HEDGE, IN, MINUS, MONTH, NO_WORD, NUMBERING, Near, OF, OR, OUT, TIME_UNIT,
    TIME_ZONE, TIMES, TO, has_noun_after_near, is_month, is_sentence_initial, is_time_unit,
    is_time_zone, near_after, near_before, noun_after, noun_after_in,
};
use super::lex::{
    Word, alnum_end, alpha_end, alpha_start, at, before, is, is_any, is_capitalised, is_space,
    lower, next_word, prev_word, skip_spaces,
};
use super::number::{self, Digits, Parsed};
use super::stops::{Stop, Stops};
use super::words::{self, PhraseKind, Token};
use super::{Claim, ClaimKind, Hedge, Quantity, hedge, money, percent, sentence_of};
use crate::segment::Sentence;
use crate::source::Span;

/// Words that name a product, channel or series with a number even at the start
/// of a sentence (`Formula 1 team owner ...`, `Channel 4 said`), where a
/// capitalised word before a number is otherwise a sentence opener (`Around 500`).
const NAME_WORDS: &[&str] = &[
    "formula",
    "windows",
    "channel",
    "radio",
    "apollo",
    "xbox",
    "playstation",
    "boeing",
    "airbus",
    "division",
    "league",
    "series",
    "version",
    "chapter",
    "article",
    "section",
];

/// A number found in the text, before it is classified.
#[derive(Clone, Copy, Debug)]
struct Num {
    /// Start of the mention (a sign or currency symbol included).
    start: usize,
    /// End of the number and its magnitude.
    end: usize,
    value: f64,
    step: f64,
    scaled: bool,
    /// Magnitude factor applied (1 when none).
    factor: f64,
    /// A whole number in plain digits (`2004`), not spelled, grouped or scaled.
    plain_int: bool,
    /// Digits before the point, 0 when spelled out.
    int_len: usize,
    spelled: bool,
}

pub(crate) struct Scan<'a> {
    /// The text, and its bytes as `b`.
    text: &'a str,
    b: &'a [u8],
    sentences: &'a [Sentence],
    out: Vec<Claim>,
    /// The most recent money claim: (start, currency, magnitude factor).
    last_money: Option<(usize, Option<&'static str>, f64)>,
    /// Recent money claims, newest last, for a bare `1,070 trillion` that
    /// continues an earlier `1,546 trillion rials`.
    money_log: Vec<(usize, Option<&'static str>, f64)>,
    /// Extra hedge phrases from the settings; usually empty.
    hedges: &'a [(String, Hedge)],
    /// What a bare `$` means: USD unless the settings say otherwise.
    dollar: &'static str,
    /// The sentence of the last claim pushed: where [`Scan::sentence_at`] looks first.
    sentence_hint: usize,
    /// The last answers of [`Scan::before_near`] and [`Scan::after_near`], with
    /// the position asked.
    before_memo: Cell<(usize, Near)>,
    after_memo: Cell<(usize, Near)>,
}

/// Runs the pass, with the settings' extra hedges and the code of a bare `$`.
pub(crate) fn scan(
    text: &str,
    sentences: &[Sentence],
    hedges: &[(String, Hedge)],
    dollar: &'static str,
) -> Vec<Claim> {
    let b = text.as_bytes();
    let mut st = Scan {
        text,
        b,
        sentences,
        // News copy has a claim every 250 bytes or so: room for twice that,
        // so that the list is not copied as it grows.
        out: Vec::with_capacity((text.len() / 128).min(1 << 16)),
        last_money: None,
        money_log: Vec::new(),
        hedges,
        dollar,
        sentence_hint: 0,
        before_memo: Cell::new((usize::MAX, NO_WORD)),
        after_memo: Cell::new((usize::MAX, NO_WORD)),
    };
    // Only the stops need work: digits, and word starts that may begin a number
    // word (see `stops`). A recogniser returns where scanning resumes, always
    // past the stop.
    let mut stops = Stops::new(b);
    let mut pos = 0;
    while let Some(stop) = stops.next_from(pos) {
        pos = match stop {
            Stop::Digit(i) => st.digits(i, 0).max(i + 1),
            Stop::Word(w) => st.word(w, pos).max(w.1),
        };
    }
    st.out
}

impl Scan<'_> {
    /// [`prev_word`] in the text.
    #[inline]
    fn prev_word(&self, i: usize) -> Option<Word> {
        prev_word(self.b, i)
    }

    /// The word before `i` and the lists it is on ([`near_before`]),
    /// remembered for the last `i` asked: a number's start is asked about by
    /// several recognisers and by its hedge.
    #[inline]
    fn before_near(&self, i: usize) -> Near {
        let (at, near) = self.before_memo.get();
        if at == i {
            return near;
        }
        let near = near_before(self.b, i);
        self.before_memo.set((i, near));
        near
    }

    /// The word after `i` and the lists it is on ([`near_after`]), remembered
    /// for the last `i` asked (a number's end).
    #[inline]
    fn after_near(&self, i: usize) -> Near {
        let (at, near) = self.after_memo.get();
        if at == i {
            return near;
        }
        let near = near_after(self.b, i);
        self.after_memo.set((i, near));
        near
    }

    /// [`next_word`] in the text.
    #[inline]
    fn next_word(&self, i: usize) -> Option<Word> {
        next_word(self.b, i)
    }

    fn push(&mut self, kind: ClaimKind, span: (usize, usize), q: Quantity) -> usize {
        let span = Span::new(span.0, span.1);
        let hedge = match kind {
            ClaimKind::Count
            | ClaimKind::Percent
            | ClaimKind::Points
            | ClaimKind::Money
            | ClaimKind::Fraction
            | ClaimKind::Multiplier
            | ClaimKind::Duration => self.hedge_before(span.start),
            _ => None,
        };
        let sentence = self.sentence_at(span.start);
        self.out.push(Claim {
            id: 0,
            kind,
            span,
            sentence,
            quantity: q,
            hedge,
            currency: None,
            noun: None,
        });
        self.out.len() - 1
    }

    /// [`sentence_of`] for a new claim. Claims come in text order, so the
    /// answer is at or after the previous claim's sentence, usually the same
    /// one or the next few: it is found by walking forward from there a few
    /// sentences, then by galloping (steps of 1, 2, 4... then a binary search
    /// within the last step), which touches a few neighbouring sentences where
    /// a search over all of them would miss the cache at every probe. A claim
    /// that starts before the previous one's sentence (rare: a range pushes its
    /// second number first) falls back to the full search.
    fn sentence_at(&mut self, offset: usize) -> usize {
        /// Sentences walked one at a time before galloping: a claim is rarely
        /// more than a few sentences after the previous one, and each step of
        /// the walk is a compare where the gallop and its search cost dozens.
        const WALK: usize = 4;
        let sentences = self.sentences;
        let starts_by = |i: usize| sentences.get(i).is_some_and(|s| s.span.start <= offset);
        let mut lo = self.sentence_hint;
        if starts_by(lo) {
            let mut walked = 0;
            while walked < WALK && starts_by(lo + 1) {
                lo += 1;
                walked += 1;
            }
            if walked < WALK {
                self.sentence_hint = lo;
                return lo;
            }
        }
        let i = if starts_by(lo) {
            // Invariant: sentence `lo` starts by `offset`; the answer is below `hi`
            // once `hi` does not.
            let mut step = 1;
            let mut hi = lo + 1;
            while starts_by(hi) {
                lo = hi;
                hi = lo + step;
                step *= 2;
            }
            let within = sentences.get(lo..hi.min(sentences.len())).unwrap_or(&[]);
            lo + within
                .partition_point(|s| s.span.start <= offset)
                .saturating_sub(1)
        } else {
            sentence_of(sentences, offset)
        };
        self.sentence_hint = i;
        i
    }

    /// The hedge just before `start`: an extra phrase from the settings first
    /// (so a newsroom's `well over` beats the built-in `over`), then the built-ins.
    fn hedge_before(&self, start: usize) -> Option<Hedge> {
        if !self.hedges.is_empty()
            && let Some(h) = hedge::extra(self.b, start, self.hedges)
        {
            return Some(h);
        }
        let near = self.before_near(start);
        // Most words before a number end no hedge: one bit tells.
        if !near.is(HEDGE) {
            return None;
        }
        hedge::before_word(self.b, near.word)
    }

    fn push_num(&mut self, kind: ClaimKind, span: (usize, usize), n: &Num) -> usize {
        self.push(
            kind,
            span,
            Quantity {
                value: n.value,
                step: n.step,
                scaled: n.scaled,
            },
        )
    }

    fn push_money(
        &mut self,
        span: (usize, usize),
        n: &Num,
        code: Option<&'static str>,
        factor: f64,
    ) {
        let i = self.push(
            ClaimKind::Money,
            span,
            Quantity {
                value: n.value * factor,
                step: n.step * factor,
                scaled: n.scaled,
            },
        );
        if let Some(c) = self.out.get_mut(i) {
            c.currency = code;
        }
        self.last_money = Some((span.0, code, n.factor));
        if self.money_log.len() >= 8 {
            self.money_log.remove(0);
        }
        self.money_log.push((span.0, code, n.factor));
    }

    /// A number in digits at `start`; returns where scanning resumes. `depth` is 1
    /// for the second number of a range, which must not start another range.
    fn digits(&mut self, start: usize, depth: u8) -> usize {
        let b = self.b;
        let prev = before(b, start);
        // Attached to a letter or inside a code, path or address: `CO19`, `M25`,
        // `/1/hi/`, `v.2`, `+44`.
        if prev.is_ascii_alphabetic()
            || matches!(
                prev,
                b'_' | b'/' | b'\\' | b'#' | b'@' | b'=' | b'&' | b'+' | b'^'
            )
            || (prev == b'.' && before(b, start - 1).is_ascii_alphanumeric())
            || (prev >= 0x80 && letter_before(b, start))
        {
            return alnum_end(b, start);
        }
        let mut d = match number::parse(b, start) {
            Parsed::Num(d) => d,
            Parsed::Skip(e) => return e,
        };
        // `.08`: a decimal without its leading zero
        let mut start = start;
        if prev == b'.' && d.plain_int() && !before(b, start - 1).is_ascii_alphanumeric() {
            let scale = number::pow10(-(d.int_len.min(30) as i32));
            d.value *= scale;
            d.step = scale;
            d.decimals = d.int_len;
            d.int_len = 0;
            d.lead_zero = false;
            start -= 1;
        }
        // A leading zero: a clock time before a zone, else a code or phone number.
        if d.lead_zero && d.decimals == 0 {
            if let Some(w) = self.next_word(d.end)
                && is_time_zone(b, w)
            {
                self.push(ClaimKind::Time, (start, d.end), Quantity::exact(d.value));
            }
            return skip_digit_groups(b, d.end);
        }
        let neg = prev == b'-' && matches!(before(b, start - 1), 0 | b' ' | b'\n' | b'(' | b'\t');
        let mut n = Num {
            start: if neg { start - 1 } else { start },
            end: d.end,
            value: if neg { -d.value } else { d.value },
            step: d.step,
            scaled: false,
            factor: 1.0,
            plain_int: d.plain_int(),
            int_len: d.int_len,
            spelled: false,
        };
        let after = at(b, d.end);
        if after == b'/' && at(b, d.end + 1).is_ascii_digit() {
            return self.slash(&d, start);
        }
        if after == b':' && at(b, d.end + 1).is_ascii_digit() {
            return self.colon(&d, start);
        }
        if after.is_ascii_alphabetic() {
            let le = alpha_end(b, d.end);
            if at(b, le).is_ascii_digit() {
                return alnum_end(b, le);
            }
            // The suffix lower-cased as a number (0 past two letters): each
            // question below is then one compare, where comparing the
            // letters with each word in turn cost a loop apiece.
            let suffix = short_key(b, (d.end, le));
            if matches!(suffix, ST | ND | RD | TH) && d.plain_int() {
                if let Some(w) = self.next_word(le)
                    && is_month(b, w)
                {
                    self.push(ClaimKind::Date, (start, w.1), Quantity::exact(d.value));
                    return w.1;
                }
                self.push(ClaimKind::Ordinal, (start, le), Quantity::exact(d.value));
                return le;
            }
            if matches!(suffix, AM | PM) && d.value < 25.0 {
                self.push(ClaimKind::Time, (start, le), Quantity::exact(d.value));
                return le;
            }
            if suffix == S {
                if d.plain_int() && d.int_len == 4 && d.value % 10.0 == 0.0 {
                    self.push(ClaimKind::Decade, (start, le), Quantity::exact(d.value));
                }
                return le;
            }
            let known = suffix == PC || suffix == P || number::magnitude(b, d.end).is_some();
            // `£20k` is money; a bare `5k` is a race or a file size.
            let bare_k = suffix == K && money::prefix(b, n.start).is_none();
            if !known || bare_k {
                // A unit or code: `5kg`, `100mph`, `3G`, `4x4`.
                return alnum_end(b, le);
            }
        }
        if let Some(m) = number::magnitude(b, n.end) {
            // `the 100m final` is a race, not a hundred million; `the 10,000m`
            // too (news writes ten billion as `10bn`).
            let metres = m.factor == 1e6
                && m.end == n.end + 1
                && money::prefix(b, n.start).is_none()
                && money::suffix(b, m.end, true).is_none()
                && money::word_before(b, n.start).is_none()
                && (n.value >= 1000.0
                    || (n.plain_int
                        && n.value % 100.0 == 0.0
                        && n.value <= 10_000.0
                        && self.prev_word(n.start).is_some_and(|w| {
                            is_any(
                                b,
                                w,
                                &[
                                    "the", "and", "over", "in", "at", "a", "his", "her", "s",
                                    "final", "indoor", "outdoor", "world", "olympic", "european",
                                ],
                            )
                        })
                        && noun_after(b, m.end).is_none_or(|w| !w.ends_with('s'))));
            if metres
                || m.factor == 1e6
                    && m.end == n.end + 1
                    && self.next_word(m.end).is_some_and(|w| {
                        is_any(
                            b,
                            w,
                            &[
                                "hurdles",
                                "sprint",
                                "race",
                                "final",
                                "freestyle",
                                "relay",
                                "butterfly",
                                "backstroke",
                                "breaststroke",
                                "medley",
                                "metres",
                                "record",
                                "title",
                                "champion",
                                "champions",
                                "championship",
                                "runner",
                                "runners",
                                "specialist",
                                "gold",
                                "silver",
                                "bronze",
                                "heat",
                                "heats",
                                "semi",
                                "world",
                                "indoor",
                                "outdoor",
                            ],
                        )
                    })
            {
                return m.end;
            }
            n.value = scale(n.value, n.step, m.factor);
            n.step = scaled_step(d.decimals, n.step, m.factor);
            n.factor = m.factor;
            n.scaled = m.factor >= 1e3;
            n.plain_int = false;
            n.end = m.end;
        }
        let currency = money::prefix(b, n.start).map(|p| money::with_dollar(b, p, self.dollar));
        // Ranges: `10-15%`, `2004-05`, `6-2`, `16-18 December`, `£5-6m`.
        if depth == 0
            && at(b, n.end) == b'-'
            && at(b, n.end + 1).is_ascii_digit()
            && let Some(r) = self.range(&n, currency)
        {
            return r;
        }
        self.classify(n, currency)
    }

    /// `1998/99` (years), else a slashed code or date (`24/7`, `9/11`) skipped.
    fn slash(&mut self, d: &Digits, start: usize) -> usize {
        let b = self.b;
        if let Parsed::Num(d2) = number::parse(b, d.end + 1)
            && d.plain_int()
            && d2.plain_int()
            && !at(b, d2.end).is_ascii_alphanumeric()
            && at(b, d2.end) != b'/'
            && let Some(y2) = second_year(d, &d2)
        {
            self.push(ClaimKind::Year, (start, d.end), Quantity::exact(d.value));
            self.push(ClaimKind::Year, (d.end + 1, d2.end), Quantity::exact(y2));
            return d2.end;
        }
        let mut i = d.end;
        while at(b, i) == b'/' && at(b, i + 1).is_ascii_digit() {
            i = alnum_end(b, i + 1);
        }
        i
    }

    /// `10:30` (a clock time), else a ratio or score skipped.
    fn colon(&mut self, d: &Digits, start: usize) -> usize {
        let b = self.b;
        let m = d.end + 1;
        let two = at(b, m).is_ascii_digit() && at(b, m + 1).is_ascii_digit();
        if two && !at(b, m + 2).is_ascii_digit() && d.plain_int() && d.value < 25.0 {
            let mut end = m + 2;
            let w = (end, alpha_end(b, end));
            if is_any(b, w, &["am", "pm"]) {
                end = w.1;
            }
            self.push(ClaimKind::Time, (start, end), Quantity::exact(d.value));
            return end;
        }
        alnum_end(b, m)
    }

    /// The second number of `A-B` decides what both are. Returns `None` when
    /// the pair is not a range (the first number is then classified alone).
    fn range(&mut self, n: &Num, currency: Option<money::Prefix>) -> Option<usize> {
        let b = self.b;
        let s2 = n.end + 1;
        let Parsed::Num(d2) = number::parse(b, s2) else {
            return None;
        };
        // Years: `2004-05`, `2005-6`, `1998-1999`.
        if n.plain_int && currency.is_none() && n.int_len == 4 && n.value >= 1200.0 {
            let d1 = Digits {
                end: n.end,
                value: n.value,
                step: 1.0,
                int_len: 4,
                grouped: false,
                decimals: 0,
                lead_zero: false,
            };
            if d2.plain_int()
                && !at(b, d2.end).is_ascii_alphanumeric()
                && percent::percent_after(b, d2.end).is_none()
                && let Some(y2) = second_year(&d1, &d2)
            {
                self.push(ClaimKind::Year, (n.start, n.end), Quantity::exact(n.value));
                self.push(ClaimKind::Year, (s2, d2.end), Quantity::exact(y2));
                return Some(d2.end);
            }
        }
        let before_len = self.out.len();
        let money_before = self.last_money;
        let resume = self.digits(s2, 1);
        let second = match self.out.get(before_len) {
            Some(c) if self.out.len() == before_len + 1 && c.span.start == s2 => c.clone(),
            _ => {
                let produced = self.out.len() - before_len;
                self.out.truncate(before_len);
                self.last_money = money_before;
                // `1-2mbps`: the unit that made the second no claim covers the
                // first too.
                if produced == 0 && at(b, d2.end).is_ascii_alphabetic() {
                    return Some(resume);
                }
                // The second part is not a plain number: the first is classified
                // alone and scanning re-reads the second.
                return None;
            }
        };
        let mut first = *n;
        let kind = match second.kind {
            ClaimKind::Percent
            | ClaimKind::Duration
            | ClaimKind::Date
            | ClaimKind::Age
            | ClaimKind::Points => second.kind,
            ClaimKind::Money => {
                if !first.scaled && second.quantity.scaled {
                    let f = second.quantity.step / d2.step.max(f64::MIN_POSITIVE);
                    first.value *= f;
                    first.step *= f;
                    first.scaled = true;
                }
                let code = second.currency.or(currency.map(|p| p.code));
                let start = currency.map_or(first.start, |p| p.start);
                self.push_money((start, first.end), &first, code, 1.0);
                return Some(resume);
            }
            ClaimKind::Count if currency.is_some() => {
                // `£5-6m`: both are money in the first one's currency.
                let code = currency.map(|p| p.code);
                if let Some(c) = self.out.get_mut(before_len) {
                    c.kind = ClaimKind::Money;
                    c.currency = code;
                    c.noun = None;
                }
                if !first.scaled && second.quantity.scaled {
                    let f = second.quantity.step / d2.step.max(f64::MIN_POSITIVE);
                    first.value *= f;
                    first.step *= f;
                    first.scaled = true;
                }
                let start = currency.map_or(first.start, |p| p.start);
                self.push_money((start, first.end), &first, code, 1.0);
                return Some(resume);
            }
            ClaimKind::Count
                if n.plain_int
                    && n.int_len <= 2
                    && d2.plain_int()
                    && d2.int_len <= 2
                    && !second.quantity.scaled
                    && score_follows(b, second.noun.as_deref(), d2.end) =>
            {
                // `lost 2-1 in the first leg`, `6-2 6-2`
                if let Some(c) = self.out.get_mut(before_len) {
                    c.kind = ClaimKind::Score;
                    c.hedge = None;
                }
                ClaimKind::Score
            }
            ClaimKind::Count => {
                let noun = second.noun.clone();
                let i = self.push_num(ClaimKind::Count, (first.start, first.end), &first);
                if let Some(c) = self.out.get_mut(i) {
                    c.noun = noun;
                }
                return Some(resume);
            }
            _ => {
                self.out.truncate(before_len);
                self.last_money = money_before;
                return None;
            }
        };
        self.push_num(kind, (first.start, first.end), &first);
        Some(resume)
    }

    /// Decides what a number is from the words after and before it, pushes the
    /// claim and returns where scanning resumes.
    fn classify(&mut self, mut n: Num, currency: Option<money::Prefix>) -> usize {
        let b = self.b;
        let end = n.end;
        // `minus five percent`, `negative one`
        // (`minus` and `negative` end in `s` and `e`, one space before the number.)
        if n.value > 0.0
            && currency.is_none()
            && is_space(before(b, n.start))
            && matches!(before(b, n.start - 1) | 0x20, b's' | b'e')
            && let near = self.before_near(n.start)
            && let Some(w) = near.word
            && w.1 + 1 == n.start
            && near.is(MINUS)
        {
            n.value = -n.value;
            n.start = w.0;
        }
        if let Some(e) = percent::percent_after(b, end) {
            self.push_num(ClaimKind::Percent, (n.start, e), &n);
            return e;
        }
        if let Some(p) = percent::points_after(b, end)
            && (p.explicit || (self.percent_context(n.start) && !self.index_context(n.start)))
        {
            let q = Num {
                value: n.value * p.factor,
                step: n.step * p.factor,
                ..n
            };
            self.push_num(ClaimKind::Points, (n.start, p.end), &q);
            return p.end;
        }
        if let Some(p) = currency {
            // `£2.50`, `$1.2 million`; a trailing `dollars` after `$` is redundant.
            let end = money::suffix_near(b, end, true, self.after_near(end))
                .map_or(end, |s| if s.factor == 1.0 { s.end } else { end });
            self.push_money((p.start, end), &n, Some(p.code), 1.0);
            return end;
        }
        // `a record Australian dollar 29.4bn`
        if n.scaled
            && let Some(code) = money::word_before(b, n.start)
        {
            self.push_money((n.start, end), &n, Some(code), 1.0);
            return end;
        }
        if let Some(s) = money::suffix_near(b, end, n.scaled, self.after_near(end)) {
            self.push_money((n.start, s.end), &n, Some(s.code), s.factor);
            return s.end;
        }
        if n.scaled && !n.spelled {
            // `making a total of 204.3m (£109m)`: a converted amount is money;
            // `from the previous year's 1,070 trillion` after `1,546 trillion
            // rials`: the same magnitude continues the same currency.
            let paren = at(b, end) == b' '
                && at(b, end + 1) == b'('
                && money::prefix(b, end + 2).is_none()
                && (at(b, end + 2) == b'$' || money::is_symbol_at(b, end + 2));
            let bare = !has_noun_after_near(b, end, self.after_near(end));
            let here = sentence_of(self.sentences, n.start);
            let earlier = self.money_log.iter().rev().find(|(m, _, factor)| {
                *m < n.start
                    && here - sentence_of(self.sentences, *m).min(here) <= 1
                    && (paren || *factor == n.factor)
            });
            if let Some(&(_, code, _)) = earlier
                && bare
            {
                self.push_money((n.start, end), &n, code, 1.0);
                return end;
            }
            if paren {
                self.push_money((n.start, end), &n, None, 1.0);
                return end;
            }
        }
        if !n.spelled
            && n.plain_int
            && n.value >= 0.0
            && let Some(r) = self.calendar(&n)
        {
            return r;
        }
        // (`compound` wants a hyphen after the number and `follow_words` a space:
        // tested here, the usual number makes one call fewer.)
        if at(b, end) == b'-'
            && let Some(r) = self.compound(&n)
        {
            return r;
        }
        if is_space(at(b, end))
            && let Some(r) = self.follow_words(&n)
        {
            return r;
        }
        if self.not_a_count(&n) {
            return end;
        }
        let i = self.push_num(ClaimKind::Count, (n.start, end), &n);
        let noun = noun_after_in(self.text, end, self.after_near(end));
        if let Some(c) = self.out.get_mut(i) {
            c.noun = noun;
        }
        end
    }

    /// Years, dates and clock times among plain whole numbers.
    fn calendar(&mut self, n: &Num) -> Option<usize> {
        let b = self.b;
        let end = n.end;
        let near = self.after_near(end);
        let next = near.word.filter(|w| w.0 == end + 1);
        // The lists of `next` (`near`'s word, when adjacent).
        let next_is = |lists| next.is_some() && near.is(lists);
        let capital = |w: Word| at(b, w.0).is_ascii_uppercase();
        if n.int_len == 4 {
            // `0227 GMT`, `between 2000 and 2100 GMT`
            let mut timed = next_is(TIME_ZONE) && next.is_some_and(capital);
            if !timed
                && let Some(w) = next
                && next_is(AND | TO)
            {
                let s = skip_spaces(b, w.1);
                if let Parsed::Num(d2) = number::parse(b, s)
                    && d2.int_len == 4
                    && d2.plain_int()
                {
                    timed = self.next_word(d2.end).is_some_and(|w| is_time_zone(b, w));
                }
            }
            if timed {
                self.push_num(ClaimKind::Time, (n.start, end), n);
                return Some(end);
            }
            if (1200.0..2100.0).contains(&n.value) {
                self.push(ClaimKind::Year, (n.start, end), Quantity::exact(n.value));
                return Some(end);
            }
            return None;
        }
        if n.int_len > 2 || n.value < 1.0 || n.value > 31.0 {
            return None;
        }
        // `22 July`
        if let Some(w) = next
            && next_is(MONTH)
            && capital(w)
        {
            self.push(ClaimKind::Date, (n.start, w.1), Quantity::exact(n.value));
            return Some(w.1);
        }
        // `July 22`
        let prev = self.before_near(n.start);
        if let Some(w) = prev.word
            && w.1 + 1 == n.start
            && prev.is(MONTH)
            && capital(w)
        {
            self.push(ClaimKind::Date, (w.0, end), Quantity::exact(n.value));
            return Some(end);
        }
        // `between 24 and 26 December`
        if let Some(w) = next
            && next_is(AND | TO | OR)
        {
            let s = skip_spaces(b, w.1);
            if let Parsed::Num(d2) = number::parse(b, s)
                && d2.int_len <= 2
                && self
                    .next_word(d2.end)
                    .is_some_and(|m| m.0 == d2.end + 1 && is_month(b, m))
            {
                self.push(ClaimKind::Date, (n.start, end), Quantity::exact(n.value));
                return Some(end);
            }
        }
        None
    }

    /// Hyphenated compounds: `55-year-old`, `three-year`, `10-fold`, `25-state`.
    fn compound(&mut self, n: &Num) -> Option<usize> {
        let b = self.b;
        if at(b, n.end) != b'-' {
            return None;
        }
        let w = (n.end + 1, alpha_end(b, n.end + 1));
        if w.1 == w.0 {
            return None;
        }
        // `a 5bn-euro deal`, `a 10-pound note`
        if let Some(code) = money::hyphen_currency(b, w) {
            self.push_money((n.start, w.1), n, Some(code), 1.0);
            return Some(w.1);
        }
        if is_time_unit(b, w) {
            // `21-year-old`, `year-olds`
            if at(b, w.1) == b'-' {
                let old = (w.1 + 1, alpha_end(b, w.1 + 1));
                if is(b, old, "old") || is(b, old, "olds") {
                    self.push_num(ClaimKind::Age, (n.start, old.1), n);
                    return Some(old.1);
                }
            }
            self.push_num(ClaimKind::Duration, (n.start, w.1), n);
            return Some(w.1);
        }
        if is(b, w, "fold") {
            self.push_num(ClaimKind::Multiplier, (n.start, w.1), n);
            return Some(w.1);
        }
        // `102-inch`, `5-mile`: a measurement, not a count
        if is_any(
            b,
            w,
            &[
                "odd",
                "something",
                "plus",
                "inch",
                "foot",
                "feet",
                "metre",
                "meter",
                "mile",
                "yard",
                "km",
                "kilometre",
                "tonne",
                "ton",
                "litre",
                "gallon",
                "acre",
                "hectare",
                "megapixel",
                "degree",
                "storey",
                "point",
            ],
        ) {
            return Some(w.1);
        }
        None
    }

    /// Words after the number: `six months`, `55 years old`, `three times as`,
    /// `one in five`, `two to one`, `seven out of 10`.
    fn follow_words(&mut self, num: &Num) -> Option<usize> {
        let b = self.b;
        let end = num.end;
        if !is_space(at(b, end)) {
            return None;
        }
        let near = self.after_near(end);
        let w = near.word?;
        if w.0 > end + 2 {
            return None;
        }
        if near.is(TIME_UNIT) {
            if let Some(o) = self.next_word(w.1)
                && is(b, o, "old")
            {
                self.push_num(ClaimKind::Age, (num.start, o.1), num);
                return Some(o.1);
            }
            self.push_num(ClaimKind::Duration, (num.start, w.1), num);
            return Some(w.1);
        }
        if near.is(TIMES) {
            let comparative = self.next_word(w.1).is_some_and(|c| {
                is_any(
                    b,
                    c,
                    &[
                        "as", "more", "higher", "larger", "bigger", "greater", "faster", "smaller",
                        "lower", "less", "fewer", "longer", "the", "that", "than", "what", "its",
                        "their", "his", "her", "our",
                    ],
                )
                // `four times as many`, not `won it four times as a player`
                && !(is(b, c, "as")
                    && self.next_word(c.1).is_some_and(|x| {
                        is_any(b, x, &["a", "an", "the", "part", "well", "he", "she", "it", "they", "we", "i", "you"])
                    }))
            });
            if comparative {
                self.push_num(ClaimKind::Multiplier, (num.start, w.1), num);
                return Some(w.1);
            }
            return None;
        }
        // `two to one` (but not `from two to one`)
        if near.is(TO) && num.value > 1.0 && !self.before_near(num.start).is(FROM) {
            let o = self.next_word(w.1)?;
            if (is(b, o, "one") && !at(b, o.1).is_ascii_alphanumeric() && at(b, o.1) != b'-')
                || (at(b, skip_spaces(b, w.1)) == b'1'
                    && !at(b, skip_spaces(b, w.1) + 1).is_ascii_alphanumeric())
            {
                self.push_num(
                    ClaimKind::Multiplier,
                    (num.start, o.1.max(skip_spaces(b, w.1) + 1)),
                    num,
                );
                return Some(o.1.max(skip_spaces(b, w.1) + 1));
            }
            return None;
        }
        // `one in five`, `1 in 4`
        if near.is(IN) && num.value >= 1.0 && num.value < 100.0 && num.step >= 1.0 {
            let (m, m_end) = self.denominator_at(skip_spaces(b, w.1))?;
            if m > num.value && m <= 1000.0 {
                let q = Quantity {
                    value: num.value / m,
                    step: 1.0 / m,
                    scaled: false,
                };
                self.push(ClaimKind::Fraction, (num.start, m_end), q);
                return Some(m_end);
            }
            return None;
        }
        // `seven out of 10`: both are counts (LABELS.md labels them so); the
        // proportion is recorded as a fraction over the whole phrase.
        if near.is(OUT) {
            let of = self.next_word(w.1).filter(|o| is(b, *o, "of"))?;
            let (m, m_end) = self.denominator_at(skip_spaces(b, of.1))?;
            if m >= num.value && m > 0.0 {
                let q = Quantity {
                    value: num.value / m,
                    step: 1.0 / m,
                    scaled: false,
                };
                self.push(ClaimKind::Fraction, (num.start, m_end), q);
            }
            return None;
        }
        None
    }

    /// A whole number in digits or words at `i` (the N of `one in N`): value, end.
    fn denominator_at(&self, i: usize) -> Option<(f64, usize)> {
        let b = self.b;
        if at(b, i).is_ascii_digit() {
            let Parsed::Num(d) = number::parse(b, i) else {
                return None;
            };
            return (d.decimals == 0 && !at(b, d.end).is_ascii_alphanumeric())
                .then_some((d.value, d.end));
        }
        let w = (i, alpha_end(b, i));
        let p = words::parse(b, w)?;
        (p.kind == PhraseKind::Number && !p.starts_with_a).then_some((p.value, p.end))
    }

    /// Numbers that are neither counts nor anything worth reporting: names
    /// (`Formula 1`, `Windows 95`, `BBC One`), ranks (`number five`), ages after a
    /// name (`Lee, 82,`) are reported as ages and return true too.
    fn not_a_count(&mut self, n: &Num) -> bool {
        let b = self.b;
        let near = self.before_near(n.start);
        let prev = near.word;
        let adjacent = prev.filter(|w| w.1 + 1 == n.start);
        // `number five`, `No 10`, `version 1.0`; `users number 100m` is a count.
        if near.is(NUMBERING) && !n.scaled && n.value <= 1000.0 {
            if near.is(AGE) && n.plain_int {
                self.push_num(ClaimKind::Age, (n.start, n.end), n);
            }
            return true;
        }
        // `when he was just 14,`: a person's age
        // (The counted noun is looked for last: it is the dearest test.)
        if n.plain_int
            && (1.0..=120.0).contains(&n.value)
            && !at(b, n.end).is_ascii_alphanumeric()
            && let Some(mut v) = prev
        {
            if is_any(b, v, &["just", "only", "still", "barely", "aged"]) {
                v = self.prev_word(v.0).unwrap_or(v);
            }
            if is_any(b, v, &["was", "is", "were", "are", "turned", "turns"])
                && self
                    .prev_word(v.0)
                    .is_some_and(|p| is_any(b, p, &["he", "she", "i", "they", "we", "you"]))
                && !has_noun_after_near(b, n.end, self.after_near(n.end))
            {
                self.push_num(ClaimKind::Age, (n.start, n.end), n);
                return true;
            }
        }
        // `has died in Germany at 50.`
        if n.plain_int
            && (10.0..=120.0).contains(&n.value)
            && matches!(at(b, n.end), b',' | b'.' | b';')
            && adjacent.is_some()
            && near.is(AT)
            && {
                let window = b.get(n.start.saturating_sub(80)..n.start).unwrap_or(&[]);
                memmem::find(window, b"died").is_some() || memmem::find(window, b"dies").is_some()
            }
        {
            self.push_num(ClaimKind::Age, (n.start, n.end), n);
            return true;
        }
        // `At 34, Holmes will`
        if n.plain_int
            && (10.0..=120.0).contains(&n.value)
            && at(b, n.end) == b','
            && adjacent.is_some()
            && near.is(AT)
            && self
                .next_word(n.end + 1)
                .is_some_and(|w| is_capitalised(b, w))
        {
            self.push_num(ClaimKind::Age, (n.start, n.end), n);
            return true;
        }
        // `at the age of 80`
        if let Some(w) = prev
            && near.is(OF)
            && n.plain_int
            && self.prev_word(w.0).is_some_and(|a| is(b, a, "age"))
        {
            self.push_num(ClaimKind::Age, (n.start, n.end), n);
            return true;
        }
        // `Fathers 4 Justice`, `Formula 1 Grand Prix`: a number between two
        // capitalised words is part of a name, even at the start of a sentence.
        if !n.spelled
            && n.plain_int
            && n.int_len <= 2
            && adjacent.is_some_and(|w| is_capitalised(b, w))
            && self
                .after_near(n.end)
                .word
                .is_some_and(|w| w.0 == n.end + 1 && is_capitalised(b, w))
        {
            return true;
        }
        // `a year or two`: the duration's second figure
        if let Some(w) = prev
            && near.is(OR)
            && self.prev_word(w.0).is_some_and(|u| is_time_unit(b, u))
        {
            self.push_num(ClaimKind::Duration, (n.start, n.end), n);
            return true;
        }
        if n.spelled {
            return false;
        }
        // A capitalised word inside the sentence followed by a small plain number
        // or a version: a name (`Formula 1`, `FTSE 100`, `Firefox 1.0`).
        if let Some(w) = adjacent
            && is_capitalised(b, w)
            && (!is_sentence_initial(b, w.0) || is_any(b, w, NAME_WORDS))
            && !n.scaled
            && n.int_len <= 4
            && (n.plain_int || n.step < 1.0)
            && !is_any(b, w, &["i"])
        {
            return true;
        }
        // A numbered list item (`  13 Tommy Robredo (Spain)  14 ...`) or an
        // address (`10 Downing Street`): a rank or a name, not a count.
        if !n.spelled
            && n.plain_int
            && n.int_len <= 3
            && let Some(w) = self
                .after_near(n.end)
                .word
                .filter(|w| w.0 == n.end + 1 && is_capitalised(b, *w))
        {
            let line_start = matches!(before(b, n.start), 0 | b'\n')
                || (before(b, n.start) == b' ' && before(b, n.start - 1) == b' ');
            let street = self.next_word(w.1).is_some_and(|s| {
                is_any(
                    b,
                    s,
                    &[
                        "street", "road", "avenue", "square", "lane", "place", "drive", "terrace",
                    ],
                ) && is_capitalised(b, s)
            });
            if line_start || street {
                return true;
            }
        }
        // `Lee, 82, who created`
        if n.plain_int
            && (1.0..=120.0).contains(&n.value)
            && before(b, n.start) == b' '
            && before(b, n.start - 1) == b','
            && matches!(at(b, n.end), b',' | b')')
            && self
                .prev_word(n.start - 2)
                .is_some_and(|w| w.1 + 2 == n.start && is_capitalised(b, w))
        {
            self.push_num(ClaimKind::Age, (n.start, n.end), n);
            return true;
        }
        false
    }

    /// Whether a stock index is named just before `pos` (`the Dow closed down
    /// 0.89 points`): index points, not percentage points.
    fn index_context(&self, pos: usize) -> bool {
        let hay = self.b.get(pos.saturating_sub(200)..pos).unwrap_or(&[]);
        [
            "Dow",
            "FTSE",
            "Nasdaq",
            "Nikkei",
            "Dax",
            "DAX",
            "Cac",
            "CAC",
            "Hang Seng",
            "S&P",
            "index",
            "Index",
        ]
        .iter()
        .any(|w| memmem::find(hay, w.as_bytes()).is_some())
    }

    /// Whether the sentence around `pos` talks about percentages (so a bare
    /// `points` is percentage points).
    fn percent_context(&self, pos: usize) -> bool {
        let idx = sentence_of(self.sentences, pos);
        let (s, e) = self
            .sentences
            .get(idx)
            .map_or((pos.saturating_sub(300), pos), |s| {
                (s.span.start.min(pos), s.span.end.max(pos))
            });
        let s = self
            .sentences
            .get(idx.wrapping_sub(1))
            .map_or(s, |p| p.span.start.min(s));
        // Bounded, so a huge unpunctuated "sentence" cannot make this quadratic.
        let s = s.max(pos.saturating_sub(600));
        let e = e.min(pos + 300);
        let hay = self.b.get(s..e).unwrap_or(&[]);
        memchr::memchr(b'%', hay).is_some()
            || memmem::find(hay, b"per cent").is_some()
            || memmem::find(hay, b"percent").is_some()
    }

    /// A word: a number word starts a spelled number; `half`, `doubled`,
    /// `a third` are fractions and multipliers; other words are skipped.
    /// `from` is where the scan resumed, at or before the word.
    fn word(&mut self, word: Word, from: usize) -> usize {
        let b = self.b;
        if word.1 - word.0 > 11 || (before(b, word.0) >= 0x80 && letter_before(b, word.0)) {
            return word.1;
        }
        let Some(tok) = words::token_of(b, word) else {
            return word.1;
        };
        // `a hundred`, `a dozen`, `a million`, `a third`: the phrase starts at
        // the article, which is no stop (see `stops`). What the article's
        // stop did, done here: its phrase, then this word as usual unless
        // the phrase took it.
        if matches!(
            tok,
            Token::Hundred | Token::Scale(_) | Token::Dozen | Token::Denominator(_)
        ) && let Some(a) = self.article_before(word, from)
        {
            let resume = self.phrase(a).max(a.1);
            if resume > word.0 {
                return resume;
            }
        }
        match tok {
            // An article is a stop only at the end of a block (see `stops`):
            // its phrase if the next word is one of the four above; else the
            // scan goes on at the next word.
            Token::A => {
                let Some(n) = self.next_word(word.1).filter(|n| n.0 == word.1 + 1) else {
                    return word.1;
                };
                match words::token_of(b, n) {
                    Some(
                        Token::Hundred | Token::Scale(_) | Token::Dozen | Token::Denominator(_),
                    ) => self.phrase(word),
                    _ => n.0,
                }
            }
            Token::Multiplier(v) => {
                if at(b, word.1) != b'-' {
                    self.push(ClaimKind::Multiplier, word, Quantity::exact(v));
                }
                word.1
            }
            Token::Denominator(d) => {
                if d == 2.0 && is(b, word, "half") {
                    self.half(word)
                } else {
                    word.1
                }
            }
            Token::Scale(f) => {
                // `million-pound properties`
                if at(b, word.1) == b'-' {
                    let c = (word.1 + 1, alpha_end(b, word.1 + 1));
                    let code = if is(b, c, "pound") {
                        Some("GBP")
                    } else if is(b, c, "dollar") {
                        Some("USD")
                    } else if is(b, c, "euro") {
                        Some("EUR")
                    } else {
                        None
                    };
                    let lone = self
                        .prev_word(word.0)
                        .is_none_or(|p| words::token_of(b, p).is_none());
                    if let Some(code) = code
                        && lone
                        && before(b, word.0) != b'-'
                    {
                        let n = Num {
                            start: word.0,
                            end: word.1,
                            value: f,
                            step: f,
                            scaled: true,
                            factor: f,
                            plain_int: false,
                            int_len: 0,
                            spelled: true,
                        };
                        self.push_money((word.0, c.1), &n, Some(code), 1.0);
                        return c.1;
                    }
                }
                word.1
            }
            Token::Hundred | Token::Dozen => word.1,
            Token::Unit(_) | Token::Tens(_) => self.phrase(word),
        }
    }

    /// The article `a` or `an` one space or tab before `word`, where the scan
    /// would have stopped at it (at or after `from`, not after a non-ASCII
    /// letter: what [`Scan::word`] asks of a word).
    fn article_before(&self, word: Word, from: usize) -> Option<Word> {
        let b = self.b;
        if !is_space(before(b, word.0)) {
            return None;
        }
        let end = word.0 - 1;
        let a = (alpha_start(b, end), end);
        (a.0 >= from
            && a.1 > a.0
            && a.1 - a.0 <= 2
            && !(before(b, a.0) >= 0x80 && letter_before(b, a.0))
            && words::token_of(b, a) == Some(Token::A))
        .then_some(a)
    }

    /// `half`: a fraction (`half of India's car sales`), or half of what follows
    /// (`half a million`, `half an hour`).
    fn half(&mut self, w: Word) -> usize {
        let b = self.b;
        if at(b, w.1) == b'-' || before(b, w.0) == b'-' {
            return alnum_end(b, w.1);
        }
        if let Some(p) = self.prev_word(w.0)
            && (is_any(
                b,
                p,
                &[
                    "first", "second", "other", "latter", "and", "the", "this", "that", "each",
                    "one",
                ],
            ) || (p.1 + 1 == w.0 && is_capitalised(b, p) && !is_sentence_initial(b, p.0)))
        {
            // `the second half`, `the Italian half`
            return w.1;
        }
        // `before half time`
        if self
            .next_word(w.1)
            .is_some_and(|t| t.0 == w.1 + 1 && is_any(b, t, &["time", "term"]))
        {
            return w.1;
        }
        // `half a million`, `half million`
        if let Some(x) = self.next_word(w.1)
            && let Some(Token::Scale(f)) = words::token_of(b, x)
        {
            let n = Num {
                start: w.0,
                end: x.1,
                value: 0.5 * f,
                step: 0.5 * f,
                scaled: f >= 1e6,
                factor: f,
                plain_int: false,
                int_len: 0,
                spelled: true,
            };
            return self.classify(n, None);
        }
        if let Some(a) = self.next_word(w.1)
            && is_any(b, a, &["a", "an"])
            && let Some(x) = self.next_word(a.1)
        {
            if is_time_unit(b, x) {
                self.push(
                    ClaimKind::Duration,
                    (w.0, x.1),
                    Quantity {
                        value: 0.5,
                        step: 0.5,
                        scaled: false,
                    },
                );
                return x.1;
            }
            match words::token_of(b, x) {
                Some(Token::Dozen) => {
                    self.push(ClaimKind::Count, (w.0, x.1), Quantity::exact(6.0));
                    return x.1;
                }
                Some(Token::Scale(f)) => {
                    let n = Num {
                        start: w.0,
                        end: x.1,
                        value: 0.5 * f,
                        step: 0.5 * f,
                        scaled: f >= 1e6,
                        factor: f,
                        plain_int: false,
                        int_len: 0,
                        spelled: true,
                    };
                    return self.classify(n, None);
                }
                _ => {}
            }
        }
        self.push(
            ClaimKind::Fraction,
            w,
            Quantity {
                value: 0.5,
                step: 0.5,
                scaled: false,
            },
        );
        w.1
    }

    /// A spelled-out number starting at word `w`.
    fn phrase(&mut self, first: Word) -> usize {
        let b = self.b;
        let Some(p) = words::parse(b, first) else {
            return first.1;
        };
        // Capitalised inside a sentence: a name (`BBC One`, `Six Nations`).
        if is_capitalised(b, first)
            && !is_sentence_initial(b, first.0)
            && !(p.starts_with_a && p.words > 1)
        {
            return p.end;
        }
        if p.kind == PhraseKind::Fraction {
            return self.word_fraction(first, &p);
        }
        if p.words == 1 && p.value == 1.0 && !p.starts_with_a && self.pronoun_one(first) {
            return p.end;
        }
        // `no-one`, `one-off`
        if before(b, first.0) == b'-' && p.words == 1 {
            return p.end;
        }
        let n = Num {
            start: first.0,
            end: p.end,
            value: p.value,
            step: p.step,
            scaled: p.scaled,
            factor: if p.scaled { p.step } else { 1.0 },
            plain_int: false,
            int_len: 0,
            spelled: true,
        };
        if at(b, p.end) == b'-' {
            // `three-year`, `two-year-old`; else `one-off`, `three-point lead`: not
            // a count of anything checkable.
            let x = (p.end + 1, alpha_end(b, p.end + 1));
            return self.compound(&n).unwrap_or(x.1.max(p.end));
        }
        self.classify(n, None)
    }

    /// `two-thirds`, `a quarter`, `three quarters`.
    fn word_fraction(&mut self, w: Word, p: &words::Phrase) -> usize {
        let b = self.b;
        // `a quarter of a million`: a number, not a proportion
        if let Some(of) = self
            .next_word(p.end)
            .filter(|o| o.0 == p.end + 1 && is(b, *o, "of"))
            && let Some(a) = self.next_word(of.1).filter(|a| is_any(b, *a, &["a", "an"]))
            && let Some(x) = self.next_word(a.1)
            && let Some(Token::Scale(f)) = words::token_of(b, x)
        {
            let n = Num {
                start: w.0,
                end: x.1,
                value: p.value * f,
                step: p.step * f,
                scaled: f >= 1e6,
                factor: f,
                plain_int: false,
                int_len: 0,
                spelled: true,
            };
            return self.classify(n, None);
        }
        let hyphenated = memchr::memchr(b'-', b.get(w.0..p.end).unwrap_or(&[])).is_some();
        let next = self.next_word(p.end).filter(|n| n.0 == p.end + 1);
        let punct = matches!(
            at(b, p.end),
            0 | b',' | b'.' | b';' | b':' | b')' | b'(' | b' ' | b'\n'
        ) && next.is_none_or(|n| {
            is_any(
                b,
                n,
                &[
                    "of",
                    "from",
                    "in",
                    "on",
                    "to",
                    "and",
                    "or",
                    "more",
                    "less",
                    "fewer",
                    "higher",
                    "lower",
                    "up",
                    "down",
                    "since",
                    "as",
                    "than",
                    "the",
                    "its",
                    "their",
                    "his",
                    "her",
                    "were",
                    "was",
                    "is",
                    "are",
                    "have",
                    "had",
                    "said",
                    "say",
                    "says",
                    "compared",
                    "over",
                    "this",
                    "each",
                    "per",
                    "voted",
                    "believe",
                    "think",
                    "thought",
                    "supported",
                    "opposed",
                    "backed",
                    "wanted",
                    "want",
                ],
            )
        });
        let ordinal_word = p.words == 2 && (p.starts_with_a || p.value < 1.0);
        // `the preceding three quarters`: a duration
        if !hyphenated
            && self.prev_word(w.0).is_some_and(|x| {
                is_any(
                    b,
                    x,
                    &[
                        "last",
                        "past",
                        "next",
                        "preceding",
                        "previous",
                        "first",
                        "consecutive",
                        "successive",
                        "recent",
                        "following",
                        "straight",
                    ],
                )
            })
            && memmem::find(b.get(w.0..p.end).unwrap_or(&[]), b"quarter").is_some()
        {
            self.push(
                ClaimKind::Duration,
                (w.0, p.end),
                Quantity::exact(p.value * 4.0),
            );
            return p.end;
        }
        if !hyphenated && ordinal_word && !punct {
            return p.end;
        }
        self.push(
            ClaimKind::Fraction,
            (w.0, p.end),
            Quantity {
                value: p.value,
                step: p.step,
                scaled: false,
            },
        );
        p.end
    }

    /// `one` as a pronoun (`no one`, `one of the reasons`, `the one`), not a count.
    fn pronoun_one(&self, w: Word) -> bool {
        let b = self.b;
        // The word lists as `match`es on the lower-cased word: a length switch
        // and a compare or two, where testing the words one by one cost a
        // hundred instructions a list (this runs at every `one`).
        let mut buf = [0; 16];
        if let Some(p) = self.prev_word(w.0)
            && p.1 + 1 == w.0
        {
            if matches!(
                lower(b, p, &mut buf),
                b"no"
                    | b"any"
                    | b"every"
                    | b"each"
                    | b"the"
                    | b"this"
                    | b"that"
                    | b"which"
                    | b"whose"
                    | b"another"
                    | b"someone"
                    | b"anyone"
                    | b"everyone"
                    | b"either"
                    | b"neither"
            ) {
                return true;
            }
            // `the existing one`, `a positive one`, `the only one`
            if self.prev_word(p.0).is_some_and(|d| {
                matches!(
                    lower(b, d, &mut buf),
                    b"a" | b"an"
                        | b"the"
                        | b"this"
                        | b"that"
                        | b"its"
                        | b"their"
                        | b"his"
                        | b"her"
                        | b"our"
                        | b"your"
                        | b"my"
                )
            }) && words::token_of(b, p).is_none()
            {
                return true;
            }
        }
        let next = self.next_word(w.1);
        next.filter(|n| n.0 == w.1 + 1).is_some_and(|n| {
            matches!(
                lower(b, n, &mut buf),
                b"of"
                    | b"another"
                    | b"would"
                    | b"could"
                    | b"should"
                    | b"might"
                    | b"must"
                    | b"can"
                    | b"may"
                    | b"day"
                    | b"hand"
                    | b"way"
                    | b"thing"
                    | b"or"
                    | b"that"
                    | b"which"
                    | b"who"
                    | b"whose"
                    | b"where"
            )
        }) || before(b, w.0) == b'-'
            || next.is_some_and(|n| {
                matches!(
                    lower(b, n, &mut buf),
                    b"in" | b"for" | b"with" | b"on" | b"at"
                ) && self
                    .next_word(n.1)
                    .is_some_and(|x| is_any(b, x, &["which", "whom"]))
            })
    }
}

/// `value * factor` without float noise: `4.1 million` is 4,100,000, not
/// 4,099,999.9999999995. Rounds to the scaled step when that is whole.
fn scale(value: f64, step: f64, factor: f64) -> f64 {
    let v = value * factor;
    let s = step * factor;
    if s >= 1.0 && (v / s).abs() < 1e15 {
        (v / s).round() * s
    } else {
        v
    }
}

/// The step of a scaled number, exact for powers of ten: `£4.4bn` has step 1e8
/// (not 1e8 plus float noise).
fn scaled_step(decimals: usize, step: f64, factor: f64) -> f64 {
    let k = factor.log10().round();
    if 10f64.powf(k) == factor {
        number::pow10(k as i32 - decimals.min(30) as i32)
    } else {
        step * factor
    }
}

/// Whether what follows the `B` of `A-B` makes it a score: nothing counted
/// (`lost 2-1 in the first leg`), a result (`a 3-2 victory`) or a name
/// (`2-0 World Cup qualifying win`), rather than a counted range (`2-3 people`).
fn score_follows(b: &[u8], noun: Option<&str>, end: usize) -> bool {
    let Some(noun) = noun else {
        return true;
    };
    // a counted range names a plural (`2-3 people`); `led 9-8 early`, `a 6-3
    // 6-0 winner` do not
    !noun.ends_with('s')
        || next_word(b, end).is_some_and(|w| is_capitalised(b, w))
        || matches!(
            noun,
            "win"
                | "wins"
                | "victory"
                | "victories"
                | "defeat"
                | "defeats"
                | "loss"
                | "losses"
                | "draw"
                | "draws"
                | "lead"
                | "home"
                | "away"
                | "scoreline"
                | "success"
                | "triumph"
                | "thrashing"
                | "drubbing"
                | "hammering"
                | "reverse"
                | "result"
                | "aggregate"
                | "advantage"
                | "deficit"
                | "margin"
                | "replay"
                | "setback"
                | "score"
                | "vote"
                | "majority"
                | "verdict"
                | "decision"
                | "split"
        )
}

/// Whether the character before `i` is a letter (`é5` is a code, `“5` is not).
fn letter_before(b: &[u8], i: usize) -> bool {
    let mut s = i;
    while s > 0 && i - s < 4 && (b[s - 1] & 0xC0) == 0x80 {
        s -= 1;
    }
    s = s.saturating_sub(1);
    std::str::from_utf8(b.get(s..i).unwrap_or(&[]))
        .ok()
        .and_then(|t| t.chars().next_back())
        .is_some_and(char::is_alphabetic)
}

/// The year after a slash or hyphen (`1998/99` gives 1999, `2005-6` 2006,
/// `1998-2001` 2001), if it plausibly follows the first.
fn second_year(d: &Digits, d2: &Digits) -> Option<f64> {
    if !(1200.0..2100.0).contains(&d.value) || d.int_len != 4 {
        return None;
    }
    let y2 = match d2.int_len {
        4 => d2.value,
        1 | 2 => {
            let base =
                (d.value / 10f64.powi(d2.int_len as i32)).floor() * 10f64.powi(d2.int_len as i32);
            let y = base + d2.value;
            if y <= d.value {
                y + 10f64.powi(d2.int_len as i32)
            } else {
                y
            }
        }
        _ => return None,
    };
    (y2 > d.value && y2 - d.value < 100.0).then_some(y2)
}

/// Skips groups of digits separated by single spaces or hyphens (a phone number).
fn skip_digit_groups(b: &[u8], mut i: usize) -> usize {
    while matches!(at(b, i), b' ' | b'-') && at(b, i + 1).is_ascii_digit() {
        i += 1;
        while at(b, i).is_ascii_digit() {
            i += 1;
        }
    }
    i
}

/// A word of one or two ASCII letters lower-cased, the first in the low byte
/// (`s` is `0x0073`, `st` is `0x7473`); 0 for a longer or empty word. The
/// letter suffixes after digits are asked about this way.
fn short_key(b: &[u8], w: Word) -> u16 {
    match w.1.checked_sub(w.0) {
        Some(1) => u16::from(at(b, w.0) | 0x20),
        Some(2) => u16::from_le_bytes([at(b, w.0) | 0x20, at(b, w.0 + 1) | 0x20]),
        _ => 0,
    }
}

/// [`short_key`] of a literal suffix (lower case, one or two letters).
const fn key_of(s: &[u8]) -> u16 {
    if s.len() == 1 {
        s[0] as u16
    } else {
        u16::from_le_bytes([s[0], s[1]])
    }
}

const ST: u16 = key_of(b"st");
const ND: u16 = key_of(b"nd");
const RD: u16 = key_of(b"rd");
const TH: u16 = key_of(b"th");
const AM: u16 = key_of(b"am");
const PM: u16 = key_of(b"pm");
const S: u16 = key_of(b"s");
const PC: u16 = key_of(b"pc");
const P: u16 = key_of(b"p");
const K: u16 = key_of(b"k");

#[cfg(test)]
mod tests {
    use crate::extract::{Claim, ClaimKind, Hedge};

    fn claims(text: &str) -> Vec<Claim> {
        crate::extract::claims(text, &crate::segment::sentences(text))
    }

    /// `(kind, text, value)` of every claim.
    fn found(text: &str) -> Vec<(&'static str, String, f64)> {
        claims(text)
            .iter()
            .map(|c| (c.kind.as_str(), c.span.slice(text).to_owned(), c.value()))
            .collect()
    }

    /// An article before `hundred`, `dozen`, a magnitude or a denominator
    /// is read from that word (the article is no stop), or as a stop of its
    /// own at the end of a block: the claims are the same wherever the text
    /// falls on the blocks, and are what the article's phrase gives.
    #[test]
    fn reads_articles_from_the_next_word_at_every_offset() {
        let text = "a hundred people, a third of them, A dozen eggs, half a million, \
                    an eighth, a million-pound deal, a  hundred, éa hundred, \
                    a hundred and five, an hour, a\tthousand, two a dozen, 3 a third";
        let want = found(text);
        for (kind, span, value) in [
            ("count", "a hundred", 100.0),
            ("fraction", "a third", 1.0 / 3.0),
            ("count", "A dozen", 12.0),
            ("count", "half a million", 5e5),
            ("fraction", "an eighth", 0.125),
            ("count", "a hundred and five", 105.0),
            ("count", "a\tthousand", 1000.0),
        ] {
            has(text, kind, span, value);
        }
        for pad in 0..140 {
            let padded = format!("{}{text}", "x ".repeat(pad / 2) + &".".repeat(pad % 2));
            let got: Vec<_> = found(&padded);
            assert_eq!(got, want, "pad {pad}");
        }
    }

    fn has(text: &str, kind: &str, span: &str, value: f64) {
        let all = found(text);
        assert!(
            all.iter().any(|(k, s, v)| *k == kind
                && s == span
                && (v - value).abs() <= 1e-9 * value.abs().max(1.0)),
            "{kind} {span:?} = {value} not in {all:?}"
        );
    }

    fn lacks(text: &str, kind: &str, span: &str) {
        let all = found(text);
        assert!(
            !all.iter().any(|(k, s, _)| *k == kind && s == span),
            "{kind} {span:?} unexpectedly in {all:?}"
        );
    }

    /// The walk and the gallop of [`Scan::sentence_at`] find the sentence
    /// that the full search finds, for claims zero to many sentences apart
    /// (and a range, which pushes its second number first).
    #[test]
    fn short_key_is_the_lower_cased_word() {
        use super::{is, key_of, next_word, short_key};
        let text = b" s S st ST sT Pc pc p k K am PM x xyz 5";
        let mut i = 0;
        while let Some(w) = next_word(text, i) {
            let word = &text[w.0..w.1];
            for lit in ["st", "nd", "rd", "th", "am", "pm", "s", "pc", "p", "k"] {
                assert_eq!(
                    short_key(text, w) == key_of(lit.as_bytes()),
                    is(text, w, lit),
                    "{word:?} {lit}"
                );
            }
            i = w.1;
        }
    }

    #[test]
    fn claims_know_their_sentence() {
        let mut text = String::new();
        for gap in 0..40 {
            text.push_str("It rose 5% to 20. ");
            for _ in 0..gap % 13 {
                text.push_str("Nothing here. ");
            }
            text.push_str("Then 10-15 people and 2004-05 came. ");
        }
        let sentences = crate::segment::sentences(&text);
        let found = crate::extract::claims(&text, &sentences);
        assert!(found.len() > 150);
        for c in &found {
            assert_eq!(
                c.sentence,
                crate::extract::sentence_of(&sentences, c.span.start),
                "{c:?}"
            );
        }
    }

    #[test]
    fn reads_the_seed_sentence() {
        let t = "Gun crime in London has increased by 5.3 per cent - up 195 offences to 3,903 - in the year up to November 2005.";
        has(t, "percent", "5.3 per cent", 5.3);
        has(t, "count", "195", 195.0);
        has(t, "count", "3,903", 3903.0);
        has(t, "year", "2005", 2005.0);
        let c = claims(t);
        let n = c
            .iter()
            .find(|c| c.value() == 195.0)
            .and_then(|c| c.noun.clone());
        assert_eq!(n.as_deref(), Some("offences"));
    }

    #[test]
    fn reads_money_in_symbols_and_words() {
        let t = "AOL made $1.13bn (£600m), against 456m euros and 3.4bn Danish kroner; shares rose 8.5p to 797p, or 40 euro cents.";
        has(t, "money", "$1.13bn", 1.13e9);
        has(t, "money", "£600m", 6e8);
        has(t, "money", "456m euros", 4.56e8);
        has(t, "money", "3.4bn Danish kroner", 3.4e9);
        has(t, "money", "797p", 7.97);
        has(t, "money", "40 euro cents", 0.4);
        let c = claims(t);
        let q = c
            .iter()
            .find(|c| c.value() == 1.13e9)
            .map(|c| (c.quantity.step, c.quantity.scaled, c.currency));
        assert_eq!(q.map(|q| (q.1, q.2)), Some((true, Some("USD"))));
        assert!(q.is_some_and(|q| (q.0 - 1e7).abs() < 1.0));
    }

    fn claims_with(text: &str, settings: &crate::Settings) -> Vec<Claim> {
        crate::extract::claims_with(text, &crate::segment::sentences(text), settings)
    }

    #[test]
    fn reads_extra_hedges_from_the_settings() {
        let t = "Turnout was give or take 30%, north of 2,000 voters.";
        let settings = crate::Settings {
            hedges: vec![
                ("give or take".to_owned(), Hedge::About),
                ("north of".to_owned(), Hedge::MoreThan),
            ],
            ..crate::Settings::default()
        };
        let hedges =
            |c: &[Claim]| -> Vec<_> { c.iter().map(|c| (c.span.slice(t), c.hedge)).collect() };
        assert_eq!(hedges(&claims(t)), [("30%", None), ("2,000", None)]);
        assert_eq!(
            hedges(&claims_with(t, &settings)),
            [
                ("30%", Some(Hedge::About)),
                ("2,000", Some(Hedge::MoreThan))
            ]
        );
    }

    #[test]
    fn reads_a_bare_dollar_in_the_default_currency() {
        let t = "The council spent $5m, and US$5m came from Washington; $3-4bn later.";
        let aud = crate::Settings {
            default_currency: Some("AUD".to_owned()),
            ..crate::Settings::default()
        };
        let money = |c: &[Claim]| -> Vec<_> {
            c.iter()
                .filter(|c| c.kind == ClaimKind::Money)
                .map(|c| (c.span.slice(t), c.currency))
                .collect()
        };
        assert_eq!(
            money(&claims(t)),
            [
                ("$5m", Some("USD")),
                ("US$5m", Some("USD")),
                ("$3", Some("USD")),
                ("4bn", Some("USD"))
            ]
        );
        assert_eq!(
            money(&claims_with(t, &aud)),
            [
                ("$5m", Some("AUD")),
                ("US$5m", Some("USD")),
                ("$3", Some("AUD")),
                ("4bn", Some("AUD"))
            ]
        );
    }

    #[test]
    fn default_settings_change_nothing() {
        for t in [
            "AOL made $1.13bn (£600m), against 456m euros; more than 14 million, about 100,000.",
            "Gun crime in London has increased by 5.3 per cent - up 195 offences to 3,903.",
            "The budget is 1,546 trillion rials ($173.6bn; £93.6bn) from 1,070 trillion.",
        ] {
            assert_eq!(
                claims_with(t, &crate::Settings::default()),
                claims(t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn continues_a_currency_for_a_bare_amount() {
        let t = "The budget is 1,546 trillion rials ($173.6bn; £93.6bn) from the previous year's 1,070 trillion. It took $28.5m, making a total of 204.3m (£109m).";
        has(t, "money", "1,070 trillion", 1.07e15);
        has(t, "money", "204.3m", 2.043e8);
    }

    #[test]
    fn reads_spelled_numbers_and_percentages() {
        let t = "Twenty-seven British films were made, with two hundred and five staff. Forty-three per cent said five per cent.";
        has(t, "count", "Twenty-seven", 27.0);
        has(t, "count", "two hundred and five", 205.0);
        has(t, "percent", "Forty-three per cent", 43.0);
        has(t, "percent", "five per cent", 5.0);
    }

    #[test]
    fn splits_ranges() {
        has("a 4-5% cut", "percent", "4", 4.0);
        has("a 4-5% cut", "percent", "5%", 5.0);
        has("growth of 7.1% in 2005-6", "year", "6", 2006.0);
        has("In 1998/99, for example", "year", "99", 1999.0);
        has("valued at £40m-£50m.", "money", "£40m", 4e7);
        has("valued at £40m-£50m.", "money", "£50m", 5e7);
        has("lost 2-1 in the first leg", "score", "2", 2.0);
        lacks("lost 2-1 in the first leg", "count", "2");
        has("between 80,000 to 100,000 people", "count", "80,000", 8e4);
    }

    #[test]
    fn recognises_what_is_not_a_count() {
        for (t, n) in [
            ("the firearms unit, CO19, expanding", "19"),
            ("at Stockwell Tube on 22 July.", "22"),
            ("The 21-year-old has been sidelined", "21"),
            ("the browser Firefox 1.0, released", "1.0"),
            ("the FTSE 100 closed higher", "100"),
            ("New episodes of BBC One shows", "One"),
            ("no one was hurt", "one"),
            ("one of the reasons", "one"),
            ("sealed the deal at 0227 GMT on Friday", "0227"),
            ("fell one place to number five", "five"),
            ("Of the cut due to Lee, 82, who created", "82"),
            ("within a year or two while 39% opposed", "two"),
            ("in the 3rd round", "3"),
        ] {
            lacks(t, "count", n);
        }
        has("at Stockwell Tube on 22 July.", "date", "22 July", 22.0);
        has(
            "The 21-year-old has been sidelined",
            "age",
            "21-year-old",
            21.0,
        );
        has("for the six months to April", "duration", "six months", 6.0);
        has("since the late 1990s.", "decade", "1990s", 1990.0);
    }

    #[test]
    fn skips_one_as_a_pronoun() {
        lacks("built close to the existing one in Chennai", "count", "one");
        lacks("defined as one in which the majority", "count", "one");
        lacks("does not have to let either one off", "count", "one");
        // The lists ignore case, as `is_any` did.
        lacks("and EVERY one agreed", "count", "one");
        lacks("they chose one Of the two", "count", "one");
        lacks("built close to THE existing one in Chennai", "count", "one");
        lacks("defined as one IN Which the majority", "count", "one");
        has("they chose one team", "count", "one", 1.0);
    }

    #[test]
    fn counts_one_when_it_counts() {
        has("Reuters quoted one trader as saying", "count", "one", 1.0);
        has("in more than one country", "count", "one", 1.0);
    }

    #[test]
    fn reads_fractions_and_multipliers() {
        has(
            "One in four said he should be back",
            "fraction",
            "One in four",
            0.25,
        );
        has(
            "almost two-thirds in 1999",
            "fraction",
            "two-thirds",
            2.0 / 3.0,
        );
        has(
            "dropped by nearly a quarter from the same period",
            "fraction",
            "a quarter",
            0.25,
        );
        has(
            "Maruti accounts for half of India's car sales",
            "fraction",
            "half",
            0.5,
        );
        has(
            "has risen more than tenfold in less than",
            "multiplier",
            "tenfold",
            10.0,
        );
        has(
            "would reject it by two to one, a poll",
            "multiplier",
            "two to one",
            2.0,
        );
        has("sales doubled", "multiplier", "doubled", 2.0);
        has(
            "three times as many people",
            "multiplier",
            "three times",
            3.0,
        );
        has("has won the San Jose five times, but", "count", "five", 5.0);
    }

    #[test]
    fn records_hedges_outside_the_span() {
        let t = "More than 14 million people saw it, and about 100,000 people downloaded it.";
        let c = claims(t);
        let h: Vec<_> = c.iter().map(|c| (c.span.slice(t), c.hedge)).collect();
        assert!(h.contains(&("14 million", Some(Hedge::MoreThan))), "{h:?}");
        assert!(h.contains(&("100,000", Some(Hedge::About))), "{h:?}");
    }

    #[test]
    fn reads_percentage_points_only_about_percentages() {
        has(
            "unemployment rose from 5% to 8%, up 3 points",
            "points",
            "3 points",
            3.0,
        );
        has(
            "a 0.25 percentage point cut",
            "points",
            "0.25 percentage point",
            0.25,
        );
        has(
            "the deduction of 10 points by the League",
            "count",
            "10",
            10.0,
        );
    }

    #[test]
    fn skips_list_ranks_and_addresses() {
        lacks("(Argentina)  13 Tommy Robredo (Spain)", "count", "13");
        lacks("talks at 10 Downing Street today", "count", "10");
        has("Six UK greyhound tracks", "count", "Six", 6.0);
    }

    #[test]
    fn skips_race_distances() {
        lacks(
            "starting in the 10,000m five days later",
            "count",
            "10,000m",
        );
        has("a bid of 1,200m euros", "money", "1,200m euros", 1.2e9);
        lacks("he produced in the 800m and 1000m at", "count", "800m");
        has("China's net users number 100m but", "count", "100m", 1e8);
        lacks("claiming the men's 800m at the meeting", "count", "800m");
        lacks("beating him in the final 300m, beating", "count", "300m");
        has("more than 100m people", "count", "100m", 1e8);
        has(
            "to a record Australian dollar 29.4bn.",
            "money",
            "29.4bn",
            2.94e10,
        );
    }

    #[test]
    fn reads_fractions_of_magnitudes_and_skips_match_halves() {
        has(
            "A quarter of a million Sri Lankans",
            "count",
            "A quarter of a million",
            250_000.0,
        );
        lacks(
            "the lead from 18 yards before half time.",
            "fraction",
            "half",
        );
        lacks("into the Italian half after 22 minutes", "fraction", "half");
        lacks(
            "won the Cup four times as a player",
            "multiplier",
            "four times",
        );
    }

    #[test]
    fn reads_ages_after_he_was() {
        has(
            "in the top 200 when he was just 14, was only",
            "age",
            "14",
            14.0,
        );
        has("The survivors were 14 in all", "count", "14", 14.0);
        has("At 34, Holmes will also be", "age", "34", 34.0);
        has("Viotti has died in Germany at 50.", "age", "50", 50.0);
        lacks("at more modest speeds of 1-2mbps.", "count", "1");
    }

    #[test]
    fn reads_hyphenated_currencies() {
        has("a 5bn-euro deal", "money", "5bn-euro", 5e9);
        has("the 10-dollar bill", "money", "10-dollar", 10.0);
    }

    #[test]
    fn covers_the_issue_examples() {
        has("a 34pc rise", "percent", "34pc", 34.0);
        has("inflation of -0.5% last year", "percent", "-0.5%", -0.5);
        has("a 10-15% rise", "percent", "10", 10.0);
        has(
            "up 3 percentage points",
            "points",
            "3 percentage points",
            3.0,
        );
        has("it cost US$5 each", "money", "US$5", 5.0);
        has("a ticket at £1.50", "money", "£1.50", 1.5);
        has("paid 3 million euros", "money", "3 million euros", 3e6);
        has(
            "worth 59.2 trillion rupiah",
            "money",
            "59.2 trillion rupiah",
            59.2e12,
        );
        has("a 10,000-strong army", "count", "10,000", 1e4);
        has("about 1.5 million people", "count", "1.5 million", 1.5e6);
        has("a dozen eggs", "count", "a dozen", 12.0);
        has(
            "one and a half million people",
            "count",
            "one and a half million",
            1.5e6,
        );
        has("since the year 2004-05", "year", "2004", 2004.0);
        has("since the year 2004-05", "year", "05", 2005.0);
        for (t, n) in [
            ("the M25 was closed", "25"),
            ("the G8 summit", "8"),
            ("a Formula 1 team", "1"),
            ("Formula 1 team owner Sir Frank said", "1"),
            ("Channel 4 said it would", "4"),
            ("running Windows 95 still", "95"),
            ("on BBC News 24 tonight", "24"),
            ("on July 22 police said", "22"),
            ("at 10:30 on Friday", "10"),
            ("call 0800 555 0199 now", "555"),
        ] {
            lacks(t, "count", n);
        }
        has("Around 500 people came", "count", "500", 500.0);
    }

    #[test]
    fn keeps_scaled_values_exact() {
        let t = "more than 4.1 million viewers";
        let c = claims(t);
        assert_eq!(c.first().map(Claim::value), Some(4_100_000.0));
        let t = "a £4.4bn deal and £3m more";
        let steps: Vec<f64> = claims(t).iter().map(|c| c.quantity.step).collect();
        assert_eq!(steps, [1e8, 1e6]);
    }

    #[test]
    fn skips_standards_measurements_and_index_points() {
        lacks("It includes a 802.11b wireless network", "count", "802.11b");
        lacks("including Samsung's 102-inch plasma", "count", "102");
        has("Italy led 9-8 early in the second half", "score", "9", 9.0);
        let t = "The Dow Jones industrial average closed down 0.89 points, or 0.01%, at 10,385.48.";
        lacks(t, "points", "0.89 points");
    }

    #[test]
    fn never_reports_overlong_or_infinite_numbers() {
        let t = format!(
            "{} people and {}.5% and £{}bn",
            "9".repeat(400),
            "1".repeat(30),
            "7".repeat(300)
        );
        for c in claims(&t) {
            assert!(
                c.value().is_finite() && c.quantity.step.is_finite(),
                "{c:?}"
            );
        }
        assert_eq!(claims("").len(), 0);
        assert_eq!(ClaimKind::Count.as_str(), "count");
    }
}
