//! Character classes for the segmenter: whitespace, the non-ASCII sentence
//! terminators of UAX #29, closing and opening punctuation, bullets, and the
//! few non-ASCII characters the segmenter has to look at.
//!
//! The terminator table mirrors the `STerm` and `ATerm` values of the Unicode
//! `Sentence_Break` property as shipped by `unicode-segmentation` (which keeps its
//! tables private); a unit test checks the two agree on every character up to
//! U+1FFFF, so an update of that crate that moves a character fails loudly.

/// Whitespace as the segmenter trims it: Unicode `White_Space` plus the byte order
/// mark U+FEFF, which a file may carry at its start and which is invisible.
#[inline]
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// ASCII whitespace bytes (space, tab, LF, VT, FF, CR).
#[inline]
pub(super) fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// 0x01 and 0x80 in every byte of a `u64`.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// Per byte of `x`, 0x80 when the byte may be (part of) whitespace: an ASCII
/// byte up to the space (all of ASCII whitespace, and the control bytes), or a
/// non-ASCII byte. Every other byte is printable ASCII, never whitespace. SWAR:
/// with the high bits set first, subtracting 0x21 borrows from no neighbour and
/// leaves a byte's high bit clear exactly when it was below 0x21.
#[inline]
pub(super) const fn space_or_wide_bits(x: u64) -> u64 {
    let below_0x21 = !(x | HIGH).wrapping_sub(ONES * 0x21) & HIGH;
    (x & HIGH) | below_0x21
}

/// End of the run of ASCII letters starting at `i`, reading at most `max` bytes
/// (at most 16): eight bytes at a time when the text has sixteen from `i`.
#[inline]
pub(super) fn letters_end(bytes: &[u8], i: usize, max: usize) -> usize {
    debug_assert!(max <= 16);
    if let Some(w) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        let (lo, hi) = w.split_at(8);
        let mut n = 0;
        for half in [lo, hi] {
            let mut x = [0u8; 8];
            x.copy_from_slice(half);
            let x = u64::from_le_bytes(x);
            // Letters, either case: `| 0x20` maps no other byte into `a..=z`.
            let l = x | (ONES * 0x20);
            let ge_a = (l | HIGH).wrapping_sub(ONES * u64::from(b'a'));
            let gt_z = (l | HIGH).wrapping_sub(ONES * u64::from(b'z' + 1));
            let letters = ge_a & !gt_z & !x & HIGH;
            let others = !letters & HIGH;
            if others != 0 {
                n += others.trailing_zeros() as usize / 8;
                return i + n.min(max);
            }
            n += 8;
        }
        return i + n.min(max);
    }
    let mut j = i;
    while j - i < max && bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
        j += 1;
    }
    j
}

/// A non-ASCII sentence terminator: `Sentence_Break` = `STerm` or `ATerm` (UAX #29,
/// table 4), for example `。` `！` `？` `‼` `؟` `।`. ASCII `.` `!` `?` are handled by
/// the byte scan and are not repeated here.
#[rustfmt::skip]
pub(super) fn is_wide_terminator(c: char) -> bool {
    matches!(c,
        '\u{589}' | '\u{61d}'..='\u{61f}' | '\u{6d4}' | '\u{700}'..='\u{702}' | '\u{7f9}'
        | '\u{837}' | '\u{839}' | '\u{83d}'..='\u{83e}' | '\u{964}'..='\u{965}'
        | '\u{104a}'..='\u{104b}' | '\u{1362}' | '\u{1367}'..='\u{1368}' | '\u{166e}'
        | '\u{1735}'..='\u{1736}' | '\u{17d4}'..='\u{17d5}' | '\u{1803}' | '\u{1809}'
        | '\u{1944}'..='\u{1945}' | '\u{1aa8}'..='\u{1aab}' | '\u{1b4e}'..='\u{1b4f}'
        | '\u{1b5a}'..='\u{1b5b}' | '\u{1b5e}'..='\u{1b5f}' | '\u{1b7d}'..='\u{1b7f}'
        | '\u{1c3b}'..='\u{1c3c}' | '\u{1c7e}'..='\u{1c7f}' | '\u{2024}'
        | '\u{203c}'..='\u{203d}' | '\u{2047}'..='\u{2049}' | '\u{2cf9}'..='\u{2cfb}'
        | '\u{2e2e}' | '\u{2e3c}' | '\u{2e53}'..='\u{2e54}' | '\u{3002}' | '\u{a4ff}'
        | '\u{a60e}'..='\u{a60f}' | '\u{a6f3}' | '\u{a6f7}' | '\u{a876}'..='\u{a877}'
        | '\u{a8ce}'..='\u{a8cf}' | '\u{a92f}' | '\u{a9c8}'..='\u{a9c9}'
        | '\u{aa5d}'..='\u{aa5f}' | '\u{aaf0}'..='\u{aaf1}' | '\u{abeb}' | '\u{fe12}'
        | '\u{fe15}'..='\u{fe16}' | '\u{fe52}' | '\u{fe56}'..='\u{fe57}' | '\u{ff01}'
        | '\u{ff0e}' | '\u{ff1f}' | '\u{ff61}' | '\u{10a56}'..='\u{10a57}'
        | '\u{10f55}'..='\u{10f59}' | '\u{10f86}'..='\u{10f89}' | '\u{11047}'..='\u{11048}'
        | '\u{110be}'..='\u{110c1}' | '\u{11141}'..='\u{11143}' | '\u{111c5}'..='\u{111c6}'
        | '\u{111cd}' | '\u{111de}'..='\u{111df}' | '\u{11238}'..='\u{11239}'
        | '\u{1123b}'..='\u{1123c}' | '\u{112a9}' | '\u{113d4}'..='\u{113d5}'
        | '\u{1144b}'..='\u{1144c}' | '\u{115c2}'..='\u{115c3}' | '\u{115c9}'..='\u{115d7}'
        | '\u{11641}'..='\u{11642}' | '\u{1173c}'..='\u{1173e}' | '\u{11944}' | '\u{11946}'
        | '\u{11a42}'..='\u{11a43}' | '\u{11a9b}'..='\u{11a9c}' | '\u{11c41}'..='\u{11c42}'
        | '\u{11ef7}'..='\u{11ef8}' | '\u{11f43}'..='\u{11f44}' | '\u{16a6e}'..='\u{16a6f}'
        | '\u{16af5}' | '\u{16b37}'..='\u{16b38}' | '\u{16b44}' | '\u{16d6e}'..='\u{16d6f}'
        | '\u{16e98}' | '\u{1bc9f}' | '\u{1da88}'
    )
}

/// The horizontal ellipsis `…`: not a UAX #29 terminator, but written where `...`
/// would be, so it gets the same treatment.
pub(super) const ELLIPSIS: char = '\u{2026}';

/// Closing punctuation that stays with the sentence before it: `."` `.)` `.’` `。」`.
#[inline]
pub(super) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '’'
            | '”'
            | '»'
            | '›'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
    )
}

/// Opening punctuation looked through when judging the next sentence's first letter.
#[inline]
pub(super) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '‘' | '“' | '«' | '‹' | '¿' | '¡' | '「' | '『' | '（'
    )
}

/// List bullets: a bullet after whitespace starts a new sentence (Golden Rules 37, 38).
#[inline]
pub(super) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '●')
}

/// Line separators outside ASCII: NEL and LINE SEPARATOR break a line,
/// PARAGRAPH SEPARATOR ends a paragraph.
pub(super) const NEL: char = '\u{85}';
pub(super) const LINE_SEPARATOR: char = '\u{2028}';
pub(super) const PARAGRAPH_SEPARATOR: char = '\u{2029}';

/// Whether the segmenter has to stop at this non-ASCII character.
#[inline]
pub(super) fn is_interesting(c: char) -> bool {
    matches!(c, ELLIPSIS | NEL | LINE_SEPARATOR | PARAGRAPH_SEPARATOR)
        || is_bullet(c)
        || is_wide_terminator(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// UAX #29 is the reference for which characters end a sentence: "a", the
    /// character, " B" splits in two exactly when the character is `STerm` or `ATerm`
    /// (whitespace and separators, which split on their own, are left out).
    #[test]
    fn terminator_table_matches_unicode_segmentation() {
        let mut buf = String::new();
        let mut mismatches = Vec::new();
        for c in (0x80..=0x1_ffff_u32).filter_map(char::from_u32) {
            if is_space(c) {
                continue;
            }
            buf.clear();
            buf.push('a');
            buf.push(c);
            buf.push_str(" B");
            let splits = buf.split_sentence_bounds().count() == 2;
            if splits != is_wide_terminator(c) {
                mismatches.push(c);
            }
        }
        assert!(mismatches.is_empty(), "differ from UAX #29: {mismatches:?}");
    }

    #[test]
    fn byte_classes_agree_with_their_definitions() {
        for c in 0..=255u8 {
            for pos in 0..8 {
                let mut w = [b'x'; 8];
                w[pos] = c;
                let x = u64::from_le_bytes(w);
                let want = if c <= b' ' || c >= 0x80 {
                    0x80u64 << (8 * pos)
                } else {
                    0
                };
                assert_eq!(space_or_wide_bits(x), want, "{c:#x} at {pos}");
            }
        }
        // Runs of letters of every length, ended by every byte, near the end
        // of the text and far from it.
        for c in 0..=255u8 {
            for len in 0..20 {
                for tail in [0, 1, 20] {
                    let mut b = vec![b'k'; len];
                    b[..len.min(3)].fill(b'Q');
                    b.push(c);
                    b.extend(std::iter::repeat_n(b'z', tail));
                    for max in [0, 5, 16] {
                        let mut j = 0;
                        while j < max && b.get(j).is_some_and(u8::is_ascii_alphabetic) {
                            j += 1;
                        }
                        assert_eq!(letters_end(&b, 0, max), j, "{c:#x} {len} {tail} {max}");
                    }
                }
            }
        }
    }
}
