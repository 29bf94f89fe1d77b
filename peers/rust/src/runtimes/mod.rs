//! The async runtimes, each behind the same set of names (Runtime, spawn, Join, yield_now, sleep, Link,
//! bounded1, handoff), so that one body of async workloads (src/async_model/workloads.rs) is compiled once
//! per runtime with no boxing or dynamic dispatch on the hot paths.

pub mod async_std_rt;
pub mod tokio_rt;
