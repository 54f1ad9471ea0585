//! The web page offers each checked document back with its findings as Word comments: the
//! same copy `fgcheck annotate` makes, inside the page (nothing stored on the server).

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fgcheck::serve::{App, Limits, router};
use tower::ServiceExt;

const BOUNDARY: &str = "fgcheck-annotate-boundary";

fn app() -> Arc<App> {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let selection = fgcheck::profile::Selection {
        meeting: Some("fg-qit4n-5".into()),
        profile: None,
    };
    App::new(data, selection, Limits::default())
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .expect("sample")
}

async fn post(path: &str, files: &[(&str, Vec<u8>)]) -> (StatusCode, String) {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let request = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .expect("request");
    let response = router(app()).oneshot(request).await.expect("response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The bytes of the first annotated copy linked from a results page.
fn first_copy(page: &str) -> Option<(String, Vec<u8>)> {
    let start = page.find("class=\"annotated\" download=\"")?;
    let rest = &page[start..];
    let name = rest.split('"').nth(3)?.to_string();
    let data = rest.split("base64,").nth(1)?.split('"').next()?;
    Some((name, decode(data)))
}

fn decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            _ => 63,
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let pad = chunk.iter().filter(|&&c| c == b'=').count();
        let n = chunk.iter().fold(0u32, |n, &c| {
            (n << 6) | if c == b'=' { 0 } else { value(c) }
        });
        let [_, high, middle, low] = n.to_be_bytes();
        let bytes = [high, middle, low];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    out
}

#[tokio::test]
async fn the_results_page_offers_the_annotated_copy() {
    let (status, page) = post(
        "/check",
        &[
            ("QIT4N-I-012.docx", sample("fail-missing-title.docx")),
            ("clean.docx", sample("pass-template.docx")),
            ("broken.docx", sample("fail-not-a-docx.docx")),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // Only the readable file with findings gets a copy.
    assert_eq!(page.matches("class=\"annotated\"").count(), 1, "{page}");
    let (name, copy) = first_copy(&page).expect("a copy");
    assert_eq!(name, "QIT4N-I-012.fgcheck.docx");
    assert!(page.contains("Download QIT4N-I-012.docx with the findings as Word comments"));
    let mut package =
        fgcheck::package::Package::open(std::io::Cursor::new(copy.as_slice())).expect("package");
    let comments = fgcheck::model::comments::read(&mut package).expect("comments");
    assert_eq!(comments.len(), 1);
    assert!(
        comments[0].text.contains("[fgcheck FG109/missing-title]"),
        "{}",
        comments[0].text
    );

    // Uploading the copy again gives a copy with fgcheck's comment replaced, not doubled.
    let (_, page) = post("/check", &[("QIT4N-I-012.fgcheck.docx", copy.clone())]).await;
    let (_, again) = first_copy(&page).expect("a copy");
    let mut package =
        fgcheck::package::Package::open(std::io::Cursor::new(again.as_slice())).expect("package");
    let texts: Vec<String> = fgcheck::model::comments::read(&mut package)
        .expect("comments")
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains("missing-title"));
}

#[tokio::test]
async fn the_api_stays_json_only() {
    let (status, body) = post(
        "/api/check",
        &[("a.docx", sample("fail-missing-title.docx"))],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("base64"));
}
