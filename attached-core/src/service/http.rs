//! `HttpUrl`: the base URL of an HTTP API or web service.
//!
//! Schemes: `http://` (port 80) and `https://` (port 443), one host. Path, query and
//! fragment are kept as written. There is no driver to follow: the URL is what an HTTP
//! client is given, and what is hidden when it is shown is the point — the password, a
//! user name given alone (`https://TOKEN@host`, a Sentry DSN), credential parameters,
//! and a fragment that holds a token (`#access_token=...`).

use crate::service::uri::{self, Parsed, Schemes, Uri};
use crate::service::{authority_accessors, service_type};
use crate::value::ValueError;

/// An `http://` or `https://` URL, checked when read: the base URL of an API, a webhook,
/// an allowed origin.
///
/// - One host (a name, an IPv4 address or a bracketed IPv6 address), with its port: the
///   one given, or 80 for `http`, 443 for `https`.
/// - [`path`](Self::path) and [`fragment`](Self::fragment) are given as written
///   (percent-encoded), ready to join with more of a URL; [`query`](Self::query) is
///   decoded.
/// - `Debug` and `Display` hide the password, the values of credential parameters
///   (`token`, `api_key`, `X-Amz-Signature`, ...), and a user name given without a
///   password, since `https://TOKEN@host/` is a common way to pass a token.
///
/// With the `url` feature, `url::Url::try_from(&http_url)` converts it.
///
/// ```
/// use attached::HttpUrl;
/// let url: HttpUrl = "https://api.example.com/v1?api_key=hunter2".parse()?;
/// assert_eq!((url.host(), url.port(), url.path()), ("api.example.com", 443, "/v1"));
/// assert!(url.is_tls());
/// assert_eq!(url.to_string(), "https://api.example.com/v1?api_key=***");
/// # Ok::<(), attached::ValueError>(())
/// ```
#[derive(Clone)]
pub struct HttpUrl {
    url: Parsed,
}

service_type!(
    HttpUrl,
    "an http:// or https:// URL such as https://api.example.com/v1"
);

authority_accessors!(
    HttpUrl,
    hosts = "The one host, with its port.",
    port = "The port: given, or 80 for `http` and 443 for `https`."
);

const SCHEMES: Schemes = Schemes {
    names: &["http", "https"],
    listed: "http:// or https://",
    any_case: true,
};

impl HttpUrl {
    fn from_text(text: &str) -> Result<Self, ValueError> {
        let (scheme, colon) = uri::scheme(text, &SCHEMES)?;
        let port = if scheme == "https" { 443 } else { 80 };
        // An `@` in a path is ordinary in HTTP (`/@user`), so it is not taken for a
        // misplaced password here.
        let url = Parsed::checked(text, Uri::parse(text, colon, false)?, |url| {
            url.require_authority("https://api.example.com/v1")?;
            url.one_network_host("an HTTP URL")?;
            url.hosts = url.uri_hosts(port);
            Ok(())
        })?;
        Ok(HttpUrl { url })
    }

    /// No connection parameters to check.
    fn param_warnings(&self, warn: &mut dyn FnMut(String)) {
        let _ = warn;
    }

    fn redacted(&self) -> String {
        self.url.redacted(true)
    }

    /// Whether the scheme is `https`.
    pub fn is_tls(&self) -> bool {
        self.url.scheme() == "https"
    }

    /// The path as written (percent-encoded), from its `/`; empty when there is none.
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The fragment as written, without its `#`.
    pub fn fragment(&self) -> Option<&str> {
        self.url.uri.fragment.map(|fragment| self.url.raw(fragment))
    }
}

/// The same URL, as the `url` crate reads it (which may refuse what this crate accepts,
/// such as a host with `_`).
#[cfg(feature = "url")]
impl TryFrom<&HttpUrl> for url::Url {
    type Error = url::ParseError;

    fn try_from(value: &HttpUrl) -> Result<Self, Self::Error> {
        url::Url::parse(value.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::never_shows;
    use crate::value::Value;

    fn http(text: &str) -> HttpUrl {
        HttpUrl::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn reason(text: &str) -> String {
        HttpUrl::parse(text).expect_err(text).reason().to_owned()
    }

    #[test]
    fn accepts_the_usual_forms() {
        let cases = [
            ("http://localhost:8080", "localhost", 8080, ""),
            (
                "https://api.example.com/v1/",
                "api.example.com",
                443,
                "/v1/",
            ),
            ("http://[::1]/health", "::1", 80, "/health"),
            (
                "https://medium.com/@user?x=1#top",
                "medium.com",
                443,
                "/@user",
            ),
            ("http://web", "web", 80, ""),
        ];
        for (text, host, port, path) in cases {
            let url = http(text);
            assert_eq!(
                (url.host(), url.port(), url.path()),
                (host, port, path),
                "{text}"
            );
            assert_eq!(url.expose(), text);
        }
        assert_eq!(http("https://h/#top").fragment(), Some("top"));
    }

    #[test]
    fn rejects_other_schemes_naming_the_accepted_ones() {
        for text in ["ftp://h", "ws://h", "localhost:8080"] {
            assert_eq!(reason(text), "unsupported scheme; use http:// or https://");
        }
        assert!(reason("https:///path").contains("missing host"));
        assert!(reason("https:example.com").contains("`//`"));
    }

    #[test]
    fn hides_tokens_in_the_user_name() {
        assert_eq!(
            http("https://ghp_T0k3n@github.com/o/r").to_string(),
            "https://***@github.com/o/r"
        );
        assert_eq!(http("https://u:p@h/").to_string(), "https://u:***@h/");
    }

    #[test]
    fn never_shows_a_secret() {
        never_shows(
            "https://app:Sup3rS3cret@api.example.com/v1?token=T0k3nValue",
            HttpUrl::expose,
            &["Sup3rS3cret", "T0k3nValue"],
            &[
                "https://app:Sup3rS3cret@api.example.com:99999/v1?token=T0k3nValue",
                "htps://app:Sup3rS3cret@api.example.com/v1?token=T0k3nValue",
            ],
        );
    }
}
