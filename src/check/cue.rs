//! Word tests that stand in front of the cue regexes of [`super::link`].
//!
//! Input: a short text around a claim (a lead, a tail, a gap or a clause: at
//! most a few hundred bytes). Output: either the answer the regex would give or
//! `None`, "ask the regex". Three kinds of test:
//! - [`End`]: the last word of a text, for the regexes anchored at its end
//!   (`\bfrom\s+(?:the\s+)*[^a-z0-9]{0,2}$`): a lead whose last word no cue or
//!   filler ends with cannot match, and a single cue word followed by spaces
//!   and at most two symbols always does;
//! - [`first_word`]: the first word of a text, for the regexes anchored at its
//!   start (`^\s*of\b`);
//! - exact scanners for the three regexes searched over a whole clause:
//!   [`clause_start`] (the end of the last clause break), [`last_direction_word`]
//!   (the last direction verb) and [`contrast`] (`, while`).
//!
//! Invariants: every `Some` answer is the regex's answer; the tests at the bottom
//! compare the two on many texts, ASCII and not, with odd spacing and case.
//! What makes the word tests sound: in a *plain* text (every character ASCII,
//! whitespace, or one of a few symbols such as `£` and curly quotes) a word
//! character of the regexes (`\w`) is exactly an ASCII letter, digit or `_`,
//! `\s` is exactly [`char::is_whitespace`], and no character folds to an ASCII
//! letter under `(?i)` (only `ſ` and the Kelvin sign do, and they are not
//! plain). Texts that are not plain always go to the regex.
//!
//! Why: the cue regexes ran several times per claim and were most of the cost
//! of linking changes; almost every lead ends in a word no cue ends with, which
//! a backward scan of a few bytes shows without entering the regex engine (whose
//! Unicode `\b` also leaves its fast path on any `£`).

use super::link::Direction;

/// Whether every character of `text` is ASCII, whitespace, or a symbol known
/// to be neither a word character nor a letter under case folding.
pub(super) fn plain(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        // Skip ASCII eight bytes at a time: most text is, and `£` is rare.
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        while b.get(i).is_some_and(u8::is_ascii) {
            i += 1;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return true;
        };
        if !plain_char(c) {
            return false;
        }
        i += c.len_utf8();
    }
}

/// Whether `c` may stand in a plain text (see [`plain`]).
fn plain_char(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || matches!(
            c,
            '£' | '€'
                | '¥'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
        )
}

/// What an ASCII byte is to the scanners, one bit each; 0 for the other bytes.
const ALNUM: u8 = 1;
/// A word character (`\w`) in a plain text: letters, digits and `_`.
const WORD: u8 = 2;
/// ASCII whitespace (`\s`), the vertical tab included.
const SPACE: u8 = 4;

/// [`ALNUM`], [`WORD`] and [`SPACE`] of every byte, looked up rather than
/// tested range by range in the scanning loops.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ALNUM | WORD;
        } else if c == b'_' {
            t[b] = WORD;
        } else if c.is_ascii_whitespace() || c == 0x0B {
            t[b] = SPACE;
        }
        b += 1;
    }
    t
};

/// Whether byte `b` is in class `class`.
fn is(b: u8, class: u8) -> bool {
    CLASS[usize::from(b)] & class != 0
}

/// Whether `b` is a word character (`\w`) in a plain text.
fn word_byte(b: u8) -> bool {
    is(b, WORD)
}

/// The last word of a plain text and what follows it, as the regexes of shape
/// `\bcue\s+(?:filler\s+)*[^a-z0-9]{0,2}$` see them: the last word of their
/// match is the last run of ASCII letters and digits, because nothing after it
/// (spaces and two symbols) holds a letter or digit.
#[derive(Clone, Copy, Debug)]
pub(super) struct End<'t> {
    /// The last run of ASCII letters and digits (`""` when there is none).
    pub word: &'t str,
    /// Its byte offset in the text.
    pub start: usize,
    /// Whether whitespace follows `word`, then at most two characters.
    pub spaced: bool,
    /// Whether the character before `word` is not a word character (`\b` holds).
    pub bounded: bool,
    /// The [`list`]s `word` is on.
    pub flags: u32,
}

impl<'t> End<'t> {
    /// The end of `text`, `None` when its end is not plain: the last word,
    /// the character before it and what follows it (only they decide whether
    /// a match can end there; what comes before is the regex's business).
    pub fn of(text: &'t str) -> Option<Self> {
        let b = text.as_bytes();
        let mut end = b.len();
        while end > 0 && !is(b[end - 1], ALNUM) {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && is(b[start - 1], ALNUM) {
            start -= 1;
        }
        let before = match start.checked_sub(1).map(|i| b[i]) {
            Some(x) if x.is_ascii() => Some(char::from(x)),
            Some(_) => text.get(..start).and_then(|t| t.chars().next_back()),
            None => None,
        };
        // `end` follows an ASCII byte (or is 0): a char boundary.
        let after = text.get(end..).unwrap_or("");
        if !before.is_none_or(plain_char) {
            return None;
        }
        let spaced = if after.is_ascii() {
            // Most leads end in a space, or a space and a bracket.
            let a = after.as_bytes();
            let rest = a.iter().position(|&c| !is(c, SPACE)).unwrap_or(a.len());
            rest > 0 && a.len() - rest <= 2
        } else {
            if !plain(after) {
                return None;
            }
            let mut rest = after.chars();
            rest.next().is_some_and(char::is_whitespace)
                && rest.skip_while(|c| c.is_whitespace()).count() <= 2
        };
        let word = text.get(start..end).unwrap_or("");
        Some(Self {
            word,
            start,
            spaced,
            bounded: start == 0 || b[start - 1] != b'_',
            flags: flags(word),
        })
    }

    /// The word before [`End::word`] when only ASCII whitespace separates them
    /// (`""` when something else does): `compared` in `compared with`. `None`
    /// when a non-ASCII character (which may be a space) comes first.
    pub fn previous(&self, text: &'t str) -> Option<&'t str> {
        let b = text.as_bytes();
        let mut end = self.start;
        while end > 0 && is(b[end - 1], SPACE) {
            end -= 1;
        }
        if end > 0 && b[end - 1] >= 0x80 {
            return None;
        }
        if end == self.start {
            return Some("");
        }
        let mut start = end;
        while start > 0 && is(b[start - 1], ALNUM) {
            start -= 1;
        }
        text.get(start..end)
    }

    /// Whether only whitespace separates [`End::word`] from a `vs.` before it
    /// (the one cue that ends in a full stop). `true` when a non-ASCII
    /// character comes first: it may be a space.
    pub fn after_vs_dot(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let mut end = self.start;
        while end > 0 && is(b[end - 1], SPACE) {
            end -= 1;
        }
        match end.checked_sub(1).map(|i| b[i]) {
            _ if end == self.start => false,
            Some(c) if c >= 0x80 => true,
            Some(b'.') => {
                let stop = end - 1;
                let mut start = stop;
                while start > 0 && is(b[start - 1], ALNUM) {
                    start -= 1;
                }
                b[start..stop].eq_ignore_ascii_case(b"vs")
            }
            _ => false,
        }
    }

    /// Whether the last word is `w` (ASCII, any case).
    pub fn is(&self, w: &str) -> bool {
        self.word.eq_ignore_ascii_case(w)
    }

    /// Whether the last word is on one of the `lists` (bits of [`list`]).
    pub fn on(&self, lists: u32) -> bool {
        self.flags & lists != 0
    }

    /// The verdict for a regex of shape `\b(?:cue)\s+(?:filler\s+)*[^a-z0-9]{0,2}$`
    /// from how it classes the last word: `Some` when the words decide it,
    /// `None` when only the regex can.
    pub fn verdict(&self, class: Class) -> Option<bool> {
        // Every match ends with whitespace and at most two symbols after its
        // last word, except after `vs.` (`Class::Regex`).
        let ending = match class {
            Class::No => return Some(false),
            Class::Regex => return None,
            Class::Maybe | Class::Cue => self.spaced,
        };
        if !ending {
            Some(false)
        } else if class == Class::Cue && self.bounded {
            Some(true)
        } else {
            None
        }
    }
}

/// What the last word of a text can be for one end-anchored cue regex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// No match of the regex ends with this word.
    No,
    /// A whole cue by itself: the regex matches when the word stands alone and
    /// only spaces and two symbols follow it.
    Cue,
    /// The last word of a filler or of a longer cue: the regex must read what
    /// comes before; it also needs spaces and at most two symbols after.
    Maybe,
    /// Anything can follow (`vs.`): the regex decides.
    Regex,
}

/// The word lists the cue tests look words up in, one bit each: a word's
/// flags say which lists it is on. Each list mirrors alternatives of one
/// regex of [`super::link`] (or of `sum`), as its name says.
pub(super) mod list {
    /// The last words of the hedges and fillers that may stand between a cue
    /// and its figure (`link::FILLER`): `s` ends every possessive (`last
    /// year's`, `Tesco's`, `2003's`), `than` ends `more than` and `less than`.
    pub const FILLER: u32 = 1 << 0;
    /// `START_CUE`'s cues of one word.
    pub const START: u32 = 1 << 1;
    /// `START_CUE`'s last words of `compared with`, `compared to`.
    pub const START_AFTER_COMPARED: u32 = 1 << 2;
    /// `TO_CUE`'s cues.
    pub const TO: u32 = 1 << 3;
    /// `DELTA_CUE`'s cues of one word.
    pub const DELTA: u32 = 1 << 4;
    /// `DELTA_CUE`'s last words of longer cues (`rose by`, `a rise of`).
    pub const DELTA_END: u32 = 1 << 5;
    /// `TOTAL_CUE`'s cues of one word (`to close at` ends with one).
    pub const TOTAL: u32 = 1 << 6;
    /// `TOTAL_CUE`'s own fillers.
    pub const TOTAL_FILLER: u32 = 1 << 7;
    /// `LEVEL_LEAD`'s cues of one word.
    pub const LEVEL: u32 = 1 << 8;
    /// `LEVEL_LEAD`'s last words of longer cues (`make up`, `accounts for`).
    pub const LEVEL_END: u32 = 1 << 9;
    /// `OF_CUE`'s last words other than fillers.
    pub const OF_CUE_END: u32 = 1 << 10;
    /// `TOTAL_BEFORE`'s last words other than fillers.
    pub const TOTAL_BEFORE_END: u32 = 1 << 11;
    /// `APPOSITIVE`'s last words.
    pub const APPOSITIVE_END: u32 = 1 << 12;
    /// `DIR_BEFORE`'s rising words.
    pub const UP: u32 = 1 << 13;
    /// `DIR_BEFORE`'s falling words.
    pub const DOWN: u32 = 1 << 14;
    /// The first words of `DIR_NOUN_AFTER`'s matches.
    pub const NOUN_AFTER_FIRST: u32 = 1 << 15;
    /// The first words of `DIR_AFTER`'s matches.
    pub const DIR_AFTER_FIRST: u32 = 1 << 16;
    /// The first words of `COMPARATIVE`'s matches.
    pub const COMPARATIVE_FIRST: u32 = 1 << 17;
    /// `RATIO_SUBJECT`'s words of one word, with their plurals.
    pub const RATIO: u32 = 1 << 18;
    /// `SHARE_PRICE`'s words of one word.
    pub const PRICE: u32 = 1 << 19;
    /// The first words of `RATIO_SUBJECT`'s and `SHARE_PRICE`'s two-word
    /// alternatives (`share of`, `market share`, `share price`) ...
    pub const PAIR_FIRST: u32 = 1 << 20;
    /// ... and their second words (`of` and `ofs`: the plural `s?` follows
    /// the whole alternative).
    pub const PAIR_SECOND: u32 = 1 << 21;
    /// `of`: the end of `CHANGE_OF`'s cues.
    pub const OF: u32 = 1 << 22;
    /// `DIR_NOUN_AFTER`'s rising nouns ...
    pub const NOUN_UP: u32 = 1 << 29;
    /// ... and its falling nouns.
    pub const NOUN_DOWN: u32 = 1 << 30;
    /// `vs`: a `START_CUE` cue that may end in a full stop.
    pub const START_VS: u32 = 1 << 23;
    /// The verbs before `by` in `DELTA_CUE` (`rose by`).
    pub const BY_VERB: u32 = 1 << 24;
    /// The nouns before `of` in `DELTA_CUE` (`a rise of`).
    pub const DELTA_NOUN: u32 = 1 << 25;
    /// The nouns before `of` in `CHANGE_OF` (`an increase of`).
    pub const CHANGE_NOUN: u32 = 1 << 26;
    /// `more` and `less`, before `than` in the fillers.
    pub const MORE_LESS: u32 = 1 << 27;
    /// `make`, `made` before `up`, and `account(s|ed)` before `for`, in
    /// `LEVEL_LEAD`.
    pub const LEVEL_VERB: u32 = 1 << 28;

    /// The rising change nouns of `CHANGE_OF` (`a rise of`): [`CHANGE_NOUN`],
    /// the regex's `up` group, and how a match's direction is read.
    pub const CHANGE_OF_UP: &[&str] = &[
        "rise", "increase", "jump", "gain", "growth", "surge", "climb", "hike",
    ];
    /// The falling change nouns of `CHANGE_OF`: its `down` group.
    pub const CHANGE_OF_DOWN: &[&str] = &[
        "fall",
        "drop",
        "decline",
        "decrease",
        "reduction",
        "cut",
        "dip",
        "slump",
        "loss",
    ];

    /// `DIR_NOUN_AFTER`'s rising nouns: [`NOUN_UP`], and first words of its matches.
    const NOUNS_UP: &[&str] = &[
        "rise",
        "rises",
        "increase",
        "increases",
        "jump",
        "gain",
        "gains",
        "growth",
        "surge",
        "climb",
        "hike",
        "boost",
        "improvement",
        "uplift",
        "rebound",
    ];

    /// `DIR_NOUN_AFTER`'s falling nouns: [`NOUN_DOWN`], and first words of its matches.
    const NOUNS_DOWN: &[&str] = &[
        "fall",
        "falls",
        "drop",
        "drops",
        "decline",
        "declines",
        "decrease",
        "decreases",
        "reduction",
        "cut",
        "cuts",
        "dip",
        "slump",
        "slide",
        "plunge",
        "slowdown",
    ];

    /// Every list with its words, in the order of the bits.
    pub(super) const WORDS: &[(u32, &[&str])] = &[
        (
            FILLER,
            &[
                "the",
                "a",
                "an",
                "its",
                "their",
                "some",
                "about",
                "around",
                "roughly",
                "approximately",
                "nearly",
                "almost",
                "just",
                "only",
                "over",
                "under",
                "than",
                "estimated",
                "expected",
                "forecast",
                "projected",
                "predicted",
                "provisional",
                "revised",
                "previous",
                "record",
                "s",
            ],
        ),
        (START, &["from", "against", "versus", "than"]),
        (START_AFTER_COMPARED, &["with", "to"]),
        (TO, &["to", "and"]),
        (
            DELTA,
            &[
                "up",
                "down",
                "or",
                "gained",
                "lost",
                "added",
                "shed",
                "sank",
                "slipped",
                "tumbled",
                "plunged",
                "dropped",
                "jumped",
                "climbed",
                "rose",
                "fell",
                "grew",
                "increased",
                "decreased",
                "declined",
                "dipped",
                "slid",
                "soared",
                "surged",
            ],
        ),
        (DELTA_END, &["by", "of"]),
        (TOTAL, &["to", "at", "from"]),
        (
            TOTAL_FILLER,
            &[
                "a", "an", "the", "some", "about", "around", "nearly", "almost", "just", "over",
                "under",
            ],
        ),
        (
            LEVEL,
            &[
                "to",
                "from",
                "at",
                "of",
                "between",
                "and",
                "is",
                "was",
                "were",
                "are",
                "be",
                "been",
                "reached",
                "hit",
                "stood",
                "represent",
                "represents",
                "represented",
            ],
        ),
        (LEVEL_END, &["up", "for"]),
        (OF_CUE_END, &["of", "all", "total"]),
        (TOTAL_BEFORE_END, &["up", "down", "by"]),
        (APPOSITIVE_END, &["or", "a", "an", "is"]),
        (
            UP,
            &[
                "rose",
                "rise",
                "rises",
                "risen",
                "rising",
                "up",
                "increase",
                "increased",
                "increases",
                "increasing",
                "grew",
                "grow",
                "grows",
                "grown",
                "growing",
                // `gained?` in the regex: `gaine` or `gained`, never `gain`;
                // the same for `climbed?`, `soared?` and `slumped?`.
                "gaine",
                "gained",
                "gains",
                "jumped",
                "jump",
                "jumps",
                "surge",
                "surged",
                "surges",
                "climbe",
                "climbed",
                "climbs",
                "soare",
                "soared",
                "soars",
                "boosted",
                "added",
                "higher",
                "rallied",
                "leapt",
                "leaped",
                "swelled",
                "expanded",
                "widened",
            ],
        ),
        (
            DOWN,
            &[
                "fell",
                "fall",
                "falls",
                "fallen",
                "falling",
                "down",
                "dropped",
                "drop",
                "drops",
                "decline",
                "declined",
                "declines",
                "decrease",
                "decreased",
                "decreases",
                "slipped",
                "slip",
                "slips",
                "slumpe",
                "slumped",
                "slumps",
                "sank",
                "sunk",
                "sink",
                "plunge",
                "plunged",
                "plunges",
                "tumble",
                "tumbled",
                "tumbles",
                "dipped",
                "dips",
                "lost",
                "shed",
                "cut",
                "cuts",
                "reduced",
                "shrank",
                "shrunk",
                "slid",
                "lower",
                "eased",
                "contracted",
                "narrowed",
            ],
        ),
        (
            NOUN_AFTER_FIRST,
            &["year", "annual", "quarterly", "overall", "average"],
        ),
        (NOUN_AFTER_FIRST, NOUNS_UP),
        (NOUN_AFTER_FIRST, NOUNS_DOWN),
        (
            DIR_AFTER_FIRST,
            &[
                "higher", "more", "above", "up", "lower", "less", "below", "down",
            ],
        ),
        (
            COMPARATIVE_FIRST,
            &[
                "above", "higher", "more", "greater", "bigger", "larger", "up", "below", "lower",
                "less", "smaller", "down",
            ],
        ),
        (
            RATIO,
            &[
                "proportion",
                "proportions",
                "percentage",
                "percentages",
                "rate",
                "rates",
                "ratio",
                "ratios",
                "margin",
                "margins",
                "yield",
                "yields",
            ],
        ),
        (
            PRICE,
            &[
                "shares", "stock", "stocks", "index", "ftse", "dow", "nasdaq", "nikkei", "dax",
                "cac",
            ],
        ),
        (PAIR_FIRST, &["share", "market"]),
        (PAIR_SECOND, &["of", "ofs", "share", "shares", "price"]),
        (OF, &["of"]),
        (START_VS, &["vs"]),
        (NOUN_UP, NOUNS_UP),
        (NOUN_DOWN, NOUNS_DOWN),
        (
            BY_VERB,
            &[
                "rose",
                "rise",
                "risen",
                "rises",
                "fell",
                "fall",
                "fallen",
                "falls",
                "gained",
                "lost",
                "added",
                "shed",
                "increased",
                "decreased",
                "jumped",
                "dropped",
                "climbed",
                "sank",
                "slipped",
                "grew",
                "slid",
                "tumbled",
                "plunged",
                "soared",
            ],
        ),
        (
            DELTA_NOUN,
            &[
                "rise", "increase", "fall", "drop", "decline", "decrease", "gain", "loss", "jump",
            ],
        ),
        (CHANGE_NOUN, CHANGE_OF_UP),
        (CHANGE_NOUN, CHANGE_OF_DOWN),
        (MORE_LESS, &["more", "less"]),
        (
            LEVEL_VERB,
            &["make", "made", "account", "accounts", "accounted"],
        ),
    ];
}

/// A word of at most 16 ASCII letters and digits as one number, lower-cased
/// (`| 0x20` maps `A-Z` to `a-z` and leaves digits alone; `_` becomes a byte no
/// listed word holds): `None` when longer or empty.
fn pack(w: &str) -> Option<u128> {
    (1..=16)
        .contains(&w.len())
        .then(|| w.bytes().fold(0u128, |x, b| x << 8 | u128::from(b | 0x20)))
}

/// Slots of [`TABLE`]: a power of two, four times the listed words, so a
/// lookup mostly probes one slot.
const SLOTS: usize = 1024;

/// Every listed word (packed) with its flags, in an open-addressed hash table:
/// a lookup is one multiplication and a probe or two, where a sorted list took
/// eight comparisons of 128-bit keys (lead words are mostly listed words such
/// as `the` and `of`, so no cheap test turns them away first).
static TABLE: std::sync::LazyLock<Vec<(u128, u32)>> = std::sync::LazyLock::new(|| {
    let mut t = vec![(0u128, 0u32); SLOTS];
    for &(flag, list) in list::WORDS {
        for w in list {
            let k = pack(w).expect("listed words are short");
            let mut i = slot(k);
            while t[i].0 != 0 && t[i].0 != k {
                i = (i + 1) % SLOTS;
            }
            t[i] = (k, t[i].1 | flag);
        }
    }
    t
});

/// Per list bit, per word length, the first letters (bit `letter & 31`) of
/// the list's words: see [`Filter`].
static FIRSTS: std::sync::LazyLock<[[u32; 17]; 32]> = std::sync::LazyLock::new(|| {
    let mut t = [[0u32; 17]; 32];
    for &(flag, list) in list::WORDS {
        for w in list {
            if let (Some(&first), Some(row)) = (
                w.as_bytes().first(),
                t.get_mut(flag.trailing_zeros() as usize),
            ) && let Some(cell) = row.get_mut(w.len())
            {
                *cell |= 1 << (first & 31);
            }
        }
    }
    t
});

/// A quick test in front of [`flags`] for a few lists: whether a word of its
/// length and first letter is on one of them. Scanners that look words up by
/// the dozen (a clause, a tail) turn most words away with it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Filter {
    lists: u32,
    firsts: [u32; 17],
}

impl Filter {
    /// The filter of `lists` (bits of [`list`]).
    pub fn of(lists: u32) -> Self {
        let mut firsts = [0u32; 17];
        for (bit, row) in FIRSTS.iter().enumerate() {
            if lists & (1 << bit) != 0 {
                for (f, r) in firsts.iter_mut().zip(row) {
                    *f |= r;
                }
            }
        }
        Self { lists, firsts }
    }

    /// The lists among the filter's that `w` is on.
    pub fn flags(&self, w: &str) -> u32 {
        let b = w.as_bytes();
        match (b.first(), self.firsts.get(b.len())) {
            (Some(&c), Some(&f)) if c.is_ascii_alphabetic() && f & (1 << (c & 31)) != 0 => {
                flags(w) & self.lists
            }
            _ => 0,
        }
    }
}

/// The first slot of packed word `k` (never 0: no word packs to 0).
fn slot(k: u128) -> usize {
    let h = (k as u64 ^ (k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 54) as usize % SLOTS
}

/// The lists `w` is on (ASCII letters and digits, any case), as [`list`] bits.
pub(super) fn flags(word: &str) -> u32 {
    let Some(key) = pack(word) else {
        return 0;
    };
    let table = &*TABLE;
    let mut at = slot(key);
    loop {
        match table.get(at) {
            Some(&(k, lists)) if k == key => return lists,
            Some(&(0, _)) | None => return 0,
            Some(_) => at = (at + 1) % SLOTS,
        }
    }
}

/// The first run of ASCII letters and digits of a text after its leading
/// whitespace and any of the `skip` bytes, for the regexes anchored at the
/// start (`^\s*[-,]?\s*(?:higher|...)\b`): `""` when a symbol comes first,
/// `None` when that much of the text is not plain (only it decides whether a
/// match can start there).
pub(super) fn first_word<'t>(text: &'t str, skip: &[u8]) -> Option<&'t str> {
    first_word_end(text, skip).map(|(w, _)| w)
}

/// [`first_word`] and the byte offset where the word ends.
pub(super) fn first_word_end<'t>(text: &'t str, skip: &[u8]) -> Option<(&'t str, usize)> {
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        match b.get(i) {
            Some(&c) if is(c, SPACE) || skip.contains(&c) => i += 1,
            Some(&c) if c >= 0x80 => {
                let ch = text.get(i..).and_then(|t| t.chars().next())?;
                if !plain_char(ch) {
                    return None;
                }
                if !ch.is_whitespace() {
                    // A symbol, never a word character.
                    return Some(("", i));
                }
                i += ch.len_utf8();
            }
            _ => break,
        }
    }
    let start = i;
    while b.get(i).is_some_and(|&c| is(c, ALNUM)) {
        i += 1;
    }
    // The character after the word must not be one that folds into it.
    let next = text.get(i..).and_then(|t| t.chars().next());
    if !next.is_none_or(plain_char) {
        return None;
    }
    text.get(start..i).map(|w| (w, i))
}

/// Whether the first word of `text` (after whitespace and `skip` bytes) is on
/// one of the `lists` (bits of [`list`]); `true` when the text is not plain
/// (the regex must decide).
pub(super) fn may_start_with(text: &str, skip: &[u8], lists: u32) -> bool {
    first_word(text, skip).is_none_or(|w| flags(w) & lists != 0)
}

/// The end of the last match of `link::CLAUSE_BREAK`
/// (`[;:] | \s--?\s | ,\s+(?:while|whereas|but|and)\s`) in `text`, found as the
/// regex's iterator finds them (leftmost first, each search after the last
/// match), or 0 when there is none. Exact for any text: the pattern is
/// case-sensitive and its only Unicode class is `\s`.
pub(super) fn clause_start(text: &str) -> usize {
    let b = text.as_bytes();
    // The whitespace character starting at `i`, if any: its length.
    let space_at = |i: usize| -> Option<usize> {
        match b.get(i) {
            Some(&c) if c < 0x80 => (c.is_ascii_whitespace() || c == 0x0B).then_some(1),
            Some(_) => text
                .get(i..)
                .and_then(|t| t.chars().next())
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8),
            None => None,
        }
    };
    // The whitespace character ending at `i`, if any: its length.
    let space_before = |i: usize| -> Option<usize> {
        match i.checked_sub(1).map(|j| b[j]) {
            Some(c) if c < 0x80 => (c.is_ascii_whitespace() || c == 0x0B).then_some(1),
            Some(_) => text
                .get(..i)
                .and_then(|t| t.chars().next_back())
                .filter(|c| c.is_whitespace())
                .map(char::len_utf8),
            None => None,
        }
    };
    let mut last = 0;
    // Where the next search starts: a match may not begin before it.
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        // Only these bytes can be read as a break (a space before a dash is
        // looked at from the dash): jump to the next one.
        let rest = &b[i..];
        match (
            memchr::memchr3(b';', b':', b',', rest),
            memchr::memchr(b'-', rest),
        ) {
            (None, None) => break,
            (Some(x), Some(y)) => i += x.min(y),
            (Some(x), None) | (None, Some(x)) => i += x,
        }
        let end = match b[i] {
            b';' | b':' => Some(i + 1),
            b'-' => space_before(i).filter(|n| i - n >= from).and_then(|_| {
                if b.get(i + 1) == Some(&b'-') {
                    space_at(i + 2).map(|n| i + 2 + n)
                } else {
                    space_at(i + 1).map(|n| i + 1 + n)
                }
            }),
            b',' => {
                let mut j = i + 1;
                while let Some(n) = space_at(j) {
                    j += n;
                }
                let rest = text.get(j..).unwrap_or("");
                (j > i + 1)
                    .then(|| {
                        ["while", "whereas", "but", "and"]
                            .iter()
                            .find(|w| rest.starts_with(**w))
                    })
                    .flatten()
                    .and_then(|w| space_at(j + w.len()).map(|n| j + w.len() + n))
            }
            _ => None,
        };
        match end {
            Some(e) => {
                last = e;
                from = e;
                i = e;
            }
            None => i += 1,
        }
    }
    last
}

/// What a scanner read: its answer, or that only the regex can read the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Read<T> {
    Done(T),
    Regex,
}

/// The direction of the last match of `link::DIR_BEFORE` (a whole word from its
/// lists) in a plain `text` and where it ends, `None` when there is none.
pub(super) fn last_direction_word(text: &str) -> Read<Option<(Direction, usize)>> {
    if !plain(text) {
        return Read::Regex;
    }
    let filter = Filter::of(list::UP | list::DOWN);
    let b = text.as_bytes();
    let mut end = b.len();
    loop {
        // The runs of word characters, from the last one back.
        while end > 0 && !word_byte(b[end - 1]) {
            end -= 1;
        }
        if end == 0 {
            return Read::Done(None);
        }
        let mut start = end;
        while start > 0 && word_byte(b[start - 1]) {
            start -= 1;
        }
        // The shortest listed word has two letters, the longest ten.
        if (2..=10).contains(&(end - start)) {
            let f = filter.flags(text.get(start..end).unwrap_or(""));
            if f & list::UP != 0 {
                return Read::Done(Some((Direction::Up, end)));
            }
            if f & list::DOWN != 0 {
                return Read::Done(Some((Direction::Down, end)));
            }
        }
        end = start;
    }
}

/// Whether a plain `text` holds a match of `link::CONTRAST`
/// (`,\s*(?:while|whereas|but|although|and)\b`, any case); `None` when the
/// text is not plain.
pub(super) fn contrast(text: &str) -> Option<bool> {
    if !plain(text) {
        return None;
    }
    let b = text.as_bytes();
    Some(memchr::memchr_iter(b',', b).any(|i| {
        let mut j = i + 1;
        loop {
            match b.get(j) {
                Some(&c) if c.is_ascii_whitespace() || c == 0x0B => j += 1,
                Some(&c) if c >= 0x80 => match text.get(j..).and_then(|t| t.chars().next()) {
                    Some(ch) if ch.is_whitespace() => j += ch.len_utf8(),
                    _ => break,
                },
                _ => break,
            }
        }
        let mut k = j;
        while b.get(k).is_some_and(|&c| word_byte(c)) {
            k += 1;
        }
        // `\b` after the word: the run of word characters ends with it.
        text.get(j..k).is_some_and(|w| {
            ["while", "whereas", "but", "although", "and"]
                .iter()
                .any(|x| x.eq_ignore_ascii_case(w))
        })
    }))
}

/// The two-word alternatives [`has_word`] knows, first and second word.
const PAIRS: &[(&str, &str)] = &[
    ("share", "of"),
    ("share", "ofs"),
    ("market", "share"),
    ("market", "shares"),
    ("share", "price"),
];

/// Whether a plain `text` holds a whole word on `words` (bits of [`list`]),
/// or one of the two-word phrases `pairs` (indices into [`PAIRS`]) with only
/// whitespace between its words: `link::RATIO_SUBJECT` and
/// `link::SHARE_PRICE`, read as words (`\b(?:rate|...|share\s+of)s?\b`).
/// `None` when the text is not plain.
pub(super) fn has_word(text: &str, words: u32, pairs: &[usize]) -> Option<bool> {
    if !plain(text) {
        return None;
    }
    let filter = Filter::of(words | list::PAIR_FIRST | list::PAIR_SECOND);
    let b = text.as_bytes();
    let mut i = 0;
    // The previous word when only whitespace follows it.
    let mut previous: Option<&str> = None;
    while i < b.len() {
        if !word_byte(b[i]) {
            // A separator: whitespace keeps the previous word, anything else
            // breaks a pair.
            let (space, len) = if b[i].is_ascii() {
                (is(b[i], SPACE), 1)
            } else {
                text.get(i..)
                    .and_then(|t| t.chars().next())
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
            };
            if !space {
                previous = None;
            }
            i += len;
            continue;
        }
        let start = i;
        while i < b.len() && word_byte(b[i]) {
            i += 1;
        }
        let w = text.get(start..i).unwrap_or("");
        let f = filter.flags(w);
        if f & words != 0 {
            return Some(true);
        }
        if f & list::PAIR_SECOND != 0
            && let Some(p) = previous
            && pairs
                .iter()
                .filter_map(|&k| PAIRS.get(k))
                .any(|(a, z)| p.eq_ignore_ascii_case(a) && w.eq_ignore_ascii_case(z))
        {
            return Some(true);
        }
        previous = (f & list::PAIR_FIRST != 0).then_some(w);
    }
    Some(false)
}

/// A word looked for by [`may_contain`], with the index of its rarest letter
/// (English letter frequencies): few bytes of a text are that letter, so the
/// search is a `memchr` for it and a comparison at each hit.
#[derive(Clone, Copy, Debug)]
pub(super) struct Needle {
    word: &'static [u8],
    rarest: usize,
    /// Whether the word holds `s` or `k`, the letters that `ſ` and the Kelvin
    /// sign fold to: only then can a text that is not plain hide a match.
    folds: bool,
}

/// A [`Needle`] for `word` (lower-case ASCII letters), worked out at compile time.
pub(super) const fn needle(word: &'static str) -> Needle {
    /// English letters from the most to the least frequent.
    const BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";
    let w = word.as_bytes();
    let (mut i, mut rarest, mut rank, mut folds) = (0, 0, 0, false);
    while i < w.len() {
        folds |= w[i] == b's' || w[i] == b'k';
        let mut r = 0;
        while r < BY_FREQUENCY.len() && BY_FREQUENCY[r] != w[i] {
            r += 1;
        }
        if r > rank {
            (rarest, rank) = (i, r);
        }
        i += 1;
    }
    Needle {
        word: w,
        rarest,
        folds,
    }
}

/// Whether `text` may contain one of `needles` (lower-case ASCII letters),
/// ignoring case: `false` only when none is in it, `true` when one is or when
/// a needle with `s` or `k` meets a text that is not plain. A cheap test in front of a regex whose
/// every match holds one of the needles.
pub(super) fn may_contain(text: &str, needles: &[Needle]) -> bool {
    if needles.iter().any(|n| n.folds) && !plain(text) {
        return true;
    }
    let b = text.as_bytes();
    needles.iter().any(|n| {
        let Some(&c) = n.word.get(n.rarest) else {
            return true;
        };
        memchr::memchr2_iter(c, c.to_ascii_uppercase(), b).any(|i| {
            i.checked_sub(n.rarest)
                .and_then(|start| b.get(start..start + n.word.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(n.word))
        })
    })
}

/// Deterministic texts for the oracle tests here and in `link`: up to `n`
/// pieces (the listed words in odd cases, fillers, possessives, numbers,
/// punctuation, spaces ASCII and not, symbols, non-ASCII letters and the two
/// characters that fold to ASCII letters), joined with or without spaces.
#[cfg(test)]
pub(super) fn texts(seed: u64, count: usize, pieces: usize) -> Vec<String> {
    const PIECES: &[&str] = &[
        "FROM",
        "From",
        "To",
        "Of",
        "out",
        "last",
        "year's",
        "Tesco's",
        "2003's",
        "more",
        "less",
        "compared",
        "vs",
        "vs.",
        "on",
        "the",
        "same",
        "quarter",
        "month",
        "half",
        "six",
        "months",
        "full-year",
        "close",
        "which",
        "that",
        "while",
        "whereas",
        "but",
        "although",
        "make",
        "made",
        "account",
        "accounts",
        "for",
        "rise",
        "increase",
        "drop",
        "share",
        "shares",
        "rate",
        "exports",
        "imports",
        "12",
        "2004",
        "4.5",
        "x",
        "_",
        "fr_om",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{a0}",
        "\u{2009}",
        ",",
        ";",
        ":",
        "-",
        "--",
        "–",
        "—",
        ".",
        "(",
        ")",
        "%",
        "'",
        "£",
        "$",
        "€",
        "“",
        "’",
        "é",
        "ſ",
        "\u{212A}",
        "ü",
        "fromé",
        "éfrom",
        "Ω",
        "a",
        "of",
        ", while",
        ", and",
        ",but",
        ", although",
        ",\u{a0}whereas",
        "climb",
        "gain",
        "soar",
        "slump",
        "rise of",
        "loss of the",
        "Hike OF",
        "growth  of",
        "x, or",
        "% - an",
        "9) – a",
        "staff, up",
        ", down by",
        ", UP BY the",
        "x, which is",
        "market",
        "Market  Shares",
        "share\tprice",
        "share of",
        "ofs",
        "price",
        "Nikkei",
        "yields",
        "in all",
        "In  Total",
        "altogether",
        "combined",
        "a total of",
        "the gap between exports and imports",
        "deficit",
        "of them",
        "Of  THESE",
        "of the total",
        "out of",
        "of the UK population",
        "of their",
        "vs.",
        "VS. the",
        "made up",
        "accounted for",
        "rose by",
        "a rise of",
        "more than",
        "Less  than",
    ];
    let words: Vec<&str> = list::WORDS
        .iter()
        .flat_map(|(_, w)| w.iter().copied())
        .collect();
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % pieces as u64) as usize;
            let mut text = String::new();
            for _ in 0..len {
                let roll = next();
                if roll % 2 == 0 {
                    text.push_str(PIECES[((roll >> 8) % PIECES.len() as u64) as usize]);
                } else {
                    let word = words[((roll >> 8) % words.len() as u64) as usize];
                    match (roll >> 40) % 4 {
                        0 => text.push_str(&word.to_uppercase()),
                        1 => {
                            let mut chars = word.chars();
                            text.extend(chars.next().map(|f| f.to_ascii_uppercase()));
                            text.push_str(chars.as_str());
                        }
                        _ => text.push_str(word),
                    }
                }
                if next() % 3 != 0 {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::link;
    use regex::Regex;

    #[test]
    fn only_two_characters_fold_to_ascii_letters() {
        // The premise of `plain`: under `(?i)`, no other non-ASCII character
        // matches an ASCII letter or digit.
        let re = Regex::new(r"(?i)^[a-z0-9]$").expect("regex");
        let mut buf = [0u8; 4];
        let folding: Vec<char> = (0x80..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| re.is_match(c.encode_utf8(&mut buf)))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
        for c in ['ſ', '\u{212A}', 'é', 'Ω', 'ü'] {
            assert!(!plain(&c.to_string()), "{c:?}");
        }
        // The symbols a plain text may hold are neither word characters nor
        // spaces; the spaces are the regexes' `\s`.
        let w = Regex::new(r"^\w$").expect("regex");
        let sp = Regex::new(r"^\s$").expect("regex");
        for c in ['£', '€', '¥', '‘', '’', '“', '”', '–', '—', '…'] {
            let t = c.to_string();
            assert!(plain(&t) && !w.is_match(&t) && !sp.is_match(&t), "{c:?}");
        }
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let t = c.encode_utf8(&mut buf);
            assert_eq!(sp.is_match(t), c.is_whitespace(), "{c:?}");
        }
    }

    #[test]
    fn listed_words_pack_and_look_up() {
        for &(flag, words) in list::WORDS {
            for w in words {
                assert!(flags(w) & flag != 0, "{w}");
                assert!(flags(&w.to_uppercase()) & flag != 0, "{w}");
            }
        }
        for w in [
            "",
            "thee",
            "fro",
            "x",
            "approximately1",
            "sevenbillionwords",
            "_",
            "up_",
        ] {
            let on: u32 = list::WORDS
                .iter()
                .filter(|(_, ws)| ws.contains(&w))
                .map(|(f, _)| f)
                .sum();
            assert_eq!(flags(w), on, "{w}");
        }
    }

    #[test]
    fn clause_start_is_the_end_of_the_last_clause_break() {
        for t in texts(7, 40_000, 14).iter().map(String::as_str).chain([
            " - - ",
            " -- x",
            ",  and ",
            ", and",
            "a\u{a0}-\u{2009}b",
            ": ;",
        ]) {
            let want = link::CLAUSE_BREAK
                .find_iter(t)
                .last()
                .map_or(0, |m| m.end());
            assert_eq!(clause_start(t), want, "{t:?}");
        }
    }

    #[test]
    fn last_direction_word_is_the_last_match() {
        let mut read = 0;
        for t in texts(11, 40_000, 10) {
            let want = link::DIR_BEFORE.captures_iter(&t).last().map(|c| {
                let dir = if c.name("up").is_some() {
                    Direction::Up
                } else {
                    Direction::Down
                };
                (dir, c.get(0).map_or(0, |m| m.end()))
            });
            if let Read::Done(got) = last_direction_word(&t) {
                assert_eq!(got, want, "{t:?}");
                read += usize::from(got.is_some());
            }
        }
        assert!(read > 10_000, "{read}");
    }

    #[test]
    fn contrast_is_the_regex() {
        let mut found = 0;
        for t in texts(13, 40_000, 10) {
            if let Some(got) = contrast(&t) {
                assert_eq!(got, link::CONTRAST.is_match(&t), "{t:?}");
                found += usize::from(got);
            }
        }
        assert!(found > 500, "{found}");
    }

    #[test]
    fn has_word_is_the_regex() {
        let mut found = [0; 2];
        for t in texts(31, 60_000, 8) {
            for (k, re, words, pairs) in [
                (0, &*link::RATIO_SUBJECT, list::RATIO, &[0, 1, 2, 3][..]),
                (1, &*link::SHARE_PRICE, list::PRICE, &[4][..]),
            ] {
                if let Some(got) = has_word(&t, words, pairs) {
                    assert_eq!(got, re.is_match(&t), "{} {t:?}", re.as_str());
                    found[k] += usize::from(got);
                }
            }
        }
        assert!(found.iter().all(|n| *n > 500), "{found:?}");
    }

    #[test]
    fn may_contain_misses_no_match() {
        let re = Regex::new(r"(?i)(?:total|rise|from)").expect("regex");
        let needles = [needle("total"), needle("rise"), needle("from")];
        for t in texts(17, 20_000, 10) {
            if re.is_match(&t) {
                assert!(may_contain(&t, &needles), "{t:?}");
            }
        }
        assert_eq!(needle("quarter").rarest, 0);
        assert_eq!(needle("index").rarest, 4);
    }

    #[test]
    fn first_word_starts_every_anchored_match() {
        let re = Regex::new(r"(?i)^\s*[-,]?\s*(?P<w>[a-z]+)\b").expect("regex");
        for t in texts(19, 20_000, 6) {
            if let Some(c) = re.captures(&t)
                && let Some(m) = c.name("w")
                && let Some(w) = first_word(&t, b"-,")
            {
                assert_eq!(w, m.as_str(), "{t:?}");
            }
        }
    }

    #[test]
    fn end_reads_the_last_word() {
        let e = End::of("fell 3% compared with ").expect("plain");
        assert_eq!((e.word, e.spaced, e.bounded), ("with", true, true));
        assert_eq!(e.previous("fell 3% compared with "), Some("compared"));
        let e = End::of(" from £").expect("plain");
        assert_eq!((e.word, e.spaced), ("from", true));
        let e = End::of("é from ( £").expect("plain where it matters");
        assert!(!e.spaced);
        let e = End::of("x_from ").expect("plain");
        assert!(!e.bounded);
        assert!(End::of(" froſ ").is_none());
        assert!(End::of(" ſfrom ").is_none());
        assert_eq!(End::of("%, ").map(|e| e.word), Some(""));
    }
}
