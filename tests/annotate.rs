//! `fgcheck annotate` as a contributor and a reviewer would check it: every finding of a
//! failing sample is a comment on the text of its place; the copy opens in LibreOffice and
//! python-docx; every part but the few it must change is byte for byte the original's, for
//! every sample and every readable file of the shared corpus; annotating again replaces
//! fgcheck's comments instead of adding to them.
//!
//! LibreOffice (`soffice`, Debian's libreoffice-writer-nogui), `pdftoppm` (poppler-utils) and
//! python-docx are installed by `.ci/run`. Without them the tests that need them print a
//! `SKIPPED:` line and skip, except in CI (`CI` set), where they fail (see `support::skip`). With FGCHECK_BLESS=1 the
//! rendering test refreshes `docs/annotate.png`, the README's picture.

mod support;

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use fgcheck::check::{FileReport, Settings, Status};
use fgcheck::edit::annotate::{self, Target};
use fgcheck::edit::{EditError, Source};
use fgcheck::model::blocks::Addr;
use fgcheck::package::Package;
use rayon::prelude::*;
use support::*;

fn settings() -> Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    Settings {
        timeout: std::time::Duration::from_secs(20),
        ..Settings::defaults(&data).expect("defaults")
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn meta() -> fgcheck::edit::comments::Meta {
    annotate::meta_for("2020-07-23T07:00:00Z".parse().expect("time"))
}

fn samples(prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "docx")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    out.sort();
    out
}

fn annotate_bytes(
    bytes: &[u8],
    findings: &[fgcheck::diag::Finding],
) -> (Vec<u8>, annotate::Outcome) {
    let (out, outcome) = annotate::annotate(
        Source::Bytes(bytes),
        findings,
        &meta(),
        Cursor::new(Vec::new()),
    )
    .expect("annotate");
    (out.into_inner(), outcome)
}

fn fold(text: &str) -> String {
    fgcheck::text::fold(text)
}

fn comments_of(bytes: &[u8]) -> Vec<fgcheck::model::comments::Comment> {
    let mut package = Package::open(Cursor::new(bytes)).expect("package");
    fgcheck::model::comments::read(&mut package).expect("comments")
}

/// The cell text the scanner read for a header-table cell, if the path names one.
fn header_cell_text(report: &FileReport, addr: Addr) -> Option<String> {
    let Addr::Cell(table, row, cell) = addr else {
        return None;
    };
    let document = report.document.as_ref()?;
    let table = document
        .body
        .header_tables
        .iter()
        .find(|t| t.number == table)?;
    Some(table.rows.get(row - 1)?.cells.get(cell - 1)?.text())
}

#[test]
fn each_finding_of_each_failing_sample_is_a_comment_on_the_text_of_its_place() {
    let settings = settings();
    let mut checked = 0;
    for path in samples("fail-") {
        let bytes = std::fs::read(&path).expect("sample");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let report = fgcheck::check::check_bytes(&bytes, &name, &settings);
        if report.status == Status::Unreadable {
            continue;
        }
        let main = report
            .document
            .as_ref()
            .expect("document")
            .main_part
            .clone();
        let (annotated, outcome) = annotate_bytes(&bytes, &report.findings);
        let comments: Vec<_> = comments_of(&annotated)
            .into_iter()
            .filter(|c| c.author == "fgcheck")
            .collect();
        assert_eq!(outcome.comments, comments.len(), "{name}");
        assert_eq!(
            outcome.placed + outcome.general,
            report.findings.len(),
            "{name}"
        );
        assert!(
            comments
                .iter()
                .all(|c| c.initials == "FG" && c.date == "2020-07-23T07:00:00Z")
        );
        // The text each finding's place holds in the original, read by the same rules.
        let wanted: HashSet<Addr> = report
            .findings
            .iter()
            .filter_map(|f| match annotate::target_of(f, &main) {
                Target::Block(addr) | Target::Revision(addr) => Some(addr),
                Target::General => None,
            })
            .collect();
        let mut original = Package::open(Cursor::new(bytes.as_slice())).expect("package");
        let texts = fgcheck::model::comments::block_texts(&mut original, &wanted).expect("texts");
        for finding in &report.findings {
            let marker = format!("{}/{}", finding.rule.code, finding.rule.slug);
            let comment = comments
                .iter()
                .find(|c| c.text.contains(&marker) && c.text.contains(&finding.message))
                .unwrap_or_else(|| panic!("{name}: no comment for {marker}"));
            if let Some(expected) = &finding.expected {
                assert!(
                    comment.text.contains(expected.as_str()),
                    "{name}: {}",
                    comment.text
                );
            }
            assert!(
                comment.text.contains(finding.rule.fix),
                "{name}: {}",
                comment.text
            );
            match annotate::target_of(finding, &main) {
                Target::Block(addr) => {
                    let place = texts
                        .get(&addr)
                        .unwrap_or_else(|| panic!("{name}: {addr:?} not found"));
                    assert_eq!(
                        comment.anchored.trim_end_matches('\n'),
                        place.trim_end_matches('\n'),
                        "{name}: {marker} at {addr:?}"
                    );
                    // The scanner read the same cell independently.
                    if let Some(cell) = header_cell_text(&report, addr) {
                        assert!(
                            fold(&comment.anchored).contains(&fold(&cell)),
                            "{name}: {marker}: anchored {:?}, cell {cell:?}",
                            comment.anchored
                        );
                    }
                    assert!(comment.block.is_some(), "{name}");
                }
                Target::Revision(addr) => {
                    // On the first revision mark: text of the paragraph, not all of it.
                    let place = texts.get(&addr).map(|t| fold(t)).unwrap_or_default();
                    let anchored = fold(&comment.anchored);
                    assert!(!anchored.is_empty(), "{name}: {marker}");
                    assert!(
                        place.contains(&anchored),
                        "{name}: {anchored:?} in {place:?}"
                    );
                    if name == "fail-tracked-insertion.docx" {
                        assert_eq!(comment.anchored, "always ");
                    }
                }
                Target::General => {
                    // Findings about the whole document sit on the first paragraph.
                    assert_eq!(comment.block, first_block(&bytes), "{name}: {marker}");
                    assert!(
                        comment
                            .text
                            .contains(&format!("Where: {}", finding.location.anchor))
                            || finding.location.anchor.is_empty()
                    );
                }
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 40,
        "only {checked} failing samples were readable"
    );
}

/// The innermost block of the document's first paragraph: paragraph 1, or the first cell
/// of the first table when the body starts with a table.
fn first_block(bytes: &[u8]) -> Option<Addr> {
    let mut package = Package::open(Cursor::new(bytes)).ok()?;
    let main = package.main_part.clone();
    let mut xml = String::new();
    package
        .part_reader(&main)
        .ok()??
        .read_to_string(&mut xml)
        .ok()?;
    let body = xml.find("<w:body>").map_or(0, |i| i + 8);
    let rest = xml.get(body..)?;
    let table = rest.find("<w:tbl>").unwrap_or(usize::MAX);
    let paragraph = ["<w:p>", "<w:p ", "<w:p/>"]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
        .unwrap_or(usize::MAX);
    Some(if table < paragraph {
        Addr::Cell(1, 1, 1)
    } else {
        Addr::Paragraph(1)
    })
}

/// Entries of a zip as stored: name, compression method, compressed bytes.
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

/// Asserts the copy changes only the parts annotate may change, and keeps the rest as stored.
fn assert_round_trip(name: &str, original: &[u8], copy: &[u8], main: &str) {
    let before = raw_entries(original);
    let after = raw_entries(copy);
    let folder = main
        .rsplit_once('/')
        .map(|(f, _)| format!("{f}/"))
        .unwrap_or_default();
    let file = main.rsplit('/').next().unwrap_or(main);
    let may_change = |entry: &str| {
        let lower = entry.to_ascii_lowercase();
        lower == main.to_ascii_lowercase()
            || lower == "[content_types].xml"
            || lower == format!("{folder}_rels/{file}.rels").to_ascii_lowercase()
            || (lower.starts_with(&folder.to_ascii_lowercase()) && lower.contains("comments"))
    };
    assert!(after.len() >= before.len(), "{name}: entries lost");
    for (index, (entry, method, data)) in before.iter().enumerate() {
        let (new_name, new_method, new_data) = &after[index];
        assert_eq!(entry, new_name, "{name}: entry {index} moved");
        assert_eq!(method, new_method, "{name}: {entry} compression changed");
        if !may_change(entry) {
            assert!(data == new_data, "{name}: {entry} changed");
        }
    }
    for (entry, _, _) in &after[before.len()..] {
        assert!(may_change(entry), "{name}: unexpected new entry {entry}");
    }
}

#[test]
fn every_other_part_is_copied_byte_for_byte_for_every_sample_and_corpus_file() {
    let settings = settings();
    let mut inputs: Vec<PathBuf> = samples("");
    // Without the corpus, the samples are still checked; the corpus part says it skipped.
    if let Some(corpus) = corpus_dir() {
        inputs.extend(
            fgcheck::run::collect_inputs(std::slice::from_ref(&corpus))
                .into_iter()
                .map(|(p, _)| p),
        );
    }
    let started = std::time::Instant::now();
    let results: Vec<(String, bool)> = inputs
        .par_iter()
        .with_max_len(1)
        .map(|path| {
            let name = path.display().to_string();
            let Ok(bytes) = std::fs::read(path) else {
                return (name, false);
            };
            let report = fgcheck::check::check_bytes(&bytes, &name, &settings);
            if report.status == Status::Unreadable {
                // Refused before annotating (tests/edit_cli.rs checks nothing is written).
                return (name, false);
            }
            let main = report
                .document
                .as_ref()
                .map(|d| d.main_part.clone())
                .unwrap_or_default();
            let copy = match annotate::annotate(
                Source::Bytes(&bytes),
                &report.findings,
                &meta(),
                Cursor::new(Vec::new()),
            ) {
                Ok((copy, outcome)) => {
                    // Every place the scanner wrote is found by the annotator's count: no
                    // finding with a block falls back to the general comment.
                    let general = report
                        .findings
                        .iter()
                        .filter(|f| annotate::target_of(f, &main) == Target::General)
                        .count();
                    assert_eq!(outcome.general, general, "{name}: a place was not found");
                    copy.into_inner()
                }
                Err(EditError::Package(error)) => {
                    // Only parts check never reads (the modern comment parts) may refuse here.
                    panic!("{name}: readable by check, refused by annotate: {error}");
                }
                Err(error) => panic!("{name}: {error}"),
            };
            assert_round_trip(&name, &bytes, &copy, &main);
            // The copy is read by fgcheck again, with the same findings plus the comments.
            let again = fgcheck::check::check_bytes(&copy, &name, &settings);
            assert_ne!(
                again.status,
                Status::Unreadable,
                "{name}: the copy cannot be read"
            );
            let mut before: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
            let mut after: Vec<&str> = again
                .findings
                .iter()
                .map(|f| f.rule.slug)
                .filter(|s| *s != "comments")
                .collect();
            before.retain(|s| *s != "comments" && *s != "too-slow");
            after.retain(|s| *s != "too-slow");
            before.sort_unstable();
            after.sort_unstable();
            assert_eq!(before, after, "{name}: findings changed");
            (name, true)
        })
        .collect();
    let annotated = results.iter().filter(|(_, ok)| *ok).count();
    eprintln!(
        "round trip: {annotated} of {} files annotated and compared in {:.1} s",
        results.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(annotated >= 70);
}

#[test]
fn annotating_an_annotated_copy_replaces_fgchecks_comments_and_keeps_the_authors() {
    let settings = settings();
    let bytes = std::fs::read(root().join("samples/fail-comment.docx")).expect("sample");
    let report = fgcheck::check::check_bytes(&bytes, "a", &settings);
    let (first, _) = annotate_bytes(&bytes, &report.findings);
    // What the CLI does with an annotated copy: strip, re-check, annotate.
    assert_eq!(
        annotate::own_comments(Source::Bytes(&first)).expect("count"),
        1
    );
    let (stripped, outcome) = annotate_bytes(&first, &[]);
    assert_eq!(outcome.replaced, 1);
    assert_eq!(
        annotate::own_comments(Source::Bytes(&stripped)).expect("count"),
        0
    );
    let again = fgcheck::check::check_bytes(&stripped, "a", &settings);
    let (second, _) = annotate_bytes(&stripped, &again.findings);
    assert_eq!(first, second, "annotating twice gives the same file");
    let authors: Vec<String> = comments_of(&second).into_iter().map(|c| c.author).collect();
    assert_eq!(authors, ["Bob Example", "fgcheck"]);
}

#[test]
fn modern_comment_parts_get_matching_entries_and_ids_never_collide() {
    // A document Word saved with a comment and its modern parts, ids 0 and paraId 0000000A.
    let w14 = "http://schemas.microsoft.com/office/word/2010/wordml";
    let mut spec = Spec::template();
    spec.body = format!(
        r#"<w:p><w:commentRangeStart w:id="0"/>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>"#,
        run("Reviewed text.")
    ) + &spec.body;
    let comments = format!(
        r#"<w:comments xmlns:w="{W_NS}" xmlns:w14="{w14}"><w:comment w:id="0" w:author="Bob" w:initials="B"><w:p w14:paraId="0000000A"><w:r><w:t>Why?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let extended = r#"<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="0000000A" w15:done="0"/></w15:commentsEx>"#;
    let ids = r#"<w16cid:commentsIds xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid"><w16cid:commentId w16cid:paraId="0000000A" w16cid:durableId="1234ABCD"/></w16cid:commentsIds>"#;
    let extensible = r#"<w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="1234ABCD" w16cex:dateUtc="2020-07-20T08:00:00Z"/></w16cex:commentsExtensible>"#;
    for (name, kind, content_type, xml) in [
        (
            "word/comments.xml",
            "comments",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
            comments.as_str(),
        ),
        (
            "word/commentsExtended.xml",
            "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
            extended,
        ),
        (
            "word/commentsIds.xml",
            "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
            ids,
        ),
        (
            "word/commentsExtensible.xml",
            "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtensible+xml",
            extensible,
        ),
    ] {
        spec.extra_parts
            .insert(name.into(), (content_type.into(), xml.as_bytes().to_vec()));
        spec.extra_rels.push((
            format!("rId{}", spec.extra_rels.len() + 10),
            kind.into(),
            name.trim_start_matches("word/").into(),
            false,
        ));
    }
    let bytes = spec.build();
    let report = fgcheck::check::check_bytes(&bytes, "modern.docx", &settings());
    assert!(report.findings.iter().any(|f| f.rule.slug == "comments"));
    let (copy, outcome) = annotate_bytes(&bytes, &report.findings);
    assert_eq!(outcome.comments, 1);
    let entries: HashMap<String, String> = unzip_entries(&copy)
        .into_iter()
        .map(|(n, d)| (n, String::from_utf8(d).expect("utf8")))
        .collect();
    let comments_xml = &entries["word/comments.xml"];
    assert!(comments_xml.contains(r#"w:id="0" w:author="Bob""#));
    assert!(
        comments_xml.contains(r#"w:id="1" w:author="fgcheck""#),
        "{comments_xml}"
    );
    // The new comment's last paragraph id is in commentsExtended and commentsIds; its
    // durable id in commentsIds and commentsExtensible.
    let para = comments_xml
        .rsplit("w14:paraId=\"")
        .next()
        .and_then(|rest| rest.get(..8))
        .expect("paraId");
    assert_ne!(para, "0000000A");
    assert!(entries["word/commentsExtended.xml"].contains(&format!(
        r#"<w15:commentEx w15:paraId="{para}" w15:done="0"/>"#
    )));
    let ids_xml = &entries["word/commentsIds.xml"];
    let durable = ids_xml
        .split(&format!(r#"w16cid:paraId="{para}" w16cid:durableId=""#))
        .nth(1)
        .and_then(|rest| rest.get(..8))
        .expect("durableId");
    assert_ne!(durable, "1234ABCD");
    assert!(entries["word/commentsExtensible.xml"].contains(&format!(
        r#"w16cex:durableId="{durable}" w16cex:dateUtc="2020-07-23T07:00:00Z""#
    )));
    assert!(entries["word/commentsExtensible.xml"].contains("1234ABCD"));
    // Re-annotating drops fgcheck's entries from every part and writes new ones.
    let (stripped, outcome) = annotate_bytes(&copy, &[]);
    assert_eq!(outcome.replaced, 1);
    let entries: HashMap<String, Vec<u8>> = unzip_entries(&stripped).into_iter().collect();
    for (part, original) in [
        ("word/commentsExtended.xml", extended),
        ("word/commentsIds.xml", ids),
        ("word/commentsExtensible.xml", extensible),
    ] {
        assert_eq!(String::from_utf8_lossy(&entries[part]), original, "{part}");
    }
    assert_eq!(
        String::from_utf8_lossy(&entries["word/comments.xml"]),
        comments
    );
}

/// The failing samples annotated into a folder: (original, annotated copy, comments).
fn annotated_samples(dir: &Path) -> Vec<(PathBuf, PathBuf, usize)> {
    let settings = settings();
    let mut out = Vec::new();
    for path in samples("fail-") {
        let bytes = std::fs::read(&path).expect("sample");
        let report = fgcheck::check::check_bytes(&bytes, "s", &settings);
        if report.status == Status::Unreadable {
            continue;
        }
        let (copy, outcome) = annotate_bytes(&bytes, &report.findings);
        let target = dir.join(path.file_name().expect("name"));
        std::fs::write(&target, copy).expect("write");
        out.push((path, target, outcome.comments));
    }
    out
}

#[test]
fn annotated_copies_open_in_libreoffice() {
    if tool(
        "soffice",
        &["--version"],
        "apt-get install libreoffice-writer-nogui",
    )
    .is_none()
    {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let copies = annotated_samples(dir.path());
    let pdf = dir.path().join("pdf");
    let profile = dir.path().join("profile");
    let output = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf)
        .args(copies.iter().map(|(_, copy, _)| copy))
        .output()
        .expect("soffice");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (_, copy, _) in &copies {
        let name = copy.with_extension("pdf");
        let name = name.file_name().expect("name");
        let size = std::fs::metadata(pdf.join(name))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(
            size > 1000,
            "LibreOffice did not convert {}",
            copy.display()
        );
    }
}

const PYTHON_COUNT: &str = r#"
import sys, docx
for path in sys.argv[1:]:
    try:
        document = docx.Document(path)
    except Exception as error:
        print(path, "unreadable", type(error).__name__)
        continue
    authors = [c.author for c in document.comments]
    print(path, "ok", sum(1 for a in authors if a == "fgcheck"), len(document.paragraphs))
"#;

#[test]
fn annotated_copies_open_in_python_docx() {
    if tool(
        "python3",
        &["-c", "import docx; docx.Document().comments"],
        "pip install python-docx",
    )
    .is_none()
    {
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let copies = annotated_samples(dir.path());
    let run = |paths: Vec<&PathBuf>| -> HashMap<String, Vec<String>> {
        let output = Command::new("python3")
            .args(["-c", PYTHON_COUNT])
            .args(paths)
            .output()
            .expect("python3");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace().map(str::to_string);
                let path = words.next()?;
                Some((path, words.collect()))
            })
            .collect()
    };
    let originals = run(copies.iter().map(|(o, _, _)| o).collect());
    let annotated = run(copies.iter().map(|(_, c, _)| c).collect());
    let mut opened = 0;
    for (original, copy, comments) in &copies {
        let before = &originals[&original.display().to_string()];
        let after = &annotated[&copy.display().to_string()];
        if before.first().map(String::as_str) != Some("ok") {
            continue; // python-docx cannot read the original either (Strict OOXML)
        }
        assert_eq!(
            after.first().map(String::as_str),
            Some("ok"),
            "{}: {after:?}",
            copy.display()
        );
        assert_eq!(
            after.get(1),
            Some(&comments.to_string()),
            "{}",
            copy.display()
        );
        assert_eq!(
            after.get(2),
            before.get(2),
            "{}: paragraphs changed",
            copy.display()
        );
        opened += 1;
    }
    assert!(opened >= 40, "{opened}");
}

/// A contribution with several problems, as the README shows it annotated.
fn readme_document() -> Vec<u8> {
    let mut spec = Spec::template()
        .set_row("Purpose:", p("For discussion maybe"))
        .set_row("Keywords:", p(""));
    spec.rows.retain(|(label, _)| label != "Contact:");
    spec.rows.push(contact(
        "Alice Example\nExample Telecom\nSwitzerland",
        "Tel:\t+41 22 000 0000\nE-mail:\talice(at)example.org",
    ));
    spec.core = spec.core.replace(
        "<dc:creator>Alice Example</dc:creator>",
        "<dc:creator>alice.example@corp.example.com</dc:creator>",
    );
    spec.build()
}

#[test]
fn the_readme_picture_is_page_one_of_an_annotated_contribution() {
    if tool(
        "soffice",
        &["--version"],
        "apt-get install libreoffice-writer-nogui",
    )
    .is_none()
        || tool("pdftoppm", &["-v"], "apt-get install poppler-utils").is_none()
    {
        return;
    }
    let bytes = readme_document();
    let report = fgcheck::check::check_bytes(&bytes, "QIT4N-I-012.docx", &settings());
    let slugs: Vec<&str> = report.findings.iter().map(|f| f.rule.slug).collect();
    assert!(slugs.len() >= 3, "{slugs:?}");
    let (copy, outcome) = annotate_bytes(&bytes, &report.findings);
    assert!(outcome.placed >= 2, "{outcome:?}");
    let dir = tempfile::tempdir().expect("dir");
    let docx = dir.path().join("QIT4N-I-012.fgcheck.docx");
    std::fs::write(&docx, copy).expect("write");
    let profile = dir.path().join("profile");
    // Comments become PDF annotations (LibreOffice 7.4 cannot put them in the margin).
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            r#"pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}"#,
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice");
    assert!(status.status.success());
    let stem = dir.path().join("page");
    let status = Command::new("pdftoppm")
        // The top of page 1 (the cover), where the comments are.
        .args([
            "-png",
            "-r",
            "90",
            "-f",
            "1",
            "-l",
            "1",
            "-x",
            "0",
            "-y",
            "0",
            "-W",
            "745",
            "-H",
            "430",
            "-singlefile",
        ])
        .arg(dir.path().join("QIT4N-I-012.fgcheck.pdf"))
        .arg(&stem)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let png = std::fs::read(stem.with_extension("png")).expect("png");
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let shots = root().join("target/annotate");
    std::fs::create_dir_all(&shots).expect("folder");
    std::fs::write(shots.join("annotate.png"), &png).expect("write");
    if std::env::var_os("FGCHECK_BLESS").is_some() {
        std::fs::write(root().join("docs/annotate.png"), &png).expect("write docs/annotate.png");
    }
    assert!(
        root().join("docs/annotate.png").is_file(),
        "docs/annotate.png is missing: run with FGCHECK_BLESS=1"
    );
}
