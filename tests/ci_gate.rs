//! The CI gate, end to end through the binary: every format's exit status and validity,
//! snapshots over `samples/`, `fgcheck.toml`, suppressions and baselines.
//!
//! Snapshots: `INSTA_UPDATE=always cargo test --test ci_gate`, then review the `.snap`
//! diffs under `tests/snapshots/`.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FORMATS: &[&str] = &[
    "human", "concise", "json", "jsonl", "sarif", "github", "junit", "gitlab",
];
const MACHINE: &[&str] = &["json", "jsonl", "sarif", "junit", "gitlab"];

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from `dir`, with no configuration file unless the test writes one.
fn fgcheck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("fgcheck").expect("binary");
    command
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    command
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = fgcheck(dir).args(args).output().expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `check` over samples, against the meeting they are made for.
fn samples_run(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["check", "--no-config", "--meeting", "fg-qit4n-5"];
    all.extend_from_slice(args);
    run(&manifest(), &all)
}

// ---------------------------------------------------------------- exit status

#[test]
fn exit_status_is_the_same_contract_in_every_format() {
    for format in FORMATS {
        let cases: &[(&str, &[&str], i32)] = &[
            ("samples/pass-template.docx", &[], 0),
            ("samples/fail-missing-title.docx", &[], 1),
            ("samples/fail-missing-title.docx", &["--exit-zero"], 0),
            (
                "samples/fail-missing-title.docx",
                &["--severity", "missing-title=warning"],
                0,
            ),
            (
                "samples/fail-missing-title.docx",
                &[
                    "--severity",
                    "missing-title=warning",
                    "--fail-on",
                    "warning",
                ],
                1,
            ),
            ("samples/fail-not-a-docx.docx", &[], 3),
            ("samples/fail-not-a-docx.docx", &["--exit-zero"], 0),
            (
                "samples/pass-template.docx",
                &["--severity", "nonsense=error"],
                2,
            ),
            (
                "samples/pass-template.docx",
                &["--select", "no-such-rule"],
                2,
            ),
            ("samples/no-such-file.docx", &[], 2),
        ];
        for (path, extra, expected) in cases {
            let mut args = vec!["--format", format, path];
            args.extend_from_slice(extra);
            let (code, stdout, stderr) = samples_run(&args);
            assert_eq!(
                code, *expected,
                "--format {format} {path} {extra:?}\nstdout: {stdout}\nstderr: {stderr}"
            );
            if *expected == 2 {
                assert!(stderr.contains("fgcheck: error:"), "{stderr}");
            }
        }
    }
}

#[test]
fn output_file_gets_the_format_and_stdout_the_human_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.sarif");
    let summary = dir.path().join("summary.md");
    let (code, stdout, _) = samples_run(&[
        "--format",
        "sarif",
        "--output",
        out.to_str().expect("utf8"),
        "--summary-file",
        summary.to_str().expect("utf8"),
        "samples/fail-missing-title.docx",
    ]);
    assert_eq!(code, 1);
    assert!(stdout.contains("FAIL"), "{stdout}");
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("sarif json");
    assert_eq!(sarif["version"], "2.1.0");
    let markdown = std::fs::read_to_string(&summary).expect("summary");
    assert!(markdown.contains("## fgcheck failed"), "{markdown}");
    assert!(markdown.contains("missing-title"), "{markdown}");

    // --output-format: the file gets it, stdout keeps --format.
    let junit = dir.path().join("report.xml");
    let (code, stdout, _) = samples_run(&[
        "--format",
        "github",
        "--output",
        junit.to_str().expect("utf8"),
        "--output-format",
        "junit",
        "samples/fail-missing-title.docx",
    ]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("::error file=samples/fail-missing-title.docx,"),
        "{stdout}"
    );
    let xml = std::fs::read_to_string(&junit).expect("written");
    assert!(xml.starts_with("<?xml"), "{xml}");
    // --output-format needs --output.
    let (code, _, _) = samples_run(&["--output-format", "junit", "samples/pass-template.docx"]);
    assert_eq!(code, 2);
}

// ---------------------------------------------------------------- validity

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema_path = manifest().join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema_text) = std::fs::read_to_string(&schema_path) else {
        support::skip(&format!(
            "the SARIF schema is not at {}",
            schema_path.display()
        ));
        return;
    };
    let schema: Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for args in [
        &["samples"][..],
        &["samples/pass-template.docx"][..],
        &["--exit-zero", "samples/fail-not-a-docx.docx"][..],
    ] {
        let mut all = vec!["--format", "sarif"];
        all.extend_from_slice(args);
        let (_, stdout, _) = samples_run(&all);
        let value: Value = serde_json::from_str(&stdout).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let run = &value["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), fgcheck::rules::ALL.len());
        // Each rule carries its whole explanation; no address that leads nowhere.
        // (in the run's profile's words: every slot filled)
        for (rule, entry) in fgcheck::rules::ALL.iter().zip(rules) {
            let page = entry["help"]["markdown"].as_str().expect("help.markdown");
            assert_eq!(entry["help"]["text"], page, "{}", rule.slug);
            let opening = |text: &str| text.split('{').next().unwrap_or_default().to_string();
            assert!(
                page.contains(&opening(rule.fix)) && page.contains(&opening(rule.why)),
                "{}",
                rule.slug
            );
            assert!(
                !page.contains("{template}") && !page.contains("{number_example}"),
                "{page}"
            );
        }
        assert!(
            !stdout.contains("helpUri") && !stdout.contains(".invalid"),
            "no address on a domain that does not exist"
        );
        for result in run["results"].as_array().expect("results") {
            let index = usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex"))
                .expect("an index");
            assert_eq!(rules[index]["id"], result["ruleId"]);
            assert!(result["partialFingerprints"]["fgcheck/v1"].is_string());
        }
    }
}

#[test]
fn sarif_records_the_exit_code() {
    let (code, stdout, _) = samples_run(&["--format", "sarif", "samples/fail-not-a-docx.docx"]);
    assert_eq!(code, 3);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    let invocation = &value["runs"][0]["invocations"][0];
    assert_eq!(invocation["exitCode"], 3);
    assert_eq!(invocation["executionSuccessful"], false);
}

#[test]
fn junit_is_well_formed_and_counts_failures() {
    let (_, stdout, _) = samples_run(&["--format", "junit", "samples"]);
    let mut reader = quick_xml::Reader::from_str(&stdout);
    let mut suites = 0;
    let mut failures = 0;
    let mut declared_failures = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag) => {
                match tag.name().as_ref() {
                    "testsuites" => {
                        let attr = tag
                            .try_get_attribute("failures")
                            .expect("attr")
                            .expect("failures attribute");
                        declared_failures = Some(attr.value.parse::<usize>().expect("number"));
                    }
                    "testsuite" => suites += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let files = std::fs::read_dir(manifest().join("samples"))
        .expect("samples")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "docx"))
        })
        .count();
    assert_eq!(suites, files);
    assert_eq!(declared_failures, Some(failures));
    assert!(failures > 0);
}

#[test]
fn gitlab_json_and_jsonl_parse() {
    let (_, stdout, _) = samples_run(&["--format", "gitlab", "samples"]);
    let issues: Vec<Value> = serde_json::from_str(&stdout).expect("gitlab json");
    assert!(!issues.is_empty());
    let mut fingerprints = std::collections::HashSet::new();
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap_or(""))
        );
        assert!(issue["location"]["path"].is_string());
        assert_eq!(issue["location"]["lines"]["begin"], 1);
        assert!(fingerprints.insert(issue["fingerprint"].as_str().unwrap_or("").to_string()));
    }

    let (_, stdout, _) = samples_run(&["--format", "json", "samples"]);
    let value: Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(value["schema"], "fgcheck/1");

    let (_, stdout, _) = samples_run(&["--format", "jsonl", "samples"]);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), issues.len());
    for line in &lines {
        assert!(
            line["path"]
                .as_str()
                .is_some_and(|p| p.starts_with("samples/"))
        );
        assert!(line["slug"].is_string() && line["fingerprint"].is_string());
    }
}

#[test]
fn github_commands_are_escaped() {
    let (_, stdout, _) = samples_run(&["--format", "github", "samples"]);
    for line in stdout.lines().filter(|l| l.starts_with("::")) {
        let (head, _) = line[2..].split_once("::").expect("command::message");
        let (command, properties) = head.split_once(' ').expect("properties");
        assert!(["error", "warning", "notice"].contains(&command), "{line}");
        for property in properties.split(',') {
            let (_, value) = property.split_once('=').expect("key=value");
            assert!(!value.contains(':'), "unescaped ':' in {line}");
        }
    }
}

/// What a person reads says where in Word terms and how to fix, for every finding; the
/// XPath stays in the machine formats (JSON `location.path`).
#[test]
fn human_output_shows_where_and_the_fix_never_an_xpath() {
    let (_, json, _) = samples_run(&["--format", "json", "samples"]);
    let value: Value = serde_json::from_str(&json).expect("json");
    let findings: Vec<&Value> = value["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().expect("findings"))
        .chain(value["batch"].as_array().expect("batch"))
        .collect();
    assert!(
        findings.iter().any(|f| f["location"]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("/w:"))),
        "JSON keeps the XPath"
    );
    let (_, human, _) = samples_run(&["--color", "never", "samples"]);
    let count = |label: &str| human.lines().filter(|l| l.starts_with(label)).count();
    assert_eq!(count("    where:    "), findings.len(), "{human}");
    assert_eq!(count("    fix:      "), findings.len(), "{human}");
    assert_eq!(count("    rule:     fgcheck explain "), findings.len());
    for line in human.lines().filter(|l| l.starts_with("    fix:")) {
        assert!(
            line.len() > "    fix:      ".len() + 10,
            "an empty fix: {line}"
        );
    }
    // No XPath and no source frame anywhere.
    for noise in ["/w:document", "/w:body", "/cp:coreProperties", "╭─", "│ "] {
        assert!(!human.contains(noise), "{noise:?} in the human report");
    }
    // Word terms only: no element names, twips or regular expressions in fgcheck's words.
    // (the detector itself: what the old reports said is caught, quoted document text not)
    for old in [
        "    found:    6 w:comment, starting",
        "    found:    top=1417, bottom=1417 twips",
        "    expected: a number matching ^(FG-)?QIT4N-(I|O)-\\d{3,4}$",
        "    where:    header table 1 (word/document.xml /w:document/w:body/w:tbl[1])",
    ] {
        assert_eq!(support::xml_jargon(old).len(), 1, "{old}");
    }
    assert!(support::xml_jargon("    found:    field code \"DDE w:x\"").is_empty());
    let jargon = support::xml_jargon(&human);
    assert!(
        jargon.is_empty(),
        "XML jargon in the human report:\n{}",
        jargon.join("\n")
    );
}

// ---------------------------------------------------------------- snapshots

/// Leaves out of a snapshot what changes whenever a rule is added to the registry (other
/// branches add rules in parallel): SARIF's rule table and rule indexes, JUnit's passing
/// and skipped test cases and its test counts. Those are checked by the validity tests.
fn stable(format: &str, text: String) -> String {
    match format {
        "sarif" => {
            let mut value: Value = serde_json::from_str(&text).expect("sarif json");
            let run = &mut value["runs"][0];
            run["tool"]["driver"]["rules"] = Value::String("[the registry]".into());
            if let Some(results) = run["results"].as_array_mut() {
                for result in results {
                    if let Some(object) = result.as_object_mut() {
                        object.remove("ruleIndex");
                    }
                }
            }
            serde_json::to_string_pretty(&value).expect("json")
        }
        "junit" => {
            let passing = regex::Regex::new(r"(?m)^ *<testcase [^>]*/>\n").expect("regex");
            let skipped = regex::Regex::new(
                r#"(?m)^ *<testcase [^>]*>\n *<skipped [^>]*/>\n *</testcase>\n"#,
            )
            .expect("regex");
            let counts = regex::Regex::new(r#" (tests|skipped)="\d+""#).expect("regex");
            let text = passing.replace_all(&text, "");
            let text = skipped.replace_all(&text, "");
            counts.replace_all(&text, " $1=\"…\"").into_owned()
        }
        _ => text,
    }
}

#[test]
fn snapshots_of_every_format_over_the_samples() {
    for format in FORMATS {
        let (_, stdout, _) = samples_run(&["--format", format, "samples"]);
        insta::assert_snapshot!(format!("samples_{format}"), stable(format, stdout));
    }
    // Machine formats must be byte-for-byte reproducible.
    for format in MACHINE {
        let first = samples_run(&["--format", format, "samples"]).1;
        let second = samples_run(&["--format", format, "-j", "1", "samples"]).1;
        assert_eq!(first, second, "{format} is not deterministic");
    }
}

// ---------------------------------------------------------------- configuration

fn copy_sample(dir: &Path, name: &str, to: &str) {
    let target = dir.join(to);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::copy(manifest().join("samples").join(name), target).expect("copy sample");
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

#[test]
fn unknown_key_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "pass-template.docx", "a.docx");
    write(
        dir.path(),
        "fgcheck.toml",
        "fail-on = \"error\"\n[rules]\nmissing-title = \"warning\"\n\ncolour = \"off\"\n",
    );
    // `colour` after [rules] is a rule name: unknown rule.
    let (code, _, stderr) = run(dir.path(), &["check", "a.docx"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("fgcheck.toml:5:") && stderr.contains("colour"),
        "{stderr}"
    );

    write(
        dir.path(),
        "fgcheck.toml",
        "meeting = \"fg-qit4n-5\"\nfial-on = \"warning\"\n",
    );
    let (code, _, stderr) = run(dir.path(), &["check", "a.docx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("fgcheck.toml:2:"), "{stderr}");
    assert!(stderr.contains("fial-on"), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["config"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("fgcheck.toml:2:"), "{stderr}");
    // --no-config skips it.
    write(
        dir.path(),
        "fgcheck.toml",
        "[[suppress]]\nrule = \"missing-title\"\ndocuments = \"*\"\n",
    );
    let (code, _, stderr) = run(dir.path(), &["check", "a.docx"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("reason"),
        "a suppression needs a reason: {stderr}"
    );
    let (code, _, _) = run(dir.path(), &["check", "--no-config", "a.docx"]);
    assert_eq!(code, 0);
}

#[test]
fn config_is_found_upward_and_command_line_overrides_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "fail-missing-title.docx", "inbox/t.docx");
    write(
        dir.path(),
        "fgcheck.toml",
        "format = \"concise\"\n[rules]\nFG109 = \"warning\"\n",
    );
    let inbox = dir.path().join("inbox");
    let (code, stdout, _) = run(&inbox, &["check", "t.docx"]);
    assert_eq!(
        code, 0,
        "missing-title lowered to warning by the file: {stdout}"
    );
    assert!(
        stdout.contains("t.docx: warning[FG109/missing-title]"),
        "{stdout}"
    );
    let (code, _, _) = run(
        &inbox,
        &["check", "t.docx", "--severity", "missing-title=error"],
    );
    assert_eq!(code, 1);
    let (code, stdout, _) = run(&inbox, &["check", "t.docx", "--ignore", "FG109"]);
    assert_eq!(code, 0);
    assert!(!stdout.contains("missing-title"), "{stdout}");
    let (code, _, _) = run(&inbox, &["check", "t.docx", "--fail-on", "warning"]);
    assert_eq!(code, 1);

    let (code, stdout, _) = run(&inbox, &["config", "--fail-on", "warning"]);
    assert_eq!(code, 0);
    let config_path = dir.path().join("fgcheck.toml");
    let line = |key: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("format = \"concise\"").ends_with(&config_path.display().to_string()));
    assert!(line("fail-on = \"warning\"").ends_with("# command line"));
    assert!(line("missing-title = \"warning\"").contains("FG109"));
    assert!(line("missing-keywords = ").ends_with("default"));

    // --config names another file; --no-config ignores both.
    write(dir.path(), "strict.toml", "fail-on = \"info\"\n");
    let (code, _, _) = run(&inbox, &["check", "--config", "../strict.toml", "t.docx"]);
    assert_eq!(code, 1);
}

#[test]
fn suppressions_accept_findings_and_report_unused_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "fail-missing-title.docx", "inbox/t.docx");
    copy_sample(dir.path(), "fail-missing-keywords.docx", "inbox/k.docx");
    write(
        dir.path(),
        "fgcheck.toml",
        r#"
[[suppress]]
rule = "missing-title"
documents = "qit4n-i-*"
reason = "titles are added by the rapporteur"

[[suppress]]
rule = "FG113"
paths = "inbox/*.docx"
reason = "keywords optional at this meeting"

[[suppress]]
rule = "invalid-email"
documents = "QIT4N-I-9*"
reason = "stale"
"#,
    );
    let (code, _, stderr) = run(dir.path(), &["check", "inbox"]);
    assert_eq!(code, 0, "accepted findings do not fail the run: {stderr}");
    let (code, stdout, stderr) = run(
        dir.path(),
        &["check", "--format", "json", "--fail-on", "info", "inbox"],
    );
    assert_eq!(
        code, 1,
        "the unused suppression (info) fails at --fail-on info: {stderr}"
    );
    let value: Value = serde_json::from_str(&stdout).expect("json");
    let reasons: Vec<&str> = value["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["suppressed"].as_str().map(str::to_string))
        .map(|s| {
            if s.contains("rapporteur") {
                "title"
            } else if s.contains("keywords") {
                "keywords"
            } else {
                "other"
            }
        })
        .collect();
    assert!(
        reasons.contains(&"title") && reasons.contains(&"keywords"),
        "{stdout}"
    );
    let batch = value["batch"].as_array().expect("batch");
    assert_eq!(batch.len(), 1, "{stdout}");
    assert_eq!(batch[0]["slug"], "unused-suppression");
    assert!(
        batch[0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("invalid-email")
    );
    assert!(
        batch[0]["location"]["part"]
            .as_str()
            .unwrap_or("")
            .ends_with("fgcheck.toml")
    );
}

#[test]
fn unused_suppression_fails_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "pass-template.docx", "a.docx");
    write(
        dir.path(),
        "fgcheck.toml",
        "[[suppress]]\nrule = \"missing-title\"\npaths = \"a.docx\"\nreason = \"r\"\n",
    );
    assert_eq!(run(dir.path(), &["check", "a.docx"]).0, 0);
    assert_eq!(
        run(dir.path(), &["check", "a.docx", "--fail-on", "info"]).0,
        1
    );
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "a.docx",
            "--format",
            "concise",
            "--fail-on",
            "info",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        stdout.contains("info[FG901/unused-suppression]"),
        "{stdout}"
    );
}

/// Adds `docProps/custom.xml` with one text property to a package.
fn with_custom_property(bytes: &[u8], name: &str, value: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let entry_name = file.name().expect("name").to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("read");
        if entry_name == "_rels/.rels" {
            let text = String::from_utf8(data).expect("utf8").replace(
                "</Relationships>",
                r#"<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#,
            );
            data = text.into_bytes();
        } else if entry_name == "[Content_Types].xml" {
            let text = String::from_utf8(data).expect("utf8").replace(
                "</Types>",
                r#"<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#,
            );
            data = text.into_bytes();
        }
        entries.push((entry_name, data));
    }
    let custom = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}"><vt:lpwstr>{value}</vt:lpwstr></property></Properties>"#
    );
    entries.push(("docProps/custom.xml".into(), custom.into_bytes()));
    support::zip_entries(&entries)
}

#[test]
fn document_property_opts_a_document_out_of_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bytes = support::Spec::template()
        .set_row("Title:", support::p(""))
        .build();
    let opted = with_custom_property(
        &bytes,
        "fgcheck-ignore",
        "missing-title, hidden-text: title agreed at the opening plenary",
    );
    std::fs::write(dir.path().join("plain.docx"), &bytes).expect("write");
    std::fs::write(dir.path().join("opted.docx"), &opted).expect("write");
    assert_eq!(
        run(dir.path(), &["check", "--no-config", "plain.docx"]).0,
        1
    );
    let (code, stdout, _) = run(
        dir.path(),
        &["check", "--no-config", "--format", "jsonl", "opted.docx"],
    );
    assert_eq!(code, 0, "{stdout}");
    let line: Value =
        serde_json::from_str(stdout.lines().next().expect("one finding")).expect("json");
    assert_eq!(line["slug"], "missing-title");
    assert!(
        line["suppressed"]
            .as_str()
            .unwrap_or("")
            .starts_with("title agreed at the opening plenary"),
        "{line}"
    );
}

// ---------------------------------------------------------------- baselines

#[test]
fn baseline_round_trip_survives_a_rename() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "fail-missing-title.docx", "old/t.docx");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--write-baseline",
            "baseline.json",
            "old",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let baseline: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("baseline.json")).expect("written"),
    )
    .expect("json");
    assert_eq!(baseline["schema"], "fgcheck-baseline/1");
    let entries = baseline["findings"].as_array().expect("findings");
    assert!(!entries.is_empty());
    let number = sample_number("fail-missing-title.docx");
    assert_eq!(entries[0]["document"], number.as_str());
    assert_eq!(entries[0]["rule"], "missing-title");

    // The same document under another name and folder: still in the baseline.
    copy_sample(dir.path(), "fail-missing-title.docx", "new/renamed.docx");
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
            "new",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("(accepted: in baseline)"), "{stdout}");

    // Re-saved: another modification date, a paragraph added to the body, a new name.
    let mut resaved = support::Spec::template().without_row("Title:");
    // The bundled sample's number (samples are numbered apart from each other).
    resaved.number = support::p_styled("Docnumber", &number);
    resaved.core = support::core_xml("", "QKD", "2020-07-22T17:40:00Z");
    resaved
        .body
        .push_str(&support::p("A paragraph added on re-save."));
    std::fs::write(dir.path().join("new/resaved.docx"), resaved.build()).expect("write");
    let (code, stdout, _) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "--format",
            "jsonl",
            "new/resaved.docx",
        ],
    );
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("\"suppressed\":\"in baseline\""),
        "{stdout}"
    );

    // A new finding is not in it.
    copy_sample(dir.path(), "fail-empty-source.docx", "new/source.docx");
    let (code, _, _) = run(
        dir.path(),
        &["check", "--no-config", "--baseline", "baseline.json", "new"],
    );
    assert_eq!(code, 1);

    // A broken baseline is a usage error.
    write(dir.path(), "broken.json", "{\"schema\": \"nope\"}");
    let (code, _, stderr) = run(
        dir.path(),
        &["check", "--no-config", "--baseline", "broken.json", "new"],
    );
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn summary_file_is_appended() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_sample(dir.path(), "pass-template.docx", "a.docx");
    let path = dir.path().join("summary.md");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(b"# earlier step\n"))
        .expect("write");
    let (code, _, _) = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "github",
            "--summary-file",
            "summary.md",
            "a.docx",
        ],
    );
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with("# earlier step\n"));
    assert!(text.contains("## fgcheck passed"), "{text}");
}

/// The document number a bundled sample carries (samples are numbered apart from each
/// other by their generator).
fn sample_number(name: &str) -> String {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let settings = fgcheck::check::Settings::defaults(&data).expect("defaults");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name);
    let report = fgcheck::check::check_path(&path, name, &settings);
    report
        .header
        .map(|h| h.value(fgcheck::model::header::keys::DOCUMENT_NUMBER))
        .filter(|n| !n.is_empty())
        .expect("the sample has a number")
}
