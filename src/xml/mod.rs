//! Streaming XML for untrusted parts: quick-xml with namespaces resolved, and nothing else.
//!
//! No DOM is ever built. Every element is reported with its namespace mapped to [`Ns`], so
//! a producer that writes `<wp:p>` or a default namespace instead of `w:` is read the same,
//! and Strict Open XML (`purl.oclc.org/ooxml/...`) maps to the same namespaces as
//! transitional. A DOCTYPE (and with it every entity declaration) is refused, never
//! resolved; entity references other than XML's five are errors; nesting is capped.

mod names;
mod source;

use std::borrow::Cow;
use std::io::BufRead;

use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::NamespaceError;
use quick_xml::reader::Reader;

use crate::guard::budget;
use crate::guard::{PackageError, limit_of, limits};
use names::{Resolved, Scopes};
use source::{Source, TokenCap};

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

/// A start (or empty) element with its resolved namespace.
pub struct Element<'a> {
    pub ns: Ns,
    /// Depth of this element (the root is 1).
    pub depth: usize,
    start: BytesStart<'a>,
    /// Where the local name starts in the qualified name (after `prefix:`).
    local_at: usize,
    /// Its attributes are plain (read in one pass, no reference, no white space in values).
    plain: bool,
}

impl Element<'_> {
    pub fn local(&self) -> &[u8] {
        self.start
            .name()
            .into_inner()
            .as_bytes()
            .get(self.local_at..)
            .unwrap_or_default()
    }

    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local.as_bytes()
    }

    /// An attribute by local name, whatever its prefix (`w:val`, `val`, `r:id` -> `id`).
    /// OOXML attribute local names are unambiguous within one element, and matching on the
    /// local name keeps producers that bind other prefixes readable.
    ///
    /// The value is clipped to [`limits::MAX_ATTR_BYTES`]: no OOXML value a rule reads comes
    /// near it, and a hostile 10 MB style name must not be copied into every paragraph.
    pub fn attr(&self, local: &str) -> Option<String> {
        if self.plain {
            // Read in one pass when the tag was checked: no reference and no white space
            // to normalize, so the raw value is the value.
            let attributes = PlainAttributes {
                raw: self.start.attributes_raw(),
                at: 0,
            };
            for (key, value) in attributes.flatten() {
                if key.starts_with("xmlns") {
                    continue;
                }
                let (_, local_at) = split_name(key);
                if key.get(local_at..) == Some(local) {
                    let value = clip_bytes(value, limits::MAX_ATTR_BYTES).to_string();
                    debug_assert_eq!(Some(&value), self.attr_carefully(local).as_ref());
                    return Some(value);
                }
            }
            debug_assert_eq!(None, self.attr_carefully(local));
            return None;
        }
        self.attr_carefully(local)
    }

    /// [`Element::attr`] through quick-xml's attribute reader and value normalization.
    fn attr_carefully(&self, local: &str) -> Option<String> {
        for attribute in self.start.attributes().with_checks(false).flatten() {
            let key = attribute.key;
            if key.as_ref().starts_with("xmlns") {
                continue;
            }
            if key.local_name().as_ref() == local {
                let value = match attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(value) => value,
                    Err(_) => Cow::Owned(attribute.value.to_string()),
                };
                return Some(clip_bytes(&value, limits::MAX_ATTR_BYTES).to_string());
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
    local_at: usize,
}

impl EndTag<'_> {
    pub fn local(&self) -> &[u8] {
        self.end
            .name()
            .into_inner()
            .as_bytes()
            .get(self.local_at..)
            .unwrap_or_default()
    }

    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local.as_bytes()
    }
}

/// The longest prefix of `text` within `max` bytes, on a character boundary.
pub fn clip_bytes(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// A namespace-aware, limit-enforcing pull reader over one part.
///
/// Stricter than quick-xml alone, because a lenient reader lets a hostile file say one
/// thing to fgcheck and another to Word: duplicate attributes, prefixes no `xmlns`
/// declares, character references to characters XML 1.0 forbids (`&#0;`, `&#27;`) and raw
/// control characters are `corrupt-xml`, as they are for Word.
pub struct XmlReader<B: BufRead> {
    reader: Reader<TokenCap<Source<B>>>,
    buf: Vec<u8>,
    depth: usize,
    part: String,
    /// Prefixes declared on the root element: in scope everywhere in the part.
    root_prefixes: Vec<String>,
    /// The declarations in scope, each resolved to an [`Ns`] once.
    scopes: Scopes,
    /// The namespace of each open element: an end tag's is its start's.
    open: Vec<Ns>,
    /// The last element read was empty, or an end tag: its scope closes before the next.
    pending_pop: bool,
}

impl<B: BufRead> XmlReader<B> {
    pub fn new(source: B, part: &str) -> Self {
        let mut reader = Reader::from_reader(TokenCap::new(Source::new(source)));
        let config = reader.config_mut();
        config.trim_text(false);
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlReader {
            reader,
            buf: Vec::with_capacity(4096),
            depth: 0,
            part: part.to_string(),
            root_prefixes: Vec::new(),
            scopes: Scopes::default(),
            open: Vec::new(),
            pending_pop: false,
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
        // The file's budget, shared by every reader of the file: never restarted here.
        budget::tick()?;
        if self.pending_pop {
            self.scopes.pop_level();
            self.pending_pop = false;
        }
        self.buf.clear();
        self.reader.get_mut().reset();
        let event = match self.reader.read_event_into(&mut self.buf) {
            Ok(event) => event,
            Err(error) => return Err(xml_error(error, &self.part)),
        };
        match event {
            Event::Start(start) => {
                if self.depth == 0 {
                    self.root_prefixes = declared_prefixes(&start);
                }
                let (ns, local_at, plain) =
                    open_element(&mut self.scopes, &start, &self.root_prefixes, &self.part)?;
                self.depth += 1;
                if self.depth > limits::MAX_DEPTH {
                    return Err(PackageError::TooDeep {
                        part: self.part.clone(),
                        depth: limits::MAX_DEPTH,
                    });
                }
                self.open.push(ns);
                let depth = self.depth;
                Ok(XmlEvent::Start(Element {
                    ns,
                    depth,
                    start,
                    local_at,
                    plain,
                }))
            }
            Event::Empty(start) => {
                // Its declarations apply to itself only: out of scope at the next event.
                self.pending_pop = true;
                let (ns, local_at, plain) =
                    open_element(&mut self.scopes, &start, &self.root_prefixes, &self.part)?;
                let depth = self.depth + 1;
                Ok(XmlEvent::Empty(Element {
                    ns,
                    depth,
                    start,
                    local_at,
                    plain,
                }))
            }
            Event::End(end) => {
                let depth = self.depth;
                self.depth = self.depth.saturating_sub(1);
                self.pending_pop = true;
                let (prefix, local_at) = split_name(end.name().into_inner());
                // quick-xml checked that it closes the open element: same name, same scope.
                let ns = match self.open.pop() {
                    Some(ns) => ns,
                    None => match self.scopes.element(prefix) {
                        Resolved::Bound(ns) => ns,
                        Resolved::Unbound | Resolved::Unknown => Ns::Other,
                    },
                };
                Ok(XmlEvent::End(EndTag {
                    ns,
                    depth,
                    end,
                    local_at,
                }))
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                if let Some(ch) = first_illegal_char(&content) {
                    return Err(corrupt(
                        &self.part,
                        format!(
                            "the text holds the control character {}, which XML 1.0 does not allow",
                            char_name(ch)
                        ),
                    ));
                }
                Ok(XmlEvent::Text(content))
            }
            Event::CData(data) => {
                let text = data.into_inner().into_owned();
                if let Some(ch) = first_illegal_char(&text) {
                    return Err(corrupt(
                        &self.part,
                        format!(
                            "a CDATA section holds the control character {}, which XML 1.0 does not allow",
                            char_name(ch)
                        ),
                    ));
                }
                Ok(XmlEvent::Text(Cow::Owned(text)))
            }
            Event::GeneralRef(reference) => {
                let name: &str = &reference;
                let text = resolve_reference(name).map_err(|d| corrupt(&self.part, d))?;
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
                    return Err(corrupt(
                        &self.part,
                        "the part ends before its elements are closed".into(),
                    ));
                }
                Ok(XmlEvent::Eof)
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => Ok(XmlEvent::Other),
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

    /// Concatenated text until the element whose start was just read ends, clipped to
    /// `max` bytes as it is gathered (never gathered whole, then clipped).
    pub fn text_of_element(&mut self, max: usize) -> Result<String, PackageError> {
        let target = self.depth.saturating_sub(1);
        let mut text = String::new();
        while self.depth > target {
            match self.next_event()? {
                XmlEvent::Text(chunk) => {
                    let room = max.saturating_sub(text.len());
                    text.push_str(clip_bytes(&chunk, room));
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        Ok(text)
    }
}

fn corrupt(part: &str, detail: String) -> PackageError {
    PackageError::CorruptXml {
        part: part.to_string(),
        detail,
    }
}

/// `w:p` -> (`Some("w")`, 2), `p` -> (`None`, 0): the prefix and where the local name
/// starts (quick-xml's split: at the first colon).
fn split_name(name: &str) -> (Option<&[u8]>, usize) {
    let bytes = name.as_bytes();
    match bytes.iter().position(|&b| b == b':') {
        Some(at) => (bytes.get(..at), at + 1),
        None => (None, 0),
    }
}

/// A start or empty tag: its declarations enter a new scope, its name is resolved, and its
/// attributes are checked. Returns its namespace, where its local name starts and
/// whether its attributes are plain (read in one pass).
///
/// One pass over the attributes does it all for the usual tag ([`fast_attributes`]);
/// anything unusual (a malformed or duplicate attribute, a value with a reference or a
/// control character, a prefix declared later in the same tag) is read again the way
/// quick-xml's namespace reader and [`check_attributes`] read it, so that the answer, and
/// the error first reported, are the same as theirs.
fn open_element(
    scopes: &mut Scopes,
    start: &BytesStart<'_>,
    root_prefixes: &[String],
    part: &str,
) -> Result<(Ns, usize, bool), PackageError> {
    scopes.push_level();
    let namespace_error =
        |error: NamespaceError| xml_error(quick_xml::Error::Namespace(error), part);
    let checked = match fast_attributes(scopes, start.attributes_raw(), root_prefixes) {
        Fast::Clean => {
            #[cfg(debug_assertions)]
            assert_same_as_careful(scopes, start, root_prefixes);
            true
        }
        Fast::Namespace(error) => return Err(namespace_error(error)),
        Fast::Slow => {
            scopes.clear_level();
            declare_slowly(scopes, start).map_err(namespace_error)?;
            false
        }
    };
    let name = start.name().into_inner();
    let (prefix, local_at) = split_name(name);
    let ns = match scopes.element(prefix) {
        Resolved::Bound(ns) => ns,
        Resolved::Unbound => Ns::Other,
        Resolved::Unknown => {
            let prefix = String::from_utf8_lossy(prefix.unwrap_or_default());
            return Err(corrupt(
                part,
                format!(
                    "element <{name}> uses the prefix \"{prefix}\", which no xmlns:{prefix} declaration binds"
                ),
            ));
        }
    };
    if !checked {
        check_attributes(scopes, start, root_prefixes).map_err(|d| corrupt(part, d))?;
    }
    Ok((ns, local_at, checked))
}

/// What the one-pass reading of a tag's attributes found.
enum Fast {
    /// Every attribute well formed and valid, declarations entered.
    Clean,
    /// A declaration quick-xml refuses, met before anything unusual.
    Namespace(NamespaceError),
    /// Something to read again the careful way.
    Slow,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Attributes written the usual way (`key="value"` or `key='value'`, separated by white
/// space, nothing around the `=`), one by one; `Some(Err(()))` for anything else, which
/// quick-xml's careful reading must decide. For what it yields, quick-xml yields the same
/// keys and raw values.
struct PlainAttributes<'a> {
    raw: &'a str,
    at: usize,
}

impl<'a> Iterator for PlainAttributes<'a> {
    type Item = Result<(&'a str, &'a str), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.raw.as_bytes();
        let mut at = self.at;
        while bytes.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if at == bytes.len() {
            self.at = at;
            return None;
        }
        // No white space before a key (`a="1"b="2"`): unusual.
        if at == self.at {
            self.at = bytes.len();
            return Some(Err(()));
        }
        let key_start = at;
        while let Some(&b) = bytes.get(at) {
            if b == b'=' || is_space(b) {
                break;
            }
            at += 1;
        }
        let key_end = at;
        let quote = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'='), Some(&q)) if key_end > key_start && (q == b'"' || q == b'\'') => q,
            _ => {
                self.at = bytes.len();
                return Some(Err(()));
            }
        };
        let value_start = at + 2;
        let found = bytes
            .get(value_start..)
            .and_then(|rest| rest.iter().position(|&b| b == quote));
        let pair = found.and_then(|length| {
            let value_end = value_start + length;
            self.at = value_end + 1;
            Some((
                self.raw.get(key_start..key_end)?,
                self.raw.get(value_start..value_end)?,
            ))
        });
        match pair {
            Some(pair) => Some(Ok(pair)),
            None => {
                self.at = bytes.len();
                Some(Err(()))
            }
        }
    }
}

/// Reads a tag's attributes in one pass: declarations entered in `scopes`, each name
/// once, each prefix bound, each value plain. For anything unusual this says
/// [`Fast::Slow`], and what it entered is taken back by the caller.
fn fast_attributes(scopes: &mut Scopes, raw: &str, root_prefixes: &[String]) -> Fast {
    let mut seen: [&str; 16] = [""; 16];
    for (count, attribute) in (PlainAttributes { raw, at: 0 }).enumerate() {
        let Ok((key, value)) = attribute else {
            return Fast::Slow;
        };
        // Each name once (a tag of many attributes goes the careful, hashed way).
        let Some(slot) = seen.get_mut(count) else {
            return Fast::Slow;
        };
        *slot = key;
        if seen
            .get(..count)
            .is_some_and(|before| before.contains(&key))
        {
            return Fast::Slow;
        }
        if any_byte(value.as_bytes(), |b| b < 0x20 || b == b'&' || b == 0xEF) {
            return Fast::Slow;
        }
        if let Some(prefix) = names::declaration(key) {
            if let Err(error) = scopes.declare(prefix, value) {
                return Fast::Namespace(error);
            }
        } else if let (Some(prefix), _) = split_name(key)
            && prefix != b"xml"
            && !scopes.attribute_prefix_is_bound(prefix)
            && !root_prefixes.iter().any(|p| p.as_bytes() == prefix)
        {
            // Unknown so far: it may be declared further on in this tag.
            return Fast::Slow;
        }
    }
    Fast::Clean
}

/// Debug builds (the test suite, over the samples and the corpus): what the one pass read
/// is what quick-xml reads, and what it passed the careful check passes.
#[cfg(debug_assertions)]
fn assert_same_as_careful(scopes: &mut Scopes, start: &BytesStart<'_>, root_prefixes: &[String]) {
    let careful: Vec<(String, String)> = start
        .attributes()
        .with_checks(false)
        .map(|a| {
            let a = a.unwrap_or_else(|e| panic!("quick-xml refuses what the one pass read: {e}"));
            (a.key.into_inner().to_string(), a.value.to_string())
        })
        .collect();
    let plain: Vec<(String, String)> = (PlainAttributes {
        raw: start.attributes_raw(),
        at: 0,
    })
    .map(|a| {
        let (k, v) = a.unwrap_or_else(|()| panic!("the one pass was clean"));
        (k.to_string(), v.to_string())
    })
    .collect();
    assert_eq!(
        careful,
        plain,
        "attributes of <{}>",
        start.name().into_inner()
    );
    if let Err(detail) = check_attributes(scopes, start, root_prefixes) {
        panic!("the one pass passed what the careful check refuses: {detail}");
    }
}

/// A tag's declarations as quick-xml's namespace reader enters them: in order, up to the
/// first malformed attribute.
fn declare_slowly(scopes: &mut Scopes, start: &BytesStart<'_>) -> Result<(), NamespaceError> {
    for attribute in start.attributes().with_checks(false) {
        let Ok(attribute) = attribute else {
            break;
        };
        if let Some(prefix) = names::declaration(attribute.key.into_inner()) {
            scopes.declare(prefix, &attribute.value)?;
        }
    }
    Ok(())
}

/// Attributes as XML 1.0 and Namespaces in XML require: each name once, each prefix
/// declared, each value free of forbidden characters and undefined references.
///
/// Runs for every element, so it allocates nothing on the way (the element's name is
/// formatted only for an error) and answers the usual prefixes from `root_prefixes`, the
/// prefixes the root element declares, which stay in scope for the whole part.
fn check_attributes(
    scopes: &mut Scopes,
    start: &BytesStart<'_>,
    root_prefixes: &[String],
) -> Result<(), String> {
    let element = || start.name().as_ref().to_string();
    let mut seen: [&str; 16] = [""; 16];
    let mut count = 0;
    let mut many: Option<std::collections::HashSet<&str>> = None;
    for attribute in start.attributes().with_checks(false) {
        let attribute = attribute.map_err(|error| {
            format!(
                "element <{}> has a malformed attribute ({error})",
                element()
            )
        })?;
        let key: &str = attribute.key.into_inner();
        // Linear for the usual handful of attributes, hashed past that: never quadratic.
        let duplicate = if let Some(set) = many.as_mut() {
            !set.insert(key)
        } else if let Some(slot) = seen.get_mut(count) {
            *slot = key;
            let found = seen
                .get(..count)
                .is_some_and(|before| before.contains(&key));
            count += 1;
            found
        } else {
            let mut set: std::collections::HashSet<&str> = seen.iter().copied().collect();
            let found = !set.insert(key);
            many = Some(set);
            found
        };
        if duplicate {
            return Err(format!(
                "element <{}> has the attribute {key} twice",
                element()
            ));
        }
        if let Some((prefix, _)) = key.split_once(':')
            && prefix != "xmlns"
            && prefix != "xml"
            && !root_prefixes.iter().any(|p| p == prefix)
            && !scopes.attribute_prefix_is_bound(prefix.as_bytes())
        {
            return Err(format!(
                "attribute {key} of <{}> uses the prefix \"{prefix}\", which no xmlns:{prefix} declaration binds",
                element()
            ));
        }
        let raw: &str = &attribute.value;
        // One byte pass for the usual value (no control, no reference, no U+FFFx).
        if any_byte(raw.as_bytes(), |b| b < 0x20 || b == b'&' || b == 0xEF) {
            check_attribute_value(raw)
                .map_err(|why| format!("attribute {key} of <{}> {why}", element()))?;
        }
    }
    Ok(())
}

/// The prefixes an element declares (`xmlns:w="..."` gives `w`).
fn declared_prefixes(start: &BytesStart<'_>) -> Vec<String> {
    start
        .attributes()
        .with_checks(false)
        .flatten()
        .filter_map(|a| {
            a.key
                .into_inner()
                .strip_prefix("xmlns:")
                .map(str::to_string)
        })
        .take(256)
        .collect()
}

/// A raw attribute value: no forbidden characters, and only defined references.
fn check_attribute_value(raw: &str) -> Result<(), String> {
    if let Some(ch) = first_illegal_char(raw) {
        return Err(format!(
            "holds the control character {}, which XML 1.0 does not allow",
            char_name(ch)
        ));
    }
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        let after = rest.get(at + 1..).unwrap_or_default();
        let Some(end) = after.find(';') else {
            return Err("has an & that starts no reference".into());
        };
        let name = after.get(..end).unwrap_or_default();
        resolve_reference(name).map_err(|why| format!("holds {why}"))?;
        rest = after.get(end + 1..).unwrap_or_default();
    }
    Ok(())
}

/// A character XML 1.0 does not allow in a document (C0 controls other than tab, line feed
/// and carriage return; U+FFFE and U+FFFF).
fn is_xml_char(ch: char) -> bool {
    matches!(ch, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether any byte matches: 32 bytes at a time without an exit per byte, which the
/// compiler turns into vector instructions (text nodes are most of a part's bytes).
#[inline]
fn any_byte(bytes: &[u8], matches: impl Fn(u8) -> bool + Copy) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |found, &b| found | matches(b)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| matches(b))
}

/// Whether one of 8 bytes is below 0x20 or is 0xEF, 8 bytes at a time (the classic
/// "has a byte less than n" test; exact on whether any byte is, which is all it is asked).
fn may_hold_control_or_ef(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let xored = word ^ (ONES * 0xEF);
    let is_ef = xored.wrapping_sub(ONES) & !xored & HIGH;
    (below_space | is_ef) != 0
}

fn first_illegal_char(text: &str) -> Option<char> {
    // Byte scan first: the common case (no byte below 0x20 but tab/LF/CR, no EF BF BE/BF)
    // costs one pass without decoding.
    let forbidden = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    let mut words = text.as_bytes().chunks_exact(8);
    let suspicious = words.by_ref().any(|chunk| {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        may_hold_control_or_ef(word) && chunk.iter().any(|&b| forbidden(b))
    }) || words.remainder().iter().any(|&b| forbidden(b));
    if !suspicious {
        return None;
    }
    text.chars().find(|ch| !is_xml_char(*ch))
}

/// `U+001B`: how a forbidden character is named in a message (never written raw).
fn char_name(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

/// XML's five predefined entities and character references to characters XML 1.0 allows;
/// anything else is an error, since a DOCTYPE (the only place entities can be declared) is
/// refused.
fn resolve_reference(name: &str) -> Result<String, String> {
    let text = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => {
            let Some(number) = name.strip_prefix('#') else {
                return Err(format!("the undefined entity &{};", clip_bytes(name, 40)));
            };
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse::<u32>().ok(),
            };
            let shown = clip_bytes(name, 40);
            return match code.and_then(char::from_u32) {
                Some(ch) if is_xml_char(ch) => Ok(ch.to_string()),
                Some(ch) => Err(format!(
                    "the character reference &{shown}; to {}, which XML 1.0 does not allow",
                    char_name(ch)
                )),
                None => Err(format!(
                    "the character reference &{shown};, which names no character"
                )),
            };
        }
    };
    Ok(text.to_string())
}

/// Turns a quick-xml error into the package error it stands for, in words: no type names,
/// no advice meant for programmers.
fn xml_error(error: quick_xml::Error, part: &str) -> PackageError {
    let corrupt = |detail: String| PackageError::CorruptXml {
        part: part.to_string(),
        detail,
    };
    match error {
        quick_xml::Error::Io(io) => {
            if let Some(detail) = limit_of(&io) {
                return PackageError::ZipBomb {
                    part: part.to_string(),
                    detail,
                };
            }
            if let Some(inner) = io.get_ref() {
                if inner.downcast_ref::<source::TokenTooLarge>().is_some() {
                    return PackageError::ZipBomb {
                        part: part.to_string(),
                        detail: inner.to_string(),
                    };
                }
                if inner.downcast_ref::<source::BadUtf16>().is_some() {
                    return corrupt(inner.to_string());
                }
            }
            let text = io.to_string();
            if text.to_ascii_lowercase().contains("checksum") {
                return PackageError::CorruptZip(format!("part {part} fails its CRC check"));
            }
            PackageError::CorruptZip(format!("part {part} cannot be inflated: {text}"))
        }
        quick_xml::Error::Namespace(NamespaceError::TooManyBindings(limit)) => corrupt(format!(
            "more than {limit} namespace declarations are in scope at once; Word writes a few dozen"
        )),
        quick_xml::Error::Namespace(NamespaceError::TooDeeplyNested(_)) => PackageError::TooDeep {
            part: part.to_string(),
            depth: limits::MAX_DEPTH,
        },
        quick_xml::Error::Namespace(NamespaceError::UnknownPrefix(prefix)) => corrupt(format!(
            "the prefix \"{prefix}\" is used, but no xmlns:{prefix} declaration binds it"
        )),
        quick_xml::Error::Encoding(_) => {
            corrupt("the part is neither valid UTF-8 nor UTF-16 (Word writes UTF-8)".into())
        }
        quick_xml::Error::Syntax(syntax) => corrupt(syntax.to_string()),
        quick_xml::Error::IllFormed(ill) => corrupt(ill.to_string()),
        other => corrupt(other.to_string()),
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

    fn corrupt_detail(xml: &str) -> String {
        match events(xml) {
            Err(PackageError::CorruptXml { detail, .. }) => detail,
            other => panic!("{xml}: {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn duplicate_attributes_are_corrupt() {
        let detail = corrupt_detail(r#"<a x="1" x="2"/>"#);
        assert!(detail.contains("attribute x twice"), "{detail}");
        // Past the linear scan's reach too.
        let many = (0..40)
            .map(|i| format!(" a{i}=\"v\""))
            .collect::<Vec<_>>()
            .concat();
        let detail = corrupt_detail(&format!("<a{many} a39=\"again\"/>"));
        assert!(detail.contains("a39 twice"), "{detail}");
        assert!(events(&format!("<a{many}/>")).is_ok());
    }

    #[test]
    fn undeclared_prefixes_are_corrupt() {
        let detail = corrupt_detail("<w:document/>");
        assert!(
            detail.contains("\"w\"") && detail.contains("xmlns:w"),
            "{detail}"
        );
        let detail = corrupt_detail("<a q:val=\"1\"/>");
        assert!(
            detail.contains("q:val") && detail.contains("xmlns:q"),
            "{detail}"
        );
        // xml: is always bound; a declared prefix is fine.
        assert!(events(r#"<a xml:space="preserve" xmlns:q="urn:x" q:val="1"/>"#).is_ok());
    }

    #[test]
    fn attributes_read_the_same_however_they_are_written() {
        // Each is read the careful way (and, in debug builds, the one pass is checked
        // against it whenever it is taken).
        for xml in [
            r#"<a x = "1" y='2'/>"#,
            r#"<a x="1"y="2"/>"#,
            "<a\tx=\"1\"\ny='a\"b' />",
            r#"<a q:x="1" xmlns:q="urn:q"/>"#,
            r#"<a xmlns="urn:d"><b xmlns="">t</b></a>"#,
            r#"<a x="&amp;" z="&#x41;"/>"#,
        ] {
            assert!(events(xml).is_ok(), "{xml}");
        }
        for (xml, says) in [
            (r#"<a x="1" x = "2"/>"#, "twice"),
            (r#"<a x="1" q:y="2"/>"#, "xmlns:q"),
            (r#"<a xmlns:q="urn:q"><q:b xmlns:q=""/></a>"#, "\"q\""),
            (r#"<a x=1/>"#, "malformed"),
        ] {
            let detail = corrupt_detail(xml);
            assert!(detail.contains(says), "{xml}: {detail}");
        }
        // Declarations quick-xml refuses are refused with its words, before anything else.
        let detail = corrupt_detail(r#"<a x="1" x="2" xmlns:xml="urn:not-xml"/>"#);
        assert!(detail.contains("urn:not-xml"), "{detail}");
        // Namespaces come from declarations in scope, whatever the prefix, and go out of
        // scope with their element.
        let out = events(r#"<x:a xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><b xmlns="http://purl.oclc.org/ooxml/wordprocessingml/main"><c/></b><x:d/></x:a>"#).unwrap();
        assert_eq!(
            out,
            ["<W:a>", "<W:b>", "<W:c/>", "</W:b>", "<W:d/>", "</W:a>"]
        );
    }

    #[test]
    fn the_word_test_misses_no_control_byte() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = b;
                let expected = b < 0x20 || b == 0xEF;
                assert_eq!(
                    may_hold_control_or_ef(u64::from_le_bytes(bytes)),
                    expected,
                    "{b:#x} at {at}"
                );
            }
        }
        assert_eq!(
            first_illegal_char("0123456789abcdef\u{1b}x"),
            Some('\u{1b}')
        );
        assert_eq!(first_illegal_char("tab\there, line\nand\r\n é ok"), None);
    }

    #[test]
    fn references_to_forbidden_characters_are_corrupt() {
        for xml in [
            "<a>&#0;</a>",
            "<a>&#27;</a>",
            "<a>&#x1B;</a>",
            "<a>&#xFFFE;</a>",
        ] {
            let detail = corrupt_detail(xml);
            assert!(detail.contains("XML 1.0 does not allow"), "{detail}");
        }
        assert!(corrupt_detail("<a>&#1114112;</a>").contains("names no character"));
        assert!(corrupt_detail(r#"<a v="x&#0;"/>"#).contains("attribute v"));
        assert!(corrupt_detail("<a>\u{1b}[2J</a>").contains("U+001B"));
        assert!(corrupt_detail("<a v=\"\u{7}\"/>").contains("U+0007"));
        assert_eq!(
            events("<a>&#9;&#xA0;</a>").unwrap()[1..3].concat(),
            "\t\u{a0}"
        );
    }

    #[test]
    fn utf16_parts_are_decoded() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:p xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:t>Title é</w:t></w:p>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut reader = XmlReader::new(bytes.as_slice(), "word/document.xml");
        let mut text = String::new();
        loop {
            match reader.next_event().unwrap() {
                XmlEvent::Text(t) => text.push_str(&t),
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "Title é");
    }

    #[test]
    fn messages_are_words_not_api_advice() {
        let bindings = (0..300)
            .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
            .collect::<Vec<_>>()
            .concat();
        let xml = format!("<a{bindings}/>");
        let text = events(&xml)
            .expect_err("300 bindings pass the limit")
            .to_string();
        assert!(text.contains("namespace declarations"), "{text}");
        assert!(
            !text.contains("NamespaceResolver") && !text.contains("::"),
            "{text}"
        );
    }
}
