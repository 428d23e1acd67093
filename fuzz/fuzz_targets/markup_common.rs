//! What the Markdown and HTML fuzz targets share: run one draft through prose
//! extraction, the pipeline and the reports, and check every mapped span.

use claimcheck::Source;
use claimcheck::markup::Markup;
use claimcheck::report::{FileReport, Report};

/// Any panic, a span off a char boundary of the original, a non-finite value or
/// a JSON report that does not parse is a bug.
pub fn check_draft(data: &[u8], name: &str, markup: Markup) {
    let Ok(source) = Source::from_bytes(name, data.to_vec()) else {
        return;
    };
    let text = source.text.clone();
    let f = FileReport::with_markup(source, markup);
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
}
