//! Streaming XML for rewriting a part: quick-xml events read and written back one by one,
//! never a tree. Reading keeps the limits of [`crate::xml`] (no DOCTYPE, XML's five entities
//! only, nesting capped); writing copies every event it is not told to change as it came.

use std::io::{BufRead, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::guard::{PackageError, limit_of, limits};
use crate::xml::{Ns, ns_of};

/// One event with what a rewriter needs to decide about it.
pub struct Item<'a> {
    pub ns: Ns,
    /// The element's namespace is a Strict OOXML one (`http://purl.oclc.org/ooxml/...`).
    pub strict: bool,
    /// Depth of the element a start, empty or end event belongs to (the root is 1); for
    /// other events, the depth of the enclosing element.
    pub depth: usize,
    pub event: Event<'a>,
}

/// A pull reader over one part that enforces the package's XML limits.
pub struct RawReader<B: BufRead> {
    reader: NsReader<B>,
    buf: Vec<u8>,
    depth: usize,
    part: String,
}

impl<B: BufRead> RawReader<B> {
    pub fn new(source: B, part: &str) -> Self {
        let mut reader = NsReader::from_reader(source);
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        RawReader {
            reader,
            buf: Vec::with_capacity(4096),
            depth: 0,
            part: part.to_string(),
        }
    }

    pub fn part(&self) -> &str {
        &self.part
    }

    /// The next event; `Event::Eof` at the end of a well-formed part.
    pub fn next_item(&mut self) -> Result<Item<'_>, PackageError> {
        self.buf.clear();
        let (resolved, event) = match self.reader.read_resolved_event_into(&mut self.buf) {
            Ok(pair) => pair,
            Err(error) => return Err(xml_error(error, &self.part)),
        };
        let (ns, strict) = match resolved {
            ResolveResult::Bound(uri) => {
                let uri = uri.as_ref().as_bytes();
                (ns_of(uri), uri.starts_with(b"http://purl.oclc.org/ooxml/"))
            }
            _ => (Ns::Other, false),
        };
        let depth = match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > limits::MAX_DEPTH {
                    return Err(PackageError::TooDeep {
                        part: self.part.clone(),
                        depth: limits::MAX_DEPTH,
                    });
                }
                self.depth
            }
            Event::Empty(_) => self.depth + 1,
            Event::End(_) => {
                let depth = self.depth;
                self.depth = self.depth.saturating_sub(1);
                depth
            }
            Event::DocType(doctype) => {
                let preview: String = doctype.chars().take(60).collect();
                return Err(PackageError::XmlBomb {
                    part: self.part.clone(),
                    detail: format!("<!DOCTYPE {}>", preview.trim()),
                });
            }
            Event::GeneralRef(reference) => {
                let name: &str = reference;
                if !is_predefined(name) {
                    return Err(PackageError::CorruptXml {
                        part: self.part.clone(),
                        detail: format!("undefined entity &{name};"),
                    });
                }
                self.depth
            }
            Event::Eof if self.depth != 0 => {
                return Err(PackageError::CorruptXml {
                    part: self.part.clone(),
                    detail: "the part ends before its elements are closed".into(),
                });
            }
            _ => self.depth,
        };
        Ok(Item {
            ns,
            strict,
            depth,
            event,
        })
    }
}

/// XML's five entities and character references: the only references a part may hold.
fn is_predefined(name: &str) -> bool {
    match name {
        "amp" | "lt" | "gt" | "quot" | "apos" => true,
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    name.strip_prefix('#').and_then(|d| d.parse::<u32>().ok())
                };
            code.and_then(char::from_u32).is_some()
        }
    }
}

fn xml_error(error: quick_xml::Error, part: &str) -> PackageError {
    if let quick_xml::Error::Io(io) = &error {
        if let Some(detail) = limit_of(io) {
            return PackageError::ZipBomb {
                part: part.to_string(),
                detail,
            };
        }
        return crate::package::io_to_package(std::io::Error::other(io.to_string()), part);
    }
    PackageError::CorruptXml {
        part: part.to_string(),
        detail: error.to_string(),
    }
}

/// An attribute's value by local name, whatever its prefix; namespace declarations are not
/// attributes here.
pub fn attr(start: &BytesStart<'_>, local: &str) -> Option<String> {
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key.into_inner();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        if attribute.key.local_name().into_inner() == local {
            return Some(
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| attribute.value.to_string()),
            );
        }
    }
    None
}

/// The prefix an element is written with (`w` for `w:p`, empty for a default namespace).
pub fn prefix_of(start: &BytesStart<'_>) -> String {
    start
        .name()
        .prefix()
        .map(|p| p.into_inner().to_string())
        .unwrap_or_default()
}

/// The prefix an element declares for a namespace URI (`xmlns:w="..."` gives `w`), if any.
pub fn declared_prefix(start: &BytesStart<'_>, uri: &str) -> Option<String> {
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key.into_inner();
        if let Some(prefix) = key.strip_prefix("xmlns:")
            && attribute.value == uri
        {
            return Some(prefix.to_string());
        }
    }
    None
}

/// Text made safe for element content: escaped, and without the characters XML 1.0 cannot
/// hold (control characters other than tab and line breaks).
pub fn text(value: &str) -> String {
    escape(value, false)
}

/// The same for an attribute value (quotes escaped too).
pub fn attr_value(value: &str) -> String {
    escape(value, true)
}

fn escape(value: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\t' | '\n' | '\r' if quotes => out.push(' '),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A qualified name with `prefix` (none when empty).
pub fn qname(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_string()
    } else {
        format!("{prefix}:{local}")
    }
}

/// Writes raw markup (already escaped) into a quick-xml writer.
pub fn write_raw<W: Write>(writer: &mut Writer<W>, markup: &str) -> std::io::Result<()> {
    writer.get_mut().write_all(markup.as_bytes())
}

/// Maps an I/O error while writing to the package error it stands for.
pub fn write_error(error: std::io::Error, part: &str) -> PackageError {
    crate::package::io_to_package(error, part)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass_through(xml: &str) -> Result<String, PackageError> {
        let mut reader = RawReader::new(xml.as_bytes(), "t.xml");
        let mut writer = Writer::new(Vec::new());
        loop {
            let item = reader.next_item()?;
            if matches!(item.event, Event::Eof) {
                break;
            }
            writer
                .write_event(item.event)
                .map_err(|e| write_error(e, "t.xml"))?;
        }
        Ok(String::from_utf8(writer.into_inner()).unwrap_or_default())
    }

    #[test]
    fn events_are_written_back_as_they_came() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"u\" a='1'><w:t xml:space=\"preserve\"> a &amp; b &#160;&lt;</w:t><!-- c --><w:br/></w:document>";
        assert_eq!(pass_through(xml).unwrap(), xml);
    }

    #[test]
    fn hostile_xml_is_refused_as_check_refuses_it() {
        assert!(matches!(
            pass_through("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"),
            Err(PackageError::XmlBomb { .. })
        ));
        assert!(matches!(
            pass_through("<a>&nbsp;</a>"),
            Err(PackageError::CorruptXml { .. })
        ));
        assert!(matches!(
            pass_through(&"<a>".repeat(limits::MAX_DEPTH + 1)),
            Err(PackageError::TooDeep { .. })
        ));
        assert!(matches!(
            pass_through("<a><b></a>"),
            Err(PackageError::CorruptXml { .. })
        ));
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        assert_eq!(text("a<b & \"c\"\u{1}\n"), "a&lt;b &amp; \"c\"\n");
        assert_eq!(attr_value("a\"b\tc"), "a&quot;b c");
        assert_eq!(qname("w", "p"), "w:p");
        assert_eq!(qname("", "p"), "p");
    }
}
