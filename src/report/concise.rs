//! `--format concise`: one line per finding, grep- and editor-friendly, then the summary.
//!
//! `path: severity[code/slug] anchor: message`, with ` (accepted: reason)` appended to a
//! suppressed finding.

use std::fmt::Write as _;

use crate::check::FileReport;
use crate::diag::Finding;
use crate::report::{Run, human, sanitize};

pub fn render(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        out.push_str(&file_lines(file));
    }
    out.push_str(&end(run));
    out
}

/// One file's lines (what `check` streams as the file's turn comes).
pub fn file_lines(file: &FileReport) -> String {
    let mut out = String::new();
    for finding in &file.findings {
        line(&mut out, &file.path, finding);
    }
    out
}

/// After the last file: the batch findings' lines and the summary line.
pub fn end(run: &Run) -> String {
    let mut out = String::new();
    for finding in &run.batch {
        line(&mut out, crate::report::batch_path(finding), finding);
    }
    out.push_str(&human::summary_line(run));
    out
}

fn line(out: &mut String, path: &str, finding: &Finding) {
    // One line per finding: nothing from a document or a file name may break it.
    let path = sanitize::line(if path.is_empty() { "(batch)" } else { path });
    let finding = &sanitize::finding(finding, sanitize::line);
    let anchor = if finding.location.anchor.is_empty() {
        "whole file"
    } else {
        &finding.location.anchor
    };
    let _ = write!(
        out,
        "{path}: {}[{}/{}] {anchor}: {}",
        finding.severity, finding.rule.code, finding.rule.slug, finding.message
    );
    if let Some(reason) = &finding.suppressed {
        let _ = write!(out, " (accepted: {reason})");
    }
    out.push('\n');
}
