//! How many bytes per second do Markdown and HTML drafts turn into prose with an
//! offset map, and how much does that add to the pipeline on the same article?
//!
//! Input: one synthetic article of about 1 MB per markup, dense in what costs
//! (inline markup around figures, entities, tables, lists, scripts, comments).
//! `analyze` with `Text` reads the HTML article as plain text: the pipeline
//! without markup, the baseline the others add to. Run: `cargo bench --bench markup`.

use std::sync::LazyLock;

use claimcheck::markup::{self, Markup};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

/// The binary's allocator (see `src/main.rs`), so that the figures are the CLI's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const MARKDOWN_UNIT: &str = "\
## Knife crime up 5.3%

Offences rose **34 per cent**, from 3,903 to *5,230* &mdash; the [Home Office](https://example.org) said.
Spending reached &pound;3bn, or `€4.2bn`.

- Birmingham: 1,204
- Leeds: 687

| City | Change |
|------|--------|
| York | 12%    |

> Police said 40 per cent
> of cases were closed.

<!-- claimcheck-disable-next-line percent-change -->
";

const HTML_UNIT: &str = "\
<h2>Knife crime up 5.3%</h2>
<p>Offences rose <strong>34 per cent</strong>, from 3,903 to <em>5,230</em>&nbsp;&mdash; the
<a href=\"https://example.org\">Home Office</a> said. Spending reached &pound;3bn, or &euro;4.2bn.</p>
<ul><li>Birmingham: 1,204</li><li>Leeds: 687</li></ul>
<table><tr><td>York</td><td>12%</td></tr></table>
<blockquote>Police said 40 per cent of cases were closed.</blockquote>
<script>var chart = { max: 100 };</script><!-- claimcheck-disable-next-line percent-change -->
";

static MARKDOWN: LazyLock<String> = LazyLock::new(|| MARKDOWN_UNIT.repeat(1 << 20 >> 9));
static HTML: LazyLock<String> = LazyLock::new(|| HTML_UNIT.repeat(1 << 20 >> 9));

fn input(markup: Markup) -> &'static str {
    match markup {
        Markup::Markdown => &MARKDOWN,
        Markup::Html | Markup::Text => &HTML,
    }
}

#[divan::bench(args = [Markup::Markdown, Markup::Html])]
fn prose(bencher: Bencher, markup: Markup) {
    let text = input(markup);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| black_box(markup::prose(black_box(text), markup)));
}

#[divan::bench(args = [Markup::Markdown, Markup::Html, Markup::Text])]
fn analyze(bencher: Bencher, markup: Markup) {
    let text = input(markup);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| black_box(markup::analyze(black_box(text), markup)));
}
