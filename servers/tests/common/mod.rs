//! What every driver test shares: the servers' environment written by
//! `.ci/servers start`, percent-encoding, and one derived config per service type read
//! from a map source (never the process environment).

#![allow(dead_code)]

use attached::{AmqpUrl, Attached, DatabaseUrl, Loader, RedisUrl, Report, SmtpUrl};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

/// `servers.env`: from `ATTACHED_SERVERS_ENV` if set, else through the `.servers` link
/// that `.ci/servers start` makes in this crate.
pub fn env_file() -> PathBuf {
    std::env::var_os("ATTACHED_SERVERS_ENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".servers/servers.env"))
}

/// The servers' ports, sockets and passwords.
pub fn get(key: &str) -> &'static str {
    static ENV: OnceLock<HashMap<String, String>> = OnceLock::new();
    let env = ENV.get_or_init(|| {
        let path = env_file();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; start the servers first: .ci/servers start DIR",
                path.display()
            )
        });
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    });
    env.get(key)
        .unwrap_or_else(|| panic!("{key} missing from servers.env"))
}

pub fn port(key: &str) -> u16 {
    get(key).parse().unwrap()
}

/// The password of every account (PostgreSQL, MariaDB, Redis `default`, RabbitMQ, SMTP):
/// it has `@ : / % # ? & + space [ ]` and non-ASCII characters.
pub fn password() -> &'static str {
    get("PASSWORD")
}

/// The password of the Redis ACL user `app`.
pub fn acl_password() -> &'static str {
    get("ACL_PASSWORD")
}

/// Percent-encodes every byte but RFC 3986's unreserved characters.
pub fn enc(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The password, percent-encoded for a URL.
pub fn pw() -> String {
    enc(password())
}

#[derive(Attached)]
pub struct Db {
    #[attached(env = "DATABASE_URL")]
    pub url: DatabaseUrl,
}

#[derive(Attached)]
pub struct Cache {
    #[attached(env = "REDIS_URL")]
    pub url: RedisUrl,
}

#[derive(Attached)]
pub struct Broker {
    #[attached(env = "AMQP_URL")]
    pub url: AmqpUrl,
}

#[derive(Attached)]
pub struct Mail {
    #[attached(env = "SMTP_URL")]
    pub url: SmtpUrl,
}

/// A config read from one variable, with its startup summary as text. Checks what every
/// case relies on: the summary shows the value as the type's redacted `Display`, and no
/// password appears in it.
pub fn load<T: Attached>(var: &str, url: &str) -> Result<(T, String), Report> {
    let source = [(var, url)];
    let loaded = Loader::new(&source).load::<T>()?;
    let summary = loaded.summary().to_string();
    for secret in [password(), acl_password()] {
        // The summary cuts long values: look for the start of each password too.
        let start: String = enc(secret).chars().take(9).collect();
        assert!(
            !summary.contains(secret) && !summary.contains(&start),
            "summary shows a password: {summary}"
        );
    }
    assert!(summary.contains(var), "{summary}");
    Ok((loaded.config, summary))
}

/// The summary's value cell of the one variable (the redacted URL, cut at 80 characters).
pub fn shown(summary: &str, var: &str) -> String {
    let line = summary
        .lines()
        .find(|line| line.starts_with(var))
        .unwrap_or_else(|| panic!("{var} not in {summary}"));
    let value = line[var.len()..].trim_start();
    // The origin column follows after at least two spaces.
    value.split("  ").next().unwrap().trim().to_owned()
}

/// Asserts that the summary shows `display` (the type's redacted text), in full or cut.
pub fn assert_summary_shows(summary: &str, var: &str, display: &str) {
    let cell = shown(summary, var);
    let cut = cell.trim_end_matches('…').trim_end_matches("...");
    assert!(
        display.starts_with(cut) && !cut.is_empty(),
        "summary shows {cell:?}, the value is {display:?}\n{summary}"
    );
}

pub fn db(url: &str) -> DatabaseUrl {
    let (config, summary) = load::<Db>("DATABASE_URL", url).unwrap_or_else(|e| panic!("{e}"));
    assert_summary_shows(&summary, "DATABASE_URL", &config.url.to_string());
    config.url
}

pub fn redis(url: &str) -> RedisUrl {
    let (config, summary) = load::<Cache>("REDIS_URL", url).unwrap_or_else(|e| panic!("{e}"));
    assert_summary_shows(&summary, "REDIS_URL", &config.url.to_string());
    config.url
}

pub fn amqp(url: &str) -> AmqpUrl {
    let (config, summary) = load::<Broker>("AMQP_URL", url).unwrap_or_else(|e| panic!("{e}"));
    assert_summary_shows(&summary, "AMQP_URL", &config.url.to_string());
    config.url
}

pub fn smtp(url: &str) -> SmtpUrl {
    let (config, summary) = load::<Mail>("SMTP_URL", url).unwrap_or_else(|e| panic!("{e}"));
    assert_summary_shows(&summary, "SMTP_URL", &config.url.to_string());
    config.url
}

/// The reason attached gives for refusing `url` as `T`; panics if it accepts it.
pub fn refused<T: Attached>(var: &str, url: &str) -> String {
    match load::<T>(var, url) {
        Ok(_) => panic!("attached accepted {var}={url}"),
        Err(report) => {
            let text = report.to_string();
            for secret in [password(), acl_password()] {
                assert!(
                    !text.contains(secret),
                    "the report shows a password: {text}"
                );
            }
            text
        }
    }
}
