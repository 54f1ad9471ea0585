//! `fgcheck check`: the gate. Runs the plan, renders the run in the formats asked for, and
//! exits by the run's verdict. `--format json`/`jsonl` to stdout are written file by file
//! as the run goes (memory flat in the number of files).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::plan::{
    Common, DeadlineArgs, PolicyArgs, WorkArgs, effective_config, prepare, write_file,
};
use super::{CliError, Color};
use crate::check::FileReport;
use crate::config::Format;
use crate::report::{self, Run};
use crate::run::{Baseline, FieldInfo, Stream};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Output: --format chooses the report, written to stdout. With --output FILE the report goes to
FILE instead and stdout gets the human report (the summary line with --quiet):
    fgcheck check inbox/ --format sarif --output fgcheck.sarif
With --output FILE --output-format FMT, FILE gets FMT and stdout keeps --format, so one run
can annotate a CI log and write a file for upload:
    fgcheck check inbox/ --format github --output fgcheck.sarif --output-format sarif
--summary-file FILE appends a Markdown summary (e.g. \"$GITHUB_STEP_SUMMARY\") in any format.

Exit status: 0 nothing at or above --fail-on (accepted findings do not count); 1 findings at
or above it; 2 usage or configuration error, or no Word file under the paths (unless
--allow-empty); 3 some input could not be read. --exit-zero
always exits 0 after a completed check (usage errors still exit 2).")]
pub struct CheckArgs {
    /// Files or folders to check (.docx, .docm, .dotx, .doc).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The report format [default: human, or `format` in fgcheck.toml].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the --format report to FILE; stdout then gets the human report.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --output: the format for FILE; stdout then keeps --format.
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    pub output_format: Option<Format>,
    /// Append a Markdown summary of the run to FILE (e.g. "$GITHUB_STEP_SUMMARY").
    #[arg(long, value_name = "FILE")]
    pub summary_file: Option<PathBuf>,
    /// Accept the findings listed in this baseline file (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every finding of this run to a baseline FILE, then report them as accepted.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Print only the summary line (and nothing for passing files).
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub work: WorkArgs,
    /// Always exit 0 after a completed check (report only).
    #[arg(long)]
    pub exit_zero: bool,
    /// Accept paths that hold no Word file: report 0 files (default: exit 2, so that a CI
    /// gate pointed at a wrong folder does not pass).
    #[arg(long)]
    pub allow_empty: bool,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    #[command(flatten)]
    pub deadline: DeadlineArgs,
    /// Report `on-time` for every file judged, not only for files with a receipt.
    #[arg(long)]
    pub deadline_report: bool,
}

pub fn run(args: CheckArgs) -> Result<i32, CliError> {
    let effective = effective_config(&args.policy, args.format)?;
    let baseline = match &args.baseline {
        Some(path) => Some(Baseline::read(path).map_err(CliError::Usage)?),
        None => None,
    };
    let format = effective.format.value;
    let mut prepared = prepare(&Common {
        paths: &args.paths,
        effective: &effective,
        work: args.work,
        deadline: &args.deadline,
        report_on_time: args.deadline_report,
        allow_empty: args.allow_empty,
    })?;
    prepared.plan.baseline = baseline;
    // --output alone: the file gets --format, stdout the human report;
    // --output with --output-format: the file gets that, stdout keeps --format.
    let (file_format, stdout_format) = match (&args.output, args.output_format) {
        (Some(_), Some(file_format)) => (file_format, format),
        (Some(_), None) => (format, Format::Human),
        (None, _) => (format, format),
    };
    let color = args.color.enabled(std::io::stdout().is_terminal());
    let style = report::human::Style { color, width: 100 };
    // One report to stdout and nothing else that needs the whole run: it is written file by
    // file as the run goes, and no file is kept (memory flat in the number of files).
    let streamed = args.output.is_none()
        && args.write_baseline.is_none()
        && args.summary_file.is_none()
        && matches!(
            stdout_format,
            Format::Json | Format::Jsonl | Format::Human | Format::Concise
        );
    if streamed {
        // The report itself shows the progress on a terminal; a bar would tear its lines.
        let progress = !args.quiet && !std::io::stdout().is_terminal();
        let streaming = Streaming {
            format: stdout_format,
            style,
            quiet: args.quiet,
        };
        let mut run = streaming.run(&prepared, progress);
        let verdict = run.compute_exit_code();
        run.exit_code = if args.exit_zero { 0 } else { verdict };
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(streaming.end(&run).as_bytes());
        let _ = stdout.flush();
        return Ok(run.exit_code);
    }
    let mut run = prepared.run(!args.quiet, None);
    if let Some(path) = &args.write_baseline {
        let written = Baseline::from_run(&run);
        write_file(path, &written.to_json(), false)?;
        written.apply(&mut run);
    }
    let verdict = run.compute_exit_code();
    run.exit_code = if args.exit_zero { 0 } else { verdict };
    let render = |format: Format, color: bool| match format {
        Format::Human if args.quiet => report::human::summary_line(&run),
        other => report::render(&run, other, report::human::Style { color, ..style }),
    };
    if let Some(path) = &args.output {
        write_file(path, &render(file_format, false), false)?;
    }
    let stdout_text = render(stdout_format, color && stdout_format == Format::Human);
    if let Some(path) = &args.summary_file {
        write_file(path, &report::github::summary_markdown(&run), true)?;
    }
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`fgcheck check . | head`) is not an error of the check.
    let _ = stdout.write_all(stdout_text.as_bytes());
    let _ = stdout.flush();
    Ok(run.exit_code)
}

/// A report written file by file: each file rendered on the worker that checked it and
/// written to stdout in path order as soon as its turn comes; the batch findings and the
/// summary at the end.
struct Streaming {
    format: Format,
    style: report::human::Style,
    quiet: bool,
}

impl Streaming {
    fn run(&self, prepared: &super::plan::Prepared, progress: bool) -> Run {
        // Rust's stdout writes each line at once; a report of 100,000 files is millions of
        // lines, so it goes through a buffer, emptied after each file on a terminal.
        let terminal = std::io::stdout().is_terminal();
        let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        let json = self.format == Format::Json;
        if json {
            let _ = stdout.write_all(report::json::start(&prepared.plan.settings).as_bytes());
        }
        let mut first = true;
        let mut write = |text: String| {
            if json {
                let _ = stdout.write_all(if first { b"\n" } else { b",\n" });
                first = false;
            }
            let _ = stdout.write_all(text.as_bytes());
            if terminal {
                let _ = stdout.flush();
            }
        };
        let render = |file: &FileReport, fields: &[FieldInfo]| match self.format {
            Format::Json => report::json::file_fragment(file, fields),
            Format::Jsonl => report::jsonl::file_lines(file),
            Format::Concise => report::concise::file_lines(file),
            _ if self.quiet => String::new(),
            _ => report::human::file_section(file, self.style),
        };
        prepared.run(
            progress,
            Some(Stream {
                render: &render,
                write: &mut write,
            }),
        )
    }

    /// What follows the last file.
    fn end(&self, run: &Run) -> String {
        match self.format {
            Format::Json => report::json::end(run),
            Format::Jsonl => report::jsonl::batch_lines(run),
            Format::Concise => report::concise::end(run),
            _ if self.quiet => report::human::summary_line(run),
            _ => report::human::end(run, self.style),
        }
    }
}
