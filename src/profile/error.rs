//! Errors in rule data, each pointing at its file, line and column.
//!
//! A secretariat edits these files by hand: an error names the place in the file, says what
//! was expected, and for a misspelt key suggests the nearest valid one. `fgcheck data check`
//! renders them with miette (the offending text underlined); everywhere else they print as
//! `file:line:column: message`.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};

/// The offending range and the file's text.
pub(crate) type Snippet = (Range<usize>, NamedSource<Arc<String>>);

/// A snippet's text, for miette (data and configuration errors alike).
pub(crate) fn snippet_source(snippet: Option<&Snippet>) -> Option<&dyn SourceCode> {
    snippet.map(|s| &s.1 as &dyn SourceCode)
}

/// A snippet's range, labelled "here", for miette.
pub(crate) fn snippet_labels(
    snippet: Option<&Snippet>,
) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
    let span = snippet?.0.clone();
    Some(Box::new(std::iter::once(LabeledSpan::new(
        Some("here".to_string()),
        span.start,
        span.end.saturating_sub(span.start),
    ))))
}

/// A problem in the rule data: exit code 2. Shown as `file:line:column: message (help)`;
/// as a miette diagnostic, with the offending text underlined and the help apart.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{}{}", self.headline(), help_suffix(help.as_deref()))]
pub struct DataError {
    pub file: String,
    pub message: String,
    /// 1-based line and column of the offending text; 0 when the error has no place.
    pub line: usize,
    pub column: usize,
    /// What to do, when there is a likely fix ("did you mean `number_example`?").
    pub help: Option<String>,
    /// The file's text and the offending range, for miette (boxed: errors travel far).
    snippet: Option<Box<Snippet>>,
}

impl PartialEq for DataError {
    fn eq(&self, other: &Self) -> bool {
        (&self.file, &self.message, self.line, self.column)
            == (&other.file, &other.message, other.line, other.column)
    }
}

impl DataError {
    /// An error about a whole file (it cannot be read, a reference between files).
    pub fn in_file(file: &str, message: impl Into<String>) -> DataError {
        DataError {
            file: file.to_string(),
            message: message.into(),
            line: 0,
            column: 0,
            help: None,
            snippet: None,
        }
    }

    /// An error at a byte range of a file's text.
    pub fn at(
        file: &str,
        text: &Arc<String>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> DataError {
        let (line, column) = line_column(text, span.start);
        DataError {
            file: file.to_string(),
            message: message.into(),
            line,
            column,
            help: None,
            snippet: Some(Box::new((span, NamedSource::new(file, Arc::clone(text))))),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> DataError {
        self.help = Some(help.into());
        self
    }

    /// A TOML parse error (syntax, type, unknown key), with the nearest key suggested for an
    /// unknown one.
    pub fn from_toml(file: &str, text: &Arc<String>, error: &toml::de::Error) -> DataError {
        let message = error.message().trim().to_string();
        let help = nearest_key_help(&message);
        let mut data_error = match error.span() {
            Some(span) => DataError::at(file, text, span, message),
            None => DataError::in_file(file, message),
        };
        data_error.help = help;
        data_error
    }
}

/// ` (help)` after the headline, when there is a help.
fn help_suffix(help: Option<&str>) -> String {
    help.map(|help| format!(" ({help})")).unwrap_or_default()
}

impl DataError {
    /// `file:line:column: message`, without the help (miette shows that apart).
    pub fn headline(&self) -> String {
        if self.line > 0 {
            format!(
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            format!("{}: {}", self.file, self.message)
        }
    }
}

/// A [`DataError`] for miette: its headline, its snippet and its help.
#[derive(thiserror::Error)]
#[error("{}", .0.headline())]
pub struct Report<'a>(pub &'a DataError);

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.headline())
    }
}

impl Diagnostic for Report<'_> {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}

impl Diagnostic for DataError {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        snippet_source(self.snippet.as_deref())
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        snippet_labels(self.snippet.as_deref())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the nearest valid key.
fn nearest_key_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|k| !k.is_empty())
        .collect();
    nearest(unknown, &valid).map(|key| format!("did you mean `{key}`?"))
}

/// The most similar of `candidates`, if it is similar enough to be a likely typo.
pub fn nearest<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(wanted, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_nearest_valid_one() {
        assert_eq!(
            nearest_key_help(
                "unknown field `numbr_example`, expected one of `template`, `group`, `number_example`"
            ),
            Some("did you mean `number_example`?".to_string())
        );
        assert_eq!(
            nearest_key_help("unknown field `colour`, expected one of `id`, `name`"),
            None
        );
    }

    #[test]
    fn errors_read_file_line_column_message_then_help() {
        let text = Arc::new("id = 'p'\nnumbr_example = 'x'\n".to_string());
        let error = DataError::at("rules/profiles/p.toml", &text, 9..22, "unknown field")
            .with_help("did you mean `number_example`?");
        assert_eq!(
            error.to_string(),
            "rules/profiles/p.toml:2:1: unknown field (did you mean `number_example`?)"
        );
        assert_eq!(
            Report(&error).to_string(),
            "rules/profiles/p.toml:2:1: unknown field"
        );
        let label = error.labels().and_then(|mut l| l.next()).expect("a label");
        assert_eq!((label.offset(), label.len()), (9, 13));
        assert!(error.source_code().is_some());
        assert_eq!(
            DataError::in_file("m.toml", "cannot be read").to_string(),
            "m.toml: cannot be read"
        );
    }

    #[test]
    fn places_are_lines_and_columns() {
        assert_eq!(line_column("a\nbc\nd", 0), (1, 1));
        assert_eq!(line_column("a\nbc\nd", 3), (2, 2));
        assert_eq!(line_column("a\nbc\nd", 99), (3, 2));
    }
}
