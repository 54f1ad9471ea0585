//! The rule registry: one file per rule, each holding its code, slug, default severity,
//! documentation and check. `explain`, `rules`, `docs/rules.md` and the SARIF rule table
//! are all generated from [`ALL`]; tests over the registry keep it honest.
//!
//! Codes: FG0xx package, FG1xx header, FG2xx hygiene, FG3xx layout, FG4xx deadline,
//! FG5xx batch, FG9xx fgcheck itself. A retired code is never reused.

pub mod batch;
pub mod deadline;
pub mod docs;
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
    /// The rule's identity in code; `id.rule()` is this rule (a registry test checks it).
    pub id: RuleId,
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

/// Declares the registry once: the [`RuleId`] enum, [`ALL`] and the mapping between them
/// come from one list, so a rule cannot be registered without an identity or named in code
/// without being registered. Each entry is `Variant = module path of the rule's static`;
/// the path is kept (as words) so that tests can check that a rule lives in its area's
/// folder, in a file named after its slug.
macro_rules! registry {
    ($($id:ident = $($segment:ident)::+,)+) => {
        /// A rule as code names it: a typo is a compile error, not a silent "unknown rule".
        /// Users name rules by slug or code ([`find`]); code names them by `RuleId`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($id,)+
        }

        impl RuleId {
            /// Every rule identity, in code order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$id,)+];

            /// The rule this identity names.
            pub fn rule(self) -> &'static Rule {
                match self {
                    $(RuleId::$id => &$($segment)::+,)+
                }
            }

            /// Where the rule is declared, as module path segments under `rules`
            /// (`["header", "missing_title", "RULE"]`).
            pub fn module_path(self) -> &'static [&'static str] {
                match self {
                    $(RuleId::$id => &[$(stringify!($segment)),+],)+
                }
            }
        }

        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[$(&$($segment)::+,)+];
    };
}

impl RuleId {
    pub fn slug(self) -> &'static str {
        self.rule().slug
    }

    pub fn code(self) -> &'static str {
        self.rule().code
    }
}

impl From<RuleId> for &'static Rule {
    fn from(id: RuleId) -> &'static Rule {
        id.rule()
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// Codes that were in use once and are never given to another rule: a code in an old
/// report, baseline or suppression must not start meaning something else.
/// FG999 was the stand-in reported when code named an unregistered slug; [`RuleId`] made
/// that impossible.
pub const RETIRED: &[&str] = &["FG999"];

registry! {
    NotOoxml = package::NOT_OOXML,
    LegacyDoc = package::LEGACY_DOC,
    Encrypted = package::ENCRYPTED,
    CorruptZip = package::CORRUPT_ZIP,
    MissingDocumentPart = package::MISSING_DOCUMENT_PART,
    CorruptXml = package::CORRUPT_XML,
    ZipBomb = package::ZIP_BOMB,
    XmlBomb = package::XML_BOMB,
    TooDeep = package::TOO_DEEP,
    IoError = package::IO_ERROR,
    TooSlow = package::TOO_SLOW,
    InternalError = package::INTERNAL_ERROR,
    WordLockFile = package::WORD_LOCK_FILE,
    NoHeaderTable = header::no_header_table::RULE,
    BadDocNumber = header::bad_doc_number::RULE,
    PlaceholderDocNumber = header::placeholder_doc_number::RULE,
    WrongGroup = header::wrong_group::RULE,
    OriginalNotEnglish = header::original_not_english::RULE,
    WrongStudyPeriod = header::wrong_study_period::RULE,
    WrongMeetingPlaceDate = header::wrong_meeting_place_date::RULE,
    EmptySource = header::empty_source::RULE,
    MissingTitle = header::missing_title::RULE,
    BadPurpose = header::bad_purpose::RULE,
    MissingContactEmail = header::missing_contact_email::RULE,
    InvalidEmail = header::invalid_email::RULE,
    MissingKeywords = header::missing_keywords::RULE,
    MissingAbstract = header::missing_abstract::RULE,
    AbstractTooLong = header::abstract_too_long::RULE,
    LabelOrder = header::label_order::RULE,
    SwappedNumberAndGroup = header::swapped_number_and_group::RULE,
    TrackedChanges = hygiene::tracked_changes::RULE,
    Comments = hygiene::comments::RULE,
    HiddenText = hygiene::hidden_text::RULE,
    Macro = hygiene::r#macro::RULE,
    ExternalTemplate = hygiene::external_template::RULE,
    ExternalLink = hygiene::external_link::RULE,
    EmbeddedObject = hygiene::embedded_object::RULE,
    Protected = hygiene::protected::RULE,
    NonEnglishText = hygiene::non_english_text::RULE,
    PersonalMetadata = hygiene::personal_metadata::RULE,
    StaleProperties = hygiene::stale_properties::RULE,
    NotA4 = layout::not_a4::RULE,
    Margins = layout::margins::RULE,
    NormalFont = layout::normal_font::RULE,
    MissingDocnumberStyle = layout::missing_docnumber_style::RULE,
    MissingRunningHeader = layout::missing_running_header::RULE,
    Late = deadline::LATE,
    OnTime = deadline::ON_TIME,
    DeadlineUnknown = deadline::DEADLINE_UNKNOWN,
    UnmatchedReceipt = deadline::UNMATCHED_RECEIPT,
    DuplicateDocNumber = batch::DUPLICATE_DOC_NUMBER,
    DuplicateTitle = batch::DUPLICATE_TITLE,
    RevisionWithoutBase = batch::REVISION_WITHOUT_BASE,
    UnusedSuppression = meta::UNUSED_SUPPRESSION,
}

/// A rule by slug or code (case-insensitive).
pub fn find(name: &str) -> Option<&'static Rule> {
    let name = name.trim();
    ALL.iter()
        .copied()
        .find(|rule| rule.slug.eq_ignore_ascii_case(name) || rule.code.eq_ignore_ascii_case(name))
}

/// The parts the rules `policy` leaves on read (see [`crate::model::Needs`]). Every rule
/// that reads a part only some documents need is named here: the tracked changes,
/// hidden text, objects, links and comments of page headers, footers, notes and comments
/// count as the body's; the running header reads the headers and footers; the Normal
/// font's theme slot reads the theme. Everything else (styles, settings, properties,
/// custom properties, which the `fgcheck-ignore` opt-out lives in) is always read.
pub fn needs(policy: &crate::diag::Policy) -> crate::model::Needs {
    let on = |id: RuleId| policy.severity_of(id.rule()).is_some();
    let stories = [
        RuleId::TrackedChanges,
        RuleId::Comments,
        RuleId::HiddenText,
        RuleId::EmbeddedObject,
        RuleId::ExternalLink,
    ]
    .into_iter()
    .any(on);
    crate::model::Needs {
        headers_footers: stories || on(RuleId::MissingRunningHeader),
        notes: stories,
        comments: stories,
        theme: on(RuleId::NormalFont),
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

    /// The code range of an area: FG0xx package ... FG9xx fgcheck itself.
    fn area_digit_and_folder(area: Area) -> (char, &'static str) {
        match area {
            Area::Package => ('0', "package"),
            Area::Header => ('1', "header"),
            Area::Hygiene => ('2', "hygiene"),
            Area::Layout => ('3', "layout"),
            Area::Deadline => ('4', "deadline"),
            Area::Batch => ('5', "batch"),
            Area::Meta => ('9', "meta"),
        }
    }

    #[test]
    fn every_id_names_its_own_rule_and_the_registry_lists_each_once() {
        assert_eq!(RuleId::ALL.len(), ALL.len());
        for (id, rule) in RuleId::ALL.iter().zip(ALL) {
            assert_eq!(
                id.rule().id,
                *id,
                "{} declares the id of another rule",
                rule.slug
            );
            assert_eq!(rule.id, *id, "ALL and RuleId::ALL are in different orders");
            assert!(std::ptr::eq(id.rule(), *rule));
        }
    }

    #[test]
    fn every_rule_lives_in_its_area_and_its_file_is_named_after_its_slug() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        for id in RuleId::ALL {
            let rule = id.rule();
            let (_, folder) = area_digit_and_folder(rule.area);
            let path = id.module_path();
            assert_eq!(
                path.first(),
                Some(&folder),
                "{} is not under {folder}",
                rule.slug
            );
            match path {
                // A document rule: one file of its own, rules/<area>/<slug>.rs.
                [_, module, "RULE"] => {
                    // `r#macro`: a slug that is a Rust keyword is a raw identifier.
                    let file = module.trim_start_matches("r#");
                    assert_eq!(file, rule.slug.replace('-', "_"), "{}", rule.slug);
                    let on_disk = root.join(folder).join(format!("{file}.rs"));
                    assert!(on_disk.is_file(), "{} is missing", on_disk.display());
                    assert!(rule.check.is_some(), "{} is never run", rule.slug);
                }
                // A rule raised elsewhere (package reader, deadline, batch, configuration):
                // documented together in rules/<area>.rs, its static named after its slug.
                [_, name] => {
                    assert_eq!(
                        name.to_ascii_lowercase(),
                        rule.slug.replace('-', "_"),
                        "{}",
                        rule.slug
                    );
                    assert!(root.join(format!("{folder}.rs")).is_file());
                    assert!(rule.check.is_none(), "{} is raised elsewhere", rule.slug);
                }
                other => panic!("{}: unexpected place {other:?}", rule.slug),
            }
        }
    }

    #[test]
    fn every_id_is_its_slug_in_camel_case() {
        for id in RuleId::ALL {
            let camel: String = id
                .slug()
                .split('-')
                .map(|word| {
                    let mut chars = word.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_ascii_uppercase().to_string() + chars.as_str()
                    })
                })
                .collect();
            assert_eq!(format!("{id:?}"), camel);
        }
    }

    #[test]
    fn every_code_is_in_its_area_range() {
        for rule in ALL {
            let (digit, folder) = area_digit_and_folder(rule.area);
            assert_eq!(
                rule.code.chars().nth(2),
                Some(digit),
                "{} ({}) is outside the {folder} range FG{digit}xx",
                rule.code,
                rule.slug
            );
            assert!(
                !rule.code.ends_with("00"),
                "{}: xx00 is not a code",
                rule.code
            );
        }
    }

    #[test]
    fn no_rule_uses_a_retired_code() {
        for rule in ALL {
            assert!(
                !RETIRED.contains(&rule.code),
                "{} reuses the retired code {}",
                rule.slug,
                rule.code
            );
        }
        for code in RETIRED {
            assert!(code.len() == 5 && code.starts_with("FG"), "{code}");
        }
    }

    #[test]
    fn users_find_rules_by_slug_or_code_and_nothing_else() {
        assert_eq!(
            find("missing-title").map(|r| r.id),
            Some(RuleId::MissingTitle)
        );
        assert_eq!(find(" fg109 ").map(|r| r.id), Some(RuleId::MissingTitle));
        assert!(find("missing-titel").is_none());
        assert!(find("FG999").is_none(), "a retired code names nothing");
    }

    #[test]
    fn codes_are_in_order() {
        let codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(codes, sorted);
    }
}
