//! The deadline step of a run, file by file: every file is judged against the meeting's
//! input deadline; files that were read get `late` / `on-time` / `deadline-unknown` (the
//! policy applies to them like any finding). The verdict is kept on every file, unreadable
//! ones included (a receipt needs no document).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::{Timestamp, ZonedDateTime};

use crate::check::{FileReport, Settings};
use crate::deadline::{self, Options, Received, Unmatched};
use crate::diag::{Finding, Location};
use crate::rules;

/// The deadline of a run's meeting with the receipts matched to the inputs, computed once
/// before any file is checked.
pub struct Deadlines<'a> {
    settings: &'a Settings,
    options: &'a Options,
    due: Option<ZonedDateTime>,
    receipts: BTreeMap<usize, Received>,
    unmatched: Vec<Unmatched>,
    now: Timestamp,
}

impl<'a> Deadlines<'a> {
    /// Nothing is judged without a meeting (or with a meeting whose deadline cannot be
    /// read).
    pub fn new(
        settings: &'a Settings,
        options: &'a Options,
        inputs: &[(PathBuf, String)],
    ) -> Deadlines<'a> {
        let due = settings.meeting.as_ref().and_then(|m| m.deadline().ok());
        let (receipts, unmatched) = match (&due, &options.receipts) {
            (Some(_), Some(receipts)) => {
                let paths: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
                receipts.match_inputs(&paths)
            }
            _ => Default::default(),
        };
        Deadlines {
            settings,
            options,
            due,
            receipts,
            unmatched,
            now: options.as_of.unwrap_or_else(Timestamp::now),
        }
    }

    /// Judges the file at `index` of the inputs.
    pub fn apply(&self, file: &mut FileReport, index: usize, path: Option<&Path>) {
        let (settings, options) = (self.settings, self.options);
        let (Some(due), Some(meeting)) = (&self.due, settings.meeting.as_ref()) else {
            return;
        };
        let modified = file.meta.as_ref().and_then(|m| m.core.modified.clone());
        let created = file.meta.as_ref().and_then(|m| m.core.created.clone());
        let received = deadline::received_for(
            self.receipts.get(&index),
            options,
            modified.as_deref(),
            created.as_deref(),
            path,
        );
        let verdict = deadline::judge(due.timestamp(), received, self.now);
        if file.meta.is_some()
            && let Some(finding) = deadline::finding(
                meeting,
                due,
                &verdict,
                options.report_on_time,
                modified.as_deref(),
                created.as_deref(),
            )
        {
            let mut new = vec![finding];
            settings.policy.apply(&mut new);
            file.findings.extend(new);
        }
        file.verdict = Some(verdict);
    }

    /// `unmatched-receipt` findings for the rows of the receipts CSV that matched no input
    /// (the policy is applied by the caller).
    pub fn unmatched_findings(&self) -> Vec<Finding> {
        let name = self
            .options
            .receipts
            .as_ref()
            .map_or("receipts", |r| r.name.as_str());
        self.unmatched
            .iter()
            .map(|row| {
                Finding::new(
                    rules::RuleId::UnmatchedReceipt,
                    format!(
                        "{name}, line {}: {} matches no input: {}",
                        row.line, row.file, row.why
                    ),
                    Location::file(format!("{name}, line {}", row.line)),
                )
                .found(row.file.clone())
            })
            .collect()
    }
}
