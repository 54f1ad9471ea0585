use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG109",
    slug: "missing-title",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Title: row is missing or empty",
    why: "The title is what the register, the meeting's document list and every citation show.",
    fix: "Fill the cell right of \"Title:\" with the document's title.",
    source: super::TEMPLATE,
    bad: "Title: followed by an empty cell, or a content control still showing \"Click here to enter text.\"",
    good: "Title: Proposed text for QKD network key management",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    match &context.header.title {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Title:\" row",
                super::at_header(context),
            )
            .expected("a row \"Title:\" with the document's title")
            .found("no Title: label"),
        ),
        Some(title) if title.is_blank() => out.push(
            Finding::new(&RULE, "the Title: value is empty", super::at_field(title))
                .expected("the document's title")
                .found("an empty cell (or a content control showing its placeholder)"),
        ),
        Some(_) => {}
    }
}
