//! SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the format
//! GitHub code scanning and most CI dashboards ingest.
//!
//! One run per invocation. `tool.driver.rules` lists every rule of the registry
//! with its summary and `--explain` page; `results` holds one result per
//! *inconsistent* check only (a consistent check is not a problem to show), with
//! the claim as the location and its evidence as `relatedLocations`. Unreadable
//! inputs become `invocations[0].toolExecutionNotifications`.
//!
//! Positions: lines and columns are 1-based and `endColumn` is the column just
//! after the claim's last character (SARIF §3.30.5–3.30.8). Our columns count
//! Unicode code points, so the run says `"columnKind": "unicodeCodePoints"` instead
//! of leaving consumers to assume UTF-16 code units (§3.14.17). The exact byte span
//! is given as `byteOffset`/`byteLength` (§3.30.11–12), which need no unit
//! conversion at all; `charOffset` is not written because it would be in
//! code points from the start of the file, one more number to get wrong.
//!
//! `tests/formats.rs` validates the output against the SARIF 2.1.0 JSON schema.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Position, Report, bound};
use crate::check::{Check, RULES, Severity, Verdict};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    /// The rule's struct name (`PercentChange`), which SARIF viewers show as a title.
    name: String,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Help {
    text: &'static str,
    /// The explain pages are Markdown, which GitHub renders in the alert view.
    markdown: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: OwnedText,
    locations: [Location; 1],
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: OwnedText,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    properties: ResultProperties<'a>,
}

/// The numbers behind the message, so a dashboard can show or sort by them.
#[derive(Serialize)]
struct ResultProperties<'a> {
    claim: &'a str,
    stated: Option<f64>,
    computed: Option<f64>,
    tolerance: [Option<f64>; 2],
    computed_range: [Option<f64>; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(
    clippy::struct_field_names,
    reason = "field names are SARIF's property names"
)]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<OwnedText>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
    snippet: OwnedText,
}

/// Writes the SARIF log, pretty-printed, and a final newline.
///
/// # Errors
/// Any error writing to `out`.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut results = Vec::new();
    for f in &report.files {
        file_results(f, &mut results);
    }
    let notifications = report
        .errors
        .iter()
        .map(|e| Notification {
            level: "error",
            message: OwnedText { text: e.message() },
            locations: [Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(e.path()) },
                    region: None,
                },
                message: None,
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver: driver() },
            invocations: [Invocation {
                execution_successful: report.errors.is_empty(),
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    let mut buf = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut buf, &log).map_err(super::json::to_io)?;
    buf.write_all(b"\n")?;
    buf.flush()
}

fn driver() -> Driver {
    // `informationUri` must be an absolute URI; the package has none to give until
    // Cargo.toml names a homepage or repository, and a made-up one would be worse.
    let uri = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty());
    Driver {
        name: "claimcheck",
        version: env!("CARGO_PKG_VERSION"),
        semantic_version: env!("CARGO_PKG_VERSION"),
        information_uri: uri,
        rules: RULES
            .iter()
            .map(|r| RuleDescriptor {
                id: r.id(),
                name: pascal_case(r.id()),
                short_description: Text { text: r.summary() },
                full_description: Text {
                    text: first_paragraph(r.explain()),
                },
                help: Help {
                    text: r.explain(),
                    markdown: r.explain(),
                },
                default_configuration: Configuration {
                    level: level(r.severity()),
                },
            })
            .collect(),
    }
}

/// `percent-change` → `PercentChange`: STYLE.md derives a rule's struct name from
/// its id the same way.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The first paragraph of an explain page that is not a Markdown heading: the
/// page's opening sentence says what the rule checks.
fn first_paragraph(page: &str) -> &str {
    page.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or_else(|| page.trim())
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn file_results<'a>(f: &'a FileReport, out: &mut Vec<SarifResult<'a>>) {
    let flagged = |c: &&Check| c.verdict == Verdict::Inconsistent;
    if !f.analysis.checks.iter().any(|c| flagged(&c)) {
        return;
    }
    let positions = super::positions(f);
    let uri = uri(&f.source.path);
    let text = &f.source.text;
    let claims = &f.analysis.claims;
    let location = |id: usize, n: Option<usize>| -> Option<Location> {
        let claim = claims.get(id)?;
        let pos = positions.get(id).copied().unwrap_or(Position::default());
        let snippet = claim.span.slice(text);
        Some(Location {
            id: n,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri.clone() },
                region: Some(Region {
                    start_line: pos.line.max(1),
                    start_column: pos.column.max(1),
                    end_line: pos.end_line.max(1),
                    end_column: pos.end_column.max(1),
                    byte_offset: claim.span.start,
                    byte_length: claim.span.len(),
                    snippet: OwnedText {
                        text: snippet.to_owned(),
                    },
                }),
            },
            message: n.map(|_| OwnedText {
                text: format!("figure `{snippet}`"),
            }),
        })
    };
    for c in f.analysis.checks.iter().filter(flagged) {
        // A check whose claim id is out of range is a bug upstream; skipping it
        // keeps the log valid rather than pointing at a made-up place.
        let Some(primary) = location(c.claim, None) else {
            continue;
        };
        let related = c
            .evidence
            .iter()
            .enumerate()
            .filter_map(|(n, &id)| location(id, Some(n + 1)))
            .collect();
        out.push(SarifResult {
            rule_id: c.rule,
            rule_index: RULES.iter().position(|r| r.id() == c.rule),
            level: level(c.severity),
            message: OwnedText { text: message(c) },
            locations: [primary],
            related_locations: related,
            properties: ResultProperties {
                claim: claims.get(c.claim).map_or("", |cl| cl.span.slice(text)),
                stated: finite(c.stated),
                computed: finite(c.computed),
                tolerance: c.tolerance.as_array().map(finite),
                computed_range: c.computed_range.as_array().map(finite),
            },
        });
    }
}

/// The check's message and the intervals behind it, as the text format says them.
fn message(c: &Check) -> String {
    let mut m = c.message.clone();
    let _ = write!(
        m,
        " (the stated value covers {}..{}; the figures allow {}..{})",
        bound(c.tolerance.lo),
        bound(c.tolerance.hi),
        bound(c.computed_range.lo),
        bound(c.computed_range.hi),
    );
    m
}

/// JSON has no infinity; the open end of `more than 30%` is `null`, as in the JSON
/// report.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The path as given, as a relative URI reference (RFC 3986): GitHub resolves it
/// against the repository root, so `corpus/a.txt` must stay `corpus/a.txt`.
/// A leading `./` is dropped (it names the same file and some consumers do not
/// normalise it); every byte outside the unreserved set and `/` is
/// percent-encoded, so spaces, `#`, `?`, `%` and a `:` that would read as a scheme
/// cannot change what the reference means.
pub(crate) fn uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    let mut out = String::with_capacity(rest.len());
    for &b in rest.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report_with_finding, source_report};
    use serde_json::Value;

    fn sarif(report: &Report) -> Value {
        let mut out = Vec::new();
        render(report, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn only_inconsistent_checks_are_results_with_exact_regions() {
        let f = report_with_finding();
        let text = f.source.text.clone();
        let log = sarif(&Report {
            files: vec![f],
            errors: Vec::new(),
        });
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["tool"]["driver"]["name"], "claimcheck");
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 1, "{results:#?}");
        let r = &results[0];
        assert_eq!(r["ruleId"], "percent-change");
        assert_eq!(r["level"], "error");
        assert!(r["message"]["text"].as_str().unwrap().starts_with(
            "stated 34%, but 108 → 164 is +51.9% (the stated value covers 33.5..34.5"
        ));
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "news/crime%2C%20100%25%3A%20a.txt"
        );
        let region = &loc["region"];
        // "Crime rose " is 11 characters: the claim starts at column 12 and its
        // 11 characters end before column 23.
        assert_eq!(region["startLine"], 1);
        assert_eq!(region["startColumn"], 12);
        assert_eq!(region["endLine"], 1);
        assert_eq!(region["endColumn"], 23);
        assert_eq!(region["byteOffset"], 11);
        assert_eq!(region["byteLength"], 11);
        assert_eq!(region["snippet"]["text"], "34 per cent");
        let related = r["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 2);
        assert_eq!(related[0]["id"], 1);
        assert_eq!(related[1]["message"]["text"], "figure `164`");
        let start = related[1]["physicalLocation"]["region"]["byteOffset"]
            .as_u64()
            .unwrap() as usize;
        assert_eq!(&text[start..start + 3], "164");
    }

    /// The SARIF 2.1.0 schema that tests/formats.rs validates with (see there for
    /// its source and the one pattern fixed in memory).
    fn schema() -> jsonschema::Validator {
        let text = include_str!("../../tests/data/sarif-schema-2.1.0.json").replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    }

    #[test]
    fn findings_and_errors_validate_against_the_schema() {
        let mut warning = report_with_finding();
        warning.analysis.checks[0].severity = Severity::Warning;
        warning.analysis.checks[1].verdict = Verdict::Inconsistent;
        warning.analysis.checks[1].tolerance = crate::check::Interval::new(30.0, f64::INFINITY);
        let log = sarif(&Report {
            files: vec![report_with_finding(), warning, source_report("<stdin>", "")],
            errors: vec![crate::Error::IsDirectory {
                path: "d".to_owned(),
            }],
        });
        let errors: Vec<String> = schema()
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
        assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 3);
        assert_eq!(log["runs"][0]["results"][1]["level"], "warning");
        assert_eq!(
            log["runs"][0]["results"][2]["properties"]["tolerance"][1],
            Value::Null
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut f = report_with_finding();
        // Move the finding to line 2, after a `£`: the byte and character columns differ.
        f.analysis.checks[0].claim = 5; // "£90"
        let log = sarif(&Report {
            files: vec![f],
            errors: Vec::new(),
        });
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        let line2 = "Fines fell 10%, from £100 to ";
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], line2.chars().count() + 1);
        assert_eq!(region["endColumn"], line2.chars().count() + 4);
        assert_eq!(region["byteLength"], "£90".len());
    }

    #[test]
    fn errors_are_notifications_and_the_run_unsuccessful() {
        let report = Report {
            files: vec![source_report("ok.txt", "Nothing here.\n")],
            errors: vec![crate::Error::IsDirectory {
                path: "./dir name".to_owned(),
            }],
        };
        let log = sarif(&report);
        let inv = &log["runs"][0]["invocations"][0];
        assert_eq!(inv["executionSuccessful"], false);
        let n = &inv["toolExecutionNotifications"][0];
        assert_eq!(n["level"], "error");
        assert_eq!(n["message"]["text"], "is a directory, not an article");
        assert_eq!(
            n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "dir%20name"
        );
        assert_eq!(log["runs"][0]["results"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn rules_carry_docs_and_levels() {
        let log = sarif(&Report::default());
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap();
        assert_eq!(rules.len(), RULES.len());
        for (r, json) in RULES.iter().zip(rules) {
            assert_eq!(json["id"], r.id());
            assert!(!json["name"].as_str().unwrap().contains('-'));
            assert_eq!(json["shortDescription"]["text"], r.summary());
            assert_eq!(json["help"]["markdown"], r.explain());
            assert_eq!(json["defaultConfiguration"]["level"], level(r.severity()));
        }
    }

    #[test]
    fn rule_names_follow_the_struct_names() {
        assert_eq!(pascal_case("percent-change"), "PercentChange");
        assert_eq!(pascal_case("percent-change-delta"), "PercentChangeDelta");
    }

    #[test]
    fn first_paragraph_skips_headings() {
        assert_eq!(
            first_paragraph("# x\n\nChecks y.\nMore.\n\n## Why"),
            "Checks y.\nMore."
        );
        assert_eq!(first_paragraph("TODO"), "TODO");
    }

    #[test]
    fn uri_keeps_relative_paths_and_encodes_the_rest() {
        assert_eq!(uri("corpus/a-b_c.txt"), "corpus/a-b_c.txt");
        assert_eq!(uri("././x/y.txt"), "x/y.txt");
        assert_eq!(uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(uri("a b#?.txt"), "a%20b%23%3F.txt");
        assert_eq!(uri("é.txt"), "%C3%A9.txt");
    }
}
