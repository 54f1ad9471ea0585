//! `fgcheck annotate` and `fgcheck fix`: the checks of `fgcheck check`, then an edited copy
//! of each readable input (see [`crate::edit`]). Inputs that cannot be read are reported with
//! the same finding `check` gives them, and nothing is written for them.

use std::io::{Cursor, Write};

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::check::{self, FileReport, Status};
use crate::config::Effective;
use crate::diag::Finding;
use crate::edit::{self, EditError, Source, annotate, fix, output};
use crate::report::{self, Run};

use super::{Common, DeadlineArgs, PolicyArgs, Prepared, effective_config, prepare, usage_error};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Each finding becomes a Word comment (author \"fgcheck\") on the place it is about: the cover
cell, the paragraph, the table row. Findings about the document as a whole (package,
properties, settings, page setup, deadline) are one comment on the first paragraph. Every
other part of the file is copied byte for byte; the input is never changed. Annotating an
annotated copy replaces fgcheck's earlier comments.

Exit status: 0 every readable input annotated; 2 usage error or a copy not written;
3 some input could not be read (nothing written for it).")]
pub struct AnnotateArgs {
    /// Files or folders (.docx, .docm, .dotx); folders are walked, skipping fgcheck's copies.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the copy to FILE (one input only) [default: IN.fgcheck.docx beside the input].
    #[arg(long, short, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write the copies into DIR, under their input's name with `.fgcheck` added.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Replace an output that exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub deadline: DeadlineArgs,
    /// Files checked at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Per-file time budget in seconds, as for `check`.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
}

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Only fixes declared safe are applied (`fgcheck explain RULE` says which): each removes or
corrects metadata and never body text. personal-metadata: the property holding an e-mail
address or login is removed; stale-properties: core Title and Keywords are set from the
cover; external-template: the network template link is dropped; protected: enforcement is
lifted when no password is set. Every other finding is fixed by hand in Word.

The fixed file is checked again and the remaining findings printed. Exit status: that of
`check` on the fixed files (0 nothing at or above --fail-on, 1 findings, 3 unreadable input);
2 usage error or a copy not written.")]
pub struct FixArgs {
    /// Files or folders (.docx, .docm, .dotx); folders are walked, skipping fgcheck's copies.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the fixed copy to FILE (one input only) [default: IN.fixed.docx beside the input].
    #[arg(long, short, value_name = "FILE", conflicts_with = "in_place")]
    pub output: Option<PathBuf>,
    /// Replace the input itself, keeping the original as IN.docx.bak.
    #[arg(long)]
    pub in_place: bool,
    /// With --in-place: keep no .bak copy.
    #[arg(long, requires = "in_place")]
    pub no_backup: bool,
    /// Print what would change, part by part, and write nothing.
    #[arg(long, conflicts_with_all = ["output", "in_place"])]
    pub diff: bool,
    /// Replace an output (or a .bak) that exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub deadline: DeadlineArgs,
    /// Files checked at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Per-file time budget in seconds, as for `check`.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
}

/// The checks `check` would run, over the given inputs, with policy and suppressions.
struct Checked {
    prepared: Prepared,
    effective: Effective,
    run: Run,
}

fn run_checks(
    paths: &[PathBuf],
    policy: &PolicyArgs,
    deadline: &DeadlineArgs,
    jobs: Option<usize>,
    timeout_per_file: f64,
) -> Result<Checked, i32> {
    let effective = effective_config(policy, None).map_err(usage_error)?;
    let mut prepared = prepare(
        &Common {
            paths,
            meeting: effective.meeting.value.as_deref(),
            profile: effective.profile.value.as_deref(),
            rules_dirs: &effective.rules_dirs.value,
            timeout_per_file,
            jobs,
            deadline,
            report_on_time: false,
            allow_empty: false,
        },
        effective.fail_on.value,
    )?;
    prepared.settings.policy = effective.policy();
    // Copies fgcheck made are not inputs when a folder is walked (named ones still are).
    prepared
        .inputs
        .retain(|(path, _)| paths.contains(path) || !output::is_own_copy(path));
    let mut run = prepared.run();
    crate::suppress::apply(&mut run, &effective.suppressions);
    Ok(Checked {
        prepared,
        effective,
        run,
    })
}

impl Checked {
    /// Checks bytes as the input at `index` would be checked (deadline and suppressions
    /// included): the fixed copy, or an annotated copy stripped of fgcheck's comments.
    fn recheck(&self, index: usize, bytes: &[u8], display: &str) -> FileReport {
        let settings = &self.prepared.settings;
        let mut report = check::check_bytes(bytes, display, settings);
        let inputs: Vec<(PathBuf, String)> = self
            .prepared
            .inputs
            .get(index)
            .cloned()
            .into_iter()
            .collect();
        let mut files = vec![report];
        check::apply_deadlines(&mut files, &inputs, settings, &self.prepared.options);
        let mut run = Run {
            files,
            fields: crate::report::fields_of(&settings.profile),
            vars: crate::rules::vars::Vars::new(&settings.profile, settings.meeting.as_ref()),
            batch: Vec::new(),
            profile: String::new(),
            meeting: None,
            fail_on: settings.fail_on,
            policy: settings.policy.clone(),
            exit_code: 0,
        };
        crate::suppress::apply(&mut run, &self.effective.suppressions);
        report = run
            .files
            .pop()
            .unwrap_or_else(|| check::check_bytes(bytes, display, settings));
        report.update_status(settings.fail_on);
        report
    }
}

/// The findings a copy speaks about: neither accepted nor switched off.
fn open_findings(report: &FileReport) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .cloned()
        .collect()
}

/// "error FG001/not-ooxml: ...": an unreadable input's finding, as `check` words it.
fn refusal_line(report: &FileReport, verb: &str) -> String {
    let finding = report.findings.first();
    match finding {
        Some(f) => format!(
            "{}: not {verb}: {} {}/{}: {}\n",
            report.path, f.severity, f.rule.code, f.rule.slug, f.message
        ),
        None => format!("{}: not {verb}: unreadable\n", report.path),
    }
}

fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub fn run_annotate(args: AnnotateArgs) -> i32 {
    if let Some(dir) = &args.out_dir
        && !dir.is_dir()
    {
        return usage_error(format!("--out-dir {}: no such folder", dir.display()));
    }
    let checked = match run_checks(
        &args.paths,
        &args.policy,
        &args.deadline,
        args.jobs,
        args.timeout_per_file,
    ) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    if args.output.is_some() && checked.prepared.inputs.len() != 1 {
        return usage_error(format!(
            "-o names one copy, and {} inputs were given; use --out-dir DIR",
            checked.prepared.inputs.len()
        ));
    }
    let date = checked
        .prepared
        .options
        .as_of
        .unwrap_or_else(jiff::Timestamp::now);
    let meta = annotate::meta_for(date);
    // Files are annotated in parallel, as they were checked; lines print in input order.
    let one = |index: usize, report: &FileReport| -> (String, i32) {
        let Some((path, _)) = checked.prepared.inputs.get(index) else {
            return (String::new(), 0);
        };
        if report.status == Status::Unreadable {
            return (refusal_line(report, "annotated"), 3);
        }
        let target = match (&args.output, &args.out_dir) {
            (Some(output), _) => output.clone(),
            (None, Some(dir)) => dir.join(
                output::annotated_name(path)
                    .file_name()
                    .map(PathBuf::from)
                    .unwrap_or_default(),
            ),
            (None, None) => output::annotated_name(path),
        };
        match annotate_one(&checked, index, path, report, &target, args.force, &meta) {
            Ok(outcome) => {
                let mut line = format!(
                    "{}: {} -> {}",
                    report.path,
                    plural(outcome.comments, "comment", "comments"),
                    target.display()
                );
                if outcome.replaced > 0 {
                    line.push_str(&format!(
                        " (replacing {} from an earlier run)",
                        plural(outcome.replaced, "comment", "comments")
                    ));
                }
                (line + "\n", 0)
            }
            Err(error) => {
                let code = match error {
                    EditError::Package(_) => 3,
                    _ => 2,
                };
                (format!("{}: not annotated: {error}\n", report.path), code)
            }
        }
    };
    let annotate_all = || -> Vec<(String, i32)> {
        checked
            .run
            .files
            .par_iter()
            .enumerate()
            .with_max_len(1)
            .map(|(index, report)| one(index, report))
            .collect()
    };
    let results = match rayon::ThreadPoolBuilder::new()
        .num_threads(checked.prepared.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(annotate_all),
        Err(_) => checked
            .run
            .files
            .iter()
            .enumerate()
            .map(|(index, report)| one(index, report))
            .collect(),
    };
    let mut out = String::new();
    let mut code = 0;
    for (line, file_code) in results {
        out.push_str(&line);
        code = code.max(file_code);
    }
    print(&out);
    code
}

fn annotate_one(
    checked: &Checked,
    index: usize,
    path: &Path,
    report: &FileReport,
    target: &Path,
    force: bool,
    meta: &edit::comments::Meta,
) -> Result<annotate::Outcome, EditError> {
    output::check_target(path, target, force)?;
    // A copy annotated before: its findings are those of the document without fgcheck's
    // comments (else the comments rule would report fgcheck's own comments).
    let earlier = annotate::own_comments(Source::Path(path))?;
    if earlier > 0 {
        let (stripped, _) =
            annotate::annotate(Source::Path(path), &[], meta, Cursor::new(Vec::new()))?;
        let stripped = stripped.into_inner();
        let again = checked.recheck(index, &stripped, &report.path);
        if again.status == Status::Unreadable {
            return Err(EditError::Write(
                "the copy without fgcheck's earlier comments cannot be read back".into(),
            ));
        }
        let findings = open_findings(&again);
        let mut outcome = annotate::Outcome::default();
        output::write_atomically(target, force, |file| {
            let (_, result) = annotate::annotate(Source::Bytes(&stripped), &findings, meta, file)?;
            outcome = result;
            Ok(())
        })?;
        outcome.replaced = earlier;
        return Ok(outcome);
    }
    let findings = open_findings(report);
    let mut outcome = annotate::Outcome::default();
    output::write_atomically(target, force, |file| {
        let (_, result) = annotate::annotate(Source::Path(path), &findings, meta, file)?;
        outcome = result;
        Ok(())
    })?;
    Ok(outcome)
}

pub fn run_fix(args: FixArgs) -> i32 {
    let checked = match run_checks(
        &args.paths,
        &args.policy,
        &args.deadline,
        args.jobs,
        args.timeout_per_file,
    ) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    if args.output.is_some() && checked.prepared.inputs.len() != 1 {
        return usage_error(format!(
            "-o names one copy, and {} inputs were given",
            checked.prepared.inputs.len()
        ));
    }
    let mut out = String::new();
    let mut code = 0;
    let mut remaining: Vec<FileReport> = Vec::new();
    for (index, report) in checked.run.files.iter().enumerate() {
        let Some((path, _)) = checked.prepared.inputs.get(index) else {
            continue;
        };
        if report.status == Status::Unreadable {
            out.push_str(&refusal_line(report, "fixed"));
            remaining.push(clone_report(report));
            continue;
        }
        let (Some(document), Some(header)) = (&report.document, &report.header) else {
            continue;
        };
        let findings = open_findings(report);
        let fixed = fix::fix(
            Source::Path(path),
            document,
            header,
            &findings,
            Cursor::new(Vec::new()),
        );
        let (bytes, fix_report) = match fixed {
            Ok((written, fix_report)) => (written.map(Cursor::into_inner), fix_report),
            Err(error) => {
                out.push_str(&format!("{}: not fixed: {error}\n", report.path));
                code = code.max(2);
                remaining.push(clone_report(report));
                continue;
            }
        };
        for declined in fix_report.declined() {
            out.push_str(&format!(
                "{}: {} ({}) left for the author: {}\n",
                report.path,
                declined.slug,
                declined.anchor,
                declined.declined.as_deref().unwrap_or_default()
            ));
        }
        let Some(bytes) = bytes else {
            out.push_str(&format!("{}: nothing to fix safely\n", report.path));
            remaining.push(clone_report(report));
            continue;
        };
        let slugs: Vec<String> = fix_report
            .fixed()
            .map(|o| format!("{} ({})", o.slug, o.anchor))
            .collect();
        if args.diff {
            out.push_str(&format!(
                "{}: would fix {}: {}\n",
                report.path,
                plural(slugs.len(), "finding", "findings"),
                slugs.join(", ")
            ));
            out.push_str(&fix_report.diff());
            remaining.push(checked.recheck(index, &bytes, &report.path));
            continue;
        }
        let written = if args.in_place {
            output::replace_in_place(path, &bytes, !args.no_backup, args.force).map(|bak| {
                let kept = bak
                    .map(|b| format!(", original kept as {}", b.display()))
                    .unwrap_or_default();
                (path.clone(), kept)
            })
        } else {
            let target = args
                .output
                .clone()
                .unwrap_or_else(|| output::fixed_name(path));
            output::check_target(path, &target, args.force)
                .and_then(|()| {
                    output::write_atomically(&target, args.force, |file| {
                        file.write_all(&bytes).map_err(|e| {
                            EditError::Write(format!("cannot write {}: {e}", target.display()))
                        })
                    })
                })
                .map(|()| (target, String::new()))
        };
        match written {
            Ok((target, kept)) => {
                out.push_str(&format!(
                    "{}: fixed {}: {} -> {}{kept}\n",
                    report.path,
                    plural(slugs.len(), "finding", "findings"),
                    slugs.join(", "),
                    target.display()
                ));
                remaining.push(checked.recheck(index, &bytes, &target.display().to_string()));
            }
            Err(error) => {
                out.push_str(&format!("{}: not fixed: {error}\n", report.path));
                code = code.max(2);
                remaining.push(clone_report(report));
            }
        }
    }
    let run = Run {
        files: remaining,
        fields: checked.run.fields.clone(),
        vars: checked.run.vars.clone(),
        batch: Vec::new(),
        profile: checked.run.profile.clone(),
        meeting: checked.run.meeting.clone(),
        fail_on: checked.run.fail_on,
        policy: checked.run.policy.clone(),
        exit_code: 0,
    };
    out.push_str(&format!(
        "\n{} after fixing:\n",
        if args.diff {
            "Would remain"
        } else {
            "Remaining"
        }
    ));
    out.push_str(&report::render(
        &run,
        report::Format::Human,
        report::human::Style {
            color: false,
            width: 100,
        },
    ));
    print(&out);
    if code == 2 {
        return 2;
    }
    run.compute_exit_code()
}

/// A report kept as it was (its document is not needed any more).
fn clone_report(report: &FileReport) -> FileReport {
    FileReport {
        path: report.path.clone(),
        status: report.status,
        findings: report.findings.clone(),
        document: None,
        header: report.header.clone(),
        elapsed: report.elapsed,
        size: report.size,
        verdict: report.verdict.clone(),
    }
}
