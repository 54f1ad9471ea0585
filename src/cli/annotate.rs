//! `fgcheck annotate`: a copy of each document with every finding as a Word comment.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::CliError;
use super::edit::{Checked, open_findings, plural, print, refusal_line, run_checks};
use super::plan::{DeadlineArgs, PolicyArgs, WorkArgs};
use crate::check::{FileReport, Status};
use crate::edit::{self, EditError, Source, annotate, output};

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
    #[command(flatten)]
    pub work: WorkArgs,
}

pub fn run(args: AnnotateArgs) -> Result<i32, CliError> {
    if let Some(dir) = &args.out_dir
        && !dir.is_dir()
    {
        return Err(CliError::usage(format!(
            "--out-dir {}: no such folder",
            dir.display()
        )));
    }
    let checked = run_checks(&args.paths, &args.policy, &args.deadline, args.work, false)?;
    if args.output.is_some() && checked.prepared.inputs.len() != 1 {
        return Err(CliError::usage(format!(
            "-o names one copy, and {} inputs were given; use --out-dir DIR",
            checked.prepared.inputs.len()
        )));
    }
    let date = checked
        .prepared
        .plan
        .deadline
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
        .num_threads(
            checked
                .prepared
                .plan
                .jobs
                .unwrap_or(0)
                .min(crate::run::MAX_JOBS),
        )
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
    Ok(code)
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
