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

use jiff::Timestamp;

use crate::budget;
use crate::deadline;
use crate::diag::{Finding, Location, Policy, Severity};
use crate::model::header::{self, Header};
use crate::model::{self, Document};
use crate::package::sniff::{self, Container};
use crate::package::{Package, PackageError, limits};
use crate::profile::{Meeting, Profile, RuleData};
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

/// `--meeting none`: a pre-check, without the meeting's rules or its deadline.
pub const NO_MEETING: &str = "none";

/// The meeting and profile a user asked for (`--meeting`, `--profile`, fgcheck.toml, the
/// page's selectors); `None` means "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// A meeting id, or [`NO_MEETING`].
    pub meeting: Option<String>,
    pub profile: Option<String>,
}

/// How the meeting of a run was chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingChoice {
    /// Named by the user.
    Given,
    /// `none`: no meeting on purpose.
    PreCheck,
    /// None named: the next meeting whose input deadline has not passed.
    Next,
    /// None named, and no input deadline ahead in the rule data (for the profile named,
    /// when one was): no meeting rules, no deadline.
    NoneUpcoming { profile: Option<String> },
}

/// A selection resolved against the rule data at a given time.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub profile: Profile,
    pub meeting: Option<Meeting>,
    pub choice: MeetingChoice,
}

impl Selection {
    /// A meeting brings its profile unless one is named. With no meeting named, the next
    /// meeting whose input deadline is at or after `now` applies (of the named profile, if
    /// any); when there is none, no meeting applies and the profile is the one named or
    /// the rule data's default. A past meeting is never chosen for the user: it would make
    /// every later document late.
    pub fn resolve(&self, data: &RuleData, now: Timestamp) -> Result<Resolved, String> {
        let (meeting, choice) = match self.meeting.as_deref().map(str::trim) {
            Some(id) if id.eq_ignore_ascii_case(NO_MEETING) => (None, MeetingChoice::PreCheck),
            Some(id) => {
                let meeting = data.meetings.get(id).cloned().ok_or_else(|| {
                    format!(
                        "unknown meeting {id:?}; known: {} (or {NO_MEETING:?} for none)",
                        data.meetings.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                })?;
                (Some(meeting), MeetingChoice::Given)
            }
            None => match next_meeting(data, now, self.profile.as_deref()) {
                Some(meeting) => (Some(meeting.clone()), MeetingChoice::Next),
                None => (
                    None,
                    MeetingChoice::NoneUpcoming {
                        profile: self.profile.clone(),
                    },
                ),
            },
        };
        let profile_id = self
            .profile
            .clone()
            .or_else(|| meeting.as_ref().map(|m| m.profile.clone()))
            .or_else(|| data.default_profile.clone())
            .ok_or_else(|| "no profile: give --profile or --meeting".to_string())?;
        let profile = data.profiles.get(&profile_id).cloned().ok_or_else(|| {
            format!(
                "unknown profile {profile_id:?}; known: {}",
                data.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?;
        Ok(Resolved {
            profile,
            meeting,
            choice,
        })
    }
}

/// The meeting whose input deadline comes next at `now` (the deadline itself counts as not
/// passed), of `profile` when one is given. Ties go to the earlier meeting id.
pub fn next_meeting<'a>(
    data: &'a RuleData,
    now: Timestamp,
    profile: Option<&str>,
) -> Option<&'a Meeting> {
    data.meetings
        .values()
        .filter(|m| profile.is_none_or(|p| m.profile == p))
        .filter_map(|m| Some((m.deadline().ok()?.timestamp(), m)))
        .filter(|(deadline, _)| *deadline >= now)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)))
        .map(|(_, m)| m)
}

impl Resolved {
    /// The line the command line prints on stderr about the meeting, when it was not named:
    /// which meeting was chosen, or that none is upcoming and how to pick one.
    pub fn note(&self) -> Option<String> {
        match (&self.choice, &self.meeting) {
            (MeetingChoice::Next, Some(meeting)) => Some(format!(
                "no meeting given: checking against {}, the next meeting whose inputs are due (by {}); choose another with --meeting ID (`fgcheck meetings` lists them) or --meeting {NO_MEETING}",
                meeting.id,
                meeting
                    .deadline()
                    .map(|d| format!(
                        "{} {}",
                        d.strftime("%Y-%m-%d %H:%M:%S"),
                        meeting.time_zone_name
                    ))
                    .unwrap_or_else(|_| meeting.input_deadline.to_string()),
            )),
            (MeetingChoice::NoneUpcoming { profile }, _) => Some(format!(
                "no upcoming meeting is known{}: the meeting's place, dates and deadline are not checked; choose a meeting with --meeting ID (`fgcheck meetings` lists them)",
                profile
                    .as_deref()
                    .map(|p| format!(" for profile {p}"))
                    .unwrap_or_default()
            )),
            _ => None,
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

/// The extensions a folder is searched for.
pub const EXTENSIONS: &[&str] = &["docx", "docm", "dotx", "dotm", "doc"];

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
        let created = file.document.as_ref().and_then(|d| d.core.created.clone());
        let received = deadline::received_for(
            receipts.get(&index),
            options,
            modified.as_deref(),
            created.as_deref(),
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
                created.as_deref(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn resolve(meeting: Option<&str>, profile: Option<&str>, now: &str) -> Resolved {
        let data = RuleData::builtin().unwrap();
        Selection {
            meeting: meeting.map(str::to_string),
            profile: profile.map(str::to_string),
        }
        .resolve(&data, at(now))
        .unwrap()
    }

    fn meeting_id(resolved: &Resolved) -> Option<&str> {
        resolved.meeting.as_ref().map(|m| m.id.as_str())
    }

    #[test]
    fn without_a_meeting_the_next_one_due_applies_never_a_past_one() {
        let before = resolve(None, None, "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&before), Some("fg-qit4n-5"));
        assert_eq!(before.choice, MeetingChoice::Next);
        assert_eq!(before.profile.id, "fg-qit4n");
        // The deadline's own second still counts as due.
        let last = resolve(None, None, "2020-07-22T21:59:59Z");
        assert_eq!(meeting_id(&last), Some("fg-qit4n-5"));
        // One second later no meeting is upcoming: no meeting, the default profile.
        let after = resolve(None, None, "2020-07-22T22:00:00Z");
        assert_eq!(meeting_id(&after), None);
        assert_eq!(after.choice, MeetingChoice::NoneUpcoming { profile: None });
        assert_eq!(after.profile.id, "fg-qit4n");
        let note = after.note().unwrap();
        assert!(
            note.contains("no upcoming meeting") && note.contains("--meeting ID"),
            "{note}"
        );
    }

    #[test]
    fn a_named_meeting_or_none_is_taken_as_given() {
        let given = resolve(Some("fg-qit4n-5"), None, "2030-01-01T00:00:00Z");
        assert_eq!(meeting_id(&given), Some("fg-qit4n-5"));
        assert_eq!(given.choice, MeetingChoice::Given);
        assert_eq!(given.note(), None);
        for none in ["none", "NONE"] {
            let pre = resolve(Some(none), None, "2020-07-01T00:00:00Z");
            assert_eq!(meeting_id(&pre), None);
            assert_eq!(pre.choice, MeetingChoice::PreCheck);
            assert_eq!(pre.note(), None);
        }
        let data = RuleData::builtin().unwrap();
        let error = Selection {
            meeting: Some("fg-qit4n-99".into()),
            profile: None,
        }
        .resolve(&data, at("2020-07-01T00:00:00Z"))
        .unwrap_err();
        assert!(error.contains("fg-qit4n-5"), "{error}");
    }

    #[test]
    fn a_profile_picks_only_its_own_meetings() {
        let other = resolve(None, Some("itu-t-sg"), "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&other), None);
        assert_eq!(other.profile.id, "itu-t-sg");
        assert_eq!(
            other.choice,
            MeetingChoice::NoneUpcoming {
                profile: Some("itu-t-sg".into())
            }
        );
        assert!(other.note().unwrap().contains("for profile itu-t-sg"));
        let own = resolve(None, Some("fg-qit4n"), "2020-07-01T00:00:00Z");
        assert_eq!(meeting_id(&own), Some("fg-qit4n-5"));
    }
}
