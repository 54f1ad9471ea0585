//! Report formats: one file per format, all rendering the same [`Run`].

pub mod human;
pub mod json;
pub mod register;

use serde::Serialize;

use crate::check::{FileReport, Status};
use crate::diag::{Finding, Severity};

/// A finished run: every file's report plus batch-level findings.
pub struct Run {
    pub files: Vec<FileReport>,
    /// Findings about the batch as a whole (duplicates, unused suppressions).
    pub batch: Vec<Finding>,
    pub profile: String,
    pub meeting: Option<String>,
    pub fail_on: Severity,
    /// The exit code this run ends with; formats that record it (SARIF) read it here.
    pub exit_code: i32,
}

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub pass: usize,
    pub fail: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

impl Run {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.files.len(),
            ..Summary::default()
        };
        for file in &self.files {
            match file.status {
                Status::Pass => summary.pass += 1,
                Status::Fail => summary.fail += 1,
                Status::Unreadable => summary.unreadable += 1,
            }
        }
        for finding in self
            .files
            .iter()
            .flat_map(|f| f.findings.iter())
            .chain(self.batch.iter())
        {
            if finding.suppressed.is_some() {
                summary.suppressed += 1;
                continue;
            }
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    /// Exit code contract: 3 if any input was unreadable, else 1 if any finding is at or
    /// above `fail_on`, else 0.
    pub fn compute_exit_code(&self) -> i32 {
        if self.files.iter().any(|f| f.status == Status::Unreadable) {
            return 3;
        }
        let failing = self
            .files
            .iter()
            .flat_map(|f| f.findings.iter())
            .chain(self.batch.iter())
            .any(|f| f.suppressed.is_none() && f.severity >= self.fail_on);
        i32::from(failing)
    }
}
