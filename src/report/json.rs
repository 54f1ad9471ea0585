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

use crate::check::{FileReport, Settings};
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
    if let Some(doc) = &file.meta {
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

/// The whole `fgcheck/1` document: [`start`], each file's [`file_fragment`], [`end`] —
/// the same text `check` streams file by file.
pub fn render(run: &Run) -> String {
    let mut text = start_of(&run.profile, run.meeting.as_deref());
    for (index, file) in run.files.iter().enumerate() {
        text.push_str(if index == 0 { "\n" } else { ",\n" });
        text.push_str(&file_fragment(file, &run.fields));
    }
    text.push_str(&end(run));
    text
}

/// The document up to the opening of the `files` array. Keys come in the order they can
/// be written while the files are checked: files, then the batch and the summary.
pub fn start(settings: &Settings) -> String {
    start_of(
        &settings.profile.id,
        settings.meeting.as_ref().map(|m| m.id.as_str()),
    )
}

fn start_of(profile: &str, meeting: Option<&str>) -> String {
    let quote = |value: &str| serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    format!(
        "{{\n  \"schema\": {},\n  \"tool\": {{\n    \"name\": \"fgcheck\",\n    \"version\": {}\n  }},\n  \"profile\": {},\n  \"meeting\": {},\n  \"files\": [",
        quote(SCHEMA),
        quote(env!("CARGO_PKG_VERSION")),
        quote(profile),
        meeting.map_or_else(|| "null".to_string(), quote),
    )
}

/// One file's object, indented as an element of `files`.
pub fn file_fragment(file: &FileReport, fields: &[FieldInfo]) -> String {
    format!("    {}", pretty_at(&file_value(file, fields), "    "))
}

/// The end of the document after the last file: the batch findings and the summary.
pub fn end(run: &Run) -> String {
    let summary: Summary = run.summary();
    let batch: Vec<FindingJson<'_>> = run.batch.iter().map(FindingJson::new).collect();
    format!(
        "{}],\n  \"batch\": {},\n  \"summary\": {}\n}}\n",
        if summary.files > 0 { "\n  " } else { "" },
        pretty_at(&batch, "  "),
        pretty_at(&summary, "  ")
    )
}

/// A value printed as `to_string_pretty` prints it, its lines after the first indented by
/// `indent`: how it reads nested at that depth of the document. It goes through `Value`,
/// so that objects list their keys in the same (sorted) order everywhere.
fn pretty_at(value: &impl Serialize, indent: &str) -> String {
    serde_json::to_value(value)
        .and_then(|value| serde_json::to_string_pretty(&value))
        .unwrap_or_else(|_| "null".into())
        .replace('\n', &format!("\n{indent}"))
}
