//! The whole pipeline on arbitrary bytes: read, segment, extract, check, render
//! text and JSON. Any panic, and any span off a char boundary, is a bug.
#![no_main]

use claimcheck::report::{FileReport, RenderOptions, Report};
use claimcheck::Source;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.txt", data.to_vec()) else {
        return;
    };
    let text = source.text.clone();
    let f = FileReport::new(source);
    for s in &f.analysis.sentences {
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
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
    claimcheck::report::text::render(&report, RenderOptions::default(), &mut out)
        .expect("render to memory");
});
