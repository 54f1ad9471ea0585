//! E-mail addresses in contact rows: after an `E-mail:` label, or shaped like one.

use super::Contact;
use crate::text;

/// Finds e-mail addresses in a contact cell. A value after an e-mail label must be an
/// address; elsewhere in the cell, anything shaped like an address counts.
pub(super) fn collect_emails(cell_text: &str, email_labels: &[String], contact: &mut Contact) {
    for line in cell_text.split(['\n', '\r']) {
        let folded = text::fold(line);
        let lower = folded.to_lowercase();
        let label_end = email_labels
            .iter()
            .filter_map(|label| {
                let start = lower.find(label.as_str())?;
                let after = lower.get(start + label.len()..)?;
                let colon = after.find(':')?;
                // Only "E-mail:" with nothing but spaces before the colon is a label.
                after
                    .get(..colon)?
                    .trim()
                    .is_empty()
                    .then_some(start + label.len() + colon + 1)
            })
            .min();
        match label_end {
            Some(end) => {
                let value = folded.get(end..).unwrap_or_default().trim();
                for candidate in value.split([';', ',', ' ', '\t']).filter(|c| !c.is_empty()) {
                    let candidate = candidate
                        .trim_start_matches("mailto:")
                        .trim_matches(['<', '>', '(', ')', '.']);
                    if is_email(candidate) {
                        contact.emails.push(candidate.to_string());
                    } else if !candidate.is_empty() {
                        contact.invalid_emails.push(candidate.to_string());
                    }
                }
                if value.is_empty() {
                    contact.invalid_emails.push(String::new());
                }
            }
            None => {
                for word in folded.split([' ', ';', ',', '\t']) {
                    let word = word
                        .trim_start_matches("mailto:")
                        .trim_matches(['<', '>', '(', ')', '.']);
                    if is_email(word) {
                        contact.emails.push(word.to_string());
                    }
                }
            }
        }
    }
}

/// A pragmatic address check: local part, one `@`, a domain with a dot. Not RFC 5322,
/// but it tells `name@example.org` from `name(at)example.org` and `name@example`.
pub fn is_email(candidate: &str) -> bool {
    let Some((local, domain)) = candidate.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "._%+-'!#$&*/=?^`{|}~".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2);
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scan::Place;
    #[test]
    fn email_shapes() {
        assert!(is_email("alice@example.org"));
        assert!(is_email("a.b+c@sub.example.co.uk"));
        assert!(!is_email("name(at)example.org"));
        assert!(!is_email("name@example"));
        assert!(!is_email("@example.org"));
        assert!(!is_email("a@b@c.org"));
    }

    fn contact_of(text: &str) -> Contact {
        let mut contact = Contact {
            label: String::new(),
            details: String::new(),
            emails: Vec::new(),
            invalid_emails: Vec::new(),
            place: Place::default(),
        };
        let labels: Vec<String> = ["e-mail", "email", "e mail", "mail"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        collect_emails(text, &labels, &mut contact);
        contact
    }

    #[test]
    fn email_labels_in_contact_cells() {
        let c =
            contact_of("Tel:\t+41 22 730 5111\nFax:\t+41 22 730 5853\nE-mail:\talice@example.org");
        assert_eq!(c.emails, ["alice@example.org"]);
        assert!(c.invalid_emails.is_empty());
        let c = contact_of("Email : bob(at)example.org");
        assert!(c.emails.is_empty());
        assert_eq!(c.invalid_emails, ["bob(at)example.org"]);
        let c = contact_of("Tel: +1 555\nmailto:carol@example.org");
        assert_eq!(c.emails, ["carol@example.org"]);
    }
}
