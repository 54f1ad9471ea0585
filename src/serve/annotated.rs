//! The annotated copies the results page offers beside the JSON and SARIF reports: built in
//! memory from the uploaded bytes (`fgcheck annotate`'s copy, the same bytes) and sent
//! inside the page as `data:` links, so nothing is ever stored on the server.

use axum::body::Bytes;
use maud::{Markup, html};

use crate::check::{self, FileReport, Status};
use crate::diag::Finding;
use crate::edit::{Source, annotate};
use crate::report::Run;
use crate::run::Plan;

/// Copies larger than this are not put in the page; the command line makes them.
const MAX_COPY_BYTES: usize = 16 * 1024 * 1024;

/// One file's annotated copy, or why there is none.
pub struct Copy {
    /// The uploaded file's name.
    pub file: String,
    /// The name the download is saved under (`NAME.fgcheck.docx`).
    pub name: String,
    /// A `data:` URL holding the copy.
    pub url: Option<String>,
    pub note: Option<String>,
}

/// The findings a copy should carry for `bytes`: those of the check, or, for a copy
/// annotated before, those of the document without fgcheck's earlier comments.
fn copy_of(bytes: &[u8], report: &FileReport, plan: &Plan) -> Result<Vec<u8>, String> {
    let meta = annotate::meta_for(jiff::Timestamp::now());
    let open = |report: &FileReport| -> Vec<Finding> {
        report
            .findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .cloned()
            .collect()
    };
    let earlier = annotate::own_comments(Source::Bytes(bytes)).map_err(|e| e.to_string())?;
    let annotated = if earlier > 0 {
        let (stripped, _) = annotate::annotate(
            Source::Bytes(bytes),
            &[],
            &meta,
            std::io::Cursor::new(Vec::new()),
        )
        .map_err(|e| e.to_string())?;
        let stripped = stripped.into_inner();
        // Checked again as the run checked it: the same deadline, suppressions and baseline.
        let input = (std::path::PathBuf::from(&report.path), report.path.clone());
        let again = plan.finish_alone(
            Some(&input),
            check::check_bytes(&stripped, &report.path, &plan.settings),
        );
        let findings = open(&again);
        annotate::annotate(
            Source::Bytes(&stripped),
            &findings,
            &meta,
            std::io::Cursor::new(Vec::new()),
        )
    } else {
        annotate::annotate(
            Source::Bytes(bytes),
            &open(report),
            &meta,
            std::io::Cursor::new(Vec::new()),
        )
    };
    annotated
        .map(|(out, _)| out.into_inner())
        .map_err(|e| e.to_string())
}

/// Annotated copies of the run's readable files that have findings, in the run's order.
/// `uploads` are the uploaded (name, bytes) in the same order as `run.files`.
pub fn build(run: &Run, uploads: &[&(String, Bytes)], plan: &Plan) -> Vec<Copy> {
    let mut copies = Vec::new();
    for (report, (name, bytes)) in run.files.iter().zip(uploads) {
        if report.status == Status::Unreadable || report.findings.is_empty() {
            continue;
        }
        let download = crate::edit::output::annotated_name(std::path::Path::new(name))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document.fgcheck.docx".into());
        let (url, note) = match copy_of(bytes, report, plan) {
            Ok(copy) if copy.len() <= MAX_COPY_BYTES => (
                Some(data_url(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    &copy,
                )),
                None,
            ),
            Ok(_) => (
                None,
                Some("too large to offer here: run fgcheck annotate on it".to_string()),
            ),
            Err(why) => (None, Some(format!("no annotated copy: {why}"))),
        };
        copies.push(Copy {
            file: name.clone(),
            name: download,
            url,
            note,
        });
    }
    copies
}

/// The download links, for the results page.
pub fn links(copies: &[Copy]) -> Markup {
    html! {
        @for copy in copies {
            " · "
            @match &copy.url {
                Some(url) => a.annotated download=(copy.name) href=(url) {
                    "Download " (copy.file) " with the findings as Word comments"
                },
                None => span.annotated { (copy.file) ": " (copy.note.as_deref().unwrap_or_default()) },
            }
        }
    }
}

/// `data:` URL with base64 content.
fn data_url(media_type: &str, bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 64);
    out.push_str("data:");
    out.push_str(media_type);
    out.push_str(";base64,");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let index = ((n >> shift) & 63) as usize;
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::data_url;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(data_url("t", b""), "data:t;base64,");
        assert_eq!(data_url("t", b"f"), "data:t;base64,Zg==");
        assert_eq!(data_url("t", b"fo"), "data:t;base64,Zm8=");
        assert_eq!(data_url("t", b"foo"), "data:t;base64,Zm9v");
        assert_eq!(data_url("t", b"foobar\xff"), "data:t;base64,Zm9vYmFy/w==");
    }
}
