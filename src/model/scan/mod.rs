//! One streaming pass over a WordprocessingML part (body, header, footer, notes, comments).
//!
//! It reads text as Word shows it: runs split mid-word are joined, `w:tab` and `w:br`
//! become tab and line break, field instructions (`w:instrText`) and deleted or moved-away
//! text are not text, content controls showing their placeholder are empty, hidden runs are
//! set aside, and `mc:Fallback` (a duplicate of `mc:Choice` for old readers) is skipped.
//!
//! The pass is an event driver ([`scan_part`]) over small collectors: where the scanner is
//! ([`place`]), the text of paragraphs and runs ([`text`]), the tables kept for the cover
//! ([`tables`]), tracked changes, hidden text and comments ([`marks`]), fields and objects
//! ([`objects`]), page setup ([`sections`]).
//!
//! Memory and time stay bounded whatever the part holds (issue 12): text is clipped *before*
//! it is stored, every list kept has a cap, and a signal's place is formatted only for the
//! few examples kept.

pub mod census;
pub mod marks;
pub mod objects;
mod part;
pub mod place;
mod sample;
pub mod sections;
mod story;
mod structure;
pub mod tables;
mod text;

use std::io::BufRead;

use crate::model::styles::Styles;
use crate::package::PackageError;
use crate::xml::{Element, Ns, XmlEvent, XmlReader};
pub use census::ScriptCensus;
pub use marks::{ChangeKind, CommentAnchor, CommentNote, Comments, Mark, Marks, Revisions};
use objects::FieldFrame;
pub use objects::{AltChunk, Field, ObjectInfo};
pub use part::{FirstBlock, PartScan};
pub use place::{At, Place, Role};
use place::{Position, Starts};
use sample::Spread;
pub use sections::{Section, parse_twips};
use tables::{Capture, SdtFrame};
use text::TextState;

/// Bytes of a part's visible text kept (page headers and footers are short).
const MAX_PART_TEXT: usize = 64 * 1024;
/// Sections kept per part (the last one is always kept: layout rules read it).
const MAX_SECTIONS: usize = 64;
/// Comment ranges open at once.
const MAX_OPEN_RANGES: usize = 16;
/// Bytes kept of short identifiers (tags, ProgIDs, relationship ids, authors).
const MAX_NAME_BYTES: usize = 256;

/// Appends as much of `text` as fits in `max` bytes in all, on a character boundary.
fn push_capped(out: &mut String, text: &str, max: usize) {
    let room = max.saturating_sub(out.len());
    out.push_str(crate::xml::clip_bytes(text, room));
}

fn short(text: String) -> String {
    if text.len() <= MAX_NAME_BYTES {
        text
    } else {
        crate::xml::clip_bytes(&text, MAX_NAME_BYTES).to_string()
    }
}

/// A comment range open in a story part: its id, the text read so far, where it starts.
struct OpenRange {
    id: String,
    text: String,
    place: Place,
}

struct Scanner<'s> {
    styles: &'s Styles,
    at: Position,
    out: PartScan,
    text: TextState<'s>,
    /// The table being kept for the cover, and whether the zone where it may be is over.
    capture: Option<Capture>,
    zone_closed: bool,
    sdt: Vec<SdtFrame>,
    fields: Vec<FieldFrame>,
    section: Option<Section>,
    /// Inside `w:*PrChange`: the properties there are the old ones.
    change_depth: usize,
    starts: Starts,
    ranges: Vec<OpenRange>,
    /// The comment being read in a comments part: id, author, date, text so far.
    comment: Option<CommentNote>,
    /// Main part: the body text for language identification.
    sample: Spread,
}

/// Revision marks: insertions, deletions, moves and property changes.
fn is_revision(local: &[u8]) -> bool {
    matches!(
        local,
        b"ins"
            | b"del"
            | b"moveFrom"
            | b"moveTo"
            | b"rPrChange"
            | b"pPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"sectPrChange"
            | b"numberingChange"
            | b"tblGridChange"
            | b"cellIns"
            | b"cellDel"
            | b"cellMerge"
    )
}

/// The WordprocessingML elements some collector reads at their start: one match sends
/// the rest (run and paragraph formatting, most of a part's elements) past them all.
/// A collector that reads a new element adds it here.
fn is_collected(local: &[u8]) -> bool {
    matches!(
        local,
        // structure
        b"p" | b"tbl" | b"tr" | b"tc" | b"gridSpan" | b"vMerge"
        // text
        | b"pPr" | b"pStyle" | b"r" | b"rPr" | b"vanish" | b"rStyle" | b"t" | b"instrText"
        | b"tab" | b"br" | b"cr" | b"noBreakHyphen" | b"drawing" | b"pict" | b"object"
        // content controls
        | b"sdt" | b"sdtPr" | b"tag" | b"alias" | b"showingPlcHdr"
        // fields, objects, imported content, links
        | b"fldChar" | b"fldSimple" | b"subDoc" | b"altChunk" | b"objectEmbed" | b"objectLink"
        // comments, notes, sections
        | b"sectPr" | b"commentRangeStart" | b"commentRangeEnd" | b"commentReference"
        | b"comment" | b"footnote" | b"endnote" | b"pgSz" | b"pgMar" | b"titlePg"
        | b"headerReference" | b"footerReference"
    )
}

/// Scans one part. `styles` resolves hidden text through style chains.
pub fn scan_part<B: BufRead>(
    source: B,
    part: &str,
    role: Role,
    styles: &Styles,
) -> Result<PartScan, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut scanner = Scanner {
        styles,
        at: Position::new(role, part),
        out: PartScan {
            part: part.to_string(),
            ..PartScan::default()
        },
        text: TextState::new(styles),
        capture: None,
        zone_closed: role != Role::Main,
        sdt: Vec::new(),
        fields: Vec::new(),
        section: None,
        change_depth: 0,
        starts: Starts::default(),
        ranges: Vec::new(),
        comment: None,
        sample: Spread::default(),
    };
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) => {
                if e.is(Ns::Mc, "Fallback") {
                    reader.skip_element()?;
                    continue;
                }
                scanner.start(&e, false);
            }
            XmlEvent::Empty(e) => {
                scanner.start(&e, true);
                // Only elements whose start changed state unconditionally are closed here;
                // an empty `<w:sdt/>` or `<w:del/>` opened nothing.
                if e.ns == Ns::W
                    && matches!(e.local(), b"p" | b"tbl" | b"r" | b"pPr" | b"rPr" | b"t")
                {
                    scanner.end(e.local());
                }
            }
            XmlEvent::End(e) => {
                if e.ns == Ns::W {
                    scanner.end(e.local());
                }
            }
            XmlEvent::Text(text) => scanner.text.text(&text, &mut scanner.fields),
            XmlEvent::Other => {}
            XmlEvent::Eof => break,
        }
    }
    let scan = scanner.finish();
    crate::guard::budget::charge(scan.kept_bytes(), part)?;
    Ok(scan)
}

impl Scanner<'_> {
    fn start(&mut self, e: &Element<'_>, empty: bool) {
        match e.ns {
            Ns::W => self.start_w(e, empty),
            Ns::A if e.local() == b"blip" => {
                if let Some(id) = e.attr("link") {
                    self.use_rel(id);
                }
            }
            Ns::V if e.local() == b"imagedata" => {
                if let Some(id) = e.attr("id") {
                    self.use_rel(id);
                }
            }
            Ns::O if e.local() == b"OLEObject" => {
                let linked = e
                    .attr("Type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("Link"));
                let prog_id = e.attr("ProgID").unwrap_or_default();
                self.add_object(prog_id, linked, e.attr("id"));
            }
            _ => {}
        }
    }

    fn start_w(&mut self, e: &Element<'_>, empty: bool) {
        let local = e.local();
        // Revision marks, wherever they are.
        if is_revision(local) {
            self.start_revision(local, e, empty);
            return;
        }
        if self.change_depth > 0 || !is_collected(local) {
            return;
        }
        let _ = self.start_structure(local, e)
            || self.text.start(local, e, empty)
            || self.start_control(local, e, empty)
            || self.start_reference(local, e)
            || self.start_story(local, e, empty);
    }

    fn start_revision(&mut self, local: &[u8], e: &Element<'_>, empty: bool) {
        if self.change_depth == 0 {
            let author = e.attr("author").map(short);
            let date = e.attr("date").map(short);
            let place = if self.out.revisions.marks.wants_example() {
                Some(self.place())
            } else {
                None
            };
            self.out
                .revisions
                .add(local, author, date, || place.unwrap_or_default());
        }
        // `w:rPrChange` and its kin hold the *old* properties: never read them as current.
        if local.ends_with(b"Change") && !empty {
            self.change_depth += 1;
        }
        if matches!(local, b"del" | b"moveFrom") && !empty && !self.text.in_properties() {
            self.text.not_text += 1;
        }
    }

    fn end(&mut self, local: &[u8]) {
        let revision = is_revision(local);
        if revision && local.ends_with(b"Change") {
            self.change_depth = self.change_depth.saturating_sub(1);
            return;
        }
        if self.change_depth > 0 {
            return;
        }
        if revision {
            if matches!(local, b"del" | b"moveFrom") && !self.text.in_properties() {
                self.text.not_text = self.text.not_text.saturating_sub(1);
            }
            return;
        }
        match local {
            b"t" => {
                if self.text.end_text() {
                    // The run's buffer is lent out and given back: no allocation per run.
                    let run_text = self.text.take_run_text();
                    self.push_run_text(&run_text);
                    self.text.give_back_run_text(run_text);
                }
            }
            b"p" => self.end_paragraph(),
            b"tc" if self.at.table_depth == 1 => {
                self.at.in_cell = false;
                if self.at.cell == 1 {
                    // The row's label, for places: clipped once here, not for every mark.
                    let row = self.at.row;
                    self.at.row_label = self.capture.as_ref().and_then(|c| c.row_label(row));
                }
            }
            b"tr" if self.at.table_depth == 1 => {
                self.at.in_row = false;
                self.at.in_cell = false;
            }
            b"tbl" => self.end_table(),
            b"sdtPr" => {
                if let Some(frame) = self.sdt.last_mut() {
                    frame.in_props = false;
                }
            }
            b"sdt" => {
                if let Some(frame) = self.sdt.pop()
                    && frame.placeholder
                {
                    self.text.not_text = self.text.not_text.saturating_sub(1);
                }
            }
            b"sectPr" => {
                if let Some(section) = self.section.take() {
                    // The last section is the one layout rules read: keep it, replacing
                    // the last kept one once the cap is reached.
                    if self.out.sections.len() >= MAX_SECTIONS {
                        self.out.sections.pop();
                    }
                    self.out.sections.push(section);
                }
            }
            b"comment" => {
                if let Some(note) = self.comment.take() {
                    self.out.comments.note(note);
                }
                self.at.comment = None;
            }
            other => self.text.end(other),
        }
    }

    /// A run's text is visible unless it is hidden (directly, through its character style,
    /// or through the paragraph's style chain), deleted, moved away or a placeholder.
    fn push_run_text(&mut self, run_text: &str) {
        if self.text.not_text > 0 {
            return;
        }
        if self.text.run_is_hidden() {
            if !crate::text::is_blank(run_text) {
                if self.out.hidden.wants_example() {
                    let detail = Some(crate::text::clip(run_text, 60));
                    let place = self.place();
                    self.out.hidden.add("hidden run", detail, || place);
                } else {
                    self.out.hidden.count += 1;
                }
            }
            return;
        }
        self.text.push_visible(run_text, self.at.para_depth);
        for range in &mut self.ranges {
            push_capped(&mut range.text, run_text, 4 * marks::COMMENT_CHARS);
        }
    }

    /// Where the scanner is, in Word terms; a body paragraph's opening words are added
    /// when it ends.
    fn place(&mut self) -> Place {
        let place = self.at.place();
        if let At::Paragraph(number) = place.at {
            self.starts.want(number);
        }
        place
    }

    fn finish(mut self) -> PartScan {
        self.out.sample = std::mem::take(&mut self.sample).into_text();
        if let Some(capture) = self.capture.take() {
            self.out.header_tables.push(capture.table);
        }
        // Ranges never closed are anchored where they start.
        for range in std::mem::take(&mut self.ranges) {
            self.out.comments.anchors.push(CommentAnchor {
                id: range.id,
                text: crate::text::clip(&range.text, marks::COMMENT_CHARS),
                place: range.place,
            });
        }
        let starts = std::mem::take(&mut self.starts);
        self.out
            .for_each_place_mut(&mut |place| starts.complete(place));
        for note in &mut self.out.comments.notes {
            note.text = crate::text::clip(&note.text, marks::COMMENT_CHARS);
        }
        self.out
    }
}

#[cfg(test)]
mod tests;
