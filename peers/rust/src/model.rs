//! What a model offers the scenario runner: one method per workload of peers/PROTOCOL.md section 2, each
//! doing the same work per unit as the .NET workloads in harness/Harness/Workloads/. The runner owns the
//! warm-up, the samples and the series; a model owns only how its units are spawned, wait and are joined.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use crate::clock;
use crate::process_memory::ProcessMemory;
use crate::spec::Transport;
use crate::stall::{StallPlan, StallRun};

/// One batch of N units that each set one flag: elapsed nanoseconds of the whole, the spawn loop and the
/// join loop, and how many flags were set.
pub struct Creation {
    pub ran: usize,
    pub total_ns: f64,
    pub spawn_ns: f64,
    pub join_ns: f64,
}

impl Creation {
    /// The batch's times from its clock marks, and the flags its units set.
    pub fn from_marks(ran: &[AtomicBool], start: u64, spawned: u64, joined: u64) -> Creation {
        Creation {
            ran: ran.iter().filter(|r| r.load(Ordering::Relaxed)).count(),
            total_ns: clock::elapsed_ns(start, joined),
            spawn_ns: clock::elapsed_ns(start, spawned),
            join_ns: clock::elapsed_ns(spawned, joined),
        }
    }
}

/// The batch of Blandy's thread-creation benchmark: batches of 20 units spawned, then all joined.
pub const BLANDY_BATCH: usize = 20;

/// How many batches of `batch` units Blandy's shape runs for `units` units: max(1, units / batch), as .NET does.
pub fn batches_of(units: usize, batch: usize) -> usize {
    (units / batch).max(1)
}

/// Nanoseconds per unit of a batched pass, once every one of its `expected` units counted itself in `ran`.
pub fn per_unit_of_batches(ran: usize, expected: usize, start: u64, end: u64) -> Result<f64, String> {
    if ran != expected {
        return Err(format!("only {} of {} units ran", ran, expected));
    }
    Ok(clock::elapsed_ns(start, end) / expected as f64)
}

/// Per unit of a one-at-a-time pass (each unit spawned after the previous one was joined): nanoseconds from
/// the spawn call to its first instruction, and to its join returning.
#[derive(Default)]
pub struct OneAtATime {
    pub first_run: Vec<f64>,
    pub joined: Vec<f64>,
}

impl OneAtATime {
    /// Records unit `index` from its clock marks; `ran_at` is 0 when it never ran.
    pub fn record(&mut self, index: usize, spawn_at: u64, ran_at: u64, joined_at: u64) -> Result<(), String> {
        if ran_at == 0 {
            return Err(format!("unit {} was joined but never ran", index));
        }
        self.first_run.push(clock::elapsed_ns(spawn_at, ran_at));
        self.joined.push(clock::elapsed_ns(spawn_at, joined_at));
        Ok(())
    }
}

/// Counts of parked units that have started and finished, written by the units, and the clock marks of
/// spawn-alive: from just before the first spawn to the moment the last unit counted itself started (that
/// unit reads the clock, so the driver's polling adds nothing).
pub struct ParkCounts {
    units: usize,
    pub started: AtomicUsize,
    pub finished: AtomicUsize,
    first_spawn_at: AtomicU64,
    all_started_at: AtomicU64,
}

/// Memory read with the units parked, and the counts at that moment (the gate is not open yet).
pub struct ParkedReading {
    parked: ProcessMemory,
    started_at_reading: usize,
    finished_at_reading: usize,
}

impl ParkCounts {
    pub fn new(units: usize) -> ParkCounts {
        ParkCounts {
            units,
            started: AtomicUsize::new(0),
            finished: AtomicUsize::new(0),
            first_spawn_at: AtomicU64::new(0),
            all_started_at: AtomicU64::new(0),
        }
    }

    /// Starts spawn-alive's clock; call right before the first spawn.
    pub fn mark_first_spawn(&self) {
        self.first_spawn_at.store(clock::now_ns(), Ordering::Release);
    }

    /// Counts the calling unit started; the last one stops spawn-alive's clock.
    pub fn count_started(&self) {
        if self.started.fetch_add(1, Ordering::AcqRel) + 1 == self.units {
            self.all_started_at.store(clock::now_ns(), Ordering::Release);
        }
    }

    pub fn started(&self) -> usize {
        self.started.load(Ordering::Acquire)
    }

    /// Reads memory and the counts; call once every unit has started, before opening the gate.
    pub fn read_parked(&self) -> Result<ParkedReading, String> {
        let parked = ProcessMemory::read()?;
        Ok(ParkedReading { parked, started_at_reading: self.started(), finished_at_reading: self.finished.load(Ordering::Acquire) })
    }

    /// The result, once every unit was joined after `reading`.
    pub fn joined(&self, before: ProcessMemory, reading: ParkedReading) -> Parked {
        Parked {
            before,
            parked: reading.parked,
            started_at_reading: reading.started_at_reading,
            finished_at_reading: reading.finished_at_reading,
            finished_after_join: self.finished.load(Ordering::Acquire),
            spawn_alive_ns: clock::elapsed_ns(self.first_spawn_at.load(Ordering::Acquire), self.all_started_at.load(Ordering::Acquire))
                / self.units as f64,
        }
    }
}

/// Memory before and with the N units parked, and the proof they were all parked at the reading.
pub struct Parked {
    pub before: ProcessMemory,
    pub parked: ProcessMemory,
    pub started_at_reading: usize,
    pub finished_at_reading: usize,
    pub finished_after_join: usize,
    /// Nanoseconds per unit from the first spawn until every unit had started (parked memory's creation cost).
    pub spawn_alive_ns: f64,
}

/// A brigade: U units parked in a chain of links, a driver passing a counter through them.
///
/// Shutdown protocol: `stop` raises the stop flag and drives one last round; each unit reads the flag right
/// after it receives the counter (never after forwarding it, when the flag may already be up for the next
/// round), forwards it and returns, so every unit ends after exactly one more hop, and the hops they report
/// must be (rounds + 1) x U.
pub trait Chain {
    /// Drives `rounds` rounds, checking each came back grown by U; returns elapsed nanoseconds.
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String>;
    /// Stops and joins every unit and checks every hop was made.
    fn stop(self: Box<Self>) -> Result<(), String>;
}

/// The brigade's baseline: one unit alone writes the byte into each of its links in turn and reads it back.
pub trait Baseline {
    /// `rounds` passes over every link; returns elapsed nanoseconds.
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String>;
}

/// Two units handing a token back and forth; each crossing a switch.
pub trait PingPong {
    /// Runs `round_trips` from a fresh driver pass; returns its elapsed nanoseconds and, with `each` set, every
    /// round trip's nanoseconds in turn (empty without: the two clock reads per trip stay out of the samples).
    fn exchange(&mut self, round_trips: usize, each: bool) -> Result<(f64, Vec<f64>), String>;
    /// Crossings counted by both sides so far.
    fn switches(&self) -> u64;
    fn stop(self: Box<Self>) -> Result<(), String>;
}

pub trait Model {
    /// The CPUs the runtime uses (threads: the affinity mask's).
    fn processor_count(&self) -> usize;
    /// What ran: language and library versions.
    fn runtime(&self) -> String;
    fn creation(&self, units: usize) -> Result<Creation, String>;
    /// Blandy's shape: `batches_of(units, batch)` batches of `batch` units that each count themselves, each
    /// batch spawned then joined before the next; nanoseconds per unit (a throughput: a batch's units overlap).
    fn in_batches(&self, units: usize, batch: usize) -> Result<f64, String>;
    /// `units` units spawned one at a time, each `pause_ns` after the previous one was joined.
    fn one_at_a_time(&self, units: usize, pause_ns: u64) -> Result<OneAtATime, String>;
    fn byte_chain(&self, transport: Transport, units: usize) -> Result<Box<dyn Chain + '_>, String>;
    fn baseline(&self, transport: Transport, links: usize) -> Result<Box<dyn Baseline + '_>, String>;
    fn memory_chain(&self, units: usize) -> Result<Box<dyn Chain + '_>, String>;
    fn pingpong(&self) -> Result<Box<dyn PingPong + '_>, String>;
    /// `units` units each yield `yields` times, released at once; elapsed nanoseconds from release to the
    /// last join (every yield counted).
    fn yield_storm(&self, units: usize, yields: usize) -> Result<f64, String>;
    fn parked(&self, units: usize, touch: bool, stack_bytes: usize) -> Result<Parked, String>;
    fn stall(&self, plan: &StallPlan) -> Result<StallRun, String>;
}

/// The value a chain's driver expects back: `sent` grown by `units`, in the link's arithmetic (a byte link
/// carries the counter modulo 256).
pub fn expected_back(sent: u64, units: usize, mask: u64) -> u64 {
    sent.wrapping_add(units as u64) & mask
}

/// Checks the hops a stopped chain's units reported.
pub fn check_hops(hops: u64, rounds: u64, units: usize) -> Result<(), String> {
    let expected = (rounds + 1) * units as u64;
    if hops == expected {
        Ok(())
    } else {
        Err(format!("units forwarded {} times, expected {}", hops, expected))
    }
}
