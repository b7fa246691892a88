//! SMTP through lettre (`SmtpTransport::from_url`, then a test connection, which says
//! EHLO, STARTTLS when asked, and AUTH). The server listens on three ports, plain,
//! STARTTLS and implicit TLS, accepts AUTH PLAIN and LOGIN, and records for each
//! authentication the user, whether the password was right, and whether the session was
//! encrypted. Each case logs in as its own user to find its record.

mod common;

use attached::SmtpTls;
use common::{Mail, enc, get, port, pw, refused};

#[derive(Debug, PartialEq)]
struct Record {
    port: u16,
    password_ok: bool,
    tls: bool,
}

/// The server's records of `user`'s authentications.
fn records(user: &str) -> Vec<Record> {
    let text = std::fs::read_to_string(get("SMTP_RECORD")).unwrap();
    let needle = format!("\"user\": \"{user}\"");
    text.lines()
        .filter(|line| line.contains(&needle))
        .map(|line| {
            let field = |name: &str| {
                let start = line.find(&format!("\"{name}\": ")).unwrap() + name.len() + 4;
                line[start..]
                    .split([',', '}'])
                    .next()
                    .unwrap()
                    .trim()
                    .to_owned()
            };
            Record {
                port: field("port").parse().unwrap(),
                password_ok: field("password_ok") == "true",
                tls: field("tls") == "true",
            }
        })
        .collect()
}

/// lettre with `url`: builds the transport from the URL and opens a test connection.
fn lettre(url: &str) -> Result<(), String> {
    let transport = lettre::SmtpTransport::from_url(url)
        .map_err(|e| format!("lettre: {e}"))?
        .timeout(Some(std::time::Duration::from_secs(10)))
        .build();
    transport
        .test_connection()
        .map_err(|e| format!("lettre: {e}"))
        .map(|_| ())
}

/// Reads `url`, connects with lettre, and checks the server's record against attached:
/// the port, and TLS exactly when `tls()` says it is on.
fn lands(url: &str, user: &str) -> Record {
    let parsed = common::smtp(url);
    assert_eq!(parsed.user().as_deref(), Some(user));
    lettre(parsed.expose()).unwrap_or_else(|e| panic!("{url}: {e}"));
    let mut recs = records(user);
    assert_eq!(recs.len(), 1, "{user}: {recs:?}");
    let rec = recs.remove(0);
    assert!(rec.password_ok, "{user}: the password arrived changed");
    assert_eq!(rec.port, parsed.port());
    assert_eq!(rec.tls, parsed.tls() != SmtpTls::None, "TLS: {url} {rec:?}");
    rec
}

/// A user name of this run's own: the record file outlives a test run.
fn user(tag: &str) -> String {
    format!("{tag}-{}", std::process::id())
}

fn plain() -> u16 {
    port("SMTP_PORT")
}

fn starttls() -> u16 {
    port("SMTP_STARTTLS_PORT")
}

fn implicit() -> u16 {
    port("SMTPS_PORT")
}

/// No `?tls=`: lettre speaks in clear and sends the password unencrypted, as the
/// server's record shows. attached must say so: TLS none.
#[test]
fn no_tls_parameter_is_clear_text() {
    let url = format!("smtp://{}:{}@127.0.0.1:{}", user("clear-1"), pw(), plain());
    lettre(&url).unwrap();
    let recs = records(&user("clear-1"));
    assert_eq!(recs.len(), 1);
    assert!(!recs[0].tls, "lettre sent the credentials in clear");
    assert!(recs[0].password_ok);
    assert_eq!(
        common::smtp(&url).tls(),
        SmtpTls::None,
        "attached must say none"
    );
}

/// No `?tls=` against a server that offers STARTTLS: lettre still does not use it.
#[test]
fn no_tls_parameter_ignores_offered_starttls() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}",
        user("clear-2"),
        pw(),
        starttls()
    );
    lettre(&url).unwrap();
    let recs = records(&user("clear-2"));
    assert!(!recs[0].tls, "{recs:?}");
    assert_eq!(
        common::smtp(&url).tls(),
        SmtpTls::None,
        "attached must say none"
    );
}

#[test]
fn tls_required_is_starttls() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=required",
        user("starttls-1"),
        pw(),
        starttls()
    );
    assert_eq!(common::smtp(&url).tls(), SmtpTls::StartTls);
    assert!(lands(&url, &user("starttls-1")).tls);
}

#[test]
fn tls_required_localhost() {
    let url = format!(
        "smtp://{}:{}@localhost:{}?tls=required",
        user("starttls-2"),
        pw(),
        starttls()
    );
    assert!(lands(&url, &user("starttls-2")).tls);
}

/// `?tls=required` against a server without STARTTLS: lettre stops before AUTH, so the
/// password is never sent.
#[test]
fn tls_required_without_starttls_sends_nothing() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=required",
        user("starttls-3"),
        pw(),
        plain()
    );
    assert_eq!(common::smtp(&url).tls(), SmtpTls::StartTls);
    assert!(lettre(&url).is_err());
    assert_eq!(records(&user("starttls-3")), []);
}

#[test]
fn smtps_is_implicit_tls() {
    let url = format!(
        "smtps://{}:{}@127.0.0.1:{}",
        user("implicit-1"),
        pw(),
        implicit()
    );
    assert_eq!(common::smtp(&url).tls(), SmtpTls::Implicit);
    assert!(lands(&url, &user("implicit-1")).tls);
}

#[test]
fn smtps_localhost() {
    let url = format!(
        "smtps://{}:{}@localhost:{}",
        user("implicit-2"),
        pw(),
        implicit()
    );
    assert!(lands(&url, &user("implicit-2")).tls);
}

/// `?tls=none`, said explicitly: lettre refuses the parameter (it knows only `required`
/// and `opportunistic`), so nothing is sent; attached refuses it too, with the fix.
#[test]
fn tls_none_explicit() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=none",
        user("none-1"),
        pw(),
        plain()
    );
    let err = lettre(&url).unwrap_err();
    assert!(err.contains("tls parameter"), "{err}");
    assert_eq!(records(&user("none-1")), []);
    let refusal = refused::<Mail>("SMTP_URL", &url);
    assert!(refusal.contains("lettre refuses it"), "{refusal}");
}

/// A user name that is an e-mail address, its `@` percent-encoded.
#[test]
fn email_user_name() {
    let me = format!("me+{}@example.com", std::process::id());
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=required",
        enc(&me),
        pw(),
        starttls()
    );
    let rec = lands(&url, &me);
    assert!(rec.tls);
}

/// `?tls=starttls`: lettre refuses the parameter (it knows `required` and
/// `opportunistic`), so nothing is sent in clear; attached refuses it too, with the fix.
#[test]
fn tls_starttls_word() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=starttls",
        user("starttls-4"),
        pw(),
        starttls()
    );
    let err = lettre(&url).unwrap_err();
    eprintln!("smtp ?tls=starttls with lettre: {err}");
    assert_eq!(records(&user("starttls-4")), []);
    let refusal = refused::<Mail>("SMTP_URL", &url);
    assert!(refusal.contains("tls=required"), "{refusal}");
}

/// `?tls=opportunistic`: lettre upgrades when the server offers STARTTLS and goes on in
/// clear when not. attached reads it as lettre does (`SmtpTls::Opportunistic`) and warns
/// that the password may go in clear.
#[test]
fn tls_opportunistic_read_as_lettre_does() {
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=opportunistic",
        user("opportunistic-1"),
        pw(),
        plain()
    );
    let parsed = common::smtp(&url);
    assert_eq!(parsed.tls(), SmtpTls::Opportunistic);
    lettre(parsed.expose()).unwrap();
    assert!(
        !records(&user("opportunistic-1"))[0].tls,
        "clear text when not offered"
    );
    let source = [("SMTP_URL", url.as_str())];
    let loaded = attached::Loader::new(&source).load::<Mail>().unwrap();
    assert!(
        loaded.warnings.iter().any(|w| w.variable() == "SMTP_URL"),
        "no warning: {:?}",
        loaded.warnings
    );
    // Where STARTTLS is offered, it is used.
    let url = format!(
        "smtp://{}:{}@127.0.0.1:{}?tls=opportunistic",
        user("opportunistic-2"),
        pw(),
        starttls()
    );
    lettre(common::smtp(&url).expose()).unwrap();
    assert!(records(&user("opportunistic-2"))[0].tls);
}
