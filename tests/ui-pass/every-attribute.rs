//! Every attribute of both derives, used correctly.

use attached::{Attached, Secret, Value};
use std::collections::HashMap;
use std::time::Duration;

#[derive(Value, Debug)]
enum LogFormat {
    Json,
    #[attached(rename = "logfmt")]
    KeyValue,
}

fn parse_level(text: &str) -> Result<u8, String> {
    text.parse().map_err(|_| "use a number".to_owned())
}

fn not_zero(n: &u32) -> Result<(), &'static str> {
    if *n == 0 {
        Err("must not be 0")
    } else {
        Ok(())
    }
}

fn not_empty(list: &Vec<String>) -> Result<(), &'static str> {
    if list.is_empty() {
        Err("give at least one")
    } else {
        Ok(())
    }
}

fn not_blank(text: &str) -> Result<(), &'static str> {
    if text.trim().is_empty() {
        Err("must not be blank")
    } else {
        Ok(())
    }
}

fn parse_port(text: &str) -> Result<u16, std::num::ParseIntError> {
    text.parse()
}

fn not_empty_port(list: &Vec<u16>) -> Result<(), &'static str> {
    if list.is_empty() {
        Err("give at least one")
    } else {
        Ok(())
    }
}

#[derive(Attached)]
struct Smtp {
    host: String,
    #[attached(default = 587)]
    port: u16,
}

/// The service.
#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// Where the database is.
    #[attached(env = "DATABASE_URL")]
    database: String,
    #[attached(default = Duration::from_secs(30))]
    timeout: Duration,
    #[attached(default)]
    retries: u8,
    #[attached(default = HashMap::<String, u8>::new().len() as u16, secret)]
    shard: u16,
    #[attached(public)]
    publishable_key: String,
    #[attached(not_secret)]
    session_cookie_name: String,
    api_token: Secret<String>,
    #[attached(separator = ";")]
    origins: Vec<String>,
    #[attached(validate = not_empty)]
    hosts: Option<Vec<String>>,
    #[attached(with = parse_port, validate = not_empty_port, default)]
    ports: Vec<u16>,
    #[attached(with = parse_level)]
    priority: Option<u8>,
    #[attached(default = LogFormat::Json)]
    log_format: LogFormat,
    #[attached(with = parse_level, default = 1)]
    level: u8,
    #[attached(validate = not_zero, default = 4)]
    replicas: u32,
    #[attached(nested)]
    smtp: Smtp,
    #[attached(nested, prefix = "BACKUP_SMTP_")]
    backup_smtp: Smtp,
    #[attached(nested)]
    relay: Option<Smtp>,
    #[attached(env = "APP_LISTEN_PORT", fallback = "PORT", fallback = "HTTP_PORT")]
    listen_port: u16,
    #[attached(with = parse_level, expected = "a number from 0 to 255")]
    verbosity: Option<u8>,
    #[attached(validate = not_blank)]
    region: String,
    #[attached(default = Self::WORKERS)]
    workers: u8,
}

impl Config {
    const WORKERS: u8 = 4;
}

fn main() {
    let config = Config::from_source(&[("DATABASE_URL", "x")]);
    let _ = format!("{config:?}");
    let _ = Config::variables();
}
