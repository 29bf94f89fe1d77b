//! tokio behind the runtime names: the multi-thread runtime (one worker per CPU of the affinity mask) or
//! the current-thread one; AsyncFd for the byte links (the mechanism of tokio's own UnixStream: wait for
//! readiness, then try the syscall), tokio::sync::mpsc for channels.

use std::future::Future;
use std::io;
use std::os::unix::io::{AsRawFd, OwnedFd};
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::unix::AsyncFd;
use tokio::io::Interest;
use tokio::sync::mpsc;

use crate::fd_link;
use crate::spec::Transport;

pub struct Runtime {
    inner: tokio::runtime::Runtime,
    workers: usize,
    flavour: &'static str,
}

impl Runtime {
    pub fn multi_thread(workers: usize) -> Result<Runtime, String> {
        let inner = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("could not start the tokio runtime: {}", e))?;
        Ok(Runtime { inner, workers, flavour: "multi-thread" })
    }

    pub fn current_thread() -> Result<Runtime, String> {
        let inner = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| format!("could not start the tokio runtime: {}", e))?;
        Ok(Runtime { inner, workers: 1, flavour: "current-thread" })
    }

    /// Runs `future` to completion on the calling thread (for current-thread: the runtime's only thread).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.inner.block_on(future)
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
        format!("rust {} tokio {} {}", env!("PEER_RUSTC_VERSION"), env!("PEER_TOKIO_VERSION"), self.flavour)
    }
}

/// A spawned task's handle; awaiting it gives the task's output.
pub struct Join<T>(tokio::task::JoinHandle<T>);

impl<T> Future for Join<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match Pin::new(&mut self.0).poll(cx) {
            Poll::Ready(Ok(value)) => Poll::Ready(value),
            Poll::Ready(Err(e)) => crate::failure::scenario_failed(&format!("a tokio task failed: {}", e)),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Spawns a task on the runtime whose context the caller is in.
pub fn spawn<T: Send + 'static, F: Future<Output = T> + Send + 'static>(future: F) -> Join<T> {
    Join(tokio::spawn(future))
}

pub async fn yield_now() {
    tokio::task::yield_now().await
}

pub async fn sleep(ns: u64) {
    tokio::time::sleep(std::time::Duration::from_nanos(ns)).await
}

/// A non-blocking byte link registered with the runtime's reactor.
pub struct Link {
    write: AsyncFd<OwnedFd>,
    read: AsyncFd<OwnedFd>,
}

impl Link {
    /// Opens a link; the caller is inside the runtime (the reactor registers it).
    pub fn open(transport: Transport) -> io::Result<Link> {
        let fds = fd_link::open(transport, true)?;
        Ok(Link { write: AsyncFd::with_interest(fds.write, Interest::WRITABLE)?, read: AsyncFd::with_interest(fds.read, Interest::READABLE)? })
    }

    pub async fn read_byte(&self) -> io::Result<u8> {
        loop {
            let mut ready = self.read.readable().await?;
            if let Ok(result) = ready.try_io(|fd| fd_link::read_byte(fd.get_ref().as_raw_fd())) {
                return result;
            }
        }
    }

    pub async fn write_byte(&self, byte: u8) -> io::Result<()> {
        loop {
            let mut ready = self.write.writable().await?;
            if let Ok(result) = ready.try_io(|fd| fd_link::write_byte(fd.get_ref().as_raw_fd(), byte)) {
                return result;
            }
        }
    }
}

/// The sending side of a capacity-1 channel (tokio::sync::mpsc::channel(1)).
pub struct BoundedTx(mpsc::Sender<u64>);
pub struct BoundedRx(mpsc::Receiver<u64>);

pub fn bounded1() -> (BoundedTx, BoundedRx) {
    let (tx, rx) = mpsc::channel(1);
    (BoundedTx(tx), BoundedRx(rx))
}

impl BoundedTx {
    /// False if the receiver is gone.
    pub async fn send(&self, value: u64) -> bool {
        self.0.send(value).await.is_ok()
    }
}

impl BoundedRx {
    pub async fn recv(&mut self) -> Option<u64> {
        self.0.recv().await
    }
}

/// A handoff whose send never waits, callable from any thread (tokio's unbounded mpsc).
pub struct HandoffTx(mpsc::UnboundedSender<i64>);
pub struct HandoffRx(mpsc::UnboundedReceiver<i64>);

pub fn handoff() -> (HandoffTx, HandoffRx) {
    let (tx, rx) = mpsc::unbounded_channel();
    (HandoffTx(tx), HandoffRx(rx))
}

impl HandoffTx {
    pub fn send(&self, value: i64) -> bool {
        self.0.send(value).is_ok()
    }
}

impl HandoffRx {
    pub async fn recv(&mut self) -> Option<i64> {
        self.0.recv().await
    }
}
