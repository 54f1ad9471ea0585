//! Rules about fgcheck's own configuration.

use crate::diag::Severity;
use crate::rules::{Area, Rule};

pub static UNUSED_SUPPRESSION: Rule = Rule {
    code: "FG901",
    slug: "unused-suppression",
    severity: Severity::Info,
    area: Area::Meta,
    summary: "a suppression in the configuration matched no finding",
    why: "A stale suppression hides nothing today but will silently hide a real problem tomorrow (ruff's RUF100).",
    fix: "Remove the [[suppress]] entry from fgcheck.toml, or correct its rule or documents pattern.",
    source: "fgcheck configuration (fgcheck.toml)",
    bad: "[[suppress]] rule = \"comments\", documents = \"QIT4N-I-9*\" when no such document has comments.",
    good: "Every suppression matches at least one finding in the run.",
    check: None,
};

/// Stands in when code names a slug that is not registered; never listed.
pub static UNKNOWN: Rule = Rule {
    code: "FG999",
    slug: "unknown",
    severity: Severity::Error,
    area: Area::Meta,
    summary: "unknown rule",
    why: "-",
    fix: "-",
    source: "-",
    bad: "-",
    good: "-",
    check: None,
};
