use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::AbstractTooLong,
    code: "FG115",
    slug: "abstract-too-long",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the abstract is longer than the words allowed",
    why: "ITU-T A.2 limits the abstract to 150-200 words so that a meeting can scan a hundred of them.",
    fix: "Shorten the abstract to the limit; move detail into the body.",
    source: "ITU-T A.2 (abstract of 150-200 words at most); profile data fields.max_words",
    bad: "An abstract of 240 words.",
    good: "An abstract of 180 words.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(limit) = context
        .profile
        .field(keys::ABSTRACT)
        .and_then(|s| s.max_words)
    else {
        return;
    };
    let Some(abstract_) = context.header.get(keys::ABSTRACT) else {
        return;
    };
    let words = text::word_count(&abstract_.value);
    if words > limit {
        out.push(
            context
                .finding(
                    &RULE,
                    format!(
                        "the abstract has {words} words, {} over the limit of {limit}",
                        words - limit
                    ),
                    super::at_field(abstract_),
                )
                .expected(format!("at most {limit} words"))
                .found(format!(
                    "{words} words, starting \"{}\"",
                    text::clip(&abstract_.value, 50)
                ))
                .fix(format!(
                    "Shorten the abstract to {limit} words at most; move detail into the body."
                )),
        );
    }
}
