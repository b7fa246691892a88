//! The same loaded configuration rendered through its `Debug` and through the startup
//! summary: every field is hidden in both or in neither, and a value shown with its
//! credentials masked is masked alike in both.

// The config is loaded and printed; its fields are not read one by one.
#![allow(dead_code)]

use attached::{Attached, DatabaseUrl, Loader, RedisUrl, Secret};
use std::collections::BTreeMap;

fn parse_label(text: &str) -> Result<String, String> {
    Ok(text.to_owned())
}

fn parse_secret_label(text: &str) -> Result<Secret<String>, String> {
    Ok(Secret::new(text.to_owned()))
}

#[derive(Attached)]
struct Vault {
    address: String,
    token: String,
}

#[derive(Attached)]
struct Mail {
    host: String,
    password: Option<String>,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    database: DatabaseUrl,
    cache: Option<RedisUrl>,
    replicas: Vec<DatabaseUrl>,
    api_key: Secret<String>,
    #[attached(with = parse_secret_label)]
    signing: Secret<String>,
    #[attached(secret)]
    account: u64,
    db_password: String,
    webhook: String,
    legacy_dsn: String,
    notes: String,
    #[attached(public)]
    publishable: String,
    #[attached(not_secret)]
    pass_through: String,
    #[attached(with = parse_label)]
    label: String,
    /// Read from a `NAME_FILE` file: shown as its field's rules say, in both.
    greeting: String,
    port: u16,
    #[attached(default = 8)]
    workers: u8,
    #[attached(nested, secret)]
    vault: Vault,
    #[attached(nested)]
    mail: Mail,
}

/// The top-level fields of a `{:#?}` rendering: name to the text of its value (a nested
/// struct's whole block).
fn debug_fields(debug: &str) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in debug.lines().skip(1) {
        if let Some(rest) = line.strip_prefix("    ").filter(|r| !r.starts_with(' ')) {
            if let Some((name, value)) = rest.split_once(": ") {
                if let Some((n, v)) = current.take() {
                    fields.insert(n, v);
                }
                current = Some((name.to_owned(), value.trim_end_matches(',').to_owned()));
                continue;
            }
        }
        if let Some((_, v)) = &mut current {
            v.push('\n');
            v.push_str(line);
        }
    }
    if let Some((n, v)) = current {
        fields.insert(n, v);
    }
    fields
}

#[test]
fn every_field_is_hidden_in_debug_and_summary_alike() {
    let dir = std::env::temp_dir().join(format!("attached-hidden-alike-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let greeting = dir.join("greeting");
    std::fs::write(&greeting, "hello from a file\n").unwrap();
    let source: Vec<(String, String)> = [
        ("APP_DATABASE", "postgres://app:pw1@db/app?sslpassword=pw2"),
        ("APP_CACHE", "redis://:pw3@cache:6379/0"),
        (
            "APP_REPLICAS",
            "postgres://r:pw4@r1/app,postgres://r:pw5@r2/app",
        ),
        ("APP_API_KEY", "sk_live_1"),
        ("APP_SIGNING", "sig_2"),
        ("APP_ACCOUNT", "12345678"),
        ("APP_DB_PASSWORD", "hunter2"),
        (
            "APP_WEBHOOK",
            "https://hooks.example/T0/B0/XyZ123secretpath",
        ),
        ("APP_LEGACY_DSN", "mysql://u:pw6@db/app"),
        ("APP_NOTES", "plain notes"),
        ("APP_PUBLISHABLE", "pk_live_3 token=pw7"),
        ("APP_PASS_THROUGH", "on"),
        ("APP_LABEL", "blue"),
        ("APP_GREETING_FILE", greeting.to_str().unwrap()),
        ("APP_PORT", "8080"),
        ("APP_VAULT_ADDRESS", "https://vault:8200"),
        ("APP_VAULT_TOKEN", "hvs.1"),
        ("APP_MAIL_HOST", "smtp.example"),
        ("APP_MAIL_PASSWORD", "mailpw"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let debug = format!("{:#?}", loaded.config);
    let fields = debug_fields(&debug);
    let mut hidden_count = 0;
    for v in &loaded.variables {
        let shown = v
            .shown
            .as_deref()
            .expect("every variable here is set or defaulted");
        let (top, rest) = v.field.split_once('.').unwrap_or((&v.field, ""));
        let in_debug = fields
            .get(top)
            .unwrap_or_else(|| panic!("{top} is not in the Debug:\n{debug}"));
        // A nested field's own line, or the whole nested block when it is `***`.
        let in_debug = if rest.is_empty() || in_debug == "***" {
            in_debug.clone()
        } else {
            in_debug
                .lines()
                .find_map(|l| l.trim().strip_prefix(&format!("{rest}: ")))
                .unwrap_or_else(|| panic!("{rest} is not in the Debug of {top}:\n{debug}"))
                .trim_end_matches(',')
                .to_owned()
        };
        let hidden_in_summary = shown == "***";
        let hidden_in_debug = in_debug == "***";
        assert_eq!(
            hidden_in_summary, hidden_in_debug,
            "{}: summary shows {shown:?}, Debug shows {in_debug:?}",
            v.name
        );
        hidden_count += usize::from(hidden_in_summary);
        // Masked alike: the summary's text is in the Debug as it is (a list's, item by
        // item).
        if !hidden_in_summary {
            for item in shown.split(',') {
                assert!(
                    in_debug.contains(item),
                    "{}: summary shows {shown:?}, Debug shows {in_debug:?}",
                    v.name
                );
            }
        }
    }
    // Secret by type (api_key, signing), by attribute (account), by name (db_password),
    // the secret nested struct's two fields, and the nested password.
    assert!(hidden_count >= 7, "only {hidden_count} hidden:\n{debug}");
    for secret in [
        "pw1",
        "pw2",
        "pw3",
        "pw4",
        "pw5",
        "sk_live_1",
        "sig_2",
        "12345678",
        "hunter2",
        "pw6",
        "pw7",
        "hvs.1",
        "mailpw",
    ] {
        assert!(!debug.contains(secret), "{secret} in Debug:\n{debug}");
        assert!(
            !loaded.summary().to_string().contains(secret),
            "{secret} in the summary:\n{}",
            loaded.summary()
        );
    }
}
