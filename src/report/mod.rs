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

pub use crate::config::Format;
use crate::diag::Finding;
pub use crate::run::{FieldInfo, Run, Summary, fields_of};

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
