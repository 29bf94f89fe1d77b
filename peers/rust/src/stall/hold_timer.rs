//! Sets events at precise moments from one dedicated thread, so that a `wait` offender can block on an event
//! for exactly its hold.
//!
//! Protocol: the thread owns a deadline heap behind a mutex. It waits on the mutex's condvar while the
//! nearest deadline is more than 2 ms away, and sleeps in nanosleep slices of at most 200 µs (timer slack
//! 1 ns) closer in; it sets every due event outside the lock. It never runs a runtime's tasks, so a starved
//! runtime cannot delay it.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::{Arc, Condvar, Mutex};

use crate::clock;
use crate::sync::blocking_gate::BlockingGate;

/// Starts the timer thread now, so that no measured hold pays for starting it.
pub fn start() {
    shared();
}

/// Blocks the calling thread until the timer thread sets its event, `ns` from now.
pub fn wait_for(ns: u64) {
    let event = Arc::new(BlockingGate::new());
    let timer = shared();
    {
        let mut due = timer.due.lock().unwrap();
        due.push(Due { deadline_ns: clock::now_ns() + ns, event: event.clone() });
        timer.changed.notify_one();
    }
    event.wait();
}

/// An event and when to set it; the heap's top is the nearest deadline.
struct Due {
    deadline_ns: u64,
    event: Arc<BlockingGate>,
}

impl PartialEq for Due {
    fn eq(&self, other: &Due) -> bool {
        self.deadline_ns == other.deadline_ns
    }
}
impl Eq for Due {}
impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Due) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Due {
    fn cmp(&self, other: &Due) -> Ordering {
        other.deadline_ns.cmp(&self.deadline_ns)
    }
}

struct Shared {
    /// Written by waiters (push) and the timer thread (pop), both under the lock.
    due: Mutex<BinaryHeap<Due>>,
    /// Signalled when a deadline is pushed.
    changed: Condvar,
}

static TIMER: Mutex<Option<Arc<Shared>>> = Mutex::new(None);

/// The timer's shared state, starting its thread on first use.
fn shared() -> Arc<Shared> {
    let mut slot = TIMER.lock().unwrap();
    if let Some(shared) = slot.as_ref() {
        return shared.clone();
    }
    let shared = Arc::new(Shared { due: Mutex::new(BinaryHeap::new()), changed: Condvar::new() });
    let for_thread = shared.clone();
    std::thread::Builder::new()
        .name("hold-timer".to_string())
        .spawn(move || run(&for_thread))
        .unwrap_or_else(|e| crate::failure::scenario_failed(&format!("could not start the hold timer: {}", e)));
    *slot = Some(shared.clone());
    shared
}

const FAR_NS: u64 = 2_000_000;
const WAKE_EARLY_NS: u64 = 1_000_000;
const SLICE_NS: u64 = 200_000;

fn run(shared: &Shared) {
    clock::use_precise_timers_on_this_thread();
    let mut ready: Vec<Arc<BlockingGate>> = Vec::new();
    loop {
        let mut sleep_ns = 0;
        {
            let mut due = shared.due.lock().unwrap();
            while due.is_empty() {
                due = shared.changed.wait(due).unwrap();
            }
            let now = clock::now_ns();
            while due.peek().map_or(false, |d| d.deadline_ns <= now) {
                ready.push(due.pop().expect("peeked").event);
            }
            if ready.is_empty() {
                let remaining = due.peek().expect("not empty").deadline_ns - now;
                if remaining > FAR_NS {
                    let _ = shared.changed.wait_timeout(due, clock::duration_ns(remaining - WAKE_EARLY_NS)).unwrap();
                } else {
                    sleep_ns = remaining.min(SLICE_NS);
                }
            }
        }
        for event in ready.drain(..) {
            event.open();
        }
        if sleep_ns > 0 {
            clock::nanosleep_ns(sleep_ns);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::TestRandom;

    #[test]
    fn never_sets_an_event_early_under_many_waiters() {
        let waiters: Vec<_> = (0..12)
            .map(|_| {
                std::thread::spawn(|| {
                    let mut random = TestRandom::seeded();
                    for _ in 0..15 {
                        let ns = 10_000 + random.below(3_000_000);
                        let start = clock::now_ns();
                        wait_for(ns);
                        assert!(clock::now_ns() - start >= ns, "an event was set early");
                    }
                })
            })
            .collect();
        for waiter in waiters {
            waiter.join().unwrap();
        }
    }
}
