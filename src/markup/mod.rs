//! Markdown and HTML drafts as input: the prose of a marked-up file, an offset map
//! back to the file's bytes, and the inline suppressions its comments ask for.
//!
//! ```text
//! original ──► prose(original, markup) ──► Prose { text, map, suppressions }
//!                                              │
//!   analyze(&prose.text) ─► spans in prose ─► prose.to_original(span) ─► spans in original
//! ```
//!
//! Input: the original text and its [`Markup`]. Output: a [`Prose`] whose `text`
//! is what the pipeline reads: block boundaries (headings, paragraphs, list items,
//! table cells, block quotes, `<br>`) are blank lines, inline markup is gone,
//! entities are decoded, and code, scripts, styles and comments are dropped.
//!
//! Invariants: every span of `text` maps through [`Prose::to_original`] to a span
//! of the original on its char boundaries, from the start of the first character
//! to the end of the last (`**34 per cent**` gives `34 per cent`, `&pound;3bn`
//! gives `&pound;3bn`, `34<em> per cent</em>` gives `34<em> per cent`); the map
//! is monotonic, so the order of claims is kept. For [`Markup::Text`] the prose
//! borrows the original and the map is the identity: no copy, no map.
//!
//! Cost: building is linear in the file (one pass of the tokenizer, one of the
//! builder), a lookup is a binary search. Nothing recurses on nesting depth.
//!
//! [`analyze`] runs the whole pipeline on a marked-up file and returns an
//! [`Analysis`] in original offsets with suppressed checks removed, so a caller
//! that used `crate::analyze(text)` needs only to pass the markup too.
//!
//! ```
//! use claimcheck::markup::{self, Markup};
//!
//! let md = "# Knife crime\n\nOffences rose **34 per cent**, costing &pound;3bn.";
//! let prose = markup::prose(md, Markup::Markdown);
//! assert_eq!(prose.text, "Knife crime\n\nOffences rose 34 per cent, costing £3bn.");
//! let analysis = claimcheck::analyze(&prose.text);
//! let claim = &analysis.claims[0];
//! assert_eq!(prose.to_original(claim.span).slice(md), "34 per cent");
//!
//! // Or in one call, spans already in the original:
//! let analysis = markup::analyze(md, Markup::Markdown);
//! assert_eq!(analysis.claims[0].span.slice(md), "34 per cent");
//! ```

mod html;
mod map;
mod markdown;
mod suppress;

use std::borrow::Cow;
use std::path::Path;

pub use map::OffsetMap;
pub use suppress::{Suppression, Suppressions};

use crate::check::Check;
use crate::source::Span;
use crate::{Analysis, Settings};

/// How a file is marked up. A `clap::ValueEnum`, so a `--markup` flag can
/// override [`Markup::from_path`] (for stdin, say).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Markup {
    /// Plain text: read as it is.
    #[default]
    Text,
    /// `CommonMark` with GFM tables, footnotes and front matter.
    Markdown,
    /// HTML, whole documents or fragments.
    Html,
}

impl Markup {
    /// The markup a file's extension names: `.md`, `.markdown` (and the rarer
    /// `.mdown`, `.mkd`) are Markdown; `.html`, `.htm`, `.xhtml` are HTML; anything
    /// else, stdin included, is plain text. Case does not matter.
    #[must_use]
    pub fn from_path(path: &Path) -> Markup {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Markup::Markdown,
            Some("html" | "htm" | "xhtml") => Markup::Html,
            _ => Markup::Text,
        }
    }
}

/// The prose of one file, the way back to its bytes, and its suppressions.
#[derive(Clone, Debug)]
pub struct Prose<'a> {
    /// What the pipeline reads.
    pub text: Cow<'a, str>,
    /// Inline `claimcheck-disable` directives, in original byte ranges.
    pub suppressions: Suppressions,
    original: &'a str,
    /// `None` for plain text: the identity.
    map: Option<OffsetMap>,
}

/// Extracts the prose of `original`, read as `markup`. Never panics: malformed
/// markup is read the way a browser or `CommonMark` renderer would read it.
#[must_use]
pub fn prose(original: &str, markup: Markup) -> Prose<'_> {
    let mut b = map::Builder::new(original);
    let mut c = suppress::Collector::new(original);
    match markup {
        Markup::Text => {
            return Prose {
                text: Cow::Borrowed(original),
                suppressions: Suppressions::default(),
                original,
                map: None,
            };
        }
        Markup::Markdown => markdown::extract(original, &mut b, &mut c),
        Markup::Html => {
            html::extract(&html::Pieces::whole(original), &mut b, &mut c);
        }
    }
    let (text, map) = b.finish();
    Prose {
        text: Cow::Owned(text),
        suppressions: c.finish(),
        original,
        map: Some(map),
    }
}

impl<'a> Prose<'a> {
    /// The original file text.
    #[must_use]
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The offset map, `None` for plain text (the identity).
    #[must_use]
    pub fn map(&self) -> Option<&OffsetMap> {
        self.map.as_ref()
    }

    /// Maps `span` of [`Prose::text`] to the original bytes it came from, from
    /// the start of its first character to the end of its last, widened to char
    /// boundaries of the original. Out-of-range spans are clamped, never a panic.
    #[must_use]
    pub fn to_original(&self, span: Span) -> Span {
        let mapped = match &self.map {
            Some(m) => m.to_original(span),
            None => Span::new(span.start, span.end),
        };
        let len = self.original.len();
        let mut start = mapped.start.min(len);
        let mut end = mapped.end.min(len).max(start);
        while !self.original.is_char_boundary(start) {
            start -= 1;
        }
        while !self.original.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }

    /// Rewrites every span of `analysis` (made on [`Prose::text`]) into original
    /// offsets, and moves the checks an inline directive suppresses out of it (a
    /// check is suppressed where its claim starts). Returns the suppressed checks,
    /// for a report that counts or lists them.
    pub fn remap(&self, analysis: &mut Analysis) -> Vec<Check> {
        if self.map.is_some() {
            for s in &mut analysis.sentences {
                s.span = self.to_original(s.span);
            }
            for c in &mut analysis.claims {
                c.span = self.to_original(c.span);
            }
        }
        if self.suppressions.is_empty() {
            return Vec::new();
        }
        let claims = &analysis.claims;
        let (suppressed, kept) =
            std::mem::take(&mut analysis.checks)
                .into_iter()
                .partition(|check| {
                    claims.get(check.claim).is_some_and(|claim| {
                        self.suppressions
                            .is_suppressed(claim.span.start, check.rule)
                    })
                });
        analysis.checks = kept;
        suppressed
    }
}

/// Runs the whole pipeline on `original` read as `markup`: spans come back in
/// original offsets and suppressed checks are gone.
#[must_use]
pub fn analyze(original: &str, markup: Markup) -> Analysis {
    analyze_with(original, markup, &Settings::default())
}

/// [`analyze`], reading the prose with a newsroom's [`Settings`] (see
/// [`crate::analyze_with`]).
#[must_use]
pub fn analyze_with(original: &str, markup: Markup, settings: &Settings) -> Analysis {
    let prose = prose(original, markup);
    let mut analysis = crate::analyze_with(&prose.text, settings);
    let _suppressed = prose.remap(&mut analysis);
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_follows_the_extension() {
        assert_eq!(Markup::from_path(Path::new("a/b.md")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("B.MARKDOWN")), Markup::Markdown);
        assert_eq!(Markup::from_path(Path::new("x.htm")), Markup::Html);
        assert_eq!(Markup::from_path(Path::new("x.Html")), Markup::Html);
        assert_eq!(Markup::from_path(Path::new("x.txt")), Markup::Text);
        assert_eq!(Markup::from_path(Path::new("-")), Markup::Text);
        assert_eq!(Markup::from_path(Path::new("md")), Markup::Text);
    }

    #[test]
    fn text_is_borrowed_with_identity_map() {
        let t = "A 34% rise.";
        let p = prose(t, Markup::Text);
        assert!(matches!(p.text, Cow::Borrowed(_)));
        assert!(p.map().is_none());
        assert_eq!(p.to_original(Span::new(2, 5)), Span::new(2, 5));
        assert_eq!(p.to_original(Span::new(2, 99)), Span::new(2, t.len()));
    }

    #[test]
    fn settings_reach_marked_up_prose() {
        let md = "# Budget\n\nThe council spent **$5m**.";
        assert_eq!(
            analyze(md, Markup::Markdown).claims[0].currency,
            Some("USD")
        );
        let aud = Settings {
            default_currency: Some("AUD".to_owned()),
            ..Settings::default()
        };
        let a = analyze_with(md, Markup::Markdown, &aud);
        assert_eq!(a.claims[0].span.slice(md), "$5m");
        assert_eq!(a.claims[0].currency, Some("AUD"));
    }

    #[test]
    fn to_original_widens_to_char_boundaries() {
        let t = "£5";
        let p = prose(t, Markup::Text);
        assert_eq!(p.to_original(Span::new(1, 2)), Span::new(0, 2));
    }
}
