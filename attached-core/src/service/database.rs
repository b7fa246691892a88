//! `DatabaseUrl`: Postgres, MySQL/MariaDB and SQLite connection URLs, with the libpq rules
//! for Postgres (several hosts, Unix sockets, parameters that override the URL's parts).

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use crate::secret::Secret;
use crate::service::uri::{self, Parsed, Schemes, Uri, decode};
use crate::service::{Host, service_type};
use crate::value::ValueError;

/// The database engine a [`DatabaseUrl`] names, from its scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
/// `postgres://` or `postgresql://`, read as libpq reads connection URIs
/// (<https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS>):
///
/// - `postgresql://user:password@host:5432/database?name=value`; every part is optional:
///   `postgresql://` alone means every default.
/// - Several hosts, each with an optional port: `postgres://h1:5432,h2:5433/db`
///   (libpq tries them in turn).
/// - IPv6 addresses in brackets: `postgres://[::1]:5433/db`.
/// - No host: `postgresql:///dbname` connects to the default local Unix socket.
/// - A Unix socket directory in place of a host, percent-encoded
///   (`postgresql://%2Fvar%2Frun%2Fpostgresql/db`) or as a parameter
///   (`postgresql:///db?host=/var/run/postgresql`).
/// - The parameters `host`, `port`, `user`, `password` and `dbname` override the parts of
///   the URL, as in libpq: `?host=` replaces the host list, `?port=` the port list. A port
///   list has one port for every host, or one port for all of them.
///
/// # MySQL and MariaDB
///
/// `mysql://user:password@host:3306/database?name=value` (`mariadb://` alike): one host,
/// which may be a percent-encoded socket path; a socket may also be given as
/// `?socket=/path/to/mysqld.sock`.
///
/// # SQLite
///
/// `sqlite:` and a file path, as sqlx and SQLAlchemy write them: `sqlite:data.db` and
/// `sqlite://data.db` (relative), `sqlite:///var/lib/app/data.db` (absolute),
/// `sqlite::memory:` or `sqlite://:memory:` (in memory), each with `?name=value` options.
/// [`database`](Self::database) is the path (percent-decoded) or `:memory:`.
///
/// # Common rules
///
/// - The user information ends at the **last** `@` before the host, so a password with an
///   unencoded `@` still reads correctly. libpq and tokio-postgres end it at the *first*
///   `@`; percent-encode `@` as `%40` in a password to be read the same by every driver.
///   `/`, `?` and `#` in a user name or password must be percent-encoded.
/// - User name, password, hosts, database and parameters are percent-decoded; an empty
///   user name or password counts as none.
/// - `Debug` and `Display` show the text with the password and the values of credential
///   parameters (`password`, `sslpassword`, ... see
///   [`is_sensitive_param`](crate::is_sensitive_param)) replaced by `***`.
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
    /// The port of the first host, or for Postgres without a host the port of the local
    /// socket.
    port: Option<u16>,
}

service_type!(
    DatabaseUrl,
    "a Postgres, MySQL or SQLite URL such as postgres://user:password@host:5432/database"
);

const SCHEMES: Schemes = Schemes {
    names: &["postgres", "postgresql", "mysql", "mariadb", "sqlite"],
    listed: "postgres://, postgresql://, mysql://, mariadb:// or sqlite:",
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
            Engine::Postgres => Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
                port = Some(postgres(url)?);
                Ok(())
            })?,
            Engine::MySql => Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
                port = Some(mysql(url)?);
                Ok(())
            })?,
            Engine::Sqlite => Parsed::checked(text, Uri::parse_path(text, colon)?, sqlite)?,
        };
        Ok(DatabaseUrl { url, engine, port })
    }

    fn redacted(&self) -> String {
        self.url.redacted(&[], false)
    }

    /// The engine, from the scheme.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Every host with its port, in order; empty for SQLite and for a Postgres URL without
    /// a host (the default local socket). A Unix socket is a host whose
    /// [`is_socket`](Host::is_socket) is true.
    pub fn hosts(&self) -> &[Host] {
        &self.url.hosts
    }

    /// The first host's name (or socket path); `None` when there is no host.
    pub fn host(&self) -> Option<&str> {
        self.url.hosts.first().map(Host::name)
    }

    /// The first host's port, given or defaulted (5432, 3306); for Postgres without a host,
    /// the port of the local socket (`?port=`, or 5432). `None` for SQLite.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The database: for Postgres the `dbname` parameter or the path; for MySQL the path;
    /// for SQLite the file path or `:memory:`. Percent-decoded; `None` when not given (the
    /// server's default, usually the user's name).
    pub fn database(&self) -> Option<Cow<'_, str>> {
        match self.engine {
            Engine::Postgres => self
                .url
                .nonempty_param("dbname")
                .or_else(|| self.url.path_segment()),
            Engine::MySql => self.url.path_segment(),
            Engine::Sqlite => Some(decode(self.url.path())).filter(|path| !path.is_empty()),
        }
    }

    /// Whether this is an in-memory SQLite database (`sqlite::memory:`).
    pub fn is_memory(&self) -> bool {
        self.engine == Engine::Sqlite && self.url.path() == ":memory:"
    }

    /// The user name, percent-decoded: for Postgres the `user` parameter if given, else the
    /// one before `@`. `None` when not given (the driver's default).
    pub fn user(&self) -> Option<Cow<'_, str>> {
        match self.engine {
            Engine::Postgres => self.url.nonempty_param("user").or_else(|| self.url.user()),
            _ => self.url.user(),
        }
    }

    /// The password, percent-decoded: for Postgres the `password` parameter if given, else
    /// the one before `@`. `None` when not given or empty.
    pub fn password(&self) -> Option<Secret<String>> {
        match self.engine {
            Engine::Postgres => self
                .url
                .nonempty_param("password")
                .map(|password| Secret::new(password.into_owned()))
                .or_else(|| self.url.password()),
            _ => self.url.password(),
        }
    }

    /// The Unix socket: for Postgres the first host's socket directory, if it is one (the
    /// socket file in it is `.s.PGSQL.<port>`); for MySQL the `socket` parameter, or the
    /// host if it is a socket path. `None` otherwise, including for Postgres without a host
    /// (the driver's default socket directory).
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

/// The libpq rules: the authority's host and port lists, replaced by `?host=` and
/// `?port=`. Returns the port of the first host (or of the local socket).
fn postgres(url: &mut Parsed) -> Result<u16, ValueError> {
    url.require_authority("postgres://user:password@host:5432/database")?;
    url.no_fragment("a Postgres URL")?;
    let mut hosts: Vec<(String, bool)> = url
        .uri
        .hosts
        .iter()
        .map(|host| (decode(url.raw(host.name)).into_owned(), host.socket))
        .collect();
    let mut ports: Vec<Option<u16>> = url.uri.hosts.iter().map(|host| host.port).collect();
    if let Some(list) = url.param("host") {
        hosts = list
            .split(',')
            .map(|name| uri::check_param_host(name).map(|socket| (name.to_owned(), socket)))
            .collect::<Result<_, _>>()?;
    }
    if let Some(list) = url.param("port") {
        ports = list
            .split(',')
            .map(|port| match port {
                "" => Ok(None),
                port => uri::parse_port(port).map(Some),
            })
            .collect::<Result<_, _>>()?;
    }
    if ports.len() > 1 && ports.len() != hosts.len() {
        return Err(ValueError::new(format!(
            "{} ports for {} hosts: give one port for all hosts, or one per host",
            ports.len(),
            hosts.len()
        )));
    }
    let port = |i: usize| {
        ports
            .get(i)
            .or(ports.first())
            .copied()
            .flatten()
            .unwrap_or(5432)
    };
    url.hosts = hosts
        .into_iter()
        .enumerate()
        .map(|(i, (name, socket))| Host::new(name, port(i), socket))
        .collect();
    Ok(port(0))
}

fn mysql(url: &mut Parsed) -> Result<u16, ValueError> {
    url.require_authority("mysql://user:password@host:3306/database")?;
    url.no_fragment("a MySQL URL")?;
    url.one_host("a MySQL URL")?;
    if url.path_segment().is_some_and(|db| db.contains('/')) {
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
    // `sqlite://user:password@host/...`, most likely a server URL given a new scheme: its
    // password would otherwise be read, and shown, as part of a file name. The password
    // may hold an unencoded `/` or `?`, so the whole text after `sqlite:` is looked at:
    // a first piece without `/` that ends in `:`, with an `@` after it.
    let colon = url.uri.scheme.end() + 1;
    let rest = url.text[colon..].trim_start_matches('/');
    let userinfo = rest
        .find(':')
        .filter(|&c| {
            !rest[..c].contains('/') && rest != ":memory:" && !rest.starts_with(":memory:?")
        })
        .is_some_and(|c| rest[c..].contains('@'));
    if userinfo {
        return Err(ValueError::new(
            "a SQLite URL names a file and has no user or password: remove `user:password@`",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;
    use std::path::Path;

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
            "postgresql://",
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
    fn no_host_means_the_local_socket() {
        let url = db("postgresql:///dbname");
        assert!(url.hosts().is_empty());
        assert_eq!(url.host(), None);
        assert_eq!(url.port(), Some(5432));
        assert_eq!(url.socket(), None);
        assert_eq!(url.database().as_deref(), Some("dbname"));
        assert_eq!(db("postgresql:///db?port=5433").port(), Some(5433));
        let empty = db("postgresql://");
        assert_eq!(empty.database(), None);
        assert_eq!(empty.user(), None);
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
        // libpq: one port for every host, or one for all.
        let url = db("postgresql://h1,h2/db?port=6000");
        assert_eq!(hosts(&url), [("h1", 6000, false), ("h2", 6000, false)]);
        let url = db("postgresql:///db?host=a,b&port=1,2");
        assert_eq!(hosts(&url), [("a", 1, false), ("b", 2, false)]);
        assert_eq!(
            reason("postgresql:///db?host=a,b,c&port=1,2"),
            "2 ports for 3 hosts: give one port for all hosts, or one per host"
        );
        assert!(reason("mysql://h1,h2/db").contains("one host"));
    }

    #[test]
    fn parameters_override_the_url_as_in_libpq() {
        let url = db("postgresql://u:p@h1:5433/db?host=h2&user=other&password=secret&dbname=x");
        assert_eq!(hosts(&url), [("h2", 5433, false)]);
        assert_eq!(url.user().as_deref(), Some("other"));
        assert_eq!(url.password().unwrap().expose(), "secret");
        assert_eq!(url.database().as_deref(), Some("x"));
        assert_eq!(
            url.to_string(),
            "postgresql://u:***@h1:5433/db?host=h2&user=other&password=***&dbname=x"
        );
        // MySQL has no such parameters.
        let url = db("mysql://u@h/db?user=other");
        assert_eq!(url.user().as_deref(), Some("u"));
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
        // Unencoded `@`: the user information ends at the last `@`.
        let url = db("postgres://app:p@ss@db/app");
        assert_eq!(url.password().unwrap().expose(), "p@ss");
        assert_eq!(url.host(), Some("db"));
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
            ("postgres://h/db?port=x", "not a number"),
            ("postgres://u:pa?ss@h/db", "percent-encoded"),
            ("postgres://u:/pass@h/db", "percent-encoded"),
            ("sqlite://u:pa/ss@h/db", "no user or password"),
        ];
        for (text, want) in cases {
            let reason = reason(text);
            assert!(reason.contains(want), "{text}: {reason}");
        }
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
