use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG114",
    slug: "missing-abstract",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Abstract: row is missing or empty",
    why: "ITU-T A.2 asks every contribution for an abstract; it is what the meeting reads first.",
    fix: "Fill the cell right of \"Abstract:\" with a summary of at most 150-200 words.",
    source: "ITU-T A.2 (presentation of contributions): abstract; FG base template",
    bad: "Abstract: followed by an empty cell.",
    good: "Abstract: This contribution proposes ...",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    match &context.header.abstract_ {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Abstract:\" row",
                super::at_header(context),
            )
            .expected("a row \"Abstract:\" in the table under the header")
            .found("no Abstract: label"),
        ),
        Some(abstract_) if abstract_.is_blank() => out.push(
            Finding::new(
                &RULE,
                "the Abstract: value is empty",
                super::at_field(abstract_),
            )
            .expected("a summary of the document")
            .found("an empty cell"),
        ),
        Some(_) => {}
    }
}
