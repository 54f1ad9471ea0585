//! `fgcheck.toml`: the project's policy, found by walking up from the current folder.
//!
//! ```toml
//! meeting = "fg-qit4n-5"
//! fail-on = "warning"
//! format = "human"
//! rules-dirs = ["our-meetings"]        # relative to this file
//!
//! [rules]
//! missing-keywords = "warning"         # slug or code = error | warning | info | off
//! FG113 = "off"
//!
//! [[suppress]]
//! rule = "placeholder-doc-number"
//! documents = "QIT4N-I-0*"             # glob on the document key (number, else file name)
//! reason = "numbers are assigned by the secretariat after upload"
//!
//! [[suppress]]
//! rule = "label-order"
//! paths = "inbox/legacy/*.docx"        # glob on the path as given
//! reason = "legacy inputs, checked by hand"
//! ```
//!
//! Loading is strict: unknown keys and unknown rules are errors naming the file and line
//! (exit 2). Every effective value remembers where it came from, for `fgcheck config`.
//! The JSON Schema at `docs/fgcheck.schema.json` is generated from [`ConfigFile`].

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobMatcher};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diag::{Policy, Severity};
use crate::profile::Selection;
use crate::profile::error::{Snippet, line_column, snippet_labels, snippet_source};
use crate::rules;

mod format;

pub use format::Format;

/// The name looked for in the current folder and its parents.
pub const FILE_NAME: &str = "fgcheck.toml";

/// fgcheck's configuration file (`fgcheck.toml`). Every key is optional; the command line
/// overrides what is set here.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "fgcheck.toml")]
pub struct ConfigFile {
    /// The meeting to check against (see `fgcheck meetings`), which sets the profile too;
    /// `none` for a pre-check without meeting rules. Without it, the next meeting whose
    /// input deadline has not passed applies, or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// The template profile (see `fgcheck meetings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// The lowest severity that fails the run (exit 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<Severity>,
    /// The report format (`--format`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Extra rule data folders, relative to this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules_dirs: Vec<String>,
    /// Per-rule severity: a rule slug or code, and `error`, `warning`, `info` or `off`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    /// Accepted findings: still shown, but they do not fail the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppress: Vec<SuppressEntry>,
    /// The text it was parsed from, to point errors found after parsing at a line.
    #[serde(skip)]
    #[schemars(skip)]
    pub source_text: String,
}

impl ConfigFile {
    /// The 1-based line of the `n`-th (0-based) occurrence of `key = ` or `key: "x"`
    /// style assignment of `value`, for error messages; 0 when not found.
    fn line_of(&self, key: &str, value: Option<&str>, nth: usize) -> usize {
        let mut seen = 0;
        for (index, line) in self.source_text.lines().enumerate() {
            let trimmed = line.trim_start();
            let Some((left, right)) = trimmed.split_once('=') else {
                continue;
            };
            let left = left.trim().trim_matches(|c| c == '"' || c == '\'');
            let right = right.trim().trim_matches(|c| c == '"' || c == '\'');
            if left == key && value.is_none_or(|v| right == v) {
                if seen == nth {
                    return index + 1;
                }
                seen += 1;
            }
        }
        0
    }
}

/// A rule's severity in the configuration, or `off`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "allow" => Some(Level::Off),
            other => Severity::parse(other).map(|s| match s {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
                Severity::Info => Level::Info,
            }),
        }
    }

    fn name(level: Option<Severity>) -> &'static str {
        level.map_or("off", Severity::as_str)
    }
}

/// One `[[suppress]]` entry. Give `documents`, `paths` or both (a finding must match all
/// that are given); the reason is required.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuppressEntry {
    /// The rule, by slug or code.
    pub rule: String,
    /// A glob on the document key: the document number (`QIT4N-I-0*`), or the file name
    /// when the number cannot be read. Case-insensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<String>,
    /// A glob on the file's path as given on the command line (`inbox/*.docx`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<String>,
    /// Why the finding is accepted; shown next to it in every report.
    pub reason: String,
}

/// Where an effective value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf),
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value and its origin.
#[derive(Clone, Debug)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    fn default(value: T) -> Self {
        Sourced {
            value,
            origin: Origin::Default,
        }
    }
}

/// A compiled `[[suppress]]` entry.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub rule: &'static rules::Rule,
    pub documents: Option<(String, GlobMatcher)>,
    pub paths: Option<(String, GlobMatcher)>,
    pub reason: String,
    /// The 1-based position among the file's `[[suppress]]` entries.
    pub index: usize,
    /// The file it came from.
    pub file: PathBuf,
}

impl Suppression {
    /// Does this entry cover a finding of `rule` in the file at `path` with `document_key`?
    pub fn matches(&self, rule: &rules::Rule, path: &str, document_key: &str) -> bool {
        if rule.slug != self.rule.slug {
            return false;
        }
        if let Some((_, glob)) = &self.documents
            && !glob.is_match(document_key)
        {
            return false;
        }
        if let Some((_, glob)) = &self.paths {
            let normal = path.replace('\\', "/");
            let trimmed = normal.trim_start_matches("./");
            if !glob.is_match(trimmed) {
                return false;
            }
        }
        true
    }

    /// How the entry reads in reports: `rule = "x", documents = "y"`.
    pub fn describe(&self) -> String {
        let mut text = format!("rule = {:?}", self.rule.slug);
        if let Some((pattern, _)) = &self.documents {
            text.push_str(&format!(", documents = {pattern:?}"));
        }
        if let Some((pattern, _)) = &self.paths {
            text.push_str(&format!(", paths = {pattern:?}"));
        }
        text
    }
}

/// What the command line says about policy; `None` and empty mean "not given".
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub meeting: Option<String>,
    pub profile: Option<String>,
    pub fail_on: Option<Severity>,
    pub format: Option<Format>,
    pub rules_dirs: Vec<PathBuf>,
    /// `--severity slug=level`, repeatable.
    pub severity: Vec<String>,
    /// `--select slug,..` (may repeat).
    pub select: Vec<String>,
    /// `--ignore slug,..` (may repeat).
    pub ignore: Vec<String>,
}

/// The configuration in force, each value with its origin.
#[derive(Clone, Debug)]
pub struct Effective {
    /// The configuration file read, if any.
    pub file: Option<PathBuf>,
    pub meeting: Sourced<Option<String>>,
    pub profile: Sourced<Option<String>>,
    pub fail_on: Sourced<Severity>,
    pub format: Sourced<Format>,
    pub rules_dirs: Sourced<Vec<PathBuf>>,
    /// Per-rule overrides by slug: a level, or `None` for off.
    pub severities: BTreeMap<&'static str, Sourced<Option<Severity>>>,
    pub select: Sourced<Vec<&'static str>>,
    pub suppressions: Vec<Suppression>,
}

/// A configuration problem: exit code 2. The message starts with its place, as printed
/// (`fgcheck.toml:8:1: unknown field ...`, `fgcheck.toml:7: [[suppress]] 1: ...`,
/// `--select: ...`). An error in a configuration file also carries the file, the line and
/// column, and the offending key or value, so that it renders as a miette diagnostic with
/// that text underlined.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    /// The configuration file, when the error is in one (not on the command line).
    pub file: Option<PathBuf>,
    /// 1-based line and column of the offending text; 0 when the error has no place.
    pub line: usize,
    pub column: usize,
    /// The offending range and the file's text, for miette (boxed: errors travel far).
    snippet: Option<Box<Snippet>>,
}

impl PartialEq for ConfigError {
    fn eq(&self, other: &Self) -> bool {
        (&self.message, &self.file, self.line, self.column)
            == (&other.message, &other.file, other.line, other.column)
    }
}

impl Eq for ConfigError {}

impl ConfigError {
    /// An error with no place in a file (the command line).
    pub fn new(message: impl Into<String>) -> ConfigError {
        ConfigError {
            message: message.into(),
            file: None,
            line: 0,
            column: 0,
            snippet: None,
        }
    }

    /// The same error, placed in `file` at `span` of its `text` (the whole file when the
    /// span is unknown). The message is unchanged.
    fn located(mut self, file: &Path, text: &str, span: Option<Range<usize>>) -> ConfigError {
        self.file = Some(file.to_path_buf());
        if let Some(span) = span {
            (self.line, self.column) = line_column(text, span.start);
            self.snippet = Some(Box::new((
                span,
                NamedSource::new(file.display().to_string(), Arc::new(text.to_string())),
            )));
        }
        self
    }
}

impl Diagnostic for ConfigError {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        snippet_source(self.snippet.as_deref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        snippet_labels(self.snippet.as_deref())
    }
}

/// A configuration file's text parsed with spans, to point errors found after parsing at
/// their key or value.
type Spans<'i> = Option<toml::Spanned<toml::de::DeTable<'i>>>;

/// Where a key of `[rules]` is written in a configuration file's text.
fn rules_key_span(spans: &Spans<'_>, name: &str) -> Option<Range<usize>> {
    let root = spans.as_ref()?;
    let (_, rules) = root
        .get_ref()
        .iter()
        .find(|(key, _)| **key.get_ref() == *"rules")?;
    let toml::de::DeValue::Table(rules) = rules.get_ref() else {
        return None;
    };
    rules
        .iter()
        .find(|(key, _)| **key.get_ref() == *name)
        .map(|(key, _)| key.span())
}

/// Where the value of `key` in the `index`-th (0-based) `[[suppress]]` entry is written;
/// the entry itself when it has no such key.
fn suppress_span(spans: &Spans<'_>, index: usize, key: &str) -> Option<Range<usize>> {
    let root = spans.as_ref()?;
    let (_, entries) = root
        .get_ref()
        .iter()
        .find(|(name, _)| **name.get_ref() == *"suppress")?;
    let toml::de::DeValue::Array(entries) = entries.get_ref() else {
        return None;
    };
    let entry = entries.get(index)?;
    let toml::de::DeValue::Table(table) = entry.get_ref() else {
        return Some(entry.span());
    };
    table
        .iter()
        .find(|(name, _)| **name.get_ref() == *key)
        .map_or(Some(entry.span()), |(_, value)| Some(value.span()))
}

/// The nearest `fgcheck.toml` in `start` or a parent folder.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(current) = dir {
        let candidate = current.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = current.parent();
    }
    None
}

/// Parses a configuration file's text strictly; errors name `file` and the line.
pub fn parse(text: &str, file: &Path) -> Result<ConfigFile, ConfigError> {
    let mut config = toml::from_str::<ConfigFile>(text).map_err(|error| {
        let place = match error.span() {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                format!("{}:{line}:{column}", file.display())
            }
            None => file.display().to_string(),
        };
        ConfigError::new(format!("{place}: {}", error.message().trim_end())).located(
            file,
            text,
            error.span(),
        )
    })?;
    config.source_text = text.to_string();
    Ok(config)
}

/// Reads and parses a configuration file.
pub fn read(file: &Path) -> Result<ConfigFile, ConfigError> {
    let text = std::fs::read_to_string(file).map_err(|error| {
        ConfigError::new(format!("{}: {error}", file.display())).located(file, "", None)
    })?;
    parse(&text, file)
}

fn rule_named(name: &str, place: &str) -> Result<&'static rules::Rule, ConfigError> {
    rules::find(name).ok_or_else(|| {
        ConfigError::new(format!(
            "{place}: unknown rule {name:?}; `fgcheck rules` lists them all"
        ))
    })
}

/// Splits `a,b` lists, dropping blanks.
fn names(list: &[String]) -> impl Iterator<Item = &str> {
    list.iter()
        .flat_map(|item| item.split(','))
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

fn glob(pattern: &str, case_insensitive: bool, place: &str) -> Result<GlobMatcher, ConfigError> {
    let built = if case_insensitive {
        GlobBuilder::new(pattern).case_insensitive(true).build()
    } else {
        GlobBuilder::new(pattern).literal_separator(true).build()
    };
    built
        .or_else(|_| Glob::new(pattern))
        .map(|g| g.compile_matcher())
        .map_err(|error| ConfigError::new(format!("{place}: bad glob {pattern:?}: {error}")))
}

/// A value the command line set.
fn cli_value<T>(value: T) -> Sourced<T> {
    Sourced {
        value,
        origin: Origin::CommandLine,
    }
}

/// Layers defaults, the configuration file (`file`, already read) and the command line.
pub fn resolve(
    file: Option<(&Path, &ConfigFile)>,
    cli: &Overrides,
) -> Result<Effective, ConfigError> {
    let mut effective = Effective {
        file: file.map(|(path, _)| path.to_path_buf()),
        meeting: Sourced::default(None),
        profile: Sourced::default(None),
        fail_on: Sourced::default(Severity::Error),
        format: Sourced::default(Format::Human),
        rules_dirs: Sourced::default(Vec::new()),
        severities: BTreeMap::new(),
        select: Sourced::default(Vec::new()),
        suppressions: Vec::new(),
    };
    if let Some((path, config)) = file {
        let origin = Origin::File(path.to_path_buf());
        let place = path.display().to_string();
        let at_line = |line: usize| {
            if line == 0 {
                place.clone()
            } else {
                format!("{place}:{line}")
            }
        };
        let sourced = |value| Sourced {
            value,
            origin: origin.clone(),
        };
        if let Some(meeting) = &config.meeting {
            effective.meeting = sourced(Some(meeting.clone()));
        }
        if let Some(profile) = &config.profile {
            effective.profile = sourced(Some(profile.clone()));
        }
        if let Some(level) = config.fail_on {
            effective.fail_on = Sourced {
                value: level,
                origin: origin.clone(),
            };
        }
        if let Some(format) = config.format {
            effective.format = Sourced {
                value: format,
                origin: origin.clone(),
            };
        }
        if !config.rules_dirs.is_empty() {
            let base = path.parent().unwrap_or(Path::new("."));
            effective.rules_dirs = Sourced {
                value: config.rules_dirs.iter().map(|d| base.join(d)).collect(),
                origin: origin.clone(),
            };
        }
        let text = config.source_text.as_str();
        // Parsed once more, with spans: the file is a few lines.
        let spans: Spans<'_> = toml::de::DeTable::parse(text).ok();
        // The line of a span of the file's text, else of the first `key = value` that reads
        // like it.
        let line_at = |span: &Option<Range<usize>>, fallback: usize| {
            span.as_ref()
                .map_or(fallback, |span| line_column(text, span.start).0)
        };
        for (name, level) in &config.rules {
            let span = rules_key_span(&spans, name);
            let line = line_at(&span, config.line_of(name, None, 0));
            let rule = rule_named(name, &format!("{}: [rules]", at_line(line)))
                .map_err(|error| error.located(path, text, span))?;
            effective.severities.insert(
                rule.slug,
                Sourced {
                    value: level.severity(),
                    origin: origin.clone(),
                },
            );
        }
        for (index, entry) in config.suppress.iter().enumerate() {
            let span_of = |key: &str| suppress_span(&spans, index, key);
            let rule_span = span_of("rule");
            let earlier_same_rule = config
                .suppress
                .iter()
                .take(index)
                .filter(|e| e.rule == entry.rule)
                .count();
            let line = line_at(
                &rule_span,
                config.line_of("rule", Some(&entry.rule), earlier_same_rule),
            );
            let index = index + 1;
            let at = format!("{}: [[suppress]] {index}", at_line(line));
            let rule = rule_named(&entry.rule, &at)
                .map_err(|error| error.located(path, text, rule_span.clone()))?;
            if entry.reason.trim().is_empty() {
                return Err(
                    ConfigError::new(format!("{at}: the reason must not be empty")).located(
                        path,
                        text,
                        span_of("reason"),
                    ),
                );
            }
            if entry.documents.is_none() && entry.paths.is_none() {
                return Err(ConfigError::new(format!(
                    "{at}: give `documents` or `paths` (to switch a rule off everywhere, use [rules] {} = \"off\")",
                    rule.slug
                ))
                .located(path, text, rule_span));
            }
            let documents = match &entry.documents {
                Some(pattern) => Some((
                    pattern.clone(),
                    glob(pattern, true, &at)
                        .map_err(|error| error.located(path, text, span_of("documents")))?,
                )),
                None => None,
            };
            let paths = match &entry.paths {
                Some(pattern) => Some((
                    pattern.clone(),
                    glob(pattern, false, &at)
                        .map_err(|error| error.located(path, text, span_of("paths")))?,
                )),
                None => None,
            };
            effective.suppressions.push(Suppression {
                rule,
                documents,
                paths,
                reason: entry.reason.trim().to_string(),
                index,
                file: path.to_path_buf(),
            });
        }
    }
    if let Some(meeting) = &cli.meeting {
        effective.meeting = cli_value(Some(meeting.clone()));
    }
    if let Some(profile) = &cli.profile {
        effective.profile = cli_value(Some(profile.clone()));
    }
    if let Some(level) = cli.fail_on {
        effective.fail_on = Sourced {
            value: level,
            origin: Origin::CommandLine,
        };
    }
    if let Some(format) = cli.format {
        effective.format = Sourced {
            value: format,
            origin: Origin::CommandLine,
        };
    }
    if !cli.rules_dirs.is_empty() {
        effective.rules_dirs = Sourced {
            value: cli.rules_dirs.clone(),
            origin: Origin::CommandLine,
        };
    }
    for item in &cli.severity {
        let Some((name, level)) = item.split_once('=') else {
            return Err(ConfigError::new(format!(
                "--severity {item:?}: expected RULE=LEVEL (error, warning, info or off)"
            )));
        };
        let rule = rule_named(name, "--severity")?;
        let level = Level::parse(level).ok_or_else(|| {
            ConfigError::new(format!(
                "--severity {item:?}: unknown level {level:?}; use error, warning, info or off"
            ))
        })?;
        effective
            .severities
            .insert(rule.slug, cli_value(level.severity()));
    }
    for name in names(&cli.ignore) {
        let rule = rule_named(name, "--ignore")?;
        effective.severities.insert(rule.slug, cli_value(None));
    }
    let mut select = Vec::new();
    for name in names(&cli.select) {
        select.push(rule_named(name, "--select")?.slug);
    }
    if !select.is_empty() {
        effective.select = cli_value(select);
    }
    Ok(effective)
}

impl Effective {
    /// The meeting and profile asked for, to resolve against the rule data.
    pub fn selection(&self) -> Selection {
        Selection {
            meeting: self.meeting.value.clone(),
            profile: self.profile.value.clone(),
        }
    }

    /// The severity policy the checker applies.
    pub fn policy(&self) -> Policy {
        Policy {
            // Effective keeps slugs (what `fgcheck config` shows); the checker keys by id.
            overrides: self
                .severities
                .iter()
                .filter_map(|(slug, level)| Some((rules::find(slug)?.id, level.value)))
                .collect(),
            select: self
                .select
                .value
                .iter()
                .filter_map(|slug| rules::find(slug).map(|r| r.id))
                .collect(),
        }
    }

    /// `fgcheck config`: the effective configuration as TOML, each value annotated with
    /// where it came from.
    ///
    /// `resolved` is the meeting and profile the rule data settles on when they are not
    /// set: the next meeting whose input deadline has not passed (or none), and its profile
    /// or the one in `defaults.toml`.
    pub fn describe(&self, resolved: (Option<&str>, &str)) -> String {
        fn line(out: &mut String, key: &str, value: String, origin: &Origin) {
            let text = format!("{key} = {value}");
            out.push_str(&format!("{text:<44} # {origin}\n"));
        }
        fn quoted(value: Option<&String>, fallback: Option<&str>) -> String {
            match (value, fallback) {
                (Some(v), _) => format!("{v:?}"),
                (None, Some(f)) => format!("{f:?}"),
                (None, None) => "\"\"".to_string(),
            }
        }
        let (resolved_meeting, resolved_profile) = resolved;
        let mut out = String::new();
        out.push_str(&format!(
            "# configuration file: {}\n",
            self.file
                .as_ref()
                .map_or("none".to_string(), |p| p.display().to_string())
        ));
        match (&self.meeting.value, resolved_meeting) {
            (Some(_), _) => line(
                &mut out,
                "meeting",
                quoted(self.meeting.value.as_ref(), resolved_meeting),
                &self.meeting.origin,
            ),
            // Not set: say what the run would use today, as a comment (the file stays
            // valid, and copying it does not pin a meeting by accident).
            (None, Some(next)) => out.push_str(&format!(
                "{:<44} # default: the next meeting whose input deadline has not passed\n",
                format!("# meeting = {next:?}")
            )),
            (None, None) => out.push_str(&format!(
                "{:<44} # default: no upcoming meeting, so no meeting rules\n",
                "# meeting"
            )),
        }
        line(
            &mut out,
            "profile",
            quoted(self.profile.value.as_ref(), Some(resolved_profile)),
            &self.profile.origin,
        );
        line(
            &mut out,
            "fail-on",
            format!("{:?}", self.fail_on.value.as_str()),
            &self.fail_on.origin,
        );
        line(
            &mut out,
            "format",
            format!("{:?}", self.format.value.as_str()),
            &self.format.origin,
        );
        let dirs: Vec<String> = self
            .rules_dirs
            .value
            .iter()
            .map(|d| format!("{:?}", d.display().to_string()))
            .collect();
        line(
            &mut out,
            "rules-dirs",
            format!("[{}]", dirs.join(", ")),
            &self.rules_dirs.origin,
        );
        let select: Vec<String> = self.select.value.iter().map(|s| format!("{s:?}")).collect();
        // Not a file key (`--select` is command-line only): shown as a comment, so that
        // the output stays a valid fgcheck.toml.
        line(
            &mut out,
            "# select",
            format!("[{}]", select.join(", ")),
            &self.select.origin,
        );
        out.push_str("\n[rules]\n");
        let policy = self.policy();
        for rule in rules::ALL {
            let (level, origin) = match self.severities.get(rule.slug) {
                Some(sourced) => (sourced.value, sourced.origin.clone()),
                None => (Some(rule.severity), Origin::Default),
            };
            let (level, origin) = if policy.severity_of(rule).is_none() && level.is_some() {
                ("off", format!("{origin}; not in select"))
            } else {
                (Level::name(level), origin.to_string())
            };
            let text = format!("{} = {level:?}", rule.slug);
            out.push_str(&format!("{text:<44} # {}, {origin}\n", rule.code));
        }
        for entry in &self.suppressions {
            out.push_str(&format!(
                "\n[[suppress]] # {} entry {}\n",
                entry.file.display(),
                entry.index
            ));
            out.push_str(&format!("rule = {:?}\n", entry.rule.slug));
            if let Some((pattern, _)) = &entry.documents {
                out.push_str(&format!("documents = {pattern:?}\n"));
            }
            if let Some((pattern, _)) = &entry.paths {
                out.push_str(&format!("paths = {pattern:?}\n"));
            }
            out.push_str(&format!("reason = {:?}\n", entry.reason));
        }
        out
    }
}

/// The JSON Schema of `fgcheck.toml`, as committed at `docs/fgcheck.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_file_and_line() {
        let error = parse(
            "meeting = \"fg-qit4n-5\"\n\n[rules]\nmissing-title = \"warning\"\n\n[[suppress]]\nrule = \"x\"\nreson = \"typo\"\n",
            Path::new("cfg/fgcheck.toml"),
        )
        .expect_err("unknown key");
        assert!(error.message.starts_with("cfg/fgcheck.toml:8:"), "{error}");
        assert!(error.message.contains("reson"), "{error}");
        assert_eq!((error.line, error.column), (8, 1));
        assert_eq!(error.file.as_deref(), Some(Path::new("cfg/fgcheck.toml")));
    }

    #[test]
    fn command_line_wins_over_file() {
        let config = parse(
            "fail-on = \"warning\"\n[rules]\nmissing-title = \"info\"\n",
            Path::new("fgcheck.toml"),
        )
        .expect("parses");
        let cli = Overrides {
            severity: vec!["FG109=off".into()],
            ..Overrides::default()
        };
        let effective = resolve(Some((Path::new("fgcheck.toml"), &config)), &cli).expect("ok");
        assert_eq!(effective.fail_on.value, Severity::Warning);
        let title = rules::find("FG109").expect("rule");
        let sourced = effective.severities.get(title.slug).expect("override");
        assert_eq!(sourced.value, None);
        assert_eq!(sourced.origin, Origin::CommandLine);
    }

    #[test]
    fn suppression_needs_scope_and_known_rule() {
        let config = parse(
            "[[suppress]]\nrule = \"no-such-rule\"\ndocuments = \"*\"\nreason = \"r\"\n",
            Path::new("f.toml"),
        )
        .expect("parses");
        let error = resolve(Some((Path::new("f.toml"), &config)), &Overrides::default())
            .expect_err("unknown rule");
        assert_eq!(
            error.to_string(),
            "f.toml:2: [[suppress]] 1: unknown rule \"no-such-rule\"; `fgcheck rules` lists them all"
        );
        // As a diagnostic: the file, line and column, and the rule's value underlined.
        assert_eq!((error.line, error.column), (2, 8));
        let label = error.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!((label.offset(), label.len()), (20, 14));
        let config = parse(
            "[[suppress]]\nrule = \"missing-title\"\nreason = \"r\"\n",
            Path::new("f.toml"),
        )
        .expect("parses");
        assert!(resolve(Some((Path::new("f.toml"), &config)), &Overrides::default()).is_err());
    }

    #[test]
    fn an_unknown_rule_in_rules_points_at_its_key() {
        let text =
            "fail-on = \"error\"\n[rules]\nmissing-title = \"warning\"\n\ncolour = \"off\"\n";
        let config = parse(text, Path::new("f.toml")).expect("parses");
        let error = resolve(Some((Path::new("f.toml"), &config)), &Overrides::default())
            .expect_err("unknown rule");
        assert_eq!(
            error.to_string(),
            "f.toml:5: [rules]: unknown rule \"colour\"; `fgcheck rules` lists them all"
        );
        assert_eq!((error.line, error.column), (5, 1));
        let label = error.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!(
            text.get(label.offset()..label.offset() + label.len()),
            Some("colour")
        );
        // A command-line error has no place in a file.
        let cli = Overrides {
            select: vec!["colour".into()],
            ..Overrides::default()
        };
        let error = resolve(None, &cli).expect_err("unknown rule");
        assert_eq!(error.file, None);
        assert!(error.labels().is_none());
    }

    #[test]
    fn a_config_error_renders_with_miette_at_its_file_line_and_column() {
        let text = "[rules]\ncolour = \"off\"\n";
        let config = parse(text, Path::new("fgcheck.toml")).expect("parses");
        let error = resolve(
            Some((Path::new("fgcheck.toml"), &config)),
            &Overrides::default(),
        )
        .expect_err("unknown rule");
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, &error)
            .expect("renders");
        assert!(out.contains("[fgcheck.toml:2:1]"), "{out}");
        assert!(out.contains("colour = \"off\""), "{out}");
        assert!(out.contains("unknown rule \"colour\""), "{out}");
    }

    #[test]
    fn document_glob_is_case_insensitive() {
        let config = parse(
            "[[suppress]]\nrule = \"missing-title\"\ndocuments = \"qit4n-i-0*\"\nreason = \"r\"\n",
            Path::new("f.toml"),
        )
        .expect("parses");
        let effective =
            resolve(Some((Path::new("f.toml"), &config)), &Overrides::default()).expect("ok");
        let entry = effective.suppressions.first().expect("one");
        let rule = rules::find("missing-title").expect("rule");
        assert!(entry.matches(rule, "a.docx", "QIT4N-I-012"));
        assert!(!entry.matches(rule, "a.docx", "QIT4N-I-112"));
    }
}
