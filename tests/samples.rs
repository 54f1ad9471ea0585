//! The bundled samples: each is generated here from readable parts, committed under
//! `samples/` (users run `fgcheck check samples/`), and must produce exactly the findings
//! recorded in `samples/expected.toml`.
//!
//! After changing a sample, run `FGCHECK_BLESS=1 cargo test --test samples` and review the
//! diff of `samples/`.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::*;

/// (file name, what it shows, expected slugs sorted, the package).
pub type Sample = (&'static str, &'static str, Vec<&'static str>, Vec<u8>);

fn spec() -> Spec {
    Spec::template()
}

fn words(n: usize) -> String {
    (0..n)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same package with every transitional namespace and relationship type in Strict form.
fn strict(bytes: Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("name").to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).expect("utf8");
        let text = text
            .replace(
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "http://purl.oclc.org/ooxml/wordprocessingml/main",
            )
            .replace(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships",
            );
        entries.push((name, text.into_bytes()));
    }
    zip_entries(&entries)
}

pub fn samples() -> Vec<Sample> {
    let mut all: Vec<Sample> = vec![
        ("pass-template.docx", "a conforming FG-QIT4N input for the 5th meeting", vec![], spec().build()),
        (
            "pass-content-controls-split-runs.docx",
            "values inside tagged content controls, words split across runs, proofing marks and bookmarks between runs, NBSP and an en dash in the dates",
            vec![],
            {
                let mut s = spec();
                s.number = format!(r#"<w:p><w:pPr><w:pStyle w:val="Docnumber"/></w:pPr>{}</w:p>"#, sdt_run("ShortName", &(run("QIT4N-I-") + "<w:proofErr w:type=\"spellStart\"/>" + &run("012") + "<w:proofErr w:type=\"spellEnd\"/>")));
                s.place_dates = p_runs(&(sdt_run("Place", &run("E-meeting")) + &run(", ") + &sdt_run("When", &run("27\u{a0}July\u{a0}\u{2013} 7 August 2020"))));
                s.set_row("Purpose:", p_runs(&sdt_run("Purpose", &(run("Propos") + "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>" + &run("al") + "<w:bookmarkEnd w:id=\"0\"/>"))))
                    .set_row("Title:", p_runs(&sdt_run("Title", &(run("Proposed text for ") + &run("key management")))))
            }
            .build(),
        ),
        (
            "pass-fields-and-deleted-text-free.docx",
            "a title whose visible text comes from a field result: the field instruction is not text",
            vec![],
            spec()
                .set_row(
                    "Title:",
                    p_runs(&(run("Key management ") + r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DOCPROPERTY Subject \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"# + &run("in QKD networks") + r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#)),
                )
                .build(),
        ),
        ("pass-placeholder-number.docx", "the number left as QIT4N-I-xxx for the secretariat to assign", vec!["placeholder-doc-number"], {
            let mut s = spec();
            s.number = p_styled("Docnumber", "QIT4N-I-xxx");
            s.build()
        }),
        ("pass-revision-number.docx", "a revision with the FG- prefix: FG-QIT4N-I-012-R1", vec![], {
            let mut s = spec();
            s.number = p_styled("Docnumber", "FG-QIT4N-I-012-R1");
            s.build()
        }),
        ("pass-full-group-name.docx", "the group written out in full, in capitals", vec![], {
            let mut s = spec();
            s.group = p("FOCUS GROUP ON QUANTUM INFORMATION TECHNOLOGY FOR NETWORKS");
            s.build()
        }),
        ("pass-partial-dates.docx", "a working-group session inside the meeting: E-meeting, 27-31 July 2020", vec![], {
            let mut s = spec();
            s.place_dates = p("E-meeting, 27-31 July 2020");
            s.build()
        }),
        (
            "pass-two-contacts-merged-label.docx",
            "two contacts under one vertically merged Contact: cell, 'Email :' spelling",
            vec![],
            {
                let mut s = spec();
                s.rows.pop();
                s.build_contacts_merged()
            },
        ),
        ("pass-strict-ooxml.docx", "the conforming input saved as Strict Open XML", vec![], strict(spec().build())),
        ("pass-document2-part.docx", "the main part named word/document2.xml, found through the relationships", vec![], {
            let mut s = spec();
            s.main_part = "word/document2.xml".into();
            s.build()
        }),
        (
            "pass-labels-spelled-differently.docx",
            "labels in capitals, without colons, with NBSP; Question(s): instead of WG(s):",
            vec![],
            {
                let mut s = spec();
                s.question_label = "Question(s):".into();
                s.rows = vec![
                    ("SOURCE".into(), p("Example Telecom")),
                    ("Title\u{a0}:".into(), p("Proposed text for key management in QKD networks")),
                    ("purpose".into(), p("proposal")),
                    contact("Alice Example\nExample Telecom", "E-Mail : alice@example.org"),
                ];
                s.build()
            },
        ),
        ("fail-no-header-table.docx", "a document not made from the template: text, no header table", vec!["no-header-table"], {
            let mut s = spec();
            s.raw_header = Some(p("Proposed text for key management in QKD networks"));
            s.lower_rows.clear();
            s.build()
        }),
        ("fail-text-before-header.docx", "a paragraph typed above the header table", vec!["no-header-table"], {
            let mut s = spec();
            s.before = p("DRAFT - do not post");
            s.build()
        }),
        ("fail-missing-title.docx", "no Title: row", vec!["missing-title"], spec().without_row("Title:").build()),
        (
            "fail-title-placeholder.docx",
            "the Title: content control still shows its placeholder text",
            vec!["missing-title"],
            spec().set_row("Title:", p_runs(&sdt_placeholder("Title", "Click here to enter text."))).build(),
        ),
        ("fail-empty-source.docx", "Source: holding only a no-break space", vec!["empty-source"], spec().set_row("Source:", p("\u{a0}")).build()),
        (
            "fail-missing-contact-email.docx",
            "a contact with a telephone number and no e-mail",
            vec!["missing-contact-email"],
            {
                let mut s = spec();
                s.rows.pop();
                s.rows.push(contact("Alice Example\nExample Telecom", "Tel:\t+41 22 000 0000"));
                s.build()
            },
        ),
        ("fail-invalid-email.docx", "a second contact whose address is written name(at)example.org", vec!["invalid-email"], {
            let mut s = spec();
            s.rows.push(contact("Bob Example\nExample Labs", "E-mail:\tbob(at)example.org"));
            s.build()
        }),
        ("fail-bad-purpose.docx", "Purpose: For approval", vec!["bad-purpose"], spec().set_row("Purpose:", p("For approval")).build()),
        ("fail-original-not-english.docx", "Original: French", vec!["original-not-english"], {
            let mut s = spec();
            s.original = p("Original: French");
            s.build()
        }),
        ("fail-bad-doc-number.docx", "a number outside the FG numbering: QIT4N-12", vec!["bad-doc-number"], {
            let mut s = spec();
            s.number = p_styled("Docnumber", "QIT4N-12");
            s.build()
        }),
        ("fail-wrong-group.docx", "a study-group header sent to the focus group", vec!["wrong-group"], {
            let mut s = spec();
            s.group = p("STUDY GROUP 17");
            s.build()
        }),
        ("fail-missing-keywords.docx", "an empty Keywords: cell", vec!["missing-keywords"], spec().set_row("Keywords:", p("")).build()),
        ("fail-missing-abstract.docx", "no Abstract: row", vec!["missing-abstract"], spec().without_row("Abstract:").build()),
        ("fail-abstract-too-long.docx", "an abstract of 230 words", vec!["abstract-too-long"], spec().set_row("Abstract:", p(&words(230))).build()),
        ("fail-wrong-study-period.docx", "STUDY PERIOD 2013-2016 from an old template", vec!["wrong-study-period"], {
            let mut s = spec();
            s.study_period = p("STUDY PERIOD 2013-2016");
            s.build()
        }),
        ("fail-wrong-place-date.docx", "an old input re-sent: Geneva, 17-26 March 2020", vec!["wrong-meeting-place-date"], {
            let mut s = spec();
            s.place_dates = p("Geneva, 17-26 March 2020");
            s.build()
        }),
        ("fail-label-order.docx", "Title: above Source:", vec!["label-order"], {
            let mut s = spec();
            s.rows.swap(0, 1);
            s.build()
        }),
        ("fail-not-a-docx.docx", "plain text renamed .docx", vec!["not-ooxml"], b"This is not a Word document.\n".to_vec()),
    ];
    for sample in &mut all {
        sample.2.sort();
    }
    all
}

trait MergedContacts {
    fn build_contacts_merged(self) -> Vec<u8>;
}

impl MergedContacts for Spec {
    /// Two contact rows whose label cell is merged vertically, as Word does when a user
    /// merges the "Contact:" cells.
    fn build_contacts_merged(mut self) -> Vec<u8> {
        let mut rows: Vec<String> = Vec::new();
        for (label, value) in &self.rows {
            rows.push(labelled_row(label, value));
        }
        rows.push(tr(&[
            tc(r#"<w:vMerge w:val="restart"/>"#, &p_runs(&bold("Contact:"))),
            tc("", &p("Alice Example\nExample Telecom\nSwitzerland")),
            tc("", &p("Tel:\t+41 22 000 0000\nEmail :\talice@example.org")),
        ]));
        rows.push(tr(&[
            tc("<w:vMerge/>", ""),
            tc("", &p("Bob Example\nExample Labs\nKorea")),
            tc("", &p("E-mail:\tbob@example.org")),
        ]));
        self.rows.clear();
        let base = self.header_table();
        let extra = rows.concat();
        self.raw_header = Some(base.replacen("</w:tbl>", &format!("{extra}</w:tbl>"), 1));
        self.build()
    }
}

fn samples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
}

fn expected_toml(samples: &[Sample]) -> String {
    let mut out = String::from(
        "# Generated by `FGCHECK_BLESS=1 cargo test --test samples`: the findings each sample must produce.\n\n",
    );
    for (name, what, slugs, _) in samples {
        out.push_str(&format!("# {what}\n{name:?} = {slugs:?}\n\n"));
    }
    out
}

#[test]
fn samples_on_disk_match_their_generator() {
    let samples = samples();
    let bless = std::env::var_os("FGCHECK_BLESS").is_some();
    let dir = samples_dir();
    let mut stale = Vec::new();
    for (name, _, _, bytes) in &samples {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            if bless {
                std::fs::create_dir_all(dir).expect("samples dir");
                std::fs::write(&path, bytes).expect("write sample");
            } else {
                stale.push(*name);
            }
        }
    }
    let expected = expected_toml(&samples);
    let expected_path = dir.join("expected.toml");
    if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(expected.as_str()) {
        if bless {
            std::fs::write(&expected_path, &expected).expect("write expected.toml");
        } else {
            stale.push("expected.toml");
        }
    }
    assert!(
        stale.is_empty(),
        "samples out of date: {stale:?}; run FGCHECK_BLESS=1 cargo test --test samples"
    );
}

#[test]
fn every_sample_produces_exactly_its_expected_findings() {
    let expected: BTreeMap<String, Vec<String>> = toml::from_str(
        &std::fs::read_to_string(samples_dir().join("expected.toml"))
            .expect("samples/expected.toml"),
    )
    .expect("valid toml");
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let (profile, meeting) = fgcheck::cli::resolve_settings(&data, None, None).expect("defaults");
    let settings = fgcheck::check::Settings {
        profile,
        meeting,
        policy: Default::default(),
        fail_on: fgcheck::diag::Severity::Error,
        timeout: std::time::Duration::from_secs(10),
    };
    let mut failures = Vec::new();
    for (name, slugs) in &expected {
        let path = samples_dir().join(name);
        let report = fgcheck::check::check_path(&path, name, &settings);
        let mut found: Vec<String> = report
            .findings
            .iter()
            .map(|f| f.rule.slug.to_string())
            .collect();
        found.sort();
        if &found != slugs {
            let messages: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{}: {}", f.rule.slug, f.message))
                .collect();
            failures.push(format!(
                "{name}: expected {slugs:?}, found {found:?}\n    {}",
                messages.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_document_rule_has_a_failing_and_a_passing_sample() {
    let samples = samples();
    let passing = samples.iter().filter(|s| s.2.is_empty()).count();
    assert!(passing >= 1);
    for rule in fgcheck::rules::ALL {
        if rule.check.is_none() {
            continue;
        }
        let fails = samples.iter().any(|s| s.2.contains(&rule.slug));
        // Passing: some sample that does not produce it (the conforming template).
        let passes = samples
            .iter()
            .any(|s| !s.2.contains(&rule.slug) && !s.3.starts_with(b"This"));
        assert!(fails, "rule {} has no failing sample", rule.slug);
        assert!(passes, "rule {} has no passing sample", rule.slug);
    }
}
