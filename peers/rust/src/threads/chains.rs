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

struct ThreadChain {
    /// The driver's ends: into the first link, out of the last.
    first: Output,
    last: Input,
    /// Counter arithmetic of the links: 0xFF for bytes.
    mask: u64,
    units: Vec<JoinHandle<()>>,
    hops: Arc<SharedSlots>,
    /// Raised by the driver before the stop round; read by each unit right after it receives the counter.
    stopping: Arc<AtomicBool>,
    next: u64,
    rounds: u64,
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
    Ok(Box::new(ThreadChain { first, last, mask, units, hops, stopping, next: 0, rounds: 0 }))
}

impl ThreadChain {
    fn round(&mut self) -> Result<(), String> {
        let sent = self.next & self.mask;
        self.next = self.next.wrapping_add(1);
        self.first.pass(sent).map_err(|e| format!("driver write: {}", e))?;
        let back = self.last.take().map_err(|e| format!("driver read: {}", e))?;
        let expected = expected_back(sent, self.units.len(), self.mask);
        if back != expected {
            return Err(format!("the counter came back as {}, expected {}: a unit skipped a hop", back, expected));
        }
        Ok(())
    }
}

impl Chain for ThreadChain {
    fn run_rounds(&mut self, rounds: usize) -> Result<f64, String> {
        let start = clock::now_ns();
        for _ in 0..rounds {
            self.round()?;
        }
        let elapsed = clock::elapsed_ns(start, clock::now_ns());
        self.rounds += rounds as u64;
        Ok(elapsed)
    }

    fn stop(mut self: Box<Self>) -> Result<(), String> {
        self.stopping.store(true, Ordering::Release);
        self.round()?;
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
        let start = clock::now_ns();
        for round in 0..rounds {
            let sent = round as u8;
            for link in self.links.iter() {
                link.write_byte(sent).map_err(|e| format!("baseline write: {}", e))?;
                let back = link.read_byte().map_err(|e| format!("baseline read: {}", e))?;
                if back != sent {
                    return Err(format!("baseline read {}, wrote {}", back, sent));
                }
            }
        }
        Ok(clock::elapsed_ns(start, clock::now_ns()))
    }
}

/// The token that ends the pong unit.
const STOP_TOKEN: i64 = -1;

struct ThreadPingPong {
    to_pong: Arc<BlockingHandoff>,
    to_ping: Arc<BlockingHandoff>,
    pong: Option<JoinHandle<()>>,
    /// Written by the pong thread alone; read by the driver after a round trip came back.
    pong_received: Arc<AtomicU64>,
    /// Written by the driver alone.
    ping_received: u64,
    next_token: i64,
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
    Ok(Box::new(ThreadPingPong { to_pong, to_ping, pong: Some(pong), pong_received, ping_received: 0, next_token: 0 }))
}

impl PingPong for ThreadPingPong {
    fn exchange(&mut self, round_trips: usize) -> Result<f64, String> {
        let start = clock::now_ns();
        for _ in 0..round_trips {
            let sent = self.next_token;
            self.next_token += 1;
            self.to_pong.send(sent);
            let back = self.to_ping.receive();
            if back != sent {
                return Err(format!("ping got token {} back, sent {}", back, sent));
            }
            self.ping_received += 1;
        }
        Ok(clock::elapsed_ns(start, clock::now_ns()))
    }

    fn switches(&self) -> u64 {
        self.ping_received + self.pong_received.load(Ordering::Acquire)
    }

    fn stop(mut self: Box<Self>) -> Result<(), String> {
        self.to_pong.send(STOP_TOKEN);
        if let Some(pong) = self.pong.take() {
            join(pong);
        }
        Ok(())
    }
}
