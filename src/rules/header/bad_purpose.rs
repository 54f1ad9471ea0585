use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};
use crate::text;

pub static RULE: Rule = Rule {
    code: "FG110",
    slug: "bad-purpose",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the Purpose: value is not one of the template's purposes",
    why: "The purpose tells the meeting what to do with the input (discuss, note, agree); the template offers a fixed list.",
    fix: "Choose one of Admin, Discussion, Information, Proposal, Other in the Purpose: cell.",
    source: "FG base template, Purpose: drop-down (Admin, Discussion, Information, Proposal, Other)",
    bad: "Purpose: For approval, or an empty Purpose: cell.",
    good: "Purpose: Proposal (any case).",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) || context.profile.purposes.is_empty() {
        return;
    }
    let expected = format!("one of {}", context.profile.purposes.join(", "));
    match &context.header.purpose {
        None => out.push(
            Finding::new(
                &RULE,
                "the header has no \"Purpose:\" row",
                super::at_header(context),
            )
            .expected(expected)
            .found("no Purpose: label"),
        ),
        Some(purpose) => {
            let value = text::fold(&purpose.value);
            let ok = context
                .profile
                .purposes
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&value));
            if !ok {
                let found = if value.is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("\"{}\"", text::clip(&value, 60))
                };
                out.push(
                    Finding::new(
                        &RULE,
                        format!("purpose {found} is not in the template's list"),
                        super::at_field(purpose),
                    )
                    .expected(expected)
                    .found(found),
                );
            }
        }
    }
}
