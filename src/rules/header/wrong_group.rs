use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};
use crate::text;

pub static RULE: Rule = Rule {
    code: "FG104",
    slug: "wrong-group",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the group named under the document number is not this profile's group",
    why: "A document made from another group's template (or an old study-group file) is likely aimed at the wrong meeting.",
    fix: "Write the group's name under the number: FG-QIT4N, or its full name.",
    source: super::TEMPLATE,
    bad: "STUDY GROUP 17 in a document sent to FG-QIT4N.",
    good: "FG-QIT4N, or Focus Group on Quantum Information Technology for Networks (any case).",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let patterns = &context.profile.hints.group_patterns;
    if patterns.is_empty() {
        return;
    }
    let expected = format!(
        "a group line matching {}",
        patterns
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(" or ")
    );
    match &context.header.group {
        Some(group) => {
            let value = text::fold(&group.value);
            let ok = value
                .lines()
                .chain(std::iter::once(value.as_str()))
                .any(|line| patterns.iter().any(|p| p.is_match(line.trim())));
            if !ok {
                out.push(
                    Finding::new(
                        &RULE,
                        format!("the group line says \"{}\"", text::clip(&value, 60)),
                        super::at_field(group),
                    )
                    .expected(expected)
                    .found(format!("\"{}\"", text::clip(&value, 60))),
                );
            }
        }
        None => out.push(
            Finding::new(
                &RULE,
                "no group line was found under the document number",
                super::at_header(context),
            )
            .expected(expected)
            .found("nothing"),
        ),
    }
}
