use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::EmptySource,
    code: "FG108",
    slug: "empty-source",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Source: row is missing or empty",
    why: "The source (organisations, or a role such as a rapporteur) is who speaks for the document; an input without one cannot be registered.",
    fix: "Fill the cell right of \"Source:\" with your organisation(s), e.g. \"Example Telecom; Example University\"; if the cover has no Source: row, add it as in the {template}.",
    source: super::TEMPLATE,
    bad: "Source: followed by an empty cell, spaces or a no-break space only.",
    good: "Source: Korea Telecom; ETRI",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    super::missing_or_empty(
        context,
        &RULE,
        keys::SOURCE,
        "the contributing organisation(s)",
        out,
    );
}
