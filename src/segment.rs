//! Sentence segmentation: text in, sentence spans out.
//!
//! Input: any `&str`. Output: [`Sentence`]s whose spans are in order, never overlap,
//! lie on char boundaries, are trimmed of whitespace (a UTF-8 BOM and `\r`
//! included), and together cover every non-whitespace character of the text. The
//! function never panics and its cost is linear in the length of the text.
//!
//! # Design, and how it relates to UAX #29
//!
//! Unicode's sentence boundaries (UAX #29, as in `unicode-segmentation`) are the
//! base: a sentence ends after a terminator (`STerm`: `!` `?` `。` and others;
//! `ATerm`: `.`), the closing quotes and brackets after it and the spaces after
//! those, unless the next letter is lower case. On its own that splits `Mr. Smith`,
//! `U.S. Government` and `J. K. Rowling`, and knows nothing of lines. It also runs at
//! tens of MB/s (about 20 MB/s on the BBC articles on our shared machine, where this
//! module runs at about 1.8 GB/s) because it classifies every character. So the rules
//! are not run as a state machine over all characters; instead:
//!
//! 1. One pass finds the candidates, 64 bytes at a time: `.` `!` `?`, `\n` `\r`,
//!    and the non-ASCII characters, of which only a few matter (the UAX #29
//!    `STerm`/`ATerm` set, `…`, bullets, Unicode line and paragraph separators).
//! 2. Each candidate is decided by looking a few bytes back (the token before a full
//!    stop, at most 64 bytes) and forward (closers, spaces, the next word), with the
//!    repairs UAX #29 lacks: abbreviations (`Mr.` `No. 10` `Co.` `e.g.`), numbers
//!    (`5.3`, `$100.00`), initials and dotted abbreviations (`J. K.`, `U.S.`, `a.m.`,
//!    which end a sentence only before a typical sentence starter, as in pySBD),
//!    ellipses in their several spellings, numbered and bulleted lists, a missing
//!    space (`world.Today`), and lines: a blank line always ends a sentence, and so
//!    does a single line break unless the next line plainly continues the sentence.
//! 3. Whatever a decision has examined (a run of dots, the spaces after it) is
//!    consumed, so no byte is looked at more than a bounded number of times.
//!
//! A boundary cuts the text into pieces; each piece is trimmed and kept if not empty,
//! which is what makes the coverage and no-overlap invariants hold by construction.
//!
//! Where this departs from UAX #29 on purpose: ASCII `.` `!` `?` end a sentence only
//! when whitespace (or the end of the text) follows them and their closers, so
//! `5.3`, `?id=5`, `Yahoo!Inc` and `Jr.'s` stay whole (the one exception is a missing
//! space between two plain words, `world.Today`); a `!` or `?` before a lower-case
//! word does not end the sentence (`"Why?" he asked`, `Yahoo! in`); and line breaks
//! are judged as lines, not as `Sep` characters that always break. Non-ASCII
//! terminators come from a table checked against `unicode-segmentation` in a unit
//! test; they end a sentence even with no space after them, as Chinese and Japanese
//! text needs. `unicode-segmentation` itself is only that oracle, in tests: running
//! it would cost a full pass at its speed.
//!
//! Measured against the English Golden Rules (pySBD's 48 cases, see
//! `tests/golden_rules.rs`): 47 of 48 pass. The miss: Golden Rule 18, `6 P.M. Mr. Smith` (ends a
//! sentence) against `5 a.m. Mr. Smith` (does not); pySBD misses it too.

mod lexicon;
mod unicode;

use serde::Serialize;

use crate::bit_block::{BLOCK, ROW_BIT, gather};
use crate::source::Span;
use crate::word_set;
use unicode::{is_space, is_space_byte};

/// One sentence: the trimmed byte span of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
}

/// Splits `text` into sentences (see the module docs for the rules).
#[must_use]
pub fn sentences(text: &str) -> Vec<Sentence> {
    sentences_with::<&str>(text, &[])
}

/// Splits `text` into sentences, with `abbreviations` as extra words after which a
/// full stop does not end a sentence (`Coun`, `Supt`; written without the final
/// dot, a dot there is ignored). They are compared ignoring ASCII case, except
/// that an all-capitals token (`FT.`) must be written exactly so, as it is more
/// often an acronym ending a sentence. With no extras this is [`sentences`].
#[must_use]
pub fn sentences_with<S: AsRef<str>>(text: &str, abbreviations: &[S]) -> Vec<Sentence> {
    Segmenter::new(text, abbreviations).run()
}

/// How far back a token is read before a full stop. Longer tokens (URLs) are in no
/// word list, so reading further would change nothing.
const TOKEN_LOOKBACK: usize = 64;

/// A single line break joins two lines into one sentence when the first line is at
/// least this long and the next starts in lower case: hard-wrapped prose.
const WRAPPED_LINE: usize = 50;

/// How a list item is numbered, from the marker at the start of a piece.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListStyle {
    /// `1.` or `a.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
}

/// A numbered or lettered list the current piece starts with (Golden Rules 31-39).
#[derive(Clone, Copy, Debug)]
struct List {
    /// The marker's number, or its letter as `b'a'..=b'z'`.
    value: u32,
    letter: bool,
    style: ListStyle,
    /// Where the marker's token starts: a stop after it is the marker's own.
    marker: usize,
    /// Just after the marker's punctuation.
    marker_end: usize,
}

impl List {
    fn is_token(&self, token: &[u8], value: u32) -> bool {
        if self.letter {
            matches!(token, [b] if u32::from(*b) == value)
        } else {
            lexicon::list_number(token) == Some(value)
        }
    }
}

/// The first `)` at or after `from`, cached so that paren lists (`1) ... 2) ...`)
/// never search the same bytes twice.
#[derive(Clone, Copy, Debug, Default)]
struct ParenSearch {
    from: usize,
    found: Option<usize>,
    valid: bool,
}

/// What follows a terminator and its closers: whitespace up to `end`.
#[derive(Clone, Copy, Debug)]
struct Gap {
    end: usize,
    breaks: u32,
    paragraph: bool,
}

impl Gap {
    fn ends_paragraph(self) -> bool {
        self.paragraph || self.breaks >= 2
    }
}

/// The first character of the next sentence, seen through opening quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Lower,
    /// Upper case, title case, or a letter without case (CJK, Arabic).
    Upper,
    Digit,
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Look {
    class: Class,
    /// Where that character is: the ASCII letters starting there (at most 16)
    /// are the word the starter and company lists are asked about, read only
    /// when a decision needs them ([`Segmenter::word`]).
    at: usize,
}

/// The [`Class`] of an ASCII letter or digit.
#[inline]
fn ascii_class(b: u8) -> Class {
    if b.is_ascii_digit() {
        Class::Digit
    } else if b.is_ascii_lowercase() {
        Class::Lower
    } else {
        Class::Upper
    }
}

/// A run of terminators at a candidate, with what is attached to it.
#[derive(Clone, Copy, Debug, Default)]
struct Cluster {
    /// End of the contiguous terminators.
    run_end: usize,
    /// Full stops in the run (`…` counts as three).
    dots: u32,
    /// The run holds `!`, `?` or a non-ASCII `STerm`.
    sterm: bool,
    /// The run holds a non-ASCII terminator (ends a sentence without a space).
    wide: bool,
    /// Spaced dots after the run: `. . .` has a run of one and two spaced.
    spaced: u32,
    /// Closing quotes or brackets followed.
    closed: bool,
    /// End of the cluster: after the run, the spaced dots and the closers.
    end: usize,
}

/// The candidates of a text, in order: the bytes `.` `!` `?` `\n` `\r` and the
/// lead bytes of non-ASCII characters (the caller decodes those and keeps the
/// few that matter). The text is classified 64 bytes at a time by plain
/// element-wise code that the compiler vectorises, the answers packed one bit
/// per byte into a `u64`, and the candidates visited with `trailing_zeros`: one
/// pass for all of them, where three scans (two `memchr3` and one for
/// non-ASCII) were merged, and a consumed stretch is skipped by masking bits.
struct Candidates<'t> {
    bytes: &'t [u8],
    /// Start of the bytes that `mask` describes.
    base: usize,
    /// Candidates in `base..base + 64` not yet visited (bit `k` for `base + k`).
    mask: u64,
}

impl<'t> Candidates<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Self {
            bytes,
            base: 0,
            mask: candidate_mask(bytes, 0),
        }
    }

    /// The first candidate at or after `pos`; `pos` never goes backwards.
    #[inline]
    fn next_from(&mut self, pos: usize) -> Option<usize> {
        if pos >= self.base + BLOCK {
            // Jump to the block holding `pos` (a consumed run may be long).
            self.base = pos - pos % BLOCK;
            self.mask = candidate_mask(self.bytes, self.base);
        }
        if pos > self.base {
            // Forget the bytes before `pos` (fewer than 64, so the shift fits).
            self.mask &= u64::MAX << (pos - self.base);
        }
        while self.mask == 0 {
            if self.base + BLOCK >= self.bytes.len() {
                return None;
            }
            self.base += BLOCK;
            self.mask = candidate_mask(self.bytes, self.base);
        }
        Some(self.base + self.mask.trailing_zeros() as usize)
    }
}

/// The candidate bits of the 64 bytes at `base` (past the end reads as zero
/// bytes, which are none).
#[inline]
fn candidate_mask(bytes: &[u8], base: usize) -> u64 {
    let rest = bytes.get(base..).unwrap_or_default();
    let mut padded = [0u8; BLOCK];
    let block = if let Some(b) = rest.first_chunk::<BLOCK>() {
        b
    } else {
        padded[..rest.len().min(BLOCK)].copy_from_slice(&rest[..rest.len().min(BLOCK)]);
        &padded
    };
    // Per byte, its row bit for a candidate: element-wise, so that it
    // vectorises; then one bit per byte (see `bit_block`).
    let mut flag = [0u8; BLOCK];
    for ((f, &c), &bit) in flag.iter_mut().zip(block).zip(&ROW_BIT) {
        let hit = c == b'.' || c == b'!' || c == b'?' || c == b'\n' || c == b'\r' || c >= 0xC0;
        *f = u8::from(hit).wrapping_neg() & bit;
    }
    gather(&flag)
}

struct Segmenter<'t, S> {
    text: &'t str,
    bytes: &'t [u8],
    out: Vec<Sentence>,
    /// Start of the current piece (before trimming).
    start: usize,
    /// The first non-whitespace offset at or after `start` (or the end of the
    /// text): where the piece's text begins, found once for the list marker and
    /// the trimming both.
    content: usize,
    /// Candidates before this offset were consumed by an earlier decision.
    skip_to: usize,
    list: Option<List>,
    parens: ParenSearch,
    /// Extra abbreviations from the settings; usually empty.
    extra: &'t [S],
    /// Whether [`Segmenter::terminator`] may take its shortcut for the common
    /// case; the tests turn it off to compare with the general reading.
    shortcut: bool,
}

impl<'t, S: AsRef<str>> Segmenter<'t, S> {
    fn new(text: &'t str, extra: &'t [S]) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            // News prose runs about 120 bytes a sentence (126 in the BBC
            // articles): room for a little more, so that the list is not
            // copied as it grows past its capacity at the end.
            out: Vec::with_capacity(text.len() / 96 + 1),
            start: 0,
            content: 0,
            skip_to: 0,
            list: None,
            parens: ParenSearch::default(),
            extra,
            shortcut: true,
        }
    }

    fn run(mut self) -> Vec<Sentence> {
        let bytes = self.bytes;
        let mut candidates = Candidates::new(bytes);
        // Candidates before `cursor` are visited or consumed.
        let mut cursor = 0;
        self.list = self.list_at(0);
        self.content = self.skip_spaces(0, bytes.len());
        loop {
            cursor = cursor.max(self.skip_to);
            let at = candidates.next_from(cursor).unwrap_or(usize::MAX);
            let paren = self.next_paren().unwrap_or(usize::MAX);
            if paren < at {
                self.paren(paren);
                continue;
            }
            let Some(&b) = bytes.get(at) else {
                break;
            };
            cursor = at + 1;
            match b {
                b'.' | b'!' | b'?' => self.terminator(at),
                b'\n' | b'\r' => self.line_break(at),
                _ => {
                    // A lead byte: only a few non-ASCII characters matter.
                    if let Some(c) = self.char_at(at)
                        && unicode::is_interesting(c)
                    {
                        self.wide(at, c);
                    }
                }
            }
        }
        self.emit(self.start, bytes.len());
        self.out
    }

    // ----- pieces ---------------------------------------------------------------

    /// Ends the current piece at `at` and starts the next one there.
    fn boundary(&mut self, at: usize) {
        if at <= self.start {
            return;
        }
        self.emit(self.start, at);
        self.start = at;
        self.content = self.skip_spaces(at, self.bytes.len());
        self.list = self.list_at(self.content);
    }

    /// [`Segmenter::boundary`] at `at` when the next piece's text is known to
    /// start at `look` (an ASCII letter or digit after the whitespace from
    /// `at`): what `boundary` would find by reading the whitespace and the list
    /// marker, taken from what the caller has read already.
    fn boundary_known(&mut self, at: usize, look: Look) {
        if at <= self.start {
            return;
        }
        // What `emit` does, less the trimming: the piece ends in the full
        // stop just before `at`, which is not whitespace.
        debug_assert_eq!(self.bytes.get(at - 1), Some(&b'.'));
        debug_assert_eq!(self.content, self.skip_spaces(self.start, usize::MAX));
        let from = self.content.min(at);
        if from < at {
            self.out.push(Sentence {
                span: Span::new(from, at),
            });
        }
        self.start = at;
        debug_assert_eq!(look.at, self.skip_spaces(at, self.bytes.len()));
        self.content = look.at;
        self.list = if look.class == Class::Upper {
            debug_assert!(self.list_at(look.at).is_none());
            None
        } else {
            self.list_at(look.at)
        };
    }

    /// Pushes `start..end` trimmed, unless nothing is left. `start` is the
    /// current piece's start, whose leading whitespace ends at `content`.
    fn emit(&mut self, start: usize, end: usize) {
        debug_assert!(start == self.start && self.content == self.skip_spaces(start, usize::MAX));
        // Whitespace runs from `start` to `content`, so it runs to `end` when
        // that comes first.
        let from = self.content.min(end);
        let mut to = end;
        while to > from {
            match self.bytes.get(to - 1) {
                Some(&b) if b < 0x80 => {
                    if !is_space_byte(b) {
                        break;
                    }
                    to -= 1;
                }
                _ => match self.char_before(to) {
                    Some(c) if is_space(c) => to -= c.len_utf8(),
                    _ => break,
                },
            }
        }
        if from < to {
            self.out.push(Sentence {
                span: Span::new(from, to),
            });
        }
    }

    // ----- candidates -------------------------------------------------------------

    fn wide(&mut self, at: usize, c: char) {
        match c {
            unicode::NEL | unicode::LINE_SEPARATOR | unicode::PARAGRAPH_SEPARATOR => {
                self.line_break(at);
            }
            c if unicode::is_bullet(c) => {
                if self.char_before(at).is_none_or(is_space) {
                    self.boundary(at);
                }
            }
            _ => self.terminator(at),
        }
    }

    /// A line break at `at` (`\n`, `\r`, NEL, LS or PS) not already consumed by a
    /// terminator before it.
    fn line_break(&mut self, at: usize) {
        let gap = self.gap(at);
        self.skip_to = self.skip_to.max(gap.end);
        if gap.end >= self.bytes.len() {
            return;
        }
        if gap.ends_paragraph() || !self.continues_line(at, gap.end) {
            self.boundary(at);
        }
    }

    /// Whether the line ending at `at` runs on into the line starting at `next`:
    /// the next line starts in lower case and this one either ends in a space
    /// (`a cold \nnight`, `pragmatic_segmenter`'s rule) or is long enough to be
    /// hard-wrapped prose. Short lines are titles or list items and end there.
    fn continues_line(&self, at: usize, next: usize) -> bool {
        if self.look(next).class != Class::Lower {
            return false;
        }
        let before = self.char_before(at);
        if before.is_some_and(|c| c == ' ' || c == '\t') {
            return true;
        }
        if before == Some(':') {
            return false;
        }
        let from = at.saturating_sub(WRAPPED_LINE);
        let window = self.bytes.get(from..at).unwrap_or_default();
        at >= WRAPPED_LINE && memchr::memchr2(b'\n', b'\r', window).is_none()
    }

    /// A terminator at `p`: `.` `!` `?`, `…`, or a non-ASCII `STerm`/`ATerm`.
    fn terminator(&mut self, p: usize) {
        let b = self.bytes;
        // Most terminators are a full stop, one space and a word or number
        // (`rose. The`, `said. 2004`): no run, no closer, and no more
        // whitespace to read, so the cluster and the gap are known without
        // reading them. The rest of the decision is the general one.
        if self.shortcut
            && b.get(p) == Some(&b'.')
            && b.get(p + 1) == Some(&b' ')
            && b.get(p + 2).is_some_and(u8::is_ascii_alphanumeric)
        {
            self.skip_to = self.skip_to.max(p + 2);
            let c = Cluster {
                run_end: p + 1,
                dots: 1,
                end: p + 1,
                ..Cluster::default()
            };
            debug_assert!({
                let g = self.cluster(p);
                (
                    g.run_end, g.dots, g.sterm, g.wide, g.spaced, g.closed, g.end,
                ) == (p + 1, 1, false, false, 0, false, p + 1)
            });
            let look = Look {
                class: ascii_class(b[p + 2]),
                at: p + 2,
            };
            match self.full_stop(p, &c, &look) {
                // The usual sentence end, at the space: the next piece's text
                // starts at the word after it, and a capital starts no list.
                Some(at) if at == p + 1 => self.boundary_known(at, look),
                Some(at) => self.boundary(at),
                None => {}
            }
            return;
        }
        let c = self.cluster(p);
        self.skip_to = self.skip_to.max(c.end);
        let len = self.bytes.len();
        if c.end >= len {
            return;
        }
        let Some(next) = self.char_at(c.end) else {
            return;
        };
        if !is_space(next) {
            if c.wide {
                // `。` and its kin end a sentence with no space after them (UAX #29).
                if !(next.is_lowercase() || next.is_ascii_digit()) {
                    self.boundary(c.end);
                }
            } else if c.dots == 1 && c.run_end == p + 1 && !c.closed && self.missing_space(p) {
                self.boundary(p + 1);
            }
            return;
        }
        let gap = self.gap(c.end);
        self.skip_to = self.skip_to.max(gap.end);
        if gap.end >= len {
            return;
        }
        if gap.ends_paragraph() {
            self.boundary(c.end);
            return;
        }
        let look = self.look(gap.end);
        if let Some(at) = self.decide(p, &c, &look) {
            self.boundary(at);
        }
    }

    /// Where a sentence ends for the terminator cluster `c` at `p`, followed by
    /// whitespace and then `look`; `None` if it does not end.
    fn decide(&self, p: usize, c: &Cluster, look: &Look) -> Option<usize> {
        let upper = look.class == Class::Upper;
        if c.sterm || c.wide {
            // `Hello!! Long time`, `"Help!" she said`, `Yahoo! in` (Golden Rule 41).
            return (look.class != Class::Lower).then_some(c.end);
        }
        let attached = self.char_before(p).is_some_and(|ch| !is_space(ch));
        if c.dots == 1 && c.spaced == 0 {
            return self.full_stop(p, c, look);
        }
        if matches!(self.byte(p.wrapping_sub(1)), Some(b'[' | b'(')) {
            // `[...]`: an omission inside a quotation (Golden Rule 44).
            return None;
        }
        if c.spaced > 0 && c.run_end == p + 1 {
            if attached && c.spaced >= 3 {
                // `compounds. . . . The`: a full stop, then an ellipsis that opens
                // the next sentence (Golden Rule 48).
                return upper.then_some(p + 1);
            }
            if !attached && c.spaced == 2 {
                // `is . . . I didn't`: a spaced ellipsis (Golden Rule 47).
                return None;
            }
            // `period . . . . Next`: ellipsis plus full stop (Golden Rule 45).
        }
        // `that.... She`, `mean... Then` (Golden Rule 46), `…`.
        upper.then_some(c.end)
    }

    /// A single full stop followed by whitespace and `look`.
    fn full_stop(&self, p: usize, c: &Cluster, look: &Look) -> Option<usize> {
        if look.class == Class::Lower {
            // `Jane and co. at the party`, `U.S. for 20 years`.
            return None;
        }
        let (tstart, token, lists) = self.token_and_lists(p);
        if let Some(list) = self.list {
            let own = if list.letter {
                token.first().map(|&b| u32::from(b))
            } else {
                lexicon::list_number(token)
            };
            if tstart == list.marker {
                if own == Some(list.value) {
                    return None;
                }
            } else if list.style != ListStyle::Paren
                && list.is_token(token, list.value + 1)
                && self.char_before(tstart).is_some_and(is_space)
            {
                // `1. The first item 2. The second item` (Golden Rules 35, 39).
                return Some(tstart);
            }
        }
        if token.is_empty() || lexicon::is_number(token) {
            return Some(c.end);
        }
        // `FT.`, `MS.`, `IE.` are acronyms ending a sentence, not `Ft.`, `Ms.`, `ie.`.
        let acronym = || token.len() >= 2 && token.iter().all(u8::is_ascii_uppercase);
        if lists & (lexicon::IS_NEVER_ENDS | lexicon::IS_PREPOSITIVE) != 0 && !acronym() {
            return None;
        }
        if !self.extra.is_empty() && self.is_extra(token, acronym()) {
            return None;
        }
        if look.class == Class::Digit && lists & lexicon::IS_BEFORE_NUMBER != 0 {
            return None;
        }
        if lexicon::is_initial(token) || lexicon::is_dotted(token) {
            return self.starts_sentence(look).then_some(c.end);
        }
        if lists & lexicon::IS_COMPANY != 0 && lexicon::is_company(self.word(look)) {
            return None;
        }
        Some(c.end)
    }

    /// Whether `token` is one of the extra abbreviations: an acronym-shaped token
    /// only when spelled exactly as configured, any other ignoring ASCII case.
    fn is_extra(&self, token: &[u8], acronym: bool) -> bool {
        self.extra.iter().any(|a| {
            let a = a.as_ref().trim().as_bytes();
            let a = a.strip_suffix(b".").unwrap_or(a);
            !a.is_empty() && (token == a || (!acronym && token.eq_ignore_ascii_case(a)))
        })
    }

    /// Whether the word at `look` is a typical sentence starter (`The`, `He`, `I`),
    /// not followed by a full stop (`A.` is an initial, not `A`).
    fn starts_sentence(&self, look: &Look) -> bool {
        let word = self.word(look);
        look.class == Class::Upper
            && self.byte(look.at + word.len()) != Some(b'.')
            && lexicon::is_starter(word)
    }

    /// The ASCII letters at `look` (at most 16).
    fn word(&self, look: &Look) -> &'t [u8] {
        let end = unicode::letters_end(self.bytes, look.at, 16);
        self.bytes.get(look.at..end).unwrap_or_default()
    }

    /// A full stop at `p` with no space after it that still ends a sentence:
    /// `world.Today`, `1,000.That`, `Tuesday.Mr. Smith` (`pragmatic_segmenter` Golden
    /// Rule 52). Not `Jane.Doe@example.com`, `One.Tel`, `Halo.Bungie.Org`, `Mr.Benn`.
    fn missing_space(&self, p: usize) -> bool {
        let bytes = self.bytes;
        // The word after: a capital and at least one lower-case letter.
        let r0 = p + 1;
        let mut r1 = r0;
        while r1 - r0 < 32 && bytes.get(r1).is_some_and(u8::is_ascii_alphabetic) {
            r1 += 1;
        }
        let right = bytes.get(r0..r1).unwrap_or_default();
        let [first, rest @ ..] = right else {
            return false;
        };
        if !first.is_ascii_uppercase()
            || rest.is_empty()
            || !rest.iter().all(u8::is_ascii_lowercase)
        {
            return false;
        }
        let after = self.byte(r1);
        // The token before, back to the last space: no e-mail, URL or path.
        let (tstart, token) = self.token_before(p);
        if token.iter().any(|b| matches!(b, b'@' | b'/' | b':' | b'.')) {
            return false;
        }
        if lexicon::is_prepositive(token) || tstart == p {
            return false;
        }
        if lexicon::is_prepositive(right) && after == Some(b'.') {
            return token.len() >= 2;
        }
        if !matches!(
            after,
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b';')
        ) {
            return false;
        }
        let lower_word = token.len() >= 2 && token.iter().all(u8::is_ascii_lowercase);
        let number = token.first().is_some_and(u8::is_ascii_digit)
            && token.iter().all(|b| b.is_ascii_digit() || *b == b',');
        lower_word || number
    }

    /// A `)` of a paren list (`1) The first item 2) The second item`, Golden Rule
    /// 33): the next number before it starts a new sentence there.
    fn paren(&mut self, at: usize) {
        self.skip_to = self.skip_to.max(at + 1);
        let Some(list) = self.list else {
            return;
        };
        let (tstart, token) = self.token_before(at);
        if tstart != list.marker
            && list.is_token(token, list.value + 1)
            && self.char_before(tstart).is_some_and(is_space)
            && self.char_at(at + 1).is_none_or(is_space)
        {
            self.boundary(tstart);
        }
    }

    /// The next `)` to look at, when the current piece is a paren list.
    fn next_paren(&mut self) -> Option<usize> {
        let list = self.list?;
        if list.style != ListStyle::Paren {
            return None;
        }
        let from = self.skip_to.max(list.marker_end);
        let cache = self.parens;
        let reusable = cache.valid && cache.from <= from && cache.found.is_none_or(|f| f >= from);
        if !reusable {
            let found = memchr::memchr(b')', self.bytes.get(from..)?).map(|i| from + i);
            self.parens = ParenSearch {
                from,
                found,
                valid: true,
            };
        }
        self.parens.found
    }

    // ----- reading around a candidate ----------------------------------------------

    /// The terminators at `p`, spaced dots after them, and closers after those.
    fn cluster(&self, p: usize) -> Cluster {
        let bytes = self.bytes;
        let mut c = Cluster::default();
        let mut i = p;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'.' => {
                    c.dots = c.dots.saturating_add(1);
                    i += 1;
                }
                b'!' | b'?' => {
                    c.sterm = true;
                    i += 1;
                }
                0x80.. => match self.char_at(i) {
                    Some(unicode::ELLIPSIS) => {
                        c.dots = c.dots.saturating_add(3);
                        i += unicode::ELLIPSIS.len_utf8();
                    }
                    Some(ch) if unicode::is_wide_terminator(ch) => {
                        c.wide = true;
                        i += ch.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        c.run_end = i;
        if !c.sterm && !c.wide {
            // ` . . .`: each dot stands alone, between spaces or before a closer.
            while bytes.get(i) == Some(&b' ')
                && bytes.get(i + 1) == Some(&b'.')
                && self
                    .char_at(i + 2)
                    .is_none_or(|ch| is_space(ch) || unicode::is_closer(ch))
            {
                c.spaced = c.spaced.saturating_add(1);
                i += 2;
            }
        }
        while let Some(ch) = self.char_at(i) {
            if !unicode::is_closer(ch) {
                break;
            }
            c.closed = true;
            i += ch.len_utf8();
        }
        c.end = i;
        c
    }

    /// Whitespace from `i`: where it ends, how many line breaks it holds
    /// (`\r\n` counts once), and whether it holds a paragraph separator.
    #[inline]
    fn gap(&self, mut i: usize) -> Gap {
        let bytes = self.bytes;
        let mut breaks = 0_u32;
        let mut paragraph = false;
        while let Some(&b) = bytes.get(i) {
            match b {
                b' ' | b'\t' => i += 1,
                b'\n' | 0x0b | 0x0c => {
                    breaks = breaks.saturating_add(1);
                    i += 1;
                }
                b'\r' => {
                    if bytes.get(i + 1) != Some(&b'\n') {
                        breaks = breaks.saturating_add(1);
                    }
                    i += 1;
                }
                0x80.. => match self.char_at(i) {
                    Some(c) if is_space(c) => {
                        if c == unicode::PARAGRAPH_SEPARATOR {
                            paragraph = true;
                        } else if c == unicode::LINE_SEPARATOR || c == unicode::NEL {
                            breaks = breaks.saturating_add(1);
                        }
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        Gap {
            end: i,
            breaks,
            paragraph,
        }
    }

    /// The first character at `i`, through up to four opening quotes or brackets.
    #[inline]
    fn look(&self, mut i: usize) -> Look {
        // An ASCII letter or digit, the usual case: no opener to look through.
        if let Some(&b) = self.bytes.get(i)
            && b.is_ascii_alphanumeric()
        {
            return Look {
                class: ascii_class(b),
                at: i,
            };
        }
        for _ in 0..4 {
            match self.char_at(i) {
                Some(c) if unicode::is_opener(c) => i += c.len_utf8(),
                _ => break,
            }
        }
        let class = match self.char_at(i) {
            Some(c) if c.is_ascii_digit() => Class::Digit,
            Some(c) if c.is_lowercase() => Class::Lower,
            Some(c) if c.is_alphabetic() => Class::Upper,
            _ => Class::Other,
        };
        Look { class, at: i }
    }

    /// [`Segmenter::token_before`] and the lists its token is on
    /// ([`lexicon::lists`]). A token of up to fifteen plain ASCII bytes after
    /// an ASCII whitespace byte (most of them) is read from the eight or
    /// sixteen bytes before `p` in one or two loads; one of up to seven gives
    /// its lookup key too.
    #[inline]
    fn token_and_lists(&self, p: usize) -> (usize, &'t [u8], lexicon::Lists) {
        let floor = self.start.max(p.saturating_sub(TOKEN_LOOKBACK));
        let eight = |s: usize| {
            self.bytes
                .get(s..s + 8)
                .and_then(|w| w.first_chunk::<8>())
                .map(|w| u64::from_le_bytes(*w))
        };
        if let Some(x) = p.checked_sub(8).filter(|&s| s >= floor).and_then(eight) {
            let mut special = unicode::space_or_wide_bits(x);
            // The byte just before `p` is the highest: the token is the bytes
            // above the last special one, which must be ASCII whitespace; and
            // it must not start with an opener that `token_before` would drop.
            let mut len = special.leading_zeros() as usize / 8;
            if special == 0 {
                // Eight plain bytes: the token may end in the eight before.
                if let Some(y) = p.checked_sub(16).filter(|&s| s >= floor).and_then(eight) {
                    special = unicode::space_or_wide_bits(y);
                    len = 8 + special.leading_zeros() as usize / 8;
                }
            }
            let tstart = p - len;
            if special != 0
                && self.byte(tstart - 1).is_some_and(is_space_byte)
                && !matches!(self.byte(tstart), Some(b'"' | b'\'' | b'(' | b'[' | b'{'))
            {
                let token = self.bytes.get(tstart..p).unwrap_or_default();
                debug_assert_eq!((tstart, token), self.token_before(p));
                let lists = if len == 0 {
                    0
                } else if len < 8 {
                    // The token's bytes, lower-cased, moved down to the low end.
                    lexicon::lists_of_key(word_set::lower8(x) >> (8 * (8 - len)), len)
                } else {
                    lexicon::lists_at(self.bytes, tstart, p)
                };
                debug_assert_eq!(lists, lexicon::lists(token));
                return (tstart, token, lists);
            }
        }
        let (tstart, token) = self.token_before(p);
        (tstart, token, lexicon::lists_at(self.bytes, tstart, p))
    }

    /// The token before the full stop at `p`: back to whitespace, the start of the
    /// piece, or [`TOKEN_LOOKBACK`] bytes, without leading opening punctuation or a
    /// bullet (`⁃9.`, Golden Rule 38).
    #[inline]
    fn token_before(&self, p: usize) -> (usize, &'t [u8]) {
        let floor = self.start.max(p.saturating_sub(TOKEN_LOOKBACK));
        let mut i = p;
        while i > floor {
            // Eight bytes at a time while none can end the token (printable
            // ASCII, which is not whitespace); the byte-wise steps below take
            // over at the last one that may.
            if let Some(x) = i.checked_sub(8).filter(|&s| s >= floor).and_then(|s| {
                self.bytes
                    .get(s..i)
                    .and_then(|w| w.first_chunk::<8>())
                    .map(|w| u64::from_le_bytes(*w))
            }) {
                let special = unicode::space_or_wide_bits(x);
                if special == 0 {
                    i -= 8;
                    continue;
                }
                // The byte just before `i` is the highest: skip those above the
                // last special one.
                i -= special.leading_zeros() as usize / 8;
            }
            match self.bytes.get(i - 1) {
                // ASCII: a byte test, the common case.
                Some(&b) if b < 0x80 => {
                    if is_space_byte(b) {
                        break;
                    }
                    i -= 1;
                }
                _ => match self.char_before(i) {
                    Some(c) if !is_space(c) => i -= c.len_utf8(),
                    _ => break,
                },
            }
        }
        while i < p {
            match self.bytes.get(i) {
                Some(b'"' | b'\'' | b'(' | b'[' | b'{') => i += 1,
                Some(&b) if b >= 0x80 => match self.char_at(i) {
                    Some(c) if unicode::is_opener(c) || unicode::is_bullet(c) => {
                        i += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        (i, self.bytes.get(i..p).unwrap_or_default())
    }

    /// A list marker at `i` (the start of a piece's text): an optional bullet, then
    /// `1.`, `1.)`, `1)` or `a.` followed by whitespace.
    #[inline]
    fn list_at(&self, i: usize) -> Option<List> {
        // A marker starts with a digit, a lower-case letter or a (non-ASCII)
        // bullet: a sentence starting with a capital is settled at once.
        if self
            .byte(i)
            .is_some_and(|b| b < 0x80 && !b.is_ascii_digit() && !b.is_ascii_lowercase())
        {
            return None;
        }
        let mut i = i;
        if let Some(c) = self.char_at(i).filter(|&c| unicode::is_bullet(c)) {
            i += c.len_utf8();
            while matches!(self.byte(i), Some(b' ' | b'\t')) {
                i += 1;
            }
        }
        let marker = i;
        let (value, letter, after) = match (self.byte(i), self.byte(i + 1)) {
            (Some(a), Some(b)) if a.is_ascii_digit() && b.is_ascii_digit() => {
                (u32::from(a - b'0') * 10 + u32::from(b - b'0'), false, i + 2)
            }
            (Some(a), _) if a.is_ascii_digit() => (u32::from(a - b'0'), false, i + 1),
            (Some(a), _) if a.is_ascii_lowercase() => (u32::from(a), true, i + 1),
            _ => return None,
        };
        let (style, end) = match (self.byte(after), self.byte(after + 1)) {
            (Some(b'.'), Some(b')')) if !letter => (ListStyle::DotParen, after + 2),
            (Some(b'.'), _) => (ListStyle::Dot, after + 1),
            (Some(b')'), _) if !letter => (ListStyle::Paren, after + 1),
            _ => return None,
        };
        if !self.char_at(end).is_some_and(is_space) {
            return None;
        }
        Some(List {
            value,
            letter,
            style,
            marker,
            marker_end: end,
        })
    }

    /// The first non-whitespace offset in `i..end`, or `end`.
    #[inline]
    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while let Some(&b) = self.bytes.get(i).filter(|_| i < end) {
            if b < 0x80 {
                if !is_space_byte(b) {
                    break;
                }
                i += 1;
            } else {
                match self.char_at(i) {
                    Some(c) if is_space(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    }

    #[inline]
    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// The character starting at `i`, if `i` is a char boundary inside the text.
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        match self.bytes.get(i) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.text.get(i..)?.chars().next(),
            None => None,
        }
    }

    /// The character ending at `i`, if `i` is a char boundary.
    #[inline]
    fn char_before(&self, i: usize) -> Option<char> {
        match self.bytes.get(i.checked_sub(1)?) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.text.get(..i)?.chars().next_back(),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.span.slice(text)).collect()
    }

    fn assert_one(text: &str) {
        assert_eq!(split(text), vec![text.trim()], "should stay one sentence");
    }

    // ----- the basics ---------------------------------------------------------

    #[test]
    fn splits_on_full_stop_question_and_exclamation() {
        assert_eq!(
            split("Gun crime rose. Police were worried! Why? Nobody knows."),
            vec![
                "Gun crime rose.",
                "Police were worried!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn keeps_double_punctuation_together() {
        assert_eq!(
            split("Hello?! Is that you?"),
            vec!["Hello?!", "Is that you?"]
        );
        assert_eq!(split("Really!! Yes."), vec!["Really!!", "Yes."]);
    }

    #[test]
    fn empty_and_whitespace_only_texts_have_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \t\r\n\n \u{feff}\u{a0}").is_empty());
    }

    #[test]
    fn keeps_text_without_final_punctuation() {
        assert_eq!(
            split("Profits rose 5%. Shares fell"),
            vec!["Profits rose 5%.", "Shares fell"]
        );
        assert_eq!(
            split("no punctuation at all"),
            vec!["no punctuation at all"]
        );
    }

    #[test]
    fn trims_bom_and_crlf() {
        let text = "\u{feff}Ad sales boost profit\r\n\r\nProfits jumped 76%. Sales rose 2%.\r\n";
        assert_eq!(
            split(text),
            vec![
                "Ad sales boost profit",
                "Profits jumped 76%.",
                "Sales rose 2%."
            ]
        );
    }

    #[test]
    fn handles_multibyte_characters() {
        assert_eq!(
            split("Café prices rose to £1.50 in Zürich. Über 5% said “no.” Then… nothing."),
            vec![
                "Café prices rose to £1.50 in Zürich.",
                "Über 5% said “no.”",
                "Then… nothing."
            ]
        );
        assert_eq!(
            split("你好。我很好！谢谢"),
            vec!["你好。", "我很好！", "谢谢"]
        );
    }

    // ----- numbers --------------------------------------------------------------

    #[test]
    fn keeps_decimals_and_prices_inside_sentences() {
        assert_one(
            "Gun crime in London has increased by 5.3 per cent - up 195 offences to 3,903 - \
             in the year up to November 2005.",
        );
        assert_one("A pint costs £1.50 and a coffee $2.75 at the 3.5-star hotel.");
        assert_eq!(
            split("She has $100.00. It is in her bag."),
            vec!["She has $100.00.", "It is in her bag."]
        );
        assert_eq!(
            split("Sales reached 3,903 in 2005. The year before they were 3,708."),
            vec![
                "Sales reached 3,903 in 2005.",
                "The year before they were 3,708."
            ]
        );
    }

    // ----- abbreviations --------------------------------------------------------

    #[test]
    fn keeps_titles_before_names() {
        assert_one("Mr. Smith met Mrs. Jones and Dr. Brown at St. Paul's.");
        assert_one("Sir. Alex was there, said Prof. Green.");
    }

    #[test]
    fn keeps_number_abbreviations_before_numbers() {
        assert_one("He lives at No. 10 and read p. 55 on Jan. 5 this year.");
        assert_eq!(
            split("Was it true? No. The figures were wrong."),
            vec!["Was it true?", "No.", "The figures were wrong."]
        );
    }

    #[test]
    fn company_abbreviations_end_a_sentence_before_a_capital() {
        assert_one("They closed the deal with Pitt, Briggs & Co. at noon.");
        assert_eq!(
            split("Shares rose at Acme Ltd. It was a good day."),
            vec!["Shares rose at Acme Ltd.", "It was a good day."]
        );
        assert_one("He joined Smith & Co. Ltd. last year.");
    }

    #[test]
    fn keeps_latin_abbreviations() {
        assert_one("Some costs, e.g. Fuel and rent, i.e. The basics, rose.");
        assert_one("It was England vs. France at Twickenham.");
        assert_eq!(
            split("They sold pens, paper, etc. The shop shut."),
            vec!["They sold pens, paper, etc.", "The shop shut."]
        );
    }

    #[test]
    fn dotted_abbreviations_end_only_before_sentence_starters() {
        assert_one("I work for the U.S. Government in Virginia.");
        assert_one("The U.K. economy grew at 5 a.m. yesterday.");
        assert_eq!(
            split("I live in the U.S. How about you?"),
            vec!["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            split("Trade with the U.K. The deal was signed."),
            vec!["Trade with the U.K.", "The deal was signed."]
        );
    }

    #[test]
    fn acronyms_are_not_abbreviations() {
        assert_eq!(
            split("The news was reported by the FT. But Rover denied it."),
            vec!["The news was reported by the FT.", "But Rover denied it."]
        );
        assert_eq!(
            split("It helps patients with MS. Final approval is near."),
            vec!["It helps patients with MS.", "Final approval is near."]
        );
    }

    // ----- extra abbreviations from the settings ------------------------------------

    fn split_with<'a>(text: &'a str, extra: &[&str]) -> Vec<&'a str> {
        sentences_with(text, extra)
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn extra_abbreviation_keeps_its_sentence_whole() {
        let text = "Coun. Smith said 5% of the budget was spent. It was not enough.";
        assert_eq!(
            split(text),
            vec![
                "Coun.",
                "Smith said 5% of the budget was spent.",
                "It was not enough."
            ]
        );
        assert_eq!(
            split_with(text, &["Coun"]),
            vec![
                "Coun. Smith said 5% of the budget was spent.",
                "It was not enough."
            ]
        );
        // A final dot in the setting, and another case in the text, change nothing.
        assert_eq!(split_with(text, &[" coun. "]), split_with(text, &["Coun"]));
        // `Cllr`, `Supt` and `approx` are built in: no setting needed.
        assert_one("Cllr. Smith and Supt. Jones met at approx. 10am.");
    }

    #[test]
    fn extra_abbreviation_matches_acronyms_only_as_written() {
        let text = "It was run by the GOVT. Then it was sold.";
        assert_eq!(split_with(text, &["Govt"]).len(), 2);
        assert_eq!(split_with(text, &["GOVT"]).len(), 1);
        assert_eq!(split("Funding from the Govt. Department rose.").len(), 2);
        assert_eq!(
            split_with("The govt. Department rose.", &["Govt"]),
            vec!["The govt. Department rose."]
        );
    }

    #[test]
    fn no_extra_abbreviations_change_nothing() {
        let texts = [
            "Coun. Smith said 5% of the budget was spent. It was not enough.",
            "Mr. Smith met Mrs. Jones. The U.S. Government paid $5.3m. He left… Then.",
            "1. The first item 2. The second item\n\nTitle Line\nThe text begins here.",
        ];
        let none: [String; 0] = [];
        for text in texts {
            assert_eq!(sentences_with(text, &none), sentences(text), "{text:?}");
            assert_eq!(sentences_with(text, &[""]), sentences(text), "{text:?}");
        }
    }

    // ----- initials -------------------------------------------------------------

    #[test]
    fn keeps_initials_inside_names() {
        assert_one("The book by J. K. Rowling sold 5.3 million copies.");
        assert_one("President George W. Bush spoke to J.K. Rowling.");
        assert_eq!(
            split("We make a good team, you and I. Did you see Albert I. Jones yesterday?"),
            vec![
                "We make a good team, you and I.",
                "Did you see Albert I. Jones yesterday?"
            ]
        );
    }

    // ----- ellipses -------------------------------------------------------------

    #[test]
    fn ellipsis_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("I never meant that.... She left the store."),
            vec!["I never meant that....", "She left the store."]
        );
        assert_one("I wasn't really ... well, what I mean...see . . . what I'm saying.");
        assert_one("The laws will appear less complex. . . .");
        assert_eq!(
            split("It was over… Then it began."),
            vec!["It was over…", "Then it began."]
        );
        assert_one("\"Bohr [...] used the analogy [...]\" (Smith 55).");
    }

    // ----- quotes and brackets ------------------------------------------------------

    #[test]
    fn closing_quotes_and_brackets_stay_with_their_sentence() {
        assert_eq!(
            split("He said: \"We lost.\" The club agreed. (It was 3-1.) Fans left."),
            vec![
                "He said: \"We lost.\"",
                "The club agreed.",
                "(It was 3-1.)",
                "Fans left."
            ]
        );
        assert_one("She turned to him, 'This is great.' she said.");
        assert_one("\"Why?\" he asked.");
        assert_one("He teaches science (He worked as an engineer.) at the University.");
        assert_eq!(
            split("It was ‘over.’ Nobody cared."),
            vec!["It was ‘over.’", "Nobody cared."]
        );
    }

    // ----- web, e-mail, missing spaces --------------------------------------------------

    #[test]
    fn keeps_addresses_whole() {
        assert_eq!(
            split("Her email is Jane.Doe@example.com. I sent her an email."),
            vec!["Her email is Jane.Doe@example.com.", "I sent her an email."]
        );
        assert_one("See https://www.bbc.co.uk/news?id=5!x for more.");
        assert_one("One.Tel and Halo.Bungie.Org were named.");
    }

    #[test]
    fn splits_sentences_missing_a_space() {
        assert_eq!(
            split("Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot."),
            vec![
                "Hello world.",
                "Today is Tuesday.",
                "Mr. Smith bought 1,000.",
                "That is a lot."
            ]
        );
    }

    // ----- lists ---------------------------------------------------------------------

    #[test]
    fn splits_numbered_and_bulleted_lists() {
        assert_eq!(
            split("1. The first item 2. The second item"),
            vec!["1. The first item", "2. The second item"]
        );
        assert_eq!(
            split("1) The first item 2) The second item"),
            vec!["1) The first item", "2) The second item"]
        );
        assert_eq!(
            split("• 9. The first item • 10. The second item"),
            vec!["• 9. The first item", "• 10. The second item"]
        );
        assert_eq!(
            split("a. The first item b. The second item"),
            vec!["a. The first item", "b. The second item"]
        );
    }

    // ----- lines and paragraphs -------------------------------------------------------------

    #[test]
    fn title_line_is_its_own_sentence() {
        let text = "Ad sales boost Time Warner profit\n\nQuarterly profits jumped 76%.\n";
        assert_eq!(
            split(text),
            vec![
                "Ad sales boost Time Warner profit",
                "Quarterly profits jumped 76%."
            ]
        );
        assert_eq!(
            split("Title Line\nThe text begins here."),
            vec!["Title Line", "The text begins here."]
        );
    }

    #[test]
    fn paragraph_break_always_ends_a_sentence() {
        assert_eq!(split("Mr.\n\nSmith left"), vec!["Mr.", "Smith left"]);
        assert_eq!(
            split("first paragraph\n\nsecond paragraph\u{2029}third"),
            vec!["first paragraph", "second paragraph", "third"]
        );
    }

    #[test]
    fn single_line_break_ends_list_lines_but_not_wrapped_prose() {
        assert_eq!(
            split("features\ncontact manager\nevents, activities\n"),
            vec!["features", "contact manager", "events, activities"]
        );
        assert_eq!(
            split(" - A freeze on petrol duty \n - An extension of tax credits "),
            vec!["- A freeze on petrol duty", "- An extension of tax credits"]
        );
        assert_one("It was a cold \nnight in the city.");
        assert_one(
            "The chancellor said the figures published on Tuesday were\nbetter than expected.",
        );
        assert_one("He met Mr.\nSmith at noon.");
    }

    // ----- invariants -------------------------------------------------------------------

    /// In order, not overlapping, non-empty, trimmed, on char boundaries, and covering
    /// every non-whitespace character.
    fn assert_invariants(text: &str) {
        let mut covered = 0;
        for s in sentences(text) {
            let span = s.span;
            assert!(
                span.start >= covered && span.start < span.end,
                "{text:?}: {span}"
            );
            let gap = text
                .get(covered..span.start)
                .expect("gap on char boundaries");
            assert!(gap.chars().all(is_space), "{text:?}: {gap:?} left out");
            let body = text.get(span.range()).expect("span on char boundaries");
            assert_eq!(
                body,
                body.trim_matches(is_space),
                "{text:?}: {span} untrimmed"
            );
            covered = span.end;
        }
        let tail = text.get(covered..).expect("tail on a char boundary");
        assert!(
            tail.chars().all(is_space),
            "{text:?}: tail {tail:?} left out"
        );
    }

    const PIECES: &[&str] = &[
        "Mr",
        ".",
        " ",
        "\n",
        "\r\n",
        "\n\n",
        "!",
        "?",
        "…",
        "。",
        "5",
        "3,903",
        "£",
        "$",
        "U.S",
        "a",
        "The",
        "he",
        "\"",
        "'",
        ")",
        "(",
        "[",
        "]",
        "”",
        "“",
        "•",
        "⁃",
        "1)",
        "2.",
        "b.",
        "\u{feff}",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{a0}",
        "é",
        "e.g",
        "No",
        "world.Today",
        ". . .",
        "....",
        "x@y.com",
        "I",
        "\t",
        "ß",
        "🙂",
    ];

    /// A small deterministic generator, so the test needs no dependency.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// Every candidate from `pos` on, as the scan visits them, against the
    /// byte-by-byte definition.
    #[test]
    fn candidates_are_the_candidate_bytes() {
        let text = "A. b! c? d\n\re £5 … x。y\u{2029}z ".repeat(7);
        let b = text.as_bytes();
        let is_candidate = |c: u8| matches!(c, b'.' | b'!' | b'?' | b'\n' | b'\r') || c >= 0xC0;
        for step in [1, 2, 3, 5, 63, 64, 65, 130] {
            for start in 0..70 {
                let mut c = Candidates::new(b);
                let mut pos = start;
                while pos <= b.len() {
                    let want = (pos..b.len()).find(|&i| is_candidate(b[i]));
                    assert_eq!(
                        c.next_from(pos),
                        want,
                        "step {step} start {start} pos {pos}"
                    );
                    pos += step;
                }
            }
        }
        assert_eq!(Candidates::new(b"").next_from(0), None);
        assert_eq!(Candidates::new(b"abc").next_from(0), None);
    }

    /// A text of up to 23 random [`PIECES`].
    fn generated(state: &mut u64) -> String {
        let len = next(state) % 24;
        let mut text = String::new();
        for _ in 0..len {
            let i = (next(state) % PIECES.len() as u64) as usize;
            text.push_str(PIECES[i]);
        }
        text
    }

    /// The one- and two-load reading of the token before a full stop agrees
    /// with the byte-wise [`Segmenter::token_before`] and [`lexicon::lists`],
    /// at every full stop of generated texts and of tokens of every length
    /// around the two loads' sizes, from every piece start before it.
    #[test]
    fn token_and_lists_agree_with_token_before() {
        let mut state = 0x6a09_e667_f3bc_c908_u64;
        let mut texts: Vec<String> = (0..3_000).map(|_| generated(&mut state)).collect();
        for len in 0..20 {
            for lead in ["", " ", "\n", "(", "\"", "é", "x "] {
                texts.push(format!(
                    "{lead}{}. {lead}{}Inc. Corp. U.S. e.g.",
                    "A".repeat(len),
                    "b".repeat(len)
                ));
            }
        }
        for text in &texts {
            let mut s = Segmenter::<&str>::new(text, &[]);
            for (p, _) in text.match_indices('.') {
                for start in [0, p / 2, p.saturating_sub(9), p.saturating_sub(17), p] {
                    if !text.is_char_boundary(start) {
                        continue;
                    }
                    s.start = start;
                    let (tstart, token) = s.token_before(p);
                    assert_eq!(
                        s.token_and_lists(p),
                        (tstart, token, lexicon::lists(token)),
                        "{text:?} at {p} from {start}"
                    );
                }
            }
        }
    }

    /// The sentences without the common-case shortcut of `terminator`.
    fn general(text: &str) -> Vec<Sentence> {
        let mut s = Segmenter::<&str>::new(text, &[]);
        s.shortcut = false;
        s.run()
    }

    #[test]
    fn shortcut_changes_nothing() {
        let mut state = 0x5851_f42d_4c95_7f2d_u64;
        for _ in 0..20_000 {
            let text = generated(&mut state);
            assert_eq!(sentences(&text), general(&text), "{text:?}");
        }
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for entry in std::fs::read_dir(shared).into_iter().flatten().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                assert_eq!(sentences(&text), general(&text), "{:?}", entry.path());
            }
        }
    }

    #[test]
    fn invariants_hold_on_generated_texts() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            let text = generated(&mut state);
            assert_invariants(&text);
        }
    }

    #[test]
    fn invariants_hold_on_random_unicode() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..5_000 {
            let len = next(&mut state) % 40;
            let mut text = String::new();
            for _ in 0..len {
                let r = next(&mut state);
                // Half ASCII (where the rules live), half anywhere in Unicode.
                let ascii = b" .!?\n\r\t\"')(aZ9";
                let c = if r & 1 == 0 {
                    char::from(ascii[(r >> 8) as usize % ascii.len()])
                } else {
                    char::from_u32((r >> 8) as u32 % 0x11_0000).unwrap_or('\u{2029}')
                };
                text.push(c);
            }
            assert_invariants(&text);
        }
    }

    #[test]
    fn invariants_hold_on_every_prefix_and_suffix() {
        let text = "\u{feff}Ad sales boost profit\r\n\r\nMr. Smith paid £1.50 (5.3%).\" \
                    He left… 1) one 2) two • x ⁃ y\u{2028}z。終わり！ Done?! \"Yes.\"\n";
        for (i, _) in text.char_indices() {
            assert_invariants(&text[i..]);
            assert_invariants(&text[..i]);
        }
    }

    #[test]
    fn pathological_inputs_stay_linear_and_valid() {
        // Each would take minutes if any rule rescanned its neighbourhood per byte.
        for unit in [
            ".", ". ", "a.", "1)", " .", "\n", " \n", "!", "…", "x ", "1. ", "a. b",
        ] {
            let text = unit.repeat(200_000);
            assert_invariants(&text);
        }
        // A paren list whose next `)` is far away, again and again.
        let list = format!("{})", "1) an item. 2) another. ".repeat(20_000));
        assert_invariants(&list);
    }
}
