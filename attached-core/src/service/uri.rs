//! A small parser of the RFC 3986 generic syntax, shared by every service URL type:
//! `scheme://user:password@host:port,host:port/path?name=value&name=value#fragment`.
//!
//! It records where each part lies in the text (byte ranges), so a type keeps one copy of
//! the text (wiped by `Zeroize`) and decodes a part only when asked for it. It reads what
//! connection strings use and the `url` crate refuses: comma-separated host lists, and
//! percent-encoded Unix socket paths in place of a host. Every error names the part that
//! is wrong, never its text: a connection string carries a password.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv6Addr};

use zeroize::Zeroize;

use crate::secret::Secret;
use crate::service::Host;
use crate::show::{self, MASK, is_sensitive_param, looks_like_token};
use crate::suggest::closest;
use crate::text::{AsciiSearch, eq_ignore_case, has_control};
use crate::value::{ValueError, is_digits};

/// Whether a decoded piece of a URL holds a `name=value` setting whose name is sensitive,
/// as libpq's `options=-c password=...`, a `;password=x` after a value or a path, or an
/// OAuth fragment `#access_token=...`; or anything else the free-text masker would hide
/// (another URL's password, `user:password@host`, a private key): a redirect target
/// `?next=https://admin:...@internal/` or a proxy `?proxy=user:...@proxy:3128`.
///
/// Also when the text holds one once read again as a form would (`+` as a space:
/// `Bearer+...`) or percent-decoded a second time (a redirect target encoded twice).
fn holds_credential(text: &str) -> bool {
    holds_credential_as_is(text)
        || (text.has_byte(b'+') && holds_credential_as_is(&text.replace('+', " ")))
        || (text.has_byte(b'%') && holds_credential_as_is(&decode(text)))
}

fn holds_credential_as_is(text: &str) -> bool {
    for piece in text.split(separates_settings) {
        if let Some((name, _)) = piece.split_once_byte(b'=') {
            if is_sensitive_param(name.trim_start_matches('-')) {
                return true;
            }
        }
    }
    matches!(show::mask(text), Cow::Owned(_))
}

/// Whether `c` separates two `name=value` settings in [`holds_credential`].
fn separates_settings(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '&' | ',' | '?' | '#')
}

/// The warning for a parameter that is not among `known`: its name, the closest known
/// one, and `consequence` (what the drivers do with it: "libpq refuses it"). A name that
/// looks like a token is not repeated.
pub(crate) fn unknown_param(name: &str, known: &[&str], consequence: &str) -> String {
    let named = match show::param_name(name) {
        Some(name) => format!("unknown parameter `{name}`"),
        None => "an unknown parameter".to_owned(),
    };
    let hint = match closest(name, known.iter().copied()) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    };
    format!("{named}{hint} ({consequence})")
}

/// A byte range of the connection text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: usize,
    end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub(crate) fn end(self) -> usize {
        self.end
    }

    pub(crate) fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// The text of this span; empty if the text has been wiped since.
    pub(crate) fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// `span` unless it is empty.
fn nonempty(span: Span) -> Option<Span> {
    (!span.is_empty()).then_some(span)
}

/// One entry of a host list, as written.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RawHost {
    /// The name, without the brackets of an IPv6 address, still percent-encoded.
    pub(crate) name: Span,
    pub(crate) port: Option<u16>,
    /// The name decodes to an absolute path: a Unix socket.
    pub(crate) socket: bool,
    /// An IPv6 address with a zone (`[fe80::1%25eth0]`).
    pub(crate) zone: bool,
}

/// One `name=value` of the query, as written.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Pair {
    pub(crate) name: Span,
    pub(crate) value: Span,
}

impl Pair {
    /// Written with `=` (a piece without one is a name with an empty value).
    fn has_eq(&self) -> bool {
        self.value.start > self.name.end
    }
}

/// The parts of a connection URL, as byte ranges of its text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Uri {
    pub(crate) scheme: Span,
    /// `//` follows the scheme.
    pub(crate) has_authority: bool,
    pub(crate) user: Option<Span>,
    pub(crate) password: Option<Span>,
    pub(crate) hosts: Vec<RawHost>,
    /// Everything between the authority (or the scheme) and `?` or `#`.
    pub(crate) path: Span,
    pub(crate) query: Vec<Pair>,
    pub(crate) fragment: Option<Span>,
}

/// The schemes one type accepts, and how an error lists them.
pub(crate) struct Schemes {
    pub(crate) names: &'static [&'static str],
    /// `"postgres://, postgresql://, mysql://, mariadb:// or sqlite:"`.
    pub(crate) listed: &'static str,
    /// The drivers read the scheme in any case (they parse with the `url` crate, which
    /// lower-cases it): `REDIS://` is read, and kept as `redis://`. Otherwise a scheme not
    /// in lowercase is refused.
    pub(crate) any_case: bool,
}

/// Checks the characters and the scheme of `text`. Returns the accepted scheme and the
/// index of the `:` that ends it.
pub(crate) fn scheme(text: &str, schemes: &Schemes) -> Result<(&'static str, usize), ValueError> {
    if has_control(text) {
        return Err(ValueError::new(
            "contains a control character such as a line break or a tab",
        ));
    }
    let colon = text
        .find_byte(b':')
        .filter(|&colon| is_scheme_syntax(&text[..colon]));
    let Some(colon) = colon else {
        return Err(ValueError::new(format!(
            "not a URL: expected one starting with {}",
            schemes.listed
        )));
    };
    let given = &text[..colon];
    if let Some(name) = schemes.names.iter().find(|name| **name == given) {
        return Ok((name, colon));
    }
    if let Some(name) = schemes
        .names
        .iter()
        .find(|name| eq_ignore_case(name, given))
    {
        if schemes.any_case {
            return Ok((name, colon));
        }
        // Drivers compare the scheme as written (libpq and tokio-postgres do), so a
        // capitalised scheme would pass here and fail at connect time.
        return Err(ValueError::new(format!(
            "the scheme must be written in lowercase: {}",
            schemes.listed
        )));
    }
    Err(ValueError::new(format!(
        "unsupported scheme; use {}",
        schemes.listed
    )))
}

/// RFC 3986: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
fn is_scheme_syntax(s: &str) -> bool {
    let Some((first, rest)) = s.as_bytes().split_first() else {
        return false;
    };
    if !first.is_ascii_alphabetic() {
        return false;
    }
    for b in rest {
        if !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')) {
            return false;
        }
    }
    true
}

/// The index of the first byte of `set` at or after `from`, or the end of the text.
fn find_any(text: &str, from: usize, set: &[u8]) -> usize {
    let rest = text.as_bytes().get(from..).unwrap_or_default();
    rest.iter()
        .position(|b| set.contains(b))
        .map_or(text.len(), |i| from + i)
}

impl Uri {
    /// Parses what follows the scheme's `:` (at `colon`) in the generic syntax.
    ///
    /// The user information ends at the *last* `@` of the authority, so an unencoded `@`
    /// in a password still parses (as in the WHATWG URL rules, which the `url` crate and
    /// so redis-rs follow; libpq ends it at the first `@`). A `/`,
    /// `?` or `#` in a password must be percent-encoded, as everywhere; with
    /// `at_only_in_userinfo`, an `@` found after the authority is taken for the sign of
    /// such a mistake and refused, rather than parsing a piece of password as a host.
    pub(crate) fn parse(
        text: &str,
        colon: usize,
        at_only_in_userinfo: bool,
    ) -> Result<Uri, ValueError> {
        Uri::parse_with(text, colon, at_only_in_userinfo, false)
    }

    /// [`parse`](Self::parse), where with `relative_sockets` a host whose decoded name
    /// holds a `/` anywhere is a Unix socket path, relative (`rel%2Fm.sock`) or absolute,
    /// as MongoDB's connection strings read it; otherwise only an absolute path is.
    ///
    /// An IPv6 address with a zone (`[fe80::1%25eth0]`) is refused: the `url` crate,
    /// which sqlx, redis-rs, lapin, lettre and reqwest read URLs with, refuses it, and so
    /// does the MongoDB driver. Postgres URLs, which libpq and tokio-postgres read with a
    /// zone, take it with a warning ([`Uri::parse_postgres`]).
    pub(crate) fn parse_with(
        text: &str,
        colon: usize,
        at_only_in_userinfo: bool,
        relative_sockets: bool,
    ) -> Result<Uri, ValueError> {
        let uri = Uri::parse_inner(text, colon, at_only_in_userinfo, relative_sockets, false)?;
        if uri.has_ipv6_zone() {
            return Err(ValueError::new(
                "an IPv6 address with a zone (`%25` and an interface after it): Rust's drivers \
                 refuse it (those that read URLs with the `url` crate, and mongodb); write a \
                 global address or a host name",
            ));
        }
        Ok(uri)
    }

    /// Whether a host is an IPv6 address with a zone (`[fe80::1%25eth0]`).
    pub(crate) fn has_ipv6_zone(&self) -> bool {
        self.hosts.iter().any(|host| host.zone)
    }

    /// [`parse`](Self::parse) of a Postgres URL, whose user information runs to the first
    /// `@` before any `/`, as libpq reads it (tokio-postgres: to the first `@`): a raw `?`
    /// or `#` in a password is part of it, not the start of the query or the fragment.
    /// Only where sqlx, which reads with the `url` crate, refuses the URL (a warning says
    /// so): when the text before the `?` or `#` is a user name and the start of a
    /// password that is not a port number ([`cut_password`]). Otherwise the `url` crate
    /// reads another host (`u:123?rest@h` is host `u`, port 123; `db?password=a@b`, host
    /// `db`), and the `@` after the end of the host is refused, as before.
    pub(crate) fn parse_postgres(text: &str, colon: usize) -> Result<Uri, ValueError> {
        Uri::parse_inner(text, colon, true, false, true)
    }

    fn parse_inner(
        text: &str,
        colon: usize,
        at_only_in_userinfo: bool,
        relative_sockets: bool,
        userinfo_to_at: bool,
    ) -> Result<Uri, ValueError> {
        let mut uri = Uri {
            scheme: Span::new(0, colon),
            ..Uri::default()
        };
        let mut at = colon + 1;
        let mut authority = None;
        if text[at..].starts_with("//") {
            let start = at + 2;
            let mut end = find_any(text, start, b"/?#");
            if userinfo_to_at {
                let slash = find_any(text, start, b"/");
                if let Some(i) = text[start..slash].find_byte(b'@') {
                    if start + i > end && cut_password(&text[start..end]) {
                        end = find_any(text, start + i + 1, b"/?#");
                    }
                }
            }
            authority = Some(Span::new(start, end));
            uri.has_authority = true;
            at = end;
        }
        let path_end = find_any(text, at, b"?#");
        uri.path = Span::new(at, path_end);
        uri.rest(text, path_end);

        if at_only_in_userinfo {
            let mut after_host = uri.path.of(text).has_byte(b'@');
            for pair in &uri.query {
                after_host |= pair.name.of(text).has_byte(b'@');
            }
            if let Some(fragment) = uri.fragment {
                after_host |= fragment.of(text).has_byte(b'@');
            }
            if after_host {
                return Err(ValueError::new(
                    "an `@` comes after a `/`, `?` or `#`, where the host has ended: a `/`, `?` \
                     or `#` in the user name or password must be percent-encoded (as %2F, %3F, \
                     %23)",
                ));
            }
        }

        if let Some(authority) = authority {
            split_password(text, authority, uri.path)?;
            let hosts = match authority.of(text).rfind_byte(b'@') {
                Some(i) => {
                    let userinfo = Span::new(authority.start, authority.start + i);
                    match userinfo.of(text).find_byte(b':') {
                        Some(c) => {
                            uri.user = Some(Span::new(userinfo.start, userinfo.start + c));
                            uri.password = Some(Span::new(userinfo.start + c + 1, userinfo.end));
                        }
                        None => uri.user = Some(userinfo),
                    }
                    Span::new(authority.start + i + 1, authority.end)
                }
                None => authority,
            };
            uri.hosts = host_list(text, hosts, relative_sockets)?;
        }

        // In the user information, a `%` that starts no escape is a `%` (`p%ss`), as every
        // Rust driver's `percent_decode` reads it; `MongoUrl` refuses it, as its
        // specification and driver do, and Postgres warns that libpq refuses it.
        if let Some(user) = uri.user {
            check_decoded(user.of(text), "user name")?;
        }
        if let Some(password) = uri.password {
            check_decoded(password.of(text), "password")?;
        }
        check_encoding(uri.path.of(text), "path")?;
        for pair in &uri.query {
            check_encoding(pair.name.of(text), "query")?;
            check_encoding(pair.value.of(text), "query")?;
        }
        Ok(uri)
    }

    /// Parses what follows the scheme's `:` (at `colon`) as a file path and a query, as
    /// SQLite URLs are written: `//` is dropped if present, and everything up to `?` is
    /// the path (a `#` is a character of a file name there).
    pub(crate) fn parse_path(text: &str, colon: usize) -> Result<Uri, ValueError> {
        let mut start = colon + 1;
        if text[start..].starts_with("//") {
            start += 2;
        }
        let end = find_any(text, start, b"?");
        let mut uri = Uri {
            scheme: Span::new(0, colon),
            path: Span::new(start, end),
            ..Uri::default()
        };
        if end < text.len() {
            uri.query = pairs(text, Span::new(end + 1, text.len()));
        }
        check_encoding(uri.path.of(text), "path")?;
        for pair in &uri.query {
            check_encoding(pair.name.of(text), "query")?;
            check_encoding(pair.value.of(text), "query")?;
        }
        Ok(uri)
    }

    /// The query and fragment, from `at` (a `?`, a `#` or the end).
    fn rest(&mut self, text: &str, mut at: usize) {
        if text.as_bytes().get(at) == Some(&b'?') {
            let end = find_any(text, at + 1, b"#");
            self.query = pairs(text, Span::new(at + 1, end));
            at = end;
        }
        if text.as_bytes().get(at) == Some(&b'#') {
            self.fragment = Some(Span::new(at + 1, text.len()));
        }
    }
}

/// Whether the authority as the `url` crate ends it, at a raw `?` or `#`, is a user name
/// and the start of a password that cannot be read as a port (`user:pa` of
/// `user:pa?ss@host`): the crate then refuses the URL (`invalid port number`), where
/// libpq and tokio-postgres read the password to the `@`.
fn cut_password(authority: &str) -> bool {
    let Some((user, start)) = authority.split_once(':') else {
        return false;
    };
    // Not a host with a port, an IPv6 host or a list of hosts (`db1:5432,db2`,
    // `[::1]:5432`, `db1,[::1]`), whose colons are not a password's: its first piece up to a
    // `,` is a port.
    let port = start.split(',').next().unwrap_or("");
    !user.is_empty()
        && !user.bytes().any(|b| matches!(b, b',' | b'[' | b']'))
        && !port.is_empty()
        && !port.bytes().all(|b| b.is_ascii_digit())
}

/// Refuses the sign of a password cut short by an unencoded `/`, `?` or `#`: an
/// authority without `@` that ends in `name:` and something other than a port
/// (`u:pa?ss@h`, `u:/ss@h`), or a first path segment shaped like `user:password@host`,
/// while an `@` follows. Read as written, the rest of the password would land in the
/// path, the query or the fragment, and be shown there.
fn split_password(text: &str, authority: Span, path: Span) -> Result<(), ValueError> {
    let raw = authority.of(text);
    let after = &text[authority.end..];
    if raw.has_byte(b'@') || !after.has_byte(b'@') {
        return Ok(());
    }
    let cut_port = raw
        .rsplit_once_byte(b':')
        .filter(|_| !raw.starts_with('['))
        .is_some_and(|(_, port)| !is_digits(port));
    let segment = path.of(text).trim_start_matches('/');
    let segment = &segment[..segment.find_byte(b'/').unwrap_or(segment.len())];
    let userinfo_in_path = segment
        .find_byte(b'@')
        .is_some_and(|at| segment[..at].has_byte(b':'));
    if cut_port || userinfo_in_path {
        Err(ValueError::new(
            "an `@` comes after a `/`, `?` or `#`, where the host has ended: a `/`, `?` or `#` \
             in the user name or password must be percent-encoded (as %2F, %3F, %23)",
        ))
    } else {
        Ok(())
    }
}

/// The `name=value` pairs of a query, split at `&`; empty pieces are skipped, and a piece
/// without `=` is a name with an empty value.
fn pairs(text: &str, query: Span) -> Vec<Pair> {
    let mut pairs = Vec::new();
    let mut start = query.start;
    while start <= query.end {
        let end = find_any(&text[..query.end], start, b"&");
        let piece = Span::new(start, end);
        if !piece.is_empty() {
            let eq = find_any(&text[..end], start, b"=");
            pairs.push(Pair {
                name: Span::new(start, eq),
                value: Span::new((eq + 1).min(end), end),
            });
        }
        start = end + 1;
    }
    pairs
}

/// The comma-separated hosts of an authority (after any user information).
fn host_list(text: &str, list: Span, relative_sockets: bool) -> Result<Vec<RawHost>, ValueError> {
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let mut hosts = Vec::new();
    let mut start = list.start;
    while start <= list.end {
        let end = find_any(&text[..list.end], start, b",");
        hosts.push(host_entry_with(
            text,
            Span::new(start, end),
            relative_sockets,
        )?);
        start = end + 1;
    }
    Ok(hosts)
}

/// One `host`, `host:port`, `[ipv6]` or `[ipv6]:port`.
pub(crate) fn host_entry(text: &str, entry: Span) -> Result<RawHost, ValueError> {
    host_entry_with(text, entry, false)
}

/// [`host_entry`], reading any name that decodes to a path as a Unix socket with
/// `relative_sockets` (see [`Uri::parse_with`]).
fn host_entry_with(text: &str, entry: Span, relative_sockets: bool) -> Result<RawHost, ValueError> {
    let raw = entry.of(text);
    if raw.is_empty() {
        return Err(ValueError::new(
            "a host is missing: the host list is empty or has an empty entry",
        ));
    }
    let mut zone = false;
    let (name, port) = if let Some(inner) = raw.strip_prefix('[') {
        let Some(close) = inner.find_byte(b']') else {
            return Err(ValueError::new(
                "an IPv6 address is missing its closing `]`",
            ));
        };
        // A zone (`fe80::1%25eth0`) is not part of the address.
        let zone_at = crate::text::find(&inner[..close], "%25");
        zone = zone_at.is_some();
        let address = &inner[..zone_at.unwrap_or(close)];
        if address.parse::<Ipv6Addr>().is_err() {
            return Err(ValueError::new(
                "the address in `[ ]` is not an IPv6 address",
            ));
        }
        let after = &inner[close + 1..];
        let port = match after.strip_prefix(':') {
            Some(port) => Some(port),
            None if after.is_empty() => None,
            None => {
                return Err(ValueError::new(
                    "unexpected text after an IPv6 address: expected `:` and a port",
                ));
            }
        };
        (Span::new(entry.start + 1, entry.start + 1 + close), port)
    } else {
        match raw.find_byte(b':') {
            Some(c) if raw[c + 1..].has_byte(b':') => {
                return Err(ValueError::new(
                    "a host has more than one `:`; an IPv6 address must be written in brackets, \
                     as in [::1]:5432",
                ));
            }
            Some(c) => (Span::new(entry.start, entry.start + c), Some(&raw[c + 1..])),
            None => (entry, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(port) => Some(parse_port(port)?),
    };
    if name.is_empty() {
        return Err(ValueError::new(
            "a host name is empty (only a port is given)",
        ));
    }
    let bracketed = raw.starts_with('[');
    let socket = !bracketed && check_host_name(name.of(text), relative_sockets)?;
    Ok(RawHost {
        name,
        port,
        socket,
        zone,
    })
}

/// A port: digits, from 1 to 65535.
pub(crate) fn parse_port(text: &str) -> Result<u16, ValueError> {
    if !is_digits(text) {
        return Err(ValueError::new("a port is not a number"));
    }
    // Through `u128`, the type the crate parses its unsigned integers as (see
    // `value::unsigned`): one parser compiled, not one per type.
    match text.parse::<u128>().map(u16::try_from) {
        Ok(Ok(port)) if port > 0 => Ok(port),
        _ => Err(ValueError::new("a port is out of range (1 to 65535)")),
    }
}

/// Checks a host name as written (percent-encoded); returns whether it is a Unix socket
/// path (decodes to an absolute path, or with `relative_sockets` to any path).
fn check_host_name(raw: &str, relative_sockets: bool) -> Result<bool, ValueError> {
    check_encoding(raw, "host")?;
    let name = decode(raw);
    if name.starts_with('/') || (relative_sockets && name.has_byte(b'/')) {
        return Ok(true);
    }
    check_plain_host_name(&name)?;
    Ok(false)
}

/// Checks a decoded host name that is not a socket path: letters, digits, `-`, `.`, `_`
/// and `~` (the unreserved characters of RFC 3986), and letters beyond ASCII.
pub(crate) fn check_plain_host_name(name: &str) -> Result<(), ValueError> {
    if name.is_empty() {
        return Err(ValueError::new("a host name is empty"));
    }
    // By bytes: every byte of a letter beyond ASCII is one too.
    let allowed = |b: u8| {
        b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || !b.is_ascii()
    };
    if name.bytes().all(allowed) {
        Ok(())
    } else {
        Err(ValueError::new(
            "a host name has a character other than letters, digits, `-`, `.` and `_`",
        ))
    }
}

/// A host given as a parameter value (`?host=...`, already decoded): a Unix socket path,
/// an IP address written without brackets, or a host name.
pub(crate) fn check_param_host(name: &str) -> Result<bool, ValueError> {
    if name.starts_with('/') {
        Ok(true)
    } else if name.parse::<IpAddr>().is_ok() {
        Ok(false)
    } else {
        check_plain_host_name(name).map(|()| false)
    }
}

/// Checks that every `%` of `raw` starts a `%XX` escape and that the decoded bytes are
/// UTF-8. `what` names the part, for the error.
pub(crate) fn check_encoding(raw: &str, what: &'static str) -> Result<(), ValueError> {
    if !raw.has_byte(b'%') {
        return Ok(());
    }
    if has_lone_percent(raw) {
        return Err(ValueError::new(format!(
            "bad percent-encoding in the {what}: a `%` must be followed by two hex digits \
             (write `%` itself as %25)"
        )));
    }
    check_decoded(raw, what)
}

/// Whether a `%` in `raw` is not followed by two hex digits.
pub(crate) fn has_lone_percent(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    for (i, &byte) in bytes.iter().enumerate() {
        if byte == b'%' && !crate::text::is_percent_escape(bytes, i) {
            return true;
        }
    }
    false
}

/// Checks that `raw` is UTF-8 once percent-decoded, a `%` that starts no escape kept.
fn check_decoded(raw: &str, what: &'static str) -> Result<(), ValueError> {
    if !raw.has_byte(b'%') {
        return Ok(());
    }
    if let Cow::Owned(mut decoded) = crate::text::percent_decode(raw) {
        let utf8 = std::str::from_utf8(&decoded).is_ok();
        // The decoded bytes may be a password.
        decoded.zeroize();
        if !utf8 {
            return Err(ValueError::new(format!(
                "the {what} is not UTF-8 once percent-decoded"
            )));
        }
    }
    Ok(())
}

/// Percent-decodes `raw`. Parts are checked when parsed, so this does not fail; a text
/// that was never checked decodes with invalid UTF-8 replaced.
pub(crate) fn decode(raw: &str) -> Cow<'_, str> {
    match crate::text::percent_decode(raw) {
        Cow::Borrowed(_) => Cow::Borrowed(raw),
        Cow::Owned(bytes) => Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ),
    }
}

/// A connection text and where its parts are: the state every service URL type keeps.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    pub(crate) text: String,
    pub(crate) uri: Uri,
    /// The hosts as the type reads them, ports defaulted; set by the type.
    pub(crate) hosts: Vec<Host>,
    /// The query is decoded as HTML forms are, `+` being a space: set by the types whose
    /// driver reads it so (those built on the `url` crate's `query_pairs`).
    pub(crate) plus_is_space: bool,
    /// Parameters' names are compared without case, as MongoDB's drivers compare them:
    /// set by `MongoUrl`.
    pub(crate) names_any_case: bool,
    /// The parameters the type knows: always shown by name, even one long enough to
    /// look like a token (`tlsDisableCertificateRevocationCheck`). Set by `MongoUrl`.
    pub(crate) known_names: &'static [&'static str],
}

impl Parsed {
    /// Keeps a copy of `text` with its parts, once `check` accepts it (the type's rules;
    /// it may set `hosts`). On an error the copy is wiped before it is dropped.
    pub(crate) fn checked(
        text: &str,
        uri: Uri,
        check: impl FnOnce(&mut Parsed) -> Result<(), ValueError>,
    ) -> Result<Parsed, ValueError> {
        // A thin shell around the closure, one copy per type; the rest is compiled once.
        let mut url = Parsed::new(text, uri);
        let verdict = check(&mut url);
        url.kept_if(verdict)
    }

    fn new(text: &str, uri: Uri) -> Parsed {
        let mut text = text.to_owned();
        // A scheme in another case, where the type's drivers read it so ([`Schemes`]), is
        // kept as they read it. ASCII only: the byte positions do not move.
        if let Some(scheme) = text.get_mut(uri.scheme.start..uri.scheme.end) {
            scheme.make_ascii_lowercase();
        }
        Parsed {
            text,
            uri,
            hosts: Vec::new(),
            plus_is_space: false,
            names_any_case: false,
            known_names: &[],
        }
    }

    /// `self` if `verdict` accepts it; otherwise the error, `self` wiped.
    fn kept_if(mut self, verdict: Result<(), ValueError>) -> Result<Parsed, ValueError> {
        match verdict {
            Ok(()) => Ok(self),
            Err(error) => {
                self.zeroize();
                Err(error)
            }
        }
    }

    pub(crate) fn raw(&self, span: Span) -> &str {
        span.of(&self.text)
    }

    /// The scheme, in lowercase: as written, or as its drivers read one written in another
    /// case ([`Schemes::any_case`]).
    pub(crate) fn scheme(&self) -> &str {
        self.raw(self.uri.scheme)
    }

    /// The user name of the user information, decoded; `None` if absent or empty.
    pub(crate) fn user(&self) -> Option<Cow<'_, str>> {
        let user = decode(self.raw(self.uri.user?));
        (!user.is_empty()).then_some(user)
    }

    /// The password of the user information, decoded; `None` if absent or empty (libpq
    /// and the WHATWG URL rules both treat an empty password as none).
    pub(crate) fn password(&self) -> Option<Secret<String>> {
        let raw = self.raw(self.uri.password?);
        (!raw.is_empty()).then(|| Secret::new(decode(raw).into_owned()))
    }

    /// The decoded `(name, value)` pairs of the query, in order.
    ///
    /// A piece that continues a credential ([`Parsed::tails`]) is given with an empty
    /// name and value, so that no warning or error repeats it: it may be the rest of a
    /// password.
    pub(crate) fn query(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> + '_ {
        self.uri.query.iter().zip(self.tails()).map(|(pair, tail)| {
            if tail {
                (Cow::Borrowed(""), Cow::Borrowed(""))
            } else {
                self.decoded(pair)
            }
        })
    }

    /// The pairs of [`query`](Self::query) that do not continue a credential: the
    /// parameters a warning may name.
    pub(crate) fn named_query(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> + '_ {
        self.uri
            .query
            .iter()
            .zip(self.tails())
            .filter(|(_, tail)| !tail)
            .map(|(pair, _)| self.decoded(pair))
    }

    /// A pair's name and value, decoded.
    fn decoded(&self, pair: &Pair) -> (Cow<'_, str>, Cow<'_, str>) {
        (
            self.decode_query(self.raw(pair.name)),
            self.decode_query(self.raw(pair.value)),
        )
    }

    /// The warning for the pieces of the query that continue a credential, if any: one,
    /// whatever their number, naming none of them; `consequence` says what the drivers do
    /// with such a piece.
    pub(crate) fn tail_warning(&self, consequence: &str, warn: &mut dyn FnMut(String)) {
        if self.tails().any(|tail| tail) {
            warn(format!(
                "a parameter without `=` or without a name right after a password or other \
                 credential ({consequence}); if it is the rest of the credential, write its \
                 `&` as %26"
            ));
        }
    }

    /// For each piece of the query, whether it continues a credential: a piece without
    /// `=`, or without a name (`=rest`), right after a credential parameter
    /// (`?password=Pw1&rest`, `?password=&rest`), after a credential in the path
    /// (`/v1;token=abc?rest`), or after another such piece. Most likely the rest of the
    /// credential, with a raw `&` or `?` in it. The drivers read it as a parameter of its
    /// own; the free-text masker, and so every output of this crate, as part of the
    /// credential: it is hidden in the redacted text and never named by a warning.
    ///
    /// One pass: whether a piece starts a credential is asked only when a piece shaped like
    /// a rest follows it, and at most once a piece.
    pub(crate) fn tails(&self) -> impl Iterator<Item = bool> + '_ {
        // The piece a rest would continue: `None` for the path, else the last piece
        // written `name=`, with what is known of it.
        let mut before: Option<(&Pair, Option<bool>)> = None;
        let mut path: Option<bool> = None;
        self.uri.query.iter().map(move |pair| {
            if pair.has_eq() && !pair.name.is_empty() {
                before = Some((pair, None));
                return false;
            }
            match &mut before {
                Some((start, known)) => *known.get_or_insert_with(|| self.starts_credential(start)),
                None => *path.get_or_insert_with(|| self.path_holds_credential()),
            }
        })
    }

    /// Whether the value of `pair` is a credential, or begins one: a credential
    /// parameter's (even empty: its rest may follow), or one that holds a credential.
    fn starts_credential(&self, pair: &Pair) -> bool {
        let sensitive = is_sensitive_param(&self.decode_query(self.raw(pair.name)));
        sensitive || self.hides_value(pair, sensitive)
    }

    /// The path after its first `/`, and whether it holds a credential setting
    /// (`/v1;token=...`), which the redacted text hides whole.
    fn path_after_slash(&self) -> Span {
        let path = self.uri.path;
        Span::new(
            path.start + usize::from(self.raw(path).starts_with('/')),
            path.end,
        )
    }

    fn path_holds_credential(&self) -> bool {
        let path = self.path_after_slash();
        !path.is_empty() && holds_credential(&decode(self.raw(path)))
    }

    /// Whether the redacted text hides the value of `pair`: a credential parameter's
    /// (`sensitive`: [`is_sensitive_param`] of its decoded name), or one that holds a
    /// credential.
    fn hides_value(&self, pair: &Pair, sensitive: bool) -> bool {
        !pair.value.is_empty()
            && (sensitive || holds_credential(&self.decode_query(self.raw(pair.value))))
    }

    /// Percent-decodes a piece of the query, `+` as a space if the type says so.
    fn decode_query<'a>(&self, raw: &'a str) -> Cow<'a, str> {
        if self.plus_is_space && raw.has_byte(b'+') {
            let mut spaced = String::with_capacity(raw.len());
            for c in raw.chars() {
                spaced.push(if c == '+' { ' ' } else { c });
            }
            Cow::Owned(decode(&spaced).into_owned())
        } else {
            decode(raw)
        }
    }

    /// Refuses a `+` in the query (names and values), where the drivers differ on it:
    /// `drivers` says how, and the message ends with the two encodings that read alike.
    pub(crate) fn no_plus_in_query(&self, drivers: &'static str) -> Result<(), ValueError> {
        let mut plus = false;
        for pair in &self.uri.query {
            plus |= self.raw(pair.name).has_byte(b'+') || self.raw(pair.value).has_byte(b'+');
        }
        if plus {
            Err(ValueError::new(format!(
                "a `+` in a parameter: {drivers}; write %2B for a plus sign, %20 for a space"
            )))
        } else {
            Ok(())
        }
    }

    /// Refuses a parameter given twice: drivers differ on which one counts (the first,
    /// the last, or both).
    pub(crate) fn no_repeated_params(&self) -> Result<(), ValueError> {
        self.no_repeated_params_alike(&[], "")
    }

    /// [`no_repeated_params`](Self::no_repeated_params), where the names of one group of
    /// `alike` are one parameter to `driver` (sqlx reads `sslmode` and `ssl-mode` alike, and
    /// takes the last): `?sslmode=require&ssl-mode=disable` is refused too.
    pub(crate) fn no_repeated_params_alike(
        &self,
        alike: &[&[&str]],
        driver: &str,
    ) -> Result<(), ValueError> {
        // The group of a name, so that alike names compare equal.
        let key = |name: &str| -> Option<usize> {
            for (group, names) in alike.iter().enumerate() {
                if names.contains(&name) {
                    return Some(group);
                }
            }
            None
        };
        let mut seen: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
        for (name, value) in self.named_query() {
            let of = key(&name);
            let mut first = None;
            for (other, other_value) in &seen {
                if *other == name || (of.is_some() && key(other) == of) {
                    first = Some((other, other_value));
                    break;
                }
            }
            if let Some((first, first_value)) = first {
                let named = match (show::param_name(first), show::param_name(&name)) {
                    (Some(first), Some(name)) if first != name => {
                        return Err(ValueError::new(format!(
                            "`{first}` and `{name}` are one parameter to {driver}, given twice: \
                             {driver} takes the last, other drivers the first or neither; give \
                             it once"
                        )));
                    }
                    (_, Some(name)) => format!("the parameter `{name}` is"),
                    _ => "a parameter is".to_owned(),
                };
                // The same value twice reads alike everywhere, but is refused all the same:
                // one of them is most often a leftover.
                let why = if *first_value == value {
                    "with the same value (drivers differ on which one counts when they differ)"
                } else {
                    "drivers differ on which one counts"
                };
                return Err(ValueError::new(format!(
                    "{named} given twice: {why}; give it once"
                )));
            }
            seen.push((name, value));
        }
        Ok(())
    }

    /// Warns of every parameter of the query not among `known` (see [`unknown_param`]).
    pub(crate) fn unknown_params(
        &self,
        known: &[&str],
        consequence: &str,
        warn: &mut dyn FnMut(String),
    ) {
        for (name, _) in self.named_query() {
            if !known.contains(&&*name) {
                warn(unknown_param(&name, known, consequence));
            }
        }
        self.tail_warning(consequence, warn);
    }

    /// The decoded value of the first query parameter called `name`.
    pub(crate) fn param(&self, name: &str) -> Option<Cow<'_, str>> {
        for (n, value) in self.query() {
            if n == name || (self.names_any_case && crate::text::eq_ignore_case(&n, name)) {
                return Some(value);
            }
        }
        None
    }

    /// The decoded value of the first query parameter called `name`, if not empty.
    pub(crate) fn nonempty_param(&self, name: &str) -> Option<Cow<'_, str>> {
        let value = self.param(name)?;
        (!value.is_empty()).then_some(value)
    }

    /// The path as written, with its leading `/`.
    pub(crate) fn path(&self) -> &str {
        self.raw(self.uri.path)
    }

    /// The path without its leading `/`, decoded; `None` if that leaves nothing.
    pub(crate) fn path_segment(&self) -> Option<Cow<'_, str>> {
        let path = self.path();
        let path = path.strip_prefix('/').unwrap_or(path);
        (!path.is_empty()).then(|| decode(path))
    }

    /// The hosts of the authority, decoded, each with its port or `default_port`.
    pub(crate) fn uri_hosts(&self, default_port: u16) -> Vec<Host> {
        let mut hosts = Vec::with_capacity(self.uri.hosts.len());
        for host in &self.uri.hosts {
            hosts.push(Host::new(
                decode(self.raw(host.name)).into_owned(),
                host.port.unwrap_or(default_port),
                host.socket,
            ));
        }
        hosts
    }

    /// The text with every credential replaced by `***`:
    ///
    /// - the password, and the user name when it looks like a token
    ///   ([`looks_like_token`]) or, with `lone_user`, whenever it comes without a password
    ///   (`https://TOKEN@host`);
    /// - the values of sensitive parameters: those named by [`is_sensitive_param`] (Redis'
    ///   `pass` and an Azure signature's `sig` among them); a parameter's name when it is
    ///   not a plain name ([`show::param_name`]: `pw%3Dhunter2`, a token);
    /// - any query value, path or fragment whose decoded text holds a sensitive
    ///   `name=value` setting (`options=-c password=...`, `?a=1;password=x`,
    ///   `/db;password=x`, `#access_token=...`) or anything else the free-text masker would
    ///   hide (`?next=https://admin:...@internal/`), whole; and a segment of the path or a
    ///   fragment that looks like a token ([`looks_like_token`]: a webhook's token in
    ///   Slack's `/services/T…/B…/<token>`, an ID of 32 characters or more).
    pub(crate) fn redacted(&self, lone_user: bool) -> String {
        // The parts are taken in the order of the text (user, password, path, query,
        // fragment), so that the spans to hide need no sorting.
        let mut hidden = Vec::new();
        let password = self.uri.password.and_then(nonempty);
        if let Some(user) = self.uri.user.and_then(nonempty) {
            if looks_like_token(&decode(self.raw(user))) || (lone_user && password.is_none()) {
                hidden.push(user);
            }
        }
        if let Some(password) = password {
            hidden.push(password);
        }
        let after_slash = self.path_after_slash();
        // The path's credential, or a query parameter's: a piece without `=` or a fragment
        // right after it is its rest (`?password=Pw1#rest`), as the masker reads it.
        let mut in_credential = self.path_holds_credential();
        if in_credential {
            hidden.push(after_slash);
        } else if show::is_web_scheme(self.scheme()) {
            // A webhook's or a bot's token sits in the path (Slack's
            // `/services/T…/B…/<token>`, Telegram's `/bot<id>:<token>/sendMessage`); a
            // database's, a cache's or a queue's path names a database.
            let mut start = after_slash.start;
            for segment in self.raw(after_slash).split('/') {
                let end = start + segment.len();
                if show::is_token_segment(segment) {
                    hidden.push(Span::new(start, end));
                }
                start = end + 1;
            }
        }
        for (pair, tail) in self.uri.query.iter().zip(self.tails()) {
            if tail {
                // The whole piece (its name, and a value after `=`), joined to the
                // credential it continues when only the `&` is between them: one `***`,
                // as the masker writes it, however many pieces the rest has.
                match hidden.last_mut() {
                    Some(last) if last.end + 1 == pair.name.start => last.end = pair.value.end,
                    _ => hidden.push(Span::new(pair.name.start, pair.value.end)),
                }
                in_credential = true;
                continue;
            }
            let name = self.decode_query(self.raw(pair.name));
            // A name that is not a plain name (`pw%3Dhunter2`, a token) may be a setting or
            // a credential pasted where a name goes.
            let known = self
                .known_names
                .iter()
                .any(|known| crate::text::eq_ignore_case(known, &name));
            if !pair.name.is_empty() && !known && show::param_name(&name).is_none() {
                hidden.push(pair.name);
            }
            let sensitive = is_sensitive_param(&name);
            let hides = self.hides_value(pair, sensitive);
            if hides {
                hidden.push(pair.value);
            }
            // Even empty, a credential's value may go on after a raw `#`
            // (`?password=#rest`), as [`Parsed::tails`] reads it after a raw `&`; not a
            // name without `=`, which the masker does not read as a credential either.
            in_credential = hides || (pair.has_eq() && sensitive);
        }
        if let Some(fragment) = self.uri.fragment.and_then(nonempty) {
            let decoded = decode(self.raw(fragment));
            if in_credential || holds_credential(&decoded) || looks_like_token(&decoded) {
                hidden.push(fragment);
            }
        }
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for span in hidden {
            out.push_str(self.text.get(at..span.start).unwrap_or(""));
            out.push_str(MASK);
            at = span.end;
        }
        out.push_str(self.text.get(at..).unwrap_or(""));
        out
    }

    /// Wipes the text and forgets where its parts were.
    pub(crate) fn zeroize(&mut self) {
        self.text.zeroize();
        self.uri = Uri::default();
        self.hosts.clear();
    }

    // Checks shared by the types. `kind` begins the message: "a Redis URL".

    /// `//` must follow the scheme.
    pub(crate) fn require_authority(&self, example: &'static str) -> Result<(), ValueError> {
        if self.uri.has_authority {
            Ok(())
        } else {
            Err(ValueError::new(format!(
                "expected `//` after the scheme, as in {example}"
            )))
        }
    }

    /// Every host name that is not a socket path written as the resolver reads it: no
    /// `%` escape, and with `ascii` only ASCII. `drivers` (who takes it as written, so that
    /// `my%2Dhost` or `münchen.example` is a name no resolver finds) ends the first
    /// sentence of the error. An IPv6 address in brackets is checked elsewhere.
    pub(crate) fn hosts_as_written(&self, drivers: &str, ascii: bool) -> Result<(), ValueError> {
        for host in &self.uri.hosts {
            let name = self.raw(host.name);
            if host.socket || name.has_byte(b':') {
                continue;
            }
            if name.has_byte(b'%') {
                return Err(ValueError::new(format!(
                    "a percent-encoded host name: {drivers}; write the name itself"
                )));
            }
            if ascii && !name.is_ascii() {
                return Err(ValueError::new(format!(
                    "a host name with letters beyond ASCII: {drivers}; write its ASCII \
                     (IDNA) form, as xn--mnchen-3ya.example for münchen.example"
                )));
            }
        }
        Ok(())
    }

    /// Exactly one host.
    pub(crate) fn one_host(&self, kind: &'static str) -> Result<(), ValueError> {
        match self.uri.hosts.len() {
            0 => Err(ValueError::new("missing host")),
            1 => Ok(()),
            _ => Err(ValueError::new(format!(
                "{kind} takes one host, not a list"
            ))),
        }
    }

    /// Exactly one host, a network host (not a Unix socket).
    pub(crate) fn one_network_host(&self, kind: &'static str) -> Result<(), ValueError> {
        self.one_host(kind)?;
        self.network_hosts(kind)
    }

    /// No host is a Unix socket path.
    pub(crate) fn network_hosts(&self, kind: &'static str) -> Result<(), ValueError> {
        let mut socket = false;
        for host in &self.uri.hosts {
            socket |= host.socket;
        }
        if socket {
            Err(ValueError::new(format!(
                "{kind} takes a host name or address, not a Unix socket path"
            )))
        } else {
            Ok(())
        }
    }

    /// No `#fragment`.
    pub(crate) fn no_fragment(&self, kind: &'static str) -> Result<(), ValueError> {
        match self.uri.fragment {
            Some(_) => Err(ValueError::new(format!(
                "{kind} has no `#` part (write `#` in a name or password as %23)"
            ))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Uri, ValueError> {
        let colon = text.find(':').unwrap();
        Uri::parse(text, colon, true)
    }

    fn parsed(text: &str) -> Parsed {
        Parsed {
            text: text.to_owned(),
            uri: parse(text).unwrap(),
            ..Parsed::default()
        }
    }

    #[test]
    fn splits_every_part() {
        let p = parsed("x://u%40s:p%3Aw@h1:1,[::1]:2,h3/p%2Fq?a=1&b&&c=%26#frag");
        assert_eq!(p.user().as_deref(), Some("u@s"));
        assert_eq!(p.password().unwrap().expose(), "p:w");
        let hosts = p.uri_hosts(9);
        let names: Vec<_> = hosts.iter().map(|h| (h.name(), h.port())).collect();
        assert_eq!(names, [("h1", 1), ("::1", 2), ("h3", 9)]);
        assert_eq!(p.path(), "/p%2Fq");
        assert_eq!(p.path_segment().as_deref(), Some("p/q"));
        let query: Vec<_> = p.query().collect();
        assert_eq!(
            query,
            [
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c".into(), "&".into())
            ]
        );
        assert_eq!(p.raw(p.uri.fragment.unwrap()), "frag");
    }

    #[test]
    fn userinfo_ends_at_the_last_at_sign() {
        let p = parsed("x://u:p@ss@host/db");
        assert_eq!(p.user().as_deref(), Some("u"));
        assert_eq!(p.password().unwrap().expose(), "p@ss");
        assert_eq!(p.uri_hosts(1)[0].name(), "host");
        assert_eq!(p.redacted(false), "x://u:***@host/db");
    }

    #[test]
    fn unencoded_slash_in_a_password_is_explained() {
        for text in ["x://u:Qz/Jx@h/db", "x://u:Qz?Jx@h/db", "x://u:Qz#Jx@h/db"] {
            let reason = parse(text).unwrap_err().reason().to_owned();
            assert!(reason.contains("percent-encoded"), "{text}: {reason}");
            assert!(!reason.contains("Qz") && !reason.contains("Jx"), "{reason}");
        }
        // An `@` in a query value is fine.
        assert!(parse("x://h/db?email=a@b").is_ok());
    }

    #[test]
    fn socket_paths_in_place_of_a_host() {
        let p = parsed("x://%2Fvar%2Frun%2Fpostgresql/db");
        let host = &p.uri_hosts(5432)[0];
        assert!(host.is_socket());
        assert_eq!(host.name(), "/var/run/postgresql");
    }

    #[test]
    fn bad_hosts_and_ports() {
        let cases = [
            ("x://h:99999", "out of range"),
            ("x://h:0", "out of range"),
            ("x://h:8o", "not a number"),
            ("x://::1/db", "brackets"),
            ("x://[::1/db", "closing"),
            ("x://[zz]:1", "not an IPv6"),
            ("x://[::1]x", "unexpected text"),
            ("x://h1,,h2", "missing"),
            ("x://h1,", "missing"),
            ("x://:5432/db", "empty"),
            ("x://h%zz", "percent-encoding in the host"),
            ("x://h/p%4", "percent-encoding in the path"),
            ("x://u:%FF@h", "not UTF-8"),
            ("x://h$x", "character"),
        ];
        for (text, want) in cases {
            let reason = parse(text).unwrap_err().reason().to_owned();
            assert!(reason.contains(want), "{text}: {reason}");
        }
        // In the user information, a `%` that starts no escape is a `%`, as the Rust
        // drivers' `percent_decode` reads it; two hex digits and nothing else are an
        // escape (not `%+1`).
        for (text, user, password) in [
            ("x://u:p%4@h", "u", "p%4"),
            ("x://u%:50%off@h", "u%", "50%off"),
            ("x://u:%+1x@h", "u", "%+1x"),
            ("x://u:a%41%zz@h", "u", "aA%zz"),
        ] {
            let url = parsed(text);
            assert_eq!(url.user().as_deref(), Some(user), "{text}");
            assert_eq!(
                url.password().as_ref().map(|p| p.expose().as_str()),
                Some(password),
                "{text}"
            );
        }
    }

    #[test]
    fn schemes_are_checked_without_echo() {
        let mut schemes = Schemes {
            names: &["redis", "rediss"],
            listed: "redis:// or rediss://",
            any_case: false,
        };
        assert_eq!(scheme("rediss://h", &schemes).unwrap(), ("rediss", 6));
        let reason = |t| scheme(t, &schemes).unwrap_err().reason().to_owned();
        assert_eq!(
            reason("secret://h"),
            "unsupported scheme; use redis:// or rediss://"
        );
        assert!(reason("REDIS://h").contains("lowercase"));
        assert!(reason("hunter2").starts_with("not a URL"));
        assert!(reason("redis://h\n").contains("control"));
        // Where the drivers read a scheme in any case.
        schemes.any_case = true;
        assert_eq!(scheme("ReDiSs://h", &schemes).unwrap(), ("rediss", 6));
    }

    #[test]
    fn redaction_hides_password_and_sensitive_values() {
        let p = parsed("x://u:pw@h/db?sslmode=require&sslpassword=k&token=t&pass=z&x=");
        assert_eq!(
            p.redacted(false),
            "x://u:***@h/db?sslmode=require&sslpassword=***&token=***&pass=***&x="
        );
        assert_eq!(parsed("x://tok@h/").redacted(true), "x://***@h/");
        assert_eq!(parsed("x://tok@h/").redacted(false), "x://tok@h/");
    }

    #[test]
    fn wiped_state_answers_without_panicking() {
        let mut p = parsed("x://u:pw@h/db?token=t");
        p.zeroize();
        assert_eq!(p.text, "");
        assert!(p.user().is_none() && p.password().is_none());
        assert_eq!(p.redacted(true), "");
        assert_eq!(p.raw(Span::new(3, 9)), "");
    }

    #[test]
    fn settings_holding_a_credential() {
        for text in [
            "-c password=x",
            "--password=x",
            "-cpassword=x",
            "1;password=x",
            "access_token=x&state=1",
            "sig=x",
        ] {
            assert!(holds_credential(text), "{text}");
        }
        for text in ["-c search_path=app", "billing", "a=1;b=2", ""] {
            assert!(!holds_credential(text), "{text}");
        }
    }

    #[test]
    fn plus_as_the_driver_reads_it() {
        let mut p = parsed("x://h/?a=b+c%2Bd");
        assert_eq!(p.param("a").as_deref(), Some("b+c+d"));
        p.plus_is_space = true;
        assert_eq!(p.param("a").as_deref(), Some("b c+d"));
        assert!(p.no_plus_in_query("they differ").is_err());
        assert!(parsed("x://h/?a=b%2Bc").no_plus_in_query("").is_ok());
    }

    #[test]
    fn repeated_parameters_are_named_unless_tokens() {
        assert!(parsed("x://h/?a=1&b=2").no_repeated_params().is_ok());
        let reason = |text| {
            parsed(text)
                .no_repeated_params()
                .unwrap_err()
                .reason()
                .to_owned()
        };
        assert!(reason("x://h/?a=1&a=1").contains("`a`"));
        assert!(reason("x://h/?a=1&a=1").contains("with the same value"));
        assert!(reason("x://h/?a=1&a=2").contains("given twice: drivers differ"));
        assert!(!reason("x://h/?Sup3rS3cretT0k3n1&Sup3rS3cretT0k3n1").contains("Sup3r"));
    }
}
