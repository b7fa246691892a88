//! Every service URL type, picked by the first byte: no panic; `Display` and `Debug` never
//! show the password or the value of a credential parameter; a value read prints back
//! (`render`) to text that reads to the same value; an error does not repeat the text.
#![no_main]

use attached::{
    AmqpUrl, Brokers, DatabaseUrl, HttpUrl, MongoUrl, RedisUrl, S3Url, SmtpUrl, Value,
    is_sensitive_param,
};
use attached_fuzz::url_password;
use libfuzzer_sys::fuzz_target;
use std::fmt::{Debug, Display};

/// The accessors the leak check needs, common to the URL types.
trait Url: Value + Display + Debug + PartialEq {
    fn password(&self) -> Option<String>;
    fn credential_params(&self) -> Vec<String>;
}

macro_rules! url {
    ($($t:ty),*) => {$(
        impl Url for $t {
            fn password(&self) -> Option<String> {
                <$t>::password(self).map(|p| p.expose().clone())
            }
            fn credential_params(&self) -> Vec<String> {
                self.query()
                    .filter(|(name, _)| is_sensitive_param(name))
                    .map(|(_, value)| value.into_owned())
                    .collect()
            }
        }
    )*};
}

url!(DatabaseUrl, RedisUrl, AmqpUrl, MongoUrl, SmtpUrl, HttpUrl);

/// Whether `secret` can only be in `output` by a leak: at least 6 characters, and found in
/// the input once (where the secret is).
fn leak_checkable(secret: &str, input: &str) -> bool {
    secret.chars().count() >= 6 && input.matches(secret).count() == 1
}

fn check_outputs(text: &str, outputs: &[String], secrets: &[String]) {
    for secret in secrets {
        if leak_checkable(secret, text) {
            for output in outputs {
                assert!(
                    !output.contains(secret.as_str()),
                    "{output:?} shows {secret:?}"
                );
            }
        }
    }
}

fn outputs<T: Display + Debug>(url: &T) -> Vec<String> {
    vec![url.to_string(), format!("{url:?}"), format!("{url:#?}")]
}

fn check<T: Url>(text: &str) {
    match T::parse(text) {
        Ok(url) => {
            let mut secrets: Vec<String> = url.password().into_iter().collect();
            secrets.extend(url.credential_params());
            secrets.extend(url_password(text.trim()).map(str::to_owned));
            check_outputs(text, &outputs(&url), &secrets);
            let again = T::parse(&url.render()).expect("a URL's text reads back");
            assert!(again == url, "{url:?} reads back as {again:?}");
            assert_eq!(again.to_string(), url.to_string());
        }
        Err(e) => no_echo(text, e.reason()),
    }
}

fn no_echo(text: &str, reason: &str) {
    let text = text.trim();
    if text.chars().count() >= 6 && text.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
        assert!(
            !reason.contains(text),
            "the error repeats the text: {reason}"
        );
    }
}

/// `S3Url` and `Brokers` have no password accessor: only the round trip, and the raw
/// password of a URL with one must not show.
fn check_plain<T: Value + Display + Debug + PartialEq>(text: &str) {
    match T::parse(text) {
        Ok(url) => {
            let secrets: Vec<String> = url_password(text.trim())
                .map(str::to_owned)
                .into_iter()
                .collect();
            check_outputs(text, &outputs(&url), &secrets);
            let again = T::parse(&url.render()).expect("a URL's text reads back");
            assert!(again == url, "{url:?} reads back as {again:?}");
        }
        Err(e) => no_echo(text, e.reason()),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    match pick % 8 {
        0 => check::<DatabaseUrl>(&text),
        1 => check::<RedisUrl>(&text),
        2 => check::<AmqpUrl>(&text),
        3 => check::<MongoUrl>(&text),
        4 => check::<SmtpUrl>(&text),
        5 => check::<HttpUrl>(&text),
        6 => check_plain::<S3Url>(&text),
        _ => check_plain::<Brokers>(&text),
    }
});
