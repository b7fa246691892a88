//! The billing service's configuration: one struct, every backing service it attaches.
//! Shared by the `startup` example and the tests that check its output.

use attached::{AmqpUrl, Attached, DatabaseUrl, HttpUrl, RedisUrl, S3Url, Secret, SmtpUrl, Value};
use std::net::SocketAddr;
use std::time::Duration;

/// Billing service.
#[derive(Attached)]
#[attached(prefix = "BILLING_")]
pub struct Config {
    /// Primary Postgres database.
    #[attached(env = "DATABASE_URL")]
    pub database: DatabaseUrl,
    /// Cache; the service runs without it.
    pub redis: Option<RedisUrl>,
    /// Queue that invoice events are published to.
    pub queue: AmqpUrl,
    /// Bucket and key prefix where invoice PDFs are stored.
    pub invoices: S3Url,
    /// Address the HTTP server listens on.
    #[attached(default = "0.0.0.0:8080".parse().unwrap())]
    pub listen: SocketAddr,
    /// Longest time a request may take.
    #[attached(default = Duration::from_secs(30))]
    pub request_timeout: Duration,
    /// Stripe API key, server side only.
    pub stripe_secret_key: Secret<String>,
    /// Stripe key that the browser uses.
    #[attached(public)]
    pub stripe_publishable_key: String,
    /// Origins allowed to call the API from a browser: hosts this service never connects
    /// to, so not checked at startup.
    #[attached(separator = ",", no_attach)]
    pub allowed_origins: Vec<HttpUrl>,
    /// Log line format.
    #[attached(default = LogFormat::Json)]
    pub log_format: LogFormat,
    /// Release named in logs and error reports; the deployment sets it, and `cargo run`
    /// sets it to the package's version.
    #[attached(env = "CARGO_PKG_VERSION", default = "dev".to_owned())]
    pub release: String,
    /// Invoice mail.
    #[attached(nested)]
    pub smtp: Smtp,
}

/// The mail relay that sends invoices.
#[derive(Attached)]
pub struct Smtp {
    /// Relay URL; smtps:// for implicit TLS, smtp://...?tls=required for STARTTLS.
    pub url: SmtpUrl,
    /// Sender address.
    pub from: String,
    /// Connections kept open to the relay.
    #[attached(default = 4)]
    pub pool_size: u16,
}

/// How log lines are written.
#[derive(Value, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object a line.
    Json,
    /// Text for a terminal.
    Pretty,
}
