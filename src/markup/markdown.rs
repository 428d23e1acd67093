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
            Event::Text(t) | Event::Code(t) if skip == 0 && inline_skip == 0 => {
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

/// Appends a text event: copied when its text is found verbatim in its source
/// range (plain text, or inline code inside its backticks), else as an atom over
/// the whole range (an entity, an escape).
fn text(original: &str, t: &str, range: std::ops::Range<usize>, b: &mut Builder<'_>) {
    let Some(slice) = original.get(range.clone()) else {
        return;
    };
    if slice == t {
        b.copy(range);
    } else if let Some(i) = slice.find(t).filter(|_| !t.is_empty()) {
        let start = range.start + i;
        b.copy(start..start + t.len());
    } else {
        b.atom(t, range);
    }
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
    fn html_blocks_and_inline_html() {
        let md = "<div>\nhtml &pound;4\n</div>\n\nA<br>B <script>x 1</script> C\n";
        assert_eq!(prose(md), "html £4 \n\nA\n\nB  C");
    }
}
