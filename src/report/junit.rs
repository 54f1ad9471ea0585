//! `--format junit`: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).
//!
//! One `<testsuite>` per file (named by its path), one `<testcase>` per file and rule that
//! ran (name `CODE slug`, classname the path). A rule with findings at or above
//! `--fail-on` that are not accepted gets one `<failure>` listing them; findings below it
//! or accepted go to `<system-out>`. An unreadable file has one `<error>` (the package
//! rule) and its other rules `<skipped>`. Batch findings form a last suite, `batch`.

use std::fmt::Write as _;

use quick_xml::escape::escape;

use crate::check::{FileReport, Status};
use crate::diag::Finding;
use crate::report::finding_text::FindingText;
use crate::report::{Run, sanitize};
use crate::rules::{self, Area, Rule};

#[derive(Default)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

/// Text for XML 1.0: forbidden characters shown escaped, then markup escaped. Findings'
/// fields are made single lines first ([`sanitize::line`]), so only our own line breaks
/// remain.
fn esc(text: &str) -> String {
    escape(sanitize::xml(text).as_ref()).into_owned()
}

/// A finding as the human report words it (people read JUnit in a CI's test view).
fn describe(finding: &Finding) -> String {
    let finding = &sanitize::finding(finding, sanitize::line);
    let words = FindingText::new(finding);
    let mut text = format!("{}: {}", finding.severity, words.message);
    for part in &words.parts {
        let _ = write!(text, "\n  {}: {}", part.label, part.text);
    }
    text
}

fn testcase(
    out: &mut String,
    counts: &mut Counts,
    classname: &str,
    rule: &Rule,
    findings: &[&Finding],
    run: &Run,
    unreadable: bool,
) {
    counts.tests += 1;
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{} {}\"",
        esc(&sanitize::line(classname)),
        rule.code,
        rule.slug
    );
    let (failing, other): (Vec<&Finding>, Vec<&Finding>) = findings
        .iter()
        .partition(|f| f.suppressed.is_none() && f.severity >= run.fail_on);
    if failing.is_empty() && other.is_empty() && !unreadable {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    if let Some(first) = failing.first() {
        let element = if unreadable { "error" } else { "failure" };
        if unreadable {
            counts.errors += 1;
        } else {
            counts.failures += 1;
        }
        let body: Vec<String> = failing.iter().map(|f| describe(f)).collect();
        let _ = writeln!(
            out,
            "      <{element} type=\"{}\" message=\"{}\">{}</{element}>",
            first.severity,
            esc(first.message.as_str()),
            esc(body.join("\n").as_str())
        );
    } else if unreadable {
        counts.skipped += 1;
        out.push_str("      <skipped message=\"the file could not be read\"/>\n");
    }
    if !other.is_empty() {
        let body: Vec<String> = other.iter().map(|f| describe(f)).collect();
        let _ = writeln!(
            out,
            "      <system-out>{}</system-out>",
            esc(body.join("\n").as_str())
        );
    }
    out.push_str("    </testcase>\n");
}

/// The rules reported for each file: every rule the policy lets run (document and package
/// rules), plus any rule that produced a finding.
fn file_rules(run: &Run, file: &FileReport) -> Vec<&'static Rule> {
    rules::ALL
        .iter()
        .copied()
        .filter(|rule| {
            let runs = run.policy.severity_of(rule).is_some()
                && !matches!(rule.area, Area::Meta | Area::Batch);
            runs || file.findings.iter().any(|f| f.rule.slug == rule.slug)
        })
        .collect()
}

fn suite(out: &mut String, name: &str, cases: &str, counts: &Counts) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        esc(&sanitize::line(name)),
        counts.tests,
        counts.failures,
        counts.errors,
        counts.skipped
    );
    out.push_str(cases);
    out.push_str("  </testsuite>\n");
}

pub fn render(run: &Run) -> String {
    let mut suites = String::new();
    let mut total = Counts::default();
    for file in &run.files {
        let unreadable = file.status == Status::Unreadable;
        let mut counts = Counts::default();
        let mut cases = String::new();
        for rule in file_rules(run, file) {
            let findings: Vec<&Finding> = file
                .findings
                .iter()
                .filter(|f| f.rule.slug == rule.slug)
                .collect();
            testcase(
                &mut cases,
                &mut counts,
                &file.path,
                rule,
                &findings,
                run,
                unreadable,
            );
        }
        suite(&mut suites, &file.path, &cases, &counts);
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.errors += counts.errors;
        total.skipped += counts.skipped;
    }
    if !run.batch.is_empty() {
        let mut counts = Counts::default();
        let mut cases = String::new();
        let mut seen: Vec<&str> = Vec::new();
        for finding in &run.batch {
            if seen.contains(&finding.rule.slug) {
                continue;
            }
            seen.push(finding.rule.slug);
            let findings: Vec<&Finding> = run
                .batch
                .iter()
                .filter(|f| f.rule.slug == finding.rule.slug)
                .collect();
            testcase(
                &mut cases,
                &mut counts,
                "batch",
                finding.rule,
                &findings,
                run,
                false,
            );
        }
        suite(&mut suites, "batch", &cases, &counts);
        total.tests += counts.tests;
        total.failures += counts.failures;
        total.errors += counts.errors;
        total.skipped += counts.skipped;
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"fgcheck\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
        total.tests, total.failures, total.errors, total.skipped
    );
    out.push_str(&suites);
    out.push_str("</testsuites>\n");
    out
}
