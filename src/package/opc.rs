//! Open Packaging Conventions: content types, relationships and part-name resolution.

use std::collections::HashMap;
use std::io::BufRead;

use crate::package::PackageError;
use crate::xml::{Ns, XmlEvent, XmlReader};

/// `[Content_Types].xml`: defaults by extension and overrides by part name.
#[derive(Clone, Debug, Default)]
pub struct ContentTypes {
    defaults: HashMap<String, String>,
    overrides: HashMap<String, String>,
}

impl ContentTypes {
    /// The content type of a part (name with or without the leading slash).
    pub fn of(&self, part: &str) -> Option<String> {
        let key = part.trim_start_matches('/').to_ascii_lowercase();
        if let Some(found) = self.overrides.get(&key) {
            return Some(found.clone());
        }
        let extension = key.rsplit_once('.').map(|(_, ext)| ext)?;
        self.defaults.get(extension).cloned()
    }

    /// Every part name with an override, with its type.
    pub fn overrides(&self) -> impl Iterator<Item = (&str, &str)> {
        self.overrides.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn defaults(&self) -> impl Iterator<Item = (&str, &str)> {
        self.defaults.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// The main part's content types Word accepts (document, template, macro-enabled of each).
pub fn is_wordprocessing_main(content_type: &str) -> bool {
    let lower = content_type.to_ascii_lowercase();
    lower
        .starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main")
        || lower.starts_with(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main",
        )
        || lower.starts_with("application/vnd.ms-word.document.macroenabled.main")
        || lower.starts_with("application/vnd.ms-word.template.macroenabledtemplate.main")
}

/// A macro-enabled main part (`.docm`, `.dotm`), whatever the file is called.
pub fn is_macro_enabled(content_type: &str) -> bool {
    content_type.to_ascii_lowercase().contains("macroenabled")
}

pub fn read_content_types<B: BufRead>(source: B, part: &str) -> Result<ContentTypes, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut types = ContentTypes::default();
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.ns == Ns::ContentTypes => {
                let content_type = e.attr("ContentType").unwrap_or_default();
                crate::guard::budget::charge(content_type.len() + 96, part)?;
                match e.local() {
                    b"Default" => {
                        if let Some(extension) = e.attr("Extension") {
                            types
                                .defaults
                                .insert(extension.to_ascii_lowercase(), content_type);
                        }
                    }
                    b"Override" => {
                        if let Some(name) = e.attr("PartName") {
                            let key = name.trim_start_matches('/').to_ascii_lowercase();
                            types.overrides.insert(key, content_type);
                        }
                    }
                    _ => {}
                }
            }
            XmlEvent::Eof => return Ok(types),
            _ => {}
        }
    }
}

/// One relationship, with its target resolved to a part name (for internal targets).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Relationship {
    pub id: String,
    /// Full type URI.
    pub rel_type: String,
    /// For internal relationships the part name (no leading slash); for external ones the
    /// target exactly as written.
    pub target: String,
    pub external: bool,
}

impl Relationship {
    /// Compares the type's last segment, so transitional
    /// (`.../officeDocument/2006/relationships/styles`) and Strict
    /// (`http://purl.oclc.org/ooxml/officeDocument/relationships/styles`) both match.
    pub fn is_type(&self, last_segment: &str) -> bool {
        self.rel_type
            .rsplit('/')
            .next()
            .is_some_and(|segment| segment.eq_ignore_ascii_case(last_segment))
    }
}

/// Reads a `.rels` part; `base` is the folder of the source part (`word/` for
/// `word/document.xml`, empty for the package root).
pub fn read_relationships<B: BufRead>(
    source: B,
    part: &str,
    base: &str,
) -> Result<Vec<Relationship>, PackageError> {
    let mut reader = XmlReader::new(source, part);
    let mut rels = Vec::new();
    loop {
        match reader.next_event()? {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.is(Ns::Rels, "Relationship") => {
                let external = e
                    .attr("TargetMode")
                    .is_some_and(|mode| mode.eq_ignore_ascii_case("External"));
                let raw = e.attr("Target").unwrap_or_default();
                let target = if external {
                    raw
                } else {
                    resolve_target(base, &raw)
                };
                let relationship = Relationship {
                    id: e.attr("Id").unwrap_or_default(),
                    rel_type: e.attr("Type").unwrap_or_default(),
                    target,
                    external,
                };
                // Every relationship kept counts against the file's budget: a part may
                // declare millions of them.
                crate::guard::budget::charge(
                    relationship.id.len()
                        + relationship.rel_type.len()
                        + relationship.target.len()
                        + 96,
                    part,
                )?;
                rels.push(relationship);
            }
            XmlEvent::Eof => return Ok(rels),
            _ => {}
        }
    }
}

/// `word/document.xml` -> `word/_rels/document.xml.rels`.
pub fn rels_part_name(part: &str) -> String {
    let part = part.trim_start_matches('/');
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// `word/document.xml` -> `word/`.
pub fn folder_of(part: &str) -> &str {
    let part = part.trim_start_matches('/');
    match part.rfind('/') {
        Some(index) => &part[..=index],
        None => "",
    }
}

/// Resolves a relative target against a base folder, as a URI reference: `../x` goes up,
/// a leading `/` is from the package root. `..` never climbs above the root.
pub fn resolve_target(base: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = if let Some(absolute) = target.strip_prefix('/') {
        absolute.to_string()
    } else {
        format!("{base}{target}")
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let resolved = segments.join("/");
    percent_decode(&resolved)
}

/// Part names in relationships may be percent-encoded (`my%20file.xml`).
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes.get(index) == Some(&b'%') {
            let hex = bytes
                .get(index + 1..index + 3)
                .and_then(|pair| std::str::from_utf8(pair).ok());
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                index += 3;
                continue;
            }
        }
        if let Some(byte) = bytes.get(index) {
            out.push(*byte);
        }
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_like_uris() {
        assert_eq!(resolve_target("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve_target("word/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve_target("", "/word/document2.xml"),
            "word/document2.xml"
        );
        assert_eq!(resolve_target("word/", "../../../etc/passwd"), "etc/passwd");
        assert_eq!(
            resolve_target("word/", "media/my%20pic.png"),
            "word/media/my pic.png"
        );
        assert_eq!(resolve_target("word/", "bad%2"), "word/bad%2");
    }

    #[test]
    fn rels_names() {
        assert_eq!(
            rels_part_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_part_name("/document.xml"), "_rels/document.xml.rels");
        assert_eq!(folder_of("word/document.xml"), "word/");
    }

    #[test]
    fn strict_and_transitional_types_match() {
        let rel = |t: &str| Relationship {
            id: String::new(),
            rel_type: t.into(),
            target: String::new(),
            external: false,
        };
        assert!(
            rel("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
                .is_type("officeDocument")
        );
        assert!(
            rel(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            )
            .is_type("officeDocument")
        );
    }
}
