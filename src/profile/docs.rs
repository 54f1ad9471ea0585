//! The rule-data reference, generated from the types the files parse into ([`super::raw`]):
//! `docs/rule-data.md` for people and `docs/rule-data.schema.json` for editors and tools.
//! Both are tested in sync with the code (`FGCHECK_BLESS=1 cargo test --test docs`).

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::raw::{RawDefaults, RawMeeting, RawProfile};

/// The three kinds of rule file, with the folder each lives in.
fn files() -> [(&'static str, &'static str, Value); 3] {
    [
        (
            "profile",
            "`profiles/*.toml`",
            schemars::schema_for!(RawProfile).to_value(),
        ),
        (
            "meeting",
            "`meetings/*.toml`",
            schemars::schema_for!(RawMeeting).to_value(),
        ),
        (
            "defaults",
            "`defaults.toml`",
            schemars::schema_for!(RawDefaults).to_value(),
        ),
    ]
}

/// One JSON Schema for every rule file: `#/$defs/profile`, `#/$defs/meeting`,
/// `#/$defs/defaults`.
pub fn json_schema() -> String {
    let mut defs = Map::new();
    for (name, _, mut schema) in files() {
        // Hoist each schema's own definitions next to it.
        if let Some(Value::Object(inner)) = schema.as_object_mut().and_then(|s| s.remove("$defs")) {
            for (key, value) in inner {
                defs.insert(key, value);
            }
        }
        if let Some(object) = schema.as_object_mut() {
            object.remove("$schema");
        }
        defs.insert(name.to_string(), schema);
    }
    let value = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "fgcheck rule data",
        "description": "A file under rules/: a profile (profiles/*.toml), a meeting (meetings/*.toml) or the defaults (defaults.toml).",
        "anyOf": [
            {"$ref": "#/$defs/profile"},
            {"$ref": "#/$defs/meeting"},
            {"$ref": "#/$defs/defaults"},
        ],
        "$defs": defs,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn defs_of(schema: &Value) -> Map<String, Value> {
    schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// The definition a `$ref` points at.
fn resolve<'a>(value: &'a Value, defs: &'a Map<String, Value>) -> &'a Value {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| defs.get(name))
        .unwrap_or(value)
}

/// The non-null alternative of an `Option<T>` schema.
fn unwrap_optional<'a>(value: &'a Value, defs: &'a Map<String, Value>) -> &'a Value {
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = value.get(key).and_then(Value::as_array) {
            let non_null: Vec<&Value> = options
                .iter()
                .filter(|o| o.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if let [one] = non_null.as_slice() {
                return resolve(one, defs);
            }
        }
    }
    resolve(value, defs)
}

fn type_name(value: &Value, defs: &Map<String, Value>) -> String {
    let value = unwrap_optional(value, defs);
    if let Some(options) = value.get("enum").and_then(Value::as_array) {
        let names: Vec<String> = options
            .iter()
            .filter_map(Value::as_str)
            .map(|s| format!("`{s}`"))
            .collect();
        return format!("one of {}", names.join(", "));
    }
    if let Some(variants) = value.get("oneOf").and_then(Value::as_array) {
        let names: Vec<String> = variants
            .iter()
            .filter_map(|v| v.get("const").or_else(|| v.get("enum")?.get(0)))
            .filter_map(Value::as_str)
            .map(|s| format!("`{s}`"))
            .collect();
        if !names.is_empty() {
            return format!("one of {}", names.join(", "));
        }
    }
    if value.get("anyOf").is_some() {
        return "string or list of strings".into();
    }
    let kind = match value.get("type") {
        Some(Value::String(kind)) => kind.clone(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|k| *k != "null")
            .unwrap_or("value")
            .to_string(),
        _ => "value".into(),
    };
    match kind.as_str() {
        "array" => {
            let items = value.get("items").map(|i| type_name(i, defs));
            match (items, value.get("minItems"), value.get("maxItems")) {
                (Some(item), Some(min), Some(max)) if min == max => {
                    format!("[{item}; {min}]")
                }
                (Some(item), _, _) if item.starts_with("table") => "list of tables".to_string(),
                (Some(item), _, _) => format!("list of {item}s"),
                (None, _, _) => "list".into(),
            }
        }
        "object" => "table".into(),
        other => other.into(),
    }
}

/// A schema's description; paragraphs kept apart unless `one_line`.
fn description_of(value: &Value, defs: &Map<String, Value>, one_line: bool) -> String {
    let text = value
        .get("description")
        .or_else(|| unwrap_optional(value, defs).get("description"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    paragraphs.join(if one_line { " " } else { "\n\n" })
}

fn description(value: &Value, defs: &Map<String, Value>) -> String {
    description_of(value, defs, true)
}

fn default_of(value: &Value) -> String {
    match value.get("default") {
        Some(Value::String(text)) => format!("`{text}`"),
        Some(other) => format!("`{other}`"),
        None => String::new(),
    }
}

/// One table of keys: key, type, required, meaning.
fn keys_table(
    out: &mut String,
    object: &Value,
    defs: &Map<String, Value>,
    prefix: &str,
) -> Vec<(String, Value)> {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut nested = Vec::new();
    out.push_str("| Key | Type | Required | Default | Meaning |\n|---|---|---|---|---|\n");
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        return nested;
    };
    for (key, property) in properties {
        let kind = type_name(property, defs);
        let meaning = description(property, defs);
        let _ = writeln!(
            out,
            "| `{prefix}{key}` | {kind} | {} | {} | {meaning} |",
            if required.contains(&key.as_str()) {
                "yes"
            } else {
                "no"
            },
            default_of(property),
        );
        let inner = unwrap_optional(property, defs);
        let item = inner.get("items").map(|i| resolve(i, defs));
        for candidate in [Some(inner), item].into_iter().flatten() {
            if candidate.get("properties").is_some() {
                nested.push((format!("{prefix}{key}"), candidate.clone()));
            }
        }
    }
    nested
}

/// `docs/rule-data.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- Generated from src/profile/raw.rs; do not edit. Regenerate with `FGCHECK_BLESS=1 cargo test --test docs`. -->\n\n\
         # Rule data reference\n\n\
         What fgcheck knows about templates and meetings is data, in TOML files under `rules/`\n\
         (built into the binary) and in any folder given with `--rules DIR` (laid over them: the\n\
         same id wins from the folder). `fgcheck data check DIR` validates a folder and reports\n\
         each error at its file, line and column. The JSON Schema of every file is\n\
         [`rule-data.schema.json`](rule-data.schema.json).\n\n\
         Text values are compared as a reader sees them: case, spaces, no-break spaces and a\n\
         trailing colon do not matter in labels. Patterns are Rust regular expressions\n\
         (`regex` crate syntax), matched against the value with white space folded.\n",
    );
    for (name, place, schema) in files() {
        let defs = defs_of(&schema);
        let _ = write!(out, "\n## {} files ({place})\n\n", capitalised(name));
        let intro = description_of(&schema, &defs, false);
        if !intro.is_empty() {
            out.push_str(&intro);
            out.push_str("\n\n");
        }
        let mut queue = keys_table(&mut out, &schema, &defs, "");
        while !queue.is_empty() {
            let (path, object) = queue.remove(0);
            let _ = write!(out, "\n### `{path}`\n\n");
            let intro = description_of(&object, &defs, false);
            if !intro.is_empty() {
                out.push_str(&intro);
                out.push_str("\n\n");
            }
            let more = keys_table(&mut out, &object, &defs, &format!("{path}."));
            queue.extend(more);
        }
        if name == "profile"
            && let Some(kinds) = defs.get("FieldKind")
        {
            out.push_str("\n### Field kinds (`fields.kind`)\n\n");
            for variant in kinds
                .get("oneOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let value = variant
                    .get("const")
                    .or_else(|| variant.get("enum").and_then(|e| e.get(0)))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let meaning = description(variant, &defs);
                let _ = writeln!(out, "- `{value}`: {meaning}");
            }
        }
    }
    out.push_str(EXAMPLE);
    out
}

const EXAMPLE: &str = r#"
## Example: another focus group in a few lines

A profile that extends the generic `itu-t-fg` profile only names the group; numbers,
placeholders and the group line follow from `{acronym}` and `{name}`:

```toml
# rules/profiles/fg-an.toml
id = "fg-an"
name = "FG-AN input template"
extends = "itu-t-fg"
acronym = "AN"
group_name = "Autonomous Networks"
```

```toml
# rules/meetings/fg-an-3.toml
id = "fg-an-3"
name = "3rd FG-AN meeting (e-meeting)"
profile = "fg-an"            # or "itu-t-fg" for any focus group
place = "E-meeting"
place_aliases = ["virtual", "online"]
start = "2021-06-01"
end = "2021-06-04"
input_deadline = "2021-05-25"
study_period = ["2017-2020", "2022-2024"]
language = "en"
```
"#;

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
