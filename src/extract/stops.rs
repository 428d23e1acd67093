//! Where the scan has to look: the positions of the text that may start a
//! numeric mention.
//!
//! A stop is a digit (any digit: `CO19` is rejected by the recogniser, not
//! here), or an ASCII letter that starts a word (the byte before it is not an
//! ASCII letter) and whose first three letters begin some number word
//! ([`words::may_start_at`]). Everything else, which is nearly all of a news
//! article, needs no work.
//!
//! Why this shape: looking at the text a byte at a time with table lookups
//! cost about 16 instructions a byte, most of the extract stage. Here the text
//! is classified 64 bytes at a time: eight bytes at once with plain integer
//! arithmetic on a `u64` (SWAR, "SIMD within a register": no `unsafe` and no
//! target features), the answers packed one bit per byte into a 64-bit mask;
//! only the word starts (about one byte in six) then get the three-byte prefix
//! lookup, which is branch-free so that its outcome is never mispredicted. The
//! scan visits the few remaining bits with `trailing_zeros`.

use super::lex::before;
use super::words;

/// Bytes classified at a time: one bit each in a `u64`.
const BLOCK: usize = 64;
/// A block plus the two bytes that a prefix at its last byte reads.
const WINDOW: usize = BLOCK + 2;

/// 0x01 in every byte.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// 0x80 in every byte: the bit that answers the per-byte questions below.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// Per byte of `x`, the high bit set when the byte is ASCII and at least `n`
/// (`n` ≤ 0x80). Setting every high bit first keeps each byte's subtraction
/// from borrowing from its neighbour; non-ASCII bytes give garbage that
/// [`in_range`] masks out.
#[inline]
const fn at_least(x: u64, n: u8) -> u64 {
    (x | HIGH).wrapping_sub(ONES * n as u64)
}

/// Per byte of `x`, the high bit set when the byte is in `lo..=hi` (ASCII).
#[inline]
const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1) & !x & HIGH
}

/// The high bits of the eight bytes of `m`, packed into its low eight bits (byte
/// `k` to bit `k`). The multiplier moves bit `8k` to bit `56 + k`; no two of its
/// partial products meet, so nothing carries.
#[inline]
const fn pack(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Bit `k` set when byte `base + k` is a stop, for `k` in `0..64`. Past the end
/// of the text reads as zero bytes, which are never stops (as [`lex::at`] does).
///
/// [`lex::at`]: super::lex::at
#[inline]
fn block_mask(b: &[u8], base: usize) -> u64 {
    let rest = b.get(base..).unwrap_or(&[]);
    let mut padded = [0u8; WINDOW];
    let window = if let Some(w) = rest.first_chunk::<WINDOW>() {
        w
    } else {
        let n = rest.len().min(WINDOW);
        padded[..n].copy_from_slice(&rest[..n]);
        &padded
    };
    let mut digits = 0;
    let mut letters = 0;
    for (k, chunk) in window.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let x = u64::from_le_bytes(bytes);
        digits |= pack(in_range(x, b'0', b'9')) << (8 * k);
        // `| 0x20` lower-cases ASCII letters and maps no other byte into `a..=z`.
        letters |= pack(in_range(x | (ONES * 0x20), b'a', b'z')) << (8 * k);
    }
    let letter_before = u64::from(before(b, base).is_ascii_alphabetic());
    let mut starts = letters & !((letters << 1) | letter_before);
    let mut words = 0;
    while starts != 0 {
        let k = starts.trailing_zeros() as usize % BLOCK;
        starts &= starts - 1;
        words |= words::prefix_bit(window[k], window[k + 1], window[k + 2]) << k;
    }
    digits | words
}

/// The stops of a text, found left to right from wherever the scan resumes.
pub(crate) struct Stops<'a> {
    b: &'a [u8],
    /// Start of the bytes that `mask` describes.
    base: usize,
    /// Stops in `base..base + 64` not yet visited (bit `k` for `base + k`).
    mask: u64,
}

impl<'a> Stops<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        Self {
            b,
            base: 0,
            mask: block_mask(b, 0),
        }
    }

    /// The first stop at or after `pos`. `pos` must not go backwards between
    /// calls (the scan only moves forward).
    #[inline]
    pub(crate) fn next_from(&mut self, pos: usize) -> Option<usize> {
        if pos >= self.base + BLOCK {
            self.base = pos;
            self.mask = block_mask(self.b, pos);
        } else if pos > self.base {
            // Forget the bytes before `pos` (fewer than 64, so the shift fits).
            self.mask &= u64::MAX << (pos - self.base);
        }
        while self.mask == 0 {
            self.base += BLOCK;
            if self.base >= self.b.len() {
                return None;
            }
            self.mask = block_mask(self.b, self.base);
        }
        let i = self.base + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, a byte at a time.
    fn is_stop(b: &[u8], i: usize) -> bool {
        let c = b[i];
        c.is_ascii_digit()
            || (c.is_ascii_alphabetic()
                && !before(b, i).is_ascii_alphabetic()
                && words::may_start_at(b, i))
    }

    fn all_stops(b: &[u8]) -> Vec<usize> {
        let mut s = Stops::new(b);
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(i) = s.next_from(pos) {
            out.push(i);
            pos = i + 1;
        }
        out
    }

    #[test]
    fn finds_digits_and_number_word_starts() {
        let text = "The 3 thirds of CO19, twenty-one é5 Éone;a\u{a0}two.";
        let b = text.as_bytes();
        let want: Vec<usize> = (0..b.len()).filter(|&i| is_stop(b, i)).collect();
        assert_eq!(all_stops(b), want);
        let words: Vec<&str> = want
            .iter()
            .map(|&i| &text[i..super::super::lex::alnum_end(b, i)])
            .collect();
        assert_eq!(
            words,
            [
                "3", "thirds", "19", "9", "twenty", "one", "5", "one", "a", "two"
            ]
        );
    }

    #[test]
    fn agrees_with_the_definition_on_every_byte() {
        // Every byte value, at every offset in a chunk, after every kind of byte.
        let mut b = Vec::new();
        for c in 0..=255u8 {
            for prev in [b' ', b'x', b'7', 0xC3] {
                b.extend_from_slice(&[prev, c, b'w', b'o', b' ']);
            }
        }
        b.extend_from_slice(b"two thousand and ten 9");
        for start in 0..70 {
            let s = &b[start..];
            let want: Vec<usize> = (0..s.len()).filter(|&i| is_stop(s, i)).collect();
            assert_eq!(all_stops(s), want, "offset {start}");
        }
    }

    #[test]
    fn resumes_past_skipped_text() {
        let b = b"one 22 three 4444444444 five";
        let mut s = Stops::new(b);
        assert_eq!(s.next_from(0), Some(0));
        assert_eq!(s.next_from(6), Some(7));
        assert_eq!(s.next_from(23), Some(24));
        assert_eq!(s.next_from(25), None);
        assert_eq!(Stops::new(b"").next_from(0), None);
    }
}
