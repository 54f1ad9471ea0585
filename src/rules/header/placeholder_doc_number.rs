use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};
use crate::text;

pub static RULE: Rule = Rule {
    code: "FG103",
    slug: "placeholder-doc-number",
    severity: Severity::Info,
    area: Area::Header,
    summary: "the document number is still the placeholder, for the secretariat to assign",
    why: "Contributors leave QIT4N-I-xxx until TSB assigns the number: normal on submission, but the secretariat must assign one before posting.",
    fix: "Nothing, when submitting. The secretariat replaces xxx with the assigned number.",
    source: "FG working methods (the secretariat assigns input numbers)",
    bad: "QIT4N-I-xxx (reported as info only).",
    good: "QIT4N-I-012.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(number) = &context.header.doc_number else {
        return;
    };
    let value = text::fold(&number.value);
    let is_number = context
        .profile
        .number_patterns
        .iter()
        .any(|p| p.is_match(&value));
    if !is_number
        && context
            .profile
            .placeholder_patterns
            .iter()
            .any(|p| p.is_match(&value))
    {
        out.push(
            Finding::new(&RULE, format!("document number \"{value}\" is a placeholder; the secretariat will assign the number"), super::at_field(number))
                .expected("an assigned number such as QIT4N-I-012 (before posting)")
                .found(format!("\"{value}\"")),
        );
    }
}
