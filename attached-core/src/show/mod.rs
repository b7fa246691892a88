//! What every output of the library may show: the one owner of secrecy.
//!
//! The generated `Debug`, the startup summary and its data, every problem and warning of a
//! `Report`, every docs renderer, public JSON and the service types' `Display` render
//! through this module; none of them decides for itself what is hidden.

mod mask;

pub use mask::{is_secret_name, is_sensitive_param, mask};

/// The replacement for every hidden value.
pub(crate) const MASK: &str = "***";

/// Whether a piece of a URL written where a user name goes looks like a token rather than
/// a name: 16 or more characters with letters and digits both (a Sentry key, a webhook
/// or API token), or 32 or more of any kind. Errs toward hiding: a user name that long
/// and that mixed is rare.
#[allow(dead_code)] // the masker and the service types are to call it
pub(crate) fn looks_like_token(text: &str) -> bool {
    let n = text.chars().count();
    n >= 32
        || (n >= 16
            && text.chars().any(|c| c.is_ascii_digit())
            && text.chars().any(|c| c.is_alphabetic()))
}
