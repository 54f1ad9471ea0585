//! Rules about fgcheck's own configuration.

use crate::diag::Severity;
use crate::rules::{Area, Rule, RuleId};

pub static UNUSED_SUPPRESSION: Rule = Rule {
    id: RuleId::UnusedSuppression,
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
