//! With the cargo feature `tracing`: `Loaded::log_summary` logs one event per variable and
//! one per warning, with redacted values only. A subscriber written here collects the
//! events. Run with `cargo test --features tracing --test tracing`.
#![cfg(feature = "tracing")]
// The config is loaded for its summary; its fields are not read.
#![allow(dead_code)]

use attached::{Attached, DatabaseUrl, Loader, Secret};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// A secret planted in every place a value can be: it must be in no event.
const SECRET: &str = "pl4nted-S3cret";

/// One event as the subscriber saw it.
#[derive(Debug)]
struct Logged {
    level: Level,
    target: String,
    fields: BTreeMap<String, String>,
}

impl Logged {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

/// Keeps every event; spans are not used.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<Logged>>>);

impl Subscriber for Collector {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(BTreeMap::new());
        event.record(&mut fields);
        self.0.lock().unwrap().push(Logged {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields: fields.0,
        });
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Every field as text: strings as they are, the rest as `Debug` writes them (the message
/// included, which is `format_args!`).
struct Fields(BTreeMap<String, String>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// The tests of this file, one at a time. In parallel, a test sometimes saw 1 event of 7
/// (14 runs of 300): `tracing` caches for each call site whether any subscriber wants its
/// events, and the tests install and drop their subscribers in parallel threads. One at a
/// time, no run of 500 failed.
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The events of `log_summary` for `source`.
fn logged(source: &[(&str, &str)]) -> (attached::Loaded<Config>, Vec<Logged>) {
    let _serial = serial();
    let loaded = Loader::new(source).load::<Config>().unwrap();
    let collector = Collector::default();
    tracing::subscriber::with_default(collector.clone(), || loaded.log_summary());
    let events = std::mem::take(&mut *collector.0.lock().unwrap());
    (loaded, events)
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    database: DatabaseUrl,
    signing_key: Secret<String>,
    /// Secret by its name.
    db_password: String,
    #[attached(default = 8080)]
    port: u16,
    workers: Option<u32>,
    motto: String,
    #[attached(nested)]
    smtp: Smtp,
}

#[derive(Attached)]
struct Smtp {
    host: String,
}

fn source() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "APP_DATABASE",
            "postgres://app:pl4nted-S3cret@db/app?sslpassword=pl4nted-S3cret",
        ),
        ("APP_SIGNING_KEY", SECRET),
        ("APP_DB_PASSWORD", SECRET),
        ("APP_MOTTO", "line one\nINFO forged: line two"),
        ("APP_SMTP_HOST", "mail.internal"),
        // Unknown: a warning naming the variable, never its value.
        ("APP_SIGNNG_KEY", SECRET),
    ]
}

#[test]
fn one_info_event_per_variable_with_its_summary_fields() {
    let (loaded, events) = logged(&source());
    let infos: Vec<&Logged> = events.iter().filter(|e| e.level == Level::INFO).collect();
    assert_eq!(infos.len(), loaded.variables.len());
    for (event, v) in infos.iter().zip(&loaded.variables) {
        assert_eq!(event.target, "attached");
        assert_eq!(event.get("message"), Some("configuration variable"));
        assert_eq!(event.get("variable"), Some(v.name.as_str()));
        assert_eq!(event.get("field"), Some(v.field.as_str()));
        assert_eq!(
            event.get("secret"),
            Some(if v.secret { "true" } else { "false" })
        );
        assert_eq!(event.get("origin"), Some(v.origin.to_string().as_str()));
    }
    let by_name = |name: &str| {
        *infos
            .iter()
            .find(|e| e.get("variable") == Some(name))
            .unwrap()
    };
    let database = by_name("APP_DATABASE");
    assert_eq!(
        database.get("value"),
        Some("postgres://app:***@db/app?sslpassword=***")
    );
    assert_eq!(database.get("origin"), Some("source"));
    assert_eq!(by_name("APP_SIGNING_KEY").get("value"), Some("***"));
    assert_eq!(by_name("APP_SIGNING_KEY").get("secret"), Some("true"));
    assert_eq!(by_name("APP_DB_PASSWORD").get("value"), Some("***"));
    assert_eq!(by_name("APP_PORT").get("value"), Some("8080"));
    assert_eq!(by_name("APP_PORT").get("origin"), Some("default"));
    // Not set: no value at all, rather than a made-up one.
    assert_eq!(by_name("APP_WORKERS").get("value"), None);
    assert_eq!(by_name("APP_WORKERS").get("origin"), Some("not set"));
    assert_eq!(by_name("APP_SMTP_HOST").get("field"), Some("smtp.host"));
    // A line break stays escaped, as in the summary: no forged line in a text log.
    assert_eq!(
        by_name("APP_MOTTO").get("value"),
        Some(r"line one\nINFO forged: line two")
    );
}

#[test]
fn one_warn_event_per_warning() {
    let (loaded, events) = logged(&source());
    let warns: Vec<&Logged> = events.iter().filter(|e| e.level == Level::WARN).collect();
    assert_eq!(warns.len(), loaded.warnings.len());
    assert!(warns.len() >= 2, "{warns:?}");
    for (event, w) in warns.iter().zip(&loaded.warnings) {
        assert_eq!(event.target, "attached");
        assert_eq!(event.get("variable"), Some(w.variable()));
        assert_eq!(event.get("message"), Some(w.to_string().as_str()));
        let field = Some(w.field()).filter(|f| !f.is_empty());
        assert_eq!(event.get("field"), field);
    }
    let unknown = warns
        .iter()
        .find(|e| e.get("variable") == Some("APP_SIGNNG_KEY"))
        .unwrap();
    assert!(unknown.get("message").unwrap().contains("APP_SIGNING_KEY"));
    // Events come in order: the variables, then the warnings.
    let first_warn = events.iter().position(|e| e.level == Level::WARN).unwrap();
    assert!(events[first_warn..].iter().all(|e| e.level == Level::WARN));
}

#[test]
fn the_planted_secret_is_in_no_event() {
    let (_, events) = logged(&source());
    assert!(!events.is_empty());
    for event in &events {
        for (name, value) in &event.fields {
            for piece in [SECRET, "pl4nted", "S3cret"] {
                assert!(!value.contains(piece), "{piece} in {name} = {value}");
            }
        }
    }
}

#[test]
fn nothing_is_logged_without_a_subscriber() {
    // No subscriber is installed in this thread: the events go nowhere, and nothing
    // panics.
    let _serial = serial();
    let loaded = Loader::new(source().as_slice()).load::<Config>().unwrap();
    loaded.log_summary();
}
