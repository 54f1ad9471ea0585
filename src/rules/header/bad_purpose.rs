use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};
use crate::text;

pub static RULE: Rule = Rule {
    id: RuleId::BadPurpose,
    code: "FG110",
    slug: "bad-purpose",
    severity: Severity::Warning,
    area: Area::Header,
    summary: "the Purpose: value is not one of the template's purposes",
    why: "The purpose tells the meeting what to do with the input (discuss, note, agree); the template offers a fixed list.",
    fix: "Choose one of the template's purposes (Admin, Discussion, Information, Proposal, Other) in the Purpose: cell; if the cover has no Purpose: row and the {template} has one, add it under Title:.",
    source: "the profile's template, Purpose: drop-down (Admin, Discussion, Information, Proposal, Other); profile data fields.values of purpose",
    bad: "Purpose: For approval, or an empty Purpose: cell.",
    good: "Purpose: Proposal (any case); also a listed purpose followed by more, as real documents write it: \"Information and action\", \"Discussion, Proposal\".",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(spec) = context.profile.field(keys::PURPOSE) else {
        return;
    };
    if spec.values.is_empty() {
        return;
    }
    let expected = format!("one of {}", spec.values.join(", "));
    let fix = format!(
        "Choose one of {} in the Purpose: cell.",
        spec.values.join(", ")
    );
    match context.header.get(keys::PURPOSE) {
        None if spec.required => out.push(
            context
                .finding(
                    &RULE,
                    "the cover has no \"Purpose:\" row",
                    super::at_header(context),
                )
                .expected(expected)
                .found("no Purpose: label")
                .fix(format!(
                    "Add a row \"Purpose:\" under Title: and choose one of {}.",
                    spec.values.join(", ")
                )),
        ),
        None => {}
        Some(purpose) => {
            let value = text::fold(&purpose.value);
            let ok = leads_with_purpose(&value, &spec.values);
            if !ok {
                let found = if value.is_empty() {
                    "an empty cell".to_string()
                } else {
                    format!("\"{}\"", text::clip(&value, 60))
                };
                out.push(
                    context
                        .finding(
                            &RULE,
                            format!("purpose {found} is not in the template's list"),
                            super::at_field(purpose),
                        )
                        .expected(expected)
                        .found(found)
                        .fix(fix),
                );
            }
        }
    }
}

/// A listed purpose, alone or leading: real ITU documents write "Information and action"
/// or "Discussion/Proposal", and the template's drop-down value is still the first word.
fn leads_with_purpose(value: &str, purposes: &[String]) -> bool {
    let lower = value.to_lowercase();
    let first = lower
        .split([',', ';', '/', '&', '(', '\n'])
        .next()
        .unwrap_or_default()
        .split(" and ")
        .next()
        .unwrap_or_default()
        .split(" or ")
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches('.');
    purposes.iter().any(|p| p.to_lowercase() == first)
}

#[cfg(test)]
mod tests {
    use super::leads_with_purpose;

    #[test]
    fn a_listed_purpose_may_lead_a_longer_value() {
        let list: Vec<String> = ["Admin", "Discussion", "Information", "Proposal", "Other"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for ok in [
            "Proposal",
            "proposal",
            "Information and action",
            "Discussion, Proposal",
            "Discussion/Proposal",
            "Other (liaison)",
        ] {
            assert!(leads_with_purpose(ok, &list), "{ok}");
        }
        for bad in [
            "For approval",
            "",
            "Informational",
            "Action and information",
        ] {
            assert!(!leads_with_purpose(bad, &list), "{bad}");
        }
    }
}
