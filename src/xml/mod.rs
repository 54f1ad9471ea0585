//! Streaming XML for untrusted parts: quick-xml with namespaces resolved, and nothing else.
//!
//! No DOM is ever built. Every element is reported with its namespace mapped to [`Ns`], so
//! a producer that writes `<wp:p>` or a default namespace instead of `w:` is read the same,
//! and Strict Open XML (`purl.oclc.org/ooxml/...`) maps to the same namespaces as
//! transitional. A DOCTYPE (and with it every entity declaration) is refused, never
//! resolved; entity references other than XML's five are errors; nesting is capped.

use std::borrow::Cow;
use std::cell::Cell;
use std::io::BufRead;
use std::time::Instant;

use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::package::{PackageError, limit_of, limits};

/// The namespaces fgcheck reads. Transitional and Strict spellings map to the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML main.
    W,
    /// Office document relationships (attributes such as `r:id`).
    R,
    /// Package relationships part.
    Rels,
    /// `[Content_Types].xml`.
    ContentTypes,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Core properties.
    Cp,
    Dc,
    Dcterms,
    /// Extended (app) properties.
    ExtendedProps,
    /// Custom properties.
    CustomProps,
    /// Document property variant types.
    Vt,
    /// VML office (`o:OLEObject`).
    O,
    /// VML.
    V,
    /// DrawingML main (`a:blip`).
    A,
    /// DrawingML theme parts use [`Ns::A`] too.
    Other,
}

/// Maps a namespace URI to [`Ns`].
pub fn ns_of(uri: &[u8]) -> Ns {
    match uri {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => Ns::R,
        b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
        b"http://schemas.openxmlformats.org/package/2006/content-types" => Ns::ContentTypes,
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
        b"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" => Ns::Cp,
        b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
        b"http://purl.org/dc/terms/" => Ns::Dcterms,
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
        | b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties" => Ns::ExtendedProps,
        b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
        | b"http://purl.oclc.org/ooxml/officeDocument/customProperties" => Ns::CustomProps,
        b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
        | b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes" => Ns::Vt,
        b"urn:schemas-microsoft-com:office:office" => Ns::O,
        b"urn:schemas-microsoft-com:vml" => Ns::V,
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => Ns::A,
        _ => Ns::Other,
    }
}

thread_local! {
    /// The per-file time budget of the file being checked on this thread. Readers look at
    /// it every few thousand events, so a pathological file stops instead of hanging a batch.
    static DEADLINE: Cell<Option<(Instant, f64)>> = const { Cell::new(None) };
}

/// Sets (or clears) the time budget for parts read on this thread.
pub fn set_deadline(deadline: Option<(Instant, f64)>) {
    DEADLINE.with(|cell| cell.set(deadline));
}

fn past_deadline() -> Option<f64> {
    DEADLINE.with(|cell| match cell.get() {
        Some((deadline, seconds)) if Instant::now() > deadline => Some(seconds),
        _ => None,
    })
}

/// A start (or empty) element with its resolved namespace.
pub struct Element<'a> {
    pub ns: Ns,
    /// Depth of this element (the root is 1).
    pub depth: usize,
    start: BytesStart<'a>,
}

impl Element<'_> {
    pub fn local(&self) -> &[u8] {
        self.start.local_name().into_inner().as_bytes()
    }

    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local.as_bytes()
    }

    /// An attribute by local name, whatever its prefix (`w:val`, `val`, `r:id` -> `id`).
    /// OOXML attribute local names are unambiguous within one element, and matching on the
    /// local name keeps producers that bind other prefixes readable.
    pub fn attr(&self, local: &str) -> Option<String> {
        for attribute in self.start.attributes().with_checks(false).flatten() {
            let key = attribute.key;
            if key.as_ref().starts_with("xmlns") {
                continue;
            }
            if key.local_name().as_ref() == local {
                return match attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(value) => Some(value.into_owned()),
                    Err(_) => Some(attribute.value.to_string()),
                };
            }
        }
        None
    }

    /// An OOXML on/off attribute (`w:val` on `w:b`, `w:vanish`...): absent means on.
    pub fn on_off(&self, local: &str) -> bool {
        match self.attr(local) {
            None => true,
            Some(value) => !matches!(value.trim(), "0" | "false" | "off" | "none"),
        }
    }
}

/// One streaming event.
pub enum XmlEvent<'a> {
    Start(Element<'a>),
    Empty(Element<'a>),
    End(EndTag<'a>),
    Text(Cow<'a, str>),
    /// Comments, processing instructions, the XML declaration: nothing to read.
    Other,
    Eof,
}

pub struct EndTag<'a> {
    pub ns: Ns,
    /// Depth of the element that ends (the root is 1).
    pub depth: usize,
    end: BytesEnd<'a>,
}

impl EndTag<'_> {
    pub fn local(&self) -> &[u8] {
        self.end.local_name().into_inner().as_bytes()
    }

    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local.as_bytes()
    }
}

/// A namespace-aware, limit-enforcing pull reader over one part.
pub struct XmlReader<B: BufRead> {
    reader: NsReader<B>,
    buf: Vec<u8>,
    depth: usize,
    part: String,
    events: u32,
}

impl<B: BufRead> XmlReader<B> {
    pub fn new(source: B, part: &str) -> Self {
        let mut reader = NsReader::from_reader(source);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlReader {
            reader,
            buf: Vec::with_capacity(4096),
            depth: 0,
            part: part.to_string(),
            events: 0,
        }
    }

    pub fn part(&self) -> &str {
        &self.part
    }

    /// Current element depth (the root element's children are at depth 1).
    pub fn depth(&self) -> usize {
        self.depth
    }

    pub fn next_event(&mut self) -> Result<XmlEvent<'_>, PackageError> {
        {
            self.events = self.events.wrapping_add(1);
            if self.events.is_multiple_of(4096)
                && let Some(seconds) = past_deadline()
            {
                return Err(PackageError::TooSlow { seconds });
            }
            self.buf.clear();
            let result = self.reader.read_resolved_event_into(&mut self.buf);
            let (resolved, event) = match result {
                Ok(pair) => pair,
                Err(error) => return Err(xml_error(error, &self.part, 0)),
            };
            let ns = match resolved {
                ResolveResult::Bound(uri) => ns_of(uri.as_ref().as_bytes()),
                _ => Ns::Other,
            };
            match event {
                Event::Start(start) => {
                    self.depth += 1;
                    if self.depth > limits::MAX_DEPTH {
                        return Err(PackageError::TooDeep {
                            part: self.part.clone(),
                            depth: limits::MAX_DEPTH,
                        });
                    }
                    let depth = self.depth;
                    Ok(XmlEvent::Start(Element { ns, depth, start }))
                }
                Event::Empty(start) => {
                    let depth = self.depth + 1;
                    Ok(XmlEvent::Empty(Element { ns, depth, start }))
                }
                Event::End(end) => {
                    let depth = self.depth;
                    self.depth = self.depth.saturating_sub(1);
                    Ok(XmlEvent::End(EndTag { ns, depth, end }))
                }
                Event::Text(text) => Ok(XmlEvent::Text(text.xml10_content())),
                Event::CData(data) => {
                    let text = data.into_inner().into_owned();
                    Ok(XmlEvent::Text(Cow::Owned(text)))
                }
                Event::GeneralRef(reference) => {
                    let name: &str = &reference;
                    let text = resolve_reference(name.as_bytes()).ok_or_else(|| {
                        PackageError::CorruptXml {
                            part: self.part.clone(),
                            detail: format!("undefined entity &{name};"),
                        }
                    })?;
                    Ok(XmlEvent::Text(Cow::Owned(text)))
                }
                Event::DocType(doctype) => {
                    let preview: String = doctype.chars().take(60).collect();
                    Err(PackageError::XmlBomb {
                        part: self.part.clone(),
                        detail: format!("<!DOCTYPE {}>", preview.trim()),
                    })
                }
                Event::Eof => {
                    if self.depth != 0 {
                        return Err(PackageError::CorruptXml {
                            part: self.part.clone(),
                            detail: "the part ends before its elements are closed".into(),
                        });
                    }
                    Ok(XmlEvent::Eof)
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ok(XmlEvent::Other),
            }
        }
    }

    /// Skips the rest of the element whose start was just read.
    pub fn skip_element(&mut self) -> Result<(), PackageError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            if let XmlEvent::Eof = self.next_event()? {
                break;
            }
        }
        Ok(())
    }

    /// Concatenated text until the element whose start was just read ends.
    pub fn text_of_element(&mut self, max: usize) -> Result<String, PackageError> {
        let target = self.depth.saturating_sub(1);
        let mut text = String::new();
        while self.depth > target {
            match self.next_event()? {
                XmlEvent::Text(chunk) if text.len() < max => {
                    text.push_str(&chunk);
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        Ok(text)
    }
}

/// XML's five predefined entities and character references; anything else is undefined,
/// since a DOCTYPE (the only place entities can be declared) is refused.
fn resolve_reference(reference: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(reference).ok()?;
    let text = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
            return char::from_u32(code).map(String::from);
        }
    };
    Some(text.to_string())
}

fn xml_error(error: quick_xml::Error, part: &str, _depth: usize) -> PackageError {
    if let quick_xml::Error::Io(io) = &error {
        if let Some(detail) = limit_of(io) {
            return PackageError::ZipBomb {
                part: part.to_string(),
                detail,
            };
        }
        let text = io.to_string();
        if text.to_ascii_lowercase().contains("checksum") {
            return PackageError::CorruptZip(format!("part {part} fails its CRC check"));
        }
        return PackageError::CorruptZip(format!("part {part} cannot be inflated: {text}"));
    }
    PackageError::CorruptXml {
        part: part.to_string(),
        detail: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, PackageError> {
        let mut reader = XmlReader::new(xml.as_bytes(), "test.xml");
        let mut out = Vec::new();
        loop {
            match reader.next_event()? {
                XmlEvent::Start(e) => out.push(format!(
                    "<{:?}:{}>",
                    e.ns,
                    String::from_utf8_lossy(e.local())
                )),
                XmlEvent::Empty(e) => out.push(format!(
                    "<{:?}:{}/>",
                    e.ns,
                    String::from_utf8_lossy(e.local())
                )),
                XmlEvent::End(e) => out.push(format!(
                    "</{:?}:{}>",
                    e.ns,
                    String::from_utf8_lossy(e.local())
                )),
                XmlEvent::Text(t) => out.push(t.into_owned()),
                XmlEvent::Other => {}
                XmlEvent::Eof => return Ok(out),
            }
        }
    }

    #[test]
    fn prefixes_do_not_matter_only_namespaces() {
        let a = events(r#"<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:t>x</w:t></w:p>"#).unwrap();
        let b =
            events(r#"<p xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><t>x</t></p>"#)
                .unwrap();
        assert_eq!(a, b);
        assert_eq!(a[0], "<W:p>");
    }

    #[test]
    fn predefined_and_character_references_become_text() {
        let out = events("<a>&amp;&#160;&#x41;</a>").unwrap();
        assert_eq!(out[1..4].concat(), "&\u{a0}A");
    }

    #[test]
    fn doctype_is_refused_not_resolved() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>"#;
        assert!(matches!(events(bomb), Err(PackageError::XmlBomb { .. })));
    }

    #[test]
    fn undefined_entity_is_corrupt_xml() {
        assert!(matches!(
            events("<a>&nbsp;</a>"),
            Err(PackageError::CorruptXml { .. })
        ));
    }

    #[test]
    fn nesting_is_capped() {
        let deep = "<a>".repeat(limits::MAX_DEPTH + 1);
        assert!(matches!(events(&deep), Err(PackageError::TooDeep { .. })));
    }

    #[test]
    fn mismatched_and_unclosed_tags_are_corrupt() {
        assert!(matches!(
            events("<a><b></a>"),
            Err(PackageError::CorruptXml { .. })
        ));
        assert!(matches!(
            events("<a><b></b>"),
            Err(PackageError::CorruptXml { .. })
        ));
    }
}
