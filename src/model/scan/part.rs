//! What one pass over a part found, and the places it holds.

use serde::Serialize;

use super::marks::{Comments, Marks, Revisions};
use super::objects::{AltChunk, Field, ObjectInfo};
use super::place::Place;
use super::sections::Section;
use crate::model::table::Table;

/// Everything one pass over a part found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PartScan {
    pub part: String,
    /// Main part only: the kind of the first top-level block with content.
    pub first_block: Option<FirstBlock>,
    /// Main part only: the tables at the top of the body (the cover's candidates).
    pub header_tables: Vec<Table>,
    pub sections: Vec<Section>,
    pub revisions: Revisions,
    pub hidden: Marks,
    pub objects: Vec<ObjectInfo>,
    /// `w:altChunk` elements (capped like objects).
    pub alt_chunks: Vec<AltChunk>,
    pub fields: Vec<Field>,
    /// Where relationships that may point outside the file are used: a picture's
    /// `a:blip r:link`, VML `v:imagedata`, `w:subDoc` (relationship id, place).
    pub rel_uses: Vec<(String, Place)>,
    /// Main part: a capped sample of the visible body text outside the cover tables.
    pub sample: String,
    /// Other parts: their visible text, capped (page headers and footers are short).
    pub text: String,
    pub comments: Comments,
}

impl PartScan {
    /// About how many bytes this scan keeps, for the file's budget of kept bytes.
    pub fn kept_bytes(&self) -> usize {
        let mut total = self.part.len() + self.sample.len() + self.text.len() + 512;
        self.for_each_place(&mut |place| {
            total += place.part.len() + place.path.len() + place.anchor.len() + 72;
        });
        for cell in self
            .header_tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .flat_map(|r| r.cells.iter())
        {
            total += 96 + cell.tags.iter().map(|t| t.len() + 24).sum::<usize>();
            for para in &cell.paragraphs {
                total += para.text.len() + para.style.as_ref().map_or(0, String::len) + 48;
            }
        }
        for mark in self
            .revisions
            .marks
            .examples
            .iter()
            .chain(&self.hidden.examples)
        {
            total += mark.kind.len() + mark.detail.as_ref().map_or(0, String::len);
        }
        total += self
            .objects
            .iter()
            .map(|o| o.prog_id.len() + 64)
            .sum::<usize>();
        total += self
            .fields
            .iter()
            .map(|f| f.instruction.len() + 24)
            .sum::<usize>();
        total += self
            .comments
            .notes
            .iter()
            .map(|n| n.id.len() + n.author.len() + n.text.len() + 48)
            .sum::<usize>();
        total += self
            .comments
            .anchors
            .iter()
            .map(|a| a.id.len() + a.text.len())
            .sum::<usize>();
        total
    }

    /// Every place this scan holds, to complete anchors once more is known.
    pub fn for_each_place_mut(&mut self, visit: &mut dyn FnMut(&mut Place)) {
        for mark in self
            .revisions
            .marks
            .examples
            .iter_mut()
            .chain(self.hidden.examples.iter_mut())
        {
            visit(&mut mark.place);
        }
        for object in &mut self.objects {
            visit(&mut object.place);
        }
        for chunk in &mut self.alt_chunks {
            visit(&mut chunk.place);
        }
        for field in &mut self.fields {
            visit(&mut field.place);
        }
        for section in &mut self.sections {
            visit(&mut section.place);
        }
        for anchor in &mut self.comments.anchors {
            visit(&mut anchor.place);
        }
        for (_, place) in &mut self.rel_uses {
            visit(place);
        }
    }

    fn for_each_place(&self, visit: &mut dyn FnMut(&Place)) {
        let marks = self
            .revisions
            .marks
            .examples
            .iter()
            .chain(&self.hidden.examples);
        for place in marks
            .map(|m| &m.place)
            .chain(self.objects.iter().map(|o| &o.place))
            .chain(self.alt_chunks.iter().map(|c| &c.place))
            .chain(self.fields.iter().map(|f| &f.place))
            .chain(self.sections.iter().map(|s| &s.place))
            .chain(self.comments.anchors.iter().map(|a| &a.place))
            .chain(self.rel_uses.iter().map(|(_, p)| p))
        {
            visit(place);
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum FirstBlock {
    Table,
    Paragraph(String),
}
