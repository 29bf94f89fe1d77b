//! Per-unit result slots the units write and the driver reads after joining them: one counter per unit on
//! its own cache line, so neighbouring units of a chain never share a line while they run.

use std::sync::atomic::{AtomicU64, Ordering};

#[repr(align(128))]
struct Padded(AtomicU64);

pub struct SharedSlots {
    slots: Vec<Padded>,
}

impl SharedSlots {
    pub fn new(count: usize) -> SharedSlots {
        SharedSlots { slots: (0..count).map(|_| Padded(AtomicU64::new(0))).collect() }
    }

    /// Written by unit `index` alone.
    pub fn store(&self, index: usize, value: u64) {
        self.slots[index].0.store(value, Ordering::Release);
    }

    pub fn load(&self, index: usize) -> u64 {
        self.slots[index].0.load(Ordering::Acquire)
    }

    pub fn sum(&self) -> u64 {
        (0..self.slots.len()).map(|i| self.load(i)).sum()
    }
}
