//! The JSON Schema of the data file (`schema/mandate.schema.json`) is kept true: every
//! valid fixture and bundled file passes it, every invalid fixture whose problem is a key
//! or a type fails it, and its keys are the parser's, so the two cannot drift. TOML is
//! converted to JSON the way editors' TOML tools do: dates become strings (YYYY-MM-DD).

use std::collections::BTreeSet;
use std::path::Path;

use mandate::domain::Category;
use mandate::source::parse::allowed_keys::*;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn schema() -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join("schema/mandate.schema.json")).unwrap();
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema is a valid draft 2020-12 schema")
}

/// TOML as JSON: dates (and any date-time) as their TOML text.
fn to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

/// The file as JSON, or none when it is not TOML at all.
fn load(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    Some(to_json(toml::Value::Table(table)))
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_valid_fixture_and_bundled_file_passes_the_schema() {
    let v = validator();
    let all: Vec<_> = files("tests/fixtures/valid")
        .into_iter()
        .chain(files("data"))
        .collect();
    assert!(all.len() >= 11);
    for f in all {
        let doc = load(&f).unwrap_or_else(|| panic!("{}: not TOML", f.display()));
        assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{}", f.display());
    }
    let starter = mandate::cli::starter("2026-01-15".parse().unwrap());
    let doc = to_json(toml::Value::Table(toml::from_str(&starter).unwrap()));
    assert_eq!(errors(&v, &doc), Vec::<String>::new(), "the starter");
}

#[test]
fn the_bundled_files_and_the_starter_point_editors_at_the_schema() {
    for f in files("data") {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            text.starts_with("#:schema ../schema/mandate.schema.json\n"),
            "{}",
            f.display()
        );
    }
    assert_eq!(
        mandate::cli::SCHEMA,
        std::fs::read_to_string(Path::new(ROOT).join("schema/mandate.schema.json")).unwrap(),
        "--generate schema prints the file"
    );
}

/// Whether one of `--check`'s messages is about a key or a type (what a schema sees).
fn about_keys_or_types(expected: &str) -> bool {
    expected.lines().any(|line| {
        [
            "unknown key",
            "unknown category",
            " must be ",
            " must not be ",
            "missing the required key",
            "is an empty table",
            "needs `as_of`",
            "no [[mission]] tables",
            "the file is empty",
        ]
        .iter()
        .any(|m| line.contains(m))
            && !line.contains("must be unique")
    })
}

#[test]
fn invalid_fixtures_about_keys_or_types_fail_the_schema() {
    let v = validator();
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    for f in files("tests/fixtures/invalid") {
        let expected = std::fs::read_to_string(f.with_extension("expected")).unwrap();
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(doc) = load(&f) else {
            continue; // not TOML (syntax, encoding): no schema applies
        };
        if about_keys_or_types(&expected) {
            assert!(!v.is_valid(&doc), "{name} passes the schema:\n{expected}");
            failed.push(name);
        } else {
            passed.push(name);
        }
    }
    for name in [
        "unknown_key",
        "wrong_type",
        "missing_key",
        "category_unknown",
        "category_empty",
        "deployed_without_as_of",
        "period_authorized_wrong_type",
        "vote_list_wrong_type",
    ] {
        assert!(
            failed.iter().any(|f| f == name),
            "{name} should be checked: {failed:?}"
        );
    }
    // What only `--check` sees: order of dates, ids across missions, time zone names,
    // the sum of a ceiling's categories.
    passed.sort();
    assert_eq!(
        passed,
        [
            "authorized_zero_categories",
            "duplicate_figure_date",
            "duplicate_id",
            "end_before_start",
            "unknown_successor",
            "unknown_timezone",
            "vote_lists_disagree"
        ]
    );
}

#[test]
fn a_typo_in_a_key_fails_the_schema_where_it_is() {
    let v = validator();
    let src = std::fs::read_to_string(Path::new(ROOT).join("data/mss-haiti.toml")).unwrap();
    let typo = src.replacen("\nshort = \"MSS\"", "\nshrot = \"MSS\"", 1);
    assert_ne!(typo, src);
    let doc = to_json(toml::Value::Table(toml::from_str(&typo).unwrap()));
    let e = errors(&v, &doc);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with("/mission/0: ") && e[0].contains("shrot"),
        "{e:?}"
    );
    // a quoted date is a string to JSON too; a date-time is not a date
    let doc = to_json(toml::Value::Table(
        toml::from_str(&src.replacen("start = 2023-10-02", "start = 2023-10-02T10:00:00", 1))
            .unwrap(),
    ));
    assert!(!v.is_valid(&doc));
}

/// The properties of the object schema at `pointer`.
fn keys_at(schema: &Value, pointer: &str) -> BTreeSet<String> {
    let obj = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"));
    assert_eq!(
        obj["additionalProperties"],
        Value::Bool(false),
        "{pointer}: unknown keys must fail"
    );
    obj["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_schemas_keys_are_the_parsers() {
    let s = schema();
    for (pointer, keys) in [
        ("", TOP_KEYS),
        ("/$defs/mission", MISSION_KEYS),
        ("/$defs/mandate", MANDATE_KEYS),
        ("/$defs/strength", STRENGTH_KEYS),
        ("/$defs/strength/properties/history/items", HISTORY_KEYS),
        ("/$defs/contributor", CONTRIBUTOR_KEYS),
        ("/$defs/funding", FUNDING_KEYS),
        ("/$defs/milestone", MILESTONE_KEYS),
        ("/$defs/requirement", REQUIREMENT_KEYS),
        ("/$defs/source", SOURCE_KEYS),
    ] {
        assert_eq!(keys_at(&s, pointer), set(keys), "{pointer}");
    }
    assert_eq!(keys_at(&s, "/$defs/categories"), set(&Category::keys()));
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
}
