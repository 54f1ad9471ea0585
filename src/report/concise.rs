//! `--format concise`: one line per finding, grep- and editor-friendly, then the summary.
//!
//! `path: severity[code/slug] anchor: message`, with ` (accepted: reason)` appended to a
//! suppressed finding.

use std::fmt::Write as _;

use crate::report::{Run, all_findings, human, sanitize};

pub fn render(run: &Run) -> String {
    let mut out = String::new();
    for (path, finding, _) in all_findings(run) {
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
    out.push_str(&human::summary_line(run));
    out
}
