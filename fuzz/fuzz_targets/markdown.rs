//! Markdown drafts on arbitrary input: prose extraction, the pipeline, and the map
//! back to the original. Every mapped span must lie on char boundaries of the
//! original, and the JSON and HTML reports must render.
#![no_main]

use claimcheck::Source;
use claimcheck::markup::Markup;
use claimcheck::report::{FileReport, Report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.md", data.to_vec()) else {
        return;
    };
    let text = source.text.clone();
    let f = FileReport::with_markup(source, Markup::Markdown);
    for s in &f.analysis.sentences {
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.span.end <= text.len());
    }
    for c in &f.analysis.claims {
        assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
        assert!(c.quantity.value.is_finite());
    }
    let report = Report {
        files: vec![f],
        errors: vec![],
    };
    let mut out = Vec::new();
    claimcheck::report::json::render(&report, &mut out).expect("render to memory");
    let _: serde_json::Value = serde_json::from_slice(&out).expect("the JSON report parses");
    out.clear();
    claimcheck::report::html::render(&report, &mut out).expect("render to memory");
});
