//! Redis through redis-rs: TCP on 127.0.0.1 and ::1, TLS on its own port (`tls-port`),
//! the Unix socket; `requirepass` for the `default` user and the ACL user `app`.
//! `CLIENT INFO` says which database, user and local address the connection has.

mod common;

use common::{Cache, acl_password, enc, get, port, pw, refused};

#[derive(Debug)]
struct Landed {
    db: u32,
    user: String,
    /// The server's address of the connection: `127.0.0.1:PORT`, `::1:PORT`, or the
    /// socket path followed by `:0`.
    laddr: String,
}

fn client_info(url: &str) -> Result<Landed, String> {
    let client = redis::Client::open(url).map_err(|e| format!("redis-rs: {e}"))?;
    let mut con = client
        .get_connection_with_timeout(std::time::Duration::from_secs(10))
        .map_err(|e| format!("redis-rs: {e}"))?;
    let info: String = redis::cmd("CLIENT")
        .arg("INFO")
        .query(&mut con)
        .map_err(|e| e.to_string())?;
    let field = |name: &str| {
        info.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} not in {info}"))
            .to_owned()
    };
    Ok(Landed {
        db: field("db").parse().unwrap(),
        user: field("user"),
        laddr: field("laddr"),
    })
}

/// Reads `url`, connects, and checks `CLIENT INFO` against the accessors.
fn lands(url: &str) -> Landed {
    lands_as(common::redis(url))
}

/// A socket URL with `?pass=`: read with `from_source`, without the summary, whose
/// masking of `pass` is checked once, in `summary_hides_pass_parameter`.
fn lands_socket(url: &str) -> Landed {
    use attached::Attached;
    let config = Cache::from_source(&[("REDIS_URL", url)]).unwrap_or_else(|e| panic!("{e}"));
    lands_as(config.url)
}

fn lands_as(parsed: attached::RedisUrl) -> Landed {
    let url = parsed.to_string();
    let landed = client_info(parsed.expose()).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert_eq!(landed.db, parsed.db(), "db: {url}");
    assert_eq!(
        landed.user,
        parsed.user().as_deref().unwrap_or("default"),
        "user: {url}"
    );
    match parsed.socket() {
        Some(path) => assert_eq!(landed.laddr, format!("{}:0", path.display())),
        // `127.0.0.1:6379`, `[::1]:6379`: as attached's `Host` prints itself.
        None => assert_eq!(landed.laddr, parsed.hosts()[0].to_string(), "{url}"),
    }
    landed
}

fn r() -> u16 {
    port("REDIS_PORT")
}

fn rt() -> u16 {
    port("REDIS_TLS_PORT")
}

#[test]
fn ipv4_default_user() {
    lands(&format!("redis://:{}@127.0.0.1:{}", pw(), r()));
}

#[test]
fn ipv4_db_in_path() {
    assert_eq!(
        lands(&format!("redis://:{}@127.0.0.1:{}/3", pw(), r())).db,
        3
    );
}

#[test]
fn ipv6_db_in_path() {
    let landed = lands(&format!("redis://:{}@[::1]:{}/1", pw(), r()));
    assert_eq!(landed.db, 1);
}

#[test]
fn acl_user() {
    let url = format!("redis://app:{}@127.0.0.1:{}/5", enc(acl_password()), r());
    let landed = lands(&url);
    assert_eq!((landed.user.as_str(), landed.db), ("app", 5));
}

#[test]
fn default_user_named() {
    let url = format!("redis://default:{}@127.0.0.1:{}/0", pw(), r());
    assert_eq!(lands(&url).user, "default");
}

/// A user name without a password: redis-rs sends no AUTH at all, so the connection is the
/// `default` user's, which this server protects with a password (`NOAUTH`, not the
/// `WRONGPASS` of a login as `app`). attached warns.
#[test]
fn a_user_without_a_password_sends_no_auth() {
    let url = format!("redis://app@127.0.0.1:{}/0", r());
    let parsed = common::redis(&url);
    let mut warned = Vec::new();
    attached::Value::warnings(&parsed, &mut |w| warned.push(w));
    assert!(
        warned.len() == 1 && warned[0].contains("redis-rs sends no AUTH"),
        "{warned:?}"
    );
    let err = client_info(parsed.expose()).unwrap_err();
    assert!(err.contains("NOAUTH"), "{err}");
}

/// A password in a TCP URL's query: redis-rs reads the password from the user information
/// only, and sends no AUTH (`NOAUTH`). attached refuses the URL.
#[test]
fn a_password_in_the_query_of_a_tcp_url_is_not_sent() {
    let url = format!("redis://127.0.0.1:{}/0?password={}", r(), pw());
    // Refused (the reason itself is in the unit tests: with this password, whose `@` and
    // `/` make the decoded text read as user information, the reason is withheld).
    assert!(url.parse::<attached::RedisUrl>().is_err());
    let err = client_info(&url).unwrap_err();
    assert!(err.contains("NOAUTH"), "{err}");
}

#[test]
fn wrong_password_refused_by_server() {
    let url = format!("redis://:{}@127.0.0.1:{}", enc("not the password"), r());
    let parsed = common::redis(&url);
    let err = client_info(parsed.expose()).unwrap_err();
    assert!(err.contains("authentication failed"), "{err}");
}

#[test]
fn tls_ipv4() {
    let url = format!("rediss://:{}@127.0.0.1:{}/2", pw(), rt());
    let parsed = common::redis(&url);
    assert!(parsed.is_tls());
    // Only TLS is spoken on this port: landing on it is landing over TLS.
    assert_eq!(lands(&url).laddr, format!("127.0.0.1:{}", rt()));
}

#[test]
fn tls_localhost_acl_user() {
    let url = format!("rediss://app:{}@localhost:{}/4", enc(acl_password()), rt());
    let parsed = common::redis(&url);
    assert!(parsed.is_tls());
    let landed = client_info(parsed.expose()).unwrap();
    assert_eq!((landed.user.as_str(), landed.db), ("app", 4));
    assert!(landed.laddr.ends_with(&format!(":{}", rt())), "{landed:?}");
}

#[test]
fn tls_ipv6() {
    let url = format!("rediss://:{}@[::1]:{}/6", pw(), rt());
    assert!(common::redis(&url).is_tls());
    lands(&url);
}

/// `#insecure`: attached accepts it after rediss://, as redis-rs reads it; redis-rs built
/// without its `tls-rustls-insecure` feature refuses the string rather than check less.
#[test]
fn tls_insecure_fragment() {
    let url = format!("rediss://:{}@127.0.0.1:{}/7#insecure", pw(), rt());
    let parsed = common::redis(&url);
    assert_eq!(parsed.db(), 7);
    let err = client_info(parsed.expose()).unwrap_err();
    assert!(err.contains("tls-rustls-insecure"), "{err}");
}

/// Plain text to the TLS port fails: the scheme decides, not the port.
#[test]
fn plain_to_tls_port_fails() {
    let url = format!("redis://:{}@127.0.0.1:{}/0", pw(), rt());
    let parsed = common::redis(&url);
    assert!(!parsed.is_tls());
    assert!(client_info(parsed.expose()).is_err());
}

#[test]
fn unix_socket_db_and_pass() {
    let url = format!("redis+unix://{}?db=4&pass={}", get("REDIS_SOCKET"), pw());
    use attached::Attached;
    let parsed = Cache::from_source(&[("REDIS_URL", url.as_str())])
        .unwrap()
        .url;
    assert_eq!(
        parsed.socket().as_deref(),
        Some(std::path::Path::new(get("REDIS_SOCKET")))
    );
    // `?pass=` is the password for redis-rs, and for attached.
    assert_eq!(parsed.password().unwrap().expose(), common::password());
    assert_eq!(lands_socket(&url).db, 4);
}

#[test]
fn unix_scheme_acl_user() {
    let url = format!(
        "unix://{}?db=6&user=app&pass={}",
        get("REDIS_SOCKET"),
        enc(acl_password())
    );
    let landed = lands_socket(&url);
    assert_eq!((landed.user.as_str(), landed.db), ("app", 6));
}

/// `?pass=` without `db`: database 0.
#[test]
fn unix_socket_pass_only() {
    let url = format!("unix://{}?pass={}", get("REDIS_SOCKET"), pw());
    assert_eq!(lands_socket(&url).db, 0);
}

/// The startup summary shows a socket URL's `?pass=` as `***`, as the type's `Display`
/// does.
#[test]
fn summary_hides_pass_parameter() {
    let url = format!("unix://{}?pass={}", get("REDIS_SOCKET"), pw());
    common::redis(&url);
}

/// `?db=2` on a `redis://` URL: redis-rs reads the database from the path only and
/// selects 0, not the 2 the URL seems to say. attached refuses it, with the fix: the
/// number as the path.
#[test]
fn db_parameter_on_tcp_is_refused() {
    let url = format!("redis://:{}@127.0.0.1:{}/?db=2", pw(), r());
    let landed = client_info(&url).unwrap();
    assert_eq!(landed.db, 0, "redis-rs");
    let reason = refused::<Cache>("REDIS_URL", &url);
    assert!(reason.contains("write the number as the path"), "{reason}");
    // The fix lands where it says.
    let fixed = common::redis(&format!("redis://:{}@127.0.0.1:{}/2", pw(), r()));
    assert_eq!(client_info(fixed.expose()).unwrap().db, 2);
    assert_eq!(fixed.db(), 2);
}

/// A database that is not a number: redis-rs refuses, and so does attached.
#[test]
fn db_not_a_number_refused() {
    let url = format!("redis://:{}@127.0.0.1:{}/two", pw(), r());
    assert!(client_info(&url).is_err());
    refused::<Cache>("REDIS_URL", &url);
}
