//! Fields read by a `with` function into a type that is not a `Value` type: the library
//! cannot see whether the type holds a secret (a newtype around a `Secret` does), so every
//! output shows such a value as its `Debug` shows it, never the text it was read from; an
//! invalid text of it is not echoed; deployment docs take it from a Secret.

// The config is loaded and printed; its fields are not read one by one.
#![allow(dead_code)]

use attached::{Attached, Docs, HttpUrl, Loader, Secret};

const SECRET: &str = "Hx7s3cRETq";

#[derive(Debug)]
struct ApiKey(Secret<String>);

fn parse_api_key(text: &str) -> Result<ApiKey, String> {
    if text.starts_with("sk_live_") {
        Ok(ApiKey(Secret::new(text.to_owned())))
    } else {
        Err("a live key starts with sk_live_".to_owned())
    }
}

/// A careless message: it repeats the text it refused.
fn parse_api_key_loudly(text: &str) -> Result<ApiKey, String> {
    parse_api_key(text).map_err(|_| format!("{text} is not a live key"))
}

fn parse_boxed(text: &str) -> Result<Box<Secret<String>>, String> {
    Ok(Box::new(Secret::new(text.to_owned())))
}

/// A `user:password` pair: its `Debug` hides the password by the member's name.
#[derive(Debug)]
struct BasicAuth {
    user: String,
    password: String,
}

fn parse_basic(text: &str) -> Result<BasicAuth, String> {
    let (user, password) = text.split_once(':').ok_or("expected user:password")?;
    Ok(BasicAuth {
        user: user.to_owned(),
        password: password.to_owned(),
    })
}

fn parse_callback(text: &str) -> Result<HttpUrl, attached::ValueError> {
    text.parse()
}

fn parse_label(text: &str) -> Result<String, String> {
    if text.is_empty() || text.contains(' ') {
        Err("a label is one word".to_owned())
    } else {
        Ok(text.to_owned())
    }
}

#[derive(Debug, PartialEq)]
enum Mode {
    Fast,
    Safe,
}

fn parse_mode(text: &str) -> Result<Mode, String> {
    match text {
        "fast" => Ok(Mode::Fast),
        "safe" => Ok(Mode::Safe),
        _ => Err("fast or safe".to_owned()),
    }
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    #[attached(with = parse_api_key)]
    stripe: ApiKey,
    #[attached(with = parse_boxed)]
    signing: Box<Secret<String>>,
    #[attached(with = parse_basic)]
    upstream: BasicAuth,
    #[attached(with = parse_api_key, separator = ",")]
    others: Vec<ApiKey>,
    /// A service URL read by a function: its own redaction, as in `Debug`.
    #[attached(with = parse_callback)]
    callback: HttpUrl,
    #[attached(with = parse_callback, separator = ",")]
    callbacks: Vec<HttpUrl>,
    /// A `Value` type read by a function: shown as any field of that type.
    #[attached(with = parse_label)]
    label: String,
    #[attached(with = parse_mode, not_secret)]
    mode: Mode,
}

fn valid() -> Vec<(&'static str, String)> {
    vec![
        ("APP_STRIPE", format!("sk_live_{SECRET}")),
        ("APP_SIGNING", SECRET.to_owned()),
        ("APP_UPSTREAM", format!("admin:{SECRET}")),
        ("APP_OTHERS", format!("sk_live_1{SECRET},sk_live_2{SECRET}")),
        (
            "APP_CALLBACK",
            format!("https://app.example.com/cb?next=https%3A%2F%2Fadmin%3A{SECRET}%40internal%2F"),
        ),
        (
            "APP_CALLBACKS",
            format!(
                "https://a.example.com/cb?next=https%3A%2F%2Fadmin%3A{SECRET}%40internal%2F,https://b.example.com/"
            ),
        ),
        ("APP_LABEL", "blue".to_owned()),
        ("APP_MODE", "fast".to_owned()),
    ]
}

fn with(changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut source = valid();
    for (name, value) in changes {
        source.retain(|(n, _)| n != name);
        source.push((name, (*value).to_owned()));
    }
    source
}

/// The report of a load of [`valid`] with `changes`, which must fail.
fn report(changes: &[(&'static str, &str)]) -> String {
    Config::from_source(&with(changes))
        .expect_err("the load fails")
        .to_string()
}

#[test]
fn the_summary_shows_each_value_as_its_debug_does() {
    let loaded = Loader::new(&valid()).load::<Config>().unwrap();
    let debug = format!("{:?}", loaded.config);
    assert!(!debug.contains(SECRET), "{debug}");
    let summary = loaded.summary().to_string();
    assert!(!summary.contains(SECRET), "{summary}");
    let shown = |name: &str| {
        let variable = loaded.variables.iter().find(|v| v.name == name).unwrap();
        assert!(!variable.secret, "{name} is not secret by its name or type");
        variable.shown.clone().unwrap()
    };
    assert_eq!(shown("APP_STRIPE"), "ApiKey(***)");
    assert_eq!(shown("APP_SIGNING"), "***");
    assert_eq!(
        shown("APP_UPSTREAM"),
        r#"BasicAuth { user: "admin", password: *** }"#
    );
    assert_eq!(shown("APP_OTHERS"), "ApiKey(***),ApiKey(***)");
    assert_eq!(shown("APP_CALLBACK"), "https://app.example.com/cb?next=***");
    assert_eq!(
        shown("APP_CALLBACKS"),
        "https://a.example.com/cb?next=***,https://b.example.com/"
    );
    assert_eq!(shown("APP_LABEL"), "blue");
    assert_eq!(shown("APP_MODE"), "Fast");
    // Each of them as the `Debug` shows it.
    for (name, field) in [
        ("APP_STRIPE", "stripe"),
        ("APP_UPSTREAM", "upstream"),
        ("APP_CALLBACK", "callback"),
        ("APP_MODE", "mode"),
    ] {
        let value = shown(name);
        assert!(
            debug.contains(&format!("{field}: {value}"))
                || debug.contains(&format!("{field}: HttpUrl({value:?})")),
            "{name}: summary {value:?}, Debug {debug}"
        );
    }
}

#[test]
fn an_invalid_text_is_not_echoed_and_a_message_that_repeats_it_is_not_shown() {
    let bad = format!("sk_test_{SECRET}");
    let report = report(&[("APP_STRIPE", &bad)]);
    assert!(!report.contains(SECRET), "{report}");
    // The function's own message says what is wrong without the text: kept.
    assert!(
        report.contains("a live key starts with sk_live_"),
        "{report}"
    );

    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    struct Loud {
        #[attached(with = parse_api_key_loudly)]
        stripe: ApiKey,
    }
    let report = Loud::from_source(&[("APP_STRIPE", bad.as_str())])
        .err()
        .unwrap()
        .to_string();
    assert!(!report.contains(SECRET), "{report}");
    assert!(
        report.contains("the reason is not shown: it repeats part of the value"),
        "{report}"
    );
}

/// A service URL type read by a function is treated as one read by its `Value`: its
/// invalid text is not echoed.
#[test]
fn a_service_url_read_by_a_function_is_not_echoed() {
    let bad =
        format!("https://app.example.com:99999/cb?next=https%3A%2F%2Fadmin%3A{SECRET}%40x%2F");
    let report = report(&[("APP_CALLBACK", &bad)]);
    assert!(!report.contains(SECRET), "{report}");
    assert!(!report.contains("app.example.com:99999"), "{report}");
}

#[test]
fn a_value_type_or_a_field_marked_not_secret_is_echoed_as_before() {
    let report = report(&[("APP_LABEL", "two words"), ("APP_MODE", "turbo")]);
    assert!(
        report.contains(r#"invalid value "two words": a label is one word"#),
        "{report}"
    );
    assert!(
        report.contains(r#"invalid value "turbo": fast or safe"#),
        "{report}"
    );
}

#[test]
fn deployment_docs_take_what_the_library_cannot_see_into_from_a_secret() {
    let block = Docs::of::<Config>().kubernetes("app-secrets", "app-config");
    let source_of = |name: &str| {
        let at = block
            .find(&format!("- name: {name}\n"))
            .unwrap_or_else(|| panic!("{name} in\n{block}"));
        let rest = &block[at..];
        let secret = rest.find("secretKeyRef").unwrap_or(usize::MAX);
        let config = rest.find("configMapKeyRef").unwrap_or(usize::MAX);
        if secret < config { "secret" } else { "config" }
    };
    for name in [
        "APP_STRIPE",
        "APP_SIGNING",
        "APP_UPSTREAM",
        "APP_OTHERS",
        "APP_CALLBACK",
        "APP_CALLBACKS",
    ] {
        assert_eq!(source_of(name), "secret", "{name}:\n{block}");
    }
    assert_eq!(source_of("APP_LABEL"), "config", "{block}");
    assert_eq!(source_of("APP_MODE"), "config", "{block}");
}

fn parse_database(text: &str) -> Result<attached::DatabaseUrl, attached::ValueError> {
    text.parse()
}

/// A service URL type read by a function is warned about, and attached, as one read by
/// its `Value`.
#[test]
fn a_service_url_read_by_a_function_is_warned_about_and_attached() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    struct Services {
        #[attached(with = parse_database)]
        primary: attached::DatabaseUrl,
        #[attached(with = parse_database, separator = ",")]
        replicas: Vec<attached::DatabaseUrl>,
    }
    let source = [
        (
            "APP_PRIMARY",
            "postgres://app:pw@db1:5432/app?sslmdoe=require",
        ),
        (
            "APP_REPLICAS",
            "postgres://app:pw@db2/app,postgres://app:pw@db3/app",
        ),
    ];
    let loaded = Loader::new(&source).load::<Services>().unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("APP_PRIMARY") && w.contains("did you mean `sslmode`?")),
        "{warnings:?}"
    );
    let services: Vec<&str> = loaded
        .services()
        .iter()
        .map(|s| s.variable.as_str())
        .collect();
    assert_eq!(services, ["APP_PRIMARY", "APP_REPLICAS", "APP_REPLICAS"]);
}

/// A `Value` type that is secret (`Value::SECRET`), read by a function: secret in every
/// output, as when its `Value` reads it.
#[derive(Debug)]
struct Token(String);

impl attached::Value for Token {
    const EXPECTED: &'static str = "a token of 8 characters or more";
    const SECRET: bool = true;
    fn parse(text: &str) -> Result<Self, attached::ValueError> {
        if text.len() < 8 {
            return Err(attached::ValueError::new("too short"));
        }
        Ok(Token(text.to_owned()))
    }
    fn render(&self) -> String {
        self.0.clone()
    }
}

fn parse_token(text: &str) -> Result<Token, attached::ValueError> {
    <Token as attached::Value>::parse(text)
}

#[test]
fn a_secret_value_type_read_by_a_function_is_secret() {
    #[derive(Attached)]
    #[attached(prefix = "APP_")]
    struct Tokens {
        #[attached(with = parse_token)]
        signing: Token,
    }
    let loaded = Loader::new(&[("APP_SIGNING", SECRET)])
        .load::<Tokens>()
        .unwrap();
    let variable = &loaded.variables[0];
    assert!(variable.secret);
    assert_eq!(variable.shown.as_deref(), Some("***"));
    assert!(!loaded.summary().to_string().contains(SECRET));
    let report = Tokens::from_source(&[("APP_SIGNING", "Hx7s3c")])
        .expect_err("too short")
        .to_string();
    assert!(!report.contains("Hx7s3c"), "{report}");
    let block = Docs::of::<Tokens>().kubernetes("app-secrets", "app-config");
    assert!(block.contains("secretKeyRef"), "{block}");
}
