//! `Serialize` and `Deserialize` for [`Secret<T>`] and, through the helpers here, for the
//! service URL types (their impls are written by `service_type!`, so every service type
//! has them).
//!
//! Reading: a service type from a string, exactly as its `FromStr` reads it; a secret as
//! its inner type reads. No error repeats the text, which may hold a password.
//!
//! Writing: never a secret in clear. A service type writes its redacted text (its
//! `Display`), a secret writes `***`. A configuration can then be dumped for a look at it
//! without a leak; what is written does not read back to the same value, and cannot:
//! the credentials are not in it.

use crate::secret::Secret;
use crate::value::Value;
use ::serde::de::{self, Deserialize, Deserializer, Visitor};
use ::serde::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use zeroize::Zeroize;

/// Writes `value` as the library shows it: [`Value::redacted`], the `Display` of a
/// service type.
pub(crate) fn serialize_redacted<T: Value, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.redacted())
}

/// Reads a `T` from a string (or UTF-8 bytes) with [`Value::parse`].
pub(crate) fn deserialize_value<'de, T: Value, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(ValueVisitor(PhantomData))
}

/// Hands a string to [`Value::parse`]. The owned strings it is given are wiped once read.
struct ValueVisitor<T>(PhantomData<T>);

impl<T: Value> Visitor<'_> for ValueVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    /// The error has the same words as the load's "invalid value" problem: the reason
    /// from `parse`, which never repeats the text, and what was expected.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::parse(text).map_err(|error| {
            E::custom(format_args!(
                "invalid value: {}; expected {}",
                crate::show::line(error.reason()),
                T::EXPECTED
            ))
        })
    }

    fn visit_string<E: de::Error>(self, mut text: String) -> Result<T, E> {
        let value = self.visit_str(&text);
        text.zeroize();
        value
    }

    /// Formats without strings (bincode, MessagePack) may hand text over as bytes. The
    /// default would quote the bytes in its error.
    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<T, E> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::custom(format_args!(
                "invalid value: not valid UTF-8 text; expected {}",
                T::EXPECTED
            ))),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, mut bytes: Vec<u8>) -> Result<T, E> {
        let value = self.visit_bytes(&bytes);
        bytes.zeroize();
        value
    }
}

/// Read as `T` reads, from whatever `T` reads from.
///
/// An error names `T` and nothing else: neither the value nor the error of `T`, which a
/// deserializer often writes with the value in it (``invalid type: integer `1234`,
/// expected a string``). With the cargo feature `serde`.
impl<'de, T: Deserialize<'de> + Zeroize> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret::new).map_err(|_| {
            de::Error::custom(format_args!(
                "invalid secret: not a valid `{}` (neither the value nor the reason is shown: a reason may quote the value)",
                short_type_name::<T>()
            ))
        })
    }
}

/// **Always the string `"***"`**, whatever `T` is, as `Debug` and `Display` print it:
/// a configuration written out (to JSON for a look at it, to a log) shows no secret.
/// What is written does not read back to the value: see [`Secret`]. With the cargo
/// feature `serde`.
impl<T: Zeroize> Serialize for Secret<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("***")
    }
}

/// The name of `T` without module paths: `Vec<u8>`, not `alloc::vec::Vec<u8>`.
fn short_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    // Where the path segment being written starts in `out`.
    let mut segment = 0;
    let mut chars = full.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            out.truncate(segment);
        } else {
            out.push(c);
            if !(c.is_alphanumeric() || c == '_') {
                segment = out.len();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{DatabaseUrl, HttpUrl};
    use ::serde::de::IntoDeserializer;
    use ::serde::de::value::{BytesDeserializer, Error};

    #[test]
    fn type_names_lose_their_paths() {
        assert_eq!(short_type_name::<u16>(), "u16");
        assert_eq!(short_type_name::<String>(), "String");
        assert_eq!(short_type_name::<Vec<u8>>(), "Vec<u8>");
        assert_eq!(
            short_type_name::<Option<DatabaseUrl>>(),
            "Option<DatabaseUrl>"
        );
    }

    #[test]
    fn reads_bytes_that_are_text() {
        let bytes = BytesDeserializer::<Error>::new(b"https://api.example.com/v1");
        let url: HttpUrl = Deserialize::deserialize(bytes).unwrap();
        assert_eq!(url.expose(), "https://api.example.com/v1");
    }

    #[test]
    fn bytes_that_are_not_text_are_not_quoted() {
        let bytes = BytesDeserializer::<Error>::new(b"postgres://u:S3cret\xff@db/app");
        let error = DatabaseUrl::deserialize(bytes).unwrap_err().to_string();
        assert!(
            error.starts_with("invalid value: not valid UTF-8 text"),
            "{error}"
        );
        assert!(
            !error.contains("S3cret") && !error.contains("83, 51"),
            "{error}"
        );
    }

    #[test]
    fn an_owned_string_reads_like_a_borrowed_one() {
        let text = String::from("postgres://u:S3cret@db/app");
        let owned: DatabaseUrl =
            Deserialize::deserialize(IntoDeserializer::<Error>::into_deserializer(text)).unwrap();
        assert_eq!(owned.expose(), "postgres://u:S3cret@db/app");
        let bad = String::from("postgres://u:S3cret/x@db/app");
        let error = DatabaseUrl::deserialize(IntoDeserializer::<Error>::into_deserializer(bad))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("invalid value: "), "{error}");
        assert!(!error.contains("S3cret"), "{error}");
    }

    #[test]
    fn a_secret_error_names_the_type_only() {
        let number = IntoDeserializer::<Error>::into_deserializer(1234_u32);
        let error = Secret::<String>::deserialize(number)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`String`"), "{error}");
        assert!(!error.contains("1234"), "{error}");
    }
}
