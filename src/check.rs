//! Checking one file, and a batch of files in parallel.
//!
//! One file is: sniff -> open package -> load model -> extract header -> run rules ->
//! apply policy. Any failure along the way becomes that file's single package finding;
//! a panic (a bug of ours) becomes `internal-error`; the batch always goes on.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde::Serialize;

use jiff::Timestamp;

use crate::deadline;
use crate::diag::{Finding, Location, Policy, Severity};
use crate::guard::budget;
use crate::guard::limits;
use crate::model::header::{self, Header};
use crate::model::properties::{AppProps, CoreProps};
use crate::model::{self, Document};
use crate::package::sniff::{self, Container};
use crate::package::{Package, PackageError};
use crate::profile::{Meeting, NO_MEETING, Profile, Resolved, RuleData, Selection};
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
    /// The rule data's default profile without a meeting (a pre-check), no policy, failing
    /// on errors, 10 s per file: the same whatever the date, for tests and benches.
    pub fn defaults(data: &RuleData) -> Result<Settings, String> {
        let selection = Selection {
            meeting: Some(NO_MEETING.into()),
            profile: None,
        };
        Ok(Settings::with(selection.resolve(data, Timestamp::now())?))
    }

    /// As [`Settings::defaults`], against one meeting of the rule data and its profile.
    pub fn for_meeting(data: &RuleData, meeting: &str) -> Result<Settings, String> {
        let selection = Selection {
            meeting: Some(meeting.into()),
            profile: None,
        };
        Ok(Settings::with(selection.resolve(data, Timestamp::now())?))
    }

    /// A resolved selection with no policy, failing on errors, 10 s per file.
    pub fn with(resolved: Resolved) -> Settings {
        Settings {
            profile: resolved.profile,
            meeting: resolved.meeting,
            policy: Policy::default(),
            fail_on: Severity::Error,
            timeout: Duration::from_secs(10),
            cancel: None,
        }
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

/// What fgcheck keeps of one checked file: its findings, its cover and the package
/// metadata the reports show. The document model itself is dropped as soon as the file is
/// finished (unless a front end that edits the file asks to keep it), so a batch's memory
/// does not grow with the documents' size.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub status: Status,
    pub findings: Vec<Finding>,
    /// The document model, only while the file is being finished or when the run keeps
    /// documents (`fix`).
    pub document: Option<Box<Document>>,
    /// The package metadata reports and deadlines read, when the file was read.
    pub meta: Option<Meta>,
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
            .and_then(|h| h.get(crate::model::header::keys::DOCUMENT_NUMBER))
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

/// The package metadata a report keeps of a readable file.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    pub core: CoreProps,
    pub app: AppProps,
    /// The document's own `fgcheck-ignore` custom property, when it has one.
    pub opt_out: Option<String>,
}

/// The custom document property a document opts out of rules with:
/// `comments, hidden-text: the reason`.
pub const OPT_OUT_PROPERTY: &str = "fgcheck-ignore";

impl Meta {
    pub fn of(document: &Document) -> Meta {
        Meta {
            core: document.core.clone(),
            app: document.app.clone(),
            opt_out: document
                .custom
                .iter()
                .find(|(name, _)| name.trim().eq_ignore_ascii_case(OPT_OUT_PROPERTY))
                .map(|(_, value)| value.clone()),
        }
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
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
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
                meta: Some(Meta::of(&document)),
                document: Some(Box::new(document)),
                header: Some(header),
                elapsed: started.elapsed(),
                size,
                verdict: None,
            };
            report.update_status(settings.fail_on);
            report
        }
        Ok(Err(error)) => unreadable(display, error, started, size, settings),
        Err(panic) => internal_error(display, panic.as_ref(), started.elapsed(), size),
    }
}

/// The report of a file whose check (or report) panicked: a bug of ours, reported as
/// `internal-error` so that the batch goes on.
pub fn internal_error(
    display: &str,
    panic: &(dyn std::any::Any + Send),
    elapsed: Duration,
    size: u64,
) -> FileReport {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
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
        meta: None,
        header: None,
        elapsed,
        size,
        verdict: None,
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
    let rule = error.rule().rule();
    let location = if error.part().is_empty() {
        Location::file("whole file")
    } else {
        Location::new(error.part(), "", format!("part {}", error.part()))
    };
    let mut findings = vec![Finding::new(rule, error.to_string(), location)];
    // A package error is never switched off: the file was not checked at all.
    if let Some(Some(level)) = settings.policy.overrides.get(&rule.id)
        && let Some(finding) = findings.first_mut()
    {
        finding.severity = *level;
    }
    FileReport {
        path: display.to_string(),
        status: Status::Unreadable,
        findings,
        document: None,
        meta: None,
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
    let mut document = model::load_parts(&mut package, rules::needs(&settings.policy))?;
    budget::check()?;
    let header = header::extract(
        &document.body.header_tables,
        &settings.profile.header,
        &document.main_part,
    );
    model::name_cover_rows(&mut document, &header.tables);
    let context = Context::new(
        &document,
        &header,
        &settings.profile,
        settings.meeting.as_ref(),
    );
    let findings = rules::check_document(&context);
    // The rules (language identification among them) count against the same budget.
    budget::check()?;
    Ok((document, header, findings))
}
