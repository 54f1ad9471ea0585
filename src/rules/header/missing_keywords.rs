use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingKeywords,
    code: "FG113",
    slug: "missing-keywords",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the Keywords: row is missing or empty",
    why: "Keywords feed the document register and search; the template asks for them under the header.",
    fix: "Fill the cell right of \"Keywords:\" with a few keywords separated by \"; \"; if there is no Keywords: row, add it in the table under the cover as in the {template}.",
    source: super::TEMPLATE,
    bad: "Keywords: followed by an empty cell.",
    good: "Keywords: QKD; key management; SDN",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    super::missing_or_empty(
        context,
        &RULE,
        keys::KEYWORDS,
        "a few keywords separated by \"; \"",
        out,
    );
}
