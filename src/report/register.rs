//! `fgcheck register`: the secretariat's intake register, one row per input.
//!
//! Columns: file, document number, revision, the cover fields the profile marks for the
//! register (`register = true`: WG/Question, source, title, purpose...), contacts, received
//! (and its source), late by, error/warning/info counts, status and the first blocking
//! finding. Status is one of `accepted` (nothing blocks), `accepted-late` (only the
//! deadline was missed: the chairman decides), `needs-fix` (a finding at error level other
//! than `late`), `unreadable` (the file could not be read as a Word document).
//!
//! The header values are those of `--format json`'s `metadata` (one extractor, one truth).
//!
//! Every time in the register (the deadline, "as of", each received time) is in the
//! meeting's time zone with its offset, whatever zone a receipt or a document used.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde_json::{Value, json};

use crate::check::{FileReport, Settings, Status};
use crate::deadline::{self, Verdict};
use crate::diag::{Finding, Severity};
use crate::model::header::FieldKind;
use crate::report::json::{FindingJson, metadata};
use crate::report::{FieldInfo, Run};
use crate::rules::batch::{Number, number_of};

/// A register row's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowStatus {
    Accepted,
    AcceptedLate,
    NeedsFix,
    Unreadable,
}

impl RowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Accepted => "accepted",
            RowStatus::AcceptedLate => "accepted-late",
            RowStatus::NeedsFix => "needs-fix",
            RowStatus::Unreadable => "unreadable",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Number,
    Status,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContactRow {
    pub name: String,
    pub emails: Vec<String>,
}

/// One input.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub file: String,
    pub document_number: String,
    pub revision: String,
    /// The register's cover fields by key (`title`, `source`, `purpose`, `question`...).
    #[serde(flatten)]
    pub fields: BTreeMap<String, String>,
    pub contacts: Vec<ContactRow>,
    /// RFC 3339 in the meeting's time zone, with its offset (`2020-07-23T00:30:59+02:00`),
    /// or empty.
    pub received: String,
    /// `received-at`, `receipts`, `modified`, `mtime`, or empty.
    pub received_source: String,
    /// "31 minutes", or empty.
    pub late_by: String,
    pub late_by_seconds: Option<i64>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub status: RowStatus,
    pub first_blocking: String,
    #[serde(skip)]
    number: Option<Number>,
    #[serde(skip)]
    received_at: Option<Timestamp>,
}

/// The register of a run.
pub struct Register {
    /// The cover fields shown as columns, in reading order.
    pub columns: Vec<FieldInfo>,
    pub meeting: Option<String>,
    /// The meeting's time zone (IANA name), which every time is shown in.
    pub time_zone: Option<String>,
    zone: TimeZone,
    /// The input deadline.
    pub deadline: Option<Timestamp>,
    pub as_of: Option<Timestamp>,
    pub rows: Vec<Row>,
    pub batch: Vec<Finding>,
}

fn text_of(meta: &Value, key: &str) -> String {
    meta.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Blocking: counts against `--fail-on` and is not suppressed.
fn blocking(file: &FileReport, fail_on: Severity) -> impl Iterator<Item = &Finding> {
    file.findings
        .iter()
        .filter(move |f| f.suppressed.is_none() && f.severity >= fail_on)
}

fn row(
    file: &FileReport,
    settings: &Settings,
    all: &[FieldInfo],
    columns: &[FieldInfo],
    zone: &TimeZone,
) -> Row {
    let meta = metadata(file, all);
    let number = number_of(file.header.as_ref(), &settings.profile);
    let contacts = file
        .header
        .as_ref()
        .map(|h| {
            h.contacts
                .iter()
                .map(|c| ContactRow {
                    name: crate::text::fold(c.details.lines().next().unwrap_or_default()),
                    emails: c.emails.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let received = file.verdict.as_ref().and_then(Verdict::received);
    let late = file.verdict.as_ref().and_then(Verdict::late_by);
    let fail_on = settings.fail_on;
    let first_other = blocking(file, fail_on).find(|f| f.rule.id != crate::rules::RuleId::Late);
    let status = if file.status == Status::Unreadable {
        RowStatus::Unreadable
    } else if first_other.is_some() {
        RowStatus::NeedsFix
    } else if late.is_some() {
        RowStatus::AcceptedLate
    } else {
        RowStatus::Accepted
    };
    let first_blocking = first_other
        .or_else(|| blocking(file, fail_on).next())
        .map(|f| format!("{}: {}", f.rule.slug, f.message))
        .unwrap_or_default();
    Row {
        file: file.path.clone(),
        document_number: text_of(&meta, "document_number"),
        revision: number
            .as_ref()
            .map(Number::revision_label)
            .unwrap_or_default(),
        fields: columns
            .iter()
            .map(|c| (c.key.clone(), text_of(&meta, &c.key)))
            .collect(),
        contacts,
        received: received
            .map(|r| deadline::zoned_rfc3339(r.at, zone))
            .unwrap_or_default(),
        received_source: received
            .map(|r| r.source.key().to_string())
            .unwrap_or_default(),
        late_by: late.map(deadline::humanize).unwrap_or_default(),
        late_by_seconds: late,
        errors: file.count(Severity::Error),
        warnings: file.count(Severity::Warning),
        infos: file.count(Severity::Info),
        status,
        first_blocking,
        number,
        received_at: received.map(|r| r.at),
    }
}

/// Document numbers in reading order: `QIT4N-I-9` before `QIT4N-I-012`, revisions after
/// their base, files without a number last (by file name).
fn by_number(a: &Row, b: &Row) -> Ordering {
    fn key(number: &Number) -> (String, u64, String, u32) {
        let (head, tail) = number.base.rsplit_once('-').unwrap_or(("", &number.base));
        match tail.parse::<u64>() {
            Ok(n) => (head.to_string(), n, String::new(), number.revision),
            Err(_) => (number.base.clone(), 0, tail.to_string(), number.revision),
        }
    }
    match (&a.number, &b.number) {
        (Some(x), Some(y)) => key(x).cmp(&key(y)).then_with(|| a.file.cmp(&b.file)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.file.cmp(&b.file),
    }
}

fn status_rank(row: &Row) -> u8 {
    match (row.status, row.late_by_seconds.is_some()) {
        (RowStatus::Unreadable, _) => 0,
        (_, true) => 1,
        (RowStatus::NeedsFix, false) => 2,
        _ => 3,
    }
}

/// Makes a register's rows one file at a time (on the workers, as `register` streams the
/// run), so that no file's report is kept.
pub struct RowMaker<'a> {
    settings: &'a Settings,
    fields: Vec<FieldInfo>,
    columns: Vec<FieldInfo>,
    zone: TimeZone,
}

impl<'a> RowMaker<'a> {
    pub fn new(settings: &'a Settings) -> RowMaker<'a> {
        let fields = crate::run::fields_of(&settings.profile);
        let columns = fields
            .iter()
            .filter(|f| f.register && !matches!(f.kind, FieldKind::Number | FieldKind::Contact))
            .cloned()
            .collect();
        RowMaker {
            settings,
            fields,
            columns,
            zone: zone_of(settings),
        }
    }

    /// One file's row.
    pub fn row(&self, file: &FileReport) -> Row {
        row(file, self.settings, &self.fields, &self.columns, &self.zone)
    }

    /// The register of the rows made, in the order asked, with the run's batch findings.
    pub fn register(
        self,
        mut rows: Vec<Row>,
        run: &Run,
        as_of: Option<Timestamp>,
        sort: SortBy,
    ) -> Register {
        match sort {
            SortBy::Number => rows.sort_by(by_number),
            SortBy::Status => rows.sort_by(|a, b| {
                status_rank(a)
                    .cmp(&status_rank(b))
                    .then_with(|| by_number(a, b))
            }),
        }
        let settings = self.settings;
        let deadline = settings
            .meeting
            .as_ref()
            .and_then(|m| m.deadline().ok())
            .map(|d| d.timestamp());
        Register {
            columns: self.columns,
            meeting: settings.meeting.as_ref().map(|m| m.id.clone()),
            time_zone: settings.meeting.as_ref().map(|m| m.time_zone_name.clone()),
            zone: self.zone,
            deadline,
            as_of,
            rows,
            batch: run.batch.clone(),
        }
    }
}

fn zone_of(settings: &Settings) -> TimeZone {
    settings
        .meeting
        .as_ref()
        .map_or(TimeZone::UTC, |m| m.time_zone.clone())
}

impl Register {
    /// The register of a run whose files were kept.
    pub fn new(run: &Run, settings: &Settings, as_of: Option<Timestamp>, sort: SortBy) -> Self {
        let maker = RowMaker::new(settings);
        let rows = run.files.iter().map(|f| maker.row(f)).collect();
        maker.register(rows, run, as_of, sort)
    }

    fn contacts_text(row: &Row) -> String {
        row.contacts
            .iter()
            .map(|c| {
                if c.emails.is_empty() {
                    c.name.clone()
                } else {
                    format!("{} <{}>", c.name, c.emails.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn field(row: &Row, key: &str) -> String {
        row.fields.get(key).cloned().unwrap_or_default()
    }

    fn headers(&self) -> Vec<String> {
        let mut headers: Vec<String> = ["file", "document_number", "revision"]
            .map(String::from)
            .to_vec();
        headers.extend(self.columns.iter().map(|c| c.key.clone()));
        headers.extend(
            [
                "contacts",
                "received",
                "received_source",
                "late_by",
                "late_by_seconds",
                "errors",
                "warnings",
                "infos",
                "status",
                "first_blocking",
            ]
            .map(String::from),
        );
        headers
    }

    fn cells(&self, row: &Row) -> Vec<String> {
        let mut cells = vec![
            row.file.clone(),
            row.document_number.clone(),
            row.revision.clone(),
        ];
        cells.extend(self.columns.iter().map(|c| Self::field(row, &c.key)));
        cells.extend([
            Self::contacts_text(row),
            row.received.clone(),
            row.received_source.clone(),
            row.late_by.clone(),
            row.late_by_seconds
                .map(|s| s.to_string())
                .unwrap_or_default(),
            row.errors.to_string(),
            row.warnings.to_string(),
            row.infos.to_string(),
            row.status.as_str().to_string(),
            row.first_blocking.clone(),
        ]);
        cells
    }

    /// CSV (RFC 4180, via the `csv` crate: titles hold commas and quotes).
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record(self.headers());
        for row in &self.rows {
            let _ = writer.write_record(self.cells(row));
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        let value = json!({
            "schema": "fgcheck-register/1",
            "tool": {"name": "fgcheck", "version": env!("CARGO_PKG_VERSION")},
            "meeting": self.meeting,
            "time_zone": self.time_zone,
            "deadline": self.deadline.map(|t| deadline::zoned_rfc3339(t, &self.zone)),
            "as_of": self.as_of.map(|t| deadline::zoned_rfc3339(t, &self.zone)),
            "rows": self.rows,
            "batch": self.batch.iter().map(FindingJson::new).collect::<Vec<_>>(),
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    /// A Markdown table for a mail or a wiki page, then the batch findings.
    pub fn to_markdown(&self) -> String {
        fn cell(text: &str) -> String {
            let text = text
                .replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace(['\n', '\r'], " ");
            crate::report::sanitize::line(&text).into_owned()
        }
        let mut out = String::from("# Intake register");
        if let Some(meeting) = &self.meeting {
            out.push_str(&format!(": {meeting}"));
        }
        out.push_str("\n\n");
        if let Some(zone) = &self.time_zone {
            out.push_str(&format!(
                "Times are in the meeting's time zone, {zone}, with their offset from UTC.\n"
            ));
        }
        if let Some(due) = self.deadline {
            out.push_str(&format!(
                "Input deadline: {}\n",
                deadline::zoned_text(due, &self.zone)
            ));
        }
        if let Some(as_of) = self.as_of {
            out.push_str(&format!(
                "As of: {}\n",
                deadline::zoned_text(as_of, &self.zone)
            ));
        }
        let mut counts = [0usize; 4];
        for row in &self.rows {
            counts[row.status as usize] += 1;
        }
        out.push_str(&format!(
            "Inputs: {} ({} accepted, {} accepted-late, {} needs-fix, {} unreadable)\n\n",
            self.rows.len(),
            counts[0],
            counts[1],
            counts[2],
            counts[3]
        ));
        let mut titles: Vec<String> = vec!["Number".into(), "Rev".into()];
        titles.extend(self.columns.iter().map(|c| c.name.clone()));
        titles.extend(
            [
                "Contacts",
                "Received",
                "Late by",
                "E/W/I",
                "Status",
                "First blocking finding",
                "File",
            ]
            .map(String::from),
        );
        out.push_str(&format!("| {} |\n", titles.join(" | ")));
        out.push_str(&format!("|{}\n", "---|".repeat(titles.len())));
        for row in &self.rows {
            let received = match row.received_at {
                Some(at) => format!(
                    "{} ({})",
                    deadline::zoned_text(at, &self.zone),
                    row.received_source
                ),
                None => String::new(),
            };
            let mut cells = vec![row.document_number.clone(), row.revision.clone()];
            cells.extend(self.columns.iter().map(|c| Self::field(row, &c.key)));
            cells.extend([
                Self::contacts_text(row),
                received,
                row.late_by.clone(),
                format!("{}/{}/{}", row.errors, row.warnings, row.infos),
                row.status.as_str().to_string(),
                crate::text::clip(&row.first_blocking, 120),
                row.file.clone(),
            ]);
            out.push('|');
            for c in cells {
                out.push(' ');
                out.push_str(&cell(&c));
                out.push_str(" |");
            }
            out.push('\n');
        }
        if !self.batch.is_empty() {
            out.push_str("\n## Batch\n\n");
            for finding in &self.batch {
                out.push_str(&format!(
                    "- {} `{}` ({}): {}\n",
                    finding.rule.code,
                    finding.rule.slug,
                    finding.severity,
                    cell(&finding.message)
                ));
            }
        }
        out
    }
}
