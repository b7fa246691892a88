//! RabbitMQ through lapin: vhosts `/`, `prod` and `/prod`, plain and TLS listeners.
//! The broker's own record of each connection (`rabbitmqctl list_connections`: user,
//! vhost, TLS), found by the connection name the test gives, is checked against attached's
//! accessors; so is the vhost lapin sent.

mod common;

use common::{Broker, enc, get, port, pw, refused};
use lapin::{Connection, ConnectionProperties};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[derive(Debug, PartialEq)]
struct Landed {
    user: String,
    vhost: String,
    tls: bool,
}

fn unique_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "attached-case-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The broker's record of the open connection named `name`.
fn broker_record(name: &str) -> Landed {
    let out = Command::new(get("RABBITMQCTL"))
        .args([
            "-q",
            "list_connections",
            "--no-table-headers",
            "user",
            "vhost",
            "ssl",
            "client_properties",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|line| line.contains(name))
        .unwrap_or_else(|| panic!("no connection {name} in\n{text}"));
    let f: Vec<&str> = line.split('\t').collect();
    Landed {
        user: f[0].to_owned(),
        vhost: f[1].to_owned(),
        tls: f[2] == "true",
    }
}

/// Connects with lapin; on success, returns the vhost lapin sent and the broker's record.
fn connect(url: &str) -> Result<(String, Landed), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let name = unique_name();
        let props = ConnectionProperties::default().with_connection_name(name.as_str().into());
        let conn = tokio::time::timeout(Duration::from_secs(20), Connection::connect(url, props))
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| format!("lapin: {e}"))?;
        let sent = conn.status().vhost().to_string();
        let landed = tokio::task::spawn_blocking(move || broker_record(&name))
            .await
            .unwrap();
        conn.close(200, "done".into()).await.ok();
        Ok((sent, landed))
    })
}

/// Reads `url`, connects, and checks the broker's record against the accessors.
fn lands(url: &str) -> Landed {
    let parsed = common::amqp(url);
    let (sent, landed) = connect(parsed.expose()).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert_eq!(sent, parsed.vhost(), "vhost lapin sent: {url}");
    assert_eq!(landed.vhost, parsed.vhost(), "vhost: {url}");
    assert_eq!(Some(landed.user.as_str()), parsed.user().as_deref());
    assert_eq!(landed.tls, parsed.is_tls(), "TLS: {url}");
    landed
}

fn p() -> u16 {
    port("AMQP_PORT")
}

fn ps() -> u16 {
    port("AMQPS_PORT")
}

/// lapin's reading of a URL (its parser, amq-protocol-uri).
fn lapin_uri(url: &str) -> lapin::uri::AMQPUri {
    url.parse().unwrap()
}

#[test]
fn no_path_is_default_vhost() {
    let url = format!("amqp://app:{}@127.0.0.1:{}", pw(), p());
    assert_eq!(lands(&url).vhost, "/");
}

#[test]
fn encoded_slash_is_default_vhost() {
    let url = format!("amqp://app:{}@127.0.0.1:{}/%2F", pw(), p());
    assert_eq!(lands(&url).vhost, "/");
}

#[test]
fn vhost_prod() {
    let url = format!("amqp://app:{}@localhost:{}/prod", pw(), p());
    assert_eq!(lands(&url).vhost, "prod");
}

#[test]
fn vhost_slash_prod_encoded() {
    let url = format!("amqp://app:{}@127.0.0.1:{}/%2Fprod", pw(), p());
    assert_eq!(lands(&url).vhost, "/prod");
}

/// `//prod`: lapin takes the path after its first `/`, the vhost `/prod`. attached must
/// read it alike.
#[test]
fn double_slash_prod_is_slash_prod() {
    let url = format!("amqp://app:{}@127.0.0.1:{}//prod", pw(), p());
    assert_eq!(lapin_uri(&url).vhost, "/prod");
    let (sent, landed) = connect(&url).unwrap();
    assert_eq!((sent.as_str(), landed.vhost.as_str()), ("/prod", "/prod"));
    assert_eq!(common::amqp(&url).vhost(), "/prod");
}

/// `amqp://host:port/`: lapin sends the empty vhost, which RabbitMQ refuses. attached must
/// not read it as `/`.
#[test]
fn lone_slash_is_empty_vhost_for_lapin() {
    let url = format!("amqp://app:{}@127.0.0.1:{}/", pw(), p());
    assert_eq!(lapin_uri(&url).vhost, "");
    let result = connect(&url);
    eprintln!("amqp lone slash: lapin {result:?}");
    let attached =
        common::load::<Broker>("AMQP_URL", &url).map(|(c, _)| c.url.vhost().into_owned());
    eprintln!("amqp lone slash: attached {attached:?}");
    match result {
        // The broker refuses the empty vhost (NOT_ALLOWED, vhost not found): attached
        // must not promise `/`; it says the empty vhost lapin sends, or refuses.
        Err(e) => {
            assert!(e.contains("vhost"), "{e}");
            assert!(
                attached.is_err() || matches!(attached.as_deref(), Ok("")),
                "attached reads the vhost as {attached:?}; lapin's connection is refused"
            );
        }
        Ok((_, landed)) => assert_eq!(Ok(landed.vhost), attached),
    }
}

#[test]
fn tls_localhost() {
    let url = format!("amqps://app:{}@localhost:{}/prod", pw(), ps());
    let landed = lands(&url);
    assert!(landed.tls);
}

#[test]
fn tls_ipv4() {
    let url = format!("amqps://app:{}@127.0.0.1:{}/%2Fprod", pw(), ps());
    let landed = lands(&url);
    assert!(landed.tls);
    assert_eq!(landed.vhost, "/prod");
}

#[test]
fn plain_is_not_tls() {
    let url = format!("amqp://app:{}@localhost:{}/%2F", pw(), p());
    assert!(!lands(&url).tls);
}

#[test]
fn unknown_vhost_refused_by_broker() {
    let url = format!("amqp://app:{}@127.0.0.1:{}/{}", pw(), p(), enc("staging"));
    let parsed = common::amqp(&url);
    assert_eq!(parsed.vhost(), "staging");
    assert!(connect(parsed.expose()).is_err());
}

/// An IPv4 literal stays an address for lapin (its URL parser keeps it as an opaque host).
#[test]
fn ipv4_literal_kept() {
    let url = format!("amqp://app:{}@127.0.0.1:{}/prod", pw(), p());
    assert_eq!(lapin_uri(&url).authority.host, "127.0.0.1");
    assert_eq!(common::amqp(&url).host(), "127.0.0.1");
}

/// An IPv6 literal: lapin's parser takes only domain names and reads every IPv6 address
/// as `localhost`, so `amqp://[2001:db8::1]/` would connect to this machine. attached
/// refuses IPv6 literals for AMQP, with the reason.
#[test]
fn ipv6_literal_refused() {
    let url = format!("amqp://app:{}@[::1]:{}/prod", pw(), p());
    assert_eq!(lapin_uri(&url).authority.host, "localhost");
    let far = "amqp://app:pw@[2001:db8::1]:5672/prod";
    assert_eq!(lapin_uri(far).authority.host, "localhost");
    refused::<Broker>("AMQP_URL", &url);
}

/// Every special character of the password, percent-encoded, reaches the broker intact.
#[test]
fn password_percent_encoded() {
    let url = format!("amqp://app:{}@localhost:{}/prod", pw(), p());
    let parsed = common::amqp(&url);
    assert_eq!(parsed.password().unwrap().expose(), common::password());
    assert_eq!(
        lapin_uri(&url).authority.userinfo.password,
        common::password()
    );
    lands(&url);
}

/// A wrong password: the broker refuses, nothing lands.
#[test]
fn wrong_password_refused_by_broker() {
    let url = format!("amqp://app:{}@localhost:{}/prod", enc("wrong"), p());
    assert!(connect(common::amqp(&url).expose()).is_err());
}
