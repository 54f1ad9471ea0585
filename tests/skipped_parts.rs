//! Parts no enabled rule needs are not read (issue 16): with the rules that read comments,
//! notes, page headers and footers switched off, those parts are never opened, so a broken
//! one cannot make the file unreadable; with every rule on, or with the rules reading a
//! part on, nothing changes.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use fgcheck::check::{Settings, Status, check_bytes};
use fgcheck::diag::Policy;
use fgcheck::rules::RuleId;
use support::*;

fn settings(policy: Policy) -> Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    Settings {
        policy,
        ..Settings::for_meeting(&data, "fg-qit4n-5").expect("settings")
    }
}

fn id(slug: &str) -> RuleId {
    fgcheck::rules::find(slug).expect("a rule").id
}

fn select(slugs: &[&'static str]) -> Policy {
    Policy {
        select: slugs.iter().map(|s| id(s)).collect(),
        ..Policy::default()
    }
}

fn off(slugs: &[&'static str]) -> Policy {
    Policy {
        overrides: slugs
            .iter()
            .map(|s| (id(s), None))
            .collect::<BTreeMap<_, _>>(),
        ..Policy::default()
    }
}

/// The template with a comments part that is not well-formed XML.
fn with_broken_comments() -> Vec<u8> {
    let mut spec = Spec::template();
    spec.extra_rels.push((
        "rIdComments9".into(),
        "comments".into(),
        "comments.xml".into(),
        false,
    ));
    spec.extra_parts.insert(
        "word/comments.xml".into(),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml".into(),
            br#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"><w:p>"#.to_vec(),
        ),
    );
    spec.build()
}

fn slugs(report: &fgcheck::check::FileReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.slug).collect()
}

#[test]
fn a_part_only_rules_switched_off_read_is_not_read() {
    let bytes = with_broken_comments();
    // Every rule on: the comments part is read, and it is broken.
    let all = check_bytes(&bytes, "input.docx", &settings(Policy::default()));
    assert_eq!(all.status, Status::Unreadable);
    assert_eq!(slugs(&all), ["corrupt-xml"]);
    // Only a cover rule: the comments part is never opened.
    let cover = check_bytes(&bytes, "input.docx", &settings(select(&["missing-title"])));
    assert_ne!(cover.status, Status::Unreadable, "{:?}", slugs(&cover));
    assert!(!slugs(&cover).contains(&"corrupt-xml"));
    // The comments rule off is not enough: tracked changes, hidden text, objects and links
    // in comments are still looked for, so the part is still read.
    let comments_off = check_bytes(&bytes, "input.docx", &settings(off(&["comments"])));
    assert_eq!(slugs(&comments_off), ["corrupt-xml"]);
    // With every rule that reads it off, it is not.
    let readers_off = off(&[
        "comments",
        "tracked-changes",
        "hidden-text",
        "embedded-object",
        "external-link",
    ]);
    let report = check_bytes(&bytes, "input.docx", &settings(readers_off));
    assert_ne!(report.status, Status::Unreadable, "{:?}", slugs(&report));
}

#[test]
fn every_part_is_read_with_every_rule_on() {
    assert_eq!(
        fgcheck::rules::needs(&Policy::default()),
        fgcheck::model::Needs::ALL
    );
    // A severity changed is still a rule on.
    let mut policy = off(&[]);
    policy
        .overrides
        .insert(RuleId::Comments, Some(fgcheck::diag::Severity::Error));
    assert_eq!(fgcheck::rules::needs(&policy), fgcheck::model::Needs::ALL);
}

#[test]
fn a_selected_rule_finds_what_it_finds_with_every_rule_on() {
    // Every document rule, selected alone, over every sample: its findings are those of a
    // run with every rule on. A rule that reads a part `rules::needs` does not name for it
    // would find less here.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let inputs = fgcheck::run::collect_inputs(&[samples]);
    assert!(inputs.len() > 50);
    let full = settings(Policy::default());
    let key = |f: &fgcheck::diag::Finding| {
        format!(
            "{} {:?} {} {:?} {:?}",
            f.rule.slug, f.severity, f.message, f.found, f.location
        )
    };
    let files: Vec<(String, Vec<u8>, fgcheck::check::FileReport)> = inputs
        .iter()
        .map(|(path, display)| {
            let bytes = std::fs::read(path).expect("sample");
            let report = check_bytes(&bytes, display, &full);
            (display.clone(), bytes, report)
        })
        .collect();
    let rules = fgcheck::rules::ALL.iter().filter(|r| r.check.is_some());
    for rule in rules {
        let one = settings(select(&[rule.slug]));
        for (display, bytes, all) in &files {
            if all.status == Status::Unreadable {
                // A package error is reported whatever is selected (unless its part is
                // one only rules switched off read).
                continue;
            }
            let alone = check_bytes(bytes, display, &one);
            assert_ne!(
                alone.status,
                Status::Unreadable,
                "{display} with only {rule:?}"
            );
            let expected: Vec<String> = all
                .findings
                .iter()
                .filter(|f| f.rule.slug == rule.slug)
                .map(key)
                .collect();
            let found: Vec<String> = alone.findings.iter().map(key).collect();
            assert_eq!(found, expected, "{display} with only {rule:?}");
        }
    }
}
