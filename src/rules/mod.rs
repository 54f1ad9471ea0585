//! The rule registry: one file per rule, each holding its code, slug, default severity,
//! documentation and check. `explain`, `rules`, `docs/rules.md` and the SARIF rule table
//! are all generated from [`ALL`]; tests over the registry keep it honest.
//!
//! Codes: FG0xx package, FG1xx header, FG2xx hygiene, FG3xx layout, FG4xx deadline,
//! FG5xx batch, FG9xx fgcheck itself. A retired code is never reused.

pub mod batch;
pub mod deadline;
pub mod fixes;
pub mod header;
pub mod hygiene;
pub mod layout;
pub mod meta;
pub mod package;
pub mod vars;

use serde::Serialize;

use crate::diag::{Finding, Location, Severity};
use crate::model::Document;
use crate::model::header::Header;
use crate::profile::{Meeting, Profile};
use vars::Vars;

/// Which family a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Package,
    Header,
    Hygiene,
    Layout,
    Deadline,
    Batch,
    Meta,
}

/// What a document rule looks at.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub header: &'a Header,
    pub profile: &'a Profile,
    pub meeting: Option<&'a Meeting>,
    /// The words findings are written in (group, numbers, meeting).
    pub vars: Vars,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        header: &'a Header,
        profile: &'a Profile,
        meeting: Option<&'a Meeting>,
    ) -> Context<'a> {
        Context {
            doc,
            header,
            profile,
            meeting,
            vars: Vars::new(profile, meeting),
        }
    }

    /// A finding of a rule, its fix in this profile's words.
    pub fn finding(
        &self,
        rule: &'static Rule,
        message: impl Into<String>,
        location: Location,
    ) -> Finding {
        Finding::new(rule, message, location).fix(self.vars.fill(rule.fix))
    }
}

/// A document check: reads the context, pushes findings.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Finding>);

/// One rule. Everything a user or a tool needs to know about it is here.
pub struct Rule {
    pub code: &'static str,
    pub slug: &'static str,
    pub severity: Severity,
    pub area: Area,
    /// One line, lower-case start, no final period.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// How to fix it, in Word terms.
    pub fix: &'static str,
    /// The rule's source: template, ITU-T A.1/A.2 clause, circular.
    pub source: &'static str,
    /// What fails, and what passes.
    pub bad: &'static str,
    pub good: &'static str,
    /// `None` for rules raised elsewhere (the package reader, the batch, the deadline).
    pub check: Option<CheckFn>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.code, self.slug)
    }
}

/// Every rule, in code order.
pub static ALL: &[&Rule] = &[
    &package::NOT_OOXML,
    &package::LEGACY_DOC,
    &package::ENCRYPTED,
    &package::CORRUPT_ZIP,
    &package::MISSING_DOCUMENT_PART,
    &package::CORRUPT_XML,
    &package::ZIP_BOMB,
    &package::XML_BOMB,
    &package::TOO_DEEP,
    &package::IO_ERROR,
    &package::TOO_SLOW,
    &package::INTERNAL_ERROR,
    &package::WORD_LOCK_FILE,
    &header::no_header_table::RULE,
    &header::bad_doc_number::RULE,
    &header::placeholder_doc_number::RULE,
    &header::wrong_group::RULE,
    &header::original_not_english::RULE,
    &header::wrong_study_period::RULE,
    &header::wrong_meeting_place_date::RULE,
    &header::empty_source::RULE,
    &header::missing_title::RULE,
    &header::bad_purpose::RULE,
    &header::missing_contact_email::RULE,
    &header::invalid_email::RULE,
    &header::missing_keywords::RULE,
    &header::missing_abstract::RULE,
    &header::abstract_too_long::RULE,
    &header::label_order::RULE,
    &header::swapped_number_and_group::RULE,
    &hygiene::tracked_changes::RULE,
    &hygiene::comments::RULE,
    &hygiene::hidden_text::RULE,
    &hygiene::macro_enabled::RULE,
    &hygiene::external_template::RULE,
    &hygiene::external_link::RULE,
    &hygiene::embedded_object::RULE,
    &hygiene::protected::RULE,
    &hygiene::non_english_text::RULE,
    &hygiene::personal_metadata::RULE,
    &hygiene::stale_properties::RULE,
    &layout::not_a4::RULE,
    &layout::margins::RULE,
    &layout::normal_font::RULE,
    &layout::missing_docnumber_style::RULE,
    &layout::missing_running_header::RULE,
    &deadline::LATE,
    &deadline::ON_TIME,
    &deadline::DEADLINE_UNKNOWN,
    &deadline::UNMATCHED_RECEIPT,
    &batch::DUPLICATE_DOC_NUMBER,
    &batch::DUPLICATE_TITLE,
    &batch::REVISION_WITHOUT_BASE,
    &meta::UNUSED_SUPPRESSION,
];

/// A rule by slug or code (case-insensitive).
pub fn find(name: &str) -> Option<&'static Rule> {
    let name = name.trim();
    ALL.iter()
        .copied()
        .find(|rule| rule.slug.eq_ignore_ascii_case(name) || rule.code.eq_ignore_ascii_case(name))
}

/// A rule by slug; for code that names its own rules.
pub fn by_slug(slug: &str) -> &'static Rule {
    ALL.iter()
        .copied()
        .find(|rule| rule.slug == slug)
        .unwrap_or(&meta::UNKNOWN)
}

/// The parts the rules `policy` leaves on read (see [`crate::model::Needs`]). Every rule
/// that reads a part only some documents need is named here: the tracked changes,
/// hidden text, objects, links and comments of page headers, footers, notes and comments
/// count as the body's; the running header reads the headers and footers; the Normal
/// font's theme slot reads the theme. Everything else (styles, settings, properties,
/// custom properties, which the `fgcheck-ignore` opt-out lives in) is always read.
pub fn needs(policy: &crate::diag::Policy) -> crate::model::Needs {
    let on = |rule: &Rule| policy.severity_of(rule).is_some();
    let stories = [
        &hygiene::tracked_changes::RULE,
        &hygiene::comments::RULE,
        &hygiene::hidden_text::RULE,
        &hygiene::embedded_object::RULE,
        &hygiene::external_link::RULE,
    ]
    .into_iter()
    .any(on);
    crate::model::Needs {
        headers_footers: stories || on(&layout::missing_running_header::RULE),
        notes: stories,
        comments: stories,
        theme: on(&layout::normal_font::RULE),
    }
}

/// Runs every document rule over one document.
pub fn check_document(context: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in ALL {
        if let Some(check) = rule.check {
            check(context, &mut findings);
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_slugs_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut slugs = HashSet::new();
        for rule in ALL {
            assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
            assert!(slugs.insert(rule.slug), "duplicate slug {}", rule.slug);
            assert!(
                rule.code.len() == 5 && rule.code.starts_with("FG"),
                "{}",
                rule.code
            );
            assert!(
                rule.slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "slug {} is not kebab-case",
                rule.slug
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in ALL {
            for (what, text) in [
                ("summary", rule.summary),
                ("why", rule.why),
                ("fix", rule.fix),
                ("source", rule.source),
                ("bad", rule.bad),
                ("good", rule.good),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {what}", rule.slug);
            }
            // clippy's message style: lower-case start, no trailing period.
            // Acronyms (XML, OLE) may open a summary; a capitalised word may not.
            let mut chars = rule.summary.chars();
            let (first, second) = (chars.next().unwrap_or('x'), chars.next().unwrap_or('x'));
            assert!(
                !(first.is_uppercase() && second.is_lowercase()),
                "{}: summary starts capitalised",
                rule.slug
            );
            assert!(
                !rule.summary.ends_with('.'),
                "{}: summary ends with a period",
                rule.slug
            );
        }
    }

    #[test]
    fn codes_are_in_order() {
        let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted);
    }
}
