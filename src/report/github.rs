//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//!
//! ```text
//! ::error file=inbox/a.docx,title=FG109 missing-title::the title is empty%0Awhere: header table 1, row 7 ('Title:')%0Afix: ...
//! ```
//!
//! The message has the words of the human report (see `finding_text`): where, expected,
//! found, fix, one per line.
//!
//! Severities map to `error`, `warning` and `notice`. Accepted (suppressed) findings are
//! not annotated: they would clutter the pull request; the summary counts them. Data is
//! escaped as the runner expects (`%`, CR, LF), properties also `:` and `,`.
//!
//! [`summary_markdown`] is what `--summary-file` appends (point it at
//! `$GITHUB_STEP_SUMMARY`).

use std::fmt::Write as _;

use crate::check::Status;
use crate::diag::Severity;
use crate::report::finding_text::FindingText;
use crate::report::{Run, all_findings, human, sanitize};

/// Escapes a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(run: &Run) -> String {
    let mut out = String::new();
    for (path, finding, _) in all_findings(run) {
        if finding.suppressed.is_some() {
            continue;
        }
        // Document text is escaped before the command's own line breaks are added, so a
        // newline in a title or a file name can never start a workflow command.
        let finding = &sanitize::finding(finding, sanitize::line);
        let path = sanitize::line(path);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // The words of the human report: message, then where, expected, found and fix.
        let words = FindingText::new(finding);
        let mut message = words.message.to_string();
        for part in &words.parts {
            let _ = write!(message, "\n{}: {}", part.label, part.text);
        }
        let title = format!("{} {}", finding.rule.code, finding.rule.slug);
        out.push_str("::");
        out.push_str(command);
        if path.is_empty() {
            let _ = write!(out, " title={}", escape_property(&title));
        } else {
            let _ = write!(
                out,
                " file={},title={}",
                escape_property(&path),
                escape_property(&title)
            );
        }
        let _ = writeln!(out, "::{}", escape_data(&message));
    }
    out.push_str(&human::summary_line(run));
    out
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    let text = text
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
        .replace('<', "&lt;");
    sanitize::line(&text).into_owned()
}

/// A Markdown report for a job summary: the verdict, a table of files, the findings.
pub fn summary_markdown(run: &Run) -> String {
    let s = run.summary();
    let verdict = match run.compute_exit_code() {
        0 => "passed",
        3 => "failed: some inputs could not be read",
        _ => "failed",
    };
    let mut out = String::new();
    let _ = writeln!(out, "## fgcheck {verdict}\n");
    let _ = writeln!(
        out,
        "{} file(s): {} pass, {} fail, {} unreadable; {} error(s), {} warning(s), {} info; {} accepted. Failing at: {}.\n",
        s.files,
        s.pass,
        s.fail,
        s.unreadable,
        s.errors,
        s.warnings,
        s.infos,
        s.suppressed,
        run.fail_on
    );
    out.push_str("| File | Status | Errors | Warnings | Info |\n|---|---|---:|---:|---:|\n");
    for file in &run.files {
        let status = match file.status {
            Status::Pass => "✅ pass",
            Status::Fail => "❌ fail",
            Status::Unreadable => "⛔ unreadable",
        };
        let _ = writeln!(
            out,
            "| `{}` | {status} | {} | {} | {} |",
            cell(&file.path),
            file.count(Severity::Error),
            file.count(Severity::Warning),
            file.count(Severity::Info)
        );
    }
    let findings = all_findings(run);
    if !findings.is_empty() {
        out.push_str("\n### Findings\n\n| File | Severity | Rule | Where | Message |\n|---|---|---|---|---|\n");
        for (path, finding, _) in findings {
            let severity = match &finding.suppressed {
                Some(reason) => format!("{} (accepted: {})", finding.severity, cell(reason)),
                None => finding.severity.to_string(),
            };
            let _ = writeln!(
                out,
                "| `{}` | {severity} | {} `{}` | {} | {} |",
                cell(path),
                finding.rule.code,
                finding.rule.slug,
                cell(&finding.location.anchor),
                cell(&finding.message)
            );
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
