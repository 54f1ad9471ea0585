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
        let (code, page) = stdout_of(fgcheck().args(["explain", rule.code, "--no-config"]));
        assert_eq!(code, 0);
        // The docs, with the profile's words in their slots.
        let first_words = |text: &str| text.split('{').next().unwrap_or_default().to_string();
        for text in [rule.why, rule.bad, rule.good, rule.fix] {
            assert!(page.contains(&first_words(text)), "{}: {text}", rule.slug);
        }
        assert!(
            !page.contains("{number_example}") && !page.contains("{template}"),
            "{page}"
        );
    }
    // In the words of the profile asked for: a study group's numbers, not a focus group's.
    let (_, page) = stdout_of(fgcheck().args([
        "explain",
        "bad-doc-number",
        "--no-config",
        "--profile",
        "itu-t-sg",
    ]));
    assert!(
        page.contains("SG17-C823") && !page.contains("QIT4N"),
        "{page}"
    );
    let (_, page) = stdout_of(fgcheck().args([
        "explain",
        "bad-doc-number",
        "--no-config",
        "--profile",
        "fg-qit4n",
    ]));
    assert!(page.contains("QIT4N-I-012"), "{page}");
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

/// Every argument and every value of every subcommand says what it does in `--help`.
#[test]
fn every_flag_and_value_has_help_text() {
    use clap::CommandFactory;

    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            // clap's own --help and --version say what they do.
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
            // Switches (--quiet) take no value; their true/false are not values to explain.
            if arg.is_hide_possible_values_set() || !arg.get_action().takes_values() {
                continue;
            }
            for value in arg.get_possible_values() {
                if !value.is_hide_set() && value.get_help().is_none() {
                    missing.push(format!("{path} {id}={}", value.get_name()));
                }
            }
        }
        for sub in command.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() && sub.get_long_about().is_none() {
                missing.push(sub_path.clone());
            }
            walk(sub, &sub_path, missing);
        }
    }

    let command = fgcheck::cli::Cli::command();
    command.clone().debug_assert();
    let mut missing = Vec::new();
    walk(&command, "fgcheck", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}

/// A CI gate pointed at a folder without Word files must not go green.
#[test]
fn no_word_file_under_the_paths_is_exit_2_unless_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("inbox");
    std::fs::create_dir_all(empty.join("drafts")).expect("mkdir");
    std::fs::write(empty.join("notes.txt"), "not a contribution").expect("write");
    for command in ["check", "register"] {
        let output = fgcheck().arg(command).arg(&empty).output().expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains(&empty.display().to_string())
                && stderr.contains("no Word file")
                && stderr.contains("--allow-empty"),
            "{command}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{command}: no report is written");
    }
    let (code, out) = stdout_of(fgcheck().arg("check").arg(&empty).arg("--allow-empty"));
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("0 file(s)"), "{out}");
    let (code, out) =
        stdout_of(
            fgcheck()
                .arg("register")
                .arg(&empty)
                .args(["--allow-empty", "--format", "csv"]),
        );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "the header row only: {out}");
}

/// Word's owner file, as Word writes it next to an open document: the user name's length,
/// the name padded to byte 54, then its length and the name in UTF-16LE, 162 bytes in all.
fn word_lock_file(user: &str) -> Vec<u8> {
    let mut bytes = vec![u8::try_from(user.len()).expect("short name")];
    bytes.extend(user.bytes());
    bytes.resize(54, b' ');
    bytes.extend(u16::try_from(user.len()).expect("short").to_le_bytes());
    bytes.extend(user.encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(162, 0);
    bytes
}

#[test]
fn word_lock_files_are_named_as_such_with_a_fix_that_fits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lock = word_lock_file("Alice Example");
    for name in ["~$T4N-I-012.docx", "3fa1c2d4_~$T4N-I-012.docx"] {
        std::fs::write(dir.path().join(name), &lock).expect("write");
    }
    let (code, json) = stdout_of(
        fgcheck()
            .arg("check")
            .arg(dir.path())
            .args(["--format", "json"]),
    );
    assert_eq!(code, 3, "not a document: unreadable");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let files = value["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    for file in files {
        let findings = file["findings"].as_array().expect("findings");
        assert_eq!(findings.len(), 1, "{file}");
        assert_eq!(findings[0]["slug"], "word-lock-file", "{file}");
        let message = findings[0]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("Word's lock file") && message.contains("Alice Example"),
            "{message}"
        );
    }
    let (_, human) = stdout_of(fgcheck().arg("check").arg(dir.path()));
    assert!(
        human.contains("This is Word's lock file, not the document: check the document itself"),
        "{human}"
    );
    assert!(
        !human.contains("Save As") && !human.contains("match neither"),
        "{human}"
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
    // mkfifo(1), not libc::mkfifo: the crate forbids unsafe code, its tests included.
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
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
