//! Every file of the shared real-world corpus (`$FGCHECK_CORPUS`, else `../shared/corpus`)
//! is read without a panic or a hang, and every unreadable one gets a specific package slug.
//! Without the corpus it prints a `SKIPPED:` line, and fails in CI (see `support::skip`).

mod support;

use std::path::Path;
use std::time::Duration;

#[test]
fn corpus_is_read_without_panics_and_unreadable_files_are_classified() {
    let Some(corpus) = support::corpus_dir() else {
        return;
    };
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let settings = fgcheck::check::Settings {
        timeout: std::time::Duration::from_secs(20),
        ..fgcheck::check::Settings::for_meeting(&data, "fg-qit4n-5").expect("settings")
    };
    // The corpus manifest's notes say what some files are; the verdicts must agree.
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).unwrap_or_default();
    let mut notes = std::collections::HashMap::new();
    for line in manifest.lines().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        if let (Some(path), Some(note)) = (columns.get(3), columns.get(6)) {
            notes.insert(path.to_string(), note.to_string());
        }
    }
    let inputs = fgcheck::run::collect_inputs(std::slice::from_ref(&corpus));
    assert!(
        inputs.len() > 1000,
        "the corpus should hold about 1,050 files, found {}",
        inputs.len()
    );
    let reports = fgcheck::run::Plan::new(settings.clone())
        .run(&inputs, None, &|| {})
        .files;
    let package_slugs = [
        "not-ooxml",
        "legacy-doc",
        "encrypted",
        "corrupt-zip",
        "missing-document-part",
        "corrupt-xml",
        "zip-bomb",
        "xml-bomb",
        "too-deep",
    ];
    let mut counts = std::collections::BTreeMap::new();
    for report in &reports {
        assert!(
            report.elapsed < Duration::from_secs(20),
            "{} took {:?}",
            report.path,
            report.elapsed
        );
        if report.status == fgcheck::check::Status::Unreadable {
            let slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
            assert_eq!(slugs.len(), 1, "{}: {slugs:?}", report.path);
            assert!(
                package_slugs.contains(&slugs[0]),
                "{}: unreadable as {:?}: {}",
                report.path,
                slugs,
                report.findings[0].message
            );
            *counts.entry(slugs[0]).or_insert(0usize) += 1;
        }
        let relative = Path::new(&report.path)
            .strip_prefix(&corpus)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let note = notes.get(&relative).cloned().unwrap_or_default();
        let slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
        if note.contains("encrypted OOXML") {
            assert_eq!(slugs, ["encrypted"], "{relative}: {note}");
        } else if note.contains("legacy Word binary") {
            assert_eq!(slugs, ["legacy-doc"], "{relative}: {note}");
        } else if note.contains("malformed zip") {
            assert_eq!(slugs, ["corrupt-zip"], "{relative}: {note}");
        }
    }
    eprintln!(
        "corpus: {} files; unreadable by slug: {counts:?}",
        reports.len()
    );
}

/// The skip is honest: without the corpus, a local run says `SKIPPED:` in plain `cargo test`
/// output (no `--nocapture`), and a CI run fails. Runs this test binary on the test above.
#[test]
fn a_missing_corpus_is_a_visible_skip_locally_and_a_failure_in_ci() {
    let name = "corpus_is_read_without_panics_and_unreadable_files_are_classified";
    let run = |ci: bool| {
        let mut command = std::process::Command::new(std::env::current_exe().expect("test binary"));
        command
            .args([name, "--exact"])
            .env("FGCHECK_CORPUS", "/nonexistent/corpus");
        if ci {
            command.env("CI", "true");
        } else {
            command.env_remove("CI");
        }
        command.output().expect("runs")
    };
    let local = run(false);
    let stderr = String::from_utf8_lossy(&local.stderr);
    assert!(local.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "SKIPPED: {name}: the corpus /nonexistent/corpus is absent"
        )),
        "{stderr}"
    );
    let ci = run(true);
    let output =
        String::from_utf8_lossy(&ci.stdout).into_owned() + &String::from_utf8_lossy(&ci.stderr);
    assert!(!ci.status.success(), "{output}");
    assert!(output.contains(&format!("CI must run {name}")), "{output}");
}
