//! The async models (`tokio`, `tokio-ct`, `async-std`): one body of workloads, written against the runtime
//! names of src/runtimes/, compiled once per runtime by including it into a module that names the runtime
//! `rt`. (Rust 1.63, Debian's compiler, has no async functions in traits; this keeps the hot paths free of
//! boxed futures.)

pub mod on_tokio {
    use crate::runtimes::tokio_rt as rt;
    include!("workloads.rs");
}

pub mod on_async_std {
    use crate::runtimes::async_std_rt as rt;
    include!("workloads.rs");
}
