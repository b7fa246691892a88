//! `Loaded::services` and `Loaded::attach`: every backing service a loaded configuration
//! names, in `Option`, `Vec`, nested structs and defaults alike, checked in one report.
//! Every address here is on loopback.

// The config is loaded and checked; its fields are not read one by one.
#![allow(dead_code)]

use attached::{
    AmqpUrl, Attach, Attached, DatabaseUrl, HostOutcome, HttpUrl, Loader, RedisUrl, ServiceStatus,
    SmtpUrl,
};
use std::net::TcpListener;
use std::time::{Duration, Instant};

#[derive(Attached)]
struct Mail {
    url: SmtpUrl,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    database: DatabaseUrl,
    cache: Option<RedisUrl>,
    #[attached(separator = " ")]
    queues: Vec<AmqpUrl>,
    #[attached(default = "redis://127.0.0.1:1/0".parse().unwrap())]
    sessions: RedisUrl,
    /// Origins a browser calls from: hosts the program never connects to.
    #[attached(no_attach, default)]
    allowed_origins: Vec<HttpUrl>,
    #[attached(nested)]
    mail: Mail,
    local: Option<DatabaseUrl>,
}

/// A port on loopback that nothing listens on.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn every_service_of_a_loaded_config_is_checked_in_one_report() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let up = listener.local_addr().unwrap().port();
    let (down1, down2) = (closed_port(), closed_port());
    let source = [
        (
            "APP_DATABASE",
            format!("postgres://app:pgsecret@127.0.0.1:{up}/app"),
        ),
        (
            "APP_CACHE",
            format!("redis://:redissecret@127.0.0.1:{down1}/0"),
        ),
        (
            "APP_QUEUES",
            format!("amqp://u:mqsecret@127.0.0.1:{up}/vh amqp://u:mqsecret@127.0.0.1:{down2}/vh"),
        ),
        ("APP_ALLOWED_ORIGINS", "https://app.example.com".to_owned()),
        ("APP_MAIL_URL", "smtps://u:mailsecret@db.invalid".to_owned()),
        ("APP_LOCAL", "sqlite::memory:".to_owned()),
    ];
    let source: Vec<(&str, &str)> = source.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let fields: Vec<&str> = loaded.services().iter().map(|s| s.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "database",
            "cache",
            "queues[0]",
            "queues[1]",
            "sessions",
            "mail.url",
            "local"
        ]
    );
    let started = Instant::now();
    let report = loaded.attach(&Attach::new().deadline(Duration::from_secs(3)));
    // A correctness bound (within the deadline and a margin), not a benchmark.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    assert!(!report.is_ok());
    let down: Vec<(&str, &str)> = report
        .failures()
        .map(|s| (s.variable(), s.field()))
        .collect();
    assert_eq!(
        down,
        [
            ("APP_CACHE", "cache"),
            ("APP_QUEUES", "queues[1]"),
            ("APP_SESSIONS", "sessions"),
            ("APP_MAIL_URL", "mail.url"),
        ]
    );
    let states = report.services();
    assert_eq!(states[0].status(), &ServiceStatus::Up);
    assert!(matches!(states[6].status(), ServiceStatus::NotChecked(_)));
    let text = report.to_string();
    assert!(
        text.contains("refused") && text.contains("cannot resolve"),
        "{text}"
    );
    let summary = loaded.summary().with_services(&report).to_string();
    assert!(summary.contains("services:\n  APP_DATABASE"), "{summary}");
    for output in [text, summary, format!("{report:?}"), format!("{loaded:?}")] {
        for secret in ["pgsecret", "redissecret", "mqsecret", "mailsecret"] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Hooks {
    #[attached(secret)]
    hook: HttpUrl,
    hook_token: attached::Secret<HttpUrl>,
    api: HttpUrl,
}

/// The host of a secret URL is part of the secret: the report and every `Debug` print it
/// as `***`, with its port; it is still checked, and found up or down.
#[test]
fn the_host_of_a_secret_url_is_checked_and_never_shown() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let up = listener.local_addr().unwrap().port();
    let source = [
        ("APP_HOOK", "https://S3cr3tHost9x.invalid/x".to_owned()),
        ("APP_HOOK_TOKEN", format!("http://localhost:{up}/t")),
        ("APP_API", format!("http://127.0.0.1:{up}/api")),
    ];
    let source: Vec<(&str, &str)> = source.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let loaded = Loader::new(source.as_slice()).load::<Hooks>().unwrap();
    let report = loaded.attach(&Attach::new().deadline(Duration::from_secs(3)));
    let states = report.services();
    assert_eq!(states[0].status(), &ServiceStatus::Down);
    assert_eq!(states[1].status(), &ServiceStatus::Up);
    assert_eq!(states[2].status(), &ServiceStatus::Up);
    // The address a secret host answered at would say what its name hides.
    let answered = |i: usize| match states[i].hosts()[0].outcome() {
        HostOutcome::Answered { address, .. } => *address,
        other => panic!("{other:?}"),
    };
    assert_eq!(answered(1), None);
    assert!(answered(2).is_some());
    let text = report.to_string();
    assert!(text.contains("***:443 cannot resolve"), "{text}");
    assert!(text.contains(&format!("***:{up} answered")), "{text}");
    assert!(text.contains(&format!("127.0.0.1:{up} answered")), "{text}");
    let summary = loaded.summary().with_services(&report).to_string();
    for output in [text, summary, format!("{report:?}"), format!("{loaded:?}")] {
        for secret in ["S3cr3tHost9x", "localhost"] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
}
