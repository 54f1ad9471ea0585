//! `--format human`: findings grouped per file, then a summary line.
//!
//! Each finding is its message headed by severity and rule, then labelled lines (where,
//! expected, found, fix, the rule's `explain` command) from [`finding_text`], the same
//! parts the web page shows. A `.docx` has no source lines to quote, so there is no source
//! frame: what was found is a plain `found:` line.

use std::fmt::Write as _;

use crate::check::{FileReport, Status};
use crate::diag::{Finding, Severity};
use crate::report::finding_text::{self, FindingText};
use crate::report::{Run, sanitize};

/// How to draw: colour on a terminal, plain for pipes and snapshot tests.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

/// Indent of a finding's first line, and of its labelled lines.
const HEAD: &str = "  ";
const BODY: &str = "    ";
/// Labels are padded to one width so the texts line up: `expected: ` is the longest.
const LABEL_WIDTH: usize = 10;

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    }
}

fn finding(out: &mut String, finding: &Finding, style: Style) {
    let text = FindingText::new(finding);
    let label = finding_text::severity_label(text.severity);
    let rule = finding_text::rule_name(text.rule);
    let width = style.width.max(40);
    let head = format!("{label} {rule}: {}", text.message);
    for (index, line) in finding_text::wrap(&head, HEAD, BODY, width)
        .into_iter()
        .enumerate()
    {
        let line = if index == 0 {
            line.replacen(
                label,
                &paint(style, severity_color(text.severity), label),
                1,
            )
            .replacen(&rule, &paint(style, "1", &rule), 1)
        } else {
            line
        };
        let _ = writeln!(out, "{line}");
    }
    let rest = " ".repeat(BODY.len() + LABEL_WIDTH);
    let explain = finding_text::explain_command(text.rule);
    let parts = text
        .parts
        .iter()
        .map(|p| (p.label, p.text.as_str()))
        .chain(std::iter::once(("rule", explain.as_str())));
    for (label, value) in parts {
        let tag = format!("{label}:");
        let first = format!("{BODY}{tag:<LABEL_WIDTH$}");
        for (index, line) in finding_text::wrap(value, &first, &rest, width)
            .into_iter()
            .enumerate()
        {
            let line = if index == 0 {
                line.replacen(&tag, &paint(style, "2", &tag), 1)
            } else {
                line
            };
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
}

/// Document text made safe for a terminal: one-line fields as lines, the quoted value as a
/// block (its line breaks are the document's).
fn clean(finding: &Finding) -> Finding {
    let mut clean = sanitize::finding(finding, sanitize::line);
    clean.found = finding
        .found
        .as_deref()
        .map(|found| sanitize::block(found).into_owned());
    clean
}

pub fn render(run: &Run, style: Style) -> String {
    let mut out = String::new();
    for file in &run.files {
        out.push_str(&file_section(file, style));
    }
    out.push_str(&end(run, style));
    out
}

/// One file's section (what `check` streams as the file's turn comes).
pub fn file_section(file: &FileReport, style: Style) -> String {
    let mut out = String::new();
    let verdict = match file.status {
        Status::Pass => paint(style, "1;32", "pass"),
        Status::Fail => paint(style, "1;31", "FAIL"),
        Status::Unreadable => paint(style, "1;31", "UNREADABLE"),
    };
    let counts = format!(
        "{} error(s), {} warning(s), {} info",
        file.count(Severity::Error),
        file.count(Severity::Warning),
        file.count(Severity::Info)
    );
    let _ = writeln!(out, "{} — {verdict} ({counts})", sanitize::line(&file.path));
    for item in &file.findings {
        out.push('\n');
        finding(&mut out, &clean(item), style);
    }
    out.push('\n');
    out
}

/// After the last file: the batch findings and the summary line.
pub fn end(run: &Run, style: Style) -> String {
    let mut out = String::new();
    if !run.batch.is_empty() {
        let _ = writeln!(out, "batch");
        for item in &run.batch {
            out.push('\n');
            finding(&mut out, &clean(item), style);
        }
        out.push('\n');
    }
    out.push_str(&summary_line(run));
    out
}

pub fn summary_line(run: &Run) -> String {
    let s = run.summary();
    let mut line = format!(
        "{} file(s): {} pass, {} fail, {} unreadable; {} error(s), {} warning(s), {} info",
        s.files, s.pass, s.fail, s.unreadable, s.errors, s.warnings, s.infos
    );
    if s.suppressed > 0 {
        let _ = write!(
            line,
            ", {} accepted by suppressions or baseline",
            s.suppressed
        );
    }
    line.push('\n');
    line
}
