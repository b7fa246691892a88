//! `RedisUrl`: Redis and Valkey connection URLs over TCP, TLS or a Unix socket, read as
//! redis-rs reads them.
//!
//! Schemes: `redis://`, `rediss://` (TLS), `valkey://`, `valkeys://` (TLS),
//! `redis+unix://`, `valkey+unix://` and `unix://` (Unix socket). Default port 6379,
//! default database 0. Parameters: `protocol` (TCP and socket), `db`, `user` and `pass`
//! (socket only); others are warnings, since redis-rs ignores them. The query is read as
//! a form (`+` is a space).
//!
//! Checked against redis-rs 0.32 (`IntoConnectionInfo`). Known differences: attached
//! refuses what redis-rs would read otherwise than written (`?db=` on TCP, `password=` and
//! `username=` on a socket, userinfo on a socket, repeated parameters, fragments other
//! than `#insecure` on TLS), a negative or non-decimal database number, and a path with
//! more than one `/` around the number.

use std::borrow::Cow;
use std::path::PathBuf;

use crate::secret::Secret;
use crate::service::uri::{self, Parsed, Schemes, Uri, decode};
use crate::service::{Host, service_type};
use crate::value::ValueError;

/// A Redis (or Valkey) connection URL, checked when read, and read as redis-rs reads it.
///
/// - `redis://[user][:password]@host[:port][/db]`: plain TCP, port 6379 by default.
///   `redis://:password@host` gives a password without a user (Redis before ACLs).
/// - `rediss://...`: the same over TLS ([`is_tls`](Self::is_tls)); `#insecure` after it
///   turns off the certificate check, as in redis-rs.
/// - `valkey://` and `valkeys://` are the same as `redis://` and `rediss://`.
/// - `redis+unix:///path/to/redis.sock`, `valkey+unix:///...` or `unix:///...` (or
///   `unix:/path/to/redis.sock`): a Unix socket ([`socket`](Self::socket)), with the
///   database, user and password as parameters: `?db=2&user=app&pass=secret`.
/// - The database number is the path of a TCP URL (`/2`) and the `db` parameter of a
///   socket URL; 0 when not given. `protocol` (`2`, `resp2`, `3`, `resp3`) selects RESP3.
/// - User name and password are percent-decoded; in the query of every Redis URL, `+` is a
///   space (redis-rs reads the query as a form), so write a plus sign as `%2B`.
///
/// Refused, each because redis-rs would read it otherwise: `?db=` on a TCP URL (redis-rs
/// ignores it and selects database 0: write the number as the path), `?password=`,
/// `?pass=`, `?username=` and `?user=` on a TCP URL (it ignores them and connects without
/// a password: write them before the host), `password=` and
/// `username=` on a socket URL (it reads only `pass` and `user`), a user name or password
/// before the path of a socket URL (ignored), a parameter given twice (the last one
/// counts in redis-rs), a `protocol` it does not know, any `#` part but `#insecure`, and a
/// host name percent-encoded or beyond ASCII (redis-rs takes it as written).
/// Parameters other than those above are warnings: redis-rs ignores them. So are a user
/// name without a password (redis-rs sends no AUTH: the connection is the server's
/// `default` user's) and `#insecure` (no check of the server's certificate).
///
/// The password is hidden in `Debug` and `Display`, as are the values of `pass` and of
/// every credential parameter ([`is_sensitive_param`](crate::is_sensitive_param)), and a
/// user name that looks like a token.
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
    names: &[
        "redis",
        "rediss",
        "valkey",
        "valkeys",
        "redis+unix",
        "valkey+unix",
        "unix",
    ],
    listed: "redis://, rediss://, valkey://, valkeys://, redis+unix://, valkey+unix:// or unix://",
    any_case: true,
};

/// The parameters redis-rs reads from a TCP URL, and from a socket URL.
const TCP_PARAMS: &[&str] = &["protocol"];
const SOCKET_PARAMS: &[&str] = &["db", "user", "pass", "protocol"];

fn is_socket_scheme(scheme: &str) -> bool {
    matches!(scheme, "redis+unix" | "valkey+unix" | "unix")
}

impl RedisUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let socket = is_socket_scheme(scheme);
        let mut db = 0;
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            // redis-rs reads the query with the `url` crate's `query_pairs`.
            url.plus_is_space = true;
            url.no_repeated_params()?;
            if let Some(protocol) = url.param("protocol") {
                if !matches!(&*protocol, "2" | "resp2" | "3" | "resp3") {
                    return Err(ValueError::new(
                        "the `protocol` parameter must be 2, resp2, 3 or resp3",
                    ));
                }
            }
            db = if socket {
                check_socket(url)?
            } else {
                check_network(url, matches!(scheme, "rediss" | "valkeys"))?
            };
            Ok(())
        })?;
        Ok(RedisUrl { url, db })
    }

    fn redacted(&self) -> String {
        self.url.redacted(false)
    }

    /// Parameters redis-rs ignores.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        let known = if self.is_socket() {
            SOCKET_PARAMS
        } else {
            TCP_PARAMS
        };
        self.url.unknown_params(known, "redis-rs ignores it", warn);
        // Linux connects to this machine; redis-rs 1.x refuses the URL.
        let wildcard = self.url.hosts.iter().any(|host| {
            host.name()
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_unspecified())
        });
        if wildcard && !self.is_socket() {
            warn(
                "the host is a wildcard address (0.0.0.0 or ::), where a server listens, not \
                 one to connect to: redis-rs 0.32 connects to this machine, redis-rs 1.x \
                 refuses the URL; write 127.0.0.1 or the server's name"
                    .to_owned(),
            );
        }
        // redis-rs authenticates only with a password (AUTH, or HELLO 3 AUTH); an empty
        // `pass=` is one to it (a warning below), an empty password before the host none.
        let password_given =
            self.password().is_some() || (self.is_socket() && self.url.param("pass").is_some());
        if self.user().is_some() && !password_given {
            warn(
                "a user name without a password: redis-rs sends no AUTH and the connection \
                 is the server's `default` user, not the one named; give the user's password"
                    .to_owned(),
            );
        }
        if self.url.uri.fragment.is_some() {
            warn(
                "`#insecure`: redis-rs does not check the server's certificate, so the \
                 connection is encrypted but the server is not authenticated (anyone on the \
                 path can stand in for it); leave it out wherever the certificate can be \
                 checked"
                    .to_owned(),
            );
        }
        if self.is_socket() {
            for name in ["user", "pass"] {
                if self.url.param(name).is_some_and(|value| value.is_empty()) {
                    warn(format!(
                        "`{name}=` is empty: redis-rs sends it as given (an empty {}), \
                         where this type reads none; leave the parameter out",
                        if name == "user" {
                            "user name"
                        } else {
                            "password, and AUTH fails"
                        }
                    ));
                }
            }
        }
    }

    fn is_socket(&self) -> bool {
        is_socket_scheme(self.url.scheme())
    }

    /// Whether the connection uses TLS (`rediss://`, `valkeys://`).
    pub fn is_tls(&self) -> bool {
        matches!(self.url.scheme(), "rediss" | "valkeys")
    }

    /// The host with its port (6379 by default): one for a TCP URL, none for a Unix
    /// socket.
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

    /// The socket path of a socket URL, percent-decoded.
    pub fn socket(&self) -> Option<PathBuf> {
        self.is_socket()
            .then(|| PathBuf::from(decode(self.url.path()).into_owned()))
    }

    /// The database number: the path of a TCP URL, the `db` parameter of a socket URL; 0
    /// if not given.
    pub fn db(&self) -> u32 {
        self.db
    }

    /// The user name (Redis 6 ACL user), percent-decoded: before the host of a TCP URL,
    /// the `user` parameter of a socket URL. `None` when not given (the `default` user).
    pub fn user(&self) -> Option<Cow<'_, str>> {
        if self.is_socket() {
            self.url.nonempty_param("user")
        } else {
            self.url.user()
        }
    }

    /// The password, percent-decoded: before the host of a TCP URL, the `pass` parameter
    /// of a socket URL. `None` when not given or empty (an empty `pass=` is a warning:
    /// redis-rs sends an empty password).
    pub fn password(&self) -> Option<Secret<String>> {
        if self.is_socket() {
            self.url
                .nonempty_param("pass")
                .map(|password| Secret::new(password.into_owned()))
        } else {
            self.url.password()
        }
    }
}

/// A TCP URL: one host, the database number as the path. Returns the number.
fn check_network(url: &mut Parsed, tls: bool) -> Result<u32, ValueError> {
    url.require_authority("redis://:password@host:6379/0")?;
    url.hosts_as_written("redis-rs takes it as written", true)?;
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
    if url.param("db").is_some() {
        return Err(ValueError::new(
            "`db=` in a TCP Redis URL: redis-rs ignores it and selects database 0; \
             write the number as the path, as in redis://host:6379/2",
        ));
    }
    // The credentials of a socket URL's query, in a TCP URL: redis-rs reads them from the
    // user information only, and connects without them (its first command fails with
    // `NOAUTH`). Other clients write them so (Perl's URI::redis, deno-redis).
    for name in ["password", "pass", "username", "user"] {
        if !url.uri.query.is_empty() && url.param(name).is_some() {
            return Err(ValueError::new(format!(
                "`{name}=` in a TCP Redis URL: redis-rs ignores it and connects without \
                 it; write the user name and password before the host, as in \
                 redis://user:password@host:6379"
            )));
        }
    }
    let path = url.path();
    let db = match path.strip_prefix('/').unwrap_or(path) {
        "" => 0,
        number => db_number(number, "the path must be a database number such as /2")?,
    };
    url.hosts = url.uri_hosts(6379);
    Ok(db)
}

/// A socket URL: a socket path, no host. Returns the database number.
fn check_socket(url: &mut Parsed) -> Result<u32, ValueError> {
    if url.uri.user.is_some() {
        return Err(ValueError::new(
            "a user name or password before the path of a Redis socket URL: redis-rs \
             ignores it; write them as ?user=...&pass=...",
        ));
    }
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
    for (given, read) in [("password", "pass"), ("username", "user")] {
        if url.param(given).is_some() {
            return Err(ValueError::new(format!(
                "`{given}=` in a Redis socket URL: redis-rs ignores it and reads `{read}=`; \
                 write {read}="
            )));
        }
    }
    match url.param("db") {
        Some(number) => db_number(&number, "the `db` parameter is not a database number"),
        None => Ok(0),
    }
}

fn db_number(text: &str, reason: &'static str) -> Result<u32, ValueError> {
    if !crate::value::is_digits(text) {
        return Err(ValueError::new(reason));
    }
    // Through `u128`, as the crate parses every unsigned integer.
    match text.parse::<u128>().map(u32::try_from) {
        Ok(Ok(n)) => Ok(n),
        _ => Err(ValueError::new("the database number is out of range")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{never_shows, refuses, warnings_of};
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
            ("valkey://cache/4", Some("cache"), Some(6379), 4),
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
        for text in ["postgres://h", "redis-tls://h", "cache:6379"] {
            assert_eq!(
                reason(text),
                "unsupported scheme; use redis://, rediss://, valkey://, valkeys://, \
                 redis+unix://, valkey+unix:// or unix://"
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
            "valkey+unix:///var/run/redis.sock?db=1&pass=pw",
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
    fn socket_parameters_as_redis_rs_reads_them() {
        // `+` is a space, as redis-rs decodes the query.
        let url = redis("unix:///tmp/r.sock?pass=a+b%2Bc&user=me+you");
        assert_eq!(url.password().unwrap().expose(), "a b+c");
        assert_eq!(url.user().as_deref(), Some("me you"));
        assert!(reason("unix:///tmp/r.sock?password=pw").contains("reads `pass=`"));
        assert!(reason("unix:///tmp/r.sock?username=me").contains("reads `user=`"));
        assert!(reason("redis+unix://:pw@/tmp/r.sock").contains("?user=...&pass=..."));
        assert!(reason("unix:///tmp/r.sock?db=1&db=2").contains("given twice"));
    }

    #[test]
    fn database_numbers() {
        assert_eq!(redis("redis://h/").db(), 0);
        assert_eq!(redis("redis://h/2").db(), 2);
        // redis-rs reads the database of a TCP URL from the path only.
        assert!(reason("redis://h/?db=2").contains("write the number as the path"));
        assert!(reason("redis://h/2?db=2").contains("write the number as the path"));
        for text in [
            "redis://h:6379/0?password=S3cr3tPw9x",
            "rediss://h/?user=app&pass=S3cr3tPw9x",
        ] {
            let why = reason(text);
            assert!(
                why.contains("in a TCP Redis URL: redis-rs ignores it"),
                "{why}"
            );
            assert!(!why.contains("S3cr3tPw9x"), "{why}");
        }
        assert!(reason("redis://h/cache").contains("database number such as /2"));
        assert!(reason("unix:///s?db=x").contains("`db` parameter"));
        assert!(reason("redis://h/99999999999").contains("out of range"));
        assert!(reason("redis://h?protocol=4").contains("`protocol`"));
        assert!(
            redis("redis://h?protocol=resp3")
                .param("protocol")
                .is_some()
        );
    }

    #[test]
    fn a_wildcard_host_is_a_warning() {
        for text in [
            "redis://0.0.0.0:6379",
            "redis://[::]:6379/1",
            "rediss://0.0.0.0",
        ] {
            let all = warnings_of::<RedisUrl>(text);
            assert!(
                all.len() == 1 && all[0].contains("redis-rs 1.x refuses the URL"),
                "{text}: {all:?}"
            );
        }
        let all = warnings_of::<RedisUrl>("redis://127.0.0.1:6379");
        assert!(all.is_empty(), "{all:?}");
    }

    /// redis-rs takes a host name as written: `h%2Dx` is not `h-x` to it.
    #[test]
    fn a_percent_encoded_host_is_refused() {
        refuses::<RedisUrl>(&[
            ("redis://h%2Dx", "redis-rs takes it as written"),
            ("rediss://:pw@münchen.example", "letters beyond ASCII"),
        ]);
        redis("redis+unix:///tmp/r.sock");
    }

    /// redis-rs authenticates only with a password, and checks no certificate after
    /// `#insecure`: both are warnings (redis 0.32's `connection_setup_pipeline` and
    /// `resp3_hello`).
    #[test]
    fn a_user_without_a_password_and_insecure_tls_are_warnings() {
        for text in [
            "redis://app@h:6379/1",
            "rediss://app@h:6379/1",
            "redis://app@h?protocol=3",
            "redis+unix:///tmp/r.sock?user=app",
            "redis://app:@h",
        ] {
            let all = warnings_of::<RedisUrl>(text);
            assert!(
                all.len() == 1 && all[0].contains("redis-rs sends no AUTH"),
                "{text}: {all:?}"
            );
        }
        for text in ["rediss://:pw@host:12345#insecure", "valkeys://h#insecure"] {
            let all = warnings_of::<RedisUrl>(text);
            assert!(
                all.len() == 1 && all[0].contains("does not check the server's certificate"),
                "{text}: {all:?}"
            );
        }
        for text in [
            "redis://app:pw@h",
            "redis://:pw@h",
            "rediss://h",
            "redis+unix:///tmp/r.sock?user=app&pass=pw",
        ] {
            let all = warnings_of::<RedisUrl>(text);
            assert!(all.is_empty(), "{text}: {all:?}");
        }
        // An empty `pass=` is sent (AUTH app ""): its own warning, not this one.
        let all = warnings_of::<RedisUrl>("redis+unix:///tmp/r.sock?user=app&pass=");
        assert!(
            all.len() == 1 && all[0].starts_with("`pass=` is empty"),
            "{all:?}"
        );
    }

    #[test]
    fn unknown_parameters_are_warnings() {
        let warnings = |text: &str| {
            let mut all = Vec::new();
            redis(text).param_warnings(&mut |w| all.push(w));
            all
        };
        assert_eq!(
            warnings("redis://h?protocl=3"),
            ["unknown parameter `protocl`; did you mean `protocol`? (redis-rs ignores it)"]
        );
        assert!(warnings("unix:///s?db=1&user=a&pass=b&protocol=2").is_empty());
        assert_eq!(
            warnings("unix:///s?user=&pass="),
            [
                "`user=` is empty: redis-rs sends it as given (an empty user name), where this \
                 type reads none; leave the parameter out",
                "`pass=` is empty: redis-rs sends it as given (an empty password, and AUTH \
                 fails), where this type reads none; leave the parameter out"
            ]
        );
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
        refuses::<RedisUrl>(&cases);
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
                "redis://:Sup3r?S3cret@redis",
                "redis://:/Sup3rS3cret@redis",
            ],
        );
        never_shows(
            "unix:///run/redis.sock?pass=Sup3rS3cret&token=T0k3nValue",
            expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &["unix:///run/redis.sock?pass=Sup3rS3cret&token=T0k3nValue&db=x"],
        );
        // A token as the lone user name (managed Redis services hand these out).
        never_shows(
            "redis://9f8e7d6c5b4a3f2e1d0c@cache:6379",
            expose,
            &["9f8e7d6c5b4a3f2e1d0c"],
            &["redis://9f8e7d6c5b4a3f2e1d0c@cache:99999"],
        );
    }
}
