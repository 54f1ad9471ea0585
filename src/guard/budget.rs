//! One budget per file, in time and in kept bytes, for all of its work.
//!
//! A hostile file must not turn one check into minutes or gigabytes, and the budget must
//! not restart with each part, reader or relationship (issue 12: a reader that counted its
//! own events from zero let 200,000 relationships to one part run for 21 s under a 10 s
//! budget). The budget lives in a thread-local set by `check::guarded` for the file being
//! checked on this thread: every XML reader, the scanner's long loops and the rules poll it.
//!
//! Time is looked at every [`TICKS_PER_CLOCK`] ticks, so polling costs a counter increment;
//! once spent, the budget stays spent (no later part or reader starts afresh);
//! a cancellation flag (the server's request timeout) is looked at with the clock.
//! Kept bytes ("charged" by readers for what they store: relationships, content types,
//! styles, part scans) are capped at [`limits::MAX_KEPT_BYTES`], which with the XML token
//! cap bounds a file's peak memory whatever its content.

use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::guard::{PackageError, limits};

/// How many ticks between two looks at the clock: an XML event is a tick, and a tick costs
/// a thread-local increment; `Instant::now()` every 256 events is far below 1% of parsing.
const TICKS_PER_CLOCK: u32 = 256;

struct State {
    deadline: Instant,
    seconds: f64,
    cancel: Option<Arc<AtomicBool>>,
    kept: u64,
    stopped: bool,
}

thread_local! {
    static CURRENT: RefCell<Option<State>> = const { RefCell::new(None) };
    /// Ticks since the clock was last looked at; apart from [`CURRENT`] so that a tick is
    /// a plain increment.
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// The budget of one file: set while it is checked, cleared (even on panic) when dropped.
pub struct Guard {
    _private: (),
}

impl Drop for Guard {
    fn drop(&mut self) {
        CURRENT.with(|cell| *cell.borrow_mut() = None);
    }
}

/// Starts the budget of the file checked on this thread: `timeout` from `started`, and an
/// optional flag another thread sets to stop the check early.
pub fn start(started: Instant, timeout: Duration, cancel: Option<Arc<AtomicBool>>) -> Guard {
    let deadline = started.checked_add(timeout).unwrap_or(started);
    CURRENT.with(|cell| {
        *cell.borrow_mut() = Some(State {
            deadline,
            seconds: timeout.as_secs_f64(),
            cancel,
            kept: 0,
            stopped: false,
        });
    });
    Guard { _private: () }
}

/// A unit of work done: looks at the clock every few hundred calls.
#[inline]
pub fn tick() -> Result<(), PackageError> {
    let ticks = TICKS.with(|cell| {
        let next = cell.get().wrapping_add(1);
        cell.set(next);
        next
    });
    if ticks.is_multiple_of(TICKS_PER_CLOCK) {
        check()
    } else {
        Ok(())
    }
}

/// Looks at the clock and the cancellation flag now (inside long loops, between stages).
pub fn check() -> Result<(), PackageError> {
    CURRENT.with(|cell| {
        let mut state = cell.borrow_mut();
        let Some(state) = state.as_mut() else {
            return Ok(());
        };
        let cancelled = state
            .cancel
            .as_ref()
            .is_some_and(|flag| flag.load(Ordering::Relaxed));
        if state.stopped || cancelled || Instant::now() > state.deadline {
            // Once over, every later poll fails at once: no part read after this one
            // gets a fresh start.
            state.stopped = true;
            return Err(PackageError::TooSlow {
                seconds: state.seconds,
            });
        }
        Ok(())
    })
}

/// True when the budget is spent; for loops that cannot return an error (the rules).
pub fn exhausted() -> bool {
    check().is_err()
}

/// Accounts for bytes a reader keeps; refuses the file once it would keep more than
/// [`limits::MAX_KEPT_BYTES`].
pub fn charge(bytes: usize, part: &str) -> Result<(), PackageError> {
    CURRENT.with(|cell| {
        let mut state = cell.borrow_mut();
        let Some(state) = state.as_mut() else {
            return Ok(());
        };
        state.kept = state.kept.saturating_add(bytes as u64);
        if state.kept > limits::MAX_KEPT_BYTES {
            return Err(PackageError::ZipBomb {
                part: part.to_string(),
                detail: format!(
                    "what fgcheck keeps of the document (relationships, content types, styles, header tables, samples) would pass {} MiB",
                    limits::MAX_KEPT_BYTES >> 20
                ),
            });
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_shared_and_never_restarts() {
        let _guard = start(Instant::now(), Duration::ZERO, None);
        std::thread::sleep(Duration::from_millis(2));
        let mut failed = false;
        for _ in 0..TICKS_PER_CLOCK {
            failed |= tick().is_err();
        }
        assert!(failed, "a spent budget is noticed within one clock period");
        // Every later look fails at once.
        assert!(check().is_err());
    }

    #[test]
    fn cancellation_stops_the_check() {
        let flag = Arc::new(AtomicBool::new(false));
        let _guard = start(
            Instant::now(),
            Duration::from_secs(3600),
            Some(flag.clone()),
        );
        assert!(check().is_ok());
        flag.store(true, Ordering::Relaxed);
        assert!(check().is_err());
    }

    #[test]
    fn kept_bytes_are_capped() {
        let _guard = start(Instant::now(), Duration::from_secs(3600), None);
        assert!(charge(1024, "x").is_ok());
        assert!(matches!(
            charge(usize::try_from(limits::MAX_KEPT_BYTES).expect("fits"), "x"),
            Err(PackageError::ZipBomb { .. })
        ));
    }

    #[test]
    fn no_budget_means_no_limit() {
        assert!(tick().is_ok() && check().is_ok() && charge(usize::MAX, "x").is_ok());
    }
}
