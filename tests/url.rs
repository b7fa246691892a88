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

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct Links {
    link: Option<url::Url>,
}

/// `url::Url` reads some texts otherwise than the masker does: a `\` as a `/`, a tab or
/// newline as nothing, a `"` inside a query value as part of it. Every output hides what
/// its `Debug`, which masks the URL as read, hides.
#[test]
fn a_url_field_is_shown_as_read_when_the_text_would_show_more() {
    for (text, expected) in [
        (r"https:\\u:S3cr3tPw9x@h\x", "https://u:***@h/x"),
        (
            "https://h/cb?token=ab\"S3cr3tPw9x",
            "https://h/cb?token=***",
        ),
        ("https://h/cb?to\tken=S3cr3tPw9x", "https://h/cb?token=***"),
        (
            "https://h/cb#access_token=ab<S3cr3tPw9x",
            "https://h/cb#access_token=***",
        ),
    ] {
        let source = [("APP_LINK", text)];
        let loaded = Loader::new(&source).load::<Links>().unwrap();
        assert!(
            loaded
                .config
                .link
                .as_ref()
                .unwrap()
                .as_str()
                .contains("S3cr3tPw9x")
        );
        let summary = loaded.summary().to_string();
        let debug = format!("{:?}", loaded.config);
        let shown = loaded.variables[0].shown.clone().unwrap();
        for output in [&summary, &debug, &shown] {
            assert!(!output.contains("S3cr3tPw9x"), "{text:?}: {output}");
        }
        assert!(summary.contains(expected), "{text:?}: {summary}");
    }
    // A token cut by tabs and line breaks into pieces too short to compare one by one:
    // the URL drops them, and every output shows the URL as read.
    let source = [("APP_LINK", "https://h/cb?token=S3c\tr3t\nPw9\r\nx7q")];
    let loaded = Loader::new(&source).load::<Links>().unwrap();
    let summary = loaded.summary().to_string();
    let debug = format!("{:?}", loaded.config);
    for output in [&summary, &debug] {
        for piece in ["S3c", "r3t", "Pw9", "x7q"] {
            assert!(!output.contains(piece), "{piece}: {output}");
        }
    }
    assert!(summary.contains("https://h/cb?token=***"), "{summary}");

    // Shown as the URL read, as a service URL type shows itself.
    let source = [("APP_LINK", "HTTPS://u:pw@h")];
    let loaded = Loader::new(&source).load::<Links>().unwrap();
    assert!(loaded.summary().to_string().contains("https://u:***@h/"));
    assert_eq!(
        format!("{:?}", loaded.config),
        r#"Links { link: Some(Url("https://u:***@h/")) }"#
    );
}

/// A URL may carry credentials: deployment docs take it from a Secret, as a service URL
/// type, and an invalid text is not echoed.
#[test]
fn a_url_field_is_deployed_from_a_secret() {
    let manifest = attached::Docs::of::<Config>().kubernetes("app-secrets", "app-config");
    let entry = manifest
        .split("- name: ")
        .find(|entry| entry.starts_with("APP_CALLBACK_BASE"))
        .expect("the field's entry");
    assert!(entry.contains("secretKeyRef"), "{manifest}");
    let source = [("APP_CALLBACK_BASE", "h0ok S3cr3tPw9x")];
    let report = Config::from_source(&source).unwrap_err().to_string();
    assert!(!report.contains("S3cr3tPw9x"), "{report}");
}

#[derive(Attached)]
#[attached(prefix = "APP_")]
struct UrlLists {
    links: Option<Vec<url::Url>>,
}

/// The `url` crate keeps `"` and a space percent-encoded; what they hide in the text as
/// written is hidden in `Debug` too, and in the summary.
#[test]
fn a_url_field_hides_what_its_text_hides_once_decoded() {
    for text in [
        r#"https://h/?x={"password":"S3cr3tPw9x"}"#,
        "https://h/?x=--pass S3cr3tPw9x",
    ] {
        let source = [("APP_LINKS", text)];
        let loaded = Loader::new(&source).load::<UrlLists>().unwrap();
        assert_eq!(loaded.config.links.as_ref().map(Vec::len), Some(1));
        let debug = format!("{:?}", loaded.config);
        let summary = loaded.summary().to_string();
        for output in [&debug, &summary] {
            assert!(!output.contains("S3cr3tPw9x"), "{text}: {output}");
        }
        assert!(debug.contains("***"), "{debug}");
    }
}
