//! Markdown to prose, through pulldown-cmark's offset iterator.
//!
//! Input: a `CommonMark` document (with GFM tables, footnotes, strikethrough, task
//! lists and YAML front matter). Output: appended to a [`Builder`] and a
//! suppression [`Collector`], in original byte offsets.
//!
//! - Paragraphs, headings, list items, table cells, block quotes, footnote
//!   definitions, thematic breaks and hard line breaks end a block.
//! - Emphasis, links and other inline markup add nothing: `**34 per cent**` is the
//!   prose `34 per cent`, mapped onto exactly those bytes. A link keeps its text
//!   and drops its URL.
//! - Code blocks, front matter and image alt text are not prose and are dropped;
//!   inline code keeps its text (`` `5%` `` in a sentence is usually a figure
//!   typed as code, and a sentence with a hole in it would read worse).
//! - Entities and backslash escapes come decoded from pulldown-cmark as their own
//!   text events; each maps as a whole onto the bytes it was written as.
//! - Raw HTML blocks go through the HTML extractor ([`super::html`]); inline HTML
//!   adds nothing except `<br>` (a block end), comments (suppression directives)
//!   and `<script>`/`<style>` (whose text is dropped).
//!
//! pulldown-cmark builds its tree without recursion proportional to nesting, and
//! nothing here keeps more than counters, so deep nesting costs nothing extra.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html::{self, Pieces};
use super::map::Builder;
use super::suppress::Collector;
use crate::source::Span;

pub(super) fn extract(original: &str, b: &mut Builder<'_>, c: &mut Collector<'_>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // Inside a code block, front matter or an image: text is not prose.
    let mut skip = 0usize;
    // Inside inline <script> or <style>.
    let mut inline_skip = 0usize;
    // The lines of the HTML block being read.
    let mut html_block: Option<Vec<std::ops::Range<usize>>> = None;
    for (event, range) in Parser::new_ext(original, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::Image { .. } => skip += 1,
                    Tag::HtmlBlock => html_block = Some(Vec::new()),
                    _ => {}
                }
                if is_block(&tag) {
                    b.block();
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => {
                        skip = skip.saturating_sub(1);
                    }
                    TagEnd::HtmlBlock => {
                        if let Some(lines) = html_block.take() {
                            html::extract(&Pieces::new(original, &lines), b, c);
                        }
                    }
                    _ => {}
                }
                if is_block_end(tag) {
                    b.block();
                }
            }
            // pulldown-cmark reports the indentation of an HTML block as empty-range
            // text; the block's own lines are read as HTML below.
            Event::Text(t) | Event::Code(t)
                if skip == 0 && inline_skip == 0 && html_block.is_none() =>
            {
                text(original, &t, range, b);
            }
            Event::Html(_) => {
                if let Some(lines) = html_block.as_mut() {
                    lines.push(range);
                }
            }
            Event::InlineHtml(t) => inline_html(&t, range, b, c, &mut inline_skip),
            Event::SoftBreak if skip == 0 => {
                if original
                    .get(range.clone())
                    .is_some_and(|s| s.trim().is_empty())
                {
                    b.copy(range);
                } else {
                    b.atom(" ", range);
                }
            }
            Event::HardBreak | Event::Rule => b.block(),
            _ => {}
        }
    }
}

/// Appends a text event: copied byte for byte where its text is its source
/// (plain text, inline code inside its backticks), else as an atom over the whole
/// range (an entity, an escape).
fn text(original: &str, t: &str, range: std::ops::Range<usize>, b: &mut Builder<'_>) {
    let Some(slice) = original.get(range.clone()) else {
        return;
    };
    if slice == t {
        b.copy(range);
        return;
    }
    match align(t, slice) {
        Some(runs) => {
            for r in runs {
                b.copy(range.start + r.start..range.start + r.end);
            }
        }
        None => b.atom(t, range),
    }
}

/// Aligns inline code text `t` with its source `slice` (backticks included) and
/// returns the source runs it is made of. `CommonMark` drops the backticks and a
/// padding space, reads line breaks as spaces (which is what `Builder::copy`
/// makes of them too) and drops the indentation and `>` markers of continuation
/// lines: so `t` must be `slice` less some of those bytes, matched greedily.
/// `None` when it is not (an entity, an escape), and the caller maps it whole.
fn align(t: &str, slice: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let droppable = |c: u8| matches!(c, b'`' | b' ' | b'\t' | b'\n' | b'\r' | b'>');
    let (tb, sb) = (t.as_bytes(), slice.as_bytes());
    let mut runs = Vec::new();
    let mut run = 0;
    let mut j = 0;
    for &want in tb {
        loop {
            let &c = sb.get(j)?;
            if c == want || (want == b' ' && matches!(c, b'\n' | b'\r')) {
                break;
            }
            if !droppable(c) {
                return None;
            }
            if run < j {
                runs.push(run..j);
            }
            j += 1;
            run = j;
        }
        j += 1;
    }
    if run < j {
        runs.push(run..j);
    }
    sb[j..].iter().all(|&c| droppable(c)).then_some(runs)
}

fn inline_html(
    t: &str,
    range: std::ops::Range<usize>,
    b: &mut Builder<'_>,
    c: &mut Collector<'_>,
    inline_skip: &mut usize,
) {
    if let Some(body) = t.strip_prefix("<!--") {
        let body = body.strip_suffix("-->").unwrap_or(body);
        c.comment(Span::new(range.start, range.end), body);
        return;
    }
    let (closing, rest) = match t.strip_prefix("</") {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('<').unwrap_or(t)),
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = rest[..name_len].to_ascii_lowercase();
    match name.as_str() {
        "br" | "p" | "div" | "li" | "tr" | "td" | "th" | "hr" => b.block(),
        "script" | "style" | "noscript" | "template" => {
            if closing {
                *inline_skip = inline_skip.saturating_sub(1);
            } else {
                *inline_skip += 1;
            }
        }
        _ => {}
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(md: &str) -> String {
        let mut b = Builder::new(md);
        let mut c = Collector::new(md);
        extract(md, &mut b, &mut c);
        b.finish().0
    }

    #[test]
    fn blocks_become_blank_lines_and_inline_markup_vanishes() {
        let md = "# Crime up 5%\n\nA **34 per cent** rise, [from 108](http://x/9) to\n164.\n\n\
                  - one 1\n- two 2\n\n| a 3 | b 4 |\n|---|---|\n| 5 | 6 |\n\n> quoted 7\n";
        assert_eq!(
            prose(md),
            "Crime up 5%\n\nA 34 per cent rise, from 108 to 164.\n\none 1\n\ntwo 2\n\n\
             a 3\n\nb 4\n\n5\n\n6\n\nquoted 7"
        );
    }

    #[test]
    fn code_blocks_front_matter_and_images_are_dropped() {
        let md = "---\ntitle: 9\n---\n\nText `5%` here ![chart 8](x.png).\n\n```\ncode 7\n```\n\n    indented 6\n";
        assert_eq!(prose(md), "Text 5% here .");
    }

    #[test]
    #[allow(
        clippy::single_range_in_vec_init,
        reason = "a list of one source run, not a range to collect"
    )]
    fn inline_code_across_lines_aligns_with_its_source() {
        assert_eq!(align("a 5%  of 6", "`` a 5%\r\nof 6 ``"), Some(vec![3..13]));
        assert_eq!(
            align("a 5% of 6", "`a 5%\n\t of 6`"),
            Some(vec![1..6, 8..12])
        );
        assert_eq!(align("x ", "`\nx \n`"), Some(vec![2..4]));
        assert_eq!(align("a 5%", "`a\n> > 5%`"), Some(vec![1..3, 7..9]));
        assert_eq!(align("&", "&amp;"), None);
        assert_eq!(align("*", "\\*"), None);
        let md = "Up `5%\n  more` here.";
        assert_eq!(prose(md), "Up 5%   more here.");
    }

    #[test]
    fn html_blocks_and_inline_html() {
        let md = "<div>\nhtml &pound;4\n</div>\n\nA<br>B <script>x 1</script> C\n";
        assert_eq!(prose(md), "html £4 \n\nA\n\nB  C");
    }
}
