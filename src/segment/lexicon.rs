//! Word lists and token shapes that decide whether a full stop ends a sentence.
//!
//! A token is the run of non-space bytes before a full stop, without the stop and
//! without opening quotes or brackets. Lists are compared ASCII-case-insensitively
//! except [`is_starter`], which looks at the capitalised word after the stop.

/// Lower-cases an ASCII token of at most 8 bytes into `buf`; longer tokens are in
/// no list, so they give `None` and the caller treats them as ordinary words.
fn folded<'b>(token: &[u8], buf: &'b mut [u8; 8]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..token.len())?;
    for (o, &b) in out.iter_mut().zip(token) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// Titles and other abbreviations that always precede a name or a place, so their
/// stop never ends a sentence: `Mr. Smith`, `St. Michael's`, `Mt. Fuji` (Golden
/// Rules 10, 11, 18).
pub(super) fn is_prepositive(token: &[u8]) -> bool {
    let mut buf = [0; 8];
    folded(token, &mut buf).is_some_and(|t| {
        matches!(
            t,
            b"mr"
                | b"mrs"
                | b"ms"
                | b"mx"
                | b"messrs"
                | b"mme"
                | b"mlle"
                | b"dr"
                | b"prof"
                | b"st"
                | b"sir"
                | b"mt"
                | b"gen"
                | b"col"
                | b"capt"
                | b"lt"
                | b"sgt"
                | b"cpl"
                | b"pte"
                | b"maj"
                | b"adm"
                | b"cmdr"
                | b"brig"
                | b"rev"
                | b"revd"
                | b"hon"
                | b"gov"
                | b"sen"
                | b"rep"
                | b"pres"
                | b"supt"
                | b"insp"
                | b"det"
                | b"cllr"
                | b"fr"
        )
    })
}

/// Abbreviations that sit inside a sentence whatever follows: `vs.`, `cf.`, `e.g.`,
/// `i.e.` (the dotted ones arrive here without their final stop: `e.g`).
pub(super) fn never_ends(token: &[u8]) -> bool {
    let mut buf = [0; 8];
    folded(token, &mut buf).is_some_and(|t| matches!(t, b"vs" | b"cf" | b"viz" | b"e.g" | b"i.e"))
}

/// Abbreviations that go before a number, so a digit after them continues the
/// sentence: `No. 10`, `p. 55`, `Jan. 5`, `N°. 1026` (Golden Rules 5, 40).
pub(super) fn is_before_number(token: &[u8]) -> bool {
    let mut buf = [0; 8];
    folded(token, &mut buf).is_some_and(|t| {
        matches!(
            t,
            b"no"
                | b"nos"
                | b"nr"
                | b"n\xc2\xb0"
                | b"n\xc2\xba"
                | b"p"
                | b"pp"
                | b"vol"
                | b"vols"
                | b"fig"
                | b"figs"
                | b"art"
                | b"ch"
                | b"chap"
                | b"sec"
                | b"para"
                | b"op"
                | b"tel"
                | b"ext"
                | b"ed"
                | b"pt"
                | b"ref"
                | b"ver"
                | b"approx"
                | b"ca"
                | b"c"
                | b"est"
                | b"jan"
                | b"feb"
                | b"mar"
                | b"apr"
                | b"jun"
                | b"jul"
                | b"aug"
                | b"sep"
                | b"sept"
                | b"oct"
                | b"nov"
                | b"dec"
        )
    })
}

/// Company abbreviations: `Co.`, `Ltd.`, `Inc.`, `Corp.` end a sentence before a
/// capital (Golden Rule 9) unless another company word follows (`Co. Ltd`).
pub(super) fn is_company(token: &[u8]) -> bool {
    let mut buf = [0; 8];
    folded(token, &mut buf).is_some_and(|t| {
        matches!(
            t,
            b"co" | b"ltd" | b"inc" | b"corp" | b"plc" | b"llc" | b"llp" | b"bros"
        )
    })
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
        assert!(is_before_number(b"No"));
        assert!(is_before_number("N°".as_bytes()));
        assert!(never_ends(b"e.g"));
        assert!(is_company(b"Ltd"));
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
