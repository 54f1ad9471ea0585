//! `--format json`: the `fgcheck/1` contract other tools parse.
//!
//! ```json
//! {"schema":"fgcheck/1","tool":{"name":"fgcheck","version":"0.1.0"},
//!  "profile":"fg-qit4n","meeting":"fg-qit4n-5",
//!  "files":[{"path":"a.docx","status":"fail","findings":[{"code":"FG109","slug":"missing-title",
//!    "severity":"error","message":"...","expected":"...","found":"...",
//!    "location":{"part":"word/document.xml","path":"/w:document/w:body/w:tbl[1]/w:tr[7]/w:tc[2]",
//!    "anchor":"header table 1, row 7 ('Title:')"}}],"metadata":{...}}],
//!  "batch":[...], "summary":{"files":1,"pass":0,"fail":1,"unreadable":0,"errors":1,...}}
//! ```
//! Fields are only ever added within `fgcheck/1`; a removal or change of meaning bumps it.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::check::FileReport;
use crate::diag::{Finding, Location};
use crate::model::header::{FieldKind, keys};
use crate::report::{FieldInfo, Run, Summary};

pub const SCHEMA: &str = "fgcheck/1";

#[derive(Serialize)]
pub struct FindingJson<'a> {
    pub code: &'static str,
    pub slug: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub expected: Option<&'a str>,
    pub found: Option<&'a str>,
    pub location: &'a Location,
    /// How to fix it, in the words of the run's profile and meeting.
    pub fix: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    pub fn new(finding: &'a Finding) -> Self {
        FindingJson {
            code: finding.rule.code,
            slug: finding.rule.slug,
            severity: finding.severity.as_str(),
            message: &finding.message,
            expected: finding.expected.as_deref(),
            found: finding.found.as_deref(),
            location: &finding.location,
            fix: &finding.fix,
            suppressed: finding.suppressed.as_deref(),
        }
    }
}

/// The cover and package metadata as extracted: what a secretariat exports. Every field
/// the profile declares is a key (null when the cover lacks it); contacts are a list.
pub fn metadata(file: &FileReport, fields: &[FieldInfo]) -> Value {
    let mut map = Map::new();
    if let Some(header) = &file.header {
        for info in fields.iter().filter(|f| f.kind != FieldKind::Contact) {
            let value = header
                .get(&info.key)
                .map_or(Value::Null, |f| Value::String(crate::text::fold(&f.value)));
            // `wg` was the question's key before fields were data: kept within fgcheck/1.
            if info.key == keys::QUESTION {
                map.insert("wg".into(), value.clone());
            }
            map.insert(info.key.clone(), value);
        }
        let contacts: Vec<Value> = header
            .contacts
            .iter()
            .map(|c| json!({"details": crate::text::fold(&c.details), "emails": c.emails}))
            .collect();
        map.insert("contacts".into(), Value::Array(contacts));
    }
    if let Some(doc) = &file.document {
        map.insert(
            "properties".into(),
            json!({
                "title": doc.core.title,
                "subject": doc.core.subject,
                "creator": doc.core.creator,
                "last_modified_by": doc.core.last_modified_by,
                "keywords": doc.core.keywords,
                "created": doc.core.created,
                "modified": doc.core.modified,
                "application": doc.app.application,
                "template": doc.app.template,
                "company": doc.app.company,
            }),
        );
    }
    Value::Object(map)
}

pub fn file_value(file: &FileReport, fields: &[FieldInfo]) -> Value {
    json!({
        "path": file.path,
        "status": file.status.as_str(),
        "findings": file.findings.iter().map(FindingJson::new).collect::<Vec<_>>(),
        "metadata": metadata(file, fields),
    })
}

pub fn render(run: &Run) -> String {
    let summary: Summary = run.summary();
    let value = json!({
        "schema": SCHEMA,
        "tool": {"name": "fgcheck", "version": env!("CARGO_PKG_VERSION")},
        "profile": run.profile,
        "meeting": run.meeting,
        "files": run.files.iter().map(|f| file_value(f, &run.fields)).collect::<Vec<_>>(),
        "batch": run.batch.iter().map(FindingJson::new).collect::<Vec<_>>(),
        "summary": summary,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
