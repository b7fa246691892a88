//! Typed connection strings for the usual backing services.
//!
//! Each type is read from the full connection text a driver takes (`DATABASE_URL`,
//! `REDIS_URL`, ...), checks it at startup, answers questions about it (hosts, ports,
//! database, user, password as a [`Secret`](crate::Secret)), hands the text back unchanged
//! through `.expose()`, and prints it with the password and the values of credential
//! parameters replaced by `***`.
//!
//! All of them share one small RFC 3986 parser (`uri.rs`), which reads the comma-separated
//! host lists and percent-encoded socket paths of connection strings; each type adds its
//! scheme's rules.

mod amqp;
mod brokers;
mod database;
mod http;
mod mongo;
mod redis;
mod s3;
mod smtp;
mod uri;

pub use amqp::AmqpUrl;
pub use brokers::Brokers;
pub use database::{DatabaseUrl, Engine};
pub use http::HttpUrl;
pub use mongo::MongoUrl;
pub use redis::RedisUrl;
pub use s3::S3Url;
pub use smtp::{SmtpTls, SmtpUrl};

use crate::text::AsciiSearch;
use std::fmt;
use std::path::Path;

/// One host of a connection string, with the port it is reached on: the one written, or
/// the scheme's default.
///
/// The name is percent-decoded and written without the brackets of an IPv6 address
/// (`::1`), as a resolver or `SocketAddr` wants it. For Postgres, MySQL and MongoDB a host
/// may instead be a Unix socket, given as a percent-encoded absolute path
/// (`%2Fvar%2Frun%2Fpostgresql`); its name is then the decoded path, and for Postgres the
/// port still matters: it names the socket file (`.s.PGSQL.5432`).
///
/// ```
/// use attached::DatabaseUrl;
/// let url: DatabaseUrl = "postgres://db1,[::1]:5433/billing".parse()?;
/// let hosts: Vec<String> = url.hosts().iter().map(|h| h.to_string()).collect();
/// assert_eq!(hosts, ["db1:5432", "[::1]:5433"]);
/// assert_eq!(url.hosts()[1].name(), "::1");
/// # Ok::<(), attached::ValueError>(())
/// ```
///
/// A host of a field that is secret (a `Secret<HttpUrl>`, a URL marked
/// `#[attached(secret)]`), as [`Loaded::services`](crate::Loaded) and the startup check
/// have it, prints its name as `***`, in `Display` and `Debug` alike: the name is part of
/// the secret value. [`name`](Self::name) still gives it, to connect to.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Host {
    name: String,
    port: u16,
    socket: bool,
    /// Printed as `***`: the host of a secret value.
    hidden: bool,
}

impl Host {
    pub(crate) fn new(name: String, port: u16, socket: bool) -> Self {
        Host {
            name,
            port,
            socket,
            hidden: false,
        }
    }

    /// Prints this host as `***` from now on.
    pub(crate) fn hide(&mut self) {
        self.hidden = true;
    }

    /// Whether this host prints its name as `***`: it is the host of a secret value.
    pub fn is_hidden(&self) -> bool {
        self.hidden
    }

    /// The host name, IP address (IPv6 without brackets) or socket path, percent-decoded.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The port: the one written, or the scheme's default.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether this host is a Unix socket path rather than a network host.
    pub fn is_socket(&self) -> bool {
        self.socket
    }

    /// The Unix socket path, if this host is one.
    pub fn socket(&self) -> Option<&Path> {
        self.socket.then(|| Path::new(&self.name))
    }
}

/// `db:5432`, `[::1]:5432`, or a socket's path; `***:5432` or `***` when hidden.
impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.hidden {
            f.write_str(crate::show::MASK)?;
            if !self.socket {
                write!(f, ":{}", self.port)?;
            }
            Ok(())
        } else if self.socket {
            f.write_str(&self.name)
        } else if self.name.has_byte(b':') {
            write!(f, "[{}]:{}", self.name, self.port)
        } else {
            write!(f, "{}:{}", self.name, self.port)
        }
    }
}

/// The name as `Display` shows it: `***` when hidden.
impl fmt::Debug for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name: &dyn fmt::Debug = if self.hidden {
            &format_args!("{}", crate::show::MASK)
        } else {
            &self.name
        };
        f.debug_struct("Host")
            .field("name", name)
            .field("port", &self.port)
            .field("socket", &self.socket)
            .finish()
    }
}

/// The accessors of a URL type whose hosts, user and password are its authority's, as
/// written: `hosts`, `host` and `port` (of the first host), `user` and `password`. The
/// docs of `hosts` and `port` say the scheme's default port.
macro_rules! authority_accessors {
    ($name:ident, hosts = $hosts:literal, port = $port:literal) => {
        impl $name {
            #[doc = $hosts]
            pub fn hosts(&self) -> &[$crate::service::Host] {
                &self.url.hosts
            }

            /// The first host's name, IP address (IPv6 without brackets) or socket path.
            pub fn host(&self) -> &str {
                self.url
                    .hosts
                    .first()
                    .map_or("", $crate::service::Host::name)
            }

            #[doc = $port]
            pub fn port(&self) -> u16 {
                self.url
                    .hosts
                    .first()
                    .map_or(0, $crate::service::Host::port)
            }

            /// The user name, percent-decoded; `None` when not given.
            pub fn user(&self) -> Option<::std::borrow::Cow<'_, str>> {
                self.url.user()
            }

            /// The password, percent-decoded; `None` when not given or empty.
            pub fn password(&self) -> Option<$crate::secret::Secret<String>> {
                self.url.password()
            }
        }
    };
}

/// What every service type has in common: `expose`, the `Value` and `FromStr`
/// implementations, equality of the text, the redacted `Debug` and `Display`,
/// `Zeroize`, and with the `serde` feature `Deserialize` and the redacted `Serialize`; for the URL types also `scheme`, `query` and `param`. The type has a field
/// `url: Parsed`, a constructor `from_text(&str)` that receives the trimmed text, a
/// `redacted()` method and a `param_warnings(&self, &mut dyn FnMut(String))` method.
macro_rules! service_type {
    ($name:ident, $expected:literal) => {
        service_type!(list $name, $expected, true);

        impl $name {
            /// The scheme, as written (`postgresql`, `rediss`, ...).
            pub fn scheme(&self) -> &str {
                self.url.scheme()
            }

            /// The query parameters, percent-decoded, in the order written, with `+` read
            /// as the type's driver reads it: a space for Redis, AMQP, SMTP, MySQL and
            /// SQLite (drivers that decode the query as a form), a plus sign for the others
            /// (a Postgres URL with a `+` in its query is refused). The values of credential
            /// parameters are included: this is the text itself.
            pub fn query(
                &self,
            ) -> impl Iterator<Item = (::std::borrow::Cow<'_, str>, ::std::borrow::Cow<'_, str>)> + '_
            {
                self.url.query()
            }

            /// The percent-decoded value of the first query parameter called `name`
            /// (an empty value if it is written without `=`); for `MongoUrl`, whose
            /// drivers compare options' names without case, called `name` in any case.
            pub fn param(&self, name: &str) -> Option<::std::borrow::Cow<'_, str>> {
                self.url.param(name)
            }
        }
    };
    (list $name:ident, $expected:literal, $credentials:literal) => {
        impl $name {
            /// The full text, unchanged (less spaces around it), password included: what
            /// to hand to the driver. Keep calls to it where the driver is built, and never
            /// format its result.
            pub fn expose(&self) -> &str {
                &self.url.text
            }
        }

        impl $crate::value::Value for $name {
            const EXPECTED: &'static str = $expected;
            const HOLDS_CREDENTIALS: bool = $credentials;

            /// Spaces around the text are ignored.
            ///
            /// The reason of an error names parts and parameters, never their values,
            /// except values the type knows (`sslmode=prefer`); one that would quote
            /// something the masker hides in the text is replaced by a sentence saying so.
            fn parse(text: &str) -> Result<Self, $crate::value::ValueError> {
                Self::from_text(crate::text::trim(text))
                    .map_err(|error| crate::show::typed_error(error, text))
            }

            /// The text itself, as [`expose`](Self::expose) gives it.
            fn render(&self) -> String {
                self.url.text.clone()
            }

            /// The redacted text, as `Display` gives it.
            fn redacted(&self) -> String {
                $name::redacted(self)
            }

            /// Unknown connection parameters (with "did you mean"), and forms the driver
            /// reads in a way an operator should know of; see the type's documentation.
            /// A warning that would quote something the redacted form hides is replaced
            /// by a sentence saying so.
            fn warnings(&self, warn: &mut dyn FnMut(String)) {
                let mut messages = Vec::new();
                self.param_warnings(&mut |message| messages.push(message));
                crate::show::typed_warnings(&self.url.text, &|| $name::redacted(self), messages, warn)
            }

            /// Its hosts, or why it is not checked; see [`Loaded::attach`](crate::Loaded::attach).
            fn endpoints(&self) -> Option<$crate::attach::Endpoints> {
                Some($name::endpoints(self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::value::ValueError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <Self as $crate::value::Value>::parse(text)
            }
        }

        /// Equal when the texts are equal.
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.url.text == other.url.text
            }
        }

        impl Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.url.text.hash(state)
            }
        }

        /// The redacted text, as in `DatabaseUrl("postgres://app:***@db/billing")`.
        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($name))
                    .field(&self.redacted())
                    .finish()
            }
        }

        /// The text with the password and the values of credential parameters replaced
        /// by `***`.
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.redacted())
            }
        }

        /// Overwrites the text with zeroes and forgets its parts; afterwards the value is
        /// empty (its accessors answer as for a text without those parts).
        impl ::zeroize::Zeroize for $name {
            fn zeroize(&mut self) {
                self.url.zeroize();
            }
        }

        /// From a string, read exactly as `FromStr` reads it (spaces around it ignored),
        /// or from bytes that are UTF-8 text. The error says what is wrong and what was
        /// expected, never the text. With the cargo feature `serde`.
        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::interop::serde::deserialize_value(deserializer)
            }
        }

        /// **Writes the redacted text, as `Display` gives it: the password and the values
        /// of credential parameters become `***`.** A configuration written out (to JSON
        /// for a look at it, to a log) shows no credential, but **a round trip through
        /// `Serialize` and `Deserialize` loses the password**: what is read back connects
        /// with the password `***`. To hand the connection string on, write
        /// [`expose`](Self::expose) yourself, where it shows in review. With the cargo
        /// feature `serde`.
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::interop::serde::serialize_redacted(self, serializer)
            }
        }
    };
}
use {authority_accessors, service_type};

#[cfg(test)]
mod tests {
    //! What every type promises: no secret in any output, and the text handed back.

    use super::*;
    use crate::value::{Value, ValueError};
    use std::fmt::{Debug, Display};

    /// `secrets` must not appear in the `Debug`, `Display` or `render`-free outputs of the
    /// value read from `text`, nor in the error of any of `malformed`.
    pub(crate) fn never_shows<T: Value + Debug + Display>(
        text: &str,
        expose: fn(&T) -> &str,
        secrets: &[&str],
        malformed: &[&str],
    ) {
        let value = T::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(expose(&value), text);
        for shown in [
            format!("{value:?}"),
            format!("{value:#?}"),
            format!("{value}"),
        ] {
            for secret in secrets {
                assert!(!shown.contains(secret), "{secret} shown in {shown}");
            }
            assert!(shown.contains("***"), "nothing masked in {shown}");
        }
        for bad in malformed {
            let error: ValueError = T::parse(bad).expect_err(bad);
            for secret in secrets {
                assert!(
                    !error.reason().contains(secret),
                    "{secret} in the error {error}"
                );
            }
            assert!(!error.reason().contains(bad), "{bad} echoed");
        }
    }

    /// The warnings of `text` read as a `T`.
    pub(crate) fn warnings_of<T: Value + Debug>(text: &str) -> Vec<String> {
        let mut warnings = Vec::new();
        T::parse(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .warnings(&mut |w| warnings.push(w));
        warnings
    }

    /// Each text of `cases` is refused, with a reason holding the words beside it.
    pub(crate) fn refuses<T: Value + Debug>(cases: &[(&str, &str)]) {
        for (text, want) in cases {
            let reason = T::parse(text).expect_err(text).reason().to_owned();
            assert!(reason.contains(want), "{text}: {reason}");
        }
    }

    #[test]
    fn the_rest_of_a_credential_after_a_raw_ampersand_or_hash_is_hidden_as_the_masker_hides_it() {
        let http = HttpUrl::expose as fn(&HttpUrl) -> &str;
        let db = DatabaseUrl::expose as fn(&DatabaseUrl) -> &str;
        let s3 = S3Url::expose as fn(&S3Url) -> &str;
        for text in [
            "https://hooks.example.com/in?token=Pw1&Sup3rS3cret",
            "https://hooks.example.com/in?token=Pw1&Sup3r&S3cret&page=2",
            "https://h.example.com/cb?password=Pw1#Sup3rS3cret",
            "https://h.example.com/cb?password=Pw1&Sup3r#S3cret",
            // After a credential in the path, cut by a raw `?` or `#`.
            "https://h.example.com/v1;token=Pw1?Sup3rS3cret",
            "https://h.example.com/v1;token=Pw1?Sup3r&S3cret#x",
            "https://h.example.com/v1;token=Pw1#Sup3rS3cret",
            // An empty credential before the rest, and a rest after a raw `=`.
            "https://h.example.com/in?token=&Sup3rS3cret",
            "https://h.example.com/in?token=Pw1&=Sup3rS3cret",
            "https://h.example.com/v1;token=Pw1?=Sup3rS3cret",
            "https://h.example.com/cb?password=#Sup3rS3cret",
            "https://h.example.com/cb?token=&#Sup3rS3cret",
        ] {
            never_shows(text, http, &["Sup3r", "S3cret"], &[]);
            assert!(!crate::mask(text).contains("Sup3r"), "{text}");
        }
        never_shows(
            "postgres://db.internal/billing?user=app&password=Pw1&Sup3rS3cret",
            db,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "s3://bucket?region=eu-west-1&secret_access_key=Pw1&Sup3rS3cret",
            s3,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "s3://bucket?secret_access_key=Pw1&=Sup3rS3cret",
            s3,
            &["Sup3rS3cret"],
            &[],
        );
        let redis = RedisUrl::expose as fn(&RedisUrl) -> &str;
        never_shows(
            "redis+unix:///tmp/r.sock?pass=&Sup3rS3cret",
            redis,
            &["Sup3rS3cret"],
            &[],
        );
        // A credential's name without `=` does not make the fragment after it a credential,
        // as the masker reads it.
        for text in [
            "https://h.example.com/cb?password#frag",
            "https://h.example.com/cb?token#x",
        ] {
            let url: HttpUrl = text.parse().unwrap();
            assert_eq!(url.to_string(), crate::mask(text), "{text}");
        }
        // A parameter with `=` ends the credential: it is shown, as the masker shows it.
        let url: HttpUrl = "https://h.example.com/in?token=Pw1&rest&page=2"
            .parse()
            .unwrap();
        assert_eq!(url.to_string(), "https://h.example.com/in?token=***&page=2");
        // Nor does a warning name the rest as a parameter; one warning says it, however
        // many pieces the rest has.
        for text in [
            "postgres://db/billing?password=Pw1&Sup3rS3cret&sslmode=require",
            "postgres://db/billing?password=&Sup3r&S3cret&sslmode=require",
            "postgres://db/billing?password=Pw1&=Sup3rS3cret",
            "mysql://u@db/billing?password=Pw1&Sup3rS3cret",
            "mongodb://db/billing?authMechanismProperties=x&password=Pw1&=Sup3rS3cret",
            "redis+unix:///tmp/r.sock?pass=Pw1&Sup3r&S3cret",
        ] {
            let warnings = match text.split(':').next() {
                Some("postgres" | "mysql") => warnings_of::<DatabaseUrl>(text),
                Some("mongodb") => warnings_of::<MongoUrl>(text),
                _ => warnings_of::<RedisUrl>(text),
            };
            for warning in &warnings {
                assert!(
                    !warning.contains("Sup3r") && !warning.contains("S3cret"),
                    "{text}: {warning}"
                );
            }
            let rests = warnings
                .iter()
                .filter(|w| w.contains("write its `&` as %26"));
            assert_eq!(rests.count(), 1, "{text}: {warnings:?}");
        }
        // A piece without `=` after anything else is named, as before.
        let warnings =
            warnings_of::<DatabaseUrl>("postgres://db/billing?sslmode=require&application_name");
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("parameter `application_name` without `=`")),
            "{warnings:?}"
        );
    }

    #[test]
    fn credentials_in_every_place_are_hidden() {
        let http = HttpUrl::expose as fn(&HttpUrl) -> &str;
        let db = DatabaseUrl::expose as fn(&DatabaseUrl) -> &str;
        let redis = RedisUrl::expose as fn(&RedisUrl) -> &str;
        // A token in the fragment (OAuth implicit flow), or the fragment itself a token.
        never_shows(
            "https://app.example.com/cb#access_token=Sup3rS3cret&state=1",
            http,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "https://app.example.com/cb#Sup3rS3cretT0kenValue",
            http,
            &["Sup3rS3cretT0kenValue"],
            &[],
        );
        // Settings after `;`, in a value or a path.
        never_shows(
            "https://h/x?a=1;password=Sup3rS3cret",
            http,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "mysql://app@mysql/shop;password=Sup3rS3cret",
            db,
            &["Sup3rS3cret"],
            &[],
        );
        // Azure's shared access signature, Redis' `pass` (on a socket: a TCP URL refuses
        // it, as redis-rs ignores it there).
        never_shows(
            "https://acct.blob.core.windows.net/c?sv=1&sig=Sup3rS3cret",
            http,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "redis+unix:///tmp/r.sock?pass=Sup3rS3cret",
            redis,
            &["Sup3rS3cret"],
            &[],
        );
        // libpq's `options`, holding settings.
        never_shows(
            "postgres://db/app?options=-c%20password%3DSup3rS3cret",
            db,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "postgres://db/app?options=--password=Sup3rS3cret",
            db,
            &["Sup3rS3cret"],
            &[],
        );
        // A lone user name that is a token: always for HTTP, when it looks like one
        // elsewhere.
        never_shows(
            "https://Sup3rS3cret@api.example.com/v1",
            http,
            &["Sup3rS3cret"],
            &[],
        );
        never_shows(
            "https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42",
            http,
            &["0123456789abcdef0123456789abcdef"],
            &[],
        );
        never_shows(
            "redis://Sup3rS3cretT0ken1234@cache:6379",
            redis,
            &["Sup3rS3cretT0ken1234"],
            &[],
        );
        // A SQLite URL with a password is refused, the password not echoed.
        never_shows(
            "sqlite:///data/app.db?key=Sup3rS3cret",
            db,
            &["Sup3rS3cret"],
            &[
                "sqlite://user:Sup3rS3cret@host/app.db",
                "sqlite://user:Sup3r/S3cret@host/app.db",
                "sqlite://user:Sup3r?S3cret@host/app.db",
            ],
        );
    }

    #[test]
    fn a_password_cut_by_an_unencoded_delimiter_is_refused() {
        for text in [
            "https://u:Sup3r?S3cret@h/x",
            "https://u:/Sup3rS3cret@h/x",
            "https://u:Sup3r#S3cret@h/x",
            "postgres://u:/Sup3rS3cret@h/db",
            "redis://:Sup3r?x=S3cret@h",
        ] {
            let errors = [
                HttpUrl::parse(text).err(),
                DatabaseUrl::parse(text).err(),
                RedisUrl::parse(text).err(),
            ];
            assert!(errors.iter().all(Option::is_some), "{text} accepted");
            let fix = errors
                .iter()
                .flatten()
                .find(|e| !e.reason().contains("scheme"))
                .expect(text);
            assert!(fix.reason().contains("percent-encoded"), "{text}: {fix}");
            for error in errors.iter().flatten() {
                assert!(!error.reason().contains("Sup3r") && !error.reason().contains("S3cret"));
            }
        }
    }

    /// An IPv6 address with a zone (`%25` and an interface): refused where every Rust
    /// driver reads URLs with the `url` crate, which refuses it; a warning for Postgres,
    /// whose libpq and tokio-postgres read it.
    #[test]
    fn an_ipv6_zone_is_refused_but_by_postgres() {
        for text in [
            "https://[fe80::1%25eth0]:8443/x",
            "redis://[fe80::1%25eth0]:6379",
            "mysql://u:p@[fe80::1%25eth0]:3306/db",
            "amqp://[fe80::1%25eth0]:5672/%2f",
            "smtp://[fe80::1%25eth0]:587",
        ] {
            let errors = [
                HttpUrl::parse(text).err(),
                RedisUrl::parse(text).err(),
                DatabaseUrl::parse(text).err(),
                crate::AmqpUrl::parse(text).err(),
                crate::SmtpUrl::parse(text).err(),
            ];
            let reasons: Vec<_> = errors.iter().flatten().map(ValueError::reason).collect();
            assert_eq!(reasons.len(), 5, "{text}");
            assert!(
                reasons
                    .iter()
                    .any(|r| r.contains("an IPv6 address with a zone")),
                "{text}: {reasons:?}"
            );
        }
        let url = DatabaseUrl::parse("postgres://u:p@[fe80::1%25eth0]:5432/db").unwrap();
        let mut warnings = Vec::new();
        url.warnings(&mut |w| warnings.push(w));
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("an IPv6 address with a zone")),
            "{warnings:?}"
        );
        assert!(HttpUrl::parse("https://[fe80::1]:8443/x").is_ok());
    }

    /// Postgres reads the user information to the first `@` before any `/`, as libpq and
    /// tokio-postgres do: a raw `?` or `#` there is part of the password (sqlx refuses the
    /// URL: a warning).
    #[test]
    fn a_raw_question_mark_or_hash_in_a_postgres_password_is_read_as_libpq_reads_it() {
        for (text, password) in [
            ("postgres://u:Sup3r?S3cret@h/db", "Sup3r?S3cret"),
            (
                "postgres://u:Sup3r#S3cret@h:5433/db?sslmode=require",
                "Sup3r#S3cret",
            ),
            ("postgresql://u:a?b#c%40d@h1,h2/db", "a?b#c@d"),
            // A bracket in the password is not an IPv6 host.
            ("postgres://u:Sup[3r?S3cret@h/db", "Sup[3r?S3cret"),
            ("postgres://u:[Sup3r]#S3cret@h/db", "[Sup3r]#S3cret"),
        ] {
            let url = DatabaseUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(url.password().unwrap().expose(), password);
            assert_eq!(url.user().as_deref(), Some("u"));
            assert_eq!(url.database().as_deref(), Some("db"));
            let shown = url.to_string();
            assert!(
                !shown.contains("S3cret") && !shown.contains("a?b"),
                "{shown}"
            );
            let warnings = warnings_of::<DatabaseUrl>(text);
            assert!(
                warnings.iter().any(|w| w.contains("sqlx refuses the URL")),
                "{text}: {warnings:?}"
            );
        }
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@h/db?sslmode=require#x")
                .unwrap_err()
                .reason(),
            "a Postgres URL has no `#` part (write `#` in a name or password as %23)"
        );
        // MySQL's drivers end the user information there: still refused.
        assert!(DatabaseUrl::parse("mysql://u:Sup3r?S3cret@h/db").is_err());
        // Where the `url` crate under sqlx reads another host instead of refusing, refused
        // as before: a password that starts as a port, a `?` in the user name, a query
        // holding the `@` (`db.example.com?...&password=a@b`: libpq would connect to `b`).
        for text in [
            "postgres://u:123?S3cret@h/db",
            "postgres://u:?S3cret@h/db",
            "postgres://us?er:S3cret@h/db",
            "postgresql://db.example.com?user=app&password=Sup3r@S3cretHost",
            "postgresql://db.example.com:5432?user=app&password=Sup3r@S3cretHost",
            "postgresql://db.example.com#password=Sup3r@S3cretHost",
            // An IPv6 host's colons are not a user's and a password's.
            "postgresql://[2001:db8::5]:5432?user=app&password=Sup3r@S3cretHost",
            "postgresql://[::1]?password=Sup3r@S3cretHost",
            "postgresql://[::1]:5432#password=Sup3r@S3cretHost",
            // Nor a host list's.
            "postgresql://db1:5432,db2?password=Sup3r@S3cretHost",
            "postgresql://db1,[::1]:5432?password=Sup3r@S3cretHost",
        ] {
            let reason = DatabaseUrl::parse(text)
                .expect_err(text)
                .reason()
                .to_owned();
            assert!(
                reason.contains("percent-encoded") || reason.contains("%40"),
                "{text}: {reason}"
            );
            assert!(!reason.contains("S3cret"), "{reason}");
        }
    }

    #[test]
    fn host_display() {
        assert_eq!(Host::new("db".into(), 5432, false).to_string(), "db:5432");
        assert_eq!(Host::new("::1".into(), 1, false).to_string(), "[::1]:1");
        let socket = Host::new("/run/pg".into(), 5432, true);
        assert_eq!(socket.to_string(), "/run/pg");
        assert_eq!(socket.socket(), Some(Path::new("/run/pg")));
    }
}
