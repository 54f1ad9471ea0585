//! Baselines: adopt fgcheck on an old batch and fail only on new findings.
//!
//! `check --write-baseline FILE` records every finding's fingerprint (document key, rule
//! slug, anchor; see [`Finding::fingerprint`](crate::diag::Finding::fingerprint)) with the
//! three parts spelled out for review. `check --baseline FILE` marks findings whose
//! fingerprint is listed as accepted ("in baseline"). Positions, wording and file names
//! (when the document number is readable) are not part of the fingerprint, so re-saving or
//! renaming a file keeps its baseline.
//!
//! ```json
//! {"schema": "fgcheck-baseline/1",
//!  "findings": [{"fingerprint": "1f0c...", "document": "QIT4N-I-012",
//!                "rule": "missing-title", "anchor": "header table 1, row 7 ('Title:')"}]}
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::FileReport;
use crate::run::Run;

pub const SCHEMA: &str = "fgcheck-baseline/1";
pub const REASON: &str = "in baseline";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub document: String,
    pub rule: String,
    pub anchor: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// Every finding of the run's files, one entry per fingerprint, sorted.
    pub fn from_run(run: &Run) -> Baseline {
        let mut entries = BTreeMap::new();
        for file in &run.files {
            let key = file.document_key();
            for finding in &file.findings {
                let fingerprint = finding.fingerprint(&key);
                entries.entry(fingerprint.clone()).or_insert_with(|| Entry {
                    fingerprint,
                    document: key.clone(),
                    rule: finding.rule.slug.to_string(),
                    anchor: finding.location.anchor.clone(),
                });
            }
        }
        let mut findings: Vec<Entry> = entries.into_values().collect();
        findings.sort_by(|a, b| {
            (&a.document, &a.rule, &a.anchor).cmp(&(&b.document, &b.rule, &b.anchor))
        });
        Baseline {
            schema: SCHEMA.to_string(),
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|error| {
            format!(
                "{}:{}:{}: not an fgcheck baseline: {error}",
                path.display(),
                error.line(),
                error.column()
            )
        })?;
        if baseline.schema != SCHEMA {
            return Err(format!(
                "{}: baseline schema {:?}, this fgcheck reads {SCHEMA:?}",
                path.display(),
                baseline.schema
            ));
        }
        Ok(baseline)
    }

    /// The fingerprints, for marking findings file by file.
    pub fn known(&self) -> HashSet<String> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect()
    }

    /// Marks the run's findings whose fingerprint is listed; returns how many it accepted.
    /// Recomputes file statuses.
    pub fn apply(&self, run: &mut Run) -> usize {
        let known = self.known();
        let mut accepted = 0;
        for file in &mut run.files {
            accepted += apply_file(&known, file);
            file.update_status(run.fail_on);
        }
        run.retally();
        accepted
    }
}

/// Marks one file's findings whose fingerprint is in `known` as accepted; returns how many.
/// The caller recomputes the file's status.
pub fn apply_file(known: &HashSet<String>, file: &mut FileReport) -> usize {
    let key = file.document_key();
    let mut accepted = 0;
    for finding in &mut file.findings {
        if finding.suppressed.is_none() && known.contains(&finding.fingerprint(&key)) {
            finding.suppressed = Some(REASON.to_string());
            accepted += 1;
        }
    }
    accepted
}
