//! `Secret<T>`: a value that prints as `***` everywhere and is wiped from memory on drop.

use crate::value::{Value, ValueError};
use std::fmt;
use zeroize::Zeroize;

/// A value that never prints: `Debug` and `Display` show `***`, and the only way to the
/// value is [`Secret::expose`], which makes every use of it easy to find in review.
///
/// The memory of the value is overwritten with zeroes when the `Secret` is dropped
/// (through [`Zeroize`]), so a password does not linger in freed memory. `T` must
/// implement [`Zeroize`]; `String`, `Vec<u8>`, the integers and the service URL types do.
///
/// As a field type, `Secret<T>` is read like `T` (same accepted text, same errors), and an
/// error about it describes the shape of the problem, never the text.
///
/// ```
/// use attached::Secret;
/// let key = Secret::new(String::from("sk_live_123"));
/// assert_eq!(format!("{key:?} {key}"), "*** ***");
/// assert_eq!(key.expose(), "sk_live_123");
/// ```
///
/// # With serde
///
/// With the cargo feature `serde`, `Secret<T>` is `Deserialize` when `T` is, and is read
/// as `T` reads, so it can sit in a configuration read by figment, config-rs or envy. An
/// error names `T` and nothing else: a deserializer's own error often quotes the value.
///
/// It is `Serialize` too, and **always writes the string `"***"`**, whatever `T` is (a
/// `Secret<u16>` included): a configuration written out to look at (JSON in a debug
/// endpoint, a log line) leaks no secret, as `Debug` leaks none. What is written does
/// not read back to the value: a secret goes through a round trip as `***`. That is the
/// choice: a configuration that must be written out to be read again needs its secrets in
/// clear, which should be visible where it is done; write
/// [`expose`](Secret::expose) yourself there (`#[serde(serialize_with = ...)]`).
/// Refusing to serialize instead would make every dump of a configuration with a secret
/// in it fail, and invite exactly that `expose` in the place where it leaks.
pub struct Secret<T: Zeroize>(T);

impl<T: Zeroize> Secret<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The value itself. Call this only where the value is handed to what needs it (a
    /// driver, a client, a header), never to format it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl<T: Zeroize + Clone> Clone for Secret<T> {
    fn clone(&self) -> Self {
        Secret(self.0.clone())
    }
}

impl<T: Zeroize + Default> Default for Secret<T> {
    fn default() -> Self {
        Secret(T::default())
    }
}

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T: Zeroize> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T: Value + Zeroize> Value for Secret<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    const SECRET: bool = true;
    const HOLDS_CREDENTIALS: bool = true;

    fn parse(text: &str) -> Result<Self, ValueError> {
        T::parse(text).map(Secret)
    }

    /// Always `***`: a secret has no printable form, not even in generated docs.
    fn render(&self) -> String {
        "***".to_owned()
    }

    fn redacted(&self) -> String {
        "***".to_owned()
    }

    /// The inner value's warnings, which name parameters, never values.
    fn warnings(&self, warn: &mut dyn FnMut(String)) {
        self.0.warnings(warn);
    }

    /// The inner value's service, which holds hosts, never credentials.
    fn endpoints(&self) -> Option<crate::attach::Endpoints> {
        self.0.endpoints()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_nothing_of_the_value() {
        let s = Secret::new(String::from("hunter2"));
        assert_eq!(format!("{s:?}"), "***");
        assert_eq!(format!("{s:#?}"), "***");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.render(), "***");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn parses_like_the_inner_type() {
        let n = <Secret<u16> as Value>::parse("8080").unwrap();
        assert_eq!(*n.expose(), 8080);
        assert!(<Secret<u16> as Value>::parse("x").is_err());
        const { assert!(<Secret<u16> as Value>::SECRET) };
    }
}

/// The `secrecy` crate's secret types, with the cargo feature `secrecy`: read as their
/// inner type reads, secret in every output.
#[cfg(feature = "secrecy")]
mod foreign {
    use crate::show::{SecretType, TypeTag};
    use crate::value::{Value, ValueError};
    use secrecy::{SecretBox, SecretString};
    use zeroize::Zeroize;

    /// `SecretString`: any text, as `String` reads it.
    impl Value for SecretString {
        const EXPECTED: &'static str = "text";
        const SECRET: bool = true;
        const HOLDS_CREDENTIALS: bool = true;

        fn parse(text: &str) -> Result<Self, ValueError> {
            Ok(SecretString::from(text))
        }

        fn render(&self) -> String {
            "***".to_owned()
        }

        fn redacted(&self) -> String {
            "***".to_owned()
        }
    }

    /// `SecretBox<T>`: read as `T` reads.
    impl<T: Value + Zeroize> Value for SecretBox<T> {
        const EXPECTED: &'static str = T::EXPECTED;
        const SECRET: bool = true;
        const HOLDS_CREDENTIALS: bool = true;

        fn parse(text: &str) -> Result<Self, ValueError> {
            T::parse(text).map(|value| SecretBox::new(Box::new(value)))
        }

        fn render(&self) -> String {
            "***".to_owned()
        }

        fn redacted(&self) -> String {
            "***".to_owned()
        }
    }

    impl<S: Zeroize + ?Sized> SecretType for TypeTag<SecretBox<S>> {}
}
