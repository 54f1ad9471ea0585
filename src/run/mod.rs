//! One run, the same for every front end.
//!
//! [`Plan`] holds what a run checks against (settings from the rule data, `fgcheck.toml`
//! and flags; the deadline options; suppressions; a baseline). [`Plan::run`] checks files
//! on disk in parallel, [`Plan::run_uploads`] checks the web page's uploads; both finish
//! each file on the worker that checked it (deadline, suppressions, baseline, status),
//! hand the files on in the stable path order, and end with the batch rules and the
//! unused suppressions. `check`, `register`, `annotate`, `fix` and the web page render the
//! [`Run`] it returns and do nothing else, so the same input gets the same findings
//! everywhere.
//!
//! A run's memory does not grow with the documents: each file's model is dropped as soon
//! as the file is finished, and with a [`Stream`] (a report to stdout, the register) the finished
//! file is rendered on its worker, written in turn and dropped; only the batch rules'
//! compact [`Entry`] (path, number, title) stays per file.

pub mod baseline;
mod deadlines;
pub mod inputs;
mod ordered;
pub mod suppress;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

pub use baseline::Baseline;
pub use inputs::{EXTENSIONS, collect_inputs};
pub use suppress::Suppressor;

use crate::check::{self, FileReport, Settings, Status};
use crate::config::Suppression;
use crate::deadline;
use crate::diag::{Finding, Policy, Severity};
use crate::model::header::FieldKind;
use crate::package::PackageError;
use crate::profile::Profile;
use crate::rules::batch::Entry;

/// Worker threads a run starts at most, whatever `--jobs` says.
pub const MAX_JOBS: usize = 256;

/// Everything a run checks against, resolved before any file is read.
#[derive(Clone, Debug)]
pub struct Plan {
    pub settings: Settings,
    pub deadline: deadline::Options,
    /// `[[suppress]]` entries of `fgcheck.toml`.
    pub suppressions: Vec<Suppression>,
    /// Findings accepted by `--baseline`.
    pub baseline: Option<Baseline>,
    /// Worker threads; `None` is one per core.
    pub jobs: Option<usize>,
    /// Keep each readable file's document model in its report (`fix` edits it); other
    /// runs drop it as soon as the file is finished.
    pub keep_documents: bool,
}

/// Where finished files go as soon as their turn in path order comes, instead of being
/// kept in the [`Run`]: a report's text (`check`), a register's row (`register`).
pub struct Stream<'a, T = String> {
    /// Renders one finished file; runs on the worker that checked it, so report building
    /// is parallel too.
    pub render: &'a (dyn Fn(&FileReport, &[FieldInfo]) -> T + Sync),
    /// Receives each rendered file, in path order, on the calling thread.
    pub write: &'a mut dyn FnMut(T),
}

impl Plan {
    /// A plan with no deadline options, suppressions or baseline.
    pub fn new(settings: Settings) -> Plan {
        Plan {
            settings,
            deadline: deadline::Options::default(),
            suppressions: Vec::new(),
            baseline: None,
            jobs: None,
            keep_documents: false,
        }
    }

    /// Checks files on disk (as [`collect_inputs`] lists them) in parallel. `progress` is
    /// called once per finished file, in path order.
    pub fn run(
        &self,
        inputs: &[(PathBuf, String)],
        stream: Option<Stream<'_>>,
        progress: &dyn Fn(),
    ) -> Run {
        self.run_with(inputs, stream, progress)
    }

    /// [`Plan::run`] with files streamed as any `T` (a register's rows).
    pub fn run_with<T: Send>(
        &self,
        inputs: &[(PathBuf, String)],
        stream: Option<Stream<'_, T>>,
        progress: &dyn Fn(),
    ) -> Run {
        let jobs = self
            .jobs
            .filter(|&n| n > 0)
            .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
            .unwrap_or(1)
            // `--jobs 100000` asks for threads, not for that many: past this, more threads
            // only cost memory.
            .min(MAX_JOBS);
        self.execute(
            inputs,
            jobs,
            &|index| match inputs.get(index) {
                Some((path, display)) => check::check_path(path, display, &self.settings),
                None => {
                    check::not_checked("", PackageError::Io("no such input".into()), &self.settings)
                }
            },
            stream,
            progress,
        )
    }

    /// Checks uploaded files one after the other within the request's time: each gets the
    /// per-file budget or what is left of the request, and a file whose turn comes after
    /// `request_deadline` (or after `stop` is set) is reported as not checked. Uploads are
    /// checked in the order given (the page sorts them by name).
    pub fn run_uploads(
        &self,
        uploads: &[(String, &[u8])],
        request_deadline: Instant,
        request_seconds: f64,
        stop: &AtomicBool,
    ) -> Run {
        let inputs: Vec<(PathBuf, String)> = uploads
            .iter()
            .map(|(name, _)| (PathBuf::from(name), name.clone()))
            .collect();
        let per_file = self.settings.timeout;
        self.execute(
            &inputs,
            1,
            &|index| {
                let Some((name, bytes)) = uploads.get(index) else {
                    return check::not_checked(
                        "",
                        PackageError::Io("no such upload".into()),
                        &self.settings,
                    );
                };
                let left = request_deadline.saturating_duration_since(Instant::now());
                if left.is_zero() || stop.load(Ordering::Relaxed) {
                    let error = PackageError::NotChecked {
                        seconds: request_seconds,
                    };
                    return check::not_checked(name, error, &self.settings);
                }
                let mut settings = self.settings.clone();
                settings.timeout = per_file.min(left);
                check::check_bytes(bytes, name, &settings)
            },
            None::<Stream<'_, ()>>,
            &|| {},
        )
    }

    /// Finishes reports checked elsewhere (in memory, by a test or a tool) as a run would:
    /// deadlines, suppressions, baseline, batch rules. Their paths stand for the inputs.
    pub fn run_checked(&self, reports: Vec<FileReport>) -> Run {
        let inputs: Vec<(PathBuf, String)> = reports
            .iter()
            .map(|r| (PathBuf::from(&r.path), r.path.clone()))
            .collect();
        let slots: Vec<std::sync::Mutex<Option<FileReport>>> = reports
            .into_iter()
            .map(|r| std::sync::Mutex::new(Some(r)))
            .collect();
        self.execute(
            &inputs,
            1,
            &|index| {
                slots
                    .get(index)
                    .and_then(|slot| slot.lock().ok().and_then(|mut r| r.take()))
                    .unwrap_or_else(|| {
                        check::not_checked(
                            "",
                            PackageError::Io("no such report".into()),
                            &self.settings,
                        )
                    })
            },
            None::<Stream<'_, ()>>,
            &|| {},
        )
    }

    /// Finishes one file as the whole run would: the same deadline, suppressions and
    /// baseline (`annotate`/`fix` re-check their copies with it).
    pub fn finish_alone(
        &self,
        input: Option<&(PathBuf, String)>,
        report: FileReport,
    ) -> FileReport {
        let inputs: Vec<(PathBuf, String)> = input.cloned().into_iter().collect();
        let deadlines = deadlines::Deadlines::new(&self.settings, &self.deadline, &inputs);
        let suppressor = Suppressor::new(&self.suppressions);
        let known = self.baseline.as_ref().map(Baseline::known);
        self.finish(
            report,
            0,
            inputs.first().map(|(p, _)| p.as_path()),
            &deadlines,
            &suppressor,
            known.as_ref(),
        )
    }

    fn finish(
        &self,
        mut report: FileReport,
        index: usize,
        path: Option<&std::path::Path>,
        deadlines: &deadlines::Deadlines<'_>,
        suppressor: &Suppressor<'_>,
        known: Option<&HashSet<String>>,
    ) -> FileReport {
        deadlines.apply(&mut report, index, path);
        suppressor.apply(&mut report);
        if let Some(known) = known {
            baseline::apply_file(known, &mut report);
        }
        report.update_status(self.settings.fail_on);
        if !self.keep_documents {
            report.document = None;
        }
        report
    }

    fn execute<T: Send>(
        &self,
        inputs: &[(PathBuf, String)],
        jobs: usize,
        check_one: &(dyn Fn(usize) -> FileReport + Sync),
        mut stream: Option<Stream<'_, T>>,
        progress: &dyn Fn(),
    ) -> Run {
        let settings = &self.settings;
        let fields = fields_of(&settings.profile);
        let deadlines = deadlines::Deadlines::new(settings, &self.deadline, inputs);
        let suppressor = Suppressor::new(&self.suppressions);
        let known = self.baseline.as_ref().map(Baseline::known);
        let render = stream.as_ref().map(|s| s.render);
        let mut files = Vec::new();
        let mut tally = Tally::default();
        let mut entries: Vec<Entry> = Vec::with_capacity(inputs.len());
        ordered::run(
            inputs.len(),
            jobs,
            |index| {
                let path = inputs.get(index).map(|(p, _)| p.as_path());
                let work = || {
                    let report = check_one(index);
                    let report =
                        self.finish(report, index, path, &deadlines, &suppressor, known.as_ref());
                    let entry = Entry::new(&report.path, report.header.as_ref(), &settings.profile);
                    let text = render.map(|render| render(&report, &fields));
                    (report, entry, text)
                };
                // The checks catch their own panics; this catches ours in finishing or
                // rendering a file, so that a bug costs one file, not the run.
                catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|panic| {
                    let display = inputs.get(index).map_or("", |(_, d)| d.as_str());
                    let report = check::internal_error(display, panic.as_ref(), Duration::ZERO, 0);
                    let entry = Entry::new(&report.path, None, &settings.profile);
                    let text = render.and_then(|render| {
                        catch_unwind(AssertUnwindSafe(|| render(&report, &fields))).ok()
                    });
                    (report, entry, text)
                })
            },
            |_, (report, entry, text)| {
                progress();
                entries.push(entry);
                tally.add(&report, settings.fail_on);
                match (&mut stream, text) {
                    (Some(stream), Some(text)) => (stream.write)(text),
                    // Streamed, but its rendering failed twice: nothing to write for it.
                    (Some(_), None) => {}
                    (None, _) => files.push(report),
                }
            },
        );
        let mut batch = crate::rules::batch::check_batch(&entries, &settings.profile);
        batch.extend(deadlines.unmatched_findings());
        batch.extend(suppressor.unused(&settings.policy));
        settings.policy.apply(&mut batch);
        let mut run = Run {
            files,
            batch,
            tally,
            ..Run::with_fields(settings, fields)
        };
        run.exit_code = run.compute_exit_code();
        run
    }
}

/// A cover field the profile declares, as reports list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    pub key: String,
    pub name: String,
    pub kind: FieldKind,
    /// Shown as a column of the intake register.
    pub register: bool,
}

/// The fields a profile declares, in reading order: what every report iterates.
pub fn fields_of(profile: &Profile) -> Vec<FieldInfo> {
    profile
        .header
        .fields
        .iter()
        .map(|f| FieldInfo {
            key: f.key.clone(),
            name: f.name.clone(),
            kind: f.kind,
            register: f.register,
        })
        .collect()
}

/// A finished run: the files' reports (unless they were streamed), the batch findings,
/// and the counts of every file.
pub struct Run {
    /// The files' reports in path order; empty when they were streamed.
    pub files: Vec<FileReport>,
    /// The cover fields of the run's profile.
    pub fields: Vec<FieldInfo>,
    /// The words of the run's profile and meeting, for rule documentation in reports.
    pub vars: crate::rules::vars::Vars,
    /// Findings about the batch as a whole (duplicates, unused suppressions, receipts).
    pub batch: Vec<Finding>,
    pub profile: String,
    pub meeting: Option<String>,
    pub fail_on: Severity,
    /// The severity policy the run applied (which rules ran, at what level).
    pub policy: Policy,
    /// The exit code this run ends with; formats that record it (SARIF) read it here.
    pub exit_code: i32,
    /// Counts over every file, streamed ones included.
    tally: Tally,
}

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub pass: usize,
    pub fail: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

/// What a run counts of each file as it goes by.
#[derive(Clone, Debug, Default)]
struct Tally {
    summary: Summary,
    /// Files with a finding at or above the run's `fail_on`, not accepted.
    failing: usize,
}

impl Tally {
    fn add(&mut self, file: &FileReport, fail_on: Severity) {
        let summary = &mut self.summary;
        summary.files += 1;
        match file.status {
            Status::Pass => summary.pass += 1,
            Status::Fail => summary.fail += 1,
            Status::Unreadable => summary.unreadable += 1,
        }
        count_findings(summary, &file.findings);
        if failing(&file.findings, fail_on) {
            self.failing += 1;
        }
    }
}

fn count_findings(summary: &mut Summary, findings: &[Finding]) {
    for finding in findings {
        if finding.suppressed.is_some() {
            summary.suppressed += 1;
            continue;
        }
        match finding.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
}

fn failing(findings: &[Finding], fail_on: Severity) -> bool {
    findings
        .iter()
        .any(|f| f.suppressed.is_none() && f.severity >= fail_on)
}

impl Run {
    /// A run with no files yet, for `settings`.
    pub fn empty(settings: &Settings) -> Run {
        Run::with_fields(settings, fields_of(&settings.profile))
    }

    fn with_fields(settings: &Settings, fields: Vec<FieldInfo>) -> Run {
        Run {
            files: Vec::new(),
            fields,
            vars: crate::rules::vars::Vars::new(&settings.profile, settings.meeting.as_ref()),
            batch: Vec::new(),
            profile: settings.profile.id.clone(),
            meeting: settings.meeting.as_ref().map(|m| m.id.clone()),
            fail_on: settings.fail_on,
            policy: settings.policy.clone(),
            exit_code: 0,
            tally: Tally::default(),
        }
    }

    /// A run over reports made elsewhere (tests, re-checked copies), counted as they are.
    pub fn from_files(settings: &Settings, files: Vec<FileReport>) -> Run {
        let mut run = Run::empty(settings);
        run.files = files;
        run.retally();
        run
    }

    /// Counts the kept files again, after their findings changed (a baseline applied
    /// late). Streamed files cannot change any more.
    pub fn retally(&mut self) {
        let mut tally = Tally::default();
        for file in &self.files {
            tally.add(file, self.fail_on);
        }
        self.tally = tally;
    }

    pub fn summary(&self) -> Summary {
        let mut summary = self.tally.summary.clone();
        count_findings(&mut summary, &self.batch);
        summary
    }

    /// Exit code contract: 3 if any input was unreadable, else 1 if any finding is at or
    /// above `fail_on`, else 0.
    pub fn compute_exit_code(&self) -> i32 {
        if self.tally.summary.unreadable > 0 {
            return 3;
        }
        i32::from(self.tally.failing > 0 || failing(&self.batch, self.fail_on))
    }
}
