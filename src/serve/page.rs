//! The HTML pages. maud escapes every interpolated value, so document text (a title of
//! `<script>alert(1)</script>`) is shown literally, never run.

use maud::{DOCTYPE, Markup, html};

use crate::check::{FileReport, Status};
use crate::diag::{Finding, Severity};
use crate::model::header::{FieldKind, keys};
use crate::profile::Meeting;
use crate::profile::{MeetingChoice, NO_MEETING};
use crate::report::finding_text::{self, FindingText};
use crate::report::{self, FieldInfo, Run};
use crate::rules::header as header_rules;
use crate::rules::{self, Rule};
use crate::serve::App;
use crate::text;

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — fgcheck" }
                link rel="stylesheet" href="/static/style.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.site {
                    h1 { a href="/" { "fgcheck" } }
                    nav { a href="/" { "Check a document" } a href="/rules" { "Rules" } }
                }
                main { (body) }
                footer.site {
                    p { "Documents are checked on this machine and never stored." }
                }
            }
        }
    }
}

/// A meeting as the selector shows it: its name and when inputs are due.
fn meeting_label(meeting: &Meeting, now: jiff::Timestamp) -> String {
    match meeting.deadline() {
        Ok(due) if due.timestamp() < now => format!(
            "{} — inputs were due {} (passed)",
            meeting.name, meeting.input_deadline
        ),
        Ok(_) => format!("{} — inputs due {}", meeting.name, meeting.input_deadline),
        Err(_) => meeting.name.clone(),
    }
}

/// What the page says when the visitor chose no meeting and none is upcoming.
const NO_UPCOMING: &str = "No upcoming meeting is known, so the check leaves out the meeting's place, dates and deadline. Choose a meeting to check against it.";

fn upload_form(app: &App) -> Markup {
    let now = jiff::Timestamp::now();
    let resolved = app.default_resolved();
    let default_meeting = resolved
        .as_ref()
        .and_then(|r| r.meeting.as_ref())
        .map(|m| m.id.clone());
    let default_profile = app
        .data
        .default_profile
        .as_ref()
        .and_then(|id| app.data.profiles.get(id))
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let none_upcoming = resolved
        .as_ref()
        .is_some_and(|r| matches!(r.choice, MeetingChoice::NoneUpcoming { .. }));
    html! {
        form #upload method="post" action="/check" enctype="multipart/form-data" {
            div #drop-zone tabindex="0" role="button" aria-describedby="drop-help" {
                p { strong { "Drop .docx files here" } }
                p #drop-help { "or choose them below; the check starts as soon as files are chosen." }
                label for="files" { "Files: " }
                input #files type="file" name="files" multiple accept=".docx,.docm,.dotx,.doc,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            p.choice {
                label for="meeting" { "Meeting: " }
                select #meeting name="meeting" {
                    option value=(NO_MEETING) selected[default_meeting.is_none()] { "No meeting (pre-check: template and hygiene only)" }
                    @for meeting in app.data.meetings.values() {
                        option value=(meeting.id) selected[default_meeting.as_deref() == Some(meeting.id.as_str())] { (meeting_label(meeting, now)) }
                    }
                }
            }
            p.choice {
                label for="profile" { "Template: " }
                select #profile name="profile" {
                    option value="" selected[app.selection.profile.is_none()] { "The meeting's (without a meeting: " (default_profile) ")" }
                    @for profile in app.data.profiles.values() {
                        option value=(profile.id) selected[app.selection.profile.as_deref() == Some(profile.id.as_str())] { (profile.name) }
                    }
                }
            }
            @if none_upcoming {
                p.note role="note" { (NO_UPCOMING) }
            }
            p { button type="submit" { "Check" } }
        }
    }
}

pub fn index(app: &App) -> Markup {
    layout(
        "Check a contribution",
        html! {
            h2 { "Check a contribution before you send it" }
            p { "fgcheck reads your Word document the way the secretariat will: the header table, the template, the meeting's place and dates, and what must not be left in a posted document." }
            (upload_form(app))
        },
    )
}

pub fn error(title: &str, message: &str) -> Markup {
    layout(
        title,
        html! {
            h2 { (title) }
            p.error role="alert" { (message) }
            p { a href="/" { "Back to the upload page" } }
        },
    )
}

fn severity_word(severity: Severity) -> &'static str {
    finding_text::severity_label(severity)
}

/// "where" -> "Where".
fn capitalised(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn verdict(status: Status) -> Markup {
    let (class, words) = match status {
        Status::Pass => ("pass", "✔ Pass: nothing blocks this document"),
        Status::Fail => ("fail", "✖ Fail: fix the errors below"),
        Status::Unreadable => (
            "unreadable",
            "⚠ Unreadable: this is not a usable Word document",
        ),
    };
    html! { span class=(format!("verdict {class}")) { (words) } }
}

/// A finding: its message, then the parts every front end shows (where, expected, found,
/// the fix, why it was accepted) and a link to the rule's page.
fn finding_item(finding: &Finding) -> Markup {
    let text = FindingText::new(finding);
    let class = finding.severity.as_str();
    html! {
        li class=(class) {
            p.message {
                span class=(format!("sev {class}")) { (severity_word(finding.severity)) }
                " "
                (text.message)
            }
            dl.parts {
                @for part in &text.parts {
                    div class=(format!("part {}", part.label)) {
                        dt { (capitalised(part.label)) ":" }
                        dd { (part.text) }
                    }
                }
                div.part.rule {
                    dt { "Rule:" }
                    dd { a href=(finding_text::rule_page(text.rule)) { code { (finding_text::rule_name(text.rule)) } } " — why it matters" }
                }
            }
        }
    }
}

fn header_view(file: &FileReport, fields: &[FieldInfo]) -> Markup {
    let Some(header) = &file.header else {
        return html! {};
    };
    if !header.is_cover {
        return html! {};
    }
    let contacts: Vec<String> = header
        .contacts
        .iter()
        .map(|c| {
            let mut line = c
                .details
                .lines()
                .map(text::fold)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            if !c.emails.is_empty() {
                line.push_str(" — ");
                line.push_str(&c.emails.join(", "));
            }
            line
        })
        .collect();
    html! {
        h3 { "The cover as fgcheck read it" }
        div.table-scroll {
            table.header-view {
                @for info in fields {
                    @let shown = if info.kind == FieldKind::Contact {
                        contacts.join("\n")
                    } else {
                        header.get(&info.key).map(|f| text::clip(&f.value, 300)).unwrap_or_default()
                    };
                    @let rules = header_rules::rules_of(&info.key);
                    @let related: Vec<&Finding> = file.findings.iter().filter(|f| rules.contains(&f.rule.id)).collect();
                    tr {
                        th scope="row" { (info.name) }
                        td.value { @if shown.is_empty() { em { "(nothing found)" } } @else { (shown) } }
                        td {
                            @if related.is_empty() {
                                @if !rules.is_empty() { span.sev { "✔ ok" } }
                            } @else {
                                @for finding in related {
                                    span class=(format!("sev {}", finding.severity.as_str())) { (severity_word(finding.severity)) }
                                    " " (finding.message) " "
                                    a href=(format!("/rules/{}", finding.rule.slug)) { "why?" }
                                    br;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn file_section(file: &FileReport, fields: &[FieldInfo]) -> Markup {
    let groups = [Severity::Error, Severity::Warning, Severity::Info];
    html! {
        section.file {
            h2 { (file.path) }
            p { (verdict(file.status)) }
            (header_view(file, fields))
            @if file.findings.is_empty() {
                p { "No findings." }
            } @else {
                h3 { "What to fix" }
                @for severity in groups {
                    @let list: Vec<&Finding> = file.findings.iter().filter(|f| f.severity == severity).collect();
                    @if !list.is_empty() {
                        h4 { (severity_word(severity)) " (" (list.len()) ")" }
                        ul.findings { @for finding in list { (finding_item(finding)) } }
                    }
                }
            }
        }
    }
}

/// `data:` URL for a download, percent-encoded (no server-side storage of reports).
fn data_url(media_type: &str, body: &str) -> String {
    let mut out = format!("data:{media_type};charset=utf-8,");
    for byte in body.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What a run was checked against, in words.
fn checked_against(app: &App, run: &Run, choice: &MeetingChoice) -> Markup {
    let meeting = run
        .meeting
        .as_ref()
        .and_then(|id| app.data.meetings.get(id));
    let profile = app
        .data
        .profiles
        .get(&run.profile)
        .map_or(run.profile.as_str(), |p| p.name.as_str());
    html! {
        p.against {
            "Checked against: "
            @match meeting {
                Some(meeting) => {
                    strong { (meeting_label(meeting, jiff::Timestamp::now())) }
                    @if *choice == MeetingChoice::Next { " (the next meeting whose inputs are due)" }
                }
                None => strong { "no meeting (pre-check)" },
            }
            "; template: " strong { (profile) } "."
        }
        @if matches!(choice, MeetingChoice::NoneUpcoming { .. }) {
            p.note role="note" { (NO_UPCOMING) }
        }
    }
}

pub fn results(
    app: &App,
    run: &Run,
    choice: &MeetingChoice,
    copies: &[super::annotated::Copy],
) -> Markup {
    let summary = run.summary();
    let json = report::json::render(run);
    let sarif = report::render(
        run,
        report::Format::Sarif,
        report::human::Style {
            color: false,
            width: 100,
        },
    );
    html! {
        (layout("Results", html! {
            h2 { "Results" }
            p role="status" {
                (summary.files) " file(s): " (summary.pass) " pass, " (summary.fail) " fail, " (summary.unreadable) " unreadable; "
                (summary.errors) " error(s), " (summary.warnings) " warning(s), " (summary.infos) " info."
            }
            (checked_against(app, run, choice))
            p.downloads {
                a download="fgcheck-report.json" href=(data_url("application/json", &json)) { "Download the report (JSON)" }
                " · "
                a download="fgcheck-report.sarif" href=(data_url("application/sarif+json", &sarif)) { "Download for code scanning (SARIF)" }
                (super::annotated::links(copies))
            }
            @if run.files.len() > 1 {
                h3 { "Register" }
                div.table-scroll {
                    table {
                        thead { tr { th { "File" } th { "Number" } th { "Title" } th { "Verdict" } th { "Errors" } th { "Warnings" } } }
                        tbody {
                            @for file in &run.files {
                                tr {
                                    td { (file.path) }
                                    td { (file.header.as_ref().map(|h| h.value(keys::DOCUMENT_NUMBER)).unwrap_or_default()) }
                                    td { (file.header.as_ref().map(|h| text::clip(&h.value(keys::TITLE), 80)).unwrap_or_default()) }
                                    td { (file.status.as_str()) }
                                    td { (file.count(Severity::Error)) }
                                    td { (file.count(Severity::Warning)) }
                                }
                            }
                        }
                    }
                }
            }
            @for file in &run.files { (file_section(file, &run.fields)) }
            h3 { "Check another document" }
            (upload_form(app))
        }))
    }
}

pub fn rules() -> Markup {
    layout(
        "Rules",
        html! {
            h2 { "Rules" }
            div.table-scroll {
                table {
                    thead { tr { th { "Code" } th { "Rule" } th { "Severity" } th { "What it checks" } } }
                    tbody {
                        @for rule in rules::ALL {
                            tr {
                                td { code { (rule.code) } }
                                td { a href=(format!("/rules/{}", rule.slug)) { (rule.slug) } }
                                td { span class=(format!("sev {}", rule.severity.as_str())) { (rule.severity.as_str()) } }
                                td { (rule.summary) }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn rule(rule: &Rule, vars: &crate::rules::vars::Vars) -> Markup {
    layout(
        rule.slug,
        html! {
            h2 { code { (rule.code) } " " (rule.slug) }
            p { (rule.summary) "." }
            p { "Default severity: " span class=(format!("sev {}", rule.severity.as_str())) { (rule.severity.as_str()) } }
            p { "Source: " (rule.source) }
            h3 { "Why it matters" } p { (vars.fill(rule.why)) }
            h3 { "How to fix" } p { (vars.fill(finding_text::fix(rule))) }
            h3 { "Fails" } p { (vars.fill(rule.bad)) }
            h3 { "Passes" } p { (vars.fill(rule.good)) }
            p { a href="/rules" { "All rules" } }
        },
    )
}
