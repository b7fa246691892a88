//! What the property tests, the thread tests and the fuzz targets share: the configuration
//! they load (one field of every kind the derive supports, and secrets of every kind: a
//! `Secret<T>`, a `secret` attribute, a credential-looking name, a list read by a `with`
//! function that repeats its input in its errors, a secret with a default, a nested
//! password), the files that `NAME_FILE` variables may name, and the no-leak check.
//!
//! Included as a module (`#[path = "support/mod.rs"] mod support;`) by `tests/prop_*.rs`,
//! `tests/threads.rs` and `fuzz/src/lib.rs`, so that all of them exercise the same struct
//! and the same checks. Built alone, as cargo builds every `tests/*.rs`, it has no tests.
//!
//! No path is ever chosen by a generator or the fuzzer: a `NAME_FILE` value is always one
//! of the files made here, in a directory of this process under the system's temporary
//! directory, or a path in it that does not exist.
#![allow(dead_code)]

use attached::{Attached, Loader, RedisUrl, Report, Secret, Source, Value};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// A choice read with `#[derive(Value)]`.
#[derive(Value, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    PlainText,
    #[attached(rename = "logfmt")]
    KeyValue,
}

/// A `with` function whose error repeats the text, as careless user code does: the
/// library must scrub it when the field is secret.
pub fn parse_level(text: &str) -> Result<u8, String> {
    match text.trim() {
        "low" => Ok(1),
        "medium" => Ok(5),
        "high" => Ok(9),
        _ => Err(format!("`{text}` is not low, medium or high")),
    }
}

/// Items of a secret list: the error repeats the item, not the whole text.
pub fn parse_signing_key(text: &str) -> Result<String, String> {
    if text.starts_with("sk_") {
        Ok(text.to_owned())
    } else {
        Err(format!("{text} does not start with sk_"))
    }
}

pub fn at_least_two(n: &u32) -> Result<(), String> {
    if *n >= 2 {
        Ok(())
    } else {
        Err(format!("must be at least 2, not {n}"))
    }
}

// `validate` takes a `fn(&T)`, and `T` is `String` here.
#[allow(clippy::ptr_arg)]
pub fn not_localhost(url: &String) -> Result<(), &'static str> {
    if url.contains("localhost") {
        Err("must not point at localhost")
    } else {
        Ok(())
    }
}

/// Mail relay.
#[derive(Attached)]
pub struct Smtp {
    /// Relay host.
    pub host: String,
    #[attached(default = 587)]
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<Secret<String>>,
    #[attached(default = Duration::from_secs(10))]
    pub timeout: Duration,
}

/// Billing service.
#[derive(Attached)]
#[attached(prefix = "APP_")]
pub struct Config {
    /// Primary database, a URL that may carry a password in a plain `String`.
    #[attached(env = "DATABASE_URL", validate = not_localhost)]
    pub database: String,
    #[attached(default = "0.0.0.0:8080".parse().unwrap())]
    pub listen: SocketAddr,
    #[attached(default = Duration::from_secs(30))]
    pub request_timeout: Duration,
    pub workers: Option<u32>,
    pub threads: Option<NonZeroU16>,
    #[attached(separator = ";")]
    pub origins: Vec<String>,
    #[attached(default)]
    pub ports: Vec<u16>,
    pub api_key: Secret<String>,
    #[attached(public)]
    pub publishable_key: String,
    #[attached(default = LogFormat::Json)]
    pub log_format: LogFormat,
    #[attached(with = parse_level, default = 1)]
    pub level: u8,
    #[attached(validate = at_least_two, default = 4)]
    pub replicas: u32,
    #[attached(default = 0.5)]
    pub sample_rate: f64,
    pub debug: Option<bool>,
    pub bind_ip: Option<IpAddr>,
    #[attached(default = ',')]
    pub delimiter: char,
    pub data_dir: Option<PathBuf>,
    /// Secret by attribute, and looks like a number.
    #[attached(secret)]
    pub account_number: Option<u64>,
    /// Secret by its name only.
    pub webhook_token: Option<String>,
    /// Secret by its name (`SIGNING_KEYS`), read item by item with `with`.
    #[attached(with = parse_signing_key)]
    pub signing_keys: Option<Vec<String>>,
    #[attached(secret, default = "127.0.0.1:9000".parse().unwrap())]
    pub admin_listen: SocketAddr,
    pub pin: Option<Secret<u32>>,
    /// A service URL type: its password is masked, not the whole value.
    pub cache: Option<RedisUrl>,
    #[attached(nested)]
    pub smtp: Smtp,
    #[attached(nested, prefix = "BACKUP_SMTP_")]
    pub backup_smtp: Smtp,
}

/// The variables whose values are secret: the test fails if the library stops treating
/// one of them as secret.
pub const SECRET_VARIABLES: &[&str] = &[
    "APP_API_KEY",
    "APP_ACCOUNT_NUMBER",
    "APP_WEBHOOK_TOKEN",
    "APP_SIGNING_KEYS",
    "APP_ADMIN_LISTEN",
    "APP_PIN",
    "APP_SMTP_PASSWORD",
    "BACKUP_SMTP_PASSWORD",
];

/// A source with every required variable set to a valid value.
pub const COMPLETE: &[(&str, &str)] = &[
    ("DATABASE_URL", "postgres://app:pw@db/billing"),
    ("APP_ORIGINS", "https://a.example; https://b.example"),
    ("APP_API_KEY", "key-123"),
    ("APP_PUBLISHABLE_KEY", "pk_test"),
    ("APP_SMTP_HOST", "mail"),
    ("BACKUP_SMTP_HOST", "backup"),
];

/// Every variable the config reads, in field order.
pub fn variable_names() -> Vec<String> {
    Config::variables().into_iter().map(|v| v.name).collect()
}

/// A file that a `NAME_FILE` variable may name, and the value it gives (`None` when it
/// cannot be read as one).
pub struct SecretFile {
    pub path: String,
    pub value: Option<&'static str>,
}

/// The files, made on first use.
pub fn files() -> &'static [SecretFile] {
    static FILES: OnceLock<Vec<SecretFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("{FILES_DIR}{}", std::process::id()));
        remove_stale_dirs();
        std::fs::create_dir_all(dir.join("a-directory")).unwrap();
        let made: [(&str, &[u8], Option<&'static str>); 7] = [
            (
                "secret",
                "sk_fïle-sécret-7Qx\n".as_bytes(),
                Some("sk_fïle-sécret-7Qx"),
            ),
            ("port", b"8080\n", Some("8080")),
            ("empty", b"", Some("")),
            ("newline", b"\n", Some("")),
            (
                "crlf",
                "sk_crlf-välue-2\r\n".as_bytes(),
                Some("sk_crlf-välue-2"),
            ),
            ("not-utf8", &[0xff, 0xfe, b'a'], None),
            (
                "too-big",
                &[b'a'; (attached::FILE_LIMIT + 1) as usize],
                None,
            ),
        ];
        let mut files = Vec::new();
        for (name, bytes, value) in made {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            files.push(SecretFile {
                path: path.display().to_string(),
                value,
            });
        }
        for (name, value) in [("a-directory", None), ("missing", None)] {
            files.push(SecretFile {
                path: dir.join(name).display().to_string(),
                value,
            });
        }
        files
    })
}

const FILES_DIR: &str = "attached-prop-files-";

/// Removes the directories of files left by processes that have ended (there is no
/// hook at the end of a test binary to remove one's own).
fn remove_stale_dirs() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ended = name
            .to_str()
            .and_then(|n| n.strip_prefix(FILES_DIR))
            .filter(|pid| pid.parse::<u32>().is_ok())
            .is_some_and(|pid| !std::path::Path::new("/proc").join(pid).exists());
        if ended {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The value that the file at `path` gives, if it is one of [`files`] that can be read.
pub fn file_value(path: &str) -> Option<&'static str> {
    files()
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| f.value)
}

/// Whether a leak of `secret` can be told from chance: at least 6 characters, one of them
/// a letter or digit outside ASCII (no message of the library has one, and `Debug` does not
/// escape it), and not part of any text that may be shown.
fn checkable(secret: &str, shown: &[String]) -> bool {
    secret.chars().count() >= 6
        && secret.chars().any(|c| c.is_alphanumeric() && !c.is_ascii())
        && !shown.iter().any(|s| s.contains(secret))
}

/// The texts of a source that no output may contain, and those it may.
pub struct LeakCheck {
    secrets: Vec<String>,
    shown: Vec<String>,
}

impl LeakCheck {
    /// Secrets planted by a test, each of which it knows cannot appear by chance (a
    /// generator with a marker, or a long number), checked when at least 6 characters
    /// long. `shown` are the texts that may be shown as they are (values of public
    /// fields), which may contain a secret: they are taken out of an output before it is
    /// searched, so that the check stays meaningful when a secret is part of another
    /// field's value. Give them in a form that prints as it is (no quotes, backslashes,
    /// control characters, credentials, or more than 60 characters).
    pub fn planted(secrets: Vec<String>, mut shown: Vec<String>) -> Self {
        let secrets = secrets
            .into_iter()
            .filter(|s| s.chars().count() >= 6)
            .collect();
        // The longest first, so that no shorter one cuts a longer one in two.
        shown.sort_by_key(|s| std::cmp::Reverse(s.len()));
        LeakCheck { secrets, shown }
    }

    /// The secrets that are checked.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// Sorts the values of `source` into secret and showable, by the config's secret
    /// variables; files named by `NAME_FILE` give their contents.
    pub fn new(source: &BTreeMap<OsString, OsString>) -> Self {
        let mut secret_texts = Vec::new();
        let mut shown = Vec::new();
        for (name, value) in source {
            let Some(name) = name.to_str() else { continue };
            shown.push(name.to_owned());
            let Some(value) = value.to_str() else {
                continue;
            };
            let (variable, text) = match name.strip_suffix("_FILE") {
                Some(variable) => {
                    shown.push(value.to_owned());
                    (variable, file_value(value).unwrap_or(""))
                }
                None => (name, value),
            };
            if SECRET_VARIABLES.contains(&variable) {
                secret_texts.push(text.to_owned());
                secret_texts.push(text.trim().to_owned());
                // Items of a list are secret one by one.
                secret_texts.extend(text.split([',', ';']).map(|i| i.trim().to_owned()));
            } else {
                shown.push(text.to_owned());
            }
        }
        let mut secrets: Vec<String> = secret_texts
            .into_iter()
            .filter(|s| checkable(s, &shown))
            .collect();
        // The password of a URL in a plain `String` is masked too (the safety net for
        // connection strings not typed as `DatabaseUrl`).
        for value in &shown {
            if let Some(password) = url_password(value) {
                let others: Vec<String> = shown.iter().filter(|s| *s != value).cloned().collect();
                if checkable(password, &others) {
                    secrets.push(password.to_owned());
                }
            }
        }
        LeakCheck { secrets, shown }
    }

    /// Panics if `output` contains a secret, outside of the texts that may be shown.
    pub fn assert_clean(&self, what: &str, output: &str) {
        let mut rest = output.to_owned();
        for shown in &self.shown {
            if !shown.is_empty() && self.secrets.iter().any(|s| shown.contains(s.as_str())) {
                rest = rest.replace(shown.as_str(), "\u{1}");
            }
        }
        for secret in &self.secrets {
            assert!(
                !rest.contains(secret.as_str()),
                "{what} leaks the secret {secret:?}:\n{output}"
            );
        }
    }

    /// The texts that may be shown.
    pub fn shown(&self) -> &[String] {
        &self.shown
    }
}

/// The password of `text` when it is exactly one well-formed `scheme://user:password@host`
/// URL whose userinfo uses only the characters RFC 3986 allows there, less `'` (a known
/// leak, see `tests/prop_regressions.rs`), and nothing else that `mask` looks at.
pub fn url_password(text: &str) -> Option<&str> {
    let userinfo_char = |c: char| c.is_alphanumeric() || "-._~%!$&()*+,;=".contains(c);
    let (scheme, rest) = text.split_once("://")?;
    let mut chars = scheme.chars();
    if !chars.next()?.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    {
        return None;
    }
    let (userinfo, host) = rest.rsplit_once('@')?;
    let (user, password) = userinfo.split_once(':')?;
    let plain_host = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || "-._~:/?#[]".contains(c));
    (user.chars().all(userinfo_char)
        && !password.is_empty()
        && password.chars().all(|c| c == ':' || userinfo_char(c))
        && plain_host)
        .then_some(password)
}

/// Every output of a report.
pub fn report_outputs(report: &Report) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("Report Display", report.to_string()),
        ("Report Debug", format!("{report:?}")),
        ("Report {:#?}", format!("{report:#?}")),
    ];
    for p in report.problems().iter().chain(report.warnings()) {
        out.push(("Problem Display", p.to_string()));
        out.push(("Problem Debug", format!("{p:?}")));
    }
    out
}

/// Loads the config from `source` every way the library offers, checks the results, and
/// returns every text the library printed about it.
pub fn load_everything<S: Source>(source: &S) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match Config::from_source(source) {
        Ok(c) => {
            out.push(("config Debug", format!("{c:?}")));
            out.push(("config {:#?}", format!("{c:#?}")));
        }
        Err(r) => {
            check_names(&r, source);
            out.extend(report_outputs(&r));
        }
    }
    for strict in [false, true] {
        match Loader::new(source).strict(strict).load::<Config>() {
            Ok(loaded) => {
                out.push(("summary", loaded.summary().to_string()));
                out.push(("Loaded Debug", format!("{loaded:?}")));
                out.push(("Loaded {:#?}", format!("{loaded:#?}")));
            }
            Err(r) => {
                check_names(&r, source);
                out.extend(report_outputs(&r));
            }
        }
    }
    out
}

/// Every problem names a variable of the config (or its `_FILE` form) or of the source.
pub fn check_names<S: Source>(report: &Report, source: &S) {
    let known = variable_names();
    for p in report.problems().iter().chain(report.warnings()) {
        let v = p.variable();
        // A name that does not look like a variable name is shown as its prefix and length.
        let withheld = v.ends_with("not shown: it does not look like a variable name)");
        let ok = known
            .iter()
            .any(|k| v == k || v.strip_suffix("_FILE") == Some(k.as_str()))
            || source.get(v).is_some()
            || withheld;
        assert!(ok, "problem names a variable nobody set or read: {p}");
    }
}

/// The value for a `NAME_FILE` variable chosen by `pick`: one of the files, or a path that
/// does not exist.
pub fn file_path(pick: u8) -> OsString {
    let files = files();
    OsString::from(&files[usize::from(pick) % files.len()].path)
}

/// `PathBuf` of the process's directory of files, for tests that want a path in it.
pub fn files_dir() -> PathBuf {
    PathBuf::from(&files()[0].path)
        .parent()
        .unwrap()
        .to_path_buf()
}
