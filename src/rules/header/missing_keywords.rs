use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG113",
    slug: "missing-keywords",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the Keywords: row is missing or empty",
    why: "Keywords feed the document register and search; the template asks for them under the header.",
    fix: "Fill the cell right of \"Keywords:\" with a few keywords separated by \"; \".",
    source: super::TEMPLATE,
    bad: "Keywords: followed by an empty cell.",
    good: "Keywords: QKD; key management; SDN",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    match &context.header.keywords {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Keywords:\" row",
                super::at_header(context),
            )
            .expected("a row \"Keywords:\" in the table under the header")
            .found("no Keywords: label"),
        ),
        Some(keywords) if keywords.is_blank() => out.push(
            Finding::new(
                &RULE,
                "the Keywords: value is empty",
                super::at_field(keywords),
            )
            .expected("keywords separated by \"; \"")
            .found("an empty cell"),
        ),
        Some(_) => {}
    }
}
