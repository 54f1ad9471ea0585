//! `fgcheck rules`, `fgcheck meetings` and `fgcheck config`: listings of the registry, the
//! rule data and the effective configuration.

use std::io::Write;
use std::path::PathBuf;

use super::plan::{PolicyArgs, effective_config, load_data, resolve_now};
use super::{CliError, ListFormat};
use crate::config;

use crate::rules;

/// `fgcheck config`: the effective configuration and where each value comes from.
pub fn config(policy: &PolicyArgs, schema: bool) -> Result<i32, CliError> {
    if schema {
        let _ = std::io::stdout()
            .lock()
            .write_all(config::json_schema().as_bytes());
        return Ok(0);
    }
    let effective = effective_config(policy, None)?;
    // The meeting and profile must resolve too: report a typo here, not at check time.
    let (_, resolved) = resolve_now(&effective)?;
    let text = effective.describe((
        resolved.meeting.as_ref().map(|m| m.id.as_str()),
        &resolved.profile.id,
    ));
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(0)
}

pub fn rules(format: ListFormat) -> i32 {
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "slug": r.slug, "severity": r.severity.as_str(),
                        "area": r.area, "summary": r.summary, "source": r.source,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&rules).unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Human => {
            for rule in rules::ALL {
                out.push_str(&format!(
                    "{:<6} {:<26} {:<8} {}\n",
                    rule.code,
                    rule.slug,
                    rule.severity.as_str(),
                    rule.summary
                ));
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    0
}

pub fn meetings(format: ListFormat, dirs: &[PathBuf]) -> Result<i32, CliError> {
    let data = load_data(dirs)?;
    let now = jiff::Timestamp::now();
    let next = crate::profile::next_meeting(&data, now, None).map(|m| m.id.clone());
    let passed = |m: &crate::profile::Meeting| m.deadline().is_ok_and(|d| d.timestamp() < now);
    let mut out = String::new();
    match format {
        ListFormat::Json => {
            let meetings: Vec<serde_json::Value> = data
                .meetings
                .values()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id, "name": m.name, "profile": m.profile, "place": m.place,
                        "start": m.start.to_string(), "end": m.end.to_string(),
                        "input_deadline": m.input_deadline.to_string(),
                        "deadline": m.deadline().map(|d| d.to_string()).unwrap_or_default(),
                        "time_zone": m.time_zone_name,
                        "registration_deadline": m.registration_deadline.map(|d| d.to_string()),
                        "study_period": m.study_periods, "language": m.language, "secretariat": m.secretariat,
                        "next": next.as_deref() == Some(m.id.as_str()),
                        "deadline_passed": passed(m),
                    })
                })
                .collect();
            let profiles: Vec<serde_json::Value> = data
                .profiles
                .values()
                .map(|p| serde_json::json!({"id": p.id, "name": p.name, "lineage": p.lineage}))
                .collect();
            out = serde_json::to_string_pretty(
                &serde_json::json!({"meetings": meetings, "profiles": profiles}),
            )
            .unwrap_or_default();
            out.push('\n');
        }
        ListFormat::Human => {
            out.push_str(
                "meetings (without --meeting, a check uses the next one whose inputs are still due):\n",
            );
            for m in data.meetings.values() {
                let default = if next.as_deref() == Some(m.id.as_str()) {
                    " (next)"
                } else if passed(m) {
                    " (deadline passed)"
                } else {
                    ""
                };
                let deadline = m
                    .deadline()
                    .map(|d| d.strftime("%Y-%m-%d %H:%M:%S %Z").to_string())
                    .unwrap_or_default();
                out.push_str(&format!(
                    "  {}{default}: {} — {}, {} to {}; inputs due {deadline} ({}); profile {}\n",
                    m.id, m.name, m.place, m.start, m.end, m.time_zone_name, m.profile
                ));
            }
            out.push_str("profiles:\n");
            for p in data.profiles.values() {
                out.push_str(&format!(
                    "  {}: {} ({})\n",
                    p.id,
                    p.name,
                    p.lineage.join(" -> ")
                ));
            }
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(0)
}
