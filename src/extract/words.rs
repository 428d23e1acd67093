//! Numbers spelled out in words: `two`, `twenty-five`, `two hundred and five`,
//! `a dozen`, `one and a half million`, and the word fractions built on them
//! (`two-thirds`, `a quarter`, `three fifths`).
//!
//! Input: bytes and the start of a word. Output: a [`Phrase`] with its end,
//! value and precision. The grammar is the usual English one, kept strict so that
//! two numbers side by side (`one two`) stay two numbers, and bounded so that no
//! input can make a value grow without limit (a magnitude may only follow a
//! smaller one: `thousand million` no, `million thousand` yes).

use super::lex::{Word, alpha_end, at, is, is_space, lower, next_word, skip_spaces};

/// What a word means to the number grammar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Token {
    /// `zero` to `nineteen`.
    Unit(f64),
    /// `twenty` to `ninety`.
    Tens(f64),
    Hundred,
    /// `thousand`, `million`, `billion`, `trillion`.
    Scale(f64),
    Dozen,
    /// A fraction's denominator: `half` (2), `third`/`thirds` (3), `quarter` (4)...
    Denominator(f64),
    /// `twice`, `doubled`, `halved`, `tenfold`...
    Multiplier(f64),
    /// `a`, `an`: one, before `dozen`, `hundred`, `million`, `third`...
    A,
}

/// Looks up a lower-case word.
pub(crate) const fn token(w: &[u8]) -> Option<Token> {
    use Token::{A, Denominator, Dozen, Hundred, Multiplier, Scale, Tens, Unit};
    Some(match w {
        b"a" | b"an" => A,
        b"zero" => Unit(0.0),
        b"one" => Unit(1.0),
        b"two" => Unit(2.0),
        b"three" => Unit(3.0),
        b"four" => Unit(4.0),
        b"five" => Unit(5.0),
        b"six" => Unit(6.0),
        b"seven" => Unit(7.0),
        b"eight" => Unit(8.0),
        b"nine" => Unit(9.0),
        b"ten" => Unit(10.0),
        b"eleven" => Unit(11.0),
        b"twelve" => Unit(12.0),
        b"thirteen" => Unit(13.0),
        b"fourteen" => Unit(14.0),
        b"fifteen" => Unit(15.0),
        b"sixteen" => Unit(16.0),
        b"seventeen" => Unit(17.0),
        b"eighteen" => Unit(18.0),
        b"nineteen" => Unit(19.0),
        b"twenty" => Tens(20.0),
        b"thirty" => Tens(30.0),
        b"forty" => Tens(40.0),
        b"fifty" => Tens(50.0),
        b"sixty" => Tens(60.0),
        b"seventy" => Tens(70.0),
        b"eighty" => Tens(80.0),
        b"ninety" => Tens(90.0),
        b"hundred" => Hundred,
        b"thousand" => Scale(1e3),
        b"million" => Scale(1e6),
        b"billion" => Scale(1e9),
        b"trillion" => Scale(1e12),
        b"dozen" | b"dozens" => Dozen,
        b"half" | b"halves" => Denominator(2.0),
        b"third" | b"thirds" => Denominator(3.0),
        b"quarter" | b"quarters" | b"fourth" | b"fourths" => Denominator(4.0),
        b"fifth" | b"fifths" => Denominator(5.0),
        b"sixth" | b"sixths" => Denominator(6.0),
        b"seventh" | b"sevenths" => Denominator(7.0),
        b"eighth" | b"eighths" => Denominator(8.0),
        b"ninth" | b"ninths" => Denominator(9.0),
        b"tenth" | b"tenths" => Denominator(10.0),
        b"hundredth" | b"hundredths" => Denominator(100.0),
        b"twice" | b"doubled" | b"twofold" => Multiplier(2.0),
        b"tripled" | b"trebled" | b"threefold" => Multiplier(3.0),
        b"quadrupled" | b"fourfold" => Multiplier(4.0),
        b"fivefold" => Multiplier(5.0),
        b"tenfold" => Multiplier(10.0),
        b"hundredfold" => Multiplier(100.0),
        b"halved" => Multiplier(0.5),
        _ => return None,
    })
}

/// Every word [`token`] knows, for the quick filter below.
const WORDS: [&str; 71] = [
    "a",
    "an",
    "billion",
    "doubled",
    "dozen",
    "dozens",
    "eight",
    "eighteen",
    "eighth",
    "eighths",
    "eighty",
    "eleven",
    "fifteen",
    "fifth",
    "fifths",
    "fifty",
    "five",
    "fivefold",
    "forty",
    "four",
    "fourfold",
    "fourteen",
    "fourth",
    "fourths",
    "half",
    "halved",
    "halves",
    "hundred",
    "hundredfold",
    "hundredth",
    "hundredths",
    "million",
    "nine",
    "nineteen",
    "ninety",
    "ninth",
    "ninths",
    "one",
    "quadrupled",
    "quarter",
    "quarters",
    "seven",
    "seventeen",
    "seventh",
    "sevenths",
    "seventy",
    "six",
    "sixteen",
    "sixth",
    "sixths",
    "sixty",
    "ten",
    "tenfold",
    "tenth",
    "tenths",
    "third",
    "thirds",
    "thirteen",
    "thirty",
    "thousand",
    "three",
    "threefold",
    "trebled",
    "trillion",
    "tripled",
    "twelve",
    "twenty",
    "twice",
    "two",
    "twofold",
    "zero",
];

/// Longest word in [`WORDS`].
const MAX_LEN: usize = 11;

/// Per word length, the set of first letters (bit `c - b'a'`) that some word of
/// that length starts with; likewise for last letters. Most words of running
/// text (`the`, `that`, `said`) fail one of the two, so they are rejected
/// without lower-casing or matching.
const FIRST: [u32; MAX_LEN + 1] = letter_masks(true);
const LAST: [u32; MAX_LEN + 1] = letter_masks(false);

const fn letter_masks(first: bool) -> [u32; MAX_LEN + 1] {
    let mut m = [0u32; MAX_LEN + 1];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i].as_bytes();
        let c = if first { w[0] } else { w[w.len() - 1] };
        m[w.len()] |= 1 << (c - b'a');
        i += 1;
    }
    m
}

/// The first three letters of every word of [`WORDS`], so that a word start
/// is rejected from three bytes without finding the word's end: `the` and
/// `that` miss, `thr` (three) and `tho` (thousand) hit. The second and third
/// bytes `c1` and `c2`, as they are in the text, select the entry
/// `c1 + 256 * c2` (the stop finder reads them as one little-endian `u16`); it
/// holds the allowed first letters as a bit set over `c0 & 31`, which tells the
/// 26 letters apart whatever their case (the first byte is always a letter). A
/// two-letter word is followed by a non-letter (`an` then a space); a
/// one-letter word (`a`) allows any third byte, since the word ended before it.
///
/// Why 256 KiB: indexing by the raw bytes saves the stop finder turning every
/// byte into a letter index first, and the table lookup is the inner loop of
/// the whole extractor (one per word start). Only the entries of the letter
/// pairs that follow word starts in running text are ever read: about a
/// hundred cache lines cover 99% of the BBC articles' word starts.
static PREFIXES: [u32; 1 << 16] = {
    let mut t = [0u32; 1 << 16];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i].as_bytes();
        let first = 1 << (w[0] & 31);
        // The bytes each of `c1` and `c2` may be: a letter in either case, or
        // (past the word's end) any non-letter; after a one-letter word, `c2`
        // may be anything.
        let mut c1 = 0;
        while c1 < 256 {
            let b1 = c1 as u8;
            let ok1 = if w.len() == 1 {
                !b1.is_ascii_alphabetic()
            } else {
                b1.to_ascii_lowercase() == w[1]
            };
            let mut c2 = 0;
            while ok1 && c2 < 256 {
                let b2 = c2 as u8;
                let ok2 = match w.len() {
                    1 => true,
                    2 => !b2.is_ascii_alphabetic(),
                    _ => b2.to_ascii_lowercase() == w[2],
                };
                if ok2 {
                    t[c1 + 256 * c2] |= first;
                }
                c2 += 1;
            }
            c1 += 1;
        }
        i += 1;
    }
    t
};

/// 1 when a word starting with the bytes `c0 c1 c2` (`c0` an ASCII letter)
/// could be a number word, else 0; no false negatives. The stop finder asks
/// [`prefix_bit_pair`]; this form is the tests'.
#[cfg(test)]
pub(crate) fn prefix_bit(c0: u8, c1: u8, c2: u8) -> u64 {
    prefix_bit_pair(c0, u16::from_le_bytes([c1, c2]))
}

/// 1 when a word starting with the bytes `c0 c1 c2` (`c0` an ASCII letter)
/// could be a number word, else 0; no false negatives. The last two bytes are
/// given as the little-endian `u16` `c1 + 256 * c2`, as the stop finder loads
/// them.
#[inline]
pub(crate) fn prefix_bit_pair(c0: u8, pair: u16) -> u64 {
    let row = PREFIXES[usize::from(pair)];
    u64::from(row >> (c0 & 31)) & 1
}

/// Whether a number word could start at `pos` (a word start), judged from its
/// first three bytes; no false negatives.
#[inline]
#[cfg(test)]
pub(crate) fn may_start_at(b: &[u8], pos: usize) -> bool {
    prefix_bit(at(b, pos), at(b, pos + 1), at(b, pos + 2)) != 0
}

/// Whether `w` could be one of [`WORDS`] (no false negatives): its length and
/// its first and last letters fit some word.
#[inline]
pub(crate) fn may_be_token(w: &[u8]) -> bool {
    let (Some(&f), Some(&l)) = (w.first(), w.last()) else {
        return false;
    };
    let bit = |c: u8| 1u32 << (c.to_ascii_lowercase().wrapping_sub(b'a') & 31);
    w.len() <= MAX_LEN && FIRST[w.len()] & bit(f) != 0 && LAST[w.len()] & bit(l) != 0
}

/// A lower-case word of at most 16 bytes as one number: its bytes in order,
/// the first in the low byte, zero past its end.
const fn key(w: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < w.len() && i < 16 {
        k |= (w[i] as u128) << (8 * i);
        i += 1;
    }
    k
}

/// Multiplier of [`slot`]: found by a search so that the words of [`WORDS`] land
/// in different slots ([`SLOTS`] checks it when the crate compiles).
const HASH_MUL: u64 = 0x1dcc_beca_9388_f6b3;

/// The hash-table slot of a word's [`key`] (one of 256).
#[inline]
const fn slot(k: u128) -> usize {
    let mixed = (k as u64) ^ ((k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed.wrapping_mul(HASH_MUL) >> 56) as usize
}

/// A perfect hash table of [`WORDS`]: per slot, the index of the word there
/// plus one, 0 for none.
static SLOTS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < WORDS.len() {
        let s = slot(key(WORDS[i].as_bytes()));
        assert!(
            t[s] == 0,
            "two number words share a hash slot: change HASH_MUL"
        );
        t[s] = i as u8 + 1;
        i += 1;
    }
    t
};

/// [`key`] and [`token`] of each word of [`WORDS`], by index.
static ENTRIES: [(u128, Token); WORDS.len()] = {
    let mut t = [(0, Token::A); WORDS.len()];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i].as_bytes();
        let Some(tok) = token(w) else {
            panic!("a word of WORDS without a token");
        };
        t[i] = (key(w), tok);
        i += 1;
    }
    t
};

/// The token of the word `w`, if it is one.
///
/// One hash-table probe and one comparison of the lower-cased word as a
/// 128-bit number, where the `match` of [`token`] compared byte strings one
/// after another.
#[inline]
pub(crate) fn token_of(b: &[u8], w: Word) -> Option<Token> {
    let len = w.1.checked_sub(w.0)?;
    if len == 0 || len > MAX_LEN {
        return None;
    }
    let mut buf = [0u8; 16];
    lower(b, w, &mut buf);
    // `lower` may leave bytes past the word in `buf`: keep only the word's.
    let k = u128::from_le_bytes(buf) & ((1u128 << (8 * len)) - 1);
    let i = usize::from(SLOTS[slot(k)]).checked_sub(1)?;
    let &(want, tok) = ENTRIES.get(i)?;
    (want == k).then_some(tok)
}

/// What a spelled phrase turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    Number,
    /// Ends in a denominator: `two-thirds`, `a quarter`.
    Fraction,
}

/// A spelled-out number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Phrase {
    pub end: usize,
    pub value: f64,
    pub step: f64,
    /// Ends in a magnitude word of a million or more.
    pub scaled: bool,
    pub kind: PhraseKind,
    /// Number of number words read (`a` counts): 1 for `two`.
    pub words: usize,
    /// The phrase is the bare article `a`/`an` followed by something.
    pub starts_with_a: bool,
}

/// The separator after a number word: spaces, or a hyphen with optional spaces
/// (`twenty-five`, `fifty - two`). Returns the start of the next word.
fn gap(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let s = skip_spaces(b, i);
    if at(b, s) == b'-' {
        let t = skip_spaces(b, s + 1);
        return at(b, t).is_ascii_alphabetic().then_some((t, true));
    }
    (s > i && at(b, s).is_ascii_alphabetic()).then_some((s, false))
}

/// Where the grammar is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    A,
    Unit,
    Tens,
    Hundred,
    Scale,
}

/// Parses the spelled number starting at word `w`. Returns `None` when `w` does
/// not start a number (or is `a` not followed by one).
pub(crate) fn parse(b: &[u8], w: Word) -> Option<Phrase> {
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut last = Last::Start;
    let mut end = w.0;
    let mut scale_cap = f64::INFINITY;
    let mut last_scale = 1.0;
    let mut half = 0.0;
    let mut words = 0;
    let mut pos = w.0;
    let mut first = true;
    let mut starts_with_a = false;
    loop {
        let e = alpha_end(b, pos);
        if e == pos {
            break;
        }
        let Some(tok) = token_of(b, (pos, e)) else {
            // `and` joins after a hundred or a magnitude (`two hundred and five`),
            // or introduces `and a half`.
            if !first
                && is(b, (pos, e), "and")
                && let Some(p) = and_continuation(b, e, last, cur)
            {
                {
                    match p {
                        AndNext::Part(after, part) => {
                            cur += part;
                            half = part;
                            end = after;
                            words += 2;
                            // only a magnitude may follow `one and a half`
                            if let Some((n, _)) = gap(b, after)
                                && let Some(Token::Scale(f)) = token_of(b, (n, alpha_end(b, n)))
                                && f < scale_cap
                            {
                                total += cur * f;
                                cur = 0.0;
                                last_scale = f;
                                end = alpha_end(b, n);
                                words += 1;
                            }
                            break;
                        }
                        AndNext::Word(n) => {
                            pos = n;
                            continue;
                        }
                    }
                }
            }
            break;
        };
        let ok = match (last, tok) {
            (Last::Start, Token::A) => {
                starts_with_a = true;
                cur = 1.0;
                true
            }
            (Last::Start | Last::Scale | Last::Hundred, Token::Unit(v) | Token::Tens(v)) => {
                cur += v;
                true
            }
            (Last::Tens, Token::Unit(v)) if (1.0..10.0).contains(&v) => {
                cur += v;
                true
            }
            // `one hundred and one hundred` is two numbers, not 10,100 growing
            // without bound.
            (Last::Unit | Last::Tens | Last::A, Token::Hundred) if cur < 100.0 => {
                cur *= 100.0;
                true
            }
            (Last::Unit | Last::Tens | Last::Hundred | Last::A, Token::Scale(f))
                if f < scale_cap =>
            {
                total += cur * f;
                cur = 0.0;
                scale_cap = f;
                last_scale = f;
                true
            }
            (Last::Unit | Last::Tens | Last::A, Token::Dozen) if total == 0.0 && cur < 100.0 => {
                cur *= 12.0;
                end = e;
                words += 1;
                last = Last::Unit;
                break;
            }
            (Last::Unit | Last::Tens | Last::A | Last::Hundred, Token::Denominator(d)) => {
                // `two thirds`, `a quarter`, `one half`; `a million and three
                // quarters` adds the fraction to what came before.
                let value = total + cur / d;
                return Some(Phrase {
                    end: e,
                    value,
                    step: 1.0 / d,
                    scaled: false,
                    kind: PhraseKind::Fraction,
                    words: words + 1,
                    starts_with_a,
                });
            }
            _ => false,
        };
        if !ok {
            break;
        }
        words += 1;
        first = false;
        end = e;
        last = match tok {
            Token::A => Last::A,
            Token::Unit(_) => Last::Unit,
            Token::Tens(_) => Last::Tens,
            Token::Hundred => Last::Hundred,
            _ => Last::Scale,
        };
        let Some((n, _)) = gap(b, e) else {
            break;
        };
        pos = n;
    }
    if last == Last::A || words == 0 {
        return None;
    }
    let value = total + cur;
    let scaled = cur == 0.0 && last_scale >= 1e6;
    let step = if cur == 0.0 && last_scale > 1.0 {
        if half > 0.0 {
            last_scale * half
        } else {
            last_scale
        }
    } else if half > 0.0 {
        half
    } else {
        1.0
    };
    Some(Phrase {
        end,
        value,
        step,
        scaled,
        kind: PhraseKind::Number,
        words,
        starts_with_a,
    })
}

enum AndNext {
    /// `and a half` (`and a quarter`...) read up to the given end, and its value.
    Part(usize, f64),
    /// `and` followed by a number word starting here.
    Word(usize),
}

/// What follows an `and` inside a number, if it continues the number.
fn and_continuation(b: &[u8], and_end: usize, last: Last, cur: f64) -> Option<AndNext> {
    let n = next_word(b, and_end)?;
    if !is_space(at(b, and_end)) {
        return None;
    }
    match token_of(b, n)? {
        Token::A if matches!(last, Last::Unit | Last::Tens) && cur > 0.0 => {
            let h = next_word(b, n.1)?;
            match token_of(b, h)? {
                Token::Denominator(d) => Some(AndNext::Part(h.1, 1.0 / d)),
                _ => None,
            }
        }
        Token::Unit(v) | Token::Tens(v)
            if v > 0.0 && matches!(last, Last::Hundred | Last::Scale) =>
        {
            Some(AndNext::Word(n.0))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefix test's definition: some word of [`WORDS`] starts with the
    /// three bytes, a shorter word ending where a non-letter follows.
    fn prefix_reference(c0: u8, c1: u8, c2: u8) -> bool {
        let lower = |c: u8| c.is_ascii_alphabetic().then(|| c.to_ascii_lowercase());
        WORDS.iter().any(|w| {
            let w = w.as_bytes();
            Some(w[0]) == lower(c0)
                && match w.len() {
                    1 => lower(c1).is_none(),
                    2 => Some(w[1]) == lower(c1) && lower(c2).is_none(),
                    _ => Some(w[1]) == lower(c1) && Some(w[2]) == lower(c2),
                }
        })
    }

    #[test]
    fn prefix_bit_agrees_with_the_words() {
        let bytes: Vec<u8> = (b'a'..=b'z')
            .chain(b'A'..=b'Z')
            .chain([
                b' ', b'-', b'0', b'@', b'[', b'`', b'{', 0, 0x80, 0xC3, 0xFF,
            ])
            .collect();
        for c0 in (b'a'..=b'z').chain(b'A'..=b'Z') {
            for &c1 in &bytes {
                for &c2 in &bytes {
                    assert_eq!(
                        prefix_bit(c0, c1, c2) != 0,
                        prefix_reference(c0, c1, c2),
                        "{:?}",
                        [c0, c1, c2]
                    );
                }
            }
        }
    }

    fn value(s: &str) -> Option<(f64, usize)> {
        let b = s.as_bytes();
        parse(b, (0, alpha_end(b, 0))).map(|p| (p.value, p.end))
    }

    #[test]
    fn reads_compound_numbers() {
        assert_eq!(value("two hundred and five officers"), Some((205.0, 20)));
        assert_eq!(value("twenty-five people"), Some((25.0, 11)));
        assert_eq!(value("Twenty-seven British films"), Some((27.0, 12)));
        assert_eq!(value("one hundred and twenty"), Some((120.0, 22)));
        assert_eq!(
            value("twenty-one trillion three hundred"),
            Some((21e12 + 300.0, 33))
        );
    }

    #[test]
    fn reads_magnitudes_and_halves() {
        assert_eq!(value("five million people"), Some((5e6, 12)));
        assert_eq!(value("one and a half million"), Some((1.5e6, 22)));
        let p = parse(b"six million", (0, 3)).map(|p| (p.step, p.scaled));
        assert_eq!(p, Some((1e6, true)));
        assert_eq!(value("a dozen eggs"), Some((12.0, 7)));
        assert_eq!(value("a million"), Some((1e6, 9)));
    }

    #[test]
    fn keeps_separate_numbers_apart() {
        assert_eq!(value("one two"), Some((1.0, 3)));
        assert_eq!(value("two and five ethnic"), Some((2.0, 3)));
        assert_eq!(value("a man"), None);
    }

    #[test]
    fn reads_word_fractions() {
        let p = parse(b"two-thirds of", (0, 3)).map(|p| (p.kind, p.end));
        assert_eq!(p, Some((PhraseKind::Fraction, 10)));
        let p = parse(b"a quarter from", (0, 1)).map(|p| p.value);
        assert_eq!(p, Some(0.25));
    }

    #[test]
    fn filter_keeps_every_known_word() {
        for w in WORDS {
            assert!(w.len() <= MAX_LEN && may_be_token(w.as_bytes()), "{w}");
            assert!(token(w.as_bytes()).is_some(), "{w}");
        }
        assert!(may_be_token(b"Twenty"));
        for w in WORDS {
            let text = format!("{w} ");
            assert!(may_start_at(text.as_bytes(), 0), "{w}");
        }
        assert!(!may_start_at(b"the ", 0) && !may_start_at(b"that", 0));
        assert!(may_start_at(b"A dozen", 0) && may_start_at(b"Three", 0));
        assert!(!may_be_token(b"that"));
    }

    #[test]
    fn hashed_lookup_agrees_with_the_match() {
        let mut words: Vec<String> = WORDS.iter().map(|w| (*w).to_owned()).collect();
        for w in WORDS {
            words.push(w.to_ascii_uppercase());
            words.push(format!("{w}s"));
            words.push(format!("x{w}"));
            words.push(w[..w.len() - 1].to_owned());
        }
        words.extend(["the", "and", "for", "this", "Thousands", "hundredfolds"].map(String::from));
        for w in &words {
            let text = format!("{w} and more text after it");
            let got = token_of(text.as_bytes(), (0, w.len()));
            assert_eq!(got, token(w.to_ascii_lowercase().as_bytes()), "{w}");
            // At the very end of the text too, where `lower` reads byte by byte.
            assert_eq!(token_of(w.as_bytes(), (0, w.len())), got, "{w}");
        }
    }

    #[test]
    fn bounds_repeated_magnitudes() {
        let s = "one million ".repeat(200);
        let v = value(&s).map_or(f64::NAN, |v| v.0);
        assert!((1e6..=1e6 + 1.0).contains(&v));
    }
}
