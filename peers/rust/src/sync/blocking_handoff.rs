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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_random::TestRandom;
    use std::sync::Arc;

    #[test]
    fn delivers_every_value_in_order_under_random_timing() {
        const PRODUCERS: i64 = 4;
        const VALUES: i64 = 5_000;
        let handoff = Arc::new(BlockingHandoff::new());
        let producers: Vec<_> = (0..PRODUCERS)
            .map(|p| {
                let handoff = handoff.clone();
                std::thread::spawn(move || {
                    let mut random = TestRandom::seeded();
                    for v in 0..VALUES {
                        if v % 97 == 0 {
                            random.jitter();
                        }
                        handoff.send(p * VALUES + v);
                    }
                })
            })
            .collect();
        let mut next = vec![0i64; PRODUCERS as usize];
        for _ in 0..PRODUCERS * VALUES {
            let value = handoff.receive();
            let producer = (value / VALUES) as usize;
            assert_eq!(value % VALUES, next[producer], "producer {}'s values out of order", producer);
            next[producer] += 1;
        }
        for p in producers {
            p.join().unwrap();
        }
        assert!(next.iter().all(|n| *n == VALUES));
    }
}
