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

use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::scan::Place;
use crate::model::table::{Cell, Table, VMerge};
use crate::text;

/// The keys of the fields rules speak about. Profiles declare the fields; a rule whose
/// field a profile does not declare stays silent.
pub mod keys {
    pub const DOCUMENT_NUMBER: &str = "document_number";
    pub const GROUP: &str = "group";
    pub const ORIGINAL: &str = "original";
    pub const STUDY_PERIOD: &str = "study_period";
    pub const QUESTION: &str = "question";
    pub const PLACE_DATES: &str = "place_dates";
    pub const DOCUMENT_TYPE: &str = "document_type";
    pub const SOURCE: &str = "source";
    pub const TITLE: &str = "title";
    pub const PURPOSE: &str = "purpose";
    pub const CONTACT: &str = "contact";
    pub const KEYWORDS: &str = "keywords";
    pub const ABSTRACT: &str = "abstract";
}

/// How a field is found on the cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// A label cell (`Title:`) and the value in the next cell of the row (or after the
    /// colon in the same cell).
    Labelled,
    /// Like `labelled`, one row per person; e-mail addresses are read from the row.
    Contact,
    /// An unlabelled line of the top block chosen by its shape (`patterns`,
    /// `placeholders`, `shapes`), preferring lines in `styles` or content controls tagged
    /// `tags`: the document number.
    Number,
    /// An unlabelled line of the top block matching `patterns` or `shapes`, or tagged
    /// `tags`; when no line matches, the line under the number: the group line.
    Group,
    /// A line of the top block that starts with one of `prefixes` (`Original:`,
    /// `STUDY PERIOD`); the value is the rest of the line, or the next cell.
    Prefixed,
    /// The cell after another field's value in the same row (`beside`), or a cell tagged
    /// `tags`: place and dates beside the question.
    Beside,
    /// A line of the cover that is exactly one of `values` (`CONTRIBUTION`), or tagged
    /// `tags`: the document type.
    Banner,
}

/// One declared field, resolved from the profile chain.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub key: String,
    /// The field's name for people ("Title", "WG(s) / Question(s)").
    pub name: String,
    pub kind: FieldKind,
    /// Label keys, folded (see [`text::label_key`]).
    pub labels: Vec<String>,
    pub tags: Vec<String>,
    pub styles: Vec<String>,
    /// Line prefixes, folded and upper-cased.
    pub prefixes: Vec<String>,
    /// What a valid value looks like.
    pub patterns: Vec<Regex>,
    /// Placeholders left for the secretariat.
    pub placeholders: Vec<Regex>,
    /// Anything shaped like this field, under any profile (to find the line only).
    pub shapes: Vec<Regex>,
    pub values: Vec<String>,
    pub required: bool,
    pub beside: Option<String>,
    /// E-mail label words, lower-case.
    pub email_labels: Vec<String>,
    pub max_words: Option<usize>,
    /// Prefixes dropped when numbers are compared, upper-cased.
    pub strip_prefixes: Vec<String>,
    /// The revision suffix of a number; group 1 is the revision.
    pub revision: Option<Regex>,
    /// Shown as a column in the intake register.
    pub register: bool,
}

impl FieldSpec {
    /// A field of a kind, with nothing else set (for tests and code that builds schemas).
    pub fn new(key: &str, name: &str, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            key: key.to_string(),
            name: name.to_string(),
            kind,
            labels: Vec::new(),
            tags: Vec::new(),
            styles: Vec::new(),
            prefixes: Vec::new(),
            patterns: Vec::new(),
            placeholders: Vec::new(),
            shapes: Vec::new(),
            values: Vec::new(),
            required: false,
            beside: None,
            email_labels: Vec::new(),
            max_words: None,
            strip_prefixes: Vec::new(),
            revision: None,
            register: true,
        }
    }

    fn has_tag(&self, tags: &[String]) -> bool {
        tags.iter()
            .any(|tag| self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
    }

    fn has_style(&self, style: Option<&str>) -> bool {
        style.is_some_and(|style| self.styles.iter().any(|s| s.eq_ignore_ascii_case(style)))
    }

    /// Whether a folded value is a valid value of this field.
    pub fn is_valid(&self, value: &str) -> bool {
        self.patterns.iter().any(|p| p.is_match(value))
    }

    /// Whether a folded value is a placeholder of this field.
    pub fn is_placeholder(&self, value: &str) -> bool {
        self.placeholders.iter().any(|p| p.is_match(value))
    }

    /// Whether a folded value has this field's shape (valid, placeholder or look-alike).
    pub fn has_shape(&self, value: &str) -> bool {
        self.is_valid(value)
            || self.is_placeholder(value)
            || self.shapes.iter().any(|p| p.is_match(value))
    }

    /// The acronym a value names (the `acronym` group of the first pattern or shape that
    /// captures one), upper-cased.
    pub fn acronym_in(&self, value: &str) -> Option<String> {
        self.patterns
            .iter()
            .chain(&self.placeholders)
            .chain(&self.shapes)
            .find_map(|p| p.captures(value)?.name("acronym"))
            .map(|m| m.as_str().to_ascii_uppercase())
    }
}

/// What a profile says a cover holds.
#[derive(Clone, Debug, Default)]
pub struct HeaderSchema {
    /// Fields in reading order.
    pub fields: Vec<FieldSpec>,
    /// Labelled fields' keys in the template's order.
    pub label_order: Vec<String>,
    /// Distinct colon-labelled fields that make a table the cover.
    pub min_labels: usize,
}

impl HeaderSchema {
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn of_kind(&self, kind: FieldKind) -> impl Iterator<Item = &FieldSpec> {
        self.fields.iter().filter(move |f| f.kind == kind)
    }

    /// The labelled field a label cell names.
    fn match_label(&self, key: &str) -> Option<&FieldSpec> {
        if key.is_empty() {
            return None;
        }
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Labelled | FieldKind::Contact))
            .find(|f| f.labels.iter().any(|label| label == key))
    }
}

/// Where a top-block line is: table, row, cell, paragraph, line (reading order).
pub type LinePos = (usize, usize, usize, usize, usize);

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

    fn place(&self, what: &str) -> Place {
        Place {
            part: String::new(),
            path: self.path(),
            anchor: format!(
                "header table {}, row {} ({what})",
                self.table.number,
                self.row + 1
            ),
        }
    }

    fn labelled_place(&self, label: &str) -> Place {
        Place {
            part: String::new(),
            path: self.path(),
            anchor: format!(
                "header table {}, row {} ('{label}')",
                self.table.number,
                self.row + 1
            ),
        }
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

/// Splits `"Title: Quantum networks"` into the field and the inline value, for producers
/// that put label and value in one cell.
fn inline_label<'s>(schema: &'s HeaderSchema, cell_text: &str) -> Option<(&'s FieldSpec, String)> {
    let folded = text::fold(cell_text);
    let (head, rest) = folded.split_once(':')?;
    let spec = schema.match_label(&text::label_key(head))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (spec, rest.to_string()))
}

/// A label cell: the field it names, whether it is written with a colon, and a value
/// written in the same cell.
fn label_of<'s>(
    schema: &'s HeaderSchema,
    cell: &Cell,
) -> Option<(&'s FieldSpec, bool, Option<String>)> {
    let cell_text = cell.text();
    let folded = text::fold(&cell_text);
    if folded.len() > 80 {
        return None; // a paragraph of text is not a label
    }
    if let Some(spec) = schema.match_label(&text::label_key(&folded)) {
        let colon = folded.ends_with(':') || folded.ends_with('\u{ff1a}');
        return Some((spec, colon, None));
    }
    inline_label(schema, &cell_text).map(|(spec, value)| (spec, true, Some(value)))
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

/// Reads one cover table: labelled rows become fields and contacts; the lines of the other
/// rows are collected for the top block.
fn read_table<'t>(
    index: usize,
    table: &'t Table,
    schema: &HeaderSchema,
    header: &mut Header,
    beside_cells: &mut Vec<(String, CellRef<'t>)>,
    lines: &mut Vec<Line<'t>>,
) {
    let mut previous_row_was_contact = false;
    for (row_index, row) in table.rows.iter().enumerate() {
        let mut row_is_contact = false;
        let mut labelled = false;
        for (column, cell) in row.cells.iter().enumerate() {
            let label = label_of(schema, cell);
            // A contact row continuing a vertically merged "Contact:" cell has no label of
            // its own but is still a contact.
            let continued_contact = label.is_none()
                && column == 0
                && previous_row_was_contact
                && cell.v_merge == VMerge::Continue;
            let (spec, inline_value) = match label {
                Some((spec, _, inline)) => (spec, inline),
                None if continued_contact => match schema.of_kind(FieldKind::Contact).next() {
                    Some(spec) => (spec, None),
                    None => continue,
                },
                None => continue,
            };
            labelled = true;
            if header.table_number.is_none() {
                header.table_number = Some(table.number);
            }
            let label_text = text::clip(&cell.text(), 30);
            let label_ref = CellRef {
                table,
                row: row_index,
                column,
                cell,
            };
            let label_place = label_ref.labelled_place(&label_text);
            if !continued_contact {
                header
                    .label_order
                    .push((spec.key.clone(), label_place.clone()));
            }
            let following: Vec<CellRef<'t>> = row
                .cells
                .iter()
                .enumerate()
                .skip(column + 1)
                .filter(|(_, c)| c.v_merge != VMerge::Continue || !text::is_blank(&c.text()))
                .map(|(at, c)| CellRef {
                    table,
                    row: row_index,
                    column: at,
                    cell: c,
                })
                .collect();
            if spec.kind == FieldKind::Contact {
                row_is_contact = true;
                let rest: Vec<String> = following.iter().map(|c| c.cell.text()).collect();
                let mut contact = Contact {
                    details: inline_value
                        .clone()
                        .or_else(|| rest.first().cloned())
                        .unwrap_or_default(),
                    emails: Vec::new(),
                    invalid_emails: Vec::new(),
                    place: label_place,
                };
                for text in inline_value.iter().chain(&rest) {
                    collect_emails(text, &spec.email_labels, &mut contact);
                }
                header.contacts.push(contact);
                break;
            }
            let value = match inline_value {
                Some(value) => Some(Field {
                    key: spec.key.clone(),
                    value,
                    place: label_place.clone(),
                    line: None,
                }),
                None => following.first().map(|c| Field {
                    key: spec.key.clone(),
                    value: c.cell.text(),
                    place: c.labelled_place(&label_text),
                    line: None,
                }),
            };
            if let Some(value) = value {
                header.set(value);
            }
            // Fields that sit beside this one (place and dates right of the question).
            let after_value = following.get(1);
            for beside in schema
                .of_kind(FieldKind::Beside)
                .filter(|b| b.beside.as_deref() == Some(spec.key.as_str()))
            {
                if let Some(cell) = after_value {
                    beside_cells.push((
                        beside.key.clone(),
                        CellRef {
                            table,
                            row: cell.row,
                            column: cell.column,
                            cell: cell.cell,
                        },
                    ));
                }
            }
            break; // one label per row: the rest of the row is its value
        }
        previous_row_was_contact = row_is_contact;
        if labelled {
            continue;
        }
        for (column, cell) in row.cells.iter().enumerate() {
            if cell.v_merge == VMerge::Continue {
                continue; // Word shows the cell above here
            }
            for (para_index, para) in cell.paragraphs.iter().enumerate() {
                let mut tags = para.tags.clone();
                for tag in &cell.tags {
                    if !tags.contains(tag) {
                        tags.push(tag.clone());
                    }
                }
                for (line_index, raw) in para.text.split(['\n', '\r', '\u{b}']).enumerate() {
                    let folded = text::fold(raw);
                    if folded.is_empty() {
                        continue;
                    }
                    lines.push(Line {
                        at: CellRef {
                            table,
                            row: row_index,
                            column,
                            cell,
                        },
                        pos: (index, row_index, column, para_index, line_index),
                        text: folded,
                        style: para.style.as_deref(),
                        tags: tags.clone(),
                    });
                }
            }
        }
    }
}

/// The unlabelled top block: each field claims the line that has its shape.
fn read_top_block(lines: &[Line<'_>], cover: &[Table], schema: &HeaderSchema, header: &mut Header) {
    let mut claimed = vec![false; lines.len()];
    let claim = |claimed: &mut Vec<bool>, index: usize| {
        if let Some(slot) = claimed.get_mut(index) {
            *slot = true;
        }
    };
    // Prefixed lines first: "Original: English", "STUDY PERIOD 2017-2020".
    for spec in schema.of_kind(FieldKind::Prefixed) {
        let found = lines.iter().enumerate().find_map(|(index, line)| {
            let upper = line.text.to_ascii_uppercase();
            spec.prefixes.iter().find_map(|prefix| {
                // At the start of a word: "Original: English", "ITU-T STUDY PERIOD 2017-2020".
                let at = upper
                    .match_indices(prefix.as_str())
                    .map(|(at, _)| at)
                    .find(|at| {
                        *at == 0 || upper.get(..*at).is_some_and(|before| before.ends_with(' '))
                    })?;
                let rest = line.text.get(at + prefix.len()..)?;
                let rest = rest.trim_start_matches([' ', ':', '\u{ff1a}']).trim();
                Some((index, rest.to_string()))
            })
        });
        let Some((index, rest)) = found else { continue };
        let Some(line) = lines.get(index) else {
            continue;
        };
        claim(&mut claimed, index);
        let value = if rest.is_empty() {
            next_cell_text(cover, line).unwrap_or_default()
        } else {
            rest
        };
        let value = if spec.key == keys::STUDY_PERIOD {
            period_of(&value)
        } else {
            value
        };
        header.set(line.field(&spec.key, value, &spec.name.to_lowercase()));
    }
    // The document type: a line that is one of the listed types, or a tagged cell.
    for spec in schema.of_kind(FieldKind::Banner) {
        let found = lines
            .iter()
            .enumerate()
            .filter(|(index, _)| !claimed.get(*index).copied().unwrap_or(true))
            .find(|(_, line)| {
                spec.has_tag(&line.tags)
                    || spec
                        .values
                        .iter()
                        .any(|v| text::label_key(v) == text::label_key(&line.text))
            });
        if let Some((index, line)) = found {
            claim(&mut claimed, index);
            header.set(line.field(&spec.key, line.text.clone(), &spec.name.to_lowercase()));
        }
    }
    // The number, by its shape: valid, placeholder, or any group's number. Lines in the
    // number's style or content control come first, then reading order.
    let number_spec = schema.of_kind(FieldKind::Number).next();
    let mut number_line: Option<usize> = None;
    if let Some(spec) = number_spec {
        let hinted = |line: &Line<'_>| spec.has_style(line.style) || spec.has_tag(&line.tags);
        let free = |index: &usize| !claimed.get(*index).copied().unwrap_or(true);
        let shaped: Vec<usize> = (0..lines.len())
            .filter(free)
            .filter(|i| lines.get(*i).is_some_and(|l| spec.has_shape(&l.text)))
            .collect();
        number_line = shaped
            .iter()
            .copied()
            .find(|i| lines.get(*i).is_some_and(hinted))
            .or_else(|| shaped.first().copied());
        if let Some(index) = number_line {
            claim(&mut claimed, index);
        }
    }
    // The group line: tagged, or shaped like a group line.
    let group_spec = schema.of_kind(FieldKind::Group).next();
    let mut group_line: Option<usize> = None;
    if let Some(spec) = group_spec {
        let free = |index: &usize| !claimed.get(*index).copied().unwrap_or(true);
        group_line = (0..lines.len())
            .filter(free)
            .find(|i| lines.get(*i).is_some_and(|l| spec.has_tag(&l.tags)))
            .or_else(|| {
                (0..lines.len()).filter(free).find(|i| {
                    lines
                        .get(*i)
                        .is_some_and(|l| l.text.len() < 200 && spec.has_shape(&l.text))
                })
            });
        if let Some(index) = group_line {
            claim(&mut claimed, index);
        }
    }
    // No line shaped like a number: the one in the number's style or control that nothing
    // else claimed (a malformed number, for `bad-doc-number` to report).
    if let (Some(spec), None) = (number_spec, number_line) {
        number_line = (0..lines.len())
            .filter(|i| !claimed.get(*i).copied().unwrap_or(true))
            .find(|i| {
                lines
                    .get(*i)
                    .is_some_and(|l| spec.has_style(l.style) || spec.has_tag(&l.tags))
            });
        if let Some(index) = number_line {
            claim(&mut claimed, index);
        }
    }
    // No group line found by its shape: the template's place, the line under the number.
    if let (Some(_), None, Some(number)) = (group_spec, group_line, number_line) {
        let below = lines.get(number).and_then(|n| {
            (number + 1..lines.len()).find(|i| {
                !claimed.get(*i).copied().unwrap_or(true)
                    && lines.get(*i).is_some_and(|l| {
                        l.at.column == n.at.column && l.at.row <= n.at.row + 1 && l.pos.0 == n.pos.0
                    })
            })
        });
        if let Some(index) = below {
            claim(&mut claimed, index);
            group_line = Some(index);
        }
    }
    if let (Some(spec), Some(line)) = (number_spec, number_line.and_then(|i| lines.get(i))) {
        header.set(line.field(&spec.key, line.text.clone(), "document number"));
    }
    if let (Some(spec), Some(line)) = (group_spec, group_line.and_then(|i| lines.get(i))) {
        header.set(line.field(&spec.key, line.text.clone(), "group"));
    }
}

/// "2017-2020" from "2017-2020 (extended)" or "2017 - 2020".
fn period_of(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect()
}

/// The text of the next visible cell right of a line's cell ("Original:" | "English").
fn next_cell_text(cover: &[Table], line: &Line<'_>) -> Option<String> {
    let row = cover.get(line.pos.0)?.rows.get(line.pos.1)?;
    row.cells
        .iter()
        .skip(line.pos.2 + 1)
        .map(|c| text::fold(&c.text()))
        .find(|t| !t.is_empty())
}

/// Fields beside another (place and dates): the cell after the other's value, else a cell
/// tagged for it anywhere on the cover.
fn read_beside(
    beside_cells: &[(String, CellRef<'_>)],
    cover: &[Table],
    schema: &HeaderSchema,
    header: &mut Header,
) {
    for spec in schema.of_kind(FieldKind::Beside) {
        let beside = beside_cells
            .iter()
            .find(|(key, cell)| *key == spec.key && !text::is_blank(&cell.cell.text()));
        if let Some((_, cell)) = beside {
            header.set(Field {
                key: spec.key.clone(),
                value: cell.cell.text(),
                place: cell.place(&spec.name.to_lowercase()),
                line: None,
            });
            continue;
        }
        let tagged = cover.iter().find_map(|table| {
            table.rows.iter().enumerate().find_map(|(row, r)| {
                r.cells.iter().enumerate().find_map(|(column, cell)| {
                    (spec.has_tag(&cell.tags) && !text::is_blank(&cell.text())).then_some(CellRef {
                        table,
                        row,
                        column,
                        cell,
                    })
                })
            })
        });
        let found = tagged.map(|cell| Field {
            key: spec.key.clone(),
            value: cell.cell.text(),
            place: cell.place(&spec.name.to_lowercase()),
            line: None,
        });
        // An empty cell beside the question is still where the value belongs.
        let empty = beside_cells
            .iter()
            .find(|(key, _)| *key == spec.key)
            .map(|(_, cell)| Field {
                key: spec.key.clone(),
                value: cell.cell.text(),
                place: cell.place(&spec.name.to_lowercase()),
                line: None,
            });
        if let Some(field) = found.or(empty) {
            header.set(field);
        }
    }
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

/// Finds e-mail addresses in a contact cell. A value after an e-mail label must be an
/// address; elsewhere in the cell, anything shaped like an address counts.
fn collect_emails(cell_text: &str, email_labels: &[String], contact: &mut Contact) {
    for line in cell_text.split(['\n', '\r']) {
        let folded = text::fold(line);
        let lower = folded.to_lowercase();
        let label_end = email_labels
            .iter()
            .filter_map(|label| {
                let start = lower.find(label.as_str())?;
                let after = lower.get(start + label.len()..)?;
                let colon = after.find(':')?;
                // Only "E-mail:" with nothing but spaces before the colon is a label.
                after
                    .get(..colon)?
                    .trim()
                    .is_empty()
                    .then_some(start + label.len() + colon + 1)
            })
            .min();
        match label_end {
            Some(end) => {
                let value = folded.get(end..).unwrap_or_default().trim();
                for candidate in value.split([';', ',', ' ', '\t']).filter(|c| !c.is_empty()) {
                    let candidate = candidate
                        .trim_start_matches("mailto:")
                        .trim_matches(['<', '>', '(', ')', '.']);
                    if is_email(candidate) {
                        contact.emails.push(candidate.to_string());
                    } else if !candidate.is_empty() {
                        contact.invalid_emails.push(candidate.to_string());
                    }
                }
                if value.is_empty() {
                    contact.invalid_emails.push(String::new());
                }
            }
            None => {
                for word in folded.split([' ', ';', ',', '\t']) {
                    let word = word
                        .trim_start_matches("mailto:")
                        .trim_matches(['<', '>', '(', ')', '.']);
                    if is_email(word) {
                        contact.emails.push(word.to_string());
                    }
                }
            }
        }
    }
}

/// A pragmatic address check: local part, one `@`, a domain with a dot. Not RFC 5322,
/// but it tells `name@example.org` from `name(at)example.org` and `name@example`.
pub fn is_email(candidate: &str) -> bool {
    let Some((local, domain)) = candidate.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'!#$&*/=?^`{|}~".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2);
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::{Para, Row};

    #[test]
    fn email_shapes() {
        assert!(is_email("alice@example.org"));
        assert!(is_email("a.b+c@sub.example.co.uk"));
        assert!(!is_email("name(at)example.org"));
        assert!(!is_email("name@example"));
        assert!(!is_email("@example.org"));
        assert!(!is_email("a@b@c.org"));
    }

    fn contact_of(text: &str) -> Contact {
        let mut contact = Contact {
            details: String::new(),
            emails: Vec::new(),
            invalid_emails: Vec::new(),
            place: Place::default(),
        };
        let labels: Vec<String> = ["e-mail", "email", "e mail", "mail"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        collect_emails(text, &labels, &mut contact);
        contact
    }

    #[test]
    fn email_labels_in_contact_cells() {
        let c =
            contact_of("Tel:\t+41 22 730 5111\nFax:\t+41 22 730 5853\nE-mail:\talice@example.org");
        assert_eq!(c.emails, ["alice@example.org"]);
        assert!(c.invalid_emails.is_empty());
        let c = contact_of("Email : bob(at)example.org");
        assert!(c.emails.is_empty());
        assert_eq!(c.invalid_emails, ["bob(at)example.org"]);
        let c = contact_of("Tel: +1 555\nmailto:carol@example.org");
        assert_eq!(c.emails, ["carol@example.org"]);
    }

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
