//! How a command fails before (or instead of) a completed run, and the exit code each
//! failure gets: every one of them is exit 2, a usage or configuration error.

use std::path::PathBuf;

/// A command that could not run as asked.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A flag, path or combination of them that cannot work.
    #[error("{0}")]
    Usage(String),
    /// `fgcheck.toml` could not be read or holds an error.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The rule data (built-in or `--rules DIR`) could not be loaded.
    #[error("rule data: {0}")]
    RuleData(String),
    /// An output file the user named could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl CliError {
    pub fn usage(message: impl std::fmt::Display) -> CliError {
        CliError::Usage(message.to_string())
    }

    /// The exit code of a command that failed this way.
    pub fn exit_code(&self) -> i32 {
        2
    }
}
