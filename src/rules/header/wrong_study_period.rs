use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
    code: "FG106",
    slug: "wrong-study-period",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the header's study period is not the meeting's",
    why: "A stale study period shows the document was made from an old template or an old document, and other header values may be stale too.",
    fix: "Write the meeting's study period in the header's middle block: STUDY PERIOD 2017-2020.",
    source: "FG base template (sector block); meeting data study_period",
    bad: "STUDY PERIOD 2013-2016 for a 2020 meeting.",
    good: "STUDY PERIOD 2017-2020.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(expected) = context.meeting.and_then(|m| m.study_period.as_deref()) else {
        return;
    };
    let Some(period) = &context.header.study_period else {
        return;
    };
    let found = period.value.trim();
    if found != expected {
        out.push(
            Finding::new(
                &RULE,
                format!("the study period is {found}, the meeting's is {expected}"),
                super::at_field(period),
            )
            .expected(format!("STUDY PERIOD {expected}"))
            .found(format!("STUDY PERIOD {found}")),
        );
    }
}
