//! A handoff between OS threads: a queue under a Mutex with a Condvar (the rust-thread model's way of
//! waiting, peers/PROTOCOL.md section 5). `receive` blocks until a value is there; values sent while the
//! receiver is busy queue up in order.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

pub struct BlockingHandoff {
    queue: Mutex<VecDeque<i64>>,
    arrived: Condvar,
}

impl BlockingHandoff {
    pub fn new() -> BlockingHandoff {
        BlockingHandoff { queue: Mutex::new(VecDeque::new()), arrived: Condvar::new() }
    }

    pub fn send(&self, value: i64) {
        self.queue.lock().unwrap().push_back(value);
        self.arrived.notify_one();
    }

    pub fn receive(&self) -> i64 {
        let mut queue = self.queue.lock().unwrap();
        loop {
            if let Some(value) = queue.pop_front() {
                return value;
            }
            queue = self.arrived.wait(queue).unwrap();
        }
    }
}
