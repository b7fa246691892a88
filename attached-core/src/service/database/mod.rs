//! `DatabaseUrl`: Postgres, MySQL/MariaDB and SQLite connection URLs.
//!
//! **Postgres** — `postgres://` or `postgresql://`, port 5432, one host or a list
//! (`h1:5432,h2:5433`), IPv6 in brackets, a Unix socket directory percent-encoded in
//! place of a host or given as `host=` when the URL has none, addresses in `hostaddr=`
//! paired with the hosts. Parameters: libpq's keywords. Checked against tokio-postgres 0.7
//! (its parser, in the differential tests), the source of sqlx (0.8.6 and the 0.9
//! development line, `PgConnectOptions::parse_from_url`), and libpq's documentation and
//! source (`conninfo_uri_parse_params`, `pqConnectOptions2`). Every string the three
//! would read differently is refused with a fix they read alike: a raw `@` anywhere but
//! before the host, a `+` in a parameter, hosts or a port both in the authority and in
//! `host=`/`port=`, a list in `host=`, a URL without a host or `hostaddr`, a parameter
//! given twice, `ssl=true` where it makes libpq's mode another than sqlx's, a value none
//! of them reads.
//! Known differences left: sqlx takes one host (it refuses a list with ports, and cannot
//! resolve one without: a warning); what only some of them refuse (a parameter, a value,
//! a piece of query syntax, a raw `?` or `#` in the password, which libpq and
//! tokio-postgres read to the `@`, a `%` that starts no escape, which tokio-postgres and
//! sqlx read as a `%`, an IPv6 zone) is a warning naming who refuses it and what the
//! others do.
//!
//! **MySQL and MariaDB** — `mysql://` or `mariadb://`, port 3306, one host, a socket as
//! `socket=`. Checked against the sources of sqlx (0.8.6 and the 0.9 development line)
//! and mysql_async 0.37, which both read with the `url` crate: the user information ends
//! at the last `@`, `+` in the query is a space, and the host is taken as written, still
//! percent-encoded. mysql_async refuses `mariadb://` and every parameter it does not
//! know; sqlx ignores those it does not know; a socket path percent-encoded in place of
//! the host (MySQL's own form) is a TCP host name to both: all are warnings naming the
//! driver.
//!
//! **SQLite** — `sqlite:` and a path, or `sqlite::memory:`, with sqlx's options `mode`,
//! `cache`, `immutable` and `vfs` (the query read as a form); sqlx refuses any other.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use crate::secret::Secret;
use crate::service::uri::{self, Parsed, Schemes, Uri, decode};
use crate::service::{Host, service_type};
use crate::show;
use crate::text::AsciiSearch;
use crate::value::ValueError;

mod postgres;

use postgres::{empty_host_fix, postgres, postgres_warnings, servers};

/// The database engine a [`DatabaseUrl`] names, from its scheme. Non-exhaustive: a new
/// engine is not a breaking change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// PostgreSQL: `postgres://` or `postgresql://`.
    Postgres,
    /// MySQL or MariaDB: `mysql://` or `mariadb://` (one protocol, one engine here).
    MySql,
    /// SQLite: `sqlite:` followed by a file path or `:memory:`.
    Sqlite,
}

impl Engine {
    /// The port used when a host is given without one: 5432 for Postgres, 3306 for MySQL;
    /// `None` for SQLite, which has no server.
    pub fn default_port(self) -> Option<u16> {
        match self {
            Engine::Postgres => Some(5432),
            Engine::MySql => Some(3306),
            Engine::Sqlite => None,
        }
    }
}

/// `Postgres`, `MySQL` or `SQLite`.
impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Engine::Postgres => "Postgres",
            Engine::MySql => "MySQL",
            Engine::Sqlite => "SQLite",
        })
    }
}

/// A database connection URL: Postgres, MySQL/MariaDB or SQLite, checked when read.
///
/// The program hands [`expose`](Self::expose) to its driver and never branches on where
/// the database is: a local socket, a container beside it, a managed cluster.
///
/// # Postgres
///
/// `postgres://` or `postgresql://`, read as libpq, tokio-postgres and sqlx all read it
/// (<https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS>):
///
/// - `postgresql://user:password@host:5432/database?name=value`.
/// - Several hosts, each with an optional port: `postgres://h1:5432,h2:5433/db`
///   (libpq and tokio-postgres try them in turn; sqlx takes one host: a warning).
/// - IPv6 addresses in brackets: `postgres://[::1]:5433/db`.
/// - A Unix socket directory in place of a host, percent-encoded
///   (`postgresql://%2Fvar%2Frun%2Fpostgresql/db`), or as the `host` parameter of a URL
///   without a host (`postgresql:///db?host=/var/run/postgresql&port=5433`).
/// - The parameters `user`, `password` and `dbname` override the parts of the URL, as
///   in every driver, even when empty: tokio-postgres and sqlx then read them empty, and
///   so do the accessors (an empty one is `None`; libpq reads an empty `user` or
///   `password` as not given, and falls back to the system's user or its password file:
///   a warning).
/// - `hostaddr=10.0.0.1,10.0.0.2`, one address per host in the same order, or the
///   addresses alone (`postgres:///db?hostaddr=10.0.0.1`): libpq and tokio-postgres
///   connect to the address and verify the certificate against the host name, sqlx
///   connects to the address in place of the name. [`hosts`](Self::hosts) are the names;
///   [`endpoints`](Self::endpoints), what the startup check connects to, the addresses.
///
/// Refused, each with the fix every driver reads alike:
///
/// - A URL without a host (`postgresql:///db`, `postgresql://u:pw@/db`): libpq connects
///   to `PGHOST` or its default socket directory (set when it was built), tokio-postgres
///   refuses it when connecting, sqlx takes `PGHOST` or the first of three socket
///   directories that has a socket, else `localhost` over TCP (and refuses
///   `postgresql://u:pw@/db` outright). Name the host, or the socket directory.
/// - A port without a host (`postgres://u@:5433/db?host=/run/postgresql`): libpq reads
///   the socket on 5433, tokio-postgres an empty host name and the socket, sqlx refuses
///   it. Write `postgres://u@%2Frun%2Fpostgresql:5433/db`.
/// - Hosts both before the path and in `host=`, or a host before the path and a port in
///   `port=`: tokio-postgres adds them to the URL's lists, libpq and sqlx replace them.
///   A list in `host=` is one host name to tokio-postgres.
/// - An unencoded `@` in the user name or password (libpq and tokio-postgres end them at
///   the first `@`, sqlx at the last) or in a parameter (tokio-postgres takes everything
///   before it for the user): write `%40`.
/// - A `+` in a parameter: sqlx reads a space, libpq and tokio-postgres a plus sign. Write
///   `%2B` for a plus, `%20` for a space.
/// - A host name (not a socket directory) percent-encoded or with letters beyond ASCII:
///   libpq and tokio-postgres decode it, sqlx takes it as written (`my%2Dhost`), a name no
///   resolver finds. Write the name itself, in its IDNA form (`xn--...`) if need be.
/// - A parameter given twice (tokio-postgres and libpq keep the last, sqlx joins two
///   `options`), or under two of sqlx's names for one setting (`sslmode` and `ssl-mode`;
///   `sslrootcert`, `ssl-root-cert` and `ssl-ca`; `sslcert` and `ssl-cert`; `sslkey` and
///   `ssl-key`): sqlx takes the last, so `sslmode=require&ssl-mode=disable` connects
///   without TLS where the URL's `sslmode` says `require`.
/// - `ssl=true` or `requiressl=1` where libpq and sqlx would end at different modes: libpq
///   reads `sslmode=require` in its place among the parameters (the last wins), sqlx
///   ignores it and keeps its `sslmode` or `prefer` (TLS only if the server offers it),
///   tokio-postgres refuses it. Write `sslmode=require` in its place; after an `sslmode`,
///   leave it out. Where the two agree (an `sslmode` after it), it is a warning.
/// - A value none of them reads: `sslmode=bogus`, an empty `sslmode`; `hostaddr` with
///   something other than IP addresses, or not one per host.
///
/// Warnings, each naming the drivers that refuse the string and what the others do (a
/// connection error is honest; the string is not refused for it):
///
/// - A parameter that libpq or tokio-postgres does not know (`pgbouncer=true`, a typo of
///   `sslmode`, with "did you mean"), or that libpq before 16, 17 or 18 does not know
///   (`load_balance_hosts`, `sslnegotiation`); sqlx's `options[search_path]=app`.
/// - A value only some of them read: `sslmode=verify-full` (tokio-postgres refuses it;
///   libpq and sqlx verify the certificate and its host name), `verify-ca`, `allow`,
///   `target_session_attrs=primary`, `connect_timeout=abc`, an empty `user` or `password`,
///   and an empty user name or password before `@` (`:pw@`, `user:@`: tokio-postgres
///   sends it empty, libpq and sqlx read none).
/// - Query syntax libpq and tokio-postgres refuse and sqlx reads: a parameter without
///   `=`, an empty one (`?&a=1`, `a=1&&b=2`); and a second `=` in a value, which libpq
///   alone refuses (write `%3D`).
///
/// # MySQL and MariaDB
///
/// `mysql://user:password@host:3306/database?name=value` (`mariadb://` alike, which
/// mysql_async refuses: a warning saying to write `mysql://`): one host; a socket is
/// given as `?socket=/path/to/mysqld.sock`. Read as sqlx and mysql_async read it (both
/// with the `url` crate): the user information ends at the last `@`, and `+` in a
/// parameter is a space. A parameter one of them does not know is a warning naming it.
/// A socket path percent-encoded in place of the host (`mysql://root@%2Ftmp%2Fmysql.sock/app`,
/// as MySQL's documentation writes it) is read as the socket, with a warning: sqlx and
/// mysql_async take the host as written, a TCP host name they cannot resolve.
///
/// Refused: a host name percent-encoded or beyond ASCII (both drivers take it as
/// written); a parameter given twice, or under two of sqlx's names for one setting
/// (`ssl-mode` and `sslmode`, `ssl-ca` and `sslca`, ...), since sqlx takes the last and
/// mysql_async the first (`ssl-mode=REQUIRED&ssl-mode=DISABLED` connects without TLS
/// through sqlx); an empty `socket=` (sqlx tries a socket at an empty path); an
/// `ssl-mode` or `statement-cache-capacity` value sqlx refuses.
///
/// # SQLite
///
/// `sqlite:` and a file path, as sqlx and SQLAlchemy write them: `sqlite:data.db` and
/// `sqlite://data.db` (relative), `sqlite:///var/lib/app/data.db` (absolute),
/// `sqlite::memory:` or `sqlite://:memory:` (in memory), each with sqlx's options
/// (`?mode=ro`, `cache`, `immutable`, `vfs`; others are warnings, sqlx refuses them).
/// [`database`](Self::database) is the path (percent-decoded) or `:memory:`. A file with
/// `mode=memory` is in memory too ([`is_memory`](Self::is_memory)), as sqlx opens it,
/// with a warning: nothing is written to the file. Refused: a `user:password@`, a value
/// of `mode`, `cache` or `immutable` that sqlx refuses (`mode=readonly`,
/// `immutable=yes`), a parameter given twice (sqlx adds up what each says).
///
/// # Common rules
///
/// - `/`, `?` and `#` in a user name or password must be percent-encoded.
/// - User name, password, hosts, database and parameters are percent-decoded; an empty
///   user name or password counts as none.
/// - `Debug` and `Display` show the text with the password and the values of credential
///   parameters (`password`, `sslpassword`, ... see
///   [`is_sensitive_param`](crate::is_sensitive_param)) replaced by `***`, and any
///   parameter (such as `options=-c password=...`) or path holding such a setting.
///
/// ```
/// use attached::{DatabaseUrl, Engine};
///
/// let url: DatabaseUrl = "postgres://app:s3cr%40t@db1:5432,db2/billing?sslmode=require".parse()?;
/// assert_eq!(url.engine(), Engine::Postgres);
/// assert_eq!(url.host(), Some("db1"));
/// assert_eq!(url.hosts()[1].port(), 5432);
/// assert_eq!(url.database().as_deref(), Some("billing"));
/// assert_eq!(url.user().as_deref(), Some("app"));
/// assert_eq!(url.password().unwrap().expose(), "s3cr@t");
/// assert_eq!(url.to_string(), "postgres://app:***@db1:5432,db2/billing?sslmode=require");
///
/// let local: DatabaseUrl = "sqlite::memory:".parse()?;
/// assert_eq!(local.engine(), Engine::Sqlite);
/// assert!(local.is_memory());
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct DatabaseUrl {
    url: Parsed,
    engine: Engine,
    /// The port of the first host.
    port: Option<u16>,
}

service_type!(
    DatabaseUrl,
    "a Postgres, MySQL or SQLite URL such as postgres://user:password@host:5432/database"
);

const SCHEMES: Schemes = Schemes {
    names: &["postgres", "postgresql", "mysql", "mariadb", "sqlite"],
    listed: "postgres://, postgresql://, mysql://, mariadb:// or sqlite:",
    any_case: false,
};

impl DatabaseUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let engine = match scheme {
            "postgres" | "postgresql" => Engine::Postgres,
            "mysql" | "mariadb" => Engine::MySql,
            _ => Engine::Sqlite,
        };
        let mut port = None;
        let url = match engine {
            Engine::Postgres => {
                let uri = Uri::parse_postgres(text, colon).map_err(empty_host_fix)?;
                Parsed::checked(text, uri, |url| {
                    url.hosts_as_written(
                        "libpq and tokio-postgres decode it, sqlx takes it as written",
                        true,
                    )?;
                    port = Some(postgres(url)?);
                    Ok(())
                })?
            }
            Engine::MySql => Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
                // sqlx and mysql_async both read the query with the `url` crate.
                url.plus_is_space = true;
                url.hosts_as_written("sqlx and mysql_async take it as written", true)?;
                port = Some(mysql(url)?);
                Ok(())
            })?,
            Engine::Sqlite => Parsed::checked(text, Uri::parse_path(text, colon)?, sqlite)?,
        };
        Ok(DatabaseUrl { url, engine, port })
    }

    fn redacted(&self) -> String {
        self.url.redacted(false)
    }

    /// What some drivers refuse and others read: unknown connection parameters, each with
    /// the drivers that refuse or ignore it; for Postgres, more ([`postgres_warnings`]);
    /// for MySQL, `mariadb://` and a socket in place of the host.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        match self.engine {
            Engine::Postgres => postgres_warnings(&self.url, warn),
            Engine::MySql => {
                // mysql_async takes `mysql` alone; sqlx reads the URL without looking at
                // its scheme.
                if self.url.scheme() == "mariadb" {
                    warn(
                        "scheme `mariadb://`: mysql_async refuses it; write `mysql://`, \
                         which sqlx and mysql_async both read"
                            .to_owned(),
                    );
                }
                // Both take `url.host_str()`, still percent-encoded, for a TCP host name;
                // the socket is `socket=` to both.
                let socket_host = self.url.hosts.first().is_some_and(Host::is_socket);
                if socket_host && self.url.nonempty_param("socket").is_none() {
                    warn(
                        "a socket path in place of the host: sqlx and mysql_async read the \
                         host still percent-encoded, as a TCP host name, and cannot resolve \
                         it; write the host `localhost` and the path as \
                         `?socket=/path/to/mysqld.sock`, which both read"
                            .to_owned(),
                    );
                }
                let known = both(MYSQL_ASYNC, SQLX_MYSQL);
                self.url
                    .tail_warning("mysql_async refuses it, sqlx ignores it", warn);
                for (name, _) in self.url.named_query() {
                    let consequence =
                        match (MYSQL_ASYNC.contains(&&*name), SQLX_MYSQL.contains(&&*name)) {
                            (true, true) => continue,
                            (true, false) => {
                                warn(format!("parameter `{name}`: sqlx ignores it"));
                                continue;
                            }
                            (false, true) => {
                                warn(format!("parameter `{name}`: mysql_async refuses it"));
                                continue;
                            }
                            // Node's and Prisma's ways to ask for TLS (PlanetScale's and
                            // TiDB's documented URLs): neither driver requires it then.
                            (false, false) if name == "ssl" || name == "sslaccept" => {
                                warn(format!(
                                    "parameter `{name}`: mysql_async refuses it, sqlx ignores \
                                     it and TLS is not required; write `ssl-mode=VERIFY_IDENTITY` \
                                     for sqlx (mysql_async: `require_ssl=true`)"
                                ));
                                continue;
                            }
                            (false, false) => "mysql_async refuses it, sqlx ignores it",
                        };
                    warn(uri::unknown_param(&name, &known, consequence));
                }
            }
            Engine::Sqlite => {
                self.url
                    .unknown_params(SQLX_SQLITE, "sqlx refuses it", warn);
                if self.url.path() != ":memory:" && self.is_memory() {
                    warn(
                        "`mode=memory`: sqlx opens an in-memory database under the file's \
                         name, and nothing is ever written to the file; leave `mode=memory` out \
                         to keep the data"
                            .to_owned(),
                    );
                }
            }
        }
    }

    /// The engine, from the scheme.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Every host with its port, in order; empty for SQLite. A Unix socket is a host
    /// whose [`is_socket`](Host::is_socket) is true.
    ///
    /// For Postgres these are the names the URL gives. Where `hostaddr=` gives an address
    /// for a host, the drivers connect to the address and use the name only to verify the
    /// server's certificate: [`endpoints`](Self::endpoints) says where they connect. A URL
    /// that names its servers by `hostaddr=` alone has no host here.
    pub fn hosts(&self) -> &[Host] {
        &self.url.hosts
    }

    /// The first host's name (or socket path); `None` for SQLite, and for a Postgres URL
    /// with `hostaddr=` and no host.
    pub fn host(&self) -> Option<&str> {
        self.url.hosts.first().map(Host::name)
    }

    /// The first server's port, given or defaulted (5432, 3306). `None` for SQLite.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// Where a Postgres driver connects, server by server: the `hostaddr` address where
    /// one is given, else the host; with their ports.
    pub(crate) fn postgres_reached(&self) -> Vec<Host> {
        // The URL was checked when read; after `zeroize` it has no server.
        let servers = servers(&self.url).unwrap_or_default();
        let mut reached = Vec::with_capacity(servers.len());
        for server in servers {
            reached.extend(server.reached());
        }
        reached
    }

    /// The database: for Postgres the `dbname` parameter if given, else the path; for
    /// MySQL the path; for SQLite the file path or `:memory:`. Percent-decoded; `None` when
    /// not given or empty (the server's default, the user's name). An empty `dbname=` is
    /// given: every driver then connects to the user's database, not the path's.
    pub fn database(&self) -> Option<Cow<'_, str>> {
        match self.engine {
            Engine::Postgres => self.override_param("dbname", || self.url.path_segment()),
            Engine::MySql => self.url.path_segment(),
            Engine::Sqlite => Some(decode(self.url.path())).filter(|path| !path.is_empty()),
        }
    }

    /// Whether this is an in-memory SQLite database: `sqlite::memory:`, or a file name
    /// with `mode=memory`, which sqlx opens as an in-memory database of that name and
    /// never writes to a file (a warning says so).
    pub fn is_memory(&self) -> bool {
        self.engine == Engine::Sqlite
            && (self.url.path() == ":memory:"
                || self.url.param("mode").as_deref() == Some("memory"))
    }

    /// The user name, percent-decoded: for Postgres the `user` parameter if given, else the
    /// one before `@`. `None` when not given or empty (the driver's default). An empty
    /// `user=` is given: tokio-postgres and sqlx then send an empty name (a warning says
    /// libpq takes the system's user instead), none the one before `@`.
    pub fn user(&self) -> Option<Cow<'_, str>> {
        match self.engine {
            Engine::Postgres => self.override_param("user", || self.url.user()),
            _ => self.url.user(),
        }
    }

    /// The password, percent-decoded: for Postgres the `password` parameter if given, else
    /// the one before `@`. `None` when not given or empty. An empty `password=` is given:
    /// tokio-postgres and sqlx then send an empty password (a warning says libpq looks in
    /// its password file instead), none the one before `@`.
    pub fn password(&self) -> Option<Secret<String>> {
        match self.engine {
            Engine::Postgres => match self.url.param("password") {
                Some(password) => {
                    (!password.is_empty()).then(|| Secret::new(password.into_owned()))
                }
                None => self.url.password(),
            },
            _ => self.url.password(),
        }
    }

    /// A Postgres parameter that overrides a part of the URL (`user`, `dbname`): its value
    /// if given, even empty (the drivers then read it, not the part), else `part`. Empty
    /// is `None`.
    fn override_param<'a>(
        &'a self,
        name: &str,
        part: impl FnOnce() -> Option<Cow<'a, str>>,
    ) -> Option<Cow<'a, str>> {
        match self.url.param(name) {
            Some(value) => (!value.is_empty()).then_some(value),
            None => part(),
        }
    }

    /// The Unix socket: for Postgres the first host's socket directory, if it is one (the
    /// socket file in it is `.s.PGSQL.<port>`); for MySQL the `socket` parameter, or the
    /// host if it is a socket path. `None` otherwise.
    pub fn socket(&self) -> Option<PathBuf> {
        let host = || {
            self.url
                .hosts
                .first()
                .and_then(Host::socket)
                .map(PathBuf::from)
        };
        match self.engine {
            Engine::Postgres => host(),
            Engine::MySql => self
                .url
                .nonempty_param("socket")
                .map(|path| PathBuf::from(path.into_owned()))
                .or_else(host),
            Engine::Sqlite => None,
        }
    }
}

/// The parameters mysql_async reads; it refuses every other.
const MYSQL_ASYNC: &[&str] = &[
    "pool_min",
    "pool_max",
    "inactive_connection_ttl",
    "ttl_check_interval",
    "conn_ttl",
    "abs_conn_ttl",
    "abs_conn_ttl_jitter",
    "tcp_keepalive",
    "max_allowed_packet",
    "wait_timeout",
    "enable_cleartext_plugin",
    "reset_connection",
    "tcp_nodelay",
    "stmt_cache_size",
    "prefer_socket",
    "secure_auth",
    "client_found_rows",
    "deprecate_eof",
    "socket",
    "server_key_path",
    "compression",
    "require_ssl",
    "verify_ca",
    "verify_identity",
    "built_in_roots",
    "disable_tls_resumption",
];

/// The parameters sqlx reads for MySQL; it ignores every other.
const SQLX_MYSQL: &[&str] = &[
    "sslmode",
    "ssl-mode",
    "sslca",
    "ssl-ca",
    "charset",
    "collation",
    "sslcert",
    "ssl-cert",
    "sslkey",
    "ssl-key",
    "statement-cache-capacity",
    "socket",
    "timezone",
    "time-zone",
];

/// The TLS modes sqlx reads in `ssl-mode` (and `sslmode`), in any ASCII case:
/// `MySqlSslMode::from_str` of sqlx 0.8.
const MYSQL_SSL_MODES: &[&str] = &[
    "disabled",
    "preferred",
    "required",
    "verify_ca",
    "verify_identity",
];

/// The parameters sqlx reads alike for MySQL, each group one setting (the last given
/// counts): `MySqlConnectOptions::parse_from_url` of sqlx 0.8.
const SQLX_MYSQL_ALIKE: &[&[&str]] = &[
    &["sslmode", "ssl-mode"],
    &["sslca", "ssl-ca"],
    &["sslcert", "ssl-cert"],
    &["sslkey", "ssl-key"],
    &["timezone", "time-zone"],
];

/// The parameters sqlx reads for SQLite; it refuses every other.
const SQLX_SQLITE: &[&str] = &["mode", "cache", "immutable", "vfs"];

/// The values sqlx reads in SQLite's parameters, exactly as written: it refuses every
/// other (`SqliteConnectOptions::from_db_and_params` of sqlx 0.8).
const SQLX_SQLITE_VALUES: &[(&str, &[&str])] = &[
    ("mode", &["ro", "rw", "rwc", "memory"]),
    ("cache", &["private", "shared"]),
    ("immutable", &["true", "1", "false", "0"]),
];

/// The parameters of two drivers, `a`'s then `b`'s, for "did you mean".
fn both(a: &[&'static str], b: &[&'static str]) -> Vec<&'static str> {
    let mut known = Vec::with_capacity(a.len() + b.len());
    known.extend_from_slice(a);
    known.extend_from_slice(b);
    known
}

fn mysql(url: &mut Parsed) -> Result<u16, ValueError> {
    url.require_authority("mysql://user:password@host:3306/database")?;
    url.no_fragment("a MySQL URL")?;
    if url.uri.hosts.is_empty() {
        // sqlx parses with the `url` crate, which refuses user information before an
        // empty host; neither driver takes a host from the query.
        return Err(ValueError::new(
            "missing host (sqlx refuses a user or password before an empty host, even with \
             `?socket=`); for a socket, write the host `localhost` and the path in `socket=`, \
             as in mysql://user:password@localhost/database?socket=/path/to/mysqld.sock, \
             which sqlx and mysql_async both read",
        ));
    }
    url.one_host("a MySQL URL")?;
    // sqlx takes the last of a parameter given twice, mysql_async the first.
    url.no_repeated_params_alike(SQLX_MYSQL_ALIKE, "sqlx")?;
    // Values sqlx refuses, of parameters mysql_async refuses: no driver reads them.
    for (name, value) in url.query() {
        if name == "socket" && value.is_empty() {
            return Err(ValueError::new(
                "`socket=` is empty: sqlx tries a Unix socket at an empty path, mysql_async \
                 connects over TCP; leave it out, or give the socket's path",
            ));
        }
        let refused = match &*name {
            "sslmode" | "ssl-mode" => !MYSQL_SSL_MODES
                .iter()
                .any(|mode| crate::text::eq_ignore_case(&value, mode)),
            "statement-cache-capacity" => value.parse::<usize>().is_err(),
            _ => false,
        };
        if refused {
            let expected = if name == "statement-cache-capacity" {
                "a whole number"
            } else {
                "one of `DISABLED`, `PREFERRED`, `REQUIRED`, `VERIFY_CA` or `VERIFY_IDENTITY`"
            };
            return Err(ValueError::new(format!(
                "the value of `{name}` is one no driver reads (sqlx refuses it, mysql_async \
                 refuses the parameter); write {expected}"
            )));
        }
    }
    if url.path_segment().is_some_and(|db| db.has_byte(b'/')) {
        return Err(ValueError::new(
            "a MySQL database name cannot contain `/`: the path is one database name",
        ));
    }
    url.hosts = url.uri_hosts(3306);
    Ok(url.hosts[0].port())
}

fn sqlite(url: &mut Parsed) -> Result<(), ValueError> {
    let path = url.path();
    if path.is_empty() {
        return Err(ValueError::new(
            "missing the database file: expected sqlite:path/to/file.db, \
             sqlite:///absolute/path.db or sqlite::memory:",
        ));
    }
    // sqlx reads the query as a form: `+` is a space.
    url.plus_is_space = true;
    // `sqlite://user:password@host/...`, most likely a server URL given a new scheme: its
    // password would otherwise be read, and shown, as part of a file name. The password
    // may hold an unencoded `/` or `?`, so the whole text after `sqlite:` is looked at:
    // a first piece without `/` that ends in `:`, with an `@` after it.
    let colon = url.uri.scheme.end() + 1;
    let rest = url.text[colon..].trim_start_matches('/');
    let userinfo = rest
        .find_byte(b':')
        .filter(|&c| {
            !rest[..c].has_byte(b'/') && rest != ":memory:" && !rest.starts_with(":memory:?")
        })
        .is_some_and(|c| rest[c..].has_byte(b'@'));
    // `sqlite://name@host/...`: a user name (or a token) before a host.
    let authority = url.text[colon..].starts_with("//")
        && rest[..rest.find(['/', '?']).unwrap_or(rest.len())].has_byte(b'@');
    if userinfo || authority {
        return Err(ValueError::new(
            "a SQLite URL names a file and has no user or password: remove `user:password@` \
             (an `@` in the file name is written %40)",
        ));
    }
    // sqlx adds up what each parameter says (`mode=memory&mode=rwc` is in memory).
    url.no_repeated_params()?;
    for (name, value) in url.query() {
        let Some((_, values)) = SQLX_SQLITE_VALUES.iter().find(|(known, _)| *known == name) else {
            continue;
        };
        if !values.contains(&&*value) {
            return Err(ValueError::new(format!(
                "the value of `{name}` is one sqlx refuses; write {}",
                crate::text::one_of(values)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attach::Endpoints;
    use crate::service::tests::{never_shows, refuses};
    use crate::value::Value;
    use std::path::Path;

    /// The warning of a Postgres URL with a list of hosts.
    const HOST_LIST: &str = "a list of hosts: libpq and tokio-postgres try each in turn, sqlx \
                             reads one host only (it refuses a list with ports, `invalid port \
                             number`, and looks up `h1,h2` as one name)";

    fn db(text: &str) -> DatabaseUrl {
        DatabaseUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        DatabaseUrl::parse(text)
            .expect_err(text)
            .reason()
            .to_owned()
    }

    fn hosts(url: &DatabaseUrl) -> Vec<(&str, u16, bool)> {
        url.hosts()
            .iter()
            .map(|h| (h.name(), h.port(), h.is_socket()))
            .collect()
    }

    #[test]
    fn accepts_the_documented_forms() {
        for text in [
            "postgres://user:password@host:5432/database",
            "postgresql://localhost",
            "postgresql://localhost:5433",
            "postgresql://localhost/mydb",
            "postgresql://user@localhost",
            "postgresql://user:secret@localhost",
            "postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp",
            "postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp",
            "mysql://root:pw@localhost:3306/app?ssl-mode=REQUIRED",
            "mariadb://app@mariadb/app",
            "sqlite:///abs/path.db",
            "sqlite://relative.db",
            "sqlite:data.db",
            "sqlite::memory:",
            "sqlite://:memory:",
            "sqlite://data.db?mode=rwc",
        ] {
            assert_eq!(db(text).expose(), text);
        }
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in [
            "redis://h",
            "jdbc:postgresql://h/db",
            "http://h",
            "db.example.com",
        ] {
            let reason = reason(text);
            assert!(
                reason.contains("postgres://, postgresql://, mysql://, mariadb:// or sqlite:"),
                "{reason}"
            );
        }
        assert!(reason("Postgres://h/db").contains("lowercase"));
    }

    #[test]
    fn no_host_is_refused_with_the_fix() {
        // libpq: PGHOST or its default socket directory; tokio-postgres: "host missing"
        // when connecting; sqlx: PGHOST, a socket it finds, or localhost (an error with
        // `user@` and no host).
        for text in [
            "postgresql:///dbname",
            "postgresql://",
            "postgresql://u:pw@/db",
            "postgresql:///db?port=5433",
            "postgresql:///db?host=",
        ] {
            assert!(reason(text).contains("%2Fvar%2Frun%2Fpostgresql"), "{text}");
        }
        // With `host=`, all three read the socket.
        let url = db("postgresql:///db?host=/run/postgresql&port=5433");
        assert_eq!(hosts(&url), [("/run/postgresql", 5433, true)]);
        // An empty host with a port.
        assert!(
            reason("postgres://u@:5433/db?host=/run/postgresql")
                .contains("postgres://user@%2Frun%2Fpostgresql:5433/db")
        );
    }

    #[test]
    fn unix_sockets() {
        let url = db("postgresql://%2Fvar%2Frun%2Fpostgresql/db");
        assert_eq!(hosts(&url), [("/var/run/postgresql", 5432, true)]);
        assert_eq!(
            url.socket().as_deref(),
            Some(Path::new("/var/run/postgresql"))
        );
        assert_eq!(url.database().as_deref(), Some("db"));

        let url = db("postgresql:///db?host=/var/run/postgresql");
        assert_eq!(hosts(&url), [("/var/run/postgresql", 5432, true)]);
        assert_eq!(
            url.socket().as_deref(),
            Some(Path::new("/var/run/postgresql"))
        );

        let url = db("postgresql://%2Ftmp:5433/db");
        assert_eq!(hosts(&url), [("/tmp", 5433, true)]);

        let url = db("mysql://root@%2Ftmp%2Fmysql.sock/app");
        assert_eq!(url.socket().as_deref(), Some(Path::new("/tmp/mysql.sock")));
        let url = db("mysql://root@localhost/app?socket=/run/mysqld/mysqld.sock");
        assert_eq!(url.host(), Some("localhost"));
        assert_eq!(
            url.socket().as_deref(),
            Some(Path::new("/run/mysqld/mysqld.sock"))
        );
    }

    #[test]
    fn several_hosts() {
        let url = db("postgres://h1:5432,h2:5433/db");
        assert_eq!(hosts(&url), [("h1", 5432, false), ("h2", 5433, false)]);
        assert_eq!(url.host(), Some("h1"));
        assert_eq!(url.port(), Some(5432));
        let url = db("postgres://h1,h2:5433,[::1]/db");
        assert_eq!(
            hosts(&url),
            [
                ("h1", 5432, false),
                ("h2", 5433, false),
                ("::1", 5432, false)
            ]
        );
        // A port list for a host list.
        let url = db("postgresql:///db?host=a&port=1");
        assert_eq!(hosts(&url), [("a", 1, false)]);
        assert!(reason("mysql://h1,h2/db").contains("one host"));
    }

    #[test]
    fn hosts_or_ports_in_two_places_are_refused() {
        // tokio-postgres appends `host=` and `port=` to the URL's lists; libpq and sqlx
        // replace them.
        let cases = [
            ("postgresql://h1/db?host=h2", "one place"),
            ("postgresql://h1:5433/db?host=/run/postgresql", "one place"),
            ("postgresql://h1,h2/db?port=6000", "after the host"),
            ("postgresql://h1:5432/db?port=5433", "after the host"),
            ("postgresql:///db?host=a,b", "one host name"),
        ];
        refuses::<DatabaseUrl>(&cases);
    }

    #[test]
    fn what_sqlx_reads_otherwise_is_refused() {
        // sqlx reads `+` in the query as a space, libpq and tokio-postgres as a plus.
        for text in [
            "postgres://h/db?application_name=a+b",
            "postgres://h/db?options=-c+search_path%3Dx",
            "postgres://h/db?password=a+b",
        ] {
            let reason = reason(text);
            assert!(reason.contains("%2B") && reason.contains("%20"), "{reason}");
        }
        assert!(
            db("postgres://h/db?application_name=a%20b%2Bc")
                .expose()
                .contains("%2B")
        );
        assert!(reason("postgres://h/db?sslmode=require&sslmode=disable").contains("twice"));
    }

    /// The warnings of a URL, as a load gives them.
    fn warnings(text: &str) -> Vec<String> {
        let mut all = Vec::new();
        db(text).warnings(&mut |w| all.push(w));
        all
    }

    /// sqlx reads some parameters under two or three names, and takes the last given:
    /// `sslmode=require&ssl-mode=disable` connects without TLS.
    #[test]
    fn a_setting_given_under_two_names_is_refused() {
        refuses::<DatabaseUrl>(&[
            (
                "postgres://u:p@h/db?sslmode=require&ssl-mode=disable",
                "`sslmode` and `ssl-mode` are one parameter to sqlx, given twice",
            ),
            (
                "postgres://u:p@h/db?sslrootcert=/a.pem&ssl-ca=/b.pem",
                "`sslrootcert` and `ssl-ca` are one parameter to sqlx",
            ),
            (
                "mysql://u:p@h/db?ssl-mode=REQUIRED&ssl-mode=DISABLED",
                "the parameter `ssl-mode` is given twice",
            ),
            (
                "mysql://u:p@h/db?ssl-mode=DISABLED&sslmode=REQUIRED",
                "`ssl-mode` and `sslmode` are one parameter to sqlx",
            ),
            (
                "mysql://u:p@h/db?ssl-mode=VERIFY_CA&sslca=/a.pem&ssl-ca=/b.pem",
                "`sslca` and `ssl-ca` are one parameter to sqlx",
            ),
            (
                "mysql://u:p@h/db?socket=/a.sock&socket=/b.sock",
                "the parameter `socket` is given twice",
            ),
            ("mysql://u:p@h/db?socket=", "`socket=` is empty"),
            (
                "sqlite://data.db?mode=memory&mode=rwc",
                "`mode` is given twice",
            ),
        ]);
        for text in [
            "postgres://u:p@h/db?sslmode=require&sslrootcert=/a.pem",
            "mysql://u:p@h/db?ssl-mode=VERIFY_CA&ssl-ca=/a.pem&time-zone=UTC",
        ] {
            db(text);
        }
    }

    /// An empty user name or password before `@`: tokio-postgres sends it empty, libpq and
    /// sqlx read none (tokio-postgres 0.7's `parse_credentials`; sqlx reads the `url`
    /// crate's, which has none). A warning, not a refusal: the server refuses the login,
    /// it does not land elsewhere.
    #[test]
    fn an_empty_user_or_password_before_the_host_is_a_warning() {
        let warned = warnings("postgres://:pw@h/db");
        assert!(
            warned.len() == 1 && warned[0].starts_with("an empty user name before `:`"),
            "{warned:?}"
        );
        let warned = warnings("postgres://u:@h/db");
        assert!(
            warned.len() == 1 && warned[0].starts_with("an empty password after `:`"),
            "{warned:?}"
        );
        assert!(warnings("postgres://u@h/db").is_empty());
        assert!(warnings("postgres://u:pw@h/db").is_empty());
        // A parameter overrides it: its own warning, if any.
        assert!(warnings("postgres://:pw@h/db?user=app").is_empty());
    }

    /// A host name percent-encoded or beyond ASCII: sqlx and mysql_async take it as
    /// written (`my%2Dhost`), a name no resolver finds, where libpq and tokio-postgres
    /// decode it. A socket directory percent-encoded stays the socket.
    #[test]
    fn a_host_name_is_written_as_the_resolver_reads_it() {
        refuses::<DatabaseUrl>(&[
            ("postgres://u:p@my%2Dhost/db", "a percent-encoded host name"),
            (
                "postgres://u:p@a,my%2Dhost/db",
                "a percent-encoded host name",
            ),
            (
                "postgres://u:p@münchen.example/db",
                "xn--mnchen-3ya.example",
            ),
            (
                "mysql://u:p@my%2Dhost/db",
                "sqlx and mysql_async take it as written",
            ),
            ("mysql://u:p@münchen.example/db", "letters beyond ASCII"),
        ]);
        for text in [
            "postgres://%2Fvar%2Frun%2Fpostgresql/db",
            "postgres://u:p@xn--mnchen-3ya.example/db",
            "postgres://u:p@[::1]:5433/db",
            "mysql://u:p@my-host/db",
        ] {
            db(text);
        }
    }

    /// What sqlx does with SQLite's parameters: `mode=memory` opens an in-memory database
    /// whatever the file, and a value it does not know is refused.
    #[test]
    fn sqlite_parameters_are_read_as_sqlx_reads_them() {
        for text in [
            "sqlite://data.db?mode=memory",
            "sqlite:data.db?mode=memory&cache=private",
        ] {
            let url = db(text);
            assert!(url.is_memory(), "{text}");
            assert_eq!(url.database().as_deref(), Some("data.db"));
            let warned = warnings(text);
            assert!(
                warned.len() == 1 && warned[0].contains("nothing is ever written to the file"),
                "{text}: {warned:?}"
            );
        }
        assert!(!db("sqlite://data.db?mode=rwc").is_memory());
        assert!(warnings("sqlite::memory:").is_empty());
        refuses::<DatabaseUrl>(&[
            (
                "sqlite:data.db?mode=readonly",
                "one of `ro`, `rw`, `rwc` or `memory`",
            ),
            (
                "sqlite:data.db?mode=MEMORY",
                "the value of `mode` is one sqlx refuses",
            ),
            ("sqlite:data.db?mode=", "`mode`"),
            ("sqlite:data.db?mode", "`mode`"),
            ("sqlite:data.db?mode=ro+x", "`mode`"),
            (
                "sqlite:data.db?cache=Shared",
                "one of `private` or `shared`",
            ),
            (
                "sqlite://data.db?immutable=yes",
                "one of `true`, `1`, `false` or `0`",
            ),
            ("sqlite://data.db?immutable=", "`immutable`"),
        ]);
    }

    #[test]
    fn unknown_parameters_are_warnings_naming_the_drivers() {
        assert_eq!(
            warnings("postgres://h/db?sslmdoe=require"),
            ["unknown parameter `sslmdoe`; did you mean `sslmode`? \
              (libpq and tokio-postgres refuse it, sqlx ignores it)"]
        );
        assert_eq!(
            warnings("postgres://h/db?pgbouncer=true"),
            ["unknown parameter `pgbouncer` (libpq and tokio-postgres refuse it, sqlx ignores it)"]
        );
        assert_eq!(
            warnings("postgres://h/db?sslrootcert=/ca.pem"),
            ["parameter `sslrootcert`: tokio-postgres refuses it"]
        );
        assert!(warnings("postgres://h/db?sslmode=require&application_name=x").is_empty());
        assert!(warnings("mysql://h/db?ssl-mode=REQUIRED")[0].contains("mysql_async refuses it"));
        assert!(warnings("mysql://h/db?socket=/s").is_empty());
        assert!(warnings("sqlite://a.db?mdoe=ro")[0].contains("did you mean `mode`?"));
    }

    #[test]
    fn mariadb_scheme_is_a_warning_naming_the_driver() {
        let scheme = "scheme `mariadb://`: mysql_async refuses it; write `mysql://`, \
                      which sqlx and mysql_async both read";
        assert_eq!(warnings("mariadb://app:Sup3rS3cret@mariadb/app"), [scheme]);
        // Before the parameters' own warnings.
        assert_eq!(
            warnings("mariadb://h/db?ssl-mode=REQUIRED"),
            [scheme, "parameter `ssl-mode`: mysql_async refuses it"]
        );
        assert!(warnings("mysql://app:Sup3rS3cret@mysql/app").is_empty());
    }

    /// Where a load's startup check connects: `endpoints()`, each as `host:port`.
    fn reached(url: &DatabaseUrl) -> Vec<String> {
        let Endpoints::Hosts(hosts) = url.endpoints() else {
            panic!("{url}: not checked")
        };
        hosts.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn hostaddr_is_where_the_drivers_connect() {
        // libpq and tokio-postgres connect to the address and verify the certificate
        // against the name; sqlx connects to the address in place of the name.
        let url = db("postgres://db.internal:5432/app?hostaddr=10.1.2.3&sslmode=require");
        assert_eq!(hosts(&url), [("db.internal", 5432, false)]);
        assert_eq!(reached(&url), ["10.1.2.3:5432"]);
        assert!(warnings(url.expose()).is_empty());
        // Paired one by one, each with its host's port.
        let url = db("postgres://a:5433,b:5434/app?hostaddr=10.0.0.1,::1");
        assert_eq!(reached(&url), ["10.0.0.1:5433", "[::1]:5434"]);
        // An empty entry: libpq resolves that host's name; tokio-postgres and sqlx refuse it.
        let url = db("postgres://a,b/app?hostaddr=,10.0.0.2");
        assert_eq!(reached(&url), ["a:5432", "10.0.0.2:5432"]);
        assert_eq!(
            warnings(url.expose()),
            [
                HOST_LIST,
                "parameter `hostaddr`: tokio-postgres and sqlx refuse an empty address, libpq \
                 resolves the host's name instead"
            ]
        );
        // No host, only addresses: read by all three (tokio-postgres: no host, one hostaddr).
        let url = db("postgres:///db?hostaddr=10.0.0.1&port=5433");
        assert!(url.hosts().is_empty() && url.host().is_none());
        assert_eq!(url.port(), Some(5433));
        assert_eq!(reached(&url), ["10.0.0.1:5433"]);
        assert_eq!(url.database().as_deref(), Some("db"));
        let url = db("postgres:///db?hostaddr=10.0.0.1,10.0.0.2&port=5433,5434");
        assert_eq!(reached(&url), ["10.0.0.1:5433", "10.0.0.2:5434"]);

        let cases = [
            (
                "postgres://a,b/app?hostaddr=10.0.0.1",
                "1 addresses in `hostaddr` for 2 hosts",
            ),
            (
                "postgres://h/app?hostaddr=db.internal",
                "other than IP addresses",
            ),
            (
                "postgres://h/app?hostaddr=10.0.0.1,x",
                "other than IP addresses",
            ),
            ("postgres:///db?hostaddr=", "%2Fvar%2Frun%2Fpostgresql"),
            // libpq and tokio-postgres connect to the address, sqlx to the socket.
            (
                "postgres://%2Frun%2Fpostgresql/db?hostaddr=127.0.0.1",
                "sqlx to the socket",
            ),
            (
                "postgres:///db?host=/run/pg&hostaddr=127.0.0.1",
                "sqlx to the socket",
            ),
            (
                "postgres:///db?hostaddr=10.0.0.1,",
                "%2Fvar%2Frun%2Fpostgresql",
            ),
            (
                "postgres:///db?hostaddr=10.0.0.1,10.0.0.2&port=1,2,3",
                "3 ports for 2 hosts",
            ),
        ];
        refuses::<DatabaseUrl>(&cases);
    }

    #[test]
    fn tls_required_by_libpq_alone_is_refused() {
        // libpq reads `ssl=true` (and `requiressl=1`) as `sslmode=require`, sqlx ignores
        // it and keeps `prefer`, tokio-postgres refuses it.
        let cases = [
            ("postgres://h/db?ssl=true", "`ssl=true`"),
            ("postgres://h/db?requiressl=1", "`requiressl=1`"),
        ];
        for (text, form) in cases {
            let reason = reason(text);
            assert!(reason.contains(form), "{text}: {reason}");
            assert!(reason.contains("keeps `prefer`"), "{reason}");
            assert!(
                reason.ends_with("write `sslmode=require` in its place"),
                "{reason}"
            );
        }
        // With `sslmode` too: libpq takes the last of them. After `ssl=true` it says the
        // same to libpq and sqlx (a warning: tokio-postgres refuses `ssl`); before it, libpq
        // ends at `require` whatever `sslmode` said, and leaving `ssl=true` out is the fix
        // (not `sslmode=require`, which would lower `verify-full`).
        let refused = reason("postgres://h/db?sslmode=verify-full&ssl=true");
        assert!(
            refused.contains("sqlx reads `sslmode=verify-full`")
                && refused.ends_with("leave `ssl=true` out"),
            "{refused}"
        );
        for text in [
            "postgres://h/db?ssl=true&sslmode=verify-full",
            "postgres://h/db?ssl=true&sslmode=require",
            "postgres://h/db?sslmode=require&ssl=true",
        ] {
            let warned = warnings(text);
            assert!(
                warned
                    .iter()
                    .any(|w| w.starts_with("`ssl=true`: libpq reads it as")),
                "{text}: {warned:?}"
            );
        }
        // Any other value of `ssl` libpq refuses, as any unknown parameter; `requiressl=0`
        // is `prefer` to libpq, sqlx's default.
        assert_eq!(
            warnings("postgres://h/db?ssl=false"),
            ["unknown parameter `ssl` (libpq and tokio-postgres refuse it, sqlx ignores it)"]
        );
        assert_eq!(
            warnings("postgres://h/db?requiressl=0"),
            ["parameter `requiressl`: tokio-postgres refuses it"]
        );
    }

    #[test]
    fn values_some_drivers_refuse_are_warnings() {
        let cases = [
            (
                "sslmode=verify-full",
                "parameter `sslmode=verify-full`: tokio-postgres refuses it; libpq and sqlx \
                 verify the server's certificate and its host name",
            ),
            (
                "sslmode=verify-ca",
                "parameter `sslmode=verify-ca`: tokio-postgres refuses it; libpq and sqlx \
                 verify the server's certificate (not its host name)",
            ),
            (
                "sslmode=allow",
                "parameter `sslmode=allow`: tokio-postgres refuses it; libpq and sqlx try \
                 without TLS first",
            ),
            (
                "sslmode=REQUIRE",
                "parameter `sslmode=REQUIRE`: libpq and tokio-postgres refuse it, sqlx reads \
                 it; write it in lowercase",
            ),
            (
                "target_session_attrs=primary",
                "parameter `target_session_attrs=primary`: tokio-postgres refuses it, libpq \
                 reads it, sqlx ignores the parameter",
            ),
            (
                "target_session_attrs=leader",
                "parameter `target_session_attrs`: libpq and tokio-postgres refuse its value, \
                 sqlx ignores the parameter; write one of `any`, `read-write` or `read-only`",
            ),
            (
                "connect_timeout=abc",
                "parameter `connect_timeout`: libpq and tokio-postgres refuse its value, sqlx \
                 ignores the parameter; write a whole number",
            ),
            (
                "connect_timeout=",
                "parameter `connect_timeout`: libpq and tokio-postgres refuse its value, sqlx \
                 ignores the parameter; write a whole number",
            ),
            // libpq's `strtol` skips spaces; Rust's parsers do not.
            (
                "connect_timeout=%2010",
                "parameter `connect_timeout`: tokio-postgres refuses its value, libpq reads \
                 it, sqlx ignores the parameter",
            ),
            (
                "keepalives=-1",
                "parameter `keepalives`: tokio-postgres refuses its value, libpq reads it, \
                 sqlx ignores the parameter",
            ),
            (
                "channel_binding=require",
                "parameter `channel_binding=require`: libpq and tokio-postgres refuse a server \
                 that cannot bind the connection to its TLS certificate; sqlx ignores the \
                 parameter and never uses channel binding, so with sqlx the requirement does \
                 not hold",
            ),
            (
                "channel_binding=on",
                "parameter `channel_binding`: libpq and tokio-postgres refuse its value, sqlx \
                 ignores the parameter; write one of `disable`, `prefer` or `require`",
            ),
        ];
        for (query, want) in cases {
            assert_eq!(
                warnings(&format!("postgres://h/db?{query}")),
                [want],
                "{query}"
            );
        }
        // Google Cloud SQL's form: the user before an empty host, the socket in `host=`.
        for text in [
            "postgresql://billing:pw@/billing?host=/cloudsql/acme:europe-west1:db",
            "postgresql://billing@/billing?host=/cloudsql/acme:europe-west1:db",
        ] {
            let all = warnings(text);
            assert!(
                all.len() == 1 && all[0].contains("sqlx refuses it (`empty host`)"),
                "{text}: {all:?}"
            );
        }
        assert!(
            warnings("postgresql:///billing?host=/cloudsql/acme:europe-west1:db&user=billing")
                .is_empty()
        );
        for query in [
            "sslmode=disable",
            "sslmode=prefer",
            "sslmode=require",
            "target_session_attrs=read-write",
            "connect_timeout=10",
            "connect_timeout=-1",
            "keepalives=0",
            "keepalives_idle=30",
            "tcp_user_timeout=1000",
            "channel_binding=prefer",
        ] {
            assert!(
                warnings(&format!("postgres://h/db?{query}")).is_empty(),
                "{query}"
            );
        }
        // A value all three refuse is refused, never repeated.
        for query in [
            "sslmode=bogus",
            "sslmode=",
            "sslmode",
            "sslmode=verify_full",
        ] {
            let reason = reason(&format!("postgres://h/db?{query}"));
            assert_eq!(
                reason,
                "the value of `sslmode` is one no driver reads (libpq, tokio-postgres and \
                 sqlx refuse it); write one of `disable`, `allow`, `prefer`, `require`, \
                 `verify-ca` or `verify-full`",
                "{query}"
            );
        }
    }

    #[test]
    fn an_empty_override_is_read_as_the_rust_drivers_read_it() {
        // tokio-postgres and sqlx read `Some("")`, not the part of the URL it overrides;
        // libpq reads an empty value as none given.
        let url = db("postgres://u:secret@h/db?password=");
        assert!(url.password().is_none());
        assert_eq!(
            warnings(url.expose()),
            [
                "parameter `password` is empty: tokio-postgres and sqlx send an empty password, \
                 libpq looks in its password file; none of them reads the password before `@`; \
                 leave the parameter out"
            ]
        );
        let url = db("postgres://u@h/db?user=");
        assert!(url.user().is_none());
        assert!(warnings(url.expose())[0].contains("libpq the operating system's user name"));
        // An empty `dbname` is the user's database to every driver (tokio-postgres and sqlx
        // send it empty, and the server reads that so; libpq defaults it so): no warning.
        let url = db("postgres://u@h/db?dbname=");
        assert!(url.database().is_none());
        assert!(warnings(url.expose()).is_empty());
        // Not given: the URL's own.
        let url = db("postgres://u:secret@h/db?sslmode=require");
        assert_eq!(url.password().unwrap().expose(), "secret");
        assert_eq!(url.user().as_deref(), Some("u"));
        assert_eq!(url.database().as_deref(), Some("db"));
    }

    #[test]
    fn query_syntax_libpq_and_tokio_postgres_refuse_is_a_warning() {
        let cases = [
            (
                "postgres://h/db?application_name",
                "parameter `application_name` without `=`: libpq and tokio-postgres refuse \
                 it, sqlx reads an empty value; write `=` and the value, or leave it out",
            ),
            (
                "postgres://h/db?&sslmode=require",
                "an empty parameter (`&&`, or `&` right after `?`): libpq and tokio-postgres \
                 refuse it, sqlx skips it; remove the extra `&`",
            ),
            (
                "postgres://h/db?sslmode=require&&application_name=x",
                "an empty parameter (`&&`, or `&` right after `?`): libpq and tokio-postgres \
                 refuse it, sqlx skips it; remove the extra `&`",
            ),
            // libpq alone refuses a second `=`.
            (
                "postgres://h/db?options=-csearch_path=app",
                "parameter `options` has a second `=`: libpq refuses it, tokio-postgres and \
                 sqlx read it as part of the value; write it as %3D",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(warnings(text), [want], "{text}");
        }
        // A last `&`, and `=` encoded, are read alike.
        assert!(warnings("postgres://h/db?sslmode=require&").is_empty());
        assert!(warnings("postgres://h/db?options=-csearch_path%3Dapp").is_empty());
        // A name that looks like a token is not repeated.
        let all = warnings("postgres://h/db?sslmode=require&Sup3rS3cretT0k3nValue42");
        assert!(all[0].starts_with("a parameter without `=`"), "{all:?}");
        assert!(all.iter().all(|w| !w.contains("Sup3r")), "{all:?}");
    }

    #[test]
    fn what_sqlx_or_an_older_libpq_reads_otherwise() {
        // sqlx reads `options[NAME]=value` as `options=-c NAME=value`.
        assert_eq!(
            warnings("postgres://h/db?options[search_path]=app"),
            [
                "parameter `options[search_path]`: libpq and tokio-postgres refuse it, only sqlx \
                 reads it (as `options=-c search_path=...`); write \
                 `options=-c%20search_path%3D...`, which all three read"
            ]
        );
        // Parameters newer than libpq 15 (`invalid URI query parameter` there).
        assert_eq!(
            warnings("postgres://h/db?sslnegotiation=direct&sslmode=require"),
            ["parameter `sslnegotiation`: libpq before 17 refuses it"]
        );
        assert_eq!(
            warnings("postgres://h1,h2/db?load_balance_hosts=random"),
            [
                HOST_LIST,
                "parameter `load_balance_hosts`: libpq before 16 refuses it"
            ]
        );
        // A `%` that starts no escape in the user information: a `%` to the Rust drivers,
        // refused by libpq.
        let url = db("postgres://app:50%off@h/db");
        assert_eq!(
            url.password().map(|p| p.expose().clone()).as_deref(),
            Some("50%off")
        );
        assert_eq!(
            warnings(url.expose()),
            [
                "a `%` not followed by two hex digits in the user name or password: \
                 tokio-postgres and sqlx read it as a `%`, libpq refuses the URL (`invalid \
                 percent-encoded token`); write `%25`"
            ]
        );
        assert!(warnings("postgres://app:50%25off@h/db").is_empty());
        assert_eq!(
            warnings("postgres://h/db?require_auth=scram-sha-256"),
            ["parameter `require_auth`: tokio-postgres refuses it, and libpq before 16"]
        );
    }

    #[test]
    fn mysql_socket_in_place_of_the_host_is_a_warning() {
        // sqlx and mysql_async take `url.host_str()`, still encoded, as a TCP host name.
        let url = db("mysql://root@%2Ftmp%2Fmysql.sock/app");
        assert_eq!(url.socket().as_deref(), Some(Path::new("/tmp/mysql.sock")));
        assert_eq!(
            warnings(url.expose()),
            [
                "a socket path in place of the host: sqlx and mysql_async read the host still \
                 percent-encoded, as a TCP host name, and cannot resolve it; write the host \
                 `localhost` and the path as `?socket=/path/to/mysqld.sock`, which both read"
            ]
        );
        // `socket=`, which both read (the host is then left aside).
        assert!(warnings("mysql://root@localhost/app?socket=/tmp/mysql.sock").is_empty());
        assert!(warnings("mysql://root@%2Ftmp%2Fm.sock/app?socket=/tmp/m.sock").is_empty());
    }

    #[test]
    fn mysql_values_no_driver_reads_are_refused() {
        // sqlx refuses these values, and mysql_async the parameters themselves.
        for query in [
            "ssl-mode=REQUIRE",
            "ssl-mode=verify-full",
            "sslmode=require",
            "ssl-mode=bogus",
            "ssl-mode=",
            "statement-cache-capacity=lots",
        ] {
            let reason = reason(&format!("mysql://u:pw@h/db?{query}"));
            assert!(reason.contains("one no driver reads"), "{query}: {reason}");
        }
        // sqlx reads the mode in any case.
        for query in [
            "ssl-mode=REQUIRED",
            "ssl-mode=verify_identity",
            "sslmode=Preferred",
            "statement-cache-capacity=100",
        ] {
            db(&format!("mysql://u:pw@h/db?{query}"));
        }
        // Node's and Prisma's ways to ask for TLS: the fix is sqlx's `ssl-mode`.
        for query in [
            "sslaccept=strict",
            "ssl=%7B%22rejectUnauthorized%22%3Atrue%7D",
        ] {
            let all = warnings(&format!("mysql://u:pw@h/db?{query}"));
            assert!(
                all.len() == 1 && all[0].contains("write `ssl-mode=VERIFY_IDENTITY`"),
                "{query}: {all:?}"
            );
        }
        let reason = reason("mysql://u:pw@/db?socket=/cloudsql/p:r:i");
        assert!(reason.contains("write the host `localhost`"), "{reason}");
    }

    #[test]
    fn hosts_without_a_dot_and_ipv6() {
        assert_eq!(hosts(&db("postgres://db/app")), [("db", 5432, false)]);
        assert_eq!(hosts(&db("mysql://mysql/app")), [("mysql", 3306, false)]);
        assert_eq!(hosts(&db("postgres://[::1]/app")), [("::1", 5432, false)]);
        assert_eq!(
            hosts(&db("postgres://[::1]:5433/app")),
            [("::1", 5433, false)]
        );
        assert_eq!(
            hosts(&db("postgresql://[2001:db8::1234]/database")),
            [("2001:db8::1234", 5432, false)]
        );
        assert_eq!(
            hosts(&db("postgresql:///db?host=::1")),
            [("::1", 5432, false)]
        );
    }

    #[test]
    fn passwords_with_encoded_and_unencoded_delimiters() {
        let url = db("postgres://app:p%40ss%3Aw%2Frd@db/app");
        assert_eq!(url.password().unwrap().expose(), "p@ss:w/rd");
        assert_eq!(url.to_string(), "postgres://app:***@db/app");
        // Unencoded `@`: libpq and tokio-postgres end the user information at the first,
        // sqlx at the last; refused with the fix. MySQL's drivers both read the last.
        assert!(reason("postgres://app:p@ss@db/app").contains("%40"));
        assert!(reason("postgres://db/app?application_name=a@b").contains("%40"));
        assert_eq!(
            db("mysql://app:p@ss@db/app").password().unwrap().expose(),
            "p@ss"
        );
        // A `:` in the password needs no encoding: the user name ends at the first `:`.
        let url = db("postgres://app:a:b@db/app");
        assert_eq!(url.password().unwrap().expose(), "a:b");
        // A user name with an encoded `@`, no password.
        let url = db("postgresql://me%40corp@db/app");
        assert_eq!(url.user().as_deref(), Some("me@corp"));
        assert!(url.password().is_none());
        assert!(db("postgres://app:@db/app").password().is_none());
    }

    #[test]
    fn sqlite_paths() {
        let cases = [
            ("sqlite:///abs/path.db", "/abs/path.db"),
            ("sqlite://relative.db", "relative.db"),
            ("sqlite:data.db", "data.db"),
            ("sqlite::memory:", ":memory:"),
            ("sqlite://:memory:", ":memory:"),
            ("sqlite://my%20data.db?mode=ro", "my data.db"),
        ];
        for (text, path) in cases {
            let url = db(text);
            assert_eq!(url.database().as_deref(), Some(path), "{text}");
            assert_eq!(url.is_memory(), path == ":memory:");
            assert!(url.hosts().is_empty() && url.port().is_none() && url.user().is_none());
        }
        assert_eq!(
            db("sqlite://data.db?mode=rwc").param("mode").as_deref(),
            Some("rwc")
        );
        assert!(reason("sqlite://").contains("missing the database file"));
        assert!(reason("sqlite:").contains("missing the database file"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let cases = [
            ("postgres://h:99999/db", "out of range"),
            ("postgres://h:port/db", "not a number"),
            ("postgres://h/db%zz", "percent-encoding in the path"),
            ("postgres:h/db", "`//`"),
            ("mysql://u:p@/db", "missing host"),
            ("mysql://h/a/b", "cannot contain `/`"),
            ("postgres://h/db#x", "no `#` part"),
            ("postgres:///db?host=h&port=x", "not a number"),
            ("mysql://u:pa?ss@h/db", "percent-encoded"),
            ("postgres://u:/pass@h/db", "percent-encoded"),
            ("sqlite://u:pa/ss@h/db", "no user or password"),
            ("sqlite://t0k3n@h/db", "no user or password"),
        ];
        refuses::<DatabaseUrl>(&cases);
    }

    #[test]
    fn never_shows_a_secret() {
        let expose = DatabaseUrl::expose as fn(&DatabaseUrl) -> &str;
        never_shows(
            "postgres://app:Sup3rS3cret@db:5432/billing?sslpassword=T0k3nValue&sslmode=require",
            expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "postgres://app:Sup3rS3cret@db:99999/billing?sslpassword=T0k3nValue",
                "postgress://app:Sup3rS3cret@db/billing?sslpassword=T0k3nValue",
                "postgres://app:Sup3rS3cret@db/bil%zzling?sslpassword=T0k3nValue",
                "postgres://app:Sup3r/S3cret@db/billing",
                "Sup3rS3cret",
            ],
        );
        never_shows(
            "mysql://app:Sup3rS3cret@mysql/app?password=T0k3nValue",
            expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &["mysql://app:Sup3rS3cret@mysql:0/app?password=T0k3nValue"],
        );
        never_shows(
            "sqlite:///data/app.db?key=T0k3nValue",
            expose,
            &["T0k3nValue"],
            &[
                "sqlite://?key=T0k3nValue",
                "sqlit:///data/app.db?key=T0k3nValue",
            ],
        );
        let url = db("postgres://app:Sup3rS3cret@db/billing");
        assert_eq!(
            format!("{url:?}"),
            "DatabaseUrl(\"postgres://app:***@db/billing\")"
        );
    }

    #[test]
    fn zeroize_wipes_the_text() {
        use zeroize::Zeroize;
        let mut url = db("postgres://app:Sup3rS3cret@db/billing?password=x");
        let copy = url.clone();
        assert_eq!(url, copy);
        url.zeroize();
        assert_eq!(url.expose(), "");
        assert!(url.password().is_none() && url.hosts().is_empty());
        assert_eq!(url.to_string(), "");
        assert_ne!(url, copy);
        // So it can be a `Secret` of its own, wiped on drop.
        let secret = Secret::new(copy);
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(secret.expose().host(), Some("db"));
    }

    #[test]
    fn renders_back_to_an_equal_value() {
        let url = db(" postgres://app:pw@db/billing ");
        assert_eq!(url.expose(), "postgres://app:pw@db/billing");
        assert_eq!(DatabaseUrl::parse(&url.render()), Ok(url));
    }
}
