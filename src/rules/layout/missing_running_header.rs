use crate::diag::{Finding, Severity};
use crate::model::Document;
use crate::model::scan::PartScan;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingRunningHeader,
    code: "FG305",
    slug: "missing-running-header",
    severity: Severity::Info,
    area: Area::Layout,
    summary: "no running page header with the page number",
    why: "From page 2 the template's page header shows the page number (a PAGE field) with the document number under it, as ITU-T A.2 asks: without it, printed pages cannot be told apart or cited in the meeting. The default page header of the final section is read (inherited from an earlier section when the final one has none, as Word does); a page number in the footer only is reported too.",
    fix: "Start from the {template}, or in Word: Insert > Header > Edit Header (from page 2, with \"Different First Page\"), Insert > Page Number > Current Position, and type the document number under it.",
    source: super::SOURCE,
    bad: "No header, or a header holding only the document number typed as text.",
    good: "A default page header with a PAGE field, centred, and the document number.",
    check: Some(check),
};

/// The scanned part a relationship id of the main part points to.
fn part_for<'d>(doc: &'d Document, rel_id: &str) -> Option<&'d PartScan> {
    let rel = doc.main_rel(rel_id).filter(|rel| !rel.external)?;
    doc.other_parts.iter().find(|p| p.part == rel.target)
}

fn has_page(part: &PartScan) -> bool {
    part.fields.iter().any(|f| f.kind() == "PAGE")
}

/// The rel id of the header or footer of `kind` (`default`, `even`) that applies to the
/// final section: its own, or the last earlier section's, as Word inherits them.
fn inherited<'d>(doc: &'d Document, footer: bool, kind: &str) -> Option<&'d str> {
    doc.body.sections.iter().rev().find_map(|section| {
        let refs = if footer {
            &section.footers
        } else {
            &section.headers
        };
        refs.iter()
            .find(|(k, _)| k == kind)
            .map(|(_, id)| id.as_str())
    })
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::made_from_template(context) {
        return;
    }
    let doc = context.doc;
    let Some(section) = doc.final_section() else {
        return;
    };
    // Page 2 shows the even-page header when the document has different odd and even
    // pages (w:evenAndOddHeaders), the default one otherwise.
    let even_pages = doc.settings.even_and_odd_headers;
    let kind = if even_pages { "even" } else { "default" };
    let header = inherited(doc, false, kind).and_then(|id| part_for(doc, id));
    if header.is_some_and(has_page) {
        return;
    }
    let footer_has_page = inherited(doc, true, kind)
        .and_then(|id| part_for(doc, id))
        .is_some_and(has_page);
    let which = if even_pages {
        "even-page header (the document has different odd and even pages)"
    } else {
        "page header"
    };
    let (message, found) = match header {
        None => (
            format!("the final section has no {which} from page 2"),
            format!("no {which}"),
        ),
        Some(part) => (
            "the page header from page 2 has no page number".to_string(),
            format!(
                "the {which} has no page-number field{}",
                if part.text.trim().is_empty() {
                    " and no text".to_string()
                } else {
                    format!("; it reads \"{}\"", crate::text::clip(&part.text, 40))
                }
            ),
        ),
    };
    let message = if footer_has_page {
        format!("{message} (the page number is in the footer)")
    } else {
        message
    };
    out.push(
        context
            .finding(
                &RULE,
                message,
                super::at_section(section, true, "headers and footers of the final section"),
            )
            .expected("a page header from page 2 with the page number (a PAGE field) and the document number")
            .found(found),
    );
}
