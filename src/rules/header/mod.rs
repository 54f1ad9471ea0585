//! Header rules: the header table read by its labels (see `model::header`).
//!
//! When no header table is found, only `no-header-table` is reported: a cascade of
//! "missing title", "missing source"... would bury the one thing to fix.

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
pub mod wrong_group;
pub mod wrong_meeting_place_date;
pub mod wrong_study_period;

use crate::diag::Location;
use crate::model::header::Field;
use crate::model::scan::Place;
use crate::rules::Context;

pub(crate) const TEMPLATE: &str =
    "FG-QIT4N base template, header table (ITU-T A.1 contribution header)";

/// Header rules run only when a header with labels was found.
pub(crate) fn header_found(context: &Context<'_>) -> bool {
    context.header.has_labels()
}

pub(crate) fn at(place: &Place) -> Location {
    Location::new(place.part.clone(), place.path.clone(), place.anchor.clone())
}

pub(crate) fn at_field(field: &Field) -> Location {
    at(&field.place)
}

/// Where a missing field should be: the header table as a whole.
pub(crate) fn at_header(context: &Context<'_>) -> Location {
    let table = context.header.table_number.unwrap_or(1);
    Location::new(
        context.doc.main_part.clone(),
        format!("/w:document/w:body/w:tbl[{table}]"),
        format!("header table {table}"),
    )
}
