use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::WrongGroup,
    code: "FG104",
    slug: "wrong-group",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the group line names another group than the profile's, or than the number's",
    why: "A document made from another group's template (or an old study-group file) is likely aimed at the wrong meeting; a group line and a number that name different groups mean one of them was not updated.",
    fix: "Write the group's name on the group line (under the number): {group}, or its full name; and make the number name the same group.",
    source: super::TEMPLATE,
    bad: "STUDY GROUP 17 in a document sent to a focus group; FG-XYZ above the number {number_example}.",
    good: "{group}, or the group's full name (any case).",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(spec) = context.profile.field(keys::GROUP) else {
        return;
    };
    let expected = format!("the group line {}", context.vars.get("group"));
    let Some(group) = context.header.get(keys::GROUP) else {
        if !spec.patterns.is_empty() {
            out.push(
                context
                    .finding(
                        &RULE,
                        "no group line was found under the document number",
                        super::at_header(context),
                    )
                    .expected(expected)
                    .found("no line naming a group"),
            );
        }
        return;
    };
    let value = text::fold(&group.value);
    let quoted = format!("\"{}\"", text::clip(&value, 60));
    if !spec.patterns.is_empty() && !spec.is_valid(&value) {
        out.push(
            context
                .finding(
                    &RULE,
                    format!("the group line says {quoted}"),
                    super::at_field(group),
                )
                .expected(expected)
                .found(quoted),
        );
        return;
    }
    // Both lines name an acronym: they must name the same group.
    let number = context.header.value(keys::DOCUMENT_NUMBER);
    let theirs = spec.acronym_in(&value);
    let numbers = context.profile.number().and_then(|n| n.acronym_in(&number));
    if let (Some(line), Some(numbered)) = (theirs, numbers)
        && line != numbered
    {
        out.push(
            context
                .finding(
                    &RULE,
                    format!(
                        "the group line names \"{line}\", but the number \"{}\" is numbered for \"{numbered}\"",
                        text::clip(&number, 40)
                    ),
                    super::at_field(group),
                )
                .expected(format!("a group line and a number that name the same group (\"{numbered}\" or \"{line}\")"))
                .found(format!("{quoted} above or beside \"{}\"", text::clip(&number, 40))),
        );
    }
}
