//! Hedges: the words just before a mention that bound or soften it (`about`,
//! `more than`, `nearly`, `up to`).
//!
//! Input: bytes and a mention's start. Output: the hedge, if any. Only the words
//! directly before the mention count (LABELS.md: "Hedges are read from the words
//! just before the mention"), separated by spaces on the same line.

use super::Hedge;
use super::lex::{Word, before as byte_before, is, is_any, lower, prev_word, skip_spaces_back};

/// Every word that can end a hedge: what [`before_word`]'s `match` dispatches on.
pub(crate) const LAST_WORDS: &[&str] = &[
    "than",
    "least",
    "most",
    "to",
    "under",
    "below",
    "short",
    "excess",
    "of",
    "as",
    "about",
    "circa",
    "around",
    "approximately",
    "some",
    "roughly",
    "nearly",
    "almost",
    "over",
    "above",
];

/// The hedge written just before `start`.
///
/// Dispatches on the last word, lower-cased once: every hedge is decided by it
/// (`than`, `to`, `least`... end the two-word hedges), so most words before a
/// number are rejected by one `match` and the words before it are read only for
/// the few that can end a hedge.
#[cfg(test)]
pub(crate) fn before(b: &[u8], start: usize) -> Option<Hedge> {
    before_word(b, prev_word(b, start))
}

/// The hedge written just before a mention, given the word just before it
/// (`prev_word` of its start), which the scan has at hand; the tests' `before`
/// finds that word itself.
pub(crate) fn before_word(b: &[u8], w1: Option<Word>) -> Option<Hedge> {
    let w1 = w1?;
    let mut buf = [0; 16];
    let last = lower(b, w1, &mut buf);
    // The word before the last, read once and only for the last words that end
    // a longer hedge (`of` and `to`, common before a number, ask about it twice).
    let w2 = if matches!(
        last,
        b"than"
            | b"least"
            | b"most"
            | b"to"
            | b"under"
            | b"below"
            | b"short"
            | b"excess"
            | b"of"
            | b"as"
    ) {
        prev_word(b, w1.0)
    } else {
        None
    };
    // The word before the last is `first`.
    let after = |first: &str| w2.is_some_and(|w| is(b, w, first));
    // ... and the one before that is `word`.
    let third_is = |word: &str| {
        w2.and_then(|w| prev_word(b, w.0))
            .is_some_and(|w| is(b, w, word))
    };
    let negated = || {
        w2.and_then(|w| prev_word(b, w.0))
            .is_some_and(|w0| is_any(b, w0, &["no", "not"]))
    };
    match last {
        b"than" if after("more") => Some(if negated() {
            Hedge::AtMost
        } else {
            Hedge::MoreThan
        }),
        b"than" if after("less") || after("fewer") => Some(if negated() {
            Hedge::AtLeast
        } else {
            Hedge::LessThan
        }),
        b"least" if after("at") => Some(Hedge::AtLeast),
        b"most" if after("at") => Some(Hedge::AtMost),
        b"to" if after("up") => Some(Hedge::UpTo),
        b"to" if after("close") => Some(Hedge::About),
        b"under" | b"below" | b"short" if after("just") => Some(Hedge::JustUnder),
        b"excess" if after("in") => Some(Hedge::MoreThan),
        b"of" if after("upwards") || (after("excess") && third_is("in")) => Some(Hedge::MoreThan),
        b"as" if (after("many") || after("much")) && third_is("as") => Some(Hedge::UpTo),
        b"about" | b"circa" => Some(Hedge::About),
        b"around" => Some(Hedge::Around),
        b"approximately" => Some(Hedge::Approximately),
        b"some" => Some(Hedge::Some),
        b"roughly" => Some(Hedge::Roughly),
        b"nearly" => Some(Hedge::Nearly),
        b"almost" => Some(Hedge::Almost),
        b"over" => Some(Hedge::Over),
        b"above" => Some(Hedge::Above),
        b"under" => Some(Hedge::Under),
        b"below" => Some(Hedge::Below),
        _ => None,
    }
}

/// The longest of the `extra` hedge phrases (from the settings) written just
/// before `start`: its words, ignoring ASCII case, each a whole word, separated
/// by spaces or tabs (the same line, as for the built-in hedges). A phrase word
/// may hold any bytes (`approx.`, `c.`); a phrase with no words never matches.
pub(crate) fn extra(b: &[u8], start: usize, extra: &[(String, Hedge)]) -> Option<Hedge> {
    extra
        .iter()
        .filter(|(phrase, _)| ends_with_phrase(b, start, phrase))
        .max_by_key(|(phrase, _)| phrase.trim().len())
        .map(|&(_, h)| h)
}

/// Whether the words of `phrase` end just before the spaces before `start`.
fn ends_with_phrase(b: &[u8], start: usize, phrase: &str) -> bool {
    let mut end = skip_spaces_back(b, start);
    let mut words = phrase.split_ascii_whitespace().rev().peekable();
    if words.peek().is_none() {
        return false;
    }
    for (k, word) in words.enumerate() {
        if k > 0 {
            // At least one space between two words of the phrase.
            let e = skip_spaces_back(b, end);
            if e == end {
                return false;
            }
            end = e;
        }
        let w = word.as_bytes();
        let Some(s) = end.checked_sub(w.len()) else {
            return false;
        };
        if !b.get(s..end).is_some_and(|t| t.eq_ignore_ascii_case(w)) {
            return false;
        }
        // A whole word: `take` must not be the end of `retake`.
        if w.first().is_some_and(u8::is_ascii_alphanumeric)
            && byte_before(b, s).is_ascii_alphanumeric()
        {
            return false;
        }
        end = s;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hedge_with(s: &str, extras: &[(&str, Hedge)]) -> Option<Hedge> {
        let at = s.find('#').unwrap_or(s.len());
        let extras: Vec<(String, Hedge)> = extras.iter().map(|&(p, h)| (p.to_owned(), h)).collect();
        let text = s.replace('#', "");
        extra(text.as_bytes(), at, &extras).or_else(|| before(text.as_bytes(), at))
    }

    #[test]
    fn reads_extra_hedge_phrases() {
        let give = [("give or take", Hedge::About)];
        assert_eq!(hedge("give or take #30%"), None);
        assert_eq!(hedge_with("give or take #30%", &give), Some(Hedge::About));
        assert_eq!(hedge_with("Give  or\tTAKE #30%", &give), Some(Hedge::About));
        assert_eq!(hedge_with("give or retake #30%", &give), None);
        assert_eq!(hedge_with("give ortake #30%", &give), None);
        assert_eq!(hedge_with("give or take\n#30%", &give), None);
        assert_eq!(hedge_with("take #30%", &give), None);
        assert_eq!(hedge_with("#30%", &give), None);
        let approx = [("approx.", Hedge::Approximately)];
        assert_eq!(
            hedge_with("approx. #30", &approx),
            Some(Hedge::Approximately)
        );
        assert_eq!(hedge_with("#30", &[("", Hedge::About)]), None);
    }

    #[test]
    fn extra_hedges_win_longest_first() {
        let extras = [
            ("well over", Hedge::MoreThan),
            ("over", Hedge::Above),
            ("in excess of", Hedge::MoreThan),
        ];
        assert_eq!(hedge("well over #60"), Some(Hedge::Over));
        assert_eq!(hedge_with("well over #60", &extras), Some(Hedge::MoreThan));
        assert_eq!(hedge_with("just over #60", &extras), Some(Hedge::Above));
        assert_eq!(
            hedge_with("in excess of #60", &extras),
            Some(Hedge::MoreThan)
        );
        // Built-in hedges still apply when no extra matches.
        assert_eq!(hedge_with("nearly #60", &extras), Some(Hedge::Nearly));
    }

    fn hedge(s: &str) -> Option<Hedge> {
        let at = s.find('#').unwrap_or(s.len());
        before(s.replace('#', "").as_bytes(), at)
    }

    #[test]
    fn reads_hedges_before_mentions() {
        assert_eq!(hedge("more than #14 million"), Some(Hedge::MoreThan));
        assert_eq!(hedge("no more than #5%"), Some(Hedge::AtMost));
        assert_eq!(hedge("Some #82% said"), Some(Hedge::Some));
        assert_eq!(hedge("operations in over #60 countries"), Some(Hedge::Over));
        assert_eq!(
            hedge("waiting less than #six months"),
            Some(Hedge::LessThan)
        );
        assert_eq!(hedge("just under #three-quarters"), Some(Hedge::JustUnder));
        assert_eq!(hedge("as many as #300"), Some(Hedge::UpTo));
    }

    /// The word-by-word reading that [`before`] replaced, kept as its oracle.
    fn reference(b: &[u8], start: usize) -> Option<Hedge> {
        let w1 = prev_word(b, start)?;
        let w2 = prev_word(b, w1.0);
        let pair =
            |first: &str, second: &str| w2.is_some_and(|w| is(b, w, first)) && is(b, w1, second);
        let third = |word: &str| {
            w2.and_then(|w| prev_word(b, w.0))
                .is_some_and(|w| is(b, w, word))
        };
        let negated = w2
            .and_then(|w| prev_word(b, w.0))
            .is_some_and(|w0| is_any(b, w0, &["no", "not"]));
        let pairs = [
            (
                "more",
                "than",
                if negated {
                    Hedge::AtMost
                } else {
                    Hedge::MoreThan
                },
            ),
            (
                "less",
                "than",
                if negated {
                    Hedge::AtLeast
                } else {
                    Hedge::LessThan
                },
            ),
            (
                "fewer",
                "than",
                if negated {
                    Hedge::AtLeast
                } else {
                    Hedge::LessThan
                },
            ),
            ("at", "least", Hedge::AtLeast),
            ("at", "most", Hedge::AtMost),
            ("up", "to", Hedge::UpTo),
            ("just", "under", Hedge::JustUnder),
            ("just", "below", Hedge::JustUnder),
            ("just", "short", Hedge::JustUnder),
            ("close", "to", Hedge::About),
            ("in", "excess", Hedge::MoreThan),
            ("upwards", "of", Hedge::MoreThan),
        ];
        if let Some(&(_, _, h)) = pairs.iter().find(|(f, s, _)| pair(f, s)) {
            return Some(h);
        }
        if pair("excess", "of") && third("in") {
            return Some(Hedge::MoreThan);
        }
        if (pair("many", "as") || pair("much", "as")) && third("as") {
            return Some(Hedge::UpTo);
        }
        let single = [
            ("about", Hedge::About),
            ("around", Hedge::Around),
            ("approximately", Hedge::Approximately),
            ("some", Hedge::Some),
            ("roughly", Hedge::Roughly),
            ("nearly", Hedge::Nearly),
            ("almost", Hedge::Almost),
            ("over", Hedge::Over),
            ("above", Hedge::Above),
            ("under", Hedge::Under),
            ("below", Hedge::Below),
            ("circa", Hedge::About),
        ];
        single.iter().find(|(w, _)| is(b, w1, w)).map(|(_, h)| *h)
    }

    #[test]
    fn agrees_with_the_word_by_word_reading() {
        let words = [
            "no",
            "not",
            "More",
            "than",
            "less",
            "fewer",
            "at",
            "least",
            "most",
            "up",
            "to",
            "just",
            "under",
            "below",
            "short",
            "close",
            "in",
            "excess",
            "upwards",
            "of",
            "as",
            "many",
            "much",
            "about",
            "around",
            "approximately",
            "some",
            "roughly",
            "nearly",
            "almost",
            "over",
            "above",
            "circa",
            "Circa",
            "the",
            "a",
            "\n",
            "-",
            "supercalifragilistic",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(words[(state % words.len() as u64) as usize]);
                text.push(if state.is_multiple_of(7) { '\t' } else { ' ' });
            }
            let b = text.as_bytes();
            assert_eq!(before(b, b.len()), reference(b, b.len()), "{text:?}");
        }
    }

    #[test]
    fn ignores_other_words() {
        assert_eq!(hedge("rose 32,000 to #1.41 million"), None);
        assert_eq!(hedge("#5"), None);
    }
}
