#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub use attached_core::*;

/// Derives [`Attached`](trait@Attached) for a struct of named fields: `from_env()`,
/// `from_source(&source)`, `variables()`, and a `Debug` that redacts secrets.
///
/// The attributes are described on the [crate page](crate#attributes).
#[cfg(feature = "derive")]
pub use attached_derive::Attached;

/// Derives [`Value`](trait@Value) for an enum of unit variants: a choice such as
/// `LOG_FORMAT=json`, names matched without regard to case, `-` or `_`.
///
/// ```
/// #[derive(attached::Value, Debug, PartialEq)]
/// enum LogFormat {
///     Json,
///     PlainText,
///     #[attached(rename = "logfmt")]
///     KeyValue,
/// }
///
/// use attached::Value;
/// assert_eq!(LogFormat::parse("JSON"), Ok(LogFormat::Json));
/// assert_eq!(LogFormat::parse("plain_text"), Ok(LogFormat::PlainText));
/// assert_eq!(LogFormat::parse("logfmt"), Ok(LogFormat::KeyValue));
/// assert_eq!(LogFormat::EXPECTED, "one of: json, plain-text, logfmt");
/// assert!(LogFormat::parse("xml").is_err());
/// ```
#[cfg(feature = "derive")]
pub use attached_derive::Value;
