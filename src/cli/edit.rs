//! What `fgcheck annotate` and `fgcheck fix` share: the checks of `fgcheck check` (the
//! same plan), then an edited copy of each readable input (see [`crate::edit`]). Inputs
//! that cannot be read are reported with the same finding `check` gives them, and nothing
//! is written for them.

use std::io::Write;
use std::path::PathBuf;

use super::CliError;
use super::plan::{
    Common, DeadlineArgs, PolicyArgs, Prepared, WorkArgs, effective_config, prepare,
};
use crate::check::{self, FileReport};
use crate::diag::Finding;
use crate::edit::output;
use crate::run::Run;

/// The checks `check` would run, over the given inputs, with policy and suppressions.
pub struct Checked {
    pub prepared: Prepared,
    pub run: Run,
}

/// Runs the plan `check` would run; `keep_documents` for `fix`, which edits the model.
pub fn run_checks(
    paths: &[PathBuf],
    policy: &PolicyArgs,
    deadline: &DeadlineArgs,
    work: WorkArgs,
    keep_documents: bool,
) -> Result<Checked, CliError> {
    let effective = effective_config(policy, None)?;
    let mut prepared = prepare(&Common {
        paths,
        effective: &effective,
        work,
        deadline,
        report_on_time: false,
        allow_empty: false,
    })?;
    prepared.plan.keep_documents = keep_documents;
    // Copies fgcheck made are not inputs when a folder is walked (named ones still are).
    prepared
        .inputs
        .retain(|(path, _)| paths.contains(path) || !output::is_own_copy(path));
    let run = prepared.run(false, None);
    Ok(Checked { prepared, run })
}

impl Checked {
    /// Checks bytes as the input at `index` would be checked (deadline and suppressions
    /// included): the fixed copy, or an annotated copy stripped of fgcheck's comments.
    pub fn recheck(&self, index: usize, bytes: &[u8], display: &str) -> FileReport {
        let plan = &self.prepared.plan;
        let report = check::check_bytes(bytes, display, &plan.settings);
        plan.finish_alone(self.prepared.inputs.get(index), report)
    }
}

/// The findings a copy speaks about: neither accepted nor switched off.
pub fn open_findings(report: &FileReport) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .cloned()
        .collect()
}

/// "error FG001/not-ooxml: ...": an unreadable input's finding, as `check` words it.
pub fn refusal_line(report: &FileReport, verb: &str) -> String {
    let finding = report.findings.first();
    match finding {
        Some(f) => format!(
            "{}: not {verb}: {} {}/{}: {}\n",
            report.path, f.severity, f.rule.code, f.rule.slug, f.message
        ),
        None => format!("{}: not {verb}: unreadable\n", report.path),
    }
}

pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
