//! Labelled rows: a label cell (`Title:`) and the value beside it; contacts, one row per
//! person; the cells beside a field that other fields take (place and dates).

use super::{CellRef, Contact, Field, FieldKind, FieldSpec, Header, HeaderSchema, Line, contacts};
use crate::model::table::{Cell, Table, VMerge};
use crate::text;

/// Splits `"Title: Quantum networks"` into the field and the inline value, for producers
/// that put label and value in one cell.
pub(super) fn inline_label<'s>(
    schema: &'s HeaderSchema,
    cell_text: &str,
) -> Option<(&'s FieldSpec, String)> {
    let folded = text::fold(cell_text);
    let (head, rest) = folded.split_once(':')?;
    let spec = schema.match_label(&text::label_key(head))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (spec, rest.to_string()))
}

/// A label cell: the field it names, whether it is written with a colon, and a value
/// written in the same cell.
pub(super) fn label_of<'s>(
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

/// Reads one cover table: labelled rows become fields and contacts; the lines of the other
/// rows are collected for the top block.
pub(super) fn read_table<'t>(
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
            // A row continuing a merged "Contact:" cell is named by the label Word shows.
            let label_text = match (continued_contact, header.contacts.last()) {
                (true, Some(previous)) => previous.label.clone(),
                _ => text::clip(&cell.text(), 30),
            };
            let label_ref = CellRef {
                table,
                row: row_index,
                column,
                cell,
            };
            let mut label_place = label_ref.labelled_place(&label_text);
            // The second and later contact rows: "cover, row 'Contact:' (2nd)".
            if spec.kind == FieldKind::Contact && !header.contacts.is_empty() {
                label_place.anchor = format!(
                    "{} ({})",
                    label_place.anchor,
                    ordinal(header.contacts.len() + 1)
                );
            }
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
                    label: label_text.clone(),
                    details: inline_value
                        .clone()
                        .or_else(|| rest.first().cloned())
                        .unwrap_or_default(),
                    emails: Vec::new(),
                    invalid_emails: Vec::new(),
                    place: label_place,
                };
                for text in inline_value.iter().chain(&rest) {
                    contacts::collect_emails(text, &spec.email_labels, &mut contact);
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

/// "2nd", "3rd", "11th".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
