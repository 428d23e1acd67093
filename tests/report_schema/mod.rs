//! The JSON report's schema, `docs/json-report.schema.json`, as the tests use it.
//!
//! The published schema leaves every object open (the contract is additive: a
//! consumer's validation must survive a new field). The tests validate with a
//! strict variant, [`strict`], in which every object schema also has
//! `additionalProperties: false`, so a field that reaches the output without
//! being documented in the schema fails the suite.
#![allow(dead_code, reason = "each test crate uses a different part")]

use std::path::Path;
use std::sync::LazyLock;

use serde_json::{Value, json};

/// Where the schema lives, relative to the manifest dir.
pub const PATH: &str = "docs/json-report.schema.json";

/// The published schema, as committed.
pub fn published() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
    let text = std::fs::read_to_string(&path).expect("the schema file exists");
    serde_json::from_str(&text).expect("the schema file is JSON")
}

/// `schema` with every object schema closed: `additionalProperties: false` next to
/// each `properties`. A schema that extends a definition (`#/$defs/line` is
/// `{"$ref": "#/$defs/file"}` plus `version`) gets the definition's properties and
/// required fields folded in first, so it is closed over the union; closing it
/// beside the `$ref` would reject the fields the other side declares.
pub fn strict(schema: &Value) -> Value {
    let defs = schema["$defs"].clone();
    let mut s = schema.clone();
    close(&mut s, &defs);
    s
}

fn close(schema: &mut Value, defs: &Value) {
    let Value::Object(map) = schema else {
        return; // `true` / `false` schemas
    };
    if map.contains_key("properties") {
        if let Some(r) = map.remove("$ref") {
            let name = r
                .as_str()
                .and_then(|r| r.strip_prefix("#/$defs/"))
                .expect("an extended schema is a local definition");
            let base = defs[name].as_object().expect("the definition exists");
            assert!(!base.contains_key("$ref"), "#/$defs/{name} extends another");
            for (key, value) in base {
                match key.as_str() {
                    "properties" => {
                        let own = map["properties"].as_object_mut().expect("an object");
                        for (field, s) in value.as_object().expect("an object") {
                            own.entry(field.clone()).or_insert_with(|| s.clone());
                        }
                    }
                    "required" => {
                        let own = map
                            .entry("required")
                            .or_insert_with(|| json!([]))
                            .as_array_mut()
                            .expect("an array");
                        own.extend(value.as_array().expect("an array").iter().cloned());
                    }
                    _ => {
                        map.entry(key.clone()).or_insert_with(|| value.clone());
                    }
                }
            }
        }
        map.insert("additionalProperties".to_owned(), Value::Bool(false));
    } else {
        assert!(
            map.get("type") != Some(&json!("object")),
            "an object schema without `properties` cannot be closed: {map:?}"
        );
    }
    for (key, child) in map.iter_mut() {
        match key.as_str() {
            "properties" | "$defs" => {
                for s in child
                    .as_object_mut()
                    .expect("a map of schemas")
                    .values_mut()
                {
                    close(s, defs);
                }
            }
            "items" | "not" => close(child, defs),
            "prefixItems" | "allOf" | "anyOf" | "oneOf" => {
                for s in child.as_array_mut().expect("a list of schemas") {
                    close(s, defs);
                }
            }
            _ => {}
        }
    }
}

/// A schema whose root is `#/$defs/{name}` of `schema`: `line` validates one line
/// of `--format jsonl`.
pub fn def(schema: &Value, name: &str) -> Value {
    assert!(schema["$defs"].get(name).is_some(), "no #/$defs/{name}");
    json!({
        "$schema": schema["$schema"],
        "$defs": schema["$defs"],
        "$ref": format!("#/$defs/{name}"),
    })
}

/// Compiles `schema` as draft 2020-12.
pub fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .build(schema)
        .expect("the schema compiles")
}

/// The whole report, strict.
pub static STRICT_REPORT: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&strict(&published())));

/// One JSON Lines line, strict.
pub static STRICT_LINE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&def(&strict(&published()), "line")));

/// The whole report, as published (open objects).
pub static REPORT: LazyLock<jsonschema::Validator> = LazyLock::new(|| validator(&published()));

/// One JSON Lines line, as published.
pub static LINE: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| validator(&def(&published(), "line")));

/// Every validation error, with where it is in the instance.
pub fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[track_caller]
pub fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors = errors(v, instance);
    assert!(
        errors.is_empty(),
        "{what}: schema errors:\n{}\n{instance:#}",
        errors.join("\n")
    );
}
