//! Kubernetes service links. Unless a pod spec sets `enableServiceLinks: false`, Kubernetes
//! sets, for every service in the pod's namespace, variables named after the service
//! (`orders`, or `orders-db` as `ORDERS_DB`):
//!
//! ```text
//! ORDERS_SERVICE_HOST=10.0.0.1          ORDERS_PORT=tcp://10.0.0.1:80
//! ORDERS_SERVICE_PORT=80                ORDERS_PORT_80_TCP=tcp://10.0.0.1:80
//! ORDERS_SERVICE_PORT_HTTP=80           ORDERS_PORT_80_TCP_PROTO=tcp
//!                                       ORDERS_PORT_80_TCP_PORT=80
//!                                       ORDERS_PORT_80_TCP_ADDR=10.0.0.1
//! ```
//!
//! A configuration whose prefix is a service's name (`ORDERS_`) finds them under its
//! prefix. They are not unknown variables, and a field that reads one by accident (a field
//! `port` under `ORDERS_`) is told where its value came from. A variable counts as a link
//! when its name has one of these forms *and* its value has the form Kubernetes gives it
//! (`tcp://...` for `ORDERS_PORT`): the value is looked at for its form only, and never
//! shown.

use std::net::IpAddr;

/// The form of value Kubernetes gives a link variable.
#[derive(Clone, Copy)]
enum Form {
    /// An IP address: `_SERVICE_HOST`, `_ADDR`.
    Address,
    /// A port number: `_SERVICE_PORT`, `_SERVICE_PORT_<NAME>`, `_PORT_<n>_<PROTO>_PORT`.
    Port,
    /// `tcp://10.0.0.1:80`: `_PORT`, `_PORT_<n>_<PROTO>`.
    Link,
    /// `tcp`, `udp` or `sctp`: `_PORT_<n>_<PROTO>_PROTO`.
    Protocol,
}

const PROTOCOLS: [&str; 3] = ["TCP", "UDP", "SCTP"];

/// The service a link variable's name is about (`ORDERS_DB` for `ORDERS_DB_PORT`), and
/// the form of its value; `None` for any other name.
fn parse(name: &str) -> Option<(&str, Form)> {
    if let Some(service) = name.strip_suffix("_SERVICE_HOST") {
        return Some((service, Form::Address));
    }
    if let Some(service) = name.strip_suffix("_SERVICE_PORT") {
        return Some((service, Form::Port));
    }
    if let Some((service, port_name)) = name.rsplit_once("_SERVICE_PORT_") {
        if !port_name.is_empty() {
            return Some((service, Form::Port));
        }
    }
    // `<SERVICE>_PORT_<n>_<PROTO>`, then maybe `_PROTO`, `_PORT` or `_ADDR`.
    let mut parts = [""; 5];
    let mut count = 0;
    for part in name.rsplitn(5, '_') {
        parts[count] = part;
        count += 1;
    }
    let parts = &parts[..count];
    let is_port_of = |number: &str, protocol: &str| {
        crate::value::is_digits(number) && PROTOCOLS.contains(&protocol)
    };
    // The name without its last `parts_used` parts and their `_`.
    let service_of = |parts_used: usize| {
        let mut suffix = 0;
        for part in &parts[..parts_used] {
            suffix += part.len() + 1;
        }
        name.get(..name.len().checked_sub(suffix)?)
    };
    if let [last, protocol, number, "PORT", _] = *parts {
        let form = match last {
            "PROTO" => Some(Form::Protocol),
            "PORT" => Some(Form::Port),
            "ADDR" => Some(Form::Address),
            _ => None,
        };
        if let Some(form) = form {
            if is_port_of(number, protocol) {
                return Some((service_of(4)?, form));
            }
        }
    }
    if let [protocol, number, "PORT", ..] = *parts {
        if is_port_of(number, protocol) {
            return Some((service_of(3)?, Form::Link));
        }
    }
    Some((name.strip_suffix("_PORT")?, Form::Link))
}

fn has_form(text: &str, form: Form) -> bool {
    let text = text.trim();
    match form {
        Form::Address => text.parse::<IpAddr>().is_ok(),
        // As a `u128`, as the crate parses every unsigned integer.
        Form::Port => matches!(text.parse::<u128>(), Ok(n) if n <= u128::from(u16::MAX)),
        Form::Link => {
            text.starts_with("tcp://") || text.starts_with("udp://") || text.starts_with("sctp://")
        }
        Form::Protocol => PROTOCOLS.contains(&&*text.to_ascii_uppercase()),
    }
}

/// The service whose link `name` is, when its value has the form Kubernetes gives it.
pub(crate) fn service(name: &str, text: &str) -> Option<String> {
    let (service, form) = parse(name)?;
    if service.is_empty() || !has_form(text, form) {
        return None;
    }
    // In lower case, `_` as `-`.
    let mut link = String::with_capacity(service.len());
    for c in service.chars() {
        link.push(if c == '_' {
            '-'
        } else {
            c.to_ascii_lowercase()
        });
    }
    Some(link)
}

/// What the problem of an invalid value adds when the value is a service link's.
pub(crate) fn hint(name: &str, text: &str) -> Option<String> {
    let service = service(name, text)?;
    Some(format!(
        "this looks like a variable that Kubernetes sets for the service `{service}`: set `enableServiceLinks: false` in the pod spec, or choose another prefix"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_of_a_service() {
        let links = [
            ("ORDERS_SERVICE_HOST", "10.0.0.1"),
            ("ORDERS_SERVICE_PORT", "80"),
            ("ORDERS_SERVICE_PORT_HTTP", "80"),
            ("ORDERS_PORT", "tcp://10.0.0.1:80"),
            ("ORDERS_PORT_80_TCP", "tcp://10.0.0.1:80"),
            ("ORDERS_PORT_80_TCP_PROTO", "tcp"),
            ("ORDERS_PORT_80_TCP_PORT", "80"),
            ("ORDERS_PORT_80_TCP_ADDR", "10.0.0.1"),
            ("ORDERS_PORT_53_UDP", "udp://10.0.0.1:53"),
        ];
        for (name, text) in links {
            assert_eq!(service(name, text).as_deref(), Some("orders"), "{name}");
        }
        assert_eq!(
            service("ORDERS_DB_PORT", "tcp://10.0.0.2:5432").as_deref(),
            Some("orders-db")
        );
    }

    #[test]
    fn other_names_and_values_are_not_links() {
        assert_eq!(service("ORDERS_PORT", "8080"), None);
        assert_eq!(service("ORDERS_SERVICE_HOST", "orders.local"), None);
        assert_eq!(service("ORDERS_PORT_80_TCP_ADDR", "x"), None);
        assert_eq!(service("ORDERS_LISTEN", "tcp://10.0.0.1:80"), None);
        assert_eq!(service("_PORT", "tcp://10.0.0.1:80"), None);
        assert_eq!(service("PORT_80_TCP", "tcp://10.0.0.1:80"), None);
    }
}
