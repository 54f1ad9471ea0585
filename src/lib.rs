//! fgcheck: checks Word contributions to ITU-T Focus Group meetings.
//!
//! The house, in layers; a module imports only from layers below its own (kept by
//! `tests/layers.rs`, drawn in CONTRIBUTING.md):
//!
//! 0. [`text`], [`guard`]: text helpers; the limits, per-file budget and read error.
//! 1. [`xml`]: streaming XML under the limits.
//! 2. [`package`]: safe zip/OPC, part streams.
//! 3. [`model`]: what Word would show (cover table, styles, sections, hygiene signals).
//! 4. [`profile`]: the rule data (profiles, meetings) and which of them a run uses.
//! 5. [`diag`], [`rules`]: findings, and one file per rule.
//! 6. [`deadline`]: the meeting's deadline, receipts, verdicts.
//! 7. [`config`]: `fgcheck.toml` and command-line overrides, each value with its origin.
//! 8. [`check`]: one file, from bytes to findings.
//! 9. [`run`]: one run for every front end (parallel checks, deadlines, suppressions,
//!    baseline, batch rules).
//! 10. [`report`] (one file per output format), [`edit`] (annotated and fixed copies).
//! 11. [`cli`], [`serve`]: the front ends; they render runs and do nothing else.

pub mod check;
pub mod cli;
pub mod config;
pub mod deadline;
pub mod diag;
pub mod edit;
pub mod guard;
pub mod model;
pub mod package;
pub mod profile;
pub mod report;
pub mod rules;
pub mod run;
#[cfg(feature = "serve")]
pub mod serve;
pub mod text;
pub mod xml;
