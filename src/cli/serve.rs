//! `fgcheck serve`: the local web page (built with the default `serve` feature).

use std::time::Duration;

use super::CliError;
use super::plan::{PolicyArgs, effective_config, resolve_now};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Uploads stay in memory and are dropped after each response; nothing is written to disk and
the log holds only sizes, verdicts and timings. Binding an address other than loopback makes
the page reachable from other machines: do it only on a network you trust.")]
pub struct ServeArgs {
    /// Address to listen on; loopback by default.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub listen: std::net::SocketAddr,
    /// The same policy as `check` (fgcheck.toml, --select, --severity...); --meeting and
    /// --profile are what the page preselects (`none` for a pre-check) [default: the next
    /// meeting whose input deadline has not passed, or none].
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Largest file accepted, in MB.
    #[arg(long, default_value_t = 50)]
    pub max_file_mb: usize,
    /// Largest request (all files together), in MB.
    #[arg(long, default_value_t = 200)]
    pub max_request_mb: usize,
    /// Most files in one request.
    #[arg(long, default_value_t = 50)]
    pub max_files: usize,
    /// Seconds all the files of one request share (each also has the 10 s per-file budget);
    /// a file whose turn comes later is reported `too-slow`, not checked.
    #[arg(long, default_value_t = 60)]
    pub request_timeout: u64,
}

pub fn run(args: ServeArgs) -> Result<i32, CliError> {
    let effective = effective_config(&args.policy, None)?;
    // Report a typo now; the page resolves the selection again for every check, so that
    // "the next meeting" follows the clock while the server runs.
    let (data, _) = resolve_now(&effective)?;
    if args.max_file_mb == 0 || args.max_request_mb == 0 || args.max_files == 0 {
        return Err(CliError::usage("the --max-* limits must be at least 1"));
    }
    if !args.listen.ip().is_loopback() {
        eprintln!(
            "fgcheck: warning: listening on {}, reachable from other machines; documents sent to it are checked here",
            args.listen
        );
    }
    let limits = crate::serve::Limits {
        max_file_bytes: args.max_file_mb.saturating_mul(1024 * 1024),
        max_request_bytes: args.max_request_mb.saturating_mul(1024 * 1024),
        max_files: args.max_files,
        request_timeout: Duration::from_secs(args.request_timeout.max(1)),
        ..crate::serve::Limits::default()
    };
    let app = crate::serve::App::with_policy(
        data,
        effective.selection(),
        limits,
        crate::serve::Policy::of(&effective),
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            return Err(CliError::usage(format!("cannot start the server: {error}")));
        }
    };
    if args.open {
        let url = format!("http://{}/", args.listen);
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        // Best effort: the URL is printed anyway.
        let _ = std::process::Command::new(opener).arg(&url).spawn();
    }
    match runtime.block_on(crate::serve::serve(app, args.listen)) {
        Ok(()) => Ok(0),
        Err(error) => Err(CliError::usage(format!(
            "cannot serve on {}: {error}",
            args.listen
        ))),
    }
}
