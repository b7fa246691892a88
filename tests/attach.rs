//! Attach: every backing service checked at once, against loopback listeners and Unix
//! sockets only (never any other address), each failure named with its variable, host and
//! reason, no password in any output, and the whole check bounded by its deadline.

#[path = "support/temp.rs"]
mod temp;

use attached::{
    AmqpUrl, Attach, AttachReport, Brokers, DatabaseUrl, Endpoints, HostOutcome, HttpUrl, MongoUrl,
    RedisUrl, S3Url, Service, ServiceStatus, SmtpUrl, Unreachable,
};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};
use temp::TempDir;

/// What a check may take beyond its deadline: a correctness bound, not a benchmark.
const MARGIN: Duration = Duration::from_secs(1);

fn db(text: &str) -> DatabaseUrl {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn service(variable: &str, endpoints: Endpoints) -> Service {
    Service::new(variable, variable.to_lowercase(), endpoints)
}

/// A port on `ip` that nothing listens on: bound, then closed.
fn closed_port(ip: &str) -> u16 {
    TcpListener::bind((ip, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn failures(report: &AttachReport, variable: &str) -> Vec<Unreachable> {
    let state = report
        .services()
        .iter()
        .find(|s| s.variable() == variable)
        .unwrap_or_else(|| panic!("{variable} missing from\n{report}"));
    state
        .hosts()
        .iter()
        .filter_map(|h| match h.outcome() {
            HostOutcome::Failed(why) => Some(why.clone()),
            _ => None,
        })
        .collect()
}

/// A loopback listener whose backlog is full, so that a new connection hangs: bound and
/// never accepting, filled with connections from the test until one does not complete.
/// Linux drops the handshake of a connection to a listener whose accept queue is full, so
/// the client waits. `None` where that does not happen within a few thousand connections
/// (another kernel, or too few file descriptors), and the test says so.
fn hanging_listener() -> Option<(TcpListener, Vec<TcpStream>, SocketAddr)> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..10_000 {
        match TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
            Ok(stream) => held.push(stream),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                return Some((listener, held, address));
            }
            Err(e) => {
                eprintln!("skipped: cannot fill a backlog here ({e})");
                return None;
            }
        }
    }
    eprintln!("skipped: the backlog did not fill");
    None
}

#[test]
fn ipv4_loopback_listening_and_closed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let open = listener.local_addr().unwrap().port();
    let closed = closed_port("127.0.0.1");
    let services = [
        service(
            "DATABASE_URL",
            db(&format!("postgres://app:pw@127.0.0.1:{open}/db")).endpoints(),
        ),
        service(
            "OTHER_DATABASE_URL",
            db(&format!("mysql://app:pw@127.0.0.1:{closed}/db")).endpoints(),
        ),
    ];
    let report = Attach::new().check(&services);
    let [up, down] = report.services() else {
        panic!("{report}")
    };
    assert!(up.is_up(), "{report}");
    assert_eq!(up.answered().unwrap().port(), open);
    assert_eq!(down.status(), &ServiceStatus::Down);
    assert_eq!(
        failures(&report, "OTHER_DATABASE_URL"),
        [Unreachable::Refused]
    );
    assert!(!report.is_ok());
    assert_eq!(report.failures().count(), 1);
    let shown = report.to_string();
    assert!(
        shown.contains(&format!("127.0.0.1:{closed} refused")),
        "{shown}"
    );
    eprintln!("{report}took {:?}", report.elapsed());
}

#[test]
fn ipv6_loopback_listening_and_closed() {
    let Ok(listener) = TcpListener::bind("[::1]:0") else {
        eprintln!("skipped: no IPv6 loopback on this machine");
        return;
    };
    let open = listener.local_addr().unwrap().port();
    let closed = closed_port("::1");
    let services = [
        service(
            "API_URL",
            format!("http://[::1]:{open}/v1")
                .parse::<HttpUrl>()
                .unwrap()
                .endpoints(),
        ),
        service(
            "REDIS_URL",
            format!("redis://:pw@[::1]:{closed}")
                .parse::<RedisUrl>()
                .unwrap()
                .endpoints(),
        ),
    ];
    let report = Attach::new().check(&services);
    assert!(report.services()[0].is_up(), "{report}");
    assert_eq!(failures(&report, "REDIS_URL"), [Unreachable::Refused]);
    assert!(
        report
            .to_string()
            .contains(&format!("[::1]:{closed} refused"))
    );
}

#[test]
fn several_hosts_say_which_answered() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let open = listener.local_addr().unwrap().port();
    let closed = closed_port("127.0.0.1");
    let up = db(&format!(
        "postgres://app:pw@127.0.0.1:{closed},127.0.0.1:{open}/db"
    ));
    let brokers: Brokers = format!("127.0.0.1:{closed}, db.invalid:9092")
        .parse()
        .unwrap();
    let services = [
        service("DATABASE_URL", up.endpoints()),
        service("KAFKA_BROKERS", brokers.endpoints()),
    ];
    let report = Attach::new().check(&services);
    let database = &report.services()[0];
    assert!(database.is_up(), "{report}");
    assert_eq!(database.answered().unwrap().port(), open);
    // The closed host fails at once, so it is known by the time the check returns.
    assert_eq!(failures(&report, "DATABASE_URL"), [Unreachable::Refused]);
    assert_eq!(
        failures(&report, "KAFKA_BROKERS"),
        [Unreachable::Refused, Unreachable::CannotResolve]
    );
    let shown = report.to_string();
    assert!(
        shown.contains(&format!("127.0.0.1:{open} answered after")),
        "{shown}"
    );
    assert!(shown.contains("db.invalid:9092 cannot resolve"), "{shown}");
}

#[test]
fn a_name_that_never_resolves() {
    let url: AmqpUrl = "amqp://app:pw@db.invalid/billing".parse().unwrap();
    let report = Attach::new()
        .deadline(Duration::from_secs(5))
        .check(&[service("AMQP_URL", url.endpoints())]);
    assert_eq!(failures(&report, "AMQP_URL"), [Unreachable::CannotResolve]);
    assert_eq!(
        report.to_string(),
        "AMQP_URL  amqp_url  down  db.invalid:5672 cannot resolve\n"
    );
}

#[cfg(unix)]
#[test]
fn unix_sockets_present_and_absent() {
    use std::os::unix::net::UnixListener;
    let dir = TempDir::new();
    let redis_socket = dir.0.join("redis.sock");
    let _redis = UnixListener::bind(&redis_socket).unwrap();
    // A Postgres socket host is a directory; the socket is `.s.PGSQL.<port>` inside it.
    let _postgres = UnixListener::bind(dir.0.join(".s.PGSQL.5433")).unwrap();
    let encoded = dir.0.display().to_string().replace('/', "%2F");
    let postgres = db(&format!("postgresql://app:pw@{encoded}:5433/db"));
    let postgres_wrong_port = db(&format!("postgresql://app:pw@{encoded}:5432/db"));
    let redis: RedisUrl = format!("unix://{}?pass=pw", redis_socket.display())
        .parse()
        .unwrap();
    let mysql = db(&format!(
        "mysql://app:pw@localhost/app?socket={}/mysqld.sock",
        dir.0.display()
    ));
    let mongo: MongoUrl = format!("mongodb://app:pw@{encoded}%2Fmongodb-27017.sock/db")
        .parse()
        .unwrap();
    let services = [
        service("DATABASE_URL", postgres.endpoints()),
        service("REDIS_URL", redis.endpoints()),
        service("REPLICA_URL", postgres_wrong_port.endpoints()),
        service("MYSQL_URL", mysql.endpoints()),
        service("MONGO_URL", mongo.endpoints()),
    ];
    let report = Attach::new().check(&services);
    let up: Vec<bool> = report.services().iter().map(|s| s.is_up()).collect();
    assert_eq!(up, [true, true, false, false, false], "{report}");
    for variable in ["REPLICA_URL", "MYSQL_URL", "MONGO_URL"] {
        assert_eq!(failures(&report, variable), [Unreachable::NoSuchSocket]);
    }
    let shown = report.to_string();
    assert!(
        shown.contains(&format!("{}/.s.PGSQL.5432 no such socket", dir.0.display())),
        "{shown}"
    );
    assert!(shown.contains("/mysqld.sock no such socket"), "{shown}");
}

#[test]
fn waiting_returns_as_soon_as_a_late_service_is_up() {
    // A service that starts late: nothing listens on the port until 700 ms have passed.
    let port = closed_port("127.0.0.1");
    let (done, check_over) = std::sync::mpsc::channel::<()>();
    let late = thread::spawn(move || {
        thread::sleep(Duration::from_millis(700));
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        // Kept open until the check is over.
        let _ = check_over.recv();
        drop(listener);
    });
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let early = listener.local_addr().unwrap().port();
    let smtp: SmtpUrl = format!("smtp://me:pw@127.0.0.1:{port}").parse().unwrap();
    let api: HttpUrl = format!("http://127.0.0.1:{early}").parse().unwrap();
    let services = [
        service("SMTP_URL", smtp.endpoints()),
        service("API_URL", api.endpoints()),
    ];
    let deadline = Duration::from_secs(10);
    let start = Instant::now();
    let mut ready = Vec::new();
    let report = Attach::new()
        .deadline(deadline)
        .wait(true)
        .on_ready(|s| ready.push((s.variable().to_owned(), start.elapsed())))
        .check(&services);
    let elapsed = start.elapsed();
    assert!(report.is_ok(), "{report}");
    let order: Vec<&str> = ready.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(
        order,
        ["API_URL", "SMTP_URL"],
        "one call per service as it comes up"
    );
    assert!(ready[1].1 >= Duration::from_millis(700));
    assert!(report.services()[0].elapsed() >= Duration::from_millis(700));
    // Up within a pause (at most 1 s) of the listener, far below the deadline.
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    eprintln!("{report}took {elapsed:?}");
    drop(done);
    late.join().unwrap();
}

#[test]
fn waiting_gives_up_at_the_deadline_with_the_last_reason() {
    let closed = closed_port("127.0.0.1");
    let redis: RedisUrl = format!("redis://:pw@127.0.0.1:{closed}").parse().unwrap();
    let deadline = Duration::from_millis(1500);
    let start = Instant::now();
    let report = Attach::new()
        .deadline(deadline)
        .wait(true)
        .check(&[service("REDIS_URL", redis.endpoints())]);
    let elapsed = start.elapsed();
    assert_eq!(failures(&report, "REDIS_URL"), [Unreachable::Refused]);
    assert!(
        elapsed >= deadline - Duration::from_millis(50),
        "{elapsed:?}"
    );
    assert!(elapsed < deadline + MARGIN, "{elapsed:?}");
}

#[test]
fn a_hanging_connection_times_out_at_the_deadline() {
    let Some((_listener, held, address)) = hanging_listener() else {
        return;
    };
    eprintln!("backlog full after {} connections", held.len());
    let url: HttpUrl = format!("http://{address}").parse().unwrap();
    let deadline = Duration::from_millis(1500);
    let start = Instant::now();
    let report = Attach::new()
        .deadline(deadline)
        .check(&[service("API_URL", url.endpoints())]);
    let elapsed = start.elapsed();
    assert_eq!(
        failures(&report, "API_URL"),
        [Unreachable::TimedOut],
        "{report}"
    );
    assert!(
        elapsed >= deadline - Duration::from_millis(50),
        "{elapsed:?}"
    );
    assert!(elapsed < deadline + MARGIN, "{elapsed:?}");
    eprintln!("{report}took {elapsed:?}");
}

/// A Unix socket connection that blocks (which no timeout can interrupt) is left to its
/// thread at the deadline, and reported as timed out. Linux blocks a `connect` to a
/// listener whose backlog is full; the backlog is filled from a thread of the test, whose
/// own last `connect` blocks until the listener is closed.
#[cfg(target_os = "linux")]
#[test]
fn a_hanging_unix_socket_times_out_at_the_deadline() {
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::sync::{Arc, Mutex};
    let dir = TempDir::new();
    let path = dir.0.join("redis.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let held = Arc::new(Mutex::new(Vec::new()));
    let filler = {
        let (path, held) = (path.clone(), Arc::clone(&held));
        thread::spawn(move || {
            while let Ok(stream) = UnixStream::connect(&path) {
                held.lock().unwrap().push(stream);
            }
        })
    };
    // Full when the count stops growing.
    let mut count = 0;
    loop {
        thread::sleep(Duration::from_millis(200));
        let now = held.lock().unwrap().len();
        if now == count {
            break;
        }
        count = now;
    }
    eprintln!("backlog full after {count} connections");
    let redis: RedisUrl = format!("unix://{}?pass=pw", path.display())
        .parse()
        .unwrap();
    let deadline = Duration::from_millis(1000);
    let start = Instant::now();
    let report = Attach::new()
        .deadline(deadline)
        .check(&[service("REDIS_URL", redis.endpoints())]);
    let elapsed = start.elapsed();
    assert_eq!(
        failures(&report, "REDIS_URL"),
        [Unreachable::TimedOut],
        "{report}"
    );
    assert!(elapsed < deadline + MARGIN, "{elapsed:?}");
    eprintln!("{report}took {elapsed:?}");
    // Closing the listener refuses the connections still waiting: the filler ends, and so
    // does the thread the check left behind.
    drop(listener);
    filler.join().unwrap();
}

#[test]
fn every_failure_in_one_report_without_a_password() {
    let dir = TempDir::new();
    let closed = closed_port("127.0.0.1");
    let hanging = hanging_listener();
    let mut services = vec![
        Service::new(
            "DATABASE_URL",
            "database",
            db(&format!(
                "postgres://app:PgPa55word@127.0.0.1:{closed}/db?password=PgParamPa55"
            ))
            .endpoints(),
        ),
        Service::new(
            "BILLING_REDIS",
            "redis",
            "redis://:RedisPa55word@cache.invalid:6379/0"
                .parse::<RedisUrl>()
                .unwrap()
                .endpoints(),
        ),
        Service::new(
            "BILLING_MONGO",
            "mongo",
            format!(
                "mongodb://app:MongoPa55word@{}%2Fmongo.sock/db",
                dir.0.display().to_string().replace('/', "%2F")
            )
            .parse::<MongoUrl>()
            .unwrap()
            .endpoints(),
        ),
    ];
    let mut expected = vec![
        ("DATABASE_URL", Unreachable::Refused),
        ("BILLING_REDIS", Unreachable::CannotResolve),
        ("BILLING_MONGO", Unreachable::NoSuchSocket),
    ];
    if let Some((_, _, address)) = &hanging {
        services.push(Service::new(
            "BILLING_QUEUE",
            "queue",
            format!("amqp://app:AmqpPa55word@{address}/billing")
                .parse::<AmqpUrl>()
                .unwrap()
                .endpoints(),
        ));
        expected.push(("BILLING_QUEUE", Unreachable::TimedOut));
    }
    let deadline = Duration::from_secs(2);
    let start = Instant::now();
    let report = Attach::new().deadline(deadline).check(&services);
    let elapsed = start.elapsed();
    assert!(elapsed < deadline + MARGIN, "{elapsed:?}");
    assert_eq!(report.failures().count(), expected.len(), "{report}");
    for (variable, why) in &expected {
        assert_eq!(
            failures(&report, variable),
            std::slice::from_ref(why),
            "{report}"
        );
    }
    let shown = format!("{report}");
    for (line, (variable, why)) in shown.lines().zip(&expected) {
        assert!(line.starts_with(variable), "{line}");
        assert!(line.contains(&why.to_string()), "{line}");
        assert!(line.contains("down"), "{line}");
    }
    for output in [shown, format!("{report:?}"), format!("{report:#?}")] {
        for password in [
            "PgPa55word",
            "PgParamPa55",
            "RedisPa55word",
            "MongoPa55word",
            "AmqpPa55word",
            "Pa55",
        ] {
            assert!(!output.contains(password), "{password} in\n{output}");
        }
        for state in report.services() {
            assert!(!format!("{state:?}").contains("Pa55"));
        }
    }
    eprintln!("{report}took {elapsed:?}");
}

#[test]
fn services_without_a_server_are_not_checked() {
    let services = [
        service("MEMORY_DB", db("sqlite::memory:").endpoints()),
        service("FILE_DB", db("sqlite:///var/lib/app/data.db").endpoints()),
        service(
            "MONGO_URL",
            "mongodb+srv://app:pw@cluster.invalid/db"
                .parse::<MongoUrl>()
                .unwrap()
                .endpoints(),
        ),
        service(
            "INVOICES",
            "s3://invoices/pdf?region=eu-west-1"
                .parse::<S3Url>()
                .unwrap()
                .endpoints(),
        ),
    ];
    let report = Attach::new().check(&services);
    assert!(report.is_ok(), "{report}");
    for state in report.services() {
        assert!(
            matches!(state.status(), ServiceStatus::NotChecked(_)),
            "{state}"
        );
        assert!(state.hosts().is_empty());
    }
    let shown = report.to_string();
    assert!(shown.contains("SQLite in memory"), "{shown}");
    assert!(shown.contains("DNS SRV"), "{shown}");
    assert!(report.elapsed() < Duration::from_millis(500));
}

#[test]
fn endpoints_of_every_type() {
    let hosts = |endpoints: Endpoints| match endpoints {
        Endpoints::Hosts(hosts) => hosts.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        hosts(db("postgres://a:pw@h1,h2:5433/db").endpoints()),
        ["h1:5432", "h2:5433"]
    );
    assert_eq!(
        hosts(db("postgresql:///db?host=/run/postgresql&port=6000").endpoints()),
        ["/run/postgresql/.s.PGSQL.6000"]
    );
    assert_eq!(
        hosts(db("mysql://a:pw@%2Ftmp%2Fmysql.sock/app").endpoints()),
        ["/tmp/mysql.sock"]
    );
    assert_eq!(
        hosts(db("mariadb://a:pw@maria/app").endpoints()),
        ["maria:3306"]
    );
    let redis = |t: &str| t.parse::<RedisUrl>().unwrap().endpoints();
    assert_eq!(hosts(redis("rediss://:pw@cache")), ["cache:6379"]);
    assert_eq!(
        hosts(redis("redis+unix:///run/redis.sock?pass=pw")),
        ["/run/redis.sock"]
    );
    let amqp: AmqpUrl = "amqps://a:pw@mq".parse().unwrap();
    assert_eq!(hosts(amqp.endpoints()), ["mq:5671"]);
    let mongo: MongoUrl = "mongodb://a:pw@m1,[::1]:27018".parse().unwrap();
    assert_eq!(hosts(mongo.endpoints()), ["m1:27017", "[::1]:27018"]);
    let smtp: SmtpUrl = "smtps://a:pw@smtp.example.com".parse().unwrap();
    assert_eq!(hosts(smtp.endpoints()), ["smtp.example.com:465"]);
    let s3: S3Url = "s3://bucket?endpoint=https://r2.example.com"
        .parse()
        .unwrap();
    assert_eq!(hosts(s3.endpoints()), ["r2.example.com:443"]);
    let http: HttpUrl = "https://api.example.com:8443/v1?token=pw".parse().unwrap();
    assert_eq!(hosts(http.endpoints()), ["api.example.com:8443"]);
    let brokers: Brokers = "k1:9092,[::1]:9093".parse().unwrap();
    assert_eq!(hosts(brokers.endpoints()), ["k1:9092", "[::1]:9093"]);
    // Nothing with a password can be reached from the endpoints.
    let endpoints = db("postgres://a:Pa55word@h/db?password=Pa55param").endpoints();
    assert!(!format!("{endpoints:?}").contains("Pa55"));
}

#[test]
fn a_service_with_no_host_is_down() {
    let report = Attach::new().check(&[service("EMPTY", Endpoints::Hosts(Vec::new()))]);
    assert!(!report.is_ok());
    assert_eq!(report.to_string(), "EMPTY  empty  down  no host to try\n");
}

#[test]
fn control_characters_stay_on_one_line() {
    let report = Attach::new().check(&[Service::new(
        "BAD\nNAME",
        "field",
        Endpoints::NotChecked("reason"),
    )]);
    assert_eq!(report.to_string().lines().count(), 1, "{report}");
}
