//! The words of a text, read byte by byte: the pieces that frames and proper
//! nouns are made of, a word's key for interning, and the proper nouns of a
//! sentence.
//!
//! Input: any `&str` (a frame, the head of a sentence). Output: byte ranges of
//! the text's pieces (runs of letters, digits and apostrophes), trimmed words,
//! [`Key`]s, and proper nouns as slices of the text.
//!
//! Invariants: the pieces are exactly those of
//! `text.split(|c: char| !c.is_alphanumeric() && c != '\'')` minus the empty
//! ones (kept as `word_pieces`, the tests' reference); ASCII bytes are
//! classified by table and only non-ASCII chars are decoded, since most copy is
//! ASCII; every scan is linear in the bytes it is given and never panics on odd
//! input (ranges are taken with `get`).

use std::sync::LazyLock;

/// Whether an ASCII byte is a word char, one that pieces are made of: a
/// letter, a digit or an apostrophe.
const fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'\''
}

/// [`word_byte`] as a table, `false` for the bytes of non-ASCII chars.
pub(super) static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        t[i] = word_byte(i as u8);
        i += 1;
    }
    t
};

/// The runs of letters, digits and apostrophes of `text`, in order: what
/// `text.split(|c: char| !c.is_alphanumeric() && c != '\'')` gives minus its
/// empty pieces. The reference the byte scanners are tested against.
#[cfg(test)]
pub(super) fn word_pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
}

/// The piece (a run of letters, digits and apostrophes) that starts at or after byte `i` of `text` (a
/// char boundary): its byte range and whether it is all ASCII.
#[inline]
pub(super) fn next_piece(text: &str, i: usize) -> Option<(usize, usize, bool)> {
    let start = piece_start(text, i)?;
    let (end, ascii) = piece_end(text, start);
    Some((start, end, ascii))
}

/// The first word char of `text` at or after byte `i` (a char boundary).
#[inline]
fn piece_start(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
    loop {
        let &c = b.get(i)?;
        if c < 0x80 {
            if WORD_BYTE[c as usize] {
                return Some(i);
            }
            i += 1;
        } else {
            let ch = text.get(i..)?.chars().next()?;
            if ch.is_alphanumeric() {
                return Some(i);
            }
            i += ch.len_utf8();
        }
    }
}

/// The end of the piece that holds byte `i` of `text` (a char boundary), and
/// whether the piece from `i` on is all ASCII.
#[inline]
pub(super) fn piece_end(text: &str, mut i: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut ascii = true;
    loop {
        while i < b.len() && WORD_BYTE[b[i] as usize] {
            i += 1;
        }
        if i < b.len()
            && b[i] >= 0x80
            && let Some(ch) = text.get(i..).and_then(|t| t.chars().next())
            && ch.is_alphanumeric()
        {
            ascii = false;
            i += ch.len_utf8();
            continue;
        }
        return (i, ascii);
    }
}

/// A word without its possessive `'s` endings and quotes: `Marvel's` → `Marvel`,
/// `'quoted'` → `quoted`. (`str::trim_end_matches` with a string pattern builds a
/// searcher per call, which showed up in profiles of the word frames.)
#[cfg(test)]
pub(super) fn trim_word(w: &str) -> &str {
    let (start, end) = trim_range(w.as_bytes(), 0, w.len());
    w.get(start..end).unwrap_or("")
}

/// The tests' `trim_word` on the bytes `start..end` of `b`: the range it leaves. A quote
/// and `'s` are ASCII, so this is byte work on any text.
#[inline]
pub(super) fn trim_range(b: &[u8], start: usize, mut end: usize) -> (usize, usize) {
    // Most words neither start nor end with a quote or `'s`.
    if b.get(start).is_some_and(|&c| c != b'\'')
        && b.get(end.wrapping_sub(1))
            .is_some_and(|&c| c != b'\'' && c != b's')
    {
        return (start, end);
    }
    while end >= start + 2 && b.get(end - 2..end) == Some(&b"'s"[..]) {
        end -= 2;
    }
    let mut start = start;
    while start < end && b.get(start) == Some(&b'\'') {
        start += 1;
    }
    while end > start && b.get(end - 1) == Some(&b'\'') {
        end -= 1;
    }
    (start, end)
}

/// `FxHash`'s step: folds `v` into `h`.
#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The bytes `at..end` of `b` (at most 8 of them) as a little-endian integer,
/// zero-padded: one load when eight bytes can be read, whatever `end` is.
#[inline]
fn chunk(b: &[u8], at: usize, end: usize) -> u64 {
    let n = end.saturating_sub(at).min(8);
    if n == 0 {
        return 0;
    }
    let x = match b.get(at..at + 8) {
        Some(c) => c.try_into().map_or(0, u64::from_le_bytes),
        None => b
            .get(at..at + n)
            .unwrap_or(&[])
            .iter()
            .rev()
            .fold(0, |v, &c| (v << 8) | u64::from(c)),
    };
    if n == 8 {
        x
    } else {
        x & (u64::MAX >> (8 * (8 - n)))
    }
}

/// The key of a word for interning: its first 16 bytes as two integers
/// (zero-padded), its length, and a hash of all its bytes, each byte OR-ed with
/// a fold: `0x20` lower-cases the bytes of an ASCII piece (letters, digits and
/// `'` differ from their lower case, if at all, by that bit alone), `0` takes a
/// word as it is. Two words with equal keys are equal when they are at most 16
/// bytes long; longer ones must also compare their tails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Key {
    // Compared field by field in this order: the hash first, as it tells most
    // words apart.
    pub hash: u64,
    pub len: usize,
    pub head: [u64; 2],
}

impl Key {
    /// `==`, field by field (the derived form compares the head as an array,
    /// which the profile showed as a call).
    #[inline]
    pub fn same(&self, other: &Self) -> bool {
        self.hash == other.hash
            && self.len == other.len
            && self.head[0] == other.head[0]
            && self.head[1] == other.head[1]
    }

    /// The key of the bytes `start..end` of `b`, each OR-ed with `fold`.
    #[inline]
    pub fn of(b: &[u8], start: usize, end: usize, fold: u8) -> Self {
        let f = u64::from_ne_bytes([fold; 8]);
        let len = end.saturating_sub(start);
        // Most words: at most eight bytes, and eight can be read at once.
        if (1..=8).contains(&len)
            && let Some(c) = b.get(start..start + 8)
        {
            let x = c.try_into().map_or(0, u64::from_le_bytes);
            let head = (x | f) & (u64::MAX >> (64 - 8 * len));
            return Self {
                hash: mix(mix(len as u64, head), 0),
                len,
                head: [head, 0],
            };
        }
        if (9..=16).contains(&len)
            && let Some(c) = b.get(start..start + 16)
        {
            let x = c
                .get(..8)
                .and_then(|c| c.try_into().ok())
                .map_or(0, u64::from_le_bytes);
            let y = c
                .get(8..)
                .and_then(|c| c.try_into().ok())
                .map_or(0, u64::from_le_bytes);
            let head = [x | f, (y | f) & (u64::MAX >> (128 - 8 * len))];
            return Self {
                hash: mix(mix(len as u64, head[0]), head[1]),
                len,
                head,
            };
        }
        Self::spread(b, start, end, f)
    }

    /// [`Key::of`] for a word longer than eight bytes or near the end of `b`.
    #[inline(never)]
    fn spread(b: &[u8], start: usize, end: usize, f: u64) -> Self {
        let len = end.saturating_sub(start);
        // Only the bytes present are folded: the padding stays zero.
        let part = |at: usize| {
            let x = chunk(b, at, end);
            match end.saturating_sub(at) {
                0 => 0,
                n if n >= 8 => x | f,
                n => x | (f & (u64::MAX >> (8 * (8 - n)))),
            }
        };
        let head = [part(start), part(start + 8)];
        let mut hash = mix(mix(len as u64, head[0]), head[1]);
        let mut at = start + 16;
        while at < end {
            hash = mix(hash, part(at));
            at += 8;
        }
        Self { hash, len, head }
    }
}

/// Capitalised words that name nothing. Sorted: binary-searched in the tests.
const COMMON: &[&str] = &[
    "A",
    "Also",
    "An",
    "And",
    "April",
    "At",
    "August",
    "But",
    "December",
    "Dr",
    "February",
    "For",
    "Friday",
    "He",
    "However",
    "I",
    "In",
    "It",
    "Its",
    "January",
    "July",
    "June",
    "March",
    "May",
    "Meanwhile",
    "Monday",
    "Mr",
    "Mrs",
    "Ms",
    "November",
    "October",
    "On",
    "Profits",
    "Sales",
    "Saturday",
    "September",
    "Shares",
    "She",
    "Sunday",
    "That",
    "The",
    "These",
    "They",
    "This",
    "Those",
    "Thursday",
    "Tuesday",
    "UK",
    "US",
    "We",
    "Wednesday",
];

/// How many slots [`COMMON_KEYS`] has: a power of two, over twice its words.
const COMMON_SLOTS: usize = 128;

/// The [`Key`]s of [`COMMON`] in an open-addressing table (the top bits of a
/// key's hash pick its first slot): every capitalised word is looked up by the
/// key it needs anyway. No word in it is longer than 16 bytes, so equal keys are
/// equal words.
static COMMON_KEYS: LazyLock<Vec<Option<Key>>> = LazyLock::new(|| {
    let mut table = vec![None; COMMON_SLOTS];
    for w in COMMON {
        let key = Key::of(w.as_bytes(), 0, w.len(), 0);
        let mut i = common_slot(&key);
        while let Some(Some(_)) = table.get(i) {
            i = (i + 1) % COMMON_SLOTS;
        }
        if let Some(slot) = table.get_mut(i) {
            *slot = Some(key);
        }
    }
    table
});

fn common_slot(key: &Key) -> usize {
    (key.hash >> (64 - COMMON_SLOTS.trailing_zeros())) as usize
}

/// Whether the word with key `key` is in [`COMMON`].
fn is_common(key: &Key) -> bool {
    let common = &*COMMON_KEYS;
    let mut i = common_slot(key);
    while let Some(Some(k)) = common.get(i) {
        if k.same(key) {
            return true;
        }
        i = (i + 1) % COMMON_SLOTS;
    }
    false
}

/// The proper nouns of `s`, in order, repeats included: capitalised words (after
/// trimming quotes and `'s`) of two or more bytes that are not in [`COMMON`].
pub(super) fn proper_nouns(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    each_proper_noun(s, |w, _| out.push(w));
    out
}

/// Calls `f` with each proper noun of `s` (see [`proper_nouns`]) and its hash
/// (that of its [`Key`], bytes as written), in order.
pub(super) fn each_proper_noun<'t>(s: &'t str, mut f: impl FnMut(&'t str, u64)) {
    each_capitalised(s, |w, start| {
        // Keyed in place, so that eight bytes can be read at once.
        let key = Key::of(s.as_bytes(), start, start + w.len(), 0);
        if !is_common(&key) {
            f(w, key.hash);
        }
    });
}

/// Calls `f` with each word of `s` that may be a proper noun, in order: the
/// pieces that open with a capital letter once [`trim_range`] has trimmed their
/// quotes and `'s`, two bytes or longer ([`COMMON`] not yet applied).
///
/// Only a piece whose first char after its leading quotes is a capital can be
/// one, so the scan jumps from one ASCII capital or non-ASCII byte to the next
/// ([`next_name_byte`]) and reads a piece only where such a char starts it,
/// or follows the quotes that start it (`'Marks'`). Quotes themselves are not
/// looked for: most of them sit inside a word (`Tesco's`, `don't`) and start
/// nothing.
fn each_capitalised<'t>(text: &'t str, mut found: impl FnMut(&'t str, usize)) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = next_name_byte(bytes, from) {
        from = at + 1;
        let byte = bytes.get(at).copied().unwrap_or(0);
        if (0x80..0xc0).contains(&byte) {
            // Inside a multi-byte char: its first byte was seen.
            continue;
        }
        if byte >= 0x80 {
            let Some(ch) = text.get(at..).and_then(|t| t.chars().next()) else {
                continue;
            };
            from = at + ch.len_utf8();
            if !ch.is_alphanumeric() {
                continue;
            }
        }
        // The piece's start: back over the quotes just before the char (a
        // quote is a word char, so they belong to its piece), then no word
        // char before them. ASCII tested here, the rest by `starts_piece`.
        let mut start = at;
        while start > 0 && bytes.get(start - 1) == Some(&b'\'') {
            start -= 1;
        }
        let starts = match start.checked_sub(1).and_then(|p| bytes.get(p)) {
            None => true,
            Some(&p) if p < 0x80 => !WORD_BYTE[p as usize],
            Some(_) => starts_piece(text, start),
        };
        if !starts {
            continue;
        }
        // The piece's end: ASCII word bytes read here, a non-ASCII char by
        // `piece_end`.
        let mut end = from;
        while end < bytes.len() && WORD_BYTE[bytes[end] as usize] {
            end += 1;
        }
        if bytes.get(end).is_some_and(|&c| c >= 0x80) {
            end = piece_end(text, end).0;
        }
        from = end;
        let (start, end) = trim_range(bytes, start, end);
        let Some(word) = text.get(start..end) else {
            continue;
        };
        let capital = match word.as_bytes().first() {
            Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        };
        if word.len() > 1 && capital {
            found(word, start);
        }
    }
}

/// The first byte of `b` at or after `i` that is an ASCII capital or part of a
/// non-ASCII char: where the first letter of a proper noun can stand. Eight
/// bytes at a time (the last few padded with zeros, which never match): in
/// each byte of a word, the top bit is set by the additions exactly when the
/// byte's low seven bits pass the test (no carry crosses a byte, as seven-bit
/// values plus at most 0x7f stay below 0x100).
fn next_name_byte(bytes: &[u8], at: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let hits = |word: u64| {
        let low = word & !HIGH;
        // `low >= b'A'` and not `low > b'Z'`.
        let upper =
            (low + ONES * u64::from(0x80 - b'A')) & !(low + ONES * u64::from(0x80 - b'Z' - 1));
        (upper | word) & HIGH
    };
    let mut chunks = bytes.get(at..)?.chunks_exact(8);
    let mut base = at;
    for chunk in &mut chunks {
        let h = hits(chunk.try_into().map_or(0, u64::from_le_bytes));
        if h != 0 {
            return Some(base + (h.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    let rest = chunks.remainder();
    let mut last = [0u8; 8];
    last.get_mut(..rest.len())?.copy_from_slice(rest);
    let h = hits(u64::from_le_bytes(last));
    (h != 0).then(|| base + (h.trailing_zeros() / 8) as usize)
}

/// Whether the char at byte `at` of `s` (a char boundary) starts a piece (a run
/// of letters, digits and apostrophes): no word char before it.
fn starts_piece(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    match at.checked_sub(1).and_then(|p| b.get(p)) {
        None => true,
        Some(&p) if p < 0x80 => !WORD_BYTE[p as usize],
        Some(_) => {
            let mut j = at - 1;
            while j > 0 && !s.is_char_boundary(j) {
                j -= 1;
            }
            !s.get(j..at)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_alphanumeric)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text that exercises the scanners: ASCII words, capitals, quotes and `'s`,
    /// digits, and non-ASCII letters, marks and spaces.
    fn texty() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("IE's"),
                Just("market"),
                Just(" "),
                Just("  "),
                Just("'"),
                Just("'s"),
                Just("s"),
                Just("Tesco"),
                Just("BBC"),
                Just("The"),
                Just("88.9%"),
                Just("2004"),
                Just("Élan"),
                Just("élan"),
                Just("ÆRØ"),
                Just("café"),
                Just("—"),
                Just("\u{2019}"),
                Just("\u{a0}"),
                Just("£"),
                Just("K\u{212a}"),
                Just("ǅ"),
                Just("x"),
                Just("Q"),
                Just("-"),
                Just(","),
                Just("o'clock"),
                Just("ABCDEFGHIJKLMNOPQRSTU"),
                Just("abcdefghijklmnopq"),
            ],
            0..24,
        )
        .prop_map(|v| v.concat())
    }

    /// The reference for [`proper_nouns`]: the pieces opening with a capital
    /// after trimming, read through [`word_pieces`].
    fn proper_nouns_reference(s: &str) -> Vec<&str> {
        word_pieces(s)
            .map(trim_word)
            .filter(|w| {
                w.len() > 1
                    && w.chars().next().is_some_and(char::is_uppercase)
                    && COMMON.binary_search(w).is_err()
            })
            .collect()
    }

    fn pieces(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some((s, e, ascii)) = next_piece(text, i) {
            out.push((&text[s..e], ascii));
            i = e;
        }
        out
    }

    const SAMPLES: &[&str] = &[
        "",
        "  ",
        "IE's market share has dropped to 88.9% - Élan's 'quoted' o'clock",
        "naïve café—crème, 12,000 Ærø; MÜNCHEN's ünïcödé...",
        "a",
        "'",
        "x\u{2019}s \u{a0}nbsp",
        "Tesco sales rose 5%. Shares rose. Tesco's profits rose 3%. In March, Asda grew.",
        "'Hello' said McDonald's eBay boss ÉLAN Élan élan 'The' US UK Q",
        "''Tesco é'Asda x''Marks 'iPhone '9Next ''Élan' \u{2019}'Boots 'S's Sa's",
    ];

    #[test]
    fn pieces_are_the_non_empty_split() {
        for text in SAMPLES {
            let want: Vec<(&str, bool)> = word_pieces(text).map(|w| (w, w.is_ascii())).collect();
            assert_eq!(pieces(text), want, "{text:?}");
        }
    }

    #[test]
    fn trim_word_drops_possessives_and_quotes() {
        for (w, t) in [
            ("Marvel's", "Marvel"),
            ("'quoted'", "quoted"),
            ("''", ""),
            ("'", ""),
            ("", ""),
            ("boss's's", "boss"),
            ("o'clock", "o'clock"),
            ("'s", ""),
            ("Élan's'", "Élan's"),
            ("'s's", ""),
            ("s's", "s"),
        ] {
            assert_eq!(trim_word(w), t, "{w:?}");
            // The string-pattern form it replaces.
            assert_eq!(
                trim_word(w),
                w.trim_end_matches("'s").trim_matches('\''),
                "{w:?}"
            );
        }
    }

    #[test]
    fn proper_nouns_are_the_capitalised_pieces() {
        for text in SAMPLES {
            assert_eq!(proper_nouns(text), proper_nouns_reference(text), "{text:?}");
        }
        assert_eq!(
            proper_nouns("Tesco's profits rose. In March, Asda and 'Marks' grew"),
            ["Tesco", "Asda", "Marks"]
        );
    }

    #[test]
    fn common_words_are_sorted() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keys_fold_ascii_case_and_agree_on_slices() {
        let text = "xx ProfitsOfTheGroupAndMore yy";
        let k = Key::of(text.as_bytes(), 3, 27, 0x20);
        let lower = "profitsofthegroupandmore";
        assert_eq!(k, Key::of(lower.as_bytes(), 0, lower.len(), 0));
        assert_ne!(k, Key::of(b"profits", 0, 7, 0));
        // Reading past the word (eight bytes at a time) changes nothing.
        assert_eq!(Key::of(b"ab", 0, 2, 0), Key::of(b"abcdefghijk", 0, 2, 0));
    }

    proptest! {
        #[test]
        fn scanners_agree_with_the_split(text in texty()) {
            let want: Vec<(&str, bool)> =
                word_pieces(&text).map(|w| (w, w.is_ascii())).collect();
            prop_assert_eq!(pieces(&text), want);
            prop_assert_eq!(proper_nouns(&text), proper_nouns_reference(&text));
        }

        #[test]
        fn trim_range_is_trim_word(text in texty()) {
            prop_assert_eq!(
                trim_word(&text),
                text.trim_end_matches("'s").trim_matches('\'')
            );
        }

        #[test]
        fn name_bytes_are_found_in_order(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let want: Vec<usize> = (0..bytes.len())
                .filter(|&i| bytes[i] >= 0x80 || bytes[i].is_ascii_uppercase())
                .collect();
            let mut got = Vec::new();
            let mut i = 0;
            while let Some(at) = next_name_byte(&bytes, i) {
                got.push(at);
                i = at + 1;
            }
            prop_assert_eq!(got, want);
        }

        #[test]
        fn keys_equal_iff_lowercase_equal(a in "[A-Za-z0-9']{0,30}", b in "[A-Za-z0-9']{0,30}") {
            let ka = Key::of(a.as_bytes(), 0, a.len(), 0x20);
            let kb = Key::of(b.as_bytes(), 0, b.len(), 0x20);
            let same = a.eq_ignore_ascii_case(&b);
            if a.len() <= 16 || b.len() <= 16 {
                prop_assert_eq!(ka == kb, same);
            } else if same {
                prop_assert_eq!(ka, kb);
            }
            let lower = a.to_lowercase();
            prop_assert_eq!(ka, Key::of(lower.as_bytes(), 0, lower.len(), 0));
        }
    }
}
