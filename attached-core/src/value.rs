//! The `Value` trait: how a type is read from the text of one environment variable, and the
//! implementations for the standard library's types.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::num::{
    NonZeroI8, NonZeroI16, NonZeroI32, NonZeroI64, NonZeroI128, NonZeroIsize, NonZeroU8,
    NonZeroU16, NonZeroU32, NonZeroU64, NonZeroU128, NonZeroUsize,
};
use std::path::PathBuf;
use std::time::Duration;

/// A type read from the text of one environment variable.
///
/// Implemented for `String` (and `Arc<str>`, `Arc<String>`, `Box<str>`,
/// `Cow<'static, str>`), `PathBuf`, every integer and float, the `NonZero*` integers,
/// `bool`, `char`, IP addresses, socket addresses, [`Duration`], [`Secret<T>`](crate::Secret)
/// and the service URL types. In a derived config, `Option<T>` makes a field optional and
/// `Vec<T>` reads a separated list of `T`; they are handled by the derive, not by this trait.
///
/// Three ways to read a type of your own:
/// - `#[derive(attached::Value)]` on an enum of unit variants (`LOG_FORMAT=json`);
/// - `#[attached(with = path::to::parse)]` on the field, for a `fn(&str) -> Result<T, E>`;
/// - an implementation of this trait.
///
/// Text is given as it was set, except that the derive treats an empty value as not set.
/// Types other than the text types, `PathBuf` and `char` ignore spaces around the value.
///
/// Integers are read as `str::parse` reads them (ASCII digits after an optional `+` or
/// `-`), with one difference for the unsigned types: they refuse a negative number as
/// negative, and read `-0` as 0, as the signed types do.
///
/// ```
/// use attached::{Value, ValueError};
///
/// /// A percentage, 0 to 100.
/// #[derive(Debug, PartialEq)]
/// struct Percent(u8);
///
/// impl Value for Percent {
///     const EXPECTED: &'static str = "a whole number from 0 to 100";
///     fn parse(text: &str) -> Result<Self, ValueError> {
///         match text.trim().parse::<u8>() {
///             Ok(n) if n <= 100 => Ok(Percent(n)),
///             _ => Err(ValueError::new("not a whole number from 0 to 100")),
///         }
///     }
///     fn render(&self) -> String {
///         self.0.to_string()
///     }
/// }
///
/// assert_eq!(Percent::parse("42"), Ok(Percent(42)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be read from an environment variable",
    label = "`{Self}` does not implement `attached::Value`",
    note = "readable types: String, PathBuf, integers, floats, NonZero integers, bool, char, IP and socket addresses, Duration, Secret<T>, the service URL types, and Option<T> or Vec<T> of these",
    note = "for another type, add `#[attached(with = path::to::parse_fn)]` to the field, implement `attached::Value`, or put `#[derive(attached::Value)]` on an enum of unit variants"
)]
pub trait Value: Sized {
    /// What the text must look like, for error messages and generated docs, phrased to
    /// follow "expected": `"an integer from 0 to 65535"`.
    const EXPECTED: &'static str;

    /// Whether every value of this type is a secret, whatever its variable is called.
    /// `true` for [`Secret<T>`](crate::Secret).
    const SECRET: bool = false;

    /// Whether a value may carry credentials inside it, as a connection string carries
    /// its password: such a value is shown as its [`redacted`](Value::redacted) form
    /// (in the generated `Debug` as `TypeName("...")`, never through the type's own
    /// `Debug`), an invalid text is not echoed, and deployment docs (the Kubernetes `env:`
    /// block) take it from a Secret. `true` for the service URL types and `url::Url`.
    const HOLDS_CREDENTIALS: bool = false;

    /// Reads a value from the text of a variable.
    ///
    /// The error must describe what is wrong with the text without repeating it: the text
    /// may be a secret.
    fn parse(text: &str) -> Result<Self, ValueError>;

    /// The text that [`parse`](Value::parse) reads back to this value. Used to show
    /// defaults in the startup summary and generated docs.
    fn render(&self) -> String;

    /// This value as every output of the library shows it when it is not secret: the
    /// startup summary, problems, docs, public JSON and the generated `Debug`. The default
    /// is the text of [`render`](Value::render) through the free-text masker
    /// ([`free_text`](crate::free_text)), which hides URL passwords, credential
    /// parameters and private keys. A type that knows where its own credentials are (the
    /// service URL types) gives its redacted form instead; it must never hold a secret.
    fn redacted(&self) -> String {
        crate::show::free_text(&self.render())
    }

    /// Things about a valid value that an operator should know, each a sentence that
    /// follows the variable's name and a colon: an unknown connection parameter ("did you
    /// mean ...?"), credentials that the driver would send in clear. They are warnings of
    /// the load (problems under [`strict(true)`](crate::Loader::strict)). A warning must
    /// not repeat a secret: name a parameter, never its value.
    fn warnings(&self, warn: &mut dyn FnMut(String)) {
        let _ = warn;
    }

    /// Where the backing service this value names is reached, for
    /// [`Loaded::attach`](crate::Loaded::attach): `Some` for the service URL types, `None`
    /// (the default) for a value that names no service.
    fn endpoints(&self) -> Option<crate::attach::Endpoints> {
        None
    }
}

/// Why a text is not a valid value: a description of the problem that does not repeat the
/// text itself, which may be a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct ValueError(Cow<'static, str>);

impl ValueError {
    /// An error with this reason, written to follow the variable's name and a colon:
    /// `"not a whole number"`.
    pub fn new(reason: impl Into<Cow<'static, str>>) -> Self {
        ValueError(reason.into())
    }

    /// The reason.
    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ValueError({:?})", self.0)
    }
}

impl std::error::Error for ValueError {}

impl Value for String {
    const EXPECTED: &'static str = "text";
    fn parse(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
    fn render(&self) -> String {
        self.clone()
    }
}

/// Shared and boxed text, read as a `String` is.
macro_rules! text_types {
    ($($t:ty),*) => {$(
        impl Value for $t {
            const EXPECTED: &'static str = "text";
            fn parse(text: &str) -> Result<Self, ValueError> {
                Ok(<$t>::from(text.to_owned()))
            }
            fn render(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

text_types!(
    std::sync::Arc<str>,
    std::sync::Arc<String>,
    Box<str>,
    Cow<'static, str>
);

impl Value for PathBuf {
    const EXPECTED: &'static str = "a file system path";
    fn parse(text: &str) -> Result<Self, ValueError> {
        Ok(PathBuf::from(text))
    }
    fn render(&self) -> String {
        self.display().to_string()
    }
}

impl Value for bool {
    const EXPECTED: &'static str = "true or false (also 1/0, yes/no, on/off)";
    fn parse(text: &str) -> Result<Self, ValueError> {
        let text = crate::text::trim(text);
        // Compared without case, not lower-cased into a new `String`.
        for (words, value) in [
            (["true", "1", "yes", "on"], true),
            (["false", "0", "no", "off"], false),
        ] {
            for word in words {
                if crate::text::eq_ignore_case(text, word) {
                    return Ok(value);
                }
            }
        }
        Err(ValueError::new("not a boolean"))
    }
    fn render(&self) -> String {
        self.to_string()
    }
}

impl Value for char {
    const EXPECTED: &'static str = "a single character";
    fn parse(text: &str) -> Result<Self, ValueError> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(ValueError::new("not exactly one character")),
        }
    }
    fn render(&self) -> String {
        self.to_string()
    }
}

/// Whether `text` is a run of ASCII digits, at least one.
pub(crate) fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The reason for an integer that failed to parse, `range` naming the accepted values.
fn int_error(e: &std::num::ParseIntError, range: &'static str) -> ValueError {
    use std::num::IntErrorKind::*;
    match e.kind() {
        PosOverflow | NegOverflow => out_of_range(range),
        _ => ValueError::new("not a whole number"),
    }
}

fn out_of_range(range: &'static str) -> ValueError {
    ValueError::new(format!("out of range (must be {range})"))
}

/// A whole number of a signed type from `min` to `max`.
///
/// Every signed type is read through this one function (and unsigned ones through
/// [`unsigned`]), not through its own `str::parse`: one parser in the compiled crate
/// instead of twelve, with the same errors.
///
/// Text of up to 18 bytes is read as an `i64` (a sign and 17 digits, or 18 digits, always
/// fit), whose parse costs a fraction of `i128`'s and fails with the same errors.
fn signed(text: &str, (min, max): (i128, i128), range: &'static str) -> Result<i128, ValueError> {
    let text = crate::text::trim(text);
    let n = if text.len() <= 18 {
        text.parse::<i64>().map(i128::from)
    } else {
        text.parse::<i128>()
    }
    .map_err(|e| int_error(&e, range))?;
    if n < min || n > max {
        return Err(out_of_range(range));
    }
    Ok(n)
}

/// A whole number of an unsigned type up to `max`. See [`signed`].
/// Text of up to 19 bytes is read as a `u64`, as in [`signed`].
///
/// A minus sign before digits is refused as negative, not as "not a whole number"
/// (`str::parse` of an unsigned type says only that the `-` is not a digit), except
/// before zeros: `-0` is zero, as every signed type reads it.
fn unsigned(text: &str, max: u128, range: &'static str) -> Result<u128, ValueError> {
    let text = crate::text::trim(text);
    if let Some(digits) = text.strip_prefix('-').filter(|digits| is_digits(digits)) {
        if digits.bytes().all(|b| b == b'0') {
            return Ok(0);
        }
        return Err(ValueError::new(format!(
            "a negative number (must be {range})"
        )));
    }
    let n = if text.len() <= 19 {
        text.parse::<u64>().map(u128::from)
    } else {
        text.parse::<u128>()
    }
    .map_err(|e| int_error(&e, range))?;
    if n > max {
        return Err(out_of_range(range));
    }
    Ok(n)
}

/// `Value` for the integer types `$t` read by `$read` (`signed` or `unsigned`) within
/// `$bounds`; the `as` casts cannot truncate, the number being within the bounds. They are
/// rendered as `$wide` (`i128` or `u128`), the same digits, for one `to_string` compiled
/// instead of one per type.
macro_rules! integers {
    ($read:ident $bounds:ident $wide:ty: $($t:ty => $range:literal,)*) => {$(
        impl Value for $t {
            const EXPECTED: &'static str = concat!("an integer from ", $range);
            fn parse(text: &str) -> Result<Self, ValueError> {
                let n = $read(text, $bounds!($t), concat!("from ", $range))?;
                Ok(n as $t)
            }
            fn render(&self) -> String {
                (*self as $wide).to_string()
            }
        }
    )*};
}

/// The bounds of a signed integer type, as `signed` takes them.
macro_rules! signed_bounds {
    ($t:ty) => {
        (<$t>::MIN as i128, <$t>::MAX as i128)
    };
}

/// The bound of an unsigned integer type, as `unsigned` takes it.
macro_rules! unsigned_bound {
    ($t:ty) => {
        <$t>::MAX as u128
    };
}

integers! {
    unsigned unsigned_bound u128:
    u8 => "0 to 255",
    u16 => "0 to 65535",
    u32 => "0 to 4294967295",
    u64 => "0 to 18446744073709551615",
    u128 => "0 to 2^128-1",
    usize => "0 to the platform's usize::MAX",
}

integers! {
    signed signed_bounds i128:
    i8 => "-128 to 127",
    i16 => "-32768 to 32767",
    i32 => "-2147483648 to 2147483647",
    i64 => "-9223372036854775808 to 9223372036854775807",
    i128 => "-2^127 to 2^127-1",
    isize => "the platform's isize::MIN to isize::MAX",
}

/// `Value` for the `NonZero` types `$t` of the integer types `$int`, read as
/// [`integers!`] reads them, then zero refused.
macro_rules! nonzero {
    ($read:ident $bounds:ident $wide:ty: $($t:ty, $int:ty => $range:literal,)*) => {$(
        impl Value for $t {
            const EXPECTED: &'static str = concat!("a non-zero integer from ", $range);
            fn parse(text: &str) -> Result<Self, ValueError> {
                let n = $read(text, $bounds!($int), concat!("non-zero, from ", $range))?;
                <$t>::new(n as $int).ok_or_else(|| ValueError::new("must not be zero"))
            }
            fn render(&self) -> String {
                (self.get() as $wide).to_string()
            }
        }
    )*};
}

nonzero! {
    unsigned unsigned_bound u128:
    NonZeroU8, u8 => "1 to 255",
    NonZeroU16, u16 => "1 to 65535",
    NonZeroU32, u32 => "1 to 4294967295",
    NonZeroU64, u64 => "1 to 18446744073709551615",
    NonZeroU128, u128 => "1 to 2^128-1",
    NonZeroUsize, usize => "1 to the platform's usize::MAX",
}

nonzero! {
    signed signed_bounds i128:
    NonZeroI8, i8 => "-128 to 127",
    NonZeroI16, i16 => "-32768 to 32767",
    NonZeroI32, i32 => "-2147483648 to 2147483647",
    NonZeroI64, i64 => "-9223372036854775808 to 9223372036854775807",
    NonZeroI128, i128 => "-2^127 to 2^127-1",
    NonZeroIsize, isize => "the platform's isize::MIN to isize::MAX",
}

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Value for $t {
            const EXPECTED: &'static str = "a number such as 0.5, 10 or 1e-3";
            /// `NaN` is refused: a configuration that means "not a number" is a mistake.
            fn parse(text: &str) -> Result<Self, ValueError> {
                match crate::text::trim(text).parse::<$t>() {
                    Ok(v) if v.is_nan() => Err(ValueError::new("NaN is not accepted")),
                    Ok(v) => Ok(v),
                    Err(_) => Err(ValueError::new("not a number")),
                }
            }
            fn render(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

floats!(f32, f64);

macro_rules! parsed_by_std {
    ($($t:ty => $expected:literal, $reason:literal;)*) => {$(
        impl Value for $t {
            const EXPECTED: &'static str = $expected;
            fn parse(text: &str) -> Result<Self, ValueError> {
                crate::text::trim(text).parse().map_err(|_| ValueError::new($reason))
            }
            fn render(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

parsed_by_std! {
    IpAddr => "an IPv4 or IPv6 address such as 10.0.0.1 or ::1", "not an IP address";
    Ipv4Addr => "an IPv4 address such as 10.0.0.1", "not an IPv4 address";
    Ipv6Addr => "an IPv6 address such as ::1", "not an IPv6 address";
    SocketAddr => "an IP address and port such as 0.0.0.0:8080 or [::]:8080", "not an IP address and port";
    SocketAddrV4 => "an IPv4 address and port such as 0.0.0.0:8080", "not an IPv4 address and port";
    SocketAddrV6 => "an IPv6 address and port such as [::]:8080", "not an IPv6 address and port";
}

impl Value for Duration {
    const EXPECTED: &'static str = "a duration such as 30s, 1m 30s, 250ms or 2h";
    fn parse(text: &str) -> Result<Self, ValueError> {
        crate::duration::parse(text)
    }
    fn render(&self) -> String {
        crate::duration::render(*self)
    }
}

/// A choice's text as `#[derive(Value)]` matches it: spaces around it ignored, lower case,
/// without `-` and `_`.
#[doc(hidden)]
pub fn normalize_choice(text: &str) -> String {
    let mut normal = String::with_capacity(text.len());
    for c in crate::text::trim(text).chars() {
        if c != '-' && c != '_' {
            normal.extend(c.to_lowercase());
        }
    }
    normal
}

/// A URL may carry credentials (a password, a token in its query): it is shown as the
/// `url` crate reads it, masked ([`redacted`](Value::redacted)), in the generated `Debug`
/// as `Url("https://user:***@host/")`; an invalid text is not echoed; and deployment
/// docs take it from a Secret, as for the service URL types.
#[cfg(feature = "url")]
impl Value for url::Url {
    const EXPECTED: &'static str = "an absolute URL";
    const HOLDS_CREDENTIALS: bool = true;
    fn parse(text: &str) -> Result<Self, ValueError> {
        url::Url::parse(crate::text::trim(text)).map_err(|e| ValueError::new(e.to_string()))
    }
    fn render(&self) -> String {
        self.as_str().to_owned()
    }
    /// Through the masker, as written or percent-decoded, whichever hides more: the
    /// `url` crate percent-encodes a `"` or a space, behind which a credential would
    /// otherwise go unseen (`?x={"password":"..."}`).
    fn redacted(&self) -> String {
        crate::show::url_text(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<T: Value + PartialEq + fmt::Debug>(text: &str, want: T) {
        assert_eq!(T::parse(text), Ok(want), "{text:?}");
    }

    #[test]
    fn booleans_in_every_spelling() {
        for t in ["true", "TRUE", "1", "yes", "On", " true "] {
            ok(t, true);
        }
        for t in ["false", "False", "0", "NO", "off"] {
            ok(t, false);
        }
        assert_eq!(bool::parse("maybe").unwrap_err().reason(), "not a boolean");
    }

    #[test]
    fn integers_say_their_range() {
        ok("8080", 8080u16);
        ok(" -5 ", -5i32);
        assert_eq!(
            u16::parse("70000").unwrap_err().reason(),
            "out of range (must be from 0 to 65535)"
        );
        assert_eq!(u8::parse("x1").unwrap_err().reason(), "not a whole number");
        assert_eq!(
            NonZeroU32::parse("0").unwrap_err().reason(),
            "must not be zero"
        );
        ok("3", NonZeroU32::new(3).unwrap());
        assert_eq!(u16::EXPECTED, "an integer from 0 to 65535");
    }

    /// The shared parsers accept what `str::parse` of each type accepts, to the same value.
    #[test]
    fn integers_read_as_std_reads_them() {
        fn same<T>(text: &str)
        where
            T: Value + std::str::FromStr<Err = std::num::ParseIntError> + PartialEq + fmt::Debug,
        {
            use std::num::IntErrorKind::*;
            let reason = |e: std::num::ParseIntError| match e.kind() {
                PosOverflow | NegOverflow => "out of range",
                Zero => "must not be zero",
                _ => "not a whole number",
            };
            let trimmed = crate::text::trim(text);
            let digits = trimmed.strip_prefix('-').filter(|d| is_digits(d));
            let std = match (trimmed.parse::<T>(), digits) {
                // The one difference: where std refuses the sign of an unsigned type, a
                // negative number is refused as such, and `-0` is zero.
                (Err(e), Some(digits)) if *e.kind() == InvalidDigit => {
                    if digits.bytes().all(|b| b == b'0') {
                        digits.parse::<T>().map_err(reason)
                    } else {
                        Err("a negative number")
                    }
                }
                (parsed, _) => parsed.map_err(reason),
            };
            let ours = T::parse(text);
            let ours = ours.as_ref().map_err(|e| match e.reason() {
                r if r.starts_with("out of range") => "out of range",
                r if r.starts_with("a negative number") => "a negative number",
                r => r,
            });
            assert_eq!(ours, std.as_ref().map_err(|e| *e), "{text:?}");
        }
        let texts = [
            "",
            " ",
            "+",
            "-",
            "0",
            "-0",
            "+0",
            "00",
            "-00",
            "-000000000000000000000000000000000000000000",
            "-000000000000000000000000000000000000000001",
            "1",
            "+1",
            "-1",
            "127",
            "128",
            "-128",
            "-129",
            "255",
            "256",
            "65535",
            "65536",
            "-32769",
            "4294967296",
            "-2147483649",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "340282366920938463463374607431768211455",
            "340282366920938463463374607431768211456",
            "-170141183460469231731687303715884105729",
            "000000000000000000000000000000000000000042",
            "1_000",
            "0x10",
            "1e3",
            " 7 ",
            "١",
        ];
        for text in texts {
            same::<u8>(text);
            same::<u16>(text);
            same::<u32>(text);
            same::<u64>(text);
            same::<u128>(text);
            same::<usize>(text);
            same::<i8>(text);
            same::<i16>(text);
            same::<i32>(text);
            same::<i64>(text);
            same::<i128>(text);
            same::<isize>(text);
            same::<NonZeroU8>(text);
            same::<NonZeroU128>(text);
            same::<NonZeroI8>(text);
            same::<NonZeroI128>(text);
        }
        assert_eq!(
            i8::parse("-129").unwrap_err().reason(),
            "out of range (must be from -128 to 127)"
        );
        assert_eq!(
            u8::parse("99999999999999999999999999999999999999999")
                .unwrap_err()
                .reason(),
            "out of range (must be from 0 to 255)"
        );
        assert_eq!(
            u8::parse("-1").unwrap_err().reason(),
            "a negative number (must be from 0 to 255)"
        );
        assert_eq!(i8::MIN.render(), "-128");
        assert_eq!(u128::MAX.render(), u128::MAX.to_string());
        assert_eq!(NonZeroI64::new(-7).unwrap().render(), "-7");
        assert_eq!(NonZeroUsize::MAX.render(), usize::MAX.to_string());
        assert_eq!(
            NonZeroI8::parse("-0").unwrap_err().reason(),
            "must not be zero"
        );
        assert_eq!(
            NonZeroI8::parse("200").unwrap_err().reason(),
            "out of range (must be non-zero, from -128 to 127)"
        );
    }

    /// A minus sign before an unsigned type's digits: a negative number, whatever its
    /// size, unless it is zero.
    #[test]
    fn unsigned_integers_say_a_negative_number_is_negative() {
        for text in [
            "-1",
            " -1 ",
            "-65536",
            "-99999999999999999999999999999999999999999",
        ] {
            assert_eq!(
                u16::parse(text).unwrap_err().reason(),
                "a negative number (must be from 0 to 65535)",
                "{text:?}"
            );
        }
        assert_eq!(
            NonZeroU8::parse("-7").unwrap_err().reason(),
            "a negative number (must be non-zero, from 1 to 255)"
        );
        // `-0` is zero, as a signed type reads it.
        ok("-0", 0u16);
        ok(" -000 ", 0u128);
        ok("-0", 0i16);
        assert_eq!(
            NonZeroU8::parse("-0").unwrap_err().reason(),
            "must not be zero"
        );
        // A sign without digits after it is still not a number.
        for text in ["-", "--1", "-+1", "-x", "- 1", "-1.5", "-0x1"] {
            assert_eq!(
                u16::parse(text).unwrap_err().reason(),
                "not a whole number",
                "{text:?}"
            );
        }
        // The other reasons are unchanged.
        assert_eq!(u16::parse("+1"), Ok(1));
        assert_eq!(
            u16::parse("65536").unwrap_err().reason(),
            "out of range (must be from 0 to 65535)"
        );
    }

    #[test]
    fn floats_refuse_nan() {
        ok("0.5", 0.5f64);
        ok("1e-3", 1e-3f32);
        assert!(f64::parse("NaN").is_err());
        assert!(f64::parse("abc").is_err());
    }

    #[test]
    fn strings_and_paths_keep_spaces() {
        ok(" a b ", String::from(" a b "));
        ok(" a b ", std::sync::Arc::<str>::from(" a b "));
        ok("a", std::sync::Arc::new(String::from("a")));
        ok("a", Box::<str>::from("a"));
        ok("a", Cow::<'static, str>::Borrowed("a"));
        assert_eq!(Cow::<'static, str>::Borrowed("a").render(), "a");
        ok("/tmp/x y", PathBuf::from("/tmp/x y"));
        ok("x", 'x');
        assert!(char::parse("xy").is_err());
    }

    #[test]
    fn addresses() {
        ok(
            "0.0.0.0:8080",
            "0.0.0.0:8080".parse::<SocketAddr>().unwrap(),
        );
        ok("[::1]:80", "[::1]:80".parse::<SocketAddr>().unwrap());
        ok("::1", "::1".parse::<IpAddr>().unwrap());
        assert_eq!(
            SocketAddr::parse("nonsense").unwrap_err().reason(),
            "not an IP address and port"
        );
    }

    #[test]
    fn renders_parse_back() {
        let d = Duration::from_millis(90_250);
        assert_eq!(Duration::parse(&d.render()), Ok(d));
        let a: SocketAddr = "[::1]:80".parse().unwrap();
        assert_eq!(SocketAddr::parse(&a.render()), Ok(a));
        assert_eq!(f64::parse(&1.5f64.render()), Ok(1.5));
    }
}
