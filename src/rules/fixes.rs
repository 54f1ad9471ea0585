//! Which rules `fgcheck fix` may fix on its own: ruff's fix applicability, declared here
//! beside the registry. A fix is **safe** when it only removes or corrects metadata and never
//! touches what a reader sees as the document's text; every other rule is fixed by hand and
//! stays a finding. The fixes themselves are in [`crate::edit::fix`], keyed by [`RuleId`].

use serde::Serialize;

use crate::rules::{Rule, RuleId};

/// Whether `fgcheck fix` applies a rule's fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `fgcheck fix`: metadata only, never body text.
    Safe,
    /// Fixed by hand in Word (the rule's `fix` text says how).
    Manual,
}

/// A safe fix: the rule it fixes and what it changes, in a user's words.
#[derive(Debug)]
pub struct SafeFix {
    pub rule: RuleId,
    pub what: &'static str,
}

/// Every safe fix. Adding one here is a decision about users' files: keep it to metadata.
pub static SAFE: &[SafeFix] = &[
    SafeFix {
        rule: RuleId::PersonalMetadata,
        what: "removes the property that holds the e-mail address or login (author, last modified by, or the custom property named)",
    },
    SafeFix {
        rule: RuleId::StaleProperties,
        what: "sets the Title and Keywords properties (docProps/core.xml) to the cover's Title and Keywords",
    },
    SafeFix {
        rule: RuleId::ExternalTemplate,
        what: "detaches the template on the network: drops the w:attachedTemplate setting and its relationship",
    },
    SafeFix {
        rule: RuleId::Protected,
        what: "lifts enforced editing restrictions that have no password (w:enforcement=\"0\"); protection with a password stays for the author to lift",
    },
];

/// The safe fix of a rule, if it has one.
pub fn safe_fix(rule: &Rule) -> Option<&'static SafeFix> {
    SAFE.iter().find(|fix| fix.rule == rule.id)
}

pub fn applicability(rule: &Rule) -> Applicability {
    if safe_fix(rule).is_some() {
        Applicability::Safe
    } else {
        Applicability::Manual
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ALL;

    #[test]
    fn only_the_listed_rules_declare_safe_fixes() {
        let mut safe: Vec<RuleId> = ALL
            .iter()
            .filter(|rule| applicability(rule) == Applicability::Safe)
            .map(|rule| rule.id)
            .collect();
        safe.sort_unstable();
        let mut expected = vec![
            RuleId::ExternalTemplate,
            RuleId::Protected,
            RuleId::PersonalMetadata,
            RuleId::StaleProperties,
        ];
        expected.sort_unstable();
        assert_eq!(safe, expected);
        let mut declared: Vec<RuleId> = SAFE.iter().map(|fix| fix.rule).collect();
        declared.sort_unstable();
        declared.dedup();
        assert_eq!(declared.len(), SAFE.len(), "a rule has two safe fixes");
    }

    #[test]
    fn package_header_and_layout_rules_are_never_fixed_automatically() {
        for rule in ALL {
            if matches!(
                rule.area,
                crate::rules::Area::Package
                    | crate::rules::Area::Header
                    | crate::rules::Area::Layout
                    | crate::rules::Area::Deadline
                    | crate::rules::Area::Batch
            ) {
                assert_eq!(applicability(rule), Applicability::Manual, "{}", rule.slug);
            }
        }
    }
}
