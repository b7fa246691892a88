//! With the cargo feature `url`: `url::Url` as a field type, shown with its password
//! masked like any other value, and an `HttpUrl` converted to it. Run by
//! `cargo test --workspace --all-features`.
#![cfg(feature = "url")]

use attached::url;
use attached::{Attached, HttpUrl, Loader};

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Config {
    callback_base: url::Url,
}

#[test]
fn a_url_field_reads_and_never_shows_its_password() {
    let source = [(
        "APP_CALLBACK_BASE",
        "https://hook:HookPassw0rd@hooks.example/v1",
    )];
    let loaded = Loader::new(&source).load::<Config>().unwrap();
    assert_eq!(
        loaded.config.callback_base.host_str(),
        Some("hooks.example")
    );
    assert_eq!(loaded.config.callback_base.password(), Some("HookPassw0rd"));
    for output in [format!("{:?}", loaded.config), loaded.summary().to_string()] {
        assert!(!output.contains("HookPassw0rd"), "{output}");
        assert!(
            output.contains("https://hook:***@hooks.example/v1"),
            "{output}"
        );
    }
    let refused = Config::from_source(&[("APP_CALLBACK_BASE", "not a url")]).unwrap_err();
    assert!(
        refused.to_string().contains("expected an absolute URL"),
        "{refused}"
    );
}

#[test]
fn an_http_url_converts_to_url() {
    let http: HttpUrl = "https://api.example:8443/v2?x=1".parse().unwrap();
    let url = url::Url::try_from(&http).unwrap();
    assert_eq!(url.port(), Some(8443));
    assert_eq!(url.path(), "/v2");
}
