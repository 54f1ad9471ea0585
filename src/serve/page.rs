//! The HTML pages. maud escapes every interpolated value, so document text (a title of
//! `<script>alert(1)</script>`) is shown literally, never run.

use maud::{DOCTYPE, Markup, html};

use crate::check::{FileReport, Status};
use crate::diag::{Finding, Severity};
use crate::model::header::Field;
use crate::report::{self, Run};
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

fn upload_form(app: &App) -> Markup {
    let default = app.default_settings.meeting.as_ref().map(|m| m.id.clone());
    html! {
        form #upload method="post" action="/check" enctype="multipart/form-data" {
            div #drop-zone tabindex="0" role="button" aria-describedby="drop-help" {
                p { strong { "Drop .docx files here" } }
                p #drop-help { "or choose them below; the check starts as soon as files are chosen." }
                label for="files" { "Files: " }
                input #files type="file" name="files" multiple accept=".docx,.docm,.dotx,.doc,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            p {
                label for="meeting" { "Meeting: " }
                select #meeting name="meeting" {
                    @for meeting in app.data.meetings.values() {
                        option value=(meeting.id) selected[default.as_deref() == Some(meeting.id.as_str())] { (meeting.name) }
                    }
                }
                button type="submit" { "Check" }
            }
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
    match severity {
        Severity::Error => "✖ error",
        Severity::Warning => "▲ warning",
        Severity::Info => "ℹ info",
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

fn finding_item(finding: &Finding) -> Markup {
    let class = finding.severity.as_str();
    html! {
        li class=(class) {
            span class=(format!("sev {class}")) { (severity_word(finding.severity)) }
            " "
            (finding.message)
            " "
            a href=(format!("/rules/{}", finding.rule.slug)) { code { (finding.rule.code) "/" (finding.rule.slug) } }
            span.where { "Where: " (if finding.location.anchor.is_empty() { "whole file" } else { &finding.location.anchor }) }
            @if let Some(expected) = &finding.expected { span.expected { "Expected: " (expected) } }
            @if let Some(found) = &finding.found { span.found { "Found: " (found) } }
            @if let Some(reason) = &finding.suppressed { span.found { "Accepted: " (reason) } }
        }
    }
}

/// Which findings belong next to which header field.
const FIELD_RULES: &[(&str, &[&str])] = &[
    (
        "Document number",
        &["bad-doc-number", "placeholder-doc-number"],
    ),
    ("Group", &["wrong-group"]),
    ("Original", &["original-not-english"]),
    ("Study period", &["wrong-study-period"]),
    ("WG(s) / Question(s)", &[]),
    ("Place and dates", &["wrong-meeting-place-date"]),
    ("Document type", &[]),
    ("Source", &["empty-source"]),
    ("Title", &["missing-title"]),
    ("Purpose", &["bad-purpose"]),
    ("Contacts", &["missing-contact-email", "invalid-email"]),
    ("Keywords", &["missing-keywords"]),
    ("Abstract", &["missing-abstract", "abstract-too-long"]),
];

fn header_view(file: &FileReport) -> Markup {
    let Some(header) = &file.header else {
        return html! {};
    };
    let value = |field: &Option<Field>| {
        field
            .as_ref()
            .map(|f| text::fold(&f.value))
            .unwrap_or_default()
    };
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
    let values = [
        value(&header.doc_number),
        value(&header.group),
        value(&header.original),
        value(&header.study_period),
        value(&header.question),
        value(&header.place_dates),
        value(&header.banner),
        value(&header.source),
        value(&header.title),
        value(&header.purpose),
        contacts.join("\n"),
        value(&header.keywords),
        value(&header.abstract_),
    ];
    html! {
        h3 { "The header as fgcheck read it" }
        div.table-scroll {
            table.header-view {
                @for ((label, slugs), shown) in FIELD_RULES.iter().zip(values.iter()) {
                    @let related: Vec<&Finding> = file.findings.iter().filter(|f| slugs.contains(&f.rule.slug)).collect();
                    tr {
                        th scope="row" { (label) }
                        td.value { @if shown.is_empty() { em { "(nothing found)" } } @else { (shown) } }
                        td {
                            @if related.is_empty() {
                                @if !slugs.is_empty() { span.sev { "✔ ok" } }
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

fn file_section(file: &FileReport) -> Markup {
    let groups = [Severity::Error, Severity::Warning, Severity::Info];
    html! {
        section.file {
            h2 { (file.path) }
            p { (verdict(file.status)) }
            (header_view(file))
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

pub fn results(app: &App, run: &Run, copies: &[super::annotated::Copy]) -> Markup {
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
                                    td { (file.header.as_ref().and_then(|h| h.doc_number.as_ref()).map(|f| text::fold(&f.value)).unwrap_or_default()) }
                                    td { (file.header.as_ref().and_then(|h| h.title.as_ref()).map(|f| text::clip(&f.value, 80)).unwrap_or_default()) }
                                    td { (file.status.as_str()) }
                                    td { (file.count(Severity::Error)) }
                                    td { (file.count(Severity::Warning)) }
                                }
                            }
                        }
                    }
                }
            }
            @for file in &run.files { (file_section(file)) }
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

pub fn rule(rule: &Rule) -> Markup {
    layout(
        rule.slug,
        html! {
            h2 { code { (rule.code) } " " (rule.slug) }
            p { (rule.summary) "." }
            p { "Default severity: " span class=(format!("sev {}", rule.severity.as_str())) { (rule.severity.as_str()) } }
            p { "Source: " (rule.source) }
            h3 { "Why it matters" } p { (rule.why) }
            h3 { "How to fix" } p { (rule.fix) }
            h3 { "Fails" } p { (rule.bad) }
            h3 { "Passes" } p { (rule.good) }
            p { a href="/rules" { "All rules" } }
        },
    )
}
