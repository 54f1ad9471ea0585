use crate::diag::{Finding, Severity};
use crate::model::header::keys;
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::MissingContactEmail,
    code: "FG111",
    slug: "missing-contact-email",
    severity: Severity::Error,
    area: Area::Header,
    summary: "no Contact: row gives an e-mail address",
    why: "The secretariat and the meeting reach the authors by e-mail; an input without one cannot be followed up.",
    fix: "In a Contact: row, write \"E-mail:\" and the address in the right-hand cell.",
    source: super::TEMPLATE,
    bad: "Contact: rows with names and telephone numbers only, or no Contact: row.",
    good: "Contact: Alice Example / Example Org / Switzerland | Tel: +41 22 000 0000 / E-mail: alice@example.org",
    check: Some(check),
};

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    if !super::header_found(context) {
        return;
    }
    let Some(spec) = context.profile.field(keys::CONTACT) else {
        return;
    };
    let contacts = &context.header.contacts;
    // An address written wrongly is `invalid-email`'s finding alone: one problem, one finding.
    if contacts
        .iter()
        .any(|c| !c.emails.is_empty() || !c.invalid_emails.is_empty())
    {
        return;
    }
    let label = super::label(spec);
    let (location, found) = match contacts.first() {
        Some(contact) => (
            super::at(&contact.place),
            format!("{} {label} row(s) without an address", contacts.len()),
        ),
        None if spec.required => (super::at_header(context), format!("no {label} row")),
        None => return,
    };
    out.push(
        context
            .finding(
                &RULE,
                "no contact e-mail address was found on the cover",
                location,
            )
            .expected(format!(
                "at least one {label} row with \"E-mail: name@example.org\""
            ))
            .found(found),
    );
}
