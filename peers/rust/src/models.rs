//! Builds the model a spec names, its runtime sized to the CPUs of the affinity mask.

use crate::async_model::{on_async_std, on_tokio};
use crate::model::Model;
use crate::runtimes::{async_std_rt, tokio_rt};
use crate::spec::ModelId;
use crate::threads::ThreadModel;

pub fn create(id: ModelId, cpus: usize) -> Result<Box<dyn Model>, String> {
    let cpus = cpus.max(1);
    Ok(match id {
        ModelId::RustThread => Box::new(ThreadModel::new(cpus)),
        ModelId::Tokio => Box::new(on_tokio::AsyncModel::new(tokio_rt::Runtime::multi_thread(cpus)?)),
        ModelId::TokioCurrentThread => Box::new(on_tokio::AsyncModel::new(tokio_rt::Runtime::current_thread()?)),
        ModelId::AsyncStd => Box::new(on_async_std::AsyncModel::new(async_std_rt::Runtime::new(cpus))),
    })
}
