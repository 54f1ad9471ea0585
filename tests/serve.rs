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
    let selection = fgcheck::profile::Selection {
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
        fgcheck::serve::serve_listener(listener, server, std::future::pending()).await;
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

// ---------------------------------------------------------------------------------------
// Issue 12: slow clients, time, shutdown, JSON refusals.

/// A server on loopback with these limits; returns its address and the app.
fn start_server(
    runtime: &tokio::runtime::Runtime,
    limits: Limits,
    per_file: Duration,
) -> (
    std::net::SocketAddr,
    Arc<App>,
    tokio::sync::oneshot::Sender<()>,
) {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let selection = fgcheck::profile::Selection {
        meeting: Some("fg-qit4n-5".into()),
        profile: None,
    };
    let limits = Limits {
        file_timeout: per_file,
        ..limits
    };
    let server = App::new(data, selection, limits);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = server.clone();
    runtime.spawn(async move {
        fgcheck::serve::serve_listener(listener, app, async {
            let _ = stopped.await;
        })
        .await;
    });
    (address, server, stop)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// True when the server closed the connection (EOF or reset) while we trickle bytes.
fn closed_while_trickling(mut stream: TcpStream, trickle: &[u8], limit: Duration) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("timeout");
    let started = std::time::Instant::now();
    let mut next = trickle.iter();
    while started.elapsed() < limit {
        if let Some(byte) = next.next()
            && stream.write_all(&[*byte]).is_err()
        {
            return true;
        }
        let mut buf = [0u8; 512];
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => {
                // An answer (e.g. 408): the server ends the exchange; read to the end.
                let mut rest = Vec::new();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .expect("timeout");
                let _ = stream.read_to_end(&mut rest);
                return true;
            }
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return true,
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    false
}

#[test]
fn slow_headers_are_cut_and_do_not_starve_real_uploads() {
    let runtime = runtime();
    let limits = Limits {
        header_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let (address, _app, _stop) = start_server(&runtime, limits, Duration::from_secs(10));
    // 300 clients that send a few header bytes and then nothing.
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| {
            let mut stream = TcpStream::connect(address).ok()?;
            stream.write_all(b"POST /api/check HTTP/1.1\r\nHo").ok()?;
            Some(stream)
        })
        .collect();
    assert!(idle.len() > 250, "{} slow connections opened", idle.len());
    // A real upload still gets its answer.
    let document = sample("fail-bad-purpose.docx");
    let body = multipart(&[("a.docx", &document)], None);
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    assert_eq!(raw_request(address, &head, &body), Some(200));
    // One byte every 150 ms of headers is cut by the header read timeout (1 s), long
    // before the generous limit a hang would exceed.
    let stream = TcpStream::connect(address).expect("connect");
    let trickle = b"GET /healthz HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    assert!(
        closed_while_trickling(stream, trickle, Duration::from_secs(30)),
        "a client trickling its headers is kept"
    );
    drop(idle);
}

#[test]
fn a_slow_body_is_answered_408_in_json() {
    let runtime = runtime();
    let limits = Limits {
        body_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    };
    let (address, _app, _stop) = start_server(&runtime, limits, Duration::from_secs(10));
    let mut stream = TcpStream::connect(address).expect("connect");
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n--{BOUNDARY}\r\n"
    );
    stream.write_all(head.as_bytes()).expect("write");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(
        text.contains("application/json") && text.contains("\"error\""),
        "{text}"
    );
}

#[test]
fn a_request_over_its_time_stops_its_checks_and_frees_the_slot() {
    let runtime = runtime();
    let limits = Limits {
        request_timeout: Duration::from_millis(300),
        max_concurrent_checks: 1,
        ..Limits::default()
    };
    // The per-file budget is long: only the request's time can stop the check.
    let (address, app, _stop) = start_server(&runtime, limits, Duration::from_secs(600));
    let mut spec = support::Spec::template();
    spec.body = (0..200_000)
        .map(|n| format!("<w:p><w:r><w:t>Paragraph {n} on key management.</w:t></w:r></w:p>"))
        .collect::<Vec<_>>()
        .concat();
    let large = spec.build();
    let small = sample("pass-template.docx");
    let body = multipart(&[("large.docx", &large), ("small.docx", &small)], None);
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(head.as_bytes()).expect("head");
    stream.write_all(&body).expect("body");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    // Every file has a verdict: the large one stopped by the request's time, the small
    // one (its turn after the time ran out) reported as not checked.
    assert!(text.contains("\"too-slow\""), "{text}");
    assert!(text.contains("not checked"), "{text}");
    // Nothing goes on running behind the answer, and the only slot is free again.
    let mut waited = 0;
    while app.active_checks() > 0 && waited < 100 {
        std::thread::sleep(Duration::from_millis(100));
        waited += 1;
    }
    assert_eq!(app.active_checks(), 0, "a check outlived its request");
    let body = multipart(&[("small.docx", &small)], None);
    let head = format!(
        "POST /api/check HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    assert_eq!(raw_request(address, &head, &body), Some(200));
}

#[test]
fn shutdown_ends_within_the_grace_even_with_idle_connections() {
    let runtime = runtime();
    let limits = Limits {
        shutdown_grace: Duration::from_secs(1),
        ..Limits::default()
    };
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    let server = App::new(data, fgcheck::profile::Selection::default(), limits);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = runtime.spawn(fgcheck::serve::serve_listener(listener, server, async {
        let _ = stopped.await;
    }));
    // A keep-alive connection left open, and one half-sent request.
    let mut idle = TcpStream::connect(address).expect("connect");
    idle.write_all(format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes())
        .expect("write");
    let mut half = TcpStream::connect(address).expect("connect");
    half.write_all(b"POST /api/check HTTP/1.1\r\nContent-Length: 10\r\n\r\nab")
        .expect("write");
    std::thread::sleep(Duration::from_millis(200));
    let _ = stop.send(());
    let ended =
        runtime.block_on(async { tokio::time::timeout(Duration::from_secs(30), done).await });
    assert!(ended.is_ok(), "the server did not stop");
}

#[tokio::test]
async fn every_api_refusal_is_json() {
    // Not multipart at all.
    let request = Request::post("/api/check")
        .header("content-type", "text/plain")
        .body(Body::from("hello"))
        .expect("request");
    let (status, headers, body) = send(app(Limits::default()), request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    assert!(body.contains("\"error\""), "{body}");
    // A multipart body cut in the middle.
    let mut cut = multipart(&[("a.docx", b"PK\x03\x04")], None);
    cut.truncate(cut.len() - 10);
    let (status, headers, body) = send(app(Limits::default()), post("/api/check", cut)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    serde_json::from_str::<serde_json::Value>(&body).expect("json");
    // The wrong method.
    let (status, headers, body) = send(app(Limits::default()), get("/api/check")).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    // Too large, declared up front.
    let request = Request::post("/api/check")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("content-length", "999999999999")
        .body(Body::empty())
        .expect("request");
    let (status, headers, body) = send(app(Limits::default()), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_eq!(headers["content-type"], "application/json");
}

/// Ctrl-C (SIGINT) and SIGTERM stop `fgcheck serve` within the grace, with a client
/// connected (issue 12: it did not stop within 10 s).
#[cfg(unix)]
#[test]
fn the_server_process_stops_on_sigterm_and_sigint() {
    use std::io::BufRead;
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fgcheck"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = std::io::BufReader::new(stderr).lines();
        let line = lines.next().expect("a line").expect("read");
        let address: std::net::SocketAddr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        // A keep-alive client that stays connected.
        let mut client = TcpStream::connect(address).expect("connect");
        client
            .write_all(format!("GET /healthz HTTP/1.1\r\nHost: {address}\r\n\r\n").as_bytes())
            .expect("write");
        std::thread::sleep(Duration::from_millis(200));
        // kill(1), not libc::kill: the crate forbids unsafe code, its tests included.
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill -{signal}");
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break Some(status);
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(
            status.is_some(),
            "signal {signal}: still running after 30 s"
        );
        drop(client);
    }
}
