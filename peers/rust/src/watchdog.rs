//! The parent watch of peers/PROTOCOL.md section 1: with `BENCH_PARENT_PIPE=stdin`, a thread reads stdin
//! until EOF (the parent holds the write end and never writes) and then ends the process with 125.

use std::io::Read;

/// Exit code when the parent is gone.
pub const PARENT_GONE_EXIT: i32 = 125;

/// Starts the watchdog thread if the environment asks for it.
pub fn start_if_asked() {
    if std::env::var("BENCH_PARENT_PIPE").ok().as_deref() != Some("stdin") {
        return;
    }
    let started = std::thread::Builder::new().name("parent-watch".to_string()).stack_size(64 * 1024).spawn(|| {
        let mut buffer = [0u8; 256];
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        loop {
            match input.read(&mut buffer) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        // SAFETY: ends the process at once; nobody will read a result any more.
        unsafe { libc::_exit(PARENT_GONE_EXIT) }
    });
    if let Err(e) = started {
        crate::failure::scenario_failed(&format!("could not start the parent watchdog: {}", e));
    }
}
