//! The stall shape's ticker: an OS thread that wakes at absolute deadlines every tick and sends each probe
//! the tick's number, and the log where probes write when each tick reached them.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::clock;

/// Received-at times, one row per probe: row p written by probe p alone, read after the probes are joined.
pub struct ProbeLog {
    rows: Vec<Vec<AtomicU64>>,
}

impl ProbeLog {
    pub fn new(probes: usize, capacity: usize) -> ProbeLog {
        ProbeLog { rows: (0..probes).map(|_| (0..capacity).map(|_| AtomicU64::new(0)).collect()).collect() }
    }

    /// Probe `probe` records that tick `tick` reached it now.
    pub fn record(&self, probe: usize, tick: usize) {
        self.rows[probe][tick].store(clock::now_ns(), Ordering::Relaxed);
    }

    pub fn received(&self, probe: usize, tick: usize) -> u64 {
        self.rows[probe][tick].load(Ordering::Relaxed)
    }

    pub fn probes(&self) -> usize {
        self.rows.len()
    }
}

/// A sender of tick numbers to one probe, called on the ticker thread.
pub type TickSender = Box<dyn Fn(i64) + Send>;

pub struct Ticker {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<usize>,
    /// Deadline of tick 0; tick k is due `k * tick_ns` later.
    pub first_deadline: u64,
}

impl Ticker {
    pub fn start(tick_ns: u64, capacity: usize, senders: Vec<TickSender>) -> Result<Ticker, String> {
        let stop = Arc::new(AtomicBool::new(false));
        let first_deadline = clock::now_ns() + tick_ns;
        let stop_seen = stop.clone();
        let thread = std::thread::Builder::new()
            .name("stall-ticker".to_string())
            .spawn(move || {
                clock::use_precise_timers_on_this_thread();
                let mut ticks = 0usize;
                while !stop_seen.load(Ordering::Acquire) && ticks < capacity {
                    clock::sleep_until_ns(first_deadline + ticks as u64 * tick_ns);
                    for send in &senders {
                        send(ticks as i64);
                    }
                    ticks += 1;
                }
                ticks
            })
            .map_err(|e| format!("could not start the ticker thread: {}", e))?;
        Ok(Ticker { stop, thread, first_deadline })
    }

    /// Stops the ticker; returns how many ticks it sent (0..ticks reached the probes' handoffs).
    pub fn stop(self) -> usize {
        self.stop.store(true, Ordering::Release);
        self.thread.join().unwrap_or_else(|_| crate::failure::scenario_failed("the ticker thread panicked"))
    }
}
