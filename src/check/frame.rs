//! The words around a claim, and the intervals the relation rules compare.
//!
//! Input: a [`Links`] index over one file and a claim. Output: the content words
//! of the claim's frame (the few words either side of it in its sentence), the
//! head noun of an `of` phrase after it, and the interval a claim covers when it
//! is a restatement or a share. Shared by `percent-share`, `fraction`,
//! `multiplier`, `sum` and `repeated-figure`.
//!
//! Invariants: every reading is bounded in bytes around the claim and stays in
//! its sentence, so the cost per claim is constant; nothing panics on odd spans
//! (all slicing goes through [`Links`]).

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use super::link::Links;
use super::words::{Key, WORD_BYTE, next_piece, piece_end, trim_range};
use super::{Interval, approx, figure_interval};
use crate::extract::{Claim, ClaimKind, HedgeSense};

/// Words that say nothing about which quantity a number measures. Sorted: looked
/// up by binary search.
const STOP: &[&str] = &[
    "about",
    "according",
    "all",
    "almost",
    "also",
    "an",
    "and",
    "another",
    "are",
    "around",
    "as",
    "at",
    "be",
    "been",
    "being",
    "billion",
    "but",
    "by",
    "can",
    "cent",
    "could",
    "did",
    "does",
    "down",
    "eight",
    "even",
    "figure",
    "figures",
    "five",
    "for",
    "four",
    "from",
    "get",
    "got",
    "had",
    "half",
    "has",
    "have",
    "her",
    "here",
    "him",
    "his",
    "how",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "last",
    "less",
    "many",
    "may",
    "million",
    "month",
    "months",
    "more",
    "much",
    "nearly",
    "new",
    "nine",
    "not",
    "now",
    "number",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "percent",
    "quarter",
    "quarters",
    "said",
    "say",
    "says",
    "seven",
    "she",
    "show",
    "showed",
    "shows",
    "since",
    "six",
    "some",
    "still",
    "such",
    "ten",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "third",
    "thirds",
    "this",
    "those",
    "three",
    "time",
    "to",
    "total",
    "trillion",
    "two",
    "under",
    "up",
    "very",
    "was",
    "week",
    "weeks",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "will",
    "with",
    "would",
    "year",
    "years",
    "you",
    "your",
];

/// Change verbs and nouns: they tell the direction, not the quantity. Sorted:
/// looked up by binary search.
const VERBS: &[&str] = &[
    "climbed",
    "cut",
    "cuts",
    "decline",
    "declined",
    "decrease",
    "decreased",
    "down",
    "drop",
    "dropped",
    "drops",
    "fall",
    "fallen",
    "falling",
    "falls",
    "fell",
    "gained",
    "grew",
    "grow",
    "growth",
    "higher",
    "hit",
    "increase",
    "increased",
    "increases",
    "jumped",
    "lost",
    "lower",
    "reached",
    "rise",
    "risen",
    "rises",
    "rising",
    "rose",
    "slipped",
    "stood",
    "up",
];

/// The words of `text` that may be content words: letters and digits runs of
/// three or more characters (or an all-capital acronym of two), `'s` and quotes
/// trimmed, not all digits. Not yet lower-cased or checked against [`STOP`].
/// [`Lexicon::content_words`] reads the same words; this plain form is the tests'
/// reference.
#[cfg(test)]
fn candidate_words(text: &str) -> impl Iterator<Item = &str> {
    super::words::word_pieces(text)
        .map(super::words::trim_word)
        .filter(|w| keep_word(w))
}

/// Whether a trimmed word may be a content word: three characters or more (or
/// an all-capital acronym of two), not all digits. The tests' `candidate_words`
/// applies it to every piece of a text.
fn keep_word(w: &str) -> bool {
    let acronym = w.len() >= 2 && w.bytes().all(|c| c.is_ascii_uppercase());
    (acronym || w.len() >= 3 && (w.is_ascii() || w.chars().count() >= 3))
        && !w.bytes().all(|c| c.is_ascii_digit())
}

/// [`STOP`] as a hash set: every word of every frame is looked up.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

fn is_stop(w: &str) -> bool {
    STOP_SET.contains(w)
}

/// Lower-cased content words of `text`: letters and digits runs of three or more
/// characters (or an all-capital acronym of two), minus [`STOP`] words. The rules
/// read words through [`Lexicon`]; this plain form is the tests' reference.
#[cfg(test)]
fn content_words(text: &str) -> Vec<String> {
    candidate_words(text)
        .map(str::to_lowercase)
        .filter(|w| !is_stop(w))
        .collect()
}

/// Whether a content word is a change verb or noun.
#[must_use]
pub fn is_change_word(w: &str) -> bool {
    VERBS.binary_search(&w).is_ok()
}

/// How many slots [`KINDS`] has: a power of two, over twice its words.
const KIND_SLOTS: usize = 512;

/// [`STOP`] and [`VERBS`] as one open-addressing table of word keys (the top
/// bits of a key's hash pick its first slot): what kind a word is, looked up once
/// per distinct word of a file. Every word in them is at most 16 bytes long, so
/// equal keys are equal words.
static KINDS: LazyLock<Vec<Option<(Key, WordKind)>>> = LazyLock::new(|| {
    let mut table = vec![None; KIND_SLOTS];
    // A word in both lists (`up`, `down`) is a stop word.
    let words = STOP.iter().map(|w| (w, WordKind::Stop)).chain(
        VERBS
            .iter()
            .filter(|w| !is_stop(w))
            .map(|w| (w, WordKind::Change)),
    );
    for (w, kind) in words {
        let key = Key::of(w.as_bytes(), 0, w.len(), 0);
        let mut i = kind_slot(&key);
        while let Some(Some(_)) = table.get(i) {
            i = (i + 1) % KIND_SLOTS;
        }
        if let Some(slot) = table.get_mut(i) {
            *slot = Some((key, kind));
        }
    }
    table
});

fn kind_slot(key: &Key) -> usize {
    (key.hash >> (64 - KIND_SLOTS.trailing_zeros())) as usize
}

/// The kind of the word with key `key`.
fn kind_of(key: &Key) -> WordKind {
    let kinds = &*KINDS;
    let mut i = kind_slot(key);
    while let Some(Some((k, kind))) = kinds.get(i) {
        if k == key {
            return *kind;
        }
        i = (i + 1) % KIND_SLOTS;
    }
    WordKind::Content
}

/// The content words of one file, interned: a word is a `u32`, a set of words a
/// sorted `Vec<u32>`, so comparing the frames of two claims is a merge of two short
/// integer lists instead of string comparisons, and each distinct word is
/// lower-cased and stored once per file rather than once per mention.
///
/// The table is keyed by the lower-cased bytes of a word. An ASCII word (most of
/// them) is looked up as written: its key is lower-cased eight bytes at a time
/// while it is read (see [`Key`]), with no string built. A word with non-ASCII
/// letters is lower-cased with `str::to_lowercase` and looked up the same way;
/// both forms of a word meet on the same key.
///
/// A slot holds a word's first eight bytes, its length and kind besides its id,
/// so a word of at most eight bytes (most of them) is found without reading its
/// entry, and the scan of a frame looks such a word up from one eight-byte load
/// ([`Lexicon::content_words_in`]) without building its whole [`Key`].
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Open addressing with linear probing, picked by [`slot_hash`]. Its length
    /// is zero or a power of two at least twice the number of words, so a probe
    /// ends at an empty slot.
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: a hash's top bits pick its first slot.
    shift: u32,
    /// Per id: the word's key, where the rest of its lower-cased bytes lie in
    /// `bytes` (past the 16 its key holds), and its kind.
    words: Vec<Entry>,
    /// The lower-cased bytes of words longer than 16 bytes, past the first 16.
    bytes: Vec<u8>,
}

/// One slot of [`Lexicon::slots`].
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// [`Key::head`]`[0]`: the word's first eight bytes, zero-padded.
    head: u64,
    /// 1 + the id of the word in it; 0: empty.
    id: u32,
    /// The word's length, saturated at 255 (only lengths up to 8 are read from
    /// the slot alone).
    len: u8,
    kind: WordKind,
}

const EMPTY: Slot = Slot {
    head: 0,
    id: 0,
    len: 0,
    kind: WordKind::Content,
};

/// Which slot a word's probe starts from: a function of its first eight bytes
/// and its length alone, so that the scan can look up a short word from one
/// load (`FxHash`'s step).
#[inline]
fn slot_hash(head: u64, len: usize) -> u64 {
    (head ^ (len as u64).rotate_right(8)).wrapping_mul(0x517c_c1b7_2722_0a95)
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    key: Key,
    start: usize,
    kind: WordKind,
}

impl Lexicon {
    /// An empty table with room for `words` words before it grows: a file's
    /// frames hold about two new words per candidate, and each doubling of a
    /// large table copied and re-probed all of it.
    pub fn with_capacity(words: usize) -> Self {
        let mut lex = Self {
            words: Vec::with_capacity(words),
            ..Self::default()
        };
        if words > 32 {
            let n = (words * 2).next_power_of_two();
            lex.slots = vec![EMPTY; n];
            lex.shift = 64 - n.trailing_zeros();
        }
        lex
    }

    /// [`Lexicon::content_words_in`] of all of `text`.
    #[cfg(test)]
    pub fn content_words(&mut self, text: &str, out: &mut Vec<u32>) {
        self.content_words_in(text, 0, text.len(), out);
    }

    /// Appends the ids of the content words of the bytes `start..end` of `file`
    /// (the pieces that [`keep_word`] keeps once trimmed, less [`STOP`] words, as
    /// the tests' `content_words` reads them; nothing when the bytes are not a
    /// `str` range) to `out`, in text order, repeats included. The words are keyed in
    /// place in `file`, so a word near `end` is still read with one eight-byte
    /// load (see [`Key::of`]), where a slice ending there would send it to the
    /// slow path.
    pub fn content_words_in(&mut self, file: &str, start: usize, end: usize, out: &mut Vec<u32>) {
        let Some(text) = file.get(start..end) else {
            return;
        };
        let (base, full) = (start, file.as_bytes());
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&first) = bytes.get(at) {
            if first < 0x80 && !WORD_BYTE[first as usize] {
                at += 1;
                continue;
            }
            // A piece: ASCII bytes read here, anything else by `next_piece`.
            let (start, end, ascii) = if first < 0x80 {
                let start = at;
                while at < bytes.len() && WORD_BYTE[bytes[at] as usize] {
                    at += 1;
                }
                // A non-ASCII letter may go on with the piece.
                let (end, ascii) = if bytes.get(at).is_some_and(|&c| c >= 0x80) {
                    piece_end(text, at)
                } else {
                    (at, true)
                };
                (start, end, ascii)
            } else {
                let Some(piece) = next_piece(text, at) else {
                    break;
                };
                piece
            };
            // An ASCII byte right after a piece is a separator (the piece would
            // go on over a word byte): stepped over here rather than by the
            // loop's test.
            at = end + usize::from(bytes.get(end).is_some_and(|&c| c < 0x80));
            // A piece of one or two ASCII bytes (`a`, `of`, `5`, a quarter of
            // them) is kept only as a two-capital acronym (`UK`), which
            // trimming leaves as it is: the others are dropped before trimming.
            if ascii
                && end - start <= 2
                && !bytes
                    .get(start..end)
                    .is_some_and(|w| w.len() == 2 && w.iter().all(u8::is_ascii_uppercase))
            {
                continue;
            }
            let (from, to) = trim_range(bytes, start, end);
            let (id, kind) = if ascii {
                // [`keep_word`], for ASCII: two bytes or more (`trim_range`
                // keeps `from <= to`), two only as capitals, not all digits.
                let lead = bytes.get(from).copied().unwrap_or(0);
                match to.wrapping_sub(from) {
                    0 | 1 => continue,
                    2 if !(lead.is_ascii_uppercase()
                        && bytes.get(from + 1).is_some_and(u8::is_ascii_uppercase)) =>
                    {
                        continue;
                    }
                    _ if lead.is_ascii_digit()
                        && bytes
                            .get(from..to)
                            .is_some_and(|w| w.iter().all(u8::is_ascii_digit)) =>
                    {
                        continue;
                    }
                    _ => {}
                }
                self.intern(full, base + from, base + to, 0x20)
            } else {
                let word = text.get(from..to).unwrap_or("");
                if !keep_word(word) {
                    continue;
                }
                let lower = word.to_lowercase();
                self.intern(lower.as_bytes(), 0, lower.len(), 0)
            };
            if kind != WordKind::Stop {
                out.push(id);
            }
        }
    }

    /// The id of a lower-cased word, interned on first sight. Stop words are
    /// interned too, so a word costs one lookup whether or not it is one.
    pub fn id(&mut self, lower: &str) -> u32 {
        self.intern_short(lower.as_bytes(), 0)
    }

    /// [`Lexicon::intern`] of all of `w`, a word of its own (a claim's noun, an
    /// `of` head): one of at most 16 bytes is copied into a zero-padded buffer
    /// first, so that its key is read with one or two eight-byte loads, where
    /// the word's own bytes would end too soon and send it to [`Key::spread`]
    /// (the same key either way).
    fn intern_short(&mut self, w: &[u8], fold: u8) -> u32 {
        let mut buf = [0_u8; 16];
        if let Some(head) = buf.get_mut(..w.len()) {
            head.copy_from_slice(w);
            return self.intern(&buf, 0, w.len(), fold).0;
        }
        self.intern(w, 0, w.len(), fold).0
    }

    /// The id of `w` lower-cased. An ASCII word whose bytes all lower-case by
    /// OR-ing `0x20` (letters, digits, most signs) is looked up as written.
    pub fn id_of(&mut self, w: &str) -> u32 {
        if w.bytes()
            .all(|c| c.is_ascii() && (c | 0x20) == c.to_ascii_lowercase())
        {
            self.intern_short(w.as_bytes(), 0x20)
        } else {
            self.id(&w.to_lowercase())
        }
    }

    /// The id of the bytes `start..end` of `b` OR-ed with `fold` (see [`Key`]):
    /// with `0x20`, an ASCII piece as written; with `0`, a lower-cased word. Also
    /// returns the word's kind.
    #[expect(
        clippy::inline_always,
        reason = "the lookup of every word of every frame: inlined into the scan, its key stays in registers (callgrind: about 15 instructions a word fewer)"
    )]
    #[inline(always)]
    fn intern(&mut self, b: &[u8], start: usize, end: usize, fold: u8) -> (u32, WordKind) {
        // Most words: at most eight bytes, found from one load without their
        // whole key (the head [`Key::of`] would build).
        let len = end.saturating_sub(start);
        if (1..=8).contains(&len)
            && let Some(c) = b.get(start..start + 8)
        {
            let x = c.try_into().map_or(0, u64::from_le_bytes);
            let head = (x | u64::from_ne_bytes([fold; 8])) & (u64::MAX >> (64 - 8 * len));
            if let Some(found) = self.find_short(head, len) {
                return found;
            }
        }
        let key = Key::of(b, start, end, fold);
        if key.len <= 8 {
            return self
                .find_short(key.head[0], key.len)
                .unwrap_or_else(|| self.insert(key, b, start, end, fold));
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (slot_hash(key.head[0], key.len) >> self.shift) as usize & mask;
        while let Some(slot) = self.slots.get(i)
            && slot.id != 0
        {
            if slot.head == key.head[0]
                && let Some(e) = self.words.get(slot.id as usize - 1)
                && e.key.same(&key)
                && (key.len <= 16 || self.same_tail(e, b, start, end, fold))
            {
                return (slot.id - 1, e.kind);
            }
            i = (i + 1) & mask;
        }
        self.insert(key, b, start, end, fold)
    }

    /// The id and kind of the word of `len` bytes (1 to 8) whose bytes, folded
    /// and zero-padded, are `head`; `None` when it is not in the table.
    #[expect(
        clippy::inline_always,
        reason = "the lookup of most words of every frame: inlined into the scan, like `intern`"
    )]
    #[inline(always)]
    fn find_short(&self, head: u64, len: usize) -> Option<(u32, WordKind)> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (slot_hash(head, len) >> self.shift) as usize & mask;
        while let Some(slot) = self.slots.get(i)
            && slot.id != 0
        {
            if slot.head == head && usize::from(slot.len) == len {
                return Some((slot.id - 1, slot.kind));
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Whether the word of entry `e`, longer than 16 bytes, ends with the bytes
    /// `start + 16..end` of `b` OR-ed with `fold` (its key holds the rest).
    fn same_tail(&self, e: &Entry, b: &[u8], start: usize, end: usize, fold: u8) -> bool {
        self.bytes
            .get(e.start..e.start + e.key.len.saturating_sub(16))
            .zip(b.get(start + 16..end))
            .is_some_and(|(x, y)| {
                x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| p == q | fold)
            })
    }

    /// Adds a word not seen before: its kind, and past its first 16 bytes its
    /// lower-cased bytes (what [`Lexicon::same_tail`] compares).
    #[cold]
    #[inline(never)]
    fn insert(
        &mut self,
        key: Key,
        b: &[u8],
        start: usize,
        end: usize,
        fold: u8,
    ) -> (u32, WordKind) {
        if (self.words.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let id = self.words.len() as u32;
        let kind = kind_of(&key);
        let tail = self.bytes.len();
        if key.len > 16 {
            let rest = b.get(start + 16..end).unwrap_or(&[]);
            self.bytes.extend(rest.iter().map(|&c| c | fold));
        }
        self.words.push(Entry {
            key,
            start: tail,
            kind,
        });
        self.place(id, &key, kind);
        (id, kind)
    }

    /// Puts word `id` in the first empty slot of its probe.
    fn place(&mut self, id: u32, key: &Key, kind: WordKind) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (slot_hash(key.head[0], key.len) >> self.shift) as usize & mask;
        while self.slots.get(i).is_some_and(|s| s.id != 0) {
            i = (i + 1) & mask;
        }
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = Slot {
                head: key.head[0],
                id: id + 1,
                len: u8::try_from(key.len).unwrap_or(u8::MAX),
                kind,
            };
        }
    }

    /// Doubles the table (64 slots at first) and puts every word back.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(64);
        self.slots.clear();
        self.slots.resize(n, EMPTY);
        self.shift = 64 - n.trailing_zeros();
        let words = std::mem::take(&mut self.words);
        for (id, e) in words.iter().enumerate() {
            self.place(id as u32, &e.key, e.kind);
        }
        self.words = words;
    }

    fn kind(&self, id: u32) -> WordKind {
        self.words
            .get(id as usize)
            .map_or(WordKind::Content, |e| e.kind)
    }

    /// The sorted, deduplicated word ids of `text`.
    #[cfg(test)]
    pub fn word_set(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.content_words(text, &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether word `id` is a change verb or noun.
    #[must_use]
    pub fn is_change(&self, id: u32) -> bool {
        self.kind(id) == WordKind::Change
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WordKind {
    /// In [`STOP`]: never part of a frame.
    Stop,
    /// A change verb or noun ([`is_change_word`]).
    Change,
    Content,
}

/// The ids two sorted word sets share, in order.
pub fn shared_words<'w>(a: &'w [u32], b: &'w [u32]) -> impl Iterator<Item = u32> + 'w {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
            // The smaller side steps (both on a tie) without a branch on which
            // is smaller: that order is random, and a branch on it was
            // mispredicted about half the time (perf: the hottest spot of
            // repeated-figure's own code). Only a tie leaves the loop.
            i += usize::from(x <= y);
            j += usize::from(y <= x);
            if x == y {
                return Some(x);
            }
        }
        None
    })
}

/// The content words of the frame of `c`: up to `reach` bytes before and after it
/// in its sentence, other claims' text included (their unit words can matter), as
/// a sorted set of word ids in `words` (cleared first).
pub fn frame_words(
    lex: &mut Lexicon,
    links: &Links<'_>,
    c: &Claim,
    reach: usize,
    words: &mut Vec<u32>,
) {
    words.clear();
    let text = links.cx.text;
    // `before` ends where `c` starts (or is empty).
    let before = links.before(c, reach);
    let start = c.span.start.saturating_sub(before.len());
    lex.content_words_in(text, start, start + before.len(), words);
    let sent = links.sentence_span(c.sentence);
    let end = floor(text, sent.end.min(c.span.end + reach));
    lex.content_words_in(text, c.span.end, end.max(c.span.end), words);
    words.sort_unstable();
    words.dedup();
}

fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `of the 300 staff`, `of Marvel's profits`, `of all e-mail`: what follows a share.
static OF_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        ^\s*of\s+                                  # the share's `of`
        (?:(?:the|a|an|all|its|their|his|her|our|those|these)\s+)*  # determiners
        (?:[A-Za-z]+'s?\s+)?                       # a possessive: Marvel's
        (?P<head>[A-Za-z][A-Za-z-]+)               # the head word
        ",
    )
    .expect("static regex")
});

/// The head word of the `of` phrase right after `c` (`profits` in `10% of
/// Marvel's profits`), interned; `None` when no `of` follows or the head is a
/// stop word. The head is keyed as written (ASCII letters and
/// hyphens, which lower-case by one bit) with no string built, and a stop word
/// is told by its kind in the table.
pub fn of_head_id(lex: &mut Lexicon, links: &Links<'_>, c: &Claim) -> Option<u32> {
    let id = lex.id_of(of_head_word(links, c)?);
    (lex.kind(id) != WordKind::Stop).then_some(id)
}

/// The head word of the `of` phrase right after `c` as written, stop words
/// included.
fn of_head_word<'a>(links: &Links<'a>, c: &Claim) -> Option<&'a str> {
    let tail = links.tail(c, 60);
    // Most tails do not open with `of`: a byte test before anything else.
    if !opens_with_of(tail) {
        return None;
    }
    if tail.is_ascii() {
        of_phrase_head(tail)
    } else {
        Some(OF_PHRASE.captures(tail)?.name("head")?.as_str())
    }
}

/// Whether `t` opens with `of` and a space (after spaces), as every match of
/// [`OF_PHRASE`] does: `\s` is Unicode `White_Space`, which `char::is_whitespace`
/// and `trim_start` read, and no char but `o`, `O`, `f` and `F` folds to `o` or `f`.
fn opens_with_of(t: &str) -> bool {
    // Most tails: ASCII spaces, then an ASCII byte other than `o`, which
    // `trim_start` would stop at too (no ASCII byte but the six spaces is
    // `White_Space`): no `of`, without decoding chars.
    let first = t
        .bytes()
        .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'));
    match first {
        None => return false,
        Some(c) if c < 0x80 && (c | 0x20) != b'o' => return false,
        Some(_) => {}
    }
    let t = t.trim_start();
    let b = t.as_bytes();
    b.len() >= 3
        && (b[0] | 0x20) == b'o'
        && (b[1] | 0x20) == b'f'
        && t.get(2..)
            .is_some_and(|r| r.starts_with(char::is_whitespace))
}

/// The `head` group of [`OF_PHRASE`] on ASCII text, read in code: the regex
/// matches with backtracking, so this tries what it tries in the same order
/// (as many determiners as there are, then one fewer, and so on; at each, a
/// possessive and the word after it, then the word itself). On ASCII, `\s` is
/// the six ASCII spaces and `[A-Za-z]` the letters.
fn of_phrase_head(text: &str) -> Option<&str> {
    const DETERMINERS: &[&[u8]] = &[
        b"the", b"a", b"an", b"all", b"its", b"their", b"his", b"her", b"our", b"those", b"these",
    ];
    let bytes = text.as_bytes();
    let space = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    };
    let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphabetic);
    let skip_spaces = |mut i: usize| {
        while space(i) {
            i += 1;
        }
        i
    };
    // `[A-Za-z][A-Za-z-]+` at `i`: the head, as long as it goes.
    let head_at = |i: usize| {
        if !letter(i) {
            return None;
        }
        let mut e = i + 1;
        while letter(e) || bytes.get(e) == Some(&b'-') {
            e += 1;
        }
        (e >= i + 2).then(|| text.get(i..e)).flatten()
    };
    let mut pos = skip_spaces(0);
    if !bytes
        .get(pos..pos + 2)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"of"))
        || !space(pos + 2)
    {
        return None;
    }
    pos = skip_spaces(pos + 2);
    // Where each run of determiners ends: after none, one, two...
    let mut after = vec![pos];
    loop {
        let mut e = pos;
        while bytes
            .get(e)
            .is_some_and(|&c| !matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        {
            e += 1;
        }
        let word = bytes.get(pos..e).unwrap_or(&[]);
        if !space(e) || !DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(word)) {
            break;
        }
        pos = skip_spaces(e);
        after.push(pos);
    }
    for &at in after.iter().rev() {
        // `[A-Za-z]+'s?\s+`: a possessive, then the head after it.
        let mut end = at;
        while letter(end) {
            end += 1;
        }
        if end > at && bytes.get(end) == Some(&b'\'') {
            let quote = end + 1;
            let past = if bytes.get(quote).is_some_and(|&c| c | 0x20 == b's') && space(quote + 1) {
                Some(skip_spaces(quote + 1))
            } else if space(quote) {
                Some(skip_spaces(quote))
            } else {
                None
            };
            if let Some(h) = past.and_then(head_at) {
                return Some(h);
            }
        }
        if let Some(h) = head_at(at) {
            return Some(h);
        }
    }
    None
}

/// Which values can be compared with which: shares (percentages and fractions, in
/// percent units), counts, and money in one currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Domain {
    Share,
    Count,
    Money(Option<&'static str>),
}

/// The domain of a claim, `None` for kinds the relation rules do not compare.
#[must_use]
pub fn domain(c: &Claim) -> Option<Domain> {
    match c.kind {
        ClaimKind::Percent | ClaimKind::Fraction => Some(Domain::Share),
        ClaimKind::Count if !super::link::year_like(c) => Some(Domain::Count),
        ClaimKind::Money => Some(Domain::Money(c.currency)),
        _ => None,
    }
}

/// A claim's value in its domain's unit: fractions in percent (`a third` is 33.3).
#[must_use]
pub fn comparable_value(c: &Claim) -> f64 {
    if c.kind == ClaimKind::Fraction {
        c.value() * 100.0
    } else {
        c.value()
    }
}

/// The interval a round word covers in percent units: `a third` without a hedge
/// is about (within [`super::APPROX`]); `almost`/`nearly` within [`super::APPROX`] below
/// (`almost two-thirds` is 60..66.7); `more than`/`less than` the whole side.
#[must_use]
pub fn fraction_interval(c: &Claim) -> Interval {
    let v = c.value() * 100.0;
    let spread = v.abs() * approx();
    match c.hedge.map(crate::extract::Hedge::sense) {
        None | Some(HedgeSense::Approximate) => Interval::new(v - spread, v + spread),
        // `more than half`, `less than a third`: a comparison with a landmark,
        // read literally (`$8bn - less than half of the $20bn` is 40%, and true).
        Some(HedgeSense::Above | HedgeSense::AtLeast) => Interval::new(v, f64::INFINITY),
        Some(HedgeSense::Below | HedgeSense::AtMost) => Interval::new(f64::NEG_INFINITY, v),
        Some(HedgeSense::JustBelow) => Interval::new(v - spread, v),
    }
}

/// The interval a claim covers when it restates a quantity given elsewhere: a
/// fraction as [`fraction_interval`]; otherwise [`figure_interval`] (rounding,
/// hedges bounded at [`super::APPROX`]), with a plain integer ending in zeros read as
/// rounded to its last non-zero digit (`2,000` covers 1,500..2,500), because a
/// writer repeating a figure rounds it.
#[must_use]
pub fn restated_interval(c: &Claim) -> Interval {
    if c.kind == ClaimKind::Fraction {
        return fraction_interval(c);
    }
    let i = figure_interval(c);
    let q = c.quantity;
    if c.kind == ClaimKind::Count && !q.scaled && q.value.fract() == 0.0 && q.value >= 10.0 {
        let mut step = 1.0;
        let mut v = q.value;
        while v >= 10.0 && (v % 10.0) == 0.0 && step < 1e12 {
            v /= 10.0;
            step *= 10.0;
        }
        if step > 1.0 {
            return Interval::new(
                i.lo.min(q.value - step / 2.0),
                i.hi.max(q.value + step / 2.0),
            );
        }
    }
    i
}

/// The interval a stated share covers in percent units: a percentage by its
/// precision and hedge, with an open hedge (`less than 8%`) bounded at a quarter
/// of the value so that the statement still says something; a fraction as
/// [`fraction_interval`].
#[must_use]
pub fn share_interval(c: &Claim) -> Interval {
    if c.kind == ClaimKind::Fraction {
        return fraction_interval(c);
    }
    let i = super::stated_interval(c);
    let v = c.value();
    let bound = v.abs() * OPEN_HEDGE;
    Interval::new(i.lo.max(v - bound), i.hi.min(v + bound))
}

/// How far an open hedge (`more than`, `less than`, `below`) reaches from the
/// stated value when a relation rule compares it: a quarter of the value. `less
/// than 8%` for 7.7% is natural; `less than 15%` for 7.7% says something else.
pub const OPEN_HEDGE: f64 = 0.25;

/// Formats an interval in a domain's unit: `45%..50%`, `13.5m..14.5m` as plain
/// numbers.
#[must_use]
pub fn fmt_interval(i: Interval, d: Domain) -> String {
    match d {
        Domain::Share => super::fmt_pct_interval(i),
        _ => format!("{}..{}", fmt_big(i.lo), fmt_big(i.hi)),
    }
}

/// Formats a value in a domain's unit: `47%`, `14,200,000`.
#[must_use]
pub fn fmt_value(v: f64, d: Domain) -> String {
    match d {
        Domain::Share => format!("{}%", super::fmt_num(v, 2)),
        _ => fmt_big(v),
    }
}

fn fmt_big(v: f64) -> String {
    super::fmt_num(v, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_regexes_compile() {
        LazyLock::force(&OF_PHRASE);
    }

    #[test]
    fn content_words_drop_stop_words() {
        assert_eq!(
            content_words("IE's market share has dropped to"),
            ["ie", "market", "share", "dropped"]
        );
        assert!(content_words("of the 300 and").is_empty());
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [STOP, VERBS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        assert!(is_stop("the") && is_stop("year") && !is_stop("profits"));
        assert!(is_change_word("rose") && !is_change_word("profits"));
    }

    #[test]
    fn lexicon_reads_the_words_content_words_reads() {
        let text = "IE's market share has dropped to 88.9% ... Élan's ÉLAN profits PROFITS o'clock 'quoted' UK 300";
        let mut lex = Lexicon::default();
        let mut ids = Vec::new();
        lex.content_words(text, &mut ids);
        let words = content_words(text);
        assert_eq!(ids.len(), words.len());
        // Equal words get equal ids, different words different ids.
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                assert_eq!(a == b, ids[i] == ids[j], "{a} {b}");
            }
        }
        let dropped = ids[words.iter().position(|w| w == "dropped").unwrap()];
        let market = ids[words.iter().position(|w| w == "market").unwrap()];
        assert!(lex.is_change(dropped) && !lex.is_change(market));
        let set = lex.word_set("profits rose, profits fell");
        assert_eq!(set.len(), 3);
        let other = lex.word_set("profits fell sharply");
        assert_eq!(shared_words(&set, &other).count(), 2);
    }

    #[test]
    fn reads_the_head_of_an_of_phrase() {
        for (t, want) in [
            (" of Marvel's profits", Some("profits")),
            // Backtracking to no determiner reads `the` as the head (a stop
            // word, so `of_head` gives none).
            (" of the 300 staff", Some("the")),
            (" of all e-mail sent", Some("e-mail")),
            (" of the", Some("the")),
            (" of a 5", None),
            (" OF THE Big Company", Some("Big")),
            (" of the boss' s", Some("boss")),
            ("of\x0bits\tprofits", Some("profits")),
        ] {
            assert_eq!(of_phrase_head(t), want, "{t:?}");
            let regex = OF_PHRASE
                .captures(t)
                .and_then(|c| c.name("head"))
                .map(|m| m.as_str());
            assert_eq!(regex, want, "{t:?}");
        }
    }

    /// Ids stay put as the table grows (from empty, several times), whichever
    /// way a word is read: in place from a text, short or long, or on its own.
    #[test]
    fn ids_survive_growth() {
        let words: Vec<String> = (0..3000)
            .map(|i| format!("w{i}x{}", "y".repeat(i % 13)))
            .collect();
        let mut lex = Lexicon::default();
        let mut ids = Vec::new();
        lex.content_words(&words.join(" "), &mut ids);
        assert_eq!(ids.len(), words.len());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(lex.id(w), id, "{w}");
            assert_eq!(lex.id_of(&w.to_uppercase()), id, "{w}");
        }
        let mut again = Vec::new();
        lex.content_words(&words.join(", ").to_uppercase(), &mut again);
        assert_eq!(again, ids);
    }

    proptest::proptest! {
        /// The interned words are the reference words: same count, and equal ids
        /// exactly for equal words, on text mixing case, quotes, digits and
        /// non-ASCII letters (one lexicon across cases, as in a file).
        #[test]
        fn lexicon_agrees_with_content_words(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Profits"), proptest::strategy::Just("profits"),
                    proptest::strategy::Just("PROFITS"), proptest::strategy::Just(" "),
                    proptest::strategy::Just("'s"), proptest::strategy::Just("'"),
                    proptest::strategy::Just("UK"), proptest::strategy::Just("uk"),
                    proptest::strategy::Just("2004"), proptest::strategy::Just("5.3%"),
                    proptest::strategy::Just("Élan"), proptest::strategy::Just("ÉLAN"),
                    proptest::strategy::Just("\u{212a}elvin"), proptest::strategy::Just("kelvin"),
                    proptest::strategy::Just("rose"), proptest::strategy::Just("the"),
                    proptest::strategy::Just("ThePrivateEquityGroups"),
                    proptest::strategy::Just("theprivateequitygroups"),
                    proptest::strategy::Just("—"), proptest::strategy::Just("£"),
                    proptest::strategy::Just("ab"), proptest::strategy::Just("AB"),
                    proptest::strategy::Just("x"), proptest::strategy::Just("-"),
                    // One first eight bytes, several lengths: a slot's head
                    // alone does not tell them apart.
                    proptest::strategy::Just("Marketin"), proptest::strategy::Just("marketing"),
                    proptest::strategy::Just("MARKETINGS"), proptest::strategy::Just("abcdefgh"),
                ],
                0..30,
            )
        ) {
            let text = parts.concat();
            let mut lex = Lexicon::default();
            // Words seen before, from another frame of the same file.
            let mut ids = Vec::new();
            lex.content_words("profits ThePrivateEquityGroups kelvin", &mut ids);
            ids.clear();
            lex.content_words(&text, &mut ids);
            let words = content_words(&text);
            proptest::prop_assert_eq!(ids.len(), words.len());
            for (i, a) in words.iter().enumerate() {
                for (j, b) in words.iter().enumerate() {
                    proptest::prop_assert_eq!(a == b, ids[i] == ids[j], "{} {}", a, b);
                }
            }
            for (w, &id) in words.iter().zip(&ids) {
                proptest::prop_assert_eq!(lex.id(w), id);
                proptest::prop_assert_eq!(lex.is_change(id), is_change_word(w) && !is_stop(w));
            }
        }

        /// [`of_head_id`] gives the id of the head lower-cased, and none for a
        /// stop word: the table's kind of a head keyed as written is the stop
        /// list's verdict on it lower-cased (what `of_head` read with a string).
        #[test]
        fn of_head_id_is_of_head_interned(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("the"), proptest::strategy::Just("The"),
                    proptest::strategy::Just("PROFITS"), proptest::strategy::Just("profits"),
                    proptest::strategy::Just("e-mail"), proptest::strategy::Just("Of"),
                    proptest::strategy::Just("ThePrivateEquityGroups"),
                    proptest::strategy::Just("-"), proptest::strategy::Just("x"),
                ],
                1..4,
            ),
        ) {
            let w = parts.concat();
            let mut lex = Lexicon::default();
            let head = {
                let l = w.to_lowercase();
                (!is_stop(&l)).then(|| lex.id(&l))
            };
            let id = lex.id_of(&w);
            proptest::prop_assert_eq!((lex.kind(id) != WordKind::Stop).then_some(id), head);
        }

        /// A word of its own gets the id of its lower-cased form, whether it is
        /// short enough for the padded buffer or not, and meets the same word
        /// read in place from a text.
        #[test]
        fn id_of_a_word_of_its_own_is_its_lower_case_id(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Offence"), proptest::strategy::Just("s"),
                    proptest::strategy::Just("BOX"), proptest::strategy::Just("É"),
                    proptest::strategy::Just("\u{212a}"), proptest::strategy::Just("-"),
                    proptest::strategy::Just("abcdefgh"), proptest::strategy::Just("'"),
                ],
                0..6,
            ),
        ) {
            let w = parts.concat();
            let mut lex = Lexicon::default();
            let mut ids = Vec::new();
            lex.content_words(&format!("{w} {w}"), &mut ids);
            let id = lex.id_of(&w);
            proptest::prop_assert_eq!(id, lex.id(&w.to_lowercase()));
            proptest::prop_assert_eq!(lex.id_of(&w.to_uppercase().to_lowercase()), lex.id(&w.to_uppercase().to_lowercase()));
            if ids.len() == 2 && content_words(&w) == [w.to_lowercase()] {
                proptest::prop_assert_eq!(ids[0], id);
            }
        }

        /// Words read in place from a range of a text are the words of that
        /// range as a string of its own (the bytes past the range that the keys
        /// load change nothing), and an invalid range reads nothing.
        #[test]
        fn words_in_a_range_are_the_words_of_the_slice(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Profits"), proptest::strategy::Just("profits"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("'s"),
                    proptest::strategy::Just("UK"), proptest::strategy::Just("2004"),
                    proptest::strategy::Just("Élan"), proptest::strategy::Just("rose"),
                    proptest::strategy::Just("ThePrivateEquityGroups"),
                    proptest::strategy::Just("—"), proptest::strategy::Just("abcdefghi"),
                ],
                0..20,
            ),
            a in 0_usize..200,
            b in 0_usize..200,
        ) {
            let text = parts.concat();
            let mut lex = Lexicon::default();
            let mut ids = Vec::new();
            lex.content_words_in(&text, a, b, &mut ids);
            match text.get(a..b) {
                Some(slice) => {
                    let words = content_words(slice);
                    proptest::prop_assert_eq!(ids.len(), words.len());
                    for (w, &id) in words.iter().zip(&ids) {
                        proptest::prop_assert_eq!(lex.id(w), id);
                    }
                }
                None => proptest::prop_assert!(ids.is_empty()),
            }
        }
    }

    proptest::proptest! {
        /// The hand-written reading of [`OF_PHRASE`] gives the regex's head on
        /// ASCII text.
        #[test]
        fn of_phrase_head_is_the_regex_head(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("of"), proptest::strategy::Just("OF"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("  "),
                    proptest::strategy::Just("\t"), proptest::strategy::Just("\x0b"),
                    proptest::strategy::Just("the"), proptest::strategy::Just("a"),
                    proptest::strategy::Just("an"), proptest::strategy::Just("all"),
                    proptest::strategy::Just("Its"), proptest::strategy::Just("those"),
                    proptest::strategy::Just("Marvel"), proptest::strategy::Just("'s"),
                    proptest::strategy::Just("'"), proptest::strategy::Just("s"),
                    proptest::strategy::Just("S"), proptest::strategy::Just("profits"),
                    proptest::strategy::Just("e-mail"), proptest::strategy::Just("-"),
                    proptest::strategy::Just("5"), proptest::strategy::Just(","),
                    proptest::strategy::Just("x"), proptest::strategy::Just("then"),
                ],
                0..12,
            )
        ) {
            let t = parts.concat();
            let regex = OF_PHRASE.captures(&t).and_then(|c| c.name("head")).map(|m| m.as_str());
            proptest::prop_assert_eq!(of_phrase_head(&t), regex, "{:?}", t);
            if regex.is_some() {
                proptest::prop_assert!(opens_with_of(&t));
            }
        }
    }
}
