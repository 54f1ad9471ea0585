//! Parallel work handed on in order: workers take indexes in turn, the calling thread
//! receives each result when all earlier ones were handed on. At most [`WINDOW`] results
//! wait for an earlier slow one, so memory stays bounded whatever the number of items.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// Results allowed to wait for an earlier one (a file that takes its whole time budget
/// while the other workers go on).
pub const WINDOW: usize = 256;

/// Runs `work(index)` for every index below `count` on `jobs` threads and calls
/// `done(index, result)` on the calling thread in index order.
pub fn run<T: Send>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut done: impl FnMut(usize, T),
) {
    if jobs <= 1 || count <= 1 {
        for index in 0..count {
            done(index, work(index));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // The index handed on last + 1, and the signal workers wait on when too far ahead.
    let handed = Mutex::new(0usize);
    let moved = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(count) {
            let sender = sender.clone();
            let (next, handed, moved, work) = (&next, &handed, &moved, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= count {
                        break;
                    }
                    // Wait while this index is too far ahead of what was handed on.
                    let mut guard = handed.lock().unwrap_or_else(PoisonError::into_inner);
                    while index >= *guard + WINDOW {
                        guard = moved.wait(guard).unwrap_or_else(PoisonError::into_inner);
                    }
                    drop(guard);
                    if sender.send((index, work(index))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut expected = 0usize;
        for (index, result) in receiver {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&expected) {
                done(expected, result);
                expected += 1;
            }
            *handed.lock().unwrap_or_else(PoisonError::into_inner) = expected;
            moved.notify_all();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_index_order_whatever_finishes_first() {
        let mut seen = Vec::new();
        run(
            1000,
            4,
            |i| {
                // Early items are slow, so later ones finish first.
                if i % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                i * 2
            },
            |i, value| seen.push((i, value)),
        );
        let wanted: Vec<(usize, usize)> = (0..1000).map(|i| (i, i * 2)).collect();
        assert_eq!(seen, wanted);
    }

    #[test]
    fn no_more_than_the_window_waits() {
        let waiting_max = AtomicUsize::new(0);
        let finished = AtomicUsize::new(0);
        let mut handed = 0usize;
        run(
            2000,
            3,
            |i| {
                if i == 0 {
                    // The first item is slow: everything else must wait within the window.
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                finished.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_, _| {
                handed += 1;
                let ahead = finished.load(Ordering::SeqCst).saturating_sub(handed);
                waiting_max.fetch_max(ahead, Ordering::SeqCst);
            },
        );
        assert_eq!(handed, 2000);
        assert!(waiting_max.load(Ordering::SeqCst) <= WINDOW + 3);
    }
}
