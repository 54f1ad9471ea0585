//! Layout rules: page setup of the final section, the Normal style, the template's styles
//! and the running header. All are measured on what Word applies, not on what is written
//! first: the final `w:sectPr` governs the last (usually only) section, the default
//! paragraph style is found even when a producer leaves out `w:default="1"`.

pub mod margins;
pub mod missing_docnumber_style;
pub mod missing_running_header;
pub mod normal_font;
pub mod not_a4;

use crate::diag::Location;
use crate::model::scan::Section;
use crate::rules::Context;

/// The template-specific layout rules (margins, Normal font, Docnumber style, running
/// header) speak only about documents made from the template. A document without the
/// header table already has `no-header-table`, its root cause; repeating every symptom
/// of "not the template" under it buries that one thing to fix (seen on 1,000 corpus
/// files). Page size is checked regardless: it matters for any posted document.
pub(crate) fn made_from_template(context: &Context<'_>) -> bool {
    context.header.is_cover
}

pub(crate) const SOURCE: &str =
    "the profile's template, page setup and styles (ITU-T A.2 presentation of contributions)";

/// Where a section's properties are: the body's last `w:sectPr`, or the one in the
/// paragraph that ends an earlier section.
pub(crate) fn at_section(section: &Section, is_final: bool, what: &str) -> Location {
    let path = if is_final || section.place.path.is_empty() {
        "/w:document/w:body/w:sectPr".to_string()
    } else {
        format!("{}/w:pPr/w:sectPr", section.place.path)
    };
    Location::new(section.place.part.clone(), path, what)
}
