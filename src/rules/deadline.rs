//! Deadline rules: was the contribution received by the meeting's input deadline? The time
//! logic lives in [`crate::deadline`]; these rules are raised there (`check: None`), once per
//! file after the document rules, and only when a meeting is selected.

use crate::diag::Severity;
use crate::rules::{Area, Rule, RuleId};

const SOURCE: &str = "TSB Circular 260 (input deadline 22 July 2020); the meeting's input_deadline, deadline_time and time_zone in rules/meetings/";

pub static LATE: Rule = Rule {
    id: RuleId::Late,
    code: "FG401",
    slug: "late",
    severity: Severity::Error,
    area: Area::Deadline,
    summary: "the contribution was received after the meeting's input deadline",
    why: "Inputs received after the deadline may be refused or only accepted as late (TSB records \"too late submitted\"); the chairman decides, and the secretariat needs to know before the meeting.",
    fix: "Nothing to fix in the document. If the received time is wrong, give the real one (--received-at or a --receipts CSV: a receipt beats the document's last-saved time, which TSB's own re-save changes). Otherwise ask the chairman to accept the late input.",
    source: SOURCE,
    bad: "Received 2020-07-23 00:30 Geneva time (2020-07-22T22:30:00Z) for a deadline of 22 July 2020 23:59:59 Europe/Zurich: 31 minutes late.",
    good: "Received 2020-07-22T23:59:59+02:00, the last second of the deadline day in Geneva.",
    check: None,
};

pub static ON_TIME: Rule = Rule {
    id: RuleId::OnTime,
    code: "FG402",
    slug: "on-time",
    severity: Severity::Info,
    area: Area::Deadline,
    summary: "the contribution was received by the input deadline",
    why: "A secretariat logging intake wants the verdict recorded for every document, with the time and its source; before the deadline it says how much time is left.",
    fix: "Nothing to fix. Reported only when the time came from a receipt (--received-at, --receipts) or with --deadline-report.",
    source: SOURCE,
    bad: "(informational: there is no bad case)",
    good: "Received 2020-07-20T09:15:00Z (receipts.csv, line 2), 2 days 12 hours before the deadline.",
    check: None,
};

pub static DEADLINE_UNKNOWN: Rule = Rule {
    id: RuleId::DeadlineUnknown,
    code: "FG403",
    slug: "deadline-unknown",
    severity: Severity::Info,
    area: Area::Deadline,
    summary: "no received time is known, so lateness cannot be judged",
    why: "Without a receipt and without a usable last-saved time (dcterms:modified), fgcheck cannot tell whether the input met the deadline; someone has to look at the e-mail's arrival time.",
    fix: "Give the received time with --received-at or a --receipts CSV (file,received_at), or use --use-mtime when files keep their arrival time on disk.",
    source: SOURCE,
    bad: "A document that records no last-saved time (no dcterms:modified in its properties), checked without a receipt.",
    good: "The same document listed in the secretariat's receipts CSV.",
    check: None,
};

pub static UNMATCHED_RECEIPT: Rule = Rule {
    id: RuleId::UnmatchedReceipt,
    code: "FG404",
    slug: "unmatched-receipt",
    severity: Severity::Info,
    area: Area::Deadline,
    summary: "a row of the receipts CSV matches none of the files checked",
    why: "A receipt for a file that is not in the batch is either a file missing from the folder or a name typed differently in the log; either way a document may go unjudged.",
    fix: "Write the file column as the path relative to the CSV's folder, or as a file name that exactly one input has; or add the missing file to the batch.",
    source: "fgcheck (--receipts)",
    bad: "file,received_at / QIT4N-I-013.docx,2020-07-22T10:00:00Z with no QIT4N-I-013.docx among the inputs.",
    good: "Every row names one input.",
    check: None,
};
