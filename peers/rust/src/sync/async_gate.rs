//! A one-shot gate for tasks of any runtime: `wait().await` completes once `open` has been called. Used to
//! hold parked units and to release a yield storm all at once; the same code under tokio and async-std.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

pub struct AsyncGate {
    /// Set once by the opener; read by every waiter's poll.
    open: AtomicBool,
    /// Wakers of tasks that found the gate shut; drained by the opener.
    waiters: Mutex<Vec<Waker>>,
}

impl AsyncGate {
    pub fn new() -> AsyncGate {
        AsyncGate { open: AtomicBool::new(false), waiters: Mutex::new(Vec::new()) }
    }

    pub fn wait(&self) -> GateWait<'_> {
        GateWait { gate: self }
    }

    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        // Taken under the lock, woken outside it: a waiter that checked the flag under the lock before the
        // store is in this list; one that checks after it sees the flag.
        let waiters = std::mem::take(&mut *self.waiters.lock().unwrap());
        for waker in waiters {
            waker.wake();
        }
    }
}

pub struct GateWait<'a> {
    gate: &'a AsyncGate,
}

impl<'a> Future for GateWait<'a> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.gate.open.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        let mut waiters = self.gate.waiters.lock().unwrap();
        if self.gate.open.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        waiters.push(cx.waker().clone());
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::TestRandom;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn releases_every_waiter_whenever_it_opens() {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
        let mut random = TestRandom::seeded();
        for _ in 0..50 {
            let gate = Arc::new(AsyncGate::new());
            let passed = Arc::new(AtomicUsize::new(0));
            let open_after = random.below(500) as usize;
            let handles: Vec<_> = (0..500)
                .map(|i| {
                    if i == open_after {
                        gate.open();
                    }
                    let (gate, passed) = (gate.clone(), passed.clone());
                    runtime.spawn(async move {
                        gate.wait().await;
                        passed.fetch_add(1, Ordering::SeqCst);
                    })
                })
                .collect();
            runtime.block_on(async {
                for handle in handles {
                    handle.await.unwrap();
                }
            });
            assert_eq!(passed.load(Ordering::SeqCst), 500);
        }
    }
}
