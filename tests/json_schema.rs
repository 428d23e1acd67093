//! The JSON report's schema, `docs/json-report.schema.json`: it is a valid draft
//! 2020-12 schema, a real report with every kind of value (hedges, currencies,
//! open interval ends, warnings, errors) validates, wrong types and missing fields
//! are rejected, an undocumented field is rejected by the strict variant the tests
//! use and accepted by the published one, and its field lists and enums agree with
//! the code and with `docs/json-report.md`.

mod report_schema;

use std::collections::BTreeSet;

use claimcheck::Source;
use claimcheck::check::{RULES, Severity, Verdict};
use claimcheck::extract::{ClaimKind, Hedge};
use claimcheck::report::{FileReport, Report};
use report_schema::{LINE, REPORT, STRICT_LINE, STRICT_REPORT};
use serde_json::{Value, json};

/// An open-ended hedge (`more than 30 per cent`: tolerance `[30, null]`), a hedged
/// share, a noun, money with a currency, and a points-versus-per-cent warning.
const RICH: &str = "Sales rose more than 30 per cent, from 100 to 150 units.\n\
                    About 40% of the 500 staff, or 200 people, left, and £3bn was spent.\n\
                    Turnout rose 5 per cent, from 60% to 65%.\n";

fn rich() -> Report {
    let source = Source::from_bytes("news/rich.txt", RICH.as_bytes().to_vec()).unwrap();
    let error = Source::from_bytes("bad.txt", vec![b'a', 0xff]).unwrap_err();
    Report {
        files: vec![FileReport::new(source)],
        errors: vec![error],
    }
}

fn json(report: &Report) -> Value {
    let mut out = Vec::new();
    claimcheck::report::json::render(report, &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn jsonl_line(report: &Report) -> Value {
    let mut out = Vec::new();
    claimcheck::report::jsonl::render_file(&report.files[0], &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

/// The JSON pointers of every object in `v`, the root included.
fn objects(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            out.push(at.to_owned());
            for (k, child) in map {
                objects(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                objects(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = report_schema::published();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    for (what, s) in [
        ("published", schema.clone()),
        ("strict", report_schema::strict(&schema)),
        ("line", report_schema::def(&schema, "line")),
        (
            "strict line",
            report_schema::def(&report_schema::strict(&schema), "line"),
        ),
    ] {
        if let Err(e) = jsonschema::draft202012::meta::validate(&s) {
            panic!(
                "{what}: not a draft 2020-12 schema: {e} at {}",
                e.instance_path()
            );
        }
    }
    // The meta-schema check is not vacuous.
    assert!(!jsonschema::draft202012::meta::is_valid(
        &json!({"type": "integer", "minimum": "0"})
    ));
}

#[test]
fn a_report_with_every_kind_of_value_validates() {
    let report = rich();
    let doc = json(&report);
    let f = &doc["files"][0];
    // The report holds what the schema must admit.
    let hedges: Vec<&Value> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["hedge"])
        .collect();
    assert!(hedges.contains(&&json!("more-than")) && hedges.contains(&&Value::Null));
    let currencies: Vec<&Value> = f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["currency"])
        .collect();
    assert!(currencies.contains(&&json!("GBP")), "{currencies:?}");
    assert!(
        f["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["noun"].is_string())
    );
    let checks = f["checks"].as_array().unwrap();
    assert!(
        checks.iter().any(|c| c["tolerance"] == json!([30.0, null])),
        "{checks:#?}"
    );
    assert!(
        checks.iter().any(|c| c["severity"] == "warning"),
        "{checks:#?}"
    );
    assert_eq!(
        doc["errors"][0]["message"],
        "invalid UTF-8 at byte offset 1"
    );
    assert_eq!(doc["summary"]["warnings"], 1);

    report_schema::assert_valid(&STRICT_REPORT, &doc, "rich report, strict");
    report_schema::assert_valid(&REPORT, &doc, "rich report, published");
    let line = jsonl_line(&report);
    report_schema::assert_valid(&STRICT_LINE, &line, "rich line, strict");
    report_schema::assert_valid(&LINE, &line, "rich line, published");
    // An empty run (no files, no errors) is a report too.
    report_schema::assert_valid(&STRICT_REPORT, &json(&Report::default()), "empty report");
}

/// `(pointer, replacement)`: `None` removes the field.
const BREAKAGES: &[(&str, Option<&str>)] = &[
    ("/version", Some("2")),
    ("/version", Some("\"1\"")),
    ("/files", Some("{}")),
    ("/summary/warnings", None),
    ("/summary/claims", Some("-1")),
    ("/errors/0/message", None),
    ("/errors/0/message", Some("\"\"")),
    ("/files/0/path", Some("null")),
    ("/files/0/sentences/0/end", None),
    ("/files/0/sentences/0/start", Some("0.5")),
    ("/files/0/claims", None),
    ("/files/0/claims/0/id", Some("\"0\"")),
    ("/files/0/claims/0/kind", Some("\"percentage\"")),
    ("/files/0/claims/0/text", Some("\"\"")),
    ("/files/0/claims/0/value", Some("null")),
    ("/files/0/claims/0/start", Some("\"21\"")),
    ("/files/0/claims/0/end", Some("-1")),
    ("/files/0/claims/0/line", Some("0")),
    ("/files/0/claims/0/column", Some("0")),
    ("/files/0/claims/0/hedge", Some("\"more than\"")),
    ("/files/0/claims/0/hedge", None),
    ("/files/0/claims/0/currency", Some("\"pounds\"")),
    ("/files/0/claims/0/noun", Some("1")),
    ("/files/0/claims/0/checked", Some("\"true\"")),
    ("/files/0/claims/0/precision", Some("-0.5")),
    ("/files/0/checks/0/rule", Some("\"percent_change\"")),
    ("/files/0/checks/0/verdict", Some("\"ok\"")),
    ("/files/0/checks/0/severity", Some("\"info\"")),
    ("/files/0/checks/0/claim", Some("null")),
    ("/files/0/checks/0/evidence", Some("[1.5]")),
    ("/files/0/checks/0/stated", Some("null")),
    ("/files/0/checks/0/computed", Some("\"50\"")),
    ("/files/0/checks/0/tolerance", Some("[30]")),
    ("/files/0/checks/0/tolerance", Some("[30, null, 1]")),
    ("/files/0/checks/0/computed_range", Some("[\"50\", 50]")),
    ("/files/0/checks/0/message", None),
];

/// Applies one breakage; the pointer must name an existing field.
fn broken(doc: &Value, pointer: &str, replacement: Option<&str>) -> Value {
    let mut doc = doc.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc.pointer_mut(parent).unwrap();
    if let Some(r) = replacement {
        let slot = target.pointer_mut(&format!("/{key}"));
        *slot.unwrap_or_else(|| panic!("{pointer} exists")) = serde_json::from_str(r).unwrap();
    } else {
        let removed = target.as_object_mut().unwrap().remove(key);
        assert!(removed.is_some(), "{pointer} exists");
    }
    doc
}

#[test]
fn wrong_types_and_missing_fields_fail_validation() {
    let doc = json(&rich());
    report_schema::assert_valid(&REPORT, &doc, "unbroken");
    for &(pointer, replacement) in BREAKAGES {
        let bad = broken(&doc, pointer, replacement);
        // The error is reported at (or inside) the field, or at its object when
        // the field is missing.
        let parent = pointer.rsplit_once('/').unwrap().0;
        let here = |e: &str| match replacement {
            Some(_) => e == pointer || e.starts_with(&format!("{pointer}/")),
            None => e == parent,
        };
        for (name, v) in [("published", &*REPORT), ("strict", &*STRICT_REPORT)] {
            let errors: Vec<String> = v
                .iter_errors(&bad)
                .map(|e| e.instance_path().to_string())
                .collect();
            assert!(
                errors.iter().any(|e| here(e)),
                "{name}: {pointer} = {replacement:?} should fail there, errors at {errors:?}"
            );
        }
    }
}

#[test]
fn a_jsonl_line_needs_its_version_and_a_file_object_has_none() {
    let report = rich();
    let line = jsonl_line(&report);
    report_schema::assert_valid(&LINE, &line, "line");
    let mut no_version = line.clone();
    no_version.as_object_mut().unwrap().remove("version");
    assert!(!LINE.is_valid(&no_version));
    assert!(!STRICT_LINE.is_valid(&broken(&line, "/version", Some("2"))));
    assert!(!STRICT_LINE.is_valid(&broken(&line, "/claims/0/kind", Some("\"pc\""))));
    // The report's file object is the line without `version`: it validates as a
    // file, not as a line.
    let file = json(&report)["files"][0].clone();
    assert_eq!(file, no_version);
    let schema = report_schema::strict(&report_schema::published());
    let file_schema = report_schema::validator(&report_schema::def(&schema, "file"));
    report_schema::assert_valid(&file_schema, &file, "file object");
    assert!(!STRICT_LINE.is_valid(&file));
    // In `files[]`, `version` is an undocumented field.
    assert!(!file_schema.is_valid(&line));
}

#[test]
fn undocumented_fields_fail_only_the_strict_schema() {
    let report = rich();
    for (what, doc, strict, published) in [
        ("report", json(&report), &*STRICT_REPORT, &*REPORT),
        ("line", jsonl_line(&report), &*STRICT_LINE, &*LINE),
    ] {
        let mut at = Vec::new();
        objects(&doc, "", &mut at);
        // The root, 3 sentences, 10 claims, 3 checks (and in the report, the file,
        // the error and the summary).
        assert!(at.len() >= 17, "{what}: {at:?}");
        for pointer in at {
            let mut extended = doc.clone();
            extended
                .pointer_mut(&pointer)
                .and_then(Value::as_object_mut)
                .unwrap()
                .insert("undocumented".to_owned(), json!(true));
            assert!(
                !strict.is_valid(&extended),
                "{what}: the strict schema allows an extra field at `{pointer}`"
            );
            // The published schema follows the additive contract.
            let errors = report_schema::errors(published, &extended);
            assert!(errors.is_empty(), "{what}: `{pointer}`: {errors:?}");
        }
    }
}

fn enum_of(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no enum at {pointer}"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn names<T: serde::Serialize>(values: &[T]) -> BTreeSet<String> {
    values
        .iter()
        .map(|v| {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// Every variant, listed by hand; the exhaustive matches below stop compiling when
/// a variant is added, and the list and the schema must then be updated.
const KINDS: [ClaimKind; 14] = [
    ClaimKind::Count,
    ClaimKind::Percent,
    ClaimKind::Points,
    ClaimKind::Year,
    ClaimKind::Decade,
    ClaimKind::Money,
    ClaimKind::Fraction,
    ClaimKind::Multiplier,
    ClaimKind::Date,
    ClaimKind::Time,
    ClaimKind::Ordinal,
    ClaimKind::Age,
    ClaimKind::Score,
    ClaimKind::Duration,
];

const HEDGES: [Hedge; 17] = [
    Hedge::About,
    Hedge::Around,
    Hedge::Approximately,
    Hedge::Some,
    Hedge::Roughly,
    Hedge::Nearly,
    Hedge::Almost,
    Hedge::JustUnder,
    Hedge::MoreThan,
    Hedge::Over,
    Hedge::Above,
    Hedge::AtLeast,
    Hedge::UpTo,
    Hedge::LessThan,
    Hedge::Under,
    Hedge::Below,
    Hedge::AtMost,
];

#[allow(dead_code, reason = "a compile-time exhaustiveness check")]
fn every_variant_is_listed(k: ClaimKind, h: Hedge, v: Verdict, s: Severity) {
    match k {
        ClaimKind::Count
        | ClaimKind::Percent
        | ClaimKind::Points
        | ClaimKind::Year
        | ClaimKind::Decade
        | ClaimKind::Money
        | ClaimKind::Fraction
        | ClaimKind::Multiplier
        | ClaimKind::Date
        | ClaimKind::Time
        | ClaimKind::Ordinal
        | ClaimKind::Age
        | ClaimKind::Score
        | ClaimKind::Duration => {}
    }
    match h {
        Hedge::About
        | Hedge::Around
        | Hedge::Approximately
        | Hedge::Some
        | Hedge::Roughly
        | Hedge::Nearly
        | Hedge::Almost
        | Hedge::JustUnder
        | Hedge::MoreThan
        | Hedge::Over
        | Hedge::Above
        | Hedge::AtLeast
        | Hedge::UpTo
        | Hedge::LessThan
        | Hedge::Under
        | Hedge::Below
        | Hedge::AtMost => {}
    }
    match v {
        Verdict::Consistent | Verdict::Inconsistent => {}
    }
    match s {
        Severity::Error | Severity::Warning => {}
    }
}

#[test]
fn schema_enums_match_the_code() {
    let schema = report_schema::published();
    let claim = "/$defs/claim/properties";
    let check = "/$defs/check/properties";
    assert_eq!(
        enum_of(&schema, &format!("{claim}/kind/enum")),
        names(&KINDS)
    );
    assert_eq!(
        enum_of(&schema, &format!("{claim}/hedge/enum")),
        names(&HEDGES)
    );
    // `null` is the one non-string hedge.
    let hedge = schema.pointer(&format!("{claim}/hedge/enum")).unwrap();
    assert_eq!(hedge.as_array().unwrap().len(), HEDGES.len() + 1);
    assert!(hedge.as_array().unwrap().contains(&Value::Null));
    assert_eq!(
        enum_of(&schema, &format!("{check}/verdict/enum")),
        names(&[Verdict::Consistent, Verdict::Inconsistent])
    );
    assert_eq!(
        enum_of(&schema, &format!("{check}/severity/enum")),
        names(&[Severity::Error, Severity::Warning])
    );
    let rules: BTreeSet<String> = RULES.iter().map(|r| r.id().to_owned()).collect();
    assert_eq!(enum_of(&schema, &format!("{check}/rule/enum")), rules);
}

/// Each row of the table under `## {section}` in docs/json-report.md: the
/// backquoted field names of its first cell, and its last cell (the meaning).
fn doc_table(doc: &str, section: &str) -> Vec<(BTreeSet<String>, String)> {
    let start = doc
        .find(&format!("\n## {section}\n"))
        .unwrap_or_else(|| panic!("no section {section}"));
    let body = &doc[start + 1..];
    let body = body[3..].find("\n## ").map_or(body, |end| &body[..end + 3]);
    body.lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            (backquoted(cells[0]), cells[cells.len() - 1].to_owned())
        })
        .collect()
}

fn backquoted(s: &str) -> BTreeSet<String> {
    s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

fn properties(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(&format!("{pointer}/properties"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn schema_fields_and_enums_match_the_doc() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json-report.md"),
    )
    .unwrap();
    let schema = report_schema::published();
    for (section, pointer) in [
        ("Top level", ""),
        ("File", "/$defs/file"),
        ("Claim", "/$defs/claim"),
        ("Check", "/$defs/check"),
        ("Error", "/$defs/error"),
        ("Summary", "/$defs/summary"),
    ] {
        let documented: BTreeSet<String> = doc_table(&doc, section)
            .into_iter()
            .flat_map(|(fields, _)| fields)
            .collect();
        let declared = properties(&schema, pointer);
        assert_eq!(documented, declared, "## {section} vs {pointer}");
        // Every documented field is always written.
        let required: BTreeSet<String> = schema
            .pointer(&format!("{pointer}/required"))
            .and_then(Value::as_array)
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(required, declared, "{pointer}: required");
    }
    let row = |section: &str, field: &str| {
        doc_table(&doc, section)
            .into_iter()
            .find(|(f, _)| f.len() == 1 && f.contains(field))
            .map_or_else(
                || panic!("no row `{field}` under {section}"),
                |(_, meaning)| backquoted(&meaning),
            )
    };
    let claim = "/$defs/claim/properties";
    let check = "/$defs/check/properties";
    assert_eq!(
        row("Claim", "kind"),
        enum_of(&schema, &format!("{claim}/kind/enum"))
    );
    assert_eq!(
        row("Claim", "hedge"),
        enum_of(&schema, &format!("{claim}/hedge/enum"))
    );
    assert_eq!(
        row("Check", "verdict"),
        enum_of(&schema, &format!("{check}/verdict/enum"))
    );
    assert_eq!(
        row("Check", "severity"),
        enum_of(&schema, &format!("{check}/severity/enum"))
    );
}
