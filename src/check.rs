//! Checking one file, and a batch of files in parallel.
//!
//! One file is: sniff -> open package -> load model -> extract header -> run rules ->
//! apply policy. Any failure along the way becomes that file's single package finding;
//! a panic (a bug of ours) becomes `internal-error`; the batch always goes on.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::budget;
use crate::deadline;
use crate::diag::{Finding, Location, Policy, Severity};
use crate::model::header::{self, Header};
use crate::model::{self, Document};
use crate::package::sniff::{self, Container};
use crate::package::{Package, PackageError, limits};
use crate::profile::{Meeting, Profile};
use crate::rules::{self, Context};

/// What a run checks against, and how.
#[derive(Clone, Debug)]
pub struct Settings {
    pub profile: Profile,
    pub meeting: Option<Meeting>,
    pub policy: Policy,
    pub fail_on: Severity,
    pub timeout: Duration,
    /// Set by another thread to stop the checks made with these settings (the server's
    /// request timeout); polled with the time budget.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Settings {
    /// What a plain `fgcheck check` uses: the rule data's default meeting and its profile,
    /// no policy, failing on errors, 10 s per file.
    pub fn defaults(data: &crate::profile::RuleData) -> Result<Settings, String> {
        let (profile, meeting) = crate::cli::resolve_settings(data, None, None)?;
        Ok(Settings {
            profile,
            meeting,
            policy: Policy::default(),
            fail_on: Severity::Error,
            timeout: Duration::from_secs(10),
            cancel: None,
        })
    }
}

/// A file's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Unreadable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unreadable => "unreadable",
        }
    }
}

/// Everything fgcheck learned about one file.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub status: Status,
    pub findings: Vec<Finding>,
    pub document: Option<Document>,
    pub header: Option<Header>,
    pub elapsed: Duration,
    pub size: u64,
    /// The deadline verdict, once [`apply_deadlines`] ran with a meeting selected.
    pub verdict: Option<deadline::Verdict>,
}

impl FileReport {
    /// The document number when there is one, else the file name: the key baselines and
    /// suppressions match on, stable across re-saves.
    pub fn document_key(&self) -> String {
        self.header
            .as_ref()
            .and_then(|h| h.doc_number.as_ref())
            .map(|n| crate::text::fold(&n.value))
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                Path::new(&self.path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| self.path.clone())
            })
    }

    /// Recomputes the status after findings changed (policy, baseline, batch findings).
    pub fn update_status(&mut self, fail_on: Severity) {
        if self.status == Status::Unreadable {
            return;
        }
        let failing = self
            .findings
            .iter()
            .any(|f| f.suppressed.is_none() && f.severity >= fail_on);
        self.status = if failing { Status::Fail } else { Status::Pass };
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && f.suppressed.is_none())
            .count()
    }
}

/// Files up to this size are read into memory whole (real contributions are 20 KB-5 MB).
const IN_MEMORY_BYTES: u64 = 8 * 1024 * 1024;

/// Checks a file on disk. The file is opened read-only and never written.
pub fn check_path(path: &Path, display: &str, settings: &Settings) -> FileReport {
    let started = Instant::now();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (file, size) = match open_regular(path) {
        Ok(pair) => pair,
        Err(detail) => {
            return unreadable(display, PackageError::Io(detail), started, 0, settings);
        }
    };
    let mut report = guarded(display, settings, started, size, || {
        // A file of ordinary size is read whole, once: the zip reader and the checks of
        // every local header seek all over it, and each seek of a buffered file is
        // another read. Larger files are streamed.
        if size <= IN_MEMORY_BYTES {
            let mut bytes = Vec::with_capacity(size as usize);
            file.take(IN_MEMORY_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| PackageError::Io(e.to_string()))?;
            check_reader(Cursor::new(bytes), &file_name, settings)
        } else {
            check_reader(
                BufReader::with_capacity(64 * 1024, file),
                &file_name,
                settings,
            )
        }
    });
    report.size = size;
    report
}

/// Opens a regular file for reading, or says in words why not. Only regular files are
/// opened: a FIFO named `x.docx` would block `open` (and then `read`) forever, a device
/// would be read without end. The kind is checked before opening, and the file is opened
/// non-blocking and checked again, so a swap between the two cannot hang the batch.
fn open_regular(path: &Path) -> Result<(File, u64), String> {
    let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    Ok((file, metadata.len()))
}

/// "it is a FIFO (named pipe), not a regular file".
fn not_regular(metadata: &std::fs::Metadata) -> String {
    let kind = metadata.file_type();
    let what = if kind.is_dir() {
        "a folder"
    } else {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                "a FIFO (named pipe)"
            } else if kind.is_socket() {
                "a socket"
            } else if kind.is_char_device() {
                "a character device"
            } else if kind.is_block_device() {
                "a block device"
            } else {
                "not a regular file"
            }
        }
        #[cfg(not(unix))]
        {
            "not a regular file"
        }
    };
    format!("it is {what}, not a regular file; only regular files are read")
}

/// Checks bytes held in memory (the web page's uploads).
pub fn check_bytes(bytes: &[u8], display: &str, settings: &Settings) -> FileReport {
    let started = Instant::now();
    let size = bytes.len() as u64;
    guarded(display, settings, started, size, || {
        check_reader(Cursor::new(bytes), display, settings)
    })
}

/// Runs a check with the per-file time budget set and panics caught.
fn guarded(
    display: &str,
    settings: &Settings,
    started: Instant,
    size: u64,
    run: impl FnOnce() -> Result<(Document, Header, Vec<Finding>), PackageError>,
) -> FileReport {
    let outcome = {
        // One budget for all of this file's work, cleared even if the check panics.
        let _budget = budget::start(started, settings.timeout, settings.cancel.clone());
        catch_unwind(AssertUnwindSafe(run))
    };
    match outcome {
        Ok(Ok((document, header, mut findings))) => {
            settings.policy.apply(&mut findings);
            let mut report = FileReport {
                path: display.to_string(),
                status: Status::Pass,
                findings,
                document: Some(document),
                header: Some(header),
                elapsed: started.elapsed(),
                size,
                verdict: None,
            };
            report.update_status(settings.fail_on);
            report
        }
        Ok(Err(error)) => unreadable(display, error, started, size, settings),
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let finding = Finding::new(
                &rules::package::INTERNAL_ERROR,
                format!("fgcheck failed while checking this file: {detail}"),
                Location::file("whole file"),
            );
            FileReport {
                path: display.to_string(),
                status: Status::Unreadable,
                findings: vec![finding],
                document: None,
                header: None,
                elapsed: started.elapsed(),
                size,
                verdict: None,
            }
        }
    }
}

/// The report of a file that was not checked (the server's request ran out of time before
/// its turn), with the package error that says why.
pub fn not_checked(display: &str, error: PackageError, settings: &Settings) -> FileReport {
    unreadable(display, error, Instant::now(), 0, settings)
}

fn unreadable(
    display: &str,
    error: PackageError,
    started: Instant,
    size: u64,
    settings: &Settings,
) -> FileReport {
    let rule = rules::by_slug(error.slug());
    let location = if error.part().is_empty() {
        Location::file("whole file")
    } else {
        Location::new(error.part(), "", format!("part {}", error.part()))
    };
    let mut findings = vec![Finding::new(rule, error.to_string(), location)];
    // A package error is never switched off: the file was not checked at all.
    if let Some(Some(level)) = settings.policy.overrides.get(rule.slug)
        && let Some(finding) = findings.first_mut()
    {
        finding.severity = *level;
    }
    FileReport {
        path: display.to_string(),
        status: Status::Unreadable,
        findings,
        document: None,
        header: None,
        elapsed: started.elapsed(),
        size,
        verdict: None,
    }
}

/// The pipeline on any seekable reader.
pub fn check_reader<R: Read + Seek>(
    mut reader: R,
    file_name: &str,
    settings: &Settings,
) -> Result<(Document, Header, Vec<Finding>), PackageError> {
    let mut head = [0u8; 512];
    let mut filled = 0;
    while filled < head.len() {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) => return Err(PackageError::Io(error.to_string())),
        }
    }
    reader
        .seek(SeekFrom::Start(0))
        .map_err(|e| PackageError::Io(e.to_string()))?;
    match sniff::sniff(head.get(..filled).unwrap_or_default(), file_name) {
        Container::Zip => {}
        Container::Cfb => {
            let mut bytes = Vec::new();
            reader
                .take(limits::MAX_CFB_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|e| PackageError::Io(e.to_string()))?;
            return Err(sniff::classify_cfb(&bytes));
        }
        Container::Other(error) => return Err(error),
    }
    let mut package = Package::open(reader)?;
    let document = model::load(&mut package)?;
    budget::check()?;
    let header = header::extract(
        &document.body.header_tables,
        &settings.profile.hints,
        &document.main_part,
    );
    let context = Context {
        doc: &document,
        header: &header,
        profile: &settings.profile,
        meeting: settings.meeting.as_ref(),
    };
    let findings = rules::check_document(&context);
    // The rules (language identification among them) count against the same budget.
    budget::check()?;
    Ok((document, header, findings))
}

/// The files to check under the given paths: files as given (whatever they are: a
/// FIFO or a device is reported, not skipped), folders recursed for Word extensions
/// (including `.doc`, so that legacy files are reported, not skipped). Inside a folder, a
/// symbolic link is followed once: to a file it is checked like a file, to a folder it is
/// walked unless that folder was walked already (which also ends link loops). Anything
/// else with a Word extension (a FIFO named `x.docx`) is listed, so that it gets its
/// `io-error` instead of vanishing. Sorted, so reports come in a stable order whatever the
/// scheduling.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut walked = std::collections::HashSet::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut out, &mut walked);
        } else {
            out.push((path.clone(), path.display().to_string()));
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.dedup_by(|a, b| a.1 == b.1);
    out
}

const EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm", "doc"];

fn has_word_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk(
    dir: &Path,
    out: &mut Vec<(PathBuf, String)>,
    walked: &mut std::collections::HashSet<PathBuf>,
) {
    // A folder is walked once, by its real path: a link back to an ancestor ends here.
    let Ok(real) = std::fs::canonicalize(dir) else {
        return;
    };
    if !walked.insert(real) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(mut kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            // Followed once; a dangling link with a Word name is reported by check_path.
            match std::fs::metadata(&path) {
                Ok(target) => kind = target.file_type(),
                Err(_) => {
                    if has_word_extension(&path) {
                        out.push((path.clone(), path.display().to_string()));
                    }
                    continue;
                }
            }
        }
        if kind.is_dir() {
            walk(&path, out, walked);
        } else if has_word_extension(&path) {
            out.push((path.clone(), path.display().to_string()));
        }
    }
}

/// Checks files in parallel and returns reports in input order.
pub fn check_all(
    inputs: &[(PathBuf, String)],
    settings: &Settings,
    on_done: &(dyn Fn() + Sync),
) -> Vec<FileReport> {
    inputs
        .par_iter()
        // One file per task: file costs vary a hundredfold (a stress file takes 100 ms, a
        // memo 1 ms), and rayon's default chunks let one worker sit idle while the other
        // works through a long chunk it cannot steal from.
        .with_max_len(1)
        .map(|(path, display)| {
            let report = check_path(path, display, settings);
            on_done();
            report
        })
        .collect()
}

/// The deadline step, after the document rules: judges every file against the meeting's
/// input deadline and adds `late` / `on-time` / `deadline-unknown` to files that were read
/// (the policy applies to them like any finding), then recomputes their status. The verdict
/// is kept on every file, unreadable ones included (a receipt needs no document).
///
/// Does nothing without a meeting. Returns the receipt rows that matched no input, for the
/// caller to report (`unmatched-receipt`). `files` and `inputs` are in the same order, as
/// [`check_all`] returns them.
pub fn apply_deadlines(
    files: &mut [FileReport],
    inputs: &[(PathBuf, String)],
    settings: &Settings,
    options: &deadline::Options,
) -> Vec<deadline::Unmatched> {
    let Some(meeting) = settings.meeting.as_ref() else {
        return Vec::new();
    };
    let Ok(due) = meeting.deadline() else {
        return Vec::new();
    };
    let paths: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
    let (receipts, unmatched) = match &options.receipts {
        Some(receipts) => receipts.match_inputs(&paths),
        None => Default::default(),
    };
    let now = options.as_of.unwrap_or_else(jiff::Timestamp::now);
    for (index, file) in files.iter_mut().enumerate() {
        let modified = file.document.as_ref().and_then(|d| d.core.modified.clone());
        let received = deadline::received_for(
            receipts.get(&index),
            options,
            modified.as_deref(),
            paths.get(index).map(PathBuf::as_path),
        );
        let verdict = deadline::judge(due.timestamp(), received, now);
        if file.document.is_some()
            && let Some(finding) = deadline::finding(
                meeting,
                &due,
                &verdict,
                options.report_on_time,
                modified.as_deref(),
            )
        {
            let mut new = vec![finding];
            settings.policy.apply(&mut new);
            file.findings.extend(new);
            file.update_status(settings.fail_on);
        }
        file.verdict = Some(verdict);
    }
    unmatched
}

/// The batch step: findings between files (duplicates, revisions without base), with the
/// policy applied.
pub fn batch_findings(files: &[FileReport], settings: &Settings) -> Vec<Finding> {
    let mut findings = rules::batch::check_batch(files, &settings.profile);
    settings.policy.apply(&mut findings);
    findings
}

/// The `unmatched-receipt` findings for rows of the receipts CSV that matched no input.
pub fn unmatched_findings(
    unmatched: &[deadline::Unmatched],
    receipts: Option<&deadline::Receipts>,
    settings: &Settings,
) -> Vec<Finding> {
    let name = receipts.map(|r| r.name.as_str()).unwrap_or("receipts");
    let mut findings: Vec<Finding> = unmatched
        .iter()
        .map(|row| {
            Finding::new(
                &rules::deadline::UNMATCHED_RECEIPT,
                format!(
                    "{name}, line {}: {} matches no input: {}",
                    row.line, row.file, row.why
                ),
                Location::file(format!("{name}, line {}", row.line)),
            )
            .found(row.file.clone())
        })
        .collect();
    settings.policy.apply(&mut findings);
    findings
}
