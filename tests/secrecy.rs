//! With the cargo feature `secrecy`: the `secrecy` crate's `SecretString` and
//! `SecretBox<T>` are read directly and are secret in every output, whichever parser
//! reads them. Run with `cargo test --features secrecy --test secrecy`.
#![cfg(feature = "secrecy")]
// The config is loaded and printed; its fields are read only where a test needs them.
#![allow(dead_code)]

use attached::{Attached, Docs, Loader};
use secrecy::{ExposeSecret, SecretBox, SecretString};

fn parse_pin(text: &str) -> Result<SecretBox<u32>, String> {
    text.parse()
        .map(|n| SecretBox::new(Box::new(n)))
        .map_err(|_| format!("{text} is not a PIN"))
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    /// Read as text.
    stripe: SecretString,
    /// Read as `u16`.
    port_code: SecretBox<u16>,
    /// Read by a function: still secret.
    #[attached(with = parse_pin)]
    pin: SecretBox<u32>,
}

#[test]
fn secrecy_types_are_read_and_never_shown() {
    let source = [
        ("APP_STRIPE", "sk_live_SECRECY1"),
        ("APP_PORT_CODE", "4242"),
        ("APP_PIN", "987654"),
    ];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(loaded.config.stripe.expose_secret(), "sk_live_SECRECY1");
    assert_eq!(*loaded.config.port_code.expose_secret(), 4242);
    assert_eq!(*loaded.config.pin.expose_secret(), 987654);
    assert!(
        loaded
            .variables
            .iter()
            .all(|v| v.secret && v.shown.as_deref() == Some("***"))
    );
    let docs = Docs::of::<Config>();
    let outputs = [
        format!("{:?}", loaded.config),
        format!("{:#?}", loaded.config),
        loaded.summary().to_string(),
        format!("{loaded:?}"),
        docs.markdown(),
        docs.kubernetes("s", "c"),
    ];
    for output in &outputs {
        for secret in ["SECRECY1", "4242", "987654"] {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    assert_eq!(docs.kubernetes("s", "c").matches("secretKeyRef").count(), 3);
    // An invalid value is not repeated, not even by the user's function.
    let report = Config::from_source(&[
        ("APP_STRIPE", "x"),
        ("APP_PORT_CODE", "SECRECY2"),
        ("APP_PIN", "SECRECY3"),
    ])
    .unwrap_err()
    .to_string();
    assert!(
        !report.contains("SECRECY2") && !report.contains("SECRECY3"),
        "{report}"
    );
}
