//! Every service type, given connection strings that carry a credential in each place a
//! URL can carry one: whether the type accepts the string or refuses it, the credential
//! never appears in its `Debug`, `{:#?}`, `Display`, its error, or its warnings.

use attached::{AmqpUrl, Brokers, DatabaseUrl, HttpUrl, MongoUrl, RedisUrl, S3Url, SmtpUrl, Value};
use std::fmt::Debug;

/// The secret every string below carries, in some place.
const SECRET: &str = "Sup3rS3cretT0k3n";

/// Connection strings, each with `SECRET` where a credential goes (or where a mistake
/// puts one).
const STRINGS: &[&str] = &[
    // The password, plain, percent-encoded in part, cut by a raw delimiter.
    "{scheme}://app:Sup3rS3cretT0k3n@host/x",
    "{scheme}://app:Sup3rS3cretT0k3n%40@host/x",
    "{scheme}://app:Sup3rS3cretT0k3n@host:99999/x",
    "{scheme}://app:Sup3r?S3cretT0k3n@host/x",
    "{scheme}://app:Sup3rS3cretT0k3n?x=1@host/x",
    "{scheme}://app:/Sup3rS3cretT0k3n@host/x",
    "{scheme}://app:Sup3r#S3cretT0k3n@host/x",
    "{scheme}://app:Sup3r/S3cretT0k3n@host/x",
    "{scheme}://app:Sup3rS3cretT0k3n@ho@st/x",
    // A lone user name that is a token.
    "{scheme}://Sup3rS3cretT0k3n@host/x",
    // Credential parameters, and settings holding one.
    "{scheme}://host/x?password=Sup3rS3cretT0k3n",
    "{scheme}://host/x?pass=Sup3rS3cretT0k3n",
    "{scheme}://host/x?sig=Sup3rS3cretT0k3n",
    "{scheme}://host/x?a=1;password=Sup3rS3cretT0k3n",
    "{scheme}://host/x?options=-c%20password%3DSup3rS3cretT0k3n",
    "{scheme}://host/x;password=Sup3rS3cretT0k3n",
    // A credential parameter's value with a raw `&` or `#` in it: the rest is the
    // credential's too, as the masker reads it.
    "{scheme}://host/x?password=Pw1&Sup3rS3cretT0k3n",
    "{scheme}://host/x?password=Pw1&Sup3r&S3cretT0k3n&ssl=1",
    "{scheme}://host/x?password=Pw1#Sup3rS3cretT0k3n",
    // The fragment.
    "{scheme}://host/x#access_token=Sup3rS3cretT0k3n",
    "{scheme}://host/x#Sup3rS3cretT0k3n",
];

fn check<T: Value + Debug + std::fmt::Display>(scheme: &str) {
    for template in STRINGS {
        // In a SQLite URL, `#` is a character of the file name (as sqlx reads it), and a
        // file name is shown.
        if scheme == "sqlite" && template.ends_with("#Sup3rS3cretT0k3n") {
            continue;
        }
        let text = template.replace("{scheme}", scheme);
        let mut shown = Vec::new();
        match T::parse(&text) {
            Ok(value) => {
                shown.push(format!("{value:?}"));
                shown.push(format!("{value:#?}"));
                shown.push(value.to_string());
                value.warnings(&mut |warning| shown.push(warning));
            }
            Err(error) => shown.push(error.to_string()),
        }
        for output in shown {
            for piece in [SECRET, "S3cretT0k3n", "Sup3r"] {
                assert!(
                    !output.contains(piece),
                    "{scheme}: {text}\n  shows {piece} in: {output}"
                );
            }
        }
    }
}

#[test]
fn no_type_shows_a_credential_anywhere() {
    for scheme in ["postgres", "mysql", "mariadb", "sqlite"] {
        check::<DatabaseUrl>(scheme);
    }
    for scheme in ["redis", "rediss", "valkey", "unix"] {
        check::<RedisUrl>(scheme);
    }
    check::<AmqpUrl>("amqp");
    check::<MongoUrl>("mongodb");
    check::<SmtpUrl>("smtp");
    check::<SmtpUrl>("smtps");
    check::<HttpUrl>("https");
    check::<S3Url>("s3");
    check::<Brokers>("kafka");
}

/// Warnings name a parameter, never its value.
#[test]
fn warnings_name_parameters_not_values() {
    let url: DatabaseUrl = "postgres://h/db?pgbouncer=Sup3rS3cretT0k3n"
        .parse()
        .unwrap();
    let mut warnings = Vec::new();
    url.warnings(&mut |w| warnings.push(w));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("`pgbouncer`"));
    assert!(!warnings[0].contains("Sup3r"));
    // A parameter name that is itself a token is not repeated.
    let url: RedisUrl = "redis://h/0?Sup3rS3cretT0k3n".parse().unwrap();
    let mut warnings = Vec::new();
    url.warnings(&mut |w| warnings.push(w));
    assert_eq!(
        warnings,
        ["an unknown parameter (redis-rs ignores it)".to_owned()]
    );
}
