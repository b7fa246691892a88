//! The main job: read the billing service's configuration from the process environment,
//! layered over `examples/startup.env`, and print the redacted config and the startup
//! summary (every variable, its value with secrets masked, and where it came from).
//!
//! ```sh
//! cargo run --example startup
//! BILLING_LISTEN=nonsense BILLING_REQUEST_TIMEOUT=abc cargo run --example startup
//! cargo run --example startup -- --attach      # then check every backing service once
//! ATTACH_WAIT=30s cargo run --example startup  # or wait up to 30 s for them to come up
//! ```
//!
//! Any variable can be overridden in the environment; with a broken one, every problem is
//! printed and the program exits non-zero. With `--attach` or `ATTACH_WAIT`, so does a
//! backing service that cannot be reached.

mod config;

use attached::{Attach, DotEnv, Env, Host, Loaded, Loader, Report, Source, Value};
use config::Config;
use std::path::Path;
use std::time::Duration;

fn main() -> Result<(), Report> {
    let defaults = DotEnv::from_path(env_file())?;
    let loaded = Loader::new(Env::new().over(defaults)).load::<Config>()?;
    println!("{:#?}\n", loaded.config);
    print!("{}", loaded.summary());
    println!();
    attach(&loaded.config);
    check_services(&loaded);
    Ok(())
}

/// With `--attach`, checks once that every backing service is reachable (5 s at most);
/// with `ATTACH_WAIT=30s`, waits up to 30 s for them to come up, as containers started
/// together do. Prints each service as it comes up, then the ones that did not; exits
/// non-zero if one is down.
fn check_services(loaded: &Loaded<Config>) {
    let wait = std::env::var("ATTACH_WAIT")
        .ok()
        .filter(|text| !text.is_empty());
    let attach = match wait {
        Some(text) => match Duration::parse(&text) {
            Ok(deadline) => Attach::new().deadline(deadline).wait(true),
            Err(e) => {
                eprintln!("ATTACH_WAIT: {e}");
                std::process::exit(2);
            }
        },
        None if std::env::args().any(|arg| arg == "--attach") => Attach::new(),
        None => return,
    };
    println!();
    let report = loaded.attach(&attach.on_ready(|service| println!("{service}")));
    for service in report.services().iter().filter(|s| !s.is_up()) {
        println!("{service}");
    }
    if !report.is_ok() {
        std::process::exit(1);
    }
}

/// What the service would connect to. It knows each service's type, never whether it is
/// local or remote: every location comes from the configuration.
fn attach(config: &Config) {
    let hosts = |hosts: &[Host]| {
        let names: Vec<String> = hosts.iter().map(Host::to_string).collect();
        names.join(", ")
    };
    let db = &config.database;
    println!(
        "database  {:?} at {}, database {}",
        db.engine(),
        hosts(db.hosts()),
        db.database().unwrap_or_default()
    );
    match &config.redis {
        Some(redis) => println!("cache     {}, db {}", hosts(redis.hosts()), redis.db()),
        None => println!("cache     none; running without one"),
    }
    let queue = &config.queue;
    println!(
        "queue     {} vhost {}{}",
        hosts(queue.hosts()),
        queue.vhost(),
        if queue.is_tls() { ", TLS" } else { "" }
    );
    let invoices = &config.invoices;
    println!(
        "invoices  bucket {}, prefix {}",
        invoices.bucket(),
        invoices.prefix()
    );
    let smtp = &config.smtp;
    println!(
        "mail      {} ({:?} TLS) from {}, {} connections",
        hosts(smtp.url.hosts()),
        smtp.url.tls(),
        smtp.from,
        smtp.pool_size
    );
    let origins: Vec<String> = config
        .allowed_origins
        .iter()
        .map(|o| o.to_string())
        .collect();
    println!(
        "http      {} ({:?} logs), requests time out after {:?}, origins {}",
        config.listen,
        config.log_format,
        config.request_timeout,
        origins.join(" ")
    );
    println!("release   {}", config.release);
    println!(
        "stripe    publishable key {}, secret key of {} characters",
        config.stripe_publishable_key,
        config.stripe_secret_key.expose().len()
    );
}

/// `examples/startup.env`, relative when run from the package root (as `cargo run` does),
/// so the summary shows a short path.
fn env_file() -> &'static Path {
    let relative = Path::new("examples/startup.env");
    if relative.exists() {
        relative
    } else {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/startup.env"))
    }
}
