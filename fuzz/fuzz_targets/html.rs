//! Html drafts on arbitrary input: prose extraction, the pipeline, and the map
//! back to the original (see `markup_common::check_draft`).
#![no_main]

#[path = "markup_common.rs"]
mod markup_common;

use claimcheck::markup::Markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    markup_common::check_draft(data, "fuzz.html", Markup::Html);
});
