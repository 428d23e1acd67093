//! Word lists and token shapes that decide whether a full stop ends a sentence.
//!
//! A token is the run of non-space bytes before a full stop, without the stop and
//! without opening quotes or brackets. Lists are compared ASCII-case-insensitively
//! except [`is_starter`], which looks at the capitalised word after the stop.

use crate::word_set::{WordSet, distinct};

/// Titles and other abbreviations that always precede a name or a place, so their
/// stop never ends a sentence: `Mr. Smith`, `St. Michael's`, `Mt. Fuji` (Golden
/// Rules 10, 11, 18).
const PREPOSITIVE: &[&str] = &[
    "mr", "mrs", "ms", "mx", "messrs", "mme", "mlle", "dr", "prof", "st", "sir", "mt", "gen",
    "col", "capt", "lt", "sgt", "cpl", "pte", "maj", "adm", "cmdr", "brig", "rev", "revd", "hon",
    "gov", "sen", "rep", "pres", "supt", "insp", "det", "cllr", "fr",
];

/// Abbreviations that sit inside a sentence whatever follows: `vs.`, `cf.`, `e.g.`,
/// `i.e.` (the dotted ones arrive here without their final stop: `e.g`).
const NEVER_ENDS: &[&str] = &["vs", "cf", "viz", "e.g", "i.e"];

/// Abbreviations that go before a number, so a digit after them continues the
/// sentence: `No. 10`, `p. 55`, `Jan. 5`, `N°. 1026` (Golden Rules 5, 40).
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "nr", "n\u{b0}", "n\u{ba}", "p", "pp", "vol", "vols", "fig", "figs", "art", "ch",
    "chap", "sec", "para", "op", "tel", "ext", "ed", "pt", "ref", "ver", "approx", "ca", "c",
    "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Company abbreviations: `Co.`, `Ltd.`, `Inc.`, `Corp.` end a sentence before a
/// capital (Golden Rule 9) unless another company word follows (`Co. Ltd`).
const COMPANY: &[&str] = &["co", "ltd", "inc", "corp", "plc", "llc", "llp", "bros"];

/// Which of the lists above a token is on, as bit flags.
pub(super) type Lists = crate::word_set::Tags;
pub(super) const IS_PREPOSITIVE: Lists = 1;
pub(super) const IS_NEVER_ENDS: Lists = 2;
pub(super) const IS_BEFORE_NUMBER: Lists = 4;
pub(super) const IS_COMPANY: Lists = 8;

const LISTS: &[(&[&str], Lists)] = &[
    (PREPOSITIVE, IS_PREPOSITIVE),
    (NEVER_ENDS, IS_NEVER_ENDS),
    (BEFORE_NUMBER, IS_BEFORE_NUMBER),
    (COMPANY, IS_COMPANY),
];

/// Every word of the lists, with the lists it is on.
static LEXICON: WordSet<{ distinct(LISTS) }> = WordSet::from_lists(LISTS);

/// The lists `token` is on, compared ignoring ASCII case (0 for none). One
/// lookup answers every list, where each list was a `match` of its own that
/// every full stop went through.
#[inline]
pub(super) fn lists(token: &[u8]) -> Lists {
    LEXICON.get(token).unwrap_or(0)
}

/// [`lists`] of a token of `len` bytes (1 to 8) given lower-cased in the low
/// bytes of `lowered` (zero above them).
#[inline]
pub(super) fn lists_of_key(lowered: u64, len: usize) -> Lists {
    LEXICON
        .get_key(u128::from(lowered) | ((len as u128) << 120))
        .unwrap_or(0)
}

/// [`lists`] of the token `bytes[start..end]`, read from the text in one load.
#[inline]
pub(super) fn lists_at(bytes: &[u8], start: usize, end: usize) -> Lists {
    LEXICON.get_at(bytes, start, end).unwrap_or(0)
}

/// Whether `token` is on [`PREPOSITIVE`].
pub(super) fn is_prepositive(token: &[u8]) -> bool {
    lists(token) & IS_PREPOSITIVE != 0
}

/// Whether `token` is on [`COMPANY`].
pub(super) fn is_company(token: &[u8]) -> bool {
    lists(token) & IS_COMPANY != 0
}

/// Words that open a sentence far more often than they continue a name. After an
/// initial (`I.`) or a dotted abbreviation (`U.S.`, `a.m.`) a capital alone proves
/// nothing (`U.S. Government`, `Albert I. Jones`), so only these words end the
/// sentence there. pySBD's list (`SENTENCE_STARTERS`, Golden Rules 14, 15, 42) plus
/// common function words of news prose.
pub(super) fn is_starter(word: &[u8]) -> bool {
    matches!(
        word,
        b"A" | b"After"
            | b"Although"
            | b"An"
            | b"And"
            | b"As"
            | b"At"
            | b"Because"
            | b"Being"
            | b"But"
            | b"By"
            | b"Did"
            | b"During"
            | b"For"
            | b"He"
            | b"Her"
            | b"His"
            | b"How"
            | b"However"
            | b"I"
            | b"If"
            | b"In"
            | b"It"
            | b"Its"
            | b"Meanwhile"
            | b"Millions"
            | b"More"
            | b"Most"
            | b"Now"
            | b"On"
            | b"Our"
            | b"She"
            | b"So"
            | b"Some"
            | b"That"
            | b"The"
            | b"Their"
            | b"Then"
            | b"There"
            | b"These"
            | b"They"
            | b"This"
            | b"Those"
            | b"We"
            | b"What"
            | b"When"
            | b"Where"
            | b"While"
            | b"Who"
            | b"Why"
            | b"Yet"
            | b"You"
    )
}

/// A number as written in prose: optional currency or sign, digits with `,` and
/// `.`, optional `%`: `2005`, `$100.00`, `3,903`, `1026.253.553`, `5%`.
pub(super) fn is_number(token: &[u8]) -> bool {
    // Most tokens are words: a letter first settles it without stripping.
    if token.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let body = strip_currency(token);
    let body = body.strip_suffix(b"%").unwrap_or(body);
    body.first().is_some_and(u8::is_ascii_digit)
        && body
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
}

fn strip_currency(token: &[u8]) -> &[u8] {
    for prefix in [
        &b"$"[..],
        b"\xc2\xa3",     // £
        b"\xe2\x82\xac", // €
        b"\xc2\xa5",     // ¥
        b"#",
        b"+",
        b"-",
    ] {
        if let Some(rest) = token.strip_prefix(prefix) {
            return rest;
        }
    }
    token
}

/// A list number: one or two ASCII digits (`1`, `10`), as in `1.` or `2)`.
pub(super) fn list_number(token: &[u8]) -> Option<u32> {
    match token {
        [d] if d.is_ascii_digit() => Some(u32::from(d - b'0')),
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
        }
        _ => None,
    }
}

/// An initial: one ASCII letter (`E.` in `Jonas E. Smith`, `I.`, `p.`).
pub(super) fn is_initial(token: &[u8]) -> bool {
    matches!(token, [b] if b.is_ascii_alphabetic())
}

/// Letters in groups of one or two joined by full stops, the final stop left off:
/// `U.S`, `U.S.A`, `a.m`, `e.g`, `Ph.D`.
pub(super) fn is_dotted(token: &[u8]) -> bool {
    // The first group has one or two letters, so a stop is second or third:
    // words are rejected without splitting them.
    if token.get(1) != Some(&b'.') && token.get(2) != Some(&b'.') {
        return false;
    }
    let mut groups = 0;
    for group in token.split(|&b| b == b'.') {
        if !(1..=2).contains(&group.len()) || !group.iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_fold_case() {
        assert!(is_prepositive(b"Mr"));
        assert!(is_prepositive(b"MRS"));
        assert!(!is_prepositive(b"Mrsx"));
        assert!(!is_prepositive(b"a-very-long-token"));
        assert!(lists(b"No") & IS_BEFORE_NUMBER != 0);
        assert!(lists("N°".as_bytes()) & IS_BEFORE_NUMBER != 0);
        assert!(lists(b"e.g") & IS_NEVER_ENDS != 0);
        assert!(is_company(b"Ltd"));
        assert_eq!(lists(b"St"), IS_PREPOSITIVE);
        assert_eq!(lists(b"the"), 0);
    }

    /// The lists as they were written before the lookup table: one `match` per
    /// list on the token folded to lower case (tokens over 8 bytes in none).
    fn reference(token: &[u8]) -> Lists {
        let mut buf = [0u8; 8];
        let Some(out) = buf.get_mut(..token.len()) else {
            return 0;
        };
        for (o, &b) in out.iter_mut().zip(token) {
            *o = b.to_ascii_lowercase();
        }
        let t: &[u8] = out;
        let mut lists = 0;
        for (list, flag) in LISTS {
            if list.iter().any(|w| w.as_bytes() == t) {
                lists |= flag;
            }
        }
        lists
    }

    #[test]
    fn lookup_agrees_with_the_lists() {
        let mut tokens: Vec<Vec<u8>> = Vec::new();
        for (list, _) in LISTS {
            for w in *list {
                let w = w.as_bytes();
                tokens.push(w.to_vec());
                tokens.push(w.to_ascii_uppercase());
                tokens.push(w[1..].to_vec());
                tokens.push([w, b"x"].concat());
                tokens.push([b"x", w].concat());
            }
        }
        for t in [
            "",
            "The",
            "U.S",
            "$5",
            "mr\0",
            "Mr\u{e9}",
            "approxima",
            "ltd.",
            "x",
        ] {
            tokens.push(t.as_bytes().to_vec());
        }
        for t in &tokens {
            assert_eq!(lists(t), reference(t), "{:?}", String::from_utf8_lossy(t));
        }
    }

    /// [`is_number`] and [`is_dotted`] without their early exits.
    fn is_number_reference(token: &[u8]) -> bool {
        let body = strip_currency(token);
        let body = body.strip_suffix(b"%").unwrap_or(body);
        body.first().is_some_and(u8::is_ascii_digit)
            && body
                .iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
    }

    fn is_dotted_reference(token: &[u8]) -> bool {
        let mut groups = 0;
        for group in token.split(|&b| b == b'.') {
            if !(1..=2).contains(&group.len()) || !group.iter().all(u8::is_ascii_alphabetic) {
                return false;
            }
            groups += 1;
        }
        groups >= 2
    }

    #[test]
    fn shape_tests_agree_with_their_definitions() {
        let pieces: [&[u8]; 12] = [
            b"a",
            b"Ab",
            b"abc",
            b".",
            b"1",
            b",",
            b"$",
            "\u{a3}".as_bytes(),
            b"%",
            b"-",
            b"#",
            b"\xc3",
        ];
        // Every token of up to four pieces.
        let mut tokens: Vec<Vec<u8>> = vec![Vec::new()];
        let mut last: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for t in &last {
                for p in pieces {
                    next.push([t.as_slice(), p].concat());
                }
            }
            tokens.extend(next.iter().cloned());
            last = next;
        }
        for t in &tokens {
            assert_eq!(is_number(t), is_number_reference(t), "{t:?}");
            assert_eq!(is_dotted(t), is_dotted_reference(t), "{t:?}");
        }
    }

    #[test]
    fn token_shapes() {
        assert!(is_number(b"$100.00"));
        assert!(is_number("£1.50".as_bytes()));
        assert!(is_number(b"1026.253.553"));
        assert!(is_number(b"34%"));
        assert!(!is_number(b"5th"));
        assert!(!is_number(b"$"));
        assert_eq!(list_number(b"9"), Some(9));
        assert_eq!(list_number(b"10"), Some(10));
        assert_eq!(list_number(b"100"), None);
        assert!(is_dotted(b"U.S"));
        assert!(is_dotted(b"U.S.A"));
        assert!(is_dotted(b"Ph.D"));
        assert!(!is_dotted(b"example.com"));
        assert!(!is_dotted(b"U"));
        assert!(!is_dotted(b"U..S"));
        assert!(is_initial(b"E"));
        assert!(!is_initial(b"Ed"));
    }
}
