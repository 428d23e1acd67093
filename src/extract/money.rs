//! Money: currency symbols before a number (`£3bn`, `US$5`, `€50`) and currency
//! words after it (`3 million euros`, `50p`, `59.2 trillion rupiah`,
//! `3.4bn Danish kroner`, `40 euro cents`).
//!
//! Input: bytes and a number's start or end. Output: the ISO 4217 code, the
//! extent of the currency text, and for subunits (`p`, `pence`, `cents`) the
//! factor into whole units (0.01), since values are kept in whole units.

use super::context::{CURRENCY, Near, near_after};
use super::lex::{
    Word, alpha_end, alpha_start, at, before, ends_with, is, is_space, lower, space_len_back,
};

/// A currency written before the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Prefix {
    /// Start of the currency text (`U` of `US$5`).
    pub start: usize,
    pub code: &'static str,
}

/// The currency symbol (or `Rs`) written before `start`, with at most one space
/// between (`£3bn`, `US$ 5`, `$ 75 million` as in tokenised newswire).
#[inline]
pub(crate) fn prefix(b: &[u8], start: usize) -> Option<Prefix> {
    // The test below on the byte before the space, made without a call: most
    // numbers have a word or punctuation before them.
    let c = before(b, start);
    let last = if is_space(c) { before(b, start - 1) } else { c };
    if last < 0x80 && !matches!(last, b'$' | b's' | b'.') {
        return None;
    }
    prefix_slow(b, start)
}

/// [`prefix`] past its shortcut.
fn prefix_slow(b: &[u8], start: usize) -> Option<Prefix> {
    let i = start - space_len_back(b, start);
    // Every prefix ends in a symbol's last byte (non-ASCII), `$`, or the `s`
    // or `.` of `Rs`, `Rs.`: most numbers have none of these before them.
    if !matches!(before(b, i), 0x80..|b'$'| b's' | b'.') {
        return None;
    }
    if ends_with(b, i, "£".as_bytes()) {
        return Some(Prefix {
            start: i - 2,
            code: "GBP",
        });
    }
    if ends_with(b, i, "€".as_bytes()) {
        return Some(Prefix {
            start: i - 3,
            code: "EUR",
        });
    }
    if ends_with(b, i, "¥".as_bytes()) {
        return Some(Prefix {
            start: i - 2,
            code: "JPY",
        });
    }
    if before(b, i) == b'$' {
        let d = i - 1;
        let s = alpha_start(b, d);
        if s == d {
            return Some(Prefix {
                start: d,
                code: "USD",
            });
        }
        if before(b, s).is_ascii_alphanumeric() {
            return None;
        }
        let mut buf = [0; 16];
        let code = match lower(b, (s, d), &mut buf) {
            b"us" => "USD",
            b"a" | b"au" => "AUD",
            b"c" | b"ca" | b"can" => "CAD",
            b"hk" => "HKD",
            b"nz" => "NZD",
            b"s" | b"sg" => "SGD",
            b"nt" => "TWD",
            b"r" => "BRL",
            b"z" => "ZWD",
            _ => {
                return Some(Prefix {
                    start: d,
                    code: "USD",
                });
            }
        };
        return Some(Prefix { start: s, code });
    }
    // `Rs 500`, `Rs.500`
    let j = if before(b, i) == b'.' { i - 1 } else { i };
    if j >= 2
        && b.get(j - 2..j) == Some(b"Rs".as_slice())
        && !before(b, j - 2).is_ascii_alphanumeric()
        && (j < i || i < start)
    {
        return Some(Prefix {
            start: j - 2,
            code: "INR",
        });
    }
    None
}

/// `p` with a bare `$` (not `US$`, `A$`...) read as `dollar`, the settings'
/// default currency.
pub(crate) fn with_dollar(b: &[u8], p: Prefix, dollar: &'static str) -> Prefix {
    if at(b, p.start) == b'$' {
        Prefix { code: dollar, ..p }
    } else {
        p
    }
}

/// `code` as a `&'static str`, since a [`super::Claim`]'s currency is one: the
/// dollar currencies are literals, any other code is leaked once per process and
/// reused (there are at most 26³ three-letter codes, and a config names one).
pub(crate) fn static_code(code: &str) -> &'static str {
    const KNOWN: [&str; 12] = [
        "USD", "AUD", "CAD", "NZD", "HKD", "SGD", "TWD", "BRL", "ZWD", "GBP", "EUR", "JPY",
    ];
    static INTERNED: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());
    if let Some(k) = KNOWN.iter().find(|k| **k == code) {
        return k;
    }
    let mut interned = INTERNED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(k) = interned.iter().find(|k| **k == code) {
        return k;
    }
    let leaked: &'static str = Box::leak(code.to_owned().into_boxed_str());
    interned.push(leaked);
    leaked
}

/// Whether a currency symbol (`£`, `€`, `¥`, `$`) starts at `i`.
pub(crate) fn is_symbol_at(b: &[u8], i: usize) -> bool {
    let rest = b.get(i..).unwrap_or(&[]);
    ["£", "€", "¥", "$"]
        .iter()
        .any(|s| rest.starts_with(s.as_bytes()))
}

/// A currency written after the number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Suffix {
    pub end: usize,
    pub code: &'static str,
    /// Into whole units: 0.01 for pence and cents.
    pub factor: f64,
}

/// A currency word: its code and subunit factor.
fn currency_word(w: &[u8], scaled: bool) -> Option<(&'static str, f64)> {
    Some(match w {
        b"euro" | b"euros" => ("EUR", 1.0),
        b"pound" | b"pounds" | b"sterling" => ("GBP", 1.0),
        b"pence" | b"penny" => ("GBP", 0.01),
        b"dollar" | b"dollars" => ("USD", 1.0),
        b"cent" | b"cents" => ("USD", 0.01),
        b"yen" => ("JPY", 1.0),
        b"yuan" | b"renminbi" => ("CNY", 1.0),
        b"rupee" | b"rupees" => ("INR", 1.0),
        b"rupiah" => ("IDR", 1.0),
        b"rial" | b"rials" => ("IRR", 1.0),
        b"riyal" | b"riyals" => ("SAR", 1.0),
        b"kroner" | b"krone" => ("DKK", 1.0),
        b"kronor" | b"krona" => ("SEK", 1.0),
        b"rouble" | b"roubles" | b"ruble" | b"rubles" => ("RUB", 1.0),
        b"franc" | b"francs" => ("CHF", 1.0),
        b"peso" | b"pesos" => ("MXN", 1.0),
        b"rand" => ("ZAR", 1.0),
        b"ringgit" => ("MYR", 1.0),
        b"baht" => ("THB", 1.0),
        b"lira" => ("TRY", 1.0),
        b"lire" => ("ITL", 1.0),
        b"zloty" | b"zlotys" => ("PLN", 1.0),
        b"forint" => ("HUF", 1.0),
        b"shekel" | b"shekels" => ("ILS", 1.0),
        b"naira" => ("NGN", 1.0),
        b"dirham" | b"dirhams" => ("AED", 1.0),
        b"reais" => ("BRL", 1.0),
        // `won` is also a verb (`Five won`); only after a magnitude is it money.
        b"won" if scaled => ("KRW", 1.0),
        _ => return None,
    })
}

/// A nationality before a currency word, which decides the code.
fn currency_adjective(w: &[u8]) -> Option<&'static str> {
    Some(match w {
        b"us" => "USD",
        b"australian" => "AUD",
        b"canadian" => "CAD",
        b"singapore" => "SGD",
        b"taiwan" | b"taiwanese" => "TWD",
        b"danish" => "DKK",
        b"norwegian" => "NOK",
        b"swedish" => "SEK",
        b"swiss" => "CHF",
        b"indian" => "INR",
        b"pakistani" => "PKR",
        b"mexican" => "MXN",
        b"argentine" | b"argentinian" => "ARS",
        b"philippine" => "PHP",
        b"brazilian" => "BRL",
        b"iranian" => "IRR",
        b"saudi" => "SAR",
        b"russian" => "RUB",
        b"chinese" => "CNY",
        b"japanese" => "JPY",
        b"turkish" => "TRY",
        b"indonesian" => "IDR",
        b"egyptian" => "EGP",
        b"zimbabwean" | b"zimbabwe" => "ZWD",
        _ => return None,
    })
}

/// Every word that can start a currency after a number: the currency words,
/// the nationalities and the first words of `Hong Kong`, `New Zealand` and
/// `South African` (what [`suffix`] reads first).
pub(crate) const FIRST_WORDS: &[&str] = &[
    "euro",
    "euros",
    "pound",
    "pounds",
    "sterling",
    "pence",
    "penny",
    "dollar",
    "dollars",
    "cent",
    "cents",
    "yen",
    "yuan",
    "renminbi",
    "rupee",
    "rupees",
    "rupiah",
    "rial",
    "rials",
    "riyal",
    "riyals",
    "kroner",
    "krone",
    "kronor",
    "krona",
    "rouble",
    "roubles",
    "ruble",
    "rubles",
    "franc",
    "francs",
    "peso",
    "pesos",
    "rand",
    "ringgit",
    "baht",
    "lira",
    "lire",
    "zloty",
    "zlotys",
    "forint",
    "shekel",
    "shekels",
    "naira",
    "dirham",
    "dirhams",
    "reais",
    "won",
    "us",
    "australian",
    "canadian",
    "singapore",
    "taiwan",
    "taiwanese",
    "danish",
    "norwegian",
    "swedish",
    "swiss",
    "indian",
    "pakistani",
    "mexican",
    "argentine",
    "argentinian",
    "philippine",
    "brazilian",
    "iranian",
    "saudi",
    "russian",
    "chinese",
    "japanese",
    "turkish",
    "indonesian",
    "egyptian",
    "zimbabwean",
    "zimbabwe",
    "hong",
    "new",
    "south",
];

/// The currency word(s) after a number ending at `i`: `euros`, `euro cents`,
/// `Danish kroner`, `Hong Kong dollars`, or an attached `p` (`50p`).
pub(crate) fn suffix(b: &[u8], i: usize, scaled: bool) -> Option<Suffix> {
    suffix_near(b, i, scaled, near_after(b, i))
}

/// [`suffix`], given `near_after(b, i)`.
#[inline]
pub(crate) fn suffix_near(b: &[u8], i: usize, scaled: bool, next: Near) -> Option<Suffix> {
    // A space and a word that starts no currency, the usual case, without a call.
    if at(b, i) == b' ' && !next.is(CURRENCY) {
        return None;
    }
    suffix_slow(b, i, scaled, next)
}

/// [`suffix_near`] past its shortcut.
fn suffix_slow(b: &[u8], i: usize, scaled: bool, next: Near) -> Option<Suffix> {
    // `50p`, not `50pc`/`5pm`
    if at(b, i) == b'p' && !at(b, i + 1).is_ascii_alphanumeric() && !scaled {
        return Some(Suffix {
            end: i + 1,
            code: "GBP",
            factor: 0.01,
        });
    }
    if !is_space(at(b, i)) {
        return None;
    }
    let w = next.word?;
    // Most words after a number start no currency: one bit tells.
    if w.0 > i + 2 || !next.is(CURRENCY) {
        return None;
    }
    let mut buf = [0; 16];
    let lw = lower(b, w, &mut buf);
    if let Some((code, factor)) = currency_word(lw, scaled) {
        // `euro cents`
        if code == "EUR"
            && let Some(c) = follow(b, w)
            && (is(b, c, "cent") || is(b, c, "cents"))
        {
            return Some(Suffix {
                end: c.1,
                code,
                factor: 0.01,
            });
        }
        return Some(Suffix {
            end: w.1,
            code,
            factor,
        });
    }
    let (code, cw) = if is(b, w, "hong") || is(b, w, "new") || is(b, w, "south") {
        let second = follow(b, w)?;
        let code = match (lw, lower(b, second, &mut [0; 16])) {
            (b"hong", b"kong") => "HKD",
            (b"new", b"zealand") => "NZD",
            (b"south", b"african") => "ZAR",
            _ => return None,
        };
        (code, follow(b, second)?)
    } else {
        (currency_adjective(lw)?, follow(b, w)?)
    };
    let (_, factor) = currency_word(lower(b, cw, &mut [0; 16]), true)?;
    Some(Suffix {
        end: cw.1,
        code,
        factor,
    })
}

/// A currency named in words just before a number (`Australian dollar 29.4bn`,
/// `euro 5bn`), with the nationality deciding the code when given.
pub(crate) fn word_before(b: &[u8], start: usize) -> Option<&'static str> {
    let w = super::lex::prev_word(b, start).filter(|w| w.1 + 1 == start)?;
    let (code, factor) = currency_word(lower(b, w, &mut [0; 16]), false)?;
    if factor != 1.0 || code == "GBP" && !is(b, w, "sterling") {
        return None;
    }
    let adjective = super::lex::prev_word(b, w.0)
        .filter(|a| a.1 + 1 == w.0)
        .and_then(|a| currency_adjective(lower(b, a, &mut [0; 16])));
    Some(adjective.unwrap_or(code))
}

/// A currency word joined by a hyphen (`5bn-euro`, `10-pound`), whole units only.
pub(crate) fn hyphen_currency(b: &[u8], w: Word) -> Option<&'static str> {
    let (code, factor) = currency_word(lower(b, w, &mut [0; 16]), false)?;
    (factor == 1.0 && !is(b, w, "sterling")).then_some(code)
}

/// The word after `w`, separated by exactly one space.
fn follow(b: &[u8], w: Word) -> Option<Word> {
    (at(b, w.1) == b' ')
        .then(|| (w.1 + 1, alpha_end(b, w.1 + 1)))
        .filter(|n| n.1 > n.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts of [`prefix`] and [`suffix_near`] change no answer.
    #[test]
    fn shortcuts_agree_with_the_full_reading() {
        let heads: [&[u8]; 6] = [b"", b"US", b"R", b"HK", "\u{a3}".as_bytes(), b"x "];
        let tails = [
            "",
            "uro",
            "ounds",
            "anish kroner",
            "ong Kong dollars",
            "ence",
        ];
        for c in 0..=255u8 {
            for mid in [b' ', b'\t', b'$', b'.', b's', c] {
                for head in heads {
                    let mut text = head.to_vec();
                    text.extend_from_slice(&[c, mid, b'5']);
                    let at = text.len() - 1;
                    assert_eq!(prefix(&text, at), prefix_slow(&text, at), "{text:?}");
                }
                for tail in tails {
                    let mut text = vec![b'5', mid, c];
                    text.extend_from_slice(tail.as_bytes());
                    let next = near_after(&text, 1);
                    for scaled in [false, true] {
                        assert_eq!(
                            suffix_near(&text, 1, scaled, next),
                            suffix_slow(&text, 1, scaled, next),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn reads_symbols() {
        let s = "cost £3bn";
        assert_eq!(
            prefix(s.as_bytes(), 7),
            Some(Prefix {
                start: 5,
                code: "GBP"
            })
        );
        assert_eq!(
            prefix(b"a US$5 fee", 5),
            Some(Prefix {
                start: 2,
                code: "USD"
            })
        );
        assert_eq!(
            prefix(b"$ 75 million", 2),
            Some(Prefix {
                start: 0,
                code: "USD"
            })
        );
        assert_eq!(prefix(b"HK$5", 3).map(|p| p.code), Some("HKD"));
        assert_eq!(prefix(b"cost 5", 5), None);
        let e = "€50";
        assert_eq!(prefix(e.as_bytes(), 3).map(|p| p.start), Some(0));
    }

    #[test]
    fn default_currency_replaces_only_a_bare_dollar() {
        let b = b"$5m, US$5m, A$5m and $ 5m";
        let code = |i| prefix(b, i).map(|p| with_dollar(b, p, "AUD").code);
        assert_eq!(code(1), Some("AUD"));
        assert_eq!(code(8), Some("USD"));
        assert_eq!(code(14), Some("AUD"));
        assert_eq!(code(23), Some("AUD"));
        let b = "£5m".as_bytes();
        assert_eq!(
            prefix(b, 2).map(|p| with_dollar(b, p, "AUD").code),
            Some("GBP")
        );
    }

    #[test]
    fn interns_currency_codes() {
        assert_eq!(static_code("USD"), "USD");
        let a = static_code("XAU");
        let b = static_code(&String::from("XAU"));
        assert_eq!(a, "XAU");
        assert!(std::ptr::eq(a, b), "leaked once, then reused");
    }

    #[test]
    fn reads_currency_words() {
        let s = suffix(b" euros in", 0, true).map(|s| (s.end, s.code));
        assert_eq!(s, Some((6, "EUR")));
        let s = suffix(b" Danish kroner", 0, true).map(|s| (s.end, s.code));
        assert_eq!(s, Some((14, "DKK")));
        let s = suffix(b" euro cents", 0, false).map(|s| (s.code, s.factor));
        assert_eq!(s, Some(("EUR", 0.01)));
        assert_eq!(suffix(b"p each", 0, false).map(|s| s.factor), Some(0.01));
        assert_eq!(suffix(b"pm", 0, false), None);
        assert_eq!(suffix(b" won the", 0, false), None);
        assert_eq!(
            suffix(b" Hong Kong dollars", 0, true).map(|s| s.code),
            Some("HKD")
        );
    }
}
