//! Differential test: real-world connection strings, read by `attached` and by the parsers
//! of real drivers (tokio-postgres for Postgres, redis-rs for Redis), which must agree on
//! hosts, ports, database, user and password. For the services without a Rust driver
//! parser here (MySQL, SQLite, RabbitMQ, MongoDB, S3, SMTP), `attached` must read what the
//! cited documentation says the string means.
//!
//! Where `attached` differs from a driver on purpose, the case says why and asserts both
//! readings, so a change on either side is noticed.

use attached_core::{AmqpUrl, DatabaseUrl, MongoUrl, RedisUrl, S3Url, SmtpUrl};
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
    /// `attached` refuses the string with a reason containing this text (and, for
    /// Postgres and Redis, the driver's reading is not compared).
    Refused(&'static str),
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
        case(Postgres, "postgresql://", SameAsDriver),
        case(Postgres, "postgresql://localhost", SameAsDriver),
        case(Postgres, "postgresql://localhost:5433", SameAsDriver),
        case(Postgres, "postgresql://localhost/mydb", SameAsDriver),
        case(Postgres, "postgresql://user@localhost", SameAsDriver),
        case(Postgres, "postgresql://user:secret@localhost", SameAsDriver),
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
        case(Postgres, "postgresql:///dbname", SameAsDriver),
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
        // An unencoded `@` in the password: attached ends the user information at the last
        // `@` of the authority (as the WHATWG URL rules, the `url` crate and so redis-rs
        // do), so the password is `p@ss` and the host `db`. libpq and tokio-postgres end it
        // at the first `@`, reading the password `p` and the host `ss@db`, which cannot be
        // resolved: the string only ever works read our way.
        case(
            Postgres,
            "postgres://app:p@ss@db/billing",
            DiffersFromDriver {
                ours: reads(&[("db", 5432)], Some("billing"), Some("app"), Some("p@ss")),
                theirs: reads(&[("ss@db", 5432)], Some("billing"), Some("app"), Some("p")),
            },
        ),
        // `?host=` *replaces* the URL's hosts in libpq ("any connection parameter in the
        // query overrides the corresponding URI component"); tokio-postgres appends it.
        case(
            Postgres,
            "postgresql://h1/db?host=h2",
            DiffersFromDriver {
                ours: reads(&[("h2", 5432)], Some("db"), None, None),
                theirs: reads(&[("h1", 5432), ("h2", 5432)], Some("db"), None, None),
            },
        ),
        // `?port=` replaces the port list in libpq, one port applying to every host;
        // tokio-postgres appends it to the URL's three defaulted ports, and its connect
        // then refuses four ports for three hosts ("invalid number of ports"). Its reading
        // below is what its connect would use for each host if it did not refuse.
        case(
            Postgres,
            "postgresql://h1,h2,h3/db?port=5433",
            DiffersFromDriver {
                ours: reads(
                    &[("h1", 5433), ("h2", 5433), ("h3", 5433)],
                    Some("db"),
                    None,
                    None,
                ),
                theirs: reads(
                    &[("h1", 5432), ("h2", 5432), ("h3", 5432)],
                    Some("db"),
                    None,
                    None,
                ),
            },
        ),
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
        case(Redis, "redis://cache:6380/3", SameAsDriver),
        case(
            Redis,
            "redis://default:p%40ss%2Fw0rd@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345",
            SameAsDriver,
        ),
        case(Redis, "redis://[::1]:6380/1", SameAsDriver),
        case(Redis, "redis://:p@ss@cache/2", SameAsDriver),
        // `?db=` on a TCP URL: redis-py and go-redis read it, redis-rs reads it only for
        // Unix sockets and connects to database 0. attached reads it (the documented
        // forms of the most used clients), and its rustdoc tells redis-rs users to put the
        // number in the path.
        case(
            Redis,
            "redis://cache?db=2",
            DiffersFromDriver {
                ours: reads(&[("cache", 6379)], Some("2"), None, None),
                theirs: reads(&[("cache", 6379)], Some("0"), None, None),
            },
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
        // --- RabbitMQ -------------------------------------------------------------------
        // [rabbitmq] the examples of the URI specification that name a host.
        case(
            Amqp,
            "amqp://user:pass@host:10000/vhost",
            Documented(reads(
                &[("host", 10000)],
                Some("vhost"),
                Some("user"),
                Some("pass"),
            )),
        ),
        case(
            Amqp,
            "amqp://user%61:%61pass@ho%61st:10000/v%2fhost",
            Documented(reads(
                &[("hoast", 10000)],
                Some("v/host"),
                Some("usera"),
                Some("apass"),
            )),
        ),
        // No path: the client's default virtual host, `/`.
        case(
            Amqp,
            "amqp://host",
            Documented(reads(&[("host", 5672)], Some("/"), None, None)),
        ),
        case(
            Amqp,
            "amqp://host/%2f",
            Documented(reads(&[("host", 5672)], Some("/"), None, None)),
        ),
        case(
            Amqp,
            "amqp://[::1]",
            Documented(reads(&[("::1", 5672)], Some("/"), None, None)),
        ),
        case(
            Amqp,
            "amqps://app:s3cret@rabbitmq.example.com/%2Fprod",
            Documented(reads(
                &[("rabbitmq.example.com", 5671)],
                Some("/prod"),
                Some("app"),
                Some("s3cret"),
            )),
        ),
        // The specification reads `amqp://host/` as the empty virtual host; pika and most
        // clients read the default `/`, as attached does (an empty virtual host is never
        // meant). Celery and kombu write the default as `//`.
        case(
            Amqp,
            "amqp://guest:guest@localhost:5672/",
            Documented(reads(
                &[("localhost", 5672)],
                Some("/"),
                Some("guest"),
                Some("guest"),
            )),
        ),
        case(
            Amqp,
            "amqp://guest:guest@localhost:5672//",
            Documented(reads(
                &[("localhost", 5672)],
                Some("/"),
                Some("guest"),
                Some("guest"),
            )),
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
        // --- SMTP -----------------------------------------------------------------------
        // [rfc8314] implicit TLS on 465, submission with STARTTLS on 587.
        case(
            Smtp,
            "smtps://apikey:SG.x@smtp.sendgrid.net",
            Documented(reads(
                &[("smtp.sendgrid.net", 465)],
                None,
                Some("apikey"),
                Some("SG.x"),
            )),
        ),
        case(
            Smtp,
            "smtp://me%40example.com:pw@smtp.office365.com",
            Documented(reads(
                &[("smtp.office365.com", 587)],
                None,
                Some("me@example.com"),
                Some("pw"),
            )),
        ),
    ]
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
            assert_eq!(url.expose(), text);
            Reading {
                hosts: host_pairs(url.hosts()),
                database: owned(url.database()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        Redis => {
            let url: RedisUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), text);
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
            assert_eq!(url.expose(), text);
            Reading {
                hosts: host_pairs(url.hosts()),
                database: Some(url.vhost().into_owned()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        Mongo => {
            let url: MongoUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), text);
            Reading {
                hosts: host_pairs(url.hosts()),
                database: owned(url.database()),
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
        S3 => {
            let url: S3Url = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), text);
            Reading {
                hosts: Vec::new(),
                database: Some(format!("{}/{}", url.bucket(), url.prefix())),
                user: None,
                password: None,
            }
        }
        Smtp => {
            let url: SmtpUrl = text.parse().map_err(|e| format!("{e}"))?;
            assert_eq!(url.expose(), text);
            Reading {
                hosts: host_pairs(url.hosts()),
                database: None,
                user: owned(url.user()),
                password: url.password().map(|p| p.expose().clone()),
            }
        }
    };
    Ok(reading)
}

/// How tokio-postgres reads `text`, with the ports its `connect` would use: the host's
/// own, else the first, else 5432.
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

fn driver(kind: Kind, text: &str) -> Option<Result<Reading, String>> {
    match kind {
        Postgres => Some(tokio_postgres(text)),
        Redis => Some(redis_rs(text)),
        _ => None,
    }
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
        .filter(|c| matches!(c.expect, SameAsDriver | DiffersFromDriver { .. }))
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
