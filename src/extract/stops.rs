//! Where the scan has to look: the positions of the text that may start a
//! numeric mention.
//!
//! A stop is a digit (any digit: `CO19` is rejected by the recogniser, not
//! here), or an ASCII letter that starts a word (the byte before it is not an
//! ASCII letter) of three letters or more whose first three letters begin
//! some number word ([`words::prefix_bit_pair`]). Everything else, which is
//! nearly all of a news article, needs no work.
//!
//! Words of one or two letters are not stops either, except at the last two
//! bytes of a block (where the word may go on into the next block, which is
//! not looked at): the only number words that short are the articles `a`
//! and `an`, which count only before `hundred`, `dozen`, a magnitude or a
//! denominator (`a third`), and the scan finds those from that word, looking
//! back one space (`Scan::word`). A fifth of the words of news copy are that
//! short, so the prefix lookup is spared for them. (An article at a block's
//! end that is a stop is read as it always was, and the word after it then
//! does not look back.)
//!
//! Why this shape: looking at the text a byte at a time with table lookups
//! cost about 16 instructions a byte, most of the extract stage. Here the text
//! is classified 64 bytes at a time by plain element-wise code that the
//! compiler vectorises (no `unsafe`, no target features), and the answers are
//! packed one bit per byte into 64-bit masks. Only the word starts (about one
//! byte in six) then get the three-byte prefix lookup, which is branch-free so
//! that its outcome is never mispredicted. The scan visits the few remaining
//! bits with `trailing_zeros`.

use super::lex::{Word, alpha_end, before};
use super::words;
#[cfg(test)]
use crate::bit_block::word;
use crate::bit_block::{BLOCK, ROW_BIT, gather};

/// A block plus the two bytes that a prefix at its last byte reads.
const WINDOW: usize = BLOCK + 2;

/// The low bits of the eight bytes of `m` (each byte 0 or 1), packed into its
/// low eight bits (byte `k` to bit `k`). The multiplier moves bit `8k` to bit
/// `56 + k`; no two of its partial products meet, so nothing carries.
#[cfg(test)]
const fn pack(m: u64) -> u64 {
    m.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// For the 64 bytes at `base` (bit `k` for byte `base + k`): the candidate
/// stops (digits, and word starts whose first three bytes may begin a number
/// word), and the ASCII letters. Past the end of the text reads as zero bytes,
/// which are neither (as [`lex::at`] does).
///
/// `letter_before` is 1 when the byte before `base` is an ASCII letter.
///
/// [`lex::at`]: super::lex::at
#[inline]
fn block_masks(b: &[u8], base: usize, letter_before: u64) -> (u64, u64) {
    if let Some(window) = b.get(base..).and_then(<[u8]>::first_chunk::<WINDOW>) {
        return window_masks(window, letter_before);
    }
    let rest = b.get(base..).unwrap_or(&[]);
    let mut padded = [0u8; WINDOW];
    let n = rest.len().min(WINDOW);
    padded[..n].copy_from_slice(&rest[..n]);
    window_masks(&padded, letter_before)
}

/// The digits and the ASCII letters among the first [`BLOCK`] bytes of
/// `window` (bit `k` for byte `k`).
///
/// Per byte, its [`ROW_BIT`] for a digit and for an ASCII letter:
/// element-wise code that the compiler vectorises (16 bytes an instruction
/// with plain SSE2); `| 0x20` lower-cases letters and maps no other byte into
/// `a..=z`. Then [`gather`] makes one bit of each byte. Most blocks hold no
/// digit, and [`gather`] sees that before its transposition.
#[inline]
fn class_masks(window: &[u8; WINDOW]) -> (u64, u64) {
    let mut digit = [0u8; BLOCK];
    let mut letter = [0u8; BLOCK];
    for (((d, l), &c), &bit) in digit.iter_mut().zip(&mut letter).zip(window).zip(&ROW_BIT) {
        *d = u8::from(c.wrapping_sub(b'0') < 10).wrapping_neg() & bit;
        *l = u8::from((c | 0x20).wrapping_sub(b'a') < 26).wrapping_neg() & bit;
    }
    (gather(&digit), gather(&letter))
}

/// [`class_masks`] as it was written before [`gather`]: a 0 or 1 per byte,
/// each row of eight packed with a multiply. The tests' oracle.
#[cfg(test)]
fn class_masks_by_rows(window: &[u8; WINDOW]) -> (u64, u64) {
    let mut digit = [0u8; BLOCK];
    let mut letter = [0u8; BLOCK];
    for ((d, l), &c) in digit.iter_mut().zip(&mut letter).zip(window) {
        *d = u8::from(c.wrapping_sub(b'0') < 10);
        *l = u8::from((c | 0x20).wrapping_sub(b'a') < 26);
    }
    let mut digits = 0;
    let mut letters = 0;
    for (k, (d, l)) in digit
        .chunks_exact(8)
        .zip(letter.chunks_exact(8))
        .enumerate()
    {
        digits |= pack(word(d)) << (8 * k);
        letters |= pack(word(l)) << (8 * k);
    }
    (digits, letters)
}

/// [`block_masks`] of a window of [`WINDOW`] bytes; `letter_before` is 1 when the byte
/// before it is an ASCII letter.
#[inline]
fn window_masks(window: &[u8; WINDOW], letter_before: u64) -> (u64, u64) {
    let (digits, letters) = class_masks(window);
    let starts = letters & !((letters << 1) | letter_before);
    // A word's last letter, among the first 63 bytes (whether the last
    // byte's word goes on is in the next block); a word of one letter
    // starts there, one of two letters a byte before. No prefix lookup for
    // either (see the module docs); a short word at the last two bytes keeps
    // it.
    let ends = letters & !(letters >> 1) & (u64::MAX >> 1);
    let short = ends | (ends >> 1);
    let mut starts = starts & !short;
    let mut words = 0;
    while starts != 0 {
        let k = starts.trailing_zeros() as usize % BLOCK;
        starts &= starts - 1;
        // The start's first byte, and the next two in one load: the table's
        // index as it is (three bytes in one load cost two instructions more
        // to split, in the loop that runs once per word of the text).
        let c0 = window.get(k).copied().unwrap_or(0);
        let pair = window
            .get(k + 1..)
            .and_then(<[u8]>::first_chunk::<2>)
            .map_or(0, |w| u16::from_le_bytes(*w));
        words |= words::prefix_bit_pair(c0, pair) << k;
    }
    (digits | words, letters)
}

/// A place where the scan has work to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// A digit.
    Digit(usize),
    /// A word (a run of ASCII letters, here its whole extent) that may be a
    /// number word: its first three bytes begin one, and its length and first
    /// and last letters fit one ([`words::may_be_token`]).
    Word(Word),
}

/// The stops of a text, found left to right from wherever the scan resumes.
pub(crate) struct Stops<'a> {
    b: &'a [u8],
    /// Start of the bytes that `mask` and `letters` describe.
    base: usize,
    /// Candidate stops in `base..base + 64` not yet visited (bit `k` for `base + k`).
    mask: u64,
    /// ASCII letters in `base..base + 64`, to find where a word ends.
    letters: u64,
}

impl<'a> Stops<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        let (mask, letters) = block_masks(b, 0, 0);
        Self {
            b,
            base: 0,
            mask,
            letters,
        }
    }

    /// The first stop at or after `pos`. `pos` must not go backwards between
    /// calls (the scan only moves forward), and the scan resumes past a word
    /// stop's end.
    ///
    /// A word that cannot be a number word after all (`for`, `this`, `election`
    /// pass the three-byte test) is passed over here: the scan would only have
    /// skipped it.
    #[inline]
    pub(crate) fn next_from(&mut self, pos: usize) -> Option<Stop> {
        if pos >= self.base + BLOCK {
            self.load(pos);
        } else if pos > self.base {
            // Forget the bytes before `pos` (fewer than 64, so the shift fits).
            self.mask &= u64::MAX << (pos - self.base);
        }
        loop {
            if self.mask == 0 && !self.next_busy_block() {
                return None;
            }
            let k = self.mask.trailing_zeros() as usize;
            self.mask &= self.mask - 1;
            let i = self.base + k;
            if self.letters & (1 << k) == 0 {
                return Some(Stop::Digit(i));
            }
            // The word's end: the first non-letter after it in this block, else
            // read on past the block.
            let run = (!(self.letters >> k)).trailing_zeros() as usize;
            let end = if k + run < BLOCK {
                i + run
            } else {
                alpha_end(self.b, self.base + BLOCK)
            };
            if words::may_be_token(self.b.get(i..end).unwrap_or(&[])) {
                return Some(Stop::Word((i, end)));
            }
        }
    }

    /// Loads the blocks after this one until one has a stop; false at the
    /// end of the text. Out of line: inlined into the scan, its loop kept
    /// the scan's own state in memory, reloaded and stored at every block
    /// (most blocks have no stop).
    #[inline(never)]
    fn next_busy_block(&mut self) -> bool {
        while self.mask == 0 {
            if self.base + BLOCK >= self.b.len() {
                return false;
            }
            self.load(self.base + BLOCK);
        }
        true
    }

    fn load(&mut self, base: usize) {
        // Whether the byte before the block is a letter: the last bit of the
        // block before when that is the one loaded (the scan's usual step).
        let letter_before = if base == self.base + BLOCK {
            self.letters >> (BLOCK - 1)
        } else {
            u64::from(before(self.b, base).is_ascii_alphabetic())
        };
        self.base = base;
        (self.mask, self.letters) = block_masks(self.b, base, letter_before);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, a byte at a time.
    fn stop_at(b: &[u8], i: usize) -> Option<Stop> {
        let c = b[i];
        if c.is_ascii_digit() {
            return Some(Stop::Digit(i));
        }
        let end = alpha_end(b, i);
        (c.is_ascii_alphabetic()
            && !before(b, i).is_ascii_alphabetic()
            && end - i > 2
            && words::may_start_at(b, i)
            && words::may_be_token(&b[i..end]))
        .then_some(Stop::Word((i, end)))
    }

    /// Every stop, resuming as the scan does: after a digit, past a word.
    fn all_stops(b: &[u8]) -> Vec<Stop> {
        let mut s = Stops::new(b);
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(stop) = s.next_from(pos) {
            out.push(stop);
            pos = match stop {
                Stop::Digit(i) => i + 1,
                Stop::Word(w) => w.1,
            };
        }
        out
    }

    /// [`all_stops`] without the articles that a block's last two bytes
    /// may give (the only short words that pass the prefix test); the test
    /// fails on any other short stop.
    fn long_stops(b: &[u8]) -> Vec<Stop> {
        let mut out = all_stops(b);
        out.retain(|s| match *s {
            Stop::Digit(_) => true,
            Stop::Word((i, end)) => {
                let w = &b[i..end];
                let article = w.eq_ignore_ascii_case(b"a") || w.eq_ignore_ascii_case(b"an");
                assert!(end - i > 2 || article, "short stop {w:?}");
                end - i > 2
            }
        });
        out
    }

    fn definition(b: &[u8]) -> Vec<Stop> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match stop_at(b, i) {
                Some(Stop::Word(w)) => {
                    out.push(Stop::Word(w));
                    i = w.1;
                }
                Some(stop) => {
                    out.push(stop);
                    i += 1;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn finds_digits_and_number_words() {
        let text = "The 3 thirds of CO19, for twenty-one é5 Éone;a\u{a0}two. Thousands a man, An 8, a\thundred";
        let b = text.as_bytes();
        let stops = long_stops(b);
        assert_eq!(stops, definition(b));
        let found: Vec<&str> = stops
            .iter()
            .map(|s| match *s {
                Stop::Digit(i) => &text[i..=i],
                Stop::Word((s, e)) => &text[s..e],
            })
            .collect();
        assert_eq!(
            found,
            [
                "3", "thirds", "1", "9", "twenty", "one", "5", "one", "two", "8", "hundred"
            ]
        );
    }

    #[test]
    fn agrees_with_the_definition_on_every_byte() {
        // Every byte value, at every offset in a block, after every kind of byte.
        let mut b = Vec::new();
        for c in 0..=255u8 {
            for prev in [b' ', b'x', b'7', 0xC3] {
                b.extend_from_slice(&[prev, c, b'w', b'o', b' ']);
            }
        }
        b.extend_from_slice(b"two thousand and ten 9 ");
        // Articles before every kind of word, and across block boundaries.
        for pad in 0..70 {
            b.extend(std::iter::repeat_n(b'x', pad));
            b.extend_from_slice(b" a third an hour A 5 a\ttenth a  million an\n");
        }
        // Words of one to four letters ending at every place of a block.
        for pad in 0..70 {
            b.extend(std::iter::repeat_n(b'.', pad));
            b.extend_from_slice(b" a an ten for six o on one a");
        }
        // Words across block boundaries, and longer than a block.
        for len in [1, 2, 3, 5, 8, 11, 12, 63, 64, 65, 130] {
            b.extend_from_slice(b"seven");
            b.extend(std::iter::repeat_n(b'n', len));
            b.extend_from_slice(b" a twenty ");
        }
        for start in 0..70 {
            let s = &b[start..];
            assert_eq!(long_stops(s), definition(s), "offset {start}");
        }
    }

    #[test]
    fn class_masks_agree_with_packing_by_rows() {
        // Every byte value at every position of a window, then windows of
        // pseudo-random bytes (a xorshift generator), half of them drawn from
        // the bytes at the classes' edges.
        let mut windows = Vec::new();
        for c in 0..=255u8 {
            for k in 0..WINDOW {
                let mut w = [b' '; WINDOW];
                w[k] = c;
                windows.push(w);
            }
        }
        let edges = b" 09azAZ/:@[`{\xc3";
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            let mut w = [0u8; WINDOW];
            for c in &mut w {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let r = (x >> 24) as u8;
                *c = if x & 1 == 0 {
                    edges[usize::from(r) % edges.len()]
                } else {
                    r
                };
            }
            windows.push(w);
        }
        for w in &windows {
            assert_eq!(class_masks(w), class_masks_by_rows(w), "{w:?}");
        }
    }

    #[test]
    fn resumes_past_skipped_text() {
        let b = b"one 22 three 4444444444 five";
        let mut s = Stops::new(b);
        assert_eq!(s.next_from(0), Some(Stop::Word((0, 3))));
        assert_eq!(s.next_from(6), Some(Stop::Word((7, 12))));
        assert_eq!(s.next_from(23), Some(Stop::Word((24, 28))));
        assert_eq!(s.next_from(28), None);
        assert_eq!(Stops::new(b"").next_from(0), None);
    }
}
