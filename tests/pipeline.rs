//! One pipeline for every front end: the same documents, with the same `fgcheck.toml`,
//! get the same findings from `fgcheck check`, `fgcheck register` and the web page's API.

#![cfg(feature = "serve")]

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use axum::body::Body;
use axum::http::Request;
use serde_json::Value;
use tower::ServiceExt;

const BOUNDARY: &str = "fgcheck-pipeline-boundary";

/// A policy with a suppression, a severity change and a rule switched off, so that a front
/// end that skipped fgcheck.toml would disagree.
const CONFIG: &str = r#"
meeting = "fg-qit4n-5"

[rules]
hidden-text = "error"
comments = "off"

[[suppress]]
rule = "missing-title"
paths = "**/fail-missing-title.docx"
reason = "agreed with the rapporteur"
"#;

/// Every bundled sample: each breaks a rule on purpose, or looks as if it did and must not.
fn sample_names() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("samples")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            Path::new(n)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        })
        .collect();
    names.sort();
    names
}

/// (file name, [(slug, severity, suppressed)]) of an fgcheck/1 JSON document.
fn findings_of(json: &Value) -> BTreeMap<String, Vec<(String, String, bool)>> {
    let mut out = BTreeMap::new();
    for file in json["files"].as_array().expect("files") {
        let path = file["path"].as_str().expect("path");
        let name = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut findings: Vec<(String, String, bool)> = file["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["slug"] != "on-time")
            .map(|f| {
                (
                    f["slug"].as_str().unwrap_or_default().to_string(),
                    f["severity"].as_str().unwrap_or_default().to_string(),
                    f.get("suppressed").is_some_and(|s| !s.is_null()),
                )
            })
            .collect();
        findings.sort();
        out.insert(name, findings);
    }
    out
}

#[test]
fn check_register_and_the_page_agree_on_every_finding() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("fgcheck.toml"), CONFIG).expect("config");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("inbox");
    let names = sample_names();
    assert!(names.len() > 90, "{} samples", names.len());
    let mut uploads = Vec::new();
    for name in &names {
        let bytes = std::fs::read(samples.join(name)).expect("sample");
        std::fs::write(inbox.join(name), &bytes).expect("copy");
        uploads.push((name.clone(), bytes));
    }

    // The command line, reading fgcheck.toml from the current folder.
    let output = Command::cargo_bin("fgcheck")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", "inbox", "--format", "json", "--exit-zero"])
        .output()
        .expect("check");
    let check: Value = serde_json::from_slice(&output.stdout).expect("check json");
    let from_check = findings_of(&check);
    assert_eq!(from_check.len(), names.len());
    let missing_title = from_check.get("fail-missing-title.docx").expect("file");
    assert!(
        missing_title
            .iter()
            .any(|(slug, _, suppressed)| slug == "missing-title" && *suppressed),
        "the suppression in fgcheck.toml applies: {missing_title:?}"
    );
    assert!(
        from_check
            .values()
            .flatten()
            .all(|(slug, _, _)| slug != "comments"),
        "ignored rules do not run"
    );

    // The register: the same counts and verdicts per file.
    let output = Command::cargo_bin("fgcheck")
        .expect("binary")
        .current_dir(dir.path())
        .args(["register", "inbox", "--format", "json"])
        .output()
        .expect("register");
    let register: Value = serde_json::from_slice(&output.stdout).expect("register json");
    for row in register["rows"].as_array().expect("rows") {
        let file = row["file"].as_str().expect("file");
        let name = Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let findings = from_check.get(&name).expect("same files");
        let count = |severity: &str| {
            findings
                .iter()
                .filter(|(_, s, suppressed)| s == severity && !suppressed)
                .count()
        };
        assert_eq!(
            (row["errors"].as_u64(), row["warnings"].as_u64()),
            (Some(count("error") as u64), Some(count("warning") as u64)),
            "{name}: register {row} vs check {findings:?}"
        );
    }

    // The page's API, on a server started with the same configuration.
    let effective = {
        let config = fgcheck::config::read(&dir.path().join("fgcheck.toml")).expect("config");
        fgcheck::config::resolve(
            Some((&dir.path().join("fgcheck.toml"), &config)),
            &fgcheck::config::Overrides::default(),
        )
        .expect("effective")
    };
    let app = fgcheck::serve::App::with_policy(
        fgcheck::profile::RuleData::builtin().expect("rule data"),
        effective.selection(),
        fgcheck::serve::Limits {
            max_files: 200,
            ..fgcheck::serve::Limits::default()
        },
        fgcheck::serve::Policy::of(&effective),
    );
    let mut body = Vec::new();
    for (name, bytes) in &uploads {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let request = Request::post("/api/check")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .expect("request");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let text = runtime.block_on(async {
        let response = fgcheck::serve::router(app)
            .oneshot(request)
            .await
            .expect("response");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let page: Value = serde_json::from_str(&text).expect("api json");
    assert_eq!(
        findings_of(&page),
        from_check,
        "the page and check disagree"
    );
}

/// `fgcheck check` over the samples as of the day after the deadline, in `format`.
fn check_samples(format: &str) -> Command {
    let mut command = Command::cargo_bin("fgcheck").expect("binary");
    command
        .args([
            "check",
            "--no-config",
            "--meeting",
            "fg-qit4n-5",
            "--exit-zero",
        ])
        .args(["--as-of", "2020-07-23T09:00:00+02:00", "--jobs", "2"])
        .args(["--format", format]);
    command
}

/// Reports to stdout (json, jsonl, human, concise) are written file by file as the run
/// goes; the same run written whole (to `--output`) must be the same text, byte for byte.
#[test]
fn streamed_reports_are_the_reports_written_whole() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().expect("temp dir");
    for format in ["json", "jsonl", "human", "concise"] {
        let streamed = check_samples(format)
            .arg(&samples)
            .output()
            .expect("streamed");
        let file = dir.path().join(format!("whole.{format}"));
        check_samples(format)
            .arg("--output")
            .arg(&file)
            .args(["--output-format", format])
            .arg(&samples)
            .output()
            .expect("whole");
        let whole = std::fs::read(&file).expect("written");
        assert!(whole.len() > 10_000, "{format}: {} bytes", whole.len());
        assert_eq!(
            String::from_utf8_lossy(&streamed.stdout),
            String::from_utf8_lossy(&whole),
            "{format}"
        );
    }
}

/// A bug in rendering one file's report costs that file (reported `internal-error`), not
/// the run: the other files are written, the batch goes on.
#[test]
fn a_panic_while_rendering_one_file_costs_that_file_not_the_run() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let inputs = fgcheck::run::collect_inputs(std::slice::from_ref(&samples));
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let settings = fgcheck::check::Settings::defaults(&data).expect("settings");
    let plan = fgcheck::run::Plan {
        jobs: Some(2),
        ..fgcheck::run::Plan::new(settings)
    };
    let render = |file: &fgcheck::check::FileReport, _: &[fgcheck::run::FieldInfo]| {
        assert!(
            !file.path.ends_with("fail-missing-title.docx"),
            "a renderer bug"
        );
        file.path.clone()
    };
    let mut written = Vec::new();
    let mut write = |text: String| written.push(text);
    let run = plan.run(
        &inputs,
        Some(fgcheck::run::Stream {
            render: &render,
            write: &mut write,
        }),
        &|| {},
    );
    assert_eq!(written.len(), inputs.len() - 1);
    assert!(
        !written
            .iter()
            .any(|p| p.ends_with("fail-missing-title.docx"))
    );
    let summary = run.summary();
    assert_eq!(summary.files, inputs.len());
    // fail-not-a-docx.docx, and the file whose report panicked.
    assert_eq!(summary.unreadable, 2, "{summary:?}");
}
