//! Embedded and linked objects, imported content (`w:altChunk`) and fields: what a document
//! pulls in from elsewhere.

use serde::Serialize;

use super::place::Place;

/// Objects and fields kept per part.
pub const MAX_OBJECTS: usize = 256;
pub const MAX_FIELDS: usize = 256;
/// Open fields tracked at once (fields nest a few levels in real documents).
pub const MAX_OPEN_FIELDS: usize = 64;
/// Bytes of a field instruction kept.
pub const MAX_INSTRUCTION: usize = 4096;

/// An embedded or linked OLE object.
#[derive(Clone, Debug, Serialize)]
pub struct ObjectInfo {
    pub prog_id: String,
    pub linked: bool,
    pub rel_id: Option<String>,
    pub place: Place,
}

/// Imported content (`w:altChunk`): an HTML, RTF, plain-text or other Word file that Word
/// merges into the document when it opens it, whatever the template says.
#[derive(Clone, Debug, Serialize)]
pub struct AltChunk {
    pub rel_id: String,
    pub place: Place,
}

/// A field and its instruction (`PAGE`, `INCLUDEPICTURE "\\\\srv\\x.png"`...).
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub instruction: String,
    pub place: Place,
}

impl Field {
    /// The field's type: its first word, upper-cased.
    pub fn kind(&self) -> String {
        self.instruction
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase()
    }
}

/// A field being read: its instruction until `separate`, then its result.
pub struct FieldFrame {
    pub instruction: String,
    pub in_result: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fields_kind_is_its_first_word() {
        let field = Field {
            instruction: " includepicture \"x.png\" \\d".into(),
            place: Place::default(),
        };
        assert_eq!(field.kind(), "INCLUDEPICTURE");
    }
}
