//! `--format jsonl`: JSON Lines, one finding per line, for `jq`, log shippers and
//! spreadsheets. Each line is the `fgcheck/1` finding object plus `path`, `document` (the
//! key baselines and suppressions match on) and `fingerprint`. Batch findings carry the
//! path of the file they are about (e.g. `fgcheck.toml`). No summary line: count lines.

use serde::Serialize;

use crate::check::FileReport;
use crate::report::Run;
use crate::report::json::FindingJson;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    document: String,
    fingerprint: String,
    #[serde(flatten)]
    finding: FindingJson<'a>,
}

pub fn render(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        out.push_str(&file_lines(file));
    }
    out.push_str(&batch_lines(run));
    out
}

fn push(out: &mut String, line: &Line<'_>) {
    if let Ok(text) = serde_json::to_string(line) {
        out.push_str(&text);
        out.push('\n');
    }
}

/// One file's lines (what `check` streams as the file's turn comes).
pub fn file_lines(file: &FileReport) -> String {
    let mut out = String::new();
    let key = file.document_key();
    for finding in &file.findings {
        push(
            &mut out,
            &Line {
                path: &file.path,
                document: key.clone(),
                fingerprint: finding.fingerprint(&key),
                finding: FindingJson::new(finding),
            },
        );
    }
    out
}

/// The batch findings' lines, after every file.
pub fn batch_lines(run: &Run) -> String {
    let mut out = String::new();
    for finding in &run.batch {
        let path = crate::report::batch_path(finding);
        push(
            &mut out,
            &Line {
                path,
                document: path.to_string(),
                fingerprint: finding.fingerprint(path),
                finding: FindingJson::new(finding),
            },
        );
    }
    out
}
