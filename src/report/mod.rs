//! Report formats: one file per format, all rendering the same [`Run`].
//!
//! Batch findings (unused suppressions, duplicates) belong to no `.docx`: their
//! `location.part` names the file they are about (e.g. `fgcheck.toml`), and path-based
//! formats report them against that file.

pub mod concise;
pub mod finding_text;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod register;
pub mod sanitize;
pub mod sarif;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::{FileReport, Status};
use crate::diag::{Finding, Policy, Severity};
use crate::model::header::FieldKind;
use crate::profile::Profile;

/// Every report format `--format` accepts.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Rich diagnostics per file, for people.
    Human,
    /// One line per finding: `path: severity[code/slug] anchor: message`.
    Concise,
    /// The `fgcheck/1` JSON document.
    Json,
    /// JSON Lines: one finding per line, with its path.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: a test suite per file, a test case per file and rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Gitlab => "gitlab",
        }
    }
}

/// Renders a run in a format. `style` only matters to `human`.
pub fn render(run: &Run, format: Format, style: human::Style) -> String {
    match format {
        Format::Human => human::render(run, style),
        Format::Concise => concise::render(run),
        Format::Json => json::render(run),
        Format::Jsonl => jsonl::render(run),
        Format::Sarif => sarif::render(run),
        Format::Github => github::render(run),
        Format::Junit => junit::render(run),
        Format::Gitlab => gitlab::render(run),
    }
}

/// The path a finding is reported against: its file's, or for a batch finding the file
/// its location names (empty when none).
pub fn batch_path(finding: &Finding) -> &str {
    &finding.location.part
}

/// Every finding with the path of its file and its fingerprint: files in order, then the
/// batch.
pub fn all_findings(run: &Run) -> Vec<(&str, &Finding, String)> {
    let mut out = Vec::new();
    for file in &run.files {
        let key = file.document_key();
        for finding in &file.findings {
            out.push((file.path.as_str(), finding, finding.fingerprint(&key)));
        }
    }
    for finding in &run.batch {
        let path = batch_path(finding);
        out.push((path, finding, finding.fingerprint(path)));
    }
    out
}

/// A cover field the profile declares, as reports list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    pub key: String,
    pub name: String,
    pub kind: FieldKind,
    /// Shown as a column of the intake register.
    pub register: bool,
}

/// The fields a profile declares, in reading order: what every report iterates.
pub fn fields_of(profile: &Profile) -> Vec<FieldInfo> {
    profile
        .header
        .fields
        .iter()
        .map(|f| FieldInfo {
            key: f.key.clone(),
            name: f.name.clone(),
            kind: f.kind,
            register: f.register,
        })
        .collect()
}

/// A finished run: every file's report plus batch-level findings.
pub struct Run {
    pub files: Vec<FileReport>,
    /// The cover fields of the run's profile.
    pub fields: Vec<FieldInfo>,
    /// The words of the run's profile and meeting, for rule documentation in reports.
    pub vars: crate::rules::vars::Vars,
    /// Findings about the batch as a whole (duplicates, unused suppressions).
    pub batch: Vec<Finding>,
    pub profile: String,
    pub meeting: Option<String>,
    pub fail_on: Severity,
    /// The severity policy the run applied (which rules ran, at what level).
    pub policy: Policy,
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
