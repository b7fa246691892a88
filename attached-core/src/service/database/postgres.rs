//! Postgres: how libpq, tokio-postgres and sqlx read a URL's servers and parameters, and
//! what `DatabaseUrl` refuses or warns of where they differ (see the module above for
//! the rules as users read them).

use std::net::IpAddr;

use super::*;
use crate::text::eq_ignore_case;

/// The servers, checked (see [`servers`]): the hosts go to `url.hosts`. Returns the port
/// of the first server.
pub(super) fn postgres(url: &mut Parsed) -> Result<u16, ValueError> {
    url.require_authority("postgres://user:password@host:5432/database")?;
    url.no_fragment("a Postgres URL")?;
    postgres_driver_rule(url)?;
    let servers = servers(url)?;
    let port = servers.first().map_or(5432, |server| server.port);
    url.hosts = servers
        .into_iter()
        .filter_map(|server| server.host)
        .collect();
    Ok(port)
}

/// One server of a Postgres URL, as libpq and tokio-postgres pair their lists: the `i`th
/// host, the `i`th entry of `hostaddr` and the `i`th port (or the only one).
pub(super) struct Server {
    /// The host name or socket directory, with the port; `None` when `hostaddr` alone
    /// names the server.
    host: Option<Host>,
    /// The address connected to, when `hostaddr` gives one: the host name then serves
    /// only to verify the server's certificate (libpq and tokio-postgres; sqlx connects to
    /// the address in place of the name).
    address: Option<IpAddr>,
    port: u16,
}

impl Server {
    /// Where a driver connects: the address, else the host.
    pub(super) fn reached(self) -> Option<Host> {
        match self.address {
            Some(address) => Some(Host::new(address.to_string(), self.port, false)),
            None => self.host,
        }
    }
}

/// The servers: the hosts of the authority, or of `host=` and `port=` when it has none,
/// paired with the entries of `hostaddr=`. libpq and tokio-postgres try them in turn.
pub(super) fn servers(url: &Parsed) -> Result<Vec<Server>, ValueError> {
    let mut hosts: Vec<(String, bool)> = Vec::with_capacity(url.uri.hosts.len());
    let mut ports: Vec<Option<u16>> = Vec::with_capacity(url.uri.hosts.len());
    for host in &url.uri.hosts {
        hosts.push((decode(url.raw(host.name)).into_owned(), host.socket));
        ports.push(host.port);
    }
    if let Some(list) = url.param("host") {
        hosts.clear();
        for name in list.split(',') {
            hosts.push((name.to_owned(), uri::check_param_host(name)?));
        }
    }
    if let Some(list) = url.param("port") {
        ports.clear();
        for port in list.split(',') {
            ports.push(match port {
                "" => None,
                port => Some(uri::parse_port(port)?),
            });
        }
    }
    // An empty `hostaddr` is none, as libpq reads it (the others refuse it: a warning); an
    // empty entry of a list leaves its host to be resolved.
    let mut addresses: Vec<Option<IpAddr>> = Vec::new();
    if let Some(list) = url.nonempty_param("hostaddr") {
        for address in list.split(',') {
            addresses.push(match address {
                "" => None,
                address => Some(address.parse().map_err(|_| {
                    ValueError::new(
                        "`hostaddr` holds something other than IP addresses: libpq, \
                         tokio-postgres and sqlx refuse it; give the addresses, one per host \
                         and in the same order, as in hostaddr=10.0.0.1,10.0.0.2 (a host \
                         name goes in place of the host)",
                    )
                })?),
            });
        }
    }
    if !hosts.is_empty() && !addresses.is_empty() && hosts.len() != addresses.len() {
        return Err(ValueError::new(format!(
            "{} addresses in `hostaddr` for {} hosts: libpq and tokio-postgres pair them one \
             by one, and refuse this; give one address per host, in the same order",
            addresses.len(),
            hosts.len()
        )));
    }
    let count = hosts.len().max(addresses.len());
    if ports.len() > 1 && ports.len() != count {
        return Err(ValueError::new(format!(
            "{} ports for {count} hosts: give one port for all hosts, or one per host",
            ports.len(),
        )));
    }
    let port = |i: usize| match ports.get(i).or(ports.first()) {
        Some(Some(port)) => *port,
        _ => 5432,
    };
    let mut hosts = hosts.into_iter();
    let mut servers = Vec::with_capacity(count);
    for i in 0..count {
        let host = hosts
            .next()
            .map(|(name, socket)| Host::new(name, port(i), socket));
        let address = addresses.get(i).copied().flatten();
        if host.is_none() && address.is_none() {
            return Err(ValueError::new(NO_HOST));
        }
        if address.is_some() && host.as_ref().is_some_and(Host::is_socket) {
            return Err(ValueError::new(
                "an address in `hostaddr` for a socket directory: libpq and tokio-postgres \
                 connect to the address over TCP, sqlx to the socket; give the host name in \
                 place of the socket directory, or leave out `hostaddr`",
            ));
        }
        servers.push(Server {
            host,
            address,
            port: port(i),
        });
    }
    Ok(servers)
}

/// A port without a host (`postgres://u@:5433/db?host=/run/postgresql`): libpq reads the
/// `host=` socket on that port, tokio-postgres an empty host name and then the socket,
/// sqlx refuses it. The error gets the form all three read alike.
pub(super) fn empty_host_fix(error: ValueError) -> ValueError {
    if error.reason().starts_with("a host name is empty") {
        ValueError::new(
            "a host name is empty (only a port is given): libpq, tokio-postgres and sqlx \
             read it differently; write the host, or a socket directory percent-encoded, \
             with the port: postgres://user@%2Frun%2Fpostgresql:5433/db",
        )
    } else {
        error
    }
}

/// What libpq, tokio-postgres and sqlx would read differently: refused, each with the
/// fix that all three read alike.
fn postgres_driver_rule(url: &Parsed) -> Result<(), ValueError> {
    let authority_at = url
        .uri
        .user
        .map(|user| url.uri.password.unwrap_or(user).end());
    let text = &url.text;
    let stray_at = text
        .bytes()
        .enumerate()
        .any(|(i, b)| b == b'@' && Some(i) != authority_at);
    if stray_at {
        let in_userinfo = authority_at.is_some_and(|at| text[..at].has_byte(b'@'));
        return Err(ValueError::new(if in_userinfo {
            "an `@` in the user name or password: libpq and tokio-postgres end them at the \
             first `@`, sqlx at the last; write it as %40"
        } else {
            "an `@` after the host: tokio-postgres reads everything before it as the user name \
             and password; write it as %40"
        }));
    }
    url.no_plus_in_query("sqlx reads it as a space, libpq and tokio-postgres as a plus sign")?;
    url.no_repeated_params_alike(SQLX_POSTGRES_ALIKE, "sqlx")?;
    let authority_hosts = !url.uri.hosts.is_empty();
    if authority_hosts && url.param("host").is_some() {
        return Err(ValueError::new(
            "hosts both before the path and in `host=`: tokio-postgres adds them together, \
             libpq and sqlx keep only `host=`; give the hosts in one place",
        ));
    }
    if authority_hosts && url.param("port").is_some() {
        return Err(ValueError::new(
            "a host before the path and a port in `port=`: tokio-postgres adds the port to \
             the host's (5432 when not written), libpq and sqlx replace it; write the port \
             after the host, as in postgres://host:5433/db",
        ));
    }
    if url.param("host").is_some_and(|hosts| hosts.has_byte(b',')) {
        return Err(ValueError::new(
            "a list in `host=`: tokio-postgres reads it as one host name; write the hosts \
             before the path, as in postgres://h1,h2/db (a socket directory percent-encoded, \
             as %2Frun%2Fpostgresql)",
        ));
    }
    if !authority_hosts
        && url.nonempty_param("host").is_none()
        && url.nonempty_param("hostaddr").is_none()
    {
        return Err(ValueError::new(NO_HOST));
    }
    // libpq reads `ssl=true` and `requiressl=1` as `sslmode=require`, in their place among
    // the parameters (the last of them wins); sqlx reads `sslmode` alone (given once: a
    // parameter given twice is refused above). Refused only when the two end at different
    // modes. One pass, which also finds the first value no driver reads.
    let mut form = None;
    let mut libpq_mode = None;
    let mut sslmode = None;
    let mut unread = None;
    for (name, value) in url.query() {
        if let Some(libpq_form) = tls_required_by_libpq_alone(&name, &value) {
            form = Some(libpq_form);
            libpq_mode = Some(Cow::Borrowed("require"));
            continue;
        }
        if name == "sslmode" {
            libpq_mode = Some(value.clone());
            sslmode = Some(value.clone());
        }
        if unread.is_none() {
            unread = value_rule(&name).filter(|rule| rule.refused_by(&value) == [true; 3]);
        }
    }
    if let Some(form) = form {
        let sqlx_mode = sslmode.clone().unwrap_or(Cow::Borrowed("prefer"));
        if libpq_mode != Some(sqlx_mode) {
            return Err(ValueError::new(match sslmode {
                None => format!(
                    "`{form}` means `sslmode=require` to libpq alone: sqlx ignores it and keeps \
                     `prefer` (TLS only if the server offers it), tokio-postgres refuses it; \
                     write `sslmode=require` in its place"
                ),
                // Only a mode libpq knows is quoted: another value is not repeated.
                Some(mode) if SSLMODES.contains(&&*mode) => format!(
                    "`{form}` after `sslmode={mode}` means `sslmode=require` to libpq alone \
                     (its last word wins), sqlx reads `sslmode={mode}`, tokio-postgres refuses \
                     it; leave `{form}` out"
                ),
                Some(_) => format!(
                    "`{form}` after `sslmode` means `sslmode=require` to libpq alone (its last \
                     word wins), sqlx reads the `sslmode` given, tokio-postgres refuses it; \
                     leave `{form}` out"
                ),
            }));
        }
    }
    if let Some(rule) = unread {
        return Err(ValueError::new(format!(
            "the value of `{}` is one no driver reads (libpq, tokio-postgres and sqlx \
             refuse it); write {}",
            rule.name,
            rule.expected(true)
        )));
    }
    Ok(())
}

/// The refusal of a URL without a host (nor `hostaddr`), or of a server of its lists
/// without either.
const NO_HOST: &str = "a Postgres URL without a host: libpq uses its own default socket \
                       directory, sqlx looks in three and falls back to localhost, \
                       tokio-postgres refuses it; name the host, or the socket directory \
                       percent-encoded, as in postgresql://%2Fvar%2Frun%2Fpostgresql/db";

/// The warnings of a Postgres URL: what libpq, tokio-postgres or sqlx refuses while
/// another reads it, each naming who does what.
pub(super) fn postgres_warnings(url: &Parsed, warn: &mut dyn FnMut(String)) {
    query_syntax_warnings(url, warn);
    // An empty user name or password before `@` (`:pw@`, `user:@`), where no parameter
    // overrides it: tokio-postgres sends it empty, libpq and sqlx read none.
    let empty =
        |span: Option<crate::service::uri::Span>| span.is_some_and(|span| url.raw(span).is_empty());
    if empty(url.uri.user) && url.uri.password.is_some() && url.param("user").is_none() {
        warn(
            "an empty user name before `:`: tokio-postgres sends an empty user name (the \
             server refuses it), libpq and sqlx the operating system's user name; name the \
             user"
                .to_owned(),
        );
    }
    if empty(url.uri.password) && url.param("password").is_none() {
        warn(
            "an empty password after `:`: tokio-postgres sends an empty password, libpq \
             looks in its password file, sqlx sends none; leave the `:` out, or give the \
             password"
                .to_owned(),
        );
    }
    // A list of hosts, which sqlx cannot read (its issue #179): the `url` crate refuses a
    // port before the `,` and takes `h1,h2` for one name.
    if url.uri.hosts.len() > 1 {
        warn(
            "a list of hosts: libpq and tokio-postgres try each in turn, sqlx reads one \
             host only (it refuses a list with ports, `invalid port number`, and looks up \
             `h1,h2` as one name)"
                .to_owned(),
        );
    }
    // A `%` that starts no escape in the user information: read as a `%`, as the Rust
    // drivers' `percent_decode` reads it ([`Uri::parse_with`]).
    let lone_percent = [url.uri.user, url.uri.password]
        .into_iter()
        .flatten()
        .any(|span| crate::service::uri::has_lone_percent(url.raw(span)));
    if lone_percent {
        warn(
            "a `%` not followed by two hex digits in the user name or password: \
             tokio-postgres and sqlx read it as a `%`, libpq refuses the URL (`invalid \
             percent-encoded token`); write `%25`"
                .to_owned(),
        );
    }
    // TLS to an IPv6 literal: sqlx hands the bracketed address to rustls as a DNS name,
    // which it refuses (`invalid dns name`).
    let ipv6 = url
        .uri
        .hosts
        .iter()
        .any(|host| !host.socket && url.raw(host.name).has_byte(b':'));
    let tls = ["sslmode", "ssl-mode"].iter().any(|name| {
        url.param(name)
            .is_some_and(|mode| matches!(&*mode, "require" | "verify-ca" | "verify-full"))
    });
    if ipv6 && tls {
        warn(
            "TLS to an IPv6 address: sqlx cannot start it (rustls refuses the address as \
             a name, `invalid dns name`); give the server's host name"
                .to_owned(),
        );
    }
    // An IPv6 zone ([`Uri::parse_with`] refuses it for the other types).
    if url.uri.has_ipv6_zone() {
        warn(
            "an IPv6 address with a zone (`%25` and an interface after it): libpq and \
             tokio-postgres read it, sqlx (the `url` crate) refuses the URL"
                .to_owned(),
        );
    }
    // A raw `?` or `#` in the user information ([`Uri::parse_postgres`]): the `url` crate
    // under sqlx ends the authority there, and reads the rest of the password as a port.
    let raw_delimiter = [url.uri.user, url.uri.password]
        .into_iter()
        .flatten()
        .any(|span| url.raw(span).bytes().any(|b| b == b'?' || b == b'#'));
    if raw_delimiter {
        warn(
            "a `?` or `#` in the user name or password, not percent-encoded: libpq and \
             tokio-postgres read it as written, sqlx refuses the URL (`invalid port number`); \
             write it as %3F or %23, which all three read"
                .to_owned(),
        );
    }
    // A URL with no host is refused unless `host=` names one; with user information
    // before the empty host (Google Cloud SQL's `user:password@/db?host=/cloudsql/...`),
    // the `url` crate under sqlx refuses it.
    if url.uri.hosts.is_empty() && (url.uri.user.is_some() || url.uri.password.is_some()) {
        warn(
            "a user name or password before an empty host (`user:password@/db`): sqlx refuses \
             it (`empty host`), libpq and tokio-postgres take the host from `host=`; give the \
             user and password as parameters instead (`postgresql:///db?host=...&user=...&password=...`), \
             which all three read"
                .to_owned(),
        );
    }
    // What "did you mean" may name: libpq's and tokio-postgres's names first, then sqlx's
    // (`statement_cache_capacity` is sqlx's `statement-cache-capacity` misspelt).
    let mut known = both(LIBPQ, TOKIO_POSTGRES);
    known.extend_from_slice(SQLX_POSTGRES);
    // The rest of a credential: `query_syntax_warnings` has said it once.
    for (name, value) in url.named_query() {
        if let Some(form) = tls_required_by_libpq_alone(&name, &value) {
            // Not refused: with the URL's `sslmode`, libpq and sqlx end at the same mode.
            warn(format!(
                "`{form}`: libpq reads it as `sslmode=require` and ends at the URL's `sslmode` \
                 all the same, sqlx ignores it, tokio-postgres refuses it; leave it out"
            ));
            continue;
        }
        let since = LIBPQ_SINCE
            .iter()
            .find(|(newer, _)| *newer == name)
            .map(|(_, version)| version);
        let refusers = match (LIBPQ.contains(&&*name), TOKIO_POSTGRES.contains(&&*name)) {
            (true, true) => {
                if let Some(version) = since {
                    warn(format!(
                        "parameter `{name}`: libpq before {version} refuses it"
                    ));
                }
                None
            }
            (true, false) => {
                warn(match since {
                    Some(version) => format!(
                        "parameter `{name}`: tokio-postgres refuses it, and libpq before \
                         {version}"
                    ),
                    None => format!("parameter `{name}`: tokio-postgres refuses it"),
                });
                None
            }
            (false, true) => {
                warn(format!("parameter `{name}`: libpq refuses it"));
                None
            }
            (false, false) if SQLX_POSTGRES.contains(&&*name) => {
                Some("libpq and tokio-postgres refuse it, only sqlx reads it")
            }
            (false, false) => {
                if let Some(setting) = sqlx_option(&name) {
                    warn(format!(
                        "parameter `options[{setting}]`: libpq and tokio-postgres refuse it, \
                         only sqlx reads it (as `options=-c {setting}=...`); write \
                         `options=-c%20{setting}%3D...`, which all three read"
                    ));
                    None
                } else {
                    Some("libpq and tokio-postgres refuse it, sqlx ignores it")
                }
            }
        };
        if let Some(refusers) = refusers {
            warn(uri::unknown_param(&name, &known, refusers));
        }
        if let Some(rule) = value_rule(&name) {
            let refused = rule.refused_by(&value);
            if refused.contains(&true) {
                warn(value_warning(rule, &value, refused));
            }
        }
        match &*name {
            // A requirement sqlx drops without a word: it has no channel binding (its
            // SCRAM always says the client does not support it), so a stolen or
            // intercepted connection is not refused as libpq and tokio-postgres refuse it.
            "channel_binding" if value == "require" => warn(
                "parameter `channel_binding=require`: libpq and tokio-postgres refuse a server \
                 that cannot bind the connection to its TLS certificate; sqlx ignores the \
                 parameter and never uses channel binding, so with sqlx the requirement does \
                 not hold"
                    .to_owned(),
            ),
            "user" if value.is_empty() => warn(
                "parameter `user` is empty: tokio-postgres and sqlx send an empty user name \
                 (the server refuses it), libpq the operating system's user name; none of \
                 them reads the user before `@`; leave the parameter out"
                    .to_owned(),
            ),
            "password" if value.is_empty() => warn(
                "parameter `password` is empty: tokio-postgres and sqlx send an empty \
                 password, libpq looks in its password file; none of them reads the password \
                 before `@`; leave the parameter out"
                    .to_owned(),
            ),
            "hostaddr" if value.split(',').any(str::is_empty) => warn(
                "parameter `hostaddr`: tokio-postgres and sqlx refuse an empty address, libpq \
                 resolves the host's name instead"
                    .to_owned(),
            ),
            _ => {}
        }
    }
}

/// The setting of sqlx's `options[NAME]=value`, read as `options=-c NAME=value`; `None`
/// for any other name, or one that is not a plain name (it may be a token).
fn sqlx_option(name: &str) -> Option<&str> {
    let setting = name.strip_prefix("options[")?.strip_suffix(']')?;
    show::param_name(name)?;
    Some(setting)
}

/// Pieces of the query that libpq and tokio-postgres refuse and sqlx reads (through the
/// `url` crate): an empty one (`?&a=1`, `a=1&&b=2`; a last `&` is read by all three), one
/// without `=`, and (libpq alone) a second `=`. The parsed query skips empty pieces, so
/// the text is looked at here.
fn query_syntax_warnings(url: &Parsed, warn: &mut dyn FnMut(String)) {
    let query = url
        .text
        .get(url.uri.path.end()..)
        .and_then(|rest| rest.strip_prefix('?'))
        .unwrap_or("");
    let mut empty = false;
    let mut pieces = query.split('&').peekable();
    url.tail_warning(
        "libpq and tokio-postgres refuse it, sqlx reads it as a parameter of its own",
        warn,
    );
    // The pieces that are not empty are the parsed query's pairs, in order.
    let mut tails = url.tails();
    while let Some(piece) = pieces.next() {
        if piece.is_empty() {
            empty |= pieces.peek().is_some();
            continue;
        }
        if tails.next().unwrap_or(false) {
            continue;
        }
        let (name, value) = match piece.split_once('=') {
            Some((name, value)) => (decode(name), Some(value)),
            None => (decode(piece), None),
        };
        let named = match show::param_name(&name) {
            Some(name) => format!("parameter `{name}`"),
            None => "a parameter".to_owned(),
        };
        match value {
            None => warn(format!(
                "{named} without `=`: libpq and tokio-postgres refuse it, sqlx reads an empty \
                 value; write `=` and the value, or leave it out"
            )),
            Some(value) if value.has_byte(b'=') => warn(format!(
                "{named} has a second `=`: libpq refuses it, tokio-postgres and sqlx read it \
                 as part of the value; write it as %3D"
            )),
            Some(_) => {}
        }
    }
    if empty {
        warn(
            "an empty parameter (`&&`, or `&` right after `?`): libpq and tokio-postgres \
             refuse it, sqlx skips it; remove the extra `&`"
                .to_owned(),
        );
    }
}

/// libpq's two forms that require TLS and that no other driver reads: `ssl=true` (for
/// JDBC's sake) and `requiressl=1` (from before `sslmode`). Returns the form.
fn tls_required_by_libpq_alone(name: &str, value: &str) -> Option<&'static str> {
    match name {
        "ssl" if value == "true" => Some("ssl=true"),
        // libpq looks at the first character alone.
        "requiressl" if value.starts_with('1') => Some("requiressl=1"),
        _ => None,
    }
}

/// libpq, tokio-postgres and sqlx, in the order of [`ValueRule::takes`].
const DRIVERS: [&str; 3] = ["libpq", "tokio-postgres", "sqlx"];

/// What a driver takes as the value of a parameter.
#[derive(Clone, Copy)]
enum Takes {
    /// One of these words, as written.
    Words(&'static [&'static str]),
    /// One of these words, in any case (sqlx's `sslmode`).
    WordsAnyCase(&'static [&'static str]),
    /// A whole number as C's `strtol` reads it, in an `int`, spaces around it allowed
    /// (libpq).
    CInt,
    /// A whole number as Rust reads an `i64` (tokio-postgres' timeouts).
    I64,
    /// A whole number as Rust reads a `u64` (tokio-postgres' `keepalives`).
    U64,
    /// Anything: the driver ignores the parameter.
    Ignored,
}

impl Takes {
    fn refuses(self, value: &str) -> bool {
        match self {
            Takes::Words(words) => !words.contains(&value),
            Takes::WordsAnyCase(words) => !words.iter().any(|w| eq_ignore_case(w, value)),
            Takes::CInt => !c_int(value),
            Takes::I64 => value.parse::<i64>().is_err(),
            Takes::U64 => value.parse::<u64>().is_err(),
            Takes::Ignored => false,
        }
    }

    /// Whether `value` is one of its words, in any case: a value that may be shown.
    fn lists(self, value: &str) -> bool {
        match self {
            Takes::Words(words) | Takes::WordsAnyCase(words) => {
                words.iter().any(|w| eq_ignore_case(w, value))
            }
            _ => false,
        }
    }
}

/// Whether libpq's `parse_int_param` reads `value`: `strtol` (leading spaces, a sign,
/// digits) with only spaces after it, in an `int`.
fn c_int(value: &str) -> bool {
    let trimmed = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        // Through `i64`, whose parser the crate has anyway: one more integer type's parser is
        // 500 lines of LLVM IR in every build.
        && trimmed
            .parse::<i64>()
            .is_ok_and(|n| i32::try_from(n).is_ok())
}

/// A parameter whose value libpq, tokio-postgres and sqlx each check in their own way.
struct ValueRule {
    name: &'static str,
    /// What libpq, tokio-postgres and sqlx take, in the order of [`DRIVERS`].
    takes: [Takes; 3],
}

impl ValueRule {
    /// Which of the drivers refuse `value`, in the order of [`DRIVERS`].
    fn refused_by(&self, value: &str) -> [bool; 3] {
        self.takes.map(|takes| takes.refuses(value))
    }

    /// What to write, for a message: "one of `a`, `b` or `c`" (libpq's words that no
    /// driver refuses, or with `libpq_alone` all of libpq's), "a whole number".
    fn expected(&self, libpq_alone: bool) -> String {
        let (Takes::Words(words) | Takes::WordsAnyCase(words)) = self.takes[0] else {
            return "a whole number".to_owned();
        };
        let mut listed = Vec::with_capacity(words.len());
        for word in words {
            if libpq_alone || self.refused_by(word) == [false; 3] {
                listed.push(*word);
            }
        }
        crate::text::one_of(&listed)
    }
}

/// The parameters sqlx reads alike, each group one setting (the last given counts):
/// `PgConnectOptions::parse_from_url` of sqlx 0.8.
const SQLX_POSTGRES_ALIKE: &[&[&str]] = &[
    &["sslmode", "ssl-mode"],
    &["sslrootcert", "ssl-root-cert", "ssl-ca"],
    &["sslcert", "ssl-cert"],
    &["sslkey", "ssl-key"],
];

const SSLMODES: &[&str] = &[
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];

/// The parameters libpq and tokio-postgres both know whose values are checked: libpq's
/// `pqConnectOptions2` and `parse_int_param` (PostgreSQL 18), tokio-postgres 0.7's
/// `Config::param`, sqlx 0.8.6's `PgConnectOptions::parse_from_url`.
const VALUE_RULES: &[ValueRule] = &[
    ValueRule {
        name: "sslmode",
        takes: [
            Takes::Words(SSLMODES),
            Takes::Words(&["disable", "prefer", "require"]),
            Takes::WordsAnyCase(SSLMODES),
        ],
    },
    ValueRule {
        name: "target_session_attrs",
        takes: [
            Takes::Words(&[
                "any",
                "read-write",
                "read-only",
                "primary",
                "standby",
                "prefer-standby",
            ]),
            Takes::Words(&["any", "read-write", "read-only"]),
            Takes::Ignored,
        ],
    },
    ValueRule {
        name: "sslnegotiation",
        takes: [
            Takes::Words(&["postgres", "direct"]),
            Takes::Words(&["postgres", "direct"]),
            Takes::Ignored,
        ],
    },
    ValueRule {
        name: "channel_binding",
        takes: [
            Takes::Words(&["disable", "prefer", "require"]),
            Takes::Words(&["disable", "prefer", "require"]),
            Takes::Ignored,
        ],
    },
    ValueRule {
        name: "load_balance_hosts",
        takes: [
            Takes::Words(&["disable", "random"]),
            Takes::Words(&["disable", "random"]),
            Takes::Ignored,
        ],
    },
    ValueRule {
        name: "connect_timeout",
        takes: [Takes::CInt, Takes::I64, Takes::Ignored],
    },
    ValueRule {
        name: "tcp_user_timeout",
        takes: [Takes::CInt, Takes::I64, Takes::Ignored],
    },
    ValueRule {
        name: "keepalives",
        takes: [Takes::CInt, Takes::U64, Takes::Ignored],
    },
    ValueRule {
        name: "keepalives_idle",
        takes: [Takes::CInt, Takes::I64, Takes::Ignored],
    },
    ValueRule {
        name: "keepalives_interval",
        takes: [Takes::CInt, Takes::I64, Takes::Ignored],
    },
];

fn value_rule(name: &str) -> Option<&'static ValueRule> {
    VALUE_RULES.iter().find(|rule| rule.name == name)
}

/// What a value means to the drivers that read it, where a warning should say it:
/// parameter, value, meaning.
const MEANINGS: &[(&str, &str, &str)] = &[
    (
        "sslmode",
        "verify-full",
        "libpq and sqlx verify the server's certificate and its host name",
    ),
    (
        "sslmode",
        "verify-ca",
        "libpq and sqlx verify the server's certificate (not its host name)",
    ),
    ("sslmode", "allow", "libpq and sqlx try without TLS first"),
];

/// The warning for a value some of the drivers refuse (`refused`, in the order of
/// [`DRIVERS`]) and not all: who refuses it, what the others do with it.
fn value_warning(rule: &ValueRule, value: &str, refused: [bool; 3]) -> String {
    let shown = rule.takes.iter().any(|takes| takes.lists(value));
    let mut refusers = Vec::new();
    let mut readers = Vec::new();
    let mut ignorers = Vec::new();
    for ((driver, takes), refuses) in DRIVERS.iter().zip(rule.takes).zip(refused) {
        match (refuses, takes) {
            (true, _) => refusers.push(*driver),
            (false, Takes::Ignored) => ignorers.push(*driver),
            (false, _) => readers.push(*driver),
        }
    }
    let mut text = if shown {
        format!(
            "parameter `{}={value}`: {} it",
            rule.name,
            drivers_do(&refusers, "refuses", "refuse")
        )
    } else {
        format!(
            "parameter `{}`: {} its value",
            rule.name,
            drivers_do(&refusers, "refuses", "refuse")
        )
    };
    let meaning = MEANINGS
        .iter()
        .find(|(name, meant, _)| *name == rule.name && *meant == value);
    if let Some((_, _, meaning)) = meaning {
        text.push_str("; ");
        text.push_str(meaning);
    } else {
        if !readers.is_empty() {
            text.push_str(", ");
            text.push_str(&drivers_do(&readers, "reads it", "read it"));
        }
        if !ignorers.is_empty() {
            text.push_str(", ");
            text.push_str(&drivers_do(
                &ignorers,
                "ignores the parameter",
                "ignore the parameter",
            ));
        }
    }
    let lowercase = value.to_ascii_lowercase();
    if readers.is_empty() {
        // Every driver that looks at the value refuses it: say what they read.
        text.push_str("; write ");
        text.push_str(&rule.expected(false));
    } else if lowercase != value && !rule.takes[0].refuses(&lowercase) {
        text.push_str("; write it in lowercase");
    }
    text
}

/// "libpq refuses", "libpq and tokio-postgres refuse": `drivers` joined, with the verb
/// for one or for several.
fn drivers_do(drivers: &[&str], one: &str, several: &str) -> String {
    let mut text = String::new();
    for (i, driver) in drivers.iter().enumerate() {
        if i > 0 {
            text.push_str(if i + 1 == drivers.len() {
                " and "
            } else {
                ", "
            });
        }
        text.push_str(driver);
    }
    text.push(' ');
    text.push_str(if drivers.len() == 1 { one } else { several });
    text
}

/// libpq's connection keywords (PostgreSQL 18).
pub(super) const LIBPQ: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "require_auth",
    "channel_binding",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "replication",
    "gssencmode",
    "sslmode",
    "requiressl",
    "sslnegotiation",
    "sslcompression",
    "sslcert",
    "sslkey",
    "sslkeylogfile",
    "sslpassword",
    "sslcertmode",
    "sslrootcert",
    "sslcrl",
    "sslcrldir",
    "sslsni",
    "requirepeer",
    "ssl_min_protocol_version",
    "ssl_max_protocol_version",
    "min_protocol_version",
    "max_protocol_version",
    "krbsrvname",
    "gsslib",
    "gssdelegation",
    "service",
    "target_session_attrs",
    "load_balance_hosts",
    "oauth_issuer",
    "oauth_client_id",
    "oauth_client_secret",
    "oauth_scope",
];

/// The libpq version that brought each of its newer parameters: older ones refuse them
/// (`invalid URI query parameter`).
const LIBPQ_SINCE: &[(&str, u8)] = &[
    ("require_auth", 16),
    ("sslcertmode", 16),
    ("gssdelegation", 16),
    ("load_balance_hosts", 16),
    ("sslnegotiation", 17),
    ("sslkeylogfile", 18),
    ("min_protocol_version", 18),
    ("max_protocol_version", 18),
    ("oauth_issuer", 18),
    ("oauth_client_id", 18),
    ("oauth_client_secret", 18),
    ("oauth_scope", 18),
];

/// The parameters tokio-postgres 0.7 reads; it refuses every other.
const TOKIO_POSTGRES: &[&str] = &[
    "user",
    "password",
    "dbname",
    "options",
    "application_name",
    "sslmode",
    "sslnegotiation",
    "host",
    "hostaddr",
    "port",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
];

/// The names sqlx reads that libpq does not know; it ignores every other.
const SQLX_POSTGRES: &[&str] = &[
    "ssl-mode",
    "ssl-root-cert",
    "ssl-ca",
    "ssl-cert",
    "ssl-key",
    "statement-cache-capacity",
];
