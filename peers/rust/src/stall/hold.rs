//! How a stall offender holds its worker for a while without yielding (peers/PROTOCOL.md, stall): `sleep`
//! blocks in nanosleep, `spin` busy-loops on the clock, `wait` blocks on an event the hold timer thread sets.

use crate::clock;
use crate::spec::BlockKind;
use crate::stall::hold_timer;

/// Holds the calling thread for `ns` the given way.
pub fn hold(kind: BlockKind, ns: u64) {
    match kind {
        BlockKind::Sleep => {
            clock::use_precise_timers_on_this_thread();
            clock::nanosleep_ns(ns);
        }
        BlockKind::Spin => {
            let end = clock::now_ns() + ns;
            while clock::now_ns() < end {
                for _ in 0..20 {
                    std::hint::spin_loop();
                }
            }
        }
        BlockKind::Wait => hold_timer::wait_for(ns),
    }
}
