//! `fgcheck data check DIR...`: validates a secretariat's rule data before it is used.
//!
//! Each folder is laid over the built-in `rules/` (so a profile may extend `itu-t-fg`) and
//! every error found is reported at its file, line and column, with the offending text
//! underlined and the nearest valid key for a misspelt one. Exit 0 when the data is
//! valid, 2 otherwise.

use std::io::Write;
use std::path::PathBuf;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::profile::{self, RuleData};

pub fn check(dirs: &[PathBuf], color: bool) -> i32 {
    let mut files = Vec::new();
    for (name, text) in profile_builtin() {
        files.push((name, text));
    }
    let builtin_count = files.len();
    for dir in dirs {
        if let Err(error) = profile::collect_toml(dir, &mut files) {
            eprintln!("fgcheck: error: {error}");
            return 2;
        }
    }
    let own = files.len() - builtin_count;
    let (data, errors) = RuleData::check_files(&files);
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut stderr = std::io::stderr().lock();
    for error in &errors {
        let mut rendered = String::new();
        if handler
            .render_report(&mut rendered, &profile::error::Report(error))
            .is_ok()
        {
            let _ = stderr.write_all(rendered.as_bytes());
        } else {
            let _ = writeln!(stderr, "{error}");
        }
    }
    if !errors.is_empty() {
        let _ = writeln!(
            stderr,
            "fgcheck: {} error(s) in the rule data; nothing was checked against it",
            errors.len()
        );
        return 2;
    }
    let data = data.unwrap_or_default();
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}: {own} file(s) valid; with the built-in data: {} profile(s), {} meeting(s)",
        names.join(", "),
        data.profiles.len(),
        data.meetings.len()
    );
    0
}

fn profile_builtin() -> Vec<(String, String)> {
    profile::BUILTIN
        .iter()
        .map(|(name, text)| (format!("rules/{name}"), (*text).to_string()))
        .collect()
}
