//! Header rules: the cover read by its labels and shapes (see `model::header`), against the
//! fields the profile declares. A rule whose field the profile does not declare is silent.
//!
//! When no cover is found, only `no-header-table` is reported: a cascade of "missing
//! title", "missing source"... would bury the one thing to fix.

pub mod abstract_too_long;
pub mod bad_doc_number;
pub mod bad_purpose;
pub mod empty_source;
pub mod invalid_email;
pub mod label_order;
pub mod missing_abstract;
pub mod missing_contact_email;
pub mod missing_keywords;
pub mod missing_title;
pub mod no_header_table;
pub mod original_not_english;
pub mod placeholder_doc_number;
pub mod swapped_number_and_group;
pub mod wrong_group;
pub mod wrong_meeting_place_date;
pub mod wrong_study_period;

use crate::diag::{Finding, Location};
use crate::model::header::{Field, FieldSpec, keys};
use crate::model::scan::Place;
use crate::rules::{Context, Rule, RuleId};

pub(crate) const TEMPLATE: &str =
    "the profile's template, cover table (ITU-T A.1 contribution header)";

/// The rules that speak about each cover field, for views that show a field with its
/// findings (the web page).
static FIELD_RULES: &[(&str, &[RuleId])] = &[
    (
        keys::DOCUMENT_NUMBER,
        &[
            RuleId::BadDocNumber,
            RuleId::PlaceholderDocNumber,
            RuleId::SwappedNumberAndGroup,
        ],
    ),
    (keys::GROUP, &[RuleId::WrongGroup]),
    (keys::ORIGINAL, &[RuleId::OriginalNotEnglish]),
    (keys::STUDY_PERIOD, &[RuleId::WrongStudyPeriod]),
    (keys::PLACE_DATES, &[RuleId::WrongMeetingPlaceDate]),
    (keys::SOURCE, &[RuleId::EmptySource]),
    (keys::TITLE, &[RuleId::MissingTitle]),
    (keys::PURPOSE, &[RuleId::BadPurpose]),
    (
        keys::CONTACT,
        &[RuleId::MissingContactEmail, RuleId::InvalidEmail],
    ),
    (keys::KEYWORDS, &[RuleId::MissingKeywords]),
    (
        keys::ABSTRACT,
        &[RuleId::MissingAbstract, RuleId::AbstractTooLong],
    ),
];

/// The rules that speak about a cover field.
pub fn rules_of(key: &str) -> &'static [RuleId] {
    FIELD_RULES
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, rules)| rules)
}

/// Header rules run only when a cover was found.
pub(crate) fn header_found(context: &Context<'_>) -> bool {
    context.header.is_cover
}

pub(crate) fn at(place: &Place) -> Location {
    Location::new(place.part.clone(), place.path.clone(), place.anchor.clone())
}

pub(crate) fn at_field(field: &Field) -> Location {
    at(&field.place)
}

/// Where a missing field should be: the cover table as a whole.
pub(crate) fn at_header(context: &Context<'_>) -> Location {
    let table = context.header.table_number.unwrap_or(1);
    Location::new(
        context.doc.main_part.clone(),
        format!("/w:document/w:body/w:tbl[{table}]"),
        "cover table",
    )
}

/// A field's label as the template writes it: `Title:`.
pub(crate) fn label(spec: &FieldSpec) -> String {
    let word = spec
        .labels
        .first()
        .map_or(spec.name.as_str(), String::as_str);
    let mut chars = word.chars();
    let capitalised: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{capitalised}:")
}

/// The common shape of "this row must be there and filled": a missing row is reported when
/// the profile requires the field, an empty value always.
pub(crate) fn missing_or_empty(
    context: &Context<'_>,
    rule: &'static Rule,
    key: &str,
    what: &str,
    out: &mut Vec<Finding>,
) {
    if !header_found(context) {
        return;
    }
    let Some(spec) = context.profile.field(key) else {
        return;
    };
    let label = label(spec);
    match context.header.get(key) {
        None if spec.required => out.push(
            context
                .finding(
                    rule,
                    format!("the cover has no \"{label}\" row"),
                    at_header(context),
                )
                .expected(format!("a row \"{label}\" with {what}"))
                .found(format!("no {label} label")),
        ),
        None => {}
        Some(field) if field.is_blank() => out.push(
            context
                .finding(rule, format!("the {label} value is empty"), at_field(field))
                .expected(what.to_string())
                .found(if field.value.is_empty() {
                    "an empty cell (or a content control showing its placeholder)".to_string()
                } else {
                    let shown: String = field.value.chars().take(20).collect();
                    format!("only white space: {shown:?}")
                }),
        ),
        Some(_) => {}
    }
}
