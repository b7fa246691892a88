//! `Loaded::attach` against the real servers: every service of a configuration reached
//! (TCP on 127.0.0.1 and Unix sockets), and a stopped one — a port where no server
//! listens — reported down as refused, in one report with no password in it.

mod common;

use attached::{AmqpUrl, Attach, Attached, DatabaseUrl, Loader, RedisUrl, ServiceStatus, SmtpUrl};
use common::{enc, get, port, pw};
use std::time::Duration;

#[derive(Attached)]
#[attached(prefix = "APP_")]
#[allow(dead_code)]
struct Config {
    pg: DatabaseUrl,
    pg_socket: DatabaseUrl,
    mysql: DatabaseUrl,
    redis: RedisUrl,
    redis_socket: RedisUrl,
    amqp: AmqpUrl,
    smtp: SmtpUrl,
    stopped: DatabaseUrl,
}

#[test]
fn every_real_server_is_up_and_a_stopped_one_is_down() {
    let source = [
        (
            "APP_PG",
            format!(
                "postgres://postgres:{}@127.0.0.1:{}/postgres",
                pw(),
                port("PG_A_PORT")
            ),
        ),
        (
            "APP_PG_SOCKET",
            format!(
                "postgres://postgres@{}:{}/postgres",
                enc(get("SOCKDIR")),
                port("PG_A_PORT")
            ),
        ),
        (
            "APP_MYSQL",
            format!("mysql://app:{}@127.0.0.1:{}/app", pw(), port("MYSQL_PORT")),
        ),
        (
            "APP_REDIS",
            format!("redis://:{}@127.0.0.1:{}/0", pw(), port("REDIS_PORT")),
        ),
        (
            "APP_REDIS_SOCKET",
            format!("redis+unix://{}", get("REDIS_SOCKET")),
        ),
        (
            "APP_AMQP",
            format!("amqp://app:{}@127.0.0.1:{}/%2F", pw(), port("AMQP_PORT")),
        ),
        (
            "APP_SMTP",
            format!("smtps://app:{}@127.0.0.1:{}", pw(), port("SMTPS_PORT")),
        ),
        (
            "APP_STOPPED",
            format!(
                "postgres://app:{}@127.0.0.1:{}/app",
                pw(),
                port("PG_DOWN_PORT")
            ),
        ),
    ];
    let source: Vec<(&str, &str)> = source.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let loaded = Loader::new(source.as_slice()).load::<Config>().unwrap();
    let report = loaded.attach(&Attach::new().deadline(Duration::from_secs(10)));
    let text = report.to_string();
    for state in report.services() {
        let want_up = state.variable() != "APP_STOPPED";
        assert_eq!(state.is_up(), want_up, "{text}");
    }
    let down: Vec<_> = report.failures().collect();
    assert_eq!(down.len(), 1, "{text}");
    assert_eq!(down[0].status(), &ServiceStatus::Down);
    assert!(down[0].to_string().contains("refused"), "{text}");
    let summary = loaded.summary().with_services(&report).to_string();
    let encoded = pw();
    for output in [&text, &summary, &format!("{report:?}")] {
        assert!(!output.contains(common::password()), "{output}");
        assert!(!output.contains(&encoded), "{output}");
    }
}
