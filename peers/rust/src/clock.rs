//! The one clock every measurement reads: CLOCK_MONOTONIC in nanoseconds (a vDSO call, no syscall), and the
//! precise sleeps the stall shape needs.

use std::time::Duration;

/// Nanoseconds on CLOCK_MONOTONIC; comparable across threads.
pub fn now_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: ts is a valid timespec to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Nanoseconds of a duration between two readings, as the protocol's doubles.
pub fn elapsed_ns(start: u64, end: u64) -> f64 {
    end as f64 - start as f64
}

/// Sets this thread's timer slack to 1 ns: without it the kernel's default 50 µs slack makes a 10 µs
/// sleep last about 70 µs.
pub fn use_precise_timers_on_this_thread() {
    // SAFETY: PR_SET_TIMERSLACK takes one integer argument and affects only the calling thread.
    unsafe { libc::prctl(libc::PR_SET_TIMERSLACK, 1 as libc::c_ulong, 0, 0, 0) };
}

/// Blocks this thread in nanosleep for `ns` (resumed after a signal until the whole time has passed).
pub fn nanosleep_ns(ns: u64) {
    let mut request = timespec_of(ns);
    loop {
        let mut remaining = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: both pointers are valid timespecs.
        let rc = unsafe { libc::nanosleep(&request, &mut remaining) };
        if rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return;
        }
        request = remaining;
    }
}

/// Blocks this thread until CLOCK_MONOTONIC reaches `deadline_ns` (an absolute deadline, so a late wake-up
/// does not push every later deadline back).
pub fn sleep_until_ns(deadline_ns: u64) {
    let deadline = timespec_of(deadline_ns);
    // SAFETY: deadline is a valid timespec; with TIMER_ABSTIME the remaining-time pointer may be null.
    while unsafe { libc::clock_nanosleep(libc::CLOCK_MONOTONIC, libc::TIMER_ABSTIME, &deadline, std::ptr::null_mut()) }
        == libc::EINTR
    {}
}

/// A duration from nanoseconds.
pub fn duration_ns(ns: u64) -> Duration {
    Duration::from_nanos(ns)
}

fn timespec_of(ns: u64) -> libc::timespec {
    libc::timespec { tv_sec: (ns / 1_000_000_000) as libc::time_t, tv_nsec: (ns % 1_000_000_000) as libc::c_long }
}
