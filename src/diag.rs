//! Diagnostics: what a rule found, how bad it is and where, in Word terms.
//!
//! Rules emit findings at their default severity; the [`Policy`] sink applies the user's
//! overrides afterwards, so no rule ever sees configuration (the cargo-deny shape).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::{Rule, RuleId};

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "info" | "note" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a finding is, as a person and a machine can both follow it.
/// A `.docx` has no line numbers: the part names the XML file inside the package, the path
/// points inside it, and the anchor says the same in words ("header table, row 'Title:'").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub part: String,
    pub path: String,
    pub anchor: String,
}

impl Location {
    pub fn new(
        part: impl Into<String>,
        path: impl Into<String>,
        anchor: impl Into<String>,
    ) -> Self {
        Location {
            part: part.into(),
            path: path.into(),
            anchor: anchor.into(),
        }
    }

    /// The file as a whole (package-level problems, batch problems).
    pub fn file(anchor: impl Into<String>) -> Self {
        Location {
            part: String::new(),
            path: String::new(),
            anchor: anchor.into(),
        }
    }
}

/// One thing a rule found.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub expected: Option<String>,
    pub found: Option<String>,
    pub location: Location,
    /// How to fix it, in the words of the profile and meeting checked against (the rule's
    /// `fix` with the group, numbers and meeting filled in).
    pub fix: String,
    /// Set when a baseline or suppression accepted this finding: it is still shown, but does
    /// not fail the run.
    pub suppressed: Option<String>,
}

/// Characters of a message, an expected or a found value that reports and pages show: a
/// finding quotes a document, and a document may hold megabytes where a title belongs.
pub const MAX_SHOWN_CHARS: usize = 2000;

/// Clips a shown text to [`MAX_SHOWN_CHARS`], saying so.
fn bounded(text: String) -> String {
    let total = text.chars().count();
    if total <= MAX_SHOWN_CHARS {
        return text;
    }
    let mut out: String = text.chars().take(MAX_SHOWN_CHARS).collect();
    out.push_str(&format!("… (clipped: {total} characters in all)"));
    out
}

impl Finding {
    /// A finding of a rule, named by its [`crate::rules::RuleId`] or the `Rule` itself.
    pub fn new(
        rule: impl Into<&'static Rule>,
        message: impl Into<String>,
        location: Location,
    ) -> Self {
        let rule: &'static Rule = rule.into();
        Finding {
            rule,
            severity: rule.severity,
            message: bounded(message.into()),
            expected: None,
            found: None,
            location,
            fix: rule.fix.to_string(),
            suppressed: None,
        }
    }

    /// Replaces the fix text (a rule's fix with the profile's words filled in).
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(bounded(expected.into()));
        self
    }

    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(bounded(found.into()));
        self
    }

    /// A stable identity for baselines: document number (or file name), rule and anchor.
    /// Positions and wording are left out so that a re-save does not change it.
    pub fn fingerprint(&self, document_key: &str) -> String {
        let text = format!(
            "{document_key}\u{1f}{}\u{1f}{}",
            self.rule.slug, self.location.anchor
        );
        format!("{:016x}", fnv1a64(text.as_bytes()))
    }
}

/// FNV-1a: tiny, stable across releases and platforms, good enough to fingerprint findings.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// What the user decided about severities: `off` removes a rule, a level replaces its default.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub overrides: BTreeMap<RuleId, Option<Severity>>,
    /// When non-empty, only these rules run (`--select`).
    pub select: Vec<RuleId>,
}

impl Policy {
    /// The severity to report for a rule, or `None` when the rule is switched off.
    pub fn severity_of(&self, rule: &Rule) -> Option<Severity> {
        if !self.select.is_empty() && !self.select.contains(&rule.id) {
            return None;
        }
        match self.overrides.get(&rule.id) {
            Some(level) => *level,
            None => Some(rule.severity),
        }
    }

    /// Applies the policy to findings in place; rules switched off are dropped.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|finding| match self.severity_of(finding.rule) {
            Some(level) => {
                finding.severity = level;
                true
            }
            None => false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_is_info_warning_error() {
        assert!(Severity::Info < Severity::Warning);
        assert!(Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse("WARN"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn shown_texts_are_bounded_and_say_so() {
        let long = "é".repeat(MAX_SHOWN_CHARS + 10);
        let clipped = bounded(long);
        assert!(clipped.ends_with(&format!(
            "(clipped: {} characters in all)",
            MAX_SHOWN_CHARS + 10
        )));
        assert_eq!(bounded("short".into()), "short");
    }

    #[test]
    fn fnv_is_stable() {
        // Baselines written by one release must match in the next: pin the hash.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
