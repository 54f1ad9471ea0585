use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG108",
    slug: "empty-source",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Source: row is missing or empty",
    why: "The source (organisations, or a role such as a rapporteur) is who speaks for the document; an input without one cannot be registered.",
    fix: "Fill the cell right of \"Source:\" with your organisation(s), e.g. \"ITU-T SG17; Company X\".",
    source: super::TEMPLATE,
    bad: "Source: followed by an empty cell, spaces or a no-break space only.",
    good: "Source: Korea Telecom; ETRI",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    match &context.header.source {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Source:\" row",
                super::at_header(context),
            )
            .expected("a row \"Source:\" with the contributing organisation(s)")
            .found("no Source: label"),
        ),
        Some(source) if source.is_blank() => out.push(
            Finding::new(&RULE, "the Source: value is empty", super::at_field(source))
                .expected("the contributing organisation(s)")
                .found(if source.value.is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("only white space: {:?}", source.value)
                }),
        ),
        Some(_) => {}
    }
}
