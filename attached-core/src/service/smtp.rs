//! `SmtpUrl`: a mail relay, with its TLS mode explicit.

use std::fmt;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::value::ValueError;

/// How an [`SmtpUrl`] protects the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SmtpTls {
    /// TLS from the first byte ("implicit TLS", RFC 8314): `smtps://`, port 465.
    Implicit,
    /// Plain connection upgraded with `STARTTLS`, which must succeed: `smtp://`, port 587.
    StartTls,
    /// No encryption: `smtp://...?tls=none`, port 25. For a relay on the same host or
    /// network only; the password, if any, crosses the network in clear.
    None,
}

impl SmtpTls {
    /// The port used when none is given: 465, 587 or 25.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::Implicit => 465,
            SmtpTls::StartTls => 587,
            SmtpTls::None => 25,
        }
    }
}

/// `implicit`, `starttls` or `none`.
impl fmt::Display for SmtpTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SmtpTls::Implicit => "implicit",
            SmtpTls::StartTls => "starttls",
            SmtpTls::None => "none",
        })
    }
}

/// A mail relay (SMTP submission) URL, checked when read, with its TLS mode explicit.
///
/// - `smtps://user:password@host:465`: implicit TLS ([`SmtpTls::Implicit`]).
/// - `smtp://user:password@host:587`: `STARTTLS`, required ([`SmtpTls::StartTls`]). The
///   parameter `tls` says it again (`?tls=starttls`, or `?tls=required` as lettre writes
///   it) or turns encryption off (`?tls=none`: [`SmtpTls::None`]). `tls` is not accepted
///   on `smtps://`, which is always implicit TLS, and opportunistic `STARTTLS` (continue
///   in clear if the server does not offer it) is not offered at all.
/// - The port defaults by mode: 465 (implicit), 587 (`STARTTLS`), 25 (none).
/// - User names are often e-mail addresses: percent-encode their `@` as `%40`
///   (`smtp://me%40example.com:pw@smtp.example.com`); an unencoded `@` is also read (the
///   user information ends at the last `@`).
///
/// Note for lettre users: lettre reads `smtp://host` *without* `?tls=` as no encryption.
/// Write `?tls=required` (same meaning here and there), or build the transport from
/// [`host`](Self::host), [`port`](Self::port) and [`tls`](Self::tls).
///
/// ```
/// use attached::{SmtpTls, SmtpUrl};
/// let url: SmtpUrl = "smtp://me%40example.com:hunter2@smtp.example.com".parse()?;
/// assert_eq!((url.host(), url.port(), url.tls()), ("smtp.example.com", 587, SmtpTls::StartTls));
/// assert_eq!(url.user().as_deref(), Some("me@example.com"));
/// assert_eq!(url.to_string(), "smtp://me%40example.com:***@smtp.example.com");
/// let relay: SmtpUrl = "smtp://mailhog:1025?tls=none".parse()?;
/// assert_eq!(relay.tls(), SmtpTls::None);
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct SmtpUrl {
    url: Parsed,
    tls: SmtpTls,
}

service_type!(
    SmtpUrl,
    "an SMTP URL such as smtps://user:password@smtp.example.com:465"
);

authority_accessors!(
    SmtpUrl,
    hosts = "The one host, with its port (by TLS mode by default).",
    port = "The port, given or defaulted by TLS mode: 465, 587 or 25."
);

const SCHEMES: Schemes = Schemes {
    names: &["smtp", "smtps"],
    listed: "smtp:// or smtps://",
};

impl SmtpUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let mut tls = SmtpTls::Implicit;
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            url.require_authority("smtps://user:password@smtp.example.com:465")?;
            url.one_network_host("an SMTP URL")?;
            url.no_fragment("an SMTP URL")?;
            if !matches!(url.path(), "" | "/") {
                return Err(ValueError::new("an SMTP URL has no path"));
            }
            tls = match (scheme, url.param("tls").as_deref()) {
                ("smtps", None) => SmtpTls::Implicit,
                ("smtps", Some(_)) => {
                    return Err(ValueError::new(
                        "`tls` is only for smtp://: smtps:// is always implicit TLS",
                    ));
                }
                (_, None | Some("starttls" | "required")) => SmtpTls::StartTls,
                (_, Some("none")) => SmtpTls::None,
                (_, Some(_)) => {
                    return Err(ValueError::new(
                        "the `tls` parameter must be starttls (or required) or none; \
                         for implicit TLS write smtps://",
                    ));
                }
            };
            url.hosts = url.uri_hosts(tls.default_port());
            Ok(())
        })?;
        Ok(SmtpUrl { url, tls })
    }

    fn redacted(&self) -> String {
        self.url.redacted(&[], false)
    }

    /// The TLS mode.
    pub fn tls(&self) -> SmtpTls {
        self.tls
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;

    fn smtp(text: &str) -> SmtpUrl {
        SmtpUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        SmtpUrl::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn modes_and_ports() {
        let cases = [
            ("smtps://smtp.example.com", SmtpTls::Implicit, 465),
            ("smtp://smtp.example.com", SmtpTls::StartTls, 587),
            (
                "smtp://smtp.example.com?tls=required",
                SmtpTls::StartTls,
                587,
            ),
            (
                "smtp://smtp.example.com:2525/?tls=starttls",
                SmtpTls::StartTls,
                2525,
            ),
            ("smtp://mail?tls=none", SmtpTls::None, 25),
            ("smtps://u:p@[::1]:4650", SmtpTls::Implicit, 4650),
        ];
        for (text, tls, port) in cases {
            let url = smtp(text);
            assert_eq!((url.tls(), url.port()), (tls, port), "{text}");
            assert_eq!(url.expose(), text);
        }
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["submission://h", "smtp+tls://h", "mailto:me@example.com"] {
            assert_eq!(reason(text), "unsupported scheme; use smtp:// or smtps://");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(reason("smtps://h?tls=none").contains("only for smtp://"));
        assert!(reason("smtp://h?tls=opportunistic").contains("must be starttls"));
        assert!(reason("smtp://h/inbox").contains("no path"));
        assert!(reason("smtp://").contains("missing host"));
    }

    #[test]
    fn user_names_that_are_addresses() {
        let url = smtp("smtps://me%40example.com:pw@smtp.example.com");
        assert_eq!(url.user().as_deref(), Some("me@example.com"));
        let url = smtp("smtps://me@example.com:pw@smtp.example.com");
        assert_eq!(url.user().as_deref(), Some("me@example.com"));
        assert_eq!(url.host(), "smtp.example.com");
        assert_eq!(
            url.to_string(),
            "smtps://me@example.com:***@smtp.example.com"
        );
    }

    #[test]
    fn never_shows_a_secret() {
        never_shows(
            "smtps://apikey:Sup3rS3cret@smtp.sendgrid.net?token=T0k3nValue",
            SmtpUrl::expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "smtps://apikey:Sup3rS3cret@smtp.sendgrid.net:99999?token=T0k3nValue",
                "smtp-s://apikey:Sup3rS3cret@smtp.sendgrid.net?token=T0k3nValue",
                "smtp://apikey:Sup3rS3cret@smtp.sendgrid.net?tls=Sup3rS3cret",
            ],
        );
    }
}
