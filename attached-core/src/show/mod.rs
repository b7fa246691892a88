//! What every output of the library may show: the one owner of secrecy.
//!
//! The generated `Debug`, the startup summary and its data, every problem and warning of a
//! `Report`, every docs renderer, public JSON and the service types' `Display` render
//! through this module; none of them decides for itself what is hidden.

mod mask;

pub use mask::{is_secret_name, is_sensitive_param, mask};

/// The replacement for every hidden value.
pub(crate) const MASK: &str = "***";
