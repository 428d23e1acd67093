//! The words around a number that decide what it is: months (dates), time units
//! (durations, ages), the noun it counts, and whether a capitalised word starts a
//! sentence (a capitalised word inside a sentence is a name: `Formula 1`,
//! `BBC One`, `Six Nations`).
//!
//! Input: bytes and positions. Output: plain answers; nothing here allocates
//! except [`noun_after`], once per count ([`has_noun_after`] only tests).

use super::lex::{Word, at, before, is, is_any, lower, next_word};
use crate::word_set::{WordSet, distinct};

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
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "nor", "than", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "will", "would", "could", "should", "may", "might", "must", "can", "do", "did", "does",
    "it", "its", "this", "that", "these", "those", "which", "who", "whom", "what", "when", "where",
    "while", "per", "more", "less", "fewer", "over", "under", "up", "down", "so", "not", "no",
    "also", "after", "before", "since", "until", "into", "out", "about", "around", "between",
    "during", "through", "against", "among", "each", "every", "all", "some", "such", "only",
    "just", "he", "she", "they", "we", "you", "i", "them", "their", "his", "her", "our", "your",
    "my", "if", "said", "says", "last", "next", "ago", "later", "earlier", "now", "then", "there",
    "here",
];

static FUNCTION_WORD_SET: WordSet<{ distinct(&[(FUNCTION_WORDS, 1)]) }> =
    WordSet::from_lists(&[(FUNCTION_WORDS, 1)]);

/// Determiners skipped after `of` (`two of its officers`).
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "these", "those", "them", "us", "which", "whom",
    "my", "your",
];

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
    if is(b, w, "of") {
        w = next_word(b, w.1)?;
        if is_any(b, w, DETERMINERS) {
            w = next_word(b, w.1)?;
        }
    }
    // A word of more than 16 bytes is no noun (`lower` gave nothing for it).
    if w.1 - w.0 > 16
        || FUNCTION_WORD_SET.get_at(b, w.0, w.1).is_some()
        || at(b, w.1) == b'\'' && at(b, w.1 + 1) == b's'
    {
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

    /// [`noun_word`] as it was: the next word lower-cased into 16 bytes, then a
    /// `match` of the function words.
    fn noun_word_reference(b: &[u8], end: usize) -> Option<Word> {
        if at(b, end) != b' ' {
            return None;
        }
        let mut w = next_word(b, end)?;
        let mut buf = [0; 16];
        if lower(b, w, &mut buf) == b"of" {
            w = next_word(b, w.1)?;
            if is_any(b, w, DETERMINERS) {
                w = next_word(b, w.1)?;
            }
        }
        let lw = lower(b, w, &mut buf);
        if lw.is_empty()
            || FUNCTION_WORDS.iter().any(|f| f.as_bytes() == lw)
            || at(b, w.1) == b'\'' && at(b, w.1 + 1) == b's'
        {
            return None;
        }
        Some(w)
    }

    #[test]
    fn noun_word_agrees_with_the_reference() {
        let mut texts: Vec<String> = Vec::new();
        for w in FUNCTION_WORDS.iter().chain(DETERMINERS) {
            for form in [
                w.to_string(),
                w.to_uppercase(),
                format!("{w}s"),
                format!("of {w}"),
            ] {
                texts.push(format!("5 {form} rest"));
                texts.push(format!("5 {form}"));
                texts.push(format!("5 of {form}'s x"));
            }
        }
        for t in [
            "5 offences",
            "5 Jobs",
            "5  double",
            "5 of the world's",
            "5 of its officers",
            "5 internationalisations x",
            "5 abcdefghijklmnop",
            "5 abcdefghijklmnopq",
            "5 caf\u{e9}",
            "5 \u{e9}t\u{e9}",
            "5 of",
            "5 of ",
            "5",
            "5 -",
            "5 of the",
        ] {
            texts.push(t.to_owned());
        }
        for t in &texts {
            let b = t.as_bytes();
            assert_eq!(noun_word(b, 1), noun_word_reference(b, 1), "{t:?}");
        }
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
