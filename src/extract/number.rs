//! Numbers written in digits: `3,903`, `5.3`, `1,234.56`, and the magnitudes that
//! scale them (`2.4m`, `3bn`, `1.5 million`).
//!
//! Input: bytes and the position of a digit. Output: the number's end, value and
//! written precision. Values are always finite: a run of more than
//! [`MAX_INT_DIGITS`] digits is not a number a reader checks, so it is skipped
//! rather than parsed into a huge or infinite float.

use super::lex::{alpha_end, at, lower, space_len};

/// Longest integer part parsed; longer runs (IDs, hashes) are skipped.
pub(crate) const MAX_INT_DIGITS: usize = 18;
/// Longest decimal part kept; more digits than this carry no claim precision.
const MAX_DECIMALS: usize = 12;

/// A number in digits as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Digits {
    /// End of the number (after the last digit).
    pub end: usize,
    pub value: f64,
    /// Unit of the last written digit: 1 for `34`, 0.1 for `5.3`.
    pub step: f64,
    /// Digits before the decimal point (separators not counted).
    pub int_len: usize,
    /// Written with thousands separators (`3,903`).
    pub grouped: bool,
    /// Digits after the decimal point.
    pub decimals: usize,
    /// Starts with a `0` followed by another digit (`0227`, `020`): a code or a
    /// clock time, not an amount.
    pub lead_zero: bool,
}

impl Digits {
    /// A whole number written with plain digits only (`2004`, `34`).
    pub(crate) fn plain_int(&self) -> bool {
        !self.grouped && self.decimals == 0
    }
}

/// What [`parse`] found at a digit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Parsed {
    Num(Digits),
    /// Not a number a reader would check (too long, a version such as `2.6.11`);
    /// scanning resumes at the position given.
    Skip(usize),
}

/// Parses the digits at `start` (which must be an ASCII digit).
///
/// Thousands separators are accepted only in groups of three after a first group
/// of one to three digits (`1,234,567`); `1, 234` stops at the comma, as a list.
pub(crate) fn parse(b: &[u8], start: usize) -> Parsed {
    let mut n = 0;
    let mut i = start;
    // The integer part's value, exact: at most 18 digits fit a u64.
    let mut whole: u64 = 0;
    while at(b, i).is_ascii_digit() {
        if n >= MAX_INT_DIGITS {
            return Parsed::Skip(skip_number_run(b, i));
        }
        whole = whole * 10 + u64::from(at(b, i) - b'0');
        n += 1;
        i += 1;
    }
    let first_group = n;
    let mut grouped = false;
    if first_group <= 3 {
        // `,ddd` followed by a non-digit, repeatedly.
        while at(b, i) == b','
            && at(b, i + 1).is_ascii_digit()
            && at(b, i + 2).is_ascii_digit()
            && at(b, i + 3).is_ascii_digit()
            && !at(b, i + 4).is_ascii_digit()
        {
            if n + 3 > MAX_INT_DIGITS {
                return Parsed::Skip(skip_number_run(b, i));
            }
            for &d in &b[i + 1..i + 4] {
                whole = whole * 10 + u64::from(d - b'0');
            }
            n += 3;
            i += 4;
            grouped = true;
        }
    }
    let int_len = n;
    let mut decimals = 0;
    // The digits kept after the point (at most `MAX_DECIMALS`), as a number.
    let mut fraction: u64 = 0;
    let point = i;
    if at(b, i) == b'.' && at(b, i + 1).is_ascii_digit() {
        n += 1;
        i += 1;
        while at(b, i).is_ascii_digit() {
            if decimals < MAX_DECIMALS {
                fraction = fraction * 10 + u64::from(at(b, i) - b'0');
                n += 1;
                decimals += 1;
            }
            i += 1;
        }
        // A second point makes it a version or an address (`2.6.11`, `192.168.1.2`).
        if at(b, i) == b'.' && at(b, i + 1).is_ascii_digit() {
            return Parsed::Skip(skip_number_run(b, i));
        }
    }
    // A whole number converts exactly as `str::parse` would (both round
    // correctly); so does a decimal of at most 15 digits, as its digits over a
    // power of ten (both exact in an `f64`, so the one division rounds
    // correctly: the parser's own fast path). Only longer decimals need the
    // general float parser, given the digits kept (`n` bytes with the point).
    let value = if decimals == 0 && n > 0 {
        Some(whole as f64)
    } else if decimals > 0 && n <= 16 {
        let digits = whole * 10u64.pow(decimals as u32) + fraction;
        Some(digits as f64 / pow10(decimals as i32))
    } else {
        let mut buf = [0u8; MAX_INT_DIGITS + MAX_DECIMALS + 2];
        let kept = b
            .get(start..point)
            .unwrap_or(&[])
            .iter()
            .filter(|c| c.is_ascii_digit())
            .chain(b".")
            .chain(b.get(point + 1..).unwrap_or(&[]).iter().take(decimals));
        for (d, &c) in buf.iter_mut().zip(kept) {
            *d = c;
        }
        std::str::from_utf8(&buf[..n])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
    };
    let Some(value) = value.filter(|v| v.is_finite()) else {
        return Parsed::Skip(i.max(start + 1));
    };
    Parsed::Num(Digits {
        end: i,
        value,
        step: pow10(-(decimals as i32)),
        int_len,
        grouped,
        decimals,
        lead_zero: int_len > 1 && at(b, start) == b'0',
    })
}

/// Skips digits, separators and points from `i`.
fn skip_number_run(b: &[u8], mut i: usize) -> usize {
    while matches!(at(b, i), b'0'..=b'9' | b',' | b'.') && {
        let c = at(b, i);
        c.is_ascii_digit() || at(b, i + 1).is_ascii_digit()
    } {
        i += 1;
    }
    i
}

/// 10 to the power `e`, for the small exponents used here.
///
/// From a table for |e| <= 22, the powers of ten that are exact in an `f64`:
/// there `powi` multiplies exact powers (so exactly) and a negative power is one
/// correctly rounded division, so it gives the correctly rounded value, which
/// is what the literals are (a test compares the two). Every number has a step,
/// and `powi` is a call to a loop.
#[inline]
pub(crate) fn pow10(e: i32) -> f64 {
    const EXACT: [f64; 45] = [
        1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17, 1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10,
        1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
        1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
        1e22,
    ];
    match usize::try_from(e + 22).ok().and_then(|i| EXACT.get(i)) {
        Some(&p) => p,
        None => 10f64.powi(e),
    }
}

/// A magnitude after a number: `m`, `bn`, ` million`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Magnitude {
    pub end: usize,
    pub factor: f64,
}

/// Magnitude suffixes written straight after the digits (`2.4m`, `3bn`).
fn suffix_factor(s: &[u8]) -> Option<f64> {
    Some(match s {
        b"k" => 1e3,
        b"m" | b"mn" | b"mln" => 1e6,
        // not a bare `b`: `802.11b` is a standard, not billions
        b"bn" | b"bln" => 1e9,
        b"tn" | b"trn" => 1e12,
        _ => return None,
    })
}

/// Magnitude words written after a space (`1.5 million`).
pub(crate) fn word_factor(s: &[u8]) -> Option<f64> {
    Some(match s {
        b"hundred" => 1e2,
        b"dozen" | b"dozens" => 12.0,
        b"thousand" => 1e3,
        b"million" | b"mn" | b"m" | b"mln" => 1e6,
        b"billion" | b"bn" | b"bln" => 1e9,
        b"trillion" | b"tn" | b"trn" => 1e12,
        _ => return None,
    })
}

/// The magnitude at `i`, straight after a number's digits: an attached suffix
/// (`3bn`) or one spaced word (`3 billion`, `$ 75 million`).
#[inline]
pub(crate) fn magnitude(b: &[u8], i: usize) -> Option<Magnitude> {
    let first = at(b, i);
    if first.is_ascii_alphabetic() {
        // Every suffix starts with `k`, `m`, `b` or `t`.
        if !matches!(first | 0x20, b'k' | b'm' | b'b' | b't') {
            return None;
        }
    } else if first == b' ' {
        // Every magnitude word starts with `h`, `d`, `t`, `m` or `b`.
        let next = at(b, i + 1);
        if next.is_ascii_alphabetic() && !matches!(next | 0x20, b'h' | b'd' | b't' | b'm' | b'b') {
            return None;
        }
    } else if space_len(b, i) == 0 {
        return None;
    }
    magnitude_slow(b, i)
}

/// [`magnitude`] past its shortcuts.
fn magnitude_slow(b: &[u8], i: usize) -> Option<Magnitude> {
    let mut buf = [0u8; 16];
    let end = alpha_end(b, i);
    if end > i {
        // Attached: the whole letter run must be the suffix, and no digit may follow
        // (`3G4` is a code).
        if at(b, end).is_ascii_digit() {
            return None;
        }
        let factor = suffix_factor(lower(b, (i, end), &mut buf))?;
        return Some(Magnitude { end, factor });
    }
    let mut s = i;
    while s < i + 3 {
        let n = space_len(b, s);
        if n == 0 {
            break;
        }
        s += n;
    }
    // Every magnitude word starts with `h`, `d`, `t`, `m` or `b`.
    if s == i || !matches!(at(b, s) | 0x20, b'h' | b'd' | b't' | b'm' | b'b') {
        return None;
    }
    let end = alpha_end(b, s);
    if end == s || at(b, end).is_ascii_digit() {
        return None;
    }
    let w = lower(b, (s, end), &mut buf);
    // A lone spaced `m` (`5 m`) is more often metres than millions.
    if w == b"m" {
        return None;
    }
    let factor = word_factor(w)?;
    Some(Magnitude { end, factor })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Digits {
        match parse(s.as_bytes(), 0) {
            Parsed::Num(d) => d,
            Parsed::Skip(_) => panic!("{s} skipped"),
        }
    }

    /// A decimal of up to 15 digits is read as its digits over a power of ten:
    /// the same `f64` as the float parser gives, for every length of either
    /// part, grouped or not, with leading and trailing zeros.
    #[test]
    fn short_decimals_read_as_the_float_parser_reads_them() {
        let mut cases: Vec<String> = [
            "0.1",
            "0.2",
            "0.3",
            "1.1",
            "2.675",
            "0.000000000001",
            "999999999999.999",
            "1,234.5",
            "12,345,678.9",
            "0.30",
            "5.00",
            "9007199254740.99",
            "1.999999999999",
            "123456789012.345",
            "0.123456789012",
            "3.14159265358",
            // Longer than 15 digits: the float parser's own reading.
            "1,234,567,890.12345678",
            "12,345.123456789012",
            "123456789012345678.1",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Many more from a fixed generator: every split of up to 15 digits.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let int_len = 1 + (x % 14) as usize;
            let dec_len = 1 + ((x >> 8) % 14) as usize;
            let digits: String = (0..int_len + dec_len)
                .map(|k| char::from(b'0' + ((x >> (k % 60)) % 10) as u8))
                .collect();
            let (int, dec) = digits.split_at(int_len.min(digits.len()));
            let dec = &dec[..dec.len().min(12)];
            cases.push(format!("{int}.{dec}"));
        }
        for s in cases {
            let d = num(&s);
            let want: f64 = s.replace(',', "").parse().unwrap();
            assert_eq!(d.value.to_bits(), want.to_bits(), "{s}");
        }
    }

    /// The shortcuts of [`magnitude`] change no answer.
    #[test]
    fn magnitude_shortcuts_agree_with_the_full_reading() {
        for c1 in 0..=255u8 {
            for c0 in [b' ', b'\t', b'-', b'm', b'b', b'k', b'x', c1] {
                for tail in [
                    "", "illion", "n", "undred", "ozen", "housand", "rillion", "ln",
                ] {
                    let mut text = vec![b'5', c0, c1];
                    text.extend_from_slice(tail.as_bytes());
                    assert_eq!(magnitude(&text, 1), magnitude_slow(&text, 1), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn pow10_is_powi() {
        for e in -60..=60 {
            let e = std::hint::black_box(e);
            assert_eq!(pow10(e).to_bits(), 10f64.powi(e).to_bits(), "{e}");
        }
    }

    #[test]
    fn parses_grouped_and_decimal_numbers() {
        let d = num("3,903 offences");
        assert_eq!((d.value, d.end, d.grouped), (3903.0, 5, true));
        let d = num("1,234.56");
        assert_eq!((d.value, d.decimals), (1234.56, 2));
        assert!((d.step - 0.01).abs() < 1e-12);
        let d = num("5.3 per cent");
        assert_eq!((d.value, d.end), (5.3, 3));
    }

    #[test]
    fn stops_at_list_commas_and_sentence_points() {
        assert_eq!(num("1, 234").end, 1);
        assert_eq!(num("12,34,567").end, 2);
        let d = num("2004. Then");
        assert_eq!((d.value, d.end), (2004.0, 4));
    }

    #[test]
    fn converts_whole_numbers_as_the_float_parser_does() {
        // Past 2^53 a whole number rounds: both conversions must round alike.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in 1..=MAX_INT_DIGITS {
            for _ in 0..200 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let text = (x % 10u64.pow(len as u32)).to_string();
                let want: f64 = text.parse().unwrap_or(f64::NAN);
                assert_eq!(num(&text).value, want, "{text}");
            }
        }
        for text in [
            "0227",
            "9007199254740993",
            "999999999999999999",
            "1,234,567,890",
        ] {
            let want: f64 = text.replace(',', "").parse().unwrap_or(f64::NAN);
            assert_eq!(num(text).value, want, "{text}");
        }
    }

    #[test]
    fn skips_versions_and_huge_runs() {
        assert!(matches!(parse(b"2.6.11 kernel", 0), Parsed::Skip(6)));
        let long = "9".repeat(400);
        assert!(matches!(parse(long.as_bytes(), 0), Parsed::Skip(400)));
    }

    #[test]
    fn reads_magnitudes() {
        assert_eq!(magnitude(b"bn in", 0).map(|m| m.factor), Some(1e9));
        assert_eq!(magnitude(b" million people", 0).map(|m| m.end), Some(8));
        assert_eq!(magnitude(b"mph", 0), None);
        assert_eq!(magnitude(b" m long", 0), None);
    }
}
