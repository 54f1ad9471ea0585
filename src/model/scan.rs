//! One streaming pass over a WordprocessingML part (body, header, footer, notes, comments).
//!
//! It reads text as Word shows it: runs split mid-word are joined, `w:tab` and `w:br`
//! become tab and line break, field instructions (`w:instrText`) and deleted or moved-away
//! text are not text, content controls showing their placeholder are empty, hidden runs are
//! set aside, and `mc:Fallback` (a duplicate of `mc:Choice` for old readers) is skipped.
//! On the way it notes every hygiene signal with where it is.
//!
//! Memory and time stay bounded whatever the part holds (issue 12): text is clipped *before*
//! it is stored (a run, a paragraph, a header cell, a header table, the samples), every
//! list kept has a cap, and a signal's place is formatted only for the few examples kept;
//! the header row's label used in places is computed once per row, never per mark.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde::Serialize;

use crate::model::styles::Styles;
use crate::model::table::{Cell, Para, Row, Table, VMerge};
use crate::package::PackageError;
use crate::text;
use crate::xml::{Element, Ns, XmlEvent, XmlReader};

/// Only this many top-level blocks at the start of the body are searched for header tables.
const HEADER_ZONE_BLOCKS: usize = 12;
/// At most this many header tables are kept (the template has two).
const MAX_HEADER_TABLES: usize = 3;
/// Examples kept per signal; the count is always exact.
const MAX_EXAMPLES: usize = 5;
/// Bytes of body text kept for language identification.
const SAMPLE_CHARS: usize = 16 * 1024;
/// Bytes of one paragraph's text kept (and of one run's): a page of text is about 3 KB.
const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;
/// Bytes of one header-cell paragraph kept; an abstract of 200 words is about 1.5 KB.
const MAX_HEADER_PARAGRAPH_BYTES: usize = 16 * 1024;
/// Paragraphs kept per header cell.
const MAX_CELL_PARAGRAPHS: usize = 64;
/// Bytes of text kept per header table, all cells together.
const MAX_TABLE_BYTES: usize = 1024 * 1024;
/// Rows kept per header table and cells kept per row (the template has 12 rows of 3 cells).
const MAX_ROWS: usize = 128;
const MAX_CELLS: usize = 64;
/// Bytes of the part's visible text kept (headers, footers, comments).
const MAX_PART_TEXT: usize = 64 * 1024;
/// Other lists kept per part: sections, languages, content-control tags, fields, objects.
const MAX_SECTIONS: usize = 64;
const MAX_REFERENCES: usize = 16;
const MAX_LANGUAGES: usize = 64;
const MAX_TAGS: usize = 64;
const MAX_CELL_TAGS: usize = 16;
const MAX_FIELDS: usize = 256;
const MAX_OBJECTS: usize = 256;
/// Open fields tracked at once (fields nest a few levels in real documents).
const MAX_OPEN_FIELDS: usize = 64;
/// Bytes kept of short identifiers (tags, languages, ProgIDs, relationship ids).
const MAX_NAME_BYTES: usize = 256;

/// Appends as much of `text` as fits in `max` bytes in all, on a character boundary.
fn push_capped(out: &mut String, text: &str, max: usize) {
    let room = max.saturating_sub(out.len());
    out.push_str(crate::xml::clip_bytes(text, room));
}

fn short(text: String) -> String {
    if text.len() <= MAX_NAME_BYTES {
        text
    } else {
        crate::xml::clip_bytes(&text, MAX_NAME_BYTES).to_string()
    }
}

/// A place in the document, for messages.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Place {
    pub part: String,
    pub path: String,
    pub anchor: String,
}

/// An example occurrence of a signal.
#[derive(Clone, Debug, Serialize)]
pub struct Mark {
    pub kind: String,
    pub detail: Option<String>,
    pub place: Place,
}

/// Occurrences of one kind of signal: an exact count and the first few examples.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Marks {
    pub count: usize,
    pub examples: Vec<Mark>,
}

impl Marks {
    /// True while another example would be kept: details and places are formatted only then.
    pub fn wants_example(&self) -> bool {
        self.examples.len() < MAX_EXAMPLES
    }

    pub fn add(&mut self, kind: &str, detail: Option<String>, place: impl FnOnce() -> Place) {
        self.count += 1;
        if self.examples.len() < MAX_EXAMPLES {
            self.examples.push(Mark {
                kind: kind.to_string(),
                detail,
                place: place(),
            });
        }
    }

    pub fn merge(&mut self, other: Marks) {
        self.count += other.count;
        for mark in other.examples {
            if self.examples.len() < MAX_EXAMPLES {
                self.examples.push(mark);
            }
        }
    }
}

/// An embedded or linked OLE object.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectInfo {
    pub prog_id: String,
    pub linked: bool,
    pub rel_id: Option<String>,
    pub place: Place,
}

/// Imported content (`w:altChunk`): an HTML, RTF, plain-text or other Word file that Word
/// merges into the document when it opens it, whatever the template says.
#[derive(Clone, Debug, Serialize)]
pub struct AltChunk {
    pub rel_id: String,
    pub place: Place,
}

/// A field and its instruction (`PAGE`, `INCLUDEPICTURE "\\\\srv\\x.png"`...).
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub instruction: String,
    pub place: Place,
}

impl Field {
    /// The field's type: its first word, upper-cased.
    pub fn kind(&self) -> String {
        self.instruction
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase()
    }
}

/// A section's page setup (twips).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    pub page_width: Option<u32>,
    pub page_height: Option<u32>,
    pub landscape: bool,
    pub margin_top: Option<i64>,
    pub margin_bottom: Option<i64>,
    pub margin_left: Option<i64>,
    pub margin_right: Option<i64>,
    pub title_page: bool,
    /// (type, relationship id) of header references.
    pub headers: Vec<(String, String)>,
    pub footers: Vec<(String, String)>,
    pub place: Place,
}

/// Counts of characters by script, for language and script checks.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ScriptCensus {
    pub latin: usize,
    pub cyrillic: usize,
    pub greek: usize,
    pub arabic: usize,
    pub hebrew: usize,
    pub cjk: usize,
    pub hangul: usize,
    pub devanagari: usize,
    pub thai: usize,
    pub other: usize,
}

impl ScriptCensus {
    pub fn add(&mut self, text: &str) {
        for ch in text.chars() {
            if !ch.is_alphabetic() {
                continue;
            }
            let code = ch as u32;
            match code {
                0x0041..=0x024F | 0x1E00..=0x1EFF => self.latin += 1,
                0x0370..=0x03FF | 0x1F00..=0x1FFF => self.greek += 1,
                0x0400..=0x052F => self.cyrillic += 1,
                0x0590..=0x05FF => self.hebrew += 1,
                0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                    self.arabic += 1
                }
                0x0900..=0x097F => self.devanagari += 1,
                0x0E00..=0x0E7F => self.thai += 1,
                0x1100..=0x11FF | 0xAC00..=0xD7AF => self.hangul += 1,
                0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => {
                    self.cjk += 1
                }
                _ => self.other += 1,
            }
        }
    }

    pub fn total(&self) -> usize {
        self.latin
            + self.cyrillic
            + self.greek
            + self.arabic
            + self.hebrew
            + self.cjk
            + self.hangul
            + self.devanagari
            + self.thai
            + self.other
    }

    /// The scripts by count, largest first.
    pub fn ranked(&self) -> Vec<(&'static str, usize)> {
        let mut all = vec![
            ("Latin", self.latin),
            ("Cyrillic", self.cyrillic),
            ("Greek", self.greek),
            ("Arabic", self.arabic),
            ("Hebrew", self.hebrew),
            ("CJK", self.cjk),
            ("Hangul", self.hangul),
            ("Devanagari", self.devanagari),
            ("Thai", self.thai),
            ("other", self.other),
        ];
        all.sort_by_key(|entry| std::cmp::Reverse(entry.1));
        all
    }
}

/// Everything one pass over a part found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PartScan {
    pub part: String,
    /// Main part only: the kind of the first top-level block with content.
    pub first_block: Option<FirstBlock>,
    pub header_tables: Vec<Table>,
    pub paragraphs: usize,
    pub sections: Vec<Section>,
    pub revisions: Marks,
    pub hidden: Marks,
    pub objects: Vec<ObjectInfo>,
    /// `w:altChunk` elements (capped like objects).
    pub alt_chunks: Vec<AltChunk>,
    pub fields: Vec<Field>,
    pub languages: BTreeMap<String, usize>,
    pub census: ScriptCensus,
    /// A capped sample of the visible body text (outside header tables).
    pub sample: String,
    /// Words in the body outside the header tables.
    pub body_words: usize,
    /// Visible text of the whole part, capped (headers, footers, comments are short).
    pub text: String,
    pub comments: usize,
    /// Content-control tags seen anywhere (hints for producers).
    pub sdt_tags: Vec<String>,
}

impl PartScan {
    /// About how many bytes this scan keeps, for the file's budget of kept bytes.
    pub fn kept_bytes(&self) -> usize {
        let place = |p: &Place| p.part.len() + p.path.len() + p.anchor.len() + 72;
        let marks = |m: &Marks| {
            m.examples
                .iter()
                .map(|e| e.kind.len() + e.detail.as_ref().map_or(0, String::len) + place(&e.place))
                .sum::<usize>()
        };
        let tables: usize = self
            .header_tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter())
            .map(|c| {
                96 + c.tags.iter().map(|t| t.len() + 24).sum::<usize>()
                    + c.paragraphs
                        .iter()
                        .map(|p| p.text.len() + p.style.as_ref().map_or(0, String::len) + 48)
                        .sum::<usize>()
            })
            .sum();
        let sections: usize = self
            .sections
            .iter()
            .map(|s| {
                place(&s.place)
                    + s.headers
                        .iter()
                        .chain(s.footers.iter())
                        .map(|(a, b)| a.len() + b.len() + 48)
                        .sum::<usize>()
                    + 128
            })
            .sum();
        self.part.len()
            + tables
            + sections
            + marks(&self.revisions)
            + marks(&self.hidden)
            + self
                .objects
                .iter()
                .map(|o| o.prog_id.len() + place(&o.place) + 64)
                .sum::<usize>()
            + self
                .alt_chunks
                .iter()
                .map(|a| a.rel_id.len() + place(&a.place) + 24)
                .sum::<usize>()
            + self
                .fields
                .iter()
                .map(|f| f.instruction.len() + place(&f.place) + 24)
                .sum::<usize>()
            + self.languages.keys().map(|k| k.len() + 48).sum::<usize>()
            + self.sdt_tags.iter().map(|t| t.len() + 24).sum::<usize>()
            + self.sample.len()
            + self.text.len()
            + 512
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FirstBlock {
    Table,
    Paragraph(String),
}

/// What kind of part is scanned; decides anchors and whether header tables are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Main,
    Header,
    Footer,
    Footnotes,
    Endnotes,
    Comments,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Main => "body",
            Role::Header => "page header",
            Role::Footer => "page footer",
            Role::Footnotes => "footnotes",
            Role::Endnotes => "endnotes",
            Role::Comments => "comments",
        }
    }
}

struct SdtFrame {
    placeholder: bool,
    in_props: bool,
}

struct FieldFrame {
    instruction: String,
    in_result: bool,
}

struct Scanner<'s> {
    role: Role,
    part: String,
    styles: &'s Styles,
    /// The default paragraph style's id, looked up once: runs of paragraphs without a
    /// style inherit from it.
    default_paragraph: Option<&'s str>,
    out: PartScan,
    // Where we are.
    body_child: usize,
    /// The current top-level block (element name, index), formatted by [`Self::body_path`]
    /// only when a place is needed.
    body_block: Option<(&'static str, usize)>,
    block_index: usize,
    table_depth: usize,
    table_count: usize,
    para_depth: usize,
    paragraph_number: usize,
    last_heading: Option<String>,
    // Header table being built.
    capture: Option<Table>,
    header_zone_closed: bool,
    row_number: usize,
    cell_number: usize,
    /// The first cell's text of the current header row, clipped, once that cell ended: the
    /// label places name (computed once per row, not once per mark).
    row_label: Option<String>,
    /// Bytes of text kept in the header table being captured.
    captured_bytes: usize,
    // Paragraph and run state.
    para: Para,
    para_has_mark_only: bool,
    in_ppr: bool,
    in_run: bool,
    in_run_rpr: bool,
    run_vanish: Option<bool>,
    run_style: Option<String>,
    run_text: String,
    capturing_text: bool,
    capturing_instr: bool,
    // Content that is not current text: deleted, moved away, placeholders, drawings.
    not_text: usize,
    sdt: Vec<SdtFrame>,
    fields: Vec<FieldFrame>,
    section: Option<Section>,
    comment_number: usize,
    /// Inside `w:*PrChange`: the properties there are the old ones.
    change_depth: usize,
}

/// Scans one part. `styles` resolves hidden text through style chains.
pub fn scan_part<B: BufRead>(
    source: B,
    part: &str,
    role: Role,
    styles: &Styles,
) -> Result<PartScan, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut scanner = Scanner {
        role,
        part: part.to_string(),
        styles,
        default_paragraph: styles.default_paragraph().map(|s| s.id.as_str()),
        out: PartScan {
            part: part.to_string(),
            ..PartScan::default()
        },
        body_child: 0,
        body_block: None,
        block_index: 0,
        table_depth: 0,
        table_count: 0,
        para_depth: 0,
        paragraph_number: 0,
        last_heading: None,
        capture: None,
        header_zone_closed: role != Role::Main,
        row_number: 0,
        cell_number: 0,
        row_label: None,
        captured_bytes: 0,
        para: Para::default(),
        para_has_mark_only: false,
        in_ppr: false,
        in_run: false,
        in_run_rpr: false,
        run_vanish: None,
        run_style: None,
        run_text: String::new(),
        capturing_text: false,
        capturing_instr: false,
        not_text: 0,
        sdt: Vec::new(),
        fields: Vec::new(),
        section: None,
        comment_number: 0,
        change_depth: 0,
    };
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) => {
                if e.is(Ns::Mc, "Fallback") {
                    reader.skip_element()?;
                    continue;
                }
                let depth = e.depth;
                scanner.start(&e, depth, false);
            }
            XmlEvent::Empty(e) => {
                let depth = e.depth;
                scanner.start(&e, depth, true);
                // Only elements whose start changed state unconditionally are closed here;
                // an empty `<w:sdt/>` or `<w:del/>` opened nothing.
                if e.ns == Ns::W
                    && matches!(e.local(), b"p" | b"tbl" | b"r" | b"pPr" | b"rPr" | b"t")
                {
                    scanner.end(e.local(), depth);
                }
            }
            XmlEvent::End(e) => {
                if e.ns == Ns::W {
                    let depth = e.depth;
                    scanner.end(e.local(), depth);
                }
            }
            XmlEvent::Text(text) => scanner.text(&text),
            XmlEvent::Other => {}
            XmlEvent::Eof => break,
        }
    }
    let scan = scanner.finish();
    crate::budget::charge(scan.kept_bytes(), part)?;
    Ok(scan)
}

const REVISION_ELEMENTS: &[&[u8]] = &[
    b"ins",
    b"del",
    b"moveFrom",
    b"moveTo",
    b"rPrChange",
    b"pPrChange",
    b"tblPrChange",
    b"trPrChange",
    b"tcPrChange",
    b"sectPrChange",
    b"numberingChange",
    b"tblGridChange",
    b"cellIns",
    b"cellDel",
    b"cellMerge",
];

impl Scanner<'_> {
    fn start(&mut self, e: &Element<'_>, depth: usize, empty: bool) {
        match e.ns {
            Ns::W => self.start_w(e, depth, empty),
            Ns::O if e.local() == b"OLEObject" => {
                let linked = e
                    .attr("Type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("Link"));
                let prog_id = e.attr("ProgID").unwrap_or_default();
                self.add_object(prog_id, linked, e.attr("id"));
            }
            _ => {}
        }
    }

    fn start_w(&mut self, e: &Element<'_>, depth: usize, empty: bool) {
        let local = e.local();
        // Revision marks, wherever they are.
        if REVISION_ELEMENTS.contains(&local) {
            if self.change_depth == 0 {
                if self.out.revisions.wants_example() {
                    let kind = String::from_utf8_lossy(local).into_owned();
                    let author = e.attr("author").map(short);
                    let place = self.place();
                    self.out.revisions.add(&kind, author, || place);
                } else {
                    self.out.revisions.count += 1;
                }
            }
            // `w:rPrChange` and its kin hold the *old* properties: never read them as current.
            if local.ends_with(b"Change") && !empty {
                self.change_depth += 1;
            }
            if matches!(local, b"del" | b"moveFrom") && !empty && !self.in_run_rpr && !self.in_ppr {
                self.not_text += 1;
            }
            return;
        }
        if self.change_depth > 0 {
            return;
        }
        match local {
            b"p" => self.start_paragraph(depth),
            b"tbl" => self.start_table(depth),
            b"tr" if self.table_depth == 1 => {
                self.row_number += 1;
                self.cell_number = 0;
                self.row_label = None;
                if let Some(table) = self.capture.as_mut()
                    && table.rows.len() < MAX_ROWS
                {
                    table.rows.push(Row::default());
                }
            }
            b"tc" if self.table_depth == 1 => {
                self.cell_number += 1;
                let row = self.row_number;
                if let Some(table) = self.capture.as_mut()
                    && table.rows.len() == row
                    && let Some(cells) = table.rows.last_mut().map(|r| &mut r.cells)
                    && cells.len() < MAX_CELLS
                {
                    cells.push(Cell {
                        grid_span: 1,
                        ..Cell::default()
                    });
                }
            }
            b"gridSpan" if self.table_depth == 1 => {
                let span = e
                    .attr("val")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(1);
                if let Some(cell) = self.current_cell() {
                    cell.grid_span = span;
                }
            }
            b"vMerge" if self.table_depth == 1 => {
                let restart = e
                    .attr("val")
                    .is_some_and(|v| v.eq_ignore_ascii_case("restart"));
                if let Some(cell) = self.current_cell() {
                    cell.v_merge = if restart {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            b"pPr" if self.para_depth > 0 && !self.in_run => self.in_ppr = true,
            b"pStyle" if self.in_ppr => {
                if let Some(style) = e.attr("val") {
                    if self.styles.is_heading(&style) {
                        self.para_has_mark_only = false;
                    }
                    self.para.style = Some(style);
                }
            }
            b"r" => {
                self.in_run = true;
                self.run_vanish = None;
                self.run_style = None;
            }
            b"rPr" if self.in_run && !self.in_ppr => self.in_run_rpr = true,
            b"vanish" if self.in_run_rpr => self.run_vanish = Some(e.on_off("val")),
            b"rStyle" if self.in_run_rpr => self.run_style = e.attr("val"),
            b"lang" if self.in_run_rpr => {
                for key in ["val", "eastAsia", "bidi"] {
                    if let Some(lang) = e.attr(key) {
                        let mut lang = crate::xml::clip_bytes(&lang, 35).to_string();
                        lang.make_ascii_lowercase();
                        let known = self.out.languages.contains_key(&lang);
                        if known || self.out.languages.len() < MAX_LANGUAGES {
                            *self.out.languages.entry(lang).or_default() += 1;
                        }
                    }
                }
            }
            b"t" if self.in_run && !empty => {
                self.capturing_text = true;
                self.run_text.clear();
            }
            b"instrText" if !empty => self.capturing_instr = true,
            b"tab" if self.in_run && !self.in_run_rpr => self.push_visible("\t"),
            b"br" | b"cr" if self.in_run && !self.in_run_rpr => self.push_visible("\n"),
            b"noBreakHyphen" if self.in_run => self.push_visible("-"),
            b"fldChar" => match e.attr("fldCharType").as_deref() {
                // A hostile part may open fields forever; past a few dozen open at once
                // they are not tracked (their instructions are not read).
                Some("begin") if self.fields.len() < MAX_OPEN_FIELDS => {
                    self.fields.push(FieldFrame {
                        instruction: String::new(),
                        in_result: false,
                    })
                }
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        field.in_result = true;
                    }
                }
                Some("end") => {
                    if let Some(field) = self.fields.pop() {
                        self.record_field(field.instruction);
                    }
                }
                _ => {}
            },
            b"fldSimple" => {
                if let Some(instruction) = e.attr("instr") {
                    self.record_field(instruction);
                }
            }
            b"sdt" if !empty => self.sdt.push(SdtFrame {
                placeholder: false,
                in_props: false,
            }),
            b"sdtPr" => {
                if let Some(frame) = self.sdt.last_mut() {
                    frame.in_props = true;
                }
            }
            b"tag" | b"alias" => {
                if self.sdt.last().is_some_and(|f| f.in_props)
                    && let Some(tag) = e.attr("val")
                {
                    self.note_tag(tag);
                }
            }
            b"showingPlcHdr" => {
                let on = e.on_off("val");
                if let Some(frame) = self.sdt.last_mut()
                    && frame.in_props
                    && on
                {
                    frame.placeholder = true;
                    self.not_text += 1;
                }
            }
            b"drawing" | b"pict" | b"object" if !empty => {
                // Text boxes and OLE previews are not part of the paragraph's text.
                self.not_text += 1;
            }
            b"altChunk" => {
                let rel_id = e.attr("id").map(short).unwrap_or_default();
                if self.out.alt_chunks.len() < MAX_OBJECTS {
                    let place = self.place();
                    self.out.alt_chunks.push(AltChunk { rel_id, place });
                }
            }
            b"objectEmbed" | b"objectLink" => {
                let prog_id = e.attr("progId").unwrap_or_default();
                self.add_object(prog_id, local == b"objectLink", e.attr("id"));
            }
            b"sectPr" if !empty => {
                let place = self.place();
                self.section = Some(Section {
                    place,
                    ..Section::default()
                });
            }
            b"pgSz" => {
                if let Some(section) = self.section.as_mut() {
                    section.page_width =
                        e.attr("w").and_then(|v| parse_twips(&v)).map(|v| v as u32);
                    section.page_height =
                        e.attr("h").and_then(|v| parse_twips(&v)).map(|v| v as u32);
                    section.landscape = e.attr("orient").is_some_and(|o| o == "landscape");
                }
            }
            b"pgMar" => {
                if let Some(section) = self.section.as_mut() {
                    section.margin_top = e.attr("top").and_then(|v| parse_twips(&v));
                    section.margin_bottom = e.attr("bottom").and_then(|v| parse_twips(&v));
                    section.margin_left = e.attr("left").and_then(|v| parse_twips(&v));
                    section.margin_right = e.attr("right").and_then(|v| parse_twips(&v));
                }
            }
            b"titlePg" => {
                let on = e.on_off("val");
                if let Some(section) = self.section.as_mut() {
                    section.title_page = on;
                }
            }
            b"headerReference" | b"footerReference" => {
                let kind = short(e.attr("type").unwrap_or_else(|| "default".into()));
                let id = short(e.attr("id").unwrap_or_default());
                if let Some(section) = self.section.as_mut() {
                    let list = if local == b"headerReference" {
                        &mut section.headers
                    } else {
                        &mut section.footers
                    };
                    if list.len() < MAX_REFERENCES {
                        list.push((kind, id));
                    }
                }
            }
            b"comment" if self.role == Role::Comments => {
                self.comment_number += 1;
                self.out.comments += 1;
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &[u8], depth: usize) {
        if REVISION_ELEMENTS.contains(&local) && local.ends_with(b"Change") {
            self.change_depth = self.change_depth.saturating_sub(1);
            return;
        }
        if self.change_depth > 0 {
            return;
        }
        if REVISION_ELEMENTS.contains(&local) {
            if matches!(local, b"del" | b"moveFrom") && !self.in_run_rpr && !self.in_ppr {
                self.not_text = self.not_text.saturating_sub(1);
            }
            return;
        }
        match local {
            b"t" if self.capturing_text => {
                self.capturing_text = false;
                let run_text = std::mem::take(&mut self.run_text);
                self.push_run_text(&run_text);
            }
            b"instrText" => self.capturing_instr = false,
            b"rPr" if self.in_run_rpr => self.in_run_rpr = false,
            b"r" => {
                self.in_run = false;
                self.in_run_rpr = false;
            }
            b"pPr" if self.in_ppr => self.in_ppr = false,
            b"p" => self.end_paragraph(depth),
            b"tc" if self.table_depth == 1 && self.cell_number == 1 => {
                // The row's label, for places: clipped once here, not for every mark.
                self.row_label = self
                    .capture
                    .as_ref()
                    .filter(|table| table.rows.len() == self.row_number)
                    .and_then(|table| table.rows.last())
                    .and_then(|row| row.cells.first())
                    .map(|cell| text::clip(&cell.text(), 30))
                    .filter(|label| !label.is_empty());
            }
            b"tbl" => self.end_table(),
            b"sdtPr" => {
                if let Some(frame) = self.sdt.last_mut() {
                    frame.in_props = false;
                }
            }
            b"sdt" => {
                if let Some(frame) = self.sdt.pop()
                    && frame.placeholder
                {
                    self.not_text = self.not_text.saturating_sub(1);
                }
            }
            b"drawing" | b"pict" | b"object" => self.not_text = self.not_text.saturating_sub(1),
            b"sectPr" => {
                if let Some(section) = self.section.take() {
                    // The last section is the one layout rules read: keep it, replacing
                    // the last kept one once the cap is reached.
                    if self.out.sections.len() >= MAX_SECTIONS {
                        self.out.sections.pop();
                    }
                    self.out.sections.push(section);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.capturing_text {
            push_capped(&mut self.run_text, text, MAX_PARAGRAPH_BYTES);
        } else if self.capturing_instr
            && let Some(field) = self.fields.last_mut()
            && !field.in_result
        {
            push_capped(&mut field.instruction, text, 4096);
        }
    }

    /// A run's text is visible unless it is hidden (directly, through its character style,
    /// or through the paragraph's style chain), deleted, moved away or a placeholder.
    fn push_run_text(&mut self, run_text: &str) {
        if self.not_text > 0 {
            return;
        }
        if self.run_is_hidden() {
            if !text::is_blank(run_text) {
                if self.out.hidden.wants_example() {
                    let detail = Some(text::clip(run_text, 60));
                    let place = self.place();
                    self.out.hidden.add("hidden run", detail, || place);
                } else {
                    self.out.hidden.count += 1;
                }
            }
            return;
        }
        self.push_visible(run_text);
    }

    fn push_visible(&mut self, text: &str) {
        if self.not_text > 0 || self.para_depth == 0 {
            return;
        }
        push_capped(&mut self.para.text, text, MAX_PARAGRAPH_BYTES);
    }

    fn run_is_hidden(&self) -> bool {
        if let Some(direct) = self.run_vanish {
            return direct;
        }
        if let Some(style) = self.run_style.as_deref()
            && let Some(hidden) = self.styles.vanish_of(style)
        {
            return hidden;
        }
        let paragraph_style = self.para.style.as_deref().or(self.default_paragraph);
        if let Some(style) = paragraph_style
            && let Some(hidden) = self.styles.vanish_of(style)
        {
            return hidden;
        }
        self.styles.defaults.vanish.unwrap_or(false)
    }

    fn start_paragraph(&mut self, depth: usize) {
        self.para_depth += 1;
        if self.para_depth > 1 {
            return; // a paragraph in a text box: its text is not the outer paragraph's
        }
        self.para = Para::default();
        self.para_has_mark_only = true;
        if self.table_depth == 0 {
            self.enter_body_child(depth, "p");
        }
    }

    fn end_paragraph(&mut self, depth: usize) {
        if self.para_depth == 0 {
            return;
        }
        self.para_depth -= 1;
        if self.para_depth > 0 {
            return;
        }
        self.in_ppr = false;
        let para = std::mem::take(&mut self.para);
        self.out.paragraphs += 1;
        self.out.census.add(&para.text);
        if self.out.text.len() < MAX_PART_TEXT {
            if !self.out.text.is_empty() {
                self.out.text.push('\n');
            }
            push_capped(&mut self.out.text, &para.text, MAX_PART_TEXT);
        }
        let in_header_cell = self.table_depth >= 1 && self.capture.is_some();
        if in_header_cell {
            self.keep_cell_paragraph(para);
            return;
        }
        if self.role == Role::Main {
            self.out.body_words += text::word_count(&para.text);
            if self.out.sample.len() < SAMPLE_CHARS {
                push_capped(&mut self.out.sample, &para.text, SAMPLE_CHARS);
                self.out.sample.push('\n');
            }
            if para
                .style
                .as_deref()
                .is_some_and(|s| self.styles.is_heading(s))
                && !text::is_blank(&para.text)
            {
                self.last_heading = Some(text::clip(&para.text, 40));
            }
            if self.table_depth == 0 {
                self.paragraph_number += 1;
                if self.out.first_block.is_none() && !text::is_blank(&para.text) {
                    self.out.first_block = Some(FirstBlock::Paragraph(text::clip(&para.text, 60)));
                }
                // A paragraph with text after the header tables closes the header zone.
                if !text::is_blank(&para.text) && self.table_count > 0 {
                    self.header_zone_closed = true;
                }
            }
        }
        let _ = depth;
    }

    fn start_table(&mut self, depth: usize) {
        self.table_depth += 1;
        if self.table_depth != 1 || self.para_depth > 0 {
            return;
        }
        self.table_count += 1;
        self.row_number = 0;
        self.enter_body_child(depth, "tbl");
        if self.role != Role::Main {
            return;
        }
        if self.out.first_block.is_none() {
            self.out.first_block = Some(FirstBlock::Table);
        }
        if !self.header_zone_closed
            && self.block_index <= HEADER_ZONE_BLOCKS
            && self.out.header_tables.len() < MAX_HEADER_TABLES
        {
            self.captured_bytes = 0;
            self.capture = Some(Table {
                number: self.table_count,
                path: self.body_path(),
                rows: Vec::new(),
            });
        }
    }

    fn end_table(&mut self) {
        if self.table_depth == 0 {
            return;
        }
        self.table_depth -= 1;
        if self.table_depth == 0
            && let Some(table) = self.capture.take()
        {
            self.out.header_tables.push(table);
        }
    }

    /// Counts top-level blocks and keeps an XPath-like path to the current one.
    fn enter_body_child(&mut self, depth: usize, name: &'static str) {
        if self.role != Role::Main {
            return;
        }
        self.block_index += 1;
        self.body_child += 1;
        let index = match name {
            "p" => self.paragraph_number + 1,
            _ => self.table_count,
        };
        // Content controls and customXml wrap blocks; the path names the block itself.
        self.body_block = Some((name, index));
        let _ = depth;
    }

    /// An XPath-like path to the current top-level block.
    fn body_path(&self) -> String {
        match self.body_block {
            Some((name, index)) => format!("/w:document/w:body/w:{name}[{index}]"),
            None => String::new(),
        }
    }

    /// Keeps a header-cell paragraph, clipped to what the cell and the table may still hold.
    fn keep_cell_paragraph(&mut self, mut para: Para) {
        let room =
            MAX_HEADER_PARAGRAPH_BYTES.min(MAX_TABLE_BYTES.saturating_sub(self.captured_bytes));
        if para.text.len() > room {
            para.text = crate::xml::clip_bytes(&para.text, room).to_string();
        }
        if let Some(style) = para.style.take() {
            para.style = Some(short(style));
        }
        let kept = para.text.len();
        // A paragraph of a row or cell past the caps belongs to no kept cell.
        if let Some(cell) = self.current_cell()
            && cell.paragraphs.len() < MAX_CELL_PARAGRAPHS
        {
            cell.paragraphs.push(para);
            self.captured_bytes += kept;
        }
    }

    /// The header cell being read, unless its row or itself is past the caps.
    fn current_cell(&mut self) -> Option<&mut Cell> {
        let row = self.row_number;
        let cell = self.cell_number;
        self.capture
            .as_mut()
            .filter(|t| t.rows.len() == row)
            .and_then(|t| t.rows.last_mut())
            .filter(|r| r.cells.len() == cell)
            .and_then(|r| r.cells.last_mut())
    }

    fn note_tag(&mut self, tag: String) {
        let tag = short(tag);
        if self.out.sdt_tags.len() < MAX_TAGS && !self.out.sdt_tags.contains(&tag) {
            self.out.sdt_tags.push(tag.clone());
        }
        if self.table_depth >= 1
            && let Some(cell) = self.current_cell()
            && cell.tags.len() < MAX_CELL_TAGS
            && !cell.tags.contains(&tag)
        {
            cell.tags.push(tag);
        }
    }

    fn record_field(&mut self, instruction: String) {
        let instruction = text::fold(&instruction);
        if instruction.is_empty() || self.out.fields.len() >= MAX_FIELDS {
            return;
        }
        let place = self.place();
        self.out.fields.push(Field { instruction, place });
    }

    fn add_object(&mut self, prog_id: String, linked: bool, rel_id: Option<String>) {
        if self.out.objects.len() >= MAX_OBJECTS {
            return;
        }
        let place = self.place();
        self.out.objects.push(ObjectInfo {
            prog_id: short(prog_id),
            linked,
            rel_id: rel_id.map(short),
            place,
        });
    }

    /// Where the scanner is, in Word terms.
    fn place(&self) -> Place {
        let part = self.part.clone();
        if self.role != Role::Main {
            let anchor = match self.role {
                Role::Comments => format!("comment {}", self.comment_number.max(1)),
                other => format!(
                    "{} ({})",
                    other.name(),
                    part.rsplit('/').next().unwrap_or(&part)
                ),
            };
            return Place {
                part,
                path: String::new(),
                anchor,
            };
        }
        if self.table_depth >= 1 {
            if let Some(table) = &self.capture {
                let label = self.row_label.as_ref().filter(|_| self.cell_number > 1);
                let anchor = match label {
                    Some(label) => format!(
                        "header table {}, row {} ('{label}')",
                        table.number, self.row_number
                    ),
                    None => format!("header table {}, row {}", table.number, self.row_number),
                };
                return Place {
                    part,
                    path: format!(
                        "{}/w:tr[{}]/w:tc[{}]",
                        table.path,
                        self.row_number,
                        self.cell_number.max(1)
                    ),
                    anchor,
                };
            }
            return Place {
                part,
                path: format!("{}/w:tr[{}]", self.body_path(), self.row_number),
                anchor: format!("table {}, row {}", self.table_count, self.row_number),
            };
        }
        let number = self.paragraph_number + 1;
        let anchor = match &self.last_heading {
            Some(heading) => format!("paragraph {number} (under heading '{heading}')"),
            None => format!("paragraph {number}"),
        };
        Place {
            part,
            path: self.body_path(),
            anchor,
        }
    }

    fn finish(mut self) -> PartScan {
        if let Some(table) = self.capture.take() {
            self.out.header_tables.push(table);
        }
        self.out
    }
}

/// Twips may be written as integers or (by some producers) as decimals.
fn parse_twips(value: &str) -> Option<i64> {
    let value = value.trim();
    value.parse::<i64>().ok().or_else(|| {
        value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| v.round() as i64)
    })
}
