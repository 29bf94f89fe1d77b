//! Random timing for the stress tests: a xorshift generator seeded from the clock, so every run waits
//! differently (the seed is printed, so a failing run can be replayed by hand).

pub struct TestRandom {
    state: u64,
}

impl TestRandom {
    pub fn seeded() -> TestRandom {
        let seed = crate::clock::now_ns() | 1;
        eprintln!("stress seed {}", seed);
        TestRandom { state: seed }
    }

    pub fn below(&mut self, bound: u64) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state % bound.max(1)
    }

    /// Spins or sleeps for a random few microseconds.
    pub fn jitter(&mut self) {
        match self.below(4) {
            0 => std::thread::yield_now(),
            1 => std::thread::sleep(std::time::Duration::from_micros(self.below(50))),
            _ => {}
        }
    }
}
