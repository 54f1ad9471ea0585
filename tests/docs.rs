//! Generated documentation stays in sync with the code: `docs/rules.md` from the rule
//! registry, `docs/fgcheck.schema.json` from the configuration types.
//!
//! After changing a rule or the configuration, run `FGCHECK_BLESS=1 cargo test --test docs`
//! and review the diff of `docs/`.

use std::path::{Path, PathBuf};

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

fn check_generated(name: &str, generated: &str) {
    let path = docs_dir().join(name);
    if std::env::var_os("FGCHECK_BLESS").is_some() {
        std::fs::write(&path, generated).expect("write generated doc");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/{name} is stale; run `FGCHECK_BLESS=1 cargo test --test docs` and commit it"
    );
}

#[test]
fn rules_md_is_generated_from_the_registry() {
    let text = fgcheck::cli::explain::rules_markdown();
    for rule in fgcheck::rules::ALL {
        assert!(text.contains(&format!("### {} `{}`", rule.code, rule.slug)));
    }
    check_generated("rules.md", &text);
}

#[test]
fn config_schema_is_generated_from_the_config_types() {
    check_generated("fgcheck.schema.json", &fgcheck::config::json_schema());
}

/// The example in docs/ci.md (and the module docs) validates against the schema and parses.
#[test]
fn example_config_matches_schema_and_parser() {
    let example = r#"
meeting = "fg-qit4n-5"
fail-on = "warning"
format = "sarif"
rules-dirs = ["our-meetings"]

[rules]
missing-keywords = "warning"
FG113 = "off"

[[suppress]]
rule = "placeholder-doc-number"
documents = "QIT4N-I-0*"
reason = "numbers are assigned by the secretariat after upload"

[[suppress]]
rule = "label-order"
paths = "inbox/legacy/*.docx"
reason = "legacy inputs, checked by hand"
"#;
    fgcheck::config::parse(example, Path::new("fgcheck.toml")).expect("parses");
    let value: serde_json::Value = toml::from_str(example).expect("toml");
    let schema: serde_json::Value =
        serde_json::from_str(&fgcheck::config::json_schema()).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let bad: serde_json::Value = toml::from_str("colour = \"red\"").expect("toml");
    assert!(
        !validator.is_valid(&bad),
        "unknown keys are rejected by the schema"
    );
}

#[test]
fn rule_data_reference_is_generated_from_the_rule_file_types() {
    let text = fgcheck::profile::docs::markdown();
    for key in [
        "acronym",
        "fields.kind",
        "fields.placeholders",
        "study_period",
        "input_deadline",
    ] {
        assert!(
            text.contains(&format!("`{key}`")),
            "docs/rule-data.md lacks {key}"
        );
    }
    check_generated("rule-data.md", &text);
    check_generated(
        "rule-data.schema.json",
        &fgcheck::profile::docs::json_schema(),
    );
}

/// Every built-in rule file validates against the published schema, and a misspelt key
/// does not.
#[test]
fn builtin_rule_files_match_the_rule_data_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&fgcheck::profile::docs::json_schema()).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut files = Vec::new();
    fgcheck::profile::collect_toml(&rules, &mut files).expect("rules folder");
    assert!(files.len() >= 5, "{files:?}");
    for (name, text) in &files {
        let value: serde_json::Value = toml::from_str(text).expect("toml");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let typo: serde_json::Value =
        toml::from_str("id = 'x'\nname = 'x'\nacronim = 'AN'\n").expect("toml");
    assert!(
        !validator.is_valid(&typo),
        "unknown keys are rejected by the schema"
    );
}
