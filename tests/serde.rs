//! With the cargo feature `serde`: the service URL types and `Secret<T>` read from JSON as
//! they read from the environment, refuse what they refuse without repeating it, and are
//! written back redacted. Run with `cargo test --features serde --test serde`.
#![cfg(feature = "serde")]

use attached::{
    AmqpUrl, Brokers, DatabaseUrl, HttpUrl, MongoUrl, RedisUrl, S3Url, Secret, SmtpUrl,
};
use serde_json::json;

/// The text as a JSON string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// For each type and each valid text: read from JSON, it is what `FromStr` reads, and it
/// is written back as its `Display`, the redacted text. For each refused text: refused
/// from JSON too, with the reason `FromStr` gives, and without `secret` or the text.
macro_rules! reads_as_from_str {
    ($ty:ty, valid: [$($ok:literal),* $(,)?], refused: [$($bad:literal),* $(,)?]) => {{
        for text in [$($ok),*] {
            let from_json: $ty = serde_json::from_str(&quoted(text))
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            let from_str: $ty = text.parse().unwrap();
            assert_eq!(from_json, from_str, "{text}");
            assert_eq!(from_json.expose(), from_str.expose());
            let written = serde_json::to_string(&from_json).unwrap();
            assert_eq!(written, quoted(&from_str.to_string()), "{text}");
            assert!(!written.contains("hunter2"), "{written}");
        }
        for text in [$($bad),*] {
            let reason = text.parse::<$ty>().expect_err(text).to_string();
            let error = serde_json::from_str::<$ty>(&quoted(text))
                .expect_err(text)
                .to_string();
            assert!(error.contains(&reason), "{text}: {error} lacks {reason}");
            assert!(error.contains(<$ty as attached::Value>::EXPECTED), "{error}");
            assert!(!error.contains("S3cret") && !error.contains(text), "{error}");
        }
    }};
}

#[test]
fn every_service_type_reads_as_from_str() {
    reads_as_from_str!(
        DatabaseUrl,
        valid: [
            "postgres://app:hunter2@db:5432/billing?sslmode=require",
            "  mysql://app:hunter2@mysql/shop  ",
            "sqlite:///data/app.db",
        ],
        refused: ["postgres://app:Sup3r/S3cret@db/billing", "ftp://app:S3cret@db/x"]
    );
    reads_as_from_str!(
        RedisUrl,
        valid: ["redis://:hunter2@cache:6379/0", "rediss://cache"],
        refused: ["redis://:Sup3r?x=S3cret@cache", "http://:S3cret@cache"]
    );
    reads_as_from_str!(
        AmqpUrl,
        valid: ["amqp://app:hunter2@mq:5672/%2f", "amqps://mq/orders"],
        refused: ["amqp://app:Sup3r?S3cret@mq/vh", "mqtt://app:S3cret@mq"]
    );
    reads_as_from_str!(
        MongoUrl,
        valid: [
            "mongodb://app:hunter2@m1:27017,m2:27017/app?replicaSet=rs0",
            "mongodb+srv://app:hunter2@cluster.example.com/app",
        ],
        refused: ["mongodb://app:Sup3r?S3cret@m1/app", "mongo://app:S3cret@m1"]
    );
    reads_as_from_str!(
        SmtpUrl,
        valid: [
            "smtps://me%40example.com:hunter2@smtp.example.com",
            "smtp://relay:587?tls=required",
        ],
        refused: ["smtp://app:S3cret@relay?tls=none", "smtp://S3cret@relay"]
    );
    reads_as_from_str!(
        S3Url,
        valid: ["s3://invoices/2024/?region=eu-west-1"],
        refused: ["s3://app:S3cret@invoices/2024/", "s3://S3cret_Bucket"]
    );
    reads_as_from_str!(
        HttpUrl,
        valid: ["https://app:hunter2@api.example.com/v1?token=hunter2", "http://[::1]:8080/"],
        refused: ["https://u:Sup3r#S3cret@h/x", "ftp://S3cret@h/x"]
    );
    reads_as_from_str!(
        Brokers,
        valid: ["kafka1:9092, kafka2:9093", "[::1]:9092"],
        refused: ["kafka1:9092,S3cret", "kafka1:9092,,kafka2:9092"]
    );
}

#[test]
fn a_value_that_is_not_a_string_is_refused() {
    let error = serde_json::from_str::<DatabaseUrl>("5432").unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");
    assert!(serde_json::from_str::<Brokers>(r#"["kafka1:9092"]"#).is_err());
}

#[test]
fn a_redacted_text_reads_back_without_the_password() {
    let url: DatabaseUrl = "postgres://app:hunter2@db/billing".parse().unwrap();
    let written = serde_json::to_string(&url).unwrap();
    assert_eq!(written, r#""postgres://app:***@db/billing""#);
    // As documented: a round trip loses the password.
    let read: DatabaseUrl = serde_json::from_str(&written).unwrap();
    assert_eq!(read.password().unwrap().expose(), "***");
}

#[test]
fn secrets_read_as_their_inner_type() {
    let token: Secret<String> = serde_json::from_str(r#""sk_live_hunter2""#).unwrap();
    assert_eq!(token.expose(), "sk_live_hunter2");
    let pin: Secret<u16> = serde_json::from_str("1234").unwrap();
    assert_eq!(*pin.expose(), 1234);
    let url: Secret<DatabaseUrl> =
        serde_json::from_str(r#""postgres://app:hunter2@db/billing""#).unwrap();
    assert_eq!(url.expose().host(), Some("db"));
    let keys: Vec<Secret<String>> = serde_json::from_str(r#"["a1", "b2"]"#).unwrap();
    assert_eq!(keys[1].expose(), "b2");
    let none: Option<Secret<String>> = serde_json::from_str("null").unwrap();
    assert!(none.is_none());
}

#[test]
fn a_refused_secret_is_not_repeated() {
    for (json, ty) in [
        (r#""S3cretPin""#, "u16"),
        ("70000", "u16"),
        ("-1234", "u16"),
        ("true", "u16"),
    ] {
        let error = serde_json::from_str::<Secret<u16>>(json)
            .unwrap_err()
            .to_string();
        assert!(error.contains(&format!("`{ty}`")), "{error}");
        for part in ["S3cretPin", "70000", "1234", "true"] {
            assert!(!error.contains(part), "{part} in {error}");
        }
    }
    let error = serde_json::from_str::<Secret<String>>("987654")
        .unwrap_err()
        .to_string();
    assert!(!error.contains("987654"), "{error}");
    // A URL type's own error never has the text, and is not shown for a secret either.
    let error = serde_json::from_str::<Secret<DatabaseUrl>>(r#""postgres://u:Sup3r/S3cret@db/x""#)
        .unwrap_err()
        .to_string();
    assert!(
        !error.contains("S3cret") && error.contains("`DatabaseUrl`"),
        "{error}"
    );
}

#[test]
fn a_config_written_out_shows_no_secret() {
    let config = json!({
        "database": "postgres://app:hunter2@db/billing?sslpassword=hunter2".parse::<DatabaseUrl>().unwrap(),
        "cache": Some("redis://:hunter2@cache".parse::<RedisUrl>().unwrap()),
        "queue": "amqp://app:hunter2@mq/%2f".parse::<AmqpUrl>().unwrap(),
        "documents": "mongodb://app:hunter2@m1/app".parse::<MongoUrl>().unwrap(),
        "mail": "smtps://app:hunter2@smtp.example.com".parse::<SmtpUrl>().unwrap(),
        "hooks": ["https://hooks.example.com/x?token=hunter2".parse::<HttpUrl>().unwrap()],
        "stripe_key": Secret::new(String::from("hunter2")),
        "pin": Secret::new(4321_u16),
        "brokers": "kafka1:9092".parse::<Brokers>().unwrap(),
        "archive": "s3://invoices/2024/".parse::<S3Url>().unwrap(),
    });
    let written = serde_json::to_string_pretty(&config).unwrap();
    assert!(!written.contains("hunter2"), "{written}");
    assert!(!written.contains("4321"), "{written}");
    assert_eq!(config["stripe_key"], "***");
    assert_eq!(config["pin"], "***");
    assert_eq!(
        config["database"],
        "postgres://app:***@db/billing?sslpassword=***"
    );
    assert_eq!(config["brokers"], "kafka1:9092");
}
