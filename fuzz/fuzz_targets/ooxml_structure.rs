//! Structure-aware fuzzing of the XML stage: `arbitrary` builds a WordprocessingML body
//! from a small OOXML grammar (paragraphs, runs, header-like tables with labels, content
//! controls, tracked changes, fields, hidden runs, altChunks, section properties), with the
//! hostile variations issue 12 found by hand mixed in: duplicate attributes, undeclared
//! prefixes, character references to forbidden characters, control characters, huge
//! repeated text, UTF-16 encodings. The bytes-level target rarely gets past the zip and the
//! XML syntax; this one spends its time in the reader, the scanner, the header and rules.
//!
//! The generated `document.xml` (and a page header part) go into an otherwise fixed,
//! stored package checked through the public pipeline (`check_bytes`), so the target
//! follows any change of the model's API. A panic, an `internal-error` finding, or a
//! message naming a Rust type is a crash.
#![no_main]

use std::io::Write;
use std::sync::OnceLock;
use std::time::Duration;

use fgcheck::check::{self, Settings};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Recursion in the generated tree is cut here (the reader's own limit is far higher).
const MAX_NESTING: usize = 24;

const WORDS: &[&str] = &[
    "Title:", "Source:", "Purpose:", "Contact:", "Keywords:", "Abstract:", "WG(s):",
    "Question(s):", "E-mail:", "QIT4N-I-012", "FG-QIT4N", "Original: English",
    "STUDY PERIOD 2017-2020", "E-meeting, 27 July - 7 August 2020", "Proposal",
    "alice@example.org", "key", "management", " ", "\u{a0}", "\u{202e}", "é", "日本",
];
const TAGS: &[&str] = &["Title", "DocumentSource", "Place", "When", "SgText", "x"];
const STYLES: &[&str] = &["Docnumber", "Heading1", "Normal", "Title", "nope"];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    /// `&#N;`: legal or not.
    CharRef(u32),
    /// A predefined or an undefined entity.
    Entity(u8),
    /// A raw character, controls included.
    Raw(char),
    /// One word many times (huge text nodes).
    Repeat(u8, u16),
}

#[derive(Arbitrary, Debug)]
struct Text(Vec<Piece>);

#[derive(Arbitrary, Debug)]
enum Inline {
    Run { bold: bool, hidden: bool, lang: Option<u8>, text: Text },
    Tab,
    Break,
    Ins(Vec<Inline>),
    Del(Vec<Inline>),
    FieldBegin,
    FieldSeparate,
    FieldEnd,
    Instruction(Text),
    Sdt { tag: u8, placeholder: bool, content: Vec<Inline> },
    Drawing,
    Hyperlink(Vec<Inline>),
    RprChange(Vec<Inline>),
}

#[derive(Arbitrary, Debug)]
struct Para {
    style: Option<u8>,
    runs: Vec<Inline>,
}

#[derive(Arbitrary, Debug)]
struct Cell {
    span: Option<u8>,
    merge: Option<bool>,
    paragraphs: Vec<Para>,
    nested: Option<Box<Block>>,
}

#[derive(Arbitrary, Debug)]
enum Block {
    Para(Para),
    Table(Vec<Vec<Cell>>),
    Sdt { tag: u8, content: Vec<Block> },
    AltChunk,
    Section { width: u32, height: u32, header: bool },
    /// An element in a namespace that no declaration binds.
    Undeclared,
    /// An element with the same attribute twice.
    Duplicate,
}

#[derive(Arbitrary, Debug)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

#[derive(Arbitrary, Debug)]
struct Input {
    body: Vec<Block>,
    header: Vec<Para>,
    encoding: Encoding,
}

fn text(out: &mut String, text: &Text) {
    for piece in &text.0 {
        match piece {
            Piece::Word(i) => out.push_str(&escape(WORDS[*i as usize % WORDS.len()])),
            Piece::CharRef(n) => out.push_str(&format!("&#{n};")),
            Piece::Entity(i) => out.push_str(["&amp;", "&lt;", "&quot;", "&nbsp;", "&x;"][*i as usize % 5]),
            Piece::Raw(c) => match c {
                '<' | '&' => {}
                c => out.push(*c),
            },
            Piece::Repeat(i, n) => {
                let word = escape(WORDS[*i as usize % WORDS.len()]);
                for _ in 0..(*n as usize).min(20_000) {
                    out.push_str(&word);
                }
            }
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

fn inlines(out: &mut String, items: &[Inline], depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for item in items {
        match item {
            Inline::Run { bold, hidden, lang, text: t } => {
                out.push_str("<w:r><w:rPr>");
                if *bold {
                    out.push_str("<w:b/>");
                }
                if *hidden {
                    out.push_str("<w:vanish/>");
                }
                if let Some(l) = lang {
                    out.push_str(["<w:lang w:val=\"en-GB\"/>", "<w:lang w:val=\"fr-FR\"/>", "<w:lang w:eastAsia=\"zh-CN\"/>"][*l as usize % 3]);
                }
                out.push_str("</w:rPr><w:t xml:space=\"preserve\">");
                text(out, t);
                out.push_str("</w:t></w:r>");
            }
            Inline::Tab => out.push_str("<w:r><w:tab/></w:r>"),
            Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
            Inline::Ins(inner) => {
                out.push_str("<w:ins w:id=\"1\" w:author=\"a\">");
                inlines(out, inner, depth + 1);
                out.push_str("</w:ins>");
            }
            Inline::Del(inner) => {
                out.push_str("<w:del w:id=\"2\" w:author=\"a\">");
                inlines(out, inner, depth + 1);
                out.push_str("</w:del>");
            }
            Inline::FieldBegin => out.push_str("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"),
            Inline::FieldSeparate => out.push_str("<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"),
            Inline::FieldEnd => out.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"),
            Inline::Instruction(t) => {
                out.push_str("<w:r><w:instrText>");
                text(out, t);
                out.push_str("</w:instrText></w:r>");
            }
            Inline::Sdt { tag, placeholder, content } => {
                let tag = TAGS[*tag as usize % TAGS.len()];
                out.push_str(&format!("<w:sdt><w:sdtPr><w:tag w:val=\"{tag}\"/>"));
                if *placeholder {
                    out.push_str("<w:showingPlcHdr/>");
                }
                out.push_str("</w:sdtPr><w:sdtContent>");
                inlines(out, content, depth + 1);
                out.push_str("</w:sdtContent></w:sdt>");
            }
            Inline::Drawing => out.push_str("<w:r><w:drawing><w:t>not text</w:t></w:drawing></w:r>"),
            Inline::Hyperlink(inner) => {
                out.push_str("<w:hyperlink r:id=\"rIdLink\">");
                inlines(out, inner, depth + 1);
                out.push_str("</w:hyperlink>");
            }
            Inline::RprChange(inner) => {
                out.push_str("<w:r><w:rPr><w:rPrChange w:id=\"3\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr></w:r>");
                inlines(out, inner, depth + 1);
            }
        }
    }
}

fn para(out: &mut String, p: &Para, depth: usize) {
    out.push_str("<w:p>");
    if let Some(style) = p.style {
        let style = STYLES[style as usize % STYLES.len()];
        out.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
    }
    inlines(out, &p.runs, depth + 1);
    out.push_str("</w:p>");
}

fn blocks(out: &mut String, items: &[Block], depth: usize) {
    if depth > MAX_NESTING {
        return;
    }
    for item in items {
        match item {
            Block::Para(p) => para(out, p, depth),
            Block::Table(rows) => {
                out.push_str("<w:tbl><w:tblPr/>");
                for row in rows {
                    out.push_str("<w:tr>");
                    for cell in row {
                        out.push_str("<w:tc><w:tcPr>");
                        if let Some(span) = cell.span {
                            out.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
                        }
                        match cell.merge {
                            Some(true) => out.push_str("<w:vMerge w:val=\"restart\"/>"),
                            Some(false) => out.push_str("<w:vMerge/>"),
                            None => {}
                        }
                        out.push_str("</w:tcPr>");
                        for p in &cell.paragraphs {
                            para(out, p, depth + 1);
                        }
                        if let Some(nested) = &cell.nested {
                            blocks(out, std::slice::from_ref(nested), depth + 1);
                        }
                        out.push_str("<w:p/></w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                out.push_str("</w:tbl>");
            }
            Block::Sdt { tag, content } => {
                let tag = TAGS[*tag as usize % TAGS.len()];
                out.push_str(&format!("<w:sdt><w:sdtPr><w:tag w:val=\"{tag}\"/></w:sdtPr><w:sdtContent>"));
                blocks(out, content, depth + 1);
                out.push_str("</w:sdtContent></w:sdt>");
            }
            Block::AltChunk => out.push_str("<w:altChunk r:id=\"rIdChunk\"/>"),
            Block::Section { width, height, header } => {
                out.push_str("<w:p><w:pPr><w:sectPr>");
                if *header {
                    out.push_str("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>");
                }
                out.push_str(&format!("<w:pgSz w:w=\"{width}\" w:h=\"{height}\"/></w:sectPr></w:pPr></w:p>"));
            }
            Block::Undeclared => out.push_str("<q:p/>"),
            Block::Duplicate => out.push_str("<w:p w:rsidR=\"1\" w:rsidR=\"2\"/>"),
        }
    }
}

fn encode(xml: String, encoding: &Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => xml.into_bytes(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], xml.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    }
}

fn package(document: Vec<u8>, header: Vec<u8>) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="html" ContentType="text/html"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>"#;
    let root = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdHeader2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.html"/><Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.org/" TargetMode="External"/></Relationships>"#;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/document.xml", document.as_slice()),
        ("word/header1.xml", header.as_slice()),
        ("word/chunk.html", b"<html><body>imported</body></html>".as_slice()),
    ] {
        if writer.start_file(name, options).is_err() || writer.write_all(bytes).is_err() {
            return Vec::new();
        }
    }
    writer.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        let data = fgcheck::profile::RuleData::builtin().expect("rule data");
        Settings {
            timeout: Duration::from_secs(10),
            ..Settings::defaults(&data).expect("defaults")
        }
    })
}

fuzz_target!(|input: Input| {
    let mut body = String::new();
    blocks(&mut body, &input.body, 0);
    let declaration = match input.encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => r#"<?xml version="1.0" encoding="UTF-16"?>"#,
        _ => r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    };
    let document = format!(
        r#"{declaration}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:pgSz w:w="11907" w:h="16840"/></w:sectPr></w:body></w:document>"#
    );
    let mut header = String::new();
    for p in &input.header {
        para(&mut header, p, 0);
    }
    let header = format!(r#"<w:hdr xmlns:w="{W}" xmlns:r="{R}">{header}</w:hdr>"#);
    let bytes = package(encode(document, &input.encoding), header.into_bytes());
    let report = check::check_bytes(&bytes, "fuzz.docx", settings());
    for finding in &report.findings {
        assert_ne!(finding.rule.slug, "internal-error", "{}", finding.message);
    }
    // Package and XML errors speak in words: no Rust paths, no blank part names.
    if report.status == check::Status::Unreadable {
        for finding in &report.findings {
            assert!(!finding.message.contains("::"), "a type name: {}", finding.message);
            assert!(!finding.message.contains("part  "), "a blank part: {}", finding.message);
        }
    }
});
