// The async workloads, included once per runtime (see mod.rs): `rt` names the runtime.
//
// Drivers: creation, first-run, yield, parked and stall are driven from the main thread in `block_on`, as the
// .NET harness spawns and joins from its main thread; the chains and ping-pong are driven by a fresh driver
// task spawned on the runtime each call (the .NET harness's "fresh driver unit"), which owns the driver's
// ends of the chain while it runs and hands them back.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::clock;
use crate::model::{
    batches_of, check_hops, expected_back, per_unit_of_batches, Baseline, Chain, Creation, Model, OneAtATime, ParkCounts, Parked, PingPong,
};
use crate::process_memory::ProcessMemory;
use crate::spec::Transport;
use crate::stall::{self, ticker, StallPlan, StallRun};
use crate::sync::async_gate::AsyncGate;
use crate::sync::joined_ref::JoinedRef;
use crate::sync::shared_slots::SharedSlots;
use crate::touched_state;

pub struct AsyncModel {
    runtime: rt::Runtime,
}

impl AsyncModel {
    pub fn new(runtime: rt::Runtime) -> AsyncModel {
        AsyncModel { runtime }
    }
}

fn fail(what: String) -> ! {
    crate::failure::scenario_failed(&what)
}

/// Where a unit (or the driver) takes the counter from.
enum Input {
    Byte(Arc<Vec<rt::Link>>, usize),
    Memory(rt::BoundedRx),
}

/// Where a unit (or the driver) passes the counter on to.
enum Output {
    Byte(Arc<Vec<rt::Link>>, usize),
    Memory(rt::BoundedTx),
}

impl Input {
    async fn take(&mut self) -> io::Result<u64> {
        match self {
            Input::Byte(links, index) => links[*index].read_byte().await.map(u64::from),
            Input::Memory(receiver) => receiver.recv().await.ok_or_else(|| io::Error::new(io::ErrorKind::BrokenPipe, "channel closed")),
        }
    }
}

impl Output {
    async fn pass(&self, value: u64) -> io::Result<()> {
        match self {
            Output::Byte(links, index) => links[*index].write_byte(value as u8).await,
            Output::Memory(sender) => {
                if sender.send(value).await {
                    Ok(())
                } else {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "channel closed"))
                }
            }
        }
    }
}

/// The driver's ends of a chain, owned by whichever driver task runs the rounds.
struct DriverEnds {
    first: Output,
    last: Input,
    next: u64,
}

impl DriverEnds {
    async fn round(&mut self, units: usize, mask: u64) -> Result<(), String> {
        let sent = self.next & mask;
        self.next = self.next.wrapping_add(1);
        self.first.pass(sent).await.map_err(|e| format!("driver write: {}", e))?;
        let back = self.last.take().await.map_err(|e| format!("driver read: {}", e))?;
        let expected = expected_back(sent, units, mask);
        if back != expected {
            return Err(format!("the counter came back as {}, expected {}: a unit skipped a hop", back, expected));
        }
        Ok(())
    }
}

struct AsyncChain<'a> {
    runtime: &'a rt::Runtime,
    ends: Option<DriverEnds>,
    mask: u64,
    units: Vec<rt::Join<()>>,
    hops: Arc<SharedSlots>,
    /// Raised by the driver before the stop round; read by each unit right after it receives the counter.
    stopping: Arc<AtomicBool>,
    rounds: u64,
}

/// Spawns the units of a chain; called inside the runtime.
fn spawn_chain_units(inputs: Vec<Input>, outputs: Vec<Output>, mask: u64, hops: &Arc<SharedSlots>, stopping: &Arc<AtomicBool>) -> Vec<rt::Join<()>> {
    let mut units = Vec::with_capacity(inputs.len());
    for (index, (mut input, output)) in inputs.into_iter().zip(outputs).enumerate() {
        let (hops, stopping) = (hops.clone(), stopping.clone());
        units.push(rt::spawn(async move {
            let mut forwarded = 0u64;
            loop {
                let value = input.take().await.unwrap_or_else(|e| fail(format!("unit {} read: {}", index, e)));
                let last = stopping.load(Ordering::Acquire);
                output.pass(value.wrapping_add(1) & mask).await.unwrap_or_else(|e| fail(format!("unit {} write: {}", index, e)));
                forwarded += 1;
                if last {
                    hops.store(index, forwarded);
                    return;
                }
            }
        }));
    }
    units
}

impl<'a> AsyncChain<'a> {
    /// Runs `rounds` rounds in a fresh driver task; returns elapsed nanoseconds.
    fn drive(&mut self, rounds: usize) -> Result<f64, String> {
        let mut ends = self.ends.take().ok_or_else(|| "the chain has stopped".to_string())?;
        let (units, mask) = (self.units.len(), self.mask);
        let (ends, result) = self.runtime.run_as_task(async move {
            let start = clock::now_ns();
            for _ in 0..rounds {
                if let Err(e) = ends.round(units, mask).await {
                    return (ends, Err(e));
                }
            }
            let elapsed = clock::elapsed_ns(start, clock::now_ns());
            (ends, Ok(elapsed))
        });
        self.ends = Some(ends);
        result
    }
}

impl<'a> Chain for AsyncChain<'a> {
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String> {
        let elapsed = self.drive(rounds)?;
        self.rounds += rounds as u64;
        Ok(elapsed)
    }

    fn stop(mut self: Box<Self>) -> Result<(), String> {
        self.stopping.store(true, Ordering::Release);
        self.drive(1)?;
        let units: Vec<rt::Join<()>> = self.units.drain(..).collect();
        let count = units.len();
        self.runtime.block_on(async move {
            for unit in units {
                unit.await;
            }
        });
        check_hops(self.hops.sum(), self.rounds, count)
    }
}

fn open_links(runtime: &rt::Runtime, transport: Transport, count: usize) -> Result<Arc<Vec<rt::Link>>, String> {
    crate::fd_link::raise_open_file_limit();
    runtime.block_on(async move {
        let links: Result<Vec<_>, _> = (0..count).map(|_| rt::Link::open(transport)).collect();
        links.map(Arc::new).map_err(|e| format!("could not open a link: {}", e))
    })
}

struct AsyncBaseline<'a> {
    runtime: &'a rt::Runtime,
    links: Arc<Vec<rt::Link>>,
}

impl<'a> Baseline for AsyncBaseline<'a> {
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String> {
        let links = self.links.clone();
        self.runtime.run_as_task(async move {
            let start = clock::now_ns();
            for round in 0..rounds {
                let sent = round as u8;
                for link in links.iter() {
                    link.write_byte(sent).await.map_err(|e| format!("baseline write: {}", e))?;
                    let back = link.read_byte().await.map_err(|e| format!("baseline read: {}", e))?;
                    if back != sent {
                        return Err(format!("baseline read {}, wrote {}", back, sent));
                    }
                }
            }
            Ok(clock::elapsed_ns(start, clock::now_ns()))
        })
    }
}

/// The token that ends the pong unit.
const STOP_TOKEN: i64 = -1;

/// The ping side's ends, owned by whichever driver task runs the exchange.
struct PingEnds {
    to_pong: rt::HandoffTx,
    from_pong: rt::HandoffRx,
    next_token: i64,
    received: u64,
}

struct AsyncPingPong<'a> {
    runtime: &'a rt::Runtime,
    ping: Option<PingEnds>,
    pong: Option<rt::Join<()>>,
    /// Written by the pong task alone; read by the driver after a round trip came back.
    pong_received: Arc<AtomicU64>,
}

impl<'a> PingPong for AsyncPingPong<'a> {
    fn exchange(&mut self, round_trips: usize, each: bool) -> Result<(f64, Vec<f64>), String> {
        let mut ping = self.ping.take().ok_or_else(|| "ping-pong has stopped".to_string())?;
        let (ping, result) = self.runtime.run_as_task(async move {
            let mut trips = Vec::with_capacity(if each { round_trips } else { 0 });
            let start = clock::now_ns();
            for _ in 0..round_trips {
                let trip_start = if each { clock::now_ns() } else { 0 };
                let sent = ping.next_token;
                ping.next_token += 1;
                ping.to_pong.send(sent);
                let back = ping.from_pong.recv().await;
                if each {
                    trips.push(clock::elapsed_ns(trip_start, clock::now_ns()));
                }
                match back {
                    Some(back) if back == sent => ping.received += 1,
                    other => return (ping, Err(format!("ping got {:?} back, sent {}", other, sent))),
                }
            }
            let elapsed = clock::elapsed_ns(start, clock::now_ns());
            (ping, Ok((elapsed, trips)))
        });
        self.ping = Some(ping);
        result
    }

    fn switches(&self) -> u64 {
        self.ping.as_ref().map_or(0, |p| p.received) + self.pong_received.load(Ordering::Acquire)
    }

    fn stop(mut self: Box<Self>) -> Result<(), String> {
        if let Some(ping) = self.ping.take() {
            ping.to_pong.send(STOP_TOKEN);
        }
        if let Some(pong) = self.pong.take() {
            self.runtime.block_on(pong);
        }
        Ok(())
    }
}

impl Model for AsyncModel {
    fn processor_count(&self) -> usize {
        self.runtime.processor_count()
    }

    fn runtime(&self) -> String {
        self.runtime.description()
    }

    fn creation(&self, units: usize) -> Result<Creation, String> {
        let ran: Vec<AtomicBool> = (0..units).map(|_| AtomicBool::new(false)).collect();
        // SAFETY: every unit is awaited below before `ran` is dropped.
        let flags = unsafe { JoinedRef::new(&ran) };
        let (start, spawned, joined) = self.runtime.block_on(async move {
            let mut handles = Vec::with_capacity(units);
            let start = clock::now_ns();
            for index in 0..units {
                handles.push(rt::spawn(async move { flags.get()[index].store(true, Ordering::Relaxed) }));
            }
            let spawned = clock::now_ns();
            for handle in handles {
                handle.await;
            }
            (start, spawned, clock::now_ns())
        });
        Ok(Creation::from_marks(&ran, start, spawned, joined))
    }

    fn in_batches(&self, units: usize, batch: usize) -> Result<f64, String> {
        let batches = batches_of(units, batch);
        let ran = Arc::new(AtomicUsize::new(0));
        let counted = ran.clone();
        let (start, end) = self.runtime.block_on(async move {
            let mut handles = Vec::with_capacity(batch);
            let start = clock::now_ns();
            for _ in 0..batches {
                for _ in 0..batch {
                    let ran = counted.clone();
                    handles.push(rt::spawn(async move {
                        ran.fetch_add(1, Ordering::Relaxed);
                    }));
                }
                for handle in handles.drain(..) {
                    handle.await;
                }
            }
            (start, clock::now_ns())
        });
        per_unit_of_batches(ran.load(Ordering::Relaxed), batches * batch, start, end)
    }

    fn one_at_a_time(&self, units: usize, pause_ns: u64) -> Result<OneAtATime, String> {
        let ran_at = Arc::new(AtomicU64::new(0));
        self.runtime.block_on(async move {
            let mut pass = OneAtATime::default();
            for index in 0..units {
                if pause_ns > 0 {
                    // A blocking sleep of the driver thread, so the runtime's workers go idle.
                    std::thread::sleep(clock::duration_ns(pause_ns));
                }
                ran_at.store(0, Ordering::Relaxed);
                let mine = ran_at.clone();
                let spawn_at = clock::now_ns();
                rt::spawn(async move { mine.store(clock::now_ns(), Ordering::Relaxed) }).await;
                let joined_at = clock::now_ns();
                pass.record(index, spawn_at, ran_at.load(Ordering::Relaxed), joined_at)?;
            }
            Ok(pass)
        })
    }

    fn byte_chain(&self, transport: Transport, units: usize) -> Result<Box<dyn Chain + '_>, String> {
        let links = open_links(&self.runtime, transport, units + 1)?;
        let inputs = (0..units).map(|i| Input::Byte(links.clone(), i)).collect();
        let outputs = (0..units).map(|i| Output::Byte(links.clone(), i + 1)).collect();
        let ends = DriverEnds { first: Output::Byte(links.clone(), 0), last: Input::Byte(links, units), next: 0 };
        Ok(self.start_chain(inputs, outputs, ends, 0xFF))
    }

    fn baseline(&self, transport: Transport, links: usize) -> Result<Box<dyn Baseline + '_>, String> {
        Ok(Box::new(AsyncBaseline { runtime: &self.runtime, links: open_links(&self.runtime, transport, links)? }))
    }

    fn memory_chain(&self, units: usize) -> Result<Box<dyn Chain + '_>, String> {
        let (mut senders, mut receivers): (Vec<_>, Vec<_>) = (0..units + 1).map(|_| rt::bounded1()).unzip();
        let last = Input::Memory(receivers.pop().expect("units + 1 channels"));
        let first = Output::Memory(senders.remove(0));
        let inputs = receivers.into_iter().map(Input::Memory).collect();
        let outputs = senders.into_iter().map(Output::Memory).collect();
        Ok(self.start_chain(inputs, outputs, DriverEnds { first, last, next: 0 }, u64::MAX))
    }

    fn pingpong(&self) -> Result<Box<dyn PingPong + '_>, String> {
        let (to_pong, mut pong_inbox) = rt::handoff();
        let (pong_outbox, from_pong) = rt::handoff();
        let pong_received = Arc::new(AtomicU64::new(0));
        let count = pong_received.clone();
        let pong = self.runtime.block_on(async move {
            rt::spawn(async move {
                let mut expected = 0i64;
                loop {
                    let token = pong_inbox.recv().await.unwrap_or_else(|| fail("pong's handoff closed".to_string()));
                    if token == STOP_TOKEN {
                        return;
                    }
                    if token != expected {
                        fail(format!("pong received token {}, expected {}", token, expected));
                    }
                    expected += 1;
                    count.store(count.load(Ordering::Relaxed) + 1, Ordering::Release);
                    pong_outbox.send(token);
                }
            })
        });
        let ping = PingEnds { to_pong, from_pong, next_token: 0, received: 0 };
        Ok(Box::new(AsyncPingPong { runtime: &self.runtime, ping: Some(ping), pong: Some(pong), pong_received }))
    }

    fn yield_storm(&self, units: usize, yields: usize) -> Result<f64, String> {
        let gate = Arc::new(AsyncGate::new());
        let ready = Arc::new(AtomicUsize::new(0));
        let counts = Arc::new(SharedSlots::new(units));
        let elapsed = self.runtime.block_on(async {
            let mut handles = Vec::with_capacity(units);
            for index in 0..units {
                let (gate, ready, counts) = (gate.clone(), ready.clone(), counts.clone());
                handles.push(rt::spawn(async move {
                    ready.fetch_add(1, Ordering::AcqRel);
                    gate.wait().await;
                    let mut count = 0u64;
                    for _ in 0..yields {
                        rt::yield_now().await;
                        count += 1;
                    }
                    counts.store(index, count);
                }));
            }
            // Every unit is started and parked before the clock starts, so the storm times yields, not spawns.
            while ready.load(Ordering::Acquire) < units {
                rt::yield_now().await;
                std::thread::yield_now();
            }
            let start = clock::now_ns();
            gate.open();
            for handle in handles {
                handle.await;
            }
            clock::elapsed_ns(start, clock::now_ns())
        });
        crate::threads::check_yields(counts.sum(), units, yields)?;
        Ok(elapsed)
    }

    fn parked(&self, units: usize, touch: bool, _stack_bytes: usize) -> Result<Parked, String> {
        let gate = Arc::new(AsyncGate::new());
        let counts = Arc::new(ParkCounts::new(units));
        self.runtime.block_on(async {
            let before = ProcessMemory::read()?;
            let mut handles = Vec::with_capacity(units);
            counts.mark_first_spawn();
            for _ in 0..units {
                let (gate, counts) = (gate.clone(), counts.clone());
                // Two separate bodies: one future type holding the state would make every task as large.
                handles.push(if touch {
                    rt::spawn(async move {
                        // Live across the await, so it is kept in the task's future.
                        let mut state: touched_state::TouchedState = [0; crate::spec::TOUCH_BYTES / 8];
                        touched_state::fill(&mut state);
                        counts.count_started();
                        gate.wait().await;
                        touched_state::verify(&state);
                        counts.finished.fetch_add(1, Ordering::AcqRel);
                    })
                } else {
                    rt::spawn(async move {
                        counts.count_started();
                        gate.wait().await;
                        counts.finished.fetch_add(1, Ordering::AcqRel);
                    })
                });
            }
            let deadline = clock::now_ns() + crate::threads::START_TIMEOUT_NS;
            while counts.started() < units {
                if clock::now_ns() > deadline {
                    gate.open();
                    return Err(crate::threads::not_started(counts.started(), units));
                }
                rt::sleep(1_000_000).await;
            }
            let reading = counts.read_parked()?;
            gate.open();
            for handle in handles {
                handle.await;
            }
            Ok(counts.joined(before, reading))
        })
    }

    fn stall(&self, plan: &StallPlan) -> Result<StallRun, String> {
        let capacity = plan.tick_capacity();
        let log = Arc::new(ticker::ProbeLog::new(plan.probes, capacity));
        let plan = plan.clone();
        self.runtime.block_on(async move {
            let mut handoffs = Vec::new();
            let mut probes = Vec::new();
            for probe in 0..plan.probes {
                let (tx, mut rx) = rt::handoff();
                let log = log.clone();
                probes.push(rt::spawn(async move {
                    while let Some(tick) = rx.recv().await {
                        if tick < 0 {
                            return;
                        }
                        log.record(probe, tick as usize);
                    }
                }));
                handoffs.push(Arc::new(tx));
            }
            let tick_senders: Vec<ticker::TickSender> = handoffs
                .iter()
                .map(|h| {
                    let h = h.clone();
                    Box::new(move |tick: i64| {
                        h.send(tick);
                    }) as ticker::TickSender
                })
                .collect();
            let tick = ticker::Ticker::start(plan.tick_ns, capacity, tick_senders)?;
            let first_deadline = tick.first_deadline;

            rt::sleep(plan.window_ns / 2).await;
            let stop = Arc::new(AtomicBool::new(false));
            let offended_start = clock::now_ns();
            let mut offenders = Vec::new();
            for _ in 0..plan.offenders {
                let (stop, block, hold_ns) = (stop.clone(), plan.block, plan.hold_ns);
                offenders.push(rt::spawn(async move {
                    let mut holds = Vec::new();
                    while !stop.load(Ordering::Acquire) {
                        let before = clock::now_ns();
                        stall::hold::hold(block, hold_ns);
                        if !stop.load(Ordering::Acquire) {
                            holds.push(clock::elapsed_ns(before, clock::now_ns()));
                        }
                        rt::yield_now().await;
                    }
                    holds
                }));
            }
            rt::sleep(plan.window_ns).await;
            stop.store(true, Ordering::Release);
            let offended_stop = clock::now_ns();
            let mut holds = Vec::new();
            for offender in offenders {
                holds.extend(offender.await);
            }
            let second_baseline_start = clock::now_ns();
            rt::sleep(plan.window_ns / 2).await;
            let end = clock::now_ns();

            let ticks = tick.stop();
            for handoff in &handoffs {
                handoff.send(-1);
            }
            for probe in probes {
                probe.await;
            }
            let phases = stall::Phases { offended_start, offended_stop, second_baseline_start, end };
            let (baseline, offended) = stall::classify(&log, ticks, first_deadline, plan.tick_ns, phases)?;
            Ok(StallRun { baseline, offended, holds })
        })
    }
}

impl AsyncModel {
    fn start_chain(&self, inputs: Vec<Input>, outputs: Vec<Output>, ends: DriverEnds, mask: u64) -> Box<dyn Chain + '_> {
        let count = inputs.len();
        let hops = Arc::new(SharedSlots::new(count));
        let stopping = Arc::new(AtomicBool::new(false));
        let units = self.runtime.block_on(async { spawn_chain_units(inputs, outputs, mask, &hops, &stopping) });
        Box::new(AsyncChain { runtime: &self.runtime, ends: Some(ends), mask, units, hops, stopping, rounds: 0 })
    }
}
