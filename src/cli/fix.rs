//! `fgcheck fix`: the fixes declared safe applied to a copy, which is then checked again.

use std::io::{Cursor, Write};
use std::path::PathBuf;

use super::CliError;
use super::edit::{open_findings, plural, print, refusal_line, run_checks};
use super::plan::{DeadlineArgs, PolicyArgs, WorkArgs};
use crate::check::{FileReport, Status};
use crate::edit::{EditError, Source, fix, output};
use crate::report;
use crate::run::Run;

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
    #[command(flatten)]
    pub work: WorkArgs,
}

pub fn run(args: FixArgs) -> Result<i32, CliError> {
    let checked = run_checks(&args.paths, &args.policy, &args.deadline, args.work, true)?;
    if args.output.is_some() && checked.prepared.inputs.len() != 1 {
        return Err(CliError::usage(format!(
            "-o names one copy, and {} inputs were given",
            checked.prepared.inputs.len()
        )));
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
    let run = Run::from_files(&checked.prepared.plan.settings, remaining);
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
        return Ok(2);
    }
    Ok(run.compute_exit_code())
}

/// A report kept as it was (its document is not needed any more).
fn clone_report(report: &FileReport) -> FileReport {
    FileReport {
        path: report.path.clone(),
        status: report.status,
        findings: report.findings.clone(),
        document: None,
        meta: report.meta.clone(),
        header: report.header.clone(),
        elapsed: report.elapsed,
        size: report.size,
        verdict: report.verdict.clone(),
    }
}
