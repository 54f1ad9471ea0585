use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::WrongStudyPeriod,
    code: "FG106",
    slug: "wrong-study-period",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the cover's study period is not one the meeting accepts",
    why: "A stale study period shows the document was made from an old template or an old document, and other header values may be stale too. A study period extended past its end keeps its name, so a meeting may accept more than one.",
    fix: "Write the meeting's study period in the cover's middle block: STUDY PERIOD {study_period}.",
    source: "the profile's template (sector block); meeting data study_period",
    bad: "STUDY PERIOD 2013-2016 for a 2020 meeting.",
    good: "STUDY PERIOD 2017-2020 for a 2020 meeting; also for a 2021 meeting whose data lists it.",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(meeting) = context.meeting else {
        return;
    };
    if meeting.study_periods.is_empty() {
        return;
    }
    let Some(period) = context.header.get(keys::STUDY_PERIOD) else {
        return;
    };
    let found = text::fold(&period.value);
    if meeting.study_periods.iter().any(|p| text::fold(p) == found) {
        return;
    }
    let accepted = meeting.study_periods.join(" or ");
    out.push(
        context
            .finding(
                &RULE,
                format!("the study period is {found}, the meeting's is {accepted}"),
                super::at_field(period),
            )
            .expected(
                meeting
                    .study_periods
                    .iter()
                    .map(|p| format!("STUDY PERIOD {p}"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            )
            .found(format!("\"STUDY PERIOD {}\"", text::clip(&found, 30))),
    );
}
