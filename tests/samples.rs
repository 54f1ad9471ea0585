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
    let entries: Vec<(String, Vec<u8>)> = unzip_entries(&bytes)
        .into_iter()
        .map(|(name, data)| {
            let text = String::from_utf8(data)
                .expect("utf8")
                .replace(
                    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    "http://purl.oclc.org/ooxml/wordprocessingml/main",
                )
                .replace(
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                    "http://purl.oclc.org/ooxml/officeDocument/relationships",
                );
            (name, text.into_bytes())
        })
        .collect();
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
                s.number = format!(r#"<w:p><w:pPr><w:pStyle w:val="Docnumber"/></w:pPr>{}</w:p>"#, sdt_run("ShortName", &(run("QIT4N-I-") + "<w:proofErr w:type=\"spellStart\"/>" + &run("013") + "<w:proofErr w:type=\"spellEnd\"/>")));
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
        (
            "pass-purpose-with-more-words.docx",
            "Purpose: Information and action, as real ITU documents write it; group as ITU-T FG-QIT4N",
            vec![],
            {
                let mut s = spec().set_row("Purpose:", p("Information and action"));
                s.group = p("ITU-T FG-QIT4N");
                s.build()
            },
        ),
        (
            "pass-place-dates-in-own-row.docx",
            "place and dates in their own row as tagged content controls, the cell beside WG(s) left empty",
            vec![],
            {
                let mut s = spec();
                s.place_dates = p("");
                let own_row = tr(&[tc(r#"<w:gridSpan w:val="3"/>"#, &p_runs(&(sdt_run("Place", &run("E-meeting")) + &run(", ") + &sdt_run("When", &run("27 July - 7 August 2020")))))]);
                let table = s.header_table();
                s.raw_header = Some(table.replacen("</w:tr><w:tr>", &format!("</w:tr>{own_row}<w:tr>"), 1));
                s.build()
            },
        ),
        ("fail-no-header-table.docx", "a document not made from the template: text, no header table", vec!["no-header-table"], {
            let mut s = spec();
            s.raw_header = Some(p("Proposed text for key management in QKD networks"));
            s.lower_rows.clear();
            s.build()
        }),
        (
            "fail-table-with-one-label.docx",
            "an ordinary table whose only label-like cell is Contact: (not a header)",
            vec!["no-header-table"],
            {
                let mut s = spec();
                s.raw_header = Some(table(&(tr(&[tc("", &p("Item")), tc("", &p("Owner"))]) + &labelled_row("Contact:", &p("Alice Example")))));
                s.lower_rows.clear();
                s.build()
            },
        ),
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
    all.extend(hygiene_samples());
    all.extend(layout_samples());
    // Appended, so that the samples before them keep their numbers.
    all.extend(cover_samples());
    for (index, sample) in all.iter_mut().enumerate() {
        sample.2.sort_unstable();
        // `fgcheck check samples/` is a batch: give every sample its own number and title so
        // that the batch rules (duplicate number or title) stay quiet. The template keeps
        // QIT4N-I-012, the base of the revision sample.
        if !matches!(sample.0, "pass-template.docx" | "pass-revision-number.docx") {
            sample.3 = distinct(std::mem::take(&mut sample.3), 100 + index);
        }
    }
    all
}

/// Renumbers a sample: QIT4N-I-012 (not a revision of it) becomes QIT4N-I-<n>, and the
/// template's title gets the number appended, in every XML part.
fn distinct(bytes: Vec<u8>, n: usize) -> Vec<u8> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())) else {
        return bytes; // not a zip: nothing to renumber
    };
    let title = "Proposed text for key management in QKD networks";
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("name").to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).expect("read");
        if Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            && let Ok(text) = String::from_utf8(data.clone())
        {
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(at) = rest.find("QIT4N-I-012") {
                let after = &rest[at + "QIT4N-I-012".len()..];
                out.push_str(&rest[..at]);
                if after.starts_with("-R") {
                    out.push_str("QIT4N-I-012");
                } else {
                    out.push_str(&format!("QIT4N-I-{n:03}"));
                }
                rest = after;
            }
            out.push_str(rest);
            data = out
                .replace(title, &format!("{title} (sample {n})"))
                .into_bytes();
        }
        entries.push((name, data));
    }
    zip_entries(&entries)
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

/// The samples are inputs to the 5th FG-QIT4N meeting: its place, dates and study period.
fn samples_settings() -> fgcheck::check::Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    fgcheck::check::Settings::for_meeting(&data, "fg-qit4n-5").expect("settings")
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
    let settings = samples_settings();
    let options = fgcheck::deadline::Options {
        as_of: Some("2020-07-23T09:00:00+02:00".parse().expect("as-of")),
        ..Default::default()
    };
    let mut failures = Vec::new();
    for (name, slugs) in &expected {
        let path = samples_dir().join(name);
        // The deadline step too, as `fgcheck check samples/ --meeting fg-qit4n-5` runs it.
        let plan = fgcheck::run::Plan {
            deadline: options.clone(),
            ..fgcheck::run::Plan::new(settings.clone())
        };
        let mut run = plan.run(&[(path.clone(), name.clone())], None, &|| {});
        let report = run.files.remove(0);
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

// ---------------------------------------------------------------------------------------
// Hygiene and layout samples (FG2xx, FG3xx).

const CT_FOOTNOTES: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";
const CT_COMMENTS: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const CT_HEADER: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
const CT_THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// A 1x1 PNG: enough for a picture part.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// The template's body with extra paragraphs before the closing line.
fn with_body(extra: &str) -> Spec {
    let mut s = spec();
    s.body = [
        p_styled("Heading1", "1 Introduction"),
        p("Quantum key distribution networks need key management between trusted nodes. This contribution proposes text."),
        extra.to_string(),
        p("____________________"),
    ]
    .concat();
    s
}

fn add_part(s: &mut Spec, name: &str, content_type: &str, bytes: Vec<u8>) {
    s.extra_parts
        .insert(name.to_string(), (content_type.to_string(), bytes));
}

fn add_rel(s: &mut Spec, id: &str, kind: &str, target: &str, external: bool) {
    s.extra_rels
        .push((id.into(), kind.into(), target.into(), external));
}

fn with_styles(extra: &str) -> String {
    default_styles().replace("</w:styles>", &format!("{extra}</w:styles>"))
}

fn settings_with(inner: &str) -> String {
    format!(
        r#"<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:zoom w:percent="100"/>{inner}<w:defaultTabStop w:val="794"/></w:settings>"#
    )
}

fn page_header(inner: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{inner}</w:hdr>"#
    )
    .into_bytes()
}

fn sect_pr(header: bool, page: &str, margins: &str) -> String {
    let header = if header {
        r#"<w:headerReference w:type="default" r:id="rIdHeader1"/>"#
    } else {
        ""
    };
    format!(r#"<w:sectPr>{header}{page}{margins}<w:titlePg/></w:sectPr>"#)
}

const A4: &str = r#"<w:pgSz w:w="11907" w:h="16840" w:code="9"/>"#;
const MARGINS_2CM: &str = r#"<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/>"#;

fn field(instruction: &str, result: &str) -> String {
    format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        esc(instruction),
        run(result)
    )
}

/// A picture as Word inserts it; `attr` is `r:embed="..."` or `r:link="..."`.
fn picture(attr: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0"><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Picture 1"/><a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="1" name="figure1.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip {attr}/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500" cy="952500"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

/// An OLE object as Word writes it: a VML preview picture and the o:OLEObject.
fn ole_object(kind: &str, prog_id: &str, rel: &str) -> String {
    format!(
        r##"<w:r><w:object w:dxaOrig="4320" w:dyaOrig="2160"><v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:216pt;height:108pt" o:ole=""><v:imagedata r:id="rIdPreview" o:title=""/></v:shape><o:OLEObject Type="{kind}" ProgID="{prog_id}" ShapeID="_x0000_i1025" DrawAspect="Content" ObjectID="_1650000001" r:id="{rel}"/></w:object></w:r>"##
    )
}

fn with_preview(s: &mut Spec) {
    add_part(s, "word/media/image1.png", "", PNG.to_vec());
    add_rel(s, "rIdPreview", "image", "media/image1.png", false);
}

/// Re-zips a package with the samples' fixed order and timestamps (docx-rs stamps the
/// current time on its entries).
fn rezip(bytes: Vec<u8>) -> Vec<u8> {
    zip_entries(&unzip_entries(&bytes))
}

fn docx_rs_bytes(docx: docx_rs::Docx) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut cursor).expect("docx-rs pack");
    rezip(cursor.into_inner())
}

fn docx_rs_body() -> docx_rs::Docx {
    use docx_rs::{Docx, Paragraph, Run};
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("QIT4N-I-012")))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(
            "Quantum key distribution networks need key management between trusted nodes.",
        )))
}

const FRENCH: &str = "Les réseaux de distribution quantique de clés ont besoin d'une gestion des clés entre les nœuds de confiance. Cette contribution propose un texte pour la clause sur la gestion des clés du livrable du groupe spécialisé, avec les exigences relatives au relais des clés, à leur stockage et aux interfaces vers les applications.";
const RUSSIAN: &str = "Сети квантового распределения ключей нуждаются в управлении ключами между доверенными узлами. Этот вклад предлагает текст для раздела об управлении ключами в итоговом документе оперативной группы, включая требования к ретрансляции ключей, их хранению и интерфейсам с приложениями.";
const ENGLISH: &str = "The key manager of each trusted node keeps the keys relayed from its neighbours and hands them to applications through the key delivery interface. Keys are stored encrypted and deleted once they have been delivered; the key relay uses one-time pad encryption hop by hop between trusted nodes.";

/// Real cover structures (study-group and focus-group covers of 2019-2021), each with the
/// look-alike that must stay silent.
fn cover_samples() -> Vec<Sample> {
    let group_cell = |text: &str| tc("", &p(text));
    let wrap_group_cell = |s: &Spec, text: &str| {
        // The group cell inside a content control tagged SgText, as ITU's study-group
        // template writes it: `w:sdt` around the `w:tc`, beside vertically merged cells.
        s.header_table().replacen(
            &group_cell(text),
            &sdt_block("SgText", &group_cell(text)),
            1,
        )
    };
    vec![
        (
            "pass-group-cell-content-control.docx",
            "the group line in a content control around the whole cell (SgText), beside merged cells",
            vec![],
            {
                let mut s = spec();
                s.raw_header = Some(wrap_group_cell(&s, "FG-QIT4N"));
                s.build()
            },
        ),
        (
            "fail-group-cell-content-control.docx",
            "a study group's line in a content control around the whole cell: read as Word shows it",
            vec!["wrong-group"],
            {
                let mut s = spec();
                s.group = p("STUDY GROUP 17");
                s.raw_header = Some(wrap_group_cell(&s, "STUDY GROUP 17"));
                s.build()
            },
        ),
        (
            "pass-row-content-controls.docx",
            "whole rows (Source:, the document type) inside content controls",
            vec![],
            {
                let mut s = spec();
                let table = s.header_table();
                let source_row = labelled_row("Source:", &p("Example Telecom"));
                let banner_row = tr(&[tc(r#"<w:gridSpan w:val="3"/>"#, &p("INPUT DOCUMENT"))]);
                s.raw_header = Some(
                    table
                        .replacen(&source_row, &sdt_block("DocumentSource", &source_row), 1)
                        .replacen(&banner_row, &sdt_block("DocTypeText", &banner_row), 1),
                );
                s.build()
            },
        ),
        (
            "pass-docnumber-styled-top-lines.docx",
            "the number, the group line and Original: all in the Docnumber style, in the template's order",
            vec![],
            {
                let mut s = spec();
                s.group = p_styled("Docnumber", "FG-QIT4N");
                s.original = p_styled("Docnumber", "Original: English");
                s.build()
            },
        ),
        (
            "fail-swapped-number-and-group.docx",
            "the group line above the number in one Docnumber-styled cell (as another FG's covers have it)",
            vec!["swapped-number-and-group"],
            {
                let mut s = spec();
                s.number = p_styled(
                    "Docnumber",
                    "FOCUS GROUP ON QUANTUM INFORMATION TECHNOLOGY FOR NETWORKS",
                ) + &p_styled("Docnumber", "QIT4N-I-012")
                    + &p_styled("Docnumber", "Original: English");
                s.group = p("");
                s.original = p("");
                s.build()
            },
        ),
        (
            "fail-other-group-cover.docx",
            "another focus group's cover (FG-AN): its placeholder AN-I-xxx, its group line above it, its meeting, no Purpose row",
            vec![
                "bad-purpose",
                "late",
                "placeholder-doc-number",
                "swapped-number-and-group",
                "wrong-group",
                "wrong-meeting-place-date",
            ],
            fg_an_cover("AN-I-xxx").build(),
        ),
        (
            "fail-property-table-not-a-cover.docx",
            "a document that starts with a table listing its properties (Title, Abstract...) without the template's colons",
            vec!["no-header-table"],
            {
                let mut s = spec();
                let rows: String = [
                    ("Title", "Student team report"),
                    ("Abstract", "A report on the team's work."),
                    ("Keywords", "blockchain; ledgers"),
                    ("Author", "Example University"),
                    ("Source", "Example University"),
                ]
                .iter()
                .map(|(label, value)| labelled_row(label, &p(value)))
                .collect();
                s.raw_header = Some(table(&rows));
                s.lower_rows.clear();
                s.build()
            },
        ),
        (
            "fail-us-letter-in-points.docx",
            "US Letter written in points (w:w=\"612pt\"), as OOXML allows",
            vec!["not-a4"],
            {
                let mut s = spec();
                s.sect_pr = s.sect_pr.replace(
                    r#"<w:pgSz w:w="11907" w:h="16840" w:code="9"/>"#,
                    r#"<w:pgSz w:w="612pt" w:h="792pt"/>"#,
                );
                s.build()
            },
        ),
        (
            "pass-a4-in-points-and-cm.docx",
            "A4 written in points and margins in centimetres",
            vec![],
            {
                let mut s = spec();
                s.sect_pr = s
                    .sect_pr
                    .replace(
                        r#"<w:pgSz w:w="11907" w:h="16840" w:code="9"/>"#,
                        r#"<w:pgSz w:w="595.3pt" w:h="841.9pt"/>"#,
                    )
                    .replace(
                        r#"w:top="1134" w:right="1134" w:bottom="1134" w:left="1134""#,
                        r#"w:top="2cm" w:right="2cm" w:bottom="20mm" w:left="2cm""#,
                    );
                s.build()
            },
        ),
        (
            "fail-stale-properties.docx",
            "document properties left over from another document: its Title, Keywords and Author",
            vec!["stale-properties"],
            {
                let mut s = spec();
                s.core = core_xml_with(
                    "Student team report on blockchain governance",
                    None,
                    "FG DLT; blockchain",
                    "European Commission",
                    Some("2020-07-15T08:00:00Z"),
                    Some("2020-07-20T09:15:00Z"),
                );
                s.build()
            },
        ),
        (
            "pass-properties-truncated-title.docx",
            "properties that repeat the cover loosely: a truncated title in capitals, some of the keywords",
            vec![],
            {
                let mut s = spec();
                s.core = core_xml_with(
                    "PROPOSED TEXT FOR KEY MANAGEMENT",
                    Some("QKD key management"),
                    "QKD; networks",
                    "Alice Example",
                    Some("2020-07-15T08:00:00Z"),
                    Some("2020-07-20T09:15:00Z"),
                );
                s.build()
            },
        ),
        (
            "fail-email-in-custom-property.docx",
            "a sensitivity label's owner (an e-mail address) in the custom properties",
            vec!["personal-metadata"],
            {
                let mut s = spec();
                s.custom = custom_xml(&[
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Enabled",
                        "true",
                    ),
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_SiteId",
                        "0a1b2c3d-0000-4000-8000-000000000002",
                    ),
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Owner",
                        "alice.example@corp.example.com",
                    ),
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Name",
                        "Public",
                    ),
                ]);
                s.build()
            },
        ),
        (
            "pass-custom-properties-without-identifiers.docx",
            "a sensitivity label without its owner, and a document-management id",
            vec![],
            {
                let mut s = spec();
                s.custom = custom_xml(&[
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Enabled",
                        "true",
                    ),
                    (
                        "MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_Name",
                        "Public",
                    ),
                    ("DocumentId", "TSB-2020-0042"),
                ]);
                s.build()
            },
        ),
        (
            "fail-created-after-deadline.docx",
            "no dcterms:modified, and dcterms:created after the deadline: late whatever the send time",
            vec!["late"],
            {
                let mut s = spec();
                s.core = core_xml_with(
                    "Proposed text for key management in QKD networks",
                    None,
                    "QKD; key management; network",
                    "Alice Example",
                    Some("2020-07-24T10:00:00Z"),
                    None,
                );
                s.build()
            },
        ),
        (
            "pass-created-before-deadline-only.docx",
            "no dcterms:modified, dcterms:created before the deadline: not proof of being on time",
            vec!["deadline-unknown"],
            {
                let mut s = spec();
                s.core = core_xml_with(
                    "Proposed text for key management in QKD networks",
                    None,
                    "QKD; key management; network",
                    "Alice Example",
                    Some("2020-07-15T08:00:00Z"),
                    None,
                );
                s.build()
            },
        ),
        (
            "pass-even-page-header-with-page-number.docx",
            "different odd and even pages: page 2 shows the even-page header, which has the page number",
            vec![],
            {
                let mut s = spec();
                s.settings = settings_with("<w:evenAndOddHeaders/>");
                add_part(
                    &mut s,
                    "word/header1.xml",
                    CT_HEADER,
                    page_header(&p("QIT4N-I-012")),
                );
                add_part(
                    &mut s,
                    "word/header2.xml",
                    CT_HEADER,
                    page_header(&(p_runs(&field("PAGE", "2")) + &p("QIT4N-I-012"))),
                );
                add_rel(&mut s, "rIdHeader2", "header", "header2.xml", false);
                s.sect_pr = s.sect_pr.replace(r#"<w:headerReference w:type="default" r:id="rIdHeader1"/>"#, r#"<w:headerReference w:type="even" r:id="rIdHeader2"/><w:headerReference w:type="default" r:id="rIdHeader1"/>"#);
                s.build()
            },
        ),
        (
            "pass-original-language-label.docx",
            "the top block says 'Original language: English', as some covers write it",
            vec![],
            {
                let mut s = spec();
                s.original = p("Original language: English");
                s.build()
            },
        ),
        (
            "fail-even-pages-without-page-number.docx",
            "different odd and even pages: the page number is only in the odd-page header, so page 2 has none",
            vec!["missing-running-header"],
            {
                let mut s = spec();
                s.settings = settings_with("<w:evenAndOddHeaders/>");
                add_part(
                    &mut s,
                    "word/header2.xml",
                    CT_HEADER,
                    page_header(&p("QIT4N-I-012")),
                );
                add_rel(&mut s, "rIdHeader2", "header", "header2.xml", false);
                s.sect_pr = s.sect_pr.replace(r#"<w:headerReference w:type="default" r:id="rIdHeader1"/>"#, r#"<w:headerReference w:type="even" r:id="rIdHeader2"/><w:headerReference w:type="default" r:id="rIdHeader1"/>"#);
                s.build()
            },
        ),
        // Look-alikes for the rule fixtures (tests/rule_fixtures.rs): each is one step from
        // failing a rule and must stay silent.
        (
            "pass-abstract-at-the-limit.docx",
            "an abstract of exactly 200 words, the limit",
            vec![],
            spec().set_row("Abstract:", p(&words(200))).build(),
        ),
        (
            "pass-study-period-spelled-differently.docx",
            "the study period in lower case with a no-break space: Study Period 2017-2020",
            vec![],
            {
                let mut s = spec();
                s.study_period = p("Study\u{a0}Period 2017-2020");
                s.build()
            },
        ),
        (
            "pass-keywords-and-abstract-in-content-controls.docx",
            "Keywords: and Abstract: filled inside content controls, as the template's fields are",
            vec![],
            spec()
                .set_row(
                    "Keywords:",
                    p_runs(&sdt_run("Keywords", &run("QKD; key management; network"))),
                )
                .set_row(
                    "Abstract:",
                    p_runs(&sdt_run(
                        "Abstract",
                        &run("This contribution proposes text for key management in QKD networks."),
                    )),
                )
                .build(),
        ),
        (
            "pass-source-in-content-control.docx",
            "Source: filled inside a content control, the organisation on two lines",
            vec![],
            spec()
                .set_row(
                    "Source:",
                    p_runs(&sdt_run(
                        "Source",
                        &(run("Example Telecom") + "<w:r><w:br/></w:r>" + &run("Example Labs")),
                    )),
                )
                .build(),
        ),
        (
            "pass-made-from-normal-dotm.docx",
            "a plain .docx made from Word's Normal.dotm (a macro-enabled template named in its properties), with no macros of its own",
            vec![],
            {
                let mut s = spec();
                s.app = app_xml("Microsoft Office Word", "Normal.dotm");
                s.build()
            },
        ),
    ]
}

fn hygiene_samples() -> Vec<Sample> {
    vec![
        // FG201 tracked-changes
        ("fail-tracked-insertion.docx", "a co-author's insertion and deletion left in the body", vec!["tracked-changes"], with_body(&p_runs(&(run("The key relay ") + r#"<w:ins w:id="101" w:author="Bob Example" w:date="2020-07-18T10:00:00Z"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins><w:del w:id="102" w:author="Bob Example" w:date="2020-07-18T10:00:00Z"><w:r><w:delText xml:space="preserve">sometimes </w:delText></w:r></w:del>"# + &run("uses one-time pad encryption.")))).build()),
        ("fail-tracked-change-in-footnote.docx", "the body is clean, a footnote still holds a tracked deletion", vec!["tracked-changes"], {
            let mut s = with_body(&p_runs(&(run("Keys are relayed hop by hop.") + r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#)));
            add_part(&mut s, "word/footnotes.xml", CT_FOOTNOTES, format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">See ITU-T Y.3800</w:t></w:r><w:del w:id="201" w:author="Bob Example" w:date="2020-07-18T10:00:00Z"><w:r><w:delText xml:space="preserve"> and Y.3801</w:delText></w:r></w:del><w:r><w:t>.</w:t></w:r></w:p></w:footnote></w:footnotes>"#).into_bytes());
            add_rel(&mut s, "rIdFootnotes", "footnotes", "footnotes.xml", false);
            s.build()
        }),
        ("fail-tracked-change-docx-rs.docx", "docx-rs output (no header table) with a tracked insertion", vec!["no-header-table", "tracked-changes"], {
            use docx_rs::{Insert, Paragraph, Run};
            docx_rs_bytes(docx_rs_body().add_paragraph(Paragraph::new().add_insert(Insert::new(Run::new().add_text("An inserted sentence.")).author("Bob Example").date("2020-07-18T10:00:00Z"))))
        }),
        ("pass-track-changes-on-no-marks.docx", "Track Changes switched on in settings, every change accepted", vec![], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:trackRevisions/>"#);
            s.build()
        }),
        // FG202 comments
        ("fail-comment.docx", "a reviewer's comment on a sentence", vec!["comments"], {
            let mut s = with_body(&p_runs(&(r#"<w:commentRangeStart w:id="0"/>"#.to_string() + &run("Keys are deleted once delivered.") + r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#)));
            add_part(&mut s, "word/comments.xml", CT_COMMENTS, format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="Bob Example" w:date="2020-07-18T10:00:00Z" w:initials="BE"><w:p><w:r><w:t>Check with legal before sending.</w:t></w:r></w:p></w:comment></w:comments>"#).into_bytes());
            add_rel(&mut s, "rIdComments", "comments", "comments.xml", false);
            s.build()
        }),
        ("fail-comment-docx-rs.docx", "docx-rs output (no header table) with a comment", vec!["comments", "no-header-table"], {
            use docx_rs::{Comment, Paragraph, Run};
            docx_rs_bytes(docx_rs_body().add_paragraph(
                Paragraph::new()
                    .add_comment_start(Comment::new(1).author("Bob Example").date("2020-07-18T10:00:00Z").add_paragraph(Paragraph::new().add_run(Run::new().add_text("Check with legal before sending."))))
                    .add_run(Run::new().add_text("Keys are deleted once delivered."))
                    .add_comment_end(1),
            ))
        }),
        ("pass-empty-comments-part.docx", "an empty comments part left behind after all comments were deleted", vec![], {
            let mut s = spec();
            add_part(&mut s, "word/comments.xml", CT_COMMENTS, format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}"/>"#).into_bytes());
            add_rel(&mut s, "rIdComments", "comments", "comments.xml", false);
            s.build()
        }),
        // FG203 hidden-text
        ("fail-hidden-run.docx", "an internal note formatted as hidden text", vec!["hidden-text"], with_body(&p_runs(&(run("Keys are stored encrypted. ") + r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>Internal: our product cannot do this yet.</w:t></w:r>"#))).build()),
        ("fail-hidden-paragraph-style.docx", "a paragraph in a style based on a hidden style (hidden through the basedOn chain)", vec!["hidden-text"], {
            let mut s = with_body(&p_styled("DraftNote", "Draft note: remove before submission."));
            s.styles = with_styles(r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="HiddenBase"><w:name w:val="Hidden Base"/><w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="DraftNote"><w:name w:val="Draft Note"/><w:basedOn w:val="HiddenBase"/><w:rPr><w:i/></w:rPr></w:style>"#);
            s.build()
        }),
        ("pass-hidden-paragraph-mark-web-hidden.docx", "only a paragraph mark is hidden, and a table-of-contents page number is web-hidden", vec![], with_body(&(r#"<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>Keys are stored encrypted.</w:t></w:r></w:p>"#.to_string() + &p_runs(&(run("1 Introduction\t") + r#"<w:r><w:rPr><w:webHidden/></w:rPr><w:t>1</w:t></w:r>"#)))).build()),
        ("fail-hidden-in-page-header.docx", "the running header is right, but holds a hidden draft mark", vec!["hidden-text"], {
            let mut s = spec();
            let header = String::from_utf8(page_header(&(p_runs(&field("PAGE", "2")) + &p("QIT4N-I-012") + &p_runs(r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>DRAFT v3 - internal</w:t></w:r>"#)))).expect("utf8");
            add_part(&mut s, "word/header1.xml", CT_HEADER, header.into_bytes());
            s.build()
        }),
        // FG204 macro
        ("fail-macro-enabled-renamed.docx", "a .docm (macro-enabled content type, VBA project) renamed .docx", vec!["macro"], {
            let mut s = spec();
            s.main_content_type = "application/vnd.ms-word.document.macroEnabled.main+xml".into();
            add_part(&mut s, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject", b"not a real VBA project".to_vec());
            add_rel(&mut s, "rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin", false);
            s.build()
        }),
        ("fail-vba-part-in-docx.docx", "a plain .docx content type still carrying word/vbaProject.bin", vec!["macro"], {
            let mut s = spec();
            add_part(&mut s, "word/vbaProject.bin", "", b"not a real VBA project".to_vec());
            s.build()
        }),
        // FG205 external-template
        ("fail-template-on-server.docx", "the attached template on a file server (UNC path)", vec!["external-template"], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:attachedTemplate r:id="rIdTemplate"/>"#);
            s.settings_rels.push(("rIdTemplate".into(), "attachedTemplate".into(), r"\\fileserver.corp.example\templates\FG-QIT4N_base_template.dotx".into(), true));
            s.build()
        }),
        ("fail-template-on-web.docx", "the attached template at an https address", vec!["external-template"], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:attachedTemplate r:id="rIdTemplate"/>"#);
            s.settings_rels.push(("rIdTemplate".into(), "attachedTemplate".into(), "https://intranet.example.com/templates/FG-QIT4N_base_template.dotx".into(), true));
            s.build()
        }),
        ("pass-template-on-local-disk.docx", "the attached template in the author's local Templates folder (file:///C:/...)", vec![], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:attachedTemplate r:id="rIdTemplate"/>"#);
            s.settings_rels.push(("rIdTemplate".into(), "attachedTemplate".into(), r"file:///C:\Users\alice\AppData\Roaming\Microsoft\Templates\FG-QIT4N_base_template.dotx".into(), true));
            s.build()
        }),
        ("pass-template-mac-local.docx", "Mac Word's local attached template, written file:////Users/... (four slashes, not a server)", vec![], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:attachedTemplate r:id="rIdTemplate"/>"#);
            s.settings_rels.push(("rIdTemplate".into(), "attachedTemplate".into(), "file:////Users/alice/Library/Group%20Containers/UBF8T346G9.Office/User%20Content.localized/Templates.localized/FG-QIT4N_base_template.dotx".into(), true));
            s.build()
        }),
        ("fail-dde-field.docx", "a DDEAUTO field that asks Word to start a program", vec!["external-link"], with_body(&p_runs(&field(r#"DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe""#, "!Unexpected End of Formula"))).build()),
        // FG206 external-link
        ("fail-linked-picture.docx", "a figure inserted with Insert > Link to File from a file server", vec!["external-link"], {
            let mut s = with_body(&p_runs(&picture(r#"r:link="rIdLinked""#)));
            add_rel(&mut s, "rIdLinked", "image", r"file:///\\fileserver\figures\architecture.png", true);
            s.build()
        }),
        ("fail-linked-logo-in-page-header.docx", "a logo in the page header linked (not embedded) from a file server, through the header's own relationships", vec!["external-link"], {
            let mut s = spec();
            add_part(&mut s, "word/header1.xml", CT_HEADER, page_header(&(p_runs(&field("PAGE", "2")) + &p("QIT4N-I-012") + &p_runs(&picture(r#"r:link="rIdLogo""#)))));
            add_part(&mut s, "word/_rels/header1.xml.rels", "", rels_xml(&[("rIdLogo".into(), "image".into(), r"file:///\\fileserver\branding\logo.png".into(), true)]).into_bytes());
            s.build()
        }),
        ("fail-includepicture-field.docx", "an INCLUDEPICTURE field fetching a figure from the web", vec!["external-link"], with_body(&p_runs(&field(r#"INCLUDEPICTURE "http://www.example.com/figures/figure1.png" \* MERGEFORMATINET"#, "[figure]"))).build()),
        ("fail-linked-ole-object.docx", "an Excel range pasted as a link (linked OLE object)", vec!["external-link"], {
            let mut s = with_body(&p_runs(&ole_object("Link", "Excel.Sheet.12", "rIdOle1")));
            with_preview(&mut s);
            add_rel(&mut s, "rIdOle1", "oleObject", r"file:///\\fileserver\budget\keys.xlsx!Sheet1!R1C1:R4C3", true);
            s.build()
        }),
        ("pass-hyperlinks.docx", "hyperlinks (https, mailto) and a HYPERLINK field", vec![], {
            let mut s = with_body(&(p_runs(&(run("See ") + r#"<w:hyperlink r:id="rIdWeb"><w:r><w:t>the FG-QIT4N page</w:t></w:r></w:hyperlink>"# + &run(" or write to ") + r#"<w:hyperlink r:id="rIdMail"><w:r><w:t>tsbfgqit4n@itu.int</w:t></w:r></w:hyperlink>"#)) + &p_runs(&field(r#"HYPERLINK "https://www.itu.int/en/ITU-T/focusgroups/qit4n/""#, "FG-QIT4N"))));
            add_rel(&mut s, "rIdWeb", "hyperlink", "https://www.itu.int/en/ITU-T/focusgroups/qit4n/", true);
            add_rel(&mut s, "rIdMail", "hyperlink", "mailto:tsbfgqit4n@itu.int", true);
            s.build()
        }),
        // FG207 embedded-object
        ("fail-embedded-excel.docx", "an Excel sheet embedded as an OLE object", vec!["embedded-object"], {
            let mut s = with_body(&p_runs(&ole_object("Embed", "Excel.Sheet.12", "rIdOle1")));
            with_preview(&mut s);
            add_part(&mut s, "word/embeddings/Microsoft_Excel_Worksheet.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK not a real workbook".to_vec());
            add_rel(&mut s, "rIdOle1", "package", "embeddings/Microsoft_Excel_Worksheet.xlsx", false);
            s.build()
        }),
        ("fail-embedded-package.docx", "a PDF embedded as a packaged file (ProgID Package, oleObject1.bin)", vec!["embedded-object"], {
            let mut s = with_body(&p_runs(&ole_object("Embed", "Package", "rIdOle1")));
            with_preview(&mut s);
            add_part(&mut s, "word/embeddings/oleObject1.bin", "", b"not a real OLE file".to_vec());
            add_rel(&mut s, "rIdOle1", "oleObject", "embeddings/oleObject1.bin", false);
            s.build()
        }),
        ("pass-equation-object.docx", "a MathType equation (OLE object Equation.DSMT4): a formula, not a source file", vec![], {
            let mut s = with_body(&p_runs(&(run("The key rate is ") + &ole_object("Embed", "Equation.DSMT4", "rIdOle1"))));
            with_preview(&mut s);
            add_part(&mut s, "word/embeddings/oleObject1.bin", "", b"not a real OLE file".to_vec());
            add_rel(&mut s, "rIdOle1", "oleObject", "embeddings/oleObject1.bin", false);
            s.build()
        }),
        ("pass-picture.docx", "a figure inserted as a picture (not an object)", vec![], {
            let mut s = with_body(&p_runs(&picture(r#"r:embed="rIdPicture""#)));
            add_part(&mut s, "word/media/image1.png", "", PNG.to_vec());
            add_rel(&mut s, "rIdPicture", "image", "media/image1.png", false);
            s.build()
        }),
        // FG208 protected
        ("fail-protected-read-only.docx", "editing restricted to read only, enforced", vec!["protected"], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:documentProtection w:edit="readOnly" w:enforcement="1" w:cryptProviderType="rsaAES" w:cryptAlgorithmClass="hash" w:cryptAlgorithmType="typeAny" w:cryptAlgorithmSid="14" w:cryptSpinCount="100000" w:hash="AAAA" w:salt="BBBB"/>"#);
            s.build()
        }),
        ("pass-protection-not-enforced.docx", "protection settings left with enforcement off, DocSecurity 8 in app.xml", vec![], {
            let mut s = spec();
            s.settings = settings_with(r#"<w:documentProtection w:edit="readOnly" w:enforcement="0"/>"#);
            s.app = s.app.replace("<Company>", "<DocSecurity>8</DocSecurity><Company>");
            s.build()
        }),
        // FG209 non-english-text
        ("fail-body-in-french.docx", "an English header over a body written in French", vec!["non-english-text"], {
            let mut s = spec();
            s.body = [p_styled("Heading1", "1 Introduction"), p(FRENCH), p(FRENCH), p("____________________")].concat();
            s.build()
        }),
        ("fail-body-in-russian.docx", "an English header over a body written in Russian", vec!["non-english-text"], {
            let mut s = spec();
            s.body = [p_styled("Heading1", "1 Введение"), p(RUSSIAN), p(RUSSIAN), p("____________________")].concat();
            s.build()
        }),
        ("pass-english-with-foreign-names.docx", "an English body quoting foreign names, a French phrase and a Chinese term", vec![], with_body(&[p(ENGLISH), p("As Müller and Żółkowski (ETH Zürich) put it, « la clé ne quitte jamais le nœud de confiance ». The Chinese term is 量子密钥分发 and the Russian one квантовое распределение ключей."), p(ENGLISH)].concat()).build()),
        // FG210 personal-metadata
        ("fail-author-email.docx", "the author property holds an e-mail address", vec!["personal-metadata"], {
            let mut s = spec();
            s.core = s.core.replace("<dc:creator>Alice Example</dc:creator>", "<dc:creator>alice.example@corp.example.com</dc:creator>");
            s.build()
        }),
        ("fail-modified-by-login.docx", "last modified by a Windows login (DOMAIN\\user)", vec!["personal-metadata"], {
            let mut s = spec();
            s.core = s.core.replace("<cp:lastModifiedBy>Alice Example</cp:lastModifiedBy>", r"<cp:lastModifiedBy>CORP\aexample</cp:lastModifiedBy>");
            s.build()
        }),
    ]
}

fn theme(minor: &str, major: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a:theme xmlns:a="{A_NS}" name="Office Theme"><a:themeElements><a:fontScheme name="Office"><a:majorFont><a:latin typeface="{major}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="{minor}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#
    )
    .into_bytes()
}

fn layout_samples() -> Vec<Sample> {
    vec![
        // FG301 not-a4
        (
            "fail-letter-size.docx",
            "US Letter paper (12240 x 15840 twips)",
            vec!["not-a4"],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(true, r#"<w:pgSz w:w="12240" w:h="15840"/>"#, MARGINS_2CM);
                s.build()
            },
        ),
        (
            "fail-letter-size-docx-rs.docx",
            "docx-rs output (no header table) on US Letter paper",
            // Only the page size: the template's layout rules defer to no-header-table.
            vec!["no-header-table", "not-a4"],
            docx_rs_bytes(docx_rs_body().page_size(12240, 15840)),
        ),
        (
            "pass-a4-landscape.docx",
            "the final section in A4 landscape for a wide table",
            vec![],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(
                    true,
                    r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" w:code="9"/>"#,
                    MARGINS_2CM,
                );
                s.build()
            },
        ),
        (
            "pass-no-page-size.docx",
            "a final section without w:pgSz (the application's default applies)",
            vec![],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(true, "", MARGINS_2CM);
                s.build()
            },
        ),
        (
            "pass-a4-rounded.docx",
            "A4 rounded by another producer to 11900 x 16820 twips (within 1 mm)",
            vec![],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(true, r#"<w:pgSz w:w="11900" w:h="16820"/>"#, MARGINS_2CM);
                s.build()
            },
        ),
        // FG302 margins
        (
            "fail-margins-one-inch.docx",
            "Word's US default margins of one inch (2.54 cm)",
            vec!["margins"],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(
                    true,
                    A4,
                    r#"<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>"#,
                );
                s.build()
            },
        ),
        (
            "pass-margins-rounded.docx",
            "2 cm margins written with rounding (1133, 1140) and an exact negative top",
            vec![],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(
                    true,
                    A4,
                    r#"<w:pgMar w:top="-1134" w:right="1140" w:bottom="1133" w:left="1130" w:header="709" w:footer="709" w:gutter="0"/>"#,
                );
                s.build()
            },
        ),
        // FG303 normal-font
        (
            "fail-normal-calibri-theme.docx",
            "Normal in the theme's body font (Calibri) at 11 pt, from Word's blank template",
            vec!["normal-font"],
            {
                let mut s = spec();
                s.styles = default_styles()
                .replace(r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>"#, r#"<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:cstheme="minorBidi"/><w:sz w:val="22"/>"#)
                .replace(r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:style>"#, "</w:style>");
                add_part(
                    &mut s,
                    "word/theme/theme1.xml",
                    CT_THEME,
                    theme("Calibri", "Calibri Light"),
                );
                add_rel(&mut s, "rIdTheme", "theme", "theme/theme1.xml", false);
                s.build()
            },
        ),
        (
            "pass-normal-without-default-flag.docx",
            "LibreOffice-style styles: Normal without w:default=\"1\", its font from the document defaults",
            vec![],
            {
                let mut s = spec();
                s.styles = default_styles().replace(
                r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:style>"#,
                r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>"#,
            );
                s.build()
            },
        ),
        // FG304 missing-docnumber-style
        (
            "fail-no-docnumber-style.docx",
            "the number typed in bold Normal; the styles have no Docnumber",
            vec!["missing-docnumber-style"],
            {
                let mut s = spec();
                s.number = p_runs(&bold("QIT4N-I-012"));
                s.styles = default_styles().replace(r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Docnumber"><w:name w:val="Docnumber"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>"#, "");
                s.build()
            },
        ),
        (
            "pass-docnumber-style-localised-id.docx",
            "the Docnumber style under a generated id (a1), as localised Word writes custom styles",
            vec![],
            {
                let mut s = spec();
                s.number = p_styled("a1", "QIT4N-I-012");
                s.styles =
                    default_styles().replace(r#"w:styleId="Docnumber""#, r#"w:styleId="a1""#);
                s.build()
            },
        ),
        // FG305 missing-running-header
        (
            "fail-header-without-page.docx",
            "a page header holding the document number as text, no page number",
            vec!["missing-running-header"],
            {
                let mut s = spec();
                add_part(
                    &mut s,
                    "word/header1.xml",
                    CT_HEADER,
                    page_header(&p("QIT4N-I-012")),
                );
                s.build()
            },
        ),
        (
            "fail-no-page-header.docx",
            "no page header at all (no w:headerReference)",
            vec!["missing-running-header"],
            {
                let mut s = spec();
                s.sect_pr = sect_pr(false, A4, MARGINS_2CM);
                s.build()
            },
        ),
        (
            "pass-header-inherited-fldsimple.docx",
            "the final section inherits a header from the first section; the page number is a w:fldSimple",
            vec![],
            {
                let mut s = spec();
                add_part(&mut s, "word/header1.xml", CT_HEADER, page_header(&(r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r><w:fldSimple w:instr=" PAGE \* MERGEFORMAT "><w:r><w:t>2</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>"#.to_string() + &p("QIT4N-I-012"))));
                s.body = [
                p_styled("Heading1", "1 Introduction"),
                format!(r#"<w:p><w:pPr>{}</w:pPr>{}</w:p>"#, sect_pr(true, A4, MARGINS_2CM), run("Quantum key distribution networks need key management between trusted nodes.")),
                p("This contribution proposes text."),
                p("____________________"),
            ]
            .concat();
                s.sect_pr = sect_pr(false, A4, MARGINS_2CM);
                s.build()
            },
        ),
    ]
}
