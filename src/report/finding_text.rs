//! A finding as a person reads it, built once for every front end: the human report
//! (`--format human`), the web page (`fgcheck serve`) and `fgcheck explain` show the same
//! parts in the same order with the same words: the message, where, what was expected,
//! what was found, the fix, and where to read more about the rule.
//!
//! "Where" is the anchor in Word terms ("header table 1, row 7 ('Title:')"); the part
//! name and XPath stay in the machine formats (JSON and SARIF `location`), which a
//! person never has to read.

use crate::diag::{Finding, Severity};
use crate::rules::Rule;

/// The severity in words, with a symbol so that it reads without colour.
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖ error",
        Severity::Warning => "▲ warning",
        Severity::Info => "ℹ info",
    }
}

/// What to do about a rule's findings in general, as its page and `explain` say it. Each
/// finding carries its own fix: this text with the profile's and meeting's words filled in.
pub fn fix(rule: &Rule) -> &'static str {
    rule.fix
}

/// The rule's code and slug, as every front end names a rule: `FG109/missing-title`.
pub fn rule_name(rule: &Rule) -> String {
    format!("{}/{}", rule.code, rule.slug)
}

/// How to read more about a rule from a terminal.
pub fn explain_command(rule: &Rule) -> String {
    format!("fgcheck explain {}", rule.slug)
}

/// The rule's page on `fgcheck serve`.
pub fn rule_page(rule: &Rule) -> String {
    format!("/rules/{}", rule.slug)
}

/// Where a finding is, for a person: its anchor, or the whole file.
pub fn place(finding: &Finding) -> &str {
    let anchor = finding.location.anchor.trim();
    if anchor.is_empty() {
        "whole file"
    } else {
        anchor
    }
}

/// One labelled part of a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// `where`, `expected`, `found`, `fix` or `accepted`.
    pub label: &'static str,
    pub text: String,
}

/// A finding in words.
#[derive(Clone, Debug)]
pub struct FindingText<'a> {
    pub severity: Severity,
    pub rule: &'static Rule,
    pub message: &'a str,
    /// Where, expected, found, fix, accepted: in that order, each only when there is one.
    pub parts: Vec<Part>,
}

impl<'a> FindingText<'a> {
    pub fn new(finding: &'a Finding) -> Self {
        let mut parts = vec![Part {
            label: "where",
            text: place(finding).to_string(),
        }];
        let mut push = |label: &'static str, text: Option<&str>| {
            if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
                parts.push(Part {
                    label,
                    text: text.to_string(),
                });
            }
        };
        push("expected", finding.expected.as_deref());
        push("found", finding.found.as_deref());
        push("fix", Some(&finding.fix));
        push("accepted", finding.suppressed.as_deref());
        FindingText {
            severity: finding.severity,
            rule: finding.rule,
            message: &finding.message,
            parts,
        }
    }

    /// The text of a part, when the finding has it.
    pub fn part(&self, label: &str) -> Option<&str> {
        self.parts
            .iter()
            .find(|p| p.label == label)
            .map(|p| p.text.as_str())
    }
}

/// Wraps `text` to `width` characters: the first line after `first`, the others after
/// `rest` (a hanging indent). Lines of the text stay lines; breaks fall on spaces only
/// (runs of spaces inside a line are kept: they may be what was found); a word longer than
/// the line is left whole rather than cut, and a word starting with `::` never starts a
/// line.
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = first.to_string();
    let mut length = first.chars().count();
    let mut empty = true;
    for (index, source_line) in text.lines().enumerate() {
        if index > 0 {
            lines.push(std::mem::replace(&mut current, rest.to_string()));
            length = rest.chars().count();
            empty = true;
        }
        for word in source_line.split(' ') {
            let size = word.chars().count();
            // A line that starts with `::` is a workflow command in a CI log: text quoted
            // from a document never gets to start one, even after the indent.
            let command_like = word.starts_with("::");
            if !empty && length + 1 + size > width && !command_like {
                lines.push(std::mem::replace(&mut current, rest.to_string()));
                length = rest.chars().count();
                empty = true;
            }
            if empty && word.is_empty() {
                continue;
            }
            if !empty {
                current.push(' ');
                length += 1;
            }
            current.push_str(word);
            length += size;
            empty = false;
        }
    }
    lines.push(current);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;
    use crate::rules;

    #[test]
    fn parts_in_order_without_the_xpath() {
        let rule = rules::find("missing-title").unwrap();
        let finding = Finding::new(
            rule,
            "the header has no \"Title:\" row",
            Location::new(
                "word/document.xml",
                "/w:document/w:body/w:tbl[1]",
                "header table 1",
            ),
        )
        .expected("a Title: row");
        let text = FindingText::new(&finding);
        let labels: Vec<&str> = text.parts.iter().map(|p| p.label).collect();
        assert_eq!(labels, ["where", "expected", "fix"]);
        assert_eq!(text.part("where"), Some("header table 1"));
        assert_eq!(text.part("fix"), Some(rule.fix));
        assert!(text.parts.iter().all(|p| !p.text.contains("w:")));
        let whole = Finding::new(rule, "x", Location::file(""));
        assert_eq!(FindingText::new(&whole).part("where"), Some("whole file"));
    }

    #[test]
    fn wrap_hangs_and_keeps_long_words() {
        assert_eq!(
            wrap("one two three four", "fix: ", "     ", 15),
            ["fix: one two", "     three four"]
        );
        assert_eq!(
            wrap("a https://example.org/a/very/long/path b", "> ", "  ", 10),
            ["> a", "  https://example.org/a/very/long/path", "  b"]
        );
        assert_eq!(
            wrap("first\nsecond", "- ", "  ", 80),
            ["- first", "  second"]
        );
        assert_eq!(wrap("", "- ", "  ", 80), ["- "]);
        assert_eq!(wrap("\"a  b\" c", "- ", "  ", 80), ["- \"a  b\" c"]);
    }
}
