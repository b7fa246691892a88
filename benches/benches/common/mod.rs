//! What every benchmark and the profiling example share: the 30-field configuration as each
//! library declares it, the variables it is read from, and one closure per way of loading
//! it.
//!
//! Included with `#[path]` by `benches/load.rs` and `examples/profile.rs`, so that the
//! timed code and the profiled code are the same.

use std::collections::HashMap;
use std::str::FromStr;

/// The variables every loader reads. Four fields are left unset on purpose: two fall to
/// their defaults (`APP_PORT`, `APP_WORKERS`) and two optional ones are `None`
/// (`APP_ADMIN_EMAIL`, `APP_MAINTENANCE`).
pub const VARS: &[(&str, &str)] = &[
    ("APP_HOST", "0.0.0.0"),
    ("APP_LOG_LEVEL", "info"),
    ("APP_DATABASE_URL", DATABASE_URL),
    ("APP_REDIS_URL", REDIS_URL),
    ("APP_MAX_CONNECTIONS", "32"),
    ("APP_MIN_CONNECTIONS", "4"),
    ("APP_REQUEST_TIMEOUT_MS", "30000"),
    ("APP_RETRIES", "3"),
    ("APP_SAMPLE_RATE", "0.25"),
    ("APP_DEBUG", "false"),
    ("APP_METRICS", "true"),
    ("APP_TRACING", "true"),
    ("APP_SERVICE_NAME", "billing"),
    ("APP_REGION", "eu-west-1"),
    ("APP_API_TOKEN", "t0ps3cret"),
    ("APP_CACHE_TTL_SECS", "300"),
    ("APP_QUEUE_CAPACITY", "1024"),
    ("APP_CLOCK_SKEW_MS", "-15"),
    ("APP_SENTRY_DSN", "https://public@sentry.example/1"),
    ("APP_MAX_BODY_BYTES", "1048576"),
    ("APP_ALLOWED_ORIGINS", "https://a.example,https://b.example"),
    ("APP_EXTRA_PORTS", "8081,8082,8083"),
    ("APP_TRUSTED_PROXIES", "10.0.0.1,10.0.0.2"),
    ("APP_BUCKET", "billing-invoices"),
    ("APP_DATA_DIR", "/var/lib/billing"),
    ("APP_SHUTDOWN_GRACE_SECS", "10"),
];

pub const DATABASE_URL: &str = "postgres://billing:pw@db.internal:5432/billing";
pub const REDIS_URL: &str = "redis://cache.internal:6379/0";

/// The variables that must not be set, so that defaults and `None` are exercised.
pub const UNSET: &[&str] = &[
    "APP_PORT",
    "APP_WORKERS",
    "APP_ADMIN_EMAIL",
    "APP_MAINTENANCE",
];

/// The configuration, as every loader's result is compared (see [`plain!`]).
#[derive(Debug, PartialEq)]
pub struct Plain {
    host: String,
    port: u16,
    workers: u32,
    log_level: String,
    database_url: String,
    redis_url: String,
    max_connections: u32,
    min_connections: u32,
    request_timeout_ms: u64,
    retries: u8,
    sample_rate: f64,
    debug: bool,
    metrics: bool,
    tracing: bool,
    service_name: String,
    region: String,
    api_token: String,
    cache_ttl_secs: u64,
    queue_capacity: usize,
    clock_skew_ms: i64,
    sentry_dsn: Option<String>,
    admin_email: Option<String>,
    max_body_bytes: Option<u64>,
    maintenance: Option<bool>,
    allowed_origins: Vec<String>,
    extra_ports: Vec<u16>,
    trusted_proxies: Vec<String>,
    bucket: String,
    data_dir: String,
    shutdown_grace_secs: u32,
}

/// Converts any loader's struct into a [`Plain`], field by field, with `Into`.
macro_rules! plain {
    ($c:expr) => {{
        let c = $c;
        Plain {
            host: c.host.into(),
            port: c.port.into(),
            workers: c.workers.into(),
            log_level: c.log_level.into(),
            database_url: url_text(c.database_url),
            redis_url: url_text(c.redis_url),
            max_connections: c.max_connections.into(),
            min_connections: c.min_connections.into(),
            request_timeout_ms: c.request_timeout_ms.into(),
            retries: c.retries.into(),
            sample_rate: c.sample_rate.into(),
            debug: c.debug.into(),
            metrics: c.metrics.into(),
            tracing: c.tracing.into(),
            service_name: c.service_name.into(),
            region: c.region.into(),
            api_token: c.api_token.into(),
            cache_ttl_secs: c.cache_ttl_secs.into(),
            queue_capacity: c.queue_capacity.into(),
            clock_skew_ms: c.clock_skew_ms.into(),
            sentry_dsn: c.sentry_dsn.into(),
            admin_email: c.admin_email.into(),
            max_body_bytes: c.max_body_bytes.into(),
            maintenance: c.maintenance.into(),
            allowed_origins: c.allowed_origins.into(),
            extra_ports: c.extra_ports.into(),
            trusted_proxies: c.trusted_proxies.into(),
            bucket: c.bucket.into(),
            data_dir: c.data_dir.into(),
            shutdown_grace_secs: c.shutdown_grace_secs.into(),
        }
    }};
}

/// The connection text of a service URL field: a `String` for the libraries without URL
/// types, `attached`'s typed URL otherwise.
fn url_text(url: impl UrlText) -> String {
    url.text()
}

trait UrlText {
    fn text(self) -> String;
}

impl UrlText for String {
    fn text(self) -> String {
        self
    }
}

impl UrlText for attached::DatabaseUrl {
    fn text(self) -> String {
        self.expose().to_owned()
    }
}

impl UrlText for attached::RedisUrl {
    fn text(self) -> String {
        self.expose().to_owned()
    }
}

/// The configuration `attached` reads, its two service URLs of the types given: the same
/// struct for the typed loader and the like-for-like one.
macro_rules! attached_config {
    ($database:ty, $redis:ty) => {
        #[derive(attached::Attached)]
        #[attached(prefix = "APP_")]
        pub struct Config {
            pub host: String,
            #[attached(default = 8080)]
            pub port: u16,
            #[attached(default = 4)]
            pub workers: u32,
            pub log_level: String,
            pub database_url: $database,
            pub redis_url: $redis,
            pub max_connections: u32,
            pub min_connections: u32,
            pub request_timeout_ms: u64,
            pub retries: u8,
            pub sample_rate: f64,
            pub debug: bool,
            pub metrics: bool,
            pub tracing: bool,
            pub service_name: String,
            pub region: String,
            pub api_token: String,
            pub cache_ttl_secs: u64,
            pub queue_capacity: usize,
            pub clock_skew_ms: i64,
            pub sentry_dsn: Option<String>,
            pub admin_email: Option<String>,
            pub max_body_bytes: Option<u64>,
            pub maintenance: Option<bool>,
            pub allowed_origins: Vec<String>,
            pub extra_ports: Vec<u16>,
            pub trusted_proxies: Vec<String>,
            pub bucket: String,
            pub data_dir: String,
            pub shutdown_grace_secs: u32,
        }
    };
}

/// `attached`: the service URLs typed, so they are checked at load (the others keep them as
/// `String`, as their users would).
pub mod with_attached {
    attached_config!(attached::DatabaseUrl, attached::RedisUrl);
}

/// `attached` with the service URLs as `String`, as the other loaders keep them: the
/// like-for-like comparison, which tells what the two URL checks cost from what the
/// rest of a load does (`profile from_map/attached_untyped`).
pub mod with_attached_untyped {
    attached_config!(String, String);
}

/// envy: serde's derive, defaults as functions.
pub mod with_envy {
    use serde::Deserialize;

    fn port() -> u16 {
        8080
    }
    fn workers() -> u32 {
        4
    }

    #[derive(Deserialize)]
    pub struct Config {
        pub host: String,
        #[serde(default = "port")]
        pub port: u16,
        #[serde(default = "workers")]
        pub workers: u32,
        pub log_level: String,
        pub database_url: String,
        pub redis_url: String,
        pub max_connections: u32,
        pub min_connections: u32,
        pub request_timeout_ms: u64,
        pub retries: u8,
        pub sample_rate: f64,
        pub debug: bool,
        pub metrics: bool,
        pub tracing: bool,
        pub service_name: String,
        pub region: String,
        pub api_token: String,
        pub cache_ttl_secs: u64,
        pub queue_capacity: usize,
        pub clock_skew_ms: i64,
        pub sentry_dsn: Option<String>,
        pub admin_email: Option<String>,
        pub max_body_bytes: Option<u64>,
        pub maintenance: Option<bool>,
        pub allowed_origins: Vec<String>,
        pub extra_ports: Vec<u16>,
        pub trusted_proxies: Vec<String>,
        pub bucket: String,
        pub data_dir: String,
        pub shutdown_grace_secs: u32,
    }
}

/// envconfig: every field parsed with `FromStr`, so lists need a newtype.
pub mod with_envconfig {
    use envconfig::Envconfig;
    use std::str::FromStr;

    /// A comma-separated list, as envconfig users write one.
    #[derive(Debug)]
    pub struct List<T>(pub Vec<T>);

    impl<T: FromStr> FromStr for List<T> {
        type Err = T::Err;
        fn from_str(text: &str) -> Result<Self, T::Err> {
            super::split(text).map(List)
        }
    }

    impl<T> From<List<T>> for Vec<T> {
        fn from(list: List<T>) -> Vec<T> {
            list.0
        }
    }

    #[derive(Envconfig)]
    pub struct Config {
        #[envconfig(from = "APP_HOST")]
        pub host: String,
        #[envconfig(from = "APP_PORT", default = "8080")]
        pub port: u16,
        #[envconfig(from = "APP_WORKERS", default = "4")]
        pub workers: u32,
        #[envconfig(from = "APP_LOG_LEVEL")]
        pub log_level: String,
        #[envconfig(from = "APP_DATABASE_URL")]
        pub database_url: String,
        #[envconfig(from = "APP_REDIS_URL")]
        pub redis_url: String,
        #[envconfig(from = "APP_MAX_CONNECTIONS")]
        pub max_connections: u32,
        #[envconfig(from = "APP_MIN_CONNECTIONS")]
        pub min_connections: u32,
        #[envconfig(from = "APP_REQUEST_TIMEOUT_MS")]
        pub request_timeout_ms: u64,
        #[envconfig(from = "APP_RETRIES")]
        pub retries: u8,
        #[envconfig(from = "APP_SAMPLE_RATE")]
        pub sample_rate: f64,
        #[envconfig(from = "APP_DEBUG")]
        pub debug: bool,
        #[envconfig(from = "APP_METRICS")]
        pub metrics: bool,
        #[envconfig(from = "APP_TRACING")]
        pub tracing: bool,
        #[envconfig(from = "APP_SERVICE_NAME")]
        pub service_name: String,
        #[envconfig(from = "APP_REGION")]
        pub region: String,
        #[envconfig(from = "APP_API_TOKEN")]
        pub api_token: String,
        #[envconfig(from = "APP_CACHE_TTL_SECS")]
        pub cache_ttl_secs: u64,
        #[envconfig(from = "APP_QUEUE_CAPACITY")]
        pub queue_capacity: usize,
        #[envconfig(from = "APP_CLOCK_SKEW_MS")]
        pub clock_skew_ms: i64,
        #[envconfig(from = "APP_SENTRY_DSN")]
        pub sentry_dsn: Option<String>,
        #[envconfig(from = "APP_ADMIN_EMAIL")]
        pub admin_email: Option<String>,
        #[envconfig(from = "APP_MAX_BODY_BYTES")]
        pub max_body_bytes: Option<u64>,
        #[envconfig(from = "APP_MAINTENANCE")]
        pub maintenance: Option<bool>,
        #[envconfig(from = "APP_ALLOWED_ORIGINS")]
        pub allowed_origins: List<String>,
        #[envconfig(from = "APP_EXTRA_PORTS")]
        pub extra_ports: List<u16>,
        #[envconfig(from = "APP_TRUSTED_PROXIES")]
        pub trusted_proxies: List<String>,
        #[envconfig(from = "APP_BUCKET")]
        pub bucket: String,
        #[envconfig(from = "APP_DATA_DIR")]
        pub data_dir: String,
        #[envconfig(from = "APP_SHUTDOWN_GRACE_SECS")]
        pub shutdown_grace_secs: u32,
    }
}

/// A comma-separated list: items trimmed, empty items skipped.
fn split<T: FromStr>(text: &str) -> Result<Vec<T>, T::Err> {
    text.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::parse)
        .collect()
}

/// The hand-written loader: one lookup and one `str::parse` per field, the first problem
/// ends the load. `get` is `std::env::var` or a map lookup.
fn hand_written(get: impl Fn(&str) -> Option<String>) -> Result<Plain, String> {
    fn parse<T: FromStr>(name: &str, text: String) -> Result<T, String> {
        text.parse().map_err(|_| format!("{name}: invalid value"))
    }
    let required = |name: &str| get(name).ok_or_else(|| format!("{name}: not set"));
    macro_rules! req {
        ($name:literal) => {
            parse($name, required($name)?)?
        };
    }
    macro_rules! text {
        ($name:literal) => {
            required($name)?
        };
    }
    macro_rules! default {
        ($name:literal, $default:expr) => {
            match get($name) {
                Some(text) => parse($name, text)?,
                None => $default,
            }
        };
    }
    macro_rules! optional {
        ($name:literal) => {
            match get($name) {
                Some(text) => Some(parse($name, text)?),
                None => None,
            }
        };
    }
    macro_rules! list {
        ($name:literal) => {
            split(&required($name)?).map_err(|_| format!("{}: invalid list", $name))?
        };
    }
    Ok(Plain {
        host: text!("APP_HOST"),
        port: default!("APP_PORT", 8080),
        workers: default!("APP_WORKERS", 4),
        log_level: text!("APP_LOG_LEVEL"),
        database_url: text!("APP_DATABASE_URL"),
        redis_url: text!("APP_REDIS_URL"),
        max_connections: req!("APP_MAX_CONNECTIONS"),
        min_connections: req!("APP_MIN_CONNECTIONS"),
        request_timeout_ms: req!("APP_REQUEST_TIMEOUT_MS"),
        retries: req!("APP_RETRIES"),
        sample_rate: req!("APP_SAMPLE_RATE"),
        debug: req!("APP_DEBUG"),
        metrics: req!("APP_METRICS"),
        tracing: req!("APP_TRACING"),
        service_name: text!("APP_SERVICE_NAME"),
        region: text!("APP_REGION"),
        api_token: text!("APP_API_TOKEN"),
        cache_ttl_secs: req!("APP_CACHE_TTL_SECS"),
        queue_capacity: req!("APP_QUEUE_CAPACITY"),
        clock_skew_ms: req!("APP_CLOCK_SKEW_MS"),
        sentry_dsn: optional!("APP_SENTRY_DSN"),
        admin_email: optional!("APP_ADMIN_EMAIL"),
        max_body_bytes: optional!("APP_MAX_BODY_BYTES"),
        maintenance: optional!("APP_MAINTENANCE"),
        allowed_origins: list!("APP_ALLOWED_ORIGINS"),
        extra_ports: list!("APP_EXTRA_PORTS"),
        trusted_proxies: list!("APP_TRUSTED_PROXIES"),
        bucket: text!("APP_BUCKET"),
        data_dir: text!("APP_DATA_DIR"),
        shutdown_grace_secs: req!("APP_SHUTDOWN_GRACE_SECS"),
    })
}

/// [`hand_written`] with `NAME_FILE` as `attached` reads it: each field's `NAME_FILE` is
/// looked up too, the file read when only it is set, and the load fails when both are set
/// (a panic here: every loader's result is unwrapped). The name is put together on the
/// stack. What the second look-up alone costs a hand-written loader that keeps the
/// feature, which `attached`'s default path keeps.
fn hand_written_file(get: impl Fn(&str) -> Option<String>) -> Result<Plain, String> {
    hand_written(|name| {
        let mut buffer = [0u8; 64];
        let end = name.len() + "_FILE".len();
        buffer[..name.len()].copy_from_slice(name.as_bytes());
        buffer[name.len()..end].copy_from_slice(b"_FILE");
        let file_name = std::str::from_utf8(&buffer[..end]).expect("ASCII names");
        match (get(name), get(file_name)) {
            (Some(_), Some(_)) => panic!("{name} and {file_name} are both set"),
            (Some(text), None) => Some(text),
            (None, Some(path)) => Some(std::fs::read_to_string(path).expect("the file")),
            (None, None) => None,
        }
    })
}

/// One way of loading the configuration, as timed.
pub struct Loader {
    /// Criterion's group: `from_env` or `from_map`.
    pub group: &'static str,
    pub name: &'static str,
    pub run: Box<dyn Fn() -> Plain>,
}

pub fn loaders(map: &'static HashMap<String, String>) -> Vec<Loader> {
    use attached::Attached;
    use envconfig::Envconfig;
    let loader = |group, name, run: Box<dyn Fn() -> Plain>| Loader { group, name, run };
    vec![
        loader(
            "from_env",
            "hand_written",
            Box::new(|| hand_written(|name| std::env::var(name).ok()).unwrap()),
        ),
        loader(
            "from_env",
            "hand_written_file",
            Box::new(|| hand_written_file(|name| std::env::var(name).ok()).unwrap()),
        ),
        loader(
            "from_env",
            "attached",
            Box::new(|| plain!(with_attached::Config::from_env().unwrap())),
        ),
        loader(
            "from_env",
            "attached_untyped",
            Box::new(|| plain!(with_attached_untyped::Config::from_env().unwrap())),
        ),
        loader(
            "from_env",
            "envy",
            Box::new(|| {
                plain!(
                    envy::prefixed("APP_")
                        .from_env::<with_envy::Config>()
                        .unwrap()
                )
            }),
        ),
        loader(
            "from_env",
            "envconfig",
            Box::new(|| plain!(with_envconfig::Config::init_from_env().unwrap())),
        ),
        loader(
            "from_map",
            "hand_written",
            Box::new(|| hand_written(|name| map.get(name).cloned()).unwrap()),
        ),
        loader(
            "from_map",
            "hand_written_file",
            Box::new(|| hand_written_file(|name| map.get(name).cloned()).unwrap()),
        ),
        loader(
            "from_map",
            "attached",
            Box::new(|| plain!(with_attached::Config::from_source(map).unwrap())),
        ),
        loader(
            "from_map",
            "attached_untyped",
            Box::new(|| plain!(with_attached_untyped::Config::from_source(map).unwrap())),
        ),
        loader(
            "from_map",
            "envy",
            Box::new(|| {
                let pairs = map.iter().map(|(k, v)| (k.clone(), v.clone()));
                plain!(
                    envy::prefixed("APP_")
                        .from_iter::<_, with_envy::Config>(pairs)
                        .unwrap()
                )
            }),
        ),
        loader(
            "from_map",
            "envconfig",
            Box::new(|| plain!(with_envconfig::Config::init_from_hashmap(map).unwrap())),
        ),
    ]
}

/// Makes sure the process environment holds [`VARS`] and not [`UNSET`]: unless this
/// process is already the one started for that, runs this program again as a child with
/// that environment, and exits with the child's status.
///
/// The `from_env` loaders read the process environment. Changing the environment of a
/// running process is not safe while other threads may read it; a child is given its
/// environment when it starts.
pub fn with_environment() {
    const CHILD: &str = "ATTACHED_BENCH_CHILD";
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let program = std::env::current_exe().expect("the path of this program");
    let mut child = std::process::Command::new(program);
    child
        .args(std::env::args_os().skip(1))
        .envs(VARS.iter().copied())
        .env(CHILD, "1");
    for name in UNSET {
        child.env_remove(name);
    }
    let status = child.status().expect("the benchmark runs");
    std::process::exit(status.code().unwrap_or(1));
}

/// [`VARS`] as a map, for the `from_map` loaders; leaked, as it lives as long as the run.
pub fn map() -> &'static HashMap<String, String> {
    Box::leak(Box::new(
        VARS.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    ))
}
