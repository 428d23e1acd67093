//! The JSON report, version 1: the public contract documented in
//! `docs/json-report.md`. Changes are additive only; field order is fixed by the
//! writer functions below, so output is deterministic.
//!
//! Non-finite numbers (the open end of `more than 30%`) are written as `null`.
//!
//! The report is written by hand rather than through `serde`: serialising serde
//! structs with `serde_json::to_writer_pretty` into a `&mut dyn Write` made one
//! virtual call per token and ran at about 150 MB/s of input, most of the
//! pipeline's time budget. `Emitter` renders into a byte buffer and hands it to
//! the writer in chunks of about `CHUNK` bytes, so writes are large and memory
//! stays bounded however large the report. The bytes are exactly `serde_json`'s
//! (its `PrettyFormatter` for the report, its compact formatter for JSON Lines):
//! strings are escaped with `serde_json`'s table, floats are formatted with the
//! `zmij` crate as `serde_json` itself does (or, for the whole numbers and short
//! decimals that fill a report, by a shortcut that writes the same digits),
//! integers in plain decimal as `itoa` does for it; the tests keep the former
//! serde structs as the oracle and compare bytes.
//!
//! The sentence and claim objects (tens of thousands per megabyte of news) are
//! written from `Layout`'s constant pieces: everything between two values of
//! such an object (separator, line break, indentation, next key) is fixed for a
//! given format, so it is built once, at compile time, and written with one
//! fixed-size copy.

use std::io::{self, Write};

use super::{FileReport, Report, Summary};
use crate::check::{Check, Severity, Verdict};
use crate::extract::{Claim, ClaimKind, Hedge};
use crate::source::{LineCursor, Span};

/// The report format version; bumped only for a breaking change, which we avoid.
pub const VERSION: u32 = 1;

/// Pending bytes past which [`Emitter::spill`] writes them out: large enough that
/// the writer sees few, big writes; small enough that a multi-gigabyte report of a
/// huge input never sits in memory.
const CHUNK: usize = 64 * 1024;

/// The buffer an [`Emitter`] starts with. It grows (doubling) to about [`CHUNK`]
/// plus the largest element when the output is that large; JSON Lines makes an
/// emitter per file, and most files' records are a few kilobytes.
const START: usize = 8 * 1024;

/// A newline and the deepest indentation the report uses (two spaces per level,
/// as `serde_json`'s `PrettyFormatter`); pretty output takes a prefix of it.
const NEWLINE_INDENT: &[u8] = b"\n                ";

/// `serde_json`'s escape table (`ser.rs`, `ESCAPE`): 0 for bytes written as they
/// are, else the letter after the backslash, `u` for `\u00XX`. Only ASCII control
/// characters, `"` and `\` are escaped: DEL, non-ASCII and U+2028/U+2029 stay raw
/// UTF-8, as `serde_json` writes them.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// `'0'` in each byte: turns eight digit values into eight ASCII digits.
const ZEROS: u64 = 0x3030_3030_3030_3030;

/// The eight decimal digits of `n < 10^8` (leading zeros included), one digit
/// value (0..=9) per byte, most significant digit in the lowest byte so that
/// `to_le_bytes` lists them in writing order.
///
/// Branch-free and without a division loop: `n` splits into two halves of four
/// digits (one 32-bit lane each), each lane into two pairs (16-bit lanes), each
/// pair into two digits (bytes); a lane is divided by 100 or 10 with a multiply
/// and shift that is exact for the lane's range (`x * 5243 >> 19` is `x / 100`
/// for `x < 10^4`; `x * 103 >> 10` is `x / 10` for `x < 100`), and no lane's
/// product reaches into the next lane.
#[inline]
fn digits8(n: u32) -> u64 {
    let x = u64::from(n / 10_000) | (u64::from(n % 10_000) << 32);
    let hundreds = ((x * 5243) >> 19) & 0x0000_007f_0000_007f;
    let pairs = hundreds | ((x - 100 * hundreds) << 16);
    let tens = ((pairs * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | ((pairs - 10 * tens) << 8)
}

/// Room for the longest [`Piece`]: the line breaks, indentation and key between
/// two values of a claim (`\n        },\n        {\n          "id": ` is 38 bytes).
const PIECE: usize = 48;

/// Constant bytes, padded to a fixed size so that writing them is one
/// fixed-size copy (a few vector stores) rather than a `memcpy` call; only the
/// first `len` bytes count. Built at compile time: a piece that outgrows
/// [`PIECE`] fails the build.
struct Piece<const N: usize = PIECE> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Piece<N> {
    const EMPTY: Self = Self {
        bytes: [0; N],
        len: 0,
    };

    const fn text(mut self, s: &[u8]) -> Self {
        let mut i = 0;
        while i < s.len() {
            self.bytes[self.len] = s[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// In pretty output, a line break and the indentation of `depth`.
    const fn line(self, pretty: bool, depth: usize) -> Self {
        if !pretty {
            return self;
        }
        let mut p = self.text(b"\n");
        let mut i = 0;
        while i < depth {
            p = p.text(b"  ");
            i += 1;
        }
        p
    }

    /// The start of member `key` of an object whose members are at `depth`
    /// (the separator, unless it is the first, and the quoted key and colon).
    const fn key(self, pretty: bool, depth: usize, first: bool, key: &str) -> Self {
        let p = if first { self } else { self.text(b",") };
        p.line(pretty, depth)
            .text(b"\"")
            .text(key.as_bytes())
            .text(if pretty { b"\": " } else { b"\":" })
    }

    /// The bytes that count, for tests.
    #[cfg(test)]
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    /// `"s"` after the bytes so far: an enum's name, which needs no escaping.
    const fn quoted(self, s: &str) -> Self {
        self.text(b"\"").text(s.as_bytes()).text(b"\"")
    }
}

/// Room for the longest run of constant bytes in a claim: a member's value
/// known from an enum or a flag, with the keys around it
/// (`,\n          "hedge": "approximately",\n          "currency": ` is 60).
const WIDE: usize = 64;

/// A [`Piece`] that holds a constant value between two keys.
type Wide = Piece<WIDE>;

/// The constant pieces of the `sentences` and `claims` arrays of a file object
/// whose members are at depth [`FILE_DEPTH`] (elements at the next depth, their
/// members at the one after): each array element starts with its array's
/// `first` or `next` piece (the latter closes the element before it too), and
/// the array ends with `last` (or is `[]`).
struct Layout {
    sentence_first: Piece,
    sentence_next: Piece,
    sentence_end: Piece,
    sentence_last: Piece,
    claim_first: Piece,
    claim_next: Piece,
    claim_last: Piece,
    /// By `kind as usize`: `"kind": "<kind>"` and the `text` key.
    kinds: [Wide; KINDS.len()],
    value: Piece,
    start: Piece,
    end: Piece,
    line: Piece,
    column: Piece,
    sentence: Piece,
    /// By `hedge as usize`, `null` last: `"hedge": <hedge>` and the
    /// `currency` key.
    hedges: [Wide; HEDGES.len() + 1],
    /// After a currency: the `noun` key; when there is none, `null` first.
    noun: Piece,
    null_noun: Piece,
    /// By noun is null, then checked: the noun's `null` (when it is),
    /// `"checked": <checked>` and the `precision` key.
    checked: [[Wide; 2]; 2],
}

/// The depth of a file object's members in the pretty report (`{` ⟶ `files` ⟶
/// a file ⟶ its members). JSON Lines has no indentation, so depth is moot there.
const FILE_DEPTH: usize = 3;

impl Layout {
    const ARRAY: usize = FILE_DEPTH;
    const ELEMENT: usize = FILE_DEPTH + 1;
    const MEMBER: usize = FILE_DEPTH + 2;

    /// A member of an element, after the first.
    const fn key(pretty: bool, name: &str) -> Piece {
        Piece::EMPTY.key(pretty, Self::MEMBER, false, name)
    }

    /// The first element: opens the array and the object, starts member `name`.
    const fn first(pretty: bool, name: &str) -> Piece {
        Piece::EMPTY
            .text(b"[")
            .line(pretty, Self::ELEMENT)
            .text(b"{")
            .key(pretty, Self::MEMBER, true, name)
    }

    /// Any later element: closes the object before it, opens its own.
    const fn next(pretty: bool, name: &str) -> Piece {
        Piece::EMPTY
            .line(pretty, Self::ELEMENT)
            .text(b"},")
            .line(pretty, Self::ELEMENT)
            .text(b"{")
            .key(pretty, Self::MEMBER, true, name)
    }

    /// After the last element: closes it and the array.
    const fn last(pretty: bool) -> Piece {
        Piece::EMPTY
            .line(pretty, Self::ELEMENT)
            .text(b"}")
            .line(pretty, Self::ARRAY)
            .text(b"]")
    }

    const fn new(pretty: bool) -> Self {
        Self {
            sentence_first: Self::first(pretty, "start"),
            sentence_next: Self::next(pretty, "start"),
            sentence_end: Self::key(pretty, "end"),
            sentence_last: Self::last(pretty),
            claim_first: Self::first(pretty, "id"),
            claim_next: Self::next(pretty, "id"),
            claim_last: Self::last(pretty),
            kinds: Self::kinds(pretty),
            value: Self::key(pretty, "value"),
            start: Self::key(pretty, "start"),
            end: Self::key(pretty, "end"),
            line: Self::key(pretty, "line"),
            column: Self::key(pretty, "column"),
            sentence: Self::key(pretty, "sentence"),
            hedges: Self::hedges(pretty),
            noun: Self::key(pretty, "noun"),
            null_noun: Piece::EMPTY
                .text(b"null")
                .key(pretty, Self::MEMBER, false, "noun"),
            checked: [
                [
                    Self::checked(pretty, false, false),
                    Self::checked(pretty, false, true),
                ],
                [
                    Self::checked(pretty, true, false),
                    Self::checked(pretty, true, true),
                ],
            ],
        }
    }

    /// `"kind": "<kind>"` and the `text` key, for each kind.
    const fn kinds(pretty: bool) -> [Wide; KINDS.len()] {
        let mut t = [Wide::EMPTY; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            let kind = KINDS[i];
            assert!(kind as usize == i, "KINDS is in declaration order");
            t[i] = Wide::EMPTY
                .key(pretty, Self::MEMBER, false, "kind")
                .quoted(kind.as_str())
                .key(pretty, Self::MEMBER, false, "text");
            i += 1;
        }
        t
    }

    /// `"hedge": <hedge>` and the `currency` key, for each hedge and then
    /// for none.
    const fn hedges(pretty: bool) -> [Wide; HEDGES.len() + 1] {
        let mut t = [Wide::EMPTY; HEDGES.len() + 1];
        let mut i = 0;
        while i <= HEDGES.len() {
            let key = Wide::EMPTY.key(pretty, Self::MEMBER, false, "hedge");
            let value = if i < HEDGES.len() {
                let (hedge, name) = HEDGES[i];
                assert!(hedge as usize == i, "HEDGES is in declaration order");
                key.quoted(name)
            } else {
                key.text(b"null")
            };
            t[i] = value.key(pretty, Self::MEMBER, false, "currency");
            i += 1;
        }
        t
    }

    /// The noun's `null` when `null_noun`, `"checked": <checked>` and the
    /// `precision` key.
    const fn checked(pretty: bool, null_noun: bool, checked: bool) -> Wide {
        let p = if null_noun {
            Wide::EMPTY.text(b"null")
        } else {
            Wide::EMPTY
        };
        p.key(pretty, Self::MEMBER, false, "checked")
            .text(if checked { b"true" } else { b"false" })
            .key(pretty, Self::MEMBER, false, "precision")
    }
}

static PRETTY_LAYOUT: Layout = Layout::new(true);
static COMPACT_LAYOUT: Layout = Layout::new(false);

/// Writes JSON tokens into a buffer, pretty-printed like `serde_json`'s
/// `PrettyFormatter` when `PRETTY`, else compact like its default formatter.
///
/// The caller says where it is (`depth`: the indentation level of the value it
/// is about to write, and whether it is the first in its container), so no state
/// is tracked per token. Keys are the report's own field names, plain ASCII, and
/// are written without escaping.
///
/// The pending output is `buf[..len]`; the buffer beyond it is scratch room, so
/// short values are written with fixed-size stores (eight digits of an integer,
/// a whole [`Piece`]) and `len` then moves by the bytes that count. Every write
/// makes its own room first, so no write depends on an estimate.
pub(crate) struct Emitter<'o, const PRETTY: bool> {
    buf: Vec<u8>,
    len: usize,
    out: &'o mut dyn Write,
    /// The text of recently written floats, by their bits: see [`Emitter::float`].
    memo: [Memo; MEMO],
}

/// Slots in [`Emitter`]'s float memo (a power of two).
const MEMO: usize = 64;

/// The longest float text: zmij's `-1.2345678901234567e-308` (a sign, 17
/// digits, the point and a five-byte exponent) is 24 bytes.
const FLOAT_MAX: usize = 24;

/// A float's bits and its text as [`Emitter::float`] wrote it.
#[derive(Clone, Copy)]
struct Memo {
    bits: u64,
    text: [u8; FLOAT_MAX],
    len: u8,
}

impl Memo {
    /// The memo's starting slot: a NaN, written `null` whichever slot holds it,
    /// so an empty slot can never answer for another value.
    const NAN: Self = Self {
        bits: f64::NAN.to_bits(),
        text: *b"null\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        len: 4,
    };

    /// The slot of `bits`: the top bits of a multiplicative hash, which mix
    /// in the high bits (a whole number's low mantissa bits are all zero).
    #[inline]
    fn slot(bits: u64) -> usize {
        (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - MEMO.trailing_zeros())) as usize
    }
}

impl<'o, const PRETTY: bool> Emitter<'o, PRETTY> {
    pub(crate) fn new(out: &'o mut dyn Write) -> Self {
        Self {
            buf: vec![0; START],
            len: 0,
            out,
            memo: [Memo::NAN; MEMO],
        }
    }

    fn layout() -> &'static Layout {
        if PRETTY {
            &PRETTY_LAYOUT
        } else {
            &COMPACT_LAYOUT
        }
    }

    /// Writes the pending bytes once they pass [`CHUNK`]. Called between
    /// elements, so memory is bounded by one chunk plus the largest element.
    ///
    /// # Errors
    /// Any error writing to the output, its kind unchanged (a broken pipe stays
    /// a broken pipe, so the CLI can exit quietly on it).
    pub(crate) fn spill(&mut self) -> io::Result<()> {
        if self.len >= CHUNK {
            self.out.write_all(&self.buf[..self.len])?;
            self.len = 0;
        }
        Ok(())
    }

    /// Writes everything still pending.
    ///
    /// # Errors
    /// Any error writing to the output.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        self.out.write_all(&self.buf[..self.len])?;
        self.len = 0;
        Ok(())
    }

    /// Makes sure `n` bytes of room follow the pending output.
    #[inline]
    fn room(&mut self, n: usize) {
        if self.buf.len() - self.len < n {
            self.grow(n);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self, n: usize) {
        let size = (2 * self.buf.len()).max(self.len + n);
        self.buf.resize(size, 0);
    }

    /// Writes the first `len` bytes of `bytes` with one copy of all `N`. The
    /// test for room is the one that finds where to copy (no second bounds
    /// check); the buffer grows only when it fails.
    #[inline]
    fn put<const N: usize>(&mut self, bytes: &[u8; N], len: usize) {
        match self
            .buf
            .get_mut(self.len..)
            .and_then(<[u8]>::first_chunk_mut::<N>)
        {
            Some(dst) => *dst = *bytes,
            None => self.put_grown(bytes),
        }
        self.len += len;
    }

    /// [`Emitter::put`]'s copy once the buffer has had to grow.
    #[cold]
    #[inline(never)]
    fn put_grown<const N: usize>(&mut self, bytes: &[u8; N]) {
        self.grow(N);
        self.buf[self.len..self.len + N].copy_from_slice(bytes);
    }

    #[inline]
    fn piece<const N: usize>(&mut self, p: &Piece<N>) {
        self.put(&p.bytes, p.len);
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.put(&[b], 1);
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.room(bytes.len());
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// The separator and line break before the value or key of an element at
    /// `depth`.
    #[inline]
    fn sep(&mut self, depth: usize, first: bool) {
        if PRETTY {
            if !first {
                self.byte(b',');
            }
            self.raw(&NEWLINE_INDENT[..=2 * depth]);
        } else if !first {
            self.byte(b',');
        }
    }

    /// Starts the member `key` of an object whose members are at `depth`.
    #[inline]
    pub(crate) fn key(&mut self, depth: usize, first: bool, key: &str) {
        self.sep(depth, first);
        self.byte(b'"');
        self.raw(key.as_bytes());
        self.raw(if PRETTY { b"\": " } else { b"\":" });
    }

    /// Starts an element of an array whose elements are at `depth`.
    #[inline]
    fn element(&mut self, depth: usize, first: bool) {
        self.sep(depth, first);
    }

    /// Closes an object (`b'}'`) or array (`b']'`) that opened at `depth`; a
    /// container with members closes on its own line, an empty one right after
    /// its opening bracket (`[]`).
    #[inline]
    pub(crate) fn close(&mut self, depth: usize, empty: bool, bracket: u8) {
        if PRETTY && !empty {
            self.raw(&NEWLINE_INDENT[..=2 * depth]);
        }
        self.byte(bracket);
    }

    /// An integer in decimal, as `serde_json` (through `itoa`) writes it.
    #[inline]
    pub(crate) fn int(&mut self, v: usize) {
        self.uint(v as u64);
    }

    /// Offsets, ids, line numbers and most whole values are below 10^8: their
    /// eight digits are made at once ([`digits8`]), the leading zeros counted
    /// from the zero bytes at the front, and the digits written with one 8-byte
    /// store, the length advanced past the significant ones only.
    #[inline]
    fn uint(&mut self, v: u64) {
        if v < 100_000_000 {
            self.short_uint(v as u32);
        } else {
            self.long_uint(v);
        }
    }

    /// `n < 10^8` without leading zeros (`0` as one digit).
    #[inline]
    fn short_uint(&mut self, n: u32) {
        let digits = digits8(n);
        // Bytes are digit values, so the leading zeros are the low zero bytes;
        // the last digit always counts (`0` is written as `0`).
        let zeros = (digits | 1 << 56).trailing_zeros() / 8;
        let ascii = (digits + ZEROS) >> (8 * zeros);
        self.put(&ascii.to_le_bytes(), 8 - zeros as usize);
    }

    /// All eight digits of `n < 10^8`, leading zeros included.
    #[inline]
    fn eight_digits(&mut self, n: u32) {
        self.put(&(digits8(n) + ZEROS).to_le_bytes(), 8);
    }

    #[cold]
    fn long_uint(&mut self, v: u64) {
        const E8: u64 = 100_000_000;
        let high = v / E8;
        if high < E8 {
            self.short_uint(high as u32);
        } else {
            // Below 2^64 / 10^16 < 1845.
            self.short_uint((high / E8) as u32);
            self.eight_digits((high % E8) as u32);
        }
        self.eight_digits((v % E8) as u32);
    }

    /// A float as `serde_json` writes it: `null` when not finite, else the
    /// shortest representation that reads back exactly, in zmij's notation
    /// (`76.0`, `0.5`, `1e-7`, `1e+300`).
    ///
    /// Most values in a report are whole numbers (counts, years, `34.0`), and zmij
    /// writes a whole number below 10^16 in fixed notation as its digits and `.0`
    /// (every integer below 2^53 is exact, so its shortest round-trip form is
    /// itself): those below 10^15 take the integer path, which is several times
    /// faster. `-0.0` does not. Most of the rest have a few decimals (a claim's
    /// precision is `0.5` or `0.05`, tolerances keep four decimals): see
    /// [`short_decimal`].
    ///
    /// A report repeats few values (precisions of `0.5` in four claims of
    /// five, small counts, years), so the text of each float written is kept
    /// in a small direct-mapped memo by its bits, and a value met again is one
    /// fixed-size copy of it. The memo holds exactly what [`Emitter::format`]
    /// wrote for those bits, so it cannot change a byte of the output.
    #[inline]
    fn float(&mut self, v: f64) {
        let bits = v.to_bits();
        let slot = Memo::slot(bits);
        if self.memo[slot].bits == bits {
            let Memo { text, len, .. } = self.memo[slot];
            self.put(&text, usize::from(len));
        } else {
            self.float_missed(v, slot);
        }
    }

    /// [`Emitter::float`] for a value not in the memo: formats it and keeps
    /// its text in `slot`. Out of line, so that the memo's hit is inlined.
    #[inline(never)]
    fn float_missed(&mut self, v: f64, slot: usize) {
        let bits = v.to_bits();
        // Room for the longest text, so the memo can copy a fixed size.
        self.room(FLOAT_MAX);
        let start = self.len;
        self.format(v);
        let written = self.buf.get(start..).and_then(<[u8]>::first_chunk);
        if let (Some(&text), Ok(len)) = (written, u8::try_from(self.len - start)) {
            self.memo[slot] = Memo { bits, text, len };
        }
    }

    /// [`Emitter::float`] without the memo.
    fn format(&mut self, v: f64) {
        let whole = v as i64;
        if whole as f64 == v
            && whole.unsigned_abs() < 1_000_000_000_000_000
            && (whole != 0 || v.is_sign_positive())
        {
            if whole < 0 {
                self.byte(b'-');
            }
            self.uint(whole.unsigned_abs());
            self.put(b".0", 2);
        } else if let Some((digits, decimals)) = short_decimal(v) {
            if v < 0.0 {
                self.byte(b'-');
            }
            let scale = POW10[decimals as usize] as u64;
            self.uint(digits / scale);
            // The point, then the decimals: the last `decimals` of eight digits.
            let fraction = (digits8((digits % scale) as u32) + ZEROS) >> (8 * (8 - decimals));
            self.put(
                &(fraction << 8 | u64::from(b'.')).to_le_bytes(),
                1 + decimals as usize,
            );
        } else if v.is_finite() {
            self.raw(zmij::Buffer::new().format_finite(v).as_bytes());
        } else {
            self.raw(b"null");
        }
    }

    /// A name known to need no escaping (an enum's kebab-case name), quoted.
    #[inline]
    fn name(&mut self, s: &str) {
        self.byte(b'"');
        self.raw(s.as_bytes());
        self.byte(b'"');
    }

    /// A string, quoted and escaped exactly as `serde_json` does: the part
    /// that needs no escape (usually all of it) is found 16 bytes at a time
    /// and copied whole.
    pub(crate) fn string(&mut self, s: &str) {
        let bytes = s.as_bytes();
        self.byte(b'"');
        let clean = escape_free(bytes);
        self.raw(bytes.get(..clean).unwrap_or(bytes));
        if let Some(rest) = bytes.get(clean..).filter(|r| !r.is_empty()) {
            self.escaped(rest);
        }
        self.byte(b'"');
    }

    /// The text of `span` in `text` as a string, as `string(span.slice(text))`
    /// writes it. A claim's text is short and lies inside the article, so the
    /// 16 bytes from its start are read at once, tested for escapes in one
    /// step (bytes past the claim masked off) and written with the quotes in
    /// one fixed-size copy.
    fn span_text(&mut self, text: &str, span: Span) {
        let s = span.slice(text);
        let window = text
            .as_bytes()
            .get(span.start..)
            .and_then(<[u8]>::first_chunk::<16>);
        if let Some(window) = window.filter(|_| !s.is_empty() && s.len() <= 16) {
            let n = s.len();
            let w = u128::from_le_bytes(*window);
            // Bytes past the claim read as `A`, which needs no escape.
            let keep = u128::MAX >> (8 * (16 - n));
            if !needs_escape(w & keep | FILL & !keep) {
                let mut quoted = [b'"'; 18];
                quoted[1..17].copy_from_slice(window);
                quoted[1 + n] = b'"';
                self.put(&quoted, n + 2);
                return;
            }
        }
        self.string(s);
    }

    /// Writes `bytes`, escaping those that need it: runs of bytes that need no
    /// escape are copied whole.
    fn escaped(&mut self, bytes: &[u8]) {
        let mut run = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = ESCAPE[usize::from(b)];
            if escape == 0 {
                continue;
            }
            self.raw(&bytes[run..i]);
            run = i + 1;
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.put(
                    &[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 0xf)],
                    ],
                    6,
                );
            } else {
                self.put(&[b'\\', escape], 2);
            }
        }
        self.raw(&bytes[run..]);
    }

    /// A `[lo, hi]` pair whose elements are at `depth`.
    fn pair(&mut self, depth: usize, [lo, hi]: [f64; 2]) {
        self.byte(b'[');
        self.element(depth, true);
        self.float(lo);
        self.element(depth, false);
        self.float(hi);
        self.close(depth - 1, false, b']');
    }
}

/// `A` in each byte of a `u128`: a byte that needs no escape.
const FILL: u128 = u128::from_le_bytes([b'A'; 16]);

/// Whether any of the sixteen bytes of `w` needs an escape in a JSON string
/// ([`ESCAPE`]): a control character (below 0x20), `"` or `\`. Each part is
/// the "has a byte less than n" bit trick, `(x - n·0x01…) & !x & 0x80…`,
/// which is non-zero exactly when some byte of `x` is below `n` (a wrong flag
/// can only appear above a true one, so the answer is exact; a non-ASCII byte
/// is never flagged, its high bit is cleared by `!x`); a byte equal to `c` is a
/// zero byte of `x ^ c·0x01…`.
#[inline]
fn needs_escape(w: u128) -> bool {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    const HIGH: u128 = ONES * 0x80;
    let below = |x: u128, n: u8| x.wrapping_sub(ONES * u128::from(n)) & !x & HIGH;
    let quote = w ^ (ONES * u128::from(b'"'));
    let backslash = w ^ (ONES * u128::from(b'\\'));
    below(w, 0x20) | below(quote, 1) | below(backslash, 1) != 0
}

/// How many bytes at the start of `bytes` need no escape: 16-byte blocks are
/// tested with [`needs_escape`], the block that needs one and the tail byte by
/// byte with [`ESCAPE`].
fn escape_free(bytes: &[u8]) -> usize {
    let (blocks, _) = bytes.as_chunks::<16>();
    let clean = blocks
        .iter()
        .position(|b| needs_escape(u128::from_le_bytes(*b)))
        .unwrap_or(blocks.len());
    let from = 16 * clean;
    let rest = bytes.get(from..).unwrap_or(&[]);
    from + rest
        .iter()
        .position(|&b| ESCAPE[usize::from(b)] != 0)
        .unwrap_or(rest.len())
}

/// Powers of ten up to the most decimals [`short_decimal`] tries.
const POW10: [f64; 5] = [1.0, 10.0, 100.0, 1000.0, 10_000.0];

/// `v` as `±digits / 10^decimals` when that is exactly how zmij writes it: a
/// value with one to four decimals, below 10^15, not zero. Then `digits` (at
/// most fifteen of them, the last not `0`) with the point before the last
/// `decimals` is the output, after a `-` when `v` is negative.
///
/// Why it is zmij's output: `digits / 10^decimals` read back gives `v` (the
/// test below: a correctly rounded division is exactly what reading the decimal
/// gives), and two different decimals of at most fifteen significant digits
/// never read back to the same double (`f64::DIGITS` is 15), so no shorter
/// decimal reads back to `v` either, and this one, the first `decimals` that
/// works, has no trailing zero. zmij writes values from 10^-5 up to 10^16 in
/// fixed notation, and these are at least 10^-4.
#[inline]
fn short_decimal(v: f64) -> Option<(u64, u32)> {
    let a = v.abs();
    if !(a > 0.0 && a < 1e15) {
        return None;
    }
    for (decimals, &scale) in POW10.iter().enumerate().skip(1) {
        // Rounded to the nearest integer (`a * scale` is positive and far below
        // 2^63, so the cast truncates as intended).
        let digits = (a * scale + 0.5) as u64;
        if digits >= 1_000_000_000_000_000 {
            return None;
        }
        if digits as f64 / scale == a {
            return Some((digits, decimals as u32));
        }
    }
    None
}

fn round2(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e15 {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

/// Tolerances keep four decimals: `5.25` must not print as `5.2499999`.
fn round_tol(v: f64) -> f64 {
    if v.is_finite() && v.abs() < 1e12 {
        (v * 10_000.0).round() / 10_000.0
    } else {
        v
    }
}

/// Every hedge in declaration order (so `h as usize` is its place here) with
/// the name serde's `rename_all = "kebab-case"` gives it; the order is checked
/// when [`Layout`] is built, the names by a test against serde's.
const HEDGES: [(Hedge, &str); 17] = [
    (Hedge::About, "about"),
    (Hedge::Around, "around"),
    (Hedge::Approximately, "approximately"),
    (Hedge::Some, "some"),
    (Hedge::Roughly, "roughly"),
    (Hedge::Nearly, "nearly"),
    (Hedge::Almost, "almost"),
    (Hedge::JustUnder, "just-under"),
    (Hedge::MoreThan, "more-than"),
    (Hedge::Over, "over"),
    (Hedge::Above, "above"),
    (Hedge::AtLeast, "at-least"),
    (Hedge::UpTo, "up-to"),
    (Hedge::LessThan, "less-than"),
    (Hedge::Under, "under"),
    (Hedge::Below, "below"),
    (Hedge::AtMost, "at-most"),
];

/// Every claim kind in declaration order (so `k as usize` is its place here),
/// named by [`ClaimKind::as_str`]; checked as [`HEDGES`] is.
const KINDS: [ClaimKind; 14] = [
    ClaimKind::Count,
    ClaimKind::Percent,
    ClaimKind::Points,
    ClaimKind::Year,
    ClaimKind::Money,
    ClaimKind::Fraction,
    ClaimKind::Multiplier,
    ClaimKind::Date,
    ClaimKind::Time,
    ClaimKind::Ordinal,
    ClaimKind::Age,
    ClaimKind::Score,
    ClaimKind::Duration,
    ClaimKind::Decade,
];

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "consistent",
        Verdict::Inconsistent => "inconsistent",
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

/// The members of one claim object after its `"id": ` (which the array's
/// [`Layout`] piece ends with).
fn claim<const P: bool>(
    e: &mut Emitter<'_, P>,
    layout: &Layout,
    f: &FileReport,
    c: &Claim,
    checked: bool,
    cursor: &mut LineCursor<'_>,
) {
    let (line, column) = cursor.line_col(c.span.start);
    e.int(c.id);
    e.piece(&layout.kinds[c.kind as usize]);
    e.span_text(&f.source.text, c.span);
    e.piece(&layout.value);
    e.float(c.quantity.value);
    e.piece(&layout.start);
    e.int(c.span.start);
    e.piece(&layout.end);
    e.int(c.span.end);
    e.piece(&layout.line);
    e.int(line);
    e.piece(&layout.column);
    e.int(column);
    e.piece(&layout.sentence);
    e.int(c.sentence);
    // The constant members come with the keys around them, one copy each.
    e.piece(&layout.hedges[c.hedge.map_or(HEDGES.len(), |h| h as usize)]);
    match c.currency {
        Some(s) => {
            e.string(s);
            e.piece(&layout.noun);
        }
        None => e.piece(&layout.null_noun),
    }
    if let Some(noun) = &c.noun {
        e.string(noun);
    }
    // `checked`: whether any check used this claim, as subject or evidence.
    e.piece(&layout.checked[usize::from(c.noun.is_none())][usize::from(checked)]);
    // Half the unit of the last written digit, in value units.
    e.float(c.quantity.step / 2.0);
}

/// One check object, its members at `depth`.
fn check<const P: bool>(e: &mut Emitter<'_, P>, depth: usize, c: &Check) {
    e.raw(b"{");
    e.key(depth, true, "rule");
    e.string(c.rule);
    e.key(depth, false, "verdict");
    e.name(verdict_name(c.verdict));
    e.key(depth, false, "severity");
    e.name(severity_name(c.severity));
    e.key(depth, false, "claim");
    e.int(c.claim);
    e.key(depth, false, "evidence");
    e.raw(b"[");
    for (i, &id) in c.evidence.iter().enumerate() {
        e.element(depth + 1, i == 0);
        e.int(id);
    }
    e.close(depth, c.evidence.is_empty(), b']');
    e.key(depth, false, "stated");
    e.float(c.stated);
    e.key(depth, false, "computed");
    e.float(round2(c.computed));
    e.key(depth, false, "tolerance");
    e.pair(depth + 1, c.tolerance.as_array().map(round_tol));
    e.key(depth, false, "computed_range");
    e.pair(depth + 1, c.computed_range.as_array().map(round_tol));
    e.key(depth, false, "message");
    e.string(&c.message);
    e.close(depth - 1, false, b'}');
}

/// The members of the per-file object of `files[]`, at depth [`FILE_DEPTH`]:
/// also the body of each JSON Lines record, after its `version` (then `first` is
/// false).
///
/// # Errors
/// Any error writing to the output.
pub(crate) fn file_members<const P: bool>(
    e: &mut Emitter<'_, P>,
    first: bool,
    f: &FileReport,
) -> io::Result<()> {
    let depth = FILE_DEPTH;
    let layout = Emitter::<P>::layout();
    let a = &f.analysis;
    e.key(depth, first, "path");
    e.string(&f.source.path);

    e.key(depth, false, "sentences");
    if a.sentences.is_empty() {
        e.put(b"[]", 2);
    } else {
        for (i, s) in a.sentences.iter().enumerate() {
            e.piece(if i == 0 {
                &layout.sentence_first
            } else {
                &layout.sentence_next
            });
            e.int(s.span.start);
            e.piece(&layout.sentence_end);
            e.int(s.span.end);
            e.spill()?;
        }
        e.piece(&layout.sentence_last);
    }

    e.key(depth, false, "claims");
    if a.claims.is_empty() {
        e.put(b"[]", 2);
    } else {
        let checked = f.checked_claims();
        let mut cursor = LineCursor::new(&f.source.text, &f.lines);
        for (i, c) in a.claims.iter().enumerate() {
            e.piece(if i == 0 {
                &layout.claim_first
            } else {
                &layout.claim_next
            });
            let used = checked.get(c.id).copied().unwrap_or(false);
            claim(e, layout, f, c, used, &mut cursor);
            e.spill()?;
        }
        e.piece(&layout.claim_last);
    }

    e.key(depth, false, "checks");
    e.byte(b'[');
    for (i, c) in a.checks.iter().enumerate() {
        e.element(depth + 1, i == 0);
        check(e, depth + 2, c);
        e.spill()?;
    }
    e.close(depth, a.checks.is_empty(), b']');
    Ok(())
}

/// The summary object, its members at `depth`, in [`Summary`]'s field order.
fn summary(e: &mut Emitter<'_, true>, depth: usize, s: &Summary) {
    let fields = [
        ("files", s.files),
        ("sentences", s.sentences),
        ("claims", s.claims),
        ("checks", s.checks),
        ("consistent", s.consistent),
        ("inconsistent", s.inconsistent),
        ("warnings", s.warnings),
        ("unchecked", s.unchecked),
        ("suppressed", s.suppressed),
        ("errors", s.errors),
    ];
    e.raw(b"{");
    for (i, (key, n)) in fields.into_iter().enumerate() {
        e.key(depth, i == 0, key);
        e.int(n);
    }
    e.close(depth - 1, false, b'}');
}

/// Writes the pretty-printed JSON report and a final newline.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_head(out)?;
    for (i, f) in report.files.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        render_file(f, out)?;
    }
    render_tail(report.files.len(), &report.errors, &report.summary(), out)
}

/// The report up to the opening `[` of `files`: [`render`] is this, each file by
/// [`render_file`] with a `,` between them, then [`render_tail`]. The CLI streams
/// a run over many files this way, holding only the files in flight.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render_head(out: &mut dyn Write) -> io::Result<()> {
    let mut e = Emitter::<true>::new(out);
    e.raw(b"{");
    e.key(1, true, "version");
    e.int(VERSION as usize);
    e.key(1, false, "files");
    e.raw(b"[");
    e.finish()
}

/// One element of `files`, without the `,` that separates it from the one before.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render_file(f: &FileReport, out: &mut dyn Write) -> io::Result<()> {
    let mut e = Emitter::<true>::new(out);
    e.element(2, true);
    e.raw(b"{");
    file_members(&mut e, true, f)?;
    e.close(2, false, b'}');
    e.finish()
}

/// The report after the last of its `files` (how many there were, for the
/// layout of an empty array): closes `files`, writes `errors` and `summary`.
///
/// # Errors
/// Any error writing to `out`, its kind unchanged.
pub fn render_tail(
    files: usize,
    errors: &[crate::Error],
    totals: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut e = Emitter::<true>::new(out);
    e.close(1, files == 0, b']');

    e.key(1, false, "errors");
    e.raw(b"[");
    for (i, err) in errors.iter().enumerate() {
        e.element(2, i == 0);
        e.raw(b"{");
        e.key(3, true, "path");
        e.string(err.path());
        e.key(3, false, "message");
        e.string(&err.message());
        e.close(2, false, b'}');
        e.spill()?;
    }
    e.close(1, errors.is_empty(), b']');

    e.key(1, false, "summary");
    summary(&mut e, 2, totals);
    e.close(0, false, b'}');
    e.raw(b"\n");
    e.finish()
}

/// Keeps the kind of an I/O error `serde_json` met while writing (a broken pipe must
/// stay a broken pipe, so the CLI can exit quietly on it).
pub(crate) fn to_io(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    }
}

/// The serde structs that wrote the report before [`Emitter`], kept as the test
/// oracle: `serde_json`'s own output of them is the byte-exact expectation.
#[cfg(test)]
pub(crate) mod oracle {
    use serde::Serialize;

    use super::{round_tol, round2};
    use crate::check::Check;
    use crate::extract::{Claim, ClaimKind, Hedge};
    use crate::report::{FileReport, Report, Summary};
    use crate::source::LineCursor;

    #[derive(Serialize)]
    pub struct JsonReport<'a> {
        version: u32,
        files: Vec<JsonFile<'a>>,
        errors: Vec<JsonError>,
        summary: Summary,
    }

    #[derive(Serialize)]
    pub struct JsonFile<'a> {
        path: &'a str,
        sentences: Vec<JsonSpan>,
        claims: Vec<JsonClaim<'a>>,
        checks: Vec<JsonCheck<'a>>,
    }

    #[derive(Serialize)]
    struct JsonSpan {
        start: usize,
        end: usize,
    }

    #[derive(Serialize)]
    struct JsonClaim<'a> {
        id: usize,
        kind: ClaimKind,
        text: &'a str,
        value: f64,
        start: usize,
        end: usize,
        line: usize,
        column: usize,
        sentence: usize,
        hedge: Option<Hedge>,
        currency: Option<&'static str>,
        noun: Option<&'a str>,
        checked: bool,
        precision: f64,
    }

    #[derive(Serialize)]
    struct JsonCheck<'a> {
        rule: &'static str,
        verdict: crate::check::Verdict,
        severity: crate::check::Severity,
        claim: usize,
        evidence: &'a [usize],
        stated: f64,
        computed: f64,
        tolerance: [f64; 2],
        computed_range: [f64; 2],
        message: &'a str,
    }

    #[derive(Serialize)]
    struct JsonError {
        path: String,
        message: String,
    }

    /// The JSON Lines record: `version`, then the file's members.
    #[derive(Serialize)]
    pub struct Line<'a> {
        version: u32,
        #[serde(flatten)]
        file: JsonFile<'a>,
    }

    fn claim<'a>(
        f: &'a FileReport,
        c: &'a Claim,
        checked: bool,
        cursor: &mut LineCursor<'_>,
    ) -> JsonClaim<'a> {
        let (line, column) = cursor.line_col(c.span.start);
        JsonClaim {
            id: c.id,
            kind: c.kind,
            text: c.span.slice(&f.source.text),
            value: c.quantity.value,
            start: c.span.start,
            end: c.span.end,
            line,
            column,
            sentence: c.sentence,
            hedge: c.hedge,
            currency: c.currency,
            noun: c.noun.as_deref(),
            checked,
            precision: c.quantity.step / 2.0,
        }
    }

    fn check(c: &Check) -> JsonCheck<'_> {
        JsonCheck {
            rule: c.rule,
            verdict: c.verdict,
            severity: c.severity,
            claim: c.claim,
            evidence: &c.evidence,
            stated: c.stated,
            computed: round2(c.computed),
            tolerance: c.tolerance.as_array().map(round_tol),
            computed_range: c.computed_range.as_array().map(round_tol),
            message: &c.message,
        }
    }

    pub fn file(f: &FileReport) -> JsonFile<'_> {
        let checked = f.checked_claims();
        let mut cursor = LineCursor::new(&f.source.text, &f.lines);
        JsonFile {
            path: &f.source.path,
            sentences: f
                .analysis
                .sentences
                .iter()
                .map(|s| JsonSpan {
                    start: s.span.start,
                    end: s.span.end,
                })
                .collect(),
            claims: f
                .analysis
                .claims
                .iter()
                .map(|c| {
                    let used = checked.get(c.id).copied().unwrap_or(false);
                    claim(f, c, used, &mut cursor)
                })
                .collect(),
            checks: f.analysis.checks.iter().map(check).collect(),
        }
    }

    /// `serde_json`'s pretty report, final newline included.
    pub fn pretty(report: &Report) -> String {
        let doc = JsonReport {
            version: super::VERSION,
            files: report.files.iter().map(file).collect(),
            errors: report
                .errors
                .iter()
                .map(|e| JsonError {
                    path: e.path().to_owned(),
                    message: e.message(),
                })
                .collect(),
            summary: report.summary(),
        };
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    /// `serde_json`'s compact JSON Lines record, final newline included.
    pub fn line(f: &FileReport) -> String {
        let line = Line {
            version: super::VERSION,
            file: file(f),
        };
        serde_json::to_string(&line).unwrap() + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Interval;
    use crate::extract::ClaimKind;
    use crate::report::testing::{add_claim, report_with_finding, source_report};

    fn rendered(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn line(f: &FileReport) -> String {
        let mut out = Vec::new();
        super::super::jsonl::render_file(f, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Both formats of `report` are byte-identical to `serde_json`'s.
    fn assert_like_serde(report: &Report) {
        assert_eq!(rendered(report), oracle::pretty(report));
        for f in &report.files {
            assert_eq!(line(f), oracle::line(f));
        }
    }

    const FLOATS: &[f64] = &[
        0.0,
        -0.0,
        1e-7,
        1e15,
        1e16,
        1e300,
        -1e300,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.1 + 0.2,
        5e-324,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        76.0,
        1_130_000_000.0,
        -3.5,
        123_456_789.123,
        1e21,
        1e-5,
        0.001,
        -1.5e-10,
        51.851_851,
        999_999_999_999_999.9,
        // Whole numbers on both sides of the integer fast path's bounds.
        1.0,
        -1.0,
        -76.0,
        2004.0,
        999_999_999_999_999.0,
        -999_999_999_999_999.0,
        1e15 + 1.0,
        9_007_199_254_740_993.0,
        9.223_372_036_854_776e18,
        -9.223_372_036_854_776e18,
        1.8e19,
    ];

    /// Text that needs every kind of escape, and some that must stay raw.
    const AWKWARD: &str = "\"quoted\" back\\slash \u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \
                           del\u{7f} ls\u{2028}ps\u{2029} £€ 😀 /slash/ </script>";

    fn awkward_report() -> Report {
        let text = format!("Rose 34 per cent, from 108 to 164. {AWKWARD}\nEnd 7% here.\n");
        let mut f = source_report("dir\\\"odd\u{2028}\u{1}path\".txt", &text);
        let a = add_claim(&mut f, "34 per cent", 0, ClaimKind::Percent);
        let b = add_claim(&mut f, "108", 0, ClaimKind::Count);
        // A claim over the awkward text itself, so `text` needs every escape.
        let start = text.find(AWKWARD).unwrap();
        let id = f.analysis.claims.len();
        let mut weird = f.analysis.claims[b].clone();
        weird.id = id;
        weird.span = crate::Span::new(start, start + AWKWARD.len());
        f.analysis.claims.push(weird);
        add_claim(&mut f, "7%", 0, ClaimKind::Percent);
        let hedges = [
            Hedge::About,
            Hedge::JustUnder,
            Hedge::MoreThan,
            Hedge::AtMost,
        ];
        for (i, c) in f.analysis.claims.iter_mut().enumerate() {
            c.quantity.value = FLOATS[i % FLOATS.len()];
            c.quantity.step = FLOATS[(i + 5) % FLOATS.len()];
            c.hedge = hedges.get(i).copied();
            c.currency = [Some("GBP"), None, Some("a\"b")][i % 3];
            c.noun = [Some(AWKWARD.to_owned()), None, Some("offences".to_owned())]
                .get(i % 3)
                .cloned()
                .flatten();
        }
        f.analysis.checks = FLOATS
            .iter()
            .enumerate()
            .map(|(i, &v)| Check {
                rule: if i % 2 == 0 {
                    "percent-change"
                } else {
                    "odd\"rule\n"
                },
                verdict: if i % 3 == 0 {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                severity: if i % 2 == 0 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                claim: a,
                evidence: (0..i % 3).collect(),
                stated: v,
                computed: FLOATS[(i + 1) % FLOATS.len()],
                tolerance: Interval {
                    lo: v,
                    hi: FLOATS[(i + 2) % FLOATS.len()],
                },
                computed_range: Interval {
                    lo: FLOATS[(i + 3) % FLOATS.len()],
                    hi: v,
                },
                message: format!("{AWKWARD} {i}"),
            })
            .collect();
        Report {
            files: vec![
                f,
                report_with_finding(),
                source_report("empty.txt", ""),
                source_report("no-claims.txt", "Nothing here.\nAt all.\n"),
            ],
            errors: vec![
                crate::Error::Io {
                    path: "missing \"x\".txt".to_owned(),
                    message: format!("no such file {AWKWARD}"),
                },
                crate::Error::Binary {
                    path: "b.bin".to_owned(),
                    offset: 8,
                },
            ],
        }
    }

    #[test]
    fn awkward_strings_and_floats_match_serde_json() {
        let report = awkward_report();
        assert_like_serde(&report);
        let text = rendered(&report);
        // The escapes are really there, and U+2028 is left raw as serde_json does.
        assert!(text.contains(r#"\"quoted\" back\\slash \u0000\u0001\b\t\n\u000b\f\r\u001f"#));
        assert!(text.contains("del\u{7f} ls\u{2028}ps\u{2029}"));
        for s in [
            "1e-7",
            "1e+16",
            "1e+300",
            "-0.0",
            "0.30000000000000004",
            "null",
        ] {
            assert!(text.contains(s), "{s}");
        }
    }

    #[test]
    fn simple_reports_match_serde_json() {
        assert_like_serde(&Report::default());
        assert_like_serde(&Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        });
        assert_like_serde(&Report {
            files: vec![source_report("empty.txt", "")],
            errors: Vec::new(),
        });
        assert_like_serde(&Report {
            files: Vec::new(),
            errors: vec![crate::Error::IsDirectory {
                path: "d".to_owned(),
            }],
        });
    }

    #[test]
    fn real_analysis_matches_serde_json() {
        let text = include_str!("../../corpus/armed-units.txt");
        let source = crate::Source {
            path: "corpus/armed-units.txt".to_owned(),
            text: text.to_owned(),
        };
        assert_like_serde(&Report {
            files: vec![FileReport::new(source)],
            errors: Vec::new(),
        });
    }

    #[test]
    fn enum_names_are_serdes() {
        let json = |v: &dyn erased::Ser| v.json();
        for h in [
            Hedge::About,
            Hedge::Around,
            Hedge::Approximately,
            Hedge::Some,
            Hedge::Roughly,
            Hedge::Nearly,
            Hedge::Almost,
            Hedge::JustUnder,
            Hedge::MoreThan,
            Hedge::Over,
            Hedge::Above,
            Hedge::AtLeast,
            Hedge::UpTo,
            Hedge::LessThan,
            Hedge::Under,
            Hedge::Below,
            Hedge::AtMost,
        ] {
            let (_, name) = HEDGES[h as usize];
            assert_eq!(json(&h), format!("\"{name}\""));
        }
        for v in [Verdict::Consistent, Verdict::Inconsistent] {
            assert_eq!(json(&v), format!("\"{}\"", verdict_name(v)));
        }
        for s in [Severity::Warning, Severity::Error] {
            assert_eq!(json(&s), format!("\"{}\"", severity_name(s)));
        }
        // KINDS's order is checked where its table is built (`Layout::kinds`).
        for k in KINDS {
            assert_eq!(json(&k), format!("\"{}\"", k.as_str()));
        }
    }

    /// What `write` puts into a compact emitter.
    fn emitted(write: impl FnOnce(&mut Emitter<'_, false>)) -> String {
        let mut out = Vec::new();
        let mut e = Emitter::new(&mut out);
        write(&mut e);
        e.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The merged constant pieces hold their keys and values as serde writes them.
    #[test]
    fn claim_pieces_hold_keys_and_values() {
        assert_eq!(
            PRETTY_LAYOUT.hedges[HEDGES.len()].as_str(),
            ",\n          \"hedge\": null,\n          \"currency\": "
        );
        assert_eq!(
            COMPACT_LAYOUT.hedges[Hedge::Approximately as usize].as_str(),
            ",\"hedge\":\"approximately\",\"currency\":"
        );
        assert_eq!(
            COMPACT_LAYOUT.checked[1][0].as_str(),
            "null,\"checked\":false,\"precision\":"
        );
        assert_eq!(
            COMPACT_LAYOUT.kinds[ClaimKind::Decade as usize].as_str(),
            ",\"kind\":\"decade\",\"text\":"
        );
    }

    /// Integers around every power of ten and the shortcut's bounds, as `itoa`
    /// (through `serde_json`) writes them.
    #[test]
    fn integers_match_serde_json() {
        let mut values = vec![0, 1, u64::MAX, u64::MAX - 1, 99_999_999, 100_000_000];
        for p in 0..20 {
            let t = 10u64.pow(p);
            values.extend([t - 1, t, t + 1]);
            // 2 × 10^19 and up are past u64::MAX.
            values.extend(t.checked_mul(2));
            values.extend(t.checked_mul(9).and_then(|n| n.checked_add(t - 1)));
        }
        values.extend((0..200_000).map(|i| i * 7_919));
        for v in values {
            assert_eq!(
                emitted(|e| e.uint(v)),
                serde_json::to_string(&v).unwrap(),
                "{v}"
            );
        }
        for n in (0..100_000_000)
            .step_by(9_973)
            .chain([0, 9, 10, 99_999_999])
        {
            let digits: String = digits8(n)
                .to_le_bytes()
                .iter()
                .map(|&d| char::from(b'0' + d))
                .collect();
            assert_eq!(digits, format!("{n:08}"));
        }
    }

    /// Decimals with few digits after the point take [`short_decimal`]; each
    /// must come out as zmij (through `serde_json`) writes it, and so must the
    /// values just beside them and those the shortcut declines.
    #[test]
    fn short_decimals_match_serde_json() {
        let mut values = vec![
            0.5,
            0.05,
            0.005,
            0.0005,
            0.000_05,
            0.1 + 0.2,
            1e-5,
            1e-4,
            999_999_999_999_999.9,
            99_999_999_999_999.99,
            123_456_789_012.345_6,
            1e15 - 0.5,
            1e15 + 0.5,
            2.0f64.powi(52) + 0.5,
        ];
        for decimals in 1..=6 {
            let scale = 10f64.powi(decimals);
            for k in (0..30_000u64).chain((0..2_000u64).map(|i| i * 1_234_567_891)) {
                values.push(k as f64 / scale);
            }
        }
        let near: Vec<f64> = values
            .iter()
            .flat_map(|&v| {
                [
                    v,
                    -v,
                    f64::from_bits(v.to_bits() + 1),
                    f64::from_bits(v.to_bits().saturating_sub(1)),
                ]
            })
            .collect();
        for v in near {
            assert_eq!(
                emitted(|e| e.float(v)),
                serde_json::to_string(&v).unwrap(),
                "{v:e}"
            );
        }
    }

    /// The escape test agrees with [`ESCAPE`] for every byte in every lane,
    /// beside bytes that need no escape, need one, or are non-ASCII.
    #[test]
    fn escape_test_agrees_with_the_table() {
        for b in 0..=255u8 {
            for fill in [b'A', b'"', 0x1f, 0x80, 0xff, b' ', 0x7f] {
                for lane in 0..16 {
                    let mut bytes = [fill; 16];
                    bytes[lane] = b;
                    let want = bytes.iter().any(|&x| ESCAPE[usize::from(x)] != 0);
                    assert_eq!(
                        needs_escape(u128::from_le_bytes(bytes)),
                        want,
                        "{b:#x} in {lane} of {fill:#x}"
                    );
                }
            }
        }
    }

    /// What a pretty emitter writes for the text of `span` through
    /// `span_text`, and through `string` of the span's slice.
    fn both_texts(text: &str, span: Span) -> (String, String) {
        let mut fast = Vec::new();
        let mut e = Emitter::<true>::new(&mut fast);
        e.span_text(text, span);
        e.finish().unwrap();
        let mut slow = Vec::new();
        let mut e = Emitter::<true>::new(&mut slow);
        e.escaped(span.slice(text).as_bytes());
        e.finish().unwrap();
        let slow = format!("\"{}\"", String::from_utf8(slow).unwrap());
        (String::from_utf8(fast).unwrap(), slow)
    }

    /// Every span of a text with escapes, non-ASCII characters and spans off
    /// char boundaries (written as `""`), near its end (fewer than 16 bytes
    /// left to read) too.
    #[test]
    fn span_text_agrees_with_string() {
        let text = format!("Up 5% to £3bn, \"34\" a\\b\tc\u{1} é 😀 {AWKWARD} end");
        for start in 0..=text.len() {
            for end in start..=(start + 40).min(text.len()) {
                let (fast, slow) = both_texts(&text, Span::new(start, end));
                assert_eq!(fast, slow, "{start}..{end}");
                let want = serde_json::to_string(Span::new(start, end).slice(&text)).unwrap();
                assert_eq!(fast, want, "{start}..{end}");
            }
        }
    }

    /// Floats through the memo: many values, each several times and in an
    /// order that makes slots change hands, come out as `serde_json` writes them.
    #[test]
    fn memoised_floats_match_serde_json() {
        let mut values: Vec<f64> = FLOATS.to_vec();
        values.extend((0..3_000).map(|i| f64::from(i) * 0.5));
        values.extend((0..500).map(|i| f64::from(i) / 7.0));
        values.extend([
            f64::from_bits(0x7ff8_0000_0000_0001),
            -f64::NAN,
            0.5,
            -0.5,
            -0.0,
            0.0,
        ]);
        let mut out = Vec::new();
        let mut e = Emitter::<false>::new(&mut out);
        let mut want = String::new();
        for round in 0..3 {
            for (i, &v) in values.iter().enumerate() {
                let v = if (i + round) % 5 == 0 {
                    values[(i * 7) % values.len()]
                } else {
                    v
                };
                e.float(v);
                e.byte(b' ');
                want += &serde_json::to_string(&v).unwrap();
                want.push(' ');
            }
        }
        e.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want);
    }

    mod erased {
        /// `serde_json` of any of the enums, behind one object-safe trait.
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    /// A writer that records the size of every write.
    struct Sizes(Vec<usize>, Vec<u8>);

    impl Write for Sizes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.push(buf.len());
            self.1.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_large_report_is_written_in_bounded_chunks() {
        let text = "Up 5% to 105 from 100.\n".repeat(20_000);
        let mut f = source_report("big.txt", &text);
        let mut from = 0;
        for _ in 0..2_000 {
            add_claim(&mut f, "5%", from, ClaimKind::Percent);
            from += 23;
        }
        let report = Report {
            files: vec![f],
            errors: Vec::new(),
        };
        let mut sizes = Sizes(Vec::new(), Vec::new());
        render(&report, &mut sizes).unwrap();
        assert!(sizes.0.len() > 10, "{:?}", sizes.0);
        assert!(sizes.0.iter().all(|&n| n < CHUNK + 1024), "{:?}", sizes.0);
        assert_eq!(String::from_utf8(sizes.1).unwrap(), oracle::pretty(&report));
    }

    /// A writer whose reader has gone away.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_broken_pipe_stays_a_broken_pipe() {
        let report = Report {
            files: vec![report_with_finding()],
            errors: Vec::new(),
        };
        let e = render(&report, &mut Closed).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
        let e = super::super::jsonl::render(&report, &mut Closed).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::BrokenPipe);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any integer, and any decimal of up to fifteen digits with up to six
        /// after the point (the integer and short-decimal shortcuts and their
        /// edges), as `serde_json` writes them.
        #[test]
        fn any_integers_and_short_decimals_match_serde_json(
            n in proptest::num::u64::ANY,
            digits in 0..1_000_000_000_000_000u64,
            decimals in 0..=6i32,
            negative in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(emitted(|e| e.uint(n)), n.to_string());
            let v = digits as f64 / 10f64.powi(decimals);
            let v = if negative { -v } else { v };
            proptest::prop_assert_eq!(emitted(|e| e.float(v)), serde_json::to_string(&v).unwrap());
        }

        /// Any bytes, escape-free or not, tested sixteen at a time as the
        /// table tests them one by one.
        #[test]
        fn escape_free_agrees_with_the_table(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80),
            clean in proptest::collection::vec(0x20..0x7fu8, 0..80),
            at in 0..80usize,
        ) {
            let want = |b: &[u8]| b.iter().position(|&x| ESCAPE[usize::from(x)] != 0).unwrap_or(b.len());
            proptest::prop_assert_eq!(escape_free(&bytes), want(&bytes));
            let mut clean = clean;
            if let Some(b) = clean.get_mut(at) {
                *b = bytes.first().copied().unwrap_or(b'"');
            }
            proptest::prop_assert_eq!(escape_free(&clean), want(&clean));
        }

        /// Any span of any text: `span_text` writes what `string` writes.
        #[test]
        fn any_span_text_matches_serde_json(
            text in "[\\x00-\\x7f]{0,40}|\\PC{0,40}|[a-z0-9 £%\"\\\\]{0,40}",
            start in 0..48usize,
            len in 0..24usize,
        ) {
            let span = Span::new(start, start + len);
            let (fast, slow) = both_texts(&text, span);
            proptest::prop_assert_eq!(&fast, &slow);
            proptest::prop_assert_eq!(fast, serde_json::to_string(span.slice(&text)).unwrap());
        }

        /// Any strings and any floats, in every place they can appear.
        #[test]
        fn any_strings_and_floats_match_serde_json(
            path in "\\PC{0,20}|[\\x00-\\x7f]{0,20}",
            text in "[\\x00-\\x7f]{1,40}|\\PC{1,40}",
            noun in proptest::option::of("[\\x00-\\x7f\u{2028}é]{0,12}"),
            message in "[\\x00-\\x7f\u{2028}é]{0,30}",
            bits in proptest::collection::vec(proptest::num::u64::ANY, 6),
            floats in proptest::collection::vec(proptest::num::f64::ANY, 6),
            wholes in proptest::collection::vec(-2e16..2e16f64, 6),
            mix in proptest::num::u16::ANY,
        ) {
            let mut f = source_report(&path, &text);
            let mut v: Vec<f64> = bits.into_iter().map(f64::from_bits).collect();
            v.extend(floats);
            // Whole numbers, the integer fast path and its edges, in random places.
            for (i, w) in wholes.into_iter().enumerate() {
                let at = (usize::from(mix) >> i) % v.len();
                v[at] = if i % 2 == 0 { w.trunc() } else { (w / 1e10).trunc() };
            }
            let end = text.len();
            f.analysis.claims.push(Claim {
                id: 0,
                kind: ClaimKind::Money,
                span: crate::Span::new(0, end),
                sentence: 0,
                quantity: crate::extract::Quantity { value: v[0], step: v[1], scaled: false },
                hedge: Some(Hedge::UpTo),
                currency: Some("EUR"),
                noun,
            });
            f.analysis.checks.push(Check {
                rule: "ratio",
                verdict: Verdict::Inconsistent,
                severity: Severity::Error,
                claim: 0,
                evidence: vec![0],
                stated: v[2],
                computed: v[3],
                tolerance: Interval { lo: v[4], hi: v[5] },
                computed_range: Interval { lo: v[6], hi: v[7] },
                message,
            });
            let mut g = source_report("g", "x");
            g.analysis.checks.push(Check {
                rule: "ratio",
                verdict: Verdict::Consistent,
                severity: Severity::Warning,
                claim: 3,
                evidence: Vec::new(),
                stated: v[8],
                computed: v[9],
                tolerance: Interval { lo: v[10], hi: v[11] },
                computed_range: Interval { lo: v[0], hi: v[1] },
                message: String::new(),
            });
            assert_like_serde(&Report { files: vec![f, g], errors: Vec::new() });
        }
    }
}
