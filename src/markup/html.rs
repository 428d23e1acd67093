//! HTML to prose: html5gum (a WHATWG tokenizer) finds the text runs, tags and
//! comments; this module decides which runs are article text and decodes their
//! character references with an offset for every decoded character.
//!
//! Input: HTML source, possibly in several pieces (the lines of a Markdown HTML
//! block inside a block quote). Output: appended to a [`Builder`] and a
//! suppression [`Collector`], all in original byte offsets.
//!
//! - Text inside `<script>`, `<style>`, `<noscript>`, `<template>` is dropped, and
//!   so are comments (which may hold suppression directives) and attributes.
//! - Block elements (`<p>`, `<div>`, `<li>`, `<td>`, `<h1>`…, `<br>`, `<tr>`, …)
//!   end a block on their start and end tags; inline elements (`<em>`, `<a>`)
//!   add nothing, so `34<em> per cent</em>` stays one claim.
//! - Line breaks in text become spaces of the same byte length (HTML renders them
//!   as spaces), except inside `<pre>`.
//!
//! Only the tokenizer is used, not a tree builder: nothing here grows with nesting
//! depth, so 100,000 nested `<div>`s cost what 100,000 flat ones do. The skip
//! state is a counter, not a stack, for the same reason.
//!
//! Character references are decoded here rather than taken from html5gum's
//! already decoded strings, because those strings do not say which source bytes
//! each character came from. Numeric references follow the WHATWG rules
//! (including the Windows-1252 remapping of `&#128;`…`&#159;`); named references
//! use the table below, which holds the entities news copy uses (Latin-1,
//! currency, punctuation, fractions and maths). A name not in it stays as written.

use std::collections::HashMap;
use std::sync::LazyLock;

use html5gum::Tokenizer;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};

use super::map::Builder;
use super::suppress::Collector;
use crate::source::Span;

/// Elements whose content is not article text.
const SKIPPED: &[&[u8]] = &[b"script", b"style", b"noscript", b"template"];

/// Elements whose start and end tags end a block (and so a sentence).
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"head",
    b"header",
    b"hgroup",
    b"hr",
    b"html",
    b"legend",
    b"li",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"option",
    b"p",
    b"pre",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"title",
    b"tr",
    b"ul",
];

/// HTML source made of pieces of the original file laid end to end.
///
/// A whole HTML file is one piece; a Markdown HTML block inside a block quote is
/// one piece per line, without the `>` markers.
#[derive(Debug)]
pub(super) struct Pieces<'a> {
    /// The concatenated source the tokenizer reads.
    html: std::borrow::Cow<'a, str>,
    /// (offset in `html`, offset in the original) where each piece starts.
    starts: Vec<(usize, usize)>,
}

impl<'a> Pieces<'a> {
    /// All of `original`, one piece.
    pub(super) fn whole(original: &'a str) -> Self {
        Self {
            html: std::borrow::Cow::Borrowed(original),
            starts: vec![(0, 0)],
        }
    }

    /// The pieces `ranges` of `original`, in order.
    pub(super) fn new(original: &'a str, ranges: &[std::ops::Range<usize>]) -> Self {
        if let [one] = ranges {
            return Self {
                html: std::borrow::Cow::Borrowed(original.get(one.clone()).unwrap_or("")),
                starts: vec![(0, one.start)],
            };
        }
        let mut html = String::new();
        let mut starts = Vec::with_capacity(ranges.len());
        for r in ranges {
            if let Some(s) = original.get(r.clone()) {
                starts.push((html.len(), r.start));
                html.push_str(s);
            }
        }
        Self {
            html: std::borrow::Cow::Owned(html),
            starts,
        }
    }

    /// Original offset of `html` offset `at`.
    fn orig(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&(h, _)| h <= at);
        match i.checked_sub(1).and_then(|i| self.starts.get(i)) {
            Some(&(h, o)) => o + (at - h),
            None => at,
        }
    }

    /// Original range of `html` range `r`: from its first byte to just after its
    /// last, so a range that ends where a piece ends does not run on to the start
    /// of the next piece (past the `>` markers between them).
    fn orig_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.orig(r.start);
        if r.end <= r.start {
            return start..start;
        }
        start..self.orig(r.end - 1) + 1
    }

    /// Appends `html[range]` to `b` as copied text, split where pieces join.
    fn copy(&self, b: &mut Builder<'_>, range: std::ops::Range<usize>, verbatim: bool) {
        let mut at = range.start;
        while at < range.end {
            let i = self.starts.partition_point(|&(h, _)| h <= at);
            let next = self.starts.get(i).map_or(usize::MAX, |&(h, _)| h);
            let end = range.end.min(next);
            let o = self.orig(at);
            if verbatim {
                b.copy_verbatim(o..o + (end - at));
            } else {
                b.copy(o..o + (end - at));
            }
            at = end;
        }
    }
}

/// Extracts the prose of `pieces` into `b` and its directives into `c`.
pub(super) fn extract(pieces: &Pieces<'_>, b: &mut Builder<'_>, c: &mut Collector<'_>) {
    let html: &str = &pieces.html;
    let mut skip = 0usize;
    let mut pre = 0usize;
    // The callback emitter lends each token's bytes instead of allocating a token
    // (with an attribute map) per tag: 100 MB of tag-dense HTML took 1.9 s, not 3.1 s.
    let mut emitter = CallbackEmitter::new(
        |event: CallbackEvent<'_>, span: html5gum::Span<usize>| -> Option<()> {
            match event {
                CallbackEvent::OpenStartTag { name } => {
                    if SKIPPED.contains(&name) {
                        skip += 1;
                    } else if name == b"pre" {
                        pre += 1;
                    }
                    if BLOCKS.contains(&name) {
                        b.block();
                    }
                }
                CallbackEvent::EndTag { name } => {
                    if SKIPPED.contains(&name) {
                        skip = skip.saturating_sub(1);
                    } else if name == b"pre" {
                        pre = pre.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        b.block();
                    }
                }
                CallbackEvent::String { .. } if skip == 0 => {
                    text(pieces, span.start..span.end, pre > 0, b);
                }
                CallbackEvent::Comment { value } => {
                    let r = pieces.orig_range(span.start..span.end);
                    let span = Span::new(r.start, r.end);
                    c.comment(span, &String::from_utf8_lossy(value));
                }
                _ => {}
            }
            None
        },
    );
    // Switch to the raw-text states after <script>, <style>, <title> and the like,
    // so `if (a<b)` inside a script is not read as a tag.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter) {
        match token {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }
}

/// Appends the text run `html[range]`, decoding its character references.
fn text(pieces: &Pieces<'_>, range: std::ops::Range<usize>, verbatim: bool, b: &mut Builder<'_>) {
    let html: &str = &pieces.html;
    let Some(run) = html.get(range.clone()) else {
        return;
    };
    let mut copied = range.start;
    for (i, _) in run.match_indices('&') {
        let at = range.start + i;
        if at < copied {
            continue;
        }
        let Some((len, decoded)) = reference(&html[at..range.end]) else {
            continue;
        };
        pieces.copy(b, copied..at, verbatim);
        let mut buf = [0u8; 4];
        b.atom(
            decoded.encode_utf8(&mut buf),
            pieces.orig_range(at..at + len),
        );
        copied = at + len;
    }
    pieces.copy(b, copied..range.end, verbatim);
}

/// Decodes the character reference at the start of `s` (which starts with `&`):
/// its length in bytes and what it stands for, or `None` when it is a plain `&`.
fn reference(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    if bytes.get(1) == Some(&b'#') {
        return numeric(s);
    }
    let name_len = bytes[1..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = &s[1..=name_len];
    if name.is_empty() {
        return None;
    }
    if bytes.get(1 + name_len) == Some(&b';')
        && let Some(&(c, _)) = ENTITY_INDEX.get(name)
    {
        return Some((name_len + 2, c));
    }
    // Without a semicolon only the legacy (HTML 4 Latin-1) names decode, and as
    // the longest one that prefixes the run: `&pound3bn` is `£3bn`, `&notit;` is `¬it;`.
    (2..=name_len.min(LONGEST_LEGACY)).rev().find_map(|n| {
        let prefix = name.get(..n)?;
        match ENTITY_INDEX.get(prefix) {
            Some(&(c, true)) => Some((n + 1, c)),
            _ => None,
        }
    })
}

/// The longest legacy name (`frac12`, `plusmn`, ...), which bounds the prefix search.
const LONGEST_LEGACY: usize = 6;

/// [`ENTITIES`] by name, built on first use.
static ENTITY_INDEX: LazyLock<HashMap<&'static str, (char, bool)>> = LazyLock::new(|| {
    ENTITIES
        .iter()
        .map(|&(name, c, legacy)| (name, (c, legacy)))
        .collect()
});

/// `&#163;`, `&#xA3;`, with or without the semicolon.
fn numeric(s: &str) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    let (hex, digits_at) = match bytes.get(2) {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let digits = bytes[digits_at..]
        .iter()
        .take_while(|b| {
            if hex {
                b.is_ascii_hexdigit()
            } else {
                b.is_ascii_digit()
            }
        })
        .count();
    if digits == 0 {
        return None;
    }
    let mut len = digits_at + digits;
    if bytes.get(len) == Some(&b';') {
        len += 1;
    }
    // Saturate: a huge number is an error that decodes to U+FFFD, not an overflow.
    let code = s[digits_at..digits_at + digits]
        .chars()
        .fold(0u32, |acc, c| {
            let d = c.to_digit(if hex { 16 } else { 10 }).unwrap_or(0);
            acc.saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d)
        });
    let c = match code {
        0x80..=0x9F => WINDOWS_1252
            .get((code - 0x80) as usize)
            .copied()
            .flatten()
            .unwrap_or_else(|| char::from_u32(code).unwrap_or('\u{FFFD}')),
        0 => '\u{FFFD}',
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    };
    Some((len, c))
}

/// WHATWG: numeric references in 0x80..=0x9F name Windows-1252 characters
/// (`&#128;` is `€`, `&#150;` an en dash); `None` where that code page has a hole.
const WINDOWS_1252: [Option<char>; 32] = [
    Some('\u{20AC}'),
    None,
    Some('\u{201A}'),
    Some('\u{0192}'),
    Some('\u{201E}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02C6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017D}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201C}'),
    Some('\u{201D}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02DC}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203A}'),
    Some('\u{0153}'),
    None,
    Some('\u{017E}'),
    Some('\u{0178}'),
];

/// Named references: (name, decoded, legacy). Legacy names also decode without
/// the semicolon, as browsers do.
const ENTITIES: &[(&str, char, bool)] = &[
    ("amp", '&', true),
    ("AMP", '&', true),
    ("lt", '<', true),
    ("LT", '<', true),
    ("gt", '>', true),
    ("GT", '>', true),
    ("quot", '"', true),
    ("QUOT", '"', true),
    ("apos", '\'', false),
    ("nbsp", '\u{A0}', true),
    ("iexcl", '¡', true),
    ("cent", '¢', true),
    ("pound", '£', true),
    ("curren", '¤', true),
    ("yen", '¥', true),
    ("brvbar", '¦', true),
    ("sect", '§', true),
    ("uml", '¨', true),
    ("copy", '©', true),
    ("COPY", '©', true),
    ("ordf", 'ª', true),
    ("laquo", '«', true),
    ("not", '¬', true),
    ("shy", '\u{AD}', true),
    ("reg", '®', true),
    ("REG", '®', true),
    ("macr", '¯', true),
    ("deg", '°', true),
    ("plusmn", '±', true),
    ("sup2", '²', true),
    ("sup3", '³', true),
    ("acute", '´', true),
    ("micro", 'µ', true),
    ("para", '¶', true),
    ("middot", '·', true),
    ("cedil", '¸', true),
    ("sup1", '¹', true),
    ("ordm", 'º', true),
    ("raquo", '»', true),
    ("frac14", '¼', true),
    ("frac12", '½', true),
    ("frac34", '¾', true),
    ("iquest", '¿', true),
    ("Agrave", 'À', true),
    ("Aacute", 'Á', true),
    ("Acirc", 'Â', true),
    ("Atilde", 'Ã', true),
    ("Auml", 'Ä', true),
    ("Aring", 'Å', true),
    ("AElig", 'Æ', true),
    ("Ccedil", 'Ç', true),
    ("Egrave", 'È', true),
    ("Eacute", 'É', true),
    ("Ecirc", 'Ê', true),
    ("Euml", 'Ë', true),
    ("Igrave", 'Ì', true),
    ("Iacute", 'Í', true),
    ("Icirc", 'Î', true),
    ("Iuml", 'Ï', true),
    ("ETH", 'Ð', true),
    ("Ntilde", 'Ñ', true),
    ("Ograve", 'Ò', true),
    ("Oacute", 'Ó', true),
    ("Ocirc", 'Ô', true),
    ("Otilde", 'Õ', true),
    ("Ouml", 'Ö', true),
    ("times", '×', true),
    ("Oslash", 'Ø', true),
    ("Ugrave", 'Ù', true),
    ("Uacute", 'Ú', true),
    ("Ucirc", 'Û', true),
    ("Uuml", 'Ü', true),
    ("Yacute", 'Ý', true),
    ("THORN", 'Þ', true),
    ("szlig", 'ß', true),
    ("agrave", 'à', true),
    ("aacute", 'á', true),
    ("acirc", 'â', true),
    ("atilde", 'ã', true),
    ("auml", 'ä', true),
    ("aring", 'å', true),
    ("aelig", 'æ', true),
    ("ccedil", 'ç', true),
    ("egrave", 'è', true),
    ("eacute", 'é', true),
    ("ecirc", 'ê', true),
    ("euml", 'ë', true),
    ("igrave", 'ì', true),
    ("iacute", 'í', true),
    ("icirc", 'î', true),
    ("iuml", 'ï', true),
    ("eth", 'ð', true),
    ("ntilde", 'ñ', true),
    ("ograve", 'ò', true),
    ("oacute", 'ó', true),
    ("ocirc", 'ô', true),
    ("otilde", 'õ', true),
    ("ouml", 'ö', true),
    ("divide", '÷', true),
    ("oslash", 'ø', true),
    ("ugrave", 'ù', true),
    ("uacute", 'ú', true),
    ("ucirc", 'û', true),
    ("uuml", 'ü', true),
    ("yacute", 'ý', true),
    ("thorn", 'þ', true),
    ("yuml", 'ÿ', true),
    // HTML 4 and 5 names without a legacy form.
    ("euro", '€', false),
    ("dollar", '$', false),
    ("percnt", '%', false),
    ("permil", '‰', false),
    ("pertenk", '‱', false),
    ("num", '#', false),
    ("comma", ',', false),
    ("period", '.', false),
    ("colon", ':', false),
    ("semi", ';', false),
    ("excl", '!', false),
    ("quest", '?', false),
    ("lpar", '(', false),
    ("rpar", ')', false),
    ("plus", '+', false),
    ("equals", '=', false),
    ("sol", '/', false),
    ("ast", '*', false),
    ("minus", '−', false),
    ("ndash", '–', false),
    ("mdash", '—', false),
    ("hyphen", '‐', false),
    ("dash", '‐', false),
    ("horbar", '―', false),
    ("lsquo", '‘', false),
    ("rsquo", '’', false),
    ("rsquor", '’', false),
    ("sbquo", '‚', false),
    ("ldquo", '“', false),
    ("rdquo", '”', false),
    ("rdquor", '”', false),
    ("bdquo", '„', false),
    ("lsaquo", '‹', false),
    ("rsaquo", '›', false),
    ("prime", '′', false),
    ("Prime", '″', false),
    ("hellip", '…', false),
    ("mldr", '…', false),
    ("bull", '•', false),
    ("bullet", '•', false),
    ("dagger", '†', false),
    ("Dagger", '‡', false),
    ("trade", '™', false),
    ("TRADE", '™', false),
    ("ensp", '\u{2002}', false),
    ("emsp", '\u{2003}', false),
    ("thinsp", '\u{2009}', false),
    ("hairsp", '\u{200A}', false),
    ("numsp", '\u{2007}', false),
    ("puncsp", '\u{2008}', false),
    ("NonBreakingSpace", '\u{A0}', false),
    ("zwj", '\u{200D}', false),
    ("zwnj", '\u{200C}', false),
    ("lrm", '\u{200E}', false),
    ("rlm", '\u{200F}', false),
    ("frac13", '⅓', false),
    ("frac23", '⅔', false),
    ("frac15", '⅕', false),
    ("frac25", '⅖', false),
    ("frac35", '⅗', false),
    ("frac45", '⅘', false),
    ("frac16", '⅙', false),
    ("frac56", '⅚', false),
    ("frac18", '⅛', false),
    ("frac38", '⅜', false),
    ("frac58", '⅝', false),
    ("frac78", '⅞', false),
    ("half", '½', false),
    ("le", '≤', false),
    ("leq", '≤', false),
    ("ge", '≥', false),
    ("geq", '≥', false),
    ("ne", '≠', false),
    ("asymp", '≈', false),
    ("approx", '≈', false),
    ("sim", '∼', false),
    ("infin", '∞', false),
    ("larr", '←', false),
    ("rarr", '→', false),
    ("uarr", '↑', false),
    ("darr", '↓', false),
    ("harr", '↔', false),
    ("fnof", 'ƒ', false),
    ("circ", 'ˆ', false),
    ("tilde", '˜', false),
    ("OElig", 'Œ', false),
    ("oelig", 'œ', false),
    ("Scaron", 'Š', false),
    ("scaron", 'š', false),
    ("Yuml", 'Ÿ', false),
    ("Zcaron", 'Ž', false),
    ("zcaron", 'ž', false),
    ("alpha", 'α', false),
    ("beta", 'β', false),
    ("gamma", 'γ', false),
    ("delta", 'δ', false),
    ("Delta", 'Δ', false),
    ("mu", 'μ', false),
    ("pi", 'π', false),
    ("sigma", 'σ', false),
    ("Sigma", 'Σ', false),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(html: &str) -> (String, super::super::map::OffsetMap) {
        let mut b = Builder::new(html);
        let mut c = Collector::new(html);
        extract(&Pieces::whole(html), &mut b, &mut c);
        b.finish()
    }

    #[test]
    fn entity_table_has_unique_names_and_short_legacy_names() {
        assert_eq!(ENTITY_INDEX.len(), ENTITIES.len(), "duplicate entity name");
        for (name, _, legacy) in ENTITIES {
            assert!(!legacy || name.len() <= LONGEST_LEGACY, "{name}");
            assert!(name.bytes().all(|b| b.is_ascii_alphanumeric()), "{name}");
        }
    }

    #[test]
    fn decodes_references_whole() {
        assert_eq!(reference("&pound;3bn"), Some((7, '£')));
        assert_eq!(reference("&pound3bn"), Some((6, '£')));
        assert_eq!(reference("&notit;"), Some((4, '¬')));
        assert_eq!(reference("&euro5"), None, "not a legacy name");
        assert_eq!(reference("&#37;"), Some((5, '%')));
        assert_eq!(reference("&#x25"), Some((5, '%')));
        assert_eq!(reference("&#150;"), Some((6, '–')));
        assert_eq!(reference("&#0;"), Some((4, '\u{FFFD}')));
        assert_eq!(reference("&#99999999999999999999;"), Some((23, '\u{FFFD}')));
        assert_eq!(reference("&#;"), None);
        assert_eq!(reference("& x"), None);
        assert_eq!(reference("&unknown;"), None);
    }

    #[test]
    fn drops_scripts_styles_comments_and_breaks_blocks() {
        let html = "<h1>Up 5%</h1><p>Rose <em>34</em> per cent<script>x = '<p>9</p>'</script>\
                    <style>p{width:10%}</style><!-- 7 --> &amp; more</p><ul><li>one 1<li>two 2</ul>";
        let (text, _) = prose(html);
        assert_eq!(text, "Up 5%\n\nRose 34 per cent & more\n\none 1\n\ntwo 2");
    }

    #[test]
    fn template_and_noscript_are_skipped_even_nested() {
        let (text, _) =
            prose("a<template>b<template>c</template>d</template>e<noscript>f</noscript>g");
        assert_eq!(text, "aeg");
    }

    #[test]
    fn pre_keeps_line_breaks() {
        let (text, _) = prose("<p>a\nb</p><pre>c\nd</pre>");
        assert_eq!(text, "a b\n\nc\nd");
    }
}
