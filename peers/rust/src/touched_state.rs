//! The 1 KiB of state a `parked-touch` unit fills before it parks and checks after it wakes. Volatile writes
//! and reads keep the compiler from folding the fill and the check away, so the state really lives wherever
//! the unit's locals live: on a thread's stack, in a task's future.

use crate::spec::TOUCH_BYTES;

pub type TouchedState = [u64; TOUCH_BYTES / 8];

const PATTERN: u64 = 0x0101_0101_0101_0101;

pub fn fill(state: &mut TouchedState) {
    for (i, word) in state.iter_mut().enumerate() {
        // SAFETY: `word` is a valid, aligned element of the array.
        unsafe { std::ptr::write_volatile(word, (i as u64).wrapping_mul(PATTERN)) };
    }
}

/// Ends the process if the state did not survive the park.
pub fn verify(state: &TouchedState) {
    for (i, word) in state.iter().enumerate() {
        // SAFETY: `word` is a valid, aligned element of the array.
        if unsafe { std::ptr::read_volatile(word) } != (i as u64).wrapping_mul(PATTERN) {
            crate::failure::scenario_failed("a parked unit's state was corrupted");
        }
    }
}
