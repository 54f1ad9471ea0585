use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::InvalidEmail,
    code: "FG112",
    slug: "invalid-email",
    severity: Severity::Error,
    area: Area::Header,
    summary: "an E-mail: label is followed by something that is not an address",
    why: "Obfuscated or mistyped addresses (name(at)example.org, name@example) bounce; the secretariat cannot reach the author.",
    fix: "Write the plain address after \"E-mail:\", e.g. alice@example.org.",
    source: super::TEMPLATE,
    bad: "E-mail: alice(at)example.org",
    good: "E-mail: alice@example.org",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    for contact in &context.header.contacts {
        for value in &contact.invalid_emails {
            let found = if value.is_empty() {
                "nothing after the label".to_string()
            } else {
                format!("\"{value}\"")
            };
            out.push(
                context
                    .finding(
                        &RULE,
                        format!("the e-mail value {found} is not an address"),
                        super::at(&contact.place),
                    )
                    .expected("an address such as name@example.org")
                    .found(found),
            );
        }
    }
}
