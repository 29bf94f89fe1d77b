//! Context-switch counters from getrusage(RUSAGE_SELF), summed over the measured regions of a scenario
//! and reported per operation (the protocol's optional `counters`).

/// Voluntary and involuntary context switches of the whole process.
#[derive(Clone, Copy, Default)]
struct Switches {
    voluntary: i64,
    involuntary: i64,
}

fn read() -> Switches {
    // SAFETY: rusage is plain data that getrusage fills.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    Switches { voluntary: usage.ru_nvcsw as i64, involuntary: usage.ru_nivcsw as i64 }
}

/// Sums counter deltas over measured regions and the operations those regions did.
#[derive(Default)]
pub struct CounterTally {
    sum: Switches,
    operations: u64,
}

/// Per-operation counters for one series.
#[derive(Clone, Copy)]
pub struct CountersPerOp {
    pub voluntary_switches: f64,
    pub involuntary_switches: f64,
}

impl CounterTally {
    /// Runs `region` and adds its counter delta and its `operations`.
    pub fn measure<T>(&mut self, operations: u64, region: impl FnOnce() -> T) -> T {
        let before = read();
        let result = region();
        let after = read();
        self.sum.voluntary += after.voluntary - before.voluntary;
        self.sum.involuntary += after.involuntary - before.involuntary;
        self.operations += operations;
        result
    }

    pub fn per_operation(&self) -> Option<CountersPerOp> {
        if self.operations == 0 {
            return None;
        }
        let ops = self.operations as f64;
        Some(CountersPerOp {
            voluntary_switches: self.sum.voluntary as f64 / ops,
            involuntary_switches: self.sum.involuntary as f64 / ops,
        })
    }
}
