//! Any focus group's cover, and study-group covers, from a few lines of rule data: nothing
//! about FG-QIT4N leaks into what another group's secretariat reads.

mod support;

use std::path::Path;

use fgcheck::check::{self, Settings};
use fgcheck::profile::RuleData;
use fgcheck::run::Plan;
use support::*;

fn data() -> RuleData {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/other-groups");
    RuleData::with_folders(&[folder]).expect("rule data with the other groups' folder")
}

fn settings(data: &RuleData, profile: &str, meeting: Option<&str>) -> Settings {
    let mut settings = Settings::defaults(data).expect("defaults");
    settings.profile = data.profiles[profile].clone();
    settings.meeting = meeting.map(|id| data.meetings[id].clone());
    settings
}

/// Checks named packages as one batch (deadlines and batch rules included); returns
/// (file, slugs) and the batch slugs.
fn run(
    settings: &Settings,
    files: &[(&str, Vec<u8>)],
) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let reports: Vec<_> = files
        .iter()
        .map(|(name, bytes)| check::check_bytes(bytes, name, settings))
        .collect();
    let plan = Plan {
        deadline: fgcheck::deadline::Options {
            as_of: Some("2021-04-01T00:00:00Z".parse().expect("as-of")),
            ..Default::default()
        },
        ..Plan::new(settings.clone())
    };
    let run = plan.run_checked(reports);
    let batch = run.batch;
    let per_file = run
        .files
        .iter()
        .map(|r| {
            let mut slugs: Vec<String> =
                r.findings.iter().map(|f| f.rule.slug.to_string()).collect();
            slugs.sort();
            (r.path.clone(), slugs)
        })
        .collect();
    (
        per_file,
        batch.iter().map(|f| f.rule.slug.to_string()).collect(),
    )
}

/// An FG-AN cover with its own title, in the cover and in the document's properties.
fn titled(number: &str, title: &str) -> Vec<u8> {
    let mut cover = fg_an_cover(number).set_row("Title:", p(title));
    cover.core = core_xml(
        title,
        "autonomous networks; closed loop",
        "2021-03-08T09:00:00Z",
    );
    cover.build()
}

fn fg_an_inputs() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("a.docx", fg_an_cover("AN-I-xxx").build()),
        (
            "b.docx",
            titled("AN-I-xxx", "Intent-based management of autonomous networks"),
        ),
        (
            "c.docx",
            titled("AN-I-012", "Evolution of network automation"),
        ),
        (
            "d.docx",
            titled("FG-AN-I-013-R1", "Closed loops in the core"),
        ),
    ]
}

#[test]
fn another_focus_groups_inputs_on_the_generic_profile_get_no_false_findings() {
    let data = data();
    for meeting in ["fg-an-example", "fg-an-example-own"] {
        let settings = settings(&data, &data.meetings[meeting].profile, Some(meeting));
        let (files, batch) = run(&settings, &fg_an_inputs());
        for (name, slugs) in &files {
            // The covers are FG-AN's real layout: group line above the number (reported
            // once, as such), placeholders for the secretariat, no Purpose row.
            let expected: Vec<&str> = if name.starts_with('a') || name.starts_with('b') {
                vec!["placeholder-doc-number", "swapped-number-and-group"]
            } else {
                vec!["swapped-number-and-group"]
            };
            assert_eq!(slugs, &expected, "{meeting}: {name}");
        }
        // Two placeholders are not duplicates; a revision whose base is absent is noted.
        assert_eq!(batch, ["revision-without-base"], "{meeting}");
    }
}

#[test]
fn a_number_and_group_line_naming_different_groups_are_reported() {
    let data = data();
    let settings = settings(&data, "itu-t-fg", Some("fg-an-example"));
    let mut cover = fg_an_cover("QIT4N-I-012");
    cover.number = p_styled("Docnumber", "QIT4N-I-012");
    cover.group = p("FG-AN");
    cover.original = p("Original: English");
    let (files, _) = run(&settings, &[("mixed.docx", cover.build())]);
    assert_eq!(files[0].1, ["wrong-group"]);
    let report = check::check_bytes(&cover.build(), "mixed.docx", &settings);
    let message = &report.findings[0].message;
    assert!(
        message.contains("names \"AN\"") && message.contains("QIT4N"),
        "{message}"
    );
    // Under FG-AN's own profile the number is another group's: a bad number.
    let own = settings_for_own(&data);
    let report = check::check_bytes(&cover.build(), "mixed.docx", &own);
    let slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
    assert!(slugs.contains(&"bad-doc-number"), "{slugs:?}");
}

fn settings_for_own(data: &RuleData) -> Settings {
    settings(data, "fg-an", Some("fg-an-example-own"))
}

/// A study-group contribution as ITU's template writes it: the group line in a content
/// control around its cell (tag SgText), Question(s): 4/17, a CONTRIBUTION banner.
fn sg17_contribution() -> Vec<u8> {
    let mut s = Spec::template();
    s.number = p_styled("Docnumber", "SG17-C823");
    s.group = p("STUDY GROUP 17");
    s.question_label = "Question(s):".into();
    s.question = p("4/17");
    s.place_dates = p("Geneva, 17-26 March 2020");
    s.banner = p("CONTRIBUTION");
    let group_cell = tc("", &p("STUDY GROUP 17"));
    s.raw_header = Some(s.header_table().replacen(
        &group_cell,
        &sdt_block("SgText", &group_cell),
        1,
    ));
    s.core = core_xml(
        "Proposed text for key management in QKD networks",
        "QKD; key management; network",
        "2020-03-02T09:00:00Z",
    );
    // Study-group covers keep 2.5 cm top and bottom margins.
    s.sect_pr = s.sect_pr.replace(
        r#"w:top="1134" w:right="1134" w:bottom="1134""#,
        r#"w:top="1417" w:right="1134" w:bottom="1417""#,
    );
    s.build()
}

#[test]
fn a_study_group_cover_reads_as_word_shows_it() {
    use fgcheck::model::header::keys;
    let data = data();
    let settings = settings(&data, "itu-t-sg", None);
    let report = check::check_bytes(&sg17_contribution(), "sg17.docx", &settings);
    let header = report.header.as_ref().expect("header");
    assert_eq!(header.value(keys::GROUP), "STUDY GROUP 17");
    assert_eq!(header.value(keys::DOCUMENT_NUMBER), "SG17-C823");
    assert_eq!(header.value(keys::QUESTION), "4/17");
    assert_eq!(header.value(keys::DOCUMENT_TYPE), "CONTRIBUTION");
    let slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
    assert!(slugs.is_empty(), "{slugs:?}");
}

/// Text outside double quotes: what fgcheck says in its own words, not what it quotes.
fn own_words(text: &str) -> String {
    text.split('"').step_by(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn no_message_names_fg_qit4n_under_another_profile() {
    let data = data();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let inputs = fgcheck::run::collect_inputs(std::slice::from_ref(&samples));
    assert!(inputs.len() > 80, "{}", inputs.len());
    for (profile, meeting) in [
        ("itu-t-sg", None),
        ("itu-t-fg", None),
        ("itu-t-fg", Some("fg-an-example")),
        ("fg-an", Some("fg-an-example-own")),
    ] {
        let settings = settings(&data, profile, meeting);
        let run = Plan::new(settings.clone()).run(&inputs, None, &|| {});
        let (reports, batch) = (run.files, run.batch);
        let mut checked = 0;
        let mut leaks = Vec::new();
        for finding in reports.iter().flat_map(|r| &r.findings).chain(&batch) {
            checked += 1;
            for (what, text) in [
                ("message", Some(finding.message.as_str())),
                ("expected", finding.expected.as_deref()),
                ("found", finding.found.as_deref()),
                ("fix", Some(finding.fix.as_str())),
            ] {
                let own = own_words(text.unwrap_or_default());
                if own.contains("QIT4N") || own.contains('{') {
                    leaks.push(format!(
                        "{profile}/{meeting:?}: {} {what}: {}",
                        finding.rule.slug,
                        text.unwrap_or_default()
                    ));
                }
            }
        }
        leaks.sort();
        leaks.dedup();
        assert!(leaks.is_empty(), "\n{}", leaks.join("\n"));
        assert!(checked > 40, "{profile}: only {checked} findings checked");
    }
}
