use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::BadDocNumber,
    code: "FG102",
    slug: "bad-doc-number",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the document number does not follow the group's numbering",
    why: "The number is the document's identity in the register, the file name and every citation; a wrong pattern, or another group's number, means the document is filed wrongly or not at all.",
    fix: "Write the number in the cover's top right cell (style {number_style}), e.g. {number_example}, or {revision_example} for a revision; or leave the placeholder {placeholder_example} for the secretariat.",
    source: "the group's document numbering (for focus groups by analogy with FG-ML5G: ML5G-I-167, ML5G-I-150-R1, ML5G-O-023); profile data fields.patterns of document_number",
    bad: "{acronym}-12, {acronym}-I-12 (three digits expected), another group's number, or no number at all.",
    good: "{number_example}, {revision_example}, or the placeholder {placeholder_example}.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(spec) = context.profile.number() else {
        return;
    };
    let vars = &context.vars;
    let expected = format!(
        "a number such as {} ({} for a revision), or the placeholder {}",
        vars.get("number_example"),
        vars.get("revision_example"),
        vars.get("placeholder_example")
    );
    let Some(number) = context.header.get(keys::DOCUMENT_NUMBER) else {
        out.push(
            context
                .finding(
                    &RULE,
                    "no document number was found on the cover",
                    super::at_header(context),
                )
                .expected(expected)
                .found("no line shaped like a document number, and no line in the number's style"),
        );
        return;
    };
    let value = text::fold(&number.value);
    if value.is_empty() {
        out.push(
            context
                .finding(
                    &RULE,
                    "the document number is empty",
                    super::at_field(number),
                )
                .expected(expected)
                .found("an empty line"),
        );
        return;
    }
    if spec.is_valid(&value) || spec.is_placeholder(&value) {
        return;
    }
    // Shaped like a number, but another group's: say whose.
    let message = match (spec.acronym_in(&value), context.profile.acronym.as_deref()) {
        (Some(theirs), Some(ours)) if !theirs.eq_ignore_ascii_case(ours) => format!(
            "document number \"{}\" is numbered for \"{theirs}\", not for {}",
            text::clip(&value, 60),
            vars.get("group")
        ),
        _ if context.profile.acronym.is_some() => format!(
            "document number \"{}\" does not follow the {} numbering",
            text::clip(&value, 60),
            vars.get("group")
        ),
        _ => format!(
            "document number \"{}\" is not shaped like a document number",
            text::clip(&value, 60)
        ),
    };
    out.push(
        context
            .finding(&RULE, message, super::at_field(number))
            .expected(expected)
            .found(format!("\"{}\"", text::clip(&value, 60))),
    );
}
