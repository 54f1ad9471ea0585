//! `--format gitlab`: GitLab Code Quality JSON (`artifacts: reports: codequality`).
//!
//! An array of issues: `description` (`CODE slug: message [anchor]`), `check_name` (the
//! slug), `fingerprint` (the finding's fingerprint: document key, rule, anchor; made
//! unique within the report, as GitLab requires), `severity` and `location.path` with
//! `lines.begin = 1` (a Word file has no lines).
//!
//! Severity: info -> `info`, warning -> `minor`, error -> `major`, and a file that could
//! not be read at all -> `blocker`. Accepted (suppressed) findings are left out: GitLab has
//! no notion of an accepted issue and would show them as new.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::check::Status;
use crate::diag::{Finding, Severity};
use crate::report::Run;

fn severity(finding: &Finding, unreadable: bool) -> &'static str {
    if unreadable {
        return "blocker";
    }
    match finding.severity {
        Severity::Info => "info",
        Severity::Warning => "minor",
        Severity::Error => "major",
    }
}

fn issue(
    path: &str,
    finding: &Finding,
    fingerprint: String,
    unreadable: bool,
    seen: &mut HashSet<String>,
) -> Value {
    let mut unique = fingerprint.clone();
    let mut n = 1;
    while !seen.insert(unique.clone()) {
        n += 1;
        unique = format!("{fingerprint}-{n}");
    }
    // The merge-request widget shows the description as it is: no control or bidi
    // characters from a document.
    let finding = &crate::report::sanitize::finding(finding, crate::report::sanitize::line);
    let mut description = format!(
        "{} {}: {}",
        finding.rule.code, finding.rule.slug, finding.message
    );
    if !finding.location.anchor.is_empty() {
        description.push_str(&format!(" [{}]", finding.location.anchor));
    }
    json!({
        "type": "issue",
        "description": description,
        "check_name": finding.rule.slug,
        "fingerprint": unique,
        "severity": severity(finding, unreadable),
        "location": {"path": crate::report::sanitize::line(path), "lines": {"begin": 1}},
    })
}

pub fn render(run: &Run) -> String {
    let mut seen = HashSet::new();
    let mut issues = Vec::new();
    for file in &run.files {
        let key = file.document_key();
        let unreadable = file.status == Status::Unreadable;
        for finding in file.findings.iter().filter(|f| f.suppressed.is_none()) {
            issues.push(issue(
                &file.path,
                finding,
                finding.fingerprint(&key),
                unreadable,
                &mut seen,
            ));
        }
    }
    for finding in run.batch.iter().filter(|f| f.suppressed.is_none()) {
        let path = crate::report::batch_path(finding);
        issues.push(issue(
            path,
            finding,
            finding.fingerprint(path),
            false,
            &mut seen,
        ));
    }
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
