//! Where the scanner is, and how a place is named for a person.
//!
//! A `.docx` has no line numbers. A place carries the part and an XPath-like path for
//! machines (JSON, SARIF, `fgcheck annotate` finds the element by it), and an anchor in Word
//! terms for people: "body, paragraph 12 (under heading '3 Proposal'), starting 'The
//! controller ...'", "body, table 2, row 3", "footnote 3", "comment 2 by A. Example".
//! Some words are known only later: a paragraph's opening words when the mark is at its
//! start, whether a table is the cover, which section a page header belongs to. So a place
//! keeps what it is about ([`At`]) and its anchor is completed once they are known.

use serde::Serialize;

use crate::text;

/// Characters of a paragraph's opening quoted in places.
const START_CHARS: usize = 40;

/// What a place is about, kept to complete its anchor later.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum At {
    #[default]
    Part,
    /// A top-level body paragraph (1-based, counted as the path counts them).
    Paragraph(usize),
    /// A row of a top-level body table: its number, the row, and the row's label (the first
    /// cell's text, for cover rows).
    Row {
        table: usize,
        row: usize,
        label: Option<String>,
    },
}

/// A place in the document, for messages.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Place {
    pub part: String,
    pub path: String,
    pub anchor: String,
    #[serde(skip)]
    pub at: At,
}

impl Place {
    /// A part as a whole: "page header (header1.xml)".
    pub fn part(part: &str, anchor: impl Into<String>) -> Place {
        Place {
            part: part.to_string(),
            path: String::new(),
            anchor: anchor.into(),
            at: At::Part,
        }
    }
}

/// Which part is scanned; decides anchors and whether header tables are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Main,
    Header,
    Footer,
    Footnotes,
    Endnotes,
    Comments,
}

/// The scanner's position, counted the way paths count (see `model::blocks`, which
/// `fgcheck annotate` uses to find the same element again).
#[derive(Debug)]
pub struct Position {
    pub role: Role,
    pub part: String,
    /// Top-level blocks entered so far (paragraphs and tables).
    pub blocks: usize,
    /// The current top-level block (element name, index).
    pub block: Option<(&'static str, usize)>,
    /// Top-level paragraphs ended so far.
    pub paragraphs: usize,
    /// Top-level tables entered so far.
    pub tables: usize,
    pub table_depth: usize,
    pub para_depth: usize,
    pub row: usize,
    pub cell: usize,
    /// The first cell's text of the current row, clipped once that cell ended.
    pub row_label: Option<String>,
    pub in_row: bool,
    pub in_cell: bool,
    pub last_heading: Option<String>,
    /// Notes and comments: the ordinal of the one being read (separators not counted).
    pub note: usize,
    /// The comment being read (comments part): its number and author.
    pub comment: Option<(usize, String)>,
}

impl Position {
    pub fn new(role: Role, part: &str) -> Position {
        Position {
            role,
            part: part.to_string(),
            blocks: 0,
            block: None,
            paragraphs: 0,
            tables: 0,
            table_depth: 0,
            para_depth: 0,
            row: 0,
            cell: 0,
            row_label: None,
            in_row: false,
            in_cell: false,
            last_heading: None,
            note: 0,
            comment: None,
        }
    }

    /// An XPath-like path to the current top-level block.
    pub fn body_path(&self) -> String {
        match self.block {
            Some((name, index)) => format!("/w:document/w:body/w:{name}[{index}]"),
            None => String::new(),
        }
    }

    /// Counts a top-level block of the body.
    pub fn enter_block(&mut self, name: &'static str) {
        if self.role != Role::Main {
            return;
        }
        self.blocks += 1;
        let index = match name {
            "p" => self.paragraphs + 1,
            _ => self.tables,
        };
        // Content controls and customXml wrap blocks; the path names the block itself.
        self.block = Some((name, index));
    }

    /// Where the scanner is now, in Word terms (completed later, see [`complete`]).
    pub fn place(&self) -> Place {
        let part = self.part.clone();
        let file = part.rsplit('/').next().unwrap_or(&part).to_string();
        match self.role {
            Role::Main => {}
            Role::Comments => {
                let anchor = match &self.comment {
                    Some((number, author)) if !author.is_empty() => {
                        format!("comment {number} by {author}")
                    }
                    Some((number, _)) => format!("comment {number}"),
                    None => "comments".to_string(),
                };
                return Place::part(&part, anchor);
            }
            Role::Footnotes | Role::Endnotes => {
                let kind = if self.role == Role::Footnotes {
                    "footnote"
                } else {
                    "endnote"
                };
                let anchor = if self.note > 0 {
                    format!("{kind} {}", self.note)
                } else {
                    format!("{kind}s ({file})")
                };
                return Place::part(&part, anchor);
            }
            Role::Header => return Place::part(&part, format!("page header ({file})")),
            Role::Footer => return Place::part(&part, format!("page footer ({file})")),
        }
        if self.table_depth >= 1 {
            let label = self.row_label.clone().filter(|_| self.cell > 1);
            let table = self.tables;
            let anchor = match &label {
                Some(label) => format!("body, table {table}, row {} ('{label}')", self.row),
                None => format!("body, table {table}, row {}", self.row),
            };
            return Place {
                part,
                path: format!(
                    "{}/w:tr[{}]/w:tc[{}]",
                    self.body_path(),
                    self.row,
                    self.cell.max(1)
                ),
                anchor,
                at: At::Row {
                    table,
                    row: self.row,
                    label,
                },
            };
        }
        let number = self.paragraphs + 1;
        let anchor = match &self.last_heading {
            Some(heading) => format!("body, paragraph {number} (under heading '{heading}')"),
            None => format!("body, paragraph {number}"),
        };
        Place {
            part,
            path: self.body_path(),
            anchor,
            at: At::Paragraph(number),
        }
    }
}

/// Opening words of paragraphs that places point at, filled as the paragraphs end.
#[derive(Debug, Default)]
pub struct Starts {
    wanted: Vec<usize>,
    found: Vec<(usize, String)>,
}

/// Paragraphs whose opening is kept for places (places are kept for a few examples only).
const MAX_STARTS: usize = 256;

impl Starts {
    /// A place points at this paragraph: keep its opening words when it ends.
    pub fn want(&mut self, paragraph: usize) {
        if self.wanted.len() < MAX_STARTS && !self.wanted.contains(&paragraph) {
            self.wanted.push(paragraph);
        }
    }

    /// A top-level paragraph ended with this text.
    pub fn ended(&mut self, paragraph: usize, text: &str) {
        if self.wanted.contains(&paragraph) && !text::is_blank(text) {
            self.found.push((paragraph, text::clip(text, START_CHARS)));
        }
    }

    /// Adds ", starting '...'" to a paragraph's place.
    pub fn complete(&self, place: &mut Place) {
        if let At::Paragraph(number) = place.at
            && let Some((_, start)) = self.found.iter().find(|(n, _)| *n == number)
            && !place.anchor.contains(", starting '")
        {
            place.anchor.push_str(&format!(", starting '{start}'"));
        }
    }
}

/// Names a row of a cover table as the cover reader does: "cover, row 'Title:'".
pub fn cover_anchor(row: usize, label: Option<&str>) -> String {
    match label {
        Some(label) => format!("cover, row '{label}'"),
        None => format!("cover, row {row}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_named_with_their_heading_and_opening_words() {
        let mut position = Position::new(Role::Main, "word/document.xml");
        position.enter_block("p");
        position.last_heading = Some("3 Proposal".into());
        let mut place = position.place();
        assert_eq!(place.path, "/w:document/w:body/w:p[1]");
        let mut starts = Starts::default();
        starts.want(1);
        starts.ended(
            1,
            "The controller relays keys hop by hop between trusted nodes.",
        );
        starts.complete(&mut place);
        assert_eq!(
            place.anchor,
            "body, paragraph 1 (under heading '3 Proposal'), starting 'The controller relays keys hop by hop b…'"
        );
    }

    #[test]
    fn notes_and_comments_are_named_as_word_numbers_them() {
        let mut position = Position::new(Role::Footnotes, "word/footnotes.xml");
        position.note = 3;
        assert_eq!(position.place().anchor, "footnote 3");
        let mut position = Position::new(Role::Comments, "word/comments.xml");
        position.comment = Some((2, "A. Example".into()));
        assert_eq!(position.place().anchor, "comment 2 by A. Example");
    }
}
