//! Differential test: real-world connection strings, read by `attached` and by the parsers
//! of real drivers (tokio-postgres for Postgres, redis-rs for Redis, amq-protocol-uri —
//! lapin's — for AMQP, lettre for SMTP), which must agree on hosts, ports, database (or
//! virtual host, or TLS mode), user and password. For the services without a Rust driver
//! parser here (MySQL, SQLite, MongoDB, S3), `attached` must read what the cited
//! documentation says the string means.
//!
//! Where `attached` refuses a string a driver reads, the case says why and asserts the
//! driver's reading, so a change on either side is noticed.

use attached_core::{AmqpUrl, DatabaseUrl, Endpoints, MongoUrl, RedisUrl, S3Url, SmtpUrl, Value};
use redis::{ConnectionAddr, IntoConnectionInfo};
use tokio_postgres::config::Host as PgHost;

/// What a connection string means, as one parser reads it. Every value is percent-decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Reading {
    /// Each host with its port (defaulted). A Redis Unix socket is `(path, 0)`; a Postgres
    /// socket directory is `(path, port)`, the port naming the socket file.
    hosts: Vec<(String, u16)>,
    /// What the URL selects inside the service: the database (Postgres, MySQL, MongoDB),
    /// the file (SQLite), the database number (Redis), the virtual host (AMQP), the
    /// bucket and key prefix as `bucket/prefix` (S3).
    database: Option<String>,
    user: Option<String>,
    password: Option<String>,
}

/// A `Reading` written in the table.
fn reads(
    hosts: &[(&str, u16)],
    database: Option<&str>,
    user: Option<&str>,
    password: Option<&str>,
) -> Reading {
    Reading {
        hosts: hosts.iter().map(|&(h, p)| (h.to_owned(), p)).collect(),
        database: database.map(str::to_owned),
        user: user.map(str::to_owned),
        password: password.map(str::to_owned),
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Postgres,
    Redis,
    /// `DatabaseUrl` for MySQL/MariaDB and SQLite.
    Database,
    Amqp,
    Mongo,
    S3,
    Smtp,
}

enum Expect {
    /// Compared with the driver's parser (tokio-postgres or redis-rs): the same reading.
    SameAsDriver,
    /// No Rust driver parser compared: `attached` reads what the cited rule says.
    Documented(Reading),
    /// A deliberate difference, explained where the case is written: `attached` reads
    /// `ours`, the driver `theirs`.
    DiffersFromDriver { ours: Reading, theirs: Reading },
    /// `attached` refuses the string with a reason containing this text (and the
    /// driver's reading, if any, is not compared).
    Refused(&'static str),
    /// `attached` refuses the string with a reason containing this text, because the
    /// driver reads it as `theirs`, not as written (or the drivers disagree).
    RefusedWhereDriverReads(&'static str, Reading),
    /// Both refuse it: `attached` with a reason containing this text.
    RefusedByBoth(&'static str),
}

struct Case {
    kind: Kind,
    text: &'static str,
    expect: Expect,
}

fn case(kind: Kind, text: &'static str, expect: Expect) -> Case {
    Case { kind, text, expect }
}

use Expect::*;
use Kind::*;

/// The table. Sources:
/// - [libpq] https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
/// - [redis-rs] https://docs.rs/redis/latest/redis/#connection-parameters and the IANA
///   `redis` scheme (https://www.iana.org/assignments/uri-schemes/prov/redis)
/// - [mysql] https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html
/// - [sqlx] https://docs.rs/sqlx/latest/sqlx/sqlite/struct.SqliteConnectOptions.html
/// - [rabbitmq] https://www.rabbitmq.com/docs/uri-spec
/// - [mongodb] https://www.mongodb.com/docs/manual/reference/connection-string/
/// - [s3] https://docs.aws.amazon.com/cli/latest/reference/s3/ (`s3://bucket/prefix`)
/// - [rfc8314] https://www.rfc-editor.org/rfc/rfc8314 (submission ports 465 and 587)
fn cases() -> Vec<Case> {
    vec![
        // --- Postgres, compared with tokio-postgres -------------------------------------
        // [libpq] the examples of section 32.1.1.2, in order.
        // No host: libpq connects to PGHOST or its default socket directory,
        // tokio-postgres refuses when connecting ("both host and hostaddr are missing"),
        // sqlx takes PGHOST, the first of /var/run/postgresql, /private/tmp and /tmp with
        // a socket, else localhost over TCP (and the `url` crate it parses with refuses
        // `user@` without a host). Refused with the fix.
        case(
            Postgres,
            "postgresql://",
            RefusedWhereDriverReads("%2Fvar%2Frun%2Fpostgresql", reads(&[], None, None, None)),
        ),
        case(Postgres, "postgresql://localhost", SameAsDriver),
        case(Postgres, "postgresql://localhost:5433", SameAsDriver),
        case(Postgres, "postgresql://localhost/mydb", SameAsDriver),
        case(Postgres, "postgresql://user@localhost", SameAsDriver),
        case(Postgres, "postgresql://user:secret@localhost", SameAsDriver),
        // A raw `?` or `#` in the password: libpq reads the user information to the
        // first `@` before any `/`, tokio-postgres to the first `@`; sqlx refuses the URL
        // (a warning).
        case(
            Postgres,
            "postgresql://user:se?cret@localhost/db",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://user:se#cr?et@h1:5433,h2/db?sslmode=require",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql:///mydb?host=localhost&port=5433",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://[2001:db8::1234]/database",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql:///dbname?host=/var/lib/postgresql",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname",
            SameAsDriver,
        ),
        // Real-world forms: Docker Compose service names, managed hosts, encoded passwords.
        case(
            Postgres,
            "postgres://app:s3cr3t@db:5432/billing",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgres://app:p%40ss%3Aw%2Frd@db/billing",
            SameAsDriver,
        ),
        case(Postgres, "postgres://h1:5432,h2:5433/db", SameAsDriver),
        case(Postgres, "postgres://[::1]:5433/app", SameAsDriver),
        case(
            Postgres,
            "postgresql:///dbname",
            RefusedWhereDriverReads(
                "%2Fvar%2Frun%2Fpostgresql",
                reads(&[], Some("dbname"), None, None),
            ),
        ),
        case(
            Postgres,
            "postgresql://u:pw@/db",
            RefusedWhereDriverReads(
                "%2Fvar%2Frun%2Fpostgresql",
                reads(&[], Some("db"), Some("u"), Some("pw")),
            ),
        ),
        case(
            Postgres,
            "postgresql://%2Fvar%2Frun%2Fpostgresql/db",
            SameAsDriver,
        ),
        // An empty host with a port, and `host=`: libpq reads the socket on 5433,
        // tokio-postgres two hosts (an empty name, then the socket), sqlx refuses.
        case(
            Postgres,
            "postgres://u@:5433/db?host=/run/postgresql",
            RefusedWhereDriverReads(
                "empty",
                reads(
                    &[("", 5433), ("/run/postgresql", 5433)],
                    Some("db"),
                    Some("u"),
                    None,
                ),
            ),
        ),
        case(
            Postgres,
            "postgres://u@%2Frun%2Fpostgresql:5433/db",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgres://postgres@localhost/postgres?sslmode=disable",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgres://uf4a1b:p9c2e7d@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d8n1c0",
            SameAsDriver,
        ),
        case(
            Postgres,
            "postgresql://user:secret@localhost?sslmode=require",
            SameAsDriver,
        ),
        case(Postgres, "postgres://me%40corp:pw@db/app", SameAsDriver),
        case(
            Postgres,
            "postgresql://%2Ftmp:5433/app?user=svc",
            SameAsDriver,
        ),
        // An unencoded `@` in the password: libpq and tokio-postgres end the user
        // information at the first `@` (password `p`, host `ss@db`), sqlx at the last.
        // Refused with the fix, %40.
        case(
            Postgres,
            "postgres://app:p@ss@db/billing",
            RefusedWhereDriverReads(
                "%40",
                reads(&[("ss@db", 5432)], Some("billing"), Some("app"), Some("p")),
            ),
        ),
        // An `@` in a parameter: tokio-postgres reads everything before it as the user.
        case(
            Postgres,
            "postgres://h/db?application_name=a@b",
            RefusedWhereDriverReads(
                "%40",
                reads(&[("b", 5432)], None, Some("h/db?application_name=a"), None),
            ),
        ),
        // `?host=` *replaces* the URL's hosts in libpq and sqlx; tokio-postgres appends it.
        case(
            Postgres,
            "postgresql://h1/db?host=h2",
            RefusedWhereDriverReads(
                "one place",
                reads(&[("h1", 5432), ("h2", 5432)], Some("db"), None, None),
            ),
        ),
        // `?port=` replaces the port list in libpq (one port for every host) and sqlx;
        // tokio-postgres appends it to the URL's three defaulted ports, and its connect
        // then refuses four ports for three hosts. Its reading below is what its connect
        // would use for each host if it did not refuse.
        case(
            Postgres,
            "postgresql://h1,h2,h3/db?port=5433",
            RefusedWhereDriverReads(
                "after the host",
                reads(
                    &[("h1", 5432), ("h2", 5432), ("h3", 5432)],
                    Some("db"),
                    None,
                    None,
                ),
            ),
        ),
        case(
            Postgres,
            "postgresql://h1:5433,h2:5433,h3:5433/db",
            SameAsDriver,
        ),
        // A list in `host=`: libpq splits it, tokio-postgres reads one host name.
        case(
            Postgres,
            "postgresql:///db?host=a,b",
            RefusedWhereDriverReads(
                "one host name",
                reads(&[("a,b", 5432)], Some("db"), None, None),
            ),
        ),
        // `+` in a parameter: a plus for libpq and tokio-postgres, a space for sqlx.
        case(
            Postgres,
            "postgres://h/db?password=a+b",
            RefusedWhereDriverReads("%2B", reads(&[("h", 5432)], Some("db"), None, Some("a+b"))),
        ),
        case(Postgres, "postgres://h/db?password=a%2Bb", SameAsDriver),
        // An empty user name or password is none, as in libpq (`if (*user && ...)`);
        // tokio-postgres keeps the empty strings.
        case(
            Postgres,
            "postgres://:secret@db/app",
            DiffersFromDriver {
                ours: reads(&[("db", 5432)], Some("app"), None, Some("secret")),
                theirs: reads(&[("db", 5432)], Some("app"), Some(""), Some("secret")),
            },
        ),
        case(
            Postgres,
            "postgresql://user:@localhost/db",
            DiffersFromDriver {
                ours: reads(&[("localhost", 5432)], Some("db"), Some("user"), None),
                theirs: reads(&[("localhost", 5432)], Some("db"), Some("user"), Some("")),
            },
        ),
        // `hostaddr`: libpq and tokio-postgres connect to the address and keep the host
        // name for TLS; the names are the hosts (where the check connects is compared in
        // `hostaddr_is_where_tokio_postgres_connects`). With no host at all, tokio-postgres
        // reads no host and one address, as libpq and sqlx connect to it.
        case(
            Postgres,
            "postgres://db.internal:5432/app?hostaddr=10.1.2.3&sslmode=require",
            SameAsDriver,
        ),
        case(Postgres, "postgres:///db?hostaddr=10.0.0.1", SameAsDriver),
        case(
            Postgres,
            "postgres://a:5433,b:5434/app?hostaddr=10.0.0.1,10.0.0.2",
            SameAsDriver,
        ),
        // An address for a socket directory: tokio-postgres (as libpq) connects to the
        // address, sqlx to the socket.
        case(
            Postgres,
            "postgres://%2Frun%2Fpostgresql/db?hostaddr=127.0.0.1",
            RefusedWhereDriverReads(
                "sqlx to the socket",
                reads(&[("/run/postgresql", 5432)], Some("db"), None, None),
            ),
        ),
        // A name in `hostaddr`: all three refuse it.
        case(
            Postgres,
            "postgres://h/app?hostaddr=db.internal",
            RefusedByBoth("IP addresses"),
        ),
        // `ssl=true`: libpq reads `sslmode=require`, sqlx ignores it (`prefer`),
        // tokio-postgres refuses it. Refused, with `sslmode=require`.
        case(
            Postgres,
            "postgres://h/db?ssl=true",
            RefusedByBoth("write `sslmode=require`"),
        ),
        // An `sslmode` none of the three reads (sqlx ignores its case, and refuses `bogus`).
        case(
            Postgres,
            "postgres://h/db?sslmode=bogus",
            RefusedByBoth("no driver reads"),
        ),
        case(
            Postgres,
            "postgres://h/db?sslmode=",
            RefusedByBoth("no driver reads"),
        ),
        // An empty override: tokio-postgres (and sqlx) read it empty, not the URL's own
        // password, user or database; attached reads an empty one as none, as for the
        // URL's own (libpq falls back to its password file, the system's user and the
        // user's database: a warning for the first two).
        case(
            Postgres,
            "postgres://u:secret@h/db?password=",
            DiffersFromDriver {
                ours: reads(&[("h", 5432)], Some("db"), Some("u"), None),
                theirs: reads(&[("h", 5432)], Some("db"), Some("u"), Some("")),
            },
        ),
        case(
            Postgres,
            "postgres://u@h/db?user=",
            DiffersFromDriver {
                ours: reads(&[("h", 5432)], Some("db"), None, None),
                theirs: reads(&[("h", 5432)], Some("db"), Some(""), None),
            },
        ),
        case(
            Postgres,
            "postgres://u@h/db?dbname=",
            DiffersFromDriver {
                ours: reads(&[("h", 5432)], None, Some("u"), None),
                theirs: reads(&[("h", 5432)], Some(""), Some("u"), None),
            },
        ),
        // --- Redis, compared with redis-rs ----------------------------------------------
        // [redis-rs] its documented forms.
        case(Redis, "redis://127.0.0.1:6379", SameAsDriver),
        case(Redis, "redis://user:password@127.0.0.1:6379", SameAsDriver),
        case(Redis, "redis://:password@127.0.0.1:6379", SameAsDriver),
        case(Redis, "redis://127.0.0.1:6379/0", SameAsDriver),
        case(Redis, "redis://localhost/?protocol=resp3", SameAsDriver),
        case(Redis, "redis+unix:///tmp/redis.sock", SameAsDriver),
        case(
            Redis,
            "unix:///var/run/redis/redis.sock?db=2&user=app&pass=secret",
            SameAsDriver,
        ),
        case(Redis, "unix:/tmp/redis.sock", SameAsDriver),
        // Real-world forms: Compose names, Redis Cloud, IPv6, encoded and unencoded `@`.
        case(Redis, "redis://redis", SameAsDriver),
        // The `url` crate, which redis-rs, lapin and lettre parse with, lower-cases the
        // scheme: read in any case (and kept in lowercase). libpq and tokio-postgres compare
        // it as written: refused there.
        case(Redis, "REDIS://cache:6380/3", SameAsDriver),
        case(Redis, "Redis://:pw@cache/2", SameAsDriver),
        case(Amqp, "AMQP://u:p@mq.internal/prod", SameAsDriver),
        case(Smtp, "SMTPS://u:p@mail.example.com", SameAsDriver),
        case(Postgres, "POSTGRES://db/app", RefusedByBoth("lowercase")),
        case(Redis, "redis://cache:6380/3", SameAsDriver),
        case(
            Redis,
            "redis://default:p%40ss%2Fw0rd@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345",
            SameAsDriver,
        ),
        case(Redis, "redis://[::1]:6380/1", SameAsDriver),
        case(Redis, "redis://:p@ss@cache/2", SameAsDriver),
        // `?db=` on a TCP URL: redis-rs ignores it and selects database 0. Refused, with
        // the fix (the number as the path).
        case(
            Redis,
            "redis://cache?db=2",
            RefusedWhereDriverReads(
                "as the path",
                reads(&[("cache", 6379)], Some("0"), None, None),
            ),
        ),
        // Valkey's schemes, read as Redis'.
        case(Redis, "valkey://cache:6380/1", SameAsDriver),
        case(
            Redis,
            "valkey+unix:///run/valkey.sock?db=3&pass=pw",
            SameAsDriver,
        ),
        // Socket parameters: `pass` and `user`, the query read as a form (`+` a space).
        case(
            Redis,
            "unix:///tmp/r.sock?user=a+b&pass=c+d%2Be",
            SameAsDriver,
        ),
        case(
            Redis,
            "unix:///tmp/r.sock?password=pw",
            RefusedWhereDriverReads(
                "reads `pass=`",
                reads(&[("/tmp/r.sock", 0)], Some("0"), None, None),
            ),
        ),
        case(
            Redis,
            "unix:///tmp/r.sock?db=1&db=2",
            RefusedWhereDriverReads("twice", reads(&[("/tmp/r.sock", 0)], Some("2"), None, None)),
        ),
        // A token as the lone user name.
        case(
            Redis,
            "redis://a1b2c3d4e5f6a7b8c9d0@cache:6379",
            SameAsDriver,
        ),
        case(
            Redis,
            "redis://cache?protocol=4",
            RefusedByBoth("`protocol`"),
        ),
        // TLS: the redis-rs built here has no TLS feature (it would refuse `rediss`), so
        // this is checked against its documented meaning: same as `redis://`, over TLS.
        case(
            Redis,
            "rediss://:pw@cache.example.com:6380/1",
            Documented(reads(
                &[("cache.example.com", 6380)],
                Some("1"),
                None,
                Some("pw"),
            )),
        ),
        // --- MySQL and MariaDB ----------------------------------------------------------
        // [mysql] `scheme://user:password@host:port/schema`, sockets percent-encoded.
        case(
            Database,
            "mysql://user_name@localhost:3306",
            Documented(reads(&[("localhost", 3306)], None, Some("user_name"), None)),
        ),
        case(
            Database,
            "mysql://myuser:mypass@localhost/world_x",
            Documented(reads(
                &[("localhost", 3306)],
                Some("world_x"),
                Some("myuser"),
                Some("mypass"),
            )),
        ),
        // MySQL's own form of a socket; sqlx and mysql_async take the host as written, a
        // TCP host name (`url.host_str()`): a warning, naming `?socket=`.
        case(
            Database,
            "mysql://root@%2Ftmp%2Fmysql.sock/app",
            Documented(reads(
                &[("/tmp/mysql.sock", 3306)],
                Some("app"),
                Some("root"),
                None,
            )),
        ),
        case(
            Database,
            "mariadb://app:s3cret@mariadb:3307/shop?ssl-mode=REQUIRED",
            Documented(reads(
                &[("mariadb", 3307)],
                Some("shop"),
                Some("app"),
                Some("s3cret"),
            )),
        ),
        case(
            Database,
            "mysql://root:pass@[::1]:3306/test",
            Documented(reads(
                &[("::1", 3306)],
                Some("test"),
                Some("root"),
                Some("pass"),
            )),
        ),
        // --- SQLite ---------------------------------------------------------------------
        // [sqlx] `sqlite://path`, `sqlite:path`, `sqlite::memory:`, with `?mode=` options.
        case(
            Database,
            "sqlite:///var/lib/app/data.db",
            Documented(reads(&[], Some("/var/lib/app/data.db"), None, None)),
        ),
        case(
            Database,
            "sqlite::memory:",
            Documented(reads(&[], Some(":memory:"), None, None)),
        ),
        case(
            Database,
            "sqlite://data.db?mode=rwc",
            Documented(reads(&[], Some("data.db"), None, None)),
        ),
        // --- RabbitMQ, compared with amq-protocol-uri (lapin's) -----------------------
        // [rabbitmq] the examples of the URI specification that name a host.
        case(Amqp, "amqp://user:pass@host:10000/vhost", SameAsDriver),
        case(
            Amqp,
            "amqp://user%61:%61pass@ho%61st:10000/v%2fhost",
            SameAsDriver,
        ),
        // No path: the default virtual host, `/`.
        case(Amqp, "amqp://host", SameAsDriver),
        case(Amqp, "amqp://host/%2f", SameAsDriver),
        case(
            Amqp,
            "amqps://app:s3cret@rabbitmq.example.com/%2Fprod",
            SameAsDriver,
        ),
        case(Amqp, "amqp://127.0.0.1:5672", SameAsDriver),
        case(
            Amqp,
            "amqp://app@mq/billing?heartbeat=30&channel_max=64",
            SameAsDriver,
        ),
        // A lone `/` is the empty virtual host (the specification, lapin); `//` is `/`
        // (Celery, kombu); `//prod` is `/prod`.
        case(Amqp, "amqp://guest:guest@localhost:5672/", SameAsDriver),
        case(Amqp, "amqp://guest:guest@localhost:5672//", SameAsDriver),
        case(Amqp, "amqp://h//prod", SameAsDriver),
        case(Amqp, "amqp://h/a/b", SameAsDriver),
        // An IPv6 address: amq-protocol-uri reads only domain names (and IPv4 addresses
        // written as names), so it connects to `localhost`. Refused with the reason.
        case(
            Amqp,
            "amqp://[::1]",
            RefusedWhereDriverReads(
                "reads it as localhost",
                reads(
                    &[("localhost", 5672)],
                    Some("/"),
                    Some("guest"),
                    Some("guest"),
                ),
            ),
        ),
        case(
            Amqp,
            "amqp://h?heartbeat=soon",
            RefusedByBoth("`heartbeat`"),
        ),
        // The specification lets every part default (`localhost`); attached requires the
        // host, a configuration that names no broker being a mistake.
        case(Amqp, "amqp://", Refused("missing host")),
        // --- MongoDB --------------------------------------------------------------------
        // [mongodb] the examples of the connection string reference.
        case(
            Mongo,
            "mongodb://mongodb0.example.com:27017",
            Documented(reads(&[("mongodb0.example.com", 27017)], None, None, None)),
        ),
        case(
            Mongo,
            "mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017/?authSource=admin",
            Documented(reads(
                &[("mongodb0.example.com", 27017)],
                None,
                Some("myDBReader"),
                Some("D1fficultP@ssw0rd"),
            )),
        ),
        case(
            Mongo,
            "mongodb://myDBReader:D1fficultP%40ssw0rd@mongodb0.example.com:27017,mongodb1.example.com:27017,mongodb2.example.com:27017/?authSource=admin&replicaSet=myRepl",
            Documented(reads(
                &[
                    ("mongodb0.example.com", 27017),
                    ("mongodb1.example.com", 27017),
                    ("mongodb2.example.com", 27017),
                ],
                None,
                Some("myDBReader"),
                Some("D1fficultP@ssw0rd"),
            )),
        ),
        // SRV: one host name, no port (27017 is nominal: DNS gives the servers).
        case(
            Mongo,
            "mongodb+srv://myDatabaseUser:D1fficultP%40ssw0rd@cluster0.example.mongodb.net/?retryWrites=true&w=majority",
            Documented(reads(
                &[("cluster0.example.mongodb.net", 27017)],
                None,
                Some("myDatabaseUser"),
                Some("D1fficultP@ssw0rd"),
            )),
        ),
        case(
            Mongo,
            "mongodb://%2Ftmp%2Fmongodb-27017.sock",
            Documented(reads(
                &[("/tmp/mongodb-27017.sock", 27017)],
                None,
                None,
                None,
            )),
        ),
        case(
            Mongo,
            "mongodb://mongo/app",
            Documented(reads(&[("mongo", 27017)], Some("app"), None, None)),
        ),
        // "A port number is not allowed with mongodb+srv".
        case(
            Mongo,
            "mongodb+srv://cluster0.example.mongodb.net:27017/",
            Refused("no port"),
        ),
        // --- S3 -------------------------------------------------------------------------
        // [s3] `s3://bucket/prefix`.
        case(
            S3,
            "s3://mybucket/path/to/",
            Documented(reads(&[], Some("mybucket/path/to/"), None, None)),
        ),
        case(
            S3,
            "s3://amzn-s3-demo-bucket",
            Documented(reads(&[], Some("amzn-s3-demo-bucket/"), None, None)),
        ),
        case(
            S3,
            "s3://amzn-s3-demo-bucket/2024/01/?region=eu-west-1",
            Documented(reads(&[], Some("amzn-s3-demo-bucket/2024/01/"), None, None)),
        ),
        // Bucket names are lowercase letters, digits, `.` and `-`.
        case(S3, "s3://My_Bucket/x", Refused("bucket name")),
        // --- SMTP, compared with lettre's `SmtpTransport::from_url` --------------------
        // [rfc8314] implicit TLS on 465; lettre: no `tls` is no encryption on 25,
        // `tls=required` and `tls=opportunistic` STARTTLS on 587.
        case(Smtp, "smtps://apikey:SG.x@smtp.sendgrid.net", SameAsDriver),
        case(
            Smtp,
            "smtp://me%40example.com:pw@smtp.office365.com",
            SameAsDriver,
        ),
        case(
            Smtp,
            "smtp://me%40example.com:pw@smtp.office365.com?tls=required",
            SameAsDriver,
        ),
        case(Smtp, "smtp://mailhog:1025", SameAsDriver),
        case(Smtp, "smtp://relay:2525?tls=opportunistic", SameAsDriver),
        case(
            Smtp,
            "smtps://smtp.example.com/mail.example.org",
            SameAsDriver,
        ),
        case(
            Smtp,
            "smtps://smtp.example.com:4650?tls=required",
            SameAsDriver,
        ),
        case(
            Smtp,
            "smtps://me@example.com:p%2Bw@smtp.example.com",
            SameAsDriver,
        ),
        // lettre sends no credentials without a password: refused.
        case(
            Smtp,
            "smtps://me@smtp.example.com",
            RefusedWhereDriverReads(
                "without a password",
                reads(&[("smtp.example.com", 465)], Some("implicit"), None, None),
            ),
        ),
        // lettre hands an IPv6 address to the resolver with its brackets.
        case(
            Smtp,
            "smtp://[::1]:2525",
            RefusedWhereDriverReads("IPv6", reads(&[("[::1]", 2525)], Some("none"), None, None)),
        ),
        // Forms lettre refuses, refused here with the fix.
        case(Smtp, "smtp://h?tls=none", RefusedByBoth("leave it out")),
        case(Smtp, "smtp://h?tls=starttls", RefusedByBoth("tls=required")),
        // Credentials in a TCP URL's query: redis-rs reads none of them (Perl's and
        // deno's clients write them so).
        case(
            Redis,
            "redis://h:6379/0?password=pw",
            RefusedWhereDriverReads(
                "`password=` in a TCP Redis URL",
                reads(&[("h", 6379)], Some("0"), None, None),
            ),
        ),
        // An empty password: lapin sends its default, as this table reads `None` (a
        // warning says so).
        case(Amqp, "amqp://app:@h/v", SameAsDriver),
        // A `%` that starts no escape in a password is a `%`, as each driver's
        // `percent_decode` reads it (Postgres warns that libpq refuses it).
        case(Postgres, "postgres://u:50%off@h/db", SameAsDriver),
        case(Redis, "redis://:50%off@h:6379", SameAsDriver),
        case(Amqp, "amqp://u:50%off@h/v", SameAsDriver),
        case(Smtp, "smtp://u:50%off@h:587?tls=required", SameAsDriver),
        // An IPv6 address with a zone: the `url` crate, which redis-rs, lapin and lettre
        // read URLs with, refuses it (tokio-postgres reads it: a warning there, below).
        case(
            Redis,
            "redis://[fe80::1%25eth0]:6379",
            RefusedByBoth("an IPv6 address with a zone"),
        ),
        case(
            Amqp,
            "amqp://[fe80::1%25eth0]:5672/%2f",
            RefusedByBoth("an IPv6 address with a zone"),
        ),
        case(
            Smtp,
            "smtp://[fe80::1%25eth0]:587",
            RefusedByBoth("an IPv6 address with a zone"),
        ),
    ]
}

/// tokio-postgres reads an IPv6 address with a zone (its host, decoded); `DatabaseUrl`
/// takes it, with a warning that sqlx refuses it.
#[test]
fn tokio_postgres_reads_an_ipv6_zone() {
    let text = "postgres://u:p@[fe80::1%25eth0]:5432/db";
    let config: tokio_postgres::Config = text.parse().unwrap();
    assert_eq!(config.get_hosts(), [PgHost::Tcp("fe80::1%eth0".to_owned())]);
    let url: DatabaseUrl = text.parse().unwrap();
    let mut warnings = Vec::new();
    url.warnings(&mut |w| warnings.push(w));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("an IPv6 address with a zone") && w.contains("sqlx")),
        "{warnings:?}"
    );
}

/// How `attached` reads `text` as `kind`.
fn attached(kind: Kind, text: &str) -> Result<Reading, String> {
    fn host_pairs(hosts: &[attached_core::Host]) -> Vec<(String, u16)> {
        hosts
            .iter()
            .map(|h| (h.name().to_owned(), h.port()))
            .collect()
    }
    fn owned(value: Option<std::borrow::Cow<'_, str>>) -> Option<String> {
        value.map(|v| v.into_owned())
    }
    let reading = match kind {
        Postgres | Database => {
            let url: DatabaseUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            Reading {
                hosts: host_pairs(url.hosts()),
                database: owned(url.database()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        Redis => {
            let url: RedisUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            let hosts = match url.socket() {
                Some(path) => vec![(path.display().to_string(), 0)],
                None => host_pairs(url.hosts()),
            };
            Reading {
                hosts,
                database: Some(url.db().to_string()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        Amqp => {
            let url: AmqpUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            // lapin's defaults for what is not given.
            Reading {
                hosts: host_pairs(url.hosts()),
                database: Some(url.vhost().into_owned()),
                user: Some(owned(url.user()).unwrap_or_else(|| "guest".into())),
                password: Some(
                    url.password()
                        .map_or_else(|| "guest".into(), |p| p.expose().clone()),
                ),
            }
        }
        Mongo => {
            let url: MongoUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            Reading {
                hosts: host_pairs(url.hosts()),
                database: owned(url.database()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        S3 => {
            let url: S3Url = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            Reading {
                hosts: Vec::new(),
                database: Some(format!("{}/{}", url.bucket(), url.prefix())),
                user: None,
                password: None,
            }
        }
        Smtp => {
            let url: SmtpUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), kept(text));
            Reading {
                hosts: host_pairs(url.hosts()),
                database: Some(smtp_mode(
                    &url.tls().to_string(),
                    url.hello_name(),
                    url.password().is_some(),
                )),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
    };
    Ok(reading)
}

/// How tokio-postgres reads `text`, with the ports its `connect` would use: the host's
/// own, else the first, else 5432.
/// `text` as a type keeps it: the scheme in lowercase, where the drivers read it in any
/// case (`REDIS://` is kept as `redis://`); the rest as written.
fn kept(text: &str) -> String {
    match text.split_once("://") {
        Some((scheme, rest)) => format!("{}://{rest}", scheme.to_ascii_lowercase()),
        None => text.to_owned(),
    }
}

fn tokio_postgres(text: &str) -> Result<Reading, String> {
    let config: tokio_postgres::Config = text.parse().map_err(|e| format!("{e}"))?;
    let ports = config.get_ports();
    let hosts = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
            let name = match host {
                PgHost::Tcp(name) => name.clone(),
                PgHost::Unix(path) => path.display().to_string(),
            };
            (name, port)
        })
        .collect();
    Ok(Reading {
        hosts,
        database: config.get_dbname().map(str::to_owned),
        user: config.get_user().map(str::to_owned),
        password: config
            .get_password()
            .map(|p| String::from_utf8(p.to_vec()).expect("a UTF-8 password")),
    })
}

/// How redis-rs reads `text`.
fn redis_rs(text: &str) -> Result<Reading, String> {
    let info = text.into_connection_info().map_err(|e| format!("{e}"))?;
    let hosts = match info.addr {
        ConnectionAddr::Tcp(host, port) | ConnectionAddr::TcpTls { host, port, .. } => {
            vec![(host, port)]
        }
        ConnectionAddr::Unix(path) => vec![(path.display().to_string(), 0)],
    };
    Ok(Reading {
        hosts,
        database: Some(info.redis.db.to_string()),
        user: info.redis.username,
        password: info.redis.password,
    })
}

/// How amq-protocol-uri (lapin's URI parser) reads `text`.
fn lapin(text: &str) -> Result<Reading, String> {
    let uri: amq_protocol_uri::AMQPUri = text.parse()?;
    let authority = uri.authority;
    Ok(Reading {
        hosts: vec![(authority.host, authority.port)],
        database: Some(uri.vhost),
        user: Some(authority.userinfo.username),
        password: Some(authority.userinfo.password),
    })
}

/// An SMTP URL's TLS mode, `EHLO` name and whether credentials are sent, as one text:
/// lettre shows no more of its credentials than whether it has some.
fn smtp_mode(tls: &str, hello: Option<&str>, credentials: bool) -> String {
    let mut mode = tls.to_owned();
    if let Some(hello) = hello {
        mode.push_str(&format!(" helo={hello}"));
    }
    if credentials {
        mode.push_str(" credentials");
    }
    mode
}

/// How lettre's `SmtpTransport::from_url` reads `text`, from its builder's `Debug` (its
/// fields are private). User and password are not compared: lettre's `Debug` hides them.
fn lettre(text: &str) -> Result<Reading, String> {
    let builder = lettre::SmtpTransport::from_url(text).map_err(|e| e.to_string())?;
    let debug = format!("{builder:?}");
    let field = |name: &str| -> String {
        let start = debug.find(&format!("{name}: ")).expect(name) + name.len() + 2;
        let rest = &debug[start..];
        rest[..rest.find([',', ' ']).unwrap_or(rest.len())].to_owned()
    };
    let server = field("server").trim_matches('"').to_owned();
    let port: u16 = field("port").parse().expect("a port");
    let tls = match field("tls").as_str() {
        "None" => "none",
        "Required" => "starttls",
        "Opportunistic" => "opportunistic",
        "Wrapper" => "implicit",
        other => panic!("lettre's tls {other}"),
    };
    let hello = field("hello_name");
    let hello = hello
        .strip_prefix("Domain(\"")
        .and_then(|name| name.strip_suffix("\")"));
    let credentials = field("credentials") != "None";
    Ok(Reading {
        hosts: vec![(server, port)],
        database: Some(smtp_mode(tls, hello, credentials)),
        user: None,
        password: None,
    })
}

fn driver(kind: Kind, text: &str) -> Option<Result<Reading, String>> {
    match kind {
        Postgres => Some(tokio_postgres(text)),
        Redis => Some(redis_rs(text)),
        Amqp => Some(lapin(text)),
        Smtp => Some(lettre(text)),
        _ => None,
    }
}

/// What the driver's reading can be compared on: lettre's hides user and password.
fn comparable(kind: Kind, reading: Result<Reading, String>) -> Result<Reading, String> {
    reading.map(|mut reading| {
        if let Smtp = kind {
            reading.user = None;
            reading.password = None;
        }
        reading
    })
}

#[test]
fn attached_reads_what_drivers_and_documents_read() {
    let cases = cases();
    let mut failures = Vec::new();
    for Case { kind, text, expect } in &cases {
        let ours = attached(*kind, text);
        let problem = match expect {
            SameAsDriver => {
                let theirs = driver(*kind, text).expect("a driver for this kind");
                let ours = comparable(*kind, ours);
                (ours != theirs).then(|| format!("attached {ours:?}\n  driver   {theirs:?}"))
            }
            Documented(want) => (ours.as_ref() != Ok(want))
                .then(|| format!("attached {ours:?}\n  expected {want:?}")),
            DiffersFromDriver {
                ours: want,
                theirs: driver_want,
            } => {
                let theirs = driver(*kind, text).expect("a driver for this kind");
                (ours.as_ref() != Ok(want) || theirs.as_ref() != Ok(driver_want)).then(|| {
                    format!(
                        "attached {ours:?}\n  expected {want:?}\n  driver   {theirs:?}\n  expected {driver_want:?}"
                    )
                })
            }
            Refused(reason) => match &ours {
                Err(error) if error.contains(reason) => None,
                _ => Some(format!(
                    "attached {ours:?}\n  expected an error with {reason:?}"
                )),
            },
            RefusedWhereDriverReads(reason, driver_want) => {
                let theirs = driver(*kind, text).expect("a driver for this kind");
                let refused = matches!(&ours, Err(error) if error.contains(reason));
                (!refused || theirs.as_ref() != Ok(driver_want)).then(|| {
                    format!(
                        "attached {ours:?}\n  expected an error with {reason:?}\n  driver   {theirs:?}\n  expected {driver_want:?}"
                    )
                })
            }
            RefusedByBoth(reason) => {
                let theirs = driver(*kind, text).expect("a driver for this kind");
                let refused = matches!(&ours, Err(error) if error.contains(reason));
                (!refused || theirs.is_ok()).then(|| {
                    format!(
                        "attached {ours:?}\n  expected an error with {reason:?}\n  driver   {theirs:?}\n  expected an error"
                    )
                })
            }
        };
        if let Some(problem) = problem {
            failures.push(format!("{kind:?} {text}\n  {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_table_is_large_enough() {
    let cases = cases();
    let compared = cases
        .iter()
        .filter(|c| {
            matches!(
                c.expect,
                SameAsDriver
                    | DiffersFromDriver { .. }
                    | RefusedWhereDriverReads(..)
                    | RefusedByBoth(_)
            )
        })
        .count();
    assert!(cases.len() >= 40, "{} connection strings", cases.len());
    assert!(compared >= 40, "{compared} compared with a driver");
}

/// The drivers see the same password that `attached` hides: a driver given `.expose()`
/// authenticates with what `password()` returns, and `Display` shows neither.
#[test]
fn the_exposed_text_carries_the_hidden_password() {
    let text = "postgres://app:Sup3r%2FS3cret@db1,db2:5433/billing?sslmode=require";
    let url: DatabaseUrl = text.parse().unwrap();
    let config: tokio_postgres::Config = url.expose().parse().unwrap();
    assert_eq!(
        config.get_password(),
        Some(url.password().unwrap().expose().as_bytes())
    );
    assert!(!url.to_string().contains("Sup3r"));

    let text = "redis://:Sup3r%40S3cret@cache:6379/2";
    let url: RedisUrl = text.parse().unwrap();
    let info = url.expose().into_connection_info().unwrap();
    assert_eq!(info.redis.password.as_deref(), Some("Sup3r@S3cret"));
    assert_eq!(url.password().unwrap().expose(), "Sup3r@S3cret");
    assert!(!format!("{url:?}").contains("Sup3r"));
}

/// A parameter the drivers do not know is a warning naming the ones that refuse it, and
/// they do refuse it.
#[test]
fn unknown_parameters_are_warnings_where_drivers_refuse_them() {
    fn warnings<T: Value>(text: &str) -> Vec<String> {
        let value = T::parse(text).unwrap();
        let mut all = Vec::new();
        value.warnings(&mut |w| all.push(w));
        all
    }
    let text = "postgres://h/db?pgbouncer=true";
    assert!(tokio_postgres(text).is_err());
    assert_eq!(
        warnings::<DatabaseUrl>(text),
        ["unknown parameter `pgbouncer` (libpq and tokio-postgres refuse it, sqlx ignores it)"]
    );
    let text = "postgres://h/db?sslmdoe=require";
    assert!(tokio_postgres(text).is_err());
    assert!(warnings::<DatabaseUrl>(text)[0].contains("did you mean `sslmode`?"));
    // redis-rs and lapin ignore what they do not know.
    let text = "redis://h/0?timeout=5";
    assert_eq!(redis_rs(text), redis_rs("redis://h/0"));
    assert!(warnings::<RedisUrl>(text)[0].contains("redis-rs ignores it"));
    let text = "amqp://h/v?heartbeet=5";
    assert_eq!(lapin(text), lapin("amqp://h/v"));
    assert!(warnings::<AmqpUrl>(text)[0].contains("did you mean `heartbeat`?"));
    let text = "smtps://h?tsl=required";
    assert_eq!(lettre(text), lettre("smtps://h"));
    assert!(warnings::<SmtpUrl>(text)[0].contains("did you mean `tls`?"));
}

/// `hostaddr`: tokio-postgres pairs its addresses with the hosts (and the ports) one by
/// one and connects to the address; the startup check connects there too, and `hosts()`
/// stays the names, which tokio-postgres keeps for TLS.
#[test]
fn hostaddr_is_where_tokio_postgres_connects() {
    for text in [
        "postgres://db.internal:5432/app?hostaddr=10.1.2.3&sslmode=require",
        "postgres://a:5433,b:5434/app?hostaddr=10.0.0.1,::1",
        "postgres:///db?hostaddr=10.0.0.1&port=5433",
    ] {
        let config: tokio_postgres::Config = text.parse().unwrap();
        let ports = config.get_ports();
        let theirs: Vec<(String, u16)> = config
            .get_hostaddrs()
            .iter()
            .enumerate()
            .map(|(i, address)| {
                let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
                (address.to_string(), port)
            })
            .collect();
        let url: DatabaseUrl = text.parse().unwrap();
        let Endpoints::Hosts(ours) = url.endpoints() else {
            panic!("{text}: not checked")
        };
        let ours: Vec<(String, u16)> = ours
            .iter()
            .map(|h| (h.name().to_owned(), h.port()))
            .collect();
        assert_eq!(ours, theirs, "{text}");
        assert_eq!(
            tokio_postgres(text).unwrap().hosts,
            url.hosts()
                .iter()
                .map(|h| (h.name().to_owned(), h.port()))
                .collect::<Vec<_>>(),
            "{text}"
        );
    }
}

/// A value tokio-postgres refuses and libpq or sqlx reads, or the reverse, is a warning
/// naming who refuses it; so is query syntax libpq and tokio-postgres refuse and sqlx
/// reads. tokio-postgres does refuse each of these (and reads the last ones).
#[test]
fn what_one_driver_refuses_is_a_warning_naming_it() {
    fn warnings(text: &str) -> Vec<String> {
        let url: DatabaseUrl = text.parse().unwrap();
        let mut all = Vec::new();
        url.warnings(&mut |w| all.push(w));
        all
    }
    let refused_by_tokio_postgres = [
        (
            "postgres://h/db?sslmode=verify-full",
            "tokio-postgres refuses it; libpq and sqlx verify the server's certificate and \
             its host name",
        ),
        (
            "postgres://h/db?sslmode=verify-ca",
            "tokio-postgres refuses it",
        ),
        ("postgres://h/db?sslmode=allow", "tokio-postgres refuses it"),
        (
            "postgres://h/db?sslmode=REQUIRE",
            "libpq and tokio-postgres refuse it, sqlx reads it",
        ),
        (
            "postgres://h/db?target_session_attrs=primary",
            "tokio-postgres refuses it, libpq reads it",
        ),
        (
            "postgres://h/db?connect_timeout=abc",
            "libpq and tokio-postgres refuse its value",
        ),
        (
            "postgres://h/db?keepalives=-1",
            "tokio-postgres refuses its value, libpq reads it",
        ),
        (
            "postgres://h1,h2/db?hostaddr=,10.0.0.2",
            "tokio-postgres and sqlx refuse an empty address",
        ),
        (
            "postgres://h/db?ssl=true&sslmode=require",
            "`ssl=true`: libpq reads it as `sslmode=require`",
        ),
        ("postgres://h/db?application_name", "without `=`"),
        ("postgres://h/db?&sslmode=require", "an empty parameter"),
        (
            "postgres://h/db?sslmode=require&&application_name=x",
            "an empty parameter",
        ),
        (
            "postgres://h/db?options[search_path]=app",
            "only sqlx reads it (as `options=-c search_path=...`)",
        ),
    ];
    for (text, want) in refused_by_tokio_postgres {
        assert!(tokio_postgres(text).is_err(), "{text}");
        // A list of hosts has a warning of its own (sqlx reads one host).
        let mut all = warnings(text);
        all.retain(|w| !w.starts_with("a list of hosts"));
        assert!(all.len() == 1 && all[0].contains(want), "{text}: {all:?}");
    }
    // libpq alone refuses a second `=`: tokio-postgres reads it as part of the value.
    let text = "postgres://h/db?options=-csearch_path=app";
    let config: tokio_postgres::Config = text.parse().unwrap();
    assert_eq!(config.get_options(), Some("-csearch_path=app"));
    assert!(warnings(text)[0].contains("libpq refuses it"));
    // Newer than libpq 15: tokio-postgres reads them.
    let text = "postgres://h/db?sslnegotiation=direct&sslmode=require";
    assert!(tokio_postgres(text).is_ok());
    assert_eq!(
        warnings(text),
        ["parameter `sslnegotiation`: libpq before 17 refuses it"]
    );
    let text = "postgres://h1,h2/db?load_balance_hosts=random";
    assert!(tokio_postgres(text).is_ok());
    assert_eq!(
        warnings(text),
        [
            "a list of hosts: libpq and tokio-postgres try each in turn, sqlx reads one host \
             only (it refuses a list with ports, `invalid port number`, and looks up `h1,h2` \
             as one name)",
            "parameter `load_balance_hosts`: libpq before 16 refuses it"
        ]
    );
    // An empty `password=` is read as given: not the URL's own password.
    let text = "postgres://u:secret@h/db?password=";
    let config: tokio_postgres::Config = text.parse().unwrap();
    assert_eq!(config.get_password(), Some(&b""[..]));
    assert!(warnings(text)[0].contains("libpq looks in its password file"));
}

/// Credentials over an unencrypted SMTP URL: lettre sends them in clear; a warning here.
#[test]
fn credentials_in_clear_are_a_warning() {
    let text = "smtp://u:pw@relay.example.com";
    assert_eq!(
        lettre(text).unwrap().database.as_deref(),
        Some("none credentials")
    );
    let url: SmtpUrl = text.parse().unwrap();
    let mut all = Vec::new();
    url.warnings(&mut |w| all.push(w));
    assert!(all[0].contains("sent in clear"), "{all:?}");
    assert!(!all[0].contains("pw@"));
}

/// `+` in a Postgres parameter: tokio-postgres reads a plus sign (as libpq), sqlx (the
/// `url` crate's form decoding) a space; attached refuses it and `%2B` reads alike.
#[test]
fn a_plus_in_a_postgres_parameter() {
    let config: tokio_postgres::Config = "postgres://h/db?application_name=a+b".parse().unwrap();
    assert_eq!(config.get_application_name(), Some("a+b"));
    assert!(
        "postgres://h/db?application_name=a+b"
            .parse::<DatabaseUrl>()
            .unwrap_err()
            .reason()
            .contains("%2B")
    );
    let config: tokio_postgres::Config = "postgres://h/db?application_name=a%2Bb".parse().unwrap();
    assert_eq!(config.get_application_name(), Some("a+b"));
    let url: DatabaseUrl = "postgres://h/db?application_name=a%2Bb".parse().unwrap();
    assert_eq!(url.param("application_name").as_deref(), Some("a+b"));
}
