//! async-std behind the runtime names: its global executor (sized to the CPUs of the affinity mask through
//! ASYNC_STD_THREAD_COUNT), async-io's Async<T> for the byte links (the mechanism of async-std's own
//! UnixStream: try the syscall, wait for readiness on WouldBlock), async_std::channel for channels.

use std::future::Future;
use std::io;
use std::os::unix::io::{AsRawFd, OwnedFd};
use std::pin::Pin;
use std::task::{Context, Poll};

use async_io::Async;

use crate::fd_link;
use crate::spec::Transport;

pub struct Runtime {
    workers: usize,
}

impl Runtime {
    /// Sizes the global executor; must run before anything else touches async-std (it reads the variable
    /// once, when it starts its threads).
    pub fn new(workers: usize) -> Runtime {
        std::env::set_var("ASYNC_STD_THREAD_COUNT", workers.to_string());
        Runtime { workers }
    }

    /// Runs `future` to completion on the calling thread (not one of the executor's workers).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        async_std::task::block_on(future)
    }

    /// Runs `future` as a fresh task on the runtime (a unit of the model, not the calling thread) and waits
    /// for its output.
    pub fn run_as_task<T: Send + 'static, F: Future<Output = T> + Send + 'static>(&self, future: F) -> T {
        self.block_on(async move { spawn(future).await })
    }

    pub fn processor_count(&self) -> usize {
        self.workers
    }

    pub fn description(&self) -> String {
        format!("rust {} async-std {}", env!("PEER_RUSTC_VERSION"), env!("PEER_ASYNC_STD_VERSION"))
    }
}

/// A spawned task's handle; awaiting it gives the task's output.
pub struct Join<T>(async_std::task::JoinHandle<T>);

impl<T> Future for Join<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        Pin::new(&mut self.0).poll(cx)
    }
}

pub fn spawn<T: Send + 'static, F: Future<Output = T> + Send + 'static>(future: F) -> Join<T> {
    Join(async_std::task::spawn(future))
}

pub async fn yield_now() {
    async_std::task::yield_now().await
}

pub async fn sleep(ns: u64) {
    async_std::task::sleep(std::time::Duration::from_nanos(ns)).await
}

/// A non-blocking byte link registered with async-io's reactor.
pub struct Link {
    write: Async<OwnedFd>,
    read: Async<OwnedFd>,
}

impl Link {
    pub fn open(transport: Transport) -> io::Result<Link> {
        let fds = fd_link::open(transport, true)?;
        Ok(Link { write: Async::new(fds.write)?, read: Async::new(fds.read)? })
    }

    pub async fn read_byte(&self) -> io::Result<u8> {
        self.read.read_with(|fd| fd_link::read_byte(fd.as_raw_fd())).await
    }

    pub async fn write_byte(&self, byte: u8) -> io::Result<()> {
        self.write.write_with(|fd| fd_link::write_byte(fd.as_raw_fd(), byte)).await
    }
}

/// A capacity-1 channel (async_std::channel::bounded(1)).
pub struct BoundedTx(async_std::channel::Sender<u64>);
pub struct BoundedRx(async_std::channel::Receiver<u64>);

pub fn bounded1() -> (BoundedTx, BoundedRx) {
    let (tx, rx) = async_std::channel::bounded(1);
    (BoundedTx(tx), BoundedRx(rx))
}

impl BoundedTx {
    pub async fn send(&self, value: u64) -> bool {
        self.0.send(value).await.is_ok()
    }
}

impl BoundedRx {
    pub async fn recv(&mut self) -> Option<u64> {
        self.0.recv().await.ok()
    }
}

/// A handoff whose send never waits, callable from any thread (async_std::channel::unbounded).
pub struct HandoffTx(async_std::channel::Sender<i64>);
pub struct HandoffRx(async_std::channel::Receiver<i64>);

pub fn handoff() -> (HandoffTx, HandoffRx) {
    let (tx, rx) = async_std::channel::unbounded();
    (HandoffTx(tx), HandoffRx(rx))
}

impl HandoffTx {
    pub fn send(&self, value: i64) -> bool {
        self.0.try_send(value).is_ok()
    }
}

impl HandoffRx {
    pub async fn recv(&mut self) -> Option<i64> {
        self.0.recv().await.ok()
    }
}
