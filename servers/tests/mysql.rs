//! MariaDB through sqlx's MySQL driver: TCP on 127.0.0.1 and ::1, the Unix socket, TLS
//! on and off. The server says which user, database, port and cipher the session has.

mod common;

use common::{enc, get, port, pw};
use std::time::Duration;

#[derive(Debug)]
struct Landed {
    /// `CURRENT_USER()`: `app@127.0.0.1`, `app@::1` or `app@localhost` (the socket).
    user: String,
    database: Option<String>,
    port: u16,
    /// `Ssl_cipher` of this session: empty without TLS.
    cipher: String,
}

fn sqlx_mysql(url: &str) -> Result<Landed, String> {
    use sqlx::{Connection, Row};
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let connect = sqlx::MySqlConnection::connect(url);
        let mut conn = tokio::time::timeout(Duration::from_secs(20), connect)
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| format!("sqlx: {e}"))?;
        let row = sqlx::query("SELECT CURRENT_USER(), DATABASE(), CAST(@@port AS SIGNED)")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        let cipher = sqlx::query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
            .fetch_one(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
        let landed = Landed {
            user: row.get(0),
            database: row.get(1),
            port: row.get::<i64, _>(2) as u16,
            cipher: cipher.get(1),
        };
        conn.close().await.ok();
        Ok(landed)
    })
}

/// Reads `url`, connects, and checks the server's answer against the accessors.
fn lands(url: &str) -> Landed {
    let parsed = common::db(url);
    assert_eq!(parsed.engine(), attached::Engine::MySql);
    let landed = sqlx_mysql(parsed.expose()).unwrap_or_else(|e| panic!("{url}: {e}"));
    if parsed.socket().is_none() {
        assert_eq!(Some(landed.port), parsed.port(), "{url}");
    }
    assert_eq!(landed.database.as_deref(), parsed.database().as_deref());
    let user = landed.user.split('@').next().unwrap();
    assert_eq!(Some(user), parsed.user().as_deref());
    landed
}

fn m() -> u16 {
    port("MYSQL_PORT")
}

#[test]
fn ipv4() {
    let url = format!("mysql://app:{}@127.0.0.1:{}/appdb", pw(), m());
    let landed = lands(&url);
    assert_eq!(landed.user, "app@127.0.0.1");
    assert_eq!(landed.port, m());
}

#[test]
fn ipv6() {
    let url = format!("mysql://app:{}@[::1]:{}/appdb?ssl-mode=disabled", pw(), m());
    let parsed = common::db(&url);
    assert_eq!(parsed.host(), Some("::1"));
    assert_eq!(lands(&url).user, "app@::1");
}

/// IPv6 with sqlx's default `ssl-mode=preferred`: recorded.
#[test]
fn ipv6_tls_preferred() {
    let url = format!("mysql://app:{}@[::1]:{}/appdb", pw(), m());
    let result = sqlx_mysql(common::db(&url).expose());
    eprintln!("mysql [::1] preferred: {result:?}");
    match result {
        Ok(landed) => assert_eq!(landed.user, "app@::1"),
        Err(e) => assert!(e.contains("dns name"), "{e}"),
    }
}

#[test]
fn socket_parameter() {
    let url = format!(
        "mysql://app:{}@localhost/appdb?socket={}",
        pw(),
        enc(get("MYSQL_SOCKET"))
    );
    let parsed = common::db(&url);
    assert_eq!(
        parsed.socket().as_deref(),
        Some(std::path::Path::new(get("MYSQL_SOCKET")))
    );
    let landed = lands(&url);
    assert_eq!(landed.user, "app@localhost");
    // sqlx's `preferred` asks for TLS over the socket too, and MariaDB gives it.
    assert!(!landed.cipher.is_empty());
}

#[test]
fn ssl_mode_required() {
    let url = format!(
        "mysql://app:{}@127.0.0.1:{}/appdb?ssl-mode=required",
        pw(),
        m()
    );
    assert!(!lands(&url).cipher.is_empty());
}

/// A TLS mode sqlx does not read (`REQUIRE`, libpq's `verify-full`, ...): sqlx refuses the
/// URL, as attached does (mysql_async refuses the parameter itself).
#[test]
fn ssl_mode_sqlx_refuses_is_refused() {
    for mode in ["REQUIRE", "verify-full", "bogus"] {
        let url = format!(
            "mysql://app:{}@127.0.0.1:{}/appdb?ssl-mode={mode}",
            pw(),
            m()
        );
        let refused = common::refused::<common::Db>("DATABASE_URL", &url);
        assert!(refused.contains("one no driver reads"), "{refused}");
        let err = sqlx_mysql(&url).unwrap_err();
        assert!(err.contains("unknown value"), "{mode}: {err}");
    }
}

/// The socket with no host before it: sqlx refuses the URL (`empty host`); attached
/// refuses it with the form both drivers read, which lands on the socket.
#[test]
fn socket_without_a_host_is_refused_with_a_fix() {
    let socket = enc(get("MYSQL_SOCKET"));
    let url = format!("mysql://app:{}@/appdb?socket={socket}", pw());
    let refused = common::refused::<common::Db>("DATABASE_URL", &url);
    assert!(refused.contains("write the host `localhost`"), "{refused}");
    let err = sqlx_mysql(&url).unwrap_err();
    assert!(err.contains("empty host"), "{err}");
    let fixed = format!("mysql://app:{}@localhost/appdb?socket={socket}", pw());
    assert_eq!(lands(&fixed).user, "app@localhost");
}

/// A TLS mode given twice, or under both of sqlx's names: sqlx takes the last and
/// connects without TLS, where the first says `REQUIRED`. attached refuses both.
#[test]
fn ssl_mode_given_twice_is_refused() {
    for query in [
        "ssl-mode=REQUIRED&ssl-mode=DISABLED",
        "ssl-mode=REQUIRED&sslmode=DISABLED",
    ] {
        let url = format!("mysql://app:{}@127.0.0.1:{}/appdb?{query}", pw(), m());
        let refused = common::refused::<common::Db>("DATABASE_URL", &url);
        assert!(refused.contains("given twice"), "{refused}");
        let landed = sqlx_mysql(&url).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(landed.cipher, "", "{query}");
    }
}

/// `socket=` empty: sqlx tries a socket at an empty path and fails, where the URL's host
/// is a server that answers. attached refuses it.
#[test]
fn an_empty_socket_is_refused() {
    let url = format!("mysql://app:{}@127.0.0.1:{}/appdb?socket=", pw(), m());
    let refused = common::refused::<common::Db>("DATABASE_URL", &url);
    assert!(refused.contains("`socket=` is empty"), "{refused}");
    assert!(sqlx_mysql(&url).is_err());
}

#[test]
fn ssl_mode_disabled() {
    let url = format!(
        "mysql://app:{}@127.0.0.1:{}/appdb?ssl-mode=disabled",
        pw(),
        m()
    );
    assert_eq!(lands(&url).cipher, "");
}

/// `mariadb://`: attached reads it as MySQL; sqlx's MySQL driver does not look at the
/// scheme and connects alike.
#[test]
fn mariadb_scheme() {
    let url = format!("mariadb://app:{}@127.0.0.1:{}/appdb", pw(), m());
    let result = sqlx_mysql(&url);
    eprintln!("mariadb:// with sqlx: {result:?}");
    assert_eq!(lands(&url).user, "app@127.0.0.1");
}

/// No database: the session has none, and attached says none.
#[test]
fn no_database() {
    let url = format!("mysql://app:{}@127.0.0.1:{}", pw(), m());
    let landed = lands(&url);
    assert_eq!(landed.database, None);
}
