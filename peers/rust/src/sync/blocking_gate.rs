//! A one-shot gate for OS threads: Mutex<bool> + Condvar; `wait` blocks until `open`.

use std::sync::{Condvar, Mutex};

pub struct BlockingGate {
    /// Written once by the opener; read by waiters, under the lock.
    open: Mutex<bool>,
    opened: Condvar,
}

impl BlockingGate {
    pub fn new() -> BlockingGate {
        BlockingGate { open: Mutex::new(false), opened: Condvar::new() }
    }

    pub fn wait(&self) {
        let mut open = self.open.lock().unwrap();
        while !*open {
            open = self.opened.wait(open).unwrap();
        }
    }

    pub fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }
}
