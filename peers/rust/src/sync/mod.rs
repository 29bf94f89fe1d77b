//! The waiting primitives the models share: a blocking gate and handoff for OS threads, an async gate for
//! tasks of any runtime.

pub mod async_gate;
pub mod blocking_gate;
pub mod blocking_handoff;
pub mod joined_ref;
pub mod shared_slots;
