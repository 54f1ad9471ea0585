//! The command line: one file per subcommand, each parsing its flags, asking the library
//! for a run ([`crate::run::Plan`]) and rendering it. Nothing here checks anything.
//!
//! Exit codes are a contract (tested), decided in one place ([`CliError::exit_code`] and
//! [`crate::run::Run::compute_exit_code`]): 0 nothing at or above `--fail-on`; 1 findings at
//! or above it; 2 usage or configuration error; 3 at least one input could not be read.

mod annotate;
mod check;
mod data;
mod edit;
mod error;
pub mod explain;
mod fix;
mod lists;
mod plan;
mod progress;
mod register;
#[cfg(feature = "serve")]
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

pub use check::CheckArgs;
pub use error::CliError;
pub use plan::{DeadlineArgs, PolicyArgs};

use crate::config::Format;

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
    Check(check::CheckArgs),
    /// The secretariat's intake register: one row per input with its header, received
    /// time, lateness and status (accepted, accepted-late, needs-fix, unreadable).
    Register(register::RegisterArgs),
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
        policy: plan::PolicyArgs,
        /// Print the JSON Schema of fgcheck.toml instead.
        #[arg(long)]
        schema: bool,
    },
    /// Serve a local web page where a contributor drops a .docx and sees what to fix.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Validate rule data (profiles, meetings) before using it.
    #[command(subcommand)]
    Data(DataCommand),
    /// Write a copy of each document with every finding as a Word comment where it is.
    Annotate(annotate::AnnotateArgs),
    /// Apply the fixes declared safe (metadata only) to a copy, then check it again.
    Fix(fix::FixArgs),
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
pub enum Color {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour (e.g. for a CI log that renders ANSI colours).
    Always,
    /// Never colour.
    Never,
}

impl Color {
    /// Whether to colour what goes to a stream that is, or is not, a terminal.
    pub fn enabled(self, terminal: bool) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

// The formats are named below the reports (fgcheck.toml chooses one); clap meets them here.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.description()))
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Register(args) => register::run(args),
        Command::Rules { format } => Ok(lists::rules(format)),
        Command::Explain {
            rule,
            profile,
            meeting,
            rules_dirs,
            no_config,
        } => {
            let policy = plan::PolicyArgs {
                no_config,
                meeting,
                profile,
                rules_dirs,
                ..plan::PolicyArgs::default()
            };
            plan::words_of(&policy).map(|vars| explain::run(&rule, &vars))
        }
        Command::Config { policy, schema } => lists::config(&policy, schema),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
        Command::Annotate(args) => annotate::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Meetings { format, rules_dirs } => lists::meetings(format, &rules_dirs),
        Command::Data(DataCommand::Check { dirs, color }) => Ok(data::check(
            &dirs,
            color.enabled(std::io::stderr().is_terminal()),
        )),
    };
    let code = match outcome {
        Ok(code) => code,
        Err(error) => {
            report_error(&error);
            error.exit_code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

/// Prints why a command could not run: one line, after the offending text of
/// `fgcheck.toml` drawn with miette when the error has a place in it.
fn report_error(error: &CliError) {
    if let CliError::Config(config) = error
        && config.line > 0
    {
        let color = Color::Auto.enabled(std::io::stderr().is_terminal());
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let mut rendered = String::new();
        if miette::GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .render_report(&mut rendered, config)
            .is_ok()
        {
            eprint!("{rendered}");
        }
    }
    eprintln!("fgcheck: error: {error}");
}
