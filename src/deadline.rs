//! Was a contribution received by the meeting's input deadline?
//!
//! Everything about the deadline (date, hour, time zone) comes from the meeting data in
//! `rules/meetings/`; this module holds no date or hour of its own. The received time comes
//! from the strongest source available, in this order:
//!
//! 1. `--received-at TIME` (one file only), what the secretariat saw arrive;
//! 2. `--receipts FILE.csv` (`file,received_at`), the secretariat's intake log;
//! 3. the document's `dcterms:modified`, with its offset honoured (a value without an
//!    offset is read as UTC, and the finding says so);
//! 4. the file's modification time on disk, only with `--use-mtime`.
//!
//! A receipt always beats `dcterms:modified`: TSB re-saves what it receives, so a modified
//! time later than the receipt is the secretariat's own save, not a late submission.
//!
//! "Now" is `--as-of` when given (reproducible runs), else the clock. Before the deadline a
//! document cannot be late yet: a received time later than "now" (a clock set wrong, a
//! future-dated save) is not judged until the deadline has passed.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use crate::diag::{Finding, Location};
use crate::profile::Meeting;
use crate::rules::RuleId;

/// Where a received time came from, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `--received-at`.
    ReceivedAt,
    /// A row of the `--receipts` CSV (file name as given, line number).
    Receipts { file: String, line: u64 },
    /// `dcterms:modified`; `assumed_utc` when it carried no offset.
    Modified { written: String, assumed_utc: bool },
    /// The file's modification time on disk (`--use-mtime`).
    Mtime,
    /// `dcterms:created`, when there is no `dcterms:modified`: a lower bound only (the
    /// document was received no earlier than it was made), so it can prove lateness, never
    /// punctuality.
    Created { written: String, assumed_utc: bool },
}

impl Source {
    /// Whether the time is what the secretariat recorded (not what the document says).
    pub fn is_receipt(&self) -> bool {
        matches!(self, Source::ReceivedAt | Source::Receipts { .. })
    }

    /// A short name for tables: `received-at`, `receipts`, `modified`, `mtime`.
    pub fn key(&self) -> &'static str {
        match self {
            Source::ReceivedAt => "received-at",
            Source::Receipts { .. } => "receipts",
            Source::Modified { .. } => "modified",
            Source::Mtime => "mtime",
            Source::Created { .. } => "created",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::ReceivedAt => f.write_str("--received-at"),
            Source::Receipts { file, line } => write!(f, "receipt in {file}, line {line}"),
            Source::Modified {
                written,
                assumed_utc: false,
            } => write!(
                f,
                "the document's last-saved time {written} (Modified, File > Info)"
            ),
            Source::Modified {
                written,
                assumed_utc: true,
            } => write!(
                f,
                "the document's last-saved time {written} (Modified, File > Info), which has no offset: read as UTC"
            ),
            Source::Mtime => f.write_str("the file's modification time (--use-mtime)"),
            Source::Created {
                written,
                assumed_utc,
            } => write!(
                f,
                "the document's creation time {written}{} (Created, File > Info), a lower bound: the document records no last-saved time",
                if *assumed_utc {
                    ", which has no offset: read as UTC"
                } else {
                    ""
                }
            ),
        }
    }
}

/// A received time and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    pub at: Timestamp,
    pub source: Source,
}

/// The outcome for one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Received after the deadline, by this many seconds.
    Late { received: Received, by: i64 },
    /// Received by the deadline, with this many seconds to spare.
    OnTime { received: Received, margin: i64 },
    /// "Now" is before the deadline and the received time is later than "now": not judged
    /// yet; `left` seconds until the deadline.
    NotYet { received: Received, left: i64 },
    /// No received time at all; `left` is the time to the deadline when it has not passed.
    Unknown { left: Option<i64> },
}

impl Verdict {
    pub fn received(&self) -> Option<&Received> {
        match self {
            Verdict::Late { received, .. }
            | Verdict::OnTime { received, .. }
            | Verdict::NotYet { received, .. } => Some(received),
            Verdict::Unknown { .. } => None,
        }
    }

    /// Seconds late, when late.
    pub fn late_by(&self) -> Option<i64> {
        match self {
            Verdict::Late { by, .. } => Some(*by),
            _ => None,
        }
    }
}

/// Judges a received time against a deadline, as of "now".
///
/// The deadline is a whole second ("by 23:59:59"): anything received within that second is
/// on time, so times are compared at second precision.
pub fn judge(deadline: Timestamp, received: Option<Received>, now: Timestamp) -> Verdict {
    let deadline_s = deadline.as_second();
    let now_s = now.as_second();
    let left = (now_s < deadline_s).then_some(deadline_s - now_s);
    let Some(received) = received else {
        return Verdict::Unknown { left };
    };
    let received_s = received.at.as_second();
    if let Some(left) = left
        && received_s > now_s
    {
        return Verdict::NotYet { received, left };
    }
    // A lower bound proves lateness, never punctuality.
    if matches!(received.source, Source::Created { .. }) && received_s <= deadline_s {
        return Verdict::Unknown { left };
    }
    if received_s > deadline_s {
        Verdict::Late {
            received,
            by: received_s - deadline_s,
        }
    } else {
        Verdict::OnTime {
            received,
            margin: deadline_s - received_s,
        }
    }
}

/// A span of seconds in words, two largest units: "31 minutes", "4 days 9 hours",
/// "1 second".
pub fn humanize(seconds: i64) -> String {
    let seconds = seconds.unsigned_abs();
    let units = [
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let mut parts = Vec::new();
    let mut rest = seconds;
    for (size, name) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 || !parts.is_empty() {
            parts.push((n, name));
        }
    }
    let words: Vec<String> = parts
        .into_iter()
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, name)| format!("{n} {name}{}", if n == 1 { "" } else { "s" }))
        .collect();
    if words.is_empty() {
        "0 seconds".into()
    } else {
        words.join(" ")
    }
}

/// An instant in a time zone (the meeting's), with the offset shown so that it can be
/// compared with any other: `2020-07-23 00:30:59 +02:00`. Every time fgcheck prints about
/// a meeting is in that meeting's zone.
pub fn zoned_text(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%d %H:%M:%S %:z")
        .to_string()
}

/// The same instant as RFC 3339 with the zone's offset, for CSV and JSON:
/// `2020-07-23T00:30:59+02:00`.
pub fn zoned_rfc3339(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// A meeting's deadline with its zone named: `2020-07-22 23:59:59 +02:00 (Europe/Zurich)`.
pub fn deadline_text(deadline: &ZonedDateTime, zone_name: &str) -> String {
    format!(
        "{} ({zone_name})",
        zoned_text(deadline.timestamp(), deadline.time_zone())
    )
}

/// Parses an ISO 8601 / RFC 3339 instant that must carry an offset (`Z`, `+02:00`).
pub fn parse_instant(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    text.parse::<Timestamp>().map_err(|_| {
        if text.parse::<DateTime>().is_ok() {
            format!("{text:?} has no offset: write it as {text}Z or with +HH:MM")
        } else {
            format!("{text:?} is not an ISO 8601 time such as 2020-07-22T23:59:59+02:00")
        }
    })
}

/// Reads `dcterms:modified` (W3CDTF). Offsets are honoured; a date and time without an
/// offset is read as UTC (`assumed_utc`); a bare date or garbage is not usable (`None`).
pub fn parse_modified(written: &str) -> Option<Received> {
    let text = written.trim();
    if let Ok(at) = text.parse::<Timestamp>() {
        return Some(Received {
            at,
            source: Source::Modified {
                written: text.to_string(),
                assumed_utc: false,
            },
        });
    }
    // A bare date parses as a DateTime at midnight: not a usable received time.
    if !text.contains('T') && !text.contains('t') {
        return None;
    }
    let civil = text.parse::<DateTime>().ok()?;
    let at = civil.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
    Some(Received {
        at,
        source: Source::Modified {
            written: text.to_string(),
            assumed_utc: true,
        },
    })
}

/// One row of the receipts CSV.
#[derive(Clone, Debug)]
pub struct Receipt {
    /// `file` as written.
    pub file: String,
    pub at: Timestamp,
    /// 1-based line in the CSV (the header is line 1).
    pub line: u64,
}

/// The secretariat's intake log (`--receipts`): `file,received_at`.
#[derive(Clone, Debug, Default)]
pub struct Receipts {
    /// The CSV as given on the command line, for messages.
    pub name: String,
    /// The folder relative `file` values are resolved against.
    pub folder: PathBuf,
    pub rows: Vec<Receipt>,
}

/// A receipt row that matched no input (reported, not fatal: the log may cover more files
/// than this run checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmatched {
    pub file: String,
    pub line: u64,
    pub why: String,
}

impl Receipts {
    /// Reads the CSV. A missing column, an unparsable time or a duplicate row is an error
    /// naming the line (a usage error: exit 2).
    pub fn load(path: &Path) -> Result<Receipts, String> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let folder = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Receipts::parse(&name, folder, &bytes)
    }

    pub fn parse(name: &str, folder: PathBuf, bytes: &[u8]) -> Result<Receipts, String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| format!("{name}, line 1: {e}"))?
            .clone();
        let column = |wanted: &str| {
            headers.iter().position(|h| {
                h.trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(wanted)
            })
        };
        let (Some(file_col), Some(at_col)) = (column("file"), column("received_at")) else {
            return Err(format!(
                "{name}, line 1: the header must name the columns file,received_at (found {:?})",
                headers.iter().collect::<Vec<_>>().join(",")
            ));
        };
        let mut rows: Vec<Receipt> = Vec::new();
        for record in reader.records() {
            // The csv crate's own line count skips blank lines: count newlines instead.
            // A record's position may point at the blank lines before it: skip them.
            let line_at = |byte: u64| {
                let mut end = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
                while bytes.get(end).is_some_and(|c| *c == b'\n' || *c == b'\r') {
                    end += 1;
                }
                bytes
                    .get(..end)
                    .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count()) as u64
                    + 1
            };
            let record = record.map_err(|e| {
                let line = e.position().map(|p| line_at(p.byte())).unwrap_or(0);
                format!("{name}, line {line}: {e}")
            })?;
            let line = record.position().map(|p| line_at(p.byte())).unwrap_or(0);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let file = record.get(file_col).unwrap_or_default().to_string();
            let at_text = record.get(at_col).unwrap_or_default();
            if file.is_empty() {
                return Err(format!("{name}, line {line}: the file column is empty"));
            }
            let at = parse_instant(at_text)
                .map_err(|e| format!("{name}, line {line}: received_at {e}"))?;
            if let Some(first) = rows.iter().find(|r| r.file == file) {
                return Err(format!(
                    "{name}, line {line}: {file} already has a receipt on line {}",
                    first.line
                ));
            }
            rows.push(Receipt { file, at, line });
        }
        Ok(Receipts {
            name: name.to_string(),
            folder,
            rows,
        })
    }

    /// Matches rows to inputs: `file` as a path relative to the CSV's folder first, else by
    /// a file name that exactly one input has. Returns the receipt per input index and the
    /// rows that matched nothing.
    pub fn match_inputs(&self, inputs: &[PathBuf]) -> (BTreeMap<usize, Received>, Vec<Unmatched>) {
        let canonical: Vec<Option<PathBuf>> = inputs
            .iter()
            .map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let names: Vec<Option<String>> = inputs
            .iter()
            .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let mut matched = BTreeMap::new();
        let mut unmatched = Vec::new();
        for row in &self.rows {
            let received = Received {
                at: row.at,
                source: Source::Receipts {
                    file: self.name.clone(),
                    line: row.line,
                },
            };
            let joined = self.folder.join(&row.file);
            let by_path = std::fs::canonicalize(&joined).ok().and_then(|target| {
                canonical
                    .iter()
                    .position(|c| c.as_deref() == Some(target.as_path()))
            });
            let index = match by_path {
                Some(index) => Some(index),
                None => {
                    let wanted = Path::new(&row.file)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned());
                    let hits: Vec<usize> = names
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| wanted.is_some() && **n == wanted)
                        .map(|(i, _)| i)
                        .collect();
                    match hits.as_slice() {
                        [one] => Some(*one),
                        [] => {
                            unmatched.push(Unmatched {
                                file: row.file.clone(),
                                line: row.line,
                                why: "no input has this path or file name".into(),
                            });
                            None
                        }
                        many => {
                            unmatched.push(Unmatched {
                                file: row.file.clone(),
                                line: row.line,
                                why: format!(
                                    "{} inputs have this file name; write the path relative to the CSV's folder",
                                    many.len()
                                ),
                            });
                            None
                        }
                    }
                }
            };
            if let Some(index) = index {
                // Two rows reaching one input (a path and a bare name): the first row wins.
                matched.entry(index).or_insert(received);
            }
        }
        (matched, unmatched)
    }
}

/// How deadlines are judged in a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// "Now"; `None` reads the clock.
    pub as_of: Option<Timestamp>,
    /// `--received-at` (the run has one input).
    pub received_at: Option<Timestamp>,
    pub receipts: Option<Receipts>,
    pub use_mtime: bool,
    /// Report `on-time` for every judged document, not only receipts.
    pub report_on_time: bool,
}

/// The received time for one input, strongest source first.
pub fn received_for(
    receipt: Option<&Received>,
    options: &Options,
    modified: Option<&str>,
    created: Option<&str>,
    path: Option<&Path>,
) -> Option<Received> {
    if let Some(at) = options.received_at {
        return Some(Received {
            at,
            source: Source::ReceivedAt,
        });
    }
    if let Some(received) = receipt {
        return Some(received.clone());
    }
    if let Some(received) = modified.and_then(parse_modified) {
        return Some(received);
    }
    if options.use_mtime
        && let Some(path) = path
        && let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified())
        && let Ok(at) = Timestamp::try_from(modified)
    {
        return Some(Received {
            at,
            source: Source::Mtime,
        });
    }
    if modified.is_none()
        && let Some(Received {
            at,
            source:
                Source::Modified {
                    written,
                    assumed_utc,
                },
        }) = created.and_then(parse_modified)
    {
        return Some(Received {
            at,
            source: Source::Created {
                written,
                assumed_utc,
            },
        });
    }
    None
}

/// The finding for a verdict, if the verdict is worth one. `modified` is quoted when it
/// was present but not usable.
pub fn finding(
    meeting: &Meeting,
    deadline: &ZonedDateTime,
    verdict: &Verdict,
    report_on_time: bool,
    modified: Option<&str>,
    created: Option<&str>,
) -> Option<Finding> {
    let due = deadline_text(deadline, &meeting.time_zone_name);
    let zone = deadline.time_zone();
    let location = Location::file("received time");
    match verdict {
        Verdict::Late { received, by } => Some(
            Finding::new(
                RuleId::Late,
                format!(
                    "received {} ({}), {} late: inputs to {} were due by {due}",
                    zoned_text(received.at, zone),
                    received.source,
                    humanize(*by),
                    meeting.id
                ),
                location,
            )
            .expected(format!("received by {due}"))
            .found(format!("received {}", zoned_text(received.at, zone))),
        ),
        Verdict::OnTime { received, margin } => {
            (report_on_time || received.source.is_receipt()).then(|| {
                Finding::new(
                    RuleId::OnTime,
                    format!(
                        "received {} ({}), {} before the deadline {due}",
                        zoned_text(received.at, zone),
                        received.source,
                        humanize(*margin)
                    ),
                    location,
                )
                .found(format!("received {}", zoned_text(received.at, zone)))
            })
        }
        Verdict::NotYet { received, left } => {
            (report_on_time || received.source.is_receipt()).then(|| {
                Finding::new(
                    RuleId::OnTime,
                    format!(
                        "not late yet: the received time {} ({}) is after now, with {} left before the deadline {due}",
                        zoned_text(received.at, zone),
                        received.source,
                        humanize(*left)
                    ),
                    location,
                )
                .found(format!("received {}", zoned_text(received.at, zone)))
            })
        }
        Verdict::Unknown { left } => {
            let why = match (modified, created.and_then(parse_modified)) {
                (Some(written), _) => {
                    format!(
                        "the document's last-saved time (Modified) {:?} is not a date and time",
                        crate::text::clip(written, 40)
                    )
                }
                (None, Some(created)) => format!(
                    "the document records no last-saved time; its creation time ({}) is before the deadline, which says when it was made, not when it was sent",
                    zoned_text(created.at, &meeting.time_zone)
                ),
                (None, None) => "the document records no last-saved time (Modified)".to_string(),
            };
            let left = match left {
                Some(left) => format!("; {} left before the deadline", humanize(*left)),
                None => String::new(),
            };
            Some(
                Finding::new(
                    RuleId::DeadlineUnknown,
                    format!(
                        "no received time: no receipt, and {why}; the deadline is {due}{left}"
                    ),
                    location,
                )
                .expected("a receipt (--receipts, --received-at) or the document's last-saved time"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::RuleData;

    fn meeting() -> Meeting {
        RuleData::builtin().unwrap().meetings["fg-qit4n-5"].clone()
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn modified(text: &str) -> Option<Received> {
        parse_modified(text)
    }

    #[expect(
        clippy::unnecessary_wraps,
        reason = "an Option, as the other received-time helpers return"
    )]
    fn receipt(text: &str) -> Option<Received> {
        Some(Received {
            at: ts(text),
            source: Source::Receipts {
                file: "receipts.csv".into(),
                line: 2,
            },
        })
    }

    /// (case, received, as of, expected verdict kind, seconds late/spare/left).
    #[test]
    fn boundary_cases() {
        let deadline = meeting().deadline().unwrap().timestamp();
        assert_eq!(deadline, ts("2020-07-22T21:59:59Z"));
        let after = "2020-09-01T00:00:00Z";
        let cases: Vec<(&str, Option<Received>, &str, &str, i64)> = vec![
            (
                "exactly the deadline second",
                modified("2020-07-22T23:59:59+02:00"),
                after,
                "on-time",
                0,
            ),
            (
                "within the deadline second",
                modified("2020-07-22T21:59:59.900Z"),
                after,
                "on-time",
                0,
            ),
            (
                "one second after",
                modified("2020-07-22T22:00:00Z"),
                after,
                "late",
                1,
            ),
            (
                "Z: 22:30Z is 00:30 Geneva, late",
                modified("2020-07-22T22:30:00Z"),
                after,
                "late",
                1801,
            ),
            (
                "+02:00: 23:30 Geneva is on time",
                modified("2020-07-22T23:30:00+02:00"),
                after,
                "on-time",
                1799,
            ),
            (
                "no offset read as UTC: 23:30 UTC is late",
                modified("2020-07-22T23:30:00"),
                after,
                "late",
                5401,
            ),
            (
                "receipt 31 minutes late",
                receipt("2020-07-22T22:30:59Z"),
                after,
                "late",
                1860,
            ),
            (
                "no received time after the deadline",
                None,
                after,
                "unknown",
                0,
            ),
            (
                "no received time before the deadline",
                None,
                "2020-07-20T21:59:59Z",
                "unknown",
                2 * 86_400,
            ),
            (
                "received after now, now before the deadline",
                modified("2020-07-25T00:00:00Z"),
                "2020-07-21T21:59:59Z",
                "not-yet",
                86_400,
            ),
            (
                "received before now, now before the deadline",
                modified("2020-07-20T09:15:00Z"),
                "2020-07-21T00:00:00Z",
                "on-time",
                2 * 86_400 + 12 * 3600 + 44 * 60 + 59,
            ),
            (
                "late received after now, now after the deadline",
                modified("2020-07-25T00:00:00Z"),
                "2020-07-23T00:00:00Z",
                "late",
                2 * 86_400 + 2 * 3600 + 1,
            ),
        ];
        for (case, received, now, kind, seconds) in cases {
            let verdict = judge(deadline, received, ts(now));
            let (got_kind, got_seconds) = match &verdict {
                Verdict::Late { by, .. } => ("late", *by),
                Verdict::OnTime { margin, .. } => ("on-time", *margin),
                Verdict::NotYet { left, .. } => ("not-yet", *left),
                Verdict::Unknown { left } => ("unknown", left.unwrap_or(0)),
            };
            assert_eq!(
                (got_kind, got_seconds),
                (kind, seconds),
                "{case}: {verdict:?}"
            );
        }
    }

    #[test]
    fn created_is_a_lower_bound_that_proves_lateness_only() {
        let options = Options::default();
        let due = meeting().deadline().unwrap().timestamp();
        let now = ts("2020-09-01T00:00:00Z");
        // No dcterms:modified, created after the deadline: late, whenever it was sent.
        let got = received_for(None, &options, None, Some("2020-07-24T10:00:00Z"), None).unwrap();
        assert!(matches!(got.source, Source::Created { .. }));
        assert!(got.source.to_string().contains("lower bound"));
        assert_eq!(judge(due, Some(got), now).late_by(), Some(36 * 3600 + 1));
        // Created before the deadline: it says when it was made, not when it was sent.
        let got = received_for(None, &options, None, Some("2020-07-01T10:00:00Z"), None).unwrap();
        assert!(matches!(
            judge(due, Some(got), now),
            Verdict::Unknown { .. }
        ));
        // A dcterms:modified, even unusable, is not replaced by created.
        assert!(
            received_for(
                None,
                &options,
                Some("x"),
                Some("2020-07-24T10:00:00Z"),
                None
            )
            .is_none()
        );
    }

    #[test]
    fn receipts_beat_modified() {
        let options = Options::default();
        // A secretariat re-save: modified after the (on-time) receipt. The receipt wins.
        let on_time = receipt("2020-07-22T20:00:00Z");
        let got = received_for(
            on_time.as_ref(),
            &options,
            Some("2020-07-24T08:00:00Z"),
            None,
            None,
        )
        .unwrap();
        assert!(got.source.is_receipt());
        assert!(matches!(
            judge(
                meeting().deadline().unwrap().timestamp(),
                Some(got),
                ts("2020-09-01T00:00:00Z")
            ),
            Verdict::OnTime { .. }
        ));
        // Receipt late, modified on time: the receipt wins.
        let late = receipt("2020-07-23T06:00:00Z");
        let got = received_for(
            late.as_ref(),
            &options,
            Some("2020-07-20T09:15:00Z"),
            None,
            None,
        )
        .unwrap();
        let verdict = judge(
            meeting().deadline().unwrap().timestamp(),
            Some(got),
            ts("2020-09-01T00:00:00Z"),
        );
        assert_eq!(verdict.late_by(), Some(8 * 3600 + 1));
        // --received-at beats everything.
        let options = Options {
            received_at: Some(ts("2020-07-22T00:00:00Z")),
            ..Options::default()
        };
        let got = received_for(late.as_ref(), &options, Some("x"), None, None).unwrap();
        assert_eq!(got.source, Source::ReceivedAt);
    }

    #[test]
    fn winter_meeting_is_utc_plus_one() {
        let files: Vec<(String, String)> = vec![
            ("rules/profiles/p.toml".into(), "id='p'\nname='p'\n".into()),
            (
                "rules/meetings/w.toml".into(),
                "id='w'\nname='winter'\nprofile='p'\nplace='Geneva'\nstart='2020-12-14'\nend='2020-12-18'\ninput_deadline='2020-12-02'\ntime_zone='Europe/Zurich'\n".into(),
            ),
        ];
        let data = RuleData::from_files(&files).unwrap();
        let winter = &data.meetings["w"];
        let deadline = winter.deadline().unwrap();
        assert_eq!(deadline.timestamp(), ts("2020-12-02T22:59:59Z"));
        let on_time = judge(
            deadline.timestamp(),
            modified("2020-12-02T22:30:00Z"),
            ts("2021-01-01T00:00:00Z"),
        );
        assert!(matches!(on_time, Verdict::OnTime { .. }), "{on_time:?}");
        let late = judge(
            deadline.timestamp(),
            modified("2020-12-02T23:59:59+01:00"),
            ts("2021-01-01T00:00:00Z"),
        );
        assert!(
            matches!(late, Verdict::OnTime { margin: 0, .. }),
            "{late:?}"
        );
        let late = judge(
            deadline.timestamp(),
            modified("2020-12-02T23:00:00Z"),
            ts("2021-01-01T00:00:00Z"),
        );
        assert_eq!(late.late_by(), Some(1));
        assert_eq!(
            deadline_text(&deadline, &winter.time_zone_name),
            "2020-12-02 23:59:59 +01:00 (Europe/Zurich)"
        );
        // A time received in UTC is shown in the meeting's zone, with its offset.
        assert_eq!(
            zoned_text(ts("2020-12-02T23:00:00Z"), deadline.time_zone()),
            "2020-12-03 00:00:00 +01:00"
        );
        assert_eq!(
            zoned_rfc3339(ts("2020-12-02T23:00:00Z"), deadline.time_zone()),
            "2020-12-03T00:00:00+01:00"
        );
    }

    #[test]
    fn humanize_keeps_two_units() {
        for (seconds, text) in [
            (0, "0 seconds"),
            (1, "1 second"),
            (31 * 60, "31 minutes"),
            (31 * 60 + 5, "31 minutes 5 seconds"),
            (4 * 86_400 + 9 * 3600 + 17 * 60, "4 days 9 hours"),
            (86_400 + 59, "1 day"),
            (3600, "1 hour"),
        ] {
            assert_eq!(humanize(seconds), text);
        }
    }

    #[test]
    fn modified_values() {
        let z = parse_modified("2020-07-22T21:59:59Z").unwrap();
        let plus = parse_modified("2020-07-22T23:59:59+02:00").unwrap();
        assert_eq!(z.at, plus.at);
        let bare = parse_modified("2020-07-22T21:59:59").unwrap();
        assert_eq!(bare.at, z.at);
        assert!(bare.source.to_string().contains("read as UTC"));
        assert!(parse_modified("2020-07-22").is_none());
        assert!(parse_modified("yesterday").is_none());
        assert!(parse_modified("").is_none());
    }

    #[test]
    fn receipts_csv_errors_name_the_line() {
        let ok = Receipts::parse(
            "r.csv",
            PathBuf::from("."),
            b"file,received_at\na.docx,2020-07-22T21:00:00Z\n\nsub/b.docx, 2020-07-22T23:30:00+02:00\n",
        )
        .unwrap();
        assert_eq!(ok.rows.len(), 2);
        assert_eq!(ok.rows[1].line, 4);
        for (csv, wanted) in [
            ("name,when\na,b\n", "line 1"),
            (
                "file,received_at\na.docx,2020-07-22T21:00:00Z\nb.docx,2020-07-22 21:00\n",
                "line 3",
            ),
            (
                "file,received_at\na.docx,2020-07-22T21:00:00\n",
                "has no offset",
            ),
            (
                "file,received_at\na.docx,2020-07-22T21:00:00Z,extra\n",
                "line 2",
            ),
            (
                "file,received_at\na.docx,2020-07-22T21:00:00Z\na.docx,2020-07-22T21:00:00Z\n",
                "already has a receipt on line 2",
            ),
        ] {
            let error = Receipts::parse("r.csv", PathBuf::from("."), csv.as_bytes()).unwrap_err();
            assert!(error.contains(wanted), "{csv:?}: {error}");
            assert!(error.starts_with("r.csv"), "{error}");
        }
    }
}
