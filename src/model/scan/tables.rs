//! The tables at the top of the body, kept whole for the cover reader: rows of cells, each
//! cell its paragraphs with their styles and the tags of the content controls around them
//! (around the run, the paragraph, the whole cell or the whole row).
//!
//! Only these tables are kept, and within caps on rows, cells, paragraphs and bytes (issue
//! 12): a cover is a dozen rows of three cells.

use crate::model::table::{Cell, Para, Row, Table, VMerge};
use crate::xml::clip_bytes;

/// Only this many top-level blocks at the start of the body are searched for the cover.
pub const HEADER_ZONE_BLOCKS: usize = 12;
/// At most this many tables are kept (the template has two).
pub const MAX_HEADER_TABLES: usize = 3;
/// Bytes of one cell paragraph kept; an abstract of 200 words is about 1.5 KB.
const MAX_HEADER_PARAGRAPH_BYTES: usize = 16 * 1024;
/// Paragraphs kept per cell.
const MAX_CELL_PARAGRAPHS: usize = 64;
/// Bytes of text kept per table, all cells together.
const MAX_TABLE_BYTES: usize = 1024 * 1024;
/// Rows kept per table and cells kept per row (the template has 12 rows of 3 cells).
const MAX_ROWS: usize = 128;
const MAX_CELLS: usize = 64;
/// Tags kept per cell, per paragraph and per content control.
const MAX_CELL_TAGS: usize = 16;
const MAX_PARA_TAGS: usize = 8;

/// Where a content control sits, which decides what its tag describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SdtLevel {
    /// Around whole rows of a table (`w:sdt` > `w:tr`): its tags describe every cell.
    Row,
    /// Around one cell (`w:sdt` > `w:tc`), as real study-group covers wrap the group line.
    Cell,
    /// Around paragraphs or runs, or outside tables.
    Inline,
}

/// An open content control.
pub struct SdtFrame {
    pub placeholder: bool,
    pub in_props: bool,
    pub level: SdtLevel,
    pub tags: Vec<String>,
}

impl SdtFrame {
    pub fn new(level: SdtLevel) -> SdtFrame {
        SdtFrame {
            placeholder: false,
            in_props: false,
            level,
            tags: Vec::new(),
        }
    }

    /// Keeps a tag (or alias) of this control.
    pub fn tag(&mut self, tag: &str) {
        if self.tags.len() < MAX_PARA_TAGS && !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_string());
        }
    }
}

/// A table being kept, and what it may still hold.
pub struct Capture {
    pub table: Table,
    bytes: usize,
}

impl Capture {
    pub fn new(number: usize, path: String) -> Capture {
        Capture {
            table: Table {
                number,
                path,
                rows: Vec::new(),
            },
            bytes: 0,
        }
    }

    /// A row starts (the `row`-th of the table).
    pub fn start_row(&mut self) {
        if self.table.rows.len() < MAX_ROWS {
            self.table.rows.push(Row::default());
        }
    }

    /// A cell starts in row `row`, with the tags of the controls around it.
    pub fn start_cell(&mut self, row: usize, tags: Vec<String>) {
        if self.table.rows.len() == row
            && let Some(cells) = self.table.rows.last_mut().map(|r| &mut r.cells)
            && cells.len() < MAX_CELLS
        {
            cells.push(Cell {
                grid_span: 1,
                tags,
                ..Cell::default()
            });
        }
    }

    /// The cell being read, unless its row or itself is past the caps.
    pub fn cell(&mut self, row: usize, cell: usize) -> Option<&mut Cell> {
        Some(&mut self.table)
            .filter(|t| t.rows.len() == row)
            .and_then(|t| t.rows.last_mut())
            .filter(|r| r.cells.len() == cell)
            .and_then(|r| r.cells.last_mut())
    }

    /// `w:gridSpan` and `w:vMerge` of the cell being read.
    pub fn merge(&mut self, row: usize, cell: usize, span: Option<u32>, v_merge: Option<VMerge>) {
        if let Some(current) = self.cell(row, cell) {
            if let Some(span) = span {
                current.grid_span = span;
            }
            if let Some(v_merge) = v_merge {
                current.v_merge = v_merge;
            }
        }
    }

    /// A tag of a control inside the cell being read.
    pub fn tag_cell(&mut self, row: usize, cell: usize, tag: &str) {
        if let Some(current) = self.cell(row, cell)
            && current.tags.len() < MAX_CELL_TAGS
            && !current.tags.iter().any(|t| t == tag)
        {
            current.tags.push(tag.to_string());
        }
    }

    /// Keeps a cell paragraph, clipped to what the cell and the table may still hold.
    pub fn keep_paragraph(&mut self, row: usize, cell: usize, mut para: Para) {
        let room = MAX_HEADER_PARAGRAPH_BYTES.min(MAX_TABLE_BYTES.saturating_sub(self.bytes));
        if para.text.len() > room {
            para.text = clip_bytes(&para.text, room).to_string();
        }
        let kept = para.text.len();
        if let Some(current) = self.cell(row, cell)
            && current.paragraphs.len() < MAX_CELL_PARAGRAPHS
        {
            current.paragraphs.push(para);
            self.bytes += kept;
        }
    }

    /// The first cell's text of row `row`, clipped: the label places name.
    pub fn row_label(&self, row: usize) -> Option<String> {
        Some(&self.table)
            .filter(|t| t.rows.len() == row)
            .and_then(|t| t.rows.last())
            .and_then(|r| r.cells.first())
            .map(|c| crate::text::clip(&c.text(), 30))
            .filter(|label| !label.is_empty())
    }
}

/// The tags of the controls around a cell that starts now: controls around rows and cells
/// read their tags before the cell started.
pub fn wrapping_tags(frames: &[SdtFrame]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for frame in frames.iter().filter(|f| f.level != SdtLevel::Inline) {
        for tag in &frame.tags {
            if tags.len() < MAX_CELL_TAGS && !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
    tags
}

/// The tags a paragraph starting now carries: those of every control around it.
pub fn paragraph_tags(frames: &[SdtFrame]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in frames.iter().flat_map(|f| f.tags.iter()) {
        if tags.len() < MAX_PARA_TAGS && !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_of_controls_around_rows_and_cells_go_to_the_cell() {
        let mut row = SdtFrame::new(SdtLevel::Row);
        row.tag("DocumentSource");
        let mut inline = SdtFrame::new(SdtLevel::Inline);
        inline.tag("Title");
        let frames = [row, inline];
        assert_eq!(wrapping_tags(&frames), ["DocumentSource"]);
        assert_eq!(paragraph_tags(&frames), ["DocumentSource", "Title"]);
    }

    #[test]
    fn a_kept_table_stays_within_its_caps() {
        let mut capture = Capture::new(1, "/w:document/w:body/w:tbl[1]".into());
        capture.start_row();
        capture.start_cell(1, Vec::new());
        let para = Para {
            text: "x".repeat(100_000),
            ..Para::default()
        };
        capture.keep_paragraph(1, 1, para);
        let kept = capture.cell(1, 1).map(|c| c.text().len());
        assert_eq!(kept, Some(MAX_HEADER_PARAGRAPH_BYTES));
        // A cell of a row past the caps is not kept, nor is its text.
        capture.start_cell(2, Vec::new());
        assert!(capture.cell(2, 1).is_none());
        assert_eq!(capture.row_label(1).map(|l| l.chars().count()), Some(30));
    }
}
