//! The header of a contribution, found **by its labels**, never by row or column position.
//!
//! Real headers differ in row count, merging and content controls (the 3GPP tools that read
//! cover pages by coordinates break on every merged cell). So each label cell is matched on
//! its folded text (`"Title:"`, `"TITLE"`, `"Title\u{a0}:"`), and the value is the next cell
//! in the same row that Word shows. The top block (number, group, `Original:`) has no
//! labels: it is found by style (`Docnumber`), content-control tag hints and patterns.

use regex::Regex;
use serde::Serialize;

use crate::model::scan::Place;
use crate::model::table::{Cell, Table, VMerge};
use crate::text;

/// Which label texts name which field; from the profile data in `rules/`.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub question: Vec<String>,
    pub source: Vec<String>,
    pub title: Vec<String>,
    pub purpose: Vec<String>,
    pub contact: Vec<String>,
    pub keywords: Vec<String>,
    pub abstract_: Vec<String>,
    pub original: Vec<String>,
}

/// What the extractor needs besides labels: patterns that recognise unlabelled cells.
#[derive(Clone, Debug, Default)]
pub struct Hints {
    pub labels: Labels,
    pub number_patterns: Vec<Regex>,
    pub group_patterns: Vec<Regex>,
    pub banners: Vec<String>,
    /// Style ids or names that mark the document number (`Docnumber`).
    pub number_styles: Vec<String>,
}

/// One header field: the value as Word shows it and where it is.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub value: String,
    pub place: Place,
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

/// The header as read. Every field is optional: the rules decide what missing means.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Header {
    /// Number of the body table the header was read from (1 = the first block).
    pub table_number: Option<usize>,
    pub doc_number: Option<Field>,
    pub group: Option<Field>,
    pub original: Option<Field>,
    pub study_period: Option<Field>,
    pub question: Option<Field>,
    pub place_dates: Option<Field>,
    pub banner: Option<Field>,
    pub source: Option<Field>,
    pub title: Option<Field>,
    pub purpose: Option<Field>,
    pub keywords: Option<Field>,
    pub abstract_: Option<Field>,
    pub contacts: Vec<Contact>,
    /// Labels in the order met (field key, row), for the template-order rule.
    pub label_order: Vec<(&'static str, Place)>,
}

impl Header {
    /// True when the tables carry at least two different template labels. One stray
    /// "Contact" cell in an ordinary table (seen in the corpus) is not a header, and
    /// treating it as one would report every header field as missing.
    pub fn has_labels(&self) -> bool {
        let mut keys: Vec<&str> = self.label_order.iter().map(|(key, _)| *key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len() >= 2
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Question,
    Source,
    Title,
    Purpose,
    Contact,
    Keywords,
    Abstract,
    Original,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Question => "question",
            Key::Source => "source",
            Key::Title => "title",
            Key::Purpose => "purpose",
            Key::Contact => "contact",
            Key::Keywords => "keywords",
            Key::Abstract => "abstract",
            Key::Original => "original",
        }
    }
}

fn match_label(labels: &Labels, key: &str) -> Option<Key> {
    let lists: [(&Vec<String>, Key); 8] = [
        (&labels.question, Key::Question),
        (&labels.source, Key::Source),
        (&labels.title, Key::Title),
        (&labels.purpose, Key::Purpose),
        (&labels.contact, Key::Contact),
        (&labels.keywords, Key::Keywords),
        (&labels.abstract_, Key::Abstract),
        (&labels.original, Key::Original),
    ];
    lists
        .into_iter()
        .find(|(list, _)| list.iter().any(|label| label == key))
        .map(|(_, k)| k)
}

/// Splits `"Title: Quantum networks"` into the label key and the inline value, for
/// producers that put label and value in one cell.
fn inline_label(labels: &Labels, cell_text: &str) -> Option<(Key, String)> {
    let folded = text::fold(cell_text);
    let (head, rest) = folded.split_once(':')?;
    let key = match_label(labels, &text::label_key(head))?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (key, rest.to_string()))
}

struct CellRef<'t> {
    table: &'t Table,
    row: usize,
    column: usize,
    cell: &'t Cell,
}

impl CellRef<'_> {
    fn place(&self, label: Option<&str>) -> Place {
        let anchor = match label {
            Some(label) => format!(
                "header table {}, row {} ('{}')",
                self.table.number,
                self.row + 1,
                label
            ),
            None => format!("header table {}, row {}", self.table.number, self.row + 1),
        };
        Place {
            part: String::new(),
            path: format!(
                "{}/w:tr[{}]/w:tc[{}]",
                self.table.path,
                self.row + 1,
                self.column + 1
            ),
            anchor,
        }
    }

    fn field(&self, label: Option<&str>) -> Field {
        Field {
            value: self.cell.text(),
            place: self.place(label),
        }
    }
}

/// Reads the header from the header tables. `part` names the main part for locations.
pub fn extract(tables: &[Table], hints: &Hints, part: &str) -> Header {
    let mut header = Header::default();
    for table in tables {
        read_labelled_rows(table, hints, &mut header);
    }
    if let Some(first) = tables
        .iter()
        .find(|t| table_has_labels(t, hints))
        .or(tables.first())
    {
        if header.table_number.is_none() && header.has_labels() {
            header.table_number = Some(first.number);
        }
        read_top_block(first, hints, &mut header);
    }
    set_part(&mut header, part);
    header
}

fn table_has_labels(table: &Table, hints: &Hints) -> bool {
    table.rows.iter().any(|row| {
        row.cells
            .iter()
            .any(|cell| match_label(&hints.labels, &text::label_key(&cell.text())).is_some())
    })
}

fn read_labelled_rows(table: &Table, hints: &Hints, header: &mut Header) {
    let mut previous_row_was_contact = false;
    for (row_index, row) in table.rows.iter().enumerate() {
        let mut row_is_contact = false;
        for (column, cell) in row.cells.iter().enumerate() {
            let cell_text = cell.text();
            let key_text = text::label_key(&cell_text);
            let (key, inline_value) = match match_label(&hints.labels, &key_text) {
                Some(key) => (Some(key), None),
                None => match inline_label(&hints.labels, &cell_text) {
                    Some((key, value)) => (Some(key), Some(value)),
                    None => (None, None),
                },
            };
            // A contact row continuing a vertically merged "Contact:" cell has no label of
            // its own but is still a contact.
            let continued_contact = key.is_none()
                && column == 0
                && previous_row_was_contact
                && cell.v_merge == VMerge::Continue;
            let Some(key) = key.or(continued_contact.then_some(Key::Contact)) else {
                continue;
            };
            if header.table_number.is_none() {
                header.table_number = Some(table.number);
            }
            let label = text::clip(&cell_text, 30);
            let label_ref = CellRef {
                table,
                row: row_index,
                column,
                cell,
            };
            let label_place = label_ref.place(Some(&label));
            if !continued_contact {
                header.label_order.push((key.name(), label_place.clone()));
            }
            let following: Vec<CellRef<'_>> = row
                .cells
                .iter()
                .enumerate()
                .skip(column + 1)
                .filter(|(_, c)| c.v_merge != VMerge::Continue || !text::is_blank(&c.text()))
                .map(|(index, c)| CellRef {
                    table,
                    row: row_index,
                    column: index,
                    cell: c,
                })
                .collect();
            let value = match inline_value {
                Some(value) => Some(Field {
                    value,
                    place: label_place.clone(),
                }),
                None => following.first().map(|c| c.field(Some(&label))),
            };
            match key {
                Key::Question => {
                    set_once(&mut header.question, value);
                    if let Some(third) = following.get(1) {
                        set_once(&mut header.place_dates, Some(third.field(Some(&label))));
                    }
                }
                Key::Source => set_once(&mut header.source, value),
                Key::Title => set_once(&mut header.title, value),
                Key::Purpose => set_once(&mut header.purpose, value),
                Key::Keywords => set_once(&mut header.keywords, value),
                Key::Abstract => set_once(&mut header.abstract_, value),
                Key::Original => set_once(&mut header.original, value),
                Key::Contact => {
                    row_is_contact = true;
                    let rest: Vec<String> = following.iter().map(|c| c.cell.text()).collect();
                    let details = rest.first().cloned().unwrap_or_default();
                    let mut contact = Contact {
                        details,
                        emails: Vec::new(),
                        invalid_emails: Vec::new(),
                        place: label_place,
                    };
                    for text in &rest {
                        collect_emails(text, &mut contact);
                    }
                    header.contacts.push(contact);
                }
            }
            break; // one label per row: the rest of the row is its value
        }
        previous_row_was_contact = row_is_contact;
    }
}

fn set_once(slot: &mut Option<Field>, value: Option<Field>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// The unlabelled top block: document number, group, `Original:`, study period, banner.
fn read_top_block(table: &Table, hints: &Hints, header: &mut Header) {
    let cells = || {
        table.rows.iter().enumerate().flat_map(move |(row, r)| {
            r.cells
                .iter()
                .enumerate()
                .map(move |(column, cell)| CellRef {
                    table,
                    row,
                    column,
                    cell,
                })
        })
    };
    let is_number_style = |cell: &Cell| hints.number_styles.iter().any(|s| cell.has_style(s));
    let number = cells()
        .find(|c| is_number_style(c.cell) && !text::is_blank(&c.cell.text()))
        .or_else(|| {
            cells().find(|c| {
                (c.cell.has_tag("ShortName") || c.cell.has_tag("DocNumber"))
                    && !text::is_blank(&c.cell.text())
            })
        })
        .or_else(|| {
            cells().find(|c| {
                let folded = text::fold(&c.cell.text());
                hints.number_patterns.iter().any(|p| p.is_match(&folded))
            })
        });
    if let Some(number) = &number {
        let mut field = number.field(None);
        // The number is the cell's first line; Word users sometimes add a revision note.
        field.value = text::fold(
            field
                .value
                .lines()
                .find(|l| !text::is_blank(l))
                .unwrap_or_default(),
        );
        field.place.anchor = format!("header table {}, document number", table.number);
        header.doc_number = Some(field);
    }
    let group = cells()
        .find(|c| c.cell.has_tag("SgText"))
        .or_else(|| {
            cells().find(|c| {
                let folded = text::fold(&c.cell.text());
                // The number cell (FG-QIT4N-I-012) names the group too; it is not the group line.
                let is_number = hints.number_patterns.iter().any(|p| p.is_match(&folded));
                !is_number
                    && folded.len() < 200
                    && hints.group_patterns.iter().any(|p| p.is_match(&folded))
            })
        })
        .or_else(|| {
            let number = number.as_ref()?;
            let row = table.rows.get(number.row + 1)?;
            let cell = row.cells.get(number.column).or_else(|| row.cells.last())?;
            Some(CellRef {
                table,
                row: number.row + 1,
                column: number.column,
                cell,
            })
        });
    if let Some(group) = group {
        let mut field = group.field(None);
        field.place.anchor = format!("header table {}, group", table.number);
        header.group = Some(field);
    }
    if header.original.is_none()
        && let Some(cell) =
            cells().find(|c| text::label_key(&c.cell.text()).starts_with("original"))
    {
        let folded = text::fold(&cell.cell.text());
        let value = folded
            .split_once(':')
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        let mut field = cell.field(None);
        field.value = value;
        field.place.anchor = format!("header table {}, 'Original:'", table.number);
        header.original = Some(field);
    }
    if let Some(cell) = cells().find(|c| {
        text::fold(&c.cell.text())
            .to_ascii_uppercase()
            .contains("STUDY PERIOD")
    }) {
        let folded = text::fold(&cell.cell.text()).to_ascii_uppercase();
        let after = folded.split("STUDY PERIOD").nth(1).unwrap_or_default();
        let period: String = after
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        let mut field = cell.field(None);
        field.value = period;
        field.place.anchor = format!("header table {}, study period", table.number);
        header.study_period = Some(field);
    }
    if header.place_dates.as_ref().is_none_or(Field::is_blank) {
        // Place and dates sometimes sit in their own cell (content controls tagged Place and
        // When) instead of right of the WG(s)/Question(s) value.
        if let Some(cell) = cells().find(|c| {
            (c.cell.has_tag("Place") || c.cell.has_tag("When")) && !text::is_blank(&c.cell.text())
        }) {
            let mut field = cell.field(None);
            field.place.anchor = format!(
                "header table {}, row {} (place and dates)",
                table.number,
                cell.row + 1
            );
            header.place_dates = Some(field);
        }
    }
    let banner = cells()
        .find(|c| c.cell.has_tag("DocTypeText") && !text::is_blank(&c.cell.text()))
        .or_else(|| {
            cells().find(|c| {
                let key = text::label_key(&c.cell.text());
                hints.banners.iter().any(|b| b.to_lowercase() == key)
            })
        });
    if let Some(banner) = banner {
        let mut field = banner.field(None);
        field.value = text::fold(&field.value);
        field.place.anchor = format!(
            "header table {}, row {} (document type)",
            table.number,
            banner.row + 1
        );
        header.banner = Some(field);
    }
}

fn set_part(header: &mut Header, part: &str) {
    let fields = [
        &mut header.doc_number,
        &mut header.group,
        &mut header.original,
        &mut header.study_period,
        &mut header.question,
        &mut header.place_dates,
        &mut header.banner,
        &mut header.source,
        &mut header.title,
        &mut header.purpose,
        &mut header.keywords,
        &mut header.abstract_,
    ];
    for field in fields.into_iter().flatten() {
        field.place.part = part.to_string();
    }
    for contact in &mut header.contacts {
        contact.place.part = part.to_string();
    }
    for (_, place) in &mut header.label_order {
        place.part = part.to_string();
    }
}

/// Finds e-mail addresses in a contact cell. A value after an `E-mail:` label must be an
/// address; elsewhere in the cell, anything shaped like an address counts.
fn collect_emails(cell_text: &str, contact: &mut Contact) {
    for line in cell_text.split(['\n', '\r']) {
        let folded = text::fold(line);
        let lower = folded.to_lowercase();
        let label_end = ["e-mail", "email", "e mail", "mail"]
            .iter()
            .filter_map(|label| {
                let start = lower.find(label)?;
                let after = &lower[start + label.len()..];
                let colon = after.find(':')?;
                // Only "E-mail:" with nothing but spaces before the colon is a label.
                after[..colon]
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
        collect_emails(text, &mut contact);
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
}
