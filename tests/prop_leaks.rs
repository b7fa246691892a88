//! No output of the library contains a secret: the config's `Debug` (`{:?}` and `{:#?}`),
//! `Report` (`Display`, `Debug`, each problem), the startup summary and `Loaded`'s
//! `Debug`, the public JSON, every docs renderer, and the service URL types' `Display` and
//! `Debug`.
//!
//! Secrets are planted so that finding one in an output can only be a leak: text with the
//! marker `qZ` (no message of the library has it), long numbers, URLs; valid for their
//! field and invalid for it, so that both the success and the error paths run; as a part
//! of a public field's value, which may be shown (it is taken out of the output before the
//! search); in a `NAME_FILE` file; under a misspelt name that no field reads.

#[path = "support/mod.rs"]
mod support;

use attached::{
    AmqpUrl, Attached, DatabaseUrl, Docs, HttpUrl, Loader, MongoUrl, RedisUrl, S3Url, SmtpUrl,
    Value,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::{Debug, Display};
use support::{Config, LeakCheck, file_path, report_outputs};

/// Text with the marker, from a charset that `Debug` and JSON print as it is.
fn marked() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.-]{4,16}".prop_map(|s| format!("qZ{s}"))
}

/// A password as RFC 3986 allows it in userinfo, unencoded, with the marker.
fn url_password() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~!$&'()*+,;=%-]{4,16}".prop_map(|s| format!("qZ{s}"))
}

/// A secret text of any of the shapes: marked, a long number, a URL with a password and
/// a token, with spaces around, with letters outside ASCII.
fn secret_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => marked(),
        2 => "[1-9][0-9]{9,18}",
        1 => (marked(), marked()).prop_map(|(p, t)| format!("https://u:{p}@h/?token={t}")),
        1 => marked().prop_map(|s| format!("  {s} ")),
        1 => "[a-zà-öø-ÿа-я]{3,12}".prop_map(|s| format!("qZ{s}")),
    ]
}

/// A value for a secret field of type `u64` (`APP_ACCOUNT_NUMBER`): valid or not.
fn account_number() -> impl Strategy<Value = String> {
    prop_oneof![
        "[1-9][0-9]{9,18}",
        "[1-9][0-9]{5,12}[a-z][0-9]{2}",
        "[1-9][0-9]{20,24}",
    ]
}

/// A value for `APP_PIN` (`Secret<u32>`): valid (6 to 9 digits) or not.
fn pin() -> impl Strategy<Value = String> {
    prop_oneof!["[1-9][0-9]{5,8}", "[1-9][0-9]{4,7}x", "[1-9][0-9]{10,12}"]
}

/// A value for `APP_ADMIN_LISTEN` (`secret` `SocketAddr`): valid or with a bad port.
fn admin_listen() -> impl Strategy<Value = String> {
    (
        1..255u8,
        0..255u8,
        1..255u8,
        prop_oneof![1000..65535u32, 65536..999999u32],
    )
        .prop_map(|(a, b, c, port)| format!("10.{a}.{b}.{c}:{port}"))
}

/// Items of `APP_SIGNING_KEYS`: valid (`sk_...`) or not, in any mix; the `with` function
/// repeats an invalid item in its error.
fn signing_keys() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![marked().prop_map(|s| format!("sk_{s}")), marked()],
        1..4,
    )
}

#[derive(Debug, Clone)]
struct Case {
    api_key: String,
    api_key_from_file: bool,
    account_number: String,
    webhook_token: Option<String>,
    signing_keys: Vec<String>,
    admin_listen: String,
    pin: Option<String>,
    smtp_password: String,
    smtp_password_from_file: bool,
    database_password: String,
    database_on_localhost: bool,
    cache_password: String,
    /// Which secret, if any, the public field's value contains.
    public_holds: Option<prop::sample::Index>,
    /// A required variable left out, for the error path.
    leave_out: Option<&'static str>,
    misspelt: String,
}

fn case() -> impl Strategy<Value = Case> {
    (
        (
            secret_text(),
            any::<bool>(),
            account_number(),
            prop::option::of(secret_text()),
        ),
        (signing_keys(), admin_listen(), prop::option::of(pin())),
        (
            secret_text(),
            any::<bool>(),
            url_password(),
            any::<bool>(),
            url_password(),
        ),
        (
            prop::option::of(any::<prop::sample::Index>()),
            prop::option::of(prop::sample::select(&["APP_SMTP_HOST", "APP_ORIGINS"][..])),
            marked(),
        ),
    )
        .prop_map(|(a, b, c, d)| Case {
            api_key: a.0,
            api_key_from_file: a.1,
            account_number: a.2,
            webhook_token: a.3,
            signing_keys: b.0,
            admin_listen: b.1,
            pin: b.2,
            smtp_password: c.0,
            smtp_password_from_file: c.1,
            database_password: c.2,
            database_on_localhost: c.3,
            cache_password: c.4,
            public_holds: d.0,
            leave_out: d.1,
            misspelt: d.2,
        })
}

impl Case {
    /// The source, the secrets planted in it, and the public values that may show.
    fn source(&self) -> (BTreeMap<OsString, OsString>, Vec<String>, Vec<String>) {
        let mut secrets = vec![
            self.api_key.clone(),
            self.api_key.trim().to_owned(),
            self.account_number.clone(),
            self.admin_listen.clone(),
            self.smtp_password.trim().to_owned(),
            self.database_password.clone(),
            self.cache_password.clone(),
            self.misspelt.clone(),
        ];
        secrets.extend(self.signing_keys.iter().cloned());
        secrets.extend(self.webhook_token.iter().map(|t| t.trim().to_owned()));
        secrets.extend(self.pin.iter().cloned());
        let mut pairs: Vec<(String, OsString)> = vec![
            ("APP_ORIGINS".into(), "https://a.example".into()),
            ("APP_SMTP_HOST".into(), "mail".into()),
            ("BACKUP_SMTP_HOST".into(), "backup".into()),
            (
                "APP_ACCOUNT_NUMBER".into(),
                self.account_number.clone().into(),
            ),
            (
                "APP_SIGNING_KEYS".into(),
                self.signing_keys.join(",").into(),
            ),
            ("APP_ADMIN_LISTEN".into(), self.admin_listen.clone().into()),
            (
                "BACKUP_SMTP_PASSWORD".into(),
                self.smtp_password.clone().into(),
            ),
            ("APP_API_KYE".into(), self.misspelt.clone().into()),
        ];
        let host = if self.database_on_localhost {
            "localhost"
        } else {
            "db"
        };
        pairs.push((
            "DATABASE_URL".into(),
            format!("postgres://app:{}@{host}/billing", self.database_password).into(),
        ));
        pairs.push((
            "APP_CACHE".into(),
            format!("redis://:{}@cache:6379/0", self.cache_password).into(),
        ));
        if self.api_key_from_file {
            // The file's text is secret.
            pairs.push(("APP_API_KEY_FILE".into(), file_path(0)));
            secrets.push(
                support::file_value(file_path(0).to_str().unwrap())
                    .unwrap()
                    .into(),
            );
        } else {
            pairs.push(("APP_API_KEY".into(), self.api_key.clone().into()));
        }
        if self.smtp_password_from_file {
            pairs.push(("APP_SMTP_PASSWORD_FILE".into(), file_path(4)));
            secrets.push(
                support::file_value(file_path(4).to_str().unwrap())
                    .unwrap()
                    .into(),
            );
        } else {
            pairs.push((
                "APP_SMTP_PASSWORD".into(),
                self.smtp_password.clone().into(),
            ));
        }
        if let Some(token) = &self.webhook_token {
            pairs.push(("APP_WEBHOOK_TOKEN".into(), token.clone().into()));
        }
        if let Some(pin) = &self.pin {
            pairs.push(("APP_PIN".into(), pin.clone().into()));
        }
        // The public field: sometimes with a secret inside it.
        let public = match &self.public_holds {
            Some(i) => format!("pk_{}_x", secrets[i.index(secrets.len())].trim()),
            None => "pk_test".to_owned(),
        };
        pairs.push(("APP_PUBLISHABLE_KEY".into(), public.clone().into()));
        pairs.retain(|(k, _)| Some(k.as_str()) != self.leave_out);
        let source = pairs.into_iter().map(|(k, v)| (k.into(), v)).collect();
        (source, secrets, vec![public])
    }
}

/// Every output of every load of `source`.
fn outputs(source: &BTreeMap<OsString, OsString>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    match Config::from_source(source) {
        Ok(c) => {
            out.push(("config {:?}", format!("{c:?}")));
            out.push(("config {:#?}", format!("{c:#?}")));
            out.push(("Secret<String> Debug", format!("{:?}", c.api_key)));
        }
        Err(r) => out.extend(report_outputs(&r)),
    }
    for strict in [false, true] {
        match Loader::new(source).strict(strict).load::<Config>() {
            Ok(loaded) => {
                out.push(("summary", loaded.summary().to_string()));
                out.push(("Summary Debug", format!("{:?}", loaded.summary())));
                out.push(("Loaded {:?}", format!("{loaded:?}")));
                out.push(("Loaded {:#?}", format!("{loaded:#?}")));
                out.push(("public JSON", loaded.public_json()));
                let docs = Docs::new(loaded.variables.clone());
                out.push(("docs markdown", docs.markdown()));
                out.push(("docs .env.example", docs.env_example()));
                out.push((
                    "docs kubernetes",
                    docs.kubernetes("app-secrets", "app-config"),
                ));
                out.push(("Docs Debug", format!("{docs:?}")));
            }
            Err(r) => out.extend(report_outputs(&r)),
        }
    }
    out
}

/// A service URL with a password and a credential parameter, valid or not.
fn service_url() -> impl Strategy<Value = (usize, String, Vec<String>)> {
    let user = "[a-z]{1,8}";
    let host = "[a-z]{1,10}";
    (0..8usize, user, url_password(), marked(), host, any::<bool>()).prop_map(
        |(kind, user, password, token, host, bad_port)| {
            let port = if bad_port { "99999" } else { "5432" };
            let text = match kind {
                0 => format!(
                    "postgres://{user}:{password}@{host}:{port}/db?sslmode=require&sslpassword={token}"
                ),
                1 => format!("mysql://{user}:{password}@{host}:{port}/db?password={token}"),
                2 => format!("redis://{user}:{password}@{host}:{port}/0?token={token}"),
                3 => format!("amqps://{user}:{password}@{host}:{port}/vhost?auth_token={token}"),
                4 => format!(
                    "mongodb://{user}:{password}@{host}1:{port},{host}2/db?authSource=admin&secret={token}"
                ),
                5 => format!("smtps://{user}:{password}@{host}:{port}?api_key={token}"),
                6 => format!("https://{user}:{password}@{host}:{port}/hook?x=1&signature={token}"),
                _ => format!(
                    "s3://bucket-{host}/p/?endpoint=http://{host}:{port}&X-Amz-Signature={token}"
                ),
            };
            (kind, text, vec![password, token])
        },
    )
}

fn url_outputs<T: Value + Display + Debug>(text: &str) -> Vec<(&'static str, String)> {
    match T::parse(text) {
        Ok(url) => vec![
            ("URL Display", url.to_string()),
            ("URL Debug", format!("{url:?}")),
            ("URL {:#?}", format!("{url:#?}")),
        ],
        Err(e) => vec![
            ("ValueError Display", e.to_string()),
            ("ValueError Debug", format!("{e:?}")),
        ],
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(1000)
    })]

    /// No output of any load shows a planted secret.
    #[test]
    fn no_output_shows_a_secret(case in case()) {
        let (source, secrets, shown) = case.source();
        let check = LeakCheck::planted(secrets, shown);
        for (what, output) in outputs(&source) {
            check.assert_clean(what, &output);
        }
    }

    /// Service URLs show neither the password nor a credential parameter's value, read
    /// or refused, alone or as a field of a config.
    #[test]
    fn service_urls_never_show_credentials((kind, text, secrets) in service_url()) {
        let outputs = match kind {
            0 | 1 => url_outputs::<DatabaseUrl>(&text),
            2 => url_outputs::<RedisUrl>(&text),
            3 => url_outputs::<AmqpUrl>(&text),
            4 => url_outputs::<MongoUrl>(&text),
            5 => url_outputs::<SmtpUrl>(&text),
            6 => url_outputs::<HttpUrl>(&text),
            _ => url_outputs::<S3Url>(&text),
        };
        let check = LeakCheck::planted(secrets, Vec::new());
        for (what, output) in &outputs {
            check.assert_clean(what, output);
        }
        // As the `cache` field, through every output of a load.
        if kind == 2 {
            let mut source: BTreeMap<OsString, OsString> = support::COMPLETE
                .iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect();
            source.insert("APP_CACHE".into(), text.clone().into());
            for (what, output) in self::outputs(&source) {
                check.assert_clean(what, &output);
            }
        }
    }
}

/// The default of a secret field is a secret too: no docs renderer, summary or report
/// shows it.
#[test]
fn a_secret_default_never_shows() {
    let default = "127.0.0.1:9000";
    let docs = Docs::of::<Config>();
    for output in [
        docs.markdown(),
        docs.env_example(),
        docs.kubernetes("s", "c"),
        format!("{docs:?}"),
    ] {
        assert!(!output.contains(default), "{output}");
    }
    let loaded = Loader::new(support::COMPLETE).load::<Config>().unwrap();
    for output in [
        loaded.summary().to_string(),
        format!("{loaded:?}"),
        format!("{:?}", loaded.config),
        loaded.public_json(),
    ] {
        assert!(!output.contains(default), "{output}");
    }
}

/// The URL shapes of `service_url` are valid for their types when the port is, so that
/// `service_urls_never_show_credentials` checks `Display` and `Debug`, not only errors.
#[test]
fn the_service_url_shapes_are_valid() {
    let (p, t) = ("qZpa$s!w0rd", "qZtok3n");
    assert!(DatabaseUrl::parse(&format!("postgres://u:{p}@h:5432/db?sslpassword={t}")).is_ok());
    assert!(DatabaseUrl::parse(&format!("mysql://u:{p}@h:5432/db?password={t}")).is_ok());
    assert!(RedisUrl::parse(&format!("redis://u:{p}@h:5432/0?token={t}")).is_ok());
    assert!(AmqpUrl::parse(&format!("amqps://u:{p}@h:5432/vhost?auth_token={t}")).is_ok());
    assert!(MongoUrl::parse(&format!("mongodb://u:{p}@h1:5432,h2/db?secret={t}")).is_ok());
    assert!(SmtpUrl::parse(&format!("smtps://u:{p}@h:5432?api_key={t}")).is_ok());
    assert!(HttpUrl::parse(&format!("https://u:{p}@h:5432/hook?signature={t}")).is_ok());
    assert!(
        S3Url::parse(&format!(
            "s3://bucket-h/p/?endpoint=http://h:5432&X-Amz-Signature={t}"
        ))
        .is_ok()
    );
}
