//! Byte-level helpers shared by the recognisers: words, spaces and neighbours.
//!
//! Input: the article's bytes and positions on char boundaries. Output: positions
//! and word ranges. Every accessor is total: reading past either end gives `0`,
//! never a panic, so recognisers can look around freely. Words are runs of ASCII
//! letters; anything else (digits, punctuation, non-ASCII) separates them.

/// The byte at `i`, or 0 past the end.
#[inline]
pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The byte just before `i`, or 0 at the start.
#[inline]
pub(crate) fn before(b: &[u8], i: usize) -> u8 {
    i.checked_sub(1).map_or(0, |j| at(b, j))
}

/// 0x01 in every byte of a `u64`.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// 0x80 in every byte: the bit that answers the per-byte questions below.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// Per byte of `x`, the high bit set when the byte is in `lo..=hi` (`hi` <
/// 0x7F). This is SWAR, "SIMD within a register": setting every high bit
/// before subtracting keeps each byte from borrowing from its neighbour, and
/// `!x` drops the non-ASCII bytes.
#[inline]
const fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = (x | HIGH).wrapping_sub(ONES * lo as u64);
    let above_hi = (x | HIGH).wrapping_sub(ONES * (hi as u64 + 1));
    at_least_lo & !above_hi & !x & HIGH
}

/// Per byte of `x`, the high bit set when the byte is an ASCII letter (`| 0x20`
/// lower-cases letters and maps no other byte into `a..=z`).
#[inline]
const fn letter_bits(x: u64) -> u64 {
    in_range(x | (ONES * 0x20), b'a', b'z')
}

/// The eight bytes at `i`, the first in the low byte, if there are eight.
#[inline]
fn eight_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..)
        .and_then(<[u8]>::first_chunk::<8>)
        .map(|c| u64::from_le_bytes(*c))
}

// Why eight bytes at a time below: the words around a number are short and of
// every length, so a byte loop's exit is a branch the processor mispredicts
// about once a word; a word's end is a `trailing_zeros` away in a `u64`.

/// End of the run of ASCII letters starting at `i`.
#[inline]
pub(crate) fn alpha_end(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = eight_at(b, i) {
        let others = !letter_bits(x) & HIGH;
        if others != 0 {
            return i + others.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while at(b, i).is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Start of the run of ASCII letters ending at `i` (exclusive).
#[inline]
pub(crate) fn alpha_start(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = i.checked_sub(8).and_then(|s| eight_at(b, s)) {
        // The byte just before `i` is the highest.
        let others = !letter_bits(x) & HIGH;
        if others != 0 {
            return i - others.leading_zeros() as usize / 8;
        }
        i -= 8;
    }
    while before(b, i).is_ascii_alphabetic() {
        i -= 1;
    }
    i
}

/// End of the run of ASCII letters and digits starting at `i`.
pub(crate) fn alnum_end(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = eight_at(b, i) {
        let others = !(letter_bits(x) | in_range(x, b'0', b'9')) & HIGH;
        if others != 0 {
            return i + others.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while at(b, i).is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// True for the spaces that may separate the words of one phrase.
#[inline]
pub(crate) fn is_space(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Byte length of the space starting at `i`, 0 for none: a space or tab, or the
/// no-break spaces that CMS exports and HTML `&nbsp;` put between a number and its
/// unit (`34\u{a0}per cent`): U+00A0, U+202F (narrow), U+2009 (thin), U+200A (hair).
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b' ' | b'\t' => 1,
        0xC2 if at(b, i + 1) == 0xA0 => 2,
        0xE2 if at(b, i + 1) == 0x80 && matches!(at(b, i + 2), 0xAF | 0x89 | 0x8A) => 3,
        _ => 0,
    }
}

/// Byte length of the space that ends just before `i`, 0 for none (as [`space_len`]).
#[inline]
pub(crate) fn space_len_back(b: &[u8], i: usize) -> usize {
    let c = before(b, i);
    if is_space(c) {
        1
    } else if c < 0x80 {
        // The wide spaces end in a continuation byte: any other ASCII byte
        // (a letter, most often) ends no space.
        0
    } else if i >= 2 && b[i - 2] == 0xC2 && b[i - 1] == 0xA0 {
        2
    } else if i >= 3
        && b[i - 3] == 0xE2
        && b[i - 2] == 0x80
        && matches!(b[i - 1], 0xAF | 0x89 | 0x8A)
    {
        3
    } else {
        0
    }
}

/// Position after the spaces starting at `i`.
#[inline]
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = space_len(b, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

/// Position of the first space before `i` that is preceded by non-space: the end
/// of the previous token.
#[inline]
pub(crate) fn skip_spaces_back(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = space_len_back(b, i);
        if n == 0 {
            return i;
        }
        i -= n;
    }
}

/// A word as a half-open byte range.
pub(crate) type Word = (usize, usize);

/// The word that starts after the spaces at `i` (at least one space required
/// unless `i` is already at a letter).
#[inline]
pub(crate) fn next_word(b: &[u8], i: usize) -> Option<Word> {
    let s = skip_spaces(b, i);
    let e = alpha_end(b, s);
    (e > s).then_some((s, e))
}

/// The word that ends before the spaces just before `i`.
#[inline]
pub(crate) fn prev_word(b: &[u8], i: usize) -> Option<Word> {
    let e = skip_spaces_back(b, i);
    let s = alpha_start(b, e);
    (e > s).then_some((s, e))
}

/// Whether `w` spells `lower` (given in lower case), ignoring ASCII case.
#[inline]
pub(crate) fn is(b: &[u8], w: Word, lower: &str) -> bool {
    b.get(w.0..w.1)
        .is_some_and(|s| s.eq_ignore_ascii_case(lower.as_bytes()))
}

/// Whether `w` is one of `words` (given in lower case), ignoring ASCII case.
#[inline]
pub(crate) fn is_any(b: &[u8], w: Word, words: &[&str]) -> bool {
    let Some(s) = b.get(w.0..w.1) else {
        return false;
    };
    words.iter().any(|x| s.eq_ignore_ascii_case(x.as_bytes()))
}

/// Lower-cases `w` into `buf`; empty when the word is longer than the buffer
/// (no number word or unit is that long).
#[inline]
pub(crate) fn lower<'a>(b: &[u8], w: Word, buf: &'a mut [u8; 16]) -> &'a [u8] {
    let Some(src) = b.get(w.0..w.1) else {
        return &[];
    };
    if src.len() > buf.len() {
        return &[];
    }
    if let (Some(x), Some(y)) = (eight_at(b, w.0), eight_at(b, w.0 + 8)) {
        // Sixteen bytes in two steps, `A..=Z` gaining 0x20 (the high bit moved
        // down two places); the bytes past the word are never read back.
        let lower = |x: u64| x | (in_range(x, b'A', b'Z') >> 2);
        buf[..8].copy_from_slice(&lower(x).to_le_bytes());
        buf[8..].copy_from_slice(&lower(y).to_le_bytes());
    } else {
        for (d, s) in buf.iter_mut().zip(src) {
            *d = s.to_ascii_lowercase();
        }
    }
    &buf[..src.len()]
}

/// Whether the word starts with an upper-case letter.
#[inline]
pub(crate) fn is_capitalised(b: &[u8], w: Word) -> bool {
    at(b, w.0).is_ascii_uppercase()
}

/// Whether `b[..i]` ends with `lit` (exact bytes).
#[inline]
pub(crate) fn ends_with(b: &[u8], i: usize, lit: &[u8]) -> bool {
    i >= lit.len() && b.get(i - lit.len()..i) == Some(lit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_neighbouring_words() {
        let b = b"rose  by 5%";
        assert_eq!(next_word(b, 4), Some((6, 8)));
        assert_eq!(prev_word(b, 9), Some((6, 8)));
        assert!(is(b, (6, 8), "by"));
        assert_eq!(before(b, 0), 0);
        assert_eq!(at(b, 99), 0);
    }

    #[test]
    fn word_edges_agree_with_a_byte_loop() {
        // Every byte value next to runs of every length up to two chunks,
        // near both ends of the text.
        let mut text = Vec::new();
        for c in 0..=255u8 {
            for len in 0..18 {
                text.push(c);
                text.extend((0..len).map(|k| if k % 3 == 0 { b'Q' } else { b'x' }));
                text.push(b'7');
            }
        }
        for i in 0..=text.len() + 2 {
            let mut e = i;
            while at(&text, e).is_ascii_alphabetic() {
                e += 1;
            }
            assert_eq!(alpha_end(&text, i), e, "alpha_end at {i}");
            let mut e = i;
            while at(&text, e).is_ascii_alphanumeric() {
                e += 1;
            }
            assert_eq!(alnum_end(&text, i), e, "alnum_end at {i}");
            let mut s = i;
            while before(&text, s).is_ascii_alphabetic() {
                s -= 1;
            }
            assert_eq!(alpha_start(&text, i), s, "alpha_start at {i}");
        }
    }

    #[test]
    fn lowers_every_byte_as_to_ascii_lowercase() {
        let text: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        let mut buf = [0; 16];
        for start in 0..text.len() {
            for len in 0..=16 {
                let w = (start, (start + len).min(text.len()));
                let want: Vec<u8> = text[w.0..w.1].to_ascii_lowercase();
                assert_eq!(lower(&text, w, &mut buf), want.as_slice(), "{w:?}");
            }
        }
    }

    #[test]
    fn lowers_short_words_only() {
        let mut buf = [0; 16];
        assert_eq!(lower(b"Twenty", (0, 6), &mut buf), b"twenty");
        let long = b"Supercalifragilistic";
        assert!(lower(long, (0, long.len()), &mut buf).is_empty());
    }
}

#[cfg(test)]
mod space_tests {
    use super::*;

    #[test]
    fn no_break_spaces_are_spaces_both_ways() {
        for (text, len) in [
            (" x", 1),
            ("\tx", 1),
            ("\u{a0}x", 2),
            ("\u{202f}x", 3),
            ("\u{2009}x", 3),
        ] {
            let b = text.as_bytes();
            assert_eq!(space_len(b, 0), len, "{text:?}");
            assert_eq!(space_len_back(b, len), len, "{text:?}");
            assert_eq!(skip_spaces(b, 0), len);
        }
        assert_eq!(space_len("\u{2028}".as_bytes(), 0), 0);
        assert_eq!(space_len("é".as_bytes(), 0), 0);
        assert_eq!(skip_spaces_back("a \u{a0} ".as_bytes(), 5), 1);
    }

    #[test]
    fn units_after_a_no_break_space_stay_with_their_number() {
        let text = "Prices rose 6\u{a0}per\u{a0}cent, then 5\u{202f}%, to £3\u{a0}bn.";
        let a = crate::analyze(text);
        let texts: Vec<&str> = a.claims.iter().map(|c| c.span.slice(text)).collect();
        assert!(texts.contains(&"6\u{a0}per\u{a0}cent"), "{texts:?}");
        assert!(texts.contains(&"5\u{202f}%"), "{texts:?}");
        assert!(texts.contains(&"£3\u{a0}bn"), "{texts:?}");
    }
}
