//! Shared helpers of the conformance tests.

pub mod child;
pub mod json;
