//! The text of paragraphs and runs as Word shows it: runs joined, tabs and breaks as
//! characters, field instructions, deleted and moved-away text, placeholders and drawings
//! left out, hidden runs told apart (directly, through their style, through the
//! paragraph's style chain or the document defaults).

use super::objects::{FieldFrame, MAX_INSTRUCTION};
use super::push_capped;
use crate::model::styles::Styles;
use crate::model::table::Para;

/// Bytes of one paragraph's text kept (and of one run's): a page of text is about 3 KB.
const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;
/// Tags kept per paragraph.
const MAX_PARA_TAGS: usize = 8;

pub struct TextState<'s> {
    styles: &'s Styles,
    /// The default paragraph style's id, looked up once: paragraphs without a style inherit
    /// from it.
    default_paragraph: Option<&'s str>,
    pub para: Para,
    in_ppr: bool,
    in_run: bool,
    in_run_rpr: bool,
    run_vanish: Option<bool>,
    run_style: Option<String>,
    run_text: String,
    capturing_text: bool,
    capturing_instr: bool,
    /// Content that is not current text: deleted, moved away, placeholders, drawings.
    pub not_text: usize,
}

impl<'s> TextState<'s> {
    pub fn new(styles: &'s Styles) -> TextState<'s> {
        TextState {
            styles,
            default_paragraph: styles.default_paragraph().map(|s| s.id.as_str()),
            para: Para::default(),
            in_ppr: false,
            in_run: false,
            in_run_rpr: false,
            run_vanish: None,
            run_style: None,
            run_text: String::new(),
            capturing_text: false,
            capturing_instr: false,
            not_text: 0,
        }
    }

    /// Inside paragraph or run properties, where `w:del` marks a deleted paragraph mark or a
    /// run property change, not deleted text.
    pub fn in_properties(&self) -> bool {
        self.in_run_rpr || self.in_ppr
    }

    /// An element that concerns text; returns true when it was one.
    pub fn start(&mut self, local: &[u8], e: &crate::xml::Element<'_>, empty: bool) -> bool {
        match local {
            b"pPr" if !self.in_run => self.in_ppr = true,
            b"pStyle" if self.in_ppr => {
                if let Some(style) = e.attr("val") {
                    self.para.style = Some(super::short(style));
                }
            }
            b"r" => {
                self.in_run = true;
                self.run_vanish = None;
                self.run_style = None;
            }
            b"rPr" if self.in_run && !self.in_ppr => self.in_run_rpr = true,
            b"vanish" if self.in_run_rpr => self.run_vanish = Some(e.on_off("val")),
            b"rStyle" if self.in_run_rpr => self.run_style = e.attr("val").map(super::short),
            b"t" if self.in_run && !empty => {
                self.capturing_text = true;
                self.run_text.clear();
            }
            b"instrText" if !empty => self.capturing_instr = true,
            b"tab" if self.in_run && !self.in_run_rpr => self.push_visible("\t", 1),
            b"br" | b"cr" if self.in_run && !self.in_run_rpr => self.push_visible("\n", 1),
            b"noBreakHyphen" if self.in_run => self.push_visible("-", 1),
            b"drawing" | b"pict" | b"object" if !empty => {
                // Text boxes and OLE previews are not part of the paragraph's text.
                self.not_text += 1;
            }
            _ => return false,
        }
        true
    }

    /// The end of an element that concerns text.
    pub fn end(&mut self, local: &[u8]) {
        match local {
            b"instrText" => self.capturing_instr = false,
            b"rPr" if self.in_run_rpr => self.in_run_rpr = false,
            b"r" => {
                self.in_run = false;
                self.in_run_rpr = false;
            }
            b"pPr" if self.in_ppr => self.in_ppr = false,
            b"drawing" | b"pict" | b"object" => self.not_text = self.not_text.saturating_sub(1),
            _ => {}
        }
    }

    /// Character data: a run's text, or a field's instruction.
    pub fn text(&mut self, text: &str, fields: &mut [FieldFrame]) {
        if self.capturing_text {
            push_capped(&mut self.run_text, text, MAX_PARAGRAPH_BYTES);
        } else if self.capturing_instr
            && let Some(field) = fields.last_mut()
            && !field.in_result
        {
            push_capped(&mut field.instruction, text, MAX_INSTRUCTION);
        }
    }

    /// `</w:t>`: true when a run's text was being read (then [`Self::take_run_text`]).
    pub fn end_text(&mut self) -> bool {
        std::mem::replace(&mut self.capturing_text, false)
    }

    /// The run text just read; give the buffer back with [`Self::give_back_run_text`].
    pub fn take_run_text(&mut self) -> String {
        std::mem::take(&mut self.run_text)
    }

    pub fn give_back_run_text(&mut self, mut buffer: String) {
        buffer.clear();
        self.run_text = buffer;
    }

    /// Visible text of the current paragraph (nothing outside a paragraph).
    pub fn push_visible(&mut self, text: &str, para_depth: usize) {
        if self.not_text > 0 || para_depth == 0 {
            return;
        }
        push_capped(&mut self.para.text, text, MAX_PARAGRAPH_BYTES);
    }

    pub fn run_is_hidden(&self) -> bool {
        if let Some(direct) = self.run_vanish {
            return direct;
        }
        if let Some(style) = self.run_style.as_deref()
            && let Some(hidden) = self.styles.vanish_of(style)
        {
            return hidden;
        }
        let paragraph_style = self.para.style.as_deref().or(self.default_paragraph);
        if let Some(style) = paragraph_style
            && let Some(hidden) = self.styles.vanish_of(style)
        {
            return hidden;
        }
        self.styles.defaults.vanish.unwrap_or(false)
    }

    /// A top-level (not text-box) paragraph starts, inside controls with these tags.
    pub fn start_paragraph(&mut self, tags: Vec<String>) {
        self.para.text.clear();
        self.para.style = None;
        self.para.tags = tags;
    }

    /// The paragraph ends: its text, style and tags. Give it back with
    /// [`Self::give_back_paragraph`] unless it is kept.
    pub fn end_paragraph(&mut self) -> Para {
        self.in_ppr = false;
        std::mem::take(&mut self.para)
    }

    /// A paragraph that was not kept: its text buffer serves the next one, and until then
    /// the state is as after [`Self::end_paragraph`] (no text, style or tags).
    pub fn give_back_paragraph(&mut self, mut para: Para) {
        para.text.clear();
        para.style = None;
        para.tags.clear();
        self.para = para;
    }

    pub fn tag_paragraph(&mut self, tag: &str) {
        if self.para.tags.len() < MAX_PARA_TAGS && !self.para.tags.iter().any(|t| t == tag) {
            self.para.tags.push(tag.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scan::{Role, scan_part};

    fn body(xml: &str) -> String {
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        )
    }

    #[test]
    fn text_is_what_word_shows() {
        let styles = Styles::default();
        let xml = body(
            r#"<w:p><w:r><w:t>Propos</w:t></w:r><w:r><w:t xml:space="preserve">al </w:t></w:r><w:del w:id="1" w:author="B"><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>"#,
        );
        let scan = scan_part(xml.as_bytes(), "word/document.xml", Role::Main, &styles).unwrap();
        assert_eq!(scan.sample, "Proposal 2\tx\n");
        assert_eq!(scan.hidden.count, 1);
        assert_eq!(scan.revisions.count(), 1);
        assert_eq!(
            scan.fields.first().map(|f| f.kind()).as_deref(),
            Some("PAGE")
        );
    }

    #[test]
    fn comments_are_anchored_on_their_text() {
        let styles = Styles::default();
        let xml = body(
            r#"<w:p><w:r><w:t>Keys are </w:t></w:r><w:commentRangeStart w:id="7"/><w:r><w:t>relayed</w:t></w:r><w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r><w:r><w:t xml:space="preserve"> hop by hop.</w:t></w:r><w:r><w:commentReference w:id="8"/></w:r></w:p>"#,
        );
        let scan = scan_part(xml.as_bytes(), "word/document.xml", Role::Main, &styles).unwrap();
        let anchors: Vec<(&str, &str)> = scan
            .comments
            .anchors
            .iter()
            .map(|a| (a.id.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(anchors, [("7", "relayed"), ("8", "")]);
        assert_eq!(
            scan.comments.anchors[0].place.anchor,
            "body, paragraph 1, starting 'Keys are relayed hop by hop.'"
        );
    }
}
