//! `Brokers`: a comma-separated list of `host:port`, as Kafka's `bootstrap.servers`.
//!
//! No scheme, no default port, no parameters and no credentials: each entry is a host
//! name, an IPv4 address or a bracketed IPv6 address, and its port. Read as Kafka's
//! clients read `bootstrap.servers` (spaces around entries ignored, an entry without a
//! port refused).

use crate::service::uri::{self, Parsed, Span, decode};
use crate::service::{Host, service_type};
use crate::text::AsciiSearch;
use crate::value::ValueError;

/// A comma-separated list of brokers, each `host:port`, as Kafka's `bootstrap.servers`
/// (`kafka1:9092,kafka2:9092`) and other clustered services take them.
///
/// - Every broker must have its port: there is no default, since the list is read by
///   clients of several services (Kafka's 9092, NATS' 4222, ...) and Kafka's own Java
///   client refuses a broker without one.
/// - A host is a name, an IPv4 address or a bracketed IPv6 address (`[::1]:9092`).
/// - Spaces around each broker are ignored; an empty entry (`a:1,,b:2` or a trailing
///   comma) is an error.
///
/// The list holds no credentials, so `Debug` and `Display` show it whole.
///
/// ```
/// use attached::Brokers;
/// let brokers: Brokers = "kafka1:9092, kafka2:9093".parse()?;
/// let hosts: Vec<String> = brokers.hosts().iter().map(|h| h.to_string()).collect();
/// assert_eq!(hosts, ["kafka1:9092", "kafka2:9093"]);
/// assert_eq!(brokers.expose(), "kafka1:9092, kafka2:9093");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct Brokers {
    url: Parsed,
}

service_type!(
    list Brokers,
    "a comma-separated list of brokers such as kafka1:9092,kafka2:9092",
    false
);

impl Brokers {
    /// A list has no parameters to check.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        let _ = warn;
    }

    fn from_text(text: &str) -> Result<Self, ValueError> {
        if crate::text::has_control(text) {
            return Err(ValueError::new(
                "contains a control character such as a line break or a tab",
            ));
        }
        let mut hosts = Vec::new();
        let mut start = 0;
        for (n, entry) in text.split(',').enumerate() {
            let lead = entry.len() - entry.trim_start().len();
            let span = Span::new(start + lead, start + lead + entry.trim().len());
            start += entry.len() + 1;
            let number = n + 1;
            if let Some(other) = other_separator(entry) {
                return Err(ValueError::new(format!(
                    "broker {number} holds two brokers separated by {other}: brokers are separated by `,`, as in kafka1:9092,kafka2:9092"
                )));
            }
            if crate::text::contains(entry, "://") {
                return Err(ValueError::new(format!(
                    "broker {number} has a scheme: write host:port, as in kafka:9092"
                )));
            }
            let host = uri::host_entry(text, span)
                .map_err(|e| ValueError::new(format!("broker {number}: {}", e.reason())))?;
            if host.socket {
                return Err(ValueError::new(format!(
                    "broker {number} is a socket path: write host:port, as in kafka:9092"
                )));
            }
            let Some(port) = host.port else {
                return Err(ValueError::new(format!(
                    "broker {number} has no port: write host:port, as in kafka:9092"
                )));
            };
            hosts.push(Host::new(
                decode(host.name.of(text)).into_owned(),
                port,
                false,
            ));
        }
        let mut url = Parsed::checked(text, uri::Uri::default(), |_| Ok(()))?;
        url.hosts = hosts;
        Ok(Brokers { url })
    }

    fn redacted(&self) -> String {
        self.url.text.clone()
    }

    /// Every broker with its port, in order.
    pub fn hosts(&self) -> &[Host] {
        &self.url.hosts
    }
}

/// The separator of a list written with something other than `,` between its brokers
/// (`k1:9092;k2:9092`, `k1:9092 k2:9092`), as the message names it: each part must look
/// like a broker, so that a host name with a space in it is not taken for a list.
fn other_separator(entry: &str) -> Option<&'static str> {
    let entry = crate::text::trim(entry);
    let looks_like_list =
        |parts: &mut dyn Iterator<Item = &str>| parts.filter(|p| p.has_byte(b':')).count() >= 2;
    if looks_like_list(&mut entry.split(';')) {
        Some("`;`")
    } else if looks_like_list(&mut entry.split_whitespace()) {
        Some("spaces")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn reason(text: &str) -> String {
        Brokers::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn reads_lists() {
        let brokers = Brokers::parse(" k1:9092,[::1]:9093 , 10.0.0.5:9094 ").unwrap();
        let hosts: Vec<_> = brokers
            .hosts()
            .iter()
            .map(|h| (h.name(), h.port()))
            .collect();
        assert_eq!(hosts, [("k1", 9092), ("::1", 9093), ("10.0.0.5", 9094)]);
        assert_eq!(brokers.expose(), "k1:9092,[::1]:9093 , 10.0.0.5:9094");
        assert_eq!(
            format!("{brokers:?}"),
            "Brokers(\"k1:9092,[::1]:9093 , 10.0.0.5:9094\")"
        );
        assert_eq!(Brokers::parse("kafka:9092").unwrap().hosts().len(), 1);
    }

    #[test]
    fn errors_say_which_broker() {
        let cases = [
            ("", "broker 1: a host is missing"),
            ("k1:9092,k2", "broker 2 has no port"),
            ("k1:9092,,k2:1", "broker 2: a host is missing"),
            ("k1:9092,", "broker 2: a host is missing"),
            ("k1:99999", "broker 1: a port is out of range"),
            ("PLAINTEXT://k1:9092", "broker 1 has a scheme"),
            ("%2Ftmp%2Fk.sock:1", "broker 1 is a socket path"),
            ("k 1:9092", "broker 1: a host name has a character"),
            (
                "k1:9092;k2:9092",
                "broker 1 holds two brokers separated by `;`: brokers are separated by `,`",
            ),
            (
                "k0:1,k1:9092; k2:9092",
                "broker 2 holds two brokers separated by `;`",
            ),
            (
                "k1:9092 k2:9092",
                "broker 1 holds two brokers separated by spaces",
            ),
        ];
        for (text, want) in cases {
            assert!(reason(text).starts_with(want), "{text}: {}", reason(text));
        }
        // No part of the text is repeated: a list pasted into the wrong variable may hold
        // a secret.
        assert!(!reason("k1:9092,Sup3rS3cret").contains("Sup3rS3cret"));
        assert!(!reason("Sup3rS3cret:x").contains("Sup3rS3cret"));
    }
}
