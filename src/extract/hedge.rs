//! Hedges: the words just before a mention that bound or soften it (`about`,
//! `more than`, `nearly`, `up to`).
//!
//! Input: bytes and a mention's start. Output: the hedge, if any. Only the words
//! directly before the mention count (LABELS.md: "Hedges are read from the words
//! just before the mention"), separated by spaces on the same line.

use super::Hedge;
use super::lex::{Word, is, is_any, prev_word};

/// The hedge written just before `start`.
pub(crate) fn before(b: &[u8], start: usize) -> Option<Hedge> {
    let w1 = prev_word(b, start)?;
    let w2 = prev_word(b, w1.0);
    let pair = |first: &str, second: &str| w2.is_some_and(|w| is(b, w, first)) && is(b, w1, second);
    let negated = |w: Option<Word>| {
        w.and_then(|w| prev_word(b, w.0))
            .is_some_and(|w0| is_any(b, w0, &["no", "not"]))
    };
    if pair("more", "than") {
        return Some(if negated(w2) {
            Hedge::AtMost
        } else {
            Hedge::MoreThan
        });
    }
    if pair("less", "than") || pair("fewer", "than") {
        return Some(if negated(w2) {
            Hedge::AtLeast
        } else {
            Hedge::LessThan
        });
    }
    if pair("at", "least") {
        return Some(Hedge::AtLeast);
    }
    if pair("at", "most") {
        return Some(Hedge::AtMost);
    }
    if pair("up", "to") {
        return Some(Hedge::UpTo);
    }
    if pair("just", "under") || pair("just", "below") || pair("just", "short") {
        return Some(Hedge::JustUnder);
    }
    if pair("close", "to") {
        return Some(Hedge::About);
    }
    if pair("in", "excess") || pair("upwards", "of") {
        return Some(Hedge::MoreThan);
    }
    if pair("excess", "of")
        && w2
            .and_then(|w| prev_word(b, w.0))
            .is_some_and(|w| is(b, w, "in"))
    {
        return Some(Hedge::MoreThan);
    }
    if (pair("many", "as") || pair("much", "as"))
        && w2
            .and_then(|w| prev_word(b, w.0))
            .is_some_and(|w| is(b, w, "as"))
    {
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn ignores_other_words() {
        assert_eq!(hedge("rose 32,000 to #1.41 million"), None);
        assert_eq!(hedge("#5"), None);
    }
}
