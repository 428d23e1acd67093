//! Input stage: a [`Source`] is one article's bytes, validated as UTF-8 and kept
//! exactly as given, so every byte offset the pipeline reports points into the
//! original file (a UTF-8 BOM and CRLF line endings stay in the text; later stages
//! treat them as whitespace).
//!
//! Line and column numbers are never stored on findings: they are derived only when
//! reporting, through [`LineIndex`], so they cannot drift out of sync with spans.

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::error::Error;

/// A half-open byte range `start..end` into a source text, on char boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped so the span is never inverted.
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The text this span covers, or `""` when it does not lie on char boundaries
    /// of `text` (which would be a bug upstream, never a panic here).
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    #[must_use]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[must_use]
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// One article: its display path and its text, byte for byte as read.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
}

impl Source {
    /// Validates `bytes` as an article. Binary files (a NUL byte) and invalid UTF-8
    /// are rejected with the byte offset of the first bad byte, because a checker that
    /// silently replaces bytes would report offsets that no longer match the file.
    ///
    /// # Errors
    /// [`Error::Binary`] or [`Error::Utf8`], naming `path`.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Error> {
        let path = path.into();
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(Error::Binary { path, offset });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self { path, text }),
            Err(e) => Err(Error::Utf8 {
                path,
                offset: e.utf8_error().valid_up_to(),
            }),
        }
    }

    /// Reads a file whole. Directories and unreadable files are errors naming the path.
    ///
    /// The file is opened once and its size read from the open file: a run over
    /// an archive reads tens of thousands of files, and looking the path up
    /// twice (once for its metadata, once to open it) was a tenth of the time
    /// the kernel spent per file. A regular file is read to the size it had
    /// when opened and no further (see `Source::read_sized`); anything whose
    /// size says nothing of its contents (a device, a pipe, a `/proc` file,
    /// which all report 0) is read to its end but never past `max_size` + 1
    /// bytes, so one that never ends is still refused as too large.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::IsDirectory`], [`Error::TooLarge`], [`Error::Binary`],
    /// [`Error::Utf8`].
    pub fn read(path: &Path, max_size: Option<u64>) -> Result<Self, Error> {
        let display = path.display().to_string();
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            // Some systems refuse to open a folder at all.
            Err(_) if path.is_dir() => return Err(Error::IsDirectory { path: display }),
            Err(e) => return Err(Error::io(&display, &e)),
        };
        let meta = file.metadata().map_err(|e| Error::io(&display, &e))?;
        if meta.is_dir() {
            return Err(Error::IsDirectory { path: display });
        }
        let max = max_size.unwrap_or(u64::MAX);
        if meta.len() > max {
            return Err(Error::TooLarge {
                path: display,
                size: meta.len(),
                max,
            });
        }
        if meta.is_file() && meta.len() > 0 {
            return Self::read_sized(display, file, meta.len());
        }
        Self::read_from(display, file, max, meta.len())
    }

    /// Reads the first `size` bytes of `reader`, or fewer if it ends first.
    ///
    /// For a regular file `size` is its size when it was opened, so this is the
    /// text as it was then: a file appended to while it is read is checked as
    /// it stood, one cut short as far as it goes. Reading to a known size, not
    /// to the end, saves the read that only finds the end: one system call in
    /// five per file, ~4% of a run over tens of thousands of small articles.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::Binary`], [`Error::Utf8`], naming `path`.
    fn read_sized(path: String, reader: impl std::io::Read, size: u64) -> Result<Self, Error> {
        // Past `size` the `Take` answers "end" itself, without a system call.
        Self::read_from(path, reader.take(size), size, size)
    }

    /// Reads an article from `reader` (a file, standard input) to its end, but
    /// never more than `max` + 1 bytes: past `max` it is refused as too large,
    /// whatever size was announced. `size_hint` is reserved first; one that
    /// cannot be held is an error, not an abort.
    ///
    /// # Errors
    /// [`Error::Io`], [`Error::TooLarge`], [`Error::Binary`], [`Error::Utf8`],
    /// naming `path`.
    pub fn read_from(
        path: String,
        reader: impl std::io::Read,
        max: u64,
        size_hint: u64,
    ) -> Result<Self, Error> {
        use std::io::Read;
        let mut bytes = Vec::new();
        bytes
            .try_reserve_exact(usize::try_from(size_hint.min(max)).unwrap_or(usize::MAX))
            .map_err(|e| Error::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
        reader
            .take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&path, &e))?;
        if bytes.len() as u64 > max {
            return Err(Error::TooLarge {
                path,
                size: bytes.len() as u64,
                max,
            });
        }
        Self::from_bytes(path, bytes)
    }
}

/// Maps byte offsets to 1-based line and column numbers (columns in characters).
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { line_starts }
    }

    /// 1-based line of `offset`.
    #[must_use]
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// [`LineIndex::line`] when the first `known` lines are known to start at or
    /// before `offset`: gallops forward from there, so a cursor that moves a few
    /// lines pays a few comparisons instead of a search of the whole index (claims
    /// are dense, and the index of a long article does not fit in cache).
    fn line_from(&self, known: usize, offset: usize) -> usize {
        let starts = &self.line_starts;
        let mut lo = known.min(starts.len());
        let mut step = 1;
        let hi = loop {
            let i = lo + step - 1;
            match starts.get(i) {
                Some(&s) if s <= offset => {
                    lo = i + 1;
                    step *= 2;
                }
                Some(_) => break i,
                None => break starts.len(),
            }
        };
        lo + starts[lo..hi].partition_point(|&s| s <= offset)
    }

    /// Byte offset where 1-based `line` starts.
    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0)
    }

    /// 1-based line and column of `offset`; the column counts characters, so a
    /// `£` before the claim counts once, not twice.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.line_start(line);
        let col = text
            .get(start..offset.min(text.len()))
            .map_or(0, |s| s.chars().count());
        (line, col + 1)
    }
}

/// Line and column lookups for offsets visited in increasing order: each lookup
/// counts characters only from the previous offset, so reporting every claim of a
/// 100 MB single-line article stays linear instead of recounting the line each time.
///
/// Most lines of English copy are plain ASCII, where a column is a byte
/// distance: on entering a line going forward, the cursor finds where its first
/// non-ASCII byte is (`ascii_prefix`, 32 bytes per step, for the lines that
/// hold a claim), and up to there counts nothing at all. A claim on the line of
/// the one before (two in three in news copy) is told apart by one comparison
/// with where the next line starts, without searching the index.
#[derive(Debug)]
pub struct LineCursor<'a> {
    text: &'a str,
    index: &'a LineIndex,
    offset: usize,
    line: usize,
    col: usize,
    /// Where the line after `line` starts (`usize::MAX` on the last line): an
    /// offset below it, at or past `offset`, is on the current line.
    next_line: usize,
    /// The bytes from `offset` up to here are ASCII: one character each.
    ascii_until: usize,
}

impl<'a> LineCursor<'a> {
    #[must_use]
    pub fn new(text: &'a str, index: &'a LineIndex) -> Self {
        let mut cursor = Self {
            text,
            index,
            offset: 0,
            line: 1,
            col: 1,
            next_line: 0,
            ascii_until: 0,
        };
        cursor.enter(1);
        cursor
    }

    /// Where the line after 1-based `line` starts, `usize::MAX` after the last.
    fn next_start(&self, line: usize) -> usize {
        self.index
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(usize::MAX)
    }

    /// Moves to the start of `line`, at or after the current one.
    fn enter(&mut self, line: usize) {
        let start = self.index.line_start(line);
        let next = self.next_start(line);
        let end = next.min(self.text.len());
        let bytes = self.text.as_bytes().get(start..end).unwrap_or(&[]);
        let ascii = ascii_prefix(bytes);
        (self.offset, self.line, self.col) = (start, line, 1);
        (self.next_line, self.ascii_until) = (next, start + ascii);
    }

    /// 1-based line and column (in characters) of `offset`.
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            let (l, c) = self.index.line_col(self.text, offset);
            (self.offset, self.line, self.col) = (offset, l, c);
            (self.next_line, self.ascii_until) = (self.next_start(l), offset);
            return (l, c);
        }
        if offset >= self.next_line {
            // Moving forward: the lines up to the current one start at or
            // before `offset`, so the search starts from there.
            let line = self.index.line_from(self.line, offset);
            self.enter(line);
        }
        self.col += if offset <= self.ascii_until {
            offset - self.offset
        } else {
            self.text
                .get(self.offset..offset)
                .map_or(0, |s| s.chars().count())
        };
        self.offset = offset;
        (self.line, self.col)
    }
}

/// How many bytes at the start of `bytes` are ASCII. Whole 64-byte blocks are
/// tested at once (the OR of their eight words has no high bit), so a line of
/// plain English costs about two instructions per eight bytes; then eight
/// bytes at a time, the first high bit found from the lowest set one, and the
/// last few bytes one by one.
fn ascii_prefix(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (blocks, _) = bytes.as_chunks::<64>();
    let clean = blocks
        .iter()
        .position(|b| {
            let (words, _) = b.as_chunks::<8>();
            words.iter().fold(0, |acc, w| acc | u64::from_le_bytes(*w)) & HIGH != 0
        })
        .unwrap_or(blocks.len());
    let mut from = 64 * clean;
    let rest = bytes.get(from..).unwrap_or(&[]);
    let (words, tail) = rest.as_chunks::<8>();
    for w in words {
        let high = u64::from_le_bytes(*w) & HIGH;
        if high != 0 {
            return from + (high.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from + tail
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(tail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_checks_the_open_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "Sales rose 5%.").unwrap();
        let s = Source::read(&file, Some(14)).unwrap();
        assert_eq!(s.text, "Sales rose 5%.");
        assert_eq!(s.path, file.display().to_string());
        match Source::read(&file, Some(13)) {
            Err(Error::TooLarge {
                size: 14, max: 13, ..
            }) => {}
            other => panic!("expected TooLarge, got {other:?}"),
        }
        assert!(matches!(
            Source::read(dir.path(), None),
            Err(Error::IsDirectory { .. })
        ));
        assert!(matches!(
            Source::read(&dir.path().join("missing.txt"), None),
            Err(Error::Io { .. })
        ));
    }

    /// Hands out at most `chunk` bytes a call from `data`, and fails the test
    /// if asked for more once `data` is used up.
    struct Trickle<'a> {
        data: &'a [u8],
        chunk: usize,
        strict: bool,
    }

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            assert!(!(self.strict && self.data.is_empty()), "read past the size");
            let n = buf.len().min(self.chunk).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// A known size is read in as many reads as the reader needs, and no read
    /// after the last byte; a longer reader is cut at the size, a shorter one
    /// taken as far as it goes.
    #[test]
    fn read_sized_stops_at_the_size() {
        let text = "Sales rose 5% to €3bn.".as_bytes();
        let whole = |chunk| {
            let reader = Trickle {
                data: text,
                chunk,
                strict: true,
            };
            Source::read_sized("a.txt".into(), reader, text.len() as u64).map(|s| s.text)
        };
        for chunk in [1, 3, 7, text.len()] {
            assert_eq!(whole(chunk).unwrap().as_bytes(), text);
        }
        let longer = Trickle {
            data: text,
            chunk: 64,
            strict: false,
        };
        assert_eq!(
            Source::read_sized("a.txt".into(), longer, 10).unwrap().text,
            "Sales rose"
        );
        let shorter = Trickle {
            data: b"Sales",
            chunk: 2,
            strict: false,
        };
        assert_eq!(
            Source::read_sized("a.txt".into(), shorter, 10)
                .unwrap()
                .text,
            "Sales"
        );
        // Cut inside a character: the file as far as it goes is not UTF-8.
        let cut = Trickle {
            data: text,
            chunk: 64,
            strict: false,
        };
        assert!(matches!(
            Source::read_sized("a.txt".into(), cut, 18),
            Err(Error::Utf8 { .. })
        ));
    }

    /// A file whose size says nothing of its contents (a device, a file still
    /// being written) is read only to one byte past the limit.
    #[cfg(target_os = "linux")]
    #[test]
    fn read_stops_past_the_limit_whatever_the_size_said() {
        match Source::read(Path::new("/dev/zero"), Some(1000)) {
            Err(Error::TooLarge {
                size: 1001,
                max: 1000,
                ..
            }) => {}
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n£3bn and 5%\r\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let five = text.find('5').unwrap();
        assert_eq!(idx.line_col(text, five), (2, 10));
        assert_eq!(idx.line_col(text, text.len() - 1), (3, 1));
    }

    #[test]
    fn cursor_agrees_with_index_in_any_order() {
        let text = "£1 ab\n€2 and £3\n\nx £4 y";
        let idx = LineIndex::new(text);
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let mut cur = LineCursor::new(text, &idx);
        for &o in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(cur.line_col(o), idx.line_col(text, o), "offset {o}");
        }
    }

    #[test]
    fn cursor_agrees_with_index_for_any_offsets() {
        // Lines wholly non-ASCII, wholly ASCII, and ASCII up to a point.
        for text in [
            "£1 ab\n€2 and £3\n\n\nx £4 y\n".repeat(9),
            "plain 12 and 34\nab 5 £6 cd 7\n\nno break at the end €8 9 10".repeat(5),
        ] {
            cursor_agrees_with_index(&text);
        }
    }

    fn cursor_agrees_with_index(text: &str) {
        let text = text.to_owned();
        let idx = LineIndex::new(&text);
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.extend([text.len(), text.len() + 1]);
        // Every stride, so moves within a line and over one, a few and many lines
        // are all taken.
        for stride in 1..offsets.len() {
            let mut cur = LineCursor::new(&text, &idx);
            for &o in offsets.iter().step_by(stride) {
                let want = idx.line_col(&text, o.min(text.len()));
                assert_eq!(cur.line_col(o), want, "stride {stride}, offset {o}");
            }
        }
        for o in 0..text.len() + 2 {
            assert_eq!(idx.line_from(1, o), idx.line(o), "offset {o}");
        }
    }

    #[test]
    fn ascii_prefix_stops_at_the_first_non_ascii_byte() {
        for len in 0..100 {
            let mut bytes = vec![b'a'; len];
            assert_eq!(ascii_prefix(&bytes), len);
            for at in 0..len {
                bytes[at] = [0x80, 0xc3, 0xe2, 0xff][at % 4];
                assert_eq!(ascii_prefix(&bytes), at, "len {len}, at {at}");
                bytes[at] = b'\n';
            }
        }
    }

    proptest::proptest! {
        /// Lines of ASCII, non-ASCII, CRLF and empty lines, visited forwards
        /// at random steps and now and then backwards: the cursor agrees with
        /// the index's own count from the line start.
        #[test]
        fn cursor_agrees_with_index_on_any_text(
            text in "([a-z0-9 .,]{0,70}(£|é|€|😀|\\r)?[a-z %]{0,40}(\\n|\\r\\n|\\n\\n)){0,12}[a-z£]{0,50}",
            steps in proptest::collection::vec(0..90usize, 1..40),
        ) {
            let idx = LineIndex::new(&text);
            let mut cur = LineCursor::new(&text, &idx);
            let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let mut at = 0;
            for step in steps {
                // A step of 0 now and then goes back to an earlier offset.
                at = if step == 0 { at / 2 } else { (at + step) % starts.len() };
                let o = starts[at];
                proptest::prop_assert_eq!(cur.line_col(o), idx.line_col(&text, o), "offset {}", o);
            }
        }
    }

    #[test]
    fn rejects_nul_and_bad_utf8_with_offsets() {
        let e = Source::from_bytes("a.txt", b"ab\0c".to_vec()).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 2, .. }), "{e}");
        let e = Source::from_bytes("b.txt", b"abc\xff".to_vec()).unwrap_err();
        assert!(matches!(e, Error::Utf8 { offset: 3, .. }), "{e}");
        assert!(e.to_string().contains("b.txt"));
    }

    #[test]
    fn span_slice_is_total() {
        let s = Span::new(1, 3);
        assert_eq!(s.slice("£x"), "");
        assert_eq!(Span::new(0, 2).slice("£x"), "£");
        assert!(Span::new(0, 2).overlaps(Span::new(1, 5)));
        assert!(!Span::new(0, 2).overlaps(Span::new(2, 5)));
    }
}
