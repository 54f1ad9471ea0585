//! The cover's schema: which fields a profile declares, and how each is found.

use regex::Regex;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The keys of the fields rules speak about. Profiles declare the fields; a rule whose
/// field a profile does not declare stays silent.
pub mod keys {
    pub const DOCUMENT_NUMBER: &str = "document_number";
    pub const GROUP: &str = "group";
    pub const ORIGINAL: &str = "original";
    pub const STUDY_PERIOD: &str = "study_period";
    pub const QUESTION: &str = "question";
    pub const PLACE_DATES: &str = "place_dates";
    pub const DOCUMENT_TYPE: &str = "document_type";
    pub const SOURCE: &str = "source";
    pub const TITLE: &str = "title";
    pub const PURPOSE: &str = "purpose";
    pub const CONTACT: &str = "contact";
    pub const KEYWORDS: &str = "keywords";
    pub const ABSTRACT: &str = "abstract";
}

/// How a field is found on the cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// A label cell (`Title:`) and the value in the next cell of the row (or after the
    /// colon in the same cell).
    Labelled,
    /// Like `labelled`, one row per person; e-mail addresses are read from the row.
    Contact,
    /// An unlabelled line of the top block chosen by its shape (`patterns`,
    /// `placeholders`, `shapes`), preferring lines in `styles` or content controls tagged
    /// `tags`: the document number.
    Number,
    /// An unlabelled line of the top block matching `patterns` or `shapes`, or tagged
    /// `tags`; when no line matches, the line under the number: the group line.
    Group,
    /// A line of the top block that starts with one of `prefixes` (`Original:`,
    /// `STUDY PERIOD`); the value is the rest of the line, or the next cell.
    Prefixed,
    /// The cell after another field's value in the same row (`beside`), or a cell tagged
    /// `tags`: place and dates beside the question.
    Beside,
    /// A line of the cover that is exactly one of `values` (`CONTRIBUTION`), or tagged
    /// `tags`: the document type.
    Banner,
}

/// One declared field, resolved from the profile chain.
#[derive(Clone, Debug)]
pub struct FieldSpec {
    pub key: String,
    /// The field's name for people ("Title", "WG(s) / Question(s)").
    pub name: String,
    pub kind: FieldKind,
    /// Label keys, folded (see [`text::label_key`]).
    pub labels: Vec<String>,
    pub tags: Vec<String>,
    pub styles: Vec<String>,
    /// Line prefixes, folded and upper-cased.
    pub prefixes: Vec<String>,
    /// What a valid value looks like.
    pub patterns: Vec<Regex>,
    /// Placeholders left for the secretariat.
    pub placeholders: Vec<Regex>,
    /// Anything shaped like this field, under any profile (to find the line only).
    pub shapes: Vec<Regex>,
    pub values: Vec<String>,
    pub required: bool,
    pub beside: Option<String>,
    /// E-mail label words, lower-case.
    pub email_labels: Vec<String>,
    pub max_words: Option<usize>,
    /// Prefixes dropped when numbers are compared, upper-cased.
    pub strip_prefixes: Vec<String>,
    /// The revision suffix of a number; group 1 is the revision.
    pub revision: Option<Regex>,
    /// Shown as a column in the intake register.
    pub register: bool,
}

impl FieldSpec {
    /// A field of a kind, with nothing else set (for tests and code that builds schemas).
    pub fn new(key: &str, name: &str, kind: FieldKind) -> FieldSpec {
        FieldSpec {
            key: key.to_string(),
            name: name.to_string(),
            kind,
            labels: Vec::new(),
            tags: Vec::new(),
            styles: Vec::new(),
            prefixes: Vec::new(),
            patterns: Vec::new(),
            placeholders: Vec::new(),
            shapes: Vec::new(),
            values: Vec::new(),
            required: false,
            beside: None,
            email_labels: Vec::new(),
            max_words: None,
            strip_prefixes: Vec::new(),
            revision: None,
            register: true,
        }
    }

    pub(super) fn has_tag(&self, tags: &[String]) -> bool {
        tags.iter()
            .any(|tag| self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
    }

    pub(super) fn has_style(&self, style: Option<&str>) -> bool {
        style.is_some_and(|style| self.styles.iter().any(|s| s.eq_ignore_ascii_case(style)))
    }

    /// Whether a folded value is a valid value of this field.
    pub fn is_valid(&self, value: &str) -> bool {
        self.patterns.iter().any(|p| p.is_match(value))
    }

    /// Whether a folded value is a placeholder of this field.
    pub fn is_placeholder(&self, value: &str) -> bool {
        self.placeholders.iter().any(|p| p.is_match(value))
    }

    /// Whether a folded value has this field's shape (valid, placeholder or look-alike).
    pub fn has_shape(&self, value: &str) -> bool {
        self.is_valid(value)
            || self.is_placeholder(value)
            || self.shapes.iter().any(|p| p.is_match(value))
    }

    /// The acronym a value names (the `acronym` group of the first pattern or shape that
    /// captures one), upper-cased.
    pub fn acronym_in(&self, value: &str) -> Option<String> {
        self.patterns
            .iter()
            .chain(&self.placeholders)
            .chain(&self.shapes)
            .find_map(|p| p.captures(value)?.name("acronym"))
            .map(|m| m.as_str().to_ascii_uppercase())
    }
}

/// What a profile says a cover holds.
#[derive(Clone, Debug, Default)]
pub struct HeaderSchema {
    /// Fields in reading order.
    pub fields: Vec<FieldSpec>,
    /// Labelled fields' keys in the template's order.
    pub label_order: Vec<String>,
    /// Distinct colon-labelled fields that make a table the cover.
    pub min_labels: usize,
}

impl HeaderSchema {
    pub fn field(&self, key: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub(super) fn of_kind(&self, kind: FieldKind) -> impl Iterator<Item = &FieldSpec> {
        self.fields.iter().filter(move |f| f.kind == kind)
    }

    /// The labelled field a label cell names.
    pub(super) fn match_label(&self, key: &str) -> Option<&FieldSpec> {
        if key.is_empty() {
            return None;
        }
        self.fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Labelled | FieldKind::Contact))
            .find(|f| f.labels.iter().any(|label| label == key))
    }
}

/// Where a top-block line is: table, row, cell, paragraph, line (reading order).
pub type LinePos = (usize, usize, usize, usize, usize);
