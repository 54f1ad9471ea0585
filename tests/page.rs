//! What the page of `fgcheck serve` says, as a contributor reads it: the meeting and template
//! selectors, what a check was made against, and every finding with where it is, what was
//! found and the fix. In-process, like tests/serve.rs, but in a process of its own: checking
//! every sample at once would disturb the memory that the load test there measures.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fgcheck::serve::{App, Limits, router};
use tower::ServiceExt;

/// An app as `fgcheck serve [--meeting M] [--profile P]` starts it.
fn app_with(meeting: Option<&str>, profile: Option<&str>, limits: Limits) -> Arc<App> {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let selection = fgcheck::profile::Selection {
        meeting: meeting.map(str::to_string),
        profile: profile.map(str::to_string),
    };
    App::new(data, selection, limits)
}

/// Started with the samples' meeting, whatever the date.
fn app(limits: Limits) -> Arc<App> {
    app_with(Some("fg-qit4n-5"), None, limits)
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .expect("sample")
}

const BOUNDARY: &str = "fgcheck-page-test-boundary";

/// A multipart body: files under `files`, and the form fields given.
fn multipart(files: &[(&str, &[u8])], fields: &[(&str, Option<&str>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        if let Some(value) = value {
            body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send(app: Arc<App>, request: Request<Body>) -> (StatusCode, String) {
    let response = router(app).oneshot(request).await.expect("response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

fn post(path: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .expect("request")
}

/// The text of a results page as a contributor reads it: the main part, without the
/// upload form and the download links, one block per line.
fn page_text(html: &str) -> String {
    let main = html
        .split_once("<main>")
        .and_then(|(_, rest)| rest.split_once("</main>"))
        .map_or(html, |(main, _)| main);
    let main = main
        .split("<h3>Check another document</h3>")
        .next()
        .unwrap_or(main);
    let downloads = regex::Regex::new(r#"(?s)<p class="downloads">.*?</p>"#).expect("regex");
    let main = downloads.replace_all(main, "");
    let blocks =
        regex::Regex::new(r"</?(p|h2|h3|h4|li|tr|div|section|ul|table|thead|tbody|br)\b[^>]*>")
            .expect("regex");
    let cells = regex::Regex::new(r"</t[dh]>").expect("regex");
    let tags = regex::Regex::new(r"<[^>]*>").expect("regex");
    // A part's label and its text on one line: "Fix: Choose one of ...".
    let text = cells.replace_all(&main, " | ").replace("</dt>", " ");
    let text = blocks.replace_all(&text, "\n");
    let text = tags.replace_all(&text, "");
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every sample through the page at once: each finding shows where it is, what was found
/// and the fix, in words; no XPath reaches the page.
#[tokio::test]
async fn page_text_of_every_sample_shows_each_fix() {
    let mut names: Vec<String> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"))
            .expect("samples")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| {
                std::path::Path::new(n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
            })
            .collect();
    names.sort();
    let bytes: Vec<Vec<u8>> = names.iter().map(|n| sample(n)).collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(&bytes)
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let limits = Limits {
        max_files: names.len(),
        ..Limits::default()
    };
    let (status, html) = send(app(limits), post("/check", multipart(&files, &[]))).await;
    assert_eq!(status, StatusCode::OK);
    let findings = html.matches("<dl class=\"parts\">").count();
    assert!(findings > 50, "{findings} findings");
    for part in ["Where:", "Fix:", "Rule:"] {
        assert_eq!(
            html.matches(&format!("<dt>{part}</dt>")).count(),
            findings,
            "{part} under each finding"
        );
    }
    let text = page_text(&html);
    for noise in ["/w:document", "/w:body", "word/document.xml/"] {
        assert!(!text.contains(noise), "{noise:?} on the page");
    }
    let jargon = support::xml_jargon(&text);
    assert!(
        jargon.is_empty(),
        "XML jargon on the page:\n{}",
        jargon.join("\n")
    );
    assert!(
        text.contains("Checked against: 5th FG-QIT4N meeting"),
        "{text}"
    );
    insta::assert_snapshot!("page_text_samples", text);
}

#[tokio::test]
async fn the_page_offers_meetings_profiles_and_no_meeting() {
    // Started with a meeting: it is preselected, and "no meeting" is offered.
    let (_, html) = send(app(Limits::default()), get("/")).await;
    assert!(
        html.contains(r#"<option value="fg-qit4n-5" selected>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="none">No meeting (pre-check"#),
        "{html}"
    );
    for profile in ["fg-qit4n", "itu-t-sg"] {
        assert!(
            html.contains(&format!(r#"<option value="{profile}">"#)),
            "{html}"
        );
    }
    // Started without one, on a date after every built-in deadline: no meeting is
    // preselected and the page says why.
    let (_, html) = send(app_with(None, None, Limits::default()), get("/")).await;
    assert!(
        html.contains(r#"<option value="none" selected>No meeting (pre-check"#),
        "{html}"
    );
    assert!(html.contains("No upcoming meeting is known"), "{html}");
    // --profile preselects the template.
    let (_, html) = send(
        app_with(None, Some("itu-t-sg"), Limits::default()),
        get("/"),
    )
    .await;
    assert!(
        html.contains(r#"<option value="itu-t-sg" selected>"#),
        "{html}"
    );
}

#[tokio::test]
async fn a_check_uses_the_meeting_and_profile_chosen() {
    let document = sample("fail-wrong-place-date.docx");
    let api = |fields: Vec<(&'static str, Option<&'static str>)>| {
        let body = multipart(&[("a.docx", &document)], &fields);
        send(app(Limits::default()), post("/api/check", body))
    };
    let (status, json) = api(vec![]).await;
    assert_eq!(status, StatusCode::OK);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["meeting"], "fg-qit4n-5", "the server's meeting");
    assert!(json.contains("wrong-meeting-place-date"), "{json}");

    let (_, json) = api(vec![("meeting", Some("none"))]).await;
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["meeting"], serde_json::Value::Null);
    assert!(!json.contains("wrong-meeting-place-date"), "{json}");

    let (_, json) = api(vec![
        ("meeting", Some("none")),
        ("profile", Some("itu-t-sg")),
    ])
    .await;
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["profile"], "itu-t-sg");

    let (status, json) = api(vec![("meeting", Some("fg-qit4n-99"))]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        json.contains("fg-qit4n-5"),
        "names the known meetings: {json}"
    );

    // The page says what it checked against.
    let body = multipart(&[("a.docx", &document)], &[("meeting", Some("none"))]);
    let (_, html) = send(app(Limits::default()), post("/check", body)).await;
    assert!(
        page_text(&html)
            .contains("Checked against: no meeting (pre-check); template: FG-QIT4N base template."),
        "{html}"
    );
}
