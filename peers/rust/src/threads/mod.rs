//! The `rust-thread` model: a unit is a std::thread (1 MiB stack unless the shape's `stack_bytes` says
//! otherwise), waiting by blocking I/O, a Mutex+Condvar handoff or gate, and std::sync::mpsc::sync_channel(1)
//! for the in-memory brigade. The driver is the main thread.

mod chains;

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

use crate::clock;
use crate::model::{batches_of, per_unit_of_batches, Baseline, Chain, Creation, Model, OneAtATime, ParkCounts, Parked, PingPong};
use crate::process_memory::ProcessMemory;
use crate::spec::Transport;
use crate::stall::{self, ticker, StallPlan, StallRun};
use crate::sync::blocking_gate::BlockingGate;
use crate::sync::blocking_handoff::BlockingHandoff;
use crate::sync::joined_ref::JoinedRef;
use crate::sync::shared_slots::SharedSlots;
use crate::touched_state;

/// Blandy's thread stack size, the model's default (peers/PROTOCOL.md section 5).
pub const DEFAULT_STACK_BYTES: usize = 1 << 20;

pub struct ThreadModel {
    cpus: usize,
}

impl ThreadModel {
    pub fn new(cpus: usize) -> ThreadModel {
        ThreadModel { cpus }
    }
}

/// Starts one unit with the given stack (0 = the model's default).
pub fn spawn<T: Send + 'static>(stack_bytes: usize, body: impl FnOnce() -> T + Send + 'static) -> Result<JoinHandle<T>, String> {
    let stack = if stack_bytes == 0 { DEFAULT_STACK_BYTES } else { stack_bytes };
    std::thread::Builder::new().stack_size(stack).spawn(body).map_err(|e| format!("could not start a thread: {}", e))
}

/// Joins a unit; a unit that panicked has already ended the process through the panic hook.
pub fn join<T>(handle: JoinHandle<T>) -> T {
    handle.join().unwrap_or_else(|_| crate::failure::scenario_failed("a thread panicked"))
}

impl Model for ThreadModel {
    fn processor_count(&self) -> usize {
        self.cpus
    }

    fn runtime(&self) -> String {
        format!("rust {} std::thread", env!("PEER_RUSTC_VERSION"))
    }

    fn creation(&self, units: usize) -> Result<Creation, String> {
        let ran: Vec<AtomicBool> = (0..units).map(|_| AtomicBool::new(false)).collect();
        let mut handles = Vec::with_capacity(units);
        // SAFETY: every unit is joined below before `ran` is dropped.
        let flags = unsafe { JoinedRef::new(&ran) };
        let start = clock::now_ns();
        for index in 0..units {
            handles.push(spawn(0, move || flags.get()[index].store(true, Ordering::Relaxed))?);
        }
        let spawned = clock::now_ns();
        for handle in handles {
            join(handle);
        }
        let joined = clock::now_ns();
        Ok(Creation::from_marks(&ran, start, spawned, joined))
    }

    fn in_batches(&self, units: usize, batch: usize) -> Result<f64, String> {
        let batches = batches_of(units, batch);
        let ran = Arc::new(AtomicUsize::new(0));
        let mut handles = Vec::with_capacity(batch);
        let start = clock::now_ns();
        for _ in 0..batches {
            for _ in 0..batch {
                let ran = ran.clone();
                handles.push(spawn(0, move || ran.fetch_add(1, Ordering::Relaxed))?);
            }
            for handle in handles.drain(..) {
                join(handle);
            }
        }
        let end = clock::now_ns();
        per_unit_of_batches(ran.load(Ordering::Relaxed), batches * batch, start, end)
    }

    fn one_at_a_time(&self, units: usize, pause_ns: u64) -> Result<OneAtATime, String> {
        let ran_at = Arc::new(AtomicU64::new(0));
        let mut pass = OneAtATime::default();
        for index in 0..units {
            if pause_ns > 0 {
                std::thread::sleep(clock::duration_ns(pause_ns));
            }
            ran_at.store(0, Ordering::Relaxed);
            let mine = ran_at.clone();
            let spawn_at = clock::now_ns();
            join(spawn(0, move || mine.store(clock::now_ns(), Ordering::Relaxed))?);
            let joined_at = clock::now_ns();
            pass.record(index, spawn_at, ran_at.load(Ordering::Relaxed), joined_at)?;
        }
        Ok(pass)
    }

    fn byte_chain(&self, transport: Transport, units: usize) -> Result<Box<dyn Chain + '_>, String> {
        chains::byte_chain(transport, units)
    }

    fn baseline(&self, transport: Transport, links: usize) -> Result<Box<dyn Baseline + '_>, String> {
        chains::baseline(transport, links)
    }

    fn memory_chain(&self, units: usize) -> Result<Box<dyn Chain + '_>, String> {
        chains::memory_chain(units)
    }

    fn pingpong(&self) -> Result<Box<dyn PingPong + '_>, String> {
        chains::pingpong()
    }

    fn yield_storm(&self, units: usize, yields: usize) -> Result<f64, String> {
        let gate = Arc::new(BlockingGate::new());
        let ready = Arc::new(AtomicUsize::new(0));
        let counts = Arc::new(SharedSlots::new(units));
        let mut handles = Vec::with_capacity(units);
        for index in 0..units {
            let (gate, ready, counts) = (gate.clone(), ready.clone(), counts.clone());
            handles.push(spawn(0, move || {
                ready.fetch_add(1, Ordering::AcqRel);
                gate.wait();
                let mut count = 0u64;
                for _ in 0..yields {
                    std::thread::yield_now();
                    count += 1;
                }
                counts.store(index, count);
            })?);
        }
        // Every unit is started and parked before the clock starts, so the storm times yields, not spawns.
        while ready.load(Ordering::Acquire) < units {
            std::thread::yield_now();
        }
        let start = clock::now_ns();
        gate.open();
        for handle in handles {
            join(handle);
        }
        let elapsed = clock::elapsed_ns(start, clock::now_ns());
        check_yields(counts.sum(), units, yields)?;
        Ok(elapsed)
    }

    fn parked(&self, units: usize, touch: bool, stack_bytes: usize) -> Result<Parked, String> {
        let gate = Arc::new(BlockingGate::new());
        let counts = Arc::new(ParkCounts::new(units));
        let before = ProcessMemory::read()?;
        let mut handles = Vec::with_capacity(units);
        counts.mark_first_spawn();
        for index in 0..units {
            let (unit_gate, counts) = (gate.clone(), counts.clone());
            // Two separate bodies, so the state is on a stack only when the shape touches it.
            let spawned = if touch {
                spawn(stack_bytes, move || {
                    let mut state: touched_state::TouchedState = [0; crate::spec::TOUCH_BYTES / 8];
                    touched_state::fill(&mut state);
                    counts.count_started();
                    unit_gate.wait();
                    touched_state::verify(&state);
                    counts.finished.fetch_add(1, Ordering::AcqRel);
                })
            } else {
                spawn(stack_bytes, move || {
                    counts.count_started();
                    unit_gate.wait();
                    counts.finished.fetch_add(1, Ordering::AcqRel);
                })
            };
            match spawned {
                Ok(handle) => handles.push(handle),
                Err(e) => {
                    gate.open();
                    return Err(format!("thread {} of {}: {}", index + 1, units, e));
                }
            }
        }
        let deadline = clock::now_ns() + START_TIMEOUT_NS;
        while counts.started() < units {
            if clock::now_ns() > deadline {
                gate.open();
                return Err(not_started(counts.started(), units));
            }
            std::thread::sleep(clock::duration_ns(1_000_000));
        }
        let reading = counts.read_parked()?;
        gate.open();
        for handle in handles {
            join(handle);
        }
        Ok(counts.joined(before, reading))
    }

    fn stall(&self, plan: &StallPlan) -> Result<StallRun, String> {
        let capacity = plan.tick_capacity();
        let log = Arc::new(ticker::ProbeLog::new(plan.probes, capacity));
        let mut handoffs = Vec::new();
        let mut probes = Vec::new();
        for probe in 0..plan.probes {
            let handoff = Arc::new(BlockingHandoff::new());
            let (mine, log) = (handoff.clone(), log.clone());
            probes.push(spawn(0, move || loop {
                let tick = mine.receive();
                if tick < 0 {
                    return;
                }
                log.record(probe, tick as usize);
            })?);
            handoffs.push(handoff);
        }
        let senders: Vec<ticker::TickSender> = handoffs
            .iter()
            .map(|h| {
                let h = h.clone();
                Box::new(move |tick: i64| h.send(tick)) as ticker::TickSender
            })
            .collect();
        let tick = ticker::Ticker::start(plan.tick_ns, capacity, senders)?;
        let first_deadline = tick.first_deadline;

        std::thread::sleep(clock::duration_ns(plan.window_ns / 2));
        let stop = Arc::new(AtomicBool::new(false));
        let offended_start = clock::now_ns();
        let mut offenders = Vec::new();
        for _ in 0..plan.offenders {
            let (stop, block, hold_ns) = (stop.clone(), plan.block, plan.hold_ns);
            offenders.push(spawn(0, move || {
                let mut holds = Vec::new();
                while !stop.load(Ordering::Acquire) {
                    let before = clock::now_ns();
                    stall::hold::hold(block, hold_ns);
                    if !stop.load(Ordering::Acquire) {
                        holds.push(clock::elapsed_ns(before, clock::now_ns()));
                    }
                    std::thread::yield_now();
                }
                holds
            })?);
        }
        std::thread::sleep(clock::duration_ns(plan.window_ns));
        stop.store(true, Ordering::Release);
        let offended_stop = clock::now_ns();
        let holds: Vec<f64> = offenders.into_iter().flat_map(join).collect();
        let second_baseline_start = clock::now_ns();
        std::thread::sleep(clock::duration_ns(plan.window_ns / 2));
        let end = clock::now_ns();

        let ticks = tick.stop();
        for handoff in &handoffs {
            handoff.send(-1);
        }
        for probe in probes {
            join(probe);
        }
        let phases = stall::Phases { offended_start, offended_stop, second_baseline_start, end };
        let (baseline, offended) = stall::classify(&log, ticks, first_deadline, plan.tick_ns, phases)?;
        Ok(StallRun { baseline, offended, holds })
    }
}

/// Checks a yield storm counted every yield.
pub fn check_yields(counted: u64, units: usize, yields: usize) -> Result<(), String> {
    let expected = units as u64 * yields as u64;
    if counted == expected {
        Ok(())
    } else {
        Err(format!("{} yields counted, expected {}", counted, expected))
    }
}

/// How long parked units may take to start before the reading is abandoned.
pub const START_TIMEOUT_NS: u64 = 120_000_000_000;

/// The failure of a parked pass whose units did not all start in time.
pub fn not_started(started: usize, units: usize) -> String {
    format!("only {} of {} units started in time", started, units)
}
