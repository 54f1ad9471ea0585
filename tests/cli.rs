//! The command line as users meet it: exit codes (a contract), human and JSON output
//! (snapshots), rules and explain.

use assert_cmd::Command;

fn fgcheck() -> Command {
    let mut command = Command::cargo_bin("fgcheck").expect("binary");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    command
}

fn stdout_of(command: &mut Command) -> (i32, String) {
    let output = command.output().expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn exit_0_for_a_conforming_file() {
    let (code, out) = stdout_of(fgcheck().args(["check", "samples/pass-template.docx"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("pass"), "{out}");
}

#[test]
fn exit_1_for_errors_and_fail_on_moves_the_threshold() {
    let (code, _) = stdout_of(fgcheck().args(["check", "samples/fail-missing-title.docx"]));
    assert_eq!(code, 1);
    // A warning-only file passes by default, fails with --fail-on warning.
    let (code, _) = stdout_of(fgcheck().args(["check", "samples/fail-bad-purpose.docx"]));
    assert_eq!(code, 0);
    let (code, _) = stdout_of(fgcheck().args([
        "check",
        "samples/fail-bad-purpose.docx",
        "--fail-on",
        "warning",
    ]));
    assert_eq!(code, 1);
    let (code, _) = stdout_of(fgcheck().args([
        "check",
        "samples/pass-placeholder-number.docx",
        "--fail-on",
        "info",
    ]));
    assert_eq!(code, 1);
    let (code, _) =
        stdout_of(fgcheck().args(["check", "samples/fail-missing-title.docx", "--exit-zero"]));
    assert_eq!(code, 0);
}

#[test]
fn exit_2_for_usage_and_configuration_errors() {
    for args in [
        vec!["check"],
        vec!["check", "samples/", "--meeting", "no-such-meeting"],
        vec!["check", "samples/", "--profile", "no-such-profile"],
        vec!["check", "no/such/file.docx"],
        vec!["check", "samples/", "--format", "yaml"],
        vec!["explain", "no-such-rule"],
        vec!["frobnicate"],
    ] {
        let output = fgcheck().args(&args).output().expect("run");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn bad_rule_data_is_a_configuration_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).expect("mkdir");
    std::fs::write(meetings.join("broken.toml"), "id = 'x'\nname = 'x'\nprofile = 'fg-qit4n'\nplace = 'Geneva'\nstart = '2020-13-01'\nend = '2020-08-07'\ninput_deadline = '2020-07-22'\n").expect("write");
    let output = fgcheck()
        .args(["check", "samples/pass-template.docx", "--rules"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.toml") && stderr.contains("start"),
        "{stderr}"
    );
}

#[test]
fn exit_3_when_any_file_is_unreadable_whatever_else_was_found() {
    let (code, out) = stdout_of(fgcheck().args([
        "check",
        "samples/fail-not-a-docx.docx",
        "samples/fail-missing-title.docx",
    ]));
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("UNREADABLE"), "{out}");
}

#[test]
fn a_meeting_added_as_data_is_used_without_a_release() {
    let dir = tempfile::tempdir().expect("tempdir");
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(&meetings).expect("mkdir");
    std::fs::write(
        meetings.join("fg-qit4n-6.toml"),
        "id = 'fg-qit4n-6'\nname = '6th meeting'\nprofile = 'fg-qit4n'\nplace = 'Geneva'\nstart = '2020-11-16'\nend = '2020-11-27'\ninput_deadline = '2020-11-09'\nstudy_period = '2017-2020'\nlanguage = 'en'\n",
    )
    .expect("write");
    let (code, out) = stdout_of(
        fgcheck()
            .args([
                "check",
                "samples/pass-template.docx",
                "--format",
                "json",
                "--meeting",
                "fg-qit4n-6",
                "--rules",
            ])
            .arg(dir.path()),
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrong-meeting-place-date"), "{out}");
}

#[test]
fn json_is_the_versioned_contract() {
    let (code, out) = stdout_of(fgcheck().args([
        "check",
        "samples/fail-missing-title.docx",
        "samples/pass-template.docx",
        "--format",
        "json",
    ]));
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(value["schema"], "fgcheck/1");
    let files = value["files"].as_array().expect("files");
    // Sorted by path, whatever the scheduling.
    assert_eq!(files[0]["path"], "samples/fail-missing-title.docx");
    assert_eq!(files[0]["status"], "fail");
    let finding = &files[0]["findings"][0];
    assert_eq!(finding["slug"], "missing-title");
    assert_eq!(finding["code"], "FG109");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["location"]["part"], "word/document.xml");
    assert_eq!(files[1]["metadata"]["document_number"], "QIT4N-I-012");
    assert_eq!(
        files[1]["metadata"]["title"],
        "Proposed text for key management in QKD networks"
    );
    assert_eq!(
        files[1]["metadata"]["contacts"][0]["emails"][0],
        "alice@example.org"
    );
    assert_eq!(value["summary"]["files"], 2);
    insta::assert_snapshot!("json_missing_title", out);
}

#[test]
fn human_output_quotes_the_finding_and_says_where() {
    let (_, out) = stdout_of(fgcheck().args([
        "check",
        "samples/fail-invalid-email.docx",
        "samples/fail-not-a-docx.docx",
        "--color",
        "never",
    ]));
    assert!(
        out.contains("invalid-email")
            && out.contains("bob(at)example.org")
            && out.contains("Contact:"),
        "{out}"
    );
    insta::assert_snapshot!("human_invalid_email_and_unreadable", out);
}

#[test]
fn folders_are_recursed_and_sorted() {
    let (_, out) = stdout_of(fgcheck().args(["check", "samples", "--quiet"]));
    let expected = std::fs::read_dir("samples")
        .expect("samples")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "docx"))
        })
        .count();
    assert!(out.starts_with(&format!("{expected} file(s)")), "{out}");
}

#[test]
fn rules_and_explain_come_from_the_registry() {
    let (code, out) = stdout_of(fgcheck().args(["rules"]));
    assert_eq!(code, 0);
    for rule in fgcheck::rules::ALL {
        assert!(
            out.contains(rule.slug),
            "{} missing from `fgcheck rules`",
            rule.slug
        );
        let (code, page) = stdout_of(fgcheck().args(["explain", rule.code]));
        assert_eq!(code, 0);
        assert!(
            page.contains(rule.why) && page.contains(rule.bad) && page.contains(rule.good),
            "{}",
            rule.slug
        );
    }
    let (_, json) = stdout_of(fgcheck().args(["rules", "--format", "json"]));
    let list: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert_eq!(list.len(), fgcheck::rules::ALL.len());
}

#[test]
fn input_files_are_never_modified() {
    let before = std::fs::read("samples/fail-missing-title.docx").expect("read");
    let modified = std::fs::metadata("samples/fail-missing-title.docx")
        .and_then(|m| m.modified())
        .expect("mtime");
    let _ = fgcheck()
        .args([
            "check",
            "samples/fail-missing-title.docx",
            "--format",
            "json",
        ])
        .output();
    assert_eq!(
        std::fs::read("samples/fail-missing-title.docx").expect("read"),
        before
    );
    assert_eq!(
        std::fs::metadata("samples/fail-missing-title.docx")
            .and_then(|m| m.modified())
            .expect("mtime"),
        modified
    );
}

/// Issue 12: a FIFO named `x.docx` used to block `open` forever, and the good file beside
/// it was never reported; a symlinked `.docx` in a folder was skipped silently.
#[cfg(unix)]
#[test]
fn special_files_are_reported_and_never_block_the_batch() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).expect("inbox");
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/pass-template.docx");
    std::fs::copy(&good, inbox.join("good.docx")).expect("copy");
    let fifo = inbox.join("x.docx");
    let path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file system entry.
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
    // A link to a file outside the folder, a link loop back to the folder itself.
    symlink(&good, inbox.join("linked.docx")).expect("symlink");
    symlink(&inbox, inbox.join("loop")).expect("loop");

    // The FIFO given on the command line, beside a good file.
    let output = fgcheck()
        .args(["check", "--no-config", "--format", "json"])
        .arg(&fifo)
        .arg(inbox.join("good.docx"))
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{out}");
    assert!(
        out.contains("\"io-error\"") && out.contains("FIFO"),
        "{out}"
    );
    assert!(out.contains("good.docx"), "{out}");

    // The folder: the FIFO is reported, the linked file is checked, the loop is walked once.
    let output = fgcheck()
        .args(["check", "--no-config", "--format", "concise"])
        .arg(&inbox)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("run");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("x.docx") && out.contains("io-error"), "{out}");
    assert!(out.contains("3 file(s)"), "{out}");
}
