//! Accepting findings: `[[suppress]]` entries from `fgcheck.toml` and the document's own
//! `fgcheck-ignore` custom property. An accepted finding is still reported, with its
//! reason, but does not fail the run. A configured suppression that matched nothing is
//! itself reported as `unused-suppression` (ruff's RUF100): stale ones would otherwise
//! hide tomorrow's real problem.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::check::FileReport;
pub use crate::check::OPT_OUT_PROPERTY as PROPERTY;
use crate::config::Suppression;
use crate::diag::{Finding, Location, Policy};
use crate::rules::{self, Rule};

/// Parses an `fgcheck-ignore` value into the rules it names and the reason. Unknown names
/// are kept aside so that the reason can mention them.
pub fn parse_property(value: &str) -> (Vec<&'static Rule>, Vec<String>, String) {
    let (list, reason) = match value.split_once(':') {
        Some((list, reason)) => (list, reason.trim()),
        None => (value, ""),
    };
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for name in list
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        match rules::find(name) {
            Some(rule) => known.push(rule),
            None => unknown.push(name.to_string()),
        }
    }
    let mut reason = if reason.is_empty() {
        format!("document property {PROPERTY} (no reason given)")
    } else {
        format!("{reason} (document property {PROPERTY})")
    };
    if !unknown.is_empty() {
        reason.push_str(&format!("; unknown rules ignored: {}", unknown.join(", ")));
    }
    (known, unknown, reason)
}

/// Applies `[[suppress]]` entries and documents' own opt-outs file by file (from any
/// thread), remembering which entries matched so that the stale ones can be reported once
/// the run is over.
pub struct Suppressor<'a> {
    entries: &'a [Suppression],
    used: Vec<AtomicBool>,
}

impl<'a> Suppressor<'a> {
    pub fn new(entries: &'a [Suppression]) -> Suppressor<'a> {
        Suppressor {
            entries,
            used: entries.iter().map(|_| AtomicBool::new(false)).collect(),
        }
    }

    /// Marks one file's accepted findings. The caller recomputes the file's status.
    pub fn apply(&self, file: &mut FileReport) {
        let key = file.document_key();
        let opt_out = file
            .meta
            .as_ref()
            .and_then(|meta| meta.opt_out.as_deref())
            .map(parse_property);
        for finding in &mut file.findings {
            if let Some((rules, _, reason)) = &opt_out
                && finding.suppressed.is_none()
                && rules.iter().any(|r| r.slug == finding.rule.slug)
            {
                finding.suppressed = Some(reason.clone());
            }
            for (index, entry) in self.entries.iter().enumerate() {
                if entry.matches(finding.rule, &file.path, &key) {
                    if let Some(flag) = self.used.get(index) {
                        flag.store(true, Ordering::Relaxed);
                    }
                    if finding.suppressed.is_none() {
                        finding.suppressed = Some(entry.reason.clone());
                    }
                }
            }
        }
    }

    /// `unused-suppression` findings for the entries that matched nothing, once every file
    /// went through [`Suppressor::apply`].
    pub fn unused(&self, policy: &Policy) -> Vec<Finding> {
        let unused = &rules::meta::UNUSED_SUPPRESSION;
        let Some(level) = policy.severity_of(unused) else {
            return Vec::new();
        };
        let mut findings = Vec::new();
        for (entry, used) in self.entries.iter().zip(&self.used) {
            // A suppression for a rule that did not run cannot have matched: not stale.
            if used.load(Ordering::Relaxed) || policy.severity_of(entry.rule).is_none() {
                continue;
            }
            // Reported against the file as CI annotations expect it: relative to the
            // current folder when it is inside it.
            let file = std::env::current_dir()
                .ok()
                .and_then(|dir| entry.file.strip_prefix(&dir).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| entry.file.clone())
                .display()
                .to_string();
            let mut finding = Finding::new(
                unused,
                format!(
                    "suppression {} ({}) matched no finding in this run",
                    entry.index,
                    entry.describe()
                ),
                Location::new(
                    file,
                    format!("/suppress[{}]", entry.index),
                    format!("[[suppress]] {}", entry.index),
                ),
            )
            .expected("every suppression matches at least one finding")
            .found(entry.describe());
            finding.severity = level;
            findings.push(finding);
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lists_rules_then_reason() {
        let (rules, unknown, reason) =
            parse_property("missing-title, FG113 ,nonsense: agreed with the rapporteur");
        let slugs: Vec<&str> = rules.iter().map(|r| r.slug).collect();
        assert_eq!(slugs.len(), 2);
        assert!(slugs.contains(&"missing-title"));
        assert_eq!(unknown, vec!["nonsense".to_string()]);
        assert!(reason.starts_with("agreed with the rapporteur"));
    }
}
