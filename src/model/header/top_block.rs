//! The unlabelled top block (number, group line, `Original:`, study period, document
//! type) and the fields beside others: each field claims the line that has its shape.

use super::{CellRef, Field, FieldKind, Header, HeaderSchema, Line, keys, what_of};
use crate::model::table::Table;
use crate::text;

/// The unlabelled top block: each field claims the line that has its shape.
pub(super) fn read_top_block(
    lines: &[Line<'_>],
    cover: &[Table],
    schema: &HeaderSchema,
    header: &mut Header,
) {
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
        header.set(line.field(&spec.key, value, &what_of(spec)));
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
            header.set(line.field(&spec.key, line.text.clone(), &what_of(spec)));
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
        header.set(line.field(&spec.key, line.text.clone(), &what_of(spec)));
    }
    if let (Some(spec), Some(line)) = (group_spec, group_line.and_then(|i| lines.get(i))) {
        header.set(line.field(&spec.key, line.text.clone(), &what_of(spec)));
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
pub(super) fn read_beside(
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
                place: cell.place(&what_of(spec)),
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
            place: cell.place(&what_of(spec)),
            line: None,
        });
        // An empty cell beside the question is still where the value belongs.
        let empty = beside_cells
            .iter()
            .find(|(key, _)| *key == spec.key)
            .map(|(_, cell)| Field {
                key: spec.key.clone(),
                value: cell.cell.text(),
                place: cell.place(&what_of(spec)),
                line: None,
            });
        if let Some(field) = found.or(empty) {
            header.set(field);
        }
    }
}
