//! `fgcheck serve`: a local web page where a contributor drops a `.docx` and sees what to fix.
//!
//! Uploaded bytes stay in memory and are dropped after the response; nothing is written to
//! disk and no document content is logged (only sizes, verdicts and timings). Every text
//! taken from a document goes through maud's auto-escaping. Checks run on the blocking pool
//! behind a semaphore sized to the cores, each request under a timeout; a panic inside a
//! check is that file's `internal-error`, never the server's.

mod annotated;
mod page;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::Semaphore;

use crate::check::{self, FileReport, MeetingChoice, Resolved, Selection, Settings};
use crate::profile::RuleData;
use crate::report::{self, Run};

/// Limits of the web service; defaults documented in `fgcheck serve --help`.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_request_bytes: usize,
    pub max_files: usize,
    pub max_concurrent_checks: usize,
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_request_bytes: 200 * 1024 * 1024,
            max_files: 50,
            max_concurrent_checks: std::thread::available_parallelism().map_or(2, |n| n.get()),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// Shared state: rule data, the server's default selection, limits, the check semaphore.
pub struct App {
    pub data: RuleData,
    /// What `fgcheck serve --meeting/--profile` selects; the page preselects it and a
    /// request that names nothing uses it. A meeting not named is the next one due at the
    /// time of the request.
    pub selection: Selection,
    pub limits: Limits,
    semaphore: Semaphore,
}

impl App {
    pub fn new(data: RuleData, selection: Selection, limits: Limits) -> Arc<App> {
        let permits = limits.max_concurrent_checks.max(1);
        Arc::new(App {
            data,
            selection,
            limits,
            semaphore: Semaphore::new(permits),
        })
    }

    /// The server's selection resolved now.
    fn default_resolved(&self) -> Option<Resolved> {
        self.selection
            .resolve(&self.data, jiff::Timestamp::now())
            .ok()
    }

    /// What a request checks against: its meeting and profile fields where given (empty
    /// means "not chosen"), else the server's.
    fn resolve_request(&self, upload: &Upload) -> Result<Resolved, Refusal> {
        let selection = Selection {
            meeting: upload
                .meeting
                .clone()
                .or_else(|| self.selection.meeting.clone()),
            profile: upload
                .profile
                .clone()
                .or_else(|| self.selection.profile.clone()),
        };
        selection
            .resolve(&self.data, jiff::Timestamp::now())
            .map_err(|message| Refusal::BadRequest(format!("Not checked: {message}.")))
    }
}

/// The router, with security headers on every response.
pub fn router(app: Arc<App>) -> Router {
    let body_limit = app.limits.max_request_bytes;
    Router::new()
        .route("/", get(index))
        .route("/check", post(check_page))
        .route("/api/check", post(check_api))
        .route("/rules", get(rules_page))
        .route("/rules/{slug}", get(rule_page))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/static/app.js", get(script))
        .route("/static/style.css", get(stylesheet))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn index(State(app): State<Arc<App>>) -> Response {
    page::index(&app).into_response()
}

async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("assets/app.js"),
    )
        .into_response()
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("assets/style.css"),
    )
        .into_response()
}

async fn rules_page() -> Response {
    page::rules().into_response()
}

async fn rule_page(State(app): State<Arc<App>>, Path(slug): Path<String>) -> Response {
    match crate::rules::find(&slug) {
        Some(rule) => {
            // In the words of the server's profile and meeting.
            let vars = match app.selection.resolve(&app.data, jiff::Timestamp::now()) {
                Ok(resolved) => {
                    crate::rules::vars::Vars::new(&resolved.profile, resolved.meeting.as_ref())
                }
                Err(_) => crate::cli::explain::generic_vars(),
            };
            page::rule(rule, &vars).into_response()
        }
        None => (
            StatusCode::NOT_FOUND,
            page::error(
                "No such rule",
                &format!("There is no rule named \"{slug}\"."),
            ),
        )
            .into_response(),
    }
}

/// Why a request could not be checked.
#[derive(Debug)]
pub enum Refusal {
    TooLarge(String),
    TooMany(String),
    Busy,
    Timeout,
    BadRequest(String),
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::TooMany(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::BadRequest(_) => StatusCode::BAD_REQUEST,
        }
    }

    fn message(&self) -> String {
        match self {
            Refusal::TooLarge(detail) | Refusal::TooMany(detail) | Refusal::BadRequest(detail) => {
                detail.clone()
            }
            Refusal::Busy => "The checker is busy; try again in a moment.".into(),
            Refusal::Timeout => "Checking took too long and was stopped.".into(),
        }
    }
}

/// The uploaded files of one request, in memory, and the meeting and profile chosen.
struct Upload {
    files: Vec<(String, Vec<u8>)>,
    meeting: Option<String>,
    profile: Option<String>,
}

async fn read_upload(app: &App, mut multipart: Multipart) -> Result<Upload, Refusal> {
    let mut upload = Upload {
        files: Vec::new(),
        meeting: None,
        profile: None,
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                let status = error.status();
                let text = error.body_text();
                return Err(if status == StatusCode::PAYLOAD_TOO_LARGE {
                    Refusal::TooLarge(format!(
                        "The upload is larger than {} MB in all.",
                        app.limits.max_request_bytes >> 20
                    ))
                } else {
                    Refusal::BadRequest(format!("The upload could not be read: {text}"))
                });
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "meeting" || name == "profile" {
            let value = field
                .text()
                .await
                .map_err(|e| Refusal::BadRequest(e.body_text()))?;
            let value = value.trim();
            if !value.is_empty() {
                let slot = if name == "meeting" {
                    &mut upload.meeting
                } else {
                    &mut upload.profile
                };
                *slot = Some(value.chars().take(200).collect());
            }
            continue;
        }
        let file_name = field
            .file_name()
            .map(sanitize_name)
            .unwrap_or_else(|| "upload.docx".into());
        let bytes = field.bytes().await.map_err(|error| {
            if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Refusal::TooLarge(format!(
                    "The upload is larger than {} MB in all.",
                    app.limits.max_request_bytes >> 20
                ))
            } else {
                Refusal::BadRequest(error.body_text())
            }
        })?;
        if bytes.is_empty() && file_name == "upload.docx" {
            continue; // an empty file input in a form posted without a file
        }
        if bytes.len() > app.limits.max_file_bytes {
            return Err(Refusal::TooLarge(format!(
                "{file_name} is larger than {} MB.",
                app.limits.max_file_bytes >> 20
            )));
        }
        if upload.files.len() >= app.limits.max_files {
            return Err(Refusal::TooMany(format!(
                "At most {} files can be checked at once.",
                app.limits.max_files
            )));
        }
        upload.files.push((file_name, bytes.to_vec()));
    }
    if upload.files.is_empty() {
        return Err(Refusal::BadRequest(
            "No file was uploaded: choose one or more .docx files.".into(),
        ));
    }
    Ok(upload)
}

/// Keeps only the file name (browsers may send paths) and drops control characters.
fn sanitize_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.is_empty() {
        "upload.docx".into()
    } else {
        clean
    }
}

/// Checks the uploaded files on the blocking pool, under the semaphore and the timeout.
/// Returns the run and how its meeting was chosen.
async fn run_checks(app: Arc<App>, upload: Upload) -> Result<(Run, MeetingChoice), Refusal> {
    run_checks_with(app, upload, false)
        .await
        .map(|(run, choice, _)| (run, choice))
}

/// [`run_checks`], and with `copies` the annotated copies the results page offers.
async fn run_checks_with(
    app: Arc<App>,
    upload: Upload,
    copies: bool,
) -> Result<(Run, MeetingChoice, Vec<annotated::Copy>), Refusal> {
    let resolved = app.resolve_request(&upload)?;
    let choice = resolved.choice.clone();
    let settings = Settings::with(resolved);
    let permit = tokio::time::timeout(Duration::from_secs(10), app.semaphore.acquire())
        .await
        .map_err(|_| Refusal::Busy)?
        .map_err(|_| Refusal::Busy)?;
    let started = Instant::now();
    let count = upload.files.len();
    let bytes: usize = upload.files.iter().map(|(_, b)| b.len()).sum();
    let job = tokio::task::spawn_blocking(move || {
        let mut named: Vec<&(String, Vec<u8>)> = upload.files.iter().collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let mut files: Vec<FileReport> = named
            .iter()
            .map(|(name, bytes)| check::check_bytes(bytes, name, &settings))
            .collect();
        // The same steps as the command line: the deadline (from dcterms:modified, the only
        // time an upload carries) and the batch findings.
        let inputs: Vec<(std::path::PathBuf, String)> = named
            .iter()
            .map(|(name, _)| (std::path::PathBuf::from(name), name.clone()))
            .collect();
        let options = crate::deadline::Options {
            as_of: None,
            received_at: None,
            receipts: None,
            use_mtime: false,
            report_on_time: false,
        };
        check::apply_deadlines(&mut files, &inputs, &settings, &options);
        let batch = check::batch_findings(&files, &settings);
        let mut run = Run {
            files,
            fields: crate::report::fields_of(&settings.profile),
            vars: crate::rules::vars::Vars::new(&settings.profile, settings.meeting.as_ref()),
            batch,
            policy: settings.policy.clone(),
            profile: settings.profile.id.clone(),
            meeting: settings.meeting.as_ref().map(|m| m.id.clone()),
            fail_on: settings.fail_on,
            exit_code: 0,
        };
        run.exit_code = run.compute_exit_code();
        let annotated = if copies {
            annotated::build(&run, &named, &settings)
        } else {
            Vec::new()
        };
        (run, annotated)
    });
    let outcome = tokio::time::timeout(app.limits.request_timeout, job).await;
    drop(permit);
    let (run, copies) = match outcome {
        Ok(Ok(pair)) => pair,
        Ok(Err(_)) => return Err(Refusal::BadRequest("The check failed unexpectedly.".into())),
        Err(_) => return Err(Refusal::Timeout),
    };
    let summary = run.summary();
    // Sizes, verdicts and timings only: never a file name or any document content.
    eprintln!(
        "fgcheck serve: {count} file(s), {bytes} bytes, {} pass, {} fail, {} unreadable, {} ms",
        summary.pass,
        summary.fail,
        summary.unreadable,
        started.elapsed().as_millis()
    );
    Ok((run, choice, copies))
}

async fn check_page(State(app): State<Arc<App>>, multipart: Multipart) -> Response {
    let upload = match read_upload(&app, multipart).await {
        Ok(upload) => upload,
        Err(refusal) => {
            return (
                refusal.status(),
                page::error("Not checked", &refusal.message()),
            )
                .into_response();
        }
    };
    match run_checks_with(app.clone(), upload, true).await {
        Ok((run, choice, copies)) => page::results(&app, &run, &choice, &copies).into_response(),
        Err(refusal) => (
            refusal.status(),
            page::error("Not checked", &refusal.message()),
        )
            .into_response(),
    }
}

async fn check_api(State(app): State<Arc<App>>, multipart: Multipart) -> Response {
    let outcome = match read_upload(&app, multipart).await {
        Ok(upload) => run_checks(app.clone(), upload).await,
        Err(refusal) => Err(refusal),
    };
    match outcome {
        Ok((run, _)) => json_response(StatusCode::OK, report::json::render(&run)),
        Err(refusal) => {
            let body = serde_json::json!({"error": refusal.message(), "status": refusal.status().as_u16()});
            json_response(refusal.status(), body.to_string())
        }
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Runs the server until Ctrl-C. Binding other than loopback is the caller's explicit choice.
pub async fn serve(app: Arc<App>, address: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    let local = listener.local_addr()?;
    eprintln!("fgcheck serve: open http://{local}/ (Ctrl-C to stop)");
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
