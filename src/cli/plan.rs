//! What every command that checks files shares: where policy comes from (fgcheck.toml and
//! the flags), the rule data, and a validated [`Plan`] with its inputs.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::ValueEnum;

use super::CliError;
use crate::check::Settings;
use crate::config::{self, Effective, Format, Overrides};
use crate::deadline;
use crate::diag::Severity;
use crate::profile::{MeetingChoice, NO_MEETING, Resolved, RuleData};
use crate::run::{self, Plan};

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on errors only.
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
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

pub fn load_data(dirs: &[PathBuf]) -> Result<RuleData, CliError> {
    let loaded = if dirs.is_empty() {
        RuleData::builtin()
    } else {
        RuleData::with_folders(dirs)
    };
    loaded.map_err(|error| CliError::RuleData(error.to_string()))
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

/// The rule data, and the meeting and profile `effective` selects resolved against it now:
/// a typo in either is a usage error before anything else runs.
pub fn resolve_now(effective: &Effective) -> Result<(RuleData, Resolved), CliError> {
    let data = load_data(&effective.rules_dirs.value)?;
    let resolved = effective
        .selection()
        .resolve(&data, jiff::Timestamp::now())
        .map_err(CliError::Usage)?;
    Ok((data, resolved))
}

/// The words of the profile and meeting that `fgcheck.toml` and the flags select.
pub fn words_of(policy: &PolicyArgs) -> Result<crate::rules::vars::Vars, CliError> {
    let (_, resolved) = resolve_now(&effective_config(policy, None)?)?;
    Ok(crate::rules::vars::Vars::new(
        &resolved.profile,
        resolved.meeting.as_ref(),
    ))
}

/// Writes (or appends to) an output file the user named.
pub fn write_file(path: &std::path::Path, text: &str, append: bool) -> Result<(), CliError> {
    let result = if append {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
    } else {
        std::fs::write(path, text)
    };
    result.map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// How the files of a run are checked: the same flags for `check`, `register`, `annotate`
/// and `fix`.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct WorkArgs {
    /// Files checked at once (default: all cores; at most 256).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Per-file time budget in seconds; a slower file is reported as too-slow.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
}

/// What `check`, `register`, `annotate` and `fix` share.
pub struct Common<'a> {
    pub paths: &'a [PathBuf],
    pub effective: &'a Effective,
    pub work: WorkArgs,
    pub deadline: &'a DeadlineArgs,
    pub report_on_time: bool,
    pub allow_empty: bool,
}

/// A validated run, ready to check.
pub struct Prepared {
    pub plan: Plan,
    pub inputs: Vec<(PathBuf, String)>,
}

/// Validates the arguments (every problem is a usage error, exit 2, before any file is
/// read) and builds the run's plan: the same policy and suppressions whatever the command.
pub fn prepare(common: &Common<'_>) -> Result<Prepared, CliError> {
    let effective = common.effective;
    let data = load_data(&effective.rules_dirs.value)?;
    let args = common.deadline;
    let instant = |flag: &str, text: &Option<String>| {
        text.as_deref()
            .map(|t| {
                deadline::parse_instant(t).map_err(|e| CliError::usage(format!("{flag}: {e}")))
            })
            .transpose()
    };
    let as_of = instant("--as-of", &args.as_of)?;
    let selection = effective.selection();
    let resolved = selection
        .resolve(&data, as_of.unwrap_or_else(jiff::Timestamp::now))
        .map_err(CliError::Usage)?;
    let seconds = common.work.timeout_per_file;
    if !(seconds > 0.0 && seconds.is_finite()) {
        return Err(CliError::usage(
            "--timeout-per-file must be a positive number of seconds",
        ));
    }
    for path in common.paths {
        if !path.exists() {
            return Err(CliError::usage(format!(
                "{}: no such file or folder",
                path.display()
            )));
        }
    }
    let inputs = run::collect_inputs(common.paths);
    if inputs.is_empty() && !common.allow_empty {
        let paths: Vec<String> = common
            .paths
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let extensions: Vec<String> = run::EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
        return Err(CliError::usage(format!(
            "no Word file ({}) under {}; check the path, or pass --allow-empty to accept an empty batch",
            extensions.join(", "),
            paths.join(", ")
        )));
    }
    let received_at = instant("--received-at", &args.received_at)?;
    if received_at.is_some() && inputs.len() != 1 {
        return Err(CliError::usage(format!(
            "--received-at applies to one file, and {} were given; use --receipts FILE.csv (file,received_at) for several",
            inputs.len()
        )));
    }
    let receipts = args
        .receipts
        .as_deref()
        .map(deadline::Receipts::load)
        .transpose()
        .map_err(|e| CliError::usage(format!("--receipts: {e}")))?;
    if let Some(note) = resolved.note() {
        eprintln!("fgcheck: note: {note}");
    } else if resolved.choice == MeetingChoice::PreCheck
        && (received_at.is_some() || receipts.is_some() || args.use_mtime)
    {
        eprintln!(
            "fgcheck: warning: --meeting {NO_MEETING}: the deadline is not checked, so --received-at, --receipts and --use-mtime have no effect"
        );
    }
    let settings = Settings {
        fail_on: effective.fail_on.value,
        policy: effective.policy(),
        timeout: Duration::from_secs_f64(seconds),
        ..Settings::with(resolved)
    };
    Ok(Prepared {
        plan: Plan {
            deadline: deadline::Options {
                as_of,
                received_at,
                receipts,
                use_mtime: args.use_mtime,
                report_on_time: common.report_on_time,
            },
            suppressions: effective.suppressions.clone(),
            baseline: None,
            jobs: common.work.jobs,
            keep_documents: false,
            settings,
        },
        inputs,
    })
}

impl Prepared {
    /// Runs the plan over the inputs, with a progress bar on a terminal when `progress`.
    pub fn run(&self, progress: bool, stream: Option<run::Stream<'_>>) -> run::Run {
        self.run_with(progress, stream)
    }

    /// [`Prepared::run`] with files streamed as any `T` (a register's rows).
    pub fn run_with<T: Send>(
        &self,
        progress: bool,
        stream: Option<run::Stream<'_, T>>,
    ) -> run::Run {
        let bar = super::progress::bar(progress, self.inputs.len());
        let tick = || {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        };
        let run = self.plan.run_with(&self.inputs, stream, &tick);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        run
    }
}
