//! The configuration of a billing service, documented by the `docs` example. `tests/docs.rs`
//! reads this file too, to keep `examples/docs.env.example` equal to what
//! `attached::Docs::env_example` makes of it.

use attached::{Attached, DatabaseUrl, HttpUrl, RedisUrl, Secret};
use std::net::SocketAddr;
use std::time::Duration;

/// A billing service.
#[derive(Attached)]
#[attached(prefix = "BILLING_")]
pub struct Config {
    /// Primary Postgres database, as `postgres://user:password@host:5432/billing`.
    // A connection string holds its password: shown masked, and Kubernetes takes it from
    // the Secret, not the ConfigMap.
    pub database_url: DatabaseUrl,
    /// Redis cache. Without one the service still runs,
    /// only slower.
    pub redis_url: Option<RedisUrl>,
    /// Address and port to listen on.
    #[attached(default = "0.0.0.0:8080".parse().unwrap())]
    pub listen: SocketAddr,
    /// How long a request may take before it is answered with 503.
    #[attached(default = Duration::from_secs(30))]
    pub request_timeout: Duration,
    /// Stripe secret key (`sk_live_...`), for charges and refunds.
    pub stripe_secret_key: Secret<String>,
    /// Stripe publishable key (`pk_live_...`), handed to the checkout page.
    #[attached(public)]
    pub stripe_publishable_key: String,
    /// Sentry DSN of the checkout page; errors in the browser go unreported without it.
    #[attached(public)]
    pub browser_sentry_dsn: Option<String>,
    /// Origins allowed to call the API from a browser.
    #[attached(separator = ",", default)]
    pub allowed_origins: Vec<HttpUrl>,
    /// First line of every receipt.
    #[attached(default = "Thank you for your order!".to_owned())]
    pub receipt_greeting: String,
    /// Mail relay for receipts.
    #[attached(nested)]
    pub smtp: Smtp,
}

/// A mail relay.
#[derive(Attached)]
pub struct Smtp {
    /// Relay host name.
    pub host: String,
    /// Relay port: 587 for STARTTLS, 465 for TLS.
    #[attached(default = 587)]
    pub port: u16,
    /// User name at the relay, if it wants one.
    pub username: Option<String>,
    /// Password at the relay.
    pub password: Option<Secret<String>>,
}
