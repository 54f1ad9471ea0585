use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::SwappedNumberAndGroup,
    code: "FG117",
    slug: "swapped-number-and-group",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the group line sits above the document number, swapped against the template",
    why: "The template puts the document number at the top right and the group under it; the number is what the secretariat and every reader look for first. A swapped cover is still read correctly (by the shape of each line), so this is reported once, not as a bad number and a wrong group.",
    fix: "Swap the two lines back: the number ({number_example}) on the first line of the top right block, the group line ({group}) under it.",
    source: super::TEMPLATE,
    bad: "FOCUS GROUP ON ... on the first line, {number_example} under it.",
    good: "{number_example} on the first line, {group} under it.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let (Some(number), Some(group)) = (
        context.header.get(keys::DOCUMENT_NUMBER),
        context.header.get(keys::GROUP),
    ) else {
        return;
    };
    let (Some(number_at), Some(group_at)) = (number.line, group.line) else {
        return;
    };
    if group_at >= number_at {
        return;
    }
    let number_value = text::clip(&number.value, 40);
    let group_value = text::clip(&group.value, 60);
    out.push(
        context
            .finding(
                &RULE,
                format!(
                    "the group line \"{group_value}\" is above the document number \"{number_value}\""
                ),
                super::at_field(group),
            )
            .expected(format!(
                "the number \"{number_value}\" on the first line, the group line under it"
            ))
            .found(format!(
                "first \"{group_value}\" ({}), then \"{number_value}\" ({})",
                group.place.anchor, number.place.anchor
            )),
    );
}
