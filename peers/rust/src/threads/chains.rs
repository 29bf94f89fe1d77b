//! The rust-thread model's chains: the brigade over blocking byte links, the in-memory brigade over
//! sync_channel(1), the baseline, and ping-pong over two Mutex+Condvar handoffs. See `model::Chain` for the
//! shutdown protocol.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::{join, spawn};
use crate::clock;
use crate::fd_link::BlockingLink;
use crate::model::{check_hops, expected_back, Baseline, Chain, PingPong};
use crate::spec::Transport;
use crate::sync::blocking_handoff::BlockingHandoff;
use crate::sync::shared_slots::SharedSlots;

/// Where a unit (or the driver) takes the counter from.
enum Input {
    Byte(Arc<Vec<BlockingLink>>, usize),
    Memory(Receiver<u64>),
}

/// Where a unit (or the driver) passes the counter on to.
enum Output {
    Byte(Arc<Vec<BlockingLink>>, usize),
    Memory(SyncSender<u64>),
}

impl Input {
    fn take(&self) -> io::Result<u64> {
        match self {
            Input::Byte(links, index) => links[*index].read_byte().map(u64::from),
            Input::Memory(receiver) => receiver.recv().map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "channel closed")),
        }
    }
}

impl Output {
    fn pass(&self, value: u64) -> io::Result<()> {
        match self {
            Output::Byte(links, index) => links[*index].write_byte(value as u8),
            Output::Memory(sender) => sender.send(value).map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "channel closed")),
        }
    }
}

/// The driver's ends of a chain, owned by whichever driver thread runs the rounds.
struct DriverEnds {
    first: Output,
    last: Input,
    next: u64,
}

impl DriverEnds {
    fn round(&mut self, units: usize, mask: u64) -> Result<(), String> {
        let sent = self.next & mask;
        self.next = self.next.wrapping_add(1);
        self.first.pass(sent).map_err(|e| format!("driver write: {}", e))?;
        let back = self.last.take().map_err(|e| format!("driver read: {}", e))?;
        let expected = expected_back(sent, units, mask);
        if back != expected {
            return Err(format!("the counter came back as {}, expected {}: a unit skipped a hop", back, expected));
        }
        Ok(())
    }
}

struct ThreadChain {
    ends: Option<DriverEnds>,
    /// Counter arithmetic of the links: 0xFF for bytes.
    mask: u64,
    units: Vec<JoinHandle<()>>,
    hops: Arc<SharedSlots>,
    /// Raised by the driver before the stop round; read by each unit right after it receives the counter.
    stopping: Arc<AtomicBool>,
    rounds: u64,
}

/// Runs `body` on a fresh thread, a unit of the model as the .NET harness's driver is, and returns its result.
fn run_as_thread<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    Ok(join(spawn(0, body)?))
}

fn start_chain(inputs: Vec<Input>, outputs: Vec<Output>, first: Output, last: Input, mask: u64) -> Result<Box<dyn Chain>, String> {
    let count = inputs.len();
    let hops = Arc::new(SharedSlots::new(count));
    let stopping = Arc::new(AtomicBool::new(false));
    let mut units = Vec::with_capacity(count);
    for (index, (input, output)) in inputs.into_iter().zip(outputs).enumerate() {
        let (hops, stopping) = (hops.clone(), stopping.clone());
        units.push(spawn(0, move || {
            let mut forwarded = 0u64;
            loop {
                let value = input.take().unwrap_or_else(|e| crate::failure::scenario_failed(&format!("unit {} read: {}", index, e)));
                let last = stopping.load(Ordering::Acquire);
                output
                    .pass(value.wrapping_add(1) & mask)
                    .unwrap_or_else(|e| crate::failure::scenario_failed(&format!("unit {} write: {}", index, e)));
                forwarded += 1;
                if last {
                    hops.store(index, forwarded);
                    return;
                }
            }
        })?);
    }
    let ends = Some(DriverEnds { first, last, next: 0 });
    Ok(Box::new(ThreadChain { ends, mask, units, hops, stopping, rounds: 0 }))
}

impl ThreadChain {
    /// Runs `rounds` rounds on a fresh driver thread; returns elapsed nanoseconds.
    fn drive(&mut self, rounds: usize) -> Result<f64, String> {
        let mut ends = self.ends.take().ok_or_else(|| "the chain has stopped".to_string())?;
        let (units, mask) = (self.units.len(), self.mask);
        let (ends, result) = run_as_thread(move || {
            let start = clock::now_ns();
            for _ in 0..rounds {
                if let Err(e) = ends.round(units, mask) {
                    return (ends, Err(e));
                }
            }
            let elapsed = clock::elapsed_ns(start, clock::now_ns());
            (ends, Ok(elapsed))
        })?;
        self.ends = Some(ends);
        result
    }
}

impl Chain for ThreadChain {
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String> {
        let elapsed = self.drive(rounds)?;
        self.rounds += rounds as u64;
        Ok(elapsed)
    }

    fn stop(mut self: Box<Self>) -> Result<(), String> {
        self.stopping.store(true, Ordering::Release);
        self.drive(1)?;
        let count = self.units.len();
        for unit in self.units.drain(..) {
            join(unit);
        }
        check_hops(self.hops.sum(), self.rounds, count)
    }
}

fn open_links(transport: Transport, count: usize) -> Result<Arc<Vec<BlockingLink>>, String> {
    crate::fd_link::raise_open_file_limit();
    let links: Result<Vec<_>, _> = (0..count).map(|_| BlockingLink::open(transport)).collect();
    links.map(Arc::new).map_err(|e| format!("could not open a link: {}", e))
}

pub fn byte_chain(transport: Transport, units: usize) -> Result<Box<dyn Chain>, String> {
    let links = open_links(transport, units + 1)?;
    let inputs = (0..units).map(|i| Input::Byte(links.clone(), i)).collect();
    let outputs = (0..units).map(|i| Output::Byte(links.clone(), i + 1)).collect();
    start_chain(inputs, outputs, Output::Byte(links.clone(), 0), Input::Byte(links, units), 0xFF)
}

pub fn memory_chain(units: usize) -> Result<Box<dyn Chain>, String> {
    let (mut senders, mut receivers): (Vec<_>, Vec<_>) = (0..units + 1).map(|_| sync_channel::<u64>(1)).unzip();
    let last = Input::Memory(receivers.pop().expect("units + 1 channels"));
    let first = Output::Memory(senders.remove(0));
    let inputs = receivers.into_iter().map(Input::Memory).collect();
    let outputs = senders.into_iter().map(Output::Memory).collect();
    start_chain(inputs, outputs, first, last, u64::MAX)
}

struct ThreadBaseline {
    links: Arc<Vec<BlockingLink>>,
}

pub fn baseline(transport: Transport, links: usize) -> Result<Box<dyn Baseline>, String> {
    Ok(Box::new(ThreadBaseline { links: open_links(transport, links)? }))
}

impl Baseline for ThreadBaseline {
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String> {
        let links = self.links.clone();
        run_as_thread(move || {
            let start = clock::now_ns();
            for round in 0..rounds {
                let sent = round as u8;
                for link in links.iter() {
                    link.write_byte(sent).map_err(|e| format!("baseline write: {}", e))?;
                    let back = link.read_byte().map_err(|e| format!("baseline read: {}", e))?;
                    if back != sent {
                        return Err(format!("baseline read {}, wrote {}", back, sent));
                    }
                }
            }
            Ok(clock::elapsed_ns(start, clock::now_ns()))
        })?
    }
}

/// The token that ends the pong unit.
const STOP_TOKEN: i64 = -1;

/// The ping side's state, owned by whichever driver thread runs the exchange.
struct PingEnds {
    to_pong: Arc<BlockingHandoff>,
    from_pong: Arc<BlockingHandoff>,
    next_token: i64,
    received: u64,
}

struct ThreadPingPong {
    ping: Option<PingEnds>,
    pong: Option<JoinHandle<()>>,
    /// Written by the pong thread alone; read by the driver after a round trip came back.
    pong_received: Arc<AtomicU64>,
}

pub fn pingpong() -> Result<Box<dyn PingPong>, String> {
    let to_pong = Arc::new(BlockingHandoff::new());
    let to_ping = Arc::new(BlockingHandoff::new());
    let pong_received = Arc::new(AtomicU64::new(0));
    let (inbox, outbox, count) = (to_pong.clone(), to_ping.clone(), pong_received.clone());
    let pong = spawn(0, move || {
        let mut expected = 0i64;
        loop {
            let token = inbox.receive();
            if token == STOP_TOKEN {
                return;
            }
            if token != expected {
                crate::failure::scenario_failed(&format!("pong received token {}, expected {}", token, expected));
            }
            expected += 1;
            count.store(count.load(Ordering::Relaxed) + 1, Ordering::Release);
            outbox.send(token);
        }
    })?;
    let ping = PingEnds { to_pong, from_pong: to_ping, next_token: 0, received: 0 };
    Ok(Box::new(ThreadPingPong { ping: Some(ping), pong: Some(pong), pong_received }))
}

impl PingPong for ThreadPingPong {
    fn exchange(&mut self, round_trips: usize, each: bool) -> Result<(f64, Vec<f64>), String> {
        let mut ping = self.ping.take().ok_or_else(|| "ping-pong has stopped".to_string())?;
        let (ping, result) = run_as_thread(move || {
            let mut trips = Vec::with_capacity(if each { round_trips } else { 0 });
            let start = clock::now_ns();
            for _ in 0..round_trips {
                let trip_start = if each { clock::now_ns() } else { 0 };
                let sent = ping.next_token;
                ping.next_token += 1;
                ping.to_pong.send(sent);
                let back = ping.from_pong.receive();
                if each {
                    trips.push(clock::elapsed_ns(trip_start, clock::now_ns()));
                }
                if back != sent {
                    return (ping, Err(format!("ping got token {} back, sent {}", back, sent)));
                }
                ping.received += 1;
            }
            let elapsed = clock::elapsed_ns(start, clock::now_ns());
            (ping, Ok((elapsed, trips)))
        })?;
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
            join(pong);
        }
        Ok(())
    }
}
