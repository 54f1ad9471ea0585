//! `fgcheck fix` as a user would check it: the fixed findings are gone, no other finding
//! appears or disappears, and every part the fix does not name is the original's, byte for
//! byte. Fixes with nothing safe to do write nothing.

mod support;

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use fgcheck::check::{FileReport, Settings, Status};
use fgcheck::diag::{Finding, Location};
use fgcheck::edit::{Source, fix};
use fgcheck::rules::Rule;
use support::*;

fn settings() -> Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    Settings::defaults(&data).expect("defaults")
}

fn check(bytes: &[u8]) -> FileReport {
    let report = fgcheck::check::check_bytes(bytes, "input.docx", &settings());
    assert_ne!(report.status, Status::Unreadable, "{:?}", report.findings);
    report
}

fn slugs(report: &FileReport) -> Vec<&'static str> {
    let mut slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
    slugs.sort_unstable();
    slugs
}

/// Runs the fix; returns the fixed bytes (if anything changed) and the report.
fn run_fix(bytes: &[u8], findings: &[Finding]) -> (Option<Vec<u8>>, fix::Report) {
    let report = check(bytes);
    let (out, fixed) = fix::fix(
        Source::Bytes(bytes),
        report.document.as_ref().expect("document"),
        report.header.as_ref().expect("header"),
        findings,
        Cursor::new(Vec::new()),
    )
    .expect("fix");
    (out.map(Cursor::into_inner), fixed)
}

fn raw_entries(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index_raw(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            (
                entry.name().expect("name").to_string(),
                entry.compression(),
                data,
            )
        })
        .collect()
}

/// Asserts that only `changed` parts differ, in place, with their compression method.
fn assert_only_changed(original: &[u8], fixed: &[u8], changed: &[&str]) {
    let before = raw_entries(original);
    let after = raw_entries(fixed);
    assert_eq!(before.len(), after.len());
    for ((name, method, data), (new_name, new_method, new_data)) in before.iter().zip(&after) {
        assert_eq!(name, new_name);
        assert_eq!(method, new_method, "{name}");
        if changed.contains(&name.as_str()) {
            assert_ne!(data, new_data, "{name} should have changed");
        } else {
            assert!(data == new_data, "{name} changed");
        }
    }
}

fn part(bytes: &[u8], name: &str) -> String {
    unzip_entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| String::from_utf8(d).expect("utf8"))
        .unwrap_or_default()
}

/// Fixes a sample and checks the three promises; returns the fixed bytes.
fn fix_sample(name: &str, fixed_slug: &str, changed: &[&str]) -> Vec<u8> {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .expect("sample");
    let before = check(&bytes);
    assert!(
        slugs(&before).contains(&fixed_slug),
        "{name}: {:?}",
        slugs(&before)
    );
    let (fixed, report) = run_fix(&bytes, &before.findings);
    let fixed = fixed.unwrap_or_else(|| panic!("{name}: nothing fixed: {:?}", report.outcomes));
    assert!(report.fixed().all(|o| o.slug == fixed_slug));
    let after = check(&fixed);
    let mut expected = slugs(&before);
    expected.retain(|s| *s != fixed_slug);
    assert_eq!(slugs(&after), expected, "{name}");
    assert_only_changed(&bytes, &fixed, changed);
    fixed
}

#[test]
fn an_email_in_the_author_property_is_removed() {
    let fixed = fix_sample(
        "fail-author-email.docx",
        "personal-metadata",
        &["docProps/core.xml"],
    );
    let core = part(&fixed, "docProps/core.xml");
    assert!(!core.contains("dc:creator"), "{core}");
    assert!(core.contains("<cp:lastModifiedBy>"), "{core}");
}

#[test]
fn a_login_in_last_modified_by_is_removed() {
    let fixed = fix_sample(
        "fail-modified-by-login.docx",
        "personal-metadata",
        &["docProps/core.xml"],
    );
    assert!(!part(&fixed, "docProps/core.xml").contains("lastModifiedBy"));
}

#[test]
fn a_template_on_the_network_is_detached() {
    for name in ["fail-template-on-server.docx", "fail-template-on-web.docx"] {
        let fixed = fix_sample(
            name,
            "external-template",
            &["word/settings.xml", "word/_rels/settings.xml.rels"],
        );
        assert!(!part(&fixed, "word/settings.xml").contains("attachedTemplate"));
        assert!(!part(&fixed, "word/_rels/settings.xml.rels").contains("attachedTemplate"));
    }
}

fn protected(attributes: &str) -> Vec<u8> {
    let mut spec = Spec::template();
    spec.settings = spec.settings.replace(
        "<w:zoom",
        &format!(
            r#"<w:documentProtection w:edit="readOnly" w:enforcement="1"{attributes}/><w:zoom"#
        ),
    );
    spec.build()
}

#[test]
fn protection_without_a_password_is_lifted_and_with_one_is_left_for_the_author() {
    let bytes = protected("");
    let before = check(&bytes);
    assert_eq!(slugs(&before), ["protected"]);
    let (fixed, _) = run_fix(&bytes, &before.findings);
    let fixed = fixed.expect("fixed");
    assert!(check(&fixed).findings.is_empty());
    assert_only_changed(&bytes, &fixed, &["word/settings.xml"]);
    assert!(
        part(&fixed, "word/settings.xml")
            .contains(r#"<w:documentProtection w:edit="readOnly" w:enforcement="0"/>"#)
    );

    let bytes = protected(r#" w:cryptAlgorithmSid="14" w:hashValue="bm8=" w:saltValue="c2FsdA==""#);
    let before = check(&bytes);
    let (fixed, report) = run_fix(&bytes, &before.findings);
    assert!(
        fixed.is_none(),
        "a protection with a password is never lifted"
    );
    let declined: Vec<_> = report.declined().collect();
    assert_eq!(declined.len(), 1);
    assert!(
        declined[0]
            .declined
            .as_deref()
            .unwrap_or_default()
            .contains("password")
    );
}

#[test]
fn rules_without_a_safe_fix_are_left_alone() {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/fail-missing-title.docx"),
    )
    .expect("sample");
    let before = check(&bytes);
    let (fixed, report) = run_fix(&bytes, &before.findings);
    assert!(fixed.is_none());
    assert!(report.outcomes.is_empty());
}

static STALE_PROPERTIES: &Rule = &fgcheck::rules::hygiene::stale_properties::RULE;

#[test]
fn stale_title_and_keywords_are_set_from_the_cover() {
    let mut spec = Spec::template();
    spec.core = core_xml(
        "Draft for SG17 Q4 (another document)",
        "old; keywords",
        "2020-07-20T09:15:00Z",
    );
    let bytes = spec.build();
    let before = check(&bytes);
    let findings = vec![
        Finding::new(
            STALE_PROPERTIES,
            "the Title property is another document's",
            Location::new(
                "docProps/core.xml",
                "/cp:coreProperties/dc:title",
                "document property dc:title",
            ),
        ),
        Finding::new(
            STALE_PROPERTIES,
            "the Keywords property is another document's",
            Location::new(
                "docProps/core.xml",
                "/cp:coreProperties/cp:keywords",
                "document property cp:keywords",
            ),
        ),
    ];
    let (fixed, report) = run_fix(&bytes, &findings);
    let fixed = fixed.expect("fixed");
    assert_eq!(report.fixed().count(), 2);
    assert_only_changed(&bytes, &fixed, &["docProps/core.xml"]);
    let after = check(&fixed);
    // The rule saw the stale properties; after the fix it does not, and nothing else moved.
    let mut expected = slugs(&before);
    assert!(expected.contains(&"stale-properties"), "{expected:?}");
    expected.retain(|s| *s != "stale-properties");
    assert_eq!(slugs(&after), expected);
    // The rule's own finding (the properties as a whole) is fixed the same way.
    let own: Vec<Finding> = before
        .findings
        .iter()
        .filter(|f| f.rule.slug == "stale-properties")
        .cloned()
        .collect();
    let (fixed_by_own, _) = run_fix(&bytes, &own);
    assert_eq!(slugs(&check(&fixed_by_own.expect("fixed"))), expected);
    let core = after.document.as_ref().expect("document").core.clone();
    assert_eq!(
        core.title.as_deref(),
        Some("Proposed text for key management in QKD networks")
    );
    assert_eq!(
        core.keywords.as_deref(),
        Some("QKD; key management; network")
    );
    assert!(report.diff().contains("-<dc:title>Draft for SG17 Q4 (another document)</dc:title>\n+<dc:title>Proposed text for key management in QKD networks</dc:title>"), "{}", report.diff());

    // A core part without the elements gets them; a cover without keywords leaves it.
    let mut spec = Spec::template().set_row("Keywords:", p(""));
    spec.core = spec.core.replace(
        "<dc:title>Proposed text for key management in QKD networks</dc:title>",
        "",
    );
    let bytes = spec.build();
    let (fixed, report) = run_fix(&bytes, &findings);
    let fixed = fixed.expect("fixed");
    let core = check(&fixed).document.expect("document").core;
    assert_eq!(
        core.title.as_deref(),
        Some("Proposed text for key management in QKD networks")
    );
    let declined: Vec<_> = report.declined().collect();
    assert_eq!(declined.len(), 1, "{:?}", report.outcomes);
}

#[test]
fn a_custom_property_named_by_the_finding_is_removed() {
    let mut spec = Spec::template();
    let custom = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_1_Enabled"><vt:lpwstr>true</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="MSIP_Label_1_Owner"><vt:lpwstr>alice@corp.example.com</vt:lpwstr></property></Properties>"#;
    spec.extra_parts.insert(
        "docProps/custom.xml".into(),
        (
            "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
            custom.as_bytes().to_vec(),
        ),
    );
    let bytes = spec.build();
    let finding = Finding::new(
        &fgcheck::rules::hygiene::personal_metadata::RULE,
        "the custom property MSIP_Label_1_Owner holds an e-mail address",
        Location::new(
            "docProps/custom.xml",
            "/Properties/property[@name='MSIP_Label_1_Owner']",
            "custom property MSIP_Label_1_Owner",
        ),
    );
    let (fixed, _) = run_fix(&bytes, &[finding]);
    let fixed = fixed.expect("fixed");
    assert_only_changed(&bytes, &fixed, &["docProps/custom.xml"]);
    let custom = part(&fixed, "docProps/custom.xml");
    assert!(!custom.contains("alice@"), "{custom}");
    assert!(custom.contains("MSIP_Label_1_Enabled"), "{custom}");
}

#[test]
fn only_findings_of_safe_rules_are_touched_whatever_the_batch() {
    // Every failing sample: a fix changes nothing unless a safe rule reported.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut by_rule: HashMap<&str, usize> = HashMap::new();
    for entry in std::fs::read_dir(&dir).expect("samples").flatten() {
        let bytes = std::fs::read(entry.path()).expect("sample");
        let report = fgcheck::check::check_bytes(&bytes, "s", &settings());
        let (Some(document), Some(header)) = (&report.document, &report.header) else {
            continue;
        };
        let (fixed, outcome) = fix::fix(
            Source::Bytes(&bytes),
            document,
            header,
            &report.findings,
            Cursor::new(Vec::new()),
        )
        .expect("fix");
        let safe = report
            .findings
            .iter()
            .any(|f| fgcheck::rules::fixes::safe_fix(f.rule).is_some());
        if !safe {
            assert!(
                fixed.is_none() && outcome.outcomes.is_empty(),
                "{}",
                entry.path().display()
            );
        }
        for o in outcome.fixed() {
            *by_rule.entry(o.slug).or_default() += 1;
        }
    }
    assert_eq!(by_rule.get("personal-metadata"), Some(&3), "{by_rule:?}");
    assert_eq!(by_rule.get("stale-properties"), Some(&1), "{by_rule:?}");
    assert_eq!(by_rule.get("external-template"), Some(&2), "{by_rule:?}");
}
