//! `fgcheck serve`: a local web page where a contributor drops a `.docx` and sees what to fix.
//!
//! Uploaded bytes stay in memory and are dropped after the response; nothing is written to
//! disk and no document content is logged (only sizes, verdicts and timings). Every text
//! taken from a document goes through maud's auto-escaping. Checks run on the blocking pool
//! behind a semaphore sized to the cores; a panic inside a check is that file's
//! `internal-error`, never the server's.
//!
//! Against a determined client (issue 12), every resource is bounded:
//! - time: each file has the per-file budget, and all files of a request share the request
//!   timeout (a file whose turn comes too late is reported `too-slow`, not checked), so the
//!   answer comes within the request timeout; a check that overruns it anyway is cancelled
//!   through the budget's flag and keeps its semaphore permit until it really stops;
//! - slow clients: request headers must arrive within [`Limits::header_read_timeout`]
//!   (hyper's own timer, on our accept loop) and the body within
//!   [`Limits::body_read_timeout`], so a client sending one byte a second is cut;
//! - memory: requests are admitted by the bytes they bring ([`Limits::max_bytes_in_flight`]),
//!   not only by count, and uploads are never copied;
//! - shutdown: SIGINT or SIGTERM stops accepting, lets requests in flight finish for up to
//!   [`Limits::shutdown_grace`], then cancels their checks and returns.

mod annotated;
mod page;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::check::Settings;
use crate::config::{Effective, Suppression};
use crate::diag::{Policy as RulePolicy, Severity};
use crate::profile::RuleData;
use crate::profile::{MeetingChoice, Resolved, Selection};
use crate::report::{self, Run};
use crate::run::Plan;

/// Limits of the web service; defaults documented in `fgcheck serve --help`.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_request_bytes: usize,
    pub max_files: usize,
    pub max_concurrent_checks: usize,
    /// The whole request: every file's check shares it (each file also has the per-file
    /// budget, [`Limits::file_timeout`]).
    pub request_timeout: Duration,
    /// One file's budget, as `--timeout-per-file` is for the command line.
    pub file_timeout: Duration,
    /// Request headers must be in within this (hyper closes the connection otherwise).
    pub header_read_timeout: Duration,
    /// The body must be in within this.
    pub body_read_timeout: Duration,
    /// Upload bytes admitted at once, over all requests; a request waits for room (up to
    /// [`ADMISSION_WAIT`]) before it is answered 503.
    pub max_bytes_in_flight: usize,
    /// Connections served at once; more are closed on accept.
    pub max_connections: usize,
    /// How long requests in flight may go on after SIGINT or SIGTERM.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 50 * 1024 * 1024,
            max_request_bytes: 200 * 1024 * 1024,
            max_files: 50,
            max_concurrent_checks: std::thread::available_parallelism().map_or(2, |n| n.get()),
            request_timeout: Duration::from_secs(60),
            file_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(60),
            max_bytes_in_flight: 256 * 1024 * 1024,
            max_connections: 1024,
            shutdown_grace: Duration::from_secs(4),
        }
    }
}

/// How long a request waits for a check slot or for room for its bytes.
const ADMISSION_WAIT: Duration = Duration::from_secs(10);

/// Bytes are admitted in units of this many, so that the count fits a semaphore.
const ADMISSION_UNIT: usize = 1024;

/// Shared state: rule data, the server's default selection, limits, the check semaphore.
pub struct App {
    pub data: RuleData,
    /// What `fgcheck serve --meeting/--profile` selects; the page preselects it and a
    /// request that names nothing uses it. A meeting not named is the next one due at the
    /// time of the request.
    pub selection: Selection,
    pub limits: Limits,
    semaphore: Arc<Semaphore>,
    /// Upload bytes in flight, in [`ADMISSION_UNIT`]s.
    bytes: Arc<Semaphore>,
    /// The cancellation flags of the checks running now, for shutdown.
    running: Mutex<Vec<Arc<AtomicBool>>>,
    /// Checks started and not yet ended (a cancelled check counts until it really stops).
    active: Arc<std::sync::atomic::AtomicUsize>,
    /// The policy every request's run applies: the same as `check` with the same
    /// `fgcheck.toml` and flags.
    pub policy: Policy,
}

/// What `fgcheck serve` takes from `fgcheck.toml` and its flags, beyond the selection.
#[derive(Clone, Debug)]
pub struct Policy {
    pub policy: RulePolicy,
    pub fail_on: Severity,
    pub suppressions: Vec<Suppression>,
}

impl Policy {
    /// The policy `fgcheck.toml` and the flags give, as `check` applies it.
    pub fn of(effective: &Effective) -> Policy {
        Policy {
            policy: effective.policy(),
            fail_on: effective.fail_on.value,
            suppressions: effective.suppressions.clone(),
        }
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            policy: RulePolicy::default(),
            fail_on: Severity::Error,
            suppressions: Vec::new(),
        }
    }
}

impl App {
    /// A server with the default policy (every rule at its own severity, failing on errors).
    pub fn new(data: RuleData, selection: Selection, limits: Limits) -> Arc<App> {
        App::with_policy(data, selection, limits, Policy::default())
    }

    /// A server whose runs apply `policy` (from `fgcheck.toml` and the flags).
    pub fn with_policy(
        data: RuleData,
        selection: Selection,
        limits: Limits,
        policy: Policy,
    ) -> Arc<App> {
        let permits = limits.max_concurrent_checks.max(1);
        // One request of the largest size must always fit.
        let in_flight = limits.max_bytes_in_flight.max(limits.max_request_bytes);
        let units = (in_flight / ADMISSION_UNIT).clamp(1, Semaphore::MAX_PERMITS);
        Arc::new(App {
            data,
            selection,
            limits,
            semaphore: Arc::new(Semaphore::new(permits)),
            bytes: Arc::new(Semaphore::new(units)),
            running: Mutex::new(Vec::new()),
            active: Arc::new(std::sync::atomic::AtomicUsize::new(0)),
            policy,
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

    /// Checks running now, including cancelled ones that have not stopped yet.
    pub fn active_checks(&self) -> usize {
        self.active.load(Ordering::SeqCst)
    }

    /// Stops every running check at its next budget poll.
    pub fn cancel_all(&self) {
        if let Ok(running) = self.running.lock() {
            for flag in running.iter() {
                flag.store(true, Ordering::Relaxed);
            }
        }
    }

    /// Waits for room for `declared` upload bytes (the whole request when its length is
    /// not declared): admission by bytes, not only by count.
    async fn admit(
        self: &Arc<Self>,
        declared: Option<usize>,
    ) -> Result<OwnedSemaphorePermit, Refusal> {
        let bytes = declared
            .unwrap_or(self.limits.max_request_bytes)
            .min(self.limits.max_request_bytes);
        let units = bytes.div_ceil(ADMISSION_UNIT).max(1);
        let units = u32::try_from(units).unwrap_or(u32::MAX);
        tokio::time::timeout(ADMISSION_WAIT, self.bytes.clone().acquire_many_owned(units))
            .await
            .map_err(|_| Refusal::Busy)?
            .map_err(|_| Refusal::Busy)
    }
}

/// The router, with security headers on every response.
pub fn router(app: Arc<App>) -> Router {
    let body_limit = app.limits.max_request_bytes;
    Router::new()
        .route("/", get(index))
        .route("/check", post(check_page))
        .route("/api/check", post(check_api).fallback(api_wrong_method))
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
                Err(_) => crate::rules::docs::generic_vars(),
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
    /// The body did not arrive within the body read timeout.
    SlowUpload,
    BadRequest(String),
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::TooMany(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::SlowUpload => StatusCode::REQUEST_TIMEOUT,
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
            Refusal::SlowUpload => "The upload arrived too slowly and was stopped.".into(),
        }
    }
}

/// The uploaded files of one request, in memory, and the meeting and profile chosen.
struct Upload {
    files: Vec<(String, Bytes)>,
    meeting: Option<String>,
    profile: Option<String>,
}

/// The declared body length, when the client sent one.
fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Admission, then the body within its time limit: what both upload routes do first.
async fn receive(
    app: &Arc<App>,
    headers: &HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Upload, OwnedSemaphorePermit), Refusal> {
    let multipart = multipart.map_err(|rejection| {
        Refusal::BadRequest(format!(
            "The upload could not be read: {}",
            rejection.body_text()
        ))
    })?;
    let declared = content_length(headers);
    if declared.is_some_and(|n| n > app.limits.max_request_bytes) {
        return Err(Refusal::TooLarge(format!(
            "The upload is larger than {} MB in all.",
            app.limits.max_request_bytes >> 20
        )));
    }
    let admitted = app.admit(declared).await?;
    let upload = tokio::time::timeout(app.limits.body_read_timeout, read_upload(app, multipart))
        .await
        .map_err(|_| Refusal::SlowUpload)??;
    Ok((upload, admitted))
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
        // Kept as received: a copy would double the memory of every upload.
        upload.files.push((file_name, bytes));
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

/// Ends a check's bookkeeping when the blocking job ends, however it ends.
struct Running {
    app: Arc<App>,
    flag: Arc<AtomicBool>,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut running) = self.app.running.lock() {
            running.retain(|flag| !Arc::ptr_eq(flag, &self.flag));
        }
        self.app.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Checks the uploaded files on the blocking pool, under the semaphore and the timeout.
/// Returns the run, how its meeting was chosen and, with `copies`, the annotated copies
/// the results page offers.
///
/// The permits (a check slot, the upload's bytes) move into the blocking job: they are
/// released when the checks really stop, not when the request gives up on them.
async fn run_checks(
    app: Arc<App>,
    upload: Upload,
    admitted: OwnedSemaphorePermit,
    copies: bool,
) -> Result<(Run, MeetingChoice, Vec<annotated::Copy>), Refusal> {
    let resolved = app.resolve_request(&upload)?;
    let choice = resolved.choice.clone();
    let mut settings = Settings {
        policy: app.policy.policy.clone(),
        fail_on: app.policy.fail_on,
        timeout: app.limits.file_timeout,
        ..Settings::with(resolved)
    };
    let permit = tokio::time::timeout(ADMISSION_WAIT, app.semaphore.clone().acquire_owned())
        .await
        .map_err(|_| Refusal::Busy)?
        .map_err(|_| Refusal::Busy)?;
    let cancel = Arc::new(AtomicBool::new(false));
    settings.cancel = Some(cancel.clone());
    if let Ok(mut running) = app.running.lock() {
        running.push(cancel.clone());
    }
    app.active.fetch_add(1, Ordering::SeqCst);
    let running = Running {
        app: app.clone(),
        flag: cancel.clone(),
    };
    let started = Instant::now();
    let request_timeout = app.limits.request_timeout;
    let request_deadline = started + request_timeout;
    let count = upload.files.len();
    let bytes: usize = upload.files.iter().map(|(_, b)| b.len()).sum();
    let stopped = cancel.clone();
    let job = tokio::task::spawn_blocking(move || {
        let _held = (permit, admitted, running);
        let mut named: Vec<&(String, Bytes)> = upload.files.iter().collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let uploads: Vec<(String, &[u8])> = named
            .iter()
            .map(|(name, bytes)| (name.clone(), bytes.as_ref()))
            .collect();
        // The same plan as the command line: deadline (from dcterms:modified, the only
        // time an upload carries), suppressions and batch findings.
        let plan = Plan {
            suppressions: app.policy.suppressions.clone(),
            ..Plan::new(settings)
        };
        let run = plan.run_uploads(
            &uploads,
            request_deadline,
            request_timeout.as_secs_f64(),
            &stopped,
        );
        let annotated = if copies {
            annotated::build(&run, &named, &plan)
        } else {
            Vec::new()
        };
        (run, annotated)
    });
    // The job ends by itself within the request's time (plus a budget poll); the margin
    // only covers a check that would not, which is then cancelled.
    let outcome = tokio::time::timeout(request_timeout + Duration::from_secs(2), job).await;
    let (run, copies) = match outcome {
        Ok(Ok(pair)) => pair,
        Ok(Err(_)) => return Err(Refusal::BadRequest("The check failed unexpectedly.".into())),
        Err(_) => {
            cancel.store(true, Ordering::Relaxed);
            return Err(Refusal::Timeout);
        }
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

async fn check_page(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let (upload, admitted) = match receive(&app, &headers, multipart).await {
        Ok(received) => received,
        Err(refusal) => {
            return (
                refusal.status(),
                page::error("Not checked", &refusal.message()),
            )
                .into_response();
        }
    };
    match run_checks(app.clone(), upload, admitted, true).await {
        Ok((run, choice, copies)) => page::results(&app, &run, &choice, &copies).into_response(),
        Err(refusal) => (
            refusal.status(),
            page::error("Not checked", &refusal.message()),
        )
            .into_response(),
    }
}

/// Every answer of `/api/check` is JSON, refusals included (a malformed multipart body,
/// a slow upload, a busy server, a wrong method).
async fn check_api(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let outcome = match receive(&app, &headers, multipart).await {
        Ok((upload, admitted)) => run_checks(app.clone(), upload, admitted, false).await,
        Err(refusal) => Err(refusal),
    };
    match outcome {
        Ok((run, _, _)) => json_response(StatusCode::OK, report::json::render(&run)),
        Err(refusal) => json_error(refusal.status(), &refusal.message()),
    }
}

async fn api_wrong_method() -> Response {
    json_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "Use POST with a multipart/form-data upload.",
    )
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({"error": message, "status": status.as_u16()});
    json_response(status, body.to_string())
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

/// Runs the server until SIGINT (Ctrl-C) or SIGTERM. Binding other than loopback is the
/// caller's explicit choice.
pub async fn serve(app: Arc<App>, address: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    let local = listener.local_addr()?;
    eprintln!("fgcheck serve: open http://{local}/ (Ctrl-C to stop)");
    serve_listener(listener, app, stop_signal()).await;
    Ok(())
}

/// SIGINT or SIGTERM (Ctrl-C elsewhere).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves on a bound listener until `stop` completes, then shuts down gracefully: no new
/// connection is accepted, requests in flight get [`Limits::shutdown_grace`] to finish,
/// then their checks are cancelled and the connections dropped.
///
/// The accept loop is ours, not `axum::serve`, for hyper's header read timeout (a client
/// that trickles its headers is cut) and a cap on connections.
pub async fn serve_listener(
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    stop: impl Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let service = router(app.clone());
    let graceful = GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(app.limits.max_connections.max(1)));
    let mut stop = std::pin::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let Ok((stream, _)) = accepted else {
            // Out of descriptors or a reset before accept: breathe, go on.
            tokio::time::sleep(Duration::from_millis(20)).await;
            continue;
        };
        let Ok(slot) = connections.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(app.limits.header_read_timeout);
        let connection = builder.serve_connection(
            TokioIo::new(stream),
            TowerToHyperService::new(service.clone()),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    eprintln!("fgcheck serve: stopping");
    if tokio::time::timeout(app.limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        // Requests still running are cut: their checks stop at the next budget poll.
        app.cancel_all();
    }
}
