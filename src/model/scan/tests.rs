//! The event driver as a whole: one WordprocessingML part in, what Word would show out.
//! Each collector has its own tests beside it; these hold them together.

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn scan(body: &str) -> PartScan {
    let xml = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    scan_part(
        xml.as_bytes(),
        "word/document.xml",
        Role::Main,
        &Styles::default(),
    )
    .expect("scan")
}

/// The visible text kept: the main part's sample (all of it, for a short body).
fn visible(out: &PartScan) -> String {
    format!("{}{}", out.sample, out.text)
}

#[test]
fn runs_split_mid_word_are_joined_and_tabs_and_breaks_are_text() {
    let out = scan(
        "<w:p><w:r><w:t>Quan</w:t></w:r><w:r><w:t>tum</w:t></w:r><w:r><w:tab/><w:t>key</w:t><w:br/><w:t>relay</w:t></w:r></w:p>",
    );
    let text = visible(&out);
    assert!(text.contains("Quantum\tkey\nrelay"), "{text:?}");
}

#[test]
fn field_instructions_and_deleted_text_are_not_text_but_are_counted() {
    let out = scan(
        r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>shown</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del w:id="1" w:author="A" w:date="2020-07-01T00:00:00Z"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>"#,
    );
    let text = visible(&out);
    assert!(text.contains("shown"), "{text:?}");
    assert!(
        !text.contains("HYPERLINK") && !text.contains("gone"),
        "{text:?}"
    );
    assert_eq!(out.fields.len(), 1);
    assert!(out.fields[0].instruction.contains("HYPERLINK"));
    assert_eq!(out.revisions.count(), 1);
}

#[test]
fn hidden_runs_are_set_aside_and_fallback_copies_are_skipped() {
    let out = scan(
        r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:t>open</w:t></w:r></w:p><mc:AlternateContent><mc:Choice Requires="wps"><w:p><w:r><w:t>choice</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>fallback</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>"#,
    );
    let text = visible(&out);
    assert!(!text.contains("secret"), "{text:?}");
    assert_eq!(out.hidden.count, 1);
    assert!(
        text.contains("choice") && !text.contains("fallback"),
        "{text:?}"
    );
}

#[test]
fn the_last_section_carries_the_page_setup() {
    let out = scan(
        r#"<w:p><w:r><w:t>x</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:bottom="1134" w:left="1134" w:right="1134"/></w:sectPr>"#,
    );
    let last = out.sections.last().expect("a section");
    assert_eq!(
        (last.page_width, last.page_height),
        (Some(11906), Some(16838))
    );
    assert_eq!(last.margin_top, Some(1418));
}

#[test]
fn a_malformed_part_is_an_error_not_a_panic() {
    let result = scan_part(
        "<w:document><w:body><w:p>".as_bytes(),
        "word/document.xml",
        Role::Main,
        &Styles::default(),
    );
    assert!(
        matches!(result, Err(PackageError::CorruptXml { .. })),
        "{result:?}"
    );
}
