//! `RedisUrl`: Redis connection URLs over TCP, TLS or a Unix socket.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::secret::Secret;
use crate::service::uri::{self, Parsed, Schemes, Uri, decode};
use crate::service::{Host, service_type};
use crate::value::ValueError;

/// A Redis connection URL, checked when read.
///
/// - `redis://[user][:password]@host[:port][/db]`: plain TCP, port 6379 by default.
///   `redis://:password@host` gives a password without a user (Redis before ACLs).
/// - `rediss://...`: the same over TLS ([`is_tls`](Self::is_tls)); `#insecure` after it
///   is accepted, as redis-rs reads it (no certificate check).
/// - `redis+unix:///path/to/redis.sock` or `unix:///path/to/redis.sock` (or
///   `unix:/path/to/redis.sock`): a Unix socket ([`socket`](Self::socket)), with the
///   database, user and password as parameters: `?db=2&user=app&pass=secret`
///   (redis-rs' names; `username` and `password` are read too).
///
/// The database number is the path (`/2`) or the `db` parameter (`?db=2`), 0 when neither
/// is given; both given must agree. redis-rs reads `?db=` only for Unix sockets, so prefer
/// the path in a `redis://` URL handed to it.
///
/// The password is percent-decoded, and hidden in `Debug` and `Display`, as are the values
/// of `pass` and of every credential parameter
/// ([`is_sensitive_param`](crate::is_sensitive_param)).
///
/// ```
/// use attached::RedisUrl;
/// let url: RedisUrl = "redis://:hunter2@cache:6380/2".parse()?;
/// assert_eq!((url.host(), url.port(), url.db()), (Some("cache"), Some(6380), 2));
/// assert_eq!(url.user(), None);
/// assert_eq!(url.password().unwrap().expose(), "hunter2");
/// assert_eq!(url.to_string(), "redis://:***@cache:6380/2");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct RedisUrl {
    url: Parsed,
    db: u32,
}

service_type!(
    RedisUrl,
    "a Redis URL such as redis://:password@host:6379/0"
);

const SCHEMES: Schemes = Schemes {
    names: &["redis", "rediss", "redis+unix", "unix"],
    listed: "redis://, rediss://, redis+unix:// or unix://",
};

/// The parameters that carry the password of a socket URL, in the order they are read.
const PASSWORD_PARAMS: [&str; 2] = ["pass", "password"];
const USER_PARAMS: [&str; 2] = ["user", "username"];

impl RedisUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let socket = matches!(scheme, "redis+unix" | "unix");
        let mut db = 0;
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            db = if socket {
                check_socket(url)?
            } else {
                check_network(url, scheme == "rediss")?
            };
            Ok(())
        })?;
        Ok(RedisUrl { url, db })
    }

    fn redacted(&self) -> String {
        self.url.redacted(&PASSWORD_PARAMS, false)
    }

    fn is_socket(&self) -> bool {
        matches!(self.url.scheme(), "redis+unix" | "unix")
    }

    /// Whether the connection uses TLS (`rediss://`).
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "rediss"
    }

    /// The host with its port (6379 by default): one for `redis://` and `rediss://`, none
    /// for a Unix socket.
    pub fn hosts(&self) -> &[Host] {
        &self.url.hosts
    }

    /// The host name or IP address (IPv6 without brackets); `None` for a Unix socket.
    pub fn host(&self) -> Option<&str> {
        self.url.hosts.first().map(Host::name)
    }

    /// The port, given or 6379; `None` for a Unix socket.
    pub fn port(&self) -> Option<u16> {
        self.url.hosts.first().map(Host::port)
    }

    /// The socket path of a `redis+unix://` or `unix://` URL, percent-decoded.
    pub fn socket(&self) -> Option<PathBuf> {
        self.is_socket()
            .then(|| PathBuf::from(decode(self.url.path()).into_owned()))
    }

    /// The database number: from the path or the `db` parameter, 0 if not given.
    pub fn db(&self) -> u32 {
        self.db
    }

    /// The user name (Redis 6 ACL user), percent-decoded; for a socket URL also the
    /// `user` or `username` parameter. `None` when not given (the `default` user).
    pub fn user(&self) -> Option<Cow<'_, str>> {
        self.url.user().or_else(|| {
            self.is_socket()
                .then(|| {
                    USER_PARAMS
                        .iter()
                        .find_map(|name| self.url.nonempty_param(name))
                })
                .flatten()
        })
    }

    /// The password, percent-decoded; for a socket URL also the `pass` or `password`
    /// parameter. `None` when not given or empty.
    pub fn password(&self) -> Option<Secret<String>> {
        self.url.password().or_else(|| {
            self.is_socket()
                .then(|| {
                    PASSWORD_PARAMS
                        .iter()
                        .find_map(|name| self.url.nonempty_param(name))
                        .map(|password| Secret::new(password.into_owned()))
                })
                .flatten()
        })
    }
}

/// `redis://` and `rediss://`: one host, a database number. Returns the number.
fn check_network(url: &mut Parsed, tls: bool) -> Result<u32, ValueError> {
    url.require_authority("redis://:password@host:6379/0")?;
    url.one_network_host("a Redis URL")?;
    match url.uri.fragment.map(|fragment| url.raw(fragment)) {
        None => {}
        Some("insecure") if tls => {}
        Some(_) => {
            return Err(ValueError::new(
                "a Redis URL has no `#` part, except `#insecure` after rediss:// \
                 (write `#` in a password as %23)",
            ));
        }
    }
    let path = url.path();
    let from_path = match path.strip_prefix('/').unwrap_or(path) {
        "" => None,
        number => Some(db_number(
            number,
            "the path must be a database number such as /2",
        )?),
    };
    url.hosts = url.uri_hosts(6379);
    db(url, from_path)
}

/// `redis+unix://` and `unix://`: a socket path, no host. Returns the database number.
fn check_socket(url: &mut Parsed) -> Result<u32, ValueError> {
    if !url.uri.hosts.is_empty() {
        return Err(ValueError::new(
            "a Unix socket URL has no host: write unix:///path/to/redis.sock",
        ));
    }
    url.no_fragment("a Redis socket URL")?;
    if !url.path().starts_with('/') {
        return Err(ValueError::new(
            "missing the socket path: expected unix:///path/to/redis.sock",
        ));
    }
    db(url, None)
}

/// The database number from the `db` parameter, which must agree with the path's.
fn db(url: &Parsed, from_path: Option<u32>) -> Result<u32, ValueError> {
    let from_param = match url.param("db") {
        Some(number) => Some(db_number(
            &number,
            "the `db` parameter is not a database number",
        )?),
        None => None,
    };
    match (from_path, from_param) {
        (Some(a), Some(b)) if a != b => Err(ValueError::new(
            "the path and the `db` parameter give two different database numbers",
        )),
        (a, b) => Ok(a.or(b).unwrap_or(0)),
    }
}

fn db_number(text: &str, reason: &'static str) -> Result<u32, ValueError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::new(reason));
    }
    text.parse()
        .map_err(|_| ValueError::new("the database number is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;
    use std::path::Path;

    fn redis(text: &str) -> RedisUrl {
        RedisUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        RedisUrl::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn accepts_the_documented_forms() {
        let cases: [(&str, Option<&str>, Option<u16>, u32); 10] = [
            ("redis://127.0.0.1:6379", Some("127.0.0.1"), Some(6379), 0),
            ("redis://redis", Some("redis"), Some(6379), 0),
            (
                "redis://user:password@127.0.0.1:6379",
                Some("127.0.0.1"),
                Some(6379),
                0,
            ),
            (
                "redis://:password@127.0.0.1:6379",
                Some("127.0.0.1"),
                Some(6379),
                0,
            ),
            ("redis://127.0.0.1:6379/0", Some("127.0.0.1"), Some(6379), 0),
            ("redis://cache/3", Some("cache"), Some(6379), 3),
            ("redis://cache/?db=4", Some("cache"), Some(6379), 4),
            (
                "rediss://cache.example.com:6380/1#insecure",
                Some("cache.example.com"),
                Some(6380),
                1,
            ),
            ("redis://[::1]:6380", Some("::1"), Some(6380), 0),
            ("unix:///tmp/redis.sock?db=2", None, None, 2),
        ];
        for (text, host, port, db) in cases {
            let url = redis(text);
            assert_eq!(
                (url.host(), url.port(), url.db()),
                (host, port, db),
                "{text}"
            );
            assert_eq!(url.expose(), text);
        }
        assert!(redis("rediss://h").is_tls());
        assert!(!redis("redis://h").is_tls());
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["postgres://h", "valkey://h", "cache:6379"] {
            assert_eq!(
                reason(text),
                "unsupported scheme; use redis://, rediss://, redis+unix:// or unix://"
            );
        }
    }

    #[test]
    fn password_without_a_user() {
        let url = redis("redis://:p%40ss@redis");
        assert_eq!(url.user(), None);
        assert_eq!(url.password().unwrap().expose(), "p@ss");
        assert_eq!(url.to_string(), "redis://:***@redis");
        let url = redis("redis://app:pw@redis");
        assert_eq!(url.user().as_deref(), Some("app"));
    }

    #[test]
    fn unix_sockets() {
        for text in [
            "redis+unix:///var/run/redis.sock?db=1&pass=pw",
            "unix:///var/run/redis.sock?db=1&password=pw",
            "unix:/var/run/redis.sock?db=1&pass=pw",
        ] {
            let url = redis(text);
            assert_eq!(
                url.socket().as_deref(),
                Some(Path::new("/var/run/redis.sock"))
            );
            assert!(url.hosts().is_empty() && url.host().is_none());
            assert_eq!(url.db(), 1);
            assert_eq!(url.password().unwrap().expose(), "pw");
            assert!(url.to_string().contains("=***"), "{url}");
        }
        let url = redis("redis+unix:///tmp/r.sock?user=app");
        assert_eq!(url.user().as_deref(), Some("app"));
        assert!(reason("unix://host/tmp/r.sock").contains("no host"));
        assert!(reason("unix://").contains("missing the socket path"));
    }

    #[test]
    fn database_numbers() {
        assert_eq!(redis("redis://h/").db(), 0);
        assert_eq!(redis("redis://h/2?db=2").db(), 2);
        assert!(reason("redis://h/2?db=3").contains("two different"));
        assert!(reason("redis://h/cache").contains("database number such as /2"));
        assert!(reason("redis://h?db=x").contains("`db` parameter"));
        assert!(reason("redis://h/99999999999").contains("out of range"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("redis://", "missing host"),
            ("redis://h1,h2", "one host"),
            ("redis://h:65536", "out of range"),
            ("redis://h#frag", "`#insecure`"),
            ("redis://%2Ftmp%2Fr.sock", "not a Unix socket path"),
        ];
        for (text, want) in cases {
            let reason = reason(text);
            assert!(reason.contains(want), "{text}: {reason}");
        }
    }

    #[test]
    fn never_shows_a_secret() {
        let expose = RedisUrl::expose as fn(&RedisUrl) -> &str;
        never_shows(
            "rediss://:Sup3rS3cret@redis:6380/0?token=T0k3nValue",
            expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "rediss://:Sup3rS3cret@redis:99999/0?token=T0k3nValue",
                "redis-tls://:Sup3rS3cret@redis/0?token=T0k3nValue",
                "redis://:Sup3rS3cret@redis/x?token=T0k3nValue",
                "redis://:Sup3r#S3cret@redis",
            ],
        );
        never_shows(
            "unix:///run/redis.sock?pass=Sup3rS3cret&token=T0k3nValue",
            expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &["unix:///run/redis.sock?pass=Sup3rS3cret&token=T0k3nValue&db=x"],
        );
    }
}
