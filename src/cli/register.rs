//! `fgcheck register`: the secretariat's intake register, one row per input.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use super::CliError;
use super::plan::{Common, DeadlineArgs, PolicyArgs, WorkArgs, effective_config, prepare};
use crate::report;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RegisterFormat {
    /// CSV for a spreadsheet, one row per input.
    Csv,
    /// The `fgcheck-register/1` JSON document, for tools.
    Json,
    /// A Markdown table for a mail or a wiki page, then the batch findings.
    Md,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RegisterSort {
    /// By document number (revisions after their base); files without a number last.
    Number,
    /// Unreadable first, then late, then needing a fix, then accepted.
    Status,
}

#[derive(clap::Args, Debug)]
pub struct RegisterArgs {
    /// Files or folders (recursing).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to write the register.
    #[arg(long, value_enum, default_value_t = RegisterFormat::Md)]
    pub format: RegisterFormat,
    /// The order of the rows.
    #[arg(long, value_enum, default_value_t = RegisterSort::Number)]
    pub sort: RegisterSort,
    /// The same policy as `check` (fgcheck.toml, --meeting, --select...), so a file's
    /// status here is its verdict there. Give --meeting when drawing up the register of a
    /// meeting whose deadline has passed.
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub deadline: DeadlineArgs,
    #[command(flatten)]
    pub work: WorkArgs,
    /// Write an empty register when the paths hold no Word file (default: exit 2).
    #[arg(long)]
    pub allow_empty: bool,
}

/// `fgcheck register`: the register is a report, so it exits 0 once written (2 on a usage
/// error); `check` is the gate. It runs the same plan as `check` (fgcheck.toml included).
pub fn run(args: RegisterArgs) -> Result<i32, CliError> {
    let effective = effective_config(&args.policy, None)?;
    let prepared = prepare(&Common {
        paths: &args.paths,
        effective: &effective,
        work: args.work,
        deadline: &args.deadline,
        report_on_time: true,
        allow_empty: args.allow_empty,
    })?;
    // Each file becomes its row on the worker that checked it; no report is kept.
    let maker = report::register::RowMaker::new(&prepared.plan.settings);
    let make = |file: &crate::check::FileReport, _: &[crate::run::FieldInfo]| maker.row(file);
    let mut rows = Vec::with_capacity(prepared.inputs.len());
    let mut keep = |row| rows.push(row);
    let run = prepared.run_with(
        true,
        Some(crate::run::Stream {
            render: &make,
            write: &mut keep,
        }),
    );
    let register = maker.register(
        rows,
        &run,
        prepared.plan.deadline.as_of,
        match args.sort {
            RegisterSort::Number => report::register::SortBy::Number,
            RegisterSort::Status => report::register::SortBy::Status,
        },
    );
    let text = match args.format {
        RegisterFormat::Csv => {
            // A CSV has no room for them: the batch findings go to stderr, each once.
            for finding in &run.batch {
                eprintln!(
                    "fgcheck: {}: {} [{}]",
                    finding.severity, finding.message, finding.rule.slug
                );
            }
            register.to_csv()
        }
        RegisterFormat::Json => register.to_json(),
        RegisterFormat::Md => register.to_markdown(),
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    Ok(0)
}
