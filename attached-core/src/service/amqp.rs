//! `AmqpUrl`: AMQP 0-9-1 connection URLs (RabbitMQ), read as lapin reads them (its URI
//! parser, amq-protocol-uri), which follows the RabbitMQ URI specification.
//!
//! Schemes: `amqp://` (port 5672) and `amqps://` (TLS, port 5671). The virtual host is
//! the path without its first `/`, percent-decoded: no path is the default `/`,
//! `amqp://host/` the empty virtual host, `amqp://host/%2F` and `amqp://host//` name `/`.
//! User and password default to `guest`. Parameters: `heartbeat`, `channel_max`,
//! `frame_max`, `connection_timeout`, `auth_mechanism`; the specification's TLS options
//! and any other are warnings (lapin ignores them).
//!
//! Checked against amq-protocol-uri 9 and 10 (`AMQPUri: FromStr`), which read a URL alike
//! but for `auth_mechanism=anonymous`: 10 (lapin 4) reads it, 9 (lapin 3) refuses it, a
//! warning here. Known differences: an IPv6
//! address is refused (lapin reads it as `localhost`), and so is a URL without a host
//! (lapin would connect to `localhost`).

use std::borrow::Cow;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::text::{AsciiSearch, eq_ignore_case};
use crate::value::ValueError;

/// An AMQP 0-9-1 connection URL (RabbitMQ), checked when read and read as lapin reads it
/// (amq-protocol-uri), after the RabbitMQ URI specification
/// (<https://www.rabbitmq.com/docs/uri-spec>).
///
/// - `amqp://user:password@host:5672/vhost`, or `amqps://` for TLS (port 5671).
/// - The virtual host is the path without its first `/`, percent-decoded:
///   `amqp://host` (no path) is the default virtual host `/`, and so are
///   `amqp://host/%2F` and `amqp://host//` (Celery's way of writing it);
///   `amqp://host//prod` and `amqp://host/%2Fprod` name `/prod`. `amqp://host/` is the
///   **empty** virtual host, as the specification and lapin read it: a warning, since
///   it is rarely meant.
/// - Parameters lapin reads: `heartbeat` and `channel_max` (0 to 65535), `frame_max`
///   (0 to 2³²−1), `connection_timeout` (milliseconds), `auth_mechanism` (`plain`,
///   `amqplain`, `external`, `anonymous`, `rabbit-cr-demo`); a value it cannot read is
///   refused. Other parameters are warnings: lapin ignores them.
/// - [`user`](Self::user) and [`password`](Self::password) are `None` when not given;
///   lapin then uses `guest` for each, which RabbitMQ accepts only from `localhost`.
///
/// Refused: an IPv6 address (amq-protocol-uri reads only host names and IPv4 addresses;
/// it would connect to `localhost` instead), and a URL without a host (the specification
/// defaults it to `localhost`; a configuration that names no broker is taken for a
/// mistake).
///
/// ```
/// use attached::AmqpUrl;
/// let url: AmqpUrl = "amqps://app:hunter2@mq.example.com/%2Fbilling?heartbeat=30".parse()?;
/// assert_eq!((url.host(), url.port()), ("mq.example.com", 5671));
/// assert_eq!(url.vhost(), "/billing");
/// assert_eq!(url.param("heartbeat").as_deref(), Some("30"));
/// assert_eq!(url.to_string(), "amqps://app:***@mq.example.com/%2Fbilling?heartbeat=30");
/// let default: AmqpUrl = "amqp://rabbitmq".parse()?;
/// assert_eq!(default.vhost(), "/");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct AmqpUrl {
    url: Parsed,
}

service_type!(
    AmqpUrl,
    "an AMQP URL such as amqp://user:password@host:5672/vhost"
);

authority_accessors!(
    AmqpUrl,
    hosts = "The one host, with its port (5672, or 5671 for `amqps://`, by default).",
    port = "The port, given or defaulted: 5672, or 5671 for `amqps://`."
);

const SCHEMES: Schemes = Schemes {
    names: &["amqp", "amqps"],
    listed: "amqp:// or amqps://",
    any_case: true,
};

/// The parameters lapin reads.
const LAPIN_PARAMS: &[&str] = &[
    "heartbeat",
    "channel_max",
    "frame_max",
    "connection_timeout",
    "auth_mechanism",
];

const MECHANISMS: [&str; 5] = [
    "plain",
    "amqplain",
    "external",
    "anonymous",
    "rabbit-cr-demo",
];

impl AmqpUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let port = if scheme == "amqps" { 5671 } else { 5672 };
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            // amq-protocol-uri reads the query with the `url` crate's `query_pairs`.
            url.plus_is_space = true;
            url.require_authority("amqp://user:password@host:5672/vhost")?;
            url.one_network_host("an AMQP URL")?;
            url.no_fragment("an AMQP URL")?;
            if url.raw(url.uri.hosts[0].name).has_byte(b':') {
                return Err(ValueError::new(
                    "an IPv6 address as the host of an AMQP URL: lapin's URI parser reads it \
                     as localhost; use a host name or an IPv4 address",
                ));
            }
            check_params(url)?;
            url.hosts = url.uri_hosts(port);
            Ok(())
        })?;
        Ok(AmqpUrl { url })
    }

    fn redacted(&self) -> String {
        self.url.redacted(false)
    }

    /// Parameters lapin ignores, and an empty virtual host.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        self.url
            .unknown_params(LAPIN_PARAMS, "lapin ignores it", warn);
        if self.url.path() == "/" {
            warn(
                "the virtual host is empty (a lone `/` after the host); for the default \
                 virtual host leave the path out or write /%2F"
                    .to_owned(),
            );
        }
        // An empty password (`user:@host`): the `url` crate reads none, and lapin then
        // sends its default, `guest`.
        let empty_password = self
            .url
            .uri
            .password
            .is_some_and(|password| self.url.raw(password).is_empty());
        if empty_password && self.url.user().is_some_and(|user| user != "guest") {
            warn(
                "an empty password after `:`: lapin sends `guest` in its place (it cannot \
                 send an empty password)"
                    .to_owned(),
            );
        }
        if self
            .url
            .param("auth_mechanism")
            .is_some_and(|m| eq_ignore_case(&m, "anonymous"))
        {
            warn(
                "`auth_mechanism=anonymous`: lapin 4 logs in anonymously, lapin 3 \
                 (amq-protocol-uri 9) refuses the URL"
                    .to_owned(),
            );
        }
    }

    /// Whether the connection uses TLS (`amqps://`).
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "amqps"
    }

    /// The virtual host, percent-decoded: the path without its first `/`; `/` when the
    /// URL has no path, empty for `amqp://host/`.
    pub fn vhost(&self) -> Cow<'_, str> {
        match self.url.path() {
            "" => Cow::Borrowed("/"),
            path => uri::decode(&path[1..]),
        }
    }
}

/// The values of the parameters lapin reads, which it refuses when it cannot read them.
fn check_params(url: &Parsed) -> Result<(), ValueError> {
    let number = |name: &str, max: u64| -> Result<(), ValueError> {
        match url.param(name) {
            // As a `u128`, as the crate parses every unsigned integer: a number beyond
            // `u64` is beyond `max` too.
            Some(value) if value.parse::<u128>().map_or(true, |n| n > u128::from(max)) => {
                Err(ValueError::new(format!(
                    "the `{name}` parameter must be a whole number from 0 to {max}"
                )))
            }
            _ => Ok(()),
        }
    };
    number("heartbeat", u16::MAX.into())?;
    number("channel_max", u16::MAX.into())?;
    number("frame_max", u32::MAX.into())?;
    number("connection_timeout", u64::MAX)?;
    if let Some(mechanism) = url.param("auth_mechanism") {
        if !MECHANISMS.contains(&mechanism.to_lowercase().as_str()) {
            return Err(ValueError::new(
                "the `auth_mechanism` parameter must be plain, amqplain, external, anonymous \
                 or rabbit-cr-demo",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;

    fn amqp(text: &str) -> AmqpUrl {
        AmqpUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        AmqpUrl::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn accepts_the_documented_forms() {
        // The examples of the RabbitMQ URI specification that name a host.
        let cases = [
            ("amqp://user:pass@host:10000/vhost", "host", 10000, "vhost"),
            (
                "amqp://user%61:%61pass@ho%61st:10000/v%2fhost",
                "hoast",
                10000,
                "v/host",
            ),
            ("amqp://host", "host", 5672, "/"),
            ("amqp://host/%2f", "host", 5672, "/"),
            ("amqp://127.0.0.1", "127.0.0.1", 5672, "/"),
            ("amqps://rabbitmq/%2Fprod", "rabbitmq", 5671, "/prod"),
        ];
        for (text, host, port, vhost) in cases {
            let url = amqp(text);
            assert_eq!(
                (url.host(), url.port(), &*url.vhost()),
                (host, port, vhost),
                "{text}"
            );
            assert_eq!(url.expose(), text);
        }
        let url = amqp("amqp://user%61:%61pass@host");
        assert_eq!(url.user().as_deref(), Some("usera"));
        assert_eq!(url.password().unwrap().expose(), "apass");
        assert!(amqp("amqps://h").is_tls());
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["amqp1://h", "rabbitmq://h", "redis://h"] {
            assert_eq!(reason(text), "unsupported scheme; use amqp:// or amqps://");
        }
    }

    #[test]
    fn vhost_rules_as_lapin() {
        let cases = [
            ("amqp://guest:guest@localhost:5672", "/"),
            ("amqp://guest:guest@localhost:5672/", ""),
            ("amqp://guest:guest@localhost:5672//", "/"),
            ("amqp://h//prod", "/prod"),
            ("amqp://h/%2Fprod", "/prod"),
            ("amqp://h/a/b", "a/b"),
        ];
        for (text, vhost) in cases {
            assert_eq!(amqp(text).vhost(), vhost, "{text}");
        }
        assert!(reason("amqp://").contains("missing host"));
        assert!(reason("amqp:///vhost").contains("missing host"));
    }

    #[test]
    fn ipv6_is_refused_with_the_reason() {
        for text in ["amqp://[::1]", "amqps://u:pw@[2001:db8::1]:5671/v"] {
            assert!(reason(text).contains("reads it as localhost"), "{text}");
        }
    }

    #[test]
    fn parameters_as_lapin_reads_them() {
        assert!(
            amqp("amqp://h?heartbeat=30&channel_max=100&frame_max=131072&auth_mechanism=EXTERNAL")
                .param("heartbeat")
                .is_some()
        );
        assert!(reason("amqp://h?heartbeat=x").contains("`heartbeat`"));
        assert!(reason("amqp://h?channel_max=70000").contains("`channel_max`"));
        assert!(reason("amqp://h?auth_mechanism=gssapi").contains("`auth_mechanism`"));
        let warnings = |text: &str| {
            let mut all = Vec::new();
            amqp(text).param_warnings(&mut |w| all.push(w));
            all
        };
        assert_eq!(
            warnings("amqp://h/v?hearbeat=30"),
            ["unknown parameter `hearbeat`; did you mean `heartbeat`? (lapin ignores it)"]
        );
        assert!(warnings("amqp://h/")[0].contains("virtual host is empty"));
        assert!(warnings("amqp://h?heartbeat=10").is_empty());
        assert_eq!(
            warnings("amqp://h/v?auth_mechanism=ANONYMOUS"),
            [
                "`auth_mechanism=anonymous`: lapin 4 logs in anonymously, lapin 3 \
              (amq-protocol-uri 9) refuses the URL"
            ]
        );
        assert!(warnings("amqp://h/v?auth_mechanism=plain").is_empty());
        // An empty password is sent as `guest`.
        assert!(warnings("amqp://app:@h/v")[0].contains("lapin sends `guest` in its place"));
        assert!(warnings("amqp://guest:@localhost/v").is_empty());
        assert!(warnings("amqp://app@h/v").is_empty());
    }

    #[test]
    fn never_shows_a_secret() {
        never_shows(
            "amqps://app:Sup3rS3cret@mq/prod?auth_token=T0k3nValue",
            AmqpUrl::expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "amqps://app:Sup3rS3cret@mq:99999/prod?auth_token=T0k3nValue",
                "amqqp://app:Sup3rS3cret@mq/prod?auth_token=T0k3nValue",
                "amqps://app:Sup3rS3cret@[::1]/prod?auth_token=T0k3nValue",
                "amqps://app:Sup3r?S3cret@mq/prod",
                "amqps://app:/Sup3rS3cret@mq/prod",
            ],
        );
    }
}
