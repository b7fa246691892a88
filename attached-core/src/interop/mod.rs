//! Interop with the rest of the Rust ecosystem, each part behind its own cargo feature:
//! `serde` (reading `Secret<T>` and the service URL types in serde-based config stacks,
//! writing them redacted) and `tracing` (the startup summary as structured events).
//!
//! Both only ever write what the library's other outputs show: redacted text.

#[cfg(feature = "serde")]
pub(crate) mod serde;
#[cfg(feature = "tracing")]
mod tracing;
