//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! - `ruleId` is the rule's **code** (`FG109`): codes are never reused or renamed, so alerts
//!   keep their identity across releases; the slug is the rule's `name`.
//! - The rule table is the whole registry: short and full description, the `explain` page
//!   as help (text and Markdown: the whole page, so a viewer needs no web site), and the
//!   default level. No `helpUri` or `informationUri`: fgcheck has no web site to point at,
//!   and an address that does not resolve is worse than none.
//! - A result's physical location is the `.docx` (relative URI, region line 1: a Word file
//!   has no lines); the place inside it is a logical location (part + path, kind
//!   `element`, name = the human anchor).
//! - `partialFingerprints["fgcheck/v1"]` is the finding's fingerprint (document key, rule,
//!   anchor), stable across re-saves.
//! - Accepted findings carry a `suppressions` entry with the reason.
//! - `invocations[0]` records the exit code; `executionSuccessful` is false when an input
//!   could not be read (even under `--exit-zero`).

use serde_json::{Value, json};

use crate::diag::{Finding, Severity};
use crate::report::{Run, all_findings, sanitize};
use crate::rules;
use crate::rules::docs as explain;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, everything outside the unreserved
/// set and `/` percent-encoded.
pub fn uri(path: &str) -> String {
    let normal = path.replace('\\', "/");
    let normal = normal.trim_start_matches("./");
    let mut out = String::with_capacity(normal.len());
    for byte in normal.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn message(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    if !finding.location.anchor.is_empty() {
        text.push_str(&format!(" [{}]", finding.location.anchor));
    }
    if let Some(expected) = &finding.expected {
        text.push_str(&format!("\nExpected: {expected}"));
    }
    if let Some(found) = &finding.found {
        text.push_str(&format!("\nFound: {found}"));
    }
    text
}

fn rule_table(vars: &crate::rules::vars::Vars) -> Vec<Value> {
    rules::ALL
        .iter()
        .map(|rule| {
            let page = explain::markdown(rule, vars);
            json!({
                "id": rule.code,
                "name": rule.slug,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": vars.fill(&format!("{} {}", rule.summary, rule.why))},
                "help": {"text": page, "markdown": page},
                "defaultConfiguration": {"level": level(rule.severity)},
                "properties": {"area": rule.area, "source": rule.source, "slug": rule.slug},
            })
        })
        .collect()
}

fn result(path: &str, finding: &Finding, fingerprint: &str) -> Value {
    // Viewers show these texts as they are: forbidden and bidi characters escaped.
    let finding = &sanitize::finding(finding, sanitize::line);
    let index = rules::ALL
        .iter()
        .position(|r| r.slug == finding.rule.slug)
        .map_or(-1, |i| i64::try_from(i).unwrap_or(-1));
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(path)},
            "region": {"startLine": 1},
        },
    });
    let place = &finding.location;
    if !place.part.is_empty() || !place.anchor.is_empty() {
        let mut logical = json!({"kind": "element"});
        if !place.anchor.is_empty() {
            logical["name"] = json!(place.anchor);
        }
        if !place.part.is_empty() {
            logical["fullyQualifiedName"] = json!(format!("{}{}", place.part, place.path));
        }
        location["logicalLocations"] = json!([logical]);
    }
    let mut value = json!({
        "ruleId": finding.rule.code,
        "level": level(finding.severity),
        "message": {"text": message(finding)},
        "locations": [location],
        "partialFingerprints": {"fgcheck/v1": fingerprint},
        "properties": {"slug": finding.rule.slug},
    });
    if index >= 0 {
        value["ruleIndex"] = json!(index);
    }
    if let Some(reason) = &finding.suppressed {
        value["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": reason,
        }]);
    }
    value
}

pub fn render(run: &Run) -> String {
    let results: Vec<Value> = all_findings(run)
        .into_iter()
        .map(|(path, finding, fingerprint)| {
            let path = if path.is_empty() { "." } else { path };
            result(path, finding, &fingerprint)
        })
        .collect();
    let unreadable = run
        .files
        .iter()
        .any(|f| f.status == crate::check::Status::Unreadable);
    let mut properties = json!({"profile": run.profile, "failOn": run.fail_on.as_str()});
    if let Some(meeting) = &run.meeting {
        properties["meeting"] = json!(meeting);
    }
    let value = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fgcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rule_table(&run.vars),
            }},
            "invocations": [{
                "executionSuccessful": !unreadable,
                "exitCode": run.exit_code,
            }],
            "results": results,
            "properties": properties,
        }],
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./inbox/a b.docx"), "inbox/a%20b.docx");
        assert_eq!(uri("inbox\\50%.docx"), "inbox/50%25.docx");
        assert_eq!(uri("é.docx"), "%C3%A9.docx");
    }
}
