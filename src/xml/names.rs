//! Namespace scopes, with each declaration resolved to an [`Ns`] once, when it is read.
//!
//! quick-xml's `NsReader` keeps the URIs and hands each element's URI back, which fgcheck
//! then matched against every URI it knows, string by string, for every start and end tag.
//! Here a declaration is mapped to its [`Ns`] when it is declared, so an element costs a
//! look-up of its (short) prefix, answered from a one-entry cache for the usual `w:`, and
//! an end tag costs nothing (it is the namespace of its start, kept on a stack).
//!
//! The rules are quick-xml's, to the letter, so that a part reads and fails the same:
//! the reserved `xml` and `xmlns` prefixes, `xmlns:p=""` unbinding `p`, the limit on
//! bindings in scope at once, and the errors raised for each.

use quick_xml::name::NamespaceError;

use super::{Ns, ns_of};

const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";
/// Bindings in scope at once, as quick-xml allows.
const MAX_BINDINGS: usize = quick_xml::name::DEFAULT_MAX_NAMESPACE_BINDINGS;
/// Prefixes up to this length are cached.
const CACHED_PREFIX: usize = 16;

/// What a prefix stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    Bound(Ns),
    /// No prefix and no default namespace.
    Unbound,
    /// A prefix no declaration in scope binds (or one unbound by `xmlns:p=""`).
    Unknown,
}

struct Binding {
    /// The prefix, in [`Scopes::prefixes`] (empty for the default namespace).
    start: usize,
    len: usize,
    level: usize,
    ns: Ns,
    /// False for `xmlns:p=""` and `xmlns=""`, which take a binding away.
    bound: bool,
}

/// The namespace declarations in scope.
#[derive(Default)]
pub struct Scopes {
    prefixes: String,
    bindings: Vec<Binding>,
    level: usize,
    /// The last prefix looked up and its answer, valid until the bindings change.
    cache: Option<([u8; CACHED_PREFIX], usize, Resolved)>,
}

impl Scopes {
    /// An element starts: its declarations belong to a new scope.
    pub fn push_level(&mut self) {
        self.level += 1;
    }

    /// An element ended (or an empty one was read): its declarations go out of scope.
    pub fn pop_level(&mut self) {
        self.level = self.level.saturating_sub(1);
        self.truncate_above(self.level);
    }

    /// Takes back the declarations made at the current level (to read them again).
    pub fn clear_level(&mut self) {
        self.truncate_above(self.level.saturating_sub(1));
    }

    fn truncate_above(&mut self, level: usize) {
        let keep = self
            .bindings
            .iter()
            .rposition(|b| b.level <= level)
            .map_or(0, |at| at + 1);
        if keep < self.bindings.len() {
            let end = self.bindings.get(keep).map_or(0, |b| b.start);
            self.bindings.truncate(keep);
            self.prefixes.truncate(end);
            self.cache = None;
        }
    }

    /// A declaration: `xmlns="uri"` (`prefix` None) or `xmlns:p="uri"`, with the raw value.
    pub fn declare(&mut self, prefix: Option<&str>, uri: &str) -> Result<(), NamespaceError> {
        let name = match prefix {
            None => "",
            Some("xml") => {
                if uri != XML_URI {
                    return Err(NamespaceError::InvalidXmlPrefixBind(uri.to_string()));
                }
                return Ok(());
            }
            Some("xmlns") => {
                return Err(NamespaceError::InvalidXmlnsPrefixBind(uri.to_string()));
            }
            Some(name) => {
                if uri == XML_URI {
                    return Err(NamespaceError::InvalidPrefixForXml(name.to_string()));
                } else if uri == XMLNS_URI {
                    return Err(NamespaceError::InvalidPrefixForXmlns(name.to_string()));
                }
                name
            }
        };
        if self.bindings.len() >= MAX_BINDINGS {
            return Err(NamespaceError::TooManyBindings(MAX_BINDINGS));
        }
        let start = self.prefixes.len();
        self.prefixes.push_str(name);
        self.bindings.push(Binding {
            start,
            len: name.len(),
            level: self.level,
            ns: ns_of(uri.as_bytes()),
            bound: !uri.is_empty(),
        });
        self.cache = None;
        Ok(())
    }

    fn prefix_of(&self, binding: &Binding) -> &[u8] {
        self.prefixes
            .as_bytes()
            .get(binding.start..binding.start + binding.len)
            .unwrap_or_default()
    }

    /// An element's prefix (`None` for an unprefixed name, which takes the default
    /// namespace).
    pub fn element(&mut self, prefix: Option<&[u8]>) -> Resolved {
        match prefix {
            None => match self.bindings.iter().rev().find(|b| b.len == 0) {
                Some(binding) if binding.bound => Resolved::Bound(binding.ns),
                _ => Resolved::Unbound,
            },
            Some(prefix) => self.prefixed(prefix),
        }
    }

    /// Whether an attribute's prefix is bound.
    pub fn attribute_prefix_is_bound(&mut self, prefix: &[u8]) -> bool {
        !matches!(self.prefixed(prefix), Resolved::Unknown)
    }

    fn prefixed(&mut self, prefix: &[u8]) -> Resolved {
        if let Some((cached, len, answer)) = &self.cache
            && cached.get(..*len) == Some(prefix)
        {
            return *answer;
        }
        let answer = match prefix {
            // Always bound, and never to a namespace fgcheck reads.
            b"xml" | b"xmlns" => Resolved::Bound(Ns::Other),
            // An empty prefix (`<:p>`) is no declared prefix: `xmlns:=""` binds the default.
            b"" => Resolved::Unknown,
            _ => match self
                .bindings
                .iter()
                .rev()
                .find(|b| b.len == prefix.len() && self.prefix_of(b) == prefix)
            {
                Some(binding) if binding.bound => Resolved::Bound(binding.ns),
                _ => Resolved::Unknown,
            },
        };
        if prefix.len() <= CACHED_PREFIX {
            let mut key = [0u8; CACHED_PREFIX];
            if let Some(slot) = key.get_mut(..prefix.len()) {
                slot.copy_from_slice(prefix);
                self.cache = Some((key, prefix.len(), answer));
            }
        }
        answer
    }
}

/// `xmlns` -> the default namespace, `xmlns:p` -> `p`; anything else is no declaration
/// (quick-xml's reading: `xmlnsx` is an ordinary attribute).
#[expect(
    clippy::option_option,
    reason = "outer: is it a declaration; inner: the prefix, None for the default namespace, as the scopes store it"
)]
pub fn declaration(key: &str) -> Option<Option<&str>> {
    let rest = key.strip_prefix("xmlns")?;
    if rest.is_empty() {
        return Some(None);
    }
    rest.strip_prefix(':').map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    #[test]
    fn scopes_resolve_as_xml_namespaces_say() {
        let mut scopes = Scopes::default();
        assert_eq!(scopes.element(None), Resolved::Unbound);
        assert_eq!(scopes.element(Some(b"w")), Resolved::Unknown);
        scopes.push_level();
        scopes.declare(Some("w"), W).unwrap();
        scopes.declare(None, W).unwrap();
        assert_eq!(scopes.element(Some(b"w")), Resolved::Bound(Ns::W));
        assert_eq!(scopes.element(None), Resolved::Bound(Ns::W));
        scopes.push_level();
        scopes.declare(Some("w"), "").unwrap();
        scopes.declare(None, "urn:other").unwrap();
        assert_eq!(scopes.element(Some(b"w")), Resolved::Unknown);
        assert!(!scopes.attribute_prefix_is_bound(b"w"));
        assert_eq!(scopes.element(None), Resolved::Bound(Ns::Other));
        scopes.pop_level();
        assert_eq!(scopes.element(Some(b"w")), Resolved::Bound(Ns::W));
        assert_eq!(scopes.element(Some(b"xml")), Resolved::Bound(Ns::Other));
        scopes.pop_level();
        assert_eq!(scopes.element(Some(b"w")), Resolved::Unknown);
    }

    #[test]
    fn reserved_prefixes_and_the_limit_are_quick_xmls() {
        let mut scopes = Scopes::default();
        scopes.push_level();
        assert!(scopes.declare(Some("xml"), XML_URI).is_ok());
        assert!(matches!(
            scopes.declare(Some("xml"), "urn:x"),
            Err(NamespaceError::InvalidXmlPrefixBind(_))
        ));
        assert!(matches!(
            scopes.declare(Some("xmlns"), XMLNS_URI),
            Err(NamespaceError::InvalidXmlnsPrefixBind(_))
        ));
        assert!(matches!(
            scopes.declare(Some("p"), XML_URI),
            Err(NamespaceError::InvalidPrefixForXml(_))
        ));
        for i in 0..MAX_BINDINGS {
            scopes.declare(Some(&format!("p{i}")), "urn:x").unwrap();
        }
        assert!(matches!(
            scopes.declare(Some("q"), "urn:x"),
            Err(NamespaceError::TooManyBindings(MAX_BINDINGS))
        ));
        assert_eq!(declaration("xmlns"), Some(None));
        assert_eq!(declaration("xmlns:w"), Some(Some("w")));
        assert_eq!(declaration("xmlnsw"), None);
    }
}
