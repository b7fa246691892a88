//! One literal test for each way a secret used to reach an output, and for the outputs
//! that an environment could use to hang the process or forge log lines. Each plants a
//! known secret and asserts that no output holds it.

// The configs are loaded and printed; their fields are not read one by one.
#![allow(dead_code)]

use attached::{Attached, DatabaseUrl, Docs, Loader, ProblemKind, Report, Secret};
use std::time::{Duration, Instant};

/// Every output of a load of `T` from `source`, and of its docs.
fn outputs<T: Attached + std::fmt::Debug>(source: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    match T::from_source(source) {
        Ok(config) => {
            out.push(format!("{config:?}"));
            out.push(format!("{config:#?}"));
        }
        Err(report) => out.extend(report_texts(&report)),
    }
    for strict in [false, true] {
        match Loader::new(source).strict(strict).load::<T>() {
            Ok(loaded) => {
                out.push(loaded.summary().to_string());
                out.push(format!("{loaded:#?}"));
                out.push(loaded.public_json());
                let docs = Docs::new(loaded.variables.clone());
                out.extend([
                    docs.markdown(),
                    docs.env_example(),
                    docs.kubernetes("s", "c"),
                ]);
            }
            Err(report) => out.extend(report_texts(&report)),
        }
    }
    let docs = Docs::of::<T>();
    out.extend([
        docs.markdown(),
        docs.env_example(),
        docs.kubernetes("s", "c"),
    ]);
    out
}

fn report_texts(report: &Report) -> Vec<String> {
    vec![
        report.to_string(),
        format!("{report:?}"),
        format!("{:?}", report.problems()),
        format!("{:?}", report.warnings()),
    ]
}

fn assert_absent(outputs: &[String], secrets: &[&str]) {
    for output in outputs {
        for secret in secrets {
            assert!(
                !output.to_lowercase().contains(&secret.to_lowercase()),
                "{secret} shown in:\n{output}"
            );
        }
    }
}

// Class 1: a `Secret<T>` read with `with` is secret: summary, errors, docs.

fn parse_key(text: &str) -> Result<Secret<String>, String> {
    if text.starts_with("sk_") {
        Ok(Secret::new(text.to_owned()))
    } else {
        Err(format!("{text} does not start with sk_"))
    }
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct WithSecret {
    #[attached(with = parse_key)]
    stripe: Secret<String>,
}

#[test]
fn class1_a_secret_type_read_with_a_function_is_secret() {
    assert_absent(
        &outputs::<WithSecret>(&[("APP_STRIPE", "sk_live_S3CR3T")]),
        &["S3CR3T"],
    );
    assert_absent(
        &outputs::<WithSecret>(&[("APP_STRIPE", "pk_S3CR3T")]),
        &["S3CR3T"],
    );
    let docs = Docs::of::<WithSecret>();
    assert!(
        docs.markdown()
            .contains("| `APP_STRIPE` | a value accepted by `parse_key` | required | yes |")
    );
    assert!(docs.kubernetes("s", "c").contains("secretKeyRef"));
    let loaded = Loader::new(&[("APP_STRIPE", "sk_live_S3CR3T")])
        .load::<WithSecret>()
        .unwrap();
    assert!(loaded.variables[0].secret);
    assert_eq!(loaded.variables[0].shown.as_deref(), Some("***"));
}

// Class 2: a user's `with` or `validate` text that repeats the value.

#[allow(clippy::ptr_arg)]
fn shout(text: &String) -> Result<(), String> {
    if text.len() > 40 {
        Ok(())
    } else {
        let start: String = text.chars().take(6).collect();
        Err(format!(
            "'{}' is short; starts {start}",
            text.to_uppercase()
        ))
    }
}

fn parse_url_text(text: &str) -> Result<String, String> {
    Err(format!("cannot use {text}"))
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct UserText {
    #[attached(secret, validate = shout)]
    session: String,
    #[attached(validate = shout)]
    upstream: String,
    #[attached(with = parse_url_text)]
    mirror: String,
}

#[test]
fn class2_user_error_text_never_shows_a_secret_or_credentials() {
    let source = [
        ("APP_SESSION", "sess-S3CR3T"),
        ("APP_UPSTREAM", "https://u:PW4UPSTREAM@up/x"),
        ("APP_MIRROR", "https://u:PW4MIRROR@m/x"),
    ];
    let out = outputs::<UserText>(&source);
    assert_absent(&out, &["S3CR3T", "sess-S", "PW4UPSTREAM", "PW4MIRROR"]);
    let report = UserText::from_source(&source).unwrap_err();
    assert!(
        report
            .to_string()
            .contains("APP_SESSION (field `session`): invalid value: rejected by `shout`"),
        "{report}"
    );
    assert!(
        report
            .to_string()
            .contains("APP_MIRROR (field `mirror`): invalid value: rejected by `parse_url_text`"),
        "{report}"
    );
    // A plain value without credentials keeps the user's message.
    let plain = UserText::from_source(&[
        ("APP_SESSION", "a-long-enough-session-value-of-41-chars-x"),
        ("APP_UPSTREAM", "short"),
        ("APP_MIRROR", "x"),
    ])
    .unwrap_err();
    assert!(plain.to_string().contains("'SHORT' is short"), "{plain}");
}

// Class 7: `public` never reveals a credential part; `not_secret` is plain config.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Public {
    #[attached(public)]
    database: DatabaseUrl,
    #[attached(public)]
    sentry: String,
    #[attached(not_secret)]
    pass_mode: String,
    #[attached(not_secret)]
    reports_url: String,
}

#[test]
fn class7_public_and_not_secret_never_reveal_credentials() {
    let source = [
        ("APP_DATABASE", "postgres://app:PGPW@db/app"),
        ("APP_SENTRY", "https://u:SENTRYPW@sentry.example/1"),
        ("APP_PASS_MODE", "strict"),
        ("APP_REPORTS_URL", "https://u:REPORTPW@reports/x"),
    ];
    assert_absent(
        &outputs::<Public>(&source),
        &["PGPW", "SENTRYPW", "REPORTPW"],
    );
    let loaded = Loader::new(&source).load::<Public>().unwrap();
    assert_eq!(
        loaded.public_json(),
        r#"{"APP_DATABASE":"postgres://app:***@db/app","APP_SENTRY":"https://u:***@sentry.example/1"}"#
    );
    // `not_secret`: shown, kept in the ConfigMap even with a credential-looking name or a
    // connection string, and not in public JSON.
    let pass_mode = &loaded.variables[2];
    assert!(!pass_mode.secret && !pass_mode.public && !pass_mode.credentials);
    assert_eq!(pass_mode.shown.as_deref(), Some("strict"));
    let yaml = Docs::of::<Public>().kubernetes("s", "c");
    assert!(
        yaml.contains("  - name: APP_PASS_MODE\n    valueFrom:\n      configMapKeyRef:"),
        "{yaml}"
    );
    assert!(
        yaml.contains("  - name: APP_REPORTS_URL\n    valueFrom:\n      configMapKeyRef:"),
        "{yaml}"
    );
}

// Class 8: a secret set as the value of `NAME_FILE`; a secret where a name goes.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Files {
    db_password: Option<String>,
    port: Option<u16>,
}

#[test]
fn class8_a_secret_given_as_a_path_or_a_name_is_not_repeated() {
    let out = outputs::<Files>(&[("APP_DB_PASSWORD_FILE", "Hunter2-Secret")]);
    assert_absent(&out, &["Hunter2"]);
    let report = Files::from_source(&[("APP_DB_PASSWORD_FILE", "Hunter2-Secret")]).unwrap_err();
    match report.problems()[0].kind() {
        ProblemKind::File { path, .. } => assert_eq!(path, &None),
        other => panic!("{other:?}"),
    }
    assert!(
        report
            .to_string()
            .contains("its value is not shown: it does not look like a path")
    );
    // A real path is named.
    let report = Files::from_source(&[("APP_DB_PASSWORD_FILE", "/no/such/file")]).unwrap_err();
    assert!(report.to_string().contains("/no/such/file"), "{report}");
    // A token set where a name goes.
    let token = "APP_ghp_16C7e42F292c6912E7710c838347Ae178B4a";
    assert_absent(&outputs::<Files>(&[(token, "1")]), &["16C7e42F"]);
    let pasted = "APP_PORT=8080 APP_DB_PASSWORD=hunter2";
    assert_absent(&outputs::<Files>(&[(pasted, "1")]), &["hunter2"]);
}

// A value read from a file is shown by its field's rules, in `Debug` and the summary
// alike; an invalid one is never repeated.

#[test]
fn a_value_read_from_a_file_is_never_repeated_when_invalid() {
    let dir = std::env::temp_dir().join(format!("attached-leak-classes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("port");
    std::fs::write(&file, "S3cretNotAPort\n").unwrap();
    let out = outputs::<Files>(&[("APP_PORT_FILE", file.to_str().unwrap())]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_absent(&out, &["S3cretNotAPort"]);
}

// Hangs: a FIFO named by `NAME_FILE` is refused before it is opened.

#[cfg(unix)]
#[test]
fn a_fifo_named_by_name_file_is_refused_at_once() {
    let dir = std::env::temp_dir().join(format!("attached-fifo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mkfifo is not available: skipped");
        return;
    }
    let started = Instant::now();
    let report =
        Files::from_source(&[("APP_DB_PASSWORD_FILE", fifo.to_str().unwrap())]).unwrap_err();
    // A correctness bound (the load must not wait for a writer), not a benchmark.
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        report.to_string().contains("not a regular file"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// Control characters: escaped in the summary, problems and warnings.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Text {
    motd: String,
    port: u16,
}

#[test]
fn control_characters_cannot_forge_lines() {
    let forged = "hi\nERROR admin logged in\u{1b}[2J";
    let loaded = Loader::new(&[
        ("APP_MOTD", forged),
        ("APP_PORT", "1"),
        ("APP_X\nFAKE", "1"),
    ])
    .load::<Text>()
    .unwrap();
    let summary = loaded.summary().to_string();
    assert!(
        !summary.contains('\u{1b}') && !summary.contains("\nERROR"),
        "{summary}"
    );
    assert!(
        summary.contains("hi\\nERROR admin logged in\\u{1b}[2J"),
        "{summary}"
    );
    let report = Text::from_source(&[
        ("APP_MOTD", forged),
        ("APP_PORT", "1\n2"),
        ("APP_Y\rZ", "1"),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(report.lines().count(), 4, "{report}");
    assert!(
        !report.contains('\r') && !report.contains('\u{1b}'),
        "{report}"
    );
}

// Public JSON is safe inside an HTML `<script>`.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Browser {
    #[attached(public)]
    banner: String,
}

#[test]
fn public_json_is_safe_in_a_script_element() {
    let loaded = Loader::new(&[(
        "APP_BANNER",
        "</script><script>alert(1)</script>\u{2028}\u{2029}\u{7}",
    )])
    .load::<Browser>()
    .unwrap();
    let json = loaded.public_json();
    for bad in ["</", "<script", "\u{2028}", "\u{2029}", "\u{7}"] {
        assert!(!json.contains(bad), "{bad:?} in {json}");
    }
    assert!(json.contains(r"\u003c/script\u003e"), "{json}");
}

// Class 9: credentials a typed value carries inside another part (a redirect target in a
// query value, a proxy, a path) are hidden by its redacted form, which public JSON, `Debug`,
// the summary and serde all use.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Typed {
    #[attached(public)]
    site: Option<attached::HttpUrl>,
    #[attached(public)]
    cache: Option<attached::RedisUrl>,
    #[attached(public)]
    db: Option<DatabaseUrl>,
}

#[test]
fn class9_credentials_inside_a_typed_value_are_hidden() {
    for (name, value) in [
        (
            "APP_SITE",
            "https://cdn.example.com/login?next=https://admin:S3CRETxyz9q@internal.example.com/",
        ),
        (
            "APP_SITE",
            "https://h.example/x?proxy=admin:S3CRETxyz9q@proxy:3128",
        ),
        (
            "APP_SITE",
            "https://h.example/redirect/https://admin:S3CRETxyz9q@internal/",
        ),
        ("APP_SITE", "https://h.example/cb?h=Bearer+S3CRETxyz9q"),
        (
            "APP_SITE",
            "https://h.example/x?next=https%253A%252F%252Fu%253AS3CRETxyz9q%2540host",
        ),
        (
            "APP_CACHE",
            "redis://cache:6379/0?client_name=u:S3CRETxyz9q@x",
        ),
        (
            "APP_DB",
            "postgres://app@db/app?application_name=postgres://u:S3CRETxyz9q%40x/y",
        ),
    ] {
        let out = outputs::<Typed>(&[(name, value)]);
        assert_absent(&out, &["S3CRETxyz9q"]);
        let loaded = Loader::new(&[(name, value)]).load::<Typed>().unwrap();
        assert!(
            loaded.public_json().contains("***"),
            "{}",
            loaded.public_json()
        );
    }
}

// Class 10: a PEM private key in a field typed as plain text.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Pem {
    tls_cert_pem: Option<String>,
    #[attached(public)]
    bundle: Option<String>,
}

#[test]
fn class10_private_keys_are_hidden_in_plain_text_fields() {
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvS3CRETxyz9q\n-----END PRIVATE KEY-----";
    for name in ["APP_TLS_CERT_PEM", "APP_BUNDLE"] {
        let out = outputs::<Pem>(&[(name, key)]);
        assert_absent(&out, &["MIIEvS3CRETxyz9q"]);
        let loaded = Loader::new(&[(name, key)]).load::<Pem>().unwrap();
        assert!(
            loaded
                .summary()
                .to_string()
                .contains("-----BEGIN PRIVATE KEY-----***")
        );
    }
}

// Class 11: a variable whose name looks like a credential's although the field's own name
// does not: a fallback name, the name of a nested field it sits in.

#[derive(Attached)]
struct Creds {
    stripe: String,
    #[attached(not_secret)]
    account: String,
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Named {
    #[attached(fallback = "GITHUB_TOKEN")]
    github: Option<String>,
    #[attached(nested)]
    credentials: Creds,
    #[attached(nested, prefix = "DB_PASSWORD_")]
    db: Option<Creds>,
}

#[test]
fn class11_fallback_and_nested_names_that_look_secret_make_a_field_secret() {
    let source = [
        ("GITHUB_TOKEN", "ghp_S3CRETxyz9q"),
        ("APP_CREDENTIALS_STRIPE", "sk_live_S3CRETxyz9q"),
        ("APP_CREDENTIALS_ACCOUNT", "acct-visible"),
        ("DB_PASSWORD_STRIPE", "S3CRETxyz9q-db"),
        ("DB_PASSWORD_ACCOUNT", "acct-db-visible"),
    ];
    let out = outputs::<Named>(&source);
    assert_absent(&out, &["S3CRETxyz9q"]);
    // A child marked `not_secret` is still shown, in `Debug` and the summary alike.
    let loaded = Loader::new(&source).load::<Named>().unwrap();
    let summary = loaded.summary().to_string();
    let debug = format!("{:?}", loaded.config);
    for shown in [&summary, &debug] {
        assert!(
            shown.contains("acct-visible") && shown.contains("acct-db-visible"),
            "{shown}"
        );
    }
    // The Kubernetes docs take them from the Secret, the `not_secret` ones from the
    // ConfigMap.
    let docs = Docs::new(loaded.variables.clone()).kubernetes("s", "c");
    let from = |name: &str| {
        let entry = docs.split(&format!("- name: {name}\n")).nth(1).unwrap();
        let entry = entry.split("- name:").next().unwrap();
        if entry.contains("secretKeyRef") {
            "Secret"
        } else {
            "ConfigMap"
        }
    };
    for name in [
        "GITHUB_TOKEN",
        "APP_CREDENTIALS_STRIPE",
        "DB_PASSWORD_STRIPE",
    ] {
        assert_eq!(from(name), "Secret", "{name}: {docs}");
    }
    for name in ["APP_CREDENTIALS_ACCOUNT", "DB_PASSWORD_ACCOUNT"] {
        assert_eq!(from(name), "ConfigMap", "{name}: {docs}");
    }
}

// Class 12: a `NAME_FILE` path that looks like a token, in a problem and in the origin a
// summary shows; and a parameter name that holds a value, in a service type's messages.

#[test]
fn class12_token_like_paths_and_parameter_names_are_not_repeated() {
    let dir = std::env::temp_dir().join(format!("attached-class12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("ghp_S3CRETxyz9q0123456789abcdef");
    std::fs::write(&empty, "").unwrap();
    let full = dir.join("ghp_S3CRETxyz9q0123456789abcdeg");
    std::fs::write(&full, "8080\n").unwrap();
    let empty_out = outputs::<Files>(&[("APP_PORT_FILE", empty.to_str().unwrap())]);
    let full_out = outputs::<Files>(&[("APP_PORT_FILE", full.to_str().unwrap())]);
    let loaded = Loader::new(&[("APP_PORT_FILE", full.to_str().unwrap())])
        .load::<Files>()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_absent(&empty_out, &["S3CRETxyz9q"]);
    assert_absent(&full_out, &["S3CRETxyz9q"]);
    let summary = loaded.summary().to_string();
    assert!(summary.contains("its path is not shown"), "{summary}");

    for url in [
        "postgres://app@db/app?pw%3DS3CRETxyz9q=1&pw%3DS3CRETxyz9q=2",
        "postgres://app@db/app?pw%3DS3CRETxyz9q=1",
    ] {
        assert_absent(&outputs::<Typed>(&[("APP_DB", url)]), &["S3CRETxyz9q"]);
        if let Err(error) = url.parse::<DatabaseUrl>() {
            assert!(!error.to_string().contains("S3CRET"), "{error}");
        }
    }
}

// The library's own reasons for refusing a service URL reach the report as the type
// wrote them: the masker would read their prose (`without a password: lettre ...`) as a
// credential and cut words out.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Mail {
    smtp: Option<attached::SmtpUrl>,
    db: Option<DatabaseUrl>,
}

#[test]
fn a_service_type_s_own_reason_is_given_whole() {
    for (name, value) in [
        ("APP_SMTP", "smtps://u@h"),
        ("APP_DB", "postgres://u@a@h/db"),
    ] {
        let reason = match name {
            "APP_SMTP" => value.parse::<attached::SmtpUrl>().unwrap_err().to_string(),
            _ => value.parse::<DatabaseUrl>().unwrap_err().to_string(),
        };
        let report = Mail::from_source(&[(name, value)]).unwrap_err();
        assert!(report.to_string().contains(&reason), "{report}\n{reason}");
        assert!(!report.to_string().contains("***"), "{report}");
    }
}

// Class 13: a list whose items hold a credential only together (`Bearer`, then the token;
// a URL cut at a `,` in its password): `Debug` masks the items joined again, as the
// summary masks the text they were read from.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Lists {
    #[attached(separator = " ")]
    header: Option<Vec<String>>,
    mirrors: Vec<String>,
}

#[test]
fn class13_list_items_are_masked_together() {
    let source = [
        ("APP_HEADER", "Authorization: Bearer S3CRETxyz9q"),
        (
            "APP_MIRRORS",
            "https://a.example,redis://:S3CRET,xyz9q@cache:6379",
        ),
    ];
    assert_absent(&outputs::<Lists>(&source), &["S3CRET", "xyz9q"]);
    let debug = format!("{:?}", Lists::from_source(&source).unwrap());
    assert!(
        debug.contains(r#"header: Some(["Authorization:", "Bearer", "***"])"#),
        "{debug}"
    );
    // Items with nothing hidden are shown as they are.
    let plain = [("APP_MIRRORS", "https://a.example,https://b.example")];
    let debug = format!("{:?}", Lists::from_source(&plain).unwrap());
    assert!(
        debug.contains(r#"mirrors: ["https://a.example", "https://b.example"]"#),
        "{debug}"
    );
}

// Class 14: a type read by a `with` function is shown by its own `Debug` through the
// masker: pairs as `Debug` writes them, and JSON inside a string, are masked there too.

#[derive(Debug)]
struct Headers(Vec<(String, String)>);

fn headers(text: &str) -> Result<Headers, String> {
    let pairs = text.split(';').filter_map(|h| h.split_once(": "));
    Ok(Headers(
        pairs.map(|(n, v)| (n.to_owned(), v.to_owned())).collect(),
    ))
}

#[derive(Debug)]
struct Raw(String);

fn raw(text: &str) -> Result<Raw, String> {
    Ok(Raw(text.to_owned()))
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct WithTypes {
    #[attached(with = headers)]
    upstream_headers: Headers,
    #[attached(with = raw)]
    settings: Raw,
}

#[test]
fn class14_debug_of_a_with_type_is_masked_as_debug_writes_it() {
    let source = [
        (
            "APP_UPSTREAM_HEADERS",
            "X-Api-Key: S3CRETxyz9q;Accept: json",
        ),
        ("APP_SETTINGS", r#"{"password":"S3CRETxyz9q","user":"app"}"#),
    ];
    assert_absent(&outputs::<WithTypes>(&source), &["S3CRETxyz9q"]);
    let debug = format!("{:?}", WithTypes::from_source(&source).unwrap());
    assert!(debug.contains(r#"("Accept", "json")"#), "{debug}");
}

/// `value` in every field of [`Forms`], then in `field` alone: its `secrets` absent from
/// every output (`Debug`, the summary, which masks something, the reports of a value
/// rejected by a `validate` function and by a parser), wherever it is read.
fn hidden_in_every_output(value: &str, field: &str, secrets: &[&str]) {
    for name in [
        "APP_HEADERS",
        "APP_COMMAND",
        "APP_IDENTITY",
        "APP_CHECKED",
        "APP_PORT",
    ] {
        assert_absent(&outputs::<Forms>(&[(name, value)]), secrets);
    }
    let source = [(field, value)];
    let config = Forms::from_source(&source).unwrap();
    assert_absent(&[format!("{config:?}")], secrets);
    let loaded = Loader::new(&source).load::<Forms>().unwrap();
    let summary = loaded.summary().to_string();
    assert_absent(std::slice::from_ref(&summary), secrets);
    assert!(summary.contains("***"), "{summary}");
    // Rejected: the value is not repeated, nor is the user's message, which holds it.
    for name in ["APP_CHECKED", "APP_PORT"] {
        let report = Forms::from_source(&[(name, value)]).unwrap_err();
        assert_absent(&report_texts(&report), secrets);
    }
}

// Class 15: credentials in forms the masker once let through, in fields typed as plain
// text: cookie headers, a MySQL client's password glued to `-p`, SSH2 and PuTTY private
// keys, a PEM key whose `END` line is missing or cut short. `Debug`, the summary and the
// report of a rejected value hide them alike.

fn echo(text: &String) -> Result<(), String> {
    Err(format!("cannot use {text}"))
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Forms {
    headers: Option<String>,
    command: Option<String>,
    identity: Option<String>,
    #[attached(validate = echo)]
    checked: Option<String>,
    port: Option<u16>,
}

#[test]
fn class15_cookies_mysql_passwords_and_other_private_keys_are_hidden() {
    let forms = [
        "Cookie: session=S3CRETck1; theme=S3CRETck2",
        "Set-Cookie: id=S3CRETck3; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly",
        r#"{"cookie": "session=S3CRETck4"}"#,
        "mysql -uroot -pS3CRETmy1 billing",
        "mysqldump -p'S3CRET my2' billing > dump.sql",
        "/usr/bin/mariadb -p\"S3CRETmy3\" billing",
        "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"S3CRETkc\"\n\
         P2/56wAAAi4S3CRETkey1\n---- END SSH2 ENCRYPTED PRIVATE KEY ----",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\n\
         Public-Lines: 1\nAAAAC3NzaC1lZDI1NTE5public\nPrivate-Lines: 1\n\
         AAAAIS3CRETkey2\nPrivate-MAC: 0a1bS3CRETmac\n",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIS3CRETkey3\nmore",
        "-----BEGIN PRIVATE KEY-----\nMIIS3CRETkey4\n-----END PRIV",
    ];
    let secrets = ["S3CRET", "CRETck", "CRETmy", "CRETk", "CRETmac", "my2"];
    for value in forms {
        hidden_in_every_output(value, "APP_HEADERS", &secrets);
        let report = Forms::from_source(&[("APP_CHECKED", value)]).unwrap_err();
        assert!(
            report
                .to_string()
                .contains("rejected by `echo` (its message is not shown"),
            "{report}"
        );
    }
    // What is not a credential stays.
    let source = [
        ("APP_HEADERS", "Cookie policy: strict; cookies enabled"),
        ("APP_COMMAND", "ssh -p2222 db && docker run -p 8080:80 web"),
        ("APP_IDENTITY", "---- a heading ----"),
    ];
    let debug = format!("{:?}", Forms::from_source(&source).unwrap());
    for (_, value) in source {
        assert!(debug.contains(value), "{debug}");
    }
}

// Class 16: more forms the masker once let through, in fields typed as plain text:
// `Authorization` without a space or with another scheme than `Bearer`, `Basic`
// credentials outside a header, a webhook's or a bot's token in a URL's path, bare JSON Web
// Tokens, XML elements named for a credential, `.netrc` entries, the passwords of curl,
// redis-cli and sshpass; and, in the `Debug` of a type read by a `with` function, a YAML
// block and a JSON value with an escaped quote as `Debug` writes them.

#[test]
fn class16_headers_webhooks_jwts_xml_netrc_and_client_passwords_are_hidden() {
    let forms = [
        "curl -H 'Authorization:Basic dXNlcjpTM0NSRVRhdTE=' https://x",
        "Authorization:Token S3CRETau2",
        "Authorization: Digest username=\"app\", response=\"S3CRETau3\", qop=auth",
        "proxy sends Basic Ym9iOlMzQ1JFVGF1NA==",
        "https://hooks.slack.com/services/T00000000/B00000000/S3CRETwh1XXXXXXXXXXXX",
        "https://api.telegram.org/bot123456789:AAHdqS3CRETwh2vGWJxfSeofSAs0K5PAL/sendMessage",
        "https://discord.com/api/webhooks/123456789012345678/\
         Zq9kL2vXs7pQ-w8e_R4t6Yu1Io3Pa5Sd7Fg9Hj0KlZx2Cv4Bn6Mm8Qw0Er2Ty4S3CRETwh3",
        "id_token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.S3CRETjw1KKF2QT4fwpMeJf36POk6yJV",
        "<db><user>app</user><password>S3CRETxm1</password><apiKey>S3CRETxm2</apiKey></db>",
        "machine api.example.com login bob password S3CRETnr1",
        "machine a.example.com\n  login bob\n  password S3CRETnr2\ndefault password S3CRETnr3",
        "curl -s -u bob:S3CRETcl1 https://x",
        "redis-cli -h cache -a S3CRETcl2 ping",
        "sshpass -p S3CRETcl3 ssh -p 2222 host",
    ];
    let secrets = [
        "S3CRET",
        "CRETau",
        "CRETwh",
        "CRETjw",
        "CRETxm",
        "CRETnr",
        "CRETcl",
        "dXNlcjpTM0",
        "Ym9iOlMzQ1",
        "eyJzdWIi",
    ];
    for value in forms {
        hidden_in_every_output(value, "APP_COMMAND", &secrets);
    }
    // The `Debug` of a type read by a `with` function: its text with escaped line breaks
    // and quotes.
    for value in [
        "password:\n  S3CRETdb1\nport: 1",
        "token: |\n  S3CRETdb2\n  more\nport: 1",
        r#"{"password": "a\"S3CRETdb3", "user": "app"}"#,
    ] {
        let source = [
            ("APP_UPSTREAM_HEADERS", "Accept: json"),
            ("APP_SETTINGS", value),
        ];
        assert_absent(&outputs::<WithTypes>(&source), &["S3CRET", "CRETdb"]);
        let debug = format!("{:?}", WithTypes::from_source(&source).unwrap());
        assert!(debug.contains("***"), "{debug}");
    }
    // What is not a credential stays.
    let source = [
        (
            "APP_HEADERS",
            "Basic setup; Basic commands; Authorization is by role",
        ),
        (
            "APP_COMMAND",
            "curl -u bob https://docs.rs/attached/latest/attached/fn.mask.html && \
             sshpass -f /run/pw ssh -p 2222 host",
        ),
        (
            "APP_IDENTITY",
            "Vec<Token>, <tokenEndpoint>https://idp/token</tokenEndpoint>, \
             eyJhbGciOiJub25lIn0 alone; use your login and password to sign in",
        ),
    ];
    let debug = format!("{:?}", Forms::from_source(&source).unwrap());
    for (_, value) in source {
        assert!(debug.contains(&format!("{value:?}")), "{debug}");
    }
    let source = [
        ("APP_UPSTREAM_HEADERS", "Accept: json"),
        ("APP_SETTINGS", "auth:\n  enabled: true\nport: 1"),
    ];
    let debug = format!("{:?}", WithTypes::from_source(&source).unwrap());
    assert!(
        debug.contains(r"auth:\n  enabled: true\nport: 1"),
        "{debug}"
    );
}

// Class 15: a service URL type's own reason or warning quoting a parameter's value, which
// is no credential by its name but holds one by its shape.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Quoted {
    db: Option<DatabaseUrl>,
}

#[test]
fn class15_a_service_type_s_reason_never_quotes_a_hidden_credential() {
    for value in [
        "postgres://u@h/db?sslmode=prefer%20password=S3cr3tPw9x&ssl=true",
        "postgres://u@h/db?sslmode=prefer password=S3cr3tPw9x&ssl=true",
        "postgres://u@h/db?sslmode=require%26password%3DS3cr3tPw9x&ssl=true",
    ] {
        let source = [("APP_DB", value)];
        assert_absent(&outputs::<Quoted>(&source), &["S3cr3tPw9x"]);
        let error = value.parse::<DatabaseUrl>().unwrap_err().to_string();
        assert!(!error.contains("S3cr3tPw9x"), "{error}");
        assert!(
            error.contains("`ssl=true` after `sslmode` means"),
            "{error}"
        );
    }
    // A mode libpq knows is quoted, as before.
    let error = "postgres://u@h/db?sslmode=prefer&ssl=true"
        .parse::<DatabaseUrl>()
        .unwrap_err()
        .to_string();
    assert!(error.contains("after `sslmode=prefer`"), "{error}");
}

// Class 16: a field named as the masker names a credential in `NAME=value` text.

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct MaskerNames {
    db_pw: Option<String>,
    sshpass: Option<String>,
    google_creds: Option<String>,
    webhook_signature: Option<String>,
    session_id: Option<String>,
    signature_algorithm: Option<String>,
}

#[test]
fn class16_names_the_masker_hides_are_secret_names() {
    let source = [
        ("APP_DB_PW", "S3cr3tPw9x"),
        ("APP_SSHPASS", "S3cr3tPw9y"),
        ("APP_GOOGLE_CREDS", "S3cr3tPw9z"),
        ("APP_WEBHOOK_SIGNATURE", "S3cr3tPw9w"),
        ("APP_SESSION_ID", "S3cr3tPw9v"),
        ("APP_SIGNATURE_ALGORITHM", "HS256"),
    ];
    let outputs = outputs::<MaskerNames>(&source);
    assert_absent(
        &outputs,
        &[
            "S3cr3tPw9x",
            "S3cr3tPw9y",
            "S3cr3tPw9z",
            "S3cr3tPw9w",
            "S3cr3tPw9v",
        ],
    );
    // Something about a signature is not one.
    assert!(outputs[0].contains("HS256"), "{}", outputs[0]);
}

// Class 17: what a sixth probe found shown. Field names the name rule missed (a number
// glued on, a short name glued to what it is for, other languages, PINs, wallet seeds);
// in fields typed as plain text, tokens known by their vendors' prefixes, an AWS secret
// key after its id, Redis's `requirepass`, SQL's passwords, `set` before a credential's
// name, LDIF; and in the `Debug` of a type read by a `with` function, what the masker
// reads once the escapes of its strings are read (an XML entry, an ADO.NET password in
// doubled quotes).

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct MoreNames {
    db_pass2: Option<String>,
    rootpwd: Option<String>,
    ldap_bindpw: Option<String>,
    kennwort: Option<String>,
    senha: Option<String>,
    card_pin: Option<String>,
    seed_phrase: Option<String>,
    stripe_sk: Option<String>,
    led_pin: Option<String>,
}

#[test]
fn class17_names_the_rule_missed_are_secret() {
    let source = [
        ("APP_DB_PASS2", "S3cr3tPw9a"),
        ("APP_ROOTPWD", "S3cr3tPw9b"),
        ("APP_LDAP_BINDPW", "S3cr3tPw9c"),
        ("APP_KENNWORT", "S3cr3tPw9d"),
        ("APP_SENHA", "S3cr3tPw9e"),
        ("APP_CARD_PIN", "S3cr3tPw9f"),
        ("APP_SEED_PHRASE", "S3cr3tPw9g"),
        ("APP_STRIPE_SK", "S3cr3tPw9h"),
        ("APP_LED_PIN", "13"),
    ];
    let outputs = outputs::<MoreNames>(&source);
    assert_absent(&outputs, &["S3cr3tPw9"]);
    // A microcontroller's pin is not a PIN.
    assert!(
        outputs[0].contains("led_pin: Some(\"13\")"),
        "{}",
        outputs[0]
    );
}

#[test]
fn class17_vendor_tokens_statements_and_ldif_are_hidden() {
    let forms = [
        "GITHUB=ghp_S3CRETvt1aBcDeFgHiJkLmNoPqRsTuVwXy",
        "slack xoxb-1234-5678-S3CRETvt2aBcDeFgHiJk and stripe sk_live_S3CRETvt3aBcDeFgHiJk",
        "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYS3CRETvt4",
        "redis-server --appendonly yes --requirepass S3CRETrs1",
        "requirepass S3CRETrs2\nmaxmemory 100mb",
        "CREATE USER app WITH PASSWORD 'S3CRETsq1';",
        "CREATE USER 'app'@'%' IDENTIFIED BY 'S3CRETsq2';",
        "aws configure set aws_secret_access_key S3CRETst1",
        "dn: uid=bob\nuserPassword:: e1NTSEF9S3CRETld1",
        "GITHUB_PAT=S3CRETnm1\nLOG_LEVEL=info",
        "password='S3CRET'\"qt1\"",
    ];
    let secrets = [
        "S3CRET", "CRETvt", "CRETrs", "CRETsq", "CRETst", "CRETld", "qt1",
    ];
    for value in forms {
        hidden_in_every_output(value, "APP_COMMAND", &secrets);
    }
}

#[test]
fn class17_debug_of_a_with_type_is_masked_with_its_escapes_read() {
    for value in [
        r#"<add key="DbPassword" value="S3CRETwx1" />"#,
        r#"Server=db;User Id=sa;Password="ab""S3CRETwx2";"#,
        "machine h login bob password S3CRETwx3",
    ] {
        let source = [
            ("APP_UPSTREAM_HEADERS", "Accept: json"),
            ("APP_SETTINGS", value),
        ];
        assert_absent(&outputs::<WithTypes>(&source), &["S3CRET", "CRETwx"]);
    }
}
