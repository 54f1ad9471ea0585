//! Styles, resolved the way Word resolves them: a style's own properties, then its
//! `w:basedOn` chain, then `w:docDefaults`. Only the few run properties rules need are
//! kept per style (hidden, font, size, bold), so the styles part is never held as a tree.

use std::collections::HashMap;
use std::io::BufRead;

use serde::Serialize;

use crate::package::PackageError;
use crate::xml::{Ns, XmlEvent, XmlReader};

/// Run properties that rules look at. `None` means "not set here: inherit".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RunProps {
    pub vanish: Option<bool>,
    pub font: Option<String>,
    /// Theme font slot (`minorHAnsi`...), used when no explicit font is set.
    pub font_theme: Option<String>,
    /// Size in half-points.
    pub size: Option<u32>,
    pub bold: Option<bool>,
}

impl RunProps {
    fn inherit_from(&mut self, parent: &RunProps) {
        if self.vanish.is_none() {
            self.vanish = parent.vanish;
        }
        if self.font.is_none() && self.font_theme.is_none() {
            self.font.clone_from(&parent.font);
            self.font_theme.clone_from(&parent.font_theme);
        }
        if self.size.is_none() {
            self.size = parent.size;
        }
        if self.bold.is_none() {
            self.bold = parent.bold;
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Style {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub is_default: bool,
    pub based_on: Option<String>,
    pub run: RunProps,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Styles {
    pub by_id: HashMap<String, Style>,
    pub defaults: RunProps,
    /// Theme fonts: (minor latin, major latin).
    pub theme_minor: Option<String>,
    pub theme_major: Option<String>,
}

impl Styles {
    /// The default paragraph style: the one flagged `w:default="1"`, else the style with
    /// id `Normal` (LibreOffice and hand-written files often omit the flag).
    pub fn default_paragraph(&self) -> Option<&Style> {
        self.by_id
            .values()
            .filter(|s| s.kind == "paragraph" && s.is_default)
            .min_by(|a, b| a.id.cmp(&b.id))
            .or_else(|| self.by_id.get("Normal"))
            .or_else(|| {
                self.by_id
                    .values()
                    .find(|s| s.kind == "paragraph" && s.name.eq_ignore_ascii_case("normal"))
            })
    }

    /// A style by id, or failing that by its name (some producers reference names).
    pub fn get(&self, id_or_name: &str) -> Option<&Style> {
        self.by_id.get(id_or_name).or_else(|| {
            self.by_id.values().find(|s| {
                s.name.eq_ignore_ascii_case(id_or_name) || s.id.eq_ignore_ascii_case(id_or_name)
            })
        })
    }

    /// Effective run properties of a style: its own, then its `basedOn` chain, then the
    /// document defaults. The chain is bounded, so a cycle cannot hang.
    pub fn effective(&self, id: &str) -> RunProps {
        let mut props = RunProps::default();
        let mut current = self.by_id.get(id);
        let mut hops = 0;
        while let Some(style) = current {
            props.inherit_from(&style.run);
            hops += 1;
            if hops > 32 {
                break;
            }
            current = style.based_on.as_deref().and_then(|b| self.by_id.get(b));
        }
        props.inherit_from(&self.defaults);
        props
    }

    /// Whether text in this character or paragraph style is hidden, if the chain says so.
    pub fn vanish_of(&self, id: &str) -> Option<bool> {
        let mut current = self.by_id.get(id);
        let mut hops = 0;
        while let Some(style) = current {
            if style.run.vanish.is_some() {
                return style.run.vanish;
            }
            hops += 1;
            if hops > 32 {
                break;
            }
            current = style.based_on.as_deref().and_then(|b| self.by_id.get(b));
        }
        None
    }

    /// The font a run shows in, with theme slots resolved through the theme part.
    pub fn resolve_font(&self, props: &RunProps) -> Option<String> {
        if let Some(font) = &props.font {
            return Some(font.clone());
        }
        let slot = props.font_theme.as_deref()?;
        if slot.to_ascii_lowercase().starts_with("major") {
            self.theme_major.clone()
        } else {
            self.theme_minor.clone()
        }
    }

    /// A heading style: its name starts with "heading" or is "title", ignoring ASCII case.
    pub fn is_heading(&self, id: &str) -> bool {
        let name = self.by_id.get(id).map_or(id, |s| s.name.as_str());
        // Called for every styled paragraph: compare in place rather than lower-case a copy.
        name.as_bytes()
            .get(..7)
            .is_some_and(|head| head.eq_ignore_ascii_case(b"heading"))
            || name.eq_ignore_ascii_case("title")
    }
}

/// Reads `word/styles.xml`.
pub fn read_styles<B: BufRead>(source: B, part: &str) -> Result<Styles, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut styles = Styles::default();
    let mut current: Option<Style> = None;
    let mut in_defaults_rpr = false;
    let mut in_rpr = false;
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.ns == Ns::W => match e.local() {
                b"style" => {
                    current = Some(Style {
                        id: e.attr("styleId").unwrap_or_default(),
                        kind: e.attr("type").unwrap_or_else(|| "paragraph".into()),
                        is_default: e
                            .attr("default")
                            .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on")),
                        ..Style::default()
                    });
                }
                b"name" => {
                    if let Some(style) = current.as_mut() {
                        style.name = e.attr("val").unwrap_or_default();
                    }
                }
                b"basedOn" => {
                    if let Some(style) = current.as_mut() {
                        style.based_on = e.attr("val");
                    }
                }
                b"rPrDefault" => in_defaults_rpr = true,
                b"rPr" => in_rpr = true,
                b"pPr" | b"tblPr" | b"trPr" | b"tcPr" | b"tblStylePr" => {
                    // Paragraph and table properties are not needed; conditional table
                    // formatting would otherwise be mistaken for the style's own run props.
                    if matches!(e.local(), b"tblStylePr") {
                        reader.skip_element()?;
                    }
                }
                other if in_rpr => {
                    let target = if in_defaults_rpr {
                        Some(&mut styles.defaults)
                    } else {
                        current.as_mut().map(|s| &mut s.run)
                    };
                    if let Some(run) = target {
                        apply_run_property(run, other, &e);
                    }
                }
                _ => {}
            },
            XmlEvent::End(e) if e.ns == Ns::W => match e.local() {
                b"style" => {
                    if let Some(style) = current.take() {
                        // Kept styles count against the file's budget: a styles part may
                        // define millions.
                        let kept = 2 * style.id.len()
                            + style.name.len()
                            + style.kind.len()
                            + style.based_on.as_ref().map_or(0, String::len)
                            + style.run.font.as_ref().map_or(0, String::len)
                            + style.run.font_theme.as_ref().map_or(0, String::len)
                            + 192;
                        crate::guard::budget::charge(kept, part)?;
                        styles.by_id.insert(style.id.clone(), style);
                    }
                }
                b"rPrDefault" => in_defaults_rpr = false,
                b"rPr" => in_rpr = false,
                _ => {}
            },
            XmlEvent::Eof => return Ok(styles),
            _ => {}
        }
    }
}

fn apply_run_property(run: &mut RunProps, local: &[u8], e: &crate::xml::Element<'_>) {
    match local {
        b"vanish" => run.vanish = Some(e.on_off("val")),
        b"b" => run.bold = Some(e.on_off("val")),
        b"sz" => run.size = e.attr("val").and_then(|v| v.trim().parse().ok()),
        b"rFonts" => {
            if let Some(font) = e.attr("ascii").or_else(|| e.attr("hAnsi")) {
                run.font = Some(font);
            } else if let Some(theme) = e.attr("asciiTheme").or_else(|| e.attr("hAnsiTheme")) {
                run.font_theme = Some(theme);
            }
        }
        _ => {}
    }
}

/// Reads the latin fonts of the theme's font scheme.
pub fn read_theme_fonts<B: BufRead>(
    source: B,
    part: &str,
) -> Result<(Option<String>, Option<String>), PackageError> {
    let mut reader = XmlReader::new(source, part);
    let (mut minor, mut major) = (None, None);
    let mut slot = 0u8;
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.ns == Ns::A => match e.local() {
                b"majorFont" => slot = 2,
                b"minorFont" => slot = 1,
                b"latin" => match slot {
                    1 if minor.is_none() => minor = e.attr("typeface"),
                    2 if major.is_none() => major = e.attr("typeface"),
                    _ => {}
                },
                _ => {}
            },
            XmlEvent::End(e)
                if e.ns == Ns::A && matches!(e.local(), b"majorFont" | b"minorFont") =>
            {
                slot = 0
            }
            XmlEvent::Eof => return Ok((minor, major)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn effective_props_follow_based_on_then_defaults() {
        let xml = format!(
            r#"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>
            <w:style w:type="character" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style></w:styles>"#
        );
        let styles = read_styles(xml.as_bytes(), "word/styles.xml").unwrap();
        assert_eq!(styles.default_paragraph().unwrap().id, "Normal");
        let note = styles.effective("Note");
        assert_eq!(note.font.as_deref(), Some("Times New Roman"));
        assert_eq!(note.size, Some(24));
        assert_eq!(styles.vanish_of("Note"), Some(true));
        assert_eq!(styles.vanish_of("Normal"), None);
        assert_eq!(styles.vanish_of("Loop"), None, "a basedOn cycle ends");
    }

    #[test]
    fn headings_are_recognised_by_name_ignoring_case() {
        let styles = Styles::default();
        for name in ["Heading 1", "heading1", "HEADING", "Title", "tItLe"] {
            assert!(styles.is_heading(name), "{name}");
        }
        for name in ["Headin", "Subtitle", "Titles", "Normal", "Ü", "headingé"] {
            assert_eq!(styles.is_heading(name), name == "headingé", "{name}");
        }
    }
}
