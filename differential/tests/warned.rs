//! What the drivers do with the strings `attached` warns of, read by the drivers' own
//! parsers: each warning's claim about a driver is checked here.

use attached_core::{AmqpUrl, RedisUrl, Value};
use redis::IntoConnectionInfo;

fn warnings<T: Value>(text: &str) -> Vec<String> {
    let value = T::parse(text).expect("attached reads it");
    let mut all = Vec::new();
    value.warnings(&mut |w| all.push(w));
    all
}

/// An empty `user=` or `pass=` on a socket URL: redis-rs keeps it, and sends an empty
/// password with AUTH; `attached` reads none and warns.
#[test]
fn redis_rs_keeps_an_empty_user_and_password() {
    let text = "unix:///tmp/redis.sock?user=&pass=";
    let info = text.into_connection_info().unwrap();
    assert_eq!(info.redis.username.as_deref(), Some(""));
    assert_eq!(info.redis.password.as_deref(), Some(""));
    let url = RedisUrl::parse(text).unwrap();
    assert!(url.user().is_none() && url.password().is_none());
    let warned = warnings::<RedisUrl>(text);
    assert!(
        warned[0].starts_with("`user=` is empty: redis-rs sends it"),
        "{warned:?}"
    );
    assert!(
        warned[1].starts_with("`pass=` is empty: redis-rs sends it"),
        "{warned:?}"
    );
}

/// `auth_mechanism=anonymous`: amq-protocol-uri 9 (lapin 3, the version here) refuses the
/// URL; 10 (lapin 4) reads it. `attached` reads it and warns.
#[test]
fn lapin_3_refuses_an_anonymous_login() {
    let text = "amqp://mq.internal/prod?auth_mechanism=anonymous";
    let refused = text.parse::<amq_protocol_uri::AMQPUri>().unwrap_err();
    assert!(refused.to_lowercase().contains("anonymous"), "{refused}");
    let warned = warnings::<AmqpUrl>(text);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].contains("lapin 3 (amq-protocol-uri 9) refuses the URL"),
        "{warned:?}"
    );
}
