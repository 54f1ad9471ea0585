//! The deadline and the secretariat's intake, end to end: real .docx files (built from
//! readable parts) with crafted `dcterms:modified`, a receipts CSV, `check --format json`
//! and `register` in every format. `--as-of` pins "now", and the commands run inside the
//! temporary folder with relative paths, so outputs (and snapshots) are stable.

mod support;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use support::*;

const AFTER: &str = "2020-09-01T00:00:00Z";

/// A conforming input with its own number, title and `dcterms:modified` (`None`: absent).
fn doc(number: &str, title: &str, modified: Option<&str>) -> Vec<u8> {
    let mut spec = Spec::template().set_row("Title:", p(title));
    spec.number = p_styled("Docnumber", number);
    let core = core_xml(title, "QKD; key management; network", "MODIFIED");
    spec.core = match modified {
        Some(value) => core.replace("MODIFIED", value),
        None => core.replace(
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">MODIFIED</dcterms:modified>"#,
            "",
        ),
    };
    spec.build()
}

/// The intake folder: inputs/ and receipts.csv.
fn intake() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).expect("mkdir");
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "on-time.docx",
            doc(
                "QIT4N-I-010",
                "Key relay between trusted nodes",
                Some("2020-07-20T09:15:00Z"),
            ),
        ),
        (
            "last-second.docx",
            doc(
                "QIT4N-I-011",
                "Key management interfaces",
                Some("2020-07-22T23:59:59+02:00"),
            ),
        ),
        (
            "late-31-minutes.docx",
            doc(
                "QIT4N-I-012",
                "Quantum-safe key exchange",
                Some("2020-07-22T22:30:59Z"),
            ),
        ),
        (
            "late-days.docx",
            doc(
                "QIT4N-I-013",
                "QKD network architecture",
                Some("2020-07-27T08:59:59+02:00"),
            ),
        ),
        (
            "no-offset.docx",
            doc(
                "QIT4N-I-014",
                "Entanglement distribution",
                Some("2020-07-22T23:30:00"),
            ),
        ),
        (
            "no-modified.docx",
            doc("QIT4N-I-015", "Trusted node security", None),
        ),
        // A secretariat re-save: modified after the deadline, but the receipt is on time.
        (
            "resaved.docx",
            doc(
                "QIT4N-I-016",
                "Key rate measurement",
                Some("2020-07-24T10:00:00Z"),
            ),
        ),
        // Modified on time, received late: the receipt wins.
        (
            "late-receipt.docx",
            doc(
                "QIT4N-I-017",
                "QKD link budget",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "revision.docx",
            doc(
                "QIT4N-I-020-R1",
                "Network slicing for QKD",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "dup-a.docx",
            doc(
                "QIT4N-I-030",
                "Use cases for QKD networks",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "dup-b.docx",
            doc(
                "QIT4N-I-030",
                "Use cases for quantum networks",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "same-title.docx",
            doc(
                "QIT4N-I-031",
                "Use cases for QKD networks",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "placeholder.docx",
            doc(
                "QIT4N-I-xxx",
                "Key management terminology",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        (
            "placeholder-2.docx",
            doc(
                "QIT4N-I-xxx",
                "Key management glossary",
                Some("2020-07-21T12:00:00Z"),
            ),
        ),
        // A header error and late: needs-fix (the fix comes first), late by a day.
        ("no-source-late.docx", {
            let mut spec = Spec::template()
                .set_row("Title:", p("Post-quantum migration"))
                .set_row("Source:", p(""));
            spec.number = p_styled("Docnumber", "QIT4N-I-018");
            spec.core = core_xml(
                "Post-quantum migration",
                "QKD; key management; network",
                "2020-07-23T21:59:59Z",
            );
            spec.build()
        }),
    ];
    for (name, bytes) in files {
        std::fs::write(inputs.join(name), bytes).expect("write");
    }
    std::fs::write(inputs.join("broken.docx"), b"not a zip at all").expect("write");
    // The intake of a meeting whose deadline has passed names it (`check` reads it here,
    // `register` is given --meeting): without one, the next meeting still due (none, in
    // the built-in data) would apply.
    std::fs::write(
        dir.path().join("fgcheck.toml"),
        "meeting = \"fg-qit4n-5\"\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("receipts.csv"),
        "file,received_at\n\
         inputs/resaved.docx,2020-07-22T18:00:00Z\n\
         late-receipt.docx,2020-07-23T08:30:00+02:00\n\
         inputs/missing.docx,2020-07-22T10:00:00Z\n",
    )
    .expect("write");
    dir
}

fn fgcheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("fgcheck").expect("binary");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Runs `check --format json` and returns (exit code, JSON, stderr).
fn check_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let output = fgcheck(dir)
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .expect("run");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (
        output.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The deadline findings of one file: (slug, message).
fn deadline_findings(json: &Value, file: &str) -> Vec<(String, String)> {
    let file = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(file)))
        .unwrap_or_else(|| panic!("no file {file}"));
    file["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["code"].as_str().is_some_and(|c| c.starts_with("FG4")))
        .map(|f| {
            (
                f["slug"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn slugs(findings: &[(String, String)]) -> Vec<&str> {
    findings.iter().map(|(s, _)| s.as_str()).collect()
}

fn batch_slugs(json: &Value) -> Vec<String> {
    let mut slugs: Vec<String> = json["batch"]
        .as_array()
        .expect("batch")
        .iter()
        .map(|f| f["slug"].as_str().unwrap_or_default().to_string())
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn check_judges_every_source() {
    let dir = intake();
    let (code, json, stderr) = check_json(
        dir.path(),
        &["inputs", "--receipts", "receipts.csv", "--as-of", AFTER],
    );
    assert_eq!(code, 3, "broken.docx is unreadable: {stderr}");

    // dcterms:modified, on time: no finding (on-time only for receipts or --deadline-report).
    assert!(deadline_findings(&json, "on-time.docx").is_empty());
    assert!(deadline_findings(&json, "last-second.docx").is_empty());

    let late = deadline_findings(&json, "late-31-minutes.docx");
    assert_eq!(slugs(&late), ["late"]);
    let message = &late[0].1;
    // In the meeting's time zone, with the offset: 22:30:59Z is 00:30:59 in Geneva.
    for wanted in [
        "received 2020-07-23 00:30:59 +02:00",
        "31 minutes late",
        "last-saved time 2020-07-22T22:30:59Z (Modified, File > Info)",
        "due by 2020-07-22 23:59:59 +02:00 (Europe/Zurich)",
    ] {
        assert!(message.contains(wanted), "{wanted:?} not in {message}");
    }

    let days = deadline_findings(&json, "late-days.docx");
    assert!(days[0].1.contains("4 days 9 hours late"), "{}", days[0].1);

    let bare = deadline_findings(&json, "no-offset.docx");
    assert_eq!(slugs(&bare), ["late"]);
    assert!(
        bare[0].1.contains("no offset: read as UTC"),
        "{}",
        bare[0].1
    );

    let unknown = deadline_findings(&json, "no-modified.docx");
    assert_eq!(slugs(&unknown), ["deadline-unknown"]);
    assert!(
        unknown[0].1.contains("records no last-saved time"),
        "{}",
        unknown[0].1
    );

    // Receipts beat dcterms:modified, both ways, and say which line they came from.
    let resaved = deadline_findings(&json, "resaved.docx");
    assert_eq!(slugs(&resaved), ["on-time"]);
    assert!(
        resaved[0].1.contains("receipts.csv, line 2"),
        "{}",
        resaved[0].1
    );
    let late_receipt = deadline_findings(&json, "late-receipt.docx");
    assert_eq!(slugs(&late_receipt), ["late"]);
    assert!(
        late_receipt[0].1.contains("receipts.csv, line 3")
            && late_receipt[0].1.contains("8 hours 30 minutes late"),
        "{}",
        late_receipt[0].1
    );

    // The row for a file not in the batch: a batch finding, and nothing more on stderr.
    assert!(
        json["batch"]
            .to_string()
            .contains("receipts.csv, line 4: inputs/missing.docx matches no input"),
        "{json}"
    );
    assert!(!stderr.contains("missing.docx"), "{stderr}");
    assert_eq!(
        batch_slugs(&json),
        [
            "duplicate-doc-number",
            "duplicate-title",
            "revision-without-base",
            "unmatched-receipt"
        ]
    );
    let batch = json["batch"].to_string();
    assert!(
        batch.contains("dup-a.docx") && batch.contains("dup-b.docx"),
        "{batch}"
    );
    assert!(
        !batch.contains("placeholder"),
        "placeholders are never duplicates: {batch}"
    );
}

#[test]
fn deadline_report_and_as_of_before_the_deadline() {
    let dir = intake();
    // With --deadline-report every judged file says so.
    let (_, json, _) = check_json(
        dir.path(),
        &["inputs/on-time.docx", "--as-of", AFTER, "--deadline-report"],
    );
    let on_time = deadline_findings(&json, "on-time.docx");
    assert_eq!(slugs(&on_time), ["on-time"]);
    assert!(
        on_time[0].1.contains("2 days 12 hours before the deadline"),
        "{}",
        on_time[0].1
    );

    // Before the deadline, a time later than "now" is not late yet; time left is said.
    let (code, json, _) = check_json(
        dir.path(),
        &[
            "inputs/late-days.docx",
            "--as-of",
            "2020-07-21T21:59:59Z",
            "--deadline-report",
        ],
    );
    assert_eq!(code, 0);
    let pending = deadline_findings(&json, "late-days.docx");
    assert_eq!(slugs(&pending), ["on-time"]);
    assert!(
        pending[0].1.contains("not late yet") && pending[0].1.contains("1 day left"),
        "{}",
        pending[0].1
    );

    // Without a received time, before the deadline: unknown, with the time left.
    let (_, json, _) = check_json(
        dir.path(),
        &["inputs/no-modified.docx", "--as-of", "2020-07-22T21:29:59Z"],
    );
    let unknown = deadline_findings(&json, "no-modified.docx");
    assert!(unknown[0].1.contains("30 minutes left"), "{}", unknown[0].1);
}

#[test]
fn received_at_is_for_one_file_and_beats_the_rest() {
    let dir = intake();
    let (code, json, _) = check_json(
        dir.path(),
        &[
            "inputs/on-time.docx",
            "--received-at",
            "2020-07-23T00:30:00+02:00",
            "--as-of",
            AFTER,
        ],
    );
    assert_eq!(code, 1);
    let late = deadline_findings(&json, "on-time.docx");
    assert_eq!(slugs(&late), ["late"]);
    assert!(
        late[0].1.contains("(--received-at)") && late[0].1.contains("30 minutes 1 second late"),
        "{}",
        late[0].1
    );

    let output = fgcheck(dir.path())
        .args(["check", "inputs", "--received-at", "2020-07-22T10:00:00Z"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--received-at applies to one file"));

    let output = fgcheck(dir.path())
        .args([
            "check",
            "inputs/on-time.docx",
            "--received-at",
            "2020-07-22 10:00",
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_malformed_receipt_is_a_usage_error_naming_the_line() {
    let dir = intake();
    std::fs::write(
        dir.path().join("bad.csv"),
        "file,received_at\ninputs/on-time.docx,2020-07-22T10:00:00Z\ninputs/late-days.docx,22/07/2020 10:00\n",
    )
    .expect("write");
    let output = fgcheck(dir.path())
        .args(["check", "inputs", "--receipts", "bad.csv"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("bad.csv, line 3"), "{stderr}");
    assert!(output.stdout.is_empty());
}

/// The register of the intake folder in one format and sort order.
fn register(dir: &Path, format: &str, sort: &str) -> String {
    let output = fgcheck(dir)
        .args([
            "register",
            "inputs",
            "--meeting",
            "fg-qit4n-5",
            "--receipts",
            "receipts.csv",
            "--as-of",
            AFTER,
            "--format",
            format,
            "--sort",
            sort,
        ])
        .output()
        .expect("run");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("utf-8");
    // The commands run in the temporary folder with relative paths; should a path still
    // leak, keep the snapshot stable anyway.
    let root = dir.display().to_string();
    text.replace(&root, "[TMP]")
        .replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

#[test]
fn register_csv() {
    let dir = intake();
    insta::assert_snapshot!(register(dir.path(), "csv", "number"));
}

#[test]
fn register_json() {
    let dir = intake();
    let text = register(dir.path(), "json", "number");
    let json: Value = serde_json::from_str(&text).expect("json");
    let statuses: Vec<&str> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["status"].as_str().unwrap_or_default())
        .collect();
    assert!(statuses.contains(&"accepted-late") && statuses.contains(&"unreadable"));
    insta::assert_snapshot!(text);
}

#[test]
fn register_markdown() {
    let dir = intake();
    insta::assert_snapshot!(register(dir.path(), "md", "number"));
}

#[test]
fn register_markdown_by_status() {
    let dir = intake();
    insta::assert_snapshot!(register(dir.path(), "md", "status"));
}

#[test]
fn mtime_only_with_use_mtime() {
    let dir = intake();
    let path = dir.path().join("inputs/no-modified.docx");
    // 2020-07-22T22:00:00Z: one second after the deadline.
    let late = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_595_455_200);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_modified(late)
        .expect("set mtime");
    let (_, json, _) = check_json(dir.path(), &["inputs/no-modified.docx", "--as-of", AFTER]);
    assert_eq!(
        slugs(&deadline_findings(&json, "no-modified.docx")),
        ["deadline-unknown"]
    );
    let (code, json, _) = check_json(
        dir.path(),
        &["inputs/no-modified.docx", "--as-of", AFTER, "--use-mtime"],
    );
    assert_eq!(code, 1);
    let found = deadline_findings(&json, "no-modified.docx");
    assert_eq!(slugs(&found), ["late"]);
    assert!(
        found[0].1.contains("1 second late") && found[0].1.contains("modification time"),
        "{}",
        found[0].1
    );
    // dcterms:modified still beats the mtime.
    let on_time = dir.path().join("inputs/on-time.docx");
    std::fs::File::options()
        .write(true)
        .open(&on_time)
        .expect("open")
        .set_modified(late)
        .expect("set mtime");
    let (_, json, _) = check_json(
        dir.path(),
        &["inputs/on-time.docx", "--as-of", AFTER, "--use-mtime"],
    );
    assert!(deadline_findings(&json, "on-time.docx").is_empty());
}

/// A folder with one conforming input saved at `modified`, and no fgcheck.toml.
fn one_input(modified: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("a.docx"),
        doc("QIT4N-I-040", "Key relay in metro networks", Some(modified)),
    )
    .expect("write");
    dir
}

fn slugs_of(json: &Value) -> Vec<String> {
    json["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["slug"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn without_a_meeting_a_document_saved_in_2023_is_not_late() {
    let dir = one_input("2023-03-14T10:00:00Z");
    for as_of in [None, Some("2023-03-15T00:00:00Z")] {
        let mut args = vec!["a.docx"];
        args.extend(as_of.iter().flat_map(|t| ["--as-of", *t]));
        let (code, json, stderr) = check_json(dir.path(), &args);
        assert_eq!(code, 0, "{json}");
        assert_eq!(json["meeting"], Value::Null, "no past meeting is chosen");
        let slugs = slugs_of(&json);
        assert!(
            !slugs
                .iter()
                .any(|s| s == "late" || s.starts_with("wrong-meeting")),
            "{slugs:?}"
        );
        // One line says so, and how to pick a meeting.
        let notes: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("no upcoming meeting is known"))
            .collect();
        assert_eq!(notes.len(), 1, "{stderr}");
        assert!(
            notes[0].contains("--meeting ID") && notes[0].contains("fgcheck meetings"),
            "{stderr}"
        );
    }
    // Named, the past meeting still judges it: the same document is years late.
    let (code, json, _) = check_json(dir.path(), &["a.docx", "--meeting", "fg-qit4n-5"]);
    assert_eq!(code, 1);
    assert!(slugs_of(&json).contains(&"late".to_string()), "{json}");
}

#[test]
fn as_of_before_a_deadline_picks_that_meeting() {
    let dir = one_input("2020-06-30T10:00:00Z");
    let (code, json, stderr) = check_json(
        dir.path(),
        &[
            "a.docx",
            "--as-of",
            "2020-07-01T00:00:00Z",
            "--deadline-report",
        ],
    );
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["meeting"], "fg-qit4n-5");
    assert_eq!(slugs_of(&json), ["on-time"], "judged against its deadline");
    assert!(
        stderr.contains("checking against fg-qit4n-5") && stderr.contains("--meeting none"),
        "{stderr}"
    );
    // --meeting none: a pre-check, said nothing about.
    let (_, json, stderr) = check_json(
        dir.path(),
        &[
            "a.docx",
            "--as-of",
            "2020-07-01T00:00:00Z",
            "--meeting",
            "none",
        ],
    );
    assert_eq!(json["meeting"], Value::Null);
    assert!(slugs_of(&json).is_empty(), "{json}");
    assert!(!stderr.contains("meeting"), "{stderr}");
}

#[test]
fn the_next_meeting_follows_the_data_and_the_profile() {
    let dir = one_input("2020-08-20T10:00:00Z");
    let meetings = dir.path().join("our-rules/meetings");
    std::fs::create_dir_all(&meetings).expect("mkdir");
    std::fs::write(
        meetings.join("fg-qit4n-6.toml"),
        "id = 'fg-qit4n-6'\nname = '6th meeting'\nprofile = 'fg-qit4n'\nplace = 'Geneva'\nstart = '2020-11-16'\nend = '2020-11-27'\ninput_deadline = '2020-11-09'\nstudy_period = '2017-2020'\nlanguage = 'en'\n",
    )
    .expect("write");
    let (_, json, stderr) = check_json(
        dir.path(),
        &[
            "a.docx",
            "--rules",
            "our-rules",
            "--as-of",
            "2020-09-01T00:00:00Z",
        ],
    );
    assert_eq!(json["meeting"], "fg-qit4n-6", "{stderr}");
    assert!(
        slugs_of(&json).contains(&"wrong-meeting-place-date".to_string()),
        "the header names the 5th meeting: {json}"
    );
    let (_, json, stderr) = check_json(
        dir.path(),
        &[
            "a.docx",
            "--rules",
            "our-rules",
            "--as-of",
            "2020-09-01T00:00:00Z",
            "--profile",
            "itu-t-sg",
        ],
    );
    assert_eq!(json["meeting"], Value::Null);
    assert_eq!(json["profile"], "itu-t-sg");
    assert!(
        stderr.contains("no upcoming meeting is known for profile itu-t-sg"),
        "{stderr}"
    );
}

/// The CSV register has no room for batch findings: they go to stderr, each once.
#[test]
fn register_reports_each_warning_once() {
    let dir = intake();
    for format in ["csv", "md", "json"] {
        let output = fgcheck(dir.path())
            .args([
                "register",
                "inputs",
                "--meeting",
                "fg-qit4n-5",
                "--receipts",
                "receipts.csv",
                "--as-of",
                AFTER,
                "--format",
                format,
            ])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let told = stderr.matches("inputs/missing.docx").count()
            + stdout
                .matches("inputs/missing.docx matches no input")
                .count();
        assert_eq!(told, 1, "{format}: stderr {stderr}\nstdout {stdout}");
        if format == "csv" {
            assert_eq!(
                stderr.matches("duplicate-doc-number").count(),
                1,
                "{stderr}"
            );
        }
    }
}
