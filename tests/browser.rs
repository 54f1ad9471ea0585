//! A contributor's path through `fgcheck serve` in a real browser: headless Chromium (Debian
//! packages `chromium` and `chromium-driver`, installed by `.ci/run`) opens the page,
//! uploads a failing sample through the file input, and reads the verdict and a finding.
//! Screenshots go to `target/browser/`; with FGCHECK_BLESS=1 the results page also
//! refreshes `docs/serve.png`, the README's picture.
//!
//! Skips with a `SKIPPED:` line when Chromium is missing and CI is not set; in CI it must
//! run (see `support::skip`).

mod support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};

fn find_program(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn wait_for_port(port: u16) {
    let address: SocketAddr = ([127, 0, 0, 1], port).into();
    let started = Instant::now();
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Narrows the window to 360 px (a small phone) and checks the page fits: the viewport
/// really is 360 px or less, and the document is no wider than it (no sideways scroll).
async fn fits(client: &fantoccini::Client, what: &str) {
    client
        .set_window_size(360, 800)
        .await
        .expect("narrow window");
    let widths = client
        .execute(
            "return [window.innerWidth, document.documentElement.clientWidth, document.documentElement.scrollWidth];",
            vec![],
        )
        .await
        .expect("script");
    let widths: Vec<u64> = widths
        .as_array()
        .expect("three widths")
        .iter()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    let [inner, client_width, scroll] = widths[..] else {
        panic!("{what}: widths {widths:?}");
    };
    assert!(
        inner <= 360,
        "{what}: the window is {inner} px wide, not 360"
    );
    assert!(
        scroll <= client_width,
        "{what}: the page is {scroll} px wide in a {client_width} px viewport"
    );
}

#[test]
fn contributor_uploads_a_failing_sample_and_sees_what_to_fix() {
    let chromium = find_program(&[
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]);
    let chromedriver = find_program(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    let (Some(chromium), Some(chromedriver)) = (chromium, chromedriver) else {
        support::skip(
            "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
        );
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shots = root.join("target/browser");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let profile = tempfile::tempdir().expect("browser profile");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let server_address = listener.local_addr().expect("address");
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    // As `fgcheck serve` starts: no meeting named, so the page preselects the next one due
    // (none once the built-in meeting's deadline has passed).
    let app = fgcheck::serve::App::new(
        data,
        fgcheck::profile::Selection::default(),
        fgcheck::serve::Limits::default(),
    );
    runtime.spawn(async move {
        let _ = axum::serve(listener, fgcheck::serve::router(app)).await;
    });

    let port = free_port();
    let _driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver"),
    );
    wait_for_port(port);

    let sample = root.join("samples/fail-missing-title.docx");
    runtime.block_on(async {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1100,1500",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }),
        );
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("webdriver session");
        let page = format!("http://{server_address}/");
        client.goto(&page).await.expect("open the page");
        let zone = client.find(Locator::Css("#drop-zone")).await.expect("drop zone");
        assert_eq!(zone.attr("tabindex").await.expect("attr").as_deref(), Some("0"), "keyboard reachable");
        // A meeting selector that offers a pre-check, and a template selector.
        let meetings = client.find(Locator::Css("select#meeting")).await.expect("meeting selector").text().await.expect("text");
        assert!(meetings.contains("No meeting (pre-check"), "{meetings}");
        assert!(meetings.contains("FG-QIT4N"), "{meetings}");
        let profiles = client.find(Locator::Css("select#profile")).await.expect("template selector").text().await.expect("text");
        assert!(profiles.contains("ITU-T study group"), "{profiles}");
        fits(&client, "upload page").await;
        client.set_window_size(1100, 1500).await.expect("wide window");

        // Choosing a file submits the form (the page's script); the results page replaces it.
        let input = client.find(Locator::Css("#files")).await.expect("file input");
        input.send_keys(&sample.display().to_string()).await.expect("choose file");
        let verdict = client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("section.file .verdict"))
            .await
            .expect("results page");
        let verdict_text = verdict.text().await.expect("verdict text");
        assert!(verdict_text.contains("Fail"), "{verdict_text}");
        let findings = client.find(Locator::Css("ul.findings")).await.expect("findings").text().await.expect("text");
        assert!(findings.contains("the cover has no \"Title:\" row"), "{findings}");
        assert!(findings.contains("FG109/missing-title"), "{findings}");
        // The fix is under the finding, where the contributor needs it.
        let fix = findings.split_once("Fix:").map(|(_, rest)| rest.trim_start()).unwrap_or_default();
        assert!(fix.starts_with("Fill the cell right of \"Title:\""), "{findings}");
        let png = client.screenshot().await.expect("screenshot");
        std::fs::write(shots.join("serve-results.png"), &png).expect("write screenshot");
        if std::env::var_os("FGCHECK_BLESS").is_some() {
            std::fs::write(root.join("docs/serve.png"), &png).expect("write docs/serve.png");
        }

        // At 360 px wide nothing spills sideways.
        fits(&client, "results page").await;
        std::fs::write(shots.join("serve-results-360.png"), client.screenshot().await.expect("screenshot")).expect("write");

        // The rule's page, linked from the finding.
        client.goto(&format!("{page}rules/missing-title")).await.expect("rule page");
        let heading = client.find(Locator::Css("main h2")).await.expect("heading").text().await.expect("text");
        assert!(heading.contains("missing-title"), "{heading}");
        client.close().await.expect("close");
    });
    runtime.shutdown_timeout(Duration::from_secs(1));
}
