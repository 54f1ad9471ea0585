use crate::diag::{Finding, Severity};
use crate::rules::{Area, Context, Rule};

pub static RULE: Rule = Rule {
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
    let contacts = &context.header.contacts;
    if contacts.iter().any(|c| !c.emails.is_empty()) {
        return;
    }
    let (location, found) = match contacts.first() {
        Some(contact) => (
            super::at(&contact.place),
            format!("{} Contact: row(s) without an address", contacts.len()),
        ),
        None => (super::at_header(context), "no Contact: row".to_string()),
    };
    out.push(
        Finding::new(
            &RULE,
            "no contact e-mail address was found in the header",
            location,
        )
        .expected("at least one Contact: row with \"E-mail: name@example.org\"")
        .found(found),
    );
}
