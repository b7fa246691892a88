//! A known secret fed through every output of a load — the config's `Debug`, the
//! `Report`'s `Display` and `Debug`, the summary — never appears in any of them.

use attached::{Attached, Loader, Secret};

const SECRET: &str = "Zq9-kL2v-Xs7p";

fn at_least_20(text: &str) -> Result<String, String> {
    if text.len() >= 20 {
        Ok(text.to_owned())
    } else {
        // A careless parser that repeats its input: the library must still hide it.
        Err(format!("`{text}` is too short"))
    }
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
#[allow(dead_code)] // fields are read through Debug
struct Config {
    /// Typed secret.
    api_token: Secret<String>,
    /// Secret by attribute, under a name that does not look like one.
    #[attached(secret)]
    upstream: String,
    /// Secret by name only.
    db_password: String,
    /// Secret by name, read with a parser that repeats its input in errors.
    #[attached(with = at_least_20)]
    signing_key: String,
    /// A secret number.
    pin_secret: Secret<u32>,
    /// A plain string holding a URL with a password.
    database_url: String,
    /// Settings in key=value form.
    conninfo: Option<String>,
}

fn source(overrides: &[(&'static str, String)]) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("APP_API_TOKEN".to_owned(), SECRET.to_owned()),
        ("APP_UPSTREAM".to_owned(), SECRET.to_owned()),
        ("APP_DB_PASSWORD".to_owned(), SECRET.to_owned()),
        ("APP_SIGNING_KEY".to_owned(), format!("{SECRET}{SECRET}")),
        ("APP_PIN_SECRET".to_owned(), "1234".to_owned()),
        (
            "APP_DATABASE_URL".to_owned(),
            format!("postgres://app:{SECRET}@db:5432/billing"),
        ),
        (
            "APP_CONNINFO".to_owned(),
            format!("host=db password={SECRET} port=5432"),
        ),
    ];
    for (name, value) in overrides {
        pairs.push((name.to_string(), value.clone()));
    }
    pairs
}

fn assert_hidden(what: &str, output: &str) {
    assert!(
        !output.contains(SECRET),
        "{what} shows the secret:\n{output}"
    );
}

#[test]
fn config_debug_hides_every_secret() {
    let config = Config::from_source(&source(&[])).unwrap();
    assert_eq!(config.api_token.expose(), SECRET);
    for output in [format!("{config:?}"), format!("{config:#?}")] {
        assert_hidden("config Debug", &output);
        assert!(output.contains("api_token: ***"), "{output}");
        assert!(
            output.contains("postgres://app:***@db:5432/billing"),
            "{output}"
        );
        assert!(output.contains("password=***"), "{output}");
    }
}

#[test]
fn report_hides_invalid_secrets() {
    let pairs = source(&[
        ("APP_PIN_SECRET", SECRET.to_owned()),
        ("APP_SIGNING_KEY", SECRET.to_owned()),
    ]);
    let report = Config::from_source(&pairs).expect_err("invalid");
    assert_eq!(report.problems().len(), 2, "{report}");
    for output in [format!("{report}"), format!("{report:?}")] {
        assert_hidden("report", &output);
        assert!(
            output
                .contains("APP_PIN_SECRET (field `pin_secret`): invalid value: not a whole number"),
            "{output}"
        );
        assert!(
            output.contains(
                "APP_SIGNING_KEY (field `signing_key`): invalid value: rejected by `at_least_20` (its message is not shown: the value is secret or holds credentials)"
            ),
            "{output}"
        );
    }
    assert_hidden("problems as data", &format!("{:?}", report.problems()));
}

#[test]
fn summary_hides_every_secret() {
    let pairs = source(&[]);
    let loaded = Loader::new(&pairs).load::<Config>().unwrap();
    for output in [
        loaded.summary().to_string(),
        format!("{:?}", loaded.summary()),
        format!("{:?}", loaded.variables),
    ] {
        assert_hidden("summary", &output);
    }
}

/// A default connection string in code holds a password too: no rendering shows it, and
/// the Kubernetes block takes the variable from the Secret.
#[test]
fn default_connection_strings_are_masked_in_docs_and_summary() {
    use attached::{DatabaseUrl, Docs};

    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)]
    struct WithDefault {
        #[attached(default = "postgres://app:Zq9-kL2v-Xs7p@localhost/app".parse().unwrap())]
        database: DatabaseUrl,
    }

    let docs = Docs::of::<WithDefault>();
    for output in [
        docs.markdown(),
        docs.env_example(),
        docs.kubernetes("s", "c"),
    ] {
        assert_hidden("docs", &output);
    }
    assert!(
        docs.env_example()
            .contains("postgres://app:***@localhost/app")
    );
    assert!(docs.kubernetes("s", "c").contains("secretKeyRef"));
    let none: [(&str, &str); 0] = [];
    let loaded = Loader::new(&none).load::<WithDefault>().unwrap();
    assert_hidden("summary", &loaded.summary().to_string());
    assert_hidden("config", &format!("{:?}", loaded.config));
}

/// The sources and the loader print no value in their `Debug`.
#[test]
fn sources_and_loader_debug_hide_values() {
    use attached::{DotEnv, Env, Source};
    let path = std::env::temp_dir().join(format!("attached-secrets-{}.env", std::process::id()));
    std::fs::write(&path, format!("APP_API_TOKEN={SECRET}\n")).unwrap();
    let dotenv = DotEnv::from_path(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let pairs = [("APP_DB_PASSWORD", SECRET)];
    let found = Source::get(&pairs, "APP_DB_PASSWORD").unwrap();
    for output in [
        format!("{dotenv:?}"),
        format!("{:?}", Env::new()),
        format!("{:?}", pairs.over(dotenv.clone())),
        format!("{:?}", Loader::new(pairs.over(dotenv))),
        format!("{found:?}"),
    ] {
        assert_hidden("source Debug", &output);
    }
}

/// A key or a token named before other words (`GITHUB_TOKEN_EU`, `API_KEY_DATA`) is secret
/// in every output; a name that only says something about a key (`AWS_ACCESS_KEY_ID`,
/// `TOKEN_TTL`) is shown.
#[test]
fn a_key_word_inside_a_name_makes_the_field_secret() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)] // fields are read through Debug
    struct Keys {
        github_token_eu: String,
        api_key_data: String,
        /// Read by a parser that repeats its input in its error.
        #[attached(with = at_least_20)]
        token_value: String,
        aws_access_key_id: String,
        token_ttl: u32,
    }
    let pairs = [
        ("APP_GITHUB_TOKEN_EU", SECRET),
        ("APP_API_KEY_DATA", SECRET),
        ("APP_TOKEN_VALUE", "Zq9-kL2v-Xs7p Zq9-kL2v-Xs7p"),
        ("APP_AWS_ACCESS_KEY_ID", "AKIAEXAMPLEID"),
        ("APP_TOKEN_TTL", "300"),
    ];
    let loaded = Loader::new(&pairs).load::<Keys>().unwrap();
    assert_eq!(loaded.config.github_token_eu, SECRET);
    let summary = loaded.summary().to_string();
    let debug = format!("{:?}", loaded.config);
    for output in [&summary, &debug] {
        assert_hidden("names with a key inside", output);
        assert!(output.contains("AKIAEXAMPLEID"), "{output}");
        assert!(output.contains("300"), "{output}");
    }
    let short = [("APP_TOKEN_VALUE", SECRET)];
    let report = Keys::from_source(&pairs.iter().chain(&short).copied().collect::<Vec<_>>())
        .expect_err("APP_TOKEN_VALUE is too short");
    assert_eq!(report.problems().len(), 1, "{report}");
    assert_hidden("report", &format!("{report} {report:?}"));
}

/// A credential parameter misspelt (the driver ignores it and the load warns of it) still
/// holds the password; so do parameters named for one-time codes, sessions and cookies.
/// Every output hides their values, typed or not.
#[test]
fn misspelt_and_less_common_credential_parameters_are_hidden() {
    use attached::{AmqpUrl, DatabaseUrl, HttpUrl, RedisUrl};
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)] // fields are read through Debug
    struct Urls {
        db: DatabaseUrl,
        mysql: DatabaseUrl,
        cache: RedisUrl,
        queue: AmqpUrl,
        callback: HttpUrl,
        notes: String,
    }
    let pairs = [
        ("APP_DB", format!("postgres://u@db/app?pasword={SECRET}")),
        ("APP_MYSQL", format!("mysql://u@db/app?passwrd={SECRET}")),
        (
            "APP_CACHE",
            format!("redis://cache:6379/0?pasword={SECRET}"),
        ),
        ("APP_QUEUE", format!("amqp://mq:5672/%2f?pasword={SECRET}")),
        (
            "APP_CALLBACK",
            format!("https://h.example/cb?otp={SECRET}&acess_tokn={SECRET}"),
        ),
        (
            "APP_NOTES",
            format!("https://h.example/x?session={SECRET}&code={SECRET}"),
        ),
    ];
    let loaded = Loader::new(&pairs).load::<Urls>().unwrap();
    assert_eq!(loaded.config.notes, pairs[5].1);
    let summary = loaded.summary().to_string();
    assert!(summary.contains("did you mean `password`?"), "{summary}");
    for output in [
        summary,
        format!("{:?}", loaded.config),
        loaded.config.db.to_string(),
    ] {
        assert_hidden("misspelt parameters", &output);
        assert!(output.contains("pasword=***"), "{output}");
    }
}

/// A `Secret<T>` whose `T` repeats the text in its error: the report does not show it, as
/// for a field marked `secret`.
#[test]
fn a_secret_types_error_that_repeats_the_value_is_not_shown() {
    use attached::Zeroize;
    use attached::{Value, ValueError};
    #[derive(Debug)]
    struct Hex(String);
    impl Zeroize for Hex {
        fn zeroize(&mut self) {
            self.0.zeroize();
        }
    }
    impl Value for Hex {
        const EXPECTED: &'static str = "hex digits";
        fn parse(text: &str) -> Result<Self, ValueError> {
            if text.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(Hex(text.to_owned()))
            } else {
                // Against the trait's advice: the library must hide it all the same.
                Err(ValueError::new(format!("not hex: {text}")))
            }
        }
        fn render(&self) -> String {
            self.0.clone()
        }
    }
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)]
    struct Keys {
        signing: Secret<Hex>,
    }
    let report = Keys::from_source(&[("APP_SIGNING", SECRET)]).expect_err("not hex");
    let text = format!("{report} {report:?}");
    assert_hidden("report", &text);
    assert!(text.contains("the reason is not shown"), "{text}");
}

/// A webhook's or a bot's token in a URL's path: hidden in a service URL's redacted form.
#[test]
fn tokens_in_a_url_path_are_hidden() {
    use attached::HttpUrl;
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)] // fields are read through Debug
    struct Hooks {
        alerts: HttpUrl,
        notify: HttpUrl,
        chat: HttpUrl,
    }
    let slack = "XXXXsl4ckT0k3nXXXXXXXXXX";
    let telegram = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    let discord = "Zq9kL2vXs7pQ-w8e_R4t6Yu1Io3Pa5Sd7Fg9Hj0KlZx2Cv4Bn6Mm8Qw0Er2Ty4Ui6Op8As";
    let pairs = [
        (
            "APP_ALERTS",
            format!("https://hooks.slack.com/services/T00000000/B00000000/{slack}"),
        ),
        (
            "APP_NOTIFY",
            format!("https://api.telegram.org/bot{telegram}/sendMessage"),
        ),
        (
            "APP_CHAT",
            format!("https://discord.com/api/webhooks/123456789012345678/{discord}"),
        ),
    ];
    let loaded = Loader::new(&pairs).load::<Hooks>().unwrap();
    let config = &loaded.config;
    assert_eq!(
        config.alerts.to_string(),
        "https://hooks.slack.com/services/T00000000/B00000000/***"
    );
    assert_eq!(
        config.notify.to_string(),
        "https://api.telegram.org/***/sendMessage"
    );
    assert_eq!(
        config.chat.to_string(),
        "https://discord.com/api/webhooks/123456789012345678/***"
    );
    // A database's name is no token, however long and mixed.
    let db: attached::DatabaseUrl = "postgres://app:pw@db/Billing_Production_2024"
        .parse()
        .unwrap();
    assert_eq!(
        db.to_string(),
        "postgres://app:***@db/Billing_Production_2024"
    );
    for output in [loaded.summary().to_string(), format!("{config:?}")] {
        for token in [slack, telegram, discord] {
            assert!(!output.contains(token), "{output}");
        }
    }
}

/// The free-text masker hides the same segments of a URL's path as a service URL type, so
/// that a URL reads alike in a `String` field and in an `HttpUrl` one.
#[test]
fn the_masker_hides_the_path_segments_a_service_url_hides() {
    use attached::{HttpUrl, Value, mask};
    for url in [
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXsl4ckT0k3nXXXXXXXXXX",
        "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage",
        "https://discord.com/api/webhooks/123456789012345678/\
         Zq9kL2vXs7pQ-w8e_R4t6Yu1Io3Pa5Sd7Fg9Hj0KlZx2Cv4Bn6Mm8Qw0Er2Ty4Ui6Op8As",
        "https://h/hooks/XXXXsl4ck%53%33%43%52%45%54x/",
        "https://example.com/files/%E6%97%A5%E6%9C%AC%E8%AA%9E.txt",
        "https://example.com/download/v1.2.3/tool-x86_64-unknown-linux-gnu.tar.gz",
        "https://example.com/2024/01/how-we-scaled-postgres",
        "https://docs.rs/attached/latest/attached/fn.mask.html",
    ] {
        let typed = HttpUrl::parse(url).unwrap().to_string();
        assert_eq!(mask(url), typed, "{url}");
    }
}

/// A YAML list under a credential's name, written at the name's column (as kubectl writes
/// one), in a plain text field: hidden in `Debug` and the summary; the next name shown.
#[test]
fn a_yaml_list_at_its_names_column_is_hidden() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)] // fields are read through Debug
    struct Yaml {
        settings: String,
    }
    let value = format!("api_keys:\n- {SECRET}\n- {SECRET}2\nregion: eu-west-1\n");
    let pairs = [("APP_SETTINGS", value.as_str())];
    let loaded = Loader::new(&pairs).load::<Yaml>().unwrap();
    for output in [loaded.summary().to_string(), format!("{:?}", loaded.config)] {
        assert_hidden("YAML list", &output);
        assert!(output.contains("region: eu-west-1"), "{output}");
    }
}

/// A secret URL field: its warnings name parameters, and a parameter's name may be part of
/// the secret (the rest of a password after a raw `&`, a token pasted where a name goes).
/// A warning that repeats part of the value is replaced by a sentence saying so, and a
/// reason is checked against the text percent-decoded too, as reasons name parts decoded.
#[test]
fn warnings_and_reasons_about_a_secret_url_repeat_no_part_of_it() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    #[allow(dead_code)]
    struct SecretUrls {
        db: Secret<attached::DatabaseUrl>,
        #[attached(secret)]
        mongo: Option<attached::MongoUrl>,
    }
    let token = "Hx7s3cRETq";
    let db = format!("postgres://app@db/billing?sslmode=require&{token}");
    let mongo = format!("mongodb://app@m1/billing?{token}=1");
    let source = [("APP_DB", db.as_str()), ("APP_MONGO", mongo.as_str())];
    let loaded = Loader::new(&source).load::<SecretUrls>().unwrap();
    let summary = loaded.summary().to_string();
    assert!(!summary.contains(token), "{summary}");
    assert!(
        summary.contains(
            "a warning about the value is not shown: it repeats part of the secret value"
        ),
        "{summary}"
    );
    let report = Loader::new(&source)
        .strict(true)
        .load::<SecretUrls>()
        .err()
        .unwrap()
        .to_string();
    assert!(!report.contains(token), "{report}");
    let encoded: String = token.bytes().map(|b| format!("%{b:02X}")).collect();
    let db = format!("postgres://app@db/billing?{encoded}=1&{encoded}=2");
    let report = SecretUrls::from_source(&[("APP_DB", db.as_str())])
        .err()
        .unwrap()
        .to_string();
    assert!(!report.contains(token), "{report}");
    assert!(report.contains("the reason is not shown"), "{report}");
}
