//! `fgcheck serve` over HTTP, in-process: every route, uploads of one and many files, every
//! limit, hostile document text, and a bounded load loop on loopback.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use fgcheck::serve::{App, Limits, router};
use tower::ServiceExt;

fn app(limits: Limits) -> Arc<App> {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    // The samples' meeting, whatever the date: the page then checks its place and dates.
    let selection = fgcheck::check::Selection {
        meeting: Some("fg-qit4n-5".into()),
        profile: None,
    };
    App::new(data, selection, limits)
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .expect("sample")
}

const BOUNDARY: &str = "fgcheck-test-boundary";

/// A multipart body: files under `files`, and an optional meeting field.
fn multipart(files: &[(&str, &[u8])], meeting: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(meeting) = meeting {
        body.extend_from_slice(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"meeting\"\r\n\r\n{meeting}\r\n").as_bytes());
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

async fn send(
    app: Arc<App>,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router(app).oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
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

#[tokio::test]
async fn pages_and_security_headers() {
    let app = app(Limits::default());
    let (status, headers, body) = send(app.clone(), get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("id=\"drop-zone\"") && body.contains("enctype=\"multipart/form-data\""),
        "{body}"
    );
    let csp = headers["content-security-policy"].to_str().expect("csp");
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");

    let (status, _, body) = send(app.clone(), get("/rules")).await;
    assert_eq!(status, StatusCode::OK);
    for rule in fgcheck::rules::ALL {
        assert!(
            body.contains(rule.slug),
            "{} missing from /rules",
            rule.slug
        );
    }
    let (status, _, body) = send(app.clone(), get("/rules/missing-title")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(fgcheck::rules::find("missing-title").expect("rule").why));
    let (status, _, _) = send(app.clone(), get("/rules/FG109")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(app.clone(), get("/rules/no-such-rule")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, body) = send(app.clone(), get("/healthz")).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok\n"));
    let (status, headers, _) = send(app, get("/static/app.js")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/javascript")
    );
}

#[tokio::test]
async fn api_returns_the_cli_json_contract() {
    let body = multipart(
        &[(
            "fail-missing-title.docx",
            &sample("fail-missing-title.docx"),
        )],
        None,
    );
    let (status, headers, text) = send(app(Limits::default()), post("/api/check", body)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(value["schema"], "fgcheck/1");
    assert_eq!(value["files"][0]["path"], "fail-missing-title.docx");
    assert_eq!(value["files"][0]["status"], "fail");
    assert_eq!(value["files"][0]["findings"][0]["slug"], "missing-title");
}

#[tokio::test]
async fn page_shows_header_verdicts_and_register_for_many_files() {
    let body = multipart(
        &[
            ("fail-bad-purpose.docx", &sample("fail-bad-purpose.docx")),
            ("pass-template.docx", &sample("pass-template.docx")),
            ("notes.txt", b"just some notes"),
        ],
        Some("fg-qit4n-5"),
    );
    let (status, _, html) = send(app(Limits::default()), post("/check", body)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h3>Register</h3>"), "{html}");
    assert!(html.contains("The cover as fgcheck read it"));
    assert!(
        html.contains("For approval"),
        "the purpose as read is shown"
    );
    assert!(
        html.contains("/rules/bad-purpose"),
        "a finding links to its rule"
    );
    assert!(
        html.contains("✔ Pass") && html.contains("⚠ Unreadable"),
        "verdicts in words, not only colour"
    );
    assert!(
        html.contains("download=\"fgcheck-report.json\"")
            && html.contains("download=\"fgcheck-report.sarif\"")
    );
}

#[tokio::test]
async fn document_text_is_shown_literally_never_run() {
    for hostile in [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
    ] {
        let spec = support::Spec::template()
            .set_row("Title:", support::p(hostile))
            .set_row("Source:", support::p(hostile));
        let body = multipart(&[("x<b>.docx", &spec.build())], None);
        let (status, _, html) = send(app(Limits::default()), post("/check", body)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            !html.contains(hostile),
            "raw hostile text in the page: {hostile}"
        );
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{html}"
        );
        assert!(
            html.contains("&lt;") || html.contains("&quot;&gt;"),
            "escaped text expected"
        );
        assert!(!html.contains("x<b>.docx"));
    }
}

#[tokio::test]
async fn empty_and_missing_uploads_are_clear_errors() {
    let (status, _, html) =
        send(app(Limits::default()), post("/check", multipart(&[], None))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("No file was uploaded"), "{html}");
    let (status, _, json) = send(
        app(Limits::default()),
        post("/api/check", multipart(&[], None)),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(json.contains("\"error\""), "{json}");
    // An empty file is a file: it is checked and reported unreadable.
    let (status, _, json) = send(
        app(Limits::default()),
        post("/api/check", multipart(&[("empty.docx", b"")], None)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(json.contains("not-ooxml"), "{json}");
}

#[tokio::test]
async fn limits_answer_413_not_a_crash() {
    let small = Limits {
        max_file_bytes: 2_000,
        max_request_bytes: 100_000,
        max_files: 2,
        ..Limits::default()
    };
    let big = sample("pass-template.docx");
    assert!(big.len() > 2_000);
    let (status, _, html) = send(
        app(small.clone()),
        post("/check", multipart(&[("a.docx", &big)], None)),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("larger than"), "{html}");
    let tiny: &[u8] = b"PK";
    let (status, _, _) = send(
        app(small.clone()),
        post(
            "/api/check",
            multipart(&[("a", tiny), ("b", tiny), ("c", tiny)], None),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let huge = vec![b'x'; 200_000];
    let (status, _, _) = send(
        app(Limits {
            max_file_bytes: 1_000_000,
            ..small
        }),
        post("/api/check", multipart(&[("a", &huge)], None)),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

fn resident_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// One HTTP/1.1 request on a fresh connection; returns the status code.
fn raw_request(address: std::net::SocketAddr, head: &str, body: &[u8]) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(5)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    stream.write_all(head.as_bytes()).ok()?;
    stream.write_all(body).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn load_loop_on_loopback_ends_with_the_server_answering() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let server = app(Limits::default());
    runtime.spawn(async move {
        let _ = axum::serve(listener, router(server)).await;
    });
    let document = sample("fail-bad-purpose.docx");
    let body = multipart(&[("a.docx", &document)], None);
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let health = format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    // Warm up, then measure memory around 1,000 requests, 8 at a time, bounded in time.
    for _ in 0..20 {
        assert_eq!(raw_request(address, &head, &body), Some(200));
    }
    let before = resident_kb();
    let started = std::time::Instant::now();
    let failures = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let (head, body, failures) = (&head, &body, &failures);
            scope.spawn(move || {
                for i in 0..125 {
                    if started.elapsed() > Duration::from_secs(120) {
                        break;
                    }
                    let status = if (worker + i) % 5 == 0 { raw_request(address, &format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"), b"") } else { raw_request(address, head, body) };
                    if status != Some(200) {
                        failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    assert_eq!(failures.into_inner(), 0, "every request answered 200");
    assert_eq!(
        raw_request(address, &health, b""),
        Some(200),
        "the server still answers"
    );
    if let (Some(before), Some(after)) = (before, resident_kb()) {
        eprintln!(
            "load loop: {} ms, RSS {before} kB -> {after} kB",
            started.elapsed().as_millis()
        );
        assert!(
            after < before + 64 * 1024,
            "memory grew from {before} kB to {after} kB"
        );
    }
    runtime.shutdown_timeout(Duration::from_secs(1));
}
