//! Paragraphs, tables, rows and cells, and the content controls around them: where the
//! scanner is in the body, and the tables it keeps for the cover.

use super::marks;
use super::place::Role;
use super::tables::{self, Capture, HEADER_ZONE_BLOCKS, MAX_HEADER_TABLES, SdtFrame, SdtLevel};
use super::{FirstBlock, MAX_PART_TEXT, Scanner, push_capped, short};
use crate::model::table::Para;
use crate::model::table::VMerge;
use crate::xml::Element;

impl Scanner<'_> {
    /// Content controls: their tags, and whether they show placeholder text.
    pub(super) fn start_control(&mut self, local: &[u8], e: &Element<'_>, empty: bool) -> bool {
        match local {
            b"sdt" if !empty => {
                let level =
                    if self.at.table_depth == 1 && self.at.para_depth == 0 && !self.at.in_cell {
                        if self.at.in_row {
                            SdtLevel::Cell
                        } else {
                            SdtLevel::Row
                        }
                    } else {
                        SdtLevel::Inline
                    };
                self.sdt.push(SdtFrame::new(level));
            }
            b"sdtPr" => {
                if let Some(frame) = self.sdt.last_mut() {
                    frame.in_props = true;
                }
            }
            b"tag" | b"alias" => {
                if self.sdt.last().is_some_and(|f| f.in_props)
                    && let Some(tag) = e.attr("val")
                {
                    self.note_tag(short(tag));
                }
            }
            b"showingPlcHdr" => {
                let on = e.on_off("val");
                if let Some(frame) = self.sdt.last_mut()
                    && frame.in_props
                    && on
                {
                    frame.placeholder = true;
                    self.text.not_text += 1;
                }
            }
            _ => return false,
        }
        true
    }

    /// Paragraphs, tables, rows and cells. Returns true when the element was one of them.
    pub(super) fn start_structure(&mut self, local: &[u8], e: &Element<'_>) -> bool {
        match local {
            b"p" => self.start_paragraph(),
            b"tbl" => self.start_table(),
            b"tr" if self.at.table_depth == 1 => {
                self.at.in_row = true;
                self.at.row += 1;
                self.at.cell = 0;
                self.at.row_label = None;
                if let Some(capture) = self.capture.as_mut() {
                    capture.start_row();
                }
            }
            b"tc" if self.at.table_depth == 1 => {
                self.at.in_cell = true;
                self.at.cell += 1;
                let tags = tables::wrapping_tags(&self.sdt);
                let row = self.at.row;
                if let Some(capture) = self.capture.as_mut() {
                    capture.start_cell(row, tags);
                }
            }
            b"gridSpan" if self.at.table_depth == 1 => {
                let span = e.attr("val").and_then(|v| v.trim().parse().ok());
                self.merge_cell(Some(span.unwrap_or(1)), None);
            }
            b"vMerge" if self.at.table_depth == 1 => {
                let restart = e
                    .attr("val")
                    .is_some_and(|v| v.eq_ignore_ascii_case("restart"));
                let merge = if restart {
                    VMerge::Restart
                } else {
                    VMerge::Continue
                };
                self.merge_cell(None, Some(merge));
            }
            _ => return false,
        }
        true
    }

    pub(super) fn merge_cell(&mut self, span: Option<u32>, v_merge: Option<VMerge>) {
        let (row, cell) = (self.at.row, self.at.cell);
        if let Some(capture) = self.capture.as_mut() {
            capture.merge(row, cell, span, v_merge);
        }
    }

    pub(super) fn start_paragraph(&mut self) {
        self.at.para_depth += 1;
        if self.at.para_depth > 1 {
            return; // a paragraph in a text box: its text is not the outer paragraph's
        }
        self.text.start_paragraph(tables::paragraph_tags(&self.sdt));
        if self.at.table_depth == 0 {
            self.at.enter_block("p");
        }
    }

    pub(super) fn end_paragraph(&mut self) {
        if self.at.para_depth == 0 {
            return;
        }
        self.at.para_depth -= 1;
        if self.at.para_depth > 0 {
            return;
        }
        let para = self.text.end_paragraph();
        if let Some(para) = self.paragraph_ended(para) {
            self.text.give_back_paragraph(para);
        }
    }

    /// A top-level paragraph ended; gives it back unless a cover table keeps it.
    fn paragraph_ended(&mut self, para: Para) -> Option<Para> {
        if let Some(comment) = self.comment.as_mut() {
            if !comment.text.is_empty() {
                comment.text.push(' ');
            }
            push_capped(&mut comment.text, &para.text, 4 * marks::COMMENT_CHARS);
        }
        if self.at.role != Role::Main {
            if self.out.text.len() < MAX_PART_TEXT {
                if !self.out.text.is_empty() {
                    self.out.text.push('\n');
                }
                push_capped(&mut self.out.text, &para.text, MAX_PART_TEXT);
            }
            return Some(para);
        }
        if self.at.table_depth >= 1
            && let Some(capture) = self.capture.as_mut()
        {
            capture.keep_paragraph(self.at.row, self.at.cell, para);
            return None;
        }
        self.sample.offer(&para.text);
        let blank = crate::text::is_blank(&para.text);
        if para
            .style
            .as_deref()
            .is_some_and(|s| self.styles.is_heading(s))
            && !blank
        {
            self.at.last_heading = Some(crate::text::clip(&para.text, 40));
        }
        if self.at.table_depth == 0 {
            self.at.paragraphs += 1;
            self.starts.ended(self.at.paragraphs, &para.text);
            if self.out.first_block.is_none() && !blank {
                self.out.first_block =
                    Some(FirstBlock::Paragraph(crate::text::clip(&para.text, 60)));
            }
            // A paragraph with text after the first tables closes the cover's zone.
            if !blank && self.at.tables > 0 {
                self.zone_closed = true;
            }
        }
        Some(para)
    }

    pub(super) fn start_table(&mut self) {
        self.at.table_depth += 1;
        if self.at.table_depth != 1 || self.at.para_depth > 0 {
            return;
        }
        self.at.tables += 1;
        self.at.row = 0;
        self.at.enter_block("tbl");
        if self.at.role != Role::Main {
            return;
        }
        if self.out.first_block.is_none() {
            self.out.first_block = Some(FirstBlock::Table);
        }
        if !self.zone_closed
            && self.at.blocks <= HEADER_ZONE_BLOCKS
            && self.out.header_tables.len() < MAX_HEADER_TABLES
        {
            self.capture = Some(Capture::new(self.at.tables, self.at.body_path()));
        }
    }

    pub(super) fn end_table(&mut self) {
        if self.at.table_depth == 0 {
            return;
        }
        self.at.table_depth -= 1;
        if self.at.table_depth == 0
            && let Some(capture) = self.capture.take()
        {
            self.out.header_tables.push(capture.table);
        }
    }

    /// A content control's tag or alias: kept on the control, and on the paragraph and cell
    /// it sits in. Controls around whole rows or cells hand their tags to the cells they
    /// wrap when those start (see `tc`).
    pub(super) fn note_tag(&mut self, tag: String) {
        let level = match self.sdt.last_mut() {
            Some(frame) => {
                frame.tag(&tag);
                frame.level
            }
            None => SdtLevel::Inline,
        };
        if level != SdtLevel::Inline {
            return;
        }
        if self.at.para_depth == 1 {
            self.text.tag_paragraph(&tag);
        }
        let (row, cell) = (self.at.row, self.at.cell);
        if self.at.table_depth >= 1
            && self.at.in_cell
            && let Some(capture) = self.capture.as_mut()
        {
            capture.tag_cell(row, cell, &tag);
        }
    }
}
