//! What a story part points at or holds beyond its text: fields, objects, imported
//! content, links, comment ranges and comments, notes, section properties.

use super::marks::{self, CommentAnchor, CommentNote};
use super::objects::{FieldFrame, MAX_FIELDS, MAX_INSTRUCTION, MAX_OBJECTS, MAX_OPEN_FIELDS};
use super::place::Role;
use super::{AltChunk, Field, MAX_OPEN_RANGES, ObjectInfo, OpenRange, Scanner, Section, short};
use crate::xml::Element;

impl Scanner<'_> {
    /// Fields, objects, imported content and links. Returns true when the element was one.
    pub(super) fn start_reference(&mut self, local: &[u8], e: &Element<'_>) -> bool {
        match local {
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
            b"subDoc" => {
                if let Some(id) = e.attr("id") {
                    self.use_rel(id);
                }
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
            _ => return false,
        }
        true
    }

    /// Comments, notes and section properties. Returns true when the element was one.
    pub(super) fn start_story(&mut self, local: &[u8], e: &Element<'_>, empty: bool) -> bool {
        match local {
            b"sectPr" if !empty => {
                let place = self.place();
                self.section = Some(Section {
                    place,
                    ..Section::default()
                });
            }
            b"commentRangeStart" => {
                if self.ranges.len() < MAX_OPEN_RANGES && self.out.comments.wants_anchor() {
                    let id = short(e.attr("id").unwrap_or_default());
                    let place = self.place();
                    self.ranges.push(OpenRange {
                        id,
                        text: String::new(),
                        place,
                    });
                }
            }
            b"commentRangeEnd" => {
                let id = e.attr("id").unwrap_or_default();
                if let Some(index) = self.ranges.iter().position(|r| r.id == id) {
                    let range = self.ranges.remove(index);
                    self.out.comments.anchors.push(CommentAnchor {
                        id: range.id,
                        text: crate::text::clip(&range.text, marks::COMMENT_CHARS),
                        place: range.place,
                    });
                }
            }
            b"commentReference" => {
                // A point comment (no range): anchored where its mark is.
                let id = short(e.attr("id").unwrap_or_default());
                let known = self.out.comments.anchors.iter().any(|a| a.id == id)
                    || self.ranges.iter().any(|r| r.id == id);
                if !known && self.out.comments.wants_anchor() {
                    let place = self.place();
                    self.out.comments.anchors.push(CommentAnchor {
                        id,
                        text: String::new(),
                        place,
                    });
                }
            }
            b"comment" if self.at.role == Role::Comments && !empty => {
                let author = short(e.attr("author").unwrap_or_default());
                let date = e.attr("date").and_then(|d| d.get(..10).map(str::to_string));
                self.at.note += 1;
                self.at.comment = Some((self.at.note, author.clone()));
                self.comment = Some(CommentNote {
                    id: short(e.attr("id").unwrap_or_default()),
                    author,
                    date,
                    text: String::new(),
                });
            }
            b"footnote" | b"endnote" if !empty => {
                // Separators are notes in the part, but not notes a reader numbers.
                let kind = e.attr("type").unwrap_or_default();
                if kind.is_empty() || kind == "normal" {
                    self.at.note += 1;
                }
            }
            _ => {
                return match self.section.as_mut() {
                    Some(section) => section.read(local, e, short),
                    None => false,
                };
            }
        }
        true
    }

    pub(super) fn record_field(&mut self, instruction: String) {
        let instruction = crate::text::fold(&instruction);
        if instruction.is_empty() || self.out.fields.len() >= MAX_FIELDS {
            return;
        }
        let instruction = crate::xml::clip_bytes(&instruction, MAX_INSTRUCTION).to_string();
        let place = self.place();
        self.out.fields.push(Field { instruction, place });
    }

    pub(super) fn use_rel(&mut self, id: String) {
        let id = short(id);
        if self.out.rel_uses.len() < MAX_OBJECTS && !self.out.rel_uses.iter().any(|(r, _)| *r == id)
        {
            let place = self.place();
            self.out.rel_uses.push((id, place));
        }
    }

    pub(super) fn add_object(&mut self, prog_id: String, linked: bool, rel_id: Option<String>) {
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
}
