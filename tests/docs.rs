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
    let text = fgcheck::rules::docs::rules_markdown();
    for rule in fgcheck::rules::ALL {
        assert!(text.contains(&format!("### {} `{}`", rule.code, rule.slug)));
    }
    check_generated("rules.md", &text);
}

#[test]
fn config_schema_is_generated_from_the_config_types() {
    check_generated("fgcheck.schema.json", &fgcheck::config::json_schema());
}

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The fenced code blocks of a Markdown text: (language, body).
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in markdown.lines() {
        let fence = line.trim_start().strip_prefix("```");
        match (fence, open.take()) {
            (Some(language), None) => open = Some((language.trim().to_string(), String::new())),
            (Some(_), Some(block)) => blocks.push(block),
            (None, Some((language, mut body))) => {
                body.push_str(line);
                body.push('\n');
                open = Some((language, body));
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The TOML example in the module docs of src/config.rs.
fn config_module_example() -> String {
    let source = read("src/config.rs");
    let docs: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    code_blocks(&docs.join("\n"))
        .into_iter()
        .find(|(language, _)| language == "toml")
        .map(|(_, body)| body)
        .expect("a toml example in src/config.rs")
}

/// Drops a shell comment (` # ...` outside quotes) from a command line.
fn strip_comment(line: &str) -> &str {
    let mut quoted = false;
    let mut previous = ' ';
    for (index, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && previous.is_whitespace() => return line[..index].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}

/// Splits a command line into words as a shell would for these simple commands (double
/// quotes group, and are removed).
fn words(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut in_word = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// The commands of a code block: shell lines, or a CI file's `run:` steps and script items
/// (a folded `run: >` step joined into one line).
fn commands(language: &str, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = body.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        if language != "yaml" {
            out.push(strip_comment(trimmed).to_string());
            continue;
        }
        let indent = line.len() - trimmed.len();
        let item = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let step = item.strip_prefix("run:").map(str::trim).unwrap_or(item);
        if step == ">" {
            let mut folded = Vec::new();
            while let Some(next) = lines.peek() {
                let next_indent = next.len() - next.trim_start().len();
                if next.trim().is_empty() || next_indent <= indent {
                    break;
                }
                folded.push(next.trim().to_string());
                lines.next();
            }
            out.push(folded.join(" "));
        } else {
            out.push(strip_comment(step).to_string());
        }
    }
    out
}

/// Every `fgcheck` command shown in the README and the CI guide parses with the real
/// command line; `cargo run -- ...` counts as one.
#[test]
fn documented_commands_parse() {
    use clap::Parser;
    let mut seen = 0;
    for file in ["README.md", "docs/ci.md"] {
        for (language, body) in code_blocks(&read(file)) {
            for command in commands(&language, &body) {
                let mut args = words(&command);
                if args.first().is_some_and(|w| w == "cargo")
                    && args.get(1).is_some_and(|w| w == "run")
                {
                    let Some(split) = args.iter().position(|w| w == "--") else {
                        continue;
                    };
                    args = std::iter::once("fgcheck".to_string())
                        .chain(args.drain(split + 1..))
                        .collect();
                }
                if args.first().is_none_or(|w| w != "fgcheck") {
                    continue;
                }
                seen += 1;
                if let Err(error) = fgcheck::cli::Cli::try_parse_from(&args) {
                    panic!("{file}: `{command}` does not parse:\n{error}");
                }
            }
        }
    }
    assert!(
        seen >= 15,
        "only {seen} fgcheck commands found: is the extraction broken?"
    );
}

/// The README and the CI guide install fgcheck the way a user can today: from a checkout
/// of its source, never from an address that does not exist; their CI snippets agree.
#[test]
fn install_instructions_are_real_and_agree() {
    let mut ci_installs = Vec::new();
    for file in ["README.md", "docs/ci.md"] {
        let text = read(file);
        assert!(
            !text.contains(".invalid"),
            "{file} names an address that does not exist"
        );
        assert!(
            text.contains("`cargo install --path .`"),
            "{file} says how to install from a checkout"
        );
        let mut installs = Vec::new();
        for (language, body) in code_blocks(&text) {
            for command in commands(&language, &body) {
                if !command.starts_with("cargo install") {
                    continue;
                }
                assert!(
                    !command.contains("--git") && command.contains("--path"),
                    "{file}: `{command}` does not install from a checkout"
                );
                if language == "yaml" {
                    let path = words(&command).last().cloned().unwrap_or_default();
                    assert!(
                        path == "." || body.contains("submodule") || body.contains("SUBMODULE"),
                        "{file}: `{command}` installs from {path}/, which the job never checks out"
                    );
                    installs.push(command);
                }
            }
        }
        assert!(
            !installs.is_empty(),
            "{file} has a CI snippet that installs fgcheck"
        );
        ci_installs.push((file, installs));
    }
    let first = &ci_installs[0].1[0];
    for (file, installs) in &ci_installs {
        for command in installs {
            assert_eq!(
                command, first,
                "{file} installs differently from the README"
            );
        }
    }
}

/// The configuration examples in docs/ci.md and in the module docs of src/config.rs, read
/// from the files themselves, validate against the schema and parse.
#[test]
fn example_configs_match_schema_and_parser() {
    let schema: serde_json::Value =
        serde_json::from_str(&fgcheck::config::json_schema()).expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    let mut examples: Vec<(String, String)> = code_blocks(&read("docs/ci.md"))
        .into_iter()
        .filter(|(language, _)| language == "toml")
        .map(|(_, body)| ("docs/ci.md".to_string(), body))
        .collect();
    assert!(!examples.is_empty(), "docs/ci.md shows an fgcheck.toml");
    examples.push(("src/config.rs".to_string(), config_module_example()));
    for (file, example) in &examples {
        if let Err(error) = fgcheck::config::parse(example, Path::new("fgcheck.toml")) {
            panic!("{file}: the example does not parse: {error}");
        }
        let value: serde_json::Value = toml::from_str(example).expect("toml");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
    let bad: serde_json::Value = toml::from_str("colour = \"red\"").expect("toml");
    assert!(
        !validator.is_valid(&bad),
        "unknown keys are rejected by the schema"
    );
}

/// The README's first command (checking the bundled samples) shows what each sample is
/// for: run as written, every sample gets exactly the findings `samples/expected.toml`
/// lists, whatever the date.
#[test]
fn readme_samples_command_shows_each_samples_findings() {
    let readme = read("README.md");
    let command = code_blocks(&readme)
        .into_iter()
        .flat_map(|(language, body)| commands(&language, &body))
        .find(|c| c.starts_with("cargo run"))
        .expect("a cargo run command in the README");
    let args = words(&command);
    let split = args
        .iter()
        .position(|w| w == "--")
        .expect("cargo run -- ARGS");
    let output = assert_cmd::Command::cargo_bin("fgcheck")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args[split + 1..])
        .args(["--no-config", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0), "{command}: --exit-zero");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let expected: std::collections::BTreeMap<String, Vec<String>> =
        toml::from_str(&read("samples/expected.toml")).expect("samples/expected.toml");
    let files = json["files"].as_array().expect("files");
    assert_eq!(files.len(), expected.len(), "one report per sample");
    let mut wrong = Vec::new();
    for file in files {
        let path = file["path"].as_str().unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(path);
        let mut slugs: Vec<String> = file["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["slug"].as_str().unwrap_or_default().to_string())
            .collect();
        slugs.sort();
        if expected.get(name) != Some(&slugs) {
            wrong.push(format!(
                "{name}: {slugs:?}, expected {:?}",
                expected.get(name)
            ));
        }
    }
    assert!(wrong.is_empty(), "`{command}`:\n{}", wrong.join("\n"));
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
