//! Percent and percentage-point units after a number: `34 per cent`, `5.3%`,
//! `34 percent`, `34pc`, `3 percentage points`, `25 basis points`.
//!
//! Input: bytes and the position right after a number (and its magnitude, if
//! any). Output: where the unit ends. The number's value is already in percent
//! units (`34 per cent` is 34), so these functions only find the unit's extent.

use super::lex::{Word, alpha_end, at, is, next_word, skip_spaces, space_len};

/// End of a percent unit starting at `i`, if there is one.
#[inline]
pub(crate) fn percent_after(b: &[u8], i: usize) -> Option<usize> {
    // Most numbers are followed by a space and a word: unless the word starts
    // with a `p`, there is no unit, and no call is made to find that out.
    let next = at(b, i + 1);
    if at(b, i) == b' ' && next.is_ascii_alphabetic() && next | 0x20 != b'p' {
        return None;
    }
    percent_after_slow(b, i)
}

/// [`percent_after`] past its shortcut.
fn percent_after_slow(b: &[u8], i: usize) -> Option<usize> {
    // The byte after the number tells which spelling can follow.
    match at(b, i) {
        b'%' => return Some(i + 1),
        // `34pc`, attached, and nothing else after it.
        b'p' | b'P' => {
            return (at(b, i + 1) | 0x20 == b'c' && !at(b, i + 2).is_ascii_alphanumeric())
                .then_some(i + 2);
        }
        // `-per-cent`, `-percent`
        b'-' => return per_cent_from(b, (i + 1, alpha_end(b, i + 1))),
        _ => {}
    }
    let sp = space_len(b, i);
    if sp == 0 {
        return None;
    }
    if at(b, i + sp) == b'%' {
        return Some(i + sp + 1);
    }
    // `per` and `percent` start with a `p`, one or two bytes past the space:
    // most words after a number are rejected without being read.
    if at(b, i + sp) | 0x20 != b'p' && at(b, i + sp + 1) | 0x20 != b'p' {
        return None;
    }
    let w = next_word(b, i)?;
    if w.0 > i + sp + 1 {
        return None;
    }
    per_cent_from(b, w)
}

/// `per cent`, `per-cent` or `percent` starting with word `w`.
fn per_cent_from(b: &[u8], w: Word) -> Option<usize> {
    if is(b, w, "percent") {
        return Some(w.1);
    }
    if !is(b, w, "per") {
        return None;
    }
    let sep = if at(b, w.1) == b'-' {
        1
    } else {
        space_len(b, w.1)
    };
    if sep == 0 {
        return None;
    }
    let cent = (w.1 + sep, alpha_end(b, w.1 + sep));
    is(b, cent, "cent").then_some(cent.1)
}

/// A percentage-point unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PointsUnit {
    pub end: usize,
    /// Written `percentage point(s)` or `basis point(s)`: points for certain. A bare
    /// `points` is points only when percentages are being discussed.
    pub explicit: bool,
    /// Value factor into percentage points: 0.01 for basis points.
    pub factor: f64,
}

/// A percentage-point unit starting at `i`.
#[inline]
pub(crate) fn points_after(b: &[u8], i: usize) -> Option<PointsUnit> {
    // A space and a word that starts with neither `p` nor `b`: no unit.
    let next = at(b, i + 1);
    if at(b, i) == b' ' && next.is_ascii_alphabetic() && !matches!(next | 0x20, b'p' | b'b') {
        return None;
    }
    points_after_slow(b, i)
}

/// [`points_after`] past its shortcut.
fn points_after_slow(b: &[u8], i: usize) -> Option<PointsUnit> {
    if space_len(b, i) == 0 {
        return None;
    }
    // `point(s)`, `percentage` and `basis` start with a `p` or a `b`.
    if !matches!(at(b, skip_spaces(b, i)) | 0x20, b'p' | b'b') {
        return None;
    }
    let w = next_word(b, i)?;
    if is(b, w, "point") || is(b, w, "points") {
        return Some(PointsUnit {
            end: w.1,
            explicit: false,
            factor: 1.0,
        });
    }
    let basis = is(b, w, "basis");
    if !(basis || is(b, w, "percentage")) {
        return None;
    }
    let sep = at(b, w.1);
    if sep != b' ' && sep != b'-' {
        return None;
    }
    let p = (w.1 + 1, alpha_end(b, w.1 + 1));
    (is(b, p, "point") || is(b, p, "points")).then_some(PointsUnit {
        end: p.1,
        explicit: true,
        factor: if basis { 0.01 } else { 1.0 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_percent_spellings() {
        assert_eq!(percent_after(b"% rise", 0), Some(1));
        assert_eq!(percent_after(b" per cent rise", 0), Some(9));
        assert_eq!(percent_after(b" Per Cent", 0), Some(9));
        assert_eq!(percent_after(b" percent of", 0), Some(8));
        assert_eq!(percent_after(b"pc rise", 0), Some(2));
        assert_eq!(percent_after(b"-per-cent rise", 0), Some(9));
        assert_eq!(percent_after(b"pcs", 0), None);
        assert_eq!(percent_after(b" performers", 0), None);
        assert_eq!(percent_after(b" per head", 0), None);
    }

    /// The shortcuts change no answer: every byte after a number, then every
    /// byte after a space.
    #[test]
    fn shortcuts_agree_with_the_full_reading() {
        let tails = ["", "er cent", "ercent", "oints", "asis points", "c", "%"];
        for c1 in 0..=255u8 {
            for c0 in [b' ', b'\t', b'-', b'p', c1] {
                for tail in tails {
                    let mut text = vec![b'5', c0, c1];
                    text.extend_from_slice(tail.as_bytes());
                    assert_eq!(
                        percent_after(&text, 1),
                        percent_after_slow(&text, 1),
                        "{text:?}"
                    );
                    assert_eq!(
                        points_after(&text, 1),
                        points_after_slow(&text, 1),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn finds_points() {
        let p = points_after(b" percentage points higher", 0);
        assert_eq!(p.map(|p| (p.end, p.explicit)), Some((18, true)));
        assert_eq!(points_after(b" points", 0).map(|p| p.explicit), Some(false));
        assert_eq!(
            points_after(b" basis points", 0).map(|p| p.factor),
            Some(0.01)
        );
    }
}
