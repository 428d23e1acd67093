//! Fixed sets of short words, looked up ignoring ASCII case in a hash table.
//!
//! Input: word lists written in lower case, built into a [`WordSet`] when the
//! crate compiles; at run time, any byte slice. Output: whether the slice spells
//! one of the words ignoring ASCII case (exactly what `eq_ignore_ascii_case`
//! against each listed word would answer: the tests compare the two), and the tag
//! stored with the word. Words are 1 to 15 bytes; a longer or empty slice is in
//! no set.
//!
//! Why: the segmenter and the extractor ask "is this token one of these words?"
//! for every full stop and every number, of lists with up to a hundred words. A
//! `matches!` over byte strings or a loop of `eq_ignore_ascii_case` compares the
//! token with the words one after another; here the token is folded once into a
//! 128-bit key (its bytes lower-cased eight at a time, its length in the top
//! byte), hashed to one of 2,048 slots, and compared with the word there (the
//! table is built when the crate compiles, with linear probing: a set of at
//! most 512 words fills at most a quarter of it, so a lookup nearly always
//! ends at the first or second slot). Editing a list needs nothing else.

/// Slots per set (a power of two).
const SLOTS: usize = 2048;
const SLOT_BITS: u32 = SLOTS.trailing_zeros();
/// Most words a set holds: a quarter of the slots.
const MAX_WORDS: usize = SLOTS / 4;
/// The hash multiplier (odd, well mixed).
const MUL: u64 = 0x9FB2_1C65_1E98_DF25;

/// Longest word a set holds: the sixteenth byte of a key holds the length.
pub(crate) const MAX_WORD: usize = 15;

/// The tag of a word: bit flags the user gives meaning to, such as the lists a
/// word is on.
pub(crate) type Tags = u32;

/// A set of words, each with its [`Tags`].
pub(crate) struct WordSet<const N: usize> {
    /// Per slot, the index of the word there plus one; 0 for none.
    slots: [u16; SLOTS],
    keys: [u128; N],
    tags: [Tags; N],
}

/// The number of distinct words in `lists`, for the size of a [`WordSet`]
/// built from them with [`WordSet::from_lists`].
pub(crate) const fn distinct(lists: &[(&[&str], Tags)]) -> usize {
    let mut n = 0;
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].0.len() {
            if !seen_before(lists, l, i) {
                n += 1;
            }
            i += 1;
        }
        l += 1;
    }
    n
}

/// Whether word `word` of list `list` appears earlier in `lists`.
const fn seen_before(lists: &[(&[&str], Tags)], list: usize, word: usize) -> bool {
    let key = const_key(lists[list].0[word].as_bytes());
    let mut earlier = 0;
    while earlier <= list {
        let end = if earlier == list {
            word
        } else {
            lists[earlier].0.len()
        };
        let mut other = 0;
        while other < end {
            if const_key(lists[earlier].0[other].as_bytes()) == key {
                return true;
            }
            other += 1;
        }
        earlier += 1;
    }
    false
}

/// The key of a word given in lower case (checked: a list with an upper-case
/// letter, or a word too long or empty, fails to compile).
const fn const_key(w: &[u8]) -> u128 {
    assert!(
        !w.is_empty() && w.len() <= MAX_WORD,
        "a listed word is empty or longer than 15 bytes"
    );
    let mut k = 0u128;
    let mut i = 0;
    while i < w.len() {
        assert!(
            !w[i].is_ascii_uppercase(),
            "listed words are written in lower case"
        );
        k |= (w[i] as u128) << (8 * i);
        i += 1;
    }
    k | ((w.len() as u128) << 120)
}

#[inline]
const fn slot(k: u128) -> usize {
    let mixed = (k as u64) ^ ((k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed.wrapping_mul(MUL) >> (64 - SLOT_BITS)) as usize
}

impl<const N: usize> WordSet<N> {
    /// A set of the words of `lists`, each word tagged with the OR of the tags
    /// of the lists it is on. `N` must be [`distinct`]`(lists)`.
    pub(crate) const fn from_lists(lists: &[(&[&str], Tags)]) -> Self {
        assert!(N == distinct(lists), "N must be distinct(lists)");
        assert!(N <= MAX_WORDS, "a set holds at most 512 words");
        let mut keys = [0u128; N];
        let mut tags = [0 as Tags; N];
        let mut count = 0;
        let mut list = 0;
        while list < lists.len() {
            let (words, tag) = lists[list];
            let mut word = 0;
            while word < words.len() {
                let key = const_key(words[word].as_bytes());
                let mut at = 0;
                while at < count && keys[at] != key {
                    at += 1;
                }
                if at == count {
                    keys[count] = key;
                    count += 1;
                }
                tags[at] |= tag;
                word += 1;
            }
            list += 1;
        }
        // Each word in its hash slot, or the next free one after it.
        let mut slots = [0u16; SLOTS];
        let mut word = 0;
        while word < N {
            let mut at = slot(keys[word]);
            while slots[at] != 0 {
                at = (at + 1) % SLOTS;
            }
            slots[at] = word as u16 + 1;
            word += 1;
        }
        Self { slots, keys, tags }
    }

    /// The tag of `word` (any case), or `None` when it is not in the set.
    #[inline]
    pub(crate) fn get(&self, word: &[u8]) -> Option<Tags> {
        self.get_key(key(word)?)
    }

    /// The tag of the word `b[start..end]`, reading the text sixteen bytes at a
    /// time when it can: the same answer as [`WordSet::get`] on the slice.
    #[inline]
    pub(crate) fn get_at(&self, b: &[u8], start: usize, end: usize) -> Option<Tags> {
        self.get_key(key_at(b, start, end)?)
    }

    /// The tag of the word whose key (see [`key`]) is `k`.
    #[inline]
    pub(crate) fn get_key(&self, k: u128) -> Option<Tags> {
        let mut at = slot(k);
        loop {
            // An empty slot ends the probe: the word is not in the set.
            let i = usize::from(self.slots[at % SLOTS]).checked_sub(1)?;
            if self.keys.get(i) == Some(&k) {
                return self.tags.get(i).copied();
            }
            at += 1;
        }
    }
}

/// 0x01 in every byte of a `u64`.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// 0x80 in every byte.
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);

/// `A..=Z` lower-cased in the eight bytes of `x`, other bytes unchanged: per
/// byte, the high bit of "in `A..=Z`" (SWAR, setting every high bit before
/// subtracting so that no byte borrows from its neighbour; `!x` drops the
/// non-ASCII bytes) moved down to 0x20.
#[inline]
pub(crate) const fn lower8(x: u64) -> u64 {
    let at_least_a = (x | HIGH).wrapping_sub(ONES * b'A' as u64);
    let above_z = (x | HIGH).wrapping_sub(ONES * (b'Z' as u64 + 1));
    x | ((at_least_a & !above_z & !x & HIGH) >> 2)
}

/// The key of a word of 1 to 15 bytes: its bytes lower-cased (ASCII), the first
/// in the low byte, and its length in the top byte (so that `mr` and `mr\0`
/// differ). `None` for an empty or longer word, which no set holds.
#[inline]
pub(crate) fn key(word: &[u8]) -> Option<u128> {
    let len = word.len();
    if len == 0 || len > MAX_WORD {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, &c) in buf.iter_mut().zip(word) {
        *d = c.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(buf) | ((len as u128) << 120))
}

/// [`key`] of `b[start..end]`, from one or two eight-byte loads when the text
/// has the bytes (most words have at most eight).
#[inline]
pub(crate) fn key_at(b: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start)?;
    if len == 0 || len > MAX_WORD {
        return None;
    }
    let eight = |i: usize| {
        b.get(i..)
            .and_then(<[u8]>::first_chunk::<8>)
            .map(|w| lower8(u64::from_le_bytes(*w)))
    };
    let len_bits = (len as u128) << 120;
    if len <= 8 {
        if let Some(lo) = eight(start) {
            // `len` is 1..=8: the shift is 0..=56.
            let lo = lo & (u64::MAX >> (64 - 8 * len));
            return Some(u128::from(lo) | len_bits);
        }
    } else if let (Some(lo), Some(hi)) = (eight(start), eight(start + 8)) {
        let hi = hi & (u64::MAX >> (128 - 8 * len));
        return Some(u128::from(lo) | (u128::from(hi) << 64) | len_bits);
    }
    key(b.get(start..end)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &[&str] = &["mr", "mrs", "e.g", "n\u{b0}", "approximately", "a"];
    const B: &[&str] = &["co", "mr", "ltd"];
    const LISTS: &[(&[&str], Tags)] = &[(A, 1), (B, 2)];
    static SET: WordSet<{ distinct(LISTS) }> = WordSet::from_lists(LISTS);

    /// The definition: the OR of the tags of the lists holding a word equal to
    /// `w` ignoring ASCII case.
    fn reference(w: &[u8]) -> Option<Tags> {
        let tag = LISTS
            .iter()
            .filter(|(list, _)| list.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes())))
            .fold(0, |t, (_, tag)| t | tag);
        (tag != 0).then_some(tag)
    }

    #[test]
    fn finds_listed_words_in_any_case() {
        assert_eq!(distinct(LISTS), 8);
        assert_eq!(SET.get(b"MR"), Some(3));
        assert_eq!(SET.get(b"Mrs"), Some(1));
        assert_eq!(SET.get(b"E.G"), Some(1));
        assert_eq!(SET.get("N\u{b0}".as_bytes()), Some(1));
        assert_eq!(SET.get(b"ApproximateLY"), Some(1));
        assert_eq!(SET.get(b"Ltd"), Some(2));
        assert_eq!(SET.get(b"mr\0"), None);
        assert_eq!(SET.get(b""), None);
        assert_eq!(SET.get(b"approximatelyyyy"), None);
    }

    #[test]
    fn agrees_with_the_definition() {
        // Every listed word in several cases and with a byte more or less, at
        // every offset of a text (so both key paths run), among other words.
        let mut words: Vec<Vec<u8>> = Vec::new();
        for (list, _) in LISTS {
            for w in *list {
                let w = w.as_bytes();
                words.push(w.to_vec());
                words.push(w.to_ascii_uppercase());
                words.push(w[..w.len() - 1].to_vec());
                let mut longer = w.to_vec();
                longer.push(b's');
                words.push(longer);
                let mut odd = w.to_vec();
                odd[0] ^= 0x80;
                words.push(odd);
            }
        }
        for w in ["", "m", "r", "x", "\0", "M\u{e9}", "@r", "[r", "mR\u{c0}"] {
            words.push(w.as_bytes().to_vec());
        }
        let mut text = Vec::new();
        let mut spans = Vec::new();
        for w in &words {
            let s = text.len();
            text.extend_from_slice(w);
            spans.push((s, text.len()));
            text.push(b' ');
        }
        for (w, &(s, e)) in words.iter().zip(&spans) {
            assert_eq!(SET.get(w), reference(w), "{w:?}");
            assert_eq!(SET.get_at(&text, s, e), reference(w), "{w:?} at {s}");
        }
        // At the very end of a text, where fewer than sixteen bytes remain.
        for w in &words {
            assert_eq!(SET.get_at(w, 0, w.len()), reference(w), "{w:?} alone");
        }
        // Inverted or out-of-range spans are in no set.
        assert_eq!(SET.get_at(b"mr", 2, 1), None);
        assert_eq!(SET.get_at(b"mr", 1, 9), None);
    }

    #[test]
    fn lower_cases_only_ascii_capitals() {
        for c in 0..=255u8 {
            let x = u64::from_le_bytes([c, b'A', b'Z', b'@', b'[', 0xC1, b'a', 0xDA]);
            let want = u64::from_le_bytes([
                c.to_ascii_lowercase(),
                b'a',
                b'z',
                b'@',
                b'[',
                0xC1,
                b'a',
                0xDA,
            ]);
            assert_eq!(lower8(x), want, "{c:#x}");
        }
    }
}
