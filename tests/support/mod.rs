//! Builds `.docx` packages from readable parts, for samples and tests.
//!
//! `Spec::template()` is a conforming FG-QIT4N input as Word lays it out (header table with
//! merged logo cell, Docnumber style, WG(s) row, banner, labelled rows, keywords/abstract
//! table); each sample changes one thing. Cells hold paragraph XML, so a sample can show
//! exactly the construct it is about (split runs, content controls, fields, tracked changes).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// XML-escapes text.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run with text (spaces preserved).
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A bold run, as the template's labels are.
pub fn bold(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph of plain text; `\n` becomes a line break and `\t` a tab, as Word writes them.
pub fn p(text: &str) -> String {
    let mut runs = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            runs.push_str("<w:r><w:br/></w:r>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                runs.push_str("<w:r><w:tab/></w:r>");
            }
            if !piece.is_empty() {
                runs.push_str(&run(piece));
            }
        }
    }
    format!("<w:p>{runs}</w:p>")
}

/// A paragraph in a style.
pub fn p_styled(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        run(text)
    )
}

/// A paragraph from raw run XML.
pub fn p_runs(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

/// A content control (run level) with a tag, around runs.
pub fn sdt_run(tag: &str, runs: &str) -> String {
    format!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent>{runs}</w:sdtContent></w:sdt>"#
    )
}

/// A content control still showing its placeholder text.
pub fn sdt_placeholder(tag: &str, placeholder: &str) -> String {
    format!(
        r#"<w:sdt><w:sdtPr><w:tag w:val="{tag}"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>{}</w:t></w:r></w:sdtContent></w:sdt>"#,
        esc(placeholder)
    )
}

/// A table cell: width, optional properties, paragraphs.
pub fn tc(props: &str, paragraphs: &str) -> String {
    let paragraphs = if paragraphs.is_empty() {
        "<w:p/>".to_string()
    } else {
        paragraphs.to_string()
    };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/>{props}</w:tcPr>{paragraphs}</w:tc>"#)
}

pub fn tr(cells: &[String]) -> String {
    format!("<w:tr>{}</w:tr>", cells.concat())
}

/// A labelled row: bold label cell, value cell spanning the rest.
pub fn labelled_row(label: &str, value_paragraphs: &str) -> String {
    tr(&[
        tc("", &p_runs(&bold(label))),
        tc(r#"<w:gridSpan w:val="2"/>"#, value_paragraphs),
    ])
}

/// What a header holds; each cell value is paragraph XML.
#[derive(Clone, Debug)]
pub struct Spec {
    pub number: String,
    pub group: String,
    pub original: String,
    pub study_period: String,
    pub question_label: String,
    pub question: String,
    pub place_dates: String,
    pub banner: String,
    /// Rows after the banner: (label, value paragraphs). Contacts are rows like any other.
    pub rows: Vec<(String, String)>,
    /// Rows of the second table.
    pub lower_rows: Vec<(String, String)>,
    /// Body paragraphs after the header (XML).
    pub body: String,
    /// Paragraph XML placed before the header table (to break it).
    pub before: String,
    /// The final section properties.
    pub sect_pr: String,
    pub styles: String,
    pub settings: String,
    pub core: String,
    pub app: String,
    /// `docProps/custom.xml`, when not empty.
    pub custom: String,
    /// Extra parts: name -> (content type, bytes).
    pub extra_parts: BTreeMap<String, (String, Vec<u8>)>,
    /// Extra relationships of the main part: (id, type suffix or full URI, target, external).
    pub extra_rels: Vec<(String, String, String, bool)>,
    pub settings_rels: Vec<(String, String, String, bool)>,
    pub main_content_type: String,
    pub main_part: String,
    /// Replaces the whole header table when set.
    pub raw_header: Option<String>,
}

pub fn contact(name_lines: &str, tel_email_lines: &str) -> (String, String) {
    (
        "Contact:".into(),
        // Name/organisation/country in one cell, telephone and e-mail in the next.
        format!("{}\u{1f}{}", p(name_lines), p(tel_email_lines)),
    )
}

impl Spec {
    /// A conforming FG-QIT4N input for the 5th meeting.
    pub fn template() -> Spec {
        Spec {
            number: p_styled("Docnumber", "QIT4N-I-012"),
            group: p("FG-QIT4N"),
            original: p("Original: English"),
            study_period: p("STUDY PERIOD 2017-2020"),
            question_label: "WG(s):".into(),
            question: p("WG2"),
            place_dates: p("E-meeting, 27 July - 7 August 2020"),
            banner: p("INPUT DOCUMENT"),
            rows: vec![
                ("Source:".into(), p("Example Telecom")),
                ("Title:".into(), p("Proposed text for key management in QKD networks")),
                ("Purpose:".into(), p("Proposal")),
                contact("Alice Example\nExample Telecom\nSwitzerland", "Tel:\t+41 22 000 0000\nE-mail:\talice@example.org"),
            ],
            lower_rows: vec![
                ("Keywords:".into(), p("QKD; key management; network")),
                (
                    "Abstract:".into(),
                    p("This contribution proposes text for the key management clause of the FG-QIT4N deliverable on QKD networks."),
                ),
            ],
            body: [
                p_styled("Heading1", "1 Introduction"),
                p("Quantum key distribution networks need key management between trusted nodes. This contribution proposes text."),
                p("____________________"),
            ]
            .concat(),
            before: String::new(),
            sect_pr: r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/><w:pgSz w:w="11907" w:h="16840" w:code="9"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/><w:titlePg/></w:sectPr>"#.into(),
            styles: default_styles(),
            settings: format!(r#"<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="794"/></w:settings>"#),
            core: core_xml("Proposed text for key management in QKD networks", "QKD; key management; network", "2020-07-20T09:15:00Z"),
            app: app_xml("Microsoft Office Word", "FG-QIT4N_base_template.dotx"),
            custom: String::new(),
            extra_parts: BTreeMap::new(),
            extra_rels: Vec::new(),
            settings_rels: Vec::new(),
            main_content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml".into(),
            main_part: "word/document.xml".into(),
            raw_header: None,
        }
    }

    pub fn set_row(mut self, label: &str, value: String) -> Spec {
        for row in self.rows.iter_mut().chain(self.lower_rows.iter_mut()) {
            if row.0 == label {
                row.1 = value;
                return self;
            }
        }
        panic!("no row {label}");
    }

    pub fn without_row(mut self, label: &str) -> Spec {
        self.rows.retain(|r| r.0 != label);
        self.lower_rows.retain(|r| r.0 != label);
        self
    }

    pub fn header_table(&self) -> String {
        if let Some(raw) = &self.raw_header {
            return raw.clone();
        }
        let logo = p_runs(&run("[ITU logo]"));
        let sector = p("INTERNATIONAL TELECOMMUNICATION UNION")
            + &p("TELECOMMUNICATION\nSTANDARDIZATION SECTOR")
            + &self.study_period;
        let mut rows = vec![
            tr(&[
                tc(r#"<w:vMerge w:val="restart"/>"#, &logo),
                tc(r#"<w:vMerge w:val="restart"/>"#, &sector),
                tc("", &self.number),
            ]),
            tr(&[
                tc("<w:vMerge/>", ""),
                tc("<w:vMerge/>", ""),
                tc("", &self.group),
            ]),
            tr(&[
                tc("<w:vMerge/>", ""),
                tc("<w:vMerge/>", ""),
                tc("", &self.original),
            ]),
            tr(&[
                tc("", &p_runs(&bold(&self.question_label))),
                tc("", &self.question),
                tc("", &self.place_dates),
            ]),
            tr(&[tc(r#"<w:gridSpan w:val="3"/>"#, &self.banner)]),
        ];
        for (label, value) in &self.rows {
            match value.split_once('\u{1f}') {
                Some((details, tel)) => rows.push(tr(&[
                    tc("", &p_runs(&bold(label))),
                    tc("", details),
                    tc("", tel),
                ])),
                None => rows.push(labelled_row(label, value)),
            }
        }
        table(&rows.concat())
    }

    pub fn document_xml(&self) -> String {
        let lower: Vec<String> = self
            .lower_rows
            .iter()
            .map(|(l, v)| labelled_row(l, v))
            .collect();
        let lower_table = if lower.is_empty() {
            String::new()
        } else {
            table(&lower.concat())
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>{}{}<w:p/>{}{}{}</w:body></w:document>"#,
            self.before,
            self.header_table(),
            lower_table,
            self.body,
            self.sect_pr
        )
    }

    /// The package bytes. Deterministic: fixed order, fixed timestamps.
    pub fn build(&self) -> Vec<u8> {
        let mut parts: BTreeMap<String, (String, Vec<u8>)> = BTreeMap::new();
        let main = self.main_part.clone();
        let main_folder = main
            .rsplit_once('/')
            .map(|(f, _)| format!("{f}/"))
            .unwrap_or_default();
        let main_file = main.rsplit('/').next().unwrap_or(&main).to_string();
        parts.insert(
            main.clone(),
            (
                self.main_content_type.clone(),
                self.document_xml().into_bytes(),
            ),
        );
        parts.insert(
            format!("{main_folder}styles.xml"),
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml".into(),
                self.styles.clone().into_bytes(),
            ),
        );
        parts.insert(
            format!("{main_folder}settings.xml"),
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
                    .into(),
                self.settings.clone().into_bytes(),
            ),
        );
        parts.insert(
            format!("{main_folder}header1.xml"),
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml".into(),
                running_header().into_bytes(),
            ),
        );
        parts.insert(
            "docProps/core.xml".into(),
            (
                "application/vnd.openxmlformats-package.core-properties+xml".into(),
                self.core.clone().into_bytes(),
            ),
        );
        parts.insert(
            "docProps/app.xml".into(),
            (
                "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
                self.app.clone().into_bytes(),
            ),
        );
        let mut main_rels = vec![
            (
                "rIdStyles".to_string(),
                "styles".to_string(),
                "styles.xml".to_string(),
                false,
            ),
            (
                "rIdSettings".into(),
                "settings".into(),
                "settings.xml".into(),
                false,
            ),
            (
                "rIdHeader1".into(),
                "header".into(),
                "header1.xml".into(),
                false,
            ),
        ];
        main_rels.extend(self.extra_rels.iter().cloned());
        parts.insert(
            format!("{main_folder}_rels/{main_file}.rels"),
            (String::new(), rels_xml(&main_rels).into_bytes()),
        );
        if !self.settings_rels.is_empty() {
            parts.insert(
                format!("{main_folder}_rels/settings.xml.rels"),
                (String::new(), rels_xml(&self.settings_rels).into_bytes()),
            );
        }
        let mut root_rels = vec![
            ("rId1".to_string(), "officeDocument".to_string(), format!("/{main}"), false),
            ("rId2".into(), "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(), "docProps/core.xml".into(), false),
            ("rId3".into(), "extended-properties".into(), "docProps/app.xml".into(), false),
        ];
        if !self.custom.is_empty() {
            root_rels.push((
                "rId4".into(),
                "custom-properties".into(),
                "docProps/custom.xml".into(),
                false,
            ));
            parts.insert(
                "docProps/custom.xml".into(),
                (
                    "application/vnd.openxmlformats-officedocument.custom-properties+xml".into(),
                    self.custom.clone().into_bytes(),
                ),
            );
        }
        parts.insert(
            "_rels/.rels".into(),
            (String::new(), rels_xml(&root_rels).into_bytes()),
        );
        for (name, part) in &self.extra_parts {
            parts.insert(name.clone(), part.clone());
        }
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>"#,
        );
        for (name, (content_type, _)) in &parts {
            if !content_type.is_empty() {
                types.push_str(&format!(
                    r#"<Override PartName="/{name}" ContentType="{content_type}"/>"#
                ));
            }
        }
        types.push_str("</Types>");
        let mut entries: Vec<(String, Vec<u8>)> =
            vec![("[Content_Types].xml".into(), types.into_bytes())];
        entries.extend(parts.into_iter().map(|(name, (_, bytes))| (name, bytes)));
        zip_entries(&entries)
    }
}

pub fn table(rows: &str) -> String {
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="9639" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="1191"/><w:gridCol w:w="3458"/><w:gridCol w:w="4990"/></w:tblGrid>{rows}</w:tbl>"#
    )
}

pub fn rels_xml(rels: &[(String, String, String, bool)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target, external) in rels {
        let kind = if kind.contains("://") {
            kind.clone()
        } else {
            format!("{REL}/{kind}")
        };
        let mode = if *external {
            r#" TargetMode="External""#
        } else {
            ""
        };
        out.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{kind}" Target="{}"{mode}/>"#,
            esc(target)
        ));
    }
    out.push_str("</Relationships>");
    out
}

pub fn default_styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="Docnumber"><w:name w:val="Docnumber"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/><w:rPr><w:color w:val="808080"/></w:rPr></w:style></w:styles>"#
    )
}

pub fn core_xml(title: &str, keywords: &str, modified: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><cp:keywords>{}</cp:keywords><dc:creator>Alice Example</dc:creator><cp:lastModifiedBy>Alice Example</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2020-07-15T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified></cp:coreProperties>"#,
        esc(title),
        esc(keywords)
    )
}

/// Core properties with every value given (`None` leaves the element out).
pub fn core_xml_with(
    title: &str,
    subject: Option<&str>,
    keywords: &str,
    creator: &str,
    created: Option<&str>,
    modified: Option<&str>,
) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    out.push_str(&format!("<dc:title>{}</dc:title>", esc(title)));
    if let Some(subject) = subject {
        out.push_str(&format!("<dc:subject>{}</dc:subject>", esc(subject)));
    }
    out.push_str(&format!(
        "<cp:keywords>{}</cp:keywords><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy>",
        esc(keywords),
        esc(creator),
        esc(creator)
    ));
    if let Some(created) = created {
        out.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#
        ));
    }
    if let Some(modified) = modified {
        out.push_str(&format!(
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>"#
        ));
    }
    out.push_str("</cp:coreProperties>");
    out
}

/// `docProps/custom.xml` with string properties.
pub fn custom_xml(properties: &[(&str, &str)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    );
    for (index, (name, value)) in properties.iter().enumerate() {
        out.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            index + 2,
            esc(name),
            esc(value)
        ));
    }
    out.push_str("</Properties>");
    out
}

/// A content control around whole cells or rows (`w:sdt` > `w:tc` / `w:tr`), as real
/// study-group covers wrap the group line.
pub fn sdt_block(tag: &str, content: &str) -> String {
    format!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="-1"/></w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"#
    )
}

pub fn app_xml(application: &str, template: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>{}</Template><Application>{}</Application><Company>Example Telecom</Company></Properties>"#,
        esc(template),
        esc(application)
    )
}

/// The page header from page 2: page number centred, document number under it.
pub fn running_header() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p><w:p><w:r><w:t>QIT4N-I-012</w:t></w:r></w:p></w:hdr>"#
    )
}

/// Zips entries in order with deflate and fixed timestamps.
pub fn zip_entries(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Deflated)
}

/// Zips entries stored (no compression): for tests that patch bytes.
pub fn zip_stored(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Stored)
}

fn zip_with(entries: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        writer
            .start_file(name.as_str(), options)
            .expect("zip entry");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// A package's file entries (folders left out), in zip order.
pub fn unzip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        if file.is_dir() {
            continue;
        }
        let name = file.name().expect("name").to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).expect("read");
        entries.push((name, data));
    }
    entries
}

/// A real-looking cover of another focus group (FG-AN, 2021), as its authors laid it out:
/// the group line, the number placeholder and "Original:" all in the Docnumber style in one
/// cell, the group line first; Question(s): N/A; no Purpose row.
pub fn fg_an_cover(number: &str) -> Spec {
    let mut s = Spec::template();
    s.number = p_styled("Docnumber", "FOCUS GROUP ON AUTONOMOUS NETWORKS")
        + &p_styled("Docnumber", number)
        + &p_styled("Docnumber", "Original: English");
    s.group = p("");
    s.original = p("");
    s.question_label = "Question(s):".into();
    s.question = p("N/A");
    s.place_dates = p("E-meeting, 15-19 March 2021");
    s.banner = p("INPUT DOCUMENT");
    s.rows = vec![
        ("Source:".into(), p("Example Telecom")),
        (
            "Title:".into(),
            p("Use case for closed-loop network automation"),
        ),
        contact(
            "Alice Example\nExample Telecom\nSwitzerland",
            "Tel:\t+41 22 000 0000\nE-mail:\talice@example.org",
        ),
    ];
    s.lower_rows = vec![
        ("Keywords:".into(), p("autonomous networks; closed loop")),
        (
            "Abstract:".into(),
            p("This contribution proposes a use case for closed-loop automation."),
        ),
    ];
    s.core = core_xml(
        "Use case for closed-loop network automation",
        "autonomous networks; closed loop",
        "2021-03-08T09:00:00Z",
    );
    s
}

/// What fgcheck says in its own words speaks Word, not XML (issue 13): outside the text it
/// quotes from a document ("..."), no element name (`w:ins`), no twips, no XPath, no regular
/// expression. Returns the offending lines.
pub fn xml_jargon(report: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for line in report.lines() {
        // Quoted document text may hold anything; field codes and file names too.
        let own: String = line.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        let own: String = own.split('\'').step_by(2).collect::<Vec<_>>().join(" ");
        let element = own.char_indices().any(|(i, c)| {
            c == ':'
                && i >= 1
                && own.get(i - 1..i) == Some("w")
                && own
                    .get(..i - 1)
                    .is_none_or(|before| !before.ends_with(|b: char| b.is_alphanumeric()))
                && own
                    .get(i + 1..)
                    .is_some_and(|after| after.starts_with(char::is_alphabetic))
        });
        let regex = ["\\d", "^(", ")$", "[0-9]", "(?i)"]
            .iter()
            .any(|r| own.contains(r));
        if element || own.contains("twips") || own.contains("/w:") || regex {
            bad.push(line.to_string());
        }
    }
    bad
}

/// A test that cannot run here (a tool or the corpus is missing) says so, honestly:
///
/// - with `CI` set, it FAILS: a CI run that silently skips is a false green;
/// - otherwise it prints `SKIPPED: <test>: <why>` on the terminal and the caller returns.
///
/// libtest captures `eprintln!` (it is shown only when the test fails), so the line is
/// written to the process's standard error directly, which libtest does not capture: it
/// shows in `cargo test` output without `--nocapture`, on a terminal, a pipe or a log.
pub fn skip(why: &str) {
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run {test}, but {why}"
    );
    let line = format!("SKIPPED: {test}: {why}\n");
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(line.as_bytes());
    let _ = stderr.flush();
}

/// The shared real-world corpus: `$FGCHECK_CORPUS`, else `../shared/corpus` beside the
/// checkout. `None` (after [`skip`] said why, or failed in CI) when it is absent.
pub fn corpus_dir() -> Option<std::path::PathBuf> {
    let corpus = match std::env::var_os("FGCHECK_CORPUS") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    if corpus.is_dir() {
        Some(corpus)
    } else {
        skip(&format!(
            "the corpus {} is absent (set FGCHECK_CORPUS to its folder)",
            corpus.display()
        ));
        None
    }
}

/// A program the test needs, found by running `program probe...`; `None` (after [`skip`])
/// when it is missing.
pub fn tool(program: &str, probe: &[&str], install: &str) -> Option<()> {
    let found = std::process::Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        Some(())
    } else {
        skip(&format!(
            "`{program} {}` did not succeed ({install})",
            probe.join(" ")
        ));
        None
    }
}

/// The conforming template's zip entries (name, bytes), for tests that build broken
/// packages from it.
pub fn template_entries() -> Vec<(String, Vec<u8>)> {
    unzip_entries(&Spec::template().build())
}

/// The template with the entry `name` replaced by `data`, or added when it has none.
pub fn with_entry(name: &str, data: Vec<u8>) -> Vec<u8> {
    let mut entries = template_entries();
    match entries.iter_mut().find(|(n, _)| n == name) {
        Some(entry) => entry.1 = data,
        None => entries.push((name.to_string(), data)),
    }
    zip_entries(&entries)
}

/// An OLE compound file holding the given streams: legacy `.doc` files and encrypted
/// OOXML packages are such files.
pub fn cfb_with_streams(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut compound = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    for (name, data) in streams {
        let mut stream = compound.create_stream(name).expect("stream");
        stream.write_all(data).expect("write");
    }
    compound.flush().expect("flush");
    compound.into_inner().into_inner()
}
