//! The words around a number that decide what it is: months (dates), time units
//! (durations, ages), the noun it counts, and whether a capitalised word starts a
//! sentence (a capitalised word inside a sentence is a name: `Formula 1`,
//! `BBC One`, `Six Nations`).
//!
//! Input: bytes and positions. Output: plain answers; nothing here allocates
//! except [`noun_after`], once per count ([`has_noun_after_near`] only tests).

use super::lex::{Word, at, before, is_any, lower, next_word, prev_word};
use crate::word_set::{Tags, WordSet, distinct};

/// Month names and their abbreviations.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Units of time: the noun of a duration (`six months`, `three-year`).
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

/// Time zones after a clock time (`0227 GMT`, `2100 BST`).
const TIME_ZONES: &[&str] = &[
    "gmt", "bst", "cet", "est", "edt", "pst", "pdt", "utc", "hrs", "hours",
];

/// A month name, capitalised as months are (`May` the month, not `may` the verb).
pub(crate) fn is_month(b: &[u8], w: Word) -> bool {
    at(b, w.0).is_ascii_uppercase() && tags_of(b, w) & MONTH != 0
}

/// A unit of time: the noun of a duration (`six months`, `three-year`).
pub(crate) fn is_time_unit(b: &[u8], w: Word) -> bool {
    tags_of(b, w) & TIME_UNIT != 0
}

/// A time zone after a clock time (`0227 GMT`, `2100 BST`).
pub(crate) fn is_time_zone(b: &[u8], w: Word) -> bool {
    at(b, w.0).is_ascii_uppercase() && tags_of(b, w) & TIME_ZONE != 0
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

/// Determiners skipped after `of` (`two of its officers`).
const DETERMINERS: &[&str] = &[
    "the", "its", "their", "his", "her", "our", "these", "those", "them", "us", "which", "whom",
    "my", "your",
];

// ----- the words next to a number, read once ---------------------------------
//
// The recognisers of a number ask a dozen questions about the word before it
// and the word after it (a month? a time unit? a currency? `from`? `of`?). Each
// used to find the word and compare it with its list; now the word is found
// once, its key looked up once in [`NEAR`], and every question is a bit test.

/// Which lists of [`NEAR`] a word is on.
pub(crate) const MONTH: Tags = 1;
pub(crate) const TIME_UNIT: Tags = 1 << 1;
pub(crate) const TIME_ZONE: Tags = 1 << 2;
/// Never the counted noun ([`FUNCTION_WORDS`]).
pub(crate) const FUNCTION: Tags = 1 << 3;
/// May start a currency after a number (`money::FIRST_WORDS`).
pub(crate) const CURRENCY: Tags = 1 << 4;
/// May end a hedge before a number (`hedge::LAST_WORDS`).
pub(crate) const HEDGE: Tags = 1 << 5;
/// `minus`, `negative`.
pub(crate) const MINUS: Tags = 1 << 6;
/// `number`, `no`, `aged`, `age`, `version`, `v`, `ver`: a rank, a name or an age follows.
pub(crate) const NUMBERING: Tags = 1 << 7;
/// `aged`, `age`.
pub(crate) const AGE: Tags = 1 << 8;
pub(crate) const AND: Tags = 1 << 9;
pub(crate) const TO: Tags = 1 << 10;
pub(crate) const OR: Tags = 1 << 11;
pub(crate) const TIMES: Tags = 1 << 12;
pub(crate) const IN: Tags = 1 << 13;
pub(crate) const OUT: Tags = 1 << 14;
pub(crate) const OF: Tags = 1 << 15;
pub(crate) const FROM: Tags = 1 << 16;
pub(crate) const AT: Tags = 1 << 17;

const NEAR_LISTS: &[(&[&str], Tags)] = &[
    (MONTHS, MONTH),
    (TIME_UNITS, TIME_UNIT),
    (TIME_ZONES, TIME_ZONE),
    (FUNCTION_WORDS, FUNCTION),
    (super::money::FIRST_WORDS, CURRENCY),
    (super::hedge::LAST_WORDS, HEDGE),
    (&["minus", "negative"], MINUS),
    (
        &["number", "no", "aged", "age", "version", "v", "ver"],
        NUMBERING,
    ),
    (&["aged", "age"], AGE),
    (&["and"], AND),
    (&["to"], TO),
    (&["or"], OR),
    (&["times"], TIMES),
    (&["in"], IN),
    (&["out"], OUT),
    (&["of"], OF),
    (&["from"], FROM),
    (&["at"], AT),
];

/// Every word the recognisers ask about, with the lists it is on.
static NEAR: WordSet<{ distinct(NEAR_LISTS) }> = WordSet::from_lists(NEAR_LISTS);

/// The lists of [`NEAR`] the word `w` is on (0 for none).
#[inline]
pub(crate) fn tags_of(b: &[u8], w: Word) -> Tags {
    NEAR.get_at(b, w.0, w.1).unwrap_or(0)
}

/// A word next to a number and the lists it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Near {
    pub word: Option<Word>,
    /// 0 when there is no word.
    pub tags: Tags,
}

/// No word: what [`near_after`] gives at the end of the text.
pub(crate) const NO_WORD: Near = Near {
    word: None,
    tags: 0,
};

impl Near {
    /// Whether there is a word and it is on one of `lists`.
    #[inline]
    pub(crate) fn is(self, lists: Tags) -> bool {
        self.tags & lists != 0
    }
}

/// The word after the spaces at `i` ([`next_word`]) and its lists.
#[inline]
pub(crate) fn near_after(b: &[u8], i: usize) -> Near {
    let word = next_word(b, i);
    Near {
        word,
        tags: word.map_or(0, |w| tags_of(b, w)),
    }
}

/// The word before the spaces before `i` ([`prev_word`]) and its lists.
#[inline]
pub(crate) fn near_before(b: &[u8], i: usize) -> Near {
    let word = prev_word(b, i);
    Near {
        word,
        tags: word.map_or(0, |w| tags_of(b, w)),
    }
}

/// The noun a count counts: the next word unless it is a function word;
/// `two of its officers` skips `of` and one determiner. Lower-cased.
pub(crate) fn noun_after(b: &[u8], end: usize) -> Option<String> {
    noun_after_near(b, end, near_after(b, end))
}

/// [`noun_after`], given `near_after(b, end)`.
pub(crate) fn noun_after_near(b: &[u8], end: usize, next: Near) -> Option<String> {
    // The noun is ASCII letters (a word): checking that they are UTF-8 costs a
    // few instructions a byte, where collecting them as `char`s one at a time
    // (growing the string as it goes) cost three times as much.
    noun_word(b, end, next).map(|w| {
        std::str::from_utf8(lower(b, w, &mut [0; 16])).map_or_else(|_| String::new(), str::to_owned)
    })
}

/// [`noun_after_near`] in `text` (whose bytes are `b`): the noun is a slice
/// of the text lower-cased, with no UTF-8 check (a word is ASCII letters, so
/// the slice is on char boundaries), where [`noun_after_near`] only has bytes.
pub(crate) fn noun_after_in(text: &str, end: usize, next: Near) -> Option<String> {
    noun_word(text.as_bytes(), end, next)
        .and_then(|w| text.get(w.0..w.1))
        .map(str::to_ascii_lowercase)
}

/// Whether [`noun_after`] finds a noun, without allocating it; `next` is
/// `near_after(b, end)`.
pub(crate) fn has_noun_after_near(b: &[u8], end: usize, next: Near) -> bool {
    noun_word(b, end, next).is_some()
}

/// Where [`noun_after`]'s noun is written; `next` is `near_after(b, end)`.
fn noun_word(b: &[u8], end: usize, next: Near) -> Option<Word> {
    if at(b, end) != b' ' {
        return None;
    }
    let mut w = next.word?;
    let mut tags = next.tags;
    if next.is(OF) {
        w = next_word(b, w.1)?;
        if is_any(b, w, DETERMINERS) {
            w = next_word(b, w.1)?;
        }
        tags = tags_of(b, w);
    }
    // A word of more than 16 bytes is no noun (`lower` gave nothing for it).
    if w.1 - w.0 > 16 || tags & FUNCTION != 0 || at(b, w.1) == b'\'' && at(b, w.1 + 1) == b's' {
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
        for (text, end) in [
            ("195 Offences to", 3),
            ("two of its OFFICERS", 3),
            ("32,000 to 1.41", 6),
            ("200 Jobs", 3),
            ("two of the world's", 3),
            ("5 été", 1),
            ("5 averyveryverylongword", 1),
            ("5 sixteenletterss", 1),
        ] {
            let b = text.as_bytes();
            let near = near_after(b, end);
            assert_eq!(
                noun_after_in(text, end, near),
                noun_after_near(b, end, near),
                "{text}"
            );
        }
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
            assert_eq!(
                noun_word(b, 1, near_after(b, 1)),
                noun_word_reference(b, 1),
                "{t:?}"
            );
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
