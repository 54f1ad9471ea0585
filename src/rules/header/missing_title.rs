use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingTitle,
    code: "FG109",
    slug: "missing-title",
    severity: Severity::Error,
    area: Area::Header,
    summary: "the Title: row is missing or empty",
    why: "The title is what the register, the meeting's document list and every citation show.",
    fix: "Fill the cell right of \"Title:\" with the document's title; if the cover has no Title: row, add it below Source: as in the {template}.",
    source: super::TEMPLATE,
    bad: "Title: followed by an empty cell, or a content control still showing \"Click here to enter text.\"",
    good: "Title: Proposed text for key management in QKD networks",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    super::missing_or_empty(context, &RULE, keys::TITLE, "the document's title", out);
}
