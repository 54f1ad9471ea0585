//! `--format human`: miette diagnostics grouped per file, then a summary line.
//!
//! A `.docx` has no source lines, so each diagnostic quotes what was found as its "source"
//! and labels it: the reader sees the offending text, the rule, where it is in Word terms,
//! what was expected and how to fix it.

use std::fmt::{self, Write as _};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use crate::check::Status;
use crate::diag::{Finding, Severity};
use crate::report::{Run, sanitize};

/// How to draw: colour on a terminal, plain for pipes and snapshot tests.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

struct Shown<'a> {
    finding: &'a Finding,
    help: String,
    source: Option<NamedSource<String>>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl Diagnostic for Shown<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!(
            "{}/{}",
            self.finding.rule.code, self.finding.rule.slug
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = self.source.as_ref()?;
        let length = source.inner().len();
        let label = match &self.finding.expected {
            Some(expected) => format!("expected {expected}"),
            None => "found here".to_string(),
        };
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some(label),
            0,
            length,
        ))))
    }
}

fn shown(finding: &Finding) -> Shown<'_> {
    let mut help = String::new();
    let location = &finding.location;
    let _ = write!(
        help,
        "where: {}",
        if location.anchor.is_empty() {
            "whole file"
        } else {
            &location.anchor
        }
    );
    if !location.part.is_empty() {
        let _ = write!(help, " ({}", location.part);
        if !location.path.is_empty() {
            let _ = write!(help, " {}", location.path);
        }
        help.push(')');
    }
    let quoted = finding
        .found
        .clone()
        .filter(|found| !found.is_empty() && found.len() <= 400);
    if quoted.is_none() {
        if let Some(expected) = &finding.expected {
            let _ = write!(help, "\nexpected: {expected}");
        }
        if let Some(found) = &finding.found {
            let _ = write!(help, "\nfound: {found}");
        }
    }
    let _ = write!(help, "\nfix: {}", finding.rule.fix);
    if let Some(reason) = &finding.suppressed {
        let _ = write!(help, "\naccepted: {reason}");
    }
    let source = quoted.map(|found| NamedSource::new("found", found));
    Shown {
        finding,
        help,
        source,
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
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_urls(false);
    let mut out = String::new();
    for file in &run.files {
        let verdict = match file.status {
            Status::Pass => "pass",
            Status::Fail => "FAIL",
            Status::Unreadable => "UNREADABLE",
        };
        let counts = format!(
            "{} error(s), {} warning(s), {} info",
            file.count(Severity::Error),
            file.count(Severity::Warning),
            file.count(Severity::Info)
        );
        let _ = writeln!(out, "{} — {verdict} ({counts})", sanitize::line(&file.path));
        for finding in &file.findings {
            let clean = clean(finding);
            let diagnostic = shown(&clean);
            let mut rendered = String::new();
            if handler.render_report(&mut rendered, &diagnostic).is_ok() {
                out.push_str(&rendered);
            }
        }
        out.push('\n');
    }
    if !run.batch.is_empty() {
        let _ = writeln!(out, "batch");
        for finding in &run.batch {
            let clean = clean(finding);
            let diagnostic = shown(&clean);
            let mut rendered = String::new();
            if handler.render_report(&mut rendered, &diagnostic).is_ok() {
                out.push_str(&rendered);
            }
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
