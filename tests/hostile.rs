//! Hostile and broken inputs, built by the tests themselves: each must give one specific,
//! unreadable finding — never a panic, a hang or unbounded memory.

mod support;

use std::io::Write;

use support::*;

fn settings() -> fgcheck::check::Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    fgcheck::check::Settings {
        timeout: std::time::Duration::from_secs(20),
        ..fgcheck::check::Settings::for_meeting(&data, "fg-qit4n-5").expect("settings")
    }
}

/// The slugs a file produces, and its status.
fn check(bytes: &[u8]) -> (fgcheck::check::Status, Vec<&'static str>, String) {
    let report = fgcheck::check::check_bytes(bytes, "input.docx", &settings());
    let slugs = report.findings.iter().map(|f| f.rule.slug).collect();
    let message = report
        .findings
        .first()
        .map(|f| f.message.clone())
        .unwrap_or_default();
    (report.status, slugs, message)
}

fn assert_unreadable(bytes: &[u8], slug: &str) -> String {
    let (status, slugs, message) = check(bytes);
    assert_eq!(
        status,
        fgcheck::check::Status::Unreadable,
        "{slugs:?} {message}"
    );
    assert_eq!(slugs, [slug], "{message}");
    message
}

/// The template's entries, with one replaced or added.
fn template_entries() -> Vec<(String, Vec<u8>)> {
    unzip_entries(&Spec::template().build())
}

fn with_entry(name: &str, data: Vec<u8>) -> Vec<u8> {
    let mut entries = template_entries();
    match entries.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = data,
        None => entries.push((name.to_string(), data)),
    }
    zip_entries(&entries)
}

#[test]
fn empty_and_text_files_are_not_ooxml() {
    assert!(assert_unreadable(b"", "not-ooxml").contains("empty"));
    assert!(assert_unreadable(b"hello", "not-ooxml").contains("plain text"));
}

#[test]
fn truncated_zip_is_corrupt() {
    let bytes = Spec::template().build();
    let message = assert_unreadable(&bytes[..bytes.len() / 2], "corrupt-zip");
    assert!(
        message.contains("truncated") || message.contains("central"),
        "{message}"
    );
}

#[test]
fn bad_crc_is_corrupt() {
    let entries = template_entries();
    let mut bytes = zip_stored(&entries);
    // Flip a byte inside the stored document.xml data: the CRC no longer matches.
    let needle = b"Proposed text for key management";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("title bytes");
    bytes[at] ^= 0x20;
    let message = assert_unreadable(&bytes, "corrupt-zip");
    assert!(message.contains("CRC"), "{message}");
}

#[test]
fn duplicate_entry_names_are_corrupt() {
    let mut entries = template_entries();
    let copy = entries
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .cloned()
        .expect("doc");
    entries.push(copy);
    // The zip writer refuses duplicates; write the second copy under a placeholder name and
    // patch it in the bytes (same length).
    let last = entries.len() - 1;
    entries[last].0 = "word/documenX.xml".into();
    let mut bytes = zip_stored(&entries);
    let from = b"word/documenX.xml";
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(from.len()).position(|w| w == from) {
        bytes[i + at + 12] = b't';
        i += at + 1;
    }
    assert_unreadable(&bytes, "corrupt-zip");
}

#[test]
fn traversal_names_are_corrupt() {
    let mut entries = template_entries();
    entries.push(("../../evil.xml".into(), b"<x/>".to_vec()));
    let message = assert_unreadable(&zip_entries(&entries), "corrupt-zip");
    assert!(message.contains("escapes"), "{message}");
}

#[test]
fn missing_main_part_is_reported() {
    let entries: Vec<_> = template_entries()
        .into_iter()
        .filter(|(n, _)| n != "word/document.xml")
        .collect();
    assert_unreadable(&zip_entries(&entries), "missing-document-part");
    let entries: Vec<_> = template_entries()
        .into_iter()
        .filter(|(n, _)| n != "_rels/.rels")
        .collect();
    assert_unreadable(&zip_entries(&entries), "missing-document-part");
    let plain_zip = zip_entries(&[("hello.txt".into(), b"hi".to_vec())]);
    assert_unreadable(&plain_zip, "missing-document-part");
}

#[test]
fn malformed_xml_is_corrupt() {
    let message = assert_unreadable(
        &with_entry(
            "word/document.xml",
            b"<w:document><w:body></w:document>".to_vec(),
        ),
        "corrupt-xml",
    );
    assert!(message.contains("word/document.xml"), "{message}");
    let undefined = format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body></w:document>"#
    );
    assert_unreadable(
        &with_entry("word/document.xml", undefined.into_bytes()),
        "corrupt-xml",
    );
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut bomb = String::from(r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">"#);
    for level in 1..10 {
        bomb.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">",
            format!("&lol{};", level - 1)
                .repeat(10)
                .replace("&lol0;", "&lol;")
        ));
    }
    bomb.push_str(&format!(r#"]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#));
    let started = std::time::Instant::now();
    assert_unreadable(
        &with_entry("word/document.xml", bomb.into_bytes()),
        "xml-bomb",
    );
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn external_entity_is_refused() {
    let xxe = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#
    );
    assert_unreadable(&with_entry("word/styles.xml", xxe.into_bytes()), "xml-bomb");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 100_000;
    let deep = format!(
        r#"<w:document xmlns:w="{W_NS}"><w:body>{}{}</w:body></w:document>"#,
        "<w:sdt>".repeat(depth),
        "</w:sdt>".repeat(depth)
    );
    assert_unreadable(
        &with_entry("word/document.xml", deep.into_bytes()),
        "too-deep",
    );
}

#[test]
fn zip_bomb_is_refused_by_ratio() {
    // 64 MiB of spaces inside a valid element deflates about 1000:1.
    let mut xml = format!(r#"<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>"#).into_bytes();
    xml.resize(xml.len() + (64 << 20), b' ');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let bytes = with_entry("word/document.xml", xml);
    assert!(
        bytes.len() < 1 << 20,
        "the bomb should be small: {}",
        bytes.len()
    );
    let message = assert_unreadable(&bytes, "zip-bomb");
    assert!(message.contains("ratio"), "{message}");
}

#[test]
fn too_many_entries_is_refused() {
    let mut entries = template_entries();
    for i in 0..10_001 {
        entries.push((format!("junk/{i}.xml"), Vec::new()));
    }
    assert_unreadable(&zip_stored(&entries), "zip-bomb");
}

fn cfb_with_streams(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut compound = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for (name, data) in streams {
        let mut stream = compound.create_stream(name).expect("stream");
        stream.write_all(data).expect("write");
    }
    compound.flush().expect("flush");
    compound.into_inner().into_inner()
}

#[test]
fn legacy_doc_is_recognised_by_content() {
    let mut fib = vec![0u8; 64];
    fib[0] = 0xEC;
    fib[1] = 0xA5;
    let message = assert_unreadable(&cfb_with_streams(&[("/WordDocument", &fib)]), "legacy-doc");
    assert!(message.contains("97-2003"), "{message}");
    fib[11] = 0x01; // fEncrypted
    let message = assert_unreadable(&cfb_with_streams(&[("/WordDocument", &fib)]), "legacy-doc");
    assert!(message.contains("password"), "{message}");
}

#[test]
fn encrypted_package_is_recognised() {
    let bytes = cfb_with_streams(&[
        ("/EncryptionInfo", b"\x04\x00\x04\x00"),
        ("/EncryptedPackage", b"\x00\x01\x02"),
    ]);
    assert_unreadable(&bytes, "encrypted");
}

/// A legitimate but large contribution: the template with 200,000 body paragraphs (~40 MB
/// of document.xml, ordinary compression).
fn large_document() -> Vec<u8> {
    let mut spec = Spec::template();
    let mut body = String::with_capacity(48 << 20);
    for n in 0..200_000 {
        body.push_str(&format!("<w:p><w:r><w:t>Paragraph {n} on quantum key distribution networks and key management.</w:t></w:r></w:p>"));
    }
    spec.body = body;
    spec.build()
}

#[test]
fn large_ordinary_document_is_read_not_refused() {
    let bytes = large_document();
    let (status, slugs, message) = check(&bytes);
    assert_ne!(
        status,
        fgcheck::check::Status::Unreadable,
        "{slugs:?}: {message}"
    );
    assert!(
        !slugs.iter().any(|s| ["zip-bomb", "too-slow"].contains(s)),
        "{slugs:?}"
    );
}

#[test]
fn a_file_over_its_time_budget_is_too_slow() {
    // The budget is checked while parts are read, so a file that takes longer than
    // --timeout-per-file stops with one `too-slow` finding instead of holding the batch.
    let bytes = large_document();
    let mut settings = settings();
    settings.timeout = std::time::Duration::from_millis(1);
    let report = fgcheck::check::check_bytes(&bytes, "large.docx", &settings);
    let slugs: Vec<_> = report.findings.iter().map(|f| f.rule.slug).collect();
    assert_eq!(
        report.status,
        fgcheck::check::Status::Unreadable,
        "{slugs:?}"
    );
    assert_eq!(slugs, ["too-slow"]);
    assert!(
        report.findings[0].message.contains("--timeout-per-file"),
        "{}",
        report.findings[0].message
    );

    // The same through the command line: exit 3 (unreadable), the finding in the report.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.docx");
    std::fs::write(&path, &bytes).expect("write");
    let output = assert_cmd::Command::cargo_bin("fgcheck")
        .expect("binary")
        .args(["check", "--no-config", "--format", "json"])
        .arg(&path)
        .args(["--timeout-per-file", "0.001"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(3), "{stdout}");
    assert!(stdout.contains("\"too-slow\""), "{stdout}");
}
