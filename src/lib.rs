//! fgcheck: checks Word contributions to ITU-T Focus Group meetings.
//!
//! The pipeline reads top to bottom:
//! [`package`] (safe zip/OPC) -> [`xml`] (streaming, hostile-input limits) ->
//! [`model`] (what Word would show: header table, styles, sections, hygiene signals) ->
//! [`rules`] (one file per rule, checked against data from [`profile`]) -> [`diag`] ->
//! [`report`] (one file per output format). [`cli`] and [`serve`] sit on top.
//!
//! Policy sits between checking and reporting: [`config`] (`fgcheck.toml` and command-line
//! overrides, each value with its origin), [`suppress`] (accepted findings, unused
//! suppressions reported) and [`baseline`] (fingerprints of findings accepted at adoption).

pub mod baseline;
pub mod budget;
pub mod check;
pub mod cli;
pub mod config;
pub mod deadline;
pub mod diag;
pub mod edit;
pub mod model;
pub mod package;
pub mod profile;
pub mod report;
pub mod rules;
pub mod serve;
pub mod suppress;
pub mod text;
pub mod xml;
