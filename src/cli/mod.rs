//! The command line: `check`, `register`, `rules`, `explain`, `meetings`.
//!
//! Exit codes are a contract (tested): 0 nothing at or above `--fail-on`; 1 findings at or
//! above it; 2 usage or configuration error; 3 at least one input could not be read at all.

mod data;
mod edit;
pub mod explain;
mod progress;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::baseline::Baseline;
use crate::check::{self, MeetingChoice, NO_MEETING, Selection, Settings};
use crate::config::{self, Effective, Overrides};
use crate::deadline;
use crate::diag::Severity;
use crate::profile::RuleData;
use crate::report::{self, Format, Run};
use crate::rules;

#[derive(Parser, Debug)]
#[command(
    name = "fgcheck",
    version,
    about = "Checks Word contributions to ITU-T Focus Group meetings against the template, the meeting and the deadline."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check .docx files and folders (recursing).
    Check(CheckArgs),
    /// The secretariat's intake register: one row per input with its header, received
    /// time, lateness and status (accepted, accepted-late, needs-fix, unreadable).
    Register(RegisterArgs),
    /// List every rule: code, slug, severity, summary.
    Rules {
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain one rule: why it exists, its source, a bad and a good example.
    Explain {
        /// A rule slug (missing-title) or code (FG109).
        rule: String,
        /// Explain in this profile's words (its numbers, its group) [default: from
        /// fgcheck.toml, else the rule data's default].
        #[arg(long)]
        profile: Option<String>,
        /// Explain in this meeting's words (its study period, its language).
        #[arg(long)]
        meeting: Option<String>,
        /// Extra rule data folders laid over the built-in `rules/`.
        #[arg(long = "rules", value_name = "DIR")]
        rules_dirs: Vec<PathBuf>,
        /// Read no configuration file (fgcheck.toml).
        #[arg(long)]
        no_config: bool,
    },
    /// Print the effective configuration and where each value comes from (default,
    /// configuration file, command line).
    Config {
        #[command(flatten)]
        policy: PolicyArgs,
        /// Print the JSON Schema of fgcheck.toml instead.
        #[arg(long)]
        schema: bool,
    },
    /// Serve a local web page where a contributor drops a .docx and sees what to fix.
    Serve(ServeArgs),
    /// Validate rule data (profiles, meetings) before using it.
    #[command(subcommand)]
    Data(DataCommand),
    /// Write a copy of each document with every finding as a Word comment where it is.
    Annotate(edit::AnnotateArgs),
    /// Apply the fixes declared safe (metadata only) to a copy, then check it again.
    Fix(edit::FixArgs),
    /// List the meetings and profiles in the rule data.
    Meetings {
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Extra rule data folders (a secretariat's own meetings).
        #[arg(long = "rules", value_name = "DIR")]
        rules_dirs: Vec<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum DataCommand {
    /// Check rule data folders (laid over the built-in rules/): every error at its file,
    /// line and column. Exit 0 when valid, 2 otherwise.
    Check {
        /// Folders holding profiles/*.toml, meetings/*.toml, defaults.toml.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
        /// Colour the errors: auto (on a terminal), always or never.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    /// One line per entry, for people.
    Human,
    /// A JSON array or object, for tools.
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Color {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour (e.g. for a CI log that renders ANSI colours).
    Always,
    /// Never colour.
    Never,
}

/// When each input was received, and what "now" is.
#[derive(clap::Args, Debug, Default)]
pub struct DeadlineArgs {
    /// When the secretariat received the file (ISO 8601 with offset, e.g.
    /// 2020-07-22T23:30:00+02:00). One file only; beats every other source.
    #[arg(long, value_name = "TIME")]
    pub received_at: Option<String>,
    /// The secretariat's intake log: a CSV with the header `file,received_at`; `file` is a
    /// path relative to the CSV's folder, or a file name that one input has.
    #[arg(long, value_name = "FILE.csv")]
    pub receipts: Option<PathBuf>,
    /// The "now" for a reproducible run (ISO 8601 with offset); default: the clock.
    #[arg(long, value_name = "TIME")]
    pub as_of: Option<String>,
    /// Fall back to the file's modification time on disk when there is no receipt and no
    /// usable dcterms:modified.
    #[arg(long)]
    pub use_mtime: bool,
}

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
    /// The meeting whose deadline applies (see `fgcheck meetings`) [default: the next
    /// meeting whose input deadline has not passed at --as-of]. Give it when drawing up the
    /// register of a meeting whose deadline has passed.
    #[arg(long)]
    pub meeting: Option<String>,
    /// The template profile (see `fgcheck meetings`) [default: the meeting's].
    #[arg(long)]
    pub profile: Option<String>,
    #[command(flatten)]
    pub deadline: DeadlineArgs,
    /// Extra rule data folders laid over the built-in `rules/`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Files checked at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Per-file time budget in seconds; a slower file is reported as too-slow.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
    /// Write an empty register when the paths hold no Word file (default: exit 2).
    #[arg(long)]
    pub allow_empty: bool,
}

/// Where policy comes from: `fgcheck.toml` and the command line, shared by `check` and
/// `config`.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct PolicyArgs {
    /// Read this configuration file instead of looking for fgcheck.toml in the current
    /// folder and its parents.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// The meeting to check against (see `fgcheck meetings`), which sets the profile too;
    /// `none` for a pre-check without the meeting's place, dates and deadline [default: the
    /// next meeting whose input deadline has not passed at --as-of, or none].
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// The template profile (see `fgcheck meetings`) [default: the meeting's, or
    /// rules/defaults.toml's]. Without --meeting, only that profile's meetings are chosen.
    #[arg(long)]
    pub profile: Option<String>,
    /// The lowest severity that fails the run (exit 1) [default: error, or `fail-on` in
    /// fgcheck.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Extra rule data folders laid over the built-in `rules/`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Set a rule's severity: RULE=error|warning|info|off (slug or code; repeatable).
    #[arg(long, value_name = "RULE=LEVEL")]
    pub severity: Vec<String>,
    /// Run only these rules (slugs or codes, comma-separated; repeatable).
    #[arg(long, value_name = "RULES")]
    pub select: Vec<String>,
    /// Switch these rules off (slugs or codes, comma-separated; repeatable).
    #[arg(long, value_name = "RULES")]
    pub ignore: Vec<String>,
}

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
    /// Files checked at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Per-file time budget in seconds; a slower file is reported as too-slow.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
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

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Uploads stay in memory and are dropped after each response; nothing is written to disk and
the log holds only sizes, verdicts and timings. Binding an address other than loopback makes
the page reachable from other machines: do it only on a network you trust.")]
pub struct ServeArgs {
    /// Address to listen on; loopback by default.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub listen: std::net::SocketAddr,
    /// The meeting selected by default on the page, or `none` [default: the next meeting
    /// whose input deadline has not passed, or none].
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// The template profile selected by default on the page.
    #[arg(long)]
    pub profile: Option<String>,
    /// Extra rule data folders laid over the built-in `rules/`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 50)]
    pub max_file_mb: usize,
    /// Largest request (all files together), in MB.
    #[arg(long, default_value_t = 200)]
    pub max_request_mb: usize,
    /// Most files in one request.
    #[arg(long, default_value_t = 50)]
    pub max_files: usize,
    /// Seconds all the files of one request share (each also has the 10 s per-file budget);
    /// a file whose turn comes later is reported `too-slow`, not checked.
    #[arg(long, default_value_t = 60)]
    pub request_timeout: u64,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Register(args) => run_register(args),
        Command::Rules { format } => list_rules(format),
        Command::Explain {
            rule,
            profile,
            meeting,
            rules_dirs,
            no_config,
        } => {
            let policy = PolicyArgs {
                no_config,
                meeting,
                profile,
                rules_dirs,
                ..PolicyArgs::default()
            };
            match words_of(&policy) {
                Ok(vars) => explain::run(&rule, &vars),
                Err(code) => code,
            }
        }
        Command::Config { policy, schema } => show_config(&policy, schema),
        Command::Serve(args) => run_serve(args),
        Command::Annotate(args) => edit::run_annotate(args),
        Command::Fix(args) => edit::run_fix(args),
        Command::Meetings { format, rules_dirs } => list_meetings(format, &rules_dirs),
        Command::Data(DataCommand::Check { dirs, color }) => {
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            data::check(&dirs, color)
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

fn usage_error(message: impl std::fmt::Display) -> i32 {
    eprintln!("fgcheck: error: {message}");
    2
}

fn load_data(dirs: &[PathBuf]) -> Result<RuleData, i32> {
    let loaded = if dirs.is_empty() {
        RuleData::builtin()
    } else {
        RuleData::with_folders(dirs)
    };
    loaded.map_err(|error| usage_error(format!("rule data: {error}")))
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Finds and reads the configuration file, and layers the command line over it.
pub fn effective_config(
    policy: &PolicyArgs,
    format: Option<Format>,
) -> Result<Effective, config::ConfigError> {
    let file = if policy.no_config {
        None
    } else if let Some(path) = &policy.config {
        Some(path.clone())
    } else {
        std::env::current_dir()
            .ok()
            .and_then(|dir| config::discover(&dir))
    };
    let parsed = match &file {
        Some(path) => Some(config::read(path)?),
        None => None,
    };
    let overrides = Overrides {
        meeting: policy.meeting.clone(),
        profile: policy.profile.clone(),
        fail_on: policy.fail_on.map(FailOn::severity),
        format,
        rules_dirs: policy.rules_dirs.clone(),
        severity: policy.severity.clone(),
        select: policy.select.clone(),
        ignore: policy.ignore.clone(),
    };
    config::resolve(file.as_deref().zip(parsed.as_ref()), &overrides)
}

/// The words of the profile and meeting that `fgcheck.toml` and the flags select.
fn words_of(policy: &PolicyArgs) -> Result<crate::rules::vars::Vars, i32> {
    let effective = effective_config(policy, None).map_err(usage_error)?;
    let data = load_data(&effective.rules_dirs.value)?;
    let selection = Selection {
        meeting: effective.meeting.value.clone(),
        profile: effective.profile.value.clone(),
    };
    let resolved = selection
        .resolve(&data, jiff::Timestamp::now())
        .map_err(usage_error)?;
    Ok(crate::rules::vars::Vars::new(
        &resolved.profile,
        resolved.meeting.as_ref(),
    ))
}

fn show_config(policy: &PolicyArgs, schema: bool) -> i32 {
    if schema {
        let _ = std::io::stdout()
            .lock()
            .write_all(config::json_schema().as_bytes());
        return 0;
    }
    let effective = match effective_config(policy, None) {
        Ok(effective) => effective,
        Err(error) => return usage_error(error),
    };
    // The meeting and profile must resolve too: report a typo here, not at check time.
    let data = match load_data(&effective.rules_dirs.value) {
        Ok(data) => data,
        Err(code) => return code,
    };
    let selection = Selection {
        meeting: effective.meeting.value.clone(),
        profile: effective.profile.value.clone(),
    };
    let resolved = match selection.resolve(&data, jiff::Timestamp::now()) {
        Ok(resolved) => resolved,
        Err(message) => return usage_error(message),
    };
    let text = effective.describe((
        resolved.meeting.as_ref().map(|m| m.id.as_str()),
        &resolved.profile.id,
    ));
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    0
}

fn write_file(path: &std::path::Path, text: &str, append: bool) -> Result<(), String> {
    let result = if append {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
    } else {
        std::fs::write(path, text)
    };
    result.map_err(|error| format!("cannot write {}: {error}", path.display()))
}

fn run_check(args: CheckArgs) -> i32 {
    let effective = match effective_config(&args.policy, args.format) {
        Ok(effective) => effective,
        Err(error) => return usage_error(error),
    };
    let baseline = match &args.baseline {
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => return usage_error(message),
        },
        None => None,
    };
    let fail_on = effective.fail_on.value;
    let format = effective.format.value;
    let mut prepared = match prepare(
        &Common {
            paths: &args.paths,
            meeting: effective.meeting.value.as_deref(),
            profile: effective.profile.value.as_deref(),
            rules_dirs: &effective.rules_dirs.value,
            timeout_per_file: args.timeout_per_file,
            jobs: args.jobs,
            deadline: &args.deadline,
            report_on_time: args.deadline_report,
            allow_empty: args.allow_empty,
        },
        fail_on,
    ) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    prepared.settings.policy = effective.policy();
    prepared.progress = !args.quiet;
    let mut run = prepared.run();
    crate::suppress::apply(&mut run, &effective.suppressions);
    if let Some(baseline) = &baseline {
        baseline.apply(&mut run);
    }
    if let Some(path) = &args.write_baseline {
        let written = Baseline::from_run(&run);
        if let Err(message) = write_file(path, &written.to_json(), false) {
            return usage_error(message);
        }
        written.apply(&mut run);
    }
    let verdict = run.compute_exit_code();
    run.exit_code = if args.exit_zero { 0 } else { verdict };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let render = |format: Format, color: bool| match format {
        Format::Human if args.quiet => report::human::summary_line(&run),
        other => report::render(&run, other, report::human::Style { color, width: 100 }),
    };
    // --output alone: the file gets --format, stdout the human report;
    // --output with --output-format: the file gets that, stdout keeps --format.
    let (file_format, stdout_format) = match (&args.output, args.output_format) {
        (Some(_), Some(file_format)) => (file_format, format),
        (Some(_), None) => (format, Format::Human),
        (None, _) => (format, format),
    };
    if let Some(path) = &args.output
        && let Err(message) = write_file(path, &render(file_format, false), false)
    {
        return usage_error(message);
    }
    let stdout_text = render(stdout_format, color && stdout_format == Format::Human);
    if let Some(path) = &args.summary_file
        && let Err(message) = write_file(path, &report::github::summary_markdown(&run), true)
    {
        return usage_error(message);
    }
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`fgcheck check . | head`) is not an error of the check.
    let _ = stdout.write_all(stdout_text.as_bytes());
    let _ = stdout.flush();
    run.exit_code
}

/// What `check` and `register` share.
struct Common<'a> {
    paths: &'a [PathBuf],
    meeting: Option<&'a str>,
    profile: Option<&'a str>,
    rules_dirs: &'a [PathBuf],
    timeout_per_file: f64,
    jobs: Option<usize>,
    deadline: &'a DeadlineArgs,
    report_on_time: bool,
    allow_empty: bool,
}

/// A validated run, ready to check.
struct Prepared {
    settings: Settings,
    options: deadline::Options,
    inputs: Vec<(PathBuf, String)>,
    jobs: Option<usize>,
    /// Show a progress bar (see [`progress::wanted`]).
    progress: bool,
}

/// Validates the arguments (every problem is a usage error, exit 2, before any file is read).
fn prepare(common: &Common<'_>, fail_on: Severity) -> Result<Prepared, i32> {
    let data = load_data(common.rules_dirs)?;
    let args = common.deadline;
    let instant = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| deadline::parse_instant(t).map_err(|e| usage_error(format!("{flag}: {e}"))))
            .transpose()
    };
    let as_of = instant("--as-of", &args.as_of)?;
    let selection = Selection {
        meeting: common.meeting.map(str::to_string),
        profile: common.profile.map(str::to_string),
    };
    let resolved = selection
        .resolve(&data, as_of.unwrap_or_else(jiff::Timestamp::now))
        .map_err(usage_error)?;
    if !(common.timeout_per_file > 0.0 && common.timeout_per_file.is_finite()) {
        return Err(usage_error(
            "--timeout-per-file must be a positive number of seconds",
        ));
    }
    for path in common.paths {
        if !path.exists() {
            return Err(usage_error(format!(
                "{}: no such file or folder",
                path.display()
            )));
        }
    }
    let inputs = check::collect_inputs(common.paths);
    if inputs.is_empty() && !common.allow_empty {
        let paths: Vec<String> = common
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let extensions: Vec<String> = check::EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        return Err(usage_error(format!(
            "no Word file ({}) under {}; check the path, or pass --allow-empty to accept an empty batch",
            extensions.join(", "),
            paths.join(", ")
        )));
    }
    let received_at = instant("--received-at", &args.received_at)?;
    if received_at.is_some() && inputs.len() != 1 {
        return Err(usage_error(format!(
            "--received-at applies to one file, and {} were given; use --receipts FILE.csv (file,received_at) for several",
            inputs.len()
        )));
    }
    let receipts = args
        .receipts
        .as_deref()
        .map(deadline::Receipts::load)
        .transpose()
        .map_err(|e| usage_error(format!("--receipts: {e}")))?;
    if let Some(note) = resolved.note() {
        eprintln!("fgcheck: note: {note}");
    } else if resolved.choice == MeetingChoice::PreCheck
        && (received_at.is_some() || receipts.is_some() || args.use_mtime)
    {
        eprintln!(
            "fgcheck: warning: --meeting {NO_MEETING}: the deadline is not checked, so --received-at, --receipts and --use-mtime have no effect"
        );
    }
    Ok(Prepared {
        settings: Settings {
            fail_on,
            timeout: Duration::from_secs_f64(common.timeout_per_file),
            ..Settings::with(resolved)
        },
        options: deadline::Options {
            as_of,
            received_at,
            receipts,
            use_mtime: args.use_mtime,
            report_on_time: common.report_on_time,
        },
        inputs,
        jobs: common.jobs,
        progress: false,
    })
}

impl Prepared {
    /// Checks every input, judges deadlines, computes batch findings.
    fn run(&self) -> Run {
        let settings = &self.settings;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs.unwrap_or(0))
            .build();
        let bar = progress::bar(self.progress, self.inputs.len());
        let on_done = || {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        };
        let mut files = match pool {
            Ok(pool) => pool.install(|| check::check_all(&self.inputs, settings, &on_done)),
            // No worker threads: check on this one.
            Err(_) => self
                .inputs
                .iter()
                .map(|(path, display)| {
                    let report = check::check_path(path, display, settings);
                    on_done();
                    report
                })
                .collect(),
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        // Receipts that match no input become `unmatched-receipt` batch findings, reported
        // with the run (and on stderr by `register --format csv`), once.
        let unmatched = check::apply_deadlines(&mut files, &self.inputs, settings, &self.options);
        let mut batch = check::batch_findings(&files, settings);
        batch.extend(check::unmatched_findings(
            &unmatched,
            self.options.receipts.as_ref(),
            settings,
        ));
        Run {
            files,
            fields: crate::report::fields_of(&settings.profile),
            vars: crate::rules::vars::Vars::new(&settings.profile, settings.meeting.as_ref()),
            batch,
            profile: settings.profile.id.clone(),
            meeting: settings.meeting.as_ref().map(|m| m.id.clone()),
            fail_on: settings.fail_on,
            policy: settings.policy.clone(),
            exit_code: 0,
        }
    }
}

/// `fgcheck register`: the register is a report, so it exits 0 once written (2 on a usage
/// error); `check` is the gate.
fn run_register(args: RegisterArgs) -> i32 {
    let mut prepared = match prepare(
        &Common {
            paths: &args.paths,
            meeting: args.meeting.as_deref(),
            profile: args.profile.as_deref(),
            rules_dirs: &args.rules_dirs,
            timeout_per_file: args.timeout_per_file,
            jobs: args.jobs,
            deadline: &args.deadline,
            report_on_time: true,
            allow_empty: args.allow_empty,
        },
        Severity::Error,
    ) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    prepared.progress = true;
    let run = prepared.run();
    let register = report::register::Register::new(
        &run,
        &prepared.settings,
        prepared.options.as_of,
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
    0
}

fn run_serve(args: ServeArgs) -> i32 {
    let data = match load_data(&args.rules_dirs) {
        Ok(data) => data,
        Err(code) => return code,
    };
    let selection = Selection {
        meeting: args.meeting.clone(),
        profile: args.profile.clone(),
    };
    // Report a typo now; the page resolves the selection again for every check, so that
    // "the next meeting" follows the clock while the server runs.
    if let Err(message) = selection.resolve(&data, jiff::Timestamp::now()) {
        return usage_error(message);
    }
    if args.max_file_mb == 0 || args.max_request_mb == 0 || args.max_files == 0 {
        return usage_error("the --max-* limits must be at least 1");
    }
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "fgcheck: warning: listening on {}, reachable from other machines; documents sent to it are checked here",
            args.listen
        );
    }
    let limits = crate::serve::Limits {
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
        max_request_bytes: args.max_request_mb.saturating_mul(1024 * 1024),
        max_files: args.max_files,
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
        ..crate::serve::Limits::default()
    };
    let app = crate::serve::App::new(data, selection, limits);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return usage_error(format!("cannot start the server: {error}")),
    };
    if args.open {
        let url = format!("http://{}/", args.listen);
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        // Best effort: the URL is printed anyway.
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    match runtime.block_on(crate::serve::serve(app, args.listen)) {
        Ok(()) => 0,
        Err(error) => usage_error(format!("cannot serve on {}: {error}", args.listen)),
    }
}

fn list_rules(format: ListFormat) -> i32 {
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "slug": r.slug, "severity": r.severity.as_str(),
                        "area": r.area, "summary": r.summary, "source": r.source,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rules).unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Human => {
            for rule in rules::ALL {
                out.push_str(&format!(
                    "{:<6} {:<26} {:<8} {}\n",
                    rule.code,
                    rule.slug,
                    rule.severity.as_str(),
                    rule.summary
                ));
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    0
}

fn list_meetings(format: ListFormat, dirs: &[PathBuf]) -> i32 {
    let data = match load_data(dirs) {
        Ok(data) => data,
        Err(code) => return code,
    };
    let now = jiff::Timestamp::now();
    let next = check::next_meeting(&data, now, None).map(|m| m.id.clone());
    let passed = |m: &crate::profile::Meeting| m.deadline().is_ok_and(|d| d.timestamp() < now);
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let meetings: Vec<serde_json::Value> = data
                .meetings
                .values()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "name": m.name, "profile": m.profile, "place": m.place,
                        "start": m.start.to_string(), "end": m.end.to_string(),
                        "input_deadline": m.input_deadline.to_string(),
                        "deadline": m.deadline().map(|d| d.to_string()).unwrap_or_default(),
                        "time_zone": m.time_zone_name,
                        "registration_deadline": m.registration_deadline.map(|d| d.to_string()),
                        "study_period": m.study_periods, "language": m.language, "secretariat": m.secretariat,
                        "next": next.as_deref() == Some(m.id.as_str()),
                        "deadline_passed": passed(m),
                    })
                })
                .collect();
            let profiles: Vec<serde_json::Value> = data
                .profiles
                .values()
                .map(|p| serde_json::json!({"id": p.id, "name": p.name, "lineage": p.lineage}))
                .collect();
            out = serde_json::to_string_pretty(
                &serde_json::json!({"meetings": meetings, "profiles": profiles}),
            )
            .unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Human => {
            out.push_str(
                "meetings (without --meeting, a check uses the next one whose inputs are still due):\n",
            );
            for m in data.meetings.values() {
                let default = if next.as_deref() == Some(m.id.as_str()) {
                    " (next)"
                } else if passed(m) {
                    " (deadline passed)"
                } else {
                    ""
                };
                let deadline = m
                    .deadline()
                    .map(|d| d.strftime("%Y-%m-%d %H:%M:%S %Z").to_string())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {}{default}: {} — {}, {} to {}; inputs due {deadline} ({}); profile {}\n",
                    m.id, m.name, m.place, m.start, m.end, m.time_zone_name, m.profile
                ));
            }
            out.push_str("profiles:\n");
            for p in data.profiles.values() {
                out.push_str(&format!(
                    "  {}: {} ({})\n",
                    p.id,
                    p.name,
                    p.lineage.join(" -> ")
                ));
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    0
}
