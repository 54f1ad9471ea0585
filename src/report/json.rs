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
use crate::model::header::Field;
use crate::report::{Run, Summary};

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
            suppressed: finding.suppressed.as_deref(),
        }
    }
}

/// The header and package metadata as extracted: what a secretariat exports.
pub fn metadata(file: &FileReport) -> Value {
    let mut map = Map::new();
    let field = |f: &Option<Field>| {
        f.as_ref()
            .map(|f| Value::String(crate::text::fold(&f.value)))
    };
    if let Some(header) = &file.header {
        for (key, value) in [
            ("document_number", field(&header.doc_number)),
            ("group", field(&header.group)),
            ("original", field(&header.original)),
            ("study_period", field(&header.study_period)),
            ("wg", field(&header.question)),
            ("place_dates", field(&header.place_dates)),
            ("document_type", field(&header.banner)),
            ("source", field(&header.source)),
            ("title", field(&header.title)),
            ("purpose", field(&header.purpose)),
            ("keywords", field(&header.keywords)),
            ("abstract", field(&header.abstract_)),
        ] {
            map.insert(key.into(), value.unwrap_or(Value::Null));
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

pub fn file_value(file: &FileReport) -> Value {
    json!({
        "path": file.path,
        "status": file.status.as_str(),
        "findings": file.findings.iter().map(FindingJson::new).collect::<Vec<_>>(),
        "metadata": metadata(file),
    })
}

pub fn render(run: &Run) -> String {
    let summary: Summary = run.summary();
    let value = json!({
        "schema": SCHEMA,
        "tool": {"name": "fgcheck", "version": env!("CARGO_PKG_VERSION")},
        "profile": run.profile,
        "meeting": run.meeting,
        "files": run.files.iter().map(file_value).collect::<Vec<_>>(),
        "batch": run.batch.iter().map(FindingJson::new).collect::<Vec<_>>(),
        "summary": summary,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}
