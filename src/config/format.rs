//! The report formats, named here (below the reports) because `fgcheck.toml` chooses one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Every report format `--format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Rich diagnostics per file, for people.
    Human,
    /// One line per finding: `path: severity[code/slug] anchor: message`.
    Concise,
    /// The `fgcheck/1` JSON document.
    Json,
    /// JSON Lines: one finding per line, with its path.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: a test suite per file, a test case per file and rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Jsonl,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Gitlab,
    ];

    /// What the format is for, as `--help` says it.
    pub fn description(self) -> &'static str {
        match self {
            Format::Human => "Rich diagnostics per file, for people",
            Format::Concise => "One line per finding: `path: severity[code/slug] anchor: message`",
            Format::Json => "The `fgcheck/1` JSON document",
            Format::Jsonl => "JSON Lines: one finding per line, with its path",
            Format::Sarif => "SARIF 2.1.0, for code scanning",
            Format::Github => "GitHub Actions workflow commands (annotations)",
            Format::Junit => "JUnit XML: a test suite per file, a test case per file and rule",
            Format::Gitlab => "GitLab Code Quality JSON",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Gitlab => "gitlab",
        }
    }
}
