//! PostgreSQL: every case read by attached, then handed with `.expose()` to tokio-postgres,
//! sqlx and libpq (`psql`); each server is asked where the connection landed.
//!
//! Two clusters, `alpha` (port PG_A_PORT) and `beta` (PG_B_PORT), share one socket
//! directory, listen on 127.0.0.1 and ::1, have TLS, and know the roles `app` and
//! `user@name` (SCRAM, the password of servers.env) and the databases `appdb`, `app`
//! and `data base`.

mod common;

use common::{Db, enc, get, port, pw, refused};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

/// Where a connection landed, as the server says.
#[derive(Debug, Clone, PartialEq)]
struct Landed {
    cluster: String,
    /// `inet_server_port()`: `None` over a Unix socket.
    tcp_port: Option<u16>,
    user: String,
    database: String,
    ssl: bool,
    search_path: String,
    application_name: String,
    /// `inet_server_addr()`: `None` over a Unix socket.
    addr: Option<String>,
}

impl Landed {
    /// The port of the cluster it landed on.
    fn port(&self) -> u16 {
        match self.cluster.as_str() {
            "alpha" => port("PG_A_PORT"),
            "beta" => port("PG_B_PORT"),
            other => panic!("unknown cluster {other}"),
        }
    }
}

const WHERE: &str = "SELECT current_setting('cluster_name'), inet_server_port(), \
    current_user::text, current_database()::text, \
    coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false), \
    current_setting('search_path'), current_setting('application_name'), \
    host(inet_server_addr())";

fn a() -> u16 {
    port("PG_A_PORT")
}

fn b() -> u16 {
    port("PG_B_PORT")
}

fn sock() -> &'static str {
    get("SOCKDIR")
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// rustls trusting the test CA only.
fn tls() -> tokio_postgres_rustls::MakeRustlsConnect {
    let pem = std::fs::read(get("CA")).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    for cert in rustls_pemfile::certs(&mut &pem[..]) {
        roots.add(cert.unwrap()).unwrap();
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

/// An error with its causes, on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}

/// tokio-postgres with `url`. Over a Unix socket without TLS: tokio-postgres-rustls
/// cannot make a server name of a socket path and fails before asking the server (which
/// offers no TLS on sockets anyway), a defect of the adapter, not of reading the URL.
fn tokio_pg(url: &str) -> Result<Landed, String> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| format!("tokio-postgres: {}", chain(&e)))?;
    let socket = config
        .get_hosts()
        .iter()
        .any(|host| matches!(host, tokio_postgres::config::Host::Unix(_)));
    rt().block_on(async {
        let timeout = |e| format!("tokio-postgres: {}", chain(&e));
        let client = if socket {
            let (client, connection) = config
                .connect(tokio_postgres::NoTls)
                .await
                .map_err(timeout)?;
            tokio::spawn(connection);
            client
        } else {
            let connect = config.connect(tls());
            let (client, connection) = tokio::time::timeout(Duration::from_secs(20), connect)
                .await
                .map_err(|_| "timed out".to_owned())?
                .map_err(timeout)?;
            tokio::spawn(connection);
            client
        };
        let row = client
            .query_one(WHERE, &[])
            .await
            .map_err(|e| e.to_string())?;
        Ok(Landed {
            cluster: row.get(0),
            tcp_port: row.get::<_, Option<i32>>(1).map(|p| p as u16),
            user: row.get(2),
            database: row.get(3),
            ssl: row.get(4),
            search_path: row.get(5),
            application_name: row.get(6),
            addr: row.get(7),
        })
    })
}

/// sqlx with `url`.
fn sqlx_pg(url: &str) -> Result<Landed, String> {
    use sqlx::{Connection, Row};
    rt().block_on(async {
        let connect = sqlx::PgConnection::connect(url);
        let mut conn = tokio::time::timeout(Duration::from_secs(20), connect)
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| format!("sqlx: {}", chain(&e)))?;
        let row = sqlx::query(WHERE)
            .fetch_one(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        let landed = Landed {
            cluster: row.get(0),
            tcp_port: row.get::<Option<i32>, _>(1).map(|p| p as u16),
            user: row.get(2),
            database: row.get(3),
            ssl: row.get(4),
            search_path: row.get(5),
            application_name: row.get(6),
            addr: row.get(7),
        };
        conn.close().await.ok();
        Ok(landed)
    })
}

/// libpq, through `psql`.
fn libpq(url: &str) -> Result<Landed, String> {
    libpq_with(url, &[])
}

/// libpq with more environment for `psql`.
fn libpq_with(url: &str, env: &[(&str, &str)]) -> Result<Landed, String> {
    let out = Command::new(format!("{}/psql", get("PG_BIN")))
        .envs(env.iter().copied())
        .args([
            "-X", "-q", "-t", "-A", "-F", "\u{1f}", "-c", WHERE, "-d", url,
        ])
        .env("PGCONNECT_TIMEOUT", "10")
        .env("PGSSLROOTCERT", get("CA"))
        .env_remove("PGHOST")
        .env_remove("PGPORT")
        .env_remove("PGUSER")
        .env_remove("PGDATABASE")
        .env_remove("PGPASSWORD")
        .output()
        .unwrap();
    if !out.status.success() {
        return Err(format!(
            "libpq: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8(out.stdout).unwrap();
    let f: Vec<&str> = text.trim_end_matches('\n').split('\u{1f}').collect();
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    Ok(Landed {
        cluster: f[0].to_owned(),
        tcp_port: opt(f[1]).map(|p| p.parse().unwrap()),
        user: f[2].to_owned(),
        database: f[3].to_owned(),
        ssl: f[4] == "t",
        search_path: f[5].to_owned(),
        application_name: f[6].to_owned(),
        addr: opt(f[7]),
    })
}

type Driver = fn(&str) -> Result<Landed, String>;
const DRIVERS: [(&str, Driver); 3] = [
    ("tokio-postgres", tokio_pg),
    ("sqlx", sqlx_pg),
    ("libpq", libpq),
];

/// Reads `url` with attached, connects with `driver`, and checks that the server's answer
/// is what attached's accessors say: cluster (port), TCP or socket, user, database.
fn lands(driver: Driver, url: &str) -> Landed {
    let parsed = common::db(url);
    let landed = driver(parsed.expose()).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert_eq!(Some(landed.port()), parsed.port(), "port: {url} {landed:?}");
    assert_eq!(
        Some(landed.user.as_str()),
        parsed.user().as_deref(),
        "user: {url}"
    );
    assert_eq!(
        Some(landed.database.as_str()),
        parsed.database().as_deref(),
        "database: {url}"
    );
    match parsed.socket() {
        Some(_) => assert_eq!(landed.tcp_port, None, "socket: {url} {landed:?}"),
        None => {
            assert_eq!(landed.tcp_port, Some(landed.port()), "{url} {landed:?}");
            assert_eq!(landed.addr.as_deref(), parsed.host(), "host: {url}");
        }
    }
    landed
}

fn url_a() -> String {
    format!("postgres://app:{}@127.0.0.1:{}/appdb", pw(), a())
}

// ------------------------------------------------------------ plain TCP, IPv4 and IPv6

#[test]
fn ipv4_tokio_postgres() {
    lands(tokio_pg, &url_a());
}

#[test]
fn ipv4_sqlx() {
    lands(sqlx_pg, &url_a());
}

#[test]
fn ipv4_libpq() {
    lands(libpq, &url_a());
}

fn url_v6() -> String {
    format!("postgresql://app:{}@[::1]:{}/appdb", pw(), b())
}

#[test]
fn ipv6_tokio_postgres() {
    let landed = lands(tokio_pg, &url_v6());
    assert_eq!(landed.cluster, "beta");
}

/// sqlx fails on an IPv6 literal whenever it tries TLS (sslmode `prefer`, the default, or
/// `require`): it hands the bracketed host to rustls as a DNS name. Recorded; it refuses
/// rather than lands elsewhere.
#[test]
fn ipv6_sqlx_fails_with_tls() {
    let parsed = common::db(&url_v6());
    let err = sqlx_pg(parsed.expose()).unwrap_err();
    assert!(err.contains("invalid dns name"), "{err}");
}

#[test]
fn ipv6_sslmode_disable_sqlx() {
    let url = format!("{}?sslmode=disable", url_v6());
    assert_eq!(lands(sqlx_pg, &url).cluster, "beta");
}

#[test]
fn ipv6_libpq() {
    assert_eq!(lands(libpq, &url_v6()).cluster, "beta");
}

/// Every special character of the password, percent-encoded (`%40` for `@` among them),
/// is read alike by all three drivers.
#[test]
fn password_percent_encoded_every_driver() {
    let url = url_a();
    assert!(url.contains("%40") && url.contains("%2B") && url.contains("%20"));
    let parsed = common::db(&url);
    assert_eq!(
        parsed.password().unwrap().expose(),
        common::password(),
        "attached decodes the password"
    );
    for (name, driver) in DRIVERS {
        let landed = driver(parsed.expose()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(landed.user, "app", "{name}");
    }
}

/// The password's `#` and `?` written raw: libpq and tokio-postgres read the user
/// information to the `@`, and land; sqlx refuses the URL, as attached's warning says.
#[test]
fn raw_hash_and_question_mark_in_the_password() {
    let password = pw().replace("%23", "#").replace("%3F", "?");
    assert!(password.contains('#') && password.contains('?'));
    let url = format!("postgres://app:{password}@127.0.0.1:{}/appdb", a());
    let (config, summary) = common::load::<Db>("DATABASE_URL", &url).unwrap();
    assert!(summary.contains("sqlx refuses the URL"), "{summary}");
    assert_eq!(
        config.url.password().unwrap().expose(),
        common::password(),
        "attached reads the password as libpq does"
    );
    for driver in [tokio_pg as Driver, libpq] {
        assert_eq!(lands(driver, &url).user, "app");
    }
    let err = sqlx_pg(config.url.expose()).unwrap_err();
    assert!(err.contains("invalid port number"), "{err}");
}

/// A user name with `@`, percent-encoded.
#[test]
fn user_with_at_sign_every_driver() {
    let url = format!("postgres://user%40name:{}@127.0.0.1:{}/app", pw(), b());
    for (_, driver) in DRIVERS {
        let landed = lands(driver, &url);
        assert_eq!(landed.user, "user@name");
    }
}

/// A database name with a space, percent-encoded.
#[test]
fn database_with_space_every_driver() {
    let url = format!("postgres://app:{}@127.0.0.1:{}/data%20base", pw(), a());
    for (_, driver) in DRIVERS {
        assert_eq!(lands(driver, &url).database, "data base");
    }
}

/// `user`, `password` and `dbname` given as parameters.
#[test]
fn credentials_as_parameters_every_driver() {
    let url = format!(
        "postgres://127.0.0.1:{}/?user=app&password={}&dbname=appdb",
        a(),
        pw()
    );
    for (_, driver) in DRIVERS {
        lands(driver, &url);
    }
}

// ------------------------------------------------------------------------- TLS modes

fn sslmode(mode: &str) -> String {
    format!("{}?sslmode={mode}", url_a())
}

fn tls_case(driver: Driver, mode: &str, want: bool) {
    let url = sslmode(mode);
    let parsed = common::db(&url);
    assert_eq!(parsed.param("sslmode").as_deref(), Some(mode));
    assert_eq!(lands(driver, &url).ssl, want, "{mode}");
}

#[test]
fn sslmode_require_tokio_postgres() {
    tls_case(tokio_pg, "require", true);
}

#[test]
fn sslmode_require_sqlx() {
    tls_case(sqlx_pg, "require", true);
}

#[test]
fn sslmode_require_libpq() {
    tls_case(libpq, "require", true);
}

#[test]
fn sslmode_disable_tokio_postgres() {
    tls_case(tokio_pg, "disable", false);
}

#[test]
fn sslmode_disable_sqlx() {
    tls_case(sqlx_pg, "disable", false);
}

#[test]
fn sslmode_disable_libpq() {
    tls_case(libpq, "disable", false);
}

/// `sslmode` and sqlx's `ssl-mode` together: sqlx reads them as one setting and takes the
/// last, so `sslmode=require&ssl-mode=disable` connects without TLS; tokio-postgres
/// refuses it. attached refuses it.
#[test]
fn sslmode_under_two_names_is_refused() {
    let url = format!("{}?sslmode=require&ssl-mode=disable", url_a());
    let refused = common::refused::<common::Db>("DATABASE_URL", &url);
    assert!(
        refused.contains("`sslmode` and `ssl-mode` are one parameter to sqlx"),
        "{refused}"
    );
    let landed = sqlx_pg(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert!(!landed.ssl);
    assert!(tokio_pg(&url).is_err());
}

/// TLS over IPv6, the certificate checked against `::1` by tokio-postgres' rustls.
#[test]
fn sslmode_require_ipv6_tokio_postgres() {
    let url = format!("{}?sslmode=require", url_v6());
    assert!(lands(tokio_pg, &url).ssl);
}

// ----------------------------------------------------------------------- Unix sockets

fn url_socket_host() -> String {
    format!("postgres://app:{}@{}:{}/appdb", pw(), enc(sock()), b())
}

fn socket_case(driver: Driver, url: &str, cluster: &str) {
    let parsed = common::db(url);
    assert_eq!(
        parsed.socket().as_deref(),
        Some(std::path::Path::new(sock()))
    );
    let landed = lands(driver, url);
    assert_eq!(landed.cluster, cluster);
    assert!(!landed.ssl);
}

#[test]
fn socket_as_encoded_host_tokio_postgres() {
    socket_case(tokio_pg, &url_socket_host(), "beta");
}

#[test]
fn socket_as_encoded_host_sqlx() {
    socket_case(sqlx_pg, &url_socket_host(), "beta");
}

#[test]
fn socket_as_encoded_host_libpq() {
    socket_case(libpq, &url_socket_host(), "beta");
}

fn url_socket_param() -> String {
    format!(
        "postgresql://app:{}@/appdb?host={}&port={}",
        pw(),
        enc(sock()),
        a()
    )
}

#[test]
fn socket_as_host_parameter_tokio_postgres() {
    socket_case(tokio_pg, &url_socket_param(), "alpha");
}

/// sqlx refuses an empty host after user information before it reads `?host=`: the only
/// difference is that it refuses the string, so attached accepts it with a warning that
/// says so and gives the form all three read.
#[test]
fn socket_as_host_parameter_sqlx_refuses() {
    let (config, summary) = common::load::<Db>("DATABASE_URL", &url_socket_param()).unwrap();
    assert!(
        summary.contains("sqlx refuses it (`empty host`)"),
        "{summary}"
    );
    let err = sqlx_pg(config.url.expose()).unwrap_err();
    assert!(err.contains("empty host"), "{err}");
    // The form the warning gives: all three land on the socket.
    let fixed = format!(
        "postgresql:///appdb?host={}&port={}&user=app&password={}",
        enc(sock()),
        a(),
        pw()
    );
    let (_, summary) = common::load::<Db>("DATABASE_URL", &fixed).unwrap();
    assert!(!summary.contains("warning"), "{summary}");
    for (_, driver) in DRIVERS {
        socket_case(driver, &fixed, "alpha");
    }
}

/// `channel_binding=require` over a Unix socket, where no channel binding can be: libpq
/// and tokio-postgres refuse to connect, sqlx connects, as attached's warning says.
#[test]
fn channel_binding_require_holds_with_libpq_and_tokio_postgres_not_sqlx() {
    let url = format!("{}?channel_binding=require", url_socket_host());
    let (config, summary) = common::load::<Db>("DATABASE_URL", &url).unwrap();
    assert!(
        summary.contains("sqlx ignores the parameter and never uses channel binding"),
        "{summary}"
    );
    let text = config.url.expose();
    let err = tokio_pg(text).unwrap_err();
    assert!(err.contains("channel binding"), "{err}");
    let err = libpq(text).unwrap_err();
    assert!(err.contains("channel binding"), "{err}");
    assert_eq!(sqlx_pg(text).unwrap().cluster, "beta");
}

#[test]
fn socket_as_host_parameter_libpq() {
    socket_case(libpq, &url_socket_param(), "alpha");
}

// ------------------------------------------------------------------------ multi-host

fn url_multi() -> String {
    format!(
        "postgres://app:{}@127.0.0.1:{},127.0.0.1:{}/appdb",
        pw(),
        port("PG_DOWN_PORT"),
        b()
    )
}

/// The first host is down: the driver goes on to the second, which attached lists second.
fn multi_case(driver: Driver) {
    let url = url_multi();
    let parsed = common::db(&url);
    let hosts: Vec<String> = parsed.hosts().iter().map(|h| h.to_string()).collect();
    assert_eq!(
        hosts,
        [
            format!("127.0.0.1:{}", port("PG_DOWN_PORT")),
            format!("127.0.0.1:{}", b())
        ]
    );
    let landed = driver(parsed.expose()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(landed.port(), parsed.hosts()[1].port());
    assert_eq!(landed.cluster, "beta");
}

#[test]
fn multi_host_first_down_tokio_postgres() {
    multi_case(tokio_pg);
}

#[test]
fn multi_host_first_down_libpq() {
    multi_case(libpq);
}

/// sqlx has no multi-host support: what it does with the list, recorded. attached lists
/// two hosts; sqlx must either refuse the string or land on one of them.
#[test]
fn multi_host_sqlx_refuses_the_list() {
    let url = url_multi();
    let parsed = common::db(&url);
    let result = sqlx_pg(parsed.expose());
    eprintln!("sqlx with two hosts: {result:?}");
    assert!(result.is_err(), "sqlx connected: {result:?}");
}

// -------------------------------------------------------------- search_path, options

#[test]
fn options_search_path_every_driver() {
    let url = format!("{}?options={}", url_a(), enc("-c search_path=audit,public"));
    let parsed = common::db(&url);
    assert_eq!(
        parsed.param("options").as_deref(),
        Some("-c search_path=audit,public")
    );
    for (name, driver) in DRIVERS {
        // SHOW gives the text as set: libpq's and sqlx's with a space after the comma.
        let path = lands(driver, &url).search_path.replace(' ', "");
        assert_eq!(path, "audit,public", "{name}");
    }
}

// ------------------------------------------------------------------------ findings

/// `%2B` in a query value is a plus sign for attached and for every driver.
#[test]
fn application_name_encoded_plus_every_driver() {
    let url = format!("{}?application_name=a%2Bb", url_a());
    let parsed = common::db(&url);
    assert_eq!(parsed.param("application_name").as_deref(), Some("a+b"));
    for (name, driver) in DRIVERS {
        assert_eq!(lands(driver, &url).application_name, "a+b", "{name}");
    }
}

/// A raw `+` in a query value: libpq and tokio-postgres read a plus sign, sqlx (form
/// decoding) a space. The drivers disagree, so attached refuses it and says to write %2B.
#[test]
fn application_name_raw_plus_refused() {
    let url = format!("{}?application_name=a+b", url_a());
    let names: Vec<(&str, String)> = DRIVERS
        .iter()
        .map(|(name, driver)| (*name, driver(&url).unwrap().application_name))
        .collect();
    eprintln!("raw + in application_name: {names:?}");
    assert_eq!(names[0].1, "a+b", "tokio-postgres");
    assert_eq!(names[1].1, "a b", "sqlx");
    assert_eq!(names[2].1, "a+b", "libpq");
    let reason = refused::<Db>("DATABASE_URL", &url);
    assert!(reason.contains("%2B"), "{reason}");
}

/// Hosts in the authority and in `?host=`: tokio-postgres connects to the authority's,
/// libpq and sqlx to the parameter's (it replaces the list). attached refuses the string.
#[test]
fn host_in_both_places_refused() {
    let url = format!(
        "postgres://app:{}@127.0.0.1:{}/appdb?host=127.0.0.1&port={}",
        pw(),
        a(),
        b()
    );
    let tokio = tokio_pg(&url);
    let sqlx = sqlx_pg(&url);
    let libpq = libpq(&url);
    eprintln!("host in both places: tokio-postgres {tokio:?}\n sqlx {sqlx:?}\n libpq {libpq:?}");
    assert_eq!(
        tokio.unwrap().cluster,
        "alpha",
        "tokio-postgres: the authority"
    );
    assert_eq!(sqlx.unwrap().cluster, "beta", "sqlx: the parameters");
    assert_eq!(libpq.unwrap().cluster, "beta", "libpq: the parameters");
    refused::<Db>("DATABASE_URL", &url);
}

/// A raw `@` in the password: tokio-postgres and libpq end the user information at the
/// first `@`, so the rest of the password becomes part of the host; sqlx ends it at the
/// last `@` and lands. attached refuses it, with the fix (%40). (No driver is let resolve
/// the host it makes of the password: tokio-postgres' is only parsed, libpq is given the
/// address 127.0.0.1 and shows the password it read fail.)
#[test]
fn raw_at_sign_in_password_refused() {
    let url = format!(
        "postgres://app:{}@127.0.0.1:{}/appdb",
        pw().replace("%40", "@"),
        a()
    );
    let config: tokio_postgres::Config = url.parse().unwrap();
    let hosts = format!("{:?}", config.get_hosts());
    eprintln!("raw @: tokio-postgres hosts {hosts}");
    assert!(hosts.contains("@127.0.0.1"), "tokio-postgres: {hosts}");
    assert_eq!(config.get_password(), Some(&b"p"[..]));
    let libpq = libpq_with(&url, &[("PGHOSTADDR", "127.0.0.1")]);
    eprintln!("raw @: libpq {libpq:?}");
    assert!(
        libpq
            .unwrap_err()
            .contains("password authentication failed"),
        "libpq read another password"
    );
    let sqlx = sqlx_pg(&url);
    eprintln!("raw @: sqlx {sqlx:?}");
    assert_eq!(sqlx.unwrap().cluster, "alpha");
    let reason = refused::<Db>("DATABASE_URL", &url);
    assert!(reason.contains("%40"), "{reason}");
}

/// No host at all: `postgresql://u:pw@/db`. libpq goes to its compiled-in socket
/// directory, sqlx looks for a socket in the usual directories and else localhost,
/// tokio-postgres refuses: they may land in different places, so attached refuses it
/// with the fix (name the host or the socket directory).
#[test]
fn no_host_refused() {
    let url = format!("postgresql://app:{}@/appdb", pw());
    for (name, driver) in DRIVERS {
        let result = driver(&url);
        eprintln!("no host, {name}: {result:?}");
        // Nothing of ours listens at the defaults: no driver may land on a test cluster.
        assert!(result.is_err(), "{name} landed: {result:?}");
    }
    assert!(
        tokio_pg(&url)
            .unwrap_err()
            .contains("invalid configuration")
    );
    let reason = refused::<Db>("DATABASE_URL", &url);
    assert!(reason.contains("without a host"), "{reason}");
    assert!(reason.contains("%2Fvar%2Frun%2Fpostgresql"), "{reason}");
}

/// An empty host with a port, the socket directory as a parameter:
/// `postgres://u@:PORT/db?host=SOCKETDIR`. Recorded for each driver and for attached.
#[test]
fn empty_host_with_port_and_socket_parameter_recorded() {
    let url = format!(
        "postgres://app:{}@:{}/appdb?host={}",
        pw(),
        b(),
        enc(sock())
    );
    let mut landed = Vec::new();
    for (name, driver) in DRIVERS {
        let result = driver(&url);
        eprintln!("empty host with port, {name}: {result:?}");
        if let Ok(l) = result {
            assert_eq!(l.cluster, "beta", "{name}");
            assert_eq!(l.tcp_port, None, "{name}: over the socket");
            landed.push(name);
        }
    }
    eprintln!("empty host with port: landed on the socket with {landed:?}");
    assert!(landed.contains(&"libpq"), "{landed:?}");
    match common::load::<Db>("DATABASE_URL", &url) {
        Ok((config, _)) => {
            eprintln!("empty host with port, attached: accepted");
            assert_eq!(config.url.port(), Some(b()));
            assert_eq!(
                config.url.socket().as_deref(),
                Some(std::path::Path::new(sock()))
            );
        }
        Err(report) => eprintln!("empty host with port, attached: {report}"),
    }
}
