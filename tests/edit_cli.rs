//! `fgcheck annotate` and `fgcheck fix` on the command line: what they print (snapshots),
//! where they write, what they refuse, and that hostile or broken inputs get the verdict
//! `check` gives them with nothing written.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use support::*;

fn fgcheck(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("fgcheck").expect("binary");
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args([] as [&str; 0]);
    command
}

fn run(command: &mut Command) -> (i32, String) {
    let output = command.output().expect("run");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// A folder holding copies of the named samples.
fn folder_with(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    for name in names {
        std::fs::copy(sample(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const AS_OF: &str = "2020-07-23T09:00:00+02:00";

#[test]
fn annotate_writes_a_copy_beside_the_input_and_never_over_anything() {
    let dir = folder_with(&[
        "fail-invalid-email.docx",
        "fail-comment.docx",
        "pass-template.docx",
    ]);
    let original = std::fs::read(dir.path().join("fail-invalid-email.docx")).expect("read");
    let (code, out) = run(fgcheck(dir.path()).args(["annotate", ".", "--as-of", AS_OF]));
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("annotate_folder", out);
    assert_eq!(
        listing(dir.path()),
        [
            "fail-comment.docx",
            "fail-comment.fgcheck.docx",
            "fail-invalid-email.docx",
            "fail-invalid-email.fgcheck.docx",
            "pass-template.docx",
            "pass-template.fgcheck.docx"
        ]
    );
    assert_eq!(
        std::fs::read(dir.path().join("fail-invalid-email.docx")).expect("read"),
        original
    );
    // Again: the copies exist, so nothing is replaced without --force, and the copies in
    // the folder are not taken as inputs.
    let before = std::fs::read(dir.path().join("fail-comment.fgcheck.docx")).expect("read");
    let (code, out) = run(fgcheck(dir.path()).args(["annotate", ".", "--as-of", AS_OF]));
    assert_eq!(code, 2, "{out}");
    insta::assert_snapshot!("annotate_refuses_existing", out);
    assert_eq!(
        std::fs::read(dir.path().join("fail-comment.fgcheck.docx")).expect("read"),
        before
    );
    // Annotating the annotated copy replaces fgcheck's comment: same bytes as the first copy.
    let (code, out) = run(fgcheck(dir.path()).args([
        "annotate",
        "fail-comment.fgcheck.docx",
        "-o",
        "again.docx",
        "--as-of",
        AS_OF,
    ]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("replacing 1 comment from an earlier run"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("again.docx")).expect("read"),
        before
    );
    // The input is never the output, even with --force.
    let (code, out) = run(fgcheck(dir.path()).args([
        "annotate",
        "pass-template.docx",
        "-o",
        "./pass-template.docx",
        "--force",
    ]));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is the input"), "{out}");
    assert!(
        !listing(dir.path())
            .iter()
            .any(|n| n.starts_with(".fgcheck-")),
        "temporary file left"
    );
}

#[test]
fn annotate_into_a_folder_and_usage_errors() {
    let dir = folder_with(&["fail-missing-title.docx", "fail-bad-purpose.docx"]);
    std::fs::create_dir(dir.path().join("out")).expect("out");
    let (code, out) = run(fgcheck(dir.path()).args([
        "annotate",
        "fail-missing-title.docx",
        "fail-bad-purpose.docx",
        "--out-dir",
        "out",
        "--as-of",
        AS_OF,
    ]));
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        listing(&dir.path().join("out")),
        [
            "fail-bad-purpose.fgcheck.docx",
            "fail-missing-title.fgcheck.docx"
        ]
    );
    let (code, out) = run(fgcheck(dir.path()).args([
        "annotate",
        "fail-missing-title.docx",
        "fail-bad-purpose.docx",
        "-o",
        "x.docx",
    ]));
    assert_eq!(code, 2, "{out}");
    let (code, out) = run(fgcheck(dir.path()).args([
        "annotate",
        "fail-missing-title.docx",
        "--out-dir",
        "missing",
    ]));
    assert_eq!(code, 2, "{out}");
}

/// Broken and hostile inputs, as `check` classifies them.
fn hostile_inputs(dir: &Path) -> Vec<String> {
    let template = Spec::template().build();
    let mut entries = unzip_entries(&template);
    for (name, data) in &mut entries {
        if name == "word/document.xml" {
            let text = String::from_utf8(data.clone()).expect("utf8");
            *data = text
                .replacen(
                    "<w:document",
                    "<!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document",
                    1,
                )
                .into_bytes();
        }
    }
    let doctype = zip_entries(&entries);
    let truncated = template[..template.len() / 2].to_vec();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("xml-bomb.docx", doctype),
        ("truncated.docx", truncated),
        ("text.docx", b"not a document at all".to_vec()),
        (
            "not-a-docx.docx",
            std::fs::read(sample("fail-not-a-docx.docx")).expect("sample"),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    files.iter().map(|(n, _)| n.to_string()).collect()
}

#[test]
fn hostile_inputs_get_checks_verdict_through_annotate_and_fix_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let names = hostile_inputs(dir.path());
    let before = listing(dir.path());
    for name in &names {
        let (check_code, check_out) =
            run(fgcheck(dir.path()).args(["check", name, "--format", "concise"]));
        assert_eq!(check_code, 3, "{name}: {check_out}");
        let slug = check_out
            .split_whitespace()
            .find(|w| w.contains("FG0"))
            .map(|w| {
                w.trim_matches(|c: char| c == '[' || c == ']' || c == ':')
                    .to_string()
            })
            .unwrap_or_default();
        let (code, out) = run(fgcheck(dir.path()).args(["annotate", name]));
        assert_eq!(code, 3, "{name}: {out}");
        assert!(
            out.contains("not annotated")
                && out.contains(slug.split('/').next_back().unwrap_or("?")),
            "{name}: {slug} / {out}"
        );
        let (code, out) = run(fgcheck(dir.path()).args(["fix", name]));
        assert_eq!(code, 3, "{name}: {out}");
        assert!(out.contains("not fixed"), "{name}: {out}");
        let (code, out) = run(fgcheck(dir.path()).args(["fix", "--diff", name]));
        assert_eq!(code, 3, "{name}: {out}");
    }
    assert_eq!(listing(dir.path()), before, "something was written");
    let (code, out) =
        run(fgcheck(dir.path()).args(["annotate", "not-a-docx.docx", "truncated.docx"]));
    assert_eq!(code, 3);
    insta::assert_snapshot!("annotate_unreadable", out);
}

#[test]
fn fix_diff_shows_the_safe_changes_and_writes_nothing() {
    let dir = folder_with(&[
        "fail-author-email.docx",
        "fail-template-on-server.docx",
        "fail-missing-title.docx",
    ]);
    let before = listing(dir.path());
    let (code, out) = run(fgcheck(dir.path()).args([
        "fix",
        "--diff",
        "fail-author-email.docx",
        "fail-template-on-server.docx",
        "fail-missing-title.docx",
    ]));
    // missing-title remains, an error: the exit status is check's on the fixed files.
    assert_eq!(code, 1, "{out}");
    insta::assert_snapshot!("fix_diff", out);
    assert_eq!(listing(dir.path()), before);
}

#[test]
fn fix_writes_a_copy_or_replaces_the_input_keeping_a_backup() {
    let dir = folder_with(&["fail-author-email.docx", "fail-protected-read-only.docx"]);
    let original = std::fs::read(dir.path().join("fail-author-email.docx")).expect("read");
    let (code, out) = run(fgcheck(dir.path()).args(["fix", "fail-author-email.docx"]));
    assert_eq!(code, 0, "{out}");
    insta::assert_snapshot!("fix_copy", out);
    assert_eq!(
        std::fs::read(dir.path().join("fail-author-email.docx")).expect("read"),
        original
    );
    let (code, out) = run(fgcheck(dir.path()).args(["check", "fail-author-email.fixed.docx"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 info"), "{out}");

    let (code, out) =
        run(fgcheck(dir.path()).args(["fix", "--in-place", "fail-author-email.docx"]));
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("fail-author-email.docx.bak")).expect("bak"),
        original
    );
    assert_ne!(
        std::fs::read(dir.path().join("fail-author-email.docx")).expect("read"),
        original
    );
    // A second in-place run has nothing to fix and writes nothing.
    let (code, out) =
        run(fgcheck(dir.path()).args(["fix", "--in-place", "fail-author-email.docx"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("nothing to fix safely"), "{out}");

    // A password-protected document is left for the author: nothing written, exit as check.
    let (code, out) = run(fgcheck(dir.path()).args([
        "fix",
        "fail-protected-read-only.docx",
        "--fail-on",
        "warning",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("left for the author: a password is set"),
        "{out}"
    );
    assert!(
        !dir.path()
            .join("fail-protected-read-only.fixed.docx")
            .exists()
    );
    let (code, _) = run(fgcheck(dir.path()).args(["fix", "--no-backup", "fail-author-email.docx"]));
    assert_eq!(code, 2, "--no-backup needs --in-place");
}

#[test]
fn a_hostile_part_only_annotate_reads_is_refused_with_nothing_written() {
    // commentsExtended is never read by check; annotate reads it, with the same limits.
    let mut spec = Spec::template();
    spec.extra_parts.insert(
        "word/commentsExtended.xml".into(),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml".into(),
            br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">&a;</w15:commentsEx>"#.to_vec(),
        ),
    );
    spec.extra_rels.push((
        "rIdX".into(),
        "http://schemas.microsoft.com/office/2011/relationships/commentsExtended".into(),
        "commentsExtended.xml".into(),
        false,
    ));
    spec.body = p("Introduction with a spelling mistake: teh.") + &spec.body;
    spec.core = spec.core.replace(
        "<dc:creator>Alice Example</dc:creator>",
        "<dc:creator>alice@corp.example.com</dc:creator>",
    );
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("in.docx"), spec.build()).expect("write");
    let (code, out) = run(fgcheck(dir.path()).args(["check", "in.docx", "--exit-zero"]));
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(fgcheck(dir.path()).args(["annotate", "in.docx"]));
    assert_eq!(code, 3, "{out}");
    assert!(
        out.contains("not annotated") && out.contains("DOCTYPE"),
        "{out}"
    );
    assert_eq!(listing(dir.path()), ["in.docx"]);
}
