//! The cover of a contribution, read the way Word shows it, from a schema kept as data.
//!
//! Which fields a cover has, their label spellings, content-control tags, prefixes and value
//! shapes come from the profile ([`HeaderSchema`], built from `rules/profiles/*.toml`); this
//! module only knows *how* each kind of field is found, never which fields exist.
//!
//! Real covers differ in row count, merging and content controls (the 3GPP tools that read
//! cover pages by coordinates break on every merged cell), so nothing is read by position:
//! - labelled fields (`Title:`) are matched on the label cell's folded text, and the value
//!   is the next cell in the same row that Word shows;
//! - the unlabelled top block (document number, group line, `Original:`, study period,
//!   document type) is split into lines, and each field claims the line that has its shape:
//!   the number is the line shaped like a number, wherever it sits and whatever its style
//!   (real covers style the group line, the number and `Original:` all `Docnumber`, and
//!   some put the group line above the number).

mod contacts;
mod labelled;
mod schema;
mod top_block;

use serde::Serialize;

use crate::model::scan::{At, Place};
use crate::model::table::{Cell, Table};
use crate::text;
pub use contacts::is_email;
use labelled::{label_of, read_table};
pub use schema::{FieldKind, FieldSpec, HeaderSchema, LinePos, keys};
use top_block::{read_beside, read_top_block};

/// One header field: the value as Word shows it and where it is.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub key: String,
    pub value: String,
    pub place: Place,
    /// Where the line is in reading order, for top-block fields.
    #[serde(skip)]
    pub line: Option<LinePos>,
}

impl Field {
    pub fn folded(&self) -> String {
        text::fold(&self.value)
    }

    pub fn is_blank(&self) -> bool {
        text::is_blank(&self.value)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Contact {
    /// The row's label as written (`Contact:`).
    pub label: String,
    /// Name / organisation / country, one per line.
    pub details: String,
    /// Addresses that parse as e-mail addresses.
    pub emails: Vec<String>,
    /// Values after an e-mail label that are not addresses (`name(at)example.org`).
    pub invalid_emails: Vec<String>,
    pub place: Place,
}

/// The cover as read. Every field is optional: the rules decide what missing means.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Header {
    /// Whether a cover was found: tables at the top of the body carrying at least the
    /// schema's `min_labels` distinct template labels written with a colon. Nothing else is
    /// read from tables that are not a cover.
    pub is_cover: bool,
    /// Number of the body table the cover starts in (1 = the first table).
    pub table_number: Option<usize>,
    /// Numbers of every body table that is part of the cover.
    pub tables: Vec<usize>,
    /// The fields found, in the schema's order.
    pub fields: Vec<Field>,
    pub contacts: Vec<Contact>,
    /// Labels in the order met (field key, place), for the template-order rule.
    pub label_order: Vec<(String, Place)>,
}

impl Header {
    /// A field by key.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// A field's folded value, empty when absent.
    pub fn value(&self, key: &str) -> String {
        self.get(key).map(Field::folded).unwrap_or_default()
    }

    fn set(&mut self, field: Field) {
        if self.get(&field.key).is_none() {
            self.fields.push(field);
        }
    }
}

struct CellRef<'t> {
    table: &'t Table,
    row: usize,
    column: usize,
    cell: &'t Cell,
}

impl CellRef<'_> {
    fn path(&self) -> String {
        format!(
            "{}/w:tr[{}]/w:tc[{}]",
            self.table.path,
            self.row + 1,
            self.column + 1
        )
    }

    /// An unlabelled line of the cover, named by what it holds: "cover, group line".
    fn place(&self, what: &str) -> Place {
        Place {
            part: String::new(),
            path: self.path(),
            anchor: format!("cover, {what}"),
            at: At::Part,
        }
    }

    /// A labelled row of the cover, named by its label as Word shows it: "cover, row 'Title:'".
    fn labelled_place(&self, label: &str) -> Place {
        Place {
            part: String::new(),
            path: self.path(),
            anchor: format!("cover, row '{label}'"),
            at: At::Part,
        }
    }
}

/// How a field found by its place, not by a label, is named for people.
fn what_of(spec: &FieldSpec) -> String {
    match spec.kind {
        FieldKind::Number => "document number".to_string(),
        FieldKind::Group => "group line".to_string(),
        // "'Original:' line"; a heading of several words: "study period line".
        FieldKind::Prefixed if !spec.name.contains(' ') => format!("'{}:' line", spec.name),
        FieldKind::Prefixed => format!("{} line", spec.name.to_lowercase()),
        _ => spec.name.to_lowercase(),
    }
}

/// One line of the unlabelled top block.
struct Line<'t> {
    at: CellRef<'t>,
    pos: LinePos,
    /// Folded text.
    text: String,
    style: Option<&'t str>,
    tags: Vec<String>,
}

impl Line<'_> {
    fn field(&self, key: &str, value: String, what: &str) -> Field {
        Field {
            key: key.to_string(),
            value,
            place: self.at.place(what),
            line: Some(self.pos),
        }
    }
}

/// Reads the cover from the tables at the top of the body. `part` names the main part.
pub fn extract(tables: &[Table], schema: &HeaderSchema, part: &str) -> Header {
    let mut header = Header::default();
    // A cover has the template's labels, with their colons: an ordinary table whose first
    // column lists "Title", "Abstract"... (seen in real files) is not one.
    let mut colon_keys: Vec<&str> = Vec::new();
    let mut last_labelled = None;
    for (index, table) in tables.iter().enumerate() {
        for cell in table.rows.iter().flat_map(|r| &r.cells) {
            if let Some((spec, colon, _)) = label_of(schema, cell) {
                last_labelled = Some(index);
                if colon && !colon_keys.contains(&spec.key.as_str()) {
                    colon_keys.push(&spec.key);
                }
            }
        }
    }
    let (Some(last), true) = (last_labelled, colon_keys.len() >= schema.min_labels.max(1)) else {
        return header;
    };
    header.is_cover = true;
    let cover = tables.get(..=last).unwrap_or_default();
    header.tables = cover.iter().map(|t| t.number).collect();
    let mut beside_cells: Vec<(String, CellRef<'_>)> = Vec::new();
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (index, table) in cover.iter().enumerate() {
        read_table(
            index,
            table,
            schema,
            &mut header,
            &mut beside_cells,
            &mut lines,
        );
    }
    if header.table_number.is_none() {
        header.table_number = cover.first().map(|t| t.number);
    }
    read_top_block(&lines, cover, schema, &mut header);
    read_beside(&beside_cells, cover, schema, &mut header);
    // Fields in the schema's order.
    let order = |key: &str| schema.fields.iter().position(|f| f.key == key);
    header.fields.sort_by_key(|f| order(&f.key));
    set_part(&mut header, part);
    header
}

fn set_part(header: &mut Header, part: &str) {
    for field in &mut header.fields {
        field.place.part = part.to_string();
    }
    for contact in &mut header.contacts {
        contact.place.part = part.to_string();
    }
    for (_, place) in &mut header.label_order {
        place.part = part.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::{Para, Row, VMerge};
    use regex::Regex;

    fn cell(lines: &[(&str, Option<&str>)]) -> Cell {
        Cell {
            paragraphs: lines
                .iter()
                .map(|(text, style)| Para {
                    text: text.to_string(),
                    style: style.map(str::to_string),
                    tags: Vec::new(),
                })
                .collect(),
            grid_span: 1,
            ..Cell::default()
        }
    }

    fn schema() -> HeaderSchema {
        let re = |p: &str| Regex::new(p).unwrap();
        let mut number =
            FieldSpec::new(keys::DOCUMENT_NUMBER, "Document number", FieldKind::Number);
        number.styles = vec!["Docnumber".into()];
        number.patterns = vec![re(r"^(?P<acronym>QIT4N)-I-\d{3}$")];
        number.shapes = vec![re(
            r"^(FG-?)?(?P<acronym>[A-Z][A-Z0-9]{1,11})-[IO]-(\d{1,4}|x{2,4})$",
        )];
        let mut group = FieldSpec::new(keys::GROUP, "Group", FieldKind::Group);
        group.shapes = vec![re(r"(?i)^focus group on .+$")];
        group.tags = vec!["SgText".into()];
        let mut original = FieldSpec::new(keys::ORIGINAL, "Original", FieldKind::Prefixed);
        original.prefixes = vec!["ORIGINAL".into()];
        let mut title = FieldSpec::new(keys::TITLE, "Title", FieldKind::Labelled);
        title.labels = vec!["title".into()];
        let mut source = FieldSpec::new(keys::SOURCE, "Source", FieldKind::Labelled);
        source.labels = vec!["source".into()];
        HeaderSchema {
            fields: vec![number, group, original, source, title],
            label_order: Vec::new(),
            min_labels: 2,
        }
    }

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            number: 1,
            path: "/w:document/w:body/w:tbl[1]".into(),
            rows: rows.into_iter().map(|cells| Row { cells }).collect(),
        }
    }

    fn labelled(label: &str, value: &str) -> Vec<Cell> {
        vec![cell(&[(label, None)]), cell(&[(value, None)])]
    }

    #[test]
    fn the_number_is_chosen_by_its_shape_not_its_style_or_row() {
        // Group line above the number, all three lines styled Docnumber in one cell.
        let top = cell(&[
            ("FOCUS GROUP ON AUTONOMOUS NETWORKS", Some("Docnumber")),
            ("AN-I-xxx", Some("Docnumber")),
            ("Original: English", Some("Docnumber")),
        ]);
        let tables = [table(vec![
            vec![cell(&[("logo", None)]), top],
            labelled("Source:", "Example Telecom"),
            labelled("Title:", "Key relay"),
        ])];
        let header = extract(&tables, &schema(), "word/document.xml");
        assert!(header.is_cover);
        assert_eq!(header.value(keys::DOCUMENT_NUMBER), "AN-I-xxx");
        assert_eq!(
            header.value(keys::GROUP),
            "FOCUS GROUP ON AUTONOMOUS NETWORKS"
        );
        assert_eq!(header.value(keys::ORIGINAL), "English");
        let number = header.get(keys::DOCUMENT_NUMBER).unwrap().line.unwrap();
        let group = header.get(keys::GROUP).unwrap().line.unwrap();
        assert!(group < number, "the group line is read above the number");
    }

    #[test]
    fn a_table_listing_properties_without_colons_is_not_a_cover() {
        let tables = [table(vec![
            labelled("Title", "Student team report"),
            labelled("Source", "European Commission"),
        ])];
        let header = extract(&tables, &schema(), "word/document.xml");
        assert!(!header.is_cover);
        assert!(header.fields.is_empty());
    }

    #[test]
    fn a_tagged_cell_is_the_group_line_whatever_its_text() {
        let mut group = cell(&[("STUDY GROUP 17", None)]);
        group.tags = vec!["SgText".into()];
        let merged = Cell {
            v_merge: VMerge::Continue,
            ..cell(&[])
        };
        let tables = [table(vec![
            vec![
                cell(&[("logo", None)]),
                cell(&[("QIT4N-I-012", Some("Docnumber"))]),
            ],
            vec![merged, group],
            labelled("Source:", "Example Telecom"),
            labelled("Title:", "Key relay"),
        ])];
        let header = extract(&tables, &schema(), "word/document.xml");
        assert_eq!(header.value(keys::GROUP), "STUDY GROUP 17");
        assert_eq!(header.value(keys::DOCUMENT_NUMBER), "QIT4N-I-012");
    }
}
