//! `SmtpUrl`: a mail relay, read as lettre's `SmtpTransport::from_url` reads it, with its
//! TLS mode explicit.
//!
//! Schemes: `smtps://` (implicit TLS, port 465) and `smtp://`, whose encryption is the
//! `tls` parameter: none without it (port 25), `tls=required` (`STARTTLS` that must
//! succeed, port 587) or `tls=opportunistic` (`STARTTLS` if offered, port 587). The path,
//! without its slashes, is the name sent in `EHLO`. User name and password are
//! percent-decoded and sent only when a password is given. lettre reads no other
//! parameter: others are warnings.
//!
//! Checked against the source of lettre 0.11 (`transport/smtp/connection_url.rs`). Known
//! differences, each refused with the reason: a user name without a password (lettre
//! would send no credentials at all), an IPv6 address (lettre hands it to the resolver
//! with its brackets), a percent-encoded host (lettre does not decode it), an empty
//! `EHLO` name (`smtp://host//`), and `tls=none` or `tls=starttls` (lettre refuses them).

use std::fmt;

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::text::AsciiSearch;
use crate::value::ValueError;

/// How an [`SmtpUrl`] protects the connection, as lettre's `Tls` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SmtpTls {
    /// TLS from the first byte ("implicit TLS", RFC 8314; lettre's `Tls::Wrapper`):
    /// `smtps://`, port 465.
    Implicit,
    /// Plain connection upgraded with `STARTTLS`, which must succeed (lettre's
    /// `Tls::Required`): `smtp://...?tls=required`, port 587.
    StartTls,
    /// `STARTTLS` if the server offers it, else the connection stays in clear (lettre's
    /// `Tls::Opportunistic`): `smtp://...?tls=opportunistic`, port 587.
    Opportunistic,
    /// No encryption (lettre's `Tls::None`): `smtp://` without `tls`, port 25. For a relay
    /// on the same host or network only; a password crosses the network in clear.
    None,
}

impl SmtpTls {
    /// The port used when none is given: 465, 587 or 25.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::Implicit => 465,
            SmtpTls::StartTls | SmtpTls::Opportunistic => 587,
            SmtpTls::None => 25,
        }
    }
}

/// `implicit`, `starttls`, `opportunistic` or `none`.
impl fmt::Display for SmtpTls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SmtpTls::Implicit => "implicit",
            SmtpTls::StartTls => "starttls",
            SmtpTls::Opportunistic => "opportunistic",
            SmtpTls::None => "none",
        })
    }
}

/// A mail relay (SMTP) URL, checked when read and read as lettre reads it
/// (`SmtpTransport::from_url`), with its TLS mode explicit.
///
/// - `smtps://user:password@host:465`: implicit TLS ([`SmtpTls::Implicit`]). A `tls`
///   parameter after `smtps://` changes nothing (lettre ignores it) and is a warning.
/// - `smtp://user:password@host:587?tls=required`: `STARTTLS`, required
///   ([`SmtpTls::StartTls`]); `?tls=opportunistic`: `STARTTLS` if the server offers it
///   ([`SmtpTls::Opportunistic`]).
/// - `smtp://host` **without** `tls`: no encryption at all, port 25 ([`SmtpTls::None`]),
///   as lettre reads it. A password over it is a warning.
/// - The port defaults by mode: 465, 587, or 25.
/// - A path is the name sent in `EHLO`, without its slashes, as written:
///   `smtps://smtp.example.com/mail.example.org` ([`hello_name`](Self::hello_name)).
/// - User name and password are percent-decoded, and sent only when a password is given.
///   User names are often e-mail addresses: write their `@` as `%40`
///   (`smtps://me%40example.com:pw@smtp.example.com`); an unencoded `@` is read too (the
///   user information ends at the last `@`, as in lettre).
///
/// Refused, each because lettre would read it otherwise than written: `tls=none` and
/// `tls=starttls` (lettre refuses them: leave `tls` out for no encryption, write
/// `tls=required` for `STARTTLS`), a user name without a password (lettre would log in
/// with nothing), an IPv6 address (lettre hands it to the resolver in its brackets), a
/// percent-encoded host, and an empty `EHLO` name. lettre needs one of its TLS features
/// for any mode but none.
///
/// ```
/// use attached::{SmtpTls, SmtpUrl};
/// let url: SmtpUrl = "smtps://me%40example.com:hunter2@smtp.example.com".parse()?;
/// assert_eq!((url.host(), url.port(), url.tls()), ("smtp.example.com", 465, SmtpTls::Implicit));
/// assert_eq!(url.user().as_deref(), Some("me@example.com"));
/// assert_eq!(url.to_string(), "smtps://me%40example.com:***@smtp.example.com");
/// let submission: SmtpUrl = "smtp://smtp.example.com?tls=required".parse()?;
/// assert_eq!((submission.port(), submission.tls()), (587, SmtpTls::StartTls));
/// let relay: SmtpUrl = "smtp://mailhog:1025".parse()?;
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
    any_case: true,
};

impl SmtpUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let mut tls = SmtpTls::Implicit;
        let url = Parsed::checked(text, Uri::parse(text, colon, true)?, |url| {
            // lettre reads the query with the `url` crate's `query_pairs`.
            url.plus_is_space = true;
            url.require_authority("smtps://user:password@smtp.example.com:465")?;
            url.one_network_host("an SMTP URL")?;
            url.no_fragment("an SMTP URL")?;
            let host = url.uri.hosts[0];
            if url.raw(host.name).has_byte(b':') {
                return Err(ValueError::new(
                    "an IPv6 address as the host of an SMTP URL: lettre hands it to the \
                     resolver in its brackets, which cannot read it; use a host name",
                ));
            }
            if url.raw(host.name).has_byte(b'%') {
                return Err(ValueError::new(
                    "a percent-encoded host: lettre does not decode it; write the host as is",
                ));
            }
            if url.path().len() > 1 && url.path().trim_matches('/').is_empty() {
                return Err(ValueError::new(
                    "the path (the name sent in EHLO) is empty: remove the slashes",
                ));
            }
            if url.uri.user.is_some_and(|user| !user.is_empty()) && url.password().is_none() {
                return Err(ValueError::new(
                    "a user name without a password: lettre then logs in with neither; \
                     give both, or neither",
                ));
            }
            tls = match (scheme, url.param("tls").as_deref()) {
                ("smtps", _) => SmtpTls::Implicit,
                (_, None) => SmtpTls::None,
                (_, Some("required")) => SmtpTls::StartTls,
                (_, Some("opportunistic")) => SmtpTls::Opportunistic,
                (_, Some("none")) => {
                    return Err(ValueError::new(
                        "`tls=none`: lettre refuses it; smtp:// without `tls` is already \
                         unencrypted, so leave it out",
                    ));
                }
                (_, Some("starttls")) => {
                    return Err(ValueError::new(
                        "`tls=starttls`: lettre refuses it; write tls=required",
                    ));
                }
                (_, Some(_)) => {
                    return Err(ValueError::new(
                        "the `tls` parameter must be required or opportunistic (leave it out \
                         for no encryption; for implicit TLS write smtps://)",
                    ));
                }
            };
            url.hosts = url.uri_hosts(tls.default_port());
            Ok(())
        })?;
        Ok(SmtpUrl { url, tls })
    }

    fn redacted(&self) -> String {
        self.url.redacted(false)
    }

    /// Parameters lettre ignores, and credentials it would send in clear.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        self.url.unknown_params(&["tls"], "lettre ignores it", warn);
        if self.tls == SmtpTls::Implicit && self.url.param("tls").is_some() {
            warn("`tls` is ignored after smtps://, which is always implicit TLS".to_owned());
        }
        // The well-known ports of the other mode: the server waits for what lettre does
        // not send, and the first message fails (SendGrid, Office 365 and the like serve
        // implicit TLS on 465 and STARTTLS on 587).
        match (self.tls, self.port()) {
            (SmtpTls::Implicit, 587 | 25 | 2525) => warn(
                "smtps:// (implicit TLS) on a port for STARTTLS: servers expect \
                 smtp://...?tls=required there, or smtps:// on port 465"
                    .to_owned(),
            ),
            (SmtpTls::None | SmtpTls::Opportunistic | SmtpTls::StartTls, 465) => warn(
                "smtp:// on port 465, which servers keep for implicit TLS: lettre speaks \
                 SMTP in clear or STARTTLS there, and the server waits for TLS; use smtps://"
                    .to_owned(),
            ),
            _ => {}
        }
        if self.url.password().is_some() {
            match self.tls {
                SmtpTls::None => warn(
                    "the password is sent in clear: smtp:// without `tls` has no encryption; \
                     use smtps:// or ?tls=required"
                        .to_owned(),
                ),
                SmtpTls::Opportunistic => warn(
                    "the password is sent in clear if the server does not offer STARTTLS \
                     (tls=opportunistic); use smtps:// or ?tls=required"
                        .to_owned(),
                ),
                _ => {}
            }
        }
    }

    /// The TLS mode.
    pub fn tls(&self) -> SmtpTls {
        self.tls
    }

    /// The name sent in `EHLO`: the path without its slashes, as written (lettre does not
    /// decode it); `None` without a path (lettre then sends the machine's host name).
    pub fn hello_name(&self) -> Option<&str> {
        Some(self.url.path().trim_matches('/')).filter(|name| !name.is_empty())
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
    fn modes_and_ports_as_lettre() {
        let cases = [
            ("smtps://smtp.example.com", SmtpTls::Implicit, 465),
            ("smtp://smtp.example.com", SmtpTls::None, 25),
            (
                "smtp://smtp.example.com?tls=required",
                SmtpTls::StartTls,
                587,
            ),
            (
                "smtp://smtp.example.com:2525/?tls=opportunistic",
                SmtpTls::Opportunistic,
                2525,
            ),
            (
                "smtps://smtp.example.com?tls=required",
                SmtpTls::Implicit,
                465,
            ),
            ("smtps://u:p@127.0.0.1:4650", SmtpTls::Implicit, 4650),
        ];
        for (text, tls, port) in cases {
            let url = smtp(text);
            assert_eq!((url.tls(), url.port()), (tls, port), "{text}");
            assert_eq!(url.expose(), text);
        }
    }

    #[test]
    fn hello_name_is_the_path() {
        assert_eq!(
            smtp("smtps://smtp.example.com/mail.example.org").hello_name(),
            Some("mail.example.org")
        );
        assert_eq!(smtp("smtp://h/").hello_name(), None);
        assert!(reason("smtp://h//").contains("EHLO"));
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["submission://h", "smtp+tls://h", "mailto:me@example.com"] {
            assert_eq!(reason(text), "unsupported scheme; use smtp:// or smtps://");
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert!(reason("smtp://h?tls=none").contains("leave it out"));
        assert!(reason("smtp://h?tls=starttls").contains("tls=required"));
        assert!(reason("smtp://h?tls=wrapper").contains("required or opportunistic"));
        assert!(reason("smtp://").contains("missing host"));
        assert!(reason("smtps://[::1]").contains("IPv6"));
        assert!(reason("smtps://ho%61st").contains("percent-encoded host"));
        assert!(reason("smtps://me@h").contains("without a password"));
        assert!(reason("smtps://me:@h").contains("without a password"));
    }

    #[test]
    fn warnings() {
        let warnings = |text: &str| {
            let mut all = Vec::new();
            smtp(text).param_warnings(&mut |w| all.push(w));
            all
        };
        assert!(warnings("smtp://u:pw@h")[0].contains("sent in clear"));
        assert!(warnings("smtp://u:pw@h?tls=opportunistic")[0].contains("does not offer"));
        assert!(warnings("smtp://u:pw@h?tls=required").is_empty());
        assert!(warnings("smtp://h").is_empty());
        assert!(warnings("smtps://h?tls=none")[0].contains("ignored after smtps://"));
        assert_eq!(
            warnings("smtps://h?tsl=required"),
            ["unknown parameter `tsl`; did you mean `tls`? (lettre ignores it)"]
        );
        // The other mode's well-known port.
        assert!(
            warnings("smtps://u:pw@smtp.office365.com:587")[0].contains("on a port for STARTTLS")
        );
        assert!(warnings("smtp://h:465?tls=required")[0].contains("smtp:// on port 465"));
        assert!(warnings("smtps://h:465").is_empty());
        assert!(warnings("smtp://h:587?tls=required").is_empty());
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
                "smtps://apikey:Sup3r?S3cret@smtp.sendgrid.net",
                "smtps://apikey:/Sup3rS3cret@smtp.sendgrid.net",
            ],
        );
    }
}
