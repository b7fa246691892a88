//! Which names are secrets, and masking of credentials inside free text: the safety net
//! for values that are not typed.
//!
//! One place decides both, so the generated `Debug`, the startup summary, errors and docs
//! agree on what is hidden. The rules err toward hiding: over-redacting costs a line of
//! log, under-redacting leaks a credential.

use std::borrow::Cow;

use super::MASK;

/// Whether a variable with this name holds a credential: it ends in `PASSWORD`, `PASSWD`,
/// `PASSPHRASE`, `SECRET`, `TOKEN` or `KEY` (or their plurals), or contains `SECRET`,
/// `PASSWORD`, `CREDENTIAL` or `PRIVATE`. Case is ignored.
///
/// Such a variable is redacted everywhere unless its field is marked
/// `#[attached(public)]`.
///
/// ```
/// use attached::is_secret_name;
/// assert!(is_secret_name("BILLING_STRIPE_SECRET_KEY"));
/// assert!(is_secret_name("DB_PASSWORD"));
/// assert!(is_secret_name("GOOGLE_APPLICATION_CREDENTIALS"));
/// assert!(!is_secret_name("AWS_ACCESS_KEY_ID"));
/// assert!(!is_secret_name("BILLING_LISTEN"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    const ENDS: [&str; 6] = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "KEY"];
    const CONTAINS: [&str; 4] = ["SECRET", "PASSWORD", "CREDENTIAL", "PRIVATE"];
    let upper = name.to_ascii_uppercase();
    let stem = upper.strip_suffix('S').unwrap_or(&upper);
    ENDS.iter()
        .any(|end| stem.ends_with(end) || upper.ends_with(end))
        || CONTAINS.iter().any(|part| upper.contains(part))
}

/// Whether a query parameter or `key=value` setting with this name carries a credential:
/// its name contains `password`, `passwd`, `pwd`, `token`, `secret`, `key`, `signature` or
/// `credential`, or has `auth` as a word, in any case (`sslpassword`, `access_key`, `X-Amz-Signature`,
/// `X-Amz-Credential`, `api-key`).
///
/// ```
/// use attached::is_sensitive_param;
/// assert!(is_sensitive_param("X-Amz-Signature"));
/// assert!(is_sensitive_param("sslpassword"));
/// assert!(is_sensitive_param("basic_auth"));
/// assert!(!is_sensitive_param("sslmode"));
/// assert!(!is_sensitive_param("authSource"));
/// ```
pub fn is_sensitive_param(name: &str) -> bool {
    const PARTS: [&str; 9] = [
        "password",
        "passwd",
        "pwd",
        "token",
        "secret",
        "key",
        "signature",
        "credential",
        // MongoDB's, which can hold an AWS session token.
        "authmechanismproperties",
    ];
    // `auth` alone, or as a word (`auth`, `basic_auth`, `auth-header`), carries credentials;
    // inside a longer word it names a setting (MongoDB's `authSource`, `authMechanism`).
    const WORDS: [&str; 1] = ["auth"];
    let lower = name.to_ascii_lowercase();
    PARTS.iter().any(|part| lower.contains(part))
        || lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|word| WORDS.contains(&word))
}

/// Masks credentials inside free text: the password of every `scheme://user:password@host`
/// URL, and the value of every `name=value` pair whose name is sensitive (see
/// [`is_sensitive_param`]), as in query strings (`?token=...&`) and keyword connection
/// strings (`host=db password=...`).
///
/// This is the safety net for values that are not typed as secrets: a connection string
/// read into a plain `String` still prints with its password hidden.
///
/// ```
/// use attached::mask;
/// assert_eq!(mask("postgres://app:hunter2@db/billing"), "postgres://app:***@db/billing");
/// assert_eq!(mask("https://h/x?sig=1&token=abc"), "https://h/x?sig=1&token=***");
/// assert_eq!(mask("host=db password=hunter2 port=5432"), "host=db password=*** port=5432");
/// assert_eq!(mask("plain text"), "plain text");
/// ```
pub fn mask(text: &str) -> Cow<'_, str> {
    if !text.contains("://") && !text.contains('=') {
        return Cow::Borrowed(text);
    }
    let mut spans = Vec::new();
    userinfo_passwords(text, &mut spans);
    sensitive_pairs(text, &mut spans);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            // Overlaps a span already masked.
            at = at.max(end);
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(MASK);
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Characters that end a URL inside free text: spaces, the quotes of a `Debug` string,
/// angle brackets. Not `'`: RFC 3986 allows it unencoded in a password.
fn ends_url(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '<' | '>')
}

/// Characters that end the value of a `name=value` pair.
fn ends_value(c: char) -> bool {
    ends_url(c) || matches!(c, '\'' | '`' | '&' | ';' | ',')
}

/// Byte ranges of the passwords in `user:password@` of every URL in `text`.
fn userinfo_passwords(text: &str, spans: &mut Vec<(usize, usize)>) {
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let start = from + found + 3;
        let url_end = text[start..]
            .find(ends_url)
            .map_or(text.len(), |i| start + i);
        // The authority ends at the first `/`, `?` or `#` after the last `@` (a password
        // may itself contain `/` or `?` when it is not percent-encoded).
        let url = &text[start..url_end];
        if let Some(at) = url.rfind('@') {
            let userinfo = &url[..at];
            if let Some(colon) = userinfo.find(':') {
                if colon + 1 < at {
                    spans.push((start + colon + 1, start + at));
                }
            }
        }
        from = start;
    }
}

/// Byte ranges of the values of sensitive `name=value` pairs.
fn sensitive_pairs(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (eq, _) in text.match_indices('=') {
        // libpq's keyword form allows spaces around `=`: `password = value`.
        let name_end = text[..eq].trim_end_matches([' ', '\t']).len();
        let name_start = text[..name_end]
            .bytes()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
            .map_or(0, |i| i + 1);
        let name = &text[name_start..name_end];
        if name.is_empty() || !is_sensitive_param(name) {
            continue;
        }
        let value_start = text.len() - text[eq + 1..].trim_start_matches([' ', '\t']).len();
        let value_end = text[value_start..]
            .find(ends_value)
            .map_or(text.len(), |i| value_start + i);
        // A value in single quotes (libpq keyword form) runs to its closing quote.
        if bytes.get(value_start) == Some(&b'\'') {
            let close = text[value_start + 1..]
                .find('\'')
                .map_or(text.len(), |i| value_start + 2 + i);
            spans.push((value_start, close));
        } else if value_end > value_start {
            spans.push((value_start, value_end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "PASSWORD",
            "DB_PASSWORD",
            "SMTP_PASSWD",
            "API_TOKEN",
            "API_TOKENS",
            "STRIPE_SECRET_KEY",
            "SECRET_KEY_BASE",
            "AWS_SECRET_ACCESS_KEY",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "TLS_PRIVATE_KEY_PATH",
            "api_key",
            "SIGNING_KEYS",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "LISTEN",
            "DATABASE_URL",
            "AWS_ACCESS_KEY_ID",
            "KEYSPACE",
            "TOKEN_TTL",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn masks_urls_and_pairs() {
        let cases = [
            ("postgres://u:pw@h:5432/db", "postgres://u:***@h:5432/db"),
            ("redis://:pw@cache:6379", "redis://:***@cache:6379"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("\"amqp://u:p%40ss@mq/vh\"", "\"amqp://u:***@mq/vh\""),
            ("mysql://u:p/w?x@h/db", "mysql://u:***@h/db"),
            (
                "https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA&X-Amz-Signature=abc&x=1",
                "https://b.s3.amazonaws.com/k?X-Amz-Credential=***&X-Amz-Signature=***&x=1",
            ),
            (
                "host=db user=app password='a b' sslmode=require",
                "host=db user=app password=*** sslmode=require",
            ),
            (
                "Server=db;User Id=app;Password=pw;",
                "Server=db;User Id=app;Password=***;",
            ),
            ("[\"x://a:b@c\", \"y\"]", "[\"x://a:***@c\", \"y\"]"),
            ("a=b c=d", "a=b c=d"),
        ];
        for (input, want) in cases {
            assert_eq!(mask(input), want, "{input}");
        }
    }
}
