//! The offset map between extracted prose and the original file.
//!
//! Input: the pieces an extractor appends (runs copied from the original, decoded
//! entities, block separators). Output: the prose text and an [`OffsetMap`] that
//! takes any prose span back to a span of the original bytes.
//!
//! Invariants: segments are sorted by prose offset and cover the prose text
//! without gaps; a linear segment maps byte `k` of its run to original byte
//! `orig + k`; an atomic segment (a decoded `&pound;`, a `\n\n` between blocks)
//! maps every prose byte in it to its whole original range, so a claim that
//! starts or ends inside `£` maps to the whole `&pound;`. Building is O(n) and a
//! lookup is a binary search, O(log n) in the number of segments.

use crate::source::Span;

/// One run of prose bytes starting at `prose`, taken from `orig..orig_end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    prose: usize,
    orig: usize,
    orig_end: usize,
    /// Copied byte for byte (`orig_end - orig` equals the run's prose length), as
    /// opposed to an atom that maps as a whole.
    linear: bool,
}

/// Maps prose byte offsets to original byte offsets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    /// Prose length, so a lookup past the last segment is clamped.
    len: usize,
}

impl OffsetMap {
    /// Number of segments: a measure of how compact the map is.
    #[must_use]
    pub fn segments(&self) -> usize {
        self.segments.len()
    }

    /// Maps prose `span` to the original range it came from, from the start of its
    /// first character to the end of its last one. Offsets past the prose end are
    /// clamped; the result is not yet rounded to char boundaries (see
    /// [`super::Prose::to_original`]).
    #[must_use]
    pub fn to_original(&self, span: Span) -> Span {
        let start = span.start.min(self.len);
        let end = span.end.min(self.len).max(start);
        let Some(first) = self.segment(start) else {
            // Empty span at the very end, or an empty map.
            let at = self.segments.last().map_or(0, |s| s.orig_end);
            return Span::new(at, at);
        };
        let o_start = if first.linear {
            (first.orig + (start - first.prose)).min(first.orig_end)
        } else {
            first.orig
        };
        if end == start {
            return Span::new(o_start, o_start);
        }
        let Some(mut last) = self.segment(end - 1) else {
            return Span::new(o_start, o_start);
        };
        let mut end = end;
        if !last.linear && last.orig == last.orig_end && last.prose > start {
            // The span ends in a block separator, which stands for no original
            // bytes: end it where the text before the separator ended, not at
            // the next block's start (past the closing and opening tags).
            end = last.prose;
            last = self.segment(end - 1).unwrap_or(last);
        }
        let o_end = if last.linear {
            (last.orig + (end - last.prose)).min(last.orig_end)
        } else {
            last.orig_end
        };
        Span::new(o_start, o_end)
    }

    /// The segment holding prose byte `offset`, if `offset < len`.
    fn segment(&self, offset: usize) -> Option<Segment> {
        if offset >= self.len {
            return None;
        }
        let i = self.segments.partition_point(|s| s.prose <= offset);
        self.segments.get(i.checked_sub(1)?).copied()
    }
}

/// Appends prose and records where each piece came from.
///
/// Block boundaries are requested with [`Builder::block`] and written lazily as one
/// `"\n\n"` before the next text, so runs of empty blocks add nothing and the
/// prose never starts or ends with a separator.
#[derive(Debug)]
pub struct Builder<'a> {
    original: &'a str,
    text: String,
    map: OffsetMap,
    pending_block: bool,
}

impl<'a> Builder<'a> {
    pub fn new(original: &'a str) -> Self {
        Self {
            original,
            // Prose is never longer than the original by more than its separators,
            // and usually shorter: one allocation up front for the common case.
            text: String::with_capacity(original.len()),
            map: OffsetMap::default(),
            pending_block: false,
        }
    }

    /// Ends the current block: the next text starts after a blank line.
    pub fn block(&mut self) {
        self.pending_block = true;
    }

    /// Appends the original bytes `range` as they are, except that line breaks
    /// become spaces of the same length (in HTML and in a Markdown paragraph a line
    /// break is a space; only block boundaries may end a sentence there). Out of
    /// range or off-boundary ranges are ignored, never a panic.
    pub fn copy(&mut self, range: std::ops::Range<usize>) {
        let Some(s) = self.original.get(range.clone()) else {
            return;
        };
        if self.is_blank_between_blocks(s) {
            return;
        }
        self.separate(range.start);
        let prose = self.text.len();
        if s.contains(['\n', '\r']) {
            self.text.extend(
                s.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
        } else {
            self.text.push_str(s);
        }
        self.push(Segment {
            prose,
            orig: range.start,
            orig_end: range.end,
            linear: true,
        });
    }

    /// Appends the original bytes `range` keeping line breaks (preformatted text).
    pub fn copy_verbatim(&mut self, range: std::ops::Range<usize>) {
        let Some(s) = self.original.get(range.clone()) else {
            return;
        };
        if self.is_blank_between_blocks(s) {
            return;
        }
        self.separate(range.start);
        let prose = self.text.len();
        self.text.push_str(s);
        self.push(Segment {
            prose,
            orig: range.start,
            orig_end: range.end,
            linear: true,
        });
    }

    /// Appends `decoded`, which stands for the original bytes `range` as a whole
    /// (an entity, a backslash escape).
    pub fn atom(&mut self, decoded: &str, range: std::ops::Range<usize>) {
        if decoded.is_empty() {
            return;
        }
        self.separate(range.start);
        let prose = self.text.len();
        self.text.push_str(decoded);
        self.push(Segment {
            prose,
            orig: range.start,
            orig_end: range.end.max(range.start),
            linear: false,
        });
    }

    /// Whitespace at a block boundary (the newlines between `</p>` and `<p>`) or
    /// before any text says nothing: dropping it keeps separators exactly `\n\n`.
    fn is_blank_between_blocks(&self, s: &str) -> bool {
        s.trim().is_empty() && (self.pending_block || self.text.is_empty())
    }

    /// Writes a pending block separator before text that starts at original `at`.
    fn separate(&mut self, at: usize) {
        if !std::mem::take(&mut self.pending_block) || self.text.is_empty() {
            return;
        }
        let prose = self.text.len();
        self.text.push_str("\n\n");
        self.push(Segment {
            prose,
            orig: at,
            orig_end: at,
            linear: false,
        });
    }

    fn push(&mut self, seg: Segment) {
        self.map.len = self.text.len();
        if let Some(last) = self.map.segments.last_mut()
            && last.linear
            && seg.linear
            && last.orig_end == seg.orig
        {
            // Adjacent copies (text split by the parser at no markup) stay one run.
            last.orig_end = seg.orig_end;
            return;
        }
        self.map.segments.push(seg);
    }

    pub fn finish(self) -> (String, OffsetMap) {
        (self.text, self.map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_map_linearly_and_atoms_whole() {
        let orig = "a **34 per cent** &pound;3bn";
        let mut b = Builder::new(orig);
        b.copy(0..2);
        b.copy(4..15);
        b.copy(17..18);
        b.atom("£", 18..25);
        b.copy(25..28);
        let (text, map) = b.finish();
        assert_eq!(text, "a 34 per cent £3bn");
        let p = text.find("34").unwrap();
        let s = map.to_original(Span::new(p, p + "34 per cent".len()));
        assert_eq!(s.slice(orig), "34 per cent");
        let p = text.find('£').unwrap();
        let s = map.to_original(Span::new(p, text.len()));
        assert_eq!(s.slice(orig), "&pound;3bn");
        // A span ending inside the atom covers the whole entity.
        let s = map.to_original(Span::new(p, p + 1));
        assert_eq!(s.slice(orig), "&pound;");
        assert_eq!(map.to_original(Span::new(99, 120)), Span::new(28, 28));
    }

    #[test]
    fn blocks_are_lazy_blank_lines() {
        let orig = "<h1>A</h1><p>B</p>";
        let mut b = Builder::new(orig);
        b.block();
        b.copy(4..5);
        b.block();
        b.block();
        b.copy(13..14);
        b.block();
        let (text, map) = b.finish();
        assert_eq!(text, "A\n\nB");
        assert_eq!(map.to_original(Span::new(0, 4)).slice(orig), "A</h1><p>B");
        // Ending in the separator ends after `A`; starting in it starts at `B`.
        assert_eq!(map.to_original(Span::new(0, 3)).slice(orig), "A");
        assert_eq!(map.to_original(Span::new(2, 4)).slice(orig), "B");
        assert_eq!(map.segments(), 3);
    }

    #[test]
    fn line_breaks_become_spaces_of_equal_length() {
        let orig = "34\r\nper cent";
        let mut b = Builder::new(orig);
        b.copy(0..orig.len());
        let (text, map) = b.finish();
        assert_eq!(text, "34  per cent");
        assert_eq!(map.to_original(Span::new(0, 12)).slice(orig), orig);
    }

    #[test]
    fn adjacent_copies_merge() {
        let orig = "abcdef";
        let mut b = Builder::new(orig);
        b.copy(0..2);
        b.copy(2..4);
        b.copy(5..6);
        let (_, map) = b.finish();
        assert_eq!(map.segments(), 2);
    }
}
