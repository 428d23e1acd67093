//! The words around a number that decide what it is: months (dates), time units
//! (durations, ages), the noun it counts, and whether a capitalised word starts a
//! sentence (a capitalised word inside a sentence is a name: `Formula 1`,
//! `BBC One`, `Six Nations`).
//!
//! Input: bytes and positions. Output: plain answers; nothing here allocates
//! except [`noun_after`], once per count ([`has_noun_after`] only tests).

use super::lex::{Word, at, before, is_any, lower, next_word};

/// A month name, capitalised as months are (`May` the month, not `may` the verb).
pub(crate) fn is_month(b: &[u8], w: Word) -> bool {
    if !at(b, w.0).is_ascii_uppercase() {
        return false;
    }
    let mut buf = [0; 16];
    matches!(
        lower(b, w, &mut buf),
        b"january"
            | b"february"
            | b"march"
            | b"april"
            | b"may"
            | b"june"
            | b"july"
            | b"august"
            | b"september"
            | b"october"
            | b"november"
            | b"december"
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
}

/// A unit of time: the noun of a duration (`six months`, `three-year`).
pub(crate) fn is_time_unit(b: &[u8], w: Word) -> bool {
    let mut buf = [0; 16];
    matches!(
        lower(b, w, &mut buf),
        b"second"
            | b"seconds"
            | b"minute"
            | b"minutes"
            | b"min"
            | b"mins"
            | b"hour"
            | b"hours"
            | b"hr"
            | b"hrs"
            | b"day"
            | b"days"
            | b"night"
            | b"nights"
            | b"week"
            | b"weeks"
            | b"weekend"
            | b"weekends"
            | b"fortnight"
            | b"fortnights"
            | b"month"
            | b"months"
            | b"year"
            | b"years"
            | b"decade"
            | b"decades"
            | b"century"
            | b"centuries"
    )
}

/// A time zone after a clock time (`0227 GMT`, `2100 BST`).
pub(crate) fn is_time_zone(b: &[u8], w: Word) -> bool {
    let mut buf = [0; 16];
    matches!(
        lower(b, w, &mut buf),
        b"gmt" | b"bst" | b"cet" | b"est" | b"edt" | b"pst" | b"pdt" | b"utc" | b"hrs" | b"hours"
    ) && at(b, w.0).is_ascii_uppercase()
}

/// Words that are never the counted noun (`195 offences` has one; `195 to` not).
fn is_function_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"a" | b"an"
            | b"the"
            | b"of"
            | b"to"
            | b"in"
            | b"on"
            | b"at"
            | b"by"
            | b"for"
            | b"from"
            | b"with"
            | b"and"
            | b"or"
            | b"but"
            | b"nor"
            | b"than"
            | b"as"
            | b"is"
            | b"are"
            | b"was"
            | b"were"
            | b"be"
            | b"been"
            | b"being"
            | b"has"
            | b"have"
            | b"had"
            | b"will"
            | b"would"
            | b"could"
            | b"should"
            | b"may"
            | b"might"
            | b"must"
            | b"can"
            | b"do"
            | b"did"
            | b"does"
            | b"it"
            | b"its"
            | b"this"
            | b"that"
            | b"these"
            | b"those"
            | b"which"
            | b"who"
            | b"whom"
            | b"what"
            | b"when"
            | b"where"
            | b"while"
            | b"per"
            | b"more"
            | b"less"
            | b"fewer"
            | b"over"
            | b"under"
            | b"up"
            | b"down"
            | b"so"
            | b"not"
            | b"no"
            | b"also"
            | b"after"
            | b"before"
            | b"since"
            | b"until"
            | b"into"
            | b"out"
            | b"about"
            | b"around"
            | b"between"
            | b"during"
            | b"through"
            | b"against"
            | b"among"
            | b"each"
            | b"every"
            | b"all"
            | b"some"
            | b"such"
            | b"only"
            | b"just"
            | b"he"
            | b"she"
            | b"they"
            | b"we"
            | b"you"
            | b"i"
            | b"them"
            | b"their"
            | b"his"
            | b"her"
            | b"our"
            | b"your"
            | b"my"
            | b"if"
            | b"said"
            | b"says"
            | b"last"
            | b"next"
            | b"ago"
            | b"later"
            | b"earlier"
            | b"now"
            | b"then"
            | b"there"
            | b"here"
    )
}

/// The noun a count counts: the next word unless it is a function word;
/// `two of its officers` skips `of` and one determiner. Lower-cased.
pub(crate) fn noun_after(b: &[u8], end: usize) -> Option<String> {
    noun_word(b, end).and_then(|w| {
        std::str::from_utf8(lower(b, w, &mut [0; 16]))
            .ok()
            .map(str::to_owned)
    })
}

/// Whether [`noun_after`] finds a noun, without allocating it.
pub(crate) fn has_noun_after(b: &[u8], end: usize) -> bool {
    noun_word(b, end).is_some()
}

/// Where [`noun_after`]'s noun is written.
fn noun_word(b: &[u8], end: usize) -> Option<Word> {
    if at(b, end) != b' ' {
        return None;
    }
    let mut w = next_word(b, end)?;
    let mut buf = [0; 16];
    if lower(b, w, &mut buf) == b"of" {
        w = next_word(b, w.1)?;
        if is_any(
            b,
            w,
            &[
                "the", "its", "their", "his", "her", "our", "these", "those", "them", "us",
                "which", "whom", "my", "your",
            ],
        ) {
            w = next_word(b, w.1)?;
        }
    }
    let lw = lower(b, w, &mut buf);
    if lw.is_empty() || is_function_word(lw) || at(b, w.1) == b'\'' && at(b, w.1 + 1) == b's' {
        return None;
    }
    Some(w)
}

/// Whether the word at `start` begins a sentence or a line: only quotes,
/// brackets and spaces lie between it and a full stop, line break or the
/// start of the text. Works on the bytes, so it does not depend on how well the
/// segmenter split the text.
pub(crate) fn is_sentence_initial(b: &[u8], start: usize) -> bool {
    let mut i = start;
    loop {
        let c = before(b, i);
        match c {
            0 | b'\n' | b'\r' | b'.' | b'!' | b'?' => return true,
            b' ' | b'\t' | b'"' | b'\'' | b'(' | b'[' | b'-' | 0x80..=0xff => i -= 1,
            _ => return false,
        }
        if start - i > 12 {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nouns() {
        assert_eq!(
            noun_after(b"195 offences to", 3).as_deref(),
            Some("offences")
        );
        assert_eq!(
            noun_after(b"two of its officers", 3).as_deref(),
            Some("officers")
        );
        assert_eq!(noun_after(b"32,000 to 1.41", 6), None);
        assert_eq!(noun_after(b"200 Jobs", 3).as_deref(), Some("jobs"));
        assert_eq!(noun_after(b"two of the world's", 3), None);
    }

    #[test]
    fn finds_sentence_starts() {
        let t = "Up 5%. \"Two clicks and\nSix UK tracks at BBC One";
        let b = t.as_bytes();
        assert!(is_sentence_initial(b, t.find("Two").unwrap_or(0)));
        assert!(is_sentence_initial(b, t.find("Six").unwrap_or(0)));
        assert!(!is_sentence_initial(b, t.find("One").unwrap_or(0)));
        assert!(is_sentence_initial(b, 0));
    }

    #[test]
    fn knows_months_and_units() {
        assert!(is_month(b"22 July", (3, 7)));
        assert!(!is_month(b"it may", (3, 6)));
        assert!(is_time_unit(b"six months", (4, 10)));
    }
}
