//! Hygiene rules: what the secretariat must see before posting a contribution (tracked
//! changes, comments, hidden text, macros, links to outside files, protection, metadata,
//! text not in the meeting's language). Every scanned part counts: body, page headers and
//! footers, footnotes, endnotes and comments.

pub mod comments;
pub mod embedded_object;
pub mod external_link;
pub mod external_template;
pub mod hidden_text;
// Named after its slug, `macro`, a Rust keyword.
pub mod r#macro;
pub mod non_english_text;
pub mod personal_metadata;
pub mod protected;
pub mod stale_properties;
pub mod tracked_changes;

use crate::diag::Location;
use crate::model::scan::{Mark, Place};

pub(crate) const SOURCE: &str =
    "ITU-T A.1 (contributions are posted as received); TSB checks before posting";

pub(crate) fn at(place: &Place) -> Location {
    Location::new(place.part.clone(), place.path.clone(), place.anchor.clone())
}

/// "first at paragraph 3; page header (header1.xml)": the distinct anchors of examples.
pub(crate) fn anchors(marks: &[&Mark]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for mark in marks {
        if !seen.contains(&mark.place.anchor.as_str()) {
            seen.push(&mark.place.anchor);
        }
    }
    seen.join("; ")
}

/// "1 tracked change", "3 tracked changes".
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The settings part's name (for locations), found like the model finds it.
pub(crate) fn settings_part(doc: &crate::model::Document) -> String {
    doc.main_rels
        .iter()
        .find(|r| r.is_type("settings") && !r.external)
        .map(|r| r.target.clone())
        .unwrap_or_else(|| "word/settings.xml".into())
}
