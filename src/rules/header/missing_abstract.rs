use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingAbstract,
    code: "FG114",
    slug: "missing-abstract",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Abstract: row is missing or empty",
    why: "ITU-T A.2 asks every contribution for an abstract; it is what the meeting reads first.",
    fix: "Fill the cell right of \"Abstract:\" with a summary of at most 150-200 words; if there is no Abstract: row, add it under Keywords: as in the {template}.",
    source: "ITU-T A.2 (presentation of contributions): abstract; the profile's template",
    bad: "Abstract: followed by an empty cell.",
    good: "Abstract: This contribution proposes ...",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    super::missing_or_empty(
        context,
        &RULE,
        keys::ABSTRACT,
        "a summary of the document",
        out,
    );
}
