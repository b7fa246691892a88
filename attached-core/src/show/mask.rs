//! Masking of credentials inside free text: the safety net for values that are not typed.
//! Which names are secret is decided in [`names`](super::names), which the masker asks.
//! The rules err toward hiding: over-redacting costs a line of log, under-redacting leaks
//! a credential.
//!
//! The masker runs in time linear in its text, whatever the text: each of its passes moves
//! forward, and a scan that many candidates share (to the end of a value, of a URL, of a
//! line) is done once for all of them, never again from each match.

use std::borrow::Cow;

use super::names::{
    flag_names_a_credential, is_secret_name, is_sensitive_param, names_a_credential,
};
use super::{MASK, is_token_segment, looks_like_token};
use crate::text::{
    self, bytes_eq_ignore_case, contains_ignore_case, ends_with_ignore_case, eq_ignore_case,
    starts_with_ignore_case,
};

/// Masks credentials inside free text, keeping the rest readable:
///
/// - in `scheme://user:password@host`, the password, even when it holds characters a URL
///   cannot (a space, a quote, a line break), and in a list of URLs each one's own;
/// - in a `scheme://` URL, each segment of its path that holds a token (decoded, 16
///   characters or more with letters and digits, or 32 or more: a Slack or Discord
///   webhook's, a Telegram bot's `bot<id>:<token>`), in every URL whatever its scheme, as
///   the service URL types hide them, so that a URL reads alike in a `String` field and
///   an `HttpUrl` one; a long slug or a file name with a version
///   (`tool-1.2.3-x86_64.tar.gz`) is hidden too, which costs little; a query value is
///   hidden by its name only, and a fragment for what it holds (`#access_token=...`);
/// - in `scheme://user@host`, the user when the scheme is `http` or `https` or the user
///   looks like a token (a Sentry DSN, `https://TOKEN@github.com`);
/// - in `user:password@host` without a scheme, the password (`http_proxy` values, Go's
///   MySQL `user:pass@tcp(host:3306)/db`), and in Oracle's `user/password@host` too; an
///   e-mail address `user@example.com` has no password and stays as it is;
/// - the value of every `name=value`, `"name": value` (JSON, also inside a `Debug` string
///   with its quotes escaped, an escaped quote inside the value too), `name: value` (a
///   header, YAML, a YAML block's indented lines, their line breaks as they are or as
///   `Debug` escapes them) and `("name", "value")` (a pair as `Debug` writes it) whose name
///   is sensitive (see [`is_sensitive_param`]), as in query strings
///   (`?token=...&`) and keyword connection strings (`host=db password=...`), and of
///   `name := value` and `name == value`; a quoted value to its closing quote (`\'` and a
///   doubled quote do not close it), with the text joined to it (`password='a'b`, one
///   word to a shell); after YAML's tag or anchor (`password: !!str ...`); of an
///   `Authorization` header, with or without a space after the `:`, all that follows its
///   scheme (`Bearer`, `Basic`, `Token`, `Digest`, `AWS4-HMAC-SHA256`, ...) on the line,
///   Digest's quoted parameters too;
/// - of a `Cookie` or `Set-Cookie` header (any case, with or without a space after the
///   `:`), its whole value to the end of the line or the quote that closes the text it is
///   written in (`Cookie: ***`), not each cookie's value: a cookie's name is the
///   application's choice and does not say which one is the session, and the names and
///   `Set-Cookie`'s attributes (`Path`, `Expires`) are little to lose. A cookie's quoted
///   value (`a="x y"`) and a `'` in one do not end it;
/// - the value member of a mapping that names its setting in another member, when that
///   name is a credential's (`{"name": "DB_PASSWORD", "value": "..."}`, in YAML
///   `- name: DB_PASSWORD` and `value: ...` below it, in single quotes or a flow mapping,
///   AWS's `"Key"`/`"Value"` and `"ParameterKey"`/`"ParameterValue"`), and of an object
///   under a credential's name or marked `"sensitive": true` (Terraform's outputs,
///   `"db_password": {"sensitive": true, "value": "..."}`); and a quoted value right after a credential's name and a `:`
///   (`password:"..."`, as GraphQL and JavaScript write it);
/// - the token after the word `Bearer`, the base64 of `user:password` after the word
///   `Basic` (not a word of prose: "Basic setup"), and the word after a command-line
///   option whose name is sensitive (`--password hunter2`, `--pass x`, `-password x`,
///   `keytool -storepass x`, `--password,x` in arguments joined by commas);
/// - the password in an option of a client's command line, after a word naming the
///   client on the same line (`/usr/bin/mysqldump`, `sudo curl`): glued to a MySQL or
///   MariaDB client's `-p` (`mysql -uroot -pS3cret`, `mysqldump -p'S3 cret'`); after the
///   `:` of curl's `-u`, `--user`, `-U` or `--proxy-user` (`curl -u bob:S3cret`); the
///   argument of `redis-cli -a` or `--pass`, and of `sshpass -p` (not of the command it
///   runs: `sshpass -p S3cret ssh -p 2222 host`); elsewhere `-p` is most often a port
///   (`ssh -p2222`, `docker run -p8080:80`) and stays;
/// - in a `.netrc` file's text, the value after each word `password`, once a word
///   `machine` or `default` has begun an entry (`machine h login bob password S3cret`);
/// - a JSON Web Token (`eyJ...` and two `.` or more), whole, wherever it is;
/// - the text of an XML element whose name is sensitive (`<password>`, `<apiKey>`), CDATA
///   too, when its closing tag follows (`Vec<Token>` is not one), and of the element after
///   a property list's sensitive `<key>`;
/// - the body of an armoured private key, from the end of its `BEGIN` line to its `END`
///   line, or to the end of the text when that is missing or cut short: a PEM key's
///   `-----BEGIN ... PRIVATE KEY-----` (any label with `PRIVATE` in it: RSA, EC, OpenSSH,
///   encrypted, PGP) and an SSH2 key's `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----`
///   (RFC 4716's armour), its headers (`Comment:`) too;
/// - in a PuTTY key (`.ppk`), its private lines and its `Private-MAC`, to the end of the
///   text when the MAC is missing; its public lines stay.
///
/// This is the safety net for values that are not typed as secrets: a connection string
/// read into a plain `String` still prints with its password hidden. It runs in time
/// linear in the length of `text`.
///
/// ```
/// use attached::mask;
/// assert_eq!(mask("postgres://app:hunter2@db/billing"), "postgres://app:***@db/billing");
/// assert_eq!(mask("https://h/x?sig=1&token=abc"), "https://h/x?sig=***&token=***");
/// assert_eq!(
///     mask("https://hooks.slack.com/services/T0/B0/XXXXsl4ckT0k3nXXXXXXXXXX"),
///     "https://hooks.slack.com/services/T0/B0/***"
/// );
/// assert_eq!(mask("host=db password=hunter2 port=5432"), "host=db password=*** port=5432");
/// assert_eq!(mask("app:hunter2@tcp(db:3306)/billing"), "app:***@tcp(db:3306)/billing");
/// assert_eq!(mask(r#"{"password": "hunter2"}"#), r#"{"password": "***"}"#);
/// assert_eq!(mask("Authorization: Bearer abc"), "Authorization: Bearer ***");
/// assert_eq!(mask("Authorization:Token abc"), "Authorization:Token ***");
/// assert_eq!(mask("Cookie: session=abc; theme=dark"), "Cookie: ***");
/// assert_eq!(mask("<password>hunter2</password>"), "<password>***</password>");
/// assert_eq!(mask("id eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"), "id ***");
/// assert_eq!(mask("mysql -uroot -phunter2 billing"), "mysql -uroot -p*** billing");
/// assert_eq!(mask("ssh -p2222 host"), "ssh -p2222 host");
/// assert_eq!(mask("curl -u bob:hunter2 https://x"), "curl -u bob:*** https://x");
/// assert_eq!(
///     mask("machine db login bob password hunter2"),
///     "machine db login bob password ***"
/// );
/// assert_eq!(
///     mask("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n"),
///     "-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----\n"
/// );
/// assert_eq!(mask("mail ops@example.com"), "mail ops@example.com");
/// assert_eq!(mask("plain text"), "plain text");
/// ```
pub fn mask(text: &str) -> Cow<'_, str> {
    masked(text, &hidden_spans(text))
}

/// [`mask`] of a value's `Debug` (a type read by a `with` function, a list): what the
/// masker hides in the text as `Debug` writes it, and what it hides in that text with the
/// escapes of its strings read (`\"` as `"`, `\n` as a line break, `\\` as `\`, ...), so
/// that a value's own quotes and lines are read as written (`<add key="DbPassword"
/// value="..."/>` inside `Conn("...")`).
pub(crate) fn mask_debug(text: &str) -> Cow<'_, str> {
    let spans = Spans(hidden_spans(text));
    if !text.as_bytes().contains(&b'\\') {
        return masked(text, &spans.0);
    }
    let (read, starts) = unescaped(text);
    // Where the byte `i` of the text read came from in the text as written.
    let from = |i: usize| starts.get(i).copied().unwrap_or(text.len());
    let mut found = Spans::default();
    for (start, end) in hidden_spans(&read) {
        found.add(from(start), from(end));
    }
    masked(text, &spans.merge(found).0)
}

/// `text` with the escapes of Rust's `Debug` of strings read, and where each of its bytes
/// began in `text`. An escape it does not know stays as written.
fn unescaped(text: &str) -> (String, Vec<usize>) {
    let b = text.as_bytes();
    let mut read = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let (c, len) = match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'n')) => ('\n', 2),
            (b'\\', Some(b'r')) => ('\r', 2),
            (b'\\', Some(b't')) => ('\t', 2),
            (b'\\', Some(b'0')) => ('\0', 2),
            (b'\\', Some(&q @ (b'"' | b'\'' | b'\\'))) => (char::from(q), 2),
            (b'\\', Some(b'u')) => match unicode_escape(&b[i..]) {
                Some((c, len)) => (c, len),
                None => ('\\', 1),
            },
            _ => {
                let c = text[i..].chars().next().expect("a char at a boundary");
                (c, c.len_utf8())
            }
        };
        for _ in 0..c.len_utf8() {
            starts.push(i);
        }
        read.push(c);
        i += len;
    }
    (read, starts)
}

/// The character of a `\u{...}` escape at the start of `b`, and the escape's length.
fn unicode_escape(b: &[u8]) -> Option<(char, usize)> {
    let digits = b.strip_prefix(b"\\u{")?;
    let len = count_while(digits, |c| c.is_ascii_hexdigit());
    if !(1..=6).contains(&len) || digits.get(len) != Some(&b'}') {
        return None;
    }
    let hex = std::str::from_utf8(&digits[..len]).ok()?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, len + 4))
}

/// `text` with `spans` ([`hidden_spans`] of it) replaced by `***`.
pub(crate) fn masked<'t>(text: &'t str, spans: &[(usize, usize)]) -> Cow<'t, str> {
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for &(start, end) in spans {
        out.push_str(&text[at..start.max(at)]);
        out.push_str(MASK);
        at = at.max(end);
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The byte ranges of `text` that [`mask`] hides, in order and apart.
pub(crate) fn hidden_spans(text: &str) -> Vec<(usize, usize)> {
    // Each pass finds one kind of credential, its spans in the order of the text.
    const PASSES: [fn(&str, &mut Spans); 14] = [
        url_credentials,
        |text, spans| bare_userinfo(text.as_bytes(), spans),
        sensitive_pairs,
        named_values,
        |text, spans| scheme_credentials(text.as_bytes(), spans),
        json_web_tokens,
        |text, spans| vendor_tokens(text.as_bytes(), spans),
        xml_elements,
        private_keys,
        putty_keys,
        flag_values,
        |text, spans| client_passwords(text.as_bytes(), spans),
        |text, spans| netrc_passwords(text.as_bytes(), spans),
        |text, spans| statement_passwords(text.as_bytes(), spans),
    ];
    let mut spans = Spans::default();
    for pass in PASSES {
        let mut found = Spans::default();
        pass(text, &mut found);
        spans = spans.merge(found);
    }
    spans.0
}

/// Byte ranges to hide, sorted and apart: a range added overlapping or touching the last
/// one joins it. Ranges are added in order of their start.
#[derive(Default)]
struct Spans(Vec<(usize, usize)>);

impl Spans {
    fn add(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        match self.0.last_mut() {
            Some(last) if start <= last.1 => {
                debug_assert!(start >= last.0, "ranges added out of order");
                last.0 = last.0.min(start);
                last.1 = last.1.max(end);
            }
            _ => self.0.push((start, end)),
        }
    }

    /// The union of two lists, in one pass over both.
    fn merge(self, other: Spans) -> Spans {
        let mut out = Spans(Vec::with_capacity(self.0.len() + other.0.len()));
        let (mut a, mut b) = (
            self.0.into_iter().peekable(),
            other.0.into_iter().peekable(),
        );
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some((start, end)) => out.add(start, end),
                None => return out,
            }
        }
    }
}

/// The first byte at or after a position that ends a run (of a value, a line...), for
/// positions asked in increasing order: what one question scanned answers the next ones
/// that start inside it, so each byte is looked at once however many runs start before it.
/// Whether a byte ends a run may depend on the bytes beside it (a cookie header's quotes),
/// never on where the run began.
struct Stops {
    ends: fn(&[u8], usize) -> bool,
    /// No byte in `from..to` ends a run; `to` does, or is the end of the text.
    from: usize,
    to: usize,
}

impl Stops {
    fn new(ends: fn(&[u8], usize) -> bool) -> Self {
        Stops {
            ends,
            from: 1,
            to: 0,
        }
    }

    fn next(&mut self, b: &[u8], at: usize) -> usize {
        if !(self.from <= at && at <= self.to) {
            self.from = at;
            self.to = at;
            while self.to < b.len() && !(self.ends)(b, self.to) {
                self.to += 1;
            }
        }
        self.to
    }
}

/// Bytes that end a URL inside free text: white space, the quotes of a `Debug` string,
/// angle brackets. Not `'`: RFC 3986 allows it unencoded in a password.
fn ends_url(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b'"' | b'<' | b'>')
}

/// Bytes that end the value of a `name=value` pair.
fn ends_value(c: u8) -> bool {
    ends_url(c) || matches!(c, b'\'' | b'`' | b'&' | b';' | b',')
}

/// Whether the byte at `i` ends an unquoted setting's value: what ends a value
/// ([`ends_value`]), but a `&`, `;` or `,` only before another setting (`name=`), white
/// space or the end (a doubled one, at its second): `password=Ab;cd port=5432` hides
/// `Ab;cd` (libpq's values run to white space), `Server=db;Password=x;Database=y` ends at
/// the `;` (ADO.NET's). The name after a separator is looked at by that separator alone:
/// each byte once more at most.
fn ends_a_setting_value(b: &[u8], i: usize) -> bool {
    if !matches!(b[i], b'&' | b';' | b',') {
        return ends_value(b[i]);
    }
    let name = i + 1 + count_while(&b[i + 1..], is_blank);
    let len = count_while(&b[name..], |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']')
    });
    match b.get(name + len) {
        None => len == 0,
        // A separator doubled (`password=Pw1&&rest`): the second one decides, as the
        // service types read a piece without `=` after a credential as its rest.
        Some(b'&' | b';' | b',') if len == 0 => false,
        Some(&c) => (len > 0 && c == b'=') || (len == 0 && ends_value(c)),
    }
}

/// Bytes that end an unquoted value in JSON.
fn ends_json_value(c: u8) -> bool {
    ends_value(c) || matches!(c, b'}' | b']')
}

/// Whether the byte at `i` ends the credentials of an `Authorization` header written in
/// text: what ends a cookie header's value ([`ends_cookie_header`]), and `'`, `<`, `>` or a
/// backtick, which a credential does not hold. Digest's quoted parameters
/// (`username="a", response="..."`) do not end it.
fn ends_authorization(b: &[u8], i: usize) -> bool {
    matches!(b[i], b'\'' | b'`' | b'<' | b'>') || ends_cookie_header(b, i)
}

/// Whether the byte at `i` ends the value of a `Cookie` or `Set-Cookie` header written in
/// text: a line break, or a `"` that closes the text the header is written in
/// (`-H "Cookie: a=1"`, a `Debug` string, a JSON string in a list). Not a `"` that opens a
/// quoted value (after `=`) or closes one before the next (before `;`, or before `,` and
/// `name=`: `a="x", b=1`), nor an escaped one; nor `'`, `<`, `>` or a backtick, which a
/// cookie's value may hold.
fn ends_cookie_header(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'\r' => true,
        b'"' => {
            let opens_or_escaped = i > 0 && matches!(b[i - 1], b'=' | b'\\');
            let closes_one = match b.get(i + 1) {
                Some(b';') => true,
                // The blanks and the name after a `,` are looked at by this quote alone:
                // each byte once.
                Some(b',') => {
                    let name = i + 2 + count_while(&b[i + 2..], is_blank);
                    let len = count_while(&b[name..], |c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')
                    });
                    len > 0 && b.get(name + len) == Some(&b'=')
                }
                _ => false,
            };
            !(opens_or_escaped || closes_one)
        }
        _ => false,
    }
}

/// Whether a header's name is a cookie header's: `Cookie`, `Set-Cookie`, `Cookies`, in
/// any case.
fn is_cookie_header(name: &str) -> bool {
    ends_with_ignore_case(name.as_bytes(), b"cookie")
        || ends_with_ignore_case(name.as_bytes(), b"cookies")
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

// ---- scheme://user:password@host ----

/// Masks the credentials of every `scheme://` URL: its userinfo, and each segment of its
/// path that holds a token ([`path_tokens`]). A URL's text runs to where the next URL's
/// scheme begins, so in `postgres://u:p1@h1/db,postgres://u:p2@h2/db` each password is
/// looked for in its own URL.
fn url_credentials(text: &str, spans: &mut Spans) {
    let b = text.as_bytes();
    let Some(mut sep) = text::find(text, "://") else {
        return;
    };
    let mut scheme = scheme_start(b, sep, 0);
    loop {
        let start = sep + 3;
        let next = text::find(&text[start..], "://").map(|i| start + i);
        let next_scheme = next.map(|n| scheme_start(b, n, start));
        let end = next_scheme.unwrap_or(b.len());
        let host = authority(text, &text[scheme..sep], start, end, spans);
        if is_web_scheme(&text[scheme..sep]) {
            path_tokens(text, host, end, spans);
        }
        match (next, next_scheme) {
            (Some(n), Some(s)) => (sep, scheme) = (n, s),
            _ => return,
        }
    }
}

/// Whether a URL's scheme is `http` or `https`, in any case: the URLs whose paths carry
/// webhooks' and bots' tokens. A database's, a cache's or a queue's path names a database
/// (`/billing_production_2024`), not a credential.
pub(crate) fn is_web_scheme(scheme: &str) -> bool {
    eq_ignore_case(scheme, "http") || eq_ignore_case(scheme, "https")
}

/// Where the scheme before the `://` at `sep` begins, not before `floor`.
fn scheme_start(b: &[u8], sep: usize, floor: usize) -> usize {
    let scheme_byte = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.');
    let mut i = sep;
    while i > floor && scheme_byte(b[i - 1]) {
        i -= 1;
    }
    i
}

/// Masks the userinfo of a URL whose authority begins at `start`; the URL ends by `end`.
/// Returns where its host begins: after the userinfo's `@`, or at `start`.
fn authority(text: &str, scheme: &str, start: usize, end: usize, spans: &mut Spans) -> usize {
    let b = text.as_bytes();
    let ends_user: fn(u8) -> bool =
        |c| ends_url(c) || matches!(c, b':' | b'/' | b'?' | b'#' | b'@' | b'[' | b']');
    let user_end = position(&b[start..end], ends_user).map_or(end, |i| start + i);
    match b.get(user_end) {
        Some(b'@') if user_end < end && user_end > start => {
            // A user alone: on the web it is a token or a key (`https://KEY@sentry.io/1`);
            // elsewhere a name, unless it looks like a token.
            let web = matches!(
                scheme
                    .rsplit('+')
                    .next()
                    .map(str::to_ascii_lowercase)
                    .as_deref(),
                Some("http" | "https")
            );
            if web || looks_like_token(&text[start..user_end]) {
                spans.add(start, user_end);
            }
            user_end + 1
        }
        Some(b':') if user_end < end => {
            password(b, user_end + 1, end, spans).map_or(start, |at| at + 1)
        }
        _ => start,
    }
}

/// Masks the password that begins at `from`, if an `@` ends it before `end`; returns that
/// `@`.
fn password(b: &[u8], from: usize, end: usize, spans: &mut Spans) -> Option<usize> {
    // The usual case: password and `@` in one run without white space or quotes; the last
    // `@` of the run ends it (a password may hold `@`, `/`, `?` unencoded).
    let (run_end, at) = run_to_last_at(b, from, end);
    if let Some(at) = at {
        spans.add(from, at);
        return Some(at);
    }
    // No `@` in that run: either there is no userinfo (`host:8080/path`), or the password
    // holds what a URL cannot (a space, a quote, a line break) and its `@` comes later.
    if looks_like_port(b, from, end) {
        return None;
    }
    let first = position(&b[run_end..end], |c| c == b'@').map(|i| run_end + i)?;
    let (_, at) = run_to_last_at(b, first + 1, end);
    let at = at.unwrap_or(first);
    spans.add(from, at);
    Some(at)
}

/// Masks each segment of the path of a URL whose host begins at `host` (the URL ends by
/// `end`) that holds a token ([`is_token_segment`]): a webhook's in Slack's
/// `/services/T…/B…/<token>` and Discord's `/api/webhooks/<id>/<token>`, a bot's in
/// Telegram's `/bot<id>:<token>/sendMessage`. The service URL types hide the same
/// segments. The path ends at its query or fragment, or where the URL does in free text;
/// a `'`, a backtick or a `\` ends it too (the quotes of a shell or a `Debug` string), so
/// that they stay.
fn path_tokens(text: &str, host: usize, end: usize, spans: &mut Spans) {
    let b = text.as_bytes();
    let url_end = host
        + count_while(&b[host..end], |c| {
            !(ends_url(c) || matches!(c, b'\'' | b'`' | b'\\'))
        });
    let slash = host + count_while(&b[host..url_end], |c| !matches!(c, b'/' | b'?' | b'#'));
    if slash == url_end || b[slash] != b'/' {
        return;
    }
    let path_end = slash + count_while(&b[slash..url_end], |c| !matches!(c, b'?' | b'#'));
    let mut segment = slash + 1;
    while segment < path_end {
        let segment_end = segment + count_while(&b[segment..path_end], |c| c != b'/');
        // Not the punctuation of the text around the URL: `https://x/TOKEN.`, a `,`
        // before the next URL of a list.
        let token_end = segment_end
            - count_back_while(&b[segment..segment_end], |c| {
                matches!(c, b',' | b'.' | b';' | b':' | b'!' | b')' | b']' | b'}')
            });
        if is_token_segment(&text[segment..token_end]) {
            spans.add(segment, token_end);
        }
        segment = segment_end + 1;
    }
}

/// The end of the run of URL bytes from `from` (by `end`), and its last `@`.
fn run_to_last_at(b: &[u8], from: usize, end: usize) -> (usize, Option<usize>) {
    let mut last = None;
    let mut i = from;
    while i < end && !ends_url(b[i]) {
        if b[i] == b'@' {
            last = Some(i);
        }
        i += 1;
    }
    (i, last)
}

/// Whether the text at `from` is a port: digits, then the end of the authority.
fn looks_like_port(b: &[u8], from: usize, end: usize) -> bool {
    let digits = count_while(&b[from..end], |c| c.is_ascii_digit());
    digits > 0
        && b[from + digits..end]
            .first()
            .is_none_or(|&c| ends_url(c) || matches!(c, b'/' | b'?' | b'#'))
}

// ---- user:password@host without a scheme ----

/// Masks the password of `user:password@host` and `user/password@host` written without a
/// scheme, the word before every `@`: proxies (`user:pass@proxy:3128`), Go's MySQL DSNs
/// (`user:pass@tcp(host)/db`), Oracle's `user/pass@host/service`. An e-mail address has
/// neither `:` nor `/` before its `@` and is left alone; so is an image digest
/// (`nginx:1.25@sha256:...`).
fn bare_userinfo(b: &[u8], spans: &mut Spans) {
    let ends_word =
        |c: u8| ends_value(c) || matches!(c, b'(' | b')' | b'@' | b'{' | b'}' | b'[' | b']');
    for at in 0..b.len() {
        if b[at] != b'@' {
            continue;
        }
        let after = &b[at + 1..];
        if !begins_with_host(after) || is_digest(after) {
            continue;
        }
        // Back over one earlier `@` too: a password may hold one (`user:p@ss@host`), and
        // the host is what follows the last. One only: each word is then looked at from
        // two `@`s at most, and the pass stays linear.
        let mut start = at;
        let mut crossed = false;
        while start > 0 {
            let c = b[start - 1];
            if c == b'@' && !crossed {
                crossed = true;
            } else if ends_word(c) {
                break;
            }
            start -= 1;
        }
        // After a scheme's `//`, the URL rules have the authority; a `user:pass` later in
        // the URL (in its query) is still looked for.
        let from = rfind(&b[start..at], b"://").map_or(start, |i| start + i + 3);
        let bare = from == start;
        bare_password(b, from, at, bare, spans);
    }
}

/// Masks the password in the word `b[from..at]` before an `@`.
fn bare_password(b: &[u8], mut from: usize, at: usize, bare: bool, spans: &mut Spans) {
    // Schemes written without `//` (`mailto:ops@example.com`, `sip:alice:pw@host`).
    const SCHEMES: [&[u8]; 5] = [b"mailto", b"sip", b"sips", b"tel", b"xmpp"];
    let word = &b[from..at];
    let user_start = |end: usize| match rposition(&b[from..end], |c| {
        matches!(c, b'=' | b'?' | b'&' | b'/' | b'#')
    }) {
        Some(i) => from + i + 1,
        None => from,
    };
    if let Some(colon) = position(word, |c| c == b':').map(|i| from + i) {
        let user = &b[user_start(colon)..colon];
        let mut scheme = false;
        for s in &SCHEMES {
            scheme |= bytes_eq_ignore_case(user, s);
        }
        if scheme {
            from = colon + 1;
            if let Some(colon) = position(&b[from..at], |c| c == b':') {
                spans.add(from + colon + 1, at);
            }
        } else if !user.is_empty() || colon == from {
            // `:password@host` too, as Redis URLs write a password without a user.
            spans.add(colon + 1, at);
        }
    } else if let Some(slash) = position(word, |c| c == b'/').map(|i| from + i) {
        // Oracle's `user/password@`; a path (`a/b/c@d`) has a second `/`.
        let user = &b[user_start(slash)..slash];
        if bare && !user.is_empty() && !b[slash + 1..at].contains(&b'/') {
            spans.add(slash + 1, at);
        }
    } else {
        // A token where an e-mail address's local part goes (`TOKEN@host`), as in a URL;
        // a person's address does not look like one.
        let user_from = user_start(at);
        let user = std::str::from_utf8(&b[user_from..at]).unwrap_or("");
        if looks_like_token(user) {
            spans.add(user_from, at);
        }
    }
}

/// Whether `text`, after an `@`, begins with what follows `user:password@`: a host name
/// or address (ended by a port, a path, a query, Go's `tcp(...)`, or the end of the
/// word), an IPv6 address in brackets, or Oracle's `//host`. Not `4+5=6` in plain text.
fn begins_with_host(text: &[u8]) -> bool {
    let name = count_while(text, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'_')
    });
    match text.get(name) {
        _ if name == 0 => text.starts_with(b"[") || text.starts_with(b"//"),
        None => true,
        Some(&c) => {
            ends_value(c)
                || matches!(
                    c,
                    b':' | b'/' | b'(' | b')' | b'?' | b'#' | b'|' | b'!' | b'*'
                )
                || !c.is_ascii()
        }
    }
}

/// Whether `text` begins with a digest's algorithm, as `sha256:`.
fn is_digest(text: &[u8]) -> bool {
    let Some(rest) = text.strip_prefix(b"sha") else {
        return false;
    };
    let digits = count_while(rest, |c| c.is_ascii_digit());
    digits > 0 && rest.get(digits) == Some(&b':')
}

/// The number of bytes at the start of `b` that `accept` accepts.
///
/// A loop over a function pointer rather than `take_while(...).count()`: the masker counts
/// runs of bytes in many places, and each `take_while` was a copy of the iterator code.
fn count_while(b: &[u8], accept: fn(u8) -> bool) -> usize {
    let mut n = 0;
    while n < b.len() && accept(b[n]) {
        n += 1;
    }
    n
}

/// The number of bytes at the end of `b` that `accept` accepts.
fn count_back_while(b: &[u8], accept: fn(u8) -> bool) -> usize {
    let mut n = 0;
    while n < b.len() && accept(b[b.len() - 1 - n]) {
        n += 1;
    }
    n
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let last = haystack.len().checked_sub(needle.len())?;
    for i in (0..=last).rev() {
        if &haystack[i..i + needle.len()] == needle {
            return Some(i);
        }
    }
    None
}

/// The index of the first byte of `b` that `accept` accepts (see [`count_while`]).
fn position(b: &[u8], accept: fn(u8) -> bool) -> Option<usize> {
    let mut i = 0;
    while i < b.len() {
        if accept(b[i]) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The index of the last byte of `b` that `accept` accepts.
fn rposition(b: &[u8], accept: fn(u8) -> bool) -> Option<usize> {
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        if accept(b[i]) {
            return Some(i);
        }
    }
    None
}

// ---- name=value, "name": value, name: value ----

/// Masks the values of sensitive `name=value` pairs, JSON members and `name: value` lines.
fn sensitive_pairs(text: &str, spans: &mut Spans) {
    let b = text.as_bytes();
    let mut values = Stops::new(ends_a_setting_value);
    let mut json_values = Stops::new(|b, i| ends_json_value(b[i]));
    let mut header = Stops::new(ends_authorization);
    let mut cookies = Stops::new(ends_cookie_header);
    let mut list_ends = Stops::new(|b, i| b[i] == b']');
    let mut object_ends = Stops::new(|b, i| b[i] == b'}');
    // Where a line ends: at a line break, or at `\n` as `Debug` writes one.
    let mut line_ends = Stops::new(|b, i| {
        matches!(b[i], b'\n' | b'\r') || (b[i] == b'\\' && b.get(i + 1) == Some(&b'n'))
    });
    // The end of the last YAML block or shell word hidden: the names inside it are not
    // looked at again.
    let mut block_end = 0;
    for sep in 0..b.len() {
        if !matches!(b[sep], b'=' | b':' | b',') || sep < block_end {
            continue;
        }
        // Make's and shells' assignments with a sign before the `=` (`PASSWORD ?= x`,
        // `+=`, `!=`): the name is before the sign.
        let signed = b[sep] == b'='
            && sep > 0
            && matches!(b[sep - 1], b'?' | b'+' | b'!')
            && b.get(sep + 1) != Some(&b'=');
        let Some((name, quoted)) = name_before(text, sep - usize::from(signed)) else {
            continue;
        };
        // A `,` separates a name and its value only between two quoted texts: a pair as
        // `Debug` writes it, `("X-Api-Key", "...")`.
        // (`{:#?}` puts the value on a line of its own.)
        let pair = b[sep] == b',';
        if pair
            && !(quoted
                && b[sep + 1..]
                    .iter()
                    .find(|c| !c.is_ascii_whitespace())
                    .is_some_and(|&c| c == b'"' || c == b'\'')
                && names_a_pair(b, sep, name))
        {
            continue;
        }
        if !is_sensitive_param(name) || names_an_xml_entry(b, sep, name) {
            continue;
        }
        let cookie = b[sep] == b':' && is_cookie_header(name);
        // An assignment written with more than one character, as Makefiles, shells and
        // grammars write it (`PASSWORD := x`, `::=`, `password == x`, `===`): the value is
        // after all of it.
        let operator = count_while(&b[sep + 1..], |c| c == b':' || c == b'=');
        // LDIF's `name:: value` gives the value in base64 (`userPassword:: e1NTSEF9...`).
        let ldif = b[sep] == b':'
            && operator == 1
            && b[sep + 1] == b':'
            && b.get(sep + 2).is_some_and(|&c| is_blank(c));
        let operator = if !pair && operator > 0 && (b[sep + operator] == b'=' || ldif) {
            operator
        } else {
            0
        };
        let assign = operator > 0;
        // YAML: `name: |` (or `>`, `|-`, `|2`, ...) and `name:` at the end of a line have
        // their value in the indented lines that follow, after a tag or an anchor
        // (`!!str |`, `&pw |`) and before a comment (`| # the key`).
        // A `Debug` string writes the line breaks as `\n`.
        if b[sep] == b':' && !assign {
            let mut rest = sep + 1 + count_while(&b[sep + 1..], is_blank);
            // A node has one tag and one anchor at most: two words, so that each `:`
            // looks at a few bytes only.
            for _ in 0..2 {
                if !matches!(b.get(rest), Some(b'!' | b'&')) {
                    break;
                }
                let word =
                    rest + count_while(&b[rest..], |c| !c.is_ascii_whitespace() && c != b':');
                rest = word + count_while(&b[word..], is_blank);
            }
            let indicator = count_while(&b[rest..], |c| {
                matches!(c, b'|' | b'>' | b'-' | b'+') || c.is_ascii_digit()
            });
            // A digit alone is a value (`pin: 1234`), not an indicator.
            let indicator = if b.get(rest).is_some_and(u8::is_ascii_digit) {
                0
            } else {
                indicator
            };
            let mut eol = rest + indicator;
            if indicator > 0 {
                let comment = eol + count_while(&b[eol..], is_blank);
                if b.get(comment) == Some(&b'#') {
                    eol = line_ends.next(b, comment);
                }
            }
            let block = [Lines::Plain, Lines::Escaped]
                .into_iter()
                .find_map(|lines| Some((lines, lines.break_at(b, eol)?)));
            if let Some((lines, next)) = block {
                // A mapping under the name (`auth:` then `  enabled: true`) is not its
                // value: its own names are looked at (and its lines not scanned here, so
                // that nested mappings cost each line once).
                if indicator > 0 || !begins_a_mapping(&b[next..]) {
                    let blanks = count_back_while(&b[..sep], is_blank);
                    let name_start = sep - blanks - name.len() - 2 * usize::from(quoted);
                    let end = indented_block(b, next, lines, column(b, name_start, lines));
                    spans.add(next, end);
                    block_end = end;
                }
                continue;
            }
        }
        let authorization = ends_with_ignore_case(name.as_bytes(), b"authorization");
        // `name:value` without a space, unquoted, is most often a host and its port
        // (`keycloak:8080`) or a user and password (`user:pw@host`, masked by the passes
        // for user information); it is a setting only when the name is a credential's
        // own (`password:hunter2`, `X-Api-Key:...`) or a header's that holds one
        // (`Cookie:a=1`, `Authorization:Basic ...`) and the value is not a port.
        // A quoted value after it (`password:"x"`, as GraphQL and JavaScript write it)
        // is one.
        if b[sep] == b':'
            && !assign
            && !quoted
            && !b
                .get(sep + 1)
                .is_some_and(|&c| is_blank(c) || c == b'"' || c == b'\'')
        {
            let name_start = sep - name.len();
            let in_url = name_start > 0 && matches!(b[name_start - 1], b'/' | b'@');
            let port = b.get(sep + 1).is_some_and(u8::is_ascii_digit);
            if in_url || port || !(cookie || authorization || names_a_credential(name)) {
                continue;
            }
            if !(cookie || authorization) {
                // The whole value, an `@` in it too: `password:p@ss`.
                spans.add(sep + 1, values.next(b, sep + 1));
                continue;
            }
        }
        let after = sep + 1 + operator;
        let mut start = after
            + if pair {
                count_while(&b[after..], |c| c.is_ascii_whitespace())
            } else {
                count_while(&b[after..], is_blank)
            };
        // YAML's tag and anchor before a value (`password: !!str x`, `password: &pw x`):
        // the value is the word after them.
        for _ in 0..2 {
            if quoted
                || b[sep] != b':'
                || !matches!(b.get(start), Some(b'!' | b'&'))
                || b.get(start + 1).is_none_or(|&c| is_blank(c))
            {
                break;
            }
            let word = start + count_while(&b[start..], |c| !c.is_ascii_whitespace());
            let next = word + count_while(&b[word..], is_blank);
            if next == word || next >= b.len() {
                break;
            }
            start = next;
        }
        // A shell's ANSI-C quoting (`password=$'...'`): the `$` stays, the quotes go.
        if !quoted && b.get(start) == Some(&b'$') && matches!(b.get(start + 1), Some(b'\'')) {
            start += 1;
        }
        // A value in escaped quotes, as JSON inside a `Debug` string has it: `\"...\"`.
        if b.get(start) == Some(&b'\\') && matches!(b.get(start + 1), Some(b'"' | b'\'')) {
            let inside = start + 2;
            spans.add(inside, escaped_closing_quote(b, inside, b[start + 1]));
            continue;
        }
        // An object under the name (`"auth": {"issuer": ...}`, YAML's `auth: {issuer: x}`)
        // is not its value as text: its own members are looked at; under a credential's
        // own name (`password: {current: x, previous: y}`, `tokens: {...}`), every member
        // is one, and the object is hidden to its first `}`. A list's items are all
        // hidden, to its `]` (JSON's, TOML's `password = ["x"]`, YAML's `[x, y]`).
        let object = b.get(start) == Some(&b'{');
        let singular = name.strip_suffix(['s', 'S']).unwrap_or(name);
        let credential = names_a_credential(name) || names_a_credential(singular);
        if object && !credential {
            // Its members are looked at when it is a mapping (a `:` or `=` within its
            // first 256 bytes, so that each name looks at a few bytes only); other text
            // in braces is a value like any other.
            let close = object_ends.next(b, start);
            let head = &b[start..close.min(start + 256)];
            if quoted || head.contains(&b':') || head.contains(&b'=') {
                continue;
            }
        } else if object || b.get(start) == Some(&b'[') {
            let close = if object {
                object_ends.next(b, start)
            } else {
                list_ends.next(b, start)
            };
            if quoted {
                spans.add(start + 1, close);
            } else {
                // Unquoted, a value may only begin with `[` or `{`: it is hidden whole,
                // its brackets too, and to its end if it goes on after the `]` or `}`.
                let end = (close + 1).min(b.len()).max(values.next(b, start));
                spans.add(start, end);
            }
            continue;
        }
        match b.get(start) {
            Some(&quote @ (b'"' | b'\'')) => {
                let close = closing_quote(b, start, quote);
                let inside = start + 1..close.unwrap_or(b.len());
                if inside.is_empty() {
                    continue;
                }
                // JSON keeps its quotes, so that it stays JSON; elsewhere the quotes go
                // too, as the value was written, and so does the text joined to the
                // closing quote, which a shell reads as more of the value
                // (`password='a'b`).
                if quoted {
                    spans.add(inside.start, inside.end);
                } else {
                    // Joined text, and quoted text in either quote joined to it
                    // (`password='a'"b"`), is one word to a shell.
                    let mut end = close.map_or(b.len(), |c| c + 1);
                    loop {
                        match b.get(end) {
                            Some(&quote @ (b'"' | b'\'')) => {
                                end = closing_quote(b, end, quote).map_or(b.len(), |c| c + 1);
                            }
                            Some(&c)
                                if c.is_ascii_alphanumeric()
                                    || matches!(c, b'_' | b'-' | b'.' | b'/' | b'+') =>
                            {
                                end += count_while(&b[end..], |c| {
                                    !(c.is_ascii_whitespace()
                                        || matches!(c, b'"' | b'\'' | b';' | b'&'))
                                });
                            }
                            _ => break,
                        }
                    }
                    spans.add(start, end);
                    // The names inside the word are hidden with it: not looked at again,
                    // so that each byte is scanned once however many quotes are joined.
                    block_end = end;
                }
            }
            _ => {
                // An authentication scheme: a word that begins with a letter (`Basic`,
                // `Digest`, `AWS4-HMAC-SHA256`).
                let scheme = if b.get(start).is_some_and(u8::is_ascii_alphabetic) {
                    count_while(&b[start..], |c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'+')
                    })
                } else {
                    0
                };
                let header_value = scheme > 0
                    && b.get(start + scheme).is_some_and(|&c| is_blank(c))
                    && authorization;
                if header_value {
                    // `Authorization: Bearer xyz`, `Authorization:Token xyz`: the scheme
                    // stays, all after it goes.
                    let from = start + scheme;
                    let from = from + count_while(&b[from..], is_blank);
                    spans.add(from, header.next(b, from));
                } else if cookie {
                    // All its cookies: their names do not say which is the session.
                    spans.add(start, cookies.next(b, start));
                } else if quoted {
                    spans.add(start, json_values.next(b, start));
                } else {
                    let end = values.next(b, start);
                    // A log filter's level for a module whose name holds a term
                    // (`jsonwebtoken=debug`, `tower_sessions=trace`), not a credential's
                    // own name (`password=debug` stays hidden).
                    if !is_log_level(&b[start..end]) || ends_in_a_credential_word(name) {
                        spans.add(start, end);
                    }
                }
            }
        }
    }
}

/// Whether the last word of `name` (words split at what is not a letter or a digit) is a
/// credential's own: `password`, `api_key`, `DB_PASS`; not `jsonwebtoken`.
fn ends_in_a_credential_word(name: &str) -> bool {
    const WORDS: [&[u8]; 10] = [
        b"password",
        b"passwd",
        b"passphrase",
        b"pass",
        b"pwd",
        b"pw",
        b"secret",
        b"token",
        b"key",
        b"apikey",
    ];
    let last = name
        .as_bytes()
        .rsplit(|c| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default();
    WORDS.iter().any(|word| bytes_eq_ignore_case(last, word))
}

/// Whether `name=` before `sep` is the `key` attribute of an XML tag (`<add key="ApiKey"
/// value="..."/>`): the entry's name, whose value [`xml_elements`] hides. Looked for
/// within 256 bytes back, so that the pass stays linear; a longer tag's `key` is hidden.
fn names_an_xml_entry(b: &[u8], sep: usize, name: &str) -> bool {
    if name != "key" || b.get(sep + 1) != Some(&b'"') {
        return false;
    }
    let floor = sep.saturating_sub(256);
    b[floor..sep]
        .iter()
        .rev()
        .find(|&&c| c == b'<' || c == b'>')
        .is_some_and(|&c| c == b'<')
}

/// Whether `value` is a log level, as `RUST_LOG` and the like write them.
fn is_log_level(value: &[u8]) -> bool {
    const LEVELS: [&[u8]; 7] = [
        b"trace", b"debug", b"info", b"warn", b"warning", b"error", b"off",
    ];
    LEVELS
        .iter()
        .any(|level| bytes_eq_ignore_case(value, level))
}

/// Whether the quoted `name` before the `,` at `sep` can be the name of a pair as `Debug`
/// writes it: not a JSON member's value (`"kind": "token", "mode": ...`), nor a text that
/// holds a `:` or an `=` (`"Authorization: Token ...", "Accept: json"`), a header or a
/// setting written whole, whose value the other rules find.
fn names_a_pair(b: &[u8], sep: usize, name: &str) -> bool {
    let close = sep - count_back_while(&b[..sep], is_blank) - 1;
    let open = close - name.len() - 1;
    let before = open - count_back_while(&b[..open], |c| c.is_ascii_whitespace());
    let member_value = before > 0 && b[before - 1] == b':';
    let written_whole = name.bytes().any(|c| matches!(c, b':' | b'='));
    !(member_value || written_whole)
}

/// Whether the text after a line break begins an indented mapping's entry (blanks, `name:`
/// then a blank, a line break as it is or as `Debug` escapes it, or the end), not a scalar
/// or a list item. Looks at the name only.
fn begins_a_mapping(block: &[u8]) -> bool {
    let indent = count_while(block, is_blank);
    if indent == 0 {
        return false;
    }
    let line = &block[indent..];
    let name = count_while(line, |c| {
        c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
    });
    name > 0
        && line.get(name) == Some(&b':')
        && line
            .get(name + 1)
            .is_none_or(|&c| c.is_ascii_whitespace() || c == b'\\')
}

/// The column of a YAML name that begins at `start`: the blanks (and a list item's `- `)
/// before it on its line; `None` when something else comes before it.
fn column(b: &[u8], start: usize, lines: Lines) -> Option<usize> {
    let indent = count_back_while(&b[..start], |c| is_blank(c) || c == b'-');
    let line = start - indent;
    let at_line_start = line == 0
        || match lines {
            Lines::Plain => b[line - 1] == b'\n',
            Lines::Escaped => b[..line].ends_with(b"\\n"),
        };
    at_line_start.then_some(indent)
}

/// The end of a YAML block's value: the lines from `from` on that are indented more than
/// its name's `column` (more than none when it is not known), and a list's items written
/// at the name's own column (`keys:` then `- a`). Blank lines are part of the block when
/// a line of it follows them, as YAML reads them (`password: |`, a blank line, then the
/// value).
fn indented_block(b: &[u8], from: usize, lines: Lines, column: Option<usize>) -> usize {
    let (mut at, mut end) = (from, from);
    loop {
        let indent = count_while(&b[at..], is_blank);
        if let Some(next) = lines.break_at(b, at + indent) {
            at = next;
            continue;
        }
        let deeper = indent > column.unwrap_or(0);
        let item = column == Some(indent)
            && b.get(at + indent) == Some(&b'-')
            && b.get(at + indent + 1)
                .is_none_or(|&c| is_blank(c) || c == b'\n');
        if !(deeper || item) {
            break;
        }
        let (line_end, next) = lines.line_end(b, at);
        end = line_end;
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    end
}

/// How a text writes its line breaks: as they are, or as `Debug` escapes them inside a
/// string (`\n`), where YAML read into a type by a `with` function reaches the masker.
#[derive(Clone, Copy)]
enum Lines {
    Plain,
    Escaped,
}

impl Lines {
    /// Where the line after the line break at `i` (carriage returns before it skipped)
    /// begins; `None` when there is no line break at `i`.
    fn break_at(self, b: &[u8], i: usize) -> Option<usize> {
        let (cr, lf): (&[u8], &[u8]) = match self {
            Lines::Plain => (b"\r", b"\n"),
            Lines::Escaped => (b"\\r", b"\\n"),
        };
        let mut at = i;
        while b[at..].starts_with(cr) {
            at += cr.len();
        }
        b[at..].starts_with(lf).then_some(at + lf.len())
    }

    /// Where the line that goes on at `at` ends (before its line break and the carriage
    /// returns before that, or at the end of the text), and where the next begins, if one
    /// does. In a `Debug` string, its closing `"` ends the last.
    fn line_end(self, b: &[u8], at: usize) -> (usize, Option<usize>) {
        let mut i = at;
        while i < b.len() {
            match (self, b[i]) {
                (Lines::Plain, b'\n') => {
                    let end = i - count_back_while(&b[at..i], |c| c == b'\r');
                    return (end, Some(i + 1));
                }
                (Lines::Escaped, b'\\') if b.get(i + 1) == Some(&b'n') => {
                    // `\r` as `Debug` escapes a carriage return: a backslash that is
                    // not itself escaped (an odd run of them) before the `r`.
                    let mut end = i;
                    while end >= at + 2
                        && b[end - 1] == b'r'
                        && count_back_while(&b[at..end - 1], |c| c == b'\\') % 2 == 1
                    {
                        end -= 2;
                    }
                    return (end, Some(i + 2));
                }
                (Lines::Escaped, b'\\') => i += 2,
                (Lines::Escaped, b'"') => return (i, None),
                _ => i += 1,
            }
        }
        (b.len(), None)
    }
}

/// The name before the `=` or `:` at `sep`, and whether it is in quotes (a JSON member's):
/// blanks skipped, then either a quoted name or a run of name bytes (letters, digits,
/// `_-.%[]`, so `X-Amz-Signature`, `pass%77ord`, `user[password]`).
fn name_before(text: &str, sep: usize) -> Option<(&str, bool)> {
    let b = text.as_bytes();
    let end = sep - count_back_while(&b[..sep], is_blank);
    match end.checked_sub(1).map(|i| b[i]) {
        Some(quote @ (b'"' | b'\'')) => {
            let open = b[..end - 1].iter().rposition(|&c| c == quote)?;
            Some((&text[open + 1..end - 1], true))
        }
        _ => {
            let start = end
                - count_back_while(&b[..end], |c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, b'_' | b'-' | b'.' | b'%' | b'[' | b']')
                });
            (start < end).then(|| (&text[start..end], false))
        }
    }
}

/// The index of the quote that closes the one at `open`: a backslash escapes the byte
/// after it, and a doubled quote stands for one.
fn closing_quote(b: &[u8], open: usize, quote: u8) -> Option<usize> {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote && b.get(i + 1) == Some(&quote) => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The index of the escaped quote (`\"`, or `\'` for `quote` `'`) that closes a value
/// quoted inside a `Debug` string, from `from` on; the end of the text when there is none.
/// There a `\\` is a backslash of the value's own text, which escapes what follows it: in
/// `\"a\\\"b\"`, JSON's `"a\"b"` as `Debug` writes it, the second quote is the value's.
/// An unescaped `"` closes the `Debug` string, and the value with it.
fn escaped_closing_quote(b: &[u8], from: usize, quote: u8) -> usize {
    // The value's own text escapes the next character.
    let mut escaping = false;
    let mut i = from;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'\\')) => escaping = !escaping,
            (b'\\', Some(&c)) if c == quote && !escaping => return i,
            (b'\\', _) => escaping = false,
            (b'"', _) => return i,
            _ => {
                escaping = false;
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    b.len()
}

// ---- Bearer xyz, Basic dXNlcjpwYXNz ----

/// Masks the credentials after every word `Bearer` or `Basic` (in any case) and a blank,
/// in a header or not: after `Bearer`, the token, whatever it is; after `Basic`, the word
/// only when it is base64 of a user and a password ([`is_basic_credentials`]), so that
/// "Basic setup" stays.
fn scheme_credentials(b: &[u8], spans: &mut Spans) {
    const SCHEMES: [&[u8]; 2] = [b"bearer", b"basic"];
    let mut i = 0;
    while i < b.len() {
        let starts_word = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let scheme = SCHEMES
            .iter()
            .find(|scheme| starts_word && starts_with_ignore_case(&b[i..], scheme));
        let Some(&scheme) = scheme else {
            i += 1;
            continue;
        };
        let from = i + scheme.len();
        let start = from + count_while(&b[from..], is_blank);
        if start > from {
            if scheme == b"bearer" {
                spans.add(start, start + count_while(&b[start..], |c| !ends_value(c)));
            } else {
                let word = count_while(&b[start..], |c| is_base64(c) || c == b'=');
                let glued = b
                    .get(start + word)
                    .is_some_and(|&c| matches!(c, b'-' | b'_'));
                if !glued && is_basic_credentials(&b[start..start + word]) {
                    spans.add(start, start + word);
                }
            }
        }
        // Another scheme's word inside the credentials can only end them: look on from
        // their start.
        i = start.max(i + 1);
    }
}

/// Whether `word` is what HTTP's `Basic` scheme sends (RFC 7617): padded base64, eight
/// characters or more, of text that holds a `:` between the user and the password and no
/// control character. A word of prose after "Basic" is seldom valid base64 ("Basic
/// commands" is), and then decodes to bytes that are not such text.
fn is_basic_credentials(word: &[u8]) -> bool {
    let padding = count_back_while(word, |c| c == b'=');
    if word.len() < 8 || word.len() % 4 != 0 || padding > 2 {
        return false;
    }
    let mut decoded = Vec::with_capacity(word.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0);
    for &c in &word[..word.len() - padding] {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return false,
        };
        bits = (bits << 6 | u32::from(value)) & 0xffff;
        count += 6;
        if count >= 8 {
            count -= 8;
            decoded.push((bits >> count) as u8);
        }
    }
    std::str::from_utf8(&decoded)
        .is_ok_and(|text| text.contains(':') && !text.chars().any(char::is_control))
}

/// Bytes of standard base64, less its padding.
fn is_base64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/')
}

// ---- eyJhbGciOi....eyJzdWIiOi....SflKxw ----

/// Masks every JSON Web Token written bare, whole: a word of base64url parts joined by
/// `.`, the first beginning with `eyJ` (base64 of `{"`, the header's opening) and at least
/// two `.` after it: a signed token's three parts (the last empty when it is unsigned),
/// an encrypted one's five (the second empty with a direct key). A `.` that ends a
/// sentence after it stays.
fn json_web_tokens(text: &str, spans: &mut Spans) {
    const HEADER: &str = "eyJ";
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text::find(&text[at..], HEADER) {
        let start = at + found;
        // Inside a word already looked at, or glued to one.
        if start > 0 && (is_base64url(b[start - 1]) || b[start - 1] == b'.') {
            at = start + HEADER.len();
            continue;
        }
        let end = start + count_while(&b[start..], |c| is_base64url(c) || c == b'.');
        at = end;
        let header = count_while(&b[start..end], is_base64url);
        let trailing = count_back_while(&b[start..end], |c| c == b'.');
        let inner = b[start..end - trailing]
            .iter()
            .filter(|&&c| c == b'.')
            .count();
        let token = match (inner, trailing) {
            (2.., _) => end - trailing,
            // Unsigned: the `.` before its empty signature is the token's.
            (1, 1..) => end - trailing + 1,
            _ => continue,
        };
        if header >= 8 {
            spans.add(start, token);
        }
    }
}

// ---- ghp_..., xoxb-..., sk_live_..., AKIA... and its secret ----

/// The prefixes by which a token says whose it is, as their vendors publish them for
/// secret scanning: GitHub's, GitLab's, Slack's, Stripe's secret and restricted keys and
/// webhook secrets, OpenAI's and Anthropic's keys, Google's API keys and OAuth access
/// tokens, SendGrid's, npm's, PyPI's, Hugging Face's, Shopify's, DigitalOcean's, Doppler's,
/// Grafana's, Brevo's, Databricks', Square's, Notion's, Linear's, Figma's, RubyGems',
/// Postman's, age's secret keys.
const VENDOR_PREFIXES: [&[u8]; 38] = [
    b"ghp_",
    b"gho_",
    b"ghu_",
    b"ghs_",
    b"ghr_",
    b"github_pat_",
    b"glpat-",
    b"gldt-",
    b"glrt-",
    b"xoxb-",
    b"xoxp-",
    b"xoxa-",
    b"xoxr-",
    b"xoxs-",
    b"xapp-",
    b"sk_live_",
    b"rk_live_",
    b"sk_test_",
    b"rk_test_",
    b"whsec_",
    b"sk-proj-",
    b"sk-ant-",
    b"sk-svcacct-",
    b"AIza",
    b"ya29.",
    b"SG.",
    b"npm_",
    b"pypi-",
    b"hf_",
    b"shpat_",
    b"shpss_",
    b"dop_v1_",
    b"dp.st.",
    b"glsa_",
    b"xkeysib-",
    b"sq0csp-",
    b"PMAK-",
    b"AGE-SECRET-KEY-1",
];

/// Masks every token that begins with a vendor's prefix ([`VENDOR_PREFIXES`]) and has at
/// least 16 characters of a token after it, letters, digits, `_`, `-` and `.` (the prefix
/// stays: it says whose the token is, not what it is); and the secret access key after an
/// AWS access key's id (`AKIA` or `ASIA` and 16 capitals or digits, then a blank, `:`,
/// `,` or `/`, then 40 characters of base64, [`aws_secret_after_id`]), as `aws configure`
/// and CSV exports write the pair. A prefix counts at the start of a word only.
fn vendor_tokens(b: &[u8], spans: &mut Spans) {
    let is_token = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && is_token(b[i - 1])) {
            i += 1;
            continue;
        }
        let word = i + count_while(&b[i..], is_token);
        let found = VENDOR_PREFIXES
            .iter()
            .find(|prefix| b[i..word].starts_with(prefix));
        if let Some(prefix) = found {
            let body = i + prefix.len();
            // A sentence's `.` after the token is not part of it.
            let end = word - count_back_while(&b[body..word], |c| c == b'.');
            if end >= body + 16 {
                spans.add(body, end);
            }
        } else if let Some((secret, end)) = aws_secret_after_id(b, i, word) {
            spans.add(secret, end);
            i = end;
            continue;
        }
        i = word.max(i + 1);
    }
}

/// Where the secret access key after the AWS access key's id in `b[start..end]` is, if
/// one follows it: 40 characters of base64, or 30 and more (a key cut or edited is
/// hidden all the same).
fn aws_secret_after_id(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let id = &b[start..end];
    let shaped = id.len() == 20
        && (id.starts_with(b"AKIA") || id.starts_with(b"ASIA"))
        && id[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !shaped || !matches!(b.get(end), Some(b' ' | b'\t' | b':' | b',' | b'/')) {
        return None;
    }
    let secret = end + 1 + count_while(&b[end + 1..], |c| c == b' ' || c == b'\t');
    let len = count_while(&b[secret..], is_base64);
    (len >= 30).then_some((secret, secret + len))
}

/// Bytes of base64url (RFC 4648's URL-safe alphabet), as JSON Web Tokens are written.
fn is_base64url(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_')
}

// ---- <password>hunter2</password> ----

/// Masks the text of every XML element whose name is sensitive ([`is_sensitive_param`]:
/// `<password>`, `<apiKey>`, `<secret>`, `<ns:token>`; not `<tokenEndpoint>`), when its
/// closing tag follows the text (`Vec<Token> and` is not an element); a CDATA section in
/// it too, to the end of the text when it is not closed. An element that holds others
/// (`<credentials><user>`) is not hidden whole: its children are looked at. A property
/// list's `<key>` names the entry that follows: `<key>password</key><string>...` hides the
/// `<string>`'s text, and a key's own name stays.
fn xml_elements(text: &str, spans: &mut Spans) {
    const CDATA: &[u8] = b"<![CDATA[";
    let b = text.as_bytes();
    // The last element was a property list's key with a sensitive name.
    let mut after_key = false;
    let mut at = 0;
    while let Some(open) = position(&b[at..], |c| c == b'<').map(|i| at + i) {
        let name_start = open + 1;
        let name_len = count_while(&b[name_start..], |c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':')
        });
        // The attributes, to the tag's `>`; a `<` before it means this was not a tag.
        let name_end = name_start + name_len;
        let tag_end = name_end + count_while(&b[name_end..], |c| c != b'>' && c != b'<');
        at = tag_end;
        if name_len == 0 || b.get(tag_end) != Some(&b'>') {
            continue;
        }
        // An entry named by its `key` or `name` attribute (.NET's `<add key="ApiKey"
        // value="..."/>`, Spring's `<property name="password" value="..."/>`): its `value`
        // attribute, or its text.
        let attributes = &text[name_end..tag_end];
        let named = ["key", "name"].iter().any(|attribute| {
            attribute_value(attributes, attribute)
                .is_some_and(|(from, to)| is_sensitive_param(&attributes[from..to]))
        });
        if named {
            if let Some((from, to)) = attribute_value(attributes, "value") {
                spans.add(name_end + from, name_end + to);
            }
        }
        if b[tag_end - 1] == b'/' {
            continue;
        }
        let name = &b[name_start..name_end];
        let content = tag_end + 1;
        let mut content_end = content + count_while(&b[content..], |c| c != b'<');
        if b[content_end..].starts_with(CDATA) {
            let Some(close) = text::find(&text[content_end..], "]]>") else {
                spans.add(content, b.len());
                return;
            };
            let after = content_end + close + 3;
            content_end = after + count_while(&b[after..], |c| c != b'<');
        }
        at = content_end;
        let closing_name_end = content_end + 2 + name_len;
        let closed = b[content_end..].starts_with(b"</")
            && b[content_end + 2..].starts_with(name)
            && b.get(closing_name_end + count_while(&b[closing_name_end..], is_blank))
                == Some(&b'>');
        let blank = b[content..content_end].iter().all(u8::is_ascii_whitespace);
        if !closed || blank {
            after_key &= closed;
            continue;
        }
        let name = &text[name_start..name_end];
        if name == "key" {
            after_key = is_sensitive_param(text[content..content_end].trim());
        } else {
            if after_key || named || is_sensitive_param(name) {
                spans.add(content, content_end);
            }
            after_key = false;
        }
    }
}

/// Where the quoted value of the attribute `name` is in a tag's `attributes` (without its
/// quotes), if the tag has one.
fn attribute_value(attributes: &str, name: &str) -> Option<(usize, usize)> {
    let b = attributes.as_bytes();
    let mut at = 0;
    while let Some(found) = text::find(&attributes[at..], name) {
        let start = at + found;
        at = start + name.len();
        let whole = start > 0 && is_blank(b[start - 1]);
        let eq = at + count_while(&b[at..], is_blank);
        if !whole || b.get(eq) != Some(&b'=') {
            continue;
        }
        let quote_at = eq + 1 + count_while(&b[eq + 1..], is_blank);
        let Some(&quote @ (b'"' | b'\'')) = b.get(quote_at) else {
            continue;
        };
        let from = quote_at + 1;
        let to = b[from..]
            .iter()
            .position(|&c| c == quote)
            .map_or(b.len(), |i| from + i);
        return Some((from, to));
    }
    None
}

// ---- {"name": "DB_PASSWORD", "value": "xyz"} ----

/// The names of a member that names the setting of its object ([`named_values`]).
const NAMING: [&str; 7] = [
    "name",
    "key",
    "parameterkey",
    "parametername",
    "variable",
    "env",
    "optionname",
];
/// The names of a member that holds the value of its object's setting.
const VALUES: [&str; 6] = [
    "value",
    "parametervalue",
    "secretvalue",
    "secretstring",
    "val",
    "default",
];

/// Masks the value of a mapping that names its setting in another member, as
/// Kubernetes' and ECS's environments (`{"name": "DB_PASSWORD", "value": "..."}`, and in
/// YAML `- name: DB_PASSWORD` then `value: ...` on a line of its own), AWS's tags,
/// CloudFormation's parameters (`"Key"`/`"Value"`, `"ParameterKey"`/`"ParameterValue"`)
/// and Elastic Beanstalk's option settings (`"OptionName"`/`"Value"`) write them: when
/// the naming member's text is a credential's name ([`is_secret_name`] or
/// [`is_sensitive_param`]), every value member of the same mapping. Also the value members
/// of an object under a credential's name, as Terraform's outputs write it
/// (`"db_password": {"sensitive": true, "value": "..."}`) and Helm's values in YAML's
/// block style (`db_password:`, then `value: ...` indented under it). Names and texts may
/// be in double or single quotes or none (a YAML flow mapping, `{name: X, value: y}`); a
/// mapping in braces runs to its matching `}`, one in YAML's block style over the lines
/// indented as far as the naming member or further.
fn named_values(text: &str, spans: &mut Spans) {
    let b = text.as_bytes();
    // The end of the last mapping whose values were hidden: each mapping once.
    let mut done = 0;
    for sep in 0..b.len() {
        if b[sep] != b':' || sep < done {
            continue;
        }
        let Some((name, quoted)) = name_before(text, sep) else {
            continue;
        };
        let name = name.strip_suffix('\\').unwrap_or(name);
        let start = sep + 1 + count_while(&b[sep + 1..], is_blank);
        let block = [Lines::Plain, Lines::Escaped]
            .into_iter()
            .find_map(|lines| Some((lines, lines.break_at(b, start)?)));
        let mapping = match b.get(start) {
            // A credential's name with an object for its value: Terraform's output.
            Some(b'{') if is_sensitive_param(name) => start..matching_brace(b, start),
            // The same in YAML's block style: the name at the end of its line, the
            // object's members on the lines indented under it (`db_password:` then
            // `  value: ...`, as Helm's values write it).
            _ if block.is_some() && is_sensitive_param(name) => {
                let (lines, next) = block.expect("matched");
                let blanks = count_back_while(&b[..sep], is_blank);
                let name_start = sep - blanks - name.len() - 2 * usize::from(quoted);
                next..indented_block(b, next, lines, column(b, name_start, lines))
            }
            // An object that says it is sensitive, as Terraform's outputs do.
            Some(b't' | b'T')
                if eq_ignore_case(name, "sensitive") && scalar_is(b, start, "true") =>
            {
                match enclosing_brace(b, done, sep) {
                    Some(open) => open..matching_brace(b, open),
                    None => continue,
                }
            }
            Some(_) if NAMING.iter().any(|n| eq_ignore_case(n, name)) => {
                let (from, to) = scalar(b, start, b.len());
                let named = &text[from..to];
                if named.is_empty() || !(is_secret_name(named) || is_sensitive_param(named)) {
                    continue;
                }
                match enclosing_brace(b, done, sep) {
                    Some(open) => open..matching_brace(b, open),
                    None => block_mapping(b, done, sep - name.len()),
                }
            }
            _ => continue,
        };
        for inner in mapping.clone() {
            if b[inner] != b':' {
                continue;
            }
            let Some((member, _)) = name_before(text, inner) else {
                continue;
            };
            let member = member.strip_suffix('\\').unwrap_or(member);
            if !VALUES.iter().any(|v| eq_ignore_case(v, member)) {
                continue;
            }
            let value = inner + 1 + count_while(&b[inner + 1..], is_blank);
            let (from, to) = scalar(b, value, mapping.end);
            spans.add(from, to);
        }
        done = mapping.end.max(sep + 1);
    }
}

/// The text of the scalar at `at`, before `end`: inside its quotes (double, single, or
/// escaped as a `Debug` string writes them); unquoted, to a `,`, `}`, `]` or the end of
/// its line. Empty for an object or a list.
fn scalar(b: &[u8], at: usize, end: usize) -> (usize, usize) {
    match (b.get(at), b.get(at + 1)) {
        (Some(&quote @ (b'"' | b'\'')), _) => {
            let close = closing_quote(b, at, quote).unwrap_or(b.len()).min(end);
            (at + 1, close.max(at + 1))
        }
        (Some(b'\\'), Some(&quote @ (b'"' | b'\''))) => {
            let close = escaped_closing_quote(b, at + 2, quote).min(end);
            (at + 2, close.max(at + 2))
        }
        (Some(b'{' | b'['), _) | (None, _) => (at, at),
        _ => {
            let mut to = at;
            while to < end
                && !matches!(b[to], b',' | b'}' | b']' | b'\n' | b'\r')
                && !(b[to] == b'\\' && matches!(b.get(to + 1), Some(b'n' | b'r')))
            {
                to += 1;
            }
            (at, to - count_back_while(&b[at..to], is_blank))
        }
    }
}

/// Whether the unquoted scalar at `at` is `word`, in any case.
fn scalar_is(b: &[u8], at: usize, word: &str) -> bool {
    b.get(at..at + word.len())
        .is_some_and(|found| bytes_eq_ignore_case(found, word.as_bytes()))
        && !b
            .get(at + word.len())
            .is_some_and(u8::is_ascii_alphanumeric)
}

/// The `{` that opens the braces `at` is inside, looked for back to `floor`.
fn enclosing_brace(b: &[u8], floor: usize, at: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (floor..at).rev() {
        match b[i] {
            b'}' => depth += 1,
            b'{' if depth == 0 => return Some(i),
            b'{' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The index after the `}` that closes the `{` at `open`; the end of `b` when none does.
fn matching_brace(b: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, &c) in b.iter().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' if depth <= 1 => return i + 1,
            b'}' => depth -= 1,
            _ => {}
        }
    }
    b.len()
}

/// The YAML block mapping of the member whose name starts at `name`: from its line (not
/// before `floor`) over the lines that follow, as long as they are blank or indented as
/// far as the name or further. Lines end at a line break, or at `\n` as `Debug` writes
/// one.
fn block_mapping(b: &[u8], floor: usize, name: usize) -> std::ops::Range<usize> {
    // The length of the line break at `i`, as it is or as `Debug` writes it.
    let line_break = |i: usize| {
        let next = Lines::Plain
            .break_at(b, i)
            .or_else(|| Lines::Escaped.break_at(b, i));
        next.map(|next| next - i)
    };
    let mut line_start = name;
    while line_start > floor && line_break(line_start - 1).is_none() {
        if line_start >= 2 && line_break(line_start - 2) == Some(2) {
            break;
        }
        line_start -= 1;
    }
    let column = name - line_start;
    let mut at = name;
    loop {
        // The next line.
        while at < b.len() && line_break(at).is_none() {
            at += 1;
        }
        let Some(len) = (at < b.len()).then(|| line_break(at)).flatten() else {
            return line_start..b.len();
        };
        let next = at + len;
        let indent = count_while(&b[next..], |c| c == b' ');
        let blank = b
            .get(next + indent)
            .is_none_or(|_| line_break(next + indent).is_some());
        if !blank && indent < column {
            return line_start..at;
        }
        at = next;
    }
}

// ---- --password xyz ----

/// Masks the word (or the quoted text) after every long option whose name is a
/// credential's ([`flag_names_a_credential`]) and a blank (`--password hunter2`,
/// `--api-token "a b"`, `--pass x`), or a `,` (`--password,x`: command-line arguments
/// read as a list and joined again); `--password=x` is a pair, masked as one. Options
/// with one dash too, where the name is a word of two letters or more, as Java's and
/// OpenSSL's tools write them (`-password x`, `keytool -storepass x`, `-passin pass:x`).
fn flag_values(text: &str, spans: &mut Spans) {
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(found) = position(&b[at..], |c| c == b'-' || c == DASH_LEAD) {
        let dashes = at + found;
        let Some((dash_len, long)) = option_dashes(b, dashes) else {
            at = dashes + 1;
            continue;
        };
        let starts_word =
            dashes == 0 || !(b[dashes - 1].is_ascii_alphanumeric() || b[dashes - 1] == b'-');
        let name_start = dashes + dash_len;
        let name_len = count_while(&b[name_start..], |c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
        });
        let name_end = name_start + name_len;
        at = name_end.max(dashes + 1);
        let name = &text[name_start..name_end];
        // One dash: a word, not a cluster of one-letter options (`-pS3cret` is a client's).
        let word = long || name_len >= 2;
        if !starts_word || !word || !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        if !flag_names_a_credential(name) {
            continue;
        }
        if let Some((from, to)) = next_list_item(b, name_end) {
            spans.add(from, to);
            at = to;
            continue;
        }
        let mut start = name_end + count_while(&b[name_end..], is_blank);
        // A shell's line continuation (`--password \` then the value on the next line),
        // as written or as `Debug` escapes it (`\\\n`).
        if start > name_end && b.get(start) == Some(&b'\\') {
            let next = Lines::Plain.break_at(b, start + 1).or_else(|| {
                (b.get(start + 1) == Some(&b'\\'))
                    .then(|| Lines::Escaped.break_at(b, start + 2))
                    .flatten()
            });
            if let Some(next) = next {
                start = next + count_while(&b[next..], is_blank);
            }
        }
        if b.get(start) == Some(&b',') {
            start += 1;
            start += count_while(&b[start..], is_blank);
        }
        if start == name_end || b.get(start).is_none_or(|&c| c == b'-') {
            continue;
        }
        // A quoted value to its closing quote, spaces and all; otherwise one word.
        let end = match b[start] {
            quote @ (b'"' | b'\'') => closing_quote(b, start, quote).map_or(b.len(), |c| c + 1),
            _ => {
                start
                    + count_while(&b[start..], |c| {
                        !(c.is_ascii_whitespace() || matches!(c, b')' | b']' | b'}' | b'"' | b','))
                    })
            }
        };
        spans.add(start, end);
        at = end;
    }
}

/// The first byte of the dashes a word processor makes of `--` (`–`, `—`) and of the
/// other Unicode hyphens (U+2010 to U+2015), all `E2 80 90` to `E2 80 95` in UTF-8.
const DASH_LEAD: u8 = 0xE2;

/// The dashes of an option at `i`, their length in bytes, and whether they make a long
/// option: `--`, or a Unicode dash that a word processor or a chat made of it (`–password`,
/// `—password`, copied from a document), with or without a `-` after it; a single `-`
/// makes a short one. `None` when there is no dash at `i`.
fn option_dashes(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let len = match b.get(i..i + 3) {
        Some([DASH_LEAD, 0x80, 0x90..=0x95]) => 3,
        _ if b[i] == b'-' => 1,
        _ => return None,
    };
    let more = usize::from(b.get(i + len) == Some(&b'-'));
    Some((len + more, len == 3 || more == 1))
}

/// The item after an option that ends at `at`, when the two are items of a list of
/// arguments: of a JSON list or one as `Debug` writes it (`["--password", "x"]`: the
/// option's closing quote, a `,`, and the next item's text inside its quotes), or of a
/// YAML list (`- --password`, then `- x` on the next line, blank lines between, to its end).
fn next_list_item(b: &[u8], at: usize) -> Option<(usize, usize)> {
    match b.get(at) {
        Some(&quote @ (b'"' | b'\'')) => {
            let comma = at + 1 + count_while(&b[at + 1..], |c| c.is_ascii_whitespace());
            if b.get(comma) != Some(&b',') {
                return None;
            }
            let open = comma + 1 + count_while(&b[comma + 1..], |c| c.is_ascii_whitespace());
            if b.get(open) != Some(&quote) {
                return None;
            }
            Some((open + 1, closing_quote(b, open, quote).unwrap_or(b.len())))
        }
        _ => {
            let (lines, mut next) = match Lines::Plain.break_at(b, at) {
                Some(next) => (Lines::Plain, next),
                None => (Lines::Escaped, Lines::Escaped.break_at(b, at)?),
            };
            // Blank lines between the two items.
            let mut dash = next + count_while(&b[next..], is_blank);
            while let Some(after) = lines.break_at(b, dash) {
                next = after;
                dash = next + count_while(&b[next..], is_blank);
            }
            if b.get(dash) != Some(&b'-') || !b.get(dash + 1).is_some_and(|&c| is_blank(c)) {
                return None;
            }
            let from = dash + 1 + count_while(&b[dash + 1..], is_blank);
            let (to, _) = lines.line_end(b, from);
            (to > from).then_some((from, to))
        }
    }
}

// ---- machine host login bob password S3cret ----

/// Masks the value after every word `password` in a `.netrc` file's text (`machine
/// api.example.com login bob password S3cret`, on one line or several): after a word
/// `machine` or `default` earlier in the text, which every entry begins with, so that
/// prose ("the password is") stays; `login` alone does not make the text a `.netrc`
/// ("login and password to sign in"). Words are apart where there is white space or a
/// line break or tab as `Debug` escapes them (`\n`); the value runs to white space, or to
/// its closing quote.
fn netrc_passwords(b: &[u8], spans: &mut Spans) {
    let mut netrc = false;
    let mut i = 0;
    while i < b.len() {
        let gap = separator_len(b, i);
        if gap > 0 {
            i += gap;
            continue;
        }
        let mut end = i;
        while end < b.len() && separator_len(b, end) == 0 {
            end += 1;
        }
        // A quote or a bracket before a word (a `Debug` string's, `Conn("machine ...`)
        // is not part of it.
        let word = &b[i..end];
        let word = &word[count_while(word, |c| matches!(c, b'"' | b'\'' | b'(' | b'['))..];
        let word = word
            .rsplit(|&c| c == b'"' || c == b'(')
            .next()
            .unwrap_or(word);
        i = end;
        if netrc && word == b"password" {
            let mut from = end;
            while from < b.len() && separator_len(b, from) > 0 {
                from += separator_len(b, from);
            }
            if from < b.len() {
                i = shell_word_end(b, from);
                spans.add(from, i);
            }
        }
        netrc |= matches!(word, b"machine" | b"default");
    }
}

// ---- requirepass S3cret, CREATE USER u PASSWORD 'S3cret', IDENTIFIED BY 'S3cret' ----

/// Masks the password in statements that give it after a word, with no `=`: Redis's
/// configuration and commands (`requirepass x` and `masterauth x` in `redis.conf`,
/// `CONFIG SET requirepass x`) and `set` before a credential's name (`aws configure set
/// aws_secret_access_key x`, `npm config set _authToken x`), the next word or quoted text; SQL's `PASSWORD '...'`
/// (`CREATE USER u WITH PASSWORD '...'`, `ALTER ROLE u PASSWORD '...'`) and `IDENTIFIED
/// BY '...'` (MySQL's and Oracle's, also `IDENTIFIED WITH plugin BY '...'`), the quoted
/// text only, so that prose about a password stays. Words are compared without case, at
/// the start of a word.
fn statement_passwords(b: &[u8], spans: &mut Spans) {
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic()
            || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            i += 1;
            continue;
        }
        let end = i + count_while(&b[i..], |c| c.is_ascii_alphanumeric() || c == b'_');
        let word = &b[i..end];
        let value = end + count_while(&b[end..], is_blank);
        let quoted = matches!(b.get(value), Some(b'\'' | b'"'));
        let found = if bytes_eq_ignore_case(word, b"requirepass")
            || bytes_eq_ignore_case(word, b"masterauth")
        {
            (value > end && value < b.len()).then_some(value)
        } else if bytes_eq_ignore_case(word, b"password") && value > end && quoted {
            Some(value)
        } else if bytes_eq_ignore_case(word, b"identified") {
            identified_by(b, value)
        } else if bytes_eq_ignore_case(word, b"set") && value > end {
            set_value(b, value)
        } else {
            None
        };
        i = end.max(i + 1);
        let Some(at) = found else {
            continue;
        };
        let close = match b[at] {
            quote @ (b'\'' | b'"') => closing_quote(b, at, quote).map_or(b.len(), |c| c + 1),
            _ => shell_word_end(b, at),
        };
        spans.add(at, close);
        i = close.max(i);
    }
}

/// The value of `set NAME VALUE` when `NAME`, the word at `at`, is a credential's
/// ([`is_sensitive_param`]): `aws configure set aws_secret_access_key ...`, `npm config
/// set _authToken ...`, `CONFIG SET masterauth ...`.
fn set_value(b: &[u8], at: usize) -> Option<usize> {
    let end = at
        + count_while(&b[at..], |c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
        });
    let value = end + count_while(&b[end..], is_blank);
    let name = std::str::from_utf8(&b[at..end]).ok()?;
    (end > at && value > end && value < b.len() && is_sensitive_param(name)).then_some(value)
}

/// The quoted password of `IDENTIFIED BY '...'` or `IDENTIFIED WITH plugin BY '...'`,
/// the words after `IDENTIFIED` beginning at `at`.
fn identified_by(b: &[u8], at: usize) -> Option<usize> {
    let mut at = at;
    // `BY`, or `WITH` and a plugin's name before it: three words at most.
    for _ in 0..3 {
        let end = at + count_while(&b[at..], |c| c.is_ascii_alphanumeric() || c == b'_');
        let next = end + count_while(&b[end..], is_blank);
        if end == at || next == end {
            return None;
        }
        if bytes_eq_ignore_case(&b[at..end], b"by") {
            return matches!(b.get(next), Some(b'\'' | b'"')).then_some(next);
        }
        at = next;
    }
    None
}

/// The length of the separator of words at `b[i]`: 1 for white space, 2 for a line break
/// or a tab as `Debug` escapes them (`\n`, `\r`, `\t`), 0 for anything else.
fn separator_len(b: &[u8], i: usize) -> usize {
    match (b[i], b.get(i + 1)) {
        (c, _) if c.is_ascii_whitespace() => 1,
        (b'\\', Some(b'n' | b'r' | b't')) => 2,
        _ => 0,
    }
}

// ---- mysql -pS3cret, curl -u user:S3cret, redis-cli -a S3cret, sshpass -p S3cret ----

/// A command-line client that takes a password in an option of its own, which elsewhere
/// means something else (`-p` is most often a port: `ssh -p2222`, `docker run -p8080:80`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Client {
    /// `mysql`, `mysqldump`, `mariadb-admin`, ... ([`names_a_mysql_client`]): the password
    /// glued to `-p` (`-pS3cret`, `-p'S3 cret'`). `-p` alone asks for it, and the word
    /// after it is the database.
    MySql,
    /// `curl`: what follows the first `:` of the argument of `-u`, `--user`, `-U` or
    /// `--proxy-user` (`-u bob:S3cret`, `-ubob:S3cret`, `--user=bob:S3cret`, and after
    /// flags that take no argument: `-sSu bob:S3cret`); without a `:` curl asks for the
    /// password.
    Curl,
    /// `redis-cli`, `valkey-cli`, `keydb-cli`: the argument of `-a` or `--pass`.
    RedisCli,
    /// `mongosh`, `mongo`, `mycli`, 7-Zip's `7z`: the argument of `-p`; `sqlcmd`, `zip`,
    /// Mosquitto's `mosquitto_pub` and `mosquitto_sub`: of `-P`; `ldapsearch` and the
    /// other OpenLDAP tools: of `-w`.
    ShortPassword(u8),
    /// HTTPie (`http`, `https`): what follows the first `:` of the argument of `-a` or
    /// `--auth`, as for curl.
    Httpie,
    /// `sshpass`: the argument of `-p` (`-p S3cret`, `-pS3cret`), among its own options:
    /// the command it runs begins at its first other word, and that command's options
    /// are not its (`sshpass -p S3cret ssh -p 2222 host`).
    Sshpass,
    /// `docker`, `podman`, `nerdctl`, `buildah`, `skopeo`, `helm`: `-p` is a password
    /// after `login` only (`docker login -u bob -p S3cret`; not `docker run -p 8080:80`).
    Registry,
    /// HashiCorp's `vault` (`vault login <token>`) and RabbitMQ's `rabbitmqctl`
    /// (`add_user <user> <password>`, `change_password <user> <password>`): a
    /// subcommand, then [`Client::Positional`].
    Subcommands,
    /// The password is a word that is not an option (not `-x`, nor `name=value`), after
    /// this many others.
    Positional(u8),
    /// Oracle's `sqlplus`, `sqlldr`, `expdp`, `impdp`, `exp`, `imp`, `rman`: the first
    /// word that is not an option, `user/password@database` (EZConnect), holds the
    /// password between its `/` and its `@` (`sqlplus scott/S3cret@//db:1521/orcl`; not
    /// `sqlplus /nolog` or `/ as sysdba`).
    Oracle,
}

impl Client {
    /// The client a command-line word names, if any: its name with a path, quotes, `NAME=`
    /// before it and `.exe` or quotes after it taken off (`/usr/bin/mysql`,
    /// `"C:\...\curl.exe"`), in any case.
    fn named(word: &[u8]) -> Option<Client> {
        let word = &word[..word.len() - count_back_while(word, |c| c == b'"' || c == b'\'')];
        let start = rposition(word, |c| matches!(c, b'/' | b'\\' | b'=' | b'"' | b'\''))
            .map_or(0, |i| i + 1);
        let mut name = &word[start..];
        if ends_with_ignore_case(name, b".exe") {
            name = &name[..name.len() - 4];
        }
        if names_a_mysql_client(name) {
            Some(Client::MySql)
        } else if bytes_eq_ignore_case(name, b"curl") {
            Some(Client::Curl)
        } else if [b"redis-cli".as_slice(), b"valkey-cli", b"keydb-cli"]
            .iter()
            .any(|cli| bytes_eq_ignore_case(name, cli))
        {
            Some(Client::RedisCli)
        } else if bytes_eq_ignore_case(name, b"sshpass") {
            Some(Client::Sshpass)
        } else if [b"mongosh".as_slice(), b"mongo", b"mycli"]
            .iter()
            .any(|cli| bytes_eq_ignore_case(name, cli))
        {
            Some(Client::ShortPassword(b'p'))
        } else if bytes_eq_ignore_case(name, b"sqlcmd")
            || bytes_eq_ignore_case(name, b"zip")
            || starts_with_ignore_case(name, b"mosquitto_")
        {
            Some(Client::ShortPassword(b'P'))
        } else if [b"7z".as_slice(), b"7za", b"7zz"]
            .iter()
            .any(|cli| bytes_eq_ignore_case(name, cli))
        {
            Some(Client::ShortPassword(b'p'))
        } else if starts_with_ignore_case(name, b"ldap") && name.len() > 4 {
            Some(Client::ShortPassword(b'w'))
        } else if bytes_eq_ignore_case(name, b"http") || bytes_eq_ignore_case(name, b"https") {
            Some(Client::Httpie)
        } else if bytes_eq_ignore_case(name, b"vault") || bytes_eq_ignore_case(name, b"rabbitmqctl")
        {
            Some(Client::Subcommands)
        } else if [
            b"sqlplus".as_slice(),
            b"sqlldr",
            b"expdp",
            b"impdp",
            b"exp",
            b"imp",
            b"rman",
        ]
        .iter()
        .any(|cli| bytes_eq_ignore_case(name, cli))
        {
            Some(Client::Oracle)
        } else if [
            b"docker".as_slice(),
            b"podman",
            b"nerdctl",
            b"buildah",
            b"skopeo",
            b"helm",
        ]
        .iter()
        .any(|cli| bytes_eq_ignore_case(name, cli))
        {
            Some(Client::Registry)
        } else {
            None
        }
    }

    /// What the command-line word `word` is to this client: an option whose argument is
    /// the password, or that takes an argument that is not.
    fn option(self, word: &[u8]) -> Word {
        let short = |letter: u8| word.len() >= 2 && word[0] == b'-' && word[1] == letter;
        let glued_to = |letter: u8| short(letter) && word.len() > 2;
        match self {
            Client::MySql if glued_to(b'p') => Word::Password { glued: 2 },
            Client::Curl if matches!(word, b"-u" | b"-U" | b"--user" | b"--proxy-user") => {
                Word::Password { glued: word.len() }
            }
            Client::Curl if glued_to(b'u') || glued_to(b'U') => Word::Password { glued: 2 },
            Client::Curl if word.starts_with(b"--user=") => Word::Password { glued: 7 },
            Client::Curl if word.starts_with(b"--proxy-user=") => Word::Password { glued: 13 },
            // Short flags together, `-u` last of those that take no argument: `-sSu`,
            // `-fsSubob:pw`.
            Client::Curl => {
                curl_flags_then_user(word).map_or(Word::Other, |glued| Word::Password { glued })
            }
            Client::RedisCli if matches!(word, b"-a" | b"--pass") => {
                Word::Password { glued: word.len() }
            }
            Client::ShortPassword(letter) if short(letter) => Word::Password { glued: 2 },
            Client::Httpie if matches!(word, b"-a" | b"--auth") => {
                Word::Password { glued: word.len() }
            }
            Client::Sshpass if short(b'p') => Word::Password { glued: 2 },
            // Its options that take an argument: a file, a descriptor, a prompt.
            Client::Registry if word == b"login" => Word::Become(Client::ShortPassword(b'p')),
            Client::Subcommands if word == b"login" => Word::Become(Client::Positional(0)),
            Client::Subcommands if matches!(word, b"add_user" | b"change_password") => {
                Word::Become(Client::Positional(1))
            }
            // A shell's operator ends the command: what follows is another's.
            Client::Positional(_) if matches!(word, b"&&" | b"||" | b"|" | b";") => Word::Command,
            Client::Positional(_) if word[0] == b'-' || word.contains(&b'=') => Word::Other,
            Client::Positional(0) => Word::Password { glued: 0 },
            Client::Positional(n) => Word::Become(Client::Positional(n - 1)),
            // The connect string: `user/password@db`; its options (`-S`, `-L`) take none.
            Client::Oracle if word[0] != b'-' && word[0] != b'/' => {
                match position(word, |c| c == b'/') {
                    Some(slash) => Word::Password { glued: slash + 1 },
                    None => Word::Other,
                }
            }
            Client::Sshpass if matches!(word, b"-f" | b"-d" | b"-P") => Word::Argument,
            Client::Sshpass if word[0] == b'-' => Word::Other,
            Client::Sshpass => Word::Command,
            _ => Word::Other,
        }
    }
}

/// Where the argument of `-u` or `-U` begins in a word of curl's short flags that take no
/// argument followed by it (`-sSu`, `-fsubob:pw`), if the word is one.
fn curl_flags_then_user(word: &[u8]) -> Option<usize> {
    // curl's short options that take no argument, the ones written together most.
    const FLAGS: &[u8] = b"sSfkLvigGjlnOqRZ46#";
    let flags = word
        .strip_prefix(b"-")
        .filter(|rest| !rest.starts_with(b"-"))?;
    let user = flags.iter().position(|&c| c == b'u' || c == b'U')?;
    (user > 0 && flags[..user].iter().all(|c| FLAGS.contains(c))).then_some(user + 2)
}

/// What a command-line word is to a [`Client`].
enum Word {
    /// An option whose argument is the password: glued to it from byte `glued` of the
    /// word on, or the next word when that is the end of the word.
    Password { glued: usize },
    /// An option whose argument, the next word, is not a password.
    Argument,
    /// The first word of the command `sshpass` runs: its options are not `sshpass`'s.
    Command,
    /// A subcommand after which the client's options are another's (`docker login`).
    Become(Client),
    /// Anything else.
    Other,
}

/// Masks the passwords given on the command line of the clients that take one in an
/// option ([`Client`]): after a word that names a client on the same line, anywhere on it
/// (`sudo mysql`, `docker exec db mysql`, `cat x | curl`), each of that client's password
/// options. A quoted password runs to its closing quote, white space and all.
fn client_passwords(b: &[u8], spans: &mut Spans) {
    let mut client = None;
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            // A line ends the command, but for a shell's line continuation (`\` at its end).
            let continued =
                (i > 0 && b[i - 1] == b'\\') || (i > 1 && b[i - 1] == b'\r' && b[i - 2] == b'\\');
            if matches!(b[i], b'\n' | b'\r') && !continued {
                client = None;
            }
            i += 1;
            continue;
        }
        let end = i + count_while(&b[i..], |c| !c.is_ascii_whitespace());
        let word = &b[i..end];
        // The `\` of a line continuation is not a word.
        if word == b"\\" {
            i = end;
            continue;
        }
        let Some(current) = client else {
            client = Client::named(word);
            i = end;
            continue;
        };
        match current.option(word) {
            Word::Password { glued } => {
                // The argument: glued to the option, or the next word on the line.
                let from = if glued < word.len() {
                    i + glued
                } else {
                    end + count_while(&b[end..], is_blank)
                };
                if from >= b.len() || b[from].is_ascii_whitespace() {
                    i = from;
                    continue;
                }
                let to = shell_word_end(b, from);
                let password = match current {
                    Client::Curl | Client::Httpie => user_password(b, from, to),
                    // To the `@` of the database, if one follows.
                    Client::Oracle => {
                        let at = rposition(&b[from..to], |c| c == b'@').map_or(to, |at| from + at);
                        (at > from).then_some((from, at))
                    }
                    _ => Some((from, to)),
                };
                if let Some((start, end)) = password {
                    spans.add(start, end);
                }
                if matches!(current, Client::Sshpass | Client::Positional(_)) {
                    client = None;
                }
                i = to;
            }
            Word::Argument => {
                let next = end + count_while(&b[end..], is_blank);
                i = next + count_while(&b[next..], |c| !c.is_ascii_whitespace());
            }
            Word::Command => {
                client = Client::named(word);
                i = end;
            }
            Word::Become(next) => {
                client = Some(next);
                i = end;
            }
            Word::Other => {
                client = Client::named(word).or(client);
                i = end;
            }
        }
    }
}

/// The password in curl's `user:password` argument `b[from..to]`: what follows its first
/// `:`, less the quote that closes the argument when one opens it (`'bob:***'`).
fn user_password(b: &[u8], from: usize, to: usize) -> Option<(usize, usize)> {
    let colon = position(&b[from..to], |c| c == b':')? + from;
    let quoted = matches!(b[from], b'"' | b'\'') && to - 1 > colon && b[to - 1] == b[from];
    let end = if quoted { to - 1 } else { to };
    (colon + 1 < end).then_some((colon + 1, end))
}

/// The end of the shell word that goes on at `from`: the first white space outside quotes.
/// A `'...'` runs to the next `'`, a `"..."` to the `"` that closes it (a `\` escapes the
/// byte after it there, as outside), and either to the end of the text when it is not
/// closed.
fn shell_word_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && !b[i].is_ascii_whitespace() {
        i = match b[i] {
            b'\\' => i + 2,
            b'\'' => position(&b[i + 1..], |c| c == b'\'').map_or(b.len(), |c| i + c + 2),
            b'"' => closing_quote(b, i, b'"').map_or(b.len(), |c| c + 1),
            _ => i + 1,
        };
    }
    i.min(b.len())
}

/// Whether a command's name (a path and `.exe` taken off) names a MySQL or MariaDB client:
/// `mysql` or `mariadb`, or a name that begins with `mysql` or `mariadb-` and goes on in
/// letters, `-` and `_` (`mysqldump`, `mysqladmin`, `mysql_upgrade`, `mariadb-dump`,
/// `mariadb-admin`), which all read `-p` so. Case is ignored.
fn names_a_mysql_client(name: &[u8]) -> bool {
    let rest = if starts_with_ignore_case(name, b"mysql") {
        &name[5..]
    } else if starts_with_ignore_case(name, b"mariadb") {
        let rest = &name[7..];
        if !(rest.is_empty() || rest[0] == b'-') {
            return false;
        }
        rest
    } else {
        return false;
    };
    rest.iter()
        .all(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'_')
}

// ---- -----BEGIN PRIVATE KEY----- ----

/// Masks the body of every armoured block whose label holds `PRIVATE`: a PEM block
/// (`-----BEGIN label-----`) or an SSH2 one (RFC 4716's `---- BEGIN label ----`, in which
/// ssh.com's tools write private keys), from the end of its `BEGIN` line to its `END` line
/// (`-----END`, `---- END`), or to the end of the text when that is missing or cut short
/// before its dashes. The headers inside (`Proc-Type:`, `Comment:`) go with the body.
///
/// A label is a run of bytes without a line break or two `-` in a row (RFC 7468 allows
/// one between its words), so the labels of two `BEGIN`s never overlap and each byte is
/// looked at a bounded number of times: the search goes on after what it hid, or after a
/// label that was not a key's.
fn private_keys(text: &str, spans: &mut Spans) {
    // What comes before `BEGIN `, what closes the label, what begins the `END` line.
    const ARMOURS: [(&[u8], &[u8], &str); 2] = [
        (b"-----", b"-----", "-----END"),
        (b"---- ", b" ----", "---- END"),
    ];
    const BEGIN: &str = "BEGIN ";
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text::find(&text[at..], BEGIN) {
        let begin = at + found;
        let label_start = begin + BEGIN.len();
        at = label_start;
        let Some(&(_, close, end)) = ARMOURS.iter().find(|(open, ..)| b[..begin].ends_with(open))
        else {
            continue;
        };
        let label_end = label_start + label_len(&b[label_start..]);
        at = label_end;
        // SSH2's blank before its closing dashes is in the label's run.
        let blank = close.len() - close.trim_ascii_start().len();
        let close_at = label_end.saturating_sub(blank).max(label_start);
        if !b[close_at..].starts_with(close) {
            continue;
        }
        let body_start = close_at + close.len();
        at = body_start;
        if !contains_ignore_case(&b[label_start..close_at], b"PRIVATE") {
            continue;
        }
        let body_end = text::find(&text[body_start..], end).map_or(text.len(), |i| body_start + i);
        spans.add(body_start, body_end);
        at = body_end;
    }
}

/// Masks the private part of every PuTTY key (a `.ppk` file, formats 1 to 3): from the
/// end of its `Private-Lines: N` header to its `Private-MAC:` line (format 1's
/// `Private-Hash:`), and that line's value; to the end of the text when the MAC is
/// missing. The lines are not counted, so a count that is wrong or cut short leaves none
/// shown. The public part before them (`Encryption:`, `Comment:`, `Public-Lines:` and its
/// lines, format 3's Argon2 parameters) is not hidden here: it is what an
/// `authorized_keys` file holds.
fn putty_keys(text: &str, spans: &mut Spans) {
    const LINES: &str = "Private-Lines:";
    const PRIVATE: &str = "Private-";
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(found) = text::find(&text[at..], LINES) {
        let count = at + found + LINES.len();
        let from = count + count_while(&b[count..], |c| is_blank(c) || c.is_ascii_digit());
        // The next `Private-MAC:` or `Private-Hash:`, looked for once past every other
        // `Private-` (another key's `Private-Lines:`, which this one's hidden part then
        // takes in).
        let mut search = from;
        let mac = loop {
            let Some(i) = text::find(&text[search..], PRIVATE) else {
                break None;
            };
            let line = search + i;
            search = line + PRIVATE.len();
            let name = match &b[search..] {
                rest if rest.starts_with(b"MAC:") => "MAC:",
                rest if rest.starts_with(b"Hash:") => "Hash:",
                _ => continue,
            };
            break Some((line, search + name.len()));
        };
        let Some((line, value)) = mac else {
            spans.add(from, b.len());
            return;
        };
        spans.add(from, line);
        let value = value + count_while(&b[value..], is_blank);
        at = value + count_while(&b[value..], |c| !(ends_url(c) || c == b'\\'));
        spans.add(value, at);
    }
}

/// The length of the armour label at the start of `b`: to a line break or a `-`, but for
/// one `-` between two words of the label.
fn label_len(b: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let joins_words = c == b'-' && b.get(i + 1).is_some_and(|&next| !is_label_end(next));
        if is_label_end(c) && !joins_words {
            break;
        }
        i += 1;
    }
    i
}

/// Bytes that end an armour label (see [`label_len`]).
fn is_label_end(c: u8) -> bool {
    matches!(c, b'-' | b'\n' | b'\r')
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::show::names::is_secret_name;

    #[test]
    fn pairs_as_debug_writes_them() {
        let cases = [
            (
                r#"Headers([("X-Api-Key", "S3CRET"), ("Accept", "json")])"#,
                r#"Headers([("X-Api-Key", "***"), ("Accept", "json")])"#,
            ),
            (
                r#"Custom("{\"password\":\"S3CRET\",\"user\":\"app\"}")"#,
                r#"Custom("{\"password\":\"***\",\"user\":\"app\"}")"#,
            ),
            // Not pairs: a list of words, a quoted name before an unquoted value.
            (r#"["token", "S3CRET"]"#, r#"["token", "***"]"#),
            (r#"("token", 5)"#, r#"("token", 5)"#),
            ("token, S3CRET", "token, S3CRET"),
            // Nor a JSON member's value, nor a header or a setting written whole.
            (
                r#"{"kind": "token", "mode": "x"}"#,
                r#"{"kind": "token", "mode": "x"}"#,
            ),
            (
                r#"{"authorization": "Token S3CRET", "accept": "json"}"#,
                r#"{"authorization": "***", "accept": "json"}"#,
            ),
            (
                r#"["Authorization: Token S3CRET", "Accept: json"]"#,
                r#"["Authorization: Token ***", "Accept: json"]"#,
            ),
            (
                r#"["--password=S3CRET", "--verbose"]"#,
                r#"["--password=***", "--verbose"]"#,
            ),
        ];
        for (input, want) in cases {
            assert_eq!(mask(input), want, "{input}");
        }
    }

    #[test]
    fn options_and_settings_without_a_space() {
        let cases = [
            ("password:S3CRET", "password:***"),
            ("X-Api-Key:S3CRET next", "X-Api-Key:*** next"),
            (
                "run --password S3CRET --user app",
                "run --password *** --user app",
            ),
            ("run --api-token  S3CRET", "run --api-token  ***"),
            ("--password=S3CRET", "--password=***"),
            // Not settings: a host and port, a user and password before an `@` (the
            // password masked by the user-information pass), an option without a value.
            ("db:5432", "db:5432"),
            // A credential's own name: all of its value, an `@` in it too.
            ("token:S3CRET@github.com", "token:***"),
            ("password:P@S3CRET", "password:***"),
            // Not settings: a host and a port, names that only hold `key` or `token`.
            ("keycloak:8080", "keycloak:8080"),
            (
                "http://keycloak:8080/realms/app",
                "http://keycloak:8080/realms/app",
            ),
            (
                "https://example.com/v1/keys:batchGet",
                "https://example.com/v1/keys:batchGet",
            ),
            ("keydb:9092,monkey:9093", "keydb:9092,monkey:9093"),
            (
                "https://apikey:S3CRET@api.example.com",
                "https://apikey:***@api.example.com",
            ),
            (
                "run --password-file /run/secrets/db --keyspace prod",
                "run --password-file /run/secrets/db --keyspace prod",
            ),
            (
                "run --token-ttl 3600 --tokenizer bert",
                "run --token-ttl 3600 --tokenizer bert",
            ),
            // An option after any other byte than a letter, a digit or `-`; a quoted value.
            ("run\n--password S3CRET", "run\n--password ***"),
            ("(--password S3CRET)", "(--password ***)"),
            (
                r#"--password "correct horse S3CRET staple" -v"#,
                "--password *** -v",
            ),
            // A password holding a raw `@`, without a scheme; a host ended by `|`.
            ("admin:S3CR@ET@proxy:3128", "admin:***@proxy:3128"),
            ("admin:S3CRET@proxy1|backup", "admin:***@proxy1|backup"),
            // YAML blocks: the indented lines that follow.
            (
                "password: |\n  S3CRET\n  more\nport: 1",
                "password: |\n***\nport: 1",
            ),
            ("password:\n  S3CRET\nport: 1", "password:\n***\nport: 1"),
            ("token: >-\r\n  S3CRET", "token: >-\r\n***"),
            ("password:\nport: 1", "password:\nport: 1"),
            (
                "auth:\n  enabled: true\n  password: S3CRET",
                "auth:\n  enabled: true\n  password: ***",
            ),
            ("tokens:\n  - S3CRET\n  - other", "tokens:\n***"),
            // A list written at its name's column, as kubectl writes one; a name nested
            // in a mapping ends at the next name of its column.
            (
                "api_keys:\n- sk_live_S3CRET\n- other\nport: 1",
                "api_keys:\n***\nport: 1",
            ),
            (
                "db:\n  password:\n    S3CRET\n  host: db\n  tokens:\n  - S3CRET\n  port: 1",
                "db:\n  password:\n***\n  host: db\n  tokens:\n***\n  port: 1",
            ),
            (
                "- password:\n    S3CRET\n- name: x",
                "- password:\n***\n- name: x",
            ),
            (
                r#"{"auth": {"issuer": "https://idp", "password": "S3CRET"}}"#,
                r#"{"auth": {"issuer": "https://idp", "password": "***"}}"#,
            ),
            (
                r#"{"tokens": ["S3CRET", "other"], "port": 1}"#,
                r#"{"tokens": [***], "port": 1}"#,
            ),
            ("run --password --user app", "run --password --user app"),
            ("a--password S3CRET", "a--password S3CRET"),
            ("--", "--"),
        ];
        for (input, want) in cases {
            assert_eq!(mask(input), want, "{input}");
        }
    }

    #[test]
    fn private_keys_are_hidden_whole_and_other_pem_blocks_are_not() {
        let key =
            "-----BEGIN RSA PRIVATE KEY-----\nMIIS3CRETxyz\nmore\n-----END RSA PRIVATE KEY-----";
        let hidden = "-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----";
        assert_eq!(mask(key), hidden);
        // Written on one line with escaped line breaks, as in a `.env` file or a `Debug`.
        assert_eq!(
            mask(
                "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlS3CRET\\n-----END OPENSSH PRIVATE KEY-----"
            ),
            "-----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY-----"
        );
        // Cut short: hidden to the end, or to what is left of the `END` line.
        assert_eq!(
            mask("tls: -----BEGIN EC PRIVATE KEY-----\nMHcS3CRET"),
            "tls: -----BEGIN EC PRIVATE KEY-----***"
        );
        for (input, want) in [
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIS3CRET\n-----END RSA PRIV",
                "-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIV",
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIS3CRET\n-----EN",
                "-----BEGIN RSA PRIVATE KEY-----***",
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIS3CRET\n----END RSA PRIVATE KEY-----\nport: 1",
                "-----BEGIN RSA PRIVATE KEY-----***",
            ),
            (
                "-----BEGIN PRIVATE KEY-----\\nMIIS3CRET\\nmore\\n",
                "-----BEGIN PRIVATE KEY-----***",
            ),
            // One `-` inside a label is part of it.
            (
                "-----BEGIN X-PRIVATE KEY-----\nMIIS3CRET\n-----END X-PRIVATE KEY-----",
                "-----BEGIN X-PRIVATE KEY-----***-----END X-PRIVATE KEY-----",
            ),
        ] {
            check(input, want, &["S3CRET"]);
        }
        // Two keys, a certificate between them left as it is.
        let cert = "-----BEGIN CERTIFICATE-----\nMIIBpublic\n-----END CERTIFICATE-----";
        assert_eq!(
            mask(&format!("{key}\n{cert}\n{key}")),
            format!("{hidden}\n{cert}\n{hidden}")
        );
        for text in [
            "-----BEGIN PUBLIC KEY-----\nMIIBpublic\n-----END PUBLIC KEY-----",
            "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"me\"\nAAAAB3Nza\n---- END SSH2 PUBLIC KEY ----",
            "---- a heading ----",
            "---- BEGIN PRIVATE KEY\nS3CRET",
            "x---- BEGIN PRIVATE KEY----",
            "-----BEGIN ",
            "-----BEGIN PRIVATE KEY",
            "-----BEGIN PRIVATE\nKEY-----S3CRET",
        ] {
            assert_eq!(mask(text), text);
        }
    }

    #[test]
    fn ssh2_private_keys_are_hidden_with_their_headers() {
        let key = "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n\
            Comment: \"deploy S3CRETcomment\"\n\
            P2/56wAAAi4AAAA3aWYtbW9kbntzaWduS3CRET\n\
            ---- END SSH2 ENCRYPTED PRIVATE KEY ----";
        let hidden =
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----***---- END SSH2 ENCRYPTED PRIVATE KEY ----";
        check(key, hidden, &["S3CRET"]);
        check(
            &format!("a: 1\n{key}\nb: 2"),
            &format!("a: 1\n{hidden}\nb: 2"),
            &["S3CRET"],
        );
        // Cut short, or written on one line with escaped line breaks.
        check(
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nP2/56wS3CRET\n---- EN",
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----***",
            &["S3CRET"],
        );
        check(
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\\nP2/56wS3CRET\\n---- END SSH2 ENCRYPTED PRIVATE KEY ----",
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----***---- END SSH2 ENCRYPTED PRIVATE KEY ----",
            &["S3CRET"],
        );
    }

    #[test]
    fn putty_keys_hide_their_private_lines_and_mac() {
        let public = "PuTTY-User-Key-File-3: ssh-ed25519\n\
            Encryption: none\n\
            Comment: ed25519-key-20240101\n\
            Public-Lines: 2\n\
            AAAAC3NzaC1lZDI1NTE5AAAAIPublicPart\n\
            AAAAmorePublic\n\
            Private-Lines: 2\n";
        let key = format!(
            "{public}AAAAIS3CRETprivateLine1\nAAAAS3CRETprivateLine2\nPrivate-MAC: 5f3eS3CRETmac0123\n"
        );
        // The header's value goes too, by its name (`...-Key-File-3`), which is not this
        // rule's doing.
        let got = mask(&key);
        assert!(!got.contains("S3CRET"), "{got}");
        assert!(
            got.ends_with(
                "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIPublicPart\nAAAAmorePublic\n\
                 Private-Lines: 2***Private-MAC: ***\n"
            ),
            "{got}"
        );
        // What follows the key stays.
        check(
            "Encryption: none\nPrivate-Lines: 1\nAAAS3CRET\nPrivate-MAC: abS3CRET\nport: 1",
            "Encryption: none\nPrivate-Lines: 1***Private-MAC: ***\nport: 1",
            &["S3CRET"],
        );
        // Format 1's hash; a MAC missing or cut short; escaped line breaks; a count that
        // is wrong.
        for (input, want) in [
            (
                "Private-Lines: 1\nAAAS3CRET\nPrivate-Hash: abS3CRET",
                "Private-Lines: 1***Private-Hash: ***",
            ),
            (
                "Private-Lines: 1\nAAAS3CRET\nPrivate-MA",
                "Private-Lines: 1***",
            ),
            (
                "Private-Lines: 1\\nAAAS3CRET\\nPrivate-MAC: abS3CRET\\n",
                "Private-Lines: 1***Private-MAC: ***\\n",
            ),
            (
                "Private-Lines: 1\nAAAS3CRET\nAAAS3CRET\nPrivate-MAC: abS3CRET",
                "Private-Lines: 1***Private-MAC: ***",
            ),
        ] {
            check(input, want, &["S3CRET"]);
        }
    }

    #[test]
    fn cookie_headers_hide_all_their_cookies() {
        for (input, want) in [
            ("Cookie: session=S3CRET; theme=dark", "Cookie: ***"),
            ("cookie: session=S3CRET", "cookie: ***"),
            ("COOKIE:session=S3CRET; b=S3CRET", "COOKIE:***"),
            (
                "Set-Cookie: id=S3CRET; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; HttpOnly",
                "Set-Cookie: ***",
            ),
            (
                "GET / HTTP/1.1\nHost: x\nCookie: sid=S3CRET; lang=en\r\nAccept: */*",
                "GET / HTTP/1.1\nHost: x\nCookie: ***\r\nAccept: */*",
            ),
            (
                "curl -H \"Cookie: sid=S3CRET; x=1\" https://x",
                "curl -H \"Cookie: ***\" https://x",
            ),
            // A cookie's quoted value, a `'` in one, a `"` in a JSON text after it.
            ("Cookie: a=\"S3 CRET\"; b=S3CRET", "Cookie: ***"),
            ("Cookie: a=S3'CRET; b=S3CRET", "Cookie: ***"),
            (
                r#"{"headers": "Cookie: a=S3CRET"}"#,
                r#"{"headers": "Cookie: ***"}"#,
            ),
            // As `Debug` writes a pair or a string, as JSON writes a member.
            (
                r#"[("Cookie", "session=S3CRET; b=1"), ("Accept", "json")]"#,
                r#"[("Cookie", "***"), ("Accept", "json")]"#,
            ),
            (
                r#"Raw("Cookie: a=\"S3CRET\"; b=S3CRET")"#,
                r#"Raw("Cookie: ***")"#,
            ),
            (r#"{"cookie": "session=S3CRET"}"#, r#"{"cookie": "***"}"#),
            (
                r#"{"Set-Cookie": "id=S3CRET; Path=/", "n": 1}"#,
                r#"{"Set-Cookie": "***", "n": 1}"#,
            ),
            (
                r#"Custom("{\"cookie\":\"a=S3CRET\"}")"#,
                r#"Custom("{\"cookie\":\"***\"}")"#,
            ),
            // A setting or a parameter named for a cookie.
            ("session_cookie=S3CRET&page=2", "session_cookie=***&page=2"),
        ] {
            check(input, want, &["S3CRET", "S3 CRET", "CRET"]);
        }
        for text in [
            "Cookie policy: strict",
            "log: cookies enabled for example.com",
            "cookie_domain=example.com cookie_secure=true cookie_samesite=lax cookie_name=sid",
            "cookie_path=/ cookie_max_age=3600 cookie_httponly=true cookie_expires=never",
            "cookiecutter=gh:org/template",
            "fortunecookie: yes",
        ] {
            unchanged(text);
        }
        assert!(is_sensitive_param("Set-Cookie") && is_sensitive_param("cookies"));
        assert!(!is_sensitive_param("cookie_policy") && !is_sensitive_param("SessionCookieAge"));
    }

    #[test]
    fn mysql_passwords_glued_to_p() {
        for (input, want) in [
            ("mysql -uroot -pS3CRET db", "mysql -uroot -p*** db"),
            (
                "mysqldump -p'S3 CRET' db > dump.sql",
                "mysqldump -p*** db > dump.sql",
            ),
            ("mariadb -p\"S3 \\\"CRET\" db", "mariadb -p*** db"),
            (
                "/usr/bin/mysql -h db -pS3CRET",
                "/usr/bin/mysql -h db -p***",
            ),
            ("mysqladmin -pS3CRET status", "mysqladmin -p*** status"),
            (
                "mysqlimport -pS3CRET db t.csv",
                "mysqlimport -p*** db t.csv",
            ),
            ("mysqlcheck -pS3CRET --all", "mysqlcheck -p*** --all"),
            ("mariadb-dump -pS3CRET db", "mariadb-dump -p*** db"),
            ("mariadb-admin -pS3CRET ping", "mariadb-admin -p*** ping"),
            (
                "docker exec db mysql -uroot -pS3CRET -e 'select 1; select 2'",
                "docker exec db mysql -uroot -p*** -e 'select 1; select 2'",
            ),
            (
                "sudo mysql -pS3CRET db && mysql -pS3CRET db",
                "sudo mysql -p*** db && mysql -p*** db",
            ),
            (
                r#"{"cmd": "mysql -pS3CRET db"}"#,
                r#"{"cmd": "mysql -p*** db"}"#,
            ),
            (
                r"C:\mysql\bin\MySQL.exe -pS3CRET",
                r"C:\mysql\bin\MySQL.exe -p***",
            ),
            (r#"exec "mysql" -pS3CRET"#, r#"exec "mysql" -p***"#),
            ("CLIENT=mariadb -pS3CRET", "CLIENT=mariadb -p***"),
            // A `-p` before the client, or on another line, is not its.
            (
                "ssh -p2222 host mysql -pS3CRET",
                "ssh -p2222 host mysql -p***",
            ),
            (
                "mysql -pS3CRET\nssh -p2222 host",
                "mysql -p***\nssh -p2222 host",
            ),
            // Long options were hidden already.
            (
                "mysql --password=S3CRET --user=root",
                "mysql --password=*** --user=root",
            ),
            ("mysql --password S3CRET db", "mysql --password *** db"),
        ] {
            check(input, want, &["S3", "CRET"]);
        }
        for text in [
            "ssh -p2222 host",
            "docker run -p 8080:80 nginx",
            "docker run -p8080:80 nginx",
            "mysql -p db",
            "mysql -P3306 -h db",
            "mysql://db:3306/app -p8080",
            "mysqld_exporter\nserve -p8080",
            "mysql8 -p8080",
            "mariadbd -p8080",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn netrc_passwords() {
        for (input, want) in [
            (
                "machine api.example.com login bob password S3CRET",
                "machine api.example.com login bob password ***",
            ),
            (
                "machine a.example.com\n  login bob\n  password \"S3 CRET\"\n\
                 machine b.example.com login amy password S3CRET\n\
                 default login anonymous password S3CRET@example.com",
                "machine a.example.com\n  login bob\n  password ***\n\
                 machine b.example.com login amy password ***\n\
                 default login anonymous password ***",
            ),
            (
                "machine h password S3CRET login bob",
                "machine h password *** login bob",
            ),
            // Written as `Debug` writes a text of several lines.
            (
                r"machine h\nlogin bob\npassword S3CRET\n",
                r"machine h\nlogin bob\npassword ***",
            ),
        ] {
            check(input, want, &["S3CRET", "S3 CRET"]);
        }
        for text in [
            "Use your login and password to sign in",
            "login bob password is in the vault",
            "password S3CRET machine h",
            "the machine password",
            "machine h login bob passwords x",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn curl_redis_cli_and_sshpass_passwords() {
        for (input, want) in [
            ("curl -u bob:S3CRET https://x", "curl -u bob:*** https://x"),
            (
                "curl -s --user 'bob:S3 CRET' https://x",
                "curl -s --user 'bob:***' https://x",
            ),
            (
                "curl https://x -ubob:S3CRET -U proxy:S3CRET:x",
                "curl https://x -ubob:*** -U proxy:***",
            ),
            (
                "/usr/bin/curl --proxy-user \"p:S3CRET\" https://x",
                "/usr/bin/curl --proxy-user \"p:***\" https://x",
            ),
            (
                "curl --user=bob:S3CRET --proxy-user=p:S3CRET https://x",
                "curl --user=bob:*** --proxy-user=p:*** https://x",
            ),
            (
                "curl -sSu bob:S3CRET https://x && curl -fsubob:S3CRET https://y",
                "curl -sSu bob:*** https://x && curl -fsubob:*** https://y",
            ),
            ("valkey-cli -a S3CRET ping", "valkey-cli -a *** ping"),
            (
                "mongosh --host db -u app -p S3CRET",
                "mongosh --host db -u app -p ***",
            ),
            (
                "mycli -h db -u app -pS3CRET app",
                "mycli -h db -u app -p*** app",
            ),
            (
                "sqlcmd -S db -U sa -P S3CRET -Q x",
                "sqlcmd -S db -U sa -P *** -Q x",
            ),
            (
                "ldapsearch -x -D cn=admin -w S3CRET -b dc=x",
                "ldapsearch -x -D cn=admin -w *** -b dc=x",
            ),
            ("http -a bob:S3CRET GET x", "http -a bob:*** GET x"),
            ("keydb-cli --pass S3CRET ping", "keydb-cli --pass *** ping"),
            (
                "redis-cli -h cache -a S3CRET --no-auth-warning ping",
                "redis-cli -h cache -a *** --no-auth-warning ping",
            ),
            (
                "redis-cli --pass 'S3 CRET' get k",
                "redis-cli --pass *** get k",
            ),
            (
                "sshpass -p S3CRET ssh -p 2222 host",
                "sshpass -p *** ssh -p 2222 host",
            ),
            (
                "sshpass -pS3CRET scp -P 2222 a b",
                "sshpass -p*** scp -P 2222 a b",
            ),
            (
                "sshpass -v -P assword -p S3CRET ssh -p 2222 host",
                "sshpass -v -P assword -p *** ssh -p 2222 host",
            ),
            (
                "docker run redis redis-cli -a S3CRET\ncurl -u a:S3CRET x",
                "docker run redis redis-cli -a ***\ncurl -u a:*** x",
            ),
        ] {
            check(input, want, &["S3CRET", "S3 CRET"]);
        }
        for text in [
            // No password given: curl and sshpass ask for it, or read it elsewhere.
            "curl -u bob https://x",
            "curl -u bob:",
            "sshpass -f /run/pw ssh -p 2222 host",
            "sshpass -d 3 ssh -p 2222 host",
            // Another command's options, or the client on another line.
            "tar -a -u x.tar && ssh -p 2222 host",
            "redis-cli ping\nxargs -a list",
            "curly -u a:b",
            "ls -a\nredis-cli -a",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn a_token_before_an_at_is_masked_an_address_is_not() {
        assert_eq!(
            mask("ghp16C7e42F292c6912E7710c8@github.com"),
            "***@github.com"
        );
        assert_eq!(mask("ops.team@example.com"), "ops.team@example.com");
        assert!(is_secret_name("SENTRY_DSN") && is_secret_name("APP_DSN"));
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

    /// `input` masks to `want`, and none of `secrets` is left in it.
    pub(in crate::show) fn check(input: &str, want: &str, secrets: &[&str]) {
        let got = mask(input);
        assert_eq!(got, want, "{input:?}");
        for secret in secrets {
            assert!(!got.contains(secret), "{input:?} shows {secret:?}: {got:?}");
        }
    }

    /// `text` comes back as it was, not even copied.
    fn unchanged(text: &str) {
        assert!(
            matches!(mask(text), Cow::Borrowed(_)),
            "{text}: {}",
            mask(text)
        );
    }

    #[test]
    fn url_passwords_with_what_a_url_cannot_hold() {
        let cases = [
            ("postgres://u:pa ss@h/db", "pa ss"),
            ("postgres://u:pa'ss@h/db", "pa'ss"),
            ("postgres://u:pa\"ss@h/db", "pa\"ss"),
            ("postgres://u:pa\nss@h/db", "pa\nss"),
            ("postgres://u:pa?ss@h/db", "pa?ss"),
            ("postgres://u:/pass@h/db", "/pass"),
        ];
        for (input, secret) in cases {
            check(input, "postgres://u:***@h/db", &[secret, "ss"]);
        }
        check(
            "postgres://u:pa?ss@h/db?sslmode=require",
            "postgres://u:***@h/db?sslmode=require",
            &["pa?ss"],
        );
        check(
            "\"redis://:p w@cache:6379/0\"",
            "\"redis://:***@cache:6379/0\"",
            &["p w"],
        );
    }

    #[test]
    fn a_lone_user_that_is_a_token() {
        check("https://TOKEN@host/x", "https://***@host/x", &["TOKEN"]);
        check("http://app@host", "http://***@host", &["app"]);
        check(
            "https://abc123def4567890abc123def4567890@o1.ingest.sentry.io/42",
            "https://***@o1.ingest.sentry.io/42",
            &["abc123"],
        );
        check(
            "git+ssh://ghp_abc123def4567890xyz@github.com/o/r",
            "git+ssh://***@github.com/o/r",
            &["ghp_"],
        );
        // A user name that is a name stays, outside the web.
        check("ssh://git@github.com/o/r", "ssh://git@github.com/o/r", &[]);
        check(
            "postgres://app@db/billing",
            "postgres://app@db/billing",
            &[],
        );
    }

    #[test]
    fn quoted_values_run_to_their_closing_quote() {
        check(
            r"password='a\'b' next=1",
            "password=*** next=1",
            &["a\\'b", "'b"],
        );
        check(
            r#"Password="a;b";Server=db"#,
            "Password=***;Server=db",
            &["a;b", ";b"],
        );
        check(
            r#"Password="a""b";x=1"#,
            "Password=***;x=1",
            &["a\"", "\"b"],
        );
        check("password='' host=db", "password='' host=db", &[]);
        // An unclosed quote hides the rest.
        check("password='abc def", "password=***", &["abc", "def"]);
    }

    #[test]
    fn json_members_keep_their_quotes() {
        check(
            r#"{"password": "a\"b", "user": "x"}"#,
            r#"{"password": "***", "user": "x"}"#,
            &["a\\\"b", "\"b"],
        );
        check(
            r#"{"password":"a\"b","user":"x"}"#,
            r#"{"password":"***","user":"x"}"#,
            &["a\\\"b", "\"b"],
        );
        check(r#"{"api_key":12345}"#, r#"{"api_key":***}"#, &["12345"]);
        check(r#"{'token': 'abc'}"#, r#"{'token': '***'}"#, &["abc"]);
        check(
            r#"{"host": "db", "port": 5432}"#,
            r#"{"host": "db", "port": 5432}"#,
            &[],
        );
    }

    #[test]
    fn userinfo_without_a_scheme() {
        check(
            "http_proxy=user:pass@proxy:3128",
            "http_proxy=user:***@proxy:3128",
            &["pass"],
        );
        check("user:pass@proxy:3128", "user:***@proxy:3128", &["pass"]);
        check(
            "user:pass@tcp(host:3306)/db?parseTime=true",
            "user:***@tcp(host:3306)/db?parseTime=true",
            &["pass"],
        );
        check(
            "root:123456@unix(/tmp/s)/db",
            "root:***@unix(/tmp/s)/db",
            &["123456"],
        );
        check(
            "scott/tiger@host:1521/svc",
            "scott/***@host:1521/svc",
            &["tiger"],
        );
        check("scott/tiger@//host/svc", "scott/***@//host/svc", &["tiger"]);
        check("u:pw@[::1]:3128", "u:***@[::1]:3128", &["pw"]);
        check("u:pw@proxy", "u:***@proxy", &["pw"]);
        check(":pw@cache:6379", ":***@cache:6379", &["pw"]);
        check(
            "https://h/?proxy=user:pass@p&x=1",
            "https://h/?proxy=user:***@p&x=1",
            &["pass"],
        );
        check("sip:alice:pw@host", "sip:alice:***@host", &["pw"]);
    }

    #[test]
    fn a_list_of_urls_masks_each_password() {
        check(
            "postgres://u:p1@h1/db,postgres://u:p2@h2/db",
            "postgres://u:***@h1/db,postgres://u:***@h2/db",
            &["p1", "p2"],
        );
        check(
            "redis://:a1@r1:6379 redis://:a2@r2:6379",
            "redis://:***@r1:6379 redis://:***@r2:6379",
            &["a1", "a2"],
        );
    }

    #[test]
    fn authorization_headers() {
        check(
            "Authorization: Bearer xyz",
            "Authorization: Bearer ***",
            &["xyz"],
        );
        check("Bearer xyz", "Bearer ***", &["xyz"]);
        check(
            "-H 'authorization: bearer xyz'",
            "-H 'authorization: bearer ***'",
            &["xyz"],
        );
        check(
            "Proxy-Authorization: Basic dXNlcjpwYXNz\nAccept: */*",
            "Proxy-Authorization: Basic ***\nAccept: */*",
            &["dXNl"],
        );
        check(
            "Authorization: Digest username=\"u\", response=\"abc\"",
            "Authorization: Digest ***\"",
            &["abc"],
        );
        check(
            "Authorization:Bearer xyz",
            "Authorization:Bearer ***",
            &["xyz"],
        );
        check("X-Api-Key: abc", "X-Api-Key: ***", &["abc"]);
    }

    #[test]
    fn authorization_without_a_space_and_with_any_scheme() {
        for (input, want) in [
            (
                "curl -H 'Authorization:Basic dXNlcjpwYXNz' https://x",
                "curl -H 'Authorization:Basic ***' https://x",
            ),
            (
                "Authorization:Token 9944b09199c62bcfS3CRET",
                "Authorization:Token ***",
            ),
            (
                "authorization:Digest username=\"a\", response=\"S3CRET\"",
                "authorization:Digest ***\"",
            ),
            ("Proxy-Authorization:S3CRET", "Proxy-Authorization:***"),
            // Digest's quoted parameters do not end it, in a shell's quotes or raw.
            (
                "Authorization: Digest username=\"a\", response=\"S3CRET\", qop=auth, nc=1",
                "Authorization: Digest ***",
            ),
            (
                r#"curl -H "Authorization: Digest username=\"a\", response=\"S3CRET\"" https://x"#,
                r#"curl -H "Authorization: Digest ***" https://x"#,
            ),
            (
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/20240101/s3, \
                 SignedHeaders=host, Signature=S3CRET",
                "Authorization: AWS4-HMAC-SHA256 ***",
            ),
            (
                "Authorization: Negotiate S3CRET\nAccept: */*",
                "Authorization: Negotiate ***\nAccept: */*",
            ),
            // The text a header is written in still ends it.
            (
                r#"headers: "Authorization: Token S3CRET", next"#,
                r#"headers: "Authorization: Token ***", next"#,
            ),
            // A cookie's quoted value before a `,` and another cookie.
            ("Cookie: a=\"x\", b=\"S3CRET\"", "Cookie: ***\""),
        ] {
            check(input, want, &["S3CRET", "dXNl", "9944"]);
        }
        for text in [
            "authorization:8080",
            "http://authorization:8080/x",
            "authorization_mode: strict",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn basic_credentials_outside_a_header() {
        for (input, want) in [
            ("Basic Ym9iOkh1bnRlcjJ4", "Basic ***"),
            (
                "proxy auth is basic Ym9iOkh1bnRlcjJ4.",
                "proxy auth is basic ***.",
            ),
            (
                "-H 'X-Upstream: Basic YWxhZGRpbjpvcGVuc2VzYW1l'",
                "-H 'X-Upstream: Basic ***'",
            ),
            // Padded; a password holding a `:`.
            ("Basic dXNlcjpwYXNzMQ==", "Basic ***"),
            ("BASIC dTpwOnE6cg==", "BASIC ***"),
        ] {
            check(input, want, &["Ym9i", "YWxh", "dXNl", "dTpw"]);
        }
        for text in [
            "Basic setup of the server",
            // Valid base64, not of a user and a password.
            "Basic commands and Basic authentication and Basic auth",
            "basic QUJDREVGR0g=",
            "Basic Ym9iOkh1bnRlcjJ4-more",
            // Too short, or not padded.
            "Basic dTpw",
            "Basic Ym9iOkh1bnRlcjJ",
            "BasicYm9iOkh1bnRlcjJ4",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn tokens_in_a_url_path() {
        let slack = "https://hooks.slack.com/services/T00000000/B00000000/XXXXsl4ckT0k3nS3CRET";
        let hidden = "https://hooks.slack.com/services/T00000000/B00000000/***";
        for (input, want) in [
            (slack.to_owned(), hidden.to_owned()),
            (
                "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5S3CRET/sendMessage?chat_id=1"
                    .to_owned(),
                "https://api.telegram.org/***/sendMessage?chat_id=1".to_owned(),
            ),
            (
                "https://discord.com/api/webhooks/123456789012345678/\
                 Zq9kL2vXs7pQ-w8e_R4t6Yu1Io3Pa5Sd7Fg9Hj0KlZx2Cv4Bn6Mm8Qw0Er2Ty4Ui6S3CRET"
                    .to_owned(),
                "https://discord.com/api/webhooks/123456789012345678/***".to_owned(),
            ),
            // In a shell's quotes, in prose, in a list, after a password with a space.
            (format!("curl -d x '{slack}'"), format!("curl -d x '{hidden}'")),
            (format!("post to {slack}."), format!("post to {hidden}.")),
            (format!("{slack},{slack}"), format!("{hidden},{hidden}")),
            (
                format!(r#"Raw("{slack}\n")"#),
                format!(r#"Raw("{hidden}\n")"#),
            ),
            (
                "https://u:p w@h/hooks/XXXXsl4ckT0k3nS3CRET".to_owned(),
                "https://u:***@h/hooks/***".to_owned(),
            ),
            // Decoded as a service URL type decodes it: 20 characters, both cases and digits.
            (
                "https://h/hooks/XXXXsl4ck%53%33%43%52%45%54xyzab".to_owned(),
                "https://h/hooks/***".to_owned(),
            ),
            // A Slack token without a digit (one in 70 has none): 24 letters of both cases.
            (
                "https://hooks.slack.com/services/T024BE7LD/B01ABCDEFGH/AbCdEfGhIjKlMnOpQrS3CRET"
                    .to_owned(),
                "https://hooks.slack.com/services/T024BE7LD/B01ABCDEFGH/***".to_owned(),
            ),
            (
                "https://hooks.slack.com/services/T024BE7LD/B01ABCDEFGH/AbCdEfGhIjKlMnOpQrStUvWx"
                    .to_owned(),
                "https://hooks.slack.com/services/T024BE7LD/B01ABCDEFGH/***".to_owned(),
            ),
            // 32 hexadecimal digits and more: a key; a Teams webhook's GUIDs.
            (
                "https://x.webhook.office.com/webhookb2/IncomingWebhook/0a1b2c3d4e5f60718293a4b5c6d7e8f9/ab"
                    .to_owned(),
                "https://x.webhook.office.com/webhookb2/IncomingWebhook/***/ab".to_owned(),
            ),
        ] {
            check(&input, &want, &["S3CRET", "%53%33"]);
        }
        for text in [
            "https://docs.rs/attached/latest/attached/fn.mask.html#examples",
            "https://github.com/attached-rs/attached/blob/main/README.md, see",
            "https://example.com/2024/01/how-we-scaled-postgres",
            "https://hooks.slack.com/services/T00000000/B00000000/",
            "https://discord.com/api/webhooks/123456789012345678/x",
            "see https://example.com/",
            // 40 characters as written, 7 decoded.
            "https://example.com/files/%E6%97%A5%E6%9C%AC%E8%AA%9E.txt",
            "https://example.com?q=XXXXsl4ckT0k3nXXXXXXXXXX#XXXXsl4ckT0k3nXXXXXXXXXX",
            "hooks.slack.com/services/T00000000/B00000000",
            // Names in one case, a date and time, a database's name in a database's URL.
            "https://github.com/open-telemetry/opentelemetry-collector-releases/releases",
            "https://example.com/archive/2024-01-15T10:00:00Z/",
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/jwks.json",
            "postgres://app@db.internal:5432/billing_production_2024",
            "amqp://mq/Billing_Production_Vhost_2024",
            // File names, however long and mixed.
            "https://github.com/rust-lang/rust/releases/download/v1.80.0/rust-1.80.0-x86_64-unknown-linux-gnu.tar.gz",
            "https://cdn.example.com/assets/app.5f3c9a1b2e4d6f80.js",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn json_web_tokens_are_hidden_whole() {
        let jwt =
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_S3CRET";
        for (input, want) in [
            (jwt.to_owned(), "***".to_owned()),
            (format!("sent {jwt}. Then"), "sent ***. Then".to_owned()),
            (format!("[{jwt}]"), "[***]".to_owned()),
            (format!(r#"Raw("{jwt}")"#), r#"Raw("***")"#.to_owned()),
            (
                format!("x-jwt-assertion:{jwt}"),
                "x-jwt-assertion:***".to_owned(),
            ),
            // Unsigned: its last `.` is part of it.
            (
                "alg none: eyJhbGciOiJub25lIn0.eyJzdWIiOiJTM0NSRVQifQ. next".to_owned(),
                "alg none: *** next".to_owned(),
            ),
            // Encrypted, five parts, the key's empty.
            (
                "eyJhbGciOiJkaXIifQ..aXYxMjM0NTY3OA.UzNDUkVUY2lwaGVy.dGFnMTIzNDU2Nzg5MA".to_owned(),
                "***".to_owned(),
            ),
        ] {
            check(&input, &want, &["S3CRET", "eyJ", "UzNDUkVU", "TM0NSRVQ"]);
        }
        for text in [
            // A header alone, or with a payload and no signature's `.`.
            "eyJhbGciOiJub25lIn0",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0",
            // Glued to a word; too short to be a header.
            "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.Sfl",
            "eyJa.eyJb.c",
            "see eyJ. and eyJ.. here",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn xml_entries_named_by_an_attribute() {
        for (input, want) in [
            (
                r#"<add key="StripeApiKey" value="sk_live_S3CRET"/>"#,
                r#"<add key="StripeApiKey" value="***"/>"#,
            ),
            (
                r#"<entry key="password">S3CRET</entry>"#,
                r#"<entry key="password">***</entry>"#,
            ),
            (
                r#"<property name="password" value="S3CRET"/>"#,
                r#"<property name="password" value="***"/>"#,
            ),
            (
                r#"<param name="token">S3CRET</param >"#,
                r#"<param name="token">***</param >"#,
            ),
            (
                "<password >S3CRET</password >",
                "<password >***</password >",
            ),
        ] {
            check(input, want, &["S3CRET"]);
        }
        for text in [
            r#"<add key="LogLevel" value="debug"/>"#,
            r#"<property name="url" value="jdbc:postgresql://db/app"/>"#,
        ] {
            assert_eq!(mask(text), text);
        }
    }

    #[test]
    fn xml_elements_named_for_a_credential() {
        for (input, want) in [
            ("<password>S3CRET</password>", "<password>***</password>"),
            (
                "<db><user>app</user><Password>S3 CRET</Password></db>",
                "<db><user>app</user><Password>***</Password></db>",
            ),
            (
                "<apiKey>S3CRET</apiKey><secret>S3CRET</secret><token>S3CRET</token>",
                "<apiKey>***</apiKey><secret>***</secret><token>***</token>",
            ),
            (
                "<ns:token type=\"bearer\">S3CRET</ns:token>",
                "<ns:token type=\"bearer\">***</ns:token>",
            ),
            // An element holding others: its children are looked at.
            (
                "<credentials>\n  <user>app</user>\n  <secret><![CDATA[S3<x>CRET]]></secret>\n</credentials>",
                "<credentials>\n  <user>app</user>\n  <secret>***</secret>\n</credentials>",
            ),
            // CDATA not closed: to the end.
            ("<password><![CDATA[S3CRET", "<password>***"),
            // A property list: the value after a sensitive key.
            (
                "<key>Name</key><string>app</string><key>ApiToken</key>\n<string>S3CRET</string>",
                "<key>Name</key><string>app</string><key>ApiToken</key>\n<string>***</string>",
            ),
        ] {
            check(input, want, &["S3CRET", "S3 CRET", "CRET"]);
        }
        for text in [
            "Vec<Token> and Option<Secret> in Rust",
            "<token/> <token></token> <password> </password>",
            "<tokenEndpoint>https://idp/token</tokenEndpoint><keyspace>prod</keyspace>",
            "<key>CFBundleName</key><string>App</string>",
            "<Password>x</password>",
            "a < b and <password> c",
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn yaml_and_json_as_debug_writes_them() {
        for (input, want) in [
            (
                r#"Raw("password:\n  S3CRETxyz\nport: 1")"#,
                r#"Raw("password:\n***\nport: 1")"#,
            ),
            (
                r#"Raw("token: |\r\n  S3CRET\r\n  more\r\nport: 1")"#,
                r#"Raw("token: |\r\n***\r\nport: 1")"#,
            ),
            (r#"Raw("tokens:\n  - S3CRET")"#, r#"Raw("tokens:\n***")"#),
            (
                r#"Raw("auth:\n  enabled: true\n  password: |\n    S3CRET\nport: 1")"#,
                r#"Raw("auth:\n  enabled: true\n  password: |\n***\nport: 1")"#,
            ),
            // An escaped quote inside the value, and a backslash at its end.
            (
                r#"Raw("{\"password\": \"a\\\"S3CRET\", \"user\": \"app\"}")"#,
                r#"Raw("{\"password\": \"***\", \"user\": \"app\"}")"#,
            ),
            (
                r#"Raw("{\"password\":\"S3CRET\\\\\",\"user\":\"app\"}")"#,
                r#"Raw("{\"password\":\"***\",\"user\":\"app\"}")"#,
            ),
            // Not closed: to the end of the `Debug` string.
            (
                r#"Raw("{\"password\": \"S3CRET") + 1"#,
                r#"Raw("{\"password\": \"***") + 1"#,
            ),
        ] {
            check(input, want, &["S3CRET"]);
        }
        for text in [
            r#"Raw("auth:\n  enabled: true\nport: 1")"#,
            r#"Raw("password:\nport: 1")"#,
            r#"Raw("{\"user\": \"a\\\"b\"}")"#,
        ] {
            unchanged(text);
        }
    }

    #[test]
    fn a_value_runs_through_a_separator_that_starts_no_setting() {
        for (input, want) in [
            (
                "host=db password=Ab;cdS3CRET port=5432",
                "host=db password=*** port=5432",
            ),
            ("password=Ab,cdS3CRET", "password=***"),
            ("password=Ab&cdS3CRET x", "password=*** x"),
            (
                "Server=db;Password=S3CRET;Database=app",
                "Server=db;Password=***;Database=app",
            ),
            ("password=S3CRET&user=app", "password=***&user=app"),
            ("password=S3CRET, port=1", "password=***, port=1"),
            ("password=S3CRET;", "password=***;"),
            // A doubled separator: the second decides.
            ("password=Ab&&cdS3CRET", "password=***"),
            ("db?password=Ab&&cdS3CRET&x=1", "db?password=***&x=1"),
            ("Password=S3CRET;;Database=app", "Password=***;Database=app"),
        ] {
            check(input, want, &["S3CRET"]);
        }
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        // A log filter's levels, for modules whose names hold a term; a credential's own
        // name keeps its value hidden whatever it is.
        assert_eq!(mask("password=debug"), "password=***");
        for text in [
            "info,jsonwebtoken=debug,tower_sessions=trace,my_app::auth=warn",
            "key.serializer=org.apache.kafka.common.serialization.StringSerializer",
            "host=db port=1521 sid=ORCL user=app",
            "session_driver=redis session_affinity=none",
            "led_pin=4 reset_pin=17",
            "a=b c=d",
            "https://example.com/path?page=2",
            "0.0.0.0:8080",
            "[::1]:8080",
            "user@example.com",
            "Ops <ops@example.com>, dev@example.com",
            "mailto:ops@example.com",
            "nginx:1.25@sha256:0123abcd",
            "no-quotes_needed.1:2/3@4+5=6%7,8",
            "a:b@ c",
            "http://host:8080/x see me@example.com",
            "postgres://db:5432/billing?sslmode=require&application_name=x",
            "ssh://git@github.com:22/o/r.git",
            "note: the author is bob",
            "café=1 signal=2 passfile=/p authSource=admin",
            "plain text",
        ] {
            unchanged(text);
        }
    }

    /// Shapes a configuration value is written in that hide a credential in other places
    /// than `name=value`: each hides it, and what is only about it stays.
    #[test]
    fn assignments_tags_named_values_and_short_options() {
        let cases = [
            ("PASSWORD := S3cr3tPw9x", "PASSWORD := ***"),
            ("password == S3cr3tPw9x", "password == ***"),
            ("password: !!str S3cr3tPw9x", "password: !!str ***"),
            ("password: &pw S3cr3tPw9x", "password: &pw ***"),
            (
                "password: |2\n  S3cr3tPw9x\nport: 1",
                "password: |2\n***\nport: 1",
            ),
            ("password='a'S3cr3tPw9x port=1", "password=*** port=1"),
            ("pin: 1234\nport: 1", "pin: ***\nport: 1"),
            (
                r#"{"Key":"password","Value":"S3cr3tPw9x"}"#,
                r#"{"Key":"***","Value":"***"}"#,
            ),
            (
                r#"[{"name":"DB_PASSWORD","value":"S3cr3tPw9x"},{"name":"PORT","value":"5432"}]"#,
                r#"[{"name":"DB_PASSWORD","value":"***"},{"name":"PORT","value":"5432"}]"#,
            ),
            (
                r#"{"ParameterKey":"DBPassword","ParameterValue":"S3cr3tPw9x"}"#,
                r#"{"ParameterKey":"***","ParameterValue":"***"}"#,
            ),
            // Under a credential's own name, the whole object is hidden (every member may
            // be one); under another, `"sensitive": true` says so.
            (
                r#"{"db_password": {"sensitive": true, "type": "string", "value": "S3cr3tPw9x"}}"#,
                r#"{"db_password": {***}}"#,
            ),
            ("--pass S3cr3tPw9x -v", "--pass *** -v"),
            ("--pwd S3cr3tPw9x", "--pwd ***"),
            ("plink -pw S3cr3tPw9x host", "plink -pw *** host"),
            ("-password S3cr3tPw9x", "-password ***"),
            (
                "keytool -storepass S3cr3tPw9x -keypass S3cr3tPw9y",
                "keytool -storepass *** -keypass ***",
            ),
            (
                "openssl rsa -passin pass:S3cr3tPw9x",
                "openssl rsa -passin ***",
            ),
            (
                "--user,admin,--password,S3cr3tPw9x",
                "--user,admin,--password,***",
            ),
            ("--password ,S3cr3tPw9x", "--password ,***"),
            // Lists of arguments: JSON, `Debug`, YAML.
            (
                r#"["java", "-storepass", "S3cr3tPw9x", "-v"]"#,
                r#"["java", "-storepass", "***", "-v"]"#,
            ),
            (
                "args:\n  - --password\n  - S3cr3tPw9x\n  - --verbose",
                "args:\n  - --password\n  - ***\n  - --verbose",
            ),
            (
                "args:\\n- --db-pass\\n- S3cr3tPw9x\\n- -v",
                "args:\\n- --db-pass\\n- ***\\n- -v",
            ),
            // The same mappings in YAML, in single quotes, in a flow mapping, with an
            // object before the value, and as JSON inside a `Debug` string.
            (
                "env:\n- name: DB_PASSWORD\n  value: S3cr3tPw9x\n- name: PORT\n  value: \"5432\"",
                "env:\n- name: DB_PASSWORD\n  value: ***\n- name: PORT\n  value: \"5432\"",
            ),
            (
                "- name: DB_PASSWORD\\n  value: S3cr3tPw9x\\n- name: PORT\\n  value: 1",
                "- name: DB_PASSWORD\\n  value: ***\\n- name: PORT\\n  value: 1",
            ),
            (
                "{'name': 'DB_PASSWORD', 'value': 'S3cr3tPw9x'}",
                "{'name': 'DB_PASSWORD', 'value': '***'}",
            ),
            (
                "{name: DB_PASSWORD, value: S3cr3tPw9x}",
                "{name: DB_PASSWORD, value: ***}",
            ),
            (
                r#"{"name":"DB_PASSWORD","meta":{"a":"b"},"value":"S3cr3tPw9x"}"#,
                r#"{"name":"DB_PASSWORD","meta":{"a":"b"},"value":"***"}"#,
            ),
            (
                r#"Some("{\"name\":\"DB_PASSWORD\",\"value\":\"S3cr3tPw9x\"}")"#,
                r#"Some("{\"name\":\"DB_PASSWORD\",\"value\":\"***\"}")"#,
            ),
            (
                r#"{"db_conn": {"sensitive": true, "type": "string", "value": "S3cr3tPw9x"}}"#,
                r#"{"db_conn": {"sensitive": true, "type": "string", "value": "***"}}"#,
            ),
            ("mysqld --root-pwd S3cr3tPw9x", "mysqld --root-pwd ***"),
            ("PASSWORD ::= S3cr3tPw9x", "PASSWORD ::= ***"),
            ("password === S3cr3tPw9x", "password === ***"),
            ("PASSWORD ?= S3cr3tPw9x", "PASSWORD ?= ***"),
            ("PASSWORD += S3cr3tPw9x", "PASSWORD += ***"),
            ("password=$'S3cr3tPw9x' x=1", "password=$*** x=1"),
            (
                "password: !!str |\n  S3cr3tPw9x\nport: 1",
                "password: !!str |\n***\nport: 1",
            ),
            (
                "password: | # the key\n  S3cr3tPw9x\nport: 1",
                "password: | # the key\n***\nport: 1",
            ),
            ("app --db.password S3cr3tPw9x", "app --db.password ***"),
            (
                r#"login(username:"u", password:"S3cr3tPw9x")"#,
                r#"login(username:"u", password:***)"#,
            ),
            // A shell's line continuation, as written and as `Debug` escapes it.
            (
                "mysqldump --password \\\n  S3cr3tPw9x db",
                "mysqldump --password \\\n  *** db",
            ),
            (
                "mysqldump --password \\\\\\n  S3cr3tPw9x db",
                "mysqldump --password \\\\\\n  *** db",
            ),
            // Dashes a word processor made of `--`, copied from a document.
            (
                "psql \u{2013}password S3cr3tPw9x",
                "psql \u{2013}password ***",
            ),
            (
                "app \u{2014}api-token S3cr3tPw9x -v",
                "app \u{2014}api-token *** -v",
            ),
            (
                "app \u{2013}-password S3cr3tPw9x",
                "app \u{2013}-password ***",
            ),
            // Blank lines: between a YAML block's indicator and its text, between two
            // items of a list of arguments.
            (
                "password: |\n\n  S3cr3tPw9x\nport: 1",
                "password: |\n***\nport: 1",
            ),
            (
                "password: >-\r\n  \r\n  S3cr3tPw9x\r\nport: 1",
                "password: >-\r\n***\r\nport: 1",
            ),
            (
                "args:\n  - --password\n\n  - S3cr3tPw9x\n  - -v",
                "args:\n  - --password\n\n  - ***\n  - -v",
            ),
            // Elastic Beanstalk's option settings; a YAML object under a credential's
            // name (Helm's values).
            (
                r#"{"Namespace": "aws:elasticbeanstalk:application:environment", "OptionName": "DB_PASSWORD", "Value": "S3cr3tPw9x"}"#,
                r#"{"Namespace": "aws:elasticbeanstalk:application:environment", "OptionName": "DB_PASSWORD", "Value": "***"}"#,
            ),
            (
                "secrets:\n  db_password:\n    value: S3cr3tPw9x\n  port: 1",
                "secrets:\n  db_password:\n    value: ***\n  port: 1",
            ),
            (
                "db_password:\\n  value: S3cr3tPw9x\\nport: 1",
                "db_password:\\n  value: ***\\nport: 1",
            ),
            // Lists and objects as the value of a credential: YAML's and TOML's, and
            // JSON's object under a credential's own name.
            (
                "password: [S3cr3tPw9x, S3cr3tPw9y]\nport: 1",
                "password: ***\nport: 1",
            ),
            ("password = [\"S3cr3tPw9x\"]", "password = ***"),
            ("PASSWORD=[x]S3cr3tPw9x next=1", "PASSWORD=*** next=1"),
            (
                "tokens: {primary: S3cr3tPw9x, backup: S3cr3tPw9y}",
                "tokens: ***",
            ),
            (
                r#"{"password": {"current": "S3cr3tPw9x", "previous": "S3cr3tPw9y"}}"#,
                r#"{"password": {***}}"#,
            ),
            ("AUTH={S3cr3tPw9x}", "AUTH=***"),
            // LDIF's base64 value; quoted parts in both quotes joined into one word.
            (
                "dn: uid=bob\nuserPassword:: e1NTSEF9S3cr3tPw9x\nmail: b@x",
                "dn: uid=bob\nuserPassword:: ***\nmail: b@x",
            ),
            ("password='S3cr3t'\"Pw9x\" next=1", "password=*** next=1"),
            ("password=\"S3cr3t\"'Pw9x'x;echo", "password=***;echo"),
            (
                "auth: {issuer: x, password: S3cr3tPw9x}",
                "auth: {issuer: x, password: ***",
            ),
        ];
        for (input, want) in cases {
            check(input, want, &["S3cr3tPw9", "3tPw9"]);
        }
        for text in [
            "--bypass cache",
            "ssh -p 2222 host",
            "well-known password reset",
            r#"{"name":"PORT","value":"5432"}"#,
            r#"{"auth": {"issuer": "x", "enabled": true}}"#,
            "a := b",
            "- name: PORT\n  value: 5432",
            "{name: web, value: x}",
            "a != b",
            r#"["--password-file", "/run/pw"]"#,
            "args:\n  - --verbose\n  - x",
            "std::env::var",
            r#"{"db_conn": {"sensitive": false, "value": "x"}}"#,
            "a long day \u{2014} password resets \u{2014} and more",
            "the service\u{2014}password rotation",
            "db:\n  value: x\n",
            "ls -la \\\n  /tmp",
        ] {
            unchanged(text);
        }
    }

    /// A value's `Debug` is masked as written and with its strings' escapes read: the
    /// value's own quotes and lines are the masker's to read.
    #[test]
    fn a_debug_is_masked_with_its_escapes_read() {
        let debug = |text: &str| format!("Conn({text:?})");
        for (value, want) in [
            (
                r#"<add key="DbPassword" value="S3cr3tPw9x" />"#,
                r#"Conn("<add key=\"***\" value=\"***\" />")"#,
            ),
            (
                r#"Server=db;Password="ab""S3cr3tPw9x";"#,
                r#"Conn("Server=db;Password=***;")"#,
            ),
            (
                "db_password:\n  value: S3cr3tPw9x\nport: 1",
                r#"Conn("db_password:\n  value: ***\nport: 1")"#,
            ),
        ] {
            let text = debug(value);
            assert_eq!(mask_debug(&text), want, "{text}");
        }
        let text = debug("machine h login bob password S3cr3tPw9x");
        let got = mask_debug(&text);
        assert!(!got.contains("S3cr3tPw9"), "{got}");
        assert!(
            got.starts_with(r#"Conn("machine h login bob password ***"#),
            "{got}"
        );
        // Nothing to hide: as it is, escapes and all.
        let text = debug("a \\ b \"c\" \u{1b}");
        assert_eq!(mask_debug(&text), text);
        // Where each byte read began, through escapes of every length.
        let (read, starts) = unescaped(r#"a\"\u{e9}\\b"#);
        assert_eq!(read, "a\"é\\b");
        assert_eq!(starts, [0, 1, 3, 3, 9, 11]);
    }

    /// Redis's `requirepass` and `masterauth`, as options, configuration lines and
    /// commands; SQL's `PASSWORD '...'` and `IDENTIFIED BY '...'`.
    #[test]
    fn statements_that_give_a_password_after_a_word() {
        for (input, want) in [
            (
                "redis-server --appendonly yes --requirepass S3cr3tPw9x",
                "redis-server --appendonly yes --requirepass ***",
            ),
            (
                r#"["redis-server", "--masterauth", "S3cr3tPw9x"]"#,
                r#"["redis-server", "--masterauth", "***"]"#,
            ),
            (
                "requirepass S3cr3tPw9x\nmaxmemory 100mb",
                "requirepass ***\nmaxmemory 100mb",
            ),
            (
                "CONFIG SET requirepass \"S3cr3tPw9x\"",
                "CONFIG SET requirepass ***",
            ),
            (
                "CREATE USER app WITH PASSWORD 'S3cr3tPw9x';",
                "CREATE USER app WITH PASSWORD ***;",
            ),
            (
                "CREATE USER 'app'@'%' IDENTIFIED BY 'S3cr3tPw9x';",
                "CREATE USER 'app'@'%' IDENTIFIED BY ***;",
            ),
            (
                "ALTER USER app IDENTIFIED WITH caching_sha2_password BY 'S3cr3tPw9x';",
                "ALTER USER app IDENTIFIED WITH caching_sha2_password BY ***;",
            ),
            (
                "alter role app password 'S3cr3tPw9x'",
                "alter role app password ***",
            ),
            (
                "aws configure set aws_secret_access_key S3cr3tPw9x",
                "aws configure set aws_secret_access_key ***",
            ),
            (
                "npm config set _authToken S3cr3tPw9x",
                "npm config set _authToken ***",
            ),
            // Clients' own short options.
            (
                "mosquitto_pub -h h -u bob -P S3cr3tPw9x -t x",
                "mosquitto_pub -h h -u bob -P *** -t x",
            ),
            ("zip -P S3cr3tPw9x out.zip f", "zip -P *** out.zip f"),
            ("7z a -pS3cr3tPw9x out.7z f", "7z a -p*** out.7z f"),
            (
                "mysql -u root \\\n  -pS3cr3tPw9x billing",
                "mysql -u root \\\n  -p*** billing",
            ),
            (
                "mysql -u root \\\r\n  -pS3cr3tPw9x billing",
                "mysql -u root \\\r\n  -p*** billing",
            ),
            (
                "docker run -p 8080:80 web && docker login -u bob -p S3cr3tPw9x r.io",
                "docker run -p 8080:80 web && docker login -u bob -p *** r.io",
            ),
            (
                "helm registry login r.io -u bob -pS3cr3tPw9x",
                "helm registry login r.io -u bob -p***",
            ),
            (
                "sqlplus -S scott/S3cr3tPw9x@//db:1521/orcl @run.sql",
                "sqlplus -S scott/***@//db:1521/orcl @run.sql",
            ),
            (
                "expdp system/S3cr3tPw9x directory=d dumpfile=x.dmp",
                "expdp system/*** directory=d dumpfile=x.dmp",
            ),
            ("vault login s.S3cr3tPw9x", "vault login ***"),
            (
                "rabbitmqctl add_user bob S3cr3tPw9x && rabbitmqctl list_users",
                "rabbitmqctl add_user bob *** && rabbitmqctl list_users",
            ),
            (
                "rabbitmqctl change_password bob 'S3cr3t Pw9x'",
                "rabbitmqctl change_password bob ***",
            ),
        ] {
            check(input, want, &["S3cr3tPw9", "3tPw9"]);
        }
        for text in [
            "the password is rotated every week; identified by the team",
            "password policy: 12 characters",
            "requirepass",
            "git config set user.name bob; set region eu-west-1; kubectl config set-context x",
            "7z x -o/tmp/out a.7z",
            "docker run -p 8080:80 -e X=1 web",
            "echo x | docker login --password-stdin -u bob",
            "sqlplus /nolog",
            "sqlplus / as sysdba",
            "rabbitmqctl add_user bob && echo done",
            "vault kv get secret/app && vault status",
            "vault login -method=oidc",
        ] {
            unchanged(text);
        }
    }

    /// Tokens that say whose they are by a prefix, bare in free text: the prefix stays,
    /// the token goes; an AWS access key's secret after its id.
    #[test]
    fn vendor_tokens_and_aws_secret_keys() {
        let cases = [
            ("ghp_S3cr3tPw9xaBcDeFgHiJkLmNoPqRsTuVwXy", "ghp_***"),
            (
                "use github_pat_11ABCDEFG0_S3cr3tPw9xaBcDeFgHiJk.",
                "use github_pat_***.",
            ),
            (
                "glpat-S3cr3tPw9xaBcDeFgHiJk, xoxb-1234-5678-S3cr3tPw9xaBcDeFg",
                "glpat-***, xoxb-***",
            ),
            (
                "stripe sk_live_S3cr3tPw9xaBcDeFgHiJk whsec_S3cr3tPw9xaBcDeFgHiJk",
                "stripe sk_live_*** whsec_***",
            ),
            (
                "sk-proj-S3cr3tPw9xaBcDeFgHiJkLm sk-ant-api03-S3cr3tPw9xaBcDeFgHiJk",
                "sk-proj-*** sk-ant-***",
            ),
            (
                "AIzaSyS3cr3tPw9xaBcDeFgHiJkLmNoPqRsTuVw SG.S3cr3tPw9xaBcDeFgHiJk.S3cr3tPw9xaBcDe",
                "AIza*** SG.***",
            ),
            ("[\"hf_S3cr3tPw9xaBcDeFgHiJkLm\"]", "[\"hf_***\"]"),
            (
                "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYS3cr3tPw9x",
                "AKIAIOSFODNN7EXAMPLE ***",
            ),
            (
                "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYS3cr3tPw9x",
                "AKIAIOSFODNN7EXAMPLE:***",
            ),
        ];
        for (input, want) in cases {
            check(input, want, &["S3cr3tPw9", "wJalrXUtnFEMI"]);
        }
        for text in [
            "the ghp_ prefix, hf_short, SG.com, AIzaX, npm_install, xoxb-1, ya29.",
            "pip install huggingface_hub hf_transfer sk-learn-intelex",
            "AKIAIOSFODNN7EXAMPLE is an access key id",
            "xghp_S3cr3tPw9xaBcDeFgHiJkLmNoPqRsTuVwXy",
        ] {
            unchanged(text);
        }
    }

    /// Inputs that took quadratic time once: at this size each took seconds. Linear, each
    /// takes milliseconds, even unoptimised; the bound leaves room for a busy machine.
    #[test]
    fn adversarial_inputs_take_linear_time() {
        for unit in [
            "password=a;b",
            "; ;",
            " key=\"",
            "<a key=\"password\" value=\"",
            // YAML names whose column is looked for, and lists at their column.
            "   - - password:\n- ",
            "password:\n- x\n",
            // Blank lines skipped inside a block and between list items.
            "password: |\n\n",
            "password:\n \n",
            "- --password\n\n",
            "--password \\\n",
            "\u{2013}password ",
            "db_password:\n value: ",
            // Quotes joined.
            "password='a'\"",
            "password=\"a\"'b'\"",
            "p:: ",
            // Statements.
            "set password ",
            "requirepass ",
            "password '",
            "identified by '",
            "identified with a b c by '",
            // Vendors' prefixes and AWS key ids.
            "ghp_",
            "ghp_a ",
            "AKIAAAAAAAAAAAAAAAAA ",
            "AKIAAAAAAAAAAAAAAAAA:AAAA",
            // Objects and lists after a name.
            "password: {",
            "auth={a",
            "password = [",
            "\"password\": {",
            "://",
            "a:b@",
            "password=",
            "=",
            "@",
            "password='",
            "\"password\":\"",
            "Bearer ",
            ":",
            "u:",
            "x://a:",
            "a/b@",
            "bearer-",
            "x: ",
            "\":",
            "pass%77ord=",
            "authorization: basic ",
            "Authorization:Basic ",
            "\"token\", ",
            "password:\\n ",
            "password:\\r",
            "password: |\\n \\",
            "\\\"password\\\": \\\"\\\\",
            "<",
            "<password>",
            "<password>a",
            "<password>a</password>",
            "<password><![CDATA[",
            "<![CDATA[]]>",
            "<key>token</key>",
            "<a ",
            "eyJ",
            "eyJ.",
            "eyJhbGciOi.eyJ",
            "eyJhbGciOi.x.",
            "x://h/",
            "x://h/XXXXsl4ckT0k3nXXXXXXXXXX/",
            "x://h/,,,,",
            "https://h/a",
            ": \"token\" ,",
            "Authorization: Digest a=\"",
            "Authorization: Digest a=\"\", ",
            "Cookie: a=\"\",  ",
            "Basic ",
            "basic Ym9iOkh1bnRlcjJ4 ",
            "basic /",
            "u:p@sha1",
            "-----BEGIN ",
            "-----BEGIN a-",
            "-----BEGIN PRIVATE KEY-----",
            "---- BEGIN ",
            "x---- BEGIN ",
            "---- BEGIN PRIVATE ----",
            "Private-Lines: ",
            "Private-",
            "Private-Lines: 1 Private-MAC: a ",
            // Objects that name their setting, options with one dash.
            "{\"name\":\"PASSWORD\",",
            "\"name\":\"PASSWORD\",\"value\":\"x\"}",
            "\"db_password\": {",
            "-password ",
            "--pass ,",
            "password: !!str ",
            "password := ",
            "- name: PASSWORD\n",
            "{name: PASSWORD, ",
            "password: !",
            "password: | #",
            "PASSWORD ?=",
            "[\"--password\", \"",
            "--password\n- ",
            "password ::=",
            "name: PASSWORD\\n value: ",
            "}{name: 'PASSWORD'",
            "Cookie: ",
            "Cookie:",
            "cookie: a=\"",
            "Cookie: a=\"\";",
            "Set-Cookie: \"",
            "mysql ",
            "mysql -p",
            "mysql -p'",
            "mysql -p\"",
            "mysql -p\\",
            "-p",
            "curl -u ",
            "curl -u '",
            "curl -ua:",
            "redis-cli -a ",
            "sshpass -p",
            "sshpass -f ",
            "sshpass ",
            "machine password ",
            "password \\n",
            "machine \\",
        ] {
            let text = unit.repeat(256 * 1024 / unit.len());
            let start = std::time::Instant::now();
            let _ = mask(&text);
            let took = start.elapsed();
            assert!(took.as_secs() < 5, "{unit:?}: {took:?}");
        }
    }
}
