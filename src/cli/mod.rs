//! The command line: `check`, `rules`, `explain`, `meetings`.
//!
//! Exit codes are a contract (tested): 0 nothing at or above `--fail-on`; 1 findings at or
//! above it; 2 usage or configuration error; 3 at least one input could not be read at all.

pub mod explain;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, Settings};
use crate::diag::{Policy, Severity};
use crate::profile::RuleData;
use crate::report::{self, Run};
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
    /// List every rule: code, slug, severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Explain one rule: why it exists, its source, a bad and a good example.
    Explain {
        /// A rule slug (missing-title) or code (FG109).
        rule: String,
    },
    /// List the meetings and profiles in the rule data.
    Meetings {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Extra rule data folders (a secretariat's own meetings).
        #[arg(long = "rules", value_name = "DIR")]
        rules_dirs: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (.docx, .docm, .dotx, .doc).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The meeting to check against (see `fgcheck meetings`); sets the profile too.
    #[arg(long)]
    pub meeting: Option<String>,
    /// The template profile (see `fgcheck meetings`); without --meeting, meeting rules are off.
    #[arg(long)]
    pub profile: Option<String>,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Print only the summary line (and nothing for passing files).
    #[arg(long, short)]
    pub quiet: bool,
    /// Files checked at once (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Extra rule data folders laid over the built-in `rules/`.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,
    /// Per-file time budget in seconds; a slower file is reported as too-slow.
    #[arg(long, default_value_t = 10.0)]
    pub timeout_per_file: f64,
    /// Always exit 0 (report only).
    #[arg(long)]
    pub exit_zero: bool,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
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
        Command::Rules { format } => list_rules(format),
        Command::Explain { rule } => explain::run(&rule),
        Command::Meetings { format, rules_dirs } => list_meetings(format, &rules_dirs),
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

/// Resolves --meeting / --profile against the data: a meeting brings its profile; a
/// profile alone checks the template without meeting rules.
pub fn resolve_settings(
    data: &RuleData,
    meeting: Option<&str>,
    profile: Option<&str>,
) -> Result<(crate::profile::Profile, Option<crate::profile::Meeting>), String> {
    let meeting_id = match (meeting, profile) {
        (Some(meeting), _) => Some(meeting.to_string()),
        (None, Some(_)) => None,
        (None, None) => data.default_meeting.clone(),
    };
    let meeting = match meeting_id {
        Some(id) => Some(data.meetings.get(&id).cloned().ok_or_else(|| {
            format!(
                "unknown meeting {id:?}; known: {}",
                data.meetings.keys().cloned().collect::<Vec<_>>().join(", ")
            )
        })?),
        None => None,
    };
    let profile_id = profile
        .map(str::to_string)
        .or_else(|| meeting.as_ref().map(|m| m.profile.clone()))
        .or_else(|| data.default_profile.clone())
        .ok_or_else(|| "no profile: give --profile or --meeting".to_string())?;
    let profile = data.profiles.get(&profile_id).cloned().ok_or_else(|| {
        format!(
            "unknown profile {profile_id:?}; known: {}",
            data.profiles.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })?;
    Ok((profile, meeting))
}

fn run_check(args: CheckArgs) -> i32 {
    let data = match load_data(&args.rules_dirs) {
        Ok(data) => data,
        Err(code) => return code,
    };
    let (profile, meeting) =
        match resolve_settings(&data, args.meeting.as_deref(), args.profile.as_deref()) {
            Ok(pair) => pair,
            Err(message) => return usage_error(message),
        };
    if !(args.timeout_per_file > 0.0 && args.timeout_per_file.is_finite()) {
        return usage_error("--timeout-per-file must be a positive number of seconds");
    }
    for path in &args.paths {
        if !path.exists() {
            return usage_error(format!("{}: no such file or folder", path.display()));
        }
    }
    let fail_on = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let settings = Settings {
        profile,
        meeting,
        policy: Policy::default(),
        fail_on,
        timeout: Duration::from_secs_f64(args.timeout_per_file),
    };
    let inputs = check::collect_inputs(&args.paths);
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(error) => return usage_error(format!("cannot start worker threads: {error}")),
    };
    let files = pool.install(|| check::check_all(&inputs, &settings, &|| {}));
    let mut run = Run {
        files,
        batch: Vec::new(),
        profile: settings.profile.id.clone(),
        meeting: settings.meeting.as_ref().map(|m| m.id.clone()),
        fail_on,
        exit_code: 0,
    };
    run.exit_code = run.compute_exit_code();
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = match args.format {
        Format::Json => report::json::render(&run),
        Format::Human if args.quiet => report::human::summary_line(&run),
        Format::Human => report::human::render(&run, report::human::Style { color, width: 100 }),
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`fgcheck check . | head`) is not an error of the check.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    if args.exit_zero { 0 } else { run.exit_code }
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
                        "study_period": m.study_period, "language": m.language, "secretariat": m.secretariat,
                        "default": data.default_meeting.as_deref() == Some(m.id.as_str()),
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
            out.push_str("meetings:\n");
            for m in data.meetings.values() {
                let default = if data.default_meeting.as_deref() == Some(m.id.as_str()) {
                    " (default)"
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
