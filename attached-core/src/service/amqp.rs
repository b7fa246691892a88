//! `AmqpUrl`: AMQP 0-9-1 connection URLs (RabbitMQ), with RabbitMQ's virtual host rules.

use std::borrow::Cow;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::value::ValueError;

/// An AMQP 0-9-1 connection URL (RabbitMQ), checked when read, following the RabbitMQ URI
/// specification (<https://www.rabbitmq.com/docs/uri-spec>).
///
/// - `amqp://user:password@host:5672/vhost`, or `amqps://` for TLS (port 5671).
/// - The virtual host is the path, percent-decoded, and one segment: a `/` inside it is
///   written `%2F`. No path (`amqp://host`) means the default virtual host, `/`;
///   `amqp://host/%2F` names `/` explicitly, and `amqp://host/%2Fprod` names `/prod`.
/// - `amqp://host/` (a path of only `/`) is the default virtual host `/`, as pika and most
///   clients read it, and so is `amqp://host//`, Celery's and kombu's way of writing it.
///   The specification would read `amqp://host/` as the empty virtual host, which brokers
///   do not have by default and which no configuration means; it cannot be named here.
/// - A host is required: the specification lets it default to `localhost`, but a
///   configuration that names no broker is taken for a mistake here.
/// - [`user`](Self::user) and [`password`](Self::password) are `None` when not given;
///   clients then use RabbitMQ's `guest`, which works only from `localhost`.
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
};

impl AmqpUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let port = if scheme == "amqps" { 5671 } else { 5672 };
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            url.require_authority("amqp://user:password@host:5672/vhost")?;
            url.one_network_host("an AMQP URL")?;
            url.no_fragment("an AMQP URL")?;
            match url.path() {
                // No path, a lone `/` (pika, most clients) and `//` (Celery, kombu) all mean
                // the default virtual host `/`.
                "" | "/" | "//" => {}
                path if path[1..].contains('/') => {
                    return Err(ValueError::new(
                        "the virtual host is one path segment: write `/` inside it as %2F",
                    ));
                }
                _ => {}
            }
            url.hosts = url.uri_hosts(port);
            Ok(())
        })?;
        Ok(AmqpUrl { url })
    }

    fn redacted(&self) -> String {
        self.url.redacted(&[], false)
    }

    /// Whether the connection uses TLS (`amqps://`).
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "amqps"
    }

    /// The virtual host, percent-decoded: `/` when the URL has no path.
    pub fn vhost(&self) -> Cow<'_, str> {
        self.url.path_segment().unwrap_or(Cow::Borrowed("/"))
    }
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
            ("amqp://[::1]", "::1", 5672, "/"),
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
    fn vhost_rules() {
        assert_eq!(amqp("amqp://guest:guest@localhost:5672/").vhost(), "/");
        assert_eq!(amqp("amqp://guest:guest@localhost:5672//").vhost(), "/");
        assert!(reason("amqp://host/a/b").contains("one path segment"));
        assert!(reason("amqp://").contains("missing host"));
        assert!(reason("amqp:///vhost").contains("missing host"));
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
                "amqps://app:Sup3rS3cret@mq/pr/od?auth_token=T0k3nValue",
            ],
        );
    }
}
