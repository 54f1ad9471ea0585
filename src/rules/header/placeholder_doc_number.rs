use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::PlaceholderDocNumber,
    code: "FG103",
    slug: "placeholder-doc-number",
    severity: Severity::Info,
    area: Area::Header,
    summary: "the document number is still the placeholder, for the secretariat to assign",
    why: "Contributors leave a placeholder such as {placeholder_example} until the secretariat assigns the number: normal on submission, but one must be assigned before posting.",
    fix: "Nothing, when submitting. The secretariat replaces the placeholder with the assigned number, e.g. {number_example}.",
    source: "the group's working methods (the secretariat assigns input numbers)",
    bad: "{placeholder_example} (reported as info only).",
    good: "{number_example}.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let (Some(spec), Some(number)) = (
        context.profile.number(),
        context.header.get(keys::DOCUMENT_NUMBER),
    ) else {
        return;
    };
    let value = text::fold(&number.value);
    if !spec.is_valid(&value) && spec.is_placeholder(&value) {
        out.push(
            context
                .finding(
                    &RULE,
                    format!(
                        "document number \"{}\" is a placeholder; the secretariat will assign the number",
                        text::clip(&value, 60)
                    ),
                    super::at_field(number),
                )
                .expected(format!(
                    "an assigned number such as {} (before posting)",
                    context.vars.get("number_example")
                ))
                .found(format!("\"{}\"", text::clip(&value, 60))),
        );
    }
}
